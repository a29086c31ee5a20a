/* test-alerts-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "vigie-alert-row.h"
#include "vigie-alerts-panel.h"
#include "vigie-map-layer.h"
#include "vigie-search-bar.h"
#include "vigie-test-ui.h"

/* The alerts and the search in the real window, on a feed served by the
 * test: an alert raised by the rules shows in the Alerts tab and in the
 * header bar's count, is acknowledged with Ctrl+Enter or with a comment,
 * stays acknowledged across a restart, and shows its thing on the map;
 * the search finds a place by a word of its name and shows it. */

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  return vigie_test_find_widget (widget, is_named, name);
}

static gboolean
is_alert_row (GtkWidget     *widget,
              gconstpointer  key)
{
  VigieAlert *alert;

  if (!VIGIE_IS_ALERT_ROW (widget))
    return FALSE;
  alert = vigie_alert_row_get_alert (VIGIE_ALERT_ROW (widget));
  return alert != NULL && g_str_equal (vigie_alert_get_key (alert), key);
}

static VigieAlertRow *
find_row (GtkWidget  *panel,
          const char *key)
{
  return VIGIE_ALERT_ROW (vigie_test_find_widget (panel, is_alert_row, key));
}

static const char *
label_text (GtkWidget  *row,
            guint       nth)
{
  GtkWidget *widget = row;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GQueue queue = G_QUEUE_INIT;

  g_queue_push_tail (&queue, widget);
  while ((widget = g_queue_pop_head (&queue)) != NULL)
    {
      if (GTK_IS_LABEL (widget) && !GTK_IS_POPOVER (gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER)))
        g_ptr_array_add (labels, widget);
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
        g_queue_push_tail (&queue, child);
    }

  return nth < labels->len ? gtk_label_get_text (g_ptr_array_index (labels, nth)) : NULL;
}

static VigieMapLayer *
wifi_layer (VigieWindow *window)
{
  return VIGIE_MAP_LAYER (vigie_test_find_descendant (GTK_WIDGET (vigie_window_get_map (window)),
                                                      VIGIE_TYPE_MAP_LAYER));
}

static void
test_alerts_ui (VigieTestWindow *fixture,
                gconstpointer    data)
{
  g_autoptr(GVariant) rules = NULL;
  g_autofree char *path = NULL;
  const char *down_key = "wifi-down/wifi/hotspot/17";
  const char *stale_key = "feed-stale/wifi";
  VigieFeedManager *manager;
  VigieAlertCenter *center;
  VigieAlertList *alerts;
  VigieWindow *window;
  GtkWidget *button;
  GtkWidget *panel;
  GtkWidget *search;
  VigieAlertRow *row;
  VigieEntity *selected;

  /* The fixture's "Gare centrale" has 1 of its 4 access points up:
   * down, for a threshold of half of them, at once. */
  rules = g_variant_parse (G_VARIANT_TYPE ("a{s(bdus)}"),
                           "{'wifi-down': (true, 50.0, 0, 'critical')}", NULL, NULL, NULL);
  g_settings_set_value (fixture->settings, "alert-rules", rules);
  path = vigie_test_use_wifi_profile (fixture->settings, &fixture->tiles, "/wifi.json");

  window = vigie_test_window_open (fixture, "Alerts");
  manager = vigie_context_get_feed_manager (vigie_window_get_context (window));
  center = vigie_context_get_alerts (vigie_window_get_context (window));
  alerts = vigie_alert_center_get_alerts (center);

  /* Raised by the first poll; the data is from this morning, so the feed
   * is stale too, told at the next tick. */
  VIGIE_TEST_WAIT_UNTIL (vigie_alert_list_lookup (alerts, down_key) != NULL);
  g_signal_emit_by_name (manager, "tick", (gint64) 0);
  g_assert_nonnull (vigie_alert_list_lookup (alerts, stale_key));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (alerts)), ==, 2);

  /* The tab not shown yet: no row is made for the alerts. */
  panel = vigie_test_find_descendant (GTK_WIDGET (window), VIGIE_TYPE_ALERTS_PANEL);
  g_assert_nonnull (panel);
  g_assert_false (gtk_widget_get_mapped (panel));
  vigie_test_spin (200);
  g_assert_null (vigie_test_find_descendant (panel, VIGIE_TYPE_ALERT_ROW));

  /* The header bar counts them and opens the tab. */
  button = find_named (GTK_WIDGET (window), "alerts-button");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (adw_button_content_get_label (ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (button)))), ==, "2");
  g_signal_emit_by_name (button, "clicked");
  panel = vigie_test_find_descendant (GTK_WIDGET (window), VIGIE_TYPE_ALERTS_PANEL);
  g_assert_nonnull (panel);
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (panel) && find_row (panel, stale_key) != NULL);

  /* Worst first; the feed's words as they are, never markup. */
  row = find_row (panel, down_key);
  g_assert_nonnull (row);
  g_assert_true (vigie_alerts_panel_get_selected (VIGIE_ALERTS_PANEL (panel)) == vigie_alert_row_get_alert (row));
  g_assert_cmpstr (label_text (GTK_WIDGET (row), 0), ==,
                   "Wi-Fi public Gare centrale <b>(simulé)</b> — 75 % of its access points down for less than a minute");
  g_assert_true (g_str_has_prefix (label_text (GTK_WIDGET (row), 1), "Critical · since "));

  /* Ctrl+Enter acknowledges the selected alert: greyed, not counted. */
  g_assert_true (gtk_widget_activate_action (panel, "alerts.acknowledge", NULL));
  g_assert_true (vigie_alert_get_acknowledged (vigie_alert_row_get_alert (row)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "acknowledged"));
  g_assert_true (g_str_has_prefix (label_text (GTK_WIDGET (row), 1), "Acknowledged at "));
  g_assert_cmpstr (adw_button_content_get_label (ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (button)))), ==, "1");

  /* The row's button, with a comment. */
  row = find_row (panel, stale_key);
  {
    GtkWidget *entry = vigie_test_find_descendant (GTK_WIDGET (row), GTK_TYPE_ENTRY);

    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "  Serveur relancé ");
    g_signal_emit_by_name (entry, "activate");
  }
  g_assert_true (vigie_alert_get_acknowledged (vigie_alert_row_get_alert (row)));
  g_assert_cmpstr (vigie_alert_get_ack_comment (vigie_alert_row_get_alert (row)), ==, "Serveur relancé");
  g_assert_true (g_str_has_suffix (label_text (GTK_WIDGET (row), 1), " · Serveur relancé"));
  g_assert_false (gtk_widget_get_visible (button));

  /* A click shows the thing on the map, its details open. */
  row = find_row (panel, down_key);
  {
    GtkWidget *list = vigie_test_find_descendant (panel, GTK_TYPE_LIST_VIEW);

    g_signal_emit_by_name (list, "activate", 0u);
  }
  VIGIE_TEST_WAIT_UNTIL (vigie_map_layer_get_selected (wifi_layer (window)) != NULL);
  selected = vigie_map_layer_get_selected (wifi_layer (window));
  g_assert_cmpstr (vigie_entity_get_id (selected), ==, "17");
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (shumate_map_get_viewport (vigie_window_get_map (window))),
                     >=, VIGIE_MAP_LAYER_CLUSTER_MAX_ZOOM);

  /* Search: a word of a name, without its accent; Enter shows it. */
  vigie_map_layer_select (wifi_layer (window), NULL, FALSE);
  search = find_named (GTK_WIDGET (window), "search-bar");
  g_assert_nonnull (search);
  vigie_search_bar_focus (VIGIE_SEARCH_BAR (search));
  {
    GtkWidget *entry = vigie_test_find_descendant (search, GTK_TYPE_SEARCH_ENTRY);
    GListModel *results = vigie_search_bar_get_results (VIGIE_SEARCH_BAR (search));
    g_autoptr(VigieSearchHit) first = NULL;

    g_assert_true (gtk_widget_has_focus (gtk_widget_get_focus_child (entry)) || gtk_widget_has_focus (entry));
    gtk_editable_set_text (GTK_EDITABLE (entry), "reunion");
    VIGIE_TEST_WAIT_UNTIL (g_list_model_get_n_items (results) == 1);
    first = g_list_model_get_item (results, 0);
    g_assert_cmpstr (vigie_search_hit_get_result (first)->name, ==, "Place de la Réunion (simulé)");

    gtk_editable_set_text (GTK_EDITABLE (entry), "GARE");
    VIGIE_TEST_WAIT_UNTIL (g_list_model_get_n_items (results) == 1 &&
                           g_str_equal (vigie_search_hit_get_result (g_list_model_get_item (results, 0))->id, "17"));
    g_object_unref (g_list_model_get_item (results, 0));
    g_signal_emit_by_name (entry, "activate");
  }
  selected = vigie_map_layer_get_selected (wifi_layer (window));
  g_assert_nonnull (selected);
  g_assert_cmpstr (vigie_entity_get_id (selected), ==, "17");

  /* A restart: still acknowledged once raised again. */
  vigie_test_window_close (fixture);
  window = vigie_test_window_open (fixture, "Alerts");
  alerts = vigie_alert_center_get_alerts (vigie_context_get_alerts (vigie_window_get_context (window)));
  VIGIE_TEST_WAIT_UNTIL (vigie_alert_list_lookup (alerts, down_key) != NULL &&
                         vigie_alert_center_is_loaded (vigie_context_get_alerts (vigie_window_get_context (window))));
  g_assert_true (vigie_alert_get_acknowledged (vigie_alert_list_lookup (alerts, down_key)));
  g_assert_cmpuint (vigie_alert_list_get_n_unacknowledged (alerts), ==, 0);

  vigie_test_window_close (fixture);
  g_unlink (path);
  g_settings_reset (fixture->settings, "alert-rules");
}

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_window_test (&argc, &argv, "alerts"))
    return 77;

  vigie_test_add_window ("/alerts-ui/panel-acknowledge-search", test_alerts_ui);

  return g_test_run ();
}
