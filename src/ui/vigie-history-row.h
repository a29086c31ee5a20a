/* vigie-history-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-feed.h"
#include "vigie-history.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_HISTORY_ROW (vigie_history_row_get_type())

G_DECLARE_FINAL_TYPE (VigieHistoryRow, vigie_history_row, VIGIE, HISTORY_ROW, AdwActionRow)

GtkWidget *vigie_history_row_new          (VigieFeed       *feed,
                                           VigieHistory    *history);
gboolean   vigie_history_row_is_loaded    (VigieHistoryRow *self);
guint      vigie_history_row_get_n_events (VigieHistoryRow *self);

G_END_DECLS
