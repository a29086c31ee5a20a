/* test-map-layer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <shumate/shumate.h>

#include "vigie-map-layer-private.h"
#include "vigie-snapshot.h"
#include "vigie-store.h"
#include "vigie-test-ui.h"

/* A real map in a real window under Xvfb, with no tiles at all: the
 * viewport only needs a reference source to place things, never to
 * download anything. */

#define CENTER_LAT VIGIE_TEST_MAP_LAT
#define CENTER_LON VIGIE_TEST_MAP_LON
#define WIDTH VIGIE_TEST_MAP_WIDTH
#define HEIGHT VIGIE_TEST_MAP_HEIGHT

typedef VigieTestMapLayer Fixture;

static VigieEntity *
make_vehicle (const char *id,
              double      latitude,
              double      longitude)
{
  return vigie_entity_new (VIGIE_ENTITY_VEHICLE, id, id, latitude, longitude, 0, NULL);
}

static void
apply (VigieStore  *store,
       VigieEntity *first,
       ...)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();
  va_list args;

  va_start (args, first);
  /* The snapshot takes the entities. */
  for (VigieEntity *e = first; e != NULL; e = va_arg (args, VigieEntity *))
    vigie_snapshot_add_entity (snapshot, e);
  va_end (args);

  vigie_store_apply (store, snapshot, g_get_real_time () / G_USEC_PER_SEC);
}

static gboolean
is_blue (guint32 rgba)
{
  /* VIGIE_STYLE_BLUE, 0x0072b2, with a little slack for antialiasing. */
  int r = rgba >> 24, g = (rgba >> 16) & 0xff, b = (rgba >> 8) & 0xff;

  return r < 30 && ABS (g - 0x72) < 30 && ABS (b - 0xb2) < 30;
}

static void
to_widget (Fixture *fixture,
           double   latitude,
           double   longitude,
           double  *x,
           double  *y)
{
  /* libshumate's own conversion, not the layer's. */
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (fixture->map),
                                              GTK_WIDGET (fixture->layer),
                                              latitude, longitude, x, y);
}

static const struct {
  const char *id;
  double      dlat, dlon;
} places[] = {
  { "a",  0.0,     0.0    },
  { "b",  0.0005,  0.0010 },
  { "c", -0.0007, -0.0012 },
};

static void
apply_places (Fixture *fixture)
{
  apply (fixture->store,
         make_vehicle (places[0].id, CENTER_LAT + places[0].dlat, CENTER_LON + places[0].dlon),
         make_vehicle (places[1].id, CENTER_LAT + places[1].dlat, CENTER_LON + places[1].dlon),
         make_vehicle (places[2].id, CENTER_LAT + places[2].dlat, CENTER_LON + places[2].dlon),
         NULL);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (50);
}

/* The first place's vehicle moves to @lat, the others stay; the layers
 * have the update when this returns. */
static void
move_first (Fixture *fixture,
            double   lat)
{
  apply (fixture->store,
         make_vehicle ("a", lat, CENTER_LON),
         make_vehicle (places[1].id, CENTER_LAT + places[1].dlat, CENTER_LON + places[1].dlon),
         make_vehicle (places[2].id, CENTER_LAT + places[2].dlat, CENTER_LON + places[2].dlon),
         NULL);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
}

/* Returns: the main loop's iterations until the glide ended */
static guint
wait_glide_end (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  guint n_iterations = 0;

  while (vigie_map_layer_is_animating (fixture->layer) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      n_iterations++;
    }
  g_assert_false (vigie_map_layer_is_animating (fixture->layer));

  return n_iterations;
}

static void
test_render (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GdkTexture) texture = NULL;

  apply_places (fixture);
  texture = vigie_test_render_widget (GTK_WIDGET (fixture->map));
  g_assert_nonnull (texture);

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      double x, y;

      to_widget (fixture, CENTER_LAT + places[i].dlat, CENTER_LON + places[i].dlon, &x, &y);
      g_test_message ("%s at %.1f, %.1f: %08x", places[i].id, x, y, vigie_test_pixel_at (texture, x, y));
      g_assert_true (is_blue (vigie_test_pixel_at (texture, x, y)));
      /* Background beside it, beyond the symbol. */
      g_assert_false (is_blue (vigie_test_pixel_at (texture, x + 20, y)));
    }

  /* Corners: nothing there. */
  g_assert_false (is_blue (vigie_test_pixel_at (texture, 2, 2)));
  g_assert_false (is_blue (vigie_test_pixel_at (texture, WIDTH - 3, HEIGHT - 3)));
  g_assert_cmpuint (vigie_map_layer_get_n_drawn (fixture->layer), ==, G_N_ELEMENTS (places));
}

static void
test_pick (Fixture       *fixture,
           gconstpointer  data)
{
  apply_places (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      VigieEntity *picked;
      double x, y;

      to_widget (fixture, CENTER_LAT + places[i].dlat, CENTER_LON + places[i].dlon, &x, &y);
      picked = vigie_map_layer_pick (fixture->layer, x + 3, y - 2);
      g_assert_nonnull (picked);
      g_assert_cmpstr (vigie_entity_get_id (picked), ==, places[i].id);

      /* Events over an entity go to the layer, elsewhere to the map. */
      g_assert_true (gtk_widget_contains (GTK_WIDGET (fixture->layer), x, y));
    }

  g_assert_null (vigie_map_layer_pick (fixture->layer, 5, 5));
  g_assert_false (gtk_widget_contains (GTK_WIDGET (fixture->layer), 5, 5));

  /* Selection opens the details and survives an update of the store. */
  {
    double x, y;

    to_widget (fixture, CENTER_LAT, CENTER_LON, &x, &y);
    vigie_map_layer_select (fixture->layer, vigie_map_layer_pick (fixture->layer, x, y), TRUE);
    vigie_test_spin (50);
    apply_places (fixture);
    g_assert_nonnull (vigie_map_layer_get_selected (fixture->layer));
    g_assert_cmpstr (vigie_entity_get_id (vigie_map_layer_get_selected (fixture->layer)), ==, "a");
    vigie_map_layer_select (fixture->layer, NULL, FALSE);
    g_assert_null (vigie_map_layer_get_selected (fixture->layer));
  }
}

static void
test_visible (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GdkTexture) shown = NULL;
  g_autoptr(GdkTexture) hidden = NULL;
  double x, y;

  apply_places (fixture);
  to_widget (fixture, CENTER_LAT, CENTER_LON, &x, &y);

  shown = vigie_test_render_widget (GTK_WIDGET (fixture->map));
  g_assert_true (is_blue (vigie_test_pixel_at (shown, x, y)));

  gtk_widget_set_visible (GTK_WIDGET (fixture->layer), FALSE);
  vigie_test_spin (50);
  hidden = vigie_test_render_widget (GTK_WIDGET (fixture->map));
  g_assert_true (hidden == NULL || !is_blue (vigie_test_pixel_at (hidden, x, y)));

  gtk_widget_set_visible (GTK_WIDGET (fixture->layer), TRUE);
}

static void
test_glide (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GdkTexture) texture = NULL;
  double x0, y0, x1, y1, x, y;
  gint64 deadline;
  guint n_drawn;
  /* About 110 m north: a glide, not a jump. */
  double moved_lat = CENTER_LAT + 0.001;

  apply_places (fixture);
  g_assert_false (vigie_map_layer_is_animating (fixture->layer));

  to_widget (fixture, CENTER_LAT, CENTER_LON, &x0, &y0);
  to_widget (fixture, moved_lat, CENTER_LON, &x1, &y1);

  move_first (fixture, moved_lat);
  g_assert_true (vigie_map_layer_is_animating (fixture->layer));

  /* It starts where it was, not where it is going. */
  g_assert_true (vigie_map_layer_entity_to_widget_coords (fixture->layer,
                                                          vigie_store_lookup (fixture->store, VIGIE_ENTITY_VEHICLE, "a"),
                                                          &x, &y));
  g_assert_cmpfloat (fabs (y - y0), <, fabs (y - y1));

  n_drawn = fixture->layer->n_snapshots;
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (vigie_map_layer_is_animating (fixture->layer) && g_get_monotonic_time () < deadline)
    {
      double previous = y;

      g_main_context_iteration (NULL, TRUE);
      vigie_map_layer_entity_to_widget_coords (fixture->layer,
                                               vigie_store_lookup (fixture->store, VIGIE_ENTITY_VEHICLE, "a"),
                                               &x, &y);
      /* Never past the end, never back. */
      g_assert_cmpfloat (y, <=, previous + 0.001);
      g_assert_cmpfloat (y, >=, y1 - 0.001);
    }
  g_assert_false (vigie_map_layer_is_animating (fixture->layer));
  /* Over a hundred pixels in a second, at 20 frames a second at most. */
  g_test_message ("%u frames drawn for the glide", fixture->layer->n_snapshots - n_drawn);
  g_assert_cmpuint (fixture->layer->n_snapshots - n_drawn, <=, 24);

  vigie_map_layer_entity_to_widget_coords (fixture->layer,
                                           vigie_store_lookup (fixture->store, VIGIE_ENTITY_VEHICLE, "a"),
                                           &x, &y);
  g_assert_cmpfloat_with_epsilon (x, x1, 0.01);
  g_assert_cmpfloat_with_epsilon (y, y1, 0.01);

  texture = vigie_test_render_widget (GTK_WIDGET (fixture->map));
  g_assert_true (is_blue (vigie_test_pixel_at (texture, x1, y1)));
  g_assert_false (is_blue (vigie_test_pixel_at (texture, x0, y0)));

  /* The same positions again: nothing moves, no tick callback. */
  move_first (fixture, moved_lat);
  g_assert_false (vigie_map_layer_is_animating (fixture->layer));

  /* A third of a metre, under half a pixel at this zoom: no second of
   * frames for it, yet the item is where its data says. */
  move_first (fixture, moved_lat + 0.000003);
  g_assert_false (vigie_map_layer_is_animating (fixture->layer));
  g_usleep (VIGIE_MAP_LAYER_GLIDE_DURATION_MS * 1000);
  to_widget (fixture, moved_lat + 0.000003, CENTER_LON, &x1, &y1);
  vigie_map_layer_entity_to_widget_coords (fixture->layer,
                                           vigie_store_lookup (fixture->store, VIGIE_ENTITY_VEHICLE, "a"),
                                           &x, &y);
  g_assert_cmpfloat_with_epsilon (y, y1, 0.01);
}

/* A short glide draws a frame a pixel, not one at each tick of the
 * clock: a tram seen from afar must not cost a second of frames. */
static void
test_glide_frames (Fixture       *fixture,
                   gconstpointer  data)
{
  /* About 4 px at this zoom. */
  double moved_lat = CENTER_LAT + 0.000029;
  double x0, y0, x1, y1;
  guint n_frames = 0, n_drawn;

  apply_places (fixture);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  to_widget (fixture, CENTER_LAT, CENTER_LON, &x0, &y0);
  to_widget (fixture, moved_lat, CENTER_LON, &x1, &y1);
  g_assert_cmpfloat (fabs (y1 - y0), >, 3);
  g_assert_cmpfloat (fabs (y1 - y0), <, 6);

  move_first (fixture, moved_lat);
  g_assert_true (vigie_map_layer_is_animating (fixture->layer));

  n_drawn = fixture->layer->n_snapshots;
  n_frames = wait_glide_end (fixture);
  /* The frames of the glide: about one a pixel, and the last. */
  g_test_message ("%u iterations, %u frames drawn", n_frames, fixture->layer->n_snapshots - n_drawn);
  g_assert_cmpuint (fixture->layer->n_snapshots - n_drawn, <=, 8);
  g_assert_cmpuint (fixture->layer->n_snapshots - n_drawn, >=, 2);
}

/* An update whose entities changed only their times draws nothing: the
 * layer looks the same, and a frame is the whole window again. */
static void
test_unchanged_no_frame (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n_drawn = 0;

  for (guint round = 0; round < 3; round++)
    {
      apply (fixture->store,
             vigie_entity_new (VIGIE_ENTITY_VEHICLE, "a", "a", CENTER_LAT, CENTER_LON, now - 6 + round, NULL),
             vigie_entity_new (VIGIE_ENTITY_VEHICLE, "b", "b", CENTER_LAT + 0.0005, CENTER_LON, now - 6 + round, NULL),
             NULL);
      vigie_test_wait_layers (GTK_WIDGET (fixture->map));
      vigie_test_spin (50);
      if (round == 0)
        {
          n_drawn = fixture->layer->n_snapshots;
          g_assert_cmpuint (n_drawn, >, 0);
        }
    }
  g_assert_cmpuint (fixture->layer->n_snapshots, ==, n_drawn);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->store)), ==, 2);

  /* A name that changes is drawn. */
  apply (fixture->store,
         vigie_entity_new (VIGIE_ENTITY_VEHICLE, "a", "a2", CENTER_LAT, CENTER_LON, now, NULL),
         vigie_entity_new (VIGIE_ENTITY_VEHICLE, "b", "b", CENTER_LAT + 0.0005, CENTER_LON, now, NULL),
         NULL);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (50);
  g_assert_cmpuint (fixture->layer->n_snapshots, >, n_drawn);
}

/* Symbols the items no longer use are let go: a day of updates drawing
 * new ones (ages, counts, bearings) must not keep them all. */
static void
test_arts_bounded (Fixture       *fixture,
                   gconstpointer  data)
{
  VigieSymbol symbol;

  apply_places (fixture);
  g_assert_cmpuint (fixture->layer->symbols->len, >, 0);
  symbol = g_array_index (fixture->layer->symbols, VigieSymbol, 0);

  /* Two hundred symbols drawn once, for items long gone. */
  for (guint i = 0; i < 200; i++)
    {
      symbol.bearing = i;
      vigie_map_layer_lookup_art (fixture->layer, &symbol);
    }
  g_assert_cmpuint (g_hash_table_size (fixture->layer->textures), >=, 200);

  for (guint round = 0; round < 6; round++)
    {
      apply (fixture->store,
             make_vehicle (places[0].id, CENTER_LAT + places[0].dlat + round * 0.01, CENTER_LON + places[0].dlon),
             make_vehicle (places[1].id, CENTER_LAT + places[1].dlat, CENTER_LON + places[1].dlon),
             make_vehicle (places[2].id, CENTER_LAT + places[2].dlat, CENTER_LON + places[2].dlon),
             NULL);
      vigie_test_wait_layers (GTK_WIDGET (fixture->map));
    }
  g_assert_cmpuint (g_hash_table_size (fixture->layer->textures), <=, fixture->layer->symbols->len + 64);

  /* What the items use is still there, and drawn. */
  for (guint i = 0; i < fixture->layer->symbols->len; i++)
    g_assert_nonnull (g_hash_table_lookup (fixture->layer->textures,
                                           &g_array_index (fixture->layer->symbols, VigieSymbol, i)));
}

static void
test_snap (Fixture       *fixture,
           gconstpointer  data)
{
  double x, y, x1, y1;
  /* About 2.2 km: a jump in the data, not a journey to draw. */
  double far_lat = CENTER_LAT + 0.02;

  apply_places (fixture);
  apply (fixture->store, make_vehicle ("a", far_lat, CENTER_LON), NULL);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  g_assert_false (vigie_map_layer_is_animating (fixture->layer));

  to_widget (fixture, far_lat, CENTER_LON, &x1, &y1);
  g_assert_true (vigie_map_layer_entity_to_widget_coords (fixture->layer,
                                                          vigie_store_lookup (fixture->store, VIGIE_ENTITY_VEHICLE, "a"),
                                                          &x, &y));
  g_assert_cmpfloat_with_epsilon (y, y1, 0.01);
}

static void
test_clusters (Fixture       *fixture,
               gconstpointer  data)
{
  ShumateViewport *viewport = shumate_map_get_viewport (fixture->map);
  double x, y;

  apply_places (fixture);

  /* At zoom 12 the three are a few pixels apart: one cluster of three. */
  shumate_viewport_set_zoom_level (viewport, 12);
  vigie_test_spin (50);
  to_widget (fixture, CENTER_LAT, CENTER_LON, &x, &y);
  g_assert_cmpuint (vigie_map_layer_pick_cluster (fixture->layer, x, y), ==, 3);
  g_assert_null (vigie_map_layer_pick (fixture->layer, x, y));

  vigie_map_layer_set_clustering (fixture->layer, FALSE);
  g_assert_nonnull (vigie_map_layer_pick (fixture->layer, x, y));
}

static VigieEntity *
make_tram (const char *id,
           double      latitude,
           double      longitude,
           gint64      age_s)
{
  GVariantDict values;

  /* No line name: the middle of the symbol is its fill, not a label. */
  g_variant_dict_init (&values, NULL);
  g_variant_dict_insert (&values, "route_color", "s", "0072B2");
  g_variant_dict_insert (&values, "source", "s", "realtime");

  return vigie_entity_new (VIGIE_ENTITY_VEHICLE, id, NULL, latitude, longitude,
                           g_get_real_time () / G_USEC_PER_SEC - age_s,
                           g_variant_dict_end (&values));
}

static void
test_tram_ageing (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(VigieStore) store = vigie_store_new ();
  g_autoptr(GdkTexture) texture = NULL;
  VigieMapLayer *trams;
  guint32 background, fresh, faint, gone;
  double x[3], y[3];

  trams = vigie_map_layer_new (shumate_map_get_viewport (fixture->map), VIGIE_FEED_KIND_TRAMS, G_LIST_MODEL (store));
  shumate_map_add_layer (fixture->map, SHUMATE_LAYER (trams));

  /* Fresh, two minutes old (ageing: 90 s), five minutes old (stale: 3 min). */
  apply (store,
         make_tram ("fresh", CENTER_LAT + places[0].dlat, CENTER_LON + places[0].dlon, 5),
         make_tram ("faint", CENTER_LAT + places[1].dlat, CENTER_LON + places[1].dlon, 120),
         make_tram ("gone", CENTER_LAT + places[2].dlat, CENTER_LON + places[2].dlon, 300),
         NULL);
  vigie_test_spin (50);

  for (guint i = 0; i < 3; i++)
    to_widget (fixture, CENTER_LAT + places[i].dlat, CENTER_LON + places[i].dlon, &x[i], &y[i]);

  texture = vigie_test_render_widget (GTK_WIDGET (fixture->map));
  g_assert_nonnull (texture);
  background = vigie_test_pixel_at (texture, 2, 2);
  fresh = vigie_test_pixel_at (texture, x[0], y[0]);
  faint = vigie_test_pixel_at (texture, x[1], y[1]);
  gone = vigie_test_pixel_at (texture, x[2], y[2]);
  g_test_message ("background %08x, fresh %08x, faint %08x, gone %08x", background, fresh, faint, gone);

  g_assert_true (is_blue (fresh));
  /* Drawn, but fainter: between the fresh tram and what lies under it. */
  g_assert_false (is_blue (faint));
  g_assert_cmpint (vigie_test_pixel_distance (faint, background, TRUE), >, 15);
  g_assert_cmpint (vigie_test_pixel_distance (faint, fresh, TRUE), >, 30);
  g_assert_cmpint (vigie_test_pixel_distance (faint, background, TRUE), <, vigie_test_pixel_distance (fresh, background, TRUE));
  /* Not drawn at all. */
  g_assert_cmpint (vigie_test_pixel_distance (gone, background, TRUE), <=, 3);
  g_assert_cmpuint (vigie_map_layer_get_n_drawn (trams), ==, 2);

  /* A faint tram can still be looked at; a gone one cannot. */
  g_assert_nonnull (vigie_map_layer_pick (trams, x[0], y[0]));
  g_assert_cmpstr (vigie_entity_get_id (vigie_map_layer_pick (trams, x[1], y[1])), ==, "faint");
  g_assert_null (vigie_map_layer_pick (trams, x[2], y[2]));

  /* News of it brings it back at once. */
  apply (store,
         make_tram ("fresh", CENTER_LAT + places[0].dlat, CENTER_LON + places[0].dlon, 5),
         make_tram ("faint", CENTER_LAT + places[1].dlat, CENTER_LON + places[1].dlon, 120),
         make_tram ("gone", CENTER_LAT + places[2].dlat, CENTER_LON + places[2].dlon, 1),
         NULL);
  vigie_test_spin (50);
  g_assert_cmpstr (vigie_entity_get_id (vigie_map_layer_pick (trams, x[2], y[2])), ==, "gone");

  /* Ageing is a tram layer's business: bikes an hour old stay as they are. */
  apply (fixture->store,
         vigie_entity_new (VIGIE_ENTITY_VEHICLE, "bike", "bike", CENTER_LAT + places[2].dlat + 0.0003,
                           CENTER_LON + places[2].dlon, g_get_real_time () / G_USEC_PER_SEC - 3600, NULL),
         NULL);
  vigie_test_spin (50);
  to_widget (fixture, CENTER_LAT + places[2].dlat + 0.0003, CENTER_LON + places[2].dlon, &x[2], &y[2]);
  g_assert_nonnull (vigie_map_layer_pick (fixture->layer, x[2], y[2]));

  shumate_map_remove_layer (fixture->map, SHUMATE_LAYER (trams));
}

static VigieEntity *
make_route_tram (const char *id,
                 double      latitude,
                 double      longitude)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&values, "route_id", "s", "T1");
  g_variant_dict_insert (&values, "route_color", "s", "BE0013");
  g_variant_dict_insert (&values, "source", "s", "realtime");
  return vigie_entity_new (VIGIE_ENTITY_VEHICLE, id, "1", latitude, longitude,
                           g_get_real_time () / G_USEC_PER_SEC, g_variant_dict_end (&values));
}

/* Line T1's shape from (s) through the corner (c) to (e), placed at the
 * corner. */
static VigieEntity *
make_route_line (double s_lat, double s_lon,
                 double c_lat, double c_lon,
                 double e_lat, double e_lon)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
  g_auto(GVariantBuilder) geometry = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(dd)"));

  g_variant_builder_add (&geometry, "(dd)", s_lat, s_lon);
  g_variant_builder_add (&geometry, "(dd)", c_lat, c_lon);
  g_variant_builder_add (&geometry, "(dd)", e_lat, e_lon);
  g_variant_dict_insert_value (&values, "geometry", g_variant_builder_end (&geometry));
  g_variant_dict_insert (&values, "route_id", "s", "T1");
  g_variant_dict_insert (&values, "route_color", "s", "BE0013");
  return vigie_entity_new (VIGIE_ENTITY_LINE, "shape-1", "1", c_lat, c_lon, 0, g_variant_dict_end (&values));
}

static double
distance_to_segment (double px, double py,
                     double ax, double ay,
                     double bx, double by)
{
  double dx = bx - ax, dy = by - ay;
  double t = CLAMP (((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy), 0.0, 1.0);

  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

static void
test_glide_along_line (Fixture       *fixture,
                       gconstpointer  data)
{
  ShumateViewport *viewport = shumate_map_get_viewport (fixture->map);
  g_autoptr(VigieStore) store = vigie_store_new ();
  VigieMapLayer *trams;
  /* An L: 225 m east, then 165 m north. */
  double s_lat = CENTER_LAT, s_lon = CENTER_LON;
  double c_lat = CENTER_LAT, c_lon = CENTER_LON + 0.003;
  double e_lat = CENTER_LAT + 0.0015, e_lon = CENTER_LON + 0.003;
  double sx, sy, cx, cy, ex, ey, x, y;
  double widest = 0;
  gint64 deadline;

  trams = vigie_map_layer_new (viewport, VIGIE_FEED_KIND_TRAMS, G_LIST_MODEL (store));
  shumate_map_add_layer (fixture->map, SHUMATE_LAYER (trams));

  apply (store,
         make_route_line (s_lat, s_lon, c_lat, c_lon, e_lat, e_lon),
         make_route_tram ("t", s_lat, s_lon),
         NULL);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (20);

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (trams), s_lat, s_lon, &sx, &sy);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (trams), c_lat, c_lon, &cx, &cy);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (trams), e_lat, e_lon, &ex, &ey);

  apply (store,
         make_route_line (s_lat, s_lon, c_lat, c_lon, e_lat, e_lon),
         make_route_tram ("t", e_lat, e_lon),
         NULL);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  g_assert_true (vigie_map_layer_is_animating (trams));

  /* Every position of the glide is on the L, and it goes round the
   * corner, far from the straight line across. */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (vigie_map_layer_is_animating (trams) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_true (vigie_map_layer_entity_to_widget_coords (trams, vigie_store_lookup (store, VIGIE_ENTITY_VEHICLE, "t"), &x, &y));
      g_assert_cmpfloat (MIN (distance_to_segment (x, y, sx, sy, cx, cy),
                              distance_to_segment (x, y, cx, cy, ex, ey)), <, 1.5);
      widest = MAX (widest, distance_to_segment (x, y, sx, sy, ex, ey));
    }
  g_assert_false (vigie_map_layer_is_animating (trams));
  g_assert_cmpfloat (widest, >, 0.5 * distance_to_segment (cx, cy, sx, sy, ex, ey));

  vigie_map_layer_entity_to_widget_coords (trams, vigie_store_lookup (store, VIGIE_ENTITY_VEHICLE, "t"), &x, &y);
  g_assert_cmpfloat_with_epsilon (x, ex, 0.01);
  g_assert_cmpfloat_with_epsilon (y, ey, 0.01);

  shumate_map_remove_layer (fixture->map, SHUMATE_LAYER (trams));
}

/* A glide's frames, as GTK repaints them: what differs from the previous
 * frame's nodes (gsk_render_node_diff() compares nodes by content, but a
 * cairo node only by identity: a new one is repainted whole). */
static void
collect_leaves (GskRenderNode *node,
                GPtrArray     *leaves)
{
  if (node == NULL)
    return;
  if (gsk_render_node_get_node_type (node) == GSK_CONTAINER_NODE)
    {
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_leaves (gsk_container_node_get_child (node, i), leaves);
      return;
    }
  g_ptr_array_add (leaves, node);
}

static gboolean
same_leaf (GskRenderNode *a,
           GskRenderNode *b)
{
  g_autoptr(GBytes) bytes_a = NULL;
  g_autoptr(GBytes) bytes_b = NULL;

  if (a == b)
    return TRUE;
  if (gsk_render_node_get_node_type (a) != gsk_render_node_get_node_type (b) ||
      gsk_render_node_get_node_type (a) == GSK_CAIRO_NODE)
    return FALSE;

  bytes_a = gsk_render_node_serialize (a);
  bytes_b = gsk_render_node_serialize (b);
  return g_bytes_equal (bytes_a, bytes_b);
}

static double
changed_area (GPtrArray *from,
              GPtrArray *to)
{
  double area = 0;

  for (guint i = 0; i < to->len; i++)
    {
      gboolean found = FALSE;
      graphene_rect_t bounds;

      for (guint j = 0; j < from->len && !found; j++)
        found = same_leaf (g_ptr_array_index (from, j), g_ptr_array_index (to, i));
      if (found)
        continue;
      gsk_render_node_get_bounds (g_ptr_array_index (to, i), &bounds);
      area += bounds.size.width * bounds.size.height;
    }

  return area;
}

static GskRenderNode *
snapshot_layer (VigieMapLayer *layer)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  vigie_map_layer_snapshot (GTK_WIDGET (layer), snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

/* Waits until the frame clock's time is past @after. */
static void
wait_frame_time (VigieMapLayer *layer,
                 gint64         after)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (vigie_map_layer_get_frame_time (layer) <= after && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static VigieEntity *
make_line (double lat0,
           double lon0,
           double lat1,
           double lon1)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
  g_auto(GVariantBuilder) geometry = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(dd)"));

  g_variant_builder_add (&geometry, "(dd)", lat0, lon0);
  g_variant_builder_add (&geometry, "(dd)", lat1, lon1);
  g_variant_dict_insert_value (&values, "geometry", g_variant_builder_end (&geometry));
  g_variant_dict_insert (&values, "route_id", "s", "T1");
  g_variant_dict_insert (&values, "route_color", "s", "BE0013");
  return vigie_entity_new (VIGIE_ENTITY_LINE, "shape-1", "1", lat0, lon0, 0, g_variant_dict_end (&values));
}

/* The line, the tram "t" at @tram_lon, two trams standing still and
 * @n_many more in a grid, @many_shift east of their place, drawn. */
static void
show_glide_scene (Fixture    *fixture,
                  VigieStore *store,
                  double      tram_lon,
                  guint       n_many,
                  double      many_shift)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();

  vigie_snapshot_add_entity (snapshot, make_line (CENTER_LAT, CENTER_LON - 0.002, CENTER_LAT, CENTER_LON + 0.002));
  vigie_snapshot_add_entity (snapshot, make_route_tram ("t", CENTER_LAT, tram_lon));
  vigie_snapshot_add_entity (snapshot, make_route_tram ("still-1", CENTER_LAT, CENTER_LON + 0.0015));
  vigie_snapshot_add_entity (snapshot, make_route_tram ("still-2", CENTER_LAT + 0.0008, CENTER_LON - 0.001));
  for (guint i = 0; i < n_many; i++)
    {
      g_autofree char *id = g_strdup_printf ("many-%u", i);

      vigie_snapshot_add_entity (snapshot, make_route_tram (id, CENTER_LAT - 0.0012 + (i / 40) * 0.00008,
                                                            CENTER_LON - 0.002 + (i % 40) * 0.0001 + many_shift));
    }
  vigie_store_apply (store, snapshot, g_get_real_time () / G_USEC_PER_SEC);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
}

/* A tram layer on the fixture's map, drawing @store. */
static VigieMapLayer *
add_trams (Fixture    *fixture,
           VigieStore *store)
{
  VigieMapLayer *trams = vigie_map_layer_new (shumate_map_get_viewport (fixture->map), VIGIE_FEED_KIND_TRAMS,
                                              G_LIST_MODEL (store));

  shumate_map_add_layer (fixture->map, SHUMATE_LAYER (trams));
  return trams;
}

/* Two frames of a glide of "t" over @n_many still trams: the share of
 * the layer they repaint. */
static double
glide_repaint_share (Fixture *fixture,
                     guint    n_many)
{
  g_autoptr(VigieStore) store = vigie_store_new ();
  g_autoptr(GPtrArray) leaves_a = g_ptr_array_new ();
  g_autoptr(GPtrArray) leaves_b = g_ptr_array_new ();
  GskRenderNode *a, *b;
  VigieMapLayer *trams = add_trams (fixture, store);
  double xa, ya, xb, yb, area, whole;

  vigie_map_layer_set_clustering (trams, FALSE);

  show_glide_scene (fixture, store, CENTER_LON - 0.0015, n_many, 0);
  vigie_test_spin (20);

  show_glide_scene (fixture, store, CENTER_LON, n_many, 0);
  g_assert_true (vigie_map_layer_is_animating (trams));
  /* Past a thousand, the still ones are in a worker's image: the frame
   * asks for it, and the glide's frames composite it. */
  if (n_many > 0)
    {
      guint paints, tries = 0;

      /* Frames until one asks for no new image: the one it shows is the
       * update's. */
      do
        {
          paints = vigie_map_layer_get_n_raster_paints (trams);
          gsk_render_node_unref (snapshot_layer (trams));
          vigie_test_wait_layers (GTK_WIDGET (fixture->map));
        }
      while (vigie_map_layer_get_n_raster_paints (trams) != paints && ++tries < 50);
      g_assert_cmpuint (vigie_map_layer_get_n_rastered (trams), >, 0);
    }

  /* Two frames of the glide, the tram a few pixels apart. */
  wait_frame_time (trams, vigie_map_layer_get_frame_time (trams));
  g_assert_true (vigie_map_layer_entity_to_widget_coords (trams, vigie_store_lookup (store, VIGIE_ENTITY_VEHICLE, "t"), &xa, &ya));
  a = snapshot_layer (trams);
  wait_frame_time (trams, vigie_map_layer_get_frame_time (trams) + 30000);
  g_assert_true (vigie_map_layer_entity_to_widget_coords (trams, vigie_store_lookup (store, VIGIE_ENTITY_VEHICLE, "t"), &xb, &yb));
  b = snapshot_layer (trams);
  g_assert_true (vigie_map_layer_is_animating (trams));
  g_assert_cmpfloat (fabs (xb - xa), >=, 1);

  collect_leaves (a, leaves_a);
  collect_leaves (b, leaves_b);
  area = changed_area (leaves_a, leaves_b) + changed_area (leaves_b, leaves_a);
  whole = gtk_widget_get_width (GTK_WIDGET (trams)) * (double) gtk_widget_get_height (GTK_WIDGET (trams));
  g_test_message ("%u still trams: a glide frame repaints %.0f px², %.1f %% of the layer",
                  n_many + 2, area, 100 * area / whole);

  gsk_render_node_unref (a);
  gsk_render_node_unref (b);
  shumate_map_remove_layer (fixture->map, SHUMATE_LAYER (trams));

  return area / whole;
}

/* A frame of a glide repaints the tram that moves, not the line under it
 * nor the trams that stand still: under cairo a frame of the whole map is
 * some 30 ms, a tram's a fraction of one. */
static void
test_glide_repaint (Fixture       *fixture,
                    gconstpointer  data)
{
  g_assert_cmpfloat (glide_repaint_share (fixture, 0), <, 0.1);
}

/* The same over 1,200 still trams, which a worker paints into an image:
 * the image's node is the previous frame's, not a new one of the whole
 * layer. */
static void
test_glide_repaint_rastered (Fixture       *fixture,
                             gconstpointer  data)
{
  g_assert_cmpfloat (glide_repaint_share (fixture, 1200), <, 0.1);
}

/* Trams are never grouped: 1,200 of them in view are 1,200 groups of
 * one, which the worker paints into its image as it paints symbols
 * not grouped. Those that glided are drawn live while they glide, then
 * the image is painted again with them in it: a frame replays every
 * symbol drawn live, whatever it repaints. */
static void
test_raster_after_glide (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(VigieStore) store = vigie_store_new ();
  VigieMapLayer *trams;
  guint paints;

  /* Grouped at this zoom. */
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (fixture->map), VIGIE_MAP_LAYER_CLUSTER_MAX_ZOOM - 1);
  trams = add_trams (fixture, store);
  g_assert_true (vigie_map_layer_get_clustering (trams));

  show_glide_scene (fixture, store, CENTER_LON - 0.0015, 1200, 0);
  for (guint i = 0; i < 100 && vigie_map_layer_get_n_rastered (trams) == 0; i++)
    {
      gsk_render_node_unref (snapshot_layer (trams));
      vigie_test_wait_layers (GTK_WIDGET (fixture->map));
    }
  g_assert_cmpuint (vigie_map_layer_get_n_drawn (trams), >=, 1000);
  g_assert_cmpuint (vigie_map_layer_get_n_rastered (trams), ==, vigie_map_layer_get_n_drawn (trams));

  /* "t" glides: drawn live, the others from the image, which is not
   * painted again while it glides. */
  show_glide_scene (fixture, store, CENTER_LON, 1200, 0);
  g_assert_true (vigie_map_layer_is_animating (trams));
  paints = vigie_map_layer_get_n_raster_paints (trams);
  gsk_render_node_unref (snapshot_layer (trams));
  g_assert_cmpuint (vigie_map_layer_get_n_rastered (trams), ==, vigie_map_layer_get_n_drawn (trams) - 1);
  g_assert_cmpuint (vigie_map_layer_get_n_raster_paints (trams), ==, paints);

  /* Over: all of them from the image again. */
  wait_frame_time (trams, vigie_map_layer_get_frame_time (trams) + VIGIE_MAP_LAYER_GLIDE_DURATION_MS * 1000);
  for (guint i = 0; i < 100 && vigie_map_layer_get_n_rastered (trams) < vigie_map_layer_get_n_drawn (trams); i++)
    {
      gsk_render_node_unref (snapshot_layer (trams));
      vigie_test_wait_layers (GTK_WIDGET (fixture->map));
    }
  g_test_message ("%u images painted after the update", vigie_map_layer_get_n_raster_paints (trams) - paints);
  g_assert_cmpuint (vigie_map_layer_get_n_rastered (trams), ==, vigie_map_layer_get_n_drawn (trams));
  g_assert_cmpuint (vigie_map_layer_get_n_raster_paints (trams), ==, paints + 1);

  shumate_map_remove_layer (fixture->map, SHUMATE_LAYER (trams));
}

/* Whether an update that moves "t" and @n_many trams makes the layer
 * glide. */
static gboolean
many_glide (Fixture *fixture,
            guint    n_many)
{
  g_autoptr(VigieStore) store = vigie_store_new ();
  VigieMapLayer *trams = add_trams (fixture, store);
  gboolean animating;

  show_glide_scene (fixture, store, CENTER_LON - 0.0015, n_many, 0);
  vigie_test_spin (20);

  show_glide_scene (fixture, store, CENTER_LON, n_many, 0.00005);
  animating = vigie_map_layer_is_animating (trams);
  g_test_message ("%u trams moved in view: %s", n_many + 1, animating ? "they glide" : "they jump");

  shumate_map_remove_layer (fixture->map, SHUMATE_LAYER (trams));
  return animating;
}

/* Up to a thousand trams on the move in view glide; more jump. */
static void
test_many_jump (Fixture       *fixture,
                gconstpointer  data)
{
  g_assert_true (many_glide (fixture, 900));
  g_assert_false (many_glide (fixture, 1200));
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   guint         *n_cycles)
{
  (*n_cycles)++;
}

/* Between two frames of a glide the frame clock rests: a tick callback
 * left on would cycle it at the display's rate to draw a frame a pixel. */
static void
test_glide_no_idle_ticks (Fixture       *fixture,
                          gconstpointer  data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (fixture->window);
  /* About 4 px at this zoom. */
  double moved_lat = CENTER_LAT + 0.000029;
  guint n_cycles = 0, n_drawn;
  gulong handler;

  apply_places (fixture);
  vigie_test_spin (100);

  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &n_cycles);
  move_first (fixture, moved_lat);
  g_assert_true (vigie_map_layer_is_animating (fixture->layer));

  n_drawn = fixture->layer->n_snapshots;
  wait_glide_end (fixture);
  vigie_test_spin (100);
  g_signal_handler_disconnect (clock, handler);

  g_test_message ("%u frame clock cycles, %u frames drawn", n_cycles, fixture->layer->n_snapshots - n_drawn);
  g_assert_cmpuint (fixture->layer->n_snapshots - n_drawn, >=, 2);
  /* The update's own frame, then one per frame drawn. */
  g_assert_cmpuint (n_cycles, <=, fixture->layer->n_snapshots - n_drawn + 3);
}

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_gtk (&argc, &argv, "map layer"))
    return 77;

  g_test_add ("/map-layer/render", Fixture, NULL, vigie_test_map_layer_setup, test_render, vigie_test_map_layer_teardown);
  g_test_add ("/map-layer/pick", Fixture, NULL, vigie_test_map_layer_setup, test_pick, vigie_test_map_layer_teardown);
  g_test_add ("/map-layer/visible", Fixture, NULL, vigie_test_map_layer_setup, test_visible, vigie_test_map_layer_teardown);
  g_test_add ("/map-layer/glide", Fixture, NULL, vigie_test_map_layer_setup, test_glide, vigie_test_map_layer_teardown);
  g_test_add ("/map-layer/glide-frames", Fixture, NULL, vigie_test_map_layer_setup, test_glide_frames, vigie_test_map_layer_teardown);
  g_test_add ("/map-layer/glide-repaint", Fixture, NULL, vigie_test_map_layer_setup, test_glide_repaint, vigie_test_map_layer_teardown);
  g_test_add ("/map-layer/glide-repaint-rastered", Fixture, NULL, vigie_test_map_layer_setup, test_glide_repaint_rastered,
              vigie_test_map_layer_teardown);
  g_test_add ("/map-layer/raster-after-glide", Fixture, NULL, vigie_test_map_layer_setup, test_raster_after_glide,
              vigie_test_map_layer_teardown);
  g_test_add ("/map-layer/many-jump", Fixture, NULL, vigie_test_map_layer_setup, test_many_jump, vigie_test_map_layer_teardown);
  g_test_add ("/map-layer/glide-no-idle-ticks", Fixture, NULL, vigie_test_map_layer_setup, test_glide_no_idle_ticks, vigie_test_map_layer_teardown);
  g_test_add ("/map-layer/unchanged-no-frame", Fixture, NULL, vigie_test_map_layer_setup, test_unchanged_no_frame, vigie_test_map_layer_teardown);
  g_test_add ("/map-layer/arts-bounded", Fixture, NULL, vigie_test_map_layer_setup, test_arts_bounded, vigie_test_map_layer_teardown);
  g_test_add ("/map-layer/glide-along-line", Fixture, NULL, vigie_test_map_layer_setup, test_glide_along_line, vigie_test_map_layer_teardown);
  g_test_add ("/map-layer/snap", Fixture, NULL, vigie_test_map_layer_setup, test_snap, vigie_test_map_layer_teardown);
  g_test_add ("/map-layer/tram-ageing", Fixture, NULL, vigie_test_map_layer_setup, test_tram_ageing, vigie_test_map_layer_teardown);
  g_test_add ("/map-layer/clusters", Fixture, NULL, vigie_test_map_layer_setup, test_clusters, vigie_test_map_layer_teardown);

  return g_test_run ();
}
