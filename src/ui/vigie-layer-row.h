/* vigie-layer-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-map-layer.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_LAYER_ROW (vigie_layer_row_get_type())

G_DECLARE_FINAL_TYPE (VigieLayerRow, vigie_layer_row, VIGIE, LAYER_ROW, AdwExpanderRow)

GtkWidget     *vigie_layer_row_new       (VigieMapLayer *layer);
VigieMapLayer *vigie_layer_row_get_layer (VigieLayerRow *self);

G_END_DECLS
