/* vigie-map-groups.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-map-groups"

#include "config.h"

#include <math.h>

#include "vigie-map-clusters.h"
#include "vigie-hash.h"
#include "vigie-map-groups.h"
#include "vigie-map-layer-private.h"
#include "vigie-thread.h"

/* Each layer groups its own things, on a grid fixed in the world; two
 * layers' groups then fall on the same spots and their counts were drawn
 * one over the other ("30" over "4"). This places the groups of every
 * layer of a map together, once per integer zoom level and data update:
 * the heaviest first where its members are, each next one at the nearest
 * free spot around. Zooming in between two levels only spreads them
 * further apart, so a placement holds until the next level. */

#define RING_STEP  6.0   /* pixels between two turns of the spiral */
#define MAX_RINGS 40
#define CELL_PX   64.0   /* the grid that finds the boxes placed near a spot */

/* Past this many groups, a worker places them. What costs is density,
 * not the count: two hundred groups packed together each search the whole
 * spiral, tens of milliseconds; a city's few dozen stay on the main
 * thread and are placed in the frame that shows them. */
#define PLACE_IN_WORKER_MIN 64

struct _VigieMapGroups
{
  GObject    parent_instance;

  GPtrArray *layers;      /* VigieMapLayer, weak: each removes itself */
  guint      generation;  /* a placement made before the groups last changed is dropped */
};

G_DEFINE_FINAL_TYPE (VigieMapGroups, vigie_map_groups, G_TYPE_OBJECT)

static gboolean
overlaps (const VigieGroupBox *a,
          double               ax,
          double               ay,
          const VigieGroupBox *b,
          double               gap)
{
  double bx = b->x + b->dx, by = b->y + b->dy;

  return ax + a->left < bx + b->right + gap && bx + b->left < ax + a->right + gap &&
         ay + a->top < by + b->bottom + gap && by + b->top < ay + a->bottom + gap;
}

static int
compare_weight (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const VigieGroupBox *boxes = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;

  if (boxes[ia].weight != boxes[ib].weight)
    return boxes[ia].weight > boxes[ib].weight ? -1 : 1;

  return ia < ib ? -1 : ia > ib;
}

/* The boxes placed so far, by the grid cells they cover: a spot is
 * checked against its neighbours, not against every box, which at
 * thousands of groups was most of a frame. */
typedef struct
{
  GHashTable *cells;    /* cell → GArray of box indices */
} Grid;

static gint64
cell_key (gint64 cx,
          gint64 cy)
{
  return (cy << 32) ^ (cx & 0xffffffff);
}

static void
grid_cells (const VigieGroupBox *box,
            double               x,
            double               y,
            double               gap,
            gint64              *cx0,
            gint64              *cy0,
            gint64              *cx1,
            gint64              *cy1)
{
  *cx0 = (gint64) floor ((x + box->left - gap) / CELL_PX);
  *cx1 = (gint64) floor ((x + box->right + gap) / CELL_PX);
  *cy0 = (gint64) floor ((y + box->top - gap) / CELL_PX);
  *cy1 = (gint64) floor ((y + box->bottom + gap) / CELL_PX);
}

static void
grid_add (Grid                *grid,
          const VigieGroupBox *boxes,
          guint                index,
          double               gap)
{
  const VigieGroupBox *box = &boxes[index];
  gint64 cx0, cy0, cx1, cy1;

  grid_cells (box, box->x + box->dx, box->y + box->dy, gap, &cx0, &cy0, &cx1, &cy1);
  for (gint64 cy = cy0; cy <= cy1; cy++)
    for (gint64 cx = cx0; cx <= cx1; cx++)
      {
        gint64 key = cell_key (cx, cy);
        GArray *cell = g_hash_table_lookup (grid->cells, &key);

        if (cell == NULL)
          {
            cell = g_array_new (FALSE, FALSE, sizeof (guint));
            g_hash_table_insert (grid->cells, g_memdup2 (&key, sizeof key), cell);
          }
        g_array_append_val (cell, index);
      }
}

static gboolean
grid_free_spot (Grid                *grid,
                const VigieGroupBox *boxes,
                const VigieGroupBox *box,
                double               x,
                double               y,
                double               gap)
{
  gint64 cx0, cy0, cx1, cy1;

  grid_cells (box, x, y, gap, &cx0, &cy0, &cx1, &cy1);
  for (gint64 cy = cy0; cy <= cy1; cy++)
    for (gint64 cx = cx0; cx <= cx1; cx++)
      {
        gint64 key = cell_key (cx, cy);
        GArray *cell = g_hash_table_lookup (grid->cells, &key);

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          if (overlaps (box, x, y, &boxes[g_array_index (cell, guint, i)], gap))
            return FALSE;
      }

  return TRUE;
}

/**
 * vigie_map_groups_place:
 * @boxes: (array length=n_boxes): the groups
 * @n_boxes: how many
 * @gap: the least room between two boxes, pixels
 *
 * Sets the offset of each box so that no two overlap: the heaviest stay
 * where their members are, the others move to the nearest free spot on
 * a spiral around theirs.
 */
void
vigie_map_groups_place (VigieGroupBox *boxes,
                        guint          n_boxes,
                        double         gap)
{
  g_autofree guint *order = g_new (guint, MAX (n_boxes, 1));
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) cells = g_hash_table_new_full (vigie_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) g_array_unref);
  Grid grid = { cells };
  static double spiral[MAX_RINGS + 1][8 + 2 * MAX_RINGS][2];
  static gsize spiral_ready = 0;

  /* The spots of the spiral, computed once. */
  if (g_once_init_enter (&spiral_ready))
    {
      for (guint ring = 0; ring <= MAX_RINGS; ring++)
        {
          guint n_angles = ring == 0 ? 1 : 8 + 2 * ring;

          for (guint a = 0; a < n_angles; a++)
            {
              double angle = 2 * G_PI * a / n_angles;

              spiral[ring][a][0] = ring * RING_STEP * cos (angle);
              spiral[ring][a][1] = ring * RING_STEP * sin (angle);
            }
        }
      g_once_init_leave (&spiral_ready, 1);
    }

  for (guint i = 0; i < n_boxes; i++)
    order[i] = i;
  g_qsort_with_data (order, n_boxes, sizeof (guint), compare_weight, boxes);

  for (guint k = 0; k < n_boxes; k++)
    {
      VigieGroupBox *box = &boxes[order[k]];
      gboolean found = FALSE;

      box->dx = box->dy = 0;

      /* The nearest free spot on a spiral out from the members: a group
       * stays as close as it can to what it stands for. */
      for (guint ring = 0; ring <= MAX_RINGS && !found; ring++)
        {
          guint n_angles = ring == 0 ? 1 : 8 + 2 * ring;

          for (guint a = 0; a < n_angles && !found; a++)
            {
              double dx = spiral[ring][a][0];
              double dy = spiral[ring][a][1];

              if (grid_free_spot (&grid, boxes, box, box->x + dx, box->y + dy, gap))
                {
                  box->dx = round (dx);
                  box->dy = round (dy);
                  found = TRUE;
                }
            }
        }

      /* Every spot around is taken: beside the rightmost of those it
       * meets, rather than a count over another. */
      if (!found)
        {
          box->dx = 0;
          for (gboolean moved = TRUE; moved;)
            {
              moved = FALSE;
              for (guint p = 0; p < placed->len; p++)
                {
                  const VigieGroupBox *other = &boxes[g_array_index (placed, guint, p)];

                  if (overlaps (box, box->x + box->dx, box->y, other, gap))
                    {
                      box->dx = other->x + other->dx + other->right + gap - box->left - box->x + 1;
                      moved = TRUE;
                    }
                }
            }
        }

      g_array_append_val (placed, order[k]);
      grid_add (&grid, boxes, order[k], gap);
    }
}

static void
vigie_map_groups_finalize (GObject *object)
{
  VigieMapGroups *self = VIGIE_MAP_GROUPS (object);

  g_clear_pointer (&self->layers, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_map_groups_parent_class)->finalize (object);
}

static void
vigie_map_groups_class_init (VigieMapGroupsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_map_groups_finalize;
}

static void
vigie_map_groups_init (VigieMapGroups *self)
{
  self->layers = g_ptr_array_new ();
}

VigieMapGroups *
vigie_map_groups_new (void)
{
  return g_object_new (VIGIE_TYPE_MAP_GROUPS, NULL);
}

void
vigie_map_groups_add_layer (VigieMapGroups *self,
                            gpointer        layer)
{
  g_return_if_fail (VIGIE_IS_MAP_GROUPS (self));
  g_return_if_fail (VIGIE_IS_MAP_LAYER (layer));

  if (!g_ptr_array_find (self->layers, layer, NULL))
    g_ptr_array_add (self->layers, layer);
  vigie_map_groups_changed (self);
}

void
vigie_map_groups_remove_layer (VigieMapGroups *self,
                               gpointer        layer)
{
  g_return_if_fail (VIGIE_IS_MAP_GROUPS (self));

  if (g_ptr_array_remove (self->layers, layer))
    vigie_map_groups_changed (self);
}

/**
 * vigie_map_groups_changed:
 * @self: a #VigieMapGroups
 *
 * A layer's groups changed (new data, shown or hidden): every layer's
 * groups are placed again when next drawn.
 */
void
vigie_map_groups_changed (VigieMapGroups *self)
{
  g_return_if_fail (VIGIE_IS_MAP_GROUPS (self));

  self->generation++;
  for (guint i = 0; i < self->layers->len; i++)
    vigie_map_layer_forget_placement (g_ptr_array_index (self->layers, i));
}

/**
 * vigie_map_groups_place_level:
 * @self: a #VigieMapGroups
 * @level: an integer zoom level
 *
 * Places the groups of every visible layer at @level together.
 */
typedef struct
{
  VigieMapGroups *groups;
  GPtrArray      *layers;      /* VigieMapLayer, strong */
  GArray         *boxes;
  guint          *starts;      /* of each layer's boxes, and the end */
  int             level;
  guint           generation;
} Placement;

static void
placement_free (gpointer data)
{
  Placement *placement = data;

  g_clear_object (&placement->groups);
  g_clear_pointer (&placement->layers, g_ptr_array_unref);
  g_clear_pointer (&placement->boxes, g_array_unref);
  g_free (placement->starts);
  g_free (placement);
}

static void
placement_apply (Placement *placement)
{
  for (guint i = 0; i < placement->layers->len; i++)
    vigie_map_layer_apply_placement (g_ptr_array_index (placement->layers, i), placement->level,
                                     &g_array_index (placement->boxes, VigieGroupBox, placement->starts[i]),
                                     placement->starts[i + 1] - placement->starts[i]);
}

static void
place_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Placement *placement = task_data;

  vigie_thread_make_background ();

  vigie_map_groups_place ((VigieGroupBox *) (gpointer) placement->boxes->data, placement->boxes->len, 2.0);
  g_task_return_boolean (task, TRUE);
}

static void
on_placed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Placement *placement = g_task_get_task_data (G_TASK (result));

  /* The groups changed meanwhile: a newer placement follows. */
  if (placement->generation == placement->groups->generation)
    placement_apply (placement);

  for (guint i = 0; i < placement->layers->len; i++)
    vigie_map_layer_end_placement (g_ptr_array_index (placement->layers, i));
}

/**
 * vigie_map_groups_place_level:
 * @self: a #VigieMapGroups
 * @level: an integer zoom level
 *
 * Places the groups of every visible layer at @level together: at once
 * when they are few, else in a worker, the layers drawing their groups
 * where they were until it is done (#VigieMapLayer:busy tells).
 */
void
vigie_map_groups_place_level (VigieMapGroups *self,
                              int             level)
{
  g_autoptr(GTask) task = NULL;
  Placement *placement;

  g_return_if_fail (VIGIE_IS_MAP_GROUPS (self));

  placement = g_new0 (Placement, 1);
  placement->groups = g_object_ref (self);
  placement->layers = g_ptr_array_new_full (self->layers->len, g_object_unref);
  placement->boxes = g_array_new (FALSE, FALSE, sizeof (VigieGroupBox));
  placement->starts = g_new0 (guint, self->layers->len + 1);
  placement->level = level;
  placement->generation = self->generation;

  for (guint i = 0; i < self->layers->len; i++)
    {
      placement->starts[i] = placement->boxes->len;
      g_ptr_array_add (placement->layers, g_object_ref (g_ptr_array_index (self->layers, i)));
      vigie_map_layer_collect_groups (g_ptr_array_index (self->layers, i), level, placement->boxes);
    }
  placement->starts[self->layers->len] = placement->boxes->len;

  if (placement->boxes->len < PLACE_IN_WORKER_MIN)
    {
      vigie_map_groups_place ((VigieGroupBox *) (gpointer) placement->boxes->data, placement->boxes->len, 2.0);
      placement_apply (placement);
      placement_free (placement);
      return;
    }

  for (guint i = 0; i < placement->layers->len; i++)
    vigie_map_layer_begin_placement (g_ptr_array_index (placement->layers, i), level);

  task = g_task_new (NULL, NULL, on_placed_cb, NULL);
  g_task_set_source_tag (task, vigie_map_groups_place_level);
  g_task_set_name (task, "[vigie] place groups");
  g_task_set_task_data (task, placement, placement_free);
  g_task_run_in_thread (task, place_thread);
}

/**
 * vigie_map_groups_draw_summary:
 * @snapshot: where to draw
 * @layout: the summary ("3 empty"), plain text
 * @x: the group's centre
 * @y: the group's centre
 * @radius: the group symbol's radius
 *
 * Writes a group's summary on a light pill under its symbol, as names are
 * written: readable on any base map.
 */
void
vigie_map_groups_draw_summary (GtkSnapshot *snapshot,
                               PangoLayout *layout,
                               double       x,
                               double       y,
                               double       radius)
{
  GskRoundedRect rounded;
  graphene_rect_t rect;
  GdkRGBA halo = { 1, 1, 1, 0.9 };
  GdkRGBA ink = { 0.14, 0.12, 0.19, 1 };
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  graphene_rect_init (&rect, round (x - width / 2.0 - VIGIE_MAP_GROUPS_SUMMARY_PAD_X),
                      round (y + radius + VIGIE_MAP_GROUPS_SUMMARY_GAP),
                      width + 2 * VIGIE_MAP_GROUPS_SUMMARY_PAD_X, height);
  gsk_rounded_rect_init_from_rect (&rounded, &rect, height / 2.0);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &halo, &rect);
  gtk_snapshot_pop (snapshot);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rect.origin.x + VIGIE_MAP_GROUPS_SUMMARY_PAD_X, rect.origin.y));
  gtk_snapshot_append_layout (snapshot, layout, &ink);
  gtk_snapshot_restore (snapshot);
}

/**
 * vigie_map_groups_draw_leader:
 * @cr: where to draw
 * @from_x: where the group's members are
 * @from_y: where the group's members are
 * @to_x: where the group is drawn
 * @to_y: where the group is drawn
 *
 * A group moved aside to make room keeps a thin line to its members.
 */
void
vigie_map_groups_draw_leader (cairo_t *cr,
                              double   from_x,
                              double   from_y,
                              double   to_x,
                              double   to_y)
{
  cairo_save (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_source_rgba (cr, 0.14, 0.12, 0.19, 0.7);
  cairo_move_to (cr, from_x, from_y);
  cairo_line_to (cr, to_x, to_y);
  cairo_stroke (cr);
  cairo_arc (cr, from_x, from_y, 2.5, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_restore (cr);
}

void
vigie_cluster_set_free (gpointer data)
{
  ClusterSet *set = data;

  for (guint i = 0; i < set->clusters->len; i++)
    {
      Cluster *cluster = &g_array_index (set->clusters, Cluster, i);

      g_free (cluster->summary);
      g_clear_object (&cluster->layout);
      g_clear_pointer (&cluster->art, vigie_map_art_release);
    }
  g_array_unref (set->clusters);
  vigie_spatial_index_free (set->index);
  g_free (set);
}

/**
 * vigie_cluster_set_collect:
 * @set: a layer's groups at @level
 * @level: an integer zoom level
 * @widget: the layer, to lay the summaries out
 * @boxes: (element-type VigieGroupBox): where to add a box for each group
 *   of two or more, in the set's order
 */
void
vigie_cluster_set_collect (ClusterSet *set,
                           int         level,
                           GtkWidget  *widget,
                           GArray     *boxes)
{
  double scale = 256.0 * exp2 (level);

  for (guint i = 0; i < set->clusters->len; i++)
    {
      Cluster *cluster = &g_array_index (set->clusters, Cluster, i);
      VigieGroupBox box = { 0, };
      double half_width = cluster->half;
      int width, height;

      if (cluster->n < 2)
        continue;

      box.x = cluster->x * scale;
      box.y = cluster->y * scale;
      box.top = -cluster->half;
      box.bottom = cluster->half;
      if (cluster->summary != NULL)
        {
          if (cluster->layout == NULL)
            cluster->layout = g_object_ref (vigie_map_layer_lookup_summary (VIGIE_MAP_LAYER (widget), cluster->summary));
          pango_layout_get_pixel_size (cluster->layout, &width, &height);
          half_width = MAX (half_width, width / 2.0 + VIGIE_MAP_GROUPS_SUMMARY_PAD_X);
          box.bottom = MAX (box.bottom, cluster->radius + VIGIE_MAP_GROUPS_SUMMARY_GAP + height);
        }
      box.left = -half_width;
      box.right = half_width;
      box.weight = cluster->n;
      g_array_append_val (boxes, box);
    }
}

/**
 * vigie_cluster_set_apply:
 * @set: a layer's groups at @level
 * @level: an integer zoom level
 * @boxes: (array length=n_boxes): the placed boxes that
 *   vigie_cluster_set_collect() gave
 * @n_boxes: how many
 */
void
vigie_cluster_set_apply (ClusterSet    *set,
                         int            level,
                         VigieGroupBox *boxes,
                         guint          n_boxes)
{
  g_autofree double *xy = g_new (double, 2 * MAX (set->clusters->len, 1));
  double scale = 256.0 * exp2 (level);
  guint b = 0;

  for (guint i = 0; i < set->clusters->len; i++)
    {
      Cluster *cluster = &g_array_index (set->clusters, Cluster, i);

      cluster->dx = cluster->dy = 0;
      if (cluster->n >= 2 && b < n_boxes)
        {
          cluster->dx = boxes[b].dx / scale;
          cluster->dy = boxes[b].dy / scale;
          b++;
        }
      xy[2 * i] = cluster->x + cluster->dx;
      xy[2 * i + 1] = cluster->y + cluster->dy;
    }

  /* Picked where they are drawn. */
  vigie_spatial_index_free (set->index);
  set->index = vigie_spatial_index_new (xy, set->clusters->len);
  set->placed = TRUE;
}

/**
 * vigie_cluster_set_dup_spots:
 * @set: a layer's groups, placed
 *
 * Returns: (transfer full) (element-type ClusterSpot): where its groups
 *   of two or more are drawn, by cell
 */
GArray *
vigie_cluster_set_dup_spots (ClusterSet *set)
{
  GArray *spots = g_array_new (FALSE, FALSE, sizeof (ClusterSpot));

  for (guint i = 0; i < set->clusters->len; i++)
    {
      const Cluster *cluster = &g_array_index (set->clusters, Cluster, i);

      if (cluster->n >= 2 && (cluster->dx != 0 || cluster->dy != 0))
        {
          ClusterSpot spot = { cluster->cell, cluster->dx, cluster->dy };

          g_array_append_val (spots, spot);
        }
    }

  return spots;
}

/**
 * vigie_cluster_set_carry_spots:
 * @set: new groups, not placed
 * @spots: (array length=n_spots): where the previous ones were drawn
 * @n_spots: how many
 *
 * Draws each new group where the one of its cell was: after an update
 * most groups are the same, and they stay put while a worker places
 * them anew. A pure function, for the layer's worker.
 */
void
vigie_cluster_set_carry_spots (ClusterSet        *set,
                               const ClusterSpot *spots,
                               guint              n_spots)
{
  g_autoptr(GHashTable) by_cell = NULL;
  g_autofree double *xy = NULL;

  if (n_spots == 0)
    return;

  by_cell = g_hash_table_new (vigie_int64_hash, g_int64_equal);
  for (guint i = 0; i < n_spots; i++)
    g_hash_table_insert (by_cell, (gpointer) &spots[i].cell, (gpointer) &spots[i]);

  xy = g_new (double, 2 * MAX (set->clusters->len, 1));
  for (guint i = 0; i < set->clusters->len; i++)
    {
      Cluster *cluster = &g_array_index (set->clusters, Cluster, i);
      const ClusterSpot *spot = cluster->n >= 2 ? g_hash_table_lookup (by_cell, &cluster->cell) : NULL;

      if (spot != NULL)
        {
          cluster->dx = spot->dx;
          cluster->dy = spot->dy;
        }
      xy[2 * i] = cluster->x + cluster->dx;
      xy[2 * i + 1] = cluster->y + cluster->dy;
    }

  vigie_spatial_index_free (set->index);
  set->index = vigie_spatial_index_new (xy, set->clusters->len);
}
