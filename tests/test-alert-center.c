/* test-alert-center.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "vigie-alert-center.h"
#include "vigie-feed-manager.h"
#include "vigie-tap.h"
#include "vigie-test-support.h"

/* The alert rules as the app runs them: a real feed polled from a
 * SoupServer on 127.0.0.1, the rules run by the tap in the feed's worker,
 * the alerts applied to the list on the main thread; the feed's own
 * alerts from its state; acknowledgements kept across a restart and
 * cleared alerts written to their log. */

typedef struct
{
  guint  status;
  guint  aps_up;
  guint  version;
} Server;

static Server server;

static void
handler (SoupServer        *soup_server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  g_autofree char *document = NULL;
  g_autofree char *etag = NULL;

  if (server.status != SOUP_STATUS_OK)
    {
      soup_server_message_set_status (msg, server.status, NULL);
      return;
    }

  document = g_strdup_printf ("{ \"type\": \"FeatureCollection\", \"features\": ["
                              "  { \"type\": \"Feature\", \"geometry\": { \"type\": \"Point\", \"coordinates\": [7.3386, 47.7467] },"
                              "    \"properties\": { \"id\": \"h1\", \"name\": \"Place de la Réunion\", \"clients\": 10,"
                              "                      \"capacity\": 100, \"aps_up\": %u, \"aps_total\": 2 } } ] }",
                              server.aps_up);
  etag = g_strdup_printf ("\"%u-%u\"", server.aps_up, ++server.version);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/geo+json", SOUP_MEMORY_COPY, document, strlen (document));
}

typedef struct
{
  SoupServer       *soup_server;
  VigieHttpClient  *client;
  VigieFeedManager *manager;
  VigieFeed        *feed;
  GSettings        *settings;
  char             *directory;
  gboolean          started;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GVariant) rules = NULL;

  server.status = SOUP_STATUS_OK;
  server.aps_up = 0;
  fixture->soup_server = vigie_test_server_new ("/wifi.json", handler, NULL);
  base = vigie_test_server_get_base_url (fixture->soup_server);
  url = g_strconcat (base, "/wifi.json", NULL);

  /* At once rather than after 5 minutes; half the access points down is
   * down, all of them worse. */
  fixture->settings = g_settings_new ("io.github.vigie.Vigie");
  rules = g_variant_parse (G_VARIANT_TYPE ("a{s(bdus)}"),
                           "{'wifi-down': (true, 50.0, 0, 'critical')}", NULL, NULL, NULL);
  g_settings_set_value (fixture->settings, "alert-rules", rules);

  fixture->client = vigie_http_client_new ("Vigie-test");
  fixture->manager = vigie_feed_manager_new (fixture->client);
  fixture->feed = vigie_feed_new ("wifi", "Wi-Fi Mulhouse", VIGIE_FEED_KIND_WIFI, "wifi-geojson", url);
  vigie_feed_manager_add (fixture->manager, fixture->feed);
  /* A folder of its own for each test: what one acknowledges must not
   * reach the next. */
  fixture->directory = g_dir_make_tmp ("vigie-alerts-XXXXXX", NULL);
  g_assert_nonnull (fixture->directory);
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;
  GFile *child;

  while (children != NULL && g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    remove_tree (child);
  g_file_delete (file, NULL, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  vigie_feed_stop (fixture->feed);
  g_clear_object (&fixture->feed);
  g_clear_object (&fixture->manager);
  g_clear_object (&fixture->client);
  g_settings_reset (fixture->settings, "alert-rules");
  g_clear_object (&fixture->settings);
  {
    g_autoptr(GFile) directory = g_file_new_for_path (fixture->directory);

    remove_tree (directory);
  }
  g_clear_pointer (&fixture->directory, g_free);
  vigie_test_server_stop (g_steal_pointer (&fixture->soup_server));
}

static VigieAlertCenter *
new_center (Fixture *fixture)
{
  VigieAlertCenter *center = vigie_alert_center_new (fixture->settings, fixture->manager, fixture->directory);

  VIGIE_TEST_WAIT_UNTIL (vigie_alert_center_is_loaded (center));
  return center;
}

static void
poll (Fixture *fixture)
{
  /* The first time after the alert center is made. */
  if (!fixture->started)
    {
      fixture->started = TRUE;
      vigie_feed_start (fixture->feed, fixture->client);
    }
  else
    vigie_feed_refresh (fixture->feed);
  vigie_test_wait_polls (fixture->feed, 1);
}

static VigieAlert *
lookup (VigieAlertCenter *center,
        const char       *key)
{
  return vigie_alert_list_lookup (vigie_alert_center_get_alerts (center), key);
}

/* Within one poll: raised from the worker, cleared past the margin,
 * and the cleared alert in its log. */
static void
test_raise_and_clear (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(VigieAlertCenter) center = new_center (fixture);
  g_autofree char *log_path = NULL;
  g_autofree char *log = NULL;
  VigieAlert *alert;

  poll (fixture);
  alert = lookup (center, "wifi-down/wifi/hotspot/h1");
  g_assert_nonnull (alert);
  g_assert_cmpstr (vigie_alert_get_name (alert), ==, "Place de la Réunion");
  g_assert_cmpstr (vigie_alert_get_feed_name (alert), ==, "Wi-Fi Mulhouse");
  g_assert_cmpstr (vigie_alert_get_entity_id (alert), ==, "h1");
  g_assert_cmpint (vigie_alert_get_severity (alert), ==, VIGIE_ALERT_SEVERITY_CRITICAL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (vigie_alert_center_get_alerts (center))), ==, 1);
  g_assert_cmpuint (vigie_alert_list_get_n_unacknowledged (vigie_alert_center_get_alerts (center)), ==, 1);

  /* One of two back: 50 %, still at the threshold. */
  server.aps_up = 1;
  poll (fixture);
  g_assert_nonnull (lookup (center, "wifi-down/wifi/hotspot/h1"));

  server.aps_up = 2;
  poll (fixture);
  g_assert_null (lookup (center, "wifi-down/wifi/hotspot/h1"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (vigie_alert_center_get_alerts (center))), ==, 0);

  vigie_alert_center_flush (center);
  log_path = vigie_alert_center_dup_log_path (center);
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "\"key\":\"wifi-down/wifi/hotspot/h1\""));
  g_assert_nonnull (strstr (log, "\"name\":\"Place de la Réunion\""));
  /* One line, ended. */
  g_assert_true (g_str_has_suffix (log, "}\n"));
  g_assert_null (strchr (log, '\n') + 1 == NULL ? NULL : strchr (strchr (log, '\n') + 1, '\n'));
}

/* Three failed polls raise the feed's alert; a good one clears it. */
static void
test_feed_failing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(VigieAlertCenter) center = new_center (fixture);

  server.aps_up = 2;
  poll (fixture);
  server.status = SOUP_STATUS_SERVICE_UNAVAILABLE;
  for (guint i = 0; i < 2; i++)
    {
      poll (fixture);
      vigie_alert_center_check_feeds (center);
      g_assert_null (lookup (center, "feed-failing/wifi"));
    }
  poll (fixture);
  vigie_alert_center_check_feeds (center);
  g_assert_nonnull (lookup (center, "feed-failing/wifi"));
  g_assert_cmpstr (vigie_alert_get_name (lookup (center, "feed-failing/wifi")), ==, "Wi-Fi Mulhouse");

  server.status = SOUP_STATUS_OK;
  poll (fixture);
  vigie_alert_center_check_feeds (center);
  g_assert_null (lookup (center, "feed-failing/wifi"));
}

/* Acknowledged, the app restarts, the alert is raised again: still
 * acknowledged, with its comment. Worse, it asks again. */
static void
test_acknowledge_survives_restart (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(VigieAlertCenter) center = new_center (fixture);
  VigieAlert *alert;

  server.aps_up = 1;
  poll (fixture);
  alert = lookup (center, "wifi-down/wifi/hotspot/h1");
  g_assert_nonnull (alert);
  vigie_alert_center_acknowledge (center, alert, "Technicien prévenu");
  g_assert_true (vigie_alert_get_acknowledged (alert));
  g_assert_cmpuint (vigie_alert_list_get_n_unacknowledged (vigie_alert_center_get_alerts (center)), ==, 0);

  /* The restart. */
  g_clear_object (&center);
  center = new_center (fixture);
  g_assert_null (lookup (center, "wifi-down/wifi/hotspot/h1"));
  server.version++;
  poll (fixture);
  alert = lookup (center, "wifi-down/wifi/hotspot/h1");
  g_assert_nonnull (alert);
  g_assert_true (vigie_alert_get_acknowledged (alert));
  g_assert_cmpstr (vigie_alert_get_ack_comment (alert), ==, "Technicien prévenu");
  g_assert_cmpint (vigie_alert_get_ack_at (alert), >, 0);

  /* Both access points down now. */
  server.aps_up = 0;
  poll (fixture);
  g_assert_false (vigie_alert_get_acknowledged (alert));
  g_assert_cmpuint (vigie_alert_list_get_n_unacknowledged (vigie_alert_center_get_alerts (center)), ==, 1);

  /* And that is remembered too. */
  g_clear_object (&center);
  center = new_center (fixture);
  server.version++;
  poll (fixture);
  g_assert_false (vigie_alert_get_acknowledged (lookup (center, "wifi-down/wifi/hotspot/h1")));
}

/* A rule turned off in the settings clears its alerts at the next poll. */
static void
test_rules_follow_settings (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(VigieAlertCenter) center = new_center (fixture);
  g_autoptr(GVariant) rules = NULL;

  poll (fixture);
  g_assert_nonnull (lookup (center, "wifi-down/wifi/hotspot/h1"));

  rules = g_variant_parse (G_VARIANT_TYPE ("a{s(bdus)}"),
                           "{'wifi-down': (false, 50.0, 0, 'critical')}", NULL, NULL, NULL);
  g_settings_set_value (fixture->settings, "alert-rules", rules);
  server.version++;
  poll (fixture);
  g_assert_null (lookup (center, "wifi-down/wifi/hotspot/h1"));
}

static VigieSnapshot *
hotspot_snapshot (guint aps_up)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ();
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&values, "aps_up", "x", (gint64) aps_up);
  g_variant_dict_insert (&values, "aps_total", "x", (gint64) 2);
  vigie_snapshot_add_entity (snapshot, vigie_entity_new (VIGIE_ENTITY_HOTSPOT, "h1", "Place de la Réunion",
                                                         47.7467, 7.3386, 0, g_variant_dict_end (&values)));
  vigie_snapshot_prepare (snapshot, NULL, 1800000000);
  return snapshot;
}

/* The feed drops the result of a job a newer one overtook: what it held
 * comes with the next result, and nothing is applied twice. */
static void
test_dropped_result (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(VigieAlertCenter) center = new_center (fixture);
  g_autoptr(GPtrArray) taps = vigie_tap_list ();
  g_autoptr(VigieSnapshot) down = hotspot_snapshot (0);
  g_autoptr(VigieSnapshot) still_down = hotspot_snapshot (0);
  g_autoptr(VigieSnapshot) up = hotspot_snapshot (2);
  VigieTap *tap;
  VigieTapInput input = { .feed_id = "wifi", .format_id = "wifi-geojson", .now = 1800000000 };
  gpointer result;
  gpointer late;

  g_assert_cmpuint (taps->len, ==, 1);
  tap = g_ptr_array_index (taps, 0);

  input.current = down;
  result = vigie_tap_work (tap, &input);
  g_assert_nonnull (result);
  vigie_tap_free_result (tap, result);
  g_assert_null (lookup (center, "wifi-down/wifi/hotspot/h1"));
  VIGIE_TEST_WAIT_UNTIL (lookup (center, "wifi-down/wifi/hotspot/h1") != NULL);

  /* Applied once, however many results carry it. */
  input.current = still_down;
  input.now += 30;
  result = vigie_tap_work (tap, &input);
  if (result != NULL)
    vigie_tap_apply (tap, "wifi", result);
  g_assert_nonnull (lookup (center, "wifi-down/wifi/hotspot/h1"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (vigie_alert_center_get_alerts (center))), ==, 1);

  /* An older result applied late changes nothing; the clearing does. */
  input.current = still_down;
  input.now += 30;
  late = vigie_tap_work (tap, &input);
  input.current = up;
  input.now += 30;
  result = vigie_tap_work (tap, &input);
  vigie_tap_apply (tap, "wifi", result);
  g_assert_null (lookup (center, "wifi-down/wifi/hotspot/h1"));
  if (late != NULL)
    vigie_tap_apply (tap, "wifi", late);
  g_assert_null (lookup (center, "wifi-down/wifi/hotspot/h1"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (vigie_alert_center_get_alerts (center))), ==, 0);
}

/* A city's first update raises a thousand alerts at once: the count to
 * acknowledge (the window's button, its tooltip) is told once for the
 * batch, and once for the batch that clears them. */
static void
test_batch_told_once (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(VigieAlertCenter) center = new_center (fixture);
  VigieAlertList *alerts = vigie_alert_center_get_alerts (center);
  g_autoptr(GPtrArray) raised = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_alert_event_free);
  g_autoptr(GPtrArray) cleared = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_alert_event_free);
  guint n_told = 0;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *entity_key = g_strdup_printf ("station/s%u", i);

      for (guint j = 0; j < 2; j++)
        {
          VigieAlertEvent *event = g_new0 (VigieAlertEvent, 1);

          event->type = j == 0 ? VIGIE_ALERT_EVENT_RAISED : VIGIE_ALERT_EVENT_CLEARED;
          event->rule = VIGIE_ALERT_RULE_BIKES_EMPTY;
          event->severity = VIGIE_ALERT_SEVERITY_WARNING;
          event->key = vigie_alert_make_key (VIGIE_ALERT_RULE_BIKES_EMPTY, "velocite", entity_key);
          event->feed_id = g_strdup ("velocite");
          event->entity_kind = VIGIE_ENTITY_STATION;
          event->entity_id = g_strdup_printf ("s%u", i);
          event->name = g_strdup_printf ("Station %u", i);
          event->latitude = 47.75;
          event->longitude = 7.34;
          event->since = event->at = 1795590000;
          g_ptr_array_add (j == 0 ? raised : cleared, event);
        }
    }

  vigie_test_count_notify (alerts, "n-unacknowledged", &n_told);
  vigie_alert_center_add_events (center, raised);
  g_assert_cmpuint (vigie_alert_list_get_n_unacknowledged (alerts), ==, 200);
  g_assert_cmpuint (n_told, ==, 1);

  vigie_alert_center_add_events (center, cleared);
  g_assert_cmpuint (vigie_alert_list_get_n_unacknowledged (alerts), ==, 0);
  g_assert_cmpuint (n_told, ==, 2);
  g_signal_handlers_disconnect_by_data (alerts, &n_told);
  vigie_alert_center_flush (center);
}

int
main (int   argc,
      char *argv[])
{
  /* No proxy, whatever the machine says: everything stays on loopback. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/alert-center/batch-told-once", Fixture, NULL,
              fixture_set_up, test_batch_told_once, fixture_tear_down);
  g_test_add ("/alert-center/raise-and-clear", Fixture, NULL,
              fixture_set_up, test_raise_and_clear, fixture_tear_down);
  g_test_add ("/alert-center/feed-failing", Fixture, NULL,
              fixture_set_up, test_feed_failing, fixture_tear_down);
  g_test_add ("/alert-center/acknowledge-survives-restart", Fixture, NULL,
              fixture_set_up, test_acknowledge_survives_restart, fixture_tear_down);
  g_test_add ("/alert-center/dropped-result", Fixture, NULL,
              fixture_set_up, test_dropped_result, fixture_tear_down);
  g_test_add ("/alert-center/rules-follow-settings", Fixture, NULL,
              fixture_set_up, test_rules_follow_settings, fixture_tear_down);

  return g_test_run ();
}
