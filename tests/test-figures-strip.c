/* test-figures-strip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-figures-strip.h"

/* Where the city's figures go in the strip over the map: on one line
 * as long as their own widths fit (at 1366 px, the map 1,003 px wide,
 * the five French figures measured 200, 177, 190, 227 and 209 px with
 * their buttons' padding, less now; GtkFlowBox, which counts a line's
 * figures by the widest, put four), the room left shared out; narrower,
 * on as many lines as they need, none lost. */

static guint
lay_out (const int *widths,
         guint      n,
         int        width,
         guint     *line,
         int       *x,
         int       *allocated)
{
  guint n_lines = vigie_figures_strip_lay_out (widths, n, width, line, x, allocated);

  /* Nothing overlaps, nothing goes past the strip, no figure is
   * narrower than it asked unless the strip is. */
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (x[i] + allocated[i], <=, width);
      g_assert_cmpint (allocated[i], >=, MIN (widths[i], width));
      if (i > 0 && line[i] == line[i - 1])
        g_assert_cmpint (x[i], >=, x[i - 1] + allocated[i - 1]);
      if (i > 0)
        g_assert_cmpuint (line[i], >=, line[i - 1]);
    }

  return n_lines;
}

static void
test_lay_out (void)
{
  const int widths[] = { 192, 169, 182, 219, 201 };
  guint line[G_N_ELEMENTS (widths)];
  int x[G_N_ELEMENTS (widths)], allocated[G_N_ELEMENTS (widths)];
  int sum = 0;

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    sum += widths[i];

  /* 1366 px: one line, though five of the widest would not fit. */
  g_assert_cmpint (5 * 219, >, 1003);
  g_assert_cmpuint (lay_out (widths, 5, 1003, line, x, allocated), ==, 1);
  g_assert_cmpint (x[0], ==, 0);
  /* The room left shared out. */
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (allocated[i], ==, widths[i] + (1003 - sum) / 5);

  /* 1920 px: one line, each figure wider, for its words. */
  g_assert_cmpuint (lay_out (widths, 5, 1560, line, x, allocated), ==, 1);
  g_assert_cmpint (allocated[0], >, widths[0] + 100);

  /* Just too narrow: the last goes to a second line, alone and whole. */
  g_assert_cmpuint (lay_out (widths, 5, sum - 1, line, x, allocated), ==, 2);
  g_assert_cmpuint (line[3], ==, 0);
  g_assert_cmpuint (line[4], ==, 1);
  g_assert_cmpint (x[4], ==, 0);
  g_assert_cmpint (allocated[4], ==, sum - 1);

  /* Very narrow: one a line, at the strip's width. */
  g_assert_cmpuint (lay_out (widths, 5, 150, line, x, allocated), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpuint (line[i], ==, i);
      g_assert_cmpint (allocated[i], ==, 150);
    }

  /* Nothing to show. */
  g_assert_cmpuint (vigie_figures_strip_lay_out (NULL, 0, 1003, NULL, NULL, NULL), ==, 0);
}

/* Two lines, then one at the same width (a figure a digit shorter):
 * still two lines' height, so the map does not move; a new width starts
 * again from the figures' height. */
static void
test_keep_height (void)
{
  VigieStripKept kept = { 0 };

  g_assert_cmpint (vigie_figures_strip_keep_height (&kept, 1003, 60), ==, 60);
  g_assert_cmpint (vigie_figures_strip_keep_height (&kept, 1003, 30), ==, 60);
  g_assert_cmpint (vigie_figures_strip_keep_height (&kept, 1003, 60), ==, 60);
  g_assert_cmpint (vigie_figures_strip_keep_height (&kept, 1003, 90), ==, 90);
  g_assert_cmpint (vigie_figures_strip_keep_height (&kept, 1500, 30), ==, 30);
  g_assert_cmpint (vigie_figures_strip_keep_height (&kept, 1500, 30), ==, 30);
  g_assert_cmpint (vigie_figures_strip_keep_height (&kept, 1003, 30), ==, 30);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/figures-strip/lay-out", test_lay_out);
  g_test_add_func ("/figures-strip/keep-height", test_keep_height);

  return g_test_run ();
}
