/* vigie-gtfs-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-gtfs"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vigie-csv.h"
#include "vigie-gtfs-load-private.h"

/* The row readers: each turns one CSV row of one GTFS file into a record
 * of the timetable or a raw row that the building passes sort later. Bad
 * rows are skipped with a warning. */

/*
 * Auxiliary functions
 */

static const char *
intern (VigieGtfs  *self,
        const char *text)
{
  if (text == NULL)
    return NULL;

  return vigie_string_set_add (self->strings, text);
}

static const char *
intern_or_empty (VigieGtfs  *self,
                 const char *text)
{
  return intern (self, text != NULL ? text : "");
}


static void
insert_index (GHashTable *table,
              const char *interned_id,
              guint       index)
{
  g_hash_table_insert (table, (gpointer) interned_id, GUINT_TO_POINTER (index + 1));
}



/* "#be0013", "be0013" → "BE0013"; @out is left alone when not a colour. */
static gboolean
normalize_color (const char *field,
                 char        out[7])
{
  const char *p = field;
  char color[7];

  while (*p == ' ')
    p++;
  if (*p == '#')
    p++;

  for (guint i = 0; i < 6; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return FALSE;
      color[i] = g_ascii_toupper (p[i]);
    }
  color[6] = '\0';

  p += 6;
  while (*p == ' ')
    p++;
  if (*p != '\0')
    return FALSE;

  memcpy (out, color, sizeof color);
  return TRUE;
}

/* The basic type of an extended one (Google's 100–1700 list), so that a
 * feed typing its trams 900 is kept by the default filter. */
static int
basic_route_type (int type)
{
  if (type >= 100 && type < 200) return 2;
  if (type >= 200 && type < 300) return 3;
  if (type >= 400 && type < 500) return 1;
  if (type >= 700 && type < 800) return 3;
  if (type >= 900 && type < 1000) return 0;
  if (type == 1000 || type == 1200) return 4;
  if (type == 1300) return 6;
  if (type == 1400) return 7;
  return type;
}

static gboolean
route_type_wanted (const VigieGtfsOptions *options,
                   int                     type)
{
  int basic = basic_route_type (type);

  if (options == NULL || (options->route_types == NULL && !options->all_route_types))
    return basic == 0;

  if (options->all_route_types)
    return TRUE;

  for (guint i = 0; i < options->n_route_types; i++)
    if (options->route_types[i] == type || options->route_types[i] == basic)
      return TRUE;

  return FALSE;
}

static guint32
julian_of (const GDate *date)
{
  return g_date_get_julian (date);
}

static guint
ensure_service (Loader     *loader,
                const char *service_id)
{
  VigieGtfs *self = loader->gtfs;
  Service service = { 0, };
  gboolean found;
  guint index = vigie_gtfs_lookup_index (loader->service_index, service_id, &found);

  if (found)
    return index;

  service.id = intern (self, service_id);
  g_array_append_val (self->services, service);
  insert_index (loader->service_index, service.id, self->services->len - 1);

  return self->services->len - 1;
}

/*
 * Row readers
 */

static const char * const agency_columns[] = {
  "agency_id", "agency_name", "agency_url", "agency_timezone", NULL
};

static void
read_agency (const char * const *f,
             guint               line,
             gpointer            user_data)
{
  Loader *loader = user_data;
  VigieGtfs *self = loader->gtfs;
  VigieGtfsAgency agency = {
    .id = intern_or_empty (self, f[0]),
    .name = intern_or_empty (self, f[1]),
    .url = intern_or_empty (self, f[2]),
    .timezone = intern_or_empty (self, f[3]),
  };

  g_array_append_val (self->agencies, agency);
}

static const char * const route_columns[] = {
  "route_id", "agency_id", "route_short_name", "route_long_name", "route_type",
  "route_color", "route_text_color", "route_sort_order", NULL
};

static void
read_route (const char * const *f,
            guint               line,
            gpointer            user_data)
{
  Loader *loader = user_data;
  VigieGtfs *self = loader->gtfs;
  VigieGtfsRoute route = { 0, };
  char color[7] = "FFFFFF", text_color[7] = "000000";
  gboolean found;
  gint64 type, sort_order = -1;

  loader->n_rows++;

  if (vigie_gtfs_field_is_empty (f[0]))
    {
      vigie_gtfs_load_warn (self, _("%s, line %u: no route_id, row skipped"), loader->file, line);
      return;
    }

  if (!vigie_csv_parse_int (f[4], &type) || type < 0 || type > 9999)
    {
      vigie_gtfs_load_warn (self, _("%s, line %u: route %s has no valid route_type, skipped"),
                            loader->file, line, f[0]);
      return;
    }

  if (!route_type_wanted (loader->options, (int) type))
    {
      g_hash_table_add (loader->dropped_routes, (gpointer) intern (self, f[0]));
      return;
    }

  vigie_gtfs_lookup_index (self->route_index, f[0], &found);
  if (found)
    {
      vigie_gtfs_load_warn (self, _("%s, line %u: route %s listed twice, the second skipped"),
                            loader->file, line, f[0]);
      return;
    }

  if (!vigie_gtfs_field_is_empty (f[5]) && !normalize_color (f[5], color))
    vigie_gtfs_load_warn (self, _("%s, line %u: route %s has an invalid colour “%s”, white used"),
                          loader->file, line, f[0], f[5]);
  if (!vigie_gtfs_field_is_empty (f[6]) && !normalize_color (f[6], text_color))
    vigie_gtfs_load_warn (self, _("%s, line %u: route %s has an invalid text colour “%s”, black used"),
                          loader->file, line, f[0], f[6]);
  if (!vigie_gtfs_field_is_empty (f[7]))
    vigie_csv_parse_int (f[7], &sort_order);

  route.id = intern (self, f[0]);
  route.agency_id = intern_or_empty (self, f[1]);
  route.short_name = intern_or_empty (self, f[2]);
  route.long_name = intern_or_empty (self, f[3]);
  route.type = (int) type;
  route.color = intern (self, color);
  route.text_color = intern (self, text_color);
  route.sort_order = (int) CLAMP (sort_order, -1, G_MAXINT);

  g_array_append_val (self->routes, route);
  insert_index (self->route_index, route.id, self->routes->len - 1);
}

static const char * const stop_columns[] = {
  "stop_id", "stop_code", "stop_name", "stop_lat", "stop_lon", "location_type",
  "parent_station", "wheelchair_boarding", NULL
};

static void
read_stop (const char * const *f,
           guint               line,
           gpointer            user_data)
{
  Loader *loader = user_data;
  VigieGtfs *self = loader->gtfs;
  VigieGtfsStop stop = { 0, };
  gint64 location_type = 0, wheelchair = 0;
  double latitude = NAN, longitude = NAN;
  gboolean found;

  loader->n_rows++;

  if (vigie_gtfs_field_is_empty (f[0]))
    {
      vigie_gtfs_load_warn (self, _("%s, line %u: no stop_id, row skipped"), loader->file, line);
      return;
    }

  if (!vigie_gtfs_field_is_empty (f[5]) && (!vigie_csv_parse_int (f[5], &location_type) || location_type < 0 || location_type > 4))
    {
      vigie_gtfs_load_warn (self, _("%s, line %u: stop %s has an invalid location_type, skipped"),
                            loader->file, line, f[0]);
      return;
    }

  /* Stops, platforms and stations must have a position; entrances and
   * generic nodes may not. */
  if (!vigie_csv_parse_double (f[3], &latitude) || !vigie_csv_parse_double (f[4], &longitude) ||
      fabs (latitude) > 90.0 || fabs (longitude) > 180.0 || (latitude == 0.0 && longitude == 0.0))
    {
      if (location_type <= 2)
        {
          vigie_gtfs_load_warn (self, _("%s, line %u: stop %s has no valid position, skipped"),
                                loader->file, line, f[0]);
          return;
        }
      latitude = longitude = NAN;
    }

  vigie_gtfs_lookup_index (self->stop_index, f[0], &found);
  if (found)
    {
      vigie_gtfs_load_warn (self, _("%s, line %u: stop %s listed twice, the second skipped"),
                            loader->file, line, f[0]);
      return;
    }

  if (!vigie_gtfs_field_is_empty (f[7]))
    vigie_csv_parse_int (f[7], &wheelchair);

  stop.id = intern (self, f[0]);
  stop.code = intern_or_empty (self, f[1]);
  stop.name = intern_or_empty (self, f[2]);
  stop.latitude = latitude;
  stop.longitude = longitude;
  stop.location_type = (gint8) location_type;
  stop.parent_station = vigie_gtfs_field_is_empty (f[6]) ? NULL : intern (self, f[6]);
  stop.parent = -1;
  stop.wheelchair_boarding = (gint8) CLAMP (wheelchair, 0, 2);

  g_array_append_val (self->stops, stop);
  insert_index (self->stop_index, stop.id, self->stops->len - 1);
}

static const char * const calendar_columns[] = {
  "service_id", "monday", "tuesday", "wednesday", "thursday", "friday",
  "saturday", "sunday", "start_date", "end_date", NULL
};

static void
read_calendar (const char * const *f,
               guint               line,
               gpointer            user_data)
{
  Loader *loader = user_data;
  VigieGtfs *self = loader->gtfs;
  GDate start, end;
  guint8 weekdays = 0;
  Service *service;
  guint index;

  loader->n_rows++;

  if (vigie_gtfs_field_is_empty (f[0]) || !vigie_csv_parse_date (f[8], &start) || !vigie_csv_parse_date (f[9], &end))
    {
      vigie_gtfs_load_warn (self, _("%s, line %u: no service_id or no valid dates, row skipped"),
                            loader->file, line);
      return;
    }

  for (guint day = 0; day < 7; day++)
    {
      gint64 flag = 0;

      if (vigie_csv_parse_int (f[1 + day], &flag) && flag == 1)
        weekdays |= 1 << day;
    }

  /* Adding a service may move the array: index it afterwards. */
  index = ensure_service (loader, f[0]);
  service = &g_array_index (self->services, Service, index);
  service->weekdays = weekdays;
  service->start = julian_of (&start);
  service->end = julian_of (&end);
}

static const char * const calendar_date_columns[] = {
  "service_id", "date", "exception_type", NULL
};

static void
read_calendar_date (const char * const *f,
                    guint               line,
                    gpointer            user_data)
{
  Loader *loader = user_data;
  VigieGtfs *self = loader->gtfs;
  Exception exception;
  gint64 type;
  GDate date;

  loader->n_rows++;

  if (vigie_gtfs_field_is_empty (f[0]) || !vigie_csv_parse_date (f[1], &date) ||
      !vigie_csv_parse_int (f[2], &type) || (type != 1 && type != 2))
    {
      vigie_gtfs_load_warn (self, _("%s, line %u: invalid service exception, row skipped"),
                            loader->file, line);
      return;
    }

  exception.service = ensure_service (loader, f[0]);
  exception.julian = julian_of (&date);
  exception.type = (guint8) type;
  g_array_append_val (loader->raw_exceptions, exception);
}

static const char * const trip_columns[] = {
  "route_id", "service_id", "trip_id", "trip_headsign", "direction_id", "shape_id", NULL
};

static void
read_trip (const char * const *f,
           guint               line,
           gpointer            user_data)
{
  Loader *loader = user_data;
  VigieGtfs *self = loader->gtfs;
  VigieGtfsTrip trip = { 0, };
  gint64 direction = -1;
  gboolean found;
  guint route;

  loader->n_rows++;

  if (vigie_gtfs_field_is_empty (f[2]) || vigie_gtfs_field_is_empty (f[1]))
    {
      vigie_gtfs_load_warn (self, _("%s, line %u: no trip_id or service_id, row skipped"), loader->file, line);
      return;
    }

  route = vigie_gtfs_lookup_index (self->route_index, f[0], &found);
  if (!found)
    {
      if (f[0] != NULL && g_hash_table_contains (loader->dropped_routes, f[0]))
        g_hash_table_add (loader->dropped_trips, (gpointer) intern (self, f[2]));
      else
        vigie_gtfs_load_warn (self, _("%s, line %u: trip %s has an unknown route “%s”, skipped"),
                              loader->file, line, f[2], f[0] ? f[0] : "");
      return;
    }

  vigie_gtfs_lookup_index (self->trip_index, f[2], &found);
  if (found)
    {
      vigie_gtfs_load_warn (self, _("%s, line %u: trip %s listed twice, the second skipped"),
                            loader->file, line, f[2]);
      return;
    }

  if (!vigie_gtfs_field_is_empty (f[4]) && (!vigie_csv_parse_int (f[4], &direction) || (direction != 0 && direction != 1)))
    direction = -1;

  trip.id = intern (self, f[2]);
  trip.headsign = intern_or_empty (self, f[3]);
  trip.service_id = intern (self, f[1]);
  trip.route = route;
  trip.service = ensure_service (loader, f[1]);
  trip.direction_id = (gint8) direction;
  trip.shape = -1;

  if (!vigie_gtfs_field_is_empty (f[5]))
    {
      guint shape = vigie_gtfs_lookup_index (loader->shape_index, f[5], &found);

      if (!found)
        {
          Shape s = { .id = intern (self, f[5]), .has_dist = TRUE };

          g_array_append_val (self->shapes, s);
          shape = self->shapes->len - 1;
          insert_index (loader->shape_index, s.id, shape);
        }
      trip.shape = (int) shape;
    }

  g_array_append_val (self->trips, trip);
  insert_index (self->trip_index, trip.id, self->trips->len - 1);
}

static const char * const shape_columns[] = {
  "shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence", "shape_dist_traveled", NULL
};

static void
read_shape_point (const char * const *f,
                  guint               line,
                  gpointer            user_data)
{
  Loader *loader = user_data;
  VigieGtfs *self = loader->gtfs;
  RawPoint point;
  gboolean found;
  gint64 sequence;
  double dist = NAN;

  loader->n_rows++;

  point.shape = vigie_gtfs_lookup_index (loader->shape_index, f[0], &found);
  if (!found)
    return;  /* a shape of routes not kept */

  if (!vigie_csv_parse_double (f[1], &point.latitude) || !vigie_csv_parse_double (f[2], &point.longitude) ||
      fabs (point.latitude) > 90.0 || fabs (point.longitude) > 180.0 ||
      !vigie_csv_parse_int (f[3], &sequence) || sequence < 0 || sequence > G_MAXUINT32)
    {
      vigie_gtfs_load_warn (self, _("%s, line %u: invalid shape point, row skipped"), loader->file, line);
      return;
    }

  if (!vigie_gtfs_field_is_empty (f[4]) && !vigie_csv_parse_double (f[4], &dist))
    dist = NAN;

  point.sequence = (guint32) sequence;
  point.shape_dist = (float) dist;
  g_array_append_val (loader->raw_points, point);
}

static const char * const stop_time_columns[] = {
  "trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence", "shape_dist_traveled", NULL
};

static void
read_stop_time (const char * const *f,
                guint               line,
                gpointer            user_data)
{
  Loader *loader = user_data;
  VigieGtfs *self = loader->gtfs;
  RawStopTime st;
  gboolean found;
  gint64 sequence;
  gint32 arrival = -1, departure = -1;
  double dist = NAN;

  loader->n_rows++;

  /* A trip's rows come together: look its id up once, not per row. */
  if (f[0] == NULL || loader->last_trip_id == NULL || strcmp (f[0], loader->last_trip_id) != 0)
    {
      g_free (loader->last_trip_id);
      loader->last_trip_id = g_strdup (f[0]);
      loader->last_trip = vigie_gtfs_lookup_index (self->trip_index, f[0], &found);
      loader->last_trip_state = found ? TRIP_KEPT :
                                f[0] != NULL && g_hash_table_contains (loader->dropped_trips, f[0]) ? TRIP_DROPPED :
                                TRIP_UNKNOWN;
    }

  if (loader->last_trip_state != TRIP_KEPT)
    {
      if (loader->last_trip_state == TRIP_UNKNOWN)
        loader->n_unknown_trips++;
      return;
    }
  st.trip = loader->last_trip;

  st.stop = vigie_gtfs_lookup_index (self->stop_index, f[3], &found);
  if (!found)
    {
      if (loader->n_unknown_stops++ < 5)
        vigie_gtfs_load_warn (self, _("%s, line %u: unknown stop “%s”, row skipped"),
                              loader->file, line, f[3] ? f[3] : "");
      return;
    }

  if (!vigie_csv_parse_int (f[4], &sequence) || sequence < 0 || sequence > G_MAXUINT32 ||
      (!vigie_gtfs_field_is_empty (f[1]) && !vigie_csv_parse_time (f[1], &arrival)) ||
      (!vigie_gtfs_field_is_empty (f[2]) && !vigie_csv_parse_time (f[2], &departure)))
    {
      vigie_gtfs_load_warn (self, _("%s, line %u: invalid stop time, row skipped"), loader->file, line);
      return;
    }

  /* Either time alone stands for both. */
  if (arrival < 0)
    arrival = departure;
  if (departure < 0)
    departure = arrival;
  if (departure < arrival)
    departure = arrival;

  if (!vigie_gtfs_field_is_empty (f[5]) && !vigie_csv_parse_double (f[5], &dist))
    dist = NAN;

  st.sequence = (guint32) sequence;
  st.arrival = arrival;
  st.departure = departure;
  st.shape_dist = (float) dist;
  g_array_append_val (loader->raw_stop_times, st);
}

/*
 * Public API
 */

const FileSpec vigie_gtfs_files[N_FILES] = {
  [FILE_AGENCY]         = { "agency.txt",         PASS_BASE,  FALSE, agency_columns,        read_agency },
  [FILE_ROUTES]         = { "routes.txt",         PASS_BASE,  TRUE,  route_columns,         read_route },
  [FILE_STOPS]          = { "stops.txt",          PASS_BASE,  TRUE,  stop_columns,          read_stop },
  [FILE_CALENDAR]       = { "calendar.txt",       PASS_BASE,  FALSE, calendar_columns,      read_calendar },
  [FILE_CALENDAR_DATES] = { "calendar_dates.txt", PASS_BASE,  FALSE, calendar_date_columns, read_calendar_date },
  [FILE_TRIPS]          = { "trips.txt",          PASS_TRIPS, TRUE,  trip_columns,          read_trip },
  [FILE_SHAPES]         = { "shapes.txt",         PASS_TIMES, FALSE, shape_columns,         read_shape_point },
  [FILE_STOP_TIMES]     = { "stop_times.txt",     PASS_TIMES, TRUE,  stop_time_columns,     read_stop_time },
};

void
vigie_gtfs_load_warn (VigieGtfs  *self,
                      const char *format,
                      ...)
{
  va_list args;

  self->n_warnings++;
  if (self->warnings->len > VIGIE_SNAPSHOT_MAX_WARNINGS)
    return;

  va_start (args, format);
  g_ptr_array_insert (self->warnings, self->warnings->len - 1, g_strdup_vprintf (format, args));
  va_end (args);
}
