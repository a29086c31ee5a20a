/* vigie-departures.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-snapshot.h"

G_BEGIN_DECLS

/* The next departures at every stop of a feed, built in the feed's worker
 * after each update (vigie-feed-departures.c) and immutable from then on:
 * any thread may read them. */

typedef enum
{
  VIGIE_DEPARTURE_TIMETABLE,   /* the timetable alone */
  VIGIE_DEPARTURE_PREDICTED,   /* from the vehicle's progress, by Vigie */
  VIGIE_DEPARTURE_REALTIME,    /* the operator's real-time feed */
} VigieDepartureSource;

typedef enum
{
  VIGIE_DEPARTURE_RUNS,
  VIGIE_DEPARTURE_CANCELED,    /* the trip will not run */
  VIGIE_DEPARTURE_SKIPPED,     /* the trip runs but does not stop here */
} VigieDepartureState;

typedef struct
{
  const char           *stop_id;
  const char           *trip_id;     /* nullable */
  const char           *route_id;    /* nullable */
  const char           *line;        /* the line as people know it, else its id */
  const char           *color;       /* "RRGGBB", nullable */
  const char           *text_color;  /* nullable */
  const char           *headsign;    /* nullable */
  int                   direction_id;/* 0, 1, or -1 */
  gint64                scheduled;   /* unix seconds, 0 when unknown */
  gint64                expected;    /* unix seconds, 0 when only scheduled */
  gint64                delay_s;     /* expected − scheduled, when has_delay */
  gboolean              has_delay;
  VigieDepartureSource  source;
  VigieDepartureState   state;
} VigieDeparture;

/* How far ahead a board looks, and how many departures a stop keeps. */
#define VIGIE_DEPARTURES_HORIZON_S   (2 * 60 * 60)
#define VIGIE_DEPARTURES_MAX_PER_STOP 40
/* On a large network, what the boards of the stops nobody looks at keep
 * in all (in each of departures and arrivals): a short board each. */
#define VIGIE_DEPARTURES_MAX_TOTAL   50000
/* Still shown once gone: a tram at the platform. */
#define VIGIE_DEPARTURES_GRACE_S     60

typedef struct _VigieDepartures VigieDepartures;

#define VIGIE_TYPE_DEPARTURES (vigie_departures_get_type ())

GType                  vigie_departures_get_type    (void) G_GNUC_CONST;
VigieDepartures       *vigie_departures_build       (VigieSnapshot         *snapshot,
                                                     gint64                 now);
VigieDepartures       *vigie_departures_build_bounded (VigieSnapshot       *snapshot,
                                                       gint64               now,
                                                       GHashTable          *wanted,
                                                       guint                max_total);
guint                  vigie_departures_count       (VigieDepartures       *self);
void                   vigie_departures_unref_in_thread (VigieDepartures   *self);
VigieDepartures       *vigie_departures_ref         (VigieDepartures       *self);
void                   vigie_departures_unref       (VigieDepartures       *self);
gint64                 vigie_departures_get_now     (VigieDepartures       *self);
guint                  vigie_departures_get_n_stops (VigieDepartures       *self);
const VigieDeparture  *vigie_departures_lookup      (VigieDepartures       *self,
                                                     const char            *stop_id,
                                                     guint                 *n_departures);
const VigieDeparture  *vigie_departures_lookup_arrivals (VigieDepartures   *self,
                                                         const char        *stop_id,
                                                         guint             *n_arrivals);
gint64                 vigie_departure_get_time     (const VigieDeparture  *departure);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieDepartures, vigie_departures_unref)

G_END_DECLS
