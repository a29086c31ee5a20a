/* bench-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <time.h>

#include "bench-data.h"
#include "vigie-format-gtfs-rt.h"

#define NOW BENCH_NOW

/* A GTFS-Realtime VehiclePositions feed: every field Vigie reads set. */
GBytes *
bench_make_gtfs_rt (guint n_vehicles,
                    guint cycle)
{
  TransitRealtime__FeedMessage message = TRANSIT_REALTIME__FEED_MESSAGE__INIT;
  TransitRealtime__FeedHeader header = TRANSIT_REALTIME__FEED_HEADER__INIT;
  TransitRealtime__FeedEntity *entities = g_new (TransitRealtime__FeedEntity, n_vehicles);
  TransitRealtime__FeedEntity **pointers = g_new (TransitRealtime__FeedEntity *, n_vehicles);
  TransitRealtime__VehiclePosition *vehicles = g_new (TransitRealtime__VehiclePosition, n_vehicles);
  TransitRealtime__VehicleDescriptor *descriptors = g_new (TransitRealtime__VehicleDescriptor, n_vehicles);
  TransitRealtime__TripDescriptor *trips = g_new (TransitRealtime__TripDescriptor, n_vehicles);
  TransitRealtime__Position *positions = g_new (TransitRealtime__Position, n_vehicles);
  GStringChunk *strings = g_string_chunk_new (64 * 1024);
  guint8 *data;
  gsize size;

  header.gtfs_realtime_version = (char *) "2.0";
  header.has_timestamp = TRUE;
  header.timestamp = NOW - 5;
  message.header = &header;
  message.n_entity = n_vehicles;
  message.entity = pointers;

  for (guint i = 0; i < n_vehicles; i++)
    {
      char buffer[64];

      transit_realtime__feed_entity__init (&entities[i]);
      transit_realtime__vehicle_position__init (&vehicles[i]);
      transit_realtime__vehicle_descriptor__init (&descriptors[i]);
      transit_realtime__trip_descriptor__init (&trips[i]);
      transit_realtime__position__init (&positions[i]);

      g_snprintf (buffer, sizeof buffer, "entity-%u", i);
      entities[i].id = g_string_chunk_insert (strings, buffer);
      g_snprintf (buffer, sizeof buffer, "%u", 1000 + i);
      descriptors[i].id = g_string_chunk_insert (strings, buffer);
      g_snprintf (buffer, sizeof buffer, "Rame %u", 1000 + i);
      descriptors[i].label = g_string_chunk_insert (strings, buffer);
      g_snprintf (buffer, sizeof buffer, "T%u-%05u", 1 + i % 3, i);
      trips[i].trip_id = g_string_chunk_insert (strings, buffer);
      g_snprintf (buffer, sizeof buffer, "T%u", 1 + i % 3);
      trips[i].route_id = g_string_chunk_insert (strings, buffer);
      trips[i].has_direction_id = TRUE;
      trips[i].direction_id = i % 2;
      trips[i].start_date = (char *) "20260105";
      trips[i].has_schedule_relationship = TRUE;
      positions[i].latitude = 47.70f + (i % 100) * 0.001f + cycle * 1e-5f;
      positions[i].longitude = 7.28f + (i / 100) * 0.001f;
      positions[i].has_bearing = TRUE;
      positions[i].bearing = (float) (i % 360);
      positions[i].has_speed = TRUE;
      positions[i].speed = 8.5f;
      vehicles[i].trip = &trips[i];
      vehicles[i].vehicle = &descriptors[i];
      vehicles[i].position = &positions[i];
      vehicles[i].has_current_stop_sequence = TRUE;
      vehicles[i].current_stop_sequence = i % 30;
      g_snprintf (buffer, sizeof buffer, "STOP_%u", i % 400);
      vehicles[i].stop_id = g_string_chunk_insert (strings, buffer);
      vehicles[i].has_current_status = TRUE;
      vehicles[i].current_status = i % 3;
      vehicles[i].has_timestamp = TRUE;
      vehicles[i].timestamp = NOW - 5 - i % 30;
      vehicles[i].has_occupancy_status = TRUE;
      vehicles[i].occupancy_status = i % 6;
      entities[i].vehicle = &vehicles[i];
      pointers[i] = &entities[i];
    }

  size = transit_realtime__feed_message__get_packed_size (&message);
  data = g_malloc (size);
  transit_realtime__feed_message__pack (&message, data);

  g_string_chunk_free (strings);
  g_free (positions);
  g_free (trips);
  g_free (descriptors);
  g_free (vehicles);
  g_free (pointers);
  g_free (entities);

  return g_bytes_new_take (data, size);
}

/* GBFS station_information and station_status, pretty much as
 * operators write them (one line each). */
GBytes *
bench_make_gbfs_information (guint n)
{
  GString *s = g_string_new ("{\"last_updated\": 1795590000, \"ttl\": 60, \"version\": \"2.3\", \"data\": {\"stations\": [");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s{\"station_id\": \"%u\", \"name\": \"Station %u\", \"lat\": %.6f, \"lon\": %.6f, \"capacity\": %u}",
                            i ? "," : "", i, i, 47.70 + (i % 100) * 0.001, 7.28 + (i / 100) * 0.001, 10 + i % 30);
  g_string_append (s, "]}}");
  return g_string_free_to_bytes (s);
}

GBytes *
bench_make_gbfs_status (guint n,
                        guint cycle)
{
  GString *s = g_string_new ("{\"last_updated\": 1795590000, \"ttl\": 60, \"version\": \"2.3\", \"data\": {\"stations\": [");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s{\"station_id\": \"%u\", \"num_bikes_available\": %u, \"num_docks_available\": %u, "
                            "\"is_installed\": true, \"is_renting\": true, \"is_returning\": true, \"last_reported\": 1795590000}",
                            i ? "," : "", i, (i + cycle) % 10, 10 - (i + cycle) % 10);
  g_string_append (s, "]}}");
  return g_string_free_to_bytes (s);
}

int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
bench_percentile (GArray *values,
                  double  p)
{
  g_array_sort (values, bench_compare_doubles);
  return g_array_index (values, double, (guint) MIN (values->len - 1, ceil (p * values->len) - 1));
}

/* One line of figures, @what in a column @width wide. */
void
bench_print_figures (int         width,
                     const char *what,
                     GArray     *values)
{
  printf ("  %-*s p50 %8.2f  p95 %8.2f  p99 %8.2f  max %8.2f ms  (%u)\n", width, what,
          bench_percentile (values, 0.5), bench_percentile (values, 0.95), bench_percentile (values, 0.99),
          bench_percentile (values, 1.0), values->len);
}

gint64
bench_thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}
