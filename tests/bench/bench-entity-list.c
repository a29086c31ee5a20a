/* bench-entity-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <time.h>

#include "vigie-entity-list.h"
#include "vigie-entity-list-model.h"
#include "vigie-map-layer.h"
#include "vigie-store.h"

/* A layer's list on a large store: the main thread's time to apply an
 * update to the store (its items-changed handled by whoever listens),
 * without the list and with it open, sorted by name and by value; and
 * what the main loop does after it until the list shows the update (its
 * order is worked out in a worker: the main thread's CPU time counts
 * what it does, not the wait), and how long after the update the list
 * shows it. Usage: bench-entity-list [stations] [updates]
 * [changed per update, in %]. */

static VigieEntity *
station (guint  i,
         gint64 bikes)
{
  VigieEntityField fields[] = {
    { .key = "vehicles_available", .type = VIGIE_ENTITY_FIELD_INT, .i = bikes },
    { .key = "docks_available", .type = VIGIE_ENTITY_FIELD_INT, .i = 30 - bikes },
    { .key = "capacity", .type = VIGIE_ENTITY_FIELD_INT, .i = 30 },
  };
  g_autofree char *id = g_strdup_printf ("s%u", i);
  g_autofree char *name = g_strdup_printf ("Station %05u", i);

  return vigie_entity_new_from_fields (VIGIE_ENTITY_STATION, id, name,
                                       47.70 + (i % 100) * 0.001, 7.30 + (i / 100) * 0.001,
                                       1700000000 + i % 600, fields, G_N_ELEMENTS (fields));
}

static VigieSnapshot *
make_snapshot (VigieSnapshot *previous,
               guint          n,
               guint          round,
               guint          percent)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ();

  for (guint i = 0; i < n; i++)
    {
      gboolean changed = round > 0 && g_random_int_range (0, 100) < (gint) percent;

      vigie_snapshot_add_entity (snapshot, station (i, changed ? g_random_int_range (0, 31) : (gint64) (i % 31)));
    }
  vigie_snapshot_prepare (snapshot, previous, 1700000000 + round);

  return snapshot;
}

/* The main thread's own CPU time: the machine is shared, and wall time
 * counts the waits for a core as well. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* The frames' own CPU, apart: layout and drawing the rows on screen. */
static double frames_ms;
static double frame_start;
static guint  n_frames;

static void
on_before_paint_cb (GdkFrameClock *clock)
{
  frame_start = cpu_ms ();
}

static void
on_after_paint_cb (GdkFrameClock *clock)
{
  frames_ms += cpu_ms () - frame_start;
  n_frames++;
}

static void
run (const char    *what,
     GListModel    *rows,
     VigieStore    *store,
     VigieSnapshot **shown,
     guint          n,
     guint          updates,
     guint          percent)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) applies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) owns = g_array_new (FALSE, FALSE, sizeof (double));
  double median, p95, max;

  for (guint u = 1; u <= updates; u++)
    {
      VigieSnapshot *next = make_snapshot (*shown, n, u, percent);
      double start = cpu_ms ();
      gint64 wall = g_get_monotonic_time ();
      double ms, own, frames_before = frames_ms;
      guint frame;

      vigie_store_apply (store, next, 1700000000 + u);
      ms = cpu_ms () - start;
      g_array_append_val (applies, ms);
      /* What the main loop does before the next frame: the rows made;
       * the wait for the list's worker is no CPU of this thread. */
      while (g_main_context_iteration (NULL, FALSE))
        ;
      own = cpu_ms () - start;
      while (rows != NULL && vigie_entity_list_model_get_busy (VIGIE_ENTITY_LIST_MODEL (rows)))
        {
          double before = cpu_ms ();

          g_main_context_iteration (NULL, TRUE);
          /* The iteration that showed the worker's order; the others
           * are the main loop waking for its own reasons. */
          if (!vigie_entity_list_model_get_busy (VIGIE_ENTITY_LIST_MODEL (rows)))
            own += cpu_ms () - before;
        }
      g_array_append_val (owns, own);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      ms = (g_get_monotonic_time () - wall) / 1000.0;
      g_array_append_val (latencies, ms);
      /* And the next frame, which shows it. */
      frame = n_frames;
      for (gint64 until = g_get_monotonic_time () + 200000; n_frames == frame && g_get_monotonic_time () < until;)
        g_main_context_iteration (NULL, TRUE);
      ms = cpu_ms () - start - (frames_ms - frames_before);
      g_array_append_val (times, ms);
      ms = frames_ms - frames_before;
      g_array_append_val (frames, ms);
      vigie_snapshot_unref (*shown);
      *shown = next;
      spin (50);
    }

  g_array_sort (times, compare_doubles);
  g_array_sort (applies, compare_doubles);
  g_array_sort (latencies, compare_doubles);
  g_array_sort (frames, compare_doubles);
  g_array_sort (owns, compare_doubles);
  median = g_array_index (times, double, times->len / 2);
  p95 = g_array_index (times, double, MIN (times->len - 1, times->len * 95 / 100));
  max = g_array_index (times, double, times->len - 1);
  g_print ("%-30s %6u entities, %3u %% changed: main thread CPU: apply (items-changed handled) median %7.2f ms, max %7.2f ms;"
           " the update's own (apply, what it queued, the worker's order shown) median %7.2f ms, p95 %7.2f ms, max %7.2f ms;"
           " with the main loop after it until shown, frames apart, median %7.2f ms, p95 %7.2f ms, max %7.2f ms;"
           " the frame after it median %7.2f ms, max %7.2f ms; shown after median %7.2f ms (wall)\n",
           what, n, percent, g_array_index (applies, double, applies->len / 2), g_array_index (applies, double, applies->len - 1),
           g_array_index (owns, double, owns->len / 2), g_array_index (owns, double, MIN (owns->len - 1, owns->len * 95 / 100)),
           g_array_index (owns, double, owns->len - 1),
           median, p95, max, g_array_index (frames, double, frames->len / 2), g_array_index (frames, double, frames->len - 1),
           g_array_index (latencies, double, latencies->len / 2));
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  guint updates = argc > 2 ? (guint) atoi (argv[2]) : 20;
  guint percent = argc > 3 ? (guint) atoi (argv[3]) : 20;
  g_autoptr(VigieStore) store = vigie_store_new ();
  VigieSnapshot *shown;
  ShumateMap *map;
  VigieMapLayer *layer;
  GtkWidget *window, *list;

  adw_init ();
  g_random_set_seed (1);

  shown = make_snapshot (NULL, n, 0, 0);
  vigie_store_apply (store, shown, 1700000000);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  map = shumate_map_new ();
  layer = vigie_map_layer_new (shumate_map_get_viewport (map), VIGIE_FEED_KIND_BIKES, G_LIST_MODEL (store));
  shumate_map_add_layer (map, SHUMATE_LAYER (layer));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (map));
  gtk_window_present (GTK_WINDOW (window));
  spin (500);
  g_signal_connect (gtk_widget_get_frame_clock (window), "before-paint", G_CALLBACK (on_before_paint_cb), NULL);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), NULL);

  run ("store alone (map layer only)", NULL, store, &shown, n, updates, percent);

  list = vigie_entity_list_new (layer);
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

    g_object_ref (map);
    gtk_window_set_child (GTK_WINDOW (window), box);
    gtk_widget_set_hexpand (GTK_WIDGET (map), TRUE);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (map));
    gtk_widget_set_size_request (list, 600, -1);
    gtk_box_append (GTK_BOX (box), list);
    g_object_unref (map);
  }
  spin (500);
  while (vigie_entity_list_model_get_busy (VIGIE_ENTITY_LIST_MODEL (vigie_entity_list_get_rows (VIGIE_ENTITY_LIST (list)))))
    g_main_context_iteration (NULL, TRUE);

  run ("with the list, by name", vigie_entity_list_get_rows (VIGIE_ENTITY_LIST (list)), store, &shown, n, updates, percent);
  vigie_entity_list_sort_by (VIGIE_ENTITY_LIST (list), "value", GTK_SORT_DESCENDING);
  spin (200);
  run ("with the list, by value", vigie_entity_list_get_rows (VIGIE_ENTITY_LIST (list)), store, &shown, n, updates, percent);
  vigie_entity_list_sort_by (VIGIE_ENTITY_LIST (list), "state", GTK_SORT_ASCENDING);
  spin (200);
  run ("with the list, by state", vigie_entity_list_get_rows (VIGIE_ENTITY_LIST (list)), store, &shown, n, updates, percent);

  {
    double start = cpu_ms ();

    vigie_entity_list_sort_by (VIGIE_ENTITY_LIST (list), "value", GTK_SORT_ASCENDING);
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_print ("%-30s %6u entities: %7.2f ms of CPU\n", "sorted again by value", n, cpu_ms () - start);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  vigie_snapshot_unref (shown);

  return 0;
}
