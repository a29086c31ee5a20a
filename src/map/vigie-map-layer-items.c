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

/* The item model: everything that depends only on the data is done once
 * per store update, in vigie_map_layer_rebuild(): the style of each
 * entity, its texture (one per distinct symbol, shared), its Web-Mercator
 * position and a spatial index of them all. Entities that move (same key,
 * new position) glide to their new place on the frame clock; the tick
 * callback only runs while something moves. */

#define MAX_TEXTURES   2048
/* Items fade with a clock as their data ages without any store update,
 * and trams then disappear: checked this often, only while something is
 * left to age. */
#define AGE_CHECK_S      10

/* Data older than its feed's limit is drawn faded with a clock: an
 * operator must not take a dock count from a feed that stopped answering
 * for a live one. A tram not heard of for a while is drawn so too, then
 * not at all: no one must go looking for a tram where it was minutes
 * ago. Notes when this item will next change, for the timer. Returns
 * FALSE when it is not to be drawn. */
static gboolean
age_item (VigieMapLayer *self,
          VigieEntity   *entity,
          gint64         now_s,
          gint64         ageing_s,
          gint64         stale_s,
          VigieSymbol   *symbol)
{
  gint64 feed_time = 0;
  gint64 item_time, change_at;
  gboolean tram = self->kind == VIGIE_FEED_KIND_TRAMS &&
                  vigie_entity_get_kind (entity) == VIGIE_ENTITY_VEHICLE;

  if (self->feed != NULL)
    feed_time = vigie_feed_get_observed_at (self->feed) > 0 ? vigie_feed_get_observed_at (self->feed)
                                                            : vigie_feed_get_fetched_at (self->feed);
  item_time = vigie_layer_summary_item_time (self->kind, entity);
  if (item_time <= 0 || item_time - now_s > VIGIE_FRESHNESS_MAX_CLOCK_SKEW_S)
    item_time = feed_time;

  switch (vigie_layer_summary_classify_entity (self->kind, entity, now_s, feed_time, 0))
    {
    case VIGIE_FRESHNESS_STALE:
      if (tram)
        return FALSE;
      vigie_style_mark_outdated (symbol);
      return TRUE;

    case VIGIE_FRESHNESS_AGEING:
      vigie_style_mark_outdated (symbol);
      if (!tram)
        return TRUE;
      change_at = item_time + stale_s;
      break;

    case VIGIE_FRESHNESS_FRESH:
      if (!vigie_layer_summary_ages (entity))
        return TRUE;
      change_at = item_time + ageing_s;
      break;

    case VIGIE_FRESHNESS_NO_DATA:
    default:
      /* No time, or one too far ahead to believe: nothing to age. */
      return TRUE;
    }

  if (self->next_age_change == 0 || change_at < self->next_age_change)
    self->next_age_change = change_at;

  return TRUE;
}

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  gint64 duration = VIGIE_MAP_LAYER_GLIDE_DURATION_MS * 1000;
  gboolean moving = FALSE;

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      if (item->glide_start == 0)
        continue;
      if (now - item->glide_start >= duration)
        item->glide_start = 0;
      else
        moving = TRUE;
    }

  vigie_map_labels_queue_draw (widget);

  if (!moving)
    {
      /* Nothing moves: no more frames until the next update. */
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

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
  g_clear_object (&item->layout);
  g_clear_pointer (&item->path, g_array_unref);
}

void
vigie_map_art_free (gpointer data)
{
  Art *art = data;

  g_clear_object (&art->texture);
  g_clear_pointer (&art->surface, cairo_surface_destroy);
  g_free (art);
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

      art = g_new0 (Art, 1);
      art->half = vigie_symbol_get_extent (symbol) / 2.0;

      art->texture = vigie_symbol_render_texture (symbol, self->texture_scale);
      art->surface = vigie_symbol_render_surface (symbol, self->texture_scale);
      g_hash_table_insert (self->textures, g_memdup2 (symbol, sizeof *symbol), art);
    }

  return art;
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

void
vigie_map_layer_rebuild (VigieMapLayer *self)
{
  g_autoptr(GArray) old_items = NULL;
  g_autoptr(GHashTable) old_by_key = NULL;
  g_autofree double *xy = NULL;
  gint64 now = vigie_map_layer_get_frame_time (self);
  gint64 now_s = vigie_clock_now ();
  gint64 ageing_s, stale_s;
  gboolean gliding = FALSE;
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  VigieEntity *selected = NULL;

  vigie_freshness_get_default_thresholds (self->kind, &ageing_s, &stale_s);
  self->next_age_change = 0;

  old_items = g_steal_pointer (&self->items);
  old_by_key = g_steal_pointer (&self->by_key);
  g_clear_pointer (&self->index, vigie_spatial_index_free);
  g_hash_table_remove_all (self->cluster_sets);

  g_clear_pointer (&self->shapes, vigie_shapes_free);
  self->shapes = vigie_shapes_new ();
  self->items = g_array_sized_new (FALSE, TRUE, sizeof (Item), n);
  g_array_set_clear_func (self->items, vigie_map_item_clear);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->max_half = 0;

  if (self->texture_scale != gtk_widget_get_scale_factor (GTK_WIDGET (self)))
    {
      self->texture_scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
      g_hash_table_remove_all (self->textures);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieEntity) entity = g_list_model_get_item (self->model, i);
      VigieSymbol symbol;
      Item item = { 0, };
      gpointer old_position;

      if (!vigie_entity_has_position (entity))
        continue;

      vigie_spatial_index_project (vigie_entity_get_latitude (entity),
                                   vigie_entity_get_longitude (entity),
                                   &item.x, &item.y);
      vigie_style_entity (self->kind, entity, &self->thresholds, &symbol);

      if (!age_item (self, entity, now_s, ageing_s, stale_s, &symbol))
        continue;

      /* A transit line is only its path; a parking zone is its area (or
       * street segment) and a symbol with its free spaces. */
      if (vigie_shapes_add (self->shapes, entity, symbol.fill, symbol.hatched) &&
          vigie_entity_get_kind (entity) == VIGIE_ENTITY_LINE)
        continue;

      item.art = vigie_map_layer_lookup_art (self, &symbol);
      item.radius = symbol.size / 2.0;
      item.has_fill = vigie_style_entity_fill (entity, &item.used, &item.total);
      item.alert = vigie_group_style_alert (self->kind, entity, &self->thresholds);
      item.outdated = symbol.outdated;
      self->max_half = MAX (self->max_half, item.art->half);

      /* The same vehicle somewhere else: glide from where it is drawn
       * now, unless it went too far to be the same trip. */
      old_position = g_hash_table_lookup (old_by_key, vigie_entity_get_key (entity));
      if (old_position != NULL)
        {
          Item *old = &g_array_index (old_items, Item, GPOINTER_TO_UINT (old_position) - 1);
          double ox, oy, meters;

          vigie_map_item_get_position (old, now, &ox, &oy);
          meters = hypot (item.x - ox, item.y - oy) * vigie_spatial_index_meters_per_unit (item.y);
          if (meters > 0.01 && meters <= VIGIE_MAP_LAYER_SNAP_DISTANCE_M)
            {
              item.from_x = ox;
              item.from_y = oy;
              item.glide_start = now;
              gliding = TRUE;

              /* A tram follows its line's bends rather than cut across. */
              if (self->kind == VIGIE_FEED_KIND_TRAMS)
                {
                  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (double));
                  double slack = 60.0 / vigie_spatial_index_meters_per_unit (item.y);

                  if (vigie_shapes_find_path (self->shapes, vigie_entity_lookup_string (entity, "route_id"),
                                              ox, oy, item.x, item.y, slack, path))
                    {
                      /* From exactly where it was drawn to exactly where
                       * it is reported, the line's bends between. */
                      g_array_prepend_vals (path, (double[]) { ox, oy }, 2);
                      g_array_append_vals (path, (double[]) { item.x, item.y }, 2);
                      item.path = g_steal_pointer (&path);
                    }
                }
            }
        }

      if (self->selected != NULL &&
          g_str_equal (vigie_entity_get_key (self->selected), vigie_entity_get_key (entity)))
        selected = entity;

      item.entity = g_steal_pointer (&entity);
      g_array_append_val (self->items, item);
      g_hash_table_insert (self->by_key,
                           (gpointer) vigie_entity_get_key (item.entity),
                           GUINT_TO_POINTER (self->items->len));
    }

  xy = g_new (double, 2 * MAX (self->items->len, 1));
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      xy[2 * i] = item->x;
      xy[2 * i + 1] = item->y;
    }
  self->index = vigie_spatial_index_new (xy, self->items->len);

  /* Keep the selection on the new copy of the same entity. */
  if (self->selected != NULL)
    {
      if (selected != NULL)
        {
          /* Open details show the new values, not the ones clicked on. */
          if (g_set_object (&self->selected, selected))
            vigie_map_layer_refresh_details (self);
        }
      else
        vigie_map_layer_select (self, NULL, FALSE);
    }

  if (gliding && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick_cb, NULL, NULL);

  /* The other layers' groups make room for this one's new ones. */
  if (self->groups != NULL)
    vigie_map_groups_changed (self->groups);

  /* The timer stops itself once nothing is left to age. */
  if (self->next_age_change > 0 && self->age_check_id == 0)
    self->age_check_id = g_timeout_add_seconds (AGE_CHECK_S, on_age_check_cb, self);

  vigie_map_labels_queue_draw (GTK_WIDGET (self));
}

/* Stops the clocks: no glide, no ageing left to check. */
void
vigie_map_layer_stop_items (VigieMapLayer *self)
{
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_handle_id (&self->age_check_id, g_source_remove);
  self->next_age_change = 0;
}
