/* test-memory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <malloc.h>
#include <string.h>
#include <unistd.h>

#include "vigie-memory.h"
#include "vigie-test-support.h"

/* Memory the app has freed goes back to the system: without it, a soak
 * of hours kept a third of its RSS free inside malloc (tools/run-soak). */

#define BLOCK_SIZE  (64 * 1024)    /* under glibc's mmap threshold: from the heap */
#define N_BLOCKS    1024           /* 64 MiB */
#define KEEP_EVERY  16             /* one block in 16 stays, pinning the holes between */
#define MIB         (1024 * 1024)

typedef struct
{
  gpointer blocks[N_BLOCKS];
  gsize    resident_freed;         /* RSS once the holes are freed */
} Heap;

static gsize
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
  fields = g_strsplit (statm, " ", -1);
  g_assert_cmpuint (g_strv_length (fields), >=, 2);

  return g_ascii_strtoull (fields[1], NULL, 10) * (gsize) sysconf (_SC_PAGESIZE);
}

/* Frees 60 MiB in holes between blocks still in use, the last block
 * included: the heap cannot shrink from its top, the memory stays. */
static void
heap_fragment (Heap *heap)
{
  gsize before = resident_bytes ();

  for (guint i = 0; i < N_BLOCKS; i++)
    {
      heap->blocks[i] = malloc (BLOCK_SIZE);
      g_assert_nonnull (heap->blocks[i]);
      memset (heap->blocks[i], 0x5a, BLOCK_SIZE);
    }
  for (guint i = 0; i < N_BLOCKS; i++)
    {
      if (i % KEEP_EVERY != KEEP_EVERY - 1)
        g_clear_pointer (&heap->blocks[i], free);
    }

  heap->resident_freed = resident_bytes ();
  /* What the test is about: malloc keeps what was freed. */
  g_assert_cmpuint (heap->resident_freed, >=, before + 48 * MIB);
}

static void
heap_clear (Heap *heap)
{
  for (guint i = 0; i < N_BLOCKS; i++)
    g_clear_pointer (&heap->blocks[i], free);
}

/* How many arenas malloc has: malloc_info() writes one <heap> each. */
static guint
count_arenas (void)
{
  g_autofree char *xml = NULL;
  gsize size = 0;
  FILE *file = open_memstream (&xml, &size);
  guint n = 0;

  g_assert_nonnull (file);
  g_assert_cmpint (malloc_info (0, file), ==, 0);
  fclose (file);

  for (const char *p = xml; (p = strstr (p, "<heap nr=")) != NULL; p++)
    n++;

  return n;
}

#define N_THREADS 6

typedef struct
{
  GMutex  lock;
  GCond   cond;
  guint   n_allocated;
  gboolean done;
} Meeting;

/* Each thread mallocs, then waits until all have: they are all alive,
 * each with its first block, when the arenas are counted. */
static gpointer
allocate_and_wait (gpointer data)
{
  Meeting *meeting = data;
  gpointer block = malloc (1024);

  g_assert_nonnull (block);
  memset (block, 1, 1024);

  g_mutex_lock (&meeting->lock);
  meeting->n_allocated++;
  g_cond_broadcast (&meeting->cond);
  while (!meeting->done)
    g_cond_wait (&meeting->cond, &meeting->lock);
  g_mutex_unlock (&meeting->lock);

  free (block);

  return NULL;
}

/* Threads share two arenas, not one each (set in main(), before any
 * thread exists, as the app does). */
static void
test_tune (void)
{
  Meeting meeting = { 0 };
  GThread *threads[N_THREADS];

  g_mutex_init (&meeting.lock);
  g_cond_init (&meeting.cond);
  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("arena", allocate_and_wait, &meeting);

  g_mutex_lock (&meeting.lock);
  while (meeting.n_allocated < N_THREADS)
    g_cond_wait (&meeting.cond, &meeting.lock);
  g_test_message ("%u arenas for %u threads and the main one", count_arenas (), N_THREADS);
  g_assert_cmpuint (count_arenas (), <=, 2);
  meeting.done = TRUE;
  g_cond_broadcast (&meeting.cond);
  g_mutex_unlock (&meeting.lock);

  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);
  g_mutex_clear (&meeting.lock);
  g_cond_clear (&meeting.cond);
}

/* A frame's image (a 1920 × 1080 window's, 8 MiB), freed, stays in the
 * heap for the next frame: given back at once, the next frame touched
 * its pages again, a fault each (bench-feed: the frame that draws an
 * update of 10,000 stations took twice the CPU). */
static void
test_frame_image_kept (void)
{
  const gsize size = 1920 * 1080 * 4;
  gsize in_use = 0, freed = 0;

  /* Frame after frame: glibc's first heap block behaves apart. */
  for (guint frame = 0; frame < 3; frame++)
    {
      guint8 *image = malloc (size);

      g_assert_nonnull (image);
      memset (image, 0x5a, size);
      in_use = resident_bytes ();
      free (image);
      freed = resident_bytes ();
      g_test_message ("RSS %zu KiB with the image, %zu KiB after it is freed", in_use / 1024, freed / 1024);
    }
  g_assert_cmpuint (freed + size / 2, >=, in_use);

  /* Still bounded: what is trimmed goes back. */
  vigie_memory_trim ();
  g_assert_cmpuint (resident_bytes () + size / 2, <=, in_use);
}

static void
test_trim (void)
{
  Heap heap = { 0 };

  heap_fragment (&heap);
  g_assert_true (vigie_memory_trim ());
  g_assert_cmpuint (resident_bytes (), <=, heap.resident_freed - 48 * MIB);

  /* Nothing is lost: the blocks kept are still there, whole. */
  for (guint i = KEEP_EVERY - 1; i < N_BLOCKS; i += KEEP_EVERY)
    g_assert_cmpint (((guint8 *) heap.blocks[i])[BLOCK_SIZE - 1], ==, 0x5a);
  heap_clear (&heap);
}

static void
test_trim_timeout (void)
{
  Heap heap = { 0 };
  guint id;

  heap_fragment (&heap);
  id = vigie_memory_add_trim_timeout (1);
  VIGIE_TEST_WAIT_UNTIL (resident_bytes () <= heap.resident_freed - 48 * MIB);
  g_source_remove (id);
  heap_clear (&heap);
}

int
main (int   argc,
      char *argv[])
{
  g_assert_true (vigie_memory_tune ());
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/memory/tune", test_tune);
  g_test_add_func ("/memory/frame-image-kept", test_frame_image_kept);
  g_test_add_func ("/memory/trim", test_trim);
  g_test_add_func ("/memory/trim-timeout", test_trim_timeout);

  return g_test_run ();
}
