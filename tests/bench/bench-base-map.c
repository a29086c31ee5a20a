/* bench-base-map.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <shumate/shumate.h>

#include "bench-data.h"
#include "vigie-offline-source.h"

/* How late the built-in map is after a zoom: a map of the window's size on
 * Mulhouse, a series of zoom changes, and for each the time from the
 * change to the last tile of the visible area drawn (the tiles of the
 * margin that libshumate prefetches are not waited for). The source is
 * wrapped to see when each tile is done, and its id changes at every
 * step so that libshumate's memory cache never answers.
 *
 *   xvfb-run -a -s "-screen 0 1920x1080x24" _build/tests/bench/bench-base-map
 *
 * BENCH_NO_WATCH=1 leaves the source blind to the view, so tiles are drawn
 * in the order libshumate asks for them. BENCH_LOAD=4 keeps four 30 ms jobs running in GLib's shared worker pool
 * meanwhile, as feed parsing does in the app; BENCH_FRAME_MS=80 makes
 * every frame of the map cost 80 ms of the main thread, as the layers'
 * symbols do on a software renderer; BENCH_N=40 the number of
 * zooms (24 by default); BENCH_WIDTH, BENCH_HEIGHT the map's size. */

#define CENTER_LAT 47.7508
#define CENTER_LON  7.3359
#define TIMEOUT_US (10 * G_USEC_PER_SEC)

/* A map source that hands every tile to the built-in one and notes when
 * it is done. */
#define BENCH_TYPE_PROXY (bench_proxy_get_type ())
G_DECLARE_FINAL_TYPE (BenchProxy, bench_proxy, BENCH, PROXY, ShumateMapSource)

struct _BenchProxy
{
  ShumateMapSource  parent_instance;
  ShumateMapSource *inner;
  GHashTable       *done;       /* "z/x/y" → completion time (gint64 *) */
  guint             in_flight;
};

G_DEFINE_FINAL_TYPE (BenchProxy, bench_proxy, SHUMATE_TYPE_MAP_SOURCE)

static char *
tile_key (int x, int y, int z)
{
  return g_strdup_printf ("%d/%d/%d", z, x, y);
}

static void
on_inner_filled_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BenchProxy *self = g_task_get_source_object (task);
  ShumateTile *tile = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  self->in_flight--;
  if (!shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_hash_table_insert (self->done,
                       tile_key (shumate_tile_get_x (tile), shumate_tile_get_y (tile),
                                 shumate_tile_get_zoom_level (tile)),
                       g_memdup2 (&(gint64) { g_get_monotonic_time () }, sizeof (gint64)));
  g_task_return_boolean (task, TRUE);
}

static void
bench_proxy_fill_tile_async (ShumateMapSource    *source,
                             ShumateTile         *tile,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  BenchProxy *self = BENCH_PROXY (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_task_data (task, g_object_ref (tile), g_object_unref);
  self->in_flight++;
  shumate_map_source_fill_tile_async (self->inner, tile, cancellable, on_inner_filled_cb, task);
}

static gboolean
bench_proxy_fill_tile_finish (ShumateMapSource  *source,
                              GAsyncResult      *result,
                              GError           **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
bench_proxy_finalize (GObject *object)
{
  BenchProxy *self = BENCH_PROXY (object);

  g_clear_object (&self->inner);
  g_clear_pointer (&self->done, g_hash_table_unref);
  G_OBJECT_CLASS (bench_proxy_parent_class)->finalize (object);
}

static void
bench_proxy_class_init (BenchProxyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bench_proxy_finalize;
  SHUMATE_MAP_SOURCE_CLASS (klass)->fill_tile_async = bench_proxy_fill_tile_async;
  SHUMATE_MAP_SOURCE_CLASS (klass)->fill_tile_finish = bench_proxy_fill_tile_finish;
}

static void
bench_proxy_init (BenchProxy *self)
{
  self->done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* Feed parsing stand-ins: each job spins for 30 ms and starts another. */
static gboolean load_running;

static void
spin_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  gint64 end = g_get_monotonic_time () + 30000;
  volatile double x = 0;

  while (g_get_monotonic_time () < end)
    x += sqrt (x + 1);
  g_task_return_boolean (task, TRUE);
}

static void start_load_job (void);

static void
on_load_job_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  if (load_running)
    start_load_job ();
}

static void
start_load_job (void)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, on_load_job_done_cb, NULL);

  g_task_run_in_thread (task, spin_in_thread);
}

/* The main thread's share of the work: a frame that costs this much. */
static int frame_ms;

static gboolean
spin_frame_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  gint64 end = g_get_monotonic_time () + frame_ms * 1000;
  volatile double x = 0;

  while (g_get_monotonic_time () < end)
    x += sqrt (x + 1);
  return G_SOURCE_CONTINUE;
}

static int
env_int (const char *name,
         int         fallback)
{
  const char *value = g_getenv (name);

  return value != NULL ? atoi (value) : fallback;
}

int
main (int   argc,
      char *argv[])
{
  static const int zooms[] = { 13, 14, 15, 16, 15, 14 };
  int width = env_int ("BENCH_WIDTH", 1400);
  int height = env_int ("BENCH_HEIGHT", 900);
  int n_zooms = env_int ("BENCH_N", 24);
  int n_load = env_int ("BENCH_LOAD", 0);
  g_autoptr(VigieOfflineSource) offline = NULL;
  g_autoptr(BenchProxy) proxy = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  ShumateViewport *viewport;
  ShumateMap *map;
  GtkWidget *window;

  if (!gtk_init_check ())
    {
      g_printerr ("no display\n");
      return 1;
    }
  adw_init ();

  offline = vigie_offline_source_new ();
  proxy = g_object_new (BENCH_TYPE_PROXY,
                        "id", "bench-0",
                        "min-zoom-level", 10,
                        "max-zoom-level", 18,
                        "tile-size", 256,
                        "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                        NULL);
  proxy->inner = g_object_ref (SHUMATE_MAP_SOURCE (offline));

  map = shumate_map_new ();
  viewport = shumate_map_get_viewport (map);
  shumate_viewport_set_reference_map_source (viewport, SHUMATE_MAP_SOURCE (proxy));
  shumate_map_add_layer (map, SHUMATE_LAYER (shumate_map_layer_new (SHUMATE_MAP_SOURCE (proxy), viewport)));
  if (g_getenv ("BENCH_NO_WATCH") == NULL)
    vigie_offline_source_watch (offline, map);
  gtk_widget_set_size_request (GTK_WIDGET (map), width, height);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (map));
  shumate_location_set_location (SHUMATE_LOCATION (viewport), CENTER_LAT, CENTER_LON);
  shumate_viewport_set_zoom_level (viewport, 12);
  gtk_window_present (GTK_WINDOW (window));

  /* Let the first view settle. */
  {
    gint64 start = g_get_monotonic_time ();

    while ((gtk_widget_get_width (GTK_WIDGET (map)) == 0 || proxy->in_flight > 0 ||
            g_hash_table_size (proxy->done) == 0) &&
           g_get_monotonic_time () - start < TIMEOUT_US)
      g_main_context_iteration (NULL, TRUE);
  }

  frame_ms = env_int ("BENCH_FRAME_MS", 0);
  if (frame_ms > 0)
    gtk_widget_add_tick_callback (GTK_WIDGET (map), spin_frame_cb, NULL, NULL);

  load_running = n_load > 0;
  for (int i = 0; i < n_load; i++)
    start_load_job ();

  for (int i = 0; i < n_zooms; i++)
    {
      int zoom = zooms[i % G_N_ELEMENTS (zooms)];
      /* Wander about the centre, so each step has its own tiles. */
      double lat = CENTER_LAT + 0.006 * sin (i * 1.3);
      double lon = CENTER_LON + 0.009 * cos (i * 0.7);
      g_autofree char *id = g_strdup_printf ("bench-%d", i + 1);
      int w = gtk_widget_get_width (GTK_WIDGET (map));
      int h = gtk_widget_get_height (GTK_WIDGET (map));
      double cx, cy;
      int x0, y0, x1, y1;
      gint64 start, last = 0;
      gboolean all = FALSE;
      double ms;

      shumate_map_source_set_id (SHUMATE_MAP_SOURCE (proxy), id);
      g_hash_table_remove_all (proxy->done);

      start = g_get_monotonic_time ();
      shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
      shumate_viewport_set_zoom_level (viewport, zoom);

      cx = shumate_map_source_get_x (SHUMATE_MAP_SOURCE (proxy), zoom, lon);
      cy = shumate_map_source_get_y (SHUMATE_MAP_SOURCE (proxy), zoom, lat);
      x0 = (int) floor ((cx - w / 2.0) / 256);
      x1 = (int) floor ((cx + w / 2.0 - 1) / 256);
      y0 = (int) floor ((cy - h / 2.0) / 256);
      y1 = (int) floor ((cy + h / 2.0 - 1) / 256);

      while (!all && g_get_monotonic_time () - start < TIMEOUT_US)
        {
          g_main_context_iteration (NULL, TRUE);

          all = TRUE;
          last = 0;
          for (int x = x0; x <= x1 && all; x++)
            for (int y = y0; y <= y1 && all; y++)
              {
                g_autofree char *key = tile_key (x, y, zoom);
                gint64 *done = g_hash_table_lookup (proxy->done, key);

                if (done == NULL)
                  all = FALSE;
                else
                  last = MAX (last, *done);
              }
        }

      ms = all ? (last - start) / 1000.0 : TIMEOUT_US / 1000.0;
      g_array_append_val (samples, ms);
      g_print ("zoom %2d: %3d visible tiles, last drawn after %7.1f ms\n",
               zoom, (x1 - x0 + 1) * (y1 - y0 + 1), ms);

      /* The prefetch finishes before the next zoom. */
      start = g_get_monotonic_time ();
      while (proxy->in_flight > 0 && g_get_monotonic_time () - start < TIMEOUT_US)
        g_main_context_iteration (NULL, TRUE);
    }

  load_running = FALSE;
  g_array_sort (samples, bench_compare_doubles);
  g_print ("%d zooms, %d×%d map, %d background jobs, %d ms frames: median %.1f ms, p95 %.1f ms, max %.1f ms\n",
           n_zooms, gtk_widget_get_width (GTK_WIDGET (map)), gtk_widget_get_height (GTK_WIDGET (map)),
           n_load, frame_ms, bench_percentile (samples, 0.5), bench_percentile (samples, 0.95),
           g_array_index (samples, double, samples->len - 1));

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
