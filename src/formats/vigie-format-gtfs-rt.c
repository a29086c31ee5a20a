/* vigie-format-gtfs-rt.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-gtfs-rt"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-clock.h"
#include "vigie-entity.h"
#include "vigie-format-gtfs-rt.h"
#include "vigie-formats.h"
#include "vigie-snapshot.h"

/* GTFS-Realtime VehiclePositions, decoded with the protobuf-c code that
 * protoc-c generates from Google's gtfs-realtime.proto at build time.
 * TripUpdates and Alerts in the same feed are left alone.
 *
 * Each VehiclePosition becomes a VIGIE_ENTITY_VEHICLE whose id is
 * vehicle.id, else vehicle.label, else the entity's id, and whose name is
 * vehicle.label. Its values (each present only when the feed has it):
 *
 *   trip_id                s   trip.trip_id
 *   route_id               s   trip.route_id
 *   direction_id           u   trip.direction_id
 *   start_date             s   trip.start_date, "YYYYMMDD"
 *   start_time             s   trip.start_time, "HH:MM:SS" (may pass 24:00)
 *   schedule_relationship  s   scheduled, added, unscheduled, canceled,
 *                              replacement, duplicated, deleted, new
 *   vehicle_label          s   vehicle.label
 *   bearing                d   degrees clockwise from north, in [0, 360)
 *   speed                  d   metres per second
 *   current_stop_sequence  u
 *   stop_id                s
 *   current_status         s   incoming_at, stopped_at, in_transit_to
 *   occupancy_status       s   empty, many_seats_available,
 *                              few_seats_available, standing_room_only,
 *                              crushed_standing_room_only, full,
 *                              not_accepting_passengers, no_data_available,
 *                              not_boardable
 *   occupancy_percentage   u
 *   age_unknown            b   always there: TRUE when the vehicle had no
 *                              timestamp of its own and got the header's
 *   source                 s   always "realtime" (timetable positions say
 *                              "schedule")
 *
 * Every optional field is read only when its has_ flag (or pointer) says it
 * is there: a missing field is absent from the values, never a zero.
 * Records that cannot be placed or dated are skipped with a warning, never
 * the whole feed: positions at (0, 0) (validator error E028) or outside
 * WGS 84, timestamps more than 5 minutes ahead of now or more than a day
 * old. Timestamps in milliseconds, a common producer bug, are read as such.
 * A vehicle in two entities keeps its newest position.
 *
 * Decoding allocates a few small blocks per field. With malloc and
 * free_unpacked, glibc gives the memory back to the kernel after each feed
 * and the next decode faults it all in again, ten times slower above ~3,000
 * vehicles (../shared/PERF.md). So the message is decoded into an arena
 * that each worker thread keeps and rewinds after each feed. */

/* How far ahead of our clock a timestamp may be: clocks drift. */
#define MAX_AHEAD_S (5 * 60)
/* Older than this is a stuck or broken clock, not a late tram. */
#define MAX_AGE_S (24 * 60 * 60)
/* Any timestamp past the year 5000 in seconds is in milliseconds. */
#define MILLISECONDS_THRESHOLD G_GUINT64_CONSTANT (95617584000)

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

typedef struct
{
  char        *id;
  VigieEntity *entity;
} Pending;

static const char * const schedule_relationships[] = {
  "scheduled", "added", "unscheduled", "canceled", NULL, "replacement",
  "duplicated", "deleted", "new",
};

static const char * const stop_statuses[] = {
  "incoming_at", "stopped_at", "in_transit_to",
};

static const char * const occupancy_statuses[] = {
  "empty", "many_seats_available", "few_seats_available", "standing_room_only",
  "crushed_standing_room_only", "full", "not_accepting_passengers",
  "no_data_available", "not_boardable",
};

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

/* protobuf-c does not check that strings are UTF-8, and GVariant insists. */
static char *
dup_text (const char *text)
{
  if (text == NULL || *text == '\0')
    return NULL;

  if (g_utf8_validate (text, -1, NULL))
    return g_strdup (text);

  return g_utf8_make_valid (text, -1);
}

/*
 * Values
 */

/* Values are put together by hand rather than with GVariantBuilder and
 * "{sv}" format strings, and their keys and constant strings are made
 * once: at 5,000 vehicles of 15 values each, parsing format strings and
 * copying the same keys again took most of parse()'s time. */
typedef enum
{
  KEY_TRIP_ID,
  KEY_ROUTE_ID,
  KEY_DIRECTION_ID,
  KEY_START_DATE,
  KEY_START_TIME,
  KEY_SCHEDULE_RELATIONSHIP,
  KEY_VEHICLE_LABEL,
  KEY_BEARING,
  KEY_SPEED,
  KEY_CURRENT_STOP_SEQUENCE,
  KEY_STOP_ID,
  KEY_CURRENT_STATUS,
  KEY_OCCUPANCY_STATUS,
  KEY_OCCUPANCY_PERCENTAGE,
  KEY_AGE_UNKNOWN,
  KEY_SOURCE,
  N_KEYS
} Key;

static const char * const key_names[N_KEYS] = {
  "trip_id", "route_id", "direction_id", "start_date", "start_time",
  "schedule_relationship", "vehicle_label", "bearing", "speed",
  "current_stop_sequence", "stop_id", "current_status", "occupancy_status",
  "occupancy_percentage", "age_unknown", "source",
};

typedef struct
{
  GVariant *keys[N_KEYS];
  GVariant *schedule_relationships[G_N_ELEMENTS (schedule_relationships)];
  GVariant *stop_statuses[G_N_ELEMENTS (stop_statuses)];
  GVariant *occupancy_statuses[G_N_ELEMENTS (occupancy_statuses)];
  GVariant *booleans[2];
  GVariant *realtime;
} Constants;

typedef struct
{
  GVariant *entries[N_KEYS];
  guint     n_entries;
} Values;

static void
make_constant_strings (GVariant           **variants,
                       const char * const  *strings,
                       guint                n_strings)
{
  for (guint i = 0; i < n_strings; i++)
    variants[i] = strings[i] != NULL ? g_variant_ref_sink (g_variant_new_string (strings[i])) : NULL;
}

/* Made once, kept for the life of the process, shared by every thread:
 * GVariants are immutable. */
static const Constants *
get_constants (void)
{
  static Constants constants;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      make_constant_strings (constants.keys, key_names, N_KEYS);
      make_constant_strings (constants.schedule_relationships, schedule_relationships,
                             G_N_ELEMENTS (schedule_relationships));
      make_constant_strings (constants.stop_statuses, stop_statuses, G_N_ELEMENTS (stop_statuses));
      make_constant_strings (constants.occupancy_statuses, occupancy_statuses,
                             G_N_ELEMENTS (occupancy_statuses));
      constants.booleans[0] = g_variant_ref_sink (g_variant_new_boolean (FALSE));
      constants.booleans[1] = g_variant_ref_sink (g_variant_new_boolean (TRUE));
      constants.realtime = g_variant_ref_sink (g_variant_new_string ("realtime"));
      g_once_init_leave (&initialized, 1);
    }

  return &constants;
}

static void
values_add (Values   *values,
            Key       key,
            GVariant *value)
{
  g_assert (values->n_entries < N_KEYS);

  values->entries[values->n_entries++] =
    g_variant_new_dict_entry (get_constants ()->keys[key], g_variant_new_variant (value));
}

static void
add_string (Values     *values,
            Key         key,
            const char *text)
{
  char *valid = dup_text (text);

  if (valid != NULL)
    values_add (values, key, g_variant_new_take_string (valid));
}

static void
add_name (Values    *values,
          Key        key,
          GVariant **names,
          guint      n_names,
          int        value)
{
  if (value >= 0 && (guint) value < n_names && names[value] != NULL)
    values_add (values, key, names[value]);
}

/*
 * Reading the feed
 */

typedef enum
{
  TIME_OK,
  TIME_AHEAD,
  TIME_TOO_OLD,
} TimeProblem;

static TimeProblem
check_time (guint64   raw,
            gint64    now,
            gboolean *in_milliseconds,
            gint64   *unix_time)
{
  if (raw > MILLISECONDS_THRESHOLD)
    {
      raw /= 1000;
      *in_milliseconds = TRUE;
    }

  if (raw > (guint64) (now + MAX_AHEAD_S))
    return TIME_AHEAD;
  if ((gint64) raw < now - MAX_AGE_S)
    return TIME_TOO_OLD;

  *unix_time = (gint64) raw;
  return TIME_OK;
}

static char *
dup_vehicle_id (TransitRealtime__FeedEntity *entity)
{
  TransitRealtime__VehiclePosition *position = entity->vehicle;
  char *id = NULL;

  if (position != NULL && position->vehicle != NULL)
    {
      if ((id = dup_text (position->vehicle->id)) == NULL)
        id = dup_text (position->vehicle->label);
    }

  if (id == NULL)
    id = dup_text (entity->id);

  return id;
}

static void
add_trip (Values                          *values,
          TransitRealtime__TripDescriptor *trip)
{
  const Constants *constants = get_constants ();

  if (trip == NULL)
    return;

  add_string (values, KEY_TRIP_ID, trip->trip_id);
  add_string (values, KEY_ROUTE_ID, trip->route_id);
  if (trip->has_direction_id)
    values_add (values, KEY_DIRECTION_ID, g_variant_new_uint32 (trip->direction_id));
  add_string (values, KEY_START_DATE, trip->start_date);
  add_string (values, KEY_START_TIME, trip->start_time);
  if (trip->has_schedule_relationship)
    add_name (values, KEY_SCHEDULE_RELATIONSHIP,
              (GVariant **) constants->schedule_relationships,
              G_N_ELEMENTS (constants->schedule_relationships),
              trip->schedule_relationship);
}

static GVariant *
make_values (TransitRealtime__VehiclePosition *vehicle,
             gboolean                          age_unknown)
{
  const Constants *constants = get_constants ();
  TransitRealtime__Position *position = vehicle->position;
  Values values = { { NULL, }, 0 };
  GVariant *result;

  add_trip (&values, vehicle->trip);
  if (vehicle->vehicle != NULL)
    add_string (&values, KEY_VEHICLE_LABEL, vehicle->vehicle->label);

  if (position->has_bearing && isfinite (position->bearing))
    {
      double bearing = fmod (position->bearing, 360.0);

      if (bearing < 0)
        bearing += 360.0;
      values_add (&values, KEY_BEARING, g_variant_new_double (bearing));
    }
  if (position->has_speed && isfinite (position->speed) && position->speed >= 0)
    values_add (&values, KEY_SPEED, g_variant_new_double (position->speed));

  if (vehicle->has_current_stop_sequence)
    values_add (&values, KEY_CURRENT_STOP_SEQUENCE, g_variant_new_uint32 (vehicle->current_stop_sequence));
  add_string (&values, KEY_STOP_ID, vehicle->stop_id);

  /* The status is about the current stop: without one it means nothing,
   * and with one but no status the spec says IN_TRANSIT_TO. */
  if (vehicle->has_current_status)
    add_name (&values, KEY_CURRENT_STATUS,
              (GVariant **) constants->stop_statuses, G_N_ELEMENTS (constants->stop_statuses),
              vehicle->current_status);
  else if (vehicle->has_current_stop_sequence || (vehicle->stop_id != NULL && *vehicle->stop_id != '\0'))
    values_add (&values, KEY_CURRENT_STATUS,
                constants->stop_statuses[TRANSIT_REALTIME__VEHICLE_POSITION__VEHICLE_STOP_STATUS__IN_TRANSIT_TO]);

  if (vehicle->has_occupancy_status)
    add_name (&values, KEY_OCCUPANCY_STATUS,
              (GVariant **) constants->occupancy_statuses, G_N_ELEMENTS (constants->occupancy_statuses),
              vehicle->occupancy_status);
  if (vehicle->has_occupancy_percentage)
    values_add (&values, KEY_OCCUPANCY_PERCENTAGE, g_variant_new_uint32 (vehicle->occupancy_percentage));

  values_add (&values, KEY_AGE_UNKNOWN, constants->booleans[age_unknown ? 1 : 0]);
  values_add (&values, KEY_SOURCE, constants->realtime);

  result = g_variant_new_array (G_VARIANT_TYPE ("{sv}"), values.entries, values.n_entries);

  /* Serialized here, in the worker, and not on the main thread when the
   * store first compares it; the tree of small values is freed now too. */
  g_variant_get_data (result);

  return result;
}

static void
add_removed (VigieSnapshot               *snapshot,
             TransitRealtime__FeedEntity *entity)
{
  g_autofree char *vehicle_id = dup_vehicle_id (entity);
  g_autofree char *entity_id = dup_text (entity->id);

  /* A deletion often carries the entity id alone, while the vehicle was
   * shown under its vehicle id: remove under both, a miss costs nothing. */
  if (vehicle_id != NULL)
    vigie_snapshot_add_removed (snapshot, VIGIE_ENTITY_VEHICLE, vehicle_id);
  if (entity_id != NULL && g_strcmp0 (entity_id, vehicle_id) != 0)
    vigie_snapshot_add_removed (snapshot, VIGIE_ENTITY_VEHICLE, entity_id);
}

static gboolean
check_position (VigieSnapshot             *snapshot,
                const char                *id,
                TransitRealtime__Position *position)
{
  if (position == NULL)
    {
      vigie_snapshot_add_warning (snapshot, _("Vehicle %s has no position: skipped"), id);
      return FALSE;
    }

  if (!isfinite (position->latitude) || !isfinite (position->longitude) ||
      fabsf (position->latitude) > 90.0f || fabsf (position->longitude) > 180.0f)
    {
      vigie_snapshot_add_warning (snapshot, _("Vehicle %s has an impossible position: skipped"), id);
      return FALSE;
    }

  if (position->latitude == 0.0f && position->longitude == 0.0f)
    {
      vigie_snapshot_add_warning (snapshot, _("Vehicle %s is at latitude 0, longitude 0: skipped"), id);
      return FALSE;
    }

  return TRUE;
}

static void
keep_newest (GArray        *pending,
             GHashTable    *by_id,
             VigieSnapshot *snapshot,
             char          *id,
             VigieEntity   *entity)
{
  gpointer index;

  if (g_hash_table_lookup_extended (by_id, id, NULL, &index))
    {
      Pending *earlier = &g_array_index (pending, Pending, GPOINTER_TO_UINT (index));

      vigie_snapshot_add_warning (snapshot, _("Vehicle %s appears more than once: its newest position is kept"), id);

      if (vigie_entity_get_observed_at (entity) >= vigie_entity_get_observed_at (earlier->entity))
        {
          g_object_unref (earlier->entity);
          earlier->entity = entity;
        }
      else
        g_object_unref (entity);

      g_free (id);
      return;
    }

  g_hash_table_insert (by_id, id, GUINT_TO_POINTER (pending->len));
  g_array_append_val (pending, ((Pending) { id, entity }));
}

static void
clear_pending (gpointer data)
{
  Pending *p = data;

  g_free (p->id);
  g_clear_object (&p->entity);
}

static VigieSnapshot *
read_feed (TransitRealtime__FeedMessage *message,
           const VigieParseContext      *context)
{
  TransitRealtime__FeedHeader *header = message->header;
  g_autoptr(VigieSnapshot) snapshot = vigie_format_new_snapshot (context);
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean in_milliseconds = FALSE;
  gboolean incremental;
  gint64 now = context != NULL && context->now > 0 ? context->now : vigie_clock_now ();
  gint64 feed_time = 0;
  guint n_records = 0;

  g_array_set_clear_func (pending, clear_pending);

  incremental = header->has_incrementality &&
                header->incrementality == TRANSIT_REALTIME__FEED_HEADER__INCREMENTALITY__DIFFERENTIAL;
  vigie_snapshot_set_incremental (snapshot, incremental);

  if (!header->has_timestamp)
    vigie_snapshot_add_warning (snapshot, _("The feed header has no timestamp"));
  else
    {
      switch (check_time (header->timestamp, now, &in_milliseconds, &feed_time))
        {
        case TIME_OK:
          vigie_snapshot_set_observed_at (snapshot, feed_time);
          break;
        case TIME_AHEAD:
          vigie_snapshot_add_warning (snapshot, _("The feed header’s timestamp is in the future: ignored"));
          break;
        case TIME_TOO_OLD:
          vigie_snapshot_add_warning (snapshot, _("The feed header’s timestamp is more than a day old: ignored"));
          break;
        default:
          g_assert_not_reached ();
        }
    }

  for (gsize i = 0; i < message->n_entity; i++)
    {
      TransitRealtime__FeedEntity *entity = message->entity[i];
      TransitRealtime__VehiclePosition *vehicle;
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;
      VigieEntity *result;
      gboolean age_unknown = FALSE;
      gint64 observed_at = 0;

      if (entity->has_is_deleted && entity->is_deleted)
        {
          /* In a full dataset, a deleted entity is simply not there. */
          if (incremental)
            add_removed (snapshot, entity);
          continue;
        }

      /* Trip updates and alerts are for other readers. */
      if ((vehicle = entity->vehicle) == NULL)
        continue;

      n_records++;

      if (!(id = dup_vehicle_id (entity)))
        {
          vigie_snapshot_add_warning (snapshot, _("Entity %zu has no id: skipped"), i + 1);
          continue;
        }

      if (!check_position (snapshot, id, vehicle->position))
        continue;

      if (vehicle->has_timestamp)
        {
          switch (check_time (vehicle->timestamp, now, &in_milliseconds, &observed_at))
            {
            case TIME_OK:
              break;
            case TIME_AHEAD:
              vigie_snapshot_add_warning (snapshot, _("Vehicle %s has a timestamp in the future: skipped"), id);
              continue;
            case TIME_TOO_OLD:
              vigie_snapshot_add_warning (snapshot, _("Vehicle %s has a timestamp more than a day old: skipped"), id);
              continue;
            default:
              g_assert_not_reached ();
            }
        }
      else
        {
          /* Validator warning W001. The feed's own time is the best guess,
           * but the position may be older: say so. */
          age_unknown = TRUE;
          observed_at = feed_time > 0 ? feed_time : now;
        }

      if (vehicle->vehicle != NULL)
        name = dup_text (vehicle->vehicle->label);

      result = vigie_entity_new (VIGIE_ENTITY_VEHICLE, id, name,
                                     vehicle->position->latitude,
                                     vehicle->position->longitude,
                                     observed_at,
                                     make_values (vehicle, age_unknown));
      keep_newest (pending, by_id, snapshot, g_steal_pointer (&id), result);
    }

  if (in_milliseconds)
    vigie_snapshot_add_warning (snapshot, _("The feed gives timestamps in milliseconds instead of seconds"));

  vigie_snapshot_add_records (snapshot, n_records);

  for (guint i = 0; i < pending->len; i++)
    {
      Pending *p = &g_array_index (pending, Pending, i);

      vigie_snapshot_add_entity (snapshot, g_steal_pointer (&p->entity));
    }

  return g_steal_pointer (&snapshot);
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
 * @bytes: a GTFS-Realtime FeedMessage
 * @context: (nullable): the time and language to parse with
 * @allocation: where to decode the message
 * @error: where to put why @bytes are not a feed
 *
 * What vigie_format_gtfs_rt's parse() does with
 * %VIGIE_GTFS_RT_ARENA_PER_THREAD; the other choices are for comparing.
 *
 * Returns: (transfer full) (nullable): the vehicles
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
  if (message == NULL)
    g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                         _("The document is not a GTFS-Realtime feed: it does not decode as a FeedMessage"));
  else
    snapshot = read_feed (message, context);

  if (arena == NULL && message != NULL)
    transit_realtime__feed_message__free_unpacked (message, NULL);
  else if (allocation == VIGIE_GTFS_RT_ARENA_PER_THREAD)
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

  return is_feed;
}

const VigieFormat vigie_format_gtfs_rt = {
  .id = "gtfs-rt",
  .name = N_("GTFS-Realtime vehicle positions"),
  .default_kind = VIGIE_FEED_KIND_TRAMS,
  .min_interval_s = 5,
  .parse = gtfs_rt_parse,
  .sniff = gtfs_rt_sniff,
};
