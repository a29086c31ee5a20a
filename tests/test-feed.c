/* test-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "vigie-feed.h"
#include "vigie-format.h"
#include "vigie-http-client.h"
#include "vigie-schedule.h"
#include "vigie-tap.h"
#include "vigie-test-http.h"
#include "vigie-test-support.h"
#include "vigie-thread.h"
#include "vigie-work-gate.h"

/* The feed engine against a SoupServer on 127.0.0.1 inside this process,
 * which serves a fixture and injects one fault at a time. For each fault:
 * the state and reason shown, the last good data kept, the back-off
 * applied, and recovery once the server is well again. */

typedef enum
{
  MODE_OK,
  MODE_NOT_FOUND,
  MODE_SERVER_ERROR,
  MODE_UNAVAILABLE,
  MODE_MALFORMED,
  MODE_HTML,
  MODE_TRUNCATED,
  MODE_TOO_LARGE,
  MODE_STALL,
  MODE_REDIRECT_LOOP,
  MODE_EMPTY,
  MODE_FUTURE,
} Mode;

typedef struct
{
  SoupServer *server;
  char       *base;
  Mode        mode;
  GBytes     *fixture;
  char       *etag;
  guint       n_requests;
  guint       n_conditional;
  GPtrArray  *stalled;
} Server;

static Server server;

static void
handler (SoupServer        *soup_server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *if_none_match = soup_message_headers_get_one (request, "If-None-Match");
  gsize size;
  const char *data = g_bytes_get_data (server.fixture, &size);

  server.n_requests++;
  if (g_str_equal (path, "/missing.json"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  if (if_none_match != NULL)
    server.n_conditional++;

  switch (server.mode)
    {
    case MODE_OK:
      if (if_none_match != NULL && g_strcmp0 (if_none_match, server.etag) == 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
      soup_message_headers_replace (response, "ETag", server.etag);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/geo+json", SOUP_MEMORY_COPY, data, size);
      return;

    case MODE_NOT_FOUND:
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;

    case MODE_FUTURE:
      {
        g_autofree char *text = g_strndup (data, size);
        g_autoptr(GString) future = g_string_new (text);

        g_string_replace (future, "2026-11-25T08:00:00+01:00", "2080-06-15T12:00:00+01:00", 1);
        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, "application/geo+json", SOUP_MEMORY_COPY, future->str, future->len);
      }
      return;

    case MODE_SERVER_ERROR:
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      return;

    case MODE_UNAVAILABLE:
      soup_message_headers_replace (response, "Retry-After", "120");
      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      return;

    case MODE_MALFORMED:
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{\"type\": \"Feature", 17);
      return;

    case MODE_HTML:
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                        "<html><body>Portail captif</body></html>", 40);
      return;

    case MODE_TRUNCATED:
      {
        g_autoptr(GIOStream) stream = NULL;
        g_autofree char *reply = NULL;

        /* Promise the whole fixture, send half of it, hang up. */
        stream = soup_server_message_steal_connection (msg);
        reply = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                 "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", size);
        g_output_stream_write_all (g_io_stream_get_output_stream (stream), reply, strlen (reply),
                                   NULL, NULL, NULL);
        g_output_stream_write_all (g_io_stream_get_output_stream (stream), data, size / 2,
                                   NULL, NULL, NULL);
        g_io_stream_close (stream, NULL, NULL);
      }
      return;

    case MODE_TOO_LARGE:
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, data, size);
      return;

    case MODE_STALL:
      soup_server_message_pause (msg);
      g_ptr_array_add (server.stalled, g_object_ref (msg));
      return;

    case MODE_REDIRECT_LOOP:
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/wifi.json");
      return;

    case MODE_EMPTY:
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "", 0);
      return;

    default:
      g_assert_not_reached ();
    }
}

static void
server_start (void)
{
  server.fixture = vigie_test_load_fixture ("wifi", "hotspots.geojson");
  server.etag = g_strdup ("\"v1\"");
  server.stalled = g_ptr_array_new_with_free_func (g_object_unref);

  server.server = vigie_test_server_new (NULL, handler, NULL);
  server.base = vigie_test_server_get_base_url (server.server);
}

static VigieFeed *
new_feed (VigieHttpClient *client,
          const char      *path)
{
  g_autofree char *url = g_strconcat (server.base, path, NULL);
  VigieFeed *feed = vigie_feed_new ("wifi", "Wi-Fi", VIGIE_FEED_KIND_WIFI, "wifi-geojson", url);

  server.mode = MODE_OK;
  vigie_feed_start (feed, client);
  vigie_test_wait_polls (feed, 1);

  return feed;
}

static void
assert_last_good_data_kept (VigieFeed *feed)
{
  VigieStore *store = vigie_feed_get_store (feed);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_nonnull (vigie_store_lookup (store, VIGIE_ENTITY_HOTSPOT, "place-reunion"));
}

static void
test_feed_ok (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = new_feed (client, "/wifi.json");
  VigieStore *store = vigie_feed_get_store (feed);
  VigieEntity *gare;
  gint64 clients;

  g_assert_cmpint (vigie_feed_get_state (feed), ==, VIGIE_FEED_STATE_STALE);
  g_assert_cmpuint (vigie_feed_get_http_status (feed), ==, 200);
  g_assert_cmpuint (vigie_feed_get_bytes (feed), ==, g_bytes_get_size (server.fixture));
  g_assert_cmpuint (vigie_feed_get_n_records (feed), ==, 6);
  g_assert_cmpuint (vigie_feed_get_n_warnings (feed), ==, 4);
  g_assert_cmpuint (g_strv_length ((GStrv) vigie_feed_get_warnings (feed)), ==, 4);
  g_assert_cmpint (vigie_feed_get_observed_at (feed), ==, 1795590000);
  g_assert_cmpint (vigie_feed_get_last_success (feed), >, 0);
  assert_last_good_data_kept (feed);

  /* Ids given as numbers and counts given as strings are read. */
  gare = vigie_store_lookup (store, VIGIE_ENTITY_HOTSPOT, "17");
  g_assert_nonnull (gare);
  g_assert_true (vigie_entity_lookup_int (gare, "clients", &clients));
  g_assert_cmpint (clients, ==, 7);
  /* Feed text stays text: the markup is not interpreted, only kept. */
  g_assert_cmpstr (vigie_entity_get_name (gare), ==, "Gare centrale <b>(simulé)</b>");

  /* The fixture dates from 2026-11-25 08:00: old data, said so in words. */
  g_assert_nonnull (vigie_feed_get_reason (feed));

  /* The feed's ttl (60 s) beats the default poll interval (30 s). */
  g_assert_cmpint (vigie_feed_get_next_poll_ms (feed), >=, 54000);
  g_assert_cmpint (vigie_feed_get_next_poll_ms (feed), <=, 66000);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *n_signals)
{
  (*n_signals)++;
}

static void
on_applied_cb (guint *n_applied)
{
  (*n_applied)++;
}

/* Taps: work that follows every update, run in the worker with the
 * snapshot shown before and the new one; the result reaches the main
 * thread once the store shows the update, and a removed tap's never. */
typedef struct
{
  GThread *main_thread;
  guint    n_work;          /* atomic */
  gboolean work_on_main;
  guint    n_applied;
  guint    last_n_items;
  gboolean had_previous;
  char    *feed_id;
  int      work_nice;       /* the worker's priority */
} TapProbe;

static gpointer
tap_work (const VigieTapInput *input,
          gpointer             user_data)
{
  TapProbe *probe = user_data;

  g_atomic_int_inc (&probe->n_work);
  if (g_thread_self () == probe->main_thread)
    probe->work_on_main = TRUE;
  if (input->previous != NULL)
    probe->had_previous = TRUE;
  probe->work_nice = vigie_thread_get_nice ();

  return g_strdup_printf ("%s %u", input->format_id, vigie_snapshot_get_n_entities (input->current));
}

static void
tap_apply (const char *feed_id,
           gpointer    result,
           gpointer    user_data)
{
  TapProbe *probe = user_data;
  g_autofree char *text = result;

  g_assert_true (g_thread_self () == probe->main_thread);
  g_assert_cmpstr (text, ==, "wifi-geojson 3");
  g_free (probe->feed_id);
  probe->feed_id = g_strdup (feed_id);
  probe->n_applied++;
}

static void
test_feed_taps (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = NULL;
  TapProbe probe = { .main_thread = g_thread_self () };
  guint id = vigie_tap_add (tap_work, tap_apply, g_free, &probe, NULL);

  feed = new_feed (client, "/wifi.json");
  g_assert_cmpuint (probe.n_applied, ==, 1);
  g_assert_cmpuint (g_atomic_int_get (&probe.n_work), ==, 1);
  g_assert_false (probe.work_on_main);
  g_assert_cmpstr (probe.feed_id, ==, "wifi");
#if HAVE_GETTID
  /* The worker gives way to the main thread (vigie-thread.c). */
  g_assert_cmpint (probe.work_nice, ==, MIN (19, vigie_thread_get_nice () + VIGIE_THREAD_BACKGROUND_NICE));
#endif

  /* New data: the tap sees the snapshot shown before. */
  g_free (server.etag);
  server.etag = g_strdup ("\"taps\"");
  vigie_feed_refresh (feed);
  vigie_test_wait_polls (feed, 1);
  g_assert_cmpuint (probe.n_applied, ==, 2);
  g_assert_true (probe.had_previous);

  vigie_tap_remove (id);
  g_free (server.etag);
  server.etag = g_strdup ("\"taps-2\"");
  vigie_feed_refresh (feed);
  vigie_test_wait_polls (feed, 1);
  g_assert_cmpuint (probe.n_applied, ==, 2);
  g_assert_cmpuint (g_atomic_int_get (&probe.n_work), ==, 2);
  g_free (probe.feed_id);
}

static void
test_feed_conditional (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = new_feed (client, "/wifi.json");
  VigieStore *store = vigie_feed_get_store (feed);
  guint n_signals = 0;
  guint n_applied = 0;
  guint conditional_before = server.n_conditional;

  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed_cb), &n_signals);
  g_signal_connect_swapped (store, "notify::applied-at", G_CALLBACK (on_applied_cb), &n_applied);

  /* 304: nothing to parse, nothing redrawn. */
  vigie_feed_refresh (feed);
  vigie_test_wait_polls (feed, 1);
  g_assert_cmpuint (server.n_conditional, ==, conditional_before + 1);
  g_assert_cmpuint (n_signals, ==, 0);
  g_assert_cmpuint (n_applied, ==, 0);
  g_assert_cmpuint (vigie_feed_get_http_status (feed), ==, 304);
  assert_last_good_data_kept (feed);

  /* A new ETag on the same data: applied once, and as nothing changed,
   * no items-changed. */
  g_free (server.etag);
  server.etag = g_strdup ("\"v2\"");
  vigie_feed_refresh (feed);
  vigie_test_wait_polls (feed, 1);
  g_assert_cmpuint (n_applied, ==, 1);
  g_assert_cmpuint (n_signals, ==, 0);
  g_assert_cmpuint (vigie_feed_get_http_status (feed), ==, 200);

  vigie_feed_refresh (feed);
  vigie_test_wait_polls (feed, 1);
  g_assert_cmpuint (vigie_feed_get_http_status (feed), ==, 304);
  g_assert_cmpuint (n_applied, ==, 1);
  g_assert_cmpuint (n_signals, ==, 0);
}

typedef struct
{
  const char *name;
  Mode        mode;
  const char *reason_part;    /* a piece of the reason shown */
  const char *detail_part;    /* a piece of the detail kept, if not the same */
  gint64      min_delay_ms;   /* the back-off, at least */
} FaultCase;

/* A feed holding more items than its limit is refused whole, says why,
 * and keeps the last good data on screen. */
static void
test_feed_entity_limit (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = new_feed (client, "/wifi.json");

  assert_last_good_data_kept (feed);

  vigie_feed_set_option (feed, "max-entities", "2");
  g_free (server.etag);
  server.etag = g_strdup ("\"entity-limit\"");
  vigie_feed_refresh (feed);
  vigie_test_wait_polls (feed, 1);

  g_test_message ("%s", vigie_feed_get_reason (feed));
  g_assert_cmpint (vigie_feed_get_state (feed), ==, VIGIE_FEED_STATE_ERROR);
  g_assert_nonnull (strstr (vigie_feed_get_last_error (feed), "max-entities"));
  assert_last_good_data_kept (feed);

  /* The default limit is well above a city. */
  vigie_feed_set_option (feed, "max-entities", NULL);
  g_free (server.etag);
  server.etag = g_strdup ("\"entity-limit-2\"");
  vigie_feed_refresh (feed);
  vigie_test_wait_polls (feed, 1);
  g_assert_cmpint (vigie_feed_get_state (feed), !=, VIGIE_FEED_STATE_ERROR);
  assert_last_good_data_kept (feed);
}

#define N_LARGE 600

static gboolean
all_polled (gpointer data)
{
  const guint *n_polls = data;

  return n_polls[0] > 0 && n_polls[1] > 0 && n_polls[2] > 0;
}

/* Documents of a megabyte or more are parsed through the gate of large
 * documents, a few kilobytes straight away; both end in the store. */
static void
test_feed_large_documents (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(GBytes) small = g_bytes_ref (server.fixture);
  g_autoptr(GString) large = g_string_new ("{\"type\": \"FeatureCollection\", \"observed_at\": "
                                           "\"2026-11-25T08:00:00+01:00\", \"features\": [");
  VigieWorkGate *gate = vigie_work_gate_for_documents ();
  g_autofree char *note = g_strnfill (2000, 'x');
  VigieFeed *feeds[3];
  guint n_polls[3] = { 0 };
  guint before;

  /* A megabyte in few features (a long note each): a sanitized build
   * took 20 s to parse 10,000. */
  for (guint i = 0; i < N_LARGE; i++)
    g_string_append_printf (large, "%s{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", "
                            "\"coordinates\": [7.%04u, 47.%04u]}, \"properties\": {\"id\": \"hotspot-%u\", "
                            "\"name\": \"Borne %u\", \"note\": \"%s\", \"clients\": %u, \"capacity\": 100}}",
                            i == 0 ? "" : ",\n", 3000 + i % 100, 7000 + i, i, i, note, i % 100);
  g_string_append (large, "]}");
  g_assert_cmpuint (large->len, >=, 1024 * 1024);

  /* A small document does not go through the gate. */
  before = vigie_work_gate_get_n_started (gate);
  feeds[0] = new_feed (client, "/wifi.json");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (vigie_feed_get_store (feeds[0]))), ==, 3);
  g_assert_cmpuint (vigie_work_gate_get_n_started (gate), ==, before);
  g_object_unref (feeds[0]);

  /* Three large ones at once take their turns, and all arrive. */
  g_bytes_unref (server.fixture);
  server.fixture = g_bytes_new (large->str, large->len);
  for (guint i = 0; i < G_N_ELEMENTS (feeds); i++)
    {
      g_autofree char *id = g_strdup_printf ("wifi-%u", i);
      g_autofree char *url = g_strdup_printf ("%s/wifi-%u.json", server.base, i);

      feeds[i] = vigie_feed_new (id, "Wi-Fi", VIGIE_FEED_KIND_WIFI, "wifi-geojson", url);
      g_signal_connect (feeds[i], "polled", G_CALLBACK (vigie_test_on_polled_cb), &n_polls[i]);
      vigie_feed_start (feeds[i], client);
    }
  g_assert_true (vigie_test_spin_until (all_polled, n_polls, 60));
  for (guint i = 0; i < G_N_ELEMENTS (feeds); i++)
    {
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (vigie_feed_get_store (feeds[i]))), ==, N_LARGE);
      g_object_unref (feeds[i]);
    }
  g_assert_cmpuint (vigie_work_gate_get_n_started (gate), ==, before + 3);

  g_bytes_unref (server.fixture);
  server.fixture = g_steal_pointer (&small);
}

/* Data dated 2080 is flagged as the server's clock being wrong. */
static void
test_feed_future (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = new_feed (client, "/wifi.json");
  guint n_warnings = vigie_feed_get_n_warnings (feed);

  g_assert_false (vigie_test_warnings_contain (vigie_feed_get_warnings (feed), "clock"));

  server.mode = MODE_FUTURE;
  vigie_feed_refresh (feed);
  vigie_test_wait_polls (feed, 1);
  g_assert_true (vigie_test_warnings_contain (vigie_feed_get_warnings (feed), "the server’s clock is wrong"));
  for (guint i = 0; vigie_feed_get_warnings (feed)[i] != NULL; i++)
    g_test_message ("%s", vigie_feed_get_warnings (feed)[i]);
  g_assert_true (vigie_test_warnings_contain (vigie_feed_get_warnings (feed), "2080"));
  g_assert_cmpuint (vigie_feed_get_n_warnings (feed), ==, n_warnings + 1);
  assert_last_good_data_kept (feed);
}

static void
run_fault (gconstpointer data)
{
  const FaultCase *fault = data;
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = NULL;
  g_autofree char *path = g_strdup_printf ("/%s.json", fault->name);

  vigie_http_client_set_request_timeout (client, 1);
  feed = new_feed (client, path);
  if (fault->mode == MODE_TOO_LARGE)
    vigie_feed_set_max_body_size (feed, 1024);
  assert_last_good_data_kept (feed);
  g_assert_cmpuint (vigie_feed_get_n_failures (feed), ==, 0);

  server.mode = fault->mode;
  vigie_feed_refresh (feed);
  vigie_test_wait_polls (feed, 1);

  g_test_message ("%s: %s", fault->name, vigie_feed_get_reason (feed));
  g_assert_cmpint (vigie_feed_get_state (feed), ==, VIGIE_FEED_STATE_ERROR);
  g_assert_nonnull (strstr (vigie_feed_get_reason (feed), fault->reason_part));
  /* One document: the detail is the reason, or says more than it. */
  if (fault->detail_part != NULL)
    g_assert_nonnull (strstr (vigie_feed_get_last_error (feed), fault->detail_part));
  else
    g_assert_cmpstr (vigie_feed_get_last_error (feed), ==, vigie_feed_get_reason (feed));
  assert_last_good_data_kept (feed);
  g_assert_cmpuint (vigie_feed_get_n_failures (feed), ==, 1);
  g_assert_cmpint (vigie_feed_get_next_poll_ms (feed), >=, fault->min_delay_ms);

  /* A second failure backs off further, within the cap. */
  vigie_feed_refresh (feed);
  vigie_test_wait_polls (feed, 1);
  g_assert_cmpuint (vigie_feed_get_n_failures (feed), ==, 2);
  g_assert_cmpint (vigie_feed_get_next_poll_ms (feed), >=, MAX (fault->min_delay_ms, 10000));
  g_assert_cmpint (vigie_feed_get_next_poll_ms (feed), <=, 3600 * 1000);

  /* The server recovers: so does the feed, and the back-off is reset. */
  server.mode = MODE_OK;
  vigie_feed_set_max_body_size (feed, 0);
  g_free (server.etag);
  server.etag = g_strdup_printf ("\"%s\"", fault->name);
  vigie_feed_refresh (feed);
  vigie_test_wait_polls (feed, 1);
  g_assert_cmpint (vigie_feed_get_state (feed), !=, VIGIE_FEED_STATE_ERROR);
  g_assert_cmpuint (vigie_feed_get_n_failures (feed), ==, 0);
  g_assert_cmpint (vigie_feed_get_next_poll_ms (feed), >=, 54000);
  assert_last_good_data_kept (feed);

  for (guint i = 0; i < server.stalled->len; i++)
    soup_server_message_unpause (g_ptr_array_index (server.stalled, i));
  g_ptr_array_set_size (server.stalled, 0);
}

static void
test_feed_connection_refused (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = NULL;
  g_autofree char *url = NULL;

  url = g_strdup_printf ("http://127.0.0.1:%u/wifi.json", vigie_test_find_closed_port ());

  feed = vigie_feed_new ("wifi", "Wi-Fi", VIGIE_FEED_KIND_WIFI, "wifi-geojson", url);
  vigie_feed_start (feed, client);
  vigie_test_wait_polls (feed, 1);

  g_assert_cmpint (vigie_feed_get_state (feed), ==, VIGIE_FEED_STATE_ERROR);
  g_assert_nonnull (vigie_feed_get_reason (feed));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (vigie_feed_get_store (feed))), ==, 0);
  g_assert_cmpint (vigie_feed_get_freshness (feed), ==, VIGIE_FRESHNESS_NO_DATA);
}

static void
test_feed_stop_cancels (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = new_feed (client, "/stop.json");
  guint n_polls = 0;

  g_signal_connect (feed, "polled", G_CALLBACK (vigie_test_on_polled_cb), &n_polls);

  server.mode = MODE_STALL;
  vigie_feed_refresh (feed);
  /* Let the request reach the server, then stop while it hangs. */
  while (server.stalled->len == 0)
    g_main_context_iteration (NULL, TRUE);
  vigie_feed_stop (feed);
  g_assert_cmpint (vigie_feed_get_state (feed), ==, VIGIE_FEED_STATE_IDLE);

  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (n_polls, ==, 0);
  assert_last_good_data_kept (feed);

  for (guint i = 0; i < server.stalled->len; i++)
    soup_server_message_unpause (g_ptr_array_index (server.stalled, i));
  g_ptr_array_set_size (server.stalled, 0);
  server.mode = MODE_OK;
}

/* A format made of several documents, as GBFS is: the main one links to
 * the others, and combine() joins them. It also records the thread it
 * parses in. */

static GThread *parse_thread;
static const char *slow_host = "127.0.0.1";  /* where "slow" is linked */
static gboolean link_extra;                   /* link an optional document that fails */

static VigieSnapshot *
linked_parse (const char              *role,
              GBytes                  *bytes,
              const VigieParseContext *context,
              GError                 **error)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ();

  parse_thread = g_thread_self ();

  if (g_str_equal (role, VIGIE_ROLE_MAIN))
    {
      g_autofree char *url = g_strdup_printf ("%s/part.json", server.base);
      g_autofree char *slow = g_strdup_printf ("http://%s:%s/slow.json", slow_host,
                                               strrchr (server.base, ':') + 1);

      vigie_snapshot_add_link (snapshot, "part", url);
      vigie_snapshot_add_link (snapshot, "slow", slow);
      vigie_snapshot_add_link (snapshot, "ignored", url);
      if (link_extra)
        {
          g_autofree char *missing = g_strdup_printf ("%s/missing.json", server.base);

          vigie_snapshot_add_link (snapshot, "extra", missing);
        }
    }
  else
    {
      /* Still parsing when "part" is done: its combination misses it. */
      if (g_str_equal (role, "slow"))
        g_usleep (300 * 1000);
      vigie_snapshot_add_entity (snapshot,
                                 vigie_entity_new (VIGIE_ENTITY_HOTSPOT, role, NULL, 47.75, 7.33, 0, NULL));
    }

  return snapshot;
}

static VigieSnapshot *
linked_combine (GHashTable              *snapshots,
                const VigieParseContext *context)
{
  VigieSnapshot *combined = vigie_snapshot_new ();
  const char * const roles[] = { "part", "slow" };

  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    {
      VigieSnapshot *part = g_hash_table_lookup (snapshots, roles[r]);

      for (guint i = 0; part != NULL && i < vigie_snapshot_get_n_entities (part); i++)
        {
          VigieEntity *entity = vigie_snapshot_get_entity (part, i);

          /* New entities each time: the engine stamps what combine() returns. */
          vigie_snapshot_add_entity (combined,
                                     vigie_entity_new (vigie_entity_get_kind (entity),
                                                       vigie_entity_get_id (entity), NULL,
                                                       vigie_entity_get_latitude (entity),
                                                       vigie_entity_get_longitude (entity),
                                                       0, NULL));
        }
    }

  return combined;
}

static const VigieFormat linked_format = {
  .id = "test-linked",
  .name = "Linked",
  .min_interval_s = 5,
  .parse = linked_parse,
  .combine = linked_combine,
  .followed_roles = (const char *[]) { "part", "slow", "extra", NULL },
  .optional_roles = (const char *[]) { "extra", NULL },
};

static void
test_feed_linked_documents (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autofree char *url = g_strdup_printf ("%s/linked.json", server.base);
  g_autoptr(VigieFeed) feed = NULL;
  guint before = server.n_requests;

  vigie_format_register (&linked_format);
  server.mode = MODE_OK;
  feed = vigie_feed_new ("linked", NULL, VIGIE_FEED_KIND_BIKES, "test-linked", url);
  vigie_feed_start (feed, client);
  while (!vigie_feed_is_settled (feed))
    g_main_context_iteration (NULL, TRUE);

  /* The main document and the two it links to, not the unfollowed one;
   * the store shows both linked documents although they were parsed at
   * the same time, each combination missing the other at first. */
  g_assert_cmpuint (server.n_requests, ==, before + 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (vigie_feed_get_store (feed))), ==, 2);
  g_assert_nonnull (vigie_store_lookup (vigie_feed_get_store (feed), VIGIE_ENTITY_HOTSPOT, "part"));
  g_assert_nonnull (vigie_store_lookup (vigie_feed_get_store (feed), VIGIE_ENTITY_HOTSPOT, "slow"));

  /* Parsing never runs on the main loop. */
  g_assert_nonnull (parse_thread);
  g_assert_true (parse_thread != g_thread_self ());
}

/* A feed of the linked test format, its discovery document served whole. */
static VigieFeed *
new_linked_feed (void)
{
  g_autofree char *url = g_strdup_printf ("%s/linked.json", server.base);

  vigie_format_register (&linked_format);
  server.mode = MODE_OK;
  return vigie_feed_new ("linked", NULL, VIGIE_FEED_KIND_BIKES, "test-linked", url);
}

/* A discovery document may not send Vigie to another server: the link is
 * refused in words, the rest of the feed works, and the profile can
 * allow that host. */
static void
test_feed_linked_elsewhere (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = NULL;
  VigieStore *store;

  slow_host = "localhost";
  feed = new_linked_feed ();
  store = vigie_feed_get_store (feed);
  vigie_feed_start (feed, client);
  while (!vigie_feed_is_settled (feed))
    g_main_context_iteration (NULL, TRUE);

  g_assert_nonnull (vigie_store_lookup (store, VIGIE_ENTITY_HOTSPOT, "part"));
  g_assert_null (vigie_store_lookup (store, VIGIE_ENTITY_HOTSPOT, "slow"));
  g_assert_true (vigie_test_warnings_contain (vigie_feed_get_warnings (feed), "another server (http://localhost:"));
  g_assert_cmpint (vigie_feed_get_state (feed), !=, VIGIE_FEED_STATE_ERROR);
  vigie_feed_stop (feed);
  g_clear_object (&feed);

  /* Allowed by the profile: followed. */
  feed = new_linked_feed ();
  store = vigie_feed_get_store (feed);
  vigie_feed_set_option (feed, "allowed-hosts", "example.org, localhost");
  vigie_feed_start (feed, client);
  while (!vigie_feed_is_settled (feed) || vigie_store_lookup (store, VIGIE_ENTITY_HOTSPOT, "slow") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (vigie_test_warnings_contain (vigie_feed_get_warnings (feed), "another server"));
  vigie_feed_stop (feed);
  slow_host = "127.0.0.1";
}

/* An optional linked document that fails does not fail the feed: the
 * map is complete without it, and the warnings say it. */
static void
test_feed_optional_fails (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = NULL;
  VigieStore *store;

  link_extra = TRUE;
  feed = new_linked_feed ();
  store = vigie_feed_get_store (feed);
  vigie_feed_start (feed, client);
  while (!vigie_feed_is_settled (feed) || !vigie_test_warnings_contain (vigie_feed_get_warnings (feed), "secondary part"))
    g_main_context_iteration (NULL, TRUE);

  g_assert_nonnull (vigie_store_lookup (store, VIGIE_ENTITY_HOTSPOT, "part"));
  g_assert_nonnull (vigie_store_lookup (store, VIGIE_ENTITY_HOTSPOT, "slow"));
  g_assert_cmpint (vigie_feed_get_state (feed), !=, VIGIE_FEED_STATE_ERROR);
  g_assert_true (vigie_test_warnings_contain (vigie_feed_get_warnings (feed), "HTTP 404"));
  vigie_feed_stop (feed);
  link_extra = FALSE;
}

static void
test_feed_unknown_format (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = vigie_feed_new ("x", NULL, VIGIE_FEED_KIND_WIFI, "no-such-format",
                                              "http://127.0.0.1:9/x");

  vigie_feed_start (feed, client);
  g_assert_cmpint (vigie_feed_get_state (feed), ==, VIGIE_FEED_STATE_ERROR);
  g_assert_nonnull (strstr (vigie_feed_get_reason (feed), "no-such-format"));
}

static void
test_format_role_intervals (void)
{
  const VigieFormat *gtfs = vigie_format_lookup ("gtfs");

  /* A timetable hourly at most, its real-time positions every 5 s. */
  g_assert_nonnull (gtfs);
  g_assert_cmpuint (vigie_format_get_min_interval (gtfs, VIGIE_ROLE_MAIN), ==, 3600);
  g_assert_cmpuint (vigie_format_get_min_interval (gtfs, "vehicle-positions"), ==, 5);
  g_assert_cmpuint (vigie_format_get_min_interval (gtfs, "other"), ==, 3600);
  g_assert_cmpuint (vigie_format_get_min_interval (vigie_format_lookup ("wifi-geojson"), "main"), ==, 30);
}

int
main (int   argc,
      char *argv[])
{
  static const FaultCase faults[] = {
    { "not-found",     MODE_NOT_FOUND,     "HTTP 404", NULL, 5000 },
    { "server-error",  MODE_SERVER_ERROR,  "HTTP 500", NULL, 5000 },
    { "unavailable",   MODE_UNAVAILABLE,   "HTTP 503", NULL, 120000 },
    { "malformed",     MODE_MALFORMED,     "cannot read", "not valid JSON", 5000 },
    { "html",          MODE_HTML,          "web page", NULL, 5000 },
    { "truncated",     MODE_TRUNCATED,     "cut", NULL, 5000 },
    { "too-large",     MODE_TOO_LARGE,     "kB", NULL, 5000 },
    { "stall",         MODE_STALL,         "1 s", NULL, 5000 },
    { "redirect-loop", MODE_REDIRECT_LOOP, "5", NULL, 5000 },
    { "empty",         MODE_EMPTY,         "empty", NULL, 5000 },
  };

  g_test_init (&argc, &argv, NULL);
  server_start ();

  g_test_add_func ("/feed/ok", test_feed_ok);
  g_test_add_func ("/feed/conditional-requests", test_feed_conditional);
  g_test_add_func ("/feed/taps", test_feed_taps);
  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *path = g_strdup_printf ("/feed/fault/%s", faults[i].name);

      g_test_add_data_func (path, &faults[i], run_fault);
    }
  g_test_add_func ("/feed/fault/connection-refused", test_feed_connection_refused);
  g_test_add_func ("/feed/stop-cancels", test_feed_stop_cancels);
  g_test_add_func ("/feed/linked-documents", test_feed_linked_documents);
  g_test_add_func ("/feed/linked-elsewhere", test_feed_linked_elsewhere);
  g_test_add_func ("/feed/optional-fails", test_feed_optional_fails);
  g_test_add_func ("/feed/unknown-format", test_feed_unknown_format);
  g_test_add_func ("/feed/entity-limit", test_feed_entity_limit);
  g_test_add_func ("/feed/future", test_feed_future);
  g_test_add_func ("/feed/large-documents", test_feed_large_documents);
  g_test_add_func ("/format/role-intervals", test_format_role_intervals);

  return g_test_run ();
}
