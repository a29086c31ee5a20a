/* vigie-entity-list-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-style.h"

G_BEGIN_DECLS

/* The columns a layer's list sorts by. */
typedef enum
{
  VIGIE_ENTITY_LIST_COLUMN_NAME,
  VIGIE_ENTITY_LIST_COLUMN_STATE,
  VIGIE_ENTITY_LIST_COLUMN_VALUE,
  VIGIE_ENTITY_LIST_COLUMN_AGE,
} VigieEntityListColumn;

#define VIGIE_ENTITY_LIST_N_COLUMNS (VIGIE_ENTITY_LIST_COLUMN_AGE + 1)

/* One column of a sort, the first one deciding, the next ones breaking ties. */
typedef struct
{
  VigieEntityListColumn column;
  gboolean              descending;
} VigieEntityListSort;

/* Past this many items, a new model is first sorted in a worker. */
#define VIGIE_ENTITY_LIST_MODEL_SYNC_MAX 2000

/* Past this many runs an update is told in fewer, larger ones. */
#define VIGIE_ENTITY_LIST_MODEL_MAX_RUNS 16

#define VIGIE_TYPE_ENTITY_LIST_MODEL (vigie_entity_list_model_get_type())

G_DECLARE_FINAL_TYPE (VigieEntityListModel, vigie_entity_list_model, VIGIE, ENTITY_LIST_MODEL, GObject)

VigieEntityListModel *vigie_entity_list_model_new            (GListModel                 *model,
                                                              VigieFeedKind               kind);
GListModel           *vigie_entity_list_model_get_model      (VigieEntityListModel       *self);
void                  vigie_entity_list_model_set_model      (VigieEntityListModel       *self,
                                                              GListModel                 *model);
void                  vigie_entity_list_model_set_thresholds (VigieEntityListModel       *self,
                                                              const VigieStyleThresholds *thresholds);
void                  vigie_entity_list_model_set_sort       (VigieEntityListModel       *self,
                                                              const VigieEntityListSort  *sort,
                                                              guint                       n_sort);
guint                 vigie_entity_list_model_find           (VigieEntityListModel       *self,
                                                              const char                 *key);
gboolean              vigie_entity_list_model_get_busy       (VigieEntityListModel       *self);

G_END_DECLS
