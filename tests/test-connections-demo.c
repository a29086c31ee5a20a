/* test-connections-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-feed-departures.h"
#include "vigie-sim-model.h"
#include "vigie-sim-ter.h"
#include "vigie-test-demo.h"
#include "vigie-test-support.h"

/* The demo's connections end to end: the simulator on 127.0.0.1 serves
 * its TER (GTFS and TripUpdates with the seed's delays) and its trams;
 * the app's feeds fetch them, their boards are built in the workers and
 * the connections at Mulhouse-Ville worked out from them. On a weekday
 * morning, a late train misses its tram while others make theirs. */

/* Tuesday 24 November 2026, 08:30 in Mulhouse. */
#define MORNING G_GINT64_CONSTANT (1795505400)
/* The same evening at 21:30, when trams are rare. */
#define LATE_EVENING (MORNING + 13 * 3600)
#define SEED 42

static void
on_changed_cb (VigieConnectionWatch *watch,
               guint                *n_changed)
{
  (*n_changed)++;
}

static gboolean
has_realtime_trains (VigieConnectionWatch *watch)
{
  guint n = 0;
  const VigieConnection *connections = vigie_connection_watch_get_connections (watch, &n);

  for (guint i = 0; i < n; i++)
    if (connections[i].train->source == VIGIE_DEPARTURE_REALTIME)
      return TRUE;

  return FALSE;
}

static const VigieDeparture *
lookup_tram_board (VigieFeedManager *manager,
                   const char       *stop_id,
                   guint            *n)
{
  VigieFeed *feed = vigie_feed_manager_lookup (manager, "trams");
  VigieDepartures *boards = feed != NULL ? vigie_feed_departures_get (vigie_feed_departures_get_for_feed (feed)) : NULL;

  *n = 0;
  return boards != NULL ? vigie_departures_lookup (boards, stop_id, n) : NULL;
}

/* The trams on their way have their times from the simulator's
 * TripUpdates: real time, not only predicted from their positions. */
static gboolean
has_realtime_trams (VigieFeedManager *manager)
{
  guint n = 0;
  const VigieDeparture *departures = lookup_tram_board (manager, "place_PJN", &n);

  for (guint i = 0; i < n; i++)
    if (departures[i].source == VIGIE_DEPARTURE_REALTIME)
      return TRUE;

  return FALSE;
}

static void
test_connections_demo (void)
{
  VigieTestDemo demo;
  VigieConnectionWatch *watch;
  const VigieConnection *connections;
  guint n = 0, n_missed = 0, n_made = 0, n_late_missed = 0;

  vigie_test_demo_start (&demo, SEED, MORNING);
  watch = demo.watch;
  g_assert_cmpint (vigie_connection_watch_get_walk_time (watch), ==, 4 * 60);

  vigie_feed_manager_start (demo.manager);
  VIGIE_TEST_WAIT_UNTIL (has_realtime_trains (watch) && has_realtime_trams (demo.manager));

  /* Gare Centrale is every line's terminus: its departures are trips yet
   * to leave, which the simulator's TripUpdates announce half an hour
   * ahead (with the delay they will leave with); later ones are the
   * timetable's. */
  {
    const VigieDeparture *departures = lookup_tram_board (demo.manager, "place_GAR", &n);
    guint n_realtime = 0, n_timetable = 0;

    g_assert_cmpuint (n, >, 0);
    for (guint i = 0; i < n; i++)
      {
        if (departures[i].scheduled < MORNING + VIGIE_SIM_TRIPS_AHEAD_S - 5 * 60)
          {
            g_assert_cmpint (departures[i].source, ==, VIGIE_DEPARTURE_REALTIME);
            g_assert_true (departures[i].has_delay);
            g_assert_cmpint (departures[i].expected, ==, departures[i].scheduled + departures[i].delay_s);
            n_realtime++;
          }
        else if (departures[i].scheduled > MORNING + VIGIE_SIM_TRIPS_AHEAD_S + 10 * 60)
          {
            g_assert_cmpint (departures[i].source, ==, VIGIE_DEPARTURE_TIMETABLE);
            n_timetable++;
          }
      }
    g_assert_cmpuint (n_realtime, >=, 3);
    g_assert_cmpuint (n_timetable, >=, 3);
  }

  connections = vigie_connection_watch_get_connections (watch, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sentence = vigie_connection_describe (&connections[i]);

      g_test_message ("train %s at %" G_GINT64_FORMAT " (%+" G_GINT64_FORMAT " s): %s", connections[i].train->trip_id,
                      connections[i].train->scheduled, connections[i].train->delay_s, sentence);
      g_assert_cmpstr (connections[i].train->stop_id, ==, VIGIE_SIM_TER_STATION);
      g_assert_cmpint (vigie_departure_get_time (connections[i].train), >=, MORNING);
      g_assert_cmpint (vigie_departure_get_time (connections[i].train), <=, MORNING + 90 * 60);
      if (connections[i].status == VIGIE_CONNECTION_MISSED)
        {
          n_missed++;
          if (connections[i].train->delay_s > 0)
            n_late_missed++;
          g_assert_nonnull (connections[i].next);
        }
      else if (connections[i].status == VIGIE_CONNECTION_ASSURED || connections[i].status == VIGIE_CONNECTION_TIGHT)
        n_made++;
    }

  /* Trains both ways every half hour for 90 min, each to every line and
   * direction of Gare Centrale (1, 3 and the tram-train). */
  g_assert_cmpuint (n, >=, 5 * 3);
  g_assert_cmpuint (n_late_missed, >=, 1);
  g_assert_cmpuint (n_made, >, n_missed);

  /* The operator's walking time moves the promised tram with it. */
  {
    guint n_changed = 0;

    /* Worked out again in a worker: "changed" says when. */
    g_signal_connect (watch, "changed", G_CALLBACK (on_changed_cb), &n_changed);
    vigie_connection_watch_set_walk_time (watch, 12 * 60);
    VIGIE_TEST_WAIT_UNTIL (n_changed > 0);
    g_signal_handlers_disconnect_by_data (watch, &n_changed);
  }
  connections = vigie_connection_watch_get_connections (watch, &n);
  g_assert_cmpuint (n, >=, 5 * 3);
  for (guint i = 0; i < n; i++)
    if (connections[i].planned != NULL)
      g_assert_cmpint (connections[i].planned->scheduled, >=, connections[i].train->scheduled + 12 * 60);

  vigie_test_demo_stop (&demo);
}

/* In the evening trams come every 20 min or so, then stop: the seed's
 * TER from Basel due 22:08, 12 min late, misses line 1 at 22:20 and would
 * wait 16 min for the next: hold it 4 min. */
static void
test_connections_demo_hold (void)
{
  VigieTestDemo demo;
  VigieConnectionWatch *watch;
  const VigieConnection *connections;
  guint n = 0, n_holds = 0;

  vigie_test_demo_start (&demo, SEED, LATE_EVENING);
  watch = demo.watch;
  vigie_feed_manager_start (demo.manager);
  VIGIE_TEST_WAIT_UNTIL (has_realtime_trains (watch));

  connections = vigie_connection_watch_get_connections (watch, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sentence = vigie_connection_describe (&connections[i]);
      g_autofree char *hold = vigie_connection_describe_hold (&connections[i]);

      g_test_message ("train %s (%+" G_GINT64_FORMAT " s): %s / %s", connections[i].train->trip_id,
                      connections[i].train->delay_s, sentence, hold != NULL ? hold : "-");
      if (connections[i].hold)
        {
          n_holds++;
          g_assert_cmpint (connections[i].status, ==, VIGIE_CONNECTION_MISSED);
          g_assert_cmpint (connections[i].train->delay_s, >, 0);
          g_assert_cmpint (connections[i].hold_s, >, 0);
          g_assert_cmpint (connections[i].hold_s, <=, connections[i].train->delay_s);
          g_assert_true (connections[i].wait_s < 0 || connections[i].wait_s > 15 * 60);
        }
    }
  g_assert_cmpuint (n_holds, >=, 1);

  vigie_test_demo_stop (&demo);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/connections/demo", test_connections_demo);
  g_test_add_func ("/connections/demo-hold", test_connections_demo_hold);

  return g_test_run ();
}
