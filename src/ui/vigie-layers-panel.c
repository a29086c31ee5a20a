/* vigie-layers-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-layers-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-a11y.h"
#include "vigie-clock.h"
#include "vigie-feed-summary.h"
#include "vigie-layer-summary.h"
#include "vigie-layers-panel.h"
#include "vigie-map-layer.h"
#include "vigie-number.h"
#include "vigie-symbol-renderer.h"

/* The map's layers, bound to the layer manager's model: each one with its
 * icon and name, a switch, the state of its feed, its opacity, and a
 * legend that shows the very symbols the map draws, each explained in
 * words. */

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

static void
draw_symbol_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  vigie_symbol_draw (user_data, cr, width / 2.0, height / 2.0);
}

static GtkWidget *
make_legend_row (const VigieLegendItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *area = gtk_drawing_area_new ();
  VigieSymbol *symbol = g_memdup2 (&item->symbol, sizeof item->symbol);
  int extent = (int) vigie_symbol_get_extent (symbol);

  /* The same renderer as the map's: the legend cannot drift from it. */
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), MAX (extent, 40));
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), extent);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_symbol_cb, symbol, g_free);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, item->title,
                                  -1);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), item->description);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), area);
  gtk_widget_add_css_class (row, "vigie-legend-row");

  return row;
}

static void
update_state (AdwExpanderRow *row,
              GParamSpec     *pspec,
              VigieFeed      *feed)
{
  GtkWidget *ghosts_row = g_object_get_data (G_OBJECT (row), "vigie-ghosts-row");
  GtkWidget *toggle = g_object_get_data (G_OBJECT (row), "vigie-toggle");
  g_autofree char *subtitle = NULL;
  g_autofree char *ghosts = NULL;
  guint n_ghosts = 0;

  /* A feed turned off is no active layer: its switch is off and cannot
   * be turned on here (the layer hides itself). */
  if (toggle != NULL)
    {
      gtk_widget_set_sensitive (toggle, vigie_feed_get_enabled (feed));
      gtk_widget_set_tooltip_text (toggle, vigie_feed_get_enabled (feed)
                                           ? _("Show on the map")
                                           : _("The feed is turned off in Preferences"));
    }

  subtitle = vigie_layer_summary_subtitle (feed, vigie_clock_now ());

  /* Trams the timetable expects but no vehicle reports: said at once. */
  if (ghosts_row != NULL && vigie_feed_get_enabled (feed))
    {
      ghosts = vigie_style_list_ghosts (G_LIST_MODEL (vigie_feed_get_store (feed)), 12, &n_ghosts);
      gtk_widget_set_visible (ghosts_row, n_ghosts > 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (ghosts_row), ghosts ? ghosts : "");
      if (n_ghosts > 0)
        {
          g_autofree char *n_ghosts_text = vigie_format_count (n_ghosts);
          g_autofree char *missing = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s missing", "%s missing", n_ghosts),
                                                      n_ghosts_text);
          char *with = g_strdup_printf ("%s · %s", subtitle, missing);

          g_free (subtitle);
          subtitle = with;
        }
    }

  adw_expander_row_set_subtitle (row, subtitle);
}

static void
update_state_for_store (VigieStore     *store,
                        GParamSpec     *pspec,
                        AdwExpanderRow *row)
{
  VigieFeed *feed = g_object_get_data (G_OBJECT (row), "vigie-feed");

  if (feed != NULL)
    update_state (row, NULL, feed);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  VigieMapLayer *layer = item;
  VigieFeed *feed = vigie_map_layer_get_feed (layer);
  g_autoptr(GPtrArray) legend = NULL;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *opacity_row = adw_action_row_new ();
  GtkWidget *scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0.2, 1.0, 0.05);

  /* Layer and feed names are plain text. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_bind_property (layer, "title", row, "title", G_BINDING_SYNC_CREATE);
  vigie_a11y_name_expander_row (ADW_EXPANDER_ROW (row));

  g_object_bind_property (layer, "icon-name", icon, "icon-name", G_BINDING_SYNC_CREATE);
  gtk_image_set_icon_size (GTK_IMAGE (icon), GTK_ICON_SIZE_LARGE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  g_object_bind_property (layer, "visible", toggle, "active", G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show on the map"), -1);
  gtk_widget_set_tooltip_text (toggle, _("Show on the map"));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), toggle);
  g_object_set_data (G_OBJECT (row), "vigie-toggle", toggle);

  if (vigie_map_layer_get_kind (layer) == VIGIE_FEED_KIND_TRAMS)
    {
      GtkWidget *ghosts_row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (ghosts_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ghosts_row),
                                     _("Scheduled, with no real-time position"));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (ghosts_row), 0);
      gtk_widget_set_visible (ghosts_row, FALSE);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), ghosts_row);
      g_object_set_data (G_OBJECT (row), "vigie-ghosts-row", ghosts_row);
    }

  if (feed != NULL)
    {
      g_object_set_data_full (G_OBJECT (row), "vigie-feed", g_object_ref (feed), g_object_unref);
      g_signal_connect_object (feed, "notify::state", G_CALLBACK (update_state), row, G_CONNECT_SWAPPED);
      g_signal_connect_object (feed, "notify::enabled", G_CALLBACK (update_state), row, G_CONNECT_SWAPPED);
      /* Data turns old without any event: the freshness tick says so. */
      g_signal_connect_object (feed, "notify::freshness", G_CALLBACK (update_state), row, G_CONNECT_SWAPPED);
      /* What the map shows is what the store holds. */
      g_signal_connect_object (vigie_feed_get_store (feed), "notify::n-items", G_CALLBACK (update_state_for_store), row, 0);
      update_state (ADW_EXPANDER_ROW (row), NULL, feed);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (opacity_row), _("Opacity"));
  gtk_widget_set_hexpand (scale, TRUE);
  gtk_widget_set_size_request (scale, 140, -1);
  gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Opacity"), -1);
  g_object_bind_property (layer, "opacity", gtk_range_get_adjustment (GTK_RANGE (scale)), "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (opacity_row), scale);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), opacity_row);

  legend = vigie_style_legend (vigie_map_layer_get_kind (layer), vigie_map_layer_get_thresholds (layer));
  for (guint i = 0; i < legend->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row), make_legend_row (g_ptr_array_index (legend, i)));

  return row;
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
