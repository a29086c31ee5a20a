/* vigie-map-layer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-map-layer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-clock.h"
#include "vigie-freshness.h"
#include "vigie-group-style.h"
#include "vigie-layer-summary.h"
#include "vigie-map-a11y.h"
#include "vigie-map-clusters.h"
#include "vigie-map-labels.h"
#include "vigie-map-layer-private.h"
#include "vigie-map-layer.h"
#include "vigie-heat.h"
#include "vigie-label-placer.h"
#include "vigie-number.h"
#include "vigie-shapes.h"
#include "vigie-spatial-index.h"
#include "vigie-symbol-renderer.h"

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
 * Entities that move (same key, new position) glide to their new place on
 * the frame clock; the tick callback only runs while something moves. */

#define CLUSTER_CELL_PX  64.0
#define PICK_SLOP_PX      4.0
#define MAX_LABELS      200
#define MAX_TEXTURES   2048
#define MAX_TEXTURE_NODES 1000
#define LABEL_GAP_PX      2.0
/* Items fade with a clock as their data ages without any store update,
 * and trams then disappear: checked this often, only while something is
 * left to age. */
#define AGE_CHECK_S      10

/* One distinct symbol, drawn once. */
struct _VigieMapArt
{
  GdkTexture      *texture;
  cairo_surface_t *surface;     /* the same pixels, for the cairo renderer */
  float            half;        /* half the side, logical px */
};

typedef struct
{
  VigieEntity *entity;
  double       x, y;            /* world coordinates, where the feed says */
  double       from_x, from_y;  /* where a glide started */
  gint64       glide_start;     /* monotonic µs; 0 when still */
  GArray      *path;            /* a tram's glide along its line (x, y pairs), or NULL */
  Art         *art;             /* borrowed from the cache */
  float        radius;          /* half the symbol's size: what picks it */
  double       used, total;     /* what a cluster adds up */
  gboolean     has_fill;
  guint8       alert;           /* VigieGroupAlert: what its group counts */
  gboolean     outdated;
  PangoLayout *layout;          /* its name, made when first written */
} Item;

struct _VigieMapLayer
{
  ShumateLayer          parent_instance;

  GListModel           *model;
  VigieFeed            *feed;
  VigieFeedKind         kind;
  char                 *title;
  char                 *icon_name;
  gboolean              clustering;
  VigieStyleThresholds  thresholds;

  GArray               *items;          /* Item */
  VigieShapes          *shapes;         /* lines and areas under the items */
  VigieSpatialIndex    *index;
  GHashTable           *by_key;         /* key → item position + 1 */
  GHashTable           *textures;       /* VigieSymbol → Art */
  int                   texture_scale;
  GHashTable           *cluster_sets;   /* integer zoom → ClusterSet */
  VigieMapGroups       *groups;         /* the map's, shared by its layers */
  GArray               *scratch;        /* guint, reused every frame */
  float                 max_half;

  guint                 tick_id;
  guint                 n_drawn;

  guint                 age_check_id;
  gint64                next_age_change;  /* unix s when a tram fades or goes; 0: never */

  VigieEntity          *selected;
  GtkWidget            *popover;
};

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
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* How the viewport maps world coordinates to this widget's pixels. */
typedef struct
{
  double cx, cy;      /* the centre, world */
  double scale;       /* pixels per world unit */
  double cos_r, sin_r;
  double width, height;
  double zoom;
} View;

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->entity);
  g_clear_object (&item->layout);
  g_clear_pointer (&item->path, g_array_unref);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint ua = *(const guint *) a;
  guint ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub;
}

static gboolean
get_view (VigieMapLayer *self,
          View          *view)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  double tile_size = source != NULL ? shumate_map_source_get_tile_size (source) : 256.0;
  double rotation = shumate_viewport_get_rotation (viewport);

  view->width = gtk_widget_get_width (GTK_WIDGET (self));
  view->height = gtk_widget_get_height (GTK_WIDGET (self));
  view->zoom = shumate_viewport_get_zoom_level (viewport);
  view->scale = tile_size * exp2 (view->zoom);
  view->cos_r = cos (rotation);
  view->sin_r = sin (rotation);
  vigie_spatial_index_project (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                               shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                               &view->cx, &view->cy);

  /* libshumate refuses to place anything without a reference source. */
  return source != NULL && view->width > 0 && view->height > 0;
}

static inline void
world_to_widget (const View *view,
                 double      x,
                 double      y,
                 double     *px,
                 double     *py)
{
  double dx = (x - view->cx) * view->scale;
  double dy = (y - view->cy) * view->scale;

  *px = view->cos_r * dx - view->sin_r * dy + view->width / 2;
  *py = view->sin_r * dx + view->cos_r * dy + view->height / 2;
}

static inline void
widget_to_world (const View *view,
                 double      px,
                 double      py,
                 double     *x,
                 double     *y)
{
  double dx = px - view->width / 2;
  double dy = py - view->height / 2;

  *x = view->cx + (view->cos_r * dx + view->sin_r * dy) / view->scale;
  *y = view->cy + (-view->sin_r * dx + view->cos_r * dy) / view->scale;
}

static void
get_visible_rect (const View *view,
                  double      margin_px,
                  double     *min_x,
                  double     *min_y,
                  double     *max_x,
                  double     *max_y)
{
  /* Rotated, the widget's bounding box in the world is its circumcircle's. */
  double hw = view->width / 2, hh = view->height / 2;
  double ex = (fabs (view->cos_r) * hw + fabs (view->sin_r) * hh + margin_px) / view->scale;
  double ey = (fabs (view->sin_r) * hw + fabs (view->cos_r) * hh + margin_px) / view->scale;

  *min_x = view->cx - ex;
  *max_x = view->cx + ex;
  *min_y = view->cy - ey;
  *max_y = view->cy + ey;
}

static double
ease (double t)
{
  /* Ease-out: fast then settling, never past the end. */
  t = CLAMP (t, 0.0, 1.0);
  return 1.0 - (1.0 - t) * (1.0 - t);
}

static void
get_item_position (const Item *item,
                   gint64      now,
                   double     *x,
                   double     *y)
{
  double t;

  if (item->glide_start == 0)
    {
      *x = item->x;
      *y = item->y;
      return;
    }

  t = ease ((double) (now - item->glide_start) / (VIGIE_MAP_LAYER_GLIDE_DURATION_MS * 1000.0));

  if (item->path != NULL)
    {
      const double *p = (const double *) (gpointer) item->path->data;
      guint n = item->path->len / 2;
      double total = 0, target, walked = 0;

      for (guint i = 0; i + 1 < n; i++)
        total += hypot (p[2 * i + 2] - p[2 * i], p[2 * i + 3] - p[2 * i + 1]);

      target = t * total;
      for (guint i = 0; i + 1 < n; i++)
        {
          double length = hypot (p[2 * i + 2] - p[2 * i], p[2 * i + 3] - p[2 * i + 1]);

          if (walked + length >= target && length > 0)
            {
              double f = (target - walked) / length;

              *x = p[2 * i] + (p[2 * i + 2] - p[2 * i]) * f;
              *y = p[2 * i + 1] + (p[2 * i + 3] - p[2 * i + 1]) * f;
              return;
            }
          walked += length;
        }

      *x = item->x;
      *y = item->y;
      return;
    }

  *x = item->from_x + (item->x - item->from_x) * t;
  *y = item->from_y + (item->y - item->from_y) * t;
}

static gint64
get_frame_time (VigieMapLayer *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  return clock != NULL ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
}

static void
art_free (gpointer data)
{
  Art *art = data;

  g_clear_object (&art->texture);
  g_clear_pointer (&art->surface, cairo_surface_destroy);
  g_free (art);
}

static Art *
lookup_art (VigieMapLayer     *self,
            const VigieSymbol *symbol)
{
  Art *art = g_hash_table_lookup (self->textures, symbol);

  if (art == NULL)
    {
      /* A bound on memory: styles quantize, so this is a safety net. */
      if (g_hash_table_size (self->textures) >= MAX_TEXTURES)
        g_hash_table_remove_all (self->textures);

      art = g_new0 (Art, 1);
      art->half = vigie_symbol_get_extent (symbol) / 2.0;

      art->texture = vigie_symbol_render_texture (symbol, self->texture_scale);
      art->surface = vigie_symbol_render_surface (symbol, self->texture_scale);
      g_hash_table_insert (self->textures, g_memdup2 (symbol, sizeof *symbol), art);
    }

  return art;
}

static ClusterSet *
build_clusters (VigieMapLayer *self,
                int            zoom)
{
  g_autoptr(GHashTable) cells = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *keys = g_new (gint64, MAX (self->items->len, 1));
  g_autofree double *sums = g_new0 (double, 4 * MAX (self->items->len, 1));
  g_autofree guint *alerts = g_new0 (guint, VIGIE_GROUP_N_ALERTS * MAX (self->items->len, 1));
  g_autofree guint *n_outdated = g_new0 (guint, MAX (self->items->len, 1));
  g_autofree double *xy = NULL;
  ClusterSet *set = g_new0 (ClusterSet, 1);
  double cell = CLUSTER_CELL_PX / (256.0 * exp2 (zoom));

  set->clusters = g_array_new (FALSE, TRUE, sizeof (Cluster));

  /* A square grid fixed in the world, so clusters do not shimmer as the
   * map pans. */
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);
      VigieEntityKind kind = vigie_entity_get_kind (item->entity);
      gint64 cx = (gint64) floor (item->x / cell);
      gint64 cy = (gint64) floor (item->y / cell);
      gpointer found;
      Cluster *cluster;

      /* Stops are context, not news: below street level they give way to
       * the trams, a few dozen at most, which are never merged into a
       * count (an operator looks for each one). */
      gboolean alone = kind == VIGIE_ENTITY_VEHICLE && self->kind == VIGIE_FEED_KIND_TRAMS;

      if (kind == VIGIE_ENTITY_STOP && zoom < VIGIE_MAP_LAYER_STOPS_MIN_ZOOM)
        continue;

      keys[i] = (cy << 32) ^ cx;
      found = alone ? NULL : g_hash_table_lookup (cells, &keys[i]);
      if (found == NULL && alone)
        {
          Cluster c = { 0, };

          c.first = i;
          g_array_append_val (set->clusters, c);
          found = GUINT_TO_POINTER (set->clusters->len);
        }
      else if (found == NULL)
        {
          Cluster c = { 0, };

          c.first = i;
          g_array_append_val (set->clusters, c);
          g_hash_table_insert (cells, &keys[i], GUINT_TO_POINTER (set->clusters->len));
          found = GUINT_TO_POINTER (set->clusters->len);
        }

      cluster = &g_array_index (set->clusters, Cluster, GPOINTER_TO_UINT (found) - 1);
      alerts[VIGIE_GROUP_N_ALERTS * (GPOINTER_TO_UINT (found) - 1) + item->alert]++;
      if (item->outdated)
        n_outdated[GPOINTER_TO_UINT (found) - 1]++;
      cluster->n++;
      cluster->x += item->x;
      cluster->y += item->y;
      if (item->has_fill)
        {
          sums[4 * (GPOINTER_TO_UINT (found) - 1)] += item->used;
          sums[4 * (GPOINTER_TO_UINT (found) - 1) + 1] += item->total;
        }
    }

  xy = g_new (double, 2 * MAX (set->clusters->len, 1));
  for (guint i = 0; i < set->clusters->len; i++)
    {
      Cluster *cluster = &g_array_index (set->clusters, Cluster, i);

      cluster->x /= cluster->n;
      cluster->y /= cluster->n;
      xy[2 * i] = cluster->x;
      xy[2 * i + 1] = cluster->y;

      if (cluster->n > 1)
        {
          VigieSymbol symbol;
          double total = sums[4 * i + 1];

          vigie_group_style_symbol (self->kind, cluster->n, total > 0 ? sums[4 * i] / total : -1.0,
                                    &self->thresholds, &symbol);
          /* A group of old data is old too. */
          if (n_outdated[i] == cluster->n)
            vigie_style_mark_outdated (&symbol);
          cluster->art = lookup_art (self, &symbol);
          cluster->half = cluster->art->half;
          cluster->summary = vigie_group_style_summary (self->kind, &alerts[VIGIE_GROUP_N_ALERTS * i]);
          cluster->radius = symbol.size / 2.0;
          self->max_half = MAX (self->max_half, cluster->art->half);
        }
    }

  set->index = vigie_spatial_index_new (xy, set->clusters->len);

  return set;
}

static ClusterSet *
lookup_clusters (VigieMapLayer *self,
                 int            level)
{
  ClusterSet *set = g_hash_table_lookup (self->cluster_sets, GINT_TO_POINTER (level));

  if (set == NULL)
    {
      set = build_clusters (self, level);
      g_hash_table_insert (self->cluster_sets, GINT_TO_POINTER (level), set);
    }

  return set;
}

static ClusterSet *
get_clusters (VigieMapLayer *self,
              double         zoom)
{
  int level = (int) floor (zoom);
  ClusterSet *set;

  if (!self->clustering || level >= VIGIE_MAP_LAYER_CLUSTER_MAX_ZOOM)
    return NULL;

  set = lookup_clusters (self, level);
  if (!set->placed)
    {
      if (self->groups != NULL)
        vigie_map_groups_place_level (self->groups, level);
      if (!set->placed)
        {
          /* A layer on its own: its groups only among themselves. */
          g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (VigieGroupBox));

          vigie_map_layer_collect_groups (self, level, boxes);
          vigie_map_groups_place ((VigieGroupBox *) (gpointer) boxes->data, boxes->len, 2.0);
          vigie_map_layer_apply_placement (self, level, (VigieGroupBox *) (gpointer) boxes->data, boxes->len);
        }
    }

  return set;
}

void
vigie_map_layer_collect_groups (VigieMapLayer *self,
                                int            level,
                                GArray        *boxes)
{
  if (!self->clustering || level >= VIGIE_MAP_LAYER_CLUSTER_MAX_ZOOM ||
      !gtk_widget_get_visible (GTK_WIDGET (self)))
    return;

  vigie_cluster_set_collect (lookup_clusters (self, level), level, GTK_WIDGET (self), boxes);
}

void
vigie_map_layer_apply_placement (VigieMapLayer *self,
                                 int            level,
                                 VigieGroupBox *boxes,
                                 guint          n_boxes)
{
  ClusterSet *set = g_hash_table_lookup (self->cluster_sets, GINT_TO_POINTER (level));

  if (set != NULL)
    vigie_cluster_set_apply (set, level, boxes, n_boxes);
}

void
vigie_map_layer_get_drawn_groups (VigieMapLayer *self,
                                  GArray        *boxes,
                                  GPtrArray     *summaries)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int level = (int) floor (shumate_viewport_get_zoom_level (viewport));
  g_autoptr(GArray) own = g_array_new (FALSE, FALSE, sizeof (VigieGroupBox));
  ClusterSet *set;
  View view;
  guint b = 0;

  g_return_if_fail (VIGIE_IS_MAP_LAYER (self));

  if (!get_view (self, &view) || (set = get_clusters (self, view.zoom)) == NULL)
    return;

  vigie_map_layer_collect_groups (self, level, own);
  for (guint i = 0; i < set->clusters->len; i++)
    {
      Cluster *cluster = &g_array_index (set->clusters, Cluster, i);
      VigieGroupBox box;

      if (cluster->n < 2)
        continue;
      box = g_array_index (own, VigieGroupBox, b++);
      world_to_widget (&view, cluster->x + cluster->dx, cluster->y + cluster->dy, &box.x, &box.y);
      box.dx = box.dy = 0;
      g_array_append_val (boxes, box);
      g_ptr_array_add (summaries, cluster->summary);
    }
}

void
vigie_map_layer_forget_placement (VigieMapLayer *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->cluster_sets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((ClusterSet *) value)->placed = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
vigie_map_layer_set_groups (VigieMapLayer  *self,
                            VigieMapGroups *groups)
{
  g_return_if_fail (VIGIE_IS_MAP_LAYER (self));

  if (self->groups == groups)
    return;
  if (self->groups != NULL)
    vigie_map_groups_remove_layer (self->groups, self);
  g_set_object (&self->groups, groups);
  if (groups != NULL)
    vigie_map_groups_add_layer (groups, self);
}

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  gint64 duration = VIGIE_MAP_LAYER_GLIDE_DURATION_MS * 1000;
  gboolean moving = FALSE;

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      if (item->glide_start == 0)
        continue;
      if (now - item->glide_start >= duration)
        item->glide_start = 0;
      else
        moving = TRUE;
    }

  vigie_map_labels_queue_draw (widget);

  if (!moving)
    {
      /* Nothing moves: no more frames until the next update. */
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static gboolean on_age_check_cb (gpointer user_data);

/* Data older than its feed's limit is drawn faded with a clock: an
 * operator must not take a dock count from a feed that stopped answering
 * for a live one. A tram not heard of for a while is drawn so too, then
 * not at all: no one must go looking for a tram where it was minutes
 * ago. Notes when this item will next change, for the timer. Returns
 * FALSE when it is not to be drawn. */
static gboolean
age_item (VigieMapLayer *self,
          VigieEntity   *entity,
          gint64         now_s,
          gint64         ageing_s,
          gint64         stale_s,
          VigieSymbol   *symbol)
{
  gint64 feed_time = 0;
  gint64 item_time, change_at;
  gboolean tram = self->kind == VIGIE_FEED_KIND_TRAMS &&
                  vigie_entity_get_kind (entity) == VIGIE_ENTITY_VEHICLE;

  if (self->feed != NULL)
    feed_time = vigie_feed_get_observed_at (self->feed) > 0 ? vigie_feed_get_observed_at (self->feed)
                                                            : vigie_feed_get_fetched_at (self->feed);
  item_time = vigie_layer_summary_item_time (self->kind, entity);
  if (item_time <= 0 || item_time - now_s > VIGIE_FRESHNESS_MAX_CLOCK_SKEW_S)
    item_time = feed_time;

  switch (vigie_layer_summary_classify_entity (self->kind, entity, now_s, feed_time, 0))
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

  if (self->next_age_change == 0 || change_at < self->next_age_change)
    self->next_age_change = change_at;

  return TRUE;
}

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

static void
rebuild (VigieMapLayer *self)
{
  g_autoptr(GArray) old_items = NULL;
  g_autoptr(GHashTable) old_by_key = NULL;
  g_autofree double *xy = NULL;
  gint64 now = get_frame_time (self);
  gint64 now_s = vigie_clock_now ();
  gint64 ageing_s, stale_s;
  gboolean gliding = FALSE;
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  VigieEntity *selected = NULL;

  vigie_freshness_get_default_thresholds (self->kind, &ageing_s, &stale_s);
  self->next_age_change = 0;

  old_items = g_steal_pointer (&self->items);
  old_by_key = g_steal_pointer (&self->by_key);
  g_clear_pointer (&self->index, vigie_spatial_index_free);
  g_hash_table_remove_all (self->cluster_sets);

  g_clear_pointer (&self->shapes, vigie_shapes_free);
  self->shapes = vigie_shapes_new ();
  self->items = g_array_sized_new (FALSE, TRUE, sizeof (Item), n);
  g_array_set_clear_func (self->items, item_clear);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->max_half = 0;

  if (self->texture_scale != gtk_widget_get_scale_factor (GTK_WIDGET (self)))
    {
      self->texture_scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
      g_hash_table_remove_all (self->textures);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieEntity) entity = g_list_model_get_item (self->model, i);
      VigieSymbol symbol;
      Item item = { 0, };
      gpointer old_position;

      if (!vigie_entity_has_position (entity))
        continue;

      vigie_spatial_index_project (vigie_entity_get_latitude (entity),
                                   vigie_entity_get_longitude (entity),
                                   &item.x, &item.y);
      vigie_style_entity (self->kind, entity, &self->thresholds, &symbol);

      if (!age_item (self, entity, now_s, ageing_s, stale_s, &symbol))
        continue;

      /* A transit line is only its path; a parking zone is its area (or
       * street segment) and a symbol with its free spaces. */
      if (vigie_shapes_add (self->shapes, entity, symbol.fill, symbol.hatched) &&
          vigie_entity_get_kind (entity) == VIGIE_ENTITY_LINE)
        continue;

      item.art = lookup_art (self, &symbol);
      item.radius = symbol.size / 2.0;
      item.has_fill = vigie_style_entity_fill (entity, &item.used, &item.total);
      item.alert = vigie_group_style_alert (self->kind, entity, &self->thresholds);
      item.outdated = symbol.outdated;
      self->max_half = MAX (self->max_half, item.art->half);

      /* The same vehicle somewhere else: glide from where it is drawn
       * now, unless it went too far to be the same trip. */
      old_position = g_hash_table_lookup (old_by_key, vigie_entity_get_key (entity));
      if (old_position != NULL)
        {
          Item *old = &g_array_index (old_items, Item, GPOINTER_TO_UINT (old_position) - 1);
          double ox, oy, meters;

          get_item_position (old, now, &ox, &oy);
          meters = hypot (item.x - ox, item.y - oy) * vigie_spatial_index_meters_per_unit (item.y);
          if (meters > 0.01 && meters <= VIGIE_MAP_LAYER_SNAP_DISTANCE_M)
            {
              item.from_x = ox;
              item.from_y = oy;
              item.glide_start = now;
              gliding = TRUE;

              /* A tram follows its line's bends rather than cut across. */
              if (self->kind == VIGIE_FEED_KIND_TRAMS)
                {
                  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (double));
                  double slack = 60.0 / vigie_spatial_index_meters_per_unit (item.y);

                  if (vigie_shapes_find_path (self->shapes, vigie_entity_lookup_string (entity, "route_id"),
                                              ox, oy, item.x, item.y, slack, path))
                    {
                      /* From exactly where it was drawn to exactly where
                       * it is reported, the line's bends between. */
                      g_array_prepend_vals (path, (double[]) { ox, oy }, 2);
                      g_array_append_vals (path, (double[]) { item.x, item.y }, 2);
                      item.path = g_steal_pointer (&path);
                    }
                }
            }
        }

      if (self->selected != NULL &&
          g_str_equal (vigie_entity_get_key (self->selected), vigie_entity_get_key (entity)))
        selected = entity;

      item.entity = g_steal_pointer (&entity);
      g_array_append_val (self->items, item);
      g_hash_table_insert (self->by_key,
                           (gpointer) vigie_entity_get_key (item.entity),
                           GUINT_TO_POINTER (self->items->len));
    }

  xy = g_new (double, 2 * MAX (self->items->len, 1));
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      xy[2 * i] = item->x;
      xy[2 * i + 1] = item->y;
    }
  self->index = vigie_spatial_index_new (xy, self->items->len);

  /* Keep the selection on the new copy of the same entity. */
  if (self->selected != NULL)
    {
      if (selected != NULL)
        g_set_object (&self->selected, selected);
      else
        vigie_map_layer_select (self, NULL, FALSE);
    }

  if (gliding && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick_cb, NULL, NULL);

  /* The other layers' groups make room for this one's new ones. */
  if (self->groups != NULL)
    vigie_map_groups_changed (self->groups);

  /* The timer stops itself once nothing is left to age. */
  if (self->next_age_change > 0 && self->age_check_id == 0)
    self->age_check_id = g_timeout_add_seconds (AGE_CHECK_S, on_age_check_cb, self);

  vigie_map_labels_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_age_check_cb (gpointer user_data)
{
  VigieMapLayer *self = user_data;

  if (self->next_age_change > 0 && vigie_clock_now () >= self->next_age_change)
    rebuild (self);

  if (self->next_age_change == 0)
    {
      self->age_check_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
on_model_items_changed_cb (VigieMapLayer *self,
                           guint          position,
                           guint          removed,
                           guint          added,
                           GListModel    *model)
{
  rebuild (self);
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
  rebuild (self);
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
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->popover != NULL && gtk_widget_get_visible (self->popover))
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static Item *
find_item (VigieMapLayer *self,
           VigieEntity   *entity)
{
  gpointer position;

  if (entity == NULL || self->by_key == NULL)
    return NULL;

  position = g_hash_table_lookup (self->by_key, vigie_entity_get_key (entity));
  if (position == NULL)
    return NULL;

  return &g_array_index (self->items, Item, GPOINTER_TO_UINT (position) - 1);
}

static void
collect_symbols_cb (GtkWidget *widget,
                    GArray    *rects)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 now = get_frame_time (self);
  double min_x, min_y, max_x, max_y;
  View view;

  if (self->index == NULL || !get_view (self, &view) || get_clusters (self, view.zoom) != NULL)
    return;

  get_visible_rect (&view, self->max_half, &min_x, &min_y, &max_x, &max_y);
  vigie_spatial_index_query_rect (self->index, min_x, min_y, max_x, max_y, ids);
  for (guint i = 0; i < ids->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, g_array_index (ids, guint, i));
      VigieLabelRect rect;
      double x, y, px, py;

      get_item_position (item, now, &x, &y);
      world_to_widget (&view, x, y, &px, &py);
      rect = (VigieLabelRect) { px - item->radius, py - item->radius, 2 * item->radius, 2 * item->radius };
      g_array_append_val (rects, rect);
    }
}

/* Names where they fit (vigie-map-labels.c), the most important first: the
 * selected item, then vehicles, then the biggest symbols. */
static void
append_labels (VigieMapLayer *self,
               GtkSnapshot   *snapshot,
               const View    *view,
               gint64         now)
{
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (VigieMapLabelItem));

  for (guint i = 0; i < self->scratch->len && labels->len < MAX_LABELS; i++)
    {
      Item *item = &g_array_index (self->items, Item, g_array_index (self->scratch, guint, i));
      VigieMapLabelItem label = { 0, };
      double x, y;

      get_item_position (item, now, &x, &y);
      world_to_widget (view, x, y, &label.x, &label.y);
      if (label.x < 0 || label.y < 0 || label.x > view->width || label.y > view->height)
        continue;

      label.radius = item->radius;
      label.entity = item->entity;
      label.layout = &item->layout;
      label.importance = (item->entity == self->selected ? 1e6 : 0) +
                         (vigie_entity_get_kind (item->entity) == VIGIE_ENTITY_VEHICLE ? 1e3 : 0) +
                         item->radius;
      g_array_append_val (labels, label);
    }

  vigie_map_labels_append (GTK_WIDGET (self), snapshot, (VigieMapLabelItem *) (gpointer) labels->data,
                           labels->len, collect_symbols_cb);
}

/* GTK 4.8's cairo renderer turns every texture node into a new cairo
 * surface, a copy, at every frame: 35 µs a symbol, a third of a second for
 * 10,000. With it, the symbols are painted from cached surfaces into one
 * cairo node instead. The GL renderer uploads each texture once and draws
 * texture nodes in batches, which is best for a few hundred; for
 * thousands its command queue overflows (and on llvmpipe it is ten times
 * slower than one cairo node), so past MAX_TEXTURE_NODES it gets the cairo
 * node too. */
typedef struct
{
  GtkSnapshot *snapshot;
  cairo_t     *cr;
} Painter;

static void
painter_begin (VigieMapLayer *self,
               Painter       *painter,
               GtkSnapshot   *snapshot,
               const View    *view,
               guint          n_symbols)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  painter->snapshot = snapshot;
  painter->cr = NULL;
  if (renderer == NULL || GSK_IS_CAIRO_RENDERER (renderer) || n_symbols > MAX_TEXTURE_NODES)
    painter->cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, view->width, view->height));
}

static void
painter_end (Painter *painter)
{
  g_clear_pointer (&painter->cr, cairo_destroy);
}

static inline void
append_art (Painter *painter,
            Art     *art,
            double   px,
            double   py)
{
  /* Whole pixels: a symbol between pixels is blurred. */
  px = round (px - art->half);
  py = round (py - art->half);

  if (painter->cr != NULL)
    {
      cairo_set_source_surface (painter->cr, art->surface, px, py);
      cairo_paint (painter->cr);
    }
  else
    gtk_snapshot_append_texture (painter->snapshot, art->texture,
                                 &GRAPHENE_RECT_INIT (px, py, 2 * art->half, 2 * art->half));
}

static void
append_selection (GtkSnapshot *snapshot,
                  double       px,
                  double       py,
                  float        radius)
{
  GskRoundedRect ring;
  const GdkRGBA colors[4] = { { 0.14, 0.12, 0.19, 1 }, { 0.14, 0.12, 0.19, 1 },
                              { 0.14, 0.12, 0.19, 1 }, { 0.14, 0.12, 0.19, 1 } };
  const GdkRGBA white[4] = { { 1, 1, 1, 1 }, { 1, 1, 1, 1 }, { 1, 1, 1, 1 }, { 1, 1, 1, 1 } };
  const float dark_widths[4] = { 3, 3, 3, 3 };
  const float white_widths[4] = { 2, 2, 2, 2 };
  float r = radius + 6;

  gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (px - r, py - r, 2 * r, 2 * r), r);
  gtk_snapshot_append_border (snapshot, &ring, dark_widths, colors);
  r += 3;
  gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (px - r, py - r, 2 * r, 2 * r), r);
  gtk_snapshot_append_border (snapshot, &ring, white_widths, white);
}

static void
transform_cb (gpointer  data,
              double    x,
              double    y,
              double   *px,
              double   *py)
{
  world_to_widget (data, x, y, px, py);
}

static void
vigie_map_layer_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (widget);
  double min_x, min_y, max_x, max_y;
  gint64 now;
  ClusterSet *clusters;
  Painter painter;
  View view;

  self->n_drawn = 0;
  if (self->index == NULL || !get_view (self, &view))
    return;

  if (vigie_shapes_get_n (self->shapes) > 0)
    {
      cairo_t *cr;

      get_visible_rect (&view, 8, &min_x, &min_y, &max_x, &max_y);
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, view.width, view.height));
      vigie_shapes_draw (self->shapes, cr, min_x, min_y, max_x, max_y,
                         transform_cb, &view, self->thresholds.scale > 0 ? self->thresholds.scale : 1.0);
      cairo_destroy (cr);
    }

  if (self->items->len == 0)
    return;

  now = get_frame_time (self);
  clusters = get_clusters (self, view.zoom);

  /* At city scale, Wi-Fi load also shows as heat under the symbols. */
  if (self->kind == VIGIE_FEED_KIND_WIFI && view.zoom < VIGIE_HEAT_MAX_ZOOM)
    {
      double radius = 60.0 * (self->thresholds.scale > 0 ? self->thresholds.scale : 1.0);
      g_autoptr(GArray) heat = g_array_new (FALSE, FALSE, sizeof (VigieHeatPoint));
      cairo_t *cr;

      get_visible_rect (&view, radius, &min_x, &min_y, &max_x, &max_y);
      g_array_set_size (self->scratch, 0);
      vigie_spatial_index_query_rect (self->index, min_x, min_y, max_x, max_y, self->scratch);
      for (guint i = 0; i < self->scratch->len; i++)
        {
          Item *item = &g_array_index (self->items, Item, g_array_index (self->scratch, guint, i));
          VigieHeatPoint point;

          if (!item->has_fill || item->total <= 0)
            continue;

          world_to_widget (&view, item->x, item->y, &point.x, &point.y);
          point.load = item->used / item->total;
          g_array_append_val (heat, point);
        }

      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, view.width, view.height));
      vigie_heat_draw (cr, (VigieHeatPoint *) (gpointer) heat->data, heat->len, radius);
      cairo_destroy (cr);
    }

  get_visible_rect (&view, self->max_half + 2, &min_x, &min_y, &max_x, &max_y);
  g_array_set_size (self->scratch, 0);

  if (clusters != NULL)
    {
      /* Summaries are wider than their symbols. */
      get_visible_rect (&view, self->max_half + 80, &min_x, &min_y, &max_x, &max_y);
      vigie_spatial_index_query_rect (clusters->index, min_x, min_y, max_x, max_y, self->scratch);
      /* A group moved aside to make room keeps a line to its members. */
      {
        cairo_t *cr = NULL;

        for (guint i = 0; i < self->scratch->len; i++)
          {
            Cluster *cluster = &g_array_index (clusters->clusters, Cluster, g_array_index (self->scratch, guint, i));
            double ax, ay, bx, by;

            if (cluster->n < 2 || (cluster->dx == 0 && cluster->dy == 0))
              continue;
            if (cr == NULL)
              cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, view.width, view.height));
            world_to_widget (&view, cluster->x, cluster->y, &ax, &ay);
            world_to_widget (&view, cluster->x + cluster->dx, cluster->y + cluster->dy, &bx, &by);
            vigie_map_groups_draw_leader (cr, ax, ay, bx, by);
          }
        g_clear_pointer (&cr, cairo_destroy);
      }
      painter_begin (self, &painter, snapshot, &view, self->scratch->len);
      for (guint i = 0; i < self->scratch->len; i++)
        {
          Cluster *cluster = &g_array_index (clusters->clusters, Cluster, g_array_index (self->scratch, guint, i));
          double px, py;

          if (cluster->n == 1)
            {
              Item *item = &g_array_index (self->items, Item, cluster->first);
              double x, y;

              get_item_position (item, now, &x, &y);
              world_to_widget (&view, x, y, &px, &py);
              append_art (&painter, item->art, px, py);
            }
          else
            {
              world_to_widget (&view, cluster->x + cluster->dx, cluster->y + cluster->dy, &px, &py);
              append_art (&painter, cluster->art, px, py);
            }
          self->n_drawn++;
        }
      painter_end (&painter);

      for (guint i = 0; i < self->scratch->len; i++)
        {
          Cluster *cluster = &g_array_index (clusters->clusters, Cluster, g_array_index (self->scratch, guint, i));
          double px, py;

          if (cluster->n > 1 && cluster->layout != NULL)
            {
              world_to_widget (&view, cluster->x + cluster->dx, cluster->y + cluster->dy, &px, &py);
              vigie_map_groups_draw_summary (snapshot, cluster->layout, px, py, cluster->radius);
            }
        }
    }
  else
    {
      gboolean labels = view.zoom >= VIGIE_MAP_LAYER_LABEL_MIN_ZOOM;

      vigie_spatial_index_query_rect (self->index, min_x, min_y, max_x, max_y, self->scratch);
      painter_begin (self, &painter, snapshot, &view, self->scratch->len);

      /* Draw in store order whatever the index's: the same entity stays
       * on top from one frame to the next. */
      if (self->scratch->len < self->items->len / 4)
        g_array_sort (self->scratch, compare_uint);

      for (guint i = 0; i < self->scratch->len; i++)
        {
          Item *item = &g_array_index (self->items, Item, g_array_index (self->scratch, guint, i));
          double x, y, px, py;

          get_item_position (item, now, &x, &y);
          world_to_widget (&view, x, y, &px, &py);
          append_art (&painter, item->art, px, py);
        }
      self->n_drawn = self->scratch->len;
      painter_end (&painter);

      if (labels)
        append_labels (self, snapshot, &view, now);
    }

  {
    Item *item = find_item (self, self->selected);

    if (item != NULL)
      {
        double x, y, px, py;

        get_item_position (item, now, &x, &y);
        world_to_widget (&view, x, y, &px, &py);
        append_selection (snapshot, px, py, item->radius);
      }
  }

  if (self->popover != NULL)
    gtk_widget_snapshot_child (widget, self->popover, snapshot);
}

static ClusterSet *
get_clusters_for_widget (VigieMapLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  return get_clusters (self, shumate_viewport_get_zoom_level (viewport));
}

static Item *
pick_item (VigieMapLayer *self,
           double         px,
           double         py)
{
  View view;
  double x, y;
  guint id;

  if (self->index == NULL || !get_view (self, &view))
    return NULL;

  widget_to_world (&view, px, py, &x, &y);
  if (!vigie_spatial_index_nearest (self->index, x, y, (self->max_half + PICK_SLOP_PX) / view.scale, &id))
    return NULL;

  /* The nearest may be a small symbol further than its own radius while
   * a big one is under the pointer: check the distance in pixels. */
  {
    Item *item = &g_array_index (self->items, Item, id);
    double ix, iy;

    world_to_widget (&view, item->x, item->y, &ix, &iy);
    if (hypot (ix - px, iy - py) > item->radius + PICK_SLOP_PX)
      return NULL;

    return item;
  }
}

static Cluster *
pick_cluster (VigieMapLayer *self,
              double         px,
              double         py)
{
  ClusterSet *clusters;
  Cluster *cluster;
  View view;
  double x, y, cx, cy;
  guint id;

  if (self->index == NULL || !get_view (self, &view))
    return NULL;

  clusters = get_clusters (self, view.zoom);
  if (clusters == NULL)
    return NULL;

  widget_to_world (&view, px, py, &x, &y);
  if (!vigie_spatial_index_nearest (clusters->index, x, y, (self->max_half + PICK_SLOP_PX) / view.scale, &id))
    return NULL;

  cluster = &g_array_index (clusters->clusters, Cluster, id);
  world_to_widget (&view, cluster->x + cluster->dx, cluster->y + cluster->dy, &cx, &cy);
  if (cluster->n > 1 && hypot (cx - px, cy - py) > cluster->radius + PICK_SLOP_PX)
    return NULL;
  if (cluster->n == 1)
    {
      Item *item = &g_array_index (self->items, Item, cluster->first);

      if (hypot (cx - px, cy - py) > item->radius + PICK_SLOP_PX)
        return NULL;
    }

  return cluster;
}

static GtkWidget *
make_details (VigieMapLayer *self,
              VigieEntity   *entity)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_auto(GStrv) lines = vigie_style_describe (self->kind, entity, &self->thresholds);
  const char *name = vigie_entity_get_name (entity);
  gint64 observed_at = vigie_entity_get_observed_at (entity);
  GtkWidget *label;

  gtk_widget_add_css_class (box, "vigie-details");

  /* Every label here is plain text: names and addresses come from feeds. */
  label = gtk_label_new (name != NULL && name[0] != '\0' ? name : vigie_entity_get_id (entity));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-3");
  gtk_box_append (GTK_BOX (box), label);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      label = gtk_label_new (lines[i]);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      if (i == 0)
        gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (box), label);
    }

  if (observed_at > 0)
    {
      g_autofree char *age = vigie_freshness_format_age (vigie_clock_now () - observed_at);
      /* Translators: how old the data shown is, e.g. "Updated 2 min ago". */
      g_autofree char *text = g_strdup_printf (_("Updated %s"), age);

      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  /* Old or frozen data must not pass for live data. */
  {
    gint64 now = vigie_clock_now ();
    gint64 fetched_at = self->feed ? vigie_feed_get_fetched_at (self->feed) : 0;
    gint64 last_success = self->feed ? vigie_feed_get_last_success (self->feed) : 0;
    gint64 changed_at = vigie_entity_get_value_changed_at (entity);
    gint64 ageing_s, stale_s;
    g_autofree char *warning = NULL;

    vigie_freshness_get_default_thresholds (self->kind, &ageing_s, &stale_s);

    /* Timetable data (stops) does not get old because its file is. */
    if (vigie_layer_summary_classify_entity (self->kind, entity, now, 0, fetched_at) == VIGIE_FRESHNESS_STALE)
      warning = g_strdup (_("These data are old: do not rely on them"));
    else if (changed_at > 0 &&
             vigie_freshness_is_frozen (now, changed_at, last_success,
                                        VIGIE_FRESHNESS_DEFAULT_FROZEN_AFTER_S, stale_s))
      {
        g_autofree char *age = vigie_freshness_format_age (now - changed_at);

        /* Translators: %s is an age such as "3 h 10 min ago". */
        warning = g_strdup_printf (_("Frozen: last changed %s, while its feed keeps updating"), age);
      }

    if (warning != NULL)
      {
        label = gtk_label_new (warning);
        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_label_set_wrap (GTK_LABEL (label), TRUE);
        gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
        gtk_widget_add_css_class (label, "warning");
        gtk_box_append (GTK_BOX (box), label);
      }
  }

  if (self->title != NULL)
    {
      /* Translators: the feed a thing on the map came from. */
      g_autofree char *text = g_strdup_printf (_("Source: %s"), self->title);

      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }

  return box;
}

static void
on_popover_closed_cb (VigieMapLayer *self,
                      GtkPopover    *popover)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  vigie_map_labels_queue_draw (GTK_WIDGET (self));
}

static void
show_details (VigieMapLayer *self)
{
  if (self->popover == NULL)
    {
      self->popover = gtk_popover_new ();
      gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
      g_signal_connect_object (self->popover, "closed", G_CALLBACK (on_popover_closed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  gtk_popover_set_child (GTK_POPOVER (self->popover), make_details (self, self->selected));
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_popover_popup (GTK_POPOVER (self->popover));

  /* The tooltip says less than the popover and would hide its title. */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), FALSE);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

static void
zoom_on (VigieMapLayer *self,
         Cluster       *cluster)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double latitude, longitude;

  if (!SHUMATE_IS_MAP (parent))
    return;

  vigie_spatial_index_unproject (cluster->x, cluster->y, &latitude, &longitude);
  shumate_map_go_to_full (SHUMATE_MAP (parent), latitude, longitude,
                          MIN (shumate_viewport_get_zoom_level (viewport) + 2,
                               shumate_viewport_get_max_zoom_level (viewport)));
}

static void
on_click_released_cb (VigieMapLayer   *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  Cluster *cluster;
  Item *item;

  if (n_press != 1)
    return;

  cluster = pick_cluster (self, x, y);
  if (cluster != NULL && cluster->n > 1)
    {
      zoom_on (self, cluster);
      return;
    }

  item = pick_item (self, x, y);
  if (item == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  vigie_map_layer_select (self, item->entity, TRUE);
}

static gboolean
is_item_visible (VigieMapLayer *self,
                 const View    *view,
                 Item          *item)
{
  double px, py;

  world_to_widget (view, item->x, item->y, &px, &py);
  return px >= 0 && py >= 0 && px <= view->width && py <= view->height;
}

/* Arrow keys walk through what is on screen, in store order. */
static void
select_next (VigieMapLayer *self,
             int            direction)
{
  Item *current = find_item (self, self->selected);
  guint n = self->items->len;
  guint start;
  View view;

  if (n == 0 || !get_view (self, &view))
    return;

  if (current != NULL)
    start = (guint) (current - &g_array_index (self->items, Item, 0));
  else
    start = direction > 0 ? n - 1 : 0;

  for (guint step = 1; step <= n; step++)
    {
      guint i = (start + (direction > 0 ? step : n - step % n)) % n;
      Item *item = &g_array_index (self->items, Item, i);

      if (is_item_visible (self, &view, item))
        {
          vigie_map_layer_select (self, item->entity, FALSE);
          return;
        }
    }
}

static gboolean
on_key_pressed_cb (VigieMapLayer         *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Right:
    case GDK_KEY_KP_Down:
      select_next (self, 1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Left:
    case GDK_KEY_KP_Up:
      select_next (self, -1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->selected == NULL)
        return GDK_EVENT_PROPAGATE;
      show_details (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Escape:
      if (self->selected == NULL)
        return GDK_EVENT_PROPAGATE;
      vigie_map_layer_select (self, NULL, FALSE);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static gboolean
vigie_map_layer_contains (GtkWidget *widget,
                          double     x,
                          double     y)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (widget);

  /* Events over an entity come here; anywhere else they fall through to
   * the layers below and to the map, which pans. */
  if (pick_cluster (self, x, y) != NULL)
    return TRUE;

  return get_clusters_for_widget (self) == NULL && pick_item (self, x, y) != NULL;
}

static gboolean
vigie_map_layer_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard,
                               GtkTooltip *tooltip)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (widget);
  Cluster *cluster = pick_cluster (self, x, y);
  Item *item = NULL;
  g_auto(GStrv) lines = NULL;
  const char *name;

  if (cluster != NULL && cluster->n > 1)
    {
      g_autofree char *n_text = vigie_format_count (cluster->n);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s place here: click to zoom in", "%s places here: click to zoom in", cluster->n),
                                               n_text);

      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }

  if (cluster != NULL)
    item = &g_array_index (self->items, Item, cluster->first);
  else if (get_clusters_for_widget (self) == NULL)
    item = pick_item (self, x, y);
  if (item == NULL)
    return FALSE;

  name = vigie_entity_get_name (item->entity);
  lines = vigie_style_describe (self->kind, item->entity, &self->thresholds);

  /* Plain text: no markup from the feed can get through. */
  if (lines[0] != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s\n%s", name != NULL ? name : vigie_entity_get_id (item->entity), lines[0]);

      gtk_tooltip_set_text (tooltip, text);
    }
  else
    gtk_tooltip_set_text (tooltip, name != NULL ? name : vigie_entity_get_id (item->entity));

  return TRUE;
}

static void
vigie_map_layer_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (widget);
  Item *item = find_item (self, self->selected);
  View view;

  if (self->popover == NULL)
    return;

  if (item != NULL && get_view (self, &view))
    {
      double x, y, px, py;

      get_item_position (item, get_frame_time (self), &x, &y);
      world_to_widget (&view, x, y, &px, &py);
      gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                                   &(GdkRectangle) { (int) (px - item->radius), (int) (py - item->radius),
                                                     (int) (2 * item->radius), (int) (2 * item->radius) });
    }

  gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
vigie_map_layer_realize (GtkWidget *widget)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (widget);

  GTK_WIDGET_CLASS (vigie_map_layer_parent_class)->realize (widget);

  /* Textures are drawn for the display's scale: only known now. */
  if (self->texture_scale != gtk_widget_get_scale_factor (widget))
    rebuild (self);
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

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_handle_id (&self->age_check_id, g_source_remove);
  self->next_age_change = 0;
  vigie_map_layer_set_groups (self, NULL);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_model_items_changed_cb, self);
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
  g_clear_pointer (&self->shapes, vigie_shapes_free);
  g_clear_pointer (&self->cluster_sets, g_hash_table_unref);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_clear_pointer (&self->scratch, g_array_unref);
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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "vigie-map-layer");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
vigie_map_layer_init (VigieMapLayer *self)
{
  GtkGesture *click;
  GtkEventController *keys;

  self->clustering = TRUE;
  self->texture_scale = 1;
  vigie_style_thresholds_init (&self->thresholds);

  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->textures = g_hash_table_new_full (vigie_symbol_hash, vigie_symbol_equal, g_free, art_free);
  self->cluster_sets = g_hash_table_new_full (NULL, NULL, NULL, vigie_cluster_set_free);
  self->scratch = g_array_new (FALSE, FALSE, sizeof (guint));
  self->index = vigie_spatial_index_new (NULL, 0);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  keys = gtk_event_controller_key_new ();
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

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
    g_signal_handlers_disconnect_by_func (self->model, on_model_items_changed_cb, self);
  g_set_object (&self->model, model);
  if (self->model != NULL)
    g_signal_connect_object (self->model, "items-changed", G_CALLBACK (on_model_items_changed_cb),
                             self, G_CONNECT_SWAPPED);

  rebuild (self);
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

  g_hash_table_remove_all (self->textures);
  rebuild (self);
}

/**
 * vigie_map_layer_pick:
 * @self: a #VigieMapLayer
 * @x: a point in the layer's coordinates
 * @y: a point in the layer's coordinates
 *
 * Finds the entity drawn at (@x, @y) through the spatial index; of
 * overlapping ones, the nearest, then the one drawn on top. Entities
 * grouped in a cluster are not picked: see vigie_map_layer_pick_cluster().
 *
 * Returns: (transfer none) (nullable): the entity
 */
VigieEntity *
vigie_map_layer_pick (VigieMapLayer *self,
                      double         x,
                      double         y)
{
  Cluster *cluster;
  Item *item;

  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), NULL);

  cluster = pick_cluster (self, x, y);
  if (cluster != NULL)
    return cluster->n == 1 ? g_array_index (self->items, Item, cluster->first).entity : NULL;
  if (get_clusters_for_widget (self) != NULL)
    return NULL;

  item = pick_item (self, x, y);
  return item != NULL ? item->entity : NULL;
}

/**
 * vigie_map_layer_pick_cluster:
 * @self: a #VigieMapLayer
 * @x: a point in the layer's coordinates
 * @y: a point in the layer's coordinates
 *
 * Returns: how many entities the cluster at (@x, @y) groups, 0 if none
 */
guint
vigie_map_layer_pick_cluster (VigieMapLayer *self,
                              double         x,
                              double         y)
{
  Cluster *cluster;

  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), 0);

  cluster = pick_cluster (self, x, y);
  return cluster != NULL ? cluster->n : 0;
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
    show_details (self);
  else if (self->popover != NULL)
    {
      if (self->selected == NULL)
        gtk_popover_popdown (GTK_POPOVER (self->popover));
      else if (gtk_widget_get_visible (self->popover))
        show_details (self);
    }
}

/**
 * vigie_map_layer_entity_to_widget_coords:
 * @self: a #VigieMapLayer
 * @entity: an entity of the layer
 * @x: (out): where it is drawn now
 * @y: (out): where it is drawn now
 *
 * Returns: %TRUE if @entity is in the layer and the map can place it
 */
gboolean
vigie_map_layer_entity_to_widget_coords (VigieMapLayer *self,
                                         VigieEntity   *entity,
                                         double        *x,
                                         double        *y)
{
  Item *item;
  double wx, wy;
  View view;

  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), FALSE);
  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), FALSE);

  item = find_item (self, entity);
  if (item == NULL || !get_view (self, &view))
    return FALSE;

  get_item_position (item, get_frame_time (self), &wx, &wy);
  world_to_widget (&view, wx, wy, x, y);
  return TRUE;
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

  return self->tick_id != 0;
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
