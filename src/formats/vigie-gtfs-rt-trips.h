/* vigie-gtfs-rt-trips.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-snapshot.h"

G_BEGIN_DECLS

/* What a TripUpdate says of one trip, stop by stop, as it came: for the
 * departure boards (src/transit/), which apply the specification's rules
 * against the timetable. */

typedef enum
{
  VIGIE_GTFS_RT_STOP_SCHEDULED,
  VIGIE_GTFS_RT_STOP_SKIPPED,
  VIGIE_GTFS_RT_STOP_NO_DATA,
} VigieGtfsRtStopRelationship;

typedef struct
{
  const char                  *stop_id;        /* NULL when given by sequence only */
  guint32                      stop_sequence;
  gboolean                     has_stop_sequence;
  VigieGtfsRtStopRelationship  relationship;
  gint64                       arrival_time;   /* 0 when unknown */
  gint64                       departure_time; /* 0 when unknown */
  gint64                       delay_s;        /* arrival's, else departure's */
  gboolean                     has_delay;
} VigieGtfsRtStopUpdate;

typedef struct
{
  const char                  *trip_id;
  const char                  *route_id;       /* nullable */
  const char                  *start_date;     /* YYYYMMDD, nullable */
  gboolean                     canceled;
  gint64                       delay_s;        /* TripUpdate.delay */
  gboolean                     has_delay;
  const VigieGtfsRtStopUpdate *stops;          /* in the feed's order */
  guint                        n_stops;
} VigieGtfsRtTripUpdate;

const VigieGtfsRtTripUpdate *vigie_gtfs_rt_lookup_trip_update (VigieSnapshot *snapshot,
                                                               const char    *trip_id);
GPtrArray                   *vigie_gtfs_rt_list_trip_updates  (VigieSnapshot *snapshot);

G_END_DECLS
