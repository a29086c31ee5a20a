/* vigie-layers-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-layers-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-layer-row.h"
#include "vigie-layers-panel.h"

/* The map's layers, bound to the layer manager's model, one
 * VigieLayerRow each. */

struct _VigieLayersPanel
{
  GtkWidget   parent_instance;

  GListModel *layers;

  GtkWidget  *scroller;
  GtkStack   *stack;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (VigieLayersPanel, vigie_layers_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LAYERS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  return vigie_layer_row_new (item);
}

static void
on_layers_items_changed_cb (VigieLayersPanel *self,
                            guint             position,
                            guint             removed,
                            guint             added,
                            GListModel       *layers)
{
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (layers) > 0 ? "layers" : "empty");
}

static void
vigie_layers_panel_dispose (GObject *object)
{
  VigieLayersPanel *self = VIGIE_LAYERS_PANEL (object);

  if (self->layers != NULL)
    g_signal_handlers_disconnect_by_func (self->layers, on_layers_items_changed_cb, self);
  g_clear_object (&self->layers);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_LAYERS_PANEL);

  G_OBJECT_CLASS (vigie_layers_panel_parent_class)->dispose (object);
}

static void
vigie_layers_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VigieLayersPanel *self = VIGIE_LAYERS_PANEL (object);

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
vigie_layers_panel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VigieLayersPanel *self = VIGIE_LAYERS_PANEL (object);

  switch (prop_id)
    {
    case PROP_LAYERS:
      vigie_layers_panel_set_layers (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_layers_panel_class_init (VigieLayersPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_layers_panel_dispose;
  object_class->get_property = vigie_layers_panel_get_property;
  object_class->set_property = vigie_layers_panel_set_property;

  properties [PROP_LAYERS] =
    g_param_spec_object ("layers", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/vigie-layers-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieLayersPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, VigieLayersPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, VigieLayersPanel, list);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vigie-layers-panel");
}

static void
vigie_layers_panel_init (VigieLayersPanel *self)
{
  GdkDisplay *display = gdk_display_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The layer icons live in our resource, whatever the application id. */
  if (display != NULL)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (display);

      if (!gtk_icon_theme_has_icon (theme, "vigie-tram-symbolic"))
        gtk_icon_theme_add_resource_path (theme, RESOURCE_PATH "/icons");
    }
}

/**
 * vigie_layers_panel_new:
 * @layers: (nullable): a #GListModel of #VigieMapLayer, such as a
 *   #VigieLayerManager
 *
 * Returns: (transfer floating): a new panel
 */
GtkWidget *
vigie_layers_panel_new (GListModel *layers)
{
  return g_object_new (VIGIE_TYPE_LAYERS_PANEL,
                       "layers", layers,
                       NULL);
}

GListModel *
vigie_layers_panel_get_layers (VigieLayersPanel *self)
{
  g_return_val_if_fail (VIGIE_IS_LAYERS_PANEL (self), NULL);

  return self->layers;
}

void
vigie_layers_panel_set_layers (VigieLayersPanel *self,
                               GListModel       *layers)
{
  g_return_if_fail (VIGIE_IS_LAYERS_PANEL (self));
  g_return_if_fail (layers == NULL || G_IS_LIST_MODEL (layers));

  if (self->layers == layers)
    return;

  if (self->layers != NULL)
    g_signal_handlers_disconnect_by_func (self->layers, on_layers_items_changed_cb, self);
  g_set_object (&self->layers, layers);

  gtk_list_box_bind_model (self->list, layers, create_row_cb, NULL, NULL);
  if (layers != NULL)
    {
      g_signal_connect_object (layers, "items-changed", G_CALLBACK (on_layers_items_changed_cb),
                               self, G_CONNECT_SWAPPED);
      on_layers_items_changed_cb (self, 0, 0, 0, layers);
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LAYERS]);
}
