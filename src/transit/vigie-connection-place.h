/* vigie-connection-place.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-connection-watch.h"
#include "vigie-profile.h"

G_BEGIN_DECLS

#define VIGIE_CONNECTION_PLACE_GROUP "Connections"
#define VIGIE_CONNECTION_WALK_KEY    "connection-walk-minutes"

VigieConnectionWatch *vigie_connection_watch_new_for_profile (VigieFeedManager  *manager,
                                                              VigieProfile      *profile,
                                                              GSettings         *settings,
                                                              GError           **error);

G_END_DECLS
