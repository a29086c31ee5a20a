/* vigie-offline-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_OFFLINE_SOURCE (vigie_offline_source_get_type ())

G_DECLARE_FINAL_TYPE (VigieOfflineSource, vigie_offline_source, VIGIE, OFFLINE_SOURCE, ShumateMapSource)

VigieOfflineSource *vigie_offline_source_new         (void);
gboolean            vigie_offline_source_get_dark    (VigieOfflineSource *self);
void                vigie_offline_source_set_dark    (VigieOfflineSource *self,
                                                      gboolean            dark);
const char         *vigie_offline_source_get_style   (VigieOfflineSource *self);
void                vigie_offline_source_set_style   (VigieOfflineSource *self,
                                                      const char         *style);
void                vigie_offline_source_watch       (VigieOfflineSource *self,
                                                      ShumateMap         *map);
GdkTexture         *vigie_offline_source_render_tile (VigieOfflineSource *self,
                                                      int                 x,
                                                      int                 y,
                                                      int                 zoom_level);

G_END_DECLS
