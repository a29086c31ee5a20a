/* vigie-style-classify.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-style"

#include "config.h"

#include <math.h>

#include "vigie-style-private.h"

/* Entity → state: what a station, a hotspot, a car park or a tram is
 * doing, against the thresholds an operator set. Symbols, legends and
 * words all start from here. */

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

const VigieStyleThresholds *
vigie_style_ensure_thresholds (const VigieStyleThresholds *thresholds,
                               VigieStyleThresholds       *fallback)
{
  if (thresholds != NULL)
    return thresholds;

  vigie_style_thresholds_init (fallback);
  return fallback;
}

gboolean
vigie_style_lookup_flag (VigieEntity *entity,
                         const char  *key,
                         gboolean     fallback)
{
  gboolean value;

  if (vigie_entity_lookup_boolean (entity, key, &value))
    return value;

  return fallback;
}

/* A tram's line and destination as GTFS names them, or as SIRI does
 * (PublishedLineName, DestinationName) when a SIRI feed stands alone. */
const char *
vigie_style_tram_line (VigieEntity *entity)
{
  const char *line = vigie_entity_lookup_string (entity, "route_short_name");

  return line != NULL ? line : vigie_entity_lookup_string (entity, "line_name");
}

const char *
vigie_style_tram_headsign (VigieEntity *entity)
{
  const char *headsign = vigie_entity_lookup_string (entity, "headsign");

  return headsign != NULL ? headsign : vigie_entity_lookup_string (entity, "destination");
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

void
vigie_style_read_station (VigieEntity        *entity,
                          VigieStationCounts *counts)
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

VigieStationState
vigie_style_classify_station (VigieEntity                *entity,
                              const VigieStyleThresholds *thresholds)
{
  VigieStyleThresholds fallback;
  VigieStationCounts counts;
  gboolean is_virtual = vigie_style_lookup_flag (entity, "is_virtual", FALSE);

  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), VIGIE_STATION_UNKNOWN);

  thresholds = vigie_style_ensure_thresholds (thresholds, &fallback);
  vigie_style_read_station (entity, &counts);

  if (!vigie_style_lookup_flag (entity, "is_installed", TRUE))
    return VIGIE_STATION_NOT_INSTALLED;
  if (!vigie_style_lookup_flag (entity, "has_status", counts.known_vehicles) || !counts.known_vehicles)
    return VIGIE_STATION_UNKNOWN;
  if (!vigie_style_lookup_flag (entity, "is_renting", TRUE))
    return VIGIE_STATION_NOT_RENTING;
  if (!vigie_style_lookup_flag (entity, "is_returning", TRUE))
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

  if (vigie_style_lookup_flag (entity, "ghost", FALSE) ||
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

VigieLoadState
vigie_style_classify_hotspot (VigieEntity                *entity,
                              const VigieStyleThresholds *thresholds)
{
  VigieStyleThresholds fallback;
  gint64 clients, capacity, aps_up;
  double load;

  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), VIGIE_LOAD_UNKNOWN);

  thresholds = vigie_style_ensure_thresholds (thresholds, &fallback);

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

VigieLoadState
vigie_style_classify_parking (VigieEntity                *entity,
                              const VigieStyleThresholds *thresholds)
{
  VigieStyleThresholds fallback;
  double used, total, occupancy;

  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), VIGIE_LOAD_UNKNOWN);

  thresholds = vigie_style_ensure_thresholds (thresholds, &fallback);

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
        VigieStationCounts counts;

        vigie_style_read_station (entity, &counts);
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
