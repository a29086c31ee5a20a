/* vigie-departures-entities.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-departures"

#include "config.h"

#include "vigie-departures-private.h"
#include "vigie-entity.h"

/* Departures that stops carry themselves, when no timetable gives them:
 *
 * - "arrivals" (GTFS-Realtime TripUpdates, vigie-gtfs-rt-trips.c): a
 *   time, a delay, a status; the scheduled time is the time less the
 *   delay. Beside a timetable, only the trips it lacks (added trips).
 * - "departures" (SIRI StopMonitoring, vigie-siri-stops.c): aimed and
 *   expected times, line, destination, status. */

static const char *
lookup_text (VigieDepartures *self,
             GVariantDict    *values,
             const char      *key)
{
  const char *text = NULL;

  return g_variant_dict_lookup (values, key, "&s", &text) ? vigie_departures_intern (self, text) : NULL;
}

static gboolean
lookup_time (GVariantDict *values,
             const char   *key,
             gint64       *time)
{
  g_autoptr(GVariant) value = g_variant_dict_lookup_value (values, key, NULL);

  if (value == NULL)
    return FALSE;
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    *time = g_variant_get_int64 (value);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    *time = g_variant_get_int32 (value);
  else
    return FALSE;

  return TRUE;
}

static void
add_arrival (VigieDepartures *self,
             const char      *stop_id,
             GVariant        *arrival,
             VigieGtfs       *gtfs)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (arrival);
  VigieDeparture departure = { NULL, };
  const char *status = NULL;
  gint64 time = 0;

  departure.trip_id = lookup_text (self, &values, "trip_id");
  if (gtfs != NULL && vigie_gtfs_match_trip (gtfs, departure.trip_id) != NULL)
    return;
  if (!lookup_time (&values, "time", &time))
    return;

  departure.stop_id = vigie_departures_intern (self, stop_id);
  departure.route_id = lookup_text (self, &values, "route_id");
  departure.line = lookup_text (self, &values, "route_short_name");
  if (departure.line == NULL)
    departure.line = departure.route_id;
  departure.direction_id = -1;
  departure.source = VIGIE_DEPARTURE_REALTIME;
  departure.has_delay = lookup_time (&values, "delay_s", &departure.delay_s);
  departure.expected = time;
  departure.scheduled = departure.has_delay ? time - departure.delay_s : 0;

  g_variant_dict_lookup (&values, "status", "&s", &status);
  if (g_strcmp0 (status, "canceled") == 0)
    departure.state = VIGIE_DEPARTURE_CANCELED;
  else if (g_strcmp0 (status, "skipped") == 0)
    departure.state = VIGIE_DEPARTURE_SKIPPED;

  /* The feed's time is the arrival's, else the departure's: both. */
  vigie_departures_add (self, &departure, FALSE);
  vigie_departures_add (self, &departure, TRUE);
}

static void
add_siri_departure (VigieDepartures *self,
                    const char      *stop_id,
                    GVariant        *visit)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (visit);
  VigieDeparture departure = { NULL, };
  const char *status = NULL;
  gint64 aimed = 0, expected = 0;

  if (!lookup_time (&values, "aimed_departure", &aimed))
    lookup_time (&values, "aimed_arrival", &aimed);
  if (!lookup_time (&values, "expected_departure", &expected))
    lookup_time (&values, "expected_arrival", &expected);
  if (aimed == 0 && expected == 0)
    return;

  departure.stop_id = vigie_departures_intern (self, stop_id);
  departure.trip_id = lookup_text (self, &values, "trip_id");
  departure.route_id = lookup_text (self, &values, "line_ref");
  departure.line = lookup_text (self, &values, "line_name");
  if (departure.line == NULL)
    departure.line = departure.route_id;
  departure.headsign = lookup_text (self, &values, "destination");
  departure.direction_id = -1;
  departure.scheduled = aimed;
  departure.expected = expected;
  departure.source = expected != 0 ? VIGIE_DEPARTURE_REALTIME : VIGIE_DEPARTURE_TIMETABLE;
  if (aimed != 0 && expected != 0)
    {
      departure.delay_s = expected - aimed;
      departure.has_delay = TRUE;
    }
  else
    departure.has_delay = lookup_time (&values, "delay_s", &departure.delay_s);

  g_variant_dict_lookup (&values, "status", "&s", &status);
  if (status != NULL && (g_ascii_strcasecmp (status, "cancelled") == 0 || g_ascii_strcasecmp (status, "canceled") == 0))
    {
      departure.state = VIGIE_DEPARTURE_CANCELED;
      departure.source = VIGIE_DEPARTURE_REALTIME;
    }

  vigie_departures_add (self, &departure, FALSE);
}

/**
 * vigie_departures_add_entities:
 * @snapshot: a feed's snapshot
 * @gtfs: (nullable): its timetable, whose trips are counted already
 */
void
vigie_departures_add_entities (VigieDepartures *self,
                               VigieSnapshot   *snapshot,
                               VigieGtfs       *gtfs)
{
  for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
    {
      VigieEntity *entity = vigie_snapshot_get_entity (snapshot, i);
      g_autoptr(GVariant) arrivals = NULL;
      g_autoptr(GVariant) departures = NULL;
      GVariant *values;

      if (vigie_entity_get_kind (entity) != VIGIE_ENTITY_STOP)
        continue;

      values = vigie_entity_get_values (entity);
      arrivals = g_variant_lookup_value (values, "arrivals", G_VARIANT_TYPE ("aa{sv}"));
      departures = g_variant_lookup_value (values, "departures", G_VARIANT_TYPE ("aa{sv}"));

      for (gsize a = 0; arrivals != NULL && a < g_variant_n_children (arrivals); a++)
        {
          g_autoptr(GVariant) arrival = g_variant_get_child_value (arrivals, a);

          add_arrival (self, vigie_entity_get_id (entity), arrival, gtfs);
        }
      for (gsize d = 0; departures != NULL && d < g_variant_n_children (departures); d++)
        {
          g_autoptr(GVariant) visit = g_variant_get_child_value (departures, d);

          add_siri_departure (self, vigie_entity_get_id (entity), visit);
        }
    }
}
