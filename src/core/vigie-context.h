/* vigie-context.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-feed-manager.h"
#include "vigie-profile.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_CONTEXT (vigie_context_get_type())

G_DECLARE_FINAL_TYPE (VigieContext, vigie_context, VIGIE, CONTEXT, GObject)

VigieContext       *vigie_context_new                (GSettings    *settings,
                                                      gboolean      demo);
GSettings          *vigie_context_get_settings       (VigieContext *self);
VigieFeedManager   *vigie_context_get_feed_manager   (VigieContext *self);
gboolean            vigie_context_get_demo           (VigieContext *self);
VigieProfile       *vigie_context_get_profile        (VigieContext *self);
gboolean            vigie_context_load_profile       (VigieContext *self,
                                                      const char   *profile_id,
                                                      GError      **error);
void                vigie_context_start              (VigieContext *self,
                                                      const char   *profile_id_override);
void                vigie_context_shutdown           (VigieContext *self);

VigieProfile       *vigie_context_find_profile       (const char   *profile_id,
                                                      GError      **error);

G_END_DECLS
