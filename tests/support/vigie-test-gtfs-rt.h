/* vigie-test-gtfs-rt.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-format-gtfs-rt.h"

G_BEGIN_DECLS

/* GTFS-Realtime feeds built in the tests with the same generated
 * protobuf-c code the parser uses, then packed: binary fixtures made from
 * the proto, not opaque blobs. Everything a feed holds is freed with it;
 * strings are borrowed. */

typedef struct
{
  TransitRealtime__FeedMessage  message;
  TransitRealtime__FeedHeader   header;
  GPtrArray                    *entities;
  GPtrArray                    *allocations;
} VigieTestFeed;

VigieTestFeed                               *vigie_test_feed_new               (guint64                                   timestamp,
                                                                                gboolean                                  differential);
VigieTestFeed                               *vigie_test_feed_new_reference     (guint64                                   feed_time);
void                                         vigie_test_feed_free              (VigieTestFeed                            *feed);
gpointer                                     vigie_test_feed_alloc             (VigieTestFeed                            *feed,
                                                                                gsize                                     size);
TransitRealtime__FeedEntity                 *vigie_test_feed_add_entity        (VigieTestFeed                            *feed,
                                                                                const char                               *entity_id);
TransitRealtime__VehiclePosition            *vigie_test_feed_add_vehicle       (VigieTestFeed                            *feed,
                                                                                const char                               *entity_id,
                                                                                const char                               *vehicle_id,
                                                                                float                                     latitude,
                                                                                float                                     longitude,
                                                                                guint64                                   timestamp);
TransitRealtime__TripDescriptor             *vigie_test_vehicle_add_trip       (VigieTestFeed                            *feed,
                                                                                TransitRealtime__VehiclePosition         *vehicle);
TransitRealtime__TripUpdate                 *vigie_test_feed_add_trip_update   (VigieTestFeed                            *feed,
                                                                                const char                               *entity_id,
                                                                                const char                               *trip_id,
                                                                                const char                               *route_id);
TransitRealtime__TripUpdate                 *vigie_test_feed_add_canceled_trip (VigieTestFeed                            *feed,
                                                                                const char                               *entity_id,
                                                                                const char                               *trip_id,
                                                                                const char                               *route_id);
TransitRealtime__TripUpdate__StopTimeUpdate *vigie_test_trip_update_add_stop   (VigieTestFeed                            *feed,
                                                                                TransitRealtime__TripUpdate              *update,
                                                                                const char                               *stop_id,
                                                                                gint64                                    arrival_time,
                                                                                gboolean                                  has_delay,
                                                                                gint32                                    delay);
TransitRealtime__TripUpdate__StopTimeUpdate *vigie_test_trip_update_add_stop_as (VigieTestFeed                          *feed,
                                                                                TransitRealtime__TripUpdate              *update,
                                                                                const char                               *stop_id,
                                                                                TransitRealtime__TripUpdate__StopTimeUpdate__ScheduleRelationship relationship);
void                                         vigie_test_trip_update_set_delay  (TransitRealtime__TripUpdate              *update,
                                                                                gint32                                    delay);
TransitRealtime__Alert                      *vigie_test_feed_add_alert         (VigieTestFeed                            *feed,
                                                                                const char                               *entity_id);
TransitRealtime__TranslatedString           *vigie_test_feed_translated        (VigieTestFeed                            *feed,
                                                                                const char                               *first_text,
                                                                                ...) G_GNUC_NULL_TERMINATED;
TransitRealtime__EntitySelector             *vigie_test_alert_add_informed     (VigieTestFeed                            *feed,
                                                                                TransitRealtime__Alert                   *alert);
TransitRealtime__TimeRange                  *vigie_test_alert_add_period       (VigieTestFeed                            *feed,
                                                                                TransitRealtime__Alert                   *alert,
                                                                                guint64                                   start,
                                                                                guint64                                   end);
GBytes                                      *vigie_test_feed_pack              (VigieTestFeed                            *feed);
void                                         vigie_test_assert_same_snapshots  (VigieSnapshot                            *a,
                                                                                VigieSnapshot                            *b);
VigieSnapshot                               *vigie_test_basic_combined         (gint64                                    now,
                                                                                gboolean                                  late);

gboolean                                     vigie_test_pb_equal               (const ProtobufCMessage                   *a,
                                                                                const ProtobufCMessage                   *b);
gboolean                                     vigie_test_check_wire_decode      (const guint8                             *data,
                                                                                gsize                                     size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieTestFeed, vigie_test_feed_free)

G_END_DECLS
