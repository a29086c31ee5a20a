/* vigie-test-http.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "vigie-http-client.h"

G_BEGIN_DECLS

/* What the HTTP client's tests share: a SoupServer on 127.0.0.1 for
 * well-formed HTTP, a raw socket service for the faults a SoupServer
 * cannot be made to commit, and fetches run to their end. */

#define VIGIE_TEST_USER_AGENT "Vigie/0.1.0 (+https://github.com/vigie-app/vigie)"
#define VIGIE_TEST_GUARD_S    10

/* 2023-11-14 22:13:20 UTC */
#define VIGIE_TEST_NOW_UNIX   G_GINT64_CONSTANT (1700000000)

typedef struct
{
  SoupServer      *server;
  char            *base_url;
  VigieHttpClient *client;          /* with VIGIE_TEST_USER_AGENT */

  /* What the last request carried. */
  char            *user_agent;
  char            *accept_encoding;
  char            *if_none_match;
  guint            n_requests;

  guint            version;
  GBytes          *gzip_plain;
} VigieTestHttpFixture;

typedef struct
{
  VigieHttpResponse *response;
  GError            *error;
  gboolean           done;
} VigieTestOutcome;

typedef struct _VigieTestRawServer VigieTestRawServer;

typedef void (*VigieTestHttpFunc) (VigieTestHttpFixture *fixture,
                                   gconstpointer         data);

void                vigie_test_http_init              (int                  *argc,
                                                       char               ***argv);
void                vigie_test_http_add               (const char           *path,
                                                       VigieTestHttpFunc     func,
                                                       gconstpointer         data);

void                vigie_test_outcome_clear          (VigieTestOutcome     *outcome);
void                vigie_test_http_fixture_setup     (VigieTestHttpFixture *fixture,
                                                       gconstpointer         data);
void                vigie_test_http_fixture_teardown  (VigieTestHttpFixture *fixture,
                                                       gconstpointer         data);
char               *vigie_test_http_url_for           (VigieTestHttpFixture *fixture,
                                                       const char           *path);
VigieHttpResponse  *vigie_test_http_get               (VigieTestHttpFixture *fixture,
                                                       const char           *path,
                                                       guint                 status,
                                                       VigieTestOutcome     *outcome);
GBytes             *vigie_test_gzip_bytes             (GBytes               *plain);

VigieTestRawServer *vigie_test_raw_server_new         (const char           *response,
                                                       gboolean              close_after,
                                                       gboolean              reset);
char               *vigie_test_raw_server_url         (VigieTestRawServer   *server);
void                vigie_test_raw_server_free        (VigieTestRawServer   *server);
guint16             vigie_test_find_closed_port       (void);

void                vigie_test_http_fetch             (VigieHttpClient      *client,
                                                       const char           *url,
                                                       const char           *etag,
                                                       gsize                 max_body_size,
                                                       GCancellable         *cancellable,
                                                       VigieTestOutcome     *outcome);
void                vigie_test_http_on_fetch_done_cb  (GObject              *object,
                                                       GAsyncResult         *result,
                                                       gpointer              user_data);
void                vigie_test_http_wait_for          (VigieTestOutcome     *outcome);
void                vigie_test_http_assert_body       (VigieHttpResponse    *response,
                                                       const char           *text);
double              vigie_test_seconds_since          (gint64                start);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VigieTestOutcome, vigie_test_outcome_clear)

G_END_DECLS
