/* vigie-entity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-entity"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-entity-instance.h"
#include "vigie-entity-private.h"
#include "vigie-hash.h"

/* One thing on the map, as a feed last described it. Parsers build
 * entities in a worker thread; they never change afterwards (the store
 * replaces them), so layers and panels may read them from anywhere. The
 * values are a GVariant dictionary (a{sv}) with the keys each format
 * documents, so that a layer can style an entity without knowing which
 * standard it came from.
 *
 * Styling reads a handful of those values per entity at every update, and
 * g_variant_lookup_value() allocates a child each time: the scalars are
 * decoded once, when the entity is made (in the parser's worker), into a
 * small table of fields whose keys and strings point into the values'
 * flat bytes. */

G_DEFINE_FINAL_TYPE (VigieEntity, vigie_entity, G_TYPE_OBJECT)

/*
 * GObject overrides
 */

static void
vigie_entity_finalize (GObject *object)
{
  VigieEntity *self = (VigieEntity *)object;

  for (guint i = 0; self->from_fields && i < self->n_fields; i++)
    if (self->fields[i].type == FIELD_OTHER)
      g_clear_pointer (&self->fields[i].other, g_variant_unref);
  if (!self->from_fields)
    g_free (self->fields);
  self->fields = NULL;
  g_clear_pointer (&self->block, g_free);
  g_clear_pointer (&self->values, g_variant_unref);

  G_OBJECT_CLASS (vigie_entity_parent_class)->finalize (object);
}

static void
vigie_entity_class_init (VigieEntityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vigie_entity_finalize;
}

static void
vigie_entity_init (VigieEntity *self)
{
  self->latitude = NAN;
  self->longitude = NAN;
}

/*
 * Auxiliary methods
 */

static void
decode_field (Field    *field,
              GVariant *value)
{
  /* Only scalars are looked up by type; the rest stay in the values. */
  switch ((int) g_variant_classify (value))
    {
    case G_VARIANT_CLASS_INT64:
      field->type = FIELD_INT;
      field->i = g_variant_get_int64 (value);
      break;

    case G_VARIANT_CLASS_INT32:
      field->type = FIELD_INT;
      field->i = g_variant_get_int32 (value);
      break;

    case G_VARIANT_CLASS_UINT32:
      field->type = FIELD_INT;
      field->i = g_variant_get_uint32 (value);
      break;

    case G_VARIANT_CLASS_UINT64:
      field->type = FIELD_UINT64;
      field->u = g_variant_get_uint64 (value);
      break;

    case G_VARIANT_CLASS_DOUBLE:
      field->type = FIELD_DOUBLE;
      field->d = g_variant_get_double (value);
      break;

    case G_VARIANT_CLASS_BOOLEAN:
      field->type = FIELD_BOOLEAN;
      field->b = g_variant_get_boolean (value);
      break;

    case G_VARIANT_CLASS_STRING:
      field->type = FIELD_STRING;
      field->s = g_variant_get_string (value, NULL);
      break;

    default:
      field->type = FIELD_OTHER;
    }
}

/* Once serialised, a variant's children are views of its bytes: the
 * pointers kept in the fields live as long as the values. */
static void
index_fields (VigieEntity *self)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;
  guint i = 0;

  g_variant_get_data (self->values);
  self->n_fields = g_variant_n_children (self->values);
  if (self->n_fields == 0)
    return;

  self->fields = g_new0 (Field, self->n_fields);
  g_variant_iter_init (&iter, self->values);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      self->fields[i].key = key;
      decode_field (&self->fields[i], value);
      g_variant_unref (value);
      i++;
    }
}

/* The first field of that name, as g_variant_lookup_value() finds it. */
const Field *
vigie_entity_find_field (VigieEntity *self,
            const char  *key)
{
  /* Rules and styles look up a handful of keys in tens of thousands of
   * entities per update: the key's first two bytes rule most fields out
   * without a call (many keys start alike: "source", "speed", "stop_id",
   * "start_date"), and a parser's static keys are often the very literal
   * the caller passes (the linker merges equal strings). A key's second
   * byte is read only after its first matched one that is not its end. */
  for (guint i = 0; i < self->n_fields; i++)
    {
      const char *field_key = self->fields[i].key;

      if (field_key == key ||
          (field_key[0] == key[0] && (key[0] == '\0' || field_key[1] == key[1]) && strcmp (field_key, key) == 0))
        return &self->fields[i];
    }

  return NULL;
}

/* Tens of thousands of entities per update: each is two allocations, the
 * object and one block for its fields, key, name and strings, laid out
 * here. @head bytes at the start are left for the fields, @tail at the
 * end for their strings; returns where the tail starts. */
static char *
set_identity (VigieEntity     *self,
              VigieEntityKind  kind,
              const char      *id,
              const char      *name,
              gsize            head,
              gsize            tail)
{
  const char *kind_name = vigie_entity_kind_to_string (kind);
  gsize kind_length = strlen (kind_name);
  gsize id_length = strlen (id);
  gsize name_length = name != NULL ? strlen (name) + 1 : 0;
  char *key;

  self->block = g_malloc (head + kind_length + 1 + id_length + 1 + name_length + tail);
  key = self->block + head;
  memcpy (key, kind_name, kind_length);
  key[kind_length] = '/';
  memcpy (key + kind_length + 1, id, id_length + 1);
  self->kind = kind;
  self->key = key;
  /* Hashed while the key is at hand: a pass over 50,000 entities would
   * fetch each key's line for it. */
  self->key_hash = vigie_str_hash (key);
  self->id = key + kind_length + 1;
  if (name != NULL)
    self->name = memcpy (key + kind_length + 1 + id_length + 1, name, name_length);

  return key + kind_length + 1 + id_length + 1 + name_length;
}

/*
 * Public API
 */

/**
 * vigie_entity_new:
 * @kind: what the entity is
 * @id: its identifier, unique within its feed
 * @name: (nullable): a name for people
 * @latitude: WGS 84 latitude, or NAN when it has no point position
 * @longitude: WGS 84 longitude, or NAN
 * @observed_at: when the feed says the values were true (unix seconds),
 *   or 0 when unknown
 * @values: (nullable): an `a{sv}` dictionary; a floating one is taken,
 *   any other referenced
 *
 * Returns: (transfer full): a new entity
 */
VigieEntity *
vigie_entity_new (VigieEntityKind  kind,
                  const char      *id,
                  const char      *name,
                  double           latitude,
                  double           longitude,
                  gint64           observed_at,
                  GVariant        *values)
{
  VigieEntity *self;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (values == NULL || g_variant_is_of_type (values, G_VARIANT_TYPE_VARDICT), NULL);

  self = g_object_new (VIGIE_TYPE_ENTITY, NULL);
  set_identity (self, kind, id, name, 0, 0);
  self->latitude = latitude;
  self->longitude = longitude;
  self->observed_at = MAX (observed_at, 0);
  self->values = values ? g_variant_ref_sink (values)
                        : g_variant_ref_sink (g_variant_new ("a{sv}", NULL));
  index_fields (self);

  return self;
}

/**
 * vigie_entity_new_from_fields:
 * @kind: what it is
 * @id: its id in the feed
 * @name: (nullable): its name
 * @latitude: where it is, or NAN
 * @longitude: where it is, or NAN
 * @observed_at: when the feed says it was so (unix s), or 0
 * @fields: (array length=n_fields): its values, in order; keys are static
 *   strings, kept as they are; strings are copied; variants are taken
 *   (floating ones sunk)
 * @n_fields: how many
 *
 * The lean way for a parser: no `a{sv}` is built unless someone asks for
 * vigie_entity_get_values(); lookups read the fields directly.
 *
 * Returns: (transfer full): a new entity
 */
VigieEntity *
vigie_entity_new_from_fields (VigieEntityKind         kind,
                              const char             *id,
                              const char             *name,
                              double                  latitude,
                              double                  longitude,
                              gint64                  observed_at,
                              const VigieEntityField *fields,
                              guint                   n_fields)
{
  VigieEntity *self;
  gsize lengths_on_stack[32];
  g_autofree gsize *lengths_on_heap = NULL;
  gsize *lengths = lengths_on_stack;
  gsize n_bytes = 0;
  char *next;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (n_fields == 0 || fields != NULL, NULL);

  /* The strings' room, after the fields and the key; each string measured
   * once (5,000 vehicles of a dozen strings each). */
  if (n_fields > G_N_ELEMENTS (lengths_on_stack))
    lengths = lengths_on_heap = g_new (gsize, n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].type == VIGIE_ENTITY_FIELD_STRING)
      n_bytes += lengths[i] = strlen (fields[i].s) + 1;

  self = g_object_new (VIGIE_TYPE_ENTITY, NULL);
  next = set_identity (self, kind, id, name, n_fields * sizeof (Field), n_bytes);
  self->latitude = latitude;
  self->longitude = longitude;
  self->observed_at = MAX (observed_at, 0);
  self->from_fields = TRUE;
  self->n_fields = n_fields;
  self->fields = (Field *) (gpointer) self->block;

  for (guint i = 0; i < n_fields; i++)
    {
      Field *field = &self->fields[i];

      /* Every byte set: same_values() compares doubles bit for bit. */
      memset (field, 0, sizeof *field);
      field->key = fields[i].key;
      switch (fields[i].type)
        {
        case VIGIE_ENTITY_FIELD_INT:
          field->type = FIELD_INT;
          field->i = fields[i].i;
          break;
        case VIGIE_ENTITY_FIELD_DOUBLE:
          field->type = FIELD_DOUBLE;
          field->d = fields[i].d;
          break;
        case VIGIE_ENTITY_FIELD_BOOLEAN:
          field->type = FIELD_BOOLEAN;
          field->b = !!fields[i].b;
          break;
        case VIGIE_ENTITY_FIELD_STRING:
          field->type = FIELD_STRING;
          field->s = memcpy (next, fields[i].s, lengths[i]);
          next += lengths[i];
          break;
        case VIGIE_ENTITY_FIELD_VARIANT:
        default:
          field->type = FIELD_OTHER;
          field->other = g_variant_ref_sink (fields[i].v);
          /* A builder's variant is a tree of variants (seven for a
           * station's two vehicle types): serialised, one block, a
           * fifth of the memory (heaptrack, 109,000 entities). */
          g_variant_get_data (field->other);
          break;
        }
    }

  return self;
}

GVariant *
vigie_entity_field_to_variant (const Field *field)
{
  switch (field->type)
    {
    case FIELD_INT:     return g_variant_new_int64 (field->i);
    case FIELD_UINT64:  return g_variant_new_uint64 (field->u);
    case FIELD_DOUBLE:  return g_variant_new_double (field->d);
    case FIELD_BOOLEAN: return g_variant_new_boolean (field->b);
    case FIELD_STRING:  return g_variant_new_string (field->s);
    case FIELD_OTHER:
    default:            return field->other;
    }
}

/* The a{sv} of an entity made from fields, made once, from any thread. */
static GVariant *
ensure_values (VigieEntity *self)
{
  GVariant *values = g_atomic_pointer_get (&self->values);
  g_autofree GVariant **entries = NULL;

  if (values != NULL)
    return values;

  entries = g_new (GVariant *, MAX (self->n_fields, 1));
  for (guint i = 0; i < self->n_fields; i++)
    entries[i] = g_variant_new_dict_entry (g_variant_new_string (self->fields[i].key),
                                           g_variant_new_variant (vigie_entity_field_to_variant (&self->fields[i])));
  values = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sv}"), entries, self->n_fields));

  if (!g_atomic_pointer_compare_and_exchange (&self->values, NULL, values))
    {
      g_variant_unref (values);
      values = g_atomic_pointer_get (&self->values);
    }

  return values;
}

/**
 * vigie_entity_copy:
 * @self: a #VigieEntity
 *
 * A new entity with the same kind, id, name, position, time and values
 * (shared, being immutable), for a combination that shows an entity of an
 * earlier snapshot: the engine stamps the entities it shows, and two
 * combinations may run at once in workers.
 *
 * Returns: (transfer full): the copy, not yet stamped
 */
VigieEntity *
vigie_entity_copy (VigieEntity *self)
{
  VigieEntity *copy;

  g_return_val_if_fail (VIGIE_IS_ENTITY (self), NULL);

  /* Lean stays lean: no a{sv} made for the copy. */
  if (self->from_fields)
    return vigie_entity_new_with_fields (self, NULL, self->name, NULL, 0);

  /* The values shared, their index can be too: its pointers are into the
   * values' bytes. Walking the a{sv} again took a combination of 13,000
   * parking places two thirds of its time (perf, the app at 109,000
   * entities). */
  copy = g_object_new (VIGIE_TYPE_ENTITY, NULL);
  set_identity (copy, self->kind, self->id, self->name, 0, 0);
  copy->latitude = self->latitude;
  copy->longitude = self->longitude;
  copy->observed_at = self->observed_at;
  copy->values = g_variant_ref (self->values);
  copy->n_fields = self->n_fields;
  if (self->n_fields > 0)
    copy->fields = g_memdup2 (self->fields, self->n_fields * sizeof (Field));

  return copy;
}

/**
 * vigie_entity_new_with_fields:
 * @base: a #VigieEntity
 * @id: (nullable): the new entity's id, or %NULL for @base's
 * @name: (nullable): the new entity's name
 * @fields: (array length=n_fields) (nullable): values to add, as for
 *   vigie_entity_new_from_fields(); one whose key @base has is left out
 * @n_fields: how many
 *
 * A new entity made from fields, of the same kind, position and time as
 * @base (and id, unless @id is given): @base's values, then those of
 * @fields it lacks. What a combination adds to a feed's entity (a tram's
 * line from the timetable, a stop's arrivals, a ghost tram's mark)
 * without an `a{sv}` made for each. The keys of an entity made from an
 * `a{sv}` are interned: a parser's own, never a feed's; its 32-bit
 * integers become int64, as the lookups read them.
 *
 * Returns: (transfer full): the new entity, not yet stamped
 */
VigieEntity *
vigie_entity_new_with_fields (VigieEntity            *base,
                              const char             *id,
                              const char             *name,
                              const VigieEntityField *fields,
                              guint                   n_fields)
{
  g_autofree VigieEntityField *all = NULL;
  g_autoptr(GPtrArray) held = NULL;
  guint n = 0;

  g_return_val_if_fail (VIGIE_IS_ENTITY (base), NULL);
  g_return_val_if_fail (n_fields == 0 || fields != NULL, NULL);

  all = g_new (VigieEntityField, base->n_fields + n_fields);
  if (base->from_fields)
    {
      for (guint i = 0; i < base->n_fields; i++)
        {
          const Field *field = &base->fields[i];
          VigieEntityField *to = &all[n++];

          to->key = field->key;
          switch (field->type)
            {
            case FIELD_INT:     to->type = VIGIE_ENTITY_FIELD_INT;     to->i = field->i; break;
            case FIELD_DOUBLE:  to->type = VIGIE_ENTITY_FIELD_DOUBLE;  to->d = field->d; break;
            case FIELD_BOOLEAN: to->type = VIGIE_ENTITY_FIELD_BOOLEAN; to->b = field->b; break;
            case FIELD_STRING:  to->type = VIGIE_ENTITY_FIELD_STRING;  to->s = field->s; break;
            case FIELD_UINT64:
            case FIELD_OTHER:
            default:
              to->type = VIGIE_ENTITY_FIELD_VARIANT;
              to->v = field->type == FIELD_UINT64 ? g_variant_new_uint64 (field->u) : field->other;
              break;
            }
        }
    }
  else
    {
      GVariantIter iter;
      const char *key;
      GVariant *value;

      /* Integers become int64, as the lookups read them; types other
       * than numbers, booleans and strings stay variants. */
      held = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
      g_variant_iter_init (&iter, base->values);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          VigieEntityField *to = &all[n++];

          to->key = g_intern_string (key);
          switch ((int) g_variant_classify (value))
            {
            case G_VARIANT_CLASS_INT64:   to->type = VIGIE_ENTITY_FIELD_INT;     to->i = g_variant_get_int64 (value); break;
            case G_VARIANT_CLASS_INT32:   to->type = VIGIE_ENTITY_FIELD_INT;     to->i = g_variant_get_int32 (value); break;
            case G_VARIANT_CLASS_UINT32:  to->type = VIGIE_ENTITY_FIELD_INT;     to->i = g_variant_get_uint32 (value); break;
            case G_VARIANT_CLASS_DOUBLE:  to->type = VIGIE_ENTITY_FIELD_DOUBLE;  to->d = g_variant_get_double (value); break;
            case G_VARIANT_CLASS_BOOLEAN: to->type = VIGIE_ENTITY_FIELD_BOOLEAN; to->b = g_variant_get_boolean (value); break;
            case G_VARIANT_CLASS_STRING:  to->type = VIGIE_ENTITY_FIELD_STRING;  to->s = g_variant_get_string (value, NULL); break;
            default:                      to->type = VIGIE_ENTITY_FIELD_VARIANT; to->v = value; break;
            }
          g_ptr_array_add (held, value);
        }
    }

  for (guint i = 0; i < n_fields; i++)
    if (vigie_entity_find_field (base, fields[i].key) == NULL)
      all[n++] = fields[i];

  return vigie_entity_new_from_fields (base->kind, id != NULL ? id : base->id, name,
                                       base->latitude, base->longitude,
                                       base->observed_at, all, n);
}

/**
 * vigie_entity_copy_with_values:
 * @self: a #VigieEntity
 * @values: (nullable): the copy's values, as for vigie_entity_new()
 *
 * A new entity with the same kind, id, name, position and time as @self
 * but other values: what a combination, a replay or a view says of an
 * entity beside what its feed said.
 *
 * Returns: (transfer full): the copy, not yet stamped
 */
VigieEntity *
vigie_entity_copy_with_values (VigieEntity *self,
                               GVariant    *values)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (self), NULL);

  return vigie_entity_new (self->kind, self->id, self->name,
                           self->latitude, self->longitude,
                           self->observed_at, values);
}

VigieEntityKind
vigie_entity_get_kind (VigieEntity *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (self), 0);

  return self->kind;
}

const char *
vigie_entity_get_id (VigieEntity *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (self), NULL);

  return self->id;
}

/**
 * vigie_entity_make_key:
 * @kind: a kind of entity
 * @id: an id
 *
 * Feeds may reuse one id for a station and a vehicle (GBFS does): what is
 * unique in a feed is the pair.
 *
 * Returns: (transfer full): the key of (@kind, @id)
 */
char *
vigie_entity_make_key (VigieEntityKind  kind,
                       const char      *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_strconcat (vigie_entity_kind_to_string (kind), "/", id, NULL);
}

/**
 * vigie_entity_get_key:
 * @self: a #VigieEntity
 *
 * Returns: the entity's key, unique within its feed
 */
const char *
vigie_entity_get_key (VigieEntity *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (self), NULL);

  return self->key;
}

/**
 * vigie_entity_get_name:
 * @self: a #VigieEntity
 *
 * Returns: (nullable): the name, as the feed gave it: plain text, never
 *   markup
 */
const char *
vigie_entity_get_name (VigieEntity *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (self), NULL);

  return self->name;
}

double
vigie_entity_get_latitude (VigieEntity *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (self), NAN);

  return self->latitude;
}

double
vigie_entity_get_longitude (VigieEntity *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (self), NAN);

  return self->longitude;
}

gboolean
vigie_entity_has_position (VigieEntity *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (self), FALSE);

  return isfinite (self->latitude) && isfinite (self->longitude);
}

gint64
vigie_entity_get_observed_at (VigieEntity *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (self), 0);

  return self->observed_at;
}

/**
 * vigie_entity_get_values:
 * @self: a #VigieEntity
 *
 * Returns: (transfer none): the `a{sv}` values
 */
GVariant *
vigie_entity_get_values (VigieEntity *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (self), NULL);

  return ensure_values (self);
}

/**
 * vigie_entity_get_value_changed_at:
 * @self: a #VigieEntity
 *
 * Returns: when the store first saw the current values (unix seconds), or
 *   0 before the entity was applied to a store
 */
gint64
vigie_entity_get_value_changed_at (VigieEntity *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (self), 0);

  return self->value_changed_at;
}

void
vigie_entity_set_value_changed_at (VigieEntity *self,
                                   gint64       value_changed_at)
{
  g_return_if_fail (VIGIE_IS_ENTITY (self));

  self->value_changed_at = value_changed_at;
}

/**
 * vigie_entity_same_values:
 * @self: a #VigieEntity
 * @other: another #VigieEntity
 *
 * Whether the two say the same thing: position and values, not the time
 * they were reported. This is what "value frozen" is measured on.
 */
gboolean
vigie_entity_same_values (VigieEntity *self,
                          VigieEntity *other)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (self), FALSE);
  g_return_val_if_fail (VIGIE_IS_ENTITY (other), FALSE);

  if (vigie_entity_has_position (self) != vigie_entity_has_position (other))
    return FALSE;

  if (vigie_entity_has_position (self) &&
      (self->latitude != other->latitude || self->longitude != other->longitude))
    return FALSE;

  /* Field by field, without making the values of either. */
  if (self->n_fields != other->n_fields)
    return FALSE;
  for (guint i = 0; i < self->n_fields; i++)
    {
      const Field *a = &self->fields[i];
      const Field *b = &other->fields[i];

      /* Keys are most often the parser's same static strings. */
      if (a->type != b->type || (a->key != b->key && strcmp (a->key, b->key) != 0))
        return FALSE;

      switch (a->type)
        {
        case FIELD_INT:     if (a->i != b->i) return FALSE; break;
        case FIELD_UINT64:  if (a->u != b->u) return FALSE; break;
        case FIELD_DOUBLE:  if (memcmp (&a->d, &b->d, sizeof a->d) != 0) return FALSE; break;
        case FIELD_BOOLEAN: if (a->b != b->b) return FALSE; break;
        case FIELD_STRING:  if (strcmp (a->s, b->s) != 0) return FALSE; break;
        case FIELD_OTHER:
        default:
          if (a->other != NULL && b->other != NULL)
            {
              if (!g_variant_equal (a->other, b->other))
                return FALSE;
            }
          else
            /* Values decoded from an a{sv} keep their others there. */
            return g_variant_equal (ensure_values (self), ensure_values (other));
        }
    }

  return TRUE;
}

/* Its kind, key, name and position, for the columns of 50,000 entities
 * (vigie-entity-columns.c): one call, not six. */
void
vigie_entity_get_identity (VigieEntity         *self,
                           VigieEntityIdentity *identity)
{
  identity->kind = self->kind;
  identity->key_hash = self->key_hash;
  identity->key = self->key;
  identity->name = self->name;
  identity->latitude = self->latitude;
  identity->longitude = self->longitude;
}

/* What the states of a thing are filed under (vigie-alert-states.c),
 * without reading its key. */
guint
vigie_entity_get_key_hash (VigieEntity *self)
{
  return self->key_hash;
}

/* For a pass over tens of thousands of entities that reads their values
 * (the alert rules): asks for the lines of @self's fields, key and what
 * follows it (its name, its first strings) a few entities before they
 * are read, for the memory to fetch them side by side. @self's instance
 * must be in the cache already (a prefetch a few entities earlier). */
void
vigie_entity_prefetch (VigieEntity *self)
{
  const char *fields = (const char *) self->fields;
  gsize size = self->n_fields * sizeof (Field);

  for (gsize offset = 0; offset < size; offset += 64)
    __builtin_prefetch (fields + offset);

  /* Made from fields, the key follows them, then the name and strings
   * (a prefetch past the block's end is harmless: it never faults). */
  __builtin_prefetch (self->key);
  __builtin_prefetch ((gconstpointer) ((guintptr) self->key + 64));
}

const char *
vigie_entity_kind_to_string (VigieEntityKind kind)
{
  switch (kind)
    {
    case VIGIE_ENTITY_STATION:  return "station";
    case VIGIE_ENTITY_VEHICLE:  return "vehicle";
    case VIGIE_ENTITY_STOP:     return "stop";
    case VIGIE_ENTITY_ZONE:     return "zone";
    case VIGIE_ENTITY_CAR_PARK: return "car-park";
    case VIGIE_ENTITY_HOTSPOT:  return "hotspot";
    case VIGIE_ENTITY_LINE:     return "line";
    default:
      g_return_val_if_reached (NULL);
    }
}
