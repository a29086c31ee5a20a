/* vigie-widget-cairo.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

cairo_t *vigie_widget_append_cairo (GtkWidget   *widget,
                                    GtkSnapshot *snapshot,
                                    GdkRGBA     *ink);
void     vigie_color_ramp          (const double  stops[][3],
                                    guint         n_stops,
                                    double        x,
                                    double        rgb[3]);

G_END_DECLS
