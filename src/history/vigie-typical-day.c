/* vigie-typical-day.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-typical-day"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-figures.h"
#include "vigie-history-steps.h"
#include "vigie-typical-day.h"
#include "vigie-hash.h"

/* Today beside a typical day of the same weekday: for each five-minute
 * point, the median of that point over the past weeks' same weekday, read
 * from the history in a worker. The measures are the meeting's charts',
 * made of many series: trams on time among the trips with a delay, bikes
 * available at the stations, car-park spaces occupied, Wi-Fi clients. The
 * demo city has a week of past: one past Monday, said "1 week". */

void
vigie_typical_day_free (VigieTypicalDay *day)
{
  g_free (day);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * vigie_typical_day_median:
 * @days: (array length=n_days): each past day's points
 * @n_points: points per day
 * @median: (out caller-allocates) (array length=n_points): the median of
 *   each point over the days that know it, NAN where none does
 */
void
vigie_typical_day_median (const double * const *days,
                          guint                 n_days,
                          guint                 n_points,
                          double               *median)
{
  g_autofree double *known = g_new (double, MAX (n_days, 1));

  g_return_if_fail (days != NULL || n_days == 0);
  g_return_if_fail (median != NULL);

  for (guint p = 0; p < n_points; p++)
    {
      guint n = 0;

      for (guint d = 0; d < n_days; d++)
        if (!isnan (days[d][p]))
          known[n++] = days[d][p];

      if (n == 0)
        {
          median[p] = NAN;
          continue;
        }
      qsort (known, n, sizeof (double), compare_doubles);
      median[p] = n % 2 == 1 ? known[n / 2] : (known[n / 2 - 1] + known[n / 2]) / 2;
    }
}

/* "station/12" of "velocite\037station/12" when several feeds are merged. */
static const char *
entity_part (const char *key)
{
  const char *mark = strchr (key, '\037');

  return mark != NULL ? mark + 1 : key;
}

/**
 * vigie_typical_day_combine:
 * @measure: which
 * @a: entity → double[@n_points]: trips' delay_s, stations'
 *   vehicles_available, car parks' occupancy (0–1) or hotspots' clients
 * @b: (nullable): for the parking, the car parks' total_spots
 * @out: (out caller-allocates): the measure at each point, as the charts
 *   show it (% or a count), NAN where unknown (or, for the trams, known of
 *   fewer than VIGIE_TYPICAL_DAY_MIN_TRIPS trips)
 *
 * Returns: whether any point is known
 */
gboolean
vigie_typical_day_combine (VigieMeasure  measure,
                           GHashTable   *a,
                           GHashTable   *b,
                           guint         n_points,
                           double       *out)
{
  g_autofree double *sum = g_new0 (double, n_points);
  g_autofree double *count = g_new0 (double, n_points);
  GHashTableIter iter;
  const char *key;
  const double *values;
  gboolean any = FALSE;

  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (measure != VIGIE_MEASURE_PARKING || b != NULL, FALSE);

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &values))
    {
      const char *entity = entity_part (key);
      const double *totals = NULL;

      switch (measure)
        {
        case VIGIE_MEASURE_TRAMS_ON_TIME:
          if (!g_str_has_prefix (entity, "trip/"))
            continue;
          break;
        case VIGIE_MEASURE_BIKES:
          if (!g_str_has_prefix (entity, "station/"))
            continue;
          break;
        case VIGIE_MEASURE_PARKING:
          if (!g_str_has_prefix (entity, "car-park/") || (totals = g_hash_table_lookup (b, key)) == NULL)
            continue;
          break;
        case VIGIE_MEASURE_WIFI:
          if (!g_str_has_prefix (entity, "hotspot/"))
            continue;
          break;
        default:
          g_return_val_if_reached (FALSE);
        }

      for (guint p = 0; p < n_points; p++)
        {
          double v = values[p];

          if (isnan (v) || (v < 0 && measure != VIGIE_MEASURE_TRAMS_ON_TIME))
            continue;
          switch (measure)
            {
            case VIGIE_MEASURE_TRAMS_ON_TIME:
              sum[p] += v >= -VIGIE_FIGURES_EARLY_S && v <= VIGIE_FIGURES_LATE_S;
              count[p]++;
              break;
            case VIGIE_MEASURE_PARKING:
              if (isnan (totals[p]) || totals[p] <= 0)
                continue;
              sum[p] += MIN (v, 1.0) * totals[p];
              count[p] += totals[p];
              break;
            case VIGIE_MEASURE_BIKES:
            case VIGIE_MEASURE_WIFI:
            default:
              sum[p] += v;
              count[p] = 1;
              break;
            }
        }
    }

  for (guint p = 0; p < n_points; p++)
    {
      if (count[p] <= 0 || (measure == VIGIE_MEASURE_TRAMS_ON_TIME && count[p] < VIGIE_TYPICAL_DAY_MIN_TRIPS))
        out[p] = NAN;
      else if (vigie_measure_is_percentage (measure))
        out[p] = 100.0 * sum[p] / count[p];
      else
        out[p] = sum[p];
      any |= !isnan (out[p]);
    }

  return any;
}

/* Every feed's steps of @field merged, keyed "feed\037entity". */
static GHashTable *
read_merged (VigieHistoryDb  *db,
             GStrv            feed_ids,
             const char      *field,
             gint64           from,
             GError         **error)
{
  g_autoptr(GHashTable) merged = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, g_free);

  for (guint f = 0; feed_ids != NULL && feed_ids[f] != NULL; f++)
    {
      g_autoptr(VigieHistorySteps) steps = NULL;
      GHashTableIter iter;
      char *key;
      double *values;

      steps = vigie_history_steps_read (db, feed_ids[f], field, from,
                                        from + VIGIE_DAY_SERIES_N_POINTS * VIGIE_DAY_SERIES_STEP_S,
                                        VIGIE_DAY_SERIES_STEP_S, error);
      if (steps == NULL)
        return NULL;
      g_hash_table_iter_init (&iter, steps->values);
      while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &values))
        {
          g_hash_table_insert (merged, g_strconcat (feed_ids[f], "\037", key, NULL), values);
          g_hash_table_iter_steal (&iter);
          g_free (key);
        }
    }

  return g_steal_pointer (&merged);
}

/* One past day's points of @measure into @out; FALSE on an error. */
static gboolean
read_day (VigieHistoryDb              *db,
          const VigieTypicalDayFeeds  *feeds,
          VigieMeasure                 measure,
          gint64                       from,
          double                      *out,
          GError                     **error)
{
  static const char * const fields[] = { "delay_s", "vehicles_available", "occupancy", "clients" };
  GStrv ids[] = { feeds->trams, feeds->bikes, feeds->parking, feeds->wifi };
  g_autoptr(GHashTable) a = NULL;
  g_autoptr(GHashTable) b = NULL;

  for (guint p = 0; p < VIGIE_DAY_SERIES_N_POINTS; p++)
    out[p] = NAN;
  if (ids[measure] == NULL || ids[measure][0] == NULL)
    return TRUE;

  a = read_merged (db, ids[measure], fields[measure], from, error);
  if (a == NULL)
    return FALSE;
  if (measure == VIGIE_MEASURE_PARKING)
    {
      b = read_merged (db, ids[measure], "total_spots", from, error);
      if (b == NULL)
        return FALSE;
    }

  vigie_typical_day_combine (measure, a, b, VIGIE_DAY_SERIES_N_POINTS, out);
  return TRUE;
}

/**
 * vigie_typical_day_read:
 * @db: a connection, in the thread that owns it
 * @feeds: the feeds of each kind
 * @time_zone: (nullable): whose days, %NULL for local
 * @day_start: the local midnight of the day to stand beside
 *
 * Reads the same weekday of the last VIGIE_TYPICAL_DAY_MAX_WEEKS weeks.
 *
 * Returns: (transfer full) (nullable): the typical day, or %NULL on an
 *   error
 */
VigieTypicalDay *
vigie_typical_day_read (VigieHistoryDb              *db,
                        const VigieTypicalDayFeeds  *feeds,
                        GTimeZone                   *time_zone,
                        gint64                       day_start,
                        GError                     **error)
{
  g_autoptr(VigieTypicalDay) day = g_new0 (VigieTypicalDay, 1);
  g_autoptr(GTimeZone) zone = time_zone != NULL ? g_time_zone_ref (time_zone) : g_time_zone_new_local ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (day_start);
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (feeds != NULL, NULL);

  day->day_start = day_start;
  if (utc == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Invalid day");
      return NULL;
    }
  local = g_date_time_to_timezone (utc, zone);

  for (guint m = 0; m < VIGIE_N_MEASURES; m++)
    {
      double past[VIGIE_TYPICAL_DAY_MAX_WEEKS][VIGIE_DAY_SERIES_N_POINTS];
      const double *days[VIGIE_TYPICAL_DAY_MAX_WEEKS];
      guint n_days = 0;

      for (guint week = 1; week <= VIGIE_TYPICAL_DAY_MAX_WEEKS; week++)
        {
          g_autoptr(GDateTime) then = g_date_time_add_weeks (local, -(int) week);
          g_autoptr(GDateTime) midnight = g_date_time_new (zone, g_date_time_get_year (then),
                                                           g_date_time_get_month (then),
                                                           g_date_time_get_day_of_month (then), 0, 0, 0);
          guint known = 0;

          if (!read_day (db, feeds, m, g_date_time_to_unix (midnight), past[n_days], error))
            return NULL;
          for (guint p = 0; p < VIGIE_DAY_SERIES_N_POINTS; p++)
            known += !isnan (past[n_days][p]);
          if (known >= VIGIE_TYPICAL_DAY_MIN_POINTS)
            {
              days[n_days] = past[n_days];
              n_days++;
            }
        }

      day->n_weeks[m] = n_days;
      vigie_typical_day_median (days, n_days, VIGIE_DAY_SERIES_N_POINTS, day->values[m]);
    }

  return g_steal_pointer (&day);
}

/**
 * vigie_typical_day_label:
 * @n_weeks: how many past days the typical day is made of
 *
 * Returns: (transfer full): "jour type (1 semaine)"
 */
char *
vigie_typical_day_label (guint n_weeks)
{
  /* Translators: a chart's legend: the median of the same weekday over
   * the past weeks, and how many */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "typical day (%u week)", "typical day (%u weeks)", n_weeks),
                          n_weeks);
}

typedef struct
{
  char                 *path;
  VigieTypicalDayFeeds  feeds;
  gint64                day_start;
} TypicalQuery;

static void
typical_query_free (TypicalQuery *query)
{
  g_free (query->path);
  g_strfreev (query->feeds.trams);
  g_strfreev (query->feeds.bikes);
  g_strfreev (query->feeds.parking);
  g_strfreev (query->feeds.wifi);
  g_free (query);
}

static void
load_typical_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  TypicalQuery *query = task_data;
  g_autoptr(GError) error = NULL;
  VigieHistoryDb *db;
  VigieTypicalDay *day;

  if (!g_file_test (query->path, G_FILE_TEST_EXISTS))
    {
      day = g_new0 (VigieTypicalDay, 1);
      day->day_start = query->day_start;
      for (guint m = 0; m < VIGIE_N_MEASURES; m++)
        for (guint p = 0; p < VIGIE_DAY_SERIES_N_POINTS; p++)
          day->values[m][p] = NAN;
      g_task_return_pointer (task, day, (GDestroyNotify) vigie_typical_day_free);
      return;
    }

  db = vigie_history_db_open (query->path, TRUE, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  day = vigie_typical_day_read (db, &query->feeds, NULL, query->day_start, &error);
  vigie_history_db_close (db);
  if (day == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, day, (GDestroyNotify) vigie_typical_day_free);
}

/**
 * vigie_typical_day_load_async:
 * @history: the history
 * @feeds: the feeds of each kind, copied
 * @day_start: today's local midnight
 *
 * Reads the typical day in a worker.
 */
void
vigie_typical_day_load_async (VigieHistory               *history,
                              const VigieTypicalDayFeeds *feeds,
                              gint64                      day_start,
                              GCancellable               *cancellable,
                              GAsyncReadyCallback         callback,
                              gpointer                    user_data)
{
  TypicalQuery *query;

  g_return_if_fail (VIGIE_IS_HISTORY (history));
  g_return_if_fail (feeds != NULL);

  query = g_new0 (TypicalQuery, 1);
  query->path = g_strdup (vigie_history_get_path (history));
  query->feeds.trams = g_strdupv (feeds->trams);
  query->feeds.bikes = g_strdupv (feeds->bikes);
  query->feeds.parking = g_strdupv (feeds->parking);
  query->feeds.wifi = g_strdupv (feeds->wifi);
  query->day_start = day_start;

  vigie_history_run_in_thread (history, vigie_typical_day_load_async,
                               query, (GDestroyNotify) typical_query_free, load_typical_thread,
                               cancellable, callback, user_data);
}

/**
 * vigie_typical_day_load_finish:
 *
 * Returns: (transfer full) (nullable): the typical day, or %NULL on an
 *   error
 */
VigieTypicalDay *
vigie_typical_day_load_finish (VigieHistory  *history,
                               GAsyncResult  *result,
                               GError       **error)
{
  return vigie_history_propagate_pointer (history, result, error);
}
