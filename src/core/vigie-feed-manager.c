/* vigie-feed-manager.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed-manager"

#include "config.h"

#include "vigie-feed-manager.h"

/* The list of the feeds the application polls, as a GListModel so that
 * the feed health view can bind to it directly. */

struct _VigieFeedManager
{
  GObject     parent_instance;

  GListStore *feeds;
  gboolean    stopped;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieFeedManager, vigie_feed_manager, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
on_feeds_items_changed_cb (VigieFeedManager *self,
                           guint             position,
                           guint             removed,
                           guint             added,
                           GListModel       *model)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);

  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

static GType
vigie_feed_manager_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
vigie_feed_manager_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (VIGIE_FEED_MANAGER (model)->feeds));
}

static gpointer
vigie_feed_manager_get_item (GListModel *model,
                             guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (VIGIE_FEED_MANAGER (model)->feeds), position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = vigie_feed_manager_get_item_type;
  iface->get_n_items = vigie_feed_manager_get_n_items;
  iface->get_item = vigie_feed_manager_get_item;
}

static void
vigie_feed_manager_dispose (GObject *object)
{
  VigieFeedManager *self = (VigieFeedManager *)object;

  vigie_feed_manager_stop (self);
  g_clear_object (&self->feeds);

  G_OBJECT_CLASS (vigie_feed_manager_parent_class)->dispose (object);
}

static void
vigie_feed_manager_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VigieFeedManager *self = VIGIE_FEED_MANAGER (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_feed_manager_class_init (VigieFeedManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_feed_manager_dispose;
  object_class->get_property = vigie_feed_manager_get_property;

  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_feed_manager_init (VigieFeedManager *self)
{
  self->feeds = g_list_store_new (G_TYPE_OBJECT);
  g_signal_connect_object (self->feeds,
                           "items-changed",
                           G_CALLBACK (on_feeds_items_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);
}

VigieFeedManager *
vigie_feed_manager_new (void)
{
  return g_object_new (VIGIE_TYPE_FEED_MANAGER, NULL);
}

void
vigie_feed_manager_add (VigieFeedManager *self,
                        GObject          *feed)
{
  g_return_if_fail (VIGIE_IS_FEED_MANAGER (self));
  g_return_if_fail (G_IS_OBJECT (feed));

  g_list_store_append (self->feeds, feed);
}

gboolean
vigie_feed_manager_remove (VigieFeedManager *self,
                           GObject          *feed)
{
  guint position;

  g_return_val_if_fail (VIGIE_IS_FEED_MANAGER (self), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (feed), FALSE);

  if (!g_list_store_find (self->feeds, feed, &position))
    return FALSE;

  g_list_store_remove (self->feeds, position);
  return TRUE;
}

/**
 * vigie_feed_manager_stop:
 * @self: a #VigieFeedManager
 *
 * Stops polling. Called on shutdown so that no request outlives the
 * application.
 */
void
vigie_feed_manager_stop (VigieFeedManager *self)
{
  g_return_if_fail (VIGIE_IS_FEED_MANAGER (self));

  self->stopped = TRUE;
}

gboolean
vigie_feed_manager_is_stopped (VigieFeedManager *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED_MANAGER (self), FALSE);

  return self->stopped;
}
