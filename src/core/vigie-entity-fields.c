/* vigie-entity-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-entity"

#include "config.h"

#include <string.h>

#include "vigie-entity-instance.h"
#include "vigie-entity-private.h"

/* An entity's values read: by key, a field at a time, or as a variant.
 * See vigie-entity.c for how the fields are made. */

/* What vigie_entity_lookup_*() make of the first field of their key; a
 * NULL field is none. */
gboolean
vigie_entity_field_int (const VigieEntityFieldRef *ref,
                        gint64                    *value)
{
  const Field *field = (const Field *) (gconstpointer) ref;
  gint64 result;

  if (field == NULL)
    return FALSE;

  if (field->type == FIELD_INT)
    result = field->i;
  else if (field->type == FIELD_UINT64 && field->u <= G_MAXINT64)
    result = (gint64) field->u;
  else
    return FALSE;

  if (value != NULL)
    *value = result;

  return TRUE;
}

gboolean
vigie_entity_field_double (const VigieEntityFieldRef *ref,
                           double                    *value)
{
  const Field *field = (const Field *) (gconstpointer) ref;
  gint64 i;

  if (field != NULL && field->type == FIELD_DOUBLE)
    {
      if (value != NULL)
        *value = field->d;
      return TRUE;
    }

  if (vigie_entity_field_int (ref, &i))
    {
      if (value != NULL)
        *value = (double) i;
      return TRUE;
    }

  return FALSE;
}

gboolean
vigie_entity_field_boolean (const VigieEntityFieldRef *ref,
                            gboolean                  *value)
{
  const Field *field = (const Field *) (gconstpointer) ref;

  if (field == NULL || field->type != FIELD_BOOLEAN)
    return FALSE;

  if (value != NULL)
    *value = field->b;

  return TRUE;
}

const char *
vigie_entity_field_string (const VigieEntityFieldRef *ref)
{
  const Field *field = (const Field *) (gconstpointer) ref;

  if (field == NULL || field->type != FIELD_STRING)
    return NULL;

  return field->s;
}

/* A key's first two bytes, as a bit of 64: most fields are none of the
 * keys asked for, and are ruled out by one test. */
static inline guint
key_bit (const char *key)
{
  guint8 a = (guint8) key[0], b = a != '\0' ? (guint8) key[1] : 0;

  return (a * 31u + b) & 63;
}

void
vigie_entity_find_fields (VigieEntity                *self,
                          const char * const         *keys,
                          guint                       n_keys,
                          const VigieEntityFieldRef **found)
{
  guint64 mask = 0;
  guint n_left = n_keys;

  g_return_if_fail (VIGIE_IS_ENTITY (self));
  g_return_if_fail (n_keys <= 32);

  for (guint k = 0; k < n_keys; k++)
    {
      found[k] = NULL;
      mask |= G_GUINT64_CONSTANT (1) << key_bit (keys[k]);
    }

  for (guint i = 0; i < self->n_fields && n_left > 0; i++)
    {
      const char *field_key = self->fields[i].key;

      if (!((mask >> key_bit (field_key)) & 1))
        continue;

      for (guint k = 0; k < n_keys; k++)
        if (found[k] == NULL &&
            (field_key == keys[k] || (field_key[0] == keys[k][0] && strcmp (field_key, keys[k]) == 0)))
          {
            found[k] = (const VigieEntityFieldRef *) (gconstpointer) &self->fields[i];
            n_left--;
            break;
          }
    }
}

/**
 * vigie_entity_lookup_int:
 * @self: a #VigieEntity
 * @key: a value's key
 * @value: (out) (optional): where to put the value
 *
 * Reads an integer value, whatever integer type the parser stored.
 *
 * Returns: %TRUE if @key holds an integer
 */
gboolean
vigie_entity_lookup_int (VigieEntity *self,
                         const char  *key,
                         gint64      *value)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return vigie_entity_field_int ((const VigieEntityFieldRef *) (gconstpointer) vigie_entity_find_field (self, key), value);
}

gboolean
vigie_entity_lookup_double (VigieEntity *self,
                            const char  *key,
                            double      *value)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return vigie_entity_field_double ((const VigieEntityFieldRef *) (gconstpointer) vigie_entity_find_field (self, key), value);
}

gboolean
vigie_entity_lookup_boolean (VigieEntity *self,
                             const char  *key,
                             gboolean    *value)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  return vigie_entity_field_boolean ((const VigieEntityFieldRef *) (gconstpointer) vigie_entity_find_field (self, key), value);
}

const char *
vigie_entity_lookup_string (VigieEntity *self,
                            const char  *key)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return vigie_entity_field_string ((const VigieEntityFieldRef *) (gconstpointer) vigie_entity_find_field (self, key));
}

gboolean
vigie_entity_values_made (VigieEntity *self)
{
  return g_atomic_pointer_get (&self->values) != NULL;
}

/**
 * vigie_entity_dup_value:
 * @self: a #VigieEntity
 * @key: a value's name
 * @expected_type: (nullable): the type it must have
 *
 * What g_variant_lookup_value() finds in vigie_entity_get_values(),
 * without making the `a{sv}` of an entity made from fields: styling asks
 * every entity of a feed for a value or two, and keeping a dictionary per
 * entity for that doubled their memory.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when there is
 *   none of that type
 */
GVariant *
vigie_entity_dup_value (VigieEntity        *self,
                        const char         *key,
                        const GVariantType *expected_type)
{
  const Field *field;
  GVariant *value;

  g_return_val_if_fail (VIGIE_IS_ENTITY (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!self->from_fields)
    return g_variant_lookup_value (self->values, key, expected_type);

  if ((field = vigie_entity_find_field (self, key)) == NULL)
    return NULL;

  value = field->type == FIELD_OTHER ? g_variant_ref (field->other) : g_variant_ref_sink (vigie_entity_field_to_variant (field));
  if (expected_type != NULL && !g_variant_is_of_type (value, expected_type))
    g_clear_pointer (&value, g_variant_unref);

  return value;
}
