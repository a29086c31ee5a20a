/* vigie-format-gtfs-rt.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <protobuf-c/protobuf-c.h>

#include "gtfs-realtime.pb-c.h"
#include "vigie-format.h"

G_BEGIN_DECLS

/* What the GTFS-Realtime reader exposes beyond vigie_format_gtfs_rt: the
 * decoding arena (for the simulator and the benchmark) and a parse that
 * says where the decoded message lives, to compare the choices. */

/* A bump allocator for protobuf-c: allocations are carved from one block
 * and nothing is freed until vigie_pb_arena_reset(), which keeps the block
 * (grown to what the last message needed) for the next one. */
typedef struct _VigiePbArena VigiePbArena;

VigiePbArena       *vigie_pb_arena_new           (gsize         size_hint);
void                vigie_pb_arena_free          (VigiePbArena *self);
void                vigie_pb_arena_reset         (VigiePbArena *self);
ProtobufCAllocator *vigie_pb_arena_get_allocator (VigiePbArena *self);
gsize               vigie_pb_arena_get_capacity  (VigiePbArena *self);

typedef enum
{
  VIGIE_GTFS_RT_ARENA_PER_THREAD,  /* what the format does: one kept per worker thread */
  VIGIE_GTFS_RT_ARENA_PER_CALL,    /* a new arena sized from the document, freed after */
  VIGIE_GTFS_RT_MALLOC,            /* protobuf-c's default allocator and free_unpacked */
} VigieGtfsRtAllocation;

VigieSnapshot      *vigie_gtfs_rt_parse          (GBytes                   *bytes,
                                                  const VigieParseContext  *context,
                                                  VigieGtfsRtAllocation     allocation,
                                                  GError                  **error);

/* What a feed's TripUpdates say of a trip (vigie-gtfs-rt-trips.c), for
 * the GTFS format to put on the vehicles of another document. */
gboolean            vigie_gtfs_rt_lookup_trip    (VigieSnapshot            *snapshot,
                                                  const char               *trip_id,
                                                  gint64                   *delay_s,
                                                  gboolean                 *canceled);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigiePbArena, vigie_pb_arena_free)

G_END_DECLS
