/* vigie-alert-notifications.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-alert-center.h"
#include "vigie-alert-notifier.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_ALERT_NOTIFICATIONS (vigie_alert_notifications_get_type())

G_DECLARE_FINAL_TYPE (VigieAlertNotifications, vigie_alert_notifications, VIGIE, ALERT_NOTIFICATIONS, GObject)

VigieAlertNotifications *vigie_alert_notifications_new        (GtkApplication                 *application,
                                                               VigieAlertCenter               *center,
                                                               GSettings                      *settings);
void                     vigie_alert_notifications_set_limits (VigieAlertNotifications        *self,
                                                               const VigieAlertNotifierLimits *limits);
GtkWidget               *vigie_alert_notifications_new_preferences_group (GSettings           *settings);

G_END_DECLS
