/* vigie-format-wifi-geojson.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-wifi-geojson"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-formats.h"
#include "vigie-json.h"

/* Vigie's neutral format for public Wi-Fi load: a GeoJSON FeatureCollection
 * of hotspots (points), each with aggregated counts only, never client
 * identities. Properties: id, name, clients, capacity, aps_up, aps_total,
 * observed_at (RFC 3339 or POSIX seconds). The collection may carry
 * observed_at and ttl of its own. */

static gboolean
read_point (JsonObject *feature,
            double     *latitude,
            double     *longitude)
{
  JsonObject *geometry = vigie_json_get_object (feature, "geometry");
  JsonArray *coordinates = vigie_json_get_array (geometry, "coordinates");
  const char *type = vigie_json_get_string (geometry, "type");

  if (g_strcmp0 (type, "Point") != 0 || coordinates == NULL || json_array_get_length (coordinates) < 2)
    return FALSE;

  if (!JSON_NODE_HOLDS_VALUE (json_array_get_element (coordinates, 0)) ||
      !JSON_NODE_HOLDS_VALUE (json_array_get_element (coordinates, 1)))
    return FALSE;

  /* GeoJSON is longitude first. */
  *longitude = json_array_get_double_element (coordinates, 0);
  *latitude = json_array_get_double_element (coordinates, 1);

  return isfinite (*latitude) && isfinite (*longitude) &&
         fabs (*latitude) <= 90.0 && fabs (*longitude) <= 180.0 &&
         !(*latitude == 0.0 && *longitude == 0.0);
}

static void
add_count (GVariantDict  *values,
           VigieSnapshot *snapshot,
           JsonObject    *properties,
           const char    *member,
           const char    *id)
{
  gint64 count;

  if (!vigie_json_get_int (properties, member, &count))
    return;

  if (count < 0)
    {
      vigie_snapshot_add_warning (snapshot,
                                  _("Hotspot %s: negative “%s” (%lld), counted as 0"),
                                  id, member, (long long) count);
      count = 0;
    }

  g_variant_dict_insert (values, member, "x", count);
}

static VigieSnapshot *
wifi_geojson_parse (const char              *role,
                    GBytes                  *bytes,
                    const VigieParseContext *context,
                    GError                 **error)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *collection;
  JsonArray *features;
  gint64 collection_time = 0;
  gint64 ttl;

  if (!(root = vigie_json_parse_bytes (bytes, error)))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (vigie_json_get_string (json_node_get_object (root), "type"), "FeatureCollection") != 0)
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                           _("The document is not a GeoJSON FeatureCollection"));
      return NULL;
    }

  collection = json_node_get_object (root);
  if (!(features = vigie_json_get_array (collection, "features")))
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                           _("The FeatureCollection has no list of features"));
      return NULL;
    }

  snapshot = vigie_format_new_snapshot (context);
  if (vigie_json_get_timestamp (collection, "observed_at", &collection_time))
    vigie_snapshot_set_observed_at (snapshot, collection_time);
  if (vigie_json_get_int (collection, "ttl", &ttl))
    vigie_snapshot_set_ttl (snapshot, ttl);

  vigie_snapshot_add_records (snapshot, json_array_get_length (features));

  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonNode *node = json_array_get_element (features, i);
      g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
      g_autofree char *id = NULL;
      JsonObject *feature, *properties;
      double latitude, longitude;
      gint64 observed_at = collection_time;
      gint64 clients;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          vigie_snapshot_add_warning (snapshot, _("Feature %u is not an object: skipped"), i + 1);
          continue;
        }

      feature = json_node_get_object (node);
      properties = vigie_json_get_object (feature, "properties");

      if (!(id = vigie_json_dup_id (properties, "id")) && !(id = vigie_json_dup_id (feature, "id")))
        {
          vigie_snapshot_add_warning (snapshot, _("Feature %u has no id: skipped"), i + 1);
          continue;
        }

      if (!read_point (feature, &latitude, &longitude))
        {
          vigie_snapshot_add_warning (snapshot, _("Hotspot %s has no usable position: skipped"), id);
          continue;
        }

      if (!vigie_json_get_int (properties, "clients", &clients))
        {
          vigie_snapshot_add_warning (snapshot, _("Hotspot %s has no client count: skipped"), id);
          continue;
        }

      vigie_json_get_timestamp (properties, "observed_at", &observed_at);

      add_count (&values, snapshot, properties, "clients", id);
      add_count (&values, snapshot, properties, "capacity", id);
      add_count (&values, snapshot, properties, "aps_up", id);
      add_count (&values, snapshot, properties, "aps_total", id);

      vigie_snapshot_add_entity (snapshot,
                                 vigie_entity_new (VIGIE_ENTITY_HOTSPOT,
                                                   id,
                                                   vigie_json_get_string (properties, "name"),
                                                   latitude, longitude,
                                                   observed_at,
                                                   g_variant_dict_end (&values)));
    }

  return g_steal_pointer (&snapshot);
}

static gboolean
wifi_geojson_sniff (const char *content_type,
                    GBytes     *bytes)
{
  g_autofree char *head = vigie_format_sniff_head (bytes);

  if (head == NULL)
    return FALSE;

  return strstr (head, "FeatureCollection") != NULL && strstr (head, "\"clients\"") != NULL;
}

const VigieFormat vigie_format_wifi_geojson = {
  .id = "wifi-geojson",
  .name = N_("Wi-Fi load (GeoJSON)"),
  .default_kind = VIGIE_FEED_KIND_WIFI,
  .min_interval_s = 30,
  .parse = wifi_geojson_parse,
  .sniff = wifi_geojson_sniff,
};
