/* test-tls-pin.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "vigie-http-client.h"
#include "vigie-test-http.h"

/* A UniFi controller's self-signed certificate: refused unless the
 * operator pinned its exact fingerprint, and then only on that host. The
 * HTTPS server is a SoupServer on 127.0.0.1 inside this test; the
 * certificate is made by openssl when the test starts. */

static GTlsCertificate *certificate;
static char *fingerprint;
static char *base_url;
static char *plain_url;     /* a plain HTTP server on loopback */
static guint plain_hits;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  /* A redirection from HTTPS down to plain HTTP. */
  if (g_str_equal (path, "/downgrade"))
    {
      g_autofree char *target = g_strconcat (plain_url, "/data.json", NULL);

      soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, target);
      return;
    }
  if (g_str_equal (path, "/upgrade-again"))
    {
      g_autofree char *target = g_strconcat (base_url, "/api/s/default/stat/device", NULL);

      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, target);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{\"data\": []}", 12);
}

static void
plain_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  plain_hits++;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{\"data\": []}", 12);
}

static void
fetch_path (VigieHttpClient  *client,
            const char       *path,
            VigieTestOutcome *outcome)
{
  g_autofree char *url = g_strconcat (base_url, path, NULL);

  vigie_test_http_fetch (client, url, NULL, 0, NULL, outcome);
}

static void
fetch (VigieHttpClient  *client,
       VigieTestOutcome *outcome)
{
  fetch_path (client, "/api/s/default/stat/device", outcome);
}

static void
test_tls_pin (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autofree char *other_port = NULL;
  g_autofree char *colons = NULL;
  VigieTestOutcome r = { 0 };

  /* Not trusted by default: verification stays on. */
  fetch (client, &r);
  g_assert_error (r.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TLS);
  vigie_test_outcome_clear (&r);

  /* A pin for another port of the same host does not help. */
  other_port = g_strdup_printf ("https://127.0.0.1:1/");
  g_assert_true (vigie_http_client_pin_certificate (client, other_port, fingerprint));
  fetch (client, &r);
  g_assert_error (r.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TLS);
  vigie_test_outcome_clear (&r);

  /* A wrong fingerprint neither. */
  g_assert_true (vigie_http_client_pin_certificate (client, base_url,
                                                    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"));
  fetch (client, &r);
  g_assert_error (r.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TLS);
  vigie_test_outcome_clear (&r);

  /* The right one, written as browsers show it (colons, upper case). */
  colons = g_ascii_strup (fingerprint, -1);
  {
    GString *s = g_string_new (NULL);

    for (guint i = 0; colons[i]; i += 2)
      g_string_append_printf (s, "%s%c%c", i ? ":" : "", colons[i], colons[i + 1]);
    g_free (colons);
    colons = g_string_free (s, FALSE);
  }
  g_assert_true (vigie_http_client_pin_certificate (client, base_url, colons));
  fetch (client, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.response->status, ==, 200);
  vigie_test_outcome_clear (&r);

  /* Garbage is not a pin. (Forgetting a pin cannot be checked here: the
   * TLS session already agreed may be resumed without a new check.) */
  g_assert_true (vigie_http_client_pin_certificate (client, base_url, NULL));
  g_assert_false (vigie_http_client_pin_certificate (client, base_url, "not a fingerprint"));
  g_assert_false (vigie_http_client_pin_certificate (client, base_url, "abcd"));
}

/* HTTPS is never downgraded: a secure address redirected to plain HTTP
 * is refused in words, also when its certificate is pinned, and the
 * plain server is never asked. HTTPS to HTTPS is followed. */
static void
test_tls_no_downgrade (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  VigieTestOutcome r = { 0 };

  g_assert_true (vigie_http_client_pin_certificate (client, base_url, fingerprint));

  fetch_path (client, "/upgrade-again", &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.response->status, ==, 200);
  vigie_test_outcome_clear (&r);

  plain_hits = 0;
  fetch_path (client, "/downgrade", &r);
  g_assert_error (r.error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_INSECURE_REDIRECT);
  g_test_message ("%s", r.error->message);
  g_assert_nonnull (strstr (r.error->message, "insecure"));
  g_assert_cmpuint (plain_hits, ==, 0);
  vigie_test_outcome_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("vigie-tls-XXXXXX", NULL);
  g_autofree char *cert_path = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key_path = g_build_filename (dir, "key.pem", NULL);
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  int status;
  GSList *uris;

  g_test_init (&argc, &argv, NULL);

  if (openssl == NULL)
    {
      g_printerr ("openssl is not installed: cannot make a test certificate\n");
      return 77;
    }

  {
    const char *argv_openssl[] = {
      openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
      "-subj", "/CN=vigie-test-controller", "-keyout", key_path, "-out", cert_path, NULL
    };

    g_spawn_sync (NULL, (char **) argv_openssl, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  g_object_get (certificate, "certificate", &der, NULL);
  fingerprint = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);

  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, handler, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base_url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  {
    g_autoptr(SoupServer) plain = soup_server_new (NULL, NULL);
    GSList *plain_uris;

    soup_server_add_handler (plain, NULL, plain_handler, NULL, NULL);
    soup_server_listen_local (plain, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
    g_assert_no_error (error);
    plain_uris = soup_server_get_uris (plain);
    plain_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (plain_uris->data));
    g_slist_free_full (plain_uris, (GDestroyNotify) g_uri_unref);
    g_object_set_data_full (G_OBJECT (server), "plain", g_steal_pointer (&plain), g_object_unref);
  }

  g_test_add_func ("/tls/pin", test_tls_pin);
  g_test_add_func ("/tls/no-downgrade", test_tls_no_downgrade);

  status = g_test_run ();

  g_unlink (cert_path);
  g_unlink (key_path);
  g_rmdir (dir);
  return status;
}
