/* vigie-http-client-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "vigie-http-client.h"

G_BEGIN_DECLS

/* What the client object (vigie-http-client.c: settings, header parsing,
 * TLS pinning, the public API) and the request state machine
 * (vigie-http-request.c: send, redirections, the body under its caps)
 * share. */

#define CHUNK_SIZE (64 * 1024)

/* Longer delays are a server's mistake or its way of saying "never": a
 * feed is looked at again within a day whatever it says. */
#define MAX_DELAY_S (24 * 60 * 60)

struct _VigieHttpClient
{
  GObject      parent_instance;

  /* libsoup's side lives in the client's own thread, under its own main
   * context (vigie-http-client-thread.c): the session, the requests in
   * flight and the shutting down are that thread's only. */
  SoupSession *session;
  GThread     *thread;
  GMainContext *context;
  GMainLoop   *loop;
  gboolean     shutting_down;
  gboolean     disposed;        /* the caller's side */
  guint        max_conns_per_host;
  char        *user_agent;
  guint        connect_timeout;
  guint        request_timeout;
  guint        max_redirects;

  /* The tasks of the fetches in flight, unowned: dispose cancels them. */
  GPtrArray   *in_flight;

  /* "host:port" → SHA-256 of a certificate the operator pinned; set by
   * the caller, read in the client's thread, under the lock. */
  GHashTable  *pins;
  GMutex       pins_lock;
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
  GCancellable *caller_cancellable;
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

void     vigie_http_request_free                (gpointer              data);
void     vigie_http_request_start               (VigieHttpClient      *self,
                                                 const char           *url,
                                                 GBytes               *post_body,
                                                 const char           *post_type,
                                                 const char           *etag,
                                                 const char           *last_modified,
                                                 gsize                 max_body_size,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean vigie_http_client_accept_certificate_cb (SoupMessage          *message,
                                                 GTlsCertificate      *certificate,
                                                 GTlsCertificateFlags  errors,
                                                 VigieHttpClient      *self);

void     vigie_http_client_thread_start        (VigieHttpClient      *self);
void     vigie_http_client_thread_stop         (VigieHttpClient      *self);
void     vigie_http_client_thread_invoke       (VigieHttpClient      *self,
                                                int                   priority,
                                                GSourceFunc           func,
                                                gpointer              data,
                                                GDestroyNotify        notify);
void     vigie_http_client_thread_request_done (VigieHttpClient      *self);

G_END_DECLS
