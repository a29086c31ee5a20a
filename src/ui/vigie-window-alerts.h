/* vigie-window-alerts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-alert.h"
#include "vigie-window.h"

G_BEGIN_DECLS

void vigie_window_alerts_attach (VigieWindow  *window,
                                 AdwHeaderBar *header_bar,
                                 GtkStack     *sidebar_stack);
void vigie_window_alerts_show   (VigieWindow  *window,
                                 VigieAlert   *alert);

G_END_DECLS
