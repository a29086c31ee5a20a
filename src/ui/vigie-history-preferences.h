/* vigie-history-preferences.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-context.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_HISTORY_PREFERENCES (vigie_history_preferences_get_type())

G_DECLARE_FINAL_TYPE (VigieHistoryPreferences, vigie_history_preferences, VIGIE, HISTORY_PREFERENCES, AdwPreferencesPage)

GtkWidget *vigie_history_preferences_new (VigieContext *context);

G_END_DECLS
