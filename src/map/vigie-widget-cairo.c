/* vigie-widget-cairo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-widget-cairo.h"

/* The charts and the sparkline draw with cairo over their whole
 * allocation, in the widget's text colour (so dark mode and high contrast
 * follow). */

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
