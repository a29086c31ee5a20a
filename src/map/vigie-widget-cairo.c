/* vigie-widget-cairo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-widget-cairo.h"

/* The charts and the sparkline draw with cairo over their whole
 * allocation, in the widget's text colour (so dark mode and high contrast
 * follow); the heat layer and the heat map colour a figure along a ramp. */

/**
 * vigie_widget_append_cairo:
 * @widget: the widget being snapshot
 * @snapshot: its snapshot
 * @ink: (out): the widget's text colour
 *
 * Returns: (transfer full) (nullable): a cairo context over the whole
 *   widget, or %NULL when it has no size yet
 */
cairo_t *
vigie_widget_append_cairo (GtkWidget   *widget,
                           GtkSnapshot *snapshot,
                           GdkRGBA     *ink)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (ink != NULL, NULL);

  if (width <= 0 || height <= 0)
    return NULL;

  /* gtk_widget_get_color() is GTK 4.10's. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), ink);
  G_GNUC_END_IGNORE_DEPRECATIONS

  return gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/**
 * vigie_color_ramp:
 * @stops: (array length=n_stops): red, green and blue from 0 to 1 of
 *   colours evenly spaced along the ramp, the first at 0, the last at 1
 * @n_stops: how many, at least 2
 * @x: where on the ramp, clamped to [0, 1]
 * @rgb: (out caller-allocates): the colour there, between its two stops
 */
void
vigie_color_ramp (const double  stops[][3],
                  guint         n_stops,
                  double        x,
                  double        rgb[3])
{
  double t;
  guint i;

  g_return_if_fail (n_stops >= 2);

  t = CLAMP (x, 0.0, 1.0) * (n_stops - 1);
  i = MIN ((guint) t, n_stops - 2);
  for (guint c = 0; c < 3; c++)
    rgb[c] = stops[i][c] + (stops[i + 1][c] - stops[i][c]) * (t - i);
}
