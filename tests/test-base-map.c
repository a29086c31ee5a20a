/* test-base-map.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "vigie-base-map.h"
#include "vigie-offline-source.h"
#include "vigie-tile-paintable.h"
#include "vigie-tile-downloader.h"
#include "vigie-test-ui.h"

#define FALLBACK_REASON "Online map unavailable: showing the built-in offline map"

/* The tiles come from a VigieTestTileServer on loopback inside this
 * process; each server has an address, so a file cache, of its own. */

static void
assert_setting (GSettings  *settings,
                const char *key,
                const char *expected)
{
  g_autofree char *value = g_settings_get_string (settings, key);

  g_assert_cmpstr (value, ==, expected);
}

static void
on_filled_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, NULL);
  *done = TRUE;
}

/* Asks @source for a tile as the map would; returns whether it was drawn. */
static gboolean
fill_tile (ShumateMapSource *source,
           int               x,
           int               y,
           int               zoom)
{
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (x, y, 256, zoom);
  gboolean done = FALSE;

  shumate_map_source_fill_tile_async (source, tile, NULL, on_filled_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  return shumate_tile_get_state (tile) == SHUMATE_STATE_DONE &&
         shumate_tile_get_paintable (tile) != NULL;
}

static VigieTileDownloader *
get_downloader (ShumateMapSource *source)
{
  g_autoptr(ShumateDataSource) data_source = NULL;

  g_assert_true (SHUMATE_IS_RASTER_RENDERER (source));
  g_object_get (source, "data-source", &data_source, NULL);
  g_assert_true (VIGIE_IS_TILE_DOWNLOADER (data_source));

  /* The renderer keeps it alive. */
  return VIGIE_TILE_DOWNLOADER (data_source);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *n_notifies)
{
  (*n_notifies)++;
}

static void
test_base_map_online (void)
{
  VigieTestTileServer tiles = { 0 };
  g_autoptr(GSettings) settings = vigie_test_reset_settings (NULL);
  g_autoptr(VigieBaseMap) base_map = NULL;
  ShumateMapSource *source;

  vigie_test_tile_server_start (&tiles, SOUP_STATUS_OK);
  g_settings_set_string (settings, "tile-url", tiles.tile_url);
  g_settings_set_string (settings, "tile-attribution", "© Essai");

  base_map = vigie_base_map_new (settings);
  g_assert_true (vigie_base_map_get_settings (base_map) == settings);
  source = vigie_base_map_get_map_source (base_map);
  g_assert_nonnull (source);
  g_assert_null (vigie_base_map_get_fallback_reason (base_map));
  g_assert_cmpstr (shumate_map_source_get_license (source), ==, "© Essai");
  g_assert_cmpstr (vigie_tile_downloader_get_url_template (get_downloader (source)), ==, tiles.tile_url);

  /* Tiles come from the server, with Vigie's User-Agent. */
  g_assert_true (fill_tile (source, 533, 362, 10));
  g_assert_cmpuint (tiles.n_requests, ==, 1);
  g_assert_cmpuint (tiles.n_with_user_agent, ==, 1);

  /* A new attribution makes a new source. */
  g_settings_set_string (settings, "tile-attribution", "© Essai 2");
  g_assert_false (vigie_base_map_get_map_source (base_map) == source);
  g_assert_cmpstr (shumate_map_source_get_license (vigie_base_map_get_map_source (base_map)), ==, "© Essai 2");

  vigie_test_tile_server_stop (&tiles);
}

static void
test_base_map_fallback (void)
{
  VigieTestTileServer tiles = { 0 };
  g_autoptr(GSettings) settings = vigie_test_reset_settings (NULL);
  g_autoptr(VigieBaseMap) base_map = NULL;
  g_autoptr(ShumateMapSource) online = NULL;
  guint n_source_notifies = 0;
  guint n_reason_notifies = 0;

  vigie_test_tile_server_start (&tiles, SOUP_STATUS_OK);
  tiles.status = SOUP_STATUS_SERVICE_UNAVAILABLE;
  g_settings_set_string (settings, "tile-url", tiles.tile_url);

  base_map = vigie_base_map_new (settings);
  g_signal_connect (base_map, "notify::map-source", G_CALLBACK (on_notify_cb), &n_source_notifies);
  g_signal_connect (base_map, "notify::fallback-reason", G_CALLBACK (on_notify_cb), &n_reason_notifies);
  online = g_object_ref (vigie_base_map_get_map_source (base_map));

  /* The server fails again and again: after four failures in a row, the
   * map shows the built-in street map and says why. */
  for (int i = 0; i < 3; i++)
    {
      g_assert_false (fill_tile (online, 533 + i, 362, 10));
      g_assert_true (vigie_base_map_get_map_source (base_map) == online);
    }
  g_assert_false (fill_tile (online, 540, 362, 10));

  g_assert_true (VIGIE_IS_OFFLINE_SOURCE (vigie_base_map_get_map_source (base_map)));
  g_assert_cmpstr (vigie_base_map_get_fallback_reason (base_map), ==, FALLBACK_REASON);
  g_assert_cmpuint (n_source_notifies, ==, 1);
  g_assert_cmpuint (n_reason_notifies, ==, 1);

  /* The setting is left alone: the operator's choice stands. */
  assert_setting (settings, "base-map", "online");

  /* Once the server is back, a retry shows it again. */
  tiles.status = SOUP_STATUS_OK;
  vigie_base_map_retry (base_map);
  g_assert_true (SHUMATE_IS_RASTER_RENDERER (vigie_base_map_get_map_source (base_map)));
  g_assert_null (vigie_base_map_get_fallback_reason (base_map));
  g_assert_true (fill_tile (vigie_base_map_get_map_source (base_map), 533, 362, 10));
  g_assert_cmpuint (n_reason_notifies, ==, 2);

  vigie_test_tile_server_stop (&tiles);
}

static void
make_mbtiles (const char *path)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE metadata (name TEXT, value TEXT);"
                                 "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                                 "                    tile_row INTEGER, tile_data BLOB);"
                                 "INSERT INTO metadata VALUES ('name', 'Plan local'),"
                                 "  ('attribution', 'Ville de Mulhouse'), ('minzoom', '11'), ('maxzoom', '16');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_base_map_settings (void)
{
  g_autoptr(GSettings) settings = vigie_test_reset_settings (NULL);
  g_autoptr(VigieBaseMap) base_map = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vigie-test-base-map-XXXXXX", NULL);
  g_autofree char *text_path = g_build_filename (dir, "notes.mbtiles", NULL);
  g_autofree char *mbtiles_path = g_build_filename (dir, "plan.mbtiles", NULL);
  ShumateMapSource *source;

  assert_setting (settings, "base-map", "online");
  assert_setting (settings, "mbtiles-path", "");

  g_settings_set_string (settings, "base-map", "offline");
  base_map = vigie_base_map_new (settings);
  g_assert_true (VIGIE_IS_OFFLINE_SOURCE (vigie_base_map_get_map_source (base_map)));
  g_assert_null (vigie_base_map_get_fallback_reason (base_map));

  /* MBTiles without a file, then with a file that is not one. */
  g_settings_set_string (settings, "base-map", "mbtiles");
  g_assert_true (VIGIE_IS_OFFLINE_SOURCE (vigie_base_map_get_map_source (base_map)));
  g_assert_cmpstr (vigie_base_map_get_fallback_reason (base_map), ==,
                   "No map file is chosen: showing the built-in offline map");

  g_assert_true (g_file_set_contents (text_path, "not a map\n", -1, NULL));
  g_settings_set_string (settings, "mbtiles-path", text_path);
  g_assert_true (VIGIE_IS_OFFLINE_SOURCE (vigie_base_map_get_map_source (base_map)));
  g_assert_cmpstr (vigie_base_map_get_fallback_reason (base_map), ==,
                   "“notes.mbtiles” is not an MBTiles map file: showing the built-in offline map");

  make_mbtiles (mbtiles_path);
  g_settings_set_string (settings, "mbtiles-path", mbtiles_path);
  source = vigie_base_map_get_map_source (base_map);
  g_assert_true (SHUMATE_IS_RASTER_RENDERER (source));
  g_assert_cmpstr (shumate_map_source_get_name (source), ==, "Plan local");
  g_assert_cmpstr (shumate_map_source_get_license (source), ==, "Ville de Mulhouse");
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (source), ==, 11);
  g_assert_null (vigie_base_map_get_fallback_reason (base_map));

  /* An address that is not a tile template. */
  g_settings_set_string (settings, "tile-url", "file:///tmp/{z}/{x}/{y}.png");
  g_settings_set_string (settings, "base-map", "online");
  g_assert_true (VIGIE_IS_OFFLINE_SOURCE (vigie_base_map_get_map_source (base_map)));
  g_assert_nonnull (vigie_base_map_get_fallback_reason (base_map));

  g_settings_reset (settings, "tile-url");
  g_assert_true (SHUMATE_IS_RASTER_RENDERER (vigie_base_map_get_map_source (base_map)));
  g_assert_null (vigie_base_map_get_fallback_reason (base_map));

  g_remove (text_path);
  g_remove (mbtiles_path);
  g_rmdir (dir);
}

static void
on_style_tile_filled_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, NULL));
  *done = TRUE;
}

static double
mean_luminance (GdkTexture *texture)
{
  g_autofree guint8 *pixels = g_malloc (256 * 256 * 4);
  double sum = 0;

  gdk_texture_download (texture, pixels, 256 * 4);
  for (guint i = 0; i < 256 * 256; i++)
    sum += (0.0722 * pixels[4 * i] + 0.7152 * pixels[4 * i + 1] + 0.2126 * pixels[4 * i + 2]) / 255.0;

  return sum / (256 * 256);
}

/* base-map-style chooses the built-in map's style; changing it redraws
 * the tiles already on the map, in place. */
static void
test_base_map_style (void)
{
  g_autoptr(GSettings) settings = vigie_test_reset_settings (NULL);
  g_autoptr(VigieBaseMap) base_map = NULL;
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (17005, 11420, 256, 15);   /* Mulhouse */
  VigieOfflineSource *offline;
  GdkPaintable *before;
  gboolean done = FALSE;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  assert_setting (settings, "base-map-style", "auto");
  g_settings_set_string (settings, "base-map", "offline");
  g_settings_set_string (settings, "base-map-style", "dark");
  base_map = vigie_base_map_new (settings);
  offline = VIGIE_OFFLINE_SOURCE (vigie_base_map_get_map_source (base_map));
  g_assert_true (vigie_offline_source_get_dark (offline));

  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (offline), tile, NULL, on_style_tile_filled_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (mean_luminance (vigie_tile_paintable_get_texture (VIGIE_TILE_PAINTABLE (shumate_tile_get_paintable (tile)))), <, 0.2);

  before = shumate_tile_get_paintable (tile);
  g_settings_set_string (settings, "base-map-style", "light");
  g_assert_false (vigie_offline_source_get_dark (offline));
  g_assert_true (vigie_base_map_get_map_source (base_map) == SHUMATE_MAP_SOURCE (offline));
  while (shumate_tile_get_paintable (tile) == before)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpfloat (mean_luminance (vigie_tile_paintable_get_texture (VIGIE_TILE_PAINTABLE (shumate_tile_get_paintable (tile)))), >, 0.85);

  /* "auto" follows the system again. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_false (vigie_offline_source_get_dark (offline));
  g_settings_set_string (settings, "base-map-style", "auto");
  g_assert_true (vigie_offline_source_get_dark (offline));

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  /* libshumate's file cache lives in the user cache: keep this run's apart. */
  vigie_test_use_fresh_folder ("XDG_CACHE_HOME");

  if (!vigie_test_init_gtk (&argc, &argv, "base map"))
    return 77;
  adw_init ();

  g_test_add_func ("/base-map/online", test_base_map_online);
  g_test_add_func ("/base-map/fallback", test_base_map_fallback);
  g_test_add_func ("/base-map/settings", test_base_map_settings);
  g_test_add_func ("/base-map/style", test_base_map_style);

  return g_test_run ();
}
