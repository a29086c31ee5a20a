/* vigie-sim-pb.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vigie-sim-pb.h"

/* Wire types (protobuf encoding): varint, 32-bit, length-delimited. */
enum {
  WIRE_VARINT = 0,
  WIRE_LENGTH = 2,
  WIRE_FIXED32 = 5,
};

static void
pb_key (GByteArray *out,
        guint       field,
        guint       wire_type)
{
  vigie_sim_pb_varint (out, (field << 3) | wire_type);
}

void
vigie_sim_pb_varint (GByteArray *out,
                     guint64     value)
{
  do
    {
      guint8 byte = value & 0x7F;

      value >>= 7;
      if (value != 0)
        byte |= 0x80;
      g_byte_array_append (out, &byte, 1);
    }
  while (value != 0);
}

void
vigie_sim_pb_uint (GByteArray *out,
                   guint       field,
                   guint64     value)
{
  pb_key (out, field, WIRE_VARINT);
  vigie_sim_pb_varint (out, value);
}

void
vigie_sim_pb_int32 (GByteArray *out,
                    guint       field,
                    gint32      value)
{
  /* int32: negative numbers as 64-bit two's complement. */
  vigie_sim_pb_uint (out, field, (guint64) (gint64) value);
}

void
vigie_sim_pb_float (GByteArray *out,
                    guint       field,
                    float       value)
{
  guint32 bits;
  guint8 le[4];

  memcpy (&bits, &value, sizeof bits);
  for (guint i = 0; i < 4; i++)
    le[i] = (bits >> (8 * i)) & 0xFF;
  pb_key (out, field, WIRE_FIXED32);
  g_byte_array_append (out, le, 4);
}

void
vigie_sim_pb_bytes (GByteArray   *out,
                    guint         field,
                    const guint8 *data,
                    gsize         length)
{
  pb_key (out, field, WIRE_LENGTH);
  vigie_sim_pb_varint (out, length);
  g_byte_array_append (out, data, length);
}

void
vigie_sim_pb_string (GByteArray *out,
                     guint       field,
                     const char *text)
{
  vigie_sim_pb_bytes (out, field, (const guint8 *) text, strlen (text));
}

/* @message as a field of @out, then emptied for the next one. */
void
vigie_sim_pb_message (GByteArray *out,
                      guint       field,
                      GByteArray *message)
{
  vigie_sim_pb_bytes (out, field, message->data, message->len);
  g_byte_array_set_size (message, 0);
}

/* A FeedMessage's header (field 1): version 2.0, a full dataset, @now. */
void
vigie_sim_pb_feed_header (GByteArray *out,
                          gint64      now)
{
  g_autoptr(GByteArray) header = g_byte_array_new ();

  vigie_sim_pb_string (header, 1, "2.0");
  vigie_sim_pb_uint (header, 2, 0);            /* FULL_DATASET */
  vigie_sim_pb_uint (header, 3, now);
  vigie_sim_pb_message (out, 1, header);
}
