/* vigie-alert-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-alert.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_ALERT_ROW (vigie_alert_row_get_type())

G_DECLARE_FINAL_TYPE (VigieAlertRow, vigie_alert_row, VIGIE, ALERT_ROW, GtkWidget)

GtkWidget  *vigie_alert_row_new        (void);
VigieAlert *vigie_alert_row_get_alert  (VigieAlertRow *self);
void        vigie_alert_row_set_alert  (VigieAlertRow *self,
                                        VigieAlert    *alert);
void        vigie_alert_row_update     (VigieAlertRow *self);

G_END_DECLS
