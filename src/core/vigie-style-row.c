/* vigie-style-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-style"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-number.h"
#include "vigie-style-private.h"
#include "vigie-style-row.h"

/* The words of one entity in a layer's list: its state in a word or two
 * and its main value, short enough for a table's cell, each with what
 * the table sorts it by. Plain text, never markup. */

enum {
  /* Trams beyond the delays' own order. */
  RANK_TRAM_GHOST = VIGIE_TRAM_DELAY_VERY_LATE + 1,
  RANK_TRAM_CANCELED,
  /* Things without a state of their own sort after the others. */
  RANK_NONE = 100,
};

static const char *
tram_state (VigieEntity *entity,
            int         *rank)
{
  VigieTramDelay delay;

  if (vigie_style_lookup_flag (entity, "canceled", FALSE))
    {
      *rank = RANK_TRAM_CANCELED;
      return _("Canceled");
    }
  if (vigie_style_lookup_flag (entity, "ghost", FALSE))
    {
      *rank = RANK_TRAM_GHOST;
      return _("Scheduled, no real-time position (missing?)");
    }

  delay = vigie_style_classify_tram_delay (entity);
  *rank = delay;

  switch (delay)
    {
    case VIGIE_TRAM_DELAY_EARLY:
      return _("Early by 1 min or more");
    case VIGIE_TRAM_DELAY_ON_TIME:
      return _("On time");
    case VIGIE_TRAM_DELAY_LATE:
      return _("Late by 1 to 3 min");
    case VIGIE_TRAM_DELAY_VERY_LATE:
      return _("Late by more than 3 min");
    case VIGIE_TRAM_DELAY_UNKNOWN:
    default:
      /* Translators: a tram's state in a layer's list, when its feed gives no delay. */
      return _("Delay unknown");
    }
}

static const char *
vehicle_state (VigieEntity *entity,
               int         *rank)
{
  if (vigie_style_lookup_flag (entity, "is_disabled", FALSE))
    {
      *rank = 0;
      return _("Out of service");
    }
  if (vigie_style_lookup_flag (entity, "is_reserved", FALSE))
    {
      *rank = 1;
      return _("Reserved");
    }

  *rank = 2;
  return _("Available");
}

/**
 * vigie_style_row_state:
 * @kind: the kind of feed @entity came from
 * @entity: an entity
 * @thresholds: (nullable): the thresholds, or %NULL for the defaults
 * @rank: (out) (optional): where the state sorts, from the emptiest or
 *   earliest to the fullest or latest, things without a state last
 *
 * Returns: (transfer none): @entity's state in words, as the legend and
 *   the details name it: "Nearly empty", "Late by 1 to 3 min"
 */
const char *
vigie_style_row_state (VigieFeedKind               kind,
                       VigieEntity                *entity,
                       const VigieStyleThresholds *thresholds,
                       int                        *rank)
{
  VigieStyleThresholds fallback;
  int unused;

  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), NULL);

  thresholds = vigie_style_ensure_thresholds (thresholds, &fallback);
  if (rank == NULL)
    rank = &unused;
  *rank = RANK_NONE;

  switch (vigie_entity_get_kind (entity))
    {
    case VIGIE_ENTITY_STATION:
      {
        VigieStationState state = vigie_style_classify_station (entity, thresholds);

        *rank = state;
        return vigie_style_station_state_title (state);
      }

    case VIGIE_ENTITY_VEHICLE:
      if (kind == VIGIE_FEED_KIND_TRAMS || kind == VIGIE_FEED_KIND_TRAINS)
        return tram_state (entity, rank);
      return vehicle_state (entity, rank);

    case VIGIE_ENTITY_HOTSPOT:
      {
        VigieLoadState state = vigie_style_classify_hotspot (entity, thresholds);

        *rank = state;
        return vigie_style_load_state_title (state);
      }

    case VIGIE_ENTITY_ZONE:
    case VIGIE_ENTITY_CAR_PARK:
      {
        VigieLoadState state;

        if (vigie_style_lookup_flag (entity, "geofencing", FALSE))
          /* Translators: a geofencing zone's state in a layer's list: the rules of a shared-vehicle area. */
          return _("Riding rules");

        state = vigie_style_classify_parking (entity, thresholds);
        *rank = state;
        return vigie_style_load_state_title (state);
      }

    case VIGIE_ENTITY_STOP:
      return kind == VIGIE_FEED_KIND_TRAINS ? _("Train station") : _("Stop");

    case VIGIE_ENTITY_LINE:
      if (vigie_style_lookup_flag (entity, "alert", FALSE))
        return vigie_style_lookup_flag (entity, "active", TRUE) ? _("In force now") : _("Not in force now");
      /* Translators: a transit line's path, as a row of a layer's list. */
      return _("Line path");

    default:
      return "";
    }
}

static char *
station_value (VigieFeedKind  kind,
               VigieEntity   *entity,
               double        *sort_value)
{
  gboolean bikes = kind != VIGIE_FEED_KIND_CAR_SHARE;
  g_autofree char *vehicles_text = NULL;
  g_autofree char *capacity_text = NULL;
  VigieStationCounts counts;

  vigie_style_read_station (entity, &counts);
  if (!counts.known_vehicles)
    return g_strdup ("");

  *sort_value = counts.vehicles;
  vehicles_text = vigie_format_count (counts.vehicles);
  if (!counts.known_capacity)
    return g_strdup_printf (bikes ? g_dngettext (GETTEXT_PACKAGE, "%s bike", "%s bikes", counts.vehicles)
                                  : g_dngettext (GETTEXT_PACKAGE, "%s car", "%s cars", counts.vehicles),
                            vehicles_text);

  capacity_text = vigie_format_count (counts.capacity);
  /* Translators: a station's vehicles over its places, in a layer's list: "3 bikes / 12 docks" ("places" in French). */
  return g_strdup_printf (bikes ? g_dngettext (GETTEXT_PACKAGE, "%s bike / %s docks", "%s bikes / %s docks", counts.vehicles)
                                : g_dngettext (GETTEXT_PACKAGE, "%s car / %s places", "%s cars / %s places", counts.vehicles),
                          vehicles_text, capacity_text);
}

static char *
tram_value (VigieEntity *entity,
            double      *sort_value)
{
  gint64 delay;
  int minutes;

  if (vigie_style_lookup_flag (entity, "ghost", FALSE) || !vigie_entity_lookup_int (entity, "delay_s", &delay))
    return g_strdup ("");

  *sort_value = delay;
  /* Whole minutes, as the legend's classes count them. */
  minutes = (int) (ABS (delay) / 60);
  if (delay < 0 && minutes > 0)
    /* Translators: a tram's delay in a layer's list, when early: "−2 min" (a minus sign, U+2212). */
    return g_strdup_printf (_("−%d min"), minutes);

  /* Translators: a tram's delay in a layer's list: "+4 min"; "+0 min" on time. */
  return g_strdup_printf (_("+%d min"), minutes);
}

static char *
vehicle_value (VigieEntity *entity,
               double      *sort_value)
{
  double fuel, range_m;

  if (vigie_entity_lookup_double (entity, "fuel_percent", &fuel) && isfinite (fuel))
    {
      fuel = fuel <= 1.0 ? fuel * 100.0 : fuel;
      *sort_value = fuel;
      return g_strdup_printf (_("Charge: %.0f %%"), fuel);
    }
  if (vigie_entity_lookup_double (entity, "range_m", &range_m) && isfinite (range_m))
    {
      *sort_value = range_m;
      return g_strdup_printf (_("Range: %.0f km"), range_m / 1000.0);
    }

  return g_strdup ("");
}

/**
 * vigie_style_row_value:
 * @kind: the kind of feed @entity came from
 * @entity: an entity
 * @sort_value: (out) (optional): what the value sorts by (vehicles,
 *   delay in seconds, occupancy, clients), %VIGIE_STYLE_ROW_NO_VALUE
 *   without one
 *
 * Returns: (transfer full): @entity's main value in a few words: "3 bikes
 *   / 12 places", "78 %", "+4 min", "23 clients"; "" without one
 */
char *
vigie_style_row_value (VigieFeedKind  kind,
                       VigieEntity   *entity,
                       double        *sort_value)
{
  double unused;

  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), NULL);

  if (sort_value == NULL)
    sort_value = &unused;
  *sort_value = VIGIE_STYLE_ROW_NO_VALUE;

  switch (vigie_entity_get_kind (entity))
    {
    case VIGIE_ENTITY_STATION:
      return station_value (kind, entity, sort_value);

    case VIGIE_ENTITY_VEHICLE:
      if (kind == VIGIE_FEED_KIND_TRAMS || kind == VIGIE_FEED_KIND_TRAINS)
        return tram_value (entity, sort_value);
      return vehicle_value (entity, sort_value);

    case VIGIE_ENTITY_HOTSPOT:
      {
        gint64 clients;
        g_autofree char *clients_text = NULL;

        if (!vigie_entity_lookup_int (entity, "clients", &clients))
          return g_strdup ("");

        *sort_value = clients;
        clients_text = vigie_format_count (clients);
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s client", "%s clients", clients), clients_text);
      }

    case VIGIE_ENTITY_ZONE:
    case VIGIE_ENTITY_CAR_PARK:
      {
        double used, total;

        if (vigie_style_lookup_flag (entity, "geofencing", FALSE) ||
            !vigie_style_entity_fill (entity, &used, &total))
          return g_strdup ("");

        *sort_value = used / total;
        return g_strdup_printf (_("%d %%"), (int) round (100.0 * used / total));
      }

    case VIGIE_ENTITY_LINE:
      {
        const char *line = vigie_entity_lookup_string (entity, "route_short_name");

        return line != NULL ? g_strdup_printf (_("Line %s"), line) : g_strdup ("");
      }

    case VIGIE_ENTITY_STOP:
    default:
      return g_strdup ("");
    }
}
