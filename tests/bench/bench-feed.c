/* bench-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <time.h>

#include <libsoup/soup.h>
#include <math.h>
#include <shumate/shumate.h>
#include <stdio.h>

#include "bench-data.h"
#include "vigie-feed.h"
#include "vigie-format.h"
#include "vigie-http-client.h"
#include "vigie-map-layer.h"
#include "vigie-memory.h"
#include "vigie-renderer.h"
#include "vigie-store.h"

/* How long the main loop stalls while a large GBFS feed is fetched,
 * parsed, combined and prepared (in a worker) and applied, with a
 * VigieMapLayer on a shown map watching the feed's store, as in the app.
 * A 1 ms timer records the longest gap between its runs during each
 * update, until 100 ms after the layer shows it (the layer rebuilds its
 * items in a worker, then swaps them in on the main thread; the frame
 * that draws the update counts too), and the main thread's CPU time in
 * it; apart, the main thread's longest run outside the window's frames
 * (the update applied) and its longest frame (GTK drawing the update,
 * with the renderer the app would choose); the store's items-changed emission
 * and the time from it to the layer showing the update are timed on
 * their own. Only station_status changes
 * between updates: the other documents answer 304 Not Modified, as a
 * well-behaved server does. The baselines: the timer alone, and parse +
 * combine + prepare of the same bytes on the main thread, as a naive app
 * would.
 *
 *   xvfb-run -a -s "-screen 0 1920x1080x24" _release/tests/bench/bench-feed [stations...]
 *
 * BENCH_UPDATES (default 20, at least 20) updates per size. */

static guint n_updates = 20;

static GBytes *discovery, *information, *status;
static char *status_etag;
static char *base;
static GMutex lock;

static GBytes *
bytes_printf (const char *format,
                         ...) G_GNUC_PRINTF (1, 2);

static GBytes *
bytes_printf (const char *format,
                         ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  return g_bytes_new_take (text, strlen (text));
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);
  gboolean is_status = !g_str_equal (path, "/gbfs.json") && !g_str_equal (path, "/station_information.json");
  GBytes *body = g_str_equal (path, "/gbfs.json") ? discovery
               : g_str_equal (path, "/station_information.json") ? information
               : status;
  g_autofree char *etag = g_strdup_printf ("\"%s-%zu\"", is_status ? status_etag : "fixed", g_bytes_get_size (body));
  const char *match = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-None-Match");

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
  if (match != NULL && g_str_equal (match, etag))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
set_status (GBytes *bytes,
            guint   cycle)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);

  g_clear_pointer (&status, g_bytes_unref);
  status = bytes;
  g_free (status_etag);
  status_etag = g_strdup_printf ("status-%u", cycle);
}

typedef struct
{
  gint64 last;
  gint64 max_gap;
  gint64 last_cpu;
  gint64 max_cpu;       /* the main thread's own CPU time in the longest gap */
  gint64 frame_start;   /* the main thread's CPU time when a frame began; 0 outside */
  gint64 frames_cpu;    /* in frames since the last run of the timer */
  gint64 max_other_cpu; /* in a gap, outside frames */
  gint64 max_frame_cpu;
} Watch;

/* The window's frames: Watch *, or NULL between updates. */
static Watch *watched;

static gboolean
on_tick_cb (gpointer data)
{
  Watch *watch = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = bench_thread_cpu_us ();

  if (watch->last != 0)
    {
      watch->max_gap = MAX (watch->max_gap, now - watch->last);
      watch->max_cpu = MAX (watch->max_cpu, cpu - watch->last_cpu);
      watch->max_other_cpu = MAX (watch->max_other_cpu, cpu - watch->last_cpu - watch->frames_cpu);
    }
  watch->last = now;
  watch->last_cpu = cpu;
  watch->frames_cpu = 0;

  return G_SOURCE_CONTINUE;
}

static void
on_before_paint_cb (GdkFrameClock *clock,
                    gpointer       user_data)
{
  if (watched != NULL)
    watched->frame_start = bench_thread_cpu_us ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  gint64 cpu;

  if (watched == NULL || watched->frame_start == 0)
    return;

  cpu = bench_thread_cpu_us () - watched->frame_start;
  watched->frames_cpu += cpu;
  watched->max_frame_cpu = MAX (watched->max_frame_cpu, cpu);
  watched->frame_start = 0;
}

typedef struct
{
  guint  n_changes;
  gint64 first;         /* this update's first emission began; 0 before */
  gint64 start;
  gint64 longest;       /* of this update's emissions */
} Changes;

static void
on_items_changed_first_cb (GListModel *store,
                           guint       position,
                           guint       removed,
                           guint       added,
                           Changes    *changes)
{
  changes->start = g_get_monotonic_time ();
  if (changes->first == 0)
    changes->first = changes->start;
}

static void
on_items_changed_last_cb (GListModel *store,
                          guint       position,
                          guint       removed,
                          guint       added,
                          Changes    *changes)
{
  changes->longest = MAX (changes->longest, g_get_monotonic_time () - changes->start);
  changes->n_changes++;
}

static void
append_ms (GArray *values,
           gint64  us)
{
  double ms = us / 1000.0;

  g_array_append_val (values, ms);
}

/* The main thread's CPU in each of @n_frames frames of @widget's window
 * with @widget drawn again, nothing new: what any frame of it costs. */
static GArray *
measure_frames (GtkWidget *widget,
                guint      n_frames)
{
  GArray *frames = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < n_frames; i++)
    {
      Watch watch = { 0 };

      watched = &watch;
      gtk_widget_queue_draw (widget);
      while (watch.max_frame_cpu == 0)
        g_main_context_iteration (NULL, TRUE);
      watched = NULL;
      append_ms (frames, watch.max_frame_cpu);
    }

  return frames;
}

static void
run (ShumateMap *map,
     guint       n_stations)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-bench");
  g_autoptr(VigieFeed) feed = NULL;
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) stalls_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) other_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) redrawn_frames = NULL;
  g_autoptr(GArray) emissions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) idle = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) inline_parse = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) inline_all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(VigieSnapshot) info_snapshot = NULL;
  g_autoptr(VigieSnapshot) previous = NULL;
  g_autofree char *url = g_strdup_printf ("%s/gbfs.json", base);
  const VigieFormat *gbfs = vigie_format_lookup ("gbfs");
  VigieParseContext context = { .now = 1795590000, .language = "fr" };
  VigieMapLayer *layer;
  VigieStore *store;
  Changes changes = { 0 };
  gsize status_size;

  g_mutex_lock (&lock);
  g_clear_pointer (&information, g_bytes_unref);
  information = bench_make_gbfs_information (n_stations);
  g_mutex_unlock (&lock);
  set_status (bench_make_gbfs_status (n_stations, 0), 0);
  status_size = g_bytes_get_size (status);

  /* Baseline 1: the timer alone, for as long as an update takes. */
  for (guint c = 0; c < n_updates; c++)
    {
      Watch watch = { 0 };
      guint id = g_timeout_add (1, on_tick_cb, &watch);
      gint64 end = g_get_monotonic_time () + 100 * 1000;

      while (g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (id);
      append_ms (idle, watch.max_gap);
    }

  /* Baseline 2: what the worker does, on the main thread: parse the new
   * status, combine it with the station information, prepare against
   * the snapshot shown before. */
  info_snapshot = gbfs->parse ("station_information", information, &context, NULL);
  /* BENCH_ENGINE_ONLY=1: no baseline, for a profiler's view of the engine. */
  for (guint c = 0; c < (g_getenv ("BENCH_ENGINE_ONLY") != NULL ? 0 : n_updates); c++)
    {
      g_autoptr(GBytes) bytes = bench_make_gbfs_status (n_stations, c + 1);
      g_autoptr(GHashTable) by_role = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                             (GDestroyNotify) vigie_snapshot_unref);
      gint64 start = g_get_monotonic_time ();
      VigieSnapshot *parsed = gbfs->parse ("station_status", bytes, &context, NULL);
      gint64 parsed_at = g_get_monotonic_time ();
      VigieSnapshot *combined;

      g_hash_table_insert (by_role, (gpointer) "station_information", vigie_snapshot_ref (info_snapshot));
      g_hash_table_insert (by_role, (gpointer) "station_status", parsed);
      combined = gbfs->combine (by_role, &context);
      vigie_snapshot_prepare (combined, previous, context.now);
      append_ms (inline_parse, parsed_at - start);
      append_ms (inline_all, g_get_monotonic_time () - start);
      g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, n_stations);
      g_clear_pointer (&previous, vigie_snapshot_unref);
      previous = combined;
    }

  /* The engine, with a layer on the shown map watching the store. */
  feed = vigie_feed_new ("bench", NULL, VIGIE_FEED_KIND_BIKES, "gbfs", url);
  store = vigie_feed_get_store (feed);
  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed_first_cb), &changes);
  layer = vigie_map_layer_new_for_feed (shumate_map_get_viewport (map), feed);
  shumate_map_add_layer (map, SHUMATE_LAYER (layer));
  g_signal_connect_after (store, "items-changed", G_CALLBACK (on_items_changed_last_cb), &changes);

  vigie_feed_start (feed, client);
  while (g_list_model_get_n_items (G_LIST_MODEL (store)) < n_stations ||
         vigie_map_layer_get_busy (layer))
    g_main_context_iteration (NULL, TRUE);

  /* Each update: station_status changes, the rest answers 304. */
  for (guint c = 0; c < n_updates; c++)
    {
      Watch watch = { 0 };
      guint n_changes = changes.n_changes;
      guint id;
      gint64 end;

      set_status (bench_make_gbfs_status (n_stations, c + 1), c + 1);
      changes.longest = 0;
      changes.first = 0;

      id = g_timeout_add (1, on_tick_cb, &watch);
      watched = &watch;
      vigie_feed_refresh (feed);
      while (changes.n_changes == n_changes)
        g_main_context_iteration (NULL, TRUE);
      while (vigie_map_layer_get_busy (layer))
        g_main_context_iteration (NULL, TRUE);
      append_ms (shown, g_get_monotonic_time () - changes.first);
      end = g_get_monotonic_time () + 100 * 1000;
      while (g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (id);
      watched = NULL;

      append_ms (stalls, watch.max_gap);
      append_ms (stalls_cpu, watch.max_cpu);
      append_ms (other_cpu, watch.max_other_cpu);
      append_ms (frame_cpu, watch.max_frame_cpu);
      append_ms (emissions, changes.longest);
    }

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n_stations);
  redrawn_frames = measure_frames (GTK_WIDGET (layer), n_updates);

  printf ("%u stations, %.1f KiB station_status, %u updates; VigieMapLayer (grouping as shipped) on the shown map, %s\n",
          n_stations, status_size / 1024.0, n_updates,
          G_OBJECT_TYPE_NAME (gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (map)))));
  bench_print_figures (48, "idle: 1 ms timer's longest gap", idle);
  bench_print_figures (48, "engine: longest main-loop stall per update", stalls);
  bench_print_figures (48, "engine: main thread's CPU in its longest run", stalls_cpu);
  bench_print_figures (48, "  outside frames (the update applied)", other_cpu);
  bench_print_figures (48, "  its longest frame (GTK drawing the update)", frame_cpu);
  bench_print_figures (48, "  the layer drawn again, nothing new", redrawn_frames);
  bench_print_figures (48, "engine: the store's items-changed emission", emissions);
  bench_print_figures (48, "engine: store changed → layer shows it", shown);
  if (inline_all->len > 0)
    {
      bench_print_figures (48, "main thread: parse only", inline_parse);
      bench_print_figures (48, "main thread: parse + combine + prepare", inline_all);
      printf ("  main thread (parse + combine + prepare) / engine stall: %.1f× at p50; engine stall / idle gap: %.1f× at p50\n",
              bench_percentile (inline_all, 0.5) / bench_percentile (stalls, 0.5),
              bench_percentile (stalls, 0.5) / bench_percentile (idle, 0.5));
    }

  vigie_feed_stop (feed);
  shumate_map_remove_layer (map, SHUMATE_LAYER (layer));
  g_signal_handlers_disconnect_by_data (store, &changes);
}

/* The server runs in a thread of its own: its work is not the app's. */
static gpointer
serve_in_thread (gpointer data)
{
  GMainContext *context = g_main_context_new ();
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("%s", error->message);
  uris = soup_server_get_uris (server);
  g_atomic_pointer_set (&base, g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data)));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  for (;;)
    g_main_context_iteration (context, TRUE);

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  const guint sizes[] = { 1000, 10000, 50000 };
  g_autoptr(ShumateMapSource) source = NULL;
  GtkWidget *window;
  ShumateMap *map;

  /* malloc tuned as the app tunes it (main.c). */
  vigie_memory_tune ();
  n_updates = MAX (20, (guint) g_ascii_strtoull (g_getenv ("BENCH_UPDATES") ?: "20", NULL, 10));

  if (!gtk_init_check ())
    {
      g_printerr ("No display: run under xvfb-run\n");
      return 77;
    }
  /* The renderer the app draws with: cairo when OpenGL is drawn by the
   * CPU, unless GSK_RENDERER says otherwise. */
  vigie_renderer_choose (gdk_display_get_default ());

  /* A shown map, so that the layer's redraw after an update is a frame
   * of the main loop as in the app; no tile layer, no tile is asked for. */
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  map = shumate_map_new ();
  source = SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_from_url ("https://tiles.invalid/{z}/{x}/{y}.png"));
  shumate_viewport_set_reference_map_source (shumate_map_get_viewport (map), source);
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (map), 14);
  shumate_map_center_on (map, 47.75, 7.50);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (map));
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (GTK_WIDGET (map)) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (window), "before-paint", G_CALLBACK (on_before_paint_cb), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), NULL);

  g_thread_new ("server", serve_in_thread, NULL);
  while (g_atomic_pointer_get (&base) == NULL)
    g_usleep (1000);

  discovery = bytes_printf ("{\"last_updated\": 1795590000, \"ttl\": 60, \"version\": \"2.3\", \"data\": {\"fr\": {\"feeds\": ["
                                  "{\"name\": \"station_information\", \"url\": \"%s/station_information.json\"},"
                                  "{\"name\": \"station_status\", \"url\": \"%s/station_status.json\"}]}}}",
                                  base, base);

  printf ("Main-loop stall while a GBFS feed is fetched, parsed, combined and prepared (worker) and applied\n");
  if (argc > 1)
    for (int i = 1; i < argc; i++)
      run (map, (guint) g_ascii_strtoull (argv[i], NULL, 10));
  else
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      run (map, sizes[i]);

  gtk_window_destroy (GTK_WINDOW (window));

  return 0;
}
