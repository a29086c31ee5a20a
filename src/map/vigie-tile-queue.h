/* vigie-tile-queue.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_TILE_QUEUE (vigie_tile_queue_get_type ())

G_DECLARE_FINAL_TYPE (VigieTileQueue, vigie_tile_queue, VIGIE, TILE_QUEUE, GObject)

VigieTileQueue *vigie_tile_queue_new             (guint            max_running);
void            vigie_tile_queue_watch           (VigieTileQueue  *self,
                                                  ShumateMap      *map);
void            vigie_tile_queue_push            (VigieTileQueue  *self,
                                                  GTask           *task,
                                                  int              x,
                                                  int              y,
                                                  int              zoom,
                                                  GTaskThreadFunc  func);
guint           vigie_tile_queue_get_max_running (VigieTileQueue  *self);

G_END_DECLS
