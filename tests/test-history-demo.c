/* test-history-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "vigie-clock.h"
#include "vigie-feed-manager.h"
#include "vigie-history-demo.h"
#include "vigie-test-history.h"
#include "vigie-test-support.h"

/* The demo city's past: a week of the simulator's model recorded in the
 * writer thread on the first start, read back from the SQLite file; not
 * again on the next start, unless the app quit before it was all written;
 * and carried on, series for series, by the
 * live recording of the same city's feed. */

#define DAY (24 * 3600)

typedef struct
{
  VigieTestHistoryFile history;
  gint64               now;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 12, 7, 7, 30, 0);   /* 08:30 in Mulhouse */

  vigie_test_history_file_setup (&fixture->history, data);
  fixture->now = g_date_time_to_unix (time);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  vigie_test_history_file_teardown (&fixture->history, data);
}

static void
fill (Fixture        *fixture,
      VigieHistory   *history,
      VigieSimulator *simulator)
{
  guint64 serial = vigie_history_demo_fill (history, simulator, fixture->now);

  g_assert_cmpuint (serial, >, 0);
  vigie_history_queue_wait (vigie_history_get_queue (history), serial);
}

static void
test_week (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(VigieSimulator) simulator = vigie_simulator_new (1);
  g_autoptr(VigieHistory) history = vigie_history_new (fixture->history.path);
  g_autoptr(VigieHistorySparkline) sparkline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *station = NULL;
  g_autoptr(GArray) runs = NULL;
  const char *feeds[] = { "trams", "velocite", "citiz", "parking", "wifi" };
  gint64 n_raw, started = g_get_monotonic_time ();
  gboolean day_trams = FALSE, night_without = FALSE;
  VigieHistoryDb *db;

  fill (fixture, history, simulator);
  g_test_message ("A week of the demo city in %.1f s, %" G_GINT64_FORMAT " runs",
                  (g_get_monotonic_time () - started) / 1e6,
                  vigie_test_sqlite_int (fixture->history.path, "SELECT COUNT(*) FROM raw"));

  /* Every feed of the city, with the feed health view's first event a
   * week ago. */
  for (guint i = 0; i < G_N_ELEMENTS (feeds); i++)
    {
      g_autofree char *q = g_strdup_printf ("SELECT COUNT(*) FROM series WHERE feed = '%s'", feeds[i]);
      g_autofree char *e = g_strdup_printf ("SELECT MIN(t) FROM feed_events WHERE feed = '%s' AND state = 'ok'",
                                            feeds[i]);

      g_test_message ("%s: %" G_GINT64_FORMAT " series", feeds[i], vigie_test_sqlite_int (fixture->history.path, q));
      g_assert_cmpint (vigie_test_sqlite_int (fixture->history.path, q), >, 0);
      g_assert_cmpint (vigie_test_sqlite_int (fixture->history.path, e), ==, fixture->now - 7 * DAY);
    }

  /* A station's bikes come and go all day: its sparkline has a past. */
  station = vigie_test_sqlite_text (fixture->history.path,
                        "SELECT s.entity FROM series s JOIN raw r ON r.series = s.id "
                        "WHERE s.feed = 'velocite' AND s.field = 'vehicles_available' "
                        "GROUP BY s.id ORDER BY COUNT(*) DESC LIMIT 1");
  g_assert_nonnull (station);
  db = vigie_history_db_open (fixture->history.path, TRUE, &error);
  g_assert_no_error (error);
  sparkline = vigie_history_sparkline_read (db, "velocite", station, "vehicles_available",
                                            "vehicles_available", fixture->now, &error);
  g_assert_no_error (error);
  g_assert_true (sparkline->has_data);
  g_assert_cmpuint (sparkline->runs->len, >=, 10);
  g_assert_cmpint (g_array_index (sparkline->runs, VigieHistoryRun, 0).from, ==, fixture->now - DAY);
  g_assert_true (sparkline->has_now);
  g_assert_cmpfloat (sparkline->max, >, sparkline->min);

  /* Trams run by day only, in Mulhouse time: a line's vehicles in
   * service over the week rise in the morning and fall to none at night. */
  runs = vigie_history_db_read_runs (db, "trams", "line/T1", "vehicles", fixture->now - 7 * DAY,
                                     fixture->now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (runs);
  for (guint i = 0; i < runs->len; i++)
    {
      VigieHistoryRun *run = &g_array_index (runs, VigieHistoryRun, i);

      day_trams |= run->value >= 3;
      night_without |= run->value == 0 && (run->until == 0 || run->until - run->from >= 3 * 3600);
    }
  g_assert_true (day_trams);
  g_assert_true (night_without);
  g_clear_pointer (&runs, g_array_unref);

  /* Five-minute aggregates for the days the popover does not draw raw. */
  runs = vigie_history_db_read_aggregates (db, "velocite", station, "vehicles_available",
                                           fixture->now - 5 * DAY, fixture->now - 4 * DAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, >, 0);
  vigie_history_db_close (db);

  /* The next start finds the past there and leaves it be. */
  n_raw = vigie_test_sqlite_int (fixture->history.path, "SELECT COUNT(*) FROM raw");
  fill (fixture, history, simulator);
  g_assert_cmpint (vigie_test_sqlite_int (fixture->history.path, "SELECT COUNT(*) FROM raw"), ==, n_raw);
}

/* The app quitting while the past is written does not wait for it: the
 * writer stops after the instant it is at. */
static void
test_quit (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(VigieSimulator) simulator = vigie_simulator_new (1);
  VigieHistory *history = vigie_history_new (fixture->history.path);

  g_assert_cmpuint (vigie_history_demo_fill (history, simulator, fixture->now), >, 0);
  g_object_unref (history);

  g_assert_cmpint (vigie_test_sqlite_int (fixture->history.path, "SELECT COALESCE(MAX(t_from), 0) FROM raw"), <, fixture->now - 6 * DAY);

  /* The next start writes what is missing, from where it stopped. */
  history = vigie_history_new (fixture->history.path);
  fill (fixture, history, simulator);
  g_object_unref (history);
  g_assert_cmpint (vigie_test_sqlite_int (fixture->history.path, "SELECT MAX(t_from) FROM raw"), >=, fixture->now - 3600);
  g_assert_cmpint (vigie_test_sqlite_int (fixture->history.path, "SELECT MIN(t_from) FROM raw"), ==, fixture->now - 7 * DAY);
}

static gboolean
feed_shows_stations (gpointer data)
{
  VigieFeed *feed = data;

  GListModel *stations = G_LIST_MODEL (vigie_feed_get_store (feed));
  g_autoptr(VigieEntity) first = NULL;

  if (vigie_feed_get_state (feed) != VIGIE_FEED_STATE_OK || g_list_model_get_n_items (stations) == 0)
    return FALSE;

  /* The stations with their status, not only their information: the
   * documents of a GBFS feed come one after the other. */
  first = g_list_model_get_item (stations, 0);
  return vigie_entity_lookup_int (first, "vehicles_available", NULL);
}

/* The live recording goes on with the series the past was written in:
 * the city's bike feed served on loopback, polled by the feed engine at
 * the end of the filled week, adds no series and leaves unchanged runs
 * open. */
static void
test_carried_on (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(VigieSimulator) simulator = vigie_simulator_new (1);
  g_autoptr(VigieHistory) history = NULL;
  VigieHistoryDb *db;
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeedManager) manager = vigie_feed_manager_new (client);
  g_autoptr(VigieFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  gint64 n_series, n_open;
  g_autofree char *open_sql = g_strdup_printf ("SELECT COUNT(*) FROM raw r JOIN series s ON r.series = s.id "
                                               "WHERE s.feed = 'velocite' AND r.t_until IS NULL "
                                               "AND r.t_from < %" G_GINT64_FORMAT, fixture->now - 300);

  vigie_simulator_set_time (simulator, fixture->now);
  vigie_clock_set_time (fixture->now);
  g_assert_true (vigie_simulator_start (simulator, 0, &error));
  g_assert_no_error (error);
  base = vigie_simulator_dup_base_url (simulator);
  url = g_strconcat (base, "/gbfs/velocite/gbfs.json", NULL);

  /* Two hours are enough here, written before the writer starts. */
  db = vigie_history_db_open (fixture->history.path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (vigie_history_demo_fill_db (db, 1, 1, fixture->now - 2 * 3600, fixture->now, VIGIE_HISTORY_DEMO_STEP_S,
                                             NULL, NULL, &error));
  g_assert_no_error (error);
  vigie_history_db_close (db);
  history = vigie_history_new (fixture->history.path);

  n_series = vigie_test_sqlite_int (fixture->history.path, "SELECT COUNT(*) FROM series WHERE feed = 'velocite'");
  n_open = vigie_test_sqlite_int (fixture->history.path, open_sql);
  g_assert_cmpint (n_series, >, 0);
  g_assert_cmpint (n_open, >, 0);

  feed = vigie_feed_new ("velocite", "VéloCité", VIGIE_FEED_KIND_BIKES, "gbfs", url);
  vigie_history_bind (history, NULL, manager);
  vigie_feed_manager_add (manager, feed);
  vigie_feed_start (feed, client);
  /* The discovery file, then the documents it links to. */
  g_assert_true (vigie_test_spin_until (feed_shows_stations, feed, 20));
  vigie_history_sync (history);

  g_assert_cmpint (vigie_test_sqlite_int (fixture->history.path, "SELECT COUNT(*) FROM series WHERE feed = 'velocite'"), ==, n_series);
  /* Five minutes later some stations changed, most did not. */
  g_assert_cmpint (vigie_test_sqlite_int (fixture->history.path, open_sql), >, n_open / 2);

  vigie_feed_stop (feed);
  vigie_simulator_stop (simulator);
  vigie_clock_set_time (0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/history-demo/week", Fixture, NULL, fixture_setup, test_week, fixture_teardown);
  g_test_add ("/history-demo/quit", Fixture, NULL, fixture_setup, test_quit, fixture_teardown);
  g_test_add ("/history-demo/carried-on", Fixture, NULL, fixture_setup, test_carried_on, fixture_teardown);

  return g_test_run ();
}
