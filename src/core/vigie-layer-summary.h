/* vigie-layer-summary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-entity.h"
#include "vigie-feed.h"

G_BEGIN_DECLS

/* How old one item's data is, and what a layer's row in the layers panel
 * says: decided without a display so that it can be tested. */

gboolean        vigie_layer_summary_ages            (VigieEntity   *entity);
gint64          vigie_layer_summary_item_time       (VigieFeedKind  kind,
                                                     VigieEntity   *entity);
VigieFreshness  vigie_layer_summary_classify_entity (VigieFeedKind  kind,
                                                     VigieEntity   *entity,
                                                     gint64         now,
                                                     gint64         feed_observed_at,
                                                     gint64         feed_fetched_at);
gint64          vigie_layer_summary_frozen_since    (VigieFeed     *feed,
                                                     gint64         now);
char           *vigie_layer_summary_format_frozen   (gint64         since);
char           *vigie_layer_summary_counts          (VigieFeedKind  kind,
                                                     GListModel    *entities);
char           *vigie_layer_summary_subtitle        (VigieFeed     *feed,
                                                     gint64         now);
char           *vigie_layer_summary_subtitle_with_counts
                                                    (VigieFeed     *feed,
                                                     gint64         now,
                                                     const char    *shown);

G_END_DECLS
