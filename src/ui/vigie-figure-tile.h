/* vigie-figure-tile.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-figures.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_FIGURE_TILE (vigie_figure_tile_get_type())

G_DECLARE_FINAL_TYPE (VigieFigureTile, vigie_figure_tile, VIGIE, FIGURE_TILE, GtkWidget)

GtkWidget  *vigie_figure_tile_new            (void);
void        vigie_figure_tile_set_sentence   (VigieFigureTile           *self,
                                              const VigieFigureSentence *sentence);
const char *vigie_figure_tile_get_id         (VigieFigureTile           *self);
void        vigie_figure_tile_set_text_sizes (VigieFigureTile           *self,
                                              double                     figure_px,
                                              double                     label_px);
GtkLabel   *vigie_figure_tile_get_figure_label (VigieFigureTile         *self);
GtkLabel   *vigie_figure_tile_get_words_label  (VigieFigureTile         *self);

void        vigie_figure_tile_size_label       (GtkLabel                *label,
                                                double                   px,
                                                gboolean                 bold);

G_END_DECLS
