/* test-connection-alerts-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "vigie-alert-row.h"
#include "vigie-alert-rules-page.h"
#include "vigie-alerts-panel.h"
#include "vigie-connection-alerts.h"
#include "vigie-test-ui.h"

/* Connection protection as the operator sees it, in French: the proposal
 * to hold a tram in the Alerts panel, in the words of the control room,
 * with its own shape, acknowledged like any alert; its rule in
 * Preferences, on or off, with the longest hold worth proposing. */

#define NOW G_GINT64_CONSTANT (1795552200)

static gboolean
is_expander_titled (GtkWidget     *widget,
                    gconstpointer  title)
{
  return ADW_IS_EXPANDER_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_alert_row (GtkWidget     *widget,
              gconstpointer  data)
{
  return VIGIE_IS_ALERT_ROW (widget) && vigie_alert_row_get_alert (VIGIE_ALERT_ROW (widget)) != NULL;
}

static void
test_connection_alerts_ui (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.vigie.Vigie");
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeedManager) manager = vigie_feed_manager_new (client);
  g_autoptr(VigieAlertCenter) center = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autofree char *directory = g_dir_make_tmp ("vigie-connection-alerts-ui-XXXXXX", NULL);
  g_autofree char *acks = NULL;
  /* The TER 831234 due 22:40, 7 min late: in at 22:47, at the tram stop
   * at 22:51, 3 min after the last line 2 tram of the evening. */
  const VigieDeparture train = {
    .stop_id = "StopArea:OCE87182063", .trip_id = "OCESN831234", .line = "TER", .headsign = "831234",
    .direction_id = -1, .scheduled = NOW + 600, .expected = NOW + 1020, .delay_s = 420, .has_delay = TRUE,
    .source = VIGIE_DEPARTURE_REALTIME, .state = VIGIE_DEPARTURE_RUNS,
  };
  const VigieDeparture tram = {
    .stop_id = "place_GAR", .trip_id = "T2-last", .line = "2", .headsign = "Nouveau Bassin",
    .direction_id = 0, .scheduled = NOW + 1080, .source = VIGIE_DEPARTURE_TIMETABLE, .state = VIGIE_DEPARTURE_RUNS,
  };
  const VigieConnection connection = {
    .train = &train, .line = "2", .headsign = "Nouveau Bassin", .status = VIGIE_CONNECTION_MISSED,
    .planned = &tram, .margin_s = -180, .hold = TRUE, .hold_s = 180, .wait_s = -1,
  };
  const VigieConnectionPlace place = {
    .train_feed_id = "ter", .station_id = "StopArea:OCE87182063", .station_name = "Mulhouse-Ville",
    .tram_feed_id = "trams", .interchange_id = "place_GAR", .interchange_name = "Gare Centrale",
  };
  VigieAlertRule rule = vigie_alert_rule_get_info (VIGIE_ALERT_RULE_CONNECTION_HOLD)->defaults;
  VigieAlertRules rules;
  GtkWidget *window, *panel, *page, *expander, *row, *image, *spin;
  VigieAlert *alert;

  g_settings_reset (settings, "alert-rules");
  center = vigie_alert_center_new (settings, manager, directory);
  VIGIE_TEST_WAIT_UNTIL (vigie_alert_center_is_loaded (center));

  /* The proposal, within the 5 min the rule allows by default; none past
   * a shorter limit, none with the rule off. */
  events = vigie_connection_alerts_collect (&connection, 1, &place, &rule, NOW);
  g_assert_cmpuint (events->len, ==, 1);
  rule.threshold = 2;
  none = vigie_connection_alerts_collect (&connection, 1, &place, &rule, NOW);
  g_assert_cmpuint (none->len, ==, 0);
  g_clear_pointer (&none, g_ptr_array_unref);
  rule.threshold = 5;
  rule.enabled = FALSE;
  none = vigie_connection_alerts_collect (&connection, 1, &place, &rule, NOW);
  g_assert_cmpuint (none->len, ==, 0);
  vigie_alert_center_add_events (center, events);

  /* In the panel: the sentence, its own shape, acknowledged with the
   * panel's action (Ctrl+Enter). */
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 600);
  panel = vigie_alerts_panel_new (center);
  vigie_test_present (GTK_WINDOW (window), panel, panel);
  VIGIE_TEST_WAIT_UNTIL (vigie_test_find_widget (panel, is_alert_row, NULL) != NULL);
  row = vigie_test_find_widget (panel, is_alert_row, NULL);
  alert = vigie_alert_row_get_alert (VIGIE_ALERT_ROW (row));
  g_assert_cmpint (vigie_alert_get_rule (alert), ==, VIGIE_ALERT_RULE_CONNECTION_HOLD);
  g_assert_nonnull (vigie_test_find_label (row, "Retenir la rame de la ligne 2 vers Nouveau Bassin à Gare Centrale "
                                                "3\u00a0min pour le TER 831234 (+7\u00a0min)\u202f; retard induit 3\u00a0min",
                                      VIGIE_TEST_LABEL_ANY));
  image = vigie_test_find_descendant (row, GTK_TYPE_IMAGE);
  g_assert_nonnull (image);
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (image)), ==, "vigie-hold-symbolic");
  /* Drawn from our resource, where the app finds the layers' icons. */
  {
    GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (row));

    gtk_icon_theme_add_resource_path (theme, RESOURCE_PATH "/icons");
    g_assert_true (gtk_icon_theme_has_icon (theme, "vigie-hold-symbolic"));
  }
  g_assert_true (gtk_widget_activate_action (panel, "alerts.acknowledge", NULL));
  g_assert_true (vigie_alert_get_acknowledged (alert));
  g_assert_true (gtk_widget_has_css_class (row, "acknowledged"));
  gtk_window_destroy (GTK_WINDOW (window));

  /* Preferences: among the tram rules, on, 5 min at most by default. */
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 900);
  page = vigie_alert_rules_page_new (settings);
  vigie_test_present (GTK_WINDOW (window), page, page);
  expander = vigie_test_find_widget (page, is_expander_titled,
                                     "Correspondance à protéger\u202f: retenir une rame pour un train en retard");
  g_assert_nonnull (expander);
  g_assert_true (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (expander)));
  g_assert_nonnull (vigie_test_find_label (expander, "Retenue, au plus (minutes)", VIGIE_TEST_LABEL_ANY));
  spin = vigie_test_find_descendant (expander, GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 5);
  {
    double lower, upper;

    gtk_spin_button_get_range (GTK_SPIN_BUTTON (spin), &lower, &upper);
    g_assert_cmpfloat (lower, ==, 1);
    g_assert_cmpfloat (upper, ==, 15);
  }
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 3);
  vigie_alert_rules_load (&rules, settings);
  g_assert_cmpfloat (rules.rules[VIGIE_ALERT_RULE_CONNECTION_HOLD].threshold, ==, 3);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (expander), FALSE);
  vigie_alert_rules_load (&rules, settings);
  g_assert_false (rules.rules[VIGIE_ALERT_RULE_CONNECTION_HOLD].enabled);
  gtk_window_destroy (GTK_WINDOW (window));

  g_settings_reset (settings, "alert-rules");
  vigie_alert_center_flush (center);
  g_clear_object (&center);
  acks = g_build_filename (directory, "acknowledged.ini", NULL);
  g_unlink (acks);
  g_rmdir (directory);
}

int
main (int   argc,
      char *argv[])
{
  /* French messages, from the catalogue meson built under po/. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  vigie_test_bind_catalogue ();

  if (!vigie_test_init_gtk (&argc, &argv, "Connection alerts"))
    return 77;
  adw_init ();

  g_test_add_func ("/connection-alerts-ui/french", test_connection_alerts_ui);

  return g_test_run ();
}
