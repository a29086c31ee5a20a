/* test-gtfs-rt-trips.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vigie-format-gtfs-rt.h"
#include "vigie-formats.h"
#include "vigie-style.h"
#include "vigie-test-gtfs-rt.h"
#include "vigie-test-gtfs.h"
#include "vigie-test-support.h"

/* GTFS-Realtime TripUpdates and Alerts, from the fixtures in
 * fixtures/gtfs-rt/ (JSON, written from the reference's examples) and from
 * the same feeds built here in protobuf: both must give the same
 * entities. */

/* 2026-01-05 07:12:40 UTC, as in test-gtfs-rt.c. */
#define NOW G_GINT64_CONSTANT (1767597160)
#define FEED_TIME (NOW - 15)

static VigieSnapshot *
parse_bytes (GBytes     *bytes,
             const char *language)
{
  return vigie_test_parse (&vigie_format_gtfs_rt, VIGIE_ROLE_MAIN, bytes, NOW, language);
}

static VigieSnapshot *
parse_fixture (const char *name,
               const char *language)
{
  g_autoptr(GBytes) bytes = vigie_test_load_fixture ("gtfs-rt", name);

  return parse_bytes (bytes, language);
}

static VigieSnapshot *
parse_feed (VigieTestFeed *feed,
            const char    *language)
{
  g_autoptr(GBytes) bytes = vigie_test_feed_pack (feed);

  return parse_bytes (bytes, language);
}

/* Arrival @index of a stop, as a dictionary. */
static GVariantDict *
get_arrival (VigieEntity *stop,
             gsize        index)
{
  g_autoptr(GVariant) arrivals = g_variant_lookup_value (vigie_entity_get_values (stop), "arrivals",
                                                        G_VARIANT_TYPE ("aa{sv}"));
  g_autoptr(GVariant) arrival = NULL;

  g_assert_nonnull (arrivals);
  g_assert_cmpuint (index, <, g_variant_n_children (arrivals));
  arrival = g_variant_get_child_value (arrivals, index);

  return g_variant_dict_new (arrival);
}

static gsize
count_arrivals (VigieEntity *stop)
{
  g_autoptr(GVariant) arrivals = g_variant_lookup_value (vigie_entity_get_values (stop), "arrivals",
                                                        G_VARIANT_TYPE ("aa{sv}"));

  return arrivals != NULL ? g_variant_n_children (arrivals) : 0;
}

/* One arrival: its trip, status, time (0: none) and delay (G_MININT64:
 * none). */
static void
assert_arrival (VigieEntity *stop,
                gsize        index,
                const char  *trip_id,
                const char  *status,
                gint64       time,
                gint64       delay)
{
  g_autoptr(GVariantDict) arrival = get_arrival (stop, index);
  const char *text = NULL;
  gint64 value = 0;

  g_assert_true (g_variant_dict_lookup (arrival, "trip_id", "&s", &text));
  g_assert_cmpstr (text, ==, trip_id);
  g_assert_true (g_variant_dict_lookup (arrival, "status", "&s", &text));
  g_assert_cmpstr (text, ==, status);

  if (time == 0)
    g_assert_false (g_variant_dict_contains (arrival, "time"));
  else
    {
      g_assert_true (g_variant_dict_lookup (arrival, "time", "x", &value));
      g_assert_cmpint (value, ==, time);
    }

  if (delay == G_MININT64)
    g_assert_false (g_variant_dict_contains (arrival, "delay_s"));
  else
    {
      g_assert_true (g_variant_dict_lookup (arrival, "delay_s", "x", &value));
      g_assert_cmpint (value, ==, delay);
    }
}

/*
 * Trip updates
 */

static void
test_trips_json (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("trip-updates.json", "fr");
  VigieEntity *stop;
  gint64 delay = 0;
  gboolean canceled = FALSE;

  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 5);
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 4);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);

  /* Unpositioned without the timetable; soonest first. */
  stop = vigie_test_find_entity (snapshot, VIGIE_ENTITY_STOP, "REPUBLIQUE_1");
  g_assert_nonnull (stop);
  g_assert_false (vigie_entity_has_position (stop));
  g_assert_null (vigie_entity_get_name (stop));
  g_assert_cmpint (vigie_entity_get_observed_at (stop), ==, FEED_TIME);
  g_assert_cmpstr (vigie_entity_lookup_string (stop, "source"), ==, "realtime");
  g_assert_cmpuint (count_arrivals (stop), ==, 2);
  /* A time without a delay: the trip's own delay is not the stop's. */
  assert_arrival (stop, 0, "T1-N-0720", "realtime", 1767597200, G_MININT64);
  assert_arrival (stop, 1, "T1-S-0712", "realtime", 1767597300, 120);
  {
    g_autoptr(GVariantDict) arrival = get_arrival (stop, 1);
    const char *route = NULL;

    g_assert_true (g_variant_dict_lookup (arrival, "route_id", "&s", &route));
    g_assert_cmpstr (route, ==, "T1");
  }

  /* A skipped stop keeps the delay it would have had; a canceled trip's
   * stop is canceled. */
  stop = vigie_test_find_entity (snapshot, VIGIE_ENTITY_STOP, "GARE_CENTRALE_1");
  g_assert_cmpuint (count_arrivals (stop), ==, 2);
  assert_arrival (stop, 0, "T3-S-0700", "canceled", 1767597400, G_MININT64);
  assert_arrival (stop, 1, "T1-S-0712", "skipped", 0, 120);

  /* The delay propagates to later stops without their own. */
  assert_arrival (vigie_test_find_entity (snapshot, VIGIE_ENTITY_STOP, "BRUSTLEIN_1"),
                  0, "T1-S-0712", "realtime", 1767597540, 120);
  assert_arrival (vigie_test_find_entity (snapshot, VIGIE_ENTITY_STOP, "ILE_NAPOLEON_1"),
                  0, "T1-S-0712", "realtime", 0, 120);
  assert_arrival (vigie_test_find_entity (snapshot, VIGIE_ENTITY_STOP, "PORTE_JEUNE_1"),
                  0, "T1-N-0720", "no_data", 0, G_MININT64);

  /* What the GTFS format reads of the trips. */
  g_assert_true (vigie_gtfs_rt_lookup_trip (snapshot, "T1-S-0712", &delay, &canceled));
  g_assert_cmpint (delay, ==, 120);
  g_assert_false (canceled);
  g_assert_true (vigie_gtfs_rt_lookup_trip (snapshot, "T1-N-0720", &delay, &canceled));
  g_assert_cmpint (delay, ==, -60);
  g_assert_true (vigie_gtfs_rt_lookup_trip (snapshot, "T2-N-0655", NULL, &canceled));
  g_assert_true (canceled);
  g_assert_false (vigie_gtfs_rt_lookup_trip (snapshot, "T9", NULL, NULL));
}

/* The trip-updates fixture, in protobuf. */
static VigieTestFeed *
make_trips_feed (void)
{
  VigieTestFeed *feed = vigie_test_feed_new (FEED_TIME, FALSE);
  TransitRealtime__TripUpdate *update;
  TransitRealtime__TripUpdate__StopTimeUpdate *stop;

  update = vigie_test_feed_add_trip_update (feed, "tu-T1-S-0712", "T1-S-0712", "T1");
  update->trip->start_date = (char *) "20260105";
  update->trip->has_schedule_relationship = TRUE;
  update->trip->schedule_relationship = TRANSIT_REALTIME__TRIP_DESCRIPTOR__SCHEDULE_RELATIONSHIP__SCHEDULED;
  update->has_timestamp = TRUE;
  update->timestamp = 1767597140;
  stop = vigie_test_trip_update_add_stop (feed, update, "REPUBLIQUE_1", 1767597300, TRUE, 120);
  stop->departure = vigie_test_feed_alloc (feed, sizeof *stop->departure);
  transit_realtime__trip_update__stop_time_event__init (stop->departure);
  stop->departure->has_time = TRUE;
  stop->departure->time = 1767597320;
  vigie_test_trip_update_add_stop_as (feed, update, "GARE_CENTRALE_1", TRANSIT_REALTIME__TRIP_UPDATE__STOP_TIME_UPDATE__SCHEDULE_RELATIONSHIP__SKIPPED);
  vigie_test_trip_update_add_stop (feed, update, "BRUSTLEIN_1", 1767597540, FALSE, 0);
  vigie_test_trip_update_add_stop (feed, update, "ILE_NAPOLEON_1", 0, FALSE, 0);
  stop = vigie_test_trip_update_add_stop (feed, update, NULL, 0, FALSE, 0);
  stop->has_stop_sequence = TRUE;
  stop->stop_sequence = 14;

  vigie_test_feed_add_canceled_trip (feed, "tu-T2-N-0655", "T2-N-0655", "T2");

  update = vigie_test_feed_add_trip_update (feed, "tu-T1-N-0720", "T1-N-0720", "T1");
  vigie_test_trip_update_set_delay (update, -60);
  vigie_test_trip_update_add_stop (feed, update, "REPUBLIQUE_1", 1767597200, FALSE, 0);
  vigie_test_trip_update_add_stop_as (feed, update, "PORTE_JEUNE_1", TRANSIT_REALTIME__TRIP_UPDATE__STOP_TIME_UPDATE__SCHEDULE_RELATIONSHIP__NO_DATA);

  update = vigie_test_feed_add_canceled_trip (feed, "tu-T3-S-0700", "T3-S-0700", "T3");
  vigie_test_trip_update_add_stop (feed, update, "GARE_CENTRALE_1", 1767597400, FALSE, 0);

  return feed;
}

/* Vehicles and trip updates in one feed: the trip's delay on the vehicle,
 * whichever comes first; none for a canceled trip. */
static void
test_trips_vehicle_delay (void)
{
  g_autoptr(VigieTestFeed) feed = vigie_test_feed_new (FEED_TIME, FALSE);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  TransitRealtime__VehiclePosition *vehicle;
  TransitRealtime__TripUpdate *update;
  VigieEntity *tram;
  gint64 delay = 0;

  vehicle = vigie_test_feed_add_vehicle (feed, "v1", "2012", 47.74f, 7.33f, FEED_TIME);
  vigie_test_vehicle_add_trip (feed, vehicle)->trip_id = (char *) "T1-S-0712";
  vehicle = vigie_test_feed_add_vehicle (feed, "v2", "2007", 47.75f, 7.34f, FEED_TIME);
  vigie_test_vehicle_add_trip (feed, vehicle)->trip_id = (char *) "T2-N-0655";
  vehicle = vigie_test_feed_add_vehicle (feed, "v3", "2001", 47.76f, 7.35f, FEED_TIME);
  vigie_test_vehicle_add_trip (feed, vehicle)->trip_id = (char *) "T9";

  update = vigie_test_feed_add_trip_update (feed, "u1", "T1-S-0712", "T1");
  vigie_test_trip_update_add_stop (feed, update, "REPUBLIQUE_1", 1767597300, TRUE, 180);
  update = vigie_test_feed_add_canceled_trip (feed, "u2", "T2-N-0655", "T2");
  vigie_test_trip_update_set_delay (update, 300);

  snapshot = parse_feed (feed, "fr");
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 5);

  tram = vigie_test_find_entity (snapshot, VIGIE_ENTITY_VEHICLE, "2012");
  g_assert_true (vigie_entity_lookup_int (tram, "delay_s", &delay));
  g_assert_cmpint (delay, ==, 180);
  g_assert_false (vigie_entity_lookup_int (vigie_test_find_entity (snapshot, VIGIE_ENTITY_VEHICLE, "2007"), "delay_s", NULL));
  g_assert_false (vigie_entity_lookup_int (vigie_test_find_entity (snapshot, VIGIE_ENTITY_VEHICLE, "2001"), "delay_s", NULL));
  g_assert_nonnull (vigie_test_find_entity (snapshot, VIGIE_ENTITY_STOP, "REPUBLIQUE_1"));
}

/*
 * Alerts
 */

static void
test_alerts_json (void)
{
  static const struct
  {
    const char *language;
    const char *header;
  } languages[] = {
    { "de", "Streik: eingeschränkter Betrieb auf den Linien 1 und 2" },
    { "en_GB.UTF-8", "Strike: reduced service on lines 1 and 2" },
    { "fr", "Grève : service réduit sur les lignes 1 et 2" },
    { "it", "Grève : service réduit sur les lignes 1 et 2" },   /* then French */
    { NULL, "Grève : service réduit sur les lignes 1 et 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(VigieSnapshot) snapshot = parse_fixture ("alerts.json", languages[i].language);
      g_autoptr(GVariant) periods = NULL;
      g_autofree const char **routes = NULL;
      VigieEntity *alert;
      gboolean flag = FALSE;
      gint64 start = 0, end = 0;

      g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 2);
      alert = vigie_test_find_entity (snapshot, VIGIE_ENTITY_LINE, "alert:strike-0105");
      g_assert_nonnull (alert);
      g_assert_false (vigie_entity_has_position (alert));
      g_assert_cmpstr (vigie_entity_get_name (alert), ==, languages[i].header);
      g_assert_cmpstr (vigie_entity_lookup_string (alert, "alert_header"), ==, languages[i].header);
      g_assert_true (vigie_entity_lookup_boolean (alert, "alert", &flag) && flag);
      g_assert_true (vigie_entity_lookup_boolean (alert, "active", &flag) && flag);
      g_assert_cmpstr (vigie_entity_lookup_string (alert, "cause"), ==, "strike");
      g_assert_cmpstr (vigie_entity_lookup_string (alert, "effect"), ==, "reduced_service");
      g_assert_cmpstr (vigie_entity_lookup_string (alert, "severity"), ==, "warning");
      g_assert_cmpstr (vigie_entity_lookup_string (alert, "alert_url"), ==, "https://example.org/alerts/strike");
      /* No German description: French, not the first. */
      if (g_strcmp0 (languages[i].language, "en_GB.UTF-8") == 0)
        g_assert_cmpstr (vigie_entity_lookup_string (alert, "alert_description"), ==, "One tram in two until the end of the day.");
      else
        g_assert_cmpstr (vigie_entity_lookup_string (alert, "alert_description"), ==, "Un tram sur deux jusqu’à la fin de la journée.");

      periods = g_variant_lookup_value (vigie_entity_get_values (alert), "active_periods", G_VARIANT_TYPE ("a(xx)"));
      g_assert_cmpuint (g_variant_n_children (periods), ==, 1);
      g_variant_get_child (periods, 0, "(xx)", &start, &end);
      g_assert_cmpint (start, ==, 1767589200);
      g_assert_cmpint (end, ==, 1767646800);
      g_assert_true (g_variant_lookup (vigie_entity_get_values (alert), "route_ids", "^a&s", &routes));
      g_assert_cmpstrv (routes, ((const char * const[]) { "T1", "T2", NULL }));

      /* Not yet in force; its text kept as the feed wrote it, markup or
       * not: the words are never read as markup. */
      alert = vigie_test_find_entity (snapshot, VIGIE_ENTITY_LINE, "alert:works-T3");
      g_assert_cmpstr (vigie_entity_get_name (alert), ==, "<b>Travaux</b> & déviation");
      g_assert_true (vigie_entity_lookup_boolean (alert, "active", &flag));
      g_assert_false (flag);
      g_assert_cmpstr (vigie_entity_lookup_string (alert, "cause"), ==, "construction");
      g_assert_cmpstr (vigie_entity_lookup_string (alert, "effect"), ==, "detour");
      g_assert_null (vigie_entity_lookup_string (alert, "severity"));
    }
}

/* The alerts fixture, in protobuf. */
static VigieTestFeed *
make_alerts_feed (void)
{
  VigieTestFeed *feed = vigie_test_feed_new (FEED_TIME, FALSE);
  TransitRealtime__Alert *alert;
  TransitRealtime__EntitySelector *selector;

  feed->header.has_incrementality = TRUE;
  alert = vigie_test_feed_add_alert (feed, "strike-0105");
  vigie_test_alert_add_period (feed, alert, 1767589200, 1767646800);
  vigie_test_alert_add_informed (feed, alert)->route_id = (char *) "T1";
  selector = vigie_test_alert_add_informed (feed, alert);
  selector->route_id = (char *) "T2";
  selector->stop_id = (char *) "GARE_CENTRALE_1";
  vigie_test_alert_add_informed (feed, alert)->agency_id = (char *) "SOLEA";
  alert->has_cause = TRUE;
  alert->cause = TRANSIT_REALTIME__ALERT__CAUSE__STRIKE;
  alert->has_effect = TRUE;
  alert->effect = TRANSIT_REALTIME__ALERT__EFFECT__REDUCED_SERVICE;
  alert->has_severity_level = TRUE;
  alert->severity_level = TRANSIT_REALTIME__ALERT__SEVERITY_LEVEL__WARNING;
  alert->header_text = vigie_test_feed_translated (feed,
                                                   "Strike: reduced service on lines 1 and 2", "en",
                                                   "Grève : service réduit sur les lignes 1 et 2", "fr",
                                                   "Streik: eingeschränkter Betrieb auf den Linien 1 und 2", "de",
                                                   NULL);
  alert->description_text = vigie_test_feed_translated (feed,
                                                        "One tram in two until the end of the day.", "en",
                                                        "Un tram sur deux jusqu’à la fin de la journée.", "fr",
                                                        NULL);
  alert->url = vigie_test_feed_translated (feed, "https://example.org/alerts/strike", "fr", NULL);

  alert = vigie_test_feed_add_alert (feed, "works-T3");
  vigie_test_alert_add_period (feed, alert, 1767900000, 0);
  selector = vigie_test_alert_add_informed (feed, alert);
  selector->trip = vigie_test_feed_alloc (feed, sizeof *selector->trip);
  transit_realtime__trip_descriptor__init (selector->trip);
  selector->trip->trip_id = (char *) "T3-S-0700";
  selector->trip->route_id = (char *) "T3";
  alert->has_cause = TRUE;
  alert->cause = TRANSIT_REALTIME__ALERT__CAUSE__CONSTRUCTION;
  alert->has_effect = TRUE;
  alert->effect = TRANSIT_REALTIME__ALERT__EFFECT__DETOUR;
  alert->header_text = vigie_test_feed_translated (feed, "<b>Travaux</b> & déviation", NULL, NULL);

  return feed;
}

/* A fixture built here in protobuf, and the JSON document it must read as. */
typedef struct
{
  VigieTestFeed *(*make) (void);
  const char     *json;
  const char     *language;
} ProtobufCase;

static const ProtobufCase trips_protobuf = { make_trips_feed, "trip-updates.json", "fr" };
static const ProtobufCase alerts_protobuf = { make_alerts_feed, "alerts.json", "de" };

static void
test_protobuf (gconstpointer data)
{
  const ProtobufCase *test_case = data;
  g_autoptr(VigieTestFeed) feed = test_case->make ();
  g_autoptr(VigieSnapshot) protobuf = parse_feed (feed, test_case->language);
  g_autoptr(VigieSnapshot) json = parse_fixture (test_case->json, test_case->language);

  vigie_test_assert_same_snapshots (json, protobuf);
}

/* A differential feed deletes an alert by its entity's id. */
static void
test_alerts_deleted (void)
{
  g_autoptr(VigieTestFeed) feed = vigie_test_feed_new (FEED_TIME, TRUE);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autofree char *key = vigie_entity_make_key (VIGIE_ENTITY_LINE, "alert:strike-0105");
  TransitRealtime__FeedEntity *entity;

  entity = vigie_test_feed_add_entity (feed, "strike-0105");
  entity->has_is_deleted = TRUE;
  entity->is_deleted = TRUE;

  snapshot = parse_feed (feed, "fr");
  g_assert_true (g_strv_contains (vigie_snapshot_get_removed_keys (snapshot), key));
}

/*
 * Beside a timetable
 */

static GHashTable *
new_roles (VigieSnapshot *timetable)
{
  GHashTable *by_role = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) vigie_snapshot_unref);

  g_hash_table_insert (by_role, (gpointer) VIGIE_ROLE_MAIN, vigie_snapshot_ref (timetable));
  return by_role;
}

/* The "ghosts" timetable at 08:10 on 9 March 2026: G-north-1 covered by
 * a real vehicle, G-south-1 a ghost whose trip is canceled. */
static void
test_gtfs_combine (void)
{
  gint64 now = vigie_test_paris_time (2026, 3, 9, 8, 10, 0);
  const VigieParseContext context = { now, "fr", NULL, NULL };
  g_autoptr(GBytes) zip = vigie_test_gtfs_zip_fixture ("ghosts");
  g_autoptr(VigieSnapshot) timetable = vigie_format_gtfs.parse (VIGIE_ROLE_MAIN, zip, &context, NULL);
  g_autoptr(GHashTable) by_role = new_roles (timetable);
  g_autoptr(VigieTestFeed) positions = vigie_test_feed_new (now, FALSE);
  g_autoptr(VigieTestFeed) updates = vigie_test_feed_new (now, FALSE);
  g_autoptr(VigieTestFeed) alerts = vigie_test_feed_new (now, FALSE);
  g_autoptr(GBytes) positions_bytes = NULL;
  g_autoptr(GBytes) updates_bytes = NULL;
  g_autoptr(GBytes) alerts_bytes = NULL;
  g_autoptr(VigieSnapshot) combined = NULL;
  g_autofree const char **headers = NULL;
  TransitRealtime__VehiclePosition *vehicle;
  TransitRealtime__TripUpdate *update;
  TransitRealtime__Alert *alert;
  VigieEntity *entity;
  gint64 delay = 0;
  gboolean flag = FALSE;

  g_assert_nonnull (timetable);
  g_assert_true (vigie_format_follows (&vigie_format_gtfs, "trip-updates"));
  g_assert_true (vigie_format_follows (&vigie_format_gtfs, "alerts"));
  g_assert_true (vigie_format_is_optional (&vigie_format_gtfs, "alerts"));

  vehicle = vigie_test_feed_add_vehicle (positions, "v7", "tram-7", 47.75f, 7.34f, now);
  vigie_test_vehicle_add_trip (positions, vehicle)->trip_id = (char *) "G-north-1";

  update = vigie_test_feed_add_trip_update (updates, "u1", "G-north-1", "G");
  vigie_test_trip_update_add_stop (updates, update, "N", now + 900, TRUE, 240);
  vigie_test_trip_update_add_stop (updates, update, "NOT_IN_GTFS", now + 1000, FALSE, 0);
  vigie_test_feed_add_canceled_trip (updates, "u2", "G-south-1", "G");

  alert = vigie_test_feed_add_alert (alerts, "a1");
  alert->header_text = vigie_test_feed_translated (alerts, "Quai Sud fermé", "fr", NULL);
  vigie_test_alert_add_informed (alerts, alert)->stop_id = (char *) "S";

  positions_bytes = vigie_test_feed_pack (positions);
  updates_bytes = vigie_test_feed_pack (updates);
  alerts_bytes = vigie_test_feed_pack (alerts);

  /* Without real vehicles: the timetable's positions, the canceled trip
   * marked. */
  g_hash_table_insert (by_role, (gpointer) "trip-updates",
                       vigie_format_gtfs.parse ("trip-updates", updates_bytes, &context, NULL));
  {
    g_autoptr(VigieSnapshot) scheduled = vigie_format_gtfs.combine (by_role, &context);

    entity = vigie_test_find_entity (scheduled, VIGIE_ENTITY_VEHICLE, "G-south-1");
    g_assert_true (vigie_entity_lookup_boolean (entity, "canceled", &flag) && flag);
    g_assert_false (vigie_entity_lookup_boolean (vigie_test_find_entity (scheduled, VIGIE_ENTITY_VEHICLE, "G-north-1"),
                                                 "canceled", NULL));
  }

  g_hash_table_insert (by_role, (gpointer) "vehicle-positions",
                       vigie_format_gtfs.parse ("vehicle-positions", positions_bytes, &context, NULL));
  g_hash_table_insert (by_role, (gpointer) "trip-updates",
                       vigie_format_gtfs.parse ("trip-updates", updates_bytes, &context, NULL));
  g_hash_table_insert (by_role, (gpointer) "alerts",
                       vigie_format_gtfs.parse ("alerts", alerts_bytes, &context, NULL));
  combined = vigie_format_gtfs.combine (by_role, &context);

  /* The timetable's stop, placed and named, with its arrivals. */
  entity = vigie_test_find_entity (combined, VIGIE_ENTITY_STOP, "N");
  g_assert_true (vigie_entity_has_position (entity));
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Nord");
  assert_arrival (entity, 0, "G-north-1", "realtime", now + 900, 240);
  {
    g_autoptr(GVariantDict) arrival = get_arrival (entity, 0);
    const char *name = NULL;

    g_assert_true (g_variant_dict_lookup (arrival, "route_short_name", "&s", &name));
    g_assert_cmpstr (name, ==, "3");
  }

  /* One the timetable lacks stays, without a position. */
  entity = vigie_test_find_entity (combined, VIGIE_ENTITY_STOP, "NOT_IN_GTFS");
  g_assert_false (vigie_entity_has_position (entity));
  g_assert_cmpuint (count_arrivals (entity), ==, 1);

  /* The vehicle gets its trip's delay, not the timetable's guess. */
  entity = vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "tram-7");
  g_assert_true (vigie_entity_lookup_int (entity, "delay_s", &delay));
  g_assert_cmpint (delay, ==, 240);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "route_short_name"), ==, "3");

  /* The canceled trip is still a ghost, but not a missing one. */
  entity = vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "ghost:G-south-1");
  g_assert_nonnull (entity);
  g_assert_true (vigie_entity_lookup_boolean (entity, "canceled", &flag) && flag);

  /* The alert, and its mark on the stop it informs. */
  g_assert_nonnull (vigie_test_find_entity (combined, VIGIE_ENTITY_LINE, "alert:a1"));
  entity = vigie_test_find_entity (combined, VIGIE_ENTITY_STOP, "S");
  g_assert_true (g_variant_lookup (vigie_entity_get_values (entity), "alerts", "^a&s", &headers));
  g_assert_cmpstrv (headers, ((const char * const[]) { "Quai Sud fermé", NULL }));
  g_assert_null (g_variant_lookup_value (vigie_entity_get_values (vigie_test_find_entity (combined, VIGIE_ENTITY_STOP, "N")),
                                         "alerts", NULL));
}

/* The "basic" timetable draws line 1 (route T1): an alert on the route
 * marks it; one not in force does not. */
static void
test_gtfs_line_alerts (void)
{
  gint64 now = vigie_test_paris_time (2026, 3, 9, 8, 5, 0);
  const VigieParseContext context = { now, "fr", NULL, NULL };
  g_autoptr(GBytes) zip = vigie_test_gtfs_zip_fixture ("basic");
  g_autoptr(VigieSnapshot) timetable = vigie_format_gtfs.parse (VIGIE_ROLE_MAIN, zip, &context, NULL);
  g_autoptr(GHashTable) by_role = new_roles (timetable);
  g_autoptr(VigieTestFeed) alerts = vigie_test_feed_new (now, FALSE);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VigieSnapshot) combined = NULL;
  g_autofree const char **headers = NULL;
  TransitRealtime__Alert *alert;
  VigieEntity *line = NULL;

  alert = vigie_test_feed_add_alert (alerts, "now");
  alert->header_text = vigie_test_feed_translated (alerts, "Travaux rue du Sauvage", NULL, NULL);
  vigie_test_alert_add_period (alerts, alert, now - 60, now + 3600);
  vigie_test_alert_add_informed (alerts, alert)->route_id = (char *) "T1";
  alert = vigie_test_feed_add_alert (alerts, "later");
  alert->header_text = vigie_test_feed_translated (alerts, "Fête de la musique", NULL, NULL);
  vigie_test_alert_add_period (alerts, alert, now + 86400, 0);
  vigie_test_alert_add_informed (alerts, alert)->route_id = (char *) "T1";

  bytes = vigie_test_feed_pack (alerts);
  g_hash_table_insert (by_role, (gpointer) "alerts", vigie_format_gtfs.parse ("alerts", bytes, &context, NULL));
  combined = vigie_format_gtfs.combine (by_role, &context);

  for (guint i = 0; i < vigie_snapshot_get_n_entities (combined); i++)
    {
      VigieEntity *entity = vigie_snapshot_get_entity (combined, i);

      if (vigie_entity_get_kind (entity) == VIGIE_ENTITY_LINE &&
          g_strcmp0 (vigie_entity_lookup_string (entity, "route_id"), "T1") == 0)
        line = entity;
    }
  g_assert_nonnull (line);
  g_assert_true (g_variant_lookup (vigie_entity_get_values (line), "alerts", "^a&s", &headers));
  g_assert_cmpstrv (headers, ((const char * const[]) { "Travaux rue du Sauvage", NULL }));
  g_assert_nonnull (vigie_test_find_entity (combined, VIGIE_ENTITY_LINE, "alert:later"));
}

/*
 * Words
 */

static char *
describe (VigieEntity *entity)
{
  g_auto(GStrv) lines = vigie_style_describe (VIGIE_FEED_KIND_TRAMS, entity, NULL);

  return g_strjoinv ("\n", lines);
}

static void
test_words (void)
{
  g_autoptr(VigieSnapshot) trips = parse_fixture ("trip-updates.json", "fr");
  g_autoptr(VigieSnapshot) alerts = parse_fixture ("alerts.json", "en");
  g_autofree char *republique = describe (vigie_test_find_entity (trips, VIGIE_ENTITY_STOP, "REPUBLIQUE_1"));
  g_autofree char *gare = describe (vigie_test_find_entity (trips, VIGIE_ENTITY_STOP, "GARE_CENTRALE_1"));
  g_autofree char *porte = describe (vigie_test_find_entity (trips, VIGIE_ENTITY_STOP, "PORTE_JEUNE_1"));
  g_autofree char *strike = describe (vigie_test_find_entity (alerts, VIGIE_ENTITY_LINE, "alert:strike-0105"));
  g_autofree char *works = describe (vigie_test_find_entity (alerts, VIGIE_ENTITY_LINE, "alert:works-T3"));
  g_autoptr(VigieEntity) line = NULL;
  g_autoptr(VigieEntity) ghost = NULL;
  g_autofree char *line_text = NULL;
  g_autofree char *ghost_text = NULL;
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

  /* TZ=UTC in the tests. */
  g_assert_cmpstr (republique, ==, "Next arrivals\nLine T1 at 07:13\nLine T1 at 07:15 · 2 min late");
  g_assert_cmpstr (gare, ==, "Next arrivals\nLine T3 at 07:16 · Canceled\nLine T1 · Stop skipped");
  g_assert_cmpstr (porte, ==, "Next arrivals\nLine T1 · No real-time data");
  g_assert_cmpstr (strike, ==, "In force now\nOne tram in two until the end of the day.\nhttps://example.org/alerts/strike");
  g_assert_cmpstr (works, ==, "Not in force now");

  g_variant_dict_insert (&values, "route_short_name", "s", "1");
  g_variant_dict_insert_value (&values, "alerts", g_variant_new_strv ((const char * const[]) { "<i>Grève</i>", NULL }, -1));
  line = vigie_entity_new (VIGIE_ENTITY_LINE, "shape-0", "1", 47.75, 7.3, 0, g_variant_dict_end (&values));
  line_text = describe (line);
  g_assert_cmpstr (line_text, ==, "Line 1\nAlert: <i>Grève</i>");

  /* Beside a timetable, arrivals name their line as people know it. */
  {
    g_auto(GVariantBuilder) arrivals = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));
    g_auto(GVariantDict) arrival = G_VARIANT_DICT_INIT (NULL);
    g_autoptr(VigieEntity) stop = NULL;
    g_autofree char *stop_text = NULL;

    g_variant_dict_insert (&arrival, "route_id", "s", "G");
    g_variant_dict_insert (&arrival, "route_short_name", "s", "3");
    g_variant_dict_insert (&arrival, "status", "s", "realtime");
    g_variant_dict_insert (&arrival, "delay_s", "x", (gint64) -90);
    g_variant_builder_add_value (&arrivals, g_variant_dict_end (&arrival));
    g_variant_dict_init (&values, NULL);
    g_variant_dict_insert_value (&values, "arrivals", g_variant_builder_end (&arrivals));
    g_variant_dict_insert_value (&values, "alerts", g_variant_new_strv ((const char * const[]) { "Grève", NULL }, -1));
    stop = vigie_entity_new (VIGIE_ENTITY_STOP, "N", "Nord", 47.75, 7.3, 0, g_variant_dict_end (&values));
    stop_text = describe (stop);
    g_assert_cmpstr (stop_text, ==, "Next arrivals\nAlert: Grève\nLine 3 · 1 min early");
  }

  g_variant_dict_init (&values, NULL);
  g_variant_dict_insert (&values, "ghost", "b", TRUE);
  g_variant_dict_insert (&values, "canceled", "b", TRUE);
  g_variant_dict_insert (&values, "source", "s", "schedule");
  ghost = vigie_entity_new (VIGIE_ENTITY_VEHICLE, "ghost:T2", NULL, 47.75, 7.3, 0, g_variant_dict_end (&values));
  ghost_text = describe (ghost);
  g_assert_cmpstr (ghost_text, ==, "Scheduled, but the trip is canceled");

  /* A timetable position of a canceled trip, no ghost: said the same. */
  g_variant_dict_init (&values, NULL);
  g_variant_dict_insert (&values, "canceled", "b", TRUE);
  g_variant_dict_insert (&values, "source", "s", "schedule");
  g_clear_object (&ghost);
  g_clear_pointer (&ghost_text, g_free);
  ghost = vigie_entity_new (VIGIE_ENTITY_VEHICLE, "T2", NULL, 47.75, 7.3, 0, g_variant_dict_end (&values));
  ghost_text = describe (ghost);
  g_assert_cmpstr (ghost_text, ==, "Scheduled, but the trip is canceled");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gtfs-rt/trips/json", test_trips_json);
  g_test_add_data_func ("/gtfs-rt/trips/protobuf", &trips_protobuf, test_protobuf);
  g_test_add_func ("/gtfs-rt/trips/vehicle-delay", test_trips_vehicle_delay);
  g_test_add_func ("/gtfs-rt/alerts/json", test_alerts_json);
  g_test_add_data_func ("/gtfs-rt/alerts/protobuf", &alerts_protobuf, test_protobuf);
  g_test_add_func ("/gtfs-rt/alerts/deleted", test_alerts_deleted);
  g_test_add_func ("/gtfs-rt/gtfs/combine", test_gtfs_combine);
  g_test_add_func ("/gtfs-rt/gtfs/line-alerts", test_gtfs_line_alerts);
  g_test_add_func ("/gtfs-rt/words", test_words);

  return g_test_run ();
}
