/* vigie-feed-departures.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-departures.h"
#include "vigie-feed.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_FEED_DEPARTURES (vigie_feed_departures_get_type())

G_DECLARE_FINAL_TYPE (VigieFeedDepartures, vigie_feed_departures, VIGIE, FEED_DEPARTURES, GObject)

VigieFeedDepartures *vigie_feed_departures_get_for_feed (VigieFeed           *feed);
VigieDepartures     *vigie_feed_departures_get          (VigieFeedDepartures *self);
void                 vigie_feed_departures_set          (VigieFeedDepartures *self,
                                                         VigieDepartures     *departures);

G_END_DECLS
