/* vigie-alert-notifications.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-alert-notifications"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-a11y.h"
#include "vigie-alert-notifications.h"
#include "vigie-clock.h"
#include "vigie-window-alerts.h"

/* Critical alerts on the desktop, as GNotification (the notification
 * portal in the Flatpak): what to send and when is decided by
 * alerts/vigie-alert-notifier.c; this only follows the alerts, sends,
 * withdraws, and makes "Show" (the app action "show-alert", the alert's
 * key as target) do what a click on the alert in the Alerts tab does.
 * The "alert-notifications" setting turns it off. */

struct _VigieAlertNotifications
{
  GObject             parent_instance;

  GtkApplication     *application;   /* weak: it owns us */
  VigieAlertCenter   *center;
  GSettings          *settings;
  VigieAlertNotifier *notifier;
  guint               timeout_id;
};

G_DEFINE_FINAL_TYPE (VigieAlertNotifications, vigie_alert_notifications, G_TYPE_OBJECT)

static gboolean on_timeout_cb (gpointer user_data);

static VigieAlertList *
get_alerts (VigieAlertNotifications *self)
{
  return vigie_alert_center_get_alerts (self->center);
}

static void
schedule (VigieAlertNotifications *self)
{
  gint64 next = vigie_alert_notifier_get_next (self->notifier);
  gint64 now;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (next == G_MAXINT64)
    return;

  now = vigie_clock_now ();
  /* At an idle, so that one update's alerts are taken together. */
  if (next <= now)
    self->timeout_id = g_idle_add (on_timeout_cb, self);
  else
    self->timeout_id = g_timeout_add_seconds ((guint) MIN (next - now, G_MAXUINT / 2), on_timeout_cb, self);
}

static gboolean
wanted_cb (const char *key,
           gpointer    user_data)
{
  VigieAlertNotifications *self = user_data;
  VigieAlert *alert = vigie_alert_list_lookup (get_alerts (self), key);

  return alert != NULL && !vigie_alert_get_acknowledged (alert);
}

static void
send_notice (VigieAlertNotifications *self,
             const VigieAlertNotice  *notice,
             gint64                   now)
{
  g_autoptr(GNotification) notification = g_notification_new (notice->title);
  VigieAlert *alert = vigie_alert_list_lookup (get_alerts (self), notice->key);

  /* One alert: its own words, "VéloCité Gare Centrale — empty for 12 min". */
  if (notice->n_alerts == 1 && alert != NULL)
    {
      VigieAlertText text;

      vigie_alert_text_init (&text, alert, now);
      g_notification_set_body (notification, text.title);
      vigie_alert_text_clear (&text);
    }
  else
    g_notification_set_body (notification, notice->body);

  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target (notification, "app.show-alert", "s", notice->key);
  g_notification_add_button_with_target (notification, _("Show"), "app.show-alert", "s", notice->key);

  g_debug ("Notification %s: %s (%u alerts)", notice->id, notice->title, notice->n_alerts);
  g_application_send_notification (G_APPLICATION (self->application), notice->id, notification);
}

/*
 * Callbacks
 */

static gboolean
on_timeout_cb (gpointer user_data)
{
  VigieAlertNotifications *self = user_data;
  g_autoptr(GPtrArray) notices = NULL;
  gint64 now = vigie_clock_now ();

  self->timeout_id = 0;

  /* Not registered (a test of the core without a bus): nothing to tell. */
  if (self->application == NULL || !g_application_get_is_registered (G_APPLICATION (self->application)))
    return G_SOURCE_REMOVE;

  notices = vigie_alert_notifier_take (self->notifier, now, wanted_cb, self);
  for (guint i = 0; i < notices->len; i++)
    {
      VigieAlertNotice *notice = g_ptr_array_index (notices, i);

      if (notice->type == VIGIE_ALERT_NOTICE_SEND)
        send_notice (self, notice, now);
      else
        g_application_withdraw_notification (G_APPLICATION (self->application), notice->id);
    }

  schedule (self);
  return G_SOURCE_REMOVE;
}

static void
on_alert_added_cb (VigieAlertNotifications *self,
                   VigieAlert              *alert)
{
  vigie_alert_notifier_raised (self->notifier, vigie_alert_get_key (alert), vigie_alert_get_rule (alert),
                               vigie_alert_get_severity (alert), vigie_alert_get_name (alert),
                               vigie_clock_now ());
  schedule (self);
}

static void
on_alert_removed_cb (VigieAlertNotifications *self,
                     VigieAlert              *alert)
{
  vigie_alert_notifier_cleared (self->notifier, vigie_alert_get_key (alert));
  schedule (self);
}

static void
on_enabled_changed_cb (VigieAlertNotifications *self)
{
  vigie_alert_notifier_set_enabled (self->notifier, g_settings_get_boolean (self->settings, "alert-notifications"));
  schedule (self);
}

/* "Show": the window raised, the thing on the map with its details; an
 * alert cleared since, the Alerts tab. */
static void
on_show_alert_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  VigieAlertNotifications *self = user_data;
  const char *key = g_variant_get_string (parameter, NULL);
  GtkWindow *window;
  VigieAlert *alert;

  if (self->application == NULL)
    return;

  window = gtk_application_get_active_window (self->application);
  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (self->application));
      window = gtk_application_get_active_window (self->application);
    }
  if (!VIGIE_IS_WINDOW (window))
    return;

  gtk_window_present (window);
  alert = vigie_alert_list_lookup (get_alerts (self), key);
  if (alert != NULL)
    vigie_window_alerts_show (VIGIE_WINDOW (window), alert);
  else
    vigie_window_show_sidebar_page (VIGIE_WINDOW (window), "alerts");
}

/*
 * Overrides
 */

static void
vigie_alert_notifications_dispose (GObject *object)
{
  VigieAlertNotifications *self = (VigieAlertNotifications *)object;

  /* The signals were connected with g_signal_connect_object(). */
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->center);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vigie_alert_notifications_parent_class)->dispose (object);
}

static void
vigie_alert_notifications_finalize (GObject *object)
{
  VigieAlertNotifications *self = (VigieAlertNotifications *)object;

  g_clear_pointer (&self->notifier, vigie_alert_notifier_free);

  G_OBJECT_CLASS (vigie_alert_notifications_parent_class)->finalize (object);
}

static void
vigie_alert_notifications_class_init (VigieAlertNotificationsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_alert_notifications_dispose;
  object_class->finalize = vigie_alert_notifications_finalize;
}

static void
vigie_alert_notifications_init (VigieAlertNotifications *self)
{
  self->notifier = vigie_alert_notifier_new (NULL);
}

/*
 * Public API
 */

/**
 * vigie_alert_notifications_new:
 * @application: where the notifications are sent from, and the
 *   "show-alert" action added to
 * @center: the alerts followed
 * @settings: the app's settings ("alert-notifications")
 */
VigieAlertNotifications *
vigie_alert_notifications_new (GtkApplication   *application,
                               VigieAlertCenter *center,
                               GSettings        *settings)
{
  static const GActionEntry actions[] = {
    { "show-alert", on_show_alert_cb, "s" },
  };
  VigieAlertNotifications *self;
  VigieAlertList *alerts;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (VIGIE_IS_ALERT_CENTER (center), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (VIGIE_TYPE_ALERT_NOTIFICATIONS, NULL);
  g_set_weak_pointer (&self->application, application);
  self->center = g_object_ref (center);
  self->settings = g_object_ref (settings);

  g_action_map_add_action_entries (G_ACTION_MAP (application), actions, G_N_ELEMENTS (actions), self);

  alerts = get_alerts (self);
  g_signal_connect_object (alerts, "alert-added", G_CALLBACK (on_alert_added_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (alerts, "alert-removed", G_CALLBACK (on_alert_removed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::alert-notifications", G_CALLBACK (on_enabled_changed_cb),
                           self, G_CONNECT_SWAPPED);
  on_enabled_changed_cb (self);

  return self;
}

/* For tests: no waiting. */
void
vigie_alert_notifications_set_limits (VigieAlertNotifications        *self,
                                      const VigieAlertNotifierLimits *limits)
{
  g_return_if_fail (VIGIE_IS_ALERT_NOTIFICATIONS (self));
  g_return_if_fail (limits != NULL);

  vigie_alert_notifier_set_limits (self->notifier, limits);
  schedule (self);
}

/**
 * vigie_alert_notifications_new_preferences_group:
 *
 * Preferences' switch for the notifications, at the top of the Alerts page.
 *
 * Returns: (transfer floating): an #AdwPreferencesGroup
 */
GtkWidget *
vigie_alert_notifications_new_preferences_group (GSettings *settings)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Desktop notifications"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Notify critical alerts"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Grouped by rule; at most one per rule every 5 minutes"));
  gtk_widget_set_name (row, "alert-notifications-row");
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  vigie_a11y_set_label (toggle, _("Notify critical alerts"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  g_settings_bind (settings, "alert-notifications", toggle, "active", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return group;
}
