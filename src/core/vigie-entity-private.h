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

G_END_DECLS
