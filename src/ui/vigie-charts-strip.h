/* vigie-charts-strip.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-city-figures.h"
#include "vigie-history.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_CHARTS_STRIP (vigie_charts_strip_get_type())

G_DECLARE_FINAL_TYPE (VigieChartsStrip, vigie_charts_strip, VIGIE, CHARTS_STRIP, GtkWidget)

GtkWidget *vigie_charts_strip_new       (VigieCityFigures *figures);
void       vigie_charts_strip_set_sizes (VigieChartsStrip *self,
                                         double            figure_px,
                                         double            label_px);
void       vigie_charts_strip_set_history (VigieChartsStrip *self,
                                           VigieHistory     *history,
                                           VigieFeedManager *manager);
const double *vigie_charts_strip_get_typical (VigieChartsStrip *self,
                                              VigieMeasure      measure,
                                              guint            *n_weeks);

G_END_DECLS
