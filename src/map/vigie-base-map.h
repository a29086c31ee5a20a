/* vigie-base-map.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <shumate/shumate.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_BASE_MAP (vigie_base_map_get_type ())

G_DECLARE_FINAL_TYPE (VigieBaseMap, vigie_base_map, VIGIE, BASE_MAP, GObject)

VigieBaseMap     *vigie_base_map_new                 (GSettings    *settings);
GSettings        *vigie_base_map_get_settings        (VigieBaseMap *self);
ShumateMapSource *vigie_base_map_get_map_source      (VigieBaseMap *self);
const char       *vigie_base_map_get_fallback_reason (VigieBaseMap *self);
void              vigie_base_map_set_map             (VigieBaseMap *self,
                                                      ShumateMap   *map);
void              vigie_base_map_retry               (VigieBaseMap *self);

G_END_DECLS
