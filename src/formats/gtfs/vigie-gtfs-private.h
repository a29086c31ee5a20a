/* vigie-gtfs-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-gtfs.h"
#include "vigie-string-set.h"

G_BEGIN_DECLS

/* What vigie-gtfs.c (the timetable), vigie-gtfs-load.c (reading it) and
 * vigie-gtfs-positions.c (where its trips are) share: the timetable's
 * layout and where a point falls on a shape; the rest of the geometry is
 * in vigie-geo.h. */

#define DAY_S 86400

typedef struct
{
  const char *id;
  guint       first_point;
  guint       n_points;
  gboolean    has_dist;        /* every point has shape_dist_traveled */
} Shape;

typedef struct
{
  const char *id;
  guint8      weekdays;        /* bit 0 Monday ... bit 6 Sunday */
  guint32     start;           /* julian days; 0: no calendar row */
  guint32     end;
  guint       first_exception;
  guint       n_exceptions;
} Service;

typedef struct
{
  guint32     service;
  guint32     julian;
  guint8      type;            /* 1 added, 2 removed */
} Exception;

struct _VigieGtfs
{
  gatomicrefcount  ref_count;

  VigieStringSet  *strings;
  GArray          *agencies;      /* VigieGtfsAgency */
  GArray          *routes;        /* VigieGtfsRoute */
  GArray          *stops;         /* VigieGtfsStop */
  GArray          *trips;         /* VigieGtfsTrip */
  GArray          *stop_times;    /* VigieGtfsStopTime */
  GArray          *shapes;        /* Shape */
  GArray          *points;        /* VigieGtfsShapePoint */
  GArray          *services;      /* Service */
  GArray          *exceptions;    /* Exception */
  GHashTable      *route_index;   /* id → index + 1 */
  GHashTable      *stop_index;
  GHashTable      *trip_index;
  GPtrArray       *stop_routes;   /* per stop: NULL-terminated route short names, or NULL */
  GPtrArray       *warnings;      /* NULL terminated */
  guint            n_warnings;
  GTimeZone       *timezone;
  gint32           max_time;
};

VigieGtfs *vigie_gtfs_alloc             (void);
double     vigie_gtfs_project_on_points (const VigieGtfsShapePoint *points,
                                         guint                      n_points,
                                         guint                      from,
                                         double                     latitude,
                                         double                     longitude,
                                         guint                     *segment,
                                         double                    *offset_m);

/* Index tables map an interned id to its index + 1. */
static inline guint
vigie_gtfs_lookup_index (GHashTable *table,
                         const char *id,
                         gboolean   *found)
{
  gpointer value = id != NULL ? g_hash_table_lookup (table, id) : NULL;

  *found = value != NULL;
  return value != NULL ? GPOINTER_TO_UINT (value) - 1 : 0;
}

G_END_DECLS
