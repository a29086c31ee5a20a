/* vigie-gtfs-rt-trips.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-gtfs-rt"

#include "config.h"

#include <math.h>

#include "vigie-entity.h"
#include "vigie-gtfs-rt-private.h"
#include "vigie-gtfs-rt-trips.h"
#include "vigie-snapshot.h"
#include "vigie-hash.h"
#include "vigie-string-set.h"

/* TripUpdates, gathered by stop: each stop a TripUpdate names by stop_id
 * becomes a VIGIE_ENTITY_STOP whose id is that stop_id, without a name or
 * a position (the GTFS format gives both when the feed links a timetable),
 * with the values:
 *
 *   arrivals  aa{sv}  the next ones at the stop, soonest first, at most
 *                     MAX_ARRIVALS; each with, when known:
 *       trip_id    s
 *       route_id   s
 *       time       x  predicted arrival (else departure), unix seconds
 *       delay_s    x  the arrival's (else departure's) delay, else the
 *                     one an earlier stop of the trip gives (the spec's
 *                     propagation), never across a NO_DATA stop
 *       status     s  "realtime" (a time or a delay), "no_data",
 *                     "skipped" (StopTimeUpdate SKIPPED) or "canceled"
 *                     (the trip is CANCELED or DELETED)
 *   source    s       "realtime"
 *
 * A stop given by its stop_sequence alone cannot be named without the
 * timetable: it is left out. A canceled trip that lists no stop appears
 * on no stop; the GTFS format then takes it off the trams the timetable
 * expects ("ghosts"). The trip's delay (TripUpdate.delay, else its first
 * stop's) goes on the vehicle of the same trip_id, in this feed
 * (vigie-gtfs-rt-feed.c) or in the vehicle positions beside it
 * (vigie_gtfs_rt_lookup_trip()). */

#define MAX_ARRIVALS 10

/* Tells our payload from another format's. */
#define TRIPS_MAGIC 0x47545254u

typedef struct
{
  char       *trip_id;
  char       *route_id;
  const char *status;
  gint64      time;      /* G_MAXINT64 when unknown: last */
  gint64      delay;
  gboolean    has_delay;
} Arrival;

/* What the feed says of a trip: its delay and cancellation for the
 * vehicles, its stops as they came for the departure boards
 * (vigie_gtfs_rt_lookup_trip_update()). */
typedef struct
{
  gint64                 delay;
  gboolean               has_delay;
  gboolean               canceled;
  VigieGtfsRtTripUpdate  update;
  VigieStringSet        *strings;
  GArray                *stops;    /* VigieGtfsRtStopUpdate */
} TripInfo;

typedef struct
{
  guint32     magic;
  GHashTable *trips;   /* trip_id → TripInfo */
} Payload;

struct _VigieGtfsRtTrips
{
  GHashTable *stops;       /* stop_id → GArray of Arrival */
  GPtrArray  *stop_ids;    /* as first seen, for a stable order */
  GHashTable *trips;       /* trip_id → TripInfo */
};

static void
clear_arrival (gpointer data)
{
  Arrival *arrival = data;

  g_free (arrival->trip_id);
  g_free (arrival->route_id);
}

static void
trip_info_free (gpointer data)
{
  TripInfo *info = data;

  vigie_string_set_free (info->strings);
  g_array_unref (info->stops);
  g_free (info);
}

static const char *
chunk_text (VigieStringSet *strings,
            const char   *text)
{
  return text != NULL && *text != '\0' ? vigie_string_set_add (strings, text) : NULL;
}

static void
payload_free (gpointer data)
{
  Payload *payload = data;

  g_hash_table_unref (payload->trips);
  g_free (payload);
}

VigieGtfsRtTrips *
vigie_gtfs_rt_trips_new (void)
{
  VigieGtfsRtTrips *self = g_new0 (VigieGtfsRtTrips, 1);

  self->stops = g_hash_table_new_full (vigie_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  self->stop_ids = g_ptr_array_new_with_free_func (g_free);
  self->trips = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, trip_info_free);

  return self;
}

void
vigie_gtfs_rt_trips_free (VigieGtfsRtTrips *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->stops);
  g_ptr_array_unref (self->stop_ids);
  g_clear_pointer (&self->trips, g_hash_table_unref);
  g_free (self);
}

static GArray *
get_stop (VigieGtfsRtTrips *self,
          char             *stop_id)
{
  GArray *arrivals = g_hash_table_lookup (self->stops, stop_id);

  if (arrivals == NULL)
    {
      arrivals = g_array_new (FALSE, FALSE, sizeof (Arrival));
      g_array_set_clear_func (arrivals, clear_arrival);
      g_ptr_array_add (self->stop_ids, stop_id);
      g_hash_table_insert (self->stops, stop_id, arrivals);
    }
  else
    g_free (stop_id);

  return arrivals;
}

/* The event's delay, when it has one. */
static gboolean
event_delay (TransitRealtime__TripUpdate__StopTimeEvent *event,
             gint64                                     *delay)
{
  if (event == NULL || !event->has_delay)
    return FALSE;

  *delay = event->delay;
  return TRUE;
}

static gboolean
event_time (TransitRealtime__TripUpdate__StopTimeEvent *event,
            gint64                                     *time)
{
  if (event == NULL || !event->has_time || event->time <= 0)
    return FALSE;

  *time = event->time;
  return TRUE;
}

void
vigie_gtfs_rt_trips_add (VigieGtfsRtTrips            *self,
                         TransitRealtime__TripUpdate *update)
{
  TransitRealtime__TripDescriptor *trip = update->trip;
  g_autofree char *trip_id = NULL;
  g_autofree char *route_id = NULL;
  TripInfo info = { 0, FALSE, FALSE, { NULL, }, NULL, NULL };
  gint64 propagated = 0;
  gboolean has_propagated = FALSE;

  if (trip != NULL)
    {
      trip_id = vigie_gtfs_rt_dup_text (trip->trip_id);
      route_id = vigie_gtfs_rt_dup_text (trip->route_id);
      info.canceled = trip->has_schedule_relationship &&
                      (trip->schedule_relationship == TRANSIT_REALTIME__TRIP_DESCRIPTOR__SCHEDULE_RELATIONSHIP__CANCELED ||
                       trip->schedule_relationship == TRANSIT_REALTIME__TRIP_DESCRIPTOR__SCHEDULE_RELATIONSHIP__DELETED);
    }

  if (update->has_delay)
    {
      info.delay = update->delay;
      info.has_delay = TRUE;
    }

  info.strings = vigie_string_set_new (64);
  info.stops = g_array_new (FALSE, TRUE, sizeof (VigieGtfsRtStopUpdate));
  info.update.trip_id = chunk_text (info.strings, trip_id);
  info.update.route_id = chunk_text (info.strings, route_id);
  info.update.start_date = trip != NULL ? chunk_text (info.strings, trip->start_date) : NULL;
  info.update.canceled = info.canceled;
  info.update.delay_s = info.delay;
  info.update.has_delay = info.has_delay;

  for (gsize i = 0; i < update->n_stop_time_update; i++)
    {
      TransitRealtime__TripUpdate__StopTimeUpdate *stop = update->stop_time_update[i];
      char *stop_id = vigie_gtfs_rt_dup_text (stop->stop_id);
      Arrival arrival = { NULL, NULL, "realtime", G_MAXINT64, 0, FALSE };
      gboolean has_time;
      int relationship = stop->has_schedule_relationship ? (int) stop->schedule_relationship : 0;

      has_time = event_time (stop->arrival, &arrival.time) || event_time (stop->departure, &arrival.time);

      if (relationship == TRANSIT_REALTIME__TRIP_UPDATE__STOP_TIME_UPDATE__SCHEDULE_RELATIONSHIP__NO_DATA)
        has_propagated = FALSE;
      else if (event_delay (stop->arrival, &arrival.delay) || event_delay (stop->departure, &arrival.delay))
        {
          arrival.has_delay = TRUE;
          propagated = arrival.delay;
          has_propagated = TRUE;
        }
      else if (has_propagated)
        {
          arrival.delay = propagated;
          arrival.has_delay = TRUE;
        }

      /* As it came: the boards apply the rules against the timetable. */
      {
        VigieGtfsRtStopUpdate raw = { NULL, };
        gint64 own_delay = 0;

        raw.stop_id = chunk_text (info.strings, stop_id);
        raw.has_stop_sequence = stop->has_stop_sequence;
        raw.stop_sequence = stop->stop_sequence;
        raw.relationship = relationship == TRANSIT_REALTIME__TRIP_UPDATE__STOP_TIME_UPDATE__SCHEDULE_RELATIONSHIP__SKIPPED ?
                           VIGIE_GTFS_RT_STOP_SKIPPED :
                           relationship == TRANSIT_REALTIME__TRIP_UPDATE__STOP_TIME_UPDATE__SCHEDULE_RELATIONSHIP__NO_DATA ?
                           VIGIE_GTFS_RT_STOP_NO_DATA : VIGIE_GTFS_RT_STOP_SCHEDULED;
        event_time (stop->arrival, &raw.arrival_time);
        event_time (stop->departure, &raw.departure_time);
        raw.has_delay = event_delay (stop->arrival, &own_delay) || event_delay (stop->departure, &own_delay);
        raw.delay_s = raw.has_delay ? own_delay : 0;
        if (raw.stop_id != NULL || raw.has_stop_sequence)
          g_array_append_val (info.stops, raw);
      }

      if (!info.has_delay && arrival.has_delay)
        {
          info.delay = arrival.delay;
          info.has_delay = TRUE;
        }

      if (info.canceled)
        arrival.status = "canceled";
      else if (relationship == TRANSIT_REALTIME__TRIP_UPDATE__STOP_TIME_UPDATE__SCHEDULE_RELATIONSHIP__SKIPPED)
        arrival.status = "skipped";
      else if (relationship == TRANSIT_REALTIME__TRIP_UPDATE__STOP_TIME_UPDATE__SCHEDULE_RELATIONSHIP__NO_DATA ||
               (!has_time && !arrival.has_delay))
        arrival.status = "no_data";

      if (stop_id == NULL)
        continue;

      arrival.trip_id = g_strdup (trip_id);
      arrival.route_id = g_strdup (route_id);
      g_array_append_val (get_stop (self, stop_id), arrival);
    }

  info.update.stops = (const VigieGtfsRtStopUpdate *) (gpointer) info.stops->data;
  info.update.n_stops = info.stops->len;
  if (!info.update.has_delay && info.has_delay)
    {
      info.update.delay_s = info.delay;
      info.update.has_delay = TRUE;
    }

  if (trip_id != NULL)
    g_hash_table_insert (self->trips, g_steal_pointer (&trip_id), g_memdup2 (&info, sizeof info));
  else
    {
      vigie_string_set_free (info.strings);
      g_array_unref (info.stops);
    }
}

/**
 * vigie_gtfs_rt_trips_lookup_delay:
 * @self: the trip updates of a feed
 * @trip_id: a trip
 * @delay_s: (out): its delay
 *
 * Returns: whether a trip update gave the trip's delay
 */
gboolean
vigie_gtfs_rt_trips_lookup_delay (VigieGtfsRtTrips *self,
                                  const char       *trip_id,
                                  gint64           *delay_s)
{
  TripInfo *info;

  /* A feed of vehicles alone: no trip id hashed for nothing. */
  if (g_hash_table_size (self->trips) == 0)
    return FALSE;

  info = g_hash_table_lookup (self->trips, trip_id);
  if (info == NULL || !info->has_delay || info->canceled)
    return FALSE;

  *delay_s = info->delay;
  return TRUE;
}

static int
compare_arrivals (gconstpointer a,
                  gconstpointer b)
{
  const Arrival *x = a;
  const Arrival *y = b;

  return (x->time > y->time) - (x->time < y->time);
}

static GVariant *
make_arrival (const Arrival *arrival)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

  if (arrival->trip_id != NULL)
    g_variant_dict_insert (&values, "trip_id", "s", arrival->trip_id);
  if (arrival->route_id != NULL)
    g_variant_dict_insert (&values, "route_id", "s", arrival->route_id);
  if (arrival->time != G_MAXINT64)
    g_variant_dict_insert (&values, "time", "x", arrival->time);
  if (arrival->has_delay)
    g_variant_dict_insert (&values, "delay_s", "x", arrival->delay);
  g_variant_dict_insert (&values, "status", "s", arrival->status);

  return g_variant_dict_end (&values);
}

/**
 * vigie_gtfs_rt_trips_finish:
 * @self: the trip updates of a feed
 * @snapshot: where to add the stops
 * @observed_at: the feed's time
 *
 * Adds a stop entity for each stop named, and hands the trips' delays and
 * cancellations to @snapshot for vigie_gtfs_rt_lookup_trip().
 */
void
vigie_gtfs_rt_trips_finish (VigieGtfsRtTrips *self,
                            VigieSnapshot    *snapshot,
                            gint64            observed_at)
{
  for (guint i = 0; i < self->stop_ids->len; i++)
    {
      const char *stop_id = g_ptr_array_index (self->stop_ids, i);
      GArray *arrivals = g_hash_table_lookup (self->stops, stop_id);
      g_auto(GVariantBuilder) list = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));
      g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

      /* Stable: arrivals of the same time keep the feed's order. */
      g_array_sort (arrivals, compare_arrivals);
      for (guint a = 0; a < MIN (arrivals->len, MAX_ARRIVALS); a++)
        g_variant_builder_add_value (&list, make_arrival (&g_array_index (arrivals, Arrival, a)));

      g_variant_dict_insert_value (&values, "arrivals", g_variant_builder_end (&list));
      g_variant_dict_insert (&values, "source", "s", "realtime");

      vigie_snapshot_add_entity (snapshot,
                                 vigie_entity_new (VIGIE_ENTITY_STOP, stop_id, NULL, NAN, NAN,
                                                   observed_at, g_variant_dict_end (&values)));
    }

  if (g_hash_table_size (self->trips) > 0)
    {
      Payload *payload = g_new0 (Payload, 1);

      payload->magic = TRIPS_MAGIC;
      payload->trips = g_steal_pointer (&self->trips);
      vigie_snapshot_set_payload (snapshot, payload, payload_free);
    }
}

/**
 * vigie_gtfs_rt_lookup_trip:
 * @snapshot: a snapshot of a GTFS-Realtime feed, or of another format
 * @trip_id: a trip
 * @delay_s: (out) (optional): the trip's delay, 0 when unknown
 * @canceled: (out) (optional): whether the trip is canceled
 *
 * What the feed's TripUpdates say of a trip, for the GTFS format to put
 * on the vehicles of another document.
 *
 * Returns: whether a TripUpdate named the trip and gave a delay or a
 *   cancellation
 */
gboolean
vigie_gtfs_rt_lookup_trip (VigieSnapshot *snapshot,
                           const char    *trip_id,
                           gint64        *delay_s,
                           gboolean      *canceled)
{
  Payload *payload;
  TripInfo *info;

  g_return_val_if_fail (snapshot != NULL, FALSE);

  payload = vigie_snapshot_get_payload (snapshot);
  if (trip_id == NULL || payload == NULL || payload->magic != TRIPS_MAGIC)
    return FALSE;

  info = g_hash_table_lookup (payload->trips, trip_id);
  if (info == NULL || (!info->has_delay && !info->canceled))
    return FALSE;

  if (delay_s != NULL)
    *delay_s = info->has_delay ? info->delay : 0;
  if (canceled != NULL)
    *canceled = info->canceled;

  return TRUE;
}

static Payload *
get_payload (VigieSnapshot *snapshot)
{
  Payload *payload = vigie_snapshot_get_payload (snapshot);

  return payload != NULL && payload->magic == TRIPS_MAGIC ? payload : NULL;
}

/**
 * vigie_gtfs_rt_lookup_trip_update:
 * @snapshot: a snapshot of a GTFS-Realtime feed, or of another format
 * @trip_id: a trip
 *
 * Returns: (nullable) (transfer none): what the feed's TripUpdate says of
 *   @trip_id, owned by @snapshot
 */
const VigieGtfsRtTripUpdate *
vigie_gtfs_rt_lookup_trip_update (VigieSnapshot *snapshot,
                                  const char    *trip_id)
{
  Payload *payload;
  TripInfo *info;

  g_return_val_if_fail (snapshot != NULL, NULL);

  if (trip_id == NULL || (payload = get_payload (snapshot)) == NULL)
    return NULL;

  info = g_hash_table_lookup (payload->trips, trip_id);
  return info != NULL ? &info->update : NULL;
}

/**
 * vigie_gtfs_rt_list_trip_updates:
 * @snapshot: a snapshot of a GTFS-Realtime feed, or of another format
 *
 * Returns: (transfer container) (element-type VigieGtfsRtTripUpdate): the
 *   feed's trip updates, owned by @snapshot, in no order
 */
GPtrArray *
vigie_gtfs_rt_list_trip_updates (VigieSnapshot *snapshot)
{
  GPtrArray *list = g_ptr_array_new ();
  Payload *payload;
  GHashTableIter iter;
  TripInfo *info;

  g_return_val_if_fail (snapshot != NULL, list);

  if ((payload = get_payload (snapshot)) == NULL)
    return list;

  g_hash_table_iter_init (&iter, payload->trips);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &info))
    g_ptr_array_add (list, &info->update);

  return list;
}
