/* test-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "vigie-search-hit.h"
#include "vigie-search.h"

/* Search as French operators type: no accents, no capitals, words in any
 * order, lines and vehicle numbers. */

static VigieEntity *
thing (VigieEntityKind  kind,
       const char      *id,
       const char      *name,
       const char      *route)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

  if (route != NULL)
    g_variant_dict_insert (&values, "route_id", "s", route);
  return vigie_entity_new (kind, id, name, 47.75, 7.33, 0, g_variant_dict_end (&values));
}

static GPtrArray *
make_parts (void)
{
  g_autoptr(GPtrArray) stations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) trams = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *parts = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_search_part_unref);

  g_ptr_array_add (stations, thing (VIGIE_ENTITY_STATION, "12", "Gare Centrale", NULL));
  g_ptr_array_add (stations, thing (VIGIE_ENTITY_STATION, "13", "Île Napoléon", NULL));
  g_ptr_array_add (stations, thing (VIGIE_ENTITY_STATION, "14", "Margare", NULL));
  /* No position: not on the map, not found. */
  g_ptr_array_add (stations, vigie_entity_new (VIGIE_ENTITY_STATION, "15", "Gare fantôme", NAN, NAN, 0, NULL));
  g_ptr_array_add (trams, thing (VIGIE_ENTITY_VEHICLE, "2149", "Rame 2149", "2"));
  g_ptr_array_add (trams, thing (VIGIE_ENTITY_VEHICLE, "2150", "Rame 2150", "1"));
  g_ptr_array_add (trams, thing (VIGIE_ENTITY_STOP, "GARE", "Gare Centrale", NULL));

  g_ptr_array_add (parts, vigie_search_part_new ("bikes", "VéloCité", VIGIE_FEED_KIND_BIKES, stations));
  g_ptr_array_add (parts, vigie_search_part_new ("trams", "Soléa", VIGIE_FEED_KIND_TRAMS, trams));

  return parts;
}

static void
assert_found (GPtrArray  *parts,
              const char *query,
              const char *first_id,
              guint       n)
{
  g_autoptr(GPtrArray) results = vigie_search_parts_query (parts, query, 50);

  g_test_message ("%s: %u results", query, results->len);
  g_assert_cmpuint (results->len, ==, n);
  if (first_id != NULL)
    g_assert_cmpstr (((VigieSearchResult *) g_ptr_array_index (results, 0))->id, ==, first_id);
}

static void
test_fold (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "Île Napoléon", "ile napoleon" },
    { "  GARE   Centrale ", "gare centrale" },
    { "Saint-Étienne l’Œuvre", "saint etienne l oeuvre" },
    { "Ligne 2 → Coteaux", "ligne 2 coteaux" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = vigie_search_fold (cases[i].in);

      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

static void
test_query (void)
{
  g_autoptr(GPtrArray) parts = make_parts ();
  g_autoptr(GPtrArray) results = NULL;
  VigieSearchResult *result;

  /* "gare": both Gare Centrale, the stop of the trams too; "Margare"
   * last, the word's inside. */
  assert_found (parts, "gare", "12", 3);
  assert_found (parts, "GARE centr", "12", 2);
  assert_found (parts, "centrale gare", "12", 2);
  assert_found (parts, "ile napoleon", "13", 1);
  assert_found (parts, "Napoléon", "13", 1);
  assert_found (parts, "2149", "2149", 1);
  assert_found (parts, "rame 2149", "2149", 1);
  assert_found (parts, "ligne 2", "2149", 1);
  assert_found (parts, "line 1", "2150", 1);
  assert_found (parts, "fantome", NULL, 0);
  assert_found (parts, "  ", NULL, 0);
  assert_found (parts, "zzz", NULL, 0);

  /* Grouped by feed, the feed with the best result first. */
  results = vigie_search_parts_query (parts, "gare", 50);
  result = g_ptr_array_index (results, 0);
  g_assert_cmpstr (result->feed_id, ==, "bikes");
  g_assert_cmpstr (result->feed_name, ==, "VéloCité");
  g_assert_cmpint (result->kind, ==, VIGIE_ENTITY_STATION);
  g_assert_cmpstr (result->name, ==, "Gare Centrale");
  g_assert_cmpstr (((VigieSearchResult *) g_ptr_array_index (results, 1))->id, ==, "14");
  g_assert_cmpstr (((VigieSearchResult *) g_ptr_array_index (results, 2))->feed_id, ==, "trams");
}

static VigieEntity *
stop (const char *id,
      const char *name,
      gint64      location_type,
      const char *parent)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&values, "location_type", "x", location_type);
  if (parent != NULL)
    g_variant_dict_insert (&values, "parent_station", "s", parent);
  return vigie_entity_new (VIGIE_ENTITY_STOP, id, name, 47.74, 7.34, 0, g_variant_dict_end (&values));
}

/* A GTFS station and its platforms of the same name are one place: the
 * station is found once, not "GARE CENTRALE" three times; a platform of
 * a name of its own is found. */
static void
test_platforms (void)
{
  g_autoptr(GPtrArray) stops = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_search_part_unref);
  g_autoptr(GPtrArray) results = NULL;

  g_ptr_array_add (stops, stop ("3113", "GARE CENTRALE", 0, "place_GAR"));
  g_ptr_array_add (stops, stop ("place_GAR", "GARE CENTRALE", 1, NULL));
  g_ptr_array_add (stops, stop ("3114", "GARE CENTRALE", 0, "place_GAR"));
  g_ptr_array_add (stops, stop ("3200", "GARE CENTRALE – quai TER", 0, "place_GAR"));
  /* A parent that is no station of this feed: the stop stays. */
  g_ptr_array_add (stops, stop ("3300", "DORNACH GARE", 0, "place_DORN"));
  g_ptr_array_add (parts, vigie_search_part_new ("trams", "Soléa", VIGIE_FEED_KIND_TRAMS, stops));

  results = vigie_search_parts_query (parts, "gare centrale", 50);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_cmpstr (((VigieSearchResult *) g_ptr_array_index (results, 0))->id, ==, "place_GAR");
  g_assert_cmpstr (((VigieSearchResult *) g_ptr_array_index (results, 1))->id, ==, "3200");
  assert_found (parts, "dornach", "3300", 1);
}

static char *
describe (VigieFeedKind    feed_kind,
          VigieEntityKind  kind,
          const char      *id,
          const char      *detail)
{
  VigieSearchResult *result = g_new0 (VigieSearchResult, 1);
  g_autoptr(VigieSearchHit) hit = NULL;

  result->feed_id = g_strdup ("feed");
  result->feed_name = g_strdup ("Layer");
  result->feed_kind = feed_kind;
  result->kind = kind;
  result->id = g_strdup (id);
  result->name = g_strdup ("Name");
  result->detail = g_strdup (detail);
  hit = vigie_search_hit_new (result);

  return vigie_search_hit_describe (hit);
}

/* Under a result's name, its layer and what it is: never a feed's own id
 * such as an NGSI-LD URN; a station's or a tram's number, which people
 * use, stays. */
static void
test_describe (void)
{
  static const struct {
    VigieFeedKind feed_kind;
    VigieEntityKind kind;
    const char *id, *detail, *expected;
  } cases[] = {
    { VIGIE_FEED_KIND_PARKING, VIGIE_ENTITY_ZONE, "urn:ngsi-ld:OnStreetParking:mulhouse-simule:gare", NULL, "Layer · Parking zone" },
    { VIGIE_FEED_KIND_PARKING, VIGIE_ENTITY_CAR_PARK, "urn:ngsi-ld:OffStreetParking:x", "", "Layer · Car park" },
    { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_STOP, "place_GAR", NULL, "Layer · Stop" },
    { VIGIE_FEED_KIND_TRAINS, VIGIE_ENTITY_STOP, "StopArea:OCE87182063", NULL, "Layer · Station" },
    { VIGIE_FEED_KIND_WIFI, VIGIE_ENTITY_HOTSPOT, "gare-centrale", NULL, "Layer · Wi-Fi place" },
    { VIGIE_FEED_KIND_BIKES, VIGIE_ENTITY_STATION, "40", NULL, "Layer · 40" },
    { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE, "2149", "COTEAUX", "Layer · COTEAUX" },
    { VIGIE_FEED_KIND_CAR_SHARE, VIGIE_ENTITY_STATION, "7", "Près de l'arrêt de tram", "Layer · Près de l'arrêt de tram" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = describe (cases[i].feed_kind, cases[i].kind, cases[i].id, cases[i].detail);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* 50,000 things: one keystroke's search, as the worker runs it. */
static void
test_many (void)
{
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_search_part_unref);
  static const char * const queries[] = { "g", "gare", "station 4999", "ligne 7", "zz" };
  gint64 start;
  double build_ms;

  for (guint i = 0; i < 50000; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", i);
      g_autofree char *name = g_strdup_printf ("Station %u de la Rue Émile Zola", i);
      g_autofree char *route = g_strdup_printf ("%u", i % 20);

      g_ptr_array_add (entities, thing (VIGIE_ENTITY_STATION, id, name, route));
    }

  start = g_get_monotonic_time ();
  g_ptr_array_add (parts, vigie_search_part_new ("many", "Many", VIGIE_FEED_KIND_BIKES, entities));
  build_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("50,000 things folded in %.1f ms", build_ms);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GPtrArray) results = NULL;
      double ms;

      start = g_get_monotonic_time ();
      results = vigie_search_parts_query (parts, queries[q], 50);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_test_message ("\"%s\": %u results in %.2f ms", queries[q], results->len, ms);
    }

  {
    g_autoptr(GPtrArray) results = vigie_search_parts_query (parts, "station 4999 zola", 50);

    /* The whole number first, then those it starts (49990…), then those
     * that hold it (14999…). */
    g_assert_cmpuint (results->len, ==, 15);
    g_assert_cmpstr (((VigieSearchResult *) g_ptr_array_index (results, 14))->id, ==, "44999");
    g_assert_cmpstr (((VigieSearchResult *) g_ptr_array_index (results, 0))->id, ==, "4999");
  }
}

/* Names as a French city has them, many alike: ties in score that only
 * the names' order settles. */
static GPtrArray *
make_city_parts (void)
{
  static const char * const heads[] = {
    "Gare", "Place", "Rue", "Avenue", "Porte", "Parc", "Quai", "Pont", "Cité", "Île", "Boulevard", "Square", "gare",
  };
  static const char * const tails[] = {
    "Centrale", "Napoléon", "de la Réunion", "Jeune", "du Nordfeld", "de Dornach", "Émile Zola", "Éole",
    "de Bâle", "Gambetta", "Sainte-Marie", "Garenne", "",
  };
  static const struct { const char *id; VigieFeedKind feed_kind; VigieEntityKind kind; guint n; } feeds[] = {
    { "bikes", VIGIE_FEED_KIND_BIKES, VIGIE_ENTITY_STATION, 2500 },
    { "trams", VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE, 1500 },
    { "parking", VIGIE_FEED_KIND_PARKING, VIGIE_ENTITY_ZONE, 1000 },
  };
  GPtrArray *parts = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_search_part_unref);
  guint32 seed = 15;

  for (guint f = 0; f < G_N_ELEMENTS (feeds); f++)
    {
      g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < feeds[f].n; i++)
        {
          g_autofree char *id = NULL;
          g_autofree char *name = NULL;
          g_autofree char *route = NULL;
          guint head, tail, number;

          /* A small generator of its own: the same names on every system. */
          seed = seed * 1103515245 + 12345;
          head = (seed >> 8) % G_N_ELEMENTS (heads);
          seed = seed * 1103515245 + 12345;
          tail = (seed >> 8) % G_N_ELEMENTS (tails);
          seed = seed * 1103515245 + 12345;
          number = (seed >> 8) % 40;

          id = g_strdup_printf ("%s%u", feeds[f].id, i);
          /* Some without a name, some alike to the letter. */
          if (number == 0)
            name = g_strdup ("");
          else if (number < 20)
            name = g_strdup_printf ("%s %s", heads[head], tails[tail]);
          else
            name = g_strdup_printf ("%s %s %u", heads[head], tails[tail], number);
          route = g_strdup_printf ("%u", 1 + (seed >> 4) % 12);
          g_ptr_array_add (entities, thing (feeds[f].kind, id, name, feeds[f].feed_kind == VIGIE_FEED_KIND_TRAMS ? route : NULL));
        }
      g_ptr_array_add (parts, vigie_search_part_new (feeds[f].id, feeds[f].id, feeds[f].feed_kind, entities));
    }

  return parts;
}

/* The results and their order, pinned: the same as the first way of
 * finding them (every match made a result, sorted as it went), which
 * took 8 ms on the first key typed over 50,000 things. */
static void
test_pinned (void)
{
  static const struct { const char *query; guint max; const char *checksum; } cases[] = {
    { "g", 50, "1dd13a0330fa0d29b87592d03d9343906ff0c744" }, /* 50 */
    { "g", 7, "9241a7aebc2ac2fbd4d2fe199dd58299d98615d8" }, /* 7 */
    { "ga", 50, "1dd13a0330fa0d29b87592d03d9343906ff0c744" }, /* 50 */
    { "gar", 50, "2ced6746e2883eee0a0984faf830d348b5682df7" }, /* 50 */
    { "gare", 50, "b478d944c0edb8e01ea1f85240218768981c431a" }, /* 50 */
    { "gare ", 50, "b478d944c0edb8e01ea1f85240218768981c431a" }, /* 50 */
    { "gare c", 50, "857ecc5b5c1f317f385555d159aa0f808b193520" }, /* 50 */
    { "gare centrale", 50, "a2c13f4c85f60ca7f49a0b6abe6165e5fdae9b25" }, /* 50 */
    { "gare centrale", 3, "848557dd872eec9f4bd1308ed4e27fd36e806928" }, /* 3 */
    { "e", 50, "13666fffffc90b009075d3b2111bf315a28c2a7c" }, /* 50 */
    { "e", 200, "165ea7a8ddcf439b5d8775af305e4269269a3755" }, /* 200 */
    { "ile", 50, "39c2f7bf5a5f160d5246ecb47991f7962c039513" }, /* 50 */
    { "2", 50, "f4e486a599ff90b6d1304d41818be73160266b9d" }, /* 50 */
    { "ligne 2", 50, "fa64d4143220ea0e5fa08bc05a7b230782e7688b" }, /* 50 */
    { "rue emile", 50, "f0ecb825836a2a6c17babdce661e274e1a0da664" }, /* 31 */
    { "bikes1", 50, "d5f35b3da4cf5761ecf1fea9e0c4bbdfad97ba13" }, /* 50 */
    { "zz", 50, "da39a3ee5e6b4b0d3255bfef95601890afd80709" }, /* 0 */
  };
  g_autoptr(GPtrArray) parts = make_city_parts ();

  /* Names are ordered as the locale collates them: in C, then in UTF-8. */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
        {
          g_autoptr(GPtrArray) results = vigie_search_parts_query (parts, cases[c].query, cases[c].max);
          g_autoptr(GString) all = g_string_new (NULL);
          g_autofree char *checksum = NULL;

          for (guint i = 0; i < results->len; i++)
            {
              VigieSearchResult *result = g_ptr_array_index (results, i);

              g_string_append_printf (all, "%s/%s/%d/%s\n", result->feed_id, result->id, result->score, result->name);
            }
          checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, all->str, -1);
          g_test_message ("\"%s\", %u: %u results, %s", cases[c].query, cases[c].max, results->len, checksum);
          g_assert_cmpstr (checksum, ==, cases[c].checksum);
        }
      g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
    }
  setlocale (LC_ALL, "C");
}

static char *
describe_results (GPtrArray *parts,
                  const char *query)
{
  g_autoptr(GPtrArray) results = vigie_search_parts_query (parts, query, 50);
  GString *all = g_string_new (NULL);

  for (guint i = 0; i < results->len; i++)
    {
      VigieSearchResult *result = g_ptr_array_index (results, i);

      g_string_append_printf (all, "%s/%s/%d/%s/%s\n", result->feed_id, result->id, result->score, result->name,
                              result->detail ? result->detail : "");
    }

  return g_string_free (all, FALSE);
}

/* After an update, the text of the things that did not change is copied
 * from the part before: found as if all were folded again, and those
 * that changed by what they are now. */
static void
test_part_from (void)
{
  static const char * const queries[] = { "g", "gare", "gare centrale", "ligne 2", "rame", "2149", "nouvelle", "e" };
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) after = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) copied = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_search_part_unref);
  g_autoptr(GPtrArray) folded = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_search_part_unref);
  g_autoptr(VigieSearchPart) previous = NULL;
  gint64 start;
  double fresh_ms, from_ms;

  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", 2000 + i);
      g_autofree char *name = g_strdup_printf ("%s %u", i % 3 ? "Gare Centrale" : "Rame", 2000 + i);
      g_autofree char *route = g_strdup_printf ("%u", i % 4);

      g_ptr_array_add (before, thing (i % 5 ? VIGIE_ENTITY_VEHICLE : VIGIE_ENTITY_STOP, id, name, route));
    }
  previous = vigie_search_part_new ("trams", "Soléa", VIGIE_FEED_KIND_TRAMS, before);

  /* The store's next update: most things the same objects, a few gone,
   * a few new, some renamed (a new object with the same id), and the
   * order changed here and there. */
  for (guint i = 0; i < before->len; i++)
    {
      VigieEntity *entity = g_ptr_array_index (before, i);

      if (i % 97 == 0)
        continue;
      if (i % 31 == 0)
        {
          g_autofree char *name = g_strdup_printf ("Nouvelle %u", i);

          g_ptr_array_add (after, thing (vigie_entity_get_kind (entity), vigie_entity_get_id (entity), name, "9"));
          continue;
        }
      g_ptr_array_add (after, g_object_ref (entity));
    }
  for (guint i = 0; i + 1 < after->len; i += 1000)
    {
      gpointer swap = after->pdata[i];

      after->pdata[i] = after->pdata[i + 500];
      after->pdata[i + 500] = swap;
    }
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *id = g_strdup_printf ("new%u", i);

      g_ptr_array_add (after, thing (VIGIE_ENTITY_VEHICLE, id, "Nouvelle rame", "2"));
    }

  start = g_get_monotonic_time ();
  g_ptr_array_add (folded, vigie_search_part_new ("trams", "Soléa", VIGIE_FEED_KIND_TRAMS, after));
  fresh_ms = (g_get_monotonic_time () - start) / 1000.0;
  start = g_get_monotonic_time ();
  g_ptr_array_add (copied, vigie_search_part_new_from ("trams", "Soléa", VIGIE_FEED_KIND_TRAMS, after, previous));
  from_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("20,000 things: folded in %.1f ms, from the part before in %.1f ms", fresh_ms, from_ms);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autofree char *expected = describe_results (folded, queries[q]);
      g_autofree char *got = describe_results (copied, queries[q]);

      g_assert_cmpstr (got, ==, expected);
    }

  /* The renamed ones by their new name only. */
  {
    g_autoptr(GPtrArray) results = vigie_search_parts_query (copied, "nouvelle 31", 50);

    g_assert_cmpuint (results->len, >, 0);
    g_assert_cmpstr (((VigieSearchResult *) g_ptr_array_index (results, 0))->id, ==, "2031");
  }
  {
    g_autoptr(GPtrArray) results = vigie_search_parts_query (copied, "gare centrale 2031", 50);

    for (guint i = 0; i < results->len; i++)
      g_assert_cmpstr (((VigieSearchResult *) g_ptr_array_index (results, i))->id, !=, "2031");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/fold", test_fold);
  g_test_add_func ("/search/query", test_query);
  g_test_add_func ("/search/platforms", test_platforms);
  g_test_add_func ("/search/describe", test_describe);
  g_test_add_func ("/search/many", test_many);
  g_test_add_func ("/search/pinned", test_pinned);
  g_test_add_func ("/search/part-from", test_part_from);

  return g_test_run ();
}
