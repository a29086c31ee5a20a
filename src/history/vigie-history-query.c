/* vigie-history-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history"

#include "config.h"

#include <math.h>

#include "vigie-history.h"
#include "vigie-temporal-client.h"

/* Reading the history, for what the user sees: a series' last 24 hours
 * for a sparkline, a feed's state changes for its availability strip.
 * Each read runs in a GTask thread on a read-only connection of its own
 * (WAL lets it read while the writer writes), never on the main thread. */

void
vigie_history_sparkline_free (VigieHistorySparkline *sparkline)
{
  if (sparkline == NULL)
    return;

  g_clear_pointer (&sparkline->runs, g_array_unref);
  g_free (sparkline);
}

/**
 * vigie_history_sparkline_read:
 * @db: a connection
 * @now: the end of the day shown
 *
 * Reads a series' last 24 hours: for a worker, never the main thread.
 *
 * Returns: (transfer full) (nullable): the sparkline, or %NULL on an error
 */
VigieHistorySparkline *
vigie_history_sparkline_read (VigieHistoryDb  *db,
                              const char      *feed_id,
                              const char      *entity,
                              const char      *field,
                              const char      *condition_field,
                              gint64           now,
                              GError         **error)
{
  g_autoptr(VigieHistorySparkline) sparkline = g_new0 (VigieHistorySparkline, 1);
  g_autoptr(GArray) runs = NULL;

  sparkline->from = now - 24 * 3600;
  sparkline->to = now;
  sparkline->runs = vigie_history_db_read_runs (db, feed_id, entity, field, sparkline->from, now + 1, error);
  if (sparkline->runs == NULL)
    return NULL;

  sparkline->min = INFINITY;
  sparkline->max = -INFINITY;
  for (guint i = 0; i < sparkline->runs->len; i++)
    {
      VigieHistoryRun *run = &g_array_index (sparkline->runs, VigieHistoryRun, i);

      if (run->until == 0)
        {
          sparkline->now = run->value;
          sparkline->has_now = TRUE;
        }
      run->from = MAX (run->from, sparkline->from);
      run->until = run->until == 0 ? now : MIN (run->until, now);
      sparkline->min = MIN (sparkline->min, run->value);
      sparkline->max = MAX (sparkline->max, run->value);
      sparkline->has_data = TRUE;
    }

  if (condition_field == NULL)
    return g_steal_pointer (&sparkline);

  runs = vigie_history_db_read_runs (db, feed_id, entity, condition_field, now, now + 1, error);
  if (runs == NULL)
    return NULL;
  if (runs->len > 0)
    {
      VigieHistoryRun *run = &g_array_index (runs, VigieHistoryRun, runs->len - 1);

      if (run->until == 0 && run->value == 0)
        sparkline->condition_since = run->from;
    }

  return g_steal_pointer (&sparkline);
}

typedef struct
{
  char   *path;
  char   *feed_id;
  char   *entity;
  char   *field;
  char   *condition_field;
  gint64  now;
} SparklineQuery;

static void
sparkline_query_free (SparklineQuery *query)
{
  g_free (query->path);
  g_free (query->feed_id);
  g_free (query->entity);
  g_free (query->field);
  g_free (query->condition_field);
  g_free (query);
}

/**
 * vigie_history_sparkline_read_file:
 * @path: the history file
 *
 * As vigie_history_sparkline_read(), opening @path read-only: in a
 * worker. A file not made yet is an empty day, not an error.
 *
 * Returns: (transfer full) (nullable): the sparkline, or %NULL on an error
 */
VigieHistorySparkline *
vigie_history_sparkline_read_file (const char  *path,
                                   const char  *feed_id,
                                   const char  *entity,
                                   const char  *field,
                                   const char  *condition_field,
                                   gint64       now,
                                   GError     **error)
{
  VigieHistorySparkline *sparkline;
  VigieHistoryDb *db;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      sparkline = g_new0 (VigieHistorySparkline, 1);
      sparkline->from = now - 24 * 3600;
      sparkline->to = now;
      sparkline->runs = g_array_new (FALSE, FALSE, sizeof (VigieHistoryRun));
      return sparkline;
    }

  db = vigie_history_db_open (path, TRUE, error);
  if (db == NULL)
    return NULL;
  sparkline = vigie_history_sparkline_read (db, feed_id, entity, field, condition_field, now, error);
  vigie_history_db_close (db);

  return sparkline;
}

static void
load_sparkline_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  SparklineQuery *query = task_data;
  g_autoptr(GError) error = NULL;
  VigieHistorySparkline *sparkline;

  sparkline = vigie_history_sparkline_read_file (query->path, query->feed_id, query->entity, query->field,
                                                 query->condition_field, query->now, &error);
  if (sparkline == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, sparkline, (GDestroyNotify) vigie_history_sparkline_free);
}

typedef struct
{
  char   *path;
  char   *feed_id;
  gint64  from, to;
} EventsQuery;

static void
events_query_free (EventsQuery *query)
{
  g_free (query->path);
  g_free (query->feed_id);
  g_free (query);
}

static void
load_events_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  EventsQuery *query = task_data;
  g_autoptr(GError) error = NULL;
  VigieHistoryDb *db;
  GPtrArray *events;

  if (!g_file_test (query->path, G_FILE_TEST_EXISTS))
    {
      g_task_return_pointer (task, g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  db = vigie_history_db_open (query->path, TRUE, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  events = vigie_history_db_read_events (db, query->feed_id, query->from, query->to, &error);
  vigie_history_db_close (db);
  if (events == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, events, (GDestroyNotify) g_ptr_array_unref);
}

/*
 * Public API
 */

/**
 * vigie_history_load_sparkline_async:
 * @feed_id: the entity's feed
 * @series: the series to read, from vigie_history_main_series()
 * @now: the end of the day shown
 *
 * Reads the last 24 hours of @series in a worker.
 */
void
vigie_history_load_sparkline_async (VigieHistory                 *self,
                                    const char                   *feed_id,
                                    const VigieHistoryMainSeries *series,
                                    gint64                        now,
                                    GCancellable                 *cancellable,
                                    GAsyncReadyCallback           callback,
                                    gpointer                      user_data)
{
  SparklineQuery *query;

  g_return_if_fail (VIGIE_IS_HISTORY (self));
  g_return_if_fail (feed_id != NULL);
  g_return_if_fail (series != NULL && series->entity != NULL && series->field != NULL);

  /* A feed whose past is kept by its broker (vigie-temporal-client.c). */
  if (vigie_temporal_client_sparkline_async (self, feed_id, series, now, cancellable, callback, user_data))
    return;

  query = g_new0 (SparklineQuery, 1);
  query->path = g_strdup (vigie_history_get_path (self));
  query->feed_id = g_strdup (feed_id);
  query->entity = g_strdup (series->entity);
  query->field = g_strdup (series->field);
  query->condition_field = g_strdup (series->condition_field);
  query->now = now;

  vigie_history_run_in_thread (self, vigie_history_load_sparkline_async,
                               query, (GDestroyNotify) sparkline_query_free, load_sparkline_thread,
                               cancellable, callback, user_data);
}

/**
 * vigie_history_load_sparkline_finish:
 *
 * Returns: (transfer full) (nullable): the day read, or %NULL on an error
 */
VigieHistorySparkline *
vigie_history_load_sparkline_finish (VigieHistory  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return vigie_history_propagate_pointer (self, result, error);
}

/**
 * vigie_history_load_events_async:
 * @feed_id: a feed
 * @from: the start of the time read
 * @to: its end
 *
 * Reads a feed's state changes in a worker: the last one before @from,
 * then those until @to.
 */
void
vigie_history_load_events_async (VigieHistory        *self,
                                 const char          *feed_id,
                                 gint64               from,
                                 gint64               to,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  EventsQuery *query;

  g_return_if_fail (VIGIE_IS_HISTORY (self));
  g_return_if_fail (feed_id != NULL);

  query = g_new0 (EventsQuery, 1);
  query->path = g_strdup (vigie_history_get_path (self));
  query->feed_id = g_strdup (feed_id);
  query->from = from;
  query->to = to;

  vigie_history_run_in_thread (self, vigie_history_load_events_async,
                               query, (GDestroyNotify) events_query_free, load_events_thread,
                               cancellable, callback, user_data);
}

/**
 * vigie_history_load_events_finish:
 *
 * Returns: (transfer full) (element-type VigieHistoryFeedEvent) (nullable):
 *   the state changes, oldest first, or %NULL on an error
 */
GPtrArray *
vigie_history_load_events_finish (VigieHistory  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return vigie_history_propagate_pointer (self, result, error);
}

/**
 * vigie_history_availability:
 * @events: (element-type VigieHistoryFeedEvent): a feed's state changes
 * @from: the start of the time judged
 * @to: its end
 *
 * Returns: the share of the known time in [@from, @to) the feed's data
 *   came in ("ok" or "stale"), from 0 to 1; -1 when nothing is known
 */
double
vigie_history_availability (GPtrArray *events,
                            gint64     from,
                            gint64     to)
{
  gint64 known = 0, up = 0;

  g_return_val_if_fail (events != NULL, -1);

  for (guint i = 0; i < events->len; i++)
    {
      VigieHistoryFeedEvent *event = g_ptr_array_index (events, i);
      gint64 start = MAX (event->time, from);
      gint64 end = i + 1 < events->len ? ((VigieHistoryFeedEvent *) g_ptr_array_index (events, i + 1))->time : to;
      gint64 length = MIN (end, to) - start;

      if (length <= 0 || g_strcmp0 (event->state, "idle") == 0)
        continue;
      known += length;
      if (g_strcmp0 (event->state, "ok") == 0 || g_strcmp0 (event->state, "stale") == 0)
        up += length;
    }

  return known > 0 ? (double) up / (double) known : -1;
}
