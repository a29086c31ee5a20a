/* vigie-window-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "vigie-base-map.h"
#include "vigie-context.h"
#include "vigie-layer-manager.h"
#include "vigie-map-legend.h"
#include "vigie-meeting.h"
#include "vigie-window.h"

G_BEGIN_DECLS

/* The window split by concern, as gnome-text-editor splits its page:
 * vigie-window.c (state, actions, feeds), vigie-window-map.c (the base
 * map and the view's fit to the data), -alerts.c, -search.c. */

struct _VigieWindow
{
  AdwApplicationWindow  parent_instance;

  VigieContext         *context;
  gboolean              sidebar_visible;
  gboolean              map_legend_visible;
  gboolean              view_chosen;     /* saved or moved by the operator */
  gboolean              fitting;
  guint                 fit_id;
  GCancellable         *fit_cancellable;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  ShumateSimpleMap     *simple_map;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *sidebar_stack;
  GtkListBox           *feeds_list;
  GtkButton            *health_button;
  GtkRevealer          *demo_banner;
  GtkBox               *layers_box;
  AdwComboRow          *base_map_row;
  AdwActionRow         *mbtiles_row;
  GtkWidget            *layers_panel;
  VigieBaseMap         *base_map;
  VigieLayerManager    *layer_manager;
  AdwButtonContent     *health_content;
  AdwFlap              *flap;
  GtkWidget            *offline_chip;
  VigieMapLegend       *map_legend;
  GtkOverlay           *map_overlay;
  GtkWidget            *map_corner;
  GtkWidget            *replay_bar;
  GtkBox               *map_top;
  VigieMeeting         *meeting;
};

/* The city the app was first made for; "reset view" comes back here
 * when no data is shown. */
#define HOME_LATITUDE  47.7508
#define HOME_LONGITUDE  7.3359
#define HOME_ZOOM      13.0

#define ZOOM_ANIMATION_MS 300

/* vigie-window-map.c */
void vigie_window_setup_map                (VigieWindow *self);
void vigie_window_update_base_map_row      (VigieWindow *self);
void vigie_window_on_base_map_selected_cb  (VigieWindow *self);
void vigie_window_choose_mbtiles_action    (GtkWidget   *widget,
                                            const char  *action_name,
                                            GVariant    *parameter);
void vigie_window_retry_base_map_action    (GtkWidget   *widget,
                                            const char  *action_name,
                                            GVariant    *parameter);
void vigie_window_fit_to_data              (VigieWindow *self,
                                            int          width,
                                            int          height,
                                            gboolean     automatic);

G_END_DECLS
