/* vigie-map-layer-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-map-groups.h"
#include "vigie-map-layer.h"

G_BEGIN_DECLS

/* Between a layer and the groups of its map (vigie-map-groups.c). */
void vigie_map_layer_set_groups        (VigieMapLayer  *self,
                                        VigieMapGroups *groups);
void vigie_map_layer_forget_placement  (VigieMapLayer  *self);
void vigie_map_layer_collect_groups    (VigieMapLayer  *self,
                                        int             level,
                                        GArray         *boxes);
void vigie_map_layer_apply_placement   (VigieMapLayer  *self,
                                        int             level,
                                        VigieGroupBox  *boxes,
                                        guint           n_boxes);

/* For tests: the groups drawn now, in widget pixels (x, y: where each is
 * drawn; dx, dy: zero), with their summaries (NULL when none). */
void vigie_map_layer_get_drawn_groups  (VigieMapLayer  *self,
                                        GArray         *boxes,
                                        GPtrArray      *summaries);

G_END_DECLS
