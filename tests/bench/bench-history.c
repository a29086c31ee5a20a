/* bench-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bench-data.h"
#include "vigie-history-db-private.h"
#include "vigie-history-demo.h"
#include "vigie-history-replay.h"
#include "vigie-store.h"

/* The history's costs (issue 14, "Measured"):
 *
 * - a synthetic city of N stations (50,000 by default) updated once a
 *   minute for M minutes (60), a fifth of them changing each time:
 *   writer throughput (samples per second of vigie_history_db_write()),
 *   the file's size per day, and the 24-hour sparkline query on it;
 * - the same updates handed to a running VigieHistory from a worker
 *   thread while the main loop runs a 1 ms timer: the longest gap of the
 *   timer, against the same timer with nothing recorded;
 * - the plain demo city's week (vigie-history-demo.c): how long it takes,
 *   the file's size per day, and the sparkline query on every station.
 *
 * Usage: bench-history [stations] [minutes] [skip-demo|writer]; prints medians,
 * p95 and max, with the baseline beside each. */

#define DAY (24 * 3600)

static char *folder;

static char *
bench_path (const char *name)
{
  return g_build_filename (folder, name, NULL);
}

static void
remove_db (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static guint64
file_size (const char *path)
{
  GStatBuf st;
  guint64 total = 0;
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_stat (file, &st) == 0)
        total += st.st_size;
    }

  return total;
}

/* Minute @minute of the synthetic city: every station at the first, then
 * the fifth of them whose value changes. */
static VigieHistoryBatch *
make_batch (guint  n_stations,
            guint  minute,
            gint64 time)
{
  VigieHistoryBatch *batch = vigie_history_batch_new ("bench", time);
  char key[32];

  for (guint i = 0; i < n_stations; i++)
    {
      guint64 h = (i * G_GUINT64_CONSTANT (2654435761)) ^ (minute * G_GUINT64_CONSTANT (40503));

      if (minute > 0 && (h >> 7) % 5 != 0)
        continue;
      g_snprintf (key, sizeof key, "station/%u", i);
      vigie_history_batch_add (batch, key, "vehicles_available", (double) ((h >> 3) % 20));
    }

  return batch;
}

static void
sparkline_queries (const char *path,
                   const char *feed_id,
                   const char *what,
                   guint       n_stations,
                   gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  VigieHistoryDb *db = vigie_history_db_open (path, TRUE, &error);
  guint n = MIN (n_stations, 1000);
  char key[32];

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      gint64 started = g_get_monotonic_time ();
      VigieHistorySparkline *sparkline;
      double ms;

      g_snprintf (key, sizeof key, "station/%u", (guint) ((i * G_GUINT64_CONSTANT (7919)) % n_stations));
      sparkline = vigie_history_sparkline_read (db, feed_id, key, "vehicles_available",
                                                "vehicles_available", now, &error);
      g_assert_no_error (error);
      ms = (g_get_monotonic_time () - started) / 1000.0;
      g_array_append_val (times, ms);
      vigie_history_sparkline_free (sparkline);
    }
  vigie_history_db_close (db);

  g_array_sort (times, bench_compare_doubles);
  bench_print_figures (34, what, times);
}

static void
bench_writer (guint n_stations,
              guint minutes)
{
  g_autofree char *path = bench_path ("writer.sqlite");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rates = g_array_new (FALSE, FALSE, sizeof (double));
  VigieHistoryDb *db = vigie_history_db_open (path, FALSE, &error);
  gint64 start = BENCH_NOW - BENCH_NOW % 60;
  g_autoptr(GArray) cpu_rates = g_array_new (FALSE, FALSE, sizeof (double));
  guint64 total = 0;
  double first_rate = 0, first_cpu_rate = 0;

  g_assert_no_error (error);
  for (guint m = 0; m < minutes; m++)
    {
      g_autoptr(VigieHistoryBatch) batch = make_batch (n_stations, m, start + m * 60);
      gint64 started = g_get_monotonic_time ();
      gint64 cpu_started = bench_thread_cpu_us ();
      double rate, cpu_rate;

      g_assert_true (vigie_history_db_write (db, batch, &error));
      g_assert_no_error (error);
      rate = batch->samples->len / ((g_get_monotonic_time () - started) / 1e6);
      /* The writer's own CPU time: on a loaded machine, what it costs
       * whatever the other processes take. */
      cpu_rate = batch->samples->len / MAX ((bench_thread_cpu_us () - cpu_started) / 1e6, 1e-6);
      total += batch->samples->len;
      if (m == 0)
        {
          first_rate = rate;
          first_cpu_rate = cpu_rate;
        }
      else
        {
          g_array_append_val (rates, rate);
          g_array_append_val (cpu_rates, cpu_rate);
        }
    }
  g_assert_true (vigie_history_db_aggregate (db, start + minutes * 60, &error));
  vigie_history_db_close (db);

  g_array_sort (rates, bench_compare_doubles);
  printf ("Writer, %u stations, %u updates a minute apart (%" G_GUINT64_FORMAT " samples):\n",
          n_stations, minutes, total);
  g_array_sort (cpu_rates, bench_compare_doubles);
  printf ("  first update (every series new): %.0f samples/s (%.0f per CPU second)\n", first_rate, first_cpu_rate);
  if (rates->len > 0)
    printf ("  later updates (a fifth changing): median %.0f samples/s, slowest %.0f samples/s\n"
            "    per second of the writer's CPU time: median %.0f, slowest %.0f\n",
            bench_percentile (rates, 0.5), g_array_index (rates, double, 0),
            bench_percentile (cpu_rates, 0.5), g_array_index (cpu_rates, double, 0));
  printf ("  file: %.1f MB for %u minutes, %.1f MB a day at this rate\n",
          file_size (path) / 1e6, minutes, file_size (path) / 1e6 * (24 * 60.0 / minutes));
  sparkline_queries (path, "bench", "24-hour sparkline query", n_stations, start + minutes * 60);
  remove_db (path);
}

typedef struct
{
  VigieHistory *history;
  guint         n_stations;
  guint         minutes;
  gboolean      done;
} Producer;

static gpointer
produce (gpointer data)
{
  Producer *producer = data;
  gint64 start = BENCH_NOW - BENCH_NOW % 60;

  /* As a feed's worker: each batch made off the main thread, handed on. */
  for (guint m = 0; m < producer->minutes; m++)
    vigie_history_record (producer->history, make_batch (producer->n_stations, m, start + m * 60));
  vigie_history_sync (producer->history);
  g_atomic_int_set (&producer->done, TRUE);

  return NULL;
}

typedef struct
{
  gint64  last;
  GArray *gaps;
} Ticker;

static gboolean
tick_cb (gpointer data)
{
  Ticker *ticker = data;
  gint64 now = g_get_monotonic_time ();
  double ms;

  if (ticker->last != 0)
    {
      ms = (now - ticker->last) / 1000.0;
      g_array_append_val (ticker->gaps, ms);
    }
  ticker->last = now;

  return G_SOURCE_CONTINUE;
}

static GArray *
run_timer (Producer *producer,
           guint     idle_ms)
{
  Ticker ticker = { 0, g_array_new (FALSE, FALSE, sizeof (double)) };
  guint id = g_timeout_add (1, tick_cb, &ticker);
  gint64 until = g_get_monotonic_time () + idle_ms * 1000;
  GThread *thread = producer != NULL ? g_thread_new ("bench-worker", produce, producer) : NULL;

  while (producer != NULL ? !g_atomic_int_get (&producer->done) : g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  if (thread != NULL)
    g_thread_join (thread);

  g_array_sort (ticker.gaps, bench_compare_doubles);
  return ticker.gaps;
}

static void
bench_stall (guint n_stations,
             guint minutes)
{
  g_autofree char *path = bench_path ("stall.sqlite");
  g_autoptr(GArray) idle = NULL;
  g_autoptr(GArray) busy = NULL;
  Producer producer = { NULL, n_stations, minutes, FALSE };

  idle = run_timer (NULL, 2000);
  producer.history = vigie_history_new_full (path, minutes + 1);
  busy = run_timer (&producer, 0);
  g_clear_object (&producer.history);

  printf ("Main loop, a 1 ms timer (gaps):\n");
  bench_print_figures (34, "nothing recorded (baseline)", idle);
  bench_print_figures (34, "while the writer records", busy);
  remove_db (path);
}

/* Replay of the file's last day at 600×: an instant every five minutes,
 * one every half second of the clock (PLAY_TICK_MS 100, 60 s a tick).
 * Each feed's snapshot is built in a worker, then applied to the
 * layer's store on the main thread: both timed. The feeds' entities
 * "now" are the stations the file has a series of (and the trams come
 * from their recorded positions). */
static void
bench_replay (const char *path,
              gint64      to)
{
  static const char * const feeds[] = { "trams", "velocite", "citiz", "parking", "wifi" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) builds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) applies = g_array_new (FALSE, FALSE, sizeof (double));
  VigieHistoryDb *db = vigie_history_db_open (path, TRUE, &error);
  guint n_trams = 0, n_steps = 0;

  g_assert_no_error (error);
  for (guint f = 0; f < G_N_ELEMENTS (feeds); f++)
    {
      g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(VigieStore) store = vigie_store_new ();
      g_autoptr(VigieSnapshot) previous = NULL;
      sqlite3_stmt *stmt = NULL;

      sqlite3_prepare_v2 (db->db, "SELECT DISTINCT entity FROM series WHERE feed = ?1 AND entity LIKE 'station/%'",
                          -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, feeds[f], -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *key = (const char *) sqlite3_column_text (stmt, 0);

          g_ptr_array_add (entities, vigie_entity_new (VIGIE_ENTITY_STATION, key + strlen ("station/"), NULL,
                                                       47.75, 7.33, to, NULL));
        }
      sqlite3_finalize (stmt);

      for (gint64 t = to - DAY; t < to; t += VIGIE_HISTORY_REPLAY_STEP_S)
        {
          gint64 started = g_get_monotonic_time ();
          VigieSnapshot *snapshot = vigie_history_replay_build (db, feeds[f], entities, previous, t, &error);
          double ms;

          g_assert_no_error (error);
          ms = (g_get_monotonic_time () - started) / 1000.0;
          g_array_append_val (builds, ms);
          if (f == 0 && t == to - DAY / 2)
            n_trams = vigie_snapshot_count_kind (snapshot, VIGIE_ENTITY_VEHICLE);

          started = g_get_monotonic_time ();
          vigie_store_apply (store, snapshot, t);
          ms = (g_get_monotonic_time () - started) / 1000.0;
          g_array_append_val (applies, ms);
          g_clear_pointer (&previous, vigie_snapshot_unref);
          previous = snapshot;
          n_steps++;
        }
    }
  vigie_history_db_close (db);

  g_array_sort (builds, bench_compare_doubles);
  g_array_sort (applies, bench_compare_doubles);
  printf ("Replay of the last day at 600x (%u instants over 5 feeds, %u trams halfway; 500 ms between two):\n",
          n_steps, n_trams);
  bench_print_figures (34, "snapshot built (worker)", builds);
  bench_print_figures (34, "applied to the store (main loop)", applies);
}

/* Trams at the feed's rate: an hour of the morning read every 10 s,
 * each tram's position kept every VIGIE_HISTORY_POSITION_MIN_S at most. */
static void
bench_positions (gint64 to)
{
  g_autofree char *path = bench_path ("positions.sqlite");
  g_autoptr(GError) error = NULL;
  VigieHistoryDemoStats stats;
  VigieHistoryDb *db = vigie_history_db_open (path, FALSE, &error);
  gint64 from = to - DAY + 8 * 3600 - (to - DAY + 8 * 3600) % 3600;
  gint64 rows, bytes;

  g_assert_no_error (error);
  g_assert_true (vigie_history_demo_fill_db (db, 1, 1, from, from + 3600, 10, NULL, &stats, &error));
  g_assert_no_error (error);
  rows = history_db_query_int (db, "SELECT COUNT (*) FROM raw JOIN series s ON raw.series = s.id "
                                   "WHERE s.field = 'position'");
  bytes = history_db_query_int (db, "SELECT SUM (LENGTH (text) + 24) FROM raw JOIN series s ON raw.series = s.id "
                                    "WHERE s.field = 'position'");
  vigie_history_db_close (db);

  printf ("Tram positions at the feed's rate (an hour read every 10 s):\n"
          "  %" G_GINT64_FORMAT " rows, about %.2f MB; for 18 hours of service about %.1f MB a day; whole file %.1f MB for the hour\n",
          rows, bytes / 1e6, bytes / 1e6 * 18, file_size (path) / 1e6);
  remove_db (path);
}

static void
bench_demo (void)
{
  g_autofree char *path = bench_path ("demo.sqlite");
  g_autoptr(GError) error = NULL;
  VigieHistoryDemoStats stats;
  VigieHistoryDb *db = vigie_history_db_open (path, FALSE, &error);
  gint64 to = BENCH_NOW - BENCH_NOW % VIGIE_HISTORY_DEMO_STEP_S;
  gint64 started = g_get_monotonic_time ();
  double seconds;

  g_assert_no_error (error);
  g_assert_true (vigie_history_demo_fill_db (db, 1, 1, to - VIGIE_HISTORY_DEMO_DAYS * DAY, to,
                                             VIGIE_HISTORY_DEMO_STEP_S, NULL, &stats, &error));
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - started) / 1e6;
  vigie_history_db_close (db);

  printf ("The plain demo city's week (%u instants, %" G_GUINT64_FORMAT " samples, %u batches):\n",
          stats.n_steps, stats.n_samples, stats.n_batches);
  printf ("  written in %.1f s; file %.1f MB, %.2f MB a day\n",
          seconds, file_size (path) / 1e6, file_size (path) / 1e6 / VIGIE_HISTORY_DEMO_DAYS);
  sparkline_queries (path, "velocite", "24-hour sparkline, 7-day file", 40, to);
  {
    VigieHistoryDb *check = vigie_history_db_open (path, TRUE, &error);

    g_assert_no_error (error);
    printf ("  of which tram positions: %" G_GINT64_FORMAT " rows, %.2f MB a day (at the demo's 5-minute steps)\n",
            history_db_query_int (check, "SELECT COUNT (*) FROM raw JOIN series s ON raw.series = s.id WHERE s.field = 'position'"),
            history_db_query_int (check, "SELECT SUM (LENGTH (text) + 24) FROM raw JOIN series s ON raw.series = s.id "
                                         "WHERE s.field = 'position'") / 1e6 / VIGIE_HISTORY_DEMO_DAYS);
    vigie_history_db_close (check);
  }
  bench_replay (path, to);
  remove_db (path);
  bench_positions (to);
}

int
main (int   argc,
      char *argv[])
{
  guint n_stations = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 50000;
  guint minutes = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 60;
  gboolean skip_demo = argc > 3;
  gboolean writer_only = argc > 3 && g_str_equal (argv[3], "writer");
  g_autoptr(GError) error = NULL;

  folder = g_dir_make_tmp ("bench-history-XXXXXX", &error);
  g_assert_no_error (error);

  bench_writer (MAX (n_stations, 1), MAX (minutes, 2));
  if (writer_only)
    goto done;
  bench_stall (MAX (n_stations, 1), MAX (minutes / 4, 2));
  if (!skip_demo)
    bench_demo ();

done:
  g_rmdir (folder);
  g_free (folder);

  return 0;
}
