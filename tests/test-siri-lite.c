/* test-siri-lite.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-format.h"
#include "vigie-formats.h"
#include "vigie-json.h"
#include "vigie-test-support.h"

/* The fixtures are hand-written from SIRI – Profil France and the variants
 * of real SIRI-Lite producers: Soléa-like with the Siri wrapper, CTS
 * Strasbourg without it, Île-de-France Mobilités with {"value": ...}. */

/* 2026-01-05 07:12:40 UTC (08:12:40 in Mulhouse), just after the fixtures. */
#define NOW G_GINT64_CONSTANT (1767597160)

static VigieSnapshot *
parse_fixture (const char *name,
               const char *language)
{
  return vigie_test_parse_fixture (&vigie_format_siri_lite, "siri", name, NOW, language);
}

static void
test_duration (void)
{
  static const struct { const char *text; gboolean ok; gint64 seconds; } cases[] = {
    { "PT1M30S", TRUE, 90 },
    { "-PT45S", TRUE, -45 },
    { "+PT45S", TRUE, 45 },
    { "PT-45S", TRUE, -45 },
    { "P0D", TRUE, 0 },
    { "PT0S", TRUE, 0 },
    { "PT2M", TRUE, 120 },
    { "PT1H", TRUE, 3600 },
    { "P1DT2H", TRUE, 93600 },
    { "P1W", TRUE, 604800 },
    { "PT0.4S", TRUE, 0 },
    { "PT1.6S", TRUE, 2 },
    { "PT1,5S", TRUE, 2 },
    { "-PT1M0.5S", TRUE, -61 },   /* rounded half away from zero */
    { "PT90S", TRUE, 90 },
    { "  PT30S  ", TRUE, 30 },
    { "PT0.5M", TRUE, 30 },
    { "P", FALSE, 0 },
    { "PT", FALSE, 0 },
    { "P1DT", FALSE, 0 },
    { "", FALSE, 0 },
    { "T1M", FALSE, 0 },
    { "1M30S", FALSE, 0 },
    { "PT1M30", FALSE, 0 },
    { "PT30S1M", FALSE, 0 },       /* out of order */
    { "PT1M1M", FALSE, 0 },        /* twice */
    { "P1M", FALSE, 0 },           /* months have no fixed length */
    { "P1Y", FALSE, 0 },
    { "PT1D", FALSE, 0 },          /* days after the T */
    { "P1H", FALSE, 0 },           /* hours before it */
    { "PTT1S", FALSE, 0 },
    { "PT1.S", FALSE, 0 },
    { "PT.5S", FALSE, 0 },
    { "PT1.2.3S", FALSE, 0 },
    { "PT1S extra", FALSE, 0 },
    { "pt1m", FALSE, 0 },
    { "PT99999999999999999999999999999999S", FALSE, 0 },
    { "P99999999D", FALSE, 0 },    /* beyond a 32-bit second count */
    { "--PT1S", FALSE, 0 },
    { "1 minute", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 seconds = G_MININT64;
      gboolean ok = vigie_json_parse_duration (cases[i].text, &seconds);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_cmpint (seconds, ==, cases[i].seconds);
      else
        g_assert_cmpint (seconds, ==, G_MININT64);
    }

  g_assert_false (vigie_json_parse_duration (NULL, &(gint64) { 0 }));
}

static void
test_wrapped_list (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("wrapped-list.json", "fr");
  VigieEntity *tram;

  g_assert_false (vigie_snapshot_get_incremental (snapshot));
  g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, NOW - 10);
  g_assert_cmpint (vigie_snapshot_get_ttl (snapshot), ==, 30);
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 2);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 2);

  tram = vigie_snapshot_get_entity (snapshot, 0);
  g_assert_cmpstr (vigie_entity_get_id (tram), ==, "SOLEA:Vehicle::2012:");
  g_assert_cmpstr (vigie_entity_get_name (tram), ==, "2012");
  g_assert_cmpfloat_with_epsilon (vigie_entity_get_latitude (tram), 47.74661, 1e-9);
  g_assert_cmpfloat_with_epsilon (vigie_entity_get_longitude (tram), 7.33852, 1e-9);
  g_assert_cmpint (vigie_entity_get_observed_at (tram), ==, NOW - 19);
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "trip_id"), ==, "SOLEA:VehicleJourney::T1-S-0712:");
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "line_ref"), ==, "SOLEA:Line::T1:");
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "line_name"), ==, "T1");
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "direction_ref"), ==, "Aller");
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "destination"), ==, "Lutterbach");
  vigie_test_assert_int_value (tram, "delay_s", 90);
  vigie_test_assert_double_value (tram, "bearing", 84.0);
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "vehicle_label"), ==, "2012");
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "next_stop_id"), ==, "SOLEA:StopPoint:Q:PORTE_JEUNE_1:");
  vigie_test_assert_int_value (tram, "current_stop_sequence", 9);
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "current_status"), ==, "stopped_at");
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "occupancy_status"), ==, "many_seats_available");
  vigie_test_assert_boolean_value (tram, "monitored", TRUE);
  vigie_test_assert_int_value (tram, "valid_until", NOW + 41);
  vigie_test_assert_boolean_value (tram, "age_unknown", FALSE);
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "source"), ==, "realtime");

  /* No RecordedAtTime: the delivery's time, and flagged. */
  tram = vigie_snapshot_get_entity (snapshot, 1);
  g_assert_cmpstr (vigie_entity_get_id (tram), ==, "SOLEA:Vehicle::2007:");
  g_assert_cmpint (vigie_entity_get_observed_at (tram), ==, NOW - 10);
  vigie_test_assert_boolean_value (tram, "age_unknown", TRUE);
  vigie_test_assert_int_value (tram, "delay_s", -45);
  vigie_test_assert_double_value (tram, "bearing", 201.5);
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "current_status"), ==, "in_transit_to");
  g_assert_null (vigie_entity_lookup_string (tram, "trip_id"));
  g_assert_null (vigie_entity_lookup_string (tram, "occupancy_status"));
}

static void
test_unwrapped_object (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("unwrapped-object.json", "fr");
  VigieEntity *tram;
  gboolean flag;
  double d;

  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 1);
  g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, NOW - 5);
  g_assert_cmpint (vigie_snapshot_get_ttl (snapshot), ==, -1);

  tram = vigie_test_find_id (snapshot, "1042", VIGIE_ENTITY_VEHICLE);
  g_assert_nonnull (tram);
  g_assert_null (vigie_entity_get_name (tram));
  g_assert_cmpfloat_with_epsilon (vigie_entity_get_latitude (tram), 48.5734, 1e-9);
  g_assert_cmpint (vigie_entity_get_observed_at (tram), ==, NOW - 10);
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "line_ref"), ==, "A");
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "direction_ref"), ==, "1");
  vigie_test_assert_int_value (tram, "delay_s", 0);
  vigie_test_assert_int_value (tram, "current_stop_sequence", 12);
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "next_stop_id"), ==, "HOMME_DE_FER");
  g_assert_null (vigie_entity_lookup_string (tram, "current_status"));
  g_assert_null (vigie_entity_lookup_string (tram, "vehicle_label"));
  g_assert_false (vigie_entity_lookup_double (tram, "bearing", &d));
  g_assert_false (vigie_entity_lookup_boolean (tram, "monitored", &flag));
  vigie_test_assert_boolean_value (tram, "age_unknown", FALSE);
}

static void
test_value_wrapped (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("value-wrapped.json", "fr");
  g_autoptr(VigieSnapshot) english = parse_fixture ("value-wrapped.json", "en");
  VigieEntity *tram;

  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 1);
  g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, NOW - 2);

  tram = vigie_test_find_id (snapshot, "RATP:Vehicle::T2-407:", VIGIE_ENTITY_VEHICLE);
  g_assert_nonnull (tram);
  g_assert_cmpstr (vigie_entity_get_name (tram), ==, "T2-407");
  g_assert_cmpfloat_with_epsilon (vigie_entity_get_latitude (tram), 48.8322, 1e-9);
  g_assert_cmpfloat_with_epsilon (vigie_entity_get_longitude (tram), 2.2873, 1e-9);
  g_assert_cmpint (vigie_entity_get_observed_at (tram), ==, NOW - 15);
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "line_ref"), ==, "STIF:Line::C01742:");
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "line_name"), ==, "T2");
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "direction_ref"), ==, "inbound");
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "trip_id"), ==, "RATP:VehicleJourney::T2.A.0712:LOC");
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "destination"), ==, "Porte de Versailles");
  vigie_test_assert_int_value (tram, "delay_s", 120);
  vigie_test_assert_double_value (tram, "bearing", 270.0);
  vigie_test_assert_boolean_value (tram, "monitored", TRUE);
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "next_stop_id"), ==, "STIF:StopPoint:Q:41139:");
  vigie_test_assert_int_value (tram, "current_stop_sequence", 7);
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "current_status"), ==, "in_transit_to");

  tram = vigie_test_find_id (english, "RATP:Vehicle::T2-407:", VIGIE_ENTITY_VEHICLE);
  g_assert_cmpstr (vigie_entity_lookup_string (tram, "destination"), ==, "Versailles Gate");
}

static void
test_quirks (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("quirks.json", "fr");
  VigieEntity *tram;
  gint64 delay;

  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 14);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 4);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 12);

  g_assert_true (vigie_test_has_warning (snapshot, "ZERO is at latitude 0, longitude 0"));
  g_assert_true (vigie_test_has_warning (snapshot, "NOWHERE has no position"));
  g_assert_true (vigie_test_has_warning (snapshot, "OUTSIDE has an impossible position"));
  g_assert_true (vigie_test_has_warning (snapshot, "AHEAD has a timestamp in the future"));
  g_assert_true (vigie_test_has_warning (snapshot, "OLD has a timestamp more than a day old"));
  g_assert_true (vigie_test_has_warning (snapshot, "BAD_DELAY has an unreadable delay “1 minute”"));
  g_assert_true (vigie_test_has_warning (snapshot, "activity 10 is not an object"));
  g_assert_true (vigie_test_has_warning (snapshot, "activity 11 has no MonitoredVehicleJourney"));
  g_assert_true (vigie_test_has_warning (snapshot, "activity 12 has no vehicle reference"));
  g_assert_true (vigie_test_has_warning (snapshot, "TWICE appears more than once"));
  g_assert_true (vigie_test_has_warning (snapshot, "Delivery 3 is not an object"));

  /* First seen in the first delivery, newest position from the second. */
  tram = vigie_snapshot_get_entity (snapshot, 0);
  g_assert_cmpstr (vigie_entity_get_id (tram), ==, "TWICE");
  g_assert_cmpint (vigie_entity_get_observed_at (tram), ==, NOW - 30);
  g_assert_cmpfloat_with_epsilon (vigie_entity_get_latitude (tram), 47.72, 1e-9);
  vigie_test_assert_int_value (tram, "delay_s", 40);

  tram = vigie_test_find_id (snapshot, "GML", VIGIE_ENTITY_VEHICLE);
  g_assert_cmpfloat_with_epsilon (vigie_entity_get_latitude (tram), 47.7512, 1e-9);
  g_assert_cmpfloat_with_epsilon (vigie_entity_get_longitude (tram), 7.3398, 1e-9);
  vigie_test_assert_int_value (tram, "delay_s", 3724);

  tram = vigie_test_find_id (snapshot, "BAD_DELAY", VIGIE_ENTITY_VEHICLE);
  g_assert_cmpfloat_with_epsilon (vigie_entity_get_latitude (tram), 47.7512, 1e-9);
  g_assert_false (vigie_entity_lookup_int (tram, "delay_s", &delay));

  tram = vigie_test_find_id (snapshot, "NUMERIC_DELAY", VIGIE_ENTITY_VEHICLE);
  vigie_test_assert_int_value (tram, "delay_s", -75);
  vigie_test_assert_double_value (tram, "bearing", 270.0);
}

static void
test_empty_delivery (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("empty-delivery.json", "fr");

  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
  g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, NOW - 10);
}

/* StopMonitoring was once refused as no VehicleMonitoring: an empty one
 * is now an empty answer. */
static void
test_empty_stop_delivery (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("sm-empty.json", "fr");

  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
}

static void
test_malformed (void)
{
  static const char * const fixtures[] = {
    "malformed-truncated.json",
    "malformed-not-siri.json",
    "malformed-root-array.json",
    "malformed-delivery-string.json",
  };
  const VigieParseContext context = { NOW, "fr", NULL, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GBytes) bytes = vigie_test_load_fixture ("siri", fixtures[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(VigieSnapshot) snapshot = NULL;

      g_test_message ("%s", fixtures[i]);
      snapshot = vigie_format_siri_lite.parse (VIGIE_ROLE_MAIN, bytes, &context, &error);
      g_assert_null (snapshot);
      g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID);
    }
}

static void
test_format (void)
{
  g_autoptr(GBytes) wrapped = vigie_test_load_fixture ("siri", "wrapped-list.json");
  g_autoptr(GBytes) unwrapped = vigie_test_load_fixture ("siri", "unwrapped-object.json");
  g_autoptr(GBytes) other = vigie_test_load_fixture ("siri", "malformed-not-siri.json");
  const VigieFormat *format = vigie_format_lookup ("siri-lite");

  g_assert_true (format == &vigie_format_siri_lite);
  g_assert_cmpint (format->default_kind, ==, VIGIE_FEED_KIND_TRAMS);
  g_assert_cmpuint (format->min_interval_s, ==, 10);

  g_assert_true (vigie_format_sniff ("application/json", wrapped) == &vigie_format_siri_lite);
  g_assert_true (vigie_format_sniff ("application/json", unwrapped) == &vigie_format_siri_lite);
  g_assert_false (format->sniff ("application/json", other));
}

/* Random byte changes to a valid delivery: refused or read, never a crash. */
static void
test_fuzz (void)
{
  g_autoptr(GBytes) valid = vigie_test_load_fixture ("siri", "quirks.json");

  vigie_test_fuzz_format (&vigie_format_siri_lite, valid, NOW, "fr", 1, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/siri-lite/duration", test_duration);
  g_test_add_func ("/siri-lite/wrapped-list", test_wrapped_list);
  g_test_add_func ("/siri-lite/unwrapped-object", test_unwrapped_object);
  g_test_add_func ("/siri-lite/value-wrapped", test_value_wrapped);
  g_test_add_func ("/siri-lite/quirks", test_quirks);
  g_test_add_func ("/siri-lite/empty-delivery", test_empty_delivery);
  g_test_add_func ("/siri-lite/empty-stop-delivery", test_empty_stop_delivery);
  g_test_add_func ("/siri-lite/malformed", test_malformed);
  g_test_add_func ("/siri-lite/format", test_format);
  g_test_add_func ("/siri-lite/fuzz", test_fuzz);

  return g_test_run ();
}
