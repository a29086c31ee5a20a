/* vigie-gtfs-positions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-gtfs"

#include "config.h"

#include <math.h>

#include "vigie-csv.h"
#include "vigie-geo.h"
#include "vigie-gtfs.h"
#include "vigie-gtfs-private.h"

/* Where the timetable has its trips: along their shapes, by the service
 * calendar, and what it says of real-time vehicles. Reads the immutable
 * timetable only, so any thread may call it. */

/*
 * Geometry
 */

/* Where a point falls on a polyline: the distance along it of the nearest
 * point on it, searched from segment @from on. Works in a local plane,
 * which is exact enough at city scale. */
double
vigie_gtfs_project_on_points (const VigieGtfsShapePoint *points,
                              guint                      n_points,
                              guint                      from,
                              double                     latitude,
                              double                     longitude,
                              guint                     *segment,
                              double                    *offset_m)
{
  double kx = cos (latitude * G_PI / 180.0) * VIGIE_GEO_EARTH_RADIUS_M * G_PI / 180.0;
  double ky = VIGIE_GEO_EARTH_RADIUS_M * G_PI / 180.0;
  double best = G_MAXDOUBLE, best_dist = 0.0;
  guint best_segment = from;

  for (guint i = from; i + 1 < n_points; i++)
    {
      double ax = (points[i].longitude - longitude) * kx, ay = (points[i].latitude - latitude) * ky;
      double bx = (points[i + 1].longitude - longitude) * kx, by = (points[i + 1].latitude - latitude) * ky;
      double dx = bx - ax, dy = by - ay;
      double len2 = dx * dx + dy * dy;
      double t = len2 > 0.0 ? CLAMP (-(ax * dx + ay * dy) / len2, 0.0, 1.0) : 0.0;
      double px = ax + t * dx, py = ay + t * dy;
      double d2 = px * px + py * py;

      if (d2 < best)
        {
          best = d2;
          best_segment = i;
          best_dist = points[i].dist_m + t * (points[i + 1].dist_m - points[i].dist_m);
        }
    }

  if (segment != NULL)
    *segment = best_segment;
  if (offset_m != NULL)
    *offset_m = sqrt (best);

  return best_dist;
}

/*
 * Positions
 */

/**
 * vigie_gtfs_trip_project:
 * @latitude: a position, such as a vehicle's
 * @longitude:
 * @dist_m: (out): the distance along the trip's shape of the nearest point
 * @offset_m: (out) (optional): how far @latitude, @longitude is from it
 *
 * Projects a position onto the trip's shape, so that a vehicle can be drawn
 * on its line rather than where a GPS puts it.
 *
 * Returns: %FALSE if the trip has no shape
 */
gboolean
vigie_gtfs_trip_project (VigieGtfs           *self,
                         const VigieGtfsTrip *trip,
                         double               latitude,
                         double               longitude,
                         double              *dist_m,
                         double              *offset_m)
{
  const VigieGtfsShapePoint *points;
  guint n_points;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (trip != NULL, FALSE);
  g_return_val_if_fail (dist_m != NULL, FALSE);

  points = vigie_gtfs_trip_get_shape (self, trip, &n_points);
  if (points == NULL)
    return FALSE;

  *dist_m = vigie_gtfs_project_on_points (points, n_points, 0, latitude, longitude, NULL, offset_m);
  return TRUE;
}

static void
point_on_points (const VigieGtfsShapePoint *points,
                 guint                      n_points,
                 double                     dist_m,
                 double                    *latitude,
                 double                    *longitude,
                 double                    *bearing)
{
  guint lo = 0, hi = n_points - 1;
  double f;

  dist_m = CLAMP (dist_m, points[0].dist_m, points[hi].dist_m);

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (points[mid].dist_m <= dist_m)
        lo = mid;
      else
        hi = mid;
    }

  /* Repeated points make zero-length segments: look past them for a
   * heading. */
  while (hi + 1 < n_points && points[hi].dist_m <= points[lo].dist_m)
    hi++;

  f = points[hi].dist_m > points[lo].dist_m ?
      (dist_m - points[lo].dist_m) / (points[hi].dist_m - points[lo].dist_m) : 0.0;
  f = CLAMP (f, 0.0, 1.0);

  *latitude = points[lo].latitude + f * (points[hi].latitude - points[lo].latitude);
  *longitude = points[lo].longitude + f * (points[hi].longitude - points[lo].longitude);
  if (bearing != NULL)
    *bearing = vigie_geo_bearing_deg (points[lo].latitude, points[lo].longitude,
                                     points[hi].latitude, points[hi].longitude);
}

/**
 * vigie_gtfs_trip_point_at:
 * @dist_m: metres along the trip's shape
 * @latitude: (out):
 * @longitude: (out):
 * @bearing: (out) (optional): the shape's heading there, degrees from north
 *
 * Returns: %FALSE if the trip has no shape
 */
gboolean
vigie_gtfs_trip_point_at (VigieGtfs           *self,
                          const VigieGtfsTrip *trip,
                          double               dist_m,
                          double              *latitude,
                          double              *longitude,
                          double              *bearing)
{
  const VigieGtfsShapePoint *points;
  guint n_points;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (trip != NULL, FALSE);
  g_return_val_if_fail (latitude != NULL && longitude != NULL, FALSE);

  points = vigie_gtfs_trip_get_shape (self, trip, &n_points);
  if (points == NULL)
    return FALSE;

  point_on_points (points, n_points, dist_m, latitude, longitude, bearing);
  return TRUE;
}

/**
 * vigie_gtfs_trip_time_at:
 * @dist_m: metres along the trip's shape
 * @time: (out): when the timetable has the trip there, in seconds of its
 *   service day
 *
 * The inverse of a position: used to tell how late a vehicle is from
 * where it is.
 *
 * Returns: %FALSE if the trip has fewer than two stop times
 */
gboolean
vigie_gtfs_trip_time_at (VigieGtfs           *self,
                         const VigieGtfsTrip *trip,
                         double               dist_m,
                         gint32              *time)
{
  const VigieGtfsStopTime *t;
  guint n;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (trip != NULL, FALSE);
  g_return_val_if_fail (time != NULL, FALSE);

  t = vigie_gtfs_trip_get_stop_times (self, trip, &n);
  if (n < 2)
    return FALSE;

  if (dist_m <= t[0].dist_m)
    {
      *time = t[0].departure;
      return TRUE;
    }

  for (guint i = 0; i + 1 < n; i++)
    {
      if (dist_m > t[i + 1].dist_m)
        continue;

      if (t[i + 1].dist_m > t[i].dist_m)
        *time = t[i].departure + (gint32) lround ((dist_m - t[i].dist_m) / (t[i + 1].dist_m - t[i].dist_m) *
                                                  (t[i + 1].arrival - t[i].departure));
      else
        *time = t[i + 1].arrival;
      return TRUE;
    }

  *time = t[n - 1].arrival;
  return TRUE;
}

/**
 * vigie_gtfs_service_is_active:
 * @service: a trip's service index
 * @date: a day, in the agency's calendar
 *
 * Returns: whether the service runs that day, by calendar.txt and the
 *   exceptions of calendar_dates.txt
 */
gboolean
vigie_gtfs_service_is_active (VigieGtfs   *self,
                              guint        service,
                              const GDate *date)
{
  const Service *s;
  guint32 julian;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (service < self->services->len, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  s = &g_array_index (self->services, Service, service);
  julian = g_date_get_julian (date);

  for (guint i = 0; i < s->n_exceptions; i++)
    {
      const Exception *e = &g_array_index (self->exceptions, Exception, s->first_exception + i);

      if (e->julian == julian)
        return e->type == 1;
    }

  if (s->start == 0 || julian < s->start || julian > s->end)
    return FALSE;

  /* GDate weekdays run from Monday = 1. */
  return (s->weekdays & (1 << (g_date_get_weekday (date) - 1))) != 0;
}

/**
 * vigie_gtfs_trip_position_at:
 * @service_day_start: the unix time of time 0 of the trip's service day
 * @unix_time: the moment
 * @position: (out): where the trip should be
 *
 * Returns: whether the trip runs at @unix_time on that service day (from
 *   its first departure to its last arrival, both included)
 */
gboolean
vigie_gtfs_trip_position_at (VigieGtfs           *self,
                             const VigieGtfsTrip *trip,
                             gint64               service_day_start,
                             gint64               unix_time,
                             VigieGtfsPosition   *position)
{
  const VigieGtfsStop *stops;
  const VigieGtfsStopTime *t;
  gint64 s = unix_time - service_day_start;
  guint n, lo, hi, next;
  double dist, f = 0.0;
  gboolean at_stop;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (trip != NULL, FALSE);
  g_return_val_if_fail (position != NULL, FALSE);

  t = vigie_gtfs_trip_get_stop_times (self, trip, &n);
  if (n < 2 || s < t[0].departure || s > t[n - 1].arrival)
    return FALSE;

  /* The last stop arrived at by now. */
  lo = 0;
  hi = n;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (t[mid].arrival <= s)
        lo = mid;
      else
        hi = mid;
    }

  at_stop = s <= t[lo].departure || lo == n - 1;
  if (at_stop)
    {
      dist = t[lo].dist_m;
      next = MIN (lo + 1, n - 1);
    }
  else
    {
      f = t[lo + 1].arrival > t[lo].departure ?
          (double) (s - t[lo].departure) / (t[lo + 1].arrival - t[lo].departure) : 1.0;
      dist = t[lo].dist_m + f * (t[lo + 1].dist_m - t[lo].dist_m);
      next = lo + 1;
    }

  position->trip = trip;
  position->service_day_start = service_day_start;
  position->dist_m = dist;
  position->at_stop = at_stop;
  position->next_stop_time = next;
  position->next_stop_at = service_day_start + t[next].arrival;

  if (vigie_gtfs_trip_point_at (self, trip, dist, &position->latitude, &position->longitude, &position->bearing))
    return TRUE;

  /* No shape: straight between the stops. */
  stops = (const VigieGtfsStop *) (gpointer) self->stops->data;
  {
    guint a = at_stop ? (lo > 0 ? lo - 1 : 0) : lo;
    guint b = at_stop ? (lo > 0 ? lo : 1) : lo + 1;
    const VigieGtfsStop *sa = &stops[t[a].stop], *sb = &stops[t[b].stop];
    const VigieGtfsStop *here = &stops[t[lo].stop];

    if (at_stop)
      {
        position->latitude = here->latitude;
        position->longitude = here->longitude;
      }
    else
      {
        position->latitude = sa->latitude + f * (sb->latitude - sa->latitude);
        position->longitude = sa->longitude + f * (sb->longitude - sa->longitude);
      }
    position->bearing = vigie_geo_bearing_deg (sa->latitude, sa->longitude, sb->latitude, sb->longitude);
  }

  return isfinite (position->latitude) && isfinite (position->longitude);
}

static gint64
service_day_start (GTimeZone   *zone,
                   const GDate *date)
{
  g_autoptr(GDateTime) noon = g_date_time_new (zone,
                                               g_date_get_year (date),
                                               g_date_get_month (date),
                                               g_date_get_day (date),
                                               12, 0, 0);

  return g_date_time_to_unix (noon) - DAY_S / 2;
}

/**
 * vigie_gtfs_active_trips_at:
 * @unix_time: the moment
 *
 * Lists the trips that the timetable has running at @unix_time: those of
 * the services of that day, and those of earlier service days still
 * running past midnight. For timetable positions, and to find scheduled
 * trips that no real-time vehicle covers.
 *
 * Returns: (transfer full) (element-type VigieGtfsPosition): their positions
 */
GArray *
vigie_gtfs_active_trips_at (VigieGtfs *self,
                            gint64     unix_time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree gboolean *active = NULL;
  GArray *positions;
  GDate today;
  guint days_back;

  g_return_val_if_fail (self != NULL, NULL);

  positions = g_array_new (FALSE, FALSE, sizeof (VigieGtfsPosition));
  utc = g_date_time_new_from_unix_utc (unix_time);
  if (utc == NULL)
    return positions;

  local = g_date_time_to_timezone (utc, self->timezone);
  g_date_set_dmy (&today,
                  (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));

  active = g_new (gboolean, MAX (self->services->len, 1));
  days_back = (guint) (self->max_time / DAY_S);

  for (guint back = 0; back <= days_back; back++)
    {
      GDate day = today;
      gint64 start;

      g_date_subtract_days (&day, back);
      start = service_day_start (self->timezone, &day);

      for (guint s = 0; s < self->services->len; s++)
        active[s] = vigie_gtfs_service_is_active (self, s, &day);

      for (guint i = 0; i < self->trips->len; i++)
        {
          const VigieGtfsTrip *trip = &g_array_index (self->trips, VigieGtfsTrip, i);
          VigieGtfsPosition position;

          if (active[trip->service] &&
              vigie_gtfs_trip_position_at (self, trip, start, unix_time, &position))
            g_array_append_val (positions, position);
        }
    }

  return positions;
}

static GVariant *
position_values (VigieGtfs               *self,
                 const VigieGtfsPosition *position)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
  const VigieGtfsTrip *trip = position->trip;
  const VigieGtfsRoute *route = vigie_gtfs_trip_get_route (self, trip);
  const VigieGtfsStopTime *times;
  const VigieGtfsStop *next_stop;
  guint n;

  times = vigie_gtfs_trip_get_stop_times (self, trip, &n);
  next_stop = &g_array_index (self->stops, VigieGtfsStop, times[position->next_stop_time].stop);

  g_variant_dict_insert (&values, "source", "s", "schedule");
  g_variant_dict_insert (&values, "trip_id", "s", trip->id);
  g_variant_dict_insert (&values, "route_id", "s", route->id);
  g_variant_dict_insert (&values, "route_short_name", "s", route->short_name);
  g_variant_dict_insert (&values, "route_color", "s", route->color);
  g_variant_dict_insert (&values, "route_text_color", "s", route->text_color);
  if (trip->direction_id >= 0)
    g_variant_dict_insert (&values, "direction_id", "x", (gint64) trip->direction_id);
  g_variant_dict_insert (&values, "headsign", "s", trip->headsign);
  g_variant_dict_insert (&values, "bearing", "d", position->bearing);
  g_variant_dict_insert (&values, "next_stop_id", "s", next_stop->id);
  g_variant_dict_insert (&values, "next_stop_name", "s", next_stop->name);
  g_variant_dict_insert (&values, "next_stop_at", "x", position->next_stop_at);
  g_variant_dict_insert (&values, "at_stop", "b", position->at_stop);
  g_variant_dict_insert (&values, "dist_m", "d", position->dist_m);

  return g_variant_dict_end (&values);
}

static char *
vehicle_name (const VigieGtfsRoute *route,
              const VigieGtfsTrip  *trip)
{
  if (trip->headsign[0] == '\0')
    return g_strdup (route->short_name);

  return g_strdup_printf ("%s → %s", route->short_name, trip->headsign);
}

/**
 * vigie_gtfs_positions_at:
 * @when: the moment
 *
 * Where the timetable has every running trip at @when: one
 * %VIGIE_ENTITY_VEHICLE per trip, keyed by trip_id, with the values
 * "source" ("schedule"), "trip_id", "route_id", "route_short_name",
 * "route_color", "route_text_color" (hex without '#'), "direction_id" (x,
 * when given), "headsign", "bearing" (d, degrees), "next_stop_id",
 * "next_stop_name", "next_stop_at" (x, unix time scheduled there),
 * "at_stop" (b) and "dist_m" (d, along the shape).
 *
 * Returns: (transfer full): a snapshot of the vehicles
 */
VigieSnapshot *
vigie_gtfs_positions_at (VigieGtfs *self,
                         GDateTime *when)
{
  g_autoptr(GArray) positions = NULL;
  VigieSnapshot *snapshot;
  gint64 now;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (when != NULL, NULL);

  now = g_date_time_to_unix (when);
  positions = vigie_gtfs_active_trips_at (self, now);
  snapshot = vigie_snapshot_new ();
  vigie_snapshot_set_observed_at (snapshot, now);

  for (guint i = 0; i < positions->len; i++)
    {
      const VigieGtfsPosition *position = &g_array_index (positions, VigieGtfsPosition, i);
      const VigieGtfsRoute *route = vigie_gtfs_trip_get_route (self, position->trip);
      g_autofree char *name = vehicle_name (route, position->trip);

      vigie_snapshot_add_entity (snapshot,
                                 vigie_entity_new (VIGIE_ENTITY_VEHICLE,
                                                   position->trip->id,
                                                   name,
                                                   position->latitude,
                                                   position->longitude,
                                                   now,
                                                   position_values (self, position)));
    }

  return snapshot;
}

/*
 * Stops
 */

/**
 * vigie_gtfs_add_stops:
 * @snapshot: a snapshot being built
 * @observed_at: their time
 *
 * Adds the stops that kept routes serve, and their stations, as
 * %VIGIE_ENTITY_STOP entities with the values "location_type" (x),
 * "parent_station" (s, when given), "routes" (as, route short names) and
 * "wheelchair_boarding" (x).
 */
void
vigie_gtfs_add_stops (VigieGtfs     *self,
                      VigieSnapshot *snapshot,
                      gint64         observed_at)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (snapshot != NULL);

  for (guint i = 0; i < self->stops->len; i++)
    {
      const VigieGtfsStop *stop = &g_array_index (self->stops, VigieGtfsStop, i);
      const char * const *routes = i < self->stop_routes->len ? g_ptr_array_index (self->stop_routes, i) : NULL;
      g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

      /* The tram layer does not want the bus stops of the same feed. */
      if (routes == NULL || !isfinite (stop->latitude))
        continue;

      g_variant_dict_insert (&values, "location_type", "x", (gint64) stop->location_type);
      if (stop->parent_station != NULL)
        g_variant_dict_insert (&values, "parent_station", "s", stop->parent_station);
      g_variant_dict_insert_value (&values, "routes", g_variant_new_strv (routes, -1));
      g_variant_dict_insert (&values, "wheelchair_boarding", "x", (gint64) stop->wheelchair_boarding);

      vigie_snapshot_add_entity (snapshot,
                                 vigie_entity_new (VIGIE_ENTITY_STOP, stop->id, stop->name,
                                                   stop->latitude, stop->longitude,
                                                   observed_at,
                                                   g_variant_dict_end (&values)));
    }
}

/*
 * Matching real-time vehicles
 */

/* The best service day for a trip seen at @unix_time: the one whose
 * timetable puts it closest to that moment. */
static gboolean
find_service_day (VigieGtfs           *self,
                  const VigieGtfsTrip *trip,
                  gint64               unix_time,
                  const char          *start_date,
                  gint64              *day_start)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = NULL;
  const VigieGtfsStopTime *t;
  gint64 best_gap = G_MAXINT64;
  GDate today;
  guint n;

  t = vigie_gtfs_trip_get_stop_times (self, trip, &n);
  if (utc == NULL || n < 2)
    return FALSE;

  g_date_clear (&today, 1);
  if (start_date != NULL && vigie_csv_parse_date (start_date, &today))
    {
      *day_start = service_day_start (self->timezone, &today);
      return TRUE;
    }

  local = g_date_time_to_timezone (utc, self->timezone);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today,
                  (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));

  for (guint back = 0; back <= (guint) (self->max_time / DAY_S) + 1; back++)
    {
      GDate day = today;
      gint64 start, gap;

      g_date_subtract_days (&day, back);
      if (!vigie_gtfs_service_is_active (self, trip->service, &day))
        continue;

      start = service_day_start (self->timezone, &day);
      if (unix_time < start + t[0].departure)
        gap = start + t[0].departure - unix_time;
      else if (unix_time > start + t[n - 1].arrival)
        gap = unix_time - (start + t[n - 1].arrival);
      else
        gap = 0;

      if (gap < best_gap)
        {
          best_gap = gap;
          *day_start = start;
        }
    }

  /* A trip hours away from its timetable is another day's. */
  return best_gap < 3 * 3600;
}

static void
add_string (VigieEntityField *values,
            guint            *n_values,
            const char       *key,
            const char       *text)
{
  if (text != NULL)
    values[(*n_values)++] = (VigieEntityField) { key, VIGIE_ENTITY_FIELD_STRING, .s = text };
}

/* A real-time trip reference as the timetable names it. SIRI and NeTEx
 * wrap GTFS ids ("SOLEA-SIMULE:VehicleJourney::1234:", "FR:ServiceJourney:
 * 1234:LOC"): failing the whole reference, the longest part between colons
 * that the timetable knows wins. A handful of hash lookups. */
/**
 * vigie_gtfs_match_trip:
 * @gtfs: a timetable
 * @ref: (nullable): a trip reference from a real-time feed
 *
 * Returns: (nullable): the trip @ref names, wrapped or not
 */
const VigieGtfsTrip *
vigie_gtfs_match_trip (VigieGtfs  *gtfs,
                       const char *ref)
{
  const VigieGtfsTrip *trip;

  if (ref == NULL || *ref == '\0')
    return NULL;
  if ((trip = vigie_gtfs_lookup_trip (gtfs, ref)) != NULL)
    return trip;

  for (const char *start = ref; start != NULL; start = strchr (start, ':'))
    {
      g_autofree char *rest = NULL;
      char *end;

      if (*start == ':')
        start++;
      if (*start == '\0' || *start == ':')
        continue;

      rest = g_strdup (start);
      if (start != ref && (trip = vigie_gtfs_lookup_trip (gtfs, rest)) != NULL)
        return trip;
      while ((end = strrchr (rest, ':')) != NULL)
        {
          *end = '\0';
          if (*rest != '\0' && (trip = vigie_gtfs_lookup_trip (gtfs, rest)) != NULL)
            return trip;
        }
    }

  return NULL;
}

/**
 * vigie_gtfs_enrich_vehicle:
 * @vehicle: a real-time vehicle, with "trip_id" and/or "route_id" values
 *
 * Adds what the timetable knows about a real-time vehicle: its route's
 * "route_short_name", "route_color", "route_text_color", the trip's
 * "headsign" and "direction_id", and, when its trip and where it is are
 * known and it gives no delay of its own, "delay_s" (x, seconds late,
 * negative when early) from its position along the trip's shape, or from
 * the stop it is at ("stop_id" or "next_stop_id" with "current_status"
 * "stopped_at"). A GTFS-Realtime "start_date" (YYYYMMDD) names the service
 * day; otherwise it is the day that puts the trip nearest its timetable. Values
 * the vehicle already has are kept.
 *
 * Returns: (transfer full): a new entity, a copy of @vehicle when the
 *   timetable knows nothing of it
 */
VigieEntity *
vigie_gtfs_enrich_vehicle (VigieGtfs   *self,
                           VigieEntity *vehicle)
{
  VigieEntityField values[8];
  guint n_values = 0;
  const VigieGtfsTrip *trip = NULL;
  const VigieGtfsRoute *route = NULL;
  gint64 observed_at, day_start = 0;
  const char *stop_id, *status;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (VIGIE_IS_ENTITY (vehicle), NULL);

  trip = vigie_gtfs_match_trip (self, vigie_entity_lookup_string (vehicle, "trip_id"));
  if (trip != NULL)
    route = vigie_gtfs_trip_get_route (self, trip);
  else
    route = vigie_gtfs_lookup_route (self, vigie_entity_lookup_string (vehicle, "route_id"));

  if (route == NULL)
    return vigie_entity_copy (vehicle);

  /* The timetable's values where the vehicle has none of its own. */
  add_string (values, &n_values, "route_id", route->id);
  add_string (values, &n_values, "route_short_name", route->short_name);
  add_string (values, &n_values, "route_color", route->color);
  add_string (values, &n_values, "route_text_color", route->text_color);
  if (trip != NULL)
    {
      add_string (values, &n_values, "headsign", trip->headsign);
      if (trip->direction_id >= 0)
        values[n_values++] = (VigieEntityField) { "direction_id", VIGIE_ENTITY_FIELD_INT, .i = trip->direction_id };
    }

  observed_at = vigie_entity_get_observed_at (vehicle);
  stop_id = vigie_entity_lookup_string (vehicle, "stop_id");
  if (stop_id == NULL)
    stop_id = vigie_entity_lookup_string (vehicle, "next_stop_id");
  status = vigie_entity_lookup_string (vehicle, "current_status");

  if (trip != NULL && observed_at > 0 && !vigie_entity_lookup_int (vehicle, "delay_s", NULL) &&
      find_service_day (self, trip, observed_at, vigie_entity_lookup_string (vehicle, "start_date"), &day_start))
    {
      const VigieGtfsStopTime *t;
      gboolean known = FALSE;
      gint32 scheduled = 0;
      double dist, offset;
      guint n;

      t = vigie_gtfs_trip_get_stop_times (self, trip, &n);

      if (stop_id != NULL && status != NULL && g_ascii_strcasecmp (status, "stopped_at") == 0)
        {
          for (guint i = 0; i < n && !known; i++)
            if (g_str_equal (g_array_index (self->stops, VigieGtfsStop, t[i].stop).id, stop_id))
              {
                scheduled = t[i].departure;
                known = TRUE;
              }
        }

      /* Further than this from its line, a position says nothing of the
       * timetable. */
      if (!known && vigie_entity_has_position (vehicle) &&
          vigie_gtfs_trip_project (self, trip,
                                   vigie_entity_get_latitude (vehicle),
                                   vigie_entity_get_longitude (vehicle),
                                   &dist, &offset) &&
          offset < 200.0)
        known = vigie_gtfs_trip_time_at (self, trip, dist, &scheduled);

      if (known)
        values[n_values++] = (VigieEntityField) { "delay_s", VIGIE_ENTITY_FIELD_INT,
                                                  .i = observed_at - (day_start + scheduled) };
    }

  return vigie_entity_new_with_fields (vehicle, NULL,
                                       vigie_entity_get_name (vehicle) ? vigie_entity_get_name (vehicle)
                                                                       : (trip ? trip->headsign : route->short_name),
                                       values, n_values);
}
