/* test-work-gate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-work-gate.h"

/* Tasks through a gate: never more running than its limit, started in
 * the order they came, and one canceled while it waits still ends. */

#define N_TASKS 12

typedef struct
{
  gint   running;
  gint   most;
  gint   next_rank;
  gint   ranks[N_TASKS];   /* the order each task started in */
  guint  n_done;
  GMutex lock;
  GCond  cond;
  gboolean hold;           /* the first task waits until this is FALSE */
} Run;

static void
work (GTask        *task,
      gpointer      source_object,
      gpointer      task_data,
      GCancellable *cancellable)
{
  Run *run = g_object_get_data (G_OBJECT (task), "run");
  guint index = GPOINTER_TO_UINT (task_data);
  gint now = g_atomic_int_add (&run->running, 1) + 1;
  gint most;

  run->ranks[index] = g_atomic_int_add (&run->next_rank, 1);
  while ((most = g_atomic_int_get (&run->most)) < now &&
         !g_atomic_int_compare_and_exchange (&run->most, most, now))
    ;

  g_mutex_lock (&run->lock);
  while (index == 0 && run->hold)
    g_cond_wait (&run->cond, &run->lock);
  g_mutex_unlock (&run->lock);

  if (g_task_return_error_if_cancelled (task))
    {
      g_atomic_int_add (&run->running, -1);
      return;
    }

  g_usleep (15 * 1000);
  g_atomic_int_add (&run->running, -1);
  g_task_return_boolean (task, TRUE);
}

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;

  g_task_propagate_boolean (G_TASK (result), NULL);
  run->n_done++;
}

static GTask *
new_task (Run          *run,
          guint         index,
          GCancellable *cancellable)
{
  GTask *task = g_task_new (NULL, cancellable, on_done_cb, run);

  g_task_set_task_data (task, GUINT_TO_POINTER (index), NULL);
  g_object_set_data (G_OBJECT (task), "run", run);

  return task;
}

/* The last task's slot is given back after its callback is queued: waits
 * for that before the gate is freed. */
static void
run_clear (Run           *run,
           VigieWorkGate *gate)
{
  while (vigie_work_gate_get_running (gate) > 0)
    g_usleep (1000);

  g_mutex_clear (&run->lock);
  g_cond_clear (&run->cond);
}

static void
run_tasks (guint limit)
{
  g_autoptr(VigieWorkGate) gate = vigie_work_gate_new (limit);
  Run run = { 0 };

  g_mutex_init (&run.lock);
  g_cond_init (&run.cond);

  for (guint i = 0; i < N_TASKS; i++)
    {
      g_autoptr(GTask) task = new_task (&run, i, NULL);

      vigie_work_gate_run_in_thread (gate, task, work);
    }
  g_assert_cmpuint (vigie_work_gate_get_n_started (gate), ==, N_TASKS);

  while (run.n_done < N_TASKS)
    g_main_context_iteration (NULL, TRUE);

  g_test_message ("limit %u: at most %d at once", limit, run.most);
  g_assert_cmpint (run.most, <=, (gint) limit);
  /* Twelve tasks of 15 ms on free workers overlap. */
  g_assert_cmpint (run.most, >=, MIN (2, (gint) limit));
  g_assert_cmpuint (vigie_work_gate_get_waiting (gate), ==, 0);

  /* In order: a task starts at most limit - 1 places before its turn. */
  for (guint i = 0; i < N_TASKS; i++)
    g_assert_cmpint (ABS (run.ranks[i] - (gint) i), <, (gint) limit);

  run_clear (&run, gate);
}

static void
test_one_at_a_time (void)
{
  run_tasks (1);
}

static void
test_three_at_a_time (void)
{
  run_tasks (3);
}

static void
test_canceled_while_waiting (void)
{
  g_autoptr(VigieWorkGate) gate = vigie_work_gate_new (1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GTask) first = NULL;
  g_autoptr(GTask) second = NULL;
  Run run = { .hold = TRUE };

  g_mutex_init (&run.lock);
  g_cond_init (&run.cond);

  first = new_task (&run, 0, NULL);
  second = new_task (&run, 1, cancellable);
  vigie_work_gate_run_in_thread (gate, first, work);
  vigie_work_gate_run_in_thread (gate, second, work);
  g_assert_cmpuint (vigie_work_gate_get_waiting (gate), ==, 1);

  g_cancellable_cancel (cancellable);
  g_usleep (20 * 1000);
  g_assert_cmpuint (run.n_done, ==, 0);
  g_assert_cmpuint (vigie_work_gate_get_waiting (gate), ==, 1);

  g_mutex_lock (&run.lock);
  run.hold = FALSE;
  g_cond_signal (&run.cond);
  g_mutex_unlock (&run.lock);

  while (run.n_done < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_task_had_error (second));
  g_assert_false (g_task_had_error (first));
  g_assert_cmpint (run.most, ==, 1);

  run_clear (&run, gate);
}

static void
test_for_documents (void)
{
  VigieWorkGate *gate = vigie_work_gate_for_documents ();

  g_assert_true (gate == vigie_work_gate_for_documents ());
  g_assert_cmpuint (vigie_work_gate_get_limit (gate), ==, MAX (1, g_get_num_processors () / 2));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/work-gate/one-at-a-time", test_one_at_a_time);
  g_test_add_func ("/work-gate/three-at-a-time", test_three_at_a_time);
  g_test_add_func ("/work-gate/canceled-while-waiting", test_canceled_while_waiting);
  g_test_add_func ("/work-gate/for-documents", test_for_documents);

  return g_test_run ();
}
