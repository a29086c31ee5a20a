/* vigie-history-return.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history-return"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "vigie-history-db-private.h"
#include "vigie-history-return.h"
#include "vigie-history-words.h"

/* When does a car come back to an empty car-share station? Where the
 * operator publishes GBFS 3.1's vehicle_availability, it says when each
 * car can be booked: the earliest is the answer. Otherwise the station's
 * own past: at this hour of each of the last weeks, how long until a car
 * was there, and the median of those waits, said as an estimate with the
 * number of weeks behind it, and not said at all on too few weeks. The
 * weeks come from the five-minute aggregates (kept for a year), so the
 * estimate is good to five minutes. */

#define WEEK_S (7 * 24 * 3600)

/**
 * vigie_history_return_wanted:
 * @station: an entity shown in a popover
 *
 * Returns: whether @station is a station with no vehicle to take now
 */
gboolean
vigie_history_return_wanted (VigieEntity *station)
{
  gint64 n;

  g_return_val_if_fail (VIGIE_IS_ENTITY (station), FALSE);

  return vigie_entity_get_kind (station) == VIGIE_ENTITY_STATION &&
         vigie_entity_lookup_int (station, "vehicles_available", &n) && n == 0;
}

/**
 * vigie_history_return_published:
 * @station: a car-share station
 * @result: (out caller-allocates): the next availability
 *
 * Returns: whether the feed publishes its cars' availability (the
 *   station's "vehicle_availability"): then @result says when the next
 *   car can be booked, or %VIGIE_HISTORY_RETURN_NONE when no car is
 *   announced, and no estimate should second-guess the operator
 */
gboolean
vigie_history_return_published (VigieEntity        *station,
                                gint64              now,
                                VigieHistoryReturn *result)
{
  g_autoptr(GVariant) list = NULL;
  gint64 next = G_MAXINT64;
  gsize n;

  g_return_val_if_fail (VIGIE_IS_ENTITY (station), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  *result = (VigieHistoryReturn) { VIGIE_HISTORY_RETURN_NONE, 0, 0, 0 };
  list = vigie_entity_dup_value (station, "vehicle_availability", G_VARIANT_TYPE ("aa{sv}"));
  if (list == NULL)
    return FALSE;

  n = g_variant_n_children (list);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (list, i);
      gboolean available_now = FALSE;
      gint64 from = 0;

      g_variant_lookup (entry, "available_now", "b", &available_now);
      if (available_now)
        next = MIN (next, now);
      else if (g_variant_lookup (entry, "from", "x", &from) && from >= now)
        next = MIN (next, from);
    }

  if (next != G_MAXINT64)
    {
      result->kind = VIGIE_HISTORY_RETURN_PUBLISHED;
      result->at = next;
    }

  return TRUE;
}

static int
compare_waits (const void *a,
               const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* How long after @t a car was there, or -1 when the history does not
 * say what held at @t or after it; past the horizon, the horizon. */
static gint64
wait_after (const VigieHistoryRun *runs,
            guint                  n_runs,
            gint64                 t,
            gint64                 now)
{
  gboolean known = FALSE;
  gint64 reached = t;

  for (guint i = 0; i < n_runs; i++)
    {
      const VigieHistoryRun *run = &runs[i];
      gint64 until = run->until != 0 ? run->until : now;

      if (until <= t)
        continue;
      if (run->from > t + VIGIE_HISTORY_RETURN_HORIZON_S)
        break;
      /* Nothing known at @t, or a gap before a car came back. */
      if (run->from > reached)
        return -1;
      known = TRUE;
      if (run->value >= 1)
        return MAX (run->from, t) - t;
      reached = until;
    }

  return known ? VIGIE_HISTORY_RETURN_HORIZON_S : -1;
}

/**
 * vigie_history_return_estimate:
 * @runs: (array length=n_runs): the station's vehicles available over the
 *   past weeks, oldest first, as vigie_history_return_read_runs() gives
 *   them
 * @now: the instant asked about
 * @result: (out caller-allocates): the estimate
 *
 * Pure: the median, over the past weeks that have data at this hour of
 * the week, of the time until a car was at the station.
 *
 * Returns: %FALSE with too few weeks, or when no car usually comes back
 *   within VIGIE_HISTORY_RETURN_HORIZON_S
 */
gboolean
vigie_history_return_estimate (const VigieHistoryRun *runs,
                               guint                  n_runs,
                               gint64                 now,
                               VigieHistoryReturn    *result)
{
  gint64 waits[VIGIE_HISTORY_RETURN_MAX_WEEKS];
  guint n = 0;
  gint64 median;

  g_return_val_if_fail (runs != NULL || n_runs == 0, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  *result = (VigieHistoryReturn) { VIGIE_HISTORY_RETURN_NONE, 0, 0, 0 };

  for (guint w = 1; w <= VIGIE_HISTORY_RETURN_MAX_WEEKS; w++)
    {
      gint64 wait = wait_after (runs, n_runs, now - w * (gint64) WEEK_S, now);

      if (wait >= 0)
        waits[n++] = wait;
    }

  if (n < VIGIE_HISTORY_RETURN_MIN_WEEKS)
    return FALSE;

  qsort (waits, n, sizeof (gint64), compare_waits);
  median = n % 2 == 1 ? waits[n / 2] : (waits[n / 2 - 1] + waits[n / 2]) / 2;
  if (median >= VIGIE_HISTORY_RETURN_HORIZON_S)
    return FALSE;

  result->kind = VIGIE_HISTORY_RETURN_ESTIMATED;
  /* Five minutes is what the aggregates can tell, and "within 0 min"
   * says nothing. */
  result->wait_s = MAX ((median + VIGIE_HISTORY_BUCKET_S - 1) / VIGIE_HISTORY_BUCKET_S, 1) * VIGIE_HISTORY_BUCKET_S;
  result->n_weeks = n;

  return TRUE;
}

/**
 * vigie_history_return_describe:
 *
 * Returns: (transfer full) (nullable): the words for @result, %NULL for
 *   none
 */
char *
vigie_history_return_describe (const VigieHistoryReturn *result)
{
  g_autofree char *time = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  switch (result->kind)
    {
    case VIGIE_HISTORY_RETURN_PUBLISHED:
      time = vigie_history_format_time (result->at);
      /* Translators: from the car-share operator's own feed; %s is a time, "14:30". */
      return g_strdup_printf (_("Next car available at %s"), time);

    case VIGIE_HISTORY_RETURN_ESTIMATED:
      time = vigie_history_format_duration (result->wait_s);
      /* Translators: an estimate from the station's past weeks at this hour:
       * %1$s is a length of time ("40 min"), %2$u the number of weeks. */
      return g_strdup_printf (ngettext ("Estimate: a car usually comes back within %1$s (%2$u week)",
                                        "Estimate: a car usually comes back within %1$s (%2$u weeks)",
                                        result->n_weeks),
                              time, result->n_weeks);

    case VIGIE_HISTORY_RETURN_NONE:
    default:
      return NULL;
    }
}

/**
 * vigie_history_return_read_runs:
 * @now: the instant asked about
 *
 * Reads the station's vehicles available over the past weeks from the
 * five-minute aggregates, as runs: a bucket where something changed as
 * its highest value (a car was there at some time in it), then its last
 * value until the next bucket. A worker only.
 *
 * Returns: (transfer full) (element-type VigieHistoryRun): the runs,
 *   oldest first, or %NULL on an error
 */
GArray *
vigie_history_return_read_runs (VigieHistoryDb  *db,
                                const char      *feed_id,
                                const char      *entity,
                                gint64           now,
                                GError         **error)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (VigieHistoryRun));
  gint64 from = now - VIGIE_HISTORY_RETURN_MAX_WEEKS * (gint64) WEEK_S;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  /* From the last bucket before the first week: what held then. */
  if (!history_db_prepare_read (db,
                                "SELECT a.bucket, a.max, a.last FROM agg a JOIN series s ON a.series = s.id "
                                "WHERE s.feed = ?1 AND s.entity = ?2 AND s.field = 'vehicles_available' "
                                "AND a.bucket >= COALESCE ((SELECT MAX (b.bucket) FROM agg b WHERE b.series = s.id "
                                "  AND b.bucket < ?3), ?3) AND a.bucket < ?4 ORDER BY a.bucket",
                                &stmt, error))
    return NULL;
  if (stmt == NULL)
    return g_steal_pointer (&runs);
  sqlite3_bind_text (stmt, 1, feed_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, entity, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, from);
  sqlite3_bind_int64 (stmt, 4, now);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 bucket = sqlite3_column_int64 (stmt, 0);
      VigieHistoryRun run = { bucket, bucket + VIGIE_HISTORY_BUCKET_S, sqlite3_column_double (stmt, 1), 0 };

      /* The previous bucket's last value held until this one. */
      if (runs->len > 0)
        {
          VigieHistoryRun *previous = &g_array_index (runs, VigieHistoryRun, runs->len - 1);

          if (previous->until == 0)
            previous->until = bucket;
        }
      g_array_append_val (runs, run);
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          VigieHistoryRun after = { bucket + VIGIE_HISTORY_BUCKET_S, 0, sqlite3_column_double (stmt, 2), 0 };

          g_array_append_val (runs, after);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return history_db_fail (db, error), NULL;

  return g_steal_pointer (&runs);
}

typedef struct
{
  char   *path;
  char   *feed_id;
  char   *entity;
  gint64  now;
} ReturnQuery;

static void
return_query_free (ReturnQuery *query)
{
  g_free (query->path);
  g_free (query->feed_id);
  g_free (query->entity);
  g_free (query);
}

static void
load_return_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ReturnQuery *query = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) runs = NULL;
  VigieHistoryReturn *result = g_new0 (VigieHistoryReturn, 1);
  VigieHistoryDb *db;

  db = vigie_history_db_open (query->path, TRUE, &error);
  if (db != NULL)
    {
      runs = vigie_history_return_read_runs (db, query->feed_id, query->entity, query->now, &error);
      vigie_history_db_close (db);
    }
  if (runs == NULL)
    {
      g_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  vigie_history_return_estimate ((const VigieHistoryRun *) runs->data, runs->len, query->now, result);
  g_task_return_pointer (task, result, g_free);
}

/**
 * vigie_history_load_return_async:
 * @entity: the station's key, "station/12"
 *
 * vigie_history_return_estimate() on the station's past weeks, read in a
 * worker on a connection of its own.
 */
void
vigie_history_load_return_async (VigieHistory        *history,
                                 const char          *feed_id,
                                 const char          *entity,
                                 gint64               now,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  ReturnQuery *query;

  g_return_if_fail (VIGIE_IS_HISTORY (history));
  g_return_if_fail (feed_id != NULL && entity != NULL);

  query = g_new0 (ReturnQuery, 1);
  query->path = g_strdup (vigie_history_get_path (history));
  query->feed_id = g_strdup (feed_id);
  query->entity = g_strdup (entity);
  query->now = now;

  vigie_history_run_in_thread (history, vigie_history_load_return_async,
                               query, (GDestroyNotify) return_query_free, load_return_thread,
                               cancellable, callback, user_data);
}

/**
 * vigie_history_load_return_finish:
 * @estimate: (out caller-allocates): the estimate, kind NONE for none
 *
 * Returns: %FALSE on an error
 */
gboolean
vigie_history_load_return_finish (VigieHistory        *history,
                                  GAsyncResult        *result,
                                  VigieHistoryReturn  *estimate,
                                  GError             **error)
{
  g_autofree VigieHistoryReturn *found = NULL;

  g_return_val_if_fail (g_task_is_valid (result, history), FALSE);
  g_return_val_if_fail (estimate != NULL, FALSE);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return FALSE;
  *estimate = *found;

  return TRUE;
}
