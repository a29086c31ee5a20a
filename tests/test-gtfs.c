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
#include "vigie-test-gtfs.h"
#include "vigie-test-support.h"

/* GTFS: the CSV reader, loading a timetable, and the real Soléa trams.
 * The fixtures are described in support/vigie-test-gtfs.h. */

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
  g_autoptr(VigieGtfs) gtfs = vigie_test_gtfs_load_fixture ("basic", NULL);
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
  g_assert_cmpfloat_with_epsilon (times[1].dist_m, VIGIE_TEST_GTFS_AB_M, 2.0);
  g_assert_cmpfloat_with_epsilon (times[2].dist_m, 2 * VIGIE_TEST_GTFS_AB_M, 3.0);

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
    g_assert_cmpfloat_with_epsilon (points[2].dist_m, VIGIE_TEST_GTFS_AB_M, 2.0);
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

  gtfs = vigie_test_gtfs_load_fixture ("basic", &all);
  vigie_gtfs_get_routes (gtfs, &n);
  g_assert_cmpuint (n, ==, 5);
  vigie_gtfs_get_trips (gtfs, &n);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpuint (vigie_gtfs_get_n_shapes (gtfs), ==, 2);
  g_assert_cmpuint (vigie_gtfs_get_n_stop_times (gtfs), ==, 15);
  g_assert_cmpstr (vigie_gtfs_lookup_route (gtfs, "B10")->color, ==, "00FF00");
  g_clear_pointer (&gtfs, vigie_gtfs_unref);

  gtfs = vigie_test_gtfs_load_fixture ("basic", &some);
  vigie_gtfs_get_routes (gtfs, &n);
  g_assert_cmpuint (n, ==, 5);
  g_clear_pointer (&gtfs, vigie_gtfs_unref);

  gtfs = vigie_test_gtfs_load_fixture ("basic", &bus);
  vigie_gtfs_get_routes (gtfs, &n);
  g_assert_cmpuint (n, ==, 1);
  vigie_gtfs_get_trips (gtfs, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (vigie_gtfs_get_n_stop_times (gtfs), ==, 2);
}

static void
test_load_minimal (void)
{
  g_autoptr(VigieGtfs) gtfs = vigie_test_gtfs_load_fixture ("minimal", NULL);
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
  found = vigie_test_gtfs_positions_at (gtfs, vigie_test_utc_time (2026, 4, 1, 10, 5, 0));
  g_assert_cmpuint (g_hash_table_size (found), ==, 1);
  position = g_hash_table_lookup (found, "M1");
  g_assert_cmpfloat_with_epsilon (position->latitude, 48.005, 1e-6);
  g_assert_cmpfloat_with_epsilon (position->longitude, 7.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (position->bearing, 0.0, 0.5);
  g_clear_pointer (&found, g_hash_table_unref);

  found = vigie_test_gtfs_positions_at (gtfs, vigie_test_utc_time (2026, 4, 2, 10, 5, 0));
  g_assert_cmpuint (g_hash_table_size (found), ==, 0);
}

static void
test_load_errors (void)
{
  g_autoptr(GBytes) not_zip = g_bytes_new_static ("route_id,route_type\nA,0\n", 24);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) no_stops = vigie_test_gtfs_zip_fixture ("no-stops");
  g_autoptr(GError) error = NULL;
  VigieGtfsOptions ferries = { .route_types = (const int[]) { 4 }, .n_route_types = 1 };
  g_autoptr(GBytes) basic = vigie_test_gtfs_zip_fixture ("basic");
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

  zip = vigie_test_gtfs_zip_directory (dir);
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
  positions = vigie_gtfs_active_trips_at (gtfs, vigie_test_paris_time (2026, 3, 17, 8, 0, 0));
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
  g_test_add_func ("/gtfs/solea/trams", test_solea_trams);

  return g_test_run ();
}
