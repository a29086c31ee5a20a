/* test-ngsi-ld.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-format.h"
#include "vigie-formats.h"
#include "vigie-test-support.h"

/* The fixtures are hand-written from the Smart Data Models
 * dataModel.Parking schemas and the NGSI-LD API (ETSI GS CIM 009): a
 * broker page in keyValues, one in the normalized form without @context,
 * the GeoJSON representation, and the quirks real producers show. */

/* 2026-01-05 07:12:40 UTC (08:12:40 in Mulhouse), just after the fixtures. */
#define NOW G_GINT64_CONSTANT (1767597160)

#define BROKER "http://127.0.0.1:1026/ngsi-ld/v1/entities?type=OnStreetParking,OffStreetParking"

static VigieSnapshot *
parse_bytes (GBytes      *bytes,
             const char  *base_url,
             GError     **error)
{
  const VigieParseContext context = { NOW, "fr", NULL, base_url };

  return vigie_format_ngsi_ld.parse (VIGIE_ROLE_MAIN, bytes, &context, error);
}

static VigieSnapshot *
parse_fixture (const char *name,
               const char *base_url)
{
  g_autoptr(GBytes) bytes = vigie_test_load_fixture ("parking", name);
  g_autoptr(GError) error = NULL;
  VigieSnapshot *snapshot;

  snapshot = parse_bytes (bytes, base_url, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);

  return snapshot;
}

static VigieSnapshot *
parse_text (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  VigieSnapshot *snapshot;

  snapshot = parse_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);

  return snapshot;
}

static GVariant *
lookup_geometry (VigieEntity        *entity,
                 const GVariantType *type)
{
  GVariant *geometry = g_variant_lookup_value (vigie_entity_get_values (entity), "geometry", NULL);

  g_assert_nonnull (geometry);
  g_assert_true (g_variant_is_of_type (geometry, type));

  return geometry;
}

static void
test_key_values (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("ngsi-ld-keyvalues.json", NULL);
  g_autoptr(GVariant) line = NULL;
  g_autoptr(GVariant) polygon = NULL;
  g_autoptr(GVariant) multi = NULL;
  VigieEntity *entity;
  double latitude, longitude;

  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 5);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 5);
  g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, 1767597000);

  /* A car park: a point, the given occupancy, the most telling status. */
  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OffStreetParking:mulhouse:porte-haute", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  g_assert_cmpint (vigie_entity_get_kind (entity), ==, VIGIE_ENTITY_CAR_PARK);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Parking Porte-Haute");
  vigie_test_assert_position (entity, 47.75, 7.3371, 1e-7);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597000);
  vigie_test_assert_int_value (entity, "total_spots", 500);
  vigie_test_assert_int_value (entity, "available_spots", 112);
  vigie_test_assert_no_value (entity, "occupied_spots");
  vigie_test_assert_double_value (entity, "occupancy", 0.776);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "spacesAvailable");
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "category"), ==, "public,feeCharged,parkingGarage");
  vigie_test_assert_no_value (entity, "geometry");

  /* A street segment: its points, placed halfway along. */
  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OnStreetParking:mulhouse:rue-du-sauvage", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  g_assert_cmpint (vigie_entity_get_kind (entity), ==, VIGIE_ENTITY_ZONE);
  vigie_test_assert_position (entity, 47.748, 7.339, 1e-7);
  line = lookup_geometry (entity, G_VARIANT_TYPE ("a(dd)"));
  g_assert_cmpuint (g_variant_n_children (line), ==, 3);
  g_variant_get_child (line, 0, "(dd)", &latitude, &longitude);
  g_assert_cmpfloat (latitude, ==, 47.748);
  g_assert_cmpfloat (longitude, ==, 7.338);
  vigie_test_assert_int_value (entity, "total_spots", 40);
  vigie_test_assert_int_value (entity, "available_spots", 10);
  vigie_test_assert_int_value (entity, "occupied_spots", 30);
  vigie_test_assert_double_value (entity, "occupancy", 0.75);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "open");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767596700);

  /* A polygon: its ring, placed at its centroid; counts as strings. */
  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OnStreetParking:mulhouse:zone-orange-12", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  vigie_test_assert_position (entity, 47.746, 7.331, 1e-7);
  polygon = lookup_geometry (entity, G_VARIANT_TYPE ("aa(dd)"));
  g_assert_cmpuint (g_variant_n_children (polygon), ==, 1);
  {
    g_autoptr(GVariant) ring = g_variant_get_child_value (polygon, 0);

    g_assert_cmpuint (g_variant_n_children (ring), ==, 5);
  }
  vigie_test_assert_int_value (entity, "total_spots", 20);
  vigie_test_assert_int_value (entity, "available_spots", 5);
  vigie_test_assert_double_value (entity, "occupancy", 0.75);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "almostFull");

  /* A MultiPolygon: every ring, placed in the largest polygon. */
  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OnStreetParking:mulhouse:zone-verte-3", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  vigie_test_assert_position (entity, 47.751, 7.351, 1e-7);
  multi = lookup_geometry (entity, G_VARIANT_TYPE ("aa(dd)"));
  g_assert_cmpuint (g_variant_n_children (multi), ==, 2);
  vigie_test_assert_int_value (entity, "occupied_spots", 30);
  vigie_test_assert_double_value (entity, "occupancy", 1.0);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "full");

  /* A single space: a zone of one. */
  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:ParkingSpot:mulhouse:sauvage-03", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  g_assert_cmpint (vigie_entity_get_kind (entity), ==, VIGIE_ENTITY_ZONE);
  vigie_test_assert_position (entity, 47.7481, 7.3385, 1e-7);
  vigie_test_assert_int_value (entity, "total_spots", 1);
  vigie_test_assert_int_value (entity, "available_spots", 0);
  vigie_test_assert_int_value (entity, "occupied_spots", 1);
  vigie_test_assert_double_value (entity, "occupancy", 1.0);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "occupied");
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "parent"), ==,
                   "urn:ngsi-ld:OnStreetParking:mulhouse:rue-du-sauvage");
  {
    gboolean spot = FALSE;

    g_assert_true (vigie_entity_lookup_boolean (entity, "spot", &spot));
    g_assert_true (spot);
  }
}

static void
test_normalized (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("ngsi-ld-normalized.json", NULL);
  g_autoptr(GVariant) line = NULL;
  VigieEntity *entity;

  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 3);
  g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, 1767597150);

  /* No @context: expanded names and a type as a URI; the default
   * instance of a multi-attribute; the newest observedAt dates it. */
  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OffStreetParking:mulhouse:gare", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  g_assert_cmpint (vigie_entity_get_kind (entity), ==, VIGIE_ENTITY_CAR_PARK);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Parking Gare Centrale");
  vigie_test_assert_position (entity, 47.7417, 7.343, 1e-7);
  vigie_test_assert_int_value (entity, "total_spots", 600);
  vigie_test_assert_int_value (entity, "available_spots", 143);
  vigie_test_assert_double_value (entity, "occupancy", (600.0 - 143.0) / 600.0);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "spacesAvailable");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597120);

  /* Property objects: values, strings as numbers, zoned times. */
  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OnStreetParking:mulhouse:avenue-foch", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  g_assert_cmpint (vigie_entity_get_kind (entity), ==, VIGIE_ENTITY_ZONE);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Avenue Foch");
  vigie_test_assert_position (entity, 47.7495, 7.3365, 1e-7);
  line = lookup_geometry (entity, G_VARIANT_TYPE ("a(dd)"));
  g_assert_cmpuint (g_variant_n_children (line), ==, 2);
  vigie_test_assert_int_value (entity, "total_spots", 25);
  vigie_test_assert_int_value (entity, "occupied_spots", 5);
  vigie_test_assert_no_value (entity, "available_spots");
  vigie_test_assert_double_value (entity, "occupancy", 0.2);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "category"), ==, "public,feeCharged,mediumTerm");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767596880);

  /* A free spot drawn as a polygon, with its Relationship to its site. */
  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:ParkingSpot:mulhouse:gare-a-017", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  vigie_test_assert_position (entity, 47.741625, 7.342915, 1e-7);
  vigie_test_assert_int_value (entity, "total_spots", 1);
  vigie_test_assert_int_value (entity, "available_spots", 1);
  vigie_test_assert_int_value (entity, "occupied_spots", 0);
  vigie_test_assert_double_value (entity, "occupancy", 0.0);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "free");
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "parent"), ==, "urn:ngsi-ld:OffStreetParking:mulhouse:gare");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597150);
}

static gboolean
lookup_flag (VigieEntity *entity,
             const char  *key)
{
  gboolean flag = FALSE;

  return vigie_entity_lookup_boolean (entity, key, &flag) && flag;
}

/* ParkingGroup in the normalized form: a level with its own area, a
 * group placed at its site, one whose site is not in the document. */
static void
test_group_normalized (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("ngsi-ld-parking-group-normalized.json", NULL);
  g_autoptr(GVariant) polygon = NULL;
  VigieEntity *entity;

  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 4);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 3);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 1);
  g_assert_true (vigie_test_has_warning (snapshot, "Parking group urn:ngsi-ld:ParkingGroup:mulhouse:ailleurs has no location, "
                                                   "nor has its site urn:ngsi-ld:OnStreetParking:mulhouse:pas-ici"));

  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OffStreetParking:mulhouse:gare", VIGIE_ENTITY_CAR_PARK);
  g_assert_nonnull (entity);
  vigie_test_assert_int_value (entity, "available_spots", 143);

  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:ParkingGroup:mulhouse:gare-niveau-1", VIGIE_ENTITY_ZONE);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Gare, niveau 1");
  vigie_test_assert_position (entity, 47.7417, 7.343, 1e-7);
  polygon = lookup_geometry (entity, G_VARIANT_TYPE ("aa(dd)"));
  vigie_test_assert_int_value (entity, "total_spots", 200);
  vigie_test_assert_int_value (entity, "available_spots", 50);
  vigie_test_assert_double_value (entity, "occupancy", 0.75);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "category"), ==, "offstreet,completeFloor");
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "parent"), ==, "urn:ngsi-ld:OffStreetParking:mulhouse:gare");
  g_assert_true (lookup_flag (entity, "group"));
  g_assert_false (lookup_flag (entity, "spot"));
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597120);

  /* No location of its own: at its site's. */
  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:ParkingGroup:mulhouse:gare-pmr", VIGIE_ENTITY_ZONE);
  g_assert_nonnull (entity);
  vigie_test_assert_position (entity, 47.7417, 7.343, 1e-7);
  vigie_test_assert_no_value (entity, "geometry");
  vigie_test_assert_int_value (entity, "total_spots", 12);
  vigie_test_assert_int_value (entity, "occupied_spots", 3);
  vigie_test_assert_double_value (entity, "occupancy", 0.25);
  g_assert_true (lookup_flag (entity, "group"));
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597000);
}

/* ParkingGroup in keyValues, as the Smart Data Models example has it,
 * and one of two types placed at its street's middle. */
static void
test_group_key_values (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("ngsi-ld-parking-group-keyvalues.json", NULL);
  VigieEntity *entity;

  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 3);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);

  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:ParkingGroup:mulhouse:sauvage-livraisons", VIGIE_ENTITY_ZONE);
  g_assert_nonnull (entity);
  vigie_test_assert_position (entity, 47.748, 7.33825, 1e-7);
  vigie_test_assert_int_value (entity, "total_spots", 3);
  vigie_test_assert_int_value (entity, "available_spots", 2);
  vigie_test_assert_double_value (entity, "occupancy", 1.0 / 3.0);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "category"), ==, "onstreet,adjacentSpaces,loadUnloadZone");
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "parent"), ==, "urn:ngsi-ld:OnStreetParking:mulhouse:rue-du-sauvage");
  g_assert_true (lookup_flag (entity, "group"));
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767596760);

  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:ParkingGroup:mulhouse:sauvage-pmr", VIGIE_ENTITY_ZONE);
  g_assert_nonnull (entity);
  vigie_test_assert_position (entity, 47.748, 7.339, 1e-7);
  vigie_test_assert_int_value (entity, "occupied_spots", 2);
  vigie_test_assert_double_value (entity, "occupancy", 1.0);
  g_assert_true (lookup_flag (entity, "group"));
}

/* NGSI v2's normalized form, as the Smart Data Models examples give it:
 * "value" with "metadata" timestamps, "geo:json" locations. */
static void
test_v2_normalized (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("ngsi-v2-normalized.json", NULL);
  VigieEntity *entity;

  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 4);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
  g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, 1767597090);

  entity = vigie_test_find_id (snapshot, "mulhouse-porte-jeune", VIGIE_ENTITY_CAR_PARK);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Parking Porte-Jeune");
  vigie_test_assert_position (entity, 47.7475, 7.3395, 1e-7);
  vigie_test_assert_int_value (entity, "total_spots", 400);
  vigie_test_assert_int_value (entity, "available_spots", 100);
  vigie_test_assert_double_value (entity, "occupancy", 0.75);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "spacesAvailable");
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "category"), ==, "public,feeCharged,underground");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597000);

  entity = vigie_test_find_id (snapshot, "mulhouse-rue-du-sauvage", VIGIE_ENTITY_ZONE);
  g_assert_nonnull (entity);
  vigie_test_assert_int_value (entity, "occupied_spots", 30);
  vigie_test_assert_double_value (entity, "occupancy", 0.75);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767596940);

  entity = vigie_test_find_id (snapshot, "mulhouse-sauvage-03", VIGIE_ENTITY_ZONE);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "free");
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "parent"), ==, "mulhouse-rue-du-sauvage");
  g_assert_true (lookup_flag (entity, "spot"));
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597090);

  entity = vigie_test_find_id (snapshot, "mulhouse-sauvage-pmr", VIGIE_ENTITY_ZONE);
  g_assert_nonnull (entity);
  vigie_test_assert_int_value (entity, "total_spots", 2);
  vigie_test_assert_int_value (entity, "available_spots", 1);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "parent"), ==, "mulhouse-rue-du-sauvage");
  g_assert_true (lookup_flag (entity, "group"));
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767596880);
}

/* NGSI-LD 1.8's property types, for every type read. */
static void
test_normalized_1_8 (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("ngsi-ld-normalized-1.8.json", NULL);
  VigieEntity *entity;

  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 4);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);

  /* The user's language from a languageMap; a list of words. */
  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OffStreetParking:mulhouse:europe", VIGIE_ENTITY_CAR_PARK);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Parking Europe");
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "category"), ==, "public,feeCharged");
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "almostFull");
  vigie_test_assert_double_value (entity, "occupancy", 0.96);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597120);

  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OnStreetParking:mulhouse:rue-de-la-sinne", VIGIE_ENTITY_ZONE);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Sinne street");
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "open");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597060);

  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:ParkingSpot:mulhouse:sinne-07", VIGIE_ENTITY_ZONE);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "status"), ==, "occupied");
  vigie_test_assert_int_value (entity, "occupied_spots", 1);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597130);

  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:ParkingGroup:mulhouse:europe-recharge", VIGIE_ENTITY_ZONE);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Europe, bornes de recharge");
  vigie_test_assert_position (entity, 47.7493, 7.3411, 1e-7);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "category"), ==, "offstreet,onlyELectricalCharging");
  vigie_test_assert_double_value (entity, "occupancy", 1.0);
}

static void
test_quirks (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("ngsi-ld-quirks.json", NULL);
  VigieEntity *entity;

  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 18);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 10);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 14);

  /* Numbers as strings, even coordinates: read without a word. */
  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OffStreetParking:mulhouse:q-strings", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  vigie_test_assert_position (entity, 47.745, 7.33, 1e-7);
  vigie_test_assert_int_value (entity, "total_spots", 300);
  vigie_test_assert_int_value (entity, "available_spots", 120);
  vigie_test_assert_double_value (entity, "occupancy", 0.6);

  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OffStreetParking:mulhouse:q-negative", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  vigie_test_assert_int_value (entity, "available_spots", 0);
  vigie_test_assert_double_value (entity, "occupancy", 1.0);
  g_assert_true (vigie_test_has_warning (snapshot, "q-negative: negative “availableSpotNumber” (-5), counted as 0"));

  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OffStreetParking:mulhouse:q-too-many", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  vigie_test_assert_int_value (entity, "available_spots", 50);
  vigie_test_assert_double_value (entity, "occupancy", 0.0);
  g_assert_true (vigie_test_has_warning (snapshot, "q-too-many: 80 spaces free out of 50, read as 50"));

  /* A placeholder capacity is not a capacity: no occupancy from it. */
  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OffStreetParking:mulhouse:q-placeholder", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  vigie_test_assert_no_value (entity, "total_spots");
  vigie_test_assert_int_value (entity, "available_spots", 42);
  vigie_test_assert_no_value (entity, "occupancy");
  g_assert_true (vigie_test_has_warning (snapshot, "q-placeholder: capacity 9999 looks like a placeholder"));

  g_assert_null (vigie_test_find_id (snapshot, "urn:ngsi-ld:OffStreetParking:mulhouse:q-zero", VIGIE_TEST_ANY_KIND));
  g_assert_true (vigie_test_has_warning (snapshot, "q-zero: position (0, 0)"));
  g_assert_null (vigie_test_find_id (snapshot, "urn:ngsi-ld:OnStreetParking:mulhouse:q-out-of-range", VIGIE_TEST_ANY_KIND));
  g_assert_true (vigie_test_has_warning (snapshot, "q-out-of-range: a position is out of range"));
  g_assert_null (vigie_test_find_id (snapshot, "urn:ngsi-ld:OffStreetParking:mulhouse:q-no-location", VIGIE_TEST_ANY_KIND));
  g_assert_true (vigie_test_has_warning (snapshot, "q-no-location has no location"));

  /* No type: read from a URN id, else skipped. */
  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OffStreetParking:mulhouse:q-no-type", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  g_assert_cmpint (vigie_entity_get_kind (entity), ==, VIGIE_ENTITY_CAR_PARK);
  g_assert_true (vigie_test_has_warning (snapshot, "q-no-type has no type: read as OffStreetParking"));
  g_assert_null (vigie_test_find_id (snapshot, "q-mystery", VIGIE_TEST_ANY_KIND));
  g_assert_true (vigie_test_has_warning (snapshot, "q-mystery has no type: skipped"));

  /* Times without a zone: UTC, one warning for the document. */
  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OffStreetParking:mulhouse:q-naive-time", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767596400);
  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OffStreetParking:mulhouse:q-naive-time-2", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767596460);
  g_assert_true (vigie_test_has_warning (snapshot, "has no time zone, read as UTC"));

  /* Percentages: divided, one warning for the document; the given
   * occupancy wins over the counts. */
  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OffStreetParking:mulhouse:q-percent", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  vigie_test_assert_double_value (entity, "occupancy", 0.85);
  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OffStreetParking:mulhouse:q-percent-2", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  vigie_test_assert_double_value (entity, "occupancy", 0.425);
  vigie_test_assert_no_value (entity, "total_spots");
  g_assert_true (vigie_test_has_warning (snapshot, "q-percent: occupancy 85 read as a percentage"));

  /* An impossible occupancy: dropped, the counts give it. */
  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OffStreetParking:mulhouse:q-bad-occupancy", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  vigie_test_assert_double_value (entity, "occupancy", 0.6);
  g_assert_true (vigie_test_has_warning (snapshot, "q-bad-occupancy: unusable occupancy"));

  g_assert_true (vigie_test_has_warning (snapshot, "Entities of type “ParkingAccess” are not parking sites"));
  g_assert_true (vigie_test_has_warning (snapshot, "Entity 15 has no id"));
  g_assert_true (vigie_test_has_warning (snapshot, "Entity 16 is not an object"));
}

static void
test_geojson (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("ngsi-ld-geojson.json", NULL);
  VigieEntity *entity;

  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 1);

  entity = vigie_test_find_id (snapshot, "urn:ngsi-ld:OffStreetParking:mulhouse:porte-jeune", VIGIE_TEST_ANY_KIND);
  g_assert_nonnull (entity);
  g_assert_cmpint (vigie_entity_get_kind (entity), ==, VIGIE_ENTITY_CAR_PARK);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Parking Porte-Jeune");
  vigie_test_assert_position (entity, 47.7475, 7.3395, 1e-7);
  vigie_test_assert_double_value (entity, "occupancy", 0.25);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597000);
}

static void
test_containers (void)
{
  static const char *single =
    "{\"id\": \"urn:ngsi-ld:OffStreetParking:x:one\", \"type\": \"OffStreetParking\","
    " \"location\": {\"type\": \"Point\", \"coordinates\": [7.3, 47.7]}, \"totalSpotNumber\": 10}";
  static const char *wrapped =
    "{\"@context\": \"https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld\", \"@graph\": ["
    " {\"id\": \"urn:ngsi-ld:OffStreetParking:x:a\", \"type\": \"OffStreetParking\","
    "  \"location\": {\"type\": \"Point\", \"coordinates\": [7.3, 47.7]}},"
    " {\"id\": \"urn:ngsi-ld:OffStreetParking:x:b\", \"type\": \"OffStreetParking\","
    "  \"location\": {\"type\": \"Point\", \"coordinates\": [7.31, 47.7]}}]}";
  static const char *empty = "[]";
  g_autoptr(VigieSnapshot) one = parse_text (single);
  g_autoptr(VigieSnapshot) two = parse_text (wrapped);
  g_autoptr(VigieSnapshot) none = parse_text (empty);

  /* One entity, as /entities/{id} answers. */
  g_assert_cmpuint (vigie_snapshot_get_n_entities (one), ==, 1);
  vigie_test_assert_int_value (vigie_snapshot_get_entity (one, 0), "total_spots", 10);
  vigie_test_assert_no_value (vigie_snapshot_get_entity (one, 0), "occupancy");

  g_assert_cmpuint (vigie_snapshot_get_n_entities (two), ==, 2);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (two), ==, 0);

  /* An empty page is a valid answer. */
  g_assert_cmpuint (vigie_snapshot_get_n_entities (none), ==, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (none), ==, 0);
}

static void
test_paging (void)
{
  struct { const char *url; guint warnings; } cases[] = {
    { BROKER "&options=keyValues&limit=5", 1 },
    { BROKER "&limit=1000", 0 },
    { BROKER "&limit=5&offset=5", 1 },
    { BROKER, 0 },                           /* 5 entities, under the default 20 */
    { "file:///srv/parking.json", 0 },
    { NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VigieSnapshot) snapshot = parse_fixture ("ngsi-ld-keyvalues.json", cases[i].url);

      g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 5);
      g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, cases[i].warnings);
      if (cases[i].warnings > 0)
        g_assert_true (vigie_test_has_warning (snapshot, "as many as the limit asked for"));
    }
}

static void
test_malformed (void)
{
  struct { const char *fixture; const char *text; int code; } cases[] = {
    { "ngsi-ld-truncated.json", NULL, VIGIE_FORMAT_ERROR_INVALID },
    { "ngsi-ld-wrong-root.json", NULL, VIGIE_FORMAT_ERROR_INVALID },
    { NULL, "", VIGIE_FORMAT_ERROR_EMPTY },
    { NULL, "\"OffStreetParking\"", VIGIE_FORMAT_ERROR_INVALID },
    { NULL, "{\"entities\": 3}", VIGIE_FORMAT_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = cases[i].fixture != NULL ? vigie_test_load_fixture ("parking", cases[i].fixture) :
                                g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(GError) error = NULL;
      g_autoptr(VigieSnapshot) snapshot = parse_bytes (bytes, NULL, &error);

      g_assert_null (snapshot);
      g_assert_error (error, VIGIE_FORMAT_ERROR, cases[i].code);
    }
}

/* Every prefix of a valid page: an error or a snapshot, never a crash. */
static void
test_truncations (void)
{
  g_autoptr(GBytes) bytes = vigie_test_load_fixture ("parking", "ngsi-ld-normalized.json");
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  for (gsize length = 0; length < size; length += 7)
    {
      g_autoptr(GBytes) prefix = g_bytes_new_static (data, length);
      g_autoptr(GError) error = NULL;
      g_autoptr(VigieSnapshot) snapshot = parse_bytes (prefix, NULL, &error);

      g_assert_true ((snapshot == NULL) != (error == NULL));
    }
}

static void
test_format (void)
{
  g_autoptr(GBytes) parking = vigie_test_load_fixture ("parking", "ngsi-ld-keyvalues.json");
  static const char *group_text = "[{\"id\": \"g\", \"type\": \"ParkingGroup\"}]";
  g_autoptr(GBytes) group = g_bytes_new_static (group_text, strlen (group_text));
  g_autoptr(GBytes) other = g_bytes_new_static ("{\"type\": \"FeatureCollection\"}", 30);
  g_autoptr(GBytes) xml = vigie_test_load_fixture ("parking", "datex2-v2-table.xml");

  g_assert_true (vigie_format_lookup ("ngsi-ld") == &vigie_format_ngsi_ld);
  g_assert_cmpint (vigie_format_ngsi_ld.default_kind, ==, VIGIE_FEED_KIND_PARKING);
  g_assert_true (vigie_format_ngsi_ld.sniff ("application/ld+json", parking));
  g_assert_true (vigie_format_ngsi_ld.sniff ("application/json", group));
  g_assert_false (vigie_format_ngsi_ld.sniff ("application/json", other));
  g_assert_false (vigie_format_ngsi_ld.sniff ("application/xml", xml));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ngsi-ld/key-values", test_key_values);
  g_test_add_func ("/ngsi-ld/normalized", test_normalized);
  g_test_add_func ("/ngsi-ld/group/normalized", test_group_normalized);
  g_test_add_func ("/ngsi-ld/group/key-values", test_group_key_values);
  g_test_add_func ("/ngsi-ld/v2-normalized", test_v2_normalized);
  g_test_add_func ("/ngsi-ld/normalized-1.8", test_normalized_1_8);
  g_test_add_func ("/ngsi-ld/quirks", test_quirks);
  g_test_add_func ("/ngsi-ld/geojson", test_geojson);
  g_test_add_func ("/ngsi-ld/containers", test_containers);
  g_test_add_func ("/ngsi-ld/paging", test_paging);
  g_test_add_func ("/ngsi-ld/malformed", test_malformed);
  g_test_add_func ("/ngsi-ld/truncations", test_truncations);
  g_test_add_func ("/ngsi-ld/format", test_format);

  return g_test_run ();
}
