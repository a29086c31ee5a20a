/* vigie-ngsi-ld-temporal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-ngsi-ld-temporal"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-formats.h"
#include "vigie-json.h"
#include "vigie-ngsi-ld-private.h"
#include "vigie-ngsi-ld-temporal.h"
#include "vigie-hash.h"

/* The past of parking entities as an NGSI-LD broker with temporal storage
 * answers GET /ngsi-ld/v1/temporal/entities (ETSI GS CIM 009, "temporal
 * evolution of entities"), page by page, into one set of series: entity
 * id → Vigie's field ("available_spots"...) → instances sorted by time.
 *
 * Both temporal representations are read, attribute by attribute:
 *   normalized: "availableSpotNumber": [{"type": "Property", "value": 12,
 *               "observedAt": "..."}, ...] (modifiedAt or createdAt when
 *               the broker was asked for timeproperty=...; one instance
 *               may come as an object rather than a list);
 *   simplified (options=temporalValues): "availableSpotNumber":
 *               {"type": "Property", "values": [[12, "..."], ...]}, or the
 *               bare list of [value, time] pairs of older brokers.
 * The document is a list of entities, an object holding it ("@graph",
 * "entities", "results", "data"), or one entity (/temporal/entities/{id}).
 *
 * Records are read one by one: an instance without a time or with an
 * unreadable value is skipped with a warning naming it, never the page;
 * a page that is not UTF-8 or not JSON is an error. The entities and
 * instances kept are bounded over all the pages read. Pure: for a
 * worker. */

#define MAX_WARNINGS 50

typedef struct
{
  const char *attribute;
  const char *field;
  gboolean    word;
} Attribute;

static const Attribute attributes[] = {
  { "availableSpotNumber", "available_spots", FALSE },
  { "occupiedSpotNumber", "occupied_spots", FALSE },
  { "totalSpotNumber", "total_spots", FALSE },
  { "occupancy", "occupancy", FALSE },
  { "status", "status", TRUE },
};

struct _VigieTemporalData
{
  VigieTemporalLimits  limits;
  GHashTable          *entities;   /* id → (field → GArray of VigieTemporalInstance) */
  GPtrArray           *warnings;
  guint                n_more_warnings;
  guint64              n_instances;
  gboolean             full_entities;
  gboolean             full_instances;
  gboolean             warned_percent;
  gboolean             finished;
};

/*
 * Auxiliary functions
 */

static void
instance_clear (gpointer data)
{
  VigieTemporalInstance *instance = data;

  g_clear_pointer (&instance->text, g_free);
}

static GArray *
series_new (void)
{
  GArray *series = g_array_new (FALSE, FALSE, sizeof (VigieTemporalInstance));

  g_array_set_clear_func (series, instance_clear);
  return series;
}

G_GNUC_PRINTF (2, 3)
static void
warn (VigieTemporalData *data,
      const char        *format,
      ...)
{
  va_list args;

  if (data->warnings->len >= MAX_WARNINGS)
    {
      data->n_more_warnings++;
      return;
    }

  va_start (args, format);
  g_ptr_array_add (data->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

/* "https://smartdatamodels.org/dataModel.Parking/availableSpotNumber" and
 * "availableSpotNumber" name the same attribute. */
static const Attribute *
find_attribute (const char *member)
{
  const char *p = member + strlen (member);

  while (p > member && strchr ("/#:", p[-1]) == NULL)
    p--;

  for (guint i = 0; i < G_N_ELEMENTS (attributes); i++)
    if (g_str_equal (p, attributes[i].attribute))
      return &attributes[i];

  return NULL;
}

static GArray *
series_for (GHashTable      *fields,
            const Attribute *attribute)
{
  GArray *series = g_hash_table_lookup (fields, attribute->field);

  if (series == NULL)
    {
      series = series_new ();
      g_hash_table_insert (fields, (gpointer) attribute->field, series);
    }

  return series;
}

/* A value as Vigie keeps it: counts clamped at 0, a percentage read as a
 * share, words as the live reader words them. */
static gboolean
read_value (VigieTemporalData     *data,
            const char            *id,
            const Attribute       *attribute,
            JsonNode              *node,
            VigieTemporalInstance *instance)
{
  double value;

  /* {"@type": ..., "@value": ...} */
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
      json_object_has_member (json_node_get_object (node), "@value"))
    node = json_object_get_member (json_node_get_object (node), "@value");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;

  if (attribute->word)
    {
      const char *word = vigie_ngsi_ld_read_status (node);

      if (word == NULL)
        return FALSE;
      instance->value = NAN;
      instance->text = g_strdup (word);
      return TRUE;
    }

  if (!vigie_json_node_get_double (node, &value) || !isfinite (value) || fabs (value) > (double) G_MAXINT32)
    return FALSE;

  if (g_str_equal (attribute->field, "occupancy"))
    {
      if (value < 0 || value > 100)
        return FALSE;
      if (value > 1)
        {
          if (!data->warned_percent)
            warn (data, _("Parking %s: occupancy %g read as a percentage"), id, value);
          data->warned_percent = TRUE;
          value /= 100;
        }
    }
  else
    {
      value = round (value);
      if (value < 0)
        {
          warn (data, _("Parking %s: negative “%s” (%lld), counted as 0"),
                id, attribute->attribute, (long long) value);
          value = 0;
        }
    }

  instance->value = value;
  instance->text = NULL;
  return TRUE;
}

static gboolean
read_time (JsonNode *node,
           gint64   *time)
{
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  text = json_node_get_string (node);

  return vigie_json_parse_time (text, time) && *time > 0;
}

static gboolean
room_for_one (VigieTemporalData *data)
{
  if (data->n_instances < data->limits.max_instances)
    return TRUE;

  if (!data->full_instances)
    warn (data, _("The broker's answer holds more than %llu values: the rest is not read"),
          (unsigned long long) data->limits.max_instances);
  data->full_instances = TRUE;
  return FALSE;
}

/* Adds value @index of @attribute, at the time @instance has, its value
 * read from @value; skipped, and said, without a time or a readable
 * value. */
static void
add_instance (VigieTemporalData     *data,
              const char            *id,
              const Attribute       *attribute,
              GArray                *series,
              guint                  index,
              gboolean               has_time,
              JsonNode              *value,
              VigieTemporalInstance *instance)
{
  if (!has_time)
    {
      warn (data, _("Parking %s: value %u of “%s” has no time: skipped"), id, index + 1, attribute->attribute);
      return;
    }
  if (!read_value (data, id, attribute, value, instance))
    {
      warn (data, _("Parking %s: value %u of “%s” is unreadable: skipped"), id, index + 1, attribute->attribute);
      return;
    }

  g_array_append_val (series, *instance);
  data->n_instances++;
  data->finished = FALSE;
}

/* A normalized instance: {"type": "Property", "value": 12, "observedAt": "..."} */
static void
read_instance (VigieTemporalData *data,
               const char        *id,
               const Attribute   *attribute,
               GArray            *series,
               JsonObject        *object,
               guint              index)
{
  const char * const time_members[] = { "observedAt", "modifiedAt", "createdAt" };
  VigieTemporalInstance instance = { 0 };
  gboolean has_time = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (time_members) && !has_time; i++)
    has_time = read_time (json_object_get_member (object, time_members[i]), &instance.time);

  add_instance (data, id, attribute, series, index, has_time, json_object_get_member (object, "value"), &instance);
}

/* A simplified instance: [12, "2026-12-07T08:30:00Z"] */
static void
read_pair (VigieTemporalData *data,
           const char        *id,
           const Attribute   *attribute,
           GArray            *series,
           JsonArray         *pair,
           guint              index)
{
  VigieTemporalInstance instance = { 0 };
  gboolean has_time = json_array_get_length (pair) >= 2 &&
                      read_time (json_array_get_element (pair, 1), &instance.time);

  add_instance (data, id, attribute, series, index, has_time,
                has_time ? json_array_get_element (pair, 0) : NULL, &instance);
}

static void
read_attribute (VigieTemporalData *data,
                const char        *id,
                const Attribute   *attribute,
                GHashTable        *fields,
                JsonNode          *node)
{
  JsonArray *list = NULL;
  GArray *series;

  if (JSON_NODE_HOLDS_ARRAY (node))
    list = json_node_get_array (node);
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      /* Simplified: {"type": "Property", "values": [[v, t], ...]} */
      if ((list = vigie_json_get_array (object, "values")) == NULL &&
          json_object_has_member (object, "value"))
        {
          /* One normalized instance, not in a list. */
          if (room_for_one (data))
            read_instance (data, id, attribute, series_for (fields, attribute), object, 0);
          return;
        }
    }

  if (list == NULL)
    {
      warn (data, _("Parking %s: “%s” is neither a list of values nor of instances: skipped"),
            id, attribute->attribute);
      return;
    }

  series = series_for (fields, attribute);
  for (guint i = 0; i < json_array_get_length (list) && room_for_one (data); i++)
    {
      JsonNode *element = json_array_get_element (list, i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        read_instance (data, id, attribute, series, json_node_get_object (element), i);
      else if (JSON_NODE_HOLDS_ARRAY (element))
        read_pair (data, id, attribute, series, json_node_get_array (element), i);
      else
        warn (data, _("Parking %s: value %u of “%s” is unreadable: skipped"), id, i + 1, attribute->attribute);
    }
}

static void
read_entity (VigieTemporalData *data,
             JsonNode          *node,
             guint              index)
{
  g_autofree char *id = NULL;
  g_autoptr(GList) members = NULL;
  GHashTable *fields;
  JsonObject *entity;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      warn (data, _("Entity %u is not an object: skipped"), index + 1);
      return;
    }
  entity = json_node_get_object (node);

  if (!(id = vigie_json_dup_id (entity, "id")) && !(id = vigie_json_dup_id (entity, "@id")))
    {
      warn (data, _("Entity %u has no id: skipped"), index + 1);
      return;
    }

  fields = g_hash_table_lookup (data->entities, id);
  if (fields == NULL)
    {
      if (g_hash_table_size (data->entities) >= data->limits.max_entities)
        {
          if (!data->full_entities)
            warn (data, _("The broker's answer holds more than %u entities: the rest is not read"),
                  data->limits.max_entities);
          data->full_entities = TRUE;
          return;
        }
      fields = g_hash_table_new_full (vigie_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
      g_hash_table_insert (data->entities, g_strdup (id), fields);
    }

  members = json_object_get_members (entity);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const Attribute *attribute = find_attribute (l->data);
      JsonNode *value = json_object_get_member (entity, l->data);

      if (attribute != NULL && value != NULL && !JSON_NODE_HOLDS_NULL (value))
        read_attribute (data, id, attribute, fields, value);
    }
}

static int
compare_instances (gconstpointer a,
                   gconstpointer b)
{
  const VigieTemporalInstance *x = a, *y = b;

  return (x->time > y->time) - (x->time < y->time);
}

/* Sorted by time, one instance per time: pages of a broker overlap. */
static void
sort_series (GArray *series)
{
  guint kept = 0;

  /* A stable sort: of two instances at one time, the later read wins. */
  g_array_sort (series, compare_instances);
  for (guint i = 0; i < series->len; i++)
    {
      VigieTemporalInstance *instance = &g_array_index (series, VigieTemporalInstance, i);

      if (kept > 0 && g_array_index (series, VigieTemporalInstance, kept - 1).time == instance->time)
        {
          VigieTemporalInstance *previous = &g_array_index (series, VigieTemporalInstance, kept - 1);

          g_free (previous->text);
          *previous = *instance;
          continue;
        }
      if (kept != i)
        g_array_index (series, VigieTemporalInstance, kept) = *instance;
      kept++;
    }
  /* The moved instances' texts now belong to the kept ones. */
  for (guint i = kept; i < series->len; i++)
    g_array_index (series, VigieTemporalInstance, i).text = NULL;
  g_array_set_size (series, kept);
}

/*
 * Public API
 */

/**
 * vigie_temporal_attribute_for_field:
 * @field: a value of Vigie's ("available_spots")
 *
 * Returns: (nullable): the NGSI-LD attribute it is read from
 *   ("availableSpotNumber")
 */
const char *
vigie_temporal_attribute_for_field (const char *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (attributes); i++)
    if (g_str_equal (attributes[i].field, field))
      return attributes[i].attribute;

  return NULL;
}

/**
 * vigie_temporal_data_new:
 * @limits: (nullable): the entities and instances kept at most
 *
 * Returns: (transfer full): an empty set of series
 */
VigieTemporalData *
vigie_temporal_data_new (const VigieTemporalLimits *limits)
{
  VigieTemporalData *data = g_new0 (VigieTemporalData, 1);

  data->limits.max_entities = limits != NULL && limits->max_entities > 0
                                ? limits->max_entities : VIGIE_TEMPORAL_DEFAULT_MAX_ENTITIES;
  data->limits.max_instances = limits != NULL && limits->max_instances > 0
                                 ? limits->max_instances : VIGIE_TEMPORAL_DEFAULT_MAX_INSTANCES;
  data->entities = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_hash_table_unref);
  data->warnings = g_ptr_array_new_with_free_func (g_free);
  data->finished = TRUE;

  return data;
}

void
vigie_temporal_data_free (VigieTemporalData *data)
{
  if (data == NULL)
    return;

  g_clear_pointer (&data->entities, g_hash_table_unref);
  g_clear_pointer (&data->warnings, g_ptr_array_unref);
  g_free (data);
}

/**
 * vigie_temporal_data_parse:
 * @bytes: one page of the broker's answer
 * @n_entities: (out) (optional): how many entities the page holds
 *
 * Adds the page's instances; call vigie_temporal_data_finish() once every
 * page is read.
 *
 * Returns: %FALSE when the page is not UTF-8 JSON holding entities
 */
gboolean
vigie_temporal_data_parse (VigieTemporalData  *data,
                           GBytes             *bytes,
                           guint              *n_entities,
                           GError            **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *list;
  const char *text;
  gsize size;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (n_entities != NULL)
    *n_entities = 0;

  text = g_bytes_get_data (bytes, &size);
  if (size > 0 && !g_utf8_validate_len (text, size, NULL))
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                           _("The broker's answer is not UTF-8 text"));
      return FALSE;
    }

  if (!(root = vigie_json_parse_bytes (bytes, error)))
    return FALSE;

  list = vigie_ngsi_ld_find_entity_list (root, NULL);
  if (list == NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      (json_object_has_member (json_node_get_object (root), "id") ||
       json_object_has_member (json_node_get_object (root), "@id")))
    {
      read_entity (data, root, 0);
      if (n_entities != NULL)
        *n_entities = 1;
      return TRUE;
    }

  if (list == NULL)
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                           _("The broker's answer is not a list of temporal entities"));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (list); i++)
    read_entity (data, json_array_get_element (list, i), i);
  if (n_entities != NULL)
    *n_entities = json_array_get_length (list);

  return TRUE;
}

/**
 * vigie_temporal_data_finish:
 *
 * Sorts every series by time, one instance per time.
 */
void
vigie_temporal_data_finish (VigieTemporalData *data)
{
  GHashTableIter entities;
  GHashTable *fields;

  g_return_if_fail (data != NULL);

  if (data->finished)
    return;

  data->n_instances = 0;
  g_hash_table_iter_init (&entities, data->entities);
  while (g_hash_table_iter_next (&entities, NULL, (gpointer *) &fields))
    {
      GHashTableIter iter;
      GArray *series;

      g_hash_table_iter_init (&iter, fields);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &series))
        {
          sort_series (series);
          data->n_instances += series->len;
        }
    }

  if (data->n_more_warnings > 0)
    {
      g_ptr_array_add (data->warnings,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "And %u more problem in the broker's answer",
                                                     "And %u more problems in the broker's answer",
                                                     data->n_more_warnings),
                                        data->n_more_warnings));
      data->n_more_warnings = 0;
    }
  data->finished = TRUE;
}

/**
 * vigie_temporal_data_get_warnings:
 *
 * Returns: (transfer none) (array zero-terminated=1): what was skipped or
 *   corrected, in words
 */
const char * const *
vigie_temporal_data_get_warnings (VigieTemporalData *data)
{
  g_return_val_if_fail (data != NULL, NULL);

  /* Kept zero-terminated without counting the NULL as a warning. */
  g_ptr_array_add (data->warnings, NULL);
  g_ptr_array_set_size (data->warnings, data->warnings->len - 1);

  return (const char * const *) data->warnings->pdata;
}

guint
vigie_temporal_data_get_n_entities (VigieTemporalData *data)
{
  g_return_val_if_fail (data != NULL, 0);

  return g_hash_table_size (data->entities);
}

guint64
vigie_temporal_data_get_n_instances (VigieTemporalData *data)
{
  g_return_val_if_fail (data != NULL, 0);

  return data->n_instances;
}

gboolean
vigie_temporal_data_has_entity (VigieTemporalData *data,
                                const char        *id)
{
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return g_hash_table_contains (data->entities, id);
}

/**
 * vigie_temporal_data_get_series:
 * @id: an entity's NGSI-LD id
 * @field: a value of Vigie's ("available_spots")
 *
 * Returns: (transfer none) (nullable) (element-type VigieTemporalInstance):
 *   the instances, sorted by time once finished
 */
GArray *
vigie_temporal_data_get_series (VigieTemporalData *data,
                                const char        *id,
                                const char        *field)
{
  GHashTable *fields;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (id != NULL && field != NULL, NULL);

  vigie_temporal_data_finish (data);
  fields = g_hash_table_lookup (data->entities, id);

  return fields != NULL ? g_hash_table_lookup (fields, field) : NULL;
}

/**
 * vigie_temporal_data_value_at:
 * @instance: (out) (transfer none): the instance that held at @time
 *
 * Returns: whether the series has an instance at or before @time
 */
gboolean
vigie_temporal_data_value_at (VigieTemporalData            *data,
                              const char                   *id,
                              const char                   *field,
                              gint64                        time,
                              const VigieTemporalInstance **instance)
{
  GArray *series = vigie_temporal_data_get_series (data, id, field);
  guint low = 0, high;

  g_return_val_if_fail (instance != NULL, FALSE);

  if (series == NULL || series->len == 0 ||
      g_array_index (series, VigieTemporalInstance, 0).time > time)
    return FALSE;

  /* The last instance at or before @time. */
  high = series->len;
  while (high - low > 1)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (series, VigieTemporalInstance, middle).time <= time)
        low = middle;
      else
        high = middle;
    }
  *instance = &g_array_index (series, VigieTemporalInstance, low);

  return TRUE;
}

/**
 * vigie_temporal_data_values_at:
 * @id: an entity's NGSI-LD id
 * @values_now: (nullable): the entity's values as the feed gives them now
 * @time: an instant
 *
 * The entity's values at @time: those of @values_now, each value the
 * broker kept replaced by the one that held then, occupancy worked out
 * again from the counts when the broker keeps none.
 *
 * Returns: (transfer full) (nullable): the values (a{sv}), or %NULL when
 *   the broker knows no value of the entity at @time
 */
GVariant *
vigie_temporal_data_values_at (VigieTemporalData *data,
                               const char        *id,
                               GVariant          *values_now,
                               gint64             time)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (values_now);
  gboolean known = FALSE, has_total, has_occupied, has_available;
  gint64 total = 0, occupied = 0, available = 0;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (attributes); i++)
    {
      const VigieTemporalInstance *instance;
      const char *field = attributes[i].field;

      if (vigie_temporal_data_get_series (data, id, field) == NULL)
        continue;

      if (!vigie_temporal_data_value_at (data, id, field, time, &instance))
        {
          g_variant_dict_remove (&dict, field);
          continue;
        }

      known = TRUE;
      if (instance->text != NULL)
        g_variant_dict_insert (&dict, field, "s", instance->text);
      else if (g_str_equal (field, "occupancy"))
        g_variant_dict_insert (&dict, field, "d", instance->value);
      else
        g_variant_dict_insert (&dict, field, "x", (gint64) instance->value);
    }

  if (!known)
    return NULL;

  /* As the live reader: counts within the capacity. */
  has_total = g_variant_dict_lookup (&dict, "total_spots", "x", &total);
  has_occupied = g_variant_dict_lookup (&dict, "occupied_spots", "x", &occupied);
  has_available = g_variant_dict_lookup (&dict, "available_spots", "x", &available);
  if (has_total && has_available && available > total)
    g_variant_dict_insert (&dict, "available_spots", "x", available = total);
  if (has_total && has_occupied && occupied > total)
    g_variant_dict_insert (&dict, "occupied_spots", "x", occupied = total);

  if (vigie_temporal_data_get_series (data, id, "occupancy") == NULL && has_total && total > 0)
    {
      if (has_occupied)
        g_variant_dict_insert (&dict, "occupancy", "d", (double) occupied / total);
      else if (has_available)
        g_variant_dict_insert (&dict, "occupancy", "d", (double) (total - available) / total);
    }

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}
