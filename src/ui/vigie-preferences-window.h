/* vigie-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-context.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_PREFERENCES_WINDOW (vigie_preferences_window_get_type())

G_DECLARE_FINAL_TYPE (VigiePreferencesWindow, vigie_preferences_window, VIGIE, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *vigie_preferences_window_new (GtkWindow    *parent,
                                         VigieContext *context);

G_END_DECLS
