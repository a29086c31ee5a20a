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
#include "vigie-ngsi-ld-private.h"
#include "vigie-hash.h"

/* Parking occupancy as FIWARE Smart Data Models entities in NGSI-LD
 * (dataModel.Parking): OnStreetParking, OffStreetParking, ParkingSpot and
 * ParkingGroup, as a context broker answers /ngsi-ld/v1/entities?type=...
 * or as a file.
 *
 * Accepted documents: a JSON array of entities (one broker page), an
 * object holding the list in "@graph", "entities", "results" or "data",
 * a single entity, or the GeoJSON representation (a FeatureCollection
 * whose features carry the entities' attributes in "properties").
 *
 * Both representations are read, attribute by attribute: keyValues (plain
 * values) and normalized (Property, GeoProperty and Relationship objects
 * with "value" or "object", "observedAt", and multi-attributes with
 * "datasetId", of which the default instance is read; NGSI-LD 1.8's
 * LanguageProperty "languageMap", VocabProperty "vocab" and ListProperty
 * "valueList"; and NGSI v2's normalized form that the Smart Data Models
 * examples use, "value" with "metadata" timestamps and "geo:json"
 * locations). An entity of several types is read as its first parking
 * type. Without @context
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
 *   ParkingGroup      → VIGIE_ENTITY_ZONE with "group" and "parent": part
 *                       of a site (a level, the spaces for one use); one
 *                       without a location of its own is placed at its
 *                       site's when the same document holds the site.
 *   Other types (ParkingAccess, ...) are skipped, with one warning per
 *   type.
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
 *   "group"           b   TRUE for a ParkingGroup
 *   "parent"          s   a spot's or group's refParkingSite, when given
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
 * with a warning naming it, never the whole document.
 *
 * The entities are read in vigie-ngsi-ld-entity.c, their locations in
 * vigie-ngsi-ld-geometry.c; this file reads the document and its pages. */

#define DEFAULT_BROKER_LIMIT 20
/* 20 pages of 1000: far more parking places than a city has. */
#define MAX_PAGES 20

static const char * const page_roles[] = {
  "page-2", "page-3", "page-4", "page-5", "page-6", "page-7", "page-8",
  "page-9", "page-10", "page-11", "page-12", "page-13", "page-14",
  "page-15", "page-16", "page-17", "page-18", "page-19", "page-20", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (page_roles) == MAX_PAGES);

/*
 * Auxiliary functions
 */

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

/*
 * Format
 */

static VigieSnapshot *
ngsi_ld_parse (const char              *role,
               GBytes                  *bytes,
               const VigieParseContext *context,
               GError                 **error)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GHashTable) warned_types = NULL;
  g_autoptr(GHashTable) positions = NULL;
  g_autoptr(GPtrArray) deferred = NULL;
  g_autoptr(GArray) deferred_index = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonArray) single = NULL;
  JsonArray *list;
  gboolean geojson;
  Parser parser = { 0 };
  gint64 limit;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (!(root = vigie_json_parse_bytes (bytes, error)))
    return NULL;

  list = vigie_ngsi_ld_find_entity_list (root, &geojson);
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
  warned_types = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, NULL);
  positions = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  deferred = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  deferred_index = g_array_new (FALSE, FALSE, sizeof (guint));
  parser.snapshot = snapshot;
  parser.language = context != NULL ? context->language : NULL;
  parser.warned_types = warned_types;
  parser.positions = positions;
  parser.deferred = deferred;
  parser.deferred_index = deferred_index;

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
              vigie_ngsi_ld_read_entity (&parser, copy, geometry, i);
              continue;
            }
        }

      vigie_ngsi_ld_read_entity (&parser, entity, geometry, i);
    }

  /* The groups that left their location to their site. */
  parser.placing_deferred = TRUE;
  for (guint i = 0; i < deferred->len; i++)
    vigie_ngsi_ld_read_entity (&parser, g_ptr_array_index (deferred, i), NULL,
                               g_array_index (deferred_index, guint, i));

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
  seen = g_hash_table_new (vigie_str_hash, g_str_equal);
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
  g_autofree char *head = vigie_format_sniff_head (bytes);
  const char *p;

  if (head == NULL)
    return FALSE;
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
         strstr (head, "ParkingSpot") != NULL ||
         strstr (head, "ParkingGroup") != NULL;
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
  .links_are_pages = TRUE,
};

