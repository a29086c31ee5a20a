/* test-http-client-errors.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-test-http.h"

/* The HTTP client against servers that fail: error statuses, Retry-After,
 * refused, truncated, stalled or oversized answers. */

static void
test_error_statuses (VigieTestHttpFixture *fixture,
                     gconstpointer         data)
{
  g_autofree char *large_error = vigie_test_http_url_for (fixture, "status/500-large");
  g_auto(VigieTestOutcome) outcome = { 0 };
  VigieHttpResponse *response;

  response = vigie_test_http_get (fixture, "status/404", 404, &outcome);
  g_assert_false (response->not_modified);
  vigie_test_http_assert_body (response, "No such feed");

  response = vigie_test_http_get (fixture, "status/500", 500, &outcome);
  vigie_test_http_assert_body (response, "Oops");

  /* Over the limit, an error page is dropped but the status is kept. */
  vigie_test_http_fetch (fixture->client, large_error, NULL, 1024, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (outcome.response->status, ==, 500);
  g_assert_null (outcome.response->body);
}

static void
test_retry_after_seconds (VigieTestHttpFixture *fixture,
                          gconstpointer         data)
{
  g_auto(VigieTestOutcome) outcome = { 0 };
  VigieHttpResponse *response = vigie_test_http_get (fixture, "unavailable", 503, &outcome);

  g_assert_cmpint (response->retry_after_s, ==, 120);
  vigie_test_http_assert_body (response, "Busy");
}

static void
test_retry_after_date (VigieTestHttpFixture *fixture,
                       gconstpointer         data)
{
  g_auto(VigieTestOutcome) outcome = { 0 };
  VigieHttpResponse *response = vigie_test_http_get (fixture, "unavailable-until", 503, &outcome);

  g_assert_cmpint (response->server_date, >, 0);
  /* 90 s after the handler ran, against a Date written a moment later;
   * both are rounded down to the second. */
  g_assert_cmpint (response->retry_after_s, >=, 89);
  g_assert_cmpint (response->retry_after_s, <=, 90);
}

static void
test_connection_refused (VigieTestHttpFixture *fixture,
                         gconstpointer         data)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/feed.json", vigie_test_find_closed_port ());
  g_auto(VigieTestOutcome) outcome = { 0 };

  vigie_test_http_fetch (fixture->client, url, NULL, 0, NULL, &outcome);
  g_assert_error (outcome.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_CONNECT);
  g_assert_null (outcome.response);
  /* The cause stays in the text, after ours. */
  g_assert_nonnull (strstr (outcome.error->message, ": "));
  g_assert_cmpstr (strstr (outcome.error->message, ": ") + 2, !=, "");
}

static void
test_invalid_url (VigieTestHttpFixture *fixture,
                  gconstpointer         data)
{
  static const char *urls[] = {
    "",
    "not a url",
    "ftp://127.0.0.1/feed.json",
    "http:///feed.json",
    "/relative/feed.json",
  };
  g_auto(VigieTestOutcome) outcome = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_test_message ("URL: “%s”", urls[i]);
      vigie_test_http_fetch (fixture->client, urls[i], NULL, 0, NULL, &outcome);
      g_assert_error (outcome.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_INVALID_URL);
    }

  g_assert_cmpuint (fixture->n_requests, ==, 0);
}

static void
test_truncated (VigieTestHttpFixture *fixture,
                gconstpointer         data)
{
  gboolean reset = GPOINTER_TO_INT (data);
  VigieTestRawServer *server;
  g_autofree char *url = NULL;
  g_auto(VigieTestOutcome) outcome = { 0 };

  server = vigie_test_raw_server_new ("HTTP/1.1 200 OK\r\n"
                                      "Content-Type: application/json\r\n"
                                      "Content-Length: 1000\r\n"
                                      "\r\n"
                                      "0123456789",
                                      TRUE, reset);
  url = vigie_test_raw_server_url (server);

  vigie_test_http_fetch (fixture->client, url, NULL, 0, NULL, &outcome);
  g_assert_error (outcome.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TRUNCATED);
  g_assert_null (outcome.response);

  vigie_test_raw_server_free (server);
}

static void
test_stalled (VigieTestHttpFixture *fixture,
              gconstpointer         data)
{
  g_autofree char *url = vigie_test_http_url_for (fixture, "stall");
  g_auto(VigieTestOutcome) outcome = { 0 };
  gint64 start;
  double elapsed;

  vigie_http_client_set_request_timeout (fixture->client, 1);

  start = g_get_monotonic_time ();
  vigie_test_http_fetch (fixture->client, url, NULL, 0, NULL, &outcome);
  elapsed = vigie_test_seconds_since (start);

  g_assert_error (outcome.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TIMEOUT);
  g_assert_cmpstr (outcome.error->message, ==, "The server did not answer within 1 s");
  g_assert_cmpfloat (elapsed, >=, 0.9);
  g_assert_cmpfloat (elapsed, <, 3.0);
}

static void
test_too_large_chunked (VigieTestHttpFixture *fixture,
                        gconstpointer         data)
{
  g_autofree char *url = vigie_test_http_url_for (fixture, "big-chunked");
  g_auto(VigieTestOutcome) outcome = { 0 };

  vigie_test_http_fetch (fixture->client, url, NULL, 1024, NULL, &outcome);
  g_assert_error (outcome.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TOO_LARGE);
  /* g_format_size() puts a no-break space before the unit. */
  g_assert_cmpstr (outcome.error->message, ==, "The response is larger than the 1.0\302\240kB limit");

  /* The same body fits under the default limit. */
  vigie_test_http_fetch (fixture->client, url, NULL, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpuint (g_bytes_get_size (outcome.response->body), ==, 64 * 1024);
}

static void
test_too_large_announced (VigieTestHttpFixture *fixture,
                          gconstpointer         data)
{
  VigieTestRawServer *server;
  g_autofree char *url = NULL;
  g_auto(VigieTestOutcome) outcome = { 0 };
  gint64 start;

  /* Announces 10 MiB, sends a few bytes and holds the connection: a
   * client that started reading would wait for the time-out instead. */
  server = vigie_test_raw_server_new ("HTTP/1.1 200 OK\r\n"
                                      "Content-Type: application/json\r\n"
                                      "Content-Length: 10485760\r\n"
                                      "\r\n"
                                      "[{\"id\":1}",
                                      FALSE, FALSE);
  url = vigie_test_raw_server_url (server);
  vigie_http_client_set_request_timeout (fixture->client, 5);

  start = g_get_monotonic_time ();
  vigie_test_http_fetch (fixture->client, url, NULL, 1024, NULL, &outcome);
  g_assert_error (outcome.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TOO_LARGE);
  g_assert_cmpfloat (vigie_test_seconds_since (start), <, 2.0);

  vigie_test_raw_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  vigie_test_http_init (&argc, &argv);

  vigie_test_http_add ("/http/fetch/error-statuses", test_error_statuses, NULL);
  vigie_test_http_add ("/http/fetch/retry-after-seconds", test_retry_after_seconds, NULL);
  vigie_test_http_add ("/http/fetch/retry-after-date", test_retry_after_date, NULL);
  vigie_test_http_add ("/http/error/connection-refused", test_connection_refused, NULL);
  vigie_test_http_add ("/http/error/invalid-url", test_invalid_url, NULL);
  vigie_test_http_add ("/http/error/truncated", test_truncated, GINT_TO_POINTER (FALSE));
  vigie_test_http_add ("/http/error/reset-mid-body", test_truncated, GINT_TO_POINTER (TRUE));
  vigie_test_http_add ("/http/error/stalled", test_stalled, NULL);
  vigie_test_http_add ("/http/error/too-large-chunked", test_too_large_chunked, NULL);
  vigie_test_http_add ("/http/error/too-large-announced", test_too_large_announced, NULL);

  return g_test_run ();
}
