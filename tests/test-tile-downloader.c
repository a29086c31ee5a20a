/* test-tile-downloader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "vigie-http-client.h"
#include "vigie-tile-downloader.h"
#include "vigie-test-http.h"
#include "vigie-test-ui.h"

#define USER_AGENT "Vigie/" PACKAGE_VERSION " (+" PACKAGE_URL ")"
#define ETAG       "\"tile-v1\""

static guint n_templates;

/* The tile server of tests/support, on loopback inside this process, with
 * an ETag to revalidate tiles against. */
static void
tile_server_start (VigieTestTileServer *tiles)
{
  vigie_test_tile_server_start (tiles, SOUP_STATUS_OK);
  tiles->etag = ETAG;
}

/* A template no other test used: its file cache starts empty. */
static VigieTileDownloader *
new_downloader (VigieTestTileServer *tiles)
{
  g_autofree char *url = g_strdup_printf ("%s/tiles/t%u/{z}/{x}/{y}.png", tiles->base_url, ++n_templates);

  return vigie_tile_downloader_new (url, USER_AGENT);
}

/* A tile server and a downloader of its tiles, with a template of its
 * own (and so a cache of its own). */
typedef struct
{
  VigieTestTileServer  tiles;
  VigieTileDownloader *downloader;
  VigieTestTileFetch   fetch;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  tile_server_start (&fixture->tiles);
  fixture->downloader = new_downloader (&fixture->tiles);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  vigie_test_tile_fetch_clear (&fixture->fetch);
  vigie_test_tile_server_stop (&fixture->tiles);
  g_clear_object (&fixture->downloader);
}

static char *
cached_tile_path (VigieTileDownloader *downloader,
                  int                  x,
                  int                  y,
                  int                  zoom)
{
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA1,
                                                             vigie_tile_downloader_get_url_template (downloader),
                                                             -1);
  g_autofree char *key = g_strdup_printf ("vigie-online-%.12s", checksum);
  g_autofree char *zs = g_strdup_printf ("%d", zoom);
  g_autofree char *xs = g_strdup_printf ("%d", x);
  g_autofree char *ys = g_strdup_printf ("%d.png", y);

  return g_build_filename (g_get_user_cache_dir (), "vigie", "tiles", key, zs, xs, ys, NULL);
}

static void
test_downloader_user_agent_and_etag (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autofree char *cached = NULL;

  g_assert_cmpstr (vigie_tile_downloader_get_user_agent (fixture->downloader), ==, USER_AGENT);

  /* Revalidate every time, to see the ETag at work. */
  vigie_tile_downloader_set_max_age (fixture->downloader, 0);

  vigie_test_fetch_tile (SHUMATE_DATA_SOURCE (fixture->downloader), 8, 5, 4, &fixture->fetch);
  g_assert_no_error (fixture->fetch.error);
  g_assert_true (g_bytes_equal (fixture->fetch.bytes, fixture->tiles.png));
  /* libshumate 1.0 paints only what comes through received-data. */
  g_assert_cmpuint (fixture->fetch.n_received, ==, 1);
  g_assert_true (g_bytes_equal (fixture->fetch.received, fixture->tiles.png));
  g_assert_cmpuint (fixture->tiles.n_ok, ==, 1);
  g_assert_cmpuint (fixture->tiles.n_with_user_agent, ==, fixture->tiles.n_requests);

  /* The fetch ends once the cache holds the tile. */
  cached = cached_tile_path (fixture->downloader, 8, 5, 4);
  g_assert_true (g_file_test (cached, G_FILE_TEST_EXISTS));

  /* The second time, the server only says the tile did not change. */
  vigie_test_fetch_tile (SHUMATE_DATA_SOURCE (fixture->downloader), 8, 5, 4, &fixture->fetch);
  g_assert_no_error (fixture->fetch.error);
  g_assert_true (g_bytes_equal (fixture->fetch.bytes, fixture->tiles.png));
  g_assert_cmpuint (fixture->tiles.n_ok, ==, 1);
  g_assert_cmpuint (fixture->tiles.n_not_modified, ==, 1);
  g_assert_cmpuint (fixture->tiles.n_requests, ==, 2);
  g_assert_cmpuint (fixture->tiles.n_with_user_agent, ==, 2);
  g_assert_true (vigie_tile_downloader_get_healthy (fixture->downloader));
}

static void
test_downloader_fresh_cache (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *cached = NULL;

  vigie_test_fetch_tile (SHUMATE_DATA_SOURCE (fixture->downloader), 1, 2, 3, &fixture->fetch);
  g_assert_no_error (fixture->fetch.error);
  cached = cached_tile_path (fixture->downloader, 1, 2, 3);
  g_assert_true (g_file_test (cached, G_FILE_TEST_EXISTS));

  /* A tile younger than max-age is shown without asking the server. */
  vigie_test_fetch_tile (SHUMATE_DATA_SOURCE (fixture->downloader), 1, 2, 3, &fixture->fetch);
  g_assert_no_error (fixture->fetch.error);
  g_assert_true (g_bytes_equal (fixture->fetch.bytes, fixture->tiles.png));
  g_assert_cmpuint (fixture->fetch.n_received, ==, 1);
  g_assert_cmpuint (fixture->tiles.n_requests, ==, 1);
}

static void
on_healthy_cb (GObject    *object,
               GParamSpec *pspec,
               guint      *n_notifies)
{
  (*n_notifies)++;
}

static void
test_downloader_failures (Fixture       *fixture,
                          gconstpointer  data)
{
  guint n_notifies = 0;

  g_signal_connect (fixture->downloader, "notify::healthy", G_CALLBACK (on_healthy_cb), &n_notifies);
  g_assert_cmpuint (vigie_tile_downloader_get_failure_threshold (fixture->downloader), ==, 4);

  /* A missing tile says nothing about the server's health. */
  fixture->tiles.status = SOUP_STATUS_NOT_FOUND;
  vigie_test_fetch_tile (SHUMATE_DATA_SOURCE (fixture->downloader), 0, 0, 1, &fixture->fetch);
  g_assert_nonnull (fixture->fetch.error);
  g_assert_cmpuint (vigie_tile_downloader_get_n_failures (fixture->downloader), ==, 0);

  /* Server errors do, and after four in a row the server is unhealthy. */
  fixture->tiles.status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  for (int i = 0; i < 4; i++)
    {
      g_assert_true (vigie_tile_downloader_get_healthy (fixture->downloader));
      vigie_test_fetch_tile (SHUMATE_DATA_SOURCE (fixture->downloader), i, 0, 2, &fixture->fetch);
      g_assert_error (fixture->fetch.error, SHUMATE_TILE_DOWNLOADER_ERROR, SHUMATE_TILE_DOWNLOADER_ERROR_BAD_RESPONSE);
      g_assert_null (fixture->fetch.bytes);
      g_assert_cmpuint (fixture->fetch.n_received, ==, 0);
      g_assert_cmpuint (vigie_tile_downloader_get_n_failures (fixture->downloader), ==, i + 1);
    }
  g_assert_false (vigie_tile_downloader_get_healthy (fixture->downloader));
  g_assert_cmpuint (n_notifies, ==, 1);
  g_assert_nonnull (strstr (vigie_tile_downloader_get_last_error (fixture->downloader), "500"));

  /* A tile past the size cap is refused while it streams in. */
  {
    g_autoptr(GBytes) png = g_steal_pointer (&fixture->tiles.png);
    g_autofree char *huge = g_malloc0 (5 * 1024 * 1024);

    fixture->tiles.status = SOUP_STATUS_OK;
    fixture->tiles.png = g_bytes_new (huge, 5 * 1024 * 1024);
    vigie_test_fetch_tile (SHUMATE_DATA_SOURCE (fixture->downloader), 2, 2, 3, &fixture->fetch);
    g_assert_error (fixture->fetch.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TOO_LARGE);
    g_assert_cmpuint (fixture->fetch.n_received, ==, 0);
    g_clear_pointer (&fixture->tiles.png, g_bytes_unref);
    fixture->tiles.png = g_steal_pointer (&png);
  }

  /* One success and it is healthy again. */
  fixture->tiles.status = SOUP_STATUS_OK;
  vigie_test_fetch_tile (SHUMATE_DATA_SOURCE (fixture->downloader), 3, 3, 2, &fixture->fetch);
  g_assert_no_error (fixture->fetch.error);
  g_assert_true (vigie_tile_downloader_get_healthy (fixture->downloader));
  g_assert_cmpuint (vigie_tile_downloader_get_n_failures (fixture->downloader), ==, 0);
  g_assert_cmpuint (n_notifies, ==, 2);
  g_signal_handlers_disconnect_by_data (fixture->downloader, &n_notifies);
}

static void
test_downloader_unreachable (void)
{
  g_autoptr(VigieTileDownloader) downloader = NULL;
  g_autofree char *url = NULL;
  VigieTestTileFetch fetch = { 0 };

  url = g_strdup_printf ("http://127.0.0.1:%u/{z}/{x}/{y}.png", vigie_test_find_closed_port ());
  downloader = vigie_tile_downloader_new (url, USER_AGENT);
  vigie_tile_downloader_set_failure_threshold (downloader, 2);

  vigie_test_fetch_tile (SHUMATE_DATA_SOURCE (downloader), 0, 0, 0, &fetch);
  g_assert_nonnull (fetch.error);
  g_assert_true (vigie_tile_downloader_get_healthy (downloader));
  vigie_test_fetch_tile (SHUMATE_DATA_SOURCE (downloader), 0, 0, 1, &fetch);
  g_assert_false (vigie_tile_downloader_get_healthy (downloader));

  vigie_test_tile_fetch_clear (&fetch);
}

static void
on_any_tile_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  guint *n_done = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result, &error);
  g_assert_no_error (error);
  (*n_done)++;
}

static void
test_downloader_two_connections (Fixture       *fixture,
                                 gconstpointer  data)
{
  guint n_done = 0;

  fixture->tiles.delay_ms = 100;

  /* The tile usage policy: at most two connections to a server. */
  for (int i = 0; i < 6; i++)
    shumate_data_source_get_tile_data_async (SHUMATE_DATA_SOURCE (fixture->downloader), i, 1, 3,
                                             NULL, on_any_tile_cb, &n_done);
  VIGIE_TEST_WAIT_UNTIL (n_done == 6);

  g_assert_cmpuint (fixture->tiles.n_requests, ==, 6);
  g_assert_cmpuint (fixture->tiles.max_in_flight, <=, 2);
  g_assert_cmpuint (fixture->tiles.max_in_flight, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  /* libshumate's file cache lives in the user cache: keep this run's apart. */
  vigie_test_use_fresh_folder ("XDG_CACHE_HOME");

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/tile-downloader/user-agent-and-etag", Fixture, NULL, fixture_set_up, test_downloader_user_agent_and_etag, fixture_tear_down);
  g_test_add ("/tile-downloader/fresh-cache", Fixture, NULL, fixture_set_up, test_downloader_fresh_cache, fixture_tear_down);
  g_test_add ("/tile-downloader/failures", Fixture, NULL, fixture_set_up, test_downloader_failures, fixture_tear_down);
  g_test_add_func ("/tile-downloader/unreachable", test_downloader_unreachable);
  g_test_add ("/tile-downloader/two-connections", Fixture, NULL, fixture_set_up, test_downloader_two_connections, fixture_tear_down);

  return g_test_run ();
}
