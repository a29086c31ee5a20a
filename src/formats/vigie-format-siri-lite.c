/* vigie-format-siri-lite.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-siri-lite"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-clock.h"
#include "vigie-entity.h"
#include "vigie-formats.h"
#include "vigie-geo.h"
#include "vigie-json.h"
#include "vigie-siri-private.h"
#include "vigie-snapshot.h"
#include "vigie-hash.h"

/* SIRI-Lite VehicleMonitoring: SIRI's VM delivery transcribed to JSON and
 * fetched with a plain GET (French profile "SIRI – Profil France"). The
 * same document may hold StopMonitoring deliveries (vigie-siri-stops.c),
 * or be an error answer (vigie-siri-errors.c); SIRI XML is read by the
 * same code once turned into this tree (vigie-format-siri.c).
 *
 * The path is Siri.ServiceDelivery.VehicleMonitoringDelivery[].
 * VehicleActivity[].MonitoredVehicleJourney, with the variants met in real
 * feeds: no "Siri" wrapper (CTS Strasbourg), a delivery or an activity given
 * as an object instead of a list, scalars wrapped as {"value": ...} and
 * names as [{"value": ..., "lang": ...}] (Île-de-France Mobilités PRIM),
 * numbers as strings, a position as VehicleLocation.Coordinates "lat lon".
 *
 * Each VehicleActivity becomes a VIGIE_ENTITY_VEHICLE whose id is its
 * VehicleRef (else VehicleMonitoringRef, else the journey's
 * DatedVehicleJourneyRef, else ItemIdentifier). Its values, each present
 * only when the feed has it; those shared with GTFS-Realtime mean the same:
 *
 *   trip_id                s   FramedVehicleJourneyRef.DatedVehicleJourneyRef
 *   line_ref               s   LineRef ("SOLEA:Line::T1:")
 *   line_name              s   PublishedLineName ("T1"), in the user's
 *                              language
 *   direction_ref          s   DirectionRef ("Aller", "1", "inbound"...)
 *   destination            s   DestinationName, in the user's language
 *   delay_s                i   Delay in seconds, negative when early
 *   bearing                d   degrees clockwise from north, in [0, 360)
 *   vehicle_label          s   the local code of a NeTEx-style VehicleRef
 *                              ("SOLEA:Vehicle::2012:" gives "2012")
 *   next_stop_id           s   MonitoredCall.StopPointRef
 *   current_stop_sequence  u   MonitoredCall.Order
 *   current_status         s   stopped_at or in_transit_to, from
 *                              MonitoredCall.VehicleAtStop
 *   occupancy_status       s   full, many_seats_available, standing_room_only
 *   monitored              b   Monitored: FALSE when the position is a
 *                              prediction, not a measure
 *   valid_until            x   ValidUntilTime, unix seconds
 *   age_unknown            b   always there: TRUE when the activity had no
 *                              RecordedAtTime and got the delivery's time
 *   source                 s   always "realtime"
 *
 * The name of the entity is the vehicle label, when there is one. Records
 * are checked as GTFS-Realtime ones are: no (0, 0), nothing outside WGS 84,
 * no time more than 5 minutes ahead or a day old, one entity per vehicle
 * (the newest). */

#define MAX_AHEAD_S VIGIE_SIRI_MAX_AHEAD_S
#define MAX_AGE_S VIGIE_SIRI_MAX_AGE_S

typedef VigieSiriReader Reader;

/*
 * Auxiliary methods
 */

/* A member that is a list, or one object standing for a list of one. */
guint
vigie_siri_get_n_elements (JsonNode *node)
{
  if (node == NULL)
    return 0;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node));
  return JSON_NODE_HOLDS_OBJECT (node) ? 1 : 0;
}

JsonObject *
vigie_siri_get_element (JsonNode *node,
                        guint     i)
{
  JsonNode *element = node;

  if (JSON_NODE_HOLDS_ARRAY (node))
    element = json_array_get_element (json_node_get_array (node), i);

  return JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
}

/* @object's @member, an id (string or number), as @key in @values; nothing
 * when it has none. */
void
vigie_siri_add_id (GVariantBuilder *values,
                   const char      *key,
                   JsonObject      *object,
                   const char      *member)
{
  char *id = vigie_json_dup_id (object, member);

  if (id != NULL)
    g_variant_builder_add (values, "{sv}", key, g_variant_new_take_string (id));
}

static char *
dup_vehicle_id (JsonObject *activity,
                JsonObject *journey)
{
  char *id;

  if ((id = vigie_json_dup_id (journey, "VehicleRef")) ||
      (id = vigie_json_dup_id (activity, "VehicleMonitoringRef")) ||
      (id = vigie_json_dup_id (vigie_json_get_object (journey, "FramedVehicleJourneyRef"),
                               "DatedVehicleJourneyRef")))
    return id;

  return vigie_json_dup_id (activity, "ItemIdentifier");
}

/* "SOLEA:Vehicle::2012:" → "2012"; NULL for a ref of another form. */
static char *
dup_local_code (const char *ref)
{
  g_auto(GStrv) parts = NULL;

  if (ref == NULL)
    return NULL;

  parts = g_strsplit (ref, ":", -1);
  if (g_strv_length (parts) == 5 && g_str_equal (parts[1], "Vehicle") && *parts[3] != '\0')
    return g_strdup (parts[3]);

  return NULL;
}

static VigieGeoPosition
read_position (JsonObject *journey,
               double     *latitude,
               double     *longitude)
{
  JsonObject *location = vigie_json_get_object (journey, "VehicleLocation");
  const char *coordinates;

  if (location == NULL)
    return VIGIE_GEO_POSITION_MISSING;

  if (!vigie_json_get_double (location, "Latitude", latitude) ||
      !vigie_json_get_double (location, "Longitude", longitude))
    {
      char *end = NULL;

      /* A GML position, latitude first as WGS 84 orders it. */
      if (!(coordinates = vigie_json_get_string (location, "Coordinates")))
        return VIGIE_GEO_POSITION_MISSING;

      *latitude = g_ascii_strtod (coordinates, &end);
      if (end == coordinates || !g_ascii_isspace (*end))
        return VIGIE_GEO_POSITION_MISSING;
      coordinates = end;
      *longitude = g_ascii_strtod (coordinates, &end);
      if (end == coordinates)
        return VIGIE_GEO_POSITION_MISSING;
      while (g_ascii_isspace (*end))
        end++;
      if (*end != '\0')
        return VIGIE_GEO_POSITION_MISSING;
    }

  return vigie_geo_check_position (*latitude, *longitude);
}

static void
add_string (GVariantBuilder *values,
            const char      *key,
            const char      *text)
{
  if (text != NULL)
    g_variant_builder_add (values, "{sv}", key, g_variant_new_string (text));
}

static void
add_delay (Reader          *reader,
           GVariantBuilder *values,
           JsonObject      *journey,
           const char      *id)
{
  const char *text = vigie_json_get_string (journey, "Delay");
  gint64 delay;

  if (text != NULL)
    {
      if (!vigie_json_parse_duration (text, &delay))
        {
          vigie_snapshot_add_warning (reader->snapshot,
                                      _("Vehicle %s has an unreadable delay “%s”: ignored"), id, text);
          return;
        }
    }
  /* Seconds as a number, from producers that skip ISO 8601. */
  else if (!vigie_json_get_int (journey, "Delay", &delay) || delay < G_MININT32 || delay > G_MAXINT32)
    return;

  g_variant_builder_add (values, "{sv}", "delay_s", g_variant_new_int32 ((gint32) delay));
}

static void
add_occupancy (GVariantBuilder *values,
               JsonObject      *journey)
{
  const char *occupancy = vigie_json_get_string (journey, "Occupancy");

  if (occupancy == NULL)
    return;

  /* SIRI's three levels, named as GTFS-Realtime's closest ones. */
  if (g_ascii_strcasecmp (occupancy, "full") == 0)
    add_string (values, "occupancy_status", "full");
  else if (g_ascii_strcasecmp (occupancy, "seatsAvailable") == 0)
    add_string (values, "occupancy_status", "many_seats_available");
  else if (g_ascii_strcasecmp (occupancy, "standingAvailable") == 0)
    add_string (values, "occupancy_status", "standing_room_only");
}

static GVariant *
make_values (Reader     *reader,
             JsonObject *activity,
             JsonObject *journey,
             const char *id,
             const char *label,
             gboolean    age_unknown)
{
  JsonObject *call = vigie_json_get_object (journey, "MonitoredCall");
  g_autofree char *destination = NULL;
  g_autofree char *line_name = NULL;
  GVariantBuilder values;
  GVariant *result;
  gint64 integer;
  double bearing;
  gboolean flag;

  g_variant_builder_init (&values, G_VARIANT_TYPE_VARDICT);

  vigie_siri_add_id (&values, "trip_id", vigie_json_get_object (journey, "FramedVehicleJourneyRef"), "DatedVehicleJourneyRef");
  vigie_siri_add_id (&values, "line_ref", journey, "LineRef");
  if ((line_name = vigie_json_dup_localized (journey, "PublishedLineName", reader->language)))
    add_string (&values, "line_name", line_name);
  vigie_siri_add_id (&values, "direction_ref", journey, "DirectionRef");

  if ((destination = vigie_json_dup_localized (journey, "DestinationName", reader->language)))
    add_string (&values, "destination", destination);

  add_delay (reader, &values, journey, id);

  if (vigie_json_get_double (journey, "Bearing", &bearing))
    {
      bearing = fmod (bearing, 360.0);
      if (bearing < 0)
        bearing += 360.0;
      g_variant_builder_add (&values, "{sv}", "bearing", g_variant_new_double (bearing));
    }

  add_string (&values, "vehicle_label", label);

  vigie_siri_add_id (&values, "next_stop_id", call, "StopPointRef");
  if (vigie_json_get_int (call, "Order", &integer) && integer >= 0 && integer <= G_MAXUINT32)
    g_variant_builder_add (&values, "{sv}", "current_stop_sequence", g_variant_new_uint32 ((guint32) integer));
  if (vigie_json_get_boolean (call, "VehicleAtStop", &flag))
    add_string (&values, "current_status", flag ? "stopped_at" : "in_transit_to");

  add_occupancy (&values, journey);

  if (vigie_json_get_boolean (journey, "Monitored", &flag))
    g_variant_builder_add (&values, "{sv}", "monitored", g_variant_new_boolean (flag));
  if (vigie_json_get_timestamp (activity, "ValidUntilTime", &integer))
    g_variant_builder_add (&values, "{sv}", "valid_until", g_variant_new_int64 (integer));

  g_variant_builder_add (&values, "{sv}", "age_unknown", g_variant_new_boolean (age_unknown));
  g_variant_builder_add (&values, "{sv}", "source", g_variant_new_string ("realtime"));

  /* Serialized in the worker rather than when the store first compares
   * it on the main thread. */
  result = g_variant_builder_end (&values);
  g_variant_get_data (result);

  return result;
}

static void
keep_newest (Reader      *reader,
             VigieEntity *entity)
{
  const char *id = vigie_entity_get_id (entity);
  gpointer index;

  if (g_hash_table_lookup_extended (reader->by_id, id, NULL, &index))
    {
      VigieEntity **earlier = (VigieEntity **) &g_ptr_array_index (reader->entities, GPOINTER_TO_UINT (index));

      vigie_snapshot_add_warning (reader->snapshot,
                                  _("Vehicle %s appears more than once: its newest position is kept"), id);

      if (vigie_entity_get_observed_at (entity) >= vigie_entity_get_observed_at (*earlier))
        {
          /* The table's key is the earlier entity's id: keep it alive. */
          g_hash_table_steal (reader->by_id, id);
          g_object_unref (*earlier);
          *earlier = entity;
          g_hash_table_insert (reader->by_id, (gpointer) vigie_entity_get_id (entity), index);
        }
      else
        g_object_unref (entity);
      return;
    }

  g_hash_table_insert (reader->by_id, (gpointer) id, GUINT_TO_POINTER (reader->entities->len));
  g_ptr_array_add (reader->entities, entity);
}

static void
read_activity (Reader     *reader,
               JsonObject *activity,
               guint       position,
               gint64      delivery_time)
{
  JsonObject *journey = vigie_json_get_object (activity, "MonitoredVehicleJourney");
  g_autofree char *id = NULL;
  g_autofree char *label = NULL;
  double latitude, longitude;
  gint64 observed_at;
  gboolean age_unknown = FALSE;

  reader->n_records++;

  if (journey == NULL)
    {
      vigie_snapshot_add_warning (reader->snapshot,
                                  _("Vehicle activity %u has no MonitoredVehicleJourney: skipped"), position);
      return;
    }

  if (!(id = dup_vehicle_id (activity, journey)))
    {
      vigie_snapshot_add_warning (reader->snapshot, _("Vehicle activity %u has no vehicle reference: skipped"), position);
      return;
    }

  switch (read_position (journey, &latitude, &longitude))
    {
    case VIGIE_GEO_POSITION_OK:
      break;
    case VIGIE_GEO_POSITION_MISSING:
      vigie_snapshot_add_warning (reader->snapshot, _("Vehicle %s has no position: skipped"), id);
      return;
    case VIGIE_GEO_POSITION_OUT_OF_RANGE:
      vigie_snapshot_add_warning (reader->snapshot, _("Vehicle %s has an impossible position: skipped"), id);
      return;
    case VIGIE_GEO_POSITION_ZERO:
      vigie_snapshot_add_warning (reader->snapshot, _("Vehicle %s is at latitude 0, longitude 0: skipped"), id);
      return;
    default:
      g_assert_not_reached ();
    }

  if (vigie_json_get_timestamp (activity, "RecordedAtTime", &observed_at))
    {
      if (observed_at > reader->now + MAX_AHEAD_S)
        {
          vigie_snapshot_add_warning (reader->snapshot, _("Vehicle %s has a timestamp in the future: skipped"), id);
          return;
        }
      if (observed_at < reader->now - MAX_AGE_S)
        {
          vigie_snapshot_add_warning (reader->snapshot, _("Vehicle %s has a timestamp more than a day old: skipped"), id);
          return;
        }
    }
  else
    {
      age_unknown = TRUE;
      observed_at = delivery_time > 0 ? delivery_time : reader->now;
    }

  label = dup_local_code (vigie_json_get_string (journey, "VehicleRef"));

  keep_newest (reader, vigie_entity_new (VIGIE_ENTITY_VEHICLE, id, label, latitude, longitude, observed_at,
                                         make_values (reader, activity, journey, id, label, age_unknown)));
}

/* A delivery's or the response's time, if it is a sane one. */
/* Delivery @i of @deliveries, or NULL, with a warning, when it is not an
 * object or is an error answer. */
JsonObject *
vigie_siri_get_delivery (VigieSiriReader *reader,
                         JsonNode        *deliveries,
                         guint            i)
{
  JsonObject *delivery = vigie_siri_get_element (deliveries, i);

  if (delivery == NULL)
    {
      vigie_snapshot_add_warning (reader->snapshot, _("Delivery %u is not an object: skipped"), i + 1);
      return NULL;
    }

  if (vigie_siri_has_failed (delivery))
    {
      g_autofree char *words = vigie_siri_describe_error (delivery);

      vigie_snapshot_add_warning (reader->snapshot, _("Delivery %u is an error: %s"), i + 1, words);
      return NULL;
    }

  return delivery;
}

gint64
vigie_siri_read_delivery_time (VigieSiriReader *reader,
                               JsonObject      *object,
                               gint64           fallback)
{
  gint64 t;

  if (!vigie_json_get_timestamp (object, "ResponseTimestamp", &t) ||
      t > reader->now + MAX_AHEAD_S || t < reader->now - MAX_AGE_S)
    return fallback;

  return t;
}

static gboolean
holds_deliveries (JsonNode *deliveries)
{
  return deliveries != NULL && (JSON_NODE_HOLDS_ARRAY (deliveries) || JSON_NODE_HOLDS_OBJECT (deliveries));
}

/* The first delivery that failed, when every one did: then the answer is
 * an error, not an empty delivery. */
static JsonObject *
find_failure (JsonNode * const *lists,
              guint              n_lists)
{
  JsonObject *failed = NULL;

  for (guint l = 0; l < n_lists; l++)
    for (guint d = 0; d < vigie_siri_get_n_elements (lists[l]); d++)
      {
        JsonObject *delivery = vigie_siri_get_element (lists[l], d);

        if (delivery == NULL || !vigie_siri_has_failed (delivery))
          return NULL;
        if (failed == NULL)
          failed = delivery;
      }

  return failed;
}

static void
set_server_error (JsonObject  *failed,
                  GError     **error)
{
  g_autofree char *words = vigie_siri_describe_error (failed);

  g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_SERVER,
               _("The SIRI server answered with an error: %s"), words);
}

static void
read_vehicle_deliveries (Reader   *reader,
                         JsonNode *deliveries,
                         gint64    response_time)
{
  for (guint d = 0; d < vigie_siri_get_n_elements (deliveries); d++)
    {
      JsonObject *delivery = vigie_siri_get_delivery (reader, deliveries, d);
      JsonNode *activities;
      gint64 delivery_time;
      gint64 valid_until;

      if (delivery == NULL)
        continue;

      activities = json_object_get_member (delivery, "VehicleActivity");
      delivery_time = vigie_siri_read_delivery_time (reader, delivery, response_time);

      if (vigie_json_get_timestamp (delivery, "ValidUntil", &valid_until) &&
          delivery_time > 0 && valid_until > delivery_time)
        vigie_snapshot_set_ttl (reader->snapshot, valid_until - delivery_time);

      for (guint a = 0; a < vigie_siri_get_n_elements (activities); a++)
        {
          JsonObject *activity = vigie_siri_get_element (activities, a);

          if (activity == NULL)
            {
              reader->n_records++;
              vigie_snapshot_add_warning (reader->snapshot, _("Vehicle activity %u is not an object: skipped"), a + 1);
              continue;
            }

          read_activity (reader, activity, a + 1, delivery_time);
        }
    }
}

/**
 * vigie_siri_read_document:
 * @root: a SIRI document as JSON, or SIRI XML turned into the same tree
 * @context: (nullable): the parse context
 * @error: where to put the reason it cannot be used
 *
 * Reads the VehicleMonitoring and StopMonitoring deliveries of a SIRI
 * answer; an answer whose every delivery failed is an error of the server,
 * told in words.
 *
 * Returns: (transfer full) (nullable): the snapshot
 */
VigieSnapshot *
vigie_siri_read_document (JsonNode                *root,
                          const VigieParseContext *context,
                          GError                 **error)
{
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  JsonObject *siri, *service_delivery, *failed;
  JsonNode *lists[2];
  gint64 response_time;
  Reader reader = { 0 };

  g_return_val_if_fail (root != NULL, NULL);

  siri = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (vigie_json_get_object (siri, "Siri") != NULL)
    siri = vigie_json_get_object (siri, "Siri");
  service_delivery = vigie_json_get_object (siri, "ServiceDelivery");
  lists[0] = vigie_json_get_member (service_delivery, "VehicleMonitoringDelivery");
  lists[1] = vigie_json_get_member (service_delivery, "StopMonitoringDelivery");

  /* The whole answer refused, with or without deliveries. */
  if (service_delivery != NULL && vigie_siri_has_failed (service_delivery))
    {
      set_server_error (service_delivery, error);
      return NULL;
    }

  if (!holds_deliveries (lists[0]) && !holds_deliveries (lists[1]))
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                           _("The document is not a SIRI VehicleMonitoring or StopMonitoring delivery"));
      return NULL;
    }

  if ((failed = find_failure (lists, G_N_ELEMENTS (lists))) != NULL)
    {
      set_server_error (failed, error);
      return NULL;
    }

  snapshot = vigie_format_new_snapshot (context);
  entities = g_ptr_array_new_with_free_func (g_object_unref);
  by_id = g_hash_table_new (vigie_str_hash, g_str_equal);
  reader.snapshot = snapshot;
  reader.entities = entities;
  reader.by_id = by_id;
  reader.now = context != NULL && context->now > 0 ? context->now : vigie_clock_now ();
  reader.language = context != NULL ? context->language : NULL;

  response_time = vigie_siri_read_delivery_time (&reader, service_delivery, 0);
  if (response_time > 0)
    vigie_snapshot_set_observed_at (snapshot, response_time);

  read_vehicle_deliveries (&reader, lists[0], response_time);
  vigie_siri_read_stop_deliveries (&reader, lists[1], response_time);

  vigie_snapshot_add_records (snapshot, reader.n_records);
  for (guint i = 0; i < entities->len; i++)
    vigie_snapshot_add_entity (snapshot, g_object_ref (g_ptr_array_index (entities, i)));

  return g_steal_pointer (&snapshot);
}

/*
 * Format implementation
 */

static VigieSnapshot *
siri_lite_parse (const char              *role,
                 GBytes                  *bytes,
                 const VigieParseContext *context,
                 GError                 **error)
{
  g_autoptr(JsonNode) root = NULL;

  if (!(root = vigie_json_parse_bytes (bytes, error)))
    return NULL;

  return vigie_siri_read_document (root, context, error);
}

static gboolean
siri_lite_sniff (const char *content_type,
                 GBytes     *bytes)
{
  g_autofree char *head = vigie_format_sniff_head (bytes);

  if (head == NULL)
    return FALSE;

  return strstr (head, "\"ServiceDelivery\"") != NULL &&
         (strstr (head, "\"VehicleMonitoringDelivery\"") != NULL ||
          strstr (head, "\"StopMonitoringDelivery\"") != NULL ||
          strstr (head, "\"ErrorCondition\"") != NULL);
}

const VigieFormat vigie_format_siri_lite = {
  .id = "siri-lite",
  .name = N_("SIRI-Lite vehicle and stop monitoring"),
  .default_kind = VIGIE_FEED_KIND_TRAMS,
  .min_interval_s = 10,
  .parse = siri_lite_parse,
  .sniff = siri_lite_sniff,
};
