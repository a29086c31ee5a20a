/* test-gtfs-positions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vigie-csv.h"
#include "vigie-format.h"
#include "vigie-formats.h"
#include "vigie-gtfs.h"
#include "vigie-test-gtfs.h"
#include "vigie-test-support.h"

/* GTFS: where the timetable puts the trips, and the format built on it.
 * The fixtures are described in support/vigie-test-gtfs.h. */

/* Timetable positions -------------------------------------------------- */

/* No trip runs at @when. */
static void
assert_nothing_runs (VigieGtfs *gtfs,
                     gint64     when)
{
  g_autoptr(GHashTable) found = vigie_test_gtfs_positions_at (gtfs, when);

  g_assert_cmpuint (g_hash_table_size (found), ==, 0);
}

/* Where @trip_id is at @when: it must be running. */
static VigieGtfsPosition
position_at (VigieGtfs  *gtfs,
             gint64      when,
             const char *trip_id)
{
  g_autoptr(GHashTable) found = vigie_test_gtfs_positions_at (gtfs, when);
  const VigieGtfsPosition *position = g_hash_table_lookup (found, trip_id);

  g_assert_nonnull (position);
  return *position;
}

static void
test_positions_basic (void)
{
  g_autoptr(VigieGtfs) gtfs = vigie_test_gtfs_load_fixture ("basic", NULL);
  g_autoptr(GHashTable) found = NULL;
  VigieGtfsPosition position;
  const VigieGtfsStopTime *times;
  guint n;

  /* Monday 9 March, exactly at the first departure: at A, alone. */
  found = vigie_test_gtfs_positions_at (gtfs, vigie_test_paris_time (2026, 3, 9, 8, 0, 0));
  g_assert_cmpuint (g_hash_table_size (found), ==, 1);
  position = position_at (gtfs, vigie_test_paris_time (2026, 3, 9, 8, 0, 0), "T1-day");
  g_assert_true (position.at_stop);
  g_assert_cmpfloat_with_epsilon (position.longitude, 7.30, 1e-6);
  g_assert_cmpfloat_with_epsilon (position.latitude, 47.75, 1e-6);
  times = vigie_gtfs_trip_get_stop_times (gtfs, position.trip, &n);
  g_assert_cmpstr (vigie_gtfs_get_stops (gtfs, NULL)[times[position.next_stop_time].stop].id, ==, "B");
  g_assert_cmpint (position.next_stop_at, ==, vigie_test_paris_time (2026, 3, 9, 8, 10, 0));

  /* Halfway between A and B, heading east. */
  position = position_at (gtfs, vigie_test_paris_time (2026, 3, 9, 8, 5, 0), "T1-day");
  g_assert_false (position.at_stop);
  g_assert_cmpfloat_with_epsilon (position.longitude, 7.305, 1e-5);
  g_assert_cmpfloat_with_epsilon (position.latitude, 47.75, 1e-6);
  g_assert_cmpfloat_with_epsilon (position.dist_m, VIGIE_TEST_GTFS_AB_M / 2, 2.0);
  g_assert_cmpfloat_with_epsilon (position.bearing, 90.0, 0.5);

  /* Dwelling at B: there, and B's successor next. */
  position = position_at (gtfs, vigie_test_paris_time (2026, 3, 9, 8, 10, 30), "T1-day");
  g_assert_true (position.at_stop);
  g_assert_cmpfloat_with_epsilon (position.longitude, 7.31, 1e-5);
  g_assert_cmpint (position.next_stop_at, ==, vigie_test_paris_time (2026, 3, 9, 8, 20, 0));

  /* Before the first departure, after the last arrival: not running. */
  assert_nothing_runs (gtfs, vigie_test_paris_time (2026, 3, 9, 7, 59, 59));
  position = position_at (gtfs, vigie_test_paris_time (2026, 3, 9, 8, 20, 0), "T1-day");
  g_assert_cmpfloat_with_epsilon (position.longitude, 7.32, 1e-5);
  assert_nothing_runs (gtfs, vigie_test_paris_time (2026, 3, 9, 8, 20, 1));

  /* A trip without shape, through a stop with no time of its own. */
  position = position_at (gtfs, vigie_test_paris_time (2026, 3, 9, 9, 10, 0), "T2-a");
  g_assert_true (position.at_stop);
  g_assert_cmpfloat_with_epsilon (position.longitude, 7.31, 1e-6);
}

static void
test_positions_calendar (void)
{
  g_autoptr(VigieGtfs) gtfs = vigie_test_gtfs_load_fixture ("basic", NULL);
  g_autoptr(GHashTable) found = NULL;
  VigieGtfsPosition position;

  /* Tuesday 10 is removed by calendar_dates. */
  assert_nothing_runs (gtfs, vigie_test_paris_time (2026, 3, 10, 8, 5, 0));

  /* Friday 13 runs; Saturday 14 is added; Sunday 15 has the special only. */
  found = vigie_test_gtfs_positions_at (gtfs, vigie_test_paris_time (2026, 3, 13, 8, 5, 0));
  g_assert_true (g_hash_table_contains (found, "T1-day"));
  g_clear_pointer (&found, g_hash_table_unref);
  found = vigie_test_gtfs_positions_at (gtfs, vigie_test_paris_time (2026, 3, 14, 8, 5, 0));
  g_assert_true (g_hash_table_contains (found, "T1-day"));
  g_clear_pointer (&found, g_hash_table_unref);
  assert_nothing_runs (gtfs, vigie_test_paris_time (2026, 3, 15, 8, 5, 0));
  position = position_at (gtfs, vigie_test_paris_time (2026, 3, 15, 10, 10, 0), "T1-special");
  g_assert_cmpfloat_with_epsilon (position.longitude, 7.31, 1e-5);

  /* Outside the calendar's range. */
  assert_nothing_runs (gtfs, vigie_test_paris_time (2026, 4, 1, 8, 5, 0));
}

static void
test_positions_after_midnight (void)
{
  g_autoptr(VigieGtfs) gtfs = vigie_test_gtfs_load_fixture ("basic", NULL);
  g_autoptr(GHashTable) found = NULL;
  VigieGtfsPosition position;

  /* Monday's night trip, before midnight. */
  position = position_at (gtfs, vigie_test_paris_time (2026, 3, 9, 23, 55, 0), "T1-night");
  g_assert_cmpfloat_with_epsilon (position.longitude, 7.3025, 1e-5);

  /* At 00:10 on Tuesday it is still Monday's trip (24:10:00), at B. */
  position = position_at (gtfs, vigie_test_paris_time (2026, 3, 10, 0, 10, 0), "T1-night");
  g_assert_true (position.at_stop);
  g_assert_cmpfloat_with_epsilon (position.longitude, 7.31, 1e-5);
  g_assert_cmpint (position.service_day_start, ==, vigie_test_paris_time (2026, 3, 9, 0, 0, 0));

  /* Tuesday's service is removed: nothing after midnight on Wednesday. */
  assert_nothing_runs (gtfs, vigie_test_paris_time (2026, 3, 11, 0, 10, 0));

  /* Friday's night trip runs into Saturday. */
  found = vigie_test_gtfs_positions_at (gtfs, vigie_test_paris_time (2026, 3, 14, 0, 20, 0));
  g_assert_true (g_hash_table_contains (found, "T1-night"));
}

static void
test_positions_snapshot (void)
{
  g_autoptr(VigieGtfs) gtfs = vigie_test_gtfs_load_fixture ("basic", NULL);
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (vigie_test_paris_time (2026, 3, 9, 8, 5, 0));
  g_autoptr(VigieSnapshot) snapshot = vigie_gtfs_positions_at (gtfs, when);
  VigieEntity *vehicle;
  double bearing;
  gint64 direction;

  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 1);
  vehicle = vigie_snapshot_get_entity (snapshot, 0);
  g_assert_cmpint (vigie_entity_get_kind (vehicle), ==, VIGIE_ENTITY_VEHICLE);
  g_assert_cmpstr (vigie_entity_get_id (vehicle), ==, "T1-day");
  g_assert_cmpint (vigie_entity_get_observed_at (vehicle), ==, g_date_time_to_unix (when));
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "source"), ==, "schedule");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "trip_id"), ==, "T1-day");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "route_id"), ==, "T1");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "route_short_name"), ==, "1");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "route_color"), ==, "BE0013");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "route_text_color"), ==, "FFFFFF");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "headsign"), ==, "C terminus");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "next_stop_id"), ==, "B");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "next_stop_name"), ==, "B");
  g_assert_true (vigie_entity_lookup_int (vehicle, "direction_id", &direction));
  g_assert_cmpint (direction, ==, 0);
  g_assert_true (vigie_entity_lookup_double (vehicle, "bearing", &bearing));
  g_assert_cmpfloat_with_epsilon (bearing, 90.0, 0.5);
}

static void
test_positions_no_dist (void)
{
  g_autoptr(VigieGtfs) gtfs = vigie_test_gtfs_load_fixture ("no-dist", NULL);
  const VigieGtfsTrip *trip = vigie_gtfs_lookup_trip (gtfs, "L1");
  VigieGtfsPosition position;
  const VigieGtfsStopTime *times;
  double north = 0.01 * G_PI / 180.0 * 6371008.8;
  double dist, offset, lat, lon, bearing;
  guint n;

  /* Stops projected onto the shape: S2, 5 m off it, at its corner. */
  times = vigie_gtfs_trip_get_stop_times (gtfs, trip, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat_with_epsilon (times[0].dist_m, 0.0, 0.5);
  g_assert_cmpfloat_with_epsilon (times[1].dist_m, north, 1.0);
  g_assert_cmpfloat_with_epsilon (times[2].dist_m, north + 748.4, 3.0);

  position = position_at (gtfs, vigie_test_utc_time (2026, 6, 1, 10, 5, 0), "L1");
  g_assert_cmpfloat_with_epsilon (position.latitude, 47.755, 1e-5);
  g_assert_cmpfloat_with_epsilon (position.longitude, 7.30, 1e-6);
  g_assert_cmpfloat_with_epsilon (position.bearing, 0.0, 0.5);

  /* Past the corner, along the shape and not across the square. */
  position = position_at (gtfs, vigie_test_utc_time (2026, 6, 1, 10, 15, 0), "L1");
  g_assert_cmpfloat_with_epsilon (position.latitude, 47.76, 1e-5);
  g_assert_cmpfloat_with_epsilon (position.longitude, 7.305, 1e-4);
  g_assert_cmpfloat_with_epsilon (position.bearing, 90.0, 0.5);

  /* Projection and its inverse, for gliding vehicles along the line. */
  g_assert_true (vigie_gtfs_trip_project (gtfs, trip, 47.7601, 7.305, &dist, &offset));
  g_assert_cmpfloat_with_epsilon (dist, north + 374.2, 2.0);
  g_assert_cmpfloat_with_epsilon (offset, 11.1, 0.5);
  g_assert_true (vigie_gtfs_trip_point_at (gtfs, trip, dist, &lat, &lon, &bearing));
  g_assert_cmpfloat_with_epsilon (lat, 47.76, 1e-6);
  g_assert_cmpfloat_with_epsilon (lon, 7.305, 1e-4);
  g_assert_cmpfloat_with_epsilon (bearing, 90.0, 0.5);
}

/* The format ----------------------------------------------------------- */

static VigieSnapshot *
parse_basic (gint64 now)
{
  const VigieParseContext context = { now, "fr", NULL, NULL };
  g_autoptr(GBytes) zip = vigie_test_gtfs_zip_fixture ("basic");
  g_autoptr(GError) error = NULL;
  VigieSnapshot *snapshot;

  snapshot = vigie_format_gtfs.parse (VIGIE_ROLE_MAIN, zip, &context, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);

  return snapshot;
}

static void
test_format_parse (void)
{
  gint64 now = vigie_test_paris_time (2026, 3, 9, 8, 5, 0);
  g_autoptr(VigieSnapshot) snapshot = parse_basic (now);
  g_autoptr(GVariant) routes = NULL;
  VigieEntity *stop;
  gint64 location_type;

  g_assert_true (vigie_format_lookup ("gtfs") == &vigie_format_gtfs);
  g_assert_cmpint (vigie_format_gtfs.default_kind, ==, VIGIE_FEED_KIND_TRAMS);
  g_assert_cmpuint (vigie_format_gtfs.min_interval_s, ==, 3600);
  g_assert_nonnull (vigie_snapshot_get_payload (snapshot));
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 8);

  /* The stops trams serve (not the bus stop Z), the vehicle, and the
   * path of the one shape trams follow, in the line's colour. */
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 6);
  g_assert_null (vigie_test_find_entity (snapshot, VIGIE_ENTITY_STOP, "Z"));
  g_assert_nonnull (vigie_test_find_entity (snapshot, VIGIE_ENTITY_VEHICLE, "T1-day"));
  {
    VigieEntity *line = NULL;
    g_autoptr(GVariant) geometry = NULL;

    for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
      if (vigie_entity_get_kind (vigie_snapshot_get_entity (snapshot, i)) == VIGIE_ENTITY_LINE)
        line = vigie_snapshot_get_entity (snapshot, i);

    g_assert_nonnull (line);
    geometry = g_variant_lookup_value (vigie_entity_get_values (line), "geometry", G_VARIANT_TYPE ("a(dd)"));
    g_assert_nonnull (geometry);
    g_assert_cmpuint (g_variant_n_children (geometry), >=, 2);
    g_assert_nonnull (vigie_entity_lookup_string (line, "route_color"));
  }

  stop = vigie_test_find_entity (snapshot, VIGIE_ENTITY_STOP, "A");
  g_assert_nonnull (stop);
  g_assert_cmpstr (vigie_entity_get_name (stop), ==, "Station A quai");
  g_assert_cmpstr (vigie_entity_lookup_string (stop, "parent_station"), ==, "STA_A");
  g_assert_true (vigie_entity_lookup_int (stop, "location_type", &location_type));
  g_assert_cmpint (location_type, ==, 0);
  routes = g_variant_lookup_value (vigie_entity_get_values (stop), "routes", G_VARIANT_TYPE_STRING_ARRAY);
  g_assert_nonnull (routes);
  g_assert_cmpuint (g_variant_n_children (routes), ==, 3);

  stop = vigie_test_find_entity (snapshot, VIGIE_ENTITY_STOP, "STA_A");
  g_assert_true (vigie_entity_lookup_int (stop, "location_type", &location_type));
  g_assert_cmpint (location_type, ==, 1);
}

static void
test_format_options (void)
{
  g_autoptr(GHashTable) options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const VigieParseContext context = { vigie_test_paris_time (2026, 3, 9, 7, 10, 0), "fr", options, NULL };
  g_autoptr(GBytes) zip = vigie_test_gtfs_zip_fixture ("basic");
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (options, g_strdup ("route-types"), g_strdup ("all"));
  snapshot = vigie_format_gtfs.parse (VIGIE_ROLE_MAIN, zip, &context, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vigie_test_find_entity (snapshot, VIGIE_ENTITY_STOP, "Z"));
  g_assert_nonnull (vigie_test_find_entity (snapshot, VIGIE_ENTITY_VEHICLE, "B10-a"));
  g_clear_pointer (&snapshot, vigie_snapshot_unref);

  g_hash_table_insert (options, g_strdup ("route-types"), g_strdup (" 3 "));
  snapshot = vigie_format_gtfs.parse ("gtfs", zip, &context, &error);
  g_assert_no_error (error);
  /* The bus's stops, its vehicle and its line's path. */
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 5);
  g_clear_pointer (&snapshot, vigie_snapshot_unref);

  g_hash_table_insert (options, g_strdup ("route-types"), g_strdup ("trams"));
  snapshot = vigie_format_gtfs.parse (VIGIE_ROLE_MAIN, zip, &context, &error);
  g_assert_null (snapshot);
  g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_UNSUPPORTED);
}

static VigieEntity *
realtime_vehicle (const char *id,
                  const char *trip_id,
                  const char *stop_id,
                  double      longitude,
                  gint64      observed_at)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&values, "source", "s", "realtime");
  g_variant_dict_insert (&values, "trip_id", "s", trip_id);
  if (stop_id != NULL)
    {
      g_variant_dict_insert (&values, "stop_id", "s", stop_id);
      g_variant_dict_insert (&values, "current_status", "s", "stopped_at");
    }

  return vigie_entity_new (VIGIE_ENTITY_VEHICLE, id, NULL,
                           isnan (longitude) ? NAN : 47.75, longitude,
                           observed_at, g_variant_dict_end (&values));
}

/* The engine stamps the entities a combination returns, possibly in two
 * workers at once: none may be an object of a document's snapshot. */
static void
assert_no_shared_entities (VigieSnapshot *combined,
                           VigieSnapshot *document)
{
  for (guint i = 0; i < vigie_snapshot_get_n_entities (combined); i++)
    for (guint j = 0; j < vigie_snapshot_get_n_entities (document); j++)
      g_assert_true (vigie_snapshot_get_entity (combined, i) != vigie_snapshot_get_entity (document, j));
}

static void
test_format_combine (void)
{
  gint64 now = vigie_test_paris_time (2026, 3, 9, 8, 7, 0);
  const VigieParseContext context = { now, "fr", NULL, NULL };
  g_autoptr(VigieSnapshot) timetable = parse_basic (now);
  g_autoptr(VigieSnapshot) realtime = vigie_snapshot_new ();
  g_autoptr(GHashTable) by_role = NULL;
  g_autoptr(VigieSnapshot) combined = NULL;
  VigieEntity *vehicle;
  gint64 delay;

  by_role = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) vigie_snapshot_unref);
  g_hash_table_insert (by_role, (gpointer) VIGIE_ROLE_MAIN, vigie_snapshot_ref (timetable));

  /* Without real time: the timetable's positions at the moment. */
  combined = vigie_format_gtfs.combine (by_role, &context);
  g_assert_nonnull (combined);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, 5 + 1);   /* and the line's path */
  vehicle = vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "T1-day");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "source"), ==, "schedule");
  assert_no_shared_entities (combined, timetable);
  g_clear_pointer (&combined, vigie_snapshot_unref);

  /* With real time: those vehicles, enriched, and their delay. At 08:07
   * the tram is where the timetable has it at 08:05: 2 min late. */
  vigie_snapshot_add_entity (realtime, realtime_vehicle ("tram-12", "T1-day", NULL, 7.305, now));
  vigie_snapshot_add_entity (realtime, realtime_vehicle ("tram-14", "T1-day", "B", NAN, vigie_test_paris_time (2026, 3, 9, 8, 12, 0)));
  vigie_snapshot_add_entity (realtime, realtime_vehicle ("tram-99", "unknown-trip", NULL, 7.305, now));
  g_hash_table_insert (by_role, (gpointer) "vehicle-positions", vigie_snapshot_ref (realtime));

  combined = vigie_format_gtfs.combine (by_role, &context);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, 4 + 1 + 3);
  g_assert_null (vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "T1-day"));
  assert_no_shared_entities (combined, timetable);
  assert_no_shared_entities (combined, realtime);

  vehicle = vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "tram-12");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "source"), ==, "realtime");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "route_id"), ==, "T1");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "route_color"), ==, "BE0013");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "route_short_name"), ==, "1");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "headsign"), ==, "C terminus");
  g_assert_true (vigie_entity_lookup_int (vehicle, "delay_s", &delay));
  g_assert_cmpint (delay, ==, 120);

  /* Stopped at B at 08:12, due to leave at 08:11. */
  vehicle = vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "tram-14");
  g_assert_true (vigie_entity_lookup_int (vehicle, "delay_s", &delay));
  g_assert_cmpint (delay, ==, 60);

  vehicle = vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "tram-99");
  g_assert_null (vigie_entity_lookup_string (vehicle, "route_color"));
  g_assert_false (vigie_entity_lookup_int (vehicle, "delay_s", NULL));
}

/* The "ghosts" case, in Europe/Paris, every day of March 2026: line 3
 * between Nord and Sud; G-south-1 runs 08:00–08:20, G-north-1 08:05–08:25,
 * G-south-2 10:00–10:20. */
static guint
count_ghosts (VigieSnapshot *snapshot)
{
  guint n = 0;

  for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
    {
      gboolean ghost = FALSE;

      if (vigie_entity_lookup_boolean (vigie_snapshot_get_entity (snapshot, i), "ghost", &ghost) && ghost)
        n++;
    }

  return n;
}

static void
test_format_ghosts (void)
{
  static const char * const refs[] = {
    "SOLEA-SIMULE:VehicleJourney::G-north-1:",   /* the simulator's SIRI-Lite */
    "FR:ServiceJourney:G-north-1:LOC",           /* NeTEx's usual form */
    "G-north-1",                                 /* GTFS-Realtime */
  };
  gint64 now = vigie_test_paris_time (2026, 3, 9, 8, 10, 0);
  const VigieParseContext context = { now, "fr", NULL, NULL };
  g_autoptr(GBytes) zip = vigie_test_gtfs_zip_fixture ("ghosts");
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSnapshot) timetable = NULL;
  g_autoptr(GHashTable) by_role = NULL;

  timetable = vigie_format_gtfs.parse (VIGIE_ROLE_MAIN, zip, &context, &error);
  g_assert_no_error (error);
  by_role = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) vigie_snapshot_unref);
  g_hash_table_insert (by_role, (gpointer) VIGIE_ROLE_MAIN, vigie_snapshot_ref (timetable));

  /* Timetable alone: two trips running, neither a ghost. */
  {
    g_autoptr(VigieSnapshot) combined = vigie_format_gtfs.combine (by_role, &context);

    g_assert_nonnull (vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "G-south-1"));
    g_assert_nonnull (vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "G-north-1"));
    g_assert_cmpuint (count_ghosts (combined), ==, 0);
  }

  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    {
      g_autoptr(VigieSnapshot) realtime = vigie_snapshot_new ();
      g_autoptr(VigieSnapshot) combined = NULL;
      VigieEntity *ghost;
      gboolean flag = FALSE;

      g_test_message ("trip ref %s", refs[i]);
      vigie_snapshot_add_entity (realtime, realtime_vehicle ("tram-7", refs[i], NULL, 7.34, now));
      g_hash_table_insert (by_role, (gpointer) "vehicle-positions", vigie_snapshot_ref (realtime));

      combined = vigie_format_gtfs.combine (by_role, &context);
      g_assert_nonnull (vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "tram-7"));
      g_assert_cmpuint (count_ghosts (combined), ==, 1);
      /* Enriched from the timetable whatever the reference's wrapping. */
      g_assert_cmpstr (vigie_entity_lookup_string (vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "tram-7"),
                                                   "route_short_name"), ==, "3");

      /* The trip no vehicle covers, where the timetable has it: halfway
       * from Nord to Sud at 08:10. The covered one is no ghost. */
      ghost = vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "ghost:G-south-1");
      g_assert_nonnull (ghost);
      g_assert_null (vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "ghost:G-north-1"));
      g_assert_null (vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "G-south-1"));
      g_assert_true (vigie_entity_lookup_boolean (ghost, "ghost", &flag));
      g_assert_true (flag);
      g_assert_cmpstr (vigie_entity_lookup_string (ghost, "source"), ==, "schedule");
      g_assert_cmpstr (vigie_entity_lookup_string (ghost, "trip_id"), ==, "G-south-1");
      g_assert_cmpstr (vigie_entity_lookup_string (ghost, "route_short_name"), ==, "3");
      g_assert_cmpstr (vigie_entity_lookup_string (ghost, "headsign"), ==, "Sud");
      g_assert_cmpfloat_with_epsilon (vigie_entity_get_latitude (ghost), 47.75, 1e-4);
      g_assert_cmpint (vigie_entity_get_observed_at (ghost), ==, now);
    }

  /* Both trips covered: no ghost. An empty answer is a feed down, not
   * every tram missing: no ghost either. */
  {
    g_autoptr(VigieSnapshot) realtime = vigie_snapshot_new ();
    g_autoptr(VigieSnapshot) combined = NULL;

    vigie_snapshot_add_entity (realtime, realtime_vehicle ("tram-7", "G-north-1", NULL, 7.34, now));
    vigie_snapshot_add_entity (realtime, realtime_vehicle ("tram-8", "SOLEA-SIMULE:VehicleJourney::G-south-1:", NULL, 7.34, now));
    g_hash_table_insert (by_role, (gpointer) "vehicle-positions", vigie_snapshot_ref (realtime));
    combined = vigie_format_gtfs.combine (by_role, &context);
    g_assert_cmpuint (count_ghosts (combined), ==, 0);
    g_clear_pointer (&combined, vigie_snapshot_unref);

    g_hash_table_insert (by_role, (gpointer) "vehicle-positions", vigie_snapshot_new ());
    combined = vigie_format_gtfs.combine (by_role, &context);
    g_assert_cmpuint (count_ghosts (combined), ==, 0);
  }
}

static void
test_format_sniff (void)
{
  g_autoptr(GBytes) zip = vigie_test_gtfs_zip_fixture ("basic");
  g_autoptr(GBytes) text = g_bytes_new_static ("{\"type\":\"FeatureCollection\"}", 28);

  g_assert_true (vigie_format_gtfs.sniff ("application/zip", zip));
  g_assert_false (vigie_format_gtfs.sniff ("application/json", text));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gtfs/positions/basic", test_positions_basic);
  g_test_add_func ("/gtfs/positions/calendar", test_positions_calendar);
  g_test_add_func ("/gtfs/positions/after-midnight", test_positions_after_midnight);
  g_test_add_func ("/gtfs/positions/snapshot", test_positions_snapshot);
  g_test_add_func ("/gtfs/positions/no-dist", test_positions_no_dist);
  g_test_add_func ("/gtfs/format/parse", test_format_parse);
  g_test_add_func ("/gtfs/format/options", test_format_options);
  g_test_add_func ("/gtfs/format/combine", test_format_combine);
  g_test_add_func ("/gtfs/format/ghosts", test_format_ghosts);
  g_test_add_func ("/gtfs/format/sniff", test_format_sniff);

  return g_test_run ();
}
