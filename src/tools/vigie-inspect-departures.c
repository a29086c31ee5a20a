/* vigie-inspect-departures.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-inspect"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "vigie-departures.h"
#include "vigie-inspect-departures.h"

/* vigie-inspect --departures: a stop's board as the app builds it, from a
 * GTFS timetable and its TripUpdates, or from StopMonitoring, in JSON or
 * TSV; times in ISO 8601 with their offset, words as fixed tokens for
 * scripts. */

static const char * const sources[] = { "timetable", "predicted", "realtime" };
static const char * const states[] = { "runs", "canceled", "skipped" };

static char *
iso_time (gint64 time)
{
  g_autoptr(GDateTime) when = time != 0 ? g_date_time_new_from_unix_local (time) : NULL;

  return when != NULL ? g_date_time_format_iso8601 (when) : NULL;
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_list (JsonBuilder          *builder,
          const char           *name,
          const VigieDeparture *list,
          guint                 n)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *scheduled = iso_time (list[i].scheduled);
      g_autofree char *expected = iso_time (list[i].expected);

      json_builder_begin_object (builder);
      add_string (builder, "line", list[i].line);
      add_string (builder, "headsign", list[i].headsign);
      add_string (builder, "trip_id", list[i].trip_id);
      add_string (builder, "scheduled", scheduled);
      add_string (builder, "expected", expected);
      json_builder_set_member_name (builder, "delay_s");
      if (list[i].has_delay)
        json_builder_add_int_value (builder, list[i].delay_s);
      else
        json_builder_add_null_value (builder);
      add_string (builder, "state", states[list[i].state]);
      add_string (builder, "source", sources[list[i].source]);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_tsv (const char           *kind,
           const VigieDeparture *list,
           guint                 n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *scheduled = iso_time (list[i].scheduled);
      g_autofree char *expected = iso_time (list[i].expected);
      g_autofree char *delay = list[i].has_delay ? g_strdup_printf ("%" G_GINT64_FORMAT, list[i].delay_s) : NULL;

      printf ("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", kind,
              list[i].line != NULL ? list[i].line : "", list[i].headsign != NULL ? list[i].headsign : "",
              list[i].trip_id != NULL ? list[i].trip_id : "", scheduled != NULL ? scheduled : "",
              expected != NULL ? expected : "", delay != NULL ? delay : "",
              states[list[i].state], sources[list[i].source]);
    }
}

/**
 * vigie_inspect_print_departures:
 * @snapshot: a feed's snapshot, combined
 * @stop_id: the stop, or its station
 * @now: the moment of the board
 * @tsv: TSV rather than JSON
 *
 * Returns: whether the stop has departures or arrivals to print
 */
gboolean
vigie_inspect_print_departures (VigieSnapshot *snapshot,
                                const char    *stop_id,
                                gint64         now,
                                gboolean       tsv)
{
  g_autoptr(VigieDepartures) departures = NULL;
  const VigieDeparture *leaving, *arriving;
  guint n_leaving = 0, n_arriving = 0;

  vigie_snapshot_prepare (snapshot, NULL, now);
  departures = vigie_departures_build (snapshot, now);
  leaving = vigie_departures_lookup (departures, stop_id, &n_leaving);
  arriving = vigie_departures_lookup_arrivals (departures, stop_id, &n_arriving);

  if (n_leaving == 0 && n_arriving == 0)
    {
      g_printerr (_("%s: no departure nor arrival in the next two hours\n"), stop_id);
      return FALSE;
    }

  if (tsv)
    {
      print_tsv ("departure", leaving, n_leaving);
      print_tsv ("arrival", arriving, n_arriving);
    }
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      add_string (builder, "stop", stop_id);
      add_list (builder, "departures", leaving, n_leaving);
      add_list (builder, "arrivals", arriving, n_arriving);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      text = json_to_string (root, TRUE);
      printf ("%s\n", text);
    }

  return TRUE;
}
