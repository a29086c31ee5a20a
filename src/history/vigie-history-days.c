/* vigie-history-days.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history-days"

#include "config.h"

#include "vigie-history-db-private.h"
#include "vigie-history-days.h"

/* Which days of a month the history has something of, for the replay's
 * date picker: a day without is not offered. A day has data where a
 * five-minute aggregate starts in it (every number recorded is
 * aggregated a minute after it holds) or a run ends in it (what is not
 * aggregated yet); both read by their indexes, one look-up a day. */

/**
 * vigie_history_days_read:
 * @bounds: (array length=n_days): n_days + 1 instants, each day's start
 *   and the last one's end (days in the local time zone are not all 24 h)
 * @n_days: 32 at most
 *
 * A worker only.
 *
 * Returns: bit i set when day i has data; 0 on an error too
 */
guint32
vigie_history_days_read (VigieHistoryDb  *db,
                         const gint64    *bounds,
                         guint            n_days,
                         GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  guint32 days = 0;

  g_return_val_if_fail (db != NULL, 0);
  g_return_val_if_fail (bounds != NULL && n_days <= 32, 0);

  if (!history_db_prepare_read (db,
                                "SELECT EXISTS (SELECT 1 FROM agg WHERE bucket >= ?1 AND bucket < ?2) "
                                "OR EXISTS (SELECT 1 FROM raw WHERE t_until >= ?1 AND t_until < ?2)",
                                &stmt, error) ||
      stmt == NULL)
    return 0;

  for (guint i = 0; i < n_days; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, bounds[i]);
      sqlite3_bind_int64 (stmt, 2, bounds[i + 1]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0)
        days |= 1u << i;
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          history_db_fail (db, error);
          days = 0;
          break;
        }
    }
  sqlite3_finalize (stmt);

  return days;
}

typedef struct
{
  char   *path;
  gint64  bounds[33];
  guint   n_days;
} DaysQuery;

static void
days_query_free (DaysQuery *query)
{
  g_free (query->path);
  g_free (query);
}

static void
load_days_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  DaysQuery *query = task_data;
  g_autoptr(GError) error = NULL;
  VigieHistoryDb *db;
  guint32 days;

  if (!g_file_test (query->path, G_FILE_TEST_EXISTS))
    {
      g_task_return_int (task, 0);
      return;
    }

  db = vigie_history_db_open (query->path, TRUE, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  days = vigie_history_days_read (db, query->bounds, query->n_days, &error);
  vigie_history_db_close (db);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, days);
}

/**
 * vigie_history_load_days_async:
 * @month: any instant of the month, in the time zone its days are in
 *
 * vigie_history_days_read() on the days of @month, in a worker.
 */
void
vigie_history_load_days_async (VigieHistory        *history,
                               GDateTime           *month,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GDateTime) first = NULL;
  DaysQuery *query;

  g_return_if_fail (VIGIE_IS_HISTORY (history));
  g_return_if_fail (month != NULL);

  query = g_new0 (DaysQuery, 1);
  query->path = g_strdup (vigie_history_get_path (history));
  first = g_date_time_new (g_date_time_get_timezone (month), g_date_time_get_year (month),
                           g_date_time_get_month (month), 1, 0, 0, 0);
  for (guint i = 0; i <= 31; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (first, i);

      query->bounds[i] = g_date_time_to_unix (day);
      if (i > 0 && g_date_time_get_day_of_month (day) == 1)
        {
          query->n_days = i;
          break;
        }
    }

  vigie_history_run_in_thread (history, vigie_history_load_days_async,
                               query, (GDestroyNotify) days_query_free, load_days_thread,
                               cancellable, callback, user_data);
}

/**
 * vigie_history_load_days_finish:
 * @days: (out): bit i set when day i + 1 of the month has data
 */
gboolean
vigie_history_load_days_finish (VigieHistory  *history,
                                GAsyncResult  *result,
                                guint32       *days,
                                GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, history), FALSE);
  g_return_val_if_fail (days != NULL, FALSE);

  value = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *days = (guint32) value;

  return TRUE;
}
