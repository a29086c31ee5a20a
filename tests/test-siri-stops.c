/* test-siri-stops.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-failure.h"
#include "vigie-format.h"
#include "vigie-formats.h"
#include "vigie-test-support.h"

/* SIRI-Lite StopMonitoring and SIRI error answers. The fixtures are
 * hand-written from SIRI 2.0 and SIRI – Profil France: sm-order.json as
 * the French profile writes it (with Order), sm-prim.json as Île-de-France
 * Mobilités' PRIM does (every scalar as {"value": ...}, no Order). */

/* 2026-01-05 07:12:40 UTC, just after the fixtures. */
#define NOW G_GINT64_CONSTANT (1767597160)

static VigieSnapshot *
parse (const char  *name,
       GError     **error)
{
  const VigieParseContext context = { NOW, "fr", NULL, NULL };
  g_autoptr(GBytes) bytes = vigie_test_load_fixture ("siri", name);

  return vigie_format_siri_lite.parse (VIGIE_ROLE_MAIN, bytes, &context, error);
}

static VigieSnapshot *
parse_fixture (const char *name)
{
  return vigie_test_parse_fixture (&vigie_format_siri_lite, "siri", name, NOW, "fr");
}

static gint64
get_departure_int64 (GVariant   *departure,
                     const char *key)
{
  gint64 value = -1;

  g_assert_true (g_variant_lookup (departure, key, "x", &value));
  return value;
}

static void
test_with_order (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("sm-order.json");
  g_autoptr(GVariant) departures = NULL;
  g_autoptr(GVariant) first = NULL;
  g_autoptr(GVariant) second = NULL;
  g_autoptr(GVariant) terminus = NULL;
  VigieEntity *stop;

  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 9);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 2);

  stop = vigie_test_find_id (snapshot, "SOLEA:StopPoint:Q:REUNION:", VIGIE_ENTITY_STOP);
  g_assert_nonnull (stop);
  g_assert_cmpstr (vigie_entity_get_name (stop), ==, "Place de la Réunion");
  g_assert_false (vigie_entity_has_position (stop));
  g_assert_cmpint (vigie_entity_get_observed_at (stop), ==, NOW - 30);
  vigie_test_assert_string_value (stop, "source", "realtime");

  /* Soonest first; the same trip at the same Order counted once. */
  departures = vigie_test_get_list (stop, "departures", 2);
  first = g_variant_get_child_value (departures, 0);
  vigie_test_assert_dict_string (first, "trip_id", "SOLEA:VehicleJourney::T1-0712:");
  vigie_test_assert_dict_string (first, "line_name", "T1");
  vigie_test_assert_dict_string (first, "destination", "Gare Centrale");
  vigie_test_assert_dict_string (first, "status", "delayed");
  vigie_test_assert_dict_int (first, "time", "x", NOW - 40 + 3 * 60);
  vigie_test_assert_dict_int (first, "aimed_departure", "x", NOW - 40);
  vigie_test_assert_dict_int (first, "delay_s", "i", 180);
  vigie_test_assert_dict_int (first, "stop_sequence", "u", 7);

  /* The call's DestinationDisplay before the journey's destination. */
  second = g_variant_get_child_value (departures, 1);
  vigie_test_assert_dict_string (second, "destination", "Gare");
  vigie_test_assert_dict_string (second, "direction_ref", "Aller");
  vigie_test_assert_dict_string (second, "line_ref", "SOLEA:Line::T1:");
  vigie_test_assert_dict_int (second, "delay_s", "i", 0);
  g_assert_true (vigie_test_has_warning (snapshot, "A departure at stop SOLEA:StopPoint:Q:REUNION: appears more than once"));

  /* At a terminus the arrival is the time shown, early by a minute. */
  stop = vigie_test_find_id (snapshot, "SOLEA:StopPoint:Q:GARE:", VIGIE_ENTITY_STOP);
  g_assert_nonnull (stop);
  g_clear_pointer (&departures, g_variant_unref);
  departures = vigie_test_get_list (stop, "departures", 1);
  terminus = g_variant_get_child_value (departures, 0);
  g_assert_cmpint (get_departure_int64 (terminus, "time"), ==, get_departure_int64 (terminus, "expected_arrival"));
  vigie_test_assert_dict_int (terminus, "delay_s", "i", -60);
  vigie_test_assert_dict_string (terminus, "status", "early");

  /* Records that cannot be used, each said. */
  g_assert_true (vigie_test_has_warning (snapshot, "A departure at stop SOLEA:StopPoint:Q:GARE: has no time"));
  g_assert_true (vigie_test_has_warning (snapshot, "Stop visit 6 has no stop reference"));
  g_assert_true (vigie_test_has_warning (snapshot, "is more than a day away"));
  g_assert_true (vigie_test_has_warning (snapshot, "Stop visit 8 has no MonitoredVehicleJourney"));
  g_assert_true (vigie_test_has_warning (snapshot, "Stop visit 9 is not an object"));
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 6);
}

static void
test_without_order (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("sm-prim.json");
  g_autoptr(GVariant) departures = NULL;
  g_autoptr(GVariant) first = NULL;
  g_autoptr(GVariant) second = NULL;
  VigieEntity *stop;
  guint32 order;
  gint32 delay;

  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 3);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 1);

  stop = vigie_test_find_id (snapshot, "STIF:StopPoint:Q:41139:", VIGIE_ENTITY_STOP);
  g_assert_nonnull (stop);
  g_assert_cmpstr (vigie_entity_get_name (stop), ==, "Issy - Val de Seine");

  /* Without Order, the same trip at the same time is one departure. */
  departures = vigie_test_get_list (stop, "departures", 2);
  g_assert_true (vigie_test_has_warning (snapshot, "appears more than once"));

  first = g_variant_get_child_value (departures, 0);
  vigie_test_assert_dict_string (first, "line_ref", "STIF:Line::C01390:");
  vigie_test_assert_dict_string (first, "line_name", "T2");
  vigie_test_assert_dict_string (first, "destination", "Porte de Versailles");
  g_assert_cmpint (get_departure_int64 (first, "time"), ==, get_departure_int64 (first, "expected_departure"));
  g_assert_false (g_variant_lookup (first, "stop_sequence", "u", &order));
  /* Expected times only: no delay can be told. */
  g_assert_false (g_variant_lookup (first, "delay_s", "i", &delay));

  second = g_variant_get_child_value (departures, 1);
  vigie_test_assert_dict_string (second, "status", "cancelled");
}

/* Vehicles and stops in one answer are both read. */
static void
test_sniff (void)
{
  const char * const names[] = { "sm-order.json", "sm-prim.json", "error-service-not-available.json",
                                 "error-other.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) bytes = vigie_test_load_fixture ("siri", names[i]);

      g_test_message ("%s", names[i]);
      g_assert_true (vigie_format_sniff ("application/json", bytes) == &vigie_format_siri_lite);
    }
}

static void
test_errors (void)
{
  static const struct { const char *fixture; const char *message; } cases[] = {
    { "error-service-not-available.json",
      "The SIRI server answered with an error: the service is not available (“Service en maintenance”)" },
    { "error-other.json",
      "The SIRI server answered with an error: other error (“Unknown MonitoringRef”, "
      "“STIF:StopPoint:Q:99999: is not a stop”)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VigieSnapshot) snapshot = parse (cases[i].fixture, &error);
      g_autofree char *summary = NULL;

      g_test_message ("%s", cases[i].fixture);
      g_assert_null (snapshot);
      g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_SERVER);
      g_assert_cmpstr (error->message, ==, cases[i].message);

      /* The feed health view's sentence: neither "cannot read" nor "no data". */
      summary = vigie_failure_describe (error);
      g_assert_cmpstr (summary, ==, "The server answered with an error");
    }
}

/* One delivery failed, the other has vehicles: a warning, not a failure. */
static void
test_partial_error (void)
{
  static const char document[] =
    "{\"Siri\": {\"ServiceDelivery\": {\"ResponseTimestamp\": \"2026-01-05T07:12:38Z\","
    " \"StopMonitoringDelivery\": {\"Status\": false, \"ErrorCondition\": {\"AccessNotAllowedError\": {}}},"
    " \"VehicleMonitoringDelivery\": [{\"VehicleActivity\": [{\"RecordedAtTime\": \"2026-01-05T07:12:30Z\","
    "   \"MonitoredVehicleJourney\": {\"VehicleRef\": \"V1\", \"VehicleLocation\": {\"Latitude\": 47.75, \"Longitude\": 7.34}}}]},"
    "  {\"Status\": \"false\"}]}}}";
  const VigieParseContext context = { NOW, "fr", NULL, NULL };
  g_autoptr(GBytes) bytes = g_bytes_new_static (document, strlen (document));
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSnapshot) snapshot = vigie_format_siri_lite.parse (VIGIE_ROLE_MAIN, bytes, &context, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 1);
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Delivery 1 is an error: access is not allowed (check the feed’s key)"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Delivery 2 is an error: the server reports a failure without saying why"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/siri-stops/with-order", test_with_order);
  g_test_add_func ("/siri-stops/without-order", test_without_order);
  g_test_add_func ("/siri-stops/sniff", test_sniff);
  g_test_add_func ("/siri-stops/errors", test_errors);
  g_test_add_func ("/siri-stops/partial-error", test_partial_error);

  return g_test_run ();
}
