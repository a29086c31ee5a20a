/* vigie-rotation.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The meeting mode's turn through saved views, as a dashboard's playlist:
 * each view for an interval, then the next; paused, it waits. Times are
 * the caller's clock (microseconds), so that tests drive it. */
typedef struct
{
  guint    n_views;
  guint    index;
  gint64   interval_us;
  gint64   started_at;   /* when the view shown came, paused time left out */
  gint64   paused_at;    /* 0: running */
} VigieRotation;

void     vigie_rotation_start        (VigieRotation *rotation,
                                      guint          n_views,
                                      gint64         interval_us,
                                      gint64         now);
gboolean vigie_rotation_tick         (VigieRotation *rotation,
                                      gint64         now);
void     vigie_rotation_step         (VigieRotation *rotation,
                                      int            delta,
                                      gint64         now);
void     vigie_rotation_set_paused   (VigieRotation *rotation,
                                      gboolean       paused,
                                      gint64         now);
gboolean vigie_rotation_get_paused   (const VigieRotation *rotation);
double   vigie_rotation_get_progress (const VigieRotation *rotation,
                                      gint64         now);

G_END_DECLS
