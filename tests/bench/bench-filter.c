/* bench-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "bench-data.h"
#include "vigie-filter.h"
#include "vigie-format.h"
#include "vigie-snapshot.h"
#include "vigie-style.h"

/* What the layers' filters add to a map layer's worker: the filter's
 * predicate over every station of a GBFS feed (the plan tests each entity
 * at each build), against the style of the same entities, which the
 * plan works out anyway. Usage: bench-filter [stations] [iterations]. */

static double
time_pass (VigieSnapshot *snapshot,
           gboolean       filter)
{
  guint n = vigie_snapshot_get_n_entities (snapshot);
  gint64 start = g_get_monotonic_time ();
  guint kept = 0;

  for (guint i = 0; i < n; i++)
    {
      VigieEntity *entity = vigie_snapshot_get_entity (snapshot, i);

      if (filter)
        {
          gboolean target;

          if (vigie_filter_classify (VIGIE_FEED_KIND_BIKES, entity, NULL, &target) & VIGIE_FILTER_EMPTY)
            kept++;
        }
      else
        {
          VigieSymbol symbol;

          vigie_style_entity (VIGIE_FEED_KIND_BIKES, entity, NULL, &symbol);
          kept += symbol.size > 0;
        }
    }

  g_assert_cmpuint (kept, <=, n);
  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  guint n_stations = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 50000;
  guint iterations = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 30;
  const VigieFormat *gbfs = vigie_format_lookup ("gbfs");
  const VigieParseContext context = { .now = BENCH_NOW, .language = "fr" };
  g_autoptr(GHashTable) by_role = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) vigie_snapshot_unref);
  g_autoptr(GBytes) information = bench_make_gbfs_information (n_stations);
  g_autoptr(GBytes) status = bench_make_gbfs_status (n_stations, 1);
  g_autoptr(GArray) style = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filter = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  VigieSnapshot *snapshot;

  g_hash_table_insert (by_role, (gpointer) "station_information",
                       gbfs->parse ("station_information", information, &context, &error));
  g_assert_no_error (error);
  g_hash_table_insert (by_role, (gpointer) "station_status", gbfs->parse ("station_status", status, &context, &error));
  g_assert_no_error (error);
  snapshot = gbfs->combine (by_role, &context);
  vigie_snapshot_prepare (snapshot, NULL, context.now);

  /* The first pass decodes each entity's values once, as a worker's does. */
  time_pass (snapshot, TRUE);
  for (guint i = 0; i < iterations; i++)
    {
      double ms = time_pass (snapshot, FALSE);

      g_array_append_val (style, ms);
      ms = time_pass (snapshot, TRUE);
      g_array_append_val (filter, ms);
    }
  g_array_sort (style, bench_compare_doubles);
  g_array_sort (filter, bench_compare_doubles);

  printf ("%u stations, %u passes each, in one worker thread:\n", vigie_snapshot_get_n_entities (snapshot), iterations);
  bench_print_figures (24, "style (reference)", style);
  bench_print_figures (24, "filter predicate", filter);
  printf ("  ratio filter / style (p50): %.2f\n",
          bench_percentile (filter, 0.5) / MAX (bench_percentile (style, 0.5), 1e-6));

  vigie_snapshot_unref (snapshot);
  return 0;
}
