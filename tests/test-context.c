/* test-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "vigie-context.h"

static void
test_context_defaults (void)
{
  g_autoptr(VigieContext) context = vigie_context_new (NULL, FALSE);
  GSettings *settings;

  settings = vigie_context_get_settings (context);
  g_assert_true (G_IS_SETTINGS (settings));
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "map-latitude"), 47.7508, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "map-longitude"), 7.3359, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "map-zoom"), 13.0, 1e-9);

  g_assert_true (VIGIE_IS_FEED_MANAGER (vigie_context_get_feed_manager (context)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (vigie_context_get_feed_manager (context))), ==, 0);
  g_assert_false (vigie_context_get_demo (context));
}

static void
test_context_given_settings (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = g_settings_new_with_backend (SCHEMA_ID, backend);
  g_autoptr(VigieContext) context = vigie_context_new (settings, TRUE);
  g_autoptr(VigieContext) other = vigie_context_new (NULL, FALSE);

  g_assert_true (vigie_context_get_settings (context) == settings);
  g_assert_true (vigie_context_get_demo (context));

  /* Two contexts never share state: no globals. */
  g_assert_true (vigie_context_get_feed_manager (context) != vigie_context_get_feed_manager (other));

  g_settings_set_double (settings, "map-zoom", 16.0);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (vigie_context_get_settings (other), "map-zoom"), 13.0, 1e-9);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_context_shutdown_stops_feeds (void)
{
  g_autoptr(VigieContext) context = vigie_context_new (NULL, FALSE);
  VigieFeedManager *manager = vigie_context_get_feed_manager (context);
  g_autoptr(GObject) feed = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) item = NULL;
  guint changes = 0;

  g_signal_connect (manager, "notify::n-items", G_CALLBACK (count_cb), &changes);

  vigie_feed_manager_add (manager, feed);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (manager), 0);
  g_assert_true (item == feed);
  g_assert_cmpuint (changes, ==, 1);

  g_assert_false (vigie_feed_manager_is_stopped (manager));
  vigie_context_shutdown (context);
  g_assert_true (vigie_feed_manager_is_stopped (manager));
  /* A second shutdown, as on dispose, must be harmless. */
  vigie_context_shutdown (context);

  g_assert_true (vigie_feed_manager_remove (manager, feed));
  g_assert_false (vigie_feed_manager_remove (manager, feed));
  g_assert_cmpuint (changes, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/context/defaults", test_context_defaults);
  g_test_add_func ("/context/given-settings", test_context_given_settings);
  g_test_add_func ("/context/shutdown-stops-feeds", test_context_shutdown_stops_feeds);

  return g_test_run ();
}
