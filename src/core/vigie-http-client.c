/* vigie-http-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-http-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "vigie-http-client-private.h"
#include "vigie-hash.h"

/* The one HTTP client of the feed engine: a single SoupSession, so that
 * every feed shares the connection pool, the user agent and the TLS
 * database.
 *
 * Redirections and the body are handled here rather than by libsoup so
 * that each limit (redirections, body size, total time) has its own error
 * and is enforced as soon as it is passed: a feed must never make the
 * control room wait on, or swallow, a misbehaving server.
 *
 * The request state machine is in vigie-http-request.c. */

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
  PROP_MAX_CONNECTIONS_PER_HOST,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/*
 * Auxiliary functions
 */

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

static char *
make_pin_key (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port < 0)
    port = g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;

  return g_strdup_printf ("%s:%d", g_uri_get_host (uri), port);
}

/*
 * Callbacks
 */

/* In the client's thread, as every use of the session. */
static gboolean
set_timeout_cb (gpointer user_data)
{
  VigieHttpClient *self = user_data;

  if (self->session != NULL)
    soup_session_set_timeout (self->session, g_atomic_int_get (&self->connect_timeout));

  return G_SOURCE_REMOVE;
}

static gboolean
abort_cb (gpointer user_data)
{
  VigieHttpClient *self = user_data;

  if (self->session != NULL)
    soup_session_abort (self->session);

  return G_SOURCE_REMOVE;
}

/* Only reached when libsoup's own verification failed: a self-signed
 * certificate (a Wi-Fi controller's, say) is accepted if, and only if,
 * the operator pinned its exact fingerprint for that host. */
gboolean
vigie_http_client_accept_certificate_cb (SoupMessage          *message,
                                         GTlsCertificate      *certificate,
                                         GTlsCertificateFlags  errors,
                                         VigieHttpClient      *self)
{
  g_autoptr(GByteArray) der = NULL;
  g_autofree char *key = make_pin_key (soup_message_get_uri (message));
  g_autofree char *fingerprint = NULL;
  g_autofree char *pinned = NULL;

  g_mutex_lock (&self->pins_lock);
  pinned = g_strdup (g_hash_table_lookup (self->pins, key));
  g_mutex_unlock (&self->pins_lock);

  if (pinned == NULL || certificate == NULL)
    return FALSE;

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return FALSE;

  fingerprint = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  return g_ascii_strcasecmp (fingerprint, pinned) == 0;
}

/*
 * Overrides
 */

static void
vigie_http_client_constructed (GObject *object)
{
  VigieHttpClient *self = (VigieHttpClient *)object;

  G_OBJECT_CLASS (vigie_http_client_parent_class)->constructed (object);

  /* The session is made, and used, in the client's thread. */
  vigie_http_client_thread_start (self);
}

static void
vigie_http_client_dispose (GObject *object)
{
  VigieHttpClient *self = (VigieHttpClient *)object;

  /* Requests in flight are cancelled there; their callbacks come after. */
  self->disposed = TRUE;
  vigie_http_client_thread_stop (self);

  G_OBJECT_CLASS (vigie_http_client_parent_class)->dispose (object);
}

static void
vigie_http_client_finalize (GObject *object)
{
  VigieHttpClient *self = (VigieHttpClient *)object;

  g_clear_pointer (&self->in_flight, g_ptr_array_unref);
  g_clear_pointer (&self->pins, g_hash_table_unref);
  g_mutex_clear (&self->pins_lock);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
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

    case PROP_MAX_CONNECTIONS_PER_HOST:
      g_value_set_uint (value, self->max_conns_per_host);
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

    case PROP_MAX_CONNECTIONS_PER_HOST:
      self->max_conns_per_host = g_value_get_uint (value);
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

  /**
   * VigieHttpClient:max-connections-per-host:
   *
   * How many connections to one server at most, libsoup's 2 by default:
   * the usage policy of OpenStreetMap's tile servers. The feeds' client
   * takes %VIGIE_HTTP_FEED_CONNECTIONS_PER_HOST.
   */
  properties [PROP_MAX_CONNECTIONS_PER_HOST] =
    g_param_spec_uint ("max-connections-per-host", NULL, NULL,
                       1, G_MAXUINT, 2,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_http_client_init (VigieHttpClient *self)
{
  self->connect_timeout = 10;
  self->request_timeout = 30;
  self->max_redirects = 5;
  self->in_flight = g_ptr_array_new ();
  self->pins = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&self->pins_lock);
}

/*
 * Public API
 */

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

/**
 * vigie_http_client_new_for_feeds:
 * @user_agent: the User-Agent header
 *
 * The client the feeds share: up to %VIGIE_HTTP_FEED_CONNECTIONS_PER_HOST
 * connections to one server, so that the documents of one system are
 * fetched together rather than two by two.
 *
 * Returns: (transfer full): a new client
 */
VigieHttpClient *
vigie_http_client_new_for_feeds (const char *user_agent)
{
  return g_object_new (VIGIE_TYPE_HTTP_CLIENT,
                       "user-agent", user_agent,
                       "max-connections-per-host", VIGIE_HTTP_FEED_CONNECTIONS_PER_HOST,
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

  g_atomic_int_set (&self->connect_timeout, connect_timeout);
  vigie_http_client_thread_invoke (self, G_PRIORITY_DEFAULT, set_timeout_cb, g_object_ref (self), g_object_unref);

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
  vigie_http_request_start (self, url, NULL, NULL, etag, last_modified, max_body_size,
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

  vigie_http_request_start (self, url, body, content_type, NULL, NULL, max_body_size,
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
      gboolean removed;

      g_mutex_lock (&self->pins_lock);
      removed = g_hash_table_remove (self->pins, key);
      g_mutex_unlock (&self->pins_lock);
      if (removed)
        vigie_http_client_thread_invoke (self, G_PRIORITY_DEFAULT, abort_cb, g_object_ref (self), g_object_unref);
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

  g_mutex_lock (&self->pins_lock);
  g_hash_table_replace (self->pins, make_pin_key (uri), g_string_free (g_steal_pointer (&hex), FALSE));
  g_mutex_unlock (&self->pins_lock);
  return TRUE;
}
