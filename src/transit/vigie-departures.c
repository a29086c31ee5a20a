/* vigie-departures.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-departures"

#include "config.h"

#include "vigie-departures-private.h"
#include "vigie-entity.h"
#include "vigie-gtfs-sources.h"
#include "vigie-hash.h"
#include "vigie-thread.h"

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
  self->strings = vigie_string_set_new (1024);
  self->stops = g_hash_table_new_full (vigie_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  self->arrivals = g_hash_table_new_full (vigie_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);

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
  g_clear_pointer (&self->wanted, g_hash_table_unref);
  vigie_string_set_free (self->strings);
  g_free (self);
}

static gpointer
unref_thread (gpointer data)
{
  vigie_thread_make_background ();
  vigie_departures_unref (data);
  return NULL;
}

/**
 * vigie_departures_unref_in_thread:
 * @self: departures
 *
 * Lets go of @self; when it was the last reference to a large network's
 * boards, they are freed in a thread of their own, not on the main
 * thread.
 */
void
vigie_departures_unref_in_thread (VigieDepartures *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_compare (&self->ref_count, 1) &&
      g_hash_table_size (self->stops) + g_hash_table_size (self->arrivals) > 2000)
    g_thread_unref (g_thread_new ("vigie-departures-free", unref_thread, self));
  else
    vigie_departures_unref (self);
}

const char *
vigie_departures_intern (VigieDepartures *self,
                         const char      *text)
{
  return text != NULL && *text != '\0' ? vigie_string_set_add (self->strings, text) : NULL;
}

gboolean
vigie_departures_in_window (VigieDepartures *self,
                            gint64           time)
{
  return time >= self->now - VIGIE_DEPARTURES_GRACE_S && time <= self->now + VIGIE_DEPARTURES_HORIZON_S;
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

static guint
limit_of (VigieDepartures *self,
          const char      *stop_id)
{
  if (self->wanted != NULL && g_hash_table_contains (self->wanted, stop_id))
    return VIGIE_DEPARTURES_MAX_PER_STOP;
  return self->cap;
}

/* @departure's strings must be interned already; an @arrival's times
 * are those of its arrival. A list past twice its stop's limit is cut
 * back to the soonest, so that building never holds much more than what
 * is kept. */
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

  if (list->len >= 2 * self->cap)
    {
      guint limit = limit_of (self, departure->stop_id);

      if (list->len >= 2 * limit)
        {
          g_array_sort (list, compare_departures);
          g_array_set_size (list, limit);
        }
    }
}


static void
finish (VigieDepartures *self,
        GHashTable      *table)
{
  GHashTableIter iter;
  const char *stop_id;
  GArray *list;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, (gpointer *) &stop_id, (gpointer *) &list))
    {
      guint limit = limit_of (self, stop_id);

      g_array_sort (list, compare_departures);
      if (list->len > limit)
        g_array_set_size (list, limit);
      /* Building left room for twice as many: a copy of the right size. */
      if (list->len > 0)
        {
          GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (VigieDeparture), list->len);

          g_array_append_vals (copy, list->data, list->len);
          g_hash_table_iter_replace (&iter, copy);
        }
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
  return vigie_departures_build_bounded (snapshot, now, NULL, 0);
}

/**
 * vigie_departures_build_bounded:
 * @snapshot: a feed's snapshot, as prepared
 * @now: the moment, unix seconds
 * @wanted: (nullable): stops someone looks at, as a set: their boards full
 * @max_total: about how many departures the other stops keep in all (and
 *   as many arrivals), at least one each; 0 for no bound
 *
 * vigie_departures_build() for a large network: memory bounded whatever
 * its number of stops.
 *
 * Returns: (transfer full): the departures at @snapshot's stops
 */
VigieDepartures *
vigie_departures_build_bounded (VigieSnapshot *snapshot,
                                gint64         now,
                                GHashTable    *wanted,
                                guint          max_total)
{
  VigieDepartures *self;
  VigieGtfs *gtfs = NULL;
  VigieSnapshot *trip_updates = NULL;
  guint n_stops;

  g_return_val_if_fail (snapshot != NULL, NULL);

  self = departures_new (now);
  /* Counted here: the snapshot may not be prepared (vigie-inspect). */
  n_stops = 0;
  for (guint i = 0; max_total > 0 && i < vigie_snapshot_get_n_entities (snapshot); i++)
    n_stops += vigie_entity_get_kind (vigie_snapshot_get_entity (snapshot, i)) == VIGIE_ENTITY_STOP;
  self->cap = VIGIE_DEPARTURES_MAX_PER_STOP;
  if (max_total > 0 && n_stops > 0)
    self->cap = CLAMP (max_total / n_stops, 1, VIGIE_DEPARTURES_MAX_PER_STOP);
  self->wanted = wanted != NULL ? g_hash_table_ref (wanted) : NULL;

  if (vigie_gtfs_sources_get (snapshot, &gtfs, &trip_updates) && gtfs != NULL)
    vigie_departures_add_timetable (self, gtfs, trip_updates, snapshot);
  vigie_departures_add_entities (self, snapshot, gtfs);

  finish (self, self->stops);
  finish (self, self->arrivals);
  /* Only while building. */
  g_clear_pointer (&self->wanted, g_hash_table_unref);
  return self;
}

/**
 * vigie_departures_count:
 *
 * Returns: how many departures and arrivals @self keeps, in all
 */
guint
vigie_departures_count (VigieDepartures *self)
{
  GHashTable *tables[2];
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  tables[0] = self->stops;
  tables[1] = self->arrivals;
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      GHashTableIter iter;
      GArray *list;

      g_hash_table_iter_init (&iter, tables[t]);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &list))
        n += list->len;
    }

  return n;
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
