/* vigie-parse-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-parse-job"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-parse-job.h"
#include "vigie-hash.h"
#include "vigie-thread.h"

/* The one piece of a feed's work that runs in a worker thread: parsing a
 * document, combining it with the others and preparing the snapshot, all
 * in proportion to the feed's size, so that the main thread then only
 * swaps arrays. */

static const char *
user_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    if (!g_str_equal (names[i], "C") && !g_str_equal (names[i], "POSIX"))
      return names[i];

  return "en";
}

/* The "max-entities" option, or 0 for the default. */
static guint
max_entities_option (GHashTable *options)
{
  const char *text = options != NULL ? g_hash_table_lookup (options, "max-entities") : NULL;
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    return 0;

  return (guint) value;
}

/* Past its entity limit a document is refused whole: a part of a city
 * would look like the whole. */
static gboolean
check_entity_limit (VigieSnapshot  *snapshot,
                    GError        **error)
{
  g_autofree char *limit = NULL;

  if (snapshot == NULL || vigie_snapshot_get_n_over_limit (snapshot) == 0)
    return TRUE;

  limit = g_strdup_printf ("%u", vigie_snapshot_get_max_entities (snapshot));
  g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE,
               _("The feed holds more than %s items, the limit (feed option “max-entities”); none of them is shown"),
               limit);
  return FALSE;
}

/**
 * vigie_parse_job_new:
 * @format: the feed's format
 * @options: the feed's options
 * @shown: (nullable): the snapshot the feed shows now
 * @generation: the feed's generation, to tell later whether another
 *   document changed meanwhile
 * @now: unix seconds
 *
 * A job that only combines again; vigie_parse_job_set_document() gives it
 * a document to parse first. Made on the main thread.
 *
 * Returns: (transfer full): the job
 */
VigieParseJob *
vigie_parse_job_new (const VigieFormat *format,
                     GHashTable        *options,
                     VigieSnapshot     *shown,
                     guint64            generation,
                     gint64             now)
{
  VigieParseJob *job;

  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);

  job = g_new0 (VigieParseJob, 1);
  job->format = format;
  job->snapshots = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) vigie_snapshot_unref);
  job->options = g_hash_table_ref (options);
  job->language = g_strdup (user_language ());
  job->now = now;
  job->made_at = g_get_monotonic_time ();
  job->generation = generation;
  /* Only an indexed snapshot helps preparing the next one. */
  if (shown != NULL && vigie_snapshot_get_index (shown) != NULL)
    job->previous = vigie_snapshot_ref (shown);

  return job;
}

/**
 * vigie_parse_job_set_document:
 * @job: a job
 * @role: the document's role
 * @url: where it came from, for its relative links
 * @bytes: its body
 * @content_type: (nullable): its Content-Type
 * @headers: (nullable): the answer's headers
 *
 * Makes @job parse the document before combining.
 */
void
vigie_parse_job_set_document (VigieParseJob      *job,
                              const char         *role,
                              const char         *url,
                              GBytes             *bytes,
                              const char         *content_type,
                              SoupMessageHeaders *headers)
{
  g_return_if_fail (job != NULL);
  g_return_if_fail (role != NULL);
  g_return_if_fail (bytes != NULL);

  job->role = g_strdup (role);
  job->base_url = g_strdup (url);
  job->bytes = g_bytes_ref (bytes);
  job->content_type = g_strdup (content_type);
  job->headers = headers ? soup_message_headers_ref (headers) : NULL;
}

/**
 * vigie_parse_job_add_snapshot:
 * @job: a job
 * @role: another document's role
 * @snapshot: its last good snapshot
 *
 * Gives @job what the other documents hold, for the combination.
 */
void
vigie_parse_job_add_snapshot (VigieParseJob *job,
                              const char    *role,
                              VigieSnapshot *snapshot)
{
  g_return_if_fail (job != NULL);
  g_return_if_fail (role != NULL);
  g_return_if_fail (snapshot != NULL);

  g_hash_table_replace (job->snapshots, g_strdup (role), vigie_snapshot_ref (snapshot));
}

/**
 * vigie_parse_job_set_taps:
 * @job: a job
 * @feed_id: the feed's id
 * @format_id: its format's id
 * @taps: (transfer container) (element-type VigieTap): the taps to run
 *   once the combination is prepared
 *
 * Made on the main thread, like the job.
 */
void
vigie_parse_job_set_taps (VigieParseJob *job,
                          const char    *feed_id,
                          const char    *format_id,
                          GPtrArray     *taps)
{
  g_return_if_fail (job->taps == NULL);

  job->feed_id = g_strdup (feed_id);
  job->format_id = g_strdup (format_id);
  job->taps = taps;
  job->tap_results = g_new0 (gpointer, taps->len);
}

/**
 * vigie_parse_job_apply_taps:
 * @job: a job whose combination the store shows now
 *
 * Hands each tap its result, on the main thread.
 */
void
vigie_parse_job_apply_taps (VigieParseJob *job)
{
  for (guint i = 0; job->taps != NULL && i < job->taps->len; i++)
    vigie_tap_apply (g_ptr_array_index (job->taps, i), job->feed_id,
                     g_steal_pointer (&job->tap_results[i]));
}

static void
run_taps (VigieParseJob *job)
{
  VigieTapInput input = {
    .feed_id = job->feed_id,
    .format_id = job->format_id,
    .previous = job->previous,
    .current = job->combined,
    .now = job->now,
  };

  for (guint i = 0; job->taps != NULL && i < job->taps->len; i++)
    job->tap_results[i] = vigie_tap_work (g_ptr_array_index (job->taps, i), &input);
}

void
vigie_parse_job_free (VigieParseJob *job)
{
  if (job == NULL)
    return;

  /* Results the main thread never took: a job cancelled or outdated. */
  for (guint i = 0; job->taps != NULL && i < job->taps->len; i++)
    vigie_tap_free_result (g_ptr_array_index (job->taps, i), job->tap_results[i]);
  g_clear_pointer (&job->tap_results, g_free);
  g_clear_pointer (&job->taps, g_ptr_array_unref);
  g_clear_pointer (&job->feed_id, g_free);
  g_clear_pointer (&job->format_id, g_free);

  g_clear_pointer (&job->role, g_free);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_pointer (&job->content_type, g_free);
  g_clear_pointer (&job->headers, soup_message_headers_unref);
  g_clear_pointer (&job->snapshots, g_hash_table_unref);
  g_clear_pointer (&job->options, g_hash_table_unref);
  g_clear_pointer (&job->language, g_free);
  g_clear_pointer (&job->base_url, g_free);
  g_clear_pointer (&job->previous, vigie_snapshot_unref);
  g_clear_pointer (&job->parsed, vigie_snapshot_unref);
  g_clear_pointer (&job->combined, vigie_snapshot_unref);
  g_free (job);
}

/**
 * vigie_parse_job_run:
 *
 * A #GTaskThreadFunc, with a #VigieParseJob as the task's data. Runs in a
 * worker thread: only the job's own data is touched. Returns %TRUE, or
 * the error that makes the document unusable.
 */
void
vigie_parse_job_run (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  VigieParseJob *job = task_data;
  VigieParseContext context = {
    .now = job->now,
    .language = job->language,
    .options = job->options,
    .base_url = job->base_url,
    .headers = job->headers,
    .max_entities = max_entities_option (job->options),
  };
  g_autoptr(GError) error = NULL;

  vigie_thread_make_background ();

  /* Canceled while it waited for its turn (vigie-work-gate.c). */
  job->started_at = g_get_monotonic_time ();
  if (g_task_return_error_if_cancelled (task))
    return;

  /* Without a role only combining again: the documents are parsed
   * already. */
  if (job->role != NULL)
    {
      job->parsed = job->format->parse (job->role, job->bytes, &context, &error);
      if (job->parsed == NULL)
        {
          /* A web page where data was expected: a captive portal, a login
           * page, an error page served with 200. Say so plainly. */
          if (job->content_type != NULL && g_str_has_prefix (job->content_type, "text/html"))
            g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                     _("The server sent a web page instead of data"));
          else
            g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if (!check_entity_limit (job->parsed, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if (job->format->combine != NULL)
        g_hash_table_replace (job->snapshots, g_strdup (job->role), vigie_snapshot_ref (job->parsed));
      else if (g_str_equal (job->role, VIGIE_ROLE_MAIN))
        job->combined = vigie_snapshot_ref (job->parsed);

      if (job->parse_only)
        {
          job->ended_at = g_get_monotonic_time ();
          g_task_return_boolean (task, TRUE);
          return;
        }
    }

  if (job->format->combine != NULL)
    job->combined = job->format->combine (job->snapshots, &context);

  if (!check_entity_limit (job->combined, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The work proportional to the feed's size happens here, not on the
   * main thread, which then only swaps arrays. */
  if (job->combined != NULL && !vigie_snapshot_get_incremental (job->combined))
    vigie_snapshot_prepare (job->combined, job->previous, job->now);
  /* The columns a pass over every entity reads (the alert rules' tap):
   * preparing made them; an incremental update's are made here, not in
   * the pass. */
  if (job->combined != NULL)
    vigie_snapshot_get_columns (job->combined);

  if (job->combined != NULL)
    run_taps (job);

  job->ended_at = g_get_monotonic_time ();
  g_task_return_boolean (task, TRUE);
}
