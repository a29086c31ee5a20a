/* test-window-shell.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include <glib/gstdio.h>

#include "vigie-application.h"
#include "vigie-map-layer.h"
#include "vigie-map-legend.h"
#include "vigie-style.h"
#include "vigie-test-ui.h"
#include "vigie-window.h"

/* The window's shell: the offline-map chip, the window fitting the
 * screen, the map fitting the data, the folding sidebar and the legend on
 * the map. Tiles and feeds come from a VigieTestTileServer on
 * loopback. */

static gboolean
has_css_class (GtkWidget     *widget,
               gconstpointer  css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

/* A city of one Wi-Fi feed served by @server. */
static void
use_wifi_profile_full (GSettings           *settings,
                       VigieTestTileServer *server,
                       gboolean             simulated)
{
  g_autofree char *path = NULL;

  path = vigie_test_use_profile (settings, "shell",
                                 "[Profile]\nName=Shell\nSimulated=%s\n"
                                 "[Feed wifi]\nName=Wi-Fi de test\nKind=wifi\nFormat=wifi-geojson\nUrl=%s/wifi.json\n",
                                 simulated ? "true" : "false", server->base_url);
}

static void
use_wifi_profile (GSettings           *settings,
                  VigieTestTileServer *server)
{
  use_wifi_profile_full (settings, server, FALSE);
}

/* The online map fails: a chip says so in a corner, clear of the scale
 * bar, and no toast stays over the map. */
static void
test_shell_offline_chip (VigieTestWindow *fixture,
                         gconstpointer    data)
{
  ShumateScale *scale;
  graphene_rect_t chip_bounds, scale_bounds;
  GtkWidget *simple_map;
  GtkWidget *chip;
  VigieWindow *window;

  fixture->tiles.status = SOUP_STATUS_SERVICE_UNAVAILABLE;
  window = vigie_test_window_open (fixture, "Shell");

  chip = vigie_test_find_widget (GTK_WIDGET (window), has_css_class, "vigie-offline-chip");
  g_assert_nonnull (chip);
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_is_drawable (chip));
  g_assert_nonnull (vigie_test_find_label (chip, "Offline map", VIGIE_TEST_LABEL_DRAWABLE));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (chip), "Online map unavailable"));

  simple_map = vigie_test_find_descendant (GTK_WIDGET (window), SHUMATE_TYPE_SIMPLE_MAP);
  scale = shumate_simple_map_get_scale (SHUMATE_SIMPLE_MAP (simple_map));
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (scale)) > 0);
  g_assert_true (gtk_widget_compute_bounds (chip, GTK_WIDGET (window), &chip_bounds));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (scale), GTK_WIDGET (window), &scale_bounds));
  g_assert_false (graphene_rect_intersection (&chip_bounds, &scale_bounds, NULL));

  /* Nothing else speaks of it: no toast over the map. */
  vigie_test_spin (500);
  {
    GtkWidget *label = vigie_test_find_label (GTK_WIDGET (window), "Online map unavailable", VIGIE_TEST_LABEL_DRAWABLE);

    g_assert_null (label);
  }

  /* Retrying once the server is back takes the chip away. */
  fixture->tiles.status = SOUP_STATUS_OK;
  g_assert_true (gtk_widget_activate (chip));
  VIGIE_TEST_WAIT_UNTIL (!gtk_widget_get_visible (chip));
}

/* A size saved on a big screen (or the 1280×800 default on a 1366×768
 * laptop) is fitted to this one. */
static void
test_shell_fits_screen (VigieTestWindow *fixture,
                        gconstpointer    data)
{
  g_autoptr(GdkMonitor) monitor = NULL;
  GListModel *monitors;
  GdkRectangle geometry;
  VigieWindow *window;
  int width, height;

  g_settings_set_int (fixture->settings, "window-width", 6000);
  g_settings_set_int (fixture->settings, "window-height", 4000);

  window = vigie_test_window_open (fixture, "Shell");

  monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (window)));
  monitor = g_list_model_get_item (monitors, 0);
  gdk_monitor_get_geometry (monitor, &geometry);
  g_test_message ("screen %d×%d", geometry.width, geometry.height);

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, <=, geometry.width);
  g_assert_cmpint (height, <=, geometry.height - 64);
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_height (GTK_WIDGET (window)) > 0);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, geometry.height);
}

/* With no view saved, the map opens on the data; a saved view wins. */
static void
test_shell_fits_data (VigieTestWindow *fixture,
                      gconstpointer    data)
{
  ShumateViewport *viewport;
  VigieWindow *window;

  use_wifi_profile (fixture->settings, &fixture->tiles);

  window = vigie_test_window_open (fixture, "Shell");
  viewport = shumate_map_get_viewport (vigie_window_get_map (window));

  /* The three hotspots the fixture gives lie within 47.7418–47.748 N,
   * 7.3349–7.345 E: under a kilometre, so the map zooms in from the
   * city's 13 onto their middle. */
  VIGIE_TEST_WAIT_UNTIL (shumate_viewport_get_zoom_level (viewport) >= 15.0);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 47.7449, 2e-4);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), 7.33995, 2e-4);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), <=, 17.0);

  /* The operator moves: new data does not move the map again. */
  shumate_map_center_on (vigie_window_get_map (window), 47.76, 7.32);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh-all", NULL));
  vigie_test_spin (1000);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 47.76, 1e-6);

  /* "Reset map view" goes back to the data, not to the city centre. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-view", NULL));
  VIGIE_TEST_WAIT_UNTIL (G_APPROX_VALUE (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 47.7449, 2e-4));
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), 7.33995, 2e-4);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 15.0);

  /* Moved again, and kept at the next start. */
  shumate_map_center_on (vigie_window_get_map (window), 47.76, 7.32);
  vigie_test_spin (200);

  vigie_test_window_close (fixture);

  /* Next start: the view the operator left is kept. */
  window = vigie_test_window_open (fixture, "Shell");
  viewport = shumate_map_get_viewport (vigie_window_get_map (window));
  vigie_test_spin (1500);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 47.76, 1e-4);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), 7.32, 1e-4);
}

/* At 760 px the sidebar folds away over the map; F9 brings it back and
 * hides it again; unfolded, it stays beside the map. */
static void
test_shell_sidebar_folds (VigieTestWindow *fixture,
                          gconstpointer    data)
{
  GtkWidget *map;
  AdwFlap *flap;
  VigieWindow *window;

  g_settings_set_int (fixture->settings, "window-width", 1200);
  g_settings_set_int (fixture->settings, "window-height", 700);
  use_wifi_profile_full (fixture->settings, &fixture->tiles, TRUE);

  window = vigie_test_window_open (fixture, "Shell");
  flap = ADW_FLAP (vigie_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_FLAP));
  map = vigie_test_find_descendant (GTK_WIDGET (window), SHUMATE_TYPE_SIMPLE_MAP);
  g_assert_nonnull (flap);

  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (window)) >= 1100);
  g_assert_false (adw_flap_get_folded (flap));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_true (vigie_window_get_sidebar_visible (window));
  /* The map keeps most of the width: the sidebar is not 490 px wide. */
  g_assert_cmpint (gtk_widget_get_width (map), >=, gtk_widget_get_width (GTK_WIDGET (window)) - 360);

  gtk_window_set_default_size (GTK_WINDOW (window), 760, 600);
  VIGIE_TEST_WAIT_UNTIL (adw_flap_get_folded (flap));
  VIGIE_TEST_WAIT_UNTIL (!adw_flap_get_reveal_flap (flap));
  g_assert_false (vigie_window_get_sidebar_visible (window));
  /* Folding is not the operator's choice: it is not remembered. */
  g_assert_true (g_settings_get_boolean (fixture->settings, "sidebar-visible"));

  /* F9 shows the sidebar over the map, and hides it. */
  g_assert_true (vigie_test_activate_shortcut (GTK_WIDGET (window), GDK_KEY_F9));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_true (vigie_test_activate_shortcut (GTK_WIDGET (window), GDK_KEY_F9));
  g_assert_false (adw_flap_get_reveal_flap (flap));

  /* The demo banner keeps to two lines at most, even narrower. */
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 500);
  vigie_test_spin (300);
  {
    GtkWidget *banner = vigie_test_find_widget (GTK_WIDGET (window), has_css_class, "vigie-demo-banner");
    GtkWidget *label = vigie_test_find_label (banner, "Demo", VIGIE_TEST_LABEL_DRAWABLE);

    g_assert_nonnull (label);
    g_test_message ("banner %d px wide, %d lines", gtk_widget_get_width (label),
                    pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (label))));
    g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (label))), <=, 2);
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (label), "nothing on this map is real"));
  }

  /* Wide again: it unfolds beside the map. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 700);
  VIGIE_TEST_WAIT_UNTIL (!adw_flap_get_folded (flap));

  /* F9 unfolded: hidden and remembered. */
  if (!adw_flap_get_reveal_flap (flap))
    g_assert_true (vigie_test_activate_shortcut (GTK_WIDGET (window), GDK_KEY_F9));
  g_assert_true (vigie_test_activate_shortcut (GTK_WIDGET (window), GDK_KEY_F9));
  g_assert_false (adw_flap_get_reveal_flap (flap));
  g_assert_false (g_settings_get_boolean (fixture->settings, "sidebar-visible"));
}

/* Only the sidebar's page shown is measured: the others' text was laid
 * out before the first frame for nothing (the feeds' rows, the alerts).
 * Every page is made for the sidebar's 340 px, so the sidebar, the map
 * and the width where the sidebar folds (and the window's least height)
 * are the same on every page. */
static void
test_shell_sidebar_pages (VigieTestWindow *fixture,
                          gconstpointer    data)
{
  GtkWidget *sidebar, *map, *page;
  GtkStack *stack;
  AdwFlap *flap;
  VigieWindow *window;
  int sidebar_width, map_width, flap_min, flap_min_height = 0, min;
  guint n_pages = 0;

  g_settings_set_int (fixture->settings, "window-width", 1200);
  g_settings_set_int (fixture->settings, "window-height", 700);
  use_wifi_profile (fixture->settings, &fixture->tiles);

  window = vigie_test_window_open (fixture, "Shell");
  flap = ADW_FLAP (vigie_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_FLAP));
  map = vigie_test_find_descendant (GTK_WIDGET (window), SHUMATE_TYPE_SIMPLE_MAP);
  sidebar = vigie_test_find_widget (GTK_WIDGET (window), has_css_class, "vigie-sidebar");
  stack = GTK_STACK (vigie_test_find_descendant (sidebar, GTK_TYPE_STACK));
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (window)) >= 1100);
  VIGIE_TEST_WAIT_UNTIL (vigie_test_find_label (sidebar, "Wi-Fi de test", VIGIE_TEST_LABEL_DRAWABLE) != NULL);

  g_assert_false (gtk_stack_get_hhomogeneous (stack));
  g_assert_false (gtk_stack_get_vhomogeneous (stack));

  sidebar_width = gtk_widget_get_width (sidebar);
  map_width = gtk_widget_get_width (map);
  gtk_widget_measure (GTK_WIDGET (flap), GTK_ORIENTATION_HORIZONTAL, -1, &flap_min, NULL, NULL, NULL);
  g_assert_cmpint (sidebar_width, ==, 340);

  for (page = gtk_widget_get_first_child (GTK_WIDGET (stack)); page != NULL; page = gtk_widget_get_next_sibling (page))
    {
      g_test_message ("page %s", gtk_stack_page_get_name (gtk_stack_get_page (stack, page)));
      gtk_stack_set_visible_child (stack, page);
      vigie_test_spin (200);
      g_assert_true (gtk_widget_get_mapped (page));
      g_assert_cmpint (gtk_widget_get_width (sidebar), ==, sidebar_width);
      g_assert_cmpint (gtk_widget_get_width (map), ==, map_width);
      gtk_widget_measure (GTK_WIDGET (flap), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      g_assert_cmpint (min, ==, flap_min);
      gtk_widget_measure (GTK_WIDGET (flap), GTK_ORIENTATION_VERTICAL, -1, &min, NULL, NULL, NULL);
      if (n_pages == 0)
        flap_min_height = min;
      g_assert_cmpint (min, ==, flap_min_height);
      n_pages++;
    }
  g_assert_cmpuint (n_pages, >=, 3);
}

/* The legend on the map shows the layers' own legend entries. */
static void
test_shell_map_legend (VigieTestWindow *fixture,
                       gconstpointer    data)
{
  g_autoptr(GPtrArray) entries = NULL;
  VigieStyleThresholds thresholds;
  GtkWidget *legend;
  VigieWindow *window;

  use_wifi_profile (fixture->settings, &fixture->tiles);

  window = vigie_test_window_open (fixture, "Shell");
  legend = vigie_test_find_descendant (GTK_WIDGET (window), VIGIE_TYPE_MAP_LEGEND);
  g_assert_nonnull (legend);
  VIGIE_TEST_WAIT_UNTIL (vigie_test_find_descendant (GTK_WIDGET (vigie_window_get_map (window)), VIGIE_TYPE_MAP_LAYER) != NULL);

  /* Off by default, and then not even made: its tooltips would each ask
   * the X server where the pointer is, before the first frame. */
  g_assert_false (gtk_widget_get_visible (legend));
  g_assert_null (vigie_test_find_label (legend, "Wi-Fi de test", VIGIE_TEST_LABEL_ANY));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-map-legend", NULL));
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_is_drawable (legend));
  g_assert_true (g_settings_get_boolean (fixture->settings, "map-legend-visible"));
  VIGIE_TEST_WAIT_UNTIL (vigie_test_find_label (legend, "Wi-Fi de test", VIGIE_TEST_LABEL_DRAWABLE) != NULL);

  vigie_style_thresholds_init (&thresholds);
  entries = vigie_style_legend (VIGIE_FEED_KIND_WIFI, &thresholds);
  g_assert_cmpuint (entries->len, >, 0);
  for (guint i = 0; i < entries->len; i++)
    {
      VigieLegendItem *item = g_ptr_array_index (entries, i);

      g_test_message ("legend entry %s", item->title);
      g_assert_nonnull (vigie_test_find_label (legend, item->title, VIGIE_TEST_LABEL_DRAWABLE));
    }

  /* A hidden layer leaves the legend. */
  {
    GtkWidget *layer = vigie_test_find_descendant (GTK_WIDGET (vigie_window_get_map (window)), VIGIE_TYPE_MAP_LAYER);

    gtk_widget_set_visible (layer, FALSE);
    vigie_test_spin (100);
    g_assert_null (vigie_test_find_label (legend, "Wi-Fi de test", VIGIE_TEST_LABEL_DRAWABLE));
    gtk_widget_set_visible (layer, TRUE);
    VIGIE_TEST_WAIT_UNTIL (vigie_test_find_label (legend, "Wi-Fi de test", VIGIE_TEST_LABEL_DRAWABLE) != NULL);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-map-legend", NULL));
  VIGIE_TEST_WAIT_UNTIL (!gtk_widget_get_visible (legend));

  /* What changed while it was hidden shows when it comes back. */
  {
    GtkWidget *layer = vigie_test_find_descendant (GTK_WIDGET (vigie_window_get_map (window)), VIGIE_TYPE_MAP_LAYER);

    gtk_widget_set_visible (layer, FALSE);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-map-legend", NULL));
    VIGIE_TEST_WAIT_UNTIL (gtk_widget_is_drawable (legend));
    vigie_test_spin (100);
    g_assert_null (vigie_test_find_label (legend, "Wi-Fi de test", VIGIE_TEST_LABEL_ANY));
    gtk_widget_set_visible (layer, TRUE);
    VIGIE_TEST_WAIT_UNTIL (vigie_test_find_label (legend, "Wi-Fi de test", VIGIE_TEST_LABEL_DRAWABLE) != NULL);
  }
}

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_window_test (&argc, &argv, "window shell"))
    return 77;

  vigie_test_add_window ("/window-shell/offline-chip", test_shell_offline_chip);
  vigie_test_add_window ("/window-shell/fits-screen", test_shell_fits_screen);
  vigie_test_add_window ("/window-shell/fits-data", test_shell_fits_data);
  vigie_test_add_window ("/window-shell/sidebar-folds", test_shell_sidebar_folds);
  vigie_test_add_window ("/window-shell/map-legend", test_shell_map_legend);
  vigie_test_add_window ("/window-shell/sidebar-pages", test_shell_sidebar_pages);

  return g_test_run ();
}
