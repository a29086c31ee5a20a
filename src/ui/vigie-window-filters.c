/* vigie-window-filters.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-window-filters"

#include "config.h"

#include "vigie-figures-strip.h"
#include "vigie-filter-bar.h"
#include "vigie-meeting-panel.h"
#include "vigie-window-filters.h"

/* Over the map: the city's figures, each a filter of its layers, and the
 * filters in force with the way to remove them all. The meeting mode
 * hides both (its tiles say the figures); the figures come from the same
 * tap as its tiles', counted once. */

/* A replay shows another moment than the strip's figures: hidden. */
static void
on_replaying_cb (VigieReplayBar    *replay_bar,
                 GParamSpec        *pspec,
                 VigieFiguresStrip *strip)
{
  vigie_figures_strip_set_replaying (strip, vigie_replay_bar_get_replaying (replay_bar));
}

void
vigie_window_filters_attach (VigieWindow    *window,
                             GtkBox         *map_top,
                             GListModel     *layers,
                             VigieReplayBar *replay_bar)
{
  VigieMeeting *meeting = vigie_window_get_meeting (window);
  VigieCityFigures *figures = vigie_meeting_panel_get_figures (VIGIE_MEETING_PANEL (vigie_meeting_get_panel (meeting)));
  GtkWidget *strip = vigie_figures_strip_new (figures, layers);
  GtkWidget *bar = vigie_filter_bar_new (layers);

  gtk_widget_set_name (strip, "figures-strip");
  gtk_widget_set_name (bar, "filter-bar");
  gtk_box_append (map_top, strip);
  gtk_box_append (map_top, bar);
  g_signal_connect_object (replay_bar, "notify::replaying", G_CALLBACK (on_replaying_cb), strip, 0);
}
