/* vigie-sim-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vigie-sim-city.h"

G_BEGIN_DECLS

/* The simulated city's state at an instant, as pure functions of the city,
 * the seed, the scale and the time: no hidden state, so the same inputs give
 * the same vehicles and counts, in any thread. Randomness is a hash of the
 * seed and of what is drawn (a station, a trip, a time bucket). */

/* No document grows past this many records, whatever the scale. */
#define VIGIE_SIM_MAX_ENTITIES 50000

/* How far ahead the trams' TripUpdates announce the trips yet to leave. */
#define VIGIE_SIM_TRIPS_AHEAD_S (30 * 60)

typedef struct
{
  guint64      seed;
  guint        scale;        /* 1 to VIGIE_SIM_MAX_ENTITIES */
  gint64       now;          /* simulated unix time, for timestamps */
  gint64       value_time;   /* the instant the values are taken at (frozen faults) */
  GTimeZone   *tz;           /* Europe/Paris */
} VigieSimContext;

typedef struct
{
  const VigieSimLine *line;
  guint               direction;
  char                trip_id[48];
  char                start_time[12];   /* HH:MM:SS */
  char                start_date[12];   /* YYYYMMDD */
  char                vehicle_id[24];
  guint               copy;             /* 0: the timetable's own tram */
  double              lat;
  double              lon;
  double              bearing;          /* degrees from north */
  double              speed;            /* m/s */
  guint               stop_index;       /* index in the direction's stops */
  gboolean            stopped;          /* at stop_index, else heading to it */
  int                 delay;            /* seconds, positive when late */
  gint64              aimed_departure;  /* unix, at stop_index */
  gint64              timestamp;        /* 0: the vehicle sent none */
} VigieSimTram;

typedef struct
{
  char     id[48];
  char     name[160];
  double   lat;
  double   lon;
  guint    capacity;
  guint    available;      /* bikes, cars, free spaces or clients */
  guint    disabled;
  gboolean is_renting;
  gboolean is_returning;
  gint64   last_reported;
  guint    base;           /* index of the real station or place it copies */
  guint    copy;
} VigieSimSite;

typedef struct
{
  char     id[48];
  char     station_id[48];
  guint    electric;       /* 0: combustion, 1: electric */
  gboolean is_reserved;
  gboolean is_disabled;
  double   fuel;           /* 0–1 */
  double   lat;
  double   lon;
  gint64   last_reported;
} VigieSimCar;

guint64   vigie_sim_hash          (guint64                a,
                                   guint64                b,
                                   guint64                c);
guint64   vigie_sim_hash_string   (const char            *text);
double    vigie_sim_unit          (guint64                hash);
VigieSimDayType vigie_sim_day_type (GDateTime            *local);
double    vigie_sim_local_hour    (const VigieSimContext *context,
                                   gint64                 unix_time);
int       vigie_sim_weekday       (const VigieSimContext *context,
                                   gint64                 unix_time);

/* Departures of a direction on a day type, in seconds after midnight;
 * the same list feeds the static timetable and the live positions. */
GArray   *vigie_sim_departures    (const VigieSimLine    *line,
                                   guint                  direction,
                                   VigieSimDayType        day);
void      vigie_sim_format_trip_id (char                 *buffer,
                                   gsize                  size,
                                   const VigieSimLine    *line,
                                   guint                  direction,
                                   VigieSimDayType        day,
                                   int                    departure);

GArray   *vigie_sim_trams         (const VigieSimCity    *city,
                                   const VigieSimContext *context);
GArray   *vigie_sim_trips_ahead   (const VigieSimCity    *city,
                                   const VigieSimContext *context,
                                   gint64                 ahead);
GArray   *vigie_sim_bike_stations (const VigieSimCity    *city,
                                   const VigieSimContext *context);
GArray   *vigie_sim_car_stations  (const VigieSimCity    *city,
                                   const VigieSimContext *context,
                                   GArray               **cars);
GArray   *vigie_sim_meter_zones   (const VigieSimCity    *city,
                                   const VigieSimContext *context);
GArray   *vigie_sim_car_parks     (const VigieSimCity    *city,
                                   const VigieSimContext *context);
GArray   *vigie_sim_hotspots      (const VigieSimCity    *city,
                                   const VigieSimContext *context);
void      vigie_sim_copy_position (guint                  base,
                                   guint                  copy,
                                   double                *lat,
                                   double                *lon);

G_END_DECLS
