/* vigie-filter-menu.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-filter-menu"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-a11y.h"
#include "vigie-filter-menu.h"
#include "vigie-number.h"

/* The filter button of a layer's row: a menu of check items, one per
 * filter its kind offers ("Empty stations (12)"), each a stateful action
 * of its own group ("filter.empty") that sets the layer's filter. The
 * layer is the one place the filter is kept; the menu follows it. */

struct _VigieFilterMenu
{
  GtkWidget           parent_instance;

  VigieMapLayer      *layer;
  GtkWidget          *button;
  GSimpleActionGroup *actions;
  GMenu              *menu;
};

G_DEFINE_FINAL_TYPE (VigieFilterMenu, vigie_filter_menu, GTK_TYPE_WIDGET)

static void
on_change_state_cb (GSimpleAction   *action,
                    GVariant        *state,
                    VigieFilterMenu *self)
{
  guint filter = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (action), "vigie-filter"));
  guint mask = vigie_map_layer_get_filter (self->layer);

  if (g_variant_get_boolean (state))
    mask |= filter;
  else
    mask &= ~filter;

  /* The layer notifies, and update_states() sets the state. */
  vigie_map_layer_set_filter (self->layer, mask);
}

/* The menu's words, with the counts, made again only when it opens: its
 * items are widgets, remade for each change of a count otherwise. */
static void
update_menu (VigieFilterMenu *self)
{
  VigieFeedKind kind = vigie_map_layer_get_kind (self->layer);
  guint offered = vigie_filter_offered (kind);

  g_menu_remove_all (self->menu);
  for (guint i = 0; i < VIGIE_N_FILTERS; i++)
    {
      VigieFilter filter = 1u << i;
      g_autofree char *count = NULL;
      g_autofree char *label = NULL;
      g_autofree char *detailed = NULL;

      if (!(offered & filter))
        continue;

      count = vigie_format_count (vigie_map_layer_count_filter (self->layer, filter));
      /* Translators: a filter in a layer's menu and the number of things
       * it keeps: "Empty stations (12)" */
      label = g_strdup_printf (_("%s (%s)"), vigie_filter_get_title (filter, kind), count);
      detailed = g_strconcat ("filter.", vigie_filter_get_nick (filter), NULL);
      g_menu_append (self->menu, label, detailed);
    }
}

static void
update_states (VigieFilterMenu *self)
{
  guint offered = vigie_filter_offered (vigie_map_layer_get_kind (self->layer));
  guint mask = vigie_map_layer_get_filter (self->layer);

  for (guint i = 0; i < VIGIE_N_FILTERS; i++)
    {
      VigieFilter filter = 1u << i;
      GAction *action;

      if (!(offered & filter))
        continue;
      action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), vigie_filter_get_nick (filter));
      g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean ((mask & filter) != 0));
    }

  if (mask != VIGIE_FILTER_NONE)
    gtk_widget_add_css_class (self->button, "accent");
  else
    gtk_widget_remove_css_class (self->button, "accent");
}

static void
on_create_popup_cb (GtkMenuButton *button,
                    gpointer       user_data)
{
  update_menu (VIGIE_FILTER_MENU (user_data));
}

static void
vigie_filter_menu_dispose (GObject *object)
{
  VigieFilterMenu *self = (VigieFilterMenu *)object;

  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_object (&self->actions);
  g_clear_object (&self->menu);
  g_clear_object (&self->layer);

  G_OBJECT_CLASS (vigie_filter_menu_parent_class)->dispose (object);
}

static void
vigie_filter_menu_class_init (VigieFilterMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_filter_menu_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
vigie_filter_menu_init (VigieFilterMenu *self)
{
  self->menu = g_menu_new ();
  self->actions = g_simple_action_group_new ();
  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->button), "vigie-filter-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->button), G_MENU_MODEL (self->menu));
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_set_tooltip_text (self->button, _("Filter by State"));
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));
  /* Named from its tooltip, as the header bar's menu buttons. */
  vigie_a11y_name_widgets (GTK_WIDGET (self));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "filter", G_ACTION_GROUP (self->actions));
}

/**
 * vigie_filter_menu_new:
 * @layer: a map layer
 *
 * Returns: (transfer floating): its filter button, or an empty widget
 *   when its kind offers no filter
 */
GtkWidget *
vigie_filter_menu_new (VigieMapLayer *layer)
{
  VigieFilterMenu *self;
  guint offered;

  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (layer), NULL);

  self = g_object_new (VIGIE_TYPE_FILTER_MENU, NULL);
  self->layer = g_object_ref (layer);

  offered = vigie_filter_offered (vigie_map_layer_get_kind (layer));
  gtk_widget_set_visible (GTK_WIDGET (self), offered != VIGIE_FILTER_NONE);
  for (guint i = 0; i < VIGIE_N_FILTERS; i++)
    {
      g_autoptr(GSimpleAction) action = NULL;

      if (!(offered & (1u << i)))
        continue;
      action = g_simple_action_new_stateful (vigie_filter_get_nick (1u << i), NULL, g_variant_new_boolean (FALSE));
      g_object_set_data (G_OBJECT (action), "vigie-filter", GUINT_TO_POINTER (1u << i));
      g_signal_connect_object (action, "change-state", G_CALLBACK (on_change_state_cb), self, 0);
      g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (action));
    }

  g_signal_connect_object (layer, "notify::filter", G_CALLBACK (update_states), self, G_CONNECT_SWAPPED);
  /* Called as it opens; the button goes with the menu. */
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->button), on_create_popup_cb, self, NULL);
  update_menu (self);
  update_states (self);

  return GTK_WIDGET (self);
}

GtkMenuButton *
vigie_filter_menu_get_button (VigieFilterMenu *self)
{
  g_return_val_if_fail (VIGIE_IS_FILTER_MENU (self), NULL);

  return GTK_MENU_BUTTON (self->button);
}
