/* vigie-window-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-window.h"

G_BEGIN_DECLS

void vigie_window_list_attach (VigieWindow *window);

G_END_DECLS
