/* vigie-geo.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The Earth's mean radius (IUGG), in metres. */
#define VIGIE_GEO_EARTH_RADIUS_M 6371008.8
/* Web Mercator's latitude limit: beyond it y leaves 0..1. */
#define VIGIE_GEO_MAX_LATITUDE 85.05112878

/* What is wrong with a position a feed gives. */
typedef enum
{
  VIGIE_GEO_POSITION_OK,
  VIGIE_GEO_POSITION_MISSING,       /* none, or unreadable: the parser says */
  VIGIE_GEO_POSITION_ZERO,          /* (0, 0), a placeholder for "unknown" */
  VIGIE_GEO_POSITION_OUT_OF_RANGE,
} VigieGeoPosition;

VigieGeoPosition vigie_geo_check_position (double latitude,
                                           double longitude);

double vigie_geo_distance_m    (double        lat1,
                                double        lon1,
                                double        lat2,
                                double        lon2);
double vigie_geo_bearing_deg   (double        lat1,
                                double        lon1,
                                double        lat2,
                                double        lon2);
double vigie_geo_ring_centroid (const double *points,
                                guint         n_points,
                                double       *latitude,
                                double       *longitude);
void   vigie_geo_line_midpoint (const double *points,
                                guint         n_points,
                                double       *latitude,
                                double       *longitude);
void   vigie_geo_project       (double        latitude,
                                double        longitude,
                                double       *x,
                                double       *y);
void   vigie_geo_unproject     (double        x,
                                double        y,
                                double       *latitude,
                                double       *longitude);

G_END_DECLS
