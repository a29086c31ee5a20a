/* vigie-figures-strip.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-city-figures.h"

G_BEGIN_DECLS

/* The strip's tallest height at one width (vigie_figures_strip_keep_height()). */
typedef struct
{
  int width;
  int height;
} VigieStripKept;

#define VIGIE_TYPE_FIGURES_STRIP (vigie_figures_strip_get_type())

G_DECLARE_FINAL_TYPE (VigieFiguresStrip, vigie_figures_strip, VIGIE, FIGURES_STRIP, GtkWidget)

GtkWidget *vigie_figures_strip_new        (VigieCityFigures  *figures,
                                           GListModel        *layers);
GtkWidget *vigie_figures_strip_get_button (VigieFiguresStrip *self,
                                           const char        *id);
void       vigie_figures_strip_set_replaying (VigieFiguresStrip *self,
                                              gboolean           replaying);
guint      vigie_figures_strip_lay_out    (const int         *widths,
                                           guint              n,
                                           int                width,
                                           guint             *line,
                                           int               *x,
                                           int               *allocated);
int        vigie_figures_strip_keep_height (VigieStripKept   *kept,
                                            int               width,
                                            int               height);

G_END_DECLS
