/* vigie-entity-list-slots.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-entity-list-model.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_ENTITY_LIST_SLOTS (vigie_entity_list_slots_get_type())

G_DECLARE_FINAL_TYPE (VigieEntityListSlots, vigie_entity_list_slots, VIGIE, ENTITY_LIST_SLOTS, GObject)

VigieEntityListSlots *vigie_entity_list_slots_new     (VigieEntityListModel *rows);
guint                 vigie_entity_list_slots_get_n_live (VigieEntityListSlots *self);

G_END_DECLS
