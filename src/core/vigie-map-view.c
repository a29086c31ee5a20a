/* vigie-map-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-map-view"

#include "config.h"

#include <math.h>

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
