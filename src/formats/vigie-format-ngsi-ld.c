/* vigie-format-ngsi-ld.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-ngsi-ld"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "vigie-clock.h"
#include "vigie-formats.h"
#include "vigie-geo.h"
#include "vigie-json.h"

/* Parking occupancy as FIWARE Smart Data Models entities in NGSI-LD
 * (dataModel.Parking): OnStreetParking, OffStreetParking and ParkingSpot,
 * as a context broker answers /ngsi-ld/v1/entities?type=... or as a file.
 *
 * Accepted documents: a JSON array of entities (one broker page), an
 * object holding the list in "@graph", "entities", "results" or "data",
 * a single entity, or the GeoJSON representation (a FeatureCollection
 * whose features carry the entities' attributes in "properties").
 *
 * Both representations are read, attribute by attribute: keyValues (plain
 * values) and normalized (Property, GeoProperty and Relationship objects
 * with "value" or "object", "observedAt", and multi-attributes with
 * "datasetId", of which the default instance is read). Without @context
 * the attribute names may be expanded URIs ("https://smartdatamodels.org/
 * dataModel.Parking/availableSpotNumber"); the type may be a short name
 * or a full URI, and when missing is read from a "urn:ngsi-ld:<Type>:..."
 * id.
 *
 * Entities:
 *   OnStreetParking   → VIGIE_ENTITY_ZONE (a meter zone or street segment)
 *   OffStreetParking  → VIGIE_ENTITY_CAR_PARK
 *   ParkingSpot       → VIGIE_ENTITY_ZONE with total_spots 1 and "spot":
 *                       a single space is drawn like a very small zone (it
 *                       has an occupancy band, not a count of free spaces
 *                       worth a glyph), and spots are often polygons.
 *   Other types (ParkingGroup, ParkingAccess, ...) are skipped, with one
 *   warning per type.
 *
 * Values (a{sv}; a key is absent when unknown):
 *   "total_spots"     x   totalSpotNumber; placeholders (999, 9999, 99999)
 *                         are dropped with a warning
 *   "available_spots" x   availableSpotNumber, clamped to 0..total
 *   "occupied_spots"  x   occupiedSpotNumber, clamped to 0..total
 *   "occupancy"       d   0–1: occupancy (a percentage is divided by 100,
 *                         with one warning per document), else computed
 *                         from occupied or available over total
 *   "status"          s   one word, the most telling of the list:
 *                         "closed" (also closedAbnormal), "full" (also
 *                         fullAtEntrance), "almostFull", "spacesAvailable",
 *                         "open" (also openingTimesInForce); for spots
 *                         "free", "occupied", "closed", "unknown"; any
 *                         other word is kept as it is
 *   "geometry"        a(dd)  a LineString: its points
 *                     aa(dd) a Polygon or MultiPolygon: its rings (outer
 *                         rings and holes of every polygon, flattened),
 *                         to be filled with the even-odd rule
 *                     Points are (latitude, longitude) pairs, WGS 84 (not
 *                     GeoJSON's longitude-first order). The entity's own
 *                     position is then the point halfway along the line,
 *                     or the area centroid of the largest outer ring.
 *   "category"        s   the category list joined with ","
 *                         ("public,feeCharged,shortTerm")
 *   "spot"            b   TRUE for a ParkingSpot
 *   "parent"          s   a spot's refParkingSite, when given
 *
 * The entity's observed_at is the newest of dateModified,
 * occupancyModified, observationDateTime and every attribute's
 * observedAt; a time without a zone is read as UTC, with one warning per
 * document.
 *
 * Paging: a broker answers by pages of "limit" entities (20 unless the
 * URL asks for more, 1000 at most on most brokers). When the main page
 * says, in NGSILD-Results-Count (the URL asks "count=true"), that there
 * are more, it links the other pages as documents "page-2", "page-3", ...
 * (the same URL with "offset" moved on, MAX_PAGES at most), which the
 * engine fetches like GBFS's sub-feeds; combine() joins them, an entity
 * seen on two pages (the broker's list moved between two requests) kept
 * once. A full page without a count gets a warning that entities may be
 * missing.
 *
 * Records are checked one by one: a bad record is skipped or corrected
 * with a warning naming it, never the whole document. */

#define DEFAULT_BROKER_LIMIT 20
/* 20 pages of 1000: far more parking places than a city has. */
#define MAX_PAGES 20

static const char * const page_roles[] = {
  "page-2", "page-3", "page-4", "page-5", "page-6", "page-7", "page-8",
  "page-9", "page-10", "page-11", "page-12", "page-13", "page-14",
  "page-15", "page-16", "page-17", "page-18", "page-19", "page-20", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (page_roles) == MAX_PAGES);

typedef enum
{
  TYPE_ON_STREET,
  TYPE_OFF_STREET,
  TYPE_SPOT,
  TYPE_OTHER,
} ParkingType;

typedef enum
{
  GEOMETRY_OK,
  GEOMETRY_MISSING,
  GEOMETRY_UNREADABLE,
  GEOMETRY_ZERO,
  GEOMETRY_OUT_OF_RANGE,
} GeometryProblem;

typedef struct
{
  VigieSnapshot *snapshot;
  GHashTable    *warned_types;
  gboolean       warned_zone;
  gboolean       warned_percent;
  gint64         newest;
} Parser;

/* Reading attributes ------------------------------------------------- */

/* Finds an attribute by its short name, or by an expanded one when the
 * producer sent no @context: ".../availableSpotNumber", "...#name",
 * "prefix:name". */
static JsonNode *
find_attribute (JsonObject *entity,
                const char *name)
{
  g_autoptr(GList) members = NULL;
  JsonNode *node;
  gsize length = strlen (name);

  if ((node = json_object_get_member (entity, name)) != NULL)
    return node;

  members = json_object_get_members (entity);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *member = l->data;
      gsize member_length = strlen (member);

      if (member_length > length && g_str_has_suffix (member, name) &&
          strchr ("/#:", member[member_length - length - 1]) != NULL)
        return json_object_get_member (entity, member);
    }

  return NULL;
}

static gboolean
is_wrapper (JsonObject *object)
{
  return json_object_has_member (object, "value") ||
         json_object_has_member (object, "object") ||
         json_object_has_member (object, "@value");
}

/* The value of an attribute in either representation: a normalized
 * Property or GeoProperty gives its "value", a Relationship its "object",
 * a multi-attribute its default instance (the one without datasetId). */
static JsonNode *
attribute_value (JsonObject *entity,
                 const char *name)
{
  JsonNode *node = find_attribute (entity, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      JsonNode *chosen = NULL;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_OBJECT (element) || !is_wrapper (json_node_get_object (element)))
            {
              chosen = NULL;
              break;
            }
          if (chosen == NULL || !json_object_has_member (json_node_get_object (element), "datasetId"))
            chosen = element;
        }
      if (chosen != NULL)
        node = chosen;
    }

  /* Twice: a Property's value may itself be a JSON-LD typed value,
   * {"@type": "DateTime", "@value": "..."}. */
  for (guint depth = 0; depth < 2 && JSON_NODE_HOLDS_OBJECT (node); depth++)
    {
      JsonObject *object = json_node_get_object (node);
      const char *members[] = { "value", "object", "@value" };

      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        if (json_object_has_member (object, members[i]))
          {
            node = json_object_get_member (object, members[i]);
            break;
          }
    }

  return JSON_NODE_HOLDS_NULL (node) ? NULL : node;
}

static const char *
node_string (JsonNode *node)
{
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  text = json_node_get_string (node);
  return (text != NULL && *text != '\0') ? text : NULL;
}

/* The last part of a URI or a prefixed name: the short type name. */
static const char *
short_name (const char *name)
{
  const char *p = name + strlen (name);

  while (p > name && strchr ("/#:", p[-1]) == NULL)
    p--;

  return p;
}

static ParkingType
parse_type (const char *name)
{
  if (g_str_equal (name, "OnStreetParking"))
    return TYPE_ON_STREET;
  if (g_str_equal (name, "OffStreetParking"))
    return TYPE_OFF_STREET;
  if (g_str_equal (name, "ParkingSpot"))
    return TYPE_SPOT;

  return TYPE_OTHER;
}

/* "urn:ngsi-ld:OffStreetParking:mulhouse:porte-haute" → OffStreetParking */
static char *
type_from_id (const char *id)
{
  g_auto(GStrv) parts = g_strsplit (id, ":", 4);

  if (g_strv_length (parts) < 4 || g_ascii_strcasecmp (parts[0], "urn") != 0 ||
      g_ascii_strcasecmp (parts[1], "ngsi-ld") != 0 || parse_type (parts[2]) == TYPE_OTHER)
    return NULL;

  return g_strdup (parts[2]);
}

/* Times -------------------------------------------------------------- */

static void
note_time (Parser     *parser,
           const char *id,
           JsonNode   *node,
           gint64     *newest)
{
  const char *text = node_string (node);
  gint64 time;

  if (text == NULL || !vigie_json_parse_time (text, &time))
    return;

  if (vigie_clock_time_lacks_zone (text) && !parser->warned_zone)
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Parking %s: time “%s” has no time zone, read as UTC"),
                                  id, text);
      parser->warned_zone = TRUE;
    }

  *newest = MAX (*newest, time);
}

static gint64
read_observed_at (Parser     *parser,
                  JsonObject *entity,
                  const char *id)
{
  const char * const times[] = { "dateModified", "occupancyModified", "observationDateTime" };
  g_autoptr(GList) members = json_object_get_members (entity);
  gint64 newest = 0;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    note_time (parser, id, attribute_value (entity, times[i]), &newest);

  /* Every attribute's own observedAt: the newest measure dates the entity. */
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (entity, l->data);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        note_time (parser, id, json_object_get_member (json_node_get_object (node), "observedAt"), &newest);
      else if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_OBJECT (element))
                note_time (parser, id,
                           json_object_get_member (json_node_get_object (element), "observedAt"),
                           &newest);
            }
        }
    }

  return newest;
}

/* Geometry ----------------------------------------------------------- */

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

/* The point halfway along a line, measured on a local flat projection:
 * it lies on the street, where a centroid of a bent street would not. */
static void
line_midpoint (const double *p,
               guint         n,
               double       *latitude,
               double       *longitude)
{
  double kx = cos (p[0] * G_PI / 180.0);
  double total = 0, walked = 0;

  for (guint i = 1; i < n; i++)
    total += hypot ((p[2 * i + 1] - p[2 * i - 1]) * kx, p[2 * i] - p[2 * i - 2]);

  *latitude = p[0];
  *longitude = p[1];
  if (total <= 0)
    return;

  for (guint i = 1; i < n; i++)
    {
      double step = hypot ((p[2 * i + 1] - p[2 * i - 1]) * kx, p[2 * i] - p[2 * i - 2]);

      if (walked + step >= total / 2 && step > 0)
        {
          double f = (total / 2 - walked) / step;

          *latitude = p[2 * i - 2] + f * (p[2 * i] - p[2 * i - 2]);
          *longitude = p[2 * i - 1] + f * (p[2 * i + 1] - p[2 * i - 1]);
          return;
        }
      walked += step;
    }
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

static GeometryProblem
read_geometry (JsonNode  *node,
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

      line_midpoint ((const double *) points->data, points->len, latitude, longitude);
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

/* Values ------------------------------------------------------------- */

static gboolean
is_placeholder_capacity (gint64 count)
{
  return count == 999 || count == 9999 || count == 99999;
}

/* Reads a count; a negative one is read as 0 with a warning. */
static gboolean
read_count (Parser     *parser,
            JsonObject *entity,
            const char *member,
            const char *id,
            gint64     *count)
{
  JsonNode *node = attribute_value (entity, member);
  double value;

  if (node == NULL)
    return FALSE;

  if (!vigie_json_node_get_double (node, &value) || fabs (value) > (double) G_MAXINT32)
    {
      vigie_snapshot_add_warning (parser->snapshot, _("Parking %s: unreadable “%s”, ignored"), id, member);
      return FALSE;
    }

  *count = (gint64) llround (value);
  if (*count < 0)
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Parking %s: negative “%s” (%lld), counted as 0"),
                                  id, member, (long long) *count);
      *count = 0;
    }

  return TRUE;
}

static int
status_rank (const char *word)
{
  static const char * const ranked[] = {
    "closed", "closedAbnormal", "full", "fullAtEntrance", "almostFull",
    "occupied", "spacesAvailable", "free", "open", "openingTimesInForce",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ranked); i++)
    if (g_ascii_strcasecmp (word, ranked[i]) == 0)
      return i;

  return G_N_ELEMENTS (ranked);
}

static const char *
normalize_status (const char *word)
{
  static const struct { const char *word, *status; } map[] = {
    { "closed", "closed" }, { "closedAbnormal", "closed" },
    { "full", "full" }, { "fullAtEntrance", "full" },
    { "almostFull", "almostFull" }, { "spacesAvailable", "spacesAvailable" },
    { "open", "open" }, { "openingTimesInForce", "open" },
    { "free", "free" }, { "occupied", "occupied" }, { "unknown", "unknown" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_ascii_strcasecmp (word, map[i].word) == 0)
      return map[i].status;

  return word;
}

/* A list (["open", "full"]) or one word: the most telling one. */
static const char *
read_status (JsonNode *node)
{
  const char *best = node_string (node);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *word = node_string (json_array_get_element (array, i));

          if (word != NULL && (best == NULL || status_rank (word) < status_rank (best)))
            best = word;
        }
    }

  return best != NULL ? normalize_status (best) : NULL;
}

static char *
read_category (JsonNode *node)
{
  g_autoptr(GStrvBuilder) words = NULL;
  g_auto(GStrv) list = NULL;
  JsonArray *array;

  if (node_string (node) != NULL)
    return g_strdup (node_string (node));
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  words = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (node_string (json_array_get_element (array, i)) != NULL)
      g_strv_builder_add (words, node_string (json_array_get_element (array, i)));

  list = g_strv_builder_end (words);
  return list[0] != NULL ? g_strjoinv (",", list) : NULL;
}

static gboolean
read_occupancy (Parser     *parser,
                JsonObject *entity,
                const char *id,
                double     *occupancy)
{
  JsonNode *node = attribute_value (entity, "occupancy");
  double value;

  if (node == NULL)
    return FALSE;

  if (!vigie_json_node_get_double (node, &value) || value < 0 || value > 100)
    {
      vigie_snapshot_add_warning (parser->snapshot, _("Parking %s: unusable occupancy, ignored"), id);
      return FALSE;
    }

  /* The model says 0–1; some producers write a percentage. */
  if (value > 1)
    {
      if (!parser->warned_percent)
        vigie_snapshot_add_warning (parser->snapshot,
                                    _("Parking %s: occupancy %g read as a percentage"),
                                    id, value);
      parser->warned_percent = TRUE;
      value /= 100;
    }

  *occupancy = value;
  return TRUE;
}

/* Entities ----------------------------------------------------------- */

static void
warn_geometry (Parser          *parser,
               const char      *id,
               GeometryProblem  problem)
{
  switch (problem)
    {
    case GEOMETRY_MISSING:
      vigie_snapshot_add_warning (parser->snapshot, _("Parking %s has no location: skipped"), id);
      break;

    case GEOMETRY_ZERO:
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Parking %s: position (0, 0) is not a real place, skipped"), id);
      break;

    case GEOMETRY_OUT_OF_RANGE:
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Parking %s: a position is out of range, skipped"), id);
      break;

    case GEOMETRY_UNREADABLE:
    case GEOMETRY_OK:
    default:
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Parking %s: unreadable location, skipped"), id);
      break;
    }
}

static void
read_entity (Parser     *parser,
             JsonObject *entity,
             JsonNode   *fallback_geometry,
             guint       index)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) geometry = NULL;
  g_autofree char *id = NULL;
  g_autofree char *type_name = NULL;
  g_autofree char *category = NULL;
  const char *status;
  JsonNode *location;
  ParkingType type;
  GeometryProblem problem;
  double latitude = NAN, longitude = NAN, occupancy = 0;
  gint64 total = 0, available = 0, occupied = 0, observed_at;
  gboolean has_total, has_available, has_occupied, has_occupancy;

  if (!(id = vigie_json_dup_id (entity, "id")) && !(id = vigie_json_dup_id (entity, "@id")))
    {
      vigie_snapshot_add_warning (parser->snapshot, _("Entity %u has no id: skipped"), index + 1);
      return;
    }

  if (vigie_json_get_string (entity, "type") != NULL)
    type_name = g_strdup (short_name (vigie_json_get_string (entity, "type")));
  else if (vigie_json_get_string (entity, "@type") != NULL)
    type_name = g_strdup (short_name (vigie_json_get_string (entity, "@type")));
  else if ((type_name = type_from_id (id)) != NULL)
    vigie_snapshot_add_warning (parser->snapshot,
                                _("Entity %s has no type: read as %s from its id"),
                                id, type_name);
  else
    {
      vigie_snapshot_add_warning (parser->snapshot, _("Entity %s has no type: skipped"), id);
      return;
    }

  type = parse_type (type_name);
  if (type == TYPE_OTHER)
    {
      if (g_hash_table_add (parser->warned_types, g_strdup (type_name)))
        vigie_snapshot_add_warning (parser->snapshot,
                                    _("Entities of type “%s” are not parking sites: skipped"),
                                    type_name);
      return;
    }

  location = attribute_value (entity, "location");
  if (location == NULL)
    location = fallback_geometry;
  problem = read_geometry (location, &latitude, &longitude, &geometry);
  if (problem != GEOMETRY_OK)
    {
      warn_geometry (parser, id, problem);
      return;
    }

  has_total = read_count (parser, entity, "totalSpotNumber", id, &total);
  has_available = read_count (parser, entity, "availableSpotNumber", id, &available);
  has_occupied = read_count (parser, entity, "occupiedSpotNumber", id, &occupied);
  has_occupancy = read_occupancy (parser, entity, id, &occupancy);
  status = read_status (attribute_value (entity, "status"));

  if (has_total && is_placeholder_capacity (total))
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Parking %s: capacity %lld looks like a placeholder, ignored"),
                                  id, (long long) total);
      has_total = FALSE;
    }

  if (has_total && has_available && available > total)
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Parking %s: %lld spaces free out of %lld, read as %lld"),
                                  id, (long long) available, (long long) total, (long long) total);
      available = total;
    }
  if (has_total && has_occupied && occupied > total)
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Parking %s: %lld spaces taken out of %lld, read as %lld"),
                                  id, (long long) occupied, (long long) total, (long long) total);
      occupied = total;
    }

  /* A spot is one space, free or not. */
  if (type == TYPE_SPOT)
    {
      has_total = TRUE;
      total = 1;
      if (g_strcmp0 (status, "free") == 0 || g_strcmp0 (status, "occupied") == 0)
        {
          has_available = has_occupied = TRUE;
          available = g_str_equal (status, "free") ? 1 : 0;
          occupied = 1 - available;
        }
    }

  if (!has_occupancy && has_total && total > 0)
    {
      if (has_occupied)
        {
          occupancy = (double) occupied / total;
          has_occupancy = TRUE;
        }
      else if (has_available)
        {
          occupancy = (double) (total - available) / total;
          has_occupancy = TRUE;
        }
    }

  if (has_total)
    g_variant_dict_insert (&values, "total_spots", "x", total);
  if (has_available)
    g_variant_dict_insert (&values, "available_spots", "x", available);
  if (has_occupied)
    g_variant_dict_insert (&values, "occupied_spots", "x", occupied);
  if (has_occupancy)
    g_variant_dict_insert (&values, "occupancy", "d", occupancy);
  if (status != NULL)
    g_variant_dict_insert (&values, "status", "s", status);
  if (geometry != NULL)
    g_variant_dict_insert_value (&values, "geometry", geometry);
  if ((category = read_category (attribute_value (entity, "category"))) != NULL)
    g_variant_dict_insert (&values, "category", "s", category);
  if (type == TYPE_SPOT)
    {
      const char *parent = node_string (attribute_value (entity, "refParkingSite"));

      g_variant_dict_insert (&values, "spot", "b", TRUE);
      if (parent != NULL)
        g_variant_dict_insert (&values, "parent", "s", parent);
    }

  observed_at = read_observed_at (parser, entity, id);
  parser->newest = MAX (parser->newest, observed_at);

  vigie_snapshot_add_entity (parser->snapshot,
                             vigie_entity_new (type == TYPE_OFF_STREET ? VIGIE_ENTITY_CAR_PARK : VIGIE_ENTITY_ZONE,
                                               id,
                                               node_string (attribute_value (entity, "name")),
                                               latitude, longitude,
                                               observed_at,
                                               g_variant_dict_end (&values)));
}

/* The limit the broker was asked for, from the document's address. */
static gint64
requested_limit (const char *base_url)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *limit;
  gint64 value;

  if (base_url == NULL || !(uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL)))
    return -1;

  if (g_uri_get_query (uri) != NULL)
    params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);

  limit = params != NULL ? g_hash_table_lookup (params, "limit") : NULL;
  if (limit == NULL)
    return strstr (g_uri_get_path (uri), "/ngsi-ld/") != NULL ? DEFAULT_BROKER_LIMIT : -1;

  return g_ascii_string_to_signed (limit, 10, 1, G_MAXINT32, &value, NULL) ? value : -1;
}

/* The broker's total, from NGSILD-Results-Count, or -1. */
static gint64
results_count (const VigieParseContext *context)
{
  g_autofree char *value = NULL;
  gint64 count;

  if (context == NULL || context->headers == NULL)
    return -1;

  value = g_strdup (soup_message_headers_get_one (context->headers, "NGSILD-Results-Count"));
  if (value == NULL || !g_ascii_string_to_signed (g_strstrip (value), 10, 0, G_MAXINT32, &count, NULL))
    return -1;

  return count;
}

/* The main page's address with "offset" moved on by @skip. */
static char *
page_url (const char *base_url,
          gint64      skip)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GString) query = g_string_new (NULL);
  g_auto(GStrv) params = NULL;
  gint64 offset = 0;

  if (uri == NULL)
    return NULL;

  params = g_strsplit (g_uri_get_query (uri) ? g_uri_get_query (uri) : "", "&", -1);
  for (guint i = 0; params[i] != NULL; i++)
    {
      if (g_str_has_prefix (params[i], "offset="))
        {
          g_ascii_string_to_signed (params[i] + 7, 10, 0, G_MAXINT32, &offset, NULL);
          continue;
        }
      if (params[i][0] == '\0')
        continue;
      g_string_append_printf (query, "%s%s", query->len ? "&" : "", params[i]);
    }
  g_string_append_printf (query, "%soffset=%" G_GINT64_FORMAT, query->len ? "&" : "", offset + skip);

  return g_uri_join (G_URI_FLAGS_ENCODED_QUERY,
                     g_uri_get_scheme (uri), g_uri_get_userinfo (uri), g_uri_get_host (uri),
                     g_uri_get_port (uri), g_uri_get_path (uri), query->str, NULL);
}

/* Links the pages after the first one when the broker counts more
 * entities than a page holds. Returns whether the count was known. */
static gboolean
link_pages (VigieSnapshot           *snapshot,
            const VigieParseContext *context,
            gint64                   limit)
{
  gint64 total = results_count (context);
  gint64 n_pages;

  if (total < 0)
    return FALSE;

  n_pages = (total + limit - 1) / limit;
  if (n_pages > MAX_PAGES)
    {
      vigie_snapshot_add_warning (snapshot,
                                  _("The broker has %lld entities: only the first %lld are read"),
                                  (long long) total, (long long) (limit * MAX_PAGES));
      n_pages = MAX_PAGES;
    }

  for (gint64 page = 2; page <= n_pages; page++)
    {
      g_autofree char *url = page_url (context->base_url, (page - 1) * limit);

      if (url != NULL)
        vigie_snapshot_add_link (snapshot, page_roles[page - 2], url);
    }

  return TRUE;
}

static JsonArray *
find_entity_list (JsonNode  *root,
                  gboolean  *geojson)
{
  const char * const members[] = { "@graph", "entities", "results", "data" };
  JsonObject *object;

  *geojson = FALSE;

  if (JSON_NODE_HOLDS_ARRAY (root))
    return json_node_get_array (root);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  if (g_strcmp0 (vigie_json_get_string (object, "type"), "FeatureCollection") == 0)
    {
      *geojson = TRUE;
      return vigie_json_get_array (object, "features");
    }

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (vigie_json_get_array (object, members[i]) != NULL)
      return vigie_json_get_array (object, members[i]);

  return NULL;
}

static VigieSnapshot *
ngsi_ld_parse (const char              *role,
               GBytes                  *bytes,
               const VigieParseContext *context,
               GError                 **error)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GHashTable) warned_types = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonArray) single = NULL;
  JsonArray *list;
  gboolean geojson;
  Parser parser = { 0 };
  gint64 limit;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (!(root = vigie_json_parse_bytes (bytes, error)))
    return NULL;

  list = find_entity_list (root, &geojson);
  if (list == NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      json_object_has_member (json_node_get_object (root), "id"))
    {
      /* One entity, as /ngsi-ld/v1/entities/{id} answers. */
      single = json_array_new ();
      json_array_add_element (single, json_node_copy (root));
      list = single;
    }

  if (list == NULL)
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                           _("The document is not a list of NGSI-LD entities"));
      return NULL;
    }

  snapshot = vigie_format_new_snapshot (context);
  warned_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  parser.snapshot = snapshot;
  parser.warned_types = warned_types;

  vigie_snapshot_add_records (snapshot, json_array_get_length (list));

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);
      JsonObject *entity;
      JsonNode *geometry = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          vigie_snapshot_add_warning (snapshot, _("Entity %u is not an object: skipped"), i + 1);
          continue;
        }

      entity = json_node_get_object (node);
      if (geojson)
        {
          JsonObject *feature = entity;

          /* The GeoJSON representation: attributes in properties, the
           * location also as the feature's geometry. */
          geometry = json_object_get_member (feature, "geometry");
          if (!(entity = vigie_json_get_object (feature, "properties")))
            {
              vigie_snapshot_add_warning (snapshot, _("Entity %u has no properties: skipped"), i + 1);
              continue;
            }
          if (!json_object_has_member (entity, "id") && json_object_has_member (feature, "id"))
            {
              /* Immutable parser: work on a copy with the id added. */
              g_autoptr(JsonObject) copy = json_object_new ();
              g_autoptr(GList) members = json_object_get_members (entity);

              for (GList *l = members; l != NULL; l = l->next)
                json_object_set_member (copy, l->data, json_node_copy (json_object_get_member (entity, l->data)));
              json_object_set_member (copy, "id", json_node_copy (json_object_get_member (feature, "id")));
              read_entity (&parser, copy, geometry, i);
              continue;
            }
        }

      read_entity (&parser, entity, geometry, i);
    }

  limit = context != NULL ? requested_limit (context->base_url) : -1;
  if (g_strcmp0 (role, VIGIE_ROLE_MAIN) == 0 && limit > 0 &&
      !link_pages (snapshot, context, limit) &&
      json_array_get_length (list) == (guint) limit)
    vigie_snapshot_add_warning (snapshot,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "The page holds %u entity, as many as the limit asked for: "
                                             "the broker may have more (ask for limit=1000&count=true)",
                                             "The page holds %u entities, as many as the limit asked for: "
                                             "the broker may have more (ask for limit=1000&count=true)",
                                             json_array_get_length (list)),
                                json_array_get_length (list));

  if (parser.newest > 0)
    vigie_snapshot_set_observed_at (snapshot, parser.newest);

  return g_steal_pointer (&snapshot);
}

/* The pages joined, main first. */
static VigieSnapshot *
ngsi_ld_combine (GHashTable              *snapshots_by_role,
                 const VigieParseContext *context)
{
  VigieSnapshot *main_page = g_hash_table_lookup (snapshots_by_role, VIGIE_ROLE_MAIN);
  GHashTable *links;
  g_autoptr(VigieSnapshot) combined = NULL;
  g_autoptr(GHashTable) seen = NULL;
  gint64 newest = 0;

  if (main_page == NULL)
    return NULL;

  combined = vigie_format_new_snapshot (context);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  links = vigie_snapshot_get_links (main_page);

  for (int i = -1; i < MAX_PAGES - 1; i++)
    {
      const char *role = i < 0 ? VIGIE_ROLE_MAIN : page_roles[i];
      VigieSnapshot *page = g_hash_table_lookup (snapshots_by_role, role);
      const char * const *warnings;

      /* A page the main one no longer names is from a longer list. */
      if (page == NULL || (i >= 0 && (links == NULL || !g_hash_table_contains (links, role))))
        continue;

      for (guint j = 0; j < vigie_snapshot_get_n_entities (page); j++)
        {
          VigieEntity *entity = vigie_snapshot_get_entity (page, j);

          if (!g_hash_table_add (seen, (gpointer) vigie_entity_get_key (entity)))
            continue;

          vigie_snapshot_add_entity (combined, vigie_entity_copy (entity));
        }

      warnings = vigie_snapshot_get_warnings (page);
      for (guint j = 0; warnings != NULL && warnings[j] != NULL; j++)
        vigie_snapshot_add_warning (combined, "%s", warnings[j]);
      vigie_snapshot_add_records (combined, vigie_snapshot_get_n_records (page));
      newest = MAX (newest, vigie_snapshot_get_observed_at (page));
    }

  if (newest > 0)
    vigie_snapshot_set_observed_at (combined, newest);

  return g_steal_pointer (&combined);
}

static gboolean
ngsi_ld_sniff (const char *content_type,
               GBytes     *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autofree char *head = NULL;
  const char *p;

  /* An empty GBytes may hold a NULL pointer. */
  if (data == NULL || size == 0)
    return FALSE;
  head = g_strndup (data, MIN (size, 4096));
  p = head;

  /* JSON, not a DATEX II document naming the same things. */
  if (g_str_has_prefix (p, "\xEF\xBB\xBF"))
    p += 3;
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '[' && *p != '{')
    return FALSE;

  return strstr (head, "OffStreetParking") != NULL ||
         strstr (head, "OnStreetParking") != NULL ||
         strstr (head, "ParkingSpot") != NULL;
}

const VigieFormat vigie_format_ngsi_ld = {
  .id = "ngsi-ld",
  .name = N_("Parking (NGSI-LD, Smart Data Models)"),
  .default_kind = VIGIE_FEED_KIND_PARKING,
  .min_interval_s = 30,
  .parse = ngsi_ld_parse,
  .combine = ngsi_ld_combine,
  .sniff = ngsi_ld_sniff,
  .followed_roles = page_roles,
};
