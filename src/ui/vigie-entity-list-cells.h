/* vigie-entity-list-cells.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-entity.h"
#include "vigie-map-layer.h"

G_BEGIN_DECLS

void vigie_entity_list_cell_setup_name  (GtkSignalListItemFactory *factory,
                                         GtkListItem              *item,
                                         gpointer                  user_data);
void vigie_entity_list_cell_setup_state (GtkSignalListItemFactory *factory,
                                         GtkListItem              *item,
                                         gpointer                  user_data);
void vigie_entity_list_cell_setup_value (GtkSignalListItemFactory *factory,
                                         GtkListItem              *item,
                                         gpointer                  user_data);
void vigie_entity_list_cell_setup_age   (GtkSignalListItemFactory *factory,
                                         GtkListItem              *item,
                                         gpointer                  user_data);

void vigie_entity_list_cell_fill_name   (VigieMapLayer *layer,
                                         GtkListItem   *item,
                                         VigieEntity   *entity);
void vigie_entity_list_cell_fill_state  (VigieMapLayer *layer,
                                         GtkListItem   *item,
                                         VigieEntity   *entity);
void vigie_entity_list_cell_fill_value  (VigieMapLayer *layer,
                                         GtkListItem   *item,
                                         VigieEntity   *entity);
void vigie_entity_list_cell_fill_age    (VigieMapLayer *layer,
                                         GtkListItem   *item,
                                         VigieEntity   *entity);

void vigie_entity_list_cell_show_age    (GtkListItem   *item,
                                         VigieEntity   *entity,
                                         gint64         now);

G_END_DECLS
