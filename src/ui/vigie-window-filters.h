/* vigie-window-filters.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-replay-bar.h"
#include "vigie-window.h"

G_BEGIN_DECLS

void vigie_window_filters_attach (VigieWindow    *window,
                                  GtkBox         *map_top,
                                  GListModel     *layers,
                                  VigieReplayBar *replay_bar);

G_END_DECLS
