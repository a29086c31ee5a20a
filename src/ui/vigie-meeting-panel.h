/* vigie-meeting-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-city-figures.h"
#include "vigie-context.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_MEETING_PANEL (vigie_meeting_panel_get_type())

G_DECLARE_FINAL_TYPE (VigieMeetingPanel, vigie_meeting_panel, VIGIE, MEETING_PANEL, GtkWidget)

GtkWidget        *vigie_meeting_panel_new          (VigieContext      *context);
VigieCityFigures *vigie_meeting_panel_get_figures  (VigieMeetingPanel *self);
void              vigie_meeting_panel_set_view     (VigieMeetingPanel *self,
                                                    const char        *name,
                                                    double             progress,
                                                    gboolean           paused);
void              vigie_meeting_panel_get_text_sizes (VigieMeetingPanel *self,
                                                      double            *figure_px,
                                                      double            *label_px);

G_END_DECLS
