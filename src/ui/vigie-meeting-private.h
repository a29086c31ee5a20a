/* vigie-meeting-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-meeting.h"
#include "vigie-rotation.h"
#include "vigie-saved-views.h"

G_BEGIN_DECLS

/* The meeting mode in two files: the mode itself (vigie-meeting.c) and
 * the saved views' menu and the report (vigie-meeting-views.c). */

struct _VigieMeeting
{
  GObject           parent_instance;

  GtkWindow        *window;       /* unowned: it owns us */
  VigieContext     *context;
  GtkWidget        *views_button;
  GSimpleActionGroup *actions;
  GPtrArray        *views;        /* VigieSavedView of the profile shown */
  GPtrArray        *rotating;     /* copies of those turning now */
  VigieRotation     rotation;
  guint             tick_id;
  guint             n_layers;     /* when the view was last shown */
  GHashTable       *layers_were_visible;  /* VigieMapLayer → visible */
  VigieMeetingClock clock;
  gpointer          clock_data;
  ShumateSimpleMap *simple_map;
  GtkOverlay       *overlay;
  AdwFlap          *flap;
  GPtrArray        *chrome;       /* GtkWidget, unowned */
  GArray           *chrome_was_visible;
  GtkWidget        *panel;
  GtkWidget        *charts;
  GBinding         *charts_margin_binding;
  GBinding         *charts_height_binding;
  GtkEventController *keys;
  GBinding         *margin_binding;
  guint             fit_id;
  double            latitude;     /* the operator's view, for after */
  double            longitude;
  double            zoom;
  gboolean          active;
  gboolean          was_fullscreen;
  gboolean          zoom_buttons_were_shown;
};

const char *vigie_meeting_profile_id    (VigieMeeting         *self);
GPtrArray  *vigie_meeting_list_layers   (VigieMeeting         *self);
void        vigie_meeting_show_view     (VigieMeeting         *self,
                                         const VigieSavedView *view);
void        vigie_meeting_setup_views   (VigieMeeting         *self,
                                         AdwHeaderBar         *header_bar);

G_END_DECLS
