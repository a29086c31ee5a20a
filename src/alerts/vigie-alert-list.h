/* vigie-alert-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-alert.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_ALERT_LIST (vigie_alert_list_get_type())

G_DECLARE_FINAL_TYPE (VigieAlertList, vigie_alert_list, VIGIE, ALERT_LIST, GObject)

VigieAlertList *vigie_alert_list_new                 (void);
VigieAlert     *vigie_alert_list_lookup              (VigieAlertList  *self,
                                                      const char      *key);
VigieAlert     *vigie_alert_list_add                 (VigieAlertList  *self,
                                                      const VigieAlertEvent *event,
                                                      const char      *feed_name);
VigieAlert     *vigie_alert_list_update              (VigieAlertList  *self,
                                                      const VigieAlertEvent *event);
VigieAlert     *vigie_alert_list_remove              (VigieAlertList  *self,
                                                      const char      *key);
void            vigie_alert_list_remove_feed         (VigieAlertList  *self,
                                                      const char      *feed_id);
void            vigie_alert_list_acknowledge         (VigieAlertList  *self,
                                                      VigieAlert      *alert,
                                                      const char      *comment,
                                                      gint64           at);
guint           vigie_alert_list_get_n_unacknowledged (VigieAlertList *self);

G_END_DECLS
