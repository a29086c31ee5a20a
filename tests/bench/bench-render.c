/* bench-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <shumate/shumate.h>

#include "vigie-map-layer.h"
#include "vigie-snapshot.h"
#include "vigie-store.h"
#include "vigie-symbol-renderer.h"

/* The cost of one frame of the map: N synthetic stations in one view, a
 * fixed series of pans and zooms, and for each frame the layout, the
 * snapshot and an offscreen render to a texture with a GSK renderer.
 * Vigie's layer and the same entities as ShumateMarkerLayer markers are
 * measured in the same run, on the same machine state; only ratios and
 * medians are worth quoting (see ../shared/PERF.md).
 *
 *   xvfb-run -a -s "-screen 0 1920x1080x24" env GSK_RENDERER=cairo _build/tests/bench/bench-render
 *   xvfb-run -a -s "-screen 0 1920x1080x24" env GSK_RENDERER=gl _build/tests/bench/bench-render
 *
 * BENCH_SKIP_MARKERS_50K=1 leaves out the 50,000 markers, which take minutes;
 * BENCH_NO_MARKERS=1 leaves out every marker layer, BENCH_N=10000 one size.
 */

#define WIDTH   1280
#define HEIGHT   800
#define CENTER_LAT 47.7508
#define CENTER_LON  7.3359

typedef struct
{
  double dlat, dlon, zoom;
} Step;

/* Pans and zooms that keep the whole cloud in view. */
static const Step steps[] = {
  {  0.000,  0.000, 14.0 }, {  0.002,  0.000, 14.0 }, {  0.004,  0.003, 14.0 },
  {  0.002,  0.006, 14.2 }, { -0.002,  0.006, 14.4 }, { -0.004,  0.002, 14.6 },
  { -0.002, -0.003, 14.8 }, {  0.000, -0.005, 15.0 }, {  0.002, -0.002, 14.8 },
  {  0.001,  0.001, 14.6 }, {  0.000,  0.000, 14.4 }, {  0.000,  0.000, 14.2 },
};

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
percentile (GArray *samples,
            double  p)
{
  g_array_sort (samples, compare_double);
  return g_array_index (samples, double, (guint) MIN (samples->len - 1, floor (p * samples->len)));
}

static VigieSnapshot *
make_entities (guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  VigieSnapshot *snapshot = vigie_snapshot_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);
      gint64 capacity = g_rand_int_range (rand, 8, 40);
      gint64 vehicles = g_rand_int_range (rand, 0, capacity + 1);
      GVariantDict dict;

      g_variant_dict_init (&dict, NULL);
      g_variant_dict_insert (&dict, "capacity", "x", capacity);
      g_variant_dict_insert (&dict, "vehicles_available", "x", vehicles);
      g_variant_dict_insert (&dict, "docks_available", "x", capacity - vehicles);
      g_variant_dict_insert (&dict, "has_status", "b", TRUE);

      /* A cloud of about 5 × 3 km around the centre: one view at zoom 14. */
      vigie_snapshot_add_entity (snapshot,
                                 vigie_entity_new (VIGIE_ENTITY_STATION, id, id,
                                                   CENTER_LAT + (g_rand_double (rand) - 0.5) * 0.025,
                                                   CENTER_LON + (g_rand_double (rand) - 0.5) * 0.06,
                                                   0, g_variant_dict_end (&dict)));
    }

  return snapshot;
}

static GArray *
measure (ShumateMap  *map,
         GtkWidget   *layer,
         GskRenderer *renderer,
         guint        n_frames)
{
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (layer);
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (double));

  /* Let the map map and allocate its new layers, as a frame would. */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  if (!gtk_widget_get_mapped (layer))
    g_printerr ("layer not mapped: width %d\n", gtk_widget_get_width (layer));

  for (guint frame = 0; frame < n_frames; frame++)
    {
      const Step *step = &steps[frame % G_N_ELEMENTS (steps)];
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      gint64 start;
      double ms;

      start = g_get_monotonic_time ();

      shumate_viewport_set_zoom_level (viewport, step->zoom);
      shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                     CENTER_LAT + step->dlat, CENTER_LON + step->dlon);

      /* Layout is part of a frame: it is where the marker layer spends. */
      gtk_widget_allocate (GTK_WIDGET (map), WIDTH, HEIGHT, -1, NULL);
      gdk_paintable_snapshot (paintable, snapshot, WIDTH, HEIGHT);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node != NULL)
        texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));

      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }

  return samples;
}

static ShumateMarkerLayer *
make_marker_layer (ShumateViewport *viewport,
                   VigieStore      *store)
{
  ShumateMarkerLayer *markers = shumate_marker_layer_new (viewport);
  g_autoptr(GHashTable) textures = g_hash_table_new_full (vigie_symbol_hash, vigie_symbol_equal, g_free, g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  /* The same symbols, as one widget each: what ShumateMarkerLayer offers. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieEntity) entity = g_list_model_get_item (G_LIST_MODEL (store), i);
      ShumateMarker *marker = shumate_marker_new ();
      GdkTexture *texture;
      GtkWidget *image;
      VigieSymbol symbol;

      vigie_style_entity (VIGIE_FEED_KIND_BIKES, entity, NULL, &symbol);
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
      shumate_marker_layer_add_marker (markers, marker);
    }

  return markers;
}

static void
report (const char *what,
        guint       n,
        const char *renderer_name,
        GArray     *samples)
{
  g_print ("%-26s N=%-6u %-6s frames=%-3u p50=%8.2f ms  p95=%8.2f ms\n",
           what, n, renderer_name, samples->len, percentile (samples, 0.5), percentile (samples, 0.95));
}

int
main (int   argc,
      char *argv[])
{
  static const guint sizes[] = { 1000, 10000, 50000 };
  g_autoptr(GPtrArray) renderers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) renderer_names = g_ptr_array_new ();
  g_autoptr(ShumateMapSource) source = NULL;
  GtkWidget *window;
  ShumateMap *map;
  ShumateViewport *viewport;
  gboolean markers_50k = g_getenv ("BENCH_SKIP_MARKERS_50K") == NULL;
  gboolean no_markers = g_getenv ("BENCH_NO_MARKERS") != NULL;
  guint only_n = (guint) g_ascii_strtoull (g_getenv ("BENCH_N") ?: "0", NULL, 10);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: run under xvfb-run\n");
      return 77;
    }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  map = shumate_map_new ();
  viewport = shumate_map_get_viewport (map);
  /* Never asked for anything: no tile layer uses it. */
  source = SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_from_url ("https://tiles.invalid/{z}/{x}/{y}.png"));
  shumate_viewport_set_reference_map_source (viewport, source);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (map));
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (GTK_WIDGET (map)) == 0)
    g_main_context_iteration (NULL, TRUE);

  {
    /* GSK_RENDERER picks it, as for the application: run once with
     * GSK_RENDERER=cairo and once with GSK_RENDERER=gl. */
    GskRenderer *renderer = gsk_renderer_new_for_surface (gtk_native_get_surface (GTK_NATIVE (window)));
    const char *type_name = G_OBJECT_TYPE_NAME (renderer);

    g_ptr_array_add (renderers, renderer);
    g_ptr_array_add (renderer_names,
                     (gpointer) (g_str_has_prefix (type_name, "GskCairo") ? "cairo" :
                                 g_str_has_prefix (type_name, "GskGL") || g_str_has_prefix (type_name, "GskNgl") ? "gl" :
                                 type_name));
  }

  g_print ("%u × %u px, %u steps of pans and zooms, layout + snapshot + render to a texture per frame\n",
           WIDTH, HEIGHT, (guint) G_N_ELEMENTS (steps));

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(VigieStore) store = vigie_store_new ();
      g_autoptr(VigieSnapshot) snapshot = make_entities (sizes[s]);
      VigieMapLayer *layer;
      ShumateMarkerLayer *markers = NULL;
      gint64 start;
      double build_ms;

      if (only_n != 0 && sizes[s] != only_n)
        continue;

      vigie_store_apply (store, snapshot, 0);

      start = g_get_monotonic_time ();
      layer = vigie_map_layer_new (viewport, VIGIE_FEED_KIND_BIKES, G_LIST_MODEL (store));
      shumate_map_add_layer (map, SHUMATE_LAYER (layer));
      build_ms = (g_get_monotonic_time () - start) / 1000.0;
      g_print ("\nN=%u: VigieMapLayer built (style, textures, index) in %.1f ms\n", sizes[s], build_ms);

      for (guint r = 0; r < renderers->len; r++)
        {
          GskRenderer *renderer = g_ptr_array_index (renderers, r);
          const char *name = g_ptr_array_index (renderer_names, r);
          g_autoptr(GArray) vigie = NULL;
          g_autoptr(GArray) vigie_clustered = NULL;
          g_autoptr(GArray) shumate = NULL;
          guint frames = 3 * G_N_ELEMENTS (steps);

          /* Every entity drawn, no grouping: the worst case. */
          vigie_map_layer_set_clustering (layer, FALSE);
          vigie = measure (map, GTK_WIDGET (layer), renderer, frames);
          report ("VigieMapLayer", sizes[s], name, vigie);

          /* As shipped: grouped below zoom 16. */
          vigie_map_layer_set_clustering (layer, TRUE);
          vigie_clustered = measure (map, GTK_WIDGET (layer), renderer, frames);
          report ("VigieMapLayer (clusters)", sizes[s], name, vigie_clustered);

          /* Made only now: a marker layer walks all its markers at every
           * move of the viewport, even off the map, and would be counted
           * in Vigie's figures. */
          if (!no_markers && (sizes[s] < 50000 || markers_50k))
            {
              start = g_get_monotonic_time ();
              markers = g_object_ref_sink (make_marker_layer (viewport, store));
              g_print ("N=%u: ShumateMarkerLayer built in %.1f ms\n", sizes[s],
                       (g_get_monotonic_time () - start) / 1000.0);
            }

          if (markers != NULL)
            {
              gtk_widget_set_visible (GTK_WIDGET (layer), FALSE);
              shumate_map_add_layer (map, SHUMATE_LAYER (markers));
              shumate = measure (map, GTK_WIDGET (markers), renderer,
                                 sizes[s] >= 50000 ? G_N_ELEMENTS (steps) : frames);
              report ("ShumateMarkerLayer", sizes[s], name, shumate);
              shumate_map_remove_layer (map, SHUMATE_LAYER (markers));
              gtk_widget_set_visible (GTK_WIDGET (layer), TRUE);

              g_print ("%-26s N=%-6u %-6s p50 ratio %.1f×, p95 ratio %.1f× (no clusters); %.1f×, %.1f× (clusters)\n",
                       "  marker / Vigie", sizes[s], name,
                       percentile (shumate, 0.5) / percentile (vigie, 0.5),
                       percentile (shumate, 0.95) / percentile (vigie, 0.95),
                       percentile (shumate, 0.5) / percentile (vigie_clustered, 0.5),
                       percentile (shumate, 0.95) / percentile (vigie_clustered, 0.95));
            }
          g_clear_object (&markers);
        }

      shumate_map_remove_layer (map, SHUMATE_LAYER (layer));
      g_clear_object (&markers);
    }

  for (guint r = 0; r < renderers->len; r++)
    gsk_renderer_unrealize (g_ptr_array_index (renderers, r));
  gtk_window_destroy (GTK_WINDOW (window));

  return 0;
}
