/* test-connections-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-clock.h"
#include "vigie-connections-window.h"
#include "vigie-feed-departures.h"
#include "vigie-formats.h"
#include "vigie-test-gtfs-rt.h"
#include "vigie-test-gtfs.h"
#include "vigie-test-ui.h"

/* The connections window on a real display, fed by boards set on two
 * feeds as the departure watch sets them: the "basic" timetable (see
 * vigie-test-gtfs.h) at 07:59 on Monday 9 March 2026, T1-day four
 * minutes late and T2-a canceled. Its train is T1-day arriving at C,
 * its trams leave A: line 1 has none after the train, line 2's is
 * canceled. */

static VigieDepartures *
make_departures (gint64 now)
{
  g_autoptr(VigieSnapshot) combined = vigie_test_basic_combined (now, TRUE);

  return vigie_departures_build (combined, now);
}

static gboolean
window_says (GtkWidget  *window,
             const char *words)
{
  g_autoptr(GString) text = g_string_new (NULL);

  vigie_test_collect_labels (window, VIGIE_TEST_LABEL_VISIBLE | VIGIE_TEST_LABEL_BARS, text);
  return strstr (text->str, words) != NULL;
}

static void
test_connections_window (void)
{
  gint64 now = vigie_test_paris_time (2026, 3, 9, 7, 59, 0);
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeedManager) manager = vigie_feed_manager_new (client);
  g_autoptr(VigieFeed) trains = vigie_feed_new ("trains", NULL, VIGIE_FEED_KIND_TRAMS, "gtfs", "http://127.0.0.1:9/t.zip");
  g_autoptr(VigieFeed) trams = vigie_feed_new ("trams", NULL, VIGIE_FEED_KIND_TRAMS, "gtfs", "http://127.0.0.1:9/g.zip");
  g_autoptr(VigieDepartures) departures = make_departures (now);
  g_autoptr(VigieConnectionWatch) watch = NULL;
  const VigieConnectionPlace place = {
    .train_feed_id = "trains", .station_id = "C", .station_name = "Station C",
    .tram_feed_id = "trams", .interchange_id = "A", .interchange_name = "Stop A",
  };
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *window;
  GtkSpinButton *spin;

  vigie_clock_set_time (now);
  vigie_feed_manager_add (manager, trains);
  vigie_feed_manager_add (manager, trams);
  watch = vigie_connection_watch_new (manager, &place);

  window = vigie_connections_window_new (NULL, watch);
  gtk_window_present (GTK_WINDOW (window));
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (window));

  /* No boards yet: said so. */
  vigie_test_collect_labels (window, VIGIE_TEST_LABEL_VISIBLE | VIGIE_TEST_LABEL_BARS, text);
  g_assert_nonnull (strstr (text->str, "No train arrives in the next 90 minutes"));
  g_assert_nonnull (strstr (text->str, "Station C → Stop A"));

  /* The boards of an update: the window follows. */
  vigie_feed_departures_set (vigie_feed_departures_get_for_feed (trains), departures);
  vigie_feed_departures_set (vigie_feed_departures_get_for_feed (trams), departures);
  /* Worked out in a worker, then shown. */
  VIGIE_TEST_WAIT_UNTIL (!window_says (window, "No train arrives"));
  g_string_truncate (text, 0);
  vigie_test_collect_labels (window, VIGIE_TEST_LABEL_VISIBLE | VIGIE_TEST_LABEL_BARS, text);
  g_test_message ("window: %s", text->str);
  g_assert_nonnull (strstr (text->str, "1 train in the next 90 minutes · 1 connection missed · 0 tight|"));
  g_assert_nonnull (strstr (text->str, "1 to C terminus, due 07:20, in at 07:24 (+4 min)|"));
  g_assert_nonnull (strstr (text->str, "✖ missed|Line 2 to C at 08:00: canceled|"));
  g_assert_nonnull (strstr (text->str, "– no tram|Line 1 to C terminus: no tram to connect to|"));

  /* The walk is the operator's: 4 min by default, set in the window. */
  spin = GTK_SPIN_BUTTON (vigie_test_find_descendant (window, GTK_TYPE_SPIN_BUTTON));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 4);
  gtk_spin_button_set_value (spin, 10);
  g_assert_cmpint (vigie_connection_watch_get_walk_time (watch), ==, 10 * 60);

  gtk_window_destroy (GTK_WINDOW (window));
  vigie_clock_set_time (0);
}

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_gtk (&argc, &argv, "connections window"))
    return 77;
  adw_init ();

  g_test_add_func ("/connections-window/shows", test_connections_window);

  return g_test_run ();
}
