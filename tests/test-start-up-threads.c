/* test-start-up-threads.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "vigie-http-client.h"
#include "vigie-sim-server-thread.h"
#include "vigie-test-http.h"
#include "vigie-test-support.h"

/* What lets the demo's data come with the window (issue 19): the demo city
 * served from a thread of its own, the feeds' HTTP client sending and
 * reading in its own thread, both while the main thread is busy, and the
 * feeds' documents on one server fetched together. */

#define BUSY_MS 3000

/* A GET over a blocking socket, from a main thread that never runs its
 * loop: only a server in another thread can answer it. */
static char *
blocking_get (guint       port,
              const char *path)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request = NULL;
  g_autoptr(GString) answer = g_string_new (NULL);
  GInputStream *input;
  char buffer[4096];
  gssize n;

  g_socket_client_set_timeout (client, 5);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);

  request = g_strdup_printf ("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nConnection: close\r\n\r\n", path, port);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);

  input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  while ((n = g_input_stream_read (input, buffer, sizeof buffer, NULL, &error)) > 0)
    g_string_append_len (answer, buffer, n);
  /* A server waiting on this thread's loop: the 5 s timeout, an error. */
  g_assert_no_error (error);

  return g_string_free (g_steal_pointer (&answer), FALSE);
}

static void
test_server_thread_answers_while_main_busy (void)
{
  g_autoptr(VigieSimulator) simulator = vigie_simulator_new (1);
  g_autoptr(GError) error = NULL;
  VigieSimServerThread *thread;
  g_autofree char *answer = NULL;
  guint port;

  thread = vigie_sim_server_thread_start (simulator, 0, &error);
  g_assert_no_error (error);
  port = vigie_simulator_get_port (simulator);
  g_assert_cmpuint (port, >, 0);

  answer = blocking_get (port, "/gbfs/velocite/gbfs.json");
  g_assert_true (g_str_has_prefix (answer, "HTTP/1.1 200"));
  g_assert_nonnull (strstr (answer, "station_status"));

  /* The clock is set from here while the thread reads it. */
  vigie_simulator_set_time (simulator, 1796025600);
  g_clear_pointer (&answer, g_free);
  answer = blocking_get (port, "/gbfs/velocite/fr/station_status.json");
  g_assert_nonnull (strstr (answer, "1796025600"));

  vigie_sim_server_thread_stop (thread);
  g_assert_cmpuint (vigie_simulator_get_port (simulator), ==, 0);
}

/* Stopped with a request waiting on a simulated latency and others being
 * rendered: all freed (the sanitized build's leak check), none answered. */
static void
test_server_thread_stops_with_requests_in_flight (void)
{
  g_autoptr(VigieSimulator) simulator = vigie_simulator_new (1);
  g_autoptr(VigieHttpClient) client = vigie_http_client_new_for_feeds ("Vigie-test");
  g_autoptr(GError) error = NULL;
  VigieTestOutcome slow = { 0 };
  VigieTestOutcome outcomes[4] = { 0 };
  VigieSimServerThread *thread;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;

  g_assert_true (vigie_simulator_add_fault (simulator, "wifi:latency:5000", &error));
  thread = vigie_sim_server_thread_start (simulator, 0, &error);
  g_assert_no_error (error);
  base = vigie_simulator_dup_base_url (simulator);

  url = g_strconcat (base, "/wifi/hotspots.geojson", NULL);
  vigie_http_client_fetch_async (client, url, NULL, NULL, 0, NULL, vigie_test_http_on_fetch_done_cb, &slow);
  g_clear_pointer (&url, g_free);
  url = g_strconcat (base, "/gtfs/gtfs.zip", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    vigie_http_client_fetch_async (client, url, NULL, NULL, 0, NULL, vigie_test_http_on_fetch_done_cb, &outcomes[i]);
  g_usleep (200 * 1000);

  vigie_sim_server_thread_stop (thread);
  VIGIE_TEST_WAIT_UNTIL (slow.done);
  g_assert_nonnull (slow.error);
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      VIGIE_TEST_WAIT_UNTIL (outcomes[i].done);
      vigie_test_outcome_clear (&outcomes[i]);
    }
  vigie_test_outcome_clear (&slow);
}

/* The client sends, and reads the answer, while the caller's thread is
 * busy: only the callback waits for it. */
static void
test_client_fetches_while_main_busy (void)
{
  g_autoptr(VigieSimulator) simulator = vigie_simulator_new (1);
  g_autoptr(VigieHttpClient) client = vigie_http_client_new_for_feeds ("Vigie-test");
  g_autoptr(GError) error = NULL;
  VigieTestOutcome outcome = { 0 };
  VigieSimServerThread *thread;
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;
  gint64 start;

  thread = vigie_sim_server_thread_start (simulator, 0, &error);
  g_assert_no_error (error);
  base = vigie_simulator_dup_base_url (simulator);
  url = g_strconcat (base, "/gbfs/velocite/gbfs.json", NULL);

  start = g_get_monotonic_time ();
  vigie_http_client_fetch_async (client, url, NULL, NULL, 0, NULL, vigie_test_http_on_fetch_done_cb, &outcome);
  g_usleep (BUSY_MS * 1000);
  VIGIE_TEST_WAIT_UNTIL (outcome.done);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.response->status, ==, 200);
  /* Done in the client's thread long before the caller looked. */
  g_assert_cmpint (outcome.response->duration_us / 1000, <, BUSY_MS / 3);
  g_assert_cmpfloat (vigie_test_seconds_since (start), >=, BUSY_MS / 1000.0);

  vigie_test_outcome_clear (&outcome);
  vigie_sim_server_thread_stop (thread);
}

typedef struct
{
  GPtrArray *held;       /* messages held, unanswered */
  guint      max_held;
} Holder;

static void
on_hold_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Holder *holder = user_data;

  soup_server_message_pause (msg);
  g_ptr_array_add (holder->held, g_object_ref (msg));
  holder->max_held = MAX (holder->max_held, holder->held->len);
}

static void
release_all (Holder *holder)
{
  for (guint i = 0; i < holder->held->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (holder->held, i);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
      soup_server_message_unpause (msg);
    }
  g_ptr_array_set_size (holder->held, 0);
}

/* Answers what is held, as it comes: TRUE once every fetch is done. */
static gboolean
release_until_done (Holder           *holder,
                    VigieTestOutcome *outcomes,
                    guint             n)
{
  release_all (holder);
  for (guint i = 0; i < n; i++)
    if (!outcomes[i].done)
      return FALSE;

  return TRUE;
}

/* Six documents of one server are asked for together, not two by two;
 * the default client keeps libsoup's two (the tile servers' policy). */
static void
check_connections (VigieHttpClient *client,
                   guint            expected)
{
  Holder holder = { g_ptr_array_new_with_free_func (g_object_unref), 0 };
  SoupServer *server = vigie_test_server_new (NULL, on_hold_cb, &holder);
  g_autofree char *base = vigie_test_server_get_base_url (server);
  VigieTestOutcome outcomes[VIGIE_HTTP_FEED_CONNECTIONS_PER_HOST] = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_autofree char *url = g_strdup_printf ("%s/document-%u", base, i);

      vigie_http_client_fetch_async (client, url, NULL, NULL, 0, NULL, vigie_test_http_on_fetch_done_cb, &outcomes[i]);
    }

  VIGIE_TEST_WAIT_UNTIL (holder.held->len == expected);
  /* Time for more to come, were they allowed. */
  vigie_test_spin (200);
  g_assert_cmpuint (holder.max_held, ==, expected);

  VIGIE_TEST_WAIT_UNTIL (release_until_done (&holder, outcomes, G_N_ELEMENTS (outcomes)));
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_assert_no_error (outcomes[i].error);
      vigie_test_outcome_clear (&outcomes[i]);
    }

  vigie_test_server_stop (server);
  g_ptr_array_unref (holder.held);
}

static void
test_feed_client_connections (void)
{
  g_autoptr(VigieHttpClient) feeds = vigie_http_client_new_for_feeds ("Vigie-test");
  g_autoptr(VigieHttpClient) tiles = vigie_http_client_new ("Vigie-test");

  check_connections (feeds, VIGIE_HTTP_FEED_CONNECTIONS_PER_HOST);
  check_connections (tiles, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/start-up/server-thread/answers-while-main-busy", test_server_thread_answers_while_main_busy);
  g_test_add_func ("/start-up/server-thread/stops-with-requests-in-flight", test_server_thread_stops_with_requests_in_flight);
  g_test_add_func ("/start-up/http-client/fetches-while-main-busy", test_client_fetches_while_main_busy);
  g_test_add_func ("/start-up/http-client/connections-per-host", test_feed_client_connections);

  return g_test_run ();
}
