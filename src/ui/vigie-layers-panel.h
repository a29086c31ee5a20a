/* vigie-layers-panel.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-layer-manager.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_LAYERS_PANEL (vigie_layers_panel_get_type())

G_DECLARE_FINAL_TYPE (VigieLayersPanel, vigie_layers_panel, VIGIE, LAYERS_PANEL, GtkWidget)

GtkWidget  *vigie_layers_panel_new       (GListModel       *layers);
GListModel *vigie_layers_panel_get_layers (VigieLayersPanel *self);
void        vigie_layers_panel_set_layers (VigieLayersPanel *self,
                                           GListModel       *layers);

G_END_DECLS
