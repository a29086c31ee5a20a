/* vigie-map-layer-glide.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-map-layer"

#include "config.h"

#include "vigie-map-labels.h"
#include "vigie-map-layer-private.h"

/* The clock of the glides: a frame when the longest glide has moved about
 * a pixel more, 20 a second at most, and no frame in between. A tick
 * callback left on runs the frame clock at the display's rate, a cycle of
 * the whole window's frame machinery each time, to draw something only
 * now and then: instead a timeout waits for the next step, which a tick
 * callback of one frame then draws at that frame's time. The last step
 * comes a frame after the glides end, for the frame's time to be past
 * their end (GTK rounds it to the display's frame interval). */

/* A glide shorter than this on screen is not animated: a tram seen from
 * afar moves a fraction of a pixel between two reports, and a second of
 * frames for it costs more than GNOME Maps' whole idle. */
#define GLIDE_MIN_PX       1.5
#define GLIDE_MIN_FRAME_US (G_USEC_PER_SEC / 20)
#define GLIDE_LAST_US      (G_USEC_PER_SEC / 50)

static void schedule_step (VigieMapLayer *self,
                           gint64         now);

static gboolean
on_glide_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  self->tick_id = 0;
  self->glide_drawn = now;
  vigie_map_labels_queue_draw (widget);

  /* Nothing moves any more: no frame until the next update. */
  if (now < self->glide_until)
    schedule_step (self, g_get_monotonic_time ());

  return G_SOURCE_REMOVE;
}

static gboolean
on_glide_step_cb (gpointer user_data)
{
  VigieMapLayer *self = user_data;

  self->glide_step_id = 0;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_glide_tick_cb, NULL, NULL);

  return G_SOURCE_REMOVE;
}

static void
schedule_step (VigieMapLayer *self,
               gint64         now)
{
  gint64 step = GLIDE_MIN_FRAME_US, next;
  View view;

  if (vigie_map_layer_get_view (self, &view) && self->glide_extent * view.scale > 0)
    step = MAX (step, VIGIE_MAP_LAYER_GLIDE_DURATION_MS * 1000.0 / (self->glide_extent * view.scale));

  next = self->glide_drawn + step;
  if (next >= self->glide_until)
    next = self->glide_until + GLIDE_LAST_US;

  g_clear_handle_id (&self->glide_step_id, g_source_remove);
  self->glide_step_id = g_timeout_add (MAX (next - now, 0) / 1000 + 1, on_glide_step_cb, self);
  g_source_set_name_by_id (self->glide_step_id, "[vigie] glide step");
}

/* A new plan is shown (its first frame is queued): its glides start, if
 * any is long enough on screen to be seen. */
void
vigie_map_layer_start_glide (VigieMapLayer *self)
{
  gint64 now = vigie_map_layer_get_frame_time (self);
  View view;

  if (self->glide_until <= now || vigie_map_layer_is_animating (self) ||
      (vigie_map_layer_get_view (self, &view) && self->glide_extent * view.scale < GLIDE_MIN_PX))
    return;

  self->glide_drawn = now;
  schedule_step (self, g_get_monotonic_time ());
}

void
vigie_map_layer_stop_glide (VigieMapLayer *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_handle_id (&self->glide_step_id, g_source_remove);
}
