/* soak-probe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Preloaded into the app by tools/run-soak (SOAK_PROBE=1): a thread of its
 * own that writes glibc's malloc figures every SOAK_PROBE_INTERVAL seconds
 * into the CSV named by SOAK_PROBE_FILE, so that a growing RSS can be told
 * apart: memory in use that grows is a leak or a cache; free memory that
 * malloc keeps is fragmentation. With SOAK_PROBE_TRIM=1 it calls
 * malloc_trim() before each sample, to see what RSS that gives back.
 * Attaching gdb to call these is not possible on every machine (no
 * inferior calls in some VMs), hence a preload. */

#define _GNU_SOURCE

#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static FILE *out;
static double interval = 10;
static int trim;

static double
now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *
probe_thread (void *data)
{
  double start = now ();

  (void) data;

  fprintf (out, "seconds,heap_kib,in_use_kib,free_kib,mmap_kib,trimmed\n");
  for (;;)
    {
      struct mallinfo2 info;
      int trimmed = trim ? malloc_trim (0) : 0;

      info = mallinfo2 ();
      /* arena: what malloc holds outside mmap'ed blocks, all arenas;
       * uordblks of it in use, fordblks free; hblkhd: mmap'ed blocks. */
      fprintf (out, "%.1f,%zu,%zu,%zu,%zu,%d\n", now () - start,
               info.arena / 1024, (info.uordblks + info.hblkhd) / 1024,
               info.fordblks / 1024, info.hblkhd / 1024, trimmed);
      fflush (out);
      usleep ((useconds_t) (interval * 1e6));
    }

  return NULL;
}

__attribute__((constructor)) static void
probe_init (void)
{
  const char *path = getenv ("SOAK_PROBE_FILE");
  const char *text;
  pthread_t thread;

  if (path == NULL || (out = fopen (path, "we")) == NULL)
    return;
  if ((text = getenv ("SOAK_PROBE_INTERVAL")) != NULL && atof (text) > 0)
    interval = atof (text);
  trim = (text = getenv ("SOAK_PROBE_TRIM")) != NULL && atoi (text) != 0;
  /* Only the first process: not the children it may start. */
  unsetenv ("LD_PRELOAD");
  unsetenv ("SOAK_PROBE_FILE");

  if (pthread_create (&thread, NULL, probe_thread, NULL) == 0)
    pthread_detach (thread);
}
