/* vigie-sim-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-simulator"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "vigie-simulator-private.h"

/* The simulator's HTTP side: each request is answered after the feed's
 * latency, with a document rendered in a worker and, under a fault, an
 * error status, a corrupt or a truncated body. */

typedef struct
{
  VigieSimulator  *simulator;
  VigieSimContext  context;
  char            *base_url;
  char            *path;
  GHashTable      *query;
  Fault            fault;
  SoupServerMessage *msg;
  gboolean         disconnected;
  gulong           disconnected_id;
  gboolean         rendering;     /* handed to a render task */
  VigieSimDocument document;
} Request;

static void
request_free (Request *request)
{
  g_clear_signal_handler (&request->disconnected_id, request->msg);
  g_clear_object (&request->msg);
  g_clear_object (&request->simulator);
  g_clear_pointer (&request->context.tz, g_time_zone_unref);
  g_clear_pointer (&request->query, g_hash_table_unref);
  vigie_sim_document_clear (&request->document);
  g_free (request->base_url);
  g_free (request->path);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/*
 * Auxiliary functions
 */

static GHashTable *
copy_query (GHashTable *query)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  if (query == NULL)
    return copy;

  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));

  return copy;
}

/* Keeps the size and breaks the syntax: the middle third becomes "}{ in
 * text (the quote so that it cannot hide inside a string; not '#', which
 * JSON-GLib takes for a comment) and 0xFF in binary documents (an endless
 * protobuf varint, a broken deflate stream). */
static GBytes *
corrupt (GBytes     *body,
         const char *content_type)
{
  gboolean binary = g_str_has_prefix (content_type, "application/zip") ||
                    g_str_has_prefix (content_type, "application/x-protobuf");
  gsize size;
  const guint8 *data = g_bytes_get_data (body, &size);
  guint8 *copy;

  if (size < 3)
    return g_bytes_new_static ("\"}{", 3);

  copy = g_memdup2 (data, size);
  for (gsize i = size / 3; i < 2 * (size / 3); i++)
    copy[i] = binary ? 0xFF : "\"}{"[i % 3];

  return g_bytes_new_take (copy, size);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  VigieSimulator *self = source_object;
  Request *request = task_data;

  vigie_simulator_render_document (self, &request->context, request->base_url, request->path,
                   request->query, &request->document);
  g_task_return_boolean (task, TRUE);
}

static void
free_string (gpointer data)
{
  g_string_free (data, TRUE);
}

static void
on_truncated_written_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GIOStream) stream = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
send_document (VigieSimulator *self,
               Request        *request)
{
  SoupServerMessage *msg = request->msg;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  VigieSimDocument *document = &request->document;
  g_autoptr(GBytes) body = g_bytes_ref (document->body);
  g_autofree char *etag = NULL;
  const char *if_none_match;
  gsize size;
  const char *data;

  if (request->fault.malformed)
    {
      g_bytes_unref (body);
      body = corrupt (document->body, document->content_type);
    }

  data = g_bytes_get_data (body, &size);

  if (document->status == 200)
    {
      g_autofree char *checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA1, body);

      etag = g_strdup_printf ("\"%.16s\"", checksum);
      soup_message_headers_replace (headers, "ETag", etag);
    }

  if (document->results_count >= 0 && request->query != NULL &&
      g_strcmp0 (g_hash_table_lookup (request->query, "count"), "true") == 0)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, document->results_count);

      soup_message_headers_replace (headers, "NGSILD-Results-Count", count);
    }
  if (g_str_has_prefix (request->path, "/ngsi-ld/"))
    soup_message_headers_replace (headers, "Link",
                                  "<https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld>; "
                                  "rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"");
  if (document->link != NULL)
    soup_message_headers_append (headers, "Link", document->link);
  if (document->content_range != NULL)
    soup_message_headers_replace (headers, "Content-Range", document->content_range);

  if_none_match = soup_message_headers_get_one (request_headers, "If-None-Match");
  if (etag != NULL && g_strcmp0 (if_none_match, etag) == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  if (request->fault.truncated && size > 1)
    {
      GIOStream *stream;
      GOutputStream *output;
      GString *reply = g_string_new (NULL);

      /* Promise the whole document, send half of it, hang up. */
      stream = soup_server_message_steal_connection (msg);
      output = g_io_stream_get_output_stream (stream);
      g_string_append_printf (reply, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\n"
                              "Content-Length: %" G_GSIZE_FORMAT "\r\nConnection: close\r\n\r\n",
                              document->content_type, size);
      g_string_append_len (reply, data, size / 2);
      g_output_stream_write_all_async (output, reply->str, reply->len, G_PRIORITY_DEFAULT, NULL,
                                       on_truncated_written_cb, stream);
      /* The buffer must outlive the write: hand it to the stream. */
      g_object_set_data_full (G_OBJECT (stream), "vigie-sim-reply", reply, free_string);
      return;
    }

  soup_server_message_set_status (msg, document->status, NULL);
  soup_server_message_set_response (msg, document->content_type, SOUP_MEMORY_COPY, data, size);
}

static void
on_render_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  VigieSimulator *self = VIGIE_SIMULATOR (object);
  Request *request = g_task_get_task_data (G_TASK (result));

  self->n_rendering--;
  if (!g_task_propagate_boolean (G_TASK (result), NULL) || request->disconnected)
    return;

  send_document (self, request);
  if (!request->fault.truncated)
    soup_server_message_unpause (request->msg);
}

static void
start_render (VigieSimulator *self,
              Request        *request)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_render_done_cb, NULL);

  g_task_set_source_tag (task, start_render);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  /* Counted, so that a server stopping in a thread of its own waits for
   * the answers it owes its main context (vigie-sim-server-thread.c). */
  self->n_rendering++;
  request->rendering = TRUE;
  g_task_run_in_thread (task, render_thread);
}

static gboolean
on_latency_elapsed_cb (gpointer user_data)
{
  Request *request = user_data;

  if (!request->disconnected)
    start_render (request->simulator, request);

  return G_SOURCE_REMOVE;
}

/* The wait's source may also go with its context, the server stopped. */
static void
on_latency_destroyed_cb (gpointer user_data)
{
  Request *request = user_data;

  if (!request->rendering)
    request_free (request);
}

static void
on_message_disconnected_cb (SoupServerMessage *msg,
                            gpointer           user_data)
{
  Request *request = user_data;

  request->disconnected = TRUE;
}

static void
send_index (SoupServerMessage *msg)
{
  const char * const *paths = vigie_simulator_list_paths ();
  GString *text = g_string_new ("Vigie — ville de démonstration (données simulées)\n\n");

  for (guint i = 0; paths[i] != NULL; i++)
    g_string_append_printf (text, "%s\n", paths[i]);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY, text->str, text->len);
  g_string_free (text, TRUE);
}

/*
 * Callbacks
 */

void
vigie_simulator_on_request_cb (SoupServer        *server,
                               SoupServerMessage *msg,
                               const char        *path,
                               GHashTable        *query,
                               gpointer           user_data)
{
  VigieSimulator *self = user_data;
  g_autoptr(Request) request = NULL;
  VigieSimFeed feed;
  const Fault *fault;

  if (g_strcmp0 (soup_server_message_get_method (msg), "GET") != 0 &&
      g_strcmp0 (soup_server_message_get_method (msg), "HEAD") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  if (g_str_equal (path, "/"))
    {
      send_index (msg);
      return;
    }

  if (!vigie_sim_feed_for_path (path, &feed))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  fault = vigie_simulator_active_fault (self, feed);
  if (fault->status != 0)
    {
      soup_server_message_set_status (msg, fault->status, NULL);
      soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                        "Simulated failure\n", strlen ("Simulated failure\n"));
      return;
    }

  request = g_new0 (Request, 1);
  request->simulator = g_object_ref (self);
  request->fault = *fault;
  vigie_simulator_make_context (self, fault, &request->context);
  request->base_url = vigie_simulator_base_url (self);
  request->path = g_strdup (path);
  request->query = copy_query (query);
  request->msg = g_object_ref (msg);
  request->disconnected_id = g_signal_connect (msg, "disconnected",
                                               G_CALLBACK (on_message_disconnected_cb), request);

  /* A truncated answer needs the connection still in the handler's hands. */
  if (fault->truncated)
    {
      vigie_simulator_render_document (self, &request->context, request->base_url, path, request->query, &request->document);
      send_document (self, request);
      return;
    }

  soup_server_message_pause (msg);

  if (fault->latency_ms > 0)
    {
      /* In the context the server answers in, which may be a thread's. */
      g_autoptr(GSource) wait = g_timeout_source_new (fault->latency_ms);

      g_source_set_static_name (wait, "[vigie] simulated latency");
      g_source_set_callback (wait, on_latency_elapsed_cb, g_steal_pointer (&request), on_latency_destroyed_cb);
      g_source_attach (wait, g_main_context_get_thread_default ());
      return;
    }

  start_render (self, g_steal_pointer (&request));
}
