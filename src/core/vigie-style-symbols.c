/* vigie-style-symbols.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-style"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "vigie-style-private.h"

/* Entity → symbol, one pure function per kind of thing, from the state
 * vigie-style-classify.c finds. The layer, the legend and the tests all
 * go through here, so what the legend says is what the map draws.
 * Every state differs from its neighbours by shape, marking, arc or
 * number, never by colour alone; the colours are Okabe–Ito's. */

/*
 * Stations
 */

static void
format_count (char   *label,
              gsize   size,
              gint64  count)
{
  if (count < 1000)
    g_snprintf (label, size, "%" G_GINT64_FORMAT, count);
  else if (count < 10000)
    /* Translators: a count of thousands on a map symbol, as short as possible: "2k" for 2,000 and more. */
    g_snprintf (label, size, _("%dk"), (int) (count / 1000));
  else
    g_snprintf (label, size, "%s", "9k+");
}

void
vigie_style_apply_station_state (VigieStationState           state,
                                 const VigieStyleThresholds *thresholds,
                                 VigieSymbol                *symbol)
{
  symbol->shape = VIGIE_SYMBOL_SHAPE_GAUGE;
  symbol->stroke = VIGIE_STYLE_WHITE;
  symbol->size = VIGIE_STYLE_STATION_SIZE * thresholds->scale;

  switch (state)
    {
    case VIGIE_STATION_UNKNOWN:
      symbol->shape = VIGIE_SYMBOL_SHAPE_CIRCLE;
      symbol->fill = VIGIE_STYLE_GREY;
      symbol->dashed = TRUE;
      symbol->size = VIGIE_STYLE_STATION_SIZE * 0.8 * thresholds->scale;
      vigie_symbol_set_label (symbol, "?");
      break;

    case VIGIE_STATION_NOT_INSTALLED:
      symbol->shape = VIGIE_SYMBOL_SHAPE_SQUARE;
      symbol->fill = VIGIE_STYLE_GREY;
      symbol->hatched = TRUE;
      symbol->mark = VIGIE_SYMBOL_MARK_CROSS;
      symbol->size = VIGIE_STYLE_STATION_SIZE * 0.7 * thresholds->scale;
      break;

    case VIGIE_STATION_NOT_RENTING:
      symbol->fill = VIGIE_STYLE_GREY;
      symbol->hatched = TRUE;
      symbol->mark = VIGIE_SYMBOL_MARK_CROSS;
      break;

    case VIGIE_STATION_NOT_RETURNING:
      symbol->fill = VIGIE_STYLE_GREY;
      symbol->mark = VIGIE_SYMBOL_MARK_BAR;
      break;

    case VIGIE_STATION_EMPTY:
      symbol->fill = VIGIE_STYLE_VERMILLION;
      symbol->mark = VIGIE_SYMBOL_MARK_LOW;
      break;

    case VIGIE_STATION_NEARLY_EMPTY:
      symbol->fill = VIGIE_STYLE_ORANGE;
      symbol->mark = VIGIE_SYMBOL_MARK_LOW;
      break;

    case VIGIE_STATION_NORMAL:
      symbol->fill = VIGIE_STYLE_BLUISH_GREEN;
      break;

    case VIGIE_STATION_NEARLY_FULL:
      symbol->fill = VIGIE_STYLE_SKY_BLUE;
      symbol->mark = VIGIE_SYMBOL_MARK_HIGH;
      break;

    case VIGIE_STATION_FULL:
      symbol->fill = VIGIE_STYLE_BLUE;
      symbol->mark = VIGIE_SYMBOL_MARK_HIGH;
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * vigie_style_station:
 * @entity: a station (GBFS keys: vehicles_available, docks_available,
 *   capacity, is_installed, is_renting, is_returning, is_virtual, has_status)
 * @thresholds: (nullable): the thresholds, or %NULL for the defaults
 * @symbol: (out caller-allocates): the symbol
 *
 * A ring gauge filled by vehicles over capacity with the number of
 * vehicles inside; the state adds its colour and a marking.
 */
void
vigie_style_station (VigieEntity                *entity,
                     const VigieStyleThresholds *thresholds,
                     VigieSymbol                *symbol)
{
  VigieStyleThresholds fallback;
  VigieStationState state;
  VigieStationCounts counts;

  g_return_if_fail (VIGIE_IS_ENTITY (entity));
  g_return_if_fail (symbol != NULL);

  thresholds = vigie_style_ensure_thresholds (thresholds, &fallback);
  state = vigie_style_classify_station (entity, thresholds);
  vigie_style_read_station (entity, &counts);

  vigie_symbol_init (symbol);
  vigie_style_apply_station_state (state, thresholds, symbol);

  if (symbol->shape == VIGIE_SYMBOL_SHAPE_GAUGE && counts.known_vehicles)
    {
      char label[VIGIE_SYMBOL_LABEL_MAX];

      format_count (label, sizeof label, counts.vehicles);
      vigie_symbol_set_label (symbol, label);

      if (counts.known_capacity)
        {
          /* Twentieths: finer steps would not show and would make
           * textures no one can tell apart. */
          symbol->fraction = CLAMP ((double) counts.vehicles / counts.capacity, 0.0, 1.0);
          symbol->fraction = round (symbol->fraction * 20.0) / 20.0;
          /* A station with one bike is not empty: keep a sliver. */
          if (counts.vehicles > 0 && symbol->fraction == 0.0)
            symbol->fraction = 0.05;
          if (state == VIGIE_STATION_FULL)
            symbol->fraction = 1.0;
        }
    }
}

/*
 * Vehicles
 */

static double
quantize_bearing (double bearing)
{
  bearing = fmod (bearing, 360.0);
  if (bearing < 0)
    bearing += 360.0;

  return fmod (round (bearing / VIGIE_STYLE_BEARING_STEP) * VIGIE_STYLE_BEARING_STEP, 360.0);
}

/**
 * vigie_style_vehicle:
 * @entity: a bike or car (keys: bearing, is_reserved, is_disabled,
 *   propulsion)
 * @thresholds: (nullable): the thresholds, or %NULL for the defaults
 * @symbol: (out caller-allocates): the symbol
 *
 * A dot, or an arrow when the feed gives a bearing; reserved vehicles have
 * a dashed outline and disabled ones a cross.
 */
void
vigie_style_vehicle (VigieEntity                *entity,
                     const VigieStyleThresholds *thresholds,
                     VigieSymbol                *symbol)
{
  VigieStyleThresholds fallback;
  const char *propulsion;
  double bearing;

  g_return_if_fail (VIGIE_IS_ENTITY (entity));
  g_return_if_fail (symbol != NULL);

  thresholds = vigie_style_ensure_thresholds (thresholds, &fallback);
  vigie_symbol_init (symbol);

  symbol->size = VIGIE_STYLE_VEHICLE_SIZE * thresholds->scale;
  symbol->fill = VIGIE_STYLE_BLUE;
  symbol->stroke = VIGIE_STYLE_WHITE;

  propulsion = vigie_entity_lookup_string (entity, "propulsion");
  if (propulsion != NULL && g_str_has_prefix (propulsion, "electric"))
    {
      /* A diamond, not only another colour. */
      symbol->shape = VIGIE_SYMBOL_SHAPE_DIAMOND;
      symbol->fill = VIGIE_STYLE_BLUISH_GREEN;
    }

  if (vigie_entity_lookup_double (entity, "bearing", &bearing) && isfinite (bearing))
    {
      symbol->shape = VIGIE_SYMBOL_SHAPE_ARROW;
      symbol->bearing = quantize_bearing (bearing);
      symbol->size = VIGIE_STYLE_VEHICLE_SIZE * 1.4 * thresholds->scale;
    }

  if (vigie_style_lookup_flag (entity, "is_disabled", FALSE))
    {
      symbol->fill = VIGIE_STYLE_GREY;
      symbol->mark = VIGIE_SYMBOL_MARK_CROSS;
    }
  else if (vigie_style_lookup_flag (entity, "is_reserved", FALSE))
    {
      symbol->dashed = TRUE;
      symbol->fill = VIGIE_STYLE_SKY_BLUE;
    }
}

/*
 * Trams
 */

static gboolean
parse_hex_color (const char *text,
                 guint32    *rgba)
{
  guint64 value;
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  if (text[0] == '#')
    text++;
  if (strlen (text) != 6)
    return FALSE;

  value = g_ascii_strtoull (text, &end, 16);
  if (end == NULL || *end != '\0')
    return FALSE;

  *rgba = ((guint32) value << 8) | 0xff;
  return TRUE;
}

/* A timetable position is drawn hollow: the line's colour only as a
 * vigie_style_tint, over white. */
guint32
vigie_style_tint (guint32 rgba,
                  double  amount)
{
  guint32 result = 0xff;

  for (guint shift = 8; shift <= 24; shift += 8)
    {
      double channel = ((rgba >> shift) & 0xff) * amount + 255.0 * (1.0 - amount);

      result |= (guint32) CLAMP (lround (channel), 0, 255) << shift;
    }

  return result;
}

void
vigie_style_apply_tram_delay (VigieTramDelay  delay,
                              VigieSymbol    *symbol)
{
  /* The marking says it without colour; the outline says it again. */
  switch (delay)
    {
    case VIGIE_TRAM_DELAY_EARLY:
      symbol->mark = VIGIE_SYMBOL_MARK_HIGH;
      symbol->stroke = VIGIE_STYLE_SKY_BLUE;
      break;

    case VIGIE_TRAM_DELAY_LATE:
      symbol->mark = VIGIE_SYMBOL_MARK_LOW;
      symbol->stroke = VIGIE_STYLE_ORANGE;
      break;

    case VIGIE_TRAM_DELAY_VERY_LATE:
      symbol->mark = VIGIE_SYMBOL_MARK_LOW;
      symbol->hatched = TRUE;
      symbol->stroke = VIGIE_STYLE_VERMILLION;
      break;

    case VIGIE_TRAM_DELAY_ON_TIME:
    case VIGIE_TRAM_DELAY_UNKNOWN:
    default:
      break;
    }
}

/**
 * vigie_style_tram:
 * @entity: a tram (keys: route_short_name, route_color as GTFS writes
 *   it, bearing, source, ghost, delay_s, age_unknown)
 * @thresholds: (nullable): the thresholds, or %NULL for the defaults
 * @symbol: (out caller-allocates): the symbol
 *
 * An arrow in the line's colour with the line's name, a circle when the
 * bearing is unknown. A timetable position ("source" "schedule") is
 * hollow with a dashed outline, a ghost (a scheduled trip that the
 * real-time feed does not show) white with a badge as well. Running early
 * puts a marking at the top, late one at the bottom, more than
 * %VIGIE_STYLE_TRAM_VERY_LATE_S late stripes too; a position of unknown
 * age has a question mark after the line's name.
 */
void
vigie_style_tram (VigieEntity                *entity,
                  const VigieStyleThresholds *thresholds,
                  VigieSymbol                *symbol)
{
  VigieStyleThresholds fallback;
  const char *line;
  guint32 color;
  double bearing;

  g_return_if_fail (VIGIE_IS_ENTITY (entity));
  g_return_if_fail (symbol != NULL);

  thresholds = vigie_style_ensure_thresholds (thresholds, &fallback);
  vigie_symbol_init (symbol);

  symbol->shape = VIGIE_SYMBOL_SHAPE_CIRCLE;
  symbol->size = VIGIE_STYLE_TRAM_SIZE * 0.85 * thresholds->scale;
  color = parse_hex_color (vigie_entity_lookup_string (entity, "route_color"), &color)
          ? color : VIGIE_STYLE_DARK;
  symbol->fill = color;
  /* A white line colour (GTFS's default) needs a dark outline to show. */
  symbol->stroke = vigie_symbol_contrast (symbol->fill, VIGIE_STYLE_WHITE) < 2.0
                   ? VIGIE_STYLE_DARK : VIGIE_STYLE_WHITE;

  line = vigie_style_tram_line (entity);
  if (vigie_style_lookup_flag (entity, "age_unknown", FALSE))
    {
      g_autofree char *label = g_strconcat (line != NULL ? line : "", "?", NULL);

      /* A long name would lose the "?" when cut: it goes first. */
      if (strlen (label) >= VIGIE_SYMBOL_LABEL_MAX)
        vigie_symbol_set_label (symbol, "?");
      else
        vigie_symbol_set_label (symbol, label);
    }
  else
    vigie_symbol_set_label (symbol, line);

  if (vigie_entity_lookup_double (entity, "bearing", &bearing) && isfinite (bearing))
    {
      symbol->shape = VIGIE_SYMBOL_SHAPE_ARROW;
      symbol->bearing = quantize_bearing (bearing);
      symbol->size = VIGIE_STYLE_TRAM_SIZE * thresholds->scale;
    }

  /* Operators must never take a timetable position for a measured one:
   * hollow and dashed, not only paler. */
  if (g_strcmp0 (vigie_entity_lookup_string (entity, "source"), "schedule") == 0)
    {
      symbol->dashed = TRUE;
      symbol->stroke = color;
      if (vigie_style_lookup_flag (entity, "ghost", FALSE))
        {
          symbol->fill = VIGIE_STYLE_WHITE;
          symbol->mark = VIGIE_SYMBOL_MARK_BAR;
          return;
        }
      symbol->fill = vigie_style_tint (color, 0.3);
    }

  vigie_style_apply_tram_delay (vigie_style_classify_tram_delay (entity), symbol);
}

/*
 * Stops
 */

void
vigie_style_apply_stop (const VigieStyleThresholds *thresholds,
                        VigieSymbol                *symbol)
{
  vigie_symbol_init (symbol);
  symbol->fill = VIGIE_STYLE_WHITE;
  symbol->stroke = VIGIE_STYLE_DARK;
  symbol->size = VIGIE_STYLE_STOP_SIZE * thresholds->scale;
}

/* A train station is context on a city map: smaller and paler than a
 * tram stop, and square, so that it is told apart by shape as well. */
void
vigie_style_apply_train_station (const VigieStyleThresholds *thresholds,
                                 VigieSymbol                *symbol)
{
  vigie_style_apply_stop (thresholds, symbol);
  symbol->shape = VIGIE_SYMBOL_SHAPE_SQUARE;
  symbol->stroke = VIGIE_STYLE_GREY;
  symbol->size = VIGIE_STYLE_STOP_SIZE * VIGIE_STYLE_TRAIN_STATION_SCALE * thresholds->scale;
  symbol->opacity = VIGIE_STYLE_TRAIN_STATION_OPACITY;
}

void
vigie_style_stop (VigieEntity                *entity,
                  const VigieStyleThresholds *thresholds,
                  VigieSymbol                *symbol)
{
  VigieStyleThresholds fallback;

  g_return_if_fail (VIGIE_IS_ENTITY (entity));
  g_return_if_fail (symbol != NULL);

  vigie_style_apply_stop (vigie_style_ensure_thresholds (thresholds, &fallback), symbol);
}

/*
 * Hotspots and car parks
 */

void
vigie_style_apply_load_state (VigieLoadState  state,
                              VigieSymbol    *symbol)
{
  switch (state)
    {
    case VIGIE_LOAD_UNKNOWN:
      symbol->fill = VIGIE_STYLE_GREY;
      symbol->dashed = TRUE;
      vigie_symbol_set_label (symbol, "?");
      break;

    case VIGIE_LOAD_OUT_OF_SERVICE:
      symbol->fill = VIGIE_STYLE_GREY;
      symbol->hatched = TRUE;
      symbol->mark = VIGIE_SYMBOL_MARK_CROSS;
      break;

    case VIGIE_LOAD_NORMAL:
      symbol->fill = VIGIE_STYLE_BLUISH_GREEN;
      break;

    case VIGIE_LOAD_BUSY:
      symbol->fill = VIGIE_STYLE_ORANGE;
      symbol->mark = VIGIE_SYMBOL_MARK_HIGH;
      break;

    case VIGIE_LOAD_SATURATED:
      symbol->fill = VIGIE_STYLE_VERMILLION;
      symbol->mark = VIGIE_SYMBOL_MARK_HIGH;
      break;

    case VIGIE_LOAD_FULL:
      symbol->fill = VIGIE_STYLE_VERMILLION;
      symbol->mark = VIGIE_SYMBOL_MARK_HIGH;
      symbol->hatched = TRUE;
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * vigie_style_hotspot:
 * @entity: a Wi-Fi place (keys: clients, capacity, aps_up, aps_total)
 * @thresholds: (nullable): the thresholds, or %NULL for the defaults
 * @symbol: (out caller-allocates): the symbol
 *
 * A circle that grows with clients over capacity, with the number of
 * clients; busy ones have a raised marking, places with every access point
 * down a cross.
 */
void
vigie_style_hotspot (VigieEntity                *entity,
                     const VigieStyleThresholds *thresholds,
                     VigieSymbol                *symbol)
{
  VigieStyleThresholds fallback;
  VigieLoadState state;
  gint64 clients, capacity, aps_up, aps_total;

  g_return_if_fail (VIGIE_IS_ENTITY (entity));
  g_return_if_fail (symbol != NULL);

  thresholds = vigie_style_ensure_thresholds (thresholds, &fallback);
  state = vigie_style_classify_hotspot (entity, thresholds);

  vigie_symbol_init (symbol);
  symbol->shape = VIGIE_SYMBOL_SHAPE_CIRCLE;
  symbol->stroke = VIGIE_STYLE_WHITE;
  symbol->size = VIGIE_STYLE_HOTSPOT_MIN * thresholds->scale;
  vigie_style_apply_load_state (state, symbol);

  if (vigie_entity_lookup_int (entity, "clients", &clients) && state != VIGIE_LOAD_OUT_OF_SERVICE)
    {
      char label[VIGIE_SYMBOL_LABEL_MAX];

      format_count (label, sizeof label, clients);
      vigie_symbol_set_label (symbol, label);

      if (vigie_entity_lookup_int (entity, "capacity", &capacity) && capacity > 0)
        {
          double load = CLAMP ((double) clients / capacity, 0.0, 1.0);

          /* Whole pixels: a texture per pixel of size, not per client. */
          symbol->size = round ((VIGIE_STYLE_HOTSPOT_MIN + (VIGIE_STYLE_HOTSPOT_MAX - VIGIE_STYLE_HOTSPOT_MIN) * load) * thresholds->scale);
        }
    }

  /* Some access points down, not all: the outline says so. */
  if (state != VIGIE_LOAD_OUT_OF_SERVICE &&
      vigie_entity_lookup_int (entity, "aps_up", &aps_up) &&
      vigie_entity_lookup_int (entity, "aps_total", &aps_total) &&
      aps_up < aps_total)
    symbol->dashed = TRUE;
}

/**
 * vigie_style_parking:
 * @entity: a car park or a meter zone (keys: available_spots,
 *   total_spots, occupied_spots, or their NGSI-LD names availableSpotNumber,
 *   totalSpotNumber, occupiedSpotNumber; status "closed")
 * @thresholds: (nullable): the thresholds, or %NULL for the defaults
 * @symbol: (out caller-allocates): the symbol
 *
 * A square with the number of free spaces.
 */
void
vigie_style_parking (VigieEntity                *entity,
                     const VigieStyleThresholds *thresholds,
                     VigieSymbol                *symbol)
{
  VigieStyleThresholds fallback;
  VigieLoadState state;
  double used, total;

  g_return_if_fail (VIGIE_IS_ENTITY (entity));
  g_return_if_fail (symbol != NULL);

  thresholds = vigie_style_ensure_thresholds (thresholds, &fallback);
  state = vigie_style_classify_parking (entity, thresholds);

  vigie_symbol_init (symbol);
  symbol->shape = VIGIE_SYMBOL_SHAPE_SQUARE;
  symbol->stroke = VIGIE_STYLE_WHITE;
  symbol->size = VIGIE_STYLE_PARKING_SIZE * thresholds->scale;
  vigie_style_apply_load_state (state, symbol);

  if (state != VIGIE_LOAD_OUT_OF_SERVICE && state != VIGIE_LOAD_UNKNOWN &&
      vigie_style_entity_fill (entity, &used, &total))
    {
      char label[VIGIE_SYMBOL_LABEL_MAX];

      format_count (label, sizeof label, (gint64) MAX (total - used, 0));
      vigie_symbol_set_label (symbol, label);
    }
}

/*
 * Any entity
 */

/**
 * vigie_style_entity:
 * @kind: the kind of feed @entity came from
 * @entity: an entity
 * @thresholds: (nullable): the thresholds, or %NULL for the defaults
 * @symbol: (out caller-allocates): the symbol
 *
 * Picks the style function for @entity.
 */
void
vigie_style_entity (VigieFeedKind               kind,
                    VigieEntity                *entity,
                    const VigieStyleThresholds *thresholds,
                    VigieSymbol                *symbol)
{
  g_return_if_fail (VIGIE_IS_ENTITY (entity));
  g_return_if_fail (symbol != NULL);

  switch (vigie_entity_get_kind (entity))
    {
    case VIGIE_ENTITY_STATION:
      vigie_style_station (entity, thresholds, symbol);
      /* Bike docks and car-share stations share the gauge: the glyph
       * inside tells them apart without a click. */
      symbol->glyph = vigie_style_kind_glyph (kind);
      break;

    case VIGIE_ENTITY_VEHICLE:
      if (kind == VIGIE_FEED_KIND_TRAMS || kind == VIGIE_FEED_KIND_TRAINS)
        vigie_style_tram (entity, thresholds, symbol);
      else
        vigie_style_vehicle (entity, thresholds, symbol);
      break;

    case VIGIE_ENTITY_STOP:
      if (kind == VIGIE_FEED_KIND_TRAINS)
        {
          VigieStyleThresholds fallback;

          vigie_style_apply_train_station (vigie_style_ensure_thresholds (thresholds, &fallback), symbol);
        }
      else
        vigie_style_stop (entity, thresholds, symbol);
      break;

    case VIGIE_ENTITY_ZONE:
    case VIGIE_ENTITY_CAR_PARK:
      if (vigie_style_lookup_flag (entity, "geofencing", FALSE))
        {
          VigieStyleThresholds fallback;

          vigie_style_geofencing (entity, vigie_style_ensure_thresholds (thresholds, &fallback), symbol);
          break;
        }
      vigie_style_parking (entity, thresholds, symbol);
      symbol->glyph = VIGIE_SYMBOL_GLYPH_PARKING;
      break;

    case VIGIE_ENTITY_HOTSPOT:
      vigie_style_hotspot (entity, thresholds, symbol);
      symbol->glyph = VIGIE_SYMBOL_GLYPH_WIFI;
      break;

    case VIGIE_ENTITY_LINE:
    default:
      vigie_symbol_init (symbol);
      break;
    }
}

/**
 * vigie_style_kind_glyph:
 * @kind: a kind of feed
 *
 * Returns: the pictogram drawn inside the stations and groups of a layer
 *   of @kind
 */
VigieSymbolGlyph
vigie_style_kind_glyph (VigieFeedKind kind)
{
  switch (kind)
    {
    case VIGIE_FEED_KIND_TRAMS:
      return VIGIE_SYMBOL_GLYPH_TRAM;
    case VIGIE_FEED_KIND_TRAINS:
      return VIGIE_SYMBOL_GLYPH_TRAIN;
    case VIGIE_FEED_KIND_BIKES:
      return VIGIE_SYMBOL_GLYPH_BIKE;
    case VIGIE_FEED_KIND_CAR_SHARE:
      return VIGIE_SYMBOL_GLYPH_CAR;
    case VIGIE_FEED_KIND_PARKING:
      return VIGIE_SYMBOL_GLYPH_PARKING;
    case VIGIE_FEED_KIND_WIFI:
      return VIGIE_SYMBOL_GLYPH_WIFI;
    default:
      return VIGIE_SYMBOL_GLYPH_NONE;
    }
}

/**
 * vigie_style_mark_outdated:
 * @symbol: a symbol
 *
 * Makes @symbol say that its data is older than its feed's limit: faded,
 * and a clock badge, so that it does not rest on colour or contrast alone.
 */
void
vigie_style_mark_outdated (VigieSymbol *symbol)
{
  g_return_if_fail (symbol != NULL);

  symbol->opacity = MIN (symbol->opacity, VIGIE_STYLE_OUTDATED_OPACITY);
  symbol->outdated = TRUE;
}

/**
 * vigie_style_cluster:
 * @kind: the kind of feed
 * @n_entities: how many things the cluster stands for
 * @fraction: their aggregate fill (sum of used over sum of totals), or
 *   a negative number when they have none
 * @thresholds: (nullable): the thresholds, or %NULL for the defaults
 * @symbol: (out caller-allocates): the symbol
 *
 * A double ring with the count inside and the aggregate fill as its arc.
 */
void
vigie_style_cluster (VigieFeedKind               kind,
                     guint                       n_entities,
                     double                      fraction,
                     const VigieStyleThresholds *thresholds,
                     VigieSymbol                *symbol)
{
  VigieStyleThresholds fallback;
  char label[VIGIE_SYMBOL_LABEL_MAX];
  double size;

  g_return_if_fail (symbol != NULL);

  thresholds = vigie_style_ensure_thresholds (thresholds, &fallback);
  vigie_symbol_init (symbol);

  symbol->shape = VIGIE_SYMBOL_SHAPE_CLUSTER;
  symbol->fill = kind == VIGIE_FEED_KIND_TRAMS || kind == VIGIE_FEED_KIND_TRAINS
                 ? VIGIE_STYLE_DARK : VIGIE_STYLE_BLUE;
  symbol->stroke = VIGIE_STYLE_WHITE;

  /* Grows with the order of magnitude, in whole pixels. */
  size = VIGIE_STYLE_CLUSTER_MIN + 6.0 * log10 (MAX (n_entities, 1));
  symbol->size = round (MIN (size, VIGIE_STYLE_CLUSTER_MAX) * thresholds->scale);

  if (fraction >= 0.0)
    symbol->fraction = round (CLAMP (fraction, 0.0, 1.0) * 20.0) / 20.0;

  format_count (label, sizeof label, n_entities);
  vigie_symbol_set_label (symbol, label);
}

const char *
vigie_style_kind_icon_name (VigieFeedKind kind)
{
  switch (kind)
    {
    case VIGIE_FEED_KIND_TRAMS:
      return "vigie-tram-symbolic";
    case VIGIE_FEED_KIND_TRAINS:
      return "vigie-train-symbolic";
    case VIGIE_FEED_KIND_BIKES:
      return "vigie-bike-symbolic";
    case VIGIE_FEED_KIND_CAR_SHARE:
      return "vigie-car-symbolic";
    case VIGIE_FEED_KIND_PARKING:
      return "vigie-parking-symbolic";
    case VIGIE_FEED_KIND_WIFI:
      return "network-wireless-symbolic";
    default:
      return "mark-location-symbolic";
    }
}
