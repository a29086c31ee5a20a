/* vigie-departures-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-departures.h"
#include "vigie-gtfs.h"
#include "vigie-string-set.h"

G_BEGIN_DECLS

/* What the builders of vigie-departures*.c share: the tables being
 * filled (departures, and arrivals for the connections), their strings
 * interned in one chunk. */

struct _VigieDepartures
{
  gatomicrefcount  ref_count;
  gint64           now;
  VigieStringSet  *strings;
  GHashTable      *stops;    /* stop_id (in strings) → GArray of VigieDeparture */
  GHashTable      *arrivals; /* the same, of arrivals */
  guint            cap;      /* departures kept at a stop nobody looks at */
  GHashTable      *wanted;   /* nullable: stops kept in full */
};

const char *vigie_departures_intern     (VigieDepartures      *self,
                                         const char           *text);
void        vigie_departures_add        (VigieDepartures      *self,
                                         const VigieDeparture *departure,
                                         gboolean              arrival);
gboolean    vigie_departures_in_window  (VigieDepartures      *self,
                                         gint64                time);

/* vigie-departures-timetable.c */
void        vigie_departures_add_timetable (VigieDepartures *self,
                                            VigieGtfs       *gtfs,
                                            VigieSnapshot   *trip_updates,
                                            VigieSnapshot   *combined);

/* vigie-departures-entities.c: what stops carry themselves: GTFS-RT
 * "arrivals" of trips @gtfs lacks, SIRI StopMonitoring "departures" */
void        vigie_departures_add_entities  (VigieDepartures *self,
                                            VigieSnapshot   *snapshot,
                                            VigieGtfs       *gtfs);

G_END_DECLS
