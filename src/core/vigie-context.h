/* vigie-context.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-alert-center.h"
#include "vigie-feed-manager.h"
#include "vigie-history.h"
#include "vigie-profile.h"
#include "vigie-secrets.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_CONTEXT (vigie_context_get_type())

G_DECLARE_FINAL_TYPE (VigieContext, vigie_context, VIGIE, CONTEXT, GObject)

VigieContext       *vigie_context_new                (GSettings    *settings,
                                                      gboolean      demo);
GSettings          *vigie_context_get_settings       (VigieContext *self);
VigieFeedManager   *vigie_context_get_feed_manager   (VigieContext *self);
VigieAlertCenter   *vigie_context_get_alerts         (VigieContext *self);
gboolean            vigie_context_get_demo           (VigieContext *self);
VigieProfile       *vigie_context_get_profile        (VigieContext *self);
VigieSecrets       *vigie_context_get_secrets        (VigieContext *self);
VigieHistory       *vigie_context_get_history        (VigieContext *self);
void                vigie_context_set_history        (VigieContext *self,
                                                      VigieHistory *history);
gboolean            vigie_context_load_profile       (VigieContext *self,
                                                      const char   *profile_id,
                                                      GError      **error);
VigieRemovedFeed   *vigie_context_remove_feed        (VigieContext *self,
                                                      const char   *feed_id,
                                                      GError      **error);
gboolean            vigie_context_restore_feed       (VigieContext           *self,
                                                      const VigieRemovedFeed *removed,
                                                      GError                **error);
void                vigie_context_start              (VigieContext *self,
                                                      const char   *profile_id_override);
void                vigie_context_shutdown           (VigieContext *self);

VigieProfile       *vigie_context_find_profile       (VigieContext *self,
                                                      const char   *profile_id,
                                                      GError      **error);
GPtrArray          *vigie_context_list_profiles      (VigieContext *self);

/* A profile made at run time rather than read from a file: the demo city,
 * whose addresses are known once its simulator listens. */
typedef VigieProfile *(*VigieProfileFactory) (gpointer   user_data,
                                              GError   **error);

void                vigie_context_add_virtual_profile (VigieContext        *self,
                                                       const char          *profile_id,
                                                       const char          *name,
                                                       VigieProfileFactory  factory,
                                                       gpointer             user_data,
                                                       GDestroyNotify       destroy);

G_END_DECLS
