/* test-gbfs-documents.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vigie-clock.h"
#include "vigie-format.h"
#include "vigie-formats.h"
#include "vigie-layer-summary.h"
#include "vigie-style.h"
#include "vigie-test-gbfs.h"
#include "vigie-test-support.h"

/* The optional documents of a GBFS system: system_alerts, system_regions,
 * system_pricing_plans and geofencing_zones (2.3 and 3.0), and 3.1's
 * vehicle_availability; what they add to the stations, vehicles and
 * zones, and in words. */

static const char * const optional_roles[] = {
  "system_regions", "system_pricing_plans", "system_alerts", "geofencing_zones", "vehicle_availability",
};

/* 2026-08-12 14:30 UTC: 1516 is available until then. */
#define V31_UNTIL G_GINT64_CONSTANT (1786545000)

static gboolean
lines_contain (char       **lines,
               const char  *text)
{
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_equal (lines[i], text))
        return TRUE;
    }

  g_test_message ("no line “%s” in:", text);
  for (guint i = 0; lines[i] != NULL; i++)
    g_test_message ("  %s", lines[i]);
  return FALSE;
}

static GVariant *
lookup_list (VigieEntity *entity,
             const char  *key)
{
  return g_variant_lookup_value (vigie_entity_get_values (entity), key, G_VARIANT_TYPE ("aa{sv}"));
}

/* The parse of @name as a feed's own document, described as vigie-inspect
 * describes it when it places nothing. */
static char *
describe_alone (const char *name)
{
  g_autoptr(GHashTable) roles = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) vigie_snapshot_unref);
  g_autoptr(VigieSnapshot) combined = NULL;

  g_hash_table_insert (roles, (gpointer) VIGIE_ROLE_MAIN,
                       vigie_test_gbfs_parse_fixture (VIGIE_ROLE_MAIN, name, "fr"));
  combined = vigie_format_gbfs.combine (roles, &(VigieParseContext) { VIGIE_TEST_GBFS_NOW, "fr", NULL });
  g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, 0);

  return vigie_format_gbfs.describe_missing (roles);
}

static void
test_documents_roles (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (optional_roles); i++)
    {
      g_test_message ("%s", optional_roles[i]);
      g_assert_true (vigie_format_follows (&vigie_format_gbfs, optional_roles[i]));
      /* A failure of one of them must not fail the feed. */
      g_assert_true (vigie_format_is_optional (&vigie_format_gbfs, optional_roles[i]));
    }

  /* The stations still need theirs. */
  g_assert_false (vigie_format_is_optional (&vigie_format_gbfs, "station_information"));
  g_assert_false (vigie_format_is_optional (&vigie_format_gbfs, "station_status"));
}

/* Each given alone, as vigie-inspect reads a file: what it is, counted,
 * with a line for each record. */
static void
test_documents_described (void)
{
  g_autofree char *alerts = describe_alone ("v23-system_alerts.json");
  g_autofree char *alerts_v30 = describe_alone ("v30-system_alerts.json");
  g_autofree char *regions = describe_alone ("v23-system_regions.json");
  g_autofree char *regions_v30 = describe_alone ("v30-system_regions.json");
  g_autofree char *plans = describe_alone ("v23-system_pricing_plans.json");
  g_autofree char *plans_v30 = describe_alone ("v30-system_pricing_plans.json");
  g_autofree char *availability = describe_alone ("v31-vehicle_availability.json");

  g_test_message ("%s\n%s\n%s\n%s\n%s\n%s\n%s", alerts, alerts_v30, regions, regions_v30, plans, plans_v30, availability);

  g_assert_true (g_str_has_prefix (alerts, "This is a GBFS system_alerts document: 4 alerts, "));
  g_assert_nonnull (strstr (alerts, "\n  21: Station fermée pour travaux [station_closure]; stations 37105788, 37199999; from 2026-01-05 08:00 to 2026-01-05 17:30"));
  g_assert_nonnull (strstr (alerts, "\n  23: Vélos électriques rechargés lentement [other]; regions nord"));
  g_assert_true (g_str_has_prefix (alerts_v30, "This is a GBFS system_alerts document: 2 alerts, "));
  g_assert_nonnull (strstr (alerts_v30, "\n  21: Station perturbée [station_closure]; stations 548; from 2026-08-12 06:00 to 2026-08-12 16:00"));

  g_assert_true (g_str_has_prefix (regions, "This is a GBFS system_regions document: 3 regions, "));
  g_assert_nonnull (strstr (regions, "\n  nord: Mulhouse Nord\n  sud: Mulhouse Sud\n  3: Rixheim"));
  g_assert_nonnull (strstr (regions_v30, "\n  poitiers-nord: Poitiers Nord"));

  g_assert_true (g_str_has_prefix (plans, "This is a GBFS system_pricing_plans document: 2 pricing plans, "));
  g_assert_nonnull (strstr (plans, "\n  plan2: Un trajet, 1.50 EUR — 1,50 € les 30 premières minutes"));
  g_assert_nonnull (strstr (plans_v30, "\n  321_57: Tarif Classique, 0.00 EUR — 3 € de l'heure"));
  g_assert_nonnull (strstr (plans_v30, "\n  free: Sans prix — Un prix illisible"));

  g_assert_true (g_str_has_prefix (availability, "This is a GBFS vehicle_availability document: when 5 vehicles can be booked, "));
  g_assert_nonnull (strstr (availability, "\n  1516 at station 1483; from 2026-08-12 12:00 to 2026-08-12 14:30; from 2026-08-12 17:00"));
}

/* The system documents' bad records are named with their list: the
 * words take the list, the record's number and the id's member or the id
 * in their own order. */
static void
test_documents_bad_records (void)
{
  static const char document[] =
    "{\"last_updated\": 1767614700, \"ttl\": 60, \"version\": \"2.3\", \"data\": {\"alerts\": ["
    "{\"alert_id\": \"21\", \"type\": \"other\", \"summary\": \"Travaux\"},"
    "42,"
    "{\"type\": \"other\", \"summary\": \"Sans identifiant\"},"
    "{\"alert_id\": \"21\", \"type\": \"other\", \"summary\": \"Encore\"}]}}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (document, strlen (document));
  g_autoptr(VigieSnapshot) alerts = vigie_test_parse (&vigie_format_gbfs, "system_alerts", bytes,
                                                      VIGIE_TEST_GBFS_NOW, "fr");

  g_assert_cmpuint (vigie_snapshot_get_n_records (alerts), ==, 4);
  g_assert_true (vigie_test_has_exact_warning (alerts, "Record 2 of “alerts” is not an object, skipped"));
  g_assert_true (vigie_test_has_exact_warning (alerts, "Record 3 of “alerts” has no alert_id, skipped"));
  g_assert_true (vigie_test_has_exact_warning (alerts, "“alerts” lists 21 more than once, only the first record kept"));
}

/* Bad records are skipped or corrected with a warning naming them. */
static void
test_documents_records (void)
{
  g_autoptr(VigieSnapshot) alerts = vigie_test_gbfs_parse_fixture ("system_alerts", "v23-system_alerts.json", "fr");
  g_autoptr(VigieSnapshot) plans = vigie_test_gbfs_parse_fixture ("system_pricing_plans", "v30-system_pricing_plans.json", "fr");
  g_autoptr(VigieSnapshot) availability = vigie_test_gbfs_parse_fixture ("vehicle_availability", "v31-vehicle_availability.json", "fr");
  g_autoptr(VigieSnapshot) zones = vigie_test_gbfs_parse_fixture ("geofencing_zones", "v23-geofencing_zones.json", "fr");

  g_assert_cmpuint (vigie_snapshot_get_n_records (alerts), ==, 5);
  g_assert_true (vigie_test_has_exact_warning (alerts, "Record 5 of “alerts” has no alert_id, skipped"));

  g_assert_true (vigie_test_has_exact_warning (plans, "Pricing plan free has no readable price"));

  g_assert_cmpuint (vigie_snapshot_get_n_records (availability), ==, 5);
  g_assert_true (vigie_test_has_exact_warning (availability, "Vehicle 1603: period 1 has no readable “from”, skipped"));
  g_assert_true (vigie_test_has_exact_warning (availability, "Vehicle 1603: period 2 ends before it starts or at no readable time, skipped"));
  g_assert_true (vigie_test_has_exact_warning (availability, "Vehicle 1603: no station in its availability"));
  g_assert_true (vigie_test_has_exact_warning (availability, "Vehicle 1603: no time when it is available"));

  g_assert_cmpuint (vigie_snapshot_get_n_records (zones), ==, 4);
  g_assert_true (vigie_test_has_exact_warning (zones, "Geofencing zone 4 has a point at (0, 0), skipped"));
}

/* 2.3: an alert on the station it names, one on the stations of its
 * region, one for the whole system in the feed's lines only; one that is
 * over nowhere. */
static void
test_documents_alerts_v23 (void)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GVariant) gare_alerts = NULL;
  g_autoptr(GVariant) musee_alerts = NULL;
  g_autoptr(GVariant) salvator_alerts = NULL;
  g_autoptr(GVariant) alert = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree const char **stations = NULL;
  g_autofree const char **regions = NULL;
  const char * const *warnings;
  VigieEntity *gare, *musee, *salvator, *reunion;
  gint64 time;

  snapshot = vigie_test_gbfs_combine_fixtures ("fr",
                                               "station_information", "v23-station_information.json",
                                               "station_status", "v23-station_status.json",
                                               "system_regions", "v23-system_regions.json",
                                               "system_alerts", "v23-system_alerts.json",
                                               NULL);

  gare = vigie_test_find_id (snapshot, "37105788", VIGIE_ENTITY_STATION);
  musee = vigie_test_find_id (snapshot, "37105800", VIGIE_ENTITY_STATION);
  salvator = vigie_test_find_id (snapshot, "37105900", VIGIE_ENTITY_STATION);
  reunion = vigie_test_find_id (snapshot, "37105721", VIGIE_ENTITY_STATION);
  g_assert_nonnull (gare);
  g_assert_nonnull (musee);
  g_assert_nonnull (salvator);
  g_assert_nonnull (reunion);

  gare_alerts = vigie_test_get_list (gare, "alerts", 1);
  alert = g_variant_get_child_value (gare_alerts, 0);
  vigie_test_assert_dict_string (alert, "id", "21");
  vigie_test_assert_dict_string (alert, "type", "station_closure");
  vigie_test_assert_dict_string (alert, "summary", "Station fermée pour travaux");
  vigie_test_assert_dict_string (alert, "url", "https://velocite.example.org/travaux-gare");
  vigie_test_assert_dict_int (alert, "start", "x", 1767600000);
  vigie_test_assert_dict_int (alert, "end", "x", 1767634200);
  g_assert_true (g_variant_lookup (alert, "stations", "^a&s", &stations));
  g_assert_cmpstr (stations[0], ==, "Gare Centrale");
  g_assert_cmpstr (stations[1], ==, "37199999");

  musee_alerts = vigie_test_get_list (musee, "alerts", 1);
  g_clear_pointer (&alert, g_variant_unref);
  alert = g_variant_get_child_value (musee_alerts, 0);
  vigie_test_assert_dict_string (alert, "id", "23");
  g_assert_true (g_variant_lookup (alert, "regions", "^a&s", &regions));
  g_assert_cmpstr (regions[0], ==, "Mulhouse Nord");
  g_assert_false (g_variant_lookup (alert, "start", "x", &time));
  salvator_alerts = vigie_test_get_list (salvator, "alerts", 1);

  /* Alert 20 is over. */
  g_assert_null (lookup_list (reunion, "alerts"));

  /* The feed's own lines, the operator's first. */
  warnings = vigie_snapshot_get_warnings (snapshot);
  g_assert_cmpstr (warnings[0], ==, "Operator’s alert at 1 station: Station fermée pour travaux");
  g_assert_cmpstr (warnings[1], ==, "Operator’s alert for the whole system: Service fermé pendant la tempête (from 2026-01-06 12:00)");
  g_assert_cmpstr (warnings[2], ==, "Operator’s alert at 2 stations: Vélos électriques rechargés lentement");
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Alert 21 names station 37199999, which is not in station_information"));
  g_assert_false (vigie_test_has_warning (snapshot, "terminé"));

  /* In the details, in words; the feed's markup stays text. */
  vigie_clock_set_time (VIGIE_TEST_GBFS_NOW);
  lines = vigie_style_describe (VIGIE_FEED_KIND_BIKES, gare, NULL);
  g_assert_true (lines_contain (lines, "Alert: Station fermée pour travaux"));
  g_assert_true (lines_contain (lines, "Station closed · Until 17:30"));
  g_assert_true (lines_contain (lines, "Les bornes de la gare sont remplacées : <b>rendez</b> vos vélos place de la Réunion."));
  g_assert_true (lines_contain (lines, "Stations: Gare Centrale, 37199999"));
  g_assert_true (lines_contain (lines, "https://velocite.example.org/travaux-gare"));
  g_clear_pointer (&lines, g_strfreev);

  lines = vigie_style_describe (VIGIE_FEED_KIND_BIKES, musee, NULL);
  g_assert_true (lines_contain (lines, "Alert: Vélos électriques rechargés lentement"));
  g_assert_true (lines_contain (lines, "Regions: Mulhouse Nord"));
  /* A long description is cut at a word, to fit the details. */
  g_assert_true (lines_contain (lines, "Le quartier nord n'a pas de vélos électriques chargés avant 10 h : les bornes de recharge du dépôt de la rue de Bâle sont en panne depuis lundi, et l'équipe de…"));
  vigie_clock_set_time (0);
}

/* 3.0: localized words, RFC 3339 times, an alert to come by region. */
static void
test_documents_alerts_v30 (void)
{
  g_autoptr(VigieSnapshot) french = NULL;
  g_autoptr(VigieSnapshot) english = NULL;
  g_autoptr(GVariant) alerts = NULL;
  g_autoptr(GVariant) alert = NULL;
  g_auto(GStrv) lines = NULL;
  VigieEntity *station;

  french = vigie_test_gbfs_combine_fixtures_at (VIGIE_TEST_GBFS_V30_NOW, "fr",
                                                "station_information", "v30-station_information.json",
                                                "station_status", "v30-station_status.json",
                                                "system_regions", "v30-system_regions.json",
                                                "system_alerts", "v30-system_alerts.json",
                                                NULL);
  english = vigie_test_gbfs_combine_fixtures_at (VIGIE_TEST_GBFS_V30_NOW, "en",
                                                 "station_information", "v30-station_information.json",
                                                 "station_status", "v30-station_status.json",
                                                 "system_alerts", "v30-system_alerts.json",
                                                 NULL);

  station = vigie_test_find_id (english, "548", VIGIE_ENTITY_STATION);
  alerts = lookup_list (station, "alerts");
  alert = g_variant_get_child_value (alerts, 0);
  vigie_test_assert_dict_string (alert, "summary", "Disruption of Service");
  vigie_test_assert_dict_string (alert, "url", "https://citiz.example.org/en/info");
  g_clear_pointer (&alert, g_variant_unref);
  g_clear_pointer (&alerts, g_variant_unref);

  vigie_clock_set_time (VIGIE_TEST_GBFS_V30_NOW);
  station = vigie_test_find_id (french, "548", VIGIE_ENTITY_STATION);
  lines = vigie_style_describe (VIGIE_FEED_KIND_CAR_SHARE, station, NULL);
  g_assert_true (lines_contain (lines, "Alert: Station perturbée"));
  g_assert_true (lines_contain (lines, "Station closed · Until 16:00"));
  g_assert_true (lines_contain (lines, "La station est fermée pour des travaux de voirie."));
  g_clear_pointer (&lines, g_strfreev);

  /* Tomorrow in Poitiers, 22:00 today in UTC. */
  station = vigie_test_find_id (french, "1483", VIGIE_ENTITY_STATION);
  lines = vigie_style_describe (VIGIE_FEED_KIND_CAR_SHARE, station, NULL);
  g_assert_true (lines_contain (lines, "Alert: Nettoyage des voitures"));
  g_assert_true (lines_contain (lines, "From 22:00 until 13 Aug, 22:00"));
  g_assert_true (lines_contain (lines, "Regions: Poitiers Nord"));
  vigie_clock_set_time (0);

  g_assert_true (vigie_test_has_exact_warning (french, "Operator’s alert at 1 station: Nettoyage des voitures (from 2026-08-12 22:00)"));
  g_assert_null (lookup_list (vigie_test_find_id (french, "1490", VIGIE_ENTITY_STATION), "alerts"));
}

/* 3.1: when each car can be booked, on the car and at its station. */
static void
test_documents_availability (void)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GVariant) list = NULL;
  g_autoptr(GVariant) entry = NULL;
  g_auto(GStrv) lines = NULL;
  VigieEntity *vehicle, *station;

  snapshot = vigie_test_gbfs_combine_fixtures_at (VIGIE_TEST_GBFS_V30_NOW, "fr",
                                                  "station_information", "v30-station_information.json",
                                                  "station_status", "v30-station_status.json",
                                                  "vehicle_status", "v30-vehicle_status.json",
                                                  "vehicle_types", "v30-vehicle_types.json",
                                                  "vehicle_availability", "v31-vehicle_availability.json",
                                                  NULL);

  /* Available now, until 16:30 in Poitiers; later again from 19:00. */
  vehicle = vigie_test_find_id (snapshot, "1516", VIGIE_ENTITY_VEHICLE);
  vigie_test_assert_boolean_value (vehicle, "available_now", TRUE);
  vigie_test_assert_exact_int_value (vehicle, "available_until", V31_UNTIL);
  vigie_test_assert_no_value (vehicle, "available_from");
  /* Not in vehicle_availability: nothing said. */
  vigie_test_assert_no_value (vigie_test_find_id (snapshot, "1517", VIGIE_ENTITY_VEHICLE), "available_now");

  station = vigie_test_find_id (snapshot, "1483", VIGIE_ENTITY_STATION);
  list = vigie_test_get_list (station, "vehicle_availability", 1);
  entry = g_variant_get_child_value (list, 0);
  vigie_test_assert_dict_string (entry, "vehicle_id", "1516");
  vigie_test_assert_dict_string (entry, "name", "Toyota Yaris");
  vigie_test_assert_dict_boolean (entry, "available_now", TRUE);
  vigie_test_assert_dict_int (entry, "until", "x", V31_UNTIL);
  g_clear_pointer (&entry, g_variant_unref);
  g_clear_pointer (&list, g_variant_unref);

  /* 1601's only time is over. */
  station = vigie_test_find_id (snapshot, "548", VIGIE_ENTITY_STATION);
  list = lookup_list (station, "vehicle_availability");
  g_assert_cmpuint (g_variant_n_children (list), ==, 1);
  entry = g_variant_get_child_value (list, 0);
  vigie_test_assert_dict_string (entry, "vehicle_id", "1600");
  vigie_test_assert_dict_boolean (entry, "available_now", FALSE);
  vigie_test_assert_dict_int (entry, "from", "x", 1786550400);

  vigie_clock_set_time (VIGIE_TEST_GBFS_V30_NOW);
  lines = vigie_style_describe (VIGIE_FEED_KIND_CAR_SHARE, vehicle, NULL);
  g_assert_true (lines_contain (lines, "Available until 14:30"));
  g_clear_pointer (&lines, g_strfreev);

  lines = vigie_style_describe (VIGIE_FEED_KIND_CAR_SHARE, vigie_test_find_id (snapshot, "1483", VIGIE_ENTITY_STATION), NULL);
  g_assert_true (lines_contain (lines, "Toyota Yaris: available until 14:30"));
  g_clear_pointer (&lines, g_strfreev);

  lines = vigie_style_describe (VIGIE_FEED_KIND_CAR_SHARE, station, NULL);
  g_assert_true (lines_contain (lines, "Renault Zoé: available from 16:00 until 13 Aug, 07:15"));
  g_clear_pointer (&lines, g_strfreev);

  /* No type: the car's id; no end: said so. */
  lines = vigie_style_describe (VIGIE_FEED_KIND_CAR_SHARE, vigie_test_find_id (snapshot, "1490", VIGIE_ENTITY_STATION), NULL);
  g_assert_true (lines_contain (lines, "1602: available, no end given"));
  vigie_clock_set_time (0);
}

/* Areas the map draws, with their rules; one that is over is not. */
static void
test_documents_geofencing_v23 (void)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(VigieSnapshot) alone = NULL;
  g_autoptr(GVariant) geometry = NULL;
  g_autoptr(GVariant) rules = NULL;
  g_autoptr(GVariant) rule = NULL;
  g_autoptr(GVariant) first_ring = NULL;
  g_autoptr(GListStore) store = g_list_store_new (VIGIE_TYPE_ENTITY);
  g_autofree const char **types = NULL;
  g_autofree char *counts = NULL;
  g_auto(GStrv) lines = NULL;
  VigieEntity *centre, *quais;
  VigieSymbol symbol;
  double latitude, longitude;

  snapshot = vigie_test_gbfs_combine_fixtures ("fr",
                                               "station_information", "v23-station_information.json",
                                               "station_status", "v23-station_status.json",
                                               "vehicle_types", "v23-vehicle_types.json",
                                               "system_alerts", "v23-system_alerts.json",
                                               "geofencing_zones", "v23-geofencing_zones.json",
                                               NULL);

  g_assert_cmpuint (vigie_test_count_entities (snapshot, VIGIE_ENTITY_ZONE), ==, 2);
  g_assert_null (vigie_test_find_id (snapshot, "zone-3", VIGIE_TEST_ANY_KIND));
  g_assert_true (vigie_test_has_exact_warning (snapshot, "Geofencing zone Marché de Noël 2025 (terminé) ended on 2025-12-31 00:00, not shown"));

  centre = vigie_test_find_id (snapshot, "zone-1", VIGIE_ENTITY_ZONE);
  g_assert_cmpstr (vigie_entity_get_name (centre), ==, "Centre piéton");
  vigie_test_assert_boolean_value (centre, "geofencing", TRUE);
  /* The largest polygon's centroid. */
  vigie_test_assert_position (centre, 47.7465, 7.3380, 1e-4);

  /* Both polygons' rings, the hole too, as (latitude, longitude). */
  geometry = g_variant_lookup_value (vigie_entity_get_values (centre), "geometry", G_VARIANT_TYPE ("aa(dd)"));
  g_assert_nonnull (geometry);
  g_assert_cmpuint (g_variant_n_children (geometry), ==, 3);
  first_ring = g_variant_get_child_value (geometry, 0);
  g_assert_cmpuint (g_variant_n_children (first_ring), ==, 5);
  g_variant_get_child (first_ring, 0, "(dd)", &latitude, &longitude);
  g_assert_cmpfloat_with_epsilon (latitude, 47.7480, 1e-9);
  g_assert_cmpfloat_with_epsilon (longitude, 7.3350, 1e-9);

  rules = lookup_list (centre, "rules");
  g_assert_cmpuint (g_variant_n_children (rules), ==, 2);
  rule = g_variant_get_child_value (rules, 0);
  g_assert_true (g_variant_lookup (rule, "vehicle_types", "^a&s", &types));
  g_assert_cmpstr (types[0], ==, "VéloCité électrique");
  /* 2.3's ride_allowed is 3.0's start and end. */
  vigie_test_assert_dict_boolean (rule, "ride_start_allowed", FALSE);
  vigie_test_assert_dict_boolean (rule, "ride_end_allowed", FALSE);
  vigie_test_assert_dict_boolean (rule, "ride_through_allowed", TRUE);
  vigie_test_assert_dict_int (rule, "maximum_speed_kph", "x", 10);

  quais = vigie_test_find_id (snapshot, "zone-2", VIGIE_ENTITY_ZONE);
  vigie_test_assert_exact_int_value (quais, "start", 1767398400);

  /* Drawn as what they are, not as parking: the strictest rule's colour,
   * and a pattern where no one may ride through. */
  vigie_style_entity (VIGIE_FEED_KIND_BIKES, centre, NULL, &symbol);
  g_assert_cmpint (symbol.glyph, ==, VIGIE_SYMBOL_GLYPH_NONE);
  g_assert_cmphex (symbol.fill, ==, VIGIE_STYLE_ORANGE);
  g_assert_false (symbol.hatched);
  vigie_style_entity (VIGIE_FEED_KIND_BIKES, quais, NULL, &symbol);
  g_assert_cmphex (symbol.fill, ==, VIGIE_STYLE_VERMILLION);
  g_assert_true (symbol.hatched);
  g_assert_cmpint (symbol.mark, ==, VIGIE_SYMBOL_MARK_BAR);

  vigie_clock_set_time (VIGIE_TEST_GBFS_NOW);
  lines = vigie_style_describe (VIGIE_FEED_KIND_BIKES, centre, NULL);
  g_assert_cmpstr (lines[0], ==, "Geofencing zone");
  g_assert_true (lines_contain (lines, "For VéloCité électrique: no ride starts or ends here, 10 km/h at most"));
  g_assert_true (lines_contain (lines, "Riding allowed, parking at stations only"));
  g_clear_pointer (&lines, g_strfreev);
  lines = vigie_style_describe (VIGIE_FEED_KIND_BIKES, quais, NULL);
  g_assert_true (lines_contain (lines, "No riding through"));
  vigie_clock_set_time (0);

  /* The layer's row counts them apart from parking. */
  for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
    g_list_store_append (store, vigie_snapshot_get_entity (snapshot, i));
  counts = vigie_layer_summary_counts (VIGIE_FEED_KIND_BIKES, G_LIST_MODEL (store));
  g_assert_cmpstr (counts, ==, "4 stations · 2 geofencing zones");

  /* Rules hold until the operator changes them: never "old". */
  g_assert_false (vigie_layer_summary_ages (centre));
  g_assert_true (vigie_layer_summary_ages (vigie_test_find_id (snapshot, "37105788", VIGIE_ENTITY_STATION)));

  /* Alone, they are what vigie-inspect shows. */
  alone = vigie_test_gbfs_combine_fixtures ("fr", VIGIE_ROLE_MAIN, "v23-geofencing_zones.json", NULL);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (alone), ==, 2);
}

static void
test_documents_geofencing_v30 (void)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(VigieSnapshot) later = NULL;
  g_auto(GStrv) lines = NULL;
  VigieEntity *zone;

  snapshot = vigie_test_gbfs_combine_fixtures_at (VIGIE_TEST_GBFS_V30_NOW, "fr",
                                                  "vehicle_types", "v30-vehicle_types.json",
                                                  "geofencing_zones", "v30-geofencing_zones.json",
                                                  NULL);
  zone = vigie_test_find_id (snapshot, "zone-1", VIGIE_ENTITY_ZONE);
  g_assert_nonnull (zone);
  g_assert_cmpstr (vigie_entity_get_name (zone), ==, "Plateau piéton");

  vigie_clock_set_time (VIGIE_TEST_GBFS_V30_NOW);
  lines = vigie_style_describe (VIGIE_FEED_KIND_CAR_SHARE, zone, NULL);
  g_assert_true (lines_contain (lines, "Until 31 Aug, 22:00"));
  g_assert_true (lines_contain (lines, "For Toyota Yaris, Renault Zoé: no ride ends here, 20 km/h at most, parking at stations only"));
  vigie_clock_set_time (0);

  /* Over on 1 September in Poitiers. */
  later = vigie_test_gbfs_combine_fixtures_at (VIGIE_TEST_GBFS_V30_NOW + 30 * 86400, "fr",
                                               "geofencing_zones", "v30-geofencing_zones.json",
                                               NULL);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (later), ==, 0);
  g_assert_true (vigie_test_has_exact_warning (later, "Geofencing zone Plateau piéton ended on 2026-08-31 22:00, not shown"));
}

/* Any one of them as a feed's own address is told apart by its content. */
static void
test_documents_main (void)
{
  const struct
  {
    const char *fixture;
    const char *description;
  } cases[] = {
    { "v23-system_alerts.json", "system_alerts document: 4 alerts" },
    { "v30-system_alerts.json", "system_alerts document: 2 alerts" },
    { "v23-system_regions.json", "system_regions document: 3 regions" },
    { "v30-system_regions.json", "system_regions document: 2 regions" },
    { "v23-system_pricing_plans.json", "system_pricing_plans document: 2 pricing plans" },
    { "v30-system_pricing_plans.json", "system_pricing_plans document: 2 pricing plans" },
    { "v31-vehicle_availability.json", "vehicle_availability document: when 5 vehicles" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = describe_alone (cases[i].fixture);

      g_test_message ("%s", cases[i].fixture);
      g_assert_nonnull (strstr (text, cases[i].description));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gbfs/documents/roles", test_documents_roles);
  g_test_add_func ("/gbfs/documents/described", test_documents_described);
  g_test_add_func ("/gbfs/documents/records", test_documents_records);
  g_test_add_func ("/gbfs/documents/bad-records", test_documents_bad_records);
  g_test_add_func ("/gbfs/documents/main", test_documents_main);
  g_test_add_func ("/gbfs/documents/alerts-v23", test_documents_alerts_v23);
  g_test_add_func ("/gbfs/documents/alerts-v30", test_documents_alerts_v30);
  g_test_add_func ("/gbfs/documents/availability-v31", test_documents_availability);
  g_test_add_func ("/gbfs/documents/geofencing-v23", test_documents_geofencing_v23);
  g_test_add_func ("/gbfs/documents/geofencing-v30", test_documents_geofencing_v30);

  return g_test_run ();
}
