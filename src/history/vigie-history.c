/* vigie-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-clock.h"
#include "vigie-enums.h"
#include "vigie-history.h"
#include "vigie-tap.h"
#include "vigie-hash.h"
#include "vigie-thread.h"

/* Vigie's memory of every layer. A tap works out, in each feed's worker,
 * what an update changed (vigie-history-samples.c) and hands that batch
 * to one writer thread through a bounded queue (vigie-history-queue.c):
 * neither the main thread nor a feed's worker ever waits for the disk.
 * The writer owns the one writing connection (vigie-history-db.c), writes
 * each batch in one transaction, and every few minutes of data
 * aggregates, prunes and vacuums. Reads run in a GTask thread on their
 * own read-only connection (vigie-history-query.c).
 *
 * What the workers and the writer share lives in Shared, not in the
 * object, so that the last reference to it may go in any thread. */

typedef struct
{
  VigieHistoryQueue  *queue;
  char               *path;
  GMutex              mutex;
  VigieHistoryLimits  limits;        /* under mutex */
  GMainContext       *main_context;
  GWeakRef            history;
} Shared;

struct _VigieHistory
{
  GObject           parent_instance;

  Shared           *shared;
  GThread          *writer;
  guint             tap_id;
  char             *error;
  char             *notice;
  VigieFeedManager *feed_manager;
  GHashTable       *feed_states;     /* feed id → last state recorded + 1 */
};

G_DEFINE_FINAL_TYPE (VigieHistory, vigie_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_RAW_DAYS,
  PROP_AGGREGATE_DAYS,
  PROP_MAX_SIZE_MB,
  PROP_N_DROPPED,
  PROP_ERROR,
  PROP_NOTICE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/*
 * Shared
 */

static void
shared_clear (Shared *shared)
{
  vigie_history_queue_unref (shared->queue);
  g_free (shared->path);
  g_mutex_clear (&shared->mutex);
  g_main_context_unref (shared->main_context);
  g_weak_ref_clear (&shared->history);
}

static Shared *
shared_ref (Shared *shared)
{
  return g_atomic_rc_box_acquire (shared);
}

static void
shared_unref (Shared *shared)
{
  g_atomic_rc_box_release_full (shared, (GDestroyNotify) shared_clear);
}

typedef struct
{
  Shared   *shared;
  char     *message;   /* NULL: writing again */
  gboolean  notice;    /* words for the user, recording goes on */
} ErrorReport;

static gboolean
on_error_reported_cb (gpointer user_data)
{
  ErrorReport *report = user_data;
  g_autoptr(VigieHistory) self = g_weak_ref_get (&report->shared->history);

  char **field;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  field = report->notice ? &self->notice : &self->error;
  if (g_strcmp0 (*field, report->message) != 0)
    {
      g_free (*field);
      *field = g_strdup (report->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties [report->notice ? PROP_NOTICE : PROP_ERROR]);
    }

  return G_SOURCE_REMOVE;
}

static void
error_report_free (ErrorReport *report)
{
  shared_unref (report->shared);
  g_free (report->message);
  g_free (report);
}

static void
report (Shared     *shared,
        const char *message,
        gboolean    notice)
{
  ErrorReport *report = g_new0 (ErrorReport, 1);

  report->shared = shared_ref (shared);
  report->message = g_strdup (message);
  report->notice = notice;
  g_main_context_invoke_full (shared->main_context, G_PRIORITY_DEFAULT,
                              on_error_reported_cb, report, (GDestroyNotify) error_report_free);
}

static void
report_error (Shared     *shared,
              const char *message)
{
  report (shared, message, FALSE);
}

static void
report_notice (Shared     *shared,
               const char *message)
{
  report (shared, message, TRUE);
}

/*
 * The writer thread
 */

static void
maintain (Shared         *shared,
          VigieHistoryDb *db,
          gint64          now,
          gboolean       *failing)
{
  g_autoptr(GError) error = NULL;
  VigieHistoryLimits limits;

  g_mutex_lock (&shared->mutex);
  limits = shared->limits;
  g_mutex_unlock (&shared->mutex);

  if (!vigie_history_db_maintain (db, now, &limits, &error))
    {
      g_message ("History: %s", error->message);
      report_error (shared, error->message);
      *failing = TRUE;
    }
}

static gpointer
write_thread (gpointer data)
{
  Shared *shared = data;
  g_autoptr(GError) error = NULL;
  VigieHistoryDb *db;
  gboolean failing = FALSE;
  gboolean running = TRUE;
  gint64 last_maintained = 0;

  vigie_thread_make_background ();

  db = vigie_history_db_open (shared->path, FALSE, &error);
  if (db == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    {
      g_autofree char *aside = NULL;

      /* A damaged file is kept for whoever wants to look into it, and
       * the history starts again. */
      g_clear_error (&error);
      aside = vigie_history_db_move_aside (shared->path, &error);
      if (aside != NULL)
        {
          g_autofree char *message = NULL;

          db = vigie_history_db_open (shared->path, FALSE, &error);
          /* Translators: %s is a file name, e.g. "history.sqlite.corrupt-2026-12-07-0830". */
          message = g_strdup_printf (_("The history file was damaged: it was put aside as %s and a new history started"),
                                     aside);
          g_message ("History: %s", message);
          if (db != NULL)
            report_notice (shared, message);
        }
    }
  if (db == NULL)
    {
      g_message ("History %s: %s", shared->path, error->message);
      report_error (shared, error->message);
    }

  while (running)
    {
      VigieHistoryItem *item = vigie_history_queue_pop (shared->queue);

      switch (item->kind)
        {
        case VIGIE_HISTORY_ITEM_BATCH:
          if (db == NULL)
            break;
          if (!vigie_history_db_write (db, item->batch, &error))
            {
              /* Once said is enough: a full disk fails every batch. */
              if (!failing)
                {
                  g_message ("History: %s", error->message);
                  report_error (shared, error->message);
                }
              failing = TRUE;
              g_clear_error (&error);
              break;
            }
          if (failing)
            report_error (shared, NULL);
          failing = FALSE;
          if (item->batch->time - last_maintained >= VIGIE_HISTORY_MAINTAIN_EVERY_S)
            {
              last_maintained = item->batch->time;
              maintain (shared, db, item->batch->time, &failing);
            }
          break;

        case VIGIE_HISTORY_ITEM_MAINTAIN:
          if (db != NULL)
            maintain (shared, db, item->now, &failing);
          break;

        case VIGIE_HISTORY_ITEM_SYNC:
          break;

        case VIGIE_HISTORY_ITEM_CALL:
          item->func (db, item->data);
          break;

        case VIGIE_HISTORY_ITEM_STOP:
          running = FALSE;
          break;

        default:
          g_assert_not_reached ();
        }

      vigie_history_queue_done (shared->queue, item);
      vigie_history_item_free (item);
    }

  vigie_history_db_close (db);
  shared_unref (shared);

  return NULL;
}

/*
 * The tap
 */

/* In a feed's worker. The result says the queue was full. */
static gpointer
history_tap_work (const VigieTapInput *input,
                  gpointer             user_data)
{
  Shared *shared = user_data;
  VigieHistoryBatch *batch = vigie_history_samples_diff (input);

  if (batch == NULL)
    return NULL;

  return vigie_history_queue_push (shared->queue, batch) ? NULL : GINT_TO_POINTER (1);
}

static void
history_tap_apply (const char *feed_id,
                   gpointer    result,
                   gpointer    user_data)
{
  Shared *shared = user_data;
  g_autoptr(VigieHistory) self = g_weak_ref_get (&shared->history);

  if (self != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_DROPPED]);
}

/*
 * Feeds
 */

static void
on_feed_state_cb (VigieFeed    *feed,
                  GParamSpec   *pspec,
                  VigieHistory *self)
{
  VigieFeedState state = vigie_feed_get_state (feed);
  const char *id = vigie_feed_get_id (feed);
  GEnumClass *enum_class;
  VigieHistoryBatch *batch;
  const char *nick;

  /* A request in flight is no state to remember. */
  if (state == VIGIE_FEED_STATE_FETCHING ||
      GPOINTER_TO_INT (g_hash_table_lookup (self->feed_states, id)) == (int) state + 1)
    return;
  g_hash_table_replace (self->feed_states, g_strdup (id), GINT_TO_POINTER ((int) state + 1));

  /* The enum's nick, "ok" or "error": the words are the locale's. */
  enum_class = g_type_class_ref (VIGIE_TYPE_FEED_STATE);
  nick = g_enum_get_value (enum_class, state)->value_nick;
  g_type_class_unref (enum_class);
  batch = vigie_history_batch_new (id, vigie_clock_now ());
  vigie_history_batch_set_event (batch, nick,
                                 vigie_feed_get_latency_ms (feed),
                                 state == VIGIE_FEED_STATE_ERROR ? vigie_feed_get_last_error (feed) : NULL);
  vigie_history_record (self, batch);
}

static void
watch_feeds (VigieHistory *self,
             guint         position,
             guint         n)
{
  for (guint i = position; i < position + n; i++)
    {
      g_autoptr(VigieFeed) feed = g_list_model_get_item (G_LIST_MODEL (self->feed_manager), i);

      g_signal_handlers_disconnect_by_func (feed, on_feed_state_cb, self);
      g_signal_connect_object (feed, "notify::state", G_CALLBACK (on_feed_state_cb), self, 0);
    }
}

static void
on_feeds_changed_cb (GListModel   *model,
                     guint         position,
                     guint         removed,
                     guint         added,
                     VigieHistory *self)
{
  watch_feeds (self, position, added);
}

/*
 * Overrides
 */

static void
vigie_history_dispose (GObject *object)
{
  VigieHistory *self = VIGIE_HISTORY (object);

  if (self->tap_id != 0)
    {
      vigie_tap_remove (self->tap_id);
      self->tap_id = 0;
    }

  if (self->feed_manager != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->feed_manager));

      g_signal_handlers_disconnect_by_func (self->feed_manager, on_feeds_changed_cb, self);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VigieFeed) feed = g_list_model_get_item (G_LIST_MODEL (self->feed_manager), i);

          g_signal_handlers_disconnect_by_func (feed, on_feed_state_cb, self);
        }
      g_clear_object (&self->feed_manager);
    }

  /* What is queued is written before the app goes: at most the queue's
   * capacity of batches. */
  if (self->writer != NULL)
    {
      vigie_history_queue_set_held (self->shared->queue, FALSE);
      vigie_history_queue_push_control (self->shared->queue, VIGIE_HISTORY_ITEM_STOP, 0);
      g_thread_join (g_steal_pointer (&self->writer));
    }

  G_OBJECT_CLASS (vigie_history_parent_class)->dispose (object);
}

static void
vigie_history_finalize (GObject *object)
{
  VigieHistory *self = VIGIE_HISTORY (object);

  g_clear_pointer (&self->shared, shared_unref);
  g_clear_pointer (&self->feed_states, g_hash_table_unref);
  g_free (self->error);
  g_free (self->notice);

  G_OBJECT_CLASS (vigie_history_parent_class)->finalize (object);
}

static void
set_limit (VigieHistory *self,
           guint         prop_id,
           guint         value)
{
  VigieHistoryLimits *limits = &self->shared->limits;
  gboolean changed;

  g_mutex_lock (&self->shared->mutex);
  switch (prop_id)
    {
    case PROP_RAW_DAYS:
      changed = limits->raw_days != value;
      limits->raw_days = value;
      break;
    case PROP_AGGREGATE_DAYS:
      changed = limits->aggregate_days != value;
      limits->aggregate_days = value;
      break;
    case PROP_MAX_SIZE_MB:
      changed = limits->max_bytes != (guint64) value * 1024 * 1024;
      limits->max_bytes = (guint64) value * 1024 * 1024;
      break;
    default:
      g_assert_not_reached ();
    }
  g_mutex_unlock (&self->shared->mutex);

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
}

static void
vigie_history_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VigieHistory *self = VIGIE_HISTORY (object);
  VigieHistoryLimits limits;

  g_mutex_lock (&self->shared->mutex);
  limits = self->shared->limits;
  g_mutex_unlock (&self->shared->mutex);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->shared->path);
      break;
    case PROP_RAW_DAYS:
      g_value_set_uint (value, limits.raw_days);
      break;
    case PROP_AGGREGATE_DAYS:
      g_value_set_uint (value, limits.aggregate_days);
      break;
    case PROP_MAX_SIZE_MB:
      g_value_set_uint (value, (guint) (limits.max_bytes / (1024 * 1024)));
      break;
    case PROP_N_DROPPED:
      g_value_set_uint64 (value, vigie_history_queue_get_n_dropped (self->shared->queue, NULL));
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_NOTICE:
      g_value_set_string (value, self->notice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_history_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VigieHistory *self = VIGIE_HISTORY (object);

  switch (prop_id)
    {
    case PROP_RAW_DAYS:
    case PROP_AGGREGATE_DAYS:
    case PROP_MAX_SIZE_MB:
      set_limit (self, prop_id, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_history_class_init (VigieHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = vigie_history_dispose;
  object_class->finalize = vigie_history_finalize;
  object_class->get_property = vigie_history_get_property;
  object_class->set_property = vigie_history_set_property;

  properties [PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, ro);
  properties [PROP_RAW_DAYS] =
    g_param_spec_uint ("raw-days", NULL, NULL, 1, 3650, VIGIE_HISTORY_DEFAULT_RAW_DAYS, rw);
  properties [PROP_AGGREGATE_DAYS] =
    g_param_spec_uint ("aggregate-days", NULL, NULL, 1, 36500, VIGIE_HISTORY_DEFAULT_AGGREGATE_DAYS, rw);
  properties [PROP_MAX_SIZE_MB] =
    g_param_spec_uint ("max-size-mb", NULL, NULL, 1, G_MAXUINT, VIGIE_HISTORY_DEFAULT_MAX_SIZE_MB, rw);
  properties [PROP_N_DROPPED] = g_param_spec_uint64 ("n-dropped", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties [PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);
  properties [PROP_NOTICE] = g_param_spec_string ("notice", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_history_init (VigieHistory *self)
{
  self->feed_states = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, NULL);
}

/*
 * Public API
 */

/**
 * vigie_history_get_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/vigie/history.sqlite`, the
 *   app's data folder in the Flatpak
 */
char *
vigie_history_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "vigie", "history.sqlite", NULL);
}

/**
 * vigie_history_new_full:
 * @path: (nullable): the database file, or %NULL for the default
 * @queue_capacity: batches waiting for the writer at most
 *
 * Starts the writer (which opens the file in its thread) and records
 * every feed's updates from now on. Main thread only.
 *
 * Returns: (transfer full): the history
 */
VigieHistory *
vigie_history_new_full (const char *path,
                        guint       queue_capacity)
{
  VigieHistory *self = g_object_new (VIGIE_TYPE_HISTORY, NULL);
  Shared *shared = g_atomic_rc_box_new0 (Shared);

  shared->queue = vigie_history_queue_new (queue_capacity);
  shared->path = path != NULL ? g_strdup (path) : vigie_history_get_default_path ();
  g_mutex_init (&shared->mutex);
  shared->limits.raw_days = VIGIE_HISTORY_DEFAULT_RAW_DAYS;
  shared->limits.aggregate_days = VIGIE_HISTORY_DEFAULT_AGGREGATE_DAYS;
  shared->limits.max_bytes = (guint64) VIGIE_HISTORY_DEFAULT_MAX_SIZE_MB * 1024 * 1024;
  shared->main_context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&shared->history, self);
  self->shared = shared;

  self->writer = g_thread_new ("vigie-history", write_thread, shared_ref (shared));
  self->tap_id = vigie_tap_add (history_tap_work, history_tap_apply, NULL,
                                shared_ref (shared), (GDestroyNotify) shared_unref);

  return self;
}

/**
 * vigie_history_new:
 * @path: (nullable): the database file, or %NULL for the default
 *
 * Returns: (transfer full): the history
 */
VigieHistory *
vigie_history_new (const char *path)
{
  return vigie_history_new_full (path, VIGIE_HISTORY_QUEUE_DEFAULT_CAPACITY);
}

const char *
vigie_history_get_path (VigieHistory *self)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY (self), NULL);

  return self->shared->path;
}

/**
 * vigie_history_run_in_thread:
 * @source_tag: the _async function, for vigie_history_propagate_pointer()
 * @job: (transfer full): what @thread_func reads, its task data
 * @job_free: frees @job
 *
 * Runs @thread_func in a worker on a task of @self's: the one way the
 * history's queries leave the main loop.
 */
void
vigie_history_run_in_thread (VigieHistory        *self,
                             gpointer             source_tag,
                             gpointer             job,
                             GDestroyNotify       job_free,
                             GTaskThreadFunc      thread_func,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIGIE_IS_HISTORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, thread_func);
}

/**
 * vigie_history_propagate_pointer:
 *
 * The _finish of a task started by vigie_history_run_in_thread() that
 * returns a pointer.
 *
 * Returns: (transfer full) (nullable): what the worker returned, or %NULL
 *   on an error
 */
gpointer
vigie_history_propagate_pointer (VigieHistory  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * vigie_history_bind:
 * @settings: (nullable): the app's settings, for the limits
 * @feed_manager: (nullable): whose feeds' states to record
 */
void
vigie_history_bind (VigieHistory     *self,
                    GSettings        *settings,
                    VigieFeedManager *feed_manager)
{
  g_return_if_fail (VIGIE_IS_HISTORY (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));
  g_return_if_fail (feed_manager == NULL || VIGIE_IS_FEED_MANAGER (feed_manager));

  if (settings != NULL)
    {
      g_settings_bind (settings, "history-raw-days", self, "raw-days", G_SETTINGS_BIND_GET);
      g_settings_bind (settings, "history-aggregate-days", self, "aggregate-days", G_SETTINGS_BIND_GET);
      g_settings_bind (settings, "history-max-size-mb", self, "max-size-mb", G_SETTINGS_BIND_GET);
    }

  if (feed_manager != NULL && self->feed_manager == NULL)
    {
      self->feed_manager = g_object_ref (feed_manager);
      g_signal_connect_object (feed_manager, "items-changed", G_CALLBACK (on_feeds_changed_cb), self, 0);
      watch_feeds (self, 0, g_list_model_get_n_items (G_LIST_MODEL (feed_manager)));
    }
}

/**
 * vigie_history_get_queue:
 *
 * Returns: (transfer none): the queue to the writer
 */
VigieHistoryQueue *
vigie_history_get_queue (VigieHistory *self)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY (self), NULL);

  return self->shared->queue;
}

/**
 * vigie_history_get_n_dropped:
 * @feed_id: (nullable): a feed, or %NULL for all
 *
 * Returns: the updates not recorded because the writer fell behind
 */
guint64
vigie_history_get_n_dropped (VigieHistory *self,
                             const char   *feed_id)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY (self), 0);

  return vigie_history_queue_get_n_dropped (self->shared->queue, feed_id);
}

/**
 * vigie_history_get_error:
 *
 * Returns: (nullable): why recording stopped, in words, or %NULL while it
 *   works
 */
const char *
vigie_history_get_error (VigieHistory *self)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY (self), NULL);

  return self->error;
}

/**
 * vigie_history_get_notice:
 *
 * Returns: (nullable): what the user should know of the history, in
 *   words, such as a damaged file put aside
 */
const char *
vigie_history_get_notice (VigieHistory *self)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY (self), NULL);

  return self->notice;
}

/**
 * vigie_history_record:
 * @batch: (transfer full): what changed
 *
 * Hands @batch to the writer without waiting. Any thread.
 */
void
vigie_history_record (VigieHistory      *self,
                      VigieHistoryBatch *batch)
{
  g_return_if_fail (VIGIE_IS_HISTORY (self));
  g_return_if_fail (batch != NULL);

  if (!vigie_history_queue_push (self->shared->queue, batch))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_DROPPED]);
}

/**
 * vigie_history_maintain:
 * @now: the time retention counts from
 *
 * Asks the writer to aggregate, prune and vacuum now.
 */
void
vigie_history_maintain (VigieHistory *self,
                        gint64        now)
{
  g_return_if_fail (VIGIE_IS_HISTORY (self));

  vigie_history_queue_push_control (self->shared->queue, VIGIE_HISTORY_ITEM_MAINTAIN, now);
}

/**
 * vigie_history_sync:
 *
 * Waits until the writer has written all that was handed to it so far:
 * for tests, never on the main loop's way in the app.
 */
void
vigie_history_sync (VigieHistory *self)
{
  guint64 serial;

  g_return_if_fail (VIGIE_IS_HISTORY (self));

  serial = vigie_history_queue_push_control (self->shared->queue, VIGIE_HISTORY_ITEM_SYNC, 0);
  vigie_history_queue_wait (self->shared->queue, serial);
}
