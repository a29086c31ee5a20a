/* vigie-test-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdarg.h>

#include "vigie-test-history.h"

/* A new folder from @template (g_dir_make_tmp()'s) and, in @path, the
 * history file's name in it. */
char *
vigie_test_history_folder_new (const char  *template,
                               char       **path)
{
  g_autoptr(GError) error = NULL;
  char *folder = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  *path = g_build_filename (folder, "history.sqlite", NULL);

  return folder;
}

/* Removes the history file at @path, its WAL files and whatever else was
 * written beside it, then @folder. */
void
vigie_test_history_remove (const char *folder,
                           const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  g_unlink (path);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (folder, name, NULL);

      g_unlink (file);
    }
  g_rmdir (folder);
}

void
vigie_test_history_db_setup (VigieTestHistoryDb *fixture,
                             gconstpointer       data)
{
  g_autoptr(GError) error = NULL;

  fixture->folder = vigie_test_history_folder_new ("vigie-history-db-XXXXXX", &fixture->path);
  fixture->db = vigie_history_db_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
}

void
vigie_test_history_db_teardown (VigieTestHistoryDb *fixture,
                                gconstpointer       data)
{
  vigie_history_db_close (fixture->db);
  vigie_test_history_remove (fixture->folder, fixture->path);
  g_free (fixture->folder);
  g_free (fixture->path);
}

void
vigie_test_history_file_setup (VigieTestHistoryFile *fixture,
                               gconstpointer         data)
{
  fixture->folder = vigie_test_history_folder_new ("vigie-history-file-XXXXXX", &fixture->path);
}

void
vigie_test_history_file_teardown (VigieTestHistoryFile *fixture,
                                  gconstpointer         data)
{
  vigie_test_history_remove (fixture->folder, fixture->path);
  g_free (fixture->folder);
  g_free (fixture->path);
}

/* The history file at @path, open for writing. */
VigieHistoryDb *
vigie_test_history_db_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  VigieHistoryDb *db = vigie_history_db_open (path, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);

  return db;
}

static sqlite3_stmt *
query (const char  *path,
       const char  *sql,
       sqlite3    **db)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* The app's writer may hold the file a moment (its first transaction
   * at start-up): wait for it, as the app's own readers do. */
  sqlite3_busy_timeout (*db, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (*db, sql, -1, &stmt, NULL), ==, SQLITE_OK);

  return stmt;
}

/* The first column of the first row @sql gives in the file at @path, read
 * with SQLite alone; -1 for no row. */
gint64
vigie_test_sqlite_int (const char *path,
                       const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = query (path, sql, &db);
  gint64 value = -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* The same as text; %NULL for no row. */
char *
vigie_test_sqlite_text (const char *path,
                        const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = query (path, sql, &db);
  char *value = NULL;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* A snapshot of the entities given (transfer full), up to a %NULL,
 * prepared against @previous at @now. */
VigieSnapshot *
vigie_test_snapshot_of (VigieSnapshot *previous,
                        gint64         now,
                        ...)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ();
  va_list args;
  VigieEntity *entity;

  va_start (args, now);
  while ((entity = va_arg (args, VigieEntity *)) != NULL)
    vigie_snapshot_add_entity (snapshot, entity);
  va_end (args);
  vigie_snapshot_prepare (snapshot, previous, now);

  return snapshot;
}

const VigieHistorySample *
vigie_test_find_sample (VigieHistoryBatch *batch,
                        const char        *entity,
                        const char        *field)
{
  for (guint i = 0; i < batch->samples->len; i++)
    {
      const VigieHistorySample *sample = &g_array_index (batch->samples, VigieHistorySample, i);

      if (g_str_equal (sample->entity, entity) && g_str_equal (sample->field, field))
        return sample;
    }

  return NULL;
}
