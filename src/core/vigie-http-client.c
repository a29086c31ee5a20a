/* vigie-http-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-http-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "vigie-http-client.h"

/* The one HTTP client of the feed engine: a single SoupSession, so that
 * every feed shares the connection pool, the user agent and the TLS
 * database.
 *
 * Redirections and the body are handled here rather than by libsoup so
 * that each limit (redirections, body size, total time) has its own error
 * and is enforced as soon as it is passed: a feed must never make the
 * control room wait on, or swallow, a misbehaving server. */

#define CHUNK_SIZE (64 * 1024)

/* Longer delays are a server's mistake or its way of saying "never": a
 * feed is looked at again within a day whatever it says. */
#define MAX_DELAY_S (24 * 60 * 60)

struct _VigieHttpClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *user_agent;
  guint        connect_timeout;
  guint        request_timeout;
  guint        max_redirects;

  /* The tasks of the fetches in flight, unowned: dispose cancels them. */
  GPtrArray   *in_flight;

  /* "host:port" → SHA-256 of a certificate the operator pinned. */
  GHashTable  *pins;
};

typedef struct
{
  GUri         *uri;
  /* A POST's body and its type, or NULL for a GET. */
  GBytes       *post_body;
  char         *post_type;
  char         *etag;
  char         *last_modified;
  gsize         max_body_size;
  guint         max_redirects;
  guint         request_timeout;
  guint         io_timeout;

  /* Ours, never the caller's: the caller's cancellable, the request
   * timer and dispose all cancel it, and the flags below tell why. */
  GCancellable *cancellable;
  GSource      *timeout_source;
  GSource      *cancelled_source;

  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *body;
  /* -1 unless the length on the wire is the length of the body. */
  goffset       expected_length;

  guint         n_redirects;
  gint64        started_at;
  gint64        sent_at;
  gint64        latency_us;

  guint         timed_out : 1;
} Request;

G_DEFINE_FINAL_TYPE (VigieHttpClient, vigie_http_client, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (VigieHttpResponse, vigie_http_response,
                     vigie_http_response_ref, vigie_http_response_unref)

G_DEFINE_QUARK (vigie-http-error-quark, vigie_http_error)

enum {
  PROP_0,
  PROP_USER_AGENT,
  PROP_CONNECT_TIMEOUT,
  PROP_REQUEST_TIMEOUT,
  PROP_MAX_REDIRECTS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void send_request    (GTask *task);
static void read_next_chunk (GTask *task);

static void
request_free (gpointer data)
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
  g_clear_object (&request->message);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_free (request);
}

static void
response_clear (gpointer data)
{
  VigieHttpResponse *self = data;

  g_clear_pointer (&self->body, g_bytes_unref);
  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_clear_pointer (&self->content_type, g_free);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->last_modified, g_free);
  g_clear_pointer (&self->final_url, g_free);
}

static gboolean
token_equal (const char *str,
             gsize       len,
             const char *token)
{
  return len == strlen (token) && g_ascii_strncasecmp (str, token, len) == 0;
}

/* Trims spaces and one pair of surrounding quotes, in place. */
static char *
strip_value (char *value)
{
  gsize len;

  g_strstrip (value);
  len = strlen (value);

  if (len >= 2 && value[0] == '"' && value[len - 1] == '"')
    {
      value[len - 1] = '\0';
      memmove (value, value + 1, len - 1);
      g_strstrip (value);
    }

  return value;
}

/* Delta-seconds: digits only, saturated at MAX_DELAY_S. */
static gint64
parse_delta_seconds (const char *value)
{
  gint64 seconds = 0;

  if (*value == '\0')
    return -1;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return -1;

      if (seconds <= MAX_DELAY_S)
        seconds = seconds * 10 + g_ascii_digit_value (*p);
    }

  return MIN (seconds, MAX_DELAY_S);
}

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

  g_ptr_array_remove_fast (self->in_flight, task);

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

  request->body = g_byte_array_new ();
  read_next_chunk (g_steal_pointer (&task));
}

static char *
make_pin_key (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port < 0)
    port = g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;

  return g_strdup_printf ("%s:%d", g_uri_get_host (uri), port);
}

/* Only reached when libsoup's own verification failed: a self-signed
 * certificate (a Wi-Fi controller's, say) is accepted if, and only if,
 * the operator pinned its exact fingerprint for that host. */
static gboolean
on_accept_certificate_cb (SoupMessage          *message,
                          GTlsCertificate      *certificate,
                          GTlsCertificateFlags  errors,
                          VigieHttpClient      *self)
{
  g_autoptr(GByteArray) der = NULL;
  g_autofree char *key = make_pin_key (soup_message_get_uri (message));
  g_autofree char *fingerprint = NULL;
  const char *pinned = g_hash_table_lookup (self->pins, key);

  if (pinned == NULL || certificate == NULL)
    return FALSE;

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return FALSE;

  fingerprint = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  return g_ascii_strcasecmp (fingerprint, pinned) == 0;
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
                             G_CALLBACK (on_accept_certificate_cb), self, 0);

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

static void
vigie_http_client_constructed (GObject *object)
{
  VigieHttpClient *self = (VigieHttpClient *)object;

  G_OBJECT_CLASS (vigie_http_client_parent_class)->constructed (object);

  /* TLS certificates are checked by libsoup's default; nothing here may
   * ever accept one that fails. */
  self->session = soup_session_new_with_options ("user-agent", self->user_agent,
                                                 "timeout", self->connect_timeout,
                                                 NULL);
  /* In memory only: the session cookie of a controller's login (UniFi)
   * lives as long as the app. */
  soup_session_add_feature_by_type (self->session, SOUP_TYPE_COOKIE_JAR);
  self->pins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
vigie_http_client_dispose (GObject *object)
{
  VigieHttpClient *self = (VigieHttpClient *)object;
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);

  /* Cancelling may complete a task, and change the list, at once. */
  for (guint i = 0; i < self->in_flight->len; i++)
    g_ptr_array_add (tasks, g_object_ref (g_ptr_array_index (self->in_flight, i)));

  for (guint i = 0; i < tasks->len; i++)
    {
      Request *request = g_task_get_task_data (g_ptr_array_index (tasks, i));

      g_cancellable_cancel (request->cancellable);
    }

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (vigie_http_client_parent_class)->dispose (object);
}

static void
vigie_http_client_finalize (GObject *object)
{
  VigieHttpClient *self = (VigieHttpClient *)object;

  g_clear_pointer (&self->in_flight, g_ptr_array_unref);
  g_clear_pointer (&self->pins, g_hash_table_unref);
  g_clear_pointer (&self->user_agent, g_free);

  G_OBJECT_CLASS (vigie_http_client_parent_class)->finalize (object);
}

static void
vigie_http_client_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VigieHttpClient *self = VIGIE_HTTP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;

    case PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, self->connect_timeout);
      break;

    case PROP_REQUEST_TIMEOUT:
      g_value_set_uint (value, self->request_timeout);
      break;

    case PROP_MAX_REDIRECTS:
      g_value_set_uint (value, self->max_redirects);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_http_client_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  VigieHttpClient *self = VIGIE_HTTP_CLIENT (object);

  switch (prop_id)
    {
    case PROP_USER_AGENT:
      self->user_agent = g_value_dup_string (value);
      break;

    case PROP_CONNECT_TIMEOUT:
      vigie_http_client_set_connect_timeout (self, g_value_get_uint (value));
      break;

    case PROP_REQUEST_TIMEOUT:
      vigie_http_client_set_request_timeout (self, g_value_get_uint (value));
      break;

    case PROP_MAX_REDIRECTS:
      vigie_http_client_set_max_redirects (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_http_client_class_init (VigieHttpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = vigie_http_client_constructed;
  object_class->dispose = vigie_http_client_dispose;
  object_class->finalize = vigie_http_client_finalize;
  object_class->get_property = vigie_http_client_get_property;
  object_class->set_property = vigie_http_client_set_property;

  properties [PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * VigieHttpClient:connect-timeout:
   *
   * The socket time-out in seconds: connecting, and each wait for the
   * server while sending or reading. 0 means none. Applies to new
   * connections.
   */
  properties [PROP_CONNECT_TIMEOUT] =
    g_param_spec_uint ("connect-timeout", NULL, NULL,
                       0, G_MAXUINT, 10,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VigieHttpClient:request-timeout:
   *
   * The longest a whole fetch may take in seconds, redirections, headers
   * and body included. 0 means none. Applies to fetches started after.
   */
  properties [PROP_REQUEST_TIMEOUT] =
    g_param_spec_uint ("request-timeout", NULL, NULL,
                       0, G_MAXUINT, 30,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_MAX_REDIRECTS] =
    g_param_spec_uint ("max-redirects", NULL, NULL,
                       0, G_MAXUINT, 5,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_http_client_init (VigieHttpClient *self)
{
  self->connect_timeout = 10;
  self->request_timeout = 30;
  self->max_redirects = 5;
  self->in_flight = g_ptr_array_new ();
}

/**
 * vigie_http_response_ref:
 * @self: a #VigieHttpResponse
 *
 * Returns: (transfer full): @self
 */
VigieHttpResponse *
vigie_http_response_ref (VigieHttpResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
vigie_http_response_unref (VigieHttpResponse *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, response_clear);
}

/**
 * vigie_http_parse_max_age:
 * @cache_control: (nullable): the value of the Cache-Control header(s)
 *
 * Returns: the max-age in seconds (at most a day), 0 for no-cache or
 *   no-store, -1 if absent or unreadable
 */
gint64
vigie_http_parse_max_age (const char *cache_control)
{
  g_auto(GStrv) directives = NULL;
  gint64 max_age = -1;

  if (cache_control == NULL)
    return -1;

  directives = g_strsplit (cache_control, ",", -1);

  for (guint i = 0; directives[i] != NULL; i++)
    {
      char *directive = g_strstrip (directives[i]);
      char *equal = strchr (directive, '=');
      gsize name_len = equal != NULL ? (gsize)(equal - directive) : strlen (directive);

      while (name_len > 0 && g_ascii_isspace (directive[name_len - 1]))
        name_len--;

      /* Whatever else is said, these mean "ask again every time". */
      if (token_equal (directive, name_len, "no-cache") ||
          token_equal (directive, name_len, "no-store"))
        return 0;

      if (max_age < 0 && equal != NULL && token_equal (directive, name_len, "max-age"))
        max_age = parse_delta_seconds (strip_value (equal + 1));
    }

  return max_age;
}

/**
 * vigie_http_parse_retry_after:
 * @value: (nullable): the value of the Retry-After header
 * @now_unix: the current time in Unix seconds, preferably the server's
 *
 * Reads delta-seconds or an HTTP-date, taken relative to @now_unix.
 *
 * Returns: the delay in seconds (at most a day, 0 for a date already
 *   past), or -1 if absent or unreadable
 */
gint64
vigie_http_parse_retry_after (const char *value,
                              gint64      now_unix)
{
  g_autofree char *copy = NULL;
  g_autoptr(GDateTime) date = NULL;
  gint64 delay;

  if (value == NULL)
    return -1;

  copy = strip_value (g_strdup (value));

  if (g_ascii_isdigit (copy[0]))
    return parse_delta_seconds (copy);

  /* An HTTP-date starts with the name of a day. */
  if (!g_ascii_isalpha (copy[0]))
    return -1;

  date = soup_date_time_new_from_http_string (copy);
  if (date == NULL)
    return -1;

  delay = g_date_time_to_unix (date) - now_unix;

  return CLAMP (delay, 0, MAX_DELAY_S);
}

/**
 * vigie_http_client_new:
 * @user_agent: (nullable): the User-Agent header, sent as given
 *
 * Returns: (transfer full): a new #VigieHttpClient
 */
VigieHttpClient *
vigie_http_client_new (const char *user_agent)
{
  return g_object_new (VIGIE_TYPE_HTTP_CLIENT,
                       "user-agent", user_agent,
                       NULL);
}

const char *
vigie_http_client_get_user_agent (VigieHttpClient *self)
{
  g_return_val_if_fail (VIGIE_IS_HTTP_CLIENT (self), NULL);

  return self->user_agent;
}

guint
vigie_http_client_get_connect_timeout (VigieHttpClient *self)
{
  g_return_val_if_fail (VIGIE_IS_HTTP_CLIENT (self), 0);

  return self->connect_timeout;
}

void
vigie_http_client_set_connect_timeout (VigieHttpClient *self,
                                       guint            connect_timeout)
{
  g_return_if_fail (VIGIE_IS_HTTP_CLIENT (self));

  if (self->connect_timeout == connect_timeout)
    return;

  self->connect_timeout = connect_timeout;

  if (self->session != NULL)
    soup_session_set_timeout (self->session, connect_timeout);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CONNECT_TIMEOUT]);
}

guint
vigie_http_client_get_request_timeout (VigieHttpClient *self)
{
  g_return_val_if_fail (VIGIE_IS_HTTP_CLIENT (self), 0);

  return self->request_timeout;
}

void
vigie_http_client_set_request_timeout (VigieHttpClient *self,
                                       guint            request_timeout)
{
  g_return_if_fail (VIGIE_IS_HTTP_CLIENT (self));

  if (self->request_timeout == request_timeout)
    return;

  self->request_timeout = request_timeout;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REQUEST_TIMEOUT]);
}

guint
vigie_http_client_get_max_redirects (VigieHttpClient *self)
{
  g_return_val_if_fail (VIGIE_IS_HTTP_CLIENT (self), 0);

  return self->max_redirects;
}

void
vigie_http_client_set_max_redirects (VigieHttpClient *self,
                                     guint            max_redirects)
{
  g_return_if_fail (VIGIE_IS_HTTP_CLIENT (self));

  if (self->max_redirects == max_redirects)
    return;

  self->max_redirects = max_redirects;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MAX_REDIRECTS]);
}

static void
start_request (VigieHttpClient     *self,
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
  GMainContext *context;
  Request *request;

  g_return_if_fail (VIGIE_IS_HTTP_CLIENT (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_http_client_fetch_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (self->session == NULL)
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
  request->started_at = g_get_monotonic_time ();
  g_task_set_task_data (task, request, request_free);

  context = g_task_get_context (task);

  if (request->request_timeout > 0)
    {
      request->timeout_source = g_timeout_source_new (MIN (request->request_timeout, G_MAXUINT / 1000) * 1000);
      g_source_set_static_name (request->timeout_source, "[vigie] http request timeout");
      g_source_set_callback (request->timeout_source, on_request_timeout_cb, request, NULL);
      g_source_attach (request->timeout_source, context);
    }

  if (cancellable != NULL)
    {
      request->cancelled_source = g_cancellable_source_new (cancellable);
      g_source_set_static_name (request->cancelled_source, "[vigie] http request cancelled");
      g_source_set_callback (request->cancelled_source,
                             G_SOURCE_FUNC (on_caller_cancelled_cb), request, NULL);
      g_source_attach (request->cancelled_source, context);
    }

  g_ptr_array_add (self->in_flight, task);

  send_request (g_steal_pointer (&task));
}

/**
 * vigie_http_client_fetch_async:
 * @self: a #VigieHttpClient
 * @url: an http or https URL
 * @etag: (nullable): the ETag of the copy the caller has
 * @last_modified: (nullable): the Last-Modified of the copy the caller has
 * @max_body_size: the largest decoded body accepted, 0 for
 *   %VIGIE_HTTP_DEFAULT_MAX_BODY_SIZE
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the fetch is done
 * @user_data: data for @callback
 *
 * GETs @url, conditionally when @etag or @last_modified is given,
 * following redirections and reading the whole body under the limit.
 *
 * HTTP error statuses are not errors: the response tells them, with the
 * body when it fits. Errors are in %VIGIE_HTTP_ERROR, or
 * %G_IO_ERROR_CANCELLED when @cancellable is cancelled or @self disposed.
 */
void
vigie_http_client_fetch_async (VigieHttpClient     *self,
                               const char          *url,
                               const char          *etag,
                               const char          *last_modified,
                               gsize                max_body_size,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  start_request (self, url, NULL, NULL, etag, last_modified, max_body_size,
                 cancellable, callback, user_data);
}

/**
 * vigie_http_client_post_async:
 * @self: a #VigieHttpClient
 * @url: an http or https URL
 * @body: the request's body
 * @content_type: the type of @body, as "application/json"
 * @max_body_size: the largest decoded answer accepted, 0 for
 *   %VIGIE_HTTP_DEFAULT_MAX_BODY_SIZE
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the request is done
 * @user_data: data for @callback
 *
 * POSTs @body to @url, as a controller's login, under the same limits
 * as a fetch; cookies the server sets are sent with later requests to
 * it. Redirections are not followed. Finish with
 * vigie_http_client_fetch_finish().
 */
void
vigie_http_client_post_async (VigieHttpClient     *self,
                              const char          *url,
                              GBytes              *body,
                              const char          *content_type,
                              gsize                max_body_size,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (body != NULL);
  g_return_if_fail (content_type != NULL);

  start_request (self, url, body, content_type, NULL, NULL, max_body_size,
                 cancellable, callback, user_data);
}

/**
 * vigie_http_client_fetch_finish:
 * @self: a #VigieHttpClient
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
VigieHttpResponse *
vigie_http_client_fetch_finish (VigieHttpClient  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (VIGIE_IS_HTTP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vigie_http_client_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * vigie_http_client_pin_certificate:
 * @self: a #VigieHttpClient
 * @url: an address on the host whose certificate is pinned
 * @sha256: (nullable): the SHA-256 of the certificate (DER), in hex, with
 *   or without colons; %NULL removes the pin
 *
 * Trusts one self-signed certificate on one host and port, as a UniFi
 * controller has: any other certificate that fails verification there is
 * still refused.
 *
 * Returns: whether @url and @sha256 could be read
 */
gboolean
vigie_http_client_pin_certificate (VigieHttpClient *self,
                                   const char      *url,
                                   const char      *sha256)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GString) hex = NULL;

  g_return_val_if_fail (VIGIE_IS_HTTP_CLIENT (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!(uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL)) || g_uri_get_host (uri) == NULL)
    return FALSE;

  if (sha256 == NULL)
    {
      g_autofree char *key = make_pin_key (uri);

      /* Connections kept alive were trusted under the pin: drop them (a
       * TLS session already agreed may still be resumed until restart). */
      if (g_hash_table_remove (self->pins, key))
        soup_session_abort (self->session);
      return TRUE;
    }

  hex = g_string_new (NULL);
  for (const char *c = sha256; *c; c++)
    if (g_ascii_isxdigit (*c))
      g_string_append_c (hex, g_ascii_tolower (*c));
    else if (*c != ':' && *c != ' ')
      return FALSE;

  if (hex->len != 64)
    return FALSE;

  g_hash_table_replace (self->pins, make_pin_key (uri), g_string_free (g_steal_pointer (&hex), FALSE));
  return TRUE;
}
