/* bench-connections.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench-data.h"
#include "vigie-alert-rule.h"
#include "vigie-clock.h"
#include "vigie-connection-alerts.h"
#include "vigie-connection-watch.h"
#include "vigie-entity.h"
#include "vigie-feed-departures.h"
#include "vigie-http-client.h"

/* The connection watch at a busy station, as the app runs it: 20 train
 * arrivals in the next 90 minutes and 4 tram directions at the interchange
 * (2 lines both ways, 10 departures each), 3 stops around it. Updates
 * alternate between the two feeds, as their polls do: each feed's boards
 * are built in a worker (as the departure watch's tap does), handed to
 * the feed on the main thread, and the watch works the 80 connections out
 * again in its worker and says "changed".
 *
 * Figures: the connections alone (vigie_connections_compute() and the
 * hold proposals, vigie_connection_alerts_collect(), in a worker, as the
 * watch's job runs them) and the watch's round trip, from the boards set
 * on the main thread to "changed" there; the baseline is an empty worker
 * round trip. Target (issue 17): 2 ms per update.
 *
 *   bench-connections [updates]    (300 by default, at least 200) */

#define N_TRAINS     20
#define N_LINES      2
#define PER_DIRECTION 10
#define N_OTHERS     3

static const char * const other_ids[N_OTHERS] = { "REP", "PJN", "NOR" };

static GVariant *
make_arrival (const char *trip_id,
              gint64      time,
              gint64      delay_s)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));

  g_variant_builder_add (&builder, "{sv}", "trip_id", g_variant_new_string (trip_id));
  g_variant_builder_add (&builder, "{sv}", "route_short_name", g_variant_new_string ("TER"));
  g_variant_builder_add (&builder, "{sv}", "time", g_variant_new_int64 (time));
  g_variant_builder_add (&builder, "{sv}", "delay_s", g_variant_new_int64 (delay_s));

  return g_variant_builder_end (&builder);
}

static GVariant *
make_visit (const char *trip_id,
            const char *line,
            const char *destination,
            gint64      aimed,
            gint64      expected)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));

  g_variant_builder_add (&builder, "{sv}", "trip_id", g_variant_new_string (trip_id));
  g_variant_builder_add (&builder, "{sv}", "line_name", g_variant_new_string (line));
  g_variant_builder_add (&builder, "{sv}", "destination", g_variant_new_string (destination));
  g_variant_builder_add (&builder, "{sv}", "aimed_departure", g_variant_new_int64 (aimed));
  g_variant_builder_add (&builder, "{sv}", "expected_departure", g_variant_new_int64 (expected));

  return g_variant_builder_end (&builder);
}

static void
add_stop (VigieSnapshot *snapshot,
          const char    *id,
          const char    *key,
          GVariant      *list)
{
  g_auto(GVariantBuilder) values = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{sv}"));

  g_variant_builder_add (&values, "{sv}", key, list);
  vigie_snapshot_add_entity (snapshot, vigie_entity_new (VIGIE_ENTITY_STOP, id, id, 47.74, 7.34, BENCH_NOW,
                                                         g_variant_builder_end (&values)));
}

/* The trains' feed at update @cycle: 20 arrivals over 80 minutes, each
 * late by 0 to 9 minutes, some of it changing at each update. */
static VigieDepartures *
build_trains (guint cycle)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();
  g_auto(GVariantBuilder) arrivals = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));

  for (guint t = 0; t < N_TRAINS; t++)
    {
      g_autofree char *trip_id = g_strdup_printf ("TER-%02u", t);
      gint64 scheduled = BENCH_NOW + 60 + t * 240;
      gint64 delay = (gint64) (((t * 7 + cycle * 3) % 10) * 60);

      g_variant_builder_add_value (&arrivals, make_arrival (trip_id, scheduled + delay, delay));
    }
  add_stop (snapshot, "STATION", "arrivals", g_variant_builder_end (&arrivals));

  return vigie_departures_build (snapshot, BENCH_NOW);
}

/* The trams' feed: at the interchange and each stop around it, 2 lines
 * both ways, line 1 every 9 minutes, line 2 every 20 (a rare tram, worth
 * holding), up to 2 min late. */
static VigieDepartures *
build_trams (guint cycle)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();

  for (guint s = 0; s <= N_OTHERS; s++)
    {
      g_auto(GVariantBuilder) visits = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));

      for (guint l = 0; l < N_LINES; l++)
        for (guint d = 0; d < 2; d++)
          for (guint k = 0; k < PER_DIRECTION; k++)
            {
              g_autofree char *line = g_strdup_printf ("%u", l + 1);
              g_autofree char *trip_id = g_strdup_printf ("T%u-%u-%u", l + 1, d, k);
              gint64 aimed = BENCH_NOW + 120 + k * (l == 0 ? 540 : 1200) + d * 260 + s * 60;
              gint64 late = (gint64) (((k + cycle + s) % 3) * 60);

              g_variant_builder_add_value (&visits, make_visit (trip_id, line, d == 0 ? "Nord" : "Sud",
                                                                aimed, aimed + late));
            }
      add_stop (snapshot, s == 0 ? "GAR" : other_ids[s - 1], "departures", g_variant_builder_end (&visits));
    }

  return vigie_departures_build (snapshot, BENCH_NOW);
}

typedef struct
{
  guint            cycle;
  gboolean         trains;
  VigieDepartures *built;
} Build;

static void
build_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Build *build = task_data;

  build->built = build->trains ? build_trains (build->cycle) : build_trams (build->cycle);
  g_task_return_boolean (task, TRUE);
}

/* The connections alone, as the watch's job works them out. */
typedef struct
{
  VigieDepartures            *trains;
  VigieDepartures            *trams;
  const VigieConnectionPlace *place;
  VigieAlertRule              rule;
  double                      compute_ms;
  double                      collect_ms;
  guint                       n_connections;
  guint                       n_holds;
} Alone;

static void
alone_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Alone *alone = task_data;
  VigieConnectionStop interchange = { "GAR", NULL, 0, 0 };
  VigieConnectionStop others[N_OTHERS];
  VigieConnectionRules rules;
  const VigieDeparture *trains;
  g_autoptr(GArray) connections = NULL;
  g_autoptr(GPtrArray) holds = NULL;
  guint n_trains = 0;
  gint64 start, middle;

  vigie_connection_rules_init (&rules);
  start = g_get_monotonic_time ();
  trains = vigie_departures_lookup_arrivals (alone->trains, "STATION", &n_trains);
  interchange.departures = vigie_departures_lookup (alone->trams, "GAR", &interchange.n_departures);
  for (guint s = 0; s < N_OTHERS; s++)
    {
      others[s].name = other_ids[s];
      others[s].walk_s = 6 * 60;
      others[s].departures = vigie_departures_lookup (alone->trams, other_ids[s], &others[s].n_departures);
    }
  connections = vigie_connections_compute (trains, n_trains, &interchange, others, N_OTHERS, &rules, BENCH_NOW);
  middle = g_get_monotonic_time ();
  holds = vigie_connection_alerts_collect ((const VigieConnection *) (gpointer) connections->data, connections->len,
                                           alone->place, &alone->rule, BENCH_NOW);

  alone->collect_ms = (g_get_monotonic_time () - middle) / 1000.0;
  alone->compute_ms = (middle - start) / 1000.0;
  alone->n_connections = connections->len;
  alone->n_holds = holds->len;
  g_task_return_boolean (task, TRUE);
}

static void
empty_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_task_return_boolean (task, TRUE);
}

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* A task in a worker, waited for with the main loop running. */
static void
run_task (GTaskThreadFunc func,
          gpointer        data)
{
  g_autoptr(GTask) task = NULL;
  gboolean done = FALSE;

  task = g_task_new (NULL, NULL, on_done_cb, &done);
  g_task_set_task_data (task, data, NULL);
  g_task_run_in_thread (task, func);
  g_clear_object (&task);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
on_changed_cb (VigieConnectionWatch *watch,
               guint                *n_changed)
{
  (*n_changed)++;
}

int
main (int   argc,
      char *argv[])
{
  guint n_updates = argc > 1 ? (guint) MAX (atoi (argv[1]), 200) : 300;
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-bench");
  g_autoptr(VigieFeedManager) manager = vigie_feed_manager_new (client);
  g_autoptr(VigieFeed) ter = vigie_feed_new ("ter", "TER", VIGIE_FEED_KIND_TRAINS, "gtfs", "http://127.0.0.1:9/ter.zip");
  g_autoptr(VigieFeed) trams = vigie_feed_new ("trams", "Trams", VIGIE_FEED_KIND_TRAMS, "gtfs", "http://127.0.0.1:9/t.zip");
  g_autoptr(VigieConnectionWatch) watch = NULL;
  g_autoptr(GArray) round_trip = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) compute = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) collect = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) baseline = g_array_new (FALSE, FALSE, sizeof (double));
  VigieConnectionPlace place = { "ter", "STATION", "Station", "trams", "GAR", "Gare", { NULL, }, };
  VigieFeedDepartures *train_boards, *tram_boards;
  guint n_connections = 0, n_holds = 0;
  guint n_changed = 0;

  vigie_clock_set_time (BENCH_NOW);
  vigie_feed_manager_add (manager, ter);
  vigie_feed_manager_add (manager, trams);
  train_boards = vigie_feed_departures_get_for_feed (ter);
  tram_boards = vigie_feed_departures_get_for_feed (trams);
  for (guint s = 0; s < N_OTHERS; s++)
    {
      place.other_ids[s] = other_ids[s];
      place.other_names[s] = other_ids[s];
      place.other_walk_s[s] = 6 * 60;
    }
  watch = vigie_connection_watch_new (manager, &place);
  g_signal_connect (watch, "changed", G_CALLBACK (on_changed_cb), &n_changed);

  for (guint u = 0; u < n_updates + 2; u++)
    {
      Build build = { u, u % 2 == 0, NULL };
      Alone alone = { NULL, };
      guint before;
      gint64 start;

      /* The feed's worker builds its boards... */
      run_task (build_in_thread, &build);

      /* ...the main thread hands them over, and the watch follows. */
      before = n_changed;
      start = g_get_monotonic_time ();
      vigie_feed_departures_set (build.trains ? train_boards : tram_boards, build.built);
      while (n_changed == before)
        g_main_context_iteration (NULL, TRUE);
      if (u >= 2)   /* both feeds have boards */
        g_array_append_val (round_trip, ((double) { (g_get_monotonic_time () - start) / 1000.0 }));
      vigie_departures_unref (build.built);

      if (u < 2)
        continue;

      /* The same boards, the connections alone. */
      alone.trains = vigie_feed_departures_get (train_boards);
      alone.trams = vigie_feed_departures_get (tram_boards);
      alone.place = &place;
      alone.rule = vigie_alert_rule_get_info (VIGIE_ALERT_RULE_CONNECTION_HOLD)->defaults;
      run_task (alone_in_thread, &alone);
      g_array_append_val (compute, alone.compute_ms);
      g_array_append_val (collect, alone.collect_ms);
      n_connections = alone.n_connections;
      n_holds = MAX (n_holds, alone.n_holds);

      start = g_get_monotonic_time ();
      run_task (empty_in_thread, NULL);
      g_array_append_val (baseline, ((double) { (g_get_monotonic_time () - start) / 1000.0 }));
    }

  {
    guint n = 0;

    vigie_connection_watch_get_connections (watch, &n);
    if (n != n_connections || n != N_TRAINS * N_LINES * 2)
      {
        fprintf (stderr, "bench-connections: %u connections in the watch, %u alone, %u expected\n",
                 n, n_connections, N_TRAINS * N_LINES * 2);
        return 1;
      }
  }

  g_array_sort (round_trip, bench_compare_doubles);
  g_array_sort (compute, bench_compare_doubles);
  g_array_sort (collect, bench_compare_doubles);
  g_array_sort (baseline, bench_compare_doubles);

  printf ("bench-connections: %u trains, %u tram directions (%u departures each) and %u stops around, "
          "%u connections, up to %u holds proposed, %u updates\n",
          N_TRAINS, N_LINES * 2, PER_DIRECTION, N_OTHERS, n_connections, n_holds, n_updates);
  bench_print_figures (40, "connections, in the worker", compute);
  bench_print_figures (40, "hold proposals, from them", collect);
  bench_print_figures (40, "watch: boards set -> \"changed\"", round_trip);
  bench_print_figures (40, "baseline: an empty worker round trip", baseline);
  printf ("  target: 2 ms per update (issue 17); worst p99 %s\n",
          bench_percentile (compute, 0.99) + bench_percentile (collect, 0.99) <= 2.0 ? "within it" : "OVER IT");

  vigie_clock_set_time (0);
  return 0;
}
