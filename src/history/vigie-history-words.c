/* vigie-history-words.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history-words"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-history-words.h"
#include "vigie-number.h"

/* The history in words, for the details popover: pure functions, tested
 * without a display. Times are the 24-hour clock, in local time. */

/**
 * vigie_history_format_time:
 * @time: Unix seconds
 *
 * Returns: (transfer full): "07:12"
 */
char *
vigie_history_format_time (gint64 time)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (time);

  return local != NULL ? g_date_time_format (local, "%H:%M") : g_strdup ("?");
}

/**
 * vigie_history_format_duration:
 * @seconds: a length of time
 *
 * Returns: (transfer full): "45 min", "2 h 10", "3 days"
 */
char *
vigie_history_format_duration (gint64 seconds)
{
  gint64 minutes = MAX (seconds, 0) / 60;

  if (minutes < 60)
    {
      /* Translators: a length of time in minutes; "min" is the symbol for minutes. */
      return g_strdup_printf (_("%d min"), (int) minutes);
    }
  else if (minutes < 48 * 60)
    {
      int hours = (int) (minutes / 60);
      int rest = (int) (minutes % 60);

      if (rest == 0)
        {
          /* Translators: a length of time in whole hours; "h" is the symbol for hours. */
          return g_strdup_printf (_("%d h"), hours);
        }

      /* Translators: a length of time in hours and minutes, e.g. "2 h 10". */
      return g_strdup_printf (_("%d h %02d"), hours, rest);
    }
  else
    {
      int days = (int) MIN (minutes / (24 * 60), G_MAXINT);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), days);
    }
}

/**
 * vigie_history_format_value:
 * @field: the series' field
 * @value: one of its values
 *
 * Returns: (transfer full): "12", "+3 min", "85 %"
 */
char *
vigie_history_format_value (const char *field,
                            double      value)
{
  if (g_strcmp0 (field, "delay_s") == 0)
    {
      int minutes = (int) lround (value / 60);

      /* Translators: a delay in minutes, signed: "+3 min" late, "-1 min" early. */
      return g_strdup_printf (_("%+d min"), minutes);
    }

  if (g_strcmp0 (field, "occupancy") == 0)
    {
      /* Translators: a share in per cent; French puts a narrow no-break space before %. */
      return g_strdup_printf (_("%d %%"), (int) lround (value * 100));
    }

  return vigie_format_count ((gint64) llround (value));
}

/**
 * vigie_history_describe_condition:
 * @condition: what holds now
 * @since: when it started, or 0 when the history does not know
 * @now: now
 *
 * Returns: (transfer full) (nullable): "Empty since 07:12", "Full for
 *   2 h 10", or %NULL
 */
char *
vigie_history_describe_condition (VigieHistoryCondition condition,
                                  gint64                since,
                                  gint64                now)
{
  if (since <= 0 || since > now)
    return NULL;

  switch (condition)
    {
    case VIGIE_HISTORY_CONDITION_EMPTY:
      {
        g_autofree char *time = vigie_history_format_time (since);

        /* A day or more: the time of day alone would mislead. */
        if (now - since >= 24 * 3600)
          {
            g_autofree char *length = vigie_history_format_duration (now - since);

            /* Translators: %s is a length of time, e.g. "3 days". */
            return g_strdup_printf (_("Empty for %s"), length);
          }

        /* Translators: %s is a time of day, e.g. "07:12". */
        return g_strdup_printf (_("Empty since %s"), time);
      }

    case VIGIE_HISTORY_CONDITION_FULL:
      {
        g_autofree char *length = vigie_history_format_duration (now - since);

        /* Translators: %s is a length of time, e.g. "2 h 10". */
        return g_strdup_printf (_("Full for %s"), length);
      }

    case VIGIE_HISTORY_CONDITION_NONE:
    default:
      return NULL;
    }
}

/**
 * vigie_history_describe_range:
 *
 * Returns: (transfer full) (nullable): "Min 0 · max 12 · now 3", or %NULL
 *   without data
 */
char *
vigie_history_describe_range (const char                  *field,
                              const VigieHistorySparkline *sparkline)
{
  g_autofree char *min = NULL;
  g_autofree char *max = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (sparkline != NULL, NULL);

  if (!sparkline->has_data)
    return NULL;

  min = vigie_history_format_value (field, sparkline->min);
  max = vigie_history_format_value (field, sparkline->max);
  if (!sparkline->has_now)
    {
      /* Translators: the lowest and highest values of the last 24 hours. */
      return g_strdup_printf (_("Min %s · max %s"), min, max);
    }

  now = vigie_history_format_value (field, sparkline->now);
  /* Translators: the lowest and highest values of the last 24 hours, and the value now. */
  return g_strdup_printf (_("Min %s · max %s · now %s"), min, max, now);
}
