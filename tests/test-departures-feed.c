/* test-departures-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-clock.h"
#include "vigie-departure-watch.h"
#include "vigie-feed-departures.h"
#include "vigie-test-gtfs-rt.h"
#include "vigie-test-gtfs.h"
#include "vigie-test-support.h"

/* The departure boards of a real feed: a GTFS timetable and its
 * GTFS-Realtime TripUpdates served over HTTP on 127.0.0.1, fetched,
 * parsed and combined by the feed engine, the boards built by the watch's
 * tap in the worker and set beside the feed on the main thread. */

static gboolean
has_departure_at_b (VigieFeedDepartures *departures)
{
  VigieDepartures *boards = vigie_feed_departures_get (departures);
  guint n = 0;

  return boards != NULL && vigie_departures_lookup (boards, "B", &n) != NULL;
}

static void
test_departures_feed (void)
{
  gint64 now = vigie_test_paris_time (2026, 3, 9, 7, 59, 0);
  g_autoptr(VigieTestFeed) updates = vigie_test_feed_new ((guint64) now, FALSE);
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeedManager) manager = vigie_feed_manager_new (client);
  g_autoptr(VigieDepartureWatch) watch = vigie_departure_watch_new (manager);
  g_autoptr(VigieFeed) feed = NULL;
  VigieFeedDepartures *departures;
  const VigieDeparture *list;
  TransitRealtime__TripUpdate *update;
  VigieTestGtfsServer server = { NULL, };
  guint n = 0;

  update = vigie_test_feed_add_trip_update (updates, "u1", "T1-day", "T1");
  vigie_test_trip_update_add_stop (updates, update, "A", 0, TRUE, 4 * 60);
  feed = vigie_test_gtfs_server_start (&server, vigie_test_feed_pack (updates), "trip-updates");

  vigie_clock_set_time (now);

  vigie_feed_manager_add (manager, feed);
  departures = vigie_feed_departures_get_for_feed (feed);

  vigie_feed_start (feed, client);
  VIGIE_TEST_WAIT_UNTIL (server.n_realtime > 0 && has_departure_at_b (departures) &&
                         vigie_departures_lookup (vigie_feed_departures_get (departures), "B", &n)->source ==
                         VIGIE_DEPARTURE_REALTIME);

  /* Four minutes late at A, carried to B. */
  list = vigie_departures_lookup (vigie_feed_departures_get (departures), "B", &n);
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpstr (list[0].trip_id, ==, "T1-day");
  g_assert_cmpstr (list[0].line, ==, "1");
  g_assert_cmpint (list[0].scheduled, ==, vigie_test_paris_time (2026, 3, 9, 8, 11, 0));
  g_assert_cmpint (list[0].delay_s, ==, 4 * 60);

  /* The boards are the feed's: another has none. */
  {
    g_autoptr(VigieFeed) other = vigie_feed_new ("other", NULL, VIGIE_FEED_KIND_TRAMS, "gtfs",
                                                 vigie_feed_get_url (feed));

    g_assert_null (vigie_feed_departures_get (vigie_feed_departures_get_for_feed (other)));
  }

  /* Without the watch, no more boards: the tap is gone. */
  g_clear_object (&watch);
  vigie_feed_departures_set (departures, NULL);
  vigie_feed_refresh (feed);
  vigie_test_wait_polls (feed, 1);
  g_assert_null (vigie_feed_departures_get (departures));

  vigie_feed_stop (feed);
  vigie_clock_set_time (0);
  vigie_test_gtfs_server_stop (&server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/departures/feed", test_departures_feed);

  return g_test_run ();
}
