/* test-gbfs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-format.h"
#include "vigie-formats.h"
#include "vigie-test-gbfs.h"
#include "vigie-test-support.h"

/* GBFS 2.3 and 3.0: discovery, combining the documents, a single main
 * document, sniffing and scale; the quirks of real feeds and malformed
 * documents are in test-gbfs-quirks.c. */

static void
test_gbfs_format (void)
{
  const VigieFormat *format = vigie_format_lookup ("gbfs");

  g_assert_true (format == &vigie_format_gbfs);
  g_assert_cmpstr (format->name, ==, "GBFS (bike and car share)");
  g_assert_cmpint (format->default_kind, ==, VIGIE_FEED_KIND_BIKES);
  g_assert_cmpuint (format->min_interval_s, ==, 10);
  g_assert_nonnull (format->combine);
  g_assert_true (vigie_format_follows (format, "station_information"));
  g_assert_true (vigie_format_follows (format, "station_status"));
  g_assert_true (vigie_format_follows (format, "free_bike_status"));
  g_assert_true (vigie_format_follows (format, "vehicle_status"));
  g_assert_true (vigie_format_follows (format, "vehicle_types"));
  g_assert_true (vigie_format_follows (format, "system_information"));
  g_assert_true (vigie_format_follows (format, "geofencing_zones"));
  g_assert_false (vigie_format_follows (format, "system:citiz_grand_est"));
}

typedef struct
{
  const char *fixture;
  const char *language;
  const char *expected_url;
} LanguageCase;

static void
test_gbfs_discovery_v23_language (void)
{
  const LanguageCase cases[] = {
    { "v23-gbfs.json", "fr", "https://gbfs.example.org/v2/mulhouse/fr/station_status.json" },
    { "v23-gbfs.json", "pl", "https://gbfs.example.org/v2/mulhouse/pl/station_status.json" },
    { "v23-gbfs.json", "en-GB", "https://gbfs.example.org/v2/mulhouse/en/station_status.json" },
    { "v23-gbfs.json", "PL", "https://gbfs.example.org/v2/mulhouse/pl/station_status.json" },
    /* Not offered: French, before English that comes first. */
    { "v23-gbfs.json", "de", "https://gbfs.example.org/v2/mulhouse/fr/station_status.json" },
    { "v23-gbfs.json", NULL, "https://gbfs.example.org/v2/mulhouse/fr/station_status.json" },
    /* No French: English, though Polish comes first. */
    { "v23-gbfs-no-fr.json", "de", "https://gbfs.example.org/v2/krakow/en/station_status.json" },
    { "v23-gbfs-no-fr.json", "pl", "https://gbfs.example.org/v2/krakow/pl/station_status.json" },
    /* Neither: the first one listed. */
    { "v23-gbfs-no-fr-no-en.json", "de", "https://gbfs.example.org/v2/oslo/nb/station_status.json" },
    { "v23-gbfs-no-fr-no-en.json", "fr", "https://gbfs.example.org/v2/oslo/nb/station_status.json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VigieSnapshot) snapshot = vigie_test_gbfs_parse_fixture (VIGIE_ROLE_MAIN, cases[i].fixture, cases[i].language);
      GHashTable *links = vigie_snapshot_get_links (snapshot);

      g_test_message ("%s in %s", cases[i].fixture, cases[i].language);
      g_assert_cmpstr (g_hash_table_lookup (links, "station_status"), ==, cases[i].expected_url);
      g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
    }
}

static void
test_gbfs_discovery_v23 (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_gbfs_parse_fixture (VIGIE_ROLE_MAIN, "v23-gbfs.json", "fr");
  GHashTable *links = vigie_snapshot_get_links (snapshot);

  g_assert_cmpuint (g_hash_table_size (links), ==, 5);
  g_assert_cmpstr (g_hash_table_lookup (links, "system_information"), ==,
                   "https://gbfs.example.org/v2/mulhouse/fr/system_information.json");
  g_assert_cmpstr (g_hash_table_lookup (links, "station_information"), ==,
                   "https://gbfs.example.org/v2/mulhouse/fr/station_information.json");
  g_assert_cmpstr (g_hash_table_lookup (links, "free_bike_status"), ==,
                   "https://gbfs.example.org/v2/mulhouse/fr/free_bike_status.json");
  g_assert_cmpstr (g_hash_table_lookup (links, "vehicle_types"), ==,
                   "https://gbfs.example.org/v2/mulhouse/fr/vehicle_types.json");
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 5);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
  g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, 1767612300);
  g_assert_cmpint (vigie_snapshot_get_ttl (snapshot), ==, 3600);
}

static void
test_gbfs_discovery_v30 (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_gbfs_parse_fixture (VIGIE_ROLE_MAIN, "v30-gbfs.json", "fr");
  GHashTable *links = vigie_snapshot_get_links (snapshot);

  g_assert_cmpuint (g_hash_table_size (links), ==, 9);
  g_assert_cmpstr (g_hash_table_lookup (links, "vehicle_status"), ==,
                   "https://backend.example.org/public/provider/1/gbfs/3.0/vehicle_status.json");
  g_assert_cmpstr (g_hash_table_lookup (links, "station_status"), ==,
                   "https://backend.example.org/public/provider/1/gbfs/3.0/station_status.json");
  g_assert_cmpstr (g_hash_table_lookup (links, "geofencing_zones"), ==,
                   "https://backend.example.org/public/provider/1/gbfs/3.0/geofencing_zones.json");
  g_assert_null (g_hash_table_lookup (links, "free_bike_status"));
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 9);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
  /* "2026-08-12T14:40:00.1234567+02:00" */
  g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, 1786538400);
  g_assert_cmpint (vigie_snapshot_get_ttl (snapshot), ==, 3600);
}

static void
test_gbfs_discovery_bad_links (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_gbfs_parse_fixture (VIGIE_ROLE_MAIN, "quirks-gbfs-links.json", "fr");
  GHashTable *links = vigie_snapshot_get_links (snapshot);

  /* A relative address, one missing, an entry that is a bare string and
   * an FTP address: only the good one is followed. */
  g_assert_cmpuint (g_hash_table_size (links), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (links, "station_information"), ==,
                   "https://gbfs.example.org/station_information.json");
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 5);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 4);
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Feed station_status: “station_status.json” is not an absolute web address, skipped"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Feed entry 3 has no name or no address, skipped"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Feed entry 4 has no name or no address, skipped"));
}

static void
test_gbfs_discovery_relative_links (void)
{
  const VigieParseContext context = {
    .now = VIGIE_TEST_GBFS_NOW,
    .language = "fr",
    .base_url = "https://gbfs.example.org/mulhouse/gbfs.json",
  };
  g_autoptr(GBytes) bytes = vigie_test_load_fixture ("gbfs", "quirks-gbfs-links.json");
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *links;

  /* Knowing where gbfs.json lives, the engine resolves relative links. */
  snapshot = vigie_format_gbfs.parse (VIGIE_ROLE_MAIN, bytes, &context, &error);
  g_assert_no_error (error);
  links = vigie_snapshot_get_links (snapshot);
  g_assert_cmpuint (g_hash_table_size (links), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (links, "station_status"), ==,
                   "https://gbfs.example.org/mulhouse/station_status.json");
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 3);
}

static void
test_gbfs_discovery_manifest (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_test_gbfs_parse_fixture (VIGIE_ROLE_MAIN, "v30-manifest.json", "fr");
  GHashTable *links = vigie_snapshot_get_links (snapshot);

  g_assert_cmpuint (g_hash_table_size (links), ==, 2);
  /* The newest version each system offers. */
  g_assert_cmpstr (g_hash_table_lookup (links, "system:citiz_grand_est"), ==,
                   "https://backend.example.org/public/provider/1/gbfs/3.0/gbfs.json");
  g_assert_cmpstr (g_hash_table_lookup (links, "system:getaround_mulhouse"), ==,
                   "https://getaround.example.org/gbfs/v3/mulhouse/gbfs");
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 3);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 2);
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Manifest entry 3 has no system_id or no usable gbfs.json address, skipped"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "The manifest lists 2 systems; Vigie does not follow manifests yet: use the address of one system’s gbfs.json"));
}

static void
test_gbfs_v23_combine (void)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  VigieEntity *entity;

  snapshot = vigie_test_gbfs_combine_fixtures ("fr",
                                               VIGIE_ROLE_MAIN, "v23-gbfs.json",
                                               "system_information", "v23-system_information.json",
                                               "station_information", "v23-station_information.json",
                                               "station_status", "v23-station_status.json",
                                               "free_bike_status", "v23-free_bike_status.json",
                                               "vehicle_types", "v23-vehicle_types.json",
                                               NULL);

  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 5 + 1 + 4 + 3 + 3 + 3);
  g_assert_cmpuint (vigie_test_count_entities (snapshot, VIGIE_ENTITY_STATION), ==, 4);
  g_assert_cmpuint (vigie_test_count_entities (snapshot, VIGIE_ENTITY_VEHICLE), ==, 3);
  /* The smallest ttl (free_bike_status), the newest live document. */
  g_assert_cmpint (vigie_snapshot_get_ttl (snapshot), ==, 30);
  g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, 1767612310);

  /* A virtual station: no docks count at all. */
  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "37105721");
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Place de la Réunion");
  vigie_test_assert_position (entity, 47.7470, 7.3379, 1e-9);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767612290);
  vigie_test_assert_exact_int_value (entity, "capacity", 10);
  vigie_test_assert_exact_int_value (entity, "vehicles_available", 0);
  vigie_test_assert_no_value (entity, "docks_available");
  vigie_test_assert_no_value (entity, "vehicles_disabled");
  vigie_test_assert_no_value (entity, "docks_disabled");
  vigie_test_assert_boolean_value (entity, "is_installed", TRUE);
  vigie_test_assert_boolean_value (entity, "is_renting", TRUE);
  vigie_test_assert_boolean_value (entity, "is_returning", TRUE);
  vigie_test_assert_boolean_value (entity, "is_virtual", TRUE);
  vigie_test_assert_boolean_value (entity, "has_status", TRUE);
  vigie_test_assert_string_value (entity, "form_factor", "cargo_bicycle");
  vigie_test_gbfs_assert_type_counts (entity, "198=0", NULL);
  vigie_test_assert_exact_int_value (entity, "electric_available", 0);
  vigie_test_assert_exact_int_value (entity, "mechanical_available", 0);
  vigie_test_assert_no_value (entity, "address");

  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "37105788");
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Gare Centrale");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767612301);
  vigie_test_assert_exact_int_value (entity, "vehicles_available", 12);
  vigie_test_assert_exact_int_value (entity, "docks_available", 3);
  vigie_test_gbfs_assert_type_counts (entity, "196=9", "197=3", NULL);
  vigie_test_assert_exact_int_value (entity, "electric_available", 9);
  vigie_test_assert_exact_int_value (entity, "mechanical_available", 3);
  vigie_test_assert_string_value (entity, "form_factor", "bicycle");
  vigie_test_assert_string_value (entity, "address", "Avenue du Général Leclerc");

  /* E-bikes and a cargo bike: the types disagree, so the system's main
   * form factor; no last_reported, so the document's time. */
  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "37105800");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767612310);
  vigie_test_assert_exact_int_value (entity, "vehicles_available", 5);
  vigie_test_assert_exact_int_value (entity, "vehicles_disabled", 1);
  vigie_test_assert_exact_int_value (entity, "docks_available", 6);
  vigie_test_assert_exact_int_value (entity, "docks_disabled", 0);
  vigie_test_assert_boolean_value (entity, "is_renting", FALSE);
  vigie_test_assert_boolean_value (entity, "is_virtual", FALSE);
  vigie_test_assert_string_value (entity, "form_factor", "bicycle");
  vigie_test_assert_exact_int_value (entity, "electric_available", 4);
  vigie_test_assert_exact_int_value (entity, "mechanical_available", 1);

  /* In station_information only. */
  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "37105900");
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Parc Salvator");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767612300);
  vigie_test_assert_boolean_value (entity, "has_status", FALSE);
  vigie_test_assert_exact_int_value (entity, "capacity", 8);
  vigie_test_assert_no_value (entity, "vehicles_available");
  vigie_test_assert_no_value (entity, "is_installed");
  vigie_test_assert_no_value (entity, "vehicle_types_available");
  vigie_test_assert_string_value (entity, "form_factor", "bicycle");

  /* 0/1 booleans. */
  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_VEHICLE, "b1");
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "VéloCité électrique");
  vigie_test_assert_position (entity, 47.7490, 7.3400, 1e-9);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767612200);
  vigie_test_assert_string_value (entity, "vehicle_type_id", "196");
  vigie_test_assert_string_value (entity, "form_factor", "bicycle");
  vigie_test_assert_string_value (entity, "propulsion", "electric_assist");
  vigie_test_assert_exact_double_value (entity, "range_m", 25000.5);
  vigie_test_assert_no_value (entity, "fuel_percent");
  vigie_test_assert_boolean_value (entity, "is_reserved", FALSE);
  vigie_test_assert_boolean_value (entity, "is_disabled", FALSE);
  vigie_test_assert_no_value (entity, "station_id");

  /* At a station, without a position of its own. */
  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_VEHICLE, "b2");
  vigie_test_assert_position (entity, 47.7418, 7.3423, 1e-9);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767612305);
  vigie_test_assert_string_value (entity, "station_id", "37105788");
  vigie_test_assert_string_value (entity, "propulsion", "human");

  /* A number as id. */
  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_VEHICLE, "12345");
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Vélo cargo");
  vigie_test_assert_string_value (entity, "form_factor", "cargo_bicycle");
  vigie_test_assert_boolean_value (entity, "is_reserved", TRUE);
}

static void
test_gbfs_v30_combine (void)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(VigieSnapshot) english = NULL;
  VigieEntity *entity;

  snapshot = vigie_test_gbfs_combine_fixtures ("fr",
                                               VIGIE_ROLE_MAIN, "v30-gbfs.json",
                                               "station_information", "v30-station_information.json",
                                               "station_status", "v30-station_status.json",
                                               "vehicle_status", "v30-vehicle_status.json",
                                               "vehicle_types", "v30-vehicle_types.json",
                                               NULL);

  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 9 + 3 + 3 + 3 + 3);
  g_assert_cmpuint (vigie_test_count_entities (snapshot, VIGIE_ENTITY_STATION), ==, 3);
  g_assert_cmpuint (vigie_test_count_entities (snapshot, VIGIE_ENTITY_VEHICLE), ==, 3);
  g_assert_cmpint (vigie_snapshot_get_ttl (snapshot), ==, 300);
  /* vehicle_status's "2026-08-12T14:47:24.0116413+02:00" */
  g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, 1786538844);

  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "548");
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "GARE TOUMAÏ");
  vigie_test_assert_position (entity, 46.58420944213867, 0.33599498867988586, 1e-9);
  /* "2026-06-08T10:21:07.0381044+02:00", two months old: kept as is. */
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1780906867);
  vigie_test_assert_exact_int_value (entity, "capacity", 3);
  vigie_test_assert_exact_int_value (entity, "vehicles_available", 2);
  vigie_test_assert_exact_int_value (entity, "docks_available", 0);
  vigie_test_assert_string_value (entity, "form_factor", "car");
  vigie_test_gbfs_assert_type_counts (entity, "16=1", "31=1", NULL);
  vigie_test_assert_exact_int_value (entity, "electric_available", 1);
  vigie_test_assert_exact_int_value (entity, "mechanical_available", 0);
  vigie_test_assert_string_value (entity, "address", "Boulevard du Grand cerf 86000 POITIERS");

  /* Citiz: capacity 2, last reported six months ago, a padded name. */
  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "1483");
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "BUXEROLLES MAIRIE");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1770105600);
  vigie_test_assert_exact_int_value (entity, "capacity", 2);
  vigie_test_assert_exact_int_value (entity, "vehicles_available", 1);
  vigie_test_assert_exact_int_value (entity, "vehicles_disabled", 1);
  vigie_test_assert_string_value (entity, "form_factor", "car");
  vigie_test_assert_exact_int_value (entity, "electric_available", 0);
  vigie_test_assert_exact_int_value (entity, "mechanical_available", 0);

  /* No name in French: the first one; an empty vehicle_types_available. */
  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_STATION, "1490");
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Rathaus");
  /* "2026-08-12T18:10:00.25+05:30" */
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1786538400);
  vigie_test_assert_exact_int_value (entity, "vehicles_available", 0);
  vigie_test_assert_exact_int_value (entity, "docks_available", 1);
  vigie_test_gbfs_assert_type_counts (entity, NULL);
  vigie_test_assert_no_value (entity, "electric_available");
  vigie_test_assert_string_value (entity, "form_factor", "car");

  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_VEHICLE, "1516");
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Toyota Yaris");
  vigie_test_assert_position (entity, 46.59138870239258, 0.35227999091148376, 1e-9);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1786538719);
  vigie_test_assert_string_value (entity, "form_factor", "car");
  vigie_test_assert_string_value (entity, "propulsion", "hybrid");
  vigie_test_assert_exact_double_value (entity, "range_m", 300000);
  vigie_test_assert_exact_double_value (entity, "fuel_percent", 0.79);
  vigie_test_assert_boolean_value (entity, "is_reserved", FALSE);
  vigie_test_assert_boolean_value (entity, "is_disabled", TRUE);
  vigie_test_assert_string_value (entity, "station_id", "1483");

  /* Reserved and disabled at once, placed at its station. */
  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_VEHICLE, "1517");
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Renault Zoé");
  vigie_test_assert_position (entity, 46.58420944213867, 0.33599498867988586, 1e-9);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1786538861);
  vigie_test_assert_boolean_value (entity, "is_reserved", TRUE);
  vigie_test_assert_boolean_value (entity, "is_disabled", TRUE);
  vigie_test_assert_exact_double_value (entity, "fuel_percent", 0.5);
  vigie_test_assert_string_value (entity, "propulsion", "electric");

  /* Only a home station. */
  entity = vigie_test_get_entity (snapshot, VIGIE_ENTITY_VEHICLE, "1518");
  vigie_test_assert_position (entity, 46.5810, 0.3390, 1e-9);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1786538844);
  vigie_test_assert_string_value (entity, "station_id", "548");
  vigie_test_assert_string_value (entity, "propulsion", "combustion");
  vigie_test_assert_no_value (entity, "fuel_percent");

  english = vigie_test_gbfs_combine_fixtures ("en",
                                              "station_information", "v30-station_information.json",
                                              NULL);
  g_assert_cmpstr (vigie_entity_get_name (vigie_test_get_entity (english, VIGIE_ENTITY_STATION, "548")), ==, "Toumai station");
  g_assert_cmpstr (vigie_entity_get_name (vigie_test_get_entity (english, VIGIE_ENTITY_STATION, "1490")), ==, "Town hall");
}

static void
test_gbfs_default_form_factor (void)
{
  g_autoptr(VigieSnapshot) without_types = NULL;
  g_autoptr(VigieSnapshot) types_pending = NULL;

  /* A system with no vehicle_types document: GBFS says bicycles. */
  without_types = vigie_test_gbfs_combine_fixtures ("fr",
                                                    VIGIE_ROLE_MAIN, "v23-gbfs-no-fr-no-en.json",
                                                    "station_information", "v23-station_information.json",
                                                    "station_status", "v23-station_status.json",
                                                    "free_bike_status", "v23-free_bike_status.json",
                                                    NULL);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (without_types), ==, 0);
  vigie_test_assert_string_value (vigie_test_get_entity (without_types, VIGIE_ENTITY_STATION, "37105721"), "form_factor", "bicycle");
  vigie_test_assert_no_value (vigie_test_get_entity (without_types, VIGIE_ENTITY_STATION, "37105721"), "electric_available");
  vigie_test_assert_string_value (vigie_test_get_entity (without_types, VIGIE_ENTITY_VEHICLE, "b1"), "form_factor", "bicycle");
  vigie_test_assert_string_value (vigie_test_get_entity (without_types, VIGIE_ENTITY_VEHICLE, "b1"), "propulsion", "human");
  g_assert_null (vigie_entity_get_name (vigie_test_get_entity (without_types, VIGIE_ENTITY_VEHICLE, "b1")));

  /* One that has it, not fetched yet: unknown rather than wrong. */
  types_pending = vigie_test_gbfs_combine_fixtures ("fr",
                                                    VIGIE_ROLE_MAIN, "v23-gbfs.json",
                                                    "station_information", "v23-station_information.json",
                                                    "station_status", "v23-station_status.json",
                                                    "free_bike_status", "v23-free_bike_status.json",
                                                    NULL);
  vigie_test_assert_no_value (vigie_test_get_entity (types_pending, VIGIE_ENTITY_STATION, "37105721"), "form_factor");
  vigie_test_assert_no_value (vigie_test_get_entity (types_pending, VIGIE_ENTITY_VEHICLE, "b1"), "form_factor");
  vigie_test_assert_no_value (vigie_test_get_entity (types_pending, VIGIE_ENTITY_VEHICLE, "b1"), "propulsion");
}

static void
test_gbfs_main_single_document (void)
{
  g_autoptr(VigieSnapshot) status = NULL;
  g_autoptr(VigieSnapshot) information = NULL;
  g_autoptr(VigieSnapshot) bikes = NULL;
  g_autoptr(VigieSnapshot) vehicles = NULL;
  g_autoptr(VigieSnapshot) types = NULL;
  g_autoptr(VigieSnapshot) system = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* Statuses cannot be drawn without positions: one warning for all. */
  status = vigie_test_gbfs_combine_fixtures ("fr", VIGIE_ROLE_MAIN, "v23-station_status.json", NULL);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (status), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_records (status), ==, 3);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (status), ==, 1);
  g_assert_true (vigie_test_has_exact_warning (status, "3 stations have a status but no station information to place them on the map, not shown"));

  information = vigie_test_gbfs_combine_fixtures ("fr", VIGIE_ROLE_MAIN, "v30-station_information.json", NULL);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (information), ==, 0);
  g_assert_cmpuint (vigie_test_count_entities (information, VIGIE_ENTITY_STATION), ==, 3);
  vigie_test_assert_boolean_value (vigie_test_get_entity (information, VIGIE_ENTITY_STATION, "548"), "has_status", FALSE);
  vigie_test_assert_no_value (vigie_test_get_entity (information, VIGIE_ENTITY_STATION, "548"), "form_factor");
  g_assert_cmpint (vigie_snapshot_get_observed_at (information), ==, 1786538736);

  /* Free-floating bikes are drawn; the one at a station cannot be. */
  bikes = vigie_test_gbfs_combine_fixtures ("fr", VIGIE_ROLE_MAIN, "v23-free_bike_status.json", NULL);
  g_assert_cmpuint (vigie_test_count_entities (bikes, VIGIE_ENTITY_VEHICLE), ==, 2);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (bikes), ==, 1);
  g_assert_true (vigie_test_has_exact_warning (bikes, "Vehicle b2: no position of its own and station 37105788 is unknown, skipped"));

  vehicles = vigie_test_gbfs_combine_fixtures ("fr", VIGIE_ROLE_MAIN, "v30-vehicle_status.json", NULL);
  g_assert_cmpuint (vigie_test_count_entities (vehicles, VIGIE_ENTITY_VEHICLE), ==, 2);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (vehicles), ==, 1);

  types = vigie_test_gbfs_combine_fixtures ("fr", VIGIE_ROLE_MAIN, "v23-vehicle_types.json", NULL);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (types), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_records (types), ==, 3);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (types), ==, 0);

  system = vigie_test_gbfs_combine_fixtures ("fr", VIGIE_ROLE_MAIN, "v23-system_information.json", NULL);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (system), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (system), ==, 0);
  g_assert_cmpint (vigie_snapshot_get_ttl (system), ==, 86400);

  /* GBFS, but nothing to show (system_hours.json). */
  bytes = vigie_test_load_fixture ("gbfs", "malformed-unknown.json");
  error = vigie_test_gbfs_parse_error (VIGIE_ROLE_MAIN, bytes);
  g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_UNSUPPORTED);
}

static void
test_gbfs_sniff (void)
{
  const struct
  {
    const char *fixture;
    gboolean    expected;
  } fixtures[] = {
    { "v23-gbfs.json",                 TRUE },
    { "v30-gbfs.json",                 TRUE },
    { "v30-station_status.json",       TRUE },
    { "v23-free_bike_status.json",     TRUE },
    { "v30-manifest.json",             TRUE },
    { "quirks-header.json",            FALSE },  /* no last_updated, no ttl */
    { "quirks-version-4.json",         FALSE },
    { "malformed-truncated.json",      FALSE },
    { "malformed-not-object.json",     FALSE },
  };
  const struct
  {
    const char *text;
    gboolean    expected;
  } texts[] = {
    { "{\"type\": \"FeatureCollection\", \"features\": []}", FALSE },
    { "{\"data\": {}, \"ttl\": 0}", TRUE },
    { "\xEF\xBB\xBF  {\"data\": {}, \"last_updated\": 1, \"version\": \"1.1\"}", TRUE },
    { "{\"data\": {}, \"last_updated\": 1, \"version\": 2.3}", FALSE },
    { "{\"data\": {}, \"last_updated\": 1, \"version\": \"10.0\"}", FALSE },
    { "[]", FALSE },
    { "station_id,lat,lon\n", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GBytes) bytes = vigie_test_load_fixture ("gbfs", fixtures[i].fixture);

      g_test_message ("%s", fixtures[i].fixture);
      g_assert_cmpint (vigie_format_gbfs.sniff ("application/json", bytes), ==, fixtures[i].expected);
    }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (texts[i].text, strlen (texts[i].text));

      g_test_message ("%s", texts[i].text);
      g_assert_cmpint (vigie_format_gbfs.sniff (NULL, bytes), ==, texts[i].expected);
    }
}

#define N_SCALE_STATIONS 10000

static GBytes *
build_scale_document (const char *kind)
{
  GString *json = g_string_new ("{\"last_updated\":1767612300,\"ttl\":60,\"version\":\"2.3\",\"data\":{");

  if (g_str_equal (kind, "bikes"))
    g_string_append (json, "\"bikes\":[");
  else
    g_string_append (json, "\"stations\":[");

  for (guint i = 0; i < N_SCALE_STATIONS; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');

      if (g_str_equal (kind, "information"))
        g_string_append_printf (json,
                                "{\"station_id\":\"st-%u\",\"name\":\"Station %u\","
                                "\"lat\":%u.%04u,\"lon\":%u.%04u,\"capacity\":%u}",
                                i, i, 45 + i % 5, i % 10000, 5 + i % 3, (i * 7) % 10000, 10 + i % 20);
      else if (g_str_equal (kind, "status"))
        g_string_append_printf (json,
                                "{\"station_id\":\"st-%u\",\"num_bikes_available\":%u,"
                                "\"num_docks_available\":%u,\"is_installed\":true,"
                                "\"is_renting\":true,\"is_returning\":true,"
                                "\"last_reported\":%u}",
                                i, i % 10, 10 + i % 20 - i % 10, 1767612000 + i % 300);
      else
        g_string_append_printf (json,
                                "{\"bike_id\":\"bk-%u\",\"station_id\":\"st-%u\","
                                "\"is_reserved\":false,\"is_disabled\":false}",
                                i, (i * 13) % N_SCALE_STATIONS);
    }

  g_string_append (json, "]}}");

  return g_string_free_to_bytes (json);
}

static void
test_gbfs_scale (void)
{
  const VigieParseContext context = { VIGIE_TEST_GBFS_NOW, "fr", NULL };
  const char * const kinds[] = { "information", "status", "bikes" };
  const char * const roles[] = { "station_information", "station_status", "free_bike_status" };
  g_autoptr(GHashTable) by_role = NULL;
  g_autoptr(VigieSnapshot) combined = NULL;
  VigieEntity *entity;

  by_role = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                   (GDestroyNotify) vigie_snapshot_unref);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GBytes) bytes = build_scale_document (kinds[i]);
      g_autoptr(GError) error = NULL;
      VigieSnapshot *snapshot;

      snapshot = vigie_format_gbfs.parse (roles[i], bytes, &context, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, N_SCALE_STATIONS);
      g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
      g_hash_table_insert (by_role, (gpointer) roles[i], snapshot);
    }

  combined = vigie_format_gbfs.combine (by_role, &context);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (combined), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_records (combined), ==, 3 * N_SCALE_STATIONS);
  g_assert_cmpuint (vigie_test_count_entities (combined, VIGIE_ENTITY_STATION), ==, N_SCALE_STATIONS);
  g_assert_cmpuint (vigie_test_count_entities (combined, VIGIE_ENTITY_VEHICLE), ==, N_SCALE_STATIONS);

  entity = vigie_test_get_entity (combined, VIGIE_ENTITY_STATION, "st-9999");
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Station 9999");
  vigie_test_assert_position (entity, 49.9999, 5.9993, 1e-9);
  vigie_test_assert_exact_int_value (entity, "capacity", 29);
  vigie_test_assert_exact_int_value (entity, "vehicles_available", 9);
  vigie_test_assert_exact_int_value (entity, "docks_available", 20);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767612000 + 9999 % 300);

  /* bk-1 sits at st-13. */
  entity = vigie_test_get_entity (combined, VIGIE_ENTITY_VEHICLE, "bk-1");
  vigie_test_assert_position (entity, 48.0013, 6.0091, 1e-9);
  vigie_test_assert_string_value (entity, "station_id", "st-13");
}
int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gbfs/format", test_gbfs_format);
  g_test_add_func ("/gbfs/discovery/v23", test_gbfs_discovery_v23);
  g_test_add_func ("/gbfs/discovery/v23-language", test_gbfs_discovery_v23_language);
  g_test_add_func ("/gbfs/discovery/v30", test_gbfs_discovery_v30);
  g_test_add_func ("/gbfs/discovery/bad-links", test_gbfs_discovery_bad_links);
  g_test_add_func ("/gbfs/discovery/relative-links", test_gbfs_discovery_relative_links);
  g_test_add_func ("/gbfs/discovery/manifest", test_gbfs_discovery_manifest);
  g_test_add_func ("/gbfs/combine/v23", test_gbfs_v23_combine);
  g_test_add_func ("/gbfs/combine/v30-citiz", test_gbfs_v30_combine);
  g_test_add_func ("/gbfs/combine/default-form-factor", test_gbfs_default_form_factor);
  g_test_add_func ("/gbfs/main/single-document", test_gbfs_main_single_document);
  g_test_add_func ("/gbfs/sniff", test_gbfs_sniff);
  g_test_add_func ("/gbfs/scale", test_gbfs_scale);

  return g_test_run ();
}
