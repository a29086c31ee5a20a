/* test-siri.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-format.h"
#include "vigie-formats.h"
#include "vigie-test-support.h"

/* SIRI 2.0 in XML. The fixtures are hand-written from the SIRI 2.0 XSD and
 * SIRI – Profil France: a VehicleMonitoring answer (vm-siri.xml), the
 * same over SOAP (vm-soap.xml), a StopMonitoring answer (sm-siri.xml), an
 * error answer (error-other.xml), and hostile documents (vm-xxe.xml,
 * vm-billion-laughs.xml). */

/* 2026-01-05 07:12:40 UTC, just after the fixtures. */
#define NOW G_GINT64_CONSTANT (1767597160)

static VigieSnapshot *
parse_bytes (GBytes  *bytes,
             GError **error)
{
  const VigieParseContext context = { NOW, "fr", NULL, NULL };

  return vigie_format_siri.parse (VIGIE_ROLE_MAIN, bytes, &context, error);
}

static VigieSnapshot *
parse_fixture (const char *name)
{
  return vigie_test_parse_fixture (&vigie_format_siri, "siri", name, NOW, "fr");
}

/* The vehicles are the ones SIRI-Lite's parser makes from the same data. */
static void
test_vehicle_monitoring (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("vm-siri.xml");
  VigieEntity *entity;
  gint64 valid_until;

  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, 5);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 2);
  g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, NOW - 2);
  g_assert_cmpint (vigie_snapshot_get_ttl (snapshot), ==, 30);

  entity = vigie_test_find_id (snapshot, "SOLEA:Vehicle::2012:", VIGIE_ENTITY_VEHICLE);
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "2012");
  vigie_test_assert_position (entity, 47.7467, 7.3386, 1e-9);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, NOW - 10);
  vigie_test_assert_string_value (entity, "trip_id", "SOLEA:VehicleJourney::T1-0712:");
  vigie_test_assert_string_value (entity, "line_ref", "SOLEA:Line::T1:");
  vigie_test_assert_string_value (entity, "line_name", "T1");
  vigie_test_assert_string_value (entity, "direction_ref", "Aller");
  /* xml:lang chooses among the names. */
  vigie_test_assert_string_value (entity, "destination", "Gare Centrale");
  vigie_test_assert_int_value (entity, "delay_s", 90);
  vigie_test_assert_double_value (entity, "bearing", 92.5);
  vigie_test_assert_string_value (entity, "next_stop_id", "SOLEA:StopPoint:Q:REUNION:");
  vigie_test_assert_int_value (entity, "current_stop_sequence", 7);
  vigie_test_assert_string_value (entity, "current_status", "stopped_at");
  vigie_test_assert_string_value (entity, "occupancy_status", "many_seats_available");
  vigie_test_assert_boolean_value (entity, "monitored", TRUE);
  vigie_test_assert_boolean_value (entity, "age_unknown", FALSE);
  g_assert_true (vigie_entity_lookup_int (entity, "valid_until", &valid_until));
  g_assert_cmpint (valid_until, ==, NOW + 110);

  /* A GML position, CDATA text, an early vehicle. */
  entity = vigie_test_find_id (snapshot, "SOLEA:Vehicle::2031:", VIGIE_ENTITY_VEHICLE);
  g_assert_nonnull (entity);
  vigie_test_assert_position (entity, 47.7417, 7.3430, 1e-9);
  vigie_test_assert_string_value (entity, "destination", "Nouveau Bassin");
  vigie_test_assert_int_value (entity, "delay_s", -45);

  g_assert_true (vigie_test_has_exact_warning (snapshot, "Vehicle SOLEA:Vehicle::2040: has no position: skipped"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Vehicle activity 4 has no vehicle reference: skipped"));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Vehicle SOLEA:Vehicle::2050: has a timestamp in the future: skipped"));
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 3);
}

static void
test_soap (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("vm-soap.xml");
  VigieEntity *entity = vigie_test_find_id (snapshot, "SOLEA:Vehicle::2012:", VIGIE_ENTITY_VEHICLE);

  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 1);
  g_assert_nonnull (entity);
  vigie_test_assert_string_value (entity, "line_name", "T1");
}

static void
test_stop_monitoring (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("sm-siri.xml");
  VigieEntity *stop = vigie_test_find_id (snapshot, "SOLEA:StopPoint:Q:REUNION:", VIGIE_ENTITY_STOP);
  g_autoptr(GVariant) departures = NULL;
  g_autoptr(GVariant) first = NULL;

  g_assert_nonnull (stop);
  g_assert_cmpstr (vigie_entity_get_name (stop), ==, "Porte Jeune");
  departures = vigie_test_get_list (stop, "departures", 1);
  first = g_variant_get_child_value (departures, 0);
  vigie_test_assert_dict_int (first, "delay_s", "i", 120);
  vigie_test_assert_dict_string (first, "status", "delayed");
}

static void
test_error (void)
{
  g_autoptr(GBytes) bytes = vigie_test_load_fixture ("siri", "error-other.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSnapshot) snapshot = parse_bytes (bytes, &error);

  g_assert_null (snapshot);
  g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==,
                   "The SIRI server answered with an error: other error "
                   "(“Base de données indisponible”, “Maintenance jusqu’à 06:00”)");
}

/* No file, no network, no entity expanded: the DTD is said and ignored. */
static void
test_xxe (void)
{
  g_autoptr(VigieSnapshot) snapshot = parse_fixture ("vm-xxe.xml");
  VigieEntity *entity = vigie_test_find_id (snapshot, "SOLEA:Vehicle::2012:", VIGIE_ENTITY_VEHICLE);
  g_autoptr(GBytes) laughs = vigie_test_load_fixture ("siri", "vm-billion-laughs.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSnapshot) refused = NULL;

  g_assert_nonnull (entity);
  vigie_test_assert_string_value (entity, "line_name", "T1");
  g_assert_true (vigie_test_has_warning (snapshot, "declares a DTD"));

  refused = parse_bytes (laughs, &error);
  g_assert_null (refused);
  g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID);
}

static void
test_malformed (void)
{
  static const struct { const char *text; int code; const char *message; } cases[] = {
    { "", VIGIE_FORMAT_ERROR_EMPTY, "empty" },
    { "<Siri><ServiceDelivery>", VIGIE_FORMAT_ERROR_INVALID, "not valid XML" },
    { "<d2LogicalModel/>", VIGIE_FORMAT_ERROR_INVALID, "its root element is “d2LogicalModel”" },
    { "<Siri><ServiceDelivery/></Siri>", VIGIE_FORMAT_ERROR_INVALID, "not a SIRI VehicleMonitoring or StopMonitoring" },
    { "<Siri><ServiceDelivery><VehicleMonitoringDelivery>x</VehicleMonitoringDelivery></ServiceDelivery></Siri>",
      VIGIE_FORMAT_ERROR_INVALID, "not a SIRI" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(GError) error = NULL;
      g_autoptr(VigieSnapshot) snapshot = NULL;

      g_test_message ("%s", cases[i].text);
      snapshot = parse_bytes (bytes, &error);
      g_assert_null (snapshot);
      g_assert_error (error, VIGIE_FORMAT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

/* Deeper than any SIRI delivery: refused with the limit named, before the
 * tree is walked. */
static void
test_deep (void)
{
  g_autoptr(GString) text = g_string_new ("<Siri><ServiceDelivery><VehicleMonitoringDelivery>");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSnapshot) snapshot = NULL;

  for (guint i = 0; i < 200; i++)
    g_string_append (text, "<a>");
  for (guint i = 0; i < 200; i++)
    g_string_append (text, "</a>");
  g_string_append (text, "</VehicleMonitoringDelivery></ServiceDelivery></Siri>");

  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  snapshot = parse_bytes (bytes, &error);
  g_assert_null (snapshot);
  g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "32 levels"));
}

static void
test_format (void)
{
  const char * const xml[] = { "vm-siri.xml", "vm-soap.xml", "sm-siri.xml", "error-other.xml" };
  g_autoptr(GBytes) json = vigie_test_load_fixture ("siri", "wrapped-list.json");
  g_autoptr(GBytes) datex2 = vigie_test_load_fixture ("parking", "datex2-v3-table.xml");
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);

  g_assert_true (vigie_format_lookup ("siri") == &vigie_format_siri);
  g_assert_cmpint (vigie_format_siri.default_kind, ==, VIGIE_FEED_KIND_TRAMS);

  for (guint i = 0; i < G_N_ELEMENTS (xml); i++)
    {
      g_autoptr(GBytes) bytes = vigie_test_load_fixture ("siri", xml[i]);

      g_test_message ("%s", xml[i]);
      g_assert_true (vigie_format_sniff ("application/xml", bytes) == &vigie_format_siri);
    }

  g_assert_false (vigie_format_siri.sniff ("application/json", json));
  g_assert_false (vigie_format_siri.sniff ("application/xml", datex2));
  g_assert_false (vigie_format_siri.sniff (NULL, empty));

  /* NeTEx declares SIRI's namespace: not a SIRI answer. */
  {
    static const char netex[] = "<?xml version=\"1.0\"?>\n<PublicationDelivery xmlns=\"http://www.netex.org.uk/netex\" "
                                "xmlns:siri=\"http://www.siri.org.uk/siri\" version=\"1.1\"/>";
    g_autoptr(GBytes) bytes = g_bytes_new_static (netex, strlen (netex));

    g_assert_false (vigie_format_siri.sniff ("application/xml", bytes));
  }
}

/* Random byte changes to a valid answer: refused or read, never a crash. */
static void
test_fuzz (void)
{
  g_autoptr(GBytes) valid = vigie_test_load_fixture ("siri", "vm-siri.xml");

  vigie_test_fuzz_format (&vigie_format_siri, valid, NOW, "fr", 3, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/siri/vehicle-monitoring", test_vehicle_monitoring);
  g_test_add_func ("/siri/soap", test_soap);
  g_test_add_func ("/siri/stop-monitoring", test_stop_monitoring);
  g_test_add_func ("/siri/error", test_error);
  g_test_add_func ("/siri/xxe", test_xxe);
  g_test_add_func ("/siri/malformed", test_malformed);
  g_test_add_func ("/siri/deep", test_deep);
  g_test_add_func ("/siri/format", test_format);
  g_test_add_func ("/siri/fuzz", test_fuzz);

  return g_test_run ();
}
