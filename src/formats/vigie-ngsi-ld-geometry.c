/* vigie-ngsi-ld-geometry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-ngsi-ld"

#include "config.h"

#include <math.h>

#include "vigie-geo.h"
#include "vigie-json.h"
#include "vigie-ngsi-ld-private.h"

/* The location of an NGSI-LD entity: a GeoJSON Point, LineString,
 * Polygon or MultiPolygon read into a position and the shape drawn. */

/*
 * Auxiliary functions
 */

static GeometryProblem
read_pair (JsonNode *node,
           double   *latitude,
           double   *longitude)
{
  JsonArray *pair;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return GEOMETRY_UNREADABLE;

  pair = json_node_get_array (node);
  /* GeoJSON is longitude first. */
  if (json_array_get_length (pair) < 2 ||
      !vigie_json_node_get_double (json_array_get_element (pair, 0), longitude) ||
      !vigie_json_node_get_double (json_array_get_element (pair, 1), latitude))
    return GEOMETRY_UNREADABLE;

  if (*latitude == 0.0 && *longitude == 0.0)
    return GEOMETRY_ZERO;
  if (fabs (*latitude) > 90.0 || fabs (*longitude) > 180.0)
    return GEOMETRY_OUT_OF_RANGE;

  return GEOMETRY_OK;
}

/* Reads a list of points into @points, (latitude, longitude) pairs. */
static GeometryProblem
read_points (JsonNode *node,
             guint     min_points,
             GArray   *points)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return GEOMETRY_UNREADABLE;

  array = json_node_get_array (node);
  if (json_array_get_length (array) < min_points)
    return GEOMETRY_UNREADABLE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      double point[2];
      GeometryProblem problem = read_pair (json_array_get_element (array, i), &point[0], &point[1]);

      if (problem != GEOMETRY_OK)
        return problem;
      g_array_append_vals (points, point, 1);
    }

  return GEOMETRY_OK;
}

static GVariant *
points_to_variant (GArray *points)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(dd)"));
  for (guint i = 0; i < points->len; i++)
    {
      double *point = &g_array_index (points, double, 2 * i);

      g_variant_builder_add (&builder, "(dd)", point[0], point[1]);
    }

  return g_variant_builder_end (&builder);
}

/* Adds a polygon's rings to @rings; tracks the largest outer ring's
 * centroid. */
static GeometryProblem
read_polygon (JsonNode        *node,
              GVariantBuilder *rings,
              double          *best_area,
              double          *latitude,
              double          *longitude)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    return GEOMETRY_UNREADABLE;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(GArray) points = g_array_new (FALSE, FALSE, 2 * sizeof (double));
      GeometryProblem problem = read_points (json_array_get_element (array, i), 3, points);

      if (problem != GEOMETRY_OK)
        return problem;

      if (i == 0)
        {
          double lat, lon, area;

          area = vigie_geo_ring_centroid ((const double *) points->data, points->len, &lat, &lon);
          if (area > *best_area || *best_area < 0)
            {
              *best_area = area;
              *latitude = lat;
              *longitude = lon;
            }
        }

      g_variant_builder_add_value (rings, points_to_variant (points));
    }

  return GEOMETRY_OK;
}

/*
 * Public API
 */

GeometryProblem
vigie_ngsi_ld_read_geometry (JsonNode  *node,
                             double    *latitude,
                             double    *longitude,
                             GVariant **geometry)
{
  JsonObject *object;
  JsonNode *coordinates;
  const char *type;

  *geometry = NULL;

  if (node == NULL)
    return GEOMETRY_MISSING;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return GEOMETRY_UNREADABLE;

  object = json_node_get_object (node);
  type = vigie_json_get_string (object, "type");
  coordinates = json_object_get_member (object, "coordinates");
  if (type == NULL || coordinates == NULL)
    return GEOMETRY_UNREADABLE;

  if (g_str_equal (type, "Point"))
    return read_pair (coordinates, latitude, longitude);

  if (g_str_equal (type, "LineString"))
    {
      g_autoptr(GArray) points = g_array_new (FALSE, FALSE, 2 * sizeof (double));
      GeometryProblem problem = read_points (coordinates, 2, points);

      if (problem != GEOMETRY_OK)
        return problem;

      vigie_geo_line_midpoint ((const double *) points->data, points->len, latitude, longitude);
      *geometry = g_variant_ref_sink (points_to_variant (points));
      return GEOMETRY_OK;
    }

  if (g_str_equal (type, "Polygon") || g_str_equal (type, "MultiPolygon"))
    {
      GVariantBuilder rings;
      GeometryProblem problem = GEOMETRY_OK;
      double best_area = -1;

      g_variant_builder_init (&rings, G_VARIANT_TYPE ("aa(dd)"));
      if (g_str_equal (type, "Polygon"))
        problem = read_polygon (coordinates, &rings, &best_area, latitude, longitude);
      else if (!JSON_NODE_HOLDS_ARRAY (coordinates) || json_array_get_length (json_node_get_array (coordinates)) == 0)
        problem = GEOMETRY_UNREADABLE;
      else
        {
          JsonArray *polygons = json_node_get_array (coordinates);

          for (guint i = 0; i < json_array_get_length (polygons) && problem == GEOMETRY_OK; i++)
            problem = read_polygon (json_array_get_element (polygons, i), &rings, &best_area, latitude, longitude);
        }

      if (problem != GEOMETRY_OK)
        {
          g_variant_builder_clear (&rings);
          return problem;
        }

      *geometry = g_variant_ref_sink (g_variant_builder_end (&rings));
      return GEOMETRY_OK;
    }

  return GEOMETRY_UNREADABLE;
}
