/* vigie-http-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "vigie-types.h"

G_BEGIN_DECLS

/* Used when a caller passes 0 as the body size limit. */
#define VIGIE_HTTP_DEFAULT_MAX_BODY_SIZE (32 * 1024 * 1024)

/* libsoup's two a server would fetch a GBFS system's five documents, or
 * the demo city's dozen, two by two, each pair waiting on the one before;
 * six, as browsers do. */
#define VIGIE_HTTP_FEED_CONNECTIONS_PER_HOST 6

#define VIGIE_HTTP_ERROR (vigie_http_error_quark ())

typedef enum
{
  VIGIE_HTTP_ERROR_CONNECT,
  VIGIE_HTTP_ERROR_TIMEOUT,
  VIGIE_HTTP_ERROR_TLS,
  VIGIE_HTTP_ERROR_TOO_LARGE,
  VIGIE_HTTP_ERROR_TRUNCATED,
  VIGIE_HTTP_ERROR_TOO_MANY_REDIRECTS,
  VIGIE_HTTP_ERROR_INVALID_URL,
  VIGIE_HTTP_ERROR_INSECURE_REDIRECT,
} VigieHttpError;

GQuark vigie_http_error_quark (void);

/**
 * VigieHttpResponse:
 * @status: the HTTP status of the last response (after redirections)
 * @not_modified: %TRUE for a 304 answer to a conditional request
 * @body: (nullable): the decoded body; %NULL for a 304, and for an error
 *   status (4xx, 5xx) whose body was too large or cut short
 * @headers: every header of the last response, for what the fields
 *   below do not say (NGSI-LD's NGSILD-Results-Count)
 * @content_type: (nullable): the Content-Type header, parameters included
 * @etag: (nullable): the ETag header; on a 304 without one, the ETag that
 *   was sent
 * @last_modified: (nullable): the Last-Modified header; on a 304 without
 *   one, the date that was sent
 * @max_age_s: from Cache-Control: max-age, 0 for no-cache or no-store,
 *   -1 if absent
 * @retry_after_s: from Retry-After, -1 if absent
 * @server_date: the Date header in Unix seconds, 0 if absent
 * @latency_us: from sending the last request to receiving its headers
 * @duration_us: the whole fetch, redirections and body included
 * @final_url: the URL that answered, after redirections
 * @n_redirects: how many redirections were followed
 *
 * The outcome of a fetch. Immutable and reference counted: read the
 * fields, never write them.
 */
typedef struct
{
  guint     status;
  gboolean  not_modified;
  GBytes   *body;
  SoupMessageHeaders *headers;
  char     *content_type;
  char     *etag;
  char     *last_modified;
  gint64    max_age_s;
  gint64    retry_after_s;
  gint64    server_date;
  gint64    latency_us;
  gint64    duration_us;
  char     *final_url;
  guint     n_redirects;
} VigieHttpResponse;

#define VIGIE_TYPE_HTTP_RESPONSE (vigie_http_response_get_type())

GType               vigie_http_response_get_type          (void) G_GNUC_CONST;
VigieHttpResponse  *vigie_http_response_ref               (VigieHttpResponse    *self);
void                vigie_http_response_unref             (VigieHttpResponse    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieHttpResponse, vigie_http_response_unref)

gint64              vigie_http_parse_max_age              (const char           *cache_control);
gint64              vigie_http_parse_retry_after          (const char           *value,
                                                           gint64                now_unix);

#define VIGIE_TYPE_HTTP_CLIENT (vigie_http_client_get_type())

G_DECLARE_FINAL_TYPE (VigieHttpClient, vigie_http_client, VIGIE, HTTP_CLIENT, GObject)

VigieHttpClient    *vigie_http_client_new                 (const char           *user_agent);
VigieHttpClient    *vigie_http_client_new_for_feeds       (const char           *user_agent);
const char         *vigie_http_client_get_user_agent      (VigieHttpClient      *self);
guint               vigie_http_client_get_connect_timeout (VigieHttpClient      *self);
void                vigie_http_client_set_connect_timeout (VigieHttpClient      *self,
                                                           guint                 connect_timeout);
guint               vigie_http_client_get_request_timeout (VigieHttpClient      *self);
void                vigie_http_client_set_request_timeout (VigieHttpClient      *self,
                                                           guint                 request_timeout);
guint               vigie_http_client_get_max_redirects   (VigieHttpClient      *self);
void                vigie_http_client_set_max_redirects   (VigieHttpClient      *self,
                                                           guint                 max_redirects);
void                vigie_http_client_fetch_async         (VigieHttpClient      *self,
                                                           const char           *url,
                                                           const char           *etag,
                                                           const char           *last_modified,
                                                           gsize                 max_body_size,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
void                vigie_http_client_post_async          (VigieHttpClient      *self,
                                                           const char           *url,
                                                           GBytes               *body,
                                                           const char           *content_type,
                                                           gsize                 max_body_size,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean            vigie_http_client_pin_certificate     (VigieHttpClient      *self,
                                                           const char           *url,
                                                           const char           *sha256);
VigieHttpResponse  *vigie_http_client_fetch_finish        (VigieHttpClient      *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

G_END_DECLS
