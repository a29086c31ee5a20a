/* test-map-drawing.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>
#include <math.h>
#include <shumate/shumate.h>

#include "vigie-entity-private.h"
#include "vigie-group-style.h"
#include "vigie-http-client.h"
#include "vigie-layers-panel.h"
#include "vigie-map-layer-private.h"
#include "vigie-snapshot.h"
#include "vigie-store.h"
#include "vigie-symbol-renderer.h"
#include "vigie-test-ui.h"

/* How data is drawn and said: old data looks old on the map and in its
 * layer's row, timetable data never does, a feed turned off is no active
 * layer, and each layer's symbols are told apart by shape. A real map in
 * a real window under Xvfb, with no tiles: the viewport only needs a
 * reference source to place things. */

#define CENTER_LAT 47.7459
#define CENTER_LON  7.3395
#define ZOOM       15.5
#define WIDTH     640
#define HEIGHT    480

typedef struct
{
  GtkWidget        *window;
  GtkWidget        *box;
  ShumateMap       *map;
  ShumateMapSource *source;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), WIDTH + 360, HEIGHT);
  fixture->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  fixture->map = vigie_test_map_new (CENTER_LAT, CENTER_LON, ZOOM, &fixture->source);
  gtk_widget_set_size_request (GTK_WIDGET (fixture->map), WIDTH, HEIGHT);

  gtk_widget_set_hexpand (GTK_WIDGET (fixture->map), FALSE);
  gtk_box_append (GTK_BOX (fixture->box), GTK_WIDGET (fixture->map));
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->box);
  gtk_window_present (GTK_WINDOW (fixture->window));

  while (gtk_widget_get_width (GTK_WIDGET (fixture->map)) == 0)
    g_main_context_iteration (NULL, TRUE);
  /* Centred once its size is known. */
  shumate_map_center_on (fixture->map, CENTER_LAT, CENTER_LON);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (50);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->source);
}

static GdkTexture *
render_map (Fixture *fixture)
{
  GdkTexture *texture = vigie_test_render_widget (GTK_WIDGET (fixture->map));

  g_assert_nonnull (texture);
  return texture;
}

/* How much of a square around (x, y) differs between two renderings. */
static guint
count_different (GdkTexture *a,
                 GdkTexture *b,
                 double      x,
                 double      y,
                 int         half)
{
  guint n = 0;

  for (int dy = -half; dy <= half; dy++)
    for (int dx = -half; dx <= half; dx++)
      if (vigie_test_pixel_distance (vigie_test_pixel_at (a, x + dx, y + dy), vigie_test_pixel_at (b, x + dx, y + dy), FALSE) > 40)
        n++;

  return n;
}

/* Dark pixels around (x, y): outlines, marks, badges. */
static guint
count_dark (GdkTexture *texture,
            double      x,
            double      y,
            int         half)
{
  guint n = 0;

  for (int dy = -half; dy <= half; dy++)
    for (int dx = -half; dx <= half; dx++)
      {
        guint32 p = vigie_test_pixel_at (texture, x + dx, y + dy);

        if ((p & 0xff) > 0xc0 && (p >> 24) < 0x70 && ((p >> 16) & 0xff) < 0x70 && ((p >> 8) & 0xff) < 0x70)
          n++;
      }

  return n;
}

static void
to_widget (Fixture       *fixture,
           VigieMapLayer *layer,
           VigieEntity   *entity,
           double        *x,
           double        *y)
{
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (fixture->map),
                                              GTK_WIDGET (fixture->map),
                                              vigie_entity_get_latitude (entity),
                                              vigie_entity_get_longitude (entity), x, y);
}

static void
on_polled_cb (VigieFeed  *feed,
              const char *role,
              gboolean    success,
              gboolean   *polled)
{
  *polled = TRUE;
}

static void
test_outdated_feed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieFeed) feed = NULL;
  g_autoptr(VigieStore) fresh_store = vigie_store_new ();
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();
  g_autoptr(GListStore) layers = g_list_store_new (VIGIE_TYPE_MAP_LAYER);
  g_autoptr(GdkTexture) old_texture = NULL;
  g_autoptr(GdkTexture) fresh_texture = NULL;
  g_autofree char *url = NULL;
  VigieMapLayer *old_layer, *fresh_layer;
  GListModel *store;
  GtkWidget *panel, *row;
  const char *subtitle;
  gboolean polled = FALSE;
  GSList *uris;
  guint n_checked = 0;

  /* The Wi-Fi fixture's data dates from 2026-11-25 08:00 (07:00 UTC): long
   * past the Wi-Fi limit. */
  vigie_test_server_add_fixture (server, NULL, "wifi", "hotspots.geojson", "application/geo+json");
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/hotspots.geojson", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  feed = vigie_feed_new ("wifi", "Wi-Fi", VIGIE_FEED_KIND_WIFI, "wifi-geojson", url);
  g_signal_connect (feed, "polled", G_CALLBACK (on_polled_cb), &polled);
  vigie_feed_start (feed, client);
  while (!polled)
    g_main_context_iteration (NULL, TRUE);
  store = G_LIST_MODEL (vigie_feed_get_store (feed));
  g_assert_cmpuint (g_list_model_get_n_items (store), >, 0);

  /* The same things, told just now. */
  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    {
      g_autoptr(VigieEntity) entity = g_list_model_get_item (store, i);

      vigie_snapshot_add_entity (snapshot,
                                 vigie_entity_new (vigie_entity_get_kind (entity), vigie_entity_get_id (entity),
                                                   vigie_entity_get_name (entity),
                                                   vigie_entity_get_latitude (entity),
                                                   vigie_entity_get_longitude (entity),
                                                   g_get_real_time () / G_USEC_PER_SEC,
                                                   g_variant_ref (vigie_entity_get_values (entity))));
    }
  vigie_store_apply (fresh_store, snapshot, g_get_real_time () / G_USEC_PER_SEC);

  old_layer = vigie_map_layer_new_for_feed (shumate_map_get_viewport (fixture->map), feed);
  fresh_layer = vigie_map_layer_new (shumate_map_get_viewport (fixture->map), VIGIE_FEED_KIND_WIFI,
                                     G_LIST_MODEL (fresh_store));
  vigie_map_layer_set_clustering (old_layer, FALSE);
  vigie_map_layer_set_clustering (fresh_layer, FALSE);
  shumate_map_add_layer (fixture->map, SHUMATE_LAYER (old_layer));
  shumate_map_add_layer (fixture->map, SHUMATE_LAYER (fresh_layer));

  /* One at a time, on the same map. */
  gtk_widget_set_visible (GTK_WIDGET (fresh_layer), FALSE);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (50);
  old_texture = render_map (fixture);
  gtk_widget_set_visible (GTK_WIDGET (old_layer), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (fresh_layer), TRUE);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (50);
  fresh_texture = render_map (fixture);

  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    {
      g_autoptr(VigieEntity) entity = g_list_model_get_item (store, i);
      double x, y;

      to_widget (fixture, old_layer, entity, &x, &y);
      if (x < 30 || y < 30 || x > WIDTH - 30 || y > HEIGHT - 30)
        continue;

      /* Faded and marked: a good part of the symbol differs. */
      g_test_message ("%s at %.0f, %.0f: %u pixels differ", vigie_entity_get_id (entity), x, y,
                      count_different (old_texture, fresh_texture, x, y, 12));
      g_assert_cmpuint (count_different (old_texture, fresh_texture, x, y, 12), >, 40);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 0);

  /* The row says it in words, with the time of the data. */
  g_list_store_append (layers, old_layer);
  panel = vigie_layers_panel_new (G_LIST_MODEL (layers));
  gtk_widget_set_size_request (panel, 360, -1);
  gtk_box_append (GTK_BOX (fixture->box), panel);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (50);
  row = vigie_test_find_descendant (panel, ADW_TYPE_EXPANDER_ROW);
  g_assert_nonnull (row);
  subtitle = adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
  g_test_message ("row: %s", subtitle);
  g_assert_nonnull (strstr (subtitle, "data frozen since 07:00"));

  vigie_feed_stop (feed);
  shumate_map_remove_layer (fixture->map, SHUMATE_LAYER (old_layer));
  shumate_map_remove_layer (fixture->map, SHUMATE_LAYER (fresh_layer));
}

static void
test_stops_never_old (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(VigieStore) store = vigie_store_new ();
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();
  g_autoptr(GdkTexture) texture = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  VigieEntity *old_stop, *new_stop, *old_tram;
  VigieMapLayer *layer;
  double x[2], y[2];

  /* The timetable was read a day ago; a stop from it is no less true. */
  old_stop = vigie_entity_new (VIGIE_ENTITY_STOP, "old", "Porte Jeune", CENTER_LAT, CENTER_LON - 0.001, now - 86400, NULL);
  new_stop = vigie_entity_new (VIGIE_ENTITY_STOP, "new", "Gare", CENTER_LAT, CENTER_LON + 0.001, now, NULL);
  old_tram = vigie_entity_new (VIGIE_ENTITY_VEHICLE, "tram", "1", CENTER_LAT + 0.001, CENTER_LON, now - 120, NULL);
  vigie_snapshot_add_entity (snapshot, old_stop);
  vigie_snapshot_add_entity (snapshot, new_stop);
  vigie_snapshot_add_entity (snapshot, old_tram);
  vigie_store_apply (store, snapshot, now);

  layer = vigie_map_layer_new (shumate_map_get_viewport (fixture->map), VIGIE_FEED_KIND_TRAMS, G_LIST_MODEL (store));
  shumate_map_add_layer (fixture->map, SHUMATE_LAYER (layer));
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (50);

  /* Drawn alike: no faded stop. */
  texture = render_map (fixture);
  to_widget (fixture, layer, old_stop, &x[0], &y[0]);
  to_widget (fixture, layer, new_stop, &x[1], &y[1]);
  g_test_message ("dark pixels: old stop %u, new stop %u",
                  count_dark (texture, x[0], y[0], 9), count_dark (texture, x[1], y[1], 9));
  g_assert_cmpuint (count_dark (texture, x[1], y[1], 9), >, 8);
  g_assert_cmpint (ABS ((int) count_dark (texture, x[0], y[0], 9) - (int) count_dark (texture, x[1], y[1], 9)), <=, 4);

  /* And no warning in its details. (The popover moves the focus back
   * where it was when it closes: give the window one.) */
  gtk_widget_set_focusable (GTK_WIDGET (layer), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (layer));
  vigie_map_layer_select (layer, vigie_store_lookup (store, VIGIE_ENTITY_STOP, "old"), TRUE);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (50);
  g_assert_nonnull (vigie_test_find_label (GTK_WIDGET (layer), "Porte Jeune", VIGIE_TEST_LABEL_ANY));
  g_assert_null (vigie_test_find_label (GTK_WIDGET (layer), "do not rely", VIGIE_TEST_LABEL_ANY));
  vigie_map_layer_select (layer, NULL, FALSE);

  shumate_map_remove_layer (fixture->map, SHUMATE_LAYER (layer));
}

static void
test_disabled_feed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(VigieFeed) feed = vigie_feed_new ("siri", "SIRI-Lite", VIGIE_FEED_KIND_TRAMS, "gtfs",
                                              "http://127.0.0.1:9/gtfs.zip");
  g_autoptr(GListStore) layers = g_list_store_new (VIGIE_TYPE_MAP_LAYER);
  VigieMapLayer *layer;
  GtkWidget *panel, *row, *toggle;

  vigie_feed_set_enabled (feed, FALSE);
  layer = vigie_map_layer_new_for_feed (shumate_map_get_viewport (fixture->map), feed);
  shumate_map_add_layer (fixture->map, SHUMATE_LAYER (layer));
  g_list_store_append (layers, layer);
  panel = vigie_layers_panel_new (G_LIST_MODEL (layers));
  gtk_box_append (GTK_BOX (fixture->box), panel);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (50);

  row = vigie_test_find_descendant (panel, ADW_TYPE_EXPANDER_ROW);
  toggle = vigie_test_find_descendant (row, GTK_TYPE_SWITCH);
  g_assert_nonnull (toggle);
  /* Not an active layer with its switch on, "Paused — 0 shown". */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (layer)));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (gtk_widget_get_sensitive (toggle));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "Feed turned off in Preferences");

  /* Turned on again: an active layer. */
  vigie_feed_set_enabled (feed, TRUE);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (20);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (layer)));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_true (gtk_widget_get_sensitive (toggle));

  shumate_map_remove_layer (fixture->map, SHUMATE_LAYER (layer));
}

/* Pixels of a symbol alone, as the layer caches it. */
static guint
count_symbol_differences (const VigieSymbol *a,
                          const VigieSymbol *b)
{
  cairo_surface_t *sa = vigie_symbol_render_surface (a, 1);
  cairo_surface_t *sb = vigie_symbol_render_surface (b, 1);
  int width = cairo_image_surface_get_width (sa);
  int height = cairo_image_surface_get_height (sa);
  guint n = 0;

  g_assert_cmpint (width, ==, cairo_image_surface_get_width (sb));
  for (int y = 0; y < height; y++)
    {
      const guint32 *ra = (const guint32 *) (cairo_image_surface_get_data (sa) + y * cairo_image_surface_get_stride (sa));
      const guint32 *rb = (const guint32 *) (cairo_image_surface_get_data (sb) + y * cairo_image_surface_get_stride (sb));

      for (int x = 0; x < width; x++)
        if (vigie_test_pixel_distance (ra[x] << 8, rb[x] << 8, FALSE) > 60)
          n++;
    }

  cairo_surface_destroy (sa);
  cairo_surface_destroy (sb);

  return n;
}

/* A symbol is drawn once: the GL renderer's texture shows the very pixels
 * of the cairo renderer's surface. */
static void
test_symbol_texture (void)
{
  VigieSymbol symbol;
  cairo_surface_t *surface;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  int side, stride;

  vigie_group_style_symbol (VIGIE_FEED_KIND_BIKES, 12, 0.25, NULL, &symbol);
  surface = vigie_symbol_render_surface (&symbol, 2);
  texture = vigie_symbol_texture_for_surface (surface);
  side = cairo_image_surface_get_width (surface);
  stride = cairo_image_surface_get_stride (surface);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, side);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, side);

  pixels = g_malloc (stride * side);
  gdk_texture_download (texture, pixels, stride);
  g_assert_cmpmem (pixels, stride * side, cairo_image_surface_get_data (surface), stride * side);

  /* The texture keeps the pixels alive. */
  cairo_surface_destroy (surface);
  gdk_texture_download (texture, pixels, stride);
}

static void
test_station_glyphs (void)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(VigieEntity) station = NULL;
  VigieSymbol bike, car, bike_again;

  g_variant_dict_insert (&values, "vehicles_available", "x", (gint64) 8);
  g_variant_dict_insert (&values, "docks_available", "x", (gint64) 8);
  g_variant_dict_insert (&values, "capacity", "x", (gint64) 16);
  station = vigie_entity_new (VIGIE_ENTITY_STATION, "s", "Station", CENTER_LAT, CENTER_LON, 0,
                              g_variant_dict_end (&values));

  /* The same state, the same count: only the layer differs. */
  vigie_style_entity (VIGIE_FEED_KIND_BIKES, station, NULL, &bike);
  vigie_style_entity (VIGIE_FEED_KIND_CAR_SHARE, station, NULL, &car);
  vigie_style_entity (VIGIE_FEED_KIND_BIKES, station, NULL, &bike_again);
  g_assert_cmpstr (bike.label, ==, car.label);

  g_assert_cmpuint (count_symbol_differences (&bike, &bike_again), ==, 0);
  g_test_message ("%u pixels differ", count_symbol_differences (&bike, &car));
  g_assert_cmpuint (count_symbol_differences (&bike, &car), >, 20);
}

static gboolean
boxes_overlap (const VigieGroupBox *a,
               const VigieGroupBox *b)
{
  return a->x + a->dx + a->left < b->x + b->dx + b->right && b->x + b->dx + b->left < a->x + a->dx + a->right &&
         a->y + a->dy + a->top < b->y + b->dy + b->bottom && b->y + b->dy + b->top < a->y + a->dy + a->bottom;
}

static void
test_place (void)
{
  VigieGroupBox boxes[12];

  /* Twelve groups of all sizes on the very same spot. */
  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    boxes[i] = (VigieGroupBox) { .x = 100, .y = 100, .left = -20 - i, .top = -20,
                                 .right = 20 + i, .bottom = 20 + 2 * i, .weight = i % 5 };
  vigie_map_groups_place (boxes, G_N_ELEMENTS (boxes), 2.0);

  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (boxes); j++)
      g_assert_false (boxes_overlap (&boxes[i], &boxes[j]));

  /* The heaviest stays where its members are. */
  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    if (i == 4)
      g_assert_true (boxes[i].dx == 0 && boxes[i].dy == 0);
}

static void
test_groups_apart (Fixture       *fixture,
                   gconstpointer  data)
{
  ShumateViewport *viewport = shumate_map_get_viewport (fixture->map);
  g_autoptr(VigieMapGroups) groups = vigie_map_groups_new ();
  g_autoptr(VigieStore) bikes = vigie_store_new ();
  g_autoptr(VigieStore) cars = vigie_store_new ();
  g_autoptr(VigieSnapshot) bike_snapshot = vigie_snapshot_new ();
  g_autoptr(VigieSnapshot) car_snapshot = vigie_snapshot_new ();
  g_autoptr(GArray) bike_boxes = g_array_new (FALSE, FALSE, sizeof (VigieGroupBox));
  g_autoptr(GArray) car_boxes = g_array_new (FALSE, FALSE, sizeof (VigieGroupBox));
  g_autoptr(GPtrArray) bike_summaries = g_ptr_array_new ();
  g_autoptr(GPtrArray) car_summaries = g_ptr_array_new ();
  VigieMapLayer *bike_layer, *car_layer;

  /* Six bike docks and six car-share stations within a few metres: at
   * zoom 13, one group each, on the same spot. Three docks are empty,
   * one full. */
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *bike = g_strdup_printf ("bike-%u", i);
      g_autofree char *car = g_strdup_printf ("car-%u", i);
      gint64 vehicles = i < 3 ? 0 : i == 3 ? 10 : 5;

      vigie_snapshot_add_entity (bike_snapshot,
                                 vigie_test_station_new (bike, CENTER_LAT + i * 0.000002, CENTER_LON, vehicles, 10));
      vigie_snapshot_add_entity (car_snapshot,
                                 vigie_test_station_new (car, CENTER_LAT, CENTER_LON + i * 0.000002, 2, 4));
    }
  vigie_store_apply (bikes, bike_snapshot, g_get_real_time () / G_USEC_PER_SEC);
  vigie_store_apply (cars, car_snapshot, g_get_real_time () / G_USEC_PER_SEC);

  shumate_viewport_set_zoom_level (viewport, 13);
  bike_layer = vigie_map_layer_new (viewport, VIGIE_FEED_KIND_BIKES, G_LIST_MODEL (bikes));
  car_layer = vigie_map_layer_new (viewport, VIGIE_FEED_KIND_CAR_SHARE, G_LIST_MODEL (cars));
  vigie_map_layer_set_groups (bike_layer, groups);
  vigie_map_layer_set_groups (car_layer, groups);
  shumate_map_add_layer (fixture->map, SHUMATE_LAYER (bike_layer));
  shumate_map_add_layer (fixture->map, SHUMATE_LAYER (car_layer));
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (50);

  vigie_map_layer_get_drawn_groups (bike_layer, bike_boxes, bike_summaries);
  vigie_map_layer_get_drawn_groups (car_layer, car_boxes, car_summaries);
  g_assert_cmpuint (bike_boxes->len, ==, 1);
  g_assert_cmpuint (car_boxes->len, ==, 1);

  /* Symbols and counts apart, each with its layer's own summary. */
  g_test_message ("bikes at %.0f, %.0f; cars at %.0f, %.0f",
                  g_array_index (bike_boxes, VigieGroupBox, 0).x, g_array_index (bike_boxes, VigieGroupBox, 0).y,
                  g_array_index (car_boxes, VigieGroupBox, 0).x, g_array_index (car_boxes, VigieGroupBox, 0).y);
  g_assert_false (boxes_overlap (&g_array_index (bike_boxes, VigieGroupBox, 0),
                                 &g_array_index (car_boxes, VigieGroupBox, 0)));
  g_assert_cmpstr (g_ptr_array_index (bike_summaries, 0), ==, "3 empty · 1 full");
  g_assert_null (g_ptr_array_index (car_summaries, 0));

  /* One layer hidden: the other's group goes back where its members are. */
  gtk_widget_set_visible (GTK_WIDGET (bike_layer), FALSE);
  g_array_set_size (car_boxes, 0);
  g_ptr_array_set_size (car_summaries, 0);
  vigie_map_layer_get_drawn_groups (car_layer, car_boxes, car_summaries);
  {
    double x, y;

    shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (fixture->map),
                                                CENTER_LAT, CENTER_LON + 2.5 * 0.000002, &x, &y);
    g_assert_cmpfloat (fabs (g_array_index (car_boxes, VigieGroupBox, 0).x - x), <, 3);
  }

  shumate_map_remove_layer (fixture->map, SHUMATE_LAYER (bike_layer));
  shumate_map_remove_layer (fixture->map, SHUMATE_LAYER (car_layer));
}

static void
on_busy_cb (VigieMapLayer *layer,
            GParamSpec    *pspec,
            guint         *n_busy)
{
  if (vigie_map_layer_get_busy (layer))
    (*n_busy)++;
}

static void
add_dense_stations (VigieSnapshot *snapshot,
                    gint64         shift)
{
  /* Three docks every 600 m or so over the map, one empty and one full:
   * hundreds of groups whose summaries ("1 empty · 1 full") are wider
   * than the room between two of them. */
  for (int row = -12; row < 12; row++)
    for (int column = -15; column < 15; column++)
      for (int k = 0; k < 3; k++)
        {
          g_autofree char *id = g_strdup_printf ("d%d-%d-%d", row, column, k);

          vigie_snapshot_add_entity (snapshot, vigie_test_station_new (id, CENTER_LAT + row * 0.0055 + k * 0.00003,
                                                                       CENTER_LON + column * 0.0083,
                                                                       k == 0 ? 0 : k == 1 ? 10 : 4 + shift, 10));
        }
}

/* Hundreds of groups: a worker places them, the layer busy meanwhile;
 * once done none overlaps another, and after an update each group is
 * drawn where it was until placed anew. */
static void
test_groups_placed_in_worker (Fixture       *fixture,
                              gconstpointer  data)
{
  ShumateViewport *viewport = shumate_map_get_viewport (fixture->map);
  g_autoptr(VigieStore) store = vigie_store_new ();
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();
  g_autoptr(VigieSnapshot) update = vigie_snapshot_new ();
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (VigieGroupBox));
  g_autoptr(GArray) again = g_array_new (FALSE, FALSE, sizeof (VigieGroupBox));
  g_autoptr(GPtrArray) summaries = g_ptr_array_new ();
  VigieMapLayer *layer;
  guint n_busy = 0;

  add_dense_stations (snapshot, 0);
  vigie_store_apply (store, snapshot, g_get_real_time () / G_USEC_PER_SEC);

  shumate_viewport_set_zoom_level (viewport, 13);
  layer = vigie_map_layer_new (viewport, VIGIE_FEED_KIND_BIKES, G_LIST_MODEL (store));
  g_signal_connect (layer, "notify::busy", G_CALLBACK (on_busy_cb), &n_busy);
  shumate_map_add_layer (fixture->map, SHUMATE_LAYER (layer));
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));

  vigie_map_layer_get_drawn_groups (layer, boxes, summaries);
  g_test_message ("%u groups drawn, busy %u times", boxes->len, n_busy);
  g_assert_cmpuint (boxes->len, >=, 64);
  /* Busy for the plan, then for the placement. */
  g_assert_cmpuint (n_busy, >=, 2);
  for (guint i = 0; i < boxes->len; i++)
    for (guint j = i + 1; j < boxes->len; j++)
      g_assert_false (boxes_overlap (&g_array_index (boxes, VigieGroupBox, i),
                                     &g_array_index (boxes, VigieGroupBox, j)));

  /* New counts, the same places: as soon as the new groups are shown,
   * before they are placed again, they are where they were. */
  add_dense_stations (update, 1);
  n_busy = 0;
  vigie_store_apply (store, update, g_get_real_time () / G_USEC_PER_SEC);
  VIGIE_TEST_WAIT_UNTIL (n_busy >= 2 || !vigie_map_layer_get_busy (layer));
  g_ptr_array_set_size (summaries, 0);
  vigie_map_layer_get_drawn_groups (layer, again, summaries);
  g_assert_cmpuint (again->len, ==, boxes->len);
  for (guint i = 0; i < boxes->len; i++)
    {
      g_assert_cmpfloat (fabs (g_array_index (again, VigieGroupBox, i).x - g_array_index (boxes, VigieGroupBox, i).x), <, 0.5);
      g_assert_cmpfloat (fabs (g_array_index (again, VigieGroupBox, i).y - g_array_index (boxes, VigieGroupBox, i).y), <, 0.5);
    }
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));

  shumate_map_remove_layer (fixture->map, SHUMATE_LAYER (layer));
}

/* The layer's worker reads each entity's values without making its
 * dictionary: a large feed's memory doubled when it did. */
static void
test_lean_entities (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(VigieStore) store = vigie_store_new ();
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();
  VigieEntityField fields[] = {
    { .key = "vehicles_available", .type = VIGIE_ENTITY_FIELD_INT, .i = 3 },
    { .key = "docks_available", .type = VIGIE_ENTITY_FIELD_INT, .i = 7 },
    { .key = "capacity", .type = VIGIE_ENTITY_FIELD_INT, .i = 10 },
  };
  VigieEntity *station = vigie_entity_new_from_fields (VIGIE_ENTITY_STATION, "lean", "Lean", CENTER_LAT, CENTER_LON,
                                                       g_get_real_time () / G_USEC_PER_SEC, fields, G_N_ELEMENTS (fields));
  VigieMapLayer *layer;

  vigie_snapshot_add_entity (snapshot, g_object_ref (station));
  vigie_store_apply (store, snapshot, g_get_real_time () / G_USEC_PER_SEC);
  layer = vigie_map_layer_new (shumate_map_get_viewport (fixture->map), VIGIE_FEED_KIND_BIKES, G_LIST_MODEL (store));
  shumate_map_add_layer (fixture->map, SHUMATE_LAYER (layer));
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (50);

  g_assert_false (vigie_entity_values_made (station));
  shumate_map_remove_layer (fixture->map, SHUMATE_LAYER (layer));
  g_object_unref (station);
}

/* @rows × @columns stations over the same square around the centre, their
 * counts moved by @shift; prepared as a feed's worker prepares them. */
static VigieSnapshot *
grid_of_stations (int rows,
                  int columns,
                  int shift)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ();

  for (int row = 0; row < rows; row++)
    for (int column = 0; column < columns; column++)
      {
        g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
        g_autofree char *id = g_strdup_printf ("s%d-%d", row, column);

        g_variant_dict_insert (&values, "vehicles_available", "x", (gint64) ((row + column + shift) % 7));
        g_variant_dict_insert (&values, "docks_available", "x", (gint64) ((row * column) % 5));
        vigie_snapshot_add_entity (snapshot,
                                   vigie_entity_new (VIGIE_ENTITY_STATION, id, id,
                                                     CENTER_LAT + (row - rows / 2) * (0.009 / rows),
                                                     CENTER_LON + (column - columns / 2) * (0.018 / columns),
                                                     0, g_variant_dict_end (&values)));
      }
  vigie_snapshot_prepare (snapshot, NULL, g_get_real_time () / G_USEC_PER_SEC);
  return snapshot;
}

/* What a frame does to the widget, without waiting for the layers. */
static void
snapshot_now (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
}

/* Frames drawn while the worker paints an update's image ask for it
 * again: once it is done, it is the image they asked for, and it is not
 * painted a second time (a layer of 10,000 parking zones was, at every
 * update). */
static void
test_raster_once_per_update (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(VigieStore) store = vigie_store_new ();
  g_autoptr(VigieSnapshot) first = grid_of_stations (60, 80, 0);
  g_autoptr(VigieSnapshot) second = grid_of_stations (60, 80, 1);
  VigieMapLayer *layer;
  guint n_paints, n_renders = 0;

  vigie_store_apply (store, first, g_get_real_time () / G_USEC_PER_SEC);
  layer = vigie_map_layer_new (shumate_map_get_viewport (fixture->map), VIGIE_FEED_KIND_BIKES, G_LIST_MODEL (store));
  vigie_map_layer_set_clustering (layer, FALSE);
  shumate_map_add_layer (fixture->map, SHUMATE_LAYER (layer));
  for (guint i = 0; i < 100 && vigie_map_layer_get_n_rastered (layer) == 0; i++)
    {
      g_autoptr(GdkTexture) texture = NULL;

      vigie_test_spin (50);
      texture = vigie_test_render_widget (GTK_WIDGET (fixture->map));
    }
  g_assert_cmpuint (vigie_map_layer_get_n_rastered (layer), >, 0);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  n_paints = vigie_map_layer_get_n_raster_paints (layer);

  /* The update: its plan, then a frame, which asks for the image. */
  vigie_store_apply (store, second, g_get_real_time () / G_USEC_PER_SEC);
  for (guint i = 0; i < 400 && vigie_map_layer_get_n_raster_paints (layer) == n_paints; i++)
    {
      vigie_test_spin (5);
      gtk_widget_queue_draw (GTK_WIDGET (layer));
      snapshot_now (GTK_WIDGET (fixture->map));
    }
  g_assert_cmpuint (vigie_map_layer_get_n_raster_paints (layer), ==, n_paints + 1);
  /* Frames of the layer before the main loop hears that the image is
   * done (something else on it changed): they ask for it again. */
  for (guint i = 0; i < 3; i++)
    {
      gtk_widget_queue_draw (GTK_WIDGET (layer));
      snapshot_now (GTK_WIDGET (fixture->map));
      n_renders++;
    }
  g_test_message ("%u frames while the image was painted, busy %d, %u paints", n_renders,
                  vigie_map_layer_get_busy (layer), vigie_map_layer_get_n_raster_paints (layer) - n_paints);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));

  g_assert_cmpuint (vigie_map_layer_get_n_raster_paints (layer), ==, n_paints + 1);
  shumate_map_remove_layer (fixture->map, SHUMATE_LAYER (layer));
}

/* Past a thousand symbols in view, a worker paints the still ones into an
 * image that frames only composite: the map looks the same. */
static void
test_raster (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(VigieStore) store = vigie_store_new ();
  g_autoptr(VigieSnapshot) snapshot = grid_of_stations (30, 40, 0);
  g_autoptr(GdkTexture) live = NULL;
  g_autoptr(GdkTexture) rastered = NULL;
  VigieMapLayer *layer;
  guint n_different = 0;

  vigie_store_apply (store, snapshot, g_get_real_time () / G_USEC_PER_SEC);

  layer = vigie_map_layer_new (shumate_map_get_viewport (fixture->map), VIGIE_FEED_KIND_BIKES, G_LIST_MODEL (store));
  vigie_map_layer_set_clustering (layer, FALSE);
  shumate_map_add_layer (fixture->map, SHUMATE_LAYER (layer));
  vigie_test_spin (50);

  /* Composited from the worker's image (the first frame asks for it)... */
  for (guint i = 0; i < 40 && (rastered == NULL || vigie_map_layer_get_n_rastered (layer) == 0); i++)
    {
      g_clear_object (&rastered);
      vigie_test_spin (50);
      rastered = vigie_test_render_widget (GTK_WIDGET (fixture->map));
    }
  g_assert_nonnull (rastered);
  g_assert_cmpuint (vigie_map_layer_get_n_drawn (layer), >=, 1000);
  g_assert_cmpuint (vigie_map_layer_get_n_rastered (layer), ==, vigie_map_layer_get_n_drawn (layer));

  /* ... as drawn live. */
  vigie_map_layer_set_rasterize (layer, FALSE);
  /* Until the window has drawn the change, the paintable has nothing. */
  for (guint i = 0; i < 40 && live == NULL; i++)
    {
      vigie_test_spin (50);
      live = vigie_test_render_widget (GTK_WIDGET (fixture->map));
    }
  g_assert_nonnull (live);
  g_assert_cmpuint (vigie_map_layer_get_n_rastered (layer), ==, 0);

  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      if (vigie_test_pixel_distance (vigie_test_pixel_at (live, x, y), vigie_test_pixel_at (rastered, x, y), FALSE) > 40)
        n_different++;
  g_test_message ("%u of %u pixels differ", n_different, WIDTH * HEIGHT);
  g_assert_cmpuint (n_different, <, WIDTH * HEIGHT / 200);

  shumate_map_remove_layer (fixture->map, SHUMATE_LAYER (layer));
}

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_gtk (&argc, &argv, "map drawing"))
    return 77;
  adw_init ();

  g_test_add ("/map-drawing/outdated-feed", Fixture, NULL, fixture_set_up, test_outdated_feed, fixture_tear_down);
  g_test_add ("/map-drawing/stops-never-old", Fixture, NULL, fixture_set_up, test_stops_never_old, fixture_tear_down);
  g_test_add ("/map-drawing/disabled-feed", Fixture, NULL, fixture_set_up, test_disabled_feed, fixture_tear_down);
  g_test_add_func ("/map-drawing/station-glyphs", test_station_glyphs);
  g_test_add_func ("/map-drawing/symbol-texture", test_symbol_texture);
  g_test_add_func ("/map-drawing/place", test_place);
  g_test_add ("/map-drawing/groups-apart", Fixture, NULL, fixture_set_up, test_groups_apart, fixture_tear_down);
  g_test_add ("/map-drawing/groups-placed-in-worker", Fixture, NULL, fixture_set_up, test_groups_placed_in_worker, fixture_tear_down);
  g_test_add ("/map-drawing/lean-entities", Fixture, NULL, fixture_set_up, test_lean_entities, fixture_tear_down);
  g_test_add ("/map-drawing/raster", Fixture, NULL, fixture_set_up, test_raster, fixture_tear_down);
  g_test_add ("/map-drawing/raster-once-per-update", Fixture, NULL, fixture_set_up, test_raster_once_per_update,
              fixture_tear_down);

  return g_test_run ();
}
