/* vigie-map-keys.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/* A quarter of the map's width or height per arrow key. */
#define VIGIE_MAP_KEYS_PAN_FRACTION 0.25

void     vigie_map_keys_attach (ShumateMap      *map);
gboolean vigie_map_keys_handle (ShumateMap      *map,
                                guint            keyval,
                                GdkModifierType  state);
void     vigie_map_keys_zoom_by (ShumateMap      *map,
                                 double           step);

G_END_DECLS
