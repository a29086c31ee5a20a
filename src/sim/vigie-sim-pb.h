/* vigie-sim-pb.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The protobuf wire format written directly, field by field, for the
 * simulator's few GTFS-Realtime messages (its own, not the parsers'). */

void vigie_sim_pb_varint  (GByteArray   *out,
                           guint64       value);
void vigie_sim_pb_uint    (GByteArray   *out,
                           guint         field,
                           guint64       value);
void vigie_sim_pb_int32   (GByteArray   *out,
                           guint         field,
                           gint32        value);
void vigie_sim_pb_float   (GByteArray   *out,
                           guint         field,
                           float         value);
void vigie_sim_pb_bytes   (GByteArray   *out,
                           guint         field,
                           const guint8 *data,
                           gsize         length);
void vigie_sim_pb_string  (GByteArray   *out,
                           guint         field,
                           const char   *text);
void vigie_sim_pb_message (GByteArray   *out,
                           guint         field,
                           GByteArray   *message);
void vigie_sim_pb_feed_header (GByteArray *out,
                               gint64      now);

G_END_DECLS
