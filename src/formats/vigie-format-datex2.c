/* vigie-format-datex2.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-datex2"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-datex2-private.h"
#include "vigie-xml.h"
#include "vigie-formats.h"
#include "vigie-hash.h"

/* Car parks and parking spaces in DATEX II (the EU standard for road
 * traffic data), from two publications that are two documents of one
 * feed:
 *
 *   the table   per place its id, name, location and number of spaces;
 *   the status  per place the record it refers to, its time, vacant and
 *               occupied spaces, occupancy and status.
 *
 * The profile gives one as the feed's Url (role "main") and the other as
 * Url.status= (or Url.table=); which document holds what is read from the
 * document itself, so the roles may be swapped. combine() joins the two by
 * id. A status publication alone is shown when its records carry a
 * position (on the map) or a name (listed); otherwise the snapshot says
 * that the table is missing.
 *
 * Spellings read alike, elements matched by local name whatever their
 * namespace (vigie-datex2-records.c lists the names of each field):
 *   - v2 (d2LogicalModel, payloadPublication xsi:type=..., possibly inside
 *     a genericPublicationExtension or a SOAP envelope):
 *     ParkingTablePublication/parkingRecord and
 *     ParkingStatusPublication/parkingRecordStatus;
 *   - v2's "parking facility" profile of German cities:
 *     ParkingFacilityTablePublication/parkingFacility and
 *     ParkingFacilityTableStatusPublication/parkingFacilityStatus (whose
 *     name is also that of its status word inside it);
 *   - v3 (payload or messageContainer roots, the prk namespace):
 *     parkingRecord or parkingSite, parkingRecordStatus or
 *     parkingSiteStatus, and v3.5's parkingStatusInformation;
 *   - on-street sensors: a record's indexed parkingSpace with a location
 *     of its own is a site of one space (id "<record>/<index>"), and the
 *     status's indexed parkingSpaceStatus (parkingSpaceOccupied, Closed)
 *     its status; a record with sensed spaces and no counts of its own
 *     gets theirs.
 *
 * Quirks handled, each with a warning:
 *   - parkingOccupancy is a percentage in the standard, a fraction of 1 in
 *     some feeds: a document with any value above 1 is read as percentages,
 *     one with fractional values all below 1 as fractions (warned once);
 *     a lone 1 with nothing to tell them apart is ambiguous and dropped
 *     (the counts are used instead);
 *   - placeholder capacities (999, 9999, 99999) are ignored;
 *   - times without a zone are read as UTC (warned once per document);
 *     times with different zones are all turned into UTC;
 *   - negative counts are read as 0, vacant spaces above the capacity as
 *     the capacity.
 *
 * Entities: a car park (VIGIE_ENTITY_CAR_PARK), or a zone
 * (VIGIE_ENTITY_ZONE) for an onStreetParking site and for a single space.
 * Values (a{sv}), the same keys as the NGSI-LD parser:
 *   "total_spots" x, "available_spots" x, "occupied_spots" x,
 *   "occupancy" d (0–1), "status" s ("closed", "full", "almostFull",
 *   "spacesAvailable", "open", "unknown", for a space "free" or
 *   "occupied", or the feed's own word), "category" s (the record's
 *   urbanParkingSiteType or parkingSiteType), "spot" b and "parent" s (a
 *   single space and its record), "geometry" a(dd) (a v3 linear
 *   location's gmlLineString, (latitude, longitude) pairs; the site is
 *   then placed halfway along it unless it has a point of its own).
 *
 * Secure parsing: no network (XML_PARSE_NONET), no entity substitution
 * (no XML_PARSE_NOENT), no DTD loading or validation; text is read from
 * text and CDATA nodes only, so an entity reference adds nothing. The
 * engine caps the document's size before it gets here. */

static const char * const roots[] = {
  "d2LogicalModel", "payload", "messageContainer", "payloadPublication", NULL
};
static const char * const record_elements[] = {
  "parkingRecord", "parkingSite", "parkingFacility", NULL
};
static const char * const status_elements[] = {
  "parkingRecordStatus", "parkingSiteStatus", "parkingFacilityStatus", "parkingStatusInformation", NULL
};

/*
 * Auxiliary functions
 */

static void
document_free (Document *document)
{
  g_ptr_array_unref (document->sites);
  g_ptr_array_unref (document->statuses);
  g_free (document);
}

/* A SOAP envelope's body holds the DATEX II document. */
static xmlNode *
find_root (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *body;

  if (!vigie_datex2_is_element (root, "Envelope") || !(body = vigie_datex2_find_child (root, "Body")))
    return root;

  for (xmlNode *child = body->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      return child;

  return root;
}

static gboolean
status_is_usable (Status *status)
{
  return !status->spot && (!isnan (status->latitude) || status->name != NULL);
}

/*
 * Parsing
 */

static VigieSnapshot *
datex2_parse (const char              *role,
              GBytes                  *bytes,
              const VigieParseContext *context,
              GError                 **error)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  Parser parser = { 0 };
  Document *document;
  xmlDoc *doc;
  xmlNode *root;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (!(doc = vigie_xml_read (bytes, error)))
    return NULL;

  root = find_root (doc);
  if (root == NULL || !vigie_datex2_is_element_any (root, roots))
    {
      g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                   _("The document is not DATEX II (its root element is “%s”)"),
                   root != NULL ? (const char *) root->name : "");
      xmlFreeDoc (doc);
      return NULL;
    }

  records = g_ptr_array_new ();
  found = g_ptr_array_new ();
  statuses = g_ptr_array_new ();
  vigie_datex2_collect_any (root, record_elements, records);
  vigie_datex2_collect_any (root, status_elements, found);
  /* A status word alone, outside any record, is no record. */
  for (guint i = 0; i < found->len; i++)
    if (vigie_datex2_has_element_children (g_ptr_array_index (found, i)))
      g_ptr_array_add (statuses, g_ptr_array_index (found, i));
  if (records->len == 0 && statuses->len == 0)
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_EMPTY,
                           _("The DATEX II document holds no parking records"));
      xmlFreeDoc (doc);
      return NULL;
    }

  snapshot = vigie_format_new_snapshot (context);
  document = g_new0 (Document, 1);
  document->sites = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_datex2_site_free);
  document->statuses = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_datex2_status_free);
  vigie_snapshot_set_payload (snapshot, document, (GDestroyNotify) document_free);

  parser.snapshot = snapshot;
  parser.context = context;
  parser.document = document;

  if (doc->intSubset != NULL)
    vigie_snapshot_add_warning (snapshot, _("The document declares a DTD: ignored, and its entities not expanded"));

  parser.publication_time = vigie_datex2_read_time (&parser, vigie_datex2_find_descendant (root, "publicationTime"));
  if (parser.publication_time > 0)
    vigie_snapshot_set_observed_at (snapshot, parser.publication_time);

  vigie_snapshot_add_records (snapshot, records->len + statuses->len);
  for (guint i = 0; i < records->len; i++)
    vigie_datex2_read_site (&parser, g_ptr_array_index (records, i), i);
  for (guint i = 0; i < statuses->len; i++)
    vigie_datex2_read_status (&parser, g_ptr_array_index (statuses, i), i);
  vigie_datex2_scale_occupancies (&parser);

  xmlFreeDoc (doc);

  return g_steal_pointer (&snapshot);
}

/*
 * Combining
 */

static VigieEntity *
make_entity (VigieSnapshot *snapshot,
             const char    *id,
             const char    *name,
             double         latitude,
             double         longitude,
             gint64         time,
             Site          *site,
             Status        *status)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
  gint64 total = site != NULL ? site->capacity : -1, vacant = -1, occupied = -1;
  double occupancy = NAN;
  gboolean zone = FALSE;

  if (status != NULL)
    {
      if (status->capacity > 0)
        total = status->capacity;
      vacant = status->vacant;
      occupied = status->occupied;
      occupancy = status->occupancy;
      if (status->time > 0)
        time = status->time;
    }

  if (total >= 0 && vacant > total)
    {
      vigie_snapshot_add_warning (snapshot,
                                  _("Car park %s: %lld spaces free out of %lld, read as %lld"),
                                  id, (long long) vacant, (long long) total, (long long) total);
      vacant = total;
    }
  if (total >= 0 && occupied > total)
    {
      vigie_snapshot_add_warning (snapshot,
                                  _("Car park %s: %lld spaces taken out of %lld, read as %lld"),
                                  id, (long long) occupied, (long long) total, (long long) total);
      occupied = total;
    }

  if (isnan (occupancy) && total > 0)
    {
      if (occupied >= 0)
        occupancy = (double) occupied / total;
      else if (vacant >= 0)
        occupancy = (double) (total - vacant) / total;
    }

  if (total >= 0)
    g_variant_dict_insert (&values, "total_spots", "x", total);
  if (vacant >= 0)
    g_variant_dict_insert (&values, "available_spots", "x", vacant);
  if (occupied >= 0)
    g_variant_dict_insert (&values, "occupied_spots", "x", occupied);
  if (!isnan (occupancy))
    g_variant_dict_insert (&values, "occupancy", "d", CLAMP (occupancy, 0.0, 1.0));
  if (status != NULL && status->status != NULL)
    g_variant_dict_insert (&values, "status", "s", status->status);
  if (site != NULL && site->category != NULL)
    {
      g_variant_dict_insert (&values, "category", "s", site->category);
      zone = g_str_equal (site->category, "onStreetParking");
    }
  if (site != NULL && site->geometry != NULL)
    g_variant_dict_insert_value (&values, "geometry", site->geometry);
  if (site != NULL && site->spot)
    {
      g_variant_dict_insert (&values, "spot", "b", TRUE);
      g_variant_dict_insert (&values, "parent", "s", site->parent);
      zone = TRUE;
    }

  return vigie_entity_new (zone ? VIGIE_ENTITY_ZONE : VIGIE_ENTITY_CAR_PARK,
                           id, name, latitude, longitude, time,
                           g_variant_dict_end (&values));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Statuses no table names (nor the table's sensed spaces): shown when
 * they carry a position or a name, counted otherwise. */
static void
add_statuses_alone (VigieSnapshot *result,
                    GPtrArray     *statuses,
                    GHashTable    *sites,
                    GHashTable    *parents,
                    gboolean       have_table,
                    gint64        *newest)
{
  guint n_orphans = 0, n_unplaced = 0;

  for (guint i = 0; i < statuses->len; i++)
    {
      Status *status = g_ptr_array_index (statuses, i);
      VigieEntity *entity;

      if (g_hash_table_contains (sites, status->id) || g_hash_table_contains (parents, status->id))
        continue;
      if (!status_is_usable (status))
        {
          n_orphans += !status->spot;
          continue;
        }

      entity = make_entity (result, status->id, status->name, status->latitude, status->longitude,
                            status->time, NULL, status);
      n_unplaced += isnan (status->latitude);
      *newest = MAX (*newest, vigie_entity_get_observed_at (entity));
      vigie_snapshot_add_entity (result, entity);
    }

  if (n_unplaced > 0)
    vigie_snapshot_add_warning (result,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%u car park has a name but no position, and no parking table places it: listed, not on the map",
                                             "%u car parks have a name but no position, and no parking table places them: listed, not on the map",
                                             n_unplaced),
                                n_unplaced);

  if (n_orphans > 0 && have_table)
    vigie_snapshot_add_warning (result,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%u parking status names no car park of the table: not shown",
                                             "%u parking statuses name no car park of the table: not shown",
                                             n_orphans),
                                n_orphans);
  else if (n_orphans > 0)
    vigie_snapshot_add_warning (result,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%u parking status carries neither a position nor a name, and no parking table publication has come to place it: not shown",
                                             "%u parking statuses carry neither a position nor a name, and no parking table publication has come to place them: not shown",
                                             n_orphans),
                                n_orphans);
}

static VigieSnapshot *
datex2_combine (GHashTable              *snapshots_by_role,
                const VigieParseContext *context)
{
  g_autoptr(VigieSnapshot) result = vigie_format_new_snapshot (context);
  g_autoptr(GHashTable) sites = g_hash_table_new (vigie_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_id = g_hash_table_new (vigie_str_hash, g_str_equal);
  g_autoptr(GHashTable) parents = g_hash_table_new (vigie_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) statuses = g_ptr_array_new ();
  g_autofree gpointer *roles = NULL;
  guint n_roles;
  gint64 newest = 0;

  /* Roles in a fixed order, so that warnings and ties do not depend on
   * the hash table's. */
  roles = g_hash_table_get_keys_as_array (snapshots_by_role, &n_roles);
  qsort (roles, n_roles, sizeof (gpointer), compare_strings);

  for (guint r = 0; r < n_roles; r++)
    {
      VigieSnapshot *part = g_hash_table_lookup (snapshots_by_role, roles[r]);
      Document *document = vigie_snapshot_get_payload (part);

      vigie_snapshot_take_warnings (result, part);
      vigie_snapshot_add_records (result, vigie_snapshot_get_n_records (part));
      if (document == NULL)
        continue;

      for (guint i = 0; i < document->sites->len; i++)
        {
          Site *site = g_ptr_array_index (document->sites, i);

          if (g_hash_table_insert (sites, site->id, site))
            g_ptr_array_add (order, site);
          /* A record shown through its spaces is no stranger. */
          if (site->parent != NULL)
            g_hash_table_add (parents, site->parent);
        }

      for (guint i = 0; i < document->statuses->len; i++)
        {
          Status *status = g_ptr_array_index (document->statuses, i);
          Status *other = g_hash_table_lookup (by_id, status->id);

          /* The same place in two status documents: the newer wins. */
          guint at;

          if (other == NULL)
            g_ptr_array_add (statuses, status);
          else if (status->time > other->time && g_ptr_array_find (statuses, other, &at))
            g_ptr_array_index (statuses, at) = status;
          else
            continue;
          g_hash_table_insert (by_id, status->id, status);
        }
    }

  for (guint i = 0; i < order->len; i++)
    {
      Site *site = g_ptr_array_index (order, i);
      VigieEntity *entity = make_entity (result, site->id, site->name, site->latitude, site->longitude,
                                         site->time, site, g_hash_table_lookup (by_id, site->id));

      newest = MAX (newest, vigie_entity_get_observed_at (entity));
      vigie_snapshot_add_entity (result, entity);
    }

  add_statuses_alone (result, statuses, sites, parents, order->len > 0, &newest);

  /* Nothing from a table, nothing a status can show alone: nothing yet. */
  if (vigie_snapshot_get_n_entities (result) == 0 && order->len == 0 && statuses->len == 0)
    return NULL;

  if (newest > 0)
    vigie_snapshot_set_observed_at (result, newest);

  return g_steal_pointer (&result);
}

/* When the documents show nothing, what is missing. */
static char *
datex2_describe_missing (GHashTable *snapshots_by_role)
{
  GHashTableIter iter;
  VigieSnapshot *part;
  gboolean any_site = FALSE, any_status = FALSE, any_usable = FALSE;

  g_hash_table_iter_init (&iter, snapshots_by_role);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &part))
    {
      Document *document = vigie_snapshot_get_payload (part);

      if (document == NULL)
        continue;
      any_site |= document->sites->len > 0;
      any_status |= document->statuses->len > 0;
      for (guint i = 0; i < document->statuses->len; i++)
        any_usable |= status_is_usable (g_ptr_array_index (document->statuses, i));
    }

  if (any_site || any_usable)
    return NULL;

  if (any_status)
    return g_strdup (_("This is a DATEX II parking status publication, which only says how full car parks are: "
                       "its records carry neither a position nor a name. Give its parking table publication too"));

  return g_strdup (_("These DATEX II documents name no car park: give the parking table publication"));
}

static gboolean
datex2_sniff (const char *content_type,
              GBytes     *bytes)
{
  g_autofree char *head = vigie_format_sniff_head (bytes);

  if (head == NULL)
    return FALSE;

  return (strstr (head, "d2LogicalModel") != NULL || strstr (head, "datex2.eu/schema") != NULL) &&
         strstr (head, "arking") != NULL;
}

const VigieFormat vigie_format_datex2 = {
  .id = "datex2",
  .name = N_("Parking (DATEX II)"),
  .default_kind = VIGIE_FEED_KIND_PARKING,
  .min_interval_s = 30,
  .parse = datex2_parse,
  .combine = datex2_combine,
  .sniff = datex2_sniff,
  .describe_missing = datex2_describe_missing,
};
