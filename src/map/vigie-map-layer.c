/* vigie-map-layer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-map-layer"

#include "config.h"

#include "vigie-clock.h"
#include "vigie-map-a11y.h"
#include "vigie-map-labels.h"
#include "vigie-enums.h"
#include "vigie-map-layer-private.h"
#include "vigie-store.h"
#include "vigie-hash.h"

/* A whole store of entities drawn in one snapshot().
 *
 * ShumateMarkerLayer makes a widget per marker and allocates them all at
 * every pan; here an entity is a texture node. Everything that depends
 * only on the data is done once per store update, in items-changed: the
 * style of each entity, its texture (one per distinct symbol, shared),
 * its Web-Mercator position and a spatial index of them all. Each frame
 * then asks the index what lies in the viewport and appends one texture
 * node for each. Clusters are computed once per integer zoom level and
 * update.
 *
 * Entities that move (same key, new position) glide to their new place,
 * a frame a pixel and none between (vigie-map-layer-glide.c).
 *
 * The concerns are split over vigie-map-layer-private.h, which says
 * which file does what. */

G_DEFINE_FINAL_TYPE (VigieMapLayer, vigie_map_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_FEED,
  PROP_KIND,
  PROP_TITLE,
  PROP_ICON_NAME,
  PROP_CLUSTERING,
  PROP_SELECTED,
  PROP_BUSY,
  PROP_FILTER,
  PROP_N_MATCHING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/*
 * Auxiliary methods
 */

static void
update_accessible_label (VigieMapLayer *self)
{
  g_autofree char *label = vigie_map_a11y_layer_label (self->kind, self->title);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* The items have no accessible object of their own: the layer's
 * description says which one is selected, for a screen reader to read
 * as the selection moves. */
static void
update_accessible_description (VigieMapLayer *self)
{
  g_autofree char *text = NULL;

  if (self->selected == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  text = vigie_map_a11y_describe (self->kind, self->selected, &self->thresholds,
                                  vigie_clock_now ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

/*
 * Callbacks
 */

static void
on_model_items_changed_cb (VigieMapLayer *self,
                           guint          position,
                           guint          removed,
                           guint          added,
                           GListModel    *model)
{
  vigie_map_layer_rebuild (self);
}

/* A store says once per update, after its items-changed, that it shows a
 * new snapshot: one rebuild, however many runs changed. */
static void
on_store_applied_cb (VigieMapLayer *self,
                     GParamSpec    *pspec,
                     VigieStore    *store)
{
  vigie_map_layer_rebuild (self);
}

static void
on_visible_cb (VigieMapLayer *self,
               GParamSpec    *pspec,
               gpointer       user_data)
{
  if (self->groups != NULL)
    vigie_map_groups_changed (self->groups);
}

static void
on_feed_freshness_cb (VigieMapLayer *self,
                      GParamSpec    *pspec,
                      VigieFeed     *feed)
{
  vigie_map_layer_rebuild (self);
}

static void
on_feed_enabled_cb (VigieMapLayer *self,
                    GParamSpec    *pspec,
                    VigieFeed     *feed)
{
  gtk_widget_set_visible (GTK_WIDGET (self), vigie_feed_get_enabled (feed));
}

static void
on_viewport_changed_cb (VigieMapLayer *self,
                        GParamSpec    *pspec,
                        gpointer       viewport)
{
  vigie_map_layer_raster_view_changed (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->popover != NULL && gtk_widget_get_visible (self->popover))
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/*
 * Overrides
 */

static void
vigie_map_layer_realize (GtkWidget *widget)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (widget);

  GTK_WIDGET_CLASS (vigie_map_layer_parent_class)->realize (widget);

  /* Textures are drawn for the display's scale: only known now. */
  if (self->texture_scale != gtk_widget_get_scale_factor (widget))
    {
      vigie_map_layer_update_arts (self);
      g_hash_table_remove_all (self->cluster_sets);
    }
}

static void
vigie_map_layer_constructed (GObject *object)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (vigie_map_layer_parent_class)->constructed (object);

  update_accessible_label (self);
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (on_viewport_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* Shown or hidden, its groups make room or give it back. */
  g_signal_connect (self, "notify::visible", G_CALLBACK (on_visible_cb), NULL);

  if (self->feed != NULL)
    {
      /* A feed that stops answering changes no item, but ages them all;
       * one turned off shows nothing. */
      g_signal_connect_object (self->feed, "notify::freshness", G_CALLBACK (on_feed_freshness_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->feed, "notify::enabled", G_CALLBACK (on_feed_enabled_cb),
                               self, G_CONNECT_SWAPPED);
      on_feed_enabled_cb (self, NULL, self->feed);
    }
}

static void
vigie_map_layer_dispose (GObject *object)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (object);

  vigie_map_layer_cancel_plan (self);
  vigie_map_layer_drop_raster (self);
  vigie_map_layer_stop_items (self);
  vigie_map_layer_set_groups (self, NULL);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->model, on_model_items_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->model, on_store_applied_cb, self);
    }
  g_clear_object (&self->model);
  g_clear_object (&self->feed);
  g_clear_object (&self->selected);

  G_OBJECT_CLASS (vigie_map_layer_parent_class)->dispose (object);
}

static void
vigie_map_layer_finalize (GObject *object)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (object);

  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->index, vigie_spatial_index_free);
  g_clear_pointer (&self->shapes, vigie_shapes_unref);
  g_clear_pointer (&self->cluster_sets, g_hash_table_unref);
  g_clear_pointer (&self->symbols, g_array_unref);
  g_clear_pointer (&self->arts, g_ptr_array_unref);
  self->textures = NULL;
  g_clear_pointer (&self->art_cache, vigie_map_art_cache_unref);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_pointer (&self->summaries, g_hash_table_unref);
  g_clear_pointer (&self->scratch, g_array_unref);
  vigie_map_node_cache_clear (&self->still_shapes);
  vigie_map_node_cache_clear (&self->still_heat);
  vigie_map_node_cache_clear (&self->still_leaders);
  vigie_map_node_cache_clear (&self->still_symbols);
  vigie_map_node_cache_clear (&self->still_raster);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->icon_name, g_free);

  G_OBJECT_CLASS (vigie_map_layer_parent_class)->finalize (object);
}

static void
vigie_map_layer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_FEED:
      g_value_set_object (value, self->feed);
      break;

    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
      break;

    case PROP_CLUSTERING:
      g_value_set_boolean (value, self->clustering);
      break;

    case PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, vigie_map_layer_get_busy (self));
      break;

    case PROP_FILTER:
      g_value_set_flags (value, self->filter);
      break;

    case PROP_N_MATCHING:
      g_value_set_uint (value, self->n_matching);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_map_layer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      vigie_map_layer_set_model (self, g_value_get_object (value));
      break;

    case PROP_FEED:
      self->feed = g_value_dup_object (value);
      break;

    case PROP_KIND:
      self->kind = g_value_get_uint (value);
      break;

    case PROP_TITLE:
      vigie_map_layer_set_title (self, g_value_get_string (value));
      break;

    case PROP_ICON_NAME:
      vigie_map_layer_set_icon_name (self, g_value_get_string (value));
      break;

    case PROP_CLUSTERING:
      vigie_map_layer_set_clustering (self, g_value_get_boolean (value));
      break;

    case PROP_FILTER:
      vigie_map_layer_set_filter (self, g_value_get_flags (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_map_layer_class_init (VigieMapLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vigie_map_layer_constructed;
  object_class->dispose = vigie_map_layer_dispose;
  object_class->finalize = vigie_map_layer_finalize;
  object_class->get_property = vigie_map_layer_get_property;
  object_class->set_property = vigie_map_layer_set_property;

  widget_class->snapshot = vigie_map_layer_snapshot;
  widget_class->contains = vigie_map_layer_contains;
  widget_class->query_tooltip = vigie_map_layer_query_tooltip;
  widget_class->size_allocate = vigie_map_layer_size_allocate;
  widget_class->realize = vigie_map_layer_realize;

  properties [PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_FEED] =
    g_param_spec_object ("feed", NULL, NULL,
                         VIGIE_TYPE_FEED,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* A VigieFeedKind: the core registers no enum type for it. */
  properties [PROP_KIND] =
    g_param_spec_uint ("kind", NULL, NULL,
                       0, VIGIE_N_FEED_KINDS - 1, VIGIE_FEED_KIND_BIKES,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* "title", not "name": GtkWidget:name is the widget's CSS name. */
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_CLUSTERING] =
    g_param_spec_boolean ("clustering", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL,
                         VIGIE_TYPE_ENTITY,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Its items are being rebuilt, or painted, in a worker; it shows the
   * previous ones. */
  properties [PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The states it is narrowed to (vigie-filter.h); none: everything. */
  properties [PROP_FILTER] =
    g_param_spec_flags ("filter", NULL, NULL,
                        VIGIE_TYPE_FILTER, VIGIE_FILTER_NONE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* What its filter keeps, counted by the worker that built its items;
   * notified when any of its counts changed (vigie_map_layer_get_filter_counts()). */
  properties [PROP_N_MATCHING] =
    g_param_spec_uint ("n-matching", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "vigie-map-layer");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
free_layout_slot (gpointer data)
{
  PangoLayout **slot = data;

  g_clear_object (slot);
  g_free (slot);
}

static void
vigie_map_layer_init (VigieMapLayer *self)
{
  self->clustering = TRUE;
  self->rasterize = TRUE;
  self->texture_scale = 1;
  vigie_style_thresholds_init (&self->thresholds);

  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, vigie_map_item_clear);
  self->by_key = g_hash_table_new (vigie_str_hash, g_str_equal);
  self->symbols = g_array_new (FALSE, FALSE, sizeof (VigieSymbol));
  self->arts = g_ptr_array_new_with_free_func (vigie_map_art_release);
  self->art_cache = vigie_map_art_cache_new ();
  self->textures = vigie_map_art_cache_get_table (self->art_cache);
  self->layouts = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, free_layout_slot);
  self->summaries = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, g_object_unref);
  self->cluster_sets = g_hash_table_new_full (NULL, NULL, NULL, vigie_cluster_set_free);
  self->scratch = g_array_new (FALSE, FALSE, sizeof (guint));
  self->index = vigie_spatial_index_new (NULL, 0);
  vigie_map_node_cache_init (&self->still_shapes, (GDestroyNotify) vigie_shapes_unref);
  vigie_map_node_cache_init (&self->still_heat, NULL);
  vigie_map_node_cache_init (&self->still_leaders, NULL);
  vigie_map_node_cache_init (&self->still_symbols, vigie_map_art_release);
  vigie_map_node_cache_init (&self->still_raster, vigie_map_raster_release);

  vigie_map_layer_init_input (self);
}

/*
 * Public API
 */

/**
 * vigie_map_layer_new:
 * @viewport: the map's viewport
 * @kind: what the entities are, for their style
 * @model: (nullable): a #GListModel of #VigieEntity, such as a #VigieStore
 *
 * Returns: (transfer floating): a new layer, to add with shumate_map_add_layer()
 */
VigieMapLayer *
vigie_map_layer_new (ShumateViewport *viewport,
                     VigieFeedKind    kind,
                     GListModel      *model)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (model == NULL || G_IS_LIST_MODEL (model), NULL);

  return g_object_new (VIGIE_TYPE_MAP_LAYER,
                       "viewport", viewport,
                       "kind", (guint) kind,
                       "model", model,
                       "icon-name", vigie_style_kind_icon_name (kind),
                       NULL);
}

/**
 * vigie_map_layer_new_for_feed:
 * @viewport: the map's viewport
 * @feed: a feed: the layer shows its store, and its name as title
 *
 * Returns: (transfer floating): a new layer
 */
VigieMapLayer *
vigie_map_layer_new_for_feed (ShumateViewport *viewport,
                              VigieFeed       *feed)
{
  VigieMapLayer *self;

  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (VIGIE_IS_FEED (feed), NULL);

  self = g_object_new (VIGIE_TYPE_MAP_LAYER,
                       "viewport", viewport,
                       "feed", feed,
                       "kind", (guint) vigie_feed_get_kind (feed),
                       "model", vigie_feed_get_store (feed),
                       "icon-name", vigie_style_kind_icon_name (vigie_feed_get_kind (feed)),
                       NULL);
  g_object_bind_property (feed, "name", self, "title", G_BINDING_SYNC_CREATE);

  return self;
}

GListModel *
vigie_map_layer_get_model (VigieMapLayer *self)
{
  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), NULL);

  return self->model;
}

/**
 * vigie_map_layer_set_model:
 * @self: a #VigieMapLayer
 * @model: (nullable): a #GListModel of #VigieEntity
 */
void
vigie_map_layer_set_model (VigieMapLayer *self,
                           GListModel    *model)
{
  g_return_if_fail (VIGIE_IS_MAP_LAYER (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->model, on_model_items_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->model, on_store_applied_cb, self);
    }
  g_set_object (&self->model, model);
  if (VIGIE_IS_STORE (self->model))
    g_signal_connect_object (self->model, "notify::applied-at", G_CALLBACK (on_store_applied_cb),
                             self, G_CONNECT_SWAPPED);
  else if (self->model != NULL)
    g_signal_connect_object (self->model, "items-changed", G_CALLBACK (on_model_items_changed_cb),
                             self, G_CONNECT_SWAPPED);

  vigie_map_layer_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MODEL]);
}

VigieFeedKind
vigie_map_layer_get_kind (VigieMapLayer *self)
{
  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), 0);

  return self->kind;
}

/**
 * vigie_map_layer_get_feed:
 * @self: a #VigieMapLayer
 *
 * Returns: (transfer none) (nullable): the feed the layer shows
 */
VigieFeed *
vigie_map_layer_get_feed (VigieMapLayer *self)
{
  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), NULL);

  return self->feed;
}

const char *
vigie_map_layer_get_title (VigieMapLayer *self)
{
  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), NULL);

  return self->title;
}

void
vigie_map_layer_set_title (VigieMapLayer *self,
                           const char    *title)
{
  g_return_if_fail (VIGIE_IS_MAP_LAYER (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  update_accessible_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
}

const char *
vigie_map_layer_get_icon_name (VigieMapLayer *self)
{
  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), NULL);

  return self->icon_name;
}

void
vigie_map_layer_set_icon_name (VigieMapLayer *self,
                               const char    *icon_name)
{
  g_return_if_fail (VIGIE_IS_MAP_LAYER (self));

  if (g_strcmp0 (self->icon_name, icon_name) == 0)
    return;

  g_free (self->icon_name);
  self->icon_name = g_strdup (icon_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ICON_NAME]);
}

gboolean
vigie_map_layer_get_clustering (VigieMapLayer *self)
{
  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), FALSE);

  return self->clustering;
}

/**
 * vigie_map_layer_set_clustering:
 * @self: a #VigieMapLayer
 * @clustering: whether to group close things below
 *   %VIGIE_MAP_LAYER_CLUSTER_MAX_ZOOM
 */
void
vigie_map_layer_set_clustering (VigieMapLayer *self,
                                gboolean       clustering)
{
  g_return_if_fail (VIGIE_IS_MAP_LAYER (self));

  clustering = !!clustering;
  if (self->clustering == clustering)
    return;

  self->clustering = clustering;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CLUSTERING]);
}

const VigieStyleThresholds *
vigie_map_layer_get_thresholds (VigieMapLayer *self)
{
  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), NULL);

  return &self->thresholds;
}

/**
 * vigie_map_layer_set_thresholds:
 * @self: a #VigieMapLayer
 * @thresholds: (nullable): new thresholds, or %NULL for the defaults
 *
 * Restyles every entity, as from preferences.
 */
void
vigie_map_layer_set_thresholds (VigieMapLayer              *self,
                                const VigieStyleThresholds *thresholds)
{
  g_return_if_fail (VIGIE_IS_MAP_LAYER (self));

  if (thresholds != NULL)
    self->thresholds = *thresholds;
  else
    vigie_style_thresholds_init (&self->thresholds);

  vigie_map_art_cache_clear (self->art_cache);
  vigie_map_layer_rebuild (self);
}

/* The plan's counts were applied: they changed. */
void
vigie_map_layer_notify_counts (VigieMapLayer *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_MATCHING]);
}

/**
 * vigie_map_layer_get_filter:
 * @self: a #VigieMapLayer
 *
 * Returns: the #VigieFilter mask it is narrowed to
 */
guint
vigie_map_layer_get_filter (VigieMapLayer *self)
{
  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), VIGIE_FILTER_NONE);

  return self->filter;
}

/**
 * vigie_map_layer_set_filter:
 * @self: a #VigieMapLayer
 * @filter: a #VigieFilter mask, among those its kind offers
 *
 * Draws only the things in one of the states of @filter (and the lines
 * they run on); none draws everything. The items are rebuilt in a worker,
 * which tests each entity there: the main thread only starts it.
 */
void
vigie_map_layer_set_filter (VigieMapLayer *self,
                            guint          filter)
{
  g_return_if_fail (VIGIE_IS_MAP_LAYER (self));

  filter &= vigie_filter_offered (self->kind);
  if (self->filter == filter)
    return;

  self->filter = filter;
  vigie_map_layer_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FILTER]);
}

/**
 * vigie_map_layer_get_filter_counts:
 * @self: a #VigieMapLayer
 * @n_matching: (out) (optional): the things its filter keeps
 * @n_targets: (out) (optional): of how many it could filter
 *
 * As of the items drawn now.
 */
void
vigie_map_layer_get_filter_counts (VigieMapLayer *self,
                                   guint         *n_matching,
                                   guint         *n_targets)
{
  g_return_if_fail (VIGIE_IS_MAP_LAYER (self));

  if (n_matching != NULL)
    *n_matching = self->n_matching;
  if (n_targets != NULL)
    *n_targets = self->n_targets;
}

/**
 * vigie_map_layer_count_filter:
 * @self: a #VigieMapLayer
 * @filter: one filter
 *
 * Returns: how many of its things are in the state @filter asks for,
 *   filtered or not
 */
guint
vigie_map_layer_count_filter (VigieMapLayer *self,
                              VigieFilter    filter)
{
  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), 0);
  g_return_val_if_fail (filter != VIGIE_FILTER_NONE, 0);

  return self->filter_counts[vigie_filter_index (filter)];
}

/**
 * vigie_map_layer_get_selected:
 * @self: a #VigieMapLayer
 *
 * Returns: (transfer none) (nullable): the selected entity
 */
VigieEntity *
vigie_map_layer_get_selected (VigieMapLayer *self)
{
  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), NULL);

  return self->selected;
}

/**
 * vigie_map_layer_select:
 * @self: a #VigieMapLayer
 * @entity: (nullable): an entity of the layer's model, or %NULL
 * @open_details: whether to open the details popover
 */
void
vigie_map_layer_select (VigieMapLayer *self,
                        VigieEntity   *entity,
                        gboolean       open_details)
{
  g_return_if_fail (VIGIE_IS_MAP_LAYER (self));
  g_return_if_fail (entity == NULL || VIGIE_IS_ENTITY (entity));

  if (g_set_object (&self->selected, entity))
    {
      vigie_map_labels_queue_draw (GTK_WIDGET (self));
      update_accessible_description (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SELECTED]);
    }

  /* One selection on the whole map: the other layers let theirs go. */
  if (entity != NULL)
    {
      GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

      for (GtkWidget *child = parent != NULL ? gtk_widget_get_first_child (parent) : NULL;
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (child != GTK_WIDGET (self) && VIGIE_IS_MAP_LAYER (child))
          vigie_map_layer_select (VIGIE_MAP_LAYER (child), NULL, FALSE);
    }

  if (self->selected != NULL && open_details)
    vigie_map_layer_show_details (self);
  else if (self->popover != NULL)
    {
      if (self->selected == NULL)
        gtk_popover_popdown (GTK_POPOVER (self->popover));
      else if (gtk_widget_get_visible (self->popover))
        vigie_map_layer_show_details (self);
    }
}

/**
 * vigie_map_layer_get_busy:
 * @self: a #VigieMapLayer
 *
 * Returns: whether its items are being rebuilt in a worker after a change
 *   of the data; it shows the previous ones until then
 */
gboolean
vigie_map_layer_get_busy (VigieMapLayer *self)
{
  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), FALSE);

  return self->plan_running || self->raster_running || self->n_placing > 0;
}

void
vigie_map_layer_notify_busy (VigieMapLayer *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUSY]);
}

/**
 * vigie_map_layer_is_animating:
 * @self: a #VigieMapLayer
 *
 * Returns: whether a tick callback runs: something glides
 */
gboolean
vigie_map_layer_is_animating (VigieMapLayer *self)
{
  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), FALSE);

  return self->tick_id != 0 || self->glide_step_id != 0;
}

/**
 * vigie_map_layer_set_rasterize:
 * @self: a #VigieMapLayer
 * @rasterize: whether a worker may paint many still things into an image
 *   that frames composite (the default), or all is drawn live
 *
 * For the benchmarks and the tests, which compare the two.
 */
void
vigie_map_layer_set_rasterize (VigieMapLayer *self,
                               gboolean       rasterize)
{
  g_return_if_fail (VIGIE_IS_MAP_LAYER (self));

  self->rasterize = !!rasterize;
  vigie_map_layer_forget_raster (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * vigie_map_layer_get_n_rastered:
 * @self: a #VigieMapLayer
 *
 * Returns: how many of the symbols the last snapshot drew came from the
 *   image a worker painted (vigie-map-layer-raster.c)
 */
guint
vigie_map_layer_get_n_rastered (VigieMapLayer *self)
{
  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), 0);

  return self->n_rastered;
}

/**
 * vigie_map_layer_get_n_raster_paints:
 * @self: a #VigieMapLayer
 *
 * Returns: how many images of its still symbols the layer has asked a
 *   worker to paint, for tests
 */
guint
vigie_map_layer_get_n_raster_paints (VigieMapLayer *self)
{
  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), 0);

  return self->n_raster_paints;
}

/**
 * vigie_map_layer_get_n_drawn:
 * @self: a #VigieMapLayer
 *
 * Returns: how many symbols the last snapshot drew, clusters counting one
 */
guint
vigie_map_layer_get_n_drawn (VigieMapLayer *self)
{
  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), 0);

  return self->n_drawn;
}
