/* vigie-map-node-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-map-layer"

#include "config.h"

#include <string.h>

#include "vigie-map-node-cache.h"

/* GTK repaints only what differs between a frame's render nodes and the
 * previous frame's (gsk_render_node_diff()); a cairo node can never be
 * compared, so a new one is repainted whole, and a layer's are the size of
 * the map. While a tram glides, the lines and the still symbols under it
 * are the same from one frame to the next: drawn once into a node kept
 * here, and that very node appended again as long as what it shows, the
 * key, is the same. A frame then repaints only the tram.
 *
 * The key is the bytes the drawing is made of (symbols and where, the
 * view); what it points to is held (the held_free given at init) so that
 * no new thing can come at the same address while the node is kept. */

void
vigie_map_node_cache_init (VigieMapNodeCache *cache,
                           GDestroyNotify     held_free)
{
  g_assert (cache != NULL);

  cache->node = NULL;
  cache->key = g_byte_array_new ();
  cache->held = g_ptr_array_new_with_free_func (held_free);
  cache->held_free = held_free;
  cache->n_made = 0;
}

void
vigie_map_node_cache_clear (VigieMapNodeCache *cache)
{
  g_assert (cache != NULL);

  g_clear_pointer (&cache->node, gsk_render_node_unref);
  g_clear_pointer (&cache->key, g_byte_array_unref);
  g_clear_pointer (&cache->held, g_ptr_array_unref);
}

/* Nothing of the kind drawn: what was kept goes. */
void
vigie_map_node_cache_forget (VigieMapNodeCache *cache)
{
  g_assert (cache != NULL && cache->key != NULL);

  g_clear_pointer (&cache->node, gsk_render_node_unref);
  g_byte_array_set_size (cache->key, 0);
  g_ptr_array_set_size (cache->held, 0);
}

/* Appends the node kept if it shows @key; else forgets it and returns
 * FALSE, for the caller to draw a new one (vigie_map_node_cache_begin()). */
gboolean
vigie_map_node_cache_append (VigieMapNodeCache *cache,
                             GtkSnapshot       *snapshot,
                             gconstpointer      key,
                             gsize              key_len)
{
  g_assert (cache != NULL && cache->key != NULL);

  if (cache->node != NULL && cache->key->len == key_len &&
      memcmp (cache->key->data, key, key_len) == 0)
    {
      gtk_snapshot_append_node (snapshot, cache->node);
      return TRUE;
    }

  vigie_map_node_cache_forget (cache);
  return FALSE;
}

/* A new node of @bounds for @key: draw into the returned context, hold
 * what the key points to, then vigie_map_node_cache_end(). */
cairo_t *
vigie_map_node_cache_begin (VigieMapNodeCache     *cache,
                            const graphene_rect_t *bounds,
                            gconstpointer          key,
                            gsize                  key_len)
{
  g_assert (cache != NULL && cache->key != NULL);

  vigie_map_node_cache_forget (cache);
  g_byte_array_append (cache->key, key, key_len);
  cache->node = gsk_cairo_node_new (bounds);
  cache->n_made++;

  return gsk_cairo_node_get_draw_context (cache->node);
}

void
vigie_map_node_cache_hold (VigieMapNodeCache *cache,
                           gpointer           data)
{
  g_assert (cache != NULL && cache->held_free != NULL);

  g_ptr_array_add (cache->held, data);
}

void
vigie_map_node_cache_end (VigieMapNodeCache *cache,
                          GtkSnapshot       *snapshot,
                          cairo_t           *cr)
{
  g_assert (cache != NULL && cache->node != NULL);

  cairo_destroy (cr);
  gtk_snapshot_append_node (snapshot, cache->node);
}
