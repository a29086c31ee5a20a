/* vigie-map-layer-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-map-layer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-details-popover.h"
#include "vigie-map-labels.h"
#include "vigie-map-layer-private.h"
#include "vigie-number.h"

/* What the pointer and the keyboard do: events over an item go to the
 * layer, anywhere else to the map; a click opens an item's details or
 * zooms on a group; arrow keys walk through what is on screen; the
 * tooltip names what is under the pointer. */

#define PICK_SLOP_PX      4.0

static Item *
pick_item (VigieMapLayer *self,
           double         px,
           double         py)
{
  View view;
  double x, y;
  guint id;

  if (self->index == NULL || !vigie_map_layer_get_view (self, &view))
    return NULL;

  widget_to_world (&view, px, py, &x, &y);
  if (!vigie_spatial_index_nearest (self->index, x, y, (self->max_half + PICK_SLOP_PX) / view.scale, &id))
    return NULL;

  /* The nearest may be a small symbol further than its own radius while
   * a big one is under the pointer: check the distance in pixels. */
  {
    Item *item = &g_array_index (self->items, Item, id);
    double ix, iy;

    world_to_widget (&view, item->x, item->y, &ix, &iy);
    if (hypot (ix - px, iy - py) > item->radius + PICK_SLOP_PX)
      return NULL;

    return item;
  }
}

static Cluster *
pick_cluster (VigieMapLayer *self,
              double         px,
              double         py)
{
  ClusterSet *clusters;
  Cluster *cluster;
  View view;
  double x, y, cx, cy;
  guint id;

  if (self->index == NULL || !vigie_map_layer_get_view (self, &view))
    return NULL;

  clusters = vigie_map_layer_get_clusters (self, view.zoom);
  if (clusters == NULL)
    return NULL;

  widget_to_world (&view, px, py, &x, &y);
  if (!vigie_spatial_index_nearest (clusters->index, x, y, (self->max_half + PICK_SLOP_PX) / view.scale, &id))
    return NULL;

  cluster = &g_array_index (clusters->clusters, Cluster, id);
  world_to_widget (&view, cluster->x + cluster->dx, cluster->y + cluster->dy, &cx, &cy);
  if (cluster->n > 1 && hypot (cx - px, cy - py) > cluster->radius + PICK_SLOP_PX)
    return NULL;
  if (cluster->n == 1)
    {
      Item *item = &g_array_index (self->items, Item, cluster->first);

      if (hypot (cx - px, cy - py) > item->radius + PICK_SLOP_PX)
        return NULL;
    }

  return cluster;
}

static void
update_details (VigieMapLayer *self)
{
  vigie_details_popover_update (VIGIE_DETAILS_POPOVER (self->popover), self->selected, self->kind,
                                &self->thresholds, self->feed, self->title);
}

static void
on_popover_closed_cb (VigieMapLayer *self,
                      GtkPopover    *popover)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  vigie_map_labels_queue_draw (GTK_WIDGET (self));
}

static void
zoom_on (VigieMapLayer *self,
         Cluster       *cluster)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double latitude, longitude;

  if (!SHUMATE_IS_MAP (parent))
    return;

  vigie_spatial_index_unproject (cluster->x, cluster->y, &latitude, &longitude);
  shumate_map_go_to_full (SHUMATE_MAP (parent), latitude, longitude,
                          MIN (shumate_viewport_get_zoom_level (viewport) + 2,
                               shumate_viewport_get_max_zoom_level (viewport)));
}

static gboolean
is_item_visible (VigieMapLayer *self,
                 const View    *view,
                 Item          *item)
{
  double px, py;

  world_to_widget (view, item->x, item->y, &px, &py);
  return px >= 0 && py >= 0 && px <= view->width && py <= view->height;
}

/* Arrow keys walk through what is on screen, in store order. */
static void
select_next (VigieMapLayer *self,
             int            direction)
{
  Item *current = vigie_map_layer_find_item (self, self->selected);
  guint n = self->items->len;
  guint start;
  View view;

  if (n == 0 || !vigie_map_layer_get_view (self, &view))
    return;

  if (current != NULL)
    start = (guint) (current - &g_array_index (self->items, Item, 0));
  else
    start = direction > 0 ? n - 1 : 0;

  for (guint step = 1; step <= n; step++)
    {
      guint i = (start + (direction > 0 ? step : n - step % n)) % n;
      Item *item = &g_array_index (self->items, Item, i);

      if (is_item_visible (self, &view, item))
        {
          vigie_map_layer_select (self, item->entity, FALSE);
          return;
        }
    }
}

static void
on_click_released_cb (VigieMapLayer   *self,
                      int              n_press,
                      double           x,
                      double           y,
                      GtkGestureClick *gesture)
{
  Cluster *cluster;
  Item *item;

  if (n_press != 1)
    return;

  cluster = pick_cluster (self, x, y);
  if (cluster != NULL && cluster->n > 1)
    {
      zoom_on (self, cluster);
      return;
    }

  item = pick_item (self, x, y);
  if (item == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  vigie_map_layer_select (self, item->entity, TRUE);
}

static gboolean
on_key_pressed_cb (VigieMapLayer         *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Right:
    case GDK_KEY_KP_Down:
      select_next (self, 1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Left:
    case GDK_KEY_KP_Up:
      select_next (self, -1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->selected == NULL)
        return GDK_EVENT_PROPAGATE;
      vigie_map_layer_show_details (self);
      return GDK_EVENT_STOP;

    case GDK_KEY_Escape:
      if (self->selected == NULL)
        return GDK_EVENT_PROPAGATE;
      vigie_map_layer_select (self, NULL, FALSE);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

gboolean
vigie_map_layer_contains (GtkWidget *widget,
                          double     x,
                          double     y)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (widget);

  /* Events over an entity come here; anywhere else they fall through to
   * the layers below and to the map, which pans. */
  if (pick_cluster (self, x, y) != NULL)
    return TRUE;

  return vigie_map_layer_get_clusters_now (self) == NULL && pick_item (self, x, y) != NULL;
}

gboolean
vigie_map_layer_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard,
                               GtkTooltip *tooltip)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (widget);
  Cluster *cluster = pick_cluster (self, x, y);
  Item *item = NULL;
  g_auto(GStrv) lines = NULL;
  const char *name;

  if (cluster != NULL && cluster->n > 1)
    {
      g_autofree char *n_text = vigie_format_count (cluster->n);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s place here: click to zoom in", "%s places here: click to zoom in", cluster->n),
                                               n_text);

      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }

  if (cluster != NULL)
    item = &g_array_index (self->items, Item, cluster->first);
  else if (vigie_map_layer_get_clusters_now (self) == NULL)
    item = pick_item (self, x, y);
  if (item == NULL)
    return FALSE;

  name = vigie_entity_get_name (item->entity);
  lines = vigie_style_describe (self->kind, item->entity, &self->thresholds);

  /* Plain text: no markup from the feed can get through. */
  if (lines[0] != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s\n%s", name != NULL ? name : vigie_entity_get_id (item->entity), lines[0]);

      gtk_tooltip_set_text (tooltip, text);
    }
  else
    gtk_tooltip_set_text (tooltip, name != NULL ? name : vigie_entity_get_id (item->entity));

  return TRUE;
}

void
vigie_map_layer_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (widget);
  Item *item = vigie_map_layer_find_item (self, self->selected);
  View view;

  if (self->popover == NULL)
    return;

  if (item != NULL && vigie_map_layer_get_view (self, &view))
    {
      double x, y, px, py;

      vigie_map_item_get_position (item, vigie_map_layer_get_frame_time (self), &x, &y);
      world_to_widget (&view, x, y, &px, &py);
      gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                                   &(GdkRectangle) { (int) (px - item->radius), (int) (py - item->radius),
                                                     (int) (2 * item->radius), (int) (2 * item->radius) });
    }

  gtk_popover_present (GTK_POPOVER (self->popover));
}

void
vigie_map_layer_show_details (VigieMapLayer *self)
{
  if (self->popover == NULL)
    {
      self->popover = vigie_details_popover_new ();
      gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
      g_signal_connect_object (self->popover, "closed", G_CALLBACK (on_popover_closed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  update_details (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_popover_popup (GTK_POPOVER (self->popover));

  /* The tooltip says less than the popover and would hide its title. */
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), FALSE);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

/* The store brought a new copy of the selected entity. */
void
vigie_map_layer_refresh_details (VigieMapLayer *self)
{
  if (self->popover != NULL && self->selected != NULL && gtk_widget_get_visible (self->popover))
    update_details (self);
}

void
vigie_map_layer_init_input (VigieMapLayer *self)
{
  GtkGesture *click;
  GtkEventController *keys;

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  keys = gtk_event_controller_key_new ();
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

/**
 * vigie_map_layer_pick:
 * @self: a #VigieMapLayer
 * @x: a point in the layer's coordinates
 * @y: a point in the layer's coordinates
 *
 * Finds the entity drawn at (@x, @y) through the spatial index; of
 * overlapping ones, the nearest, then the one drawn on top. Entities
 * grouped in a cluster are not picked: see vigie_map_layer_pick_cluster().
 *
 * Returns: (transfer none) (nullable): the entity
 */
VigieEntity *
vigie_map_layer_pick (VigieMapLayer *self,
                      double         x,
                      double         y)
{
  Cluster *cluster;
  Item *item;

  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), NULL);

  cluster = pick_cluster (self, x, y);
  if (cluster != NULL)
    return cluster->n == 1 ? g_array_index (self->items, Item, cluster->first).entity : NULL;
  if (vigie_map_layer_get_clusters_now (self) != NULL)
    return NULL;

  item = pick_item (self, x, y);
  return item != NULL ? item->entity : NULL;
}

/**
 * vigie_map_layer_pick_cluster:
 * @self: a #VigieMapLayer
 * @x: a point in the layer's coordinates
 * @y: a point in the layer's coordinates
 *
 * Returns: how many entities the cluster at (@x, @y) groups, 0 if none
 */
guint
vigie_map_layer_pick_cluster (VigieMapLayer *self,
                              double         x,
                              double         y)
{
  Cluster *cluster;

  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (self), 0);

  cluster = pick_cluster (self, x, y);
  return cluster != NULL ? cluster->n : 0;
}
