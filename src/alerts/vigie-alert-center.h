/* vigie-alert-center.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-alert-list.h"
#include "vigie-feed-manager.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_ALERT_CENTER (vigie_alert_center_get_type())

G_DECLARE_FINAL_TYPE (VigieAlertCenter, vigie_alert_center, VIGIE, ALERT_CENTER, GObject)

VigieAlertCenter *vigie_alert_center_new          (GSettings        *settings,
                                                   VigieFeedManager *feeds,
                                                   const char       *directory);
VigieAlertList   *vigie_alert_center_get_alerts   (VigieAlertCenter *self);
void              vigie_alert_center_set_history_path (VigieAlertCenter *self,
                                                       const char       *path);
void              vigie_alert_center_acknowledge  (VigieAlertCenter *self,
                                                   VigieAlert       *alert,
                                                   const char       *comment);
void              vigie_alert_center_check_feeds  (VigieAlertCenter *self);
void              vigie_alert_center_add_events   (VigieAlertCenter *self,
                                                   GPtrArray        *events);
gboolean          vigie_alert_center_is_loaded    (VigieAlertCenter *self);
void              vigie_alert_center_flush        (VigieAlertCenter *self);
char             *vigie_alert_center_dup_log_path (VigieAlertCenter *self);

G_END_DECLS
