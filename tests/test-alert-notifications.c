/* test-alert-notifications.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "vigie-map-layer.h"
#include "vigie-preferences-window.h"
#include "vigie-test-ui.h"

/* Critical alerts on the desktop, end to end: the test is the desktop's
 * notification server (org.gtk.Notifications on the session bus, which
 * GLib's GNotification talks to when someone owns it, as GNOME Shell
 * does). Three hotspots down in one poll make one notification, whose
 * "Show" shows the first on the map; it is withdrawn once all three are
 * up again; with Preferences' switch off, nothing is sent. */

typedef struct
{
  gboolean   owned;
  GPtrArray *added;     /* GVariant "(ssa{sv})" */
  GPtrArray *removed;   /* the ids */
} Desktop;

static const char desktop_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
desktop_method_call (GDBusConnection       *connection,
                     const char            *sender,
                     const char            *object_path,
                     const char            *interface_name,
                     const char            *method_name,
                     GVariant              *parameters,
                     GDBusMethodInvocation *invocation,
                     gpointer               user_data)
{
  Desktop *desktop = user_data;

  if (g_str_equal (method_name, "AddNotification"))
    g_ptr_array_add (desktop->added, g_variant_ref (parameters));
  else
    {
      const char *id;

      g_variant_get (parameters, "(&s&s)", NULL, &id);
      g_ptr_array_add (desktop->removed, g_strdup (id));
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
on_name_acquired_cb (GDBusConnection *connection,
                     const char      *name,
                     gpointer         user_data)
{
  ((Desktop *) user_data)->owned = TRUE;
}

/* A connection of its own, as a server in another process would have. */
static GDBusConnection *
desktop_start (Desktop *desktop)
{
  static const GDBusInterfaceVTable vtable = { desktop_method_call };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (desktop_xml, NULL);
  g_autofree char *address = NULL;
  g_autoptr(GError) error = NULL;
  GDBusConnection *connection;

  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  connection = g_dbus_connection_new_for_address_sync (address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (connection, "/org/gtk/Notifications", info->interfaces[0],
                                     &vtable, desktop, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (connection, "org.gtk.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                on_name_acquired_cb, NULL, desktop, NULL);
  VIGIE_TEST_WAIT_UNTIL (desktop->owned);

  return connection;
}

static const char *
lookup_string (GVariant   *dict,
               const char *key)
{
  const char *value = NULL;

  g_variant_lookup (dict, key, "&s", &value);
  return value;
}

/* The Wi-Fi document the test serves: hotspots down or all up. */
typedef struct
{
  gboolean down;
} Document;

static void
serve_document_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  Document *document = user_data;
  g_autoptr(GString) body = g_string_new ("{ \"type\": \"FeatureCollection\", \"features\": [");
  static const struct {
    const char *id, *name;
    double      longitude, latitude;
    int         aps_down, aps_total;
  } hotspots[] = {
    { "h1", "Gare centrale", 7.3349, 47.7418, 4, 4 },
    { "h2", "Nordfeld", 7.3440, 47.7440, 2, 2 },
    { "h3", "Porte Jeune", 7.3388, 47.7467, 3, 4 },
    { "h4", "Place de la Réunion", 7.3386, 47.7460, 0, 3 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (hotspots); i++)
    g_string_append_printf (body,
                            "%s{ \"type\": \"Feature\", \"geometry\": { \"type\": \"Point\", \"coordinates\": [%.4f, %.4f] },"
                            " \"properties\": { \"id\": \"%s\", \"name\": \"%s\", \"clients\": 5, \"capacity\": 100,"
                            " \"aps_up\": %d, \"aps_total\": %d } }",
                            i ? ", " : "", hotspots[i].longitude, hotspots[i].latitude, hotspots[i].id,
                            hotspots[i].name,
                            hotspots[i].aps_total - (document->down ? hotspots[i].aps_down : 0),
                            hotspots[i].aps_total);
  g_string_append (body, "] }");

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/geo+json", SOUP_MEMORY_COPY, body->str, body->len);
}

static VigieMapLayer *
wifi_layer (VigieWindow *window)
{
  return VIGIE_MAP_LAYER (vigie_test_find_descendant (GTK_WIDGET (vigie_window_get_map (window)),
                                                      VIGIE_TYPE_MAP_LAYER));
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static void
test_notifications (void)
{
  static const VigieAlertNotifierLimits no_wait = { 0, 0, 0, 0 };
  VigieTestTileServer tiles = { 0 };
  Desktop desktop = { 0 };
  Document document = { .down = TRUE };
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(VigieApplication) app = NULL;
  g_autoptr(GVariant) rules = NULL;
  g_autoptr(GVariant) notification = NULL;
  g_autoptr(GVariant) buttons = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autofree char *path = NULL;
  const char *app_id;
  const char *id;
  const char *action;
  VigieFeed *feed;
  VigieAlertList *alerts;
  VigieWindow *window;
  GtkWidget *preferences;
  GtkWidget *row;
  GtkWidget *toggle;
  VigieEntity *selected;

  desktop.added = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  desktop.removed = g_ptr_array_new_with_free_func (g_free);
  bus = desktop_start (&desktop);

  vigie_test_tile_server_start (&tiles, SOUP_STATUS_OK);
  soup_server_add_handler (tiles.server, "/hotspots.json", serve_document_cb, &document, NULL);
  settings = vigie_test_reset_settings (tiles.tile_url);
  g_assert_true (g_settings_get_boolean (settings, "alert-notifications"));

  /* Down from half of its access points, at once, and critical. */
  rules = g_variant_parse (G_VARIANT_TYPE ("a{s(bdus)}"),
                           "{'wifi-down': (true, 50.0, 0, 'critical')}", NULL, NULL, NULL);
  g_settings_set_value (settings, "alert-rules", rules);
  path = vigie_test_use_wifi_profile (settings, &tiles, "/hotspots.json");

  /* Registered (started up) before the first poll can be read: told
   * without the five seconds' gathering. */
  app = vigie_test_new_application ("Notifications");
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  vigie_alert_notifications_set_limits (vigie_application_get_alert_notifications (app), &no_wait);
  window = vigie_test_open_window (app);
  feed = vigie_feed_manager_lookup (vigie_context_get_feed_manager (vigie_window_get_context (window)), "wifi");
  alerts = vigie_alert_center_get_alerts (vigie_context_get_alerts (vigie_window_get_context (window)));

  /* Three hotspots down in one poll: one notification. */
  VIGIE_TEST_WAIT_UNTIL (desktop.added->len > 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (alerts)), ==, 3);
  vigie_test_spin (200);
  g_assert_cmpuint (desktop.added->len, ==, 1);
  g_variant_get (g_ptr_array_index (desktop.added, 0), "(&s&s@a{sv})", &app_id, &id, &notification);
  g_assert_cmpstr (app_id, ==, g_application_get_application_id (G_APPLICATION (app)));
  g_assert_cmpstr (id, ==, "alert-wifi-down");
  g_assert_cmpstr (lookup_string (notification, "title"), ==, "3 Wi-Fi hotspots down");
  g_assert_nonnull (strstr (lookup_string (notification, "body"), "Gare centrale"));
  g_assert_nonnull (strstr (lookup_string (notification, "body"), "Nordfeld"));
  g_assert_nonnull (strstr (lookup_string (notification, "body"), "Porte Jeune"));
  g_assert_cmpstr (lookup_string (notification, "priority"), ==, "high");
  g_assert_cmpstr (lookup_string (notification, "default-action"), ==, "app.show-alert");

  /* Its "Show" button: the app's action, an alert's key as target. */
  buttons = g_variant_lookup_value (notification, "buttons", G_VARIANT_TYPE ("aa{sv}"));
  g_assert_nonnull (buttons);
  g_assert_cmpuint (g_variant_n_children (buttons), ==, 1);
  {
    g_autoptr(GVariant) button = g_variant_get_child_value (buttons, 0);

    g_assert_cmpstr (lookup_string (button, "label"), ==, "Show");
    action = lookup_string (button, "action");
    g_assert_cmpstr (action, ==, "app.show-alert");
    target = g_variant_lookup_value (button, "target", G_VARIANT_TYPE_STRING);
    g_assert_nonnull (target);
  }
  g_assert_nonnull (vigie_alert_list_lookup (alerts, g_variant_get_string (target, NULL)));

  /* Clicked, as the desktop would: the window shows the hotspot, its
   * details open. */
  g_assert_null (vigie_map_layer_get_selected (wifi_layer (window)));
  g_action_group_activate_action (G_ACTION_GROUP (app), action + strlen ("app."), target);
  VIGIE_TEST_WAIT_UNTIL (vigie_map_layer_get_selected (wifi_layer (window)) != NULL);
  selected = vigie_map_layer_get_selected (wifi_layer (window));
  g_assert_cmpstr (vigie_alert_get_entity_id (vigie_alert_list_lookup (alerts, g_variant_get_string (target, NULL))),
                   ==, vigie_entity_get_id (selected));
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (shumate_map_get_viewport (vigie_window_get_map (window))),
                     >=, VIGIE_MAP_LAYER_CLUSTER_MAX_ZOOM);

  /* All up again: withdrawn. */
  document.down = FALSE;
  vigie_feed_refresh (feed);
  VIGIE_TEST_WAIT_UNTIL (desktop.removed->len > 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (alerts)), ==, 0);
  g_assert_cmpstr (g_ptr_array_index (desktop.removed, 0), ==, "alert-wifi-down");

  /* Preferences' switch, on by default, turns them off. */
  preferences = vigie_preferences_window_new (GTK_WINDOW (window), vigie_window_get_context (window));
  row = vigie_test_find_widget (preferences, is_named, "alert-notifications-row");
  g_assert_nonnull (row);
  toggle = vigie_test_find_descendant (row, GTK_TYPE_SWITCH);
  g_assert_nonnull (toggle);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "alert-notifications"));
  gtk_window_destroy (GTK_WINDOW (preferences));

  /* Down again, told to nobody. */
  document.down = TRUE;
  vigie_feed_refresh (feed);
  VIGIE_TEST_WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (alerts)) == 3);
  vigie_test_spin (500);
  g_assert_cmpuint (desktop.added->len, ==, 1);

  vigie_test_close_window (app, window);
  g_settings_reset (settings, "alert-notifications");
  g_settings_reset (settings, "alert-rules");
  g_unlink (path);
  vigie_test_tile_server_stop (&tiles);
  g_ptr_array_unref (desktop.added);
  g_ptr_array_unref (desktop.removed);
}

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_window_test (&argc, &argv, "alert notifications"))
    return 77;

  g_test_add_func ("/alert-notifications/group-show-withdraw-off", test_notifications);

  return g_test_run ();
}
