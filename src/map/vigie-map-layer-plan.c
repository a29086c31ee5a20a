/* vigie-map-layer-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-map-layer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-clock.h"
#include "vigie-freshness.h"
#include "vigie-group-style.h"
#include "vigie-layer-summary.h"
#include "vigie-map-labels.h"
#include "vigie-map-layer-private.h"
#include "vigie-release.h"
#include "vigie-store.h"
#include "vigie-symbol-renderer.h"
#include "vigie-hash.h"
#include "vigie-thread.h"

/* Everything that depends only on the data is done once per store update,
 * in a worker, so that an update of 50,000 entities never stalls a frame:
 * the style of each entity, its Web-Mercator position, where it glides
 * from, the spatial index and the lines and areas under them. The main
 * thread hands over the entities (a reference to the store's array, which
 * is never changed once shown) and the items shown (never changed either),
 * and gets back the new items, their distinct symbols and the art of
 * each, drawn by the worker (vigie-map-art-cache.c) when not drawn yet:
 * it only swaps, and a worker frees what was shown. Updates that arrive
 * while a plan is built make one more plan when it is done, never a
 * queue. */

/* Past these many items gliding in view, they all jump to their new
 * place: no one follows one tram among a thousand moving at once, and
 * each frame of their glide drew them all live (55 ms a frame for
 * 10,000 trams under cairo, eight frames an update). */
#define GLIDE_MAX_IN_VIEW 1000

typedef struct
{
  /* What the worker reads */
  GPtrArray            *entities;
  GArray               *old_items;
  GHashTable           *old_by_key;
  GArray               *old_symbols;    /* VigieSymbol, the old items' */
  VigieShapes          *old_shapes;
  guint                 old_lines_hash;
  VigieFeedKind         kind;
  VigieStyleThresholds  thresholds;
  guint                 filter;         /* VigieFilter mask: what is drawn */
  gint64                feed_time;      /* unix s, what items without a time of their own are as old as */
  gint64                now;            /* monotonic µs, for the glides */
  gint64                now_s;          /* unix s, for the ageing */
  gboolean              has_view;
  double                view_rect[4];   /* min x, min y, max x, max y: world, what is shown */
  int                   cluster_level;  /* the zoom level shown, when grouped; else -1 */
  GArray               *old_spots;      /* ClusterSpot: where the groups at cluster_level are drawn */
  VigieMapArtCache     *art_cache;
  int                   art_scale;      /* the scale the layer's art is drawn at */

  /* What it makes */
  GArray               *items;
  GHashTable           *by_key;
  VigieSpatialIndex    *index;
  VigieShapes          *shapes;
  GArray               *symbols;
  ClusterSet           *clusters;       /* at cluster_level, with their art */
  GPtrArray            *arts;           /* Art, one per symbol */
  float                 max_half;
  gint64                next_age_change;
  gint64                glide_until;
  double                glide_extent;   /* the longest glide, world units */
  guint                 lines_hash;     /* the lines drawn and how */
  gboolean              changed;        /* anything drawn differs from before */
  guint                 n_matching;     /* what the filter keeps, of */
  guint                 n_targets;      /* the things filters are about */
  guint                 filter_counts[VIGIE_N_FILTERS];
} Plan;

static void
drop_inputs (Plan *plan)
{
  /* The index borrows its keys from the items' entities: it goes first. */
  g_clear_pointer (&plan->old_by_key, g_hash_table_unref);
  g_clear_pointer (&plan->old_items, g_array_unref);
  g_clear_pointer (&plan->old_symbols, g_array_unref);
  g_clear_pointer (&plan->old_shapes, vigie_shapes_unref);
  g_clear_pointer (&plan->entities, g_ptr_array_unref);
  g_clear_pointer (&plan->old_spots, g_array_unref);
}

static void
plan_free (gpointer data)
{
  Plan *plan = data;

  drop_inputs (plan);
  g_clear_pointer (&plan->by_key, g_hash_table_unref);
  g_clear_pointer (&plan->items, g_array_unref);
  g_clear_pointer (&plan->index, vigie_spatial_index_free);
  g_clear_pointer (&plan->shapes, vigie_shapes_unref);
  g_clear_pointer (&plan->symbols, g_array_unref);
  g_clear_pointer (&plan->clusters, vigie_cluster_set_free);
  g_clear_pointer (&plan->arts, g_ptr_array_unref);
  g_clear_pointer (&plan->art_cache, vigie_map_art_cache_unref);
  g_free (plan);
}

/* Data older than its feed's limit is drawn faded with a clock: an
 * operator must not take a dock count from a feed that stopped answering
 * for a live one. A tram not heard of for a while is drawn so too, then
 * not at all: no one must go looking for a tram where it was minutes
 * ago. Notes when this item will next change, for the timer. Returns
 * FALSE when it is not to be drawn. */
static gboolean
age_item (Plan        *plan,
          VigieEntity *entity,
          gint64       ageing_s,
          gint64       stale_s,
          VigieSymbol *symbol)
{
  gint64 item_time, change_at;
  gboolean tram = plan->kind == VIGIE_FEED_KIND_TRAMS &&
                  vigie_entity_get_kind (entity) == VIGIE_ENTITY_VEHICLE;

  item_time = vigie_layer_summary_item_time (plan->kind, entity);
  if (item_time <= 0 || item_time - plan->now_s > VIGIE_FRESHNESS_MAX_CLOCK_SKEW_S)
    item_time = plan->feed_time;

  switch (vigie_layer_summary_classify_entity (plan->kind, entity, plan->now_s, plan->feed_time, 0))
    {
    case VIGIE_FRESHNESS_STALE:
      if (tram)
        return FALSE;
      vigie_style_mark_outdated (symbol);
      return TRUE;

    case VIGIE_FRESHNESS_AGEING:
      vigie_style_mark_outdated (symbol);
      if (!tram)
        return TRUE;
      change_at = item_time + stale_s;
      break;

    case VIGIE_FRESHNESS_FRESH:
      if (!vigie_layer_summary_ages (entity))
        return TRUE;
      change_at = item_time + ageing_s;
      break;

    case VIGIE_FRESHNESS_NO_DATA:
    default:
      /* No time, or one too far ahead to believe: nothing to age. */
      return TRUE;
    }

  if (plan->next_age_change == 0 || change_at < plan->next_age_change)
    plan->next_age_change = change_at;

  return TRUE;
}

/* The same vehicle somewhere else glides from where it is drawn now,
 * unless it went too far to be the same trip. */
static void
plan_glide (Plan        *plan,
            Item        *item,
            VigieEntity *entity)
{
  gpointer old_position = g_hash_table_lookup (plan->old_by_key, vigie_entity_get_key (entity));
  Item *old;
  double ox, oy, meters;

  if (old_position == NULL)
    return;

  old = &g_array_index (plan->old_items, Item, GPOINTER_TO_UINT (old_position) - 1);
  vigie_map_item_get_position (old, plan->now, &ox, &oy);
  meters = hypot (item->x - ox, item->y - oy) * vigie_spatial_index_meters_per_unit (item->y);
  if (meters <= 0.01 || meters > VIGIE_MAP_LAYER_SNAP_DISTANCE_M)
    return;

  item->from_x = ox;
  item->from_y = oy;
  item->glide_start = plan->now;
  plan->glide_until = plan->now + VIGIE_MAP_LAYER_GLIDE_DURATION_MS * 1000;
  plan->glide_extent = MAX (plan->glide_extent, hypot (item->x - ox, item->y - oy));

  /* A tram follows its line's bends rather than cut across. */
  if (plan->kind == VIGIE_FEED_KIND_TRAMS)
    {
      g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (double));
      double slack = 60.0 / vigie_spatial_index_meters_per_unit (item->y);

      if (vigie_shapes_find_path (plan->shapes, vigie_entity_lookup_string (entity, "route_id"),
                                  ox, oy, item->x, item->y, slack, path))
        {
          /* From exactly where it was drawn to exactly where it is
           * reported, the line's bends between. */
          g_array_prepend_vals (path, (double[]) { ox, oy }, 2);
          g_array_append_vals (path, (double[]) { item->x, item->y }, 2);
          item->path = g_steal_pointer (&path);
        }
    }
}

static guint
intern_symbol (Plan              *plan,
               GHashTable        *seen,
               const VigieSymbol *symbol)
{
  gpointer position = g_hash_table_lookup (seen, symbol);

  if (position == NULL)
    {
      g_array_append_vals (plan->symbols, symbol, 1);
      position = GUINT_TO_POINTER (plan->symbols->len);
      g_hash_table_insert (seen, g_memdup2 (symbol, sizeof *symbol), position);
      plan->max_half = MAX (plan->max_half, vigie_symbol_get_extent (symbol) / 2.0);
    }

  return GPOINTER_TO_UINT (position) - 1;
}

/* Whether @item, about to be drawn, looks as the one it replaces: most
 * updates change a few entities, or only their times, and a layer that
 * looks the same is not drawn again (a full frame of the window). */
static gboolean
item_unchanged (Plan              *plan,
                const Item        *item,
                const VigieSymbol *symbol,
                VigieEntity       *entity)
{
  gpointer old_position = g_hash_table_lookup (plan->old_by_key, vigie_entity_get_key (entity));
  const Item *old;

  if (old_position == NULL || plan->old_symbols == NULL)
    return FALSE;

  old = &g_array_index (plan->old_items, Item, GPOINTER_TO_UINT (old_position) - 1);

  return old->x == item->x && old->y == item->y && item->glide_start == 0 && old->glide_start == 0 &&
         old->symbol < plan->old_symbols->len &&
         vigie_symbol_equal (&g_array_index (plan->old_symbols, VigieSymbol, old->symbol), symbol) &&
         old->used == item->used && old->total == item->total && old->has_fill == item->has_fill &&
         old->alert == item->alert && old->outdated == item->outdated &&
         g_strcmp0 (vigie_entity_get_name (old->entity), vigie_entity_get_name (entity)) == 0;
}

/* Counts what each filter would keep, and says whether the one set keeps
 * @entity. */
static gboolean
filter_entity (Plan        *plan,
               VigieEntity *entity)
{
  gboolean target = FALSE;
  guint matches = vigie_filter_classify (plan->kind, entity, &plan->thresholds, &target);

  if (target)
    {
      plan->n_targets++;
      for (guint i = 0; matches != 0 && i < VIGIE_N_FILTERS; i++)
        if (matches & (1u << i))
          plan->filter_counts[i]++;
      if (plan->filter != VIGIE_FILTER_NONE && (matches & plan->filter) != 0)
        plan->n_matching++;
    }

  return vigie_filter_keeps (plan->filter, entity, matches, target);
}

static gboolean
in_view (const Plan *plan,
         double      x,
         double      y)
{
  return x >= plan->view_rect[0] && y >= plan->view_rect[1] && x <= plan->view_rect[2] && y <= plan->view_rect[3];
}

/* Too many on the move in view: they jump (GLIDE_MAX_IN_VIEW). */
static void
limit_glides (Plan *plan)
{
  guint n_in_view = 0;

  if (plan->glide_until == 0 || !plan->has_view)
    return;

  for (guint i = 0; i < plan->items->len && n_in_view <= GLIDE_MAX_IN_VIEW; i++)
    {
      const Item *item = &g_array_index (plan->items, Item, i);

      if (item->glide_start != 0 && (in_view (plan, item->x, item->y) || in_view (plan, item->from_x, item->from_y)))
        n_in_view++;
    }
  if (n_in_view <= GLIDE_MAX_IN_VIEW)
    return;

  for (guint i = 0; i < plan->items->len; i++)
    {
      Item *item = &g_array_index (plan->items, Item, i);

      item->glide_start = 0;
      g_clear_pointer (&item->path, g_array_unref);
    }
  plan->glide_until = 0;
  plan->glide_extent = 0;
}

static void
build_plan (Plan *plan)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (vigie_symbol_hash, vigie_symbol_equal, g_free, NULL);
  g_autofree double *xy = NULL;
  gint64 ageing_s, stale_s;
  guint n = plan->entities->len;

  vigie_freshness_get_default_thresholds (plan->kind, &ageing_s, &stale_s);

  plan->shapes = vigie_shapes_new ();
  plan->items = g_array_sized_new (FALSE, TRUE, sizeof (Item), n);
  g_array_set_clear_func (plan->items, vigie_map_item_clear);
  plan->by_key = g_hash_table_new (vigie_str_hash, g_str_equal);
  plan->symbols = g_array_new (FALSE, FALSE, sizeof (VigieSymbol));

  for (guint i = 0; i < n; i++)
    {
      VigieEntity *entity = g_ptr_array_index (plan->entities, i);
      VigieSymbol symbol;
      Item item = { 0, };

      if (!vigie_entity_has_position (entity))
        continue;

      vigie_spatial_index_project (vigie_entity_get_latitude (entity),
                                   vigie_entity_get_longitude (entity),
                                   &item.x, &item.y);
      vigie_style_entity (plan->kind, entity, &plan->thresholds, &symbol);

      if (!age_item (plan, entity, ageing_s, stale_s, &symbol))
        continue;

      /* The filter is tested here, in the worker, on what would be drawn:
       * the main thread only asks for a plan when it changes. */
      if (!filter_entity (plan, entity))
        continue;

      /* A transit line is only its path; a parking zone is its area (or
       * street segment) and a symbol with its free spaces. */
      if (vigie_shapes_add (plan->shapes, plan->old_shapes, entity, symbol.fill, symbol.hatched) &&
          vigie_entity_get_kind (entity) == VIGIE_ENTITY_LINE)
        {
          plan->lines_hash = plan->lines_hash * 31 + g_str_hash (vigie_entity_get_key (entity)) +
                             vigie_symbol_hash (&symbol);
          continue;
        }

      item.symbol = intern_symbol (plan, seen, &symbol);
      item.radius = symbol.size / 2.0;
      item.has_fill = vigie_style_entity_fill (entity, &item.used, &item.total);
      item.alert = vigie_group_style_alert (plan->kind, entity, &plan->thresholds);
      item.outdated = symbol.outdated;
      plan_glide (plan, &item, entity);
      if (!plan->changed && !item_unchanged (plan, &item, &symbol, entity))
        plan->changed = TRUE;

      item.entity = g_object_ref (entity);
      g_array_append_val (plan->items, item);
      g_hash_table_insert (plan->by_key,
                           (gpointer) vigie_entity_get_key (item.entity),
                           GUINT_TO_POINTER (plan->items->len));
    }

  if (plan->items->len != plan->old_items->len || plan->lines_hash != plan->old_lines_hash)
    plan->changed = TRUE;

  limit_glides (plan);

  xy = g_new (double, 2 * MAX (plan->items->len, 1));
  for (guint i = 0; i < plan->items->len; i++)
    {
      Item *item = &g_array_index (plan->items, Item, i);

      xy[2 * i] = item->x;
      xy[2 * i + 1] = item->y;
    }
  plan->index = vigie_spatial_index_new (xy, plan->items->len);

  /* The groups at the level shown: the next frame only places them. */
  if (plan->cluster_level >= 0)
    plan->clusters = vigie_map_layer_build_clusters ((const Item *) (gpointer) plan->items->data,
                                                     plan->items->len, plan->kind, &plan->thresholds,
                                                     plan->cluster_level);
  if (plan->clusters != NULL && plan->old_spots != NULL)
    vigie_cluster_set_carry_spots (plan->clusters, (const ClusterSpot *) (gpointer) plan->old_spots->data,
                                   plan->old_spots->len);

  /* The symbols new to the layer are drawn here: a few hundred counts at
   * each update of 10,000 stations, milliseconds of cairo and pango. */
  plan->arts = vigie_map_art_cache_lookup_all (plan->art_cache, (const VigieSymbol *) (gpointer) plan->symbols->data,
                                               plan->symbols->len, plan->art_scale);
  if (plan->clusters != NULL)
    vigie_map_art_cache_dress_clusters (plan->art_cache, plan->clusters, plan->art_scale);
}

static void
build_plan_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Plan *plan = task_data;

  vigie_thread_make_background ();

  if (!g_cancellable_is_cancelled (cancellable))
    build_plan (plan);

  /* What was shown may be ours to free: here, not on the main loop. */
  drop_inputs (plan);
  g_task_return_boolean (task, TRUE);
}

/* Thousands of entities to unref: let a worker do it. */
static void
release (gpointer       data,
         GDestroyNotify destroy,
         guint          n_items)
{
  if (data == NULL)
    return;
  if (n_items >= 1000)
    vigie_release_later (data, destroy);
  else
    destroy (data);
}

static void
apply_plan (VigieMapLayer *self,
            Plan          *plan)
{
  guint old_len = self->items->len;
  gboolean counts_changed;

  release (g_steal_pointer (&self->by_key), (GDestroyNotify) g_hash_table_unref, old_len);
  release (g_steal_pointer (&self->items), (GDestroyNotify) g_array_unref, old_len);
  release (g_steal_pointer (&self->index), (GDestroyNotify) vigie_spatial_index_free, old_len);
  release (g_steal_pointer (&self->shapes), (GDestroyNotify) vigie_shapes_unref, old_len);
  g_clear_pointer (&self->symbols, g_array_unref);

  self->items = g_steal_pointer (&plan->items);
  self->by_key = g_steal_pointer (&plan->by_key);
  self->index = g_steal_pointer (&plan->index);
  self->shapes = g_steal_pointer (&plan->shapes);
  self->symbols = g_steal_pointer (&plan->symbols);
  self->max_half = plan->max_half;
  self->glide_until = plan->glide_until;
  self->glide_extent = plan->glide_extent;
  self->lines_hash = plan->lines_hash;
  counts_changed = self->n_matching != plan->n_matching || self->n_targets != plan->n_targets ||
                   memcmp (self->filter_counts, plan->filter_counts, sizeof plan->filter_counts) != 0;
  self->n_matching = plan->n_matching;
  self->n_targets = plan->n_targets;
  memcpy (self->filter_counts, plan->filter_counts, sizeof plan->filter_counts);
  g_hash_table_remove_all (self->cluster_sets);

  /* The worker drew the art for the display's scale when it started: on
   * another since, it is drawn again here, and the groups when shown. */
  if (plan->arts != NULL && plan->art_scale == self->texture_scale)
    {
      vigie_map_layer_take_arts (self, g_steal_pointer (&plan->arts));
      if (plan->clusters != NULL)
        {
          self->max_half = MAX (self->max_half, plan->clusters->max_half);
          g_hash_table_insert (self->cluster_sets, GINT_TO_POINTER (plan->cluster_level),
                               g_steal_pointer (&plan->clusters));
        }
    }
  else
    vigie_map_layer_update_arts (self);

  /* Keep the selection on the new copy of the same entity; open details
   * show the new values, not the ones clicked on. */
  if (self->selected != NULL)
    {
      gpointer position = g_hash_table_lookup (self->by_key, vigie_entity_get_key (self->selected));

      if (position == NULL)
        vigie_map_layer_select (self, NULL, FALSE);
      else if (g_set_object (&self->selected, g_array_index (self->items, Item, GPOINTER_TO_UINT (position) - 1).entity))
        vigie_map_layer_refresh_details (self);
    }

  vigie_map_layer_start_items (self, plan->next_age_change);

  if (counts_changed)
    vigie_map_layer_notify_counts (self);

  /* Looks the same: no frame. The groups at this zoom came with the
   * plan; their places are found when a frame needs them. */
  if (!plan->changed)
    return;

  /* The other layers' groups make room for this one's new ones. */
  if (self->groups != NULL)
    vigie_map_groups_changed (self->groups);
  /* Many groups take a worker a while to place: it starts now, not at
   * the next frame, and the layer stays busy until they are placed. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    vigie_map_layer_get_clusters_now (self);

  vigie_map_labels_queue_draw (GTK_WIDGET (self));
}

static void start_plan (VigieMapLayer *self);

static void
on_plan_built_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (object);
  GTask *task = G_TASK (result);

  /* Cancelled: the layer is going away, or what it shows changed. */
  if (g_task_get_cancellable (task) != self->plan_cancellable)
    return;

  self->plan_running = FALSE;
  apply_plan (self, g_task_get_task_data (task));

  if (self->plan_again)
    start_plan (self);
  else
    vigie_map_layer_notify_busy (self);
}

/* The store's own array when it is one (never changed once shown), else
 * a copy of the model's items. */
static GPtrArray *
dup_entities (VigieMapLayer *self)
{
  GPtrArray *entities;
  guint n;

  if (self->model == NULL)
    return g_ptr_array_new ();

  if (VIGIE_IS_STORE (self->model))
    return vigie_store_dup_entities (VIGIE_STORE (self->model));

  n = g_list_model_get_n_items (self->model);
  entities = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (entities, g_list_model_get_item (self->model, i));

  return entities;
}

static void
start_plan (VigieMapLayer *self)
{
  g_autoptr(GTask) task = NULL;
  Plan *plan = g_new0 (Plan, 1);
  View view;

  plan->entities = dup_entities (self);
  plan->old_items = g_array_ref (self->items);
  plan->old_by_key = g_hash_table_ref (self->by_key);
  plan->old_symbols = self->symbols != NULL ? g_array_ref (self->symbols) : NULL;
  plan->old_shapes = self->shapes != NULL ? vigie_shapes_ref (self->shapes) : NULL;
  plan->old_lines_hash = self->lines_hash;
  /* The art is drawn for the display's scale, which may have changed
   * since the last plan (a window moved to another monitor). */
  if (self->texture_scale != gtk_widget_get_scale_factor (GTK_WIDGET (self)))
    {
      self->texture_scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
      vigie_map_art_cache_set_scale (self->art_cache, self->texture_scale);
    }
  plan->art_cache = vigie_map_art_cache_ref (self->art_cache);
  plan->art_scale = self->texture_scale;
  plan->kind = self->kind;
  plan->thresholds = self->thresholds;
  plan->filter = self->filter;
  plan->now = vigie_map_layer_get_frame_time (self);
  plan->now_s = vigie_clock_now ();
  /* What is shown, for the glides in view. */
  plan->has_view = vigie_map_layer_get_view (self, &view);
  if (plan->has_view)
    vigie_map_view_get_visible_rect (&view, 0, &plan->view_rect[0], &plan->view_rect[1],
                                     &plan->view_rect[2], &plan->view_rect[3]);
  plan->cluster_level = -1;
  if (self->clustering)
    {
      ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
      int level = (int) floor (shumate_viewport_get_zoom_level (viewport));

      if (level < VIGIE_MAP_LAYER_CLUSTER_MAX_ZOOM)
        {
          ClusterSet *shown = g_hash_table_lookup (self->cluster_sets, GINT_TO_POINTER (level));

          plan->cluster_level = level;
          if (shown != NULL && shown->placed)
            plan->old_spots = vigie_cluster_set_dup_spots (shown);
        }
    }
  if (self->feed != NULL)
    plan->feed_time = vigie_feed_get_observed_at (self->feed) > 0 ? vigie_feed_get_observed_at (self->feed)
                                                                  : vigie_feed_get_fetched_at (self->feed);

  if (self->plan_cancellable == NULL)
    self->plan_cancellable = g_cancellable_new ();
  self->plan_running = TRUE;
  self->plan_again = FALSE;

  task = g_task_new (self, self->plan_cancellable, on_plan_built_cb, NULL);
  g_task_set_source_tag (task, start_plan);
  g_task_set_name (task, "[vigie] map layer plan");
  g_task_set_task_data (task, plan, plan_free);
  g_task_run_in_thread (task, build_plan_thread);
}

/**
 * vigie_map_layer_rebuild:
 * @self: a #VigieMapLayer
 *
 * Rebuilds the items from the model, in a worker; the layer shows the
 * previous ones until then (#VigieMapLayer:busy tells).
 */
void
vigie_map_layer_rebuild (VigieMapLayer *self)
{
  if (self->plan_running)
    {
      self->plan_again = TRUE;
      return;
    }

  start_plan (self);
  vigie_map_layer_notify_busy (self);
}

/* The layer goes away: what is being built is thrown away. */
void
vigie_map_layer_cancel_plan (VigieMapLayer *self)
{
  if (self->plan_cancellable != NULL)
    g_cancellable_cancel (self->plan_cancellable);
  g_clear_object (&self->plan_cancellable);
  self->plan_running = FALSE;
  self->plan_again = FALSE;
}
