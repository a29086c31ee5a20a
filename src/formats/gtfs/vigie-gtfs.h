/* vigie-gtfs.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-snapshot.h"

G_BEGIN_DECLS

/* A GTFS static timetable, loaded from its zip in one go and immutable from
 * then on: any thread may read it. Strings are interned and owned by the
 * timetable; records refer to each other by index into the arrays the
 * getters return.
 *
 * Times are seconds since "noon minus 12 h" of the service day in the
 * agency's time zone (midnight, except on the days the clocks change), and
 * may pass 24:00:00 for trips that run after midnight. */

typedef struct _VigieGtfs VigieGtfs;

#define VIGIE_TYPE_GTFS (vigie_gtfs_get_type ())

typedef struct
{
  /* The route types kept (0 tram, 1 metro, 2 rail, 3 bus, ...): the trips,
   * shapes and stop times of other routes are dropped, to keep memory
   * small. NULL and 0: trams only. */
  const int   *route_types;
  guint        n_route_types;
  gboolean     all_route_types;

  /* Overrides agency_timezone (an IANA name), or NULL */
  const char  *timezone;

  /* Bounds against zip bombs, each named in the error when hit; 0 takes
   * the default (VIGIE_GTFS_DEFAULT_*). */
  guint64      max_file_bytes;   /* one file, unpacked */
  guint64      max_total_bytes;  /* every file read, unpacked */
  guint64      max_rows;         /* rows of one file */
  gsize        max_line_bytes;   /* one row */
} VigieGtfsOptions;

/* Generous enough for a national rail network or a large metropolis
 * (Île-de-France: about 15 million stop times, 1.5 GB unpacked). */
#define VIGIE_GTFS_DEFAULT_MAX_FILE_BYTES  (G_GUINT64_CONSTANT (3) << 30)
#define VIGIE_GTFS_DEFAULT_MAX_TOTAL_BYTES (G_GUINT64_CONSTANT (6) << 30)
#define VIGIE_GTFS_DEFAULT_MAX_ROWS        (G_GUINT64_CONSTANT (40000000))
#define VIGIE_GTFS_DEFAULT_MAX_LINE_BYTES  (64 * 1024)

typedef struct
{
  const char *id;
  const char *name;
  const char *url;
  const char *timezone;
} VigieGtfsAgency;

typedef struct
{
  const char *id;
  const char *agency_id;
  const char *short_name;   /* "" when not given */
  const char *long_name;
  const char *color;        /* "RRGGBB" upper case, without '#'; FFFFFF by default */
  const char *text_color;   /* 000000 by default */
  int         type;
  int         sort_order;   /* -1 when not given */
} VigieGtfsRoute;

typedef struct
{
  const char *id;
  const char *code;
  const char *name;
  const char *parent_station;  /* its id, or NULL */
  double      latitude;        /* NAN for entrances and nodes without one */
  double      longitude;
  int         parent;          /* index of the parent station, or -1 */
  gint8       location_type;   /* 0 stop or platform, 1 station, ... */
  gint8       wheelchair_boarding;
} VigieGtfsStop;

typedef struct
{
  const char *id;
  const char *headsign;        /* "" when not given */
  const char *service_id;
  guint       route;           /* index into the routes */
  int         shape;           /* index into the shapes, or -1 */
  gint8       direction_id;    /* 0, 1, or -1 when not given */
  guint       service;         /* index of its service (calendar) */
  guint       first_stop_time; /* index into the stop times */
  guint       n_stop_times;
} VigieGtfsTrip;

typedef struct
{
  guint32     stop;            /* index into the stops */
  gint32      arrival;         /* seconds since the service day's noon - 12 h */
  gint32      departure;
  float       dist_m;          /* metres along the trip's shape (or its stops) */
} VigieGtfsStopTime;

typedef struct
{
  double      latitude;
  double      longitude;
  double      dist_m;          /* metres from the start, from the geometry */
} VigieGtfsShapePoint;

/* Where a trip should be at a moment, by the timetable. */
typedef struct
{
  const VigieGtfsTrip  *trip;
  gint64                service_day_start;  /* unix time of the service day's time 0 */
  double                latitude;
  double                longitude;
  double                bearing;            /* degrees clockwise from north */
  double                dist_m;             /* along the shape */
  guint                 next_stop_time;     /* index among the trip's stop times */
  gint64                next_stop_at;       /* scheduled unix time there */
  gboolean              at_stop;            /* dwelling at that stop */
} VigieGtfsPosition;

GType                      vigie_gtfs_get_type            (void) G_GNUC_CONST;
VigieGtfs                 *vigie_gtfs_load_from_bytes     (GBytes                  *zip,
                                                           const VigieGtfsOptions  *options,
                                                           GError                 **error);
VigieGtfs                 *vigie_gtfs_ref                 (VigieGtfs               *self);
void                       vigie_gtfs_unref               (VigieGtfs               *self);

const char * const        *vigie_gtfs_get_warnings        (VigieGtfs               *self);
guint                      vigie_gtfs_get_n_warnings      (VigieGtfs               *self);
GTimeZone                 *vigie_gtfs_get_timezone        (VigieGtfs               *self);
gsize                      vigie_gtfs_get_memory_size     (VigieGtfs               *self);

const VigieGtfsAgency     *vigie_gtfs_get_agencies        (VigieGtfs               *self,
                                                           guint                   *n_agencies);
const VigieGtfsRoute      *vigie_gtfs_get_routes          (VigieGtfs               *self,
                                                           guint                   *n_routes);
const VigieGtfsStop       *vigie_gtfs_get_stops           (VigieGtfs               *self,
                                                           guint                   *n_stops);
const VigieGtfsTrip       *vigie_gtfs_get_trips           (VigieGtfs               *self,
                                                           guint                   *n_trips);
guint                      vigie_gtfs_get_n_shapes        (VigieGtfs               *self);
guint                      vigie_gtfs_get_n_stop_times    (VigieGtfs               *self);
guint                      vigie_gtfs_get_n_services      (VigieGtfs               *self);

const VigieGtfsRoute      *vigie_gtfs_lookup_route        (VigieGtfs               *self,
                                                           const char              *route_id);
const VigieGtfsStop       *vigie_gtfs_lookup_stop         (VigieGtfs               *self,
                                                           const char              *stop_id);
const VigieGtfsTrip       *vigie_gtfs_lookup_trip         (VigieGtfs               *self,
                                                           const char              *trip_id);
const VigieGtfsTrip       *vigie_gtfs_match_trip          (VigieGtfs               *self,
                                                           const char              *ref);
const char * const        *vigie_gtfs_stop_get_route_names (VigieGtfs              *self,
                                                           const VigieGtfsStop     *stop);

const VigieGtfsRoute      *vigie_gtfs_trip_get_route      (VigieGtfs               *self,
                                                           const VigieGtfsTrip     *trip);
const VigieGtfsStopTime   *vigie_gtfs_trip_get_stop_times (VigieGtfs               *self,
                                                           const VigieGtfsTrip     *trip,
                                                           guint                   *n_stop_times);
const VigieGtfsShapePoint *vigie_gtfs_trip_get_shape      (VigieGtfs               *self,
                                                           const VigieGtfsTrip     *trip,
                                                           guint                   *n_points);
gboolean                   vigie_gtfs_trip_project        (VigieGtfs               *self,
                                                           const VigieGtfsTrip     *trip,
                                                           double                   latitude,
                                                           double                   longitude,
                                                           double                  *dist_m,
                                                           double                  *offset_m);
gboolean                   vigie_gtfs_trip_point_at       (VigieGtfs               *self,
                                                           const VigieGtfsTrip     *trip,
                                                           double                   dist_m,
                                                           double                  *latitude,
                                                           double                  *longitude,
                                                           double                  *bearing);
gboolean                   vigie_gtfs_trip_time_at        (VigieGtfs               *self,
                                                           const VigieGtfsTrip     *trip,
                                                           double                   dist_m,
                                                           gint32                  *time);

gboolean                   vigie_gtfs_service_is_active   (VigieGtfs               *self,
                                                           guint                    service,
                                                           const GDate             *date);
gboolean                   vigie_gtfs_trip_position_at    (VigieGtfs               *self,
                                                           const VigieGtfsTrip     *trip,
                                                           gint64                   service_day_start,
                                                           gint64                   unix_time,
                                                           VigieGtfsPosition       *position);
GArray                    *vigie_gtfs_active_trips_at     (VigieGtfs               *self,
                                                           gint64                   unix_time);
VigieSnapshot             *vigie_gtfs_positions_at        (VigieGtfs               *self,
                                                           GDateTime               *when);
void                       vigie_gtfs_add_stops           (VigieGtfs               *self,
                                                           VigieSnapshot           *snapshot,
                                                           gint64                   observed_at);
VigieEntity               *vigie_gtfs_enrich_vehicle      (VigieGtfs               *self,
                                                           VigieEntity             *vehicle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieGtfs, vigie_gtfs_unref)

G_END_DECLS
