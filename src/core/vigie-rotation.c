/* vigie-rotation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-rotation"

#include "config.h"

#include "vigie-rotation.h"

/**
 * vigie_rotation_start:
 * @rotation: (out caller-allocates): the rotation
 * @n_views: how many views turn
 * @interval_us: how long each shows
 * @now: the time
 *
 * Starts at the first view, running.
 */
void
vigie_rotation_start (VigieRotation *rotation,
                      guint          n_views,
                      gint64         interval_us,
                      gint64         now)
{
  g_return_if_fail (rotation != NULL);

  rotation->n_views = n_views;
  rotation->index = 0;
  rotation->interval_us = MAX (interval_us, 1);
  rotation->started_at = now;
  rotation->paused_at = 0;
}

/**
 * vigie_rotation_tick:
 * @rotation: a rotation
 * @now: the time
 *
 * Moves to the next view once the one shown had its time. A late tick
 * moves by one view, not by all it missed: the room sees each.
 *
 * Returns: whether the view to show changed
 */
gboolean
vigie_rotation_tick (VigieRotation *rotation,
                     gint64         now)
{
  g_return_val_if_fail (rotation != NULL, FALSE);

  if (rotation->n_views < 2 || rotation->paused_at != 0 ||
      now - rotation->started_at < rotation->interval_us)
    return FALSE;

  rotation->index = (rotation->index + 1) % rotation->n_views;
  rotation->started_at = now;
  return TRUE;
}

/**
 * vigie_rotation_step:
 * @rotation: a rotation
 * @delta: 1 for the next view, -1 for the one before
 * @now: the time
 *
 * Goes to another view by hand; it gets its whole interval.
 */
void
vigie_rotation_step (VigieRotation *rotation,
                     int            delta,
                     gint64         now)
{
  g_return_if_fail (rotation != NULL);

  if (rotation->n_views == 0)
    return;

  rotation->index = (rotation->index + rotation->n_views + (delta % (int) rotation->n_views)) % rotation->n_views;
  rotation->started_at = now;
  if (rotation->paused_at != 0)
    rotation->paused_at = now;
}

void
vigie_rotation_set_paused (VigieRotation *rotation,
                           gboolean       paused,
                           gint64         now)
{
  g_return_if_fail (rotation != NULL);

  if (paused && rotation->paused_at == 0)
    {
      rotation->paused_at = MAX (now, 1);
    }
  else if (!paused && rotation->paused_at != 0)
    {
      /* The time paused does not count. */
      rotation->started_at += now - rotation->paused_at;
      rotation->paused_at = 0;
    }
}

gboolean
vigie_rotation_get_paused (const VigieRotation *rotation)
{
  g_return_val_if_fail (rotation != NULL, FALSE);

  return rotation->paused_at != 0;
}

/**
 * vigie_rotation_get_progress:
 * @rotation: a rotation
 * @now: the time
 *
 * Returns: how much of its interval the view shown had, 0–1
 */
double
vigie_rotation_get_progress (const VigieRotation *rotation,
                             gint64               now)
{
  gint64 at;

  g_return_val_if_fail (rotation != NULL, 0);

  at = rotation->paused_at != 0 ? rotation->paused_at : now;
  return CLAMP ((double) (at - rotation->started_at) / rotation->interval_us, 0.0, 1.0);
}
