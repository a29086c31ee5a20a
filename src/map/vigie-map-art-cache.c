/* vigie-map-art-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-map-layer"

#include "config.h"

#include "vigie-map-art-cache.h"
#include "vigie-map-layer-private.h"
#include "vigie-symbol-renderer.h"

/* A layer's symbols, each drawn once at the display's scale and shared by
 * every item that has it. The layer's plan worker looks up and draws the
 * symbols of the items it builds (vigie-map-layer-plan.c), so that the
 * main thread only swaps in art that is ready: at 10,000 stations an
 * update brings a few hundred new counts, milliseconds of cairo and pango
 * that must not stall a frame. Hence a lock: the main thread still looks
 * up the groups of a zoom level no worker built.
 *
 * Pango is used from the workers as it documents it (since 1.32.6): each
 * thread draws with its own default PangoCairoFontMap
 * (pango_cairo_font_map_get_default() is per thread, freed with the
 * thread), never with the main thread's font map or context. The
 * labels' sizes are absolute, so a worker's pixels are the main
 * thread's. */

#define MAX_TEXTURES   2048
/* Symbols no item has used for this many updates are let go once the
 * cache holds this many more than the items use: a soak of hours drew
 * new ones (ages, counts, bearings) at 0.3 MiB a minute. */
#define ART_IDLE_UPDATES  3
#define ART_SPARE         64

struct _VigieMapArtCache
{
  gatomicrefcount  ref_count;
  GMutex           lock;
  GHashTable      *table;       /* VigieSymbol → Art, at scale */
  int              scale;
  guint            generation;  /* one more at each update of the items */
  GThread         *owner;       /* the main thread, which made it */
  guint            n_drawn_owner;
  guint            n_drawn_other;
};

static Art *
draw_art (VigieMapArtCache  *self,
          const VigieSymbol *symbol,
          int                scale)
{
  Art *art = g_rc_box_new0 (Art);

  art->half = vigie_symbol_get_extent (symbol) / 2.0;
  art->surface = vigie_symbol_render_surface (symbol, scale);
  art->texture = vigie_symbol_texture_for_surface (art->surface);

  if (g_thread_self () == self->owner)
    g_atomic_int_inc (&self->n_drawn_owner);
  else
    g_atomic_int_inc (&self->n_drawn_other);

  return art;
}

static gboolean
art_is_idle (gpointer key,
             gpointer value,
             gpointer user_data)
{
  const Art *art = value;
  guint generation = GPOINTER_TO_UINT (user_data);

  return generation - art->used > ART_IDLE_UPDATES;
}

/**
 * vigie_map_art_cache_new:
 *
 * Returns: (transfer full): an empty cache at scale 1, owned by the
 *   calling thread
 */
VigieMapArtCache *
vigie_map_art_cache_new (void)
{
  VigieMapArtCache *self = g_new0 (VigieMapArtCache, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  self->table = g_hash_table_new_full (vigie_symbol_hash, vigie_symbol_equal, g_free, vigie_map_art_release);
  self->scale = 1;
  self->owner = g_thread_self ();

  return self;
}

VigieMapArtCache *
vigie_map_art_cache_ref (VigieMapArtCache *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
vigie_map_art_cache_unref (VigieMapArtCache *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_hash_table_unref (self->table);
  g_mutex_clear (&self->lock);
  g_free (self);
}

int
vigie_map_art_cache_get_scale (VigieMapArtCache *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (self != NULL, 1);

  locker = g_mutex_locker_new (&self->lock);

  return self->scale;
}

/* Art is drawn for one scale: another empties the cache. */
void
vigie_map_art_cache_set_scale (VigieMapArtCache *self,
                               int               scale)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (scale >= 1);

  locker = g_mutex_locker_new (&self->lock);
  if (self->scale != scale)
    {
      self->scale = scale;
      g_hash_table_remove_all (self->table);
    }
}

/* Art still held by items and groups stays alive: only the cache's own
 * references go. */
void
vigie_map_art_cache_clear (VigieMapArtCache *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (self != NULL);

  locker = g_mutex_locker_new (&self->lock);
  g_hash_table_remove_all (self->table);
}

/**
 * vigie_map_art_cache_lookup:
 * @self: a cache
 * @symbol: a symbol
 * @scale: the scale to draw at
 *
 * The art of @symbol, drawn now when not drawn yet: from any thread. The
 * drawing is done outside the lock, so that the main thread never waits
 * for a worker's cairo. Art of another scale than the cache's is drawn
 * and not kept.
 *
 * Returns: (transfer full): the art, to release with
 *   vigie_map_art_release()
 */
Art *
vigie_map_art_cache_lookup (VigieMapArtCache  *self,
                            const VigieSymbol *symbol,
                            int                scale)
{
  Art *art, *drawn;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (symbol != NULL, NULL);

  g_mutex_lock (&self->lock);
  art = scale == self->scale ? g_hash_table_lookup (self->table, symbol) : NULL;
  if (art != NULL)
    {
      art->used = self->generation;
      art = g_rc_box_acquire (art);
      g_mutex_unlock (&self->lock);
      return art;
    }
  g_mutex_unlock (&self->lock);

  drawn = draw_art (self, symbol, scale);

  g_mutex_lock (&self->lock);
  if (scale == self->scale)
    {
      /* Another thread may have drawn it meanwhile: one art each. */
      art = g_hash_table_lookup (self->table, symbol);
      if (art == NULL)
        {
          /* A bound on memory: styles quantize, so this is a safety net.
           * Only the main thread lets art go, so that what it looks up
           * stays while it uses it. */
          if (g_hash_table_size (self->table) >= MAX_TEXTURES && g_thread_self () == self->owner)
            g_hash_table_remove_all (self->table);
          g_hash_table_insert (self->table, g_memdup2 (symbol, sizeof *symbol), g_rc_box_acquire (drawn));
          art = drawn;
        }
      else
        {
          vigie_map_art_release (drawn);
          art = g_rc_box_acquire (art);
        }
      art->used = self->generation;
    }
  else
    art = drawn;
  g_mutex_unlock (&self->lock);

  return art;
}

/**
 * vigie_map_art_cache_lookup_all:
 * @self: a cache
 * @symbols: (array length=n_symbols): distinct symbols
 * @n_symbols: how many
 * @scale: the scale to draw at
 *
 * Returns: (transfer full) (element-type Art): the art of each symbol, in
 *   their order, drawn when not drawn yet
 */
GPtrArray *
vigie_map_art_cache_lookup_all (VigieMapArtCache  *self,
                                const VigieSymbol *symbols,
                                guint              n_symbols,
                                int                scale)
{
  GPtrArray *arts;

  g_return_val_if_fail (self != NULL, NULL);

  arts = g_ptr_array_new_full (n_symbols, vigie_map_art_release);
  for (guint i = 0; i < n_symbols; i++)
    g_ptr_array_add (arts, vigie_map_art_cache_lookup (self, &symbols[i], scale));

  return arts;
}

/**
 * vigie_map_art_cache_dress_clusters:
 * @self: a cache
 * @set: groups not drawn yet
 * @scale: the scale to draw at
 *
 * Gives each group of two or more its art.
 */
void
vigie_map_art_cache_dress_clusters (VigieMapArtCache *self,
                                    ClusterSet       *set,
                                    int               scale)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (set != NULL && !set->has_art);

  for (guint i = 0; i < set->clusters->len; i++)
    {
      Cluster *cluster = &g_array_index (set->clusters, Cluster, i);

      if (cluster->n > 1)
        cluster->art = vigie_map_art_cache_lookup (self, &cluster->symbol, scale);
    }
  set->has_art = TRUE;
}

/**
 * vigie_map_art_cache_use:
 * @self: a cache
 * @arts: (element-type Art): the art of the items now shown
 *
 * Starts a new update of the items, on the main thread: what @arts holds
 * is in use, and art idle for a few updates is let go once the cache
 * holds many more.
 */
void
vigie_map_art_cache_use (VigieMapArtCache *self,
                         GPtrArray        *arts)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (arts != NULL);

  locker = g_mutex_locker_new (&self->lock);
  self->generation++;
  for (guint i = 0; i < arts->len; i++)
    ((Art *) g_ptr_array_index (arts, i))->used = self->generation;

  if (g_hash_table_size (self->table) > arts->len + ART_SPARE)
    g_hash_table_foreach_remove (self->table, art_is_idle, GUINT_TO_POINTER (self->generation));
  if (g_hash_table_size (self->table) >= MAX_TEXTURES)
    g_hash_table_remove_all (self->table);
}

/**
 * vigie_map_art_cache_get_table:
 * @self: a cache
 *
 * For tests, on the main thread while no worker draws.
 *
 * Returns: (transfer none): the table of symbols to their art
 */
GHashTable *
vigie_map_art_cache_get_table (VigieMapArtCache *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->table;
}

/**
 * vigie_map_art_cache_get_n_drawn:
 * @self: a cache
 * @on_main_thread: whether to count the symbols drawn on the thread that
 *   made the cache, or on the others
 *
 * For tests.
 *
 * Returns: how many symbols were drawn there
 */
guint
vigie_map_art_cache_get_n_drawn (VigieMapArtCache *self,
                                 gboolean          on_main_thread)
{
  g_return_val_if_fail (self != NULL, 0);

  return (guint) g_atomic_int_get (on_main_thread ? &self->n_drawn_owner : &self->n_drawn_other);
}
