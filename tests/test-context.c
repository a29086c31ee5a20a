/* test-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "vigie-connection-place.h"
#include "vigie-context.h"
#include "vigie-test-support.h"

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
  g_autoptr(GSettings) settings = vigie_test_settings_in_memory ();
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
  /* Port 9 on loopback: nothing listens, nothing leaves the machine. */
  g_autoptr(VigieFeed) feed = vigie_feed_new ("test", "Test", VIGIE_FEED_KIND_WIFI,
                                              "wifi-geojson", "http://127.0.0.1:9/wifi.json");
  g_autoptr(VigieFeed) item = NULL;
  guint changes = 0;

  g_signal_connect (manager, "notify::n-items", G_CALLBACK (count_cb), &changes);

  vigie_feed_manager_add (manager, feed);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (manager), 0);
  g_assert_true (item == feed);
  g_assert_true (vigie_feed_manager_lookup (manager, "test") == feed);
  g_assert_null (vigie_feed_manager_lookup (manager, "other"));
  g_assert_cmpuint (changes, ==, 1);

  vigie_feed_manager_start (manager);
  g_assert_true (vigie_feed_manager_is_running (manager));
  g_assert_cmpint (vigie_feed_get_state (feed), ==, VIGIE_FEED_STATE_FETCHING);

  vigie_context_shutdown (context);
  g_assert_false (vigie_feed_manager_is_running (manager));
  g_assert_cmpint (vigie_feed_get_state (feed), ==, VIGIE_FEED_STATE_IDLE);
  /* A second shutdown, as on dispose, must be harmless. */
  vigie_context_shutdown (context);

  g_assert_true (vigie_feed_manager_remove (manager, feed));
  g_assert_false (vigie_feed_manager_remove (manager, feed));
  g_assert_cmpuint (changes, ==, 2);
}

static void
test_context_profiles (void)
{
  g_autoptr(VigieContext) context = vigie_context_new (NULL, FALSE);
  VigieFeedManager *manager = vigie_context_get_feed_manager (context);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  VigieFeed *velocite;
  const char *user_profile =
    "[Profile]\nName=Mulhouse (test)\nName[fr]=Mulhouse (essai)\n"
    "[Feed wifi]\nName=Wi-Fi\nKind=wifi\nFormat=wifi-geojson\nUrl=http://127.0.0.1:9/w.json\n"
    "PollInterval=45\nOption.site=centre\n"
    "[Feed broken]\nKind=wifi\n"
    "[Feed odd]\nKind=submarines\nFormat=gbfs\nUrl=http://127.0.0.1:9/g.json\n";

  /* The profile that ships with Vigie, from the resource. */
  g_assert_true (vigie_context_load_profile (context, "mulhouse", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (vigie_profile_get_name (vigie_context_get_profile (context)), ==, "Mulhouse");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 4);
  velocite = vigie_feed_manager_lookup (manager, "velocite");
  g_assert_nonnull (velocite);
  g_assert_cmpstr (vigie_feed_get_format_id (velocite), ==, "gbfs");
  g_assert_cmpint (vigie_feed_get_kind (velocite), ==, VIGIE_FEED_KIND_BIKES);
  g_assert_cmpuint (vigie_feed_get_poll_interval (velocite), ==, 60);
  g_assert_true (g_str_has_prefix (vigie_feed_get_url (velocite), "https://gbfs.nextbike.net/"));

  /* The real TER and Soléa feeds where they are public, and where they
   * meet: SNCF's Mulhouse-Ville, Soléa's Gare Centrale. */
  {
    VigieFeed *ter = vigie_feed_manager_lookup (manager, "ter");
    VigieFeed *trams = vigie_feed_manager_lookup (manager, "trams");
    GKeyFile *keyfile = vigie_profile_peek_key_file (vigie_context_get_profile (context));
    g_autofree char *trip_updates = g_key_file_get_string (keyfile, "Feed ter", "Url.trip-updates", NULL);
    g_autoptr(VigieConnectionWatch) watch = NULL;
    const VigieConnectionPlace *place;

    g_assert_nonnull (ter);
    g_assert_cmpint (vigie_feed_get_kind (ter), ==, VIGIE_FEED_KIND_TRAINS);
    g_assert_cmpstr (vigie_feed_get_format_id (ter), ==, "gtfs");
    g_assert_cmpstr (vigie_feed_get_url (ter), ==, "https://eu.ftp.opendatasoft.com/sncf/gtfs/export-ter-gtfs-last.zip");
    g_assert_cmpstr (trip_updates, ==, "https://proxy.transport.data.gouv.fr/resource/sncf-ter-gtfs-rt-trip-updates");
    g_assert_cmpstr (vigie_feed_get_option (ter, "route-types"), ==, "2");
    g_assert_nonnull (trams);
    g_assert_cmpint (vigie_feed_get_kind (trams), ==, VIGIE_FEED_KIND_TRAMS);
    g_assert_true (g_str_has_suffix (vigie_feed_get_url (trams), "/SOLEA.GTFS_current.zip"));

    watch = vigie_connection_watch_new_for_profile (manager, vigie_context_get_profile (context), NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (watch);
    place = vigie_connection_watch_get_place (watch);
    g_assert_cmpstr (place->train_feed_id, ==, "ter");
    g_assert_cmpstr (place->station_id, ==, "StopArea:OCE87182063");
    g_assert_cmpstr (place->tram_feed_id, ==, "trams");
    g_assert_cmpstr (place->interchange_id, ==, "place_GAR");
    g_assert_cmpstr (place->other_ids[0], ==, "place_REP");
    g_assert_cmpstr (place->other_ids[1], ==, "place_PJN");
    g_assert_null (place->other_ids[2]);
  }

  /* Unknown or unsafe names fail and leave the feeds as they were. */
  g_assert_false (vigie_context_load_profile (context, "atlantis", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (vigie_context_load_profile (context, "../etc/passwd", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 4);

  /* An operator's copy wins over the shipped one; bad sections are skipped. */
  path = vigie_test_write_profile ("mulhouse", "%s", user_profile);

  g_assert_true (vigie_context_load_profile (context, "mulhouse", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 1);
  g_assert_cmpuint (g_strv_length ((GStrv) vigie_profile_get_warnings (vigie_context_get_profile (context))), ==, 2);
  g_assert_cmpuint (vigie_feed_get_poll_interval (vigie_feed_manager_lookup (manager, "wifi")), ==, 45);
  g_assert_cmpstr (vigie_feed_get_option (vigie_feed_manager_lookup (manager, "wifi"), "site"), ==, "centre");

  /* "" means no feeds at all. */
  g_assert_true (vigie_context_load_profile (context, "", &error));
  g_assert_null (vigie_context_get_profile (context));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 0);

  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  /* Operators' profiles live in the user config dir: use a fresh one. */
  vigie_test_use_fresh_folder ("XDG_CONFIG_HOME");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/context/defaults", test_context_defaults);
  g_test_add_func ("/context/given-settings", test_context_given_settings);
  g_test_add_func ("/context/shutdown-stops-feeds", test_context_shutdown_stops_feeds);
  g_test_add_func ("/context/profiles", test_context_profiles);

  return g_test_run ();
}
