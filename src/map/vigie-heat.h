/* vigie-heat.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* Below this zoom level, Wi-Fi load is also shown as heat. */
#define VIGIE_HEAT_MAX_ZOOM 15

typedef struct
{
  double x, y;       /* in the layer's pixels */
  double load;       /* clients over capacity, 0 to 1 and more */
} VigieHeatPoint;

void vigie_heat_draw (cairo_t              *cr,
                      const VigieHeatPoint *points,
                      guint                 n_points,
                      double                radius);

G_END_DECLS
