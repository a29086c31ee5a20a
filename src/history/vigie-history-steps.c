/* vigie-history-steps.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history-steps"

#include "config.h"

#include <math.h>

#include "vigie-history-db-private.h"
#include "vigie-history-steps.h"
#include "vigie-hash.h"

/* The studies ask for all the zones of a feed over weeks, not one series
 * over a day: one query per table for every entity with the field, each
 * value set at the steps whose middle it held. Raw runs (kept a week) are
 * exact; before them the five-minute aggregates stand in (their mean, then
 * the last value until the next bucket). For a worker: it blocks. */

/* How far before the period an aggregate may still hold. */
#define LOOKBACK_S (12 * 3600)

void
vigie_history_steps_free (VigieHistorySteps *steps)
{
  if (steps == NULL)
    return;

  g_clear_pointer (&steps->values, g_hash_table_unref);
  g_free (steps);
}

/**
 * vigie_history_steps_fill_run:
 * @values: the steps of one entity
 * @run_from: when the value began
 * @run_until: when it ended (excluded), 0 for still
 *
 * Sets @value at the steps whose middle falls in the run.
 */
void
vigie_history_steps_fill_run (double *values,
                              guint   n_steps,
                              gint64  from,
                              guint   step_s,
                              gint64  run_from,
                              gint64  run_until,
                              double  value)
{
  gint64 first, last;

  g_return_if_fail (step_s > 0);

  if (run_until == 0)
    run_until = from + (gint64) n_steps * step_s;
  /* Step i's middle is from + i * step + step / 2. */
  first = run_from - from - step_s / 2;
  first = first <= 0 ? 0 : (first + step_s - 1) / step_s;
  last = run_until - from - step_s / 2;
  last = last <= 0 ? -1 : (last - 1) / step_s;
  for (gint64 i = first; i <= last && i < n_steps; i++)
    values[i] = value;
}

static double *
values_for (VigieHistorySteps *steps,
            const char        *entity)
{
  double *values = g_hash_table_lookup (steps->values, entity);

  if (values == NULL)
    {
      values = g_new (double, steps->n_steps);
      for (guint i = 0; i < steps->n_steps; i++)
        values[i] = NAN;
      g_hash_table_insert (steps->values, g_strdup (entity), values);
    }

  return values;
}

/* @sql, a read of one field of a feed's series over [?3, ?4): TRUE with
 * *@stmt %NULL where there is no history. */
static gboolean
prepare_read (VigieHistoryDb  *db,
              const char      *sql,
              const char      *feed_id,
              const char      *field,
              gint64           from,
              gint64           to,
              sqlite3_stmt   **stmt,
              GError         **error)
{
  if (!history_db_prepare_read (db, sql, stmt, error))
    return FALSE;
  if (*stmt == NULL)
    return TRUE;
  sqlite3_bind_text (*stmt, 1, feed_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (*stmt, 2, field, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (*stmt, 3, from);
  sqlite3_bind_int64 (*stmt, 4, to);

  return TRUE;
}

/* Sets @value over [@run_from, @run_until) of @entity, making its steps
 * only when the run reaches into the period. */
static void
fill (VigieHistorySteps  *steps,
      const char         *entity,
      double            **values,
      gint64              run_from,
      gint64              run_until,
      double              value)
{
  gint64 end = steps->from + (gint64) steps->n_steps * steps->step_s;

  if (isnan (value) || (run_until != 0 && run_until <= steps->from) || run_from >= end)
    return;
  if (*values == NULL)
    *values = values_for (steps, entity);
  vigie_history_steps_fill_run (*values, steps->n_steps, steps->from, steps->step_s, run_from, run_until, value);
}

/* Aggregates first: the raw runs then write over them where they reach.
 * A bucket's mean over its five minutes, then its last value until the
 * next bucket of the series. */
static gboolean
read_aggregates (VigieHistoryDb     *db,
                 VigieHistorySteps  *steps,
                 const char         *feed_id,
                 const char         *field,
                 gint64              to,
                 GError            **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *entity = NULL;
  double *values = NULL;
  gint64 held_from = 0;
  double held = NAN;
  int rc;

  if (!prepare_read (db,
                     "SELECT s.entity, a.bucket, a.mean, a.last FROM agg a JOIN series s ON a.series = s.id "
                     "WHERE s.feed = ?1 AND s.field = ?2 AND a.bucket >= ?3 AND a.bucket < ?4 "
                     "ORDER BY s.entity, a.bucket",
                     feed_id, field, steps->from - LOOKBACK_S, to, &stmt, error))
    return FALSE;
  if (stmt == NULL)
    return TRUE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      gint64 bucket = sqlite3_column_int64 (stmt, 1);
      double mean = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 2);
      double last = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 3);

      if (name == NULL)
        continue;
      if (g_strcmp0 (name, entity) != 0)
        {
          /* The previous series' last value holds until the end. */
          if (entity != NULL)
            fill (steps, entity, &values, held_from, 0, held);
          g_free (entity);
          entity = g_strdup (name);
          values = NULL;
          held = NAN;
        }
      else
        {
          fill (steps, entity, &values, held_from, bucket, held);
        }
      fill (steps, entity, &values, bucket, bucket + VIGIE_HISTORY_BUCKET_S, mean);
      held = last;
      held_from = bucket + VIGIE_HISTORY_BUCKET_S;
    }
  if (entity != NULL)
    fill (steps, entity, &values, held_from, 0, held);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return history_db_fail (db, error);

  return TRUE;
}

static gboolean
read_runs (VigieHistoryDb     *db,
           VigieHistorySteps  *steps,
           const char         *feed_id,
           const char         *field,
           gint64              to,
           GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!prepare_read (db,
                     "SELECT s.entity, r.t_from, r.t_until, r.value, r.flags FROM raw r JOIN series s ON r.series = s.id "
                     "WHERE s.feed = ?1 AND s.field = ?2 AND r.t_from < ?4 AND (r.t_until IS NULL OR r.t_until > ?3) "
                     "ORDER BY s.entity, r.t_from",
                     feed_id, field, steps->from, to, &stmt, error))
    return FALSE;
  if (stmt == NULL)
    return TRUE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      gint64 run_from = sqlite3_column_int64 (stmt, 1);
      gint64 run_until = sqlite3_column_int64 (stmt, 2);
      gboolean gone = sqlite3_column_type (stmt, 3) == SQLITE_NULL;
      double value = gone ? NAN : sqlite3_column_double (stmt, 3);

      if (name == NULL)
        continue;
      /* A value the feed gave that cannot be (an occupancy of 130 %)
       * counts as unknown, and so does a time the entity was gone. */
      if (sqlite3_column_int (stmt, 4) & VIGIE_HISTORY_FLAG_ABSURD)
        value = NAN;
      vigie_history_steps_fill_run (values_for (steps, name), steps->n_steps, steps->from, steps->step_s,
                                    run_from, run_until, value);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return history_db_fail (db, error);

  return TRUE;
}

/**
 * vigie_history_steps_read:
 * @db: a connection, in the thread that owns it
 * @feed_id: a feed
 * @field: the value read of each of its entities, "occupancy"
 * @from: the period's start, Unix seconds
 * @to: its end (excluded)
 * @step_s: seconds between two samples
 *
 * Returns: (transfer full) (nullable): the values, or %NULL on an error
 */
VigieHistorySteps *
vigie_history_steps_read (VigieHistoryDb  *db,
                          const char      *feed_id,
                          const char      *field,
                          gint64           from,
                          gint64           to,
                          guint            step_s,
                          GError         **error)
{
  g_autoptr(VigieHistorySteps) steps = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (feed_id != NULL && field != NULL, NULL);
  g_return_val_if_fail (step_s > 0, NULL);

  steps = g_new0 (VigieHistorySteps, 1);
  steps->from = from;
  steps->step_s = step_s;
  steps->n_steps = to > from ? (guint) ((to - from) / step_s) : 0;
  steps->values = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, g_free);

  if (steps->n_steps == 0)
    return g_steal_pointer (&steps);
  if (!read_aggregates (db, steps, feed_id, field, to, error) ||
      !read_runs (db, steps, feed_id, field, to, error))
    return NULL;

  return g_steal_pointer (&steps);
}
