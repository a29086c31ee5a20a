/* test-filters-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <libsoup/soup.h>
#include <string.h>

#include "vigie-application.h"
#include "vigie-figures-strip.h"
#include "vigie-filter-bar.h"
#include "vigie-filter-menu.h"
#include "vigie-layer-row.h"
#include "vigie-map-layer.h"
#include "vigie-meeting-panel.h"
#include "vigie-meeting.h"
#include "vigie-map-legend.h"
#include "vigie-replay-bar.h"
#include "vigie-search-bar.h"
#include "vigie-store.h"
#include "vigie-test-ui.h"
#include "vigie-window.h"

/* Filters in the real window, on a Wi-Fi feed served on loopback: five
 * places, two crowded (90 % and 100 % of their capacity), one down, two
 * quiet, 60 m apart. A filter set from the layer's row, from the figures
 * strip or from the search draws only the matching places and the counts
 * say so; "Remove All Filters" shows them all again; a saved view keeps
 * its filters. */

#define LATITUDE  47.7490
#define LONGITUDE  7.3380

static const struct
{
  const char *id;
  int         clients;
  int         capacity;
  int         aps_up;
  gboolean    crowded;
} places[] = {
  { "quiet-1",   10, 50, 2, FALSE },
  { "crowded-1", 45, 50, 2, TRUE },
  { "down",       0, 50, 0, FALSE },
  { "crowded-2", 80, 80, 1, TRUE },
  { "quiet-2",    3, 40, 1, FALSE },
};

static void
serve_places_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  GString *body = g_string_new ("{ \"type\": \"FeatureCollection\", \"features\": [");

  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    g_string_append_printf (body,
                            "%s{ \"type\": \"Feature\", \"geometry\": { \"type\": \"Point\", \"coordinates\": [%.4f, %.4f] },"
                            " \"properties\": { \"id\": \"%s\", \"name\": \"%s\", \"clients\": %d, \"capacity\": %d,"
                            " \"aps_up\": %d, \"aps_total\": 2 } }",
                            i > 0 ? "," : "", LONGITUDE + 0.0008 * i, LATITUDE, places[i].id, places[i].id,
                            places[i].clients, places[i].capacity, places[i].aps_up);
  g_string_append (body, "] }");

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/geo+json", SOUP_MEMORY_TAKE, body->str, body->len);
  g_string_free (body, FALSE);
}

static void
use_places_profile (GSettings           *settings,
                    VigieTestTileServer *server)
{
  g_autofree char *path = NULL;

  soup_server_add_handler (server->server, "/places.json", serve_places_cb, NULL, NULL);
  path = vigie_test_use_profile (settings, "filters",
                                 "[Profile]\nName=Filters\nSimulated=true\n"
                                 "[Feed wifi]\nName=Wi-Fi de test\nKind=wifi\nFormat=wifi-geojson\nUrl=%s/places.json\n",
                                 server->base_url);
}

typedef struct
{
  VigieWindow   *window;
  VigieMapLayer *layer;
  VigieStore    *store;
} Window;

/* Whether the layer draws each place, as its items say (a place filtered
 * out has no item: it can be neither drawn nor picked). */
static gboolean
draws_only_crowded (Window *w)
{
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      VigieEntity *entity = vigie_store_lookup (w->store, VIGIE_ENTITY_HOTSPOT, places[i].id);
      double x, y;

      g_assert_nonnull (entity);
      if (vigie_map_layer_entity_to_widget_coords (w->layer, entity, &x, &y) != places[i].crowded)
        return FALSE;
    }

  return TRUE;
}

static gboolean
draws_all (Window *w)
{
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      VigieEntity *entity = vigie_store_lookup (w->store, VIGIE_ENTITY_HOTSPOT, places[i].id);
      double x, y;

      if (!vigie_map_layer_entity_to_widget_coords (w->layer, entity, &x, &y))
        return FALSE;
    }

  return TRUE;
}

/* Drawn in the last frame: with no groups at this zoom, one per place in
 * view. */
static gboolean
n_drawn_is (Window *w,
            guint   n)
{
  gtk_widget_queue_draw (GTK_WIDGET (w->layer));
  return !vigie_map_layer_get_busy (w->layer) && vigie_map_layer_get_n_drawn (w->layer) == n;
}

static const char *
row_subtitle (Window *w)
{
  GtkWidget *row = vigie_test_find_descendant (GTK_WIDGET (w->window), VIGIE_TYPE_LAYER_ROW);

  g_assert_nonnull (row);
  return adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
}

static gboolean
has_text (const char *text,
          const char *part)
{
  return text != NULL && strstr (text, part) != NULL;
}

static void
assert_filtered (Window *w)
{
  GtkWidget *bar = vigie_test_find_descendant (GTK_WIDGET (w->window), VIGIE_TYPE_FILTER_BAR);

  g_assert_cmpuint (vigie_map_layer_get_filter (w->layer), ==, VIGIE_FILTER_LOADED);
  VIGIE_TEST_WAIT_UNTIL (draws_only_crowded (w));
  VIGIE_TEST_WAIT_UNTIL (n_drawn_is (w, 2));
  /* The counts say what is kept of what: on the layer's row and in the
   * bar of filters in force, which is shown. */
  VIGIE_TEST_WAIT_UNTIL (has_text (row_subtitle (w), "2 of 5 Wi-Fi places, filtered: Crowded Wi-Fi places"));
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (bar));
  g_assert_nonnull (vigie_test_find_label (bar, "Wi-Fi de test: Crowded Wi-Fi places (2 of 5 Wi-Fi places)",
                                           VIGIE_TEST_LABEL_VISIBLE));
}

static void
remove_all_filters (Window *w)
{
  GtkWidget *bar = vigie_test_find_descendant (GTK_WIDGET (w->window), VIGIE_TYPE_FILTER_BAR);

  /* A click, as gtk_button_clicked() is (activate() waits for a timeout). */
  g_signal_emit_by_name (vigie_filter_bar_get_clear_button (VIGIE_FILTER_BAR (bar)), "clicked");
  g_assert_cmpuint (vigie_map_layer_get_filter (w->layer), ==, VIGIE_FILTER_NONE);
  VIGIE_TEST_WAIT_UNTIL (draws_all (w));
  VIGIE_TEST_WAIT_UNTIL (n_drawn_is (w, G_N_ELEMENTS (places)));
  VIGIE_TEST_WAIT_UNTIL (!gtk_widget_get_visible (bar));
  VIGIE_TEST_WAIT_UNTIL (has_text (row_subtitle (w), "5 Wi-Fi places") && !has_text (row_subtitle (w), "filtered"));
}

static void
test_filters_window (VigieTestWindow *fixture,
                     gconstpointer    data)
{
  GtkWidget *strip, *figure, *menu, *search;
  VigieMeeting *meeting;
  ShumateMap *map;
  Window w = { 0 };
  guint n_matching, n_targets;

  use_places_profile (fixture->settings, &fixture->tiles);

  w.window = vigie_test_window_open (fixture, "Filters");
  VIGIE_TEST_WAIT_UNTIL ((w.layer = VIGIE_MAP_LAYER (vigie_test_find_descendant (GTK_WIDGET (w.window), VIGIE_TYPE_MAP_LAYER))) != NULL);
  w.store = vigie_feed_get_store (vigie_map_layer_get_feed (w.layer));

  /* The layer's worker counted what each filter would keep. */
  VIGIE_TEST_WAIT_UNTIL (vigie_map_layer_count_filter (w.layer, VIGIE_FILTER_LOADED) == 2);
  g_assert_cmpuint (vigie_map_layer_count_filter (w.layer, VIGIE_FILTER_DOWN), ==, 1);
  vigie_map_layer_get_filter_counts (w.layer, &n_matching, &n_targets);
  g_assert_cmpuint (n_targets, ==, G_N_ELEMENTS (places));

  /* Close enough that no two places make a group; after the window's own
   * fit to the data. */
  vigie_test_spin (300);
  map = vigie_window_get_map (w.window);
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (map), 17);
  shumate_map_center_on (map, LATITUDE, LONGITUDE + 0.0016);
  VIGIE_TEST_WAIT_UNTIL (draws_all (&w));
  VIGIE_TEST_WAIT_UNTIL (n_drawn_is (&w, G_N_ELEMENTS (places)));

  /* 1. From the layer's row: its menu's "Crowded Wi-Fi places (2)". */
  menu = vigie_test_find_descendant (GTK_WIDGET (w.window), VIGIE_TYPE_FILTER_MENU);
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (menu));
  g_assert_true (gtk_widget_activate_action (menu, "filter.loaded", NULL));
  assert_filtered (&w);
  remove_all_filters (&w);

  /* 2. From the figures strip: the Wi-Fi figure, clicked. */
  strip = vigie_test_find_descendant (GTK_WIDGET (w.window), VIGIE_TYPE_FIGURES_STRIP);
  g_assert_nonnull (strip);
  VIGIE_TEST_WAIT_UNTIL ((figure = vigie_figures_strip_get_button (VIGIE_FIGURES_STRIP (strip), "wifi")) != NULL &&
                         gtk_widget_get_mapped (figure));
  g_assert_nonnull (vigie_test_find_label (figure, "138 devices on the Wi-Fi", VIGIE_TEST_LABEL_WHOLE));
  g_assert_nonnull (vigie_test_find_label (figure, "at 5 places", VIGIE_TEST_LABEL_WHOLE));
  g_signal_emit_by_name (figure, "clicked");
  assert_filtered (&w);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (figure)));
  remove_all_filters (&w);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (figure)));

  /* 3. From the search: "crowded" offers the filter first. */
  search = vigie_test_find_descendant (GTK_WIDGET (w.window), VIGIE_TYPE_SEARCH_BAR);
  g_assert_nonnull (search);
  vigie_search_bar_focus (VIGIE_SEARCH_BAR (search));
  gtk_editable_set_text (GTK_EDITABLE (vigie_test_find_descendant (search, GTK_TYPE_SEARCH_ENTRY)), "crowded");
  VIGIE_TEST_WAIT_UNTIL (g_list_model_get_n_items (vigie_search_bar_get_results (VIGIE_SEARCH_BAR (search))) > 0);
  {
    g_autoptr(VigieSearchHit) hit = g_list_model_get_item (vigie_search_bar_get_results (VIGIE_SEARCH_BAR (search)), 0);

    g_assert_cmpuint (vigie_search_hit_get_filter (hit), ==, VIGIE_FILTER_LOADED);
    g_assert_cmpstr (vigie_search_hit_get_result (hit)->name, ==, "Crowded Wi-Fi places (2)");
  }
  g_signal_emit_by_name (vigie_test_find_descendant (search, GTK_TYPE_SEARCH_ENTRY), "activate");
  assert_filtered (&w);

  /* 4. A saved view keeps the filter, and showing it sets it again. */
  meeting = vigie_window_get_meeting (w.window);
  vigie_meeting_save_view (meeting, "Crowded");
  remove_all_filters (&w);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (w.window), "views.go", "s", "Crowded"));
  assert_filtered (&w);
  remove_all_filters (&w);

  /* The meeting mode hides the strip and the bar: its tiles say the
   * figures. */
  vigie_meeting_set_active (meeting, TRUE);
  VIGIE_TEST_WAIT_UNTIL (!gtk_widget_get_mapped (strip));
  vigie_meeting_set_active (meeting, FALSE);
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (strip));

  /* A replay hides the strip: its figures are the feeds' now, not those
   * of the moment the map shows. */
  {
    GtkWidget *replay = vigie_test_find_descendant (GTK_WIDGET (w.window), VIGIE_TYPE_REPLAY_BAR);

    GtkWidget *corner;
    graphene_rect_t corner_box, replay_box;

    g_assert_nonnull (replay);
    /* The legend at the map's top left, under the replay's banner once
     * it shows: not under it, as the offline chip was at 1366 px. */
    g_object_set (w.window, "map-legend-visible", TRUE, NULL);
    corner = gtk_widget_get_parent (vigie_test_find_descendant (GTK_WIDGET (w.window), VIGIE_TYPE_MAP_LEGEND));
    vigie_replay_bar_start (VIGIE_REPLAY_BAR (replay));
    g_assert_true (vigie_replay_bar_get_replaying (VIGIE_REPLAY_BAR (replay)));
    VIGIE_TEST_WAIT_UNTIL (!gtk_widget_get_mapped (strip));
    vigie_test_spin (600);   /* the banner's slide */
    g_assert_true (gtk_widget_compute_bounds (corner, GTK_WIDGET (w.window), &corner_box));
    g_assert_true (gtk_widget_compute_bounds (replay, GTK_WIDGET (w.window), &replay_box));
    g_test_message ("corner %g,%g %gx%g; replay %g,%g %gx%g",
                    corner_box.origin.x, corner_box.origin.y, corner_box.size.width, corner_box.size.height,
                    replay_box.origin.x, replay_box.origin.y, replay_box.size.width, replay_box.size.height);
    g_assert_cmpfloat (corner_box.size.width, >, replay_box.origin.x - corner_box.origin.x);
    g_assert_cmpfloat (corner_box.origin.y, >=, replay_box.origin.y + replay_box.size.height);
    vigie_replay_bar_back_to_live (VIGIE_REPLAY_BAR (replay));
    VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (strip));
  }
}

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_window_test (&argc, &argv, "filters"))
    return 77;

  vigie_test_add_window ("/filters/window", test_filters_window);

  return g_test_run ();
}
