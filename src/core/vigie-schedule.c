/* vigie-schedule.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-schedule"

#include "config.h"

#include "vigie-schedule.h"

#define MS_PER_S G_GINT64_CONSTANT (1000)

/* A sample outside [0, 1) would push the delay outside its band. */
static double
sanitize_jitter (double jitter)
{
  if (!(jitter >= 0.0))
    return 0.0;

  return MIN (jitter, 1.0);
}

/* Seconds from the feed (ttl, max-age, Retry-After) are arbitrary
 * integers: capped before they are turned into milliseconds so that the
 * product cannot overflow. */
static gint64
capped_ms (gint64 seconds,
           gint64 cap_s)
{
  g_assert (cap_s >= 0);

  return CLAMP (seconds, 0, cap_s) * MS_PER_S;
}

static gint64
success_delay_ms (const VigieScheduleInput *input,
                  gint64                    floor_ms)
{
  gint64 delay_ms;
  gint64 spread_ms;

  delay_ms = MAX (floor_ms, (gint64) input->poll_interval_s * MS_PER_S);

  /* Polling before the feed says its data expires returns the same data. */
  if (input->ttl_s > 0)
    delay_ms = MAX (delay_ms, capped_ms (input->ttl_s, VIGIE_SCHEDULE_MAX_INTERVAL_S));
  if (input->max_age_s > 0)
    delay_ms = MAX (delay_ms, capped_ms (input->max_age_s, VIGIE_SCHEDULE_MAX_INTERVAL_S));

  delay_ms = MIN (delay_ms, VIGIE_SCHEDULE_MAX_INTERVAL_S * MS_PER_S);

  /* ±10 %, so that feeds started together drift apart. */
  spread_ms = delay_ms / 10;
  delay_ms = delay_ms - spread_ms + (gint64) (sanitize_jitter (input->jitter) * (double) (2 * spread_ms));

  return MIN (delay_ms, VIGIE_SCHEDULE_MAX_INTERVAL_S * MS_PER_S);
}

static gint64
backoff_delay_ms (const VigieScheduleInput *input,
                  gint64                    floor_ms)
{
  const gint64 cap_ms = VIGIE_SCHEDULE_MAX_BACKOFF_S * MS_PER_S;
  gint64 base_ms;
  gint64 backoff_ms;
  gint64 half_ms;
  guint exponent;

  g_assert (input->consecutive_failures > 0);

  base_ms = MAX (floor_ms, VIGIE_SCHEDULE_MIN_BACKOFF_S * MS_PER_S);
  exponent = input->consecutive_failures - 1;

  /* Compare before shifting: base × 2^exponent overflows long before a
   * thousand failures. */
  if (exponent >= 62 || base_ms > (cap_ms >> exponent))
    backoff_ms = cap_ms;
  else
    backoff_ms = MIN (base_ms << exponent, cap_ms);

  /* "Equal jitter": half of the step is kept, so that the wait still
   * grows, and half is random, so that clients failing together (the
   * server went down for everyone) do not come back together. */
  half_ms = backoff_ms / 2;

  return backoff_ms - half_ms + (gint64) (sanitize_jitter (input->jitter) * (double) half_ms);
}

/**
 * vigie_schedule_next_delay_ms:
 * @input: what is known of the feed and of its last answer
 *
 * Decides how long to wait before polling a feed again.
 *
 * The floor is the largest of @input's min_interval_s and
 * %VIGIE_SCHEDULE_MIN_INTERVAL_S; no delay is ever shorter.
 *
 * After a success (consecutive_failures is 0) the delay is the largest of
 * the floor, the operator's poll interval, and the feed's own ttl and
 * Cache-Control max-age when they are positive (polling sooner returns the
 * same data), capped at %VIGIE_SCHEDULE_MAX_INTERVAL_S. It is then moved
 * by up to ±10 % according to jitter (0 gives −10 %, 0.5 none, towards 1
 * +10 %) so that feeds started together do not poll in lock-step; the
 * result stays within the cap.
 *
 * After failures the delay backs off exponentially from a base of the
 * largest of the floor and %VIGIE_SCHEDULE_MIN_BACKOFF_S: base ×
 * 2^(failures − 1), capped at %VIGIE_SCHEDULE_MAX_BACKOFF_S. Of that step,
 * half is waited in full and the other half in proportion to jitter
 * ("equal jitter").
 *
 * In both cases a Retry-After (retry_after_s ≥ 0) that asks for a longer
 * wait wins, up to %VIGIE_SCHEDULE_MAX_RETRY_AFTER_S: a server may answer
 * 503 or 429 with one right after a success. It is not jittered: the
 * server chose it.
 *
 * Returns: the delay in milliseconds, at least the floor
 */
gint64
vigie_schedule_next_delay_ms (const VigieScheduleInput *input)
{
  gint64 floor_ms;
  gint64 delay_ms;

  g_return_val_if_fail (input != NULL, VIGIE_SCHEDULE_MIN_INTERVAL_S * MS_PER_S);

  floor_ms = (gint64) MAX (input->min_interval_s, VIGIE_SCHEDULE_MIN_INTERVAL_S) * MS_PER_S;

  if (input->consecutive_failures == 0)
    delay_ms = success_delay_ms (input, floor_ms);
  else
    delay_ms = backoff_delay_ms (input, floor_ms);

  if (input->retry_after_s >= 0)
    delay_ms = MAX (delay_ms, capped_ms (input->retry_after_s, VIGIE_SCHEDULE_MAX_RETRY_AFTER_S));

  return MAX (delay_ms, floor_ms);
}
