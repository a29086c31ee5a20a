/* bench-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-data.h"
#include "vigie-alert-engine.h"
#include "vigie-format.h"
#include "vigie-search.h"

/* What the operator's workflow costs at 50,000 entities (issue 15's
 * targets: 5 ms each):
 *
 * - the alert rules over one update of a feed, as the tap runs them in
 *   the feed's worker (vigie_alert_engine_evaluate()), on snapshots made
 *   as the worker makes them (parse and combine, not timed; prepare,
 *   which makes the columns the rules read as it goes, timed apart; and
 *   the columns made again in a pass of their own, as the dearest way to
 *   make them, for the worker's whole cost of the rules to be seen): a
 *   GBFS feed of 50,000 stations whose counts move at every update (a
 *   tenth empty, a tenth full, others each time), and a GTFS-Realtime
 *   feed of 50,000 trams that move; with the default rules (conditions
 *   must last) and with every duration at 0 (each change raises or
 *   clears at once: the most events);
 * - the search per keystroke (vigie_search_parts_query(), what the
 *   search bar's worker runs), "gare centrale" typed one key at a time
 *   over 50,000 named things in four feeds, the feeds' text folded again
 *   between rounds as after an update (that folding is timed apart).
 *
 * Each is timed twice: wall time, and the CPU time of the thread (what
 * the work costs without the wait for a core on a loaded machine).
 *
 * Usage: bench-alerts [updates] [entities] [rounds] */

#define WARMUP 2

static void
append_us (GArray *values,
           gint64  us)
{
  double ms = us / 1000.0;

  g_array_append_val (values, ms);
}

/* Wall and CPU time of one sample. */
typedef struct
{
  gint64 wall;
  gint64 cpu;
} Clock;

static void
clock_start (Clock *clock)
{
  clock->wall = g_get_monotonic_time ();
  clock->cpu = bench_thread_cpu_us ();
}

/* @clock becomes the time since clock_start(). */
static void
clock_lap (Clock *clock)
{
  gint64 cpu_now = bench_thread_cpu_us ();

  clock->wall = g_get_monotonic_time () - clock->wall;
  clock->cpu = cpu_now - clock->cpu;
}

static void
clock_stop (Clock  *clock,
            GArray *wall,
            GArray *cpu)
{
  gint64 cpu_now = bench_thread_cpu_us ();

  append_us (wall, g_get_monotonic_time () - clock->wall);
  append_us (cpu, cpu_now - clock->cpu);
}

/* One update's snapshot of @n stations, prepared against @previous, the
 * time of that in @prepare. */
static VigieSnapshot *
make_stations (VigieSnapshot *info,
               guint          n,
               guint          cycle,
               VigieSnapshot *previous,
               gint64         now,
               Clock         *prepare)
{
  const VigieFormat *gbfs = vigie_format_lookup ("gbfs");
  const VigieParseContext context = { .now = now, .language = "fr" };
  g_autoptr(GHashTable) by_role = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) vigie_snapshot_unref);
  g_autoptr(GBytes) status = bench_make_gbfs_status (n, cycle);
  g_autoptr(GError) error = NULL;
  VigieSnapshot *parsed = gbfs->parse ("station_status", status, &context, &error);
  VigieSnapshot *combined;

  g_assert_no_error (error);
  g_hash_table_insert (by_role, (gpointer) "station_information", vigie_snapshot_ref (info));
  g_hash_table_insert (by_role, (gpointer) "station_status", parsed);
  combined = gbfs->combine (by_role, &context);
  clock_start (prepare);
  vigie_snapshot_prepare (combined, previous, now);
  clock_lap (prepare);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (combined), ==, n);

  return combined;
}

static VigieSnapshot *
make_trams (guint          n,
            guint          cycle,
            VigieSnapshot *previous,
            gint64         now,
            Clock         *prepare)
{
  const VigieFormat *gtfs_rt = vigie_format_lookup ("gtfs-rt");
  const VigieParseContext context = { .now = now, .language = "fr" };
  g_autoptr(GBytes) feed = bench_make_gtfs_rt (n, cycle);
  g_autoptr(GError) error = NULL;
  VigieSnapshot *snapshot = gtfs_rt->parse (VIGIE_ROLE_MAIN, feed, &context, &error);

  g_assert_no_error (error);
  clock_start (prepare);
  vigie_snapshot_prepare (snapshot, previous, now);
  clock_lap (prepare);

  return snapshot;
}

static void
bench_rules (const char      *label,
             VigieFeedKind    kind,
             guint            n,
             guint            updates,
             gboolean         at_once)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) prepare_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) columns_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) total_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(VigieSnapshot) info = NULL;
  g_autofree char *cpu_what = NULL;
  g_autofree char *what = NULL;
  VigieSnapshot *previous = NULL;
  VigieAlertRules rules;
  guint64 n_events = 0;
  guint max_events = 0;

  vigie_alert_rules_init_defaults (&rules);
  if (at_once)
    for (guint r = 0; r < VIGIE_N_ALERT_RULES; r++)
      rules.rules[r].duration_min = 0;
  vigie_alert_engine_set_rules (engine, &rules);

  if (kind == VIGIE_FEED_KIND_BIKES)
    {
      const VigieFormat *gbfs = vigie_format_lookup ("gbfs");
      const VigieParseContext context = { .now = BENCH_NOW, .language = "fr" };
      g_autoptr(GBytes) information = bench_make_gbfs_information (n);
      g_autoptr(GError) error = NULL;

      info = gbfs->parse ("station_information", information, &context, &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < WARMUP + updates; i++)
    {
      /* An update a minute, as the feeds poll. */
      gint64 now = BENCH_NOW + i * 60;
      Clock prepare;
      VigieSnapshot *snapshot = kind == VIGIE_FEED_KIND_BIKES ? make_stations (info, n, i, previous, now, &prepare)
                                                               : make_trams (n, i, previous, now, &prepare);
      g_autoptr(GPtrArray) events = NULL;
      Clock clock;

      if (i >= WARMUP)
        append_us (prepare_cpu, prepare.cpu);

      /* Made again apart, over the entities as prepared (the rules read
       * those prepare made). */
      {
        g_autoptr(VigieEntityColumns) again = NULL;

        clock_start (&clock);
        again = vigie_entity_columns_new (vigie_snapshot_get_entities (snapshot));
        clock_stop (&clock, scratch, i >= WARMUP ? columns_cpu : scratch);
      }

      clock_start (&clock);
      events = vigie_alert_engine_evaluate (engine, "feed", kind, snapshot, now);
      clock_stop (&clock, i >= WARMUP ? times : scratch, i >= WARMUP ? cpu : scratch);
      if (i >= WARMUP)
        {
          double sum = g_array_index (cpu, double, cpu->len - 1) +
                       g_array_index (columns_cpu, double, columns_cpu->len - 1);

          g_array_append_val (total_cpu, sum);
          n_events += events->len;
          max_events = MAX (max_events, events->len);
        }
      g_clear_pointer (&previous, vigie_snapshot_unref);
      previous = snapshot;
    }
  g_clear_pointer (&previous, vigie_snapshot_unref);

  what = g_strdup_printf ("%s, %s rules, wall", label, at_once ? "at once" : "default");
  cpu_what = g_strdup_printf ("%s, %s rules, CPU", label, at_once ? "at once" : "default");
  bench_print_figures (52, what, times);
  bench_print_figures (52, cpu_what, cpu);
  bench_print_figures (52, "  prepare, the columns made on the way, CPU", prepare_cpu);
  bench_print_figures (52, "  the columns made in a pass of their own, CPU", columns_cpu);
  bench_print_figures (52, "  rules + that pass (the dearest total), CPU", total_cpu);
  printf ("  %-52s %.0f events an update on average, %u at most%s\n", "", (double) n_events / updates, max_events,
          bench_percentile (cpu, 0.5) <= 5.0 ? "" : "  (CPU p50 over the 5 ms target)");
}

/* Names as a French city has them, so that "gare centrale" finds some
 * and each key typed narrows them. */
static const char * const name_heads[] = {
  "Gare", "Place", "Rue", "Avenue", "Porte", "Parc", "Quai", "Pont", "Cité", "Île", "Boulevard", "Square",
};
static const char * const name_tails[] = {
  "Centrale", "Napoléon", "de la Réunion", "Jeune", "du Nordfeld", "de Dornach", "de Bourtzwiller",
  "de l’Europe", "Franklin", "Wolf", "Émile Zola", "Lefebvre", "Salvator", "du Rebberg", "Kennedy",
  "de Bâle", "des Tanneurs", "Gambetta", "de la Cour des Chaînes", "Sainte-Marie",
};

static GPtrArray *
make_named_things (VigieEntityKind kind,
                   guint           first,
                   guint           n,
                   guint           cycle)
{
  GPtrArray *entities = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = first; i < first + n; i++)
    {
      g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
      g_autofree char *id = g_strdup_printf ("%u", i);
      g_autofree char *name = g_strdup_printf ("%s %s %u", name_heads[i % G_N_ELEMENTS (name_heads)],
                                               name_tails[(i / G_N_ELEMENTS (name_heads)) % G_N_ELEMENTS (name_tails)],
                                               i / 240);
      g_autofree char *route = g_strdup_printf ("%u", 1 + i % 20);

      g_variant_dict_insert (&values, "route_id", "s", route);
      /* What changes from one update to the next. */
      g_variant_dict_insert (&values, "vehicles_available", "x", (gint64) ((i + cycle) % 10));
      g_ptr_array_add (entities, vigie_entity_new (kind, id, name, 47.7 + (i % 100) * 0.001,
                                                   7.3 + (i / 100) * 0.0001, 0, g_variant_dict_end (&values)));
    }

  return entities;
}

static GPtrArray *
make_parts (guint   n,
            guint   cycle,
            GArray *fold_times,
            GArray *fold_cpu)
{
  static const struct {
    const char      *id, *name;
    VigieFeedKind    feed_kind;
    VigieEntityKind  kind;
    double           share;
  } feeds[] = {
    { "velocite", "VéloCité", VIGIE_FEED_KIND_BIKES, VIGIE_ENTITY_STATION, 0.4 },
    { "stops", "Soléa", VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_STOP, 0.3 },
    { "parking", "Stationnement", VIGIE_FEED_KIND_PARKING, VIGIE_ENTITY_ZONE, 0.2 },
    { "wifi", "Wi-Fi public", VIGIE_FEED_KIND_WIFI, VIGIE_ENTITY_HOTSPOT, 0.1 },
  };
  GPtrArray *parts = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_search_part_unref);
  guint first = 0;

  for (guint f = 0; f < G_N_ELEMENTS (feeds); f++)
    {
      guint count = f + 1 < G_N_ELEMENTS (feeds) ? (guint) (n * feeds[f].share) : n - first;
      g_autoptr(GPtrArray) entities = make_named_things (feeds[f].kind, first, count, cycle);
      Clock clock;

      /* The feed's worker folds its text once an update. */
      clock_start (&clock);
      g_ptr_array_add (parts, vigie_search_part_new (feeds[f].id, feeds[f].name, feeds[f].feed_kind, entities));
      clock_stop (&clock, fold_times, fold_cpu);
      first += count;
    }

  return parts;
}

static void
bench_search (guint n,
              guint rounds)
{
  static const char typed[] = "gare centrale";
  g_autoptr(GArray) keystrokes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) keystrokes_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) folds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) folds_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *by_length[sizeof typed] = { NULL, };
  guint last_results = 0;

  for (guint l = 1; l < sizeof typed; l++)
    by_length[l] = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint round = 0; round < WARMUP + rounds; round++)
    {
      g_autoptr(GPtrArray) parts = make_parts (n, round, round >= WARMUP ? folds : scratch,
                                               round >= WARMUP ? folds_cpu : scratch);

      for (guint l = 1; l < sizeof typed; l++)
        {
          g_autofree char *query = g_strndup (typed, l);
          g_autoptr(GPtrArray) results = NULL;
          Clock clock;

          /* A space adds nothing to search for. */
          if (typed[l - 1] == ' ')
            continue;

          clock_start (&clock);
          results = vigie_search_parts_query (parts, query, 50);
          clock_stop (&clock, round >= WARMUP ? keystrokes : scratch, round >= WARMUP ? keystrokes_cpu : scratch);
          if (round >= WARMUP)
            g_array_append_val (by_length[l], g_array_index (keystrokes_cpu, double, keystrokes_cpu->len - 1));
          last_results = results->len;
        }
    }

  printf ("  %-52s p50 %8.2f  p95 %8.2f  max %8.2f ms  (%u keystrokes)\n",
          "search, per keystroke, wall", bench_percentile (keystrokes, 0.5), bench_percentile (keystrokes, 0.95),
          bench_percentile (keystrokes, 1.0), keystrokes->len);
  printf ("  %-52s p50 %8.2f  p95 %8.2f  max %8.2f ms  (%u keystrokes)%s\n",
          "search, per keystroke, CPU", bench_percentile (keystrokes_cpu, 0.5), bench_percentile (keystrokes_cpu, 0.95),
          bench_percentile (keystrokes_cpu, 1.0), keystrokes_cpu->len,
          bench_percentile (keystrokes_cpu, 0.95) <= 5.0 ? "" : "  (CPU p95 over the 5 ms target)");
  printf ("  %-52s", "  CPU p50 by the key typed (ms)");
  for (guint l = 1; l < sizeof typed; l++)
    if (by_length[l]->len > 0)
      printf (" %.*s %.2f%s", 1, typed + l - 1, bench_percentile (by_length[l], 0.5),
              l + 1 < sizeof typed ? " ·" : "");
  printf ("\n  %-52s %u results for \"%s\" (at most 50)\n", "", last_results, typed);
  bench_print_figures (52, "search, folding a feed's text (an update), wall", folds);
  bench_print_figures (52, "search, folding a feed's text (an update), CPU", folds_cpu);

  for (guint l = 1; l < sizeof typed; l++)
    g_array_unref (by_length[l]);
}

int
main (int   argc,
      char *argv[])
{
  guint updates = argc > 1 ? (guint) atoi (argv[1]) : 30;
  guint n = argc > 2 ? (guint) atoi (argv[2]) : 50000;
  guint rounds = argc > 3 ? (guint) atoi (argv[3]) : 30;

  if (updates < 1 || n < 1 || rounds < 1)
    {
      fprintf (stderr, "Usage: bench-alerts [updates] [entities] [rounds]\n");
      return EXIT_FAILURE;
    }

  printf ("bench-alerts: %u entities, %u updates, %u rounds of \"gare centrale\" (%u warm-up each)\n",
          n, updates, rounds, WARMUP);
  bench_rules ("rules, GBFS stations", VIGIE_FEED_KIND_BIKES, n, updates, FALSE);
  bench_rules ("rules, GBFS stations", VIGIE_FEED_KIND_BIKES, n, updates, TRUE);
  bench_rules ("rules, GTFS-RT trams", VIGIE_FEED_KIND_TRAMS, n, updates, FALSE);
  bench_rules ("rules, GTFS-RT trams", VIGIE_FEED_KIND_TRAMS, n, updates, TRUE);
  bench_search (n, rounds);

  return EXIT_SUCCESS;
}
