/* vigie-connection-watch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-connection-watch"

#include "config.h"

#include "vigie-clock.h"
#include "vigie-connection-watch.h"
#include "vigie-departure-interest.h"
#include "vigie-feed-departures.h"
#include "vigie-string-set.h"
#include "vigie-thread.h"

/* The connections at one station, kept up to date: the boards of the
 * train feed and of the tram feed are built in their workers after each
 * update (vigie-departure-watch.c); when either changes, the connections
 * are worked out again from them in a worker too (the boards are
 * immutable), and "changed" is emitted on the main thread when they are
 * in. A result overtaken by a later update is dropped. */

struct _VigieConnectionWatch
{
  GObject               parent_instance;

  VigieFeedManager     *manager;
  VigieConnectionPlace  place;
  VigieStringSet       *strings;
  VigieConnectionRules  rules;

  VigieFeedDepartures  *trains;       /* followed */
  VigieFeedDepartures  *trams;
  VigieDepartures      *train_boards; /* what the connections point into */
  VigieDepartures      *tram_boards;
  GArray               *connections;
  GCancellable         *cancellable;
  guint                 generation;   /* of the latest update asked for */
};

G_DEFINE_FINAL_TYPE (VigieConnectionWatch, vigie_connection_watch, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_WALK_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

  g_cancellable_cancel (self->cancellable);
  if (self->trains != NULL)
    g_signal_handlers_disconnect_by_data (self->trains, self);
  if (self->trams != NULL)
    g_signal_handlers_disconnect_by_data (self->trams, self);
  g_clear_object (&self->trains);
  g_clear_object (&self->trams);
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (vigie_connection_watch_parent_class)->dispose (object);
}

/* The station's and the stops' boards are built in full (adding, or not). */
static void
look_at_place (VigieConnectionWatch *self,
               gboolean              look)
{
  void (*change) (const char *, const char *) = look ? vigie_departure_interest_add
                                                     : vigie_departure_interest_remove;

  if (self->place.train_feed_id == NULL || self->place.tram_feed_id == NULL)
    return;

  if (self->place.station_id != NULL)
    change (self->place.train_feed_id, self->place.station_id);
  if (self->place.interchange_id != NULL)
    change (self->place.tram_feed_id, self->place.interchange_id);
  for (guint i = 0; i < G_N_ELEMENTS (self->place.other_ids) && self->place.other_ids[i] != NULL; i++)
    change (self->place.tram_feed_id, self->place.other_ids[i]);
}

static void
vigie_connection_watch_finalize (GObject *object)
{
  VigieConnectionWatch *self = VIGIE_CONNECTION_WATCH (object);

  look_at_place (self, FALSE);

  g_clear_pointer (&self->connections, g_array_unref);
  g_clear_pointer (&self->train_boards, vigie_departures_unref_in_thread);
  g_clear_pointer (&self->tram_boards, vigie_departures_unref_in_thread);
  vigie_string_set_free (self->strings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (vigie_connection_watch_parent_class)->finalize (object);
}

static void
vigie_connection_watch_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  VigieConnectionWatch *self = VIGIE_CONNECTION_WATCH (object);

  switch (prop_id)
    {
    case PROP_WALK_TIME:
      g_value_set_int64 (value, self->rules.walk_s);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_connection_watch_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  VigieConnectionWatch *self = VIGIE_CONNECTION_WATCH (object);

  switch (prop_id)
    {
    case PROP_WALK_TIME:
      vigie_connection_watch_set_walk_time (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_connection_watch_class_init (VigieConnectionWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_connection_watch_dispose;
  object_class->finalize = vigie_connection_watch_finalize;
  object_class->get_property = vigie_connection_watch_get_property;
  object_class->set_property = vigie_connection_watch_set_property;

  /**
   * VigieConnectionWatch:walk-time:
   *
   * From the train's platform to the interchange stop, in seconds; notified
   * so that what the operator sets can be kept.
   */
  properties[PROP_WALK_TIME] =
    g_param_spec_int64 ("walk-time", NULL, NULL, 0, G_MAXINT64, VIGIE_CONNECTION_DEFAULT_WALK_S,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  self->strings = vigie_string_set_new (256);
  self->connections = g_array_new (FALSE, FALSE, sizeof (VigieConnection));
  self->cancellable = g_cancellable_new ();
  vigie_connection_rules_init (&self->rules);
}

static const char *
keep (VigieConnectionWatch *self,
      const char           *text)
{
  return text != NULL ? vigie_string_set_add (self->strings, text) : NULL;
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

  look_at_place (self, TRUE);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WALK_TIME]);
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

/* What a worker needs: the boards (immutable, referenced), where, the
 * rules and the moment. The place's strings are the watch's, which the
 * task keeps alive. */
typedef struct
{
  VigieDepartures      *trains;
  VigieDepartures      *trams;
  VigieConnectionPlace  place;
  VigieConnectionRules  rules;
  gint64                now;
  guint                 generation;
  GArray               *connections;   /* the result, pointing into the boards */
  gint64                took_us;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_pointer (&job->trains, vigie_departures_unref_in_thread);
  g_clear_pointer (&job->trams, vigie_departures_unref_in_thread);
  g_clear_pointer (&job->connections, g_array_unref);
  g_free (job);
}

/* In a worker: the boards are immutable, the rest the job's own. */
static void
compute_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Job *job = task_data;
  VigieConnectionStop interchange = { NULL, };
  VigieConnectionStop others[G_N_ELEMENTS (job->place.other_ids)];
  const VigieDeparture *trains;
  guint n_trains = 0, n_others = 0;
  gint64 start = g_get_monotonic_time ();

  vigie_thread_make_background ();

  trains = vigie_departures_lookup_arrivals (job->trains, job->place.station_id, &n_trains);
  interchange.name = job->place.interchange_name;
  interchange.departures = vigie_departures_lookup (job->trams, job->place.interchange_id, &interchange.n_departures);
  for (guint i = 0; i < G_N_ELEMENTS (job->place.other_ids) && job->place.other_ids[i] != NULL; i++)
    {
      others[n_others].name = job->place.other_names[i];
      others[n_others].walk_s = job->place.other_walk_s[i];
      others[n_others].departures = vigie_departures_lookup (job->trams, job->place.other_ids[i],
                                                             &others[n_others].n_departures);
      n_others++;
    }

  job->connections = vigie_connections_compute (trains, n_trains, &interchange, others, n_others,
                                                &job->rules, job->now);
  job->took_us = g_get_monotonic_time () - start;
  g_task_return_boolean (task, TRUE);
}

static void
set_connections (VigieConnectionWatch *self,
                 GArray               *connections,
                 VigieDepartures      *trains,
                 VigieDepartures      *trams)
{
  g_clear_pointer (&self->connections, g_array_unref);
  g_clear_pointer (&self->train_boards, vigie_departures_unref_in_thread);
  g_clear_pointer (&self->tram_boards, vigie_departures_unref_in_thread);
  self->connections = connections;
  self->train_boards = trains;
  self->tram_boards = trams;

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_computed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  VigieConnectionWatch *self = VIGIE_CONNECTION_WATCH (object);
  Job *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;

  /* A later update is on its way: this one is outdated. */
  if (job->generation != self->generation)
    return;

  g_debug ("%s: %u connections in %" G_GINT64_FORMAT " us", self->place.station_id,
           job->connections->len, job->took_us);
  set_connections (self, g_steal_pointer (&job->connections), g_steal_pointer (&job->trains),
                   g_steal_pointer (&job->trams));
}

/**
 * vigie_connection_watch_update:
 *
 * Works the connections out again from the latest boards, in a worker;
 * done by itself when a board changes. "changed" follows.
 */
void
vigie_connection_watch_update (VigieConnectionWatch *self)
{
  VigieDepartures *trains, *trams;
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (VIGIE_IS_CONNECTION_WATCH (self));

  self->generation++;
  trains = self->trains != NULL ? vigie_feed_departures_get (self->trains) : NULL;
  trams = self->trams != NULL ? vigie_feed_departures_get (self->trams) : NULL;

  if (trains == NULL || trams == NULL)
    {
      set_connections (self, g_array_new (FALSE, FALSE, sizeof (VigieConnection)), NULL, NULL);
      return;
    }

  job = g_new0 (Job, 1);
  job->trains = vigie_departures_ref (trains);
  job->trams = vigie_departures_ref (trams);
  job->place = self->place;
  job->rules = self->rules;
  job->now = vigie_clock_now ();
  job->generation = self->generation;

  task = g_task_new (self, self->cancellable, on_computed_cb, NULL);
  g_task_set_source_tag (task, vigie_connection_watch_update);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, compute_in_thread);
}
