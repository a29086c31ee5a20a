/* test-gtfs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vigie-csv.h"
#include "vigie-format.h"
#include "vigie-formats.h"
#include "vigie-gtfs.h"
#include "vigie-test-support.h"

/* The fixtures under fixtures/gtfs/<case>/ are hand-written from the GTFS
 * reference and the quirks of real feeds (../shared/FEEDS.md); each case is
 * zipped here, with libarchive's writer, in reverse name order so that
 * stop_times.txt comes before trips.txt and routes.txt, as in Soléa's zip.
 *
 * The "basic" case, in Europe/Paris (UTC+1 in March 2026): stops A, B, C
 * on a straight line east, 748 m apart; trip T1-day runs A 08:00, B
 * 08:10–08:11, C 08:20 on weekdays of March 2026 but Tuesday 10, and on
 * Saturday 14; T1-night runs A 23:50, B 24:10, C 24:30. */

/* Distance between A and B: 0.01° of longitude at 47.75° N. */
#define AB_M 747.6

static int
compare_names_reversed (gconstpointer a,
                        gconstpointer b)
{
  return -g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GBytes *
zip_directory (const char *path)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names_reversed);
  g_ptr_array_add (names, NULL);

  return vigie_test_zip_files (path, (const char * const *) names->pdata, NULL, NULL);
}

static GBytes *
zip_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "gtfs", name, NULL);

  return zip_directory (path);
}

static VigieGtfs *
load_fixture (const char             *name,
              const VigieGtfsOptions *options)
{
  g_autoptr(GBytes) zip = zip_fixture (name);
  g_autoptr(GError) error = NULL;
  VigieGtfs *gtfs;

  gtfs = vigie_gtfs_load_from_bytes (zip, options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (gtfs);

  return gtfs;
}

static gint64
paris (int year,
       int month,
       int day,
       int hour,
       int minute,
       int second)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GDateTime) when = g_date_time_new (zone, year, month, day, hour, minute, second);

  return g_date_time_to_unix (when);
}

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute,
     int second)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (year, month, day, hour, minute, second);

  return g_date_time_to_unix (when);
}

/* Positions of the trips running at @when, by trip id. */
static GHashTable *
positions_at (VigieGtfs *gtfs,
              gint64     when)
{
  g_autoptr(GArray) positions = vigie_gtfs_active_trips_at (gtfs, when);
  GHashTable *by_trip = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < positions->len; i++)
    {
      VigieGtfsPosition *position = &g_array_index (positions, VigieGtfsPosition, i);

      g_assert_false (g_hash_table_contains (by_trip, position->trip->id));
      g_hash_table_insert (by_trip, (gpointer) position->trip->id, g_memdup2 (position, sizeof *position));
    }

  return by_trip;
}

/* CSV ------------------------------------------------------------------ */

typedef struct
{
  GPtrArray *rows;   /* of "line:field|field|..." */
} CsvResult;

static void
collect_record (const char * const *fields,
                guint               line,
                gpointer            user_data)
{
  CsvResult *result = user_data;
  GString *row = g_string_new (NULL);

  g_string_append_printf (row, "%u:", line);
  for (guint i = 0; i < 3; i++)
    g_string_append_printf (row, "%s%s", i ? "|" : "", fields[i] ? fields[i] : "(null)");

  g_ptr_array_add (result->rows, g_string_free (row, FALSE));
}

static void
test_csv_quirks (void)
{
  static const char *columns[] = { "b", "a", "missing", NULL };
  static const char input[] =
    "\xEF\xBB\xBF" "a, b ,extra\r\n"
    " 1 ,\"x, \"\"quoted\"\"\",e\r\n"
    "\r\n"
    "2,\"two\r\nlines\",e\r\n"
    "3\r\n"
    "  4  ,  spaced  ,e,more,fields\n"
    "5,\"ab\"c ,e";
  static const char * const expected[] = {
    "2:x, \"quoted\"|1|(null)",
    "4:two\nlines|2|(null)",
    "6:(null)|3|(null)",
    "7:spaced|4|(null)",
    "8:abc|5|(null)",
  };

  /* Every way to cut the file in two chunks gives the same records. */
  for (gsize cut = 0; cut <= sizeof input - 1; cut++)
    {
      CsvResult result = { g_ptr_array_new_with_free_func (g_free) };
      g_autoptr(VigieCsvReader) reader = vigie_csv_reader_new (columns, collect_record, &result);

      vigie_csv_reader_feed (reader, input, cut);
      vigie_csv_reader_feed (reader, input + cut, sizeof input - 1 - cut);
      vigie_csv_reader_finish (reader);

      g_assert_true (vigie_csv_reader_has_column (reader, 0));
      g_assert_false (vigie_csv_reader_has_column (reader, 2));
      g_assert_cmpuint (result.rows->len, ==, G_N_ELEMENTS (expected));
      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        g_assert_cmpstr (g_ptr_array_index (result.rows, i), ==, expected[i]);

      g_ptr_array_unref (result.rows);
    }
}

static void
test_csv_fields (void)
{
  gint64 i;
  double d;
  gint32 t;
  GDate date;

  g_assert_true (vigie_csv_parse_int ("  42 ", &i));
  g_assert_cmpint (i, ==, 42);
  g_assert_false (vigie_csv_parse_int ("4 2", &i));
  g_assert_false (vigie_csv_parse_int ("", &i));
  g_assert_false (vigie_csv_parse_int (NULL, &i));

  g_assert_true (vigie_csv_parse_double (" 47.750000 ", &d));
  g_assert_cmpfloat_with_epsilon (d, 47.75, 1e-9);
  g_assert_false (vigie_csv_parse_double ("abc", &d));
  g_assert_false (vigie_csv_parse_double ("nan", &d));

  g_assert_true (vigie_csv_parse_time ("08:05:30", &t));
  g_assert_cmpint (t, ==, 8 * 3600 + 5 * 60 + 30);
  g_assert_true (vigie_csv_parse_time (" 8:05:30", &t));
  g_assert_cmpint (t, ==, 8 * 3600 + 5 * 60 + 30);
  g_assert_true (vigie_csv_parse_time ("25:10:00", &t));
  g_assert_cmpint (t, ==, 25 * 3600 + 10 * 60);
  g_assert_false (vigie_csv_parse_time ("25:99:00", &t));
  g_assert_false (vigie_csv_parse_time ("8h05", &t));

  g_date_clear (&date, 1);
  g_assert_true (vigie_csv_parse_date ("20260313", &date));
  g_assert_cmpint (g_date_get_day (&date), ==, 13);
  g_assert_false (vigie_csv_parse_date ("20261301", &date));
  g_assert_false (vigie_csv_parse_date ("2026031", &date));
}

/* Loading -------------------------------------------------------------- */

static void
test_load_basic (void)
{
  g_autoptr(VigieGtfs) gtfs = load_fixture ("basic", NULL);
  const VigieGtfsRoute *route;
  const VigieGtfsStop *stop;
  const VigieGtfsTrip *trip;
  const VigieGtfsStopTime *times;
  const char * const *names;
  guint n;

  /* Trams only: T1, T2, BADCOLOR (type 0) and TT (900, an extended tram). */
  vigie_gtfs_get_routes (gtfs, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_null (vigie_gtfs_lookup_route (gtfs, "B10"));
  g_assert_null (vigie_gtfs_lookup_route (gtfs, "NOTYPE"));

  /* BOM, CRLF, columns in any order, quoted commas, quotes and newlines. */
  route = vigie_gtfs_lookup_route (gtfs, "T1");
  g_assert_nonnull (route);
  g_assert_cmpint (route->type, ==, 0);
  g_assert_cmpstr (route->short_name, ==, "1");
  g_assert_cmpstr (route->long_name, ==, "Gare, Centrale - \"Châtaignier\"");
  g_assert_cmpstr (route->agency_id, ==, "TEST");
  g_assert_cmpstr (route->color, ==, "BE0013");
  g_assert_cmpstr (route->text_color, ==, "FFFFFF");
  g_assert_cmpint (route->sort_order, ==, 2);

  route = vigie_gtfs_lookup_route (gtfs, "T2");
  g_assert_cmpstr (route->long_name, ==, "Coteaux -\nBassin");
  g_assert_cmpstr (route->color, ==, "FFFFFF");
  g_assert_cmpstr (route->text_color, ==, "000000");

  route = vigie_gtfs_lookup_route (gtfs, "TT");
  g_assert_cmpint (route->type, ==, 900);
  g_assert_cmpstr (route->color, ==, "B2C602");

  route = vigie_gtfs_lookup_route (gtfs, "BADCOLOR");
  g_assert_cmpstr (route->color, ==, "FFFFFF");
  g_assert_cmpstr (route->text_color, ==, "000000");

  /* Stops with space-padded numbers and parent stations; the bad one skipped. */
  vigie_gtfs_get_stops (gtfs, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_null (vigie_gtfs_lookup_stop (gtfs, "X1"));
  stop = vigie_gtfs_lookup_stop (gtfs, "A");
  g_assert_cmpfloat_with_epsilon (stop->latitude, 47.75, 1e-9);
  g_assert_cmpstr (stop->parent_station, ==, "STA_A");
  g_assert_cmpstr (stop->code, ==, "A1");
  g_assert_cmpint (stop->parent, >=, 0);
  g_assert_cmpstr (vigie_gtfs_get_stops (gtfs, NULL)[stop->parent].id, ==, "STA_A");
  g_assert_cmpint (vigie_gtfs_lookup_stop (gtfs, "STA_A")->location_type, ==, 1);
  g_assert_cmpstr (vigie_gtfs_lookup_stop (gtfs, "C")->name, ==, "C, terminus");

  /* The station gets its platforms' lines, in route_sort_order. */
  names = vigie_gtfs_stop_get_route_names (gtfs, vigie_gtfs_lookup_stop (gtfs, "STA_A"));
  g_assert_nonnull (names);
  g_assert_cmpstrv (names, ((const char * const[]) { "2", "1", "TT", NULL }));
  g_assert_null (vigie_gtfs_stop_get_route_names (gtfs, vigie_gtfs_lookup_stop (gtfs, "Z")));

  /* Trips of kept routes only; the one with an unknown route skipped. */
  vigie_gtfs_get_trips (gtfs, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_null (vigie_gtfs_lookup_trip (gtfs, "B10-a"));
  g_assert_null (vigie_gtfs_lookup_trip (gtfs, "BAD"));
  g_assert_cmpuint (vigie_gtfs_get_n_shapes (gtfs), ==, 1);
  trip = vigie_gtfs_lookup_trip (gtfs, "TT-a");
  g_assert_cmpint (trip->direction_id, ==, -1);
  g_assert_cmpstr (vigie_gtfs_trip_get_route (gtfs, trip)->id, ==, "TT");

  /* Stop times in order, the malformed ones skipped, distances in metres. */
  g_assert_cmpuint (vigie_gtfs_get_n_stop_times (gtfs), ==, 13);
  trip = vigie_gtfs_lookup_trip (gtfs, "T1-day");
  times = vigie_gtfs_trip_get_stop_times (gtfs, trip, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (times[0].departure, ==, 8 * 3600);
  g_assert_cmpint (times[1].arrival, ==, 8 * 3600 + 600);
  g_assert_cmpint (times[1].departure, ==, 8 * 3600 + 660);
  g_assert_cmpint (times[2].arrival, ==, 8 * 3600 + 1200);
  g_assert_cmpfloat_with_epsilon (times[1].dist_m, AB_M, 2.0);
  g_assert_cmpfloat_with_epsilon (times[2].dist_m, 2 * AB_M, 3.0);

  /* Times past midnight stay on their service day. */
  times = vigie_gtfs_trip_get_stop_times (gtfs, vigie_gtfs_lookup_trip (gtfs, "T1-night"), &n);
  g_assert_cmpint (times[2].arrival, ==, 24 * 3600 + 30 * 60);

  /* A stop without times is placed between its neighbours by distance. */
  times = vigie_gtfs_trip_get_stop_times (gtfs, vigie_gtfs_lookup_trip (gtfs, "T2-a"), &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (times[1].arrival, ==, 9 * 3600 + 600);

  /* Shape points sorted by sequence, with distances from the geometry. */
  {
    const VigieGtfsShapePoint *points = vigie_gtfs_trip_get_shape (gtfs, trip, &n);

    g_assert_cmpuint (n, ==, 4);
    g_assert_cmpfloat_with_epsilon (points[0].longitude, 7.30, 1e-9);
    g_assert_cmpfloat_with_epsilon (points[3].longitude, 7.32, 1e-9);
    g_assert_cmpfloat_with_epsilon (points[0].dist_m, 0.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (points[2].dist_m, AB_M, 2.0);
  }

  g_assert_cmpstr (g_time_zone_get_identifier (vigie_gtfs_get_timezone (gtfs)), ==, "Europe/Paris");

  /* Each bad row said why. */
  g_assert_true (vigie_test_warnings_contain (vigie_gtfs_get_warnings (gtfs), "NOTYPE"));
  g_assert_true (vigie_test_warnings_contain (vigie_gtfs_get_warnings (gtfs), "“red”"));
  g_assert_true (vigie_test_warnings_contain (vigie_gtfs_get_warnings (gtfs), "“blue”"));
  g_assert_true (vigie_test_warnings_contain (vigie_gtfs_get_warnings (gtfs), "X1"));
  g_assert_true (vigie_test_warnings_contain (vigie_gtfs_get_warnings (gtfs), "trip BAD"));
  g_assert_true (vigie_test_warnings_contain (vigie_gtfs_get_warnings (gtfs), "stop_times.txt, line 5"));
  g_assert_true (vigie_test_warnings_contain (vigie_gtfs_get_warnings (gtfs), "“Q”"));
  g_assert_true (vigie_test_warnings_contain (vigie_gtfs_get_warnings (gtfs), "calendar_dates.txt, line 5"));
  g_assert_cmpuint (vigie_gtfs_get_n_warnings (gtfs), ==, 8);
}

static void
test_load_route_types (void)
{
  static const int bus_and_tram[] = { 3, 0 };
  VigieGtfsOptions all = { .all_route_types = TRUE };
  VigieGtfsOptions some = { .route_types = bus_and_tram, .n_route_types = G_N_ELEMENTS (bus_and_tram) };
  VigieGtfsOptions bus = { .route_types = bus_and_tram, .n_route_types = 1 };
  g_autoptr(VigieGtfs) gtfs = NULL;
  guint n;

  gtfs = load_fixture ("basic", &all);
  vigie_gtfs_get_routes (gtfs, &n);
  g_assert_cmpuint (n, ==, 5);
  vigie_gtfs_get_trips (gtfs, &n);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpuint (vigie_gtfs_get_n_shapes (gtfs), ==, 2);
  g_assert_cmpuint (vigie_gtfs_get_n_stop_times (gtfs), ==, 15);
  g_assert_cmpstr (vigie_gtfs_lookup_route (gtfs, "B10")->color, ==, "00FF00");
  g_clear_pointer (&gtfs, vigie_gtfs_unref);

  gtfs = load_fixture ("basic", &some);
  vigie_gtfs_get_routes (gtfs, &n);
  g_assert_cmpuint (n, ==, 5);
  g_clear_pointer (&gtfs, vigie_gtfs_unref);

  gtfs = load_fixture ("basic", &bus);
  vigie_gtfs_get_routes (gtfs, &n);
  g_assert_cmpuint (n, ==, 1);
  vigie_gtfs_get_trips (gtfs, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (vigie_gtfs_get_n_stop_times (gtfs), ==, 2);
}

static void
test_load_minimal (void)
{
  g_autoptr(VigieGtfs) gtfs = load_fixture ("minimal", NULL);
  g_autoptr(GHashTable) found = NULL;
  const VigieGtfsTrip *trip = vigie_gtfs_lookup_trip (gtfs, "M1");
  const VigieGtfsPosition *position;
  guint n;

  /* No agency.txt: UTC, said so. No calendar.txt: calendar_dates alone. */
  g_assert_true (vigie_test_warnings_contain (vigie_gtfs_get_warnings (gtfs), "UTC"));
  g_assert_cmpstr (g_time_zone_get_identifier (vigie_gtfs_get_timezone (gtfs)), ==, "UTC");
  g_assert_nonnull (trip);
  g_assert_cmpint (trip->direction_id, ==, -1);
  g_assert_cmpstr (trip->headsign, ==, "");
  g_assert_null (vigie_gtfs_trip_get_shape (gtfs, trip, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (vigie_gtfs_lookup_route (gtfs, "M")->color, ==, "FFFFFF");

  /* No shape: straight between the stops. */
  found = positions_at (gtfs, utc (2026, 4, 1, 10, 5, 0));
  g_assert_cmpuint (g_hash_table_size (found), ==, 1);
  position = g_hash_table_lookup (found, "M1");
  g_assert_cmpfloat_with_epsilon (position->latitude, 48.005, 1e-6);
  g_assert_cmpfloat_with_epsilon (position->longitude, 7.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (position->bearing, 0.0, 0.5);
  g_clear_pointer (&found, g_hash_table_unref);

  found = positions_at (gtfs, utc (2026, 4, 2, 10, 5, 0));
  g_assert_cmpuint (g_hash_table_size (found), ==, 0);
}

static void
test_load_errors (void)
{
  g_autoptr(GBytes) not_zip = g_bytes_new_static ("route_id,route_type\nA,0\n", 24);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) no_stops = zip_fixture ("no-stops");
  g_autoptr(GError) error = NULL;
  VigieGtfsOptions ferries = { .route_types = (const int[]) { 4 }, .n_route_types = 1 };
  g_autoptr(GBytes) basic = zip_fixture ("basic");
  VigieGtfs *gtfs;

  gtfs = vigie_gtfs_load_from_bytes (not_zip, NULL, &error);
  g_assert_null (gtfs);
  g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID);
  g_clear_error (&error);

  gtfs = vigie_gtfs_load_from_bytes (empty, NULL, &error);
  g_assert_null (gtfs);
  g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID);
  g_clear_error (&error);

  gtfs = vigie_gtfs_load_from_bytes (no_stops, NULL, &error);
  g_assert_null (gtfs);
  g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "stops.txt"));
  g_clear_error (&error);

  gtfs = vigie_gtfs_load_from_bytes (basic, &ferries, &error);
  g_assert_null (gtfs);
  g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_EMPTY);
}

/* Timetable positions -------------------------------------------------- */

static void
test_positions_basic (void)
{
  g_autoptr(VigieGtfs) gtfs = load_fixture ("basic", NULL);
  g_autoptr(GHashTable) found = NULL;
  const VigieGtfsPosition *position;
  const VigieGtfsStopTime *times;
  guint n;

  /* Monday 9 March, exactly at the first departure: at A. */
  found = positions_at (gtfs, paris (2026, 3, 9, 8, 0, 0));
  g_assert_cmpuint (g_hash_table_size (found), ==, 1);
  position = g_hash_table_lookup (found, "T1-day");
  g_assert_nonnull (position);
  g_assert_true (position->at_stop);
  g_assert_cmpfloat_with_epsilon (position->longitude, 7.30, 1e-6);
  g_assert_cmpfloat_with_epsilon (position->latitude, 47.75, 1e-6);
  times = vigie_gtfs_trip_get_stop_times (gtfs, position->trip, &n);
  g_assert_cmpstr (vigie_gtfs_get_stops (gtfs, NULL)[times[position->next_stop_time].stop].id, ==, "B");
  g_assert_cmpint (position->next_stop_at, ==, paris (2026, 3, 9, 8, 10, 0));
  g_clear_pointer (&found, g_hash_table_unref);

  /* Halfway between A and B, heading east. */
  found = positions_at (gtfs, paris (2026, 3, 9, 8, 5, 0));
  position = g_hash_table_lookup (found, "T1-day");
  g_assert_nonnull (position);
  g_assert_false (position->at_stop);
  g_assert_cmpfloat_with_epsilon (position->longitude, 7.305, 1e-5);
  g_assert_cmpfloat_with_epsilon (position->latitude, 47.75, 1e-6);
  g_assert_cmpfloat_with_epsilon (position->dist_m, AB_M / 2, 2.0);
  g_assert_cmpfloat_with_epsilon (position->bearing, 90.0, 0.5);
  g_clear_pointer (&found, g_hash_table_unref);

  /* Dwelling at B: there, and B's successor next. */
  found = positions_at (gtfs, paris (2026, 3, 9, 8, 10, 30));
  position = g_hash_table_lookup (found, "T1-day");
  g_assert_true (position->at_stop);
  g_assert_cmpfloat_with_epsilon (position->longitude, 7.31, 1e-5);
  g_assert_cmpint (position->next_stop_at, ==, paris (2026, 3, 9, 8, 20, 0));
  g_clear_pointer (&found, g_hash_table_unref);

  /* Before the first departure, after the last arrival: not running. */
  found = positions_at (gtfs, paris (2026, 3, 9, 7, 59, 59));
  g_assert_cmpuint (g_hash_table_size (found), ==, 0);
  g_clear_pointer (&found, g_hash_table_unref);
  found = positions_at (gtfs, paris (2026, 3, 9, 8, 20, 0));
  position = g_hash_table_lookup (found, "T1-day");
  g_assert_nonnull (position);
  g_assert_cmpfloat_with_epsilon (position->longitude, 7.32, 1e-5);
  g_clear_pointer (&found, g_hash_table_unref);
  found = positions_at (gtfs, paris (2026, 3, 9, 8, 20, 1));
  g_assert_cmpuint (g_hash_table_size (found), ==, 0);
  g_clear_pointer (&found, g_hash_table_unref);

  /* A trip without shape, through a stop with no time of its own. */
  found = positions_at (gtfs, paris (2026, 3, 9, 9, 10, 0));
  position = g_hash_table_lookup (found, "T2-a");
  g_assert_nonnull (position);
  g_assert_true (position->at_stop);
  g_assert_cmpfloat_with_epsilon (position->longitude, 7.31, 1e-6);
  g_clear_pointer (&found, g_hash_table_unref);
}

static void
test_positions_calendar (void)
{
  g_autoptr(VigieGtfs) gtfs = load_fixture ("basic", NULL);
  g_autoptr(GHashTable) found = NULL;
  const VigieGtfsPosition *position;

  /* Tuesday 10 is removed by calendar_dates. */
  found = positions_at (gtfs, paris (2026, 3, 10, 8, 5, 0));
  g_assert_cmpuint (g_hash_table_size (found), ==, 0);
  g_clear_pointer (&found, g_hash_table_unref);

  /* Friday 13 runs; Saturday 14 is added; Sunday 15 has the special only. */
  found = positions_at (gtfs, paris (2026, 3, 13, 8, 5, 0));
  g_assert_true (g_hash_table_contains (found, "T1-day"));
  g_clear_pointer (&found, g_hash_table_unref);
  found = positions_at (gtfs, paris (2026, 3, 14, 8, 5, 0));
  g_assert_true (g_hash_table_contains (found, "T1-day"));
  g_clear_pointer (&found, g_hash_table_unref);
  found = positions_at (gtfs, paris (2026, 3, 15, 8, 5, 0));
  g_assert_cmpuint (g_hash_table_size (found), ==, 0);
  g_clear_pointer (&found, g_hash_table_unref);
  found = positions_at (gtfs, paris (2026, 3, 15, 10, 10, 0));
  position = g_hash_table_lookup (found, "T1-special");
  g_assert_nonnull (position);
  g_assert_cmpfloat_with_epsilon (position->longitude, 7.31, 1e-5);
  g_clear_pointer (&found, g_hash_table_unref);

  /* Outside the calendar's range. */
  found = positions_at (gtfs, paris (2026, 4, 1, 8, 5, 0));
  g_assert_cmpuint (g_hash_table_size (found), ==, 0);
  g_clear_pointer (&found, g_hash_table_unref);
}

static void
test_positions_after_midnight (void)
{
  g_autoptr(VigieGtfs) gtfs = load_fixture ("basic", NULL);
  g_autoptr(GHashTable) found = NULL;
  const VigieGtfsPosition *position;

  /* Monday's night trip, before midnight. */
  found = positions_at (gtfs, paris (2026, 3, 9, 23, 55, 0));
  position = g_hash_table_lookup (found, "T1-night");
  g_assert_nonnull (position);
  g_assert_cmpfloat_with_epsilon (position->longitude, 7.3025, 1e-5);
  g_clear_pointer (&found, g_hash_table_unref);

  /* At 00:10 on Tuesday it is still Monday's trip (24:10:00), at B. */
  found = positions_at (gtfs, paris (2026, 3, 10, 0, 10, 0));
  position = g_hash_table_lookup (found, "T1-night");
  g_assert_nonnull (position);
  g_assert_true (position->at_stop);
  g_assert_cmpfloat_with_epsilon (position->longitude, 7.31, 1e-5);
  g_assert_cmpint (position->service_day_start, ==, paris (2026, 3, 9, 0, 0, 0));
  g_clear_pointer (&found, g_hash_table_unref);

  /* Tuesday's service is removed: nothing after midnight on Wednesday. */
  found = positions_at (gtfs, paris (2026, 3, 11, 0, 10, 0));
  g_assert_cmpuint (g_hash_table_size (found), ==, 0);
  g_clear_pointer (&found, g_hash_table_unref);

  /* Friday's night trip runs into Saturday. */
  found = positions_at (gtfs, paris (2026, 3, 14, 0, 20, 0));
  g_assert_true (g_hash_table_contains (found, "T1-night"));
}

static void
test_positions_snapshot (void)
{
  g_autoptr(VigieGtfs) gtfs = load_fixture ("basic", NULL);
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (paris (2026, 3, 9, 8, 5, 0));
  g_autoptr(VigieSnapshot) snapshot = vigie_gtfs_positions_at (gtfs, when);
  VigieEntity *vehicle;
  double bearing;
  gint64 direction;

  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 1);
  vehicle = vigie_snapshot_get_entity (snapshot, 0);
  g_assert_cmpint (vigie_entity_get_kind (vehicle), ==, VIGIE_ENTITY_VEHICLE);
  g_assert_cmpstr (vigie_entity_get_id (vehicle), ==, "T1-day");
  g_assert_cmpint (vigie_entity_get_observed_at (vehicle), ==, g_date_time_to_unix (when));
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "source"), ==, "schedule");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "trip_id"), ==, "T1-day");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "route_id"), ==, "T1");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "route_short_name"), ==, "1");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "route_color"), ==, "BE0013");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "route_text_color"), ==, "FFFFFF");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "headsign"), ==, "C terminus");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "next_stop_id"), ==, "B");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "next_stop_name"), ==, "B");
  g_assert_true (vigie_entity_lookup_int (vehicle, "direction_id", &direction));
  g_assert_cmpint (direction, ==, 0);
  g_assert_true (vigie_entity_lookup_double (vehicle, "bearing", &bearing));
  g_assert_cmpfloat_with_epsilon (bearing, 90.0, 0.5);
}

static void
test_positions_no_dist (void)
{
  g_autoptr(VigieGtfs) gtfs = load_fixture ("no-dist", NULL);
  const VigieGtfsTrip *trip = vigie_gtfs_lookup_trip (gtfs, "L1");
  g_autoptr(GHashTable) found = NULL;
  const VigieGtfsPosition *position;
  const VigieGtfsStopTime *times;
  double north = 0.01 * G_PI / 180.0 * 6371008.8;
  double dist, offset, lat, lon, bearing;
  guint n;

  /* Stops projected onto the shape: S2, 5 m off it, at its corner. */
  times = vigie_gtfs_trip_get_stop_times (gtfs, trip, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat_with_epsilon (times[0].dist_m, 0.0, 0.5);
  g_assert_cmpfloat_with_epsilon (times[1].dist_m, north, 1.0);
  g_assert_cmpfloat_with_epsilon (times[2].dist_m, north + 748.4, 3.0);

  found = positions_at (gtfs, utc (2026, 6, 1, 10, 5, 0));
  position = g_hash_table_lookup (found, "L1");
  g_assert_nonnull (position);
  g_assert_cmpfloat_with_epsilon (position->latitude, 47.755, 1e-5);
  g_assert_cmpfloat_with_epsilon (position->longitude, 7.30, 1e-6);
  g_assert_cmpfloat_with_epsilon (position->bearing, 0.0, 0.5);
  g_clear_pointer (&found, g_hash_table_unref);

  /* Past the corner, along the shape and not across the square. */
  found = positions_at (gtfs, utc (2026, 6, 1, 10, 15, 0));
  position = g_hash_table_lookup (found, "L1");
  g_assert_cmpfloat_with_epsilon (position->latitude, 47.76, 1e-5);
  g_assert_cmpfloat_with_epsilon (position->longitude, 7.305, 1e-4);
  g_assert_cmpfloat_with_epsilon (position->bearing, 90.0, 0.5);

  /* Projection and its inverse, for gliding vehicles along the line. */
  g_assert_true (vigie_gtfs_trip_project (gtfs, trip, 47.7601, 7.305, &dist, &offset));
  g_assert_cmpfloat_with_epsilon (dist, north + 374.2, 2.0);
  g_assert_cmpfloat_with_epsilon (offset, 11.1, 0.5);
  g_assert_true (vigie_gtfs_trip_point_at (gtfs, trip, dist, &lat, &lon, &bearing));
  g_assert_cmpfloat_with_epsilon (lat, 47.76, 1e-6);
  g_assert_cmpfloat_with_epsilon (lon, 7.305, 1e-4);
  g_assert_cmpfloat_with_epsilon (bearing, 90.0, 0.5);
}

/* The format ----------------------------------------------------------- */

static VigieSnapshot *
parse_basic (gint64 now)
{
  const VigieParseContext context = { now, "fr", NULL, NULL };
  g_autoptr(GBytes) zip = zip_fixture ("basic");
  g_autoptr(GError) error = NULL;
  VigieSnapshot *snapshot;

  snapshot = vigie_format_gtfs.parse (VIGIE_ROLE_MAIN, zip, &context, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);

  return snapshot;
}

static void
test_format_parse (void)
{
  gint64 now = paris (2026, 3, 9, 8, 5, 0);
  g_autoptr(VigieSnapshot) snapshot = parse_basic (now);
  g_autoptr(GVariant) routes = NULL;
  VigieEntity *stop;
  gint64 location_type;

  g_assert_true (vigie_format_lookup ("gtfs") == &vigie_format_gtfs);
  g_assert_cmpint (vigie_format_gtfs.default_kind, ==, VIGIE_FEED_KIND_TRAMS);
  g_assert_cmpuint (vigie_format_gtfs.min_interval_s, ==, 3600);
  g_assert_nonnull (vigie_snapshot_get_payload (snapshot));
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 8);

  /* The stops trams serve (not the bus stop Z), the vehicle, and the
   * path of the one shape trams follow, in the line's colour. */
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 6);
  g_assert_null (vigie_test_find_entity (snapshot, VIGIE_ENTITY_STOP, "Z"));
  g_assert_nonnull (vigie_test_find_entity (snapshot, VIGIE_ENTITY_VEHICLE, "T1-day"));
  {
    VigieEntity *line = NULL;
    g_autoptr(GVariant) geometry = NULL;

    for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
      if (vigie_entity_get_kind (vigie_snapshot_get_entity (snapshot, i)) == VIGIE_ENTITY_LINE)
        line = vigie_snapshot_get_entity (snapshot, i);

    g_assert_nonnull (line);
    geometry = g_variant_lookup_value (vigie_entity_get_values (line), "geometry", G_VARIANT_TYPE ("a(dd)"));
    g_assert_nonnull (geometry);
    g_assert_cmpuint (g_variant_n_children (geometry), >=, 2);
    g_assert_nonnull (vigie_entity_lookup_string (line, "route_color"));
  }

  stop = vigie_test_find_entity (snapshot, VIGIE_ENTITY_STOP, "A");
  g_assert_nonnull (stop);
  g_assert_cmpstr (vigie_entity_get_name (stop), ==, "Station A quai");
  g_assert_cmpstr (vigie_entity_lookup_string (stop, "parent_station"), ==, "STA_A");
  g_assert_true (vigie_entity_lookup_int (stop, "location_type", &location_type));
  g_assert_cmpint (location_type, ==, 0);
  routes = g_variant_lookup_value (vigie_entity_get_values (stop), "routes", G_VARIANT_TYPE_STRING_ARRAY);
  g_assert_nonnull (routes);
  g_assert_cmpuint (g_variant_n_children (routes), ==, 3);

  stop = vigie_test_find_entity (snapshot, VIGIE_ENTITY_STOP, "STA_A");
  g_assert_true (vigie_entity_lookup_int (stop, "location_type", &location_type));
  g_assert_cmpint (location_type, ==, 1);
}

static void
test_format_options (void)
{
  g_autoptr(GHashTable) options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const VigieParseContext context = { paris (2026, 3, 9, 7, 10, 0), "fr", options, NULL };
  g_autoptr(GBytes) zip = zip_fixture ("basic");
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (options, g_strdup ("route-types"), g_strdup ("all"));
  snapshot = vigie_format_gtfs.parse (VIGIE_ROLE_MAIN, zip, &context, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vigie_test_find_entity (snapshot, VIGIE_ENTITY_STOP, "Z"));
  g_assert_nonnull (vigie_test_find_entity (snapshot, VIGIE_ENTITY_VEHICLE, "B10-a"));
  g_clear_pointer (&snapshot, vigie_snapshot_unref);

  g_hash_table_insert (options, g_strdup ("route-types"), g_strdup (" 3 "));
  snapshot = vigie_format_gtfs.parse ("gtfs", zip, &context, &error);
  g_assert_no_error (error);
  /* The bus's stops, its vehicle and its line's path. */
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 5);
  g_clear_pointer (&snapshot, vigie_snapshot_unref);

  g_hash_table_insert (options, g_strdup ("route-types"), g_strdup ("trams"));
  snapshot = vigie_format_gtfs.parse (VIGIE_ROLE_MAIN, zip, &context, &error);
  g_assert_null (snapshot);
  g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_UNSUPPORTED);
}

static VigieEntity *
realtime_vehicle (const char *id,
                  const char *trip_id,
                  const char *stop_id,
                  double      longitude,
                  gint64      observed_at)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&values, "source", "s", "realtime");
  g_variant_dict_insert (&values, "trip_id", "s", trip_id);
  if (stop_id != NULL)
    {
      g_variant_dict_insert (&values, "stop_id", "s", stop_id);
      g_variant_dict_insert (&values, "current_status", "s", "stopped_at");
    }

  return vigie_entity_new (VIGIE_ENTITY_VEHICLE, id, NULL,
                           isnan (longitude) ? NAN : 47.75, longitude,
                           observed_at, g_variant_dict_end (&values));
}

/* The engine stamps the entities a combination returns, possibly in two
 * workers at once: none may be an object of a document's snapshot. */
static void
assert_no_shared_entities (VigieSnapshot *combined,
                           VigieSnapshot *document)
{
  for (guint i = 0; i < vigie_snapshot_get_n_entities (combined); i++)
    for (guint j = 0; j < vigie_snapshot_get_n_entities (document); j++)
      g_assert_true (vigie_snapshot_get_entity (combined, i) != vigie_snapshot_get_entity (document, j));
}

static void
test_format_combine (void)
{
  gint64 now = paris (2026, 3, 9, 8, 7, 0);
  const VigieParseContext context = { now, "fr", NULL, NULL };
  g_autoptr(VigieSnapshot) timetable = parse_basic (now);
  g_autoptr(VigieSnapshot) realtime = vigie_snapshot_new ();
  g_autoptr(GHashTable) by_role = NULL;
  g_autoptr(VigieSnapshot) combined = NULL;
  VigieEntity *vehicle;
  gint64 delay;

  by_role = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) vigie_snapshot_unref);
  g_hash_table_insert (by_role, (gpointer) VIGIE_ROLE_MAIN, vigie_snapshot_ref (timetable));

  /* Without real time: the timetable's positions at the moment. */
  combined = vigie_format_gtfs.combine (by_role, &context);
  g_assert_nonnull (combined);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, 5 + 1);   /* and the line's path */
  vehicle = vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "T1-day");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "source"), ==, "schedule");
  assert_no_shared_entities (combined, timetable);
  g_clear_pointer (&combined, vigie_snapshot_unref);

  /* With real time: those vehicles, enriched, and their delay. At 08:07
   * the tram is where the timetable has it at 08:05: 2 min late. */
  vigie_snapshot_add_entity (realtime, realtime_vehicle ("tram-12", "T1-day", NULL, 7.305, now));
  vigie_snapshot_add_entity (realtime, realtime_vehicle ("tram-14", "T1-day", "B", NAN, paris (2026, 3, 9, 8, 12, 0)));
  vigie_snapshot_add_entity (realtime, realtime_vehicle ("tram-99", "unknown-trip", NULL, 7.305, now));
  g_hash_table_insert (by_role, (gpointer) "vehicle-positions", vigie_snapshot_ref (realtime));

  combined = vigie_format_gtfs.combine (by_role, &context);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, 4 + 1 + 3);
  g_assert_null (vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "T1-day"));
  assert_no_shared_entities (combined, timetable);
  assert_no_shared_entities (combined, realtime);

  vehicle = vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "tram-12");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "source"), ==, "realtime");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "route_id"), ==, "T1");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "route_color"), ==, "BE0013");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "route_short_name"), ==, "1");
  g_assert_cmpstr (vigie_entity_lookup_string (vehicle, "headsign"), ==, "C terminus");
  g_assert_true (vigie_entity_lookup_int (vehicle, "delay_s", &delay));
  g_assert_cmpint (delay, ==, 120);

  /* Stopped at B at 08:12, due to leave at 08:11. */
  vehicle = vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "tram-14");
  g_assert_true (vigie_entity_lookup_int (vehicle, "delay_s", &delay));
  g_assert_cmpint (delay, ==, 60);

  vehicle = vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "tram-99");
  g_assert_null (vigie_entity_lookup_string (vehicle, "route_color"));
  g_assert_false (vigie_entity_lookup_int (vehicle, "delay_s", NULL));
}

/* The "ghosts" case, in Europe/Paris, every day of March 2026: line 3
 * between Nord and Sud; G-south-1 runs 08:00–08:20, G-north-1 08:05–08:25,
 * G-south-2 10:00–10:20. */
static guint
count_ghosts (VigieSnapshot *snapshot)
{
  guint n = 0;

  for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
    {
      gboolean ghost = FALSE;

      if (vigie_entity_lookup_boolean (vigie_snapshot_get_entity (snapshot, i), "ghost", &ghost) && ghost)
        n++;
    }

  return n;
}

static void
test_format_ghosts (void)
{
  static const char * const refs[] = {
    "SOLEA-SIMULE:VehicleJourney::G-north-1:",   /* the simulator's SIRI-Lite */
    "FR:ServiceJourney:G-north-1:LOC",           /* NeTEx's usual form */
    "G-north-1",                                 /* GTFS-Realtime */
  };
  gint64 now = paris (2026, 3, 9, 8, 10, 0);
  const VigieParseContext context = { now, "fr", NULL, NULL };
  g_autoptr(GBytes) zip = zip_fixture ("ghosts");
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSnapshot) timetable = NULL;
  g_autoptr(GHashTable) by_role = NULL;

  timetable = vigie_format_gtfs.parse (VIGIE_ROLE_MAIN, zip, &context, &error);
  g_assert_no_error (error);
  by_role = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) vigie_snapshot_unref);
  g_hash_table_insert (by_role, (gpointer) VIGIE_ROLE_MAIN, vigie_snapshot_ref (timetable));

  /* Timetable alone: two trips running, neither a ghost. */
  {
    g_autoptr(VigieSnapshot) combined = vigie_format_gtfs.combine (by_role, &context);

    g_assert_nonnull (vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "G-south-1"));
    g_assert_nonnull (vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "G-north-1"));
    g_assert_cmpuint (count_ghosts (combined), ==, 0);
  }

  for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
    {
      g_autoptr(VigieSnapshot) realtime = vigie_snapshot_new ();
      g_autoptr(VigieSnapshot) combined = NULL;
      VigieEntity *ghost;
      gboolean flag = FALSE;

      g_test_message ("trip ref %s", refs[i]);
      vigie_snapshot_add_entity (realtime, realtime_vehicle ("tram-7", refs[i], NULL, 7.34, now));
      g_hash_table_insert (by_role, (gpointer) "vehicle-positions", vigie_snapshot_ref (realtime));

      combined = vigie_format_gtfs.combine (by_role, &context);
      g_assert_nonnull (vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "tram-7"));
      g_assert_cmpuint (count_ghosts (combined), ==, 1);
      /* Enriched from the timetable whatever the reference's wrapping. */
      g_assert_cmpstr (vigie_entity_lookup_string (vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "tram-7"),
                                                   "route_short_name"), ==, "3");

      /* The trip no vehicle covers, where the timetable has it: halfway
       * from Nord to Sud at 08:10. The covered one is no ghost. */
      ghost = vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "ghost:G-south-1");
      g_assert_nonnull (ghost);
      g_assert_null (vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "ghost:G-north-1"));
      g_assert_null (vigie_test_find_entity (combined, VIGIE_ENTITY_VEHICLE, "G-south-1"));
      g_assert_true (vigie_entity_lookup_boolean (ghost, "ghost", &flag));
      g_assert_true (flag);
      g_assert_cmpstr (vigie_entity_lookup_string (ghost, "source"), ==, "schedule");
      g_assert_cmpstr (vigie_entity_lookup_string (ghost, "trip_id"), ==, "G-south-1");
      g_assert_cmpstr (vigie_entity_lookup_string (ghost, "route_short_name"), ==, "3");
      g_assert_cmpstr (vigie_entity_lookup_string (ghost, "headsign"), ==, "Sud");
      g_assert_cmpfloat_with_epsilon (vigie_entity_get_latitude (ghost), 47.75, 1e-4);
      g_assert_cmpint (vigie_entity_get_observed_at (ghost), ==, now);
    }

  /* Both trips covered: no ghost. An empty answer is a feed down, not
   * every tram missing: no ghost either. */
  {
    g_autoptr(VigieSnapshot) realtime = vigie_snapshot_new ();
    g_autoptr(VigieSnapshot) combined = NULL;

    vigie_snapshot_add_entity (realtime, realtime_vehicle ("tram-7", "G-north-1", NULL, 7.34, now));
    vigie_snapshot_add_entity (realtime, realtime_vehicle ("tram-8", "SOLEA-SIMULE:VehicleJourney::G-south-1:", NULL, 7.34, now));
    g_hash_table_insert (by_role, (gpointer) "vehicle-positions", vigie_snapshot_ref (realtime));
    combined = vigie_format_gtfs.combine (by_role, &context);
    g_assert_cmpuint (count_ghosts (combined), ==, 0);
    g_clear_pointer (&combined, vigie_snapshot_unref);

    g_hash_table_insert (by_role, (gpointer) "vehicle-positions", vigie_snapshot_new ());
    combined = vigie_format_gtfs.combine (by_role, &context);
    g_assert_cmpuint (count_ghosts (combined), ==, 0);
  }
}

static void
test_format_sniff (void)
{
  g_autoptr(GBytes) zip = zip_fixture ("basic");
  g_autoptr(GBytes) text = g_bytes_new_static ("{\"type\":\"FeatureCollection\"}", 28);

  g_assert_true (vigie_format_gtfs.sniff ("application/zip", zip));
  g_assert_false (vigie_format_gtfs.sniff ("application/json", text));
}

/* The real Soléa tram timetable --------------------------------------- */

static void
test_solea_trams (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "data",
                                                "mulhouse", "solea-gtfs-tram", NULL);
  static const struct { const char *name, *color, *text_color; } lines[] = {
    { "1", "BE0013", "FFFFFF" },
    { "2", "FFD910", "000000" },
    { "3", "009234", "FFFFFF" },
    { "TT", "B2C602", "000000" },
  };
  g_autoptr(GBytes) zip = NULL;
  g_autoptr(VigieGtfs) gtfs = NULL;
  g_autoptr(GArray) positions = NULL;
  g_autoptr(GError) error = NULL;
  const VigieGtfsRoute *routes;
  guint n_routes, n_trips;

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("The Soléa GTFS subset (../shared/data/mulhouse/solea-gtfs-tram) is not there");
      return;
    }

  zip = zip_directory (dir);
  gtfs = vigie_gtfs_load_from_bytes (zip, NULL, &error);
  g_assert_no_error (error);

  routes = vigie_gtfs_get_routes (gtfs, &n_routes);
  g_assert_cmpuint (n_routes, ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      const VigieGtfsRoute *route = NULL;

      for (guint r = 0; r < n_routes; r++)
        if (g_str_equal (routes[r].short_name, lines[i].name))
          route = &routes[r];

      g_assert_nonnull (route);
      g_assert_cmpstr (route->color, ==, lines[i].color);
      g_assert_cmpstr (route->text_color, ==, lines[i].text_color);
    }

  vigie_gtfs_get_trips (gtfs, &n_trips);
  g_assert_cmpuint (n_trips, ==, 3094);
  g_assert_cmpuint (vigie_gtfs_get_n_stop_times (gtfs), ==, 40220);
  g_assert_cmpuint (vigie_gtfs_get_n_shapes (gtfs), ==, 23);
  g_assert_cmpuint (vigie_gtfs_get_n_warnings (gtfs), ==, 0);

  /* Tuesday 17 March 2026 at 08:00 in Mulhouse: the morning service. */
  positions = vigie_gtfs_active_trips_at (gtfs, paris (2026, 3, 17, 8, 0, 0));
  g_test_message ("%u trams at 08:00", positions->len);
  g_assert_cmpuint (positions->len, >=, 15);
  g_assert_cmpuint (positions->len, <=, 80);

  for (guint i = 0; i < positions->len; i++)
    {
      VigieGtfsPosition *position = &g_array_index (positions, VigieGtfsPosition, i);
      double dist, offset;

      g_assert_cmpfloat (position->latitude, >, 47.70);
      g_assert_cmpfloat (position->latitude, <, 47.85);
      g_assert_cmpfloat (position->longitude, >, 7.05);
      g_assert_cmpfloat (position->longitude, <, 7.40);

      /* On its own line. */
      g_assert_true (vigie_gtfs_trip_project (gtfs, position->trip, position->latitude,
                                              position->longitude, &dist, &offset));
      g_assert_cmpfloat (offset, <, 1.0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gtfs/csv/quirks", test_csv_quirks);
  g_test_add_func ("/gtfs/csv/fields", test_csv_fields);
  g_test_add_func ("/gtfs/load/basic", test_load_basic);
  g_test_add_func ("/gtfs/load/route-types", test_load_route_types);
  g_test_add_func ("/gtfs/load/minimal", test_load_minimal);
  g_test_add_func ("/gtfs/load/errors", test_load_errors);
  g_test_add_func ("/gtfs/positions/basic", test_positions_basic);
  g_test_add_func ("/gtfs/positions/calendar", test_positions_calendar);
  g_test_add_func ("/gtfs/positions/after-midnight", test_positions_after_midnight);
  g_test_add_func ("/gtfs/positions/snapshot", test_positions_snapshot);
  g_test_add_func ("/gtfs/positions/no-dist", test_positions_no_dist);
  g_test_add_func ("/gtfs/format/parse", test_format_parse);
  g_test_add_func ("/gtfs/format/options", test_format_options);
  g_test_add_func ("/gtfs/format/combine", test_format_combine);
  g_test_add_func ("/gtfs/format/ghosts", test_format_ghosts);
  g_test_add_func ("/gtfs/format/sniff", test_format_sniff);
  g_test_add_func ("/gtfs/solea/trams", test_solea_trams);

  return g_test_run ();
}
