/* vigie-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-alert-notifications.h"
#include "vigie-context.h"
#include "vigie-simulator.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_APPLICATION (vigie_application_get_type())

G_DECLARE_FINAL_TYPE (VigieApplication, vigie_application, VIGIE, APPLICATION, AdwApplication)

VigieApplication *vigie_application_new         (const char        *application_id,
                                                 GApplicationFlags  flags);
VigieContext     *vigie_application_get_context (VigieApplication  *self);
VigieSimulator   *vigie_application_get_simulator (VigieApplication *self);
VigieAlertNotifications *vigie_application_get_alert_notifications (VigieApplication *self);

G_END_DECLS
