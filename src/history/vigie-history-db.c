/* vigie-history-db.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history-db"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "vigie-history-db-private.h"
#include "vigie-history-samples.h"
#include "vigie-hash.h"

/* The history in SQLite. A series is one value of one entity of one feed
 * ("bikes" feed, "station/12", "vehicles_available"); its raw rows are
 * runs, (value, from, until), a row written only when the value changes,
 * so that a quiet station costs nothing. The run that holds now has no
 * end. Five-minute aggregates are kept the same way: a bucket only where
 * something changed (see vigie-history-db-maintain.c).
 *
 * WAL lets the queries read, each on its own connection in a worker,
 * while the one writer writes. */

#define SCHEMA_VERSION 1

#define RESUME_GAP_S VIGIE_HISTORY_RESUME_GAP_S

typedef struct
{
  gint64      id;
  const char *field;      /* interned */
  gint64      until;
  gint64      from;
  double      value;
  char       *text;
  guint       open : 1;      /* a run holds: from, value, text */
  guint       resumable : 1; /* the last run, ended when the app stopped */
} Series;

/* The series of one entity, by field: its key kept once, not once a
 * field (a station has five; heaptrack at 109,000 entities: 90 MiB of
 * keys and series apart, 40 together). */
typedef struct
{
  guint  n_series;
  Series series[];
} EntitySeries;

static void
entity_series_free (EntitySeries *entity)
{
  for (guint i = 0; i < entity->n_series; i++)
    g_free (entity->series[i].text);
  g_free (entity);
}

static const char schema[] =
  "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER);"
  "CREATE TABLE IF NOT EXISTS series ("
  "  id INTEGER PRIMARY KEY,"
  "  feed TEXT NOT NULL, entity TEXT NOT NULL, field TEXT NOT NULL,"
  "  UNIQUE (feed, entity, field));"
  /* value NULL and text NULL: never written; a state in words has text. */
  "CREATE TABLE IF NOT EXISTS raw ("
  "  series INTEGER NOT NULL, t_from INTEGER NOT NULL, t_until INTEGER,"
  "  value REAL, text TEXT, flags INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (series, t_from)) WITHOUT ROWID;"
  /* Closed runs only: opening and closing a run then costs one index
   * entry, not three (see vigie_history_db_write()). */
  "CREATE INDEX IF NOT EXISTS raw_closed ON raw (t_until) WHERE t_until IS NOT NULL;"
  "DROP INDEX IF EXISTS raw_until;"
  "CREATE TABLE IF NOT EXISTS agg ("
  "  series INTEGER NOT NULL, bucket INTEGER NOT NULL,"
  "  min REAL, mean REAL, max REAL, last REAL,"
  "  PRIMARY KEY (series, bucket)) WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS agg_bucket ON agg (bucket);"
  "CREATE TABLE IF NOT EXISTS feed_events ("
  "  feed TEXT NOT NULL, t INTEGER NOT NULL, state TEXT NOT NULL,"
  "  latency_ms INTEGER, error TEXT);"
  "CREATE INDEX IF NOT EXISTS feed_events_t ON feed_events (feed, t);";

/*
 * Helpers
 */

gboolean
history_db_fail (VigieHistoryDb  *db,
                 GError         **error)
{
  int code = sqlite3_errcode (db->db);

  g_set_error (error, G_IO_ERROR,
               code == SQLITE_FULL ? G_IO_ERROR_NO_SPACE :
               code == SQLITE_READONLY || code == SQLITE_PERM ? G_IO_ERROR_READ_ONLY :
               code == SQLITE_CORRUPT || code == SQLITE_NOTADB ? G_IO_ERROR_INVALID_DATA :
               G_IO_ERROR_FAILED,
               /* Translators: %s is SQLite's own message. */
               _("The history cannot be written: %s"), sqlite3_errmsg (db->db));
  return FALSE;
}

/* Prepares a read: TRUE with *@stmt %NULL on a file no one wrote to yet,
 * which has no tables, so no history. */
gboolean
history_db_prepare_read (VigieHistoryDb  *db,
                         const char      *sql,
                         sqlite3_stmt   **stmt,
                         GError         **error)
{
  *stmt = NULL;
  if (sqlite3_prepare_v2 (db->db, sql, -1, stmt, NULL) == SQLITE_OK)
    return TRUE;
  *stmt = NULL;
  if (sqlite3_errcode (db->db) == SQLITE_ERROR)
    return TRUE;

  return history_db_fail (db, error);
}

gboolean
history_db_exec (VigieHistoryDb  *db,
                 const char      *sql,
                 GError         **error)
{
  if (sqlite3_exec (db->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return history_db_fail (db, error);

  return TRUE;
}

gint64
history_db_query_int (VigieHistoryDb *db,
                      const char     *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (db->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

gint64
history_db_get_meta (VigieHistoryDb *db,
                     const char     *key)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (db->db, "SELECT value FROM meta WHERE key = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);

  return value;
}

gboolean
history_db_set_meta (VigieHistoryDb  *db,
                     const char      *key,
                     gint64           value,
                     GError         **error)
{
  sqlite3_bind_text (db->set_meta, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (db->set_meta, 2, value);
  if (sqlite3_step (db->set_meta) != SQLITE_DONE)
    {
      sqlite3_reset (db->set_meta);
      return history_db_fail (db, error);
    }
  sqlite3_reset (db->set_meta);

  return TRUE;
}

static gboolean
prepare (VigieHistoryDb  *db,
         const char      *sql,
         sqlite3_stmt   **stmt,
         GError         **error)
{
  if (sqlite3_prepare_v3 (db->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL) != SQLITE_OK)
    return history_db_fail (db, error);

  return TRUE;
}

/*
 * Opening
 */

static gboolean
set_up_writer (VigieHistoryDb  *db,
               GError         **error)
{
  gint64 last_seen;

  /* auto_vacuum must be set before the first table; it is then kept. */
  if (!history_db_exec (db, "PRAGMA auto_vacuum = INCREMENTAL;"
                            "PRAGMA journal_mode = WAL;"
                            "PRAGMA synchronous = NORMAL;"
                            /* 4 MiB of pages at most. The cache grows
                             * with the file until it is full, and at 16
                             * MiB a soak of 2,500 things still grew by
                             * 5 MiB an hour (heaptrack) after two; 4 MiB
                             * wrote 4 % slower at 50,000 stations (in this
                             * thread, not the main one), 64 MiB 9 %
                             * faster. */
                            "PRAGMA cache_size = -4096;"
                            /* A large city's batch dirties thousands of
                             * pages: copied back into the file every 64 MiB
                             * of log, not at every commit (and by
                             * maintenance, vigie-history-db-maintain.c). */
                            "PRAGMA wal_autocheckpoint = 16384;", error) ||
      !history_db_exec (db, schema, error))
    return FALSE;

  if (!prepare (db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", &db->set_meta, error) ||
      !prepare (db, "SELECT id FROM series WHERE feed = ? AND entity = ? AND field = ?", &db->find_series, error) ||
      !prepare (db, "INSERT INTO series (feed, entity, field) VALUES (?, ?, ?)", &db->add_series, error) ||
      !prepare (db, "SELECT t_from, t_until, value, text FROM raw WHERE series = ? "
                    "ORDER BY t_from DESC LIMIT 1", &db->find_last, error) ||
      !prepare (db, "UPDATE raw SET t_until = NULL WHERE series = ? AND t_from = ?", &db->reopen_run, error) ||
      !prepare (db, "UPDATE raw SET t_until = ? WHERE series = ? AND t_from = ?", &db->close_run, error) ||
      !prepare (db, "INSERT OR REPLACE INTO raw (series, t_from, t_until, value, text, flags) "
                    "VALUES (?, ?, NULL, ?, ?, ?)", &db->add_run, error) ||
      !prepare (db, "INSERT INTO feed_events (feed, t, state, latency_ms, error) VALUES (?, ?, ?, ?, ?)",
                &db->add_event, error))
    return FALSE;

  if (history_db_get_meta (db, "version") == 0 &&
      !history_db_set_meta (db, "version", SCHEMA_VERSION, error))
    return FALSE;

  /* What held when the app last wrote is not known to hold since: the
   * runs left open end there. */
  last_seen = history_db_get_meta (db, "last_seen");
  if (last_seen > 0)
    {
      /* Each series' last run, by its key: the index has no open runs. */
      g_autofree char *sql = g_strdup_printf ("UPDATE raw SET t_until = MAX (t_from, %" G_GINT64_FORMAT ") "
                                              "WHERE t_until IS NULL AND (series, t_from) IN "
                                              "(SELECT s.id, (SELECT MAX (r.t_from) FROM raw r WHERE r.series = s.id) "
                                              "FROM series s)", last_seen);

      if (!history_db_exec (db, sql, error))
        return FALSE;
    }
  db->last_time = last_seen;
  db->closed_at = last_seen;

  return TRUE;
}

/**
 * vigie_history_db_open:
 * @path: the database file; its folder is made if missing
 * @read_only: for a query: no schema, no writes
 *
 * Returns: (transfer full) (nullable): the connection
 */
VigieHistoryDb *
vigie_history_db_open (const char  *path,
                       gboolean     read_only,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  VigieHistoryDb *db;
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

  g_return_val_if_fail (path != NULL, NULL);

  if (!read_only)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("The history cannot be written: %s"), g_strerror (saved_errno));
          return NULL;
        }
    }

  db = g_new0 (VigieHistoryDb, 1);
  db->path = g_strdup (path);
  db->series = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);

  if (sqlite3_open_v2 (path, &db->db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      history_db_fail (db, error);
      vigie_history_db_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db->db, 2000);

  if (!read_only && !set_up_writer (db, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      vigie_history_db_close (db);
      return NULL;
    }

  return db;
}

/**
 * vigie_history_db_move_aside:
 * @path: a damaged database
 *
 * Renames @path to `history.sqlite.corrupt-DATE`, with its WAL and shared
 * memory files, so that a new one can start.
 *
 * Returns: (transfer full) (nullable): the new name, without its folder
 */
char *
vigie_history_db_move_aside (const char  *path,
                             GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *aside = g_strconcat (path, ".corrupt-", stamp, NULL);
  static const char * const suffixes[] = { "-wal", "-shm" };

  g_return_val_if_fail (path != NULL, NULL);

  if (g_rename (path, aside) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The history cannot be written: %s"), g_strerror (saved_errno));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }

  return g_path_get_basename (aside);
}

void
vigie_history_db_close (VigieHistoryDb *db)
{
  if (db == NULL)
    return;

  sqlite3_finalize (db->find_series);
  sqlite3_finalize (db->add_series);
  sqlite3_finalize (db->find_last);
  sqlite3_finalize (db->reopen_run);
  sqlite3_finalize (db->close_run);
  sqlite3_finalize (db->add_run);
  sqlite3_finalize (db->add_event);
  sqlite3_finalize (db->set_meta);
  sqlite3_close_v2 (db->db);
  g_hash_table_unref (db->series);
  g_free (db->path);
  g_free (db);
}

/*
 * Writing
 */

/* The series the writer knows of a feed: entity → EntitySeries. */
static GHashTable *
look_up_feed (VigieHistoryDb *db,
              const char     *feed_id)
{
  GHashTable *table = g_hash_table_lookup (db->series, feed_id);

  if (table == NULL)
    {
      table = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, (GDestroyNotify) entity_series_free);
      g_hash_table_insert (db->series, g_strdup (feed_id), table);
    }

  return table;
}

static Series *
look_up_series (VigieHistoryDb  *db,
                GHashTable      *table,
                const char      *feed_id,
                const char      *entity,
                const char      *field,
                GError         **error)
{
  EntitySeries *known = g_hash_table_lookup (table, entity);
  Series found = { 0, }, *series = &found;

  for (guint i = 0; known != NULL && i < known->n_series; i++)
    if (g_str_equal (known->series[i].field, field))
      return &known->series[i];

  series->value = NAN;

  sqlite3_bind_text (db->find_series, 1, feed_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (db->find_series, 2, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (db->find_series, 3, field, -1, SQLITE_STATIC);
  if (sqlite3_step (db->find_series) == SQLITE_ROW)
    series->id = sqlite3_column_int64 (db->find_series, 0);
  sqlite3_reset (db->find_series);

  if (series->id == 0)
    {
      sqlite3_bind_text (db->add_series, 1, feed_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (db->add_series, 2, entity, -1, SQLITE_STATIC);
      sqlite3_bind_text (db->add_series, 3, field, -1, SQLITE_STATIC);
      if (sqlite3_step (db->add_series) != SQLITE_DONE)
        {
          sqlite3_reset (db->add_series);
          history_db_fail (db, error);
          return NULL;
        }
      sqlite3_reset (db->add_series);
      series->id = sqlite3_last_insert_rowid (db->db);
    }
  else
    {
      sqlite3_bind_int64 (db->find_last, 1, series->id);
      if (sqlite3_step (db->find_last) == SQLITE_ROW)
        {
          series->from = sqlite3_column_int64 (db->find_last, 0);
          series->until = sqlite3_column_int64 (db->find_last, 1);
          series->open = sqlite3_column_type (db->find_last, 1) == SQLITE_NULL;
          series->resumable = !series->open && db->closed_at > 0 && series->until == db->closed_at;
          series->value = sqlite3_column_type (db->find_last, 2) == SQLITE_NULL
                            ? NAN : sqlite3_column_double (db->find_last, 2);
          series->text = g_strdup ((const char *) sqlite3_column_text (db->find_last, 3));
        }
      sqlite3_reset (db->find_last);
    }

  series->field = g_intern_string (field);
  if (known == NULL)
    {
      known = g_malloc (sizeof (EntitySeries) + sizeof (Series));
      known->n_series = 0;
      g_hash_table_insert (table, g_strdup (entity), known);
    }
  else
    {
      gpointer key;

      /* Moved: the table's value follows, its key stays. */
      g_hash_table_steal_extended (table, entity, &key, NULL);
      known = g_realloc (known, sizeof (EntitySeries) + (known->n_series + 1) * sizeof (Series));
      g_hash_table_insert (table, key, known);
    }
  known->series[known->n_series] = found;

  return &known->series[known->n_series++];
}

/* Takes @series out of its entity's, and the entity out of @table with
 * its last. */
static void
forget_series (GHashTable *table,
               const char *entity,
               Series     *series)
{
  EntitySeries *known = g_hash_table_lookup (table, entity);
  guint i = series - known->series;

  g_free (series->text);
  known->n_series--;
  memmove (&known->series[i], &known->series[i + 1], (known->n_series - i) * sizeof (Series));
  if (known->n_series == 0)
    g_hash_table_remove (table, entity);
}

static gboolean
same_value (Series                   *series,
            const VigieHistorySample *sample)
{
  if (sample->text != NULL || series->text != NULL)
    return g_strcmp0 (sample->text, series->text) == 0;

  return series->value == sample->value;
}

/* Counts below zero or an occupancy over 100 %: kept as the feed gave
 * them, but flagged. */
static guint
flags_for (const VigieHistorySample *sample)
{
  if (isnan (sample->value))
    return 0;
  if (g_str_equal (sample->field, "occupancy"))
    return sample->value < 0 || sample->value > 1 ? VIGIE_HISTORY_FLAG_ABSURD : 0;
  if (g_str_equal (sample->field, "delay_s"))
    return 0;

  return sample->value < 0 ? VIGIE_HISTORY_FLAG_ABSURD : 0;
}

static gboolean
write_sample (VigieHistoryDb            *db,
              GHashTable                *table,
              const char                *feed_id,
              gint64                     time,
              const VigieHistorySample  *sample,
              GError                   **error)
{
  Series *series = look_up_series (db, table, feed_id, sample->entity, sample->field, error);
  gboolean gone = isnan (sample->value) && sample->text == NULL;

  if (series == NULL)
    return FALSE;

  if (series->resumable && !gone && time - series->until <= RESUME_GAP_S && same_value (series, sample))
    {
      sqlite3_bind_int64 (db->reopen_run, 1, series->id);
      sqlite3_bind_int64 (db->reopen_run, 2, series->from);
      if (sqlite3_step (db->reopen_run) != SQLITE_DONE)
        {
          sqlite3_reset (db->reopen_run);
          return history_db_fail (db, error);
        }
      sqlite3_reset (db->reopen_run);
      series->open = TRUE;
    }
  series->resumable = FALSE;

  if (gone ? !series->open : series->open && same_value (series, sample))
    return TRUE;

  /* A tram reported every few seconds: one position in so many. */
  if (!gone && series->open && time - series->from < VIGIE_HISTORY_POSITION_MIN_S &&
      g_str_equal (sample->field, "position"))
    return TRUE;

  /* Time does not go back: a late batch starts its run where the last
   * one started at the earliest. */
  if (series->open)
    {
      time = MAX (time, series->from);
      sqlite3_bind_int64 (db->close_run, 1, time);
      sqlite3_bind_int64 (db->close_run, 2, series->id);
      sqlite3_bind_int64 (db->close_run, 3, series->from);
      if (sqlite3_step (db->close_run) != SQLITE_DONE)
        {
          sqlite3_reset (db->close_run);
          return history_db_fail (db, error);
        }
      sqlite3_reset (db->close_run);
      series->open = FALSE;
    }

  /* Forgotten until seen again: vehicles come and go under new ids, and
   * the cache must not grow with every one the city ever had. */
  if (gone)
    {
      forget_series (table, sample->entity, series);
      return TRUE;
    }

  sqlite3_bind_int64 (db->add_run, 1, series->id);
  sqlite3_bind_int64 (db->add_run, 2, time);
  if (isnan (sample->value))
    sqlite3_bind_null (db->add_run, 3);
  else
    sqlite3_bind_double (db->add_run, 3, sample->value);
  if (sample->text != NULL)
    sqlite3_bind_text (db->add_run, 4, sample->text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (db->add_run, 4);
  sqlite3_bind_int (db->add_run, 5, flags_for (sample));
  if (sqlite3_step (db->add_run) != SQLITE_DONE)
    {
      sqlite3_reset (db->add_run);
      return history_db_fail (db, error);
    }
  sqlite3_reset (db->add_run);

  series->open = TRUE;
  series->from = time;
  series->value = sample->value;
  g_free (series->text);
  series->text = g_strdup (sample->text);

  return TRUE;
}

static gboolean
write_event (VigieHistoryDb     *db,
             VigieHistoryBatch  *batch,
             GError            **error)
{
  VigieHistoryEvent *event = batch->event;

  sqlite3_bind_text (db->add_event, 1, batch->feed_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (db->add_event, 2, batch->time);
  sqlite3_bind_text (db->add_event, 3, event->state, -1, SQLITE_STATIC);
  sqlite3_bind_int (db->add_event, 4, event->latency_ms);
  if (event->error != NULL)
    sqlite3_bind_text (db->add_event, 5, event->error, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (db->add_event, 5);
  if (sqlite3_step (db->add_event) != SQLITE_DONE)
    {
      sqlite3_reset (db->add_event);
      return history_db_fail (db, error);
    }
  sqlite3_reset (db->add_event);

  return TRUE;
}

/**
 * vigie_history_db_write:
 * @batch: what one update changed
 *
 * Writes @batch in one transaction: all of it or, on an error, none. The
 * writer thread only.
 */
gboolean
vigie_history_db_write (VigieHistoryDb     *db,
                        VigieHistoryBatch  *batch,
                        GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  GHashTable *table;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);

  if (!history_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  table = look_up_feed (db, batch->feed_id);
  for (guint i = 0; i < batch->samples->len && local_error == NULL; i++)
    write_sample (db, table, batch->feed_id, batch->time,
                  &g_array_index (batch->samples, VigieHistorySample, i), &local_error);

  if (local_error == NULL && batch->event != NULL)
    write_event (db, batch, &local_error);

  if (local_error == NULL && batch->time > db->last_time)
    {
      db->last_time = batch->time;
      history_db_set_meta (db, "last_seen", batch->time, &local_error);
    }

  if (local_error == NULL && history_db_exec (db, "COMMIT", &local_error))
    return TRUE;

  /* The cached runs may no longer say what the file does. */
  sqlite3_exec (db->db, "ROLLBACK", NULL, NULL, NULL);
  g_hash_table_remove_all (db->series);
  g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

/* For tests: the series the writer remembers. */
guint
vigie_history_db_get_n_cached (VigieHistoryDb *db)
{
  GHashTableIter iter;
  GHashTable *table;
  guint n = 0;

  g_return_val_if_fail (db != NULL, 0);

  g_hash_table_iter_init (&iter, db->series);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &table))
    {
      GHashTableIter entities;
      EntitySeries *known;

      g_hash_table_iter_init (&entities, table);
      while (g_hash_table_iter_next (&entities, NULL, (gpointer *) &known))
        n += known->n_series;
    }

  return n;
}

/*
 * Reading
 */

static gboolean
find_series_id (VigieHistoryDb  *db,
                const char      *feed_id,
                const char      *entity,
                const char      *field,
                gint64          *id,
                GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *id = 0;
  if (!history_db_prepare_read (db, "SELECT id FROM series WHERE feed = ? AND entity = ? AND field = ?",
                                &stmt, error))
    return FALSE;
  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_text (stmt, 1, feed_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return history_db_fail (db, error);

  return TRUE;
}

/* Reads one element of a series' array from the row @stmt is on. */
typedef void (*ReadRow) (sqlite3_stmt *stmt,
                         gpointer      element);

/* @sql, a read of one series over [@from, @to), with ?1 the series, ?2
 * @from and ?3 @to: an array of @element_size elements, one a row; empty
 * where the series was never written. */
static GArray *
read_series (VigieHistoryDb  *db,
             const char      *feed_id,
             const char      *entity,
             const char      *field,
             const char      *sql,
             gint64           from,
             gint64           to,
             guint            element_size,
             ReadRow          read_row,
             GError         **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, element_size);
  sqlite3_stmt *stmt = NULL;
  gint64 id;
  int rc;

  if (!find_series_id (db, feed_id, entity, field, &id, error))
    return NULL;
  if (id == 0)
    return g_steal_pointer (&rows);

  if (sqlite3_prepare_v2 (db->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return history_db_fail (db, error), NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_array_set_size (rows, rows->len + 1);
      read_row (stmt, rows->data + (gsize) (rows->len - 1) * element_size);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return history_db_fail (db, error), NULL;

  return g_steal_pointer (&rows);
}

static void
read_run (sqlite3_stmt *stmt,
          gpointer      element)
{
  VigieHistoryRun *run = element;

  run->from = sqlite3_column_int64 (stmt, 0);
  run->until = sqlite3_column_int64 (stmt, 1);
  run->value = sqlite3_column_double (stmt, 2);
  run->flags = sqlite3_column_int (stmt, 3);
}

static void
read_aggregate (sqlite3_stmt *stmt,
                gpointer      element)
{
  VigieHistoryAggregate *aggregate = element;

  aggregate->bucket = sqlite3_column_int64 (stmt, 0);
  aggregate->min = sqlite3_column_double (stmt, 1);
  aggregate->mean = sqlite3_column_double (stmt, 2);
  aggregate->max = sqlite3_column_double (stmt, 3);
  aggregate->last = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 4);
}

/**
 * vigie_history_db_read_runs:
 *
 * The runs of one series that overlap [@from, @to), oldest first, the one
 * holding at @from with its real start. Runs in words (no number) are left
 * out.
 *
 * Returns: (transfer full) (element-type VigieHistoryRun): the runs, or
 *   %NULL on an error
 */
GArray *
vigie_history_db_read_runs (VigieHistoryDb  *db,
                            const char      *feed_id,
                            const char      *entity,
                            const char      *field,
                            gint64           from,
                            gint64           to,
                            GError         **error)
{
  g_return_val_if_fail (db != NULL, NULL);

  return read_series (db, feed_id, entity, field,
                      "SELECT t_from, t_until, value, flags FROM raw "
                      "WHERE series = ?1 AND t_from < ?3 AND (t_until IS NULL OR t_until > ?2) "
                      "AND value IS NOT NULL ORDER BY t_from",
                      from, to, sizeof (VigieHistoryRun), read_run, error);
}

/**
 * vigie_history_db_read_aggregates:
 *
 * The five-minute buckets of one series in [@from, @to) where something
 * changed, oldest first; a bucket missing between two holds the previous
 * one's last value throughout.
 *
 * Returns: (transfer full) (element-type VigieHistoryAggregate): the
 *   buckets, or %NULL on an error
 */
GArray *
vigie_history_db_read_aggregates (VigieHistoryDb  *db,
                                  const char      *feed_id,
                                  const char      *entity,
                                  const char      *field,
                                  gint64           from,
                                  gint64           to,
                                  GError         **error)
{
  g_return_val_if_fail (db != NULL, NULL);

  return read_series (db, feed_id, entity, field,
                      "SELECT bucket, min, mean, max, last FROM agg "
                      "WHERE series = ?1 AND bucket >= ?2 AND bucket < ?3 ORDER BY bucket",
                      from, to, sizeof (VigieHistoryAggregate), read_aggregate, error);
}

void
vigie_history_feed_event_free (VigieHistoryFeedEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->state);
  g_free (event->error);
  g_free (event);
}

/**
 * vigie_history_db_read_events:
 *
 * Returns: (transfer full) (element-type VigieHistoryFeedEvent): a feed's
 *   state changes in [@from, @to), and the last one before, oldest first;
 *   %NULL on an error
 */
GPtrArray *
vigie_history_db_read_events (VigieHistoryDb  *db,
                              const char      *feed_id,
                              gint64           from,
                              gint64           to,
                              GError         **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_history_feed_event_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (!history_db_prepare_read (db,
                                "SELECT t, state, latency_ms, error FROM feed_events WHERE feed = ?1 AND t < ?3 "
                                "AND t >= COALESCE ((SELECT MAX (t) FROM feed_events WHERE feed = ?1 AND t <= ?2), ?2) "
                                "ORDER BY t",
                                &stmt, error))
    return NULL;
  if (stmt == NULL)
    return g_steal_pointer (&events);
  sqlite3_bind_text (stmt, 1, feed_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VigieHistoryFeedEvent *event = g_new0 (VigieHistoryFeedEvent, 1);

      event->time = sqlite3_column_int64 (stmt, 0);
      event->state = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      event->latency_ms = sqlite3_column_int (stmt, 2);
      event->error = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (events, event);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return history_db_fail (db, error), NULL;

  return g_steal_pointer (&events);
}
