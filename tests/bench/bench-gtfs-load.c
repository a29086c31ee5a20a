/* bench-gtfs-load.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-data.h"
#include "vigie-gtfs.h"

/* How long a GTFS zip takes to load, trams only and with every route type
 * (median of 5), what it holds, how long timetable positions take, and how
 * long the main loop stalls while a worker loads it: a 1 ms timer records
 * the longest gap between its runs.
 *
 *   bench-gtfs-load SOLEA.GTFS_current.zip [--once] [--all]
 *
 * --once loads once and exits, for /usr/bin/time -v to give the peak
 * memory of one load alone. */

#define N_RUNS 5

static VigieGtfs *
load (GBytes                 *zip,
      const VigieGtfsOptions *options,
      double                 *ms)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  VigieGtfs *gtfs = vigie_gtfs_load_from_bytes (zip, options, &error);

  *ms = (g_get_monotonic_time () - start) / 1000.0;
  if (gtfs == NULL)
    {
      g_printerr ("bench-gtfs-load: %s\n", error->message);
      exit (1);
    }

  return gtfs;
}

static long
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

static void
print_counts (VigieGtfs *gtfs)
{
  guint routes, stops, trips;

  vigie_gtfs_get_routes (gtfs, &routes);
  vigie_gtfs_get_stops (gtfs, &stops);
  vigie_gtfs_get_trips (gtfs, &trips);
  printf ("  %u routes, %u stops, %u trips, %u stop times, %u shapes, %u services, %u warnings\n",
          routes, stops, trips, vigie_gtfs_get_n_stop_times (gtfs), vigie_gtfs_get_n_shapes (gtfs),
          vigie_gtfs_get_n_services (gtfs), vigie_gtfs_get_n_warnings (gtfs));
  printf ("  arrays: %.1f MB\n", vigie_gtfs_get_memory_size (gtfs) / 1e6);
}

static void
bench_filter (GBytes                 *zip,
              const char             *label,
              const VigieGtfsOptions *options)
{
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GDateTime) morning = g_date_time_new (paris, 2026, 3, 17, 8, 0, 0);
  g_autoptr(VigieGtfs) gtfs = NULL;
  double times[N_RUNS], positions_ms;
  gint64 start;
  guint n_vehicles = 0;

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_clear_pointer (&gtfs, vigie_gtfs_unref);
      gtfs = load (zip, options, &times[i]);
    }
  qsort (times, N_RUNS, sizeof times[0], bench_compare_doubles);

  printf ("%s: load %.1f ms (median of %d; min %.1f, max %.1f)\n",
          label, times[N_RUNS / 2], N_RUNS, times[0], times[N_RUNS - 1]);
  print_counts (gtfs);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(VigieSnapshot) snapshot = vigie_gtfs_positions_at (gtfs, morning);

      n_vehicles = vigie_snapshot_get_n_entities (snapshot);
    }
  positions_ms = (g_get_monotonic_time () - start) / 1000.0 / 100;
  printf ("  timetable positions on Tue 17 Mar 2026 08:00: %u vehicles in %.2f ms\n",
          n_vehicles, positions_ms);
}

/* Loading in a worker while the main loop ticks --------------------- */

typedef struct
{
  gint64 last_tick;
  gint64 longest_gap;
  guint  n_ticks;
  gboolean done;
} Loop;

static gboolean
on_tick_cb (gpointer user_data)
{
  Loop *loop = user_data;
  gint64 now = g_get_monotonic_time ();

  if (loop->last_tick > 0)
    loop->longest_gap = MAX (loop->longest_gap, now - loop->last_tick);
  loop->last_tick = now;
  loop->n_ticks++;

  return G_SOURCE_CONTINUE;
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  VigieGtfs *gtfs = vigie_gtfs_load_from_bytes (task_data, NULL, &error);

  if (gtfs == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, gtfs, (GDestroyNotify) vigie_gtfs_unref);
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Loop *loop = user_data;
  g_autoptr(VigieGtfs) gtfs = g_task_propagate_pointer (G_TASK (result), NULL);

  g_assert (gtfs != NULL);
  loop->done = TRUE;
}

static void
bench_worker (GBytes *zip)
{
  Loop loop = { 0, };
  Loop idle = { 0, };
  g_autoptr(GTask) task = NULL;
  gint64 start, end;
  guint tick;

  /* The baseline: the same timer with nothing else going on. */
  tick = g_timeout_add (1, on_tick_cb, &idle);
  start = g_get_monotonic_time ();
  while (g_get_monotonic_time () - start < 300000)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  tick = g_timeout_add (1, on_tick_cb, &loop);
  task = g_task_new (NULL, NULL, on_loaded_cb, &loop);
  g_task_set_task_data (task, g_bytes_ref (zip), (GDestroyNotify) g_bytes_unref);
  start = g_get_monotonic_time ();
  g_task_run_in_thread (task, load_in_thread);
  g_clear_object (&task);
  while (!loop.done)
    g_main_context_iteration (NULL, TRUE);
  end = g_get_monotonic_time ();
  g_source_remove (tick);

  printf ("in a worker (trams): %.1f ms until the result was back on the main loop;\n"
          "  main loop kept ticking: %u ticks of 1 ms, longest gap %.2f ms (idle baseline %.2f ms)\n",
          (end - start) / 1000.0, loop.n_ticks, loop.longest_gap / 1000.0, idle.longest_gap / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  VigieGtfsOptions all = { .all_route_types = TRUE };
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) zip = NULL;
  g_autoptr(GError) error = NULL;
  gboolean once = FALSE, every_type = FALSE;
  const char *path = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--once"))
        once = TRUE;
      else if (g_str_equal (argv[i], "--all"))
        every_type = TRUE;
      else
        path = argv[i];
    }

  if (path == NULL)
    {
      g_printerr ("usage: bench-gtfs-load GTFS.zip [--once] [--all]\n");
      return 2;
    }

  if (!(file = g_mapped_file_new (path, FALSE, &error)))
    {
      g_printerr ("bench-gtfs-load: %s\n", error->message);
      return 1;
    }
  zip = g_mapped_file_get_bytes (file);
  printf ("%s: %.1f MB zipped\n", path, g_bytes_get_size (zip) / 1e6);

  if (once)
    {
      g_autoptr(VigieGtfs) gtfs = NULL;
      double ms;
      long before = peak_rss_kb ();

      gtfs = load (zip, every_type ? &all : NULL, &ms);
      printf ("%s: one load %.1f ms\n", every_type ? "every route type" : "trams", ms);
      print_counts (gtfs);
      printf ("  peak RSS %.1f MB (%.1f MB before loading)\n", peak_rss_kb () / 1024.0, before / 1024.0);
      return 0;
    }

  bench_filter (zip, "trams (route_type 0)", NULL);
  bench_filter (zip, "every route type", &all);
  bench_worker (zip);

  return 0;
}
