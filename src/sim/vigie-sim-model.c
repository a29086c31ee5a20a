/* vigie-sim-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-sim-model"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "vigie-sim-model.h"

/* How many of the trips run early, late, with no timestamp or stale, per
 * thousand: "most within ±2 min, a few late by 3–8 min". */
#define TRIPS_EARLY_PER_MILLE     80
#define TRIPS_LATE_PER_MILLE      90
#define TRIPS_NO_TIME_PER_MILLE   50
#define TRIPS_STALE_PER_MILLE     50

static const char * const day_codes[] = { "SEM", "SAM", "DIM" };

/*
 * Hashes and noise
 */

guint64
vigie_sim_hash (guint64 a,
                guint64 b,
                guint64 c)
{
  /* splitmix64's finalizer, chained. */
  guint64 x = a ^ (b * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) ^ (c * G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F));

  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94D049BB133111EB);
  x ^= x >> 31;
  x += c;
  x ^= x >> 29;
  x *= G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  x ^= x >> 32;

  return x;
}

guint64
vigie_sim_hash_string (const char *text)
{
  /* FNV-1a: the same on every platform, unlike g_str_hash's width. */
  guint64 h = G_GUINT64_CONSTANT (0xCBF29CE484222325);

  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      h ^= *p;
      h *= G_GUINT64_CONSTANT (0x100000001B3);
    }

  return h;
}

double
vigie_sim_unit (guint64 hash)
{
  return (hash >> 11) * (1.0 / 9007199254740992.0);
}

static double
smoothstep (double x)
{
  x = CLAMP (x, 0.0, 1.0);
  return x * x * (3.0 - 2.0 * x);
}

/* Value noise in [0, 1], smooth over time with the given period. */
static double
noise (guint64 seed,
       guint64 key,
       gint64  t,
       gint64  period)
{
  gint64 bucket = t >= 0 ? t / period : (t - period + 1) / period;
  double frac = (double) (t - bucket * period) / period;
  double a = vigie_sim_unit (vigie_sim_hash (seed, key, bucket));
  double b = vigie_sim_unit (vigie_sim_hash (seed, key, bucket + 1));

  return a + (b - a) * smoothstep (frac);
}

/* A bump rising from @start to 1 at @peak and back to 0 at @end. */
static double
bump (double x,
      double start,
      double peak,
      double end)
{
  if (x <= start || x >= end)
    return 0.0;
  if (x < peak)
    return smoothstep ((x - start) / (peak - start));
  return smoothstep ((end - x) / (end - peak));
}

/*
 * Days and hours
 */

VigieSimDayType
vigie_sim_day_type (GDateTime *local)
{
  switch (g_date_time_get_day_of_week (local))
    {
    case 6:
      return VIGIE_SIM_DAY_SATURDAY;
    case 7:
      return VIGIE_SIM_DAY_SUNDAY;
    default:
      return VIGIE_SIM_DAY_WEEKDAY;
    }
}

double
vigie_sim_local_hour (const VigieSimContext *context,
                      gint64                 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, context->tz);

  return g_date_time_get_hour (local) + g_date_time_get_minute (local) / 60.0 +
         g_date_time_get_second (local) / 3600.0;
}

int
vigie_sim_weekday (const VigieSimContext *context,
                   gint64                 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, context->tz);

  return g_date_time_get_day_of_week (local);
}

/*
 * Trams
 */

void
vigie_sim_copy_position (guint   base,
                         guint   copy,
                         double *lat,
                         double *lon)
{
  double angle, metres;

  if (copy == 0)
    return;

  /* Copies spread around their original, wider as they multiply. */
  angle = vigie_sim_unit (vigie_sim_hash (base, copy, 1)) * 2.0 * G_PI;
  metres = 250.0 * sqrt (copy) * (0.5 + vigie_sim_unit (vigie_sim_hash (base, copy, 2)));
  *lon += metres * sin (angle) / (111320.0 * cos (*lat * G_PI / 180.0));
  *lat += metres * cos (angle) / 111320.0;
}

GArray *
vigie_sim_departures (const VigieSimLine *line,
                      guint               direction,
                      VigieSimDayType     day)
{
  const VigieSimDirection *d = &line->directions[direction];
  GArray *departures = g_array_new (FALSE, FALSE, sizeof (int));
  /* Lines are offset from each other so that they do not all leave on the hour. */
  int phase = (int) (vigie_sim_hash_string (line->id) % 6) * 60 + (int) direction * 120;

  for (int h = 0; h < 24; h++)
    {
      int n = d->departures_per_hour[day][h];

      for (int i = 0; i < n; i++)
        {
          int t = h * 3600 + phase + (i * 3600 / n) / 60 * 60;

          g_array_append_val (departures, t);
        }
    }

  return departures;
}

void
vigie_sim_format_trip_id (char               *buffer,
                          gsize               size,
                          const VigieSimLine *line,
                          guint               direction,
                          VigieSimDayType     day,
                          int                 departure)
{
  g_snprintf (buffer, size, "%s-%s-%u-%02d%02d", line->id, day_codes[day], direction,
              departure / 3600, departure / 60 % 60);
}

static void
point_along (const VigieSimDirection *d,
             double                   dist,
             double                  *lat,
             double                  *lon,
             double                  *bearing)
{
  guint lo = 0, hi = d->n_shape - 1;
  double f, dx, dy;

  dist = CLAMP (dist, 0.0, d->shape_dist[d->n_shape - 1]);
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (d->shape_dist[mid] <= dist)
        lo = mid;
      else
        hi = mid;
    }

  f = d->shape_dist[hi] > d->shape_dist[lo] ?
      (dist - d->shape_dist[lo]) / (d->shape_dist[hi] - d->shape_dist[lo]) : 0.0;
  *lat = d->shape[lo].lat + f * (d->shape[hi].lat - d->shape[lo].lat);
  *lon = d->shape[lo].lon + f * (d->shape[hi].lon - d->shape[lo].lon);

  dx = (d->shape[hi].lon - d->shape[lo].lon) * cos (*lat * G_PI / 180.0);
  dy = d->shape[hi].lat - d->shape[lo].lat;
  *bearing = fmod (atan2 (dx, dy) * 180.0 / G_PI + 360.0, 360.0);
}

/* Where a trip is @elapsed seconds after its departure, by its timetable;
 * FALSE when it has not left or has arrived. */
static gboolean
place_on_trip (const VigieSimDirection *d,
               double                   elapsed,
               VigieSimTram            *tram)
{
  double dist;

  if (elapsed < 0 || elapsed > d->arrival_offset[d->n_stops - 1])
    return FALSE;

  for (guint i = 0; i + 1 < d->n_stops; i++)
    {
      double leave = d->arrival_offset[i] + d->dwell[i];
      double next = d->arrival_offset[i + 1];

      if (elapsed >= next)
        continue;

      if (elapsed < leave)
        {
          tram->stop_index = i;
          tram->stopped = TRUE;
          tram->speed = 0.0;
          dist = d->stop_dist[i];
        }
      else
        {
          double span = MAX (next - leave, 1.0);
          double f = (elapsed - leave) / span;
          double metres = d->stop_dist[i + 1] - d->stop_dist[i];

          /* Accelerate out of a stop, brake into the next. */
          tram->stop_index = i + 1;
          tram->stopped = FALSE;
          tram->speed = metres / span * 6.0 * f * (1.0 - f);
          dist = d->stop_dist[i] + smoothstep (f) * metres;
        }

      point_along (d, dist, &tram->lat, &tram->lon, &tram->bearing);
      return TRUE;
    }

  tram->stop_index = d->n_stops - 1;
  tram->stopped = TRUE;
  tram->speed = 0.0;
  point_along (d, d->stop_dist[d->n_stops - 1], &tram->lat, &tram->lon, &tram->bearing);

  return TRUE;
}

static int
trip_delay (guint64 seed,
            guint64 trip)
{
  guint64 h = vigie_sim_hash (seed, trip, 11);
  guint per_mille = h % 1000;
  double u = vigie_sim_unit (vigie_sim_hash (seed, trip, 12));

  if (per_mille < TRIPS_EARLY_PER_MILLE)
    return -(int) (30 + u * 90);
  if (per_mille >= 1000 - TRIPS_LATE_PER_MILLE)
    return (int) (180 + u * 300);

  return (int) (u * 210) - 90;
}

/* The trams running at @t; with @ahead > 0, instead, the trips still at
 * their first stop that leave it within @ahead seconds, late or early as
 * they will be. */
static void
add_trams_of_day (const VigieSimCity    *city,
                  const VigieSimContext *context,
                  GDateTime             *day_local,
                  gboolean               yesterday,
                  gint64                 t,
                  gint64                 ahead,
                  guint                  copy,
                  GArray                *trams)
{
  VigieSimDayType day = vigie_sim_day_type (day_local);
  g_autoptr(GDateTime) midnight = NULL;
  g_autofree char *date = g_date_time_format (day_local, "%Y%m%d");
  gint64 midnight_unix;

  midnight = g_date_time_new (context->tz, g_date_time_get_year (day_local),
                              g_date_time_get_month (day_local),
                              g_date_time_get_day_of_month (day_local), 0, 0, 0);
  midnight_unix = g_date_time_to_unix (midnight);

  for (guint l = 0; l < city->lines->len; l++)
    {
      const VigieSimLine *line = g_ptr_array_index (city->lines, l);

      for (guint dir = 0; dir < line->n_directions; dir++)
        {
          const VigieSimDirection *d = &line->directions[dir];
          g_autoptr(GArray) departures = vigie_sim_departures (line, dir, day);
          int total = d->arrival_offset[d->n_stops - 1];

          for (guint k = 0; k < departures->len; k++)
            {
              int departure = g_array_index (departures, int, k);
              VigieSimTram tram = { 0 };
              guint64 trip_hash;
              gint64 seen = t;
              double elapsed;
              guint number;
              guint kind;

              /* Cheap bounds first: most trips of the day are not running. */
              elapsed = (double) (t - midnight_unix - departure);
              if (elapsed < -300 - ahead || elapsed > total + 600)
                continue;

              vigie_sim_format_trip_id (tram.trip_id, sizeof tram.trip_id, line, dir, day, departure);
              trip_hash = vigie_sim_hash (vigie_sim_hash_string (tram.trip_id),
                                          vigie_sim_hash_string (date), copy);
              tram.delay = trip_delay (context->seed, trip_hash);

              kind = vigie_sim_hash (context->seed, trip_hash, 13) % 1000;
              if (ahead > 0)
                {
                  gint64 leaves = midnight_unix + departure + tram.delay;

                  if (leaves <= t || leaves > t + ahead)
                    continue;
                  /* Announced as leaving on time at the earliest: no
                   * operator tells a tram to leave its terminus early. */
                  tram.delay = MAX (tram.delay, 0);
                  tram.stop_index = 0;
                  tram.stopped = TRUE;
                  point_along (d, d->stop_dist[0], &tram.lat, &tram.lon, &tram.bearing);
                }
              else
                {
                  if (kind < TRIPS_STALE_PER_MILLE)
                    seen = t - 240 - (gint64) (vigie_sim_hash (context->seed, trip_hash, 14) % 360);
                  if (!place_on_trip (d, (double) (seen - midnight_unix - departure - tram.delay), &tram))
                    continue;
                }

              tram.line = line;
              tram.direction = dir;
              tram.copy = copy;
              g_snprintf (tram.start_time, sizeof tram.start_time, "%02d:%02d:%02d",
                          departure / 3600, departure / 60 % 60, departure % 60);
              g_strlcpy (tram.start_date, date, sizeof tram.start_date);
              /* Fewer than 20 trams run in a direction at once: numbers
               * by line, direction and day cannot meet in one feed. */
              number = 2001 + l * 100 + dir * 40 + (yesterday ? 20 : 0) + k % 20;
              if (copy == 0)
                g_snprintf (tram.vehicle_id, sizeof tram.vehicle_id, "%u", number);
              else
                g_snprintf (tram.vehicle_id, sizeof tram.vehicle_id, "%u-%u", number, copy);
              tram.aimed_departure = midnight_unix + departure + d->arrival_offset[tram.stop_index] +
                                     d->dwell[tram.stop_index];

              /* Measured a few seconds ago; stale trams long ago; some send
               * no time; a trip yet to leave has no measure, only its
               * prediction. */
              if (ahead > 0 ||
                  (kind >= TRIPS_STALE_PER_MILLE && kind < TRIPS_STALE_PER_MILLE + TRIPS_NO_TIME_PER_MILLE))
                tram.timestamp = 0;
              else
                tram.timestamp = context->now - (t - seen) -
                                 (gint64) (vigie_sim_hash (trip_hash, seen / 10, 15) % 8);

              g_array_append_val (trams, tram);
              if (trams->len >= VIGIE_SIM_MAX_ENTITIES)
                return;
            }
        }
    }
}

GArray *
vigie_sim_trams (const VigieSimCity    *city,
                 const VigieSimContext *context)
{
  GArray *trams = g_array_new (FALSE, TRUE, sizeof (VigieSimTram));

  for (guint copy = 0; copy < context->scale && trams->len < VIGIE_SIM_MAX_ENTITIES; copy++)
    {
      /* Copies run the same timetable, shifted by a little over a minute each. */
      gint64 t = context->value_time - (gint64) copy * 67;
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
      g_autoptr(GDateTime) today = g_date_time_to_timezone (utc, context->tz);
      g_autoptr(GDateTime) yesterday = g_date_time_add_days (today, -1);

      /* A trip leaving at 23:50 runs past midnight on yesterday's timetable. */
      add_trams_of_day (city, context, yesterday, TRUE, t, 0, copy, trams);
      if (trams->len < VIGIE_SIM_MAX_ENTITIES)
        add_trams_of_day (city, context, today, FALSE, t, 0, copy, trams);
    }

  return trams;
}

/**
 * vigie_sim_trips_ahead:
 * @ahead: how far ahead, seconds
 *
 * The timetable's trips (not the stress copies) still at their first stop
 * that leave it within @ahead seconds, as an operator's system predicts
 * them from the tram that will run them: stopped at their first stop,
 * with the delay they will leave with (none when early: a terminus's
 * times are kept). Never one of vigie_sim_trams().
 *
 * Returns: (transfer full) (element-type VigieSimTram): the trips
 */
GArray *
vigie_sim_trips_ahead (const VigieSimCity    *city,
                       const VigieSimContext *context,
                       gint64                 ahead)
{
  GArray *trips = g_array_new (FALSE, TRUE, sizeof (VigieSimTram));
  gint64 t = context->value_time;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) today = g_date_time_to_timezone (utc, context->tz);
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (today, -1);

  g_return_val_if_fail (ahead > 0, trips);

  add_trams_of_day (city, context, yesterday, TRUE, t, ahead, 0, trips);
  if (trips->len < VIGIE_SIM_MAX_ENTITIES)
    add_trams_of_day (city, context, today, FALSE, t, ahead, 0, trips);

  return trips;
}

/*
 * Bike stations
 */

static double
station_centrality (const VigieSimCity *city,
                    double              lat,
                    double              lon)
{
  double d = vigie_sim_distance_m (lat, lon, city->center_lat, city->center_lon);

  return CLAMP (1.0 - d / 2200.0, 0.0, 1.0);
}

/* The commuters' tide: positive when people have come into the centre
 * (morning), negative when they have gone home (evening), none at night. */
static double
tide (double hour,
      int    weekday)
{
  double amplitude = weekday >= 6 ? 0.35 : 1.0;
  double in = bump (hour, 6.5, 9.0, 17.5) * (hour < 9.0 ? 1.0 : 0.85);
  double out = bump (hour, 16.5, 19.0, 23.5) * 0.5;

  return amplitude * (in - out);
}

/* When a site or vehicle last reported: up to @max_age seconds ago, drawn
 * afresh every @period seconds of simulated time. */
static gint64
reported_at (const VigieSimContext *context,
             guint64                key,
             gint64                 period,
             guint                  salt,
             guint                  max_age)
{
  return context->now - (gint64) (vigie_sim_hash (key, context->value_time / period, salt) % max_age);
}

/* The fields every site has: its real station or place (@base), or
 * copy @copy of it, named and placed apart from the others. */
static void
site_init (VigieSimSite *site,
           const char   *id,
           const char   *name,
           double        lat,
           double        lon,
           guint         capacity,
           guint         base,
           guint         copy)
{
  if (copy == 0)
    {
      g_strlcpy (site->id, id, sizeof site->id);
      /* No "(simulé)" after each name: not in the operator's language,
       * and the app says the whole demo is simulated. */
      g_strlcpy (site->name, name, sizeof site->name);
    }
  else
    {
      g_snprintf (site->id, sizeof site->id, "%s-%u", id, copy);
      g_snprintf (site->name, sizeof site->name, "%s %u", name, copy + 1);
    }
  site->lat = lat;
  site->lon = lon;
  vigie_sim_copy_position (base, copy, &site->lat, &site->lon);
  site->capacity = capacity;
  site->base = base;
  site->copy = copy;
}

GArray *
vigie_sim_bike_stations (const VigieSimCity    *city,
                         const VigieSimContext *context)
{
  GArray *sites = g_array_new (FALSE, TRUE, sizeof (VigieSimSite));
  double hour = vigie_sim_local_hour (context, context->value_time);
  int weekday = vigie_sim_weekday (context, context->value_time);
  double flow = tide (hour, weekday);
  guint n = city->bike_stations->len;
  guint closed = vigie_sim_hash (context->seed, 0, 21) % n;

  for (guint copy = 0; copy < context->scale; copy++)
    for (guint i = 0; i < n && sites->len < VIGIE_SIM_MAX_ENTITIES; i++)
      {
        const VigieSimStation *station = g_ptr_array_index (city->bike_stations, i);
        VigieSimSite site = { 0 };
        guint64 key = vigie_sim_hash (i, copy, 22);
        double bias = 0.0, fill, centrality;
        guint kind = vigie_sim_hash (context->seed, key, 23) % 100;
        guint bikes;

        site_init (&site, station->id, station->name, station->lat, station->lon, station->capacity, i, copy);
        centrality = station_centrality (city, site.lat, site.lon);

        /* A few stations are always nearly empty or nearly full. */
        if (kind < 8)
          bias = -0.45;
        else if (kind >= 92)
          bias = 0.45;

        fill = 0.42 + 0.2 * (vigie_sim_unit (vigie_sim_hash (context->seed, key, 24)) - 0.5) +
               flow * (centrality - 0.4) * 1.3 +
               0.3 * (noise (context->seed, key, context->value_time, 1200) - 0.5) + bias;
        bikes = (guint) lround (CLAMP (fill, 0.0, 1.0) * site.capacity);
        site.disabled = vigie_sim_hash (context->seed, key, context->value_time / 3600) % 10 == 0 ? 1 : 0;
        if (bikes + site.disabled > site.capacity)
          site.disabled = 0;
        site.available = bikes;
        site.is_renting = !(copy == 0 && i == closed);
        site.is_returning = site.is_renting;
        site.last_reported = reported_at (context, key, 60, 25, 180);
        g_array_append_val (sites, site);
      }

  return sites;
}

/*
 * Car parks and meters
 */

static double
car_out_probability (double hour,
                     int    weekday)
{
  double day = bump (hour, 6.5, 10.0, 21.0);

  return weekday >= 6 ? 0.10 + 0.50 * bump (hour, 8.0, 14.0, 22.0) : 0.08 + 0.40 * day;
}

GArray *
vigie_sim_car_stations (const VigieSimCity    *city,
                        const VigieSimContext *context,
                        GArray               **cars_out)
{
  GArray *sites = g_array_new (FALSE, TRUE, sizeof (VigieSimSite));
  GArray *cars = g_array_new (FALSE, TRUE, sizeof (VigieSimCar));
  double hour = vigie_sim_local_hour (context, context->value_time);
  double p_out = car_out_probability (hour, vigie_sim_weekday (context, context->value_time));
  guint n = city->car_stations->len;
  guint broken = vigie_sim_hash (context->seed, 0, 31) % MAX (n, 1);

  for (guint copy = 0; copy < context->scale; copy++)
    for (guint i = 0; i < n && sites->len + cars->len < VIGIE_SIM_MAX_ENTITIES; i++)
      {
        const VigieSimStation *station = g_ptr_array_index (city->car_stations, i);
        VigieSimSite site = { 0 };
        guint64 key = vigie_sim_hash (i, copy, 32);

        site_init (&site, station->id, station->name, station->lat, station->lon, station->capacity, i, copy);
        site.is_renting = TRUE;
        site.is_returning = TRUE;
        /* Citiz stations report rarely: months-old last_reported is normal. */
        if (vigie_sim_hash (context->seed, key, 33) % 4 == 0)
          site.last_reported = context->now - 86400 * (30 + (gint64) (vigie_sim_hash (context->seed, key, 34) % 90));
        else
          site.last_reported = reported_at (context, key, 300, 35, 3600);

        for (guint k = 0; k < site.capacity; k++)
          {
            VigieSimCar car = { 0 };
            guint64 car_key = vigie_sim_hash (key, k, 36);
            gint64 bucket = context->value_time / 1800;

            if (sites->len + cars->len + 1 >= VIGIE_SIM_MAX_ENTITIES)
              break;

            /* Out on a round trip: not listed, the station has one less. */
            if (vigie_sim_unit (vigie_sim_hash (context->seed, car_key, bucket)) < p_out)
              continue;

            g_snprintf (car.id, sizeof car.id, "%s%u", site.id, k + 1);
            g_strlcpy (car.station_id, site.id, sizeof car.station_id);
            car.electric = vigie_sim_hash (car_key, 0, 37) % 10 < 3;
            car.is_reserved = vigie_sim_hash (context->seed, car_key, bucket + 1000) % 100 < 8;
            car.is_disabled = copy == 0 && i == broken && k == 0;
            /* Citiz shows some cars reserved and disabled at once. */
            if (car.is_disabled)
              car.is_reserved = TRUE;
            car.fuel = 0.12 + 0.88 * noise (context->seed, car_key, context->value_time, 6 * 3600);
            car.lat = site.lat;
            car.lon = site.lon;
            car.last_reported = reported_at (context, car_key, 60, 38, 600);
            g_array_append_val (cars, car);

            if (!car.is_reserved && !car.is_disabled)
              site.available++;
            else if (car.is_disabled)
              site.disabled++;
          }

        g_array_append_val (sites, site);
      }

  *cars_out = cars;

  return sites;
}

GArray *
vigie_sim_meter_zones (const VigieSimCity    *city,
                       const VigieSimContext *context)
{
  GArray *sites = g_array_new (FALSE, TRUE, sizeof (VigieSimSite));
  double hour = vigie_sim_local_hour (context, context->value_time);
  int weekday = vigie_sim_weekday (context, context->value_time);
  /* Paid parking runs Monday to Saturday, 9:00 to 19:00; residents fill the
   * streets at night. */
  double day = weekday == 7 ? 0.25 * bump (hour, 10.0, 15.0, 20.0) :
               bump (hour, 7.5, 11.0, 19.5) * 0.6 + bump (hour, 13.0, 16.0, 19.5) * 0.3;

  for (guint copy = 0; copy < context->scale; copy++)
    for (guint i = 0; i < city->meter_zones->len && sites->len < VIGIE_SIM_MAX_ENTITIES; i++)
      {
        const VigieSimZone *zone = g_ptr_array_index (city->meter_zones, i);
        VigieSimSite site = { 0 };
        guint64 key = vigie_sim_hash (i, copy, 41);
        double orange = g_strcmp0 (zone->tariff, "orange") == 0 ? 0.1 : 0.0;
        double occupancy;
        guint occupied;

        site_init (&site, zone->id, zone->name, zone->points[0].lat, zone->points[0].lon, zone->spots, i, copy);
        occupancy = 0.45 + 0.1 * vigie_sim_unit (vigie_sim_hash (context->seed, key, 42)) +
                    day * (0.45 + orange) - (1.0 - day) * 0.1 +
                    0.2 * (noise (context->seed, key, context->value_time, 900) - 0.5);
        occupied = (guint) lround (CLAMP (occupancy, 0.0, 1.0) * site.capacity);
        site.available = site.capacity - occupied;
        site.is_renting = TRUE;
        site.last_reported = reported_at (context, key, 60, 43, 120);
        g_array_append_val (sites, site);
      }

  return sites;
}

GArray *
vigie_sim_car_parks (const VigieSimCity    *city,
                     const VigieSimContext *context)
{
  GArray *sites = g_array_new (FALSE, TRUE, sizeof (VigieSimSite));
  double hour = vigie_sim_local_hour (context, context->value_time);
  int weekday = vigie_sim_weekday (context, context->value_time);
  double day = bump (hour, 7.0, 15.0, 21.0) * (weekday == 6 ? 1.0 : weekday == 7 ? 0.4 : 0.85);

  for (guint copy = 0; copy < context->scale; copy++)
    for (guint i = 0; i < city->car_parks->len && sites->len < VIGIE_SIM_MAX_ENTITIES; i++)
      {
        const VigieSimStation *park = g_ptr_array_index (city->car_parks, i);
        VigieSimSite site = { 0 };
        guint64 key = vigie_sim_hash (i, copy, 51);
        double occupancy;

        site_init (&site, park->id, park->name, park->lat, park->lon, park->capacity, i, copy);
        occupancy = 0.15 + day * (0.75 + 0.15 * vigie_sim_unit (vigie_sim_hash (context->seed, key, 52))) +
                    0.1 * (noise (context->seed, key, context->value_time, 1800) - 0.5);
        site.available = site.capacity - (guint) lround (CLAMP (occupancy, 0.0, 1.0) * site.capacity);
        site.is_renting = TRUE;
        site.last_reported = reported_at (context, key, 60, 53, 60);
        g_array_append_val (sites, site);
      }

  return sites;
}

/*
 * Wi-Fi hotspots
 */

static double
place_load (guint64 seed,
            guint   events,
            double  hour,
            int     weekday,
            gint64  day_number)
{
  double load = 0.04 + 0.08 * bump (hour, 8.0, 14.0, 22.0);

  /* Market days: Tuesday, Thursday and Saturday mornings. */
  if ((events & VIGIE_SIM_EVENT_MARKET) && (weekday == 2 || weekday == 4 || weekday == 6))
    load += 0.85 * bump (hour, 6.5, 10.0, 13.5);
  if (events & VIGIE_SIM_EVENT_COMMUTE)
    load += weekday < 6 ? 0.7 * bump (hour, 6.0, 7.75, 9.5) + 0.8 * bump (hour, 16.0, 18.0, 19.5) :
                          0.3 * bump (hour, 8.0, 14.0, 20.0);
  if (events & VIGIE_SIM_EVENT_SHOPPING)
    load += weekday < 7 ? 0.55 * bump (hour, 9.5, 16.0, 19.5) * (weekday == 6 ? 1.4 : 1.0) : 0.0;
  if (events & VIGIE_SIM_EVENT_EVENING)
    load += 0.9 * bump (hour, 17.0, 21.0, 23.9);
  if (events & VIGIE_SIM_EVENT_PARK)
    load += (weekday >= 6 ? 0.7 : 0.35) * bump (hour, 10.0, 15.5, 20.5);
  if (events & VIGIE_SIM_EVENT_CAMPUS)
    load += weekday < 6 ? 0.75 * bump (hour, 7.5, 11.0, 18.5) : 0.05;
  if (events & VIGIE_SIM_EVENT_MUSEUM)
    load += 0.5 * bump (hour, 9.5, 15.0, 18.5);
  /* A concert now and then: one evening in four, over capacity. */
  if ((events & VIGIE_SIM_EVENT_CONCERT) && vigie_sim_hash (seed, day_number, 61) % 4 == 0)
    load += 1.3 * bump (hour, 19.0, 21.5, 23.9);

  return load;
}

GArray *
vigie_sim_hotspots (const VigieSimCity    *city,
                    const VigieSimContext *context)
{
  GArray *sites = g_array_new (FALSE, TRUE, sizeof (VigieSimSite));
  double hour = vigie_sim_local_hour (context, context->value_time);
  int weekday = vigie_sim_weekday (context, context->value_time);
  gint64 day_number = (context->value_time + 3600) / 86400;

  for (guint copy = 0; copy < context->scale; copy++)
    for (guint i = 0; i < city->places->len && sites->len < VIGIE_SIM_MAX_ENTITIES; i++)
      {
        const VigieSimPlace *place = g_ptr_array_index (city->places, i);
        VigieSimSite site = { 0 };
        guint64 key = vigie_sim_hash (i, copy, 62);
        double load;

        site_init (&site, place->id, place->name, place->lat, place->lon, place->capacity, i, copy);
        load = place_load (context->seed, place->events, hour, weekday, day_number + copy) *
               (0.85 + 0.3 * noise (context->seed, key, context->value_time, 600));
        site.available = (guint) lround (MAX (load, 0.0) * site.capacity);
        /* "disabled" counts access points down: now and then one for an hour. */
        site.disabled = place->aps > 1 && vigie_sim_hash (context->seed, key, context->value_time / 3600) % 20 == 0 ? 1 : 0;
        site.is_renting = TRUE;
        site.last_reported = reported_at (context, key, 60, 63, 60);
        g_array_append_val (sites, site);
      }

  return sites;
}
