/* vigie-map-legend.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-map-legend"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-map-layer.h"
#include "vigie-map-legend.h"
#include "vigie-style.h"
#include "vigie-symbol-renderer.h"
#include "vigie-tooltip.h"

/* A compact legend drawn over the map, for a wall screen with no sidebar:
 * for each layer shown, its name and its symbols with their titles (the
 * sidebar keeps the long explanations). The symbols come from the same
 * legend data and renderer as the sidebar's and the map's. */

#define MAX_HEIGHT 320

struct _VigieMapLegend
{
  GtkWidget   parent_instance;

  GListModel *layers;
  GtkWidget  *scroller;
  GtkWidget  *box;
  gboolean    dirty;    /* changed while hidden: made again when shown */
};

G_DEFINE_FINAL_TYPE (VigieMapLegend, vigie_map_legend, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LAYERS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GtkWidget *
make_item (const VigieLegendItem *item)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *area = vigie_symbol_area_new (&item->symbol, item->title, 22, 22);
  GtkWidget *label = gtk_label_new (item->title);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  if (item->description != NULL)
    vigie_tooltip_set_text_on_demand (line, item->description);

  gtk_box_append (GTK_BOX (line), area);
  gtk_box_append (GTK_BOX (line), label);
  gtk_widget_add_css_class (line, "vigie-map-legend-item");

  return line;
}

static void
rebuild (VigieMapLegend *self)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  GtkWidget *child;
  guint n_shown = 0;

  /* Hidden (the default, for screens with the sidebar): nothing made,
   * no tooltip set (each asks the X server where the pointer is), until
   * it is shown. */
  self->dirty = !gtk_widget_get_visible (GTK_WIDGET (self));
  if (self->dirty)
    return;

  while ((child = gtk_widget_get_first_child (self->box)))
    gtk_box_remove (GTK_BOX (self->box), child);

  /* One legend per kind of layer shown: two tram feeds draw the same
   * symbols, and their names share the heading. */
  for (guint i = 0; self->layers != NULL && i < g_list_model_get_n_items (self->layers); i++)
    {
      g_autoptr(VigieMapLayer) layer = g_list_model_get_item (self->layers, i);
      VigieFeedKind kind = vigie_map_layer_get_kind (layer);
      g_autoptr(GString) titles = NULL;
      g_autoptr(GPtrArray) legend = NULL;
      GtkWidget *heading;

      if (!gtk_widget_get_visible (GTK_WIDGET (layer)) ||
          g_ptr_array_find (kinds, GINT_TO_POINTER (kind), NULL))
        continue;

      legend = vigie_style_legend (kind, vigie_map_layer_get_thresholds (layer));
      if (legend->len == 0)
        continue;
      g_ptr_array_add (kinds, GINT_TO_POINTER (kind));

      titles = g_string_new (vigie_map_layer_get_title (layer));
      for (guint j = i + 1; j < g_list_model_get_n_items (self->layers); j++)
        {
          g_autoptr(VigieMapLayer) other = g_list_model_get_item (self->layers, j);

          if (vigie_map_layer_get_kind (other) == kind && gtk_widget_get_visible (GTK_WIDGET (other)))
            g_string_append_printf (titles, ", %s", vigie_map_layer_get_title (other));
        }

      heading = gtk_label_new (titles->str);
      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_label_set_ellipsize (GTK_LABEL (heading), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (heading), 30);
      vigie_tooltip_set_text_on_demand (heading, titles->str);
      gtk_widget_add_css_class (heading, "caption-heading");
      if (n_shown++ > 0)
        gtk_widget_set_margin_top (heading, 6);
      gtk_box_append (GTK_BOX (self->box), heading);

      for (guint j = 0; j < legend->len; j++)
        gtk_box_append (GTK_BOX (self->box), make_item (g_ptr_array_index (legend, j)));
    }

  /* Nothing to explain: no empty card over the map. */
  gtk_widget_set_visible (self->scroller, n_shown > 0);
}

static void
on_layer_changed_cb (VigieMapLegend *self)
{
  rebuild (self);
}

static void
on_visible_cb (VigieMapLegend *self)
{
  if (self->dirty && gtk_widget_get_visible (GTK_WIDGET (self)))
    rebuild (self);
}

static void
watch_layers (VigieMapLegend *self,
              guint           position,
              guint           added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(VigieMapLayer) layer = g_list_model_get_item (self->layers, i);

      g_signal_connect_object (layer, "notify::visible", G_CALLBACK (on_layer_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (layer, "notify::title", G_CALLBACK (on_layer_changed_cb), self, G_CONNECT_SWAPPED);
    }
}

static void
on_items_changed_cb (VigieMapLegend *self,
                     guint           position,
                     guint           removed,
                     guint           added)
{
  watch_layers (self, position, added);
  rebuild (self);
}

static void
vigie_map_legend_dispose (GObject *object)
{
  VigieMapLegend *self = (VigieMapLegend *)object;

  vigie_map_legend_set_layers (self, NULL);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);

  G_OBJECT_CLASS (vigie_map_legend_parent_class)->dispose (object);
}

static void
vigie_map_legend_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VigieMapLegend *self = VIGIE_MAP_LEGEND (object);

  switch (prop_id)
    {
    case PROP_LAYERS:
      g_value_set_object (value, self->layers);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_map_legend_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  VigieMapLegend *self = VIGIE_MAP_LEGEND (object);

  switch (prop_id)
    {
    case PROP_LAYERS:
      vigie_map_legend_set_layers (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_map_legend_class_init (VigieMapLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_map_legend_dispose;
  object_class->get_property = vigie_map_legend_get_property;
  object_class->set_property = vigie_map_legend_set_property;

  properties [PROP_LAYERS] =
    g_param_spec_object ("layers", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vigiemaplegend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vigie_map_legend_init (VigieMapLegend *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->box, "vigie-map-legend");

  /* Never taller than a laptop's map can spare above the scale bar. */
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->scroller), MAX_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->box);
  gtk_widget_add_css_class (self->scroller, "osd");
  gtk_widget_add_css_class (self->scroller, "vigie-map-legend-card");
  gtk_widget_set_visible (self->scroller, FALSE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  g_signal_connect (self, "notify::visible", G_CALLBACK (on_visible_cb), NULL);

  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Legend"), -1);
}

/**
 * vigie_map_legend_new:
 * @layers: (nullable): a #GListModel of #VigieMapLayer
 *
 * Returns: (transfer floating): a new legend
 */
GtkWidget *
vigie_map_legend_new (GListModel *layers)
{
  g_return_val_if_fail (!layers || G_IS_LIST_MODEL (layers), NULL);

  return g_object_new (VIGIE_TYPE_MAP_LEGEND, "layers", layers, NULL);
}

GListModel *
vigie_map_legend_get_layers (VigieMapLegend *self)
{
  g_return_val_if_fail (VIGIE_IS_MAP_LEGEND (self), NULL);

  return self->layers;
}

void
vigie_map_legend_set_layers (VigieMapLegend *self,
                             GListModel     *layers)
{
  g_return_if_fail (VIGIE_IS_MAP_LEGEND (self));
  g_return_if_fail (!layers || G_IS_LIST_MODEL (layers));

  if (self->layers == layers)
    return;

  if (self->layers != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (self->layers); i++)
        {
          g_autoptr(GObject) layer = g_list_model_get_item (self->layers, i);

          g_signal_handlers_disconnect_by_data (layer, self);
        }
      g_signal_handlers_disconnect_by_data (self->layers, self);
    }

  g_set_object (&self->layers, layers);

  if (self->layers != NULL)
    {
      g_signal_connect_object (self->layers, "items-changed", G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);
      watch_layers (self, 0, g_list_model_get_n_items (self->layers));
    }

  if (self->box != NULL)
    rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LAYERS]);
}

/**
 * vigie_map_legend_update:
 * @self: a #VigieMapLegend
 *
 * Draws the legend again, e.g. after the thresholds changed.
 */
void
vigie_map_legend_update (VigieMapLegend *self)
{
  g_return_if_fail (VIGIE_IS_MAP_LEGEND (self));

  rebuild (self);
}
