/* test-figures.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>

#include "vigie-day-series.h"
#include "vigie-figures.h"
#include "vigie-snapshot.h"
#include "vigie-test-support.h"

/* The meeting mode's figures, counted from a snapshot and said in plain
 * French and English sentences, without a display. */

#define NOW 1796633400  /* 2026-12-07 09:30 UTC */

typedef struct
{
  VigieEntityKind kind;
  const char     *id;
  const char     *values;   /* a GVariant a{sv} in text */
} Item;

static VigieSnapshot *
make_snapshot (const Item *items,
               guint       n_items)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ();

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GError) error = NULL;
      /* g_variant_parse() gives a reference of its own: the entity takes another. */
      g_autoptr(GVariant) values = g_variant_parse (G_VARIANT_TYPE_VARDICT, items[i].values, NULL, NULL, &error);
      VigieEntity *entity;

      g_assert_no_error (error);
      entity = vigie_entity_new (items[i].kind, items[i].id, items[i].id, 47.75, 7.34, NOW - 60, values);
      vigie_snapshot_add_entity (snapshot, entity);  /* takes it */
    }

  return snapshot;
}

static void
use_language (const char *language)
{
  /* gettext reads LANGUAGE again once the locale is set again. */
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
}

static void
test_figures_count (void)
{
  static const Item items[] = {
    /* Bikes: 12 + 3 at two stations; one closed, one without a count. */
    { VIGIE_ENTITY_STATION, "s1", "{'vehicles_available': <int64 12>, 'is_installed': <true>}" },
    { VIGIE_ENTITY_STATION, "s2", "{'vehicles_available': <int64 3>}" },
    { VIGIE_ENTITY_STATION, "s3", "{'vehicles_available': <int64 9>, 'is_installed': <false>}" },
    { VIGIE_ENTITY_STATION, "s4", "{'capacity': <int64 20>}" },
    /* Free bikes: one free, one reserved, one docked (counted by its station). */
    { VIGIE_ENTITY_VEHICLE, "b1", "{'form_factor': <'bicycle'>}" },
    { VIGIE_ENTITY_VEHICLE, "b2", "{'form_factor': <'bicycle'>, 'is_reserved': <true>}" },
    { VIGIE_ENTITY_VEHICLE, "b3", "{'form_factor': <'bicycle'>, 'station_id': <'s1'>}" },
    /* Trams: on time (early by 1 min, late by 5 min, 0), late by 5 min 1 s,
     * early by 2 min, a timetable position, a ghost, a canceled trip. */
    { VIGIE_ENTITY_VEHICLE, "t1", "{'route_id': <'1'>, 'delay_s': <int64 -60>}" },
    { VIGIE_ENTITY_VEHICLE, "t2", "{'route_id': <'1'>, 'delay_s': <int64 300>}" },
    { VIGIE_ENTITY_VEHICLE, "t3", "{'trip_id': <'a'>, 'delay_s': <int64 0>}" },
    { VIGIE_ENTITY_VEHICLE, "t4", "{'route_id': <'2'>, 'delay_s': <int64 301>}" },
    { VIGIE_ENTITY_VEHICLE, "t5", "{'route_id': <'2'>, 'delay_s': <int64 -120>}" },
    { VIGIE_ENTITY_VEHICLE, "t6", "{'route_id': <'2'>, 'delay_s': <int64 600>, 'source': <'schedule'>}" },
    { VIGIE_ENTITY_VEHICLE, "t7", "{'route_id': <'2'>, 'ghost': <true>, 'source': <'schedule'>}" },
    { VIGIE_ENTITY_VEHICLE, "t8", "{'route_id': <'3'>, 'delay_s': <int64 0>, 'canceled': <true>}" },
    /* Car parks: 80 of 100 taken, 20 free of 50, 50 % of 10. */
    { VIGIE_ENTITY_CAR_PARK, "p1", "{'total_spots': <int64 100>, 'occupied_spots': <int64 80>}" },
    { VIGIE_ENTITY_CAR_PARK, "p2", "{'total_spots': <int64 50>, 'available_spots': <int64 20>}" },
    { VIGIE_ENTITY_CAR_PARK, "p3", "{'total_spots': <int64 10>, 'occupancy': <0.5>}" },
    { VIGIE_ENTITY_CAR_PARK, "p4", "{'status': <'closed'>}" },
    /* Street: a zone, its level (counted by it), two lone sensed spaces. */
    { VIGIE_ENTITY_ZONE, "z1", "{'total_spots': <int64 40>, 'occupied_spots': <int64 10>}" },
    { VIGIE_ENTITY_ZONE, "z1-level", "{'total_spots': <int64 40>, 'occupied_spots': <int64 40>, 'parent': <'z1'>}" },
    { VIGIE_ENTITY_ZONE, "spot1", "{'spot': <true>, 'status': <'occupied'>}" },
    { VIGIE_ENTITY_ZONE, "spot2", "{'spot': <true>, 'status': <'free'>}" },
    { VIGIE_ENTITY_ZONE, "spot3", "{'spot': <true>, 'status': <'unknown'>}" },
    /* Wi-Fi: two places; a controller's subsystem and a bad count left out. */
    { VIGIE_ENTITY_HOTSPOT, "w1", "{'clients': <int64 23>}" },
    { VIGIE_ENTITY_HOTSPOT, "w2", "{'clients': <int64 18>}" },
    { VIGIE_ENTITY_HOTSPOT, "wlan", "{'subsystem': <'wlan'>, 'clients': <int64 41>}" },
    { VIGIE_ENTITY_HOTSPOT, "w3", "{'clients': <int64 -4>}" },
    /* Nothing to count. */
    { VIGIE_ENTITY_STOP, "stop", "{}" },
  };
  g_autoptr(VigieSnapshot) snapshot = make_snapshot (items, G_N_ELEMENTS (items));
  VigieFigures figures;
  VigieFigures total = { 0, };

  vigie_figures_compute (&figures, snapshot, NOW);
  g_assert_cmpint (figures.observed_at, ==, NOW);
  g_assert_cmpuint (figures.n_stations, ==, 2);
  g_assert_cmpint (figures.station_vehicles, ==, 15);
  g_assert_cmpuint (figures.n_free_vehicles, ==, 1);
  g_assert_cmpuint (figures.n_transit, ==, 6);
  g_assert_cmpuint (figures.n_timed, ==, 5);
  g_assert_cmpuint (figures.n_on_time, ==, 3);
  g_assert_cmpuint (figures.n_car_parks, ==, 3);
  g_assert_cmpint (figures.car_park_spots, ==, 160);
  g_assert_cmpint (figures.car_park_occupied, ==, 115);
  g_assert_cmpuint (figures.n_zones, ==, 3);
  g_assert_cmpint (figures.zone_spots, ==, 42);
  g_assert_cmpint (figures.zone_occupied, ==, 11);
  g_assert_cmpuint (figures.n_hotspots, ==, 2);
  g_assert_cmpint (figures.wifi_clients, ==, 41);

  /* Added up, twice the counts; the time is the oldest feed's. */
  vigie_figures_add (&total, &figures);
  figures.observed_at = NOW - 300;
  vigie_figures_add (&total, &figures);
  g_assert_cmpint (total.observed_at, ==, NOW - 300);
  g_assert_cmpint (total.station_vehicles, ==, 30);
  g_assert_cmpuint (total.n_on_time, ==, 6);

  /* A snapshot that says its own time. */
  vigie_snapshot_set_observed_at (snapshot, NOW - 42);
  vigie_figures_compute (&figures, snapshot, NOW);
  g_assert_cmpint (figures.observed_at, ==, NOW - 42);
}

static char *
describe (const VigieFigures *by_kind,
          const char * const *brands)
{
  g_autoptr(GPtrArray) sentences = vigie_figures_describe (by_kind, brands);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < sentences->len; i++)
    {
      VigieFigureSentence *sentence = g_ptr_array_index (sentences, i);
      g_autofree char *whole = vigie_figure_sentence_to_string (sentence);

      /* The figure is set apart, the rest around it. */
      g_assert_cmpstr (sentence->figure, !=, "");
      g_assert_nonnull (strstr (whole, sentence->figure));
      g_string_append_printf (text, "%s|%s|%s|%s\n", sentence->id, sentence->before, sentence->figure, sentence->after);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill_city (VigieFigures *by_kind)
{
  memset (by_kind, 0, sizeof (VigieFigures) * VIGIE_N_FEED_KINDS);
  by_kind[VIGIE_FEED_KIND_TRAMS] = (VigieFigures) { .n_transit = 40, .n_timed = 25, .n_on_time = 23 };
  by_kind[VIGIE_FEED_KIND_BIKES] = (VigieFigures) { .n_stations = 40, .station_vehicles = 310, .n_free_vehicles = 8 };
  by_kind[VIGIE_FEED_KIND_CAR_SHARE] = (VigieFigures) { .n_stations = 1, .station_vehicles = 1 };
  by_kind[VIGIE_FEED_KIND_PARKING] = (VigieFigures) { .n_car_parks = 9, .car_park_spots = 1000, .car_park_occupied = 781,
                                                      .n_zones = 2, .zone_spots = 50, .zone_occupied = 32 };
  by_kind[VIGIE_FEED_KIND_WIFI] = (VigieFigures) { .n_hotspots = 1, .wifi_clients = 1 };
}

/* Today's points for the charts: one per 5 minutes of the local day, the
 * last value seen in each, a new day empty. */
static void
test_figures_today (void)
{
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(VigieDaySeries) today = vigie_day_series_new (paris);
  VigieFigures by_kind[VIGIE_N_FEED_KINDS];
  /* 2026-12-07 00:00 in Paris is 2026-12-06 23:00 UTC. */
  gint64 midnight = 1796598000;
  const double *values;
  guint n;
  double top, step;

  g_assert_nonnull (paris);
  fill_city (by_kind);
  vigie_day_series_add (today, midnight + 8 * 3600 + 30 * 60, by_kind);
  g_assert_cmpint (vigie_day_series_get_day_start (today), ==, midnight);

  by_kind[VIGIE_FEED_KIND_BIKES].station_vehicles = 300;
  vigie_day_series_add (today, midnight + 8 * 3600 + 34 * 60, by_kind);   /* same 5 minutes */
  by_kind[VIGIE_FEED_KIND_WIFI] = (VigieFigures) { 0, };                  /* no Wi-Fi any more */
  vigie_day_series_add (today, midnight + 9 * 3600, by_kind);

  values = vigie_day_series_get_values (today, VIGIE_MEASURE_BIKES, &n);
  g_assert_cmpuint (n, ==, 288);
  g_assert_cmpfloat (values[102], ==, 308);           /* 8:30, the last value */
  g_assert_cmpfloat (values[108], ==, 308);           /* 9:00 */
  g_assert_true (isnan (values[101]) && isnan (values[103]));
  g_assert_cmpuint (vigie_day_series_count (today, VIGIE_MEASURE_BIKES), ==, 2);
  values = vigie_day_series_get_values (today, VIGIE_MEASURE_TRAMS_ON_TIME, &n);
  g_assert_cmpfloat_with_epsilon (values[102], 92.0, 1e-9);
  values = vigie_day_series_get_values (today, VIGIE_MEASURE_PARKING, &n);
  g_assert_cmpfloat_with_epsilon (values[108], 78.1, 1e-9);
  g_assert_cmpuint (vigie_day_series_count (today, VIGIE_MEASURE_WIFI), ==, 1);

  /* Late data of yesterday is left out; tomorrow starts empty. */
  vigie_day_series_add (today, midnight - 60, by_kind);
  g_assert_cmpuint (vigie_day_series_count (today, VIGIE_MEASURE_BIKES), ==, 2);
  vigie_day_series_add (today, midnight + 86400 + 60, by_kind);
  g_assert_cmpint (vigie_day_series_get_day_start (today), ==, midnight + 86400);
  g_assert_cmpuint (vigie_day_series_count (today, VIGIE_MEASURE_BIKES), ==, 1);
  values = vigie_day_series_get_values (today, VIGIE_MEASURE_BIKES, &n);
  g_assert_cmpfloat (values[0], ==, 308);

  /* Axes: round tops, 2 to 5 ticks. */
  vigie_chart_scale (92, &top, &step);
  g_assert_cmpfloat (top, ==, 100);
  g_assert_cmpfloat (step, ==, 20);
  vigie_chart_scale (318, &top, &step);
  g_assert_cmpfloat (top, ==, 400);
  g_assert_cmpfloat (step, ==, 100);
  vigie_chart_scale (3, &top, &step);
  g_assert_cmpfloat (top, ==, 3);
  g_assert_cmpfloat (step, ==, 1);
  vigie_chart_scale (0, &top, &step);
  g_assert_cmpfloat (top, ==, 1);
}

static void
test_figures_french (void)
{
  const char *brands[VIGIE_N_FEED_KINDS] = { [VIGIE_FEED_KIND_BIKES] = "VéloCité" };
  VigieFigures by_kind[VIGIE_N_FEED_KINDS];
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *data_time = NULL;

  use_language ("fr");
  /* The catalogue is the one of this build: a missing one is a failure. */
  g_assert_cmpstr (_("%s of trams on time"), ==, "%s des trams à l’heure");

  fill_city (by_kind);
  text = describe (by_kind, brands);
  g_test_message ("%s", text);
  g_assert_cmpstr (text, ==,
                   "trams||92\u202f%| des trams à l’heure\n"
                   "bikes||318| VéloCité disponibles dans 40 stations\n"
                   "car-share||1| voiture partagée disponible dans 1 station\n"
                   "car-parks|Parkings\u202f: |78\u202f%| occupés\n"
                   "zones|Stationnement sur voirie\u202f: |64\u202f%| occupé\n"
                   "wifi||1| appareil connecté au Wi-Fi public sur 1 lieu\n");

  /* Other plural forms: one bike, many devices and places; no delays
   * known: the trams running. */
  by_kind[VIGIE_FEED_KIND_TRAMS].n_timed = 0;
  by_kind[VIGIE_FEED_KIND_BIKES] = (VigieFigures) { .n_stations = 1, .station_vehicles = 1 };
  by_kind[VIGIE_FEED_KIND_WIFI] = (VigieFigures) { .n_hotspots = 23, .wifi_clients = 412 };
  g_clear_pointer (&text, g_free);
  text = describe (by_kind, NULL);
  g_assert_nonnull (strstr (text, "trams||40| trams en service\n"));
  g_assert_nonnull (strstr (text, "bikes||1| vélo disponible dans 1 station\n"));
  g_assert_nonnull (strstr (text, "wifi||412| appareils connectés au Wi-Fi public sur 23 lieux\n"));

  by_kind[VIGIE_FEED_KIND_TRAMS].n_transit = 1;
  by_kind[VIGIE_FEED_KIND_CAR_SHARE] = (VigieFigures) { .n_free_vehicles = 12 };
  g_clear_pointer (&text, g_free);
  text = describe (by_kind, NULL);
  g_assert_nonnull (strstr (text, "trams||1| tram en service\n"));
  g_assert_nonnull (strstr (text, "car-share||12| voitures partagées disponibles\n"));

  time = g_date_time_new_utc (2026, 12, 7, 9, 5, 0);
  clock = vigie_figures_format_time (time);
  g_assert_cmpstr (clock, ==, "9 h 05");
  data_time = vigie_figures_format_data_time (time);
  g_assert_cmpstr (data_time, ==, "données de 9 h 05");

  /* The charts' axes and titles. */
  {
    g_autofree char *hour = vigie_chart_format_hour (6);
    g_autofree char *percent = vigie_chart_format_value (VIGIE_MEASURE_PARKING, 50);

    g_assert_cmpstr (hour, ==, "6 h");
    g_assert_cmpstr (percent, ==, "50\u202f%");
    g_assert_cmpstr (vigie_measure_get_title (VIGIE_MEASURE_TRAMS_ON_TIME), ==, "Trams à l’heure (%)");
    /* Beside the strip's whole parking and the centre's tile, the chart
     * says it counts the car parks alone. */
    g_assert_cmpstr (vigie_measure_get_title (VIGIE_MEASURE_PARKING), ==, "Parkings en ouvrage (%)");
  }
}

static void
test_figures_english (void)
{
  VigieFigures by_kind[VIGIE_N_FEED_KINDS];
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *data_time = NULL;

  use_language ("en");
  fill_city (by_kind);
  text = describe (by_kind, NULL);
  g_assert_cmpstr (text, ==,
                   "trams||92%| of trams on time\n"
                   "bikes||318| bikes available at 40 stations\n"
                   "car-share||1| shared car available at 1 station\n"
                   "car-parks|Car parks: |78%| occupied\n"
                   "zones|Street parking: |64%| occupied\n"
                   "wifi||1| device on the public Wi-Fi at 1 place\n");

  time = g_date_time_new_utc (2026, 12, 7, 10, 32, 0);
  data_time = vigie_figures_format_data_time (time);
  g_assert_cmpstr (data_time, ==, "data from 10:32");

  {
    g_autofree char *hour = vigie_chart_format_hour (18);

    g_assert_cmpstr (hour, ==, "18:00");
  }
}

static void
test_figures_nothing (void)
{
  VigieFigures by_kind[VIGIE_N_FEED_KINDS] = { { 0, } };
  g_autoptr(GPtrArray) sentences = vigie_figures_describe (by_kind, NULL);

  /* Nothing counted, nothing said: no "0 % of trams on time". */
  g_assert_cmpuint (sentences->len, ==, 0);
}

static void
test_figures_brand (void)
{
  g_autofree char *simulated = vigie_figures_brand_from_name ("VéloCité (simulé)");
  g_autofree char *plain = vigie_figures_brand_from_name ("Citiz Grand Est");

  g_assert_cmpstr (simulated, ==, "VéloCité");
  g_assert_cmpstr (plain, ==, "Citiz Grand Est");
}

static void
test_figures_text_sizes (void)
{
  double figure, label;

  /* From 4 m at 1080 lines: figures of 48 px and words of 24 px at least. */
  vigie_figures_text_sizes (1080, &figure, &label);
  g_assert_cmpfloat (figure, >=, 48);
  g_assert_cmpfloat (label, >=, 24);

  /* A 1366 × 768 projector: the same share of the picture. */
  vigie_figures_text_sizes (768, &figure, &label);
  g_assert_cmpfloat (figure, >=, 48 * 768 / 1080.0);
  g_assert_cmpfloat (label, >=, 24 * 768 / 1080.0);
  g_assert_cmpfloat (figure, <, 64);
}

int
main (int   argc,
      char *argv[])
{
  vigie_test_bind_catalogue ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/figures/count", test_figures_count);
  g_test_add_func ("/figures/french", test_figures_french);
  g_test_add_func ("/figures/english", test_figures_english);
  g_test_add_func ("/figures/nothing", test_figures_nothing);
  g_test_add_func ("/figures/today", test_figures_today);
  g_test_add_func ("/figures/brand", test_figures_brand);
  g_test_add_func ("/figures/text-sizes", test_figures_text_sizes);

  return g_test_run ();
}
