/* bench-ingest.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-data.h"
#include "vigie-format-gtfs-rt.h"
#include "vigie-gtfs-rt-private.h"
#include "vigie-format.h"

/* Ingest against the reference implementations, in one run on the same
 * files: a GTFS-Realtime feed of 5,000 vehicles read by Vigie's format
 * (parse, then prepare, as the feed engine's worker does) against
 * gtfs-realtime-bindings (protobufjs) decode + a walk over every field
 * Vigie reads; a GBFS station_status of 10,000 stations read by Vigie
 * (parse, combine with the station information, prepare) against Node's
 * JSON.parse + walk, and + a join with the station information. Node runs
 * bench-ingest.js; the npm package must be in the build directory:
 *
 *   tools/run-benchmarks ingest       (installs it, then runs this)
 *   _release/tests/bench/bench-ingest [iterations ≥ 20] [vehicles] [stations]
 *
 * BENCH_NODE (default /usr/bin/node) and BENCH_NODE_MODULES override
 * where Node and the npm packages are. */

static GArray *
samples_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (double));
}

static void
append_us (GArray *values,
           gint64  us)
{
  double ms = us / 1000.0;

  g_array_append_val (values, ms);
}

static GArray *
node_samples (JsonObject *object,
              const char *member)
{
  JsonArray *array = json_object_get_array_member (object, member);
  GArray *values = samples_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      double ms = json_array_get_double_element (array, i);

      g_array_append_val (values, ms);
    }

  return values;
}

static void
write_file (const char *dir,
            const char *name,
            GBytes     *bytes,
            char      **path)
{
  g_autoptr(GError) error = NULL;

  *path = g_build_filename (dir, name, NULL);
  if (!g_file_set_contents (*path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    g_error ("%s", error->message);
}

#define WARMUP 3

int
main (int   argc,
      char *argv[])
{
  guint iterations = argc > 1 ? (guint) atoi (argv[1]) : 30;
  guint n_vehicles = argc > 2 ? (guint) atoi (argv[2]) : 5000;
  guint n_stations = argc > 3 ? (guint) atoi (argv[3]) : 10000;
  const char *node = g_getenv ("BENCH_NODE") ?: "/usr/bin/node";
  const char *modules = g_getenv ("BENCH_NODE_MODULES") ?: BENCH_NODE_MODULES;
  const VigieFormat *gtfs_rt = vigie_format_lookup ("gtfs-rt");
  const VigieFormat *gbfs = vigie_format_lookup ("gbfs");
  const VigieParseContext rt_context = { .now = BENCH_NOW, .language = "fr" };
  const VigieParseContext gbfs_context = { .now = 1795590000, .language = "fr" };
  g_autoptr(GBytes) feed = NULL;
  g_autoptr(GBytes) feed_moved = NULL;
  g_autoptr(GBytes) information = NULL;
  g_autoptr(GBytes) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pb_path = NULL;
  g_autofree char *status_path = NULL;
  g_autofree char *info_path = NULL;
  g_autofree char *iterations_text = NULL;
  g_autofree char *node_out = NULL;
  g_autofree char *node_err = NULL;
  g_autoptr(JsonParser) node_parser = json_parser_new ();
  g_autoptr(GArray) rt_unpack = samples_new ();
  g_autoptr(GArray) rt_wire = samples_new ();
  g_autoptr(GArray) rt_parse = samples_new ();
  g_autoptr(GArray) rt_full = samples_new ();
  g_autoptr(GArray) rt_moved = samples_new ();
  g_autoptr(GArray) rt_release = samples_new ();
  g_autoptr(GArray) json_glib = samples_new ();
  g_autoptr(GArray) gbfs_parse = samples_new ();
  g_autoptr(GArray) gbfs_combine = samples_new ();
  g_autoptr(GArray) gbfs_full = samples_new ();
  g_autoptr(GArray) node_rt = NULL;
  g_autoptr(GArray) node_json = NULL;
  g_autoptr(GArray) node_join = NULL;
  g_autoptr(VigieSnapshot) previous = NULL;
  g_autoptr(VigieSnapshot) info_snapshot = NULL;
  g_autoptr(VigiePbArena) arena = NULL;
  JsonObject *result;
  int wait_status;

  if (iterations < 20 || n_vehicles == 0 || n_stations == 0)
    {
      fprintf (stderr, "usage: %s [iterations ≥ 20] [vehicles > 0] [stations > 0]\n", argv[0]);
      return EXIT_FAILURE;
    }

  {
    g_autofree char *package = g_build_filename (modules, "gtfs-realtime-bindings", "package.json", NULL);

    if (!g_file_test (package, G_FILE_TEST_EXISTS))
      {
        fprintf (stderr, "%s: gtfs-realtime-bindings is not in %s: run tools/run-benchmarks ingest, "
                 "which installs it from the npm registry\n", argv[0], modules);
        return EXIT_FAILURE;
      }
  }

  feed = bench_make_gtfs_rt (n_vehicles, 0);
  feed_moved = bench_make_gtfs_rt (n_vehicles, 1);
  information = bench_make_gbfs_information (n_stations);
  status = bench_make_gbfs_status (n_stations, 1);

  dir = g_dir_make_tmp ("bench-ingest-XXXXXX", &error);
  g_assert_no_error (error);
  write_file (dir, "vehicle-positions.pb", feed, &pb_path);
  write_file (dir, "station_status.json", status, &status_path);
  write_file (dir, "station_information.json", information, &info_path);

  printf ("GTFS-Realtime: %u vehicles, %.1f KiB; GBFS station_status: %u stations, %.1f KiB "
          "(station_information %.1f KiB); %u runs each after warm-up\n",
          n_vehicles, g_bytes_get_size (feed) / 1024.0, n_stations, g_bytes_get_size (status) / 1024.0,
          g_bytes_get_size (information) / 1024.0, iterations);

  /* Vigie, GTFS-Realtime: protobuf-c alone, for its share; then what the
   * engine's worker does with the document. */
  arena = vigie_pb_arena_new (g_bytes_get_size (feed) * 4);
  for (guint i = 0; i < WARMUP + iterations; i++)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (feed, &size);
      gint64 start = g_get_monotonic_time ();
      TransitRealtime__FeedMessage *message;

      message = transit_realtime__feed_message__unpack (vigie_pb_arena_get_allocator (arena), size, data);
      g_assert (message != NULL);
      vigie_pb_arena_reset (arena);
      if (i >= WARMUP)
        append_us (rt_unpack, g_get_monotonic_time () - start);

      /* The hand reader of vehicle positions, which parse() uses. */
      start = g_get_monotonic_time ();
      message = vigie_gtfs_rt_wire_decode (data, size, vigie_pb_arena_get_allocator (arena));
      g_assert (message != NULL);
      vigie_pb_arena_reset (arena);
      if (i >= WARMUP)
        append_us (rt_wire, g_get_monotonic_time () - start);
    }

  for (guint i = 0; i < WARMUP + iterations; i++)
    {
      gint64 start = g_get_monotonic_time ();
      VigieSnapshot *snapshot = gtfs_rt->parse (VIGIE_ROLE_MAIN, feed, &rt_context, &error);
      gint64 parsed = g_get_monotonic_time ();

      g_assert_no_error (error);
      g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, n_vehicles);
      vigie_snapshot_prepare (snapshot, previous, rt_context.now);
      if (i >= WARMUP)
        {
          append_us (rt_parse, parsed - start);
          append_us (rt_full, g_get_monotonic_time () - start);
        }
      /* Released later, in a worker, by the engine: not counted. */
      g_clear_pointer (&previous, vigie_snapshot_unref);
      previous = snapshot;
    }
  g_clear_pointer (&previous, vigie_snapshot_unref);

  /* The same with every vehicle moved at each update, as trams do: two
   * feeds in turn, so that prepare keeps none of the previous entities
   * and drops none of the new ones; then what releasing the previous
   * snapshot costs, which the engine does later in a worker. */
  for (guint i = 0; i < WARMUP + iterations; i++)
    {
      GBytes *bytes = i % 2 == 0 ? feed : feed_moved;
      gint64 start = g_get_monotonic_time ();
      VigieSnapshot *snapshot = gtfs_rt->parse (VIGIE_ROLE_MAIN, bytes, &rt_context, &error);
      gint64 prepared, released;

      g_assert_no_error (error);
      vigie_snapshot_prepare (snapshot, previous, rt_context.now);
      prepared = g_get_monotonic_time ();
      g_clear_pointer (&previous, vigie_snapshot_unref);
      released = g_get_monotonic_time ();
      if (i >= WARMUP)
        {
          append_us (rt_moved, prepared - start);
          append_us (rt_release, released - prepared);
        }
      previous = snapshot;
    }
  g_clear_pointer (&previous, vigie_snapshot_unref);

  /* Vigie, GBFS: json-glib alone, for its share; then parse, combine with
   * the station information parsed earlier, prepare. */
  for (guint i = 0; i < WARMUP + iterations; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      gint64 start = g_get_monotonic_time ();

      if (!json_parser_load_from_data (parser, g_bytes_get_data (status, NULL), g_bytes_get_size (status), &error))
        g_error ("%s", error->message);
      if (i >= WARMUP)
        append_us (json_glib, g_get_monotonic_time () - start);
    }

  info_snapshot = gbfs->parse ("station_information", information, &gbfs_context, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < WARMUP + iterations; i++)
    {
      g_autoptr(GHashTable) by_role = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                             (GDestroyNotify) vigie_snapshot_unref);
      gint64 start = g_get_monotonic_time ();
      VigieSnapshot *parsed = gbfs->parse ("station_status", status, &gbfs_context, &error);
      gint64 parsed_at, combined_at;
      VigieSnapshot *combined;

      g_assert_no_error (error);
      parsed_at = g_get_monotonic_time ();
      g_hash_table_insert (by_role, (gpointer) "station_information", vigie_snapshot_ref (info_snapshot));
      g_hash_table_insert (by_role, (gpointer) "station_status", parsed);
      combined = gbfs->combine (by_role, &gbfs_context);
      combined_at = g_get_monotonic_time ();
      vigie_snapshot_prepare (combined, previous, gbfs_context.now);
      if (i >= WARMUP)
        {
          append_us (gbfs_parse, parsed_at - start);
          append_us (gbfs_combine, combined_at - start);
          append_us (gbfs_full, g_get_monotonic_time () - start);
        }
      g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, n_stations);
      g_clear_pointer (&previous, vigie_snapshot_unref);
      previous = combined;
    }

  /* The references, right after, on the same files. */
  iterations_text = g_strdup_printf ("%u", iterations);
  {
    const char *node_argv[] = { node, BENCH_INGEST_SCRIPT, modules, pb_path, status_path, info_path,
                                iterations_text, NULL };

    if (!g_spawn_sync (NULL, (char **) node_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                       &node_out, &node_err, &wait_status, &error) ||
        !g_spawn_check_wait_status (wait_status, &error))
      {
        fprintf (stderr, "%s failed: %s\n%s", node, error->message, node_err ? node_err : "");
        return EXIT_FAILURE;
      }
  }
  if (!json_parser_load_from_data (node_parser, node_out, -1, &error))
    g_error ("Node's output: %s", error->message);
  result = json_node_get_object (json_parser_get_root (node_parser));
  node_rt = node_samples (result, "gtfs_rt");
  node_json = node_samples (result, "json");
  node_join = node_samples (result, "json_join");

  printf ("GTFS-Realtime, %u vehicles:\n", n_vehicles);
  bench_print_figures (58, "Vigie: protobuf-c unpack only (kept arena)", rt_unpack);
  bench_print_figures (58, "Vigie: hand reader only (what parse() decodes with)", rt_wire);
  bench_print_figures (58, "Vigie: parse()", rt_parse);
  bench_print_figures (58, "Vigie: parse() + prepare (the worker's whole job)", rt_full);
  {
    g_autofree char *label = g_strdup_printf ("Node %s, gtfs-realtime-bindings %s: decode + walk",
                                              json_object_get_string_member (result, "node"),
                                              json_object_get_string_member (result, "bindings"));

    bench_print_figures (58, label, node_rt);
  }
  printf ("  Vigie / gtfs-realtime-bindings at p50: parse %.1f×, parse + prepare %.1f× (target ≤ 0.5×); "
          "decoding is %.0f %% of parse (protobuf-c alone would take %.1f× the hand reader's time)\n",
          bench_percentile (rt_parse, 0.5) / bench_percentile (node_rt, 0.5),
          bench_percentile (rt_full, 0.5) / bench_percentile (node_rt, 0.5),
          100 * bench_percentile (rt_wire, 0.5) / bench_percentile (rt_parse, 0.5),
          bench_percentile (rt_unpack, 0.5) / bench_percentile (rt_wire, 0.5));
  bench_print_figures (58, "Vigie: parse() + prepare, every vehicle moved", rt_moved);
  bench_print_figures (58, "Vigie: previous snapshot released (later, in a worker)", rt_release);
  printf ("  Every vehicle moved: parse + prepare %.1f× gtfs-realtime-bindings at p50; releasing the "
          "previous snapshot, not counted in it, is %.1f× more\n",
          bench_percentile (rt_moved, 0.5) / bench_percentile (node_rt, 0.5),
          bench_percentile (rt_release, 0.5) / bench_percentile (node_rt, 0.5));

  printf ("GBFS station_status, %u stations:\n", n_stations);
  bench_print_figures (58, "Vigie: json-glib load only", json_glib);
  bench_print_figures (58, "Vigie: parse()", gbfs_parse);
  bench_print_figures (58, "Vigie: parse() + combine()", gbfs_combine);
  bench_print_figures (58, "Vigie: parse() + combine() + prepare (the worker's job)", gbfs_full);
  bench_print_figures (58, "Node: JSON.parse + walk", node_json);
  bench_print_figures (58, "Node: JSON.parse + walk + join with the information", node_join);
  printf ("  Vigie / JSON.parse + walk at p50: parse %.1f×, parse + combine %.1f×, + prepare %.1f× (target ≤ 3×); "
          "json-glib alone %.1f×, and is %.0f %% of Vigie's parse + combine + prepare\n",
          bench_percentile (gbfs_parse, 0.5) / bench_percentile (node_json, 0.5),
          bench_percentile (gbfs_combine, 0.5) / bench_percentile (node_json, 0.5),
          bench_percentile (gbfs_full, 0.5) / bench_percentile (node_json, 0.5),
          bench_percentile (json_glib, 0.5) / bench_percentile (node_json, 0.5),
          100 * bench_percentile (json_glib, 0.5) / bench_percentile (gbfs_full, 0.5));
  printf ("  Vigie parse + combine + prepare / Node JSON.parse + walk + join at p50: %.1f×\n",
          bench_percentile (gbfs_full, 0.5) / bench_percentile (node_join, 0.5));

  g_unlink (pb_path);
  g_unlink (status_path);
  g_unlink (info_path);
  g_rmdir (dir);

  return EXIT_SUCCESS;
}
