/* vigie-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-clock.h"
#include "vigie-enums.h"
#include "vigie-failure.h"
#include "vigie-feed-private.h"
#include "vigie-feed.h"
#include "vigie-format.h"
#include "vigie-freshness.h"
#include "vigie-secrets.h"
#include "vigie-hash.h"

/* One polled source of data and its state machine:
 *
 *   IDLE → FETCHING → OK | STALE | ERROR → (timer) → FETCHING → ...
 *
 * A feed is made of documents, each with a role: the one at the feed's
 * address ("main"), those it links to (GBFS sub-feeds) and those set by
 * hand (a GTFS timetable beside its real-time positions). Each document
 * is polled on its own schedule with conditional requests; its bytes are
 * parsed in a worker thread; the format then combines the latest snapshot
 * of every role into the one the store shows, applied on the main thread
 * in one step. A failure never empties the store: the last good data stays
 * on screen, and the state and reason say what went wrong.
 *
 * Here: the object, its properties and its public API. The documents'
 * machinery (fetch, log-in, parse, apply, state) is in
 * vigie-feed-documents.c, the worker's part in vigie-parse-job.c. */

G_DEFINE_FINAL_TYPE (VigieFeed, vigie_feed, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

enum {
  POLLED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/*
 * Private API (vigie-feed-private.h)
 */

/* g_set_str() arrived in GLib 2.76. */
gboolean
vigie_feed_replace_str (char       **field,
                        const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

void
vigie_feed_set_string (VigieFeed   *self,
                       char       **field,
                       const char  *value,
                       guint        prop_id)
{
  if (vigie_feed_replace_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
}

/* The documents' machinery notifies through these. */
void
vigie_feed_notify (VigieFeed *self,
                   guint      prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
}

void
vigie_feed_emit_polled (VigieFeed  *self,
                        const char *role,
                        gboolean    success)
{
  g_signal_emit (self, signals [POLLED], 0, role, success);
}

/*
 * GObject
 */

static void
vigie_feed_dispose (GObject *object)
{
  VigieFeed *self = (VigieFeed *)object;

  vigie_feed_stop (self);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (vigie_feed_parent_class)->dispose (object);
}

static void
vigie_feed_finalize (GObject *object)
{
  VigieFeed *self = (VigieFeed *)object;

  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->shown, vigie_snapshot_unref);
  g_clear_object (&self->store);
  g_clear_pointer (&self->options, g_hash_table_unref);
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->format_id, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->warnings, g_strfreev);
  g_clear_pointer (&self->link_warnings, g_ptr_array_unref);
  g_clear_pointer (&self->secret, g_free);

  G_OBJECT_CLASS (vigie_feed_parent_class)->finalize (object);
}

static void
vigie_feed_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VigieFeed *self = VIGIE_FEED (object);

  switch (prop_id)
    {
    case PROP_ID:            g_value_set_string (value, self->id); break;
    case PROP_NAME:          g_value_set_string (value, self->name); break;
    case PROP_KIND:          g_value_set_enum (value, self->kind); break;
    case PROP_FORMAT_ID:     g_value_set_string (value, self->format_id); break;
    case PROP_URL:           g_value_set_string (value, self->url); break;
    case PROP_POLL_INTERVAL: g_value_set_uint (value, self->poll_interval_s); break;
    case PROP_MAX_BODY_SIZE: g_value_set_uint64 (value, self->max_body_size); break;
    case PROP_ENABLED:       g_value_set_boolean (value, self->enabled); break;
    case PROP_STORE:         g_value_set_object (value, self->store); break;
    case PROP_STATE:         g_value_set_enum (value, self->state); break;
    case PROP_REASON:        g_value_set_string (value, self->reason); break;
    case PROP_FRESHNESS:     g_value_set_enum (value, self->freshness); break;
    case PROP_LAST_SUCCESS:  g_value_set_int64 (value, self->last_success); break;
    case PROP_LAST_ERROR:    g_value_set_string (value, self->last_error); break;
    case PROP_HTTP_STATUS:   g_value_set_uint (value, self->http_status); break;
    case PROP_LATENCY_MS:    g_value_set_uint (value, self->latency_ms); break;
    case PROP_BYTES:         g_value_set_uint64 (value, self->bytes); break;
    case PROP_N_RECORDS:     g_value_set_uint (value, self->n_records); break;
    case PROP_N_WARNINGS:    g_value_set_uint (value, self->n_warnings); break;
    case PROP_FETCHED_AT:    g_value_set_int64 (value, self->fetched_at); break;
    case PROP_OBSERVED_AT:   g_value_set_int64 (value, self->observed_at); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_feed_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  VigieFeed *self = VIGIE_FEED (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      vigie_feed_set_name (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    case PROP_FORMAT_ID:
      self->format_id = g_value_dup_string (value);
      break;

    case PROP_URL:
      self->url = g_value_dup_string (value);
      break;

    case PROP_POLL_INTERVAL:
      vigie_feed_set_poll_interval (self, g_value_get_uint (value));
      break;

    case PROP_MAX_BODY_SIZE:
      vigie_feed_set_max_body_size (self, g_value_get_uint64 (value));
      break;

    case PROP_ENABLED:
      vigie_feed_set_enabled (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_feed_constructed (GObject *object)
{
  VigieFeed *self = (VigieFeed *)object;

  G_OBJECT_CLASS (vigie_feed_parent_class)->constructed (object);

  g_ptr_array_add (self->documents, vigie_feed_document_new (self, VIGIE_ROLE_MAIN, self->url, FALSE));
}

static void
vigie_feed_class_init (VigieFeedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = vigie_feed_constructed;
  object_class->dispose = vigie_feed_dispose;
  object_class->finalize = vigie_feed_finalize;
  object_class->get_property = vigie_feed_get_property;
  object_class->set_property = vigie_feed_set_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, co);
  properties [PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties [PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, VIGIE_TYPE_FEED_KIND, VIGIE_FEED_KIND_TRAMS, co);
  properties [PROP_FORMAT_ID] = g_param_spec_string ("format-id", NULL, NULL, NULL, co);
  properties [PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, co);
  properties [PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL, 1, 24 * 3600, VIGIE_FEED_DEFAULT_POLL_INTERVAL_S, rw);
  properties [PROP_MAX_BODY_SIZE] =
    g_param_spec_uint64 ("max-body-size", NULL, NULL, 1, G_MAXUINT64, VIGIE_HTTP_DEFAULT_MAX_BODY_SIZE, rw);
  properties [PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, rw);
  properties [PROP_STORE] = g_param_spec_object ("store", NULL, NULL, VIGIE_TYPE_STORE, ro);
  properties [PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, VIGIE_TYPE_FEED_STATE, VIGIE_FEED_STATE_IDLE, ro);
  properties [PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, ro);
  properties [PROP_FRESHNESS] =
    g_param_spec_enum ("freshness", NULL, NULL, VIGIE_TYPE_FRESHNESS, VIGIE_FRESHNESS_NO_DATA, ro);
  properties [PROP_LAST_SUCCESS] = g_param_spec_int64 ("last-success", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties [PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  properties [PROP_HTTP_STATUS] = g_param_spec_uint ("http-status", NULL, NULL, 0, 999, 0, ro);
  properties [PROP_LATENCY_MS] = g_param_spec_uint ("latency-ms", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties [PROP_BYTES] = g_param_spec_uint64 ("bytes", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties [PROP_N_RECORDS] = g_param_spec_uint ("n-records", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties [PROP_N_WARNINGS] = g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties [PROP_FETCHED_AT] = g_param_spec_int64 ("fetched-at", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties [PROP_OBSERVED_AT] = g_param_spec_int64 ("observed-at", NULL, NULL, 0, G_MAXINT64, 0, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VigieFeed::polled:
   * @self: a #VigieFeed
   * @role: the role of the document that was polled
   * @success: whether the poll worked
   *
   * Emitted after each poll of a document, once its outcome is applied.
   */
  signals [POLLED] =
    g_signal_new ("polled",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
}

static void
vigie_feed_init (VigieFeed *self)
{
  self->poll_interval_s = VIGIE_FEED_DEFAULT_POLL_INTERVAL_S;
  self->max_body_size = VIGIE_HTTP_DEFAULT_MAX_BODY_SIZE;
  self->enabled = TRUE;
  self->options = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, g_free);
  self->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_feed_document_free);
  self->link_warnings = g_ptr_array_new_with_free_func (g_free);
  self->store = vigie_store_new ();
}

/*
 * Public API
 */

VigieFeed *
vigie_feed_new (const char    *id,
                const char    *name,
                VigieFeedKind  kind,
                const char    *format_id,
                const char    *url)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (format_id != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  return g_object_new (VIGIE_TYPE_FEED,
                       "id", id,
                       "name", name ? name : id,
                       "kind", kind,
                       "format-id", format_id,
                       "url", url,
                       NULL);
}

const char *
vigie_feed_get_id (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), NULL);
  return self->id;
}

const char *
vigie_feed_get_name (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), NULL);
  return self->name;
}

void
vigie_feed_set_name (VigieFeed  *self,
                     const char *name)
{
  g_return_if_fail (VIGIE_IS_FEED (self));
  vigie_feed_set_string (self, &self->name, name, PROP_NAME);
}

VigieFeedKind
vigie_feed_get_kind (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), 0);
  return self->kind;
}

const char *
vigie_feed_get_format_id (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), NULL);
  return self->format_id;
}

const char *
vigie_feed_get_url (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), NULL);
  return self->url;
}

/**
 * vigie_feed_needs_secret:
 * @self: a #VigieFeed
 *
 * Returns: whether an address of the feed has a place for an API key
 */
gboolean
vigie_feed_needs_secret (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), FALSE);

  for (guint i = 0; i < self->documents->len; i++)
    {
      VigieFeedDocument *doc = g_ptr_array_index (self->documents, i);

      if (vigie_secrets_url_needs_secret (doc->url))
        return TRUE;
    }

  return vigie_feed_login_path (self) != NULL;
}

/**
 * vigie_feed_set_secret:
 * @self: a #VigieFeed
 * @secret: (nullable): the API key that replaces {api_key} in its
 *   addresses, from the keyring
 *
 * The feed fetches again at once when it runs.
 */
void
vigie_feed_set_secret (VigieFeed  *self,
                       const char *secret)
{
  g_return_if_fail (VIGIE_IS_FEED (self));

  if (g_strcmp0 (self->secret, secret) == 0)
    return;

  g_free (self->secret);
  self->secret = g_strdup (secret);
  self->logged_in = FALSE;

  for (guint i = 0; i < self->documents->len; i++)
    {
      VigieFeedDocument *doc = g_ptr_array_index (self->documents, i);

      doc->failures = 0;
      g_clear_pointer (&doc->error, g_free);
    }

  vigie_feed_refresh (self);
}

/**
 * vigie_feed_set_role_url:
 * @self: a #VigieFeed
 * @role: a document role the feed's format combines, such as "gtfs"
 * @url: where to fetch it
 *
 * Adds a document set by hand beside the main one.
 */
void
vigie_feed_set_role_url (VigieFeed  *self,
                         const char *role,
                         const char *url)
{
  VigieFeedDocument *doc;

  g_return_if_fail (VIGIE_IS_FEED (self));
  g_return_if_fail (role != NULL && !g_str_equal (role, VIGIE_ROLE_MAIN));
  g_return_if_fail (url != NULL);

  doc = vigie_feed_find_document (self, role);
  if (doc == NULL)
    {
      doc = vigie_feed_document_new (self, role, url, FALSE);
      g_ptr_array_add (self->documents, doc);
    }
  else
    vigie_feed_replace_str (&doc->url, url);

  if (self->running)
    vigie_feed_document_fetch (doc);
}

guint
vigie_feed_get_poll_interval (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), 0);
  return self->poll_interval_s;
}

void
vigie_feed_set_poll_interval (VigieFeed *self,
                              guint      poll_interval_s)
{
  g_return_if_fail (VIGIE_IS_FEED (self));
  VIGIE_FEED_SET_NUMBER (self, poll_interval_s, MAX (poll_interval_s, 1), PROP_POLL_INTERVAL);
}

guint64
vigie_feed_get_max_body_size (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), 0);
  return self->max_body_size;
}

void
vigie_feed_set_max_body_size (VigieFeed *self,
                              guint64    max_body_size)
{
  g_return_if_fail (VIGIE_IS_FEED (self));
  VIGIE_FEED_SET_NUMBER (self, max_body_size, max_body_size ? max_body_size : VIGIE_HTTP_DEFAULT_MAX_BODY_SIZE, PROP_MAX_BODY_SIZE);
}

gboolean
vigie_feed_get_enabled (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), FALSE);
  return self->enabled;
}

/**
 * vigie_feed_set_enabled:
 * @self: a #VigieFeed
 * @enabled: whether the feed may be polled
 *
 * A disabled feed stops polling and shows nothing; enabling it again
 * starts it if its manager runs.
 */
void
vigie_feed_set_enabled (VigieFeed *self,
                        gboolean   enabled)
{
  g_return_if_fail (VIGIE_IS_FEED (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;

  if (!enabled)
    {
      vigie_feed_stop (self);
      vigie_store_clear (self->store);
    }
  else if (self->client != NULL)
    vigie_feed_start (self, self->client);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ENABLED]);
}

void
vigie_feed_set_option (VigieFeed  *self,
                       const char *key,
                       const char *value)
{
  g_return_if_fail (VIGIE_IS_FEED (self));
  g_return_if_fail (key != NULL);

  if (value != NULL)
    g_hash_table_replace (self->options, g_strdup (key), g_strdup (value));
  else
    g_hash_table_remove (self->options, key);
}

const char *
vigie_feed_get_option (VigieFeed  *self,
                       const char *key)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->options, key);
}

/**
 * vigie_feed_start:
 * @self: a #VigieFeed
 * @client: the HTTP client to fetch with
 *
 * Starts polling every document now. Does nothing to a disabled feed
 * except remember @client.
 */
void
vigie_feed_start (VigieFeed       *self,
                  VigieHttpClient *client)
{
  g_return_if_fail (VIGIE_IS_FEED (self));
  g_return_if_fail (VIGIE_IS_HTTP_CLIENT (client));

  g_set_object (&self->client, client);

  /* A controller with a self-signed certificate: trusted only as pinned. */
  if (vigie_feed_get_option (self, "tls-pin") != NULL &&
      !vigie_http_client_pin_certificate (client, self->url, vigie_feed_get_option (self, "tls-pin")))
    g_message ("Feed %s: tls-pin is not a SHA-256 fingerprint", self->id);

  if (!self->enabled || self->running)
    return;

  self->running = TRUE;
  for (guint i = 0; i < self->documents->len; i++)
    vigie_feed_document_fetch (g_ptr_array_index (self->documents, i));
}

/**
 * vigie_feed_stop:
 * @self: a #VigieFeed
 *
 * Cancels every request and timer. The data stays in the store.
 */
void
vigie_feed_stop (VigieFeed *self)
{
  g_return_if_fail (VIGIE_IS_FEED (self));

  self->running = FALSE;

  g_cancellable_cancel (self->combining);
  g_clear_object (&self->combining);
  self->combine_pending = FALSE;
  g_clear_handle_id (&self->combine_wait_id, g_source_remove);

  if (self->documents != NULL)
    for (guint i = 0; i < self->documents->len; i++)
      vigie_feed_document_stop (g_ptr_array_index (self->documents, i));

  vigie_feed_update_state (self);
}

/**
 * vigie_feed_refresh:
 * @self: a #VigieFeed
 *
 * Fetches every document now instead of waiting for its timer ("refresh
 * now"). Requests already in flight are left to finish.
 */
void
vigie_feed_refresh (VigieFeed *self)
{
  g_return_if_fail (VIGIE_IS_FEED (self));

  if (!self->running)
    return;

  for (guint i = 0; i < self->documents->len; i++)
    vigie_feed_document_fetch (g_ptr_array_index (self->documents, i));
}

/**
 * vigie_feed_update_freshness:
 * @self: a #VigieFeed
 * @now: the current time, unix seconds
 *
 * Data gets old without any event: the manager calls this now and then so
 * that a feed whose server went quiet turns stale on screen.
 */
void
vigie_feed_update_freshness (VigieFeed *self,
                             gint64     now)
{
  g_return_if_fail (VIGIE_IS_FEED (self));

  vigie_feed_update_state (self);
}

/**
 * vigie_feed_get_store:
 * @self: a #VigieFeed
 *
 * Returns: (transfer none): the store that shows the feed's entities
 */
VigieStore *
vigie_feed_get_store (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), NULL);
  return self->store;
}

VigieFeedState
vigie_feed_get_state (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), VIGIE_FEED_STATE_IDLE);
  return self->state;
}

/**
 * vigie_feed_get_reason:
 * @self: a #VigieFeed
 *
 * Returns: (nullable): why the feed is in error or stale, in words for
 *   people, translated
 */
const char *
vigie_feed_get_reason (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), NULL);
  return self->reason;
}

VigieFreshness
vigie_feed_get_freshness (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), VIGIE_FRESHNESS_NO_DATA);
  return self->freshness;
}

gint64
vigie_feed_get_last_success (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), 0);
  return self->last_success;
}

gint64
vigie_feed_get_last_error_at (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), 0);
  return self->last_error_at;
}

const char *
vigie_feed_get_last_error (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), NULL);
  return self->last_error;
}

guint
vigie_feed_get_http_status (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), 0);
  return self->http_status;
}

guint
vigie_feed_get_latency_ms (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), 0);
  return self->latency_ms;
}

guint64
vigie_feed_get_bytes (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), 0);
  return self->bytes;
}

guint
vigie_feed_get_n_records (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), 0);
  return self->n_records;
}

guint
vigie_feed_get_n_warnings (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), 0);
  return self->n_warnings;
}

/**
 * vigie_feed_get_warnings:
 * @self: a #VigieFeed
 *
 * Returns: (nullable) (transfer none): the warnings of the last parse
 */
const char * const *
vigie_feed_get_warnings (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), NULL);
  return (const char * const *) self->warnings;
}

gint64
vigie_feed_get_fetched_at (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), 0);
  return self->fetched_at;
}

gint64
vigie_feed_get_observed_at (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), 0);
  return self->observed_at;
}

/**
 * vigie_feed_get_next_poll_ms:
 * @self: a #VigieFeed
 *
 * Returns: the delay chosen for the main document's next poll, in ms
 */
gint64
vigie_feed_get_next_poll_ms (VigieFeed *self)
{
  VigieFeedDocument *doc;

  g_return_val_if_fail (VIGIE_IS_FEED (self), 0);

  doc = vigie_feed_find_document (self, VIGIE_ROLE_MAIN);
  return doc ? doc->next_delay_ms : 0;
}

/**
 * vigie_feed_is_settled:
 * @self: a #VigieFeed
 *
 * Returns: whether every document, the linked ones included, was polled
 *   at least once, none is in flight and their combination is shown:
 *   what vigie-inspect waits for
 */
gboolean
vigie_feed_is_settled (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), FALSE);

  if (self->combining != NULL || self->combine_pending)
    return FALSE;

  for (guint i = 0; i < self->documents->len; i++)
    {
      VigieFeedDocument *doc = g_ptr_array_index (self->documents, i);

      if (!doc->polled || doc->cancellable != NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * vigie_feed_get_n_failures:
 * @self: a #VigieFeed
 *
 * Returns: how many polls of the main document failed in a row
 */
guint
vigie_feed_get_n_failures (VigieFeed *self)
{
  VigieFeedDocument *doc;

  g_return_val_if_fail (VIGIE_IS_FEED (self), 0);

  doc = vigie_feed_find_document (self, VIGIE_ROLE_MAIN);
  return doc ? doc->failures : 0;
}

/**
 * vigie_feed_state_to_string:
 * @state: a state
 *
 * Returns: the state in a word, translated
 */
const char *
vigie_feed_state_to_string (VigieFeedState state)
{
  switch (state)
    {
    case VIGIE_FEED_STATE_IDLE:
      return C_("feed state", "Paused");
    case VIGIE_FEED_STATE_FETCHING:
      return C_("feed state", "Loading");
    case VIGIE_FEED_STATE_OK:
      return C_("feed state", "OK");
    case VIGIE_FEED_STATE_STALE:
      return C_("feed state", "Stale");
    case VIGIE_FEED_STATE_ERROR:
      return C_("feed state", "Error");
    default:
      g_return_val_if_reached (NULL);
    }
}
