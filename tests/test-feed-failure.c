/* test-feed-failure.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "vigie-feed-summary.h"
#include "vigie-test-support.h"

/* What the feed health view says first when a feed fails: a plain
 * sentence, never a parser's message or a document's role; those stay in
 * the details. Feeds served by a SoupServer on 127.0.0.1. */

static char *base_url;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  g_autofree char *body = NULL;

  if (g_str_equal (path, "/broken.json"))
    /* Cut in the middle, as a server that fell over mid-write. */
    body = g_strdup ("{\"type\": \"FeatureCollection\", \"features\": [ {\"type\": ");
  else if (g_str_equal (path, "/gbfs.json"))
    body = g_strdup_printf ("{\"last_updated\": %" G_GINT64_FORMAT ", \"ttl\": 60, \"version\": \"2.3\", "
                            "\"data\": {\"en\": {\"feeds\": ["
                            "{\"name\": \"station_information\", \"url\": \"%s/station_information.json\"}, "
                            "{\"name\": \"station_status\", \"url\": \"%s/station_status.json\"}]}}}",
                            g_get_real_time () / G_USEC_PER_SEC, base_url, base_url);
  else if (g_str_equal (path, "/station_information.json"))
    {
      g_autofree char *file = g_test_build_filename (G_TEST_DIST, "fixtures", "gbfs", "v23-station_information.json", NULL);

      g_assert_true (g_file_get_contents (file, &body, NULL, NULL));
    }
  else if (g_str_equal (path, "/station_status.json"))
    body = g_strdup ("{\"last_updated\": 1767612300, \"data\": {\"stations\": [ }");
  else if (g_str_equal (path, "/siri-error.json"))
    {
      g_autofree char *file = g_test_build_filename (G_TEST_DIST, "fixtures", "siri", "error-service-not-available.json", NULL);
      const char *validator = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                            "If-None-Match");

      /* The same error answer, with its validator, as a server caching it. */
      if (g_strcmp0 (validator, "\"siri-error\"") == 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
      g_assert_true (g_file_get_contents (file, &body, NULL, NULL));
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", "\"siri-error\"");
    }

  if (body == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static gboolean
has_failed (gpointer data)
{
  VigieFeed *feed = data;

  return vigie_feed_is_settled (feed) && vigie_feed_get_state (feed) == VIGIE_FEED_STATE_ERROR;
}

static void
assert_plain (const char *text)
{
  g_test_message ("main text: %s", text);

  /* No parser wording, position or role in front of the operator. */
  g_assert_null (strstr (text, "JSON"));
  g_assert_null (strstr (text, "line"));
  g_assert_null (strstr (text, "main"));
  g_assert_null (strstr (text, "station_status"));
  g_assert_null (strstr (text, "—"));
  g_assert_null (strstr (text, "could not be read:"));
}

/* The feed of the test server's @path. */
static VigieFeed *
new_feed (const char    *id,
          const char    *name,
          VigieFeedKind  kind,
          const char    *format,
          const char    *path)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);

  return vigie_feed_new (id, name, kind, format, url);
}

/* Starts @feed, waits until every document was polled once and the feed
 * says it failed, sums it up as the feeds panel does, and checks that its
 * main text is @subtitle, in plain words. */
static void
summarise_failure (VigieFeed        *feed,
                   const char       *subtitle,
                   VigieFeedSummary *summary)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");

  vigie_feed_start (feed, client);
  g_assert_true (vigie_test_spin_until (has_failed, feed, 10));
  vigie_feed_summary_init (summary, feed, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpstr (summary->subtitle, ==, subtitle);
  assert_plain (summary->subtitle);

  /* The detail is kept for whoever opens the row. */
  g_test_message ("details: %s", summary->last_error);
}

static void
test_failure_json_syntax (void)
{
  g_autoptr(VigieFeed) feed = new_feed ("wifi", "Wi-Fi", VIGIE_FEED_KIND_WIFI, "wifi-geojson", "/broken.json");
  g_auto(VigieFeedSummary) summary = { 0 };

  summarise_failure (feed, "The server sent data that Vigie cannot read", &summary);
  g_assert_nonnull (strstr (summary.last_error, "not valid JSON"));
  vigie_feed_stop (feed);
}

static void
test_failure_one_document (void)
{
  g_autoptr(VigieFeed) feed = new_feed ("bikes", "VéloCité", VIGIE_FEED_KIND_BIKES, "gbfs", "/gbfs.json");
  g_auto(VigieFeedSummary) summary = { 0 };

  summarise_failure (feed, "Part of the feed is not updated. The server sent data that Vigie cannot read", &summary);
  g_assert_nonnull (strstr (summary.last_error, "station_status"));
  g_assert_nonnull (strstr (summary.last_error, "not valid JSON"));
  vigie_feed_stop (feed);
}

/* A SIRI error answer is the server's error in words, not "cannot read",
 * and stays an error when the server answers 304 to the next poll. */
static void
test_failure_siri_error (void)
{
  g_autoptr(VigieFeed) feed = new_feed ("trams", "Trams", VIGIE_FEED_KIND_TRAMS, "siri-lite", "/siri-error.json");
  g_auto(VigieFeedSummary) summary = { 0 };
  g_auto(VigieFeedSummary) again = { 0 };

  summarise_failure (feed, "The server answered with an error", &summary);
  g_assert_nonnull (strstr (summary.last_error,
                            "The SIRI server answered with an error: the service is not available (“Service en maintenance”)"));
  g_assert_null (strstr (summary.last_error, "could not be read"));

  vigie_feed_refresh (feed);
  vigie_test_wait_polls (feed, 1);
  g_assert_cmpint (vigie_feed_get_http_status (feed), ==, 200);
  g_assert_cmpint (vigie_feed_get_state (feed), ==, VIGIE_FEED_STATE_ERROR);
  vigie_feed_summary_init (&again, feed, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpstr (again.subtitle, ==, "The server answered with an error");
  vigie_feed_stop (feed);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoupServer) server = NULL;

  g_test_init (&argc, &argv, NULL);

  server = vigie_test_server_new (NULL, handler, NULL);
  base_url = vigie_test_server_get_base_url (server);

  g_test_add_func ("/feed-failure/json-syntax", test_failure_json_syntax);
  g_test_add_func ("/feed-failure/one-document", test_failure_one_document);
  g_test_add_func ("/feed-failure/siri-error", test_failure_siri_error);

  return g_test_run ();
}
