/* vigie-departure-rows.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-departures.h"

G_BEGIN_DECLS

/* What a stop's departure board shows, decided without a display: its
 * departures grouped by line and direction, soonest group first, each
 * departure in words. The widget (src/map/vigie-departure-board.c) only
 * lays it out. */

typedef struct
{
  char                 *time;        /* "08:15": when it leaves */
  char                 *scheduled;   /* "08:11" when it differs from time, else NULL */
  char                 *state;       /* "on time", "+4 min", "2 min early", "canceled", "stop skipped", or NULL */
  char                 *source;      /* "real time", "predicted", "timetable" */
  const char           *mark;        /* a shape for the source: ● ◐ ○ */
  char                 *accessible;  /* the whole in one sentence */
  VigieDepartureSource  source_kind;
  VigieDepartureState   state_kind;
  gint64                delay_s;
  gboolean              has_delay;
} VigieDepartureRow;

typedef struct
{
  char      *line;
  char      *color;        /* "RRGGBB", checked, or NULL */
  char      *text_color;   /* "RRGGBB", checked, or NULL */
  char      *headsign;     /* nullable */
  GPtrArray *rows;         /* VigieDepartureRow, soonest first */
} VigieDepartureGroup;

/* Within this, a tram is on time. */
#define VIGIE_DEPARTURE_ON_TIME_S 60

GPtrArray  *vigie_departure_rows_build       (VigieDepartures      *departures,
                                              const char           *stop_id,
                                              guint                 max_groups,
                                              guint                 max_per_group);
char       *vigie_departure_describe_delay   (const VigieDeparture *departure);
const char *vigie_departure_source_to_words  (VigieDepartureSource  source);
const char *vigie_departure_source_to_mark   (VigieDepartureSource  source);

G_END_DECLS
