/* vigie-map-layer-painter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-map-layer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-heat.h"
#include "vigie-label-placer.h"
#include "vigie-map-labels.h"
#include "vigie-map-layer-private.h"

/* Each frame asks the spatial index what lies in the viewport and draws
 * the shapes, the heat, one symbol for each item or group, the names
 * where they fit, and the selection ring. */

#define MAX_LABELS      200
/* Past these many symbols or groups in view, or areas or heat spots in
 * the layer, a worker paints the still ones. */
#define RASTER_MIN_ITEMS  1000
#define RASTER_MIN_SHAPES  200
#define MAX_TEXTURE_NODES 1000

/* GTK 4.8's cairo renderer turns every texture node into a new cairo
 * surface, a copy, at every frame: 35 µs a symbol, a third of a second for
 * 10,000. With it, the symbols are painted from cached surfaces into one
 * cairo node instead. The GL renderer uploads each texture once and draws
 * texture nodes in batches, which is best for a few hundred; for
 * thousands its command queue overflows (and on llvmpipe it is ten times
 * slower than one cairo node), so past MAX_TEXTURE_NODES it gets the cairo
 * node too.
 *
 * GTK repaints what differs from the previous frame's nodes, and a cairo
 * node is repainted whole: the still symbols' node is kept from a frame to
 * the next (vigie-map-node-cache.c) and those that glide are drawn over
 * it, each in a node of its own size, so that a frame of a glide repaints
 * the tram and not the map. Past MAX_MOVER_NODES of them, one node holds
 * them all (GTK gives up on more than 30 rectangles of damage anyway). */
#define MAX_MOVER_NODES 12

typedef struct
{
  Art *art;
  int  x, y;                    /* top left, whole pixels */
} Stamp;

typedef struct
{
  VigieMapLayer *layer;
  GtkSnapshot   *snapshot;
  gboolean       use_cairo;
  GArray        *still;         /* Stamp, for the cairo node kept */
  GArray        *moving;        /* Stamp, drawn over it */
} Painter;

static void
painter_begin (VigieMapLayer *self,
               Painter       *painter,
               GtkSnapshot   *snapshot,
               guint          n_symbols)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  painter->layer = self;
  painter->snapshot = snapshot;
  painter->use_cairo = renderer == NULL || GSK_IS_CAIRO_RENDERER (renderer) || n_symbols > MAX_TEXTURE_NODES;
  painter->still = g_array_sized_new (FALSE, FALSE, sizeof (Stamp), n_symbols);
  painter->moving = g_array_new (FALSE, FALSE, sizeof (Stamp));
}

static void
stamps_bounds (GArray          *stamps,
               guint            from,
               guint            to,
               graphene_rect_t *bounds)
{
  int x0 = G_MAXINT, y0 = G_MAXINT, x1 = G_MININT, y1 = G_MININT;

  for (guint i = from; i < to; i++)
    {
      const Stamp *stamp = &g_array_index (stamps, Stamp, i);
      int side = (int) ceilf (2 * stamp->art->half);

      x0 = MIN (x0, stamp->x);
      y0 = MIN (y0, stamp->y);
      x1 = MAX (x1, stamp->x + side);
      y1 = MAX (y1, stamp->y + side);
    }
  graphene_rect_init (bounds, x0, y0, x1 - x0, y1 - y0);
}

static void
paint_stamps (cairo_t *cr,
              GArray  *stamps,
              guint    from,
              guint    to)
{
  for (guint i = from; i < to; i++)
    {
      const Stamp *stamp = &g_array_index (stamps, Stamp, i);

      cairo_set_source_surface (cr, stamp->art->surface, stamp->x, stamp->y);
      cairo_paint (cr);
    }
}

static void
append_stamps (GtkSnapshot *snapshot,
               GArray      *stamps,
               guint        from,
               guint        to)
{
  graphene_rect_t bounds;
  cairo_t *cr;

  stamps_bounds (stamps, from, to, &bounds);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  paint_stamps (cr, stamps, from, to);
  cairo_destroy (cr);
}

static void
painter_end (Painter *painter)
{
  VigieMapNodeCache *cache = &painter->layer->still_symbols;
  GArray *still = painter->still;
  GArray *moving = painter->moving;

  /* The same symbols at the same places: the very node of the last frame,
   * which GTK then has nothing to repaint for. */
  if (still->len > 0 &&
      !vigie_map_node_cache_append (cache, painter->snapshot, still->data, still->len * sizeof (Stamp)))
    {
      graphene_rect_t bounds;
      cairo_t *cr;

      stamps_bounds (still, 0, still->len, &bounds);
      cr = vigie_map_node_cache_begin (cache, &bounds, still->data, still->len * sizeof (Stamp));
      paint_stamps (cr, still, 0, still->len);
      for (guint i = 0; i < still->len; i++)
        vigie_map_node_cache_hold (cache, g_rc_box_acquire (g_array_index (still, Stamp, i).art));
      vigie_map_node_cache_end (cache, painter->snapshot, cr);
    }
  else if (still->len == 0)
    vigie_map_node_cache_forget (cache);

  if (moving->len > MAX_MOVER_NODES)
    append_stamps (painter->snapshot, moving, 0, moving->len);
  else
    for (guint i = 0; i < moving->len; i++)
      append_stamps (painter->snapshot, moving, i, i + 1);

  g_clear_pointer (&painter->still, g_array_unref);
  g_clear_pointer (&painter->moving, g_array_unref);
}

/* @moving: it glides, or has glided, since the last update. */
static inline void
append_art (Painter  *painter,
            Art      *art,
            double    px,
            double    py,
            gboolean  moving)
{
  Stamp stamp;

  /* Whole pixels: a symbol between pixels is blurred. */
  px = round (px - art->half);
  py = round (py - art->half);

  if (painter->use_cairo)
    {
      stamp = (Stamp) { art, (int) px, (int) py };
      g_array_append_val (moving ? painter->moving : painter->still, stamp);
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
collect_symbols_cb (GtkWidget *widget,
                    GArray    *rects)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 now = vigie_map_layer_get_frame_time (self);
  double min_x, min_y, max_x, max_y;
  View view;

  if (self->index == NULL || !vigie_map_layer_get_view (self, &view) ||
      vigie_map_layer_get_clusters (self, view.zoom) != NULL)
    return;

  vigie_map_view_get_visible_rect (&view, self->max_half, &min_x, &min_y, &max_x, &max_y);
  vigie_spatial_index_query_rect (self->index, min_x, min_y, max_x, max_y, ids);
  for (guint i = 0; i < ids->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, g_array_index (ids, guint, i));
      VigieLabelRect rect;
      double x, y, px, py;

      vigie_map_item_get_position (item, now, &x, &y);
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

  vigie_map_layer_trim_layouts (self);

  for (guint i = 0; i < self->scratch->len && labels->len < MAX_LABELS; i++)
    {
      Item *item = &g_array_index (self->items, Item, g_array_index (self->scratch, guint, i));
      VigieMapLabelItem label = { 0, };
      double x, y;

      vigie_map_item_get_position (item, now, &x, &y);
      world_to_widget (view, x, y, &label.x, &label.y);
      if (label.x < 0 || label.y < 0 || label.x > view->width || label.y > view->height)
        continue;

      label.radius = item->radius;
      label.entity = item->entity;
      label.layout = vigie_map_layer_lookup_layout (self, vigie_entity_get_name (item->entity));
      label.importance = (item->entity == self->selected ? 1e6 : 0) +
                         (vigie_entity_get_kind (item->entity) == VIGIE_ENTITY_VEHICLE ? 1e3 : 0) +
                         item->radius;
      g_array_append_val (labels, label);
    }

  vigie_map_labels_append (GTK_WIDGET (self), snapshot, (VigieMapLabelItem *) (gpointer) labels->data,
                           labels->len, collect_symbols_cb);
}

/* Lines and areas: the same as long as the view and the data are. */
static void
append_shapes (VigieMapLayer *self,
               GtkSnapshot   *snapshot,
               const View    *view)
{
  double min_x, min_y, max_x, max_y;
  cairo_t *cr;
  struct {
    VigieShapes *shapes;
    View         view;
    double       scale;
  } key;

  memset (&key, 0, sizeof key);
  key.shapes = self->shapes;
  key.view = *view;
  key.scale = self->thresholds.scale > 0 ? self->thresholds.scale : 1.0;
  if (vigie_map_node_cache_append (&self->still_shapes, snapshot, &key, sizeof key))
    return;

  vigie_map_view_get_visible_rect (view, 8, &min_x, &min_y, &max_x, &max_y);
  cr = vigie_map_node_cache_begin (&self->still_shapes, &GRAPHENE_RECT_INIT (0, 0, view->width, view->height),
                                   &key, sizeof key);
  vigie_shapes_draw (self->shapes, cr, min_x, min_y, max_x, max_y,
                     vigie_map_view_transform, (gpointer) view, key.scale);
  vigie_map_node_cache_hold (&self->still_shapes, vigie_shapes_ref (self->shapes));
  vigie_map_node_cache_end (&self->still_shapes, snapshot, cr);
}

/* At city scale, Wi-Fi load also shows as heat under the symbols. */
static void
append_heat (VigieMapLayer *self,
             GtkSnapshot   *snapshot,
             const View    *view)
{
  double min_x, min_y, max_x, max_y;
  double radius = 60.0 * (self->thresholds.scale > 0 ? self->thresholds.scale : 1.0);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (VigieHeatPoint));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  cairo_t *cr;
  /* The heat changes with the items, so with each update's arts. */
  struct {
    View   view;
    double radius;
    gint64 generation;
  } key;

  memset (&key, 0, sizeof key);
  key.view = *view;
  key.radius = radius;
  key.generation = self->art_generation;
  if (vigie_map_node_cache_append (&self->still_heat, snapshot, &key, sizeof key))
    return;

  vigie_map_view_get_visible_rect (view, radius, &min_x, &min_y, &max_x, &max_y);
  vigie_spatial_index_query_rect (self->index, min_x, min_y, max_x, max_y, ids);
  for (guint i = 0; i < ids->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, g_array_index (ids, guint, i));
      VigieHeatPoint point;

      if (!item->has_fill || item->total <= 0)
        continue;

      world_to_widget (view, item->x, item->y, &point.x, &point.y);
      point.load = item->used / item->total;
      g_array_append_val (points, point);
    }

  cr = vigie_map_node_cache_begin (&self->still_heat, &GRAPHENE_RECT_INIT (0, 0, view->width, view->height),
                                   &key, sizeof key);
  vigie_heat_draw (cr, (VigieHeatPoint *) (gpointer) points->data, points->len, radius);
  vigie_map_node_cache_end (&self->still_heat, snapshot, cr);
}

/* A group moved aside to make room keeps a line to its members. */
static void
append_leaders (VigieMapLayer *self,
                GtkSnapshot   *snapshot,
                const View    *view,
                ClusterSet    *clusters)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_t *cr;

  for (guint i = 0; i < self->scratch->len; i++)
    {
      Cluster *cluster = &g_array_index (clusters->clusters, Cluster, g_array_index (self->scratch, guint, i));
      double ends[4];

      if (cluster->n < 2 || (cluster->dx == 0 && cluster->dy == 0))
        continue;
      world_to_widget (view, cluster->x, cluster->y, &ends[0], &ends[1]);
      world_to_widget (view, cluster->x + cluster->dx, cluster->y + cluster->dy, &ends[2], &ends[3]);
      g_array_append_vals (lines, ends, 4);
    }

  if (lines->len == 0)
    {
      vigie_map_node_cache_forget (&self->still_leaders);
      return;
    }
  if (vigie_map_node_cache_append (&self->still_leaders, snapshot, lines->data, lines->len * sizeof (double)))
    return;

  cr = vigie_map_node_cache_begin (&self->still_leaders, &GRAPHENE_RECT_INIT (0, 0, view->width, view->height),
                                   lines->data, lines->len * sizeof (double));
  for (guint i = 0; i < lines->len; i += 4)
    {
      const double *ends = &g_array_index (lines, double, i);

      vigie_map_groups_draw_leader (cr, ends[0], ends[1], ends[2], ends[3]);
    }
  vigie_map_node_cache_end (&self->still_leaders, snapshot, cr);
}

void
vigie_map_layer_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (widget);
  double min_x, min_y, max_x, max_y;
  gint64 now;
  ClusterSet *clusters;
  gboolean heat, many, rastered = FALSE;
  gint64 raster_time;
  Painter painter;
  View view;

  self->n_snapshots++;
  self->n_drawn = 0;
  self->n_rastered = 0;
  if (self->index == NULL || !vigie_map_layer_get_view (self, &view))
    return;

  now = vigie_map_layer_get_frame_time (self);
  clusters = self->items->len > 0 ? vigie_map_layer_get_clusters (self, view.zoom) : NULL;
  /* At city scale, Wi-Fi load also shows as heat under the symbols. */
  heat = self->kind == VIGIE_FEED_KIND_WIFI && view.zoom < VIGIE_HEAT_MAX_ZOOM && self->items->len > 0;

  g_array_set_size (self->scratch, 0);
  if (clusters == NULL)
    {
      vigie_map_view_get_visible_rect (&view, self->max_half + 2, &min_x, &min_y, &max_x, &max_y);
      vigie_spatial_index_query_rect (self->index, min_x, min_y, max_x, max_y, self->scratch);
    }
  else
    {
      /* Summaries are wider than their symbols. */
      vigie_map_view_get_visible_rect (&view, self->max_half + 80, &min_x, &min_y, &max_x, &max_y);
      vigie_spatial_index_query_rect (clusters->index, min_x, min_y, max_x, max_y, self->scratch);
    }

  /* Many still things: painted by a worker (vigie-map-layer-raster.c),
   * with the items alone in their group when the groups are many. */
  many = self->scratch->len >= RASTER_MIN_ITEMS;
  if (self->rasterize &&
      (many || vigie_shapes_get_n (self->shapes) >= RASTER_MIN_SHAPES ||
       (heat && self->items->len >= RASTER_MIN_SHAPES)))
    rastered = vigie_map_layer_draw_raster (self, snapshot, &view, clusters == NULL || many,
                                            clusters != NULL && many ? (int) floor (view.zoom) : -1, heat);
  else
    vigie_map_layer_forget_raster (self);
  raster_time = rastered ? vigie_map_layer_get_raster_time (self) : 0;

  if (!rastered && vigie_shapes_get_n (self->shapes) > 0)
    append_shapes (self, snapshot, &view);
  else
    vigie_map_node_cache_forget (&self->still_shapes);

  if (self->items->len == 0)
    {
      vigie_map_node_cache_forget (&self->still_heat);
      vigie_map_node_cache_forget (&self->still_leaders);
      vigie_map_node_cache_forget (&self->still_symbols);
      return;
    }

  if (rastered || !heat)
    vigie_map_node_cache_forget (&self->still_heat);
  else
    append_heat (self, snapshot, &view);

  if (clusters != NULL)
    {
      append_leaders (self, snapshot, &view, clusters);
      painter_begin (self, &painter, snapshot, self->scratch->len);
      for (guint i = 0; i < self->scratch->len; i++)
        {
          Cluster *cluster = &g_array_index (clusters->clusters, Cluster, g_array_index (self->scratch, guint, i));
          double px, py;

          if (cluster->n == 1)
            {
              Item *item = &g_array_index (self->items, Item, cluster->first);
              double x, y;

              /* In the image, unless it glided when it was painted. */
              if (rastered && many && !vigie_map_item_glides_at (item, raster_time))
                {
                  self->n_rastered++;
                  self->n_drawn++;
                  continue;
                }

              vigie_map_item_get_position (item, now, &x, &y);
              world_to_widget (&view, x, y, &px, &py);
              append_art (&painter, item_art (self, item), px, py, item->glide_start != 0);
            }
          else
            {
              world_to_widget (&view, cluster->x + cluster->dx, cluster->y + cluster->dy, &px, &py);
              append_art (&painter, cluster->art, px, py, FALSE);
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

      vigie_map_node_cache_forget (&self->still_leaders);
      painter_begin (self, &painter, snapshot, self->scratch->len);

      /* Draw in store order whatever the index's, as the raster does: the
       * same entity stays on top from one frame to the next. */
      g_array_sort (self->scratch, vigie_map_compare_uint);

      for (guint i = 0; i < self->scratch->len; i++)
        {
          Item *item = &g_array_index (self->items, Item, g_array_index (self->scratch, guint, i));
          double x, y, px, py;

          /* The image has those that did not glide when it was painted. */
          if (rastered && !vigie_map_item_glides_at (item, raster_time))
            {
              self->n_rastered++;
              continue;
            }

          vigie_map_item_get_position (item, now, &x, &y);
          world_to_widget (&view, x, y, &px, &py);
          append_art (&painter, item_art (self, item), px, py, item->glide_start != 0);
        }
      self->n_drawn = self->scratch->len;
      painter_end (&painter);

      if (labels)
        append_labels (self, snapshot, &view, now);
    }

  {
    Item *item = vigie_map_layer_find_item (self, self->selected);

    if (item != NULL)
      {
        double x, y, px, py;

        vigie_map_item_get_position (item, now, &x, &y);
        world_to_widget (&view, x, y, &px, &py);
        append_selection (snapshot, px, py, item->radius);
      }
  }

  if (self->popover != NULL)
    gtk_widget_snapshot_child (widget, self->popover, snapshot);
}
