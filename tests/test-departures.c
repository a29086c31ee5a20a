/* test-departures.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-departure-rows.h"
#include "vigie-departures.h"
#include "vigie-formats.h"
#include "vigie-test-gtfs-rt.h"
#include "vigie-test-gtfs.h"
#include "vigie-test-support.h"

/* Departure boards (src/transit/) from the "basic" timetable
 * (vigie-test-gtfs.h: T1-day leaves A 08:00, B 08:11 and ends at C; T2-a
 * leaves A 09:00; T1-night leaves A 23:50, B 24:10, on weekdays), with
 * trip updates, vehicles, or neither; and from stops that carry their
 * own (TripUpdates without a timetable, SIRI StopMonitoring). */

#define MINUTE 60

typedef struct
{
  gint64         now;
  GHashTable    *by_role;
  VigieTestFeed *updates;
  VigieTestFeed *positions;
} Fixture;

static void
fixture_init (Fixture *fixture,
              gint64   now)
{
  const VigieParseContext context = { now, "fr", NULL, NULL };
  g_autoptr(GBytes) zip = vigie_test_gtfs_zip_fixture ("basic");
  VigieSnapshot *timetable = vigie_format_gtfs.parse (VIGIE_ROLE_MAIN, zip, &context, NULL);

  g_assert_nonnull (timetable);
  fixture->now = now;
  fixture->by_role = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) vigie_snapshot_unref);
  g_hash_table_insert (fixture->by_role, (gpointer) VIGIE_ROLE_MAIN, timetable);
  fixture->updates = vigie_test_feed_new ((guint64) now, FALSE);
  fixture->positions = vigie_test_feed_new ((guint64) now, FALSE);
}

static void
fixture_clear (Fixture *fixture)
{
  g_hash_table_unref (fixture->by_role);
  vigie_test_feed_free (fixture->updates);
  vigie_test_feed_free (fixture->positions);
}

/* The feed's update as the parse job makes it, then its boards. */
static VigieDepartures *
build (Fixture  *fixture,
       gboolean  with_updates,
       gboolean  with_positions)
{
  const VigieParseContext context = { fixture->now, "fr", NULL, NULL };
  g_autoptr(VigieSnapshot) combined = NULL;

  if (with_updates)
    {
      g_autoptr(GBytes) bytes = vigie_test_feed_pack (fixture->updates);

      g_hash_table_insert (fixture->by_role, (gpointer) "trip-updates",
                           vigie_format_gtfs.parse ("trip-updates", bytes, &context, NULL));
    }
  if (with_positions)
    {
      g_autoptr(GBytes) bytes = vigie_test_feed_pack (fixture->positions);

      g_hash_table_insert (fixture->by_role, (gpointer) "vehicle-positions",
                           vigie_format_gtfs.parse ("vehicle-positions", bytes, &context, NULL));
    }

  combined = vigie_format_gtfs.combine (fixture->by_role, &context);
  g_assert_nonnull (combined);
  vigie_snapshot_prepare (combined, NULL, fixture->now);

  return vigie_departures_build (combined, fixture->now);
}

/* The departure of @trip_id at @stop_id, which must be there once. */
static const VigieDeparture *
find (VigieDepartures *departures,
      const char      *stop_id,
      const char      *trip_id)
{
  const VigieDeparture *found = NULL;
  const VigieDeparture *list;
  guint n = 0;

  list = vigie_departures_lookup (departures, stop_id, &n);
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (list[i].trip_id, trip_id) == 0)
      {
        g_assert_null (found);
        found = &list[i];
      }

  return found;
}

static void
assert_departure (const VigieDeparture *departure,
                  gint64                scheduled,
                  gint64                expected,
                  VigieDepartureSource  source,
                  VigieDepartureState   state)
{
  g_assert_nonnull (departure);
  g_assert_cmpint (departure->scheduled, ==, scheduled);
  g_assert_cmpint (departure->expected, ==, expected);
  g_assert_cmpint (departure->source, ==, source);
  g_assert_cmpint (departure->state, ==, state);
  if (expected != 0)
    {
      g_assert_true (departure->has_delay);
      g_assert_cmpint (departure->delay_s, ==, expected - scheduled);
    }
}

/* Monday 9 March 2026, 07:55: the timetable alone. */
static void
test_departures_timetable (void)
{
  Fixture fixture;
  g_autoptr(VigieDepartures) departures = NULL;
  const VigieDeparture *departure;
  const VigieDeparture *list;
  guint n = 0;

  fixture_init (&fixture, vigie_test_paris_time (2026, 3, 9, 7, 55, 0));
  departures = build (&fixture, FALSE, FALSE);

  departure = find (departures, "A", "T1-day");
  assert_departure (departure, vigie_test_paris_time (2026, 3, 9, 8, 0, 0), 0,
                    VIGIE_DEPARTURE_TIMETABLE, VIGIE_DEPARTURE_RUNS);
  g_assert_cmpstr (departure->line, ==, "1");
  g_assert_cmpstr (departure->headsign, ==, "C terminus");
  g_assert_cmpstr (departure->color, ==, "BE0013");
  g_assert_cmpint (departure->direction_id, ==, 0);

  /* The departure, not the arrival; soonest first; the station has its
   * platform's. */
  assert_departure (find (departures, "B", "T1-day"), vigie_test_paris_time (2026, 3, 9, 8, 11, 0), 0,
                    VIGIE_DEPARTURE_TIMETABLE, VIGIE_DEPARTURE_RUNS);
  list = vigie_departures_lookup (departures, "A", &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (list[0].trip_id, ==, "T1-day");
  g_assert_cmpstr (list[1].trip_id, ==, "T2-a");
  g_assert_nonnull (find (departures, "STA_A", "T2-a"));

  /* A trip ends at its last stop: no departure there. Tomorrow is a
   * Tuesday without service, and the night trip is beyond two hours. */
  g_assert_null (find (departures, "C", "T1-day"));
  g_assert_null (find (departures, "A", "T1-night"));

  fixture_clear (&fixture);
}

/* The specification's rules: a stop's own delay, then propagated to the
 * later stops, not across NO_DATA; skipped stops; canceled trips. */
static void
test_departures_trip_updates (void)
{
  Fixture fixture;
  g_autoptr(VigieDepartures) departures = NULL;
  TransitRealtime__TripUpdate *update;
  gint64 a_at = vigie_test_paris_time (2026, 3, 9, 8, 0, 0);
  gint64 b_at = vigie_test_paris_time (2026, 3, 9, 8, 11, 0);

  fixture_init (&fixture, vigie_test_paris_time (2026, 3, 9, 7, 59, 0));

  /* Two minutes late at A, nothing said of B: late there too. */
  update = vigie_test_feed_add_trip_update (fixture.updates, "u1", "T1-day", "T1");
  vigie_test_trip_update_add_stop (fixture.updates, update, "A", 0, TRUE, 2 * MINUTE);
  /* T2-a canceled. */
  vigie_test_feed_add_canceled_trip (fixture.updates, "u2", "T2-a", "T2");
  departures = build (&fixture, TRUE, FALSE);

  assert_departure (find (departures, "A", "T1-day"), a_at, a_at + 2 * MINUTE,
                    VIGIE_DEPARTURE_REALTIME, VIGIE_DEPARTURE_RUNS);
  assert_departure (find (departures, "B", "T1-day"), b_at, b_at + 2 * MINUTE,
                    VIGIE_DEPARTURE_REALTIME, VIGIE_DEPARTURE_RUNS);
  assert_departure (find (departures, "A", "T2-a"), vigie_test_paris_time (2026, 3, 9, 9, 0, 0), 0,
                    VIGIE_DEPARTURE_REALTIME, VIGIE_DEPARTURE_CANCELED);
  g_clear_pointer (&departures, vigie_departures_unref);
  fixture_clear (&fixture);

  /* A time rather than a delay; B skipped keeps the delay it would have. */
  fixture_init (&fixture, vigie_test_paris_time (2026, 3, 9, 7, 59, 0));
  update = vigie_test_feed_add_trip_update (fixture.updates, "u1", "T1-day", "T1");
  vigie_test_trip_update_add_stop (fixture.updates, update, "A", a_at + 4 * MINUTE, FALSE, 0);
  vigie_test_trip_update_add_stop_as (fixture.updates, update, "B", TRANSIT_REALTIME__TRIP_UPDATE__STOP_TIME_UPDATE__SCHEDULE_RELATIONSHIP__SKIPPED);
  departures = build (&fixture, TRUE, FALSE);

  assert_departure (find (departures, "A", "T1-day"), a_at, a_at + 4 * MINUTE,
                    VIGIE_DEPARTURE_REALTIME, VIGIE_DEPARTURE_RUNS);
  assert_departure (find (departures, "B", "T1-day"), b_at, b_at + 4 * MINUTE,
                    VIGIE_DEPARTURE_REALTIME, VIGIE_DEPARTURE_SKIPPED);
  /* The station A is the platform's parent: the same departure. */
  assert_departure (find (departures, "STA_A", "T1-day"), a_at, a_at + 4 * MINUTE,
                    VIGIE_DEPARTURE_REALTIME, VIGIE_DEPARTURE_RUNS);
  g_clear_pointer (&departures, vigie_departures_unref);
  fixture_clear (&fixture);

  /* NO_DATA at A: no delay carried to B, which keeps its timetable. */
  fixture_init (&fixture, vigie_test_paris_time (2026, 3, 9, 7, 59, 0));
  update = vigie_test_feed_add_trip_update (fixture.updates, "u1", "T1-day", "T1");
  vigie_test_trip_update_set_delay (update, 3 * MINUTE);
  vigie_test_trip_update_add_stop_as (fixture.updates, update, "A", TRANSIT_REALTIME__TRIP_UPDATE__STOP_TIME_UPDATE__SCHEDULE_RELATIONSHIP__NO_DATA);
  departures = build (&fixture, TRUE, FALSE);

  assert_departure (find (departures, "A", "T1-day"), a_at, 0, VIGIE_DEPARTURE_TIMETABLE, VIGIE_DEPARTURE_RUNS);
  assert_departure (find (departures, "B", "T1-day"), b_at, 0, VIGIE_DEPARTURE_TIMETABLE, VIGIE_DEPARTURE_RUNS);
  g_clear_pointer (&departures, vigie_departures_unref);
  fixture_clear (&fixture);

  /* An arrival time at B (08:10 in the timetable, leaving 08:11): four
   * minutes late, so it leaves at 08:15; the terminus C has an arrival
   * only, four minutes late too. */
  fixture_init (&fixture, vigie_test_paris_time (2026, 3, 9, 8, 5, 0));
  update = vigie_test_feed_add_trip_update (fixture.updates, "u1", "T1-day", "T1");
  vigie_test_trip_update_add_stop (fixture.updates, update, "B", b_at - MINUTE + 4 * MINUTE, FALSE, 0);
  departures = build (&fixture, TRUE, FALSE);
  {
    const VigieDeparture *arrivals;
    guint n = 0;

    assert_departure (find (departures, "B", "T1-day"), b_at, b_at + 4 * MINUTE,
                      VIGIE_DEPARTURE_REALTIME, VIGIE_DEPARTURE_RUNS);
    arrivals = vigie_departures_lookup_arrivals (departures, "B", &n);
    g_assert_cmpuint (n, ==, 2);
    g_assert_cmpstr (arrivals[0].trip_id, ==, "T1-day");
    assert_departure (&arrivals[0], b_at - MINUTE, b_at + 3 * MINUTE, VIGIE_DEPARTURE_REALTIME, VIGIE_DEPARTURE_RUNS);
    /* T1-day first, then T2-a at 09:20. */
    arrivals = vigie_departures_lookup_arrivals (departures, "C", &n);
    g_assert_cmpuint (n, ==, 2);
    g_assert_cmpstr (arrivals[0].trip_id, ==, "T1-day");
    g_assert_cmpstr (arrivals[1].trip_id, ==, "T2-a");
    assert_departure (&arrivals[0], vigie_test_paris_time (2026, 3, 9, 8, 20, 0),
                      vigie_test_paris_time (2026, 3, 9, 8, 24, 0), VIGIE_DEPARTURE_REALTIME, VIGIE_DEPARTURE_RUNS);
    g_assert_null (vigie_departures_lookup_arrivals (departures, "A", &n));
    g_assert_cmpuint (n, ==, 0);
  }
  g_clear_pointer (&departures, vigie_departures_unref);
  fixture_clear (&fixture);

  /* The trip's own delay (TripUpdate.delay) where no stop says more. */
  fixture_init (&fixture, vigie_test_paris_time (2026, 3, 9, 7, 59, 0));
  update = vigie_test_feed_add_trip_update (fixture.updates, "u1", "T1-day", "T1");
  vigie_test_trip_update_set_delay (update, 3 * MINUTE);
  departures = build (&fixture, TRUE, FALSE);

  assert_departure (find (departures, "B", "T1-day"), b_at, b_at + 3 * MINUTE,
                    VIGIE_DEPARTURE_REALTIME, VIGIE_DEPARTURE_RUNS);
  fixture_clear (&fixture);
}

/* Positions only: the tram, 150 m past A at 08:07, is where the timetable
 * has it at 08:02, five minutes late: B predicted at 08:16, A behind it. */
static void
test_departures_prediction (void)
{
  Fixture fixture;
  g_autoptr(VigieDepartures) departures = NULL;
  TransitRealtime__VehiclePosition *vehicle;
  gint64 now = vigie_test_paris_time (2026, 3, 9, 8, 7, 0);
  gint64 b_at = vigie_test_paris_time (2026, 3, 9, 8, 11, 0);
  const VigieDeparture *departure;

  fixture_init (&fixture, now);
  vehicle = vigie_test_feed_add_vehicle (fixture.positions, "v1", "tram-1", 47.75f, 7.302f, (guint64) now);
  vigie_test_vehicle_add_trip (fixture.positions, vehicle)->trip_id = (char *) "T1-day";
  departures = build (&fixture, FALSE, TRUE);

  departure = find (departures, "B", "T1-day");
  g_assert_nonnull (departure);
  g_assert_cmpint (departure->source, ==, VIGIE_DEPARTURE_PREDICTED);
  g_assert_cmpint (departure->scheduled, ==, b_at);
  /* Within the rounding of a float position. */
  g_assert_cmpint (departure->delay_s, >=, 5 * MINUTE - 5);
  g_assert_cmpint (departure->delay_s, <=, 5 * MINUTE + 5);
  g_assert_cmpint (departure->expected, ==, b_at + departure->delay_s);

  /* Passed (08:05 expected, now 08:07): not on the board any more. */
  g_assert_null (find (departures, "A", "T1-day"));

  fixture_clear (&fixture);
}

/* After midnight, the night trip's 24:10 at B is the day before's: at
 * 23:55 on Monday and at 00:05 on Tuesday 10 March (a day without
 * service, which does not matter: the trip is Monday's). */
static void
test_departures_after_midnight (void)
{
  gint64 b_at = vigie_test_paris_time (2026, 3, 10, 0, 10, 0);
  gint64 moments[] = {
    vigie_test_paris_time (2026, 3, 9, 23, 55, 0),
    vigie_test_paris_time (2026, 3, 10, 0, 5, 0),
  };

  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    {
      Fixture fixture;
      g_autoptr(VigieDepartures) departures = NULL;

      fixture_init (&fixture, moments[i]);
      departures = build (&fixture, FALSE, FALSE);
      assert_departure (find (departures, "B", "T1-night"), b_at, 0,
                        VIGIE_DEPARTURE_TIMETABLE, VIGIE_DEPARTURE_RUNS);
      fixture_clear (&fixture);
    }

  /* Friday 13 at 23:55: the night trip, and Saturday 14's special
   * service day (by calendar_dates) runs T1-day at 08:00 only: beyond the
   * window. */
  {
    Fixture fixture;
    g_autoptr(VigieDepartures) departures = NULL;

    fixture_init (&fixture, vigie_test_paris_time (2026, 3, 13, 23, 55, 0));
    departures = build (&fixture, FALSE, FALSE);
    assert_departure (find (departures, "B", "T1-night"), vigie_test_paris_time (2026, 3, 14, 0, 10, 0), 0,
                      VIGIE_DEPARTURE_TIMETABLE, VIGIE_DEPARTURE_RUNS);
    g_assert_null (find (departures, "A", "T1-day"));
    fixture_clear (&fixture);
  }
}

/* TripUpdates without a timetable: the stops' own arrivals, in real time. */
static void
test_departures_trip_updates_alone (void)
{
  const gint64 now = 1767597160;   /* 2026-01-05 07:12:40 UTC */
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture (&vigie_format_gtfs_rt, "gtfs-rt", "trip-updates.json", now, "fr");
  g_autoptr(VigieDepartures) departures = vigie_departures_build (snapshot, now);
  const VigieDeparture *departure;

  departure = find (departures, "REPUBLIQUE_1", "T1-S-0712");
  g_assert_nonnull (departure);
  g_assert_cmpint (departure->source, ==, VIGIE_DEPARTURE_REALTIME);
  g_assert_cmpint (departure->expected, ==, 1767597300);
  g_assert_cmpint (departure->scheduled, ==, 1767597300 - 120);
  g_assert_cmpstr (departure->line, ==, "T1");

  /* Canceled, at the time it would have come; one without a time is on
   * no board. */
  departure = find (departures, "GARE_CENTRALE_1", "T3-S-0700");
  g_assert_nonnull (departure);
  g_assert_cmpint (departure->state, ==, VIGIE_DEPARTURE_CANCELED);
  g_assert_cmpint (departure->expected, ==, 1767597400);
  g_assert_null (find (departures, "GARE_CENTRALE_1", "T2-N-0655"));
}

/* SIRI StopMonitoring: aimed and expected times, the destination. */
static void
test_departures_siri (void)
{
  const gint64 now = 1767597160;
  g_autoptr(VigieSnapshot) snapshot = vigie_test_parse_fixture (&vigie_format_siri_lite, "siri", "sm-order.json", now, "fr");
  g_autoptr(VigieDepartures) departures = vigie_departures_build (snapshot, now);
  const VigieDeparture *departure;

  departure = find (departures, "SOLEA:StopPoint:Q:REUNION:", "SOLEA:VehicleJourney::T1-0712:");
  g_assert_nonnull (departure);
  g_assert_cmpint (departure->source, ==, VIGIE_DEPARTURE_REALTIME);
  g_assert_cmpint (departure->delay_s, ==, 3 * MINUTE);
  g_assert_cmpstr (departure->line, ==, "T1");
  g_assert_cmpstr (departure->headsign, ==, "Gare Centrale");
}

/* The board in words: grouped by line and direction, the delay, the
 * source in words and by shape. Times in TZ=UTC (the tests'). */
static void
test_departures_rows (void)
{
  Fixture fixture;
  g_autoptr(VigieDepartures) departures = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  TransitRealtime__TripUpdate *update;
  VigieDepartureGroup *group;
  VigieDepartureRow *row;

  fixture_init (&fixture, vigie_test_paris_time (2026, 3, 9, 7, 59, 0));
  update = vigie_test_feed_add_trip_update (fixture.updates, "u1", "T1-day", "T1");
  vigie_test_trip_update_add_stop (fixture.updates, update, "A", 0, TRUE, 4 * MINUTE);
  vigie_test_feed_add_canceled_trip (fixture.updates, "u2", "T2-a", "T2");
  departures = build (&fixture, TRUE, FALSE);

  groups = vigie_departure_rows_build (departures, "A", 6, 3);
  g_assert_cmpuint (groups->len, ==, 2);

  group = g_ptr_array_index (groups, 0);
  g_assert_cmpstr (group->line, ==, "1");
  g_assert_cmpstr (group->headsign, ==, "C terminus");
  g_assert_cmpstr (group->color, ==, "BE0013");
  g_assert_cmpstr (group->text_color, ==, "FFFFFF");
  g_assert_cmpuint (group->rows->len, ==, 1);
  row = g_ptr_array_index (group->rows, 0);
  g_assert_cmpstr (row->time, ==, "07:04");
  g_assert_cmpstr (row->scheduled, ==, "07:00");
  g_assert_cmpstr (row->state, ==, "+4 min");
  g_assert_cmpstr (row->source, ==, "real time");
  g_assert_cmpstr (row->mark, ==, "●");
  g_assert_cmpstr (row->accessible, ==, "Line 1 to C terminus at 07:04, scheduled 07:00, +4 min (real time)");

  group = g_ptr_array_index (groups, 1);
  g_assert_cmpstr (group->line, ==, "2");
  row = g_ptr_array_index (group->rows, 0);
  g_assert_cmpstr (row->state, ==, "canceled");
  g_assert_null (row->scheduled);

  /* At most this many groups; none for a stop without departures. */
  g_clear_pointer (&groups, g_ptr_array_unref);
  groups = vigie_departure_rows_build (departures, "A", 1, 3);
  g_assert_cmpuint (groups->len, ==, 1);
  g_clear_pointer (&groups, g_ptr_array_unref);
  groups = vigie_departure_rows_build (departures, "Z", 6, 3);
  g_assert_cmpuint (groups->len, ==, 0);

  /* On time within a minute, either way; early; the timetable says
   * nothing; a prediction is half a mark. */
  {
    VigieDeparture departure = { .has_delay = TRUE, .delay_s = 59 };
    g_autofree char *on_time = vigie_departure_describe_delay (&departure);
    g_autofree char *early = NULL;
    g_autofree char *late = NULL;

    g_assert_cmpstr (on_time, ==, "on time");
    departure.delay_s = -130;
    early = vigie_departure_describe_delay (&departure);
    g_assert_cmpstr (early, ==, "2 min early");
    departure.delay_s = 90;
    late = vigie_departure_describe_delay (&departure);
    g_assert_cmpstr (late, ==, "+2 min");
    departure.has_delay = FALSE;
    g_assert_null (vigie_departure_describe_delay (&departure));
    g_assert_cmpstr (vigie_departure_source_to_mark (VIGIE_DEPARTURE_PREDICTED), ==, "◐");
    g_assert_cmpstr (vigie_departure_source_to_words (VIGIE_DEPARTURE_TIMETABLE), ==, "timetable");
  }

  fixture_clear (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/departures/timetable", test_departures_timetable);
  g_test_add_func ("/departures/trip-updates", test_departures_trip_updates);
  g_test_add_func ("/departures/prediction", test_departures_prediction);
  g_test_add_func ("/departures/after-midnight", test_departures_after_midnight);
  g_test_add_func ("/departures/trip-updates-alone", test_departures_trip_updates_alone);
  g_test_add_func ("/departures/siri", test_departures_siri);
  g_test_add_func ("/departures/rows", test_departures_rows);

  return g_test_run ();
}
