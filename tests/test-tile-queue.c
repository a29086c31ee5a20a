/* test-tile-queue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "vigie-tile-queue.h"

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tile-queue/workers", test_tile_queue_workers);

  return g_test_run ();
}
