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
#include "vigie-json.h"
#include "vigie-snapshot.h"

/* GBFS (General Bikeshare Feed Specification) 2.x and 3.0.
 *
 * A system is a set of documents, each with its own ttl: gbfs.json lists
 * the others, station_information says where stations are, station_status
 * how full they are, free_bike_status (2.x) or vehicle_status (3.0) where
 * loose vehicles are, and vehicle_types what they are. Each document is
 * parsed on its own into plain structs kept as the snapshot's payload (no
 * JSON tree outlives parse()); combine() joins the latest of each into the
 * stations and vehicles the store shows.
 *
 * Feeds are validated record by record: a bad record is skipped or
 * corrected with a warning naming it, never the whole document. */

/* Above this a count is a producer's bug, not a station. */
#define MAX_PLAUSIBLE_COUNT 100000

typedef enum
{
  DOCUMENT_OTHER,
  DOCUMENT_DISCOVERY,
  DOCUMENT_MANIFEST,
  DOCUMENT_SYSTEM_INFORMATION,
  DOCUMENT_STATION_INFORMATION,
  DOCUMENT_STATION_STATUS,
  DOCUMENT_VEHICLES,
  DOCUMENT_VEHICLE_TYPES,
  N_DOCUMENT_KINDS
} DocumentKind;

typedef enum
{
  POSITION_OK,
  POSITION_MISSING,
  POSITION_ZERO,
  POSITION_OUT_OF_RANGE,
} PositionProblem;

/* Every record struct starts with its id, which keys the document's index. */
typedef struct
{
  char *id;
  char *name;
  char *form_factor;
  char *propulsion;
} VehicleType;

typedef struct
{
  char     *id;
  char     *name;
  char     *address;
  double    latitude;
  double    longitude;
  gint64    capacity;            /* -1: not given */
  gboolean  is_virtual;
} StationInfo;

typedef struct
{
  char   *vehicle_type_id;
  gint64  count;
} TypeCount;

typedef struct
{
  char   *id;
  gint64  last_reported;         /* 0: the document's time stands */
  gint64  vehicles_available;    /* -1 for any count not given */
  gint64  docks_available;
  gint64  vehicles_disabled;
  gint64  docks_disabled;
  gint8   is_installed;          /* -1: not given */
  gint8   is_renting;
  gint8   is_returning;
  GArray *type_counts;           /* of TypeCount, or NULL */
} StationStatus;

typedef struct
{
  char   *id;
  char   *vehicle_type_id;
  char   *station_id;
  char   *home_station_id;
  double  latitude;              /* NAN: placed at its station */
  double  longitude;
  gint64  last_reported;
  double  range_m;               /* NAN: not given */
  double  fuel_percent;
  gint8   is_reserved;
  gint8   is_disabled;
} Vehicle;

/* The payload of each snapshot that parse() returns. */
typedef struct
{
  DocumentKind  kind;
  gint64        last_updated;
  GPtrArray    *records;
  GHashTable   *by_id;           /* id → record, keys owned by the records */
  GHashTable   *skipped_ids;     /* stations dropped for their position */
  gboolean      lists_vehicle_types;
} Document;

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
  g_free (info);
}

static void
type_count_clear (gpointer data)
{
  TypeCount *type_count = data;

  g_free (type_count->vehicle_type_id);
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
  document->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  document->skipped_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

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
  g_free (document);
}

static void
document_add (Document *document,
              gpointer  record)
{
  char *id = *(char **) record;

  g_ptr_array_add (document->records, record);
  g_hash_table_insert (document->by_id, id, record);
}

static gboolean
document_has (Document   *document,
              const char *id)
{
  return g_hash_table_contains (document->by_id, id) ||
         g_hash_table_contains (document->skipped_ids, id);
}

static gpointer
document_lookup (Document   *document,
                 const char *id)
{
  if (document == NULL || id == NULL)
    return NULL;

  return g_hash_table_lookup (document->by_id, id);
}

/* Text for people: feeds pad names with spaces (Citiz: " BUXEROLLES"). */
static char *
clean_text (char *text)
{
  if (text == NULL)
    return NULL;

  g_strstrip (text);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

/* Enumerated values ("bicycle", "electric_assist"), as the spec spells them. */
static char *
dup_keyword (JsonObject *object,
             const char *member)
{
  const char *text = vigie_json_get_string (object, member);

  if (text == NULL)
    return NULL;

  return clean_text (g_ascii_strdown (text, -1));
}

static gint8
read_tristate (JsonObject *object,
               const char *member)
{
  gboolean value;

  if (!vigie_json_get_boolean (object, member, &value))
    return -1;

  return value ? 1 : 0;
}

static gboolean
has_value (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

static PositionProblem
read_position (JsonObject *object,
               double     *latitude,
               double     *longitude)
{
  if (!vigie_json_get_double (object, "lat", latitude) ||
      !vigie_json_get_double (object, "lon", longitude))
    return POSITION_MISSING;

  /* A placeholder some back ends write for "unknown", in the Atlantic. */
  if (*latitude == 0.0 && *longitude == 0.0)
    return POSITION_ZERO;

  if (fabs (*latitude) > 90.0 || fabs (*longitude) > 180.0)
    return POSITION_OUT_OF_RANGE;

  return POSITION_OK;
}

/* Counts of vehicles and docks: negative ones are counted as zero (JCDecaux
 * Brussels sent some), absurd ones are dropped. Returns -1 when there is no
 * usable count. @vehicle_type_id names the vehicle type for the counts of
 * vehicle_types_available, NULL otherwise. */
static gint64
read_count (JsonObject    *object,
            const char    *member,
            const char    *station_id,
            const char    *vehicle_type_id,
            VigieSnapshot *snapshot)
{
  double value;

  if (!has_value (object, member))
    return -1;

  if (!vigie_json_get_double (object, member, &value) || value != floor (value))
    {
      if (vehicle_type_id != NULL)
        vigie_snapshot_add_warning (snapshot,
                                    _("Station %s: the count of vehicle type %s is not a whole number, ignored"),
                                    station_id, vehicle_type_id);
      else
        vigie_snapshot_add_warning (snapshot,
                                    _("Station %s: “%s” is not a whole number, ignored"),
                                    station_id, member);
      return -1;
    }

  if (value > MAX_PLAUSIBLE_COUNT)
    {
      if (vehicle_type_id != NULL)
        vigie_snapshot_add_warning (snapshot,
                                    _("Station %s: implausible count of vehicle type %s (%.0f), ignored"),
                                    station_id, vehicle_type_id, value);
      else
        vigie_snapshot_add_warning (snapshot,
                                    _("Station %s: implausible “%s” (%.0f), ignored"),
                                    station_id, member, value);
      return -1;
    }

  if (value < 0)
    {
      long long shown = (long long) MAX (value, (double) G_MININT64);

      if (vehicle_type_id != NULL)
        vigie_snapshot_add_warning (snapshot,
                                    _("Station %s: negative count of vehicle type %s (%lld), counted as 0"),
                                    station_id, vehicle_type_id, shown);
      else
        vigie_snapshot_add_warning (snapshot,
                                    _("Station %s: negative “%s” (%lld), counted as 0"),
                                    station_id, member, shown);
      return 0;
    }

  return (gint64) value;
}

/* Returns 0 when absent, and sets @unreadable when present but not a time
 * after 1970 (Cyclocity sends huge negative numbers). Months-old times are
 * normal at car-share stations and kept as they are. */
static gint64
read_last_reported (JsonObject *object,
                    gboolean   *unreadable)
{
  gint64 time;

  *unreadable = FALSE;

  if (!has_value (object, "last_reported"))
    return 0;

  if (vigie_json_get_timestamp (object, "last_reported", &time) && time > 0)
    return time;

  *unreadable = TRUE;
  return 0;
}

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
  };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      if (g_str_equal (role, roles[i].role))
        return roles[i].kind;
    }

  return DOCUMENT_OTHER;
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

  if (vigie_json_get_array (data, "vehicles") != NULL ||
      vigie_json_get_array (data, "bikes") != NULL)
    return DOCUMENT_VEHICLES;

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

/* A list of records, and the checks each record goes through before its
 * own: an object, with an id, not seen before in the document. The
 * warnings differ in their words by record type; each is N_() marked,
 * %u standing for the record's number and %s for its id. */
typedef struct
{
  const char *list;           /* the array's member */
  const char *old_list;       /* or NULL: its name before 3.0 */
  const char *id_member;
  const char *old_id_member;  /* or NULL: its name before 3.0 */
  const char *not_object;     /* %u */
  const char *no_id;          /* %u */
  const char *duplicate;      /* %s */
} RecordList;

static const RecordList vehicle_type_records = {
  "vehicle_types", NULL, "vehicle_type_id", NULL,
  N_("Vehicle type record %u is not an object, skipped"),
  N_("Vehicle type record %u has no vehicle_type_id, skipped"),
  N_("Vehicle type %s appears more than once, only the first record kept"),
};

static const RecordList station_records = {
  "stations", NULL, "station_id", NULL,
  N_("Station record %u is not an object, skipped"),
  N_("Station record %u has no station_id, skipped"),
  N_("Station %s appears more than once, only the first record kept"),
};

/* free_bike_status (2.x) says bikes, vehicle_status (3.0) vehicles. */
static const RecordList vehicle_records = {
  "vehicles", "bikes", "vehicle_id", "bike_id",
  N_("Vehicle record %u is not an object, skipped"),
  N_("Vehicle record %u has no vehicle_id or bike_id, skipped"),
  N_("Vehicle %s appears more than once, only the first record kept"),
};

/* The list of @records in @data, counted as records; NULL, with a
 * warning, when there is none. */
static JsonArray *
read_records (JsonObject       *data,
              const RecordList *records,
              VigieSnapshot    *snapshot)
{
  JsonArray *array = vigie_json_get_array (data, records->list);

  if (array == NULL && records->old_list != NULL)
    array = vigie_json_get_array (data, records->old_list);

  if (array == NULL)
    {
      vigie_snapshot_add_warning (snapshot, _("The document has no “%s” list"), records->list);
      return NULL;
    }

  vigie_snapshot_add_records (snapshot, json_array_get_length (array));
  return array;
}

/* The table's strings hold one conversion each, of the type its field
 * says: the compiler cannot see through the table. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* Record @i of @array as an object and its id in @id, or NULL, with a
 * warning naming it, when it cannot be used. */
static JsonObject *
read_record (JsonArray        *array,
             guint             i,
             const RecordList *records,
             VigieSnapshot    *snapshot,
             Document         *document,
             char            **id)
{
  JsonNode *node = json_array_get_element (array, i);
  JsonObject *object;

  *id = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      vigie_snapshot_add_warning (snapshot, _(records->not_object), i + 1);
      return NULL;
    }

  object = json_node_get_object (node);
  *id = vigie_json_dup_id (object, records->id_member);
  if (*id == NULL && records->old_id_member != NULL)
    *id = vigie_json_dup_id (object, records->old_id_member);
  if (*id == NULL)
    {
      vigie_snapshot_add_warning (snapshot, _(records->no_id), i + 1);
      return NULL;
    }

  if (document_has (document, *id))
    {
      vigie_snapshot_add_warning (snapshot, _(records->duplicate), *id);
      g_clear_pointer (id, g_free);
      return NULL;
    }

  return object;
}

#pragma GCC diagnostic pop

static void
parse_vehicle_types (JsonObject              *data,
                     const VigieParseContext *context,
                     VigieSnapshot           *snapshot,
                     Document                *document)
{
  JsonArray *types = read_records (data, &vehicle_type_records, snapshot);
  const char *language = context ? context->language : NULL;

  if (types == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (types); i++)
    {
      JsonObject *object;
      VehicleType *type;
      g_autofree char *id = NULL;

      if (!(object = read_record (types, i, &vehicle_type_records, snapshot, document, &id)))
        continue;

      type = g_new0 (VehicleType, 1);
      type->id = g_steal_pointer (&id);
      type->name = clean_text (vigie_json_dup_localized (object, "name", language));
      type->form_factor = dup_keyword (object, "form_factor");
      type->propulsion = dup_keyword (object, "propulsion_type");

      if (type->form_factor == NULL || type->propulsion == NULL)
        vigie_snapshot_add_warning (snapshot,
                                    _("Vehicle type %s: no form_factor or no propulsion_type"),
                                    type->id);

      document_add (document, type);
    }
}

static void
parse_station_information (JsonObject              *data,
                           const VigieParseContext *context,
                           VigieSnapshot           *snapshot,
                           Document                *document)
{
  JsonArray *stations = read_records (data, &station_records, snapshot);
  const char *language = context ? context->language : NULL;

  if (stations == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (stations); i++)
    {
      JsonObject *object;
      StationInfo *info;
      g_autofree char *id = NULL;
      double latitude = NAN, longitude = NAN;
      gboolean is_virtual = FALSE;

      if (!(object = read_record (stations, i, &station_records, snapshot, document, &id)))
        continue;

      switch (read_position (object, &latitude, &longitude))
        {
        case POSITION_OK:
          break;

        case POSITION_MISSING:
          vigie_snapshot_add_warning (snapshot, _("Station %s: no position, skipped"), id);
          g_hash_table_add (document->skipped_ids, g_steal_pointer (&id));
          continue;

        case POSITION_ZERO:
          vigie_snapshot_add_warning (snapshot,
                                      _("Station %s: position (0, 0) is not a real place, skipped"),
                                      id);
          g_hash_table_add (document->skipped_ids, g_steal_pointer (&id));
          continue;

        case POSITION_OUT_OF_RANGE:
        default:
          vigie_snapshot_add_warning (snapshot,
                                      _("Station %s: position (%g, %g) is out of range, skipped"),
                                      id, latitude, longitude);
          g_hash_table_add (document->skipped_ids, g_steal_pointer (&id));
          continue;
        }

      vigie_json_get_boolean (object, "is_virtual_station", &is_virtual);

      info = g_new0 (StationInfo, 1);
      info->name = clean_text (vigie_json_dup_localized (object, "name", language));
      if (info->name == NULL)
        info->name = clean_text (vigie_json_dup_localized (object, "short_name", language));
      info->address = clean_text (g_strdup (vigie_json_get_string (object, "address")));
      info->latitude = latitude;
      info->longitude = longitude;
      info->capacity = read_count (object, "capacity", id, NULL, snapshot);
      info->is_virtual = is_virtual;
      info->id = g_steal_pointer (&id);

      document_add (document, info);
    }
}

static GArray *
read_type_counts (JsonObject    *object,
                  const char    *station_id,
                  VigieSnapshot *snapshot)
{
  JsonArray *entries = vigie_json_get_array (object, "vehicle_types_available");
  GArray *type_counts;

  if (entries == NULL)
    return NULL;

  type_counts = g_array_new (FALSE, FALSE, sizeof (TypeCount));
  g_array_set_clear_func (type_counts, type_count_clear);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *node = json_array_get_element (entries, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *type_id = vigie_json_dup_id (entry, "vehicle_type_id");
      TypeCount type_count;

      if (type_id == NULL || !has_value (entry, "count"))
        {
          vigie_snapshot_add_warning (snapshot,
                                      _("Station %s: an entry of “vehicle_types_available” has no vehicle type or no count, skipped"),
                                      station_id);
          continue;
        }

      type_count.count = read_count (entry, "count", station_id, type_id, snapshot);
      if (type_count.count < 0)
        continue;

      type_count.vehicle_type_id = g_steal_pointer (&type_id);
      g_array_append_val (type_counts, type_count);
    }

  return type_counts;
}

static void
parse_station_status (JsonObject    *data,
                      VigieSnapshot *snapshot,
                      Document      *document)
{
  JsonArray *stations = read_records (data, &station_records, snapshot);

  if (stations == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (stations); i++)
    {
      JsonObject *object;
      StationStatus *status;
      g_autofree char *id = NULL;
      gboolean unreadable;
      const char *available, *disabled;

      if (!(object = read_record (stations, i, &station_records, snapshot, document, &id)))
        continue;

      /* 3.0 renamed the bikes to vehicles. */
      available = has_value (object, "num_vehicles_available") ? "num_vehicles_available" : "num_bikes_available";
      disabled = has_value (object, "num_vehicles_disabled") ? "num_vehicles_disabled" : "num_bikes_disabled";

      status = g_new0 (StationStatus, 1);
      status->last_reported = read_last_reported (object, &unreadable);
      if (unreadable)
        vigie_snapshot_add_warning (snapshot,
                                    _("Station %s: unreadable “last_reported” time, the document’s time used instead"),
                                    id);
      status->vehicles_available = read_count (object, available, id, NULL, snapshot);
      /* Virtual stations have no docks: no count, and no warning either. */
      status->docks_available = read_count (object, "num_docks_available", id, NULL, snapshot);
      status->vehicles_disabled = read_count (object, disabled, id, NULL, snapshot);
      status->docks_disabled = read_count (object, "num_docks_disabled", id, NULL, snapshot);
      status->is_installed = read_tristate (object, "is_installed");
      status->is_renting = read_tristate (object, "is_renting");
      status->is_returning = read_tristate (object, "is_returning");
      status->type_counts = read_type_counts (object, id, snapshot);

      if (status->vehicles_available < 0 && !has_value (object, available))
        {
          if (status->type_counts != NULL)
            {
              status->vehicles_available = 0;
              for (guint t = 0; t < status->type_counts->len; t++)
                status->vehicles_available += g_array_index (status->type_counts, TypeCount, t).count;
            }
          else
            {
              vigie_snapshot_add_warning (snapshot,
                                          _("Station %s: no number of vehicles available"),
                                          id);
            }
        }

      status->id = g_steal_pointer (&id);
      document_add (document, status);
    }
}

static void
read_vehicle_measures (JsonObject    *object,
                       Vehicle       *vehicle,
                       VigieSnapshot *snapshot)
{
  double value;

  vehicle->range_m = NAN;
  vehicle->fuel_percent = NAN;

  if (has_value (object, "current_range_meters"))
    {
      if (vigie_json_get_double (object, "current_range_meters", &value) && value >= 0)
        vehicle->range_m = value;
      else
        vigie_snapshot_add_warning (snapshot,
                                    _("Vehicle %s: “current_range_meters” is not a distance, ignored"),
                                    vehicle->id);
    }

  if (has_value (object, "current_fuel_percent"))
    {
      if (!vigie_json_get_double (object, "current_fuel_percent", &value) || value < 0 || value > 100)
        {
          vigie_snapshot_add_warning (snapshot,
                                      _("Vehicle %s: “current_fuel_percent” is not a level between 0 and 1, ignored"),
                                      vehicle->id);
        }
      else if (value > 1)
        {
          /* The spec says 0–1; some producers write a percentage. */
          vigie_snapshot_add_warning (snapshot,
                                      _("Vehicle %s: fuel level %g read as a percentage"),
                                      vehicle->id, value);
          vehicle->fuel_percent = value / 100.0;
        }
      else
        {
          vehicle->fuel_percent = value;
        }
    }
}

static void
parse_vehicles (JsonObject    *data,
                VigieSnapshot *snapshot,
                Document      *document)
{
  JsonArray *vehicles = read_records (data, &vehicle_records, snapshot);

  if (vehicles == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (vehicles); i++)
    {
      JsonObject *object;
      Vehicle *vehicle;
      g_autofree char *id = NULL;
      g_autofree char *station_id = NULL;
      double latitude = NAN, longitude = NAN;
      PositionProblem problem;
      gboolean unreadable;

      if (!(object = read_record (vehicles, i, &vehicle_records, snapshot, document, &id)))
        continue;

      /* A vehicle at a station may leave out its position: it takes the
       * station's in combine(), once station_information is known. */
      station_id = vigie_json_dup_id (object, "station_id");
      problem = read_position (object, &latitude, &longitude);
      if (problem != POSITION_OK && station_id == NULL)
        {
          switch (problem)
            {
            case POSITION_MISSING:
              vigie_snapshot_add_warning (snapshot,
                                          _("Vehicle %s: no position and no station, skipped"),
                                          id);
              break;

            case POSITION_ZERO:
              vigie_snapshot_add_warning (snapshot,
                                          _("Vehicle %s: position (0, 0) is not a real place, skipped"),
                                          id);
              break;

            case POSITION_OUT_OF_RANGE:
            case POSITION_OK:
            default:
              vigie_snapshot_add_warning (snapshot,
                                          _("Vehicle %s: position (%g, %g) is out of range, skipped"),
                                          id, latitude, longitude);
              break;
            }
          continue;
        }

      vehicle = g_new0 (Vehicle, 1);
      vehicle->id = g_steal_pointer (&id);
      vehicle->station_id = g_steal_pointer (&station_id);
      vehicle->home_station_id = vigie_json_dup_id (object, "home_station_id");
      vehicle->vehicle_type_id = vigie_json_dup_id (object, "vehicle_type_id");
      vehicle->latitude = problem == POSITION_OK ? latitude : NAN;
      vehicle->longitude = problem == POSITION_OK ? longitude : NAN;
      vehicle->is_reserved = read_tristate (object, "is_reserved");
      vehicle->is_disabled = read_tristate (object, "is_disabled");
      vehicle->last_reported = read_last_reported (object, &unreadable);
      if (unreadable)
        vigie_snapshot_add_warning (snapshot,
                                    _("Vehicle %s: unreadable “last_reported” time, the document’s time used instead"),
                                    vehicle->id);
      read_vehicle_measures (object, vehicle, snapshot);

      document_add (document, vehicle);
    }
}

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
      parse_station_information (data, context, snapshot, document);
      break;

    case DOCUMENT_STATION_STATUS:
      parse_station_status (data, snapshot, document);
      break;

    case DOCUMENT_VEHICLES:
      parse_vehicles (data, snapshot, document);
      break;

    case DOCUMENT_VEHICLE_TYPES:
      parse_vehicle_types (data, context, snapshot, document);
      break;

    case DOCUMENT_SYSTEM_INFORMATION:
      vigie_snapshot_add_records (snapshot, 1);
      break;

    case DOCUMENT_OTHER:
    case N_DOCUMENT_KINDS:
    default:
      break;
    }

  return g_steal_pointer (&snapshot);
}

/* The form factor of most vehicle types; without a vehicle_types document
 * at all, GBFS says every vehicle is a bicycle. NULL while unknown (the
 * document is listed but not fetched yet). */
static const char *
find_system_form_factor (Document *types,
                         Document *discovery)
{
  const char *best = NULL;
  guint best_count = 0;

  if (types == NULL)
    return (discovery != NULL && !discovery->lists_vehicle_types) ? "bicycle" : NULL;

  for (guint i = 0; i < types->records->len; i++)
    {
      VehicleType *type = g_ptr_array_index (types->records, i);
      guint count = 0;

      if (type->form_factor == NULL)
        continue;

      for (guint j = 0; j < types->records->len; j++)
        {
          VehicleType *other = g_ptr_array_index (types->records, j);

          if (g_strcmp0 (other->form_factor, type->form_factor) == 0)
            count++;
        }

      if (count > best_count)
        {
          best = type->form_factor;
          best_count = count;
        }
    }

  return best;
}

static const char *
find_station_form_factor (StationStatus *status,
                          Document      *types,
                          const char    *system_form_factor)
{
  const char *common = NULL;

  if (status == NULL || status->type_counts == NULL || status->type_counts->len == 0)
    return system_form_factor;

  for (guint i = 0; i < status->type_counts->len; i++)
    {
      TypeCount *type_count = &g_array_index (status->type_counts, TypeCount, i);
      VehicleType *type = document_lookup (types, type_count->vehicle_type_id);

      if (type == NULL || type->form_factor == NULL)
        return system_form_factor;

      if (common == NULL)
        common = type->form_factor;
      else if (!g_str_equal (common, type->form_factor))
        return system_form_factor;
    }

  return common;
}

static void
insert_count (GVariantDict *dict,
              const char   *key,
              gint64        count)
{
  if (count >= 0)
    g_variant_dict_insert (dict, key, "x", count);
}

static void
insert_tristate (GVariantDict *dict,
                 const char   *key,
                 gint8         value)
{
  if (value >= 0)
    g_variant_dict_insert (dict, key, "b", (gboolean) value);
}

static void
insert_type_counts (GVariantDict  *dict,
                    StationStatus *status,
                    Document      *types)
{
  GVariantBuilder builder;
  gint64 electric = 0, mechanical = 0;
  gboolean knows_propulsion = FALSE;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sx}"));

  for (guint i = 0; i < status->type_counts->len; i++)
    {
      TypeCount *type_count = &g_array_index (status->type_counts, TypeCount, i);
      VehicleType *type = document_lookup (types, type_count->vehicle_type_id);

      g_variant_builder_add (&builder, "{sx}", type_count->vehicle_type_id, type_count->count);

      if (type == NULL || type->propulsion == NULL)
        continue;

      knows_propulsion = TRUE;
      if (g_str_equal (type->propulsion, "electric") || g_str_equal (type->propulsion, "electric_assist"))
        electric += type_count->count;
      else if (g_str_equal (type->propulsion, "human"))
        mechanical += type_count->count;
    }

  g_variant_dict_insert_value (dict, "vehicle_types_available", g_variant_builder_end (&builder));

  if (knows_propulsion)
    {
      g_variant_dict_insert (dict, "electric_available", "x", electric);
      g_variant_dict_insert (dict, "mechanical_available", "x", mechanical);
    }
}

static VigieEntity *
build_station (StationInfo   *info,
               StationStatus *status,
               gint64         observed_at,
               Document      *types,
               const char    *system_form_factor)
{
  GVariantDict dict;
  const char *form_factor = find_station_form_factor (status, types, system_form_factor);

  g_variant_dict_init (&dict, NULL);

  insert_count (&dict, "capacity", info->capacity);
  if (status != NULL)
    {
      insert_count (&dict, "vehicles_available", status->vehicles_available);
      insert_count (&dict, "docks_available", status->docks_available);
      insert_count (&dict, "vehicles_disabled", status->vehicles_disabled);
      insert_count (&dict, "docks_disabled", status->docks_disabled);
      insert_tristate (&dict, "is_installed", status->is_installed);
      insert_tristate (&dict, "is_renting", status->is_renting);
      insert_tristate (&dict, "is_returning", status->is_returning);
      if (status->type_counts != NULL)
        insert_type_counts (&dict, status, types);
    }
  g_variant_dict_insert (&dict, "is_virtual", "b", info->is_virtual);
  g_variant_dict_insert (&dict, "has_status", "b", status != NULL);
  if (form_factor != NULL)
    g_variant_dict_insert (&dict, "form_factor", "s", form_factor);
  if (info->address != NULL)
    g_variant_dict_insert (&dict, "address", "s", info->address);

  return vigie_entity_new (VIGIE_ENTITY_STATION,
                           info->id,
                           info->name,
                           info->latitude,
                           info->longitude,
                           observed_at,
                           g_variant_dict_end (&dict));
}

static void
combine_stations (VigieSnapshot *result,
                  Document      *information,
                  Document      *status_document,
                  Document      *types,
                  const char    *system_form_factor)
{
  if (information != NULL)
    {
      for (guint i = 0; i < information->records->len; i++)
        {
          StationInfo *info = g_ptr_array_index (information->records, i);
          StationStatus *status = document_lookup (status_document, info->id);
          gint64 observed_at = information->last_updated;

          if (status != NULL)
            {
              observed_at = status->last_reported > 0 ? status->last_reported
                                                      : status_document->last_updated;

              /* Virtual stations take more than their capacity by design. */
              if (info->capacity >= 0 && !info->is_virtual &&
                  status->vehicles_available > info->capacity)
                vigie_snapshot_add_warning (result,
                                            _("Station %s: %lld vehicles available for a capacity of %lld, kept as is"),
                                            info->id,
                                            (long long) status->vehicles_available,
                                            (long long) info->capacity);
            }

          vigie_snapshot_add_entity (result,
                                     build_station (info, status, observed_at,
                                                    types, system_form_factor));
        }
    }

  if (status_document == NULL || status_document->records->len == 0)
    return;

  if (information == NULL)
    {
      guint n = status_document->records->len;

      /* One warning, not one per station, for a feed pointed at
       * station_status.json alone. */
      vigie_snapshot_add_warning (result,
                                  ngettext ("%u station has a status but no station information to place it on the map, not shown",
                                            "%u stations have a status but no station information to place them on the map, not shown",
                                            n),
                                  n);
      return;
    }

  for (guint i = 0; i < status_document->records->len; i++)
    {
      StationStatus *status = g_ptr_array_index (status_document->records, i);

      /* Those dropped for their position were warned about already. */
      if (!document_has (information, status->id))
        vigie_snapshot_add_warning (result,
                                    _("Station %s is in station_status but not in station_information, skipped"),
                                    status->id);
    }
}

static void
combine_vehicles (VigieSnapshot *result,
                  Document      *vehicles,
                  Document      *information,
                  Document      *types,
                  Document      *discovery)
{
  /* Without vehicle_types, GBFS says all vehicles are human-powered bikes. */
  gboolean default_bicycles = types == NULL && discovery != NULL && !discovery->lists_vehicle_types;

  for (guint i = 0; i < vehicles->records->len; i++)
    {
      Vehicle *vehicle = g_ptr_array_index (vehicles->records, i);
      VehicleType *type = document_lookup (types, vehicle->vehicle_type_id);
      double latitude = vehicle->latitude, longitude = vehicle->longitude;
      const char *form_factor = NULL, *propulsion = NULL;
      const char *station_id = vehicle->station_id ?: vehicle->home_station_id;
      GVariantDict dict;

      if (isnan (latitude))
        {
          StationInfo *station = document_lookup (information, vehicle->station_id);

          if (station == NULL)
            {
              vigie_snapshot_add_warning (result,
                                          _("Vehicle %s: no position of its own and station %s is unknown, skipped"),
                                          vehicle->id, vehicle->station_id);
              continue;
            }

          latitude = station->latitude;
          longitude = station->longitude;
        }

      if (type != NULL)
        {
          form_factor = type->form_factor;
          propulsion = type->propulsion;
        }
      else if (default_bicycles)
        {
          form_factor = "bicycle";
          propulsion = "human";
        }

      g_variant_dict_init (&dict, NULL);
      if (vehicle->vehicle_type_id != NULL)
        g_variant_dict_insert (&dict, "vehicle_type_id", "s", vehicle->vehicle_type_id);
      if (form_factor != NULL)
        g_variant_dict_insert (&dict, "form_factor", "s", form_factor);
      if (propulsion != NULL)
        g_variant_dict_insert (&dict, "propulsion", "s", propulsion);
      if (!isnan (vehicle->range_m))
        g_variant_dict_insert (&dict, "range_m", "d", vehicle->range_m);
      if (!isnan (vehicle->fuel_percent))
        g_variant_dict_insert (&dict, "fuel_percent", "d", vehicle->fuel_percent);
      insert_tristate (&dict, "is_reserved", vehicle->is_reserved);
      insert_tristate (&dict, "is_disabled", vehicle->is_disabled);
      if (station_id != NULL)
        g_variant_dict_insert (&dict, "station_id", "s", station_id);

      vigie_snapshot_add_entity (result,
                                 vigie_entity_new (VIGIE_ENTITY_VEHICLE,
                                                   vehicle->id,
                                                   type != NULL ? type->name : NULL,
                                                   latitude,
                                                   longitude,
                                                   vehicle->last_reported > 0 ? vehicle->last_reported
                                                                              : vehicles->last_updated,
                                                   g_variant_dict_end (&dict)));
    }
}

typedef struct
{
  const char    *role;
  VigieSnapshot *snapshot;
} Part;

static guint
rank_role (const char *role)
{
  const char * const *followed = vigie_format_gbfs.followed_roles;

  if (g_str_equal (role, VIGIE_ROLE_MAIN))
    return 0;

  for (guint i = 0; followed[i] != NULL; i++)
    {
      if (g_str_equal (role, followed[i]))
        return i + 1;
    }

  return G_MAXUINT;
}

/* Warnings come out in the same order whatever the hash table's. */
static int
compare_parts (gconstpointer a,
               gconstpointer b)
{
  const Part *pa = a;
  const Part *pb = b;
  guint ra = rank_role (pa->role);
  guint rb = rank_role (pb->role);

  if (ra != rb)
    return ra < rb ? -1 : 1;

  return strcmp (pa->role, pb->role);
}

static VigieSnapshot *
gbfs_combine (GHashTable              *snapshots_by_role,
              const VigieParseContext *context)
{
  g_autoptr(VigieSnapshot) result = vigie_format_new_snapshot (context);
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (Part));
  Document *documents[N_DOCUMENT_KINDS] = { NULL, };
  const char *system_form_factor;
  GHashTableIter iter;
  gpointer key, value;
  gint64 ttl = -1;
  gint64 live_observed_at = 0, any_observed_at = 0;

  g_return_val_if_fail (snapshots_by_role != NULL, NULL);

  g_hash_table_iter_init (&iter, snapshots_by_role);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Part part = { key, value };

      if (part.role != NULL && part.snapshot != NULL)
        g_array_append_val (parts, part);
    }
  g_array_sort (parts, compare_parts);

  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = &g_array_index (parts, Part, i);
      Document *document = vigie_snapshot_get_payload (part->snapshot);
      gint64 part_ttl = vigie_snapshot_get_ttl (part->snapshot);
      gint64 observed_at = vigie_snapshot_get_observed_at (part->snapshot);

      vigie_snapshot_take_warnings (result, part->snapshot);
      vigie_snapshot_add_records (result, vigie_snapshot_get_n_records (part->snapshot));

      if (part_ttl >= 0 && (ttl < 0 || part_ttl < ttl))
        ttl = part_ttl;

      any_observed_at = MAX (any_observed_at, observed_at);

      if (document == NULL)
        continue;

      if (document->kind == DOCUMENT_STATION_STATUS || document->kind == DOCUMENT_VEHICLES)
        live_observed_at = MAX (live_observed_at, observed_at);

      /* The same kind twice (main is station_status.json and so is a
       * followed role, say): the newest wins. */
      if (documents[document->kind] == NULL ||
          document->last_updated > documents[document->kind]->last_updated)
        documents[document->kind] = document;
    }

  vigie_snapshot_set_ttl (result, ttl);
  vigie_snapshot_set_observed_at (result, live_observed_at > 0 ? live_observed_at : any_observed_at);

  system_form_factor = find_system_form_factor (documents[DOCUMENT_VEHICLE_TYPES],
                                                documents[DOCUMENT_DISCOVERY]);

  combine_stations (result,
                    documents[DOCUMENT_STATION_INFORMATION],
                    documents[DOCUMENT_STATION_STATUS],
                    documents[DOCUMENT_VEHICLE_TYPES],
                    system_form_factor);

  if (documents[DOCUMENT_VEHICLES] != NULL)
    combine_vehicles (result,
                      documents[DOCUMENT_VEHICLES],
                      documents[DOCUMENT_STATION_INFORMATION],
                      documents[DOCUMENT_VEHICLE_TYPES],
                      documents[DOCUMENT_DISCOVERY]);

  return g_steal_pointer (&result);
}

/* Stations need station_information; a lone status or discovery
 * document places nothing. */
static char *
gbfs_describe_missing (GHashTable *snapshots_by_role)
{
  gboolean present[N_DOCUMENT_KINDS] = { FALSE, };
  GHashTableIter iter;
  VigieSnapshot *part;

  g_hash_table_iter_init (&iter, snapshots_by_role);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &part))
    {
      Document *document = vigie_snapshot_get_payload (part);

      if (document != NULL)
        present[document->kind] = TRUE;
    }

  if (present[DOCUMENT_STATION_INFORMATION] || present[DOCUMENT_VEHICLES])
    return NULL;

  if (present[DOCUMENT_STATION_STATUS])
    return g_strdup (_("This is a GBFS station_status document, which only says how full stations are: give the system’s station_information too"));

  if (present[DOCUMENT_DISCOVERY] || present[DOCUMENT_MANIFEST])
    return g_strdup (_("This GBFS document only lists the system’s other documents: give its address, or those documents"));

  return g_strdup (_("These GBFS documents place no station and no vehicle: give the system’s station_information or vehicle_status too"));
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
  .combine = gbfs_combine,
  .sniff = gbfs_sniff,
  .describe_missing = gbfs_describe_missing,
  .followed_roles = (const char *[]) {
    "system_information",
    "station_information",
    "station_status",
    "free_bike_status",
    "vehicle_status",
    "vehicle_types",
    NULL
  },
  /* Stations and vehicles show without them. */
  .optional_roles = (const char *[]) {
    "system_information",
    "vehicle_types",
    NULL
  },
};
