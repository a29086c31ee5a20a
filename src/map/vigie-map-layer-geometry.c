/* vigie-map-layer-geometry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-map-layer"

#include "config.h"

#include <math.h>

#include "vigie-map-layer-private.h"

/* Where things are: the viewport as a View, the part of the world it
 * shows, and where an item is drawn now while it glides. */

static double
ease (double t)
{
  /* Ease-out: fast then settling, never past the end. */
  t = CLAMP (t, 0.0, 1.0);
  return 1.0 - (1.0 - t) * (1.0 - t);
}

gboolean
vigie_map_layer_get_view (VigieMapLayer *self,
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

gint64
vigie_map_layer_get_frame_time (VigieMapLayer *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  return clock != NULL ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
}

void
vigie_map_view_get_visible_rect (const View *view,
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

/* world_to_widget() as a VigieShapesTransform, for vigie_shapes_draw(). */
void
vigie_map_view_transform (gpointer  view,
                          double    x,
                          double    y,
                          double   *px,
                          double   *py)
{
  world_to_widget (view, x, y, px, py);
}

void
vigie_map_item_get_position (const Item *item,
                             gint64      now,
                             double     *x,
                             double     *y)
{
  double t;

  /* Items never change once built: a glide is over by its time. */
  if (item->glide_start == 0 ||
      now - item->glide_start >= VIGIE_MAP_LAYER_GLIDE_DURATION_MS * 1000)
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

  item = vigie_map_layer_find_item (self, entity);
  if (item == NULL || !vigie_map_layer_get_view (self, &view))
    return FALSE;

  vigie_map_item_get_position (item, vigie_map_layer_get_frame_time (self), &wx, &wy);
  world_to_widget (&view, wx, wy, x, y);
  return TRUE;
}
