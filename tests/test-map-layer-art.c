/* test-map-layer-art.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <shumate/shumate.h>
#include <string.h>

#include "vigie-map-layer-private.h"
#include "vigie-snapshot.h"
#include "vigie-store.h"
#include "vigie-symbol-renderer.h"
#include "vigie-test-ui.h"

/* The symbols' art is drawn by the layer's plan worker, so that an update
 * of thousands of stations with new counts never draws on the main
 * thread, and a worker draws the same pixels as the main thread. */

#define CENTER_LAT VIGIE_TEST_MAP_LAT
#define CENTER_LON VIGIE_TEST_MAP_LON
#define N_STATIONS 300

typedef VigieTestMapLayer Fixture;

static VigieEntity *
make_station (guint  i,
              gint64 vehicles,
              gint64 capacity)
{
  g_autofree char *id = g_strdup_printf ("s%u", i);

  /* A grid about 20 m apart: apart at zoom 17, grouped at 13. */
  return vigie_test_station_new (id, CENTER_LAT + (i / 20) * 0.0002, CENTER_LON + (i % 20) * 0.0003,
                                 vehicles, capacity);
}

/* Counts that differ from station to station and from @round to round:
 * new symbols (their counts are written in them) at every update. */
static void
apply_stations (Fixture *fixture,
                guint    round)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();

  for (guint i = 0; i < N_STATIONS; i++)
    vigie_snapshot_add_entity (snapshot, make_station (i, (i + 7 * round) % 40 + 40 * round, 200));
  vigie_store_apply (fixture->store, snapshot, g_get_real_time () / G_USEC_PER_SEC);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (50);
}

static guint
n_drawn (Fixture  *fixture,
         gboolean  on_main_thread)
{
  return vigie_map_art_cache_get_n_drawn (fixture->layer->art_cache, on_main_thread);
}

/* The symbols of the items, and of the groups at the zoom shown, come
 * drawn from the plan's worker: the main thread draws none. */
static void
test_drawn_by_worker (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GdkTexture) texture = NULL;
  ShumateViewport *viewport = shumate_map_get_viewport (fixture->map);
  ClusterSet *set;
  guint n_other;

  for (guint round = 0; round < 3; round++)
    {
      n_other = n_drawn (fixture, FALSE);
      apply_stations (fixture, round);

      g_assert_cmpuint (fixture->layer->items->len, ==, N_STATIONS);
      g_assert_cmpuint (fixture->layer->arts->len, ==, fixture->layer->symbols->len);
      /* Tens of counts, each a symbol of its own, new at each round. */
      g_assert_cmpuint (fixture->layer->symbols->len, >=, 20);
      g_assert_cmpuint (n_drawn (fixture, FALSE), >=, n_other + 20);
      for (guint i = 0; i < fixture->layer->arts->len; i++)
        {
          Art *art = g_ptr_array_index (fixture->layer->arts, i);

          g_assert_nonnull (art->surface);
          g_assert_nonnull (art->texture);
          g_assert_cmpfloat (art->half, ==,
                             vigie_symbol_get_extent (&g_array_index (fixture->layer->symbols, VigieSymbol, i)) / 2.0);
        }
    }
  texture = vigie_test_render_widget (GTK_WIDGET (fixture->map));
  g_assert_nonnull (texture);
  g_assert_cmpuint (n_drawn (fixture, TRUE), ==, 0);

  /* Grouped: the groups of the zoom shown when the data changes come
   * drawn too. A zoom no worker built the groups of is drawn here. */
  shumate_viewport_set_zoom_level (viewport, 13);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (50);
  g_clear_object (&texture);
  texture = vigie_test_render_widget (GTK_WIDGET (fixture->map));
  n_other = n_drawn (fixture, TRUE);

  apply_stations (fixture, 3);
  g_clear_object (&texture);
  texture = vigie_test_render_widget (GTK_WIDGET (fixture->map));
  set = g_hash_table_lookup (fixture->layer->cluster_sets, GINT_TO_POINTER (13));
  g_assert_nonnull (set);
  g_assert_true (set->has_art);
  g_assert_cmpuint (set->clusters->len, <, N_STATIONS);
  for (guint i = 0; i < set->clusters->len; i++)
    {
      Cluster *cluster = &g_array_index (set->clusters, Cluster, i);

      if (cluster->n > 1)
        g_assert_nonnull (cluster->art);
    }
  g_assert_cmpuint (n_drawn (fixture, TRUE), ==, n_other);
}

typedef struct
{
  const VigieSymbol *symbol;
  cairo_surface_t   *surface;
} DrawJob;

static gpointer
draw_in_thread (gpointer data)
{
  DrawJob *job = data;

  job->surface = vigie_symbol_render_surface (job->symbol, 2);

  return NULL;
}

/* A worker draws with its own thread's Pango font map: the same pixels
 * as the main thread's, label included. */
static void
test_same_pixels (void)
{
  VigieSymbol symbol;
  DrawJob job = { &symbol, NULL };
  cairo_surface_t *here;
  GThread *thread;
  int side, stride;

  vigie_symbol_init (&symbol);
  symbol.shape = VIGIE_SYMBOL_SHAPE_GAUGE;
  symbol.fill = 0x0072b2ff;
  symbol.size = 30;
  symbol.fraction = 0.4;
  symbol.glyph = VIGIE_SYMBOL_GLYPH_BIKE;
  symbol.outdated = TRUE;
  vigie_symbol_set_label (&symbol, "12");

  thread = g_thread_new ("draw", draw_in_thread, &job);
  g_thread_join (thread);
  here = vigie_symbol_render_surface (&symbol, 2);

  side = cairo_image_surface_get_width (here);
  stride = cairo_image_surface_get_stride (here);
  g_assert_cmpint (cairo_image_surface_get_width (job.surface), ==, side);
  g_assert_cmpint (cairo_image_surface_get_stride (job.surface), ==, stride);
  /* Something was drawn, the label too: not two empty images. */
  g_assert_true (memchr (cairo_image_surface_get_data (here), 0xff, stride * side) != NULL);
  g_assert_cmpmem (cairo_image_surface_get_data (job.surface), stride * side,
                   cairo_image_surface_get_data (here), stride * side);

  cairo_surface_destroy (job.surface);
  cairo_surface_destroy (here);
}

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_gtk (&argc, &argv, "map layer art"))
    return 77;

  g_test_add ("/map-layer-art/drawn-by-worker", Fixture, NULL, vigie_test_map_layer_setup, test_drawn_by_worker,
              vigie_test_map_layer_teardown);
  g_test_add_func ("/map-layer-art/same-pixels", test_same_pixels);

  return g_test_run ();
}
