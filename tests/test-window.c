/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include <glib/gstdio.h>
#include <string.h>

#include "vigie-application.h"
#include "vigie-feed-row.h"
#include "vigie-map-layer.h"
#include "vigie-sim-city.h"
#include "vigie-sim-model.h"
#include "vigie-test-ui.h"
#include "vigie-window.h"

/* Tiles and feeds come from a VigieTestTileServer on loopback inside this
 * process: the window must never reach the internet from a test. */

static gboolean
is_layer_of_feed (GtkWidget     *widget,
                  gconstpointer  feed)
{
  return VIGIE_IS_MAP_LAYER (widget) && vigie_map_layer_get_feed (VIGIE_MAP_LAYER (widget)) == feed;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (toplevel), type))
        return toplevel;
    }

  return NULL;
}

/* The content of a visible button that reads @label. */
static gboolean
is_button_content (GtkWidget     *widget,
                   gconstpointer  label)
{
  return ADW_IS_BUTTON_CONTENT (widget) && gtk_widget_get_visible (gtk_widget_get_parent (widget)) &&
         g_strcmp0 (adw_button_content_get_label (ADW_BUTTON_CONTENT (widget)), label) == 0;
}

static void
test_window_smoke (VigieTestWindow *fixture,
                   gconstpointer    data)
{
  ShumateViewport *viewport;
  ShumateMap *map;
  VigieWindow *window;
  GtkWidget *header_bar;
  GtkWidget *simple_map;

  window = vigie_test_window_open (fixture, "Test");

  header_bar = vigie_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR);
  simple_map = vigie_test_find_descendant (GTK_WIDGET (window), SHUMATE_TYPE_SIMPLE_MAP);
  g_assert_nonnull (header_bar);
  g_assert_nonnull (simple_map);
  g_assert_true (gtk_widget_get_mapped (header_bar));
  g_assert_true (gtk_widget_get_mapped (simple_map));
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_width (simple_map) > 0);

  /* The map opens on Mulhouse. */
  map = vigie_window_get_map (window);
  viewport = shumate_map_get_viewport (map);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 47.7508, 1e-4);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), 7.3359, 1e-4);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), 13.0, 1e-6);

  /* The scale bar speaks metres only. */
  g_assert_cmpint (shumate_scale_get_unit (shumate_simple_map_get_scale (SHUMATE_SIMPLE_MAP (simple_map))),
                   ==, SHUMATE_UNIT_METRIC);

  /* A zoom animates briefly: libshumate's default grows with the level
   * (3.75 s to zoom 15) and the new level's tiles wait for its end. */
  g_assert_cmpuint (shumate_map_get_go_to_duration (map), >, 0);
  g_assert_cmpuint (shumate_map_get_go_to_duration (map), <=, 500);

  /* Tiles come from the configured server, with Vigie's User-Agent. */
  VIGIE_TEST_WAIT_UNTIL (fixture->tiles.n_requests > 0);
  g_assert_cmpuint (fixture->tiles.n_with_user_agent, ==, fixture->tiles.n_requests);

  /* The sidebar toggles through its action and is remembered. */
  g_assert_true (vigie_window_get_sidebar_visible (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
  g_assert_false (vigie_window_get_sidebar_visible (window));
  g_assert_false (g_settings_get_boolean (fixture->settings, "sidebar-visible"));

  /* Zooming through the action, then closing, saves the view. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL));
  VIGIE_TEST_WAIT_UNTIL (G_APPROX_VALUE (shumate_viewport_get_zoom_level (viewport), 14.0, 1e-9));
  shumate_map_center_on (map, 47.75, 7.34);

  vigie_test_window_close (fixture);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (fixture->settings, "map-zoom"), 14.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (fixture->settings, "map-latitude"), 47.75, 1e-4);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (fixture->settings, "map-longitude"), 7.34, 1e-4);
}

static void
test_window_restores_view (VigieTestWindow *fixture,
                           gconstpointer    data)
{
  ShumateViewport *viewport;
  VigieWindow *window;
  int width, height;

  g_settings_set_double (fixture->settings, "map-latitude", 47.7476);
  g_settings_set_double (fixture->settings, "map-longitude", 7.3387);
  g_settings_set_double (fixture->settings, "map-zoom", 16.0);
  g_settings_set_int (fixture->settings, "window-width", 900);
  g_settings_set_int (fixture->settings, "window-height", 640);
  g_settings_set_boolean (fixture->settings, "sidebar-visible", FALSE);

  window = vigie_test_window_open (fixture, "Test");
  viewport = shumate_map_get_viewport (vigie_window_get_map (window));

  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 47.7476, 1e-4);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), 7.3387, 1e-4);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), 16.0, 1e-6);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  g_assert_false (vigie_window_get_sidebar_visible (window));

  /* "Reset view" brings the city centre back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reset-view", NULL));
  VIGIE_TEST_WAIT_UNTIL (G_APPROX_VALUE (shumate_viewport_get_zoom_level (viewport), 13.0, 1e-6));
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 47.7508, 1e-4);
}

static void
test_window_about (VigieTestWindow *fixture,
                   gconstpointer    data)
{
  VigieWindow *window;
  GtkWindow *about;

  window = vigie_test_window_open (fixture, "Test");

  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "about", NULL);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (about)));
  gtk_window_destroy (about);

  /* app.quit closes every window and lets each save its state. */
  g_settings_set_double (fixture->settings, "map-zoom", 5.0);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->app), "quit", NULL);
  VIGIE_TEST_WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (fixture->app)) == NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (fixture->settings, "map-zoom"), 13.0, 1e-6);
}

static void
test_window_feed_health (VigieTestWindow *fixture,
                         gconstpointer    data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  VigieFeedManager *manager;
  VigieWindow *window;
  GtkWidget *row;
  GtkWidget *title;
  GtkWidget *health;

  /* A city whose only feed is served by this test, named with markup
   * characters that must show as they are. */
  path = vigie_test_use_profile (fixture->settings, "essai",
                                 "[Profile]\nName=Essai <b> & Cie\n"
                                 "[Feed wifi]\nName=Wi-Fi <i>public</i> & co\nKind=wifi\n"
                                 "Format=wifi-geojson\nUrl=http://127.0.0.1:%d/wifi.json\n"
                                 "[Feed gone]\nName=Gone\nKind=wifi\nFormat=wifi-geojson\n"
                                 "Url=http://127.0.0.1:%d/gone.json\n",
                                 fixture->tiles.port, fixture->tiles.port);

  window = vigie_test_window_open (fixture, "Test");
  manager = vigie_context_get_feed_manager (vigie_window_get_context (window));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 2);

  /* The failing feed shows in the header bar, in words, beside the stale
   * one (the fixture's data is from this morning). */
  VIGIE_TEST_WAIT_UNTIL (vigie_feed_get_state (vigie_feed_manager_lookup (manager, "gone")) == VIGIE_FEED_STATE_ERROR &&
                         vigie_feed_get_state (vigie_feed_manager_lookup (manager, "wifi")) == VIGIE_FEED_STATE_STALE);
  /* The header follows the manager's ticks (every 5 s): one now. */
  g_signal_emit_by_name (manager, "tick", (gint64) 0);
  health = vigie_test_find_widget (GTK_WIDGET (window), is_button_content, "1 feed failing, 1 stale");
  g_assert_nonnull (health);
  health = gtk_widget_get_parent (health);
  g_assert_true (gtk_widget_get_visible (health));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-feeds", NULL));
  row = vigie_test_find_descendant (GTK_WIDGET (window), VIGIE_TYPE_FEED_ROW);
  g_assert_nonnull (row);
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (row));
  if (!g_str_equal (vigie_feed_get_id (vigie_feed_row_get_feed (VIGIE_FEED_ROW (row))), "wifi"))
    row = gtk_widget_get_next_sibling (row);

  /* The feed is polled through the real engine and its row says so. */
  VIGIE_TEST_WAIT_UNTIL (vigie_feed_get_last_success (vigie_feed_row_get_feed (VIGIE_FEED_ROW (row))) > 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (vigie_feed_get_store (vigie_feed_row_get_feed (VIGIE_FEED_ROW (row))))), ==, 3);
  g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                   "Wi-Fi <i>public</i> & co — "));
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));

  /* Thresholds set in Preferences reach the layers at once. */
  {
    GtkWidget *layer = vigie_test_find_descendant (GTK_WIDGET (vigie_window_get_map (window)), VIGIE_TYPE_MAP_LAYER);

    g_assert_nonnull (layer);
    g_settings_set_int (fixture->settings, "wifi-saturated", 80);
    g_settings_set_int (fixture->settings, "wifi-busy", 95);   /* inverted: put in order */
    g_assert_cmpfloat_with_epsilon (vigie_map_layer_get_thresholds (VIGIE_MAP_LAYER (layer))->wifi_busy, 0.80, 1e-9);
    g_assert_cmpfloat_with_epsilon (vigie_map_layer_get_thresholds (VIGIE_MAP_LAYER (layer))->wifi_saturated, 0.95, 1e-9);
  }

  /* The base map is chosen in the layers page and remembered. */
  {
    GtkWidget *combo = vigie_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_COMBO_ROW);

    g_assert_nonnull (combo);
    adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 1);
    g_assert_cmpstr (g_settings_get_string (fixture->settings, "base-map"), ==, "offline");
    g_settings_set_string (fixture->settings, "base-map", "mbtiles");
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo)), ==, 2);
  }

  /* The header names the city, markup characters and all. */
  title = vigie_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE);
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==, "Essai <b> & Cie");

  vigie_test_window_close (fixture);
  g_unlink (path);
}

static void
on_polled_cb (VigieFeed  *feed,
              const char *role,
              gboolean    success,
              gpointer    user_data)
{
  guint *n_polled = user_data;

  if (success && g_str_equal (role, "station_status"))
    (*n_polled)++;
}

static void
check_station_details (VigieApplication *app,
                       VigieWindow      *window,
                       VigieFeed        *velocite)
{
  VigieSimulator *simulator = vigie_application_get_simulator (app);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GArray) sites = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected_name = NULL;
  const VigieSimSite *site = NULL;
  VigieSimContext context = { 0 };
  VigieSimCity *city;
  VigieEntity *entity;
  GtkWidget *layer;
  g_autoptr(GString) shown = g_string_new (NULL);
  guint n_polled = 0;
  gulong handler;
  gint64 count, deadline;

  g_assert_nonnull (simulator);

  /* Stop the simulated clock, so that the city's state is known, and make
   * sure the window has read it: the first poll may have been in flight. */
  vigie_simulator_set_time (simulator, vigie_simulator_get_time (simulator));
  handler = g_signal_connect (velocite, "polled", G_CALLBACK (on_polled_cb), &n_polled);
  vigie_feed_refresh (velocite);
  VIGIE_TEST_WAIT_UNTIL (n_polled >= 1);
  vigie_feed_refresh (velocite);
  VIGIE_TEST_WAIT_UNTIL (n_polled >= 2);
  g_signal_handler_disconnect (velocite, handler);

  city = vigie_sim_city_new_default (&error);
  g_assert_no_error (error);
  context.seed = vigie_simulator_get_seed (simulator);
  context.scale = vigie_simulator_get_scale (simulator);
  context.now = context.value_time = vigie_simulator_get_time (simulator);
  context.tz = tz;
  sites = vigie_sim_bike_stations (city, &context);
  vigie_sim_city_free (city);

  /* An open station whose bikes and free places differ, so that reading
   * one count for the other shows. */
  for (guint i = 0; i < sites->len && site == NULL; i++)
    {
      const VigieSimSite *candidate = &g_array_index (sites, VigieSimSite, i);

      if (candidate->is_renting && candidate->available >= 2 &&
          candidate->available != candidate->capacity - candidate->available - candidate->disabled)
        site = candidate;
    }
  g_assert_nonnull (site);
  g_test_message ("%s: %u bikes out of %u places", site->name, site->available, site->capacity);

  /* The store may get it a moment later, when the feed's documents are
   * combined again; a wrong count is reported from the screen below. */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!((entity = vigie_store_lookup (vigie_feed_get_store (velocite), VIGIE_ENTITY_STATION, site->id)) != NULL &&
           vigie_entity_lookup_int (entity, "vehicles_available", &count) && count == site->available) &&
         g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
    }
  g_assert_nonnull (entity);

  layer = vigie_test_find_widget (GTK_WIDGET (vigie_window_get_map (window)), is_layer_of_feed, velocite);
  g_assert_nonnull (layer);
  vigie_map_layer_select (VIGIE_MAP_LAYER (layer), entity, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* The details popover names the station and gives its counts, each on
   * a line of its own. */
  expected_name = g_strdup_printf ("\n%s\n", site->name);
  expected = g_strdup_printf ("\n%u bikes available out of %u docks\n", site->available, site->capacity);
  g_string_append_c (shown, '\n');
  vigie_test_collect_labels (layer, VIGIE_TEST_LABEL_VISIBLE, shown);
  if (strstr (shown->str, expected_name) == NULL || strstr (shown->str, expected) == NULL)
    g_error ("the details of %s read:%s\nnot:%s", site->name, shown->str, expected);
  vigie_map_layer_select (VIGIE_MAP_LAYER (layer), NULL, FALSE);
}

static void
test_window_demo (VigieTestWindow *fixture,
                  gconstpointer    data)
{
  VigieFeedManager *manager;
  VigieFeed *velocite, *trams;
  VigieWindow *window;
  GtkWidget *banner;

  /* The first-run profile: the simulator in the app, on loopback. */
  g_settings_set_string (fixture->settings, "profile", "demo");

  window = vigie_test_window_open (fixture, "Test");
  manager = vigie_context_get_feed_manager (vigie_window_get_context (window));

  /* The whole real path runs: HTTP, parsers, stores, layers. */
  velocite = vigie_feed_manager_lookup (manager, "velocite");
  trams = vigie_feed_manager_lookup (manager, "trams");
  g_assert_nonnull (velocite);
  g_assert_nonnull (trams);
  VIGIE_TEST_WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (vigie_feed_get_store (velocite))) == 40);
  VIGIE_TEST_WAIT_UNTIL (vigie_feed_get_last_success (trams) > 0);
  g_assert_true (g_str_has_prefix (vigie_feed_get_url (velocite), "http://127.0.0.1:"));
  g_assert_cmpint (vigie_feed_get_state (velocite), !=, VIGIE_FEED_STATE_ERROR);

  /* What reaches the screen is what the simulated city holds: a station's
   * bike count, from the simulator's own model, in its details. */
  check_station_details (fixture->app, window, velocite);

  /* Simulated, and said so. */
  g_assert_true (vigie_profile_get_simulated (vigie_context_get_profile (vigie_window_get_context (window))));
  banner = vigie_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_REVEALER);
  g_assert_nonnull (banner);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));

  /* "Use the real feeds" switches the profile and hides the banner; the
   * feeds are not started here: they are on the internet. */
  vigie_feed_manager_stop (manager);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.use-profile", "s", "mulhouse"));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_cmpstr (g_settings_get_string (fixture->settings, "profile"), ==, "mulhouse");
}

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_window_test (&argc, &argv, "window"))
    return 77;

  vigie_test_add_window ("/window/smoke", test_window_smoke);
  vigie_test_add_window ("/window/restores-view", test_window_restores_view);
  vigie_test_add_window ("/window/about-and-quit", test_window_about);
  vigie_test_add_window ("/window/feed-health", test_window_feed_health);
  vigie_test_add_window ("/window/demo", test_window_demo);

  return g_test_run ();
}
