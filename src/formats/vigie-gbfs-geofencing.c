/* vigie-gbfs-geofencing.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-gbfs"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-entity.h"
#include "vigie-gbfs-private.h"
#include "vigie-json.h"
#include "vigie-ngsi-ld-private.h"
#include "vigie-snapshot.h"

/* GBFS's geofencing_zones (2.1 and later): GeoJSON MultiPolygons where
 * rides may not start, end or pass, or go slower, each with its rules.
 * They become zones with a "geometry", which the map draws as areas
 * (the GeoJSON reading is NGSI-LD's, one copy for both):
 *
 *   "geofencing"  b       TRUE: a geofencing zone, not a parking zone
 *   "geometry"    aa(dd)  every polygon's rings, (latitude, longitude)
 *   "start", "end" x      when the zone is in force, when given
 *   "rules"       aa{sv}  its rules, in the feed's order: "vehicle_types"
 *                         (as, names or ids; absent: every vehicle),
 *                         "ride_start_allowed", "ride_end_allowed",
 *                         "ride_through_allowed", "station_parking" (b)
 *                         and "maximum_speed_kph" (x), each absent when
 *                         the rule does not say. 2.3's "ride_allowed"
 *                         sets both start and end.
 *
 * 3.0's global_rules (what applies outside every zone) are read and
 * counted, not drawn. */

/*
 * Records
 */

void
vigie_gbfs_zone_rule_clear (gpointer data)
{
  ZoneRule *rule = data;

  g_clear_pointer (&rule->vehicle_type_ids, g_strfreev);
}

void
vigie_gbfs_zone_free (gpointer data)
{
  GeofencingZone *zone = data;

  g_free (zone->id);
  g_free (zone->name);
  g_clear_pointer (&zone->geometry, g_variant_unref);
  g_clear_pointer (&zone->rules, g_array_unref);
  g_free (zone);
}

/*
 * Auxiliary methods
 */

static gint8
read_flag (JsonObject *object,
           const char *member)
{
  gboolean value;

  if (!vigie_json_get_boolean (object, member, &value))
    return -1;

  return value ? 1 : 0;
}

static GArray *
read_rules (JsonArray *array)
{
  GArray *rules = g_array_new (FALSE, TRUE, sizeof (ZoneRule));

  g_array_set_clear_func (rules, vigie_gbfs_zone_rule_clear);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      ZoneRule rule = { NULL, -1, -1, -1, -1, -1 };
      GStrv ids;
      gint64 speed;

      if (object == NULL)
        continue;

      /* 3.0 says vehicle_type_ids, 2.3 vehicle_type_id, both arrays. */
      ids = vigie_gbfs_read_ids (object, json_object_has_member (object, "vehicle_type_ids") ? "vehicle_type_ids" : "vehicle_type_id");
      if (ids[0] != NULL)
        rule.vehicle_type_ids = ids;
      else
        g_strfreev (ids);

      rule.ride_start_allowed = read_flag (object, "ride_start_allowed");
      rule.ride_end_allowed = read_flag (object, "ride_end_allowed");
      if (rule.ride_start_allowed < 0 && rule.ride_end_allowed < 0)
        rule.ride_start_allowed = rule.ride_end_allowed = read_flag (object, "ride_allowed");
      rule.ride_through_allowed = read_flag (object, "ride_through_allowed");
      rule.station_parking = read_flag (object, "station_parking");
      if (vigie_json_get_int (object, "maximum_speed_kph", &speed) && speed >= 0 && speed < 1000)
        rule.maximum_speed_kph = speed;

      g_array_append_val (rules, rule);
    }

  return rules;
}

static const char *
describe_geometry_problem (GeometryProblem problem)
{
  switch (problem)
    {
    case GEOMETRY_MISSING:
      return _("no geometry");
    case GEOMETRY_ZERO:
      return _("a point at (0, 0)");
    case GEOMETRY_OUT_OF_RANGE:
      return _("a point out of range");
    case GEOMETRY_UNREADABLE:
    case GEOMETRY_OK:
    default:
      return _("an unreadable geometry");
    }
}

/*
 * Documents
 */

void
vigie_gbfs_parse_geofencing_zones (JsonObject              *data,
                                   const VigieParseContext *context,
                                   VigieSnapshot           *snapshot,
                                   Document                *document)
{
  JsonObject *collection = vigie_json_get_object (data, "geofencing_zones");
  JsonArray *features = vigie_json_get_array (collection, "features");
  const char *language = context ? context->language : NULL;
  JsonArray *global_rules = vigie_json_get_array (data, "global_rules");

  if (global_rules != NULL)
    document->global_rules = read_rules (global_rules);

  if (features == NULL)
    {
      vigie_snapshot_add_warning (snapshot, _("The document has no “%s” list"), "geofencing_zones.features");
      return;
    }

  vigie_snapshot_add_records (snapshot, json_array_get_length (features));

  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonNode *node = json_array_get_element (features, i);
      JsonObject *feature = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *properties = vigie_json_get_object (feature, "properties");
      g_autoptr(GVariant) geometry = NULL;
      double latitude = NAN, longitude = NAN;
      GeometryProblem problem;
      GeofencingZone *zone;
      const char *type;
      char *name;

      if (feature == NULL)
        {
          vigie_snapshot_add_warning (snapshot, _("Geofencing zone %u is not an object, skipped"), i + 1);
          continue;
        }

      /* GBFS says MultiPolygon; a Polygon is read as well. */
      problem = vigie_ngsi_ld_read_geometry (json_object_get_member (feature, "geometry"),
                                             &latitude, &longitude, &geometry);
      type = vigie_json_get_string (vigie_json_get_object (feature, "geometry"), "type");
      if (problem == GEOMETRY_OK &&
          (geometry == NULL || !g_variant_is_of_type (geometry, G_VARIANT_TYPE ("aa(dd)"))))
        {
          vigie_snapshot_add_warning (snapshot, _("Geofencing zone %u is a %s, not an area, skipped"),
                                      i + 1, type != NULL ? type : "?");
          continue;
        }
      if (problem != GEOMETRY_OK)
        {
          /* Translators: %s says what is wrong: "no geometry", "a point at (0, 0)". */
          vigie_snapshot_add_warning (snapshot, _("Geofencing zone %u has %s, skipped"),
                                      i + 1, describe_geometry_problem (problem));
          continue;
        }

      zone = g_new0 (GeofencingZone, 1);
      zone->id = g_strdup_printf ("zone-%u", i + 1);
      name = vigie_json_dup_localized (properties, "name", language);
      zone->name = name != NULL ? g_strstrip (name) : NULL;
      zone->latitude = latitude;
      zone->longitude = longitude;
      zone->geometry = g_steal_pointer (&geometry);
      if (!vigie_json_get_timestamp (properties, "start", &zone->start))
        zone->start = 0;
      if (!vigie_json_get_timestamp (properties, "end", &zone->end))
        zone->end = 0;
      zone->rules = read_rules (vigie_json_get_array (properties, "rules"));

      vigie_gbfs_document_add (document, zone);
    }
}

/*
 * Combination
 */

static void
insert_flag (GVariantDict *dict,
             const char   *key,
             gint8         value)
{
  if (value >= 0)
    g_variant_dict_insert (dict, key, "b", (gboolean) value);
}

static GVariant *
rule_value (ZoneRule *rule,
            Document *types)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);

  if (rule->vehicle_type_ids != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) names = NULL;

      for (guint i = 0; rule->vehicle_type_ids[i] != NULL; i++)
        {
          VehicleType *type = vigie_gbfs_document_lookup (types, rule->vehicle_type_ids[i]);

          g_strv_builder_add (builder, type != NULL && type->name != NULL ? type->name : rule->vehicle_type_ids[i]);
        }
      names = g_strv_builder_end (builder);
      g_variant_dict_insert_value (&dict, "vehicle_types", g_variant_new_strv ((const char * const *) names, -1));
    }

  insert_flag (&dict, "ride_start_allowed", rule->ride_start_allowed);
  insert_flag (&dict, "ride_end_allowed", rule->ride_end_allowed);
  insert_flag (&dict, "ride_through_allowed", rule->ride_through_allowed);
  insert_flag (&dict, "station_parking", rule->station_parking);
  if (rule->maximum_speed_kph >= 0)
    g_variant_dict_insert (&dict, "maximum_speed_kph", "x", rule->maximum_speed_kph);

  return g_variant_dict_end (&dict);
}

/* Zones in force now or later; one whose end has passed is not. */
void
vigie_gbfs_combine_zones (VigieSnapshot *result,
                          Document      *zones,
                          Document      *types,
                          gint64         now)
{
  for (guint i = 0; i < zones->records->len; i++)
    {
      GeofencingZone *zone = g_ptr_array_index (zones->records, i);
      GVariantBuilder rules;
      GVariantDict dict;

      if (zone->end > 0 && now > 0 && zone->end <= now)
        {
          g_autoptr(GDateTime) end = g_date_time_new_from_unix_local (zone->end);
          g_autofree char *text = end != NULL ? g_date_time_format (end, "%Y-%m-%d %H:%M") : g_strdup ("?");

          /* Translators: a geofencing zone's name (or its id, "zone-3"), then a date and time. */
          vigie_snapshot_add_warning (result, _("Geofencing zone %s ended on %s, not shown"),
                                      zone->name != NULL ? zone->name : zone->id, text);
          continue;
        }

      g_variant_builder_init (&rules, G_VARIANT_TYPE ("aa{sv}"));
      for (guint r = 0; r < zone->rules->len; r++)
        g_variant_builder_add_value (&rules, rule_value (&g_array_index (zone->rules, ZoneRule, r), types));

      g_variant_dict_init (&dict, NULL);
      g_variant_dict_insert (&dict, "geofencing", "b", TRUE);
      g_variant_dict_insert_value (&dict, "geometry", zone->geometry);
      if (zone->start > 0)
        g_variant_dict_insert (&dict, "start", "x", zone->start);
      if (zone->end > 0)
        g_variant_dict_insert (&dict, "end", "x", zone->end);
      g_variant_dict_insert_value (&dict, "rules", g_variant_builder_end (&rules));

      vigie_snapshot_add_entity (result,
                                 vigie_entity_new (VIGIE_ENTITY_ZONE,
                                                   zone->id,
                                                   zone->name,
                                                   zone->latitude,
                                                   zone->longitude,
                                                   zones->last_updated,
                                                   g_variant_dict_end (&dict)));
    }
}
