/* vigie-feed-manager.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-feed.h"
#include "vigie-http-client.h"
#include "vigie-profile.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_FEED_MANAGER (vigie_feed_manager_get_type())

G_DECLARE_FINAL_TYPE (VigieFeedManager, vigie_feed_manager, VIGIE, FEED_MANAGER, GObject)

VigieFeedManager *vigie_feed_manager_new          (VigieHttpClient  *client);
VigieHttpClient  *vigie_feed_manager_get_client   (VigieFeedManager *self);
void              vigie_feed_manager_add          (VigieFeedManager *self,
                                                   VigieFeed        *feed);
void              vigie_feed_manager_insert       (VigieFeedManager *self,
                                                   guint             position,
                                                   VigieFeed        *feed);
gboolean          vigie_feed_manager_remove       (VigieFeedManager *self,
                                                   VigieFeed        *feed);
VigieFeed        *vigie_feed_manager_lookup       (VigieFeedManager *self,
                                                   const char       *id);
void              vigie_feed_manager_load_profile (VigieFeedManager *self,
                                                   VigieProfile     *profile);
void              vigie_feed_manager_start        (VigieFeedManager *self);
void              vigie_feed_manager_stop         (VigieFeedManager *self);
gboolean          vigie_feed_manager_is_running   (VigieFeedManager *self);
void              vigie_feed_manager_refresh_all  (VigieFeedManager *self);

G_END_DECLS
