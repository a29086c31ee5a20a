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

G_END_DECLS
