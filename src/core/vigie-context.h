/* vigie-context.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-feed-manager.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_CONTEXT (vigie_context_get_type())

G_DECLARE_FINAL_TYPE (VigieContext, vigie_context, VIGIE, CONTEXT, GObject)

VigieContext       *vigie_context_new                (GSettings    *settings,
                                                      gboolean      demo);
GSettings          *vigie_context_get_settings       (VigieContext *self);
VigieFeedManager   *vigie_context_get_feed_manager   (VigieContext *self);
gboolean            vigie_context_get_demo           (VigieContext *self);
void                vigie_context_shutdown           (VigieContext *self);

G_END_DECLS
