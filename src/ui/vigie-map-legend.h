/* vigie-map-legend.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_MAP_LEGEND (vigie_map_legend_get_type())

G_DECLARE_FINAL_TYPE (VigieMapLegend, vigie_map_legend, VIGIE, MAP_LEGEND, GtkWidget)

GtkWidget  *vigie_map_legend_new        (GListModel     *layers);
GListModel *vigie_map_legend_get_layers (VigieMapLegend *self);
void        vigie_map_legend_set_layers (VigieMapLegend *self,
                                         GListModel     *layers);
void        vigie_map_legend_update     (VigieMapLegend *self);

G_END_DECLS
