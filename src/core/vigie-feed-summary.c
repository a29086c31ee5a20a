/* vigie-feed-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-feed-summary.h"
#include "vigie-freshness.h"
#include "vigie-number.h"

static char *
describe_time (gint64 when,
               gint64 now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *age = NULL;
  g_autofree char *clock = NULL;

  if (when <= 0)
    return g_strdup (_("never"));

  local = g_date_time_new_from_unix_local (when);
  age = vigie_freshness_format_age (now - when);
  clock = g_date_time_format (local, "%X");

  /* Translators: an age in words, then a time of day, as in
   * "2 min ago (14:03:12)". */
  return g_strdup_printf (_("%s (%s)"), age, clock);
}

/**
 * vigie_feed_summary_init:
 * @summary: (out caller-allocates): the summary to fill
 * @feed: a feed
 * @now: the current time, unix seconds
 *
 * Describes @feed for the feed health view: its state told by a shape (the
 * icon) and not by colour alone, and every failure in words.
 */
void
vigie_feed_summary_init (VigieFeedSummary *summary,
                         VigieFeed        *feed,
                         gint64            now)
{
  VigieFeedState state;
  g_autofree char *size = NULL;

  g_return_if_fail (summary != NULL);
  g_return_if_fail (VIGIE_IS_FEED (feed));

  memset (summary, 0, sizeof *summary);
  state = vigie_feed_get_state (feed);

  switch (state)
    {
    case VIGIE_FEED_STATE_IDLE:
      summary->icon_name = "media-playback-pause-symbolic";
      break;

    case VIGIE_FEED_STATE_FETCHING:
      summary->icon_name = "content-loading-symbolic";
      break;

    case VIGIE_FEED_STATE_OK:
      summary->icon_name = "emblem-ok-symbolic";
      summary->css_class = "success";
      break;

    case VIGIE_FEED_STATE_STALE:
      summary->icon_name = "alarm-symbolic";
      summary->css_class = "warning";
      break;

    case VIGIE_FEED_STATE_ERROR:
      summary->icon_name = "dialog-warning-symbolic";
      summary->css_class = "error";
      break;

    default:
      g_assert_not_reached ();
    }

  summary->state = g_strdup (vigie_feed_state_to_string (state));

  if (vigie_feed_get_reason (feed) != NULL)
    summary->subtitle = g_strdup (vigie_feed_get_reason (feed));
  else if (vigie_feed_get_last_success (feed) > 0)
    {
      g_autofree char *age = vigie_freshness_format_age (now - vigie_feed_get_last_success (feed));

      /* Translators: %s is an age such as "2 min ago". */
      summary->subtitle = g_strdup_printf (_("Updated %s"), age);
    }
  else if (state == VIGIE_FEED_STATE_IDLE)
    summary->subtitle = g_strdup (vigie_feed_get_enabled (feed) ? _("Not polled") : _("Disabled"));
  else
    summary->subtitle = g_strdup (_("Waiting for the first answer"));

  summary->last_success = describe_time (vigie_feed_get_last_success (feed), now);

  if (vigie_feed_get_last_error (feed) != NULL)
    {
      g_autofree char *when = describe_time (vigie_feed_get_last_error_at (feed), now);

      /* Translators: a time, then the reason of a failure. */
      summary->last_error = g_strdup_printf (_("%s: %s"), when, vigie_feed_get_last_error (feed));
    }
  else
    summary->last_error = g_strdup (_("none"));

  size = g_format_size (vigie_feed_get_bytes (feed));
  if (vigie_feed_get_http_status (feed) != 0)
    /* Translators: HTTP status, time to the first byte, size of the answer:
     * "HTTP 200 · 120 ms · 45.3 kB". */
    summary->transfer = g_strdup_printf (_("HTTP %u · %u ms · %s"),
                                         vigie_feed_get_http_status (feed),
                                         vigie_feed_get_latency_ms (feed),
                                         size);
  else
    summary->transfer = g_strdup (_("no answer yet"));

  {
    guint n_records = vigie_feed_get_n_records (feed);
    g_autofree char *n_records_text = vigie_format_count (n_records);
    g_autofree char *records = NULL;
    g_autofree char *warnings = vigie_feed_summary_format_warnings (feed);

    /* Translators: %s is a count, grouped as in "20 676 records". */
    records = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record", "%s records", n_records), n_records_text);
    summary->contents = g_strdup_printf ("%s · %s", records, warnings);
  }
}

/**
 * vigie_feed_summary_format_warnings:
 * @feed: a #VigieFeed
 *
 * Returns: (transfer full): how many warnings its last parse gave, in
 *   words: "2 warnings"
 */
char *
vigie_feed_summary_format_warnings (VigieFeed *feed)
{
  guint n_warnings = vigie_feed_get_n_warnings (feed);
  g_autofree char *n_warnings_text = vigie_format_count (n_warnings);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s warning", "%s warnings", n_warnings), n_warnings_text);
}

void
vigie_feed_summary_clear (VigieFeedSummary *summary)
{
  g_clear_pointer (&summary->state, g_free);
  g_clear_pointer (&summary->subtitle, g_free);
  g_clear_pointer (&summary->last_success, g_free);
  g_clear_pointer (&summary->last_error, g_free);
  g_clear_pointer (&summary->transfer, g_free);
  g_clear_pointer (&summary->contents, g_free);
}

/**
 * vigie_health_count:
 * @feeds: a #GListModel of #VigieFeed
 * @count: (out caller-allocates): the counts
 */
void
vigie_health_count (GListModel       *feeds,
                    VigieHealthCount *count)
{
  g_return_if_fail (G_IS_LIST_MODEL (feeds));
  g_return_if_fail (count != NULL);

  memset (count, 0, sizeof *count);

  for (guint i = 0; i < g_list_model_get_n_items (feeds); i++)
    {
      g_autoptr(VigieFeed) feed = g_list_model_get_item (feeds, i);

      if (!vigie_feed_get_enabled (feed))
        continue;

      count->n_feeds++;
      if (vigie_feed_get_state (feed) == VIGIE_FEED_STATE_ERROR)
        count->n_errors++;
      else if (vigie_feed_get_state (feed) == VIGIE_FEED_STATE_STALE)
        count->n_stale++;
    }
}

/**
 * vigie_health_count_label:
 * @count: the counts
 *
 * Returns: (transfer full) (nullable): words for the header bar, or %NULL
 *   when every feed is well
 */
char *
vigie_health_count_label (const VigieHealthCount *count)
{
  g_autofree char *n_errors = NULL;
  g_autofree char *n_stale = NULL;

  g_return_val_if_fail (count != NULL, NULL);

  n_errors = vigie_format_count (count->n_errors);
  n_stale = vigie_format_count (count->n_stale);

  if (count->n_errors > 0 && count->n_stale > 0)
    {
      g_autofree char *errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s feed failing", "%s feeds failing", count->n_errors), n_errors);
      g_autofree char *stale = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s stale", "%s stale", count->n_stale), n_stale);

      /* Translators: "2 feeds failing, 1 stale". */
      return g_strdup_printf (_("%s, %s"), errors, stale);
    }

  if (count->n_errors > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s feed failing", "%s feeds failing", count->n_errors), n_errors);

  if (count->n_stale > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s feed stale", "%s feeds stale", count->n_stale), n_stale);

  return NULL;
}
