/* vigie-format-datex2.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-datex2"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>

#include "vigie-clock.h"
#include "vigie-formats.h"

/* Off-street car parks in DATEX II (the EU standard for road traffic
 * data), from two publications that are two documents of one feed:
 *
 *   ParkingTablePublication   the static table: per parkingRecord its id,
 *                             name, location and number of spaces;
 *   ParkingStatusPublication  the live part: per parkingRecordStatus the
 *                             record it refers to, its time, vacant and
 *                             occupied spaces, occupancy and status.
 *
 * The profile gives one as the feed's Url (role "main") and the other as
 * Url.status= (or Url.table=); which document holds what is read from the
 * document itself, so the roles may be swapped. combine() joins the two by
 * parking record id; until a table has come, nothing is shown.
 *
 * Version 2 (d2LogicalModel, namespace http://datex2.eu/schema/2/2_0,
 * publications as payloadPublication xsi:type=...) and version 3 (payload
 * or messageContainer roots, parking elements in
 * http://datex2.eu/schema/3/parking, "name" for "parkingName",
 * locations in their own namespace) are read alike: elements are matched
 * by local name, whatever their namespace.
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
 * Values (a{sv}), the same keys as the NGSI-LD parser:
 *   "total_spots" x, "available_spots" x, "occupied_spots" x,
 *   "occupancy" d (0–1), "status" s ("closed", "full", "almostFull",
 *   "spacesAvailable", "open", "unknown", or the feed's own word),
 *   "category" s (the record's urbanParkingSiteType or parkingSiteType).
 *
 * Secure parsing: no network (XML_PARSE_NONET), no entity substitution
 * (no XML_PARSE_NOENT), no DTD loading or validation; text is read from
 * text and CDATA nodes only, so an entity reference adds nothing. The
 * engine caps the document's size before it gets here. */

typedef struct
{
  char   *id;
  char   *name;
  char   *category;
  double  latitude;
  double  longitude;
  gint64  capacity;            /* -1: not given or a placeholder */
  gint64  time;                /* 0: unknown */
} Site;

typedef struct
{
  char   *id;
  gint64  time;
  gint64  vacant;              /* -1: not given */
  gint64  occupied;
  gint64  capacity;            /* parkingNumberOfSpacesOverride, or -1 */
  double  raw_occupancy;       /* as written, NAN if absent */
  double  occupancy;           /* 0–1, NAN if absent or ambiguous */
  char   *status;
} Status;

/* The payload of each snapshot that parse() returns. */
typedef struct
{
  GPtrArray *sites;            /* of Site */
  GPtrArray *statuses;         /* of Status */
} Document;

typedef struct
{
  VigieSnapshot           *snapshot;
  const VigieParseContext *context;
  Document                *document;
  gint64                   publication_time;
  gboolean                 warned_zone;
} Parser;

/*
 * Auxiliary methods
 */

static void
site_free (Site *site)
{
  g_free (site->id);
  g_free (site->name);
  g_free (site->category);
  g_free (site);
}

static void
status_free (Status *status)
{
  g_free (status->id);
  g_free (status->status);
  g_free (status);
}

static void
document_free (Document *document)
{
  g_ptr_array_unref (document->sites);
  g_ptr_array_unref (document->statuses);
  g_free (document);
}

/*
 * XML
 */

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, BAD_CAST name);
}

static xmlNode *
find_child (xmlNode    *parent,
            const char *name)
{
  if (parent == NULL)
    return NULL;

  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    if (is_element (child, name))
      return child;

  return NULL;
}

static gboolean
has_element_children (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      return TRUE;

  return FALSE;
}

/* Depth first, @node itself excluded. */
static xmlNode *
find_descendant (xmlNode    *node,
                 const char *name)
{
  if (node == NULL)
    return NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      xmlNode *found;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (child, name))
        return child;
      if ((found = find_descendant (child, name)) != NULL)
        return found;
    }

  return NULL;
}

/* Every element named @name below @node, not looking inside those found. */
static void
collect (xmlNode    *node,
         const char *name,
         GPtrArray  *found)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (is_element (child, name))
        g_ptr_array_add (found, child);
      else
        collect (child, name, found);
    }
}

/* The element's own text, from text and CDATA nodes only: an entity
 * reference is never expanded into it. */
static char *
dup_text (xmlNode *node)
{
  g_autoptr(GString) text = NULL;

  if (node == NULL)
    return NULL;

  text = g_string_new (NULL);
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) && child->content != NULL)
      g_string_append (text, (const char *) child->content);

  g_strstrip (text->str);
  if (text->str[0] == '\0')
    return NULL;

  return g_strdup (text->str);
}

static char *
dup_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value;
  char *copy;

  if (node == NULL || (value = xmlGetNoNsProp (node, BAD_CAST name)) == NULL)
    return NULL;

  copy = *value != '\0' ? g_strdup ((const char *) value) : NULL;
  xmlFree (value);

  return copy;
}

static gboolean
read_double (xmlNode *node,
             double  *value)
{
  g_autofree char *text = dup_text (node);
  char *end = NULL;

  if (text == NULL)
    return FALSE;

  g_strdelimit (text, ",", '.');
  *value = g_ascii_strtod (text, &end);

  return end != text && *end == '\0' && isfinite (*value);
}

/* A DATEX II MultilingualString (values/value[@lang]) or plain text: the
 * user's language, then French, then the first. */
static char *
dup_multilingual (xmlNode    *node,
                  const char *language)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  const char *candidates[] = { language, "fr" };

  if (node == NULL)
    return NULL;

  collect (node, "value", values);
  if (values->len == 0)
    return dup_text (node);

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    for (guint i = 0; candidates[c] != NULL && i < values->len; i++)
      {
        g_autofree char *lang = dup_attribute (g_ptr_array_index (values, i), "lang");

        if (lang != NULL && g_ascii_strncasecmp (lang, candidates[c], 2) == 0)
          return dup_text (g_ptr_array_index (values, i));
      }

  return dup_text (g_ptr_array_index (values, 0));
}

static xmlDoc *
read_xml (GBytes  *bytes,
          GError **error)
{
  static gsize initialized = 0;
  xmlParserCtxt *context;
  xmlDoc *doc;
  const char *data;
  gsize size;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }

  data = g_bytes_get_data (bytes, &size);
  if (size == 0)
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_EMPTY,
                           _("The document is empty"));
      return NULL;
    }
  if (size > G_MAXINT)
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                           _("The document is too large"));
      return NULL;
    }

  /* No XML_PARSE_NOENT (entities stay references), no DTDLOAD, DTDATTR
   * or DTDVALID (nothing outside the document is read), NONET. */
  context = xmlNewParserCtxt ();
  doc = xmlCtxtReadMemory (context, data, (int) size, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      const xmlError *last = xmlCtxtGetLastError (context);
      g_autofree char *message = g_strstrip (g_strdup (last != NULL && last->message != NULL ?
                                                       last->message : "?"));

      g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                   _("The document is not valid XML: %s"), message);
    }
  xmlFreeParserCtxt (context);

  return doc;
}

/*
 * Values
 */

static gint64
read_time (Parser  *parser,
           xmlNode *node)
{
  g_autofree char *text = dup_text (node);
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return 0;

  utc = g_time_zone_new_utc ();
  if (!(time = g_date_time_new_from_iso8601 (text, utc)))
    {
      vigie_snapshot_add_warning (parser->snapshot, _("Unreadable time “%s”, ignored"), text);
      return 0;
    }

  if (vigie_clock_time_lacks_zone (text) && !parser->warned_zone)
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Time “%s” has no time zone: times without one are read as UTC"),
                                  text);
      parser->warned_zone = TRUE;
    }

  return g_date_time_to_unix (time);
}

static gboolean
is_placeholder_capacity (gint64 count)
{
  return count == 999 || count == 9999 || count == 99999;
}

/* A count, -1 when absent or unusable; a negative one is read as 0. */
static gint64
read_count (Parser     *parser,
            xmlNode    *node,
            const char *id)
{
  double value;

  if (node == NULL)
    return -1;

  if (!read_double (node, &value) || fabs (value) > (double) G_MAXINT32)
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Car park %s: unreadable “%s”, ignored"),
                                  id, (const char *) node->name);
      return -1;
    }

  if (value < 0)
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Car park %s: negative “%s” (%g), counted as 0"),
                                  id, (const char *) node->name, value);
      return 0;
    }

  return (gint64) llround (value);
}

static gint64
read_capacity (Parser     *parser,
               xmlNode    *node,
               const char *id)
{
  gint64 capacity = read_count (parser, node, id);

  if (is_placeholder_capacity (capacity))
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Car park %s: capacity %lld looks like a placeholder, ignored"),
                                  id, (long long) capacity);
      return -1;
    }

  return capacity;
}

static char *
normalize_status (const char *site_status,
                  const char *opening_status)
{
  static const struct { const char *word, *status; } map[] = {
    { "closed", "closed" }, { "closedAbnormal", "closed" },
    { "full", "full" }, { "fullAtEntrance", "full" }, { "overcrowded", "full" },
    { "almostFull", "almostFull" }, { "spacesAvailable", "spacesAvailable" },
    { "open", "open" }, { "openAbnormal", "open" },
    { "unknown", "unknown" }, { "statusUnknown", "unknown" },
  };
  const char *word;

  /* A closed car park is closed, whatever its counts say. */
  if (opening_status != NULL &&
      (g_ascii_strcasecmp (opening_status, "closed") == 0 ||
       g_ascii_strcasecmp (opening_status, "closedAbnormal") == 0))
    return g_strdup ("closed");

  word = site_status != NULL ? site_status : opening_status;
  if (word == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_ascii_strcasecmp (word, map[i].word) == 0)
      return g_strdup (map[i].status);

  return g_strdup (word);
}

/*
 * Records
 */

static void
read_site (Parser  *parser,
           xmlNode *record,
           guint    index)
{
  g_autofree char *id = dup_attribute (record, "id");
  xmlNode *coordinates, *name, *capacity;
  double latitude, longitude;
  Site *site;

  if (id == NULL)
    {
      vigie_snapshot_add_warning (parser->snapshot, _("Parking record %u has no id: skipped"), index + 1);
      return;
    }

  /* v2 and v3 alike: pointByCoordinates/pointCoordinates, or the
   * locationForDisplay of another kind of location. */
  coordinates = find_descendant (record, "pointCoordinates");
  if (coordinates == NULL)
    coordinates = find_descendant (record, "locationForDisplay");
  if (coordinates == NULL ||
      !read_double (find_child (coordinates, "latitude"), &latitude) ||
      !read_double (find_child (coordinates, "longitude"), &longitude))
    {
      vigie_snapshot_add_warning (parser->snapshot, _("Car park %s has no usable position: skipped"), id);
      return;
    }
  if (latitude == 0.0 && longitude == 0.0)
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Car park %s: position (0, 0) is not a real place, skipped"), id);
      return;
    }
  if (fabs (latitude) > 90.0 || fabs (longitude) > 180.0)
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Car park %s: position (%g, %g) is out of range, skipped"),
                                  id, latitude, longitude);
      return;
    }

  site = g_new0 (Site, 1);
  site->id = g_steal_pointer (&id);
  site->latitude = latitude;
  site->longitude = longitude;
  if ((name = find_child (record, "parkingName")) == NULL)
    name = find_child (record, "name");
  site->name = dup_multilingual (name, parser->context != NULL ? parser->context->language : NULL);
  /* The record's own number first: groups of spaces inside it have theirs. */
  if ((capacity = find_child (record, "parkingNumberOfSpaces")) == NULL)
    capacity = find_descendant (record, "parkingNumberOfSpaces");
  site->capacity = read_capacity (parser, capacity, site->id);
  if (!(site->category = dup_text (find_child (record, "urbanParkingSiteType"))))
    site->category = dup_text (find_child (record, "parkingSiteType"));
  site->time = read_time (parser, find_child (record, "parkingRecordVersionTime"));
  if (site->time == 0)
    site->time = parser->publication_time;

  g_ptr_array_add (parser->document->sites, site);
}

static void
read_status (Parser  *parser,
             xmlNode *record,
             guint    index)
{
  g_autofree char *id = dup_attribute (find_child (record, "parkingRecordReference"), "id");
  g_autofree char *site_status = NULL;
  g_autofree char *opening_status = NULL;
  xmlNode *occupancy, *value = NULL;
  Status *status;

  if (id == NULL)
    {
      vigie_snapshot_add_warning (parser->snapshot,
                                  _("Parking status %u names no parking record: skipped"), index + 1);
      return;
    }

  status = g_new0 (Status, 1);
  status->id = g_steal_pointer (&id);
  status->time = read_time (parser, find_child (record, "parkingStatusOriginTime"));
  if (status->time == 0)
    status->time = parser->publication_time;

  /* <parkingOccupancy> holds the counts and, in it, the percentage of
   * the same name; some producers write the percentage alone. */
  occupancy = find_child (record, "parkingOccupancy");
  if (occupancy != NULL && !(value = find_child (occupancy, "parkingOccupancy")) &&
      !has_element_children (occupancy))
    value = occupancy;

  status->vacant = read_count (parser, find_descendant (record, "parkingNumberOfVacantSpaces"), status->id);
  status->occupied = read_count (parser, find_descendant (record, "parkingNumberOfOccupiedSpaces"), status->id);
  status->capacity = read_capacity (parser, find_descendant (record, "parkingNumberOfSpacesOverride"), status->id);
  status->raw_occupancy = NAN;
  status->occupancy = NAN;
  if (value != NULL)
    {
      double raw;

      if (!read_double (value, &raw) || raw < 0 || raw > 100)
        vigie_snapshot_add_warning (parser->snapshot,
                                    _("Car park %s: unusable occupancy, ignored"), status->id);
      else
        status->raw_occupancy = raw;
    }

  site_status = dup_text (find_descendant (record, "parkingSiteStatus"));
  opening_status = dup_text (find_descendant (record, "parkingSiteOpeningStatus"));
  status->status = normalize_status (site_status, opening_status);

  g_ptr_array_add (parser->document->statuses, status);
}

/* Percentages (the standard) or fractions of 1 (some feeds): decided for
 * the whole document, since one value alone cannot tell 1 % from 100 %. */
static void
scale_occupancies (Parser *parser)
{
  GPtrArray *statuses = parser->document->statuses;
  gboolean any_above_one = FALSE, any_fraction = FALSE;

  for (guint i = 0; i < statuses->len; i++)
    {
      Status *status = g_ptr_array_index (statuses, i);

      if (isnan (status->raw_occupancy))
        continue;
      any_above_one |= status->raw_occupancy > 1;
      any_fraction |= status->raw_occupancy > 0 && status->raw_occupancy < 1;
    }

  if (!any_above_one && any_fraction)
    vigie_snapshot_add_warning (parser->snapshot,
                                _("Occupancy values are all between 0 and 1: read as fractions, not percentages"));

  for (guint i = 0; i < statuses->len; i++)
    {
      Status *status = g_ptr_array_index (statuses, i);
      double raw = status->raw_occupancy;

      if (isnan (raw))
        continue;

      if (any_above_one)
        status->occupancy = raw / 100;
      else if (any_fraction || raw == 0)
        status->occupancy = raw;
      else
        vigie_snapshot_add_warning (parser->snapshot,
                                    _("Car park %s: occupancy %g could be a fraction or a percentage, ignored"),
                                    status->id, raw);
    }
}

static VigieSnapshot *
datex2_parse (const char              *role,
              GBytes                  *bytes,
              const VigieParseContext *context,
              GError                 **error)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) statuses = NULL;
  const char * const roots[] = { "d2LogicalModel", "payload", "messageContainer", "payloadPublication" };
  Parser parser = { 0 };
  Document *document;
  xmlDoc *doc;
  xmlNode *root;
  gboolean known_root = FALSE;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (!(doc = read_xml (bytes, error)))
    return NULL;

  root = xmlDocGetRootElement (doc);
  for (guint i = 0; root != NULL && i < G_N_ELEMENTS (roots); i++)
    known_root |= is_element (root, roots[i]);
  if (!known_root)
    {
      g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                   _("The document is not DATEX II (its root element is “%s”)"),
                   root != NULL ? (const char *) root->name : "");
      xmlFreeDoc (doc);
      return NULL;
    }

  records = g_ptr_array_new ();
  statuses = g_ptr_array_new ();
  collect (root, "parkingRecord", records);
  collect (root, "parkingRecordStatus", statuses);
  if (records->len == 0 && statuses->len == 0)
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_EMPTY,
                           _("The DATEX II document holds no parking records"));
      xmlFreeDoc (doc);
      return NULL;
    }

  snapshot = vigie_format_new_snapshot (context);
  document = g_new0 (Document, 1);
  document->sites = g_ptr_array_new_with_free_func ((GDestroyNotify) site_free);
  document->statuses = g_ptr_array_new_with_free_func ((GDestroyNotify) status_free);
  vigie_snapshot_set_payload (snapshot, document, (GDestroyNotify) document_free);

  parser.snapshot = snapshot;
  parser.context = context;
  parser.document = document;

  if (doc->intSubset != NULL)
    vigie_snapshot_add_warning (snapshot, _("The document declares a DTD: ignored, and its entities not expanded"));

  parser.publication_time = read_time (&parser, find_descendant (root, "publicationTime"));
  if (parser.publication_time > 0)
    vigie_snapshot_set_observed_at (snapshot, parser.publication_time);

  vigie_snapshot_add_records (snapshot, records->len + statuses->len);
  for (guint i = 0; i < records->len; i++)
    read_site (&parser, g_ptr_array_index (records, i), i);
  for (guint i = 0; i < statuses->len; i++)
    read_status (&parser, g_ptr_array_index (statuses, i), i);
  scale_occupancies (&parser);

  xmlFreeDoc (doc);

  return g_steal_pointer (&snapshot);
}

/*
 * Combining
 */

static VigieEntity *
make_entity (VigieSnapshot *snapshot,
             Site          *site,
             Status        *status)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
  gint64 total = site->capacity, vacant = -1, occupied = -1;
  double occupancy = NAN;

  if (status != NULL)
    {
      if (status->capacity > 0)
        total = status->capacity;
      vacant = status->vacant;
      occupied = status->occupied;
      occupancy = status->occupancy;
    }

  if (total >= 0 && vacant > total)
    {
      vigie_snapshot_add_warning (snapshot,
                                  _("Car park %s: %lld spaces free out of %lld, read as %lld"),
                                  site->id, (long long) vacant, (long long) total, (long long) total);
      vacant = total;
    }
  if (total >= 0 && occupied > total)
    {
      vigie_snapshot_add_warning (snapshot,
                                  _("Car park %s: %lld spaces taken out of %lld, read as %lld"),
                                  site->id, (long long) occupied, (long long) total, (long long) total);
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
  if (site->category != NULL)
    g_variant_dict_insert (&values, "category", "s", site->category);

  return vigie_entity_new (VIGIE_ENTITY_CAR_PARK,
                           site->id,
                           site->name,
                           site->latitude, site->longitude,
                           status != NULL && status->time > 0 ? status->time : site->time,
                           g_variant_dict_end (&values));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static VigieSnapshot *
datex2_combine (GHashTable              *snapshots_by_role,
                const VigieParseContext *context)
{
  g_autoptr(VigieSnapshot) result = vigie_format_new_snapshot (context);
  g_autoptr(GHashTable) sites = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) statuses = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autofree gpointer *roles = NULL;
  guint n_roles, n_orphans = 0;
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
        }

      for (guint i = 0; i < document->statuses->len; i++)
        {
          Status *status = g_ptr_array_index (document->statuses, i);
          Status *other = g_hash_table_lookup (statuses, status->id);

          /* The same car park in two status documents: the newer wins. */
          if (other == NULL || status->time > other->time)
            g_hash_table_insert (statuses, status->id, status);
        }
    }

  /* Without the table, nothing can be placed on the map yet. */
  if (order->len == 0)
    return NULL;

  for (guint i = 0; i < order->len; i++)
    {
      Site *site = g_ptr_array_index (order, i);
      Status *status = g_hash_table_lookup (statuses, site->id);
      VigieEntity *entity = make_entity (result, site, status);

      newest = MAX (newest, vigie_entity_get_observed_at (entity));
      vigie_snapshot_add_entity (result, entity);
    }

  {
    GHashTableIter iter;
    Status *status;

    g_hash_table_iter_init (&iter, statuses);
    while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &status))
      if (!g_hash_table_contains (sites, status->id))
        n_orphans++;
  }
  if (n_orphans > 0)
    vigie_snapshot_add_warning (result,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%u parking status names no car park of the table: not shown",
                                             "%u parking statuses name no car park of the table: not shown",
                                             n_orphans),
                                n_orphans);

  if (newest > 0)
    vigie_snapshot_set_observed_at (result, newest);

  return g_steal_pointer (&result);
}

/* Without a table nothing can be placed: say which publication came. */
static char *
datex2_describe_missing (GHashTable *snapshots_by_role)
{
  GHashTableIter iter;
  VigieSnapshot *part;
  gboolean any_site = FALSE, any_status = FALSE;

  g_hash_table_iter_init (&iter, snapshots_by_role);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &part))
    {
      Document *document = vigie_snapshot_get_payload (part);

      if (document == NULL)
        continue;
      any_site |= document->sites->len > 0;
      any_status |= document->statuses->len > 0;
    }

  if (any_site)
    return NULL;

  if (any_status)
    return g_strdup (_("This is a DATEX II parking status publication, which only says how full car parks are: give its parking table publication too"));

  return g_strdup (_("These DATEX II documents name no car park: give the parking table publication"));
}

static gboolean
datex2_sniff (const char *content_type,
              GBytes     *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autofree char *head = NULL;

  /* An empty GBytes may hold a NULL pointer. */
  if (data == NULL || size == 0)
    return FALSE;
  head = g_strndup (data, MIN (size, 4096));

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
