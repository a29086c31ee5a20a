/* vigie-format-gbfs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-gbfs"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-entity.h"
#include "vigie-formats.h"
#include "vigie-gbfs-private.h"
#include "vigie-json.h"
#include "vigie-snapshot.h"
#include "vigie-hash.h"

/* GBFS (General Bikeshare Feed Specification) 2.x, 3.0 and 3.1.
 *
 * A system is a set of documents, each with its own ttl: gbfs.json lists
 * the others, station_information says where stations are, station_status
 * how full they are, free_bike_status (2.x) or vehicle_status (3.0) where
 * loose vehicles are, and vehicle_types what they are. Optional ones add
 * to them: system_alerts (shown on the stations they name),
 * system_regions, system_pricing_plans, geofencing_zones (areas) and
 * 3.1's vehicle_availability (when each car can be booked). Each document is
 * parsed on its own into plain structs kept as the snapshot's payload (no
 * JSON tree outlives parse()); combine() joins the latest of each into the
 * stations and vehicles the store shows. Here: the documents and
 * discovery; their records are read in vigie-gbfs-records.c, combined in
 * vigie-gbfs-combine.c.
 *
 * Feeds are validated record by record: a bad record is skipped or
 * corrected with a warning naming it, never the whole document. */

/*
 * Documents
 */

static void
vehicle_type_free (gpointer data)
{
  VehicleType *type = data;

  g_free (type->id);
  g_free (type->name);
  g_free (type->form_factor);
  g_free (type->propulsion);
  g_free (type);
}

static void
station_info_free (gpointer data)
{
  StationInfo *info = data;

  g_free (info->id);
  g_free (info->name);
  g_free (info->address);
  g_free (info->region_id);
  g_free (info);
}

static void
station_status_free (gpointer data)
{
  StationStatus *status = data;

  g_free (status->id);
  g_clear_pointer (&status->type_counts, g_array_unref);
  g_free (status);
}

static void
vehicle_free (gpointer data)
{
  Vehicle *vehicle = data;

  g_free (vehicle->id);
  g_free (vehicle->vehicle_type_id);
  g_free (vehicle->station_id);
  g_free (vehicle->home_station_id);
  g_free (vehicle);
}

static Document *
document_new (DocumentKind kind,
              gint64       last_updated)
{
  Document *document = g_new0 (Document, 1);
  GDestroyNotify free_func = NULL;

  switch (kind)
    {
    case DOCUMENT_STATION_INFORMATION:
      free_func = station_info_free;
      break;

    case DOCUMENT_STATION_STATUS:
      free_func = station_status_free;
      break;

    case DOCUMENT_VEHICLES:
      free_func = vehicle_free;
      break;

    case DOCUMENT_VEHICLE_TYPES:
      free_func = vehicle_type_free;
      break;

    case DOCUMENT_SYSTEM_REGIONS:
      free_func = vigie_gbfs_region_free;
      break;

    case DOCUMENT_PRICING_PLANS:
      free_func = vigie_gbfs_pricing_plan_free;
      break;

    case DOCUMENT_ALERTS:
      free_func = vigie_gbfs_alert_free;
      break;

    case DOCUMENT_GEOFENCING_ZONES:
      free_func = vigie_gbfs_zone_free;
      break;

    case DOCUMENT_VEHICLE_AVAILABILITY:
      free_func = vigie_gbfs_availability_free;
      break;

    case DOCUMENT_OTHER:
    case DOCUMENT_DISCOVERY:
    case DOCUMENT_MANIFEST:
    case DOCUMENT_SYSTEM_INFORMATION:
    case N_DOCUMENT_KINDS:
    default:
      break;
    }

  document->kind = kind;
  document->last_updated = last_updated;
  document->records = g_ptr_array_new_with_free_func (free_func);
  document->by_id = g_hash_table_new (vigie_str_hash, g_str_equal);
  document->skipped_ids = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, NULL);

  return document;
}

static void
document_free (gpointer data)
{
  Document *document = data;

  /* The index borrows the records' ids: drop it first. */
  g_clear_pointer (&document->by_id, g_hash_table_unref);
  g_clear_pointer (&document->records, g_ptr_array_unref);
  g_clear_pointer (&document->skipped_ids, g_hash_table_unref);
  g_clear_pointer (&document->global_rules, g_array_unref);
  g_free (document);
}

void
vigie_gbfs_document_add (Document *document,
                         gpointer  record)
{
  char *id = *(char **) record;

  g_ptr_array_add (document->records, record);
  g_hash_table_insert (document->by_id, id, record);
}

gboolean
vigie_gbfs_document_has (Document   *document,
                         const char *id)
{
  return g_hash_table_contains (document->by_id, id) ||
         g_hash_table_contains (document->skipped_ids, id);
}

gpointer
vigie_gbfs_document_lookup (Document   *document,
                            const char *id)
{
  if (document == NULL || id == NULL)
    return NULL;

  return g_hash_table_lookup (document->by_id, id);
}

/*
 * Auxiliary methods
 */

static gboolean
is_web_address (const char *url)
{
  const char *scheme;

  if (url == NULL || !g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
    return FALSE;

  scheme = g_uri_peek_scheme (url);
  return scheme != NULL && (g_str_equal (scheme, "https") || g_str_equal (scheme, "http"));
}

/* "fr" matches "fr-FR" and "fr_CA", and the reverse. */
static gboolean
same_language (const char *a,
               const char *b)
{
  gsize la = strcspn (a, "-_");
  gsize lb = strcspn (b, "-_");

  return la == lb && g_ascii_strncasecmp (a, b, la) == 0;
}

/* GBFS 2.x lists its feeds once per language: the user's language, then
 * French (Vigie's home), then English, then whichever comes first. */
static JsonObject *
pick_language (JsonObject *data,
               const char *language)
{
  const char *candidates[] = { language, "fr", "en" };
  g_autoptr(GList) members = json_object_get_members (data);
  JsonObject *first = NULL;

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      if (candidates[c] == NULL)
        continue;

      /* An exact key first: "pt-BR" before "pt". */
      for (const GList *l = members; l != NULL; l = l->next)
        {
          JsonObject *feeds = vigie_json_get_object (data, l->data);

          if (vigie_json_get_array (feeds, "feeds") != NULL &&
              g_ascii_strcasecmp (l->data, candidates[c]) == 0)
            return feeds;
        }

      for (const GList *l = members; l != NULL; l = l->next)
        {
          JsonObject *feeds = vigie_json_get_object (data, l->data);

          if (vigie_json_get_array (feeds, "feeds") != NULL &&
              same_language (l->data, candidates[c]))
            return feeds;
        }
    }

  for (const GList *l = members; l != NULL && first == NULL; l = l->next)
    {
      JsonObject *feeds = vigie_json_get_object (data, l->data);

      if (vigie_json_get_array (feeds, "feeds") != NULL)
        first = feeds;
    }

  return first;
}

static DocumentKind
kind_for_role (const char *role)
{
  static const struct
  {
    const char   *role;
    DocumentKind  kind;
  } roles[] = {
    { "gbfs",                DOCUMENT_DISCOVERY },
    { "manifest",            DOCUMENT_MANIFEST },
    { "system_information",  DOCUMENT_SYSTEM_INFORMATION },
    { "station_information", DOCUMENT_STATION_INFORMATION },
    { "station_status",      DOCUMENT_STATION_STATUS },
    { "free_bike_status",    DOCUMENT_VEHICLES },
    { "vehicle_status",      DOCUMENT_VEHICLES },
    { "vehicle_types",       DOCUMENT_VEHICLE_TYPES },
    { "system_regions",      DOCUMENT_SYSTEM_REGIONS },
    { "system_pricing_plans", DOCUMENT_PRICING_PLANS },
    { "system_alerts",       DOCUMENT_ALERTS },
    { "geofencing_zones",    DOCUMENT_GEOFENCING_ZONES },
    { "vehicle_availability", DOCUMENT_VEHICLE_AVAILABILITY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      if (g_str_equal (role, roles[i].role))
        return roles[i].kind;
    }

  return DOCUMENT_OTHER;
}

/* 3.1's vehicle_availability lists vehicles as vehicle_status does, each
 * with its "availabilities". */
static gboolean
lists_availabilities (JsonArray *vehicles)
{
  guint n = MIN (json_array_get_length (vehicles), 20);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (vehicles, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          json_object_has_member (json_node_get_object (node), "availabilities"))
        return TRUE;
    }

  return FALSE;
}

/* The feed's own address may be any one document of a system, not only
 * gbfs.json: tell them apart by what they hold. */
static DocumentKind
detect_kind (JsonObject *data)
{
  static const char * const status_members[] = {
    "num_vehicles_available", "num_bikes_available", "num_docks_available",
    "is_renting", "is_returning", "last_reported",
  };
  static const char * const information_members[] = { "lat", "lon", "name", "capacity" };
  JsonArray *stations;

  if (vigie_json_get_array (data, "feeds") != NULL)
    return DOCUMENT_DISCOVERY;

  if (vigie_json_get_array (data, "datasets") != NULL)
    return DOCUMENT_MANIFEST;

  stations = vigie_json_get_array (data, "stations");
  if (stations != NULL)
    {
      guint n = MIN (json_array_get_length (stations), 20);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (stations, i);
          JsonObject *station;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;

          station = json_node_get_object (node);
          for (guint m = 0; m < G_N_ELEMENTS (status_members); m++)
            {
              if (json_object_has_member (station, status_members[m]))
                return DOCUMENT_STATION_STATUS;
            }
          for (guint m = 0; m < G_N_ELEMENTS (information_members); m++)
            {
              if (json_object_has_member (station, information_members[m]))
                return DOCUMENT_STATION_INFORMATION;
            }
        }

      return DOCUMENT_STATION_INFORMATION;
    }

  if (vigie_json_get_array (data, "vehicles") != NULL &&
      lists_availabilities (vigie_json_get_array (data, "vehicles")))
    return DOCUMENT_VEHICLE_AVAILABILITY;

  if (vigie_json_get_array (data, "vehicles") != NULL ||
      vigie_json_get_array (data, "bikes") != NULL)
    return DOCUMENT_VEHICLES;

  if (vigie_json_get_array (data, "alerts") != NULL)
    return DOCUMENT_ALERTS;

  if (vigie_json_get_array (data, "regions") != NULL)
    return DOCUMENT_SYSTEM_REGIONS;

  if (vigie_json_get_array (data, "plans") != NULL)
    return DOCUMENT_PRICING_PLANS;

  if (vigie_json_get_object (data, "geofencing_zones") != NULL)
    return DOCUMENT_GEOFENCING_ZONES;

  if (vigie_json_get_array (data, "vehicle_types") != NULL)
    return DOCUMENT_VEHICLE_TYPES;

  if (pick_language (data, NULL) != NULL)
    return DOCUMENT_DISCOVERY;

  if (json_object_has_member (data, "system_id"))
    return DOCUMENT_SYSTEM_INFORMATION;

  return DOCUMENT_OTHER;
}

/* The header every GBFS document has. Returns its "data" object. */
static JsonObject *
read_header (JsonNode       *root,
             VigieSnapshot  *snapshot,
             gint64         *last_updated,
             GError        **error)
{
  JsonObject *object;
  JsonObject *data;
  const char *version;
  gint64 ttl;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                           _("This is not a GBFS document: its top level is not a JSON object"));
      return NULL;
    }

  object = json_node_get_object (root);
  data = vigie_json_get_object (object, "data");
  if (data == NULL)
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                           _("This is not a GBFS document: its “data” member is missing or is not an object"));
      return NULL;
    }

  /* Field names changed between 2.3 and 3.0 but never clash, so both are
   * read whatever the version says: the version only gets checked. */
  version = vigie_json_get_string (object, "version");
  if (version == NULL)
    vigie_snapshot_add_warning (snapshot,
                                _("The document does not give its GBFS version; it is read as 2.x or 3.0 from its fields"));
  else if (!(version[0] >= '1' && version[0] <= '3' && version[1] == '.'))
    vigie_snapshot_add_warning (snapshot,
                                _("GBFS version “%s” is not one Vigie knows; the document is read as 3.0"),
                                version);

  if (vigie_json_get_timestamp (object, "last_updated", last_updated) && *last_updated > 0)
    {
      vigie_snapshot_set_observed_at (snapshot, *last_updated);
    }
  else
    {
      *last_updated = 0;
      vigie_snapshot_add_warning (snapshot,
                                  _("The document has no readable “last_updated” time"));
    }

  if (vigie_json_get_int (object, "ttl", &ttl) && ttl >= 0)
    vigie_snapshot_set_ttl (snapshot, ttl);

  return data;
}

static void
parse_discovery (JsonObject              *data,
                 const VigieParseContext *context,
                 VigieSnapshot           *snapshot,
                 Document                *document)
{
  JsonArray *feeds = vigie_json_get_array (data, "feeds");
  guint n;

  /* 2.x nests the list under a language key, 3.0 does not. */
  if (feeds == NULL)
    feeds = vigie_json_get_array (pick_language (data, context ? context->language : NULL), "feeds");

  if (feeds == NULL)
    {
      vigie_snapshot_add_warning (snapshot, _("The discovery document lists no feeds"));
      return;
    }

  n = json_array_get_length (feeds);
  vigie_snapshot_add_records (snapshot, n);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (feeds, i);
      JsonObject *feed = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *name = vigie_json_get_string (feed, "name");
      const char *url = vigie_json_get_string (feed, "url");
      g_autofree char *resolved = NULL;

      if (name == NULL || url == NULL)
        {
          vigie_snapshot_add_warning (snapshot,
                                      _("Feed entry %u has no name or no address, skipped"),
                                      i + 1);
          continue;
        }

      /* Some producers write addresses relative to gbfs.json itself. */
      if (!is_web_address (url) && context != NULL && context->base_url != NULL)
        resolved = g_uri_resolve_relative (context->base_url, url, G_URI_FLAGS_NONE, NULL);

      if (!is_web_address (resolved ? resolved : url))
        {
          vigie_snapshot_add_warning (snapshot,
                                      _("Feed %s: “%s” is not an absolute web address, skipped"),
                                      name, url);
          continue;
        }

      vigie_snapshot_add_link (snapshot, name, resolved ? resolved : url);
      if (g_str_equal (name, "vehicle_types"))
        document->lists_vehicle_types = TRUE;
    }
}

/* "2.3" → 2 and 3. */
static gboolean
parse_version (const char *text,
               guint      *major,
               guint      *minor)
{
  char *end = NULL;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;

  *major = (guint) g_ascii_strtoull (text, &end, 10);
  if (*end != '.' || !g_ascii_isdigit (end[1]))
    return FALSE;

  *minor = (guint) g_ascii_strtoull (end + 1, &end, 10);
  return *end == '\0' && *major < 100 && *minor < 100;
}

static void
parse_manifest (JsonObject    *data,
                VigieSnapshot *snapshot)
{
  JsonArray *datasets = vigie_json_get_array (data, "datasets");
  guint n = datasets != NULL ? json_array_get_length (datasets) : 0;
  guint n_systems = 0;

  if (datasets == NULL)
    vigie_snapshot_add_warning (snapshot, "%s", _("The manifest lists no datasets"));

  vigie_snapshot_add_records (snapshot, n);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (datasets, i);
      JsonObject *dataset = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *system_id = vigie_json_dup_id (dataset, "system_id");
      g_autofree char *role = NULL;
      JsonArray *versions = vigie_json_get_array (dataset, "versions");
      const char *best_url = NULL;
      guint best_version = 0;

      /* Versions come sorted, but take the newest readable one anyway. */
      for (guint v = 0; versions != NULL && v < json_array_get_length (versions); v++)
        {
          JsonNode *version_node = json_array_get_element (versions, v);
          JsonObject *version = JSON_NODE_HOLDS_OBJECT (version_node) ? json_node_get_object (version_node) : NULL;
          const char *number = vigie_json_get_string (version, "version");
          const char *url = vigie_json_get_string (version, "url");
          guint major, minor;

          if (!is_web_address (url) || !parse_version (number, &major, &minor) ||
              major < 1 || major > 3)
            continue;

          if (major * 100 + minor >= best_version)
            {
              best_version = major * 100 + minor;
              best_url = url;
            }
        }

      if (system_id == NULL || best_url == NULL)
        {
          vigie_snapshot_add_warning (snapshot,
                                      _("Manifest entry %u has no system_id or no usable gbfs.json address, skipped"),
                                      i + 1);
          continue;
        }

      role = g_strconcat ("system:", system_id, NULL);
      vigie_snapshot_add_link (snapshot, role, best_url);
      n_systems++;
    }

  vigie_snapshot_add_warning (snapshot,
                              ngettext ("The manifest lists %u system; Vigie does not follow manifests yet: use the address of its gbfs.json",
                                        "The manifest lists %u systems; Vigie does not follow manifests yet: use the address of one system’s gbfs.json",
                                        n_systems),
                              n_systems);
}

/*
 * Format implementation
 */

static VigieSnapshot *
gbfs_parse (const char               *role,
            GBytes                   *bytes,
            const VigieParseContext  *context,
            GError                  **error)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *data;
  Document *document;
  DocumentKind kind;
  gint64 last_updated = 0;

  g_return_val_if_fail (role != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  root = vigie_json_parse_bytes (bytes, error);
  if (root == NULL)
    return NULL;

  snapshot = vigie_format_new_snapshot (context);
  data = read_header (root, snapshot, &last_updated, error);
  if (data == NULL)
    return NULL;

  if (g_str_equal (role, VIGIE_ROLE_MAIN))
    {
      kind = detect_kind (data);
      if (kind == DOCUMENT_OTHER)
        {
          g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_UNSUPPORTED,
                               _("This GBFS document holds neither feeds, stations nor vehicles: use the address of the system’s gbfs.json"));
          return NULL;
        }
    }
  else
    {
      kind = kind_for_role (role);
    }

  document = document_new (kind, last_updated);
  vigie_snapshot_set_payload (snapshot, document, document_free);

  switch (kind)
    {
    case DOCUMENT_DISCOVERY:
      parse_discovery (data, context, snapshot, document);
      break;

    case DOCUMENT_MANIFEST:
      parse_manifest (data, snapshot);
      break;

    case DOCUMENT_STATION_INFORMATION:
      vigie_gbfs_read_each (data, &vigie_gbfs_station_information, context, snapshot, document);
      break;

    case DOCUMENT_STATION_STATUS:
      vigie_gbfs_read_each (data, &vigie_gbfs_station_status, NULL, snapshot, document);
      break;

    case DOCUMENT_VEHICLES:
      vigie_gbfs_read_each (data, &vigie_gbfs_vehicles, NULL, snapshot, document);
      break;

    case DOCUMENT_VEHICLE_TYPES:
      vigie_gbfs_read_each (data, &vigie_gbfs_vehicle_types, context, snapshot, document);
      break;

    case DOCUMENT_SYSTEM_INFORMATION:
      vigie_snapshot_add_records (snapshot, 1);
      break;

    case DOCUMENT_SYSTEM_REGIONS:
      vigie_gbfs_read_each (data, &vigie_gbfs_regions, context, snapshot, document);
      break;

    case DOCUMENT_PRICING_PLANS:
      vigie_gbfs_read_each (data, &vigie_gbfs_pricing_plans, context, snapshot, document);
      break;

    case DOCUMENT_ALERTS:
      vigie_gbfs_read_each (data, &vigie_gbfs_alerts, context, snapshot, document);
      break;

    case DOCUMENT_GEOFENCING_ZONES:
      vigie_gbfs_parse_geofencing_zones (data, context, snapshot, document);
      break;

    case DOCUMENT_VEHICLE_AVAILABILITY:
      vigie_gbfs_read_each (data, &vigie_gbfs_availability, NULL, snapshot, document);
      break;

    case DOCUMENT_OTHER:
    case N_DOCUMENT_KINDS:
    default:
      break;
    }

  return g_steal_pointer (&snapshot);
}

static gboolean
gbfs_sniff (const char *content_type,
            GBytes     *bytes)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *version;
  const char *data;
  gsize size, i = 0;

  g_return_val_if_fail (bytes != NULL, FALSE);

  /* Cheap refusal of anything that cannot be a JSON object. */
  data = g_bytes_get_data (bytes, &size);
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < size && g_ascii_isspace (data[i]))
    i++;
  if (i >= size || data[i] != '{')
    return FALSE;

  root = vigie_json_parse_bytes (bytes, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);
  if (!json_object_has_member (object, "data") ||
      !(json_object_has_member (object, "last_updated") || json_object_has_member (object, "ttl")))
    return FALSE;

  version = json_object_get_member (object, "version");
  if (version == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_STRING)
    return FALSE;

  return g_str_has_prefix (json_node_get_string (version), "1.") ||
         g_str_has_prefix (json_node_get_string (version), "2.") ||
         g_str_has_prefix (json_node_get_string (version), "3.");
}

const VigieFormat vigie_format_gbfs = {
  .id = "gbfs",
  .name = N_("GBFS (bike and car share)"),
  .default_kind = VIGIE_FEED_KIND_BIKES,
  .min_interval_s = 10,
  .parse = gbfs_parse,
  .combine = vigie_gbfs_combine,
  .sniff = gbfs_sniff,
  .describe_missing = vigie_gbfs_describe_missing,
  .followed_roles = (const char *[]) {
    "system_information",
    "station_information",
    "station_status",
    "free_bike_status",
    "vehicle_status",
    "vehicle_types",
    "system_regions",
    "system_pricing_plans",
    "system_alerts",
    "geofencing_zones",
    "vehicle_availability",
    NULL
  },
  /* Stations and vehicles show without them. */
  .optional_roles = (const char *[]) {
    "system_information",
    "vehicle_types",
    "system_regions",
    "system_pricing_plans",
    "system_alerts",
    "geofencing_zones",
    "vehicle_availability",
    NULL
  },
};
