/* test-inspect.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

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

  run_inspect (&run, "--format=teletext", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
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
  g_test_add_func ("/inspect/gbfs-optional", test_inspect_gbfs_optional);

  return g_test_run ();
}
