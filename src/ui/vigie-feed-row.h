/* vigie-feed-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-feed.h"
#include "vigie-feed-manager.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_FEED_ROW (vigie_feed_row_get_type())

G_DECLARE_FINAL_TYPE (VigieFeedRow, vigie_feed_row, VIGIE, FEED_ROW, AdwExpanderRow)

GtkWidget *vigie_feed_row_new      (VigieFeed        *feed,
                                    VigieFeedManager *manager);
VigieFeed *vigie_feed_row_get_feed (VigieFeedRow     *self);

G_END_DECLS
