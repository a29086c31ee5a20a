/* vigie-layer-manager.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-layer-manager"

#include "config.h"

#include "vigie-layer-manager.h"
#include "vigie-map-layer-private.h"

/* One VigieMapLayer per feed, kept in step with the feed manager: several
 * bike systems, several tram networks, each its own layer on the map. The
 * manager is a GListModel of those layers, in the feeds' order, for the
 * layers panel to bind. Layers are drawn in that order too: a feed added
 * later is drawn above. */

struct _VigieLayerManager
{
  GObject           parent_instance;

  ShumateMap       *map;              /* weak: the map owns its layers */
  VigieFeedManager *feeds;
  GPtrArray        *layers;           /* VigieMapLayer, parallel to feeds */
  VigieMapGroups   *groups;           /* placed together, so that no two overlap */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieLayerManager, vigie_layer_manager, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_MAP,
  PROP_FEEDS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
remove_layer (VigieLayerManager *self,
              VigieMapLayer     *layer)
{
  if (self->map != NULL && gtk_widget_get_parent (GTK_WIDGET (layer)) == GTK_WIDGET (self->map))
    shumate_map_remove_layer (self->map, SHUMATE_LAYER (layer));
}

static void
on_feeds_items_changed_cb (VigieLayerManager *self,
                           guint              position,
                           guint              removed,
                           guint              added,
                           GListModel        *feeds)
{
  for (guint i = 0; i < removed; i++)
    {
      vigie_map_layer_set_groups (g_ptr_array_index (self->layers, position + i), NULL);
      remove_layer (self, g_ptr_array_index (self->layers, position + i));
    }
  g_ptr_array_remove_range (self->layers, position, removed);

  for (guint i = 0; i < added; i++)
    {
      g_autoptr(VigieFeed) feed = g_list_model_get_item (feeds, position + i);
      VigieMapLayer *layer;

      layer = g_object_ref_sink (vigie_map_layer_new_for_feed (shumate_map_get_viewport (self->map), feed));
      vigie_map_layer_set_groups (layer, self->groups);
      g_ptr_array_insert (self->layers, position + i, layer);
    }

  /* Stack the new layers in model order, above those before them. */
  for (guint i = 0; i < added; i++)
    {
      VigieMapLayer *layer = g_ptr_array_index (self->layers, position + i);

      if (self->map == NULL)
        break;

      if (position + i > 0)
        shumate_map_insert_layer_above (self->map, SHUMATE_LAYER (layer),
                                        g_ptr_array_index (self->layers, position + i - 1));
      else if (self->layers->len > added)
        shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (layer),
                                         g_ptr_array_index (self->layers, added));
      else
        shumate_map_add_layer (self->map, SHUMATE_LAYER (layer));
    }

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static GType
vigie_layer_manager_get_item_type (GListModel *model)
{
  return VIGIE_TYPE_MAP_LAYER;
}

static guint
vigie_layer_manager_get_n_items (GListModel *model)
{
  return VIGIE_LAYER_MANAGER (model)->layers->len;
}

static gpointer
vigie_layer_manager_get_item (GListModel *model,
                              guint       position)
{
  VigieLayerManager *self = VIGIE_LAYER_MANAGER (model);

  if (position >= self->layers->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->layers, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = vigie_layer_manager_get_item_type;
  iface->get_n_items = vigie_layer_manager_get_n_items;
  iface->get_item = vigie_layer_manager_get_item;
}

static void
vigie_layer_manager_constructed (GObject *object)
{
  VigieLayerManager *self = VIGIE_LAYER_MANAGER (object);

  G_OBJECT_CLASS (vigie_layer_manager_parent_class)->constructed (object);

  g_signal_connect_object (self->feeds, "items-changed", G_CALLBACK (on_feeds_items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  on_feeds_items_changed_cb (self, 0, 0, g_list_model_get_n_items (G_LIST_MODEL (self->feeds)),
                             G_LIST_MODEL (self->feeds));
}

static void
vigie_layer_manager_dispose (GObject *object)
{
  VigieLayerManager *self = VIGIE_LAYER_MANAGER (object);

  if (self->layers != NULL)
    {
      for (guint i = 0; i < self->layers->len; i++)
        remove_layer (self, g_ptr_array_index (self->layers, i));
      g_ptr_array_set_size (self->layers, 0);
    }
  g_clear_weak_pointer (&self->map);
  g_clear_object (&self->feeds);
  g_clear_object (&self->groups);

  G_OBJECT_CLASS (vigie_layer_manager_parent_class)->dispose (object);
}

static void
vigie_layer_manager_finalize (GObject *object)
{
  VigieLayerManager *self = VIGIE_LAYER_MANAGER (object);

  g_clear_pointer (&self->layers, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_layer_manager_parent_class)->finalize (object);
}

static void
vigie_layer_manager_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VigieLayerManager *self = VIGIE_LAYER_MANAGER (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;

    case PROP_FEEDS:
      g_value_set_object (value, self->feeds);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_layer_manager_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  VigieLayerManager *self = VIGIE_LAYER_MANAGER (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_set_weak_pointer (&self->map, g_value_get_object (value));
      break;

    case PROP_FEEDS:
      self->feeds = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_layer_manager_class_init (VigieLayerManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = vigie_layer_manager_constructed;
  object_class->dispose = vigie_layer_manager_dispose;
  object_class->finalize = vigie_layer_manager_finalize;
  object_class->get_property = vigie_layer_manager_get_property;
  object_class->set_property = vigie_layer_manager_set_property;

  properties [PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL,
                         SHUMATE_TYPE_MAP,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_FEEDS] =
    g_param_spec_object ("feeds", NULL, NULL,
                         VIGIE_TYPE_FEED_MANAGER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_layer_manager_init (VigieLayerManager *self)
{
  self->layers = g_ptr_array_new_with_free_func (g_object_unref);
  self->groups = vigie_map_groups_new ();
}

/**
 * vigie_layer_manager_new:
 * @map: the map to put the layers on
 * @feeds: the feeds to show, one layer each
 *
 * Returns: (transfer full): a new manager
 */
VigieLayerManager *
vigie_layer_manager_new (ShumateMap       *map,
                         VigieFeedManager *feeds)
{
  g_return_val_if_fail (SHUMATE_IS_MAP (map), NULL);
  g_return_val_if_fail (VIGIE_IS_FEED_MANAGER (feeds), NULL);

  return g_object_new (VIGIE_TYPE_LAYER_MANAGER,
                       "map", map,
                       "feeds", feeds,
                       NULL);
}

/**
 * vigie_layer_manager_get_map:
 * @self: a #VigieLayerManager
 *
 * Returns: (transfer none) (nullable): the map, %NULL once destroyed
 */
ShumateMap *
vigie_layer_manager_get_map (VigieLayerManager *self)
{
  g_return_val_if_fail (VIGIE_IS_LAYER_MANAGER (self), NULL);

  return self->map;
}

/**
 * vigie_layer_manager_get_feeds:
 * @self: a #VigieLayerManager
 *
 * Returns: (transfer none): the feed manager
 */
VigieFeedManager *
vigie_layer_manager_get_feeds (VigieLayerManager *self)
{
  g_return_val_if_fail (VIGIE_IS_LAYER_MANAGER (self), NULL);

  return self->feeds;
}

/**
 * vigie_layer_manager_lookup:
 * @self: a #VigieLayerManager
 * @feed: a feed of the feed manager
 *
 * Returns: (transfer none) (nullable): the layer that shows @feed
 */
VigieMapLayer *
vigie_layer_manager_lookup (VigieLayerManager *self,
                            VigieFeed         *feed)
{
  g_return_val_if_fail (VIGIE_IS_LAYER_MANAGER (self), NULL);

  for (guint i = 0; i < self->layers->len; i++)
    {
      VigieMapLayer *layer = g_ptr_array_index (self->layers, i);

      if (vigie_map_layer_get_feed (layer) == feed)
        return layer;
    }

  return NULL;
}
