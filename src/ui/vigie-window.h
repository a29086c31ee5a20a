/* vigie-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "vigie-application.h"
#include "vigie-context.h"
#include "vigie-meeting.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_WINDOW (vigie_window_get_type())

G_DECLARE_FINAL_TYPE (VigieWindow, vigie_window, VIGIE, WINDOW, AdwApplicationWindow)

VigieWindow      *vigie_window_new                 (VigieApplication *application,
                                                    VigieContext     *context);
VigieContext     *vigie_window_get_context         (VigieWindow      *self);
ShumateMap       *vigie_window_get_map             (VigieWindow      *self);
gboolean          vigie_window_get_sidebar_visible (VigieWindow      *self);
void              vigie_window_set_sidebar_visible (VigieWindow      *self,
                                                    gboolean          sidebar_visible);
VigieMeeting     *vigie_window_get_meeting         (VigieWindow      *self);
gboolean          vigie_window_show_entity         (VigieWindow      *self,
                                                    const char       *feed_id,
                                                    VigieEntityKind   kind,
                                                    const char       *id);
void              vigie_window_show_sidebar_page   (VigieWindow      *self,
                                                    const char       *name);

G_END_DECLS
