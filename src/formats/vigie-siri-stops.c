/* vigie-siri-stops.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-siri-stops"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-entity.h"
#include "vigie-json.h"
#include "vigie-siri-private.h"
#include "vigie-hash.h"

/* SIRI StopMonitoring: the next departures at stops,
 * StopMonitoringDelivery[].MonitoredStopVisit[], each visit a
 * MonitoredVehicleJourney with its MonitoredCall at the stop (SIRI –
 * Profil France; Île-de-France Mobilités' PRIM writes every scalar as
 * {"value": ...} and leaves Order out).
 *
 * Each stop becomes a VIGIE_ENTITY_STOP whose id is the visit's
 * MonitoringRef (else the call's StopPointRef, else the delivery's
 * MonitoringRef), named by the call's StopPointName. SIRI gives no
 * position for it: the entity has none (NAN), and a timetable may place
 * it by its id. Its values:
 *
 *   departures   aa{sv}  the next departures, soonest first, at most
 *                        MAX_DEPARTURES, each with (when the feed has it):
 *       time               x   the departure (else arrival) time shown:
 *                              expected, else aimed; unix seconds
 *       aimed_departure    x   AimedDepartureTime
 *       expected_departure x   ExpectedDepartureTime
 *       aimed_arrival      x   AimedArrivalTime
 *       expected_arrival   x   ExpectedArrivalTime
 *       delay_s            i   expected − aimed, else the journey's Delay
 *       line_ref           s   LineRef
 *       line_name          s   PublishedLineName, in the user's language
 *       direction_ref      s   DirectionRef
 *       destination        s   the call's DestinationDisplay, else the
 *                              journey's DestinationName
 *       trip_id            s   FramedVehicleJourneyRef.DatedVehicleJourneyRef
 *       stop_sequence      u   MonitoredCall.Order
 *       status             s   DepartureStatus (else ArrivalStatus) as
 *                              written: onTime, delayed, cancelled…
 *   source       s       always "realtime"
 *
 * A visit with no usable time, no stop or a time more than a day away is
 * skipped with a warning; a visit given twice (same trip, same Order, or
 * same time when there is no Order) counts once. */

#define MAX_DEPARTURES 20
#define MAX_DISTANCE_S (24 * 60 * 60)

typedef struct
{
  gint64    time;
  char     *key;        /* what makes the visit the same one */
  GVariant *values;
} Departure;

typedef struct
{
  char      *id;
  char      *name;
  gint64     observed_at;
  GArray    *departures;  /* of Departure */
} Stop;

/*
 * Auxiliary methods
 */

static void
departure_clear (Departure *departure)
{
  g_free (departure->key);
  g_variant_unref (departure->values);
}

static void
stop_free (Stop *stop)
{
  g_free (stop->id);
  g_free (stop->name);
  g_array_unref (stop->departures);
  g_free (stop);
}

static int
compare_departures (gconstpointer a,
                    gconstpointer b)
{
  const Departure *first = a, *second = b;

  if (first->time != second->time)
    return first->time < second->time ? -1 : 1;

  return g_strcmp0 (first->key, second->key);
}

static void
add_text (GVariantBuilder *values,
          const char      *key,
          char            *text)
{
  if (text != NULL)
    g_variant_builder_add (values, "{sv}", key, g_variant_new_take_string (text));
}

/* A time of the call, added to @values; 0 when there is none. */
static gint64
add_time (GVariantBuilder *values,
          const char      *key,
          JsonObject      *call,
          const char      *member)
{
  gint64 t;

  if (!vigie_json_get_timestamp (call, member, &t))
    return 0;

  g_variant_builder_add (values, "{sv}", key, g_variant_new_int64 (t));
  return t;
}

static char *
dup_stop_id (JsonObject *visit,
             JsonObject *call,
             JsonObject *delivery)
{
  char *id;

  if ((id = vigie_json_dup_id (visit, "MonitoringRef")) ||
      (id = vigie_json_dup_id (call, "StopPointRef")))
    return id;

  return vigie_json_dup_id (delivery, "MonitoringRef");
}

/* The departure's values, or NULL with a warning when it has no time or
 * one more than a day away. */
static GVariant *
make_departure (VigieSiriReader *reader,
                JsonObject      *journey,
                JsonObject      *call,
                const char      *stop_id,
                gint64          *shown)
{
  gint64 aimed_departure, expected_departure, aimed_arrival, expected_arrival, delay = 0, order;
  gboolean has_delay = FALSE;
  const char *status;
  char *destination;
  GVariantBuilder values;

  g_variant_builder_init (&values, G_VARIANT_TYPE_VARDICT);

  aimed_departure = add_time (&values, "aimed_departure", call, "AimedDepartureTime");
  expected_departure = add_time (&values, "expected_departure", call, "ExpectedDepartureTime");
  aimed_arrival = add_time (&values, "aimed_arrival", call, "AimedArrivalTime");
  expected_arrival = add_time (&values, "expected_arrival", call, "ExpectedArrivalTime");

  /* At a terminus the arrival is all there is. */
  *shown = expected_departure ? expected_departure : aimed_departure ? aimed_departure :
           expected_arrival ? expected_arrival : aimed_arrival;
  if (*shown == 0 || *shown > reader->now + MAX_DISTANCE_S || *shown < reader->now - MAX_DISTANCE_S)
    {
      g_variant_builder_clear (&values);
      vigie_snapshot_add_warning (reader->snapshot,
                                  *shown == 0 ? _("A departure at stop %s has no time: skipped")
                                              : _("A departure at stop %s is more than a day away: skipped"),
                                  stop_id);
      return NULL;
    }
  g_variant_builder_add (&values, "{sv}", "time", g_variant_new_int64 (*shown));

  if (expected_departure && aimed_departure)
    has_delay = TRUE, delay = expected_departure - aimed_departure;
  else if (expected_arrival && aimed_arrival && !aimed_departure)
    has_delay = TRUE, delay = expected_arrival - aimed_arrival;
  else
    {
      const char *text = vigie_json_get_string (journey, "Delay");

      has_delay = text != NULL && vigie_json_parse_duration (text, &delay);
    }
  if (has_delay && delay >= G_MININT32 && delay <= G_MAXINT32)
    g_variant_builder_add (&values, "{sv}", "delay_s", g_variant_new_int32 ((gint32) delay));

  vigie_siri_add_id (&values, "line_ref", journey, "LineRef");
  add_text (&values, "line_name", vigie_json_dup_localized (journey, "PublishedLineName", reader->language));
  vigie_siri_add_id (&values, "direction_ref", journey, "DirectionRef");
  destination = vigie_json_dup_localized (call, "DestinationDisplay", reader->language);
  if (destination == NULL)
    destination = vigie_json_dup_localized (journey, "DestinationName", reader->language);
  add_text (&values, "destination", destination);
  vigie_siri_add_id (&values, "trip_id", vigie_json_get_object (journey, "FramedVehicleJourneyRef"), "DatedVehicleJourneyRef");

  if (vigie_json_get_int (call, "Order", &order) && order >= 0 && order <= G_MAXUINT32)
    g_variant_builder_add (&values, "{sv}", "stop_sequence", g_variant_new_uint32 ((guint32) order));

  if ((status = vigie_json_get_string (call, "DepartureStatus")) ||
      (status = vigie_json_get_string (call, "ArrivalStatus")))
    g_variant_builder_add (&values, "{sv}", "status", g_variant_new_string (status));

  return g_variant_ref_sink (g_variant_builder_end (&values));
}

static Stop *
lookup_stop (GHashTable *stops,
             GPtrArray  *order,
             const char *id)
{
  Stop *stop = g_hash_table_lookup (stops, id);

  if (stop == NULL)
    {
      stop = g_new0 (Stop, 1);
      stop->id = g_strdup (id);
      stop->departures = g_array_new (FALSE, FALSE, sizeof (Departure));
      g_array_set_clear_func (stop->departures, (GDestroyNotify) departure_clear);
      g_hash_table_insert (stops, stop->id, stop);
      g_ptr_array_add (order, stop);
    }

  return stop;
}

static gboolean
has_departure (Stop       *stop,
               const char *key)
{
  for (guint i = 0; i < stop->departures->len; i++)
    if (g_str_equal (g_array_index (stop->departures, Departure, i).key, key))
      return TRUE;

  return FALSE;
}

static void
read_visit (VigieSiriReader *reader,
            GHashTable      *stops,
            GPtrArray       *order,
            JsonObject      *delivery,
            JsonObject      *visit,
            guint            position,
            gint64           delivery_time)
{
  JsonObject *journey = vigie_json_get_object (visit, "MonitoredVehicleJourney");
  JsonObject *call = vigie_json_get_object (journey, "MonitoredCall");
  g_autofree char *stop_id = NULL;
  g_autofree char *trip_id = NULL;
  g_autofree char *sequence = NULL;
  g_autofree char *printed = NULL;
  Departure departure = { 0 };
  gint64 recorded_at, stop_order;
  Stop *stop;

  reader->n_records++;

  if (call == NULL)
    {
      vigie_snapshot_add_warning (reader->snapshot,
                                  _("Stop visit %u has no MonitoredVehicleJourney with a MonitoredCall: skipped"),
                                  position);
      return;
    }

  if (!(stop_id = dup_stop_id (visit, call, delivery)))
    {
      vigie_snapshot_add_warning (reader->snapshot, _("Stop visit %u has no stop reference: skipped"), position);
      return;
    }

  if (!(departure.values = make_departure (reader, journey, call, stop_id, &departure.time)))
    return;

  trip_id = vigie_json_dup_id (vigie_json_get_object (journey, "FramedVehicleJourneyRef"), "DatedVehicleJourneyRef");
  if (vigie_json_get_int (call, "Order", &stop_order))
    sequence = g_strdup_printf ("%" G_GINT64_FORMAT, stop_order);
  else
    sequence = g_strdup_printf ("@%" G_GINT64_FORMAT, departure.time);
  /* Without a trip, only the whole departure tells two apart. */
  if (trip_id == NULL)
    printed = g_variant_print (departure.values, FALSE);
  departure.key = g_strdup_printf ("%s|%s|%s", trip_id ? trip_id : "", sequence, printed ? printed : "");

  stop = lookup_stop (stops, order, stop_id);
  if (stop->name == NULL)
    stop->name = vigie_json_dup_localized (call, "StopPointName", reader->language);

  if (has_departure (stop, departure.key))
    {
      vigie_snapshot_add_warning (reader->snapshot,
                                  _("A departure at stop %s appears more than once: counted once"), stop_id);
      departure_clear (&departure);
      return;
    }

  if (vigie_json_get_timestamp (visit, "RecordedAtTime", &recorded_at) &&
      recorded_at <= reader->now + VIGIE_SIRI_MAX_AHEAD_S && recorded_at >= reader->now - VIGIE_SIRI_MAX_AGE_S)
    stop->observed_at = MAX (stop->observed_at, recorded_at);
  else if (delivery_time > 0)
    stop->observed_at = MAX (stop->observed_at, delivery_time);

  g_array_append_val (stop->departures, departure);
}

static VigieEntity *
make_stop_entity (VigieSiriReader *reader,
                  Stop            *stop)
{
  GVariantBuilder departures, values;
  guint n = MIN (stop->departures->len, MAX_DEPARTURES);

  g_array_sort (stop->departures, compare_departures);

  g_variant_builder_init (&departures, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < n; i++)
    g_variant_builder_add_value (&departures, g_array_index (stop->departures, Departure, i).values);

  g_variant_builder_init (&values, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&values, "{sv}", "departures", g_variant_builder_end (&departures));
  g_variant_builder_add (&values, "{sv}", "source", g_variant_new_string ("realtime"));

  return vigie_entity_new (VIGIE_ENTITY_STOP, stop->id, stop->name, NAN, NAN,
                           stop->observed_at > 0 ? stop->observed_at : reader->now,
                           g_variant_builder_end (&values));
}

/**
 * vigie_siri_read_stop_deliveries:
 * @reader: the reader of the document
 * @deliveries: (nullable): the StopMonitoringDelivery member
 * @response_time: the answer's time, or 0
 *
 * Adds a stop entity to @reader for each stop the deliveries name, with
 * its next departures.
 */
void
vigie_siri_read_stop_deliveries (VigieSiriReader *reader,
                                 JsonNode        *deliveries,
                                 gint64           response_time)
{
  g_autoptr(GHashTable) stops = NULL;
  g_autoptr(GPtrArray) order = NULL;

  g_return_if_fail (reader != NULL);

  if (deliveries == NULL)
    return;

  stops = g_hash_table_new (vigie_str_hash, g_str_equal);
  order = g_ptr_array_new_with_free_func ((GDestroyNotify) stop_free);

  for (guint d = 0; d < vigie_siri_get_n_elements (deliveries); d++)
    {
      JsonObject *delivery = vigie_siri_get_delivery (reader, deliveries, d);
      JsonNode *visits;
      gint64 delivery_time;

      if (delivery == NULL)
        continue;

      visits = json_object_get_member (delivery, "MonitoredStopVisit");
      delivery_time = vigie_siri_read_delivery_time (reader, delivery, response_time);

      for (guint v = 0; v < vigie_siri_get_n_elements (visits); v++)
        {
          JsonObject *visit = vigie_siri_get_element (visits, v);

          if (visit == NULL)
            {
              reader->n_records++;
              vigie_snapshot_add_warning (reader->snapshot, _("Stop visit %u is not an object: skipped"), v + 1);
              continue;
            }

          read_visit (reader, stops, order, delivery, visit, v + 1, delivery_time);
        }
    }

  for (guint i = 0; i < order->len; i++)
    g_ptr_array_add (reader->entities, make_stop_entity (reader, g_ptr_array_index (order, i)));
}
