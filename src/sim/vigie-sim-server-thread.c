/* vigie-sim-server-thread.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-simulator"

#include "config.h"

#include "vigie-sim-server-thread.h"
#include "vigie-simulator-private.h"

/* The demo city served from a thread of its own (vigie --demo): the app's
 * main thread builds and draws its window at start-up, and the feeds'
 * first requests must be answered meanwhile, not after it. The SoupServer
 * is made, listens, answers and is disconnected in that thread, under its
 * own GMainContext; the documents are still rendered in workers, whose
 * answers come back to that context. The simulator's clock is read there
 * under its lock. */

struct _VigieSimServerThread
{
  VigieSimulator *simulator;
  guint           port;
  GThread        *thread;
  GMainContext   *context;
  GMainLoop      *loop;

  GMutex          lock;
  GCond           cond;
  gboolean        started;   /* under lock */
  GError         *error;     /* under lock: why it could not listen */
};

static void
server_thread_free (VigieSimServerThread *self)
{
  g_clear_object (&self->simulator);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_error (&self->error);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

static gpointer
server_thread_main (gpointer data)
{
  VigieSimServerThread *self = data;
  g_autoptr(GError) error = NULL;
  gboolean listening;

  g_main_context_push_thread_default (self->context);

  listening = vigie_simulator_start (self->simulator, self->port, &error);

  g_mutex_lock (&self->lock);
  self->started = TRUE;
  self->error = g_steal_pointer (&error);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  if (listening)
    {
      g_main_loop_run (self->loop);

      vigie_simulator_stop (self->simulator);
      /* Each render's task comes back to this context: wait for them, or
       * they would never be freed. Simulated latencies still waiting go
       * with the context. */
      while (self->simulator->n_rendering > 0)
        g_main_context_iteration (self->context, TRUE);
    }

  g_main_context_pop_thread_default (self->context);

  return NULL;
}

static gboolean
quit_cb (gpointer user_data)
{
  VigieSimServerThread *self = user_data;

  g_main_loop_quit (self->loop);

  return G_SOURCE_REMOVE;
}

/* GLib 2.74 can deadlock when two threads initialise GTypes for the
 * first time at once (a class_init holding the class lock asks for a
 * type whose registration, in the other thread, waits for that lock):
 * the server's classes and those of its sockets are initialised in the
 * caller's thread, once, before the server's thread runs. */
static void
ensure_types (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      const GType types[] = {
        SOUP_TYPE_SERVER, SOUP_TYPE_SERVER_MESSAGE, SOUP_TYPE_MESSAGE_HEADERS, SOUP_TYPE_MESSAGE_BODY,
        G_TYPE_SOCKET, G_TYPE_SOCKET_CONNECTION, G_TYPE_TCP_CONNECTION,
        G_TYPE_INET_SOCKET_ADDRESS, G_TYPE_INET_ADDRESS,
      };

      for (guint i = 0; i < G_N_ELEMENTS (types); i++)
        {
          if (G_TYPE_IS_CLASSED (types[i]))
            g_type_class_unref (g_type_class_ref (types[i]));
          else
            g_type_ensure (types[i]);
        }

      g_once_init_leave (&done, 1);
    }
}

/**
 * vigie_sim_server_thread_start:
 * @simulator: a simulator not serving yet
 * @port: the port, 0 for a free one
 * @error: return location for a #GError
 *
 * Serves @simulator on 127.0.0.1 from a new thread. Returns once it
 * listens (vigie_simulator_get_port() is then set), or failed to. The
 * simulator's knobs other than its clock must not change until stopped.
 *
 * Returns: (transfer full) (nullable): the thread, to stop with
 *   vigie_sim_server_thread_stop(), or %NULL with @error set
 */
VigieSimServerThread *
vigie_sim_server_thread_start (VigieSimulator  *simulator,
                               guint            port,
                               GError         **error)
{
  VigieSimServerThread *self;

  g_return_val_if_fail (VIGIE_IS_SIMULATOR (simulator), NULL);
  g_return_val_if_fail (vigie_simulator_get_port (simulator) == 0, NULL);

  ensure_types ();

  self = g_new0 (VigieSimServerThread, 1);
  self->simulator = g_object_ref (simulator);
  self->port = port;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("vigie-demo-server", server_thread_main, self);

  /* A bind on loopback: a millisecond, and the profile needs the port. */
  g_mutex_lock (&self->lock);
  while (!self->started)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      g_thread_join (self->thread);
      server_thread_free (self);
      return NULL;
    }

  return self;
}

/**
 * vigie_sim_server_thread_stop:
 * @self: (transfer full): a thread from vigie_sim_server_thread_start()
 *
 * Disconnects the server in its thread, waits for the documents being
 * rendered and for the thread to end, and frees @self.
 */
void
vigie_sim_server_thread_stop (VigieSimServerThread *self)
{
  g_autoptr(GSource) quit = NULL;

  g_return_if_fail (self != NULL);

  /* A source, not g_main_loop_quit() from here: the thread may not be
   * running its loop yet, and a quit before the run would be lost. */
  quit = g_idle_source_new ();
  g_source_set_static_name (quit, "[vigie] demo server quit");
  g_source_set_callback (quit, quit_cb, self, NULL);
  g_source_attach (quit, self->context);

  g_thread_join (self->thread);
  server_thread_free (self);
}
