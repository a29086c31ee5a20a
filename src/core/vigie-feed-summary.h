/* vigie-feed-summary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-feed.h"

G_BEGIN_DECLS

/* What the feed health view shows for one feed, decided without a display
 * so that it can be tested; the row widget only applies it. */
typedef struct
{
  const char *icon_name;    /* a symbolic icon: the shape tells the state */
  const char *css_class;    /* "success", "warning", "error" or NULL */
  char       *state;        /* "OK", "Error", ... */
  char       *subtitle;     /* the reason, or when it last worked */
  char       *last_success;
  char       *last_error;
  char       *transfer;     /* HTTP status, latency, size */
  char       *contents;     /* records and warnings */
} VigieFeedSummary;

void  vigie_feed_summary_init            (VigieFeedSummary *summary,
                                         VigieFeed        *feed,
                                         gint64            now);
void  vigie_feed_summary_clear           (VigieFeedSummary *summary);
char *vigie_feed_summary_format_warnings (VigieFeed        *feed);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VigieFeedSummary, vigie_feed_summary_clear)

/* The whole city at a glance, for the header bar. */
typedef struct
{
  guint n_feeds;
  guint n_errors;
  guint n_stale;
} VigieHealthCount;

void  vigie_health_count       (GListModel             *feeds,
                                VigieHealthCount       *count);
char *vigie_health_count_label (const VigieHealthCount *count);

G_END_DECLS
