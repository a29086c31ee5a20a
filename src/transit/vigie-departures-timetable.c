/* vigie-departures-timetable.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-departures"

#include "config.h"

#include "vigie-departures-private.h"
#include "vigie-entity.h"
#include "vigie-gtfs-rt-trips.h"

/* Departures from a GTFS timetable, trip by trip, for every service day
 * that has trips in the window (yesterday's run past midnight with times
 * over 24:00:00, tomorrow's first trips late in the evening). Over each
 * trip, in this order:
 *
 * - its TripUpdate (real time), by the specification's rules: a stop's
 *   own time or delay; a stop without one takes the delay of the last
 *   earlier stop that gave one (propagation), never across a NO_DATA
 *   stop; SKIPPED marks the stop skipped; a CANCELED trip is canceled at
 *   every stop;
 * - else, the delay of the real vehicle running it (from its position
 *   along the shape, vigie_gtfs_enrich_vehicle()), carried to the stops
 *   ahead: predicted;
 * - else the timetable.
 *
 * A TripUpdate or a vehicle belongs to the service day whose run it
 * matches: the TripUpdate's start_date, else the run nearest in time
 * (within half a day); a vehicle, the run its delay puts it in. */

#define DAY_S (24 * 60 * 60)

/* A vehicle this far from its trip's run belongs to another day's. */
#define RUN_SLACK_S (60 * 60)

typedef struct
{
  gint64 delay_s;
  gint64 observed_at;
} Vehicle;

typedef struct
{
  VigieDepartures *self;
  VigieGtfs       *gtfs;
  GTimeZone       *zone;
  GHashTable      *updates;    /* VigieGtfsTrip * → VigieGtfsRtTripUpdate * */
  GHashTable      *vehicles;   /* VigieGtfsTrip * → Vehicle */
} Builder;

static gint64
service_day_start (GTimeZone   *zone,
                   const GDate *date)
{
  g_autoptr(GDateTime) noon = g_date_time_new (zone, g_date_get_year (date), g_date_get_month (date),
                                               g_date_get_day (date), 12, 0, 0);

  return noon != NULL ? g_date_time_to_unix (noon) - DAY_S / 2 : 0;
}

static void
date_to_text (const GDate *date,
              char         text[9])
{
  g_snprintf (text, 9, "%04u%02u%02u", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static void
index_updates (Builder       *builder,
               VigieSnapshot *trip_updates)
{
  g_autoptr(GPtrArray) list = NULL;

  if (trip_updates == NULL)
    return;

  list = vigie_gtfs_rt_list_trip_updates (trip_updates);
  for (guint i = 0; i < list->len; i++)
    {
      const VigieGtfsRtTripUpdate *update = g_ptr_array_index (list, i);
      const VigieGtfsTrip *trip = vigie_gtfs_match_trip (builder->gtfs, update->trip_id);

      if (trip != NULL)
        g_hash_table_insert (builder->updates, (gpointer) trip, (gpointer) update);
    }
}

/* The real vehicles (not the timetable's nor ghosts) that know their
 * delay. */
static void
index_vehicles (Builder       *builder,
                VigieSnapshot *combined)
{
  for (guint i = 0; i < vigie_snapshot_get_n_entities (combined); i++)
    {
      VigieEntity *entity = vigie_snapshot_get_entity (combined, i);
      const VigieGtfsTrip *trip;
      Vehicle *vehicle;
      gint64 delay;

      if (vigie_entity_get_kind (entity) != VIGIE_ENTITY_VEHICLE ||
          g_strcmp0 (vigie_entity_lookup_string (entity, "source"), "schedule") == 0 ||
          !vigie_entity_lookup_int (entity, "delay_s", &delay))
        continue;

      trip = vigie_gtfs_match_trip (builder->gtfs, vigie_entity_lookup_string (entity, "trip_id"));
      if (trip == NULL)
        continue;

      vehicle = g_new (Vehicle, 1);
      vehicle->delay_s = delay;
      vehicle->observed_at = vigie_entity_get_observed_at (entity);
      g_hash_table_insert (builder->vehicles, (gpointer) trip, vehicle);
    }
}

/* The stop time each of the update's stops names, in order: stops are
 * listed by stop_sequence, so a trip that passes a stop twice matches
 * the next one. Sequence-only stops are matched by position (sequence
 * 1 first). */
static void
match_updates (VigieGtfs                   *gtfs,
               const VigieGtfsStopTime     *times,
               guint                        n,
               const VigieGtfsRtTripUpdate *update,
               int                         *matched)
{
  const VigieGtfsStop *stops = vigie_gtfs_get_stops (gtfs, NULL);
  guint i = 0;

  for (guint k = 0; k < n; k++)
    matched[k] = -1;

  for (guint u = 0; u < update->n_stops; u++)
    {
      const VigieGtfsRtStopUpdate *stop = &update->stops[u];

      if (stop->stop_id == NULL)
        {
          if (stop->has_stop_sequence && stop->stop_sequence >= 1 && stop->stop_sequence <= n &&
              stop->stop_sequence - 1 >= i)
            {
              i = stop->stop_sequence - 1;
              matched[i++] = (int) u;
            }
          continue;
        }

      for (guint k = i; k < n; k++)
        if (g_str_equal (stops[times[k].stop].id, stop->stop_id))
          {
            matched[k] = (int) u;
            i = k + 1;
            break;
          }
    }
}

/* At the stop and at its station. */
static void
add_at_stop (VigieDepartures     *self,
             const VigieGtfsStop *stop,
             VigieDeparture      *departure,
             gboolean             arrival)
{
  departure->stop_id = vigie_departures_intern (self, stop->id);
  vigie_departures_add (self, departure, arrival);
  if (stop->parent_station != NULL)
    {
      departure->stop_id = vigie_departures_intern (self, stop->parent_station);
      vigie_departures_add (self, departure, arrival);
    }
}

static void
add_trip (Builder             *builder,
          const VigieGtfsTrip *trip,
          gint64               day_start,
          const char          *day_text)
{
  VigieDepartures *self = builder->self;
  const VigieGtfsStop *stops = vigie_gtfs_get_stops (builder->gtfs, NULL);
  const VigieGtfsRoute *route = vigie_gtfs_trip_get_route (builder->gtfs, trip);
  const VigieGtfsRtTripUpdate *update = g_hash_table_lookup (builder->updates, trip);
  const Vehicle *vehicle = g_hash_table_lookup (builder->vehicles, trip);
  const VigieGtfsStopTime *times;
  g_autofree int *matched = NULL;
  VigieDeparture departure = { NULL, };
  gint64 first, last, propagated = 0;
  gboolean has_propagated = FALSE;
  guint n;

  times = vigie_gtfs_trip_get_stop_times (builder->gtfs, trip, &n);
  if (n < 2)
    return;

  first = day_start + times[0].departure;
  last = day_start + times[n - 2].departure;

  /* Each to its own day's run. */
  if (update != NULL && update->start_date != NULL && !g_str_equal (update->start_date, day_text))
    update = NULL;
  /* Without a date, the run nearest now: within half a day of it. */
  if (update != NULL && update->start_date == NULL &&
      (self->now < first - DAY_S / 2 || self->now > last + DAY_S / 2))
    update = NULL;
  if (vehicle != NULL &&
      (vehicle->observed_at < first + vehicle->delay_s - RUN_SLACK_S ||
       vehicle->observed_at > last + vehicle->delay_s + RUN_SLACK_S))
    vehicle = NULL;

  /* Nothing of this run in the window, even late. */
  if (last + (update != NULL || vehicle != NULL ? RUN_SLACK_S * 3 : 0) < self->now - VIGIE_DEPARTURES_GRACE_S ||
      first > self->now + VIGIE_DEPARTURES_HORIZON_S)
    return;

  if (update != NULL)
    {
      matched = g_new (int, n);
      match_updates (builder->gtfs, times, n, update, matched);
      if (update->has_delay)
        {
          /* TripUpdate.delay holds until a stop says otherwise. */
          propagated = update->delay_s;
          has_propagated = TRUE;
        }
    }

  departure.trip_id = vigie_departures_intern (self, trip->id);
  departure.route_id = vigie_departures_intern (self, route->id);
  departure.line = vigie_departures_intern (self, *route->short_name != '\0' ? route->short_name : route->id);
  departure.color = vigie_departures_intern (self, route->color);
  departure.text_color = vigie_departures_intern (self, route->text_color);
  departure.headsign = vigie_departures_intern (self, *trip->headsign != '\0' ? trip->headsign
                                                                              : stops[times[n - 1].stop].name);
  departure.direction_id = trip->direction_id;

  for (guint i = 0; i < n; i++)
    {
      const VigieGtfsStop *stop = &stops[times[i].stop];
      const VigieGtfsRtStopUpdate *stop_update = NULL;
      gint64 scheduled_arrival = day_start + times[i].arrival;
      gint64 scheduled_departure = day_start + times[i].departure;
      gint64 arrival_delay = 0, departure_delay = 0;
      gboolean has_arrival_delay = FALSE, has_departure_delay = FALSE;
      VigieDepartureSource source = VIGIE_DEPARTURE_TIMETABLE;
      VigieDepartureState state = VIGIE_DEPARTURE_RUNS;

      if (update != NULL && matched[i] >= 0)
        stop_update = &update->stops[matched[i]];

      if (update != NULL && update->canceled)
        {
          source = VIGIE_DEPARTURE_REALTIME;
          state = VIGIE_DEPARTURE_CANCELED;
        }
      else if (stop_update != NULL && stop_update->relationship == VIGIE_GTFS_RT_STOP_NO_DATA)
        has_propagated = FALSE;
      else if (update != NULL)
        {
          /* The arrival's time or delay, else the one carried from
           * before; the departure's own, else the arrival's. */
          if (stop_update != NULL && stop_update->arrival_time > 0)
            propagated = stop_update->arrival_time - scheduled_arrival, has_propagated = TRUE;
          else if (stop_update != NULL && stop_update->has_delay && stop_update->departure_time == 0)
            propagated = stop_update->delay_s, has_propagated = TRUE;
          arrival_delay = propagated;
          has_arrival_delay = has_propagated;

          if (stop_update != NULL && stop_update->departure_time > 0)
            propagated = stop_update->departure_time - scheduled_departure, has_propagated = TRUE;
          else if (stop_update != NULL && stop_update->has_delay && stop_update->arrival_time == 0)
            propagated = stop_update->delay_s, has_propagated = TRUE;
          departure_delay = propagated;
          has_departure_delay = has_propagated;
          if (!has_arrival_delay && has_departure_delay)
            arrival_delay = departure_delay, has_arrival_delay = TRUE;

          if (has_departure_delay)
            source = VIGIE_DEPARTURE_REALTIME;
          if (stop_update != NULL && stop_update->relationship == VIGIE_GTFS_RT_STOP_SKIPPED)
            {
              source = VIGIE_DEPARTURE_REALTIME;
              state = VIGIE_DEPARTURE_SKIPPED;
            }
        }

      /* Behind the first stop the update names: the vehicle, if any. */
      if (source == VIGIE_DEPARTURE_TIMETABLE && vehicle != NULL &&
          (stop_update == NULL || stop_update->relationship != VIGIE_GTFS_RT_STOP_NO_DATA))
        {
          arrival_delay = departure_delay = vehicle->delay_s;
          has_arrival_delay = has_departure_delay = TRUE;
          source = VIGIE_DEPARTURE_PREDICTED;
        }

      departure.source = source;
      departure.state = state;

      /* The last stop has no departure, the first no arrival. */
      if (i + 1 < n)
        {
          departure.scheduled = scheduled_departure;
          departure.has_delay = has_departure_delay;
          departure.delay_s = has_departure_delay ? departure_delay : 0;
          departure.expected = has_departure_delay ? scheduled_departure + departure_delay : 0;
          add_at_stop (self, stop, &departure, FALSE);
        }
      if (i > 0)
        {
          departure.scheduled = scheduled_arrival;
          departure.has_delay = has_arrival_delay;
          departure.delay_s = has_arrival_delay ? arrival_delay : 0;
          departure.expected = has_arrival_delay ? scheduled_arrival + arrival_delay : 0;
          add_at_stop (self, stop, &departure, TRUE);
        }
    }
}

/**
 * vigie_departures_add_timetable:
 * @gtfs: a feed's timetable
 * @trip_updates: (nullable): the snapshot its trip updates came in
 * @combined: the feed's snapshot, for its real vehicles
 */
void
vigie_departures_add_timetable (VigieDepartures *self,
                                VigieGtfs       *gtfs,
                                VigieSnapshot   *trip_updates,
                                VigieSnapshot   *combined)
{
  Builder builder = { self, gtfs, vigie_gtfs_get_timezone (gtfs), NULL, NULL };
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (self->now);
  g_autoptr(GDateTime) local = NULL;
  g_autofree gboolean *active = NULL;
  const VigieGtfsTrip *trips;
  guint n_trips, n_services = vigie_gtfs_get_n_services (gtfs);
  gint32 max_time = 0;
  GDate today;

  if (utc == NULL || builder.zone == NULL)
    return;

  trips = vigie_gtfs_get_trips (gtfs, &n_trips);
  for (guint i = 0; i < n_trips; i++)
    {
      guint n;
      const VigieGtfsStopTime *times = vigie_gtfs_trip_get_stop_times (gtfs, &trips[i], &n);

      if (n > 0)
        max_time = MAX (max_time, times[n - 1].arrival);
    }

  builder.updates = g_hash_table_new (NULL, NULL);
  builder.vehicles = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  index_updates (&builder, trip_updates);
  index_vehicles (&builder, combined);

  local = g_date_time_to_timezone (utc, builder.zone);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local), (GDateYear) g_date_time_get_year (local));
  active = g_new (gboolean, MAX (n_services, 1));

  /* From tomorrow (the window may pass midnight) back to the earliest day
   * whose trips still run now. */
  for (int back = -1; back <= max_time / DAY_S; back++)
    {
      GDate day = today;
      char day_text[9];
      gint64 day_start;

      if (back < 0)
        g_date_add_days (&day, (guint) -back);
      else
        g_date_subtract_days (&day, (guint) back);

      day_start = service_day_start (builder.zone, &day);
      date_to_text (&day, day_text);
      for (guint s = 0; s < n_services; s++)
        active[s] = vigie_gtfs_service_is_active (gtfs, s, &day);

      for (guint i = 0; i < n_trips; i++)
        if (trips[i].service < n_services && active[trips[i].service])
          add_trip (&builder, &trips[i], day_start, day_text);
    }

  g_hash_table_unref (builder.updates);
  g_hash_table_unref (builder.vehicles);
}
