/* test-unifi-login.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "vigie-feed.h"
#include "vigie-http-client.h"
#include "vigie-store.h"
#include "vigie-test-support.h"

/* A UniFi Network controller on 127.0.0.1, as the real one behaves:
 * POST /api/login with {"username","password"} sets a session cookie,
 * stat/device answers 401 "LoginRequired" without it, and a restart of
 * the controller forgets every session. */

#define USERNAME "vigie"
#define PASSWORD "pa\"ss\\word"

static struct {
  SoupServer *server;
  char       *base;
  GBytes     *devices;
  GBytes     *login_required;
  guint       session;       /* the cookie value the controller accepts */
  guint       n_logins;
  guint       n_refused_logins;
  guint       n_device_requests;
} controller;

static gboolean
has_session (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *cookie = soup_message_headers_get_one (headers, "Cookie");
  g_autofree char *expected = g_strdup_printf ("unifises=s%u", controller.session);

  return cookie != NULL && controller.session > 0 && strstr (cookie, expected) != NULL;
}

static void
handle_login (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *cookie = NULL;
  JsonObject *object;

  g_assert_cmpstr (soup_server_message_get_method (msg), ==, "POST");
  g_assert_true (json_parser_load_from_data (parser, body->data, body->length, NULL));
  object = json_node_get_object (json_parser_get_root (parser));

  if (g_strcmp0 (json_object_get_string_member (object, "username"), USERNAME) != 0 ||
      g_strcmp0 (json_object_get_string_member (object, "password"), PASSWORD) != 0)
    {
      static const char refused[] = "{\"meta\":{\"rc\":\"error\",\"msg\":\"api.err.Invalid\"},\"data\":[]}";

      controller.n_refused_logins++;
      soup_server_message_set_status (msg, 400, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, refused, strlen (refused));
      return;
    }

  controller.n_logins++;
  controller.session++;
  cookie = g_strdup_printf ("unifises=s%u; Path=/; HttpOnly", controller.session);
  soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie", cookie);
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    "{\"meta\":{\"rc\":\"ok\"},\"data\":[]}", 30);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  GBytes *answer;

  if (g_str_equal (path, "/api/login"))
    {
      handle_login (msg);
      return;
    }

  g_assert_cmpstr (path, ==, "/api/s/default/stat/device");
  controller.n_device_requests++;

  if (!has_session (msg))
    {
      soup_server_message_set_status (msg, 401, NULL);
      answer = controller.login_required;
    }
  else
    {
      soup_server_message_set_status (msg, 200, NULL);
      answer = controller.devices;
    }

  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
}

static VigieFeed *
new_feed (const char *password)
{
  g_autofree char *url = g_strconcat (controller.base, "/api/s/default/stat/device", NULL);
  VigieFeed *feed = vigie_feed_new ("wifi", "Wi-Fi", VIGIE_FEED_KIND_WIFI, "unifi", url);

  vigie_feed_set_option (feed, "login", "/api/login");
  vigie_feed_set_option (feed, "username", USERNAME);
  vigie_feed_set_option (feed, "site.74:83:C2:AA:BB:01", "reunion;Place de la Réunion;47.7467;7.3386;120");
  if (password != NULL)
    vigie_feed_set_secret (feed, password);

  return feed;
}

static void
reset_controller (void)
{
  controller.session = 0;
  controller.n_logins = 0;
  controller.n_refused_logins = 0;
  controller.n_device_requests = 0;
}

static void
test_login (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = new_feed (PASSWORD);
  VigieStore *store = vigie_feed_get_store (feed);

  reset_controller ();
  g_assert_true (vigie_feed_needs_secret (feed));

  /* Logged in first, then one request with the cookie: no 401 seen. */
  vigie_feed_start (feed, client);
  vigie_test_wait_polls (feed, 1);
  g_assert_cmpstr (vigie_feed_get_last_error (feed), ==, NULL);
  g_assert_cmpuint (controller.n_logins, ==, 1);
  g_assert_cmpuint (controller.n_device_requests, ==, 1);
  g_assert_cmpuint (vigie_feed_get_http_status (feed), ==, 200);
  g_assert_nonnull (vigie_store_lookup (store, VIGIE_ENTITY_HOTSPOT, "reunion"));

  /* The session is kept: the next poll does not log in again. */
  vigie_feed_refresh (feed);
  vigie_test_wait_polls (feed, 1);
  g_assert_cmpuint (controller.n_logins, ==, 1);
  g_assert_cmpuint (controller.n_device_requests, ==, 2);

  /* The controller restarts and forgets the session: one 401, one new
   * login, and the data comes without an error on the way. */
  controller.session += 100;
  vigie_feed_refresh (feed);
  vigie_test_wait_polls (feed, 1);
  g_assert_cmpuint (controller.n_logins, ==, 2);
  g_assert_cmpuint (controller.n_device_requests, ==, 4);
  g_assert_cmpstr (vigie_feed_get_last_error (feed), ==, NULL);
  g_assert_cmpint (vigie_feed_get_state (feed), !=, VIGIE_FEED_STATE_ERROR);
  g_assert_nonnull (vigie_store_lookup (store, VIGIE_ENTITY_HOTSPOT, "reunion"));

  vigie_feed_stop (feed);
}

static void
test_wrong_password (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = new_feed ("not the password");

  reset_controller ();
  vigie_feed_start (feed, client);
  vigie_test_wait_polls (feed, 1);

  /* Said in words, and the controller's data is never asked for. */
  g_assert_cmpint (vigie_feed_get_state (feed), ==, VIGIE_FEED_STATE_ERROR);
  g_assert_nonnull (strstr (vigie_feed_get_last_error (feed), "login"));
  g_assert_nonnull (strstr (vigie_feed_get_last_error (feed), "400"));
  g_assert_null (strstr (vigie_feed_get_last_error (feed), "not the password"));
  g_assert_cmpuint (controller.n_refused_logins, ==, 1);
  g_assert_cmpuint (controller.n_device_requests, ==, 0);

  vigie_feed_stop (feed);
}

static void
test_no_password (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = new_feed (NULL);

  /* Without a password it fails at once, before any request. */
  reset_controller ();
  vigie_feed_start (feed, client);

  g_assert_cmpint (vigie_feed_get_state (feed), ==, VIGIE_FEED_STATE_ERROR);
  g_assert_nonnull (strstr (vigie_feed_get_last_error (feed), "password"));
  g_assert_cmpuint (controller.n_logins + controller.n_refused_logins + controller.n_device_requests, ==, 0);

  vigie_feed_stop (feed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  controller.devices = vigie_test_load_fixture ("wifi", "unifi-stat-device.json");
  controller.login_required = vigie_test_load_fixture ("wifi", "unifi-login-required.json");
  controller.server = vigie_test_server_new (NULL, handler, NULL);
  controller.base = vigie_test_server_get_base_url (controller.server);

  g_test_add_func ("/unifi-login/login", test_login);
  g_test_add_func ("/unifi-login/wrong-password", test_wrong_password);
  g_test_add_func ("/unifi-login/no-password", test_no_password);

  return g_test_run ();
}
