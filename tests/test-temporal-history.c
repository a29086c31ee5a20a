/* test-temporal-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <math.h>

#include "vigie-clock.h"
#include "vigie-feed-manager.h"
#include "vigie-format.h"
#include "vigie-history-replay.h"
#include "vigie-simulator.h"
#include "vigie-store.h"
#include "vigie-temporal-client.h"
#include "vigie-test-history.h"
#include "vigie-test-support.h"

/* The scale path: the demo city's parking feed with History=broker. The
 * simulator on loopback is the broker, its temporal API the only past
 * there is (this laptop recorded nothing): a day of replay read from it
 * drives a store as a layer's replay does, instant by instant, and each
 * instant must be the simulator's own model then; a parking zone's
 * sparkline is its last 24 hours. Both of the API's representations, and
 * its pages by entities and by slices of time. A broker down: the local
 * history instead. */

/* 2026-12-07 08:30 UTC, a Monday morning, on a five-minute boundary. */
#define NOW G_GINT64_CONSTANT (1796632200)
#define SEED 7

#define ENTITIES_PATH "/ngsi-ld/v1/entities"
#define ENTITIES_QUERY "type=OnStreetParking,OffStreetParking&options=keyValues&limit=1000&count=true"

typedef struct
{
  VigieSimulator   *simulator;
  VigieSimulator   *model;       /* the same city, not served: what was */
  char             *base;
  char             *folder;
  char             *path;
  VigieHistory     *history;
  VigieFeedManager *manager;
  VigieFeed        *feed;
} Fixture;

static VigieSnapshot *
model_at (Fixture *fixture,
          gint64   time)
{
  g_autoptr(GHashTable) query = g_uri_parse_params (ENTITIES_QUERY, -1, "&", G_URI_PARAMS_NONE, NULL);
  g_autoptr(GBytes) bytes = NULL;
  guint status = 0;

  vigie_simulator_set_time (fixture->model, time);
  bytes = vigie_simulator_render (fixture->model, ENTITIES_PATH, query, NULL, &status);
  g_assert_cmpuint (status, ==, 200);

  return vigie_test_parse (vigie_format_lookup ("ngsi-ld"), VIGIE_ROLE_MAIN, bytes, time, NULL);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char *history_query = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("vigie-test");
  g_autoptr(VigieSnapshot) live = NULL;
  g_autofree char *url = NULL;

  vigie_clock_set_time (NOW);
  fixture->simulator = vigie_simulator_new (SEED);
  vigie_simulator_set_time (fixture->simulator, NOW);
  g_assert_true (vigie_simulator_start (fixture->simulator, 0, &error));
  g_assert_no_error (error);
  fixture->model = vigie_simulator_new (SEED);
  fixture->base = vigie_simulator_dup_base_url (fixture->simulator);

  fixture->folder = vigie_test_history_folder_new ("vigie-temporal-XXXXXX", &fixture->path);
  fixture->history = vigie_history_new (fixture->path);

  url = g_strconcat (fixture->base, ENTITIES_PATH "?" ENTITIES_QUERY, NULL);
  fixture->feed = vigie_feed_new ("parking", "Parking", VIGIE_FEED_KIND_PARKING, "ngsi-ld", url);
  vigie_feed_set_option (fixture->feed, "history", "broker");
  if (history_query != NULL)
    {
      g_autofree char *history_url = g_strconcat (fixture->base, "/ngsi-ld/v1/temporal/entities?",
                                                  history_query, NULL);

      vigie_feed_set_option (fixture->feed, "history-url", history_url);
    }
  fixture->manager = vigie_feed_manager_new (client);
  vigie_feed_manager_add (fixture->manager, fixture->feed);
  vigie_temporal_client_attach (fixture->history, fixture->manager);

  /* The feed as it is now, as its worker would have applied it. */
  live = model_at (fixture, NOW);
  vigie_store_apply (vigie_feed_get_store (fixture->feed), live, NOW);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->history);
  g_clear_object (&fixture->feed);
  g_clear_object (&fixture->manager);
  vigie_simulator_stop (fixture->simulator);
  g_clear_object (&fixture->simulator);
  g_clear_object (&fixture->model);
  vigie_test_history_remove (fixture->folder, fixture->path);
  g_free (fixture->folder);
  g_free (fixture->path);
  g_free (fixture->base);
  vigie_clock_set_time (0);
}

typedef struct
{
  GAsyncResult *result;
} Waited;

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Waited *waited = user_data;

  waited->result = g_object_ref (result);
}

static gboolean
is_done (gpointer data)
{
  return ((Waited *) data)->result != NULL;
}

static VigieSnapshot *
replay_at (Fixture       *fixture,
           GPtrArray     *entities,
           VigieSnapshot *previous,
           gint64         time)
{
  g_autoptr(GError) error = NULL;
  Waited waited = { NULL };
  VigieSnapshot *snapshot;

  vigie_history_replay_build_async (fixture->history, "parking", entities, previous, time, NULL,
                                    on_done_cb, &waited);
  g_assert_true (vigie_test_spin_until (is_done, &waited, 30));
  snapshot = vigie_history_replay_build_finish (fixture->history, waited.result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  g_object_unref (waited.result);

  return snapshot;
}

/* Every parking of @store as the model had it at @time. */
static void
assert_store_is_model (Fixture    *fixture,
                       VigieStore *store,
                       gint64      time)
{
  g_autoptr(VigieSnapshot) expected = model_at (fixture, time);
  guint n = vigie_snapshot_get_n_entities (expected);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      VigieEntity *want = vigie_snapshot_get_entity (expected, i);
      VigieEntity *got = vigie_store_lookup (store, vigie_entity_get_kind (want), vigie_entity_get_id (want));
      gint64 want_free = -1, got_free = -2;
      double want_occupancy = -1, got_occupancy = -2;

      g_assert_nonnull (got);
      g_assert_true (vigie_entity_lookup_int (want, "available_spots", &want_free));
      g_assert_true (vigie_entity_lookup_int (got, "available_spots", &got_free));
      g_assert_cmpint (got_free, ==, want_free);
      g_assert_true (vigie_entity_lookup_double (want, "occupancy", &want_occupancy));
      g_assert_true (vigie_entity_lookup_double (got, "occupancy", &got_occupancy));
      g_assert_cmpfloat_with_epsilon (got_occupancy, want_occupancy, 0.001);
      /* Its place and name from the feed now. */
      g_assert_cmpfloat (vigie_entity_get_latitude (got), ==, vigie_entity_get_latitude (want));
      g_assert_cmpstr (vigie_entity_get_name (got), ==, vigie_entity_get_name (want));
    }
}

static void
test_replay_day (Fixture       *fixture,
                 gconstpointer  data)
{
  /* A day back from now, and hours the store goes back and forth to. */
  const gint64 instants[] = { NOW - 3600, NOW - 24 * 3600 + 300, NOW - 17 * 3600 - 1500,
                              NOW - 9 * 3600, NOW - 300, NOW };
  g_autoptr(GPtrArray) entities = vigie_store_dup_entities (vigie_feed_get_store (fixture->feed));
  g_autoptr(VigieStore) store = vigie_store_new ();
  g_autoptr(VigieSnapshot) previous = NULL;
  VigieTemporalClient *client = vigie_temporal_client_get (fixture->history);

  g_assert_cmpuint (entities->len, ==, 15);

  for (guint i = 0; i < G_N_ELEMENTS (instants); i++)
    {
      VigieSnapshot *snapshot = replay_at (fixture, entities, previous, instants[i]);

      /* As the replay bar does: the layer's store takes it whole. */
      vigie_store_apply (store, snapshot, NOW);
      g_clear_pointer (&previous, vigie_snapshot_unref);
      previous = snapshot;
      assert_store_is_model (fixture, store, instants[i]);
    }

  /* The day was read once, then kept. */
  g_assert_cmpuint (vigie_temporal_client_get_n_fetches (client), ==, 1);
}

static void
on_sparkline_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  on_done_cb (source, result, user_data);
}

static VigieHistorySparkline *
load_sparkline (Fixture     *fixture,
                VigieEntity *entity)
{
  g_autoptr(GError) error = NULL;
  VigieHistoryMainSeries series;
  VigieHistorySparkline *sparkline;
  Waited waited = { NULL };

  g_assert_true (vigie_history_main_series (entity, &series));
  vigie_history_load_sparkline_async (fixture->history, "parking", &series, NOW, NULL,
                                      on_sparkline_cb, &waited);
  g_assert_true (vigie_test_spin_until (is_done, &waited, 30));
  sparkline = vigie_history_load_sparkline_finish (fixture->history, waited.result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sparkline);
  g_object_unref (waited.result);
  vigie_history_main_series_clear (&series);

  return sparkline;
}

static double
run_value_at (VigieHistorySparkline *sparkline,
              gint64                 time)
{
  for (guint i = 0; i < sparkline->runs->len; i++)
    {
      VigieHistoryRun *run = &g_array_index (sparkline->runs, VigieHistoryRun, i);

      if (run->from <= time && time < run->until)
        return run->value;
    }

  return NAN;
}

static void
test_sparkline (Fixture       *fixture,
                gconstpointer  data)
{
  VigieStore *live = vigie_feed_get_store (fixture->feed);
  g_autoptr(VigieEntity) zone = g_list_model_get_item (G_LIST_MODEL (live), 0);
  g_autoptr(VigieHistorySparkline) sparkline = NULL;
  gint64 now_value = 0;

  g_assert_cmpint (vigie_entity_get_kind (zone), ==, VIGIE_ENTITY_ZONE);
  sparkline = load_sparkline (fixture, zone);

  /* The whole day, as the broker kept it, its value now the feed's. */
  g_assert_true (sparkline->has_data);
  g_assert_cmpint (sparkline->from, ==, NOW - 24 * 3600);
  g_assert_cmpint (sparkline->to, ==, NOW);
  g_assert_cmpuint (sparkline->runs->len, >, 24);
  g_assert_cmpint (g_array_index (sparkline->runs, VigieHistoryRun, 0).from, ==, NOW - 24 * 3600);
  g_assert_true (sparkline->has_now);
  g_assert_true (vigie_entity_lookup_int (zone, "occupied_spots", &now_value));
  g_assert_cmpfloat (sparkline->now, ==, now_value);
  g_assert_cmpfloat (sparkline->min, <, sparkline->max);

  /* At each hour, the model's value then. */
  for (gint64 t = NOW - 23 * 3600; t < NOW; t += 3600)
    {
      g_autoptr(VigieSnapshot) then = model_at (fixture, t);
      VigieEntity *was = vigie_test_get_entity (then, VIGIE_ENTITY_ZONE, vigie_entity_get_id (zone));
      gint64 occupied = -1;

      g_assert_true (vigie_entity_lookup_int (was, "occupied_spots", &occupied));
      g_assert_cmpfloat (run_value_at (sparkline, t), ==, occupied);
    }
}

/* The broker down: what this laptop recorded, here nothing, not an error. */
static void
test_broker_down (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieEntity) zone = g_list_model_get_item (G_LIST_MODEL (vigie_feed_get_store (fixture->feed)), 0);
  g_autoptr(VigieHistorySparkline) sparkline = NULL;

  g_assert_true (vigie_simulator_add_fault (fixture->simulator, "parking:status:503", &error));
  g_assert_no_error (error);
  vigie_history_sync (fixture->history);
  sparkline = load_sparkline (fixture, zone);
  g_assert_false (sparkline->has_data);
  g_assert_cmpuint (sparkline->runs->len, ==, 0);

  /* Replay: the feed as it is, nothing being recorded here; the broker
   * not asked again at the next instant. */
  {
    g_autoptr(GPtrArray) entities = vigie_store_dup_entities (vigie_feed_get_store (fixture->feed));
    g_autoptr(VigieSnapshot) first = replay_at (fixture, entities, NULL, NOW - 3600);
    g_autoptr(VigieSnapshot) second = replay_at (fixture, entities, first, NOW - 3300);
    VigieTemporalClient *client = vigie_temporal_client_get (fixture->history);

    g_assert_cmpuint (vigie_snapshot_get_n_entities (first), ==, 15);
    g_assert_cmpuint (vigie_snapshot_get_n_entities (second), ==, 15);
    g_assert_cmpuint (vigie_temporal_client_get_n_fetches (client), ==, 2);   /* the sparkline, the first instant */
  }
}

/* A broker of another make: entities paged by NGSILD-Results-Count alone
 * (no Link rel="next"), instances by slices of ten minutes linked as
 * rel="intervalafter" with a 200, a third page that is not JSON. */
#define T0 (NOW - 1800)

static void
other_broker_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  guint *n_requests = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GString) body = g_string_new ("[");
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) end_at = NULL;
  gint64 offset = g_ascii_strtoll (g_hash_table_lookup (query, "offset") ? g_hash_table_lookup (query, "offset") : "0", NULL, 10);
  gint64 limit = g_ascii_strtoll (g_hash_table_lookup (query, "limit"), NULL, 10);
  gint64 from, to;

  (*n_requests)++;
  g_assert_cmpstr (path, ==, "/ngsi-ld/v1/temporal/entities");
  g_assert_cmpstr (g_hash_table_lookup (query, "timerel"), ==, "between");
  at = g_date_time_new_from_iso8601 (g_hash_table_lookup (query, "timeAt"), NULL);
  end_at = g_date_time_new_from_iso8601 (g_hash_table_lookup (query, "endTimeAt"), NULL);
  from = g_date_time_to_unix (at);
  to = MIN (g_date_time_to_unix (end_at), from + 600);

  if (offset >= 4)
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{oops", 5);
      return;
    }

  for (gint64 i = offset; i < MIN (offset + limit, 5); i++)
    {
      g_string_append_printf (body, "%s{\"id\": \"urn:ngsi-ld:OnStreetParking:x:%" G_GINT64_FORMAT "\","
                              " \"availableSpotNumber\": [", i > offset ? "," : "", i);
      for (gint64 t = from - from % 300 + (from % 300 ? 300 : 0), k = 0; t < to; t += 300, k++)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
          g_autofree char *text = g_date_time_format_iso8601 (utc);

          g_string_append_printf (body, "%s{\"type\": \"Property\", \"value\": %" G_GINT64_FORMAT ","
                                  " \"observedAt\": \"%s\"}", k > 0 ? "," : "", i * 100 + (t - T0) / 300, text);
        }
      g_string_append (body, "]}");
    }
  g_string_append (body, "]");

  soup_message_headers_replace (headers, "NGSILD-Results-Count", "5");
  if (to < g_date_time_to_unix (end_at))
    {
      g_autoptr(GDateTime) next_at = g_date_time_new_from_unix_utc (to);
      g_autofree char *next_text = g_date_time_format (next_at, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *end_text = g_date_time_format (end_at, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *link = g_strdup_printf ("</ngsi-ld/v1/temporal/entities?type=OnStreetParking&limit=%" G_GINT64_FORMAT
                                               "&offset=%" G_GINT64_FORMAT "&timerel=between&timeAt=%s&endTimeAt=%s>;"
                                               " rel=\"intervalafter\"; type=\"application/json\"",
                                               limit, offset, next_text, end_text);

      soup_message_headers_append (headers, "Link", "<https://example.org/context.jsonld>; rel=\"http://www.w3.org/ns/json-ld#context\"");
      soup_message_headers_append (headers, "Link", link);
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body->str, body->len);
}

typedef struct
{
  char              *url;
  VigieTemporalData *data;
  GError            *error;
  gboolean           done;
} Fetch;

static gpointer
fetch_thread (gpointer user_data)
{
  Fetch *fetch = user_data;

  fetch->data = vigie_temporal_fetch (fetch->url, NULL, NULL, T0, NOW, NULL, &fetch->error);
  g_atomic_int_set (&fetch->done, TRUE);
  g_main_context_wakeup (NULL);

  return NULL;
}

static gboolean
fetched (gpointer data)
{
  return g_atomic_int_get (&((Fetch *) data)->done);
}

static void
test_other_broker (void)
{
  guint n_requests = 0;
  SoupServer *server = vigie_test_server_new ("/ngsi-ld", other_broker_cb, &n_requests);
  g_autofree char *base = vigie_test_server_get_base_url (server);
  g_autoptr(GThread) thread = NULL;
  Fetch fetch = { NULL };

  fetch.url = g_strconcat (base, "/ngsi-ld/v1/temporal/entities?type=OnStreetParking&limit=2", NULL);
  thread = g_thread_new ("fetch", fetch_thread, &fetch);
  g_assert_true (vigie_test_spin_until (fetched, &fetch, 30));
  g_thread_join (g_steal_pointer (&thread));
  g_assert_no_error (fetch.error);
  g_assert_nonnull (fetch.data);

  /* Pages 1 and 2 (four entities) in three slices each; page 3 broken,
   * said in the log, the rest kept. */
  g_assert_cmpuint (n_requests, ==, 7);
  g_assert_cmpuint (vigie_temporal_data_get_n_entities (fetch.data), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("urn:ngsi-ld:OnStreetParking:x:%u", i);
      GArray *series = vigie_temporal_data_get_series (fetch.data, id, "available_spots");

      g_assert_cmpuint (series->len, ==, 6);
      for (guint k = 0; k < series->len; k++)
        {
          g_assert_cmpint (g_array_index (series, VigieTemporalInstance, k).time, ==, T0 + 300 * k);
          g_assert_cmpfloat (g_array_index (series, VigieTemporalInstance, k).value, ==, i * 100 + k);
        }
    }

  vigie_temporal_data_free (fetch.data);
  g_free (fetch.url);
  vigie_test_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* The address made from the feed's: normalized, 100 entities a page. */
  g_test_add ("/temporal-history/normalized/replay-day", Fixture, NULL,
              fixture_setup, test_replay_day, fixture_teardown);
  g_test_add ("/temporal-history/normalized/sparkline", Fixture, NULL,
              fixture_setup, test_sparkline, fixture_teardown);
  /* HistoryUrl: simplified, 4 entities a page, so four pages. */
  g_test_add ("/temporal-history/simplified/replay-day", Fixture,
              "type=OnStreetParking,OffStreetParking&options=temporalValues&limit=4",
              fixture_setup, test_replay_day, fixture_teardown);
  g_test_add ("/temporal-history/simplified/sparkline", Fixture,
              "type=OnStreetParking,OffStreetParking&options=temporalValues&limit=4",
              fixture_setup, test_sparkline, fixture_teardown);
  g_test_add ("/temporal-history/broker-down", Fixture, NULL,
              fixture_setup, test_broker_down, fixture_teardown);
  g_test_add_func ("/temporal-history/other-broker", test_other_broker);

  return g_test_run ();
}
