/* vigie-work-gate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-work-gate"

#include "config.h"

#include "vigie-work-gate.h"

/* A gate lets at most so many tasks run in GIO's worker threads at once;
 * the others wait their turn, in order. GIO's pool would run them all:
 * five big feeds answering together then held five documents' JSON trees
 * and five new snapshots at once (150 MiB of trees alone at 109,000
 * entities, heaptrack), on two cores that could only work on two. A task
 * that waits holds nothing but its bytes. */

struct _VigieWorkGate
{
  GMutex lock;
  guint  limit;
  guint  running;
  guint  n_started;  /* in all, for the tests */
  GQueue waiting;   /* of GTask, each with its Entry */
};

typedef struct
{
  VigieWorkGate   *gate;
  GTaskThreadFunc  func;
} Entry;

static GQuark
entry_quark (void)
{
  return g_quark_from_static_string ("vigie-work-gate-entry");
}

/**
 * vigie_work_gate_new:
 * @limit: how many tasks may run at once, at least one
 *
 * Returns: (transfer full): a gate with nothing running
 */
VigieWorkGate *
vigie_work_gate_new (guint limit)
{
  VigieWorkGate *self = g_new0 (VigieWorkGate, 1);

  g_mutex_init (&self->lock);
  self->limit = MAX (1, limit);
  g_queue_init (&self->waiting);

  return self;
}

/**
 * vigie_work_gate_free:
 * @self: a gate with no task running or waiting
 */
void
vigie_work_gate_free (VigieWorkGate *self)
{
  if (self == NULL)
    return;

  g_return_if_fail (self->running == 0 && g_queue_is_empty (&self->waiting));

  g_mutex_clear (&self->lock);
  g_free (self);
}

static void
gate_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const Entry *entry = g_object_get_qdata (G_OBJECT (task), entry_quark ());
  VigieWorkGate *self = entry->gate;
  g_autoptr(GTask) next = NULL;

  entry->func (task, source_object, task_data, cancellable);

  /* The slot goes straight to the next task: the count never drops
   * while some wait, so no later task can overtake them. */
  g_mutex_lock (&self->lock);
  next = g_queue_pop_head (&self->waiting);
  if (next == NULL)
    self->running--;
  g_mutex_unlock (&self->lock);

  if (next != NULL)
    g_task_run_in_thread (next, gate_thread);
}

/**
 * vigie_work_gate_run_in_thread:
 * @self: a gate
 * @task: a task, as for g_task_run_in_thread()
 * @func: what to run in a worker thread
 *
 * Runs @func in a worker thread as g_task_run_in_thread() does, once
 * fewer than the gate's limit of tasks started through it are running.
 * Thread-safe. A task canceled while it waits still runs @func, which
 * is expected to check its cancellable first.
 */
void
vigie_work_gate_run_in_thread (VigieWorkGate   *self,
                               GTask           *task,
                               GTaskThreadFunc  func)
{
  Entry *entry;
  gboolean now;

  g_return_if_fail (self != NULL);
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  entry = g_new (Entry, 1);
  entry->gate = self;
  entry->func = func;
  g_object_set_qdata_full (G_OBJECT (task), entry_quark (), entry, g_free);

  g_mutex_lock (&self->lock);
  self->n_started++;
  now = self->running < self->limit;
  if (now)
    self->running++;
  else
    g_queue_push_tail (&self->waiting, g_object_ref (task));
  g_mutex_unlock (&self->lock);

  if (now)
    g_task_run_in_thread (task, gate_thread);
}

guint
vigie_work_gate_get_limit (VigieWorkGate *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->limit;
}

/* One of the gate's counts, read under its lock. */
static guint
read_count (VigieWorkGate *self,
            const guint   *count)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = *count;
  g_mutex_unlock (&self->lock);

  return n;
}

/**
 * vigie_work_gate_get_waiting:
 * @self: a gate
 *
 * Returns: how many tasks wait for their turn now
 */
guint
vigie_work_gate_get_waiting (VigieWorkGate *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return read_count (self, &self->waiting.length);
}

/**
 * vigie_work_gate_get_running:
 * @self: a gate
 *
 * Returns: how many of its tasks run now (their slot is given back once
 *   their function has returned)
 */
guint
vigie_work_gate_get_running (VigieWorkGate *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return read_count (self, &self->running);
}

/**
 * vigie_work_gate_get_n_started:
 * @self: a gate
 *
 * Returns: how many tasks were handed to the gate since it was made
 */
guint
vigie_work_gate_get_n_started (VigieWorkGate *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return read_count (self, &self->n_started);
}

/**
 * vigie_work_gate_for_documents:
 *
 * The process's gate for the feeds' large documents: half the processors
 * parse them (one on two cores), the rest stay for the map's workers and
 * the main thread.
 *
 * Returns: (transfer none): the gate, never freed
 */
VigieWorkGate *
vigie_work_gate_for_documents (void)
{
  static VigieWorkGate *gate;

  if (g_once_init_enter (&gate))
    g_once_init_leave (&gate, vigie_work_gate_new (g_get_num_processors () / 2));

  return gate;
}
