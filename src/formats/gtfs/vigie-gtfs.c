/* vigie-gtfs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-gtfs"

#include "config.h"

#include "vigie-gtfs.h"
#include "vigie-gtfs-private.h"
#include "vigie-hash.h"

/* The timetable itself: its life and what it holds. Loading is in
 * vigie-gtfs-load.c, where trips are in vigie-gtfs-positions.c. */

G_DEFINE_BOXED_TYPE (VigieGtfs, vigie_gtfs, vigie_gtfs_ref, vigie_gtfs_unref)

VigieGtfs *
vigie_gtfs_alloc (void)
{
  VigieGtfs *self = g_new0 (VigieGtfs, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->strings = vigie_string_set_new (64 * 1024);
  self->agencies = g_array_new (FALSE, FALSE, sizeof (VigieGtfsAgency));
  self->routes = g_array_new (FALSE, FALSE, sizeof (VigieGtfsRoute));
  self->stops = g_array_new (FALSE, FALSE, sizeof (VigieGtfsStop));
  self->trips = g_array_new (FALSE, FALSE, sizeof (VigieGtfsTrip));
  self->stop_times = g_array_new (FALSE, FALSE, sizeof (VigieGtfsStopTime));
  self->shapes = g_array_new (FALSE, FALSE, sizeof (Shape));
  self->points = g_array_new (FALSE, FALSE, sizeof (VigieGtfsShapePoint));
  self->services = g_array_new (FALSE, FALSE, sizeof (Service));
  self->exceptions = g_array_new (FALSE, FALSE, sizeof (Exception));
  self->route_index = g_hash_table_new (vigie_str_hash, g_str_equal);
  self->stop_index = g_hash_table_new (vigie_str_hash, g_str_equal);
  self->trip_index = g_hash_table_new (vigie_str_hash, g_str_equal);
  self->stop_routes = g_ptr_array_new_with_free_func (g_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->warnings, NULL);

  return self;
}


VigieGtfs *
vigie_gtfs_ref (VigieGtfs *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
vigie_gtfs_unref (VigieGtfs *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  vigie_string_set_free (self->strings);
  g_array_unref (self->agencies);
  g_array_unref (self->routes);
  g_array_unref (self->stops);
  g_array_unref (self->trips);
  g_array_unref (self->stop_times);
  g_array_unref (self->shapes);
  g_array_unref (self->points);
  g_array_unref (self->services);
  g_array_unref (self->exceptions);
  g_hash_table_unref (self->route_index);
  g_hash_table_unref (self->stop_index);
  g_hash_table_unref (self->trip_index);
  g_ptr_array_unref (self->stop_routes);
  g_ptr_array_unref (self->warnings);
  g_clear_pointer (&self->timezone, g_time_zone_unref);
  g_free (self);
}

/**
 * vigie_gtfs_get_warnings:
 *
 * Returns: (transfer none): the first warnings of the load, word for word
 */
const char * const *
vigie_gtfs_get_warnings (VigieGtfs *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->warnings->pdata;
}

/**
 * vigie_gtfs_get_n_warnings:
 *
 * Returns: how many warnings the load gave, kept word for word or not
 */
guint
vigie_gtfs_get_n_warnings (VigieGtfs *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_warnings;
}

/**
 * vigie_gtfs_get_timezone:
 *
 * Returns: (transfer none): the time zone the timetable's times are in
 */
GTimeZone *
vigie_gtfs_get_timezone (VigieGtfs *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->timezone;
}

/**
 * vigie_gtfs_get_memory_size:
 *
 * Returns: about how many bytes the timetable's arrays take (strings and
 *   hash tables not counted)
 */
gsize
vigie_gtfs_get_memory_size (VigieGtfs *self)
{
  GArray *arrays[] = {
    self->agencies, self->routes, self->stops, self->trips, self->stop_times,
    self->shapes, self->points, self->services, self->exceptions,
  };
  gsize size = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    size += (gsize) arrays[i]->len * g_array_get_element_size (arrays[i]);

  return size;
}

#define GETTER(name, array, type)                          \
const type *                                               \
vigie_gtfs_get_##name (VigieGtfs *self,                     \
                       guint     *n)                        \
{                                                          \
  g_return_val_if_fail (self != NULL, NULL);               \
  if (n != NULL)                                           \
    *n = self->array->len;                                 \
  return (const type *) (gpointer) self->array->data;      \
}

GETTER (agencies, agencies, VigieGtfsAgency)
GETTER (routes, routes, VigieGtfsRoute)
GETTER (stops, stops, VigieGtfsStop)
GETTER (trips, trips, VigieGtfsTrip)

#undef GETTER

guint
vigie_gtfs_get_n_shapes (VigieGtfs *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->shapes->len; i++)
    if (g_array_index (self->shapes, Shape, i).n_points > 0)
      n++;

  return n;
}

guint
vigie_gtfs_get_n_stop_times (VigieGtfs *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->stop_times->len;
}

guint
vigie_gtfs_get_n_services (VigieGtfs *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->services->len;
}

/**
 * vigie_gtfs_lookup_route:
 *
 * Returns: (nullable) (transfer none): the route of that id, if kept
 */
const VigieGtfsRoute *
vigie_gtfs_lookup_route (VigieGtfs  *self,
                         const char *route_id)
{
  gboolean found;
  guint index;

  g_return_val_if_fail (self != NULL, NULL);

  index = vigie_gtfs_lookup_index (self->route_index, route_id, &found);
  return found ? &g_array_index (self->routes, VigieGtfsRoute, index) : NULL;
}

const VigieGtfsStop *
vigie_gtfs_lookup_stop (VigieGtfs  *self,
                        const char *stop_id)
{
  gboolean found;
  guint index;

  g_return_val_if_fail (self != NULL, NULL);

  index = vigie_gtfs_lookup_index (self->stop_index, stop_id, &found);
  return found ? &g_array_index (self->stops, VigieGtfsStop, index) : NULL;
}

const VigieGtfsTrip *
vigie_gtfs_lookup_trip (VigieGtfs  *self,
                        const char *trip_id)
{
  gboolean found;
  guint index;

  g_return_val_if_fail (self != NULL, NULL);

  index = vigie_gtfs_lookup_index (self->trip_index, trip_id, &found);
  return found ? &g_array_index (self->trips, VigieGtfsTrip, index) : NULL;
}

/**
 * vigie_gtfs_stop_get_route_names:
 * @stop: a stop of @self
 *
 * Returns: (transfer none) (nullable): the short names of the kept routes
 *   that serve @stop (or its platforms), in their sort order, or %NULL
 */
const char * const *
vigie_gtfs_stop_get_route_names (VigieGtfs           *self,
                                 const VigieGtfsStop *stop)
{
  guint index;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (stop != NULL, NULL);

  index = stop - (const VigieGtfsStop *) (gpointer) self->stops->data;
  g_return_val_if_fail (index < self->stops->len, NULL);

  return index < self->stop_routes->len ? g_ptr_array_index (self->stop_routes, index) : NULL;
}

const VigieGtfsRoute *
vigie_gtfs_trip_get_route (VigieGtfs           *self,
                           const VigieGtfsTrip *trip)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (trip != NULL, NULL);

  return &g_array_index (self->routes, VigieGtfsRoute, trip->route);
}

/**
 * vigie_gtfs_trip_get_stop_times:
 * @n_stop_times: (out): how many
 *
 * Returns: (transfer none) (array length=n_stop_times): the trip's stop
 *   times in order, with their distance along its shape
 */
const VigieGtfsStopTime *
vigie_gtfs_trip_get_stop_times (VigieGtfs           *self,
                                const VigieGtfsTrip *trip,
                                guint               *n_stop_times)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (trip != NULL, NULL);
  g_return_val_if_fail (n_stop_times != NULL, NULL);

  *n_stop_times = trip->n_stop_times;
  if (trip->n_stop_times == 0)
    return NULL;

  return &g_array_index (self->stop_times, VigieGtfsStopTime, trip->first_stop_time);
}

/**
 * vigie_gtfs_trip_get_shape:
 * @n_points: (out): how many
 *
 * Returns: (transfer none) (array length=n_points) (nullable): the points
 *   of the trip's shape with their distance from its start in metres, or
 *   %NULL when it has none
 */
const VigieGtfsShapePoint *
vigie_gtfs_trip_get_shape (VigieGtfs           *self,
                           const VigieGtfsTrip *trip,
                           guint               *n_points)
{
  const Shape *shape;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (trip != NULL, NULL);
  g_return_val_if_fail (n_points != NULL, NULL);

  *n_points = 0;
  if (trip->shape < 0)
    return NULL;

  shape = &g_array_index (self->shapes, Shape, trip->shape);
  if (shape->n_points == 0)
    return NULL;

  *n_points = shape->n_points;
  return &g_array_index (self->points, VigieGtfsShapePoint, shape->first_point);
}
