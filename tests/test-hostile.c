/* test-hostile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vigie-format.h"
#include "vigie-formats.h"
#include "vigie-gtfs.h"
#include "vigie-hash.h"
#include "vigie-json.h"
#include "vigie-string-set.h"
#include "vigie-test-support.h"

/* Inputs made to hurt: each one crashed or exhausted Vigie once (issue
 * "hostile feeds"). Every parser gets them in a worker thread, as in the
 * app, whose stack is what a deep document overflowed. */

typedef struct
{
  const VigieFormat *format;
  const char        *role;
  GBytes            *bytes;
  GError            *error;
  VigieSnapshot     *snapshot;
} Job;

static gpointer
parse_in_thread (gpointer data)
{
  Job *job = data;
  VigieParseContext context = { 1795505400, "fr", NULL, NULL, NULL };

  job->snapshot = job->format->parse (job->role, job->bytes, &context, &job->error);
  return NULL;
}

static void
parse_in_worker (Job *job)
{
  GThread *thread = g_thread_new ("parse", parse_in_thread, job);

  g_thread_join (thread);
}

/* 100,000 nested arrays: 200 KB that json-glib's recursive parser would
 * follow until the stack ran out. */
static GBytes *
deep_document (const char *prefix,
               guint       depth)
{
  GString *text = g_string_new (prefix);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  if (*prefix == '{')
    g_string_append_c (text, '}');

  return g_string_free_to_bytes (text);
}

static void
test_deep_json (void)
{
  static const struct { const char *format; const char *role; } cases[] = {
    { "gbfs", VIGIE_ROLE_MAIN },
    { "gbfs", "station_information" },
    { "gbfs", "station_status" },
    { "gbfs", "free_bike_status" },
    { "siri-lite", VIGIE_ROLE_MAIN },
    { "ngsi-ld", VIGIE_ROLE_MAIN },
    { "unifi", VIGIE_ROLE_MAIN },
    { "wifi-geojson", VIGIE_ROLE_MAIN },
  };
  g_autoptr(GBytes) deep = deep_document ("", 100000);
  g_autoptr(GBytes) deep_member = deep_document ("{\"data\": ", 100000);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GBytes *inputs[] = { deep, deep_member };

      for (guint k = 0; k < G_N_ELEMENTS (inputs); k++)
        {
          Job job = { vigie_format_lookup (cases[i].format), cases[i].role, inputs[k], NULL, NULL };

          g_assert_nonnull (job.format);
          parse_in_worker (&job);
          g_test_message ("%s %s: %s", cases[i].format, cases[i].role,
                          job.error != NULL ? job.error->message : "read");
          g_assert_null (job.snapshot);
          g_assert_error (job.error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE);
          g_assert_nonnull (strstr (job.error->message, "64"));
          g_clear_error (&job.error);
        }
    }
}

/* An object holding a string full of brackets and @n_arrays nested
 * arrays: @n_arrays + 1 levels. */
static GBytes *
object_with_arrays (guint n_arrays)
{
  GString *text = g_string_new ("{\"name\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"[\", \"a\": ");

  for (guint i = 0; i < n_arrays; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < n_arrays; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');

  return g_string_free_to_bytes (text);
}

/* The limit counts brackets, not brackets in strings, and lets a
 * document exactly at the limit through. */
static void
test_json_depth_limit (void)
{
  g_autoptr(GBytes) at_limit = object_with_arrays (VIGIE_JSON_MAX_DEPTH - 1);
  g_autoptr(GBytes) over_limit = object_with_arrays (VIGIE_JSON_MAX_DEPTH);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *deeper;

  root = vigie_json_parse_bytes (at_limit, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);

  deeper = vigie_json_parse_bytes (over_limit, &error);
  g_assert_null (deeper);
  g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE);
}

/* An object of more members than any feed's: json-glib's table of them is
 * hashed with g_str_hash(), so names that share a hash made it quadratic
 * (16,384 took 2.6 s). At the limit it is read; past it, refused in
 * words, in an object at any depth. */
static GBytes *
object_with_members (guint n)
{
  GString *text = g_string_new ("{\"data\":[{\"x\":{");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s\"k%u\":{\"a\":1,\"b\":[1,2]}", i > 0 ? "," : "", i);
  g_string_append (text, "}}]}");

  return g_string_free_to_bytes (text);
}

static void
test_json_member_limit (void)
{
  g_autoptr(GBytes) at_limit = object_with_members (VIGIE_JSON_MAX_MEMBERS);
  g_autoptr(GBytes) over_limit = object_with_members (VIGIE_JSON_MAX_MEMBERS + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *larger;

  root = vigie_json_parse_bytes (at_limit, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);

  larger = vigie_json_parse_bytes (over_limit, &error);
  g_assert_null (larger);
  g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "10000"));
}

static const struct { const char *format; const char *role; } json_formats[] = {
  { "gbfs", VIGIE_ROLE_MAIN },
  { "gbfs", "station_status" },
  { "siri-lite", VIGIE_ROLE_MAIN },
  { "ngsi-ld", VIGIE_ROLE_MAIN },
  { "unifi", VIGIE_ROLE_MAIN },
  { "wifi-geojson", VIGIE_ROLE_MAIN },
};

/* Found by tests/fuzz: a document of spaces only has no root and no
 * json-glib error; every JSON format gave NULL without an error. */
static void
test_json_spaces_only (void)
{
  g_autoptr(GBytes) spaces = g_bytes_new_static (" \t\r\n ", 5);

  for (guint i = 0; i < G_N_ELEMENTS (json_formats); i++)
    {
      Job job = { vigie_format_lookup (json_formats[i].format), json_formats[i].role, spaces, NULL, NULL };

      g_test_message ("%s %s", json_formats[i].format, json_formats[i].role);
      parse_in_worker (&job);
      g_assert_null (job.snapshot);
      g_assert_error (job.error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_EMPTY);
      g_clear_error (&job.error);
    }
}

/* Found by tests/fuzz: json-glib 1.6 reads "1 {}" or "{} {}" without an
 * error, keeps the last value and leaks the others, at every poll. */
static void
test_json_several_values (void)
{
  static const char * const refused[] = {
    "{} {}",
    "1 {}",
    "\"a\" []",
    "null {\"b\": 2}",
    "[{\"a\": \"] [\"}]\n{\"last_updated\": 0}",
    /* json-glib reads 'single-quoted' strings: two values, the first
     * leaked on its error path (found by fuzz-ngsi-ld-temporal). */
    "['\"'][]",
  };
  /* A "/" out of a string (json-glib then saw {} as a second value and
   * leaked the first, found by fuzz-gtfs-rt-malloc and fuzz-ngsi-ld). */
  static const char * const stray_slash[] = {
    "{\"\":{\"a\":\"\"},\"\":[/\"/]}{}",
    "[1, /]",
    "[//][]",
    "{\"a\": 1} /",
  };
  static const char * const accepted[] = {
    "{}  \n",
    " [1, {\"a\": \"} {\\\" [\"}] ",
    "\"x\"",
    "12",
  };

  for (guint i = 0; i < G_N_ELEMENTS (stray_slash); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (stray_slash[i], strlen (stray_slash[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = vigie_json_parse_bytes (bytes, &error);

      g_test_message ("%s", stray_slash[i]);
      g_assert_null (root);
      g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "outside a string"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (refused[i], strlen (refused[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = vigie_json_parse_bytes (bytes, &error);

      g_test_message ("%s", refused[i]);
      g_assert_null (root);
      g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID);
      /* Refused before json-glib sees it. */
      g_assert_nonnull (strstr (error->message, "more than one value"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (accepted[i], strlen (accepted[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = vigie_json_parse_bytes (bytes, &error);

      g_test_message ("%s", accepted[i]);
      g_assert_no_error (error);
      g_assert_nonnull (root);
    }

  /* And through a format, as the fuzzer found it. */
  {
    static const char siri[] =
      "2{\"Siri\": {\"ServiceDelivery\": {\"VehicleMonitoringDelivery\": []}}}";
    g_autoptr(GBytes) bytes = g_bytes_new_static (siri, sizeof siri - 1);
    Job job = { vigie_format_lookup ("siri-lite"), VIGIE_ROLE_MAIN, bytes, NULL, NULL };

    parse_in_worker (&job);
    g_assert_null (job.snapshot);
    g_assert_error (job.error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID);
    g_clear_error (&job.error);
  }
}

/* Sniffers get an empty GBytes whose data pointer is NULL. */
/* json-glib decodes a lone surrogate escape into bytes that are not
 * UTF-8: an id or a text made of it must not reach a GVariant (the SIRI
 * fuzzer found it: g_variant_new_take_string's critical). */
static void
test_json_lone_surrogate (void)
{
  static const char document[] = "{\"id\": \"a\\ud800b\", \"name\": \"c\\ud800d\"}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (document, sizeof document - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = vigie_json_parse_bytes (bytes, &error);
  g_autofree char *id = NULL;
  JsonObject *object;

  g_assert_no_error (error);
  object = json_node_get_object (root);
  id = vigie_json_dup_id (object, "id");
  g_assert_nonnull (id);
  g_assert_true (g_utf8_validate (id, -1, NULL));
  g_assert_true (g_str_has_prefix (id, "a"));
  g_assert_null (vigie_json_get_string (object, "name"));
}

/* Found by fuzz-gbfs: a timestamp past what a gint64 holds, even read as
 * milliseconds, was converted anyway (undefined behaviour). */
static void
test_json_huge_timestamp (void)
{
  static const char document[] = "{\"a\": 1767612E20, \"b\": 1767612000000, \"c\": -1E300}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (document, sizeof document - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = vigie_json_parse_bytes (bytes, &error);
  JsonObject *object;
  gint64 time = 0;

  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_false (vigie_json_get_timestamp (object, "a", &time));
  g_assert_true (vigie_json_get_timestamp (object, "b", &time));
  g_assert_cmpint (time, ==, 1767612000);
  g_assert_false (vigie_json_get_timestamp (object, "c", &time));
}

static void
test_sniff_empty (void)
{
  const VigieFormat * const *formats = vigie_formats_builtin ();
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);

  g_assert_null (g_bytes_get_data (empty, NULL));
  for (guint i = 0; formats[i] != NULL; i++)
    if (formats[i]->sniff != NULL)
      {
        g_test_message ("%s", formats[i]->id);
        g_assert_false (formats[i]->sniff ("application/json", empty));
        g_assert_false (formats[i]->sniff (NULL, empty));
      }
}

/* A GBFS 3.0 manifest whose data has no "datasets". */
static void
test_gbfs_manifest_without_datasets (void)
{
  static const char manifest[] =
    "{\"last_updated\": \"2026-11-24T08:30:00+01:00\", \"ttl\": 0, \"version\": \"3.0\","
    " \"data\": {}}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (manifest, sizeof manifest - 1);
  Job job = { vigie_format_lookup ("gbfs"), "manifest", bytes, NULL, NULL };

  parse_in_worker (&job);
  if (job.snapshot != NULL)
    vigie_snapshot_unref (job.snapshot);
  g_clear_error (&job.error);
}

/* GTFS zips -------------------------------------------------------------- */

/* The minimal fixture's files, with @name replaced by @contents. */
static GBytes *
zip_minimal_with (const char *name,
                  GBytes     *contents)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "gtfs", "minimal", NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  const char *file;

  g_assert_no_error (error);
  while ((file = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (file));
  g_ptr_array_add (names, NULL);

  return vigie_test_zip_files (path, (const char * const *) names->pdata, name, contents);
}

static GBytes *
stops_with_rows (guint        n_rows,
                 const char  *name)
{
  GString *text = g_string_new ("stop_id,stop_name,stop_lat,stop_lon\n");

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "S%u,%s,47.75,7.34\n", i, name);

  return g_string_free_to_bytes (text);
}

static void
assert_gtfs_refused (GBytes                 *zip,
                     const VigieGtfsOptions *options,
                     const char             *named)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieGtfs) gtfs = vigie_gtfs_load_from_bytes (zip, options, &error);

  g_assert_null (gtfs);
  g_assert_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, named));
}

/* One 8 MiB line: refused at the line limit, not held in memory. */
static void
test_gtfs_long_line (void)
{
  gsize size = 8 << 20;
  char *line = g_malloc (size + 64);
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GBytes) zip = NULL;

  strcpy (line, "stop_id,stop_name,stop_lat,stop_lon\nS1,");
  memset (line + strlen (line), 'x', size);
  line[size] = '\0';
  contents = g_bytes_new_take (line, strlen (line));
  zip = zip_minimal_with ("stops.txt", contents);
  assert_gtfs_refused (zip, NULL, "max-line-bytes");
}

static void
test_gtfs_rows (void)
{
  VigieGtfsOptions options = { .max_rows = 1000 };
  g_autoptr(GBytes) stops = stops_with_rows (5000, "Gare");
  g_autoptr(GBytes) zip = zip_minimal_with ("stops.txt", stops);

  assert_gtfs_refused (zip, &options, "max-rows");
}

static void
test_gtfs_file_bytes (void)
{
  VigieGtfsOptions file_options = { .max_file_bytes = 64 * 1024 };
  VigieGtfsOptions total_options = { .max_total_bytes = 64 * 1024 };
  g_autoptr(GBytes) stops = stops_with_rows (20000, "Gare Centrale");
  g_autoptr(GBytes) zip = zip_minimal_with ("stops.txt", stops);
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieGtfs) gtfs = NULL;

  /* Compressed to a few kilobytes, unpacked to 600 KB. */
  g_assert_cmpuint (g_bytes_get_size (zip), <, 64 * 1024);
  assert_gtfs_refused (zip, &file_options, "max-file-bytes");
  assert_gtfs_refused (zip, &total_options, "max-total-bytes");

  /* Under the default limits it loads. */
  gtfs = vigie_gtfs_load_from_bytes (zip, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (gtfs);
}

/* Found by tests/fuzz (UBSan): trips but not one stop time; the loader
 * took the address of the first of none, an offset to a NULL pointer.
 * Only a build with -fsanitize=undefined sees the difference. */
static void
test_gtfs_no_stop_times (void)
{
  static const char header[] = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n";
  g_autoptr(GBytes) contents = g_bytes_new_static (header, sizeof header - 1);
  g_autoptr(GBytes) zip = zip_minimal_with ("stop_times.txt", contents);
  VigieGtfsOptions options = { .all_route_types = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieGtfs) gtfs = vigie_gtfs_load_from_bytes (zip, &options, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (vigie_gtfs_get_n_stop_times (gtfs), ==, 0);
}

/* Names in Windows-1252, as many producers write them: read as such,
 * and the feed says so; every string handed on is UTF-8. */
static void
test_gtfs_latin1 (void)
{
  static const char stops[] =
    "stop_id,stop_name,stop_lat,stop_lon\n"
    "S\xe9""1,Ch\xe2taignier,47.75,7.34\n"
    "S2,Gare \x80 \x81\xff,47.76,7.35\n";
  g_autoptr(GBytes) contents = g_bytes_new_static (stops, sizeof stops - 1);
  g_autoptr(GBytes) zip = zip_minimal_with ("stops.txt", contents);
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieGtfs) gtfs = vigie_gtfs_load_from_bytes (zip, NULL, &error);
  const VigieGtfsStop *stop_list;
  const char * const *warnings;
  gboolean warned = FALSE;
  guint n_stops;

  g_assert_no_error (error);
  stop_list = vigie_gtfs_get_stops (gtfs, &n_stops);
  g_assert_cmpuint (n_stops, ==, 2);
  for (guint i = 0; i < n_stops; i++)
    {
      g_assert_true (g_utf8_validate (stop_list[i].id, -1, NULL));
      g_assert_true (g_utf8_validate (stop_list[i].name, -1, NULL));
    }
  g_assert_nonnull (vigie_gtfs_lookup_stop (gtfs, "S\xc3\xa9""1"));
  g_assert_cmpstr (vigie_gtfs_lookup_stop (gtfs, "S\xc3\xa9""1")->name, ==, "Ch\xc3\xa2taignier");

  warnings = vigie_gtfs_get_warnings (gtfs);
  for (guint i = 0; warnings[i] != NULL; i++)
    if (strstr (warnings[i], "stops.txt is not in UTF-8") != NULL)
      warned = TRUE;
  g_assert_true (warned);
}

/* Trips but not one stop time: the loader once did arithmetic on the
 * empty stop-time array's NULL data (UBSan: "applying zero offset to
 * null pointer"). It loads, with trips that never run. */
static void
test_gtfs_no_stop_times_trips (void)
{
  static const char header[] = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n";
  g_autoptr(GBytes) contents = g_bytes_new_static (header, sizeof header - 1);
  g_autoptr(GBytes) zip = zip_minimal_with ("stop_times.txt", contents);
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieGtfs) gtfs = vigie_gtfs_load_from_bytes (zip, NULL, &error);
  const VigieGtfsTrip *trips;
  guint n_trips, n_times;

  g_assert_no_error (error);
  g_assert_cmpuint (vigie_gtfs_get_n_stop_times (gtfs), ==, 0);
  trips = vigie_gtfs_get_trips (gtfs, &n_trips);
  g_assert_cmpuint (n_trips, >, 0);
  g_assert_null (vigie_gtfs_trip_get_stop_times (gtfs, &trips[0], &n_times));
  g_assert_cmpuint (n_times, ==, 0);
}

/* Station ids made of "Az" and "BY" pairs all have one g_str_hash(): 16,384
 * of them took a GBFS feed 8 s to read instead of 0.5 s, and the time
 * grows as the square of their number, at every poll. The tables keyed by
 * what a feed says hash with a seeded SipHash (vigie-hash.c): those ids
 * spread, and the feed is read whole and right. */
#define N_FLOOD 4096

static char *
flood_id (guint n)
{
  GString *id = g_string_new (NULL);

  for (guint bit = 0; bit < 12; bit++)
    g_string_append (id, (n >> bit) & 1 ? "BY" : "Az");

  return g_string_free (id, FALSE);
}

/* Ids sharing one g_str_hash, kept once each by a string set (the GTFS
 * timetable's, the departures', the history batches'), each found again. */
static void
test_string_set_of_one_hash (void)
{
  g_autoptr(VigieStringSet) set = vigie_string_set_new (1024);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; i < N_FLOOD; i++)
    {
      g_autofree char *id = flood_id (i);
      const char *copy = vigie_string_set_add (set, id);

      g_assert_true (copy != id);
      g_assert_cmpstr (copy, ==, id);
      g_ptr_array_add (kept, (gpointer) copy);
    }
  for (guint i = 0; i < N_FLOOD; i++)
    {
      g_autofree char *id = flood_id (i);

      g_assert_true (vigie_string_set_add (set, id) == g_ptr_array_index (kept, i));
    }
}

/* A map's grid cells are keyed (row << 32) ^ column: a city's 256 rows
 * and columns near (67,000, 46,000) at zoom 15. g_int64_hash() takes the
 * halves' XOR, 512 hashes for those 65,536 cells; the layers' tables of
 * cells use vigie_int64_hash(), which must keep them apart. */
static void
test_grid_cells_apart (void)
{
  g_autoptr(GHashTable) plain = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) vigie = g_hash_table_new (NULL, NULL);

  for (gint64 cy = 46000; cy < 46000 + 256; cy++)
    for (gint64 cx = 67000; cx < 67000 + 256; cx++)
      {
        gint64 key = (cy << 32) ^ (cx & 0xffffffff);

        g_hash_table_add (plain, GUINT_TO_POINTER (g_int64_hash (&key)));
        g_hash_table_add (vigie, GUINT_TO_POINTER (vigie_int64_hash (&key)));
      }

  /* What the test is about... */
  g_assert_cmpuint (g_hash_table_size (plain), <=, 512);
  /* ...and only chance collisions of 32-bit hashes with Vigie's. */
  g_assert_cmpuint (g_hash_table_size (vigie), >=, 65536 - 8);
}

static void
test_ids_of_one_hash (void)
{
  const VigieParseContext context = { 1795590000, "fr", NULL };
  g_autoptr(GHashTable) hashes = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) by_role = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) vigie_snapshot_unref);
  g_autoptr(GString) information = g_string_new ("{\"last_updated\":1795590000,\"ttl\":60,\"version\":\"2.3\",\"data\":{\"stations\":[");
  g_autoptr(GString) status = g_string_new ("{\"last_updated\":1795590000,\"ttl\":60,\"version\":\"2.3\",\"data\":{\"stations\":[");
  g_autoptr(VigieSnapshot) combined = NULL;
  const char * const roles[] = { "station_information", "station_status" };
  GString *documents[] = { information, status };
  g_autofree char *first = flood_id (0);
  guint first_hash = g_str_hash (first);

  for (guint i = 0; i < N_FLOOD; i++)
    {
      g_autofree char *id = flood_id (i);

      /* What the test is about: one hash for all under g_str_hash()... */
      g_assert_cmpuint (g_str_hash (id), ==, first_hash);
      /* ...and all but a few apart under Vigie's. */
      g_hash_table_add (hashes, GUINT_TO_POINTER (vigie_str_hash (id)));

      g_string_append_printf (information, "%s{\"station_id\":\"%s\",\"name\":\"S%u\",\"lat\":47.75,\"lon\":7.33,\"capacity\":10}",
                              i > 0 ? "," : "", id, i);
      g_string_append_printf (status, "%s{\"station_id\":\"%s\",\"num_bikes_available\":%u,\"num_docks_available\":1,"
                              "\"is_installed\":true,\"is_renting\":true,\"is_returning\":true,\"last_reported\":1795590000}",
                              i > 0 ? "," : "", id, i % 9);
    }
  g_assert_cmpuint (g_hash_table_size (hashes), >=, N_FLOOD - 8);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      VigieSnapshot *snapshot;

      g_string_append (documents[i], "]}}");
      bytes = g_bytes_new (documents[i]->str, documents[i]->len);
      snapshot = vigie_format_gbfs.parse (roles[i], bytes, &context, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, N_FLOOD);
      g_hash_table_insert (by_role, (gpointer) roles[i], snapshot);
    }

  combined = vigie_format_gbfs.combine (by_role, &context);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (combined), ==, 0);
  g_assert_cmpuint (vigie_test_count_entities (combined, VIGIE_ENTITY_STATION), ==, N_FLOOD);
  for (guint i = 0; i < N_FLOOD; i += 97)
    {
      g_autofree char *id = flood_id (i);
      g_autofree char *name = g_strdup_printf ("S%u", i);
      VigieEntity *entity = vigie_test_get_entity (combined, VIGIE_ENTITY_STATION, id);

      g_assert_cmpstr (vigie_entity_get_name (entity), ==, name);
      vigie_test_assert_exact_int_value (entity, "vehicles_available", i % 9);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/deep-json", test_deep_json);
  g_test_add_func ("/hostile/ids-of-one-hash", test_ids_of_one_hash);
  g_test_add_func ("/hostile/string-set-of-one-hash", test_string_set_of_one_hash);
  g_test_add_func ("/hostile/grid-cells-apart", test_grid_cells_apart);
  g_test_add_func ("/hostile/json-depth-limit", test_json_depth_limit);
  g_test_add_func ("/hostile/json-member-limit", test_json_member_limit);
  g_test_add_func ("/hostile/json-spaces-only", test_json_spaces_only);
  g_test_add_func ("/hostile/json-several-values", test_json_several_values);
  g_test_add_func ("/hostile/json-lone-surrogate", test_json_lone_surrogate);
  g_test_add_func ("/hostile/json-huge-timestamp", test_json_huge_timestamp);
  g_test_add_func ("/hostile/sniff-empty", test_sniff_empty);
  g_test_add_func ("/hostile/gbfs-manifest-without-datasets", test_gbfs_manifest_without_datasets);
  g_test_add_func ("/hostile/gtfs-long-line", test_gtfs_long_line);
  g_test_add_func ("/hostile/gtfs-rows", test_gtfs_rows);
  g_test_add_func ("/hostile/gtfs-file-bytes", test_gtfs_file_bytes);
  g_test_add_func ("/hostile/gtfs-latin1", test_gtfs_latin1);
  g_test_add_func ("/hostile/gtfs-no-stop-times", test_gtfs_no_stop_times);
  g_test_add_func ("/hostile/gtfs-no-stop-times-trips", test_gtfs_no_stop_times_trips);

  return g_test_run ();
}
