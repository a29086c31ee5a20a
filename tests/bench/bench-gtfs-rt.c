/* bench-gtfs-rt.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "bench-data.h"
#include "vigie-format-gtfs-rt.h"
#include "vigie-store.h"

/* Decoding a GTFS-Realtime feed of 5,000 vehicles: protobuf-c into the
 * kept per-thread arena against protobuf-c's default malloc/free (the
 * baseline) and against an arena made for each call; then the whole
 * parse() to a snapshot, and applying that snapshot to a VigieStore on the
 * main thread, which is what the main loop stalls for.
 *
 * Usage: bench-gtfs-rt [iterations] [vehicles] */

#define NOW BENCH_NOW

typedef struct
{
  double p50;
  double p95;
} Figures;

static Figures
summarize (const char *label,
           GArray     *samples_ms,
           double      faults_per_run)
{
  Figures f;

  g_array_sort (samples_ms, bench_compare_doubles);
  f.p50 = g_array_index (samples_ms, double, samples_ms->len / 2);
  f.p95 = g_array_index (samples_ms, double, MIN (samples_ms->len - 1, samples_ms->len * 95 / 100));

  if (faults_per_run >= 0)
    printf ("  %-34s p50 %7.3f ms   p95 %7.3f ms   %6.0f page faults/run\n", label, f.p50, f.p95, faults_per_run);
  else
    printf ("  %-34s p50 %7.3f ms   p95 %7.3f ms\n", label, f.p50, f.p95);

  return f;
}

static long
minor_faults (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

typedef enum
{
  DECODE_ARENA_KEPT,
  DECODE_ARENA_PER_CALL,
  DECODE_MALLOC,
} DecodeMode;

static Figures
bench_decode (const char *label,
              GBytes     *bytes,
              DecodeMode  mode,
              guint       iterations)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(VigiePbArena) kept = vigie_pb_arena_new (g_bytes_get_size (bytes) * 4);
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  long faults = 0;

  for (guint i = 0; i < iterations + 3; i++)
    {
      TransitRealtime__FeedMessage *message;
      VigiePbArena *arena = NULL;
      long faults_before = minor_faults ();
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (mode == DECODE_ARENA_KEPT)
        arena = kept;
      else if (mode == DECODE_ARENA_PER_CALL)
        arena = vigie_pb_arena_new (size * 4);

      message = transit_realtime__feed_message__unpack (arena != NULL ? vigie_pb_arena_get_allocator (arena) : NULL,
                                                        size, data);
      g_assert (message != NULL && message->n_entity > 0);

      if (mode == DECODE_MALLOC)
        transit_realtime__feed_message__free_unpacked (message, NULL);
      else if (mode == DECODE_ARENA_PER_CALL)
        vigie_pb_arena_free (arena);
      else
        vigie_pb_arena_reset (arena);

      ms = (g_get_monotonic_time () - start) / 1000.0;
      /* The first runs warm the caches and the arena up. */
      if (i >= 3)
        {
          g_array_append_val (samples, ms);
          faults += minor_faults () - faults_before;
        }
    }

  return summarize (label, samples, (double) faults / iterations);
}

static Figures
bench_parse (const char            *label,
             GBytes                *bytes,
             VigieGtfsRtAllocation  allocation,
             guint                  iterations)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  const VigieParseContext context = { NOW, "fr", NULL, NULL };
  long faults = 0;

  for (guint i = 0; i < iterations + 3; i++)
    {
      g_autoptr(GError) error = NULL;
      VigieSnapshot *snapshot;
      long faults_before = minor_faults ();
      gint64 start = g_get_monotonic_time ();
      double ms;

      snapshot = vigie_gtfs_rt_parse (bytes, &context, allocation, &error);
      g_assert_no_error (error);
      vigie_snapshot_unref (snapshot);

      ms = (g_get_monotonic_time () - start) / 1000.0;
      if (i >= 3)
        {
          g_array_append_val (samples, ms);
          faults += minor_faults () - faults_before;
        }
    }

  return summarize (label, samples, (double) faults / iterations);
}

static void
bench_apply (GBytes *a,
             GBytes *b,
             guint   iterations)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(VigieStore) store = vigie_store_new ();
  const VigieParseContext context = { NOW, "fr", NULL, NULL };
  g_autoptr(VigieSnapshot) first = vigie_gtfs_rt_parse (a, &context, VIGIE_GTFS_RT_ARENA_PER_THREAD, NULL);
  g_autoptr(VigieSnapshot) second = vigie_gtfs_rt_parse (b, &context, VIGIE_GTFS_RT_ARENA_PER_THREAD, NULL);

  vigie_store_apply (store, first, NOW);

  /* Every vehicle moves at every feed: the worst case for the store. */
  for (guint i = 0; i < iterations; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      vigie_store_apply (store, i % 2 == 0 ? second : first, NOW);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }

  g_assert (g_list_model_get_n_items (G_LIST_MODEL (store)) == vigie_snapshot_get_n_entities (first));
  summarize ("apply to a VigieStore (main thread)", samples, -1);
}

int
main (int   argc,
      char *argv[])
{
  guint iterations = argc > 1 ? (guint) atoi (argv[1]) : 200;
  guint n_vehicles = argc > 2 ? (guint) atoi (argv[2]) : 5000;
  g_autoptr(GBytes) feed = NULL;
  g_autoptr(GBytes) moved = NULL;
  Figures arena, call, malloc_f, parse_arena, parse_malloc;

  if (iterations < 5 || n_vehicles == 0)
    {
      fprintf (stderr, "usage: %s [iterations ≥ 5] [vehicles > 0]\n", argv[0]);
      return EXIT_FAILURE;
    }

  feed = bench_make_gtfs_rt (n_vehicles, 0);
  moved = bench_make_gtfs_rt (n_vehicles, 1);

  printf ("GTFS-Realtime feed: %u vehicles, %zu bytes encoded; %u runs each\n",
          n_vehicles, g_bytes_get_size (feed), iterations);

  printf ("protobuf-c decode only:\n");
  malloc_f = bench_decode ("malloc + free_unpacked (baseline)", feed, DECODE_MALLOC, iterations);
  arena = bench_decode ("arena kept and rewound", feed, DECODE_ARENA_KEPT, iterations);
  call = bench_decode ("arena made for each call", feed, DECODE_ARENA_PER_CALL, iterations);
  printf ("  malloc / kept arena: %.1f× at p50, %.1f× at p95; malloc / per-call arena: %.1f× at p50\n",
          malloc_f.p50 / arena.p50, malloc_f.p95 / arena.p95, malloc_f.p50 / call.p50);

  printf ("parse() to a snapshot (decode, checks, entities):\n");
  parse_malloc = bench_parse ("malloc", feed, VIGIE_GTFS_RT_MALLOC, iterations);
  parse_arena = bench_parse ("per-thread arena (what parse() does)", feed, VIGIE_GTFS_RT_ARENA_PER_THREAD, iterations);
  bench_parse ("per-call arena", feed, VIGIE_GTFS_RT_ARENA_PER_CALL, iterations);
  printf ("  malloc / per-thread arena: %.2f× at p50\n", parse_malloc.p50 / parse_arena.p50);

  printf ("main thread:\n");
  bench_apply (feed, moved, iterations);

  return EXIT_SUCCESS;
}
