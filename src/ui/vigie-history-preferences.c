/* vigie-history-preferences.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-history-preferences.h"

/* The Preferences page of the history: how long it keeps every change
 * and its five-minute summaries, how large it may grow, and what it
 * takes now (asked of the file system without waiting for it), or why
 * it does not record. */

struct _VigieHistoryPreferences
{
  AdwPreferencesPage  parent_instance;

  VigieContext       *context;
  GCancellable       *cancellable;

  GtkSpinButton      *raw_days_spin;
  GtkSpinButton      *aggregate_days_spin;
  GtkSpinButton      *max_size_spin;
  AdwActionRow       *status_row;
};

G_DEFINE_FINAL_TYPE (VigieHistoryPreferences, vigie_history_preferences, ADW_TYPE_PREFERENCES_PAGE)

static void
on_size_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(VigieHistoryPreferences) self = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  size = g_format_size (info != NULL ? g_file_info_get_size (info) : 0);
  /* Translators: the history's size on disk, then where it is. */
  text = g_strdup_printf (_("%s in %s"), size, g_file_peek_path (G_FILE (object)));
  adw_action_row_set_subtitle (self->status_row, text);
}

static void
show_status (VigieHistoryPreferences *self)
{
  VigieHistory *history = vigie_context_get_history (self->context);
  g_autoptr(GFile) file = NULL;

  if (history == NULL)
    {
      adw_action_row_set_subtitle (self->status_row, _("Not recorded"));
      return;
    }

  if (vigie_history_get_error (history) != NULL)
    {
      adw_action_row_set_subtitle (self->status_row, vigie_history_get_error (history));
      return;
    }

  file = g_file_new_for_path (vigie_history_get_path (history));
  g_file_query_info_async (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, self->cancellable, on_size_read_cb, g_object_ref (self));
}

static void
vigie_history_preferences_dispose (GObject *object)
{
  VigieHistoryPreferences *self = VIGIE_HISTORY_PREFERENCES (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_HISTORY_PREFERENCES);

  G_OBJECT_CLASS (vigie_history_preferences_parent_class)->dispose (object);
}

static void
vigie_history_preferences_class_init (VigieHistoryPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_history_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/vigie-history-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieHistoryPreferences, raw_days_spin);
  gtk_widget_class_bind_template_child (widget_class, VigieHistoryPreferences, aggregate_days_spin);
  gtk_widget_class_bind_template_child (widget_class, VigieHistoryPreferences, max_size_spin);
  gtk_widget_class_bind_template_child (widget_class, VigieHistoryPreferences, status_row);
}

static void
vigie_history_preferences_init (VigieHistoryPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
vigie_history_preferences_new (VigieContext *context)
{
  VigieHistoryPreferences *self;
  GSettings *settings;

  g_return_val_if_fail (VIGIE_IS_CONTEXT (context), NULL);

  self = g_object_new (VIGIE_TYPE_HISTORY_PREFERENCES, NULL);
  self->context = g_object_ref (context);

  settings = vigie_context_get_settings (context);
  g_settings_bind (settings, "history-raw-days",
                   gtk_spin_button_get_adjustment (self->raw_days_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "history-aggregate-days",
                   gtk_spin_button_get_adjustment (self->aggregate_days_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "history-max-size-mb",
                   gtk_spin_button_get_adjustment (self->max_size_spin), "value", G_SETTINGS_BIND_DEFAULT);
  show_status (self);

  return GTK_WIDGET (self);
}
