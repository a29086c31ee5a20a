/* vigie-sim-city.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The geography of the demo city, read once from the project's derived
 * data file (data/demo/mulhouse-city.json, tools/derive-demo-city) and
 * immutable afterwards, so workers can read it without locks. */

typedef struct
{
  double lat;
  double lon;
} VigieSimPoint;

typedef struct
{
  char   *id;
  char   *name;
  double  lat;
  double  lon;
  char   *parent;
} VigieSimStop;

typedef struct
{
  guint          direction_id;
  char          *headsign;
  VigieSimPoint *shape;
  double        *shape_dist;       /* metres from the start, per point */
  guint          n_shape;
  guint         *stops;            /* indices into VigieSimCity.stops */
  double        *stop_dist;        /* each stop projected on the shape */
  int           *arrival_offset;   /* seconds after the trip's departure */
  int           *dwell;
  guint          n_stops;
  guint8         departures_per_hour[3][24];  /* by VigieSimDayType */
} VigieSimDirection;

typedef struct
{
  char              *id;           /* "T1", "T2", "T3", "TT" */
  char              *short_name;
  char              *long_name;
  char              *color;
  char              *text_color;
  VigieSimDirection  directions[2];
  guint              n_directions;
} VigieSimLine;

typedef struct
{
  char   *id;
  char   *name;
  double  lat;
  double  lon;
  guint   capacity;
} VigieSimStation;

typedef struct
{
  char          *id;
  char          *name;
  char          *tariff;
  VigieSimPoint *points;
  guint          n_points;
  guint          spots;
} VigieSimZone;

typedef struct
{
  char   *id;
  char   *name;
  double  lat;
  double  lon;
  guint   capacity;
  guint   aps;
  guint   events;                  /* VigieSimEvent flags */
} VigieSimPlace;

typedef enum
{
  VIGIE_SIM_DAY_WEEKDAY,
  VIGIE_SIM_DAY_SATURDAY,
  VIGIE_SIM_DAY_SUNDAY,
} VigieSimDayType;

typedef enum
{
  VIGIE_SIM_EVENT_MARKET   = 1 << 0,
  VIGIE_SIM_EVENT_CONCERT  = 1 << 1,
  VIGIE_SIM_EVENT_COMMUTE  = 1 << 2,
  VIGIE_SIM_EVENT_EVENING  = 1 << 3,
  VIGIE_SIM_EVENT_SHOPPING = 1 << 4,
  VIGIE_SIM_EVENT_PARK     = 1 << 5,
  VIGIE_SIM_EVENT_CAMPUS   = 1 << 6,
  VIGIE_SIM_EVENT_MUSEUM   = 1 << 7,
} VigieSimEvent;

typedef struct
{
  double        center_lat;
  double        center_lon;
  GPtrArray    *lines;             /* of VigieSimLine */
  GPtrArray    *stops;             /* of VigieSimStop */
  GPtrArray    *bike_stations;     /* of VigieSimStation */
  GPtrArray    *meter_zones;       /* of VigieSimZone */
  GPtrArray    *car_parks;         /* of VigieSimStation */
  GPtrArray    *places;            /* of VigieSimPlace */
  GPtrArray    *car_stations;      /* of VigieSimStation, near tram stops */
} VigieSimCity;

VigieSimCity *vigie_sim_city_new_from_bytes (GBytes        *bytes,
                                             GError       **error);
VigieSimCity *vigie_sim_city_new_default    (GError       **error);
void          vigie_sim_city_free           (VigieSimCity  *self);
double        vigie_sim_distance_m          (double         lat1,
                                             double         lon1,
                                             double         lat2,
                                             double         lon2);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieSimCity, vigie_sim_city_free)

G_END_DECLS
