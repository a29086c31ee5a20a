/* vigie-alert-starts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-alert-engine.h"

G_BEGIN_DECLS

gboolean vigie_alert_starts_load (VigieAlertEngine  *engine,
                                  const char        *history_path,
                                  const char        *feed_id,
                                  VigieFeedKind      feed_kind,
                                  gint64             now,
                                  GError           **error);

G_END_DECLS
