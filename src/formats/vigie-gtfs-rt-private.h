/* vigie-gtfs-rt-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-format-gtfs-rt.h"

G_BEGIN_DECLS

/* What the files of the GTFS-Realtime reader share: the JSON decoder that
 * fills the same protobuf-c structures as the binary one, so that both
 * go through one mapping (vigie-gtfs-rt-feed.c), and the pieces of that
 * mapping for trip updates and alerts. */

/* vigie-gtfs-rt-json.c */
gboolean                      vigie_gtfs_rt_json_sniff          (GBytes                        *bytes);
TransitRealtime__FeedMessage *vigie_gtfs_rt_json_decode         (GBytes                        *bytes,
                                                                 ProtobufCAllocator            *allocator,
                                                                 GError                       **error);

/* vigie-gtfs-rt-feed.c */
TransitRealtime__FeedMessage *vigie_gtfs_rt_wire_decode         (const guint8                  *data,
                                                                 gsize                          size,
                                                                 ProtobufCAllocator            *allocator);
char                         *vigie_gtfs_rt_dup_text            (const char                    *text);
VigieSnapshot                *vigie_gtfs_rt_read_feed           (TransitRealtime__FeedMessage  *message,
                                                                 const VigieParseContext       *context);

/* vigie-gtfs-rt-trips.c: the trip updates of one feed, gathered by stop */
typedef struct _VigieGtfsRtTrips VigieGtfsRtTrips;

VigieGtfsRtTrips             *vigie_gtfs_rt_trips_new           (void);
void                          vigie_gtfs_rt_trips_free          (VigieGtfsRtTrips              *self);
void                          vigie_gtfs_rt_trips_add           (VigieGtfsRtTrips              *self,
                                                                 TransitRealtime__TripUpdate   *update);
gboolean                      vigie_gtfs_rt_trips_lookup_delay  (VigieGtfsRtTrips              *self,
                                                                 const char                    *trip_id,
                                                                 gint64                        *delay_s);
void                          vigie_gtfs_rt_trips_finish        (VigieGtfsRtTrips              *self,
                                                                 VigieSnapshot                 *snapshot,
                                                                 gint64                         observed_at);

/* vigie-gtfs-rt-alerts.c */
void                          vigie_gtfs_rt_add_alert           (VigieSnapshot                 *snapshot,
                                                                 TransitRealtime__FeedEntity   *entity,
                                                                 const VigieParseContext       *context,
                                                                 gint64                         observed_at);
void                          vigie_gtfs_rt_remove_alert        (VigieSnapshot                 *snapshot,
                                                                 TransitRealtime__FeedEntity   *entity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieGtfsRtTrips, vigie_gtfs_rt_trips_free)

G_END_DECLS
