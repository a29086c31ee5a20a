/* vigie-window-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-window-alerts"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-alerts-panel.h"
#include "vigie-number.h"
#include "vigie-tooltip.h"
#include "vigie-window-alerts.h"

/* The window's share of the alerts: the sidebar's "Alerts" tab, and in
 * the header bar the number still to acknowledge, which opens the tab.
 * Kept out of vigie-window.c, which only calls in here. */

static void
update_button (GtkButton      *button,
               GParamSpec     *pspec,
               VigieAlertList *alerts)
{
  guint n = vigie_alert_list_get_n_unacknowledged (alerts);
  g_autofree char *count = vigie_format_count (n);
  /* Translators: the header bar button's tooltip; %s is a number */
  g_autofree char *tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%s alert to acknowledge",
                                                           "%s alerts to acknowledge", n), count);

  gtk_widget_set_visible (GTK_WIDGET (button), n > 0);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (gtk_button_get_child (button)), count);
  vigie_tooltip_set_text (GTK_WIDGET (button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

static void
on_button_clicked_cb (GtkButton   *button,
                      VigieWindow *window)
{
  vigie_window_show_sidebar_page (window, "alerts");
}

typedef struct
{
  GWeakRef    window;
  VigieAlert *alert;
} Show;

static void
show_free (Show *show)
{
  g_weak_ref_clear (&show->window);
  g_object_unref (show->alert);
  g_free (show);
}

static gboolean
show_cb (gpointer user_data)
{
  Show *show = user_data;
  g_autoptr(VigieWindow) window = g_weak_ref_get (&show->window);

  if (window != NULL)
    vigie_window_show_entity (window, vigie_alert_get_feed_id (show->alert),
                              vigie_alert_get_entity_kind (show->alert), vigie_alert_get_entity_id (show->alert));

  return G_SOURCE_REMOVE;
}

static void
on_alert_activated_cb (VigieAlertsPanel *panel,
                       VigieAlert       *alert,
                       VigieWindow      *window)
{
  vigie_window_alerts_show (window, alert);
}

/* What a click on an alert does, also from a notification's "Show":
 * the thing centred on the map, its details open. */
void
vigie_window_alerts_show (VigieWindow *window,
                          VigieAlert  *alert)
{
  Show *show;

  g_return_if_fail (VIGIE_IS_WINDOW (window));
  g_return_if_fail (VIGIE_IS_ALERT (alert));

  /* A feed's own alert: the feed's row says more. */
  if (vigie_alert_get_entity_id (alert) == NULL)
    {
      vigie_window_show_sidebar_page (window, "feeds");
      return;
    }

  /* Once the click is over: the details' popover then stays open. */
  show = g_new0 (Show, 1);
  g_weak_ref_init (&show->window, window);
  show->alert = g_object_ref (alert);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_cb, show, (GDestroyNotify) show_free);
}

/* Ctrl+Enter wherever the focus is (the map's details, after a click,
 * hold it), while the Alerts tab is shown. */
static gboolean
acknowledge_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  GtkWidget *panel = user_data;

  if (!gtk_widget_get_mapped (panel))
    return FALSE;

  vigie_alerts_panel_acknowledge_selected (VIGIE_ALERTS_PANEL (panel));
  return TRUE;
}

void
vigie_window_alerts_attach (VigieWindow  *window,
                            AdwHeaderBar *header_bar,
                            GtkStack     *sidebar_stack)
{
  VigieAlertCenter *center = vigie_context_get_alerts (vigie_window_get_context (window));
  VigieAlertList *alerts = vigie_alert_center_get_alerts (center);
  GtkWidget *panel = vigie_alerts_panel_new (center);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  gtk_stack_add_titled (sidebar_stack, panel, "alerts", _("Alerts"));
  g_signal_connect_object (panel, "alert-activated", G_CALLBACK (on_alert_activated_cb), window, 0);

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "preferences-system-notifications-symbolic");
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "vigie-alerts-count");
  gtk_widget_set_name (button, "alerts-button");
  adw_header_bar_pack_start (header_bar, button);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_button_clicked_cb), window, 0);
  g_signal_connect_object (alerts, "notify::n-unacknowledged", G_CALLBACK (update_button), button, G_CONNECT_SWAPPED);
  update_button (GTK_BUTTON (button), NULL, alerts);

  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                                                                         gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK)),
                                                            gtk_callback_action_new (acknowledge_cb, panel, NULL)));
    gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
    /* Before the map, whose keys take Return. */
    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    gtk_widget_add_controller (GTK_WIDGET (window), shortcuts);
  }
}
