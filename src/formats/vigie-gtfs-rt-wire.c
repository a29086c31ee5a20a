/* vigie-gtfs-rt-wire.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-gtfs-rt"

#include "config.h"

#include <string.h>

#include "vigie-gtfs-rt-private.h"

/* protobuf-c's unpack reads any message from its descriptors: general,
 * and most of parse()'s time at 5,000 vehicles. Vehicle positions, the
 * bulk of a feed, are read here by hand, straight from the wire into the
 * same structures, in the same arena; the header, trip updates and alerts
 * are handed to protobuf-c, one submessage at a time. Anything this
 * reader does not know for certain (a field it does not read that the
 * descriptors know, a singular field given twice, which protobuf merges,
 * a missing required field, a malformed byte) makes it give up, and the
 * caller decodes the whole message with protobuf-c, which then decides.
 * So the result is protobuf-c's, or the same thing sooner; a test
 * compares the two on every fixture and on damaged copies of them. */

/* Some ten allocations a vehicle, each a call through the allocator:
 * they are carved here from chunks asked of it, a few dozen a feed. */
#define CHUNK_SIZE (64 * 1024)

typedef struct
{
  ProtobufCAllocator *allocator;
  guint8             *next;
  guint8             *end;
} Carver;

typedef struct
{
  const guint8       *p;
  const guint8       *end;
  Carver             *carver;
} Reader;

enum
{
  WIRE_VARINT = 0,
  WIRE_64BIT  = 1,
  WIRE_LENGTH = 2,
  WIRE_32BIT  = 5,
};

/* At most @max_bytes bytes: ten for a value; five for a tag or a length
 * prefix, as protobuf-c refuses longer ones (a length padded to ten bytes
 * would be read here and refused there). */
static gboolean
read_varint_max (Reader  *r,
                 guint64 *value,
                 guint    max_bytes)
{
  guint64 v = 0;

  for (guint shift = 0; shift < 7 * max_bytes && r->p < r->end; shift += 7)
    {
      guint8 byte = *r->p++;

      v |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        {
          *value = v;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
read_varint (Reader  *r,
             guint64 *value)
{
  return read_varint_max (r, value, 10);
}

/* A field's number and wire type; FALSE at the end or on a bad tag. */
static gboolean
read_tag (Reader  *r,
          guint32 *number,
          guint   *wire)
{
  guint64 tag;

  if (r->p >= r->end || !read_varint_max (r, &tag, 5) || (tag >> 3) == 0 || (tag >> 3) > G_MAXINT32)
    return FALSE;

  *number = (guint32) (tag >> 3);
  *wire = tag & 7;
  return TRUE;
}

static gboolean
read_length (Reader       *r,
             const guint8 **data,
             gsize         *length)
{
  guint64 n;

  if (!read_varint_max (r, &n, 5) || n > (guint64) (r->end - r->p))
    return FALSE;

  *data = r->p;
  *length = (gsize) n;
  r->p += n;
  return TRUE;
}

static gboolean
read_fixed32 (Reader *r,
              float  *value)
{
  guint32 bits;

  if (r->end - r->p < 4)
    return FALSE;
  bits = (guint32) r->p[0] | (guint32) r->p[1] << 8 | (guint32) r->p[2] << 16 | (guint32) r->p[3] << 24;
  memcpy (value, &bits, sizeof bits);
  r->p += 4;
  return TRUE;
}

static gboolean
read_fixed64 (Reader *r,
              double *value)
{
  guint64 bits = 0;

  if (r->end - r->p < 8)
    return FALSE;
  for (int i = 7; i >= 0; i--)
    bits = bits << 8 | r->p[i];
  memcpy (value, &bits, sizeof bits);
  r->p += 8;
  return TRUE;
}

/* A field this reader does not want, of a number the descriptors do not
 * know either: protobuf-c keeps it aside, nobody reads it. */
static gboolean
skip_field (Reader *r,
            guint   wire)
{
  const guint8 *data;
  guint64 value;
  gsize length;

  switch (wire)
    {
    case WIRE_VARINT:
      return read_varint (r, &value);
    case WIRE_64BIT:
      if (r->end - r->p < 8)
        return FALSE;
      r->p += 8;
      return TRUE;
    case WIRE_LENGTH:
      return read_length (r, &data, &length);
    case WIRE_32BIT:
      if (r->end - r->p < 4)
        return FALSE;
      r->p += 4;
      return TRUE;
    default:
      /* Groups: left to protobuf-c. */
      return FALSE;
    }
}

static gboolean
is_unknown (const ProtobufCMessageDescriptor *descriptor,
            guint32                           number)
{
  return protobuf_c_message_descriptor_get_field (descriptor, number) == NULL;
}

/* @size bytes aligned on @align (a power of two), never freed alone: the
 * allocator is an arena. */
static gpointer
carve (Carver *c,
       gsize   size,
       gsize   align)
{
  gsize pad = (gsize) (-(guintptr) c->next) & (align - 1);
  guint8 *chunk;

  if (G_LIKELY (c->next != NULL && (gsize) (c->end - c->next) >= pad &&
                (gsize) (c->end - c->next) - pad >= size))
    {
      guint8 *p = c->next + pad;

      c->next = p + size;
      return p;
    }

  /* A large one on its own (the allocator aligns what it gives). */
  if (size > CHUNK_SIZE / 4)
    return c->allocator->alloc (c->allocator->allocator_data, size);

  if ((chunk = c->allocator->alloc (c->allocator->allocator_data, CHUNK_SIZE)) == NULL)
    return NULL;
  c->next = chunk + size;
  c->end = chunk + CHUNK_SIZE;
  return chunk;
}

/* Not zeroed: each message's __init() that follows sets every byte. */
static gpointer
alloc (Reader *r,
       gsize   size)
{
  return carve (r->carver, size, 8);
}

/* A string once: protobuf-c copies it, NUL-terminated, into the arena. */
static gboolean
read_string (Reader  *r,
             char   **value)
{
  const guint8 *data;
  gsize length;
  char *copy;

  if (*value != NULL || !read_length (r, &data, &length) ||
      (copy = carve (r->carver, length + 1, 1)) == NULL)
    return FALSE;

  memcpy (copy, data, length);
  copy[length] = '\0';
  *value = copy;
  return TRUE;
}

/* A scalar once: given twice, protobuf-c keeps the last; left to it. */
static gboolean
read_uint (Reader             *r,
           guint               wire,
           protobuf_c_boolean *has,
           guint64            *value)
{
  if (wire != WIRE_VARINT || *has)
    return FALSE;
  *has = TRUE;
  return read_varint (r, value);
}

static gboolean
read_float (Reader             *r,
            guint               wire,
            protobuf_c_boolean *has,
            float              *value)
{
  if (wire != WIRE_32BIT || *has)
    return FALSE;
  *has = TRUE;
  return read_fixed32 (r, value);
}

static gboolean
read_position (Reader                     *r,
               TransitRealtime__Position **out)
{
  TransitRealtime__Position *position;
  protobuf_c_boolean has_latitude = FALSE, has_longitude = FALSE;
  guint32 number;
  guint wire;

  if (*out != NULL || (position = alloc (r, sizeof *position)) == NULL)
    return FALSE;
  transit_realtime__position__init (position);

  while (r->p < r->end)
    {
      gboolean ok;

      if (!read_tag (r, &number, &wire))
        return FALSE;
      switch (number)
        {
        case 1: ok = read_float (r, wire, &has_latitude, &position->latitude); break;
        case 2: ok = read_float (r, wire, &has_longitude, &position->longitude); break;
        case 3: ok = read_float (r, wire, &position->has_bearing, &position->bearing); break;
        case 4:
          ok = wire == WIRE_64BIT && !position->has_odometer && read_fixed64 (r, &position->odometer);
          position->has_odometer = TRUE;
          break;
        case 5: ok = read_float (r, wire, &position->has_speed, &position->speed); break;
        default:
          ok = is_unknown (&transit_realtime__position__descriptor, number) && skip_field (r, wire);
        }
      if (!ok)
        return FALSE;
    }

  /* Both are required: protobuf-c refuses the whole message. */
  if (!has_latitude || !has_longitude)
    return FALSE;

  *out = position;
  return TRUE;
}

static gboolean
read_trip (Reader                           *r,
           TransitRealtime__TripDescriptor **out)
{
  TransitRealtime__TripDescriptor *trip;
  guint32 number;
  guint wire;
  guint64 value = 0;

  if (*out != NULL || (trip = alloc (r, sizeof *trip)) == NULL)
    return FALSE;
  transit_realtime__trip_descriptor__init (trip);

  while (r->p < r->end)
    {
      gboolean ok;

      if (!read_tag (r, &number, &wire))
        return FALSE;
      switch (number)
        {
        case 1: ok = wire == WIRE_LENGTH && read_string (r, &trip->trip_id); break;
        case 2: ok = wire == WIRE_LENGTH && read_string (r, &trip->start_time); break;
        case 3: ok = wire == WIRE_LENGTH && read_string (r, &trip->start_date); break;
        case 4:
          ok = read_uint (r, wire, &trip->has_schedule_relationship, &value);
          trip->schedule_relationship = (int32_t) value;
          break;
        case 5: ok = wire == WIRE_LENGTH && read_string (r, &trip->route_id); break;
        case 6:
          ok = read_uint (r, wire, &trip->has_direction_id, &value);
          trip->direction_id = (uint32_t) value;
          break;
        default:
          ok = is_unknown (&transit_realtime__trip_descriptor__descriptor, number) && skip_field (r, wire);
        }
      if (!ok)
        return FALSE;
    }

  *out = trip;
  return TRUE;
}

static gboolean
read_vehicle_descriptor (Reader                              *r,
                         TransitRealtime__VehicleDescriptor **out)
{
  TransitRealtime__VehicleDescriptor *vehicle;
  guint32 number;
  guint wire;
  guint64 value = 0;

  if (*out != NULL || (vehicle = alloc (r, sizeof *vehicle)) == NULL)
    return FALSE;
  transit_realtime__vehicle_descriptor__init (vehicle);

  while (r->p < r->end)
    {
      gboolean ok;

      if (!read_tag (r, &number, &wire))
        return FALSE;
      switch (number)
        {
        case 1: ok = wire == WIRE_LENGTH && read_string (r, &vehicle->id); break;
        case 2: ok = wire == WIRE_LENGTH && read_string (r, &vehicle->label); break;
        case 3: ok = wire == WIRE_LENGTH && read_string (r, &vehicle->license_plate); break;
        case 4:
          ok = read_uint (r, wire, &vehicle->has_wheelchair_accessible, &value);
          vehicle->wheelchair_accessible = (int32_t) value;
          break;
        default:
          ok = is_unknown (&transit_realtime__vehicle_descriptor__descriptor, number) && skip_field (r, wire);
        }
      if (!ok)
        return FALSE;
    }

  *out = vehicle;
  return TRUE;
}

/* A submessage's bytes, in a reader of their own. */
static gboolean
enter (Reader *r,
       guint   wire,
       Reader *sub)
{
  const guint8 *data;
  gsize length;

  if (wire != WIRE_LENGTH || !read_length (r, &data, &length))
    return FALSE;

  *sub = (Reader) { data, data + length, r->carver };
  return TRUE;
}

static gboolean
read_vehicle_position (Reader                            *r,
                       TransitRealtime__VehiclePosition **out)
{
  TransitRealtime__VehiclePosition *vehicle;
  guint32 number;
  guint wire;
  guint64 value = 0;
  Reader sub;

  if (*out != NULL || (vehicle = alloc (r, sizeof *vehicle)) == NULL)
    return FALSE;
  transit_realtime__vehicle_position__init (vehicle);

  while (r->p < r->end)
    {
      gboolean ok;

      if (!read_tag (r, &number, &wire))
        return FALSE;
      switch (number)
        {
        case 1: ok = enter (r, wire, &sub) && read_trip (&sub, &vehicle->trip); break;
        case 2: ok = enter (r, wire, &sub) && read_position (&sub, &vehicle->position); break;
        case 3:
          ok = read_uint (r, wire, &vehicle->has_current_stop_sequence, &value);
          vehicle->current_stop_sequence = (uint32_t) value;
          break;
        case 4:
          ok = read_uint (r, wire, &vehicle->has_current_status, &value);
          vehicle->current_status = (int32_t) value;
          break;
        case 5:
          ok = read_uint (r, wire, &vehicle->has_timestamp, &value);
          vehicle->timestamp = value;
          break;
        case 6:
          ok = read_uint (r, wire, &vehicle->has_congestion_level, &value);
          vehicle->congestion_level = (int32_t) value;
          break;
        case 7: ok = wire == WIRE_LENGTH && read_string (r, &vehicle->stop_id); break;
        case 8: ok = enter (r, wire, &sub) && read_vehicle_descriptor (&sub, &vehicle->vehicle); break;
        case 9:
          ok = read_uint (r, wire, &vehicle->has_occupancy_status, &value);
          vehicle->occupancy_status = (int32_t) value;
          break;
        case 10:
          ok = read_uint (r, wire, &vehicle->has_occupancy_percentage, &value);
          vehicle->occupancy_percentage = (uint32_t) value;
          break;
        default:
          ok = is_unknown (&transit_realtime__vehicle_position__descriptor, number) && skip_field (r, wire);
        }
      if (!ok)
        return FALSE;
    }

  *out = vehicle;
  return TRUE;
}

/* A submessage that protobuf-c reads: the header, a trip update, an alert. */
static gboolean
unpack_with (Reader                           *r,
             guint                             wire,
             const ProtobufCMessageDescriptor *descriptor,
             ProtobufCMessage                **out)
{
  const guint8 *data;
  gsize length;

  if (wire != WIRE_LENGTH || *out != NULL || !read_length (r, &data, &length))
    return FALSE;

  *out = protobuf_c_message_unpack (descriptor, r->carver->allocator, length, data);
  return *out != NULL;
}

static gboolean
read_entity (Reader                       *r,
             TransitRealtime__FeedEntity **out)
{
  TransitRealtime__FeedEntity *entity;
  guint32 number;
  guint wire;
  guint64 value = 0;
  Reader sub;

  if ((entity = alloc (r, sizeof *entity)) == NULL)
    return FALSE;
  transit_realtime__feed_entity__init (entity);

  while (r->p < r->end)
    {
      gboolean ok;

      if (!read_tag (r, &number, &wire))
        return FALSE;
      switch (number)
        {
        case 1: ok = wire == WIRE_LENGTH && read_string (r, &entity->id); break;
        case 2:
          ok = read_uint (r, wire, &entity->has_is_deleted, &value);
          entity->is_deleted = value != 0;
          break;
        case 3:
          ok = unpack_with (r, wire, &transit_realtime__trip_update__descriptor,
                            (ProtobufCMessage **) &entity->trip_update);
          break;
        case 4: ok = enter (r, wire, &sub) && read_vehicle_position (&sub, &entity->vehicle); break;
        case 5:
          ok = unpack_with (r, wire, &transit_realtime__alert__descriptor, (ProtobufCMessage **) &entity->alert);
          break;
        default:
          ok = is_unknown (&transit_realtime__feed_entity__descriptor, number) && skip_field (r, wire);
        }
      if (!ok)
        return FALSE;
    }

  /* The id is required. */
  if (entity->id == NULL)
    return FALSE;

  *out = entity;
  return TRUE;
}

/**
 * vigie_gtfs_rt_wire_decode:
 * @data: (array length=size): a FeedMessage in protobuf
 * @size: its length
 * @allocator: an arena's allocator (vigie_pb_arena_get_allocator()):
 *   what is decoded is never freed one piece at a time
 *
 * Decodes as protobuf-c would, only faster, or gives up.
 *
 * Returns: (nullable): the message, or NULL when protobuf-c must decide
 */
TransitRealtime__FeedMessage *
vigie_gtfs_rt_wire_decode (const guint8       *data,
                           gsize               size,
                           ProtobufCAllocator *allocator)
{
  Carver carver = { allocator, NULL, NULL };
  Reader r = { data, data + size, &carver };
  TransitRealtime__FeedMessage *message;
  GPtrArray *entities;
  gboolean ok = TRUE;
  guint32 number;
  guint wire;
  Reader sub;

  g_return_val_if_fail (allocator != NULL, NULL);

  if ((message = alloc (&r, sizeof *message)) == NULL)
    return NULL;
  transit_realtime__feed_message__init (message);

  /* The entities' pointers, in order, before they go into the arena. */
  entities = g_ptr_array_sized_new (size / 64 + 1);
  while (ok && r.p < r.end)
    {
      TransitRealtime__FeedEntity *entity = NULL;

      if (!read_tag (&r, &number, &wire))
        {
          ok = FALSE;
          break;
        }
      switch (number)
        {
        case 1:
          ok = unpack_with (&r, wire, &transit_realtime__feed_header__descriptor,
                            (ProtobufCMessage **) &message->header);
          break;
        case 2:
          ok = enter (&r, wire, &sub) && read_entity (&sub, &entity);
          if (ok)
            g_ptr_array_add (entities, entity);
          break;
        default:
          ok = is_unknown (&transit_realtime__feed_message__descriptor, number) && skip_field (&r, wire);
        }
    }

  /* Given up, or no header (required): protobuf-c decides. */
  if (!ok || message->header == NULL)
    {
      g_ptr_array_unref (entities);
      return NULL;
    }

  message->n_entity = entities->len;
  if (entities->len > 0)
    {
      message->entity = allocator->alloc (allocator->allocator_data, entities->len * sizeof (gpointer));
      if (message->entity == NULL)
        {
          g_ptr_array_unref (entities);
          return NULL;
        }
      memcpy (message->entity, entities->pdata, entities->len * sizeof (gpointer));
    }
  g_ptr_array_unref (entities);

  return message;
}
