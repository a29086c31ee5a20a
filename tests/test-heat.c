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

/* A thousand busy places close together: as vermillion as one, half
 * opaque at most, never white (glows added over one another were). Quiet
 * places beside busy ones tone their colour down, not up. */
static void
test_heat_crowd (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 200);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (VigieHeatPoint));
  guint32 busy, mixed;

  for (guint i = 0; i < 1000; i++)
    {
      VigieHeatPoint busy_point = { 100 + (i % 20), 100 + (i / 50), 1.0 };
      VigieHeatPoint quiet_point = { 300 + (i % 20), 100 + (i / 50), 0.1 };

      g_array_append_val (points, busy_point);
      /* As many quiet places as busy ones, on the right. */
      g_array_append_val (points, quiet_point);
      busy_point.x += 200;
      g_array_append_val (points, busy_point);
    }
  vigie_heat_draw (cr, (VigieHeatPoint *) (gpointer) points->data, points->len, 60);
  cairo_surface_flush (surface);

  busy = pixel (surface, 110, 110);
  mixed = pixel (surface, 310, 110);
  g_test_message ("busy crowd %08x, mixed crowd %08x", busy, mixed);
  g_assert_cmpuint (alpha (busy), <=, 0.5 * 255 + 1);
  g_assert_cmpuint (alpha (busy), >=, 0.45 * 255);
  /* Vermillion: red well over green, green over blue; not white. */
  g_assert_cmpuint ((busy >> 16) & 0xff, >, 2 * ((busy >> 8) & 0xff) * 0.8);
  g_assert_cmpuint ((busy >> 8) & 0xff, >, busy & 0xff);
  /* Half quiet: nearer orange than the busy crowd's vermillion. */
  g_assert_cmpuint ((mixed >> 8) & 0xff, >, (busy >> 8) & 0xff);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/heat/draw", test_heat_draw);
  g_test_add_func ("/heat/crowd", test_heat_crowd);

  return g_test_run ();
}
