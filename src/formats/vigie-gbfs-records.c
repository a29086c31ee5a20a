/* vigie-gbfs-records.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-gbfs"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-entity.h"
#include "vigie-gbfs-private.h"
#include "vigie-geo.h"
#include "vigie-json.h"
#include "vigie-snapshot.h"

/* The records of GBFS's documents, read one by one into plain structs:
 * vehicle types, station information, station status and vehicles. A bad
 * record is skipped or corrected with a warning naming it. */

/* Above this a count is a producer's bug, not a station. */
#define MAX_PLAUSIBLE_COUNT 100000

/*
 * Auxiliary methods
 */

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

/* Text for people in @language, trimmed; NULL when empty. */
char *
vigie_gbfs_dup_text (JsonObject *object,
                     const char *member,
                     const char *language)
{
  return clean_text (vigie_json_dup_localized (object, member, language));
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

static VigieGeoPosition
read_position (JsonObject *object,
               double     *latitude,
               double     *longitude)
{
  if (!vigie_json_get_double (object, "lat", latitude) ||
      !vigie_json_get_double (object, "lon", longitude))
    return VIGIE_GEO_POSITION_MISSING;

  return vigie_geo_check_position (*latitude, *longitude);
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

/*
 * Record lists
 */

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
read_record (JsonArray         *array,
             guint              i,
             const RecordList  *records,
             VigieSnapshot     *snapshot,
             Document          *document,
             char             **id)
{
  JsonNode *node = json_array_get_element (array, i);
  JsonObject *object;

  *id = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      vigie_snapshot_add_warning (snapshot, _(records->not_object), i + 1, records->list, records->id_member);
      return NULL;
    }

  object = json_node_get_object (node);
  *id = vigie_json_dup_id (object, records->id_member);
  if (*id == NULL && records->old_id_member != NULL)
    *id = vigie_json_dup_id (object, records->old_id_member);
  if (*id == NULL)
    {
      vigie_snapshot_add_warning (snapshot, _(records->no_id), i + 1, records->list, records->id_member);
      return NULL;
    }

  if (vigie_gbfs_document_has (document, *id))
    {
      vigie_snapshot_add_warning (snapshot, _(records->duplicate), *id, records->list);
      g_clear_pointer (id, g_free);
      return NULL;
    }

  return object;
}

#pragma GCC diagnostic pop

/**
 * vigie_gbfs_read_each:
 *
 * Reads the list of @records in @data: each entry that is an object with
 * an id not seen before is given to the list's reader, and what it makes
 * is added to @document; an entry that cannot be used is skipped with a
 * warning, here or by the reader (which then returns %NULL).
 */
void
vigie_gbfs_read_each (JsonObject              *data,
                      const RecordList        *records,
                      const VigieParseContext *context,
                      VigieSnapshot           *snapshot,
                      Document                *document)
{
  JsonArray *array = read_records (data, records, snapshot);
  Record r = { .language = context != NULL ? context->language : NULL, .snapshot = snapshot, .document = document };

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      gpointer record;

      r.object = read_record (array, i, records, snapshot, document, &r.id);
      if (r.object != NULL && (record = records->read (&r)) != NULL)
        vigie_gbfs_document_add (document, record);
      g_clear_pointer (&r.id, g_free);
    }
}

/*
 * Public API
 */

static gpointer
read_vehicle_type (Record *r)
{
  VehicleType *type = g_new0 (VehicleType, 1);

  type->id = g_steal_pointer (&r->id);
  type->name = vigie_gbfs_dup_text (r->object, "name", r->language);
  type->form_factor = dup_keyword (r->object, "form_factor");
  type->propulsion = dup_keyword (r->object, "propulsion_type");

  if (type->form_factor == NULL || type->propulsion == NULL)
    vigie_snapshot_add_warning (r->snapshot,
                                _("Vehicle type %s: no form_factor or no propulsion_type"),
                                type->id);

  return type;
}

static gpointer
read_station_information (Record *r)
{
  JsonObject *object = r->object;
  VigieSnapshot *snapshot = r->snapshot;
  const char *id = r->id;
  StationInfo *info;
  double latitude = NAN, longitude = NAN;
  gboolean is_virtual = FALSE;

  switch (read_position (object, &latitude, &longitude))
    {
    case VIGIE_GEO_POSITION_OK:
      break;

    case VIGIE_GEO_POSITION_MISSING:
      vigie_snapshot_add_warning (snapshot, _("Station %s: no position, skipped"), id);
      g_hash_table_add (r->document->skipped_ids, g_steal_pointer (&r->id));
      return NULL;

    case VIGIE_GEO_POSITION_ZERO:
      vigie_snapshot_add_warning (snapshot,
                                  _("Station %s: position (0, 0) is not a real place, skipped"),
                                  id);
      g_hash_table_add (r->document->skipped_ids, g_steal_pointer (&r->id));
      return NULL;

    case VIGIE_GEO_POSITION_OUT_OF_RANGE:
    default:
      vigie_snapshot_add_warning (snapshot,
                                  _("Station %s: position (%g, %g) is out of range, skipped"),
                                  id, latitude, longitude);
      g_hash_table_add (r->document->skipped_ids, g_steal_pointer (&r->id));
      return NULL;
    }

  vigie_json_get_boolean (object, "is_virtual_station", &is_virtual);

  info = g_new0 (StationInfo, 1);
  info->name = vigie_gbfs_dup_text (object, "name", r->language);
  if (info->name == NULL)
    info->name = vigie_gbfs_dup_text (object, "short_name", r->language);
  info->address = clean_text (g_strdup (vigie_json_get_string (object, "address")));
  info->region_id = vigie_json_dup_id (object, "region_id");
  info->latitude = latitude;
  info->longitude = longitude;
  info->capacity = read_count (object, "capacity", id, NULL, snapshot);
  info->is_virtual = is_virtual;
  info->id = g_steal_pointer (&r->id);

  return info;
}

static void
type_count_clear (gpointer data)
{
  TypeCount *type_count = data;

  g_free (type_count->vehicle_type_id);
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

static gpointer
read_station_status (Record *r)
{
  JsonObject *object = r->object;
  VigieSnapshot *snapshot = r->snapshot;
  const char *id = r->id;
  StationStatus *status;
  gboolean unreadable;
  const char *available, *disabled;

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

  status->id = g_steal_pointer (&r->id);

  return status;
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

static gpointer
read_vehicle (Record *r)
{
  JsonObject *object = r->object;
  VigieSnapshot *snapshot = r->snapshot;
  const char *id = r->id;
  Vehicle *vehicle;
  g_autofree char *station_id = NULL;
  double latitude = NAN, longitude = NAN;
  VigieGeoPosition problem;
  gboolean unreadable;

  /* A vehicle at a station may leave out its position: it takes the
   * station's in combine(), once station_information is known. */
  station_id = vigie_json_dup_id (object, "station_id");
  problem = read_position (object, &latitude, &longitude);
  if (problem != VIGIE_GEO_POSITION_OK && station_id == NULL)
    {
      switch (problem)
        {
        case VIGIE_GEO_POSITION_MISSING:
          vigie_snapshot_add_warning (snapshot,
                                      _("Vehicle %s: no position and no station, skipped"),
                                      id);
          break;

        case VIGIE_GEO_POSITION_ZERO:
          vigie_snapshot_add_warning (snapshot,
                                      _("Vehicle %s: position (0, 0) is not a real place, skipped"),
                                      id);
          break;

        case VIGIE_GEO_POSITION_OUT_OF_RANGE:
        case VIGIE_GEO_POSITION_OK:
        default:
          vigie_snapshot_add_warning (snapshot,
                                      _("Vehicle %s: position (%g, %g) is out of range, skipped"),
                                      id, latitude, longitude);
          break;
        }
      return NULL;
    }

  vehicle = g_new0 (Vehicle, 1);
  vehicle->id = g_steal_pointer (&r->id);
  vehicle->station_id = g_steal_pointer (&station_id);
  vehicle->home_station_id = vigie_json_dup_id (object, "home_station_id");
  vehicle->vehicle_type_id = vigie_json_dup_id (object, "vehicle_type_id");
  vehicle->latitude = problem == VIGIE_GEO_POSITION_OK ? latitude : NAN;
  vehicle->longitude = problem == VIGIE_GEO_POSITION_OK ? longitude : NAN;
  vehicle->is_reserved = read_tristate (object, "is_reserved");
  vehicle->is_disabled = read_tristate (object, "is_disabled");
  vehicle->last_reported = read_last_reported (object, &unreadable);
  if (unreadable)
    vigie_snapshot_add_warning (snapshot,
                                _("Vehicle %s: unreadable “last_reported” time, the document’s time used instead"),
                                vehicle->id);
  read_vehicle_measures (object, vehicle, snapshot);

  return vehicle;
}

/*
 * Lists
 */

const RecordList vigie_gbfs_vehicle_types = {
  "vehicle_types", NULL, "vehicle_type_id", NULL,
  N_("Vehicle type record %u is not an object, skipped"),
  N_("Vehicle type record %u has no vehicle_type_id, skipped"),
  N_("Vehicle type %s appears more than once, only the first record kept"),
  read_vehicle_type,
};

/* station_information and station_status: the same checks. */
static const char station_not_object[] = N_("Station record %u is not an object, skipped");
static const char station_no_id[] = N_("Station record %u has no station_id, skipped");
static const char station_duplicate[] = N_("Station %s appears more than once, only the first record kept");

const RecordList vigie_gbfs_station_information = {
  "stations", NULL, "station_id", NULL, station_not_object, station_no_id, station_duplicate,
  read_station_information,
};

const RecordList vigie_gbfs_station_status = {
  "stations", NULL, "station_id", NULL, station_not_object, station_no_id, station_duplicate,
  read_station_status,
};

/* free_bike_status (2.x) says bikes, vehicle_status (3.0) vehicles. */
const RecordList vigie_gbfs_vehicles = {
  "vehicles", "bikes", "vehicle_id", "bike_id",
  N_("Vehicle record %u is not an object, skipped"),
  N_("Vehicle record %u has no vehicle_id or bike_id, skipped"),
  N_("Vehicle %s appears more than once, only the first record kept"),
  read_vehicle,
};
