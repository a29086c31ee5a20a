/* vigie-key-table.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vigie-entity.h"

G_BEGIN_DECLS

/* Entities of an array found by their key, through the hash each entity
 * keeps (no key hashed again, no key copied): an open-addressing table of
 * their positions in the array, which the caller owns. */
typedef struct
{
  guint32 hash;
  guint32 position;   /* in the array + 1; 0: empty */
} VigieKeySlot;

typedef struct
{
  VigieKeySlot *slots;
  guint         mask;
} VigieKeyTable;

void          vigie_key_table_init   (VigieKeyTable *self,
                                      guint          n_entities);
void          vigie_key_table_clear  (VigieKeyTable *self);
VigieKeySlot *vigie_key_table_lookup (VigieKeyTable *self,
                                      GPtrArray     *entities,
                                      VigieEntity   *entity);
void          vigie_key_slot_fill    (VigieKeySlot  *slot,
                                      VigieEntity   *entity,
                                      guint          position);

G_END_DECLS
