/* test-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "vigie-history.h"
#include "vigie-history-words.h"
#include "vigie-test-history.h"
#include "vigie-test-support.h"

/* The history store on a real SQLite file in a temporary folder: runs
 * written only when a value changes, five-minute aggregates, retention,
 * the size limit, the bounded queue to the writer, the samples a tap
 * works out from two snapshots, and the words the popover shows. */

/* 2023-11-14 22:10:00 UTC, on a five-minute boundary. */
#define T0 G_GINT64_CONSTANT (1700000000 - 200)
#define DAY (24 * 3600)

typedef struct
{
  char *folder;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("vigie-history-XXXXXX", &error);
  g_assert_no_error (error);
  /* A folder the store makes itself. */
  fixture->path = g_build_filename (fixture->folder, "vigie", "history.sqlite", NULL);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  remove_tree (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->path);
}

static void
write_value (VigieHistoryDb *db,
             gint64          time,
             const char     *entity,
             const char     *field,
             double          value)
{
  g_autoptr(VigieHistoryBatch) batch = vigie_history_batch_new ("bikes", time);
  g_autoptr(GError) error = NULL;

  if (isnan (value))
    vigie_history_batch_add_gone (batch, entity, field);
  else
    vigie_history_batch_add (batch, entity, field, value);
  g_assert_true (vigie_history_db_write (db, batch, &error));
  g_assert_no_error (error);
}

static GArray *
read_runs (VigieHistoryDb *db,
           const char     *entity,
           const char     *field,
           gint64          from,
           gint64          to)
{
  g_autoptr(GError) error = NULL;
  GArray *runs = vigie_history_db_read_runs (db, "bikes", entity, field, from, to, &error);

  g_assert_no_error (error);
  g_assert_nonnull (runs);

  return runs;
}

static void
assert_run (GArray *runs,
            guint   i,
            gint64  from,
            gint64  until,
            double  value)
{
  VigieHistoryRun *run;

  g_assert_cmpuint (i, <, runs->len);
  run = &g_array_index (runs, VigieHistoryRun, i);
  g_assert_cmpint (run->from, ==, from);
  g_assert_cmpint (run->until, ==, until);
  g_assert_cmpfloat (run->value, ==, value);
}

/* A value unchanged over many updates is one row; a change closes it. */
static void
test_run_length (Fixture       *fixture,
                 gconstpointer  data)
{
  VigieHistoryDb *db = vigie_test_history_db_open (fixture->path);
  g_autoptr(GArray) runs = NULL;

  for (int i = 0; i < 60; i++)
    write_value (db, T0 + i * 60, "station/1", "vehicles_available", 5);
  write_value (db, T0 + 3600, "station/1", "vehicles_available", 3);
  write_value (db, T0 + 3660, "station/1", "vehicles_available", 3);
  write_value (db, T0 + 3720, "station/2", "vehicles_available", 0);
  write_value (db, T0 + 4000, "station/1", "vehicles_available", NAN);
  /* What is gone is forgotten by the writer, not by the file. */
  g_assert_cmpuint (vigie_history_db_get_n_cached (db), ==, 1);

  g_assert_cmpint (vigie_test_sqlite_int (fixture->path, "SELECT COUNT(*) FROM raw"), ==, 3);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));

  runs = read_runs (db, "station/1", "vehicles_available", T0, T0 + 2 * DAY);
  g_assert_cmpuint (runs->len, ==, 2);
  assert_run (runs, 0, T0, T0 + 3600, 5);
  assert_run (runs, 1, T0 + 3600, T0 + 4000, 3);
  g_clear_pointer (&runs, g_array_unref);

  /* The run holding now has no end; the one holding at the window's
   * start keeps its real start. */
  runs = read_runs (db, "station/2", "vehicles_available", T0 + 5000, T0 + 6000);
  g_assert_cmpuint (runs->len, ==, 1);
  assert_run (runs, 0, T0 + 3720, 0, 0);
  g_clear_pointer (&runs, g_array_unref);

  /* What held when the app stopped is not known to hold after: opened
   * again, the open run ends at the last time written. */
  vigie_history_db_close (db);
  db = vigie_test_history_db_open (fixture->path);
  runs = read_runs (db, "station/2", "vehicles_available", T0, T0 + DAY);
  assert_run (runs, 0, T0 + 3720, T0 + 4000, 0);
  g_clear_pointer (&runs, g_array_unref);
  write_value (db, T0 + 9000, "station/2", "vehicles_available", 0);
  runs = read_runs (db, "station/2", "vehicles_available", T0, T0 + DAY);
  g_assert_cmpuint (runs->len, ==, 2);
  assert_run (runs, 1, T0 + 9000, 0, 0);
  g_clear_pointer (&runs, g_array_unref);

  /* Started again within minutes, with the same value: the run goes on. */
  vigie_history_db_close (db);
  db = vigie_test_history_db_open (fixture->path);
  write_value (db, T0 + 9300, "station/2", "vehicles_available", 0);
  runs = read_runs (db, "station/2", "vehicles_available", T0, T0 + DAY);
  g_assert_cmpuint (runs->len, ==, 2);
  assert_run (runs, 1, T0 + 9000, 0, 0);

  vigie_history_db_close (db);
}

/* WAL, so that a query reads while the writer writes. */
static void
test_wal (Fixture       *fixture,
          gconstpointer  data)
{
  VigieHistoryDb *db = vigie_test_history_db_open (fixture->path);
  sqlite3 *raw = NULL;
  sqlite3_stmt *stmt = NULL;

  write_value (db, T0, "station/1", "vehicles_available", 1);
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &raw, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, "PRAGMA auto_vacuum", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);   /* incremental */
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  vigie_history_db_close (db);
}

/* min, time-weighted mean, max and last by five minutes, only where a run
 * starts or ends. */
static void
test_aggregates (Fixture       *fixture,
                 gconstpointer  data)
{
  VigieHistoryDb *db = vigie_test_history_db_open (fixture->path);
  g_autoptr(GArray) buckets = NULL;
  g_autoptr(GError) error = NULL;
  VigieHistoryAggregate *b;

  g_assert_cmpint (T0 % VIGIE_HISTORY_BUCKET_S, ==, 0);
  write_value (db, T0, "station/1", "vehicles_available", 10);
  write_value (db, T0 + 100, "station/1", "vehicles_available", 20);
  /* Quiet for an hour, then two changes in one bucket. */
  write_value (db, T0 + 3600 + 60, "station/1", "vehicles_available", 4);
  write_value (db, T0 + 3600 + 120, "station/1", "vehicles_available", 8);

  g_assert_true (vigie_history_db_aggregate (db, T0 + 2 * 3600, &error));
  g_assert_no_error (error);

  buckets = vigie_history_db_read_aggregates (db, "bikes", "station/1", "vehicles_available",
                                              T0, T0 + DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (buckets->len, ==, 2);

  b = &g_array_index (buckets, VigieHistoryAggregate, 0);
  g_assert_cmpint (b->bucket, ==, T0);
  g_assert_cmpfloat (b->min, ==, 10);
  g_assert_cmpfloat (b->max, ==, 20);
  g_assert_cmpfloat_with_epsilon (b->mean, (10.0 * 100 + 20.0 * 200) / 300, 1e-9);
  g_assert_cmpfloat (b->last, ==, 20);

  b = &g_array_index (buckets, VigieHistoryAggregate, 1);
  g_assert_cmpint (b->bucket, ==, T0 + 3600);
  g_assert_cmpfloat (b->min, ==, 4);
  g_assert_cmpfloat (b->max, ==, 20);
  g_assert_cmpfloat_with_epsilon (b->mean, (20.0 * 60 + 4.0 * 60 + 8.0 * 180) / 300, 1e-9);
  g_assert_cmpfloat (b->last, ==, 8);

  /* Again: nothing new, nothing doubled. */
  g_assert_true (vigie_history_db_aggregate (db, T0 + 2 * 3600, &error));
  g_assert_cmpint (vigie_test_sqlite_int (fixture->path, "SELECT COUNT(*) FROM agg"), ==, 2);

  vigie_history_db_close (db);
}

/* Raw runs for raw_days, aggregates for aggregate_days; what holds now
 * stays whatever its age. */
static void
test_retention (Fixture       *fixture,
                gconstpointer  data)
{
  VigieHistoryDb *db = vigie_test_history_db_open (fixture->path);
  VigieHistoryLimits limits = { 7, 400, G_MAXUINT64 };
  g_autoptr(GError) error = NULL;
  gint64 now = T0 + 500 * DAY;
  g_autoptr(GArray) runs = NULL;
  g_autofree char *sql = NULL;

  /* A station that changed 450 days ago, one 10 days ago, one 3 days
   * ago, and one unchanged for 450 days. */
  write_value (db, now - 450 * DAY, "station/old", "vehicles_available", 1);
  write_value (db, now - 450 * DAY + 60, "station/old", "vehicles_available", 2);
  write_value (db, now - 450 * DAY, "station/quiet", "vehicles_available", 9);
  write_value (db, now - 10 * DAY, "station/old", "vehicles_available", 3);
  write_value (db, now - 3 * DAY, "station/old", "vehicles_available", 4);
  write_value (db, now - 60, "station/old", "vehicles_available", 4.5);

  g_assert_true (vigie_history_db_maintain (db, now, &limits, &error));
  g_assert_no_error (error);

  /* A run that ended within the last 7 days stays, whenever it began. */
  runs = read_runs (db, "station/old", "vehicles_available", 0, now + 1);
  g_assert_cmpuint (runs->len, ==, 3);
  assert_run (runs, 0, now - 10 * DAY, now - 3 * DAY, 3);
  assert_run (runs, 1, now - 3 * DAY, now - 60, 4);
  assert_run (runs, 2, now - 60, 0, 4.5);
  g_clear_pointer (&runs, g_array_unref);

  runs = read_runs (db, "station/quiet", "vehicles_available", 0, now + 1);
  g_assert_cmpuint (runs->len, ==, 1);
  assert_run (runs, 0, now - 450 * DAY, 0, 9);

  /* Aggregates from 450 days ago are gone, those of 10 days ago kept. */
  sql = g_strdup_printf ("SELECT COUNT(*) FROM agg WHERE bucket < %" G_GINT64_FORMAT, now - 100 * DAY);
  g_assert_cmpint (vigie_test_sqlite_int (fixture->path, sql), ==, 0);
  g_free (sql);
  sql = g_strdup_printf ("SELECT COUNT(*) FROM agg WHERE bucket > %" G_GINT64_FORMAT, now - 100 * DAY);
  g_assert_cmpint (vigie_test_sqlite_int (fixture->path, sql), >=, 2);

  vigie_history_db_close (db);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static guint64
file_size (const char *path)
{
  GStatBuf buf;

  g_assert_cmpint (g_stat (path, &buf), ==, 0);

  return (guint64) buf.st_size;
}

/* Over the size limit, the oldest data goes first, and the file shrinks. */
static void
test_size_limit (Fixture       *fixture,
                 gconstpointer  data)
{
  VigieHistoryDb *db = vigie_test_history_db_open (fixture->path);
  VigieHistoryLimits limits = { 7, 400, G_MAXUINT64 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) runs = NULL;
  gint64 now = T0 + 6 * DAY;

  gint64 start = g_get_monotonic_time ();

  /* 150 stations changing every ten minutes for six days. */
  for (gint64 t = T0; t < now; t += 600)
    {
      g_autoptr(VigieHistoryBatch) batch = vigie_history_batch_new ("bikes", t);

      for (int s = 0; s < 150; s++)
        {
          g_autofree char *entity = g_strdup_printf ("station/%d", s);

          vigie_history_batch_add (batch, entity, "vehicles_available", (double) ((t / 600 + s) % 17));
        }
      g_assert_true (vigie_history_db_write (db, batch, &error));
    }
  g_test_message ("written in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
  g_assert_true (vigie_history_db_maintain (db, now, &limits, &error));
  g_assert_no_error (error);

  /* A figure, not a test: a day's sparkline read from a reader's own
   * connection, as the popover's worker does. */
  {
    VigieHistoryDb *reader = vigie_history_db_open (fixture->path, TRUE, &error);
    gint64 times[50];

    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (times); i++)
      {
        g_autofree char *entity = g_strdup_printf ("station/%u", i);
        g_autoptr(VigieHistorySparkline) sparkline = NULL;
        gint64 t = g_get_monotonic_time ();

        sparkline = vigie_history_sparkline_read (reader, "bikes", entity, "vehicles_available",
                                                  "vehicles_available", now, &error);
        times[i] = g_get_monotonic_time () - t;
        g_assert_no_error (error);
        g_assert_cmpuint (sparkline->runs->len, ==, 24 * 6);
      }
    vigie_history_db_close (reader);
    qsort (times, G_N_ELEMENTS (times), sizeof (gint64), compare_int64);
    g_test_message ("sparkline read: median %" G_GINT64_FORMAT " us, p95 %" G_GINT64_FORMAT " us",
                    times[G_N_ELEMENTS (times) / 2], times[G_N_ELEMENTS (times) * 95 / 100]);
  }
  g_test_message ("%" G_GUINT64_FORMAT " bytes in use, file %" G_GUINT64_FORMAT,
                  vigie_history_db_get_size (db), file_size (fixture->path));
  g_assert_cmpuint (file_size (fixture->path), >, 4 * 1024 * 1024);

  limits.max_bytes = 2 * 1024 * 1024;
  g_assert_true (vigie_history_db_prune (db, now, &limits, &error));
  g_assert_no_error (error);
  g_test_message ("%" G_GUINT64_FORMAT " bytes in use, file %" G_GUINT64_FORMAT,
                  vigie_history_db_get_size (db), file_size (fixture->path));
  g_assert_cmpuint (vigie_history_db_get_size (db), <=, limits.max_bytes);
  /* The freed pages went back to the file system. */
  g_assert_cmpuint (file_size (fixture->path), <=, limits.max_bytes + 64 * 1024);

  /* The oldest went, the newest stayed. */
  runs = read_runs (db, "station/0", "vehicles_available", T0, T0 + DAY);
  g_assert_cmpuint (runs->len, ==, 0);
  g_clear_pointer (&runs, g_array_unref);
  runs = read_runs (db, "station/0", "vehicles_available", now - 3600, now);
  g_assert_cmpuint (runs->len, ==, 6);

  vigie_history_db_close (db);
}

/* A full queue drops its oldest batch and counts it, and never waits. */
static void
test_queue_overflow (void)
{
  g_autoptr(VigieHistoryQueue) queue = vigie_history_queue_new (2);
  VigieHistoryItem *item;

  vigie_history_queue_set_held (queue, TRUE);
  g_assert_true (vigie_history_queue_push (queue, vigie_history_batch_new ("trams", 1)));
  g_assert_true (vigie_history_queue_push (queue, vigie_history_batch_new ("bikes", 2)));
  g_assert_false (vigie_history_queue_push (queue, vigie_history_batch_new ("bikes", 3)));
  g_assert_false (vigie_history_queue_push (queue, vigie_history_batch_new ("bikes", 4)));
  g_assert_cmpuint (vigie_history_queue_get_length (queue), ==, 2);
  g_assert_cmpuint (vigie_history_queue_get_n_dropped (queue, NULL), ==, 2);
  g_assert_cmpuint (vigie_history_queue_get_n_dropped (queue, "trams"), ==, 1);
  g_assert_cmpuint (vigie_history_queue_get_n_dropped (queue, "bikes"), ==, 1);

  /* Controls are never dropped. */
  vigie_history_queue_push_control (queue, VIGIE_HISTORY_ITEM_SYNC, 0);
  vigie_history_queue_set_held (queue, FALSE);
  item = vigie_history_queue_pop (queue);
  g_assert_cmpint (item->batch->time, ==, 3);
  vigie_history_item_free (item);
  item = vigie_history_queue_pop (queue);
  g_assert_cmpint (item->batch->time, ==, 4);
  vigie_history_item_free (item);
  item = vigie_history_queue_pop (queue);
  g_assert_cmpint (item->kind, ==, VIGIE_HISTORY_ITEM_SYNC);
  vigie_history_item_free (item);
}

static VigieHistoryBatch *
batch_of_samples (const char *feed_id,
                  gint64      time,
                  guint       n)
{
  VigieHistoryBatch *batch = vigie_history_batch_new (feed_id, time);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *entity = g_strdup_printf ("station/%u", i);

      vigie_history_batch_add (batch, entity, "vehicles_available", i);
    }

  return batch;
}

/* A queue full of samples drops its oldest batches until the new one
 * fits, and takes a batch larger than all of it. */
static void
test_queue_samples (void)
{
  g_autoptr(VigieHistoryQueue) queue = vigie_history_queue_new_full (64, 10);
  VigieHistoryItem *item;

  vigie_history_queue_set_held (queue, TRUE);
  g_assert_true (vigie_history_queue_push (queue, batch_of_samples ("trams", 1, 4)));
  g_assert_true (vigie_history_queue_push (queue, batch_of_samples ("bikes", 2, 4)));
  g_assert_false (vigie_history_queue_push (queue, batch_of_samples ("bikes", 3, 4)));
  g_assert_cmpuint (vigie_history_queue_get_length (queue), ==, 2);
  g_assert_cmpuint (vigie_history_queue_get_n_dropped (queue, "trams"), ==, 1);

  /* Popped, its samples no longer count. */
  vigie_history_queue_set_held (queue, FALSE);
  item = vigie_history_queue_pop (queue);
  g_assert_cmpint (item->batch->time, ==, 2);
  vigie_history_item_free (item);
  vigie_history_queue_set_held (queue, TRUE);
  g_assert_true (vigie_history_queue_push (queue, batch_of_samples ("bikes", 4, 6)));

  g_assert_false (vigie_history_queue_push (queue, batch_of_samples ("bikes", 5, 25)));
  g_assert_cmpuint (vigie_history_queue_get_length (queue), ==, 1);
  g_assert_cmpuint (vigie_history_queue_get_n_dropped (queue, "bikes"), ==, 2);
  vigie_history_queue_set_held (queue, FALSE);
  item = vigie_history_queue_pop (queue);
  g_assert_cmpint (item->batch->time, ==, 5);
  vigie_history_item_free (item);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *n)
{
  (*n)++;
}

/* The writer thread: batches written in order, a full queue told. */
static void
test_writer (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(VigieHistory) history = vigie_history_new_full (fixture->path, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) runs = NULL;
  VigieHistoryDb *db;
  guint n_notified = 0;

  g_signal_connect (history, "notify::n-dropped", G_CALLBACK (on_notify_cb), &n_notified);

  vigie_history_queue_set_held (vigie_history_get_queue (history), TRUE);
  for (int i = 0; i < 4; i++)
    {
      VigieHistoryBatch *batch = vigie_history_batch_new ("bikes", T0 + i * 60);

      vigie_history_batch_add (batch, "station/1", "vehicles_available", i);
      vigie_history_record (history, batch);
    }
  g_assert_cmpuint (vigie_history_get_n_dropped (history, "bikes"), ==, 2);
  g_assert_cmpuint (n_notified, ==, 2);
  vigie_history_queue_set_held (vigie_history_get_queue (history), FALSE);
  vigie_history_sync (history);

  db = vigie_history_db_open (fixture->path, TRUE, &error);
  g_assert_no_error (error);
  runs = read_runs (db, "station/1", "vehicles_available", 0, T0 + DAY);
  g_assert_cmpuint (runs->len, ==, 2);
  assert_run (runs, 0, T0 + 120, T0 + 180, 2);
  assert_run (runs, 1, T0 + 180, 0, 3);
  vigie_history_db_close (db);
  g_assert_null (vigie_history_get_error (history));
}

/* A folder that cannot be written: recording stops, with words. */
static void
test_writer_read_only (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *locked = g_build_filename (fixture->folder, "locked", NULL);
  g_autofree char *path = g_build_filename (locked, "history.sqlite", NULL);
  g_autoptr(VigieHistory) history = NULL;

  if (getuid () == 0)
    {
      g_test_message ("root writes anywhere: the folder is a file instead");
      g_file_set_contents (locked, "", 0, NULL);
    }
  else
    g_mkdir (locked, 0500);

  history = vigie_history_new (path);
  vigie_history_record (history, vigie_history_batch_new ("bikes", T0));
  vigie_history_sync (history);
  VIGIE_TEST_WAIT_UNTIL (vigie_history_get_error (history) != NULL);
  g_test_message ("%s", vigie_history_get_error (history));
  g_assert_true (g_str_has_prefix (vigie_history_get_error (history), "The history cannot be written"));
  g_chmod (locked, 0700);
}

/* A damaged file is put aside, said in words, and a new history starts. */
static void
test_writer_corrupt (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *folder = g_path_get_dirname (fixture->path);
  g_autoptr(VigieHistory) history = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) runs = NULL;
  VigieHistoryBatch *batch;
  VigieHistoryDb *db;
  const char *name;
  guint n_aside = 0;

  g_mkdir_with_parents (folder, 0700);
  g_file_set_contents (fixture->path, "Not a database, whatever its name says. Not a database, whatever its name says.", -1, NULL);

  history = vigie_history_new (fixture->path);
  batch = vigie_history_batch_new ("bikes", T0);
  vigie_history_batch_add (batch, "station/1", "vehicles_available", 4);
  vigie_history_record (history, batch);
  vigie_history_sync (history);
  VIGIE_TEST_WAIT_UNTIL (vigie_history_get_notice (history) != NULL);
  g_test_message ("%s", vigie_history_get_notice (history));
  g_assert_true (g_str_has_prefix (vigie_history_get_notice (history), "The history file was damaged: it was put aside as history.sqlite.corrupt-"));
  g_assert_null (vigie_history_get_error (history));

  dir = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "history.sqlite.corrupt-"))
      n_aside++;
  g_assert_cmpuint (n_aside, ==, 1);

  db = vigie_history_db_open (fixture->path, TRUE, &error);
  g_assert_no_error (error);
  runs = read_runs (db, "station/1", "vehicles_available", 0, T0 + DAY);
  g_assert_cmpuint (runs->len, ==, 1);
  vigie_history_db_close (db);
}

/*
 * Samples
 */

static VigieEntity *
station (const char *id,
         gint64      vehicles,
         gint64      docks)
{
  g_autoptr(GVariantDict) values = g_variant_dict_new (NULL);

  g_variant_dict_insert (values, "vehicles_available", "x", vehicles);
  g_variant_dict_insert (values, "docks_available", "x", docks);
  g_variant_dict_insert (values, "is_renting", "b", TRUE);

  return vigie_entity_new (VIGIE_ENTITY_STATION, id, id, 47.75, 7.33, T0, g_variant_dict_end (values));
}

static VigieEntity *
tram (const char *id,
      const char *line,
      const char *trip,
      gint64      delay,
      gboolean    ghost)
{
  g_autoptr(GVariantDict) values = g_variant_dict_new (NULL);

  g_variant_dict_insert (values, "route_id", "s", line);
  g_variant_dict_insert (values, "trip_id", "s", trip);
  g_variant_dict_insert (values, "delay_s", "x", delay);
  if (ghost)
    g_variant_dict_insert (values, "ghost", "b", TRUE);

  return vigie_entity_new (VIGIE_ENTITY_VEHICLE, id, id, 47.75, 7.33, T0, g_variant_dict_end (values));
}

static VigieEntity *
car (const char *id,
     const char *station_id)
{
  g_autoptr(GVariantDict) values = g_variant_dict_new (NULL);

  g_variant_dict_insert (values, "station_id", "s", station_id);
  g_variant_dict_insert (values, "is_reserved", "b", FALSE);

  return vigie_entity_new (VIGIE_ENTITY_VEHICLE, id, id, 47.75, 7.33, T0, g_variant_dict_end (values));
}

static void
test_samples (void)
{
  g_autoptr(VigieSnapshot) first = vigie_test_snapshot_of (NULL, T0, station ("1", 5, 3), station ("2", 0, 8),
                                                tram ("v1", "A", "T1", 60, FALSE),
                                                tram ("v2", "A", "T2", 0, FALSE),
                                                tram ("g1", "B", "T3", 0, TRUE), NULL);
  g_autoptr(VigieSnapshot) second = vigie_test_snapshot_of (first, T0, station ("1", 5, 3), station ("2", 1, 7),
                                                 tram ("v1", "A", "T1", 120, FALSE),
                                                 tram ("g1", "B", "T3", 0, TRUE), NULL);
  g_autoptr(VigieSnapshot) third = NULL;
  g_autoptr(VigieHistoryBatch) batch = NULL;
  VigieTapInput input = { .feed_id = "city", .format_id = "gbfs", .now = T0 };
  const VigieHistorySample *sample;

  /* First sight: everything. */
  input.current = first;
  batch = vigie_history_samples_diff (&input);
  g_assert_nonnull (batch);
  g_assert_cmpfloat (vigie_test_find_sample (batch, "station/1", "vehicles_available")->value, ==, 5);
  g_assert_cmpfloat (vigie_test_find_sample (batch, "station/2", "docks_available")->value, ==, 8);
  g_assert_cmpfloat (vigie_test_find_sample (batch, "station/1", "is_renting")->value, ==, 1);
  g_assert_cmpfloat (vigie_test_find_sample (batch, "line/A", "vehicles")->value, ==, 2);
  g_assert_cmpfloat (vigie_test_find_sample (batch, "line/B", "ghosts")->value, ==, 1);
  g_assert_cmpfloat (vigie_test_find_sample (batch, "trip/T1", "delay_s")->value, ==, 60);
  g_assert_null (vigie_test_find_sample (batch, "trip/T3", "delay_s"));
  g_clear_pointer (&batch, vigie_history_batch_free);

  /* Then only what changed. */
  input.previous = first;
  input.current = second;
  batch = vigie_history_samples_diff (&input);
  g_assert_nonnull (batch);
  g_assert_null (vigie_test_find_sample (batch, "station/1", "vehicles_available"));
  g_assert_cmpfloat (vigie_test_find_sample (batch, "station/2", "vehicles_available")->value, ==, 1);
  g_assert_cmpfloat (vigie_test_find_sample (batch, "station/2", "docks_available")->value, ==, 7);
  g_assert_null (vigie_test_find_sample (batch, "station/2", "is_renting"));
  g_assert_cmpfloat (vigie_test_find_sample (batch, "line/A", "vehicles")->value, ==, 1);
  g_assert_null (vigie_test_find_sample (batch, "line/B", "ghosts"));
  g_assert_cmpfloat (vigie_test_find_sample (batch, "trip/T1", "delay_s")->value, ==, 120);
  sample = vigie_test_find_sample (batch, "trip/T2", "delay_s");
  g_assert_true (sample != NULL && isnan (sample->value) && sample->text == NULL);
  /* And tram v2's position, trip, line and label end (test-history-trams.c). */
  sample = vigie_test_find_sample (batch, "vehicle/v2", "position");
  g_assert_true (sample != NULL && isnan (sample->value) && sample->text == NULL);
  g_assert_cmpuint (batch->samples->len, ==, 9);
  g_clear_pointer (&batch, vigie_history_batch_free);

  /* A station gone ends its runs; nothing else changed. */
  third = vigie_test_snapshot_of (second, T0, station ("1", 5, 3),
                       tram ("v1", "A", "T1", 120, FALSE),
                       tram ("g1", "B", "T3", 0, TRUE), NULL);
  input.previous = second;
  input.current = third;
  batch = vigie_history_samples_diff (&input);
  g_assert_nonnull (batch);
  sample = vigie_test_find_sample (batch, "station/2", "vehicles_available");
  g_assert_true (sample != NULL && isnan (sample->value));
  g_assert_cmpuint (batch->samples->len, ==, 3);
  g_clear_pointer (&batch, vigie_history_batch_free);

  /* The same again: nothing to write. */
  input.previous = third;
  g_assert_null (vigie_history_samples_diff (&input));
}

/* Shared cars: each one's state, and how many a station lists. */
static void
test_samples_cars (void)
{
  g_autoptr(VigieSnapshot) first = vigie_test_snapshot_of (NULL, T0, car ("c1", "s1"), car ("c2", "s1"), car ("c3", "s2"), NULL);
  g_autoptr(VigieSnapshot) second = vigie_test_snapshot_of (first, T0, car ("c1", "s1"), car ("c3", "s2"), car ("c4", "s2"), NULL);
  g_autoptr(VigieHistoryBatch) batch = NULL;
  VigieTapInput input = { .feed_id = "citiz", .format_id = "gbfs", .now = T0, .current = first };
  const VigieHistorySample *sample;

  batch = vigie_history_samples_diff (&input);
  g_assert_cmpfloat (vigie_test_find_sample (batch, "station/s1", "vehicles_listed")->value, ==, 2);
  g_assert_cmpfloat (vigie_test_find_sample (batch, "station/s2", "vehicles_listed")->value, ==, 1);
  g_assert_cmpfloat (vigie_test_find_sample (batch, "vehicle/c1", "is_reserved")->value, ==, 0);
  g_clear_pointer (&batch, vigie_history_batch_free);

  input.previous = first;
  input.current = second;
  batch = vigie_history_samples_diff (&input);
  g_assert_cmpfloat (vigie_test_find_sample (batch, "station/s1", "vehicles_listed")->value, ==, 1);
  g_assert_cmpfloat (vigie_test_find_sample (batch, "station/s2", "vehicles_listed")->value, ==, 2);
  sample = vigie_test_find_sample (batch, "vehicle/c2", "is_reserved");
  g_assert_true (sample != NULL && isnan (sample->value));
  g_assert_cmpfloat (vigie_test_find_sample (batch, "vehicle/c4", "is_reserved")->value, ==, 0);
  g_assert_null (vigie_test_find_sample (batch, "vehicle/c1", "is_reserved"));
}

static void
test_main_series (void)
{
  g_autoptr(VigieEntity) empty = station ("1", 0, 9);
  g_autoptr(VigieEntity) full = station ("2", 9, 0);
  g_autoptr(VigieEntity) vehicle = tram ("v1", "A", "T1", 60, FALSE);
  g_autoptr(VigieEntity) car_park = NULL;
  g_autoptr(VigieEntity) hotspot = NULL;
  g_autoptr(VigieEntity) stop = NULL;
  VigieHistoryMainSeries series;

  g_assert_true (vigie_history_main_series (empty, &series));
  g_assert_cmpstr (series.entity, ==, "station/1");
  g_assert_cmpstr (series.field, ==, "vehicles_available");
  g_assert_cmpint (series.condition, ==, VIGIE_HISTORY_CONDITION_EMPTY);
  vigie_history_main_series_clear (&series);

  g_assert_true (vigie_history_main_series (full, &series));
  g_assert_cmpint (series.condition, ==, VIGIE_HISTORY_CONDITION_FULL);
  g_assert_cmpstr (series.condition_field, ==, "docks_available");
  vigie_history_main_series_clear (&series);

  g_assert_true (vigie_history_main_series (vehicle, &series));
  g_assert_cmpstr (series.entity, ==, "trip/T1");
  g_assert_cmpstr (series.field, ==, "delay_s");
  vigie_history_main_series_clear (&series);

  /* A full car park: its occupied places, full since when. */
  car_park = vigie_entity_new (VIGIE_ENTITY_CAR_PARK, "p1", "P1", 47.75, 7.33, T0,
                               g_variant_new_parsed ("{'occupied_spots': <int64 420>, 'available_spots': <int64 0>}"));
  g_assert_true (vigie_history_main_series (car_park, &series));
  g_assert_cmpstr (series.entity, ==, "car-park/p1");
  g_assert_cmpstr (series.field, ==, "occupied_spots");
  g_assert_cmpint (series.condition, ==, VIGIE_HISTORY_CONDITION_FULL);
  g_assert_cmpstr (series.condition_field, ==, "available_spots");
  vigie_history_main_series_clear (&series);

  hotspot = vigie_entity_new (VIGIE_ENTITY_HOTSPOT, "h1", "H1", 47.75, 7.33, T0,
                              g_variant_new_parsed ("{'clients': <int64 12>}"));
  g_assert_true (vigie_history_main_series (hotspot, &series));
  g_assert_cmpstr (series.field, ==, "clients");
  g_assert_cmpint (series.condition, ==, VIGIE_HISTORY_CONDITION_NONE);
  vigie_history_main_series_clear (&series);

  /* A stop has no value to draw. */
  stop = vigie_entity_new (VIGIE_ENTITY_STOP, "s1", "S1", 47.75, 7.33, T0, NULL);
  g_assert_false (vigie_history_main_series (stop, &series));
}

/* The day a sparkline draws, and since when a station is empty. */
static void
test_sparkline_read (Fixture       *fixture,
                     gconstpointer  data)
{
  VigieHistoryDb *db = vigie_test_history_db_open (fixture->path);
  g_autoptr(VigieHistorySparkline) sparkline = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = T0 + 2 * DAY;

  write_value (db, T0, "station/1", "vehicles_available", 12);   /* two days ago */
  write_value (db, now - 5 * 3600, "station/1", "vehicles_available", 4);
  write_value (db, now - 3 * 3600, "station/1", "vehicles_available", 0);

  sparkline = vigie_history_sparkline_read (db, "bikes", "station/1", "vehicles_available",
                                            "vehicles_available", now, &error);
  g_assert_no_error (error);
  g_assert_true (sparkline->has_data);
  g_assert_cmpuint (sparkline->runs->len, ==, 3);
  assert_run (sparkline->runs, 0, now - DAY, now - 5 * 3600, 12);
  assert_run (sparkline->runs, 2, now - 3 * 3600, now, 0);
  g_assert_cmpfloat (sparkline->min, ==, 0);
  g_assert_cmpfloat (sparkline->max, ==, 12);
  g_assert_true (sparkline->has_now);
  g_assert_cmpfloat (sparkline->now, ==, 0);
  g_assert_cmpint (sparkline->condition_since, ==, now - 3 * 3600);

  vigie_history_db_close (db);
}

static void
test_words (void)
{
  VigieHistorySparkline sparkline = { .has_data = TRUE, .min = 0, .max = 12, .now = 3, .has_now = TRUE };
  char *text;

  /* TZ=UTC in the tests. */
  text = vigie_history_describe_condition (VIGIE_HISTORY_CONDITION_EMPTY, 1700032320, 1700040000);
  g_assert_cmpstr (text, ==, "Empty since 07:12");
  g_free (text);
  text = vigie_history_describe_condition (VIGIE_HISTORY_CONDITION_FULL, 1700040000 - 7800, 1700040000);
  g_assert_cmpstr (text, ==, "Full for 2 h 10");
  g_free (text);
  text = vigie_history_describe_condition (VIGIE_HISTORY_CONDITION_EMPTY, 1700040000 - 3 * DAY, 1700040000);
  g_assert_cmpstr (text, ==, "Empty for 3 days");
  g_free (text);
  g_assert_null (vigie_history_describe_condition (VIGIE_HISTORY_CONDITION_FULL, 0, 1700040000));

  text = vigie_history_describe_range ("vehicles_available", &sparkline);
  g_assert_cmpstr (text, ==, "Min 0 · max 12 · now 3");
  g_free (text);
  sparkline.min = -150;
  sparkline.max = 400;
  sparkline.now = 90;
  text = vigie_history_describe_range ("delay_s", &sparkline);
  g_assert_cmpstr (text, ==, "Min -3 min · max +7 min · now +2 min");
  g_free (text);
  text = vigie_history_format_duration (45 * 60);
  g_assert_cmpstr (text, ==, "45 min");
  g_free (text);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/history/db/run-length", Fixture, NULL, fixture_setup, test_run_length, fixture_teardown);
  g_test_add ("/history/db/wal", Fixture, NULL, fixture_setup, test_wal, fixture_teardown);
  g_test_add ("/history/db/aggregates", Fixture, NULL, fixture_setup, test_aggregates, fixture_teardown);
  g_test_add ("/history/db/retention", Fixture, NULL, fixture_setup, test_retention, fixture_teardown);
  g_test_add ("/history/db/size-limit", Fixture, NULL, fixture_setup, test_size_limit, fixture_teardown);
  g_test_add ("/history/db/sparkline", Fixture, NULL, fixture_setup, test_sparkline_read, fixture_teardown);
  g_test_add_func ("/history/queue/overflow", test_queue_overflow);
  g_test_add_func ("/history/queue/samples", test_queue_samples);
  g_test_add ("/history/writer/queue-full", Fixture, NULL, fixture_setup, test_writer, fixture_teardown);
  g_test_add ("/history/writer/read-only", Fixture, NULL, fixture_setup, test_writer_read_only, fixture_teardown);
  g_test_add ("/history/writer/corrupt", Fixture, NULL, fixture_setup, test_writer_corrupt, fixture_teardown);
  g_test_add_func ("/history/samples", test_samples);
  g_test_add_func ("/history/samples/cars", test_samples_cars);
  g_test_add_func ("/history/main-series", test_main_series);
  g_test_add_func ("/history/words", test_words);

  return g_test_run ();
}
