/* vigie-gbfs-combine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-gbfs"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-clock.h"
#include "vigie-entity.h"
#include "vigie-formats.h"
#include "vigie-gbfs-private.h"
#include "vigie-json.h"
#include "vigie-snapshot.h"
#include "vigie-hash.h"

/* The latest document of each role joined into the stations and vehicles
 * the store shows: a station's place from station_information, how full
 * it is from station_status, what its vehicles are from vehicle_types,
 * the operator's alerts from system_alerts, when its cars can be booked
 * from vehicle_availability; and geofencing zones as areas.
 *
 * Values added to those of vigie-gbfs-records.c:
 *   station "alerts"               aa{sv}  alerts in force or to come that
 *                                          name it or its region: "id",
 *                                          "type", "summary",
 *                                          "description", "url" (s),
 *                                          "start", "end" (x, the period
 *                                          in force or next),
 *                                          "stations", "regions" (as,
 *                                          names where known)
 *   station "vehicle_availability" aa{sv}  its cars' next availability:
 *                                          "vehicle_id", "name" (s),
 *                                          "available_now" (b), "from"
 *                                          (x, when not now), "until" (x,
 *                                          absent: no end)
 *   vehicle "available_now" (b), "available_from", "available_until" (x)
 *                                          the same for the vehicle */

/* Stations and vehicles the optional documents add to. */
typedef struct
{
  gint64      now;
  Document   *information;
  Document   *regions;
  Document   *types;
  GHashTable *alerts;          /* station id → GPtrArray of Alert */
  GHashTable *availabilities;  /* station id → GPtrArray of VehicleAvailability */
  Document   *availability;
} Extras;

/*
 * Form factors
 */

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
      VehicleType *type = vigie_gbfs_document_lookup (types, type_count->vehicle_type_id);

      if (type == NULL || type->form_factor == NULL)
        return system_form_factor;

      if (common == NULL)
        common = type->form_factor;
      else if (!g_str_equal (common, type->form_factor))
        return system_form_factor;
    }

  return common;
}

/*
 * Stations
 */

/* A station's values go straight into its entity's fields
 * (vigie_entity_new_from_fields): at 10,000 stations, building a
 * GVariantDict each and decoding it again was most of combine(). */
#define MAX_STATION_FIELDS 20

typedef struct
{
  VigieEntityField fields[MAX_STATION_FIELDS];
  guint            n_fields;
} Fields;

static VigieEntityField *
fields_add (Fields               *fields,
            const char           *key,
            VigieEntityFieldType  type)
{
  VigieEntityField *field;

  g_assert (fields->n_fields < MAX_STATION_FIELDS);

  field = &fields->fields[fields->n_fields++];
  field->key = key;
  field->type = type;
  return field;
}

static void
insert_count (Fields     *fields,
              const char *key,
              gint64      count)
{
  if (count >= 0)
    fields_add (fields, key, VIGIE_ENTITY_FIELD_INT)->i = count;
}

static void
insert_boolean (Fields     *fields,
                const char *key,
                gboolean    value)
{
  fields_add (fields, key, VIGIE_ENTITY_FIELD_BOOLEAN)->b = value;
}

static void
insert_tristate (Fields     *fields,
                 const char *key,
                 gint8       value)
{
  if (value >= 0)
    insert_boolean (fields, key, value);
}

static void
insert_string (Fields     *fields,
               const char *key,
               const char *value)
{
  fields_add (fields, key, VIGIE_ENTITY_FIELD_STRING)->s = value;
}

static void
insert_variant (Fields     *fields,
                const char *key,
                GVariant   *value)
{
  fields_add (fields, key, VIGIE_ENTITY_FIELD_VARIANT)->v = value;
}

static void
insert_type_counts (Fields        *fields,
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
      VehicleType *type = vigie_gbfs_document_lookup (types, type_count->vehicle_type_id);

      g_variant_builder_add (&builder, "{sx}", type_count->vehicle_type_id, type_count->count);

      if (type == NULL || type->propulsion == NULL)
        continue;

      knows_propulsion = TRUE;
      if (g_str_equal (type->propulsion, "electric") || g_str_equal (type->propulsion, "electric_assist"))
        electric += type_count->count;
      else if (g_str_equal (type->propulsion, "human"))
        mechanical += type_count->count;
    }

  insert_variant (fields, "vehicle_types_available", g_variant_builder_end (&builder));

  if (knows_propulsion)
    {
      insert_count (fields, "electric_available", electric);
      insert_count (fields, "mechanical_available", mechanical);
    }
}

static void
insert_alerts (Fields       *fields,
               StationInfo  *info,
               const Extras *extras)
{
  GPtrArray *alerts = g_hash_table_lookup (extras->alerts, info->id);
  GVariantBuilder builder;

  if (alerts == NULL)
    return;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < alerts->len; i++)
    g_variant_builder_add_value (&builder,
                                 vigie_gbfs_alert_value (g_ptr_array_index (alerts, i),
                                                         extras->information, extras->regions,
                                                         extras->now));
  insert_variant (fields, "alerts", g_variant_builder_end (&builder));
}

static void
insert_availabilities (Fields       *fields,
                       StationInfo  *info,
                       const Extras *extras)
{
  GPtrArray *availabilities = g_hash_table_lookup (extras->availabilities, info->id);
  GVariantBuilder builder;
  gboolean any = FALSE;

  if (availabilities == NULL)
    return;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < availabilities->len; i++)
    {
      VehicleAvailability *availability = g_ptr_array_index (availabilities, i);
      g_autoptr(GVariant) value = vigie_gbfs_availability_value (availability, extras->now);
      VehicleType *type = vigie_gbfs_document_lookup (extras->types, availability->vehicle_type_id);
      GVariantDict entry;

      if (value == NULL)
        continue;

      g_variant_ref_sink (value);
      g_variant_dict_init (&entry, value);
      if (type != NULL && type->name != NULL)
        g_variant_dict_insert (&entry, "name", "s", type->name);
      g_variant_builder_add_value (&builder, g_variant_dict_end (&entry));
      any = TRUE;
    }

  if (any)
    insert_variant (fields, "vehicle_availability", g_variant_builder_end (&builder));
  else
    g_variant_builder_clear (&builder);
}

static VigieEntity *
build_station (StationInfo   *info,
               StationStatus *status,
               gint64         observed_at,
               Document      *types,
               const char    *system_form_factor,
               const Extras  *extras)
{
  Fields fields = { .n_fields = 0 };
  const char *form_factor = find_station_form_factor (status, types, system_form_factor);

  insert_count (&fields, "capacity", info->capacity);
  if (status != NULL)
    {
      insert_count (&fields, "vehicles_available", status->vehicles_available);
      insert_count (&fields, "docks_available", status->docks_available);
      insert_count (&fields, "vehicles_disabled", status->vehicles_disabled);
      insert_count (&fields, "docks_disabled", status->docks_disabled);
      insert_tristate (&fields, "is_installed", status->is_installed);
      insert_tristate (&fields, "is_renting", status->is_renting);
      insert_tristate (&fields, "is_returning", status->is_returning);
      if (status->type_counts != NULL)
        insert_type_counts (&fields, status, types);
    }
  insert_boolean (&fields, "is_virtual", info->is_virtual);
  insert_boolean (&fields, "has_status", status != NULL);
  if (form_factor != NULL)
    insert_string (&fields, "form_factor", form_factor);
  if (info->address != NULL)
    insert_string (&fields, "address", info->address);
  insert_alerts (&fields, info, extras);
  insert_availabilities (&fields, info, extras);

  return vigie_entity_new_from_fields (VIGIE_ENTITY_STATION,
                                       info->id,
                                       info->name,
                                       info->latitude,
                                       info->longitude,
                                       observed_at,
                                       fields.fields, fields.n_fields);
}

static void
combine_stations (VigieSnapshot *result,
                  Document      *information,
                  Document      *status_document,
                  Document      *types,
                  const char    *system_form_factor,
                  const Extras  *extras)
{
  if (information != NULL)
    {
      for (guint i = 0; i < information->records->len; i++)
        {
          StationInfo *info = g_ptr_array_index (information->records, i);
          StationStatus *status = vigie_gbfs_document_lookup (status_document, info->id);
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
                                                    types, system_form_factor, extras));
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
      if (!vigie_gbfs_document_has (information, status->id))
        vigie_snapshot_add_warning (result,
                                    _("Station %s is in station_status but not in station_information, skipped"),
                                    status->id);
    }
}

/*
 * Vehicles
 */

static void
insert_vehicle_availability (Fields              *fields,
                             VehicleAvailability *availability,
                             gint64               now)
{
  g_autoptr(GVariant) value = NULL;
  gboolean available_now;
  gint64 time;

  if (availability == NULL || (value = vigie_gbfs_availability_value (availability, now)) == NULL)
    return;

  g_variant_ref_sink (value);
  if (g_variant_lookup (value, "available_now", "b", &available_now))
    insert_boolean (fields, "available_now", available_now);
  if (g_variant_lookup (value, "from", "x", &time))
    insert_count (fields, "available_from", time);
  if (g_variant_lookup (value, "until", "x", &time))
    insert_count (fields, "available_until", time);
}

static void
combine_vehicles (VigieSnapshot *result,
                  Document      *vehicles,
                  Document      *information,
                  Document      *types,
                  Document      *discovery,
                  const Extras  *extras)
{
  /* Without vehicle_types, GBFS says all vehicles are human-powered bikes. */
  gboolean default_bicycles = types == NULL && discovery != NULL && !discovery->lists_vehicle_types;

  for (guint i = 0; i < vehicles->records->len; i++)
    {
      Vehicle *vehicle = g_ptr_array_index (vehicles->records, i);
      VehicleType *type = vigie_gbfs_document_lookup (types, vehicle->vehicle_type_id);
      double latitude = vehicle->latitude, longitude = vehicle->longitude;
      const char *form_factor = NULL, *propulsion = NULL;
      const char *station_id = vehicle->station_id ?: vehicle->home_station_id;
      Fields fields = { .n_fields = 0 };

      if (isnan (latitude))
        {
          StationInfo *station = vigie_gbfs_document_lookup (information, vehicle->station_id);

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

      if (vehicle->vehicle_type_id != NULL)
        insert_string (&fields, "vehicle_type_id", vehicle->vehicle_type_id);
      if (form_factor != NULL)
        insert_string (&fields, "form_factor", form_factor);
      if (propulsion != NULL)
        insert_string (&fields, "propulsion", propulsion);
      if (!isnan (vehicle->range_m))
        fields_add (&fields, "range_m", VIGIE_ENTITY_FIELD_DOUBLE)->d = vehicle->range_m;
      if (!isnan (vehicle->fuel_percent))
        fields_add (&fields, "fuel_percent", VIGIE_ENTITY_FIELD_DOUBLE)->d = vehicle->fuel_percent;
      insert_tristate (&fields, "is_reserved", vehicle->is_reserved);
      insert_tristate (&fields, "is_disabled", vehicle->is_disabled);
      if (station_id != NULL)
        insert_string (&fields, "station_id", station_id);
      insert_vehicle_availability (&fields,
                                   vigie_gbfs_document_lookup (extras->availability, vehicle->id),
                                   extras->now);

      vigie_snapshot_add_entity (result,
                                 vigie_entity_new_from_fields (VIGIE_ENTITY_VEHICLE,
                                                               vehicle->id,
                                                               type != NULL ? type->name : NULL,
                                                               latitude,
                                                               longitude,
                                                               vehicle->last_reported > 0 ? vehicle->last_reported
                                                                                          : vehicles->last_updated,
                                                               fields.fields, fields.n_fields));
    }
}

/*
 * Parts
 */

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

/*
 * Alerts and availability
 */

/* Each alert in force or to come under every station it names, by id or
 * by region; one line each in the feed's warnings, where the health view
 * shows them, a whole system's alert included. */
static void
index_alerts (VigieSnapshot *result,
              Document      *alerts,
              const Extras  *extras)
{
  g_autoptr(GPtrArray) unknown = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; alerts != NULL && i < alerts->records->len; i++)
    {
      Alert *alert = g_ptr_array_index (alerts->records, i);
      const char *summary = alert->summary != NULL ? alert->summary : alert->id;
      guint n_stations = 0;

      const Period *period = vigie_gbfs_alert_period (alert, extras->now);
      g_autofree char *line = NULL;

      if (period == NULL)
        continue;

      for (guint s = 0; alert->station_ids[s] != NULL; s++)
        {
          const char *station_id = alert->station_ids[s];
          GPtrArray *list;

          if (extras->information != NULL && !vigie_gbfs_document_has (extras->information, station_id))
            {
              g_ptr_array_add (unknown, g_strdup_printf (_("Alert %s names station %s, which is not in station_information"),
                                                         alert->id, station_id));
              continue;
            }

          list = g_hash_table_lookup (extras->alerts, station_id);
          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (extras->alerts, (gpointer) station_id, list);
            }
          if (list->len == 0 || g_ptr_array_index (list, list->len - 1) != alert)
            {
              g_ptr_array_add (list, alert);
              n_stations++;
            }
        }

      for (guint r = 0; alert->region_ids[r] != NULL && extras->information != NULL; r++)
        {
          for (guint s = 0; s < extras->information->records->len; s++)
            {
              StationInfo *info = g_ptr_array_index (extras->information->records, s);
              GPtrArray *list;

              if (g_strcmp0 (info->region_id, alert->region_ids[r]) != 0)
                continue;

              list = g_hash_table_lookup (extras->alerts, info->id);
              if (list == NULL)
                {
                  list = g_ptr_array_new ();
                  g_hash_table_insert (extras->alerts, info->id, list);
                }
              if (list->len == 0 || g_ptr_array_index (list, list->len - 1) != alert)
                {
                  g_ptr_array_add (list, alert);
                  n_stations++;
                }
            }
        }

      if (alert->station_ids[0] == NULL && alert->region_ids[0] == NULL)
        /* Translators: an alert the bike or car share operator publishes; %s is its summary. */
        line = g_strdup_printf (_("Operator’s alert for the whole system: %s"), summary);
      else
        line = g_strdup_printf (ngettext ("Operator’s alert at %u station: %s",
                                          "Operator’s alert at %u stations: %s",
                                          n_stations),
                                n_stations, summary);

      /* One to come is not in force yet. */
      if (period->start > extras->now)
        {
          g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (period->start);
          g_autofree char *time = start != NULL ? g_date_time_format (start, "%Y-%m-%d %H:%M") : g_strdup ("?");

          /* Translators: an operator's alert, then when it comes in force. */
          vigie_snapshot_add_warning (result, _("%s (from %s)"), line, time);
        }
      else
        vigie_snapshot_add_warning (result, "%s", line);
    }

  /* The feed's own mistakes after what the operator says. */
  for (guint i = 0; i < unknown->len; i++)
    vigie_snapshot_add_warning (result, "%s", (const char *) g_ptr_array_index (unknown, i));
}

static void
index_availabilities (Document     *availability,
                      const Extras *extras)
{
  for (guint i = 0; availability != NULL && i < availability->records->len; i++)
    {
      VehicleAvailability *vehicle = g_ptr_array_index (availability->records, i);
      GPtrArray *list;

      if (vehicle->station_id == NULL)
        continue;

      list = g_hash_table_lookup (extras->availabilities, vehicle->station_id);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (extras->availabilities, vehicle->station_id, list);
        }
      g_ptr_array_add (list, vehicle);
    }
}

/*
 * Format implementation
 */

VigieSnapshot *
vigie_gbfs_combine (GHashTable              *snapshots_by_role,
                    const VigieParseContext *context)
{
  g_autoptr(VigieSnapshot) result = vigie_format_new_snapshot (context);
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (Part));
  g_autoptr(GHashTable) alerts = g_hash_table_new_full (vigie_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) availabilities = g_hash_table_new_full (vigie_str_hash, g_str_equal, NULL,
                                                                (GDestroyNotify) g_ptr_array_unref);
  Document *documents[N_DOCUMENT_KINDS] = { NULL, };
  const char *system_form_factor;
  GHashTableIter iter;
  gpointer key, value;
  gint64 ttl = -1;
  gint64 live_observed_at = 0, any_observed_at = 0;
  Extras extras;

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

  extras = (Extras) {
    .now = context != NULL && context->now > 0 ? context->now : vigie_clock_now (),
    .information = documents[DOCUMENT_STATION_INFORMATION],
    .regions = documents[DOCUMENT_SYSTEM_REGIONS],
    .types = documents[DOCUMENT_VEHICLE_TYPES],
    .alerts = alerts,
    .availabilities = availabilities,
    .availability = documents[DOCUMENT_VEHICLE_AVAILABILITY],
  };

  /* The operator's alerts first: the feed keeps only its first warnings
   * word for word. */
  index_alerts (result, documents[DOCUMENT_ALERTS], &extras);
  index_availabilities (documents[DOCUMENT_VEHICLE_AVAILABILITY], &extras);

  for (guint i = 0; i < parts->len; i++)
    vigie_snapshot_take_warnings (result, g_array_index (parts, Part, i).snapshot);

  system_form_factor = find_system_form_factor (documents[DOCUMENT_VEHICLE_TYPES],
                                                documents[DOCUMENT_DISCOVERY]);

  combine_stations (result,
                    documents[DOCUMENT_STATION_INFORMATION],
                    documents[DOCUMENT_STATION_STATUS],
                    documents[DOCUMENT_VEHICLE_TYPES],
                    system_form_factor,
                    &extras);

  if (documents[DOCUMENT_VEHICLES] != NULL)
    combine_vehicles (result,
                      documents[DOCUMENT_VEHICLES],
                      documents[DOCUMENT_STATION_INFORMATION],
                      documents[DOCUMENT_VEHICLE_TYPES],
                      documents[DOCUMENT_DISCOVERY],
                      &extras);

  if (documents[DOCUMENT_GEOFENCING_ZONES] != NULL)
    vigie_gbfs_combine_zones (result, documents[DOCUMENT_GEOFENCING_ZONES],
                              documents[DOCUMENT_VEHICLE_TYPES], extras.now);

  return g_steal_pointer (&result);
}

/* Stations need station_information; a lone status or discovery
 * document places nothing. */
char *
vigie_gbfs_describe_missing (GHashTable *snapshots_by_role)
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

  if (present[DOCUMENT_STATION_INFORMATION] || present[DOCUMENT_VEHICLES] ||
      present[DOCUMENT_GEOFENCING_ZONES])
    return NULL;

  /* Documents that place nothing but say something: what they say. */
  {
    static const DocumentKind described[] = {
      DOCUMENT_ALERTS, DOCUMENT_VEHICLE_AVAILABILITY, DOCUMENT_SYSTEM_REGIONS, DOCUMENT_PRICING_PLANS,
    };
    g_autoptr(GString) text = g_string_new (NULL);

    for (guint k = 0; k < G_N_ELEMENTS (described); k++)
      {
        g_hash_table_iter_init (&iter, snapshots_by_role);
        while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &part))
          {
            Document *document = vigie_snapshot_get_payload (part);
            g_autofree char *description = NULL;

            if (document == NULL || document->kind != described[k])
              continue;

            description = vigie_gbfs_describe_system_document (document);
            if (text->len > 0)
              g_string_append_c (text, '\n');
            g_string_append (text, description);
            break;
          }
      }

    if (text->len > 0)
      return g_string_free (g_steal_pointer (&text), FALSE);
  }

  if (present[DOCUMENT_STATION_STATUS])
    return g_strdup (_("This is a GBFS station_status document, which only says how full stations are: give the system’s station_information too"));

  if (present[DOCUMENT_DISCOVERY] || present[DOCUMENT_MANIFEST])
    return g_strdup (_("This GBFS document only lists the system’s other documents: give its address, or those documents"));

  return g_strdup (_("These GBFS documents place no station and no vehicle: give the system’s station_information or vehicle_status too"));
}
