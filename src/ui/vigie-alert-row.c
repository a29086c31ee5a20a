/* vigie-alert-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-alert-row"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-alert-row.h"
#include "vigie-clock.h"

/* One alert in the panel: its shape, in its severity's colour, its words,
 * and the button that acknowledges it with an optional comment. The
 * words hold a duration, so a shown row is redone every 30 s. */

#define REFRESH_S 30

struct _VigieAlertRow
{
  GtkWidget   parent_instance;

  VigieAlert *alert;
  guint       refresh_id;

  /* Template widgets */
  GtkWidget  *box;
  GtkImage   *icon;
  GtkLabel   *title_label;
  GtkLabel   *detail_label;
  GtkWidget  *ack_button;
  GtkPopover *ack_popover;
  GtkEditable *comment_entry;
};

G_DEFINE_FINAL_TYPE (VigieAlertRow, vigie_alert_row, GTK_TYPE_WIDGET)

enum {
  ACKNOWLEDGE,
  ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static const char * const severity_classes[] = { "error", "warning", "accent" };

static gboolean
on_refresh_cb (gpointer user_data)
{
  vigie_alert_row_update (VIGIE_ALERT_ROW (user_data));

  return G_SOURCE_CONTINUE;
}

static void
on_confirm_cb (VigieAlertRow *self)
{
  g_autofree char *comment = g_strstrip (g_strdup (gtk_editable_get_text (self->comment_entry)));

  gtk_popover_popdown (self->ack_popover);
  if (self->alert != NULL)
    g_signal_emit (self, signals [ACKNOWLEDGE], 0, comment);
  gtk_editable_set_text (self->comment_entry, "");
}

/* A click on the words shows the thing; the button stays a button (the
 * list's own single-click activation would take its clicks too). */
static void
on_released_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                VigieAlertRow   *self)
{
  GtkWidget *target = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);

  if (target != NULL && gtk_widget_is_ancestor (target, self->ack_button))
    return;
  if (target == self->ack_button)
    return;
  if (self->alert != NULL)
    g_signal_emit (self, signals [ACTIVATED], 0);
}

static void
vigie_alert_row_map (GtkWidget *widget)
{
  VigieAlertRow *self = VIGIE_ALERT_ROW (widget);

  GTK_WIDGET_CLASS (vigie_alert_row_parent_class)->map (widget);

  vigie_alert_row_update (self);
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add_seconds (REFRESH_S, on_refresh_cb, self);
}

static void
vigie_alert_row_unmap (GtkWidget *widget)
{
  VigieAlertRow *self = VIGIE_ALERT_ROW (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);

  GTK_WIDGET_CLASS (vigie_alert_row_parent_class)->unmap (widget);
}

static void
vigie_alert_row_dispose (GObject *object)
{
  VigieAlertRow *self = (VigieAlertRow *)object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  vigie_alert_row_set_alert (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_ALERT_ROW);

  G_OBJECT_CLASS (vigie_alert_row_parent_class)->dispose (object);
}

static void
vigie_alert_row_class_init (VigieAlertRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_alert_row_dispose;
  widget_class->map = vigie_alert_row_map;
  widget_class->unmap = vigie_alert_row_unmap;

  /**
   * VigieAlertRow::acknowledge:
   * @comment: what the operator wrote, maybe empty
   */
  signals [ACKNOWLEDGE] =
    g_signal_new ("acknowledge",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * VigieAlertRow::activated:
   *
   * Its words were clicked.
   */
  signals [ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/vigie-alert-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieAlertRow, box);
  gtk_widget_class_bind_template_child (widget_class, VigieAlertRow, icon);
  gtk_widget_class_bind_template_child (widget_class, VigieAlertRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, VigieAlertRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, VigieAlertRow, ack_button);
  gtk_widget_class_bind_template_child (widget_class, VigieAlertRow, ack_popover);
  gtk_widget_class_bind_template_child (widget_class, VigieAlertRow, comment_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_confirm_cb);
}

static void
vigie_alert_row_init (VigieAlertRow *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "vigie-alert-row");

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
vigie_alert_row_new (void)
{
  return g_object_new (VIGIE_TYPE_ALERT_ROW, NULL);
}

/**
 * vigie_alert_row_get_alert:
 *
 * Returns: (transfer none) (nullable): the alert shown
 */
VigieAlert *
vigie_alert_row_get_alert (VigieAlertRow *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT_ROW (self), NULL);

  return self->alert;
}

void
vigie_alert_row_set_alert (VigieAlertRow *self,
                           VigieAlert    *alert)
{
  g_return_if_fail (VIGIE_IS_ALERT_ROW (self));
  g_return_if_fail (!alert || VIGIE_IS_ALERT (alert));

  if (self->alert == alert)
    return;

  if (self->alert != NULL)
    g_signal_handlers_disconnect_by_data (self->alert, self);
  g_set_object (&self->alert, alert);
  if (alert != NULL)
    {
      g_signal_connect_object (alert, "notify::acknowledged", G_CALLBACK (vigie_alert_row_update),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (alert, "notify::value", G_CALLBACK (vigie_alert_row_update),
                               self, G_CONNECT_SWAPPED);
    }

  vigie_alert_row_update (self);
}

/* Applies what vigie_alert_text_init() decides. */
void
vigie_alert_row_update (VigieAlertRow *self)
{
  VigieAlertText text = { 0 };
  gboolean acknowledged;

  g_return_if_fail (VIGIE_IS_ALERT_ROW (self));

  if (self->alert == NULL)
    return;

  vigie_alert_text_init (&text, self->alert, vigie_clock_now ());
  acknowledged = vigie_alert_get_acknowledged (self->alert);

  /* Refreshed every few seconds: an image's icon or a style class set
   * again, even unchanged, lays out and draws the window again. */
  if (g_strcmp0 (gtk_image_get_icon_name (self->icon), text.icon_name) != 0)
    gtk_image_set_from_icon_name (self->icon, text.icon_name);
  for (guint i = 0; i < G_N_ELEMENTS (severity_classes); i++)
    if (acknowledged || g_strcmp0 (severity_classes[i], text.css_class) != 0)
      gtk_widget_remove_css_class (GTK_WIDGET (self->icon), severity_classes[i]);
  if (!acknowledged)
    gtk_widget_add_css_class (GTK_WIDGET (self->icon), text.css_class);

  gtk_label_set_text (self->title_label, text.title);
  gtk_label_set_text (self->detail_label, text.detail);

  /* Acknowledged: greyed, and nothing left to acknowledge until it gets
   * worse. */
  if (acknowledged)
    gtk_widget_add_css_class (GTK_WIDGET (self), "acknowledged");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "acknowledged");
  gtk_widget_set_visible (self->ack_button, !acknowledged);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->ack_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Acknowledge"), -1);

  /* A list view's focusable item is the row's parent, which GTK 4.8
   * leaves unnamed: the alert's words are its name. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text.title, -1);
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, text.title, -1);

  vigie_alert_text_clear (&text);
}
