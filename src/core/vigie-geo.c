/* vigie-geo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-geo"

#include "config.h"

#include <math.h>

#include "vigie-geo.h"

/* The geometry the parsers and the map share: distances and headings on
 * the sphere, the centre of an area, and the projection of OpenStreetMap's
 * tiles. Pure functions, safe in any thread. The demo-city simulator keeps
 * its own on purpose: it must not share the parsers' code. */

/**
 * vigie_geo_check_position:
 * @latitude: WGS 84 latitude, as a feed gives it
 * @longitude: WGS 84 longitude
 *
 * Returns: whether the position can be shown: %VIGIE_GEO_POSITION_ZERO
 *   for the placeholder some back ends write for "unknown" (in the
 *   Atlantic), %VIGIE_GEO_POSITION_OUT_OF_RANGE for what is on no map
 */
VigieGeoPosition
vigie_geo_check_position (double latitude,
                          double longitude)
{
  if (!isfinite (latitude) || !isfinite (longitude) ||
      fabs (latitude) > 90.0 || fabs (longitude) > 180.0)
    return VIGIE_GEO_POSITION_OUT_OF_RANGE;

  if (latitude == 0.0 && longitude == 0.0)
    return VIGIE_GEO_POSITION_ZERO;

  return VIGIE_GEO_POSITION_OK;
}

/**
 * vigie_geo_distance_m:
 *
 * Returns: the great-circle distance between two WGS 84 positions, in
 *   metres (haversine formula)
 */
double
vigie_geo_distance_m (double lat1,
                      double lon1,
                      double lat2,
                      double lon2)
{
  double p1 = lat1 * G_PI / 180.0, p2 = lat2 * G_PI / 180.0;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180.0;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2.0 * VIGIE_GEO_EARTH_RADIUS_M * asin (MIN (1.0, sqrt (a)));
}

/**
 * vigie_geo_bearing_deg:
 *
 * Returns: the initial heading from the first position to the second, in
 *   degrees clockwise from north, 0 to 360
 */
double
vigie_geo_bearing_deg (double lat1,
                       double lon1,
                       double lat2,
                       double lon2)
{
  double p1 = lat1 * G_PI / 180.0, p2 = lat2 * G_PI / 180.0;
  double dl = (lon2 - lon1) * G_PI / 180.0;
  double y = sin (dl) * cos (p2);
  double x = cos (p1) * sin (p2) - sin (p1) * cos (p2) * cos (dl);
  double b = atan2 (y, x) * 180.0 / G_PI;

  return fmod (b + 360.0, 360.0);
}

/**
 * vigie_geo_ring_centroid:
 * @points: latitude, longitude pairs of a closed ring
 * @n_points: how many pairs, at least one
 * @latitude: (out): its centre
 * @longitude: (out):
 *
 * The area centroid of a ring (shoelace formula on a local flat
 * projection, exact enough at city scale); the mean of its points when it
 * has no area.
 *
 * Returns: the ring's absolute area, in square degrees of latitude, to
 *   pick the largest of several rings
 */
double
vigie_geo_ring_centroid (const double *points,
                         guint         n_points,
                         double       *latitude,
                         double       *longitude)
{
  const double *p = points;
  guint n = n_points;
  double kx, area = 0, cx = 0, cy = 0;

  g_return_val_if_fail (points != NULL, 0);
  g_return_val_if_fail (n_points > 0, 0);

  kx = cos (p[0] * G_PI / 180.0);

  for (guint i = 0; i < n; i++)
    {
      guint j = (i + 1) % n;
      double xi = (p[2 * i + 1] - p[1]) * kx, yi = p[2 * i] - p[0];
      double xj = (p[2 * j + 1] - p[1]) * kx, yj = p[2 * j] - p[0];
      double cross = xi * yj - xj * yi;

      area += cross;
      cx += (xi + xj) * cross;
      cy += (yi + yj) * cross;
    }
  area /= 2;

  if (fabs (area) < 1e-14)
    {
      double sum_lat = 0, sum_lon = 0;

      for (guint i = 0; i < n; i++)
        {
          sum_lat += p[2 * i];
          sum_lon += p[2 * i + 1];
        }
      *latitude = sum_lat / n;
      *longitude = sum_lon / n;
      return 0;
    }

  *latitude = p[0] + cy / (6 * area);
  *longitude = p[1] + cx / (6 * area) / kx;

  return fabs (area);
}

/**
 * vigie_geo_project:
 * @latitude: WGS 84 latitude
 * @longitude: WGS 84 longitude
 * @x: (out): 0 at 180° W, 1 at 180° E
 * @y: (out): 0 at the north edge, 1 at the south edge
 *
 * Web Mercator, the projection of OpenStreetMap's tiles, the world as a
 * unit square with y down: at zoom z, pixel coordinates are these times
 * 256 × 2^z. Nothing is clamped: a caller that needs 0..1 keeps the
 * latitude within ±%VIGIE_GEO_MAX_LATITUDE.
 */
void
vigie_geo_project (double  latitude,
                   double  longitude,
                   double *x,
                   double *y)
{
  double sin_latitude = sin (latitude * G_PI / 180.0);

  *x = (longitude + 180.0) / 360.0;
  *y = 0.5 - log ((1.0 + sin_latitude) / (1.0 - sin_latitude)) / (4.0 * G_PI);
}

/**
 * vigie_geo_unproject:
 * @x: a world x, as vigie_geo_project() gives
 * @y: a world y
 * @latitude: (out):
 * @longitude: (out):
 *
 * The inverse of vigie_geo_project().
 */
void
vigie_geo_unproject (double  x,
                     double  y,
                     double *latitude,
                     double *longitude)
{
  *longitude = x * 360.0 - 180.0;
  *latitude = 90.0 - 360.0 / G_PI * atan (exp ((y - 0.5) * 2.0 * G_PI));
}

/**
 * vigie_geo_line_midpoint:
 * @points: (latitude, longitude) pairs, flattened
 * @n_points: how many pairs, at least one
 * @latitude: (out): the point halfway along the line
 * @longitude: (out):
 *
 * The point halfway along a line, measured on a local flat projection:
 * it lies on the street, where a centroid of a bent street would not.
 */
void
vigie_geo_line_midpoint (const double *points,
                         guint         n_points,
                         double       *latitude,
                         double       *longitude)
{
  double kx, total = 0, walked = 0;

  g_return_if_fail (points != NULL && n_points > 0);

  kx = cos (points[0] * G_PI / 180.0);

  for (guint i = 1; i < n_points; i++)
    total += hypot ((points[2 * i + 1] - points[2 * i - 1]) * kx, points[2 * i] - points[2 * i - 2]);

  *latitude = points[0];
  *longitude = points[1];
  if (total <= 0)
    return;

  for (guint i = 1; i < n_points; i++)
    {
      double step = hypot ((points[2 * i + 1] - points[2 * i - 1]) * kx, points[2 * i] - points[2 * i - 2]);

      if (walked + step >= total / 2 && step > 0)
        {
          double f = (total / 2 - walked) / step;

          *latitude = points[2 * i - 2] + f * (points[2 * i] - points[2 * i - 2]);
          *longitude = points[2 * i - 1] + f * (points[2 * i + 1] - points[2 * i - 1]);
          return;
        }
      walked += step;
    }
}
