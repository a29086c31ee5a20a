/* vigie-filter-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-filter-bar"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "vigie-a11y.h"
#include "vigie-filter-bar.h"
#include "vigie-map-layer.h"

/* The one place that lists the filters in force, over the map: a chip per
 * layer filtered ("VéloCité: Empty stations, 12 of 40 stations") that
 * removes its filter, and "Remove All Filters". Hidden when no layer is
 * filtered, so that a filtered map never passes for the whole city. */

struct _VigieFilterBar
{
  GtkWidget   parent_instance;

  GListModel *layers;
  GtkWidget  *box;
  GtkWidget  *chips;
  GtkWidget  *clear_button;
  guint       rebuild_id;
  char       *shown;        /* the chips' words, joined: made again when they change */
};

G_DEFINE_FINAL_TYPE (VigieFilterBar, vigie_filter_bar, GTK_TYPE_WIDGET)

static void
on_chip_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  VigieMapLayer *layer = g_object_get_data (G_OBJECT (button), "vigie-layer");

  vigie_map_layer_set_filter (layer, VIGIE_FILTER_NONE);
}

static GtkWidget *
make_chip (VigieMapLayer *layer)
{
  VigieFeedKind kind = vigie_map_layer_get_kind (layer);
  guint n_matching, n_targets;
  g_autofree char *filters = vigie_filter_describe (vigie_map_layer_get_filter (layer), kind);
  g_autofree char *counts = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  vigie_map_layer_get_filter_counts (layer, &n_matching, &n_targets);
  counts = vigie_filter_format_counts (kind, n_matching, n_targets);
  /* Translators: a filter chip over the map: a layer, its filters and
   * what they keep: "VéloCité: Empty stations (12 of 40 stations)" */
  text = g_strdup_printf (_("%s: %s (%s)"), vigie_map_layer_get_title (layer), filters, counts);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), text);
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "window-close-symbolic");
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "small");
  gtk_widget_add_css_class (button, "vigie-filter-chip");
  /* Translators: what clicking a filter chip does; %s is the chip's words */
  name = g_strdup_printf (_("Remove the filter %s"), text);
  gtk_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "vigie-layer", g_object_ref (layer), g_object_unref);
  g_signal_connect (button, "clicked", G_CALLBACK (on_chip_clicked_cb), NULL);

  return button;
}

static gboolean
rebuild_cb (gpointer user_data)
{
  VigieFilterBar *self = user_data;
  GtkWidget *child;
  guint n = g_list_model_get_n_items (self->layers);
  g_autoptr(GPtrArray) chips = g_ptr_array_new ();
  g_autoptr(GString) shown = g_string_new (NULL);

  self->rebuild_id = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieMapLayer) layer = g_list_model_get_item (self->layers, i);
      GtkWidget *chip;

      if (vigie_map_layer_get_filter (layer) == VIGIE_FILTER_NONE)
        continue;
      chip = g_object_ref_sink (make_chip (layer));
      g_ptr_array_add (chips, chip);
      g_string_append_printf (shown, "%s\n", gtk_widget_get_tooltip_text (chip));
    }

  /* A handful of chips, made again when their words change, not at each
   * update of a count that stays the same. */
  if (g_strcmp0 (shown->str, self->shown) != 0)
    {
      while ((child = gtk_widget_get_first_child (self->chips)) != NULL)
        gtk_box_remove (GTK_BOX (self->chips), child);
      for (guint i = 0; i < chips->len; i++)
        gtk_box_append (GTK_BOX (self->chips), g_ptr_array_index (chips, i));
      g_free (self->shown);
      self->shown = g_strdup (shown->str);
    }
  for (guint i = 0; i < chips->len; i++)
    g_object_unref (g_ptr_array_index (chips, i));

  gtk_widget_set_visible (GTK_WIDGET (self), chips->len > 0);

  return G_SOURCE_REMOVE;
}

/* Once per main-loop turn however many layers changed: a click on a
 * chip removes the chip only after its own signal. */
static void
queue_rebuild (VigieFilterBar *self)
{
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_cb, self, NULL);
}

static void
on_layers_changed_cb (GListModel     *layers,
                      guint           position,
                      guint           removed,
                      guint           added,
                      VigieFilterBar *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(VigieMapLayer) layer = g_list_model_get_item (layers, i);

      g_signal_connect_object (layer, "notify::filter", G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (layer, "notify::n-matching", G_CALLBACK (queue_rebuild), self, G_CONNECT_SWAPPED);
    }

  queue_rebuild (self);
}

static void
vigie_filter_bar_dispose (GObject *object)
{
  VigieFilterBar *self = (VigieFilterBar *)object;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->layers);
  g_clear_pointer (&self->shown, g_free);

  G_OBJECT_CLASS (vigie_filter_bar_parent_class)->dispose (object);
}

static void
vigie_filter_bar_class_init (VigieFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_filter_bar_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vigie-filter-bar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vigie_filter_bar_init (VigieFilterBar *self)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("vigie-filter-symbolic");
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 6);
  gtk_widget_set_margin_top (self->box, 3);
  gtk_widget_set_margin_bottom (self->box, 3);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);

  self->chips = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), self->chips);
  gtk_widget_set_hexpand (scroller, TRUE);

  self->clear_button = gtk_button_new_with_mnemonic (_("_Remove All Filters"));
  vigie_a11y_set_label (self->clear_button, _("Remove All Filters"));
  gtk_widget_add_css_class (self->clear_button, "small");
  gtk_widget_set_valign (self->clear_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->clear_button, "clicked", G_CALLBACK (vigie_filter_bar_clear_all), self);

  gtk_box_append (GTK_BOX (self->box), icon);
  gtk_box_append (GTK_BOX (self->box), scroller);
  gtk_box_append (GTK_BOX (self->box), self->clear_button);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "vigie-filter-bar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Filters in Force"), -1);
  vigie_a11y_set_label (scroller, _("Filters in Force"));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * vigie_filter_bar_new:
 * @layers: (element-type VigieMapLayer): the map's layers
 *
 * Returns: (transfer floating): the bar, shown while a layer is filtered
 */
GtkWidget *
vigie_filter_bar_new (GListModel *layers)
{
  VigieFilterBar *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (layers), NULL);

  self = g_object_new (VIGIE_TYPE_FILTER_BAR, NULL);
  self->layers = g_object_ref (layers);
  g_signal_connect_object (layers, "items-changed", G_CALLBACK (on_layers_changed_cb), self, 0);
  on_layers_changed_cb (layers, 0, 0, g_list_model_get_n_items (layers), self);

  return GTK_WIDGET (self);
}

/**
 * vigie_filter_bar_clear_all:
 * @self: a #VigieFilterBar
 *
 * Every layer shows everything again.
 */
void
vigie_filter_bar_clear_all (VigieFilterBar *self)
{
  guint n;

  g_return_if_fail (VIGIE_IS_FILTER_BAR (self));

  n = g_list_model_get_n_items (self->layers);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieMapLayer) layer = g_list_model_get_item (self->layers, i);

      vigie_map_layer_set_filter (layer, VIGIE_FILTER_NONE);
    }
}

GtkWidget *
vigie_filter_bar_get_clear_button (VigieFilterBar *self)
{
  g_return_val_if_fail (VIGIE_IS_FILTER_BAR (self), NULL);

  return self->clear_button;
}
