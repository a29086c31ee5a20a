/* vigie-ngsi-ld-entity.c
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
#include "vigie-ngsi-ld-private.h"

/* One NGSI-LD parking entity (OnStreetParking, OffStreetParking,
 * ParkingSpot, ParkingGroup) read into an entity of the snapshot: its
 * attributes in any representation (keyValues; normalized NGSI-LD, with
 * the LanguageProperty, VocabProperty and ListProperty of NGSI-LD 1.8;
 * NGSI v2's normalized form with "metadata" and "geo:json", as the Smart
 * Data Models examples show it), its times, counts and status. */

typedef enum
{
  TYPE_ON_STREET,
  TYPE_OFF_STREET,
  TYPE_SPOT,
  TYPE_GROUP,
  TYPE_OTHER,
} ParkingType;

/*
 * Auxiliary functions
 */

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

/* Where each kind of attribute keeps its value: Property, GeoProperty
 * and NGSI v2 "value", Relationship "object", JSON-LD "@value", NGSI-LD
 * 1.8's VocabProperty "vocab" and ListProperty "valueList". */
static const char * const value_members[] = { "value", "object", "@value", "vocab", "valueList", "languageMap" };

static gboolean
is_wrapper (JsonObject *object)
{
  for (guint i = 0; i < G_N_ELEMENTS (value_members); i++)
    if (json_object_has_member (object, value_members[i]))
      return TRUE;

  return FALSE;
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

      /* A languageMap is read by read_name(). */
      for (guint i = 0; i < G_N_ELEMENTS (value_members) - 1; i++)
        if (json_object_has_member (object, value_members[i]))
          {
            node = json_object_get_member (object, value_members[i]);
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
  if (g_str_equal (name, "ParkingGroup"))
    return TYPE_GROUP;

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
  const char * const metadata_times[] = { "timestamp", "dateModified", "observedAt" };
  g_autoptr(GList) members = json_object_get_members (entity);
  gint64 newest = 0;

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    note_time (parser, id, attribute_value (entity, times[i]), &newest);

  /* Every attribute's own observedAt: the newest measure dates the entity. */
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (entity, l->data);

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *metadata = vigie_json_get_object (json_node_get_object (node), "metadata");

          note_time (parser, id, json_object_get_member (json_node_get_object (node), "observedAt"), &newest);
          /* NGSI v2: "metadata": {"timestamp": {"type": "DateTime", "value": ...}} */
          for (guint i = 0; metadata != NULL && i < G_N_ELEMENTS (metadata_times); i++)
            {
              JsonObject *time = vigie_json_get_object (metadata, metadata_times[i]);

              if (time != NULL)
                note_time (parser, id, json_object_get_member (time, "value"), &newest);
            }
        }
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

/* A name, or a LanguageProperty's: the user's language, then French,
 * then English, then any. */
static const char *
read_name (Parser     *parser,
           JsonObject *entity)
{
  JsonNode *node = find_attribute (entity, "name");
  const char *candidates[] = { parser->language, "fr", "en" };
  JsonObject *map;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      !(map = vigie_json_get_object (json_node_get_object (node), "languageMap")))
    return node_string (attribute_value (entity, "name"));

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *short_language = candidates[i] != NULL ? g_strndup (candidates[i], 2) : NULL;
      const char *text;

      if (short_language != NULL &&
          (text = node_string (json_object_get_member (map, short_language))) != NULL)
        return text;
    }

  {
    g_autoptr(GList) languages = json_object_get_members (map);

    for (GList *l = languages; l != NULL; l = l->next)
      if (node_string (json_object_get_member (map, l->data)) != NULL)
        return node_string (json_object_get_member (map, l->data));
  }

  return NULL;
}

/* The entity's type: a name, a URI, or a list of them (an entity of
 * several types) of which the first that is a parking type. */
static char *
read_type (JsonObject *entity)
{
  const char * const members[] = { "type", "@type" };

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      JsonNode *node = json_object_get_member (entity, members[m]);

      if (node_string (node) != NULL)
        return g_strdup (short_name (node_string (node)));

      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *types = json_node_get_array (node);
          const char *first = NULL;

          for (guint i = 0; i < json_array_get_length (types); i++)
            {
              const char *type = node_string (json_array_get_element (types, i));

              if (type == NULL)
                continue;
              if (parse_type (short_name (type)) != TYPE_OTHER)
                return g_strdup (short_name (type));
              if (first == NULL)
                first = type;
            }
          if (first != NULL)
            return g_strdup (short_name (first));
        }
    }

  return NULL;
}

/* The entity's position, for the groups that are placed at their site. */
static void
note_position (Parser     *parser,
               const char *id,
               double      latitude,
               double      longitude)
{
  JsonNode *point;
  JsonObject *object;
  JsonArray *coordinates;

  if (parser->positions == NULL)
    return;

  point = json_node_new (JSON_NODE_OBJECT);
  object = json_object_new ();
  coordinates = json_array_new ();
  json_array_add_double_element (coordinates, longitude);
  json_array_add_double_element (coordinates, latitude);
  json_object_set_string_member (object, "type", "Point");
  json_object_set_array_member (object, "coordinates", coordinates);
  json_node_take_object (point, object);
  g_hash_table_replace (parser->positions, g_strdup (id), point);
}

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

/*
 * Public API
 */

void
vigie_ngsi_ld_read_entity (Parser     *parser,
                           JsonObject *entity,
                           JsonNode   *fallback_geometry,
                           guint       index)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) geometry = NULL;
  g_autofree char *id = NULL;
  g_autofree char *type_name = NULL;
  g_autofree char *category = NULL;
  const char *status, *parent;
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

  if ((type_name = read_type (entity)) != NULL)
    ;
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
  parent = node_string (attribute_value (entity, "refParkingSite"));
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
  if (location == NULL && parser->placing_deferred && parent != NULL)
    location = g_hash_table_lookup (parser->positions, parent);
  problem = vigie_ngsi_ld_read_geometry (location, &latitude, &longitude, &geometry);
  /* A group may leave its location to its site: placed there once the
   * document is read. */
  if (problem == GEOMETRY_MISSING && type == TYPE_GROUP && parent != NULL && !parser->placing_deferred)
    {
      g_ptr_array_add (parser->deferred, json_object_ref (entity));
      g_array_append_val (parser->deferred_index, index);
      return;
    }
  if (problem == GEOMETRY_MISSING && type == TYPE_GROUP && parent != NULL)
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Parking group %s has no location, nor has its site %s in this document: skipped"),
                                  id, parent);
      return;
    }
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
    g_variant_dict_insert (&values, "spot", "b", TRUE);
  if (type == TYPE_GROUP)
    g_variant_dict_insert (&values, "group", "b", TRUE);
  if ((type == TYPE_SPOT || type == TYPE_GROUP) && parent != NULL)
    g_variant_dict_insert (&values, "parent", "s", parent);

  observed_at = read_observed_at (parser, entity, id);
  parser->newest = MAX (parser->newest, observed_at);
  if (type == TYPE_OFF_STREET || type == TYPE_ON_STREET)
    note_position (parser, id, latitude, longitude);

  vigie_snapshot_add_entity (parser->snapshot,
                             vigie_entity_new (type == TYPE_OFF_STREET ? VIGIE_ENTITY_CAR_PARK : VIGIE_ENTITY_ZONE,
                                               id,
                                               read_name (parser, entity),
                                               latitude, longitude,
                                               observed_at,
                                               g_variant_dict_end (&values)));
}

/* A document's list of entities: an array, or an object's "@graph",
 * "entities", "results" or "data"; with @geojson, a FeatureCollection's
 * features too, and *@geojson says so. */
JsonArray *
vigie_ngsi_ld_find_entity_list (JsonNode *root,
                                gboolean *geojson)
{
  const char * const members[] = { "@graph", "entities", "results", "data" };
  JsonObject *object;

  if (geojson != NULL)
    *geojson = FALSE;

  if (JSON_NODE_HOLDS_ARRAY (root))
    return json_node_get_array (root);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  if (geojson != NULL && g_strcmp0 (vigie_json_get_string (object, "type"), "FeatureCollection") == 0)
    {
      *geojson = TRUE;
      return vigie_json_get_array (object, "features");
    }

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (vigie_json_get_array (object, members[i]) != NULL)
      return vigie_json_get_array (object, members[i]);

  return NULL;
}

/* A status as the live reader words it, for the temporal API's values. */
const char *
vigie_ngsi_ld_read_status (JsonNode *node)
{
  return read_status (node);
}
