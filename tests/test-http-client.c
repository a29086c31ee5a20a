/* test-http-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-test-http.h"

/* Every request goes to servers inside this process, on 127.0.0.1. Here
 * the answers that succeed, caching, redirects, cancelling, and the parsers
 * of the headers; the failures are in test-http-client-errors.c. */

/* Tests against the servers */

static void
test_ok (VigieTestHttpFixture *fixture,
         gconstpointer         data)
{
  g_autofree char *url = vigie_test_http_url_for (fixture, "ok");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_auto(VigieTestOutcome) outcome = { 0 };
  VigieHttpResponse *response;

  response = vigie_test_http_get (fixture, "ok", 200, &outcome);
  g_assert_false (response->not_modified);
  vigie_test_http_assert_body (response, "Hello, control room");
  g_assert_cmpstr (response->content_type, ==, "text/plain; charset=utf-8");
  g_assert_cmpstr (response->etag, ==, "\"ok\"");
  g_assert_null (response->last_modified);
  g_assert_cmpint (response->max_age_s, ==, 30);
  g_assert_cmpint (response->retry_after_s, ==, -1);
  g_assert_cmpint (ABS (response->server_date - now), <=, 5);
  g_assert_cmpint (response->latency_us, >, 0);
  g_assert_cmpint (response->duration_us, >=, response->latency_us);
  g_assert_cmpstr (response->final_url, ==, url);
  g_assert_cmpuint (response->n_redirects, ==, 0);
  g_assert_cmpuint (fixture->n_requests, ==, 1);

  /* The boxed type hands out references, not copies. */
  {
    g_autoptr(VigieHttpResponse) copy = g_boxed_copy (VIGIE_TYPE_HTTP_RESPONSE, response);

    g_assert_true (copy == response);
  }
}

static void
test_user_agent (VigieTestHttpFixture *fixture,
                 gconstpointer         data)
{
  g_auto(VigieTestOutcome) outcome = { 0 };

  g_assert_cmpstr (vigie_http_client_get_user_agent (fixture->client), ==, VIGIE_TEST_USER_AGENT);

  vigie_test_http_get (fixture, "ok", 200, &outcome);
  g_assert_cmpstr (fixture->user_agent, ==, VIGIE_TEST_USER_AGENT);
}

static void
test_cache_control (VigieTestHttpFixture *fixture,
                    gconstpointer         data)
{
  g_auto(VigieTestOutcome) outcome = { 0 };

  g_assert_cmpint (vigie_test_http_get (fixture, "ok", 200, &outcome)->max_age_s, ==, 30);
  g_assert_cmpint (vigie_test_http_get (fixture, "status/404", 404, &outcome)->max_age_s, ==, -1);
}

static void
test_slow_body (VigieTestHttpFixture *fixture,
                gconstpointer         data)
{
  g_auto(VigieTestOutcome) outcome = { 0 };
  VigieHttpResponse *response;

  /* Pieces every 250 ms for 1.5 s: longer than the socket time-out as a
   * whole, but never silent for that long. */
  vigie_http_client_set_connect_timeout (fixture->client, 1);
  vigie_http_client_set_request_timeout (fixture->client, 5);

  response = vigie_test_http_get (fixture, "slow", 200, &outcome);
  vigie_test_http_assert_body (response, "piece piece piece piece piece piece ");
  g_assert_cmpint (response->duration_us, >=, G_USEC_PER_SEC);
}

static void
test_redirect_loop (VigieTestHttpFixture *fixture,
                    gconstpointer         data)
{
  g_autofree char *url = vigie_test_http_url_for (fixture, "loop");
  g_auto(VigieTestOutcome) outcome = { 0 };

  vigie_test_http_fetch (fixture->client, url, NULL, 0, NULL, &outcome);
  g_assert_error (outcome.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TOO_MANY_REDIRECTS);
  g_assert_cmpstr (outcome.error->message, ==, "Too many redirections (more than 5)");
  /* The first request and 5 redirections followed. */
  g_assert_cmpuint (fixture->n_requests, ==, 6);
}

static void
test_redirects (VigieTestHttpFixture *fixture,
                gconstpointer         data)
{
  g_autofree char *url = vigie_test_http_url_for (fixture, "redirect/3");
  g_autofree char *final_url = vigie_test_http_url_for (fixture, "redirect/0");
  g_auto(VigieTestOutcome) outcome = { 0 };
  VigieHttpResponse *response;

  response = vigie_test_http_get (fixture, "redirect/3", 200, &outcome);
  g_assert_cmpuint (response->n_redirects, ==, 3);
  g_assert_cmpstr (response->final_url, ==, final_url);
  vigie_test_http_assert_body (response, "arrived");
  g_assert_cmpuint (fixture->n_requests, ==, 4);

  /* With a lower limit the same chain fails. */
  vigie_http_client_set_max_redirects (fixture->client, 2);
  vigie_test_http_fetch (fixture->client, url, NULL, 0, NULL, &outcome);
  g_assert_error (outcome.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TOO_MANY_REDIRECTS);
}

static void
test_not_modified (VigieTestHttpFixture *fixture,
                   gconstpointer         data)
{
  g_autofree char *url = vigie_test_http_url_for (fixture, "conditional");
  g_autofree char *etag = NULL;
  g_auto(VigieTestOutcome) outcome = { 0 };
  VigieHttpResponse *response;

  response = vigie_test_http_get (fixture, "conditional", 200, &outcome);
  g_assert_false (response->not_modified);
  g_assert_null (fixture->if_none_match);
  vigie_test_http_assert_body (response, "version 1");
  etag = g_strdup (response->etag);
  g_assert_cmpstr (etag, ==, "\"v1\"");

  vigie_test_http_fetch (fixture->client, url, etag, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (fixture->if_none_match, ==, "\"v1\"");
  g_assert_cmpuint (outcome.response->status, ==, 304);
  g_assert_true (outcome.response->not_modified);
  g_assert_null (outcome.response->body);
  g_assert_cmpstr (outcome.response->etag, ==, "\"v1\"");
}

static void
test_changing_etag (VigieTestHttpFixture *fixture,
                    gconstpointer         data)
{
  g_autofree char *url = vigie_test_http_url_for (fixture, "changing");
  g_autofree char *etag = NULL;
  g_auto(VigieTestOutcome) outcome = { 0 };

  etag = g_strdup (vigie_test_http_get (fixture, "changing", 200, &outcome)->etag);
  g_assert_cmpstr (etag, ==, "\"v1\"");

  vigie_test_http_fetch (fixture->client, url, etag, 0, NULL, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (fixture->if_none_match, ==, "\"v1\"");
  g_assert_cmpuint (outcome.response->status, ==, 200);
  g_assert_false (outcome.response->not_modified);
  g_assert_cmpstr (outcome.response->etag, ==, "\"v2\"");
  vigie_test_http_assert_body (outcome.response, "version 2");
}

static void
test_gzip (VigieTestHttpFixture *fixture,
           gconstpointer         data)
{
  g_autofree char *url = vigie_test_http_url_for (fixture, "gzip");
  g_autoptr(GBytes) compressed = vigie_test_gzip_bytes (fixture->gzip_plain);
  g_auto(VigieTestOutcome) outcome = { 0 };
  VigieHttpResponse *response;

  response = vigie_test_http_get (fixture, "gzip", 200, &outcome);
  g_assert_nonnull (response->body);
  g_assert_true (g_bytes_equal (response->body, fixture->gzip_plain));

  /* The limit counts decoded bytes: the compressed body would fit. */
  g_assert_cmpuint (g_bytes_get_size (compressed), <, 8 * 1024);
  g_assert_cmpuint (g_bytes_get_size (fixture->gzip_plain), >, 16 * 1024);
  vigie_test_http_fetch (fixture->client, url, NULL, 8 * 1024, NULL, &outcome);
  g_assert_error (outcome.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TOO_LARGE);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);

  return G_SOURCE_REMOVE;
}

static void
test_cancel (VigieTestHttpFixture *fixture,
             gconstpointer         data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *url = vigie_test_http_url_for (fixture, "stall");
  g_auto(VigieTestOutcome) outcome = { 0 };
  gint64 start;

  start = g_get_monotonic_time ();
  g_timeout_add_full (G_PRIORITY_DEFAULT, 100, cancel_cb,
                      g_object_ref (cancellable), g_object_unref);
  vigie_test_http_fetch (fixture->client, url, NULL, 0, cancellable, &outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (vigie_test_seconds_since (start), <, 2.0);

  /* Already cancelled: nothing is sent. */
  vigie_test_http_fetch (fixture->client, url, NULL, 0, cancellable, &outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->n_requests, ==, 1);
}

static gboolean
dispose_cb (gpointer user_data)
{
  g_object_run_dispose (user_data);

  return G_SOURCE_REMOVE;
}

static void
test_dispose_in_flight (VigieTestHttpFixture *fixture,
                        gconstpointer         data)
{
  VigieHttpClient *client = fixture->client;
  g_autofree char *url = vigie_test_http_url_for (fixture, "stall");
  g_autofree char *slow_url = vigie_test_http_url_for (fixture, "slow");
  g_auto(VigieTestOutcome) outcome = { 0 };
  g_auto(VigieTestOutcome) slow = { 0 };
  gint64 start;

  /* One request waits for its headers, the other is reading its body. */
  start = g_get_monotonic_time ();
  vigie_http_client_fetch_async (client, slow_url, NULL, NULL, 0, NULL, vigie_test_http_on_fetch_done_cb, &slow);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 600, dispose_cb,
                      g_object_ref (client), g_object_unref);
  vigie_test_http_fetch (client, url, NULL, 0, NULL, &outcome);
  vigie_test_http_wait_for (&slow);

  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (slow.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (vigie_test_seconds_since (start), <, 1.5);

  /* A disposed client refuses new work without crashing. */
  vigie_test_http_fetch (client, url, NULL, 0, NULL, &outcome);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Tests without a server */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_properties (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new (VIGIE_TEST_USER_AGENT);
  g_autofree char *user_agent = NULL;
  guint connect_timeout, request_timeout, max_redirects;
  guint changes = 0;

  g_object_get (client,
                "user-agent", &user_agent,
                "connect-timeout", &connect_timeout,
                "request-timeout", &request_timeout,
                "max-redirects", &max_redirects,
                NULL);
  g_assert_cmpstr (user_agent, ==, VIGIE_TEST_USER_AGENT);
  g_assert_cmpuint (connect_timeout, ==, 10);
  g_assert_cmpuint (request_timeout, ==, 30);
  g_assert_cmpuint (max_redirects, ==, 5);

  g_signal_connect (client, "notify", G_CALLBACK (count_notify_cb), &changes);

  /* Only changes are notified. */
  vigie_http_client_set_connect_timeout (client, 10);
  vigie_http_client_set_request_timeout (client, 30);
  g_object_set (client, "max-redirects", 5, NULL);
  g_assert_cmpuint (changes, ==, 0);

  vigie_http_client_set_connect_timeout (client, 3);
  g_object_set (client, "request-timeout", 12, NULL);
  vigie_http_client_set_max_redirects (client, 0);
  g_assert_cmpuint (changes, ==, 3);
  g_assert_cmpuint (vigie_http_client_get_connect_timeout (client), ==, 3);
  g_assert_cmpuint (vigie_http_client_get_request_timeout (client), ==, 12);
  g_assert_cmpuint (vigie_http_client_get_max_redirects (client), ==, 0);
}

static void
test_parse_max_age (void)
{
  static const struct {
    const char *value;
    gint64      expected;
  } cases[] = {
    { NULL, -1 },
    { "", -1 },
    { "max-age=30", 30 },
    { "public, max-age=30", 30 },
    { "public,max-age=30,must-revalidate", 30 },
    { "  Max-Age = 30 ", 30 },
    { "MAX-AGE=\"45\"", 45 },
    { "max-age=\" 45 \"", 45 },
    { "private, max-age=0", 0 },
    { "max-age=007", 7 },
    { "no-cache", 0 },
    { "NO-STORE", 0 },
    { "max-age=60, no-store", 0 },
    { "no-cache=\"Set-Cookie\", max-age=60", 0 },
    { "max-age=10, max-age=20", 10 },
    { "max-age=86400", 86400 },
    { "max-age=86401", 86400 },
    { "max-age=99999999999999999999999999", 86400 },
    { "public", -1 },
    { "s-maxage=30", -1 },
    { "max-stale=30", -1 },
    { "max-age", -1 },
    { "max-age=", -1 },
    { "max-age=\"\"", -1 },
    { "max-age=abc", -1 },
    { "max-age=30s", -1 },
    { "max-age=3 0", -1 },
    { "max-age=-5", -1 },
    { "max-age=+5", -1 },
    { "max-age=1.5", -1 },
    { ",,;;=", -1 },
    { "\"max-age=30\"", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("Cache-Control: %s", cases[i].value ? cases[i].value : "(null)");
      g_assert_cmpint (vigie_http_parse_max_age (cases[i].value), ==, cases[i].expected);
    }
}

static void
test_parse_retry_after (void)
{
  static const struct {
    const char *value;
    gint64      expected;
  } cases[] = {
    { NULL, -1 },
    { "", -1 },
    { "   ", -1 },
    { "120", 120 },
    { " 120 ", 120 },
    { "\"120\"", 120 },
    { "0", 0 },
    { "0120", 120 },
    { "86400", 86400 },
    { "86401", 86400 },
    { "99999999999999999999999999", 86400 },
    { "-5", -1 },
    { "+5", -1 },
    { "12.5", -1 },
    { "120 seconds", -1 },
    { "120abc", -1 },
    { "abc", -1 },
    { "soon", -1 },
    /* HTTP-dates, against VIGIE_TEST_NOW_UNIX (Tue, 14 Nov 2023 22:13:20 GMT) */
    { "Tue, 14 Nov 2023 22:14:50 GMT", 90 },
    { "tue, 14 nov 2023 22:14:50 GMT", 90 },
    { "  \"Tue, 14 Nov 2023 22:14:50 GMT\" ", 90 },
    { "Tuesday, 14-Nov-23 22:14:50 GMT", 90 },
    { "Tue Nov 14 22:14:50 2023", 90 },
    { "Tue, 14 Nov 2023 22:13:20 GMT", 0 },
    { "Tue, 14 Nov 2023 20:00:00 GMT", 0 },
    { "Wed, 15 Nov 2023 22:13:20 GMT", 86400 },
    { "Fri, 01 Jan 2100 00:00:00 GMT", 86400 },
    { "Tue, 99 Foo 2023 25:61:61 GMT", -1 },
    { "Tuesday", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("Retry-After: %s", cases[i].value ? cases[i].value : "(null)");
      g_assert_cmpint (vigie_http_parse_retry_after (cases[i].value, VIGIE_TEST_NOW_UNIX), ==, cases[i].expected);
    }

  /* The same date means another delay from another "now". */
  g_assert_cmpint (vigie_http_parse_retry_after ("Tue, 14 Nov 2023 22:14:50 GMT", VIGIE_TEST_NOW_UNIX - 10), ==, 100);
}

int
main (int   argc,
      char *argv[])
{
  vigie_test_http_init (&argc, &argv);

  g_test_add_func ("/http/properties", test_properties);
  g_test_add_func ("/http/parse/max-age", test_parse_max_age);
  g_test_add_func ("/http/parse/retry-after", test_parse_retry_after);

  vigie_test_http_add ("/http/fetch/ok", test_ok, NULL);
  vigie_test_http_add ("/http/fetch/user-agent", test_user_agent, NULL);
  vigie_test_http_add ("/http/fetch/cache-control", test_cache_control, NULL);
  vigie_test_http_add ("/http/fetch/not-modified", test_not_modified, NULL);
  vigie_test_http_add ("/http/fetch/changing-etag", test_changing_etag, NULL);
  vigie_test_http_add ("/http/fetch/gzip", test_gzip, NULL);
  vigie_test_http_add ("/http/fetch/redirects", test_redirects, NULL);
  vigie_test_http_add ("/http/fetch/redirect-loop", test_redirect_loop, NULL);
  vigie_test_http_add ("/http/fetch/slow-body", test_slow_body, NULL);
  vigie_test_http_add ("/http/error/cancelled", test_cancel, NULL);
  vigie_test_http_add ("/http/error/dispose-in-flight", test_dispose_in_flight, NULL);

  return g_test_run ();
}
