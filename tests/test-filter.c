/* test-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "vigie-figures.h"
#include "vigie-filter.h"
#include "vigie-search.h"
#include "vigie-snapshot.h"
#include "vigie-test-support.h"

/* Layers narrowed to a state: which entities each filter keeps, how the
 * filters are saved and said, and the figures strip over the map that
 * sets them; without a display. */

#define NOW 1796633400  /* 2026-12-07 09:30 UTC */

static VigieEntity *
make_entity (VigieEntityKind  kind,
             const char      *id,
             const char      *values)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) dict = g_variant_parse (G_VARIANT_TYPE_VARDICT, values, NULL, NULL, &error);

  g_assert_no_error (error);
  return vigie_entity_new (kind, id, id, 47.75, 7.34, NOW - 60, dict);
}

typedef struct
{
  VigieFeedKind    layer;
  VigieEntityKind  kind;
  const char      *values;
  gboolean         target;
  guint            matches;
} Case;

static void
test_filter_classify (void)
{
  static const Case cases[] = {
    /* Stations: empty, full, nearly empty (not empty), closed. */
    { VIGIE_FEED_KIND_BIKES, VIGIE_ENTITY_STATION,
      "{'vehicles_available': <int64 0>, 'docks_available': <int64 12>, 'capacity': <int64 12>}", TRUE, VIGIE_FILTER_EMPTY },
    { VIGIE_FEED_KIND_BIKES, VIGIE_ENTITY_STATION,
      "{'vehicles_available': <int64 12>, 'docks_available': <int64 0>, 'capacity': <int64 12>}", TRUE, VIGIE_FILTER_FULL },
    { VIGIE_FEED_KIND_BIKES, VIGIE_ENTITY_STATION,
      "{'vehicles_available': <int64 1>, 'docks_available': <int64 11>, 'capacity': <int64 12>}", TRUE, 0 },
    { VIGIE_FEED_KIND_BIKES, VIGIE_ENTITY_STATION,
      "{'vehicles_available': <int64 0>, 'is_installed': <false>}", TRUE, 0 },
    /* A free bike is not a station: no filter is about it. */
    { VIGIE_FEED_KIND_BIKES, VIGIE_ENTITY_VEHICLE, "{'form_factor': <'bicycle'>}", FALSE, 0 },
    { VIGIE_FEED_KIND_CAR_SHARE, VIGIE_ENTITY_STATION,
      "{'vehicles_available': <int64 0>, 'docks_available': <int64 3>}", TRUE, VIGIE_FILTER_EMPTY },
    /* Trams: 5 min late is on time, 5 min 1 s is delayed; a timetable
     * position's delay is a guess; a ghost; a canceled trip; a stop. */
    { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE, "{'route_id': <'1'>, 'delay_s': <int64 300>}", TRUE, 0 },
    { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE, "{'route_id': <'1'>, 'delay_s': <int64 301>}", TRUE, VIGIE_FILTER_DELAYED },
    { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE,
      "{'route_id': <'1'>, 'delay_s': <int64 900>, 'source': <'schedule'>}", TRUE, 0 },
    { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE,
      "{'route_id': <'1'>, 'ghost': <true>, 'source': <'schedule'>}", TRUE, VIGIE_FILTER_GHOST },
    { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE,
      "{'route_id': <'1'>, 'ghost': <true>, 'canceled': <true>}", FALSE, 0 },
    { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_STOP, "{}", FALSE, 0 },
    { VIGIE_FEED_KIND_TRAINS, VIGIE_ENTITY_VEHICLE, "{'trip_id': <'t'>, 'delay_s': <int64 420>}", TRUE, VIGIE_FILTER_DELAYED },
    /* Parking: 90 % is saturated by default, 89 % not, a zone full. */
    { VIGIE_FEED_KIND_PARKING, VIGIE_ENTITY_CAR_PARK,
      "{'total_spots': <int64 100>, 'available_spots': <int64 10>}", TRUE, VIGIE_FILTER_SATURATED },
    { VIGIE_FEED_KIND_PARKING, VIGIE_ENTITY_CAR_PARK,
      "{'total_spots': <int64 100>, 'available_spots': <int64 11>}", TRUE, 0 },
    { VIGIE_FEED_KIND_PARKING, VIGIE_ENTITY_ZONE, "{'total_spots': <int64 20>, 'available_spots': <int64 0>}", TRUE, VIGIE_FILTER_SATURATED },
    /* Wi-Fi: loaded at 90 % of capacity, down with no access point up. */
    { VIGIE_FEED_KIND_WIFI, VIGIE_ENTITY_HOTSPOT, "{'clients': <int64 45>, 'capacity': <int64 50>}", TRUE, VIGIE_FILTER_LOADED },
    { VIGIE_FEED_KIND_WIFI, VIGIE_ENTITY_HOTSPOT, "{'clients': <int64 20>, 'capacity': <int64 50>}", TRUE, 0 },
    { VIGIE_FEED_KIND_WIFI, VIGIE_ENTITY_HOTSPOT,
      "{'clients': <int64 0>, 'capacity': <int64 50>, 'aps_up': <int64 0>, 'aps_total': <int64 2>}", TRUE, VIGIE_FILTER_DOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VigieEntity) entity = make_entity (cases[i].kind, "e", cases[i].values);
      gboolean target = !cases[i].target;
      guint matches = vigie_filter_classify (cases[i].layer, entity, NULL, &target);

      g_test_message ("case %u: %s", i, cases[i].values);
      g_assert_cmpuint (matches, ==, cases[i].matches);
      g_assert_cmpint (target, ==, cases[i].target);
      /* Every state a filter finds is one the layer offers. */
      g_assert_cmpuint (matches & ~vigie_filter_offered (cases[i].layer), ==, 0);
    }
}

static void
test_filter_keeps (void)
{
  g_autoptr(VigieEntity) empty = make_entity (VIGIE_ENTITY_STATION, "s", "{'vehicles_available': <int64 0>, 'docks_available': <int64 4>}");
  g_autoptr(VigieEntity) line = make_entity (VIGIE_ENTITY_LINE, "l", "{}");
  g_autoptr(VigieEntity) stop = make_entity (VIGIE_ENTITY_STOP, "p", "{}");
  gboolean target;
  guint matches = vigie_filter_classify (VIGIE_FEED_KIND_BIKES, empty, NULL, &target);

  /* No filter: everything; a filter: what matches one of its states,
   * and the lines, never the rest. */
  g_assert_true (vigie_filter_keeps (VIGIE_FILTER_NONE, stop, 0, FALSE));
  g_assert_true (vigie_filter_keeps (VIGIE_FILTER_EMPTY, empty, matches, target));
  g_assert_true (vigie_filter_keeps (VIGIE_FILTER_EMPTY | VIGIE_FILTER_FULL, empty, matches, target));
  g_assert_false (vigie_filter_keeps (VIGIE_FILTER_FULL, empty, matches, target));
  g_assert_true (vigie_filter_keeps (VIGIE_FILTER_DELAYED, line, 0, FALSE));
  g_assert_false (vigie_filter_keeps (VIGIE_FILTER_DELAYED, stop, 0, FALSE));
}

static void
test_filter_strings (void)
{
  g_autofree char *none = vigie_filter_to_string (VIGIE_FILTER_NONE);
  g_autofree char *two = vigie_filter_to_string (VIGIE_FILTER_FULL | VIGIE_FILTER_EMPTY);

  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (two, ==, "empty,full");
  g_assert_cmpuint (vigie_filter_from_string (two), ==, VIGIE_FILTER_EMPTY | VIGIE_FILTER_FULL);
  /* A newer version's filter, spaces, nothing: left out, not a failure. */
  g_assert_cmpuint (vigie_filter_from_string (" down , teleported,,"), ==, VIGIE_FILTER_DOWN);
  g_assert_cmpuint (vigie_filter_from_string (NULL), ==, VIGIE_FILTER_NONE);
  g_assert_cmpuint (vigie_filter_index (VIGIE_FILTER_DOWN), ==, 6);

  for (guint i = 0; i < VIGIE_N_FILTERS; i++)
    g_assert_cmpuint (vigie_filter_from_string (vigie_filter_get_nick (1u << i)), ==, 1u << i);
}

static void
test_filter_query (void)
{
  g_autofree char *words = vigie_search_fold ("Stations vides VéloCité filtre");

  g_assert_true (vigie_filter_matches_query ("vide", words));
  g_assert_true (vigie_filter_matches_query ("velo vides", words));
  g_assert_false (vigie_filter_matches_query ("ides", words));
  g_assert_false (vigie_filter_matches_query ("vides pleines", words));
  g_assert_false (vigie_filter_matches_query ("", words));
}

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
}

static char *
describe_strip (const VigieFigures *by_kind)
{
  g_autoptr(GPtrArray) figures = vigie_figures_strip (by_kind);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < figures->len; i++)
    {
      VigieStripFigure *figure = g_ptr_array_index (figures, i);
      g_autofree char *filter = vigie_filter_to_string (figure->filter);

      g_string_append_printf (text, "%s|%u|%s|%s|%s\n", figure->id, figure->kind, filter,
                              figure->text, figure->caption ? figure->caption : "-");
    }

  return g_string_free (text, FALSE);
}

static void
test_filter_strip (void)
{
  static const char *values[] = {
    "{'vehicles_available': <int64 12>, 'docks_available': <int64 3>}",
    "{'vehicles_available': <int64 0>, 'docks_available': <int64 15>}",
    "{'vehicles_available': <int64 0>, 'docks_available': <int64 15>}",
    "{'vehicles_available': <int64 1305>}",
  };
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();
  VigieFigures by_kind[VIGIE_N_FEED_KINDS] = { 0, };
  g_autofree char *french = NULL;
  g_autofree char *english = NULL;

  /* The empty stations, counted with the rest in the feed's worker. */
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);

      vigie_snapshot_add_entity (snapshot, make_entity (VIGIE_ENTITY_STATION, id, values[i]));
    }
  vigie_figures_compute (&by_kind[VIGIE_FEED_KIND_BIKES], snapshot, NOW);
  g_assert_cmpuint (by_kind[VIGIE_FEED_KIND_BIKES].n_stations, ==, 4);
  g_assert_cmpuint (by_kind[VIGIE_FEED_KIND_BIKES].n_empty_stations, ==, 2);

  by_kind[VIGIE_FEED_KIND_TRAMS] = (VigieFigures) { .n_transit = 14, .n_timed = 12, .n_on_time = 11 };
  by_kind[VIGIE_FEED_KIND_PARKING] = (VigieFigures) { .n_car_parks = 3, .car_park_spots = 1000, .car_park_occupied = 700,
                                                      .n_zones = 2, .zone_spots = 200, .zone_occupied = 200 };
  by_kind[VIGIE_FEED_KIND_WIFI] = (VigieFigures) { .n_hotspots = 12, .wifi_clients = 2412 };

  use_language ("fr");
  g_assert_cmpstr (_("Empty stations"), ==, "Stations vides");
  french = describe_strip (by_kind);
  g_test_message ("%s", french);
  g_assert_cmpstr (french, ==,
                   "trams|0|delayed|14 trams · 92\u202f% à l’heure|"
                   "à l’heure\u202f: de −1 à +5\u00a0min\n"
                   "bikes|1|empty|1317 vélos disponibles|2 stations vides\n"
                   "parking|3|saturated|Stationnement\u202f: 75\u202f% occupé|toute la ville, 5 lieux\n"
                   "wifi|4|loaded|2412 appareils sur le Wi-Fi|sur 12 lieux\n");

  use_language ("en");
  english = describe_strip (by_kind);
  g_assert_cmpstr (english, ==,
                   "trams|0|delayed|14 trams · 92% on time|on time: −1 to +5 min\n"
                   "bikes|1|empty|1317 bikes available|2 empty stations\n"
                   "parking|3|saturated|Parking: 75% occupied|city-wide, 5 sites\n"
                   "wifi|4|loaded|2412 devices on the Wi-Fi|at 12 places\n");

  /* Shared cars; trams with no delay known: how many run. */
  by_kind[VIGIE_FEED_KIND_CAR_SHARE] = (VigieFigures) { .n_stations = 3, .station_vehicles = 1, .n_free_vehicles = 4 };
  by_kind[VIGIE_FEED_KIND_TRAMS].n_timed = 0;
  g_clear_pointer (&english, g_free);
  english = describe_strip (by_kind);
  g_assert_nonnull (strstr (english, "trams|0|delayed|14 trams in service|-\n"));
  g_assert_nonnull (strstr (english, "car-share|2|empty|5 cars available|0 empty stations\n"));

  /* Nothing counted, nothing shown. */
  memset (by_kind, 0, sizeof by_kind);
  g_clear_pointer (&english, g_free);
  english = describe_strip (by_kind);
  g_assert_cmpstr (english, ==, "");
}

/* A failing or late feed never takes its figure away silently: the
 * figure keeps its place, marked, and says why. */
static char *
describe_marked (const VigieFigures   *by_kind,
                 const VigieStripData *data_by_kind)
{
  g_autoptr(GPtrArray) figures = vigie_figures_strip (by_kind);
  GString *text = g_string_new (NULL);

  vigie_figures_strip_mark (figures, data_by_kind);
  for (guint i = 0; i < figures->len; i++)
    {
      VigieStripFigure *figure = g_ptr_array_index (figures, i);

      g_string_append_printf (text, "%s|%s|%s|%s\n", figure->id, figure->stale ? "stale" : "ok",
                              figure->text, figure->caption ? figure->caption : "-");
    }

  return g_string_free (text, FALSE);
}

static void
test_filter_strip_stale (void)
{
  VigieFigures by_kind[VIGIE_N_FEED_KINDS] = { 0, };
  VigieStripData data_by_kind[VIGIE_N_FEED_KINDS] = { 0, };
  g_autofree char *english = NULL;
  g_autofree char *french = NULL;

  by_kind[VIGIE_FEED_KIND_TRAMS] = (VigieFigures) { .n_transit = 13 };
  by_kind[VIGIE_FEED_KIND_PARKING] = (VigieFigures) { .n_zones = 2, .zone_spots = 200, .zone_occupied = 50 };
  data_by_kind[VIGIE_FEED_KIND_TRAMS] = VIGIE_STRIP_DATA_OK;
  /* The bike feed answers 503 from the start: nothing counted. */
  data_by_kind[VIGIE_FEED_KIND_BIKES] = VIGIE_STRIP_DATA_FAILING;
  data_by_kind[VIGIE_FEED_KIND_PARKING] = VIGIE_STRIP_DATA_STALE;
  /* No feed of shared cars nor Wi-Fi: no figure. */

  use_language ("en");
  english = describe_marked (by_kind, data_by_kind);
  g_assert_cmpstr (english, ==,
                   "trams|ok|13 trams in service|-\n"
                   "bikes|stale|Bikes: no data|Feed failing\n"
                   "parking|stale|Parking: 25% occupied|Data too old\n");

  use_language ("fr");
  french = describe_marked (by_kind, data_by_kind);
  g_assert_cmpstr (french, ==,
                   "trams|ok|13 trams en service|-\n"
                   "bikes|stale|Vélos\u202f: pas de données|Flux en échec\n"
                   "parking|stale|Stationnement\u202f: 25\u202f% occupé|Données trop anciennes\n");
}

static void
test_filter_words (void)
{
  g_autofree char *counts = NULL;
  g_autofree char *described = NULL;

  use_language ("fr");
  counts = vigie_filter_format_counts (VIGIE_FEED_KIND_BIKES, 12, 40);
  g_assert_cmpstr (counts, ==, "12 sur 40 stations");
  g_clear_pointer (&counts, g_free);
  counts = vigie_filter_format_counts (VIGIE_FEED_KIND_TRAMS, 3, 1);
  g_assert_cmpstr (counts, ==, "3 sur 1 tram");
  described = vigie_filter_describe (VIGIE_FILTER_EMPTY | VIGIE_FILTER_FULL, VIGIE_FEED_KIND_BIKES);
  g_assert_cmpstr (described, ==, "Stations vides, Stations pleines");

  use_language ("en");
  g_clear_pointer (&counts, g_free);
  counts = vigie_filter_format_counts (VIGIE_FEED_KIND_WIFI, 2, 12);
  g_assert_cmpstr (counts, ==, "2 of 12 Wi-Fi places");
  g_assert_cmpstr (vigie_filter_get_title (VIGIE_FILTER_DELAYED, VIGIE_FEED_KIND_TRAINS), ==, "Delayed trains");
}

int
main (int   argc,
      char *argv[])
{
  vigie_test_bind_catalogue ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/filter/classify", test_filter_classify);
  g_test_add_func ("/filter/keeps", test_filter_keeps);
  g_test_add_func ("/filter/strings", test_filter_strings);
  g_test_add_func ("/filter/query", test_filter_query);
  g_test_add_func ("/filter/strip", test_filter_strip);
  g_test_add_func ("/filter/strip-stale", test_filter_strip_stale);
  g_test_add_func ("/filter/words", test_filter_words);

  return g_test_run ();
}
