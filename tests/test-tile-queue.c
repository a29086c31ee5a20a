/* test-tile-queue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <math.h>

#include "vigie-tile-queue.h"
#include "vigie-test-ui.h"

typedef struct
{
  GThread *main_thread;
  guint    n_ran;
  guint    n_ran_on_main;
  guint    n_left;
  guint    n_cancelled;
} Counts;

static void
job_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Counts *counts = task_data;

  g_atomic_int_inc (&counts->n_ran);
  if (g_thread_self () == counts->main_thread)
    g_atomic_int_inc (&counts->n_ran_on_main);
  g_task_return_boolean (task, TRUE);
}

static void
on_job_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Counts *counts = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      counts->n_cancelled++;
    }
  counts->n_left--;
}

/* Tiles are drawn in worker threads, never on the main loop; a tile that
 * libshumate gave up on before its turn is not drawn at all. */
static void
test_tile_queue_workers (void)
{
  g_autoptr(VigieTileQueue) queue = vigie_tile_queue_new (2);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  Counts counts = { g_thread_self (), 0, 0, 0, 0 };

  g_assert_cmpuint (vigie_tile_queue_get_max_running (queue), ==, 2);
  g_cancellable_cancel (cancelled);

  for (int i = 0; i < 20; i++)
    {
      g_autoptr(GTask) task = g_task_new (NULL, i % 4 == 0 ? cancelled : NULL,
                                          on_job_done_cb, &counts);

      g_task_set_task_data (task, &counts, NULL);
      counts.n_left++;
      vigie_tile_queue_push (queue, task, i, 0, 15, job_in_thread);
    }

  while (counts.n_left > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (counts.n_ran, ==, 15);
  g_assert_cmpuint (counts.n_cancelled, ==, 5);
  g_assert_cmpuint (counts.n_ran_on_main, ==, 0);
}

typedef struct
{
  GMutex  lock;
  GArray *order;    /* of int: keys of (x, y), in the order they ran */
  guint   n_left;
} Order;

static void
record_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Order *order = g_task_get_task_data (task);
  int key = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "key"));

  g_mutex_lock (&order->lock);
  g_array_append_val (order->order, key);
  g_mutex_unlock (&order->lock);
  g_task_return_boolean (task, TRUE);
}

static void
on_recorded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Order *order = user_data;

  g_assert_true (g_task_propagate_boolean (G_TASK (result), NULL));
  order->n_left--;
}

/* After a zoom libshumate 1.0 asks for the whole grid at once, column by
 * column, with a margin of one tile around the visible area: the tiles on
 * screen must be drawn first, the centre first, whatever the order of
 * asking. One worker, so that the order of drawing is the order taken. */
static void
test_tile_queue_visible_first (void)
{
  g_autoptr(VigieTileQueue) queue = vigie_tile_queue_new (1);
  ShumateMap *map = shumate_map_new ();
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  GtkWidget *window = gtk_window_new ();
  Order order = { .order = g_array_new (FALSE, FALSE, sizeof (int)) };
  double lat = 47.7508, lon = 7.3359, cx, cy, n = 1 << 15;
  int width, height, x0, y0, x1, y1;
  guint n_visible;

  gtk_widget_set_size_request (GTK_WIDGET (map), 800, 600);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (map));
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  shumate_viewport_set_zoom_level (viewport, 15);
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (GTK_WIDGET (map)) == 0)
    g_main_context_iteration (NULL, TRUE);
  vigie_tile_queue_watch (queue, map);

  width = gtk_widget_get_width (GTK_WIDGET (map));
  height = gtk_widget_get_height (GTK_WIDGET (map));
  cx = (lon + 180.0) / 360.0 * n * 256;
  cy = (1.0 - asinh (tan (lat * G_PI / 180.0)) / G_PI) / 2.0 * n * 256;
  x0 = (int) floor ((cx - width / 2.0) / 256);
  x1 = (int) floor ((cx + width / 2.0 - 1) / 256);
  y0 = (int) floor ((cy - height / 2.0) / 256);
  y1 = (int) floor ((cy + height / 2.0 - 1) / 256);
  n_visible = (x1 - x0 + 1) * (y1 - y0 + 1);

  /* The grid as ShumateMapLayer's recompute_grid() asks for it. */
  for (int x = x0 - 1; x <= x1 + 1; x++)
    for (int y = y0 - 1; y <= y1 + 1; y++)
      {
        g_autoptr(GTask) task = g_task_new (NULL, NULL, on_recorded_cb, &order);

        g_task_set_task_data (task, &order, NULL);
        g_object_set_data (G_OBJECT (task), "key", GINT_TO_POINTER ((x - x0 + 10) * 100 + (y - y0 + 10)));
        order.n_left++;
        vigie_tile_queue_push (queue, task, x, y, 15, record_in_thread);
      }

  while (order.n_left > 0)
    g_main_context_iteration (NULL, TRUE);

  g_test_message ("%u visible tiles of %u", n_visible, order.order->len);
  g_assert_cmpuint (n_visible, >=, 12);

  for (guint i = 0; i < order.order->len; i++)
    {
      int key = g_array_index (order.order, int, i);
      int x = key / 100 - 10 + x0, y = key % 100 - 10 + y0;
      gboolean visible = x >= x0 && x <= x1 && y >= y0 && y <= y1;

      /* Visible tiles first, then the margin. */
      g_assert_true (visible == (i < n_visible));
    }

  /* The first one drawn is the one under the centre. */
  g_assert_cmpint (g_array_index (order.order, int, 0), ==,
                   ((int) floor (cx / 256) - x0 + 10) * 100 + (int) floor (cy / 256) - y0 + 10);

  g_array_unref (order.order);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_gtk (&argc, &argv, "tile queue"))
    return 77;

  g_test_add_func ("/tile-queue/workers", test_tile_queue_workers);
  g_test_add_func ("/tile-queue/visible-first", test_tile_queue_visible_first);

  return g_test_run ();
}
