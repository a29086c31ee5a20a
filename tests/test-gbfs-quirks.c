/* test-gbfs-quirks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-format.h"
#include "vigie-formats.h"
#include "vigie-test-gbfs.h"
#include "vigie-test-support.h"

/* GBFS: the quirks of real feeds (nextbike, Citiz, Cyclocity) and
 * malformed documents and records. */

static void
test_gbfs_quirks_counts (void)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  VigieEntity *entity;

  snapshot = vigie_test_gbfs_combine_fixtures ("fr",
                                               "station_information", "quirks-counts-information.json",
                                               "station_status", "quirks-counts-status.json",
                                               NULL);

  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 9 + 11);
  g_assert_cmpuint (vigie_test_count_entities (snapshot, VIGIE_ENTITY_STATION), ==, 9);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 9);
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Station s-bad-time: negative “capacity” (-4), counted as 0"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Station s-negative: negative “num_bikes_available” (-3), counted as 0"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Station s-absurd: implausible “num_bikes_available” (250000), ignored"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Station s-type-negative: negative count of vehicle type 196 (-2), counted as 0"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Station s-bad-time: unreadable “last_reported” time, the document’s time used instead"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Station record 10 is not an object, skipped"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Station record 11 has no station_id, skipped"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Station s-over: 20 vehicles available for a capacity of 10, kept as is"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Station s-not-in-information is in station_status but not in station_information, skipped"));

  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "s-negative");
  vigie_test_assert_exact_int_value (entity, "vehicles_available", 0);
  vigie_test_assert_exact_int_value (entity, "docks_available", 5);

  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "s-absurd");
  vigie_test_assert_no_value (entity, "vehicles_available");
  vigie_test_assert_exact_int_value (entity, "docks_available", 2);

  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "s-over");
  vigie_test_assert_exact_int_value (entity, "vehicles_available", 20);
  vigie_test_assert_exact_int_value (entity, "vehicles_disabled", 3);
  vigie_test_assert_exact_int_value (entity, "capacity", 10);

  /* A virtual station overflows by design: no warning. */
  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "s-over-virtual");
  vigie_test_assert_exact_int_value (entity, "vehicles_available", 14);
  vigie_test_assert_boolean_value (entity, "is_virtual", TRUE);
  vigie_test_assert_no_value (entity, "docks_available");

  /* No vehicle_types document: counts, but no propulsion split. */
  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "s-type-negative");
  vigie_test_gbfs_assert_type_counts (entity, "196=0", "197=4", NULL);
  vigie_test_assert_no_value (entity, "electric_available");
  vigie_test_assert_no_value (entity, "mechanical_available");
  vigie_test_assert_no_value (entity, "form_factor");

  /* Numbers as text, 0/1 and "true" as booleans. */
  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "s-booleans");
  vigie_test_assert_exact_int_value (entity, "vehicles_available", 2);
  vigie_test_assert_exact_int_value (entity, "docks_available", 8);
  vigie_test_assert_boolean_value (entity, "is_installed", TRUE);
  vigie_test_assert_boolean_value (entity, "is_renting", FALSE);
  vigie_test_assert_boolean_value (entity, "is_returning", TRUE);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767612000);

  /* No docks, and no warning for it. */
  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "s-virtual");
  vigie_test_assert_no_value (entity, "docks_available");
  vigie_test_assert_exact_int_value (entity, "vehicles_available", 3);

  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "s-bad-time");
  vigie_test_assert_exact_int_value (entity, "capacity", 0);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767612310);

  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "s-no-status");
  vigie_test_assert_boolean_value (entity, "has_status", FALSE);
  vigie_test_assert_no_value (entity, "capacity");
}

static void
test_gbfs_quirks_positions (void)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  VigieEntity *entity;

  snapshot = vigie_test_gbfs_combine_fixtures ("fr",
                                               "station_information", "quirks-positions-information.json",
                                               "station_status", "quirks-positions-status.json",
                                               "free_bike_status", "quirks-vehicles.json",
                                               NULL);

  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 5 + 3 + 9);
  g_assert_cmpuint (vigie_test_count_entities (snapshot, VIGIE_ENTITY_STATION), ==, 2);
  g_assert_cmpuint (vigie_test_count_entities (snapshot, VIGIE_ENTITY_VEHICLE), ==, 3);

  /* p-zero is also in station_status: warned about once, not twice. */
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 12);
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Station p-zero: position (0, 0) is not a real place, skipped"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Station p-out: position (95.5, 7.33) is out of range, skipped"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Station p-missing: no position, skipped"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Vehicle v-zero: position (0, 0) is not a real place, skipped"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Vehicle v-no-position: no position and no station, skipped"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Vehicle v-out: position (47.7, 190) is out of range, skipped"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Vehicle v-fuel-percent: fuel level 79 read as a percentage"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Vehicle v-fuel-percent: “current_range_meters” is not a distance, ignored"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Vehicle v-fuel-absurd: “current_fuel_percent” is not a level between 0 and 1, ignored"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Vehicle record 8 is not an object, skipped"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Vehicle record 9 has no vehicle_id or bike_id, skipped"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Vehicle v-unknown-station: no position of its own and station nope is unknown, skipped"));

  /* Coordinates as text, one with a decimal comma. */
  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "p-strings");
  vigie_test_assert_position (entity, 47.7452, 7.3391, 1e-9);
  vigie_test_assert_exact_int_value (entity, "vehicles_available", 2);

  /* (0, 0) but at a known station: the station's position. */
  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_VEHICLE, "v-zero-at-station");
  vigie_test_assert_position (entity, 47.7446, 7.3392, 1e-9);
  vigie_test_assert_string_value (entity, "station_id", "p-ok");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767612320);

  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_VEHICLE, "v-fuel-percent");
  vigie_test_assert_exact_double_value (entity, "fuel_percent", 0.79);
  vigie_test_assert_no_value (entity, "range_m");

  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_VEHICLE, "v-fuel-absurd");
  vigie_test_assert_no_value (entity, "fuel_percent");
  vigie_test_assert_no_value (entity, "is_reserved");
  vigie_test_assert_boolean_value (entity, "is_disabled", FALSE);
}

static void
test_gbfs_quirks_header (void)
{
  g_autoptr(VigieSnapshot) bare = NULL;
  g_autoptr(VigieSnapshot) future = NULL;
  g_autoptr(VigieSnapshot) combined = NULL;

  bare = vigie_test_gbfs_parse_fixture ("station_information", "quirks-header.json", "fr");
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (bare), ==, 2);
  g_assert_true (vigie_test_has_exact_warning (bare, "The document does not give its GBFS version; it is read as 2.x or 3.0 from its fields"));
  g_assert_true (vigie_test_has_exact_warning (bare, "The document has no readable “last_updated” time"));
  g_assert_cmpint (vigie_snapshot_get_observed_at (bare), ==, 0);
  g_assert_cmpint (vigie_snapshot_get_ttl (bare), ==, -1);
  g_assert_cmpuint (vigie_snapshot_get_n_records (bare), ==, 1);

  combined = vigie_test_gbfs_combine_fixtures ("fr", "station_information", "quirks-header.json", NULL);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, 1);
  g_assert_cmpint (vigie_entity_get_observed_at (vigie_snapshot_get_entity (combined, 0)), ==, 0);
  g_assert_cmpint (vigie_snapshot_get_ttl (combined), ==, -1);

  future = vigie_test_gbfs_parse_fixture ("station_information", "quirks-version-4.json", "fr");
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (future), ==, 1);
  g_assert_true (vigie_test_has_exact_warning (future, "GBFS version “4.0” is not one Vigie knows; the document is read as 3.0"));
  g_assert_cmpint (vigie_snapshot_get_observed_at (future), ==, 1786545936);
}

static void
test_gbfs_quirks_ids (void)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;

  snapshot = vigie_test_gbfs_combine_fixtures ("fr", "station_information", "quirks-ids.json", NULL);

  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 8);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 2);
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Station 42 appears more than once, only the first record kept"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Station record 7 has no station_id, skipped"));
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 6);

  /* Beyond a double's 53 bits: json-glib keeps it as a gint64. */
  g_assert_cmpstr (vigie_entity_get_name (vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "9007199254740993")), ==, "Beyond doubles");
  /* Beyond a gint64, which json-glib 1.6 would silently wrap to
   * -6101065172474983726: vigie_json_parse_bytes() reads it as text. */
  g_assert_cmpstr (vigie_entity_get_name (vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "12345678901234567890")), ==, "Beyond int64");
  g_assert_cmpstr (vigie_entity_get_name (vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "-12345678901234567890")), ==, "Beyond int64, negative");
  g_assert_cmpstr (vigie_entity_get_name (vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "42")), ==, "Number");
  g_assert_cmpstr (vigie_entity_get_name (vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "0042")), ==, "Leading zeros");
  /* Digits inside a string are left alone. */
  g_assert_cmpstr (vigie_entity_get_name (vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "x \"12345678901234567890\" 99999999999999999999")), ==, "Digits inside text");
}

static void
test_gbfs_quirks_timestamps (void)
{
  const struct
  {
    const char *id;
    gint64      observed_at;
  } cases[] = {
    { "t-7-digits",        1786538861 },
    { "t-zulu",            1786538861 },
    { "t-negative-offset", 1786538861 },
    { "t-compact-offset",  1786538861 },
    { "t-12-digits",       1786538861 },
    { "t-posix",           1786538861 },
    { "t-posix-text",      1786538861 },
    { "t-milliseconds",    1786538861 },
    /* The document's "2026-08-12T14:48:00.5+02:00" */
    { "t-missing",         1786538880 },
    { "t-garbage",         1786538880 },
  };
  g_autoptr(VigieSnapshot) snapshot = NULL;

  snapshot = vigie_test_gbfs_combine_fixtures ("fr", "vehicle_status", "quirks-timestamps.json", NULL);

  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, G_N_ELEMENTS (cases));
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 1);
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Vehicle t-garbage: unreadable “last_reported” time, the document’s time used instead"));
  g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, 1786538880);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      VigieEntity *entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_VEHICLE, cases[i].id);

      g_test_message ("%s", cases[i].id);
      g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, cases[i].observed_at);
    }
}

typedef struct
{
  const char       *fixture;
  VigieFormatError  code;
} MalformedCase;

static void
test_gbfs_malformed_documents (void)
{
  const MalformedCase cases[] = {
    { "malformed-truncated.json",        VIGIE_FORMAT_ERROR_INVALID },
    { "malformed-data-not-object.json",  VIGIE_FORMAT_ERROR_INVALID },
    { "malformed-no-data.json",          VIGIE_FORMAT_ERROR_INVALID },
    { "malformed-not-object.json",       VIGIE_FORMAT_ERROR_INVALID },
  };
  const char * const roles[] = { VIGIE_ROLE_MAIN, "station_status", "station_information", "vehicle_status" };
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) empty_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = vigie_test_load_fixture ("gbfs", cases[i].fixture);

      for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
        {
          g_autoptr(GError) error = vigie_test_gbfs_parse_error (roles[r], bytes);

          g_test_message ("%s as %s: %s", cases[i].fixture, roles[r], error->message);
          g_assert_error (error, VIGIE_FORMAT_ERROR, cases[i].code);
        }
    }

  {
    g_autoptr(GBytes) bytes = vigie_test_load_fixture ("gbfs", "malformed-data-not-object.json");
    g_autoptr(GError) error = vigie_test_gbfs_parse_error ("station_status", bytes);

    g_assert_cmpstr (error->message, ==, "This is not a GBFS document: its “data” member is missing or is not an object");
  }

  empty_error = vigie_test_gbfs_parse_error ("station_status", empty);
  g_assert_error (empty_error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_EMPTY);
}

static void
test_gbfs_malformed_records (void)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;

  snapshot = vigie_test_gbfs_combine_fixtures ("fr", VIGIE_ROLE_MAIN, "malformed-records.json", NULL);

  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 6);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 5);
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *text = g_strdup_printf ("Station record %u is not an object, skipped", i);

      g_assert_true (vigie_test_has_exact_warning (snapshot, text));
    }
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Station record 5 has no station_id, skipped"));
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 1);
  vigie_test_assert_exact_int_value (vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "m-ok"), "capacity", 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gbfs/quirks/counts", test_gbfs_quirks_counts);
  g_test_add_func ("/gbfs/quirks/positions", test_gbfs_quirks_positions);
  g_test_add_func ("/gbfs/quirks/header", test_gbfs_quirks_header);
  g_test_add_func ("/gbfs/quirks/ids", test_gbfs_quirks_ids);
  g_test_add_func ("/gbfs/quirks/timestamps", test_gbfs_quirks_timestamps);
  g_test_add_func ("/gbfs/malformed/documents", test_gbfs_malformed_documents);
  g_test_add_func ("/gbfs/malformed/records", test_gbfs_malformed_records);

  return g_test_run ();
}
