/* test-map-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vigie-map-view.h"

static const VigieMapView home = { 47.7508, 7.3359, 13.0 };

typedef struct
{
  const char   *name;
  VigieMapView  stored;
  VigieMapView  expected;
} SanitizeCase;

static void
test_map_view_sanitize (void)
{
  const SanitizeCase cases[] = {
    { "kept",            { 48.5, 7.7, 15.0 },        { 48.5, 7.7, 15.0 } },
    { "null-island",     { 0.0, 0.0, 15.0 },         { 47.7508, 7.3359, 15.0 } },
    { "nan-latitude",    { NAN, 7.7, 15.0 },         { 47.7508, 7.3359, 15.0 } },
    { "inf-longitude",   { 48.5, INFINITY, 12.0 },   { 47.7508, 7.3359, 12.0 } },
    { "pole",            { 89.0, 7.7, 12.0 },        { 47.7508, 7.3359, 12.0 } },
    { "past-antimeridian", { 48.5, 181.0, 12.0 },    { 47.7508, 7.3359, 12.0 } },
    { "zoom-too-far",    { 48.5, 7.7, 40.0 },        { 48.5, 7.7, VIGIE_MAP_VIEW_MAX_ZOOM } },
    { "zoom-too-close",  { 48.5, 7.7, -3.0 },        { 48.5, 7.7, VIGIE_MAP_VIEW_MIN_ZOOM } },
    { "zoom-nan",        { 48.5, 7.7, NAN },         { 48.5, 7.7, 13.0 } },
    { "southern-west",   { -33.9, -70.6, 11.0 },     { -33.9, -70.6, 11.0 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      VigieMapView got = vigie_map_view_sanitize (cases[i].stored, home);

      g_test_message ("case %s", cases[i].name);
      g_assert_cmpfloat_with_epsilon (got.latitude, cases[i].expected.latitude, 1e-9);
      g_assert_cmpfloat_with_epsilon (got.longitude, cases[i].expected.longitude, 1e-9);
      g_assert_cmpfloat_with_epsilon (got.zoom, cases[i].expected.zoom, 1e-9);
    }
}

/* Mulhouse's demo data spans about 7 × 5 km. */
static void
test_map_view_fit_bounds (void)
{
  VigieMapBounds bounds;
  VigieMapView view;

  vigie_map_bounds_init (&bounds);
  g_assert_true (vigie_map_bounds_is_empty (&bounds));

  /* Points no map can show are left out. */
  vigie_map_bounds_extend (&bounds, 0.0, 0.0);
  vigie_map_bounds_extend (&bounds, NAN, 7.3);
  vigie_map_bounds_extend (&bounds, 91.0, 7.3);
  g_assert_true (vigie_map_bounds_is_empty (&bounds));

  vigie_map_bounds_extend (&bounds, 47.73, 7.30);
  vigie_map_bounds_extend (&bounds, 47.77, 7.37);
  vigie_map_bounds_extend (&bounds, 47.75, 7.33);
  g_assert_false (vigie_map_bounds_is_empty (&bounds));
  g_assert_cmpfloat (bounds.south, ==, 47.73);
  g_assert_cmpfloat (bounds.north, ==, 47.77);
  g_assert_cmpfloat (bounds.west, ==, 7.30);
  g_assert_cmpfloat (bounds.east, ==, 7.37);

  /* 0.07° of longitude is 0.07/360 × 256 × 2^z px: 1,600 px of map fit
   * z = 14 (815 px), not z = 15 (1,631 px). */
  view = vigie_map_view_fit_bounds (&bounds, 1600, 1000, 24, 256, 18);
  g_assert_cmpfloat_with_epsilon (view.zoom, 14.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (view.longitude, 7.335, 1e-9);
  /* The centre is the Mercator middle, a little north of the mean: the
   * map stretches more to the north. */
  g_assert_cmpfloat (view.latitude, >, 47.75);
  g_assert_cmpfloat (view.latitude, <, 47.7501);

  /* A small map steps out: 452 px of room hold z = 13 (408 px). */
  view = vigie_map_view_fit_bounds (&bounds, 500, 400, 24, 256, 18);
  g_assert_cmpfloat_with_epsilon (view.zoom, 13.0, 1e-9);

  /* Height binds when the box is tall: 0.04° of latitude here is about
   * 0.000164 of the world; 300 px of room fit z = 12. */
  view = vigie_map_view_fit_bounds (&bounds, 3000, 348, 24, 256, 18);
  g_assert_cmpfloat_with_epsilon (view.zoom, 12.0, 1e-9);

  /* One point: the closest zoom allowed. */
  vigie_map_bounds_init (&bounds);
  vigie_map_bounds_extend (&bounds, 47.75, 7.33);
  view = vigie_map_view_fit_bounds (&bounds, 1600, 1000, 24, 256, 16);
  g_assert_cmpfloat_with_epsilon (view.zoom, 16.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (view.latitude, 47.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (view.longitude, 7.33, 1e-9);
}

/* A city of 100 points and 4 tram-train stops far to the west. */
static void
test_map_view_bounds_trimmed (void)
{
  double latitudes[106], longitudes[106];
  VigieMapBounds bounds;
  guint n = 0;

  for (guint i = 0; i < 100; i++, n++)
    {
      latitudes[n] = 47.73 + 0.04 * (i % 10) / 9.0;
      longitudes[n] = 7.30 + 0.07 * (i / 10) / 9.0;
    }
  for (guint i = 0; i < 4; i++, n++)
    {
      latitudes[n] = 47.80;
      longitudes[n] = 7.10 + 0.02 * i;
    }
  latitudes[n] = 0.0, longitudes[n++] = 0.0;
  latitudes[n] = NAN, longitudes[n++] = 7.3;

  vigie_map_bounds_trimmed (&bounds, latitudes, longitudes, n, 0.9);
  g_assert_cmpfloat (bounds.west, >=, 7.30 - 1e-9);
  g_assert_cmpfloat (bounds.west, <, 7.301);
  g_assert_cmpfloat (bounds.east, <=, 7.37 + 1e-9);
  g_assert_cmpfloat (bounds.east, >, 7.36);
  g_assert_cmpfloat (bounds.north, <=, 47.77 + 1e-9);
  g_assert_cmpfloat (bounds.south, >=, 47.73 - 1e-9);
  /* Every point of the city counts, corners included. */
  g_assert_cmpfloat (bounds.north, >, 47.769);
  g_assert_cmpfloat (bounds.south, <, 47.731);

  /* Two points: both count. */
  latitudes[0] = 47.75, longitudes[0] = 7.33;
  latitudes[1] = 47.80, longitudes[1] = 7.10;
  vigie_map_bounds_trimmed (&bounds, latitudes, longitudes, 2, 0.9);
  g_assert_cmpfloat (bounds.west, ==, 7.10);
  g_assert_cmpfloat (bounds.north, ==, 47.80);

  vigie_map_bounds_trimmed (&bounds, latitudes, longitudes, 0, 0.9);
  g_assert_true (vigie_map_bounds_is_empty (&bounds));
}

static void
test_window_size_fit (void)
{
  int width = 1280, height = 800;

  /* A 1366×768 laptop: the height must give way. */
  vigie_window_size_fit (&width, &height, 1366, 768);
  g_assert_cmpint (width, ==, 1280);
  g_assert_cmpint (height, <=, 768 - 64);

  /* A full HD screen keeps the default. */
  width = 1280, height = 800;
  vigie_window_size_fit (&width, &height, 1920, 1080);
  g_assert_cmpint (width, ==, 1280);
  g_assert_cmpint (height, ==, 800);

  /* A size saved on a big screen, shown on a small one. */
  width = 2500, height = 1400;
  vigie_window_size_fit (&width, &height, 1024, 600);
  g_assert_cmpint (width, <=, 1024);
  g_assert_cmpint (height, <=, 600 - 64);

  /* Unknown screen: left alone. */
  width = 1280, height = 800;
  vigie_window_size_fit (&width, &height, 0, 0);
  g_assert_cmpint (width, ==, 1280);
  g_assert_cmpint (height, ==, 800);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map-view/sanitize", test_map_view_sanitize);
  g_test_add_func ("/map-view/fit-bounds", test_map_view_fit_bounds);
  g_test_add_func ("/map-view/bounds-trimmed", test_map_view_bounds_trimmed);
  g_test_add_func ("/map-view/window-size-fit", test_window_size_fit);

  return g_test_run ();
}
