/* test-thread.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "vigie-thread.h"

/* A worker lowers its own priority, once, and the main thread keeps its
 * own. */

static void
lower_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  int *nices = task_data;

  nices[0] = vigie_thread_get_nice ();
  g_assert_true (vigie_thread_make_background ());
  nices[1] = vigie_thread_get_nice ();
  g_assert_true (vigie_thread_make_background ());
  nices[2] = vigie_thread_get_nice ();
  g_task_return_boolean (task, TRUE);
}

static void
test_background (void)
{
  int main_nice = vigie_thread_get_nice ();
  int nices[3] = { 0 };
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

#if !HAVE_GETTID
  g_test_skip ("No per-thread priority here");
  return;
#endif

  g_task_set_task_data (task, nices, NULL);
  g_task_run_in_thread_sync (task, lower_thread);
  g_assert_true (g_task_propagate_boolean (task, NULL));

  g_test_message ("main %d, worker %d → %d", main_nice, nices[0], nices[1]);
  g_assert_cmpint (nices[1], ==, MIN (19, main_nice + VIGIE_THREAD_BACKGROUND_NICE));
  g_assert_cmpint (nices[2], ==, nices[1]);
  g_assert_cmpint (vigie_thread_get_nice (), ==, main_nice);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/thread/background", test_background);

  return g_test_run ();
}
