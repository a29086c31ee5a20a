/* vigie-connection-alerts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-alert-center.h"
#include "vigie-connection-watch.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_CONNECTION_ALERTS (vigie_connection_alerts_get_type())

G_DECLARE_FINAL_TYPE (VigieConnectionAlerts, vigie_connection_alerts, VIGIE, CONNECTION_ALERTS, GObject)

VigieConnectionAlerts *vigie_connection_alerts_new      (VigieConnectionWatch       *watch,
                                                         VigieAlertCenter           *center,
                                                         GSettings                  *settings);
GPtrArray             *vigie_connection_alerts_collect  (const VigieConnection      *connections,
                                                         guint                       n_connections,
                                                         const VigieConnectionPlace *place,
                                                         const VigieAlertRule       *rule,
                                                         gint64                      now);
char                  *vigie_connection_describe_hold_alert (const VigieConnection  *connection,
                                                             const char             *interchange_name);

G_END_DECLS
