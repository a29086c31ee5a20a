/* vigie-memory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-memory"

#include "config.h"

#if HAVE_MALLOC_TRIM
# include <malloc.h>
#endif

#include <gio/gio.h>

#include "vigie-memory.h"
#include "vigie-thread.h"

/* The app's memory comes and goes in large blocks: documents read and
 * parsed in a worker, and each frame's textures and surfaces (under the
 * GL renderer without a GPU, Mesa's llvmpipe keeps them in the app's own
 * heap). glibc keeps what is freed for later, and a block still in use
 * above it pins the rest: a soak of hours (tools/run-soak) saw a third
 * of the RSS free but kept, wandering by tens of MiB with the frames.
 * Handing free pages back now and then bounds RSS by what is in use. */

/* Each thread that mallocs would get an arena of its own (up to eight a
 * core), each keeping its own free memory: the feeds' workers, the
 * history's writer, the plan's. Two arenas are plenty for an app whose
 * threads mostly wait: soaks of an hour kept 4 to 8 MiB free where they
 * had kept 60 (tools/run-soak's malloc probe).
 *
 * Blocks up to 32 MiB come from the heap, as glibc's own threshold ends
 * up doing after the first large block is freed, fixed from the start:
 * under cairo each widget-sized cairo node is drawn through an image of
 * 4 to 8 MiB at every frame, and a threshold of 256 KiB mapped and
 * unmapped each one (bench-render: a quarter more CPU a frame).
 *
 * Up to 16 MiB free at a heap's top stay there too, where glibc gives
 * back anything over 128 KiB once it sets the thresholds by hand: each
 * frame's images came back as fresh pages, a fault each (bench-feed, the
 * frame that draws 10,000 stations updated: 7.4–8.0 ms of CPU against
 * 13.8–14.9, p50). The trim now and then gives it back all the same:
 * RSS +20 MiB at 109,000 entities (p50, tools/run-soak's probe). */
#define MMAP_THRESHOLD (32 * 1024 * 1024)
#define TRIM_THRESHOLD (16 * 1024 * 1024)
#define ARENA_MAX      2

/**
 * vigie_memory_tune:
 *
 * Sets malloc's mmap and trim thresholds and number of arenas for a
 * process that runs for days (glibc; nothing elsewhere). Call it first
 * thing in main(), before any thread exists.
 *
 * Returns: %TRUE when malloc took the settings
 */
gboolean
vigie_memory_tune (void)
{
#if HAVE_MALLOC_TRIM
  return mallopt (M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1 &&
         mallopt (M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1 &&
         mallopt (M_ARENA_MAX, ARENA_MAX) == 1;
#else
  return FALSE;
#endif
}

/**
 * vigie_memory_trim:
 *
 * Gives the pages that malloc holds free, in every arena, back to the
 * system (glibc's malloc_trim(); nothing elsewhere).
 *
 * Returns: %TRUE when memory was given back
 */
gboolean
vigie_memory_trim (void)
{
#if HAVE_MALLOC_TRIM
  gint64 start = g_get_monotonic_time ();
  gboolean trimmed = malloc_trim (0) != 0;

  g_debug ("Memory trimmed in %.1f ms%s", (g_get_monotonic_time () - start) / 1000.0,
           trimmed ? "" : ", nothing to give back");

  return trimmed;
#else
  return FALSE;
#endif
}

static void
trim_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  vigie_thread_make_background ();
  vigie_memory_trim ();
  g_task_return_boolean (task, TRUE);
}

static void
on_trimmed_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_atomic_int_set ((gint *) user_data, 0);
}

/* malloc_trim() takes 3 to 13 ms: a worker's time, not a frame's. One at
 * a time. */
static gboolean
on_trim_timeout_cb (gpointer user_data)
{
  static gint running;
  g_autoptr(GTask) task = NULL;

  if (!g_atomic_int_compare_and_exchange (&running, 0, 1))
    return G_SOURCE_CONTINUE;

  task = g_task_new (NULL, NULL, on_trimmed_cb, &running);
  g_task_set_source_tag (task, on_trim_timeout_cb);
  g_task_set_name (task, "[vigie] memory trim");
  g_task_run_in_thread (task, trim_thread);

  return G_SOURCE_CONTINUE;
}

/**
 * vigie_memory_add_trim_timeout:
 * @interval_s: seconds between two trims, e.g. %VIGIE_MEMORY_TRIM_INTERVAL_S
 *
 * Calls vigie_memory_trim() every @interval_s seconds, in a worker, from
 * the thread-default main context at low priority (with the other
 * wake-ups of the second).
 *
 * Returns: the source's id, for g_source_remove()
 */
guint
vigie_memory_add_trim_timeout (guint interval_s)
{
  g_return_val_if_fail (interval_s > 0, 0);

  return g_timeout_add_seconds_full (G_PRIORITY_LOW, interval_s, on_trim_timeout_cb, NULL, NULL);
}
