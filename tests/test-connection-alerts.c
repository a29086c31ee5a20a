/* test-connection-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "vigie-alert-center.h"
#include "vigie-connection-alerts.h"
#include "vigie-test-demo.h"
#include "vigie-test-support.h"

/* Connection protection end to end: the simulator on 127.0.0.1 serves the
 * demo's TER with the seed's delays and its trams; the app's feeds fetch
 * them, the boards and the connections are worked out in workers, and a
 * late train that misses a rare tram raises, in the alert center, the
 * proposal to hold that tram; acknowledged like any alert, cleared once
 * the connection is no longer at risk, kept within the rule's longest
 * hold. */

/* Tuesday 24 November 2026, 21:30 in Mulhouse: trams every 20 min or so. */
#define LATE_EVENING G_GINT64_CONSTANT (1795552200)
#define SEED 42

/* The demo city, with an alert center of its own and the connections'
 * alerts handed to it. */
typedef struct
{
  VigieTestDemo          city;
  VigieAlertCenter      *center;
  VigieConnectionAlerts *alerts;
  GSettings             *settings;
  char                  *directory;
} Demo;

static void
demo_start (Demo *demo)
{
  demo->settings = g_settings_new ("io.github.vigie.Vigie");
  g_settings_reset (demo->settings, "alert-rules");
  demo->directory = g_dir_make_tmp ("vigie-connection-alerts-XXXXXX", NULL);
  g_assert_nonnull (demo->directory);

  vigie_test_demo_start (&demo->city, SEED, LATE_EVENING);
  demo->center = vigie_alert_center_new (demo->settings, demo->city.manager, demo->directory);
  VIGIE_TEST_WAIT_UNTIL (vigie_alert_center_is_loaded (demo->center));
  demo->alerts = vigie_connection_alerts_new (demo->city.watch, demo->center, demo->settings);
}

static void
demo_stop (Demo *demo)
{
  g_autofree char *acks = g_build_filename (demo->directory, "acknowledged.ini", NULL);
  g_autofree char *log = g_build_filename (demo->directory, "cleared.jsonl", NULL);

  /* The feeds stopped before their alert center goes. */
  vigie_feed_manager_stop (demo->city.manager);
  g_clear_object (&demo->alerts);
  vigie_alert_center_flush (demo->center);
  g_clear_object (&demo->center);
  vigie_test_demo_stop (&demo->city);
  g_settings_reset (demo->settings, "alert-rules");
  g_clear_object (&demo->settings);

  g_unlink (acks);
  g_unlink (log);
  g_rmdir (demo->directory);
  g_clear_pointer (&demo->directory, g_free);
}

/* The hold proposal raised in the alert center, or NULL. */
static VigieAlert *
find_hold (VigieAlertCenter *center)
{
  GListModel *alerts = G_LIST_MODEL (vigie_alert_center_get_alerts (center));

  for (guint i = 0; i < g_list_model_get_n_items (alerts); i++)
    {
      g_autoptr(VigieAlert) alert = g_list_model_get_item (alerts, i);

      if (vigie_alert_get_rule (alert) == VIGIE_ALERT_RULE_CONNECTION_HOLD)
        return alert;
    }

  return NULL;
}

static void
on_changed_cb (VigieConnectionWatch *watch,
               guint                *n_changed)
{
  (*n_changed)++;
}

/* The connections worked out again, @walk_s from the platform. */
static void
set_walk_and_wait (VigieConnectionWatch *watch,
                   gint64                walk_s)
{
  guint n_changed = 0;

  g_signal_connect (watch, "changed", G_CALLBACK (on_changed_cb), &n_changed);
  vigie_connection_watch_set_walk_time (watch, walk_s);
  VIGIE_TEST_WAIT_UNTIL (n_changed > 0);
  g_signal_handlers_disconnect_by_data (watch, &n_changed);
}

static void
set_max_hold (GSettings *settings,
              double     minutes)
{
  VigieAlertRule rule = vigie_alert_rule_get_info (VIGIE_ALERT_RULE_CONNECTION_HOLD)->defaults;

  rule.threshold = minutes;
  vigie_alert_rules_save_rule (settings, VIGIE_ALERT_RULE_CONNECTION_HOLD, &rule);
}

static void
test_connection_alerts_demo (void)
{
  Demo demo;
  VigieAlert *alert;
  VigieAlertText text = { NULL, };
  const VigieConnection *connections;
  const VigieConnection *missed = NULL;
  g_autofree char *log = NULL;
  g_autofree char *log_path = NULL;
  guint n = 0;

  demo_start (&demo);
  g_assert_null (find_hold (demo.center));

  vigie_feed_manager_start (demo.city.manager);
  VIGIE_TEST_WAIT_UNTIL (find_hold (demo.center) != NULL);

  /* The missed connection behind it: the seed's TER from Basel due 22:08,
   * 12 min late, misses line 1 at 22:20; the next comes 16 min later. */
  connections = vigie_connection_watch_get_connections (demo.city.watch, &n);
  for (guint i = 0; i < n; i++)
    if (connections[i].hold)
      {
        g_assert_null (missed);
        missed = &connections[i];
      }
  g_assert_nonnull (missed);
  g_assert_cmpint (missed->status, ==, VIGIE_CONNECTION_MISSED);
  g_assert_cmpstr (missed->line, ==, "1");
  g_assert_cmpint (missed->train->delay_s, ==, 12 * 60);
  g_assert_cmpint (missed->hold_s, ==, 4 * 60);
  g_assert_cmpint (missed->wait_s, >, 15 * 60);

  /* In the panel, in words, with its own shape; shown on the map at the
   * tram stop. */
  alert = find_hold (demo.center);
  vigie_alert_text_init (&text, alert, LATE_EVENING);
  g_test_message ("%s / %s", text.title, text.detail);
  g_assert_cmpstr (text.title, ==,
                   "Hold the line 1 tram to CHATAIGNIER at Gare Centrale for 4 min for the TER to Strasbourg (+12 min); "
                   "knock-on delay 4 min");
  g_assert_cmpstr (text.icon_name, ==, "vigie-hold-symbolic");
  g_assert_cmpstr (text.css_class, ==, "warning");
  vigie_alert_text_clear (&text);
  g_assert_cmpstr (vigie_alert_get_feed_id (alert), ==, "trams");
  g_assert_cmpstr (vigie_alert_get_entity_id (alert), ==, "place_GAR");
  g_assert_cmpint (vigie_alert_get_entity_kind (alert), ==, VIGIE_ENTITY_STOP);
  g_assert_cmpfloat (vigie_alert_get_value (alert), ==, 4);
  g_assert_cmpuint (vigie_alert_list_get_n_unacknowledged (vigie_alert_center_get_alerts (demo.center)), >=, 1);

  /* Acknowledged like the others. */
  vigie_alert_center_acknowledge (demo.center, alert, "Conducteur prévenu");
  g_assert_true (vigie_alert_get_acknowledged (find_hold (demo.center)));

  /* From the platform in no time, the tram is made: no longer at risk,
   * cleared, and logged. */
  set_walk_and_wait (demo.city.watch, 0);
  g_assert_null (find_hold (demo.center));
  vigie_alert_center_flush (demo.center);
  log_path = vigie_alert_center_dup_log_path (demo.center);
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "\"rule\":\"connection-hold\""));
  g_assert_nonnull (strstr (log, "Conducteur prévenu"));

  /* A hold longer than the operator allows is not proposed... */
  set_max_hold (demo.settings, 3);
  set_walk_and_wait (demo.city.watch, 4 * 60);
  g_assert_null (find_hold (demo.center));
  /* ...and is, once allowed, at once. */
  set_max_hold (demo.settings, 5);
  g_assert_nonnull (find_hold (demo.center));
  g_assert_false (vigie_alert_get_acknowledged (find_hold (demo.center)));
  /* The rule off: none. */
  {
    VigieAlertRule rule = vigie_alert_rule_get_info (VIGIE_ALERT_RULE_CONNECTION_HOLD)->defaults;

    rule.enabled = FALSE;
    vigie_alert_rules_save_rule (demo.settings, VIGIE_ALERT_RULE_CONNECTION_HOLD, &rule);
  }
  g_assert_null (find_hold (demo.center));

  demo_stop (&demo);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/connection-alerts/demo", test_connection_alerts_demo);

  return g_test_run ();
}
