/* test-saved-views.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-filter.h"
#include "vigie-rotation.h"
#include "vigie-saved-views.h"

/* Saved views kept in the settings, per profile, and the meeting mode's
 * turn through them on a clock the test drives. */

#define S G_GINT64_CONSTANT (1000000)

static GSettings *
new_settings (void)
{
  GSettings *settings = g_settings_new (SCHEMA_ID);

  g_settings_reset (settings, "saved-views");
  g_settings_reset (settings, "saved-view-filters");
  return settings;
}

static void
test_views_round_trip (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_saved_view_free);
  g_autoptr(GPtrArray) other = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_saved_view_free);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GPtrArray) rotating = NULL;
  const char *centre_layers[] = { "trams", "velocite", NULL };
  VigieSavedView *view;

  vigie_saved_views_put (views, vigie_saved_view_new ("Centre-ville", 47.7467, 7.3386, 16.0, centre_layers, TRUE));
  vigie_saved_views_put (views, vigie_saved_view_new ("Gare", 47.7418, 7.3349, 17.0, NULL, FALSE));
  vigie_saved_views_put (views, vigie_saved_view_new ("Quartier Fonderie", 47.7402, 7.3226, 15.5, NULL, TRUE));
  vigie_saved_views_save (settings, "demo", views);

  /* Another city's views are its own. */
  vigie_saved_views_put (other, vigie_saved_view_new ("Centre-ville", 48.5734, 7.7521, 15.0, NULL, TRUE));
  vigie_saved_views_save (settings, "strasbourg", other);

  loaded = vigie_saved_views_load (settings, "demo");
  g_assert_cmpuint (loaded->len, ==, 3);
  view = g_ptr_array_index (loaded, 0);
  g_assert_cmpstr (view->name, ==, "Centre-ville");
  g_assert_cmpfloat (view->latitude, ==, 47.7467);
  g_assert_cmpfloat (view->longitude, ==, 7.3386);
  g_assert_cmpfloat (view->zoom, ==, 16.0);
  g_assert_true (view->rotate);
  g_assert_true (vigie_saved_view_shows_layer (view, "velocite"));
  g_assert_false (vigie_saved_view_shows_layer (view, "citiz"));
  g_assert_cmpstr (((VigieSavedView *) g_ptr_array_index (loaded, 1))->name, ==, "Gare");
  g_assert_false (((VigieSavedView *) g_ptr_array_index (loaded, 1))->rotate);

  rotating = vigie_saved_views_rotating (loaded);
  g_assert_cmpuint (rotating->len, ==, 2);
  g_assert_cmpstr (((VigieSavedView *) g_ptr_array_index (rotating, 1))->name, ==, "Quartier Fonderie");

  /* Saved again under its name, a view takes the old one's place. */
  vigie_saved_views_put (loaded, vigie_saved_view_new ("Gare", 47.7420, 7.3350, 18.0, NULL, TRUE));
  g_assert_true (vigie_saved_views_remove (loaded, "Quartier Fonderie"));
  g_assert_false (vigie_saved_views_remove (loaded, "Nulle part"));
  vigie_saved_views_save (settings, "demo", loaded);
  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = vigie_saved_views_load (settings, "demo");
  g_assert_cmpuint (loaded->len, ==, 2);
  view = vigie_saved_views_find (loaded, "Gare");
  g_assert_cmpfloat (view->zoom, ==, 18.0);
  g_assert_true (view->rotate);

  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = vigie_saved_views_load (settings, "strasbourg");
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_cmpfloat (((VigieSavedView *) g_ptr_array_index (loaded, 0))->latitude, ==, 48.5734);
}

static void
test_views_filters (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_saved_view_free);
  g_autoptr(GPtrArray) other = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_saved_view_free);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(VigieSavedView) copy = NULL;
  const char *layers[] = { "trams", "velocite", NULL };
  VigieSavedView *view = vigie_saved_view_new ("Gare", 47.7418, 7.3349, 17.0, layers, TRUE);

  /* Layers on, and their filters (issue 16). */
  vigie_saved_view_set_filter (view, "velocite", VIGIE_FILTER_EMPTY | VIGIE_FILTER_FULL);
  vigie_saved_view_set_filter (view, "trams", VIGIE_FILTER_GHOST);
  vigie_saved_view_set_filter (view, "trams", VIGIE_FILTER_DELAYED);
  vigie_saved_view_set_filter (view, "citiz", VIGIE_FILTER_EMPTY);
  vigie_saved_view_set_filter (view, "citiz", VIGIE_FILTER_NONE);
  g_assert_cmpuint (g_strv_length (view->filters), ==, 2);
  copy = vigie_saved_view_copy (view);
  g_assert_cmpuint (vigie_saved_view_get_filter (copy, "trams"), ==, VIGIE_FILTER_DELAYED);
  vigie_saved_views_put (views, view);
  vigie_saved_views_put (views, vigie_saved_view_new ("Centre-ville", 47.7467, 7.3386, 16.0, layers, TRUE));
  vigie_saved_views_save (settings, "demo", views);
  /* Another city's view of the same name keeps its own. */
  view = vigie_saved_view_new ("Gare", 48.5734, 7.7521, 15.0, NULL, TRUE);
  vigie_saved_view_set_filter (view, "velhop", VIGIE_FILTER_FULL);
  vigie_saved_views_put (other, view);
  vigie_saved_views_save (settings, "strasbourg", other);

  loaded = vigie_saved_views_load (settings, "demo");
  g_assert_cmpuint (loaded->len, ==, 2);
  view = vigie_saved_views_find (loaded, "Gare");
  g_assert_cmpuint (vigie_saved_view_get_filter (view, "velocite"), ==, VIGIE_FILTER_EMPTY | VIGIE_FILTER_FULL);
  g_assert_cmpuint (vigie_saved_view_get_filter (view, "trams"), ==, VIGIE_FILTER_DELAYED);
  g_assert_cmpuint (vigie_saved_view_get_filter (view, "citiz"), ==, VIGIE_FILTER_NONE);
  g_assert_cmpuint (vigie_saved_view_get_filter (view, "velhop"), ==, VIGIE_FILTER_NONE);
  g_assert_cmpuint (vigie_saved_view_get_filter (vigie_saved_views_find (loaded, "Centre-ville"), "velocite"), ==,
                    VIGIE_FILTER_NONE);
  g_clear_pointer (&loaded, g_ptr_array_unref);
  loaded = vigie_saved_views_load (settings, "strasbourg");
  g_assert_cmpuint (vigie_saved_view_get_filter (g_ptr_array_index (loaded, 0), "velhop"), ==, VIGIE_FILTER_FULL);
  g_clear_pointer (&loaded, g_ptr_array_unref);

  /* Views saved before filters existed: the old setting alone reads as
   * it did, with no filter. */
  g_settings_reset (settings, "saved-view-filters");
  g_settings_set_value (settings, "saved-views",
                        g_variant_new_parsed ("[('demo', 'Gare', 47.7418, 7.3349, 17.0, ['velocite'], true)]"));
  loaded = vigie_saved_views_load (settings, "demo");
  g_assert_cmpuint (loaded->len, ==, 1);
  view = g_ptr_array_index (loaded, 0);
  g_assert_true (vigie_saved_view_shows_layer (view, "velocite"));
  g_assert_cmpuint (g_strv_length (view->filters), ==, 0);
  g_clear_pointer (&loaded, g_ptr_array_unref);

  /* Hand-edited filters: what does not read is left out, the view stays. */
  g_settings_set_value (settings, "saved-view-filters",
                        g_variant_new_parsed ("[('demo', 'Gare', ['velocite=teleported', '=empty', 'nothing', 'velocite=full']),"
                                              " ('demo', 'Nowhere', ['velocite=empty'])]"));
  loaded = vigie_saved_views_load (settings, "demo");
  g_assert_cmpuint (loaded->len, ==, 1);
  view = g_ptr_array_index (loaded, 0);
  g_assert_cmpuint (g_strv_length (view->filters), ==, 1);
  g_assert_cmpuint (vigie_saved_view_get_filter (view, "velocite"), ==, VIGIE_FILTER_FULL);
}

static void
test_views_bad_values (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  g_autoptr(GPtrArray) loaded = NULL;

  /* Edited by hand: no name, a latitude off the map, a NaN zoom, a
   * duplicate; only the good one is read. */
  g_settings_set_value (settings, "saved-views",
                        g_variant_new_parsed ("[('demo', '', 47.7, 7.3, 15.0, @as [], true),"
                                              " ('demo', 'Pôle', 400.0, 7.3, 15.0, @as [], true),"
                                              " ('demo', 'Bon', 47.7, 7.3, 15.0, ['wifi'], true),"
                                              " ('demo', 'Bon', 47.0, 7.0, 12.0, @as [], false),"
                                              " ('demo', 'Zoom', 47.7, 7.3, 99.0, @as [], true)]"));
  loaded = vigie_saved_views_load (settings, "demo");
  g_assert_cmpuint (loaded->len, ==, 1);
  g_assert_cmpfloat (((VigieSavedView *) g_ptr_array_index (loaded, 0))->zoom, ==, 15.0);
}

static void
test_rotation (void)
{
  VigieRotation rotation;

  vigie_rotation_start (&rotation, 3, 30 * S, 1000 * S);
  g_assert_cmpuint (rotation.index, ==, 0);
  g_assert_false (vigie_rotation_tick (&rotation, 1029 * S));
  g_assert_cmpfloat_with_epsilon (vigie_rotation_get_progress (&rotation, 1015 * S), 0.5, 1e-9);

  /* After its interval, the next view, with a whole interval of its own. */
  g_assert_true (vigie_rotation_tick (&rotation, 1030 * S));
  g_assert_cmpuint (rotation.index, ==, 1);
  g_assert_cmpfloat (vigie_rotation_get_progress (&rotation, 1030 * S), ==, 0.0);

  /* A tick minutes late moves by one view only. */
  g_assert_true (vigie_rotation_tick (&rotation, 1300 * S));
  g_assert_cmpuint (rotation.index, ==, 2);
  g_assert_true (vigie_rotation_tick (&rotation, 1330 * S));
  g_assert_cmpuint (rotation.index, ==, 0);

  /* Paused (Space), it waits, and the pause does not count. */
  vigie_rotation_set_paused (&rotation, TRUE, 1340 * S);
  g_assert_true (vigie_rotation_get_paused (&rotation));
  g_assert_false (vigie_rotation_tick (&rotation, 2000 * S));
  g_assert_cmpfloat_with_epsilon (vigie_rotation_get_progress (&rotation, 2000 * S), 10.0 / 30, 1e-9);
  vigie_rotation_set_paused (&rotation, FALSE, 2000 * S);
  g_assert_false (vigie_rotation_tick (&rotation, 2019 * S));
  g_assert_true (vigie_rotation_tick (&rotation, 2020 * S));
  g_assert_cmpuint (rotation.index, ==, 1);

  /* Arrows: next and previous, around the ends. */
  vigie_rotation_step (&rotation, -1, 2025 * S);
  g_assert_cmpuint (rotation.index, ==, 0);
  vigie_rotation_step (&rotation, -1, 2026 * S);
  g_assert_cmpuint (rotation.index, ==, 2);
  vigie_rotation_step (&rotation, 1, 2027 * S);
  g_assert_cmpuint (rotation.index, ==, 0);
  g_assert_false (vigie_rotation_tick (&rotation, 2056 * S));

  /* One view alone stays. */
  vigie_rotation_start (&rotation, 1, 30 * S, 0);
  g_assert_false (vigie_rotation_tick (&rotation, 3600 * S));
  g_assert_cmpuint (rotation.index, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/saved-views/round-trip", test_views_round_trip);
  g_test_add_func ("/saved-views/bad-values", test_views_bad_values);
  g_test_add_func ("/saved-views/filters", test_views_filters);
  g_test_add_func ("/saved-views/rotation", test_rotation);

  return g_test_run ();
}
