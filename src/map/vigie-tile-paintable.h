/* vigie-tile-paintable.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_TILE_PAINTABLE (vigie_tile_paintable_get_type())

G_DECLARE_FINAL_TYPE (VigieTilePaintable, vigie_tile_paintable, VIGIE, TILE_PAINTABLE, GObject)

VigieTilePaintable *vigie_tile_paintable_new         (GBytes             *bytes,
                                                      int                 size);
GdkTexture         *vigie_tile_paintable_get_texture (VigieTilePaintable *self);

G_END_DECLS
