/* vigie-release.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-release"

#include "config.h"

#include <gio/gio.h>

#include "vigie-release.h"
#include "vigie-thread.h"

/* Freeing the last snapshot of a feed of fifty thousand stations costs as
 * much as building it. The main thread hands such garbage to a worker. */

typedef struct
{
  gpointer       data;
  GDestroyNotify destroy;
} Garbage;

static void
release_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Garbage *garbage = task_data;

  vigie_thread_make_background ();

  garbage->destroy (garbage->data);
  garbage->data = NULL;
  g_task_return_boolean (task, TRUE);
}

/**
 * vigie_release_later:
 * @data: (nullable) (transfer full): what to free: only immutable data
 *   that no main-thread code uses any more (a reference it drops, say)
 * @destroy: how to free it
 *
 * Calls @destroy on @data in a worker thread.
 */
void
vigie_release_later (gpointer       data,
                     GDestroyNotify destroy)
{
  g_autoptr(GTask) task = NULL;
  Garbage *garbage;

  g_return_if_fail (destroy != NULL);

  if (data == NULL)
    return;

  garbage = g_new0 (Garbage, 1);
  garbage->data = data;
  garbage->destroy = destroy;

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, vigie_release_later);
  g_task_set_task_data (task, garbage, g_free);
  g_task_run_in_thread (task, release_in_thread);
}
