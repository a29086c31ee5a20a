/* vigie-alert-rules-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_ALERT_RULES_PAGE (vigie_alert_rules_page_get_type())

G_DECLARE_FINAL_TYPE (VigieAlertRulesPage, vigie_alert_rules_page, VIGIE, ALERT_RULES_PAGE, AdwPreferencesPage)

GtkWidget *vigie_alert_rules_page_new (GSettings *settings);

G_END_DECLS
