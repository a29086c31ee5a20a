/* test-shapes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vigie-shapes.h"
#include "vigie-spatial-index.h"

/* A layer's lines and areas, made again by its worker at each plan: an
 * entity the last plan had (the same object, which the store keeps while
 * it does not change) has its path copied from there; another is read
 * from its values (src/map/vigie-shapes.c). */

static VigieEntity *
new_line (double longitude_shift)
{
  return vigie_entity_new (VIGIE_ENTITY_LINE, "T1-0", "Ligne 1", NAN, NAN, 1795590000,
                           g_variant_new_parsed ("{'route_id': <'T1'>, 'route_color': <'BE0013'>,"
                                                 " 'geometry': <[(47.75, %d), (47.75, %d), (47.76, %d)]>}",
                                                 7.33 + longitude_shift, 7.34 + longitude_shift,
                                                 7.34 + longitude_shift));
}

/* The path a tram follows along @shapes' line T1, from near its start
 * to near its end: its points, in world units. */
static GArray *
follow (VigieShapes *shapes,
        VigieEntity *line)
{
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GVariant) geometry = vigie_entity_dup_value (line, "geometry", G_VARIANT_TYPE ("a(dd)"));
  double lat0, lon0, lat1, lon1, x0, y0, x1, y1;

  g_variant_get_child (geometry, 0, "(dd)", &lat0, &lon0);
  g_variant_get_child (geometry, 2, "(dd)", &lat1, &lon1);
  vigie_spatial_index_project (lat0, lon0, &x0, &y0);
  vigie_spatial_index_project (lat1, lon1, &x1, &y1);
  if (!vigie_shapes_find_path (shapes, "T1", x0, y0, x1, y1, 1e-6, path))
    return NULL;

  return g_steal_pointer (&path);
}

static void
assert_same_path (GArray *a,
                  GArray *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpfloat (g_array_index (a, double, i), ==, g_array_index (b, double, i));
}

static void
test_path_kept (void)
{
  g_autoptr(VigieEntity) line = new_line (0);
  g_autoptr(VigieEntity) moved = new_line (0.01);
  g_autoptr(VigieEntity) zone = vigie_entity_new (VIGIE_ENTITY_ZONE, "z1", "Zone", 47.75, 7.33, 1795590000,
                                                  g_variant_new_parsed ("{'geometry': <[[(47.75, 7.33), (47.75, 7.34),"
                                                                        " (47.76, 7.34), (47.75, 7.33)]]>}"));
  g_autoptr(VigieEntity) pointless = vigie_entity_new (VIGIE_ENTITY_ZONE, "z2", "Zone", 47.75, 7.33, 1795590000, NULL);
  g_autoptr(VigieShapes) first = vigie_shapes_new ();
  g_autoptr(VigieShapes) second = vigie_shapes_new ();
  g_autoptr(VigieShapes) third = vigie_shapes_new ();
  g_autoptr(GArray) first_path = NULL;
  g_autoptr(GArray) second_path = NULL;
  g_autoptr(GArray) third_path = NULL;

  g_assert_true (vigie_shapes_add (first, NULL, line, 0x3366ccff, FALSE));
  g_assert_true (vigie_shapes_add (first, NULL, zone, 0x3366ccff, FALSE));
  g_assert_false (vigie_shapes_add (first, NULL, pointless, 0x3366ccff, FALSE));
  g_assert_cmpuint (vigie_shapes_get_n (first), ==, 2);

  /* The same objects: copied, the same paths. */
  g_assert_true (vigie_shapes_add (second, first, line, 0x3366ccff, FALSE));
  g_assert_true (vigie_shapes_add (second, first, zone, 0xcc3333ff, TRUE));
  g_assert_false (vigie_shapes_add (second, first, pointless, 0x3366ccff, FALSE));
  g_assert_cmpuint (vigie_shapes_get_n (second), ==, 2);
  first_path = follow (first, line);
  second_path = follow (second, line);
  assert_same_path (first_path, second_path);

  /* The previous shapes gone, the copies stand on their own. */
  g_clear_pointer (&first, vigie_shapes_unref);
  g_clear_pointer (&second_path, g_array_unref);
  second_path = follow (second, line);
  assert_same_path (first_path, second_path);

  /* The same line moved is another object: its new path, not the old. */
  g_assert_true (vigie_shapes_add (third, second, moved, 0x3366ccff, FALSE));
  third_path = follow (third, moved);
  g_assert_nonnull (third_path);
  g_assert_null (follow (third, line));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shapes/path-kept", test_path_kept);

  return g_test_run ();
}
