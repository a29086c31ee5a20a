/* vigie-frame-log-layers.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean vigie_frame_log_layers_drawn (GtkWidget *window);

G_END_DECLS
