/* test-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/fold", test_fold);
  g_test_add_func ("/search/query", test_query);
  g_test_add_func ("/search/many", test_many);

  return g_test_run ();
}
