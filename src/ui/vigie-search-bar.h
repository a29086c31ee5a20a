/* vigie-search-bar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-search-hit.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_SEARCH_BAR (vigie_search_bar_get_type())

G_DECLARE_FINAL_TYPE (VigieSearchBar, vigie_search_bar, VIGIE, SEARCH_BAR, GtkWidget)

GtkWidget  *vigie_search_bar_new         (VigieFeedManager *feeds);
void        vigie_search_bar_focus       (VigieSearchBar   *self);
GListModel *vigie_search_bar_get_results (VigieSearchBar   *self);
void        vigie_search_bar_set_layers  (VigieSearchBar   *self,
                                          GListModel       *layers);

G_END_DECLS
