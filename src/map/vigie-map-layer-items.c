/* vigie-map-layer-items.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-map-layer"

#include "config.h"

#include <math.h>

#include "vigie-clock.h"
#include "vigie-freshness.h"
#include "vigie-group-style.h"
#include "vigie-layer-summary.h"
#include "vigie-map-art-cache.h"
#include "vigie-map-labels.h"
#include "vigie-map-layer-private.h"
#include "vigie-symbol-renderer.h"

/* The item model on the main thread: the items are built in a worker
 * (vigie-map-layer-plan.c), with the art of their symbols
 * (vigie-map-art-cache.c); here names are laid out once,
 * and the clocks run: items that move (same key, new position) glide to
 * their new place (vigie-map-layer-glide.c), and items age as their data
 * does. */

#define MAX_LAYOUTS    4096
/* Items fade with a clock as their data ages without any store update,
 * and trams then disappear: checked this often, only while something is
 * left to age. */
#define AGE_CHECK_S      10
static gboolean
on_age_check_cb (gpointer user_data)
{
  VigieMapLayer *self = user_data;

  if (self->next_age_change > 0 && vigie_clock_now () >= self->next_age_change)
    vigie_map_layer_rebuild (self);

  if (self->next_age_change == 0)
    {
      self->age_check_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

void
vigie_map_item_clear (gpointer data)
{
  Item *item = data;

  g_clear_object (&item->entity);
  g_clear_pointer (&item->path, g_array_unref);
}

static void
art_clear (gpointer data)
{
  Art *art = data;

  g_clear_object (&art->texture);
  g_clear_pointer (&art->surface, cairo_surface_destroy);
}

void
vigie_map_art_release (gpointer data)
{
  if (data != NULL)
    g_rc_box_release_full (data, art_clear);
}

/* Returns: (transfer none): the art of @symbol, drawn now if it is not
 * yet, kept by the cache until the next update of the items: for the
 * groups of a zoom level no worker built. Main thread only. */
Art *
vigie_map_layer_lookup_art (VigieMapLayer     *self,
                            const VigieSymbol *symbol)
{
  Art *art = vigie_map_art_cache_lookup (self->art_cache, symbol, self->texture_scale);

  /* At the cache's scale, which only this thread sets: the cache holds
   * it, and only this thread lets art go. */
  vigie_map_art_release (art);

  return art;
}

/* The art of the items' symbols, drawn for this scale by the plan's
 * worker: the main thread only takes it. */
void
vigie_map_layer_take_arts (VigieMapLayer *self,
                           GPtrArray     *arts)
{
  g_assert (arts->len == self->symbols->len);

  g_clear_pointer (&self->arts, g_ptr_array_unref);
  self->arts = arts;
  self->art_generation++;
  vigie_map_art_cache_use (self->art_cache, self->arts);
}

/**
 * vigie_map_layer_update_arts:
 * @self: a #VigieMapLayer
 *
 * Gives each of the items' symbols its art, drawing only those not drawn
 * yet (at the display's scale), on this thread: when the display's scale
 * changed since the plan's worker drew them.
 */
void
vigie_map_layer_update_arts (VigieMapLayer *self)
{
  self->texture_scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  vigie_map_art_cache_set_scale (self->art_cache, self->texture_scale);
  vigie_map_layer_take_arts (self, vigie_map_art_cache_lookup_all (self->art_cache,
                                                                   (const VigieSymbol *) (gpointer) self->symbols->data,
                                                                   self->symbols->len, self->texture_scale));
}

/**
 * vigie_map_layer_lookup_layout:
 * @self: a #VigieMapLayer
 * @name: (nullable): a name to write
 *
 * Returns: where the layout of @name is kept, laid out when first
 *   written; valid until the next frame
 */
PangoLayout **
vigie_map_layer_lookup_layout (VigieMapLayer *self,
                               const char    *name)
{
  PangoLayout **slot;

  if (name == NULL)
    name = "";

  slot = g_hash_table_lookup (self->layouts, name);
  if (slot == NULL)
    {
      slot = g_new0 (PangoLayout *, 1);
      g_hash_table_insert (self->layouts, g_strdup (name), slot);
    }

  return slot;
}

/* Names come and go with the data: a bound, checked between frames. */
void
vigie_map_layer_trim_layouts (VigieMapLayer *self)
{
  if (g_hash_table_size (self->layouts) >= MAX_LAYOUTS)
    g_hash_table_remove_all (self->layouts);
}

Item *
vigie_map_layer_find_item (VigieMapLayer *self,
                           VigieEntity   *entity)
{
  gpointer position;

  if (entity == NULL || self->by_key == NULL)
    return NULL;

  position = g_hash_table_lookup (self->by_key, vigie_entity_get_key (entity));
  if (position == NULL)
    return NULL;

  return &g_array_index (self->items, Item, GPOINTER_TO_UINT (position) - 1);
}

/* A new plan is shown: the glides start, and the ageing timer if
 * anything is left to age. */
void
vigie_map_layer_start_items (VigieMapLayer *self,
                             gint64         next_age_change)
{
  self->next_age_change = next_age_change;

  vigie_map_layer_start_glide (self);

  /* The timer stops itself once nothing is left to age. */
  if (self->next_age_change > 0 && self->age_check_id == 0)
    self->age_check_id = g_timeout_add_seconds (AGE_CHECK_S, on_age_check_cb, self);
}

/* Stops the clocks: no glide, no ageing left to check. */
void
vigie_map_layer_stop_items (VigieMapLayer *self)
{
  vigie_map_layer_stop_glide (self);
  g_clear_handle_id (&self->age_check_id, g_source_remove);
  self->next_age_change = 0;
}
