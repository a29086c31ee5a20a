/* test-datex2.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libxml/parser.h>
#include "vigie-format.h"
#include "vigie-formats.h"
#include "vigie-test-parking.h"
#include "vigie-test-support.h"

/* The fixtures are hand-written from the DATEX II v2.3 and v3 parking
 * publications (ParkingTablePublication, ParkingStatusPublication) with
 * the quirks of real feeds, and hostile XML that must not reach outside
 * the document. */

/* 2026-01-05 07:12:40 UTC (08:12:40 in Mulhouse), just after the fixtures. */
#define NOW G_GINT64_CONSTANT (1767597160)

static VigieSnapshot *
parse_bytes (const char  *role,
             GBytes      *bytes,
             const char  *language,
             GError     **error)
{
  const VigieParseContext context = { NOW, language, NULL, NULL };

  return vigie_format_datex2.parse (role, bytes, &context, error);
}

static VigieSnapshot *
parse_fixture (const char *role,
               const char *name,
               const char *language)
{
  g_autoptr(GBytes) bytes = vigie_test_load_fixture ("parking", name);
  g_autoptr(GError) error = NULL;
  VigieSnapshot *snapshot;

  snapshot = parse_bytes (role, bytes, language, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);

  return snapshot;
}

/* Parses a table and a status document and combines them, as the feed
 * engine does. */
static VigieSnapshot *
combine_fixtures (const char *table_role,
                  const char *table,
                  const char *status_role,
                  const char *status,
                  const char *language)
{
  const VigieParseContext context = { NOW, language, NULL, NULL };
  g_autoptr(GHashTable) by_role = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) vigie_snapshot_unref);

  if (table != NULL)
    g_hash_table_insert (by_role, (gpointer) table_role, parse_fixture (table_role, table, language));
  if (status != NULL)
    g_hash_table_insert (by_role, (gpointer) status_role, parse_fixture (status_role, status, language));

  return vigie_format_datex2.combine (by_role, &context);
}

static void
test_v2_table (void)
{
  g_autoptr(VigieSnapshot) table = parse_fixture (VIGIE_ROLE_MAIN, "datex2-v2-table.xml", "fr");
  g_autoptr(VigieSnapshot) combined = NULL;
  g_autoptr(GHashTable) by_role = g_hash_table_new (g_str_hash, g_str_equal);
  const VigieParseContext context = { NOW, "fr", NULL, NULL };
  VigieEntity *entity;

  /* parse() keeps records for combine(), it makes no entities. */
  g_assert_cmpuint (vigie_snapshot_get_n_records (table), ==, 5);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (table), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (table), ==, 3);
  g_assert_true (vigie_test_has_warning (table, "MUL-P-GARE: capacity 999 looks like a placeholder"));
  g_assert_true (vigie_test_has_warning (table, "MUL-P-NOWHERE: position (0, 0)"));
  g_assert_true (vigie_test_has_warning (table, "Parking record 5 has no id"));
  g_assert_cmpint (vigie_snapshot_get_observed_at (table), ==, 1767589200);

  /* The table alone: car parks with their capacity, no occupancy yet. */
  g_hash_table_insert (by_role, (gpointer) VIGIE_ROLE_MAIN, table);
  combined = vigie_format_datex2.combine (by_role, &context);
  g_assert_nonnull (combined);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, 3);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (combined), ==, 3);

  entity = vigie_test_find_id (combined, "MUL-P-PORTE-HAUTE", VIGIE_ENTITY_CAR_PARK);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Parking Porte-Haute");
  g_assert_cmpfloat (vigie_entity_get_latitude (entity), ==, 47.75);
  g_assert_cmpfloat (vigie_entity_get_longitude (entity), ==, 7.3371);
  vigie_test_assert_int_value (entity, "total_spots", 500);
  vigie_test_assert_no_value (entity, "available_spots");
  vigie_test_assert_no_value (entity, "occupancy");
  vigie_test_assert_no_value (entity, "status");
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "category"), ==, "offStreetParking");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1764543600);

  /* locationForDisplay when there is no point; the publication's time
   * when the record has none of its own. */
  entity = vigie_test_find_id (combined, "MUL-P-REPUBLIQUE", VIGIE_ENTITY_CAR_PARK);
  g_assert_nonnull (entity);
  g_assert_cmpfloat (vigie_entity_get_latitude (entity), ==, 47.7462);
  g_assert_cmpfloat (vigie_entity_get_longitude (entity), ==, 7.3382);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767589200);

  entity = vigie_test_find_id (combined, "MUL-P-GARE", VIGIE_ENTITY_CAR_PARK);
  g_assert_nonnull (entity);
  vigie_test_assert_no_value (entity, "total_spots");
}

static void
test_v2_joined (void)
{
  g_autoptr(VigieSnapshot) status = parse_fixture ("status", "datex2-v2-status.xml", "fr");
  g_autoptr(VigieSnapshot) combined = combine_fixtures (VIGIE_ROLE_MAIN, "datex2-v2-table.xml",
                                                        "status", "datex2-v2-status.xml", "fr");
  VigieEntity *entity;

  g_assert_cmpuint (vigie_snapshot_get_n_records (status), ==, 4);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (status), ==, 0);

  g_assert_nonnull (combined);
  g_assert_cmpuint (vigie_snapshot_get_n_records (combined), ==, 9);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, 3);
  /* The table's three, and the status of a car park it does not list. */
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (combined), ==, 4);
  g_assert_true (vigie_test_has_warning (combined, "1 parking status names no car park of the table"));
  g_assert_cmpint (vigie_snapshot_get_observed_at (combined), ==, 1767597000);

  /* Percentages, as the standard has them. */
  entity = vigie_test_find_id (combined, "MUL-P-PORTE-HAUTE", VIGIE_ENTITY_CAR_PARK);
  g_assert_nonnull (entity);
  vigie_test_assert_int_value (entity, "total_spots", 500);
  vigie_test_assert_int_value (entity, "available_spots", 112);
  vigie_test_assert_int_value (entity, "occupied_spots", 388);
  vigie_test_assert_double_value (entity, "occupancy", 0.776);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "spacesAvailable");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597000);

  /* The French name among several; the placeholder capacity is gone,
   * the occupancy given still says it is full. */
  entity = vigie_test_find_id (combined, "MUL-P-GARE", VIGIE_ENTITY_CAR_PARK);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Parking Gare Centrale");
  vigie_test_assert_no_value (entity, "total_spots");
  vigie_test_assert_int_value (entity, "available_spots", 0);
  vigie_test_assert_double_value (entity, "occupancy", 1.0);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "full");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767596940);

  /* Closed, whatever its counts say; occupancy from the counts. */
  entity = vigie_test_find_id (combined, "MUL-P-REPUBLIQUE", VIGIE_ENTITY_CAR_PARK);
  g_assert_nonnull (entity);
  vigie_test_assert_int_value (entity, "available_spots", 320);
  vigie_test_assert_double_value (entity, "occupancy", 0.0);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "closed");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767596700);

  g_assert_null (vigie_test_find_id (combined, "MUL-P-INCONNU", VIGIE_ENTITY_CAR_PARK));
}

static void
test_roles (void)
{
  g_autoptr(VigieSnapshot) swapped = combine_fixtures ("status", "datex2-v2-table.xml",
                                                       VIGIE_ROLE_MAIN, "datex2-v2-status.xml", "de");
  g_autoptr(VigieSnapshot) status_only = combine_fixtures (NULL, NULL,
                                                           "status", "datex2-v2-status.xml", "fr");
  VigieEntity *entity;

  /* What a document holds decides, not its role. */
  g_assert_nonnull (swapped);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (swapped), ==, 3);
  entity = vigie_test_find_id (swapped, "MUL-P-PORTE-HAUTE", VIGIE_ENTITY_CAR_PARK);
  vigie_test_assert_double_value (entity, "occupancy", 0.776);
  entity = vigie_test_find_id (swapped, "MUL-P-GARE", VIGIE_ENTITY_CAR_PARK);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Parkhaus Bahnhof");

  /* Statuses without the table, nor a position or a name of their own,
   * cannot be shown: the snapshot says so in words. */
  g_assert_nonnull (status_only);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (status_only), ==, 0);
  g_assert_true (vigie_test_has_warning (status_only, "4 parking statuses carry neither a position nor a name"));
}

static void
test_v3 (void)
{
  g_autoptr(VigieSnapshot) combined = combine_fixtures ("table", "datex2-v3-table.xml",
                                                        "status", "datex2-v3-status.xml", "fr");
  VigieEntity *entity;

  g_assert_nonnull (combined);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, 2);
  g_assert_cmpuint (vigie_snapshot_get_n_records (combined), ==, 4);
  /* One time without a zone, in a document that mixes both. */
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (combined), ==, 1);
  g_assert_true (vigie_test_has_warning (combined, "“2026-01-05T07:10:00” has no time zone"));

  entity = vigie_test_find_id (combined, "MUL-V3-NORDFELD", VIGIE_ENTITY_CAR_PARK);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Parking Nordfeld");
  g_assert_cmpfloat (vigie_entity_get_latitude (entity), ==, 47.748);
  g_assert_cmpfloat (vigie_entity_get_longitude (entity), ==, 7.33);
  vigie_test_assert_int_value (entity, "total_spots", 250);
  vigie_test_assert_int_value (entity, "available_spots", 50);
  vigie_test_assert_double_value (entity, "occupancy", 0.8);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "spacesAvailable");
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "category"), ==, "offStreetParking");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597000);

  entity = vigie_test_find_id (combined, "MUL-V3-FONDERIE", VIGIE_ENTITY_CAR_PARK);
  g_assert_nonnull (entity);
  vigie_test_assert_int_value (entity, "total_spots", 150);
  vigie_test_assert_int_value (entity, "occupied_spots", 30);
  vigie_test_assert_double_value (entity, "occupancy", 0.2);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "almostFull");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597000);
}

/* The v2 "parking facility" profile of German cities: facilities in a
 * GenericPublication, their status records named like their status words. */
static void
test_v2_facility (void)
{
  g_autoptr(VigieSnapshot) table = parse_fixture (VIGIE_ROLE_MAIN, "datex2-v2-facility-table.xml", "fr");
  g_autoptr(VigieSnapshot) combined = combine_fixtures (VIGIE_ROLE_MAIN, "datex2-v2-facility-table.xml",
                                                        "status", "datex2-v2-facility-status.xml", "fr");
  VigieEntity *entity;

  g_assert_cmpuint (vigie_snapshot_get_n_records (table), ==, 3);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (table), ==, 1);
  g_assert_true (vigie_test_has_warning (table, "PF-UTM: position (5.289e+06, 375000) is out of range"));

  g_assert_nonnull (combined);
  g_assert_cmpuint (vigie_snapshot_get_n_records (combined), ==, 5);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, 2);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (combined), ==, 1);
  g_assert_cmpint (vigie_snapshot_get_observed_at (combined), ==, 1767597000);

  /* The facility's own location, not its entrance; the short-term
   * override of the capacity; the most telling of two status words. */
  entity = vigie_test_find_id (combined, "PF-MARCHE", VIGIE_ENTITY_CAR_PARK);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Parkhaus Marché");
  g_assert_cmpfloat (vigie_entity_get_latitude (entity), ==, 47.7445);
  g_assert_cmpfloat (vigie_entity_get_longitude (entity), ==, 7.3405);
  vigie_test_assert_int_value (entity, "total_spots", 400);
  vigie_test_assert_int_value (entity, "available_spots", 100);
  vigie_test_assert_int_value (entity, "occupied_spots", 300);
  vigie_test_assert_double_value (entity, "occupancy", 0.75);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "spacesAvailable");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597000);

  entity = vigie_test_find_id (combined, "PF-THEATRE", VIGIE_ENTITY_CAR_PARK);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Parking du Théâtre");
  g_assert_cmpfloat (vigie_entity_get_latitude (entity), ==, 47.7478);
  vigie_test_assert_int_value (entity, "total_spots", 180);
  vigie_test_assert_int_value (entity, "available_spots", 180);
  vigie_test_assert_double_value (entity, "occupancy", 0.0);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "closed");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767596700);
}

/* v3 with the parkingSite spelling, its statuses named like their
 * status word. */
static void
test_v3_site_spelling (void)
{
  g_autoptr(VigieSnapshot) combined = combine_fixtures ("table", "datex2-v3-site-table.xml",
                                                        "status", "datex2-v3-site-status.xml", "fr");
  VigieEntity *entity;

  g_assert_nonnull (combined);
  g_assert_cmpuint (vigie_snapshot_get_n_records (combined), ==, 4);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, 2);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (combined), ==, 0);

  entity = vigie_test_find_id (combined, "MUL-S-FILATURE", VIGIE_ENTITY_CAR_PARK);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Parking de la Filature");
  g_assert_cmpfloat (vigie_entity_get_latitude (entity), ==, 47.7392);
  vigie_test_assert_int_value (entity, "total_spots", 350);
  vigie_test_assert_int_value (entity, "available_spots", 35);
  vigie_test_assert_double_value (entity, "occupancy", 0.9);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "almostFull");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597000);

  entity = vigie_test_find_id (combined, "MUL-S-RELAIS", VIGIE_ENTITY_CAR_PARK);
  g_assert_nonnull (entity);
  vigie_test_assert_int_value (entity, "available_spots", 0);
  vigie_test_assert_double_value (entity, "occupancy", 1.0);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "full");
}

/* On-street sensors: a street segment and its spaces, a record that is
 * only its sensed spaces. */
static void
test_on_street (void)
{
  g_autoptr(VigieSnapshot) combined = combine_fixtures (VIGIE_ROLE_MAIN, "datex2-v2-onstreet-table.xml",
                                                        "status", "datex2-v2-onstreet-status.xml", "fr");
  VigieEntity *entity;
  gboolean spot = FALSE;

  g_assert_nonnull (combined);
  /* The segment, its three spaces and the two spaces of the other. */
  g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, 6);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (combined), ==, 0);

  /* The segment: a zone, counted from its sensors. */
  entity = vigie_test_find_id (combined, "RUE-SAUVAGE", VIGIE_ENTITY_ZONE);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Rue du Sauvage");
  g_assert_cmpfloat (vigie_entity_get_latitude (entity), ==, 47.74802);
  vigie_test_assert_int_value (entity, "total_spots", 3);
  vigie_test_assert_int_value (entity, "available_spots", 1);
  vigie_test_assert_int_value (entity, "occupied_spots", 2);
  vigie_test_assert_double_value (entity, "occupancy", 2.0 / 3.0);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "category"), ==, "onStreetParking");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597000);

  /* Each space: a zone of one, at its own point, at its own time. */
  entity = vigie_test_find_id (combined, "RUE-SAUVAGE/1", VIGIE_ENTITY_ZONE);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Rue du Sauvage, S1");
  g_assert_cmpfloat (vigie_entity_get_latitude (entity), ==, 47.74801);
  g_assert_cmpfloat (vigie_entity_get_longitude (entity), ==, 7.33801);
  vigie_test_assert_int_value (entity, "total_spots", 1);
  vigie_test_assert_int_value (entity, "occupied_spots", 1);
  vigie_test_assert_int_value (entity, "available_spots", 0);
  vigie_test_assert_double_value (entity, "occupancy", 1.0);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "occupied");
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "parent"), ==, "RUE-SAUVAGE");
  g_assert_true (vigie_entity_lookup_boolean (entity, "spot", &spot));
  g_assert_true (spot);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767596520);

  entity = vigie_test_find_id (combined, "RUE-SAUVAGE/2", VIGIE_ENTITY_ZONE);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "free");
  vigie_test_assert_double_value (entity, "occupancy", 0.0);
  entity = vigie_test_find_id (combined, "RUE-SAUVAGE/3", VIGIE_ENTITY_ZONE);
  g_assert_nonnull (entity);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597000);

  /* A record without a position of its own: its spaces only; a closed
   * space is neither free nor taken. */
  g_assert_null (vigie_test_find_id (combined, "PMR-GARE", VIGIE_TEST_ANY_KIND));
  entity = vigie_test_find_id (combined, "PMR-GARE/1", VIGIE_ENTITY_ZONE);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Places PMR de la gare");
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "free");
  entity = vigie_test_find_id (combined, "PMR-GARE/2", VIGIE_ENTITY_ZONE);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "closed");
}

/* A v3 street segment known by its line only: drawn along it, placed
 * halfway; an odd list of numbers is no line. */
static void
test_on_street_line (void)
{
  g_autoptr(VigieSnapshot) combined = combine_fixtures (VIGIE_ROLE_MAIN, "datex2-v3-onstreet-table.xml",
                                                        NULL, NULL, "fr");
  g_autoptr(GVariant) line = NULL;
  VigieEntity *entity;
  double latitude, longitude;

  g_assert_nonnull (combined);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, 1);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (combined), ==, 1);
  g_assert_true (vigie_test_has_warning (combined, "MUL-V-BROKEN-LINE has no usable position"));

  entity = vigie_test_find_id (combined, "MUL-V-RUE-DU-SAUVAGE", VIGIE_ENTITY_ZONE);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Rue du Sauvage, côté impair");
  vigie_test_assert_position (entity, 47.748, 7.339, 1e-7);
  vigie_test_assert_int_value (entity, "total_spots", 24);
  line = g_variant_lookup_value (vigie_entity_get_values (entity), "geometry", G_VARIANT_TYPE ("a(dd)"));
  g_assert_nonnull (line);
  g_assert_cmpuint (g_variant_n_children (line), ==, 3);
  g_variant_get_child (line, 2, "(dd)", &latitude, &longitude);
  g_assert_cmpfloat (latitude, ==, 47.748);
  g_assert_cmpfloat (longitude, ==, 7.34);
}

/* A status publication alone: shown when its records say where or what
 * they are, and saying what is missing otherwise. */
static void
test_status_alone (void)
{
  g_autoptr(VigieSnapshot) alone = combine_fixtures (NULL, NULL, VIGIE_ROLE_MAIN, "datex2-v3-status-alone.xml", "fr");
  g_autoptr(VigieSnapshot) nameless = combine_fixtures (NULL, NULL, VIGIE_ROLE_MAIN, "datex2-v2-status.xml", "fr");
  g_autoptr(GHashTable) by_role = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) vigie_snapshot_unref);
  g_autofree char *missing = NULL;
  VigieEntity *entity;

  g_assert_nonnull (alone);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (alone), ==, 2);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (alone), ==, 2);
  g_assert_true (vigie_test_has_warning (alone, "1 car park has a name but no position"));
  g_assert_true (vigie_test_has_warning (alone, "1 parking status carries neither a position nor a name"));

  entity = vigie_test_find_id (alone, "MUL-A-BUFFET", VIGIE_ENTITY_CAR_PARK);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Parking Buffet");
  g_assert_cmpfloat (vigie_entity_get_latitude (entity), ==, 47.7455);
  g_assert_cmpfloat (vigie_entity_get_longitude (entity), ==, 7.3399);
  vigie_test_assert_int_value (entity, "total_spots", 200);
  vigie_test_assert_int_value (entity, "available_spots", 50);
  vigie_test_assert_double_value (entity, "occupancy", 0.75);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "spacesAvailable");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597000);

  /* Listed by name, not placed. */
  entity = vigie_test_find_id (alone, "MUL-A-STEINBACH", VIGIE_ENTITY_CAR_PARK);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Parking Steinbach");
  g_assert_false (vigie_entity_has_position (entity));
  vigie_test_assert_int_value (entity, "available_spots", 12);
  g_assert_null (vigie_test_find_id (alone, "MUL-A-ANONYME", VIGIE_TEST_ANY_KIND));

  g_hash_table_insert (by_role, (gpointer) VIGIE_ROLE_MAIN, parse_fixture (VIGIE_ROLE_MAIN, "datex2-v3-status-alone.xml", "fr"));
  g_assert_null (vigie_format_datex2.describe_missing (by_role));

  /* Nothing usable: an empty snapshot that says why, and a sentence. */
  g_assert_nonnull (nameless);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (nameless), ==, 0);
  g_assert_true (vigie_test_has_warning (nameless, "no parking table publication has come"));
  g_hash_table_insert (by_role, (gpointer) VIGIE_ROLE_MAIN, parse_fixture (VIGIE_ROLE_MAIN, "datex2-v2-status.xml", "fr"));
  missing = vigie_format_datex2.describe_missing (by_role);
  g_assert_nonnull (strstr (missing, "neither a position nor a name"));
  g_assert_nonnull (strstr (missing, "parking table publication"));
}

/* A national access point's truck parking, a megabyte and more in a SOAP
 * envelope: every site, with the site's counts, not its groups'. */
static void
test_truck_parking (void)
{
  const guint n_sites = 300;
  const VigieParseContext context = { NOW, "en", NULL, NULL };
  g_autoptr(GBytes) table = vigie_test_make_truck_parking (n_sites, FALSE);
  g_autoptr(GBytes) status = vigie_test_make_truck_parking (n_sites, TRUE);
  g_autoptr(GHashTable) by_role = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) vigie_snapshot_unref);
  g_autoptr(VigieSnapshot) combined = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  VigieSnapshot *part;

  g_assert_cmpuint (g_bytes_get_size (table), >=, 1024 * 1024);
  g_assert_true (vigie_format_datex2.sniff ("text/xml", table));
  g_assert_true (vigie_format_datex2.sniff ("text/xml", status));

  start = g_get_monotonic_time ();
  part = vigie_format_datex2.parse ("table", table, &context, &error);
  g_assert_no_error (error);
  g_hash_table_insert (by_role, (gpointer) "table", part);
  part = vigie_format_datex2.parse ("status", status, &context, &error);
  g_assert_no_error (error);
  g_hash_table_insert (by_role, (gpointer) "status", part);
  combined = vigie_format_datex2.combine (by_role, &context);
  g_test_message ("truck parking: %u sites, %" G_GSIZE_FORMAT " + %" G_GSIZE_FORMAT " bytes in %.0f ms",
                  n_sites, g_bytes_get_size (table), g_bytes_get_size (status),
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);

  g_assert_nonnull (combined);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, n_sites);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (combined), ==, 0);

  for (guint site = 0; site < n_sites; site += 37)
    {
      g_autofree char *id = vigie_test_truck_parking_id (site);
      VigieEntity *entity = vigie_test_find_id (combined, id, VIGIE_ENTITY_CAR_PARK);
      gint64 capacity = vigie_test_truck_parking_capacity (site);
      gint64 vacant = vigie_test_truck_parking_vacant (site);
      double occupancy = -1;

      g_assert_nonnull (entity);
      vigie_test_assert_int_value (entity, "total_spots", capacity);
      vigie_test_assert_int_value (entity, "available_spots", vacant);
      vigie_test_assert_int_value (entity, "occupied_spots", capacity - vacant);
      g_assert_true (vigie_entity_lookup_double (entity, "occupancy", &occupancy));
      g_assert_cmpfloat_with_epsilon (occupancy, (double) (capacity - vacant) / capacity, 1e-4);
      g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, vacant == 0 ? "full" : "spacesAvailable");
    }
}

static void
test_quirks (void)
{
  g_autoptr(VigieSnapshot) status = parse_fixture ("status", "datex2-v2-status-quirks.xml", "fr");
  g_autoptr(VigieSnapshot) combined = combine_fixtures (VIGIE_ROLE_MAIN, "datex2-v2-table.xml",
                                                        "status", "datex2-v2-status-quirks.xml", "fr");
  VigieEntity *entity;

  g_assert_cmpuint (vigie_snapshot_get_n_warnings (status), ==, 4);
  g_assert_true (vigie_test_has_warning (status, "MUL-P-GARE: negative “parkingNumberOfVacantSpaces” (-3), counted as 0"));
  g_assert_true (vigie_test_has_warning (status, "MUL-P-REPUBLIQUE: unusable occupancy"));
  g_assert_true (vigie_test_has_warning (status, "MUL-P-REPUBLIQUE: capacity 9999 looks like a placeholder"));
  g_assert_true (vigie_test_has_warning (status, "read as fractions, not percentages"));

  /* The table's three, the status's four, and one clamped count. */
  g_assert_nonnull (combined);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (combined), ==, 8);
  g_assert_true (vigie_test_has_warning (combined, "MUL-P-PORTE-HAUTE: 600 spaces free out of 500, read as 500"));

  /* Fractions of 1 (decimal comma too), read as such. */
  entity = vigie_test_find_id (combined, "MUL-P-PORTE-HAUTE", VIGIE_ENTITY_CAR_PARK);
  vigie_test_assert_int_value (entity, "available_spots", 500);
  vigie_test_assert_double_value (entity, "occupancy", 0.35);
  entity = vigie_test_find_id (combined, "MUL-P-GARE", VIGIE_ENTITY_CAR_PARK);
  vigie_test_assert_int_value (entity, "available_spots", 0);
  vigie_test_assert_double_value (entity, "occupancy", 0.9);

  /* A placeholder override does not replace the table's capacity. */
  entity = vigie_test_find_id (combined, "MUL-P-REPUBLIQUE", VIGIE_ENTITY_CAR_PARK);
  vigie_test_assert_int_value (entity, "total_spots", 320);
  vigie_test_assert_no_value (entity, "occupancy");
}

static void
test_ambiguous (void)
{
  g_autoptr(VigieSnapshot) combined = combine_fixtures (VIGIE_ROLE_MAIN, "datex2-v2-table.xml",
                                                        "status", "datex2-v2-status-ambiguous.xml", "fr");
  VigieEntity *entity;

  /* "1" alone could be 1 % or 100 %: dropped, the counts decide. */
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (combined), ==, 3 + 1);
  g_assert_true (vigie_test_has_warning (combined, "MUL-P-PORTE-HAUTE: occupancy 1 could be a fraction or a percentage"));
  entity = vigie_test_find_id (combined, "MUL-P-PORTE-HAUTE", VIGIE_ENTITY_CAR_PARK);
  vigie_test_assert_int_value (entity, "occupied_spots", 5);
  vigie_test_assert_double_value (entity, "occupancy", 0.01);

  /* 0 is 0 either way. */
  entity = vigie_test_find_id (combined, "MUL-P-GARE", VIGIE_ENTITY_CAR_PARK);
  vigie_test_assert_double_value (entity, "occupancy", 0.0);
}

static guint n_loads;

static xmlParserInputPtr
counting_loader (const char       *url,
                 const char       *id,
                 xmlParserCtxtPtr  context)
{
  g_atomic_int_inc (&n_loads);
  return NULL;
}

static void
test_external_entities (void)
{
  xmlExternalEntityLoader saved = xmlGetExternalEntityLoader ();
  g_autoptr(VigieSnapshot) table = NULL;
  g_autoptr(VigieSnapshot) combined = NULL;
  g_autoptr(GHashTable) by_role = g_hash_table_new (g_str_hash, g_str_equal);
  const VigieParseContext context = { NOW, "fr", NULL, NULL };
  VigieEntity *entity;

  /* Anything libxml2 would fetch (a file, a URL, an external DTD) goes
   * through the entity loader: it must never be called. */
  n_loads = 0;
  xmlSetExternalEntityLoader (counting_loader);
  table = parse_fixture (VIGIE_ROLE_MAIN, "datex2-xxe.xml", "fr");
  xmlSetExternalEntityLoader (saved);
  g_assert_cmpuint (n_loads, ==, 0);

  g_assert_cmpuint (vigie_snapshot_get_n_warnings (table), ==, 1);
  g_assert_true (vigie_test_has_warning (table, "declares a DTD"));

  g_hash_table_insert (by_role, (gpointer) VIGIE_ROLE_MAIN, table);
  combined = vigie_format_datex2.combine (by_role, &context);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, 1);
  entity = vigie_test_find_id (combined, "MUL-P-XXE", VIGIE_ENTITY_CAR_PARK);
  g_assert_nonnull (entity);
  /* The entities added nothing: no file content, no name at all. */
  g_assert_null (vigie_entity_get_name (entity));
  vigie_test_assert_int_value (entity, "total_spots", 120);
}

static void
test_entity_expansion (void)
{
  g_autoptr(GBytes) bytes = vigie_test_load_fixture ("parking", "datex2-billion-laughs.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSnapshot) snapshot = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Refused by libxml2's amplification guard, or read without expanding:
   * either way quickly, and never "lollollol...". */
  snapshot = parse_bytes (VIGIE_ROLE_MAIN, bytes, "fr", &error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);

  if (snapshot == NULL)
    g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID);
  else
    {
      const VigieParseContext context = { NOW, "fr", NULL, NULL };
      g_autoptr(GHashTable) by_role = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(VigieSnapshot) combined = NULL;

      g_hash_table_insert (by_role, (gpointer) VIGIE_ROLE_MAIN, snapshot);
      combined = vigie_format_datex2.combine (by_role, &context);
      g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, 1);
      g_assert_null (vigie_entity_get_name (vigie_snapshot_get_entity (combined, 0)));
    }
}

static void
test_malformed (void)
{
  struct { const char *fixture; const char *text; int code; const char *message; } cases[] = {
    { "datex2-truncated.xml", NULL, VIGIE_FORMAT_ERROR_INVALID, "not valid XML" },
    { "datex2-wrong-root.xml", NULL, VIGIE_FORMAT_ERROR_INVALID, "root element is “html”" },
    { "datex2-situation.xml", NULL, VIGIE_FORMAT_ERROR_EMPTY, "no parking records" },
    { "ngsi-ld-keyvalues.json", NULL, VIGIE_FORMAT_ERROR_INVALID, "not valid XML" },
    { NULL, "", VIGIE_FORMAT_ERROR_EMPTY, "empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = cases[i].fixture != NULL ? vigie_test_load_fixture ("parking", cases[i].fixture) :
                                g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(GError) error = NULL;
      g_autoptr(VigieSnapshot) snapshot = parse_bytes ("status", bytes, "fr", &error);

      g_assert_null (snapshot);
      g_assert_error (error, VIGIE_FORMAT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

/* Every prefix of a valid document: an error or a snapshot, never a crash. */
static void
test_truncations (void)
{
  g_autoptr(GBytes) bytes = vigie_test_load_fixture ("parking", "datex2-v3-status.xml");
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  for (gsize length = 0; length < size; length += 5)
    {
      g_autoptr(GBytes) prefix = g_bytes_new_static (data, length);
      g_autoptr(GError) error = NULL;
      g_autoptr(VigieSnapshot) snapshot = parse_bytes ("status", prefix, "fr", &error);

      g_assert_true ((snapshot == NULL) != (error == NULL));
    }
}

static void
test_format (void)
{
  g_autoptr(GBytes) table = vigie_test_load_fixture ("parking", "datex2-v2-table.xml");
  g_autoptr(GBytes) v3 = vigie_test_load_fixture ("parking", "datex2-v3-status.xml");
  g_autoptr(GBytes) other = vigie_test_load_fixture ("parking", "ngsi-ld-keyvalues.json");

  g_assert_true (vigie_format_lookup ("datex2") == &vigie_format_datex2);
  g_assert_cmpint (vigie_format_datex2.default_kind, ==, VIGIE_FEED_KIND_PARKING);
  g_assert_nonnull (vigie_format_datex2.combine);
  g_assert_true (vigie_format_datex2.sniff ("application/xml", table));
  g_assert_true (vigie_format_datex2.sniff ("application/xml", v3));
  g_assert_false (vigie_format_datex2.sniff ("application/json", other));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/datex2/v2/table", test_v2_table);
  g_test_add_func ("/datex2/v2/joined", test_v2_joined);
  g_test_add_func ("/datex2/roles", test_roles);
  g_test_add_func ("/datex2/v3", test_v3);
  g_test_add_func ("/datex2/v2/facility", test_v2_facility);
  g_test_add_func ("/datex2/v3/site-spelling", test_v3_site_spelling);
  g_test_add_func ("/datex2/on-street", test_on_street);
  g_test_add_func ("/datex2/on-street/line", test_on_street_line);
  g_test_add_func ("/datex2/status-alone", test_status_alone);
  g_test_add_func ("/datex2/truck-parking", test_truck_parking);
  g_test_add_func ("/datex2/quirks", test_quirks);
  g_test_add_func ("/datex2/ambiguous-occupancy", test_ambiguous);
  g_test_add_func ("/datex2/external-entities", test_external_entities);
  g_test_add_func ("/datex2/entity-expansion", test_entity_expansion);
  g_test_add_func ("/datex2/malformed", test_malformed);
  g_test_add_func ("/datex2/truncations", test_truncations);
  g_test_add_func ("/datex2/format", test_format);

  return g_test_run ();
}
