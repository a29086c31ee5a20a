/* vigie-replay-bar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-history.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_REPLAY_BAR (vigie_replay_bar_get_type())

G_DECLARE_FINAL_TYPE (VigieReplayBar, vigie_replay_bar, VIGIE, REPLAY_BAR, GtkWidget)

GtkWidget  *vigie_replay_bar_new          (VigieHistory   *history,
                                           GListModel     *layers);
gboolean    vigie_replay_bar_get_replaying (VigieReplayBar *self);
GtkWidget  *vigie_replay_bar_get_start_button (VigieReplayBar *self);
void        vigie_replay_bar_start        (VigieReplayBar *self);
void        vigie_replay_bar_back_to_live (VigieReplayBar *self);
gint64      vigie_replay_bar_get_time     (VigieReplayBar *self);
void        vigie_replay_bar_set_time     (VigieReplayBar *self,
                                           gint64          time);
void        vigie_replay_bar_set_speed    (VigieReplayBar *self,
                                           guint           speed);
void        vigie_replay_bar_set_playing  (VigieReplayBar *self,
                                           gboolean        playing);
void        vigie_replay_bar_export       (VigieReplayBar *self,
                                           GFile          *file);
guint       vigie_replay_bar_get_n_pending (VigieReplayBar *self);
const char *vigie_replay_bar_get_banner   (VigieReplayBar *self);
void        vigie_replay_bar_show_day     (VigieReplayBar *self,
                                           gint64          day);
GtkWidget  *vigie_replay_bar_get_day_picker (VigieReplayBar *self);

G_END_DECLS
