/* vigie-map-labels.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-entity.h"

G_BEGIN_DECLS

/* One item whose name may be written, where the layer draws it now. */
typedef struct
{
  double        x, y;       /* the symbol's centre, widget px */
  double        radius;
  double        importance; /* higher first */
  VigieEntity  *entity;
  PangoLayout **layout;     /* the item's cached layout of its name */
} VigieMapLabelItem;

typedef void (*VigieMapLabelsCollect) (GtkWidget *layer,
                                       GArray    *rects);

void vigie_map_labels_queue_draw (GtkWidget             *layer);
void vigie_map_labels_append     (GtkWidget             *layer,
                                  GtkSnapshot           *snapshot,
                                  VigieMapLabelItem     *items,
                                  guint                  n_items,
                                  VigieMapLabelsCollect  collect_symbols);

G_END_DECLS
