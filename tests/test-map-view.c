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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map-view/sanitize", test_map_view_sanitize);

  return g_test_run ();
}
