/* test-style.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-style.h"

/* Values as the parsers write them: "x" counts, "b" flags, "d" numbers,
 * "s" text, in a compact text form parsed with g_variant_parse. The parsed
 * variant is not floating: the entity takes a reference of its own. */
static VigieEntity *
make_entity (VigieEntityKind  kind,
             const char      *values)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) v = g_variant_parse (G_VARIANT_TYPE_VARDICT, values, NULL, NULL, &error);

  g_assert_no_error (error);
  return vigie_entity_new (kind, "e", "Entity", 47.75, 7.34, 1700000000, v);
}

static const struct {
  const char        *values;
  VigieStationState  state;
  VigieSymbolShape   shape;
  VigieSymbolMark    mark;
  const char        *label;
  double             fraction;
} station_cases[] = {
  { "{'vehicles_available': <int64 8>, 'docks_available': <int64 8>, 'capacity': <int64 16>, 'has_status': <true>}",
    VIGIE_STATION_NORMAL, VIGIE_SYMBOL_SHAPE_GAUGE, VIGIE_SYMBOL_MARK_NONE, "8", 0.5 },
  { "{'vehicles_available': <int64 0>, 'docks_available': <int64 16>, 'capacity': <int64 16>, 'has_status': <true>}",
    VIGIE_STATION_EMPTY, VIGIE_SYMBOL_SHAPE_GAUGE, VIGIE_SYMBOL_MARK_LOW, "0", 0.0 },
  { "{'vehicles_available': <int64 2>, 'docks_available': <int64 18>, 'capacity': <int64 20>, 'has_status': <true>}",
    VIGIE_STATION_NEARLY_EMPTY, VIGIE_SYMBOL_SHAPE_GAUGE, VIGIE_SYMBOL_MARK_LOW, "2", 0.1 },
  { "{'vehicles_available': <int64 1>, 'docks_available': <int64 39>, 'capacity': <int64 40>, 'has_status': <true>}",
    VIGIE_STATION_NEARLY_EMPTY, VIGIE_SYMBOL_SHAPE_GAUGE, VIGIE_SYMBOL_MARK_LOW, "1", 0.05 },
  { "{'vehicles_available': <int64 18>, 'docks_available': <int64 2>, 'capacity': <int64 20>, 'has_status': <true>}",
    VIGIE_STATION_NEARLY_FULL, VIGIE_SYMBOL_SHAPE_GAUGE, VIGIE_SYMBOL_MARK_HIGH, "18", 0.9 },
  { "{'vehicles_available': <int64 19>, 'docks_available': <int64 0>, 'capacity': <int64 20>, 'has_status': <true>}",
    VIGIE_STATION_FULL, VIGIE_SYMBOL_SHAPE_GAUGE, VIGIE_SYMBOL_MARK_HIGH, "19", 1.0 },
  /* No capacity: one is made of vehicles plus free docks. */
  { "{'vehicles_available': <int64 5>, 'docks_available': <int64 15>}",
    VIGIE_STATION_NORMAL, VIGIE_SYMBOL_SHAPE_GAUGE, VIGIE_SYMBOL_MARK_NONE, "5", 0.25 },
  /* No docks and no capacity: no arc, and never "full". */
  { "{'vehicles_available': <int64 7>}",
    VIGIE_STATION_NORMAL, VIGIE_SYMBOL_SHAPE_GAUGE, VIGIE_SYMBOL_MARK_NONE, "7", -1.0 },
  /* Virtual stations take more than their capacity. */
  { "{'vehicles_available': <int64 30>, 'docks_available': <int64 0>, 'capacity': <int64 10>, 'is_virtual': <true>}",
    VIGIE_STATION_NORMAL, VIGIE_SYMBOL_SHAPE_GAUGE, VIGIE_SYMBOL_MARK_NONE, "30", 1.0 },
  { "{'vehicles_available': <int64 5>, 'docks_available': <int64 5>, 'is_renting': <false>}",
    VIGIE_STATION_NOT_RENTING, VIGIE_SYMBOL_SHAPE_GAUGE, VIGIE_SYMBOL_MARK_CROSS, "5", 0.5 },
  { "{'vehicles_available': <int64 5>, 'docks_available': <int64 5>, 'is_returning': <false>}",
    VIGIE_STATION_NOT_RETURNING, VIGIE_SYMBOL_SHAPE_GAUGE, VIGIE_SYMBOL_MARK_BAR, "5", 0.5 },
  { "{'vehicles_available': <int64 0>, 'is_installed': <false>, 'is_renting': <false>}",
    VIGIE_STATION_NOT_INSTALLED, VIGIE_SYMBOL_SHAPE_SQUARE, VIGIE_SYMBOL_MARK_CROSS, "", -1.0 },
  { "{'capacity': <int64 10>, 'has_status': <false>}",
    VIGIE_STATION_UNKNOWN, VIGIE_SYMBOL_SHAPE_CIRCLE, VIGIE_SYMBOL_MARK_NONE, "?", -1.0 },
  { "{'vehicles_available': <int64 1234>, 'docks_available': <int64 10>}",
    VIGIE_STATION_NORMAL, VIGIE_SYMBOL_SHAPE_GAUGE, VIGIE_SYMBOL_MARK_NONE, "1k", 1.0 },
};

static void
test_station (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (station_cases); i++)
    {
      g_autoptr(VigieEntity) entity = make_entity (VIGIE_ENTITY_STATION, station_cases[i].values);
      VigieSymbol symbol;

      g_test_message ("case %u: %s", i, station_cases[i].values);
      g_assert_cmpint (vigie_style_classify_station (entity, NULL), ==, station_cases[i].state);

      vigie_style_station (entity, NULL, &symbol);
      g_assert_cmpint (symbol.shape, ==, station_cases[i].shape);
      g_assert_cmpint (symbol.mark, ==, station_cases[i].mark);
      g_assert_cmpstr (symbol.label, ==, station_cases[i].label);
      g_assert_cmpfloat_with_epsilon (symbol.fraction, station_cases[i].fraction, 1e-9);
    }
}

static void
test_station_thresholds (void)
{
  g_autoptr(VigieEntity) entity = make_entity (VIGIE_ENTITY_STATION,
                                               "{'vehicles_available': <int64 4>, 'docks_available': <int64 4>}");
  VigieStyleThresholds thresholds;

  vigie_style_thresholds_init (&thresholds);
  g_assert_cmpint (vigie_style_classify_station (entity, &thresholds), ==, VIGIE_STATION_NORMAL);

  thresholds.station_low = 4;
  g_assert_cmpint (vigie_style_classify_station (entity, &thresholds), ==, VIGIE_STATION_NEARLY_EMPTY);

  thresholds.station_low = 0;
  thresholds.station_high_docks = 5;
  g_assert_cmpint (vigie_style_classify_station (entity, &thresholds), ==, VIGIE_STATION_NEARLY_FULL);

  /* A bigger scale for a wall screen draws bigger symbols. */
  {
    VigieSymbol small, big;

    vigie_style_station (entity, NULL, &small);
    thresholds.scale = 2.0;
    vigie_style_station (entity, &thresholds, &big);
    g_assert_cmpfloat_with_epsilon (big.size, 2 * small.size, 1e-9);
  }
}

static const struct {
  VigieFeedKind     kind;
  VigieEntityKind   entity_kind;
  const char       *values;
  VigieSymbolShape  shape;
  VigieSymbolMark   mark;
  const char       *label;
  guint32           fill;
  double            bearing;
  gboolean          dashed;
  gboolean          hatched;
} symbol_cases[] = {
  { VIGIE_FEED_KIND_BIKES, VIGIE_ENTITY_VEHICLE, "@a{sv} {}",
    VIGIE_SYMBOL_SHAPE_CIRCLE, VIGIE_SYMBOL_MARK_NONE, "", VIGIE_STYLE_BLUE, -1, FALSE, FALSE },
  { VIGIE_FEED_KIND_BIKES, VIGIE_ENTITY_VEHICLE, "{'propulsion': <'electric_assist'>}",
    VIGIE_SYMBOL_SHAPE_DIAMOND, VIGIE_SYMBOL_MARK_NONE, "", VIGIE_STYLE_BLUISH_GREEN, -1, FALSE, FALSE },
  { VIGIE_FEED_KIND_CAR_SHARE, VIGIE_ENTITY_VEHICLE, "{'bearing': <93.0>}",
    VIGIE_SYMBOL_SHAPE_ARROW, VIGIE_SYMBOL_MARK_NONE, "", VIGIE_STYLE_BLUE, 90, FALSE, FALSE },
  { VIGIE_FEED_KIND_CAR_SHARE, VIGIE_ENTITY_VEHICLE, "{'bearing': <-4.0>, 'is_reserved': <true>}",
    VIGIE_SYMBOL_SHAPE_ARROW, VIGIE_SYMBOL_MARK_NONE, "", VIGIE_STYLE_SKY_BLUE, 0, TRUE, FALSE },
  { VIGIE_FEED_KIND_BIKES, VIGIE_ENTITY_VEHICLE, "{'is_disabled': <true>}",
    VIGIE_SYMBOL_SHAPE_CIRCLE, VIGIE_SYMBOL_MARK_CROSS, "", VIGIE_STYLE_GREY, -1, FALSE, FALSE },
  { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE,
    "{'route_short_name': <'2'>, 'route_color': <'E2001A'>, 'bearing': <356.0>}",
    VIGIE_SYMBOL_SHAPE_ARROW, VIGIE_SYMBOL_MARK_NONE, "2", 0xe2001aff, 0, FALSE, FALSE },
  { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE, "{'route_short_name': <'TT'>, 'route_color': <'#00A0E0'>}",
    VIGIE_SYMBOL_SHAPE_CIRCLE, VIGIE_SYMBOL_MARK_NONE, "TT", 0x00a0e0ff, -1, FALSE, FALSE },
  /* A broken colour falls back to a dark one. */
  { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE, "{'route_color': <'red'>}",
    VIGIE_SYMBOL_SHAPE_CIRCLE, VIGIE_SYMBOL_MARK_NONE, "", VIGIE_STYLE_DARK, -1, FALSE, FALSE },
  { VIGIE_FEED_KIND_WIFI, VIGIE_ENTITY_HOTSPOT, "{'clients': <int64 10>, 'capacity': <int64 100>}",
    VIGIE_SYMBOL_SHAPE_CIRCLE, VIGIE_SYMBOL_MARK_NONE, "10", VIGIE_STYLE_BLUISH_GREEN, -1, FALSE, FALSE },
  { VIGIE_FEED_KIND_WIFI, VIGIE_ENTITY_HOTSPOT, "{'clients': <int64 75>, 'capacity': <int64 100>}",
    VIGIE_SYMBOL_SHAPE_CIRCLE, VIGIE_SYMBOL_MARK_HIGH, "75", VIGIE_STYLE_ORANGE, -1, FALSE, FALSE },
  { VIGIE_FEED_KIND_WIFI, VIGIE_ENTITY_HOTSPOT, "{'clients': <int64 95>, 'capacity': <int64 100>, 'aps_up': <int64 3>, 'aps_total': <int64 4>}",
    VIGIE_SYMBOL_SHAPE_CIRCLE, VIGIE_SYMBOL_MARK_HIGH, "95", VIGIE_STYLE_VERMILLION, -1, TRUE, FALSE },
  { VIGIE_FEED_KIND_WIFI, VIGIE_ENTITY_HOTSPOT, "{'clients': <int64 120>, 'capacity': <int64 100>}",
    VIGIE_SYMBOL_SHAPE_CIRCLE, VIGIE_SYMBOL_MARK_HIGH, "120", VIGIE_STYLE_VERMILLION, -1, FALSE, TRUE },
  { VIGIE_FEED_KIND_WIFI, VIGIE_ENTITY_HOTSPOT, "{'clients': <int64 0>, 'capacity': <int64 100>, 'aps_up': <int64 0>, 'aps_total': <int64 4>}",
    VIGIE_SYMBOL_SHAPE_CIRCLE, VIGIE_SYMBOL_MARK_CROSS, "", VIGIE_STYLE_GREY, -1, FALSE, TRUE },
  { VIGIE_FEED_KIND_WIFI, VIGIE_ENTITY_HOTSPOT, "{'clients': <int64 4>}",
    VIGIE_SYMBOL_SHAPE_CIRCLE, VIGIE_SYMBOL_MARK_NONE, "4", VIGIE_STYLE_GREY, -1, TRUE, FALSE },
  { VIGIE_FEED_KIND_PARKING, VIGIE_ENTITY_CAR_PARK, "{'available_spots': <int64 120>, 'total_spots': <int64 400>}",
    VIGIE_SYMBOL_SHAPE_SQUARE, VIGIE_SYMBOL_MARK_NONE, "120", VIGIE_STYLE_BLUISH_GREEN, -1, FALSE, FALSE },
  { VIGIE_FEED_KIND_PARKING, VIGIE_ENTITY_CAR_PARK, "{'availableSpotNumber': <int64 20>, 'totalSpotNumber': <int64 400>}",
    VIGIE_SYMBOL_SHAPE_SQUARE, VIGIE_SYMBOL_MARK_HIGH, "20", VIGIE_STYLE_VERMILLION, -1, FALSE, FALSE },
  { VIGIE_FEED_KIND_PARKING, VIGIE_ENTITY_ZONE, "{'occupied_spots': <int64 80>, 'total_spots': <int64 100>}",
    VIGIE_SYMBOL_SHAPE_SQUARE, VIGIE_SYMBOL_MARK_HIGH, "20", VIGIE_STYLE_ORANGE, -1, FALSE, FALSE },
  { VIGIE_FEED_KIND_PARKING, VIGIE_ENTITY_CAR_PARK, "{'available_spots': <int64 0>, 'total_spots': <int64 50>}",
    VIGIE_SYMBOL_SHAPE_SQUARE, VIGIE_SYMBOL_MARK_HIGH, "0", VIGIE_STYLE_VERMILLION, -1, FALSE, TRUE },
  { VIGIE_FEED_KIND_PARKING, VIGIE_ENTITY_CAR_PARK, "{'status': <'closed'>, 'total_spots': <int64 50>}",
    VIGIE_SYMBOL_SHAPE_SQUARE, VIGIE_SYMBOL_MARK_CROSS, "", VIGIE_STYLE_GREY, -1, FALSE, TRUE },
  { VIGIE_FEED_KIND_PARKING, VIGIE_ENTITY_CAR_PARK, "{'total_spots': <int64 50>}",
    VIGIE_SYMBOL_SHAPE_SQUARE, VIGIE_SYMBOL_MARK_NONE, "?", VIGIE_STYLE_GREY, -1, TRUE, FALSE },
};

static void
test_symbols (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (symbol_cases); i++)
    {
      g_autoptr(VigieEntity) entity = make_entity (symbol_cases[i].entity_kind, symbol_cases[i].values);
      VigieSymbol symbol;

      g_test_message ("case %u: %s", i, symbol_cases[i].values);
      vigie_style_entity (symbol_cases[i].kind, entity, NULL, &symbol);
      g_assert_cmpint (symbol.shape, ==, symbol_cases[i].shape);
      g_assert_cmpint (symbol.mark, ==, symbol_cases[i].mark);
      g_assert_cmpstr (symbol.label, ==, symbol_cases[i].label);
      g_assert_cmphex (symbol.fill, ==, symbol_cases[i].fill);
      g_assert_cmpfloat_with_epsilon (symbol.bearing, symbol_cases[i].bearing, 1e-9);
      g_assert_cmpint (symbol.dashed, ==, symbol_cases[i].dashed);
      g_assert_cmpint (symbol.hatched, ==, symbol_cases[i].hatched);
      g_assert_cmpfloat (symbol.size, >, 0);
    }
}

/* What a symbol looks like without its colour. */
static char *
shape_signature (const VigieSymbol *symbol)
{
  /* Fading is not colour: an operator sees it without telling hues apart. */
  return g_strdup_printf ("%d/%d/%d/%d/%s/%.2f/%.2f", symbol->shape, symbol->mark,
                          symbol->hatched, symbol->dashed, symbol->label, symbol->fraction,
                          symbol->opacity);
}

/* Line 2's red: every case below but the ghost keeps it or a tint of it. */
#define TRAM_VALUES "'route_short_name': <'2'>, 'route_color': <'E2001A'>, 'bearing': <90.0>"
#define TRAM_RED    0xe2001affu

static const struct {
  const char       *values;
  VigieTramDelay    delay;
  VigieSymbolMark   mark;
  const char       *label;
  gboolean          dashed;
  gboolean          hatched;
  gboolean          line_fill;  /* filled with the line's colour itself */
  guint32           stroke;     /* 0: the default outline */
} tram_cases[] = {
  /* Real time, no delay known: solid, plain. */
  { "{" TRAM_VALUES ", 'source': <'realtime'>}",
    VIGIE_TRAM_DELAY_UNKNOWN, VIGIE_SYMBOL_MARK_NONE, "2", FALSE, FALSE, TRUE, 0 },
  { "{" TRAM_VALUES ", 'source': <'realtime'>, 'delay_s': <int64 0>}",
    VIGIE_TRAM_DELAY_ON_TIME, VIGIE_SYMBOL_MARK_NONE, "2", FALSE, FALSE, TRUE, 0 },
  { "{" TRAM_VALUES ", 'source': <'realtime'>, 'delay_s': <int64 59>}",
    VIGIE_TRAM_DELAY_ON_TIME, VIGIE_SYMBOL_MARK_NONE, "2", FALSE, FALSE, TRUE, 0 },
  { "{" TRAM_VALUES ", 'source': <'realtime'>, 'delay_s': <int64 -59>}",
    VIGIE_TRAM_DELAY_ON_TIME, VIGIE_SYMBOL_MARK_NONE, "2", FALSE, FALSE, TRUE, 0 },
  { "{" TRAM_VALUES ", 'source': <'realtime'>, 'delay_s': <int64 60>}",
    VIGIE_TRAM_DELAY_LATE, VIGIE_SYMBOL_MARK_LOW, "2", FALSE, FALSE, TRUE, VIGIE_STYLE_ORANGE },
  { "{" TRAM_VALUES ", 'source': <'realtime'>, 'delay_s': <int64 180>}",
    VIGIE_TRAM_DELAY_LATE, VIGIE_SYMBOL_MARK_LOW, "2", FALSE, FALSE, TRUE, VIGIE_STYLE_ORANGE },
  /* SIRI-Lite writes its delay as an "i". */
  { "{" TRAM_VALUES ", 'source': <'realtime'>, 'delay_s': <181>}",
    VIGIE_TRAM_DELAY_VERY_LATE, VIGIE_SYMBOL_MARK_LOW, "2", FALSE, TRUE, TRUE, VIGIE_STYLE_VERMILLION },
  { "{" TRAM_VALUES ", 'source': <'realtime'>, 'delay_s': <int64 -60>}",
    VIGIE_TRAM_DELAY_EARLY, VIGIE_SYMBOL_MARK_HIGH, "2", FALSE, FALSE, TRUE, VIGIE_STYLE_SKY_BLUE },
  { "{" TRAM_VALUES ", 'source': <'realtime'>, 'age_unknown': <true>}",
    VIGIE_TRAM_DELAY_UNKNOWN, VIGIE_SYMBOL_MARK_NONE, "2?", FALSE, FALSE, TRUE, 0 },
  { "{" TRAM_VALUES ", 'age_unknown': <false>}",
    VIGIE_TRAM_DELAY_UNKNOWN, VIGIE_SYMBOL_MARK_NONE, "2", FALSE, FALSE, TRUE, 0 },
  { "{'age_unknown': <true>}",
    VIGIE_TRAM_DELAY_UNKNOWN, VIGIE_SYMBOL_MARK_NONE, "?", FALSE, FALSE, FALSE, 0 },
  /* A timetable position: hollow and dashed. */
  { "{" TRAM_VALUES ", 'source': <'schedule'>}",
    VIGIE_TRAM_DELAY_UNKNOWN, VIGIE_SYMBOL_MARK_NONE, "2", TRUE, FALSE, FALSE, TRAM_RED },
  /* A ghost: white, dashed, with a badge, and no delay of its own. */
  { "{" TRAM_VALUES ", 'source': <'schedule'>, 'ghost': <true>}",
    VIGIE_TRAM_DELAY_UNKNOWN, VIGIE_SYMBOL_MARK_BAR, "2", TRUE, FALSE, FALSE, TRAM_RED },
  { "{" TRAM_VALUES ", 'source': <'schedule'>, 'ghost': <true>, 'delay_s': <int64 400>}",
    VIGIE_TRAM_DELAY_UNKNOWN, VIGIE_SYMBOL_MARK_BAR, "2", TRUE, FALSE, FALSE, TRAM_RED },
};

static void
test_tram (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (tram_cases); i++)
    {
      g_autoptr(VigieEntity) entity = make_entity (VIGIE_ENTITY_VEHICLE, tram_cases[i].values);
      VigieSymbol symbol;

      g_test_message ("case %u: %s", i, tram_cases[i].values);
      g_assert_cmpint (vigie_style_classify_tram_delay (entity), ==, tram_cases[i].delay);

      vigie_style_tram (entity, NULL, &symbol);
      g_assert_cmpint (symbol.mark, ==, tram_cases[i].mark);
      g_assert_cmpstr (symbol.label, ==, tram_cases[i].label);
      g_assert_cmpint (symbol.dashed, ==, tram_cases[i].dashed);
      g_assert_cmpint (symbol.hatched, ==, tram_cases[i].hatched);
      g_assert_cmpint (symbol.fill == TRAM_RED, ==, tram_cases[i].line_fill);
      if (tram_cases[i].stroke != 0)
        g_assert_cmphex (symbol.stroke, ==, tram_cases[i].stroke);
      g_assert_cmpfloat (symbol.opacity, ==, 1.0);
    }
}

static void
test_tram_schedule_distinct (void)
{
  g_autoptr(VigieEntity) realtime = make_entity (VIGIE_ENTITY_VEHICLE, "{" TRAM_VALUES ", 'source': <'realtime'>}");
  g_autoptr(VigieEntity) schedule = make_entity (VIGIE_ENTITY_VEHICLE, "{" TRAM_VALUES ", 'source': <'schedule'>}");
  g_autoptr(VigieEntity) ghost = make_entity (VIGIE_ENTITY_VEHICLE, "{" TRAM_VALUES ", 'source': <'schedule'>, 'ghost': <true>}");
  VigieSymbol a, b, c;
  g_autofree char *sa = NULL, *sb = NULL, *sc = NULL;

  vigie_style_tram (realtime, NULL, &a);
  vigie_style_tram (schedule, NULL, &b);
  vigie_style_tram (ghost, NULL, &c);

  /* Not by colour alone: the three differ without their colours. */
  sa = shape_signature (&a);
  sb = shape_signature (&b);
  sc = shape_signature (&c);
  g_assert_cmpstr (sa, !=, sb);
  g_assert_cmpstr (sb, !=, sc);
  g_assert_cmpstr (sa, !=, sc);

  /* Hollow: far lighter than the line's colour, and the name reads on it. */
  g_assert_cmpfloat (vigie_symbol_luminance (b.fill), >, vigie_symbol_luminance (a.fill) + 0.3);
  g_assert_cmphex (c.fill, ==, VIGIE_STYLE_WHITE);
  g_assert_cmpfloat (vigie_symbol_contrast (b.fill, vigie_symbol_text_color (b.fill)), >=, 4.5);
}

/* A second network's stations stay in the background of the city's map:
 * smaller and fainter than a tram stop, and another shape; its trains are
 * drawn as trams are, its layer has its own glyph and icon. */
static void
test_train_low_emphasis (void)
{
  g_autoptr(VigieEntity) stop = make_entity (VIGIE_ENTITY_STOP, "{}");
  g_autoptr(VigieEntity) train = make_entity (VIGIE_ENTITY_VEHICLE, "{'route_short_name': <'TER'>, 'bearing': <90.0>, 'delay_s': <int64 400>}");
  g_autoptr(GPtrArray) items = vigie_style_legend (VIGIE_FEED_KIND_TRAINS, NULL);
  VigieSymbol tram_stop, station, as_train, as_tram;
  gboolean has_station = FALSE;

  vigie_style_entity (VIGIE_FEED_KIND_TRAMS, stop, NULL, &tram_stop);
  vigie_style_entity (VIGIE_FEED_KIND_TRAINS, stop, NULL, &station);
  g_assert_cmpfloat (station.size, <, tram_stop.size);
  g_assert_cmpfloat (station.opacity, <, tram_stop.opacity);
  g_assert_cmpint (station.shape, !=, tram_stop.shape);

  vigie_style_entity (VIGIE_FEED_KIND_TRAINS, train, NULL, &as_train);
  vigie_style_entity (VIGIE_FEED_KIND_TRAMS, train, NULL, &as_tram);
  g_assert_true (vigie_symbol_equal (&as_train, &as_tram));

  g_assert_cmpint (vigie_style_kind_glyph (VIGIE_FEED_KIND_TRAINS), ==, VIGIE_SYMBOL_GLYPH_TRAIN);
  g_assert_cmpstr (vigie_style_kind_icon_name (VIGIE_FEED_KIND_TRAINS), ==, "vigie-train-symbolic");

  /* The legend shows the station as the map draws it. */
  for (guint i = 0; i < items->len; i++)
    {
      VigieLegendItem *item = g_ptr_array_index (items, i);

      if (g_str_equal (item->title, "Train station"))
        {
          has_station = TRUE;
          g_assert_true (vigie_symbol_equal (&item->symbol, &station));
        }
    }
  g_assert_true (has_station);
}

static void
test_tram_legend (void)
{
  static const char * const titles[] = {
    "Tram, real-time position", "Timetable position", "Scheduled, no real-time position (missing?)",
    "Late by 1 to 3 min", "Late by more than 3 min", "Early by 1 min or more",
    "Age of the position unknown", "Not updated recently",
  };
  g_autoptr(GPtrArray) items = vigie_style_legend (VIGIE_FEED_KIND_TRAMS, NULL);

  for (guint t = 0; t < G_N_ELEMENTS (titles); t++)
    {
      VigieLegendItem *found = NULL;

      for (guint i = 0; i < items->len && found == NULL; i++)
        {
          VigieLegendItem *item = g_ptr_array_index (items, i);

          if (g_str_equal (item->title, titles[t]))
            found = item;
        }
      g_assert_nonnull (found);
      g_assert_cmpuint (strlen (found->description), >, 10);

      /* What the legend shows is what the map draws. */
      if (t == 2)
        {
          g_autoptr(VigieEntity) ghost = make_entity (VIGIE_ENTITY_VEHICLE, "{'route_short_name': <'1'>, 'bearing': <90.0>, 'source': <'schedule'>, 'ghost': <true>}");
          VigieSymbol symbol;

          vigie_style_tram (ghost, NULL, &symbol);
          g_assert_cmpint (symbol.mark, ==, found->symbol.mark);
          g_assert_cmpint (symbol.dashed, ==, found->symbol.dashed);
          g_assert_cmphex (symbol.fill, ==, found->symbol.fill);
        }
      if (t == 7)
        {
          g_assert_cmpfloat (found->symbol.opacity, <, 1.0);
          g_assert_nonnull (strstr (found->description, "90 s"));
          g_assert_nonnull (strstr (found->description, "3 min"));
        }
    }
}

static void
test_hotspot_size_grows (void)
{
  double previous = 0;

  for (gint64 clients = 0; clients <= 100; clients += 10)
    {
      g_autofree char *values = g_strdup_printf ("{'clients': <int64 %" G_GINT64_FORMAT ">, 'capacity': <int64 100>}", clients);
      g_autoptr(VigieEntity) entity = make_entity (VIGIE_ENTITY_HOTSPOT, values);
      VigieSymbol symbol;

      vigie_style_hotspot (entity, NULL, &symbol);
      g_assert_cmpfloat (symbol.size, >, previous);
      previous = symbol.size;
    }
}

static void
test_cluster (void)
{
  VigieSymbol a, b, c;

  vigie_style_cluster (VIGIE_FEED_KIND_BIKES, 12, 0.42, NULL, &a);
  g_assert_cmpint (a.shape, ==, VIGIE_SYMBOL_SHAPE_CLUSTER);
  g_assert_cmpstr (a.label, ==, "12");
  g_assert_cmpfloat_with_epsilon (a.fraction, 0.4, 1e-9);

  vigie_style_cluster (VIGIE_FEED_KIND_BIKES, 5000, -1, NULL, &b);
  g_assert_cmpstr (b.label, ==, "5k");
  g_assert_cmpfloat (b.fraction, <, 0);
  g_assert_cmpfloat (b.size, >, a.size);

  /* Fractions are quantized so that clusters share textures. */
  vigie_style_cluster (VIGIE_FEED_KIND_BIKES, 12, 0.41, NULL, &c);
  g_assert_true (vigie_symbol_equal (&a, &c));
  g_assert_cmpuint (vigie_symbol_hash (&a), ==, vigie_symbol_hash (&c));
}

static void
test_symbol_equal (void)
{
  VigieSymbol a, b;

  vigie_symbol_init (&a);
  vigie_symbol_init (&b);
  g_assert_true (vigie_symbol_equal (&a, &b));
  g_assert_cmpuint (vigie_symbol_hash (&a), ==, vigie_symbol_hash (&b));

  vigie_symbol_set_label (&b, "1");
  g_assert_false (vigie_symbol_equal (&a, &b));
  vigie_symbol_set_label (&a, "1");
  g_assert_true (vigie_symbol_equal (&a, &b));
  b.mark = VIGIE_SYMBOL_MARK_LOW;
  g_assert_false (vigie_symbol_equal (&a, &b));

  /* Labels are cut on a character boundary. */
  vigie_symbol_set_label (&a, "ééééééééé");
  g_assert_true (g_utf8_validate (a.label, -1, NULL));
  g_assert_cmpuint (strlen (a.label), <, VIGIE_SYMBOL_LABEL_MAX);
  g_assert_cmpstr (a.label, ==, "ééééé");
}

static void
test_legend_not_colour_alone (void)
{
  for (VigieFeedKind kind = 0; kind < VIGIE_N_FEED_KINDS; kind++)
    {
      g_autoptr(GPtrArray) items = vigie_style_legend (kind, NULL);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      g_assert_cmpuint (items->len, >=, 2);
      for (guint i = 0; i < items->len; i++)
        {
          VigieLegendItem *item = g_ptr_array_index (items, i);
          char *signature = shape_signature (&item->symbol);

          g_assert_nonnull (item->title);
          g_assert_nonnull (item->description);
          g_test_message ("%u %s: %s", kind, item->title, signature);
          g_assert_false (g_hash_table_contains (seen, signature));
          g_hash_table_add (seen, signature);
        }
    }
}

static void
test_legend_thresholds (void)
{
  VigieStyleThresholds thresholds;
  g_autoptr(GPtrArray) items = NULL;
  gboolean found = FALSE;

  vigie_style_thresholds_init (&thresholds);
  thresholds.station_low = 3;
  items = vigie_style_legend (VIGIE_FEED_KIND_BIKES, &thresholds);

  for (guint i = 0; i < items->len; i++)
    {
      VigieLegendItem *item = g_ptr_array_index (items, i);

      if (strstr (item->description, "3 bikes or fewer") != NULL)
        found = TRUE;
    }
  g_assert_true (found);
}

/* Machado, Oliveira and Fernandes (2009), deuteranopia at full severity,
 * on linear RGB. */
static void
simulate_deuteranopia (guint32  rgba,
                       double  *out)
{
  static const double m[3][3] = {
    {  0.367322, 0.860646, -0.227968 },
    {  0.280085, 0.672501,  0.047413 },
    { -0.011820, 0.042940,  0.968881 },
  };
  double in[3] = { VIGIE_RGBA_RED (rgba), VIGIE_RGBA_GREEN (rgba), VIGIE_RGBA_BLUE (rgba) };

  for (guint i = 0; i < 3; i++)
    in[i] = in[i] <= 0.04045 ? in[i] / 12.92 : pow ((in[i] + 0.055) / 1.055, 2.4);
  for (guint i = 0; i < 3; i++)
    out[i] = CLAMP (m[i][0] * in[0] + m[i][1] * in[1] + m[i][2] * in[2], 0.0, 1.0);
}

static void
test_palette_deuteranopia (void)
{
  /* The colours that tell states of one layer apart. */
  static const guint32 palette[] = {
    VIGIE_STYLE_VERMILLION, VIGIE_STYLE_ORANGE, VIGIE_STYLE_BLUISH_GREEN,
    VIGIE_STYLE_SKY_BLUE, VIGIE_STYLE_BLUE, VIGIE_STYLE_GREY,
  };

  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (palette); j++)
      {
        double a[3], b[3], distance;

        simulate_deuteranopia (palette[i], a);
        simulate_deuteranopia (palette[j], b);
        distance = sqrt ((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
        g_test_message ("%08x %08x: %.3f", palette[i], palette[j], distance);
        g_assert_cmpfloat (distance, >, 0.05);
      }

  /* Numbers on every fill stay readable. */
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    g_assert_cmpfloat (vigie_symbol_contrast (palette[i], vigie_symbol_text_color (palette[i])), >=, 4.5);
}

static void
test_describe (void)
{
  static const struct {
    VigieFeedKind    kind;
    VigieEntityKind  entity_kind;
    const char      *values;
    const char      *expected[4];
  } cases[] = {
    { VIGIE_FEED_KIND_BIKES, VIGIE_ENTITY_STATION,
      "{'vehicles_available': <int64 1>, 'docks_available': <int64 9>, 'capacity': <int64 10>, 'address': <'<b>Rue</b>'>}",
      { "Nearly empty", "1 bike available out of 10 docks", "9 free docks", "<b>Rue</b>" } },
    { VIGIE_FEED_KIND_CAR_SHARE, VIGIE_ENTITY_STATION,
      "{'vehicles_available': <int64 2>}",
      { "Nearly empty", "2 cars available", NULL } },
    { VIGIE_FEED_KIND_WIFI, VIGIE_ENTITY_HOTSPOT,
      "{'clients': <int64 1>, 'capacity': <int64 50>, 'aps_up': <int64 1>, 'aps_total': <int64 2>}",
      { "Normal", "1 client for a capacity of 50", "1 of 2 access points working", NULL } },
    { VIGIE_FEED_KIND_PARKING, VIGIE_ENTITY_CAR_PARK,
      "{'available_spots': <int64 1>, 'total_spots': <int64 10>}",
      { "Saturated", "1 free space out of 10", NULL } },
    { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE,
      "{'route_short_name': <'3'>, 'delay_s': <200>}",
      { "Line 3", "3 min late", NULL } },
    /* The same keys as the GTFS format writes; a timetable position says so. */
    { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE,
      "{'route_short_name': <'2'>, 'headsign': <'Nouveau Bassin'>, 'source': <'schedule'>, 'delay_s': <int64 -70>}",
      { "Line 2", "Towards Nouveau Bassin", "Timetable position, not measured", "1 min early" } },
    /* A SIRI feed on its own names them its way. */
    { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE,
      "{'line_name': <'T1'>, 'destination': <'Gare Centrale'>, 'source': <'realtime'>}",
      { "Line T1", "Towards Gare Centrale", "Real-time position", NULL } },
    { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE,
      "{'source': <'realtime'>, 'age_unknown': <true>}",
      { "Real-time position", "Age of the position unknown", NULL } },
    /* SIRI StopMonitoring: the next departures at a stop, in local time
     * (TZ=UTC here), with their delay or cancellation. */
    { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_STOP,
      "{'departures': <[{'line_name': <'T1'>, 'destination': <'Gare'>, 'time': <int64 1767597300>, 'delay_s': <180>},"
      " {'line_ref': <'SOLEA:Line::T2:'>, 'time': <int64 1767597840>, 'status': <'cancelled'>},"
      " {'destination': <'Porte de Versailles'>, 'time': <int64 1767597400>, 'delay_s': <-20>}]>}",
      { "Line T1 towards Gare at 07:15, 3 min late", "Line SOLEA:Line::T2: at 07:24: cancelled",
        "Towards Porte de Versailles at 07:16, on time", NULL } },
    { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_STOP,
      "{'departures': <@aa{sv} []>}",
      { "No departure announced", NULL } },
    /* A ghost says it in words, and has no delay to give. */
    { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE,
      "{'route_short_name': <'1'>, 'source': <'schedule'>, 'ghost': <true>}",
      { "Line 1", "Scheduled, but no real-time position: the tram may be missing", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VigieEntity) entity = make_entity (cases[i].entity_kind, cases[i].values);
      g_auto(GStrv) lines = vigie_style_describe (cases[i].kind, entity, NULL);
      guint n = 0;

      while (n < G_N_ELEMENTS (cases[i].expected) && cases[i].expected[n] != NULL)
        n++;
      g_assert_cmpuint (g_strv_length (lines), ==, n);
      for (guint j = 0; j < n; j++)
        g_assert_cmpstr (lines[j], ==, cases[i].expected[j]);
    }
}

/* The layers panel names the missing trams: every ghost is counted, only
 * max_lines are named, and real-time trams are never listed. */
static void
test_list_ghosts (void)
{
  g_autoptr(GListStore) store = g_list_store_new (VIGIE_TYPE_ENTITY);
  g_autofree char *text = NULL;
  guint n = 99;

  text = vigie_style_list_ghosts (G_LIST_MODEL (store), 2, &n);
  g_assert_null (text);
  g_assert_cmpuint (n, ==, 0);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(VigieEntity) live = make_entity (VIGIE_ENTITY_VEHICLE,
                                                 "{'route_short_name': <'1'>, 'headsign': <'Live'>}");
      g_autoptr(VigieEntity) ghost = make_entity (VIGIE_ENTITY_VEHICLE,
                                                  i == 1 ? "{'ghost': <true>, 'route_short_name': <'3'>}"
                                                         : "{'ghost': <true>, 'route_short_name': <'2'>, 'headsign': <'Nouveau Bassin'>}");

      g_list_store_append (store, live);
      g_list_store_append (store, ghost);
    }

  text = vigie_style_list_ghosts (G_LIST_MODEL (store), 2, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (text, ==, "Line 2 towards Nouveau Bassin\nLine 3\nand 2 more");
  g_assert_null (strstr (text, "Live"));

  /* The same words from a snapshot, as the layers panel's tap makes them
   * in the feed's worker. */
  {
    g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();
    g_autofree char *from_snapshot = NULL;
    guint n_from_snapshot = 99;

    g_assert_null (vigie_style_list_snapshot_ghosts (snapshot, 2, &n_from_snapshot));
    g_assert_cmpuint (n_from_snapshot, ==, 0);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
      vigie_snapshot_add_entity (snapshot, g_list_model_get_item (G_LIST_MODEL (store), i));
    from_snapshot = vigie_style_list_snapshot_ghosts (snapshot, 2, &n_from_snapshot);
    g_assert_cmpuint (n_from_snapshot, ==, 4);
    g_assert_cmpstr (from_snapshot, ==, text);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/style/station", test_station);
  g_test_add_func ("/style/station/thresholds", test_station_thresholds);
  g_test_add_func ("/style/symbols", test_symbols);
  g_test_add_func ("/style/tram", test_tram);
  g_test_add_func ("/style/tram/schedule-distinct", test_tram_schedule_distinct);
  g_test_add_func ("/style/tram/legend", test_tram_legend);
  g_test_add_func ("/style/train/low-emphasis", test_train_low_emphasis);
  g_test_add_func ("/style/hotspot/size-grows", test_hotspot_size_grows);
  g_test_add_func ("/style/cluster", test_cluster);
  g_test_add_func ("/style/symbol/equal", test_symbol_equal);
  g_test_add_func ("/style/legend/not-colour-alone", test_legend_not_colour_alone);
  g_test_add_func ("/style/legend/thresholds", test_legend_thresholds);
  g_test_add_func ("/style/palette/deuteranopia", test_palette_deuteranopia);
  g_test_add_func ("/style/describe", test_describe);
  g_test_add_func ("/style/list-ghosts", test_list_ghosts);

  return g_test_run ();
}
