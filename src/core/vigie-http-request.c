/* vigie-http-request.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-http-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "vigie-http-client-private.h"

/* One request of the client, from its start to its completion: send it,
 * follow its redirections by hand, stream its body under the size cap,
 * and turn what went wrong into an error an operator can act on. */

static void send_request    (GTask *task);
static void read_next_chunk (GTask *task);

/*
 * Auxiliary functions
 */

static gint64
parse_http_date (const char *value)
{
  g_autoptr(GDateTime) date = NULL;

  if (value == NULL)
    return 0;

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return 0;

  return g_date_time_to_unix (date);
}

static gboolean
is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY ||
         status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER ||
         status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

/* libsoup decodes the codings it knows; Content-Length then counts the
 * encoded bytes, not the body. */
static gboolean
is_content_encoded (SoupMessageHeaders *headers)
{
  const char *encoding = soup_message_headers_get_list (headers, "Content-Encoding");

  return encoding != NULL && g_ascii_strcasecmp (encoding, "identity") != 0;
}

static GUri *
parse_http_uri (GUri        *base,
                const char  *text,
                GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (base != NULL)
    uri = g_uri_parse_relative (base, text, SOUP_HTTP_URI_FLAGS, NULL);
  else
    uri = g_uri_parse (text, SOUP_HTTP_URI_FLAGS, NULL);

  if (uri != NULL)
    {
      scheme = g_uri_get_scheme (uri);
      host = g_uri_get_host (uri);

      if ((g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
          host != NULL && *host != '\0')
        return g_steal_pointer (&uri);
    }

  g_set_error (error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_INVALID_URL,
               _("Invalid address: %s"), text);

  return NULL;
}

/* Turns what GIO and libsoup report into the few errors that an operator
 * can act on. Takes @error. */
static GError *
translate_error (Request  *request,
                 GError   *error,
                 gboolean  in_body)
{
  g_autoptr(GError) owned = error;

  /* Checked first: the timer reports itself by cancelling. */
  if (request->timed_out)
    return g_error_new (VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TIMEOUT,
                        _("The server did not answer within %u s"),
                        request->request_timeout);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_steal_pointer (&owned);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) && request->io_timeout > 0)
    return g_error_new (VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TIMEOUT,
                        _("The server did not answer within %u s"),
                        request->io_timeout);

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    return g_error_new (VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TLS,
                        _("The server’s certificate is not trusted: %s"),
                        error->message);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TLS,
                        _("The secure connection failed: %s"),
                        error->message);

  if (in_body)
    {
      g_debug ("Body cut short: %s", error->message);
      return g_error_new_literal (VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TRUNCATED,
                                  _("The connection was cut before the end of the data"));
    }

  return g_error_new (VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_CONNECT,
                      _("Could not connect to the server: %s"),
                      error->message);
}

static VigieHttpResponse *
build_response (Request *request,
                GBytes  *body)
{
  VigieHttpResponse *response;
  SoupMessageHeaders *headers;
  const char *etag;
  const char *last_modified;
  gint64 now;

  headers = soup_message_get_response_headers (request->message);
  etag = soup_message_headers_get_one (headers, "ETag");
  last_modified = soup_message_headers_get_one (headers, "Last-Modified");

  response = g_atomic_rc_box_new0 (VigieHttpResponse);
  response->status = soup_message_get_status (request->message);
  response->not_modified = response->status == SOUP_STATUS_NOT_MODIFIED;
  response->body = body;
  response->headers = soup_message_headers_ref (headers);

  /* A 304 may omit the validators: the ones sent are still current, so
   * the caller can always keep what it gets. */
  if (response->not_modified)
    {
      if (etag == NULL)
        etag = request->etag;
      if (last_modified == NULL)
        last_modified = request->last_modified;
    }

  response->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  response->etag = g_strdup (etag);
  response->last_modified = g_strdup (last_modified);
  response->server_date = parse_http_date (soup_message_headers_get_one (headers, "Date"));
  response->max_age_s = vigie_http_parse_max_age (soup_message_headers_get_list (headers, "Cache-Control"));

  /* Against the server's clock when it gives one: ours may be off. */
  now = response->server_date > 0 ? response->server_date : g_get_real_time () / G_USEC_PER_SEC;
  response->retry_after_s = vigie_http_parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"), now);

  response->latency_us = request->latency_us;
  response->duration_us = g_get_monotonic_time () - request->started_at;
  /* Shown to operators: a password in a feed's URL stays out of it. */
  response->final_url = g_uri_to_string_partial (soup_message_get_uri (request->message),
                                                 G_URI_HIDE_PASSWORD);
  response->n_redirects = request->n_redirects;

  return response;
}

static void
complete_request (GTask             *task,
                  VigieHttpResponse *response,
                  GError            *error)
{
  VigieHttpClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  /* Once the outcome is known, the timer must not rewrite it. */
  if (request->timeout_source != NULL)
    g_source_destroy (request->timeout_source);
  if (request->cancelled_source != NULL)
    g_source_destroy (request->cancelled_source);

  if (request->stream != NULL)
    g_input_stream_close (request->stream, NULL, NULL);
  g_clear_object (&request->stream);

  /* Done with libsoup here, in the client's thread: the task may be
   * freed in the caller's. */
  g_clear_object (&request->message);

  g_ptr_array_remove_fast (self->in_flight, task);
  vigie_http_client_thread_request_done (self);

  if (error != NULL)
    {
      g_autofree char *url = g_uri_to_string_partial (request->uri, G_URI_HIDE_PASSWORD);

      g_debug ("GET %s failed: %s", url, error->message);
      g_task_return_error (task, error);
    }
  else
    {
      g_debug ("GET %s: %u in %" G_GINT64_FORMAT " ms",
               response->final_url, response->status, response->duration_us / 1000);
      g_task_return_pointer (task, response, (GDestroyNotify) vigie_http_response_unref);
    }
}

/* A body that does not fit or is cut short fails the fetch, except under
 * an error status: there the status and Retry-After matter, not the page
 * the server wrapped them in. Takes @error. */
static void
fail_body (GTask  *task,
           GError *error)
{
  Request *request = g_task_get_task_data (task);
  guint status = soup_message_get_status (request->message);

  if (status >= 400 &&
      (g_error_matches (error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TOO_LARGE) ||
       g_error_matches (error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TRUNCATED)))
    {
      g_debug ("Dropping the body of a %u response: %s", status, error->message);
      g_error_free (error);
      complete_request (task, build_response (request, NULL), NULL);
      return;
    }

  complete_request (task, NULL, error);
}

static GError *
too_large_error (Request *request)
{
  g_autofree char *limit = g_format_size (request->max_body_size);

  return g_error_new (VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TOO_LARGE,
                      _("The response is larger than the %s limit"), limit);
}

static gboolean
on_request_timeout_cb (gpointer user_data)
{
  Request *request = user_data;

  /* Cancelling may complete the task, and free @request, right away. */
  request->timed_out = TRUE;
  g_cancellable_cancel (request->cancellable);

  return G_SOURCE_REMOVE;
}

/* A source rather than a "cancelled" handler: the handler would run inside
 * g_cancellable_cancel(), where completing the task could deadlock. */
static gboolean
on_caller_cancelled_cb (GCancellable *cancellable,
                        gpointer      user_data)
{
  Request *request = user_data;

  g_cancellable_cancel (request->cancellable);

  return G_SOURCE_REMOVE;
}

static void
on_read_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL)
    {
      fail_body (task, translate_error (request, g_steal_pointer (&error), TRUE));
      return;
    }

  size = g_bytes_get_size (bytes);

  if (size == 0)
    {
      /* libsoup reports this itself; checked again as it is cheap. */
      if (request->expected_length >= 0 && request->body->len < request->expected_length)
        {
          fail_body (task, g_error_new_literal (VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TRUNCATED,
                                                _("The connection was cut before the end of the data")));
          return;
        }

      complete_request (task,
                        build_response (request, g_byte_array_free_to_bytes (g_steal_pointer (&request->body))),
                        NULL);
      return;
    }

  if (size > request->max_body_size - request->body->len)
    {
      fail_body (task, too_large_error (request));
      return;
    }

  g_byte_array_append (request->body, g_bytes_get_data (bytes, NULL), size);

  read_next_chunk (g_steal_pointer (&task));
}

static void
read_next_chunk (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  gsize room = request->max_body_size - request->body->len;

  /* One byte past the limit is enough to know it was passed. */
  g_input_stream_read_bytes_async (request->stream,
                                   room >= CHUNK_SIZE ? CHUNK_SIZE : room + 1,
                                   G_PRIORITY_DEFAULT,
                                   request->cancellable,
                                   on_read_cb,
                                   task);
}

static void
follow_redirect (GTask      *task,
                 const char *location)
{
  VigieHttpClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GUri *uri;

  g_input_stream_close (request->stream, NULL, NULL);
  g_clear_object (&request->stream);

  if (request->n_redirects >= request->max_redirects)
    {
      complete_request (task, NULL,
                        g_error_new (VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TOO_MANY_REDIRECTS,
                                     _("Too many redirections (more than %u)"),
                                     request->max_redirects));
      g_object_unref (task);
      return;
    }

  uri = parse_http_uri (soup_message_get_uri (request->message), location, &error);
  if (uri == NULL)
    {
      complete_request (task, NULL, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* HTTPS is never downgraded: a redirection to plain HTTP would send
   * the request, and any key in it, in clear, and trust what comes back
   * (a pinned certificate too would be bypassed). */
  if (g_ascii_strcasecmp (g_uri_get_scheme (request->uri), "https") == 0 &&
      g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0)
    {
      g_autofree char *shown = g_uri_to_string_partial (uri, G_URI_HIDE_PASSWORD | G_URI_HIDE_QUERY);

      g_uri_unref (uri);
      complete_request (task, NULL,
                        g_error_new (VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_INSECURE_REDIRECT,
                                     _("The server redirected the secure address to an insecure one (%s); Vigie does not follow it"),
                                     shown));
      g_object_unref (task);
      return;
    }

  g_debug ("Redirected to %s", location);

  g_clear_pointer (&request->uri, g_uri_unref);
  request->uri = uri;
  request->n_redirects++;

  if (self->session == NULL)
    {
      complete_request (task, NULL,
                        g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                             _("The application is shutting down")));
      g_object_unref (task);
      return;
    }

  send_request (task);
}

static void
on_send_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *location;
  guint status;

  request->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (request->stream == NULL)
    {
      complete_request (task, NULL, translate_error (request, g_steal_pointer (&error), FALSE));
      return;
    }

  request->latency_us = g_get_monotonic_time () - request->sent_at;

  status = soup_message_get_status (request->message);
  headers = soup_message_get_response_headers (request->message);

  location = soup_message_headers_get_one (headers, "Location");
  if (is_redirect (status) && location != NULL && request->post_body == NULL)
    {
      follow_redirect (g_steal_pointer (&task), location);
      return;
    }

  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      complete_request (task, build_response (request, NULL), NULL);
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      !is_content_encoded (headers))
    request->expected_length = soup_message_headers_get_content_length (headers);

  /* Announced too large: no need to read a byte of it. */
  if (request->expected_length > (goffset) request->max_body_size)
    {
      fail_body (task, too_large_error (request));
      return;
    }

  /* Sized once when announced: growing megabytes by doubling copies them
   * again and again on the main thread (8 MiB of 50,000 stations). */
  request->body = request->expected_length > 0 ? g_byte_array_sized_new ((guint) request->expected_length)
                                               : g_byte_array_new ();
  read_next_chunk (g_steal_pointer (&task));
}

static void
send_request (GTask *task)
{
  VigieHttpClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_assert (self->session != NULL);

  g_clear_object (&request->message);
  request->message = soup_message_new_from_uri (request->post_body ? SOUP_METHOD_POST : SOUP_METHOD_GET,
                                                request->uri);
  if (request->post_body != NULL)
    soup_message_set_request_body_from_bytes (request->message, request->post_type, request->post_body);

  /* Followed by hand, to count them and to fail with our own error. */
  soup_message_add_flags (request->message, SOUP_MESSAGE_NO_REDIRECT);

  if (g_hash_table_size (self->pins) > 0)
    g_signal_connect_object (request->message, "accept-certificate",
                             G_CALLBACK (vigie_http_client_accept_certificate_cb), self, 0);

  headers = soup_message_get_request_headers (request->message);
  if (request->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", request->etag);
  if (request->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", request->last_modified);

  request->expected_length = -1;
  request->sent_at = g_get_monotonic_time ();

  soup_session_send_async (self->session,
                           request->message,
                           G_PRIORITY_DEFAULT,
                           request->cancellable,
                           on_send_cb,
                           task);
}

/* In the client's thread: its timers and the session are there. */
static gboolean
start_in_thread_cb (gpointer user_data)
{
  GTask *task = user_data;
  VigieHttpClient *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  if (self->session == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "%s", _("The application is shutting down"));
      return G_SOURCE_REMOVE;
    }

  if (request->request_timeout > 0)
    {
      request->timeout_source = g_timeout_source_new (MIN (request->request_timeout, G_MAXUINT / 1000) * 1000);
      g_source_set_static_name (request->timeout_source, "[vigie] http request timeout");
      g_source_set_callback (request->timeout_source, on_request_timeout_cb, request, NULL);
      g_source_attach (request->timeout_source, self->context);
    }

  if (request->caller_cancellable != NULL)
    {
      request->cancelled_source = g_cancellable_source_new (request->caller_cancellable);
      g_source_set_static_name (request->cancelled_source, "[vigie] http request cancelled");
      g_source_set_callback (request->cancelled_source,
                             G_SOURCE_FUNC (on_caller_cancelled_cb), request, NULL);
      g_source_attach (request->cancelled_source, self->context);
    }

  g_ptr_array_add (self->in_flight, task);

  send_request (g_object_ref (task));

  return G_SOURCE_REMOVE;
}

/*
 * Public API
 */

void
vigie_http_request_free (gpointer data)
{
  Request *request = data;

  if (request->timeout_source != NULL)
    g_source_destroy (request->timeout_source);
  g_clear_pointer (&request->timeout_source, g_source_unref);

  if (request->cancelled_source != NULL)
    g_source_destroy (request->cancelled_source);
  g_clear_pointer (&request->cancelled_source, g_source_unref);

  /* Closing a libsoup body stream early skips the rest of the body
   * without reading it and drops the connection. */
  if (request->stream != NULL)
    g_input_stream_close (request->stream, NULL, NULL);
  g_clear_object (&request->stream);

  g_clear_pointer (&request->uri, g_uri_unref);
  g_clear_pointer (&request->post_body, g_bytes_unref);
  g_clear_pointer (&request->post_type, g_free);
  g_clear_pointer (&request->etag, g_free);
  g_clear_pointer (&request->last_modified, g_free);
  g_clear_object (&request->cancellable);
  g_clear_object (&request->caller_cancellable);
  g_clear_object (&request->message);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_free (request);
}

void
vigie_http_request_start (VigieHttpClient     *self,
                          const char          *url,
                          GBytes              *post_body,
                          const char          *post_type,
                          const char          *etag,
                          const char          *last_modified,
                          gsize                max_body_size,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;
  Request *request;

  g_return_if_fail (VIGIE_IS_HTTP_CLIENT (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_http_client_fetch_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (self->disposed)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "%s", _("The application is shutting down"));
      return;
    }

  if (!(uri = parse_http_uri (NULL, url, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  request = g_new0 (Request, 1);
  request->uri = g_steal_pointer (&uri);
  request->post_body = post_body ? g_bytes_ref (post_body) : NULL;
  request->post_type = g_strdup (post_type);
  request->etag = etag != NULL && *etag != '\0' ? g_strdup (etag) : NULL;
  request->last_modified = last_modified != NULL && *last_modified != '\0' ? g_strdup (last_modified) : NULL;
  request->max_body_size = max_body_size > 0 ? max_body_size : VIGIE_HTTP_DEFAULT_MAX_BODY_SIZE;
  /* The body is kept in a GByteArray, limited to G_MAXUINT bytes. */
  request->max_body_size = MIN (request->max_body_size, G_MAXUINT);
  request->max_redirects = self->max_redirects;
  request->request_timeout = self->request_timeout;
  request->io_timeout = self->connect_timeout;
  request->cancellable = g_cancellable_new ();
  request->caller_cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  request->started_at = g_get_monotonic_time ();
  g_task_set_task_data (task, request, vigie_http_request_free);

  /* Sent from the client's thread (vigie-http-client-thread.c). */
  vigie_http_client_thread_invoke (self, G_PRIORITY_DEFAULT, start_in_thread_cb,
                                   g_steal_pointer (&task), g_object_unref);
}
