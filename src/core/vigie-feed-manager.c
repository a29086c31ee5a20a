/* vigie-feed-manager.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed-manager"

#include "config.h"

#include "vigie-clock.h"
#include "vigie-feed-manager.h"

/* The feeds the application polls, as a GListModel of VigieFeed so that
 * the feed health view binds to it directly. It owns the one HTTP client
 * they share, starts and stops them together, and ticks their freshness:
 * data gets old without any event, and a quiet feed must turn stale on
 * screen all the same. */

#define FRESHNESS_TICK_S 5

struct _VigieFeedManager
{
  GObject          parent_instance;

  VigieHttpClient *client;
  GListStore      *feeds;
  guint            tick_id;
  gboolean         running;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieFeedManager, vigie_feed_manager, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_N_ITEMS,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  TICK,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

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

static gboolean
on_tick_cb (gpointer user_data)
{
  VigieFeedManager *self = user_data;
  gint64 now = vigie_clock_now ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->feeds));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieFeed) feed = g_list_model_get_item (G_LIST_MODEL (self->feeds), i);

      vigie_feed_update_freshness (feed, now);
    }

  g_signal_emit (self, signals [TICK], 0, now);

  return G_SOURCE_CONTINUE;
}

static GType
vigie_feed_manager_get_item_type (GListModel *model)
{
  return VIGIE_TYPE_FEED;
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

  if (self->feeds != NULL)
    vigie_feed_manager_stop (self);
  g_clear_object (&self->feeds);
  g_clear_object (&self->client);

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
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self)));
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_feed_manager_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VigieFeedManager *self = VIGIE_FEED_MANAGER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
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
  object_class->set_property = vigie_feed_manager_set_property;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         VIGIE_TYPE_HTTP_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VigieFeedManager::tick:
   * @self: a #VigieFeedManager
   * @now: the current time, unix seconds
   *
   * Emitted every few seconds while the manager runs, after the feeds
   * updated their freshness, so that ages shown in words stay true.
   */
  signals [TICK] =
    g_signal_new ("tick",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
vigie_feed_manager_init (VigieFeedManager *self)
{
  self->feeds = g_list_store_new (VIGIE_TYPE_FEED);
  g_signal_connect_object (self->feeds,
                           "items-changed",
                           G_CALLBACK (on_feeds_items_changed_cb),
                           self,
                           G_CONNECT_SWAPPED);
}

/**
 * vigie_feed_manager_new:
 * @client: the HTTP client every feed shares
 *
 * Returns: (transfer full): a new, stopped feed manager
 */
VigieFeedManager *
vigie_feed_manager_new (VigieHttpClient *client)
{
  g_return_val_if_fail (VIGIE_IS_HTTP_CLIENT (client), NULL);

  return g_object_new (VIGIE_TYPE_FEED_MANAGER,
                       "client", client,
                       NULL);
}

/**
 * vigie_feed_manager_get_client:
 * @self: a #VigieFeedManager
 *
 * Returns: (transfer none): the shared HTTP client
 */
VigieHttpClient *
vigie_feed_manager_get_client (VigieFeedManager *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED_MANAGER (self), NULL);

  return self->client;
}

/**
 * vigie_feed_manager_add:
 * @self: a #VigieFeedManager
 * @feed: a feed; it starts at once if the manager runs
 */
void
vigie_feed_manager_add (VigieFeedManager *self,
                        VigieFeed        *feed)
{
  g_return_if_fail (VIGIE_IS_FEED_MANAGER (self));
  g_return_if_fail (VIGIE_IS_FEED (feed));

  g_list_store_append (self->feeds, feed);

  if (self->running)
    vigie_feed_start (feed, self->client);
}

/**
 * vigie_feed_manager_insert:
 * @self: a #VigieFeedManager
 * @position: where, clamped to the end
 * @feed: a feed; it starts at once if the manager runs
 */
void
vigie_feed_manager_insert (VigieFeedManager *self,
                           guint             position,
                           VigieFeed        *feed)
{
  g_return_if_fail (VIGIE_IS_FEED_MANAGER (self));
  g_return_if_fail (VIGIE_IS_FEED (feed));

  g_list_store_insert (self->feeds, MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->feeds))), feed);

  if (self->running)
    vigie_feed_start (feed, self->client);
}

/**
 * vigie_feed_manager_remove:
 * @self: a #VigieFeedManager
 * @feed: a feed of the manager; it is stopped
 *
 * Returns: whether @feed was there
 */
gboolean
vigie_feed_manager_remove (VigieFeedManager *self,
                           VigieFeed        *feed)
{
  guint position;

  g_return_val_if_fail (VIGIE_IS_FEED_MANAGER (self), FALSE);
  g_return_val_if_fail (VIGIE_IS_FEED (feed), FALSE);

  if (!g_list_store_find (self->feeds, feed, &position))
    return FALSE;

  vigie_feed_stop (feed);
  g_list_store_remove (self->feeds, position);
  return TRUE;
}

/**
 * vigie_feed_manager_lookup:
 * @self: a #VigieFeedManager
 * @id: a feed id
 *
 * Returns: (transfer none) (nullable): the feed of that id
 */
VigieFeed *
vigie_feed_manager_lookup (VigieFeedManager *self,
                           const char       *id)
{
  guint n;

  g_return_val_if_fail (VIGIE_IS_FEED_MANAGER (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->feeds));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieFeed) feed = g_list_model_get_item (G_LIST_MODEL (self->feeds), i);

      if (g_str_equal (vigie_feed_get_id (feed), id))
        return feed;
    }

  return NULL;
}

/**
 * vigie_feed_manager_load_profile:
 * @self: a #VigieFeedManager
 * @profile: (nullable): a city profile, or %NULL for no feeds
 *
 * Replaces every feed with those of @profile, in one items-changed.
 */
void
vigie_feed_manager_load_profile (VigieFeedManager *self,
                                 VigieProfile     *profile)
{
  g_autoptr(GPtrArray) feeds = NULL;
  guint n;

  g_return_if_fail (VIGIE_IS_FEED_MANAGER (self));
  g_return_if_fail (!profile || VIGIE_IS_PROFILE (profile));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->feeds));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieFeed) feed = g_list_model_get_item (G_LIST_MODEL (self->feeds), i);

      vigie_feed_stop (feed);
    }

  feeds = profile ? vigie_profile_create_feeds (profile)
                  : g_ptr_array_new_with_free_func (g_object_unref);

  g_list_store_splice (self->feeds, 0, n, feeds->pdata, feeds->len);

  if (self->running)
    for (guint i = 0; i < feeds->len; i++)
      vigie_feed_start (g_ptr_array_index (feeds, i), self->client);
}

/**
 * vigie_feed_manager_start:
 * @self: a #VigieFeedManager
 *
 * Starts every enabled feed.
 */
void
vigie_feed_manager_start (VigieFeedManager *self)
{
  guint n;

  g_return_if_fail (VIGIE_IS_FEED_MANAGER (self));

  if (self->running)
    return;

  self->running = TRUE;
  self->tick_id = g_timeout_add_seconds (FRESHNESS_TICK_S, on_tick_cb, self);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->feeds));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieFeed) feed = g_list_model_get_item (G_LIST_MODEL (self->feeds), i);

      vigie_feed_start (feed, self->client);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RUNNING]);
}

/**
 * vigie_feed_manager_stop:
 * @self: a #VigieFeedManager
 *
 * Stops polling and cancels every request in flight, as on shutdown. The
 * data stays in the stores.
 */
void
vigie_feed_manager_stop (VigieFeedManager *self)
{
  guint n;

  g_return_if_fail (VIGIE_IS_FEED_MANAGER (self));

  g_clear_handle_id (&self->tick_id, g_source_remove);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->feeds));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieFeed) feed = g_list_model_get_item (G_LIST_MODEL (self->feeds), i);

      vigie_feed_stop (feed);
    }

  if (self->running)
    {
      self->running = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RUNNING]);
    }
}

gboolean
vigie_feed_manager_is_running (VigieFeedManager *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED_MANAGER (self), FALSE);

  return self->running;
}

/**
 * vigie_feed_manager_refresh_all:
 * @self: a #VigieFeedManager
 *
 * Fetches every running feed now.
 */
void
vigie_feed_manager_refresh_all (VigieFeedManager *self)
{
  guint n;

  g_return_if_fail (VIGIE_IS_FEED_MANAGER (self));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->feeds));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieFeed) feed = g_list_model_get_item (G_LIST_MODEL (self->feeds), i);

      vigie_feed_refresh (feed);
    }
}
