/* vigie-alerts-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-alerts-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "vigie-alert-row.h"
#include "vigie-alerts-panel.h"
#include "vigie-number.h"

/* The sidebar's "Alerts" tab: the raised alerts, worst then oldest first,
 * in a list view (thousands of empty docks stay cheap). A click or Enter
 * shows the thing on the map; Ctrl+Enter acknowledges the selected
 * alert, the row's button does so with a comment. */

struct _VigieAlertsPanel
{
  GtkWidget           parent_instance;

  VigieAlertCenter   *center;
  GtkSingleSelection *selection;

  /* Template widgets */
  GtkStack           *stack;
  GtkListView        *list_view;
  GtkLabel           *summary_label;
};

G_DEFINE_FINAL_TYPE (VigieAlertsPanel, vigie_alerts_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CENTER,
  N_PROPS
};

enum {
  ALERT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* The worst come first: a list read from its top stays at its top when
 * alerts arrive above the one selected. */
static void
on_items_changed_cb (VigieAlertsPanel *self,
                     guint             position,
                     guint             removed,
                     guint             added)
{
  GtkScrollable *scrollable = GTK_SCROLLABLE (self->list_view);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (scrollable);

  /* The first one was selected, and is pushed down by worse ones. */
  if (added > 0 && position == 0 &&
      (gtk_single_selection_get_selected (self->selection) == added ||
       (adjustment != NULL && gtk_adjustment_get_value (adjustment) <= gtk_adjustment_get_lower (adjustment) + 1)))
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
    }
}

static void
update_summary (VigieAlertsPanel *self)
{
  VigieAlertList *alerts = vigie_alert_center_get_alerts (self->center);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (alerts));
  guint n_new = vigie_alert_list_get_n_unacknowledged (alerts);
  g_autoptr(GString) summary = g_string_new (NULL);

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");

  /* Translators: %s is a number of alerts */
  vigie_append_count (summary, n, g_dngettext (GETTEXT_PACKAGE, "%s alert", "%s alerts", n));
  /* Translators: %s is a number of alerts not acknowledged yet */
  vigie_append_count (summary, n_new, g_dngettext (GETTEXT_PACKAGE, "%s to acknowledge", "%s to acknowledge", n_new));
  gtk_label_set_text (self->summary_label, summary->str);
}

static void
on_acknowledge_cb (VigieAlertRow *row,
                   const char    *comment,
                   gpointer       user_data)
{
  VigieAlertsPanel *self = user_data;
  VigieAlert *alert = vigie_alert_row_get_alert (row);

  if (alert != NULL && self->center != NULL)
    vigie_alert_center_acknowledge (self->center, alert, comment);
}

static void
on_row_activated_cb (VigieAlertRow *row,
                     gpointer       user_data)
{
  VigieAlertsPanel *self = user_data;
  VigieAlert *alert = vigie_alert_row_get_alert (row);

  if (alert != NULL)
    g_signal_emit (self, signals [ALERT_ACTIVATED], 0, alert);
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             VigieAlertsPanel         *self)
{
  GtkWidget *row = vigie_alert_row_new ();

  g_signal_connect_object (row, "acknowledge", G_CALLBACK (on_acknowledge_cb), self, 0);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activated_cb), self, 0);
  gtk_list_item_set_child (item, row);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            VigieAlertsPanel         *self)
{
  vigie_alert_row_set_alert (VIGIE_ALERT_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              VigieAlertsPanel         *self)
{
  vigie_alert_row_set_alert (VIGIE_ALERT_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
on_activate_cb (VigieAlertsPanel *self,
                guint             position)
{
  g_autoptr(VigieAlert) alert = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (alert != NULL)
    g_signal_emit (self, signals [ALERT_ACTIVATED], 0, alert);
}

static void
acknowledge_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  vigie_alerts_panel_acknowledge_selected (VIGIE_ALERTS_PANEL (widget));
}

/* The sidebar takes its children's natural width: wrapped words would ask
 * for their whole line. The panel asks for its least. */
static void
vigie_alerts_panel_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  VigieAlertsPanel *self = VIGIE_ALERTS_PANEL (widget);

  gtk_widget_measure (GTK_WIDGET (self->stack), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = *minimum;
}

static void
vigie_alerts_panel_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  gtk_widget_size_allocate (GTK_WIDGET (VIGIE_ALERTS_PANEL (widget)->stack),
                            &(GtkAllocation) { 0, 0, width, height }, baseline);
}

/* Rows only while the list shows: GTK 4.8's list view makes up to 200
 * of them for a model even in a hidden tab, and a soak saw each wave of
 * alerts (the first at 15 minutes, the rules' default duration) build
 * rows that nobody looked at, megabytes of widgets. The selection stays
 * the panel's meanwhile. */
static void
on_list_mapped_cb (VigieAlertsPanel *self)
{
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

static void
on_list_unmapped_cb (VigieAlertsPanel *self)
{
  gtk_list_view_set_model (self->list_view, NULL);
}

static void
vigie_alerts_panel_constructed (GObject *object)
{
  VigieAlertsPanel *self = (VigieAlertsPanel *)object;
  GListModel *alerts;
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  G_OBJECT_CLASS (vigie_alerts_panel_parent_class)->constructed (object);

  g_assert (VIGIE_IS_ALERT_CENTER (self->center));
  alerts = G_LIST_MODEL (vigie_alert_center_get_alerts (self->center));

  self->selection = gtk_single_selection_new (g_object_ref (alerts));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  g_signal_connect_object (self->list_view, "map", G_CALLBACK (on_list_mapped_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "unmap", G_CALLBACK (on_list_unmapped_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  g_signal_connect_object (alerts, "items-changed", G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "items-changed", G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (alerts, "notify::n-unacknowledged", G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
  update_summary (self);
}

static void
vigie_alerts_panel_dispose (GObject *object)
{
  VigieAlertsPanel *self = (VigieAlertsPanel *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_ALERTS_PANEL);
  g_clear_object (&self->selection);
  g_clear_object (&self->center);

  G_OBJECT_CLASS (vigie_alerts_panel_parent_class)->dispose (object);
}

static void
vigie_alerts_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VigieAlertsPanel *self = VIGIE_ALERTS_PANEL (object);

  switch (prop_id)
    {
    case PROP_CENTER:
      g_value_set_object (value, self->center);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_alerts_panel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VigieAlertsPanel *self = VIGIE_ALERTS_PANEL (object);

  switch (prop_id)
    {
    case PROP_CENTER:
      self->center = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_alerts_panel_class_init (VigieAlertsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vigie_alerts_panel_constructed;
  object_class->dispose = vigie_alerts_panel_dispose;
  object_class->get_property = vigie_alerts_panel_get_property;
  object_class->set_property = vigie_alerts_panel_set_property;

  properties [PROP_CENTER] =
    g_param_spec_object ("center", NULL, NULL,
                         VIGIE_TYPE_ALERT_CENTER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VigieAlertsPanel::alert-activated:
   * @alert: the alert clicked, or chosen with Enter
   */
  signals [ALERT_ACTIVATED] =
    g_signal_new ("alert-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, VIGIE_TYPE_ALERT);

  g_type_ensure (VIGIE_TYPE_ALERT_ROW);

  widget_class->measure = vigie_alerts_panel_measure;
  widget_class->size_allocate = vigie_alerts_panel_size_allocate;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/vigie-alerts-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieAlertsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, VigieAlertsPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, VigieAlertsPanel, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_cb);

  gtk_widget_class_install_action (widget_class, "alerts.acknowledge", NULL, acknowledge_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "alerts.acknowledge", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "alerts.acknowledge", NULL);
}

static void
vigie_alerts_panel_init (VigieAlertsPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
vigie_alerts_panel_new (VigieAlertCenter *center)
{
  g_return_val_if_fail (VIGIE_IS_ALERT_CENTER (center), NULL);

  return g_object_new (VIGIE_TYPE_ALERTS_PANEL, "center", center, NULL);
}

/**
 * vigie_alerts_panel_get_selected:
 *
 * Returns: (transfer none) (nullable): the alert selected
 */
VigieAlert *
vigie_alerts_panel_get_selected (VigieAlertsPanel *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERTS_PANEL (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

/* Ctrl+Enter: acknowledged without a comment, at this time. */
void
vigie_alerts_panel_acknowledge_selected (VigieAlertsPanel *self)
{
  VigieAlert *alert;

  g_return_if_fail (VIGIE_IS_ALERTS_PANEL (self));

  alert = vigie_alerts_panel_get_selected (self);
  if (alert != NULL && !vigie_alert_get_acknowledged (alert))
    vigie_alert_center_acknowledge (self->center, alert, NULL);
}
