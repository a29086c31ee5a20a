/* vigie-gtfs-rt-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-gtfs-rt"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "vigie-clock.h"
#include "vigie-entity-private.h"
#include "vigie-gtfs-rt-private.h"
#include "vigie-key-table.h"
#include "vigie-snapshot.h"

/* A decoded FeedMessage, from protobuf or from JSON, made into entities:
 * the VehiclePositions here, the TripUpdates by vigie-gtfs-rt-trips.c, the
 * Alerts by vigie-gtfs-rt-alerts.c (their entities in src/formats/README.md).
 *
 * Each VehiclePosition becomes a VIGIE_ENTITY_VEHICLE whose id is
 * vehicle.id, else vehicle.label, else the entity's id, and whose name is
 * vehicle.label. Its values (each present only when the feed has it):
 *
 *   trip_id                s   trip.trip_id
 *   route_id               s   trip.route_id
 *   direction_id           u   trip.direction_id
 *   start_date             s   trip.start_date, "YYYYMMDD"
 *   start_time             s   trip.start_time, "HH:MM:SS" (may pass 24:00)
 *   schedule_relationship  s   scheduled, added, unscheduled, canceled,
 *                              replacement, duplicated, deleted, new
 *   vehicle_label          s   vehicle.label
 *   bearing                d   degrees clockwise from north, in [0, 360)
 *   speed                  d   metres per second
 *   current_stop_sequence  u
 *   stop_id                s
 *   current_status         s   incoming_at, stopped_at, in_transit_to
 *   occupancy_status       s   empty, many_seats_available,
 *                              few_seats_available, standing_room_only,
 *                              crushed_standing_room_only, full,
 *                              not_accepting_passengers, no_data_available,
 *                              not_boardable
 *   occupancy_percentage   u
 *   delay_s                x   the trip's delay, when a TripUpdate of the
 *                              same feed gives it (vigie-gtfs-rt-trips.c)
 *   age_unknown            b   always there: TRUE when the vehicle had no
 *                              timestamp of its own and got the header's
 *   source                 s   always "realtime" (timetable positions say
 *                              "schedule")
 *
 * Every optional field is read only when its has_ flag (or pointer) says it
 * is there: a missing field is absent from the values, never a zero.
 * Records that cannot be placed or dated are skipped with a warning, never
 * the whole feed: positions at (0, 0) (validator error E028) or outside
 * WGS 84, timestamps more than 5 minutes ahead of now or more than a day
 * old. Timestamps in milliseconds, a common producer bug, are read as such.
 * A vehicle in two entities keeps its newest position. */

/* How far ahead of our clock a timestamp may be: clocks drift. */
#define MAX_AHEAD_S (5 * 60)
/* Older than this is a stuck or broken clock, not a late tram. */
#define MAX_AGE_S (24 * 60 * 60)
/* Any timestamp past the year 5000 in seconds is in milliseconds. */
#define MILLISECONDS_THRESHOLD G_GUINT64_CONSTANT (95617584000)


/* The vehicles kept so far, in the feed's order, found by key
 * (vigie-key-table.c): a vehicle given twice is found without hashing or
 * copying its id. */
typedef struct
{
  GPtrArray     *entities;
  VigieKeyTable  table;
  guint          room;      /* the entities the table is sized for */
} Kept;

static const char * const schedule_relationships[] = {
  "scheduled", "added", "unscheduled", "canceled", NULL, "replacement",
  "duplicated", "deleted", "new",
};

static const char * const stop_statuses[] = {
  "incoming_at", "stopped_at", "in_transit_to",
};

static const char * const occupancy_statuses[] = {
  "empty", "many_seats_available", "few_seats_available", "standing_room_only",
  "crushed_standing_room_only", "full", "not_accepting_passengers",
  "no_data_available", "not_boardable",
};


/* g_utf8_validate(), past an ASCII start without a call: a feed's ids and
 * names are mostly ASCII, a dozen of them a vehicle. */
static inline gboolean
is_valid_utf8 (const char *text)
{
  const guchar *p = (const guchar *) text;

  while (*p != '\0' && *p < 0x80)
    p++;

  return *p == '\0' || g_utf8_validate ((const char *) p, -1, NULL);
}

/* protobuf-c does not check that strings are UTF-8, and GVariant insists. */
char *
vigie_gtfs_rt_dup_text (const char *text)
{
  if (text == NULL || *text == '\0')
    return NULL;

  if (is_valid_utf8 (text))
    return g_strdup (text);

  return g_utf8_make_valid (text, -1);
}

/*
 * Values
 */

/* Values go straight into the entity's fields (vigie_entity_new_from_fields):
 * no GVariant is built per vehicle unless someone asks for the a{sv}, and
 * keys and constant strings are static. At 5,000 vehicles of 15 values
 * each, building and then decoding GVariants took most of parse()'s time. */
typedef enum
{
  KEY_TRIP_ID,
  KEY_ROUTE_ID,
  KEY_DIRECTION_ID,
  KEY_START_DATE,
  KEY_START_TIME,
  KEY_SCHEDULE_RELATIONSHIP,
  KEY_VEHICLE_LABEL,
  KEY_BEARING,
  KEY_SPEED,
  KEY_CURRENT_STOP_SEQUENCE,
  KEY_STOP_ID,
  KEY_CURRENT_STATUS,
  KEY_OCCUPANCY_STATUS,
  KEY_OCCUPANCY_PERCENTAGE,
  KEY_DELAY_S,
  KEY_AGE_UNKNOWN,
  KEY_SOURCE,
  N_KEYS
} Key;

static const char * const key_names[N_KEYS] = {
  "trip_id", "route_id", "direction_id", "start_date", "start_time",
  "schedule_relationship", "vehicle_label", "bearing", "speed",
  "current_stop_sequence", "stop_id", "current_status", "occupancy_status",
  "occupancy_percentage", "delay_s", "age_unknown", "source",
};

typedef struct
{
  VigieEntityField  fields[N_KEYS];
  guint             n_fields;
  char             *owned[N_KEYS];  /* strings made here, freed once the entity has copied them */
  guint             n_owned;
} Values;

static void
values_clear (Values *values)
{
  for (guint i = 0; i < values->n_owned; i++)
    g_free (values->owned[i]);
  values->n_owned = values->n_fields = 0;
}

static VigieEntityField *
values_add (Values               *values,
            Key                   key,
            VigieEntityFieldType  type)
{
  VigieEntityField *field;

  g_assert (values->n_fields < N_KEYS);

  field = &values->fields[values->n_fields++];
  field->key = key_names[key];
  field->type = type;
  return field;
}

static void
add_int (Values *values,
         Key     key,
         gint64  value)
{
  values_add (values, key, VIGIE_ENTITY_FIELD_INT)->i = value;
}

static void
add_double (Values *values,
            Key     key,
            double  value)
{
  values_add (values, key, VIGIE_ENTITY_FIELD_DOUBLE)->d = value;
}

static void
add_static_string (Values     *values,
                   Key         key,
                   const char *text)
{
  values_add (values, key, VIGIE_ENTITY_FIELD_STRING)->s = text;
}

/* Valid text is used as it is (the entity copies it); only invalid text
 * is made valid, in a copy of our own. */
static void
add_string (Values     *values,
            Key         key,
            const char *text)
{
  char *valid;

  if (text == NULL || *text == '\0')
    return;
  if (is_valid_utf8 (text))
    {
      add_static_string (values, key, text);
      return;
    }
  valid = g_utf8_make_valid (text, -1);
  values->owned[values->n_owned++] = valid;
  add_static_string (values, key, valid);
}

static void
add_name (Values             *values,
          Key                 key,
          const char * const *names,
          guint               n_names,
          int                 value)
{
  if (value >= 0 && (guint) value < n_names && names[value] != NULL)
    add_static_string (values, key, names[value]);
}

/*
 * Reading the feed
 */

typedef enum
{
  TIME_OK,
  TIME_AHEAD,
  TIME_TOO_OLD,
} TimeProblem;

static TimeProblem
check_time (guint64   raw,
            gint64    now,
            gboolean *in_milliseconds,
            gint64   *unix_time)
{
  if (raw > MILLISECONDS_THRESHOLD)
    {
      raw /= 1000;
      *in_milliseconds = TRUE;
    }

  if (raw > (guint64) (now + MAX_AHEAD_S))
    return TIME_AHEAD;
  if ((gint64) raw < now - MAX_AGE_S)
    return TIME_TOO_OLD;

  *unix_time = (gint64) raw;
  return TIME_OK;
}

/* @text when it is valid UTF-8 (and not empty), else a valid copy in
 * @owned, as vigie_gtfs_rt_dup_text() would make it but without copying
 * valid text. */
static const char *
valid_text (const char  *text,
            char       **owned)
{
  if (text == NULL || *text == '\0')
    return NULL;
  if (is_valid_utf8 (text))
    return text;

  g_free (*owned);
  return *owned = g_utf8_make_valid (text, -1);
}

static const char *
find_vehicle_id (TransitRealtime__FeedEntity  *entity,
                 char                        **owned)
{
  TransitRealtime__VehiclePosition *position = entity->vehicle;
  const char *id = NULL;

  if (position != NULL && position->vehicle != NULL)
    {
      if ((id = valid_text (position->vehicle->id, owned)) == NULL)
        id = valid_text (position->vehicle->label, owned);
    }

  if (id == NULL)
    id = valid_text (entity->id, owned);

  return id;
}

static void
add_trip (Values                          *values,
          TransitRealtime__TripDescriptor *trip)
{
  if (trip == NULL)
    return;

  add_string (values, KEY_TRIP_ID, trip->trip_id);
  add_string (values, KEY_ROUTE_ID, trip->route_id);
  if (trip->has_direction_id)
    add_int (values, KEY_DIRECTION_ID, trip->direction_id);
  add_string (values, KEY_START_DATE, trip->start_date);
  add_string (values, KEY_START_TIME, trip->start_time);
  if (trip->has_schedule_relationship)
    add_name (values, KEY_SCHEDULE_RELATIONSHIP, schedule_relationships,
              G_N_ELEMENTS (schedule_relationships), trip->schedule_relationship);
}

/* @label: the vehicle's label, already valid, or NULL */
static void
make_values (Values                           *values,
             TransitRealtime__VehiclePosition *vehicle,
             const char                       *label,
             VigieGtfsRtTrips                 *trips,
             gboolean                          age_unknown)
{
  TransitRealtime__Position *position = vehicle->position;

  add_trip (values, vehicle->trip);
  if (label != NULL)
    add_static_string (values, KEY_VEHICLE_LABEL, label);

  if (position->has_bearing && isfinite (position->bearing))
    {
      double bearing = fmod (position->bearing, 360.0);

      if (bearing < 0)
        bearing += 360.0;
      add_double (values, KEY_BEARING, bearing);
    }
  if (position->has_speed && isfinite (position->speed) && position->speed >= 0)
    add_double (values, KEY_SPEED, position->speed);

  if (vehicle->has_current_stop_sequence)
    add_int (values, KEY_CURRENT_STOP_SEQUENCE, vehicle->current_stop_sequence);
  add_string (values, KEY_STOP_ID, vehicle->stop_id);

  /* The status is about the current stop: without one it means nothing,
   * and with one but no status the spec says IN_TRANSIT_TO. */
  if (vehicle->has_current_status)
    add_name (values, KEY_CURRENT_STATUS, stop_statuses, G_N_ELEMENTS (stop_statuses),
              vehicle->current_status);
  else if (vehicle->has_current_stop_sequence || (vehicle->stop_id != NULL && *vehicle->stop_id != '\0'))
    add_static_string (values, KEY_CURRENT_STATUS,
                       stop_statuses[TRANSIT_REALTIME__VEHICLE_POSITION__VEHICLE_STOP_STATUS__IN_TRANSIT_TO]);

  if (vehicle->has_occupancy_status)
    add_name (values, KEY_OCCUPANCY_STATUS, occupancy_statuses, G_N_ELEMENTS (occupancy_statuses),
              vehicle->occupancy_status);
  if (vehicle->has_occupancy_percentage)
    add_int (values, KEY_OCCUPANCY_PERCENTAGE, vehicle->occupancy_percentage);

  if (vehicle->trip != NULL && vehicle->trip->trip_id != NULL)
    {
      gint64 delay;

      if (vigie_gtfs_rt_trips_lookup_delay (trips, vehicle->trip->trip_id, &delay))
        add_int (values, KEY_DELAY_S, delay);
    }

  values_add (values, KEY_AGE_UNKNOWN, VIGIE_ENTITY_FIELD_BOOLEAN)->b = age_unknown;
  add_static_string (values, KEY_SOURCE, "realtime");
}

static void
add_removed (VigieSnapshot               *snapshot,
             TransitRealtime__FeedEntity *entity)
{
  g_autofree char *owned = NULL;
  g_autofree char *entity_id = vigie_gtfs_rt_dup_text (entity->id);
  const char *vehicle_id = find_vehicle_id (entity, &owned);

  /* A deletion often carries the entity id alone, while the vehicle was
   * shown under its vehicle id: remove under both, a miss costs nothing. */
  if (vehicle_id != NULL)
    vigie_snapshot_add_removed (snapshot, VIGIE_ENTITY_VEHICLE, vehicle_id);
  if (entity_id != NULL && g_strcmp0 (entity_id, vehicle_id) != 0)
    vigie_snapshot_add_removed (snapshot, VIGIE_ENTITY_VEHICLE, entity_id);
}

static gboolean
check_position (VigieSnapshot             *snapshot,
                const char                *id,
                TransitRealtime__Position *position)
{
  if (position == NULL)
    {
      vigie_snapshot_add_warning (snapshot, _("Vehicle %s has no position: skipped"), id);
      return FALSE;
    }

  if (!isfinite (position->latitude) || !isfinite (position->longitude) ||
      fabsf (position->latitude) > 90.0f || fabsf (position->longitude) > 180.0f)
    {
      vigie_snapshot_add_warning (snapshot, _("Vehicle %s has an impossible position: skipped"), id);
      return FALSE;
    }

  if (position->latitude == 0.0f && position->longitude == 0.0f)
    {
      vigie_snapshot_add_warning (snapshot, _("Vehicle %s is at latitude 0, longitude 0: skipped"), id);
      return FALSE;
    }

  return TRUE;
}

static void
kept_grow (Kept *kept)
{
  kept->room = MAX (kept->room * 2, 128);
  vigie_key_table_clear (&kept->table);
  vigie_key_table_init (&kept->table, kept->room);

  for (guint i = 0; i < kept->entities->len; i++)
    {
      VigieEntity *entity = g_ptr_array_index (kept->entities, i);

      vigie_key_slot_fill (vigie_key_table_lookup (&kept->table, kept->entities, entity), entity, i);
    }
}

static void
keep_newest (Kept          *kept,
             VigieSnapshot *snapshot,
             VigieEntity   *entity)
{
  VigieKeySlot *slot;
  VigieEntity **earlier;

  if (kept->entities->len + 1 > kept->room)
    kept_grow (kept);

  slot = vigie_key_table_lookup (&kept->table, kept->entities, entity);
  if (slot->position == 0)
    {
      vigie_key_slot_fill (slot, entity, kept->entities->len);
      g_ptr_array_add (kept->entities, entity);
      return;
    }

  vigie_snapshot_add_warning (snapshot, _("Vehicle %s appears more than once: its newest position is kept"),
                              vigie_entity_get_id (entity));

  earlier = (VigieEntity **) &g_ptr_array_index (kept->entities, slot->position - 1);
  if (vigie_entity_get_observed_at (entity) >= vigie_entity_get_observed_at (*earlier))
    {
      g_object_unref (*earlier);
      *earlier = entity;
    }
  else
    g_object_unref (entity);
}

/**
 * vigie_gtfs_rt_read_feed:
 * @message: a decoded feed with a header
 * @context: (nullable): the time and language to read it with
 *
 * Returns: (transfer full): its entities
 */
VigieSnapshot *
vigie_gtfs_rt_read_feed (TransitRealtime__FeedMessage *message,
                         const VigieParseContext      *context)
{
  TransitRealtime__FeedHeader *header = message->header;
  g_autoptr(VigieSnapshot) snapshot = vigie_format_new_snapshot (context);
  g_autoptr(GPtrArray) kept_entities = g_ptr_array_new_with_free_func (g_object_unref);
  Kept kept = { kept_entities, { NULL, 0 }, 0 };
  g_autoptr(VigieGtfsRtTrips) trips = vigie_gtfs_rt_trips_new ();
  gboolean in_milliseconds = FALSE;
  gboolean incremental;
  gint64 now = context != NULL && context->now > 0 ? context->now : vigie_clock_now ();
  gint64 feed_time = 0;
  guint n_records = 0;

  incremental = header->has_incrementality &&
                header->incrementality == TRANSIT_REALTIME__FEED_HEADER__INCREMENTALITY__DIFFERENTIAL;
  vigie_snapshot_set_incremental (snapshot, incremental);

  if (!header->has_timestamp)
    vigie_snapshot_add_warning (snapshot, _("The feed header has no timestamp"));
  else
    {
      switch (check_time (header->timestamp, now, &in_milliseconds, &feed_time))
        {
        case TIME_OK:
          vigie_snapshot_set_observed_at (snapshot, feed_time);
          break;
        case TIME_AHEAD:
          vigie_snapshot_add_warning (snapshot, _("The feed header’s timestamp is in the future: ignored"));
          break;
        case TIME_TOO_OLD:
          vigie_snapshot_add_warning (snapshot, _("The feed header’s timestamp is more than a day old: ignored"));
          break;
        default:
          g_assert_not_reached ();
        }
    }

  /* Trip updates first, wherever they are in the feed: their delays go on
   * the vehicles of the same trips. */
  for (gsize i = 0; i < message->n_entity; i++)
    {
      TransitRealtime__FeedEntity *entity = message->entity[i];

      if (entity->has_is_deleted && entity->is_deleted)
        continue;

      if (entity->trip_update != NULL)
        {
          n_records++;
          vigie_gtfs_rt_trips_add (trips, entity->trip_update);
        }
      if (entity->alert != NULL)
        {
          n_records++;
          vigie_gtfs_rt_add_alert (snapshot, entity, context, feed_time > 0 ? feed_time : now);
        }
    }

  for (gsize i = 0; i < message->n_entity; i++)
    {
      TransitRealtime__FeedEntity *entity = message->entity[i];
      TransitRealtime__VehiclePosition *vehicle;
      g_autofree char *id_made_valid = NULL;
      g_autofree char *name_made_valid = NULL;
      const char *id, *name = NULL;
      VigieEntity *result;
      Values values;
      gboolean age_unknown = FALSE;
      gint64 observed_at = 0;

      if (entity->has_is_deleted && entity->is_deleted)
        {
          /* In a full dataset, a deleted entity is simply not there. */
          if (incremental)
            {
              add_removed (snapshot, entity);
              vigie_gtfs_rt_remove_alert (snapshot, entity);
            }
          continue;
        }

      if ((vehicle = entity->vehicle) == NULL)
        continue;

      n_records++;

      if (!(id = find_vehicle_id (entity, &id_made_valid)))
        {
          vigie_snapshot_add_warning (snapshot, _("Entity %zu has no id: skipped"), i + 1);
          continue;
        }

      if (!check_position (snapshot, id, vehicle->position))
        continue;

      if (vehicle->has_timestamp)
        {
          switch (check_time (vehicle->timestamp, now, &in_milliseconds, &observed_at))
            {
            case TIME_OK:
              break;
            case TIME_AHEAD:
              vigie_snapshot_add_warning (snapshot, _("Vehicle %s has a timestamp in the future: skipped"), id);
              continue;
            case TIME_TOO_OLD:
              vigie_snapshot_add_warning (snapshot, _("Vehicle %s has a timestamp more than a day old: skipped"), id);
              continue;
            default:
              g_assert_not_reached ();
            }
        }
      else
        {
          /* Validator warning W001. The feed's own time is the best guess,
           * but the position may be older: say so. */
          age_unknown = TRUE;
          observed_at = feed_time > 0 ? feed_time : now;
        }

      if (vehicle->vehicle != NULL)
        name = valid_text (vehicle->vehicle->label, &name_made_valid);

      /* Only the counts: an initialiser would clear its 560 bytes for
       * each of 5,000 vehicles. */
      values.n_fields = values.n_owned = 0;
      make_values (&values, vehicle, name, trips, age_unknown);
      result = vigie_entity_new_from_fields (VIGIE_ENTITY_VEHICLE, id, name,
                                             vehicle->position->latitude,
                                             vehicle->position->longitude,
                                             observed_at, values.fields, values.n_fields);
      values_clear (&values);
      keep_newest (&kept, snapshot, result);
    }

  if (in_milliseconds)
    vigie_snapshot_add_warning (snapshot, _("The feed gives timestamps in milliseconds instead of seconds"));

  vigie_snapshot_add_records (snapshot, n_records);

  vigie_key_table_clear (&kept.table);
  /* The snapshot takes them over. */
  g_ptr_array_set_free_func (kept_entities, NULL);
  for (guint i = 0; i < kept_entities->len; i++)
    vigie_snapshot_add_entity (snapshot, g_ptr_array_index (kept_entities, i));

  vigie_gtfs_rt_trips_finish (trips, snapshot, feed_time > 0 ? feed_time : now);

  return g_steal_pointer (&snapshot);
}
