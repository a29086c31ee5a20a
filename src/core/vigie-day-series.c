/* vigie-day-series.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-day-series"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-day-series.h"
#include "vigie-number.h"

/* Today's figures, a point per 5 minutes, for the meeting mode's charts.
 * Only today, and only since the app started: the day of a typical
 * weekday needs the history the app does not keep yet. A point is the
 * last value seen in its 5 minutes; a new day starts empty. */

struct _VigieDaySeries
{
  GTimeZone *time_zone;
  gint64     day_start;     /* Unix seconds of today's midnight, local */
  gint64     day_end;
  double     values[VIGIE_N_MEASURES][VIGIE_DAY_SERIES_N_POINTS];
};

static void
clear (VigieDaySeries *self)
{
  for (guint m = 0; m < VIGIE_N_MEASURES; m++)
    for (guint i = 0; i < VIGIE_DAY_SERIES_N_POINTS; i++)
      self->values[m][i] = NAN;
}

/**
 * vigie_day_series_new:
 * @time_zone: (nullable): where the day is, or %NULL for the local one
 *
 * Returns: (transfer full): an empty series
 */
VigieDaySeries *
vigie_day_series_new (GTimeZone *time_zone)
{
  VigieDaySeries *self = g_new0 (VigieDaySeries, 1);

  self->time_zone = time_zone != NULL ? g_time_zone_ref (time_zone) : g_time_zone_new_local ();
  clear (self);

  return self;
}

void
vigie_day_series_free (VigieDaySeries *self)
{
  if (self == NULL)
    return;

  g_time_zone_unref (self->time_zone);
  g_free (self);
}

/**
 * vigie_day_series_add:
 * @self: a series
 * @time: Unix seconds
 * @by_kind: (array fixed-size=5): the totals by kind of feed
 *
 * Keeps the measures at @time; a time of another day than the one kept
 * starts that day afresh, and one before it is left out.
 */
void
vigie_day_series_add (VigieDaySeries     *self,
                      gint64              time,
                      const VigieFigures *by_kind)
{
  guint point;

  g_return_if_fail (self != NULL);
  g_return_if_fail (by_kind != NULL);

  if (time < self->day_start)
    return;

  if (time >= self->day_end)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (time);
      g_autoptr(GDateTime) local = at != NULL ? g_date_time_to_timezone (at, self->time_zone) : NULL;
      g_autoptr(GDateTime) midnight = NULL;
      g_autoptr(GDateTime) next = NULL;

      if (local == NULL)
        return;
      midnight = g_date_time_new (self->time_zone, g_date_time_get_year (local),
                                  g_date_time_get_month (local), g_date_time_get_day_of_month (local), 0, 0, 0);
      next = g_date_time_add_days (midnight, 1);
      self->day_start = g_date_time_to_unix (midnight);
      self->day_end = g_date_time_to_unix (next);
      clear (self);
    }

  /* A day of 23 or 25 hours still has 288 points: the last ones wait. */
  point = MIN ((time - self->day_start) / VIGIE_DAY_SERIES_STEP_S, VIGIE_DAY_SERIES_N_POINTS - 1);
  for (guint m = 0; m < VIGIE_N_MEASURES; m++)
    {
      double value;

      if (vigie_measure_from_figures (by_kind, m, &value))
        self->values[m][point] = value;
    }
}

/**
 * vigie_day_series_get_values:
 * @self: a series
 * @measure: what
 * @n_points: (out): VIGIE_DAY_SERIES_N_POINTS
 *
 * Returns: (array length=n_points): the points of today from midnight,
 *   NAN where nothing was seen
 */
const double *
vigie_day_series_get_values (VigieDaySeries *self,
                             VigieMeasure    measure,
                             guint          *n_points)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (measure < VIGIE_N_MEASURES, NULL);

  *n_points = VIGIE_DAY_SERIES_N_POINTS;
  return self->values[measure];
}

guint
vigie_day_series_count (VigieDaySeries *self,
                        VigieMeasure    measure)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (measure < VIGIE_N_MEASURES, 0);

  for (guint i = 0; i < VIGIE_DAY_SERIES_N_POINTS; i++)
    n += !isnan (self->values[measure][i]);

  return n;
}

gint64
vigie_day_series_get_day_start (VigieDaySeries *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->day_start;
}

/**
 * vigie_measure_from_figures:
 * @by_kind: (array fixed-size=5): totals by kind of feed
 * @measure: what
 * @value: (out): its value
 *
 * Returns: whether the feeds count it
 */
gboolean
vigie_measure_from_figures (const VigieFigures *by_kind,
                            VigieMeasure        measure,
                            double             *value)
{
  const VigieFigures *trams = &by_kind[VIGIE_FEED_KIND_TRAMS];
  const VigieFigures *bikes = &by_kind[VIGIE_FEED_KIND_BIKES];
  const VigieFigures *parking = &by_kind[VIGIE_FEED_KIND_PARKING];
  const VigieFigures *wifi = &by_kind[VIGIE_FEED_KIND_WIFI];

  switch (measure)
    {
    case VIGIE_MEASURE_TRAMS_ON_TIME:
      if (trams->n_timed == 0)
        return FALSE;
      *value = 100.0 * trams->n_on_time / trams->n_timed;
      return TRUE;

    case VIGIE_MEASURE_BIKES:
      if (bikes->n_stations == 0 && bikes->n_free_vehicles == 0)
        return FALSE;
      *value = bikes->station_vehicles + bikes->n_free_vehicles;
      return TRUE;

    case VIGIE_MEASURE_PARKING:
      if (parking->car_park_spots <= 0)
        return FALSE;
      *value = 100.0 * parking->car_park_occupied / parking->car_park_spots;
      return TRUE;

    case VIGIE_MEASURE_WIFI:
      if (wifi->n_hotspots == 0)
        return FALSE;
      *value = wifi->wifi_clients;
      return TRUE;

    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * vigie_measure_get_title:
 * @measure: what
 *
 * Returns: (transfer none): a chart's title, with its unit, short: four
 *   charts share a screen's width
 */
const char *
vigie_measure_get_title (VigieMeasure measure)
{
  switch (measure)
    {
    case VIGIE_MEASURE_TRAMS_ON_TIME:
      return _("Trams on time (%)");
    case VIGIE_MEASURE_BIKES:
      return _("Bikes available");
    case VIGIE_MEASURE_PARKING:
      /* Translators: a chart's title: the car parks alone (no street
       * zone), of the whole city */
      return _("Off-street car parks (%)");
    case VIGIE_MEASURE_WIFI:
      return _("Wi-Fi devices");
    default:
      g_return_val_if_reached ("");
    }
}

gboolean
vigie_measure_is_percentage (VigieMeasure measure)
{
  return measure == VIGIE_MEASURE_TRAMS_ON_TIME || measure == VIGIE_MEASURE_PARKING;
}

/**
 * vigie_chart_scale:
 * @max: the largest value shown
 * @top: (out): the axis's top, a round number at least @max
 * @step: (out): between ticks: 1, 2 or 5 times a power of ten, 2 to 5
 *   ticks in all
 */
void
vigie_chart_scale (double  max,
                   double *top,
                   double *step)
{
  double magnitude, fraction;

  if (!isfinite (max) || max <= 0)
    max = 1;

  magnitude = pow (10, floor (log10 (max)));
  fraction = max / magnitude;
  if (fraction <= 1)
    *step = magnitude / 5;
  else if (fraction <= 2)
    *step = magnitude / 2;
  else if (fraction <= 5)
    *step = magnitude;
  else
    *step = magnitude * 2;
  if (*step < 1)
    *step = 1;

  *top = ceil (max / *step) * *step;
}

/**
 * vigie_chart_format_value:
 * @measure: what
 * @value: a tick's value
 *
 * Returns: (transfer full): "50 %", "1 200"
 */
char *
vigie_chart_format_value (VigieMeasure measure,
                          double       value)
{
  if (vigie_measure_is_percentage (measure))
    return vigie_figures_format_percent (value / 100.0);

  return vigie_format_count ((gint64) round (value));
}

/**
 * vigie_chart_format_hour:
 * @hour: 0–24
 *
 * Returns: (transfer full): "6 h" in French, "6:00" in English
 */
char *
vigie_chart_format_hour (int hour)
{
  /* Translators: an hour on a chart's axis; French writes "6 h" */
  return g_strdup_printf (_("%d:00"), hour);
}
