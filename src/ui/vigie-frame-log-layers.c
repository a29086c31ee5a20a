/* vigie-frame-log-layers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-frame-log"

#include "config.h"

#include "vigie-frame-log-layers.h"
#include "vigie-map-layer.h"

/* For the frame log's "ready" line (tools/run-bench-desktop): a feed that
 * has answered is not yet data on the screen. Its store changed, and each
 * map layer then builds its items in a worker (busy meanwhile); a frame
 * painted while a layer is busy shows what it had before. */

/**
 * vigie_frame_log_layers_drawn:
 * @window: a window
 *
 * Returns: whether no map layer of @window is waiting for its worker, so
 *   that the frame just painted drew what the stores hold
 */
gboolean
vigie_frame_log_layers_drawn (GtkWidget *window)
{
  g_return_val_if_fail (GTK_IS_WIDGET (window), FALSE);

  if (VIGIE_IS_MAP_LAYER (window) && vigie_map_layer_get_busy (VIGIE_MAP_LAYER (window)))
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (window); child; child = gtk_widget_get_next_sibling (child))
    if (!vigie_frame_log_layers_drawn (child))
      return FALSE;

  return TRUE;
}
