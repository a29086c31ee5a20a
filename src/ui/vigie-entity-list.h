/* vigie-entity-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-map-layer.h"

G_BEGIN_DECLS

/* How often the age column is written again: "2 min ago" goes stale. */
#define VIGIE_ENTITY_LIST_AGE_REFRESH_S 5

#define VIGIE_TYPE_ENTITY_LIST (vigie_entity_list_get_type())

G_DECLARE_FINAL_TYPE (VigieEntityList, vigie_entity_list, VIGIE, ENTITY_LIST, GtkWidget)

GtkWidget     *vigie_entity_list_new             (VigieMapLayer   *layer);
VigieMapLayer *vigie_entity_list_get_layer       (VigieEntityList *self);
GtkColumnView *vigie_entity_list_get_column_view (VigieEntityList *self);
GListModel    *vigie_entity_list_get_rows        (VigieEntityList *self);
VigieEntity   *vigie_entity_list_get_selected    (VigieEntityList *self);
gboolean       vigie_entity_list_select          (VigieEntityList *self,
                                                  VigieEntity     *entity);
void           vigie_entity_list_sort_by         (VigieEntityList *self,
                                                  const char      *column,
                                                  GtkSortType      order);
void           vigie_entity_list_refresh_ages    (VigieEntityList *self);

G_END_DECLS
