/* test-preferences.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "vigie-context.h"
#include "vigie-feed-editor.h"
#include "vigie-preferences-window.h"
#include "vigie-test-ui.h"

/* An operator disables, adds (after a test) and removes a feed; every feed
 * is served by a SoupServer on 127.0.0.1 inside this test. */

static char *base_url;

static gboolean
is_drawable_of_type (GtkWidget     *widget,
                     gconstpointer  type)
{
  return g_type_is_a (G_OBJECT_TYPE (widget), GPOINTER_TO_SIZE (type)) && gtk_widget_is_drawable (widget);
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return g_type_is_a (G_OBJECT_TYPE (widget), GPOINTER_TO_SIZE (type));
}

static GPtrArray *
find_all (GtkWidget *root,
          GType      type)
{
  return vigie_test_collect_widgets (root, is_drawable_of_type, GSIZE_TO_POINTER (type));
}

static guint
count_type (GtkWidget *root,
            GType      type)
{
  g_autoptr(GPtrArray) found = find_all (root, type);

  return found->len;
}

static char *
read_profile (void)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "vigie", "profiles", "essai.ini", NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, NULL);
  return contents;
}

static void
test_preferences_feeds (void)
{
  g_autoptr(GSettings) settings = vigie_test_settings_in_memory ();
  g_autoptr(VigieContext) context = NULL;
  g_autoptr(GPtrArray) switches = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) editors = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  g_autofree char *path = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *url = NULL;
  VigieFeedManager *manager;
  GtkWidget *window;
  GtkWidget *editor;
  GtkWidget *result = NULL;

  path = vigie_test_use_profile (settings, "essai",
                                 "[Profile]\nName=Essai <i> & fils\n"
                                 "[Feed wifi]\nName=Wi-Fi\nKind=wifi\nFormat=wifi-geojson\nUrl=%s/wifi.json\n",
                                 base_url);

  context = vigie_context_new (settings, FALSE);
  vigie_context_start (context, NULL);
  manager = vigie_context_get_feed_manager (context);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 1);

  window = vigie_preferences_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (window));

  /* The network time-outs are settings the HTTP client follows. */
  g_settings_set_uint (settings, "request-timeout", 12);
  g_assert_cmpuint (vigie_http_client_get_request_timeout (vigie_feed_manager_get_client (manager)), ==, 12);

  /* Disable the feed: it stops at once, and the profile remembers. */
  switches = find_all (window, GTK_TYPE_SWITCH);
  g_assert_cmpuint (switches->len, ==, 1);
  gtk_switch_set_active (g_ptr_array_index (switches, 0), FALSE);
  g_assert_false (vigie_feed_get_enabled (vigie_feed_manager_lookup (manager, "wifi")));
  saved = read_profile ();
  g_assert_nonnull (strstr (saved, "Enabled=false"));

  /* Add a feed, testing it first through the real engine. */
  g_assert_true (gtk_widget_activate_action (window, "prefs.add-feed", NULL));
  VIGIE_TEST_WAIT_UNTIL (count_type (window, VIGIE_TYPE_FEED_EDITOR) == 1);
  editors = find_all (window, VIGIE_TYPE_FEED_EDITOR);
  editor = g_ptr_array_index (editors, 0);

  entries = find_all (editor, ADW_TYPE_ENTRY_ROW);
  g_assert_cmpuint (entries->len, ==, 3);   /* name, address, API key */
  /* Markup characters in a name are just characters. */
  gtk_editable_set_text (g_ptr_array_index (entries, 0), "Wi-Fi <b>gare</b> & co");
  url = g_strdup_printf ("%s/wifi.json", base_url);
  gtk_editable_set_text (g_ptr_array_index (entries, 1), url);

  {
    g_autoptr(GPtrArray) combos = find_all (editor, ADW_TYPE_COMBO_ROW);
    AdwComboRow *format_row = g_ptr_array_index (combos, 1);
    GListModel *names = adw_combo_row_get_model (format_row);
    gboolean found = FALSE;

    g_assert_cmpuint (combos->len, ==, 2);
    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Wi-Fi load (GeoJSON)"))
        {
          adw_combo_row_set_selected (format_row, i);
          found = TRUE;
        }
    g_assert_true (found);
  }

  g_assert_true (gtk_widget_activate_action (editor, "editor.test", NULL));
  VIGIE_TEST_WAIT_UNTIL ((result = vigie_test_find_label (editor, "3 items to show", VIGIE_TEST_LABEL_DRAWABLE)) != NULL);
  g_assert_true (gtk_widget_has_css_class (result, "success"));

  /* A wrong address is refused before anything is saved. */
  gtk_editable_set_text (g_ptr_array_index (entries, 1), "ftp://example/x");
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 1);
  gtk_editable_set_text (g_ptr_array_index (entries, 1), url);

  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 2);
  g_assert_nonnull (vigie_feed_manager_lookup (manager, "wi-fi-b-gare-b-co"));
  g_free (saved);
  saved = read_profile ();
  g_assert_nonnull (strstr (saved, "[Feed wi-fi-b-gare-b-co]"));
  g_assert_nonnull (strstr (saved, "Name=Wi-Fi <b>gare</b> & co"));

  /* The list shows both; remove the first. */
  VIGIE_TEST_WAIT_UNTIL (count_type (window, GTK_TYPE_SWITCH) == 2);
  buttons = find_all (window, GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (button)), "user-trash-symbolic") == 0)
        {
          g_signal_emit_by_name (button, "clicked");
          break;
        }
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  vigie_context_shutdown (context);
  g_unlink (path);
}

static void
assert_label (GtkWidget  *widget,
              const char *expected)
{
  g_autofree char *error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, expected);

  if (error != NULL)
    g_error ("%s: %s", G_OBJECT_TYPE_NAME (widget), error);
}

/* A feed row's switch and icon buttons have a tooltip only, which GTK 4.8
 * does not take as a name: a screen reader said "GtkImage" three times a
 * row. Each says what it does, and to which feed. */
static void
test_preferences_feed_row_names (void)
{
  g_autoptr(GSettings) settings = vigie_test_settings_in_memory ();
  g_autoptr(VigieContext) context = NULL;
  g_autoptr(GPtrArray) switches = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  g_autofree char *path = NULL;
  GtkWidget *window;
  guint n_icon_buttons = 0;

  path = vigie_test_use_profile (settings, "essai",
                                 "[Profile]\nName=Essai\n"
                                 "[Feed wifi]\nName=Wi-Fi du centre\nKind=wifi\nFormat=wifi-geojson\nUrl=%s/wifi.json\n",
                                 base_url);
  context = vigie_context_new (settings, FALSE);
  vigie_context_start (context, NULL);

  window = vigie_preferences_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (window));

  switches = find_all (window, GTK_TYPE_SWITCH);
  g_assert_cmpuint (switches->len, ==, 1);
  assert_label (g_ptr_array_index (switches, 0), "Poll the feed “Wi-Fi du centre”");

  buttons = find_all (window, GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      const char *icon = gtk_button_get_icon_name (GTK_BUTTON (button));

      if (g_strcmp0 (icon, "document-edit-symbolic") == 0)
        assert_label (button, "Edit and test the feed “Wi-Fi du centre”");
      else if (g_strcmp0 (icon, "user-trash-symbolic") == 0)
        assert_label (button, "Remove the feed “Wi-Fi du centre”");
      else
        continue;
      n_icon_buttons++;
    }
  g_assert_cmpuint (n_icon_buttons, ==, 2);

  /* The alert rules' switches, libadwaita's own, say their rule. */
  {
    g_autoptr(GPtrArray) rows = vigie_test_collect_widgets (window, is_of_type, GSIZE_TO_POINTER (ADW_TYPE_EXPANDER_ROW));
    guint n_rules = 0;

    for (guint i = 0; i < rows->len; i++)
      {
        GtkWidget *row = g_ptr_array_index (rows, i);
        const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
        GtkWidget *toggle = vigie_test_find_descendant (row, GTK_TYPE_SWITCH);

        if (toggle == NULL)
          continue;
        assert_label (toggle, title);
        n_rules++;
      }
    g_assert_cmpuint (n_rules, >=, 10);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  vigie_context_shutdown (context);
  g_unlink (path);
}

/* A profile made at run time, as the demo city's: made anew at each load. */
static VigieProfile *
make_virtual_profile (gpointer   user_data,
                      GError   **error)
{
  g_autofree char *data = g_strdup_printf ("[Profile]\nName=Virtuelle\n"
                                           "[Feed first]\nName=First\nKind=wifi\nFormat=wifi-geojson\nUrl=%s/wifi.json\n"
                                           "[Feed second]\nName=Second\nKind=wifi\nFormat=wifi-geojson\nUrl=%s/wifi.json\n"
                                           "[Feed third]\nName=Third\nKind=wifi\nFormat=wifi-geojson\nUrl=%s/wifi.json\n",
                                           base_url, base_url, base_url);

  return vigie_profile_new_from_data ("virtuelle", data, -1, error);
}

static VigieContext *
new_virtual_context (GSettings *settings)
{
  VigieContext *context = vigie_context_new (settings, FALSE);
  g_autoptr(GError) error = NULL;

  vigie_context_add_virtual_profile (context, "virtuelle", "Virtuelle", make_virtual_profile, NULL, NULL);
  g_assert_true (vigie_context_load_profile (context, "virtuelle", &error));
  g_assert_no_error (error);
  return context;
}

static char *
feed_ids (VigieFeedManager *manager)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (manager)); i++)
    {
      g_autoptr(VigieFeed) feed = g_list_model_get_item (G_LIST_MODEL (manager), i);

      g_string_append_printf (ids, "%s%s", i ? " " : "", vigie_feed_get_id (feed));
    }
  return g_string_free (ids, FALSE);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *icon_name,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = find_all (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkButton *button = g_ptr_array_index (buttons, i);

      if ((icon_name && g_strcmp0 (gtk_button_get_icon_name (button), icon_name) == 0) ||
          (label && g_strcmp0 (gtk_button_get_label (button), label) == 0))
        return GTK_WIDGET (button);
    }
  return NULL;
}

static void
test_preferences_remove_undo (void)
{
  g_autoptr(GSettings) settings = vigie_test_settings_in_memory ();
  g_autoptr(VigieContext) context = NULL;
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "vigie", "profiles", "virtuelle.ini", NULL);
  g_autofree char *saved = NULL;
  VigieFeedManager *manager;
  GtkWidget *window;
  GtkWidget *undo = NULL;

  g_unlink (path);
  context = new_virtual_context (settings);
  manager = vigie_context_get_feed_manager (context);
  vigie_feed_manager_start (manager);

  window = vigie_preferences_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (window));
  VIGIE_TEST_WAIT_UNTIL (count_type (window, GTK_TYPE_SWITCH) == 3);

  /* Remove the second feed: gone at once from the list and the engine. */
  {
    g_autoptr(GPtrArray) buttons = find_all (window, GTK_TYPE_BUTTON);
    g_autoptr(GPtrArray) trash = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_icon_name (g_ptr_array_index (buttons, i)), "user-trash-symbolic") == 0)
        g_ptr_array_add (trash, g_object_ref (g_ptr_array_index (buttons, i)));
    g_assert_cmpuint (trash->len, ==, 3);
    g_signal_emit_by_name (g_ptr_array_index (trash, 1), "clicked");
  }
  g_assert_cmpstr (feed_ids (manager), ==, "first third");
  g_assert_null (vigie_feed_manager_lookup (manager, "second"));
  VIGIE_TEST_WAIT_UNTIL (count_type (window, GTK_TYPE_SWITCH) == 2);
  g_assert_null (vigie_test_find_label (window, "Second", VIGIE_TEST_LABEL_DRAWABLE));
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_null (strstr (saved, "[Feed second]"));

  /* A restart makes the profile anew: the feed stays removed. */
  {
    g_autoptr(VigieContext) restarted = new_virtual_context (settings);

    g_assert_cmpstr (feed_ids (vigie_context_get_feed_manager (restarted)), ==, "first third");
    vigie_context_shutdown (restarted);
  }

  /* Undo: back in its place, in the list, the engine and the profile. */
  VIGIE_TEST_WAIT_UNTIL ((undo = find_button (window, NULL, "_Undo")) != NULL);
  g_signal_emit_by_name (undo, "clicked");
  g_assert_cmpstr (feed_ids (manager), ==, "first second third");
  VIGIE_TEST_WAIT_UNTIL (count_type (window, GTK_TYPE_SWITCH) == 3);
  g_assert_nonnull (vigie_test_find_label (window, "Second", VIGIE_TEST_LABEL_DRAWABLE));
  g_clear_pointer (&saved, g_free);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "[Feed second]"));
  g_assert_null (strstr (saved, "RemovedFeeds"));

  {
    g_autoptr(VigieContext) restarted = new_virtual_context (settings);

    g_assert_cmpstr (feed_ids (vigie_context_get_feed_manager (restarted)), ==, "first second third");
    vigie_context_shutdown (restarted);
  }

  /* A switch turned off in a made-up profile is kept as well. */
  {
    g_autoptr(GPtrArray) switches = find_all (window, GTK_TYPE_SWITCH);
    g_autoptr(VigieContext) restarted = NULL;

    gtk_switch_set_active (g_ptr_array_index (switches, 0), FALSE);
    restarted = new_virtual_context (settings);
    g_assert_false (vigie_feed_get_enabled (vigie_feed_manager_lookup (vigie_context_get_feed_manager (restarted), "first")));
    vigie_context_shutdown (restarted);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  vigie_context_shutdown (context);
  g_unlink (path);
}

/* Pages not shown count too: the row is on the Map page. */
static gboolean
is_combo_row (GtkWidget     *widget,
              gconstpointer  title)
{
  return ADW_IS_COMBO_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The built-in map's style is chosen in Preferences → Map, for a wall
 * screen that must stay dark whatever the desktop's style. */
static void
test_preferences_base_map_style (void)
{
  g_autoptr(GSettings) settings = vigie_test_settings_in_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (settings, FALSE);
  g_autofree char *style = NULL;
  GtkWidget *window;
  AdwComboRow *row;

  window = vigie_preferences_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (window));

  row = (AdwComboRow *) vigie_test_find_widget (window, is_combo_row, "Built-in map style");
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);

  adw_combo_row_set_selected (row, 2);
  style = g_settings_get_string (settings, "base-map-style");
  g_assert_cmpstr (style, ==, "dark");

  g_settings_set_string (settings, "base-map-style", "light");
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoupServer) server = NULL;

  vigie_test_use_fresh_folder ("XDG_CONFIG_HOME");
  /* The test context keeps the accessible properties for us to read. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (!vigie_test_init_gtk (&argc, &argv, "preferences"))
    return 77;
  adw_init ();

  server = vigie_test_server_new (NULL, NULL, NULL);
  vigie_test_server_add_fixture (server, "/wifi.json", "wifi", "hotspots.geojson", "application/geo+json");
  base_url = vigie_test_server_get_base_url (server);

  g_test_add_func ("/preferences/feeds", test_preferences_feeds);
  g_test_add_func ("/preferences/feed-row-names", test_preferences_feed_row_names);
  g_test_add_func ("/preferences/remove-undo", test_preferences_remove_undo);
  g_test_add_func ("/preferences/base-map-style", test_preferences_base_map_style);

  return g_test_run ();
}
