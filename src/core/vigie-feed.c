/* vigie-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-clock.h"
#include "vigie-failure.h"
#include "vigie-feed.h"
#include "vigie-format.h"
#include "vigie-freshness.h"
#include "vigie-parse-job.h"
#include "vigie-release.h"
#include "vigie-schedule.h"
#include "vigie-secrets.h"

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
 * on screen, and the state and reason say what went wrong. */

typedef struct
{
  VigieFeed     *feed;           /* borrowed: the feed owns its documents */
  char          *role;
  char          *url;
  char          *etag;
  char          *last_modified;
  VigieSnapshot *snapshot;       /* the last good parse */
  GCancellable  *cancellable;    /* while a fetch or parse is in flight */
  guint          timeout_id;
  guint          failures;
  gint64         retry_after_s;
  gint64         max_age_s;
  gint64         next_delay_ms;
  char          *error;          /* why the last attempt failed, in plain words, or NULL */
  gboolean       linked;         /* found through another document */
  gboolean       polled;         /* at least one poll finished */
  gboolean       relogged;       /* logged in again after a 401 */
} FeedDocument;

struct _VigieFeed
{
  GObject          parent_instance;

  char            *id;
  char            *name;
  VigieFeedKind    kind;
  char            *format_id;
  char            *url;
  guint            poll_interval_s;
  guint64          max_body_size;
  gboolean         enabled;
  GHashTable      *options;
  char            *secret;       /* for {api_key} in addresses or the login; never shown */
  gboolean         logged_in;    /* the controller's session cookie is held */

  VigieHttpClient *client;
  GPtrArray       *documents;    /* FeedDocument, main first */
  VigieStore      *store;

  VigieSnapshot   *shown;        /* the last combined snapshot applied */
  guint64          generation;   /* bumped whenever a document's snapshot changes */
  GCancellable    *combining;    /* a combination redone in a worker */

  VigieFeedState   state;
  char            *reason;
  VigieFreshness   freshness;
  gint64           last_success;
  gint64           last_error_at;
  char            *last_error;
  guint            http_status;
  guint            latency_ms;
  guint64          bytes;
  guint            n_records;
  guint            n_warnings;
  GStrv            warnings;
  GPtrArray       *link_warnings; /* links refused, in words */
  gint64           fetched_at;
  gint64           observed_at;
  guint            running : 1;
};

G_DEFINE_FINAL_TYPE (VigieFeed, vigie_feed, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_FORMAT_ID,
  PROP_URL,
  PROP_POLL_INTERVAL,
  PROP_MAX_BODY_SIZE,
  PROP_ENABLED,
  PROP_STORE,
  PROP_STATE,
  PROP_REASON,
  PROP_FRESHNESS,
  PROP_LAST_SUCCESS,
  PROP_LAST_ERROR,
  PROP_HTTP_STATUS,
  PROP_LATENCY_MS,
  PROP_BYTES,
  PROP_N_RECORDS,
  PROP_N_WARNINGS,
  PROP_FETCHED_AT,
  PROP_OBSERVED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  POLLED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void fetch_document (FeedDocument *doc);

/* g_set_str() arrived in GLib 2.76. */
static gboolean
replace_str (char       **field,
             const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gint64
now_unix (void)
{
  return vigie_clock_now ();
}

static FeedDocument *
feed_document_new (VigieFeed  *feed,
                   const char *role,
                   const char *url,
                   gboolean    linked)
{
  FeedDocument *doc = g_new0 (FeedDocument, 1);

  doc->feed = feed;
  doc->role = g_strdup (role);
  doc->url = g_strdup (url);
  doc->retry_after_s = -1;
  doc->max_age_s = -1;
  doc->linked = linked;

  return doc;
}

static void
feed_document_stop (FeedDocument *doc)
{
  g_clear_handle_id (&doc->timeout_id, g_source_remove);
  g_cancellable_cancel (doc->cancellable);
  g_clear_object (&doc->cancellable);
}

static void
feed_document_free (FeedDocument *doc)
{
  feed_document_stop (doc);
  g_clear_pointer (&doc->role, g_free);
  g_clear_pointer (&doc->url, g_free);
  g_clear_pointer (&doc->etag, g_free);
  g_clear_pointer (&doc->last_modified, g_free);
  g_clear_pointer (&doc->snapshot, vigie_snapshot_unref);
  g_clear_pointer (&doc->error, g_free);
  g_free (doc);
}

static FeedDocument *
find_document (VigieFeed  *self,
               const char *role)
{
  for (guint i = 0; i < self->documents->len; i++)
    {
      FeedDocument *doc = g_ptr_array_index (self->documents, i);

      if (g_str_equal (doc->role, role))
        return doc;
    }

  return NULL;
}

static const VigieFormat *
get_format (VigieFeed *self)
{
  return vigie_format_lookup (self->format_id);
}

/* Where the feed's format wants a log-in first (a controller), or NULL. */
static const char *
get_login (VigieFeed *self)
{
  const VigieFormat *format = get_format (self);

  if (format == NULL || format->login_path == NULL)
    return NULL;

  return format->login_path (self->options);
}

static void
set_string (VigieFeed   *self,
            char       **field,
            const char  *value,
            guint        prop_id)
{
  if (replace_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);
}

#define SET_NUMBER(self, field, value, prop_id)                                  \
  G_STMT_START {                                                                 \
    if ((self)->field != (value))                                                \
      {                                                                          \
        (self)->field = (value);                                                 \
        g_object_notify_by_pspec (G_OBJECT (self), properties [prop_id]);        \
      }                                                                          \
  } G_STMT_END

static void
set_state (VigieFeed      *self,
           VigieFeedState  state,
           const char     *reason)
{
  g_object_freeze_notify (G_OBJECT (self));
  SET_NUMBER (self, state, state, PROP_STATE);
  set_string (self, &self->reason, reason, PROP_REASON);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
any_in_flight (VigieFeed *self)
{
  for (guint i = 0; i < self->documents->len; i++)
    {
      FeedDocument *doc = g_ptr_array_index (self->documents, i);

      if (doc->cancellable != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_optional (FeedDocument *doc)
{
  const VigieFormat *format = get_format (doc->feed);

  return doc->linked && format != NULL && vigie_format_is_optional (format, doc->role);
}

/* The first failed document the map needs; an optional one that fails
 * is said in the warnings instead. */
static FeedDocument *
first_failed (VigieFeed *self)
{
  for (guint i = 0; i < self->documents->len; i++)
    {
      FeedDocument *doc = g_ptr_array_index (self->documents, i);

      if (doc->error != NULL && !is_optional (doc))
        return doc;
    }

  return NULL;
}

/* The state shown is a summary of the documents: an error in any of them
 * is what an operator needs to see first. */
static void
update_state (VigieFeed *self)
{
  FeedDocument *failed;
  gint64 ageing_s, stale_s;

  if (!self->running)
    {
      set_state (self, VIGIE_FEED_STATE_IDLE, NULL);
      return;
    }

  vigie_freshness_get_default_thresholds (self->kind, &ageing_s, &stale_s);
  SET_NUMBER (self, freshness,
              vigie_freshness_classify (now_unix (), self->observed_at, self->fetched_at, ageing_s, stale_s),
              PROP_FRESHNESS);

  if ((failed = first_failed (self)) != NULL)
    {
      g_autofree char *reason = NULL;

      /* The role is a file name of the standard: the operator is told
       * only that a part of the feed is affected. */
      if (self->documents->len > 1 && !g_str_equal (failed->role, VIGIE_ROLE_MAIN))
        reason = g_strdup_printf (_("Part of the feed is not updated. %s"), failed->error);
      else
        reason = g_strdup (failed->error);

      set_state (self, VIGIE_FEED_STATE_ERROR, reason);
    }
  else if (any_in_flight (self) && self->fetched_at == 0)
    set_state (self, VIGIE_FEED_STATE_FETCHING, NULL);
  else if (self->fetched_at == 0)
    set_state (self, VIGIE_FEED_STATE_FETCHING, NULL);
  else if (self->freshness == VIGIE_FRESHNESS_STALE)
    {
      g_autofree char *age = vigie_freshness_format_age (now_unix () - (self->observed_at ? self->observed_at : self->fetched_at));
      g_autofree char *reason = g_strdup_printf (_("The server answers, but its data is old (%s)"), age);

      set_state (self, VIGIE_FEED_STATE_STALE, reason);
    }
  else if (any_in_flight (self))
    set_state (self, VIGIE_FEED_STATE_FETCHING, NULL);
  else
    set_state (self, VIGIE_FEED_STATE_OK, NULL);
}

static gboolean
on_document_timeout_cb (gpointer user_data)
{
  FeedDocument *doc = user_data;

  doc->timeout_id = 0;
  fetch_document (doc);

  return G_SOURCE_REMOVE;
}

static void
schedule_document (FeedDocument *doc)
{
  VigieFeed *self = doc->feed;
  const VigieFormat *format = get_format (self);
  VigieScheduleInput input = {
    .poll_interval_s = self->poll_interval_s,
    .min_interval_s = format ? vigie_format_get_min_interval (format, doc->role) : VIGIE_SCHEDULE_MIN_INTERVAL_S,
    .ttl_s = doc->snapshot ? vigie_snapshot_get_ttl (doc->snapshot) : -1,
    .max_age_s = doc->max_age_s,
    .retry_after_s = doc->retry_after_s,
    .consecutive_failures = doc->failures,
    .jitter = g_random_double (),
  };

  g_clear_handle_id (&doc->timeout_id, g_source_remove);

  if (!self->running)
    return;

  doc->next_delay_ms = vigie_schedule_next_delay_ms (&input);
  doc->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, doc->next_delay_ms,
                                        on_document_timeout_cb, doc, NULL);
}

/* @unsafe_reason is a plain sentence for the operator; @unsafe_detail,
 * if any, what the network or the parser said, kept for the details
 * (last-error) and for vigie-inspect. */
static void rebuild_warnings (VigieFeed *self);

static void
document_failed (FeedDocument *doc,
                 const char   *unsafe_reason,
                 const char   *unsafe_detail)
{
  VigieFeed *self = doc->feed;
  /* An error may quote the address, and the address may hold a key. */
  g_autofree char *reason = vigie_secrets_redact (unsafe_reason, self->secret);
  g_autofree char *detail = vigie_secrets_redact (unsafe_detail ? unsafe_detail : unsafe_reason, self->secret);
  g_autofree char *last_error = NULL;

  doc->failures++;
  doc->polled = TRUE;
  replace_str (&doc->error, reason);

  if (self->documents->len > 1)
    /* Translators: a feed document's role (a file name of its standard,
     * as "station_status"), then what went wrong with it. */
    last_error = g_strdup_printf (_("%s: %s"), doc->role, detail);
  else
    last_error = g_steal_pointer (&detail);

  g_object_freeze_notify (G_OBJECT (self));
  SET_NUMBER (self, last_error_at, now_unix (), PROP_LAST_ERROR);
  set_string (self, &self->last_error, last_error, PROP_LAST_ERROR);
  update_state (self);
  rebuild_warnings (self);
  g_object_thaw_notify (G_OBJECT (self));

  g_debug ("feed %s: %s (failure %u)", self->id, self->last_error, doc->failures);
  schedule_document (doc);

  g_signal_emit (self, signals [POLLED], 0, doc->role, FALSE);
}

static char *
describe_status (guint status)
{
  switch (status)
    {
    case 401:
    case 403:
      return g_strdup_printf (_("Access refused: check the address or the API key (HTTP %u)"), status);

    case 404:
    case 410:
      return g_strdup_printf (_("The feed is not at this address any more (HTTP %u)"), status);

    case 429:
      return g_strdup (_("The server asks us to poll less often (HTTP 429)"));

    case 503:
      return g_strdup (_("The server is temporarily unavailable (HTTP 503)"));

    default:
      if (status >= 500)
        return g_strdup_printf (_("The server has an internal problem (HTTP %u)"), status);
      return g_strdup_printf (_("The server refused the request (HTTP %u)"), status);
    }
}

/* Whether a document linked from the feed's own may be fetched: same
 * scheme, host and port, or a host the "allowed-hosts" option lists
 * (comma-separated, "*" for any); never from HTTPS down to HTTP. */
static gboolean
link_allowed (VigieFeed   *self,
              const char  *url,
              char       **why)
{
  g_autoptr(GUri) base = g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) link = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *shown = NULL;
  const char *allowed = vigie_feed_get_option (self, "allowed-hosts");
  const char *host;

  if (base == NULL || link == NULL || g_uri_get_host (link) == NULL)
    {
      *why = g_strdup_printf (_("A linked document’s address is not valid: %s"), url);
      return FALSE;
    }

  shown = g_uri_to_string_partial (link, G_URI_HIDE_PASSWORD | G_URI_HIDE_QUERY);
  if (g_ascii_strcasecmp (g_uri_get_scheme (base), "https") == 0 &&
      g_ascii_strcasecmp (g_uri_get_scheme (link), "https") != 0)
    {
      *why = g_strdup_printf (_("A linked document is on an insecure address (%s): not followed"), shown);
      return FALSE;
    }

  host = g_uri_get_host (link);
  if (g_ascii_strcasecmp (host, g_uri_get_host (base)) == 0 &&
      g_uri_get_port (link) == g_uri_get_port (base))
    return TRUE;

  if (allowed != NULL)
    {
      g_auto(GStrv) hosts = g_strsplit (allowed, ",", -1);

      for (guint i = 0; hosts[i] != NULL; i++)
        {
          const char *h = g_strstrip (hosts[i]);

          if (g_str_equal (h, "*") || g_ascii_strcasecmp (h, host) == 0)
            return TRUE;
        }
    }

  *why = g_strdup_printf (_("A linked document is on another server (%s): not followed; the feed option “allowed-hosts” can allow it"),
                          shown);
  return FALSE;
}

static void
update_links (VigieFeed     *self,
              VigieSnapshot *snapshot)
{
  const VigieFormat *format = get_format (self);
  GHashTable *links = vigie_snapshot_get_links (snapshot);
  g_autoptr(GHashTable) refused = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  const char *role, *url;

  g_ptr_array_set_size (self->link_warnings, 0);

  g_hash_table_iter_init (&iter, links);
  while (g_hash_table_iter_next (&iter, (gpointer *) &role, (gpointer *) &url))
    {
      FeedDocument *doc;
      g_autofree char *why = NULL;

      if (!vigie_format_follows (format, role))
        continue;

      /* A discovery document may not send Vigie anywhere: to its own
       * host only, unless the profile allows others. */
      if (!link_allowed (self, url, &why))
        {
          g_ptr_array_add (self->link_warnings, g_steal_pointer (&why));
          g_hash_table_add (refused, (gpointer) role);
          continue;
        }

      doc = find_document (self, role);
      if (doc != NULL && g_strcmp0 (doc->url, url) == 0)
        continue;

      if (doc == NULL)
        {
          doc = feed_document_new (self, role, url, TRUE);
          g_ptr_array_add (self->documents, doc);
        }
      else
        {
          /* Moved: start afresh at the new address. */
          feed_document_stop (doc);
          replace_str (&doc->url, url);
          g_clear_pointer (&doc->etag, g_free);
          g_clear_pointer (&doc->last_modified, g_free);
        }

      fetch_document (doc);
    }
}

/* The shown snapshot's warnings, and what the engine itself noticed:
 * a server clock in the future, linked documents refused. */
static void
rebuild_warnings (VigieFeed *self)
{
  VigieSnapshot *shown = self->shown;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = shown != NULL ? vigie_snapshot_get_n_warnings (shown) : 0;

  if (shown != NULL)
    g_strv_builder_addv (builder, (const char **) vigie_snapshot_get_warnings (shown));

  /* Data dated in the future (2080) is not fresh: the server's clock is
   * wrong, and the operator is told so. */
  if (shown != NULL && vigie_snapshot_get_observed_at (shown) - now_unix () > VIGIE_FRESHNESS_MAX_CLOCK_SKEW_S)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (vigie_snapshot_get_observed_at (shown));
      g_autofree char *date = when != NULL ? g_date_time_format (when, "%-d %B %Y, %H:%M") : g_strdup ("?");
      /* Translators: %s is a date and time. */
      g_autofree char *text = g_strdup_printf (_("The feed dates its data %s, in the future: the server’s clock is wrong"), date);

      g_strv_builder_add (builder, text);
      n++;
    }

  for (guint i = 0; i < self->link_warnings->len; i++, n++)
    g_strv_builder_add (builder, g_ptr_array_index (self->link_warnings, i));

  for (guint i = 0; i < self->documents->len; i++)
    {
      FeedDocument *doc = g_ptr_array_index (self->documents, i);

      if (doc->error != NULL && is_optional (doc))
        {
          g_autofree char *text = g_strdup_printf (_("A secondary part of the feed is not updated; the map is complete without it. %s"),
                                                   doc->error);

          g_strv_builder_add (builder, text);
          n++;
        }
    }

  g_strfreev (self->warnings);
  self->warnings = g_strv_builder_end (builder);
  SET_NUMBER (self, n_warnings, n, PROP_N_WARNINGS);
}

static void
apply_combined (VigieFeed     *self,
                VigieSnapshot *combined)
{
  vigie_store_apply (self->store, combined, now_unix ());
  vigie_release_later (g_steal_pointer (&self->shown), (GDestroyNotify) vigie_snapshot_unref);
  self->shown = vigie_snapshot_ref (combined);

  g_object_freeze_notify (G_OBJECT (self));
  SET_NUMBER (self, n_records, vigie_snapshot_get_n_records (combined), PROP_N_RECORDS);
  rebuild_warnings (self);

  if (vigie_snapshot_get_observed_at (combined) > 0)
    SET_NUMBER (self, observed_at, vigie_snapshot_get_observed_at (combined), PROP_OBSERVED_AT);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
document_succeeded (FeedDocument *doc)
{
  VigieFeed *self = doc->feed;

  doc->failures = 0;
  doc->polled = TRUE;
  g_clear_pointer (&doc->error, g_free);

  g_object_freeze_notify (G_OBJECT (self));
  SET_NUMBER (self, last_success, now_unix (), PROP_LAST_SUCCESS);
  SET_NUMBER (self, fetched_at, now_unix (), PROP_FETCHED_AT);
  update_state (self);
  rebuild_warnings (self);
  g_object_thaw_notify (G_OBJECT (self));

  schedule_document (doc);

  g_signal_emit (self, signals [POLLED], 0, doc->role, TRUE);
}

/* Parsing ------------------------------------------------------------ */

/* Hands a worker @doc's bytes to parse and combine with every other
 * document's last good snapshot or, @doc NULL, only the combination to
 * make again. */
static void
start_job (VigieFeed           *self,
           FeedDocument        *doc,
           GBytes              *bytes,
           const char          *content_type,
           SoupMessageHeaders  *headers,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             source_tag)
{
  g_autoptr(VigieParseJob) job = NULL;
  g_autoptr(GTask) task = NULL;

  job = vigie_parse_job_new (get_format (self), self->options, self->shown, self->generation, now_unix ());
  if (doc != NULL)
    vigie_parse_job_set_document (job, doc->role, doc->url, bytes, content_type, headers);

  for (guint i = 0; i < self->documents->len; i++)
    {
      FeedDocument *other = g_ptr_array_index (self->documents, i);

      if (other != doc && other->snapshot != NULL)
        vigie_parse_job_add_snapshot (job, other->role, other->snapshot);
    }

  task = g_task_new (self, cancellable, callback, doc);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_steal_pointer (&job), (GDestroyNotify) vigie_parse_job_free);
  g_task_run_in_thread (task, vigie_parse_job_run);
}

static void
on_recombined_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  VigieFeed *self = VIGIE_FEED (object);
  VigieParseJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return;

  g_clear_object (&self->combining);

  /* A newer document arrived meanwhile: its own combination is newer. */
  if (job->generation == self->generation && job->combined != NULL)
    apply_combined (self, job->combined);
}

static void
recombine (VigieFeed *self)
{
  g_cancellable_cancel (self->combining);
  g_clear_object (&self->combining);
  self->combining = g_cancellable_new ();

  start_job (self, NULL, NULL, NULL, NULL, self->combining, on_recombined_cb, recombine);
}

static void
on_parsed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  VigieFeed *self = VIGIE_FEED (object);
  FeedDocument *doc = user_data;
  VigieParseJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_clear_object (&doc->cancellable);
      {
        g_autofree char *reason = vigie_failure_describe (error);
        g_autofree char *detail = NULL;

        if (error->domain == VIGIE_FORMAT_ERROR)
          detail = g_strdup_printf (_("The data could not be read: %s"), error->message);
        document_failed (doc, reason, detail ? detail : error->message);
      }
      return;
    }

  g_clear_object (&doc->cancellable);
  vigie_release_later (g_steal_pointer (&doc->snapshot), (GDestroyNotify) vigie_snapshot_unref);
  doc->snapshot = g_steal_pointer (&job->parsed);

  /* Another document changed while this one was parsed (GBFS fetches its
   * sub-feeds together): this combination missed it, so make it again
   * from every document's latest snapshot rather than show half a feed. */
  if (job->format->combine != NULL && job->generation != self->generation)
    {
      self->generation++;
      recombine (self);
    }
  else
    {
      self->generation++;
      if (job->combined != NULL)
        apply_combined (self, job->combined);
    }

  /* Only the feed's own document says which others exist. */
  if (g_str_equal (doc->role, VIGIE_ROLE_MAIN))
    update_links (self, doc->snapshot);

  document_succeeded (doc);
}

static void
parse_document (FeedDocument       *doc,
                GBytes             *bytes,
                const char         *content_type,
                SoupMessageHeaders *headers)
{
  start_job (doc->feed, doc, bytes, content_type, headers, doc->cancellable, on_parsed_cb, parse_document);
}

/* Fetching ----------------------------------------------------------- */

static void
on_fetched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  FeedDocument *doc = user_data;
  VigieFeed *self;
  g_autoptr(VigieHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = vigie_http_client_fetch_finish (VIGIE_HTTP_CLIENT (object), result, &error);

  /* Stopped: the document may be gone already. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = doc->feed;

  if (response == NULL)
    {
      g_autofree char *reason = vigie_failure_describe (error);

      g_clear_object (&doc->cancellable);
      doc->retry_after_s = -1;
      document_failed (doc, reason, error->message);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  SET_NUMBER (self, http_status, response->status, PROP_HTTP_STATUS);
  SET_NUMBER (self, latency_ms, (guint) (response->latency_us / 1000), PROP_LATENCY_MS);
  SET_NUMBER (self, bytes, response->body ? g_bytes_get_size (response->body) : 0, PROP_BYTES);
  g_object_thaw_notify (G_OBJECT (self));

  doc->retry_after_s = response->retry_after_s;
  doc->max_age_s = response->max_age_s;

  /* The controller forgot the session (restart, expiry): log in again,
   * once, before saying anything. */
  if (response->status == 401 && get_login (self) != NULL && !doc->relogged)
    {
      g_clear_object (&doc->cancellable);
      doc->relogged = TRUE;
      self->logged_in = FALSE;
      fetch_document (doc);
      return;
    }

  if (response->status >= 400 || (response->status < 200 && !response->not_modified))
    {
      g_autofree char *reason = describe_status (response->status);

      g_clear_object (&doc->cancellable);
      document_failed (doc, reason, NULL);
      return;
    }

  doc->relogged = FALSE;

  if (response->not_modified)
    {
      g_clear_object (&doc->cancellable);
      document_succeeded (doc);
      return;
    }

  replace_str (&doc->etag, response->etag);
  replace_str (&doc->last_modified, response->last_modified);

  if (response->body == NULL || g_bytes_get_size (response->body) == 0)
    {
      g_clear_object (&doc->cancellable);
      document_failed (doc, _("The server sent an empty answer"), NULL);
      return;
    }

  parse_document (doc, response->body, response->content_type, response->headers);
}

static void
on_logged_in_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FeedDocument *doc = user_data;
  g_autoptr(VigieHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  response = vigie_http_client_fetch_finish (VIGIE_HTTP_CLIENT (object), result, &error);

  /* Stopped: the document may be gone already. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&doc->cancellable);

  if (response == NULL)
    {
      g_autofree char *reason = vigie_failure_describe (error);

      doc->retry_after_s = -1;
      document_failed (doc, reason, error->message);
      return;
    }

  if (response->status < 200 || response->status >= 300)
    {
      g_autofree char *reason =
        g_strdup_printf (_("The controller refused the login (HTTP %u): check the user name and the password"),
                         response->status);

      doc->retry_after_s = response->retry_after_s;
      document_failed (doc, reason, NULL);
      return;
    }

  doc->feed->logged_in = TRUE;
  fetch_document (doc);
}

static void
log_in (FeedDocument *doc)
{
  VigieFeed *self = doc->feed;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *url = NULL;
  const char *content_type = NULL;

  if (self->secret == NULL)
    {
      document_failed (doc, _("This feed needs a password: store it in the keyring"), NULL);
      return;
    }

  url = g_uri_resolve_relative (doc->url, get_login (self), G_URI_FLAGS_NONE, &error);
  if (url == NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("Invalid address: %s"), error->message);

      document_failed (doc, _("The feed’s address is not valid"), detail);
      return;
    }

  body = get_format (self)->login_body (self->options, self->secret, &content_type);
  doc->cancellable = g_cancellable_new ();
  update_state (self);

  vigie_http_client_post_async (self->client, url, body, content_type,
                                64 * 1024, doc->cancellable,
                                on_logged_in_cb, doc);
}

static void
fetch_document (FeedDocument *doc)
{
  VigieFeed *self = doc->feed;
  g_autofree char *url = NULL;

  g_clear_handle_id (&doc->timeout_id, g_source_remove);

  if (!self->running || doc->cancellable != NULL)
    return;

  if (get_format (self) == NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("Unknown feed format “%s”"), self->format_id);

      replace_str (&doc->error, reason);
      update_state (self);
      return;
    }

  if (vigie_secrets_url_needs_secret (doc->url))
    {
      if (self->secret == NULL)
        {
          document_failed (doc, _("This feed needs an API key: add it in Preferences"), NULL);
          return;
        }

      url = vigie_secrets_fill_url (doc->url, self->secret);
    }

  if (get_login (self) != NULL && !self->logged_in)
    {
      log_in (doc);
      return;
    }

  doc->cancellable = g_cancellable_new ();
  update_state (self);

  vigie_http_client_fetch_async (self->client,
                                 url ? url : doc->url,
                                 doc->etag,
                                 doc->last_modified,
                                 self->max_body_size,
                                 doc->cancellable,
                                 on_fetched_cb,
                                 doc);
}

/* GObject ------------------------------------------------------------ */

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
    case PROP_KIND:          g_value_set_int (value, self->kind); break;
    case PROP_FORMAT_ID:     g_value_set_string (value, self->format_id); break;
    case PROP_URL:           g_value_set_string (value, self->url); break;
    case PROP_POLL_INTERVAL: g_value_set_uint (value, self->poll_interval_s); break;
    case PROP_MAX_BODY_SIZE: g_value_set_uint64 (value, self->max_body_size); break;
    case PROP_ENABLED:       g_value_set_boolean (value, self->enabled); break;
    case PROP_STORE:         g_value_set_object (value, self->store); break;
    case PROP_STATE:         g_value_set_int (value, self->state); break;
    case PROP_REASON:        g_value_set_string (value, self->reason); break;
    case PROP_FRESHNESS:     g_value_set_int (value, self->freshness); break;
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
      self->kind = g_value_get_int (value);
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

  g_ptr_array_add (self->documents, feed_document_new (self, VIGIE_ROLE_MAIN, self->url, FALSE));
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
  properties [PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, VIGIE_N_FEED_KINDS - 1, 0, co);
  properties [PROP_FORMAT_ID] = g_param_spec_string ("format-id", NULL, NULL, NULL, co);
  properties [PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, co);
  properties [PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL, 1, 24 * 3600, VIGIE_FEED_DEFAULT_POLL_INTERVAL_S, rw);
  properties [PROP_MAX_BODY_SIZE] =
    g_param_spec_uint64 ("max-body-size", NULL, NULL, 1, G_MAXUINT64, VIGIE_HTTP_DEFAULT_MAX_BODY_SIZE, rw);
  properties [PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, rw);
  properties [PROP_STORE] = g_param_spec_object ("store", NULL, NULL, VIGIE_TYPE_STORE, ro);
  properties [PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, VIGIE_FEED_STATE_IDLE, VIGIE_FEED_STATE_ERROR, VIGIE_FEED_STATE_IDLE, ro);
  properties [PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, ro);
  properties [PROP_FRESHNESS] =
    g_param_spec_int ("freshness", NULL, NULL, VIGIE_FRESHNESS_NO_DATA, VIGIE_FRESHNESS_STALE, VIGIE_FRESHNESS_NO_DATA, ro);
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
  self->options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) feed_document_free);
  self->link_warnings = g_ptr_array_new_with_free_func (g_free);
  self->store = vigie_store_new ();
}

/* Public API ------------------------------------------------------- */

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
  set_string (self, &self->name, name, PROP_NAME);
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
      FeedDocument *doc = g_ptr_array_index (self->documents, i);

      if (vigie_secrets_url_needs_secret (doc->url))
        return TRUE;
    }

  return get_login (self) != NULL;
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
      FeedDocument *doc = g_ptr_array_index (self->documents, i);

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
  FeedDocument *doc;

  g_return_if_fail (VIGIE_IS_FEED (self));
  g_return_if_fail (role != NULL && !g_str_equal (role, VIGIE_ROLE_MAIN));
  g_return_if_fail (url != NULL);

  doc = find_document (self, role);
  if (doc == NULL)
    {
      doc = feed_document_new (self, role, url, FALSE);
      g_ptr_array_add (self->documents, doc);
    }
  else
    replace_str (&doc->url, url);

  if (self->running)
    fetch_document (doc);
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
  SET_NUMBER (self, poll_interval_s, MAX (poll_interval_s, 1), PROP_POLL_INTERVAL);
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
  SET_NUMBER (self, max_body_size, max_body_size ? max_body_size : VIGIE_HTTP_DEFAULT_MAX_BODY_SIZE, PROP_MAX_BODY_SIZE);
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
    fetch_document (g_ptr_array_index (self->documents, i));
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

  if (self->documents != NULL)
    for (guint i = 0; i < self->documents->len; i++)
      feed_document_stop (g_ptr_array_index (self->documents, i));

  update_state (self);
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
    fetch_document (g_ptr_array_index (self->documents, i));
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

  update_state (self);
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
  FeedDocument *doc;

  g_return_val_if_fail (VIGIE_IS_FEED (self), 0);

  doc = find_document (self, VIGIE_ROLE_MAIN);
  return doc ? doc->next_delay_ms : 0;
}

/**
 * vigie_feed_is_settled:
 * @self: a #VigieFeed
 *
 * Returns: whether every document, the linked ones included, was polled
 *   at least once and none is in flight: what vigie-inspect waits for
 */
gboolean
vigie_feed_is_settled (VigieFeed *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED (self), FALSE);

  if (self->combining != NULL)
    return FALSE;

  for (guint i = 0; i < self->documents->len; i++)
    {
      FeedDocument *doc = g_ptr_array_index (self->documents, i);

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
  FeedDocument *doc;

  g_return_val_if_fail (VIGIE_IS_FEED (self), 0);

  doc = find_document (self, VIGIE_ROLE_MAIN);
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
