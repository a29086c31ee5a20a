/* vigie-map-art-cache.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-map-clusters.h"
#include "vigie-symbol.h"

G_BEGIN_DECLS

typedef struct _VigieMapArtCache VigieMapArtCache;

VigieMapArtCache *vigie_map_art_cache_new         (void);
VigieMapArtCache *vigie_map_art_cache_ref         (VigieMapArtCache  *self);
void              vigie_map_art_cache_unref       (VigieMapArtCache  *self);
int               vigie_map_art_cache_get_scale   (VigieMapArtCache  *self);
void              vigie_map_art_cache_set_scale   (VigieMapArtCache  *self,
                                                   int                scale);
void              vigie_map_art_cache_clear       (VigieMapArtCache  *self);
Art              *vigie_map_art_cache_lookup      (VigieMapArtCache  *self,
                                                   const VigieSymbol *symbol,
                                                   int                scale);
GPtrArray        *vigie_map_art_cache_lookup_all  (VigieMapArtCache  *self,
                                                   const VigieSymbol *symbols,
                                                   guint              n_symbols,
                                                   int                scale);
void              vigie_map_art_cache_dress_clusters
                                                  (VigieMapArtCache  *self,
                                                   ClusterSet        *set,
                                                   int                scale);
void              vigie_map_art_cache_use         (VigieMapArtCache  *self,
                                                   GPtrArray         *arts);
GHashTable       *vigie_map_art_cache_get_table   (VigieMapArtCache  *self);
guint             vigie_map_art_cache_get_n_drawn (VigieMapArtCache  *self,
                                                   gboolean           on_main_thread);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieMapArtCache, vigie_map_art_cache_unref)

G_END_DECLS
