/* vigie-replay-day.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-history.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_REPLAY_DAY (vigie_replay_day_get_type())

G_DECLARE_FINAL_TYPE (VigieReplayDay, vigie_replay_day, VIGIE, REPLAY_DAY, GtkWidget)

GtkWidget  *vigie_replay_day_new            (void);
void        vigie_replay_day_set_history    (VigieReplayDay *self,
                                             VigieHistory   *history);
void        vigie_replay_day_select         (VigieReplayDay *self,
                                             GDateTime      *day);
gboolean    vigie_replay_day_is_loaded      (VigieReplayDay *self);
gboolean    vigie_replay_day_has_data       (VigieReplayDay *self,
                                             guint           day_of_month);
gboolean    vigie_replay_day_can_replay     (VigieReplayDay *self);
const char *vigie_replay_day_get_status     (VigieReplayDay *self);
void        vigie_replay_day_choose         (VigieReplayDay *self);
void        vigie_replay_day_popup          (VigieReplayDay *self);

G_END_DECLS
