/* test-ngsi-ld-paging.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "vigie-feed.h"
#include "vigie-feed-private.h"
#include "vigie-http-client.h"
#include "vigie-store.h"
#include "vigie-test-support.h"

/* A context broker on 127.0.0.1 that pages as NGSI-LD says: "limit" and
 * "offset" in the query, the total in NGSILD-Results-Count when the
 * query asks "count=true". The city has more parking spots than a page
 * holds; the feed must show them all, once each. */

#define LIMIT 100

static struct {
  SoupServer *server;
  char       *base;
  guint       n_spots;
  guint       n_requests;
  gboolean    count_header;
  guint       round;         /* changes every spot's status */
  guint       held_offset;   /* a page not answered while set, + 1 */
  SoupServerMessage *held;
} broker;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  const char *limit_s = query ? g_hash_table_lookup (query, "limit") : NULL;
  const char *offset_s = query ? g_hash_table_lookup (query, "offset") : NULL;
  guint limit = limit_s ? atoi (limit_s) : 20;
  guint offset = offset_s ? atoi (offset_s) : 0;
  g_autoptr(GString) body = g_string_new ("[");

  g_assert_cmpstr (path, ==, "/ngsi-ld/v1/entities");
  g_assert_cmpstr (g_hash_table_lookup (query, "type"), ==, "ParkingSpot");
  broker.n_requests++;

  for (guint i = offset; i < MIN (offset + limit, broker.n_spots); i++)
    g_string_append_printf (body,
                            "%s{\"id\": \"urn:ngsi-ld:ParkingSpot:test:%u\", \"type\": \"ParkingSpot\","
                            " \"location\": {\"type\": \"Point\", \"coordinates\": [%.5f, 47.75]},"
                            " \"status\": \"%s\"}",
                            i > offset ? ", " : "", i, 7.30 + i * 0.0001,
                            (i + broker.round) % 3 ? "free" : "occupied");
  g_string_append (body, "]");

  if (broker.count_header && g_strcmp0 (g_hash_table_lookup (query, "count"), "true") == 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", broker.n_spots);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "NGSILD-Results-Count", count);
    }

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/ld+json", SOUP_MEMORY_COPY, body->str, body->len);

  /* A page that hangs, until the test lets it go. */
  if (broker.held_offset == offset + 1)
    {
      broker.held = msg;
      soup_server_message_pause (msg);
    }
}

typedef struct
{
  VigieFeed *feed;
  guint      n;
} Wanted;

static gboolean
has_entities (gpointer data)
{
  Wanted *wanted = data;
  GListModel *store = G_LIST_MODEL (vigie_feed_get_store (wanted->feed));

  return g_list_model_get_n_items (store) == wanted->n && vigie_feed_is_settled (wanted->feed);
}

/* Spins until the store holds @n entities and every page was polled;
 * fails after 10 s. */
static void
wait_for_entities (VigieFeed *feed,
                   guint      n)
{
  GListModel *store = G_LIST_MODEL (vigie_feed_get_store (feed));
  Wanted wanted = { feed, n };
  gboolean done = vigie_test_spin_until (has_entities, &wanted, 10);

  g_test_message ("%u entities, %u wanted", g_list_model_get_n_items (store), n);
  g_assert_true (done);
}

static VigieFeed *
new_feed (const char *query)
{
  g_autofree char *url = g_strdup_printf ("%s/ngsi-ld/v1/entities?%s", broker.base, query);

  return vigie_feed_new ("parking", "Parking", VIGIE_FEED_KIND_PARKING, "ngsi-ld", url);
}

static void
test_all_pages (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = new_feed ("type=ParkingSpot&limit=100&count=true");
  VigieStore *store = vigie_feed_get_store (feed);

  broker.n_spots = 250;
  broker.count_header = TRUE;
  broker.n_requests = 0;

  vigie_feed_start (feed, client);
  wait_for_entities (feed, 250);

  /* Three pages, each asked once, every spot there once. */
  g_assert_cmpuint (broker.n_requests, ==, 3);
  g_assert_nonnull (vigie_store_lookup (store, VIGIE_ENTITY_ZONE, "urn:ngsi-ld:ParkingSpot:test:0"));
  g_assert_nonnull (vigie_store_lookup (store, VIGIE_ENTITY_ZONE, "urn:ngsi-ld:ParkingSpot:test:249"));
  g_assert_cmpuint (vigie_feed_get_n_records (feed), ==, 250);
  g_assert_false (vigie_test_warnings_contain (vigie_feed_get_warnings (feed), "limit"));

  /* The city removes spots: the third page is no longer asked for and
   * its spots leave the map. */
  broker.n_spots = 150;
  vigie_feed_refresh (feed);
  wait_for_entities (feed, 150);
  g_assert_null (vigie_store_lookup (store, VIGIE_ENTITY_ZONE, "urn:ngsi-ld:ParkingSpot:test:200"));

  vigie_feed_stop (feed);
}

static const char *
spot_status (VigieStore *store,
             guint       i)
{
  g_autofree char *id = g_strdup_printf ("urn:ngsi-ld:ParkingSpot:test:%u", i);
  VigieEntity *spot = vigie_store_lookup (store, VIGIE_ENTITY_ZONE, id);
  g_autoptr(GVariant) status = spot ? vigie_entity_dup_value (spot, "status", G_VARIANT_TYPE_STRING) : NULL;

  return status != NULL ? g_intern_string (g_variant_get_string (status, NULL)) : NULL;
}

typedef struct
{
  VigieStore *store;
  guint       spot;
  const char *status;
} WantedStatus;

static gboolean
has_status (gpointer data)
{
  WantedStatus *wanted = data;

  return g_strcmp0 (spot_status (wanted->store, wanted->spot), wanted->status) == 0;
}

/* The main page's timer: the one that reads the whole listing again. */
static void
fetch_main_page (VigieFeed *feed)
{
  vigie_feed_document_fetch (vigie_feed_find_document (feed, VIGIE_ROLE_MAIN));
}

static void
test_one_update (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = new_feed ("type=ParkingSpot&limit=100&count=true");
  VigieStore *store = vigie_feed_get_store (feed);
  guint n_applied = 0;

  broker.n_spots = 450;
  broker.count_header = TRUE;
  broker.round = 0;
  vigie_feed_start (feed, client);
  wait_for_entities (feed, 450);
  g_assert_cmpstr (spot_status (store, 0), ==, "occupied");
  g_assert_cmpstr (spot_status (store, 449), ==, "free");

  /* The pages have no timer of their own: the main page's reads them. */
  for (guint i = 0; i < feed->documents->len; i++)
    {
      VigieFeedDocument *doc = g_ptr_array_index (feed->documents, i);

      g_assert_cmpuint (doc->timeout_id != 0, ==, g_str_equal (doc->role, VIGIE_ROLE_MAIN));
    }

  /* Every spot changes; the main page's timer fires. All five pages are
   * read again, and the map gets one update, not one a page. */
  vigie_test_count_notify (store, "applied-at", &n_applied);
  broker.round = 1;
  broker.n_requests = 0;
  fetch_main_page (feed);
  g_assert_true (vigie_test_spin_until ((GSourceFunc) vigie_feed_is_settled, feed, 10));
  g_assert_cmpuint (broker.n_requests, ==, 5);
  g_assert_cmpuint (n_applied, ==, 1);
  g_assert_cmpstr (spot_status (store, 0), ==, "free");
  g_assert_cmpstr (spot_status (store, 449), ==, "occupied");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 450);

  /* A page that does not answer holds the others back a few seconds,
   * not until it gives up. Spot 1 (first page) turns occupied in the
   * third round, spot 202 (third page, held) too. */
  {
    WantedStatus wanted = { store, 1, "occupied" };
    gint64 start;

    broker.round = 2;
    broker.held_offset = 200 + 1;
    start = g_get_monotonic_time ();
    fetch_main_page (feed);
    g_assert_true (vigie_test_spin_until (has_status, &wanted, 15));
    g_test_message ("the other pages shown after %.1f s", (g_get_monotonic_time () - start) / 1e6);
    g_assert_nonnull (broker.held);
    g_assert_cmpstr (spot_status (store, 202), ==, "free");

    broker.held_offset = 0;
    soup_server_message_unpause (g_steal_pointer (&broker.held));
    wanted.spot = 202;
    g_assert_true (vigie_test_spin_until (has_status, &wanted, 10));
  }

  vigie_feed_stop (feed);
}

static void
test_no_count (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = new_feed ("type=ParkingSpot&limit=100");

  broker.n_spots = 250;
  broker.count_header = FALSE;
  broker.n_requests = 0;

  /* Without a count only one page can be known, and the operator is told. */
  vigie_feed_start (feed, client);
  wait_for_entities (feed, LIMIT);
  g_assert_cmpuint (broker.n_requests, ==, 1);
  g_assert_true (vigie_test_warnings_contain (vigie_feed_get_warnings (feed), "count=true"));

  vigie_feed_stop (feed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  broker.server = vigie_test_server_new (NULL, handler, NULL);
  broker.base = vigie_test_server_get_base_url (broker.server);

  g_test_add_func ("/ngsi-ld-paging/all-pages", test_all_pages);
  g_test_add_func ("/ngsi-ld-paging/no-count", test_no_count);
  g_test_add_func ("/ngsi-ld-paging/one-update", test_one_update);

  return g_test_run ();
}
