/* vigie-departure-watch.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-feed-manager.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_DEPARTURE_WATCH (vigie_departure_watch_get_type())

G_DECLARE_FINAL_TYPE (VigieDepartureWatch, vigie_departure_watch, VIGIE, DEPARTURE_WATCH, GObject)

VigieDepartureWatch *vigie_departure_watch_new (VigieFeedManager *manager);

G_END_DECLS
