/* vigie-gtfs-load-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-csv.h"
#include "vigie-gtfs-private.h"

G_BEGIN_DECLS

/* What the three parts of the GTFS loader share: the row readers
 * (vigie-gtfs-rows.c, CSV rows to raw arrays), the zip reader
 * (vigie-gtfs-zip.c, one pass over the archive) and the building passes
 * (vigie-gtfs-load.c, raw arrays to the timetable and its indexes). */

enum { PASS_BASE, PASS_TRIPS, PASS_TIMES, N_PASSES };

typedef enum
{
  FILE_AGENCY,
  FILE_ROUTES,
  FILE_STOPS,
  FILE_CALENDAR,
  FILE_CALENDAR_DATES,
  FILE_TRIPS,
  FILE_SHAPES,
  FILE_STOP_TIMES,
  N_FILES
} FileKind;

/* Rows kept while loading, sorted once everything is read. */
typedef struct
{
  guint32     trip;
  guint32     sequence;
  guint32     stop;
  gint32      arrival;         /* -1: not given */
  gint32      departure;
  float       shape_dist;      /* NAN: not given */
} RawStopTime;

typedef struct
{
  guint32     shape;
  guint32     sequence;
  double      latitude;
  double      longitude;
  float       shape_dist;
} RawPoint;

typedef struct
{
  VigieGtfs              *gtfs;
  const VigieGtfsOptions *options;
  const char             *file;
  guint                   n_rows;
  guint64                 n_unpacked;     /* bytes, every file so far */

  GHashTable             *service_index;
  GHashTable             *shape_index;
  GHashTable             *dropped_trips;  /* ids of trips of routes not kept */
  GHashTable             *dropped_routes;
  GArray                 *raw_exceptions;
  GArray                 *raw_stop_times;
  GArray                 *raw_points;
  GArray                 *point_dists;    /* float, shape_dist_traveled per point */
  char                   *last_trip_id;
  guint                   last_trip;
  enum { TRIP_KEPT, TRIP_DROPPED, TRIP_UNKNOWN } last_trip_state;
  guint                   n_unknown_stops;
  guint                   n_unknown_trips;
  guint                   n_unknown_shapes;
  gboolean                seen[N_FILES];
} Loader;

typedef struct
{
  const char          *name;
  guint                pass;
  gboolean             required;
  const char * const  *columns;
  VigieCsvRecordFunc   func;
} FileSpec;

/* Which file is read in which pass, with which columns and row reader. */
extern const FileSpec vigie_gtfs_files[N_FILES];

static inline gboolean
vigie_gtfs_field_is_empty (const char *field)
{
  return field == NULL || field[0] == '\0';
}

void     vigie_gtfs_load_warn      (VigieGtfs  *self,
                                    const char *format,
                                    ...) G_GNUC_PRINTF (2, 3);
gboolean vigie_gtfs_load_read_pass (Loader     *loader,
                                    GBytes     *zip,
                                    guint       pass,
                                    GError    **error);

G_END_DECLS
