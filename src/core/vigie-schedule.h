/* vigie-schedule.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* No feed is polled more often than this, whatever its format allows. */
#define VIGIE_SCHEDULE_MIN_INTERVAL_S     5
/* The first back-off step is never shorter than this. */
#define VIGIE_SCHEDULE_MIN_BACKOFF_S      10
/* The longest wait between two attempts at a failing feed. */
#define VIGIE_SCHEDULE_MAX_BACKOFF_S      (15 * 60)
/* The longest Retry-After that is obeyed. */
#define VIGIE_SCHEDULE_MAX_RETRY_AFTER_S  3600
/* The longest wait between two polls of a healthy feed. */
#define VIGIE_SCHEDULE_MAX_INTERVAL_S     (24 * 3600)

/* What decides when a feed is polled next: read from the settings, the
 * format and the last answer. */
typedef struct
{
  guint  poll_interval_s;      /* the operator's setting */
  guint  min_interval_s;       /* the format's floor; never below VIGIE_SCHEDULE_MIN_INTERVAL_S */
  gint64 ttl_s;                /* the feed's own ttl (GBFS), -1 if none */
  gint64 max_age_s;            /* Cache-Control max-age, -1 if none */
  gint64 retry_after_s;        /* Retry-After of the last answer, -1 if none */
  guint  consecutive_failures; /* 0 after a success */
  double jitter;               /* a sample in [0, 1), passed in so tests are deterministic */
} VigieScheduleInput;

gint64 vigie_schedule_next_delay_ms (const VigieScheduleInput *input);

G_END_DECLS
