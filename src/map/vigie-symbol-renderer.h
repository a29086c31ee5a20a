/* vigie-symbol-renderer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-symbol.h"

G_BEGIN_DECLS

double      vigie_symbol_get_extent     (const VigieSymbol *symbol);
void        vigie_symbol_draw           (const VigieSymbol *symbol,
                                         cairo_t           *cr,
                                         double             x,
                                         double             y);
void        vigie_symbol_draw_fitted    (const VigieSymbol *symbol,
                                         cairo_t           *cr,
                                         int                width,
                                         int                height);
GdkTexture *vigie_symbol_render_texture (const VigieSymbol *symbol,
                                         int                scale_factor);
cairo_surface_t *
            vigie_symbol_render_surface (const VigieSymbol *symbol,
                                         int                scale_factor);
GdkTexture *vigie_symbol_texture_for_surface
                                        (cairo_surface_t   *surface);
GtkWidget  *vigie_symbol_area_new       (const VigieSymbol *symbol,
                                         const char        *label,
                                         int                width,
                                         int                height);

G_END_DECLS
