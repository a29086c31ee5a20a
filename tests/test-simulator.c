/* test-simulator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "vigie-clock.h"
#include "vigie-entity.h"
#include "vigie-feed.h"
#include "vigie-http-client.h"
#include "vigie-format.h"
#include "vigie-profile.h"
#include "vigie-simulator.h"
#include "vigie-test-support.h"

/* The demo city simulator, started on a free loopback port inside this
 * process and read over HTTP with libsoup, the way the app reads it: every
 * feed answers and parses with the project's own parsers, the same seed at
 * the same instant gives the same bytes, each fault does what it says, and
 * the scale knob multiplies what is served. */

/* Tuesday 2026-11-24, 08:30 in Mulhouse: trams running, commuters arriving. */
#define MORNING G_GINT64_CONSTANT (1795505400)
/* The same Tuesday at 18:30. */
#define EVENING (MORNING + 10 * 3600)
#define SEED 42

typedef struct
{
  SoupSession    *session;
  VigieSimulator *simulator;
  char           *base;
} Fixture;

typedef struct
{
  GBytes             *body;
  guint               status;
  GError             *error;
  SoupMessageHeaders *headers;
  gboolean            done;
} Response;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->session = soup_session_new ();
  fixture->simulator = vigie_simulator_new (SEED);
  vigie_simulator_set_time (fixture->simulator, MORNING);
  vigie_simulator_start (fixture->simulator, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vigie_simulator_get_port (fixture->simulator), >, 0);
  fixture->base = vigie_simulator_dup_base_url (fixture->simulator);
  g_assert_true (g_str_has_prefix (fixture->base, "http://127.0.0.1:"));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  vigie_simulator_stop (fixture->simulator);
  g_clear_object (&fixture->simulator);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->base, g_free);
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Response *response = user_data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);

  response->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &response->error);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  response->done = TRUE;
}

static gboolean
on_timeout_cb (gpointer data)
{
  g_error ("The simulator did not answer in time");
  return G_SOURCE_REMOVE;
}

static void
response_clear (Response *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_error (&response->error);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
}

static void
fetch (Fixture    *fixture,
       const char *path,
       Response   *response)
{
  g_autofree char *url = g_strconcat (fixture->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  guint timeout_id;

  memset (response, 0, sizeof *response);
  timeout_id = g_timeout_add_seconds (20, on_timeout_cb, NULL);
  soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL, on_sent_cb, response);
  while (!response->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout_id);
}

static GBytes *
fetch_ok (Fixture    *fixture,
          const char *path)
{
  Response response;

  fetch (fixture, path, &response);
  g_assert_no_error (response.error);
  g_assert_cmpuint (response.status, ==, 200);
  g_clear_pointer (&response.headers, soup_message_headers_unref);

  return response.body;
}

static VigieSnapshot *
parse (const char *format_id,
       const char *role,
       GBytes     *bytes)
{
  const VigieFormat *format = vigie_format_lookup (format_id);
  VigieParseContext context = { MORNING, "fr", NULL, NULL };
  g_autoptr(GError) error = NULL;
  VigieSnapshot *snapshot;

  g_assert_nonnull (format);
  snapshot = format->parse (role, bytes, &context, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);

  return snapshot;
}

/* Fetches a GBFS system document by document and combines it, as the feed
 * engine does. */
static VigieSnapshot *
fetch_gbfs (Fixture            *fixture,
            const char         *prefix,
            const char * const *documents)
{
  const VigieFormat *format = vigie_format_lookup ("gbfs");
  VigieParseContext context = { MORNING, "fr", NULL, NULL };
  g_autoptr(GHashTable) by_role = NULL;
  g_autofree char *discovery = g_strconcat (prefix, "gbfs.json", NULL);
  g_autoptr(GBytes) bytes = fetch_ok (fixture, discovery);

  by_role = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) vigie_snapshot_unref);
  g_hash_table_insert (by_role, g_strdup (VIGIE_ROLE_MAIN), parse ("gbfs", VIGIE_ROLE_MAIN, bytes));

  for (guint i = 0; documents[i] != NULL; i++)
    {
      const char *role = strrchr (documents[i], '/') != NULL ? strrchr (documents[i], '/') + 1 : documents[i];
      g_autofree char *path = g_strconcat (prefix, documents[i], ".json", NULL);
      g_autoptr(GBytes) body = fetch_ok (fixture, path);

      g_hash_table_insert (by_role, g_strdup (role), parse ("gbfs", role, body));
    }

  return format->combine (by_role, &context);
}

static const char * const bike_documents[] = {
  "fr/system_information", "fr/station_information", "fr/station_status", "fr/vehicle_types", NULL
};

static const char * const car_documents[] = {
  "system_information", "station_information", "station_status", "vehicle_types", "vehicle_status", NULL
};

static void
test_bikes (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(VigieSnapshot) snapshot = fetch_gbfs (fixture, "/gbfs/velocite/", bike_documents);
  guint not_renting = 0, empty = 0, full = 0;

  g_assert_cmpuint (vigie_test_count_entities (snapshot, VIGIE_ENTITY_STATION), ==, 40);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);

  for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
    {
      VigieEntity *station = vigie_snapshot_get_entity (snapshot, i);
      gboolean renting = TRUE;
      gint64 bikes = -1, docks = -1;

      /* Their own names, in no language's "(simulated)": the app says
       * the demo is simulated, in the operator's language. */
      g_assert_null (strstr (vigie_entity_get_name (station), "simulé"));
      g_assert_cmpstr (vigie_entity_get_name (station), !=, "");
      g_assert_true (vigie_entity_has_position (station));
      g_assert_cmpfloat (vigie_entity_get_latitude (station), >, 47.7);
      g_assert_cmpfloat (vigie_entity_get_latitude (station), <, 47.8);
      vigie_entity_lookup_boolean (station, "is_renting", &renting);
      if (!renting)
        not_renting++;
      g_assert_true (vigie_entity_lookup_int (station, "num_bikes_available", &bikes) ||
                     vigie_entity_lookup_int (station, "vehicles_available", &bikes));
      if (bikes == 0)
        empty++;
      if ((vigie_entity_lookup_int (station, "num_docks_available", &docks) ||
           vigie_entity_lookup_int (station, "docks_available", &docks)) && docks == 0)
        full++;
    }

  g_assert_cmpuint (not_renting, ==, 1);
  g_assert_cmpuint (empty + full, >, 0);
}

static void
test_car_share (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(VigieSnapshot) snapshot = fetch_gbfs (fixture, "/gbfs/citiz/", car_documents);
  g_autoptr(GBytes) status = fetch_ok (fixture, "/gbfs/citiz/station_status.json");
  const char *text = g_bytes_get_data (status, NULL);

  g_assert_cmpuint (vigie_test_count_entities (snapshot, VIGIE_ENTITY_STATION), >=, 15);
  g_assert_cmpuint (vigie_test_count_entities (snapshot, VIGIE_ENTITY_VEHICLE), >, 0);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
  /* Cars by their model, in no language's "(simulated)". */
  for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
    g_assert_null (strstr (vigie_entity_get_name (vigie_snapshot_get_entity (snapshot, i)), "simulé"));

  /* Citiz's timestamps carry seven fractional digits. */
  g_assert_true (g_regex_match_simple ("\"last_updated\":\"2026-11-24T08:30:00\\.[0-9]{7}\\+01:00\"",
                                       text, 0, 0));
}

static void
test_wifi (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GBytes) bytes = fetch_ok (fixture, "/wifi/hotspots.geojson");
  g_autoptr(VigieSnapshot) snapshot = parse ("wifi-geojson", VIGIE_ROLE_MAIN, bytes);

  g_assert_cmpuint (vigie_test_count_entities (snapshot, VIGIE_ENTITY_HOTSPOT), ==, 12);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 0);
  g_assert_cmpint (vigie_snapshot_get_observed_at (snapshot), ==, MORNING);
}

/* One member of a zip the simulator wrote: local headers with their
 * sizes, deflated. */
static char *
zip_member (GBytes     *zip,
            const char *name)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (zip, &size);
  gsize at = 0;

  while (at + 30 <= size && data[at] == 'P' && data[at + 1] == 'K' && data[at + 2] == 3 && data[at + 3] == 4)
    {
      guint32 packed = data[at + 18] | data[at + 19] << 8 | data[at + 20] << 16 | (guint32) data[at + 21] << 24;
      guint32 plain = data[at + 22] | data[at + 23] << 8 | data[at + 24] << 16 | (guint32) data[at + 25] << 24;
      guint name_length = data[at + 26] | data[at + 27] << 8;
      guint extra_length = data[at + 28] | data[at + 29] << 8;
      gsize start = at + 30 + name_length + extra_length;

      g_assert_cmpuint (start + packed, <=, size);
      if (name_length == strlen (name) && memcmp (data + at + 30, name, name_length) == 0)
        {
          g_autoptr(GZlibDecompressor) inflater = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW);
          g_autoptr(GError) error = NULL;
          char *text = g_malloc0 (plain + 1);
          gsize bytes_read = 0, bytes_written = 0;

          g_assert_cmpint (g_converter_convert (G_CONVERTER (inflater), data + start, packed, text, plain + 1,
                                                G_CONVERTER_INPUT_AT_END, &bytes_read, &bytes_written, &error),
                           ==, G_CONVERTER_FINISHED);
          g_assert_no_error (error);
          g_assert_cmpuint (bytes_written, ==, plain);
          return text;
        }
      at = start + packed;
    }
  g_error ("no %s in the zip", name);
  return NULL;
}

/* The data's own names carry no "(simulé)", a French word in every
 * language: the feeds' names say the demo is simulated, in the reader's
 * language. */
static void
test_names_unmarked (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char *members[] = { "agency.txt", "routes.txt" };
  static const char *zips[] = { "/gtfs/gtfs.zip", "/ter/gtfs.zip" };
  g_autoptr(GBytes) wifi = fetch_ok (fixture, "/wifi/hotspots.geojson");
  g_autoptr(GBytes) parking = fetch_ok (fixture, "/ngsi-ld/v1/entities?type=OffStreetParking");
  g_autoptr(GBytes) zones = fetch_ok (fixture, "/ngsi-ld/v1/entities?type=OnStreetParking");
  g_autofree char *wifi_text = g_strndup (g_bytes_get_data (wifi, NULL), g_bytes_get_size (wifi));
  g_autofree char *parking_text = g_strndup (g_bytes_get_data (parking, NULL), g_bytes_get_size (parking));
  g_autofree char *zones_text = g_strndup (g_bytes_get_data (zones, NULL), g_bytes_get_size (zones));

  for (guint z = 0; z < G_N_ELEMENTS (zips); z++)
    {
      g_autoptr(GBytes) zip = fetch_ok (fixture, zips[z]);

      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        {
          g_autofree char *text = zip_member (zip, members[m]);

          g_test_message ("%s %s:\n%s", zips[z], members[m], text);
          g_assert_nonnull (strstr (text, "_name,"));
          g_assert_nonnull (strstr (text, "-SIMULE,"));
          g_assert_null (strstr (text, "(simulé)"));
        }
    }

  g_assert_nonnull (strstr (wifi_text, "\"name\":\"Wi-Fi public de Mulhouse\""));
  g_assert_nonnull (strstr (parking_text, "dataProvider"));
  g_assert_nonnull (strstr (zones_text, "dataProvider"));
  g_assert_null (strstr (wifi_text, "(simulé)"));
  g_assert_null (strstr (parking_text, "(simulé)"));
  g_assert_null (strstr (zones_text, "(simulé)"));
}

static void
test_trams (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GBytes) zip = fetch_ok (fixture, "/gtfs/gtfs.zip");
  g_autoptr(GBytes) pb = fetch_ok (fixture, "/gtfs-rt/vehicle-positions.pb");
  g_autoptr(GBytes) siri = fetch_ok (fixture, "/siri-lite/vehicle-monitoring.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  guint n_trams = vigie_simulator_count_entities (fixture->simulator, "gtfs-rt");
  JsonArray *activity;

  /* A weekday morning: every line runs, a dozen trams or more. */
  g_assert_cmpuint (n_trams, >=, 10);
  g_assert_cmpuint (n_trams, <, 60);

  g_assert_cmpmem (g_bytes_get_data (zip, NULL), 4, "PK\003\004", 4);
  json_parser_load_from_data (parser, g_bytes_get_data (siri, NULL), g_bytes_get_size (siri), &error);
  g_assert_no_error (error);
  activity = json_object_get_array_member (
    json_array_get_object_element (
      json_object_get_array_member (
        json_object_get_object_member (
          json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "Siri"),
          "ServiceDelivery"),
        "VehicleMonitoringDelivery"), 0),
    "VehicleActivity");
  g_assert_cmpuint (json_array_get_length (activity), ==, n_trams);

  /* The formats other engineers write, where the build has them. */
  if (vigie_format_lookup ("gtfs-rt") != NULL)
    {
      g_autoptr(VigieSnapshot) snapshot = parse ("gtfs-rt", VIGIE_ROLE_MAIN, pb);

      g_assert_cmpuint (vigie_test_count_entities (snapshot, VIGIE_ENTITY_VEHICLE), ==, n_trams);
      /* "Rame 2003", in no language's "(simulated)". */
      for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
        g_assert_true (g_str_has_prefix (vigie_entity_get_name (vigie_snapshot_get_entity (snapshot, i)), "Rame ") &&
                       strstr (vigie_entity_get_name (vigie_snapshot_get_entity (snapshot, i)), "simulé") == NULL);
    }
  if (vigie_format_lookup ("siri-lite") != NULL)
    {
      g_autoptr(VigieSnapshot) snapshot = parse ("siri-lite", VIGIE_ROLE_MAIN, siri);

      g_assert_cmpuint (vigie_test_count_entities (snapshot, VIGIE_ENTITY_VEHICLE), ==, n_trams);
    }
  if (vigie_format_lookup ("gtfs") != NULL)
    {
      g_autoptr(VigieSnapshot) snapshot = parse ("gtfs", VIGIE_ROLE_MAIN, zip);

      g_assert_cmpuint (vigie_test_count_entities (snapshot, VIGIE_ENTITY_STOP), >=, 36);
    }
}

static void
test_parking (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  Response response;
  JsonArray *page;

  fetch (fixture, "/ngsi-ld/v1/entities?type=OnStreetParking,OffStreetParking&options=keyValues"
                  "&count=true&limit=10&offset=5", &response);
  g_assert_no_error (response.error);
  g_assert_cmpuint (response.status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (response.headers, "NGSILD-Results-Count"), ==, "15");
  json_parser_load_from_data (parser, g_bytes_get_data (response.body, NULL), -1, &error);
  g_assert_no_error (error);
  page = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (page), ==, 10);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (page, 9), "type"),
                   ==, "OffStreetParking");
  response_clear (&response);

  /* Meter zones along streets, as lines or kerb polygons. */
  fetch (fixture, "/ngsi-ld/v1/entities?type=OnStreetParking&options=keyValues", &response);
  g_assert_cmpuint (response.status, ==, 200);
  g_assert_null (soup_message_headers_get_one (response.headers, "NGSILD-Results-Count"));
  json_parser_load_from_data (parser, g_bytes_get_data (response.body, NULL), -1, &error);
  g_assert_no_error (error);
  page = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (page), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_array_get_object_element (page, 0), "location"),
                     "type"), ==, "LineString");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_array_get_object_element (page, 2), "location"),
                     "type"), ==, "Polygon");
  response_clear (&response);

  fetch (fixture, "/ngsi-ld/v1/entities?type=OnStreetParking&limit=5000", &response);
  g_assert_cmpuint (response.status, ==, 400);
  response_clear (&response);
}

static void
test_same_seed_same_bytes (Fixture       *fixture,
                           gconstpointer  data)
{
  const char * const *paths = vigie_simulator_list_paths ();
  g_autoptr(VigieSimulator) twin = vigie_simulator_new (SEED);
  g_autoptr(VigieSimulator) other = vigie_simulator_new (SEED + 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *twin_base = NULL;

  /* The twin is not listening: it renders the same documents directly.
   * GBFS discovery files carry the server's address and are left out. */
  vigie_simulator_set_time (twin, MORNING);
  vigie_simulator_set_time (other, MORNING);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GBytes) served = NULL;
      g_autoptr(GBytes) again = NULL;
      g_autoptr(GBytes) rendered = NULL;
      g_autoptr(GUri) uri = NULL;
      g_autoptr(GHashTable) query = NULL;

      if (strstr (paths[i], "gbfs.json") != NULL)
        continue;

      served = fetch_ok (fixture, paths[i]);
      again = fetch_ok (fixture, paths[i]);
      g_assert_true (g_bytes_equal (served, again));

      {
        g_autofree char *full = g_strconcat ("http://127.0.0.1", paths[i], NULL);

        uri = g_uri_parse (full, G_URI_FLAGS_NONE, &error);
        g_assert_no_error (error);
      }
      if (g_uri_get_query (uri) != NULL)
        query = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
      rendered = vigie_simulator_render (twin, g_uri_get_path (uri), query, NULL, NULL);
      g_assert_true (g_bytes_equal (served, rendered));
    }

  /* Another seed, another city: the fill of the bike stations differs. */
  {
    g_autoptr(GBytes) a = vigie_simulator_render (twin, "/gbfs/velocite/fr/station_status.json", NULL, NULL, NULL);
    g_autoptr(GBytes) b = vigie_simulator_render (other, "/gbfs/velocite/fr/station_status.json", NULL, NULL, NULL);

    g_assert_false (g_bytes_equal (a, b));
  }

  twin_base = vigie_simulator_dup_base_url (twin);
  g_assert_cmpstr (twin_base, ==, "http://127.0.0.1:0");
}

static gint64
total_bikes (GBytes *station_status)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *stations;
  gint64 total = 0;

  json_parser_load_from_data (parser, g_bytes_get_data (station_status, NULL),
                              g_bytes_get_size (station_status), &error);
  g_assert_no_error (error);
  stations = json_object_get_array_member (
    json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "data"),
    "stations");
  g_assert_cmpuint (json_array_get_length (stations), >, 0);

  /* Weighted by position so that bikes moving between stations count. */
  for (guint i = 0; i < json_array_get_length (stations); i++)
    total += (i + 1) * json_object_get_int_member (json_array_get_object_element (stations, i),
                                                   "num_bikes_available");

  return total;
}

static void
test_time_moves_fill (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GBytes) morning = fetch_ok (fixture, "/gbfs/velocite/fr/station_status.json");
  g_autoptr(GBytes) evening = NULL;
  g_autoptr(GBytes) wifi_morning = fetch_ok (fixture, "/wifi/hotspots.geojson");
  g_autoptr(GBytes) wifi_evening = NULL;

  vigie_simulator_set_time (fixture->simulator, EVENING);
  evening = fetch_ok (fixture, "/gbfs/velocite/fr/station_status.json");
  wifi_evening = fetch_ok (fixture, "/wifi/hotspots.geojson");

  g_assert_cmpint (total_bikes (morning), !=, total_bikes (evening));
  g_assert_false (g_bytes_equal (wifi_morning, wifi_evening));
  g_assert_cmpint (vigie_simulator_get_time (fixture->simulator), ==, EVENING);

  /* Running again, at speed: time moves on from where it is set. */
  vigie_simulator_set_speed (fixture->simulator, 3600.0);
  vigie_simulator_set_start_time (fixture->simulator, MORNING);
  g_usleep (G_USEC_PER_SEC / 10);
  g_assert_cmpint (vigie_simulator_get_time (fixture->simulator), >=, MORNING + 300);
}

static gint64
read_last_updated (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  return json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), "last_updated");
}

static void
test_faults (Fixture       *fixture,
             gconstpointer  data)
{
  const char *path = "/gbfs/velocite/fr/station_status.json";
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) good = fetch_ok (fixture, path);
  Response response;
  gint64 start;

  /* HTTP status, for this feed only. */
  g_assert_true (vigie_simulator_add_fault (fixture->simulator, "bikes:status:503", &error));
  g_assert_no_error (error);
  fetch (fixture, path, &response);
  g_assert_cmpuint (response.status, ==, 503);
  response_clear (&response);
  g_bytes_unref (fetch_ok (fixture, "/wifi/hotspots.geojson"));
  vigie_simulator_clear_faults (fixture->simulator);

  /* Malformed: a full answer that no parser takes. */
  g_assert_true (vigie_simulator_add_fault (fixture->simulator, "bikes:malformed", &error));
  {
    g_autoptr(GBytes) bad = fetch_ok (fixture, path);
    VigieParseContext context = { MORNING, "fr", NULL, NULL };
    g_autoptr(GError) parse_error = NULL;
    VigieSnapshot *snapshot;

    g_assert_cmpuint (g_bytes_get_size (bad), ==, g_bytes_get_size (good));
    snapshot = vigie_format_lookup ("gbfs")->parse ("station_status", bad, &context, &parse_error);
    g_assert_null (snapshot);
    g_assert_nonnull (parse_error);
  }
  vigie_simulator_clear_faults (fixture->simulator);

  /* Truncated: the connection drops halfway through the promised body. */
  g_assert_true (vigie_simulator_add_fault (fixture->simulator, "wifi:truncated", &error));
  fetch (fixture, "/wifi/hotspots.geojson", &response);
  /* libsoup 3.2 reads the early end as the end of the body, without an
   * error (VigieHttpClient checks the length itself): either will do. */
  if (response.error == NULL)
    {
      g_assert_cmpuint (response.status, ==, 200);
      g_assert_cmpint (g_bytes_get_size (response.body), <,
                       soup_message_headers_get_content_length (response.headers));
      g_assert_cmpint (g_bytes_get_size (response.body), >, 0);
    }
  response_clear (&response);
  vigie_simulator_clear_faults (fixture->simulator);

  /* Latency. */
  g_assert_true (vigie_simulator_add_fault (fixture->simulator, "parking:latency:300", &error));
  start = g_get_monotonic_time ();
  g_bytes_unref (fetch_ok (fixture, "/ngsi-ld/v1/entities?type=OffStreetParking"));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  vigie_simulator_clear_faults (fixture->simulator);

  /* Stale: the whole document is ten minutes old. */
  g_assert_true (vigie_simulator_add_fault (fixture->simulator, "bikes:stale:600", &error));
  {
    g_autoptr(GBytes) stale = fetch_ok (fixture, path);

    g_assert_cmpint (read_last_updated (stale), ==, MORNING - 600);
  }
  vigie_simulator_clear_faults (fixture->simulator);

  /* Frozen: the clock and timestamps move on, the values do not. */
  g_assert_true (vigie_simulator_add_fault (fixture->simulator, "bikes:frozen", &error));
  vigie_simulator_set_time (fixture->simulator, EVENING);
  {
    g_autoptr(GBytes) frozen = fetch_ok (fixture, path);
    g_autoptr(GBytes) moving = NULL;

    g_assert_cmpint (read_last_updated (frozen), ==, EVENING);
    g_assert_cmpint (total_bikes (frozen), ==, total_bikes (good));
    vigie_simulator_clear_faults (fixture->simulator);
    moving = fetch_ok (fixture, path);
    g_assert_cmpint (total_bikes (moving), !=, total_bikes (good));
  }

  /* Bad descriptions are refused with a reason. */
  g_assert_false (vigie_simulator_add_fault (fixture->simulator, "bikes", &error));
  g_assert_error (error, VIGIE_SIMULATOR_ERROR, VIGIE_SIMULATOR_ERROR_BAD_FAULT);
  g_clear_error (&error);
  g_assert_false (vigie_simulator_add_fault (fixture->simulator, "boats:status:500", &error));
  g_assert_error (error, VIGIE_SIMULATOR_ERROR, VIGIE_SIMULATOR_ERROR_BAD_FAULT);
  /* The message lists every feed a fault can name, the trains too. */
  g_assert_nonnull (strstr (error->message, "wifi, ter, trams, all"));
  g_clear_error (&error);
  g_assert_true (vigie_simulator_add_fault (fixture->simulator, "ter:status:503", &error));
  g_assert_no_error (error);
  g_assert_false (vigie_simulator_add_fault (fixture->simulator, "wifi:melted", &error));
  g_assert_error (error, VIGIE_SIMULATOR_ERROR, VIGIE_SIMULATOR_ERROR_BAD_FAULT);
}

static guint
count_json_records (GBytes     *bytes,
                    const char *member)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  return json_array_get_length (json_object_get_array_member (
    json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "data"), member));
}

static void
test_scale (Fixture       *fixture,
            gconstpointer  data)
{
  guint trams = vigie_simulator_count_entities (fixture->simulator, "gtfs-rt");
  guint zones = vigie_simulator_count_entities (fixture->simulator, "parking");
  gint64 start;

  vigie_simulator_set_scale (fixture->simulator, 10);
  {
    g_autoptr(GBytes) bytes = fetch_ok (fixture, "/gbfs/velocite/fr/station_information.json");
    g_autoptr(VigieSnapshot) snapshot = fetch_gbfs (fixture, "/gbfs/velocite/", bike_documents);

    g_assert_cmpuint (count_json_records (bytes, "stations"), ==, 400);
    g_assert_cmpuint (vigie_test_count_entities (snapshot, VIGIE_ENTITY_STATION), ==, 400);
  }
  g_assert_cmpuint (vigie_simulator_count_entities (fixture->simulator, "gtfs-rt"), >=, trams * 9);
  g_assert_cmpuint (vigie_simulator_count_entities (fixture->simulator, "parking"), ==, zones * 10);

  /* The benchmark size: 50,000 stations, and no more. */
  vigie_simulator_set_scale (fixture->simulator, VIGIE_SIMULATOR_MAX_SCALE);
  start = g_get_monotonic_time ();
  {
    g_autoptr(GBytes) bytes = fetch_ok (fixture, "/gbfs/velocite/fr/station_status.json");

    g_test_message ("50,000 bike stations: %" G_GSIZE_FORMAT " bytes in %.0f ms",
                    g_bytes_get_size (bytes), (g_get_monotonic_time () - start) / 1000.0);
    g_assert_cmpuint (count_json_records (bytes, "stations"), ==, 50000);
  }
}

static void
test_profile (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *text = vigie_simulator_dup_profile (fixture->simulator);
  g_autoptr(VigieProfile) profile = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;
  double lat, lon, zoom;

  profile = vigie_profile_new_from_data ("demo", text, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Name[fr]=Mulhouse — démo (simulé)"));
  g_assert_true (vigie_profile_get_view (profile, &lat, &lon, &zoom));
  g_assert_cmpfloat_with_epsilon (lat, 47.7489, 1e-4);

  /* Every feed at the simulator; no unusable section skipped. */
  feeds = vigie_profile_create_feeds (profile);
  g_assert_cmpuint (feeds->len, ==, 7);
  g_assert_null (vigie_profile_get_warnings (profile) != NULL ? vigie_profile_get_warnings (profile)[0] : NULL);
  g_assert_nonnull (strstr (text, fixture->base));
  g_assert_null (strstr (text, "https://"));
}

/* The feed of @profile_text whose id is @id, started on @client. */
static VigieFeed *
start_profile_feed (const char      *profile_text,
                    const char      *id,
                    VigieHttpClient *client)
{
  g_autoptr(VigieProfile) profile = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  g_autoptr(GError) error = NULL;

  profile = vigie_profile_new_from_data ("demo", profile_text, -1, &error);
  g_assert_no_error (error);
  feeds = vigie_profile_create_feeds (profile);
  for (guint i = 0; i < feeds->len; i++)
    if (g_strcmp0 (vigie_feed_get_id (feeds->pdata[i]), id) == 0)
      {
        VigieFeed *feed = g_object_ref (feeds->pdata[i]);

        vigie_feed_start (feed, client);
        return feed;
      }

  g_assert_not_reached ();
  return NULL;
}

/* Spins until @feed has applied a success and holds at least @n
 * entities of @kind (of any kind when @kind is -1); fails after 20 s. */
static void
wait_for_kind (VigieFeed *feed,
               int        kind,
               guint      n)
{
  GListModel *store = G_LIST_MODEL (vigie_feed_get_store (feed));
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (20, vigie_test_timeout_cb, &timed_out);
  guint found = 0;

  while (!timed_out)
    {
      found = 0;
      for (guint i = 0; i < g_list_model_get_n_items (store); i++)
        {
          g_autoptr(VigieEntity) entity = g_list_model_get_item (store, i);

          if (kind < 0 || (int) vigie_entity_get_kind (entity) == kind)
            found++;
        }
      if (found >= n && vigie_feed_is_settled (feed))
        break;
      g_main_context_iteration (NULL, TRUE);
    }

  if (!timed_out)
    g_source_remove (timeout_id);
  g_test_message ("%u entities of the kind, %u wanted", found, n);
  g_assert_false (timed_out);
}

/* The printed profile asks the broker for its count, so that every page
 * of parking loads, not only the first 1,000 entities. */
static void
test_profile_parking_pages (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = NULL;
  g_autofree char *text = NULL;
  guint n;

  vigie_simulator_set_scale (fixture->simulator, 100);
  n = vigie_simulator_count_entities (fixture->simulator, "parking");
  g_assert_cmpuint (n, >, 1000);

  text = vigie_simulator_dup_profile (fixture->simulator);
  feed = start_profile_feed (text, "parking", client);
  wait_for_kind (feed, -1, n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (vigie_feed_get_store (feed))), ==, n);
  vigie_feed_stop (feed);
}

/* A weekday at 08:30 in Mulhouse, two days or more after @now. */
static gint64
next_weekday_morning (gint64 now)
{
  g_autoptr(GTimeZone) mulhouse = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) day = NULL;

  g_assert_nonnull (mulhouse);
  later = g_date_time_new_from_unix_utc (now + 2 * 86400);
  day = g_date_time_new (mulhouse, g_date_time_get_year (later), g_date_time_get_month (later),
                         g_date_time_get_day_of_month (later), 8, 30, 0);
  while (g_date_time_get_day_of_week (day) > 5)
    {
      GDateTime *next = g_date_time_add_days (day, 1);

      g_date_time_unref (day);
      day = next;
    }

  return g_date_time_to_unix (day);
}

/* vigie --demo-time: the simulator runs from a chosen time, in the
 * app's future, and the app's clock agrees with it, so that its trams
 * reach the store rather than being dropped as data from the future. */
static void
test_demo_time (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = NULL;
  g_autofree char *text = NULL;
  gint64 morning = next_weekday_morning (g_get_real_time () / G_USEC_PER_SEC);
  guint n_trams;

  vigie_simulator_set_start_time (fixture->simulator, morning);
  vigie_clock_set_time (morning);
  g_assert_cmpint (ABS (vigie_clock_now () - morning), <=, 2);
  n_trams = vigie_simulator_count_entities (fixture->simulator, "gtfs-rt");
  g_assert_cmpuint (n_trams, >=, 10);

  text = vigie_simulator_dup_profile (fixture->simulator);
  feed = start_profile_feed (text, "trams", client);
  wait_for_kind (feed, VIGIE_ENTITY_VEHICLE, n_trams);
  vigie_feed_stop (feed);

  vigie_clock_set_time (0);
  g_assert_cmpint (ABS (vigie_clock_now () - g_get_real_time () / G_USEC_PER_SEC), <=, 1);
}

/* A fault with "@SECONDS" starts that long into the simulation: the
 * feed works, then fails, as a real one does. */
static void
test_fault_later (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Response response;

  vigie_simulator_set_start_time (fixture->simulator, MORNING);
  g_assert_true (vigie_simulator_add_fault (fixture->simulator, "bikes:status:503@1", &error));
  g_assert_no_error (error);

  fetch (fixture, "/gbfs/velocite/fr/station_status.json", &response);
  g_assert_cmpuint (response.status, ==, 200);
  response_clear (&response);

  g_usleep (1200 * 1000);
  fetch (fixture, "/gbfs/velocite/fr/station_status.json", &response);
  g_assert_cmpuint (response.status, ==, 503);
  response_clear (&response);

  g_assert_false (vigie_simulator_add_fault (fixture->simulator, "bikes:status:503@soon", &error));
  g_clear_error (&error);
}

static void
test_clock_parse (void)
{
  g_autoptr(GTimeZone) mulhouse = g_time_zone_new_identifier ("Europe/Paris");
  gint64 t = 0;

  g_assert_true (vigie_clock_parse_time ("2026-12-07T08:30:00+01:00", NULL, &t));
  g_assert_cmpint (t, ==, G_GINT64_CONSTANT (1796628600));
  g_assert_true (vigie_clock_parse_time ("2026-12-07 08:30", mulhouse, &t));
  g_assert_cmpint (t, ==, G_GINT64_CONSTANT (1796628600));
  g_assert_true (vigie_clock_parse_time ("2026-12-07T07:30Z", mulhouse, &t));
  g_assert_cmpint (t, ==, G_GINT64_CONSTANT (1796628600));
  g_assert_false (vigie_clock_parse_time ("tomorrow", mulhouse, &t));
  g_assert_false (vigie_clock_parse_time ("", mulhouse, &t));
  g_assert_false (vigie_clock_parse_time ("2026-12-07\xff", mulhouse, &t));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/simulator/bikes", test_bikes);
  ADD ("/simulator/car-share", test_car_share);
  ADD ("/simulator/wifi", test_wifi);
  ADD ("/simulator/trams", test_trams);
  ADD ("/simulator/names-unmarked", test_names_unmarked);
  ADD ("/simulator/parking", test_parking);
  ADD ("/simulator/same-seed-same-bytes", test_same_seed_same_bytes);
  ADD ("/simulator/time-moves-fill", test_time_moves_fill);
  ADD ("/simulator/faults", test_faults);
  ADD ("/simulator/scale", test_scale);
  ADD ("/simulator/profile", test_profile);
  ADD ("/simulator/profile-parking-pages", test_profile_parking_pages);
  ADD ("/simulator/demo-time", test_demo_time);
  ADD ("/simulator/fault-later", test_fault_later);
  g_test_add_func ("/clock/parse", test_clock_parse);

#undef ADD

  return g_test_run ();
}
