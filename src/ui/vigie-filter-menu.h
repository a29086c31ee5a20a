/* vigie-filter-menu.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-map-layer.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_FILTER_MENU (vigie_filter_menu_get_type())

G_DECLARE_FINAL_TYPE (VigieFilterMenu, vigie_filter_menu, VIGIE, FILTER_MENU, GtkWidget)

GtkWidget     *vigie_filter_menu_new       (VigieMapLayer   *layer);
GtkMenuButton *vigie_filter_menu_get_button (VigieFilterMenu *self);

G_END_DECLS
