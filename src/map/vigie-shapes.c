/* vigie-shapes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-shapes"

#include "config.h"

#include <math.h>

#include "vigie-shapes.h"
#include "vigie-spatial-index.h"

/* Paths and areas under a layer's symbols. Geometry comes in the entity's
 * "geometry" value: a(dd) for a path, aa(dd) for the rings of an area,
 * points as (latitude, longitude). It is projected once per store update;
 * each frame only strokes what crosses the view. A transit line keeps its
 * own colour on a white casing that reads on any base map; a parking
 * segment or zone takes its occupancy band's colour, and a dashed or
 * hatched pattern when saturated, so that colour is never the only cue. */

typedef struct
{
  VigieEntity *entity;  /* what it was read from, held: see vigie_shapes_add() */
  double  *xy;          /* world coordinates, all rings one after another */
  char    *route_id;    /* a transit line's route, for vehicles to follow */
  guint   *ring_ends;   /* index past each ring's last point */
  guint    n_rings;
  gboolean area;
  gboolean transit;
  gboolean hatched;
  double   rgba[4];
  double   min_x, min_y, max_x, max_y;
} Shape;

/* Shared by reference between a layer and the worker that paints it. */
struct _VigieShapes
{
  gatomicrefcount  ref_count;
  GArray          *shapes;
  GHashTable      *by_entity;   /* VigieEntity * → index + 1 */
};

static void
shape_clear (gpointer data)
{
  Shape *shape = data;

  g_clear_pointer (&shape->xy, g_free);
  g_clear_pointer (&shape->ring_ends, g_free);
  g_clear_pointer (&shape->route_id, g_free);
  g_clear_object (&shape->entity);
}

VigieShapes *
vigie_shapes_new (void)
{
  VigieShapes *self = g_new0 (VigieShapes, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->shapes = g_array_new (FALSE, TRUE, sizeof (Shape));
  g_array_set_clear_func (self->shapes, shape_clear);
  self->by_entity = g_hash_table_new (NULL, NULL);
  return self;
}

VigieShapes *
vigie_shapes_ref (VigieShapes *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
vigie_shapes_unref (VigieShapes *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_hash_table_unref (self->by_entity);
  g_array_unref (self->shapes);
  g_free (self);
}

static gboolean
parse_color (const char *hex,
             double      rgba[4])
{
  guint64 value;
  char *end = NULL;

  if (hex == NULL || strlen (hex) != 6)
    return FALSE;

  value = g_ascii_strtoull (hex, &end, 16);
  if (end == NULL || *end != '\0')
    return FALSE;

  rgba[0] = ((value >> 16) & 0xff) / 255.0;
  rgba[1] = ((value >> 8) & 0xff) / 255.0;
  rgba[2] = (value & 0xff) / 255.0;
  rgba[3] = 1.0;
  return TRUE;
}

static void
add_ring (GArray   *xy,
          GArray   *ends,
          GVariant *points)
{
  GVariantIter iter;
  double latitude, longitude;

  g_variant_iter_init (&iter, points);
  while (g_variant_iter_next (&iter, "(dd)", &latitude, &longitude))
    {
      double x, y;

      if (!isfinite (latitude) || !isfinite (longitude))
        continue;

      vigie_spatial_index_project (latitude, longitude, &x, &y);
      g_array_append_val (xy, x);
      g_array_append_val (xy, y);
    }

  g_array_append_val (ends, (guint) { xy->len / 2 });
}

/**
 * vigie_shapes_add:
 * @self: the shapes of a layer
 * @entity: an entity; only one with a "geometry" value is added
 * @rgba: its colour as 0xRRGGBBAA, when it is not a transit line
 * @hatched: whether to draw it with a pattern (saturated)
 *
 * Returns: whether @entity had a geometry
 */
/* @shape's path and extent, and which rings it has, from @previous. */
static void
copy_path (Shape       *shape,
           const Shape *previous)
{
  shape->area = previous->area;
  shape->n_rings = previous->n_rings;
  shape->ring_ends = g_memdup2 (previous->ring_ends, previous->n_rings * sizeof (guint));
  shape->xy = g_memdup2 (previous->xy, 2 * previous->ring_ends[previous->n_rings - 1] * sizeof (double));
  shape->min_x = previous->min_x;
  shape->min_y = previous->min_y;
  shape->max_x = previous->max_x;
  shape->max_y = previous->max_y;
}

/* @shape's path read from @entity's "geometry"; FALSE when it has none
 * to draw. */
static gboolean
read_path (Shape       *shape,
           VigieEntity *entity)
{
  g_autoptr(GVariant) geometry = NULL;
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));

  geometry = vigie_entity_dup_value (entity, "geometry", NULL);
  if (geometry == NULL)
    return FALSE;

  if (g_variant_is_of_type (geometry, G_VARIANT_TYPE ("a(dd)")))
    add_ring (xy, ends, geometry);
  else if (g_variant_is_of_type (geometry, G_VARIANT_TYPE ("aa(dd)")))
    {
      GVariantIter iter;
      GVariant *ring;

      shape->area = TRUE;
      g_variant_iter_init (&iter, geometry);
      while ((ring = g_variant_iter_next_value (&iter)))
        {
          add_ring (xy, ends, ring);
          g_variant_unref (ring);
        }
    }
  else
    return FALSE;

  if (xy->len < 4)
    return FALSE;

  shape->min_x = shape->min_y = G_MAXDOUBLE;
  shape->max_x = shape->max_y = -G_MAXDOUBLE;
  for (guint i = 0; i < xy->len; i += 2)
    {
      double x = g_array_index (xy, double, i), y = g_array_index (xy, double, i + 1);

      shape->min_x = MIN (shape->min_x, x);
      shape->max_x = MAX (shape->max_x, x);
      shape->min_y = MIN (shape->min_y, y);
      shape->max_y = MAX (shape->max_y, y);
    }

  shape->n_rings = ends->len;
  shape->ring_ends = (guint *) (gpointer) g_array_free (g_steal_pointer (&ends), FALSE);
  shape->xy = (double *) (gpointer) g_array_free (g_steal_pointer (&xy), FALSE);

  return TRUE;
}

/**
 * vigie_shapes_add:
 * @self: shapes being made, by one thread
 * @previous: (nullable): the shapes of the layer's last plan, not changed
 *   any more
 * @entity: a transit line, parking zone or area with a "geometry"
 * @rgba: its colour, unless a line's own says otherwise
 * @hatched: whether it is drawn hatched (areas) or dashed (lines)
 *
 * An entity that @previous has (the same object: the store keeps an
 * entity while it does not change) has its path copied from there, not
 * read again from its values: 10,000 parking zones' paths were a third of
 * each plan's time (perf, the app at 109,000 entities).
 *
 * Returns: whether @entity has a path to draw
 */
gboolean
vigie_shapes_add (VigieShapes *self,
                  VigieShapes *previous,
                  VigieEntity *entity,
                  guint32      rgba,
                  gboolean     hatched)
{
  Shape shape = { 0, };
  guint found = previous != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (previous->by_entity, entity)) : 0;

  if (found > 0)
    copy_path (&shape, &g_array_index (previous->shapes, Shape, found - 1));
  else if (!read_path (&shape, entity))
    return FALSE;

  shape.entity = g_object_ref (entity);
  shape.transit = vigie_entity_get_kind (entity) == VIGIE_ENTITY_LINE;
  if (shape.transit)
    shape.route_id = g_strdup (vigie_entity_lookup_string (entity, "route_id"));
  shape.hatched = hatched;
  if (!shape.transit || !parse_color (vigie_entity_lookup_string (entity, "route_color"), shape.rgba))
    {
      shape.rgba[0] = ((rgba >> 24) & 0xff) / 255.0;
      shape.rgba[1] = ((rgba >> 16) & 0xff) / 255.0;
      shape.rgba[2] = ((rgba >> 8) & 0xff) / 255.0;
      shape.rgba[3] = (rgba & 0xff) / 255.0;
    }

  g_array_append_val (self->shapes, shape);
  g_hash_table_insert (self->by_entity, entity, GUINT_TO_POINTER (self->shapes->len));

  return TRUE;
}

guint
vigie_shapes_get_n (VigieShapes *self)
{
  return self != NULL ? self->shapes->len : 0;
}

static void
trace (const Shape          *shape,
       cairo_t              *cr,
       VigieShapesTransform  transform,
       gpointer              data)
{
  guint start = 0;

  cairo_new_path (cr);
  for (guint r = 0; r < shape->n_rings; r++)
    {
      for (guint i = start; i < shape->ring_ends[r]; i++)
        {
          double px, py;

          transform (data, shape->xy[2 * i], shape->xy[2 * i + 1], &px, &py);
          if (i == start)
            cairo_move_to (cr, px, py);
          else
            cairo_line_to (cr, px, py);
        }
      if (shape->area)
        cairo_close_path (cr);
      start = shape->ring_ends[r];
    }
}

static void
hatch (cairo_t *cr,
       double   rgba[4],
       double   scale)
{
  double x1, y1, x2, y2;

  /* Diagonal stripes inside the area: saturation shows without colour. */
  cairo_save (cr);
  cairo_clip_preserve (cr);
  cairo_fill_extents (cr, &x1, &y1, &x2, &y2);
  cairo_new_path (cr);
  for (double d = x1 - (y2 - y1); d < x2; d += 8 * scale)
    {
      cairo_move_to (cr, d, y2);
      cairo_line_to (cr, d + (y2 - y1), y1);
    }
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], 0.9);
  cairo_set_line_width (cr, 1.5 * scale);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/**
 * vigie_shapes_draw:
 * @self: the shapes of a layer
 * @cr: where to draw, in the layer's pixels
 * @min_x: the view's extent in world coordinates, and the others
 * @transform: from world coordinates to the layer's pixels
 * @data: for @transform
 * @scale: the operator's symbol size
 *
 * Draws the shapes that cross the view: areas first, then paths, transit
 * lines last, so that narrow things stay on top.
 */
void
vigie_shapes_draw (VigieShapes          *self,
                   cairo_t              *cr,
                   double                min_x,
                   double                min_y,
                   double                max_x,
                   double                max_y,
                   VigieShapesTransform  transform,
                   gpointer              data,
                   double                scale)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < self->shapes->len; i++)
      {
        Shape *shape = &g_array_index (self->shapes, Shape, i);
        guint wanted = shape->area ? 0 : shape->transit ? 2 : 1;

        if (wanted != pass ||
            shape->max_x < min_x || shape->min_x > max_x ||
            shape->max_y < min_y || shape->min_y > max_y)
          continue;

        trace (shape, cr, transform, data);

        if (shape->area)
          {
            cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
            cairo_set_source_rgba (cr, shape->rgba[0], shape->rgba[1], shape->rgba[2], 0.3);
            cairo_fill_preserve (cr);
            if (shape->hatched)
              hatch (cr, shape->rgba, scale);
            cairo_set_source_rgba (cr, shape->rgba[0], shape->rgba[1], shape->rgba[2], 0.9);
            cairo_set_line_width (cr, 2 * scale);
            cairo_stroke (cr);
          }
        else if (shape->transit)
          {
            /* A casing so that a yellow or white line reads on any map. */
            cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
            cairo_set_line_width (cr, 8 * scale);
            cairo_stroke_preserve (cr);
            cairo_set_source_rgba (cr, 0.14, 0.12, 0.13, 0.55);
            cairo_set_line_width (cr, 6 * scale);
            cairo_stroke_preserve (cr);
            cairo_set_source_rgba (cr, shape->rgba[0], shape->rgba[1], shape->rgba[2], 1);
            cairo_set_line_width (cr, 4.5 * scale);
            cairo_stroke (cr);
          }
        else
          {
            double dashes[] = { 7 * scale, 4 * scale };

            cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
            cairo_set_line_width (cr, 8 * scale);
            cairo_stroke_preserve (cr);
            cairo_set_source_rgba (cr, shape->rgba[0], shape->rgba[1], shape->rgba[2], 1);
            cairo_set_line_width (cr, 5 * scale);
            if (shape->hatched)
              cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0);
          }
      }
}

typedef struct
{
  guint  segment;   /* index of the segment's first point */
  double t;         /* 0 to 1 along it */
  double along;     /* distance from the path's start */
  double offset;    /* distance from the point to the path */
  double x, y;      /* the projection */
} Projection;

static void
project (const Shape *shape,
         double       x,
         double       y,
         Projection  *best)
{
  double along = 0;

  best->offset = G_MAXDOUBLE;

  for (guint i = 0; i + 1 < shape->ring_ends[0]; i++)
    {
      double ax = shape->xy[2 * i], ay = shape->xy[2 * i + 1];
      double bx = shape->xy[2 * i + 2], by = shape->xy[2 * i + 3];
      double dx = bx - ax, dy = by - ay;
      double length = hypot (dx, dy);
      double t = length > 0 ? ((x - ax) * dx + (y - ay) * dy) / (length * length) : 0;
      double px, py, offset;

      t = CLAMP (t, 0.0, 1.0);
      px = ax + t * dx;
      py = ay + t * dy;
      offset = hypot (x - px, y - py);

      if (offset < best->offset)
        {
          best->segment = i;
          best->t = t;
          best->along = along + t * length;
          best->offset = offset;
          best->x = px;
          best->y = py;
        }

      along += length;
    }
}

/**
 * vigie_shapes_find_path:
 * @self: the shapes of a layer
 * @route_id: the route a vehicle runs on
 * @x0: where it was drawn, world coordinates
 * @y0: ...
 * @x1: where it is now reported
 * @y1: ...
 * @max_offset: how far, in world units, each may be from the line
 * @path: (out caller-allocates): an array of doubles that gets the
 *   points (x, y) to glide through, the line's own bends included
 *
 * A tram goes from one report to the next along its line, not across the
 * town: find the stretch of its route's path between the two positions.
 *
 * Returns: whether both positions lie on one of the route's paths
 */
gboolean
vigie_shapes_find_path (VigieShapes *self,
                        const char  *route_id,
                        double       x0,
                        double       y0,
                        double       x1,
                        double       y1,
                        double       max_offset,
                        GArray      *path)
{
  const Shape *best = NULL;
  Projection best_from = { 0, }, best_to = { 0, };
  double best_score = G_MAXDOUBLE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (route_id == NULL)
    return FALSE;

  for (guint i = 0; i < self->shapes->len; i++)
    {
      const Shape *shape = &g_array_index (self->shapes, Shape, i);
      Projection from, to;
      double score;

      if (!shape->transit || g_strcmp0 (shape->route_id, route_id) != 0 || shape->n_rings != 1)
        continue;

      project (shape, x0, y0, &from);
      project (shape, x1, y1, &to);
      if (from.offset > max_offset || to.offset > max_offset)
        continue;

      /* The path drawn in the direction of travel wins over its twin. */
      score = from.offset + to.offset + (to.along < from.along ? max_offset : 0);
      if (score < best_score)
        {
          best = shape;
          best_score = score;
          best_from = from;
          best_to = to;
        }
    }

  if (best == NULL)
    return FALSE;

  g_array_set_size (path, 0);
  g_array_append_val (path, best_from.x);
  g_array_append_val (path, best_from.y);

  if (best_from.along <= best_to.along)
    {
      for (guint i = best_from.segment + 1; i <= best_to.segment; i++)
        {
          g_array_append_val (path, best->xy[2 * i]);
          g_array_append_val (path, best->xy[2 * i + 1]);
        }
    }
  else
    {
      for (guint i = best_from.segment; i > best_to.segment; i--)
        {
          g_array_append_val (path, best->xy[2 * i]);
          g_array_append_val (path, best->xy[2 * i + 1]);
        }
    }

  g_array_append_val (path, best_to.x);
  g_array_append_val (path, best_to.y);

  return TRUE;
}
