/* vigie-test-http.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "vigie-test-http.h"

void
vigie_test_outcome_clear (VigieTestOutcome *outcome)
{
  g_clear_pointer (&outcome->response, vigie_http_response_unref);
  g_clear_error (&outcome->error);
  outcome->done = FALSE;
}

/* Loopback SoupServer */

typedef struct
{
  SoupServerMessage *msg;
  guint              remaining;
  gboolean           finished;
} SlowBody;

static void
on_slow_message_finished_cb (SoupServerMessage *msg,
                             SlowBody          *slow)
{
  slow->finished = TRUE;
}

static void
slow_body_free (gpointer data)
{
  SlowBody *slow = data;

  g_signal_handlers_disconnect_by_data (slow->msg, slow);
  g_object_unref (slow->msg);
  g_free (slow);
}

static gboolean
send_slow_piece_cb (gpointer user_data)
{
  SlowBody *slow = user_data;
  SoupMessageBody *body;

  if (slow->finished)
    return G_SOURCE_REMOVE;

  body = soup_server_message_get_response_body (slow->msg);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, "piece ", 6);

  slow->remaining--;
  if (slow->remaining == 0)
    soup_message_body_complete (body);

  soup_server_message_unpause (slow->msg);

  return slow->remaining > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

GBytes *
vigie_test_gzip_bytes (GBytes *plain)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) output = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (output,
                             g_bytes_get_data (plain, NULL), g_bytes_get_size (plain),
                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (output, NULL, &error);
  g_assert_no_error (error);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static void
set_text (SoupServerMessage *msg,
          guint              status,
          const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8",
                                    SOUP_MEMORY_COPY, text, strlen (text));
}

static void
set_redirect (SoupServerMessage *msg,
              guint              status,
              const char        *location)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Location", location);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  VigieTestHttpFixture *fixture = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  fixture->n_requests++;
  g_free (fixture->user_agent);
  fixture->user_agent = g_strdup (soup_message_headers_get_one (request_headers, "User-Agent"));
  g_free (fixture->accept_encoding);
  fixture->accept_encoding = g_strdup (soup_message_headers_get_list (request_headers, "Accept-Encoding"));
  g_free (fixture->if_none_match);
  fixture->if_none_match = g_strdup (soup_message_headers_get_one (request_headers, "If-None-Match"));

  if (g_str_equal (path, "/ok"))
    {
      set_text (msg, SOUP_STATUS_OK, "Hello, control room");
      soup_message_headers_replace (headers, "Cache-Control", "public, max-age=30");
      soup_message_headers_replace (headers, "ETag", "\"ok\"");
    }
  else if (g_str_equal (path, "/status/404"))
    {
      set_text (msg, SOUP_STATUS_NOT_FOUND, "No such feed");
    }
  else if (g_str_equal (path, "/status/500"))
    {
      set_text (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "Oops");
    }
  else if (g_str_equal (path, "/status/500-large"))
    {
      g_autofree char *page = g_strnfill (64 * 1024, 'x');

      set_text (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, page);
    }
  else if (g_str_equal (path, "/unavailable"))
    {
      set_text (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "Busy");
      soup_message_headers_replace (headers, "Retry-After", "120");
    }
  else if (g_str_equal (path, "/unavailable-until"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 90);
      g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);

      set_text (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "Busy");
      soup_message_headers_replace (headers, "Retry-After", date);
    }
  else if (g_str_equal (path, "/stall"))
    {
      /* Never answered: the client must give up by itself. */
      soup_server_message_pause (msg);
    }
  else if (g_str_equal (path, "/slow"))
    {
      SlowBody *slow = g_new0 (SlowBody, 1);

      slow->msg = g_object_ref (msg);
      slow->remaining = 6;
      g_signal_connect (msg, "finished", G_CALLBACK (on_slow_message_finished_cb), slow);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_server_message_pause (msg);
      g_timeout_add_full (G_PRIORITY_DEFAULT, 250, send_slow_piece_cb, slow, slow_body_free);
    }
  else if (g_str_equal (path, "/big-chunked"))
    {
      SoupMessageBody *body = soup_server_message_get_response_body (msg);
      g_autofree char *piece = g_strnfill (4096, 'x');

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      for (guint i = 0; i < 16; i++)
        soup_message_body_append (body, SOUP_MEMORY_COPY, piece, 4096);
      soup_message_body_complete (body);
    }
  else if (g_str_equal (path, "/loop"))
    {
      set_redirect (msg, SOUP_STATUS_FOUND, "/loop");
    }
  else if (g_str_equal (path, "/redirect/3"))
    {
      /* A relative path, resolved against /redirect/3. */
      set_redirect (msg, SOUP_STATUS_FOUND, "2");
    }
  else if (g_str_equal (path, "/redirect/2"))
    {
      set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/redirect/1");
    }
  else if (g_str_equal (path, "/redirect/1"))
    {
      g_autofree char *location = g_strconcat (fixture->base_url, "redirect/0", NULL);

      set_redirect (msg, SOUP_STATUS_TEMPORARY_REDIRECT, location);
    }
  else if (g_str_equal (path, "/redirect/0"))
    {
      set_text (msg, SOUP_STATUS_OK, "arrived");
    }
  else if (g_str_equal (path, "/conditional"))
    {
      soup_message_headers_replace (headers, "ETag", "\"v1\"");

      if (g_strcmp0 (fixture->if_none_match, "\"v1\"") == 0)
        soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      else
        set_text (msg, SOUP_STATUS_OK, "version 1");
    }
  else if (g_str_equal (path, "/changing"))
    {
      g_autofree char *etag = g_strdup_printf ("\"v%u\"", ++fixture->version);
      g_autofree char *text = g_strdup_printf ("version %u", fixture->version);

      soup_message_headers_replace (headers, "ETag", etag);

      if (g_strcmp0 (fixture->if_none_match, etag) == 0)
        soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      else
        set_text (msg, SOUP_STATUS_OK, text);
    }
  else if (g_str_equal (path, "/gzip"))
    {
      g_autoptr(GBytes) compressed = vigie_test_gzip_bytes (fixture->gzip_plain);

      g_assert_nonnull (fixture->accept_encoding);
      g_assert_nonnull (strstr (fixture->accept_encoding, "gzip"));

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_replace (headers, "Content-Encoding", "gzip");
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (compressed, NULL),
                                        g_bytes_get_size (compressed));
    }
  else
    {
      set_text (msg, SOUP_STATUS_NOT_FOUND, "Unknown test path");
    }
}

void
vigie_test_http_fixture_setup (VigieTestHttpFixture *fixture,
                               gconstpointer         data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  GString *plain;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, server_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fixture->server);
  g_assert_nonnull (uris);
  fixture->base_url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_assert_true (g_str_has_prefix (fixture->base_url, "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (fixture->base_url, "/"));
  fixture->client = vigie_http_client_new (VIGIE_TEST_USER_AGENT);

  plain = g_string_new ("[");
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (plain, "%s{\"id\":%u,\"kind\":\"tram\"}", i ? "," : "", i);
  g_string_append_c (plain, ']');
  fixture->gzip_plain = g_string_free_to_bytes (plain);
}

void
vigie_test_http_fixture_teardown (VigieTestHttpFixture *fixture,
                                  gconstpointer         data)
{
  g_clear_object (&fixture->client);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);

  /* Let the closed connections finish before the next test. */
  for (guint i = 0; i < 100 && g_main_context_iteration (NULL, FALSE); i++)
    ;

  g_clear_pointer (&fixture->base_url, g_free);
  g_clear_pointer (&fixture->user_agent, g_free);
  g_clear_pointer (&fixture->accept_encoding, g_free);
  g_clear_pointer (&fixture->if_none_match, g_free);
  g_clear_pointer (&fixture->gzip_plain, g_bytes_unref);
}

char *
vigie_test_http_url_for (VigieTestHttpFixture *fixture,
                         const char           *path)
{
  return g_strconcat (fixture->base_url, path, NULL);
}

/* Raw socket server: answers any request with a canned response, then
 * closes (gracefully or with a reset) or keeps the connection open. */

struct _VigieTestRawServer
{
  GSocketService *service;
  guint16         port;
  const char     *response;
  gboolean        close_after;
  gboolean        reset;
  GPtrArray      *connections;
};

typedef struct
{
  VigieTestRawServer         *server;
  GSocketConnection *connection;
  GString           *request;
  char               buffer[1024];
} VigieTestRawConnection;

static void
raw_connection_free (gpointer data)
{
  VigieTestRawConnection *raw = data;

  g_io_stream_close (G_IO_STREAM (raw->connection), NULL, NULL);
  g_object_unref (raw->connection);
  g_string_free (raw->request, TRUE);
  g_free (raw);
}

static gboolean
on_raw_close_cb (gpointer user_data)
{
  VigieTestRawConnection *raw = user_data;

  if (raw->server->reset)
    {
      GSocket *socket = g_socket_connection_get_socket (raw->connection);
      struct linger linger = { 1, 0 };

      /* A zero linger time turns close() into a reset. */
      g_assert_cmpint (setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER,
                                   &linger, sizeof linger), ==, 0);
    }

  g_io_stream_close (G_IO_STREAM (raw->connection), NULL, NULL);

  return G_SOURCE_REMOVE;
}

static void
on_raw_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  VigieTestRawConnection *raw = user_data;
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error);
  g_assert_no_error (error);

  /* Late enough for the client to have read what was sent. */
  if (raw->server->close_after)
    g_timeout_add (200, on_raw_close_cb, raw);
}

static void read_raw_request (VigieTestRawConnection *raw);

static void
on_raw_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  VigieTestRawConnection *raw = user_data;
  GOutputStream *output;
  gssize n_read;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);
  if (n_read <= 0)
    return;

  g_string_append_len (raw->request, raw->buffer, n_read);

  /* Read the whole request first: closing a socket with unread data
   * would reset the connection too early. */
  if (strstr (raw->request->str, "\r\n\r\n") == NULL)
    {
      read_raw_request (raw);
      return;
    }

  output = g_io_stream_get_output_stream (G_IO_STREAM (raw->connection));
  g_output_stream_write_all_async (output, raw->server->response, strlen (raw->server->response),
                                   G_PRIORITY_DEFAULT, NULL, on_raw_written_cb, raw);
}

static void
read_raw_request (VigieTestRawConnection *raw)
{
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (raw->connection));

  g_input_stream_read_async (input, raw->buffer, sizeof raw->buffer,
                             G_PRIORITY_DEFAULT, NULL, on_raw_read_cb, raw);
}

static gboolean
on_raw_incoming_cb (GSocketService    *service,
                    GSocketConnection *connection,
                    GObject           *source_object,
                    gpointer           user_data)
{
  VigieTestRawServer *server = user_data;
  VigieTestRawConnection *raw = g_new0 (VigieTestRawConnection, 1);

  raw->server = server;
  raw->connection = g_object_ref (connection);
  raw->request = g_string_new (NULL);
  g_ptr_array_add (server->connections, raw);

  read_raw_request (raw);

  return TRUE;
}

VigieTestRawServer *
vigie_test_raw_server_new (const char *response,
                           gboolean    close_after,
                           gboolean    reset)
{
  VigieTestRawServer *server = g_new0 (VigieTestRawServer, 1);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  server->response = response;
  server->close_after = close_after;
  server->reset = reset;
  server->connections = g_ptr_array_new_with_free_func (raw_connection_free);
  server->service = g_socket_service_new ();

  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));

  g_signal_connect (server->service, "incoming", G_CALLBACK (on_raw_incoming_cb), server);
  g_socket_service_start (server->service);

  return server;
}

char *
vigie_test_raw_server_url (VigieTestRawServer *server)
{
  return g_strdup_printf ("http://127.0.0.1:%u/feed.json", server->port);
}

void
vigie_test_raw_server_free (VigieTestRawServer *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_signal_handlers_disconnect_by_data (server->service, server);
  g_object_unref (server->service);
  g_ptr_array_unref (server->connections);
  g_free (server);
}

/* A port where nobody listens: bound, read, and released. */
guint16
vigie_test_find_closed_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) local = NULL;
  guint16 port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  local = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  g_socket_close (socket, &error);
  g_assert_no_error (error);

  return port;
}

/* Running fetches */

void
vigie_test_http_on_fetch_done_cb (GObject      *object,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  VigieTestOutcome *outcome = user_data;

  g_assert_false (outcome->done);
  outcome->response = vigie_http_client_fetch_finish (VIGIE_HTTP_CLIENT (object), result, &outcome->error);
  g_assert_true ((outcome->response == NULL) != (outcome->error == NULL));
  outcome->done = TRUE;
}

static gboolean
on_guard_expired_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;

  return G_SOURCE_REMOVE;
}

void
vigie_test_http_wait_for (VigieTestOutcome *outcome)
{
  gboolean expired = FALSE;
  guint guard;

  guard = g_timeout_add_seconds (VIGIE_TEST_GUARD_S, on_guard_expired_cb, &expired);

  while (!outcome->done && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (expired)
    g_error ("The fetch did not end within %u s", VIGIE_TEST_GUARD_S);

  g_source_remove (guard);
}

void
vigie_test_http_fetch (VigieHttpClient  *client,
                       const char       *url,
                       const char       *etag,
                       gsize             max_body_size,
                       GCancellable     *cancellable,
                       VigieTestOutcome *outcome)
{
  vigie_test_outcome_clear (outcome);
  vigie_http_client_fetch_async (client, url, etag, NULL, max_body_size, cancellable,
                                 vigie_test_http_on_fetch_done_cb, outcome);
  vigie_test_http_wait_for (outcome);
}

/* Fetches @path from the fixture's server with the fixture's client and
 * checks that it was answered with @status; the answer stays @outcome's. */
VigieHttpResponse *
vigie_test_http_get (VigieTestHttpFixture *fixture,
                     const char           *path,
                     guint                 status,
                     VigieTestOutcome     *outcome)
{
  g_autofree char *url = vigie_test_http_url_for (fixture, path);

  vigie_test_http_fetch (fixture->client, url, NULL, 0, NULL, outcome);
  g_assert_no_error (outcome->error);
  g_assert_nonnull (outcome->response);
  g_assert_cmpuint (outcome->response->status, ==, status);

  return outcome->response;
}

void
vigie_test_http_assert_body (VigieHttpResponse *response,
                             const char        *text)
{
  g_assert_nonnull (response->body);
  g_assert_cmpmem (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body),
                   text, strlen (text));
}

double
vigie_test_seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

void
vigie_test_http_init (int    *argc,
                      char ***argv)
{
  /* No proxy, whatever the machine says: everything stays on loopback. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  g_test_init (argc, argv, NULL);
}

/* A test against the loopback SoupServer, set up and torn down around it. */
void
vigie_test_http_add (const char        *path,
                     VigieTestHttpFunc  func,
                     gconstpointer      data)
{
  g_test_add (path, VigieTestHttpFixture, data, vigie_test_http_fixture_setup, func, vigie_test_http_fixture_teardown);
}
