/* vigie-tile-downloader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define VIGIE_TYPE_TILE_DOWNLOADER (vigie_tile_downloader_get_type ())

G_DECLARE_FINAL_TYPE (VigieTileDownloader, vigie_tile_downloader, VIGIE, TILE_DOWNLOADER, ShumateDataSource)

VigieTileDownloader *vigie_tile_downloader_new                   (const char          *url_template,
                                                                  const char          *user_agent);
const char          *vigie_tile_downloader_get_url_template      (VigieTileDownloader *self);
const char          *vigie_tile_downloader_get_user_agent        (VigieTileDownloader *self);
gboolean             vigie_tile_downloader_get_healthy           (VigieTileDownloader *self);
guint                vigie_tile_downloader_get_n_failures        (VigieTileDownloader *self);
const char          *vigie_tile_downloader_get_last_error        (VigieTileDownloader *self);
guint                vigie_tile_downloader_get_failure_threshold (VigieTileDownloader *self);
void                 vigie_tile_downloader_set_failure_threshold (VigieTileDownloader *self,
                                                                  guint                threshold);
guint                vigie_tile_downloader_get_max_age           (VigieTileDownloader *self);
void                 vigie_tile_downloader_set_max_age           (VigieTileDownloader *self,
                                                                  guint                seconds);

G_END_DECLS
