/* vigie-history-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history-export"

#include "config.h"

#include <string.h>

#include "vigie-history-db-private.h"
#include "vigie-history-export.h"
#include "vigie-hash.h"

/* The history as CSV (RFC 4180), one row per run clipped to the range:
 * feed, entity, field, from, until (ISO 8601 in UTC), value, text, flag.
 * Values from feeds are quoted as CSV wants, never interpreted. */

static void
append_field (GString    *line,
              const char *text)
{
  if (text == NULL)
    return;

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (line, text);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static void
append_time (GString *line,
             gint64   time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autofree char *text = utc != NULL ? g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ") : NULL;

  append_field (line, text);
}

/**
 * vigie_history_export_csv:
 * @feed_id: the feed
 * @entities: (nullable) (array zero-terminated=1): the entities' keys
 *   ("station/12"), or %NULL for all of the feed
 * @from: the range's start, Unix seconds
 * @to: its end
 * @out: where to write the rows; the header line is the caller's
 *
 * Any thread that owns @db.
 */
gboolean
vigie_history_export_csv (VigieHistoryDb      *db,
                          const char          *feed_id,
                          const char * const  *entities,
                          gint64               from,
                          gint64               to,
                          GOutputStream       *out,
                          GError             **error)
{
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (feed_id != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (entities != NULL)
    {
      wanted = g_hash_table_new (vigie_str_hash, g_str_equal);
      for (guint i = 0; entities[i] != NULL; i++)
        g_hash_table_add (wanted, (gpointer) entities[i]);
    }

  if (sqlite3_prepare_v2 (db->db,
                          "SELECT s.entity, s.field, r.t_from, r.t_until, r.value, r.text, r.flags "
                          "FROM series s JOIN raw r ON r.series = s.id "
                          "WHERE s.feed = ?1 AND r.t_from < ?3 AND (r.t_until IS NULL OR r.t_until > ?2) "
                          "ORDER BY s.entity, s.field, r.t_from",
                          -1, &stmt, NULL) != SQLITE_OK)
    return history_db_fail (db, error);
  sqlite3_bind_text (stmt, 1, feed_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *entity = (const char *) sqlite3_column_text (stmt, 0);
      gint64 run_from = sqlite3_column_int64 (stmt, 2);
      gint64 run_until = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? to : sqlite3_column_int64 (stmt, 3);

      if (wanted != NULL && !g_hash_table_contains (wanted, entity))
        continue;

      g_string_truncate (line, 0);
      append_field (line, feed_id);
      g_string_append_c (line, ',');
      append_field (line, entity);
      g_string_append_c (line, ',');
      append_field (line, (const char *) sqlite3_column_text (stmt, 1));
      g_string_append_c (line, ',');
      append_time (line, MAX (run_from, from));
      g_string_append_c (line, ',');
      append_time (line, MIN (run_until, to));
      g_string_append_c (line, ',');
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        g_string_append_printf (line, "%.15g", sqlite3_column_double (stmt, 4));
      g_string_append_c (line, ',');
      append_field (line, (const char *) sqlite3_column_text (stmt, 5));
      g_string_append_c (line, ',');
      if (sqlite3_column_int (stmt, 6) & VIGIE_HISTORY_FLAG_ABSURD)
        g_string_append (line, "absurd");
      g_string_append (line, "\r\n");

      if (!g_output_stream_write_all (out, line->str, line->len, NULL, NULL, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return history_db_fail (db, error);

  return TRUE;
}

typedef struct
{
  char      *path;
  GPtrArray *selection;   /* GStrv: feed id, then entity keys; none: all */
  gint64     from, to;
  GFile     *file;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->path);
  g_ptr_array_unref (job->selection);
  g_object_unref (job->file);
  g_free (job);
}

static const char header[] = "feed,entity,field,from,until,value,text,flag\r\n";

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  VigieHistoryDb *db;
  gboolean ok;

  db = vigie_history_db_open (job->path, TRUE, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  out = g_file_replace (job->file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, &error);
  ok = out != NULL && g_output_stream_write_all (G_OUTPUT_STREAM (out), header, strlen (header),
                                                  NULL, cancellable, &error);
  for (guint i = 0; ok && i < job->selection->len; i++)
    {
      char **feed = g_ptr_array_index (job->selection, i);

      ok = vigie_history_export_csv (db, feed[0], feed[1] != NULL ? (const char * const *) feed + 1 : NULL,
                                     job->from, job->to, G_OUTPUT_STREAM (out), &error);
    }
  vigie_history_db_close (db);
  if (ok)
    ok = g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, &error);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * vigie_history_export_async:
 * @selection: (element-type GStrv): per feed, its id then the keys of the
 *   entities to export, or its id alone for all of them
 * @file: the CSV file to write, replaced
 *
 * Writes the CSV in a worker, on a connection of its own.
 */
void
vigie_history_export_async (VigieHistory        *history,
                            GPtrArray           *selection,
                            gint64               from,
                            gint64               to,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  ExportJob *job;

  g_return_if_fail (VIGIE_IS_HISTORY (history));
  g_return_if_fail (selection != NULL);
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (ExportJob, 1);
  job->path = g_strdup (vigie_history_get_path (history));
  job->selection = g_ptr_array_ref (selection);
  job->from = from;
  job->to = to;
  job->file = g_object_ref (file);

  vigie_history_run_in_thread (history, vigie_history_export_async,
                               job, (GDestroyNotify) export_job_free, export_thread,
                               cancellable, callback, user_data);
}

gboolean
vigie_history_export_finish (VigieHistory  *history,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, history), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
