/* vigie-mbtiles-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_MBTILES_SOURCE (vigie_mbtiles_source_get_type ())

G_DECLARE_FINAL_TYPE (VigieMbtilesSource, vigie_mbtiles_source, VIGIE, MBTILES_SOURCE, ShumateDataSource)

VigieMbtilesSource *vigie_mbtiles_source_new             (GFile               *file,
                                                          GError             **error);
GFile              *vigie_mbtiles_source_get_file        (VigieMbtilesSource  *self);
const char         *vigie_mbtiles_source_get_name        (VigieMbtilesSource  *self);
const char         *vigie_mbtiles_source_get_attribution (VigieMbtilesSource  *self);
guint               vigie_mbtiles_source_get_min_zoom    (VigieMbtilesSource  *self);
guint               vigie_mbtiles_source_get_max_zoom    (VigieMbtilesSource  *self);
GBytes             *vigie_mbtiles_source_get_tile        (VigieMbtilesSource  *self,
                                                          int                  x,
                                                          int                  y,
                                                          int                  zoom_level,
                                                          GError             **error);
ShumateMapSource   *vigie_mbtiles_source_to_map_source   (VigieMbtilesSource  *self);

G_END_DECLS
