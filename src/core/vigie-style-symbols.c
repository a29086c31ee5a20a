/* vigie-style-symbols.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-style"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "vigie-freshness.h"
#include "vigie-group-style.h"
#include "vigie-number.h"
#include "vigie-style.h"

/* Entity → symbol, one pure function per kind of thing, and the legend
 * that explains the result in words. The layer, the legend and the tests
 * all go through here, so what the legend says is what the map draws.
 * Every state differs from its neighbours by shape, marking, arc or
 * number, never by colour alone; the colours are Okabe–Ito's. */

#define STATION_SIZE  30.0
#define VEHICLE_SIZE  14.0
#define TRAM_SIZE     30.0
#define STOP_SIZE     10.0
#define HOTSPOT_MIN   16.0
#define HOTSPOT_MAX   34.0
#define PARKING_SIZE  28.0
#define CLUSTER_MIN   32.0
#define CLUSTER_MAX   52.0

void
vigie_style_thresholds_init (VigieStyleThresholds *thresholds)
{
  g_return_if_fail (thresholds != NULL);

  thresholds->station_low = VIGIE_STYLE_DEFAULT_STATION_LOW;
  thresholds->station_high_docks = VIGIE_STYLE_DEFAULT_STATION_HIGH_DOCKS;
  thresholds->wifi_busy = VIGIE_STYLE_DEFAULT_WIFI_BUSY;
  thresholds->wifi_saturated = VIGIE_STYLE_DEFAULT_WIFI_SATURATED;
  thresholds->parking_busy = VIGIE_STYLE_DEFAULT_PARKING_BUSY;
  thresholds->parking_saturated = VIGIE_STYLE_DEFAULT_PARKING_SATURATED;
  thresholds->scale = 1.0;
}

static const VigieStyleThresholds *
ensure_thresholds (const VigieStyleThresholds *thresholds,
                   VigieStyleThresholds       *fallback)
{
  if (thresholds != NULL)
    return thresholds;

  vigie_style_thresholds_init (fallback);
  return fallback;
}

static gboolean
lookup_flag (VigieEntity *entity,
             const char  *key,
             gboolean     fallback)
{
  gboolean value;

  if (vigie_entity_lookup_boolean (entity, key, &value))
    return value;

  return fallback;
}

/* Parsers of different standards name the same count differently; the
 * first key present wins. */
static gboolean
lookup_count (VigieEntity        *entity,
              const char * const *keys,
              gint64             *value)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      double d;

      if (vigie_entity_lookup_int (entity, keys[i], value))
        return TRUE;
      if (vigie_entity_lookup_double (entity, keys[i], &d) && isfinite (d))
        {
          *value = (gint64) llround (d);
          return TRUE;
        }
    }

  return FALSE;
}

static const char * const parking_free_keys[] = { "available_spots", "availableSpotNumber", "free_spaces", NULL };
static const char * const parking_total_keys[] = { "total_spots", "totalSpotNumber", "capacity", NULL };
static const char * const parking_occupied_keys[] = { "occupied_spots", "occupiedSpotNumber", NULL };

typedef struct
{
  gboolean known_vehicles;
  gint64   vehicles;
  gboolean known_capacity;
  gint64   capacity;
  gboolean known_docks;
  gint64   docks;
} StationCounts;

static void
read_station (VigieEntity   *entity,
              StationCounts *counts)
{
  counts->known_vehicles = vigie_entity_lookup_int (entity, "vehicles_available", &counts->vehicles);
  counts->known_capacity = vigie_entity_lookup_int (entity, "capacity", &counts->capacity) && counts->capacity > 0;
  counts->known_docks = vigie_entity_lookup_int (entity, "docks_available", &counts->docks);

  /* Stations that do not publish their capacity still say how many
   * places are free: together they make one. */
  if (!counts->known_capacity && counts->known_vehicles && counts->known_docks &&
      counts->vehicles + counts->docks > 0)
    {
      counts->capacity = counts->vehicles + counts->docks;
      counts->known_capacity = TRUE;
    }
  if (!counts->known_docks && counts->known_capacity && counts->known_vehicles)
    {
      counts->docks = MAX (counts->capacity - counts->vehicles, 0);
      counts->known_docks = TRUE;
    }
}

/**
 * vigie_style_thresholds_load:
 * @thresholds: (out caller-allocates): the thresholds to fill
 * @settings: the application's settings
 *
 * Reads the thresholds an operator set in Preferences. Inverted pairs
 * (saturated below busy) are put in order rather than trusted.
 */
void
vigie_style_thresholds_load (VigieStyleThresholds *thresholds,
                             GSettings            *settings)
{
  double busy, saturated;

  g_return_if_fail (thresholds != NULL);
  g_return_if_fail (G_IS_SETTINGS (settings));

  vigie_style_thresholds_init (thresholds);
  thresholds->station_low = g_settings_get_int (settings, "station-nearly-empty");
  thresholds->station_high_docks = g_settings_get_int (settings, "station-nearly-full");
  thresholds->scale = g_settings_get_double (settings, "symbol-scale");

  busy = g_settings_get_int (settings, "wifi-busy") / 100.0;
  saturated = g_settings_get_int (settings, "wifi-saturated") / 100.0;
  thresholds->wifi_busy = MIN (busy, saturated);
  thresholds->wifi_saturated = MAX (busy, saturated);

  busy = g_settings_get_int (settings, "parking-busy") / 100.0;
  saturated = g_settings_get_int (settings, "parking-saturated") / 100.0;
  thresholds->parking_busy = MIN (busy, saturated);
  thresholds->parking_saturated = MAX (busy, saturated);
}

/**
 * vigie_style_list_ghosts:
 * @entities: a #GListModel of #VigieEntity (a trams layer's store)
 * @max_lines: how many trips to name at most
 * @n_ghosts: (out) (optional): how many scheduled trips have no real-time
 *   vehicle
 *
 * Names, for operators, the trams the timetable expects that no vehicle
 * reports: "Line 2 towards Nouveau Bassin", one a line.
 *
 * Returns: (transfer full) (nullable): the lines, or %NULL when none
 */
char *
vigie_style_list_ghosts (GListModel *entities,
                         guint       max_lines,
                         guint      *n_ghosts)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (entities), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(VigieEntity) entity = g_list_model_get_item (entities, i);
      const char *line, *headsign;
      gboolean ghost = FALSE;

      if (!vigie_entity_lookup_boolean (entity, "ghost", &ghost) || !ghost)
        continue;

      if (++n > max_lines)
        continue;

      line = vigie_entity_lookup_string (entity, "route_short_name");
      headsign = vigie_entity_lookup_string (entity, "headsign");
      if (text->len > 0)
        g_string_append_c (text, '\n');

      if (line != NULL && headsign != NULL)
        /* Translators: a tram the timetable expects: "Line 2 towards Nouveau Bassin". */
        g_string_append_printf (text, _("Line %s towards %s"), line, headsign);
      else if (line != NULL)
        g_string_append_printf (text, _("Line %s"), line);
      else
        g_string_append (text, vigie_entity_get_id (entity));
    }

  if (n > max_lines)
    {
      g_autofree char *more = vigie_format_count (n - max_lines);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "and %s more", "and %s more", n - max_lines),
                              more);
    }

  if (n_ghosts != NULL)
    *n_ghosts = n;

  return n > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

VigieStationState
vigie_style_classify_station (VigieEntity                *entity,
                              const VigieStyleThresholds *thresholds)
{
  VigieStyleThresholds fallback;
  StationCounts counts;
  gboolean is_virtual = lookup_flag (entity, "is_virtual", FALSE);

  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), VIGIE_STATION_UNKNOWN);

  thresholds = ensure_thresholds (thresholds, &fallback);
  read_station (entity, &counts);

  if (!lookup_flag (entity, "is_installed", TRUE))
    return VIGIE_STATION_NOT_INSTALLED;
  if (!lookup_flag (entity, "has_status", counts.known_vehicles) || !counts.known_vehicles)
    return VIGIE_STATION_UNKNOWN;
  if (!lookup_flag (entity, "is_renting", TRUE))
    return VIGIE_STATION_NOT_RENTING;
  if (!lookup_flag (entity, "is_returning", TRUE))
    return VIGIE_STATION_NOT_RETURNING;
  if (counts.vehicles <= 0)
    return VIGIE_STATION_EMPTY;
  /* A virtual station takes more than its capacity by design. */
  if (!is_virtual && counts.known_docks && counts.docks <= 0)
    return VIGIE_STATION_FULL;
  if (counts.vehicles <= thresholds->station_low)
    return VIGIE_STATION_NEARLY_EMPTY;
  if (!is_virtual && counts.known_docks && counts.docks <= thresholds->station_high_docks)
    return VIGIE_STATION_NEARLY_FULL;

  return VIGIE_STATION_NORMAL;
}

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

static void
style_station_state (VigieStationState           state,
                     const VigieStyleThresholds *thresholds,
                     VigieSymbol                *symbol)
{
  symbol->shape = VIGIE_SYMBOL_SHAPE_GAUGE;
  symbol->stroke = VIGIE_STYLE_WHITE;
  symbol->size = STATION_SIZE * thresholds->scale;

  switch (state)
    {
    case VIGIE_STATION_UNKNOWN:
      symbol->shape = VIGIE_SYMBOL_SHAPE_CIRCLE;
      symbol->fill = VIGIE_STYLE_GREY;
      symbol->dashed = TRUE;
      symbol->size = STATION_SIZE * 0.8 * thresholds->scale;
      vigie_symbol_set_label (symbol, "?");
      break;

    case VIGIE_STATION_NOT_INSTALLED:
      symbol->shape = VIGIE_SYMBOL_SHAPE_SQUARE;
      symbol->fill = VIGIE_STYLE_GREY;
      symbol->hatched = TRUE;
      symbol->mark = VIGIE_SYMBOL_MARK_CROSS;
      symbol->size = STATION_SIZE * 0.7 * thresholds->scale;
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
  StationCounts counts;

  g_return_if_fail (VIGIE_IS_ENTITY (entity));
  g_return_if_fail (symbol != NULL);

  thresholds = ensure_thresholds (thresholds, &fallback);
  state = vigie_style_classify_station (entity, thresholds);
  read_station (entity, &counts);

  vigie_symbol_init (symbol);
  style_station_state (state, thresholds, symbol);

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

  thresholds = ensure_thresholds (thresholds, &fallback);
  vigie_symbol_init (symbol);

  symbol->size = VEHICLE_SIZE * thresholds->scale;
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
      symbol->size = VEHICLE_SIZE * 1.4 * thresholds->scale;
    }

  if (lookup_flag (entity, "is_disabled", FALSE))
    {
      symbol->fill = VIGIE_STYLE_GREY;
      symbol->mark = VIGIE_SYMBOL_MARK_CROSS;
    }
  else if (lookup_flag (entity, "is_reserved", FALSE))
    {
      symbol->dashed = TRUE;
      symbol->fill = VIGIE_STYLE_SKY_BLUE;
    }
}

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

/**
 * vigie_style_classify_tram_delay:
 * @entity: a tram (key: delay_s, seconds late, negative when early)
 *
 * Returns: how late @entity runs; %VIGIE_TRAM_DELAY_UNKNOWN without a
 *   delay, and for a ghost, which has none of its own
 */
VigieTramDelay
vigie_style_classify_tram_delay (VigieEntity *entity)
{
  gint64 delay;

  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), VIGIE_TRAM_DELAY_UNKNOWN);

  if (lookup_flag (entity, "ghost", FALSE) ||
      !vigie_entity_lookup_int (entity, "delay_s", &delay))
    return VIGIE_TRAM_DELAY_UNKNOWN;

  if (delay <= -VIGIE_STYLE_TRAM_ON_TIME_S)
    return VIGIE_TRAM_DELAY_EARLY;
  if (delay < VIGIE_STYLE_TRAM_ON_TIME_S)
    return VIGIE_TRAM_DELAY_ON_TIME;
  if (delay <= VIGIE_STYLE_TRAM_VERY_LATE_S)
    return VIGIE_TRAM_DELAY_LATE;

  return VIGIE_TRAM_DELAY_VERY_LATE;
}

/* A timetable position is drawn hollow: the line's colour only as a
 * tint, over white. */
static guint32
tint (guint32 rgba,
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

static void
style_tram_delay (VigieTramDelay  delay,
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

  thresholds = ensure_thresholds (thresholds, &fallback);
  vigie_symbol_init (symbol);

  symbol->shape = VIGIE_SYMBOL_SHAPE_CIRCLE;
  symbol->size = TRAM_SIZE * 0.85 * thresholds->scale;
  color = parse_hex_color (vigie_entity_lookup_string (entity, "route_color"), &color)
          ? color : VIGIE_STYLE_DARK;
  symbol->fill = color;
  /* A white line colour (GTFS's default) needs a dark outline to show. */
  symbol->stroke = vigie_symbol_contrast (symbol->fill, VIGIE_STYLE_WHITE) < 2.0
                   ? VIGIE_STYLE_DARK : VIGIE_STYLE_WHITE;

  line = vigie_entity_lookup_string (entity, "route_short_name");
  if (lookup_flag (entity, "age_unknown", FALSE))
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
      symbol->size = TRAM_SIZE * thresholds->scale;
    }

  /* Operators must never take a timetable position for a measured one:
   * hollow and dashed, not only paler. */
  if (g_strcmp0 (vigie_entity_lookup_string (entity, "source"), "schedule") == 0)
    {
      symbol->dashed = TRUE;
      symbol->stroke = color;
      if (lookup_flag (entity, "ghost", FALSE))
        {
          symbol->fill = VIGIE_STYLE_WHITE;
          symbol->mark = VIGIE_SYMBOL_MARK_BAR;
          return;
        }
      symbol->fill = tint (color, 0.3);
    }

  style_tram_delay (vigie_style_classify_tram_delay (entity), symbol);
}

static void
style_stop (const VigieStyleThresholds *thresholds,
            VigieSymbol                *symbol)
{
  vigie_symbol_init (symbol);
  symbol->fill = VIGIE_STYLE_WHITE;
  symbol->stroke = VIGIE_STYLE_DARK;
  symbol->size = STOP_SIZE * thresholds->scale;
}

void
vigie_style_stop (VigieEntity                *entity,
                  const VigieStyleThresholds *thresholds,
                  VigieSymbol                *symbol)
{
  VigieStyleThresholds fallback;

  g_return_if_fail (VIGIE_IS_ENTITY (entity));
  g_return_if_fail (symbol != NULL);

  style_stop (ensure_thresholds (thresholds, &fallback), symbol);
}

VigieLoadState
vigie_style_classify_hotspot (VigieEntity                *entity,
                              const VigieStyleThresholds *thresholds)
{
  VigieStyleThresholds fallback;
  gint64 clients, capacity, aps_up;
  double load;

  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), VIGIE_LOAD_UNKNOWN);

  thresholds = ensure_thresholds (thresholds, &fallback);

  if (vigie_entity_lookup_int (entity, "aps_up", &aps_up) && aps_up == 0)
    return VIGIE_LOAD_OUT_OF_SERVICE;
  if (!vigie_entity_lookup_int (entity, "clients", &clients) ||
      !vigie_entity_lookup_int (entity, "capacity", &capacity) || capacity <= 0)
    return VIGIE_LOAD_UNKNOWN;

  load = (double) clients / capacity;
  if (load >= 1.0)
    return VIGIE_LOAD_FULL;
  if (load >= thresholds->wifi_saturated)
    return VIGIE_LOAD_SATURATED;
  if (load >= thresholds->wifi_busy)
    return VIGIE_LOAD_BUSY;

  return VIGIE_LOAD_NORMAL;
}

static void
style_load_state (VigieLoadState  state,
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

  thresholds = ensure_thresholds (thresholds, &fallback);
  state = vigie_style_classify_hotspot (entity, thresholds);

  vigie_symbol_init (symbol);
  symbol->shape = VIGIE_SYMBOL_SHAPE_CIRCLE;
  symbol->stroke = VIGIE_STYLE_WHITE;
  symbol->size = HOTSPOT_MIN * thresholds->scale;
  style_load_state (state, symbol);

  if (vigie_entity_lookup_int (entity, "clients", &clients) && state != VIGIE_LOAD_OUT_OF_SERVICE)
    {
      char label[VIGIE_SYMBOL_LABEL_MAX];

      format_count (label, sizeof label, clients);
      vigie_symbol_set_label (symbol, label);

      if (vigie_entity_lookup_int (entity, "capacity", &capacity) && capacity > 0)
        {
          double load = CLAMP ((double) clients / capacity, 0.0, 1.0);

          /* Whole pixels: a texture per pixel of size, not per client. */
          symbol->size = round ((HOTSPOT_MIN + (HOTSPOT_MAX - HOTSPOT_MIN) * load) * thresholds->scale);
        }
    }

  /* Some access points down, not all: the outline says so. */
  if (state != VIGIE_LOAD_OUT_OF_SERVICE &&
      vigie_entity_lookup_int (entity, "aps_up", &aps_up) &&
      vigie_entity_lookup_int (entity, "aps_total", &aps_total) &&
      aps_up < aps_total)
    symbol->dashed = TRUE;
}

VigieLoadState
vigie_style_classify_parking (VigieEntity                *entity,
                              const VigieStyleThresholds *thresholds)
{
  VigieStyleThresholds fallback;
  double used, total, occupancy;

  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), VIGIE_LOAD_UNKNOWN);

  thresholds = ensure_thresholds (thresholds, &fallback);

  if (vigie_entity_lookup_string (entity, "status") != NULL &&
      g_strcmp0 (vigie_entity_lookup_string (entity, "status"), "closed") == 0)
    return VIGIE_LOAD_OUT_OF_SERVICE;
  if (!vigie_style_entity_fill (entity, &used, &total))
    return VIGIE_LOAD_UNKNOWN;

  occupancy = used / total;
  if (used >= total)
    return VIGIE_LOAD_FULL;
  if (occupancy >= thresholds->parking_saturated)
    return VIGIE_LOAD_SATURATED;
  if (occupancy >= thresholds->parking_busy)
    return VIGIE_LOAD_BUSY;

  return VIGIE_LOAD_NORMAL;
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

  thresholds = ensure_thresholds (thresholds, &fallback);
  state = vigie_style_classify_parking (entity, thresholds);

  vigie_symbol_init (symbol);
  symbol->shape = VIGIE_SYMBOL_SHAPE_SQUARE;
  symbol->stroke = VIGIE_STYLE_WHITE;
  symbol->size = PARKING_SIZE * thresholds->scale;
  style_load_state (state, symbol);

  if (state != VIGIE_LOAD_OUT_OF_SERVICE && state != VIGIE_LOAD_UNKNOWN &&
      vigie_style_entity_fill (entity, &used, &total))
    {
      char label[VIGIE_SYMBOL_LABEL_MAX];

      format_count (label, sizeof label, (gint64) MAX (total - used, 0));
      vigie_symbol_set_label (symbol, label);
    }
}

/**
 * vigie_style_entity_fill:
 * @entity: an entity
 * @used: (out): vehicles at a station, clients on Wi-Fi, occupied spaces
 * @total: (out): the capacity, more than zero
 *
 * What a cluster adds up to show its aggregate fill.
 *
 * Returns: %TRUE if @entity has a fill
 */
gboolean
vigie_style_entity_fill (VigieEntity *entity,
                         double      *used,
                         double      *total)
{
  gint64 a, b;

  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), FALSE);

  switch (vigie_entity_get_kind (entity))
    {
    case VIGIE_ENTITY_STATION:
      {
        StationCounts counts;

        read_station (entity, &counts);
        if (!counts.known_vehicles || !counts.known_capacity)
          return FALSE;
        *used = MIN (counts.vehicles, counts.capacity);
        *total = counts.capacity;
        return TRUE;
      }

    case VIGIE_ENTITY_HOTSPOT:
      if (!vigie_entity_lookup_int (entity, "clients", &a) ||
          !vigie_entity_lookup_int (entity, "capacity", &b) || b <= 0)
        return FALSE;
      *used = MIN (a, b);
      *total = b;
      return TRUE;

    case VIGIE_ENTITY_ZONE:
    case VIGIE_ENTITY_CAR_PARK:
      if (!lookup_count (entity, parking_total_keys, &b) || b <= 0)
        return FALSE;
      if (lookup_count (entity, parking_occupied_keys, &a))
        ;
      else if (lookup_count (entity, parking_free_keys, &a))
        a = b - a;
      else
        return FALSE;
      *used = CLAMP (a, 0, b);
      *total = b;
      return TRUE;

    case VIGIE_ENTITY_VEHICLE:
    case VIGIE_ENTITY_STOP:
    case VIGIE_ENTITY_LINE:
    default:
      return FALSE;
    }
}

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
      if (kind == VIGIE_FEED_KIND_TRAMS)
        vigie_style_tram (entity, thresholds, symbol);
      else
        vigie_style_vehicle (entity, thresholds, symbol);
      break;

    case VIGIE_ENTITY_STOP:
      vigie_style_stop (entity, thresholds, symbol);
      break;

    case VIGIE_ENTITY_ZONE:
    case VIGIE_ENTITY_CAR_PARK:
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

  thresholds = ensure_thresholds (thresholds, &fallback);
  vigie_symbol_init (symbol);

  symbol->shape = VIGIE_SYMBOL_SHAPE_CLUSTER;
  symbol->fill = kind == VIGIE_FEED_KIND_TRAMS ? VIGIE_STYLE_DARK : VIGIE_STYLE_BLUE;
  symbol->stroke = VIGIE_STYLE_WHITE;

  /* Grows with the order of magnitude, in whole pixels. */
  size = CLUSTER_MIN + 6.0 * log10 (MAX (n_entities, 1));
  symbol->size = round (MIN (size, CLUSTER_MAX) * thresholds->scale);

  if (fraction >= 0.0)
    symbol->fraction = round (CLAMP (fraction, 0.0, 1.0) * 20.0) / 20.0;

  format_count (label, sizeof label, n_entities);
  vigie_symbol_set_label (symbol, label);
}

const char *
vigie_style_station_state_title (VigieStationState state)
{
  switch (state)
    {
    case VIGIE_STATION_UNKNOWN:
      return _("Status unknown");
    case VIGIE_STATION_NOT_INSTALLED:
      return _("Not installed");
    case VIGIE_STATION_NOT_RENTING:
      return _("Not renting");
    case VIGIE_STATION_NOT_RETURNING:
      return _("Not taking returns");
    case VIGIE_STATION_EMPTY:
      return _("Empty");
    case VIGIE_STATION_NEARLY_EMPTY:
      return _("Nearly empty");
    case VIGIE_STATION_NORMAL:
      return _("Available");
    case VIGIE_STATION_NEARLY_FULL:
      return _("Nearly full");
    case VIGIE_STATION_FULL:
      return _("Full");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
vigie_style_load_state_title (VigieLoadState state)
{
  switch (state)
    {
    case VIGIE_LOAD_UNKNOWN:
      return _("Load unknown");
    case VIGIE_LOAD_OUT_OF_SERVICE:
      return _("Out of service");
    case VIGIE_LOAD_NORMAL:
      return _("Normal");
    case VIGIE_LOAD_BUSY:
      return _("Busy");
    case VIGIE_LOAD_SATURATED:
      return _("Saturated");
    case VIGIE_LOAD_FULL:
      return _("Full");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
vigie_style_kind_icon_name (VigieFeedKind kind)
{
  switch (kind)
    {
    case VIGIE_FEED_KIND_TRAMS:
      return "vigie-tram-symbolic";
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

void
vigie_legend_item_free (VigieLegendItem *item)
{
  if (item == NULL)
    return;

  g_free (item->title);
  g_free (item->description);
  g_free (item);
}

static void
add_item (GPtrArray         *items,
          const VigieSymbol *symbol,
          const char        *title,
          char              *description)
{
  VigieLegendItem *item = g_new0 (VigieLegendItem, 1);

  item->symbol = *symbol;
  item->title = g_strdup (title);
  item->description = description;
  g_ptr_array_add (items, item);
}

static void
add_station_items (GPtrArray                  *items,
                   gboolean                    bikes,
                   const VigieStyleThresholds *t)
{
  static const VigieStationState states[] = {
    VIGIE_STATION_NORMAL,
    VIGIE_STATION_NEARLY_EMPTY,
    VIGIE_STATION_EMPTY,
    VIGIE_STATION_NEARLY_FULL,
    VIGIE_STATION_FULL,
    VIGIE_STATION_NOT_RETURNING,
    VIGIE_STATION_NOT_RENTING,
    VIGIE_STATION_NOT_INSTALLED,
    VIGIE_STATION_UNKNOWN,
  };
  /* Sample fills for the legend's own symbols. */
  static const struct { const char *label; double fraction; } samples[] = {
    { "8", 0.5 }, { "2", 0.15 }, { "0", 0.0 }, { "14", 0.9 }, { "16", 1.0 },
    { "5", 0.3 }, { "5", 0.3 }, { NULL, -1 }, { "?", -1 },
  };
  int low = (int) MIN (t->station_low, G_MAXINT);
  int high = (int) MIN (t->station_high_docks, G_MAXINT);
  g_autofree char *low_text = vigie_format_count (low);
  g_autofree char *high_text = vigie_format_count (high);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      VigieSymbol symbol;
      char *description = NULL;

      vigie_symbol_init (&symbol);
      style_station_state (states[i], t, &symbol);
      symbol.glyph = bikes ? VIGIE_SYMBOL_GLYPH_BIKE : VIGIE_SYMBOL_GLYPH_CAR;
      if (samples[i].label != NULL && symbol.shape == VIGIE_SYMBOL_SHAPE_GAUGE)
        {
          vigie_symbol_set_label (&symbol, samples[i].label);
          symbol.fraction = samples[i].fraction;
        }

      switch (states[i])
        {
        case VIGIE_STATION_NORMAL:
          description = g_strdup (bikes ? _("The ring fills with the bikes docked over the places; the number counts the bikes")
                                        : _("The ring fills with the cars parked over the places; the number counts the cars"));
          break;
        case VIGIE_STATION_NEARLY_EMPTY:
          description = g_strdup_printf (bikes ? g_dngettext (GETTEXT_PACKAGE, "Mark at the bottom: %s bike or fewer", "Mark at the bottom: %s bikes or fewer", low)
                                               : g_dngettext (GETTEXT_PACKAGE, "Mark at the bottom: %s car or fewer", "Mark at the bottom: %s cars or fewer", low),
                                         low_text);
          break;
        case VIGIE_STATION_EMPTY:
          description = g_strdup (bikes ? _("Mark at the bottom, empty ring: no bike to rent")
                                        : _("Mark at the bottom, empty ring: no car to rent"));
          break;
        case VIGIE_STATION_NEARLY_FULL:
          description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Mark at the top: %s free place or fewer", "Mark at the top: %s free places or fewer", high),
                                         high_text);
          break;
        case VIGIE_STATION_FULL:
          description = g_strdup (bikes ? _("Mark at the top, closed ring: no place to return a bike")
                                        : _("Mark at the top, closed ring: no place to return a car"));
          break;
        case VIGIE_STATION_NOT_RETURNING:
          description = g_strdup (_("Grey with a bar: the station does not take returns"));
          break;
        case VIGIE_STATION_NOT_RENTING:
          description = g_strdup (_("Grey, striped, with a cross: the station does not rent"));
          break;
        case VIGIE_STATION_NOT_INSTALLED:
          description = g_strdup (_("Small striped square with a cross: the station is not installed"));
          break;
        case VIGIE_STATION_UNKNOWN:
          description = g_strdup (_("Dashed circle with a question mark: no status received"));
          break;
        default:
          g_assert_not_reached ();
        }

      add_item (items, &symbol, vigie_style_station_state_title (states[i]), description);
    }
}

static void
add_load_items (GPtrArray  *items,
                gboolean    parking,
                double      busy,
                double      saturated,
                double      size)
{
  static const VigieLoadState states[] = {
    VIGIE_LOAD_NORMAL,
    VIGIE_LOAD_BUSY,
    VIGIE_LOAD_SATURATED,
    VIGIE_LOAD_FULL,
    VIGIE_LOAD_OUT_OF_SERVICE,
    VIGIE_LOAD_UNKNOWN,
  };
  static const char *labels[] = { "12", "4", "1", "0", NULL, "?" };
  int busy_percent = (int) round (busy * 100.0);
  int saturated_percent = (int) round (saturated * 100.0);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      VigieSymbol symbol;
      char *description = NULL;

      vigie_symbol_init (&symbol);
      symbol.shape = parking ? VIGIE_SYMBOL_SHAPE_SQUARE : VIGIE_SYMBOL_SHAPE_CIRCLE;
      symbol.stroke = VIGIE_STYLE_WHITE;
      symbol.size = size;
      style_load_state (states[i], &symbol);
      symbol.glyph = parking ? VIGIE_SYMBOL_GLYPH_PARKING : VIGIE_SYMBOL_GLYPH_WIFI;
      if (labels[i] != NULL)
        vigie_symbol_set_label (&symbol, labels[i]);

      switch (states[i])
        {
        case VIGIE_LOAD_NORMAL:
          description = g_strdup_printf (parking ? _("Less than %d %% of the spaces taken; the number counts the free spaces")
                                                 : _("Less than %d %% of the capacity in use; the circle grows with the load, the number counts the clients"),
                                         busy_percent);
          break;
        case VIGIE_LOAD_BUSY:
          description = g_strdup_printf (_("Mark at the top: from %d %% to %d %%"), busy_percent, saturated_percent);
          break;
        case VIGIE_LOAD_SATURATED:
          description = g_strdup_printf (_("Mark at the top: %d %% or more"), saturated_percent);
          break;
        case VIGIE_LOAD_FULL:
          description = g_strdup (parking ? _("Striped, with a mark at the top: no free space")
                                          : _("Striped, with a mark at the top: at or over capacity"));
          break;
        case VIGIE_LOAD_OUT_OF_SERVICE:
          description = g_strdup (parking ? _("Grey, striped, with a cross: closed")
                                          : _("Grey, striped, with a cross: every access point is down"));
          break;
        case VIGIE_LOAD_UNKNOWN:
          description = g_strdup (_("Dashed outline with a question mark: no count received"));
          break;
        default:
          g_assert_not_reached ();
        }

      add_item (items, &symbol, vigie_style_load_state_title (states[i]), description);
    }
}

static void
add_tram_items (GPtrArray                  *items,
                const VigieStyleThresholds *thresholds)
{
  VigieSymbol base, symbol;
  gint64 ageing_s, stale_s;

  vigie_symbol_init (&base);
  base.shape = VIGIE_SYMBOL_SHAPE_ARROW;
  base.fill = VIGIE_STYLE_BLUE;
  base.stroke = VIGIE_STYLE_WHITE;
  base.size = TRAM_SIZE * thresholds->scale;
  base.bearing = 90.0;
  vigie_symbol_set_label (&base, "1");
  add_item (items, &base, _("Tram, real-time position"),
            g_strdup (_("A solid arrow in the line’s colour pointing where it goes, with the line’s name; no mark: on time, within a minute")));

  symbol = base;
  symbol.shape = VIGIE_SYMBOL_SHAPE_CIRCLE;
  symbol.size = TRAM_SIZE * 0.85 * thresholds->scale;
  symbol.bearing = -1.0;
  add_item (items, &symbol, _("Tram, heading unknown"), g_strdup (_("A circle in the line’s colour")));

  symbol = base;
  style_tram_delay (VIGIE_TRAM_DELAY_LATE, &symbol);
  add_item (items, &symbol, _("Late by 1 to 3 min"), g_strdup (_("A mark at the bottom, orange outline")));

  symbol = base;
  style_tram_delay (VIGIE_TRAM_DELAY_VERY_LATE, &symbol);
  add_item (items, &symbol, _("Late by more than 3 min"), g_strdup (_("Striped, with a mark at the bottom and a vermilion outline")));

  symbol = base;
  style_tram_delay (VIGIE_TRAM_DELAY_EARLY, &symbol);
  add_item (items, &symbol, _("Early by 1 min or more"), g_strdup (_("A mark at the top, sky-blue outline")));

  symbol = base;
  symbol.fill = tint (base.fill, 0.3);
  symbol.stroke = base.fill;
  symbol.dashed = TRUE;
  add_item (items, &symbol, _("Timetable position"),
            g_strdup (_("A hollow arrow with a dashed outline: where the timetable puts the tram, not a measured position")));

  symbol.fill = VIGIE_STYLE_WHITE;
  symbol.mark = VIGIE_SYMBOL_MARK_BAR;
  add_item (items, &symbol, _("Scheduled, no real-time position (missing?)"),
            g_strdup (_("A white arrow with a dashed outline and a badge: the timetable has this trip running, the real-time feed does not show it")));

  symbol = base;
  vigie_symbol_set_label (&symbol, "1?");
  add_item (items, &symbol, _("Age of the position unknown"),
            g_strdup (_("A question mark after the line’s name: the feed gave no time for this tram")));

  vigie_freshness_get_default_thresholds (VIGIE_FEED_KIND_TRAMS, &ageing_s, &stale_s);
  symbol = base;
  symbol.opacity = VIGIE_STYLE_TRAM_AGEING_OPACITY;
  vigie_style_mark_outdated (&symbol);
  add_item (items, &symbol, _("Not updated recently"),
            /* Translators: how long a tram may go without news before it fades with a clock (in seconds), then disappears (in minutes). */
            g_strdup_printf (_("Faded, with a clock, after %d s without news; hidden after %d min"),
                             (int) ageing_s, (int) (stale_s / 60)));
}

/* The same mark on every layer: what an operator must not rely on. */
static void
add_outdated_item (GPtrArray         *items,
                   VigieFeedKind      kind,
                   const VigieSymbol *sample)
{
  VigieSymbol symbol = *sample;
  gint64 ageing_s;
  int minutes;

  vigie_freshness_get_default_thresholds (kind, &ageing_s, NULL);
  minutes = (int) MAX (ageing_s / 60, 1);
  vigie_style_mark_outdated (&symbol);
  add_item (items, &symbol, _("Data too old"),
            /* Translators: the legend of the clock badge; %d is a number of minutes. */
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Faded, with a clock: no news for %d min or more (the feed stopped answering, or its data is old); do not rely on it",
                                          "Faded, with a clock: no news for %d min or more (the feed stopped answering, or its data is old); do not rely on it",
                                          minutes),
                             minutes));
}

/**
 * vigie_style_legend:
 * @kind: a kind of feed
 * @thresholds: (nullable): the thresholds, or %NULL for the defaults
 *
 * What each symbol of a layer means, in words, with the symbol itself.
 *
 * Returns: (transfer full) (element-type VigieLegendItem): the items
 */
GPtrArray *
vigie_style_legend (VigieFeedKind               kind,
                    const VigieStyleThresholds *thresholds)
{
  VigieStyleThresholds fallback;
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_legend_item_free);
  VigieSymbol symbol;

  thresholds = ensure_thresholds (thresholds, &fallback);

  switch (kind)
    {
    case VIGIE_FEED_KIND_BIKES:
    case VIGIE_FEED_KIND_CAR_SHARE:
      add_station_items (items, kind == VIGIE_FEED_KIND_BIKES, thresholds);
      add_outdated_item (items, kind, &((VigieLegendItem *) g_ptr_array_index (items, 0))->symbol);

      vigie_symbol_init (&symbol);
      symbol.fill = VIGIE_STYLE_BLUE;
      symbol.size = VEHICLE_SIZE * thresholds->scale;
      add_item (items, &symbol, _("Vehicle"), g_strdup (_("A dot; an arrow when the feed gives its heading")));
      symbol.shape = VIGIE_SYMBOL_SHAPE_DIAMOND;
      symbol.fill = VIGIE_STYLE_BLUISH_GREEN;
      add_item (items, &symbol, _("Electric vehicle"), g_strdup (_("A diamond")));
      symbol.shape = VIGIE_SYMBOL_SHAPE_CIRCLE;
      symbol.fill = VIGIE_STYLE_SKY_BLUE;
      symbol.dashed = TRUE;
      add_item (items, &symbol, _("Reserved"), g_strdup (_("Dashed outline")));
      symbol.fill = VIGIE_STYLE_GREY;
      symbol.dashed = FALSE;
      symbol.mark = VIGIE_SYMBOL_MARK_CROSS;
      add_item (items, &symbol, _("Out of service"), g_strdup (_("Grey with a cross")));
      break;

    case VIGIE_FEED_KIND_TRAMS:
      add_tram_items (items, thresholds);
      style_stop (thresholds, &symbol);
      add_item (items, &symbol, _("Stop"), g_strdup (_("A small white circle")));
      break;

    case VIGIE_FEED_KIND_PARKING:
      add_load_items (items, TRUE, thresholds->parking_busy, thresholds->parking_saturated,
                      PARKING_SIZE * thresholds->scale);
      add_outdated_item (items, kind, &((VigieLegendItem *) g_ptr_array_index (items, 0))->symbol);
      break;

    case VIGIE_FEED_KIND_WIFI:
      add_load_items (items, FALSE, thresholds->wifi_busy, thresholds->wifi_saturated,
                      (HOTSPOT_MIN + HOTSPOT_MAX) / 2 * thresholds->scale);
      add_outdated_item (items, kind, &((VigieLegendItem *) g_ptr_array_index (items, 0))->symbol);
      break;

    default:
      break;
    }

  vigie_group_style_symbol (kind, 25, kind == VIGIE_FEED_KIND_TRAMS ? -1.0 : 0.5, thresholds, &symbol);
  add_item (items, &symbol, _("Group"),
            g_strdup (_("A double ring with the layer’s glyph when things are too close to be told apart: the number counts them, the arc shows their total fill, the words under it the states that matter (“3 empty”); moved aside, a line leads to where they are")));

  return items;
}

static void
describe_station (GPtrArray                  *lines,
                  VigieFeedKind               kind,
                  VigieEntity                *entity,
                  const VigieStyleThresholds *thresholds)
{
  gboolean bikes = kind != VIGIE_FEED_KIND_CAR_SHARE;
  StationCounts counts;
  gint64 electric, mechanical, disabled;
  const char *address;

  g_autofree char *vehicles_text = NULL;
  g_autofree char *capacity_text = NULL;
  g_autofree char *docks_text = NULL;

  read_station (entity, &counts);
  g_ptr_array_add (lines, g_strdup (vigie_style_station_state_title (vigie_style_classify_station (entity, thresholds))));

  vehicles_text = vigie_format_count (counts.vehicles);
  capacity_text = vigie_format_count (counts.capacity);
  docks_text = vigie_format_count (counts.docks);

  if (counts.known_vehicles && counts.known_capacity)
    g_ptr_array_add (lines, g_strdup_printf (bikes ? g_dngettext (GETTEXT_PACKAGE, "%s bike available out of %s places", "%s bikes available out of %s places", counts.vehicles)
                                                   : g_dngettext (GETTEXT_PACKAGE, "%s car available out of %s places", "%s cars available out of %s places", counts.vehicles),
                                             vehicles_text, capacity_text));
  else if (counts.known_vehicles)
    g_ptr_array_add (lines, g_strdup_printf (bikes ? g_dngettext (GETTEXT_PACKAGE, "%s bike available", "%s bikes available", counts.vehicles)
                                                   : g_dngettext (GETTEXT_PACKAGE, "%s car available", "%s cars available", counts.vehicles),
                                             vehicles_text));

  if (counts.known_docks)
    g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s free place", "%s free places", counts.docks),
                                             docks_text));

  if (vigie_entity_lookup_int (entity, "electric_available", &electric) &&
      vigie_entity_lookup_int (entity, "mechanical_available", &mechanical))
    {
      g_autofree char *electric_text = vigie_format_count (electric);
      g_autofree char *mechanical_text = vigie_format_count (mechanical);

      /* Translators: counts of vehicles at a station by propulsion. */
      g_ptr_array_add (lines, g_strdup_printf (_("%s electric, %s mechanical"), electric_text, mechanical_text));
    }

  if (vigie_entity_lookup_int (entity, "vehicles_disabled", &disabled) && disabled > 0)
    {
      g_autofree char *disabled_text = vigie_format_count (disabled);

      g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s vehicle out of service", "%s vehicles out of service", disabled),
                                               disabled_text));
    }

  address = vigie_entity_lookup_string (entity, "address");
  if (address != NULL)
    g_ptr_array_add (lines, g_strdup (address));
}

static void
describe_vehicle (GPtrArray   *lines,
                  VigieEntity *entity)
{
  const char *propulsion = vigie_entity_lookup_string (entity, "propulsion");
  double range_m, fuel;

  if (lookup_flag (entity, "is_disabled", FALSE))
    g_ptr_array_add (lines, g_strdup (_("Out of service")));
  else if (lookup_flag (entity, "is_reserved", FALSE))
    g_ptr_array_add (lines, g_strdup (_("Reserved")));
  else
    g_ptr_array_add (lines, g_strdup (_("Available")));

  if (propulsion != NULL && g_str_has_prefix (propulsion, "electric"))
    g_ptr_array_add (lines, g_strdup (_("Electric")));
  else if (g_strcmp0 (propulsion, "human") == 0)
    g_ptr_array_add (lines, g_strdup (_("Mechanical")));

  if (vigie_entity_lookup_double (entity, "range_m", &range_m) && isfinite (range_m))
    /* Translators: how far an electric vehicle can still go, in kilometres. */
    g_ptr_array_add (lines, g_strdup_printf (_("Range: %.0f km"), range_m / 1000.0));

  if (vigie_entity_lookup_double (entity, "fuel_percent", &fuel) && isfinite (fuel))
    /* Translators: the charge or fuel left, as a percentage. */
    g_ptr_array_add (lines, g_strdup_printf (_("Charge: %.0f %%"), fuel <= 1.0 ? fuel * 100.0 : fuel));
}

static void
describe_tram (GPtrArray   *lines,
               VigieEntity *entity)
{
  const char *line = vigie_entity_lookup_string (entity, "route_short_name");
  const char *headsign = vigie_entity_lookup_string (entity, "headsign");
  const char *source = vigie_entity_lookup_string (entity, "source");
  gboolean age_unknown = FALSE;
  gint64 delay;

  if (line != NULL)
    g_ptr_array_add (lines, g_strdup_printf (_("Line %s"), line));
  if (headsign != NULL)
    g_ptr_array_add (lines, g_strdup_printf (_("Towards %s"), headsign));

  /* Operators must never take a timetable position for a measured one. */
  if (g_strcmp0 (source, "schedule") == 0 && lookup_flag (entity, "ghost", FALSE))
    g_ptr_array_add (lines, g_strdup (_("Scheduled, but no real-time position: the tram may be missing")));
  else if (g_strcmp0 (source, "schedule") == 0)
    g_ptr_array_add (lines, g_strdup (_("Timetable position, not measured")));
  else if (g_strcmp0 (source, "realtime") == 0)
    g_ptr_array_add (lines, g_strdup (_("Real-time position")));
  if (vigie_entity_lookup_boolean (entity, "age_unknown", &age_unknown) && age_unknown)
    g_ptr_array_add (lines, g_strdup (_("Age of the position unknown")));

  if (vigie_entity_lookup_int (entity, "delay_s", &delay))
    {
      int minutes = (int) (ABS (delay) / 60);

      if (minutes == 0)
        g_ptr_array_add (lines, g_strdup (_("On time")));
      else if (delay > 0)
        g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min late", "%d min late", minutes), minutes));
      else
        g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min early", "%d min early", minutes), minutes));
    }
}

static void
describe_hotspot (GPtrArray                  *lines,
                  VigieEntity                *entity,
                  const VigieStyleThresholds *thresholds)
{
  gint64 clients, capacity, aps_up, aps_total;

  g_ptr_array_add (lines, g_strdup (vigie_style_load_state_title (vigie_style_classify_hotspot (entity, thresholds))));

  if (vigie_entity_lookup_int (entity, "clients", &clients))
    {
      g_autofree char *clients_text = vigie_format_count (clients);

      if (vigie_entity_lookup_int (entity, "capacity", &capacity) && capacity > 0)
        {
          g_autofree char *capacity_text = vigie_format_count (capacity);

          g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s client for a capacity of %s", "%s clients for a capacity of %s", clients),
                                                   clients_text, capacity_text));
        }
      else
        g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s client", "%s clients", clients),
                                                 clients_text));
    }

  if (vigie_entity_lookup_int (entity, "aps_up", &aps_up) &&
      vigie_entity_lookup_int (entity, "aps_total", &aps_total))
    {
      g_autofree char *up_text = vigie_format_count (aps_up);
      g_autofree char *total_text = vigie_format_count (aps_total);

      g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s access point working", "%s of %s access points working", aps_total),
                                               up_text, total_text));
    }
}

static void
describe_parking (GPtrArray                  *lines,
                  VigieEntity                *entity,
                  const VigieStyleThresholds *thresholds)
{
  double used, total;

  g_ptr_array_add (lines, g_strdup (vigie_style_load_state_title (vigie_style_classify_parking (entity, thresholds))));

  if (vigie_style_entity_fill (entity, &used, &total))
    {
      gint64 free_spaces = (gint64) MAX (total - used, 0);
      g_autofree char *free_text = vigie_format_count (free_spaces);
      g_autofree char *total_text = vigie_format_count ((gint64) total);

      g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s free space out of %s", "%s free spaces out of %s", free_spaces),
                                               free_text, total_text));
    }
}

/**
 * vigie_style_describe:
 * @kind: the kind of feed @entity came from
 * @entity: an entity
 * @thresholds: (nullable): the thresholds, or %NULL for the defaults
 *
 * An entity's values in words, for its details: its state first, then its
 * counts. Plain text, never markup.
 *
 * Returns: (transfer full): the lines
 */
char **
vigie_style_describe (VigieFeedKind               kind,
                      VigieEntity                *entity,
                      const VigieStyleThresholds *thresholds)
{
  VigieStyleThresholds fallback;
  GPtrArray *lines;

  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), NULL);

  thresholds = ensure_thresholds (thresholds, &fallback);
  lines = g_ptr_array_new ();

  switch (vigie_entity_get_kind (entity))
    {
    case VIGIE_ENTITY_STATION:
      describe_station (lines, kind, entity, thresholds);
      break;

    case VIGIE_ENTITY_VEHICLE:
      if (kind == VIGIE_FEED_KIND_TRAMS)
        describe_tram (lines, entity);
      else
        describe_vehicle (lines, entity);
      break;

    case VIGIE_ENTITY_HOTSPOT:
      describe_hotspot (lines, entity, thresholds);
      break;

    case VIGIE_ENTITY_ZONE:
    case VIGIE_ENTITY_CAR_PARK:
      describe_parking (lines, entity, thresholds);
      break;

    case VIGIE_ENTITY_LINE:
      {
        const char *line = vigie_entity_lookup_string (entity, "route_short_name");

        if (line != NULL)
          g_ptr_array_add (lines, g_strdup_printf (_("Line %s"), line));
      }
      break;

    case VIGIE_ENTITY_STOP:
    default:
      break;
    }

  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}
