/* vigie-entity-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-entity.h"

G_BEGIN_DECLS

/* Only the store sets this, before the entity is visible to anyone. */
void vigie_entity_set_value_changed_at (VigieEntity *self,
                                        gint64       value_changed_at);

/* For tests: whether the a{sv} of an entity made from fields was made. */
gboolean vigie_entity_values_made (VigieEntity *self);

/* For the alert rules' pass over 50,000 entities an update. */
guint vigie_entity_get_key_hash (VigieEntity *self);
void  vigie_entity_prefetch     (VigieEntity *self);

/* What the columns read of every entity, in one call. */
typedef struct
{
  VigieEntityKind  kind;
  guint            key_hash;
  const char      *key;
  const char      *name;
  double           latitude;
  double           longitude;
} VigieEntityIdentity;

void vigie_entity_get_identity (VigieEntity         *self,
                                VigieEntityIdentity *identity);

/* One of an entity's fields, read as vigie_entity_lookup_*() read it. */
typedef struct _VigieEntityFieldRef VigieEntityFieldRef;

/* The columns read several keys of each of 50,000 entities: one walk over
 * its fields finds the first field of each of @keys (at most 32), or NULL. */
void        vigie_entity_find_fields   (VigieEntity                *self,
                                        const char * const         *keys,
                                        guint                       n_keys,
                                        const VigieEntityFieldRef **found);
gboolean    vigie_entity_field_int     (const VigieEntityFieldRef  *field,
                                        gint64                     *value);
gboolean    vigie_entity_field_double  (const VigieEntityFieldRef  *field,
                                        double                     *value);
gboolean    vigie_entity_field_boolean (const VigieEntityFieldRef  *field,
                                        gboolean                   *value);
const char *vigie_entity_field_string  (const VigieEntityFieldRef  *field);

G_END_DECLS
