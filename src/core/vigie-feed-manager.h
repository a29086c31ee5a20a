/* vigie-feed-manager.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_FEED_MANAGER (vigie_feed_manager_get_type())

G_DECLARE_FINAL_TYPE (VigieFeedManager, vigie_feed_manager, VIGIE, FEED_MANAGER, GObject)

VigieFeedManager *vigie_feed_manager_new     (void);
void              vigie_feed_manager_add     (VigieFeedManager *self,
                                              GObject          *feed);
gboolean          vigie_feed_manager_remove  (VigieFeedManager *self,
                                              GObject          *feed);
void              vigie_feed_manager_stop    (VigieFeedManager *self);
gboolean          vigie_feed_manager_is_stopped (VigieFeedManager *self);

G_END_DECLS
