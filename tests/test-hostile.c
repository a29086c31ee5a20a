/* test-hostile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vigie-format.h"
#include "vigie-formats.h"
#include "vigie-json.h"

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

/* Sniffers get an empty GBytes whose data pointer is NULL. */
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/deep-json", test_deep_json);
  g_test_add_func ("/hostile/json-depth-limit", test_json_depth_limit);
  g_test_add_func ("/hostile/sniff-empty", test_sniff_empty);
  g_test_add_func ("/hostile/gbfs-manifest-without-datasets", test_gbfs_manifest_without_datasets);

  return g_test_run ();
}
