/* test-history-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <math.h>

#include "vigie-clock.h"
#include "vigie-feed-manager.h"
#include "vigie-history.h"
#include "vigie-test-history.h"
#include "vigie-test-support.h"

/* The history fed by a real feed: a Wi-Fi GeoJSON document served by a
 * SoupServer on 127.0.0.1, polled by the feed engine, parsed in its
 * worker, where the history's tap works out what changed and hands it to
 * the writer thread. The test reads the SQLite file back. */

typedef struct
{
  gint64   clients_a;
  gint64   clients_b;
  guint    version;
  gboolean fail;
} Document;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Document *document = user_data;
  g_autofree char *etag = g_strdup_printf ("\"%u\"", document->version);
  g_autofree char *body = NULL;
  const char *if_none_match;

  if (document->fail)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      return;
    }

  if_none_match = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-None-Match");
  if (g_strcmp0 (if_none_match, etag) == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  body = g_strdup_printf ("{ \"type\": \"FeatureCollection\", \"features\": ["
                          "{ \"type\": \"Feature\", \"geometry\": { \"type\": \"Point\", \"coordinates\": [7.3386, 47.7467] },"
                          "  \"properties\": { \"id\": \"a\", \"name\": \"A\", \"clients\": %" G_GINT64_FORMAT ", \"capacity\": 100 } },"
                          "{ \"type\": \"Feature\", \"geometry\": { \"type\": \"Point\", \"coordinates\": [7.3349, 47.7418] },"
                          "  \"properties\": { \"id\": \"b\", \"name\": \"B\", \"clients\": %" G_GINT64_FORMAT ", \"capacity\": 100 } }"
                          "] }", document->clients_a, document->clients_b);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/geo+json", SOUP_MEMORY_COPY, body, strlen (body));
}

static GArray *
read_runs (const char *path,
           const char *entity)
{
  g_autoptr(GError) error = NULL;
  VigieHistoryDb *db = vigie_history_db_open (path, TRUE, &error);
  GArray *runs;

  g_assert_no_error (error);
  runs = vigie_history_db_read_runs (db, "wifi", entity, "clients", 0, G_MAXINT64, &error);
  g_assert_no_error (error);
  vigie_history_db_close (db);

  return runs;
}

/* A minute between updates, by the app's clock: runs are by the second. */
static void
update (VigieFeed *feed,
        Document  *document)
{
  vigie_clock_set_time (vigie_clock_now () + 60);
  document->version++;
  vigie_feed_refresh (feed);
  vigie_test_wait_polls (feed, 1);
}

static void
test_history_feed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *folder = vigie_test_history_folder_new ("vigie-history-feed-XXXXXX", &path);
  Document document = { .clients_a = 10, .clients_b = 5, .version = 1 };
  SoupServer *server = vigie_test_server_new ("/wifi.json", handler, &document);
  g_autofree char *base = vigie_test_server_get_base_url (server);
  g_autofree char *url = g_strconcat (base, "/wifi.json", NULL);
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeedManager) manager = vigie_feed_manager_new (client);
  g_autoptr(VigieHistory) history = vigie_history_new (path);
  g_autoptr(VigieFeed) feed = vigie_feed_new ("wifi", "Wi-Fi", VIGIE_FEED_KIND_WIFI, "wifi-geojson", url);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) runs = NULL;
  VigieHistoryDb *db;

  g_assert_no_error (error);
  vigie_history_bind (history, NULL, manager);
  vigie_feed_manager_add (manager, feed);
  vigie_feed_start (feed, client);
  vigie_test_wait_polls (feed, 1);

  /* Hotspot a changes twice, b never; a 304 and an unchanged document
   * in between write nothing. */
  document.clients_a = 12;
  update (feed, &document);
  vigie_feed_refresh (feed);
  vigie_test_wait_polls (feed, 1);
  update (feed, &document);
  document.clients_a = 3;
  update (feed, &document);

  vigie_history_sync (history);
  runs = read_runs (path, "hotspot/a");
  g_assert_cmpuint (runs->len, ==, 3);
  g_assert_cmpfloat (g_array_index (runs, VigieHistoryRun, 0).value, ==, 10);
  g_assert_cmpfloat (g_array_index (runs, VigieHistoryRun, 1).value, ==, 12);
  g_assert_cmpfloat (g_array_index (runs, VigieHistoryRun, 2).value, ==, 3);
  g_assert_cmpint (g_array_index (runs, VigieHistoryRun, 2).until, ==, 0);
  g_clear_pointer (&runs, g_array_unref);

  runs = read_runs (path, "hotspot/b");
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpfloat (g_array_index (runs, VigieHistoryRun, 0).value, ==, 5);
  g_clear_pointer (&runs, g_array_unref);

  /* The feed fails: its state change is recorded with the error. */
  document.fail = TRUE;
  update (feed, &document);
  g_assert_cmpint (vigie_feed_get_state (feed), ==, VIGIE_FEED_STATE_ERROR);
  vigie_history_sync (history);

  db = vigie_history_db_open (path, TRUE, &error);
  g_assert_no_error (error);
  events = vigie_history_db_read_events (db, "wifi", 0, G_MAXINT64, &error);
  g_assert_no_error (error);
  vigie_history_db_close (db);
  g_assert_cmpuint (events->len, >=, 2);
  for (guint i = 0; i < events->len; i++)
    {
      VigieHistoryFeedEvent *event = g_ptr_array_index (events, i);

      g_test_message ("%" G_GINT64_FORMAT " %s %u ms %s", event->time, event->state,
                      event->latency_ms, event->error ? event->error : "");
      g_assert_cmpstr (event->state, !=, "fetching");
      if (i > 0)
        g_assert_cmpstr (event->state, !=, ((VigieHistoryFeedEvent *) g_ptr_array_index (events, i - 1))->state);
    }
  g_assert_cmpstr (((VigieHistoryFeedEvent *) g_ptr_array_index (events, events->len - 1))->state, ==, "error");
  g_assert_nonnull (((VigieHistoryFeedEvent *) g_ptr_array_index (events, events->len - 1))->error);

  vigie_feed_stop (feed);
  vigie_clock_set_time (0);
  g_clear_object (&history);
  vigie_test_server_stop (server);
  vigie_test_history_remove (folder, path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/feed", test_history_feed);

  return g_test_run ();
}
