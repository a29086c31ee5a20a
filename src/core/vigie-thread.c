/* vigie-thread.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-thread"
#define _GNU_SOURCE   /* gettid() */

#include "config.h"

#include <errno.h>

#if HAVE_GETTID
# include <sys/resource.h>
# include <unistd.h>
#endif

#include "vigie-thread.h"

/* Workers give way to the main thread. On two cores, a big city's feeds
 * parsed, its layers' items built and images painted took both, and the
 * window's frames waited for a core: 40 to 260 ms a frame during the
 * minute's updates for 10 to 20 ms of drawing. A worker thread runs at a
 * lower priority (a higher nice value, per thread on Linux) than the
 * main thread, so that a frame gets a core when it needs one; the
 * workers get the rest, which is most of it. */

/**
 * vigie_thread_get_nice:
 *
 * Returns: the calling thread's nice value (0 where threads have none)
 */
int
vigie_thread_get_nice (void)
{
#if HAVE_GETTID
  int nice;

  errno = 0;
  nice = getpriority (PRIO_PROCESS, (id_t) gettid ());
  return errno == 0 ? nice : 0;
#else
  return 0;
#endif
}

/**
 * vigie_thread_make_background:
 *
 * Lowers the calling worker thread's priority to the process's nice value
 * plus %VIGIE_THREAD_BACKGROUND_NICE, once per thread: a thread of GIO's
 * pool stays so for the tasks it runs afterwards, all of them background
 * work. Never call it on the main thread.
 *
 * Returns: whether the thread runs at the lower priority
 */
gboolean
vigie_thread_make_background (void)
{
#if HAVE_GETTID
  static GPrivate lowered;
  int process_nice;
  int wanted;

  if (g_private_get (&lowered) != NULL)
    return TRUE;

  /* The main thread's id is the process's. */
  errno = 0;
  process_nice = getpriority (PRIO_PROCESS, (id_t) getpid ());
  if (errno != 0)
    return FALSE;

  wanted = MIN (19, process_nice + VIGIE_THREAD_BACKGROUND_NICE);
  if (vigie_thread_get_nice () < wanted &&
      setpriority (PRIO_PROCESS, (id_t) gettid (), wanted) != 0)
    return FALSE;

  g_private_set (&lowered, GINT_TO_POINTER (1));
  return TRUE;
#else
  return FALSE;
#endif
}
