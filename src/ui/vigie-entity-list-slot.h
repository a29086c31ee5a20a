/* vigie-entity-list-slot.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-entity.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_ENTITY_LIST_SLOT (vigie_entity_list_slot_get_type())

G_DECLARE_FINAL_TYPE (VigieEntityListSlot, vigie_entity_list_slot, VIGIE, ENTITY_LIST_SLOT, GObject)

VigieEntityListSlot *vigie_entity_list_slot_new        (guint                position,
                                                        VigieEntity         *entity);
guint                vigie_entity_list_slot_get_position (VigieEntityListSlot *self);
VigieEntity         *vigie_entity_list_slot_get_entity (VigieEntityListSlot *self);
void                 vigie_entity_list_slot_set_entity (VigieEntityListSlot *self,
                                                        VigieEntity         *entity);

G_END_DECLS
