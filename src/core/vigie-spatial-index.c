/* vigie-spatial-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-spatial-index"

#include "config.h"

#include <math.h>

#include "vigie-geo.h"
#include "vigie-spatial-index.h"

/* A static k-d tree packed into two arrays, after Vladimir Agafonkin's
 * kdbush: the points are sorted in place so that every range holds a
 * median split alternately on x and y, down to leaves of LEAF_SIZE points
 * that are scanned. Built once per store update (O(n log n)), it answers
 * a viewport query in O(√n + k) with no allocation per node: the map
 * visits only what it draws, however many entities the store has. */

#define LEAF_SIZE 32

#define EARTH_CIRCUMFERENCE_M 40075016.686

struct _VigieSpatialIndex
{
  guint   n_points;
  guint  *ids;
  double *coords;    /* x0, y0, x1, y1, ... in tree order */
};

static inline void
swap_items (VigieSpatialIndex *self,
            guint              i,
            guint              j)
{
  guint id = self->ids[i];
  double x = self->coords[2 * i];
  double y = self->coords[2 * i + 1];

  self->ids[i] = self->ids[j];
  self->coords[2 * i] = self->coords[2 * j];
  self->coords[2 * i + 1] = self->coords[2 * j + 1];
  self->ids[j] = id;
  self->coords[2 * j] = x;
  self->coords[2 * j + 1] = y;
}

/* Floyd–Rivest selection: afterwards the k-th item of [left, right] on
 * axis is in place, smaller ones before it and larger ones after. */
static void
select_kth (VigieSpatialIndex *self,
            guint              k,
            guint              left,
            guint              right,
            guint              axis)
{
  while (right > left)
    {
      double t;
      guint i, j;

      if (right - left > 600)
        {
          double n = right - left + 1;
          double m = k - left + 1;
          double z = log (n);
          double s = 0.5 * exp (2 * z / 3);
          double sd = 0.5 * sqrt (z * s * (n - s) / n) * (m - n / 2 < 0 ? -1 : 1);
          double new_left = MAX ((double) left, floor (k - m * s / n + sd));
          double new_right = MIN ((double) right, floor (k + (n - m) * s / n + sd));

          select_kth (self, k, (guint) new_left, (guint) new_right, axis);
        }

      t = self->coords[2 * k + axis];
      i = left;
      j = right;

      swap_items (self, left, k);
      if (self->coords[2 * right + axis] > t)
        swap_items (self, left, right);

      while (i < j)
        {
          swap_items (self, i, j);
          i++;
          j--;
          while (self->coords[2 * i + axis] < t)
            i++;
          while (self->coords[2 * j + axis] > t)
            j--;
        }

      if (self->coords[2 * left + axis] == t)
        swap_items (self, left, j);
      else
        {
          j++;
          swap_items (self, j, right);
        }

      if (j <= k)
        left = j + 1;
      if (k <= j)
        {
          if (j == 0)
            break;
          right = j - 1;
        }
    }
}

static void
sort_kd (VigieSpatialIndex *self,
         guint              left,
         guint              right,
         guint              axis)
{
  guint middle;

  if (right - left <= LEAF_SIZE)
    return;

  middle = left + (right - left) / 2;
  select_kth (self, middle, left, right, axis);

  sort_kd (self, left, middle - 1, 1 - axis);
  sort_kd (self, middle + 1, right, 1 - axis);
}

/**
 * vigie_spatial_index_new:
 * @xy: (array) (nullable): @n_points pairs of world coordinates, x then y
 * @n_points: how many points
 *
 * Builds the index; point i of @xy is reported as id i. Points that are
 * not finite are left out.
 *
 * Returns: (transfer full): the index
 */
VigieSpatialIndex *
vigie_spatial_index_new (const double *xy,
                         guint         n_points)
{
  VigieSpatialIndex *self = g_new0 (VigieSpatialIndex, 1);
  guint n = 0;

  g_return_val_if_fail (xy != NULL || n_points == 0, self);

  self->ids = g_new (guint, MAX (n_points, 1));
  self->coords = g_new (double, 2 * MAX (n_points, 1));

  for (guint i = 0; i < n_points; i++)
    {
      if (!isfinite (xy[2 * i]) || !isfinite (xy[2 * i + 1]))
        continue;

      self->ids[n] = i;
      self->coords[2 * n] = xy[2 * i];
      self->coords[2 * n + 1] = xy[2 * i + 1];
      n++;
    }
  self->n_points = n;

  if (n > 0)
    sort_kd (self, 0, n - 1, 0);

  return self;
}

void
vigie_spatial_index_free (VigieSpatialIndex *self)
{
  if (self == NULL)
    return;

  g_free (self->ids);
  g_free (self->coords);
  g_free (self);
}

guint
vigie_spatial_index_get_n_points (VigieSpatialIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_points;
}

typedef struct
{
  guint left;
  guint right;
  guint axis;
} Range;

/**
 * vigie_spatial_index_query_rect:
 * @self: an index
 * @min_x: west edge
 * @min_y: north edge
 * @max_x: east edge
 * @max_y: south edge
 * @ids: (element-type guint): where the ids of the points inside (edges
 *   included) are appended, in no particular order
 */
void
vigie_spatial_index_query_rect (VigieSpatialIndex *self,
                                double             min_x,
                                double             min_y,
                                double             max_x,
                                double             max_y,
                                GArray            *ids)
{
  Range stack[64];
  guint depth = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (ids != NULL);

  if (self->n_points == 0)
    return;

  stack[depth++] = (Range) { 0, self->n_points - 1, 0 };

  while (depth > 0)
    {
      Range r = stack[--depth];
      guint middle;
      double x, y;

      if (r.right - r.left <= LEAF_SIZE)
        {
          for (guint i = r.left; i <= r.right; i++)
            {
              x = self->coords[2 * i];
              y = self->coords[2 * i + 1];
              if (x >= min_x && x <= max_x && y >= min_y && y <= max_y)
                g_array_append_val (ids, self->ids[i]);
            }
          continue;
        }

      middle = r.left + (r.right - r.left) / 2;
      x = self->coords[2 * middle];
      y = self->coords[2 * middle + 1];
      if (x >= min_x && x <= max_x && y >= min_y && y <= max_y)
        g_array_append_val (ids, self->ids[middle]);

      /* A tree of 2^32 points is at most 27 levels deep: 64 is plenty. */
      if (r.axis == 0 ? min_x <= x : min_y <= y)
        stack[depth++] = (Range) { r.left, middle - 1, 1 - r.axis };
      if (r.axis == 0 ? max_x >= x : max_y >= y)
        stack[depth++] = (Range) { middle + 1, r.right, 1 - r.axis };
    }
}

/**
 * vigie_spatial_index_nearest:
 * @self: an index
 * @x: where to look from
 * @y: where to look from
 * @radius: how far to look, in world units
 * @id: (out) (optional): the nearest point's id
 *
 * Finds the point nearest to (@x, @y) within @radius. Of points at the
 * same distance, the one with the highest id wins: layers draw in id
 * order, so that is the one on top.
 *
 * Returns: %TRUE if a point is within @radius
 */
gboolean
vigie_spatial_index_nearest (VigieSpatialIndex *self,
                             double             x,
                             double             y,
                             double             radius,
                             guint             *id)
{
  Range stack[64];
  guint depth = 0;
  double best_d2 = radius * radius;
  gboolean found = FALSE;
  guint best = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->n_points == 0 || !(radius >= 0))
    return FALSE;

  stack[depth++] = (Range) { 0, self->n_points - 1, 0 };

#define CONSIDER(i) G_STMT_START {                                    \
    double dx = self->coords[2 * (i)] - x;                            \
    double dy = self->coords[2 * (i) + 1] - y;                        \
    double d2 = dx * dx + dy * dy;                                    \
    if (d2 < best_d2 || (d2 == best_d2 && (!found || self->ids[i] > best))) \
      {                                                               \
        best_d2 = d2;                                                 \
        best = self->ids[i];                                          \
        found = TRUE;                                                 \
      }                                                               \
  } G_STMT_END

  while (depth > 0)
    {
      Range r = stack[--depth];
      guint middle;
      double split, r_now;

      if (r.right - r.left <= LEAF_SIZE)
        {
          for (guint i = r.left; i <= r.right; i++)
            CONSIDER (i);
          continue;
        }

      middle = r.left + (r.right - r.left) / 2;
      CONSIDER (middle);

      /* The search circle shrinks as better points turn up. */
      r_now = sqrt (best_d2);
      split = self->coords[2 * middle + r.axis];
      if ((r.axis == 0 ? x : y) - r_now <= split)
        stack[depth++] = (Range) { r.left, middle - 1, 1 - r.axis };
      if ((r.axis == 0 ? x : y) + r_now >= split)
        stack[depth++] = (Range) { middle + 1, r.right, 1 - r.axis };
    }

#undef CONSIDER

  if (found && id != NULL)
    *id = best;

  return found;
}

/**
 * vigie_spatial_index_project:
 * @latitude: WGS 84 latitude, clamped to Web Mercator's ±85.05°
 * @longitude: WGS 84 longitude
 * @x: (out): 0 at 180° W, 1 at 180° E
 * @y: (out): 0 at the north edge, 1 at the south edge
 *
 * The projection of OpenStreetMap's tiles: at zoom z, pixel coordinates
 * are these times 256 × 2^z.
 */
void
vigie_spatial_index_project (double  latitude,
                             double  longitude,
                             double *x,
                             double *y)
{
  vigie_geo_project (CLAMP (latitude, -VIGIE_GEO_MAX_LATITUDE, VIGIE_GEO_MAX_LATITUDE),
                     CLAMP (longitude, -180.0, 180.0),
                     x, y);
}

void
vigie_spatial_index_unproject (double  x,
                               double  y,
                               double *latitude,
                               double *longitude)
{
  vigie_geo_unproject (x, y, latitude, longitude);
}

/**
 * vigie_spatial_index_meters_per_unit:
 * @y: a world y coordinate
 *
 * Returns: how many metres on the ground one world unit is at @y
 */
double
vigie_spatial_index_meters_per_unit (double y)
{
  double latitude, longitude;

  vigie_spatial_index_unproject (0.5, y, &latitude, &longitude);

  return EARTH_CIRCUMFERENCE_M * cos (latitude * G_PI / 180.0);
}
