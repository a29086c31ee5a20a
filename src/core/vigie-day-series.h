/* vigie-day-series.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vigie-figures.h"

G_BEGIN_DECLS

/* What the meeting mode's charts show of today. */
typedef enum
{
  VIGIE_MEASURE_TRAMS_ON_TIME,   /* % */
  VIGIE_MEASURE_BIKES,           /* bikes available */
  VIGIE_MEASURE_PARKING,         /* % of car-park spaces occupied */
  VIGIE_MEASURE_WIFI,            /* devices on the public Wi-Fi */
} VigieMeasure;

#define VIGIE_N_MEASURES (VIGIE_MEASURE_WIFI + 1)

/* One point per 5 minutes of the local day. */
#define VIGIE_DAY_SERIES_STEP_S   300
#define VIGIE_DAY_SERIES_N_POINTS (24 * 3600 / VIGIE_DAY_SERIES_STEP_S)

typedef struct _VigieDaySeries VigieDaySeries;

VigieDaySeries *vigie_day_series_new            (GTimeZone          *time_zone);
void            vigie_day_series_free           (VigieDaySeries     *self);
void            vigie_day_series_add            (VigieDaySeries     *self,
                                                 gint64              time,
                                                 const VigieFigures *by_kind);
const double   *vigie_day_series_get_values     (VigieDaySeries     *self,
                                                 VigieMeasure        measure,
                                                 guint              *n_points);
guint           vigie_day_series_count          (VigieDaySeries     *self,
                                                 VigieMeasure        measure);
gint64          vigie_day_series_get_day_start  (VigieDaySeries     *self);

gboolean        vigie_measure_from_figures      (const VigieFigures *by_kind,
                                                 VigieMeasure        measure,
                                                 double             *value);
const char     *vigie_measure_get_title         (VigieMeasure        measure);
gboolean        vigie_measure_is_percentage     (VigieMeasure        measure);
void            vigie_chart_scale               (double              max,
                                                 double             *top,
                                                 double             *step);
char           *vigie_chart_format_value        (VigieMeasure        measure,
                                                 double              value);
char           *vigie_chart_format_hour         (int                 hour);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieDaySeries, vigie_day_series_free)

G_END_DECLS
