/* vigie-entity-instance.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-entity.h"

G_BEGIN_DECLS

/* VigieEntity's instance, shared by the files it is split into and
 * included by them alone:
 *
 *   vigie-entity.c         the object: made, copied, compared, its identity
 *   vigie-entity-fields.c  its values read: lookups, field references,
 *                          one value as a variant
 */

typedef enum
{
  FIELD_OTHER,
  FIELD_INT,
  FIELD_UINT64,
  FIELD_DOUBLE,
  FIELD_BOOLEAN,
  FIELD_STRING,
} FieldType;

typedef struct
{
  const char *key;              /* into the values' bytes, or static */
  FieldType   type;
  union {
    gint64      i;
    guint64     u;
    double      d;
    gboolean    b;
    const char *s;              /* into the values' bytes, or the entity's strings */
    GVariant   *other;          /* a FIELD_OTHER of an entity made from fields, else NULL */
  };
} Field;

struct _VigieEntity
{
  GObject          parent_instance;

  /* What a pass over every entity of a snapshot reads (the alert rules,
   * the styles) first, next to the instance's header: one or two cache
   * lines, not three. */
  VigieEntityKind  kind;
  guint            key_hash;    /* vigie_str_hash (key) */
  Field           *fields;      /* into the block, if from fields */
  guint            n_fields;
  guint            from_fields : 1;
  const char      *key;         /* into the block */
  double           latitude;
  double           longitude;

  const char      *id;          /* the end of the key */
  const char      *name;        /* into the block, or NULL */
  gint64           observed_at;
  gint64           value_changed_at;
  GVariant        *values;      /* made when first asked for, if from fields */
  char            *block;       /* one allocation: the fields (if from fields), the key, the name, the fields' strings */
};

const Field *vigie_entity_find_field       (VigieEntity *self,
                                            const char  *key);
GVariant    *vigie_entity_field_to_variant (const Field *field);

G_END_DECLS
