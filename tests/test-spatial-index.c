/* test-spatial-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vigie-spatial-index.h"

static gboolean
array_has (GArray *ids,
           guint   id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, guint, i) == id)
      return TRUE;

  return FALSE;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint ua = *(const guint *) a;
  guint ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub;
}

static double *
random_points (GRand  *rand,
               guint   n,
               double  spread)
{
  double *xy = g_new (double, 2 * MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      /* Clustered like a city: most points near the centre. */
      xy[2 * i] = 0.5 + spread * (g_rand_double (rand) - 0.5) * g_rand_double (rand);
      xy[2 * i + 1] = 0.35 + spread * (g_rand_double (rand) - 0.5);
    }

  return xy;
}

static void
test_rect_against_brute_force (void)
{
  static const guint sizes[] = { 1, 2, 31, 33, 100, 1000, 20000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree double *xy = random_points (rand, sizes[s], 0.01);
      g_autoptr(VigieSpatialIndex) index = vigie_spatial_index_new (xy, sizes[s]);

      g_assert_cmpuint (vigie_spatial_index_get_n_points (index), ==, sizes[s]);

      for (guint q = 0; q < 50; q++)
        {
          g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
          g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
          double x0 = 0.495 + 0.01 * g_rand_double (rand);
          double y0 = 0.345 + 0.01 * g_rand_double (rand);
          double x1 = x0 + 0.004 * g_rand_double (rand);
          double y1 = y0 + 0.004 * g_rand_double (rand);

          vigie_spatial_index_query_rect (index, x0, y0, x1, y1, found);
          for (guint i = 0; i < sizes[s]; i++)
            if (xy[2 * i] >= x0 && xy[2 * i] <= x1 && xy[2 * i + 1] >= y0 && xy[2 * i + 1] <= y1)
              g_array_append_val (expected, i);

          g_array_sort (found, compare_uint);
          g_assert_cmpuint (found->len, ==, expected->len);
          for (guint i = 0; i < found->len; i++)
            g_assert_cmpuint (g_array_index (found, guint, i), ==, g_array_index (expected, guint, i));
        }
    }
}

static void
test_nearest_against_brute_force (void)
{
  static const guint sizes[] = { 1, 5, 64, 5000, 50000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree double *xy = random_points (rand, sizes[s], 0.02);
      g_autoptr(VigieSpatialIndex) index = vigie_spatial_index_new (xy, sizes[s]);

      for (guint q = 0; q < 200; q++)
        {
          double x = 0.49 + 0.02 * g_rand_double (rand);
          double y = 0.34 + 0.02 * g_rand_double (rand);
          double radius = 0.0005 * g_rand_double (rand);
          double best_d2 = radius * radius;
          gboolean expect_found = FALSE;
          guint expected = 0, id = G_MAXUINT;
          gboolean found;

          for (guint i = 0; i < sizes[s]; i++)
            {
              double dx = xy[2 * i] - x, dy = xy[2 * i + 1] - y;
              double d2 = dx * dx + dy * dy;

              if (d2 < best_d2 || (d2 == best_d2 && (!expect_found || i > expected)))
                {
                  best_d2 = d2;
                  expected = i;
                  expect_found = TRUE;
                }
            }

          found = vigie_spatial_index_nearest (index, x, y, radius, &id);
          g_assert_cmpint (found, ==, expect_found);
          if (found)
            g_assert_cmpuint (id, ==, expected);
        }
    }
}

static void
test_empty (void)
{
  g_autoptr(VigieSpatialIndex) index = vigie_spatial_index_new (NULL, 0);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  guint id = 99;

  g_assert_cmpuint (vigie_spatial_index_get_n_points (index), ==, 0);
  vigie_spatial_index_query_rect (index, 0, 0, 1, 1, found);
  g_assert_cmpuint (found->len, ==, 0);
  g_assert_false (vigie_spatial_index_nearest (index, 0.5, 0.5, 1.0, &id));
  g_assert_cmpuint (id, ==, 99);
}

static void
test_duplicates (void)
{
  /* A hundred vehicles docked at one station share one position. */
  g_autofree double *xy = g_new (double, 2 * 200);
  g_autoptr(VigieSpatialIndex) index = NULL;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  guint id = 0;

  for (guint i = 0; i < 200; i++)
    {
      xy[2 * i] = i < 100 ? 0.25 : 0.75;
      xy[2 * i + 1] = 0.5;
    }
  index = vigie_spatial_index_new (xy, 200);

  vigie_spatial_index_query_rect (index, 0.25, 0.5, 0.25, 0.5, found);
  g_assert_cmpuint (found->len, ==, 100);
  for (guint i = 0; i < 100; i++)
    g_assert_true (array_has (found, i));

  /* Of equal distances, the one drawn last (on top) wins. */
  g_assert_true (vigie_spatial_index_nearest (index, 0.25, 0.5, 0.0, &id));
  g_assert_cmpuint (id, ==, 99);
  g_assert_true (vigie_spatial_index_nearest (index, 0.7, 0.5, 0.1, &id));
  g_assert_cmpuint (id, ==, 199);
}

static void
test_not_finite (void)
{
  double xy[] = { 0.1, 0.1, NAN, 0.2, 0.3, INFINITY, 0.4, 0.4 };
  g_autoptr(VigieSpatialIndex) index = vigie_spatial_index_new (xy, 4);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));

  g_assert_cmpuint (vigie_spatial_index_get_n_points (index), ==, 2);
  vigie_spatial_index_query_rect (index, 0, 0, 1, 1, found);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_true (array_has (found, 0));
  g_assert_true (array_has (found, 3));
}

static void
test_projection (void)
{
  static const struct {
    double latitude, longitude, x, y;
  } cases[] = {
    {   0.0,    0.0, 0.5, 0.5 },
    {  85.05112878, -180.0, 0.0, 0.0 },
    { -85.05112878,  180.0, 1.0, 1.0 },
    /* Beyond Mercator's limits: clamped, never outside the world. */
    {  90.0,    0.0, 0.5, 0.0 },
    { -90.0,  200.0, 1.0, 1.0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double x, y;

      vigie_spatial_index_project (cases[i].latitude, cases[i].longitude, &x, &y);
      g_assert_cmpfloat_with_epsilon (x, cases[i].x, 1e-9);
      g_assert_cmpfloat_with_epsilon (y, cases[i].y, 1e-9);
    }

  /* Mulhouse and back. */
  {
    double x, y, latitude, longitude;

    vigie_spatial_index_project (47.7508, 7.3359, &x, &y);
    vigie_spatial_index_unproject (x, y, &latitude, &longitude);
    g_assert_cmpfloat_with_epsilon (latitude, 47.7508, 1e-9);
    g_assert_cmpfloat_with_epsilon (longitude, 7.3359, 1e-9);

    /* A world unit there is the equator's length times cos(latitude). */
    g_assert_cmpfloat_with_epsilon (vigie_spatial_index_meters_per_unit (y),
                                    40075016.686 * cos (47.7508 * G_PI / 180), 1.0);
  }
}

static void
test_whole_world_bounds (void)
{
  /* No antimeridian wrapping: the corners of the world are ordinary points. */
  double xy[] = { 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.5, 0.5 };
  g_autoptr(VigieSpatialIndex) index = vigie_spatial_index_new (xy, 5);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  guint id;

  vigie_spatial_index_query_rect (index, 0.0, 0.0, 1.0, 1.0, found);
  g_assert_cmpuint (found->len, ==, 5);

  g_array_set_size (found, 0);
  vigie_spatial_index_query_rect (index, 0.9, 0.0, 1.0, 0.1, found);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpuint (g_array_index (found, guint, 0), ==, 1);

  g_assert_true (vigie_spatial_index_nearest (index, 0.99, 0.99, 0.05, &id));
  g_assert_cmpuint (id, ==, 3);
  g_assert_false (vigie_spatial_index_nearest (index, 0.02, 0.5, 0.01, &id));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spatial-index/rect/brute-force", test_rect_against_brute_force);
  g_test_add_func ("/spatial-index/nearest/brute-force", test_nearest_against_brute_force);
  g_test_add_func ("/spatial-index/empty", test_empty);
  g_test_add_func ("/spatial-index/duplicates", test_duplicates);
  g_test_add_func ("/spatial-index/not-finite", test_not_finite);
  g_test_add_func ("/spatial-index/projection", test_projection);
  g_test_add_func ("/spatial-index/whole-world", test_whole_world_bounds);

  return g_test_run ();
}
