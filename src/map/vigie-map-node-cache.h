/* vigie-map-node-cache.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One render node kept from a frame to the next, with what it shows. */
typedef struct
{
  GskRenderNode  *node;
  GByteArray     *key;
  GPtrArray      *held;          /* what the key points to, kept alive */
  GDestroyNotify  held_free;
  guint           n_made;        /* nodes made, for the tests */
} VigieMapNodeCache;

void     vigie_map_node_cache_init    (VigieMapNodeCache     *cache,
                                       GDestroyNotify         held_free);
void     vigie_map_node_cache_clear   (VigieMapNodeCache     *cache);
void     vigie_map_node_cache_forget  (VigieMapNodeCache     *cache);
gboolean vigie_map_node_cache_append  (VigieMapNodeCache     *cache,
                                       GtkSnapshot           *snapshot,
                                       gconstpointer          key,
                                       gsize                  key_len);
cairo_t *vigie_map_node_cache_begin   (VigieMapNodeCache     *cache,
                                       const graphene_rect_t *bounds,
                                       gconstpointer          key,
                                       gsize                  key_len);
void     vigie_map_node_cache_hold    (VigieMapNodeCache     *cache,
                                       gpointer               data);
void     vigie_map_node_cache_end     (VigieMapNodeCache     *cache,
                                       GtkSnapshot           *snapshot,
                                       cairo_t               *cr);

G_END_DECLS
