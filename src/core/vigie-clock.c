/* vigie-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vigie-clock.h"

/* The application's notion of "now". It is the wall clock, except when
 * the demo city runs at a chosen simulated time (vigie --demo-time, for
 * tests, screenshots and training): then every "now" the app uses
 * (freshness, timetables, the age of a tram) must agree with the
 * simulator's clock, or the demo's data would lie in the app's future
 * and be dropped. One process-wide offset in seconds (±68 years is
 * plenty), read from any thread. */
static gint clock_offset_s;

/**
 * vigie_clock_now_us:
 *
 * Returns: the application's current time, in microseconds since the
 *   epoch; thread-safe
 */
gint64
vigie_clock_now_us (void)
{
  return g_get_real_time () + (gint64) g_atomic_int_get (&clock_offset_s) * G_USEC_PER_SEC;
}

/**
 * vigie_clock_now:
 *
 * Returns: the application's current time, in seconds since the epoch;
 *   thread-safe
 */
gint64
vigie_clock_now (void)
{
  return vigie_clock_now_us () / G_USEC_PER_SEC;
}

/**
 * vigie_clock_new_now_local:
 *
 * Returns: (transfer full): the application's current time in the local
 *   time zone
 */
GDateTime *
vigie_clock_new_now_local (void)
{
  return g_date_time_new_from_unix_local (vigie_clock_now ());
}

/**
 * vigie_clock_set_time:
 * @unix_time: what the time is now, seconds since the epoch; 0 goes back
 *   to the wall clock
 *
 * From now on the application's clock reads @unix_time and runs at the
 * wall clock's pace. Call it once at start-up, before any feed starts.
 */
void
vigie_clock_set_time (gint64 unix_time)
{
  gint64 offset = unix_time > 0 ? unix_time - g_get_real_time () / G_USEC_PER_SEC : 0;

  g_atomic_int_set (&clock_offset_s, (gint) CLAMP (offset, G_MININT, G_MAXINT));
}

/**
 * vigie_clock_get_offset_us:
 *
 * Returns: how far the application's clock is ahead of the wall clock
 */
gint64
vigie_clock_get_offset_us (void)
{
  return (gint64) g_atomic_int_get (&clock_offset_s) * G_USEC_PER_SEC;
}

/**
 * vigie_clock_parse_time:
 * @text: an ISO 8601 date and time ("2026-12-07T08:30:00+01:00"), or a
 *   local one without zone ("2026-12-07T08:30", "2026-12-07 08:30")
 * @default_tz: (nullable): the zone of a time given without one; %NULL
 *   for the local zone
 * @unix_time: (out): the time, seconds since the epoch
 *
 * Returns: %TRUE when @text is a date and time
 */
gboolean
vigie_clock_parse_time (const char *text,
                        GTimeZone  *default_tz,
                        gint64     *unix_time)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *iso = NULL;

  g_return_val_if_fail (unix_time != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  /* A space between date and time is what people type. */
  iso = g_strstrip (g_strdup (text));
  if (strlen (iso) > 10 && iso[10] == ' ')
    iso[10] = 'T';
  /* GLib wants the seconds; "08:30" is what people type. */
  if (strlen (iso) >= 16 && iso[10] == 'T' && iso[13] == ':' &&
      (iso[16] == '\0' || iso[16] == 'Z' || iso[16] == '+' || iso[16] == '-'))
    {
      g_autofree char *date_time = g_strndup (iso, 16);
      char *with_seconds = g_strconcat (date_time, ":00", iso + 16, NULL);

      g_free (iso);
      iso = with_seconds;
    }

  if (default_tz == NULL)
    default_tz = local = g_time_zone_new_local ();
  dt = g_date_time_new_from_iso8601 (iso, default_tz);
  if (dt == NULL)
    return FALSE;

  *unix_time = g_date_time_to_unix (dt);
  return TRUE;
}

/**
 * vigie_clock_time_lacks_zone:
 * @text: an ISO 8601 date and time, as a feed writes it
 *
 * Parsers read a time without a zone as UTC, and say so once: this tells
 * them whether they had to.
 *
 * Returns: whether @text has a time of day but no zone nor offset
 */
gboolean
vigie_clock_time_lacks_zone (const char *text)
{
  const char *t;

  g_return_val_if_fail (text != NULL, FALSE);

  t = strchr (text, 'T');
  if (t == NULL)
    t = strchr (text, ' ');

  return t != NULL && strpbrk (t, "Zz+-") == NULL;
}
