/* vigie-layer-manager.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "vigie-feed-manager.h"
#include "vigie-map-layer.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_LAYER_MANAGER (vigie_layer_manager_get_type())

G_DECLARE_FINAL_TYPE (VigieLayerManager, vigie_layer_manager, VIGIE, LAYER_MANAGER, GObject)

VigieLayerManager *vigie_layer_manager_new          (ShumateMap        *map,
                                                     VigieFeedManager  *feeds);
ShumateMap        *vigie_layer_manager_get_map      (VigieLayerManager *self);
VigieFeedManager  *vigie_layer_manager_get_feeds    (VigieLayerManager *self);
VigieMapLayer     *vigie_layer_manager_lookup       (VigieLayerManager *self,
                                                     VigieFeed         *feed);

G_END_DECLS
