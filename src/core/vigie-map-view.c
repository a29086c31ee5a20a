/* vigie-map-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-map-view"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vigie-geo.h"
#include "vigie-map-view.h"

/* Web Mercator cannot show the poles. */
#define MAX_LATITUDE 85.0511

/**
 * vigie_map_view_sanitize:
 * @view: a view read back from settings
 * @fallback: the view to use where @view cannot be trusted
 *
 * A stored view may be garbage (hand-edited settings, a position of
 * (0, 0) left by a map that was never shown): such a view would open the
 * app in the Gulf of Guinea. Non-finite or out-of-range coordinates, and
 * the null island, give @fallback's position; the zoom is clamped.
 *
 * Returns: a view that is safe to show
 */
VigieMapView
vigie_map_view_sanitize (VigieMapView view,
                         VigieMapView fallback)
{
  VigieMapView result = view;

  if (!isfinite (view.latitude) || !isfinite (view.longitude) ||
      fabs (view.latitude) > MAX_LATITUDE || fabs (view.longitude) > 180.0 ||
      (view.latitude == 0.0 && view.longitude == 0.0))
    {
      result.latitude = fallback.latitude;
      result.longitude = fallback.longitude;
    }

  if (!isfinite (view.zoom))
    result.zoom = fallback.zoom;

  result.zoom = CLAMP (result.zoom, VIGIE_MAP_VIEW_MIN_ZOOM, VIGIE_MAP_VIEW_MAX_ZOOM);

  return result;
}

/**
 * vigie_map_bounds_init:
 * @bounds: bounds to make empty
 */
void
vigie_map_bounds_init (VigieMapBounds *bounds)
{
  bounds->south = INFINITY;
  bounds->west = INFINITY;
  bounds->north = -INFINITY;
  bounds->east = -INFINITY;
}

/**
 * vigie_map_bounds_extend:
 * @bounds: bounds
 * @latitude: a point's latitude
 * @longitude: its longitude
 *
 * Grows @bounds to hold the point. Points no map can show, and the null
 * island (a feed's way of saying "no position"), are left out: one of
 * them would zoom the map out to the whole world.
 */
void
vigie_map_bounds_extend (VigieMapBounds *bounds,
                         double          latitude,
                         double          longitude)
{
  if (!isfinite (latitude) || !isfinite (longitude) ||
      fabs (latitude) > MAX_LATITUDE || fabs (longitude) > 180.0 ||
      (latitude == 0.0 && longitude == 0.0))
    return;

  bounds->south = MIN (bounds->south, latitude);
  bounds->north = MAX (bounds->north, latitude);
  bounds->west = MIN (bounds->west, longitude);
  bounds->east = MAX (bounds->east, longitude);
}

gboolean
vigie_map_bounds_is_empty (const VigieMapBounds *bounds)
{
  return !(bounds->south <= bounds->north && bounds->west <= bounds->east);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

/**
 * vigie_map_bounds_trimmed:
 * @bounds: (out): the bounds
 * @latitudes: (array length=n_points): points' latitudes; changed
 * @longitudes: (array length=n_points): their longitudes; changed
 * @n_points: how many
 * @share: the share of points sure to count, e.g. 0.9
 *
 * The bounds of the points that belong together: a few far ones (the
 * tram-train's stops 20 km out of town, a station misplaced by its feed)
 * would otherwise shrink the city to a corner of the map. Points further
 * from the median point than 1.5 times the distance within which @share
 * of them lie are left out. Points no map can show never count.
 */
void
vigie_map_bounds_trimmed (VigieMapBounds *bounds,
                          double         *latitudes,
                          double         *longitudes,
                          guint           n_points,
                          double          share)
{
  g_autofree double *sorted = NULL;
  g_autofree double *distances = NULL;
  double median_lat, median_lon, scale, limit;
  guint n = 0;

  /* Keep the showable points only, in place. */
  for (guint i = 0; i < n_points; i++)
    {
      VigieMapBounds one;

      vigie_map_bounds_init (&one);
      vigie_map_bounds_extend (&one, latitudes[i], longitudes[i]);
      if (vigie_map_bounds_is_empty (&one))
        continue;
      latitudes[n] = latitudes[i];
      longitudes[n] = longitudes[i];
      n++;
    }

  vigie_map_bounds_init (bounds);
  if (n == 0)
    return;

  sorted = g_new (double, n);
  memcpy (sorted, latitudes, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_doubles);
  median_lat = sorted[n / 2];
  memcpy (sorted, longitudes, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_doubles);
  median_lon = sorted[n / 2];

  /* Distances in degrees of latitude are enough to compare points. */
  scale = cos (median_lat * G_PI / 180.0);
  distances = g_new (double, n);
  for (guint i = 0; i < n; i++)
    distances[i] = hypot (latitudes[i] - median_lat, (longitudes[i] - median_lon) * scale);
  memcpy (sorted, distances, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_doubles);
  limit = 1.5 * sorted[MIN (n - 1, (guint) ceil (n * CLAMP (share, 0.5, 1.0)) - 1)];

  for (guint i = 0; i < n; i++)
    if (distances[i] <= limit + 1e-12)
      vigie_map_bounds_extend (bounds, latitudes[i], longitudes[i]);
}

/**
 * vigie_map_view_fit_bounds:
 * @bounds: the data's bounds, not empty
 * @width: the map's width, in pixels
 * @height: its height
 * @padding: room to keep on each side, in pixels
 * @tile_size: the size of a tile, in pixels (256 for most sources)
 * @max_zoom: the closest zoom to use, for a single point
 *
 * The view that shows all of @bounds at the closest whole zoom level
 * (whole, so that raster tiles stay sharp).
 *
 * Returns: the view
 */
VigieMapView
vigie_map_view_fit_bounds (const VigieMapBounds *bounds,
                           int                   width,
                           int                   height,
                           int                   padding,
                           double                tile_size,
                           double                max_zoom)
{
  double x_west, x_east, y_north, y_south, center_latitude, center_longitude;
  double room_x = MAX (width - 2 * padding, 1);
  double room_y = MAX (height - 2 * padding, 1);
  double zoom = max_zoom;
  VigieMapView view;

  g_return_val_if_fail (!vigie_map_bounds_is_empty (bounds), ((VigieMapView) { 0, 0, VIGIE_MAP_VIEW_MIN_ZOOM }));

  vigie_geo_project (bounds->north, bounds->west, &x_west, &y_north);
  vigie_geo_project (bounds->south, bounds->east, &x_east, &y_south);

  if (x_east - x_west > 0)
    zoom = MIN (zoom, log2 (room_x / ((x_east - x_west) * tile_size)));
  if (y_south - y_north > 0)
    zoom = MIN (zoom, log2 (room_y / ((y_south - y_north) * tile_size)));

  vigie_geo_unproject (0.5, (y_north + y_south) / 2.0, &center_latitude, &center_longitude);
  view.latitude = center_latitude;
  view.longitude = (bounds->west + bounds->east) / 2.0;
  view.zoom = CLAMP (floor (zoom + 1e-9), VIGIE_MAP_VIEW_MIN_ZOOM, MIN (max_zoom, VIGIE_MAP_VIEW_MAX_ZOOM));

  return view;
}

/**
 * vigie_window_size_fit:
 * @width: (inout): a window width
 * @height: (inout): a window height
 * @screen_width: the screen's width, 0 if unknown
 * @screen_height: its height
 *
 * Shrinks a window size to what a screen can show with room for its
 * panels (a top bar, a task bar, a dock).
 */
void
vigie_window_size_fit (int *width,
                       int *height,
                       int  screen_width,
                       int  screen_height)
{
  if (screen_width > 0)
    *width = MIN (*width, MAX (screen_width - 40, 360));
  if (screen_height > 0)
    *height = MIN (*height, MAX (screen_height - 96, 294));
}
