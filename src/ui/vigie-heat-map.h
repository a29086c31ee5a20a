/* vigie-heat-map.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-week-study.h"

G_BEGIN_DECLS

/* How a week of one place is coloured: its values over @full, hatched
 * from @high, dotted up to @low (< 0: never). */
typedef struct
{
  double values[VIGIE_WEEK_HOURS];   /* NAN where unknown */
  double full;                       /* the value of a full cell */
  double high;                       /* share of @full */
  double low;
  gboolean percent;                  /* tooltips in %, else counts */
} VigieHeatMapData;

#define VIGIE_TYPE_HEAT_MAP (vigie_heat_map_get_type())

G_DECLARE_FINAL_TYPE (VigieHeatMap, vigie_heat_map, VIGIE, HEAT_MAP, GtkWidget)

GtkWidget *vigie_heat_map_new          (void);
void       vigie_heat_map_set_data     (VigieHeatMap           *self,
                                        const VigieHeatMapData *data);
guint      vigie_heat_map_get_n_cells  (VigieHeatMap           *self);
guint      vigie_heat_map_get_n_known  (VigieHeatMap           *self);
void       vigie_heat_map_data_from_place (VigieHeatMapData     *data,
                                           const VigieWeekPlace *place,
                                           gboolean              wifi);
void       vigie_heat_map_draw         (const VigieHeatMapData *data,
                                        cairo_t                *cr,
                                        PangoContext           *context,
                                        double                  width,
                                        double                  height,
                                        double                  text_px,
                                        const GdkRGBA          *ink);

G_END_DECLS
