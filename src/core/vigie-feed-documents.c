/* vigie-feed-documents.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-clock.h"
#include "vigie-failure.h"
#include "vigie-feed-private.h"
#include "vigie-format.h"
#include "vigie-freshness.h"
#include "vigie-parse-job.h"
#include "vigie-release.h"
#include "vigie-schedule.h"
#include "vigie-secrets.h"
#include "vigie-hash.h"
#include "vigie-work-gate.h"

/* The documents of a feed, each on its own schedule: fetched (after a
 * log-in when the format wants one), parsed in a worker, combined and
 * applied to the store, and the feed's state summed up from them. See
 * vigie-feed.c for the whole. */

/* From this size, a document is parsed through the gate of large
 * documents (vigie-work-gate.c). */
#define LARGE_DOCUMENT (1024 * 1024)

/* How long documents still on their way may hold back the combination
 * of those already parsed (a broker's page that does not answer). */
#define MAX_COMBINE_WAIT_S 5

/*
 * Documents and state
 */

static gint64
now_unix (void)
{
  return vigie_clock_now ();
}

VigieFeedDocument *
vigie_feed_document_new (VigieFeed  *feed,
                         const char *role,
                         const char *url,
                         gboolean    linked)
{
  VigieFeedDocument *doc = g_new0 (VigieFeedDocument, 1);

  doc->feed = feed;
  doc->role = g_strdup (role);
  doc->url = g_strdup (url);
  doc->retry_after_s = -1;
  doc->max_age_s = -1;
  doc->linked = linked;

  return doc;
}

void
vigie_feed_document_stop (VigieFeedDocument *doc)
{
  g_clear_handle_id (&doc->timeout_id, g_source_remove);
  g_cancellable_cancel (doc->cancellable);
  g_clear_object (&doc->cancellable);
}

void
vigie_feed_document_free (VigieFeedDocument *doc)
{
  vigie_feed_document_stop (doc);
  g_clear_pointer (&doc->role, g_free);
  g_clear_pointer (&doc->url, g_free);
  g_clear_pointer (&doc->etag, g_free);
  g_clear_pointer (&doc->last_modified, g_free);
  g_clear_pointer (&doc->snapshot, vigie_snapshot_unref);
  g_clear_pointer (&doc->error, g_free);
  g_free (doc);
}

VigieFeedDocument *
vigie_feed_find_document (VigieFeed  *self,
                          const char *role)
{
  for (guint i = 0; i < self->documents->len; i++)
    {
      VigieFeedDocument *doc = g_ptr_array_index (self->documents, i);

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
const char *
vigie_feed_login_path (VigieFeed *self)
{
  const VigieFormat *format = get_format (self);

  if (format == NULL || format->login_path == NULL)
    return NULL;

  return format->login_path (self->options);
}

static void
set_state (VigieFeed      *self,
           VigieFeedState  state,
           const char     *reason)
{
  g_object_freeze_notify (G_OBJECT (self));
  VIGIE_FEED_SET_NUMBER (self, state, state, PROP_STATE);
  vigie_feed_set_string (self, &self->reason, reason, PROP_REASON);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Whether a document other than @doc (any, @doc NULL) is being fetched
 * or parsed. */
static gboolean
others_in_flight (VigieFeed         *self,
                  VigieFeedDocument *doc)
{
  for (guint i = 0; i < self->documents->len; i++)
    {
      VigieFeedDocument *other = g_ptr_array_index (self->documents, i);

      if (other != doc && other->cancellable != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
any_in_flight (VigieFeed *self)
{
  return others_in_flight (self, NULL);
}

/* A broker's further pages: fetched with the main page, on its timer. */
static gboolean
is_page (VigieFeedDocument *doc)
{
  const VigieFormat *format = get_format (doc->feed);

  return doc->linked && format != NULL && format->links_are_pages;
}

static gboolean
is_optional (VigieFeedDocument *doc)
{
  const VigieFormat *format = get_format (doc->feed);

  return doc->linked && format != NULL && vigie_format_is_optional (format, doc->role);
}

/* The first failed document the map needs; an optional one that fails
 * is said in the warnings instead. */
static VigieFeedDocument *
first_failed (VigieFeed *self)
{
  for (guint i = 0; i < self->documents->len; i++)
    {
      VigieFeedDocument *doc = g_ptr_array_index (self->documents, i);

      if (doc->error != NULL && !is_optional (doc))
        return doc;
    }

  return NULL;
}

/* The main page was read again (or did not change): the rest of it is
 * read now too. A listing read page by page at different times misses
 * or doubles what moved between pages meanwhile. */
static void
fetch_pages (VigieFeed *self)
{
  for (guint i = 0; i < self->documents->len; i++)
    {
      VigieFeedDocument *doc = g_ptr_array_index (self->documents, i);

      if (is_page (doc))
        vigie_feed_document_fetch (doc);
    }
}

static void recombine (VigieFeed *self);

/* What was waiting is combined now, or was in the combination shown. */
static void
stop_waiting (VigieFeed *self)
{
  self->combine_pending = FALSE;
  g_clear_handle_id (&self->combine_wait_id, g_source_remove);
}

static gboolean
on_combine_wait_cb (gpointer user_data)
{
  VigieFeed *self = user_data;

  self->combine_wait_id = 0;
  if (self->combine_pending)
    recombine (self);

  return G_SOURCE_REMOVE;
}

/* Documents that arrive together (a broker's pages, a GBFS system's
 * files at start-up) are combined and shown once, when the last is in:
 * each of 17 pages of parking places combined and shown on its own was
 * a worker's half-second and a new plan, placement and image of the
 * layer, 17 times over. */
static void
combine_later (VigieFeed *self)
{
  self->combine_pending = TRUE;
  if (self->combine_wait_id == 0)
    self->combine_wait_id = g_timeout_add_seconds (MAX_COMBINE_WAIT_S, on_combine_wait_cb, self);
}

static void
combine_if_settled (VigieFeed *self)
{
  if (self->combine_pending && !any_in_flight (self))
    recombine (self);
}

/* The state shown is a summary of the documents: an error in any of them
 * is what an operator needs to see first. */
void
vigie_feed_update_state (VigieFeed *self)
{
  VigieFeedDocument *failed;
  gint64 ageing_s, stale_s;

  if (!self->running)
    {
      set_state (self, VIGIE_FEED_STATE_IDLE, NULL);
      return;
    }

  vigie_freshness_get_default_thresholds (self->kind, &ageing_s, &stale_s);
  VIGIE_FEED_SET_NUMBER (self, freshness,
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
  VigieFeedDocument *doc = user_data;

  doc->timeout_id = 0;
  vigie_feed_document_fetch (doc);

  return G_SOURCE_REMOVE;
}

static void
schedule_document (VigieFeedDocument *doc)
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

  if (!self->running || is_page (doc))
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
document_failed (VigieFeedDocument *doc,
                 const char        *unsafe_reason,
                 const char        *unsafe_detail)
{
  VigieFeed *self = doc->feed;
  /* An error may quote the address, and the address may hold a key. */
  g_autofree char *reason = vigie_secrets_redact (unsafe_reason, self->secret);
  g_autofree char *detail = vigie_secrets_redact (unsafe_detail ? unsafe_detail : unsafe_reason, self->secret);
  g_autofree char *last_error = NULL;

  doc->failures++;
  doc->polled = TRUE;
  vigie_feed_replace_str (&doc->error, reason);

  if (self->documents->len > 1)
    /* Translators: a feed document's role (a file name of its standard,
     * as "station_status"), then what went wrong with it. */
    last_error = g_strdup_printf (_("%s: %s"), doc->role, detail);
  else
    last_error = g_steal_pointer (&detail);

  g_object_freeze_notify (G_OBJECT (self));
  VIGIE_FEED_SET_NUMBER (self, last_error_at, now_unix (), PROP_LAST_ERROR);
  vigie_feed_set_string (self, &self->last_error, last_error, PROP_LAST_ERROR);
  vigie_feed_update_state (self);
  rebuild_warnings (self);
  g_object_thaw_notify (G_OBJECT (self));

  g_debug ("feed %s: %s (failure %u)", self->id, self->last_error, doc->failures);
  schedule_document (doc);

  vigie_feed_emit_polled (self, doc->role, FALSE);
  combine_if_settled (self);
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
  g_autoptr(GHashTable) refused = g_hash_table_new (vigie_str_hash, g_str_equal);
  GHashTableIter iter;
  const char *role, *url;

  g_ptr_array_set_size (self->link_warnings, 0);

  g_hash_table_iter_init (&iter, links);
  while (g_hash_table_iter_next (&iter, (gpointer *) &role, (gpointer *) &url))
    {
      VigieFeedDocument *doc;
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

      doc = vigie_feed_find_document (self, role);
      if (doc != NULL && g_strcmp0 (doc->url, url) == 0)
        continue;

      if (doc == NULL)
        {
          doc = vigie_feed_document_new (self, role, url, TRUE);
          g_ptr_array_add (self->documents, doc);
        }
      else
        {
          /* Moved: start afresh at the new address. */
          vigie_feed_document_stop (doc);
          vigie_feed_replace_str (&doc->url, url);
          g_clear_pointer (&doc->etag, g_free);
          g_clear_pointer (&doc->last_modified, g_free);
        }

      vigie_feed_document_fetch (doc);
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
      VigieFeedDocument *doc = g_ptr_array_index (self->documents, i);

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
  VIGIE_FEED_SET_NUMBER (self, n_warnings, n, PROP_N_WARNINGS);
}

static void
apply_combined (VigieFeed     *self,
                VigieParseJob *job)
{
  VigieSnapshot *combined = job->combined;

  g_debug ("feed %s: %s applied, %u entities, %.0f ms waiting for a worker, %.0f ms in it",
           self->id, job->role != NULL ? job->role : "combination",
           vigie_snapshot_get_n_entities (combined),
           (job->started_at - job->made_at) / 1000.0, (job->ended_at - job->started_at) / 1000.0);
  vigie_store_apply (self->store, combined, now_unix ());
  /* Made after the last document arrived (its callers check): nothing
   * waits any more. */
  stop_waiting (self);
  vigie_parse_job_apply_taps (job);
  vigie_release_later (g_steal_pointer (&self->shown), (GDestroyNotify) vigie_snapshot_unref);
  self->shown = vigie_snapshot_ref (combined);

  g_object_freeze_notify (G_OBJECT (self));
  VIGIE_FEED_SET_NUMBER (self, n_records, vigie_snapshot_get_n_records (combined), PROP_N_RECORDS);
  rebuild_warnings (self);

  if (vigie_snapshot_get_observed_at (combined) > 0)
    VIGIE_FEED_SET_NUMBER (self, observed_at, vigie_snapshot_get_observed_at (combined), PROP_OBSERVED_AT);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
document_succeeded (VigieFeedDocument *doc)
{
  VigieFeed *self = doc->feed;

  doc->failures = 0;
  doc->polled = TRUE;
  g_clear_pointer (&doc->error, g_free);

  g_object_freeze_notify (G_OBJECT (self));
  VIGIE_FEED_SET_NUMBER (self, last_success, now_unix (), PROP_LAST_SUCCESS);
  VIGIE_FEED_SET_NUMBER (self, fetched_at, now_unix (), PROP_FETCHED_AT);
  vigie_feed_update_state (self);
  rebuild_warnings (self);
  g_object_thaw_notify (G_OBJECT (self));

  schedule_document (doc);

  vigie_feed_emit_polled (self, doc->role, TRUE);
  combine_if_settled (self);
}

/*
 * Parsing
 */

/* Hands a worker @doc's bytes to parse and combine with every other
 * document's last good snapshot or, @doc NULL, only the combination to
 * make again. */

/* A job may hold the last reference to the snapshot shown before, with
 * the entities that changed since: tens of thousands to finalize, which
 * a worker does rather than the main thread after the job's callback. */
static void
release_job (gpointer job)
{
  vigie_release_later (job, (GDestroyNotify) vigie_parse_job_free);
}

static void
start_job (VigieFeed           *self,
           VigieFeedDocument   *doc,
           GBytes              *bytes,
           const char          *content_type,
           SoupMessageHeaders  *headers,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             source_tag)
{
  const VigieFormat *format = get_format (self);
  g_autoptr(VigieParseJob) job = NULL;
  g_autoptr(GTask) task = NULL;

  job = vigie_parse_job_new (format, self->options, self->shown, self->generation, now_unix ());
  vigie_parse_job_set_taps (job, vigie_feed_get_id (self), vigie_feed_get_format_id (self), vigie_tap_list ());
  if (doc != NULL)
    vigie_parse_job_set_document (job, doc->role, doc->url, bytes, content_type, headers);

  /* Others on their way: this one is only parsed, and combined with
   * them once they are in; so is a main page whose pages follow it. */
  if (doc != NULL && format->combine != NULL &&
      (others_in_flight (self, doc) ||
       (format->links_are_pages && g_str_equal (doc->role, VIGIE_ROLE_MAIN) && self->documents->len > 1)))
    job->parse_only = TRUE;

  for (guint i = 0; !job->parse_only && i < self->documents->len; i++)
    {
      VigieFeedDocument *other = g_ptr_array_index (self->documents, i);

      if (other != doc && other->snapshot != NULL)
        vigie_parse_job_add_snapshot (job, other->role, other->snapshot);
    }

  task = g_task_new (self, cancellable, callback, doc);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_steal_pointer (&job), release_job);
  /* Large documents take their turn (a tree and a snapshot each); a
   * tram feed's few kilobytes do not wait behind a city's car share. */
  if (bytes != NULL && g_bytes_get_size (bytes) >= LARGE_DOCUMENT)
    vigie_work_gate_run_in_thread (vigie_work_gate_for_documents (), task, vigie_parse_job_run);
  else
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
    apply_combined (self, job);
}

static void
recombine (VigieFeed *self)
{
  stop_waiting (self);
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
  VigieFeedDocument *doc = user_data;
  VigieParseJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean missed;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_clear_object (&doc->cancellable);
      /* An answer that could not be used is asked for in full next time:
       * the server's 304 would otherwise pass it for good data (a SIRI
       * error answer served twice). */
      g_clear_pointer (&doc->etag, g_free);
      g_clear_pointer (&doc->last_modified, g_free);
      {
        g_autofree char *reason = vigie_failure_describe (error);
        g_autofree char *detail = NULL;

        /* The server's own error was read: it is the detail, as it is. */
        if (error->domain == VIGIE_FORMAT_ERROR && error->code != VIGIE_FORMAT_ERROR_SERVER)
          detail = g_strdup_printf (_("The data could not be read: %s"), error->message);
        document_failed (doc, reason, detail ? detail : error->message);
      }
      return;
    }

  g_clear_object (&doc->cancellable);
  vigie_release_later (g_steal_pointer (&doc->snapshot), (GDestroyNotify) vigie_snapshot_unref);
  doc->snapshot = g_steal_pointer (&job->parsed);
  missed = job->generation != self->generation;
  self->generation++;

  /* Only the feed's own document says which others exist; a broker's
   * pages are read again with it. */
  if (g_str_equal (doc->role, VIGIE_ROLE_MAIN))
    {
      update_links (self, doc->snapshot);
      fetch_pages (self);
    }

  if (job->format->combine == NULL)
    {
      if (job->combined != NULL)
        apply_combined (self, job);
    }
  else if (any_in_flight (self))
    combine_later (self);
  /* Another document changed while this one was parsed: this combination
   * missed it, so make it again from every document's latest snapshot
   * rather than show half a feed. */
  else if (missed || job->combined == NULL)
    recombine (self);
  else
    apply_combined (self, job);

  document_succeeded (doc);
}

static void
parse_document (VigieFeedDocument  *doc,
                GBytes             *bytes,
                const char         *content_type,
                SoupMessageHeaders *headers)
{
  start_job (doc->feed, doc, bytes, content_type, headers, doc->cancellable, on_parsed_cb, parse_document);
}

/*
 * Fetching
 */

static void
on_fetched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  VigieFeedDocument *doc = user_data;
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
  VIGIE_FEED_SET_NUMBER (self, http_status, response->status, PROP_HTTP_STATUS);
  VIGIE_FEED_SET_NUMBER (self, latency_ms, (guint) (response->latency_us / 1000), PROP_LATENCY_MS);
  VIGIE_FEED_SET_NUMBER (self, bytes, response->body ? g_bytes_get_size (response->body) : 0, PROP_BYTES);
  g_object_thaw_notify (G_OBJECT (self));

  doc->retry_after_s = response->retry_after_s;
  doc->max_age_s = response->max_age_s;

  /* The controller forgot the session (restart, expiry): log in again,
   * once, before saying anything. */
  if (response->status == 401 && vigie_feed_login_path (self) != NULL && !doc->relogged)
    {
      g_clear_object (&doc->cancellable);
      doc->relogged = TRUE;
      self->logged_in = FALSE;
      vigie_feed_document_fetch (doc);
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
      if (g_str_equal (doc->role, VIGIE_ROLE_MAIN))
        fetch_pages (self);
      document_succeeded (doc);
      return;
    }

  vigie_feed_replace_str (&doc->etag, response->etag);
  vigie_feed_replace_str (&doc->last_modified, response->last_modified);

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
  VigieFeedDocument *doc = user_data;
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
  vigie_feed_document_fetch (doc);
}

static void
log_in (VigieFeedDocument *doc)
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

  url = g_uri_resolve_relative (doc->url, vigie_feed_login_path (self), G_URI_FLAGS_NONE, &error);
  if (url == NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("Invalid address: %s"), error->message);

      document_failed (doc, _("The feed’s address is not valid"), detail);
      return;
    }

  body = get_format (self)->login_body (self->options, self->secret, &content_type);
  doc->cancellable = g_cancellable_new ();
  vigie_feed_update_state (self);

  vigie_http_client_post_async (self->client, url, body, content_type,
                                64 * 1024, doc->cancellable,
                                on_logged_in_cb, doc);
}

void
vigie_feed_document_fetch (VigieFeedDocument *doc)
{
  VigieFeed *self = doc->feed;
  g_autofree char *url = NULL;

  g_clear_handle_id (&doc->timeout_id, g_source_remove);

  if (!self->running || doc->cancellable != NULL)
    return;

  if (get_format (self) == NULL)
    {
      g_autofree char *reason = g_strdup_printf (_("Unknown feed format “%s”"), self->format_id);

      vigie_feed_replace_str (&doc->error, reason);
      vigie_feed_update_state (self);
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

  if (vigie_feed_login_path (self) != NULL && !self->logged_in)
    {
      log_in (doc);
      return;
    }

  doc->cancellable = g_cancellable_new ();
  vigie_feed_update_state (self);

  vigie_http_client_fetch_async (self->client,
                                 url ? url : doc->url,
                                 doc->etag,
                                 doc->last_modified,
                                 self->max_body_size,
                                 doc->cancellable,
                                 on_fetched_cb,
                                 doc);
}
