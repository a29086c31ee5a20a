/* vigie-meeting.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "vigie-context.h"
#include "vigie-report.h"

G_BEGIN_DECLS

/* How much larger the map's symbols are in the meeting mode. */
#define VIGIE_MEETING_SYMBOL_SCALE 1.6

#define VIGIE_TYPE_MEETING (vigie_meeting_get_type())

G_DECLARE_FINAL_TYPE (VigieMeeting, vigie_meeting, VIGIE, MEETING, GObject)

/* The meeting's clock, in microseconds: g_get_monotonic_time() unless a
 * test drives it. */
typedef gint64 (*VigieMeetingClock) (gpointer user_data);

VigieMeeting *vigie_meeting_new              (GtkWindow         *window,
                                              VigieContext      *context,
                                              AdwHeaderBar      *header_bar,
                                              ShumateSimpleMap  *simple_map,
                                              GtkOverlay        *overlay,
                                              AdwFlap           *flap,
                                              GtkWidget * const *chrome);
gboolean      vigie_meeting_get_active       (VigieMeeting      *self);
void          vigie_meeting_add_chrome       (VigieMeeting      *self,
                                              GtkWidget         *widget);
void          vigie_meeting_set_active       (VigieMeeting      *self,
                                              gboolean           active);
double        vigie_meeting_get_symbol_scale (VigieMeeting      *self);
GtkWidget    *vigie_meeting_get_panel        (VigieMeeting      *self);
void          vigie_meeting_set_clock        (VigieMeeting      *self,
                                              VigieMeetingClock  clock,
                                              gpointer           user_data);
const char   *vigie_meeting_get_view_name    (VigieMeeting      *self);
void          vigie_meeting_save_view        (VigieMeeting      *self,
                                              const char        *name);
GBytes       *vigie_meeting_render_report    (VigieMeeting      *self,
                                              VigieReportFormat  format,
                                              GError           **error);

G_END_DECLS
