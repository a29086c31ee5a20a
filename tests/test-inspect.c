/* test-inspect.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "vigie-test-parking.h"
#include "vigie-test-gtfs-rt.h"
#include "vigie-test-gtfs.h"
#include "vigie-test-support.h"

/* vigie-inspect as an operator runs it: on files, and on addresses served
 * by a SoupServer on 127.0.0.1 inside this test. */

static SoupServer *server;
static char *base_url;
static GBytes *fixture;

static void
handler (SoupServer        *soup_server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  if (g_str_equal (path, "/wifi.json"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (fixture, NULL), g_bytes_get_size (fixture));
    }
  else if (g_str_has_prefix (path, "/fixtures/") && strstr (path, "..") == NULL)
    {
      /* Any test fixture, as a feed's server would send it. */
      g_autofree char *file = g_test_build_filename (G_TEST_DIST, path + 1, NULL);
      char *contents;
      gsize length;

      if (g_file_get_contents (file, &contents, &length, NULL))
        {
          soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
          soup_server_message_set_response (msg, g_str_has_suffix (path, ".xml") ? "application/xml" : "application/json",
                                            SOUP_MEMORY_TAKE, contents, length);
        }
      else
        soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

typedef struct
{
  gboolean done;
  char    *out;
  char    *err;
  int      status;
} Run;

static void
on_communicated_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  /* A crash is a failure of its own, not an exit status. */
  if (!g_subprocess_get_if_exited (G_SUBPROCESS (object)))
    g_error ("vigie-inspect did not exit: signal %d; stderr: %s",
             g_subprocess_get_term_sig (G_SUBPROCESS (object)), run->err);
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  run->done = TRUE;
}

/* Runs vigie-inspect while this process keeps serving. */
static void
run_inspect (Run        *run,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "src", "tools", "vigie-inspect", NULL));
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  memset (run, 0, sizeof *run);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicated_cb, run);
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static void
test_inspect_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "wifi", "hotspots.geojson", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  Run run;

  /* Format guessed from the content. */
  run_inspect (&run, path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "wifi-geojson");
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "entities")), ==, 3);
  g_assert_cmpint (json_object_get_int_member (root, "n_warnings"), ==, 4);
  g_assert_nonnull (strstr (run.err, "null-island"));
  run_clear (&run);

  run_inspect (&run, "--output=tsv", "--format=wifi-geojson", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "id\tkind\tname\tlatitude\tlongitude\tobserved_at\tvalues\n"));
  g_assert_nonnull (strstr (run.out, "place-reunion\thotspot\tPlace de la Réunion (simulé)\t47.7467000\t7.3386000\t"));
  run_clear (&run);
}

static void
test_inspect_bad_input (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vigie-inspect-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);
  Run run;

  g_assert_true (g_file_set_contents (path, "{\"type\": \"FeatureCollection\"", -1, NULL));

  run_inspect (&run, "--format=wifi-geojson", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "not valid JSON"));
  run_clear (&run);

  /* Nothing recognisable and no format given. */
  run_inspect (&run, path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "--format"));
  run_clear (&run);

  /* A wrong command line is an error too: 0 or 1, nothing else. */
  run_inspect (&run, "--format=teletext", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "teletext"));
  run_clear (&run);

  run_inspect (&run, "--output=xml", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);

  run_inspect (&run, "--no-such-option", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);

  run_inspect (&run, "/no/such/file.json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_inspect_url (void)
{
  g_autofree char *ok_url = g_strconcat (base_url, "/wifi.json", NULL);
  g_autofree char *missing_url = g_strconcat (base_url, "/gone.json", NULL);
  Run run;

  run_inspect (&run, "--format=wifi-geojson", "--output=tsv", ok_url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "place-reunion\thotspot"));
  g_assert_nonnull (strstr (run.err, "warning:"));
  run_clear (&run);

  run_inspect (&run, "--format=wifi-geojson", missing_url, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "HTTP 404"));
  run_clear (&run);
}

static JsonObject *
parse_output (JsonParser *parser,
              const char *out)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);

  return json_node_get_object (json_parser_get_root (parser));
}

/* The entity of @id in vigie-inspect's JSON, or a failure. */
static JsonObject *
find_entity (JsonObject *root,
             const char *id)
{
  JsonArray *entities = json_object_get_array_member (root, "entities");

  for (guint i = 0; i < json_array_get_length (entities); i++)
    {
      JsonObject *entity = json_array_get_object_element (entities, i);

      if (g_strcmp0 (json_object_get_string_member (entity, "id"), id) == 0)
        return entity;
    }

  g_error ("no entity %s in the output", id);
}

static gint64
entity_value (JsonObject *entity,
              const char *key)
{
  return json_object_get_int_member (json_object_get_object_member (entity, "values"), key);
}

/* A status publication alone combines into nothing: a sentence and
 * exit 1, where a NULL snapshot used to crash the tool. */
static void
test_inspect_half_a_pair (void)
{
  g_autofree char *status = g_test_build_filename (G_TEST_DIST, "fixtures", "parking", "datex2-v2-status.xml", NULL);
  g_autofree char *station_status = g_test_build_filename (G_TEST_DIST, "fixtures", "gbfs", "v23-station_status.json", NULL);
  g_autofree char *status_url = g_strconcat (base_url, "/fixtures/parking/datex2-v2-status.xml", NULL);
  Run run;

  run_inspect (&run, status, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "status publication"));
  g_assert_nonnull (strstr (run.err, "table"));
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);

  run_inspect (&run, "--format=datex2", status, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "table"));
  run_clear (&run);

  /* The same through the feed engine, from an address. */
  run_inspect (&run, status_url, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "table"));
  run_clear (&run);

  run_inspect (&run, station_status, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "station_information"));
  run_clear (&run);
}

static void
test_inspect_several_files (void)
{
  g_autofree char *table = g_test_build_filename (G_TEST_DIST, "fixtures", "parking", "datex2-v2-table.xml", NULL);
  g_autofree char *status = g_test_build_filename (G_TEST_DIST, "fixtures", "parking", "datex2-v2-status.xml", NULL);
  g_autofree char *information = g_test_build_filename (G_TEST_DIST, "fixtures", "gbfs", "v23-station_information.json", NULL);
  g_autofree char *station_status = g_test_build_filename (G_TEST_DIST, "fixtures", "gbfs", "v23-station_status.json", NULL);
  g_autofree char *wifi = g_test_build_filename (G_TEST_DIST, "fixtures", "wifi", "hotspots.geojson", NULL);
  Run run;

  /* Status first: which is which is read from the documents. */
  run_inspect (&run, status, table, NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root = parse_output (parser, run.out);
    JsonObject *porte_haute = find_entity (root, "MUL-P-PORTE-HAUTE");

    g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "datex2");
    g_assert_cmpint (entity_value (porte_haute, "total_spots"), ==, 500);
    g_assert_cmpint (entity_value (porte_haute, "available_spots"), ==, 112);
  }
  run_clear (&run);

  run_inspect (&run, information, station_status, NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root = parse_output (parser, run.out);
    JsonObject *gare = find_entity (root, "37105788");

    g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "gbfs");
    g_assert_cmpstr (json_object_get_string_member (gare, "name"), ==, "Gare Centrale");
    g_assert_cmpint (entity_value (gare, "vehicles_available"), ==, 12);
    g_assert_cmpint (entity_value (gare, "capacity"), ==, 15);
  }
  run_clear (&run);

  /* Documents of two feeds do not make one. */
  run_inspect (&run, table, wifi, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "one feed"));
  run_clear (&run);

  /* A format of one document takes one. */
  run_inspect (&run, wifi, wifi, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "one document"));
  run_clear (&run);
}

static JsonObject *
inspect_json (JsonParser *parser,
              Run        *run,
              ...)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  va_list args;

  va_start (args, run);
  for (name = va_arg (args, const char *); name != NULL; name = va_arg (args, const char *))
    g_ptr_array_add (paths, g_str_has_prefix (name, "http") || g_path_is_absolute (name) ?
                            g_strdup (name) : g_test_build_filename (G_TEST_DIST, "fixtures", "parking", name, NULL));
  va_end (args);

  switch (paths->len)
    {
    case 1:
      run_inspect (run, g_ptr_array_index (paths, 0), NULL);
      break;
    case 2:
      run_inspect (run, g_ptr_array_index (paths, 0), g_ptr_array_index (paths, 1), NULL);
      break;
    default:
      g_assert_not_reached ();
    }

  if (run->status != 0)
    g_error ("vigie-inspect exited %d: %s", run->status, run->err);

  return parse_output (parser, run->out);
}

/* Every parking variant real cities publish, read by the tool from the
 * fixtures, with the format guessed. */
static void
test_inspect_parking_variants (void)
{
  struct { const char *first, *second, *format, *id, *kind; guint n_entities; } cases[] = {
    { "datex2-v2-facility-table.xml", "datex2-v2-facility-status.xml", "datex2", "PF-MARCHE", "car-park", 2 },
    { "datex2-v3-site-status.xml", "datex2-v3-site-table.xml", "datex2", "MUL-S-FILATURE", "car-park", 2 },
    { "datex2-v2-onstreet-table.xml", "datex2-v2-onstreet-status.xml", "datex2", "RUE-SAUVAGE/2", "zone", 6 },
    { "datex2-v3-status-alone.xml", NULL, "datex2", "MUL-A-BUFFET", "car-park", 2 },
    { "datex2-v3-onstreet-table.xml", NULL, "datex2", "MUL-V-RUE-DU-SAUVAGE", "zone", 1 },
    { "ngsi-ld-parking-group-normalized.json", NULL, "ngsi-ld", "urn:ngsi-ld:ParkingGroup:mulhouse:gare-pmr", "zone", 3 },
    { "ngsi-ld-parking-group-keyvalues.json", NULL, "ngsi-ld", "urn:ngsi-ld:ParkingGroup:mulhouse:sauvage-livraisons", "zone", 3 },
    { "ngsi-v2-normalized.json", NULL, "ngsi-ld", "mulhouse-sauvage-pmr", "zone", 4 },
    { "ngsi-ld-normalized-1.8.json", NULL, "ngsi-ld", "urn:ngsi-ld:ParkingGroup:mulhouse:europe-recharge", "zone", 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *root;
      Run run;

      root = inspect_json (parser, &run, cases[i].first, cases[i].second, NULL);
      g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, cases[i].format);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "entities")), ==, cases[i].n_entities);
      g_assert_cmpstr (json_object_get_string_member (find_entity (root, cases[i].id), "kind"), ==, cases[i].kind);
      run_clear (&run);

      /* TSV too, positions missing or not. */
      {
        g_autofree char *first = g_test_build_filename (G_TEST_DIST, "fixtures", "parking", cases[i].first, NULL);
        g_autofree char *second = cases[i].second != NULL ?
                                  g_test_build_filename (G_TEST_DIST, "fixtures", "parking", cases[i].second, NULL) : NULL;

        run_inspect (&run, "--output=tsv", first, second, NULL);
        g_assert_cmpint (run.status, ==, 0);
        g_assert_nonnull (strstr (run.out, cases[i].id));
        run_clear (&run);
      }
    }

  /* A status publication alone: the place without a position is listed
   * without one, and said so. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autofree char *url = g_strconcat (base_url, "/fixtures/parking/datex2-v3-status-alone.xml", NULL);
    JsonObject *steinbach;
    JsonObject *root;
    Run run;

    root = inspect_json (parser, &run, "datex2-v3-status-alone.xml", NULL);
    steinbach = find_entity (root, "MUL-A-STEINBACH");
    g_assert_false (json_object_has_member (steinbach, "latitude"));
    g_assert_nonnull (strstr (run.err, "has a name but no position"));
    run_clear (&run);

    /* The same from an address, through the feed engine. */
    root = inspect_json (parser, &run, url, NULL);
    find_entity (root, "MUL-A-BUFFET");
    run_clear (&run);
  }
}

/* A megabyte of truck parking, made here, read by the tool. */
static void
test_inspect_truck_parking (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vigie-inspect-XXXXXX", NULL);
  g_autofree char *table = g_build_filename (dir, "truck-table.xml", NULL);
  g_autofree char *status = g_build_filename (dir, "truck-status.xml", NULL);
  g_autoptr(GBytes) table_bytes = vigie_test_make_truck_parking (300, FALSE);
  g_autoptr(GBytes) status_bytes = vigie_test_make_truck_parking (300, TRUE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *id = vigie_test_truck_parking_id (42);
  JsonObject *root;
  Run run;

  g_assert_true (g_file_set_contents (table, g_bytes_get_data (table_bytes, NULL), g_bytes_get_size (table_bytes), NULL));
  g_assert_true (g_file_set_contents (status, g_bytes_get_data (status_bytes, NULL), g_bytes_get_size (status_bytes), NULL));

  root = inspect_json (parser, &run, table, status, NULL);
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "datex2");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "entities")), ==, 300);
  g_assert_cmpint (entity_value (find_entity (root, id), "available_spots"), ==, vigie_test_truck_parking_vacant (42));
  run_clear (&run);

  g_unlink (table);
  g_unlink (status);
  g_rmdir (dir);
}

/* The optional GBFS documents: alone, those that place nothing say what
 * they hold and exit 1; geofencing zones are areas; with their system,
 * alerts and bookings join its stations and cars. Never a crash. */
static void
test_inspect_gbfs_optional (void)
{
  static const struct
  {
    const char *fixture;
    const char *said;
  } alone[] = {
    { "v23-system_alerts.json", "system_alerts document: 4 alerts" },
    { "v30-system_alerts.json", "\n  21: Station perturbée [station_closure]; stations 548" },
    { "v23-system_regions.json", "\n  nord: Mulhouse Nord" },
    { "v30-system_regions.json", "system_regions document: 2 regions" },
    { "v23-system_pricing_plans.json", "\n  plan3: Abonnement annuel, 35.00 EUR" },
    { "v30-system_pricing_plans.json", "system_pricing_plans document: 2 pricing plans" },
    { "v31-vehicle_availability.json", "\n  1600 at station 548; from 2026-08-12 16:00 to 2026-08-13 07:15" },
  };
  g_autofree char *information = g_test_build_filename (G_TEST_DIST, "fixtures", "gbfs", "v23-station_information.json", NULL);
  g_autofree char *station_status = g_test_build_filename (G_TEST_DIST, "fixtures", "gbfs", "v23-station_status.json", NULL);
  g_autofree char *alerts = g_test_build_filename (G_TEST_DIST, "fixtures", "gbfs", "v23-system_alerts.json", NULL);
  g_autofree char *zones = g_test_build_filename (G_TEST_DIST, "fixtures", "gbfs", "v23-geofencing_zones.json", NULL);
  g_autofree char *zones_v30 = g_test_build_filename (G_TEST_DIST, "fixtures", "gbfs", "v30-geofencing_zones.json", NULL);
  g_autofree char *information_v30 = g_test_build_filename (G_TEST_DIST, "fixtures", "gbfs", "v30-station_information.json", NULL);
  g_autofree char *vehicles_v30 = g_test_build_filename (G_TEST_DIST, "fixtures", "gbfs", "v30-vehicle_status.json", NULL);
  g_autofree char *availability = g_test_build_filename (G_TEST_DIST, "fixtures", "gbfs", "v31-vehicle_availability.json", NULL);
  g_autofree char *discovery_url = g_strconcat (base_url, "/fixtures/gbfs/v23-gbfs-optional.json", NULL);
  Run run;

  for (guint i = 0; i < G_N_ELEMENTS (alone); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "gbfs", alone[i].fixture, NULL);

      run_inspect (&run, path, NULL);
      g_test_message ("%s: %s", alone[i].fixture, run.err);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, alone[i].said));
      g_assert_nonnull (strstr (run.err, "gbfs.json"));
      g_assert_cmpstr (run.out, ==, "");
      run_clear (&run);
    }

  /* Geofencing zones alone are what the map draws. */
  run_inspect (&run, zones, NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root = parse_output (parser, run.out);
    JsonObject *zone = find_entity (root, "zone-1");
    JsonObject *values = json_object_get_object_member (zone, "values");

    g_assert_cmpstr (json_object_get_string_member (zone, "kind"), ==, "zone");
    g_assert_cmpstr (json_object_get_string_member (zone, "name"), ==, "Centre piéton");
    g_assert_true (json_object_get_boolean_member (values, "geofencing"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (values, "geometry")), ==, 3);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (values, "rules")), ==, 2);
  }
  g_assert_nonnull (strstr (run.err, "Geofencing zone 4 has a point at (0, 0), skipped"));
  run_clear (&run);

  run_inspect (&run, "--output=tsv", zones, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "zone-1\tzone\tCentre piéton\t"));
  run_clear (&run);

  /* A zone whose time is over is said, not drawn. */
  run_inspect (&run, zones_v30, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "warning: Geofencing zone Plateau piéton ended on 2026-08-31 22:00, not shown"));
  run_clear (&run);

  /* With its stations, an alert is on the station it names. */
  run_inspect (&run, information, station_status, alerts, NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root = parse_output (parser, run.out);
    JsonObject *musee = find_entity (root, "37105800");
    JsonArray *list = json_object_get_array_member (json_object_get_object_member (musee, "values"), "alerts");

    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "summary"), ==,
                     "Vélos électriques rechargés lentement");
  }
  g_assert_nonnull (strstr (run.err, "warning: Operator’s alert at 2 stations: Vélos électriques rechargés lentement"));
  run_clear (&run);

  run_inspect (&run, "--output=tsv", information_v30, vehicles_v30, availability, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "vehicle_availability"));
  run_clear (&run);

  /* Through the engine from the discovery document: the missing pricing
   * plans and the broken availability fail alone. */
  run_inspect (&run, "--format=gbfs", discovery_url, NULL);
  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"zone-1\""));
  g_assert_nonnull (strstr (run.out, "\"37105800\""));
  g_assert_nonnull (strstr (run.err, "warning: A secondary part of the feed is not updated"));
  run_clear (&run);
}

static void
test_inspect_url_guessed (void)
{
  g_autofree char *ok_url = g_strconcat (base_url, "/wifi.json", NULL);
  g_autofree char *missing_url = g_strconcat (base_url, "/gone.json", NULL);
  g_autofree char *table_url = g_strconcat (base_url, "/fixtures/parking/datex2-v3-table.xml", NULL);
  g_autofree char *status_url = g_strconcat (base_url, "/fixtures/parking/datex2-v3-status.xml", NULL);
  Run run;

  /* No --format: guessed from the answer, as for a file. */
  run_inspect (&run, ok_url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root = parse_output (parser, run.out);

    g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "wifi-geojson");
    g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "entities")), ==, 3);
  }
  run_clear (&run);

  run_inspect (&run, missing_url, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "HTTP 404"));
  run_clear (&run);

  /* Two addresses, combined; one of them a file would do as well. */
  run_inspect (&run, "--output=tsv", table_url, status_url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "id\tkind\tname\t"));
  g_assert_nonnull (strstr (run.out, "\tcar-park\t"));
  g_assert_nonnull (strstr (run.out, "available_spots"));
  run_clear (&run);
}

/* A fixture of issue 13's SIRI variants with its day moved so that its
 * times are within the last day, as inspect checks them against the
 * clock: written to @dir. */
static char *
write_moved_fixture (const char *dir,
                     const char *folder,
                     const char *name)
{
  g_autoptr(GBytes) bytes = vigie_test_load_fixture (folder, name);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) hour_ago = g_date_time_add_hours (now, -1);
  g_autofree char *prefix = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_auto(GStrv) parts = NULL;
  g_autofree char *moved = NULL;

  /* The fixtures' times are between 07:11 and 07:24 UTC of 2026-01-05:
   * moved into the hour before this one, they are 36 to 109 minutes old
   * whatever the time the test runs at (moved by whole days, they were
   * over the readers' 24 hours between 07:11 and 07:30). */
  prefix = g_date_time_format (hour_ago, "%Y-%m-%dT%H:");
  parts = g_strsplit (g_bytes_get_data (bytes, NULL), "2026-01-05T07:", -1);
  moved = g_strjoinv (prefix, parts);
  g_assert_true (g_file_set_contents (path, moved, -1, NULL));

  return g_steal_pointer (&path);
}

/* Issue 13, section 4: every SIRI and UniFi variant read from a file
 * without --format, in JSON and in TSV; an error answer is exit 1 with
 * the server's error in words. */
static void
test_inspect_siri_unifi (void)
{
  static const struct {
    const char *folder;
    const char *name;
    const char *format;    /* NULL: refused, exit 1 */
    const char *id;        /* an entity it shows, or a word of the error */
    guint       n_entities;
  } cases[] = {
    { "siri", "vm-siri.xml", "siri", "SOLEA:Vehicle::2012:", 2 },
    { "siri", "vm-soap.xml", "siri", "SOLEA:Vehicle::2012:", 1 },
    { "siri", "sm-siri.xml", "siri", "SOLEA:StopPoint:Q:REUNION:", 1 },
    { "siri", "sm-order.json", "siri-lite", "SOLEA:StopPoint:Q:GARE:", 2 },
    { "siri", "sm-prim.json", "siri-lite", "STIF:StopPoint:Q:41139:", 1 },
    { "wifi", "unifi-stat-device.json", "unifi", "74:83:c2:aa:bb:01", 6 },
    { "wifi", "unifi-stat-device-data-first.json", "unifi", "74:83:c2:aa:cc:01", 4 },
    { "wifi", "unifi-stat-health.json", "unifi", "wlan", 5 },
    { "siri", "error-service-not-available.json", NULL, "the service is not available (“Service en maintenance”)", 0 },
    { "siri", "error-other.json", NULL, "other error", 0 },
    { "siri", "error-other.xml", NULL, "other error (“Base de données indisponible”", 0 },
    { "siri", "vm-billion-laughs.xml", NULL, "not valid XML", 0 },
  };
  g_autofree char *dir = g_dir_make_tmp ("vigie-inspect-XXXXXX", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_moved_fixture (dir, cases[i].folder, cases[i].name);
      Run run;

      g_test_message ("%s", cases[i].name);
      run_inspect (&run, path, NULL);
      if (cases[i].format == NULL)
        {
          g_assert_cmpint (run.status, ==, 1);
          g_assert_nonnull (strstr (run.err, cases[i].id));
          g_assert_cmpstr (run.out, ==, "");
        }
      else
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonObject *root;

          g_assert_cmpint (run.status, ==, 0);
          root = parse_output (parser, run.out);
          g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, cases[i].format);
          g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "entities")), ==,
                           cases[i].n_entities);
          find_entity (root, cases[i].id);
        }
      run_clear (&run);

      run_inspect (&run, "--output=tsv", path, NULL);
      g_assert_cmpint (run.status, ==, cases[i].format != NULL ? 0 : 1);
      if (cases[i].format != NULL)
        g_assert_nonnull (strstr (run.out, cases[i].id));
      run_clear (&run);

      g_unlink (path);
    }

  g_rmdir (dir);
}

/* Through the feed engine: the error answer is the feed's error. */
static void
test_inspect_siri_error_url (void)
{
  g_autofree char *url = g_strconcat (base_url, "/fixtures/siri/error-other.xml", NULL);
  Run run;

  run_inspect (&run, url, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "other error"));
  run_clear (&run);
}

/* Each GTFS-Realtime variant, recognised without --format: JSON in both
 * spellings, trip updates, alerts, and a protobuf feed written here. */
static void
test_inspect_gtfs_rt (void)
{
  static const struct
  {
    const char *fixture;
    const char *entity;
    guint       n_entities;
  } cases[] = {
    /* The clock is today's: the vehicle with a timestamp of January 2026
     * is too old and skipped with a warning, the other one is kept. */
    { "vehicles-camel.json", "2007", 1 },
    { "vehicles-snake.json", "2007", 1 },
    { "trip-updates.json", "REPUBLIQUE_1", 5 },
    { "alerts.json", "alert:strike-0105", 2 },
  };
  g_autofree char *dir = g_dir_make_tmp ("vigie-inspect-XXXXXX", NULL);
  g_autofree char *pb = g_build_filename (dir, "feed.pb", NULL);
  g_autofree char *deep = g_build_filename (dir, "deep.json", NULL);
  g_autofree char *url = g_strconcat (base_url, "/fixtures/gtfs-rt/trip-updates.json", NULL);
  g_autoptr(VigieTestFeed) feed = vigie_test_feed_new (g_get_real_time () / G_USEC_PER_SEC, FALSE);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) nested = g_string_new ("{\"header\": {\"gtfs_realtime_version\": \"2.0\"}, \"entity\": ");
  TransitRealtime__TripUpdate *update;
  TransitRealtime__Alert *alert;
  Run run;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "gtfs-rt", cases[i].fixture, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *root;

      g_test_message ("%s", cases[i].fixture);
      run_inspect (&run, path, NULL);
      g_assert_cmpint (run.status, ==, 0);
      root = parse_output (parser, run.out);
      g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "gtfs-rt");
      g_assert_cmpint (json_array_get_length (json_object_get_array_member (root, "entities")), ==, cases[i].n_entities);
      find_entity (root, cases[i].entity);
      run_clear (&run);

      run_inspect (&run, "--output=tsv", path, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, cases[i].entity));
      run_clear (&run);
    }

  /* Protobuf: a trip update and an alert. */
  update = vigie_test_feed_add_trip_update (feed, "u1", "T1-S-0712", "T1");
  vigie_test_trip_update_add_stop (feed, update, "REPUBLIQUE_1", 0, TRUE, 90);
  alert = vigie_test_feed_add_alert (feed, "a1");
  alert->header_text = vigie_test_feed_translated (feed, "Grève", "fr", NULL);
  bytes = vigie_test_feed_pack (feed);
  g_assert_true (g_file_set_contents (pb, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  run_inspect (&run, pb, NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root = parse_output (parser, run.out);
    JsonObject *stop = find_entity (root, "REPUBLIQUE_1");
    JsonArray *arrivals = json_object_get_array_member (json_object_get_object_member (stop, "values"), "arrivals");

    g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "gtfs-rt");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (arrivals, 0), "delay_s"), ==, 90);
    g_assert_cmpstr (json_object_get_string_member (find_entity (root, "alert:a1"), "name"), ==, "Grève");
  }
  run_clear (&run);

  /* Through the engine, recognised from the answer. */
  run_inspect (&run, "--output=tsv", url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "GARE_CENTRALE_1\tstop\t"));
  run_clear (&run);

  /* Hostile JSON: refused in words, exit 1. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (nested, '[');
  g_assert_true (g_file_set_contents (deep, nested->str, nested->len, NULL));
  run_inspect (&run, "--format=gtfs-rt", deep, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "levels deep"));
  run_clear (&run);
  run_inspect (&run, deep, NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);

  g_unlink (pb);
  g_unlink (deep);
  g_rmdir (dir);
}

/* --departures: a stop's board from a GTFS timetable and its trip
 * updates (the "basic" fixture, T1-day four minutes late at A), at a
 * moment given with --at; in TSV and JSON; a stop without any fails. */
static void
test_inspect_departures (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vigie-inspect-XXXXXX", NULL);
  g_autofree char *zip_path = g_build_filename (dir, "gtfs.zip", NULL);
  g_autofree char *pb_path = g_build_filename (dir, "trip-updates.pb", NULL);
  g_autoptr(GBytes) zip = vigie_test_gtfs_zip_fixture ("basic");
  g_autoptr(VigieTestFeed) feed = vigie_test_feed_new (vigie_test_paris_time (2026, 3, 9, 7, 59, 0), FALSE);
  g_autoptr(GBytes) bytes = NULL;
  TransitRealtime__TripUpdate *update;
  Run run;

  update = vigie_test_feed_add_trip_update (feed, "u1", "T1-day", "T1");
  vigie_test_trip_update_add_stop (feed, update, "A", 0, TRUE, 240);
  bytes = vigie_test_feed_pack (feed);
  g_assert_true (g_file_set_contents (zip_path, g_bytes_get_data (zip, NULL), g_bytes_get_size (zip), NULL));
  g_assert_true (g_file_set_contents (pb_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));

  run_inspect (&run, "--departures=B", "--at=2026-03-09T07:59:00+01:00", "--output=tsv", zip_path, pb_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "departure\t1\tC terminus\tT1-day\t2026-03-09T07:11:00Z\t2026-03-09T07:15:00Z\t240\truns\trealtime\n"));
  g_assert_nonnull (strstr (run.out, "departure\t2\tC\tT2-a\t2026-03-09T08:10:00Z\t\t\truns\ttimetable\n"));
  run_clear (&run);

  run_inspect (&run, "--departures=A", "--at=2026-03-09T07:59:00+01:00", zip_path, pb_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root = parse_output (parser, run.out);
    JsonArray *departures = json_object_get_array_member (root, "departures");
    JsonObject *first = json_array_get_object_element (departures, 0);

    g_assert_cmpstr (json_object_get_string_member (root, "stop"), ==, "A");
    g_assert_cmpstr (json_object_get_string_member (first, "trip_id"), ==, "T1-day");
    g_assert_cmpint (json_object_get_int_member (first, "delay_s"), ==, 240);
    g_assert_cmpstr (json_object_get_string_member (first, "source"), ==, "realtime");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "arrivals")), ==, 0);
  }
  run_clear (&run);

  run_inspect (&run, "--departures=NOWHERE", "--at=2026-03-09T07:59:00+01:00", zip_path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "NOWHERE: no departure"));
  run_clear (&run);

  run_inspect (&run, "--departures=A", "--at=yesterday", zip_path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "not a date and time"));
  run_clear (&run);

  g_unlink (zip_path);
  g_unlink (pb_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  fixture = vigie_test_load_fixture ("wifi", "hotspots.geojson");
  server = vigie_test_server_new (NULL, handler, NULL);
  base_url = vigie_test_server_get_base_url (server);

  g_test_add_func ("/inspect/file", test_inspect_file);
  g_test_add_func ("/inspect/bad-input", test_inspect_bad_input);
  g_test_add_func ("/inspect/url", test_inspect_url);
  g_test_add_func ("/inspect/half-a-pair", test_inspect_half_a_pair);
  g_test_add_func ("/inspect/several-files", test_inspect_several_files);
  g_test_add_func ("/inspect/url-guessed", test_inspect_url_guessed);
  g_test_add_func ("/inspect/parking-variants", test_inspect_parking_variants);
  g_test_add_func ("/inspect/truck-parking", test_inspect_truck_parking);
  g_test_add_func ("/inspect/siri-unifi", test_inspect_siri_unifi);
  g_test_add_func ("/inspect/siri-error-url", test_inspect_siri_error_url);
  g_test_add_func ("/inspect/gtfs-rt", test_inspect_gtfs_rt);
  g_test_add_func ("/inspect/departures", test_inspect_departures);
  g_test_add_func ("/inspect/gbfs-optional", test_inspect_gbfs_optional);

  return g_test_run ();
}
