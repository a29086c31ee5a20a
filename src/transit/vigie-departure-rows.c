/* vigie-departure-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-departure-rows"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "vigie-departure-rows.h"

/* The words of a departure board. Whether a time is the operator's, a
 * prediction of Vigie's or the timetable's is said in words and by a
 * shape (filled, half, empty), never by colour alone. */

static void
row_free (gpointer data)
{
  VigieDepartureRow *row = data;

  g_free (row->time);
  g_free (row->scheduled);
  g_free (row->state);
  g_free (row->source);
  g_free (row->accessible);
  g_free (row);
}

static void
group_free (gpointer data)
{
  VigieDepartureGroup *group = data;

  g_free (group->line);
  g_free (group->color);
  g_free (group->text_color);
  g_free (group->headsign);
  g_ptr_array_unref (group->rows);
  g_free (group);
}

/* Only "RRGGBB" goes into markup. */
static char *
check_color (const char *color)
{
  if (color == NULL || strlen (color) != 6)
    return NULL;
  for (guint i = 0; i < 6; i++)
    if (!g_ascii_isxdigit (color[i]))
      return NULL;

  return g_ascii_strup (color, -1);
}

static char *
format_clock (gint64 time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (time);

  return when != NULL ? g_date_time_format (when, "%H:%M") : g_strdup ("?");
}

/**
 * vigie_departure_source_to_words:
 *
 * Returns: where a departure's time comes from, in words
 */
const char *
vigie_departure_source_to_words (VigieDepartureSource source)
{
  switch (source)
    {
    case VIGIE_DEPARTURE_REALTIME:
      /* Translators: a departure time the operator's live feed gives. */
      return _("real time");
    case VIGIE_DEPARTURE_PREDICTED:
      /* Translators: a departure time Vigie predicts from the tram's position. */
      return _("predicted");
    case VIGIE_DEPARTURE_TIMETABLE:
    default:
      /* Translators: a departure time from the timetable alone. */
      return _("timetable");
    }
}

/**
 * vigie_departure_source_to_mark:
 *
 * Returns: a shape that tells the source without colour: filled for real
 *   time, half for predicted, empty for the timetable
 */
const char *
vigie_departure_source_to_mark (VigieDepartureSource source)
{
  switch (source)
    {
    case VIGIE_DEPARTURE_REALTIME:
      return "●";
    case VIGIE_DEPARTURE_PREDICTED:
      return "◐";
    case VIGIE_DEPARTURE_TIMETABLE:
    default:
      return "○";
    }
}

/**
 * vigie_departure_describe_delay:
 * @departure: a departure
 *
 * Returns: (nullable): its state in a few words: "on time", "+4 min",
 *   "2 min early", "canceled", "stop skipped"; NULL for the timetable
 */
char *
vigie_departure_describe_delay (const VigieDeparture *departure)
{
  gint64 minutes;

  g_return_val_if_fail (departure != NULL, NULL);

  if (departure->state == VIGIE_DEPARTURE_CANCELED)
    /* Translators: a departure that will not run. */
    return g_strdup (_("canceled"));
  if (departure->state == VIGIE_DEPARTURE_SKIPPED)
    /* Translators: the trip runs but does not stop here. */
    return g_strdup (_("stop skipped"));
  if (!departure->has_delay)
    return NULL;

  if (departure->delay_s > -VIGIE_DEPARTURE_ON_TIME_S && departure->delay_s < VIGIE_DEPARTURE_ON_TIME_S)
    return g_strdup (_("on time"));

  minutes = MIN ((gint64) lround (fabs ((double) departure->delay_s) / 60.0), G_MAXINT);
  if (departure->delay_s > 0)
    /* Translators: a delay, "+4 min". */
    return g_strdup_printf (_("+%d min"), (int) minutes);

  /* Translators: a departure ahead of its time, "2 min early". */
  return g_strdup_printf (ngettext ("%d min early", "%d min early", (gulong) minutes), (int) minutes);
}

static VigieDepartureRow *
make_row (const VigieDeparture *departure,
          const char           *line,
          const char           *headsign)
{
  VigieDepartureRow *row = g_new0 (VigieDepartureRow, 1);
  gint64 time = vigie_departure_get_time (departure);
  GString *sentence;

  row->time = format_clock (time);
  /* Struck through beside the new time, when it is not on time. */
  if (departure->scheduled != 0 && departure->has_delay &&
      (departure->delay_s <= -VIGIE_DEPARTURE_ON_TIME_S || departure->delay_s >= VIGIE_DEPARTURE_ON_TIME_S))
    row->scheduled = format_clock (departure->scheduled);
  row->state = vigie_departure_describe_delay (departure);
  row->source = g_strdup (vigie_departure_source_to_words (departure->source));
  row->mark = vigie_departure_source_to_mark (departure->source);
  row->source_kind = departure->source;
  row->state_kind = departure->state;
  row->delay_s = departure->delay_s;
  row->has_delay = departure->has_delay;

  sentence = g_string_new (NULL);
  if (headsign != NULL)
    /* Translators: "Line 1 to Gare Centrale at 08:15". */
    g_string_printf (sentence, _("Line %s to %s at %s"), line, headsign, row->time);
  else
    /* Translators: "Line 1 at 08:15". */
    g_string_printf (sentence, _("Line %s at %s"), line, row->time);
  if (row->scheduled != NULL)
    /* Translators: appended to a departure: its time in the timetable. */
    g_string_append_printf (sentence, _(", scheduled %s"), row->scheduled);
  if (row->state != NULL)
    g_string_append_printf (sentence, ", %s", row->state);
  g_string_append_printf (sentence, " (%s)", row->source);
  row->accessible = g_string_free (sentence, FALSE);

  return row;
}

static gboolean
same_group (const VigieDepartureGroup *group,
            const VigieDeparture      *departure)
{
  return g_strcmp0 (group->line, departure->line) == 0 &&
         g_strcmp0 (group->headsign, departure->headsign) == 0;
}

/**
 * vigie_departure_rows_build:
 * @departures: (nullable): a feed's departures
 * @stop_id: (nullable): a stop of the feed
 * @max_groups: at most this many lines and directions
 * @max_per_group: at most this many departures each
 *
 * Returns: (transfer container) (element-type VigieDepartureGroup): the
 *   board, empty when the stop has no departure
 */
GPtrArray *
vigie_departure_rows_build (VigieDepartures *departures,
                            const char      *stop_id,
                            guint            max_groups,
                            guint            max_per_group)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func (group_free);
  const VigieDeparture *list = NULL;
  guint n = 0;

  if (departures != NULL && stop_id != NULL)
    list = vigie_departures_lookup (departures, stop_id, &n);

  /* The list is soonest first: groups come in the order of their first. */
  for (guint i = 0; i < n; i++)
    {
      const VigieDeparture *departure = &list[i];
      const char *line = departure->line != NULL ? departure->line : "?";
      VigieDepartureGroup *group = NULL;

      for (guint g = 0; g < groups->len && group == NULL; g++)
        if (same_group (g_ptr_array_index (groups, g), departure))
          group = g_ptr_array_index (groups, g);

      if (group == NULL)
        {
          if (groups->len >= max_groups)
            continue;
          group = g_new0 (VigieDepartureGroup, 1);
          group->line = g_strdup (line);
          group->color = check_color (departure->color);
          group->text_color = check_color (departure->text_color);
          group->headsign = g_strdup (departure->headsign);
          group->rows = g_ptr_array_new_with_free_func (row_free);
          g_ptr_array_add (groups, group);
        }

      if (group->rows->len < max_per_group)
        g_ptr_array_add (group->rows, make_row (departure, line, departure->headsign));
    }

  return groups;
}
