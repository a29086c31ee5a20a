/* vigie-departure-board.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-entity.h"
#include "vigie-feed.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_DEPARTURE_BOARD (vigie_departure_board_get_type())

G_DECLARE_FINAL_TYPE (VigieDepartureBoard, vigie_departure_board, VIGIE, DEPARTURE_BOARD, GtkBox)

GtkWidget *vigie_departure_board_new          (void);
gboolean   vigie_departure_board_show         (VigieDepartureBoard *self,
                                               VigieFeed           *feed,
                                               VigieEntity         *entity);
VigieEntity *vigie_departure_board_leave_out  (VigieEntity         *entity);
guint      vigie_departure_board_get_n_groups (VigieDepartureBoard *self);

G_END_DECLS
