/* vigie-key-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vigie-entity-private.h"
#include "vigie-key-table.h"

/* Room for @n_entities at most half full. */
void
vigie_key_table_init (VigieKeyTable *self,
                      guint          n_entities)
{
  guint n_slots = 64;

  while (n_slots < n_entities * 2)
    n_slots *= 2;
  self->slots = g_malloc0 (n_slots * sizeof self->slots[0]);
  self->mask = n_slots - 1;
}

void
vigie_key_table_clear (VigieKeyTable *self)
{
  g_clear_pointer (&self->slots, g_free);
  self->mask = 0;
}

/* The slot of the entity of @entity's key among @entities (its position
 * set), or the empty slot where it goes (position 0): fill it with
 * vigie_key_slot_fill(). */
VigieKeySlot *
vigie_key_table_lookup (VigieKeyTable *self,
                        GPtrArray     *entities,
                        VigieEntity   *entity)
{
  guint32 hash = vigie_entity_get_key_hash (entity);
  const char *key = vigie_entity_get_key (entity);
  guint slot;

  for (slot = hash & self->mask; self->slots[slot].position != 0; slot = (slot + 1) & self->mask)
    {
      VigieEntity *other = g_ptr_array_index (entities, self->slots[slot].position - 1);

      if (self->slots[slot].hash == hash && strcmp (vigie_entity_get_key (other), key) == 0)
        break;
    }

  return &self->slots[slot];
}

void
vigie_key_slot_fill (VigieKeySlot *slot,
                     VigieEntity  *entity,
                     guint         position)
{
  slot->hash = vigie_entity_get_key_hash (entity);
  slot->position = position + 1;
}
