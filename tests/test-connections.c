/* test-connections.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-connections.h"
#include "vigie-test-gtfs.h"
#include "vigie-test-support.h"

/* Connections from a train to the trams of the interchange stop, with
 * the issue's own example: a TER due at 10:30, the walk 4 min, line 1 to
 * Châtaignier at Gare Centrale; Porte Jeune 6 min away on foot. Times in
 * Paris, sentences in TZ=UTC (the tests'). */

#define MINUTE 60

static VigieDeparture
make (const char *line,
      const char *headsign,
      gint64      scheduled,
      gint64      delay_s)
{
  VigieDeparture departure = { "stop", NULL, NULL, line, NULL, NULL, headsign, 0, scheduled, 0, 0, FALSE,
                               VIGIE_DEPARTURE_TIMETABLE, VIGIE_DEPARTURE_RUNS };

  if (delay_s != G_MININT64)
    {
      departure.delay_s = delay_s;
      departure.has_delay = TRUE;
      departure.expected = scheduled + delay_s;
      departure.source = VIGIE_DEPARTURE_REALTIME;
    }

  return departure;
}

static gint64
at (int hour,
    int minute)
{
  return vigie_test_paris_time (2026, 12, 7, hour, minute, 0);
}

static VigieConnection
connect_one (gint64                     train_delay_s,
             const VigieConnectionStop *interchange,
             const VigieConnectionStop *others,
             guint                      n_others,
             VigieDeparture            *train)
{
  VigieConnectionRules rules;
  g_autoptr(GArray) connections = NULL;

  vigie_connection_rules_init (&rules);
  *train = make ("TER", "Basel SBB", at (10, 30), train_delay_s);
  connections = vigie_connections_compute (train, 1, interchange, others, n_others, &rules, at (10, 0));
  g_assert_cmpuint (connections->len, ==, 1);

  return g_array_index (connections, VigieConnection, 0);
}

static void
test_connections_status (void)
{
  VigieDeparture trams[] = {
    make ("1", "Châtaignier", at (10, 34), 0),
    make ("1", "Châtaignier", at (10, 44), 0),
  };
  VigieConnectionStop gare = { "Gare Centrale", trams, G_N_ELEMENTS (trams), 0 };
  VigieDeparture train;
  VigieConnection connection;
  g_autofree char *sentence = NULL;

  /* On time: in at 10:30, at the stop 10:34, the 10:34 tram: no spare
   * time, but made. */
  connection = connect_one (0, &gare, NULL, 0, &train);
  g_assert_cmpint (connection.status, ==, VIGIE_CONNECTION_TIGHT);
  g_assert_true (connection.planned == &trams[0]);
  g_assert_cmpint (connection.margin_s, ==, 0);
  sentence = vigie_connection_describe (&connection);
  g_assert_cmpstr (sentence, ==, "Line 1 to Châtaignier at 09:34: tight, 0 min to spare");
  g_clear_pointer (&sentence, g_free);

  /* Two minutes early: assured, two to spare. */
  connection = connect_one (-2 * MINUTE, &gare, NULL, 0, &train);
  g_assert_cmpint (connection.status, ==, VIGIE_CONNECTION_ASSURED);
  g_assert_cmpint (connection.margin_s, ==, 2 * MINUTE);
  sentence = vigie_connection_describe (&connection);
  g_assert_cmpstr (sentence, ==, "Line 1 to Châtaignier at 09:34: assured, 2 min to spare");
  g_clear_pointer (&sentence, g_free);

  /* A late tram saves a late train. */
  trams[0] = make ("1", "Châtaignier", at (10, 34), 5 * MINUTE);
  connection = connect_one (3 * MINUTE, &gare, NULL, 0, &train);
  g_assert_cmpint (connection.status, ==, VIGIE_CONNECTION_ASSURED);
  g_assert_cmpint (connection.margin_s, ==, 2 * MINUTE);

  /* The tram canceled: missed, whatever the train; the next one. */
  trams[0].state = VIGIE_DEPARTURE_CANCELED;
  connection = connect_one (0, &gare, NULL, 0, &train);
  g_assert_cmpint (connection.status, ==, VIGIE_CONNECTION_MISSED);
  g_assert_true (connection.next == &trams[1]);
  sentence = vigie_connection_describe (&connection);
  g_assert_cmpstr (sentence, ==, "Line 1 to Châtaignier at 09:39: canceled; next at 09:44");
}

/* The example: six minutes late, the 10:36 is missed; the next
 * leaves at 10:52, but Porte Jeune, six minutes on foot, has one at
 * 10:47. */
static void
test_connections_missed_other_stop (void)
{
  VigieDeparture trams[] = {
    make ("1", "Châtaignier", at (10, 36), 0),
    make ("1", "Châtaignier", at (10, 52), 0),
    make ("2", "Coteaux", at (10, 45), 0),
  };
  VigieDeparture porte_jeune_trams[] = {
    make ("1", "Châtaignier", at (10, 41), 0),   /* too soon to walk there */
    make ("1", "Châtaignier", at (10, 47), 0),
    make ("1", "Gare Centrale", at (10, 43), 0), /* the other way */
  };
  VigieConnectionStop gare = { "Gare Centrale", trams, G_N_ELEMENTS (trams), 0 };
  VigieConnectionStop others[] = { { "Porte Jeune", porte_jeune_trams, G_N_ELEMENTS (porte_jeune_trams), 6 * MINUTE } };
  VigieConnectionRules rules;
  g_autoptr(GArray) connections = NULL;
  g_autofree char *sentence = NULL;
  VigieDeparture train = make ("TER", "Basel SBB", at (10, 30), 6 * MINUTE);
  VigieConnection *connection;

  vigie_connection_rules_init (&rules);
  connections = vigie_connections_compute (&train, 1, &gare, others, 1, &rules, at (10, 0));

  /* One per line and direction of the interchange. */
  g_assert_cmpuint (connections->len, ==, 2);
  connection = &g_array_index (connections, VigieConnection, 0);
  g_assert_cmpstr (connection->line, ==, "1");
  g_assert_cmpint (connection->status, ==, VIGIE_CONNECTION_MISSED);
  g_assert_true (connection->planned == &trams[0]);
  g_assert_cmpint (connection->margin_s, ==, -4 * MINUTE);
  g_assert_true (connection->next == &trams[1]);
  g_assert_true (connection->other == &porte_jeune_trams[1]);
  g_assert_cmpstr (connection->other_name, ==, "Porte Jeune");
  g_assert_cmpint (connection->other_walk_s, ==, 6 * MINUTE);
  sentence = vigie_connection_describe (connection);
  g_assert_cmpstr (sentence, ==,
                   "Line 1 to Châtaignier at 09:36: missed; next at 09:52, or Porte Jeune, 6 min on foot, at 09:47");

  /* Line 2's 10:45 waits for the late train: assured, 5 min to spare. */
  connection = &g_array_index (connections, VigieConnection, 1);
  g_assert_cmpstr (connection->line, ==, "2");
  g_assert_cmpint (connection->status, ==, VIGIE_CONNECTION_ASSURED);
  g_assert_cmpint (connection->margin_s, ==, 5 * MINUTE);

  /* The train in words; the marks beside the words. */
  {
    g_autofree char *late = vigie_connection_describe_train (&train);
    g_autofree char *on_time = NULL;

    g_assert_cmpstr (late, ==, "TER to Basel SBB, due 09:30, in at 09:36 (+6 min)");
    train = make ("TER", "Basel SBB", at (10, 30), 0);
    on_time = vigie_connection_describe_train (&train);
    g_assert_cmpstr (on_time, ==, "TER to Basel SBB, due 09:30, on time");
    g_assert_cmpstr (vigie_connection_status_to_mark (VIGIE_CONNECTION_MISSED), ==, "✖");
    g_assert_cmpstr (vigie_connection_status_to_words (VIGIE_CONNECTION_TIGHT), ==, "tight");
  }
}

/* Connection protection: missed by 3 min, with the next tram 25 min
 * later (a rare one), or none (the last): hold the tram 3 min. Not when
 * the next comes soon, nor when the tram is canceled. */
static void
test_connections_hold (void)
{
  VigieDeparture trams[] = {
    make ("1", "Châtaignier", at (10, 36), 0),
    make ("1", "Châtaignier", at (11, 4), 0),
  };
  VigieConnectionStop gare = { "Gare Centrale", trams, G_N_ELEMENTS (trams), 0 };
  VigieDeparture train;
  VigieConnection connection;
  g_autofree char *rare = NULL;
  g_autofree char *last = NULL;

  connection = connect_one (5 * MINUTE, &gare, NULL, 0, &train);
  g_assert_cmpint (connection.status, ==, VIGIE_CONNECTION_MISSED);
  g_assert_true (connection.hold);
  g_assert_cmpint (connection.hold_s, ==, 3 * MINUTE);
  g_assert_cmpint (connection.wait_s, ==, 25 * MINUTE);
  rare = vigie_connection_describe_hold (&connection);
  g_assert_cmpstr (rare, ==, "Hold line 1 to Châtaignier at 09:36 for 3 min (its knock-on delay): the next comes 25 min later");

  /* The last tram. */
  gare.n_departures = 1;
  connection = connect_one (5 * MINUTE, &gare, NULL, 0, &train);
  g_assert_true (connection.hold);
  g_assert_cmpint (connection.wait_s, ==, -1);
  last = vigie_connection_describe_hold (&connection);
  g_assert_cmpstr (last, ==, "Hold line 1 to Châtaignier at 09:36 for 3 min (its knock-on delay): it is the last tram");

  /* Another in 10 min: no hold. */
  trams[1] = make ("1", "Châtaignier", at (10, 49), 0);
  gare.n_departures = 2;
  connection = connect_one (5 * MINUTE, &gare, NULL, 0, &train);
  g_assert_cmpint (connection.status, ==, VIGIE_CONNECTION_MISSED);
  g_assert_false (connection.hold);
  g_assert_null (vigie_connection_describe_hold (&connection));

  /* Canceled: nothing to hold. */
  trams[0].state = VIGIE_DEPARTURE_CANCELED;
  gare.n_departures = 1;
  connection = connect_one (0, &gare, NULL, 0, &train);
  g_assert_cmpint (connection.status, ==, VIGIE_CONNECTION_MISSED);
  g_assert_false (connection.hold);
}

/* Trains outside the horizon or canceled have no connection; a train
 * with no tram after it, none to make. */
static void
test_connections_horizon (void)
{
  VigieDeparture trams[] = { make ("1", "Châtaignier", at (10, 34), 0) };
  VigieDeparture trains[] = {
    make ("TER", "Basel SBB", at (9, 50), 0),    /* in before now */
    make ("TER", "Basel SBB", at (10, 30), 0),
    make ("TER", "Strasbourg", at (10, 40), 0),  /* after the last tram */
    make ("TER", "Basel SBB", at (11, 45), 0),   /* beyond 90 min */
  };
  VigieConnectionStop gare = { "Gare Centrale", trams, G_N_ELEMENTS (trams), 0 };
  VigieConnectionRules rules;
  g_autoptr(GArray) connections = NULL;
  g_autofree char *sentence = NULL;

  trains[1].state = VIGIE_DEPARTURE_CANCELED;
  vigie_connection_rules_init (&rules);
  connections = vigie_connections_compute (trains, G_N_ELEMENTS (trains), &gare, NULL, 0, &rules, at (10, 0));
  g_assert_cmpuint (connections->len, ==, 1);
  g_assert_true (g_array_index (connections, VigieConnection, 0).train == &trains[2]);
  g_assert_cmpint (g_array_index (connections, VigieConnection, 0).status, ==, VIGIE_CONNECTION_NONE);
  sentence = vigie_connection_describe (&g_array_index (connections, VigieConnection, 0));
  g_assert_cmpstr (sentence, ==, "Line 1 to Châtaignier: no tram to connect to");
}

/* After midnight and across the change to summer time (29 March 2026,
 * 02:00 CET → 03:00 CEST): real seconds, not clock readings. */
static void
test_connections_day_and_clock_change (void)
{
  VigieConnectionRules rules;

  vigie_connection_rules_init (&rules);

  {
    /* Due 23:55, 8 min late: in at 00:03, at the stop 00:07; the 00:05
     * of the next day is missed, the 00:20 taken. */
    VigieDeparture trams[] = {
      make ("1", "Châtaignier", vigie_test_paris_time (2026, 12, 8, 0, 5, 0), 0),
      make ("1", "Châtaignier", vigie_test_paris_time (2026, 12, 8, 0, 20, 0), 0),
    };
    VigieConnectionStop gare = { "Gare Centrale", trams, G_N_ELEMENTS (trams), 0 };
    VigieDeparture train = make ("TER", "Basel SBB", vigie_test_paris_time (2026, 12, 7, 23, 55, 0), 8 * MINUTE);
    g_autoptr(GArray) connections = vigie_connections_compute (&train, 1, &gare, NULL, 0, &rules,
                                                               vigie_test_paris_time (2026, 12, 7, 23, 30, 0));
    VigieConnection *connection = &g_array_index (connections, VigieConnection, 0);

    g_assert_cmpint (connection->status, ==, VIGIE_CONNECTION_MISSED);
    g_assert_true (connection->planned == &trams[0]);
    g_assert_true (connection->next == &trams[1]);
  }

  {
    /* Due 01:50 CET, in 01:56: at the stop 02:00 CET, which is 03:00
     * CEST; the tram at 03:05 CEST leaves 5 min later, not 65. */
    VigieDeparture trams[] = {
      make ("1", "Châtaignier", vigie_test_paris_time (2026, 3, 29, 3, 5, 0), 0),
    };
    VigieConnectionStop gare = { "Gare Centrale", trams, G_N_ELEMENTS (trams), 0 };
    VigieDeparture train = make ("TER", "Basel SBB", vigie_test_paris_time (2026, 3, 29, 1, 50, 0), 6 * MINUTE);
    g_autoptr(GArray) connections = vigie_connections_compute (&train, 1, &gare, NULL, 0, &rules,
                                                               vigie_test_paris_time (2026, 3, 29, 1, 0, 0));
    VigieConnection *connection = &g_array_index (connections, VigieConnection, 0);

    g_assert_cmpint (connection->status, ==, VIGIE_CONNECTION_ASSURED);
    g_assert_cmpint (connection->margin_s, ==, 5 * MINUTE);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/connections/status", test_connections_status);
  g_test_add_func ("/connections/missed-other-stop", test_connections_missed_other_stop);
  g_test_add_func ("/connections/horizon", test_connections_horizon);
  g_test_add_func ("/connections/hold", test_connections_hold);
  g_test_add_func ("/connections/day-and-clock-change", test_connections_day_and_clock_change);

  return g_test_run ();
}
