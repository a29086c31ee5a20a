/* vigie-entity-list-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_ENTITY_LIST_MODEL (vigie_entity_list_model_get_type())

G_DECLARE_FINAL_TYPE (VigieEntityListModel, vigie_entity_list_model, VIGIE, ENTITY_LIST_MODEL, GObject)

VigieEntityListModel *vigie_entity_list_model_new       (GListModel           *model);
GListModel           *vigie_entity_list_model_get_model (VigieEntityListModel *self);
void                  vigie_entity_list_model_set_model (VigieEntityListModel *self,
                                                         GListModel           *model);

G_END_DECLS
