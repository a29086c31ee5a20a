/* vigie-feed-editor.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-context.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_FEED_EDITOR (vigie_feed_editor_get_type())

G_DECLARE_FINAL_TYPE (VigieFeedEditor, vigie_feed_editor, VIGIE, FEED_EDITOR, GtkBox)

GtkWidget *vigie_feed_editor_new (VigieContext *context,
                                  VigieProfile *profile,
                                  const char   *feed_id);

G_END_DECLS
