/* test-gtfs-rt.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vigie-format-gtfs-rt.h"
#include "vigie-formats.h"
#include "vigie-store.h"
#include "vigie-test-gtfs-rt.h"
#include "vigie-test-support.h"

/* The fixtures are built here, with the same generated protobuf-c code
 * the parser uses, from the GTFS-Realtime reference and the validator
 * errors seen on French feeds (W001 no timestamp, E028 at (0, 0)). */

/* 2026-01-05 07:12:40 UTC: the feeds below were made a few seconds before. */
#define NOW G_GINT64_CONSTANT (1767597160)
#define FEED_TIME (NOW - 15)

static VigieSnapshot *
parse (GBytes *bytes)
{
  return vigie_test_parse (&vigie_format_gtfs_rt, VIGIE_ROLE_MAIN, bytes, NOW, "fr");
}

static VigieSnapshot *
parse_feed (VigieTestFeed *feed)
{
  g_autoptr(GBytes) bytes = vigie_test_feed_pack (feed);

  return parse (bytes);
}

static void
assert_age_unknown (VigieEntity *entity,
                    gboolean     expected)
{
  gboolean value = !expected;

  g_assert_true (vigie_entity_lookup_boolean (entity, "age_unknown", &value));
  g_assert_cmpint (value, ==, expected);
}

/* The two trams of FEEDS.md's illustrative VehiclePositions. */
static VigieTestFeed *
make_reference_feed (void)
{
  return vigie_test_feed_new_reference (FEED_TIME);
}

static void
test_gtfs_rt_full_dataset (void)
{
  g_autoptr(VigieTestFeed) feed = make_reference_feed ();
  g_autoptr(VigieSnapshot) snapshot = parse_feed (feed);
  VigieEntity *tram;
  double d;

  g_assert_false (vigie_snapshot_get_incremental (snapshot));
  g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, FEED_TIME);
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 2);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 2);

  tram = vigie_snapshot_get_entity (snapshot, 0);
  g_assert_cmpstr (vigie_entity_get_id (tram), ==, "2012");
  g_assert_cmpstr (vigie_entity_get_name (tram), ==, "Citadis 2012");
  g_assert_cmpfloat_with_epsilon (vigie_entity_get_latitude (tram), 47.74661, 1e-5);
  g_assert_cmpfloat_with_epsilon (vigie_entity_get_longitude (tram), 7.33852, 1e-5);
  g_assert_cmpint (vigie_entity_get_observed_at (tram), ==, FEED_TIME - 6);
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "trip_id"), ==, "T1-S-0712");
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "route_id"), ==, "T1");
  vigie_test_assert_int_value (tram, "direction_id", 0);
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "start_date"), ==, "20260105");
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "start_time"), ==, "07:55:00");
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "schedule_relationship"), ==, "scheduled");
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "vehicle_label"), ==, "Citadis 2012");
  g_assert_true (vigie_entity_lookup_double (tram, "bearing", &d));
  g_assert_cmpfloat_with_epsilon (d, 84.0, 1e-6);
  g_assert_true (vigie_entity_lookup_double (tram, "speed", &d));
  g_assert_cmpfloat_with_epsilon (d, 6.1, 1e-5);
  vigie_test_assert_int_value (tram, "current_stop_sequence", 9);
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "stop_id"), ==, "PORTE_JEUNE_1");
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "current_status"), ==, "stopped_at");
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "occupancy_status"), ==, "many_seats_available");
  vigie_test_assert_int_value (tram, "occupancy_percentage", 35);
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "source"), ==, "realtime");
  assert_age_unknown (tram, FALSE);

  tram = vigie_snapshot_get_entity (snapshot, 1);
  g_assert_cmpstr (vigie_entity_get_id (tram), ==, "2007");
  g_assert_null (vigie_entity_get_name (tram));
  vigie_test_assert_int_value (tram, "direction_id", 1);
  g_assert_true (vigie_entity_lookup_double (tram, "bearing", &d));
  g_assert_cmpfloat_with_epsilon (d, 201.0, 1e-6);
  g_assert_false (vigie_entity_lookup_double (tram, "speed", &d));
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "current_status"), ==, "in_transit_to");
  g_assert_null (vigie_entity_lookup_string (tram, "schedule_relationship"));
  g_assert_null (vigie_entity_lookup_string (tram, "start_date"));
  g_assert_null (vigie_entity_lookup_string (tram, "occupancy_status"));
}

static void
test_gtfs_rt_differential (void)
{
  g_autoptr(VigieTestFeed) full = vigie_test_feed_new (FEED_TIME - 30, FALSE);
  g_autoptr(VigieTestFeed) diff = vigie_test_feed_new (FEED_TIME, TRUE);
  g_autoptr(VigieSnapshot) first = NULL;
  g_autoptr(VigieSnapshot) update = NULL;
  g_autoptr(VigieStore) store = vigie_store_new ();
  g_autofree char *key_2007 = vigie_entity_make_key (VIGIE_ENTITY_VEHICLE, "2007");
  g_autofree char *key_entity = vigie_entity_make_key (VIGIE_ENTITY_VEHICLE, "tram-2003");
  const char * const *removed;
  TransitRealtime__FeedEntity *deleted;

  vigie_test_feed_add_vehicle (full, "tram-2012", "2012", 47.746f, 7.338f, FEED_TIME - 35);
  vigie_test_feed_add_vehicle (full, "tram-2007", "2007", 47.741f, 7.342f, FEED_TIME - 35);
  /* Shown under its entity id: it has no vehicle descriptor. */
  vigie_test_feed_add_vehicle (full, "tram-2003", NULL, 47.750f, 7.330f, FEED_TIME - 35);
  vigie_test_feed_add_vehicle (full, "tram-2001", "2001", 47.752f, 7.331f, FEED_TIME - 35);
  first = parse_feed (full);
  vigie_store_apply (store, first, NOW);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 4);

  /* 2012 moves, 2007 is deleted with its descriptor, tram-2003 by entity
   * id alone, 2020 appears; 2001 is not mentioned and stays. */
  vigie_test_feed_add_vehicle (diff, "tram-2012", "2012", 47.747f, 7.339f, FEED_TIME - 5);
  deleted = vigie_test_feed_add_entity (diff, "tram-2007");
  deleted->has_is_deleted = TRUE;
  deleted->is_deleted = TRUE;
  deleted->vehicle = vigie_test_feed_alloc (diff, sizeof *deleted->vehicle);
  transit_realtime__vehicle_position__init (deleted->vehicle);
  deleted->vehicle->vehicle = vigie_test_feed_alloc (diff, sizeof *deleted->vehicle->vehicle);
  transit_realtime__vehicle_descriptor__init (deleted->vehicle->vehicle);
  deleted->vehicle->vehicle->id = (char *) "2007";
  deleted = vigie_test_feed_add_entity (diff, "tram-2003");
  deleted->has_is_deleted = TRUE;
  deleted->is_deleted = TRUE;
  vigie_test_feed_add_vehicle (diff, "tram-2020", "2020", 47.760f, 7.320f, FEED_TIME - 5);

  update = parse_feed (diff);
  g_assert_true (vigie_snapshot_get_incremental (update));
  g_assert_cmpuint (vigie_snapshot_get_n_entities (update), ==, 2);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (update), ==, 0);
  removed = vigie_snapshot_get_removed_keys (update);
  g_assert_true (g_strv_contains (removed, key_2007));
  g_assert_true (g_strv_contains (removed, key_entity));

  vigie_store_apply (store, update, NOW);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_nonnull (vigie_store_lookup (store, VIGIE_ENTITY_VEHICLE, "2012"));
  g_assert_nonnull (vigie_store_lookup (store, VIGIE_ENTITY_VEHICLE, "2001"));
  g_assert_nonnull (vigie_store_lookup (store, VIGIE_ENTITY_VEHICLE, "2020"));
  g_assert_null (vigie_store_lookup (store, VIGIE_ENTITY_VEHICLE, "2007"));
  g_assert_null (vigie_store_lookup (store, VIGIE_ENTITY_VEHICLE, "tram-2003"));
  g_assert_cmpint (vigie_entity_get_observed_at (vigie_store_lookup (store, VIGIE_ENTITY_VEHICLE, "2012")),
                   ==, FEED_TIME - 5);
}

static void
test_gtfs_rt_deleted_in_full_dataset (void)
{
  g_autoptr(VigieTestFeed) feed = vigie_test_feed_new (FEED_TIME, FALSE);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  TransitRealtime__FeedEntity *deleted;

  vigie_test_feed_add_vehicle (feed, "a", "A", 47.74f, 7.33f, FEED_TIME);
  deleted = vigie_test_feed_add_entity (feed, "b");
  deleted->has_is_deleted = TRUE;
  deleted->is_deleted = TRUE;

  snapshot = parse_feed (feed);
  g_assert_false (vigie_snapshot_get_incremental (snapshot));
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 1);
  g_assert_null (vigie_snapshot_get_removed_keys (snapshot)[0]);
}

static void
test_gtfs_rt_missing_optional (void)
{
  g_autoptr(VigieTestFeed) feed = vigie_test_feed_new (FEED_TIME, FALSE);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GVariant) values = NULL;
  TransitRealtime__VehiclePosition *v;
  VigieEntity *tram;
  gint64 i;
  double d;

  /* Nothing but a position: no descriptor, no trip, no time. */
  vigie_test_feed_add_vehicle (feed, "entity-1", NULL, 47.74f, 7.33f, 0);

  /* A label and no id: the label is the id. An empty trip. */
  v = vigie_test_feed_add_vehicle (feed, "entity-2", NULL, 47.75f, 7.34f, FEED_TIME);
  v->vehicle = vigie_test_feed_alloc (feed, sizeof *v->vehicle);
  transit_realtime__vehicle_descriptor__init (v->vehicle);
  v->vehicle->label = (char *) "Rame 14";
  vigie_test_vehicle_add_trip (feed, v);

  /* A stop without a status means IN_TRANSIT_TO; an empty id string is
   * no id; bearing and speed that are not numbers are left out. */
  v = vigie_test_feed_add_vehicle (feed, "entity-3", "", 47.76f, 7.35f, FEED_TIME);
  v->stop_id = (char *) "GARE";
  v->position->has_bearing = TRUE;
  v->position->bearing = NAN;
  v->position->has_speed = TRUE;
  v->position->speed = -3.0f;
  v->has_occupancy_status = TRUE;
  v->occupancy_status = 42;  /* from a proto newer than ours */

  snapshot = parse_feed (feed);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 3);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);

  tram = vigie_test_find_id (snapshot, "entity-1", VIGIE_ENTITY_VEHICLE);
  g_assert_nonnull (tram);
  g_assert_null (vigie_entity_get_name (tram));
  values = g_variant_ref (vigie_entity_get_values (tram));
  /* age_unknown and source, nothing else. */
  g_assert_cmpuint (g_variant_n_children (values), ==, 2);
  assert_age_unknown (tram, TRUE);
  g_assert_false (vigie_entity_lookup_int (tram, "direction_id", &i));
  g_assert_false (vigie_entity_lookup_int (tram, "current_stop_sequence", &i));
  g_assert_null (vigie_entity_lookup_string (tram, "current_status"));

  tram = vigie_test_find_id (snapshot, "Rame 14", VIGIE_ENTITY_VEHICLE);
  g_assert_nonnull (tram);
  g_assert_cmpstr (vigie_entity_get_name (tram), ==, "Rame 14");
  g_assert_null (vigie_entity_lookup_string (tram, "trip_id"));
  assert_age_unknown (tram, FALSE);

  tram = vigie_test_find_id (snapshot, "entity-3", VIGIE_ENTITY_VEHICLE);
  g_assert_nonnull (tram);
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "current_status"), ==, "in_transit_to");
  g_assert_false (vigie_entity_lookup_double (tram, "bearing", &d));
  g_assert_false (vigie_entity_lookup_double (tram, "speed", &d));
  g_assert_null (vigie_entity_lookup_string (tram, "occupancy_status"));
}

static void
test_gtfs_rt_no_timestamp (void)
{
  g_autoptr(VigieTestFeed) with_header = vigie_test_feed_new (FEED_TIME, FALSE);
  g_autoptr(VigieTestFeed) without = vigie_test_feed_new (0, FALSE);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  VigieEntity *tram;

  vigie_test_feed_add_vehicle (with_header, "a", "A", 47.74f, 7.33f, 0);
  snapshot = parse_feed (with_header);
  tram = vigie_test_find_id (snapshot, "A", VIGIE_ENTITY_VEHICLE);
  g_assert_cmpint (vigie_entity_get_observed_at (tram), ==, FEED_TIME);
  assert_age_unknown (tram, TRUE);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
  g_clear_pointer (&snapshot, vigie_snapshot_unref);

  /* Neither the vehicle nor the header: now is all we have. */
  vigie_test_feed_add_vehicle (without, "a", "A", 47.74f, 7.33f, 0);
  vigie_test_feed_add_vehicle (without, "b", "B", 47.75f, 7.33f, NOW - 20);
  snapshot = parse_feed (without);
  g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, 0);
  g_assert_true (vigie_test_has_warning (snapshot, "no timestamp"));
  tram = vigie_test_find_id (snapshot, "A", VIGIE_ENTITY_VEHICLE);
  g_assert_cmpint (vigie_entity_get_observed_at (tram), ==, NOW);
  assert_age_unknown (tram, TRUE);
  tram = vigie_test_find_id (snapshot, "B", VIGIE_ENTITY_VEHICLE);
  g_assert_cmpint (vigie_entity_get_observed_at (tram), ==, NOW - 20);
  assert_age_unknown (tram, FALSE);
}

static void
test_gtfs_rt_bad_positions (void)
{
  g_autoptr(VigieTestFeed) feed = vigie_test_feed_new (FEED_TIME, FALSE);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  TransitRealtime__FeedEntity *entity;

  vigie_test_feed_add_vehicle (feed, "zero", "ZERO", 0.0f, 0.0f, FEED_TIME);
  vigie_test_feed_add_vehicle (feed, "north", "NORTH", 91.0f, 7.0f, FEED_TIME);
  vigie_test_feed_add_vehicle (feed, "east", "EAST", 47.0f, 180.5f, FEED_TIME);
  vigie_test_feed_add_vehicle (feed, "nan", "NAN", NAN, 7.0f, FEED_TIME);
  vigie_test_feed_add_vehicle (feed, "inf", "INF", 47.0f, INFINITY, FEED_TIME);
  entity = vigie_test_feed_add_entity (feed, "nowhere");
  entity->vehicle = vigie_test_feed_alloc (feed, sizeof *entity->vehicle);
  transit_realtime__vehicle_position__init (entity->vehicle);
  /* On the equator and on the meridian, but not both: real places. */
  vigie_test_feed_add_vehicle (feed, "equator", "EQUATOR", 0.0f, 7.33f, FEED_TIME);
  vigie_test_feed_add_vehicle (feed, "good", "GOOD", 47.74f, 7.33f, FEED_TIME);

  snapshot = parse_feed (feed);
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 8);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 2);
  g_assert_nonnull (vigie_test_find_id (snapshot, "GOOD", VIGIE_ENTITY_VEHICLE));
  g_assert_nonnull (vigie_test_find_id (snapshot, "EQUATOR", VIGIE_ENTITY_VEHICLE));
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 6);
  g_assert_true (vigie_test_has_warning (snapshot, "ZERO is at latitude 0, longitude 0"));
  g_assert_true (vigie_test_has_warning (snapshot, "NORTH has an impossible position"));
  g_assert_true (vigie_test_has_warning (snapshot, "EAST has an impossible position"));
  g_assert_true (vigie_test_has_warning (snapshot, "NAN has an impossible position"));
  g_assert_true (vigie_test_has_warning (snapshot, "INF has an impossible position"));
  g_assert_true (vigie_test_has_warning (snapshot, "nowhere has no position"));
}

static void
test_gtfs_rt_bad_timestamps (void)
{
  g_autoptr(VigieTestFeed) feed = vigie_test_feed_new (NOW + 3600, FALSE);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  VigieEntity *tram;

  vigie_test_feed_add_vehicle (feed, "a", "AHEAD", 47.74f, 7.33f, NOW + 5 * 60 + 1);
  vigie_test_feed_add_vehicle (feed, "b", "SLIGHTLY_AHEAD", 47.74f, 7.33f, NOW + 5 * 60);
  vigie_test_feed_add_vehicle (feed, "c", "OLD", 47.74f, 7.33f, NOW - 2 * 86400);
  vigie_test_feed_add_vehicle (feed, "d", "HOUR_OLD", 47.74f, 7.33f, NOW - 3600);
  vigie_test_feed_add_vehicle (feed, "e", "MILLISECONDS", 47.74f, 7.33f, (guint64) (NOW - 10) * 1000 + 250);
  vigie_test_feed_add_vehicle (feed, "f", "HUGE", 47.74f, 7.33f, G_MAXUINT64);
  /* Takes the header's time, which is ignored: dated now. */
  vigie_test_feed_add_vehicle (feed, "g", "UNDATED", 47.74f, 7.33f, 0);

  snapshot = parse_feed (feed);
  g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, 0);
  g_assert_true (vigie_test_has_warning (snapshot, "header’s timestamp is in the future"));
  g_assert_true (vigie_test_has_warning (snapshot, "AHEAD has a timestamp in the future"));
  g_assert_true (vigie_test_has_warning (snapshot, "HUGE has a timestamp in the future"));
  g_assert_true (vigie_test_has_warning (snapshot, "OLD has a timestamp more than a day old"));
  g_assert_true (vigie_test_has_warning (snapshot, "milliseconds"));
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 5);

  g_assert_null (vigie_test_find_id (snapshot, "AHEAD", VIGIE_ENTITY_VEHICLE));
  g_assert_null (vigie_test_find_id (snapshot, "HUGE", VIGIE_ENTITY_VEHICLE));
  g_assert_null (vigie_test_find_id (snapshot, "OLD", VIGIE_ENTITY_VEHICLE));
  g_assert_nonnull (vigie_test_find_id (snapshot, "SLIGHTLY_AHEAD", VIGIE_ENTITY_VEHICLE));
  g_assert_nonnull (vigie_test_find_id (snapshot, "HOUR_OLD", VIGIE_ENTITY_VEHICLE));
  tram = vigie_test_find_id (snapshot, "MILLISECONDS", VIGIE_ENTITY_VEHICLE);
  g_assert_cmpint (vigie_entity_get_observed_at (tram), ==, NOW - 10);
  tram = vigie_test_find_id (snapshot, "UNDATED", VIGIE_ENTITY_VEHICLE);
  g_assert_cmpint (vigie_entity_get_observed_at (tram), ==, NOW);
  assert_age_unknown (tram, TRUE);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 4);
}

static void
test_gtfs_rt_duplicates (void)
{
  g_autoptr(VigieTestFeed) feed = vigie_test_feed_new (FEED_TIME, FALSE);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  VigieEntity *tram;

  vigie_test_feed_add_vehicle (feed, "e1", "2012", 47.701f, 7.33f, FEED_TIME - 30);
  vigie_test_feed_add_vehicle (feed, "other", "2001", 47.800f, 7.30f, FEED_TIME - 30);
  vigie_test_feed_add_vehicle (feed, "e2", "2012", 47.702f, 7.33f, FEED_TIME - 10);
  vigie_test_feed_add_vehicle (feed, "e3", "2012", 47.703f, 7.33f, FEED_TIME - 20);

  snapshot = parse_feed (feed);
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 4);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 2);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 2);
  g_assert_true (vigie_test_has_warning (snapshot, "2012 appears more than once"));

  /* Where it was first seen, with its newest position. */
  tram = vigie_snapshot_get_entity (snapshot, 0);
  g_assert_cmpstr (vigie_entity_get_id (tram), ==, "2012");
  g_assert_cmpint (vigie_entity_get_observed_at (tram), ==, FEED_TIME - 10);
  g_assert_cmpfloat_with_epsilon (vigie_entity_get_latitude (tram), 47.702, 1e-5);
}

static void
test_gtfs_rt_not_vehicles (void)
{
  g_autoptr(VigieTestFeed) feed = vigie_test_feed_new (FEED_TIME, FALSE);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  TransitRealtime__FeedEntity *entity;
  TransitRealtime__TripUpdate *update;

  entity = vigie_test_feed_add_entity (feed, "update-1");
  update = entity->trip_update = vigie_test_feed_alloc (feed, sizeof *update);
  transit_realtime__trip_update__init (update);
  update->trip = vigie_test_feed_alloc (feed, sizeof *update->trip);
  transit_realtime__trip_descriptor__init (update->trip);
  update->trip->trip_id = (char *) "T1-S-0712";

  /* A trip update naming no stop is a record that shows nothing. */
  snapshot = parse_feed (feed);
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 1);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
}

static void
test_gtfs_rt_empty_feed (void)
{
  g_autoptr(VigieTestFeed) feed = vigie_test_feed_new (FEED_TIME, FALSE);
  g_autoptr(VigieSnapshot) snapshot = parse_feed (feed);

  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
  g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, FEED_TIME);
}

static void
test_gtfs_rt_invalid_utf8 (void)
{
  g_autoptr(VigieTestFeed) feed = vigie_test_feed_new (FEED_TIME, FALSE);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  TransitRealtime__VehiclePosition *v;
  VigieEntity *tram;

  v = vigie_test_feed_add_vehicle (feed, "e1", "R\xe9seau-12", 47.74f, 7.33f, FEED_TIME);
  v->vehicle->label = (char *) "Rame \xff";
  v->stop_id = (char *) "Gare\xc3";

  snapshot = parse_feed (feed);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 1);
  tram = vigie_snapshot_get_entity (snapshot, 0);
  g_assert_true (g_utf8_validate (vigie_entity_get_id (tram), -1, NULL));
  g_assert_true (g_utf8_validate (vigie_entity_get_name (tram), -1, NULL));
  g_assert_true (g_str_has_prefix (vigie_entity_lookup_string (tram, "stop_id"), "Gare"));
}

static GError *
parse_error (GBytes *bytes)
{
  const VigieParseContext context = { NOW, "fr", NULL, NULL };
  GError *error = NULL;
  VigieSnapshot *snapshot;

  snapshot = vigie_format_gtfs_rt.parse (VIGIE_ROLE_MAIN, bytes, &context, &error);
  g_assert_null (snapshot);
  g_assert_nonnull (error);

  return error;
}

static void
test_gtfs_rt_invalid (void)
{
  static const char json[] = "{\"header\": {\"gtfs_realtime_version\": \"\"}, \"entity\": []}";
  static const guint8 no_header[] = { 0x12, 0x03, 0x0a, 0x01, 'x' };   /* one entity, id "x" */
  static const guint8 empty_version[] = { 0x0a, 0x02, 0x0a, 0x00 };
  g_autoptr(VigieTestFeed) feed = make_reference_feed ();
  g_autoptr(GBytes) valid = vigie_test_feed_pack (feed);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const guint8 *data = g_bytes_get_data (valid, &size);
  guint8 garbage[512];

  bytes = g_bytes_new_static ("", 0);
  error = parse_error (bytes);
  g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_EMPTY);
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = g_bytes_new_static (json, sizeof json - 1);
  error = parse_error (bytes);
  g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "GTFS-Realtime"));
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = g_bytes_new_static (no_header, sizeof no_header);
  error = parse_error (bytes);
  g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = g_bytes_new_static (empty_version, sizeof empty_version);
  error = parse_error (bytes);
  g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8) g_test_rand_int_range (0, 256);
  bytes = g_bytes_new_static (garbage, sizeof garbage);
  error = parse_error (bytes);
  g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* Every truncation of a valid feed is refused or read, never a crash;
   * cut inside the header it cannot be read at all. */
  for (gsize length = 1; length < size; length++)
    {
      g_autoptr(GBytes) truncated = g_bytes_new_static (data, length);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(VigieSnapshot) snapshot = vigie_format_gtfs_rt.parse (VIGIE_ROLE_MAIN, truncated, NULL, &local_error);

      g_assert_true ((snapshot == NULL) != (local_error == NULL));
      if (length < 10)
        g_assert_error (local_error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID);
    }
}

static void
test_gtfs_rt_format (void)
{
  g_autoptr(VigieTestFeed) feed = make_reference_feed ();
  g_autoptr(GBytes) valid = vigie_test_feed_pack (feed);
  g_autoptr(GBytes) json = g_bytes_new_static ("{\"data\": {}}", 12);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  const VigieFormat *format = vigie_format_lookup ("gtfs-rt");

  g_assert_true (format == &vigie_format_gtfs_rt);
  g_assert_cmpint (format->default_kind, ==, VIGIE_FEED_KIND_TRAMS);
  g_assert_cmpuint (format->min_interval_s, ==, 5);

  g_assert_true (format->sniff ("application/x-protobuf", valid));
  g_assert_false (format->sniff ("application/json", json));
  g_assert_false (format->sniff (NULL, empty));
  g_assert_true (vigie_format_sniff (NULL, valid) == &vigie_format_gtfs_rt);
}

static void
test_gtfs_rt_allocations (void)
{
  g_autoptr(VigieTestFeed) feed = make_reference_feed ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VigieSnapshot) reference = NULL;
  const VigieParseContext context = { NOW, "fr", NULL, NULL };
  VigieGtfsRtAllocation allocations[] = { VIGIE_GTFS_RT_ARENA_PER_CALL, VIGIE_GTFS_RT_MALLOC };
  char ids[300][8];

  /* Big enough that the thread's arena outgrows its first block. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      TransitRealtime__VehiclePosition *v;

      g_snprintf (ids[i], sizeof ids[i], "v%u", i);
      v = vigie_test_feed_add_vehicle (feed, ids[i], ids[i], 47.7f + i * 1e-4f, 7.3f, FEED_TIME - i % 60);
      vigie_test_vehicle_add_trip (feed, v)->trip_id = ids[i];
    }
  bytes = vigie_test_feed_pack (feed);

  reference = vigie_gtfs_rt_parse (bytes, &context, VIGIE_GTFS_RT_ARENA_PER_THREAD, NULL);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (reference), ==, 302);

  for (guint i = 0; i < G_N_ELEMENTS (allocations); i++)
    {
      g_autoptr(VigieSnapshot) snapshot = vigie_gtfs_rt_parse (bytes, &context, allocations[i], NULL);

      vigie_test_assert_same_snapshots (reference, snapshot);
    }

  /* The kept arena, once rewound, gives the same result again. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(VigieSnapshot) snapshot = vigie_gtfs_rt_parse (bytes, &context, VIGIE_GTFS_RT_ARENA_PER_THREAD, NULL);

      vigie_test_assert_same_snapshots (reference, snapshot);
    }
}

typedef struct
{
  GBytes        *bytes;
  VigieSnapshot *reference;
} ThreadData;

static gpointer
parse_in_thread (gpointer user_data)
{
  ThreadData *data = user_data;
  const VigieParseContext context = { NOW, "fr", NULL, NULL };

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(VigieSnapshot) snapshot = vigie_format_gtfs_rt.parse (VIGIE_ROLE_MAIN, data->bytes, &context, NULL);

      vigie_test_assert_same_snapshots (data->reference, snapshot);
    }

  return NULL;
}

/* parse() runs in the feed engine's worker threads: each has its arena. */
static void
test_gtfs_rt_threads (void)
{
  g_autoptr(VigieTestFeed) feed = make_reference_feed ();
  g_autoptr(GBytes) bytes = vigie_test_feed_pack (feed);
  g_autoptr(VigieSnapshot) reference = parse (bytes);
  ThreadData data = { bytes, reference };
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("parser", parse_in_thread, &data);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

static void
test_gtfs_rt_arena (void)
{
  g_autoptr(VigiePbArena) arena = vigie_pb_arena_new (0);
  ProtobufCAllocator *allocator = vigie_pb_arena_get_allocator (arena);
  gsize total = 0;

  g_assert_cmpuint (vigie_pb_arena_get_capacity (arena), ==, 0);

  for (guint round = 0; round < 3; round++)
    {
      for (guint i = 0; i < 5000; i++)
        {
          gsize size = 1 + (i * 37) % 301;
          guint8 *p = allocator->alloc (allocator->allocator_data, size);

          g_assert_nonnull (p);
          g_assert_cmpuint (GPOINTER_TO_SIZE (p) % 16, ==, 0);
          memset (p, 0xa5, size);
          allocator->free (allocator->allocator_data, p);
          if (round == 0)
            total += size;
        }
      vigie_pb_arena_reset (arena);

      /* After the first round, one block holds a whole round. */
      g_assert_cmpuint (vigie_pb_arena_get_capacity (arena), >=, total);
    }

  /* A request larger than any block gets a block of its own. */
  g_assert_nonnull (allocator->alloc (allocator->allocator_data, 8 * 1024 * 1024));
  g_assert_null (allocator->alloc (allocator->allocator_data, G_MAXSIZE - 4));
}

/* Random byte changes to a valid feed, which a broken network or a broken
 * producer make: the parser must refuse or read each, never crash. */
static void
test_gtfs_rt_fuzz (void)
{
  g_autoptr(VigieTestFeed) feed = make_reference_feed ();
  g_autoptr(GBytes) valid = NULL;
  const VigieParseContext context = { NOW, "fr", NULL, NULL };
  const guint8 *data;
  gsize size;
  guint n_read = 0, n_refused = 0;

  /* Two differential deletions too, so flips reach that path. */
  for (guint i = 0; i < 2; i++)
    {
      TransitRealtime__FeedEntity *deleted = vigie_test_feed_add_entity (feed, i == 0 ? "gone-1" : "gone-2");

      deleted->has_is_deleted = TRUE;
      deleted->is_deleted = TRUE;
    }
  feed->header.has_incrementality = TRUE;
  feed->header.incrementality = TRANSIT_REALTIME__FEED_HEADER__INCREMENTALITY__DIFFERENTIAL;
  valid = vigie_test_feed_pack (feed);
  data = g_bytes_get_data (valid, &size);

  for (guint iteration = 0; iteration < 2000; iteration++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(VigieSnapshot) snapshot = NULL;
      guint n_flips = g_test_rand_int_range (1, 5);
      gsize length = size;

      for (guint f = 0; f < n_flips; f++)
        copy[g_test_rand_int_range (0, size)] ^= (guint8) g_test_rand_int_range (1, 256);
      /* Now and then a truncation as well. */
      if (iteration % 5 == 0)
        length = g_test_rand_int_range (1, size);

      bytes = g_bytes_new_static (copy, length);
      snapshot = vigie_gtfs_rt_parse (bytes, &context,
                                      iteration % 3 == 0 ? VIGIE_GTFS_RT_MALLOC : VIGIE_GTFS_RT_ARENA_PER_THREAD,
                                      &error);
      g_assert_true ((snapshot == NULL) != (error == NULL));
      if (snapshot != NULL)
        {
          n_read++;
          for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
            {
              VigieEntity *entity = vigie_snapshot_get_entity (snapshot, i);

              g_assert_true (g_utf8_validate (vigie_entity_get_id (entity), -1, NULL));
              g_assert_true (vigie_entity_has_position (entity));
            }
        }
      else
        n_refused++;

      g_assert_true (vigie_format_gtfs_rt.sniff (NULL, bytes) == (snapshot != NULL));
    }

  g_test_message ("fuzz: %u read, %u refused", n_read, n_refused);
  g_assert_cmpuint (n_read, >, 0);
  g_assert_cmpuint (n_refused, >, 0);
}

/*
 * The JSON mapping
 */

/* The JSON fixtures hold the reference feed, as protobuf's printers write
 * it (camelCase, enums by name, 64-bit numbers as strings) and as its
 * snake_case option with enums as numbers writes it. */
static void
test_gtfs_rt_json_same_as_protobuf (void)
{
  static const char * const fixtures[] = { "vehicles-camel.json", "vehicles-snake.json" };
  g_autoptr(VigieTestFeed) feed = make_reference_feed ();
  g_autoptr(VigieSnapshot) reference = parse_feed (feed);

  g_assert_cmpuint (vigie_snapshot_get_n_entities (reference), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GBytes) bytes = vigie_test_load_fixture ("gtfs-rt", fixtures[i]);
      g_autoptr(VigieSnapshot) snapshot = parse (bytes);

      g_test_message ("%s", fixtures[i]);
      vigie_test_assert_same_snapshots (reference, snapshot);
      g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, FEED_TIME);

      /* Whatever the allocation asked for, JSON goes through an arena. */
      for (VigieGtfsRtAllocation a = VIGIE_GTFS_RT_ARENA_PER_THREAD; a <= VIGIE_GTFS_RT_MALLOC; a++)
        {
          const VigieParseContext context = { NOW, "fr", NULL, NULL };
          g_autoptr(VigieSnapshot) again = vigie_gtfs_rt_parse (bytes, &context, a, NULL);

          vigie_test_assert_same_snapshots (reference, again);
        }
    }
}

static void
test_gtfs_rt_json_sniff (void)
{
  static const char * const fixtures[] = {
    "vehicles-camel.json", "vehicles-snake.json", "trip-updates.json", "alerts.json",
  };
  g_autoptr(GBytes) gbfs = vigie_test_load_fixture ("gbfs", "v23-station_status.json");

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GBytes) bytes = vigie_test_load_fixture ("gtfs-rt", fixtures[i]);

      g_assert_true (vigie_format_sniff ("application/json", bytes) == &vigie_format_gtfs_rt);
      g_assert_true (vigie_format_sniff (NULL, bytes) == &vigie_format_gtfs_rt);
    }

  g_assert_false (vigie_format_gtfs_rt.sniff ("application/json", gbfs));
}

/* What real producers get wrong or write their own way. */
static void
test_gtfs_rt_json_lenient (void)
{
  static const char json[] =
    "\xEF\xBB\xBF {\"header\": {\"gtfsRealtimeVersion\": \"2.0\", \"timestamp\": 1767597145.0,"
    "  \"incrementality\": \"full_dataset\", \"x-extension\": {\"a\": [1, 2]}},"
    " \"entities\": ["
    "  {\"id\": \"e1\", \"vehicle\": {\"vehicle\": {\"id\": \"9\", \"label\": 12},"
    "   \"position\": {\"latitude\": 47.7, \"longitude\": \"7,3\", \"bearing\": \"90\", \"speed\": null},"
    "   \"currentStatus\": \"stopped_at\", \"stopId\": 42, \"occupancyPercentage\": -5,"
    "   \"currentStopSequence\": 1.5, \"timestamp\": \"1767597140\", \"trip\": {\"directionId\": true}}},"
    "  {\"id\": \"e2\", \"vehicle\": {\"vehicle\": {\"id\": \"10\"},"
    "   \"position\": {\"latitude\": 47.7, \"longitude\": 7.3}, \"timestamp\": \"18446744073709551615\"}},"
    "  {\"id\": \"e3\", \"isDeleted\": \"true\", \"vehicle\": {\"position\": {\"latitude\": 47, \"longitude\": 7}}},"
    "  \"not an entity\", 12, null"
    " ]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(VigieSnapshot) snapshot = parse (bytes);
  VigieEntity *tram;
  double bearing = 0;

  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 1);
  tram = vigie_snapshot_get_entity (snapshot, 0);
  g_assert_cmpstr (vigie_entity_get_id (tram), ==, "9");
  g_assert_null (vigie_entity_get_name (tram));
  g_assert_cmpfloat_with_epsilon (vigie_entity_get_longitude (tram), 7.3, 1e-5);
  g_assert_cmpint (vigie_entity_get_observed_at (tram), ==, FEED_TIME - 5);
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "current_status"), ==, "stopped_at");
  g_assert_true (vigie_entity_lookup_double (tram, "bearing", &bearing));
  g_assert_cmpfloat (bearing, ==, 90.0);
  /* Of the wrong type: as if absent. */
  g_assert_false (vigie_entity_lookup_double (tram, "speed", NULL));
  g_assert_null (vigie_entity_lookup_string (tram, "stop_id"));
  g_assert_false (vigie_entity_lookup_int (tram, "occupancy_percentage", NULL));
  g_assert_false (vigie_entity_lookup_int (tram, "current_stop_sequence", NULL));
  g_assert_false (vigie_entity_lookup_int (tram, "direction_id", NULL));

  /* Beyond 2^63, the number is still read, as the nonsense it is. */
  g_assert_true (vigie_test_has_warning (snapshot, "10 has a timestamp in the future"));
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 2);
}

static void
test_gtfs_rt_json_errors (void)
{
  static const struct
  {
    const char *json;
    int         code;
    const char *words;
  } cases[] = {
    { "{\"header\": {\"gtfs_realtime_version\": \"2.0\"}, \"entity\": [", VIGIE_FORMAT_ERROR_INVALID, "not valid JSON" },
    { "{\"header\": {\"gtfsRealtimeVersion\": 2}, \"entity\": []}", VIGIE_FORMAT_ERROR_INVALID, "gtfs_realtime_version" },
    { "{\"gtfs_realtime_version\": \"2.0\", \"entity\": []}", VIGIE_FORMAT_ERROR_INVALID, "no header" },
    { "{\"header\": [], \"gtfs_realtime_version\": \"2.0\"}", VIGIE_FORMAT_ERROR_INVALID, "GTFS-Realtime" },
    { "{\"header\": {\"gtfs_realtime_version\": \"2.0\"}} {}", VIGIE_FORMAT_ERROR_INVALID, "more than one value" },
    { "[{\"gtfs_realtime_version\": \"2.0\"}]", VIGIE_FORMAT_ERROR_INVALID, "FeedMessage" },
  };
  g_autoptr(GString) deep = g_string_new ("{\"gtfs_realtime_version\": ");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr(GError) error = parse_error (bytes);

      g_test_message ("%s: %s", cases[i].json, error->message);
      g_assert_error (error, VIGIE_FORMAT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }

  /* Nesting that would overflow json-glib's stack is refused before. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  {
    g_autoptr(GBytes) bytes = g_bytes_new (deep->str, deep->len);
    g_autoptr(GError) error = parse_error (bytes);

    g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE);
  }
}

/* Every cut of a JSON feed is read or refused in words, never a crash. */
static void
test_gtfs_rt_json_truncated (void)
{
  static const char * const fixtures[] = { "vehicles-camel.json", "trip-updates.json", "alerts.json" };

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(GBytes) bytes = vigie_test_load_fixture ("gtfs-rt", fixtures[f]);
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      for (gsize length = 1; length < size; length += 7)
        {
          g_autoptr(GBytes) cut = g_bytes_new_static (data, length);
          g_autoptr(GError) error = NULL;
          g_autoptr(VigieSnapshot) snapshot = vigie_format_gtfs_rt.parse (VIGIE_ROLE_MAIN, cut, NULL, &error);

          g_assert_true ((snapshot == NULL) != (error == NULL));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gtfs-rt/full-dataset", test_gtfs_rt_full_dataset);
  g_test_add_func ("/gtfs-rt/differential", test_gtfs_rt_differential);
  g_test_add_func ("/gtfs-rt/deleted-in-full-dataset", test_gtfs_rt_deleted_in_full_dataset);
  g_test_add_func ("/gtfs-rt/missing-optional", test_gtfs_rt_missing_optional);
  g_test_add_func ("/gtfs-rt/no-timestamp", test_gtfs_rt_no_timestamp);
  g_test_add_func ("/gtfs-rt/bad-positions", test_gtfs_rt_bad_positions);
  g_test_add_func ("/gtfs-rt/bad-timestamps", test_gtfs_rt_bad_timestamps);
  g_test_add_func ("/gtfs-rt/duplicates", test_gtfs_rt_duplicates);
  g_test_add_func ("/gtfs-rt/not-vehicles", test_gtfs_rt_not_vehicles);
  g_test_add_func ("/gtfs-rt/empty-feed", test_gtfs_rt_empty_feed);
  g_test_add_func ("/gtfs-rt/invalid-utf8", test_gtfs_rt_invalid_utf8);
  g_test_add_func ("/gtfs-rt/invalid", test_gtfs_rt_invalid);
  g_test_add_func ("/gtfs-rt/format", test_gtfs_rt_format);
  g_test_add_func ("/gtfs-rt/allocations", test_gtfs_rt_allocations);
  g_test_add_func ("/gtfs-rt/threads", test_gtfs_rt_threads);
  g_test_add_func ("/gtfs-rt/arena", test_gtfs_rt_arena);
  g_test_add_func ("/gtfs-rt/fuzz", test_gtfs_rt_fuzz);
  g_test_add_func ("/gtfs-rt/json/same-as-protobuf", test_gtfs_rt_json_same_as_protobuf);
  g_test_add_func ("/gtfs-rt/json/sniff", test_gtfs_rt_json_sniff);
  g_test_add_func ("/gtfs-rt/json/lenient", test_gtfs_rt_json_lenient);
  g_test_add_func ("/gtfs-rt/json/errors", test_gtfs_rt_json_errors);
  g_test_add_func ("/gtfs-rt/json/truncated", test_gtfs_rt_json_truncated);

  return g_test_run ();
}
