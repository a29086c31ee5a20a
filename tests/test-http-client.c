/* test-http-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/socket.h>

#include <libsoup/soup.h>

#include "vigie-http-client.h"

/* Every request goes to servers inside this process, on 127.0.0.1: a
 * SoupServer for well-formed HTTP, and a raw socket service for the
 * faults a SoupServer cannot be made to commit. */

#define USER_AGENT "Vigie/0.1.0 (+https://github.com/vigie-app/vigie)"
#define GUARD_S    10

/* 2023-11-14 22:13:20 UTC */
#define NOW_UNIX   G_GINT64_CONSTANT (1700000000)

typedef struct
{
  SoupServer *server;
  char       *base_url;

  /* What the last request carried. */
  char       *user_agent;
  char       *accept_encoding;
  char       *if_none_match;
  guint       n_requests;

  guint       version;
  GBytes     *gzip_plain;
} Fixture;

typedef struct
{
  VigieHttpResponse *response;
  GError            *error;
  gboolean           done;
} Outcome;

static void
outcome_clear (Outcome *outcome)
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

static GBytes *
gzip_bytes (GBytes *plain)
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
  Fixture *fixture = user_data;
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
      g_autoptr(GBytes) compressed = gzip_bytes (fixture->gzip_plain);

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

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
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

  plain = g_string_new ("[");
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (plain, "%s{\"id\":%u,\"kind\":\"tram\"}", i ? "," : "", i);
  g_string_append_c (plain, ']');
  fixture->gzip_plain = g_string_free_to_bytes (plain);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
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

static char *
url_for (Fixture    *fixture,
         const char *path)
{
  return g_strconcat (fixture->base_url, path, NULL);
}

/* Raw socket server: answers any request with a canned response, then
 * closes (gracefully or with a reset) or keeps the connection open. */

typedef struct
{
  GSocketService *service;
  guint16         port;
  const char     *response;
  gboolean        close_after;
  gboolean        reset;
  GPtrArray      *connections;
} RawServer;

typedef struct
{
  RawServer         *server;
  GSocketConnection *connection;
  GString           *request;
  char               buffer[1024];
} RawConnection;

static void
raw_connection_free (gpointer data)
{
  RawConnection *raw = data;

  g_io_stream_close (G_IO_STREAM (raw->connection), NULL, NULL);
  g_object_unref (raw->connection);
  g_string_free (raw->request, TRUE);
  g_free (raw);
}

static gboolean
on_raw_close_cb (gpointer user_data)
{
  RawConnection *raw = user_data;

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
  RawConnection *raw = user_data;
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error);
  g_assert_no_error (error);

  /* Late enough for the client to have read what was sent. */
  if (raw->server->close_after)
    g_timeout_add (200, on_raw_close_cb, raw);
}

static void read_raw_request (RawConnection *raw);

static void
on_raw_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  RawConnection *raw = user_data;
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
read_raw_request (RawConnection *raw)
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
  RawServer *server = user_data;
  RawConnection *raw = g_new0 (RawConnection, 1);

  raw->server = server;
  raw->connection = g_object_ref (connection);
  raw->request = g_string_new (NULL);
  g_ptr_array_add (server->connections, raw);

  read_raw_request (raw);

  return TRUE;
}

static RawServer *
raw_server_new (const char *response,
                gboolean    close_after,
                gboolean    reset)
{
  RawServer *server = g_new0 (RawServer, 1);
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

static char *
raw_server_url (RawServer *server)
{
  return g_strdup_printf ("http://127.0.0.1:%u/feed.json", server->port);
}

static void
raw_server_free (RawServer *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_signal_handlers_disconnect_by_data (server->service, server);
  g_object_unref (server->service);
  g_ptr_array_unref (server->connections);
  g_free (server);
}

/* A port where nobody listens: bound, read, and released. */
static guint16
find_closed_port (void)
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

static void
on_fetch_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Outcome *outcome = user_data;

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

static void
wait_for (Outcome *outcome)
{
  gboolean expired = FALSE;
  guint guard;

  guard = g_timeout_add_seconds (GUARD_S, on_guard_expired_cb, &expired);

  while (!outcome->done && !expired)
    g_main_context_iteration (NULL, TRUE);

  if (expired)
    g_error ("The fetch did not end within %u s", GUARD_S);

  g_source_remove (guard);
}

static void
fetch (VigieHttpClient *client,
       const char      *url,
       const char      *etag,
       gsize            max_body_size,
       GCancellable    *cancellable,
       Outcome         *outcome)
{
  outcome_clear (outcome);
  vigie_http_client_fetch_async (client, url, etag, NULL, max_body_size, cancellable,
                                 on_fetch_done_cb, outcome);
  wait_for (outcome);
}

static void
assert_body (VigieHttpResponse *response,
             const char        *text)
{
  g_assert_nonnull (response->body);
  g_assert_cmpmem (g_bytes_get_data (response->body, NULL), g_bytes_get_size (response->body),
                   text, strlen (text));
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* Tests against the servers */

static void
test_ok (Fixture       *fixture,
         gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  g_autofree char *url = url_for (fixture, "ok");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  Outcome outcome = { 0 };
  VigieHttpResponse *response;

  fetch (client, url, NULL, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  response = outcome.response;

  g_assert_cmpuint (response->status, ==, 200);
  g_assert_false (response->not_modified);
  assert_body (response, "Hello, control room");
  g_assert_cmpstr (response->content_type, ==, "text/plain; charset=utf-8");
  g_assert_cmpstr (response->etag, ==, "\"ok\"");
  g_assert_null (response->last_modified);
  g_assert_cmpint (response->max_age_s, ==, 30);
  g_assert_cmpint (response->retry_after_s, ==, -1);
  g_assert_cmpint (ABS (response->server_date - now), <=, 5);
  g_assert_cmpint (response->latency_us, >, 0);
  g_assert_cmpint (response->duration_us, >=, response->latency_us);
  g_assert_cmpstr (response->final_url, ==, url);
  g_assert_cmpuint (response->n_redirects, ==, 0);
  g_assert_cmpuint (fixture->n_requests, ==, 1);

  /* The boxed type hands out references, not copies. */
  {
    g_autoptr(VigieHttpResponse) copy = g_boxed_copy (VIGIE_TYPE_HTTP_RESPONSE, response);

    g_assert_true (copy == response);
  }

  outcome_clear (&outcome);
}

static void
test_user_agent (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  g_autofree char *url = url_for (fixture, "ok");
  Outcome outcome = { 0 };

  g_assert_cmpstr (vigie_http_client_get_user_agent (client), ==, USER_AGENT);

  fetch (client, url, NULL, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (fixture->user_agent, ==, USER_AGENT);

  outcome_clear (&outcome);
}

static void
test_cache_control (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  g_autofree char *url = url_for (fixture, "ok");
  g_autofree char *other = url_for (fixture, "status/404");
  Outcome outcome = { 0 };

  fetch (client, url, NULL, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpint (outcome.response->max_age_s, ==, 30);

  fetch (client, other, NULL, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpint (outcome.response->max_age_s, ==, -1);

  outcome_clear (&outcome);
}

static void
test_error_statuses (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  g_autofree char *not_found = url_for (fixture, "status/404");
  g_autofree char *server_error = url_for (fixture, "status/500");
  g_autofree char *large_error = url_for (fixture, "status/500-large");
  Outcome outcome = { 0 };

  fetch (client, not_found, NULL, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.response->status, ==, 404);
  g_assert_false (outcome.response->not_modified);
  assert_body (outcome.response, "No such feed");

  fetch (client, server_error, NULL, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.response->status, ==, 500);
  assert_body (outcome.response, "Oops");

  /* Over the limit, an error page is dropped but the status is kept. */
  fetch (client, large_error, NULL, 1024, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.response->status, ==, 500);
  g_assert_null (outcome.response->body);

  outcome_clear (&outcome);
}

static void
test_retry_after_seconds (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  g_autofree char *url = url_for (fixture, "unavailable");
  Outcome outcome = { 0 };

  fetch (client, url, NULL, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.response->status, ==, 503);
  g_assert_cmpint (outcome.response->retry_after_s, ==, 120);
  assert_body (outcome.response, "Busy");

  outcome_clear (&outcome);
}

static void
test_retry_after_date (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  g_autofree char *url = url_for (fixture, "unavailable-until");
  Outcome outcome = { 0 };

  fetch (client, url, NULL, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.response->status, ==, 503);
  g_assert_cmpint (outcome.response->server_date, >, 0);
  /* 90 s after the handler ran, against a Date written a moment later;
   * both are rounded down to the second. */
  g_assert_cmpint (outcome.response->retry_after_s, >=, 89);
  g_assert_cmpint (outcome.response->retry_after_s, <=, 90);

  outcome_clear (&outcome);
}

static void
test_connection_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/feed.json", find_closed_port ());
  Outcome outcome = { 0 };

  fetch (client, url, NULL, 0, NULL, &outcome);
  g_assert_error (outcome.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_CONNECT);
  g_assert_null (outcome.response);
  /* The cause stays in the text, after ours. */
  g_assert_nonnull (strstr (outcome.error->message, ": "));
  g_assert_cmpstr (strstr (outcome.error->message, ": ") + 2, !=, "");

  outcome_clear (&outcome);
}

static void
test_invalid_url (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char *urls[] = {
    "",
    "not a url",
    "ftp://127.0.0.1/feed.json",
    "http:///feed.json",
    "/relative/feed.json",
  };
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  Outcome outcome = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_test_message ("URL: “%s”", urls[i]);
      fetch (client, urls[i], NULL, 0, NULL, &outcome);
      g_assert_error (outcome.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_INVALID_URL);
    }

  g_assert_cmpuint (fixture->n_requests, ==, 0);

  outcome_clear (&outcome);
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  gboolean reset = GPOINTER_TO_INT (data);
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  RawServer *server;
  g_autofree char *url = NULL;
  Outcome outcome = { 0 };

  server = raw_server_new ("HTTP/1.1 200 OK\r\n"
                           "Content-Type: application/json\r\n"
                           "Content-Length: 1000\r\n"
                           "\r\n"
                           "0123456789",
                           TRUE, reset);
  url = raw_server_url (server);

  fetch (client, url, NULL, 0, NULL, &outcome);
  g_assert_error (outcome.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TRUNCATED);
  g_assert_null (outcome.response);

  outcome_clear (&outcome);
  raw_server_free (server);
}

static void
test_stalled (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  g_autofree char *url = url_for (fixture, "stall");
  Outcome outcome = { 0 };
  gint64 start;
  double elapsed;

  vigie_http_client_set_request_timeout (client, 1);

  start = g_get_monotonic_time ();
  fetch (client, url, NULL, 0, NULL, &outcome);
  elapsed = seconds_since (start);

  g_assert_error (outcome.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TIMEOUT);
  g_assert_cmpstr (outcome.error->message, ==, "The server did not answer within 1 s");
  g_assert_cmpfloat (elapsed, >=, 0.9);
  g_assert_cmpfloat (elapsed, <, 3.0);

  outcome_clear (&outcome);
}

static void
test_slow_body (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  g_autofree char *url = url_for (fixture, "slow");
  Outcome outcome = { 0 };

  /* Pieces every 250 ms for 1.5 s: longer than the socket time-out as a
   * whole, but never silent for that long. */
  vigie_http_client_set_connect_timeout (client, 1);
  vigie_http_client_set_request_timeout (client, 5);

  fetch (client, url, NULL, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.response->status, ==, 200);
  assert_body (outcome.response, "piece piece piece piece piece piece ");
  g_assert_cmpint (outcome.response->duration_us, >=, G_USEC_PER_SEC);

  outcome_clear (&outcome);
}

static void
test_too_large_chunked (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  g_autofree char *url = url_for (fixture, "big-chunked");
  Outcome outcome = { 0 };

  fetch (client, url, NULL, 1024, NULL, &outcome);
  g_assert_error (outcome.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TOO_LARGE);
  /* g_format_size() puts a no-break space before the unit. */
  g_assert_cmpstr (outcome.error->message, ==, "The response is larger than the 1.0\302\240kB limit");

  /* The same body fits under the default limit. */
  fetch (client, url, NULL, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (g_bytes_get_size (outcome.response->body), ==, 64 * 1024);

  outcome_clear (&outcome);
}

static void
test_too_large_announced (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  RawServer *server;
  g_autofree char *url = NULL;
  Outcome outcome = { 0 };
  gint64 start;

  /* Announces 10 MiB, sends a few bytes and holds the connection: a
   * client that started reading would wait for the time-out instead. */
  server = raw_server_new ("HTTP/1.1 200 OK\r\n"
                           "Content-Type: application/json\r\n"
                           "Content-Length: 10485760\r\n"
                           "\r\n"
                           "[{\"id\":1}",
                           FALSE, FALSE);
  url = raw_server_url (server);
  vigie_http_client_set_request_timeout (client, 5);

  start = g_get_monotonic_time ();
  fetch (client, url, NULL, 1024, NULL, &outcome);
  g_assert_error (outcome.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TOO_LARGE);
  g_assert_cmpfloat (seconds_since (start), <, 2.0);

  outcome_clear (&outcome);
  raw_server_free (server);
}

static void
test_redirect_loop (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  g_autofree char *url = url_for (fixture, "loop");
  Outcome outcome = { 0 };

  fetch (client, url, NULL, 0, NULL, &outcome);
  g_assert_error (outcome.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TOO_MANY_REDIRECTS);
  g_assert_cmpstr (outcome.error->message, ==, "Too many redirections (more than 5)");
  /* The first request and 5 redirections followed. */
  g_assert_cmpuint (fixture->n_requests, ==, 6);

  outcome_clear (&outcome);
}

static void
test_redirects (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  g_autofree char *url = url_for (fixture, "redirect/3");
  g_autofree char *final_url = url_for (fixture, "redirect/0");
  Outcome outcome = { 0 };

  fetch (client, url, NULL, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.response->status, ==, 200);
  g_assert_cmpuint (outcome.response->n_redirects, ==, 3);
  g_assert_cmpstr (outcome.response->final_url, ==, final_url);
  assert_body (outcome.response, "arrived");
  g_assert_cmpuint (fixture->n_requests, ==, 4);

  /* With a lower limit the same chain fails. */
  vigie_http_client_set_max_redirects (client, 2);
  fetch (client, url, NULL, 0, NULL, &outcome);
  g_assert_error (outcome.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TOO_MANY_REDIRECTS);

  outcome_clear (&outcome);
}

static void
test_not_modified (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  g_autofree char *url = url_for (fixture, "conditional");
  g_autofree char *etag = NULL;
  Outcome outcome = { 0 };

  fetch (client, url, NULL, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.response->status, ==, 200);
  g_assert_false (outcome.response->not_modified);
  g_assert_null (fixture->if_none_match);
  assert_body (outcome.response, "version 1");
  etag = g_strdup (outcome.response->etag);
  g_assert_cmpstr (etag, ==, "\"v1\"");

  fetch (client, url, etag, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (fixture->if_none_match, ==, "\"v1\"");
  g_assert_cmpuint (outcome.response->status, ==, 304);
  g_assert_true (outcome.response->not_modified);
  g_assert_null (outcome.response->body);
  g_assert_cmpstr (outcome.response->etag, ==, "\"v1\"");

  outcome_clear (&outcome);
}

static void
test_changing_etag (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  g_autofree char *url = url_for (fixture, "changing");
  g_autofree char *etag = NULL;
  Outcome outcome = { 0 };

  fetch (client, url, NULL, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (outcome.response->etag, ==, "\"v1\"");
  etag = g_strdup (outcome.response->etag);

  fetch (client, url, etag, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (fixture->if_none_match, ==, "\"v1\"");
  g_assert_cmpuint (outcome.response->status, ==, 200);
  g_assert_false (outcome.response->not_modified);
  g_assert_cmpstr (outcome.response->etag, ==, "\"v2\"");
  assert_body (outcome.response, "version 2");

  outcome_clear (&outcome);
}

static void
test_gzip (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  g_autofree char *url = url_for (fixture, "gzip");
  g_autoptr(GBytes) compressed = gzip_bytes (fixture->gzip_plain);
  Outcome outcome = { 0 };

  fetch (client, url, NULL, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.response->status, ==, 200);
  g_assert_nonnull (outcome.response->body);
  g_assert_true (g_bytes_equal (outcome.response->body, fixture->gzip_plain));

  /* The limit counts decoded bytes: the compressed body would fit. */
  g_assert_cmpuint (g_bytes_get_size (compressed), <, 8 * 1024);
  g_assert_cmpuint (g_bytes_get_size (fixture->gzip_plain), >, 16 * 1024);
  fetch (client, url, NULL, 8 * 1024, NULL, &outcome);
  g_assert_error (outcome.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TOO_LARGE);

  outcome_clear (&outcome);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = url_for (fixture, "stall");
  Outcome outcome = { 0 };
  gint64 start;

  start = g_get_monotonic_time ();
  g_timeout_add_full (G_PRIORITY_DEFAULT, 100, cancel_cb,
                      g_object_ref (cancellable), g_object_unref);
  fetch (client, url, NULL, 0, cancellable, &outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (seconds_since (start), <, 2.0);

  /* Already cancelled: nothing is sent. */
  fetch (client, url, NULL, 0, cancellable, &outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->n_requests, ==, 1);

  outcome_clear (&outcome);
}

static gboolean
dispose_cb (gpointer user_data)
{
  g_object_run_dispose (user_data);

  return G_SOURCE_REMOVE;
}

static void
test_dispose_in_flight (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  g_autofree char *url = url_for (fixture, "stall");
  g_autofree char *slow_url = url_for (fixture, "slow");
  Outcome outcome = { 0 };
  Outcome slow = { 0 };
  gint64 start;

  /* One request waits for its headers, the other is reading its body. */
  start = g_get_monotonic_time ();
  vigie_http_client_fetch_async (client, slow_url, NULL, NULL, 0, NULL, on_fetch_done_cb, &slow);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 600, dispose_cb,
                      g_object_ref (client), g_object_unref);
  fetch (client, url, NULL, 0, NULL, &outcome);
  wait_for (&slow);

  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (slow.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (seconds_since (start), <, 1.5);

  /* A disposed client refuses new work without crashing. */
  fetch (client, url, NULL, 0, NULL, &outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  outcome_clear (&outcome);
  outcome_clear (&slow);
}

/* Tests without a server */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_properties (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (USER_AGENT);
  g_autofree char *user_agent = NULL;
  guint connect_timeout, request_timeout, max_redirects;
  guint changes = 0;

  g_object_get (client,
                "user-agent", &user_agent,
                "connect-timeout", &connect_timeout,
                "request-timeout", &request_timeout,
                "max-redirects", &max_redirects,
                NULL);
  g_assert_cmpstr (user_agent, ==, USER_AGENT);
  g_assert_cmpuint (connect_timeout, ==, 10);
  g_assert_cmpuint (request_timeout, ==, 30);
  g_assert_cmpuint (max_redirects, ==, 5);

  g_signal_connect (client, "notify", G_CALLBACK (count_notify_cb), &changes);

  /* Only changes are notified. */
  vigie_http_client_set_connect_timeout (client, 10);
  vigie_http_client_set_request_timeout (client, 30);
  g_object_set (client, "max-redirects", 5, NULL);
  g_assert_cmpuint (changes, ==, 0);

  vigie_http_client_set_connect_timeout (client, 3);
  g_object_set (client, "request-timeout", 12, NULL);
  vigie_http_client_set_max_redirects (client, 0);
  g_assert_cmpuint (changes, ==, 3);
  g_assert_cmpuint (vigie_http_client_get_connect_timeout (client), ==, 3);
  g_assert_cmpuint (vigie_http_client_get_request_timeout (client), ==, 12);
  g_assert_cmpuint (vigie_http_client_get_max_redirects (client), ==, 0);
}

static void
test_parse_max_age (void)
{
  static const struct {
    const char *value;
    gint64      expected;
  } cases[] = {
    { NULL, -1 },
    { "", -1 },
    { "max-age=30", 30 },
    { "public, max-age=30", 30 },
    { "public,max-age=30,must-revalidate", 30 },
    { "  Max-Age = 30 ", 30 },
    { "MAX-AGE=\"45\"", 45 },
    { "max-age=\" 45 \"", 45 },
    { "private, max-age=0", 0 },
    { "max-age=007", 7 },
    { "no-cache", 0 },
    { "NO-STORE", 0 },
    { "max-age=60, no-store", 0 },
    { "no-cache=\"Set-Cookie\", max-age=60", 0 },
    { "max-age=10, max-age=20", 10 },
    { "max-age=86400", 86400 },
    { "max-age=86401", 86400 },
    { "max-age=99999999999999999999999999", 86400 },
    { "public", -1 },
    { "s-maxage=30", -1 },
    { "max-stale=30", -1 },
    { "max-age", -1 },
    { "max-age=", -1 },
    { "max-age=\"\"", -1 },
    { "max-age=abc", -1 },
    { "max-age=30s", -1 },
    { "max-age=3 0", -1 },
    { "max-age=-5", -1 },
    { "max-age=+5", -1 },
    { "max-age=1.5", -1 },
    { ",,;;=", -1 },
    { "\"max-age=30\"", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("Cache-Control: %s", cases[i].value ? cases[i].value : "(null)");
      g_assert_cmpint (vigie_http_parse_max_age (cases[i].value), ==, cases[i].expected);
    }
}

static void
test_parse_retry_after (void)
{
  static const struct {
    const char *value;
    gint64      expected;
  } cases[] = {
    { NULL, -1 },
    { "", -1 },
    { "   ", -1 },
    { "120", 120 },
    { " 120 ", 120 },
    { "\"120\"", 120 },
    { "0", 0 },
    { "0120", 120 },
    { "86400", 86400 },
    { "86401", 86400 },
    { "99999999999999999999999999", 86400 },
    { "-5", -1 },
    { "+5", -1 },
    { "12.5", -1 },
    { "120 seconds", -1 },
    { "120abc", -1 },
    { "abc", -1 },
    { "soon", -1 },
    /* HTTP-dates, against NOW_UNIX (Tue, 14 Nov 2023 22:13:20 GMT) */
    { "Tue, 14 Nov 2023 22:14:50 GMT", 90 },
    { "tue, 14 nov 2023 22:14:50 GMT", 90 },
    { "  \"Tue, 14 Nov 2023 22:14:50 GMT\" ", 90 },
    { "Tuesday, 14-Nov-23 22:14:50 GMT", 90 },
    { "Tue Nov 14 22:14:50 2023", 90 },
    { "Tue, 14 Nov 2023 22:13:20 GMT", 0 },
    { "Tue, 14 Nov 2023 20:00:00 GMT", 0 },
    { "Wed, 15 Nov 2023 22:13:20 GMT", 86400 },
    { "Fri, 01 Jan 2100 00:00:00 GMT", 86400 },
    { "Tue, 99 Foo 2023 25:61:61 GMT", -1 },
    { "Tuesday", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("Retry-After: %s", cases[i].value ? cases[i].value : "(null)");
      g_assert_cmpint (vigie_http_parse_retry_after (cases[i].value, NOW_UNIX), ==, cases[i].expected);
    }

  /* The same date means another delay from another "now". */
  g_assert_cmpint (vigie_http_parse_retry_after ("Tue, 14 Nov 2023 22:14:50 GMT", NOW_UNIX - 10), ==, 100);
}

static void
add_server_test (const char *path,
                 void      (*func) (Fixture *, gconstpointer),
                 gconstpointer data)
{
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  /* No proxy, whatever the machine says: everything stays on loopback. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/http/properties", test_properties);
  g_test_add_func ("/http/parse/max-age", test_parse_max_age);
  g_test_add_func ("/http/parse/retry-after", test_parse_retry_after);

  add_server_test ("/http/fetch/ok", test_ok, NULL);
  add_server_test ("/http/fetch/user-agent", test_user_agent, NULL);
  add_server_test ("/http/fetch/cache-control", test_cache_control, NULL);
  add_server_test ("/http/fetch/error-statuses", test_error_statuses, NULL);
  add_server_test ("/http/fetch/retry-after-seconds", test_retry_after_seconds, NULL);
  add_server_test ("/http/fetch/retry-after-date", test_retry_after_date, NULL);
  add_server_test ("/http/fetch/not-modified", test_not_modified, NULL);
  add_server_test ("/http/fetch/changing-etag", test_changing_etag, NULL);
  add_server_test ("/http/fetch/gzip", test_gzip, NULL);
  add_server_test ("/http/fetch/redirects", test_redirects, NULL);
  add_server_test ("/http/fetch/redirect-loop", test_redirect_loop, NULL);
  add_server_test ("/http/fetch/slow-body", test_slow_body, NULL);
  add_server_test ("/http/error/connection-refused", test_connection_refused, NULL);
  add_server_test ("/http/error/invalid-url", test_invalid_url, NULL);
  add_server_test ("/http/error/truncated", test_truncated, GINT_TO_POINTER (FALSE));
  add_server_test ("/http/error/reset-mid-body", test_truncated, GINT_TO_POINTER (TRUE));
  add_server_test ("/http/error/stalled", test_stalled, NULL);
  add_server_test ("/http/error/too-large-chunked", test_too_large_chunked, NULL);
  add_server_test ("/http/error/too-large-announced", test_too_large_announced, NULL);
  add_server_test ("/http/error/cancelled", test_cancel, NULL);
  add_server_test ("/http/error/dispose-in-flight", test_dispose_in_flight, NULL);

  return g_test_run ();
}
