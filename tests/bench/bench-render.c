/* bench-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <shumate/shumate.h>
#include <time.h>

#include "bench-data.h"
#include "vigie-clock.h"
#include "vigie-feed-manager.h"
#include "vigie-http-client.h"
#include "vigie-layer-manager.h"
#include "vigie-memory.h"
#include "vigie-offline-source.h"
#include "vigie-snapshot.h"
#include "vigie-store.h"
#include "vigie-symbol-renderer.h"

/* The cost of a whole frame of the map, as the window builds it: a
 * ShumateSimpleMap on Vigie's offline base map (tiles drawn by Vigie),
 * one VigieMapLayer per feed kind through VigieLayerManager (trams, bikes,
 * car share, parking, Wi-Fi: N/5 entities each), names from zoom 17.
 * Real frames: the window's frame clock drives them, a tick callback pans
 * and zooms at every frame, and every 60 frames (one second at 60 Hz) each
 * store receives a new snapshot (vehicles moved, counts changed), as a
 * feed update would; a frame is timed from the frame clock's before-paint
 * to its after-paint (wall time, and apart the main thread's CPU time in
 * it), so it includes the update phase (ticks, glides, the
 * store update and the layers' rebuild), layout, snapshot and the render
 * by the window's GSK renderer. The same N symbols as ShumateMarkerLayer
 * markers, on the same map, are measured in the same run.
 *
 *   xvfb-run -a -s "-screen 0 1920x1080x24" env GSK_RENDERER=cairo _release/tests/bench/bench-render
 *   xvfb-run -a -s "-screen 0 1920x1080x24" env GSK_RENDERER=gl _release/tests/bench/bench-render
 *
 * BENCH_N=10000 one size; BENCH_FRAMES (default 180, at least 120);
 * BENCH_NO_MARKERS=1 no ShumateMarkerLayer; BENCH_SKIP_MARKERS_50K=1 not
 * at 50,000 (a frame takes seconds); BENCH_CLUSTERS=1 also measures the
 * layers as shipped, grouped below zoom 16; BENCH_LIVE=1 also with every
 * symbol drawn live, without the image a worker paints. */

#define WIDTH   1280
#define HEIGHT   800
#define CENTER_LAT 47.7508
#define CENTER_LON  7.3359
#define FRAMES_PER_UPDATE 60
#define NOW G_GINT64_CONSTANT (1795590000)

typedef struct
{
  double dlat, dlon, zoom;
} Step;

/* Pans and zooms over the cloud, up to zoom 17 where names are written. */
static const Step steps[] = {
  {  0.000,  0.000, 14.0 }, {  0.002,  0.000, 14.0 }, {  0.004,  0.003, 14.2 },
  {  0.002,  0.006, 14.6 }, { -0.002,  0.006, 15.0 }, { -0.004,  0.002, 15.6 },
  { -0.002, -0.003, 16.2 }, {  0.000, -0.005, 17.0 }, {  0.002, -0.002, 17.2 },
  {  0.001,  0.001, 16.0 }, {  0.000,  0.000, 15.0 }, {  0.000,  0.000, 14.4 },
};

static const VigieFeedKind kinds[] = {
  VIGIE_FEED_KIND_PARKING, VIGIE_FEED_KIND_WIFI, VIGIE_FEED_KIND_CAR_SHARE,
  VIGIE_FEED_KIND_BIKES, VIGIE_FEED_KIND_TRAMS,
};
#define N_KINDS ((guint) G_N_ELEMENTS (kinds))

static VigieEntity *
make_entity (VigieFeedKind kind,
             guint         i,
             guint         second,
             GRand        *rand)
{
  g_autofree char *id = g_strdup_printf ("%u", i);
  g_autofree char *name = NULL;
  double lat = CENTER_LAT + (g_rand_double (rand) - 0.5) * 0.025;
  double lon = CENTER_LON + (g_rand_double (rand) - 0.5) * 0.06;
  gint64 capacity = g_rand_int_range (rand, 8, 40);
  gint64 used = (g_rand_int_range (rand, 0, 1000) + second * 7) % (capacity + 1);
  VigieEntityKind entity_kind = VIGIE_ENTITY_STATION;
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  switch (kind)
    {
    case VIGIE_FEED_KIND_TRAMS:
    case VIGIE_FEED_KIND_TRAINS:
      /* About 8 m/s along a heading of its own. */
      entity_kind = VIGIE_ENTITY_VEHICLE;
      lat += 7.2e-5 * second * cos (i);
      lon += 1.07e-4 * second * sin (i);
      name = g_strdup_printf ("Rame %u", i);
      g_variant_dict_insert (&dict, "route_short_name", "s", i % 3 == 0 ? "T1" : i % 3 == 1 ? "T2" : "T3");
      g_variant_dict_insert (&dict, "route_color", "s", i % 3 == 0 ? "E2001A" : i % 3 == 1 ? "009EE0" : "7AB51D");
      g_variant_dict_insert (&dict, "headsign", "s", "Gare Centrale");
      g_variant_dict_insert (&dict, "bearing", "d", fmod (i * 37.0, 360.0));
      g_variant_dict_insert (&dict, "delay_s", "x", (gint64) (used * 10));
      break;

    case VIGIE_FEED_KIND_CAR_SHARE:
      entity_kind = VIGIE_ENTITY_VEHICLE;
      lat += (second % 5 == 0 && i % 50 == 0) ? 2e-4 : 0;
      name = g_strdup_printf ("Voiture %u", i);
      g_variant_dict_insert (&dict, "propulsion", "s", i % 2 ? "electric" : "combustion");
      g_variant_dict_insert (&dict, "fuel_percent", "d", (double) (used * 100 / capacity));
      break;

    case VIGIE_FEED_KIND_BIKES:
      name = g_strdup_printf ("Station %u", i);
      g_variant_dict_insert (&dict, "capacity", "x", capacity);
      g_variant_dict_insert (&dict, "vehicles_available", "x", used);
      g_variant_dict_insert (&dict, "docks_available", "x", capacity - used);
      g_variant_dict_insert (&dict, "has_status", "b", TRUE);
      g_variant_dict_insert (&dict, "is_renting", "b", TRUE);
      g_variant_dict_insert (&dict, "is_returning", "b", TRUE);
      break;

    case VIGIE_FEED_KIND_PARKING:
      entity_kind = VIGIE_ENTITY_CAR_PARK;
      name = g_strdup_printf ("Parking %u", i);
      g_variant_dict_insert (&dict, "total_spots", "x", capacity * 10);
      g_variant_dict_insert (&dict, "available_spots", "x", used * 10);
      break;

    case VIGIE_FEED_KIND_WIFI:
    default:
      entity_kind = VIGIE_ENTITY_HOTSPOT;
      name = g_strdup_printf ("Borne %u", i);
      g_variant_dict_insert (&dict, "capacity", "x", capacity);
      g_variant_dict_insert (&dict, "clients", "x", used);
      break;
    }

  return vigie_entity_new (entity_kind, id, name, lat, lon, NOW + second, g_variant_dict_end (&dict));
}

/* A feed update, as the worker would hand it: made and prepared off the
 * main thread, while frames run. */
typedef struct
{
  guint          n;          /* per kind */
  guint          second;
  VigieSnapshot *previous[N_KINDS];
  VigieSnapshot *next[N_KINDS];
} Update;

static gpointer
make_update_thread (gpointer data)
{
  Update *update = data;

  for (guint k = 0; k < N_KINDS; k++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (k + 1);
      VigieSnapshot *snapshot = vigie_snapshot_new ();

      for (guint i = 0; i < update->n; i++)
        vigie_snapshot_add_entity (snapshot, make_entity (kinds[k], i, update->second, rand));
      vigie_snapshot_set_observed_at (snapshot, NOW + update->second);
      vigie_snapshot_prepare (snapshot, update->previous[k], NOW + update->second);
      update->next[k] = snapshot;
    }

  return update;
}

typedef struct
{
  GtkWidget      *window;
  ShumateMap     *map;
  VigieFeed      *feeds[N_KINDS];
  guint           n;            /* per kind */
  guint           n_frames;
  /* ShumateMarkerLayer run: its markers, moved at each update */
  ShumateMarkerLayer *markers;
  GPtrArray      *marker_list;

  guint           frame;
  guint           second;
  gint64          frame_start;
  gint64          frame_cpu_start;
  gboolean        in_frame;
  gboolean        update_this_frame;
  GArray         *samples;      /* ms, every frame */
  GArray         *cpu_samples;  /* ms of the main thread's CPU, every frame */
  GArray         *update_samples; /* ms, frames with a store update */
  GArray         *intervals;    /* ms between the ends of frames */
  gint64          last_end;
  GThread        *builder;
  Update         *pending;
  VigieSnapshot  *shown[N_KINDS];
  gboolean        done;
} Bench;

static void
start_next_update (Bench *bench)
{
  Update *update = g_new0 (Update, 1);

  update->n = bench->n;
  update->second = bench->second + 1;
  for (guint k = 0; k < N_KINDS; k++)
    update->previous[k] = bench->shown[k] != NULL ? vigie_snapshot_ref (bench->shown[k]) : NULL;
  bench->pending = update;
  bench->builder = g_thread_new ("bench-update", make_update_thread, update);
}

static void
apply_update (Bench *bench)
{
  Update *update = g_thread_join (g_steal_pointer (&bench->builder));

  bench->second = update->second;
  for (guint k = 0; k < N_KINDS; k++)
    {
      if (bench->markers == NULL)
        vigie_store_apply (vigie_feed_get_store (bench->feeds[k]), update->next[k], NOW + update->second);
      g_clear_pointer (&bench->shown[k], vigie_snapshot_unref);
      bench->shown[k] = update->next[k];
      g_clear_pointer (&update->previous[k], vigie_snapshot_unref);
    }

  /* The marker layer's equivalent of an update: every marker moved to
   * its entity's new place. */
  if (bench->markers != NULL)
    for (guint k = 0, m = 0; k < N_KINDS; k++)
      for (guint i = 0; i < bench->n; i++, m++)
        {
          VigieEntity *entity = vigie_snapshot_get_entity (bench->shown[k], i);

          shumate_location_set_location (g_ptr_array_index (bench->marker_list, m),
                                         vigie_entity_get_latitude (entity),
                                         vigie_entity_get_longitude (entity));
        }

  g_free (update);
  bench->pending = NULL;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       data)
{
  Bench *bench = data;
  ShumateViewport *viewport = shumate_map_get_viewport (bench->map);
  const Step *step = &steps[bench->frame % G_N_ELEMENTS (steps)];

  if (bench->done)
    return G_SOURCE_REMOVE;

  shumate_viewport_set_zoom_level (viewport, step->zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 CENTER_LAT + step->dlat, CENTER_LON + step->dlon);

  bench->update_this_frame = bench->frame % FRAMES_PER_UPDATE == FRAMES_PER_UPDATE - 1;
  if (bench->update_this_frame)
    {
      apply_update (bench);
      start_next_update (bench);
    }

  return G_SOURCE_CONTINUE;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Bench         *bench)
{
  bench->frame_start = g_get_monotonic_time ();
  bench->frame_cpu_start = bench_thread_cpu_us ();
  bench->in_frame = TRUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();
  double ms;

  if (!bench->in_frame || bench->done)
    return;
  bench->in_frame = FALSE;

  ms = (bench_thread_cpu_us () - bench->frame_cpu_start) / 1000.0;
  g_array_append_val (bench->cpu_samples, ms);
  ms = (now - bench->frame_start) / 1000.0;
  g_array_append_val (bench->samples, ms);
  if (bench->update_this_frame)
    g_array_append_val (bench->update_samples, ms);
  if (bench->last_end != 0)
    {
      double interval = (now - bench->last_end) / 1000.0;

      g_array_append_val (bench->intervals, interval);
    }
  bench->last_end = now;
  bench->update_this_frame = FALSE;
  bench->frame++;
  if (bench->frame >= bench->n_frames)
    bench->done = TRUE;
}

static void
run_frames (Bench *bench)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (bench->window);
  gulong before, after;
  guint tick;

  bench->frame = 0;
  bench->done = FALSE;
  bench->in_frame = FALSE;
  bench->last_end = 0;
  bench->samples = g_array_new (FALSE, FALSE, sizeof (double));
  bench->cpu_samples = g_array_new (FALSE, FALSE, sizeof (double));
  bench->update_samples = g_array_new (FALSE, FALSE, sizeof (double));
  bench->intervals = g_array_new (FALSE, FALSE, sizeof (double));

  before = g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), bench);
  after = g_signal_connect_after (clock, "after-paint", G_CALLBACK (after_paint_cb), bench);
  tick = gtk_widget_add_tick_callback (GTK_WIDGET (bench->map), tick_cb, bench, NULL);

  while (!bench->done)
    g_main_context_iteration (NULL, TRUE);

  gtk_widget_remove_tick_callback (GTK_WIDGET (bench->map), tick);
  g_signal_handler_disconnect (clock, before);
  g_signal_handler_disconnect (clock, after);
}

static void
report (const char *what,
        Bench      *bench,
        const char *renderer)
{
  g_print ("%-28s N=%-6u %-5s frames=%-4u p50=%7.2f  p95=%7.2f  p99=%7.2f  max=%7.2f ms | "
           "update frames (%u) p50=%7.2f max=%7.2f | frame interval p50=%7.2f max=%7.2f ms | "
           "main thread's CPU p50=%7.2f  p95=%7.2f  p99=%7.2f  max=%7.2f ms\n",
           what, bench->n * N_KINDS, renderer, bench->samples->len,
           bench_percentile (bench->samples, 0.5), bench_percentile (bench->samples, 0.95),
           bench_percentile (bench->samples, 0.99), bench_percentile (bench->samples, 1.0),
           bench->update_samples->len,
           bench_percentile (bench->update_samples, 0.5), bench_percentile (bench->update_samples, 1.0),
           bench_percentile (bench->intervals, 0.5), bench_percentile (bench->intervals, 1.0),
           bench_percentile (bench->cpu_samples, 0.5), bench_percentile (bench->cpu_samples, 0.95),
           bench_percentile (bench->cpu_samples, 0.99), bench_percentile (bench->cpu_samples, 1.0));
}

static void
clear_samples (Bench *bench)
{
  g_clear_pointer (&bench->samples, g_array_unref);
  g_clear_pointer (&bench->cpu_samples, g_array_unref);
  g_clear_pointer (&bench->update_samples, g_array_unref);
  g_clear_pointer (&bench->intervals, g_array_unref);
}

static void
make_markers (Bench *bench)
{
  ShumateViewport *viewport = shumate_map_get_viewport (bench->map);
  g_autoptr(GHashTable) textures = g_hash_table_new_full (vigie_symbol_hash, vigie_symbol_equal, g_free, g_object_unref);

  bench->markers = shumate_marker_layer_new (viewport);
  bench->marker_list = g_ptr_array_new ();

  /* The same symbols, as one widget each: what ShumateMarkerLayer offers. */
  for (guint k = 0; k < N_KINDS; k++)
    for (guint i = 0; i < bench->n; i++)
      {
        VigieEntity *entity = vigie_snapshot_get_entity (bench->shown[k], i);
        ShumateMarker *marker = shumate_marker_new ();
        GdkTexture *texture;
        GtkWidget *image;
        VigieSymbol symbol;

        vigie_style_entity (kinds[k], entity, NULL, &symbol);
        texture = g_hash_table_lookup (textures, &symbol);
        if (texture == NULL)
          {
            texture = vigie_symbol_render_texture (&symbol, 1);
            g_hash_table_insert (textures, g_memdup2 (&symbol, sizeof symbol), texture);
          }

        image = gtk_image_new_from_paintable (GDK_PAINTABLE (texture));
        gtk_image_set_pixel_size (GTK_IMAGE (image), (int) vigie_symbol_get_extent (&symbol));
        shumate_marker_set_child (marker, image);
        shumate_location_set_location (SHUMATE_LOCATION (marker),
                                       vigie_entity_get_latitude (entity),
                                       vigie_entity_get_longitude (entity));
        shumate_marker_layer_add_marker (bench->markers, marker);
        g_ptr_array_add (bench->marker_list, marker);
      }
  shumate_map_add_layer (bench->map, SHUMATE_LAYER (bench->markers));
}

/* Empties the stores for the next size, the update in the making dropped. */
static void
empty_stores (Bench *bench)
{
  Update *update = g_thread_join (g_steal_pointer (&bench->builder));

  for (guint k = 0; k < N_KINDS; k++)
    {
      g_autoptr(VigieSnapshot) empty = vigie_snapshot_new ();

      g_clear_pointer (&update->previous[k], vigie_snapshot_unref);
      g_clear_pointer (&update->next[k], vigie_snapshot_unref);
      vigie_store_apply (vigie_feed_get_store (bench->feeds[k]), empty, NOW);
    }
  g_free (update);
  bench->pending = NULL;
}

static void
set_layers (VigieLayerManager *manager,
            gboolean           visible,
            gboolean           clustering,
            gboolean           rasterize)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (manager)); i++)
    {
      g_autoptr(VigieMapLayer) layer = g_list_model_get_item (G_LIST_MODEL (manager), i);

      gtk_widget_set_visible (GTK_WIDGET (layer), visible);
      vigie_map_layer_set_clustering (layer, clustering);
      vigie_map_layer_set_rasterize (layer, rasterize);
    }
}

int
main (int   argc,
      char *argv[])
{
  static const guint sizes[] = { 1000, 10000, 50000 };
  g_autoptr(VigieHttpClient) client = NULL;
  g_autoptr(VigieFeedManager) feed_manager = NULL;
  g_autoptr(VigieLayerManager) layer_manager = NULL;
  ShumateSimpleMap *simple_map;
  Bench bench = { 0 };
  const char *renderer = "?";
  gboolean markers_50k = g_getenv ("BENCH_SKIP_MARKERS_50K") == NULL;
  gboolean no_markers = g_getenv ("BENCH_NO_MARKERS") != NULL;
  gboolean clusters = g_getenv ("BENCH_CLUSTERS") != NULL;
  gboolean live = g_getenv ("BENCH_LIVE") != NULL;
  guint only_n = (guint) g_ascii_strtoull (g_getenv ("BENCH_N") ?: "0", NULL, 10);

  bench.n_frames = MAX (120, (guint) g_ascii_strtoull (g_getenv ("BENCH_FRAMES") ?: "180", NULL, 10));

  /* malloc tuned as the app tunes it (main.c): widget-sized images are
   * then mapped and unmapped at each frame, as in the app. */
  vigie_memory_tune ();

  if (!gtk_init_check ())
    {
      g_printerr ("No display: run under xvfb-run\n");
      return 77;
    }

  /* The entities' times are NOW and after: the app's clock too, or every
   * symbol would be drawn as old data and no tram at all. */
  vigie_clock_set_time (NOW);

  /* The window's map, as vigie-window.ui and setup_map() build it. */
  bench.window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (bench.window), WIDTH, HEIGHT);
  gtk_window_set_resizable (GTK_WINDOW (bench.window), FALSE);
  simple_map = shumate_simple_map_new ();
  shumate_simple_map_set_map_source (simple_map, SHUMATE_MAP_SOURCE (vigie_offline_source_new ()));
  shumate_scale_set_unit (shumate_simple_map_get_scale (simple_map), SHUMATE_UNIT_METRIC);
  bench.map = shumate_simple_map_get_map (simple_map);
  gtk_widget_set_size_request (GTK_WIDGET (simple_map), WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (bench.window), GTK_WIDGET (simple_map));

  client = vigie_http_client_new ("Vigie-bench");
  feed_manager = vigie_feed_manager_new (client);
  for (guint k = 0; k < N_KINDS; k++)
    {
      g_autofree char *id = g_strdup_printf ("bench-%u", k);

      /* Never started: the bench feeds their stores itself. */
      bench.feeds[k] = vigie_feed_new (id, id, kinds[k], "gbfs", "http://127.0.0.1:9/gbfs.json");
      vigie_feed_manager_add (feed_manager, bench.feeds[k]);
    }
  layer_manager = vigie_layer_manager_new (bench.map, feed_manager);

  gtk_window_present (GTK_WINDOW (bench.window));
  while (gtk_widget_get_width (GTK_WIDGET (bench.map)) == 0)
    g_main_context_iteration (NULL, TRUE);

  {
    GskRenderer *gsk = gtk_native_get_renderer (GTK_NATIVE (bench.window));
    const char *type_name = G_OBJECT_TYPE_NAME (gsk);

    renderer = g_str_has_prefix (type_name, "GskCairo") ? "cairo"
             : g_str_has_prefix (type_name, "GskGL") || g_str_has_prefix (type_name, "GskNgl") ? "gl"
             : type_name;
  }

  g_print ("%u × %u px window, ShumateSimpleMap on the offline base map, 5 layers (N/5 each), "
           "%u real frames each, a store update every %u frames; times in ms from before-paint to after-paint\n",
           gtk_widget_get_width (GTK_WIDGET (bench.map)), gtk_widget_get_height (GTK_WIDGET (bench.map)),
           bench.n_frames, FRAMES_PER_UPDATE);

  /* The floor: the base map alone, its tiles drawn, no entity at all. */
  bench.n = 0;
  start_next_update (&bench);
  apply_update (&bench);
  start_next_update (&bench);
  set_layers (layer_manager, FALSE, FALSE, TRUE);
  run_frames (&bench);
  report ("base map only (floor)", &bench, renderer);
  clear_samples (&bench);
  empty_stores (&bench);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GArray) vigie = NULL;

      if (only_n != 0 && sizes[s] != only_n)
        continue;

      bench.n = sizes[s] / N_KINDS;
      bench.second = 0;
      for (guint k = 0; k < N_KINDS; k++)
        g_clear_pointer (&bench.shown[k], vigie_snapshot_unref);
      start_next_update (&bench);
      apply_update (&bench);
      start_next_update (&bench);

      /* Every entity drawn, no grouping: the worst case, and the goal. */
      set_layers (layer_manager, TRUE, FALSE, TRUE);
      run_frames (&bench);
      report ("Vigie, no grouping", &bench, renderer);
      vigie = g_array_ref (bench.samples);
      clear_samples (&bench);

      /* The same, every symbol drawn live on the main thread: what the
       * worker's image saves. */
      if (live)
        {
          set_layers (layer_manager, TRUE, FALSE, FALSE);
          run_frames (&bench);
          report ("Vigie, no grouping, live", &bench, renderer);
          clear_samples (&bench);
        }

      if (clusters)
        {
          set_layers (layer_manager, TRUE, TRUE, TRUE);
          run_frames (&bench);
          report ("Vigie, grouped (as shipped)", &bench, renderer);
          clear_samples (&bench);
        }

      if (!no_markers && (sizes[s] < 50000 || markers_50k))
        {
          gint64 start = g_get_monotonic_time ();
          double built;

          /* The Vigie layers emptied and hidden; the same tiles below. */
          set_layers (layer_manager, FALSE, FALSE, TRUE);
          for (guint k = 0; k < N_KINDS; k++)
            {
              g_autoptr(VigieSnapshot) empty = vigie_snapshot_new ();

              vigie_store_apply (vigie_feed_get_store (bench.feeds[k]), empty, NOW);
            }
          make_markers (&bench);
          built = (g_get_monotonic_time () - start) / 1000.0;
          run_frames (&bench);
          report ("ShumateMarkerLayer", &bench, renderer);
          g_print ("%-28s N=%-6u %-5s built in %.0f ms; marker / Vigie: p50 %.1f×, p95 %.1f×, p99 %.1f×, max %.1f×\n",
                   "", sizes[s], renderer, built,
                   bench_percentile (bench.samples, 0.5) / bench_percentile (vigie, 0.5),
                   bench_percentile (bench.samples, 0.95) / bench_percentile (vigie, 0.95),
                   bench_percentile (bench.samples, 0.99) / bench_percentile (vigie, 0.99),
                   bench_percentile (bench.samples, 1.0) / bench_percentile (vigie, 1.0));
          clear_samples (&bench);
          shumate_map_remove_layer (bench.map, SHUMATE_LAYER (bench.markers));
          bench.markers = NULL;
          g_clear_pointer (&bench.marker_list, g_ptr_array_unref);
        }

      empty_stores (&bench);
    }

  for (guint k = 0; k < N_KINDS; k++)
    {
      g_clear_pointer (&bench.shown[k], vigie_snapshot_unref);
      g_object_unref (bench.feeds[k]);
    }
  gtk_window_destroy (GTK_WINDOW (bench.window));

  return 0;
}
