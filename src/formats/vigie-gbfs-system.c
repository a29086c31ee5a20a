/* vigie-gbfs-system.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-gbfs"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-gbfs-private.h"
#include "vigie-json.h"
#include "vigie-snapshot.h"

/* The documents of a GBFS system that place nothing on the map by
 * themselves: system_regions, system_pricing_plans, system_alerts (2.3
 * and 3.0) and 3.1's vehicle_availability. Alerts are shown on the
 * stations they name and as the feed's own lines; availability on its
 * vehicles and stations; regions name the places of alerts; pricing
 * plans are read for vigie-inspect. A bad record is skipped or
 * corrected with a warning naming it. */

/* Lines that vigie-inspect prints per document at most. */
#define MAX_DESCRIBED 20

/* The warnings about these documents' bad records name the list. */

/* Translators: %u is a record's number, %s the list it is in ("alerts"). */
static const char not_object[] = N_("Record %u of “%s” is not an object, skipped");
/* Translators: "Record 3 of “alerts” has no alert_id, skipped". */
static const char no_id[] = N_("Record %u of “%s” has no %s, skipped");
/* Translators: "“alerts” lists 21 more than once, ...": %2$s is the list,
 * %1$s the record's id. */
static const char duplicate[] = N_("“%2$s” lists %1$s more than once, only the first record kept");

/*
 * Records
 */

void
vigie_gbfs_region_free (gpointer data)
{
  Region *region = data;

  g_free (region->id);
  g_free (region->name);
  g_free (region);
}

void
vigie_gbfs_pricing_plan_free (gpointer data)
{
  PricingPlan *plan = data;

  g_free (plan->id);
  g_free (plan->name);
  g_free (plan->currency);
  g_free (plan->description);
  g_free (plan);
}

void
vigie_gbfs_alert_free (gpointer data)
{
  Alert *alert = data;

  g_free (alert->id);
  g_free (alert->type);
  g_free (alert->summary);
  g_free (alert->description);
  g_free (alert->url);
  g_clear_pointer (&alert->times, g_array_unref);
  g_strfreev (alert->station_ids);
  g_strfreev (alert->region_ids);
  g_free (alert);
}

void
vigie_gbfs_availability_free (gpointer data)
{
  VehicleAvailability *availability = data;

  g_free (availability->id);
  g_free (availability->vehicle_type_id);
  g_free (availability->station_id);
  g_clear_pointer (&availability->periods, g_array_unref);
  g_free (availability);
}

/*
 * Auxiliary methods
 */

/* An array of ids, strings or numbers; never NULL. */
GStrv
vigie_gbfs_read_ids (JsonObject *object,
                     const char *member)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array = vigie_json_get_array (object, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(JsonObject) wrapper = json_object_new ();
      g_autofree char *id = NULL;

      /* vigie_json_dup_id() reads members: give it one. */
      json_object_set_member (wrapper, "id", json_node_copy (node));
      id = vigie_json_dup_id (wrapper, "id");
      if (id != NULL)
        g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}

static int
compare_periods (gconstpointer a,
                 gconstpointer b)
{
  const Period *pa = a;
  const Period *pb = b;

  return (pa->start > pb->start) - (pa->start < pb->start);
}

/* Reads the periods of @array, whose members are @start_member and
 * @end_member; a period without a readable start, or ending before it
 * starts, is skipped with a warning naming @what (already translated). */
static GArray *
read_periods (JsonArray     *array,
              const char    *start_member,
              const char    *end_member,
              const char    *what,
              VigieSnapshot *snapshot)
{
  GArray *periods = g_array_new (FALSE, FALSE, sizeof (Period));

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      Period period = { 0, 0 };

      if (!vigie_json_get_timestamp (object, start_member, &period.start) || period.start <= 0)
        {
          /* Translators: "Alert 21: period 2 has no readable “start”, skipped". */
          vigie_snapshot_add_warning (snapshot, _("%s: period %u has no readable “%s”, skipped"),
                                      what, i + 1, start_member);
          continue;
        }

      if (object != NULL && json_object_has_member (object, end_member) &&
          !json_node_is_null (json_object_get_member (object, end_member)) &&
          (!vigie_json_get_timestamp (object, end_member, &period.end) || period.end < period.start))
        {
          vigie_snapshot_add_warning (snapshot, _("%s: period %u ends before it starts or at no readable time, skipped"),
                                      what, i + 1);
          continue;
        }

      g_array_append_val (periods, period);
    }

  g_array_sort (periods, compare_periods);
  return periods;
}

/* The period in effect at @now, else the next one; NULL when all are
 * over. No period at all: always in effect, as @always. */
static const Period *
find_period (GArray       *periods,
             gint64        now,
             const Period *always)
{
  if (periods->len == 0)
    return always;

  for (guint i = 0; i < periods->len; i++)
    {
      const Period *period = &g_array_index (periods, Period, i);

      if (period->end == 0 || period->end > now)
        return period;
    }

  return NULL;
}

static char *
format_time (gint64 time)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (time);

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

/*
 * Documents
 */

static gpointer
read_region (Record *r)
{
  Region *region = g_new0 (Region, 1);

  region->id = g_steal_pointer (&r->id);
  region->name = vigie_gbfs_dup_text (r->object, "name", r->language);
  if (region->name == NULL)
    vigie_snapshot_add_warning (r->snapshot, _("Region %s has no name"), region->id);

  return region;
}

static gpointer
read_pricing_plan (Record *r)
{
  PricingPlan *plan = g_new0 (PricingPlan, 1);

  plan->id = g_steal_pointer (&r->id);
  plan->name = vigie_gbfs_dup_text (r->object, "name", r->language);
  plan->description = vigie_gbfs_dup_text (r->object, "description", r->language);
  plan->currency = vigie_gbfs_dup_text (r->object, "currency", NULL);
  if (!vigie_json_get_double (r->object, "price", &plan->price) || !isfinite (plan->price) || plan->price < 0)
    {
      plan->price = NAN;
      vigie_snapshot_add_warning (r->snapshot, _("Pricing plan %s has no readable price"), plan->id);
    }

  return plan;
}

static gpointer
read_alert (Record *r)
{
  JsonObject *object = r->object;
  /* Translators: names an alert in warnings: "Alert 21". */
  g_autofree char *what = g_strdup_printf (_("Alert %s"), r->id);
  Alert *alert = g_new0 (Alert, 1);
  const char *type;

  alert->id = g_steal_pointer (&r->id);
  type = vigie_json_get_string (object, "type");
  alert->type = type != NULL ? g_strstrip (g_ascii_strdown (type, -1)) : NULL;
  alert->summary = vigie_gbfs_dup_text (object, "summary", r->language);
  alert->description = vigie_gbfs_dup_text (object, "description", r->language);
  alert->url = vigie_gbfs_dup_text (object, "url", r->language);
  alert->times = read_periods (vigie_json_get_array (object, "times"), "start", "end", what, r->snapshot);
  alert->station_ids = vigie_gbfs_read_ids (object, "station_ids");
  alert->region_ids = vigie_gbfs_read_ids (object, "region_ids");
  if (!vigie_json_get_timestamp (object, "last_updated", &alert->last_updated))
    alert->last_updated = 0;

  if (alert->summary == NULL)
    vigie_snapshot_add_warning (r->snapshot, _("Alert %s has no summary"), alert->id);

  return alert;
}

static gpointer
read_availability (Record *r)
{
  /* Translators: names a vehicle in warnings: "Vehicle 45bd3fb7". */
  g_autofree char *what = g_strdup_printf (_("Vehicle %s"), r->id);
  VehicleAvailability *availability = g_new0 (VehicleAvailability, 1);

  availability->id = g_steal_pointer (&r->id);
  availability->vehicle_type_id = vigie_json_dup_id (r->object, "vehicle_type_id");
  availability->station_id = vigie_json_dup_id (r->object, "station_id");
  availability->periods = read_periods (vigie_json_get_array (r->object, "availabilities"),
                                        "from", "until", what, r->snapshot);

  if (availability->station_id == NULL)
    vigie_snapshot_add_warning (r->snapshot, _("Vehicle %s: no station in its availability"), availability->id);
  if (availability->periods->len == 0)
    vigie_snapshot_add_warning (r->snapshot, _("Vehicle %s: no time when it is available"), availability->id);

  return availability;
}

const RecordList vigie_gbfs_regions = {
  "regions", NULL, "region_id", NULL, not_object, no_id, duplicate, read_region,
};

const RecordList vigie_gbfs_pricing_plans = {
  "plans", NULL, "plan_id", NULL, not_object, no_id, duplicate, read_pricing_plan,
};

const RecordList vigie_gbfs_alerts = {
  "alerts", NULL, "alert_id", NULL, not_object, no_id, duplicate, read_alert,
};

const RecordList vigie_gbfs_availability = {
  "vehicles", NULL, "vehicle_id", NULL, not_object, no_id, duplicate, read_availability,
};

/*
 * Combination
 */

/* The alert's period in effect at @now, or its next one; NULL when it
 * is over. One that gives no time is always in effect. */
const Period *
vigie_gbfs_alert_period (Alert  *alert,
                         gint64  now)
{
  static const Period always = { 0, 0 };

  return find_period (alert->times, now, &always);
}

static GVariant *
names_value (GStrv        ids,
             Document    *document,
             gsize        name_offset)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      gpointer record = vigie_gbfs_document_lookup (document, ids[i]);
      const char *name = record != NULL ? G_STRUCT_MEMBER (const char *, record, name_offset) : NULL;

      g_strv_builder_add (builder, name != NULL ? name : ids[i]);
    }

  names = g_strv_builder_end (builder);
  return g_variant_new_strv ((const char * const *) names, -1);
}

/**
 * vigie_gbfs_alert_value:
 * @alert: an alert in effect or to come at @now
 *
 * The alert as a station shows it in its details: its words, its period
 * in effect or next, the names of the stations and regions it concerns.
 *
 * Returns: (transfer floating): an a{sv}
 */
GVariant *
vigie_gbfs_alert_value (Alert    *alert,
                        Document *information,
                        Document *regions,
                        gint64    now)
{
  const Period *period = vigie_gbfs_alert_period (alert, now);
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "id", "s", alert->id);
  if (alert->type != NULL)
    g_variant_dict_insert (&dict, "type", "s", alert->type);
  if (alert->summary != NULL)
    g_variant_dict_insert (&dict, "summary", "s", alert->summary);
  if (alert->description != NULL)
    g_variant_dict_insert (&dict, "description", "s", alert->description);
  if (alert->url != NULL)
    g_variant_dict_insert (&dict, "url", "s", alert->url);
  if (period != NULL && period->start > 0)
    g_variant_dict_insert (&dict, "start", "x", period->start);
  if (period != NULL && period->end > 0)
    g_variant_dict_insert (&dict, "end", "x", period->end);
  if (alert->station_ids[0] != NULL)
    g_variant_dict_insert_value (&dict, "stations",
                                 names_value (alert->station_ids, information, G_STRUCT_OFFSET (StationInfo, name)));
  if (alert->region_ids[0] != NULL)
    g_variant_dict_insert_value (&dict, "regions",
                                 names_value (alert->region_ids, regions, G_STRUCT_OFFSET (Region, name)));

  return g_variant_dict_end (&dict);
}

/**
 * vigie_gbfs_availability_value:
 * @availability: a vehicle's availability
 * @now: the current time
 *
 * Returns: (transfer floating) (nullable): an a{sv} with "vehicle_id",
 *   "available_now" (b), "from" (x, when not now) and "until" (x, when
 *   it ends), or %NULL when the vehicle has no time to come
 */
GVariant *
vigie_gbfs_availability_value (VehicleAvailability *availability,
                               gint64               now)
{
  const Period *period = find_period (availability->periods, now, NULL);
  gboolean available_now;
  GVariantDict dict;

  if (period == NULL)
    return NULL;

  available_now = period->start <= now;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "vehicle_id", "s", availability->id);
  if (availability->vehicle_type_id != NULL)
    g_variant_dict_insert (&dict, "vehicle_type_id", "s", availability->vehicle_type_id);
  g_variant_dict_insert (&dict, "available_now", "b", available_now);
  if (!available_now)
    g_variant_dict_insert (&dict, "from", "x", period->start);
  if (period->end > 0)
    g_variant_dict_insert (&dict, "until", "x", period->end);

  return g_variant_dict_end (&dict);
}

/*
 * Describing
 */

static void
describe_periods (GString *text,
                  GArray  *periods)
{
  for (guint i = 0; i < periods->len; i++)
    {
      const Period *period = &g_array_index (periods, Period, i);
      g_autofree char *start = format_time (period->start);
      g_autofree char *end = period->end > 0 ? format_time (period->end) : NULL;

      if (end != NULL)
        g_string_append_printf (text, _("; from %s to %s"), start, end);
      else
        g_string_append_printf (text, _("; from %s"), start);
    }
}

static void
describe_alert (GString *text,
                Alert   *alert)
{
  g_string_append_printf (text, "\n  %s: %s", alert->id, alert->summary ? alert->summary : "—");
  if (alert->type != NULL)
    g_string_append_printf (text, " [%s]", alert->type);
  if (alert->station_ids[0] != NULL)
    {
      g_autofree char *ids = g_strjoinv (", ", alert->station_ids);

      /* Translators: the stations an alert names, by id, in vigie-inspect. */
      g_string_append_printf (text, _("; stations %s"), ids);
    }
  if (alert->region_ids[0] != NULL)
    {
      g_autofree char *ids = g_strjoinv (", ", alert->region_ids);

      g_string_append_printf (text, _("; regions %s"), ids);
    }
  describe_periods (text, alert->times);
}

static void
describe_record (GString      *text,
                 DocumentKind  kind,
                 gpointer      record)
{
  switch (kind)
    {
    case DOCUMENT_SYSTEM_REGIONS:
      {
        Region *region = record;

        g_string_append_printf (text, "\n  %s: %s", region->id, region->name ? region->name : "—");
      }
      break;

    case DOCUMENT_PRICING_PLANS:
      {
        PricingPlan *plan = record;

        g_string_append_printf (text, "\n  %s: %s", plan->id, plan->name ? plan->name : "—");
        if (!isnan (plan->price))
          g_string_append_printf (text, ", %.2f %s", plan->price, plan->currency ? plan->currency : "");
        if (plan->description != NULL)
          g_string_append_printf (text, " — %s", plan->description);
      }
      break;

    case DOCUMENT_ALERTS:
      describe_alert (text, record);
      break;

    case DOCUMENT_VEHICLE_AVAILABILITY:
      {
        VehicleAvailability *availability = record;

        g_string_append_printf (text, "\n  %s", availability->id);
        if (availability->station_id != NULL)
          /* Translators: a vehicle's station, in vigie-inspect. */
          g_string_append_printf (text, _(" at station %s"), availability->station_id);
        describe_periods (text, availability->periods);
      }
      break;

    case DOCUMENT_OTHER:
    case DOCUMENT_DISCOVERY:
    case DOCUMENT_MANIFEST:
    case DOCUMENT_SYSTEM_INFORMATION:
    case DOCUMENT_STATION_INFORMATION:
    case DOCUMENT_STATION_STATUS:
    case DOCUMENT_VEHICLES:
    case DOCUMENT_VEHICLE_TYPES:
    case DOCUMENT_GEOFENCING_ZONES:
    case N_DOCUMENT_KINDS:
    default:
      break;
    }
}

/**
 * vigie_gbfs_describe_system_document:
 * @document: a document of regions, pricing plans, alerts or vehicle
 *   availability
 *
 * What the document holds, for vigie-inspect given it alone: a sentence
 * with the count, then a line per record.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL for another
 *   kind of document
 */
char *
vigie_gbfs_describe_system_document (Document *document)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = document->records->len;

  switch (document->kind)
    {
    case DOCUMENT_SYSTEM_REGIONS:
      g_string_append_printf (text,
                              ngettext ("This is a GBFS system_regions document: %u region, which places nothing on the map by itself: give the system’s gbfs.json",
                                        "This is a GBFS system_regions document: %u regions, which place nothing on the map by themselves: give the system’s gbfs.json",
                                        n),
                              n);
      break;

    case DOCUMENT_PRICING_PLANS:
      g_string_append_printf (text,
                              ngettext ("This is a GBFS system_pricing_plans document: %u pricing plan, which places nothing on the map by itself: give the system’s gbfs.json",
                                        "This is a GBFS system_pricing_plans document: %u pricing plans, which place nothing on the map by themselves: give the system’s gbfs.json",
                                        n),
                              n);
      break;

    case DOCUMENT_ALERTS:
      g_string_append_printf (text,
                              ngettext ("This is a GBFS system_alerts document: %u alert, shown on the map only with the stations it names: give the system’s gbfs.json",
                                        "This is a GBFS system_alerts document: %u alerts, shown on the map only with the stations they name: give the system’s gbfs.json",
                                        n),
                              n);
      break;

    case DOCUMENT_VEHICLE_AVAILABILITY:
      g_string_append_printf (text,
                              ngettext ("This is a GBFS vehicle_availability document: when %u vehicle can be booked, shown on the map only with its station: give the system’s gbfs.json",
                                        "This is a GBFS vehicle_availability document: when %u vehicles can be booked, shown on the map only with their stations: give the system’s gbfs.json",
                                        n),
                              n);
      break;

    case DOCUMENT_OTHER:
    case DOCUMENT_DISCOVERY:
    case DOCUMENT_MANIFEST:
    case DOCUMENT_SYSTEM_INFORMATION:
    case DOCUMENT_STATION_INFORMATION:
    case DOCUMENT_STATION_STATUS:
    case DOCUMENT_VEHICLES:
    case DOCUMENT_VEHICLE_TYPES:
    case DOCUMENT_GEOFENCING_ZONES:
    case N_DOCUMENT_KINDS:
    default:
      return NULL;
    }

  for (guint i = 0; i < MIN (n, MAX_DESCRIBED); i++)
    describe_record (text, document->kind, g_ptr_array_index (document->records, i));

  if (n > MAX_DESCRIBED)
    g_string_append_printf (text, ngettext ("\n  and %u more", "\n  and %u more", n - MAX_DESCRIBED),
                            n - MAX_DESCRIBED);

  return g_string_free (g_steal_pointer (&text), FALSE);
}
