/* vigie-frame-log.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void vigie_frame_log_attach (GtkWindow *window);

G_END_DECLS
