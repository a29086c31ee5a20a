/* vigie-gtfs-load.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-gtfs"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vigie-format.h"
#include "vigie-geo.h"
#include "vigie-gtfs.h"
#include "vigie-gtfs-load-private.h"
#include "vigie-hash.h"

/* The zip is read three times from memory, each time streaming only the
 * entries that pass needs, because the files come in any order and each
 * level filters the next: routes decide which trips are kept, trips which
 * shapes and stop times. Nothing is unpacked whole: each entry is parsed as
 * libarchive inflates it. Records live in flat arrays and point to each
 * other by index; every string is interned once.
 *
 * The row readers are in vigie-gtfs-rows.c, the zip reading in
 * vigie-gtfs-zip.c; this file builds the timetable from what they read. */

/*
 * Auxiliary functions
 */

static int
compare_exceptions (gconstpointer a,
                    gconstpointer b)
{
  const Exception *x = a, *y = b;

  if (x->service != y->service)
    return x->service < y->service ? -1 : 1;
  return x->julian < y->julian ? -1 : x->julian > y->julian;
}

static void
build_services (Loader *loader)
{
  VigieGtfs *self = loader->gtfs;

  g_array_sort (loader->raw_exceptions, compare_exceptions);

  for (guint i = 0; i < loader->raw_exceptions->len; i++)
    {
      Exception *e = &g_array_index (loader->raw_exceptions, Exception, i);
      Service *service = &g_array_index (self->services, Service, e->service);

      if (service->n_exceptions == 0)
        service->first_exception = self->exceptions->len;
      service->n_exceptions++;
      g_array_append_val (self->exceptions, *e);
    }
}

static void
link_parent_stations (VigieGtfs *self)
{
  for (guint i = 0; i < self->stops->len; i++)
    {
      VigieGtfsStop *stop = &g_array_index (self->stops, VigieGtfsStop, i);
      gboolean found;
      guint parent;

      if (stop->parent_station == NULL)
        continue;

      parent = vigie_gtfs_lookup_index (self->stop_index, stop->parent_station, &found);
      if (found && parent != i)
        stop->parent = (int) parent;
      else
        vigie_gtfs_load_warn (self, _("Stop %s names an unknown parent station “%s”"),
                              stop->id, stop->parent_station);
    }
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const RawPoint *x = a, *y = b;

  if (x->shape != y->shape)
    return x->shape < y->shape ? -1 : 1;
  return x->sequence < y->sequence ? -1 : x->sequence > y->sequence;
}

static void
build_shapes (Loader *loader)
{
  VigieGtfs *self = loader->gtfs;
  GArray *raw = loader->raw_points;

  g_array_sort (raw, compare_points);
  g_array_set_size (self->points, 0);
  g_array_set_size (loader->point_dists, 0);

  for (guint i = 0; i < raw->len; i++)
    {
      RawPoint *r = &g_array_index (raw, RawPoint, i);
      Shape *shape = &g_array_index (self->shapes, Shape, r->shape);
      VigieGtfsShapePoint point = { r->latitude, r->longitude, 0.0 };

      if (shape->n_points == 0)
        shape->first_point = self->points->len;
      else
        {
          VigieGtfsShapePoint *last = &g_array_index (self->points, VigieGtfsShapePoint, self->points->len - 1);
          float last_dist = g_array_index (loader->point_dists, float, loader->point_dists->len - 1);

          point.dist_m = last->dist_m + vigie_geo_distance_m (last->latitude, last->longitude,
                                                             point.latitude, point.longitude);
          /* Distances that go backwards are as good as none. */
          if (!isnan (r->shape_dist) && !isnan (last_dist) && r->shape_dist < last_dist)
            shape->has_dist = FALSE;
        }

      if (isnan (r->shape_dist))
        shape->has_dist = FALSE;

      shape->n_points++;
      g_array_append_val (self->points, point);
      g_array_append_val (loader->point_dists, r->shape_dist);
    }

  for (guint i = 0; i < self->shapes->len; i++)
    {
      Shape *shape = &g_array_index (self->shapes, Shape, i);

      if (shape->n_points < 2)
        {
          loader->n_unknown_shapes++;
          shape->n_points = 0;
          shape->has_dist = FALSE;
        }
    }

  g_array_set_size (raw, 0);
}

static int
compare_stop_times (gconstpointer a,
                    gconstpointer b)
{
  const RawStopTime *x = a, *y = b;

  if (x->trip != y->trip)
    return x->trip < y->trip ? -1 : 1;
  return x->sequence < y->sequence ? -1 : x->sequence > y->sequence;
}


/* shape_dist_traveled (in the feed's unit, whatever it is) to metres. */
static double
feed_dist_to_m (const VigieGtfsShapePoint *points,
                const float               *dists,
                guint                      n_points,
                double                     dist)
{
  guint lo = 0, hi = n_points - 1;

  if (dist <= dists[0])
    return points[0].dist_m;
  if (dist >= dists[hi])
    return points[hi].dist_m;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (dists[mid] <= dist)
        lo = mid;
      else
        hi = mid;
    }

  if (dists[hi] <= dists[lo])
    return points[lo].dist_m;

  return points[lo].dist_m + (dist - dists[lo]) / (dists[hi] - dists[lo]) *
         (points[hi].dist_m - points[lo].dist_m);
}

static void
place_stops (Loader              *loader,
             const VigieGtfsTrip *trip,
             const RawStopTime   *raw)
{
  VigieGtfs *self = loader->gtfs;
  VigieGtfsStopTime *times = &g_array_index (self->stop_times, VigieGtfsStopTime, trip->first_stop_time);
  const VigieGtfsStop *stops = (const VigieGtfsStop *) (gpointer) self->stops->data;
  const Shape *shape = trip->shape >= 0 ? &g_array_index (self->shapes, Shape, trip->shape) : NULL;
  gboolean by_feed_dist = shape != NULL && shape->has_dist;

  for (guint i = 0; by_feed_dist && i < trip->n_stop_times; i++)
    if (isnan (raw[i].shape_dist))
      by_feed_dist = FALSE;

  if (shape != NULL && shape->n_points >= 2)
    {
      const VigieGtfsShapePoint *points = &g_array_index (self->points, VigieGtfsShapePoint, shape->first_point);
      const float *dists = &g_array_index (loader->point_dists, float, shape->first_point);
      guint segment = 0;
      double last = 0.0;

      for (guint i = 0; i < trip->n_stop_times; i++)
        {
          const VigieGtfsStop *stop = &stops[times[i].stop];
          double d;

          if (by_feed_dist)
            d = feed_dist_to_m (points, dists, shape->n_points, raw[i].shape_dist);
          else if (isfinite (stop->latitude))
            d = vigie_gtfs_project_on_points (points, shape->n_points, segment,
                                              stop->latitude, stop->longitude, &segment, NULL);
          else
            d = last;

          last = MAX (d, last);
          times[i].dist_m = (float) last;
        }
    }
  else
    {
      double total = 0.0;

      for (guint i = 0; i < trip->n_stop_times; i++)
        {
          if (i > 0)
            {
              const VigieGtfsStop *a = &stops[times[i - 1].stop], *b = &stops[times[i].stop];

              if (isfinite (a->latitude) && isfinite (b->latitude))
                total += vigie_geo_distance_m (a->latitude, a->longitude, b->latitude, b->longitude);
            }
          times[i].dist_m = (float) total;
        }
    }
}

static void
build_stop_times (Loader *loader)
{
  VigieGtfs *self = loader->gtfs;
  GArray *raw = loader->raw_stop_times;
  guint n_dropped = 0;

  g_array_sort (raw, compare_stop_times);
  g_array_set_size (self->stop_times, 0);

  for (guint i = 0; i < raw->len; )
    {
      RawStopTime *first = &g_array_index (raw, RawStopTime, i);
      VigieGtfsTrip *trip = &g_array_index (self->trips, VigieGtfsTrip, first->trip);
      guint end = i, n = 0;
      gint32 last_time = -1;

      while (end < raw->len && g_array_index (raw, RawStopTime, end).trip == first->trip)
        end++;

      trip->first_stop_time = self->stop_times->len;

      for (guint j = i; j < end; j++)
        {
          RawStopTime *r = &g_array_index (raw, RawStopTime, j);
          VigieGtfsStopTime st = { r->stop, r->arrival, r->departure, 0.0f };

          if (j > i && r->sequence == g_array_index (raw, RawStopTime, j - 1).sequence)
            {
              n_dropped++;
              continue;
            }

          /* Times that go backwards are a producer's mistake: held. */
          if (st.arrival >= 0 && st.arrival < last_time)
            st.arrival = last_time;
          if (st.departure >= 0 && st.departure < st.arrival)
            st.departure = st.arrival;
          if (st.departure >= 0)
            last_time = st.departure;

          /* Compact the raw rows in place, to keep their distances. */
          g_array_index (raw, RawStopTime, i + n) = *r;
          g_array_append_val (self->stop_times, st);
          n++;
        }

      trip->n_stop_times = n;
      if (n > 0)
        place_stops (loader, trip, &g_array_index (raw, RawStopTime, i));

      /* Times left out between timepoints: interpolated by distance. */
      {
        /* Not one stop time: no address to take (NULL + 0 for UBSan). */
        VigieGtfsStopTime *t = n > 0 ? &g_array_index (self->stop_times, VigieGtfsStopTime, trip->first_stop_time) : NULL;
        int prev = -1;

        for (guint k = 0; k < n; k++)
          {
            if (t[k].arrival < 0)
              continue;

            if (prev >= 0 && (guint) prev + 1 < k)
              {
                double d0 = t[prev].dist_m, d1 = t[k].dist_m;

                for (guint m = prev + 1; m < k; m++)
                  {
                    double f = d1 > d0 ? (t[m].dist_m - d0) / (d1 - d0) : (double) (m - prev) / (k - prev);

                    t[m].arrival = t[m].departure =
                      t[prev].departure + (gint32) lround (f * (t[k].arrival - t[prev].departure));
                  }
              }
            prev = (int) k;
          }

        /* Nothing to interpolate from at the ends: such a trip never runs. */
        if (n > 0 && (t[0].arrival < 0 || t[n - 1].arrival < 0))
          {
            vigie_gtfs_load_warn (self, _("Trip %s has no time at its first or last stop, ignored"), trip->id);
            trip->n_stop_times = 0;
          }
        else if (n > 0)
          self->max_time = MAX (self->max_time, t[n - 1].arrival);
      }

      i = end;
    }

  if (n_dropped > 0)
    vigie_gtfs_load_warn (self, g_dngettext (GETTEXT_PACKAGE,
                                             "%u stop time repeats a stop_sequence of its trip, skipped",
                                             "%u stop times repeat a stop_sequence of their trip, skipped",
                                             n_dropped),
                          n_dropped);

  g_array_set_size (raw, 0);
}

static int
compare_routes_for_stop (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  VigieGtfs *self = user_data;
  const VigieGtfsRoute *x = &g_array_index (self->routes, VigieGtfsRoute, *(const guint *) a);
  const VigieGtfsRoute *y = &g_array_index (self->routes, VigieGtfsRoute, *(const guint *) b);

  /* Routes without a sort order come after those with one. */
  if (x->sort_order != y->sort_order)
    return (guint) x->sort_order < (guint) y->sort_order ? -1 : 1;

  return g_utf8_collate (x->short_name, y->short_name);
}

/* Which lines serve each stop, for the stop's details; stations get the
 * lines of their platforms. */
static void
free_route_set (gpointer data)
{
  if (data != NULL)
    g_array_unref (data);
}

static void
build_stop_routes (VigieGtfs *self)
{
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (free_route_set);
  const VigieGtfsStop *stops = (const VigieGtfsStop *) (gpointer) self->stops->data;

  g_ptr_array_set_size (sets, self->stops->len);

  for (guint t = 0; t < self->trips->len; t++)
    {
      const VigieGtfsTrip *trip = &g_array_index (self->trips, VigieGtfsTrip, t);
      const VigieGtfsStopTime *times;

      /* With no stop time at all the array's data is NULL: no offset on it. */
      if (trip->n_stop_times == 0)
        continue;

      times = &g_array_index (self->stop_times, VigieGtfsStopTime, trip->first_stop_time);
      for (guint i = 0; i < trip->n_stop_times; i++)
        {
          guint targets[2] = { times[i].stop, G_MAXUINT };

          if (stops[times[i].stop].parent >= 0)
            targets[1] = (guint) stops[times[i].stop].parent;

          for (guint k = 0; k < 2 && targets[k] != G_MAXUINT; k++)
            {
              GArray *set = g_ptr_array_index (sets, targets[k]);
              gboolean present = FALSE;

              if (set == NULL)
                sets->pdata[targets[k]] = set = g_array_sized_new (FALSE, FALSE, sizeof (guint), 2);

              for (guint j = 0; j < set->len && !present; j++)
                present = g_array_index (set, guint, j) == trip->route;
              if (!present)
                g_array_append_val (set, trip->route);
            }
        }
    }

  g_ptr_array_set_size (self->stop_routes, self->stops->len);

  for (guint s = 0; s < sets->len; s++)
    {
      GArray *set = g_ptr_array_index (sets, s);
      const char **names;

      if (set == NULL)
        continue;

      g_array_sort_with_data (set, compare_routes_for_stop, self);
      names = g_new0 (const char *, set->len + 1);
      for (guint j = 0; j < set->len; j++)
        names[j] = g_array_index (self->routes, VigieGtfsRoute, g_array_index (set, guint, j)).short_name;
      self->stop_routes->pdata[s] = names;
    }
}

static void
loader_clear (Loader *loader)
{
  g_clear_pointer (&loader->service_index, g_hash_table_unref);
  g_clear_pointer (&loader->shape_index, g_hash_table_unref);
  g_clear_pointer (&loader->dropped_trips, g_hash_table_unref);
  g_clear_pointer (&loader->dropped_routes, g_hash_table_unref);
  g_clear_pointer (&loader->raw_exceptions, g_array_unref);
  g_clear_pointer (&loader->raw_stop_times, g_array_unref);
  g_clear_pointer (&loader->raw_points, g_array_unref);
  g_clear_pointer (&loader->point_dists, g_array_unref);
  g_clear_pointer (&loader->last_trip_id, g_free);
}


static void
shrink (GArray **array)
{
  /* GArray grows by doubling: give back the slack of the big ones. */
  GArray *copy = g_array_sized_new (FALSE, FALSE, g_array_get_element_size (*array), (*array)->len);

  g_array_append_vals (copy, (*array)->data, (*array)->len);
  g_array_unref (*array);
  *array = copy;
}

/*
 * Public API
 */

/**
 * vigie_gtfs_load_from_bytes:
 * @zip: a GTFS zip archive
 * @options: (nullable): what to keep, or %NULL for trams only
 * @error: where to put an error
 *
 * Reads a GTFS feed. Pure and thread-safe: callers run it in a worker.
 * Bad rows are skipped with a warning (see vigie_gtfs_get_warnings()); a
 * feed without its required files, or not a zip at all, is an error.
 *
 * Returns: (transfer full): the timetable, or %NULL with @error set
 */
VigieGtfs *
vigie_gtfs_load_from_bytes (GBytes                  *zip,
                            const VigieGtfsOptions  *options,
                            GError                 **error)
{
  g_autoptr(VigieGtfs) self = NULL;
  Loader loader = { 0, };
  const char *zone_name = NULL;

  g_return_val_if_fail (zip != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = vigie_gtfs_alloc ();
  loader.gtfs = self;
  loader.options = options;
  loader.service_index = g_hash_table_new (vigie_str_hash, g_str_equal);
  loader.shape_index = g_hash_table_new (vigie_str_hash, g_str_equal);
  loader.dropped_trips = g_hash_table_new (vigie_str_hash, g_str_equal);
  loader.dropped_routes = g_hash_table_new (vigie_str_hash, g_str_equal);
  loader.raw_exceptions = g_array_new (FALSE, FALSE, sizeof (Exception));
  loader.raw_stop_times = g_array_new (FALSE, FALSE, sizeof (RawStopTime));
  loader.raw_points = g_array_new (FALSE, FALSE, sizeof (RawPoint));
  loader.point_dists = g_array_new (FALSE, FALSE, sizeof (float));

  for (guint pass = 0; pass < N_PASSES; pass++)
    {
      if (!vigie_gtfs_load_read_pass (&loader, zip, pass, error))
        {
          loader_clear (&loader);
          return NULL;
        }

      for (guint f = 0; f < N_FILES; f++)
        {
          if (vigie_gtfs_files[f].pass != pass || !vigie_gtfs_files[f].required || loader.seen[f])
            continue;

          g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                       _("The GTFS file has no %s"), vigie_gtfs_files[f].name);
          loader_clear (&loader);
          return NULL;
        }

      if (pass == PASS_BASE)
        {
          build_services (&loader);
          link_parent_stations (self);
          /* stop_times and shapes are big: reserve what they will need. */
        }
    }

  if (!loader.seen[FILE_CALENDAR] && !loader.seen[FILE_CALENDAR_DATES])
    vigie_gtfs_load_warn (self, _("The GTFS file has neither calendar.txt nor calendar_dates.txt: no trip runs"));

  if (loader.n_unknown_stops > 5)
    vigie_gtfs_load_warn (self, g_dngettext (GETTEXT_PACKAGE,
                                             "%u stop time names an unknown stop, skipped",
                                             "%u stop times name an unknown stop, skipped",
                                             loader.n_unknown_stops),
                          loader.n_unknown_stops);
  if (loader.n_unknown_trips > 0)
    vigie_gtfs_load_warn (self, g_dngettext (GETTEXT_PACKAGE,
                                             "%u stop time names an unknown trip, skipped",
                                             "%u stop times name an unknown trip, skipped",
                                             loader.n_unknown_trips),
                          loader.n_unknown_trips);

  build_shapes (&loader);
  build_stop_times (&loader);
  if (loader.n_unknown_shapes > 0)
    vigie_gtfs_load_warn (self, g_dngettext (GETTEXT_PACKAGE,
                                             "%u shape named by trips has fewer than two points: ignored",
                                             "%u shapes named by trips have fewer than two points: ignored",
                                             loader.n_unknown_shapes),
                          loader.n_unknown_shapes);
  build_stop_routes (self);

  shrink (&self->stop_times);
  shrink (&self->points);
  loader_clear (&loader);

  /* Times are local to the agency. */
  if (options != NULL && options->timezone != NULL)
    zone_name = options->timezone;
  else if (self->agencies->len > 0)
    zone_name = g_array_index (self->agencies, VigieGtfsAgency, 0).timezone;

  if (!vigie_gtfs_field_is_empty (zone_name))
    self->timezone = g_time_zone_new_identifier (zone_name);
  if (self->timezone == NULL)
    {
      vigie_gtfs_load_warn (self, _("No valid agency_timezone (“%s”): times are read as UTC"),
                            zone_name ? zone_name : "");
      self->timezone = g_time_zone_new_utc ();
    }

  if (self->routes->len == 0)
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_EMPTY,
                           _("The GTFS file has no route of the types asked for"));
      return NULL;
    }

  return g_steal_pointer (&self);
}
