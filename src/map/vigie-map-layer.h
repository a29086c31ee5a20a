/* vigie-map-layer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

#include "vigie-entity.h"
#include "vigie-feed.h"
#include "vigie-filter.h"
#include "vigie-style.h"

G_BEGIN_DECLS

/* Glides longer than this are not drawn: the vehicle jumps. */
#define VIGIE_MAP_LAYER_SNAP_DISTANCE_M   500.0
#define VIGIE_MAP_LAYER_GLIDE_DURATION_MS 1000
/* Below this zoom level, things closer than a symbol are grouped. */
#define VIGIE_MAP_LAYER_CLUSTER_MAX_ZOOM  16
/* Below this zoom level, tram and bus stops are not drawn. */
#define VIGIE_MAP_LAYER_STOPS_MIN_ZOOM    14
/* From this zoom level, names are written where they fit. */
#define VIGIE_MAP_LAYER_LABEL_MIN_ZOOM    17

#define VIGIE_TYPE_MAP_LAYER (vigie_map_layer_get_type())

G_DECLARE_FINAL_TYPE (VigieMapLayer, vigie_map_layer, VIGIE, MAP_LAYER, ShumateLayer)

VigieMapLayer *vigie_map_layer_new            (ShumateViewport            *viewport,
                                               VigieFeedKind               kind,
                                               GListModel                 *model);
VigieMapLayer *vigie_map_layer_new_for_feed   (ShumateViewport            *viewport,
                                               VigieFeed                  *feed);
GListModel    *vigie_map_layer_get_model      (VigieMapLayer              *self);
void           vigie_map_layer_set_model      (VigieMapLayer              *self,
                                               GListModel                 *model);
VigieFeedKind  vigie_map_layer_get_kind       (VigieMapLayer              *self);
VigieFeed     *vigie_map_layer_get_feed       (VigieMapLayer              *self);
const char    *vigie_map_layer_get_title      (VigieMapLayer              *self);
void           vigie_map_layer_set_title      (VigieMapLayer              *self,
                                               const char                 *title);
const char    *vigie_map_layer_get_icon_name  (VigieMapLayer              *self);
void           vigie_map_layer_set_icon_name  (VigieMapLayer              *self,
                                               const char                 *icon_name);
gboolean       vigie_map_layer_get_clustering (VigieMapLayer              *self);
void           vigie_map_layer_set_clustering (VigieMapLayer              *self,
                                               gboolean                    clustering);
const VigieStyleThresholds *
               vigie_map_layer_get_thresholds (VigieMapLayer              *self);
void           vigie_map_layer_set_thresholds (VigieMapLayer              *self,
                                               const VigieStyleThresholds *thresholds);
VigieEntity   *vigie_map_layer_pick           (VigieMapLayer              *self,
                                               double                      x,
                                               double                      y);
guint          vigie_map_layer_pick_cluster   (VigieMapLayer              *self,
                                               double                      x,
                                               double                      y);
VigieEntity   *vigie_map_layer_get_selected   (VigieMapLayer              *self);
void           vigie_map_layer_select         (VigieMapLayer              *self,
                                               VigieEntity                *entity,
                                               gboolean                    open_details);
gboolean       vigie_map_layer_entity_to_widget_coords
                                              (VigieMapLayer              *self,
                                               VigieEntity                *entity,
                                               double                     *x,
                                               double                     *y);
gboolean       vigie_map_layer_get_busy       (VigieMapLayer              *self);
gboolean       vigie_map_layer_is_animating   (VigieMapLayer              *self);
guint          vigie_map_layer_get_n_drawn    (VigieMapLayer              *self);
guint          vigie_map_layer_get_n_rastered (VigieMapLayer              *self);
guint          vigie_map_layer_get_n_raster_paints (VigieMapLayer         *self);
void           vigie_map_layer_set_rasterize  (VigieMapLayer              *self,
                                               gboolean                    rasterize);
guint          vigie_map_layer_get_filter     (VigieMapLayer              *self);
void           vigie_map_layer_set_filter     (VigieMapLayer              *self,
                                               guint                       filter);
void           vigie_map_layer_get_filter_counts
                                              (VigieMapLayer              *self,
                                               guint                      *n_matching,
                                               guint                      *n_targets);
guint          vigie_map_layer_count_filter   (VigieMapLayer              *self,
                                               VigieFilter                 filter);

G_END_DECLS
