/* vigie-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-a11y.h"
#include "vigie-alert-rules-page.h"
#include "vigie-feed-editor.h"
#include "vigie-format.h"
#include "vigie-history-preferences.h"
#include "vigie-preferences-window.h"
#include "vigie-toast.h"

/* Where an operator chooses the city profile and adds, edits, disables,
 * tests and removes its feeds. Every change is saved as the operator's own
 * copy of the profile and the feeds are reloaded at once. */

struct _VigiePreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  VigieContext         *context;
  GPtrArray            *profiles;
  gboolean              filling;

  AdwComboRow          *profile_row;
  AdwPreferencesGroup  *feeds_group;
  GtkListBox           *feeds_list;
  GtkSpinButton        *connect_spin;
  GtkSpinButton        *station_empty_spin;
  GtkSpinButton        *station_full_spin;
  GtkSpinButton        *wifi_busy_spin;
  GtkSpinButton        *wifi_saturated_spin;
  GtkSpinButton        *parking_busy_spin;
  GtkSpinButton        *parking_saturated_spin;
  GtkSpinButton        *symbol_scale_spin;
  AdwComboRow          *base_map_style_row;

  GtkSpinButton        *request_spin;
};

G_DEFINE_FINAL_TYPE (VigiePreferencesWindow, vigie_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void fill_feeds (VigiePreferencesWindow *self);

static void
on_editor_done_cb (VigieFeedEditor        *editor,
                   gboolean                saved,
                   VigiePreferencesWindow *self)
{
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));

  if (saved)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (_("Feed saved")));
}

static void
present_editor (VigiePreferencesWindow *self,
                const char             *feed_id)
{
  VigieProfile *profile = vigie_context_get_profile (self->context);
  GtkWidget *editor;

  if (profile == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Choose a city profile first")));
      return;
    }

  editor = vigie_feed_editor_new (self->context, profile, feed_id);
  g_signal_connect_object (editor, "done", G_CALLBACK (on_editor_done_cb), self, 0);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), editor);
}

static void
on_enabled_cb (GtkSwitch              *toggle,
               GParamSpec             *pspec,
               VigiePreferencesWindow *self)
{
  VigieProfile *profile = vigie_context_get_profile (self->context);
  const char *feed_id = g_object_get_data (G_OBJECT (toggle), "feed-id");
  VigieFeed *feed;

  if (profile == NULL)
    return;

  vigie_profile_set_feed_enabled (profile, feed_id, gtk_switch_get_active (toggle));

  /* Switch the running feed at once; the saved profile remembers it. */
  feed = vigie_feed_manager_lookup (vigie_context_get_feed_manager (self->context), feed_id);
  if (feed != NULL)
    vigie_feed_set_enabled (feed, gtk_switch_get_active (toggle));

  {
    g_autoptr(GError) error = NULL;

    if (!vigie_profile_save (profile, &error))
      g_warning ("Could not save the profile: %s", error->message);
  }
}

static void
on_edit_clicked_cb (GtkButton              *button,
                    VigiePreferencesWindow *self)
{
  present_editor (self, g_object_get_data (G_OBJECT (button), "feed-id"));
}

static void
on_undo_remove_cb (AdwToast               *toast,
                   VigiePreferencesWindow *self)
{
  VigieRemovedFeed *removed = g_object_get_data (G_OBJECT (toast), "removed-feed");
  g_autoptr(GError) error = NULL;

  if (!vigie_context_restore_feed (self->context, removed, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The feed could not be put back: %s"), error->message);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), vigie_toast_new_plain (text));
    }

  fill_feeds (self);
}

/* Removed at once from the list, the map and the saved profile; the toast
 * offers to undo it. */
static void
on_remove_clicked_cb (GtkButton              *button,
                      VigiePreferencesWindow *self)
{
  const char *feed_id = g_object_get_data (G_OBJECT (button), "feed-id");
  g_autoptr(VigieRemovedFeed) removed = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!(removed = vigie_context_remove_feed (self->context, feed_id, &error)))
    {
      g_autofree char *text = g_strdup_printf (_("The profile could not be saved: %s"), error->message);

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), vigie_toast_new_plain (text));
      return;
    }

  /* The button is in the row about to go: leave its handler first. */
  fill_feeds (self);

  toast = adw_toast_new (_("Feed removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "removed-feed",
                          g_steal_pointer (&removed), (GDestroyNotify) vigie_removed_feed_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_remove_cb), self, 0);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void name_control (GtkWidget  *widget,
                          const char *format,
                          ...) G_GNUC_PRINTF (2, 3);

static void
name_control (GtkWidget  *widget,
              const char *format,
              ...)
{
  g_autofree char *name = NULL;
  va_list args;

  va_start (args, format);
  name = g_strdup_vprintf (format, args);
  va_end (args);

  vigie_a11y_set_label (widget, name);
}

static GtkWidget *
create_feed_row (VigiePreferencesWindow *self,
                 VigieProfile           *profile,
                 const char             *feed_id)
{
  g_auto(VigieFeedDefinition) definition = { 0 };
  const VigieFormat *format;
  g_autofree char *subtitle = NULL;
  GtkWidget *row, *toggle, *edit, *remove;

  if (!vigie_profile_get_feed (profile, feed_id, &definition))
    return NULL;

  format = definition.format_id ? vigie_format_lookup (definition.format_id) : NULL;
  subtitle = g_strdup_printf ("%s · %s",
                              format ? _(format->name) : (definition.format_id ? definition.format_id : "?"),
                              definition.url ? definition.url : "");

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), definition.name ? definition.name : feed_id);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);

  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), definition.enabled);
  gtk_widget_set_tooltip_text (toggle, _("Poll this feed"));
  g_object_set_data_full (G_OBJECT (toggle), "feed-id", g_strdup (feed_id), g_free);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_enabled_cb), self);

  edit = gtk_button_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_set_valign (edit, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (edit, _("Edit and Test"));
  gtk_widget_add_css_class (edit, "flat");
  g_object_set_data_full (G_OBJECT (edit), "feed-id", g_strdup (feed_id), g_free);
  g_signal_connect (edit, "clicked", G_CALLBACK (on_edit_clicked_cb), self);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data_full (G_OBJECT (remove), "feed-id", g_strdup (feed_id), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);

  /* A tooltip is no name in GTK 4.8: a screen reader would say
   * "GtkImage", and three rows alike would not say which feed. */
  /* Translators: a switch's name for screen readers; %s is a feed's name */
  name_control (toggle, _("Poll the feed “%s”"), definition.name ? definition.name : feed_id);
  /* Translators: a button's name for screen readers; %s is a feed's name */
  name_control (edit, _("Edit and test the feed “%s”"), definition.name ? definition.name : feed_id);
  /* Translators: a button's name for screen readers; %s is a feed's name */
  name_control (remove, _("Remove the feed “%s”"), definition.name ? definition.name : feed_id);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static void
fill_feeds (VigiePreferencesWindow *self)
{
  VigieProfile *profile = vigie_context_get_profile (self->context);
  g_auto(GStrv) ids = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->feeds_list))) &&
         GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (self->feeds_list, child);

  if (profile == NULL)
    return;

  ids = vigie_profile_list_feeds (profile);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      GtkWidget *row = create_feed_row (self, profile, ids[i]);

      if (row != NULL)
        gtk_list_box_append (self->feeds_list, row);
    }
}

static void
fill_profiles (VigiePreferencesWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  VigieProfile *current = vigie_context_get_profile (self->context);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  self->profiles = vigie_context_list_profiles (self->context);

  for (guint i = 0; i < self->profiles->len; i++)
    {
      VigieProfile *profile = g_ptr_array_index (self->profiles, i);

      gtk_string_list_append (names, vigie_profile_get_name (profile));
      if (current != NULL && g_str_equal (vigie_profile_get_id (profile), vigie_profile_get_id (current)))
        selected = i;
    }

  self->filling = TRUE;
  adw_combo_row_set_model (self->profile_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->profile_row, selected);
  self->filling = FALSE;
}

static void
on_profile_selected_cb (VigiePreferencesWindow *self)
{
  guint position = adw_combo_row_get_selected (self->profile_row);
  VigieProfile *profile;
  g_autoptr(GError) error = NULL;

  if (self->filling || self->profiles == NULL || position >= self->profiles->len)
    return;

  profile = g_ptr_array_index (self->profiles, position);
  if (!vigie_context_load_profile (self->context, vigie_profile_get_id (profile), &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), vigie_toast_new_plain (error->message));
      return;
    }

  g_settings_set_string (vigie_context_get_settings (self->context), "profile", vigie_profile_get_id (profile));
}

static void
on_context_profile_cb (VigiePreferencesWindow *self)
{
  VigieProfile *profile = vigie_context_get_profile (self->context);
  g_autofree char *title = NULL;

  if (profile != NULL)
    /* A group's title is markup: the name is escaped.
     * Translators: the feeds of a city profile: "Feeds of Mulhouse". */
    title = g_markup_printf_escaped (_("Feeds of %s"), vigie_profile_get_name (profile));

  adw_preferences_group_set_title (self->feeds_group, title ? title : _("Feeds"));
  fill_feeds (self);
}

static void
add_feed_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  present_editor (VIGIE_PREFERENCES_WINDOW (widget), NULL);
}

static void
vigie_preferences_window_dispose (GObject *object)
{
  VigiePreferencesWindow *self = (VigiePreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_PREFERENCES_WINDOW);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (vigie_preferences_window_parent_class)->dispose (object);
}

static void
vigie_preferences_window_class_init (VigiePreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/vigie-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, profile_row);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, feeds_group);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, feeds_list);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, connect_spin);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, station_empty_spin);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, station_full_spin);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, wifi_busy_spin);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, wifi_saturated_spin);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, parking_busy_spin);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, parking_saturated_spin);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, symbol_scale_spin);
  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, base_map_style_row);

  gtk_widget_class_bind_template_child (widget_class, VigiePreferencesWindow, request_spin);

  gtk_widget_class_install_action (widget_class, "prefs.add-feed", NULL, add_feed_action);
}

static void
vigie_preferences_window_init (VigiePreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The rows of the built-in map's style, in the order of the .ui file. */
static const char * const base_map_styles[] = { "auto", "light", "dark" };

static gboolean
style_to_selected (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *style = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (base_map_styles); i++)
    if (g_str_equal (style, base_map_styles[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
selected_to_style (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (base_map_styles))
    return NULL;

  return g_variant_new_string (base_map_styles[selected]);
}

/**
 * vigie_preferences_window_new:
 * @parent: (nullable): the main window
 * @context: the application's context
 *
 * Returns: (transfer floating): a new preferences window
 */
GtkWidget *
vigie_preferences_window_new (GtkWindow    *parent,
                              VigieContext *context)
{
  VigiePreferencesWindow *self;
  GSettings *settings;

  g_return_val_if_fail (VIGIE_IS_CONTEXT (context), NULL);

  self = g_object_new (VIGIE_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->context = g_object_ref (context);

  settings = vigie_context_get_settings (context);
  g_settings_bind (settings, "connect-timeout",
                   gtk_spin_button_get_adjustment (self->connect_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "request-timeout",
                   gtk_spin_button_get_adjustment (self->request_spin), "value", G_SETTINGS_BIND_DEFAULT);

  /* Thresholds apply to the map at once: the window listens to them. */
  g_settings_bind (settings, "station-nearly-empty",
                   gtk_spin_button_get_adjustment (self->station_empty_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "station-nearly-full",
                   gtk_spin_button_get_adjustment (self->station_full_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "wifi-busy",
                   gtk_spin_button_get_adjustment (self->wifi_busy_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "wifi-saturated",
                   gtk_spin_button_get_adjustment (self->wifi_saturated_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "parking-busy",
                   gtk_spin_button_get_adjustment (self->parking_busy_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "parking-saturated",
                   gtk_spin_button_get_adjustment (self->parking_saturated_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "symbol-scale",
                   gtk_spin_button_get_adjustment (self->symbol_scale_spin), "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "base-map-style",
                                self->base_map_style_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                style_to_selected, selected_to_style, NULL, NULL);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (vigie_history_preferences_new (context)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (vigie_alert_rules_page_new (settings)));

  fill_profiles (self);
  g_signal_connect_object (self->profile_row, "notify::selected",
                           G_CALLBACK (on_profile_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::profile",
                           G_CALLBACK (on_context_profile_cb), self, G_CONNECT_SWAPPED);
  on_context_profile_cb (self);

  /* The rules' switches, libadwaita's own, said "GtkSwitch". */
  vigie_a11y_name_widgets (GTK_WIDGET (self));

  return GTK_WIDGET (self);
}
