/* vigie-sim-ter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-sim-ter"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "vigie-sim-pb.h"
#include "vigie-sim-ter.h"

/* A plausible TER Strasbourg – Mulhouse – Basel: the real stations'
 * coordinates, a train every half hour each way from 05:00 to 23:00 every
 * day, the running times of the line's semi-fast trains. The real ones
 * come from SNCF's GTFS and GTFS-RT on transport.data.gouv.fr; these are
 * made here so that the demo has trains to connect to, late or not:
 * each trip's delay is drawn from the seed and its id, so the same seed
 * gives the same morning. */

typedef struct
{
  const char *id;
  const char *name;
  double      lat;
  double      lon;
  int         offset_s;   /* arrival, from Strasbourg southbound */
  int         dwell_s;
} Station;

static const Station stations[] = {
  { "STRASBOURG", "Strasbourg", 48.585237, 7.734407, 0, 0 },
  { "SELESTAT", "Sélestat", 48.261008, 7.453650, 22 * 60, 60 },
  { "COLMAR", "Colmar", 48.072984, 7.347104, 35 * 60, 120 },
  { VIGIE_SIM_TER_STATION, "Mulhouse-Ville", 47.741717, 7.342968, 58 * 60, 240 },
  { "SAINT-LOUIS", "Saint-Louis (Haut-Rhin)", 47.589577, 7.557829, 77 * 60, 60 },
  { "BASEL-SBB", "Basel SBB", 47.547411, 7.589600, 87 * 60, 0 },
};

#define FIRST_S (5 * 3600)
#define LAST_S (22 * 3600 + 30 * 60)
#define EVERY_S (30 * 60)
#define SOUTH_AT 4 * 60    /* leaves Strasbourg at :04 and :34 */
#define NORTH_AT 13 * 60   /* leaves Basel at :13 and :43 */
#define RUN_S (87 * 60)

/*
 * The timetable
 */

static void
format_trip_id (char  *out,
                gsize  size,
                guint  direction,
                int    first_s)
{
  g_snprintf (out, size, "TER-%c-%02d%02d", direction == 0 ? 'S' : 'N', first_s / 3600, first_s / 60 % 60);
}

/* Seconds from the trip's first departure to its stop @i (in its own
 * order): arrival, and departure after the dwell. Northbound runs the
 * same times backwards. */
static void
stop_times (guint  direction,
            guint  i,
            int   *arrival,
            int   *departure)
{
  guint n = G_N_ELEMENTS (stations);
  const Station *station = &stations[direction == 0 ? i : n - 1 - i];

  if (direction == 0)
    {
      *arrival = station->offset_s;
      *departure = station->offset_s + station->dwell_s;
    }
  else
    {
      *arrival = RUN_S - station->offset_s - station->dwell_s;
      *departure = RUN_S - station->offset_s;
    }
}

static void
append_hms (GString *out,
            int      seconds)
{
  g_string_append_printf (out, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

GBytes *
vigie_sim_render_ter_gtfs (const VigieSimContext *context)
{
  static const char * const names[] = {
    "agency.txt", "calendar.txt", "routes.txt", "stops.txt", "trips.txt", "stop_times.txt",
  };
  GString *files[G_N_ELEMENTS (names)];
  GBytes *zip;

  g_return_val_if_fail (context != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    files[i] = g_string_new (NULL);

  g_string_append (files[0], "agency_id,agency_name,agency_url,agency_timezone,agency_lang\n"
                             "TER-SIMULE,TER Grand Est,https://www.ter.sncf.com/grand-est,Europe/Paris,fr\n");
  g_string_append (files[1], "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                             "TOUS,1,1,1,1,1,1,1,20200101,20991231\n");
  g_string_append (files[2], "route_id,agency_id,route_short_name,route_long_name,route_type,route_color,route_text_color\n"
                             "TER-K200,TER-SIMULE,TER,Strasbourg - Mulhouse - Bâle,2,1F5FAE,FFFFFF\n");

  g_string_append (files[3], "stop_id,stop_name,stop_lat,stop_lon,location_type\n");
  for (guint s = 0; s < G_N_ELEMENTS (stations); s++)
    {
      char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (files[3], "%s,%s,%s,%s,0\n", stations[s].id, stations[s].name,
                              g_ascii_formatd (lat, sizeof lat, "%.6f", stations[s].lat),
                              g_ascii_formatd (lon, sizeof lon, "%.6f", stations[s].lon));
    }

  g_string_append (files[4], "route_id,service_id,trip_id,trip_headsign,direction_id\n");
  g_string_append (files[5], "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n");
  for (guint direction = 0; direction < 2; direction++)
    for (int first = FIRST_S + (direction == 0 ? SOUTH_AT : NORTH_AT); first <= LAST_S + NORTH_AT; first += EVERY_S)
      {
        guint n = G_N_ELEMENTS (stations);
        char trip_id[32];

        format_trip_id (trip_id, sizeof trip_id, direction, first);
        g_string_append_printf (files[4], "TER-K200,TOUS,%s,%s,%u\n", trip_id,
                                direction == 0 ? stations[n - 1].name : stations[0].name, direction);
        for (guint i = 0; i < n; i++)
          {
            const Station *station = &stations[direction == 0 ? i : n - 1 - i];
            int arrival, departure;

            stop_times (direction, i, &arrival, &departure);
            g_string_append_printf (files[5], "%s,", trip_id);
            append_hms (files[5], first + arrival);
            g_string_append_c (files[5], ',');
            append_hms (files[5], first + departure);
            g_string_append_printf (files[5], ",%s,%u\n", station->id, i + 1);
          }
      }

  zip = vigie_sim_zip_texts (names, files, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_string_free (files[i], TRUE);

  return zip;
}

guint
vigie_sim_ter_n_stations (void)
{
  return G_N_ELEMENTS (stations);
}

/*
 * Delays
 */

/**
 * vigie_sim_ter_delay:
 * @trip_id: a TER trip, as this file names them
 * @canceled: (out): whether the trip does not run
 *
 * Trains in a row get delays in turn from a pattern the seed shifts: most
 * on time, some a little late, some late enough to break connections,
 * one in twenty-three canceled. A pattern rather than a hash, so that any
 * hour of the demo shows all of them.
 *
 * Returns: its delay, seconds
 */
gint64
vigie_sim_ter_delay (const VigieSimContext *context,
                     const char            *trip_id,
                     gboolean              *canceled)
{
  static const int delays_min[] = { 0, 3, 0, 8, 1, 0, 12, 0, 2, 6, 0, 4 };
  guint hours = 0, minutes = 0;
  char direction = 'S';
  guint index;

  *canceled = FALSE;
  if (sscanf (trip_id, "TER-%c-%2u%2u", &direction, &hours, &minutes) != 3)
    return 0;

  index = (hours * 2 + minutes / 30) + (direction == 'N' ? 5 : 0) + (guint) (context->seed % 12);
  *canceled = index % 23 == 11;

  return delays_min[index % G_N_ELEMENTS (delays_min)] * 60;
}

/*
 * GTFS-Realtime
 */

/* A TripUpdate for each train of today's and yesterday's service running
 * or due in the next two hours: its delay from the first stop it has not
 * left yet (the specification carries it to the later ones), or its
 * cancellation. */
GBytes *
vigie_sim_render_ter_trip_updates (const VigieSimContext *context)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) entity = g_byte_array_new ();
  g_autoptr(GByteArray) update = g_byte_array_new ();
  g_autoptr(GByteArray) part = g_byte_array_new ();
  g_autoptr(GByteArray) event = g_byte_array_new ();
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (context != NULL, NULL);

  vigie_sim_pb_feed_header (out, context->now);

  local = g_date_time_new_from_unix_utc (context->now);
  if (local != NULL && context->tz != NULL)
    {
      g_autoptr(GDateTime) in_zone = g_date_time_to_timezone (local, context->tz);

      g_date_time_unref (local);
      local = g_steal_pointer (&in_zone);
    }

  for (int back = 1; local != NULL && back >= 0; back--)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (local, -back);
      g_autoptr(GDateTime) noon = g_date_time_new (g_date_time_get_timezone (day), g_date_time_get_year (day),
                                                   g_date_time_get_month (day), g_date_time_get_day_of_month (day),
                                                   12, 0, 0);
      gint64 day_start = g_date_time_to_unix (noon) - 12 * 3600;
      g_autofree char *date = g_date_time_format (day, "%Y%m%d");

      for (guint direction = 0; direction < 2; direction++)
        for (int first = FIRST_S + (direction == 0 ? SOUTH_AT : NORTH_AT); first <= LAST_S + NORTH_AT; first += EVERY_S)
          {
            guint n = G_N_ELEMENTS (stations);
            gboolean canceled = FALSE;
            gint64 delay;
            char trip_id[32];
            guint next = n;

            if (day_start + first > context->now + 2 * 3600 ||
                day_start + first + RUN_S + 15 * 60 < context->now)
              continue;

            format_trip_id (trip_id, sizeof trip_id, direction, first);
            delay = vigie_sim_ter_delay (context, trip_id, &canceled);

            /* The first stop not left yet, late as it is. */
            for (guint i = 0; i < n && next == n; i++)
              {
                int arrival, departure;

                stop_times (direction, i, &arrival, &departure);
                if (day_start + first + departure + delay >= context->now)
                  next = i;
              }
            if (next == n && !canceled)
              continue;

            /* TripDescriptor */
            vigie_sim_pb_string (part, 1, trip_id);
            vigie_sim_pb_string (part, 3, date);
            vigie_sim_pb_uint (part, 4, canceled ? 3 : 0);   /* CANCELED, SCHEDULED */
            vigie_sim_pb_string (part, 5, "TER-K200");
            vigie_sim_pb_message (update, 1, part);

            if (!canceled)
              {
                const Station *station = &stations[direction == 0 ? next : n - 1 - next];
                int arrival, departure;

                stop_times (direction, next, &arrival, &departure);
                vigie_sim_pb_uint (part, 1, next + 1);
                vigie_sim_pb_string (part, 4, station->id);
                if (next > 0)
                  {
                    vigie_sim_pb_int32 (event, 1, (gint32) delay);
                    vigie_sim_pb_uint (event, 2, (guint64) (day_start + first + arrival + delay));
                    vigie_sim_pb_message (part, 2, event);
                  }
                vigie_sim_pb_int32 (event, 1, (gint32) delay);
                vigie_sim_pb_uint (event, 2, (guint64) (day_start + first + departure + delay));
                vigie_sim_pb_message (part, 3, event);
                vigie_sim_pb_message (update, 2, part);
              }
            vigie_sim_pb_uint (update, 4, context->now);

            vigie_sim_pb_string (entity, 1, trip_id);
            vigie_sim_pb_message (entity, 3, update);
            vigie_sim_pb_message (out, 2, entity);
          }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}
