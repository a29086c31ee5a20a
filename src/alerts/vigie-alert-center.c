/* vigie-alert-center.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-alert-center"

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "vigie-alert-center.h"
#include "vigie-alert-engine.h"
#include "vigie-alert-starts.h"
#include "vigie-clock.h"
#include "vigie-tap.h"
#include "vigie-hash.h"
#include "vigie-thread.h"

/* Where alerts come from and go. The rules run as a tap, in each feed's
 * worker, with the snapshot (vigie-tap.h); their events reach the list
 * here, on the main thread, in O(events). The feeds' own alerts (failing,
 * data too old) come from the feeds' state at each freshness tick.
 *
 * Two small files keep what must survive a restart, in @directory:
 * "acknowledged.ini", the acknowledgements of alerts still raised, and
 * "cleared.jsonl", one line per cleared alert (until the history
 * database takes them). Both are written by one writer thread, in order;
 * the main thread never waits for the disk, except once at dispose. */

/* What the tap's functions share with the center; its last reference
 * may go in a worker. */
typedef struct
{
  VigieAlertEngine *engine;
  GMutex            mutex;
  GHashTable       *kinds;     /* feed id → VigieFeedKind + 1, under mutex */
  GHashTable       *pending;   /* feed id → GPtrArray of events not applied yet, under mutex */
  guint64           last_seq;  /* under mutex */
  char             *history;   /* the history's path, or NULL; under mutex */
  GHashTable       *asked;     /* feed ids whose starts it was asked, under mutex */
  VigieAlertCenter *center;    /* main thread only; NULL once disposed */
} TapData;

struct _VigieAlertCenter
{
  GObject           parent_instance;

  GSettings        *settings;
  VigieFeedManager *feeds;
  char             *directory;
  VigieAlertList   *alerts;
  TapData          *tap_data;
  guint             tap_id;
  GHashTable       *applied;    /* feed id → last event seq applied */
  GKeyFile         *acks;       /* key → at, level, comment */
  gboolean          loaded;
  GThreadPool      *writer;
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (VigieAlertCenter, vigie_alert_center, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

typedef struct
{
  char    *path;
  char    *contents;
  gboolean append;
} Write;

#define ACKS_FILE "acknowledged.ini"
#define LOG_FILE  "cleared.jsonl"

/*
 * Tap
 */

static TapData *
tap_data_ref (TapData *data)
{
  return g_atomic_rc_box_acquire (data);
}

static void
tap_data_clear (TapData *data)
{
  vigie_alert_engine_free (data->engine);
  g_hash_table_unref (data->kinds);
  g_hash_table_unref (data->pending);
  g_hash_table_unref (data->asked);
  g_free (data->history);
  g_mutex_clear (&data->mutex);
}

static void
tap_data_unref (TapData *data)
{
  g_atomic_rc_box_release_full (data, (GDestroyNotify) tap_data_clear);
}

/* What a job hands the main thread. */
typedef struct
{
  TapData   *data;
  char      *feed_id;
  GPtrArray *events;    /* NULL once applied */
} Result;

typedef struct
{
  TapData *data;
  char    *feed_id;
} Flush;

static void apply_events (VigieAlertCenter *self,
                          GPtrArray        *events);

static void
flush_free (Flush *flush)
{
  tap_data_unref (flush->data);
  g_free (flush->feed_id);
  g_free (flush);
}

/* Main thread: what waits in the journal, now. */
static gboolean
flush_cb (gpointer user_data)
{
  Flush *flush = user_data;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_alert_event_free);
  GPtrArray *pending;

  g_mutex_lock (&flush->data->mutex);
  pending = g_hash_table_lookup (flush->data->pending, flush->feed_id);
  for (guint i = 0; pending != NULL && i < pending->len; i++)
    g_ptr_array_add (events, vigie_alert_event_copy (g_ptr_array_index (pending, i)));
  g_mutex_unlock (&flush->data->mutex);

  if (flush->data->center != NULL && events->len > 0)
    apply_events (flush->data->center, events);

  return G_SOURCE_REMOVE;
}

/* Any thread. A result the feed drops (its job overtaken by a newer one)
 * is not lost: the main thread takes the journal at its next idle. */
static void
free_result (Result *result)
{
  if (result->events != NULL)
    {
      Flush *flush = g_new0 (Flush, 1);

      flush->data = tap_data_ref (result->data);
      flush->feed_id = g_strdup (result->feed_id);
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, flush_cb, flush, (GDestroyNotify) flush_free);
      g_ptr_array_unref (result->events);
    }
  tap_data_unref (result->data);
  g_free (result->feed_id);
  g_free (result);
}

/* In the feed's worker. The engine remembers what it raised, but the
 * feed drops the result of a job that a newer one overtook: the events
 * wait in a journal until the main thread has applied them, and each
 * result carries all those still waiting. */
static gpointer
tap_work (const VigieTapInput *input,
          gpointer             user_data)
{
  TapData *data = user_data;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *history = NULL;
  GPtrArray *pending;
  Result *result = NULL;
  gpointer kind;

  g_mutex_lock (&data->mutex);
  kind = g_hash_table_lookup (data->kinds, input->feed_id);
  if (kind != NULL && data->history != NULL && g_hash_table_add (data->asked, g_strdup (input->feed_id)))
    history = g_strdup (data->history);
  g_mutex_unlock (&data->mutex);

  if (kind == NULL)
    return NULL;

  /* Its first update since the start: since when the history knows its
   * conditions held (vigie-alert-starts.c). */
  if (history != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!vigie_alert_starts_load (data->engine, history, input->feed_id, GPOINTER_TO_UINT (kind) - 1,
                                    input->now, &error))
        g_message ("Alerts of %s counted from now: %s", input->feed_id, error->message);
    }

  events = vigie_alert_engine_evaluate (data->engine, input->feed_id, GPOINTER_TO_UINT (kind) - 1,
                                        input->current, input->now);

  g_mutex_lock (&data->mutex);
  pending = g_hash_table_lookup (data->pending, input->feed_id);
  if (pending == NULL && events->len > 0)
    {
      pending = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_alert_event_free);
      g_hash_table_insert (data->pending, g_strdup (input->feed_id), pending);
    }
  for (guint i = 0; i < events->len; i++)
    {
      VigieAlertEvent *event = g_ptr_array_index (events, i);

      event->seq = ++data->last_seq;
      g_ptr_array_add (pending, vigie_alert_event_copy (event));
    }
  if (pending != NULL && pending->len > 0)
    {
      result = g_new0 (Result, 1);
      result->data = tap_data_ref (data);
      result->feed_id = g_strdup (input->feed_id);
      result->events = g_ptr_array_new_full (pending->len, (GDestroyNotify) vigie_alert_event_free);
      for (guint i = 0; i < pending->len; i++)
        g_ptr_array_add (result->events, vigie_alert_event_copy (g_ptr_array_index (pending, i)));
    }
  g_mutex_unlock (&data->mutex);

  return result;
}

/* Main thread: the journal forgets what is applied. */
static void
forget_applied (TapData    *data,
                const char *feed_id,
                guint64     seq)
{
  GPtrArray *pending;

  g_mutex_lock (&data->mutex);
  pending = g_hash_table_lookup (data->pending, feed_id);
  while (pending != NULL && pending->len > 0 &&
         ((VigieAlertEvent *) g_ptr_array_index (pending, 0))->seq <= seq)
    g_ptr_array_remove_index (pending, 0);
  g_mutex_unlock (&data->mutex);
}

static void
tap_apply (const char *feed_id,
           gpointer    user_result,
           gpointer    user_data)
{
  TapData *data = user_data;
  Result *result = user_result;
  g_autoptr(GPtrArray) events = NULL;

  if (result == NULL)
    return;

  events = g_steal_pointer (&result->events);
  free_result (result);
  if (data->center != NULL)
    apply_events (data->center, events);
}

/*
 * Files
 */

static void
write_func (gpointer data,
            gpointer user_data)
{
  Write *write = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (write->path);

  vigie_thread_make_background ();

  g_mkdir_with_parents (dir, 0700);
  if (write->append)
    {
      FILE *file = g_fopen (write->path, "a");

      if (file == NULL || fputs (write->contents, file) < 0)
        g_warning ("Could not write to %s", write->path);
      if (file != NULL)
        fclose (file);
    }
  else if (!g_file_set_contents (write->path, write->contents, -1, &error))
    g_warning ("Could not save %s: %s", write->path, error->message);

  g_free (write->path);
  g_free (write->contents);
  g_free (write);
}

static void
queue_write (VigieAlertCenter *self,
             const char       *name,
             char             *contents,
             gboolean          append)
{
  Write *write = g_new0 (Write, 1);

  write->path = g_build_filename (self->directory, name, NULL);
  write->contents = contents;
  write->append = append;
  g_thread_pool_push (self->writer, write, NULL);
}

static void
save_acks (VigieAlertCenter *self)
{
  queue_write (self, ACKS_FILE, g_key_file_to_data (self->acks, NULL, NULL), FALSE);
}

static void
log_cleared (VigieAlertCenter      *self,
             VigieAlert            *alert,
             const VigieAlertEvent *event)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, event->key);
  json_builder_set_member_name (builder, "rule");
  json_builder_add_string_value (builder, vigie_alert_rule_get_info (event->rule)->id);
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, vigie_alert_severity_to_string (event->severity));
  json_builder_set_member_name (builder, "feed");
  json_builder_add_string_value (builder, event->feed_id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, vigie_alert_get_name (alert));
  json_builder_set_member_name (builder, "since");
  json_builder_add_int_value (builder, vigie_alert_get_since (alert));
  json_builder_set_member_name (builder, "cleared");
  json_builder_add_int_value (builder, event->at);
  json_builder_set_member_name (builder, "value");
  json_builder_add_double_value (builder, event->value);
  if (vigie_alert_get_ack_at (alert) > 0)
    {
      json_builder_set_member_name (builder, "acknowledged");
      json_builder_add_int_value (builder, vigie_alert_get_ack_at (alert));
      if (vigie_alert_get_ack_comment (alert) != NULL)
        {
          json_builder_set_member_name (builder, "comment");
          json_builder_add_string_value (builder, vigie_alert_get_ack_comment (alert));
        }
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  line = json_generator_to_data (generator, NULL);
  queue_write (self, LOG_FILE, g_strconcat (line, "\n", NULL), TRUE);
}

/* An alert raised again after a restart keeps its acknowledgement,
 * unless it is worse now. */
static void
restore_ack (VigieAlertCenter *self,
             VigieAlert       *alert)
{
  const char *key = vigie_alert_get_key (alert);
  g_autofree char *comment = NULL;
  gint64 at;
  int level;

  if (vigie_alert_get_acknowledged (alert) || !g_key_file_has_group (self->acks, key))
    return;

  at = g_key_file_get_int64 (self->acks, key, "at", NULL);
  level = g_key_file_get_integer (self->acks, key, "level", NULL);
  comment = g_key_file_get_string (self->acks, key, "comment", NULL);

  if (vigie_alert_get_level (alert) <= level)
    vigie_alert_acknowledge (alert, comment, at, level);
  else
    {
      g_key_file_remove_group (self->acks, key, NULL);
      save_acks (self);
    }
}

static void
on_acks_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  VigieAlertCenter *self;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  /* Disposed meanwhile: its dispose cancelled this. */
  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = VIGIE_ALERT_CENTER (user_data);
  if (contents != NULL)
    {
      g_autoptr(GError) parse_error = NULL;

      if (!g_key_file_load_from_data (self->acks, contents, length, G_KEY_FILE_NONE, &parse_error))
        g_warning ("Acknowledged alerts not read: %s", parse_error->message);
    }

  self->loaded = TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->alerts)); i++)
    {
      g_autoptr(VigieAlert) alert = g_list_model_get_item (G_LIST_MODEL (self->alerts), i);

      restore_ack (self, alert);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADED]);
}

/*
 * Events
 */

static void
apply_events (VigieAlertCenter *self,
              GPtrArray        *events)
{
  gboolean acks_changed = FALSE;
  guint64 applied_seq = 0;
  guint64 *last_seq = NULL;

  if (events->len > 0)
    last_seq = g_hash_table_lookup (self->applied, ((VigieAlertEvent *) g_ptr_array_index (events, 0))->feed_id);

  /* One notification of the count for the batch, not one an alert: the
   * window's alerts button was updated a thousand times when a city's
   * first update raised a thousand alerts. */
  g_object_freeze_notify (G_OBJECT (self->alerts));
  for (guint i = 0; i < events->len; i++)
    {
      VigieAlertEvent *event = g_ptr_array_index (events, i);
      VigieFeed *feed = vigie_feed_manager_lookup (self->feeds, event->feed_id);
      VigieAlert *alert;

      /* Delivered again with a later result: applied already. */
      if (event->seq != 0 && last_seq != NULL && event->seq <= *last_seq)
        continue;
      applied_seq = MAX (applied_seq, event->seq);

      switch (event->type)
        {
        case VIGIE_ALERT_EVENT_RAISED:
          alert = vigie_alert_list_add (self->alerts, event, feed ? vigie_feed_get_name (feed) : NULL);
          if (self->loaded)
            restore_ack (self, alert);
          break;

        case VIGIE_ALERT_EVENT_UPDATED:
          alert = vigie_alert_list_lookup (self->alerts, event->key);
          if (alert != NULL && vigie_alert_update (alert, event) &&
              g_key_file_remove_group (self->acks, event->key, NULL))
            acks_changed = TRUE;
          break;

        case VIGIE_ALERT_EVENT_CLEARED:
          {
            g_autoptr(VigieAlert) removed = vigie_alert_list_remove (self->alerts, event->key);

            if (removed != NULL)
              log_cleared (self, removed, event);
            if (g_key_file_remove_group (self->acks, event->key, NULL))
              acks_changed = TRUE;
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }
  g_object_thaw_notify (G_OBJECT (self->alerts));

  if (acks_changed)
    save_acks (self);

  if (applied_seq > 0)
    {
      const char *feed_id = ((VigieAlertEvent *) g_ptr_array_index (events, 0))->feed_id;

      if (last_seq == NULL)
        {
          last_seq = g_new0 (guint64, 1);
          g_hash_table_insert (self->applied, g_strdup (feed_id), last_seq);
        }
      *last_seq = applied_seq;
      forget_applied (self->tap_data, feed_id, applied_seq);
    }
}

static void
update_kinds (VigieAlertCenter *self)
{
  GListModel *feeds = G_LIST_MODEL (self->feeds);
  g_autoptr(GHashTable) kinds = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  const char *feed_id;

  for (guint i = 0; i < g_list_model_get_n_items (feeds); i++)
    {
      g_autoptr(VigieFeed) feed = g_list_model_get_item (feeds, i);

      g_hash_table_insert (kinds, g_strdup (vigie_feed_get_id (feed)),
                           GUINT_TO_POINTER (vigie_feed_get_kind (feed) + 1));
    }

  g_mutex_lock (&self->tap_data->mutex);
  g_hash_table_iter_init (&iter, self->tap_data->kinds);
  while (g_hash_table_iter_next (&iter, (gpointer *) &feed_id, NULL))
    if (!g_hash_table_contains (kinds, feed_id))
      g_ptr_array_add (gone, g_strdup (feed_id));
  g_hash_table_unref (self->tap_data->kinds);
  self->tap_data->kinds = g_steal_pointer (&kinds);
  g_mutex_unlock (&self->tap_data->mutex);

  for (guint i = 0; i < gone->len; i++)
    {
      g_mutex_lock (&self->tap_data->mutex);
      g_hash_table_remove (self->tap_data->pending, g_ptr_array_index (gone, i));
      g_hash_table_remove (self->tap_data->asked, g_ptr_array_index (gone, i));
      g_mutex_unlock (&self->tap_data->mutex);
      g_hash_table_remove (self->applied, g_ptr_array_index (gone, i));
      vigie_alert_engine_forget_feed (self->tap_data->engine, g_ptr_array_index (gone, i));
      vigie_alert_list_remove_feed (self->alerts, g_ptr_array_index (gone, i));
    }
}

static void
on_feeds_changed_cb (VigieAlertCenter *self)
{
  update_kinds (self);
  vigie_alert_center_check_feeds (self);
}

static void
on_settings_changed_cb (VigieAlertCenter *self,
                        const char       *key)
{
  VigieAlertRules rules;

  if (!g_str_equal (key, "alert-rules"))
    return;

  vigie_alert_rules_load (&rules, self->settings);
  vigie_alert_engine_set_rules (self->tap_data->engine, &rules);
  vigie_alert_center_check_feeds (self);
}

/*
 * Overrides
 */

static void
vigie_alert_center_dispose (GObject *object)
{
  VigieAlertCenter *self = (VigieAlertCenter *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tap_id, vigie_tap_remove);
  if (self->tap_data != NULL)
    {
      self->tap_data->center = NULL;
      g_clear_pointer (&self->tap_data, tap_data_unref);
    }
  /* What is queued is written before we go. */
  if (self->writer != NULL)
    g_thread_pool_free (g_steal_pointer (&self->writer), FALSE, TRUE);
  if (self->feeds != NULL)
    g_signal_handlers_disconnect_by_data (self->feeds, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->alerts);
  g_clear_object (&self->feeds);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (vigie_alert_center_parent_class)->dispose (object);
}

static void
vigie_alert_center_finalize (GObject *object)
{
  VigieAlertCenter *self = (VigieAlertCenter *)object;

  g_clear_pointer (&self->acks, g_key_file_unref);
  g_clear_pointer (&self->applied, g_hash_table_unref);
  g_clear_pointer (&self->directory, g_free);

  G_OBJECT_CLASS (vigie_alert_center_parent_class)->finalize (object);
}

static void
vigie_alert_center_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VigieAlertCenter *self = VIGIE_ALERT_CENTER (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_alert_center_class_init (VigieAlertCenterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_alert_center_dispose;
  object_class->finalize = vigie_alert_center_finalize;
  object_class->get_property = vigie_alert_center_get_property;

  properties [PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_alert_center_init (VigieAlertCenter *self)
{
  self->alerts = vigie_alert_list_new ();
  self->acks = g_key_file_new ();
  self->applied = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
  self->writer = g_thread_pool_new (write_func, NULL, 1, FALSE, NULL);
}

/*
 * Public API
 */

/**
 * vigie_alert_center_new:
 * @settings: the app's settings ("alert-rules")
 * @feeds: the feeds watched
 * @directory: where the acknowledgements and the log of cleared alerts
 *   are kept
 */
VigieAlertCenter *
vigie_alert_center_new (GSettings        *settings,
                        VigieFeedManager *feeds,
                        const char       *directory)
{
  VigieAlertCenter *self;
  VigieAlertRules rules;
  g_autofree char *acks_path = NULL;
  g_autoptr(GFile) acks_file = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (VIGIE_IS_FEED_MANAGER (feeds), NULL);
  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (VIGIE_TYPE_ALERT_CENTER, NULL);
  self->settings = g_object_ref (settings);
  self->feeds = g_object_ref (feeds);
  self->directory = g_strdup (directory);

  self->tap_data = g_atomic_rc_box_new0 (TapData);
  self->tap_data->engine = vigie_alert_engine_new ();
  self->tap_data->kinds = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, NULL);
  self->tap_data->pending = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) g_ptr_array_unref);
  self->tap_data->asked = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, NULL);
  self->tap_data->center = self;
  g_mutex_init (&self->tap_data->mutex);
  vigie_alert_rules_load (&rules, settings);
  vigie_alert_engine_set_rules (self->tap_data->engine, &rules);
  self->tap_id = vigie_tap_add (tap_work, tap_apply, (GDestroyNotify) free_result,
                                tap_data_ref (self->tap_data), (GDestroyNotify) tap_data_unref);

  g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (feeds, "items-changed", G_CALLBACK (on_feeds_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (feeds, "tick", G_CALLBACK (vigie_alert_center_check_feeds),
                           self, G_CONNECT_SWAPPED);
  update_kinds (self);

  acks_path = g_build_filename (directory, ACKS_FILE, NULL);
  acks_file = g_file_new_for_path (acks_path);
  g_file_load_contents_async (acks_file, self->cancellable, on_acks_loaded_cb, self);

  return self;
}

/**
 * vigie_alert_center_set_history_path:
 * @path: (nullable): the history database, or %NULL for none
 *
 * Where to ask, at each feed's first update, since when its things' conditions
 * held: durations then count from there, not from the app's start.
 */
void
vigie_alert_center_set_history_path (VigieAlertCenter *self,
                                     const char       *path)
{
  g_return_if_fail (VIGIE_IS_ALERT_CENTER (self));

  g_mutex_lock (&self->tap_data->mutex);
  g_free (self->tap_data->history);
  self->tap_data->history = g_strdup (path);
  g_mutex_unlock (&self->tap_data->mutex);
}

/**
 * vigie_alert_center_get_alerts:
 *
 * Returns: (transfer none): the raised alerts, worst then oldest first
 */
VigieAlertList *
vigie_alert_center_get_alerts (VigieAlertCenter *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT_CENTER (self), NULL);

  return self->alerts;
}

/* Acknowledged until cleared, or until it gets worse; kept across a
 * restart. */
void
vigie_alert_center_acknowledge (VigieAlertCenter *self,
                                VigieAlert       *alert,
                                const char       *comment)
{
  const char *key;

  g_return_if_fail (VIGIE_IS_ALERT_CENTER (self));
  g_return_if_fail (VIGIE_IS_ALERT (alert));

  vigie_alert_list_acknowledge (self->alerts, alert, comment, vigie_clock_now ());

  key = vigie_alert_get_key (alert);
  g_key_file_set_int64 (self->acks, key, "at", vigie_alert_get_ack_at (alert));
  g_key_file_set_integer (self->acks, key, "level", vigie_alert_get_ack_level (alert));
  if (vigie_alert_get_ack_comment (alert) != NULL)
    g_key_file_set_string (self->acks, key, "comment", vigie_alert_get_ack_comment (alert));
  else
    g_key_file_remove_key (self->acks, key, "comment", NULL);
  save_acks (self);
}

/* The feeds' own alerts, from their state now: at each freshness tick,
 * and at once when the feeds or the rules change. */
void
vigie_alert_center_check_feeds (VigieAlertCenter *self)
{
  GListModel *feeds;
  gint64 now;

  g_return_if_fail (VIGIE_IS_ALERT_CENTER (self));

  feeds = G_LIST_MODEL (self->feeds);
  now = vigie_clock_now ();
  for (guint i = 0; i < g_list_model_get_n_items (feeds); i++)
    {
      g_autoptr(VigieFeed) feed = g_list_model_get_item (feeds, i);
      g_autoptr(GPtrArray) events = NULL;
      gboolean enabled = vigie_feed_get_enabled (feed);

      events = vigie_alert_engine_evaluate_feed (self->tap_data->engine,
                                                 vigie_feed_get_id (feed), vigie_feed_get_name (feed),
                                                 enabled ? vigie_feed_get_n_failures (feed) : 0,
                                                 enabled && vigie_feed_get_freshness (feed) == VIGIE_FRESHNESS_STALE,
                                                 now);
      apply_events (self, events);
    }
}

/**
 * vigie_alert_center_add_events:
 * @events: (element-type VigieAlertEvent): raised, updated or cleared
 *   alerts of a source other than the rules over a feed's snapshot (the
 *   connections at the station, transit/vigie-connection-alerts.c), with
 *   no seq; a source's own keys
 *
 * Main thread. They are acknowledged, kept and logged like the others.
 */
void
vigie_alert_center_add_events (VigieAlertCenter *self,
                               GPtrArray        *events)
{
  g_return_if_fail (VIGIE_IS_ALERT_CENTER (self));
  g_return_if_fail (events != NULL);

  apply_events (self, events);
}

/* TRUE once the acknowledgements saved before are read. */
gboolean
vigie_alert_center_is_loaded (VigieAlertCenter *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT_CENTER (self), FALSE);

  return self->loaded;
}

/* Waits for the files to be written: for tests and the end of the app. */
void
vigie_alert_center_flush (VigieAlertCenter *self)
{
  g_return_if_fail (VIGIE_IS_ALERT_CENTER (self));

  g_thread_pool_free (self->writer, FALSE, TRUE);
  self->writer = g_thread_pool_new (write_func, NULL, 1, FALSE, NULL);
}

char *
vigie_alert_center_dup_log_path (VigieAlertCenter *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT_CENTER (self), NULL);

  return g_build_filename (self->directory, LOG_FILE, NULL);
}
