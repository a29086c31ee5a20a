/* vigie-temporal-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-temporal"

#include "config.h"

#include "vigie-clock.h"
#include "vigie-history-replay.h"
#include "vigie-temporal-client.h"
#include "vigie-hash.h"

/* The scale path: a city whose history lives in an NGSI-LD context
 * broker with temporal storage (Stellio, Scorpio, Mintaka on TimescaleDB)
 * has every laptop read the past from it rather than record it. A feed
 * whose profile group says History=broker has its sparklines and its
 * replay read from GET /ngsi-ld/v1/temporal/entities (derived from the
 * feed's Url, or HistoryUrl) in a worker (vigie-temporal-fetch.c).
 *
 * The replay reads the broker once for the day around the instant asked
 * and keeps it (the client, one per VigieHistory, caches it by feed);
 * each instant's snapshot is then built from it in a worker as the local
 * replay builds one from SQLite (vigie-temporal-past.c). A sparkline
 * reads one entity, the attributes it draws. When the broker cannot be
 * read, both fall back on the local history. */

/* A day read for replay is read again after this long. */
#define CACHE_TTL_S (5 * 60)
/* A broker that could not be read is not asked again before this long:
 * replay asks for an instant at every step. */
#define RETRY_S 60

typedef struct
{
  char              *url;
  gint64             from, to;
  gint64             fetched_at;
  VigieTemporalData *data;
} CachedDay;

struct _VigieTemporalClient
{
  GObject           parent_instance;

  VigieFeedManager *feed_manager;
  GMutex            mutex;
  GHashTable       *days;          /* feed id → CachedDay (atomic rc box), under mutex */
  GHashTable       *failed;        /* feed id → when its broker last failed (gint64 *), under mutex */
  guint             n_fetches;     /* atomic */
};

G_DEFINE_FINAL_TYPE (VigieTemporalClient, vigie_temporal_client, G_TYPE_OBJECT)

#define CLIENT_KEY "vigie-temporal-client"

/*
 * Auxiliary functions
 */

static void
cached_day_clear (gpointer data)
{
  CachedDay *day = data;

  g_free (day->url);
  g_clear_pointer (&day->data, vigie_temporal_data_free);
}

static void
cached_day_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, cached_day_clear);
}
/*
 * Overrides
 */

static void
vigie_temporal_client_dispose (GObject *object)
{
  VigieTemporalClient *self = (VigieTemporalClient *)object;

  g_clear_object (&self->feed_manager);

  G_OBJECT_CLASS (vigie_temporal_client_parent_class)->dispose (object);
}

static void
vigie_temporal_client_finalize (GObject *object)
{
  VigieTemporalClient *self = (VigieTemporalClient *)object;

  g_clear_pointer (&self->days, g_hash_table_unref);
  g_clear_pointer (&self->failed, g_hash_table_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (vigie_temporal_client_parent_class)->finalize (object);
}

static void
vigie_temporal_client_class_init (VigieTemporalClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_temporal_client_dispose;
  object_class->finalize = vigie_temporal_client_finalize;
}

static void
vigie_temporal_client_init (VigieTemporalClient *self)
{
  g_mutex_init (&self->mutex);
  self->days = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, cached_day_unref);
  self->failed = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, g_free);
}

/*
 * Asynchronous reads
 */

typedef struct
{
  VigieTemporalClient *client;
  char                *feed_id;
  char                *url;
  char                *history_path;
  GPtrArray           *entities;
  VigieSnapshot       *previous;
  gint64               time;
  gint64               now;
  char                *entity_id;
  char                *entity_key;
  char                *field;
  char                *condition_field;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->client);
  g_free (job->feed_id);
  g_free (job->url);
  g_free (job->history_path);
  g_clear_pointer (&job->entities, g_ptr_array_unref);
  g_clear_pointer (&job->previous, vigie_snapshot_unref);
  g_free (job->entity_id);
  g_free (job->entity_key);
  g_free (job->field);
  g_free (job->condition_field);
  g_free (job);
}

/* The day read for @feed_id around @time: the cached one, or read now. */
static CachedDay *
dup_day (Job           *job,
         GCancellable  *cancellable,
         GError       **error)
{
  VigieTemporalClient *self = job->client;
  CachedDay *day;
  VigieTemporalData *data;
  gint64 *failed_at;
  gint64 to, from;

  g_mutex_lock (&self->mutex);
  day = g_hash_table_lookup (self->days, job->feed_id);
  if (day != NULL && g_str_equal (day->url, job->url) && day->from <= job->time && job->time <= day->to &&
      job->now - day->fetched_at < CACHE_TTL_S)
    {
      day = g_atomic_rc_box_acquire (day);
      g_mutex_unlock (&self->mutex);
      return day;
    }
  failed_at = g_hash_table_lookup (self->failed, job->feed_id);
  if (failed_at != NULL && job->now - *failed_at < RETRY_S && job->now >= *failed_at)
    {
      g_mutex_unlock (&self->mutex);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "failed less than a minute ago");
      return NULL;
    }
  g_mutex_unlock (&self->mutex);

  /* The last day, or the day around an older instant. */
  to = MIN (job->now, job->time + 12 * 3600);
  to += (VIGIE_HISTORY_BUCKET_S - to % VIGIE_HISTORY_BUCKET_S) % VIGIE_HISTORY_BUCKET_S;
  from = to - 24 * 3600 - VIGIE_HISTORY_BUCKET_S;
  g_atomic_int_inc (&self->n_fetches);
  /* endTimeAt is not in the answer: the instant @to itself asked too. */
  data = vigie_temporal_fetch (job->url, NULL, NULL, from, to + 1, cancellable, error);
  if (data == NULL)
    {
      if (error == NULL || !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_mutex_lock (&self->mutex);
          g_hash_table_replace (self->failed, g_strdup (job->feed_id), g_memdup2 (&job->now, sizeof job->now));
          g_mutex_unlock (&self->mutex);
        }
      return NULL;
    }
  for (const char * const *w = vigie_temporal_data_get_warnings (data); *w != NULL; w++)
    g_message ("%s: %s", job->feed_id, *w);

  day = g_atomic_rc_box_new0 (CachedDay);
  day->url = g_strdup (job->url);
  day->from = from;
  day->to = to;
  day->fetched_at = job->now;
  day->data = data;

  g_mutex_lock (&self->mutex);
  g_hash_table_replace (self->days, g_strdup (job->feed_id), g_atomic_rc_box_acquire (day));
  g_mutex_unlock (&self->mutex);

  return day;
}

static void
replay_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  VigieSnapshot *snapshot;
  CachedDay *day = dup_day (job, cancellable, &error);

  if (day != NULL)
    {
      snapshot = vigie_temporal_build_snapshot (day->data, job->entities, job->previous, job->time);
      cached_day_unref (day);
      g_task_return_pointer (task, snapshot, (GDestroyNotify) vigie_snapshot_unref);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The broker cannot be read: what this laptop recorded, if anything;
   * said once, not at every instant. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED))
    g_message ("Replay of %s from the broker: %s; from the local history instead", job->feed_id, error->message);
  vigie_history_replay_return_local (task, job->history_path, job->feed_id, job->entities, job->previous, job->time);
}

static void
sparkline_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieTemporalData) data = NULL;
  VigieHistorySparkline *sparkline;

  const char *attribute = vigie_temporal_attribute_for_field (job->field);
  const char *condition = job->condition_field != NULL ? vigie_temporal_attribute_for_field (job->condition_field) : NULL;
  g_autofree char *attrs = NULL;

  /* Only the attributes drawn. */
  if (attribute != NULL)
    attrs = condition != NULL && !g_str_equal (condition, attribute)
              ? g_strconcat (attribute, ",", condition, NULL) : g_strdup (attribute);

  g_atomic_int_inc (&job->client->n_fetches);
  data = vigie_temporal_fetch (job->url, job->entity_id, attrs, job->now - 24 * 3600 - VIGIE_HISTORY_BUCKET_S,
                               job->now + 1, cancellable, &error);
  if (data != NULL)
    {
      for (const char * const *w = vigie_temporal_data_get_warnings (data); *w != NULL; w++)
        g_message ("%s: %s", job->feed_id, *w);
      sparkline = vigie_temporal_sparkline (data, job->entity_id, job->field, job->condition_field, job->now);
      g_task_return_pointer (task, sparkline, (GDestroyNotify) vigie_history_sparkline_free);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_message ("History of %s from the broker: %s; from the local history instead", job->entity_id, error->message);
  g_clear_error (&error);
  sparkline = vigie_history_sparkline_read_file (job->history_path, job->feed_id, job->entity_key, job->field,
                                                 job->condition_field, job->now, &error);
  if (sparkline == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, sparkline, (GDestroyNotify) vigie_history_sparkline_free);
}

/* The broker's address for @feed_id's past, or NULL when it is recorded
 * here. */
static char *
dup_broker_url (VigieHistory *history,
                const char   *feed_id)
{
  VigieTemporalClient *self = vigie_temporal_client_get (history);
  VigieFeed *feed;

  if (self == NULL || self->feed_manager == NULL ||
      (feed = vigie_feed_manager_lookup (self->feed_manager, feed_id)) == NULL ||
      !vigie_temporal_feed_uses_broker (feed))
    return NULL;

  return vigie_temporal_feed_dup_url (feed);
}
/*
 * Public API
 */

/**
 * vigie_temporal_client_attach:
 * @history: the app's history
 * @feed_manager: the feeds, whose profile says which keep their past in
 *   their broker
 *
 * From now on, the replay and the sparklines of those feeds read their
 * broker (vigie_history_replay_build_async() and
 * vigie_history_load_sparkline_async() ask the client first).
 */
void
vigie_temporal_client_attach (VigieHistory     *history,
                              VigieFeedManager *feed_manager)
{
  VigieTemporalClient *self;

  g_return_if_fail (VIGIE_IS_HISTORY (history));
  g_return_if_fail (VIGIE_IS_FEED_MANAGER (feed_manager));

  self = g_object_new (VIGIE_TYPE_TEMPORAL_CLIENT, NULL);
  self->feed_manager = g_object_ref (feed_manager);
  g_object_set_data_full (G_OBJECT (history), CLIENT_KEY, self, g_object_unref);
}

/**
 * vigie_temporal_client_get:
 *
 * Returns: (transfer none) (nullable): @history's client, if attached
 */
VigieTemporalClient *
vigie_temporal_client_get (VigieHistory *history)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY (history), NULL);

  return g_object_get_data (G_OBJECT (history), CLIENT_KEY);
}

/* For tests: how many times a broker was read. */
guint
vigie_temporal_client_get_n_fetches (VigieTemporalClient *self)
{
  g_return_val_if_fail (VIGIE_IS_TEMPORAL_CLIENT (self), 0);

  return g_atomic_int_get (&self->n_fetches);
}

/* A read of @feed_id's past from the broker at @url (transfer full). */
static Job *
job_new (VigieHistory *history,
         const char   *feed_id,
         char         *url)
{
  Job *job = g_new0 (Job, 1);

  job->client = g_object_ref (vigie_temporal_client_get (history));
  job->feed_id = g_strdup (feed_id);
  job->url = url;
  job->history_path = g_strdup (vigie_history_get_path (history));

  return job;
}

/**
 * vigie_temporal_client_replay_async:
 *
 * vigie_history_replay_build_async() for a feed whose past is in its
 * broker; finish with vigie_history_replay_build_finish().
 *
 * Returns: %FALSE, doing nothing, when @feed_id's past is recorded here
 */
gboolean
vigie_temporal_client_replay_async (VigieHistory        *history,
                                    const char          *feed_id,
                                    GPtrArray           *entities,
                                    VigieSnapshot       *previous,
                                    gint64               time,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *url = NULL;
  Job *job;

  g_return_val_if_fail (VIGIE_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (feed_id != NULL, FALSE);

  if ((url = dup_broker_url (history, feed_id)) == NULL)
    return FALSE;

  job = job_new (history, feed_id, g_steal_pointer (&url));
  job->entities = g_ptr_array_ref (entities);
  job->previous = previous != NULL ? vigie_snapshot_ref (previous) : NULL;
  job->time = time;
  job->now = vigie_clock_now ();

  vigie_history_run_in_thread (history, vigie_temporal_client_replay_async,
                               job, (GDestroyNotify) job_free, replay_thread,
                               cancellable, callback, user_data);

  return TRUE;
}

/**
 * vigie_temporal_client_sparkline_async:
 *
 * vigie_history_load_sparkline_async() for a feed whose past is in its
 * broker; finish with vigie_history_load_sparkline_finish().
 *
 * Returns: %FALSE, doing nothing, when @feed_id's past is recorded here
 */
gboolean
vigie_temporal_client_sparkline_async (VigieHistory                 *history,
                                       const char                   *feed_id,
                                       const VigieHistoryMainSeries *series,
                                       gint64                        now,
                                       GCancellable                 *cancellable,
                                       GAsyncReadyCallback           callback,
                                       gpointer                      user_data)
{
  g_autofree char *url = NULL;
  const char *slash;
  Job *job;

  g_return_val_if_fail (VIGIE_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (feed_id != NULL, FALSE);
  g_return_val_if_fail (series != NULL && series->entity != NULL, FALSE);

  /* "zone/urn:ngsi-ld:...": the broker knows the id after the kind. */
  if ((slash = strchr (series->entity, '/')) == NULL || (url = dup_broker_url (history, feed_id)) == NULL)
    return FALSE;

  job = job_new (history, feed_id, g_steal_pointer (&url));
  job->now = now;
  job->entity_id = g_strdup (slash + 1);
  job->entity_key = g_strdup (series->entity);
  job->field = g_strdup (series->field);
  job->condition_field = g_strdup (series->condition_field);

  vigie_history_run_in_thread (history, vigie_temporal_client_sparkline_async,
                               job, (GDestroyNotify) job_free, sparkline_thread,
                               cancellable, callback, user_data);

  return TRUE;
}
