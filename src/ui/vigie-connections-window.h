/* vigie-connections-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-connection-watch.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_CONNECTIONS_WINDOW (vigie_connections_window_get_type())

G_DECLARE_FINAL_TYPE (VigieConnectionsWindow, vigie_connections_window, VIGIE, CONNECTIONS_WINDOW, AdwWindow)

GtkWidget *vigie_connections_window_new (GtkWindow            *parent,
                                         VigieConnectionWatch *watch);

G_END_DECLS
