/* bench-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <stdio.h>

#include "vigie-feed.h"
#include "vigie-format.h"
#include "vigie-http-client.h"

/* How long the main loop stalls while a large GBFS feed is fetched, parsed
 * and applied: a 1 ms timer records the longest gap between its runs. The
 * baseline is the same timer with nothing else going on, and the cost of
 * parsing the same bytes on the main thread, as a naive app would. */

#define N_CYCLES 10

static GBytes *discovery, *information, *status;
static char *base;

static GBytes *
make_information (guint n)
{
  GString *s = g_string_new ("{\"last_updated\": 1795590000, \"ttl\": 60, \"version\": \"2.3\", \"data\": {\"stations\": [");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s{\"station_id\": \"%u\", \"name\": \"Station %u\", \"lat\": %.6f, \"lon\": %.6f, \"capacity\": %u}",
                            i ? "," : "", i, i, 47.70 + (i % 100) * 0.001, 7.28 + (i / 100) * 0.001, 10 + i % 30);
  g_string_append (s, "]}}");
  return g_string_free_to_bytes (s);
}

static GBytes *
make_status (guint n,
             guint cycle)
{
  GString *s = g_string_new ("{\"last_updated\": 1795590000, \"ttl\": 60, \"version\": \"2.3\", \"data\": {\"stations\": [");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s{\"station_id\": \"%u\", \"num_bikes_available\": %u, \"num_docks_available\": %u, "
                            "\"is_installed\": true, \"is_renting\": true, \"is_returning\": true, \"last_reported\": 1795590000}",
                            i ? "," : "", i, (i + cycle) % 10, 10 - (i + cycle) % 10);
  g_string_append (s, "]}}");
  return g_string_free_to_bytes (s);
}

static GBytes *
bytes_printf (const char *format,
                         ...) G_GNUC_PRINTF (1, 2);

static GBytes *
bytes_printf (const char *format,
                         ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  return g_bytes_new_take (text, strlen (text));
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  GBytes *body = g_str_equal (path, "/gbfs.json") ? discovery
               : g_str_equal (path, "/station_information.json") ? information
               : status;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

typedef struct
{
  gint64 last;
  gint64 max_gap;
} Watch;

static gboolean
on_tick_cb (gpointer data)
{
  Watch *watch = data;
  gint64 now = g_get_monotonic_time ();

  if (watch->last != 0)
    watch->max_gap = MAX (watch->max_gap, now - watch->last);
  watch->last = now;

  return G_SOURCE_CONTINUE;
}

static void
on_polled_cb (VigieFeed  *feed,
              const char *role,
              gboolean    success,
              guint      *n_polls)
{
  (*n_polls)++;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
median_ms (GArray *values)
{
  g_array_sort (values, compare_gint64);
  return g_array_index (values, gint64, values->len / 2) / 1000.0;
}

static void
run (guint n_stations)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-bench");
  g_autoptr(VigieFeed) feed = NULL;
  g_autoptr(GArray) stalls = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) idle = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) inline_parse = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *url = g_strdup_printf ("%s/gbfs.json", base);
  const VigieFormat *gbfs = vigie_format_lookup ("gbfs");
  VigieParseContext context = { .now = 1795590000, .language = "fr" };
  guint n_polls = 0;

  g_clear_pointer (&information, g_bytes_unref);
  g_clear_pointer (&status, g_bytes_unref);
  information = make_information (n_stations);
  status = make_status (n_stations, 0);

  /* Baseline 1: the timer alone, for as long as a cycle takes. */
  for (guint c = 0; c < N_CYCLES; c++)
    {
      Watch watch = { 0 };
      guint id = g_timeout_add (1, on_tick_cb, &watch);
      gint64 end = g_get_monotonic_time () + 100 * 1000;

      while (g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (id);
      g_array_append_val (idle, watch.max_gap);
    }

  /* Baseline 2: parsing the status document on the main thread. */
  for (guint c = 0; c < N_CYCLES; c++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(VigieSnapshot) snapshot = gbfs->parse ("station_status", status, &context, NULL);
      gint64 duration = g_get_monotonic_time () - start;

      g_array_append_val (inline_parse, duration);
    }

  feed = vigie_feed_new ("bench", NULL, VIGIE_FEED_KIND_BIKES, "gbfs", url);
  g_signal_connect (feed, "polled", G_CALLBACK (on_polled_cb), &n_polls);
  vigie_feed_start (feed, client);
  while (!vigie_feed_is_settled (feed))
    g_main_context_iteration (NULL, TRUE);

  /* The engine: each cycle fetches, parses in a worker and applies. */
  for (guint c = 0; c < N_CYCLES; c++)
    {
      Watch watch = { 0 };
      guint id;
      guint target;

      g_clear_pointer (&status, g_bytes_unref);
      status = make_status (n_stations, c + 1);

      id = g_timeout_add (1, on_tick_cb, &watch);
      target = n_polls + 3;  /* discovery, information, status */
      vigie_feed_refresh (feed);
      while (n_polls < target)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (id);

      g_array_append_val (stalls, watch.max_gap);
    }

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (vigie_feed_get_store (feed))), ==, n_stations);

  {
    double idle_ms = median_ms (idle);
    double stall_ms = median_ms (stalls);
    double inline_ms = median_ms (inline_parse);

    printf ("%6u stations  %7.1f KiB status  idle gap %5.2f ms  engine stall %6.2f ms (%.1fx idle)  "
            "parse on main thread would stall %6.2f ms (%.1fx the engine)\n",
            n_stations, g_bytes_get_size (status) / 1024.0,
            idle_ms, stall_ms, stall_ms / idle_ms, inline_ms, inline_ms / stall_ms);
  }

  vigie_feed_stop (feed);
}

/* The server runs in a thread of its own: its work is not the app's. */
static gpointer
serve_in_thread (gpointer data)
{
  GMainContext *context = g_main_context_new ();
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handler, NULL, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("%s", error->message);
  uris = soup_server_get_uris (server);
  g_atomic_pointer_set (&base, g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data)));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  for (;;)
    g_main_context_iteration (context, TRUE);

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  const guint sizes[] = { 1000, 10000, 50000 };

  g_thread_new ("server", serve_in_thread, NULL);
  while (g_atomic_pointer_get (&base) == NULL)
    g_usleep (1000);

  discovery = bytes_printf ("{\"last_updated\": 1795590000, \"ttl\": 60, \"version\": \"2.3\", \"data\": {\"fr\": {\"feeds\": ["
                                  "{\"name\": \"station_information\", \"url\": \"%s/station_information.json\"},"
                                  "{\"name\": \"station_status\", \"url\": \"%s/station_status.json\"}]}}}",
                                  base, base);

  printf ("Main-loop stall while a GBFS feed is fetched, parsed (worker) and applied; medians of %u cycles\n", N_CYCLES);
  if (argc > 1)
    for (int i = 1; i < argc; i++)
      run ((guint) g_ascii_strtoull (argv[i], NULL, 10));
  else
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      run (sizes[i]);

  return 0;
}
