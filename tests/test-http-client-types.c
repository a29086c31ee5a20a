/* test-http-client-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "vigie-http-client.h"
#include "vigie-test-support.h"

/* The HTTP client's thread initialises libsoup's classes while the main
 * thread, at the same moment, starts a server on loopback (the tests'
 * servers, the demo's simulator): GLib 2.74 deadlocks when a class_init
 * in one thread asks for a type whose first registration, in the other,
 * waits for the class lock. The client initialises those types before
 * its thread starts. Each try is a fresh process, as only the first
 * initialisation of a type can race. */

#define N_TRIES 100

static void
on_fetched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VigieHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  gboolean *done = user_data;

  response = vigie_http_client_fetch_finish (VIGIE_HTTP_CLIENT (object), result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_NOT_FOUND);
  *done = TRUE;
}

/* In a fresh process: the client's thread and a server made together. */
static void
race_once (void)
{
  g_autoptr(VigieHttpClient) client = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;
  gboolean done = FALSE;

  client = vigie_http_client_new ("vigie-test");
  server = soup_server_new (NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  vigie_http_client_fetch_async (client, url, NULL, NULL, 0, NULL, on_fetched_cb, &done);
  VIGIE_TEST_WAIT_UNTIL (done);
}

static void
test_types_first_time (void)
{
  if (g_test_subprocess ())
    {
      race_once ();
      return;
    }

  /* A deadlock shows as a child that does not end in time: without the
   * types made first, about 3 children in 100 hung here. */
  for (guint i = 0; i < N_TRIES; i++)
    {
      g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/http-client-types/first-time", test_types_first_time);

  return g_test_run ();
}
