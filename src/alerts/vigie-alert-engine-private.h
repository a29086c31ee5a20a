/* vigie-alert-engine-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-alert-engine.h"

G_BEGIN_DECLS

VigieAlertEvent *vigie_alert_event_new_packed (const VigieAlertEvent *fields,
                                               const char            *rule_id,
                                               const char            *entity_key);

G_END_DECLS
