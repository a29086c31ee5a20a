/* vigie-map-layer-clusters.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-map-layer"

#include "config.h"

#include <math.h>

#include "vigie-group-style.h"
#include "vigie-hash.h"
#include "vigie-map-layer-private.h"
#include "vigie-symbol-renderer.h"

/* Below VIGIE_MAP_LAYER_CLUSTER_MAX_ZOOM, things closer than a symbol
 * are drawn as one group with a count. The groups are computed once per
 * integer zoom level and store update, then placed among the other
 * layers' groups (vigie-map-groups.c) so that none covers another. */

#define CLUSTER_CELL_PX  64.0

/**
 * vigie_map_layer_build_clusters:
 * @items: (array length=n_items): a layer's items
 * @n_items: how many
 * @kind: the layer's kind
 * @thresholds: the layer's thresholds
 * @zoom: an integer zoom level
 *
 * Groups @items at @zoom: a pure function of its arguments, which the
 * layer's worker calls for the level shown (vigie-map-layer-plan.c) and
 * the main thread for another when the map is zoomed. The groups' art is
 * left to vigie_map_layer_get_clusters().
 *
 * Returns: (transfer full): the groups
 */
ClusterSet *
vigie_map_layer_build_clusters (const Item                 *items,
                                guint                       n_items,
                                VigieFeedKind               layer_kind,
                                const VigieStyleThresholds *thresholds,
                                int                         zoom)
{
  g_autoptr(GHashTable) cells = g_hash_table_new (vigie_int64_hash, g_int64_equal);
  g_autofree gint64 *keys = g_new (gint64, MAX (n_items, 1));
  g_autofree double *sums = g_new0 (double, 4 * MAX (n_items, 1));
  g_autofree guint *alerts = g_new0 (guint, VIGIE_GROUP_N_ALERTS * MAX (n_items, 1));
  g_autofree guint *n_outdated = g_new0 (guint, MAX (n_items, 1));
  g_autofree double *xy = NULL;
  ClusterSet *set = g_new0 (ClusterSet, 1);
  double cell = CLUSTER_CELL_PX / (256.0 * exp2 (zoom));

  set->clusters = g_array_new (FALSE, TRUE, sizeof (Cluster));

  /* A square grid fixed in the world, so clusters do not shimmer as the
   * map pans. */
  for (guint i = 0; i < n_items; i++)
    {
      const Item *item = &items[i];
      VigieEntityKind kind = vigie_entity_get_kind (item->entity);
      gint64 cx = (gint64) floor (item->x / cell);
      gint64 cy = (gint64) floor (item->y / cell);
      gpointer found;
      Cluster *cluster;

      /* Stops are context, not news: below street level they give way to
       * the trams, a few dozen at most, which are never merged into a
       * count (an operator looks for each one). */
      gboolean alone = kind == VIGIE_ENTITY_VEHICLE && layer_kind == VIGIE_FEED_KIND_TRAMS;

      if (kind == VIGIE_ENTITY_STOP && zoom < VIGIE_MAP_LAYER_STOPS_MIN_ZOOM)
        continue;

      keys[i] = (cy << 32) ^ (cx & 0xffffffff);
      found = alone ? NULL : g_hash_table_lookup (cells, &keys[i]);
      if (found == NULL && alone)
        {
          Cluster c = { 0, };

          c.first = i;
          c.cell = G_MININT64;
          g_array_append_val (set->clusters, c);
          found = GUINT_TO_POINTER (set->clusters->len);
        }
      else if (found == NULL)
        {
          Cluster c = { 0, };

          c.first = i;
          c.cell = keys[i];
          g_array_append_val (set->clusters, c);
          g_hash_table_insert (cells, &keys[i], GUINT_TO_POINTER (set->clusters->len));
          found = GUINT_TO_POINTER (set->clusters->len);
        }

      cluster = &g_array_index (set->clusters, Cluster, GPOINTER_TO_UINT (found) - 1);
      alerts[VIGIE_GROUP_N_ALERTS * (GPOINTER_TO_UINT (found) - 1) + item->alert]++;
      if (item->outdated)
        n_outdated[GPOINTER_TO_UINT (found) - 1]++;
      cluster->n++;
      cluster->x += item->x;
      cluster->y += item->y;
      if (item->has_fill)
        {
          sums[4 * (GPOINTER_TO_UINT (found) - 1)] += item->used;
          sums[4 * (GPOINTER_TO_UINT (found) - 1) + 1] += item->total;
        }
    }

  xy = g_new (double, 2 * MAX (set->clusters->len, 1));
  for (guint i = 0; i < set->clusters->len; i++)
    {
      Cluster *cluster = &g_array_index (set->clusters, Cluster, i);

      cluster->x /= cluster->n;
      cluster->y /= cluster->n;
      xy[2 * i] = cluster->x;
      xy[2 * i + 1] = cluster->y;

      if (cluster->n > 1)
        {
          double total = sums[4 * i + 1];

          vigie_group_style_symbol (layer_kind, cluster->n, total > 0 ? sums[4 * i] / total : -1.0,
                                    thresholds, &cluster->symbol);
          /* A group of old data is old too. */
          if (n_outdated[i] == cluster->n)
            vigie_style_mark_outdated (&cluster->symbol);
          cluster->half = vigie_symbol_get_extent (&cluster->symbol) / 2.0;
          cluster->summary = vigie_group_style_summary (layer_kind, &alerts[VIGIE_GROUP_N_ALERTS * i]);
          cluster->radius = cluster->symbol.size / 2.0;
          set->max_half = MAX (set->max_half, cluster->half);
        }
    }

  set->index = vigie_spatial_index_new (xy, set->clusters->len);

  return set;
}

/* The groups at @level: made by the worker for the level shown when the
 * data changed, here for another; their symbols drawn when first used. */
static ClusterSet *
lookup_clusters (VigieMapLayer *self,
                 int            level)
{
  ClusterSet *set = g_hash_table_lookup (self->cluster_sets, GINT_TO_POINTER (level));

  if (set == NULL)
    {
      set = vigie_map_layer_build_clusters ((const Item *) (gpointer) self->items->data, self->items->len,
                                            self->kind, &self->thresholds, level);
      g_hash_table_insert (self->cluster_sets, GINT_TO_POINTER (level), set);
    }

  if (!set->has_art)
    {
      for (guint i = 0; i < set->clusters->len; i++)
        {
          Cluster *cluster = &g_array_index (set->clusters, Cluster, i);

          if (cluster->n > 1)
            cluster->art = g_rc_box_acquire (vigie_map_layer_lookup_art (self, &cluster->symbol));
        }
      self->max_half = MAX (self->max_half, set->max_half);
      set->has_art = TRUE;
    }

  return set;
}

ClusterSet *
vigie_map_layer_get_clusters (VigieMapLayer *self,
                              double         zoom)
{
  int level = (int) floor (zoom);
  ClusterSet *set;

  if (!self->clustering || level >= VIGIE_MAP_LAYER_CLUSTER_MAX_ZOOM)
    return NULL;

  set = lookup_clusters (self, level);
  /* Placed by a worker when there are many (vigie-map-groups.c): until
   * then drawn where the previous update's groups were. */
  if (!set->placed && !set->placing)
    {
      if (self->groups == NULL)
        {
          g_autoptr(VigieMapGroups) own = vigie_map_groups_new ();

          vigie_map_layer_set_groups (self, own);
        }
      vigie_map_groups_place_level (self->groups, level);
    }

  return set;
}

ClusterSet *
vigie_map_layer_get_clusters_now (VigieMapLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  return vigie_map_layer_get_clusters (self, shumate_viewport_get_zoom_level (viewport));
}

void
vigie_map_layer_collect_groups (VigieMapLayer *self,
                                int            level,
                                GArray        *boxes)
{
  if (!self->clustering || level >= VIGIE_MAP_LAYER_CLUSTER_MAX_ZOOM ||
      !gtk_widget_get_visible (GTK_WIDGET (self)))
    return;

  vigie_cluster_set_collect (lookup_clusters (self, level), level, GTK_WIDGET (self), boxes);
}

/* Groups' summaries repeat ("2 empty") from group to group and update to
 * update: each is laid out once, not once per group. */
#define MAX_SUMMARIES 512

PangoLayout *
vigie_map_layer_lookup_summary (VigieMapLayer *self,
                                const char    *text)
{
  PangoLayout *layout = g_hash_table_lookup (self->summaries, text);

  if (layout == NULL)
    {
      if (g_hash_table_size (self->summaries) >= MAX_SUMMARIES)
        g_hash_table_remove_all (self->summaries);
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
      g_hash_table_insert (self->summaries, g_strdup (text), layout);
    }

  return layout;
}

/* A worker places the groups at @level: the layer is busy until then. */
void
vigie_map_layer_begin_placement (VigieMapLayer *self,
                                 int            level)
{
  ClusterSet *set = g_hash_table_lookup (self->cluster_sets, GINT_TO_POINTER (level));

  if (set != NULL)
    set->placing = TRUE;
  if (self->n_placing++ == 0)
    vigie_map_layer_notify_busy (self);
}

void
vigie_map_layer_end_placement (VigieMapLayer *self)
{
  g_return_if_fail (self->n_placing > 0);

  if (--self->n_placing == 0)
    vigie_map_layer_notify_busy (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
vigie_map_layer_apply_placement (VigieMapLayer *self,
                                 int            level,
                                 VigieGroupBox *boxes,
                                 guint          n_boxes)
{
  ClusterSet *set = g_hash_table_lookup (self->cluster_sets, GINT_TO_POINTER (level));

  if (set != NULL)
    vigie_cluster_set_apply (set, level, boxes, n_boxes);
}

void
vigie_map_layer_get_drawn_groups (VigieMapLayer *self,
                                  GArray        *boxes,
                                  GPtrArray     *summaries)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int level = (int) floor (shumate_viewport_get_zoom_level (viewport));
  g_autoptr(GArray) own = g_array_new (FALSE, FALSE, sizeof (VigieGroupBox));
  ClusterSet *set;
  View view;
  guint b = 0;

  g_return_if_fail (VIGIE_IS_MAP_LAYER (self));

  if (!vigie_map_layer_get_view (self, &view) || (set = vigie_map_layer_get_clusters (self, view.zoom)) == NULL)
    return;

  vigie_map_layer_collect_groups (self, level, own);
  for (guint i = 0; i < set->clusters->len; i++)
    {
      Cluster *cluster = &g_array_index (set->clusters, Cluster, i);
      VigieGroupBox box;

      if (cluster->n < 2)
        continue;
      box = g_array_index (own, VigieGroupBox, b++);
      world_to_widget (&view, cluster->x + cluster->dx, cluster->y + cluster->dy, &box.x, &box.y);
      box.dx = box.dy = 0;
      g_array_append_val (boxes, box);
      g_ptr_array_add (summaries, cluster->summary);
    }
}

void
vigie_map_layer_forget_placement (VigieMapLayer *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->cluster_sets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ((ClusterSet *) value)->placed = FALSE;
      ((ClusterSet *) value)->placing = FALSE;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
vigie_map_layer_set_groups (VigieMapLayer  *self,
                            VigieMapGroups *groups)
{
  g_return_if_fail (VIGIE_IS_MAP_LAYER (self));

  if (self->groups == groups)
    return;
  if (self->groups != NULL)
    vigie_map_groups_remove_layer (self->groups, self);
  g_set_object (&self->groups, groups);
  if (groups != NULL)
    vigie_map_groups_add_layer (groups, self);
}
