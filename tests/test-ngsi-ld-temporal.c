/* test-ngsi-ld-temporal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vigie-feed.h"
#include "vigie-format.h"
#include "vigie-ngsi-ld-temporal.h"
#include "vigie-temporal-client.h"
#include "vigie-test-support.h"

/* The pages of an NGSI-LD broker's temporal API read into series: both
 * representations (normalized instances with observedAt, simplified
 * [value, time] pairs), pages that overlap, bad records skipped with a
 * warning and never the page, bounds; what replay and sparklines make of
 * the series; the addresses asked. */

/* 2026-12-07 08:00 UTC */
#define T0 G_GINT64_CONSTANT (1796630400)

static const char normalized[] =
  "[{\"id\": \"urn:ngsi-ld:OffStreetParking:test:a\", \"type\": \"OffStreetParking\","
  "  \"availableSpotNumber\": ["
  "    {\"type\": \"Property\", \"value\": 40, \"observedAt\": \"2026-12-07T08:10:00Z\"},"
  "    {\"type\": \"Property\", \"value\": 50, \"observedAt\": \"2026-12-07T08:00:00Z\"},"
  "    {\"type\": \"Property\", \"value\": 45, \"observedAt\": \"2026-12-07T08:05:00+00:00\"}],"
  "  \"https://smartdatamodels.org/dataModel.Parking/totalSpotNumber\": ["
  "    {\"type\": \"Property\", \"value\": 100, \"observedAt\": \"2026-12-07T08:00:00Z\"}],"
  "  \"status\": ["
  "    {\"type\": \"Property\", \"value\": [\"open\", \"spacesAvailable\"], \"observedAt\": \"2026-12-07T08:00:00Z\"},"
  "    {\"type\": \"Property\", \"value\": [\"open\", \"full\"], \"observedAt\": \"2026-12-07T08:10:00Z\"}],"
  "  \"name\": {\"type\": \"Property\", \"value\": \"ignored\"}},"
  " {\"id\": \"urn:ngsi-ld:OnStreetParking:test:b\", \"type\": \"OnStreetParking\","
  "  \"occupiedSpotNumber\": {\"type\": \"Property\", \"value\": 3, \"modifiedAt\": \"2026-12-07T08:00:00Z\"},"
  "  \"totalSpotNumber\": [{\"type\": \"Property\", \"value\": 10, \"observedAt\": \"2026-12-07T08:00:00Z\"}]}]";

static const char simplified[] =
  "{\"@graph\": ["
  " {\"id\": \"urn:ngsi-ld:OffStreetParking:test:a\", \"type\": \"OffStreetParking\","
  "  \"availableSpotNumber\": {\"type\": \"Property\", \"values\": [[40, \"2026-12-07T08:10:00Z\"], [30, \"2026-12-07T08:20:00Z\"]]},"
  "  \"occupancy\": {\"type\": \"Property\", \"values\": [[70, \"2026-12-07T08:20:00Z\"]]}},"
  " {\"id\": \"urn:ngsi-ld:OnStreetParking:test:c\","
  "  \"availableSpotNumber\": [[5, \"2026-12-07T08:00:00Z\"], [0, \"2026-12-07T08:15:00Z\"]],"
  "  \"totalSpotNumber\": [[8, \"2026-12-07T08:00:00Z\"]]}]}";

/* What @field of @id was at @time, or NULL. */
static const VigieTemporalInstance *
instance_at (VigieTemporalData *data,
             const char        *id,
             const char        *field,
             gint64             time)
{
  const VigieTemporalInstance *instance;

  return vigie_temporal_data_value_at (data, id, field, time, &instance) ? instance : NULL;
}

static gint64
value_at (VigieTemporalData *data,
          const char        *id,
          const char        *field,
          gint64             time)
{
  const VigieTemporalInstance *instance = instance_at (data, id, field, time);

  return instance != NULL ? (gint64) instance->value : -1;
}

static const char *
word_at (VigieTemporalData *data,
         const char        *id,
         const char        *field,
         gint64             time)
{
  const VigieTemporalInstance *instance = instance_at (data, id, field, time);

  return instance != NULL ? instance->text : NULL;
}

static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new_static (text, strlen (text));
}

static void
test_normalized (void)
{
  g_autoptr(VigieTemporalData) data = vigie_temporal_data_new (NULL);
  g_autoptr(GBytes) bytes = bytes_of (normalized);
  g_autoptr(GError) error = NULL;
  GArray *series;
  guint n = 0;

  g_assert_true (vigie_temporal_data_parse (data, bytes, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  vigie_temporal_data_finish (data);
  g_assert_cmpuint (vigie_temporal_data_get_n_entities (data), ==, 2);

  /* Sorted by time whatever the order given, whatever the offset. */
  series = vigie_temporal_data_get_series (data, "urn:ngsi-ld:OffStreetParking:test:a", "available_spots");
  g_assert_nonnull (series);
  g_assert_cmpuint (series->len, ==, 3);
  g_assert_cmpint (g_array_index (series, VigieTemporalInstance, 0).time, ==, T0);
  g_assert_cmpint (g_array_index (series, VigieTemporalInstance, 2).time, ==, T0 + 600);

  g_assert_cmpint (value_at (data, "urn:ngsi-ld:OffStreetParking:test:a", "available_spots", T0 - 1), ==, -1);
  g_assert_cmpint (value_at (data, "urn:ngsi-ld:OffStreetParking:test:a", "available_spots", T0), ==, 50);
  g_assert_cmpint (value_at (data, "urn:ngsi-ld:OffStreetParking:test:a", "available_spots", T0 + 420), ==, 45);
  g_assert_cmpint (value_at (data, "urn:ngsi-ld:OffStreetParking:test:a", "available_spots", T0 + 9999), ==, 40);
  /* An expanded name is the same attribute. */
  g_assert_cmpint (value_at (data, "urn:ngsi-ld:OffStreetParking:test:a", "total_spots", T0 + 600), ==, 100);
  /* A status list: its most telling word, as the live reader says it. */
  g_assert_cmpstr (word_at (data, "urn:ngsi-ld:OffStreetParking:test:a", "status", T0 + 300), ==, "spacesAvailable");
  g_assert_cmpstr (word_at (data, "urn:ngsi-ld:OffStreetParking:test:a", "status", T0 + 600), ==, "full");
  /* One instance as an object, dated by modifiedAt. */
  g_assert_cmpint (value_at (data, "urn:ngsi-ld:OnStreetParking:test:b", "occupied_spots", T0), ==, 3);
  g_assert_null (vigie_temporal_data_get_warnings (data)[0]);
}

static void
test_simplified (void)
{
  g_autoptr(VigieTemporalData) data = vigie_temporal_data_new (NULL);
  g_autoptr(GBytes) first = bytes_of (normalized);
  g_autoptr(GBytes) second = bytes_of (simplified);
  g_autoptr(GError) error = NULL;
  const VigieTemporalInstance *instance;
  GArray *series;

  /* Two pages whose times overlap (a broker's slices do): one instance
   * per time. */
  g_assert_true (vigie_temporal_data_parse (data, first, NULL, &error));
  g_assert_true (vigie_temporal_data_parse (data, second, NULL, &error));
  g_assert_no_error (error);
  vigie_temporal_data_finish (data);
  g_assert_cmpuint (vigie_temporal_data_get_n_entities (data), ==, 3);

  series = vigie_temporal_data_get_series (data, "urn:ngsi-ld:OffStreetParking:test:a", "available_spots");
  g_assert_cmpuint (series->len, ==, 4);
  g_assert_cmpint (value_at (data, "urn:ngsi-ld:OffStreetParking:test:a", "available_spots", T0 + 1200), ==, 30);
  /* A percentage read as a share, said once. */
  g_assert_true (vigie_temporal_data_value_at (data, "urn:ngsi-ld:OffStreetParking:test:a", "occupancy",
                                               T0 + 1200, &instance));
  g_assert_cmpfloat_with_epsilon (instance->value, 0.7, 1e-9);
  g_assert_true (vigie_test_warnings_contain (vigie_temporal_data_get_warnings (data), "percentage"));
  /* The bare list of pairs of older brokers. */
  g_assert_cmpint (value_at (data, "urn:ngsi-ld:OnStreetParking:test:c", "available_spots", T0 + 900), ==, 0);
  g_assert_cmpint (vigie_temporal_data_get_n_instances (data), ==, 13);
}

/* The simulator's answers, recorded: the same car park in both
 * representations gives the same series. */
static void
test_fixtures (void)
{
  const char *id = "urn:ngsi-ld:OffStreetParking:mulhouse-simule:porte-jeune";
  const char * const fields[] = { "available_spots", "total_spots", "occupancy", "status" };
  g_autoptr(VigieTemporalData) normalized_data = vigie_temporal_data_new (NULL);
  g_autoptr(VigieTemporalData) simplified_data = vigie_temporal_data_new (NULL);
  g_autoptr(GBytes) first = vigie_test_load_fixture ("parking", "ngsi-ld-temporal-normalized.json");
  g_autoptr(GBytes) second = vigie_test_load_fixture ("parking", "ngsi-ld-temporal-simplified.json");
  g_autoptr(GError) error = NULL;

  g_assert_true (vigie_temporal_data_parse (normalized_data, first, NULL, &error));
  g_assert_true (vigie_temporal_data_parse (simplified_data, second, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GArray *a = vigie_temporal_data_get_series (normalized_data, id, fields[i]);
      GArray *b = vigie_temporal_data_get_series (simplified_data, id, fields[i]);

      g_assert_nonnull (a);
      g_assert_nonnull (b);
      g_assert_cmpuint (a->len, ==, 3);
      g_assert_cmpuint (b->len, ==, 3);
      for (guint j = 0; j < a->len; j++)
        {
          VigieTemporalInstance *x = &g_array_index (a, VigieTemporalInstance, j);
          VigieTemporalInstance *y = &g_array_index (b, VigieTemporalInstance, j);

          g_assert_cmpint (x->time, ==, T0 - 600 + 300 * (gint64) j);
          g_assert_cmpint (x->time, ==, y->time);
          g_assert_cmpstr (x->text, ==, y->text);
          if (x->text == NULL)
            g_assert_cmpfloat (x->value, ==, y->value);
        }
    }
  g_assert_null (vigie_temporal_data_get_warnings (normalized_data)[0]);
  g_assert_null (vigie_temporal_data_get_warnings (simplified_data)[0]);
}

static void
test_bad_records (void)
{
  static const char bad[] =
    "[42,"
    " {\"type\": \"OnStreetParking\", \"availableSpotNumber\": [[1, \"2026-12-07T08:00:00Z\"]]},"
    " {\"id\": \"urn:ngsi-ld:OnStreetParking:test:d\","
    "  \"availableSpotNumber\": ["
    "    {\"type\": \"Property\", \"value\": 7},"
    "    {\"type\": \"Property\", \"value\": \"many\", \"observedAt\": \"2026-12-07T08:05:00Z\"},"
    "    {\"type\": \"Property\", \"value\": 6, \"observedAt\": \"yesterday\"},"
    "    [9],"
    "    true,"
    "    {\"type\": \"Property\", \"value\": -4, \"observedAt\": \"2026-12-07T08:10:00Z\"},"
    "    {\"type\": \"Property\", \"value\": 5, \"observedAt\": \"2026-12-07T08:15:00Z\"}],"
    "  \"occupancy\": [[250, \"2026-12-07T08:00:00Z\"], [\"1e999\", \"2026-12-07T08:05:00Z\"]],"
    "  \"totalSpotNumber\": \"twelve\"}]";
  g_autoptr(VigieTemporalData) data = vigie_temporal_data_new (NULL);
  g_autoptr(GBytes) bytes = bytes_of (bad);
  g_autoptr(GError) error = NULL;
  const char * const *warnings;

  g_assert_true (vigie_temporal_data_parse (data, bytes, NULL, &error));
  g_assert_no_error (error);
  vigie_temporal_data_finish (data);
  warnings = vigie_temporal_data_get_warnings (data);

  /* The good instances kept, each bad one named. */
  g_assert_cmpuint (vigie_temporal_data_get_n_entities (data), ==, 1);
  g_assert_cmpint (value_at (data, "urn:ngsi-ld:OnStreetParking:test:d", "available_spots", T0 + 600), ==, 0);
  g_assert_cmpint (value_at (data, "urn:ngsi-ld:OnStreetParking:test:d", "available_spots", T0 + 900), ==, 5);
  g_assert_cmpuint (vigie_temporal_data_get_series (data, "urn:ngsi-ld:OnStreetParking:test:d",
                                                    "available_spots")->len, ==, 2);
  g_assert_cmpuint (vigie_temporal_data_get_series (data, "urn:ngsi-ld:OnStreetParking:test:d",
                                                    "occupancy")->len, ==, 0);
  g_assert_true (vigie_test_warnings_contain (warnings, "Entity 1 is not an object"));
  g_assert_true (vigie_test_warnings_contain (warnings, "Entity 2 has no id"));
  g_assert_true (vigie_test_warnings_contain (warnings, "value 1 of “availableSpotNumber” has no time"));
  g_assert_true (vigie_test_warnings_contain (warnings, "value 2 of “availableSpotNumber” is unreadable"));
  g_assert_true (vigie_test_warnings_contain (warnings, "value 3 of “availableSpotNumber” has no time"));
  g_assert_true (vigie_test_warnings_contain (warnings, "value 4 of “availableSpotNumber” has no time"));
  g_assert_true (vigie_test_warnings_contain (warnings, "value 5 of “availableSpotNumber” is unreadable"));
  g_assert_true (vigie_test_warnings_contain (warnings, "negative “availableSpotNumber”"));
  g_assert_true (vigie_test_warnings_contain (warnings, "value 1 of “occupancy” is unreadable"));
  g_assert_true (vigie_test_warnings_contain (warnings, "“totalSpotNumber” is neither"));
}

static void
test_bad_pages (void)
{
  const char * const pages[] = {
    "",
    "not json",
    "{\"type\": \"FeatureCollection\"}",
    "\"a string\"",
    "[{\"id\": \"urn:x\", \"availableSpotNumber\": [[1, \"2026-12-07T08:00:00Z\"]], \"name\": \"\xC3\x28\"}]",
  };
  g_autoptr(VigieTemporalData) data = vigie_temporal_data_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GBytes) bytes = bytes_of (pages[i]);
      g_autoptr(GError) error = NULL;

      g_assert_false (vigie_temporal_data_parse (data, bytes, NULL, &error));
      g_assert_error (error, VIGIE_FORMAT_ERROR, error->code);
    }
  /* Not UTF-8: the whole page, in words. */
  {
    g_autoptr(GBytes) bytes = bytes_of (pages[4]);
    g_autoptr(GError) error = NULL;

    vigie_temporal_data_parse (data, bytes, NULL, &error);
    g_assert_cmpstr (error->message, ==, "The broker's answer is not UTF-8 text");
  }
  g_assert_cmpuint (vigie_temporal_data_get_n_entities (data), ==, 0);

  /* Every bad page, random bytes: an error or some data, never a crash. */
  for (guint seed = 0; seed < 200; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(VigieTemporalData) fuzzed = vigie_temporal_data_new (NULL);
      g_autofree char *text = g_strdup (seed % 2 ? normalized : simplified);
      gsize length = strlen (text);
      g_autoptr(GBytes) bytes = NULL;

      for (guint k = 0; k < 8; k++)
        text[g_rand_int_range (rand, 0, length)] = "[]{}\",:0a-"[g_rand_int_range (rand, 0, 11)];
      bytes = g_bytes_new (text, length);
      vigie_temporal_data_parse (fuzzed, bytes, NULL, NULL);
      vigie_temporal_data_finish (fuzzed);
    }
}

static void
test_limits (void)
{
  VigieTemporalLimits limits = { 2, 5 };
  g_autoptr(VigieTemporalData) data = vigie_temporal_data_new (&limits);
  g_autoptr(GBytes) first = bytes_of (normalized);
  g_autoptr(GBytes) second = bytes_of (simplified);
  const char * const *warnings;

  g_assert_true (vigie_temporal_data_parse (data, first, NULL, NULL));
  g_assert_true (vigie_temporal_data_parse (data, second, NULL, NULL));
  vigie_temporal_data_finish (data);
  warnings = vigie_temporal_data_get_warnings (data);

  g_assert_cmpuint (vigie_temporal_data_get_n_entities (data), ==, 2);
  g_assert_cmpuint (vigie_temporal_data_get_n_instances (data), <=, 5);
  g_assert_true (vigie_test_warnings_contain (warnings, "more than 2 entities"));
  g_assert_true (vigie_test_warnings_contain (warnings, "more than 5 values"));
}

/* What replay and the sparkline make of the series. */
static void
test_past (void)
{
  g_autoptr(VigieTemporalData) data = vigie_temporal_data_new (NULL);
  g_autoptr(GBytes) first = bytes_of (normalized);
  g_autoptr(GBytes) second = bytes_of (simplified);
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GVariantDict) values = g_variant_dict_new (NULL);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(VigieHistorySparkline) sparkline = NULL;
  VigieEntity *entity;

  g_assert_true (vigie_temporal_data_parse (data, first, NULL, NULL));
  g_assert_true (vigie_temporal_data_parse (data, second, NULL, NULL));

  /* The feed now: a, c, and e the broker does not know. */
  g_variant_dict_insert (values, "available_spots", "x", (gint64) 1);
  g_variant_dict_insert (values, "total_spots", "x", (gint64) 100);
  g_variant_dict_insert (values, "occupancy", "d", 0.99);
  g_variant_dict_insert (values, "category", "s", "public");
  g_ptr_array_add (entities, vigie_entity_new (VIGIE_ENTITY_CAR_PARK, "urn:ngsi-ld:OffStreetParking:test:a", "A",
                                               47.75, 7.33, T0 + 3600, g_variant_dict_end (values)));
  g_variant_dict_unref (values);
  values = g_variant_dict_new (NULL);
  g_variant_dict_insert (values, "available_spots", "x", (gint64) 1);
  g_variant_dict_insert (values, "total_spots", "x", (gint64) 8);
  g_ptr_array_add (entities, vigie_entity_new (VIGIE_ENTITY_ZONE, "urn:ngsi-ld:OnStreetParking:test:c", "C",
                                               47.75, 7.34, T0 + 3600, g_variant_dict_end (values)));
  g_ptr_array_add (entities, vigie_entity_new (VIGIE_ENTITY_ZONE, "e", "E", 47.76, 7.34, T0 + 3600, NULL));

  /* 08:07: a had 45 of 100 (occupancy from the counts), c 5 of 8. */
  snapshot = vigie_temporal_build_snapshot (data, entities, NULL, T0 + 420);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 3);
  entity = vigie_test_find_entity (snapshot, VIGIE_ENTITY_CAR_PARK, "urn:ngsi-ld:OffStreetParking:test:a");
  vigie_test_assert_int_value (entity, "available_spots", 45);
  vigie_test_assert_string_value (entity, "status", "spacesAvailable");
  vigie_test_assert_string_value (entity, "category", "public");
  entity = vigie_test_find_entity (snapshot, VIGIE_ENTITY_ZONE, "urn:ngsi-ld:OnStreetParking:test:c");
  vigie_test_assert_int_value (entity, "available_spots", 5);
  g_assert_nonnull (vigie_test_find_entity (snapshot, VIGIE_ENTITY_ZONE, "e"));
  g_clear_pointer (&snapshot, vigie_snapshot_unref);

  /* 07:59: the broker knows nothing of a and c yet: not there. */
  snapshot = vigie_temporal_build_snapshot (data, entities, NULL, T0 - 60);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 1);
  g_assert_nonnull (vigie_test_find_entity (snapshot, VIGIE_ENTITY_ZONE, "e"));

  /* c's day: 5 then 0 from 08:15, empty since then. */
  sparkline = vigie_temporal_sparkline (data, "urn:ngsi-ld:OnStreetParking:test:c", "available_spots",
                                        "available_spots", T0 + 3600);
  g_assert_true (sparkline->has_data);
  g_assert_cmpuint (sparkline->runs->len, ==, 2);
  g_assert_cmpfloat (sparkline->min, ==, 0);
  g_assert_cmpfloat (sparkline->max, ==, 5);
  g_assert_true (sparkline->has_now);
  g_assert_cmpfloat (sparkline->now, ==, 0);
  g_assert_cmpint (sparkline->condition_since, ==, T0 + 900);
  g_assert_cmpint (g_array_index (sparkline->runs, VigieHistoryRun, 1).until, ==, T0 + 3600);
}

static void
test_addresses (void)
{
  g_autoptr(VigieFeed) feed = vigie_feed_new ("parking", "Parking", VIGIE_FEED_KIND_PARKING, "ngsi-ld",
                                              "https://broker.example/city/ngsi-ld/v1/entities?type=OnStreetParking,OffStreetParking"
                                              "&options=keyValues&limit=1000&count=true&q=totalSpotNumber%3E0");
  g_autofree char *url = NULL;
  g_autofree char *query = NULL;
  g_autofree char *one = NULL;

  g_assert_false (vigie_temporal_feed_uses_broker (feed));
  vigie_feed_set_option (feed, "history", "broker");
  g_assert_true (vigie_temporal_feed_uses_broker (feed));

  url = vigie_temporal_feed_dup_url (feed);
  g_assert_cmpstr (url, ==, "https://broker.example/city/ngsi-ld/v1/temporal/entities"
                            "?type=OnStreetParking,OffStreetParking&q=totalSpotNumber%3E0");
  query = vigie_temporal_query_url (url, NULL, NULL, T0, T0 + 3600);
  g_assert_cmpstr (query, ==, "https://broker.example/city/ngsi-ld/v1/temporal/entities"
                              "?type=OnStreetParking,OffStreetParking&q=totalSpotNumber%3E0&limit=100&count=true"
                              "&timerel=between&timeAt=2026-12-07T08:00:00Z&endTimeAt=2026-12-07T09:00:00Z"
                              "&attrs=" VIGIE_TEMPORAL_ATTRIBUTES);
  one = vigie_temporal_query_url (url, "urn:ngsi-ld:OnStreetParking:x y", "availableSpotNumber", T0, T0 + 3600);
  g_assert_cmpstr (one, ==, "https://broker.example/city/ngsi-ld/v1/temporal/entities/urn:ngsi-ld:OnStreetParking:x%20y"
                            "?timerel=between&timeAt=2026-12-07T08:00:00Z&endTimeAt=2026-12-07T09:00:00Z"
                            "&attrs=availableSpotNumber");

  /* HistoryUrl wins; an address that is not a broker's gives none. */
  vigie_feed_set_option (feed, "history-url", "http://tsdb.example/ngsi-ld/v1/temporal/entities?type=X&options=temporalValues");
  g_clear_pointer (&url, g_free);
  url = vigie_temporal_feed_dup_url (feed);
  g_assert_cmpstr (url, ==, "http://tsdb.example/ngsi-ld/v1/temporal/entities?type=X&options=temporalValues");
  g_clear_object (&feed);
  feed = vigie_feed_new ("p", "P", VIGIE_FEED_KIND_PARKING, "ngsi-ld", "https://example.org/parking.json");
  g_assert_null (vigie_temporal_feed_dup_url (feed));
  g_assert_null (vigie_temporal_query_url ("file:///etc/passwd", NULL, NULL, T0, T0 + 1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ngsi-ld-temporal/normalized", test_normalized);
  g_test_add_func ("/ngsi-ld-temporal/simplified", test_simplified);
  g_test_add_func ("/ngsi-ld-temporal/fixtures", test_fixtures);
  g_test_add_func ("/ngsi-ld-temporal/bad-records", test_bad_records);
  g_test_add_func ("/ngsi-ld-temporal/bad-pages", test_bad_pages);
  g_test_add_func ("/ngsi-ld-temporal/limits", test_limits);
  g_test_add_func ("/ngsi-ld-temporal/past", test_past);
  g_test_add_func ("/ngsi-ld-temporal/addresses", test_addresses);

  return g_test_run ();
}
