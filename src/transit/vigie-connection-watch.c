/* vigie-connection-watch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-connection-watch"

#include "config.h"

#include "vigie-clock.h"
#include "vigie-connection-watch.h"
#include "vigie-feed-departures.h"

/* The connections at one station, kept up to date: the boards of the
 * train feed and of the tram feed are built in their workers after each
 * update (vigie-departure-watch.c); when either changes, the connections
 * are worked out again from them, which takes microseconds (a few dozen
 * trains times a few directions), and "changed" is emitted. */

struct _VigieConnectionWatch
{
  GObject               parent_instance;

  VigieFeedManager     *manager;
  VigieConnectionPlace  place;
  GStringChunk         *strings;
  VigieConnectionRules  rules;

  VigieFeedDepartures  *trains;       /* followed */
  VigieFeedDepartures  *trams;
  VigieDepartures      *train_boards; /* what the connections point into */
  VigieDepartures      *tram_boards;
  GArray               *connections;
};

G_DEFINE_FINAL_TYPE (VigieConnectionWatch, vigie_connection_watch, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
follow (VigieConnectionWatch  *self,
        VigieFeedDepartures  **slot,
        const char            *feed_id)
{
  VigieFeed *feed = feed_id != NULL ? vigie_feed_manager_lookup (self->manager, feed_id) : NULL;
  VigieFeedDepartures *departures = feed != NULL ? vigie_feed_departures_get_for_feed (feed) : NULL;

  if (*slot == departures)
    return;

  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, self);
  g_set_object (slot, departures);
  if (departures != NULL)
    g_signal_connect_object (departures, "notify::departures", G_CALLBACK (vigie_connection_watch_update),
                             self, G_CONNECT_SWAPPED);
}

/* A feed added or removed: follow the ones named, when they exist. */
static void
on_feeds_changed_cb (VigieConnectionWatch *self)
{
  follow (self, &self->trains, self->place.train_feed_id);
  follow (self, &self->trams, self->place.tram_feed_id);
  vigie_connection_watch_update (self);
}

static void
vigie_connection_watch_dispose (GObject *object)
{
  VigieConnectionWatch *self = VIGIE_CONNECTION_WATCH (object);

  if (self->trains != NULL)
    g_signal_handlers_disconnect_by_data (self->trains, self);
  if (self->trams != NULL)
    g_signal_handlers_disconnect_by_data (self->trams, self);
  g_clear_object (&self->trains);
  g_clear_object (&self->trams);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (vigie_connection_watch_parent_class)->dispose (object);
}

static void
vigie_connection_watch_finalize (GObject *object)
{
  VigieConnectionWatch *self = VIGIE_CONNECTION_WATCH (object);

  g_clear_pointer (&self->connections, g_array_unref);
  g_clear_pointer (&self->train_boards, vigie_departures_unref);
  g_clear_pointer (&self->tram_boards, vigie_departures_unref);
  g_string_chunk_free (self->strings);

  G_OBJECT_CLASS (vigie_connection_watch_parent_class)->finalize (object);
}

static void
vigie_connection_watch_class_init (VigieConnectionWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_connection_watch_dispose;
  object_class->finalize = vigie_connection_watch_finalize;

  /**
   * VigieConnectionWatch::changed:
   *
   * The connections were worked out again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vigie_connection_watch_init (VigieConnectionWatch *self)
{
  self->strings = g_string_chunk_new (256);
  self->connections = g_array_new (FALSE, FALSE, sizeof (VigieConnection));
  vigie_connection_rules_init (&self->rules);
}

static const char *
keep (VigieConnectionWatch *self,
      const char           *text)
{
  return text != NULL ? g_string_chunk_insert_const (self->strings, text) : NULL;
}

/**
 * vigie_connection_watch_new:
 * @manager: the feeds
 * @place: the station, the interchange stop and the stops around it
 *
 * Returns: (transfer full): a watch of the connections at @place
 */
VigieConnectionWatch *
vigie_connection_watch_new (VigieFeedManager           *manager,
                            const VigieConnectionPlace *place)
{
  VigieConnectionWatch *self;

  g_return_val_if_fail (VIGIE_IS_FEED_MANAGER (manager), NULL);
  g_return_val_if_fail (place != NULL, NULL);

  self = g_object_new (VIGIE_TYPE_CONNECTION_WATCH, NULL);
  self->manager = g_object_ref (manager);
  self->place.train_feed_id = keep (self, place->train_feed_id);
  self->place.station_id = keep (self, place->station_id);
  self->place.station_name = keep (self, place->station_name);
  self->place.tram_feed_id = keep (self, place->tram_feed_id);
  self->place.interchange_id = keep (self, place->interchange_id);
  self->place.interchange_name = keep (self, place->interchange_name);
  for (guint i = 0; i < G_N_ELEMENTS (place->other_ids) && place->other_ids[i] != NULL; i++)
    {
      self->place.other_ids[i] = keep (self, place->other_ids[i]);
      self->place.other_names[i] = keep (self, place->other_names[i]);
      self->place.other_walk_s[i] = place->other_walk_s[i];
    }

  g_signal_connect_object (manager, "items-changed", G_CALLBACK (on_feeds_changed_cb), self, G_CONNECT_SWAPPED);
  on_feeds_changed_cb (self);

  return self;
}

const VigieConnectionPlace *
vigie_connection_watch_get_place (VigieConnectionWatch *self)
{
  g_return_val_if_fail (VIGIE_IS_CONNECTION_WATCH (self), NULL);

  return &self->place;
}

/**
 * vigie_connection_watch_set_walk_time:
 * @walk_s: from the train's platform to the interchange stop, as the
 *   operator knows it
 */
void
vigie_connection_watch_set_walk_time (VigieConnectionWatch *self,
                                      gint64                walk_s)
{
  g_return_if_fail (VIGIE_IS_CONNECTION_WATCH (self));
  g_return_if_fail (walk_s >= 0);

  if (self->rules.walk_s == walk_s)
    return;

  self->rules.walk_s = walk_s;
  vigie_connection_watch_update (self);
}

gint64
vigie_connection_watch_get_walk_time (VigieConnectionWatch *self)
{
  g_return_val_if_fail (VIGIE_IS_CONNECTION_WATCH (self), 0);

  return self->rules.walk_s;
}

/**
 * vigie_connection_watch_get_connections:
 * @n_connections: (out): how many
 *
 * Returns: (array length=n_connections) (nullable): by train, soonest
 *   first, then by line and direction; valid until the next "changed"
 */
const VigieConnection *
vigie_connection_watch_get_connections (VigieConnectionWatch *self,
                                        guint                *n_connections)
{
  g_return_val_if_fail (VIGIE_IS_CONNECTION_WATCH (self), NULL);
  g_return_val_if_fail (n_connections != NULL, NULL);

  *n_connections = self->connections->len;
  return self->connections->len > 0 ? (const VigieConnection *) (gpointer) self->connections->data : NULL;
}

/**
 * vigie_connection_watch_update:
 *
 * Works the connections out again from the latest boards; done by itself
 * when a board changes.
 */
void
vigie_connection_watch_update (VigieConnectionWatch *self)
{
  VigieDepartures *train_boards, *tram_boards;
  VigieConnectionStop interchange = { NULL, };
  VigieConnectionStop others[G_N_ELEMENTS (self->place.other_ids)];
  const VigieDeparture *trains = NULL;
  guint n_trains = 0, n_others = 0;

  g_return_if_fail (VIGIE_IS_CONNECTION_WATCH (self));

  train_boards = self->trains != NULL ? vigie_feed_departures_get (self->trains) : NULL;
  tram_boards = self->trams != NULL ? vigie_feed_departures_get (self->trams) : NULL;

  /* The new connections point into the new boards: keep them. */
  if (train_boards != NULL)
    vigie_departures_ref (train_boards);
  if (tram_boards != NULL)
    vigie_departures_ref (tram_boards);

  g_clear_pointer (&self->connections, g_array_unref);
  if (train_boards != NULL && tram_boards != NULL)
    {
      trains = vigie_departures_lookup_arrivals (train_boards, self->place.station_id, &n_trains);
      interchange.name = self->place.interchange_name;
      interchange.departures = vigie_departures_lookup (tram_boards, self->place.interchange_id,
                                                        &interchange.n_departures);
      for (guint i = 0; i < G_N_ELEMENTS (self->place.other_ids) && self->place.other_ids[i] != NULL; i++)
        {
          others[n_others].name = self->place.other_names[i];
          others[n_others].walk_s = self->place.other_walk_s[i];
          others[n_others].departures = vigie_departures_lookup (tram_boards, self->place.other_ids[i],
                                                                 &others[n_others].n_departures);
          n_others++;
        }

      self->connections = vigie_connections_compute (trains, n_trains, &interchange, others, n_others,
                                                     &self->rules, vigie_clock_now ());
    }
  else
    self->connections = g_array_new (FALSE, FALSE, sizeof (VigieConnection));

  g_clear_pointer (&self->train_boards, vigie_departures_unref);
  g_clear_pointer (&self->tram_boards, vigie_departures_unref);
  self->train_boards = train_boards;
  self->tram_boards = tram_boards;

  g_signal_emit (self, signals[CHANGED], 0);
}
