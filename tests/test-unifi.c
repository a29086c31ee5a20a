/* test-unifi.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-format.h"
#include "vigie-formats.h"
#include "vigie-test-support.h"

/* The fixtures are hand-written after the UniFi Network controller's
 * stat/device answers (unpoller, mdlayher/unifi test data): access
 * points, a switch, an unknown access point, and client details that the
 * parser must never copy. */

/* 2026-01-05 07:12:40 UTC (08:12:40 in Mulhouse), just after the fixtures. */
#define NOW G_GINT64_CONSTANT (1767597160)

/* The site table of the tests: MAC addresses in three spellings, names in
 * two cases, an access point the controller does not list, and lines
 * that cannot be used. */
static GHashTable *
make_options (const char *clients)
{
  GHashTable *options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  static const char * const lines[][2] = {
    { "site.74:83:C2:AA:BB:01", "reunion;Place de la Réunion;47.7467;7.3386;120" },
    { "site.74-83-c2-aa-bb-02", "reunion" },
    { "site.AP-Gare-1", "gare;Gare centrale;47.7417;7.3430;200" },
    { "site.ap-gare-2", "gare" },
    { "site.AP-Gare-3", "gare" },
    { "site.7483c2aabb05", " salvator ; Parc Salvator ; 47.7440 ; 7.3370 ; " },
    { "site.bad", "x;y" },
    { "site.orphan", "nowhere" },
    { "site.AP-Zero", "zero;Nulle part;0;0;10" },
    { "language", "fr" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    g_hash_table_insert (options, g_strdup (lines[i][0]), g_strdup (lines[i][1]));
  if (clients != NULL)
    g_hash_table_insert (options, g_strdup ("clients"), g_strdup (clients));

  return options;
}

static VigieSnapshot *
parse_bytes (GBytes      *bytes,
             GHashTable  *options,
             GError     **error)
{
  const VigieParseContext context = { NOW, "fr", options, NULL };

  return vigie_format_unifi.parse (VIGIE_ROLE_MAIN, bytes, &context, error);
}

static VigieSnapshot *
parse_fixture (const char *name,
               const char *clients)
{
  g_autoptr(GHashTable) options = make_options (clients);
  g_autoptr(GBytes) bytes = vigie_test_load_fixture ("wifi", name);
  g_autoptr(GError) error = NULL;
  VigieSnapshot *snapshot;

  snapshot = parse_bytes (bytes, options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);

  return snapshot;
}

static void
assert_counts (VigieEntity *entity,
               gint64       clients,
               gint64       aps_up,
               gint64       aps_total)
{
  vigie_test_assert_int_value (entity, "clients", clients);
  vigie_test_assert_int_value (entity, "aps_up", aps_up);
  vigie_test_assert_int_value (entity, "aps_total", aps_total);
}

static void
test_places (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("unifi-stat-device.json", NULL);
  VigieEntity *entity;
  gint64 capacity;

  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 8);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 3);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 7);

  /* Two access points by MAC address (any case, any separator), their
   * clients added; a count as a string. */
  entity = vigie_test_find_id (snapshot, "reunion", VIGIE_ENTITY_HOTSPOT);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Place de la Réunion");
  g_assert_cmpfloat (vigie_entity_get_latitude (entity), ==, 47.7467);
  g_assert_cmpfloat (vigie_entity_get_longitude (entity), ==, 7.3386);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597110);
  assert_counts (entity, 37 + 12, 2, 2);
  vigie_test_assert_int_value (entity, "capacity", 120);

  /* By name; user plus guest counts without num_sta; an access point
   * down (its stale count left out), one the controller does not know. */
  entity = vigie_test_find_id (snapshot, "gare", VIGIE_ENTITY_HOTSPOT);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Gare centrale");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597050);
  assert_counts (entity, 3 + 40, 1, 3);
  vigie_test_assert_int_value (entity, "capacity", 200);
  g_assert_true (vigie_test_has_warning (snapshot, "1 access point of the site table is unknown to the controller"));

  /* Blanks around fields; no capacity; a negative count read as 0. */
  entity = vigie_test_find_id (snapshot, "salvator", VIGIE_ENTITY_HOTSPOT);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Parc Salvator");
  assert_counts (entity, 0, 1, 1);
  g_assert_false (vigie_entity_lookup_int (entity, "capacity", &capacity));
  g_assert_true (vigie_test_has_warning (snapshot, "place salvator: negative client count (-2)"));

  /* Not in the table: counted, not shown. The switch is not Wi-Fi. */
  g_assert_true (vigie_test_has_warning (snapshot, "1 access point is not in the site table"));
  g_assert_null (vigie_test_find_id (snapshot, "zero", VIGIE_ENTITY_HOTSPOT));
  g_assert_true (vigie_test_has_warning (snapshot, "“site.bad” is not “place id;name;latitude;longitude;capacity”"));
  g_assert_true (vigie_test_has_warning (snapshot, "“site.orphan” names a place that no line describes"));
  g_assert_true (vigie_test_has_warning (snapshot, "“site.AP-Zero” has no usable position"));
  g_assert_true (vigie_test_has_warning (snapshot, "Device 8 is not an object"));
}

static void
test_guests (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("unifi-stat-device.json", "guest");

  assert_counts (vigie_test_find_id (snapshot, "reunion", VIGIE_ENTITY_HOTSPOT), 35 + 12, 2, 2);
  assert_counts (vigie_test_find_id (snapshot, "gare", VIGIE_ENTITY_HOTSPOT), 40, 1, 3);
  assert_counts (vigie_test_find_id (snapshot, "salvator", VIGIE_ENTITY_HOTSPOT), 0, 1, 1);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 7);
}

/* GDPR: nothing of a client reaches the snapshot, nor the access points'
 * own addresses and names. */
static void
test_no_identities (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("unifi-stat-device.json", NULL);
  g_autoptr(GString) everything = g_string_new (NULL);
  const char * const forbidden[] = {
    "de:ad:be:ef", "Alice", "Bob", "10.20.0", "74:83:c2", "74:83:C2", "AP-PlaceReunion", "AP-Atelier",
  };
  const char * const *warnings = vigie_snapshot_get_warnings (snapshot);

  for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
    {
      VigieEntity *entity = vigie_snapshot_get_entity (snapshot, i);
      g_autofree char *values = g_variant_print (vigie_entity_get_values (entity), TRUE);
      g_autoptr(GVariantIter) iter = NULL;
      const char *key;
      GVariant *value;

      g_string_append_printf (everything, "%s %s %s\n", vigie_entity_get_id (entity),
                              vigie_entity_get_name (entity), values);

      /* Counts only. */
      iter = g_variant_iter_new (vigie_entity_get_values (entity));
      while (g_variant_iter_loop (iter, "{&sv}", &key, &value))
        g_assert_true (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64));
    }
  for (guint i = 0; warnings[i] != NULL; i++)
    g_string_append_printf (everything, "%s\n", warnings[i]);

  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    g_assert_null (strstr (everything->str, forbidden[i]));
}

static void
test_malformed (void)
{
  struct { const char *fixture; const char *text; int code; const char *message; } cases[] = {
    { "unifi-login-required.json", NULL, VIGIE_FORMAT_ERROR_INVALID, "api.err.LoginRequired" },
    { "unifi-truncated.json", NULL, VIGIE_FORMAT_ERROR_INVALID, "not valid JSON" },
    { "unifi-no-data.json", NULL, VIGIE_FORMAT_ERROR_INVALID, "not a UniFi" },
    { "hotspots.geojson", NULL, VIGIE_FORMAT_ERROR_INVALID, "not a UniFi" },
    { NULL, "[]", VIGIE_FORMAT_ERROR_INVALID, "not a UniFi" },
    { NULL, "", VIGIE_FORMAT_ERROR_EMPTY, "empty" },
  };
  g_autoptr(GHashTable) options = make_options (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = cases[i].fixture != NULL ? vigie_test_load_fixture ("wifi", cases[i].fixture) :
                                g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(GError) error = NULL;
      g_autoptr(VigieSnapshot) snapshot = parse_bytes (bytes, options, &error);

      g_assert_null (snapshot);
      g_assert_error (error, VIGIE_FORMAT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

/* Without a site table nothing can be placed: each access point is
 * listed alone, without a position, and a warning says how to place them. */
static void
test_no_site_table (void)
{
  g_autoptr(GBytes) bytes = vigie_test_load_fixture ("wifi", "unifi-stat-device.json");
  g_autoptr(GHashTable) unrelated = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSnapshot) none = parse_bytes (bytes, NULL, &error);
  g_autoptr(VigieSnapshot) other = NULL;
  VigieEntity *entity;

  g_assert_no_error (error);
  g_assert_nonnull (none);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (none), ==, 6);
  g_assert_true (vigie_test_has_warning (none, "so 6 access points are listed without a position: set the feed’s options site."));

  /* The MAC address in one spelling; the switch left out. */
  entity = vigie_test_find_id (none, "74:83:c2:aa:bb:02", VIGIE_ENTITY_HOTSPOT);
  g_assert_nonnull (entity);
  g_assert_false (vigie_entity_has_position (entity));
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "AP-PlaceReunion-2");
  vigie_test_assert_int_value (entity, "clients", 12);
  vigie_test_assert_string_value (entity, "state", "connected");
  g_assert_null (vigie_test_find_id (none, "74:83:c2:00:00:10", VIGIE_ENTITY_HOTSPOT));

  /* Still nothing of a client. */
  for (guint i = 0; i < vigie_snapshot_get_n_entities (none); i++)
    {
      g_autofree char *values = g_variant_print (vigie_entity_get_values (vigie_snapshot_get_entity (none, i)), TRUE);

      g_assert_null (strstr (values, "de:ad:be:ef"));
      g_assert_null (strstr (values, "Alice"));
      g_assert_null (strstr (values, "10.20.0"));
    }

  g_hash_table_insert (unrelated, (gpointer) "language", (gpointer) "fr");
  other = parse_bytes (bytes, unrelated, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (other), ==, 6);
}

/* A controller that writes "data" before "meta", the switch, gateway and
 * console among its devices: the access points alone, with their state,
 * model and clients. */
static void
test_access_points (void)
{
  g_autoptr(GBytes) bytes = vigie_test_load_fixture ("wifi", "unifi-stat-device-data-first.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSnapshot) snapshot = parse_bytes (bytes, NULL, &error);
  VigieEntity *entity;
  gint64 clients;

  g_assert_no_error (error);
  g_assert_true (vigie_format_sniff ("application/json", bytes) == &vigie_format_unifi);

  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 9);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 4);

  entity = vigie_test_find_id (snapshot, "74:83:c2:aa:cc:01", VIGIE_ENTITY_HOTSPOT);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "AP-Bibliotheque");
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 1767597130);
  vigie_test_assert_string_value (entity, "model", "U7PG2");
  vigie_test_assert_string_value (entity, "state", "connected");
  vigie_test_assert_int_value (entity, "clients", 18);
  vigie_test_assert_int_value (entity, "aps_up", 1);
  vigie_test_assert_int_value (entity, "aps_total", 1);

  /* A count as a string; listed twice (another spelling), counted once. */
  entity = vigie_test_find_id (snapshot, "74:83:c2:aa:cc:02", VIGIE_ENTITY_HOTSPOT);
  vigie_test_assert_int_value (entity, "clients", 7);

  /* Down: its state in words, its stale count left out. */
  entity = vigie_test_find_id (snapshot, "74:83:c2:aa:cc:03", VIGIE_ENTITY_HOTSPOT);
  vigie_test_assert_string_value (entity, "state", "heartbeat_missed");
  vigie_test_assert_int_value (entity, "aps_up", 0);
  g_assert_false (vigie_entity_lookup_int (entity, "clients", &clients));
  entity = vigie_test_find_id (snapshot, "74:83:c2:aa:cc:04", VIGIE_ENTITY_HOTSPOT);
  vigie_test_assert_string_value (entity, "state", "pending");

  /* usw, ugw, udm: no Wi-Fi place. */
  g_assert_null (vigie_test_find_id (snapshot, "74:83:c2:00:00:20", VIGIE_ENTITY_HOTSPOT));
  g_assert_null (vigie_test_find_id (snapshot, "74:83:c2:00:00:21", VIGIE_ENTITY_HOTSPOT));
  g_assert_null (vigie_test_find_id (snapshot, "74:83:c2:00:00:22", VIGIE_ENTITY_HOTSPOT));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Access point 9 has neither a MAC address nor a name: skipped"));
}

static void
test_health (void)
{
  g_autoptr(GBytes) bytes = vigie_test_load_fixture ("wifi", "unifi-stat-health.json");
  g_autoptr(GHashTable) options = make_options (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSnapshot) snapshot = parse_bytes (bytes, options, &error);
  g_autoptr(GString) everything = g_string_new (NULL);
  VigieEntity *entity;
  gint64 count;

  g_assert_no_error (error);
  g_assert_true (vigie_format_sniff ("application/json", bytes) == &vigie_format_unifi);
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 8);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 5);

  entity = vigie_test_find_id (snapshot, "wlan", VIGIE_ENTITY_HOTSPOT);
  g_assert_nonnull (entity);
  g_assert_false (vigie_entity_has_position (entity));
  vigie_test_assert_string_value (entity, "status", "warning");
  vigie_test_assert_int_value (entity, "clients", 21 + 28);
  vigie_test_assert_int_value (entity, "aps_up", 3);
  vigie_test_assert_int_value (entity, "aps_total", 4);
  vigie_test_assert_int_value (entity, "devices_pending", 1);

  entity = vigie_test_find_id (snapshot, "wan", VIGIE_ENTITY_HOTSPOT);
  vigie_test_assert_string_value (entity, "status", "ok");
  vigie_test_assert_int_value (entity, "devices", 1);
  g_assert_false (vigie_entity_lookup_int (entity, "clients", &count));

  entity = vigie_test_find_id (snapshot, "lan", VIGIE_ENTITY_HOTSPOT);
  vigie_test_assert_string_value (entity, "status", "ok");
  vigie_test_assert_int_value (entity, "clients", 31);
  vigie_test_assert_string_value (vigie_test_find_id (snapshot, "vpn", VIGIE_ENTITY_HOTSPOT), "status", "unknown");

  g_assert_true (vigie_test_has_exact_warning (snapshot, "The controller reports its wlan subsystem in state “warning”"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "The controller reports its www subsystem in state “error”"));
  g_assert_true (vigie_test_has_warning (snapshot, "Subsystem wlan appears more than once"));
  g_assert_true (vigie_test_has_warning (snapshot, "Subsystem 7 has no name"));
  g_assert_true (vigie_test_has_warning (snapshot, "Subsystem 8 is not an object"));

  /* Not the gateway's addresses, its name or the ISP. */
  for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
    {
      g_autofree char *values = g_variant_print (vigie_entity_get_values (vigie_snapshot_get_entity (snapshot, i)), TRUE);

      g_string_append (everything, values);
    }
  g_assert_null (strstr (everything->str, "203.0.113"));
  g_assert_null (strstr (everything->str, "10.20.0"));
  g_assert_null (strstr (everything->str, "Exemple"));
  g_assert_null (strstr (everything->str, "GW-Mairie"));
}

static void
test_format (void)
{
  g_autoptr(GBytes) unifi = vigie_test_load_fixture ("wifi", "unifi-stat-device.json");
  g_autoptr(GBytes) geojson = vigie_test_load_fixture ("wifi", "hotspots.geojson");

  g_assert_true (vigie_format_lookup ("unifi") == &vigie_format_unifi);
  g_assert_cmpint (vigie_format_unifi.default_kind, ==, VIGIE_FEED_KIND_WIFI);
  g_assert_true (vigie_format_unifi.sniff ("application/json", unifi));
  g_assert_false (vigie_format_unifi.sniff ("application/geo+json", geojson));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/unifi/places", test_places);
  g_test_add_func ("/unifi/guests", test_guests);
  g_test_add_func ("/unifi/no-identities", test_no_identities);
  g_test_add_func ("/unifi/malformed", test_malformed);
  g_test_add_func ("/unifi/no-site-table", test_no_site_table);
  g_test_add_func ("/unifi/access-points", test_access_points);
  g_test_add_func ("/unifi/health", test_health);
  g_test_add_func ("/unifi/format", test_format);

  return g_test_run ();
}
