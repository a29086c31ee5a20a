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
#include "vigie-map-labels.h"
#include "vigie-map-layer-private.h"
#include "vigie-symbol-renderer.h"

/* The item model on the main thread: the items are built in a worker
 * (vigie-map-layer-plan.c); here each distinct symbol is drawn once into
 * a texture shared by every item that has it, names are laid out once,
 * and the clocks run: items that move (same key, new position) glide to
 * their new place (vigie-map-layer-glide.c), and items age as their data
 * does. */

#define MAX_TEXTURES   2048
/* Symbols no item has used for this many updates are let go once the
 * cache holds this many more than the items use: a soak of hours drew
 * new ones (ages, counts, bearings) at 0.3 MiB a minute. */
#define ART_IDLE_UPDATES  3
#define ART_SPARE         64
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

Art *
vigie_map_layer_lookup_art (VigieMapLayer     *self,
                            const VigieSymbol *symbol)
{
  Art *art = g_hash_table_lookup (self->textures, symbol);

  if (art == NULL)
    {
      /* A bound on memory: styles quantize, so this is a safety net. */
      if (g_hash_table_size (self->textures) >= MAX_TEXTURES)
        g_hash_table_remove_all (self->textures);

      art = g_rc_box_new0 (Art);
      art->half = vigie_symbol_get_extent (symbol) / 2.0;

      art->surface = vigie_symbol_render_surface (symbol, self->texture_scale);
      art->texture = vigie_symbol_texture_for_surface (art->surface);
      g_hash_table_insert (self->textures, g_memdup2 (symbol, sizeof *symbol), art);
    }
  art->used = self->art_generation;

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
 * vigie_map_layer_update_arts:
 * @self: a #VigieMapLayer
 *
 * Gives each of the items' symbols its art, drawing only those not drawn
 * yet (at the display's scale).
 */
void
vigie_map_layer_update_arts (VigieMapLayer *self)
{
  if (self->texture_scale != gtk_widget_get_scale_factor (GTK_WIDGET (self)))
    {
      self->texture_scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
      g_hash_table_remove_all (self->textures);
    }

  self->art_generation++;
  g_ptr_array_set_size (self->arts, 0);
  for (guint i = 0; i < self->symbols->len; i++)
    g_ptr_array_add (self->arts, g_rc_box_acquire (vigie_map_layer_lookup_art (self, &g_array_index (self->symbols, VigieSymbol, i))));

  /* Groups and items that still hold an art keep it alive: only the
   * cache's own reference goes. */
  if (g_hash_table_size (self->textures) > self->symbols->len + ART_SPARE)
    g_hash_table_foreach_remove (self->textures, art_is_idle, GUINT_TO_POINTER (self->art_generation));
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
