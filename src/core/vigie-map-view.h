/* vigie-map-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the map shows: kept in GSettings between runs. */
typedef struct
{
  double latitude;
  double longitude;
  double zoom;
} VigieMapView;

#define VIGIE_MAP_VIEW_MIN_ZOOM  2.0
#define VIGIE_MAP_VIEW_MAX_ZOOM 20.0

VigieMapView vigie_map_view_sanitize (VigieMapView view,
                                      VigieMapView fallback);

/* A box around data, in degrees. */
typedef struct
{
  double south;
  double west;
  double north;
  double east;
} VigieMapBounds;

void         vigie_map_bounds_init     (VigieMapBounds       *bounds);
void         vigie_map_bounds_extend   (VigieMapBounds       *bounds,
                                        double                latitude,
                                        double                longitude);
gboolean     vigie_map_bounds_is_empty (const VigieMapBounds *bounds);
void         vigie_map_bounds_trimmed  (VigieMapBounds       *bounds,
                                        double               *latitudes,
                                        double               *longitudes,
                                        guint                 n_points,
                                        double                share);
VigieMapView vigie_map_view_fit_bounds (const VigieMapBounds *bounds,
                                        int                   width,
                                        int                   height,
                                        int                   padding,
                                        double                tile_size,
                                        double                max_zoom);

void         vigie_window_size_fit     (int                  *width,
                                        int                  *height,
                                        int                   screen_width,
                                        int                   screen_height);

G_END_DECLS
