/* vigie-heat.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-heat"

#include "config.h"

#include <math.h>

#include "vigie-heat.h"
#include "vigie-widget-cairo.h"

/* Heat under the Wi-Fi symbols at city scale: where the public network is
 * busy shows as a glow whose size and strength grow with the load, so a
 * crowd reads at a glance even where symbols are grouped. Loads add up
 * where places are close. The colour ramps from the palette's blue to
 * vermillion through orange (Okabe–Ito), and the glow's size says the
 * same thing as its colour. */

/* Blue (#0072B2), orange (#E69F00), vermillion (#D55E00). */
static const double ramp[][3] = {
  { 0.00, 0.45, 0.70 },
  { 0.90, 0.62, 0.00 },
  { 0.84, 0.37, 0.00 },
};

/**
 * vigie_heat_draw:
 * @cr: where to draw, in the layer's pixels
 * @points: the hotspots in view
 * @n_points: how many
 * @radius: the glow's radius for a full hotspot, in pixels
 */
void
vigie_heat_draw (cairo_t              *cr,
                 const VigieHeatPoint *points,
                 guint                 n_points,
                 double                radius)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (n_points == 0 || points != NULL);

  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_ADD);

  for (guint i = 0; i < n_points; i++)
    {
      const VigieHeatPoint *p = &points[i];
      double load = CLAMP (p->load, 0.0, 1.5);
      double rr = radius * (0.45 + 0.55 * MIN (load, 1.0));
      double rgb[3];
      cairo_pattern_t *glow;

      if (!isfinite (p->x) || !isfinite (p->y) || load <= 0.02)
        continue;

      vigie_color_ramp (ramp, G_N_ELEMENTS (ramp), load, rgb);
      glow = cairo_pattern_create_radial (p->x, p->y, 0, p->x, p->y, rr);
      cairo_pattern_add_color_stop_rgba (glow, 0.0, rgb[0], rgb[1], rgb[2], 0.55 * MIN (load, 1.0) + 0.1);
      cairo_pattern_add_color_stop_rgba (glow, 1.0, rgb[0], rgb[1], rgb[2], 0.0);
      cairo_set_source (cr, glow);
      cairo_arc (cr, p->x, p->y, rr, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_pattern_destroy (glow);
    }

  cairo_restore (cr);
}
