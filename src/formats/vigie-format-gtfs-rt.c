/* vigie-format-gtfs-rt.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-gtfs-rt"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-formats.h"
#include "vigie-gtfs-rt-private.h"

/* GTFS-Realtime feeds in protobuf, decoded with the protobuf-c code that
 * protoc-c generates from Google's gtfs-realtime.proto at build time, or in
 * the protobuf's JSON mapping (vigie-gtfs-rt-json.c). What each message
 * becomes is in vigie-gtfs-rt-feed.c, vigie-gtfs-rt-trips.c and
 * vigie-gtfs-rt-alerts.c.
 *
 * Decoding allocates a few small blocks per field. With malloc and
 * free_unpacked, glibc gives the memory back to the kernel after each feed
 * and the next decode faults it all in again, ten times slower above ~3,000
 * vehicles (../shared/PERF.md). So the message is decoded into an arena
 * that each worker thread keeps and rewinds after each feed. */

/* The arena grows by blocks of at least this size. */
#define ARENA_MIN_BLOCK (64 * 1024)
/* A worker keeps its arena between feeds unless a feed made it this big. */
#define ARENA_MAX_KEPT (64 * 1024 * 1024)
#define ARENA_ALIGN 16

/*
 * Arena
 */

typedef struct _ArenaBlock ArenaBlock;

struct _ArenaBlock
{
  ArenaBlock *next;
  gsize       size;
  gsize       used;
  /* Data follows, aligned. */
};

struct _VigiePbArena
{
  ProtobufCAllocator  allocator;
  ArenaBlock         *blocks;     /* the current block first */
  gsize               n_used;     /* over all blocks, since the last reset */
};

#define ARENA_HEADER_SIZE ((sizeof (ArenaBlock) + ARENA_ALIGN - 1) & ~(gsize) (ARENA_ALIGN - 1))

static void vigie_pb_arena_free_thread (gpointer data);

static GPrivate thread_arena = G_PRIVATE_INIT (vigie_pb_arena_free_thread);

static ArenaBlock *
arena_block_new (gsize       size,
                 ArenaBlock *next)
{
  ArenaBlock *block = g_try_malloc (ARENA_HEADER_SIZE + size);

  if (block == NULL)
    return NULL;

  block->next = next;
  block->size = size;
  block->used = 0;

  return block;
}

static void *
arena_alloc (void   *allocator_data,
             size_t  size)
{
  VigiePbArena *self = allocator_data;
  ArenaBlock *block = self->blocks;
  guint8 *p;

  if (size > G_MAXSIZE / 2)
    return NULL;
  size = (size + ARENA_ALIGN - 1) & ~(gsize) (ARENA_ALIGN - 1);

  if (block == NULL || block->size - block->used < size)
    {
      gsize grown = block != NULL ? block->size * 2 : ARENA_MIN_BLOCK;

      if (!(block = arena_block_new (MAX (grown, size), self->blocks)))
        return NULL;
      self->blocks = block;
    }

  p = (guint8 *) block + ARENA_HEADER_SIZE + block->used;
  block->used += size;
  self->n_used += size;

  return p;
}

static void
arena_free (void *allocator_data,
            void *pointer)
{
  /* Everything goes at once, in vigie_pb_arena_reset(). */
}

static void
free_blocks (ArenaBlock *block)
{
  while (block != NULL)
    {
      ArenaBlock *next = block->next;

      g_free (block);
      block = next;
    }
}

/**
 * vigie_pb_arena_new:
 * @size_hint: how many bytes the first message will likely need (a decoded
 *   GTFS-Realtime feed takes about four times its encoded size), or 0
 *
 * Returns: (transfer full): a new arena
 */
VigiePbArena *
vigie_pb_arena_new (gsize size_hint)
{
  VigiePbArena *self = g_new0 (VigiePbArena, 1);

  self->allocator.alloc = arena_alloc;
  self->allocator.free = arena_free;
  self->allocator.allocator_data = self;

  if (size_hint > 0)
    self->blocks = arena_block_new (MAX (size_hint, ARENA_MIN_BLOCK), NULL);

  return self;
}

void
vigie_pb_arena_free (VigiePbArena *self)
{
  if (self == NULL)
    return;

  free_blocks (self->blocks);
  g_free (self);
}

static void
vigie_pb_arena_free_thread (gpointer data)
{
  vigie_pb_arena_free (data);
}

/**
 * vigie_pb_arena_reset:
 * @self: an arena
 *
 * Forgets every allocation. When the last message did not fit in one
 * block, the blocks are merged into one of the size it needed, so that
 * the next message of the same size is carved from memory already mapped.
 */
void
vigie_pb_arena_reset (VigiePbArena *self)
{
  g_return_if_fail (self != NULL);

  if (self->blocks != NULL && self->blocks->next != NULL)
    {
      gsize needed = self->n_used + self->n_used / 8;

      free_blocks (self->blocks);
      self->blocks = arena_block_new (MAX (needed, ARENA_MIN_BLOCK), NULL);
    }
  else if (self->blocks != NULL)
    self->blocks->used = 0;

  self->n_used = 0;
}

/**
 * vigie_pb_arena_get_allocator:
 * @self: an arena
 *
 * Returns: (transfer none): the allocator to hand to protobuf-c's unpack
 *   functions. Never call free_unpacked on what it decoded: reset the arena.
 */
ProtobufCAllocator *
vigie_pb_arena_get_allocator (VigiePbArena *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->allocator;
}

/**
 * vigie_pb_arena_get_capacity:
 * @self: an arena
 *
 * Returns: the bytes the arena holds, used or not
 */
gsize
vigie_pb_arena_get_capacity (VigiePbArena *self)
{
  gsize capacity = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (ArenaBlock *block = self->blocks; block != NULL; block = block->next)
    capacity += block->size;

  return capacity;
}


/*
 * Decoding
 */

/* Decodes @bytes with @allocator, or returns NULL when they are not a
 * FeedMessage with a header and a version. */
static TransitRealtime__FeedMessage *
decode (GBytes             *bytes,
        ProtobufCAllocator *allocator)
{
  TransitRealtime__FeedMessage *message;
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  /* Read by hand when it can, else by protobuf-c: the same result. */
  message = allocator != NULL ? vigie_gtfs_rt_wire_decode (data, size, allocator) : NULL;
  if (message == NULL)
    message = transit_realtime__feed_message__unpack (allocator, size, data);
  if (message == NULL)
    return NULL;

  /* protobuf-c checks required fields, but an empty version is no version. */
  if (message->header == NULL || message->header->gtfs_realtime_version == NULL ||
      *message->header->gtfs_realtime_version == '\0')
    {
      if (allocator == NULL)
        transit_realtime__feed_message__free_unpacked (message, NULL);
      return NULL;
    }

  return message;
}

static VigiePbArena *
get_thread_arena (gsize size_hint)
{
  VigiePbArena *arena = g_private_get (&thread_arena);

  if (arena == NULL)
    {
      arena = vigie_pb_arena_new (size_hint);
      g_private_set (&thread_arena, arena);
    }

  return arena;
}

static void
release_thread_arena (VigiePbArena *arena)
{
  vigie_pb_arena_reset (arena);

  /* One huge feed must not pin its memory to a worker for ever. */
  if (vigie_pb_arena_get_capacity (arena) > ARENA_MAX_KEPT)
    g_private_replace (&thread_arena, NULL);
}

/*
 * Public API
 */

/**
 * vigie_gtfs_rt_parse:
 * @bytes: a GTFS-Realtime FeedMessage, in protobuf or in its JSON mapping
 * @context: (nullable): the time and language to parse with
 * @allocation: where to decode the message
 * @error: where to put why @bytes are not a feed
 *
 * What vigie_format_gtfs_rt's parse() does with
 * %VIGIE_GTFS_RT_ARENA_PER_THREAD; the other choices are for comparing.
 *
 * Returns: (transfer full) (nullable): the vehicles, stops and alerts
 */
VigieSnapshot *
vigie_gtfs_rt_parse (GBytes                   *bytes,
                     const VigieParseContext  *context,
                     VigieGtfsRtAllocation     allocation,
                     GError                  **error)
{
  g_autoptr(VigiePbArena) call_arena = NULL;
  VigiePbArena *arena = NULL;
  TransitRealtime__FeedMessage *message;
  VigieSnapshot *snapshot = NULL;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  size = g_bytes_get_size (bytes);
  if (size == 0)
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_EMPTY,
                           _("The document is empty"));
      return NULL;
    }

  switch (allocation)
    {
    case VIGIE_GTFS_RT_ARENA_PER_THREAD:
      arena = get_thread_arena (size * 4);
      break;
    case VIGIE_GTFS_RT_ARENA_PER_CALL:
      arena = call_arena = vigie_pb_arena_new (size * 4);
      break;
    case VIGIE_GTFS_RT_MALLOC:
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  message = decode (bytes, arena != NULL ? vigie_pb_arena_get_allocator (arena) : NULL);
  if (message != NULL)
    {
      snapshot = vigie_gtfs_rt_read_feed (message, context);
      if (arena == NULL)
        transit_realtime__feed_message__free_unpacked (message, NULL);
    }
  else if (vigie_gtfs_rt_json_sniff (bytes))
    {
      /* JSON is always decoded into an arena, which frees it at once. */
      if (arena == NULL)
        arena = call_arena = vigie_pb_arena_new (size);
      message = vigie_gtfs_rt_json_decode (bytes, vigie_pb_arena_get_allocator (arena), error);
      if (message != NULL)
        snapshot = vigie_gtfs_rt_read_feed (message, context);
    }
  else
    g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                         _("The document is not a GTFS-Realtime feed: it does not decode as a FeedMessage"));

  if (arena != NULL && arena != call_arena)
    release_thread_arena (arena);

  return snapshot;
}

/*
 * Format implementation
 */

static VigieSnapshot *
gtfs_rt_parse (const char              *role,
               GBytes                  *bytes,
               const VigieParseContext *context,
               GError                 **error)
{
  return vigie_gtfs_rt_parse (bytes, context, VIGIE_GTFS_RT_ARENA_PER_THREAD, error);
}

static gboolean
gtfs_rt_sniff (const char *content_type,
               GBytes     *bytes)
{
  gsize size = g_bytes_get_size (bytes);
  VigiePbArena *arena;
  gboolean is_feed;

  if (size == 0)
    return FALSE;

  arena = get_thread_arena (size * 4);
  is_feed = decode (bytes, vigie_pb_arena_get_allocator (arena)) != NULL;
  release_thread_arena (arena);

  return is_feed || vigie_gtfs_rt_json_sniff (bytes);
}

const VigieFormat vigie_format_gtfs_rt = {
  .id = "gtfs-rt",
  .name = N_("GTFS-Realtime"),
  .default_kind = VIGIE_FEED_KIND_TRAMS,
  .min_interval_s = 5,
  .parse = gtfs_rt_parse,
  .sniff = gtfs_rt_sniff,
};
