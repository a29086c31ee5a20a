/* test-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "vigie-context.h"
#include "vigie-secrets.h"
#include "vigie-test-support.h"

/* API keys come from the keyring (a memory one here), go into addresses
 * only when a request is sent, and never show in a message. */

#define KEY "s3cr&t key"

static char *base_url;
static guint n_with_key;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures", "wifi", "hotspots.geojson", NULL);
  char *contents;
  gsize length;

  if (query == NULL || g_strcmp0 (g_hash_table_lookup (query, "key"), KEY) != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_FORBIDDEN, NULL);
      return;
    }

  n_with_key++;
  g_assert_true (g_file_get_contents (fixture, &contents, &length, NULL));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/geo+json", SOUP_MEMORY_TAKE, contents, length);
}

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_secrets_helpers (void)
{
  g_autofree char *filled = NULL;
  g_autofree char *redacted = NULL;
  g_autofree char *redacted_escaped = NULL;
  g_autofree char *untouched = NULL;

  g_assert_true (vigie_secrets_url_needs_secret ("https://x/api?apiKey={api_key}"));
  g_assert_false (vigie_secrets_url_needs_secret ("https://x/api"));
  g_assert_false (vigie_secrets_url_needs_secret (NULL));

  filled = vigie_secrets_fill_url ("https://x/api?k={api_key}&c=1", KEY);
  g_assert_cmpstr (filled, ==, "https://x/api?k=s3cr%26t%20key&c=1");

  redacted = vigie_secrets_redact ("failed: https://x/api?k=" KEY, KEY);
  g_assert_cmpstr (redacted, ==, "failed: https://x/api?k=•••");
  redacted_escaped = vigie_secrets_redact (filled, KEY);
  g_assert_cmpstr (redacted_escaped, ==, "https://x/api?k=•••&c=1");
  untouched = vigie_secrets_redact ("nothing here", NULL);
  g_assert_cmpstr (untouched, ==, "nothing here");
}

static void
test_secrets_memory (void)
{
  g_autoptr(VigieSecrets) secrets = vigie_secrets_new_memory ();
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GAsyncResult) found = NULL;
  g_autoptr(GAsyncResult) cleared = NULL;
  g_autoptr(GAsyncResult) gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *none = NULL;

  vigie_secrets_store_async (secrets, "city", "feed", "label", KEY, NULL, on_done_cb, &stored);
  g_assert_true (vigie_secrets_store_finish (secrets, wait_result (&stored), &error));
  g_assert_no_error (error);

  vigie_secrets_lookup_async (secrets, "city", "feed", NULL, on_done_cb, &found);
  secret = vigie_secrets_lookup_finish (secrets, wait_result (&found), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, KEY);

  vigie_secrets_store_async (secrets, "city", "feed", "label", "", NULL, on_done_cb, &cleared);
  g_assert_true (vigie_secrets_store_finish (secrets, wait_result (&cleared), &error));
  vigie_secrets_lookup_async (secrets, "city", "feed", NULL, on_done_cb, &gone);
  none = vigie_secrets_lookup_finish (secrets, wait_result (&gone), &error);
  g_assert_no_error (error);
  g_assert_null (none);
}

static void
on_polled_cb (VigieFeed  *feed,
              const char *role,
              gboolean    success,
              guint      *n_polls)
{
  (*n_polls)++;
}

static void
test_secrets_feed (void)
{
  g_autoptr(GSettings) settings = vigie_test_settings_in_memory ();
  g_autoptr(VigieSecrets) secrets = vigie_secrets_new_memory ();
  g_autoptr(VigieContext) context = NULL;
  g_autoptr(GAsyncResult) stored = NULL;
  g_autoptr(GAsyncResult) stored_broken = NULL;
  g_autofree char *path = NULL;
  VigieFeed *feed;
  VigieFeed *broken;
  guint n_polls = 0;

  path = vigie_test_use_profile (settings, "cle",
                                 "[Profile]\nName=Clé\n"
                                 "[Feed keyed]\nKind=wifi\nFormat=wifi-geojson\nUrl=%s/wifi.json?key={api_key}\n"
                                 "[Feed broken]\nKind=wifi\nFormat=wifi-geojson\nUrl=http://[::1/{api_key}\n",
                                 base_url);

  context = g_object_new (VIGIE_TYPE_CONTEXT, "settings", settings, "secrets", secrets, NULL);

  /* No key yet: the feed says what is missing and sends nothing. */
  vigie_context_start (context, NULL);
  feed = vigie_feed_manager_lookup (vigie_context_get_feed_manager (context), "keyed");
  g_assert_true (vigie_feed_needs_secret (feed));
  while (vigie_feed_get_last_error (feed) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (vigie_feed_get_state (feed), ==, VIGIE_FEED_STATE_ERROR);
  g_assert_nonnull (strstr (vigie_feed_get_reason (feed), "API key"));
  g_assert_cmpuint (n_with_key, ==, 0);

  /* The key in the keyring: a reload finds it and the feed works. */
  vigie_secrets_store_async (secrets, "cle", "keyed", "Vigie", KEY, NULL, on_done_cb, &stored);
  g_assert_true (vigie_secrets_store_finish (secrets, wait_result (&stored), NULL));
  g_assert_true (vigie_context_load_profile (context, "cle", NULL));
  feed = vigie_feed_manager_lookup (vigie_context_get_feed_manager (context), "keyed");
  g_signal_connect (feed, "polled", G_CALLBACK (on_polled_cb), &n_polls);
  while (vigie_feed_get_last_success (feed) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_with_key, >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (vigie_feed_get_store (feed))), ==, 3);

  /* An address the key makes invalid: the message hides the key. */
  vigie_secrets_store_async (secrets, "cle", "broken", "Vigie", KEY, NULL, on_done_cb, &stored_broken);
  g_assert_true (vigie_secrets_store_finish (secrets, wait_result (&stored_broken), NULL));
  broken = vigie_feed_manager_lookup (vigie_context_get_feed_manager (context), "broken");
  vigie_feed_set_secret (broken, KEY);
  while (vigie_feed_get_last_error (broken) == NULL ||
         strstr (vigie_feed_get_last_error (broken), "API key") != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("reason: %s", vigie_feed_get_reason (broken));
  g_assert_null (strstr (vigie_feed_get_reason (broken), "s3cr"));
  g_assert_null (strstr (vigie_feed_get_last_error (broken), "s3cr"));

  vigie_context_shutdown (context);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoupServer) server = NULL;

  vigie_test_use_fresh_folder ("XDG_CONFIG_HOME");
  g_test_init (&argc, &argv, NULL);

  server = vigie_test_server_new (NULL, handler, NULL);
  base_url = vigie_test_server_get_base_url (server);

  g_test_add_func ("/secrets/helpers", test_secrets_helpers);
  g_test_add_func ("/secrets/memory", test_secrets_memory);
  g_test_add_func ("/secrets/feed", test_secrets_feed);

  return g_test_run ();
}
