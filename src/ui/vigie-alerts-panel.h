/* vigie-alerts-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-alert-center.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_ALERTS_PANEL (vigie_alerts_panel_get_type())

G_DECLARE_FINAL_TYPE (VigieAlertsPanel, vigie_alerts_panel, VIGIE, ALERTS_PANEL, GtkWidget)

GtkWidget  *vigie_alerts_panel_new                  (VigieAlertCenter *center);
VigieAlert *vigie_alerts_panel_get_selected         (VigieAlertsPanel *self);
void        vigie_alerts_panel_acknowledge_selected (VigieAlertsPanel *self);

G_END_DECLS
