/* vigie-gtfs-load.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-gtfs"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vigie-csv.h"
#include "vigie-format.h"
#include "vigie-geo.h"
#include "vigie-gtfs.h"
#include "vigie-gtfs-private.h"

/* The zip is read three times from memory, each time streaming only the
 * entries that pass needs, because the files come in any order and each
 * level filters the next: routes decide which trips are kept, trips which
 * shapes and stop times. Nothing is unpacked whole: each entry is parsed as
 * libarchive inflates it. Records live in flat arrays and point to each
 * other by index; every string is interned once. */

/* Rows kept while loading, sorted once everything is read. */
typedef struct
{
  guint32     trip;
  guint32     sequence;
  guint32     stop;
  gint32      arrival;         /* -1: not given */
  gint32      departure;
  float       shape_dist;      /* NAN: not given */
} RawStopTime;

typedef struct
{
  guint32     shape;
  guint32     sequence;
  double      latitude;
  double      longitude;
  float       shape_dist;
} RawPoint;

typedef struct
{
  VigieGtfs              *gtfs;
  const VigieGtfsOptions *options;
  const char             *file;
  guint                   n_rows;
  guint64                 n_unpacked;     /* bytes, every file so far */

  GHashTable             *service_index;
  GHashTable             *shape_index;
  GHashTable             *dropped_trips;  /* ids of trips of routes not kept */
  GHashTable             *dropped_routes;
  GArray                 *raw_exceptions;
  GArray                 *raw_stop_times;
  GArray                 *raw_points;
  GArray                 *point_dists;    /* float, shape_dist_traveled per point */
  char                   *last_trip_id;
  guint                   last_trip;
  enum { TRIP_KEPT, TRIP_DROPPED, TRIP_UNKNOWN } last_trip_state;
  guint                   n_unknown_stops;
  guint                   n_unknown_trips;
  guint                   n_unknown_shapes;
  gboolean                seen[8];
} Loader;

enum { PASS_BASE, PASS_TRIPS, PASS_TIMES, N_PASSES };

typedef enum
{
  FILE_AGENCY,
  FILE_ROUTES,
  FILE_STOPS,
  FILE_CALENDAR,
  FILE_CALENDAR_DATES,
  FILE_TRIPS,
  FILE_SHAPES,
  FILE_STOP_TIMES,
} FileKind;

/* Helpers ------------------------------------------------------------- */

G_GNUC_PRINTF (2, 3)
static void
add_warning (VigieGtfs  *self,
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

static const char *
intern (VigieGtfs  *self,
        const char *text)
{
  if (text == NULL)
    return NULL;

  return g_string_chunk_insert_const (self->strings, text);
}

static const char *
intern_or_empty (VigieGtfs  *self,
                 const char *text)
{
  return intern (self, text != NULL ? text : "");
}

static gboolean
is_empty (const char *field)
{
  return field == NULL || field[0] == '\0';
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

/* Row readers --------------------------------------------------------- */

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

  if (is_empty (f[0]))
    {
      add_warning (self, _("%s, line %u: no route_id, row skipped"), loader->file, line);
      return;
    }

  if (!vigie_csv_parse_int (f[4], &type) || type < 0 || type > 9999)
    {
      add_warning (self, _("%s, line %u: route %s has no valid route_type, skipped"),
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
      add_warning (self, _("%s, line %u: route %s listed twice, the second skipped"),
                   loader->file, line, f[0]);
      return;
    }

  if (!is_empty (f[5]) && !normalize_color (f[5], color))
    add_warning (self, _("%s, line %u: route %s has an invalid colour “%s”, white used"),
                 loader->file, line, f[0], f[5]);
  if (!is_empty (f[6]) && !normalize_color (f[6], text_color))
    add_warning (self, _("%s, line %u: route %s has an invalid text colour “%s”, black used"),
                 loader->file, line, f[0], f[6]);
  if (!is_empty (f[7]))
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

  if (is_empty (f[0]))
    {
      add_warning (self, _("%s, line %u: no stop_id, row skipped"), loader->file, line);
      return;
    }

  if (!is_empty (f[5]) && (!vigie_csv_parse_int (f[5], &location_type) || location_type < 0 || location_type > 4))
    {
      add_warning (self, _("%s, line %u: stop %s has an invalid location_type, skipped"),
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
          add_warning (self, _("%s, line %u: stop %s has no valid position, skipped"),
                       loader->file, line, f[0]);
          return;
        }
      latitude = longitude = NAN;
    }

  vigie_gtfs_lookup_index (self->stop_index, f[0], &found);
  if (found)
    {
      add_warning (self, _("%s, line %u: stop %s listed twice, the second skipped"),
                   loader->file, line, f[0]);
      return;
    }

  if (!is_empty (f[7]))
    vigie_csv_parse_int (f[7], &wheelchair);

  stop.id = intern (self, f[0]);
  stop.code = intern_or_empty (self, f[1]);
  stop.name = intern_or_empty (self, f[2]);
  stop.latitude = latitude;
  stop.longitude = longitude;
  stop.location_type = (gint8) location_type;
  stop.parent_station = is_empty (f[6]) ? NULL : intern (self, f[6]);
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

  if (is_empty (f[0]) || !vigie_csv_parse_date (f[8], &start) || !vigie_csv_parse_date (f[9], &end))
    {
      add_warning (self, _("%s, line %u: no service_id or no valid dates, row skipped"),
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

  if (is_empty (f[0]) || !vigie_csv_parse_date (f[1], &date) ||
      !vigie_csv_parse_int (f[2], &type) || (type != 1 && type != 2))
    {
      add_warning (self, _("%s, line %u: invalid service exception, row skipped"),
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

  if (is_empty (f[2]) || is_empty (f[1]))
    {
      add_warning (self, _("%s, line %u: no trip_id or service_id, row skipped"), loader->file, line);
      return;
    }

  route = vigie_gtfs_lookup_index (self->route_index, f[0], &found);
  if (!found)
    {
      if (f[0] != NULL && g_hash_table_contains (loader->dropped_routes, f[0]))
        g_hash_table_add (loader->dropped_trips, (gpointer) intern (self, f[2]));
      else
        add_warning (self, _("%s, line %u: trip %s has an unknown route “%s”, skipped"),
                     loader->file, line, f[2], f[0] ? f[0] : "");
      return;
    }

  vigie_gtfs_lookup_index (self->trip_index, f[2], &found);
  if (found)
    {
      add_warning (self, _("%s, line %u: trip %s listed twice, the second skipped"),
                   loader->file, line, f[2]);
      return;
    }

  if (!is_empty (f[4]) && (!vigie_csv_parse_int (f[4], &direction) || (direction != 0 && direction != 1)))
    direction = -1;

  trip.id = intern (self, f[2]);
  trip.headsign = intern_or_empty (self, f[3]);
  trip.service_id = intern (self, f[1]);
  trip.route = route;
  trip.service = ensure_service (loader, f[1]);
  trip.direction_id = (gint8) direction;
  trip.shape = -1;

  if (!is_empty (f[5]))
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
      add_warning (self, _("%s, line %u: invalid shape point, row skipped"), loader->file, line);
      return;
    }

  if (!is_empty (f[4]) && !vigie_csv_parse_double (f[4], &dist))
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
        add_warning (self, _("%s, line %u: unknown stop “%s”, row skipped"),
                     loader->file, line, f[3] ? f[3] : "");
      return;
    }

  if (!vigie_csv_parse_int (f[4], &sequence) || sequence < 0 || sequence > G_MAXUINT32 ||
      (!is_empty (f[1]) && !vigie_csv_parse_time (f[1], &arrival)) ||
      (!is_empty (f[2]) && !vigie_csv_parse_time (f[2], &departure)))
    {
      add_warning (self, _("%s, line %u: invalid stop time, row skipped"), loader->file, line);
      return;
    }

  /* Either time alone stands for both. */
  if (arrival < 0)
    arrival = departure;
  if (departure < 0)
    departure = arrival;
  if (departure < arrival)
    departure = arrival;

  if (!is_empty (f[5]) && !vigie_csv_parse_double (f[5], &dist))
    dist = NAN;

  st.sequence = (guint32) sequence;
  st.arrival = arrival;
  st.departure = departure;
  st.shape_dist = (float) dist;
  g_array_append_val (loader->raw_stop_times, st);
}

/* Reading the zip ----------------------------------------------------- */

typedef struct
{
  const char          *name;
  guint                pass;
  gboolean             required;
  const char * const  *columns;
  VigieCsvRecordFunc   func;
} FileSpec;

static const FileSpec files[] = {
  [FILE_AGENCY]         = { "agency.txt",         PASS_BASE,  FALSE, agency_columns,        read_agency },
  [FILE_ROUTES]         = { "routes.txt",         PASS_BASE,  TRUE,  route_columns,         read_route },
  [FILE_STOPS]          = { "stops.txt",          PASS_BASE,  TRUE,  stop_columns,          read_stop },
  [FILE_CALENDAR]       = { "calendar.txt",       PASS_BASE,  FALSE, calendar_columns,      read_calendar },
  [FILE_CALENDAR_DATES] = { "calendar_dates.txt", PASS_BASE,  FALSE, calendar_date_columns, read_calendar_date },
  [FILE_TRIPS]          = { "trips.txt",          PASS_TRIPS, TRUE,  trip_columns,          read_trip },
  [FILE_SHAPES]         = { "shapes.txt",         PASS_TIMES, FALSE, shape_columns,         read_shape_point },
  [FILE_STOP_TIMES]     = { "stop_times.txt",     PASS_TIMES, TRUE,  stop_time_columns,     read_stop_time },
};

static int
find_file (const char *path)
{
  const char *base = strrchr (path, '/');

  /* Some producers zip the folder, not its files. */
  base = base != NULL ? base + 1 : path;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    if (g_ascii_strcasecmp (base, files[i].name) == 0)
      return (int) i;

  return -1;
}

static gboolean
read_pass (Loader  *loader,
           GBytes  *zip,
           guint    pass,
           GError **error)
{
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  gsize size;
  const void *data = g_bytes_get_data (zip, &size);
  gboolean ok = TRUE;
  guint64 n_file = 0;
  VigieGtfsOptions limits = { 0, };
  int r;

  limits.max_file_bytes = loader->options != NULL && loader->options->max_file_bytes > 0
    ? loader->options->max_file_bytes : VIGIE_GTFS_DEFAULT_MAX_FILE_BYTES;
  limits.max_total_bytes = loader->options != NULL && loader->options->max_total_bytes > 0
    ? loader->options->max_total_bytes : VIGIE_GTFS_DEFAULT_MAX_TOTAL_BYTES;
  limits.max_rows = loader->options != NULL && loader->options->max_rows > 0
    ? loader->options->max_rows : VIGIE_GTFS_DEFAULT_MAX_ROWS;
  limits.max_line_bytes = loader->options != NULL && loader->options->max_line_bytes > 0
    ? loader->options->max_line_bytes : VIGIE_GTFS_DEFAULT_MAX_LINE_BYTES;

  archive_read_support_format_zip (archive);

  if (size == 0)
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                           _("The GTFS file is empty"));
      archive_read_free (archive);
      return FALSE;
    }

  if (archive_read_open_memory (archive, data, size) != ARCHIVE_OK)
    {
      g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                   _("The GTFS file is not a zip archive (%s)"),
                   archive_error_string (archive));
      archive_read_free (archive);
      return FALSE;
    }

  while ((r = archive_read_next_header (archive, &entry)) == ARCHIVE_OK || r == ARCHIVE_WARN)
    {
      const char *path = archive_entry_pathname (entry);
      int kind = path != NULL ? find_file (path) : -1;
      g_autoptr(VigieCsvReader) reader = NULL;
      const void *block;
      size_t block_size;
      la_int64_t offset;

      if (kind < 0 || files[kind].pass != pass || loader->seen[kind])
        {
          archive_read_data_skip (archive);
          continue;
        }

      loader->seen[kind] = TRUE;
      loader->file = files[kind].name;
      loader->n_rows = 0;
      reader = vigie_csv_reader_new (files[kind].columns, files[kind].func, loader);
      vigie_csv_reader_set_limits (reader, limits.max_line_bytes, limits.max_rows);
      n_file = 0;

      while ((r = archive_read_data_block (archive, &block, &block_size, &offset)) == ARCHIVE_OK)
        {
          n_file += block_size;
          loader->n_unpacked += block_size;
          if (n_file > limits.max_file_bytes)
            {
              g_autofree char *limit = g_format_size (limits.max_file_bytes);

              g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE,
                           _("%s unpacks to more than %s, the limit for one file (feed option “max-file-bytes”)"),
                           files[kind].name, limit);
              ok = FALSE;
              break;
            }
          if (loader->n_unpacked > limits.max_total_bytes)
            {
              g_autofree char *limit = g_format_size (limits.max_total_bytes);

              g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE,
                           _("The GTFS files unpack to more than %s, the limit (feed option “max-total-bytes”)"),
                           limit);
              ok = FALSE;
              break;
            }

          vigie_csv_reader_feed (reader, block, block_size);

          switch (vigie_csv_reader_get_limit_hit (reader))
            {
            case VIGIE_CSV_LIMIT_NONE:
              continue;
            case VIGIE_CSV_LIMIT_RECORD_BYTES:
              {
                g_autofree char *limit = g_format_size (limits.max_line_bytes);

                g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE,
                             _("%s has a row longer than %s, the limit (feed option “max-line-bytes”)"),
                             files[kind].name, limit);
              }
              break;
            case VIGIE_CSV_LIMIT_RECORDS:
            default:
              {
                g_autofree char *limit = g_strdup_printf ("%" G_GUINT64_FORMAT, limits.max_rows);

                g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE,
                             _("%s has more than %s rows, the limit (feed option “max-rows”)"),
                             files[kind].name, limit);
              }
              break;
            }
          ok = FALSE;
          break;
        }

      if (!ok)
        break;

      if (r != ARCHIVE_EOF)
        {
          g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                       _("%s could not be read from the zip: %s"),
                       files[kind].name, archive_error_string (archive));
          ok = FALSE;
          break;
        }

      vigie_csv_reader_finish (reader);

      if (!vigie_csv_reader_has_header (reader))
        add_warning (loader->gtfs, _("%s is empty"), files[kind].name);
      if (vigie_csv_reader_get_n_reencoded (reader) > 0)
        add_warning (loader->gtfs, _("%s is not in UTF-8: its text was read as Windows-1252 (Latin-1)"),
                     files[kind].name);
    }

  if (ok && r != ARCHIVE_EOF)
    {
      g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                   _("The GTFS file is not a readable zip archive (%s)"),
                   archive_error_string (archive));
      ok = FALSE;
    }

  archive_read_free (archive);

  return ok;
}

/* Building ------------------------------------------------------------ */

static int
compare_exceptions (gconstpointer a,
                    gconstpointer b)
{
  const Exception *x = a, *y = b;

  if (x->service != y->service)
    return x->service < y->service ? -1 : 1;
  return x->julian < y->julian ? -1 : x->julian > y->julian;
}

static void
build_services (Loader *loader)
{
  VigieGtfs *self = loader->gtfs;

  g_array_sort (loader->raw_exceptions, compare_exceptions);

  for (guint i = 0; i < loader->raw_exceptions->len; i++)
    {
      Exception *e = &g_array_index (loader->raw_exceptions, Exception, i);
      Service *service = &g_array_index (self->services, Service, e->service);

      if (service->n_exceptions == 0)
        service->first_exception = self->exceptions->len;
      service->n_exceptions++;
      g_array_append_val (self->exceptions, *e);
    }
}

static void
link_parent_stations (VigieGtfs *self)
{
  for (guint i = 0; i < self->stops->len; i++)
    {
      VigieGtfsStop *stop = &g_array_index (self->stops, VigieGtfsStop, i);
      gboolean found;
      guint parent;

      if (stop->parent_station == NULL)
        continue;

      parent = vigie_gtfs_lookup_index (self->stop_index, stop->parent_station, &found);
      if (found && parent != i)
        stop->parent = (int) parent;
      else
        add_warning (self, _("Stop %s names an unknown parent station “%s”"),
                     stop->id, stop->parent_station);
    }
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const RawPoint *x = a, *y = b;

  if (x->shape != y->shape)
    return x->shape < y->shape ? -1 : 1;
  return x->sequence < y->sequence ? -1 : x->sequence > y->sequence;
}

static void
build_shapes (Loader *loader)
{
  VigieGtfs *self = loader->gtfs;
  GArray *raw = loader->raw_points;

  g_array_sort (raw, compare_points);
  g_array_set_size (self->points, 0);
  g_array_set_size (loader->point_dists, 0);

  for (guint i = 0; i < raw->len; i++)
    {
      RawPoint *r = &g_array_index (raw, RawPoint, i);
      Shape *shape = &g_array_index (self->shapes, Shape, r->shape);
      VigieGtfsShapePoint point = { r->latitude, r->longitude, 0.0 };

      if (shape->n_points == 0)
        shape->first_point = self->points->len;
      else
        {
          VigieGtfsShapePoint *last = &g_array_index (self->points, VigieGtfsShapePoint, self->points->len - 1);
          float last_dist = g_array_index (loader->point_dists, float, loader->point_dists->len - 1);

          point.dist_m = last->dist_m + vigie_geo_distance_m (last->latitude, last->longitude,
                                                             point.latitude, point.longitude);
          /* Distances that go backwards are as good as none. */
          if (!isnan (r->shape_dist) && !isnan (last_dist) && r->shape_dist < last_dist)
            shape->has_dist = FALSE;
        }

      if (isnan (r->shape_dist))
        shape->has_dist = FALSE;

      shape->n_points++;
      g_array_append_val (self->points, point);
      g_array_append_val (loader->point_dists, r->shape_dist);
    }

  for (guint i = 0; i < self->shapes->len; i++)
    {
      Shape *shape = &g_array_index (self->shapes, Shape, i);

      if (shape->n_points < 2)
        {
          loader->n_unknown_shapes++;
          shape->n_points = 0;
          shape->has_dist = FALSE;
        }
    }

  g_array_set_size (raw, 0);
}

static int
compare_stop_times (gconstpointer a,
                    gconstpointer b)
{
  const RawStopTime *x = a, *y = b;

  if (x->trip != y->trip)
    return x->trip < y->trip ? -1 : 1;
  return x->sequence < y->sequence ? -1 : x->sequence > y->sequence;
}


/* shape_dist_traveled (in the feed's unit, whatever it is) to metres. */
static double
feed_dist_to_m (const VigieGtfsShapePoint *points,
                const float               *dists,
                guint                      n_points,
                double                     dist)
{
  guint lo = 0, hi = n_points - 1;

  if (dist <= dists[0])
    return points[0].dist_m;
  if (dist >= dists[hi])
    return points[hi].dist_m;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (dists[mid] <= dist)
        lo = mid;
      else
        hi = mid;
    }

  if (dists[hi] <= dists[lo])
    return points[lo].dist_m;

  return points[lo].dist_m + (dist - dists[lo]) / (dists[hi] - dists[lo]) *
         (points[hi].dist_m - points[lo].dist_m);
}

static void
place_stops (Loader              *loader,
             const VigieGtfsTrip *trip,
             const RawStopTime   *raw)
{
  VigieGtfs *self = loader->gtfs;
  VigieGtfsStopTime *times = &g_array_index (self->stop_times, VigieGtfsStopTime, trip->first_stop_time);
  const VigieGtfsStop *stops = (const VigieGtfsStop *) (gpointer) self->stops->data;
  const Shape *shape = trip->shape >= 0 ? &g_array_index (self->shapes, Shape, trip->shape) : NULL;
  gboolean by_feed_dist = shape != NULL && shape->has_dist;

  for (guint i = 0; by_feed_dist && i < trip->n_stop_times; i++)
    if (isnan (raw[i].shape_dist))
      by_feed_dist = FALSE;

  if (shape != NULL && shape->n_points >= 2)
    {
      const VigieGtfsShapePoint *points = &g_array_index (self->points, VigieGtfsShapePoint, shape->first_point);
      const float *dists = &g_array_index (loader->point_dists, float, shape->first_point);
      guint segment = 0;
      double last = 0.0;

      for (guint i = 0; i < trip->n_stop_times; i++)
        {
          const VigieGtfsStop *stop = &stops[times[i].stop];
          double d;

          if (by_feed_dist)
            d = feed_dist_to_m (points, dists, shape->n_points, raw[i].shape_dist);
          else if (isfinite (stop->latitude))
            d = vigie_gtfs_project_on_points (points, shape->n_points, segment,
                                              stop->latitude, stop->longitude, &segment, NULL);
          else
            d = last;

          last = MAX (d, last);
          times[i].dist_m = (float) last;
        }
    }
  else
    {
      double total = 0.0;

      for (guint i = 0; i < trip->n_stop_times; i++)
        {
          if (i > 0)
            {
              const VigieGtfsStop *a = &stops[times[i - 1].stop], *b = &stops[times[i].stop];

              if (isfinite (a->latitude) && isfinite (b->latitude))
                total += vigie_geo_distance_m (a->latitude, a->longitude, b->latitude, b->longitude);
            }
          times[i].dist_m = (float) total;
        }
    }
}

static void
build_stop_times (Loader *loader)
{
  VigieGtfs *self = loader->gtfs;
  GArray *raw = loader->raw_stop_times;
  guint n_dropped = 0;

  g_array_sort (raw, compare_stop_times);
  g_array_set_size (self->stop_times, 0);

  for (guint i = 0; i < raw->len; )
    {
      RawStopTime *first = &g_array_index (raw, RawStopTime, i);
      VigieGtfsTrip *trip = &g_array_index (self->trips, VigieGtfsTrip, first->trip);
      guint end = i, n = 0;
      gint32 last_time = -1;

      while (end < raw->len && g_array_index (raw, RawStopTime, end).trip == first->trip)
        end++;

      trip->first_stop_time = self->stop_times->len;

      for (guint j = i; j < end; j++)
        {
          RawStopTime *r = &g_array_index (raw, RawStopTime, j);
          VigieGtfsStopTime st = { r->stop, r->arrival, r->departure, 0.0f };

          if (j > i && r->sequence == g_array_index (raw, RawStopTime, j - 1).sequence)
            {
              n_dropped++;
              continue;
            }

          /* Times that go backwards are a producer's mistake: held. */
          if (st.arrival >= 0 && st.arrival < last_time)
            st.arrival = last_time;
          if (st.departure >= 0 && st.departure < st.arrival)
            st.departure = st.arrival;
          if (st.departure >= 0)
            last_time = st.departure;

          /* Compact the raw rows in place, to keep their distances. */
          g_array_index (raw, RawStopTime, i + n) = *r;
          g_array_append_val (self->stop_times, st);
          n++;
        }

      trip->n_stop_times = n;
      if (n > 0)
        place_stops (loader, trip, &g_array_index (raw, RawStopTime, i));

      /* Times left out between timepoints: interpolated by distance. */
      {
        VigieGtfsStopTime *t = &g_array_index (self->stop_times, VigieGtfsStopTime, trip->first_stop_time);
        int prev = -1;

        for (guint k = 0; k < n; k++)
          {
            if (t[k].arrival < 0)
              continue;

            if (prev >= 0 && (guint) prev + 1 < k)
              {
                double d0 = t[prev].dist_m, d1 = t[k].dist_m;

                for (guint m = prev + 1; m < k; m++)
                  {
                    double f = d1 > d0 ? (t[m].dist_m - d0) / (d1 - d0) : (double) (m - prev) / (k - prev);

                    t[m].arrival = t[m].departure =
                      t[prev].departure + (gint32) lround (f * (t[k].arrival - t[prev].departure));
                  }
              }
            prev = (int) k;
          }

        /* Nothing to interpolate from at the ends: such a trip never runs. */
        if (n > 0 && (t[0].arrival < 0 || t[n - 1].arrival < 0))
          {
            add_warning (self, _("Trip %s has no time at its first or last stop, ignored"), trip->id);
            trip->n_stop_times = 0;
          }
        else if (n > 0)
          self->max_time = MAX (self->max_time, t[n - 1].arrival);
      }

      i = end;
    }

  if (n_dropped > 0)
    add_warning (self, g_dngettext (GETTEXT_PACKAGE,
                                    "%u stop time repeats a stop_sequence of its trip, skipped",
                                    "%u stop times repeat a stop_sequence of their trip, skipped",
                                    n_dropped),
                 n_dropped);

  g_array_set_size (raw, 0);
}

static int
compare_routes_for_stop (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  VigieGtfs *self = user_data;
  const VigieGtfsRoute *x = &g_array_index (self->routes, VigieGtfsRoute, *(const guint *) a);
  const VigieGtfsRoute *y = &g_array_index (self->routes, VigieGtfsRoute, *(const guint *) b);

  /* Routes without a sort order come after those with one. */
  if (x->sort_order != y->sort_order)
    return (guint) x->sort_order < (guint) y->sort_order ? -1 : 1;

  return g_utf8_collate (x->short_name, y->short_name);
}

/* Which lines serve each stop, for the stop's details; stations get the
 * lines of their platforms. */
static void
free_route_set (gpointer data)
{
  if (data != NULL)
    g_array_unref (data);
}

static void
build_stop_routes (VigieGtfs *self)
{
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (free_route_set);
  const VigieGtfsStop *stops = (const VigieGtfsStop *) (gpointer) self->stops->data;

  g_ptr_array_set_size (sets, self->stops->len);

  for (guint t = 0; t < self->trips->len; t++)
    {
      const VigieGtfsTrip *trip = &g_array_index (self->trips, VigieGtfsTrip, t);
      const VigieGtfsStopTime *times = &g_array_index (self->stop_times, VigieGtfsStopTime, trip->first_stop_time);

      for (guint i = 0; i < trip->n_stop_times; i++)
        {
          guint targets[2] = { times[i].stop, G_MAXUINT };

          if (stops[times[i].stop].parent >= 0)
            targets[1] = (guint) stops[times[i].stop].parent;

          for (guint k = 0; k < 2 && targets[k] != G_MAXUINT; k++)
            {
              GArray *set = g_ptr_array_index (sets, targets[k]);
              gboolean present = FALSE;

              if (set == NULL)
                sets->pdata[targets[k]] = set = g_array_sized_new (FALSE, FALSE, sizeof (guint), 2);

              for (guint j = 0; j < set->len && !present; j++)
                present = g_array_index (set, guint, j) == trip->route;
              if (!present)
                g_array_append_val (set, trip->route);
            }
        }
    }

  g_ptr_array_set_size (self->stop_routes, self->stops->len);

  for (guint s = 0; s < sets->len; s++)
    {
      GArray *set = g_ptr_array_index (sets, s);
      const char **names;

      if (set == NULL)
        continue;

      g_array_sort_with_data (set, compare_routes_for_stop, self);
      names = g_new0 (const char *, set->len + 1);
      for (guint j = 0; j < set->len; j++)
        names[j] = g_array_index (self->routes, VigieGtfsRoute, g_array_index (set, guint, j)).short_name;
      self->stop_routes->pdata[s] = names;
    }
}

static void
loader_clear (Loader *loader)
{
  g_clear_pointer (&loader->service_index, g_hash_table_unref);
  g_clear_pointer (&loader->shape_index, g_hash_table_unref);
  g_clear_pointer (&loader->dropped_trips, g_hash_table_unref);
  g_clear_pointer (&loader->dropped_routes, g_hash_table_unref);
  g_clear_pointer (&loader->raw_exceptions, g_array_unref);
  g_clear_pointer (&loader->raw_stop_times, g_array_unref);
  g_clear_pointer (&loader->raw_points, g_array_unref);
  g_clear_pointer (&loader->point_dists, g_array_unref);
  g_clear_pointer (&loader->last_trip_id, g_free);
}


static void
shrink (GArray **array)
{
  /* GArray grows by doubling: give back the slack of the big ones. */
  GArray *copy = g_array_sized_new (FALSE, FALSE, g_array_get_element_size (*array), (*array)->len);

  g_array_append_vals (copy, (*array)->data, (*array)->len);
  g_array_unref (*array);
  *array = copy;
}

/* Loading ----------------------------------------------------------- */

/**
 * vigie_gtfs_load_from_bytes:
 * @zip: a GTFS zip archive
 * @options: (nullable): what to keep, or %NULL for trams only
 * @error: where to put an error
 *
 * Reads a GTFS feed. Pure and thread-safe: callers run it in a worker.
 * Bad rows are skipped with a warning (see vigie_gtfs_get_warnings()); a
 * feed without its required files, or not a zip at all, is an error.
 *
 * Returns: (transfer full): the timetable, or %NULL with @error set
 */
VigieGtfs *
vigie_gtfs_load_from_bytes (GBytes                  *zip,
                            const VigieGtfsOptions  *options,
                            GError                 **error)
{
  g_autoptr(VigieGtfs) self = NULL;
  Loader loader = { 0, };
  const char *zone_name = NULL;

  g_return_val_if_fail (zip != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = vigie_gtfs_alloc ();
  loader.gtfs = self;
  loader.options = options;
  loader.service_index = g_hash_table_new (g_str_hash, g_str_equal);
  loader.shape_index = g_hash_table_new (g_str_hash, g_str_equal);
  loader.dropped_trips = g_hash_table_new (g_str_hash, g_str_equal);
  loader.dropped_routes = g_hash_table_new (g_str_hash, g_str_equal);
  loader.raw_exceptions = g_array_new (FALSE, FALSE, sizeof (Exception));
  loader.raw_stop_times = g_array_new (FALSE, FALSE, sizeof (RawStopTime));
  loader.raw_points = g_array_new (FALSE, FALSE, sizeof (RawPoint));
  loader.point_dists = g_array_new (FALSE, FALSE, sizeof (float));

  for (guint pass = 0; pass < N_PASSES; pass++)
    {
      if (!read_pass (&loader, zip, pass, error))
        {
          loader_clear (&loader);
          return NULL;
        }

      for (guint f = 0; f < G_N_ELEMENTS (files); f++)
        {
          if (files[f].pass != pass || !files[f].required || loader.seen[f])
            continue;

          g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                       _("The GTFS file has no %s"), files[f].name);
          loader_clear (&loader);
          return NULL;
        }

      if (pass == PASS_BASE)
        {
          build_services (&loader);
          link_parent_stations (self);
          /* stop_times and shapes are big: reserve what they will need. */
        }
    }

  if (!loader.seen[FILE_CALENDAR] && !loader.seen[FILE_CALENDAR_DATES])
    add_warning (self, _("The GTFS file has neither calendar.txt nor calendar_dates.txt: no trip runs"));

  if (loader.n_unknown_stops > 5)
    add_warning (self, g_dngettext (GETTEXT_PACKAGE,
                                    "%u stop time names an unknown stop, skipped",
                                    "%u stop times name an unknown stop, skipped",
                                    loader.n_unknown_stops),
                 loader.n_unknown_stops);
  if (loader.n_unknown_trips > 0)
    add_warning (self, g_dngettext (GETTEXT_PACKAGE,
                                    "%u stop time names an unknown trip, skipped",
                                    "%u stop times name an unknown trip, skipped",
                                    loader.n_unknown_trips),
                 loader.n_unknown_trips);

  build_shapes (&loader);
  build_stop_times (&loader);
  if (loader.n_unknown_shapes > 0)
    add_warning (self, g_dngettext (GETTEXT_PACKAGE,
                                    "%u shape named by trips has fewer than two points: ignored",
                                    "%u shapes named by trips have fewer than two points: ignored",
                                    loader.n_unknown_shapes),
                 loader.n_unknown_shapes);
  build_stop_routes (self);

  shrink (&self->stop_times);
  shrink (&self->points);
  loader_clear (&loader);

  /* Times are local to the agency. */
  if (options != NULL && options->timezone != NULL)
    zone_name = options->timezone;
  else if (self->agencies->len > 0)
    zone_name = g_array_index (self->agencies, VigieGtfsAgency, 0).timezone;

  if (!is_empty (zone_name))
    self->timezone = g_time_zone_new_identifier (zone_name);
  if (self->timezone == NULL)
    {
      add_warning (self, _("No valid agency_timezone (“%s”): times are read as UTC"),
                   zone_name ? zone_name : "");
      self->timezone = g_time_zone_new_utc ();
    }

  if (self->routes->len == 0)
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_EMPTY,
                           _("The GTFS file has no route of the types asked for"));
      return NULL;
    }

  return g_steal_pointer (&self);
}
