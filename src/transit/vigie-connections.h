/* vigie-connections.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-departures.h"

G_BEGIN_DECLS

/* Connections from trains to trams: for each train arriving at a station
 * and each tram line and direction leaving the interchange stop, whether
 * the traveller makes the tram the timetable promises, given the walk
 * from the platform; when not, the next tram, or an earlier one at
 * another stop within walking distance. Pure: times are unix seconds
 * (days, midnight and daylight saving change nothing). */

typedef enum
{
  VIGIE_CONNECTION_ASSURED,
  VIGIE_CONNECTION_TIGHT,    /* made, with less than the rules' margin */
  VIGIE_CONNECTION_MISSED,   /* late train, or the tram canceled */
  VIGIE_CONNECTION_NONE,     /* no tram to connect to */
} VigieConnectionStatus;

typedef struct
{
  const char           *name;          /* "Gare Centrale", for the sentences */
  const VigieDeparture *departures;    /* soonest first */
  guint                 n_departures;
  gint64                walk_s;        /* from the train's platform */
} VigieConnectionStop;

typedef struct
{
  gint64 walk_s;      /* platform to the interchange stop; the operator sets it */
  gint64 tight_s;     /* less spare time than this is tight */
  gint64 horizon_s;   /* trains arriving within this */
  gint64 rare_s;      /* a wait longer than this for the next tram is worth holding one */
} VigieConnectionRules;

#define VIGIE_CONNECTION_DEFAULT_WALK_S    (4 * 60)
#define VIGIE_CONNECTION_DEFAULT_TIGHT_S   (2 * 60)
#define VIGIE_CONNECTION_DEFAULT_HORIZON_S (90 * 60)
#define VIGIE_CONNECTION_DEFAULT_RARE_S    (15 * 60)

typedef struct
{
  const VigieDeparture      *train;       /* its arrival */
  const char                *line;        /* the tram line */
  const char                *headsign;    /* and direction, nullable */
  VigieConnectionStatus      status;
  const VigieDeparture      *planned;     /* the tram the timetable connects to, nullable */
  const VigieDeparture      *next;        /* the first the traveller can take, nullable */
  gint64                     margin_s;    /* planned − (train + walk), real times */
  const char                *other_name;  /* the stop where an earlier tram leaves, nullable */
  gint64                     other_walk_s;
  const VigieDeparture      *other;       /* that tram */
  /* Connection protection: a missed connection to a rare or the last
   * tram, which holding the planned tram would save. */
  gboolean                   hold;
  gint64                     hold_s;      /* how long to hold it: its knock-on delay */
  gint64                     wait_s;      /* the wait for the next otherwise, -1: none */
} VigieConnection;

void    vigie_connection_rules_init   (VigieConnectionRules       *rules);
GArray *vigie_connections_compute     (const VigieDeparture       *trains,
                                       guint                       n_trains,
                                       const VigieConnectionStop  *interchange,
                                       const VigieConnectionStop  *others,
                                       guint                       n_others,
                                       const VigieConnectionRules *rules,
                                       gint64                      now);
char   *vigie_connection_describe     (const VigieConnection      *connection);
const char *vigie_connection_status_to_words (VigieConnectionStatus status);
const char *vigie_connection_status_to_mark  (VigieConnectionStatus status);
char   *vigie_connection_describe_train (const VigieDeparture  *train);
char   *vigie_connection_describe_hold  (const VigieConnection *connection);

G_END_DECLS
