/* vigie-sim-city.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-sim-city"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "vigie-sim-city.h"
#include "vigie-sim-resources.h"

#define CITY_RESOURCE "/io/github/vigie/Vigie/demo/mulhouse-city.json"

/* Citiz-like car-share stations stand near the tram stops of the city
 * proper, not out in the Thur valley. */
#define CAR_SHARE_RADIUS_M 4500.0

double
vigie_sim_distance_m (double lat1,
                      double lon1,
                      double lat2,
                      double lon2)
{
  double k = 111320.0;
  double dx = (lon2 - lon1) * k * cos ((lat1 + lat2) / 2.0 * G_PI / 180.0);
  double dy = (lat2 - lat1) * k;

  return sqrt (dx * dx + dy * dy);
}

static void
stop_free (gpointer data)
{
  VigieSimStop *stop = data;

  g_free (stop->id);
  g_free (stop->name);
  g_free (stop->parent);
  g_free (stop);
}

static void
line_free (gpointer data)
{
  VigieSimLine *line = data;

  for (guint i = 0; i < line->n_directions; i++)
    {
      VigieSimDirection *d = &line->directions[i];

      g_free (d->headsign);
      g_free (d->shape);
      g_free (d->shape_dist);
      g_free (d->stops);
      g_free (d->stop_dist);
      g_free (d->arrival_offset);
      g_free (d->dwell);
    }
  g_free (line->id);
  g_free (line->short_name);
  g_free (line->long_name);
  g_free (line->color);
  g_free (line->text_color);
  g_free (line);
}

static void
station_free (gpointer data)
{
  VigieSimStation *station = data;

  g_free (station->id);
  g_free (station->name);
  g_free (station);
}

static void
zone_free (gpointer data)
{
  VigieSimZone *zone = data;

  g_free (zone->id);
  g_free (zone->name);
  g_free (zone->tariff);
  g_free (zone->points);
  g_free (zone);
}

static void
place_free (gpointer data)
{
  VigieSimPlace *place = data;

  g_free (place->id);
  g_free (place->name);
  g_free (place);
}

void
vigie_sim_city_free (VigieSimCity *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->stops, g_ptr_array_unref);
  g_clear_pointer (&self->bike_stations, g_ptr_array_unref);
  g_clear_pointer (&self->meter_zones, g_ptr_array_unref);
  g_clear_pointer (&self->car_parks, g_ptr_array_unref);
  g_clear_pointer (&self->places, g_ptr_array_unref);
  g_clear_pointer (&self->car_stations, g_ptr_array_unref);
  g_free (self);
}

static VigieSimPoint *
read_points (JsonArray *array,
             guint     *n_points)
{
  guint n = json_array_get_length (array);
  VigieSimPoint *points = g_new0 (VigieSimPoint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      JsonArray *pair = json_array_get_array_element (array, i);

      points[i].lon = json_array_get_double_element (pair, 0);
      points[i].lat = json_array_get_double_element (pair, 1);
    }
  *n_points = n;

  return points;
}

static guint
find_stop (VigieSimCity *self,
           const char   *id)
{
  for (guint i = 0; i < self->stops->len; i++)
    {
      VigieSimStop *stop = g_ptr_array_index (self->stops, i);

      if (g_str_equal (stop->id, id))
        return i;
    }

  return G_MAXUINT;
}

/* Where a point falls along a polyline, searching from @from on so that the
 * stops of a line come out in order even where the line doubles back. */
static double
project_on_shape (const VigieSimDirection *d,
                  double                   lat,
                  double                   lon,
                  double                   from)
{
  double best = from;
  double best_d = G_MAXDOUBLE;

  for (guint i = 0; i + 1 < d->n_shape; i++)
    {
      double kx = 111320.0 * cos (lat * G_PI / 180.0);
      double ky = 111320.0;
      double ax = d->shape[i].lon * kx, ay = d->shape[i].lat * ky;
      double bx = d->shape[i + 1].lon * kx, by = d->shape[i + 1].lat * ky;
      double px = lon * kx, py = lat * ky;
      double dx = bx - ax, dy = by - ay;
      double len2 = dx * dx + dy * dy;
      double t = len2 > 0 ? CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0) : 0.0;
      double ex = ax + t * dx - px, ey = ay + t * dy - py;
      double dist = sqrt (ex * ex + ey * ey);
      double along = d->shape_dist[i] + t * (d->shape_dist[i + 1] - d->shape_dist[i]);

      if (d->shape_dist[i + 1] < from)
        continue;

      if (dist < best_d - 0.01)
        {
          best_d = dist;
          best = MAX (along, from);
        }
    }

  return best;
}

static gboolean
read_direction (VigieSimCity       *self,
                JsonObject         *object,
                VigieSimDirection  *d,
                GError            **error)
{
  static const char * const days[] = { "weekday", "saturday", "sunday" };
  JsonArray *stop_ids = json_object_get_array_member (object, "stop_ids");
  JsonArray *offsets = json_object_get_array_member (object, "arrival_offsets");
  JsonArray *dwell = json_object_get_array_member (object, "dwell");
  JsonObject *per_hour = json_object_get_object_member (object, "departures_per_hour");
  double from = 0.0;

  d->direction_id = json_object_get_int_member (object, "direction_id");
  d->headsign = g_strdup (json_object_get_string_member (object, "headsign"));
  d->shape = read_points (json_object_get_array_member (object, "shape"), &d->n_shape);
  d->shape_dist = g_new0 (double, MAX (d->n_shape, 1));
  for (guint i = 1; i < d->n_shape; i++)
    d->shape_dist[i] = d->shape_dist[i - 1] +
                       vigie_sim_distance_m (d->shape[i - 1].lat, d->shape[i - 1].lon,
                                             d->shape[i].lat, d->shape[i].lon);

  d->n_stops = json_array_get_length (stop_ids);
  if (d->n_shape < 2 || d->n_stops < 2 ||
      json_array_get_length (offsets) != d->n_stops ||
      json_array_get_length (dwell) != d->n_stops)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Bad tram direction in the demo city");
      return FALSE;
    }

  d->stops = g_new0 (guint, d->n_stops);
  d->stop_dist = g_new0 (double, d->n_stops);
  d->arrival_offset = g_new0 (int, d->n_stops);
  d->dwell = g_new0 (int, d->n_stops);

  for (guint i = 0; i < d->n_stops; i++)
    {
      const char *id = json_array_get_string_element (stop_ids, i);
      VigieSimStop *stop;

      d->stops[i] = find_stop (self, id);
      if (d->stops[i] == G_MAXUINT)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Unknown stop %s in the demo city", id);
          return FALSE;
        }
      stop = g_ptr_array_index (self->stops, d->stops[i]);
      d->stop_dist[i] = from = project_on_shape (d, stop->lat, stop->lon, from);
      d->arrival_offset[i] = json_array_get_int_element (offsets, i);
      d->dwell[i] = json_array_get_int_element (dwell, i);
    }

  for (guint k = 0; k < G_N_ELEMENTS (days); k++)
    {
      JsonArray *hours = json_object_get_array_member (per_hour, days[k]);

      for (guint h = 0; h < 24 && h < json_array_get_length (hours); h++)
        d->departures_per_hour[k][h] = CLAMP (json_array_get_int_element (hours, h), 0, 60);
    }

  return TRUE;
}

static VigieSimStation *
read_station (JsonObject *object)
{
  VigieSimStation *station = g_new0 (VigieSimStation, 1);

  station->id = g_strdup (json_object_get_string_member (object, "id"));
  station->name = g_strdup (json_object_get_string_member (object, "name"));
  station->lat = json_object_get_double_member (object, "lat");
  station->lon = json_object_get_double_member (object, "lon");
  station->capacity = json_object_get_int_member_with_default (object, "capacity", 0);

  return station;
}

static guint
parse_events (JsonArray *array)
{
  static const struct { const char *name; VigieSimEvent flag; } events[] = {
    { "market", VIGIE_SIM_EVENT_MARKET },
    { "concert", VIGIE_SIM_EVENT_CONCERT },
    { "commute", VIGIE_SIM_EVENT_COMMUTE },
    { "evening", VIGIE_SIM_EVENT_EVENING },
    { "shopping", VIGIE_SIM_EVENT_SHOPPING },
    { "park", VIGIE_SIM_EVENT_PARK },
    { "campus", VIGIE_SIM_EVENT_CAMPUS },
    { "museum", VIGIE_SIM_EVENT_MUSEUM },
  };
  guint flags = 0;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *name = json_array_get_string_element (array, i);

      for (guint k = 0; k < G_N_ELEMENTS (events); k++)
        if (g_strcmp0 (name, events[k].name) == 0)
          flags |= events[k].flag;
    }

  return flags;
}

/* One car-share station per tram station of the city proper, a short walk
 * away from the platforms, with room for one to three cars. */
static void
place_car_stations (VigieSimCity *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  self->car_stations = g_ptr_array_new_with_free_func (station_free);

  for (guint i = 0; i < self->stops->len; i++)
    {
      VigieSimStop *stop = g_ptr_array_index (self->stops, i);
      VigieSimStation *station;
      guint hash = g_str_hash (stop->name);
      double angle = (hash % 360) * G_PI / 180.0;
      double metres = 60.0 + hash % 80;

      if (g_hash_table_contains (seen, stop->name) ||
          vigie_sim_distance_m (stop->lat, stop->lon, self->center_lat, self->center_lon) > CAR_SHARE_RADIUS_M)
        continue;
      g_hash_table_add (seen, stop->name);

      station = g_new0 (VigieSimStation, 1);
      station->id = g_strdup_printf ("%u", 4100 + self->car_stations->len);
      station->name = g_strdup (stop->name);
      station->lat = stop->lat + metres * cos (angle) / 111320.0;
      station->lon = stop->lon + metres * sin (angle) / (111320.0 * cos (stop->lat * G_PI / 180.0));
      station->capacity = 1 + (hash / 360) % 3;
      g_ptr_array_add (self->car_stations, station);
    }
}

VigieSimCity *
vigie_sim_city_new_from_bytes (GBytes  *bytes,
                               GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(VigieSimCity) self = NULL;
  JsonObject *root;
  JsonArray *array;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_return_val_if_fail (bytes != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, size, error))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The demo city is not a JSON object");
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  self = g_new0 (VigieSimCity, 1);
  self->lines = g_ptr_array_new_with_free_func (line_free);
  self->stops = g_ptr_array_new_with_free_func (stop_free);
  self->bike_stations = g_ptr_array_new_with_free_func (station_free);
  self->meter_zones = g_ptr_array_new_with_free_func (zone_free);
  self->car_parks = g_ptr_array_new_with_free_func (station_free);
  self->places = g_ptr_array_new_with_free_func (place_free);

  self->center_lat = json_object_get_double_member (json_object_get_object_member (root, "center"), "lat");
  self->center_lon = json_object_get_double_member (json_object_get_object_member (root, "center"), "lon");

  array = json_object_get_array_member (root, "tram_stops");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      VigieSimStop *stop = g_new0 (VigieSimStop, 1);

      stop->id = g_strdup (json_object_get_string_member (o, "id"));
      stop->name = g_strdup (json_object_get_string_member (o, "name"));
      stop->lat = json_object_get_double_member (o, "lat");
      stop->lon = json_object_get_double_member (o, "lon");
      stop->parent = g_strdup (json_object_get_string_member_with_default (o, "parent", ""));
      g_ptr_array_add (self->stops, stop);
    }

  array = json_object_get_array_member (root, "tram_lines");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      JsonArray *directions = json_object_get_array_member (o, "directions");
      VigieSimLine *line = g_new0 (VigieSimLine, 1);

      line->id = g_strdup (json_object_get_string_member (o, "id"));
      line->short_name = g_strdup (json_object_get_string_member (o, "short_name"));
      line->long_name = g_strdup (json_object_get_string_member (o, "long_name"));
      line->color = g_strdup (json_object_get_string_member (o, "color"));
      line->text_color = g_strdup (json_object_get_string_member (o, "text_color"));
      g_ptr_array_add (self->lines, line);

      for (guint k = 0; k < json_array_get_length (directions) && k < 2; k++)
        {
          if (!read_direction (self, json_array_get_object_element (directions, k),
                               &line->directions[k], error))
            return NULL;
          line->n_directions++;
        }
    }

  array = json_object_get_array_member (root, "bike_stations");
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (self->bike_stations, read_station (json_array_get_object_element (array, i)));

  array = json_object_get_array_member (root, "car_parks");
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_ptr_array_add (self->car_parks, read_station (json_array_get_object_element (array, i)));

  array = json_object_get_array_member (root, "meter_zones");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      VigieSimZone *zone = g_new0 (VigieSimZone, 1);

      zone->id = g_strdup (json_object_get_string_member (o, "id"));
      zone->name = g_strdup (json_object_get_string_member (o, "name"));
      zone->tariff = g_strdup (json_object_get_string_member (o, "tariff"));
      zone->points = read_points (json_object_get_array_member (o, "coordinates"), &zone->n_points);
      zone->spots = json_object_get_int_member (o, "spots");
      g_ptr_array_add (self->meter_zones, zone);
    }

  array = json_object_get_array_member (root, "wifi_places");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      VigieSimPlace *place = g_new0 (VigieSimPlace, 1);

      place->id = g_strdup (json_object_get_string_member (o, "id"));
      place->name = g_strdup (json_object_get_string_member (o, "name"));
      place->lat = json_object_get_double_member (o, "lat");
      place->lon = json_object_get_double_member (o, "lon");
      place->capacity = json_object_get_int_member (o, "capacity");
      place->aps = json_object_get_int_member (o, "aps");
      place->events = parse_events (json_object_get_array_member (o, "events"));
      g_ptr_array_add (self->places, place);
    }

  if (self->lines->len == 0 || self->bike_stations->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The demo city has no trams or no bikes");
      return NULL;
    }

  place_car_stations (self);

  return g_steal_pointer (&self);
}

VigieSimCity *
vigie_sim_city_new_default (GError **error)
{
  static gsize registered = 0;
  g_autoptr(GBytes) bytes = NULL;

  /* Registered by hand: a static library's constructors may be dropped. */
  if (g_once_init_enter (&registered))
    {
      vigie_sim_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  bytes = g_resource_lookup_data (vigie_sim_get_resource (), CITY_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return vigie_sim_city_new_from_bytes (bytes, error);
}
