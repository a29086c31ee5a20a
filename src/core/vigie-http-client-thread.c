/* vigie-http-client-thread.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-http-client"

#include "config.h"

#include <libsoup/soup.h>

#include "vigie-http-client-private.h"

/* The client's thread. libsoup is used from one thread only, and that
 * thread is the client's own, with its own GMainContext: the requests are
 * connected, sent and read there whatever the main thread is doing, at
 * start-up building and drawing the window. Each fetch's GTask is made in
 * the caller's context and returned from here; its callback runs there.
 *
 * What the main thread hands over goes through sources attached to the
 * thread's context, in order. Dispose cancels what is in flight there and
 * waits for it to end; a client disposed in its own thread (the last
 * reference held by a request that just ended) lets the thread end by
 * itself. */

typedef struct
{
  VigieHttpClient *client;    /* unowned: it outlives the loop's run */
  GMainContext    *context;
  GMainLoop       *loop;
} ThreadData;

static gpointer
thread_main (gpointer user_data)
{
  ThreadData *data = user_data;
  VigieHttpClient *self = data->client;

  g_main_context_push_thread_default (data->context);

  /* TLS certificates are checked by libsoup's default; nothing here may
   * ever accept one that fails. */
  self->session = soup_session_new_with_options ("user-agent", self->user_agent,
                                                 "timeout", g_atomic_int_get (&self->connect_timeout),
                                                 "max-conns-per-host", self->max_conns_per_host,
                                                 NULL);
  /* In memory only: the session cookie of a controller's login (UniFi)
   * lives as long as the app. */
  soup_session_add_feature_by_type (self->session, SOUP_TYPE_COOKIE_JAR);

  g_main_loop_run (data->loop);

  g_main_context_pop_thread_default (data->context);
  g_main_loop_unref (data->loop);
  g_main_context_unref (data->context);
  g_free (data);

  return NULL;
}

/* In the client's thread: ends every request and the session. */
static gboolean
shutdown_cb (gpointer user_data)
{
  VigieHttpClient *self = user_data;
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_object_unref);

  self->shutting_down = TRUE;

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

  vigie_http_client_thread_request_done (self);

  return G_SOURCE_REMOVE;
}

/* GLib 2.74 can deadlock when two threads initialise GTypes for the
 * first time at once: a class_init holds the type system's class lock
 * while it asks for a type whose registration, in the other thread,
 * waits for that lock (found as the session's class_init in this thread
 * against the simulator's socket address on the main thread). So what
 * this thread would initialise first is initialised in the caller's
 * thread, once, before any client thread runs: libsoup's classes, the
 * socket and address classes of a connection, and the GIO modules'
 * defaults (resolver, proxy, TLS). */
static void
ensure_types (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      const GType types[] = {
        SOUP_TYPE_SESSION, SOUP_TYPE_MESSAGE, SOUP_TYPE_COOKIE_JAR, SOUP_TYPE_MESSAGE_HEADERS,
        G_TYPE_SOCKET_CLIENT, G_TYPE_SOCKET_CONNECTION, G_TYPE_TCP_CONNECTION, G_TYPE_SOCKET,
        G_TYPE_NETWORK_ADDRESS, G_TYPE_INET_SOCKET_ADDRESS, G_TYPE_INET_ADDRESS,
        G_TYPE_PROXY_ADDRESS, G_TYPE_PROXY_ADDRESS_ENUMERATOR,
        G_TYPE_CONVERTER_INPUT_STREAM, G_TYPE_ZLIB_DECOMPRESSOR, G_TYPE_MEMORY_INPUT_STREAM,
        G_TYPE_BUFFERED_INPUT_STREAM, G_TYPE_POLLABLE_INPUT_STREAM, G_TYPE_TASK, G_TYPE_CANCELLABLE,
        G_TYPE_TLS_INTERACTION, G_TYPE_TLS_CLIENT_CONNECTION, G_TYPE_TLS_CERTIFICATE,
      };

      for (guint i = 0; i < G_N_ELEMENTS (types); i++)
        {
          if (G_TYPE_IS_CLASSED (types[i]))
            g_type_class_unref (g_type_class_ref (types[i]));
          else
            g_type_ensure (types[i]);
        }
      g_object_unref (g_resolver_get_default ());
      g_proxy_resolver_get_default ();
      g_tls_backend_get_default ();

      g_once_init_leave (&done, 1);
    }
}

void
vigie_http_client_thread_start (VigieHttpClient *self)
{
  ThreadData *data;

  ensure_types ();

  data = g_new0 (ThreadData, 1);

  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);

  data->client = self;
  data->context = g_main_context_ref (self->context);
  data->loop = g_main_loop_ref (self->loop);
  self->thread = g_thread_new ("vigie-http", thread_main, data);
}

/* From dispose: safe to call again. */
void
vigie_http_client_thread_stop (VigieHttpClient *self)
{
  if (self->thread == NULL)
    return;

  if (g_thread_self () == self->thread)
    {
      /* Disposed by the last reference, dropped here: nothing is in
       * flight (each request holds the client), and the thread cannot
       * wait for itself. */
      shutdown_cb (self);
      g_thread_unref (g_steal_pointer (&self->thread));
      return;
    }

  /* Low: what the main thread handed over before is started first, and
   * then cancelled with the rest. */
  vigie_http_client_thread_invoke (self, G_PRIORITY_LOW, shutdown_cb, self, NULL);
  g_thread_join (g_steal_pointer (&self->thread));
}

void
vigie_http_client_thread_invoke (VigieHttpClient *self,
                                 int              priority,
                                 GSourceFunc      func,
                                 gpointer         data,
                                 GDestroyNotify   notify)
{
  g_autoptr(GSource) source = NULL;

  /* Before the thread (a property set at construction) or after it. */
  if (self->thread == NULL)
    {
      if (notify != NULL)
        notify (data);
      return;
    }

  source = g_idle_source_new ();
  g_source_set_priority (source, priority);
  g_source_set_static_name (source, "[vigie] http client call");
  g_source_set_callback (source, func, data, notify);
  g_source_attach (source, self->context);
}

/* In the client's thread, when a request left the list in flight. */
void
vigie_http_client_thread_request_done (VigieHttpClient *self)
{
  if (self->shutting_down && self->in_flight->len == 0)
    g_main_loop_quit (self->loop);
}
