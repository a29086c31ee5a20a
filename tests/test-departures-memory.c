/* test-departures-memory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <malloc.h>

#include "vigie-departure-interest.h"
#include "vigie-departures.h"
#include "vigie-entity.h"
#include "vigie-feed-departures.h"

/* The boards of a 50,000-stop network: bounded in all, full for the stops
 * someone looks at, and the old ones freed off the main thread. The
 * figures before (no bound) and after are printed with --verbose. */

#define N_STOPS 50000
#define N_VISITS 4
#define NOW G_GINT64_CONSTANT (1796000000)

static VigieSnapshot *
make_network (void)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ();

  for (guint s = 0; s < N_STOPS; s++)
    {
      g_auto(GVariantBuilder) visits = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("aa{sv}"));
      g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
      char id[32];

      /* SIRI StopMonitoring: the next visits, every five minutes. */
      for (guint v = 0; v < N_VISITS; v++)
        {
          g_auto(GVariantDict) visit = G_VARIANT_DICT_INIT (NULL);

          g_variant_dict_insert (&visit, "aimed_departure", "x", NOW + 60 + v * 300);
          g_variant_dict_insert (&visit, "expected_departure", "x", NOW + 120 + v * 300);
          g_variant_dict_insert (&visit, "line_name", "s", v % 2 ? "T1" : "T2");
          g_variant_dict_insert (&visit, "destination", "s", "Gare Centrale");
          g_variant_builder_add_value (&visits, g_variant_dict_end (&visit));
        }
      g_variant_dict_insert_value (&values, "departures", g_variant_builder_end (&visits));
      g_snprintf (id, sizeof id, "stop-%u", s);
      vigie_snapshot_add_entity (snapshot, vigie_entity_new (VIGIE_ENTITY_STOP, id, id, 47.7 + s * 1e-6, 7.3,
                                                             NOW, g_variant_dict_end (&values)));
    }

  return snapshot;
}

static gsize
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

static VigieDepartures *
measure (VigieSnapshot *snapshot,
         GHashTable    *wanted,
         guint          max_total,
         const char    *what)
{
  gsize before = heap_in_use ();
  gint64 start = g_get_monotonic_time ();
  VigieDepartures *departures = vigie_departures_build_bounded (snapshot, NOW, wanted, max_total);

  g_test_message ("%s: %u departures kept, %.1f MB held, built in %.0f ms", what,
                  vigie_departures_count (departures),
                  (double) (heap_in_use () - MIN (before, heap_in_use ())) / 1e6,
                  (g_get_monotonic_time () - start) / 1e3);
  return departures;
}

static void
test_departures_bounded (gconstpointer data)
{
  VigieSnapshot *snapshot = (VigieSnapshot *) data;
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(VigieDepartures) all = NULL;
  g_autoptr(VigieDepartures) bounded = NULL;
  guint n = 0;

  /* Before: every stop keeps all its visits in the window. */
  all = measure (snapshot, NULL, 0, "unbounded");
  g_assert_cmpuint (vigie_departures_count (all), ==, N_STOPS * N_VISITS);
  g_clear_pointer (&all, vigie_departures_unref);

  vigie_departure_interest_add ("big", "stop-7");
  vigie_departure_interest_add ("big", "stop-49999");
  wanted = vigie_departure_interest_dup ("big");
  g_assert_nonnull (wanted);
  g_assert_cmpuint (g_hash_table_size (wanted), ==, 2);

  bounded = measure (snapshot, wanted, VIGIE_DEPARTURES_MAX_TOTAL, "bounded");
  g_assert_cmpuint (vigie_departures_count (bounded), <=,
                    VIGIE_DEPARTURES_MAX_TOTAL + 2 * VIGIE_DEPARTURES_MAX_PER_STOP);

  /* The stops someone looks at are whole; the others keep the soonest. */
  vigie_departures_lookup (bounded, "stop-7", &n);
  g_assert_cmpuint (n, ==, N_VISITS);
  vigie_departures_lookup (bounded, "stop-49999", &n);
  g_assert_cmpuint (n, ==, N_VISITS);
  g_assert_cmpint (vigie_departures_lookup (bounded, "stop-8", &n)->expected, ==, NOW + 120);
  g_assert_cmpuint (n, ==, 1);

  /* Looked away from: a short board again at the next update. */
  vigie_departure_interest_remove ("big", "stop-7");
  vigie_departure_interest_remove ("big", "stop-49999");
  g_assert_null (vigie_departure_interest_dup ("big"));
}

/* Counted: two boards, one looked away from, one not. */
static void
test_departures_interest_counted (void)
{
  g_autoptr(GHashTable) wanted = NULL;

  vigie_departure_interest_add ("feed", "A");
  vigie_departure_interest_add ("feed", "A");
  vigie_departure_interest_remove ("feed", "A");
  wanted = vigie_departure_interest_dup ("feed");
  g_assert_true (g_hash_table_contains (wanted, "A"));
  vigie_departure_interest_remove ("feed", "A");
  g_assert_null (vigie_departure_interest_dup ("feed"));
}

/* Replacing a large network's boards does not free the old ones on the
 * main thread: it takes less than freeing them there. */
static void
test_departures_freed_elsewhere (gconstpointer data)
{
  VigieSnapshot *snapshot = (VigieSnapshot *) data;
  g_autoptr(VigieFeedDepartures) holder = g_object_new (VIGIE_TYPE_FEED_DEPARTURES, NULL);
  VigieDepartures *inline_freed = vigie_departures_build (snapshot, NOW);
  VigieDepartures *old = vigie_departures_build (snapshot, NOW);
  VigieDepartures *small = vigie_departures_build (snapshot, NOW - 86400);
  gint64 start, inline_us, replace_us;

  start = g_get_monotonic_time ();
  vigie_departures_unref (inline_freed);
  inline_us = g_get_monotonic_time () - start;

  vigie_feed_departures_set (holder, old);
  vigie_departures_unref (old);
  start = g_get_monotonic_time ();
  vigie_feed_departures_set (holder, small);
  replace_us = g_get_monotonic_time () - start;
  vigie_departures_unref (small);

  g_test_message ("%u stops' boards: freed on the main thread in %.2f ms; replaced in %.2f ms",
                  N_STOPS, inline_us / 1e3, replace_us / 1e3);
  g_assert_cmpint (replace_us, <, inline_us / 4);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VigieSnapshot) network = NULL;

  g_test_init (&argc, &argv, NULL);

  network = make_network ();
  g_test_add_data_func ("/departures-memory/bounded", network, test_departures_bounded);
  g_test_add_func ("/departures-memory/interest-counted", test_departures_interest_counted);
  g_test_add_data_func ("/departures-memory/freed-elsewhere", network, test_departures_freed_elsewhere);

  return g_test_run ();
}
