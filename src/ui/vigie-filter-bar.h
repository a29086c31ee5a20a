/* vigie-filter-bar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_FILTER_BAR (vigie_filter_bar_get_type())

G_DECLARE_FINAL_TYPE (VigieFilterBar, vigie_filter_bar, VIGIE, FILTER_BAR, GtkWidget)

GtkWidget *vigie_filter_bar_new        (GListModel     *layers);
void       vigie_filter_bar_clear_all  (VigieFilterBar *self);
GtkWidget *vigie_filter_bar_get_clear_button (VigieFilterBar *self);

G_END_DECLS
