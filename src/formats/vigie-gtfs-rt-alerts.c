/* vigie-gtfs-rt-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-gtfs-rt"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-entity.h"
#include "vigie-gtfs-rt-private.h"
#include "vigie-snapshot.h"

/* Service alerts. Each Alert becomes a VIGIE_ENTITY_LINE (what it is about
 * most of the time) without a position or a geometry, so the map draws
 * nothing for it, whose id is "alert:" and the entity's id and whose name
 * is its header. The GTFS format marks the lines and stops it informs
 * (their "alerts" value). Its values, each when the feed has it:
 *
 *   alert                b      always TRUE: tells it from a line's path
 *   alert_header         s      header_text       } in the user's language,
 *   alert_description    s      description_text  } else French, else the
 *   alert_url            s      url               } first translation
 *   cause                s      strike, weather, maintenance... (the enum
 *                               name in lower case)
 *   effect               s      no_service, detour, significant_delays...
 *   severity             s      info, warning, severe
 *   active_periods       a(xx)  start and end, unix seconds, 0 when open
 *   active               b      whether now is in one of them (or there
 *                               is none: the alert holds while listed)
 *   route_ids, stop_ids,
 *   trip_ids, agency_ids as     the informed entities
 *   source               s      "realtime"
 *
 * The texts are the feed's, never markup. */

#define ALERT_PREFIX "alert:"

/* "fr" matches "fr", "fr-FR", "fr_FR.UTF-8". */
static gboolean
same_language (const char *a,
               const char *b)
{
  gsize length = 0;

  if (a == NULL || b == NULL)
    return FALSE;

  while (g_ascii_isalpha (a[length]))
    length++;

  return length > 0 && g_ascii_strncasecmp (a, b, length) == 0 && !g_ascii_isalpha (b[length]);
}

static char *
dup_translation (TransitRealtime__TranslatedString *text,
                 const char                        *language)
{
  const char *candidates[] = { language, "fr" };

  if (text == NULL)
    return NULL;

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    for (gsize i = 0; i < text->n_translation; i++)
      {
        TransitRealtime__TranslatedString__Translation *translation = text->translation[i];

        if (translation->text != NULL && *translation->text != '\0' &&
            same_language (translation->language, candidates[c]))
          return vigie_gtfs_rt_dup_text (translation->text);
      }

  for (gsize i = 0; i < text->n_translation; i++)
    {
      char *first = vigie_gtfs_rt_dup_text (text->translation[i]->text);

      if (first != NULL)
        return first;
    }

  return NULL;
}

/* "POLICE_ACTIVITY" as "police_activity". */
static void
insert_enum (GVariantDict                  *values,
             const char                    *key,
             const ProtobufCEnumDescriptor *descriptor,
             int                            value)
{
  const ProtobufCEnumValue *named = protobuf_c_enum_descriptor_get_value (descriptor, value);
  g_autofree char *name = NULL;

  if (named == NULL)
    return;

  name = g_ascii_strdown (named->name, -1);
  g_variant_dict_insert (values, key, "s", name);
}

static void
insert_text (GVariantDict *values,
             const char   *key,
             char         *text)
{
  if (text != NULL)
    g_variant_dict_insert_value (values, key, g_variant_new_take_string (text));
}

static void
add_unique (GPtrArray  *list,
            const char *text)
{
  char *valid = vigie_gtfs_rt_dup_text (text);

  if (valid == NULL)
    return;

  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (g_ptr_array_index (list, i), valid))
      {
        g_free (valid);
        return;
      }

  g_ptr_array_add (list, valid);
}

static void
insert_list (GVariantDict *values,
             const char   *key,
             GPtrArray    *list)
{
  if (list->len > 0)
    g_variant_dict_insert_value (values, key, g_variant_new_strv ((const char * const *) list->pdata, list->len));
}

static char *
make_id (TransitRealtime__FeedEntity *entity)
{
  g_autofree char *id = vigie_gtfs_rt_dup_text (entity->id);

  return id != NULL ? g_strconcat (ALERT_PREFIX, id, NULL) : NULL;
}

void
vigie_gtfs_rt_add_alert (VigieSnapshot               *snapshot,
                         TransitRealtime__FeedEntity *entity,
                         const VigieParseContext     *context,
                         gint64                       observed_at)
{
  TransitRealtime__Alert *alert = entity->alert;
  const char *language = context != NULL ? context->language : NULL;
  gint64 now = context != NULL && context->now > 0 ? context->now : observed_at;
  g_autoptr(GPtrArray) routes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) stops = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) trips = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) agencies = g_ptr_array_new_with_free_func (g_free);
  g_auto(GVariantBuilder) periods = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a(xx)"));
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *id = make_id (entity);
  g_autofree char *header = dup_translation (alert->header_text, language);
  gboolean active = alert->n_active_period == 0;

  if (id == NULL)
    {
      vigie_snapshot_add_warning (snapshot, "%s", _("An alert has no id: skipped"));
      return;
    }

  g_variant_dict_insert (&values, "alert", "b", TRUE);
  if (header != NULL)
    g_variant_dict_insert (&values, "alert_header", "s", header);
  insert_text (&values, "alert_description", dup_translation (alert->description_text, language));
  insert_text (&values, "alert_url", dup_translation (alert->url, language));

  if (alert->has_cause)
    insert_enum (&values, "cause", &transit_realtime__alert__cause__descriptor, alert->cause);
  if (alert->has_effect)
    insert_enum (&values, "effect", &transit_realtime__alert__effect__descriptor, alert->effect);
  if (alert->has_severity_level)
    insert_enum (&values, "severity", &transit_realtime__alert__severity_level__descriptor, alert->severity_level);

  for (gsize i = 0; i < alert->n_active_period; i++)
    {
      TransitRealtime__TimeRange *range = alert->active_period[i];
      gint64 start = range->has_start ? (gint64) MIN (range->start, (guint64) G_MAXINT64) : 0;
      gint64 end = range->has_end ? (gint64) MIN (range->end, (guint64) G_MAXINT64) : 0;

      g_variant_builder_add (&periods, "(xx)", start, end);
      if ((start == 0 || start <= now) && (end == 0 || now < end))
        active = TRUE;
    }
  if (alert->n_active_period > 0)
    g_variant_dict_insert_value (&values, "active_periods", g_variant_builder_end (&periods));
  g_variant_dict_insert (&values, "active", "b", active);

  for (gsize i = 0; i < alert->n_informed_entity; i++)
    {
      TransitRealtime__EntitySelector *selector = alert->informed_entity[i];

      add_unique (routes, selector->route_id);
      add_unique (stops, selector->stop_id);
      add_unique (agencies, selector->agency_id);
      if (selector->trip != NULL)
        {
          add_unique (trips, selector->trip->trip_id);
          /* A trip's route is affected too, for the line's mark. */
          add_unique (routes, selector->trip->route_id);
        }
    }
  insert_list (&values, "route_ids", routes);
  insert_list (&values, "stop_ids", stops);
  insert_list (&values, "trip_ids", trips);
  insert_list (&values, "agency_ids", agencies);
  g_variant_dict_insert (&values, "source", "s", "realtime");

  vigie_snapshot_add_entity (snapshot,
                             vigie_entity_new (VIGIE_ENTITY_LINE, id, header, NAN, NAN,
                                               observed_at, g_variant_dict_end (&values)));
}

/* In a differential feed, a deleted entity may be an alert. */
void
vigie_gtfs_rt_remove_alert (VigieSnapshot               *snapshot,
                            TransitRealtime__FeedEntity *entity)
{
  g_autofree char *id = make_id (entity);

  if (id != NULL)
    vigie_snapshot_add_removed (snapshot, VIGIE_ENTITY_LINE, id);
}
