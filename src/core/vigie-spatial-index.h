/* vigie-spatial-index.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Points in Web-Mercator world coordinates (0..1 east and south from the
 * north-west corner, the same at every zoom level), packed once into a
 * static k-d tree; queried by rectangle and by nearest within a radius. */
typedef struct _VigieSpatialIndex VigieSpatialIndex;

VigieSpatialIndex *vigie_spatial_index_new          (const double      *xy,
                                                     guint              n_points);
void               vigie_spatial_index_free         (VigieSpatialIndex *self);
guint              vigie_spatial_index_get_n_points (VigieSpatialIndex *self);
void               vigie_spatial_index_query_rect   (VigieSpatialIndex *self,
                                                     double             min_x,
                                                     double             min_y,
                                                     double             max_x,
                                                     double             max_y,
                                                     GArray            *ids);
gboolean           vigie_spatial_index_nearest      (VigieSpatialIndex *self,
                                                     double             x,
                                                     double             y,
                                                     double             radius,
                                                     guint             *id);
void               vigie_spatial_index_project      (double             latitude,
                                                     double             longitude,
                                                     double            *x,
                                                     double            *y);
void               vigie_spatial_index_unproject    (double             x,
                                                     double             y,
                                                     double            *latitude,
                                                     double            *longitude);
double             vigie_spatial_index_meters_per_unit (double          y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieSpatialIndex, vigie_spatial_index_free)

G_END_DECLS
