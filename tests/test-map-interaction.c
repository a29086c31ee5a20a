/* test-map-interaction.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <shumate/shumate.h>

#include "vigie-map-keys.h"
#include "vigie-map-layer.h"
#include "vigie-snapshot.h"
#include "vigie-store.h"
#include "vigie-test-ui.h"

/* Selection across the layers of one map, the tooltip against the details
 * popover, the keys that move the map, and what the layers say to
 * assistive technologies. A real map
 * in a real window under Xvfb, with no tiles. */

#define CENTER_LAT 47.7508
#define CENTER_LON  7.3359

typedef struct
{
  GtkWidget        *window;
  ShumateMap       *map;
  ShumateMapSource *source;
  VigieStore       *bikes_store;
  VigieStore       *cars_store;
  VigieMapLayer    *bikes;
  VigieMapLayer    *cars;
} Fixture;

static void
apply_one (VigieStore *store,
           const char *id,
           const char *name,
           double      latitude,
           double      longitude)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();

  vigie_snapshot_add_entity (snapshot, vigie_entity_new (VIGIE_ENTITY_VEHICLE, id, name, latitude, longitude,
                                                         g_get_real_time () / G_USEC_PER_SEC - 120, NULL));
  vigie_store_apply (store, snapshot, g_get_real_time () / G_USEC_PER_SEC);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  ShumateViewport *viewport;

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 480, 360);

  fixture->map = vigie_test_map_new (CENTER_LAT, CENTER_LON, 17, &fixture->source);
  viewport = shumate_map_get_viewport (fixture->map);

  fixture->bikes_store = vigie_store_new ();
  fixture->cars_store = vigie_store_new ();
  apply_one (fixture->bikes_store, "b1", "Gare centrale", CENTER_LAT, CENTER_LON);
  apply_one (fixture->cars_store, "c1", "Place de la Réunion", CENTER_LAT + 0.0005, CENTER_LON + 0.001);

  fixture->bikes = vigie_map_layer_new (viewport, VIGIE_FEED_KIND_BIKES, G_LIST_MODEL (fixture->bikes_store));
  vigie_map_layer_set_title (fixture->bikes, "VéloCité");
  fixture->cars = vigie_map_layer_new (viewport, VIGIE_FEED_KIND_CAR_SHARE, G_LIST_MODEL (fixture->cars_store));
  vigie_map_layer_set_title (fixture->cars, "Citiz");
  shumate_map_add_layer (fixture->map, SHUMATE_LAYER (fixture->bikes));
  shumate_map_add_layer (fixture->map, SHUMATE_LAYER (fixture->cars));

  vigie_test_present (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->map), GTK_WIDGET (fixture->bikes));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->bikes_store);
  g_clear_object (&fixture->cars_store);
  g_clear_object (&fixture->source);
}

static VigieEntity *
first (VigieStore *store)
{
  g_autoptr(VigieEntity) entity = g_list_model_get_item (G_LIST_MODEL (store), 0);

  /* The store keeps it. */
  return entity;
}

static void
test_one_selection (Fixture       *fixture,
                    gconstpointer  data)
{
  vigie_map_layer_select (fixture->bikes, first (fixture->bikes_store), FALSE);
  g_assert_nonnull (vigie_map_layer_get_selected (fixture->bikes));

  /* Selecting in another layer takes the selection from the first. */
  vigie_map_layer_select (fixture->cars, first (fixture->cars_store), TRUE);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (50);
  g_assert_nonnull (vigie_map_layer_get_selected (fixture->cars));
  g_assert_null (vigie_map_layer_get_selected (fixture->bikes));

  vigie_map_layer_select (fixture->bikes, first (fixture->bikes_store), FALSE);
  g_assert_null (vigie_map_layer_get_selected (fixture->cars));
  g_assert_nonnull (vigie_map_layer_get_selected (fixture->bikes));

  /* Clearing one layer's selection leaves the other alone. */
  vigie_map_layer_select (fixture->cars, NULL, FALSE);
  g_assert_nonnull (vigie_map_layer_get_selected (fixture->bikes));
}

static void
test_tooltip_under_popover (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *layer = GTK_WIDGET (fixture->bikes);
  GtkWidget *popover = NULL;

  g_assert_true (gtk_widget_get_has_tooltip (layer));

  vigie_map_layer_select (fixture->bikes, first (fixture->bikes_store), TRUE);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (100);

  for (GtkWidget *child = gtk_widget_get_first_child (layer); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      popover = child;
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));

  /* While the details are open, no tooltip covers their title. */
  g_assert_false (gtk_widget_get_has_tooltip (layer));

  gtk_popover_popdown (GTK_POPOVER (popover));
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (50);
  g_assert_true (gtk_widget_get_has_tooltip (layer));
}

static void
test_details_follow_store (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *layer = GTK_WIDGET (fixture->bikes);
  GtkWidget *title, *popover;

  vigie_map_layer_select (fixture->bikes, first (fixture->bikes_store), TRUE);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (100);

  title = vigie_test_find_label (layer, "Gare centrale", VIGIE_TEST_LABEL_VISIBLE | VIGIE_TEST_LABEL_WHOLE);
  g_assert_nonnull (title);
  popover = gtk_widget_get_ancestor (title, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));

  /* The store brings the same station with new values: the open details
   * say what the map now draws, not what it drew when clicked. */
  apply_one (fixture->bikes_store, "b1", "Gare centrale (travaux)", CENTER_LAT, CENTER_LON);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (50);
  g_assert_true (vigie_map_layer_get_selected (fixture->bikes) == first (fixture->bikes_store));
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_nonnull (vigie_test_find_label (popover, "Gare centrale (travaux)", VIGIE_TEST_LABEL_VISIBLE | VIGIE_TEST_LABEL_WHOLE));
  g_assert_null (vigie_test_find_label (layer, "Gare centrale", VIGIE_TEST_LABEL_VISIBLE | VIGIE_TEST_LABEL_WHOLE));

  /* Closed before the window goes (GTK 4.8 warns otherwise). */
  vigie_map_layer_select (fixture->bikes, NULL, FALSE);
  vigie_test_wait_layers (GTK_WIDGET (fixture->map));
  vigie_test_spin (50);
}

static void
assert_property (GtkWidget             *widget,
                 GtkAccessibleProperty  property,
                 const char            *expected)
{
  g_autofree char *error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, expected);

  if (error != NULL)
    g_error ("%s", error);
}

static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *bikes = GTK_WIDGET (fixture->bikes);

  assert_property (bikes, GTK_ACCESSIBLE_PROPERTY_LABEL, "Bike share layer: VéloCité");
  assert_property (GTK_WIDGET (fixture->cars), GTK_ACCESSIBLE_PROPERTY_LABEL, "Car share layer: Citiz");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (bikes), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  /* The selected item is told: its name, its state, how old it is. */
  vigie_map_layer_select (fixture->bikes, first (fixture->bikes_store), FALSE);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (bikes), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  {
    g_auto(GStrv) lines = vigie_style_describe (VIGIE_FEED_KIND_BIKES, first (fixture->bikes_store),
                                                vigie_map_layer_get_thresholds (fixture->bikes));
    g_autofree char *expected = g_strdup_printf ("Gare centrale, %s, Updated 2 min ago", lines[0]);

    assert_property (bikes, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  }

  vigie_map_layer_set_title (fixture->bikes, "VéloCité Mulhouse");
  assert_property (bikes, GTK_ACCESSIBLE_PROPERTY_LABEL, "Bike share layer: VéloCité Mulhouse");

  vigie_map_layer_select (fixture->bikes, NULL, FALSE);
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (bikes), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
}

static void
test_keys (Fixture       *fixture,
           gconstpointer  data)
{
  ShumateViewport *viewport = shumate_map_get_viewport (fixture->map);
  double latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  double x, y;
  gint64 deadline;

  /* Right: the map moves a quarter of its width, the centre goes east. */
  g_assert_true (vigie_map_keys_handle (fixture->map, GDK_KEY_Right, 0));
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (fixture->map), latitude, longitude, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, gtk_widget_get_width (GTK_WIDGET (fixture->map)) * (0.5 - VIGIE_MAP_KEYS_PAN_FRACTION), 1.0);
  g_assert_cmpfloat_with_epsilon (y, gtk_widget_get_height (GTK_WIDGET (fixture->map)) * 0.5, 1.0);

  g_assert_true (vigie_map_keys_handle (fixture->map, GDK_KEY_Up, 0));
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (fixture->map), latitude, longitude, &x, &y);
  g_assert_cmpfloat_with_epsilon (y, gtk_widget_get_height (GTK_WIDGET (fixture->map)) * (0.5 + VIGIE_MAP_KEYS_PAN_FRACTION), 1.0);

  /* + and - without Ctrl: a whole level. */
  g_assert_true (vigie_map_keys_handle (fixture->map, GDK_KEY_minus, 0));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (shumate_viewport_get_zoom_level (viewport) > 16.001 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), 16.0, 0.001);

  g_assert_true (vigie_map_keys_handle (fixture->map, GDK_KEY_plus, 0));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (shumate_viewport_get_zoom_level (viewport) < 16.999 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), 17.0, 0.001);

  /* With Ctrl they belong to the window; other keys to whoever wants them. */
  g_assert_false (vigie_map_keys_handle (fixture->map, GDK_KEY_plus, GDK_CONTROL_MASK));
  g_assert_false (vigie_map_keys_handle (fixture->map, GDK_KEY_a, 0));
}

int
main (int   argc,
      char *argv[])
{
  /* The test context keeps the accessible properties for us to read. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (!vigie_test_init_gtk (&argc, &argv, "map interaction"))
    return 77;

  g_test_add ("/map-interaction/one-selection", Fixture, NULL, fixture_set_up, test_one_selection, fixture_tear_down);
  g_test_add ("/map-interaction/tooltip-under-popover", Fixture, NULL, fixture_set_up, test_tooltip_under_popover, fixture_tear_down);
  g_test_add ("/map-interaction/details-follow-store", Fixture, NULL, fixture_set_up, test_details_follow_store, fixture_tear_down);
  g_test_add ("/map-interaction/keys", Fixture, NULL, fixture_set_up, test_keys, fixture_tear_down);
  g_test_add ("/map-interaction/accessible", Fixture, NULL, fixture_set_up, test_accessible, fixture_tear_down);

  return g_test_run ();
}
