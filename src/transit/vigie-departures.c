/* vigie-departures.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-departures"

#include "config.h"

#include "vigie-departures-private.h"
#include "vigie-gtfs-sources.h"

/* A feed's departure boards: for each stop, the departures of the next
 * VIGIE_DEPARTURES_HORIZON_S, soonest first. A GTFS feed's are made from
 * its timetable, with its trip updates (real time) or, failing them, its
 * vehicles' progress (predicted) laid over it
 * (vigie-departures-timetable.c); a feed without a timetable gives the
 * departures its stops carry (vigie-departures-entities.c). Built in the
 * feed's worker: the main thread only looks a stop up. */

G_DEFINE_BOXED_TYPE (VigieDepartures, vigie_departures, vigie_departures_ref, vigie_departures_unref)

static VigieDepartures *
departures_new (gint64 now)
{
  VigieDepartures *self = g_new0 (VigieDepartures, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->now = now;
  self->strings = g_string_chunk_new (1024);
  self->stops = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  self->arrivals = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);

  return self;
}

VigieDepartures *
vigie_departures_ref (VigieDepartures *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
vigie_departures_unref (VigieDepartures *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_hash_table_unref (self->stops);
  g_hash_table_unref (self->arrivals);
  g_string_chunk_free (self->strings);
  g_free (self);
}

const char *
vigie_departures_intern (VigieDepartures *self,
                         const char      *text)
{
  return text != NULL && *text != '\0' ? g_string_chunk_insert_const (self->strings, text) : NULL;
}

gboolean
vigie_departures_in_window (VigieDepartures *self,
                            gint64           time)
{
  return time >= self->now - VIGIE_DEPARTURES_GRACE_S && time <= self->now + VIGIE_DEPARTURES_HORIZON_S;
}

/* @departure's strings must be interned already; an @arrival's times
 * are those of its arrival. */
void
vigie_departures_add (VigieDepartures      *self,
                      const VigieDeparture *departure,
                      gboolean              arrival)
{
  GHashTable *table = arrival ? self->arrivals : self->stops;
  GArray *list;

  g_assert (departure->stop_id != NULL);

  if (!vigie_departures_in_window (self, vigie_departure_get_time (departure)))
    return;

  list = g_hash_table_lookup (table, departure->stop_id);
  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (VigieDeparture));
      g_hash_table_insert (table, (gpointer) departure->stop_id, list);
    }
  g_array_append_vals (list, departure, 1);
}

static int
compare_departures (gconstpointer a,
                    gconstpointer b)
{
  gint64 x = vigie_departure_get_time (a);
  gint64 y = vigie_departure_get_time (b);

  if (x != y)
    return (x > y) - (x < y);
  return g_strcmp0 (((const VigieDeparture *) a)->line, ((const VigieDeparture *) b)->line);
}

static void
finish (GHashTable *table)
{
  GHashTableIter iter;
  GArray *list;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &list))
    {
      g_array_sort (list, compare_departures);
      if (list->len > VIGIE_DEPARTURES_MAX_PER_STOP)
        g_array_set_size (list, VIGIE_DEPARTURES_MAX_PER_STOP);
    }
}

/**
 * vigie_departures_build:
 * @snapshot: a feed's snapshot, as prepared
 * @now: the moment, unix seconds
 *
 * Runs in the feed's worker, after each update.
 *
 * Returns: (transfer full): the departures at @snapshot's stops
 */
VigieDepartures *
vigie_departures_build (VigieSnapshot *snapshot,
                        gint64         now)
{
  VigieDepartures *self;
  VigieGtfs *gtfs = NULL;
  VigieSnapshot *trip_updates = NULL;

  g_return_val_if_fail (snapshot != NULL, NULL);

  self = departures_new (now);

  if (vigie_gtfs_sources_get (snapshot, &gtfs, &trip_updates) && gtfs != NULL)
    vigie_departures_add_timetable (self, gtfs, trip_updates, snapshot);
  vigie_departures_add_entities (self, snapshot, gtfs);

  finish (self->stops);
  finish (self->arrivals);
  return self;
}

gint64
vigie_departures_get_now (VigieDepartures *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->now;
}

guint
vigie_departures_get_n_stops (VigieDepartures *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->stops);
}

/**
 * vigie_departures_lookup:
 * @self: a feed's departures
 * @stop_id: a stop, or a station (its platforms' departures)
 * @n_departures: (out): how many
 *
 * Returns: (array length=n_departures) (nullable): the stop's departures,
 *   soonest first, owned by @self
 */
const VigieDeparture *
vigie_departures_lookup (VigieDepartures *self,
                         const char      *stop_id,
                         guint           *n_departures)
{
  GArray *list;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_departures != NULL, NULL);

  list = stop_id != NULL ? g_hash_table_lookup (self->stops, stop_id) : NULL;
  *n_departures = list != NULL ? list->len : 0;

  return list != NULL && list->len > 0 ? (const VigieDeparture *) (gpointer) list->data : NULL;
}

/**
 * vigie_departures_lookup_arrivals:
 * @self: a feed's departures
 * @stop_id: a stop, or a station
 * @n_arrivals: (out): how many
 *
 * The trips that arrive at @stop_id, terminus included, as departures
 * whose times are their arrival's.
 *
 * Returns: (array length=n_arrivals) (nullable): soonest first, owned by @self
 */
const VigieDeparture *
vigie_departures_lookup_arrivals (VigieDepartures *self,
                                  const char      *stop_id,
                                  guint           *n_arrivals)
{
  GArray *list;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_arrivals != NULL, NULL);

  list = stop_id != NULL ? g_hash_table_lookup (self->arrivals, stop_id) : NULL;
  *n_arrivals = list != NULL ? list->len : 0;

  return list != NULL && list->len > 0 ? (const VigieDeparture *) (gpointer) list->data : NULL;
}

/**
 * vigie_departure_get_time:
 * @departure: a departure
 *
 * Returns: when it leaves: the expected time, else the scheduled one
 */
gint64
vigie_departure_get_time (const VigieDeparture *departure)
{
  g_return_val_if_fail (departure != NULL, 0);

  return departure->expected != 0 ? departure->expected : departure->scheduled;
}
