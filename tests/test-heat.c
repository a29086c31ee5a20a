/* test-heat.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vigie-heat.h"

/* The heat under Wi-Fi symbols, drawn on an image: stronger and wider
 * where the load is higher, nothing where there is none. */

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(guint32 *) (gpointer) (data + y * stride + x * 4);
}

static guint
alpha (guint32 argb)
{
  return argb >> 24;
}

static void
test_heat_draw (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 200);
  cairo_t *cr = cairo_create (surface);
  const VigieHeatPoint points[] = {
    { 100, 100, 0.2 },    /* quiet */
    { 300, 100, 1.0 },    /* saturated */
    { 200,  20, 0.0 },    /* empty: no glow at all */
    { NAN,  50, 1.0 },    /* unusable: ignored */
  };

  vigie_heat_draw (cr, points, G_N_ELEMENTS (points), 60);
  cairo_surface_flush (surface);

  /* The busy place glows stronger at its centre, and farther. */
  g_assert_cmpuint (alpha (pixel (surface, 300, 100)), >, alpha (pixel (surface, 100, 100)));
  g_assert_cmpuint (alpha (pixel (surface, 300 + 45, 100)), >, 0);
  g_assert_cmpuint (alpha (pixel (surface, 100 + 45, 100)), ==, 0);
  g_assert_cmpuint (alpha (pixel (surface, 200, 20)), ==, 0);
  /* Its colour leans to vermillion, the quiet one's to blue. */
  g_assert_cmpuint ((pixel (surface, 300, 100) >> 16) & 0xff, >, pixel (surface, 300, 100) & 0xff);
  g_assert_cmpuint (pixel (surface, 100, 100) & 0xff, >, (pixel (surface, 100, 100) >> 16) & 0xff);
  /* Nothing far from them. */
  g_assert_cmpuint (alpha (pixel (surface, 200, 190)), ==, 0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/heat/draw", test_heat_draw);

  return g_test_run ();
}
