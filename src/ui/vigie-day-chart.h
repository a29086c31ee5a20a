/* vigie-day-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-day-series.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_DAY_CHART (vigie_day_chart_get_type())

G_DECLARE_FINAL_TYPE (VigieDayChart, vigie_day_chart, VIGIE, DAY_CHART, GtkWidget)

GtkWidget    *vigie_day_chart_new         (VigieMeasure    measure);
VigieMeasure  vigie_day_chart_get_measure (VigieDayChart  *self);
void          vigie_day_chart_set_series  (VigieDayChart  *self,
                                           VigieDaySeries *series);
void          vigie_day_chart_set_text_px (VigieDayChart  *self,
                                           double          text_px);
void          vigie_day_chart_draw        (VigieMeasure    measure,
                                           VigieDaySeries *series,
                                           const double   *typical,
                                           guint           typical_weeks,
                                           cairo_t        *cr,
                                           PangoContext   *context,
                                           double          width,
                                           double          height,
                                           double          text_px,
                                           const GdkRGBA  *ink_color);
void          vigie_day_chart_set_typical (VigieDayChart  *self,
                                           const double   *values,
                                           guint           n_weeks);
const double *vigie_day_chart_get_typical (VigieDayChart  *self,
                                           guint          *n_weeks);

G_END_DECLS
