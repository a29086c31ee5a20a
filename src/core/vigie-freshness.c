/* vigie-freshness.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-freshness"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-freshness.h"

/* Trams move every few seconds and a minute-old position is already
 * wrong; dock and car counts change more slowly; parking occupancy and
 * Wi-Fi use are published every few minutes at best. */
static const struct
{
  gint64 ageing_s;
  gint64 stale_s;
} default_thresholds[] = {
  [VIGIE_FEED_KIND_TRAMS]     = {  90,  180 },
  [VIGIE_FEED_KIND_BIKES]     = { 300,  900 },
  [VIGIE_FEED_KIND_CAR_SHARE] = { 300,  900 },
  [VIGIE_FEED_KIND_PARKING]   = { 600, 1800 },
  [VIGIE_FEED_KIND_WIFI]      = { 600, 1800 },
  [VIGIE_FEED_KIND_TRAINS]    = { 120,  300 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (default_thresholds) == VIGIE_N_FEED_KINDS);

/* Times are unix seconds and 0 means unknown; so does a time too far
 * ahead of @now to be clock skew, which says the source's clock is
 * wrong. A time slightly ahead counts as now. */
static gboolean
get_age (gint64  now,
         gint64  timestamp,
         gint64 *age_s)
{
  g_assert (age_s != NULL);

  if (timestamp <= 0 || timestamp - now > VIGIE_FRESHNESS_MAX_CLOCK_SKEW_S)
    return FALSE;

  *age_s = MAX (now - timestamp, 0);

  return TRUE;
}

/**
 * vigie_freshness_get_default_thresholds:
 * @kind: what the feed is about
 * @ageing_s: (out) (optional): where to store the age at which data starts ageing
 * @stale_s: (out) (optional): where to store the age at which data is stale
 *
 * Gives the ages used for a feed of @kind unless the operator set others.
 */
void
vigie_freshness_get_default_thresholds (VigieFeedKind  kind,
                                        gint64        *ageing_s,
                                        gint64        *stale_s)
{
  g_return_if_fail ((guint) kind < VIGIE_N_FEED_KINDS);

  if (ageing_s != NULL)
    *ageing_s = default_thresholds[kind].ageing_s;
  if (stale_s != NULL)
    *stale_s = default_thresholds[kind].stale_s;
}

/**
 * vigie_freshness_classify:
 * @now: the current time
 * @observed_at: when the feed says the data was true, or 0
 * @fetched_at: when the data was received, or 0
 * @ageing_s: the age from which data is ageing
 * @stale_s: the age from which data is stale
 *
 * Tells how old data is. The feed's own timestamp is the better measure
 * (a feed may serve the same cached data for minutes), so the age is
 * taken from @observed_at, and from @fetched_at only when @observed_at is
 * unknown or more than %VIGIE_FRESHNESS_MAX_CLOCK_SKEW_S in the future. A
 * time less far in the future is clock skew and counts as age 0.
 *
 * Returns: %VIGIE_FRESHNESS_FRESH below @ageing_s, %VIGIE_FRESHNESS_AGEING
 *   below @stale_s, %VIGIE_FRESHNESS_STALE from @stale_s on, and
 *   %VIGIE_FRESHNESS_NO_DATA when neither time can be used
 */
VigieFreshness
vigie_freshness_classify (gint64 now,
                          gint64 observed_at,
                          gint64 fetched_at,
                          gint64 ageing_s,
                          gint64 stale_s)
{
  gint64 age_s;

  g_return_val_if_fail (ageing_s >= 0, VIGIE_FRESHNESS_NO_DATA);
  g_return_val_if_fail (ageing_s <= stale_s, VIGIE_FRESHNESS_NO_DATA);

  if (!get_age (now, observed_at, &age_s) && !get_age (now, fetched_at, &age_s))
    return VIGIE_FRESHNESS_NO_DATA;

  if (age_s < ageing_s)
    return VIGIE_FRESHNESS_FRESH;
  else if (age_s < stale_s)
    return VIGIE_FRESHNESS_AGEING;
  else
    return VIGIE_FRESHNESS_STALE;
}

/**
 * vigie_freshness_is_frozen:
 * @now: the current time
 * @value_changed_at: when the value last changed, or 0
 * @feed_updated_at: when its feed last brought new data, or 0
 * @frozen_after_s: how long a value may stay the same
 * @stale_s: the age from which the feed's data is stale
 *
 * Spots a value that is stuck: a car park reporting the same occupancy
 * all afternoon while the rest of its feed moves. A value whose whole
 * feed stopped is not frozen but stale, which is shown otherwise.
 *
 * Returns: %TRUE when the value has not changed for @frozen_after_s or
 *   more while its feed was updated less than @stale_s ago; %FALSE when
 *   either time is unknown
 */
gboolean
vigie_freshness_is_frozen (gint64 now,
                           gint64 value_changed_at,
                           gint64 feed_updated_at,
                           gint64 frozen_after_s,
                           gint64 stale_s)
{
  gint64 unchanged_s;
  gint64 feed_age_s;

  g_return_val_if_fail (frozen_after_s > 0, FALSE);
  g_return_val_if_fail (stale_s > 0, FALSE);

  if (!get_age (now, value_changed_at, &unchanged_s) ||
      !get_age (now, feed_updated_at, &feed_age_s))
    return FALSE;

  return unchanged_s >= frozen_after_s && feed_age_s < stale_s;
}

/**
 * vigie_freshness_format_age:
 * @age_s: an age in seconds
 *
 * Puts an age in words for a label: "just now", "42 s ago", "5 min ago",
 * "2 h 05 min ago", "3 days ago". Ages are rounded down; a negative age
 * (a clock a little ahead) is "just now".
 *
 * Returns: (transfer full): the age, translated
 */
char *
vigie_freshness_format_age (gint64 age_s)
{
  if (age_s < 10)
    {
      /* Translators: the age of data received less than ten seconds ago. */
      return g_strdup (_("just now"));
    }
  else if (age_s < 60)
    {
      int seconds = (int) age_s;

      /* Translators: the age of data, in seconds; "s" is the symbol for seconds. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d s ago", "%d s ago", seconds), seconds);
    }
  else if (age_s < 3600)
    {
      int minutes = (int) (age_s / 60);

      /* Translators: the age of data, in minutes; "min" is the symbol for minutes. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min ago", "%d min ago", minutes), minutes);
    }
  else if (age_s < 24 * 3600)
    {
      int hours = (int) (age_s / 3600);
      int minutes = (int) (age_s % 3600 / 60);

      if (minutes == 0)
        {
          /* Translators: the age of data, in whole hours; "h" is the symbol for hours. */
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h ago", "%d h ago", hours), hours);
        }

      /* Translators: the age of data in hours and minutes, e.g. "2 h 05 min ago"; the plural follows the hours. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h %02d min ago", "%d h %02d min ago", hours), hours, minutes);
    }
  else
    {
      /* An age of millions of years is a broken clock, not a number to print. */
      int days = (int) MIN (age_s / (24 * 3600), G_MAXINT);

      /* Translators: the age of data, in whole days. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days), days);
    }
}

/**
 * vigie_freshness_to_string:
 * @freshness: how old data is
 *
 * Returns: a label for @freshness, translated
 */
const char *
vigie_freshness_to_string (VigieFreshness freshness)
{
  switch (freshness)
    {
    case VIGIE_FRESHNESS_NO_DATA:
      /* Translators: the freshness of data whose age is unknown: none received, or no time to trust. */
      return _("No data");

    case VIGIE_FRESHNESS_FRESH:
      /* Translators: the freshness of a feed's data, recent enough to be trusted. */
      return _("Fresh");

    case VIGIE_FRESHNESS_AGEING:
      /* Translators: the freshness of a feed's data, getting old: treat with care. */
      return _("Ageing");

    case VIGIE_FRESHNESS_STALE:
      /* Translators: the freshness of a feed's data, too old to be trusted. */
      return _("Stale");

    default:
      g_return_val_if_reached (NULL);
    }
}
