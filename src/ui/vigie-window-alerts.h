/* vigie-window-alerts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-window.h"

G_BEGIN_DECLS

void vigie_window_alerts_attach (VigieWindow  *window,
                                 AdwHeaderBar *header_bar,
                                 GtkStack     *sidebar_stack);

G_END_DECLS
