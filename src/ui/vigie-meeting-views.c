/* vigie-meeting-views.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-meeting"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-clock.h"
#include "vigie-feed.h"
#include "vigie-map-layer.h"
#include "vigie-charts-strip.h"
#include "vigie-meeting-panel.h"
#include "vigie-meeting-private.h"
#include "vigie-profile.h"
#include "vigie-report.h"

/* The header bar's Views menu: saving the map's view, going to one,
 * choosing those the meeting shows in turn, and a one-page report. */

/*
 * Saved views
 */

static void rebuild_views_menu (VigieMeeting *self);

static void
save_views (VigieMeeting *self)
{
  vigie_saved_views_save (vigie_context_get_settings (self->context), vigie_meeting_profile_id (self), self->views);
}

static void
go_to_view_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  VigieMeeting *self = user_data;
  VigieSavedView *view = vigie_saved_views_find (self->views, g_variant_get_string (parameter, NULL));

  if (view != NULL)
    vigie_meeting_show_view (self, view);
}

static void
delete_view_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  VigieMeeting *self = user_data;

  if (vigie_saved_views_remove (self->views, g_variant_get_string (parameter, NULL)))
    save_views (self);
}

static void
rotate_view_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  VigieMeeting *self = user_data;
  VigieSavedView *view = vigie_saved_views_find (self->views, g_object_get_data (G_OBJECT (action), "view-name"));

  if (view == NULL)
    return;

  view->rotate = !view->rotate;
  save_views (self);
}

static void
on_save_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     VigieMeeting     *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "save") && name[0] != '\0')
    vigie_meeting_save_view (self, name);
}

static void
on_name_changed_cb (GtkEditable      *entry,
                    AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", name[0] != '\0');
}

static void
save_view_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  VigieMeeting *self = user_data;
  g_autofree char *suggested = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;

  /* Translators: the name a new saved view is offered; %u counts them */
  suggested = g_strdup_printf (_("View %u"), self->views->len + 1);

  dialog = adw_message_dialog_new (self->window, _("Save This View"),
                                   _("The map’s centre, zoom and the layers shown are kept under this name; the meeting mode shows the saved views in turn."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), suggested);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("View name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (on_name_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The Views menu: each view to go to, which ones the meeting shows in
 * turn, deleting one, and saving the view shown. Built again whenever
 * the setting changes. */
static void
rebuild_views_menu (VigieMeeting *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) go = g_menu_new ();
  g_autoptr(GMenu) rotate = g_menu_new ();
  g_autoptr(GMenu) delete = g_menu_new ();
  g_autoptr(GMenu) save = g_menu_new ();
  g_auto(GStrv) old_actions = g_action_group_list_actions (G_ACTION_GROUP (self->actions));

  for (guint i = 0; old_actions[i] != NULL; i++)
    if (g_str_has_prefix (old_actions[i], "rotate-"))
      g_action_map_remove_action (G_ACTION_MAP (self->actions), old_actions[i]);

  for (guint i = 0; i < self->views->len; i++)
    {
      VigieSavedView *view = g_ptr_array_index (self->views, i);
      g_autofree char *rotate_name = g_strdup_printf ("rotate-%u", i);
      g_autofree char *rotate_action = g_strdup_printf ("views.%s", rotate_name);
      g_autoptr(GMenuItem) item = g_menu_item_new (view->name, NULL);
      g_autoptr(GSimpleAction) action = NULL;

      /* A view's name is the operator's text: never markup here. */
      g_menu_item_set_action_and_target (item, "views.go", "s", view->name);
      g_menu_append_item (go, item);

      action = g_simple_action_new_stateful (rotate_name, NULL, g_variant_new_boolean (view->rotate));
      g_object_set_data_full (G_OBJECT (action), "view-name", g_strdup (view->name), g_free);
      g_signal_connect_object (action, "activate", G_CALLBACK (rotate_view_action), self, 0);
      g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (action));
      g_menu_append (rotate, view->name, rotate_action);

      g_clear_object (&item);
      item = g_menu_item_new (view->name, NULL);
      g_menu_item_set_action_and_target (item, "views.delete", "s", view->name);
      g_menu_append_item (delete, item);
    }

  if (self->views->len > 0)
    {
      g_menu_append_section (menu, NULL, G_MENU_MODEL (go));
      g_menu_append_section (menu, _("In Turn in the Meeting Mode"), G_MENU_MODEL (rotate));
      g_menu_append_submenu (save, _("_Delete a View"), G_MENU_MODEL (delete));
    }
  g_menu_prepend (save, _("_Save This View…"), "views.save");
  g_menu_append (save, _("_Export a Report…"), "views.export-report");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (save));

  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->views_button), G_MENU_MODEL (menu));
}

static void
load_views (VigieMeeting *self)
{
  g_clear_pointer (&self->views, g_ptr_array_unref);
  self->views = vigie_saved_views_load (vigie_context_get_settings (self->context), vigie_meeting_profile_id (self));
  rebuild_views_menu (self);
}

static void
on_settings_changed_cb (VigieMeeting *self,
                        const char   *key)
{
  if (g_str_equal (key, "saved-views"))
    load_views (self);
}

/*
 * Report
 */

static void
show_error (VigieMeeting *self,
            const char   *message)
{
  GtkWidget *dialog = adw_message_dialog_new (self->window, _("The Report Could Not Be Saved"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_report_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(VigieMeeting) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    show_error (self, error->message);
}

static void
on_report_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       VigieMeeting    *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      name = g_file_get_basename (file);
      bytes = vigie_meeting_render_report (self, g_str_has_suffix (name, ".png") ? VIGIE_REPORT_PNG : VIGIE_REPORT_PDF,
                                           &error);
      if (bytes == NULL)
        show_error (self, error->message);
      else
        g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                             NULL, on_report_written_cb, g_object_ref (self));
    }

  g_object_unref (dialog);
}

static void
export_report_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  VigieMeeting *self = user_data;
  g_autoptr(GDateTime) now = vigie_clock_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M");
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) png = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;

  /* Translators: the default file name of a report; %s is a date */
  name = g_strdup_printf (_("vigie-report-%s.pdf"), stamp);
  gtk_file_filter_set_name (pdf, _("PDF document"));
  gtk_file_filter_add_suffix (pdf, "pdf");
  gtk_file_filter_set_name (png, _("PNG image"));
  gtk_file_filter_add_suffix (png, "png");

  /* Through the portal inside the Flatpak. */
  dialog = gtk_file_chooser_native_new (_("Export a Report"), self->window, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), pdf);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), png);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_report_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static const GActionEntry view_actions[] = {
  { "go", go_to_view_action, "s" },
  { "delete", delete_view_action, "s" },
  { "save", save_view_action },
  { "export-report", export_report_action },
};

void
vigie_meeting_setup_views (VigieMeeting *self,
                           AdwHeaderBar *header_bar)
{
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), view_actions, G_N_ELEMENTS (view_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self->window), "views", G_ACTION_GROUP (self->actions));

  self->views_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->views_button), "starred-symbolic");
  /* Named from its tooltip, as the header bar's other buttons
   * (vigie-a11y.c). */
  gtk_widget_set_tooltip_text (self->views_button, _("Saved Views"));
  adw_header_bar_pack_end (header_bar, self->views_button);

  g_signal_connect_object (vigie_context_get_settings (self->context), "changed::saved-views",
                           G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::profile", G_CALLBACK (load_views), self, G_CONNECT_SWAPPED);
  load_views (self);
}

/*
 * Public API
 */

/**
 * vigie_meeting_save_view:
 * @self: a #VigieMeeting
 * @name: the view's name
 *
 * Saves the map's view as @name, with the layers shown and their
 * filters, in turn in the meeting mode; a view of that name is replaced.
 */
void
vigie_meeting_save_view (VigieMeeting *self,
                         const char   *name)
{
  ShumateViewport *viewport;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  VigieSavedView *view;

  g_return_if_fail (VIGIE_IS_MEETING (self));
  g_return_if_fail (name != NULL && name[0] != '\0');

  viewport = shumate_simple_map_get_viewport (self->simple_map);
  layers = vigie_meeting_list_layers (self);
  shown = g_ptr_array_new ();
  for (guint i = 0; i < layers->len; i++)
    if (gtk_widget_get_visible (g_ptr_array_index (layers, i)))
      g_ptr_array_add (shown, (gpointer) vigie_feed_get_id (vigie_map_layer_get_feed (g_ptr_array_index (layers, i))));
  g_ptr_array_add (shown, NULL);

  view = vigie_saved_view_new (name,
                               shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                               shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                               shumate_viewport_get_zoom_level (viewport),
                               (const char * const *) shown->pdata, TRUE);
  /* And the layers' filters (issue 16: "layers on, filters"). */
  for (guint i = 0; i < layers->len; i++)
    {
      VigieMapLayer *layer = g_ptr_array_index (layers, i);

      vigie_saved_view_set_filter (view, vigie_feed_get_id (vigie_map_layer_get_feed (layer)),
                                   vigie_map_layer_get_filter (layer));
    }
  vigie_saved_views_put (self->views, view);
  save_views (self);
}

/**
 * vigie_meeting_render_report:
 * @self: a #VigieMeeting
 * @format: PDF or PNG
 * @error: a failure
 *
 * A one-page report of the map as shown, the city's figures, today's
 * charts, the time and the sources.
 *
 * Returns: (transfer full): its bytes, or %NULL
 */
GBytes *
vigie_meeting_render_report (VigieMeeting      *self,
                             VigieReportFormat  format,
                             GError           **error)
{
  VigieProfile *profile;
  VigieFeedManager *manager;
  g_autoptr(GPtrArray) feeds = g_ptr_array_new ();
  g_autoptr(GDateTime) now = vigie_clock_new_now_local ();
  VigieReportInput input = { 0, };

  g_return_val_if_fail (VIGIE_IS_MEETING (self), NULL);

  profile = vigie_context_get_profile (self->context);
  manager = vigie_context_get_feed_manager (self->context);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (manager)); i++)
    {
      g_autoptr(VigieFeed) feed = g_list_model_get_item (G_LIST_MODEL (manager), i);

      if (vigie_feed_get_enabled (feed))
        g_ptr_array_add (feeds, (gpointer) vigie_feed_get_name (feed));
    }
  g_ptr_array_add (feeds, NULL);

  /* The map and its layers without the buttons around them (a page has
   * nothing to press); the licence is in the page's sources. */
  input.map = GTK_WIDGET (shumate_simple_map_get_map (self->simple_map));
  input.figures = vigie_meeting_panel_get_figures (VIGIE_MEETING_PANEL (self->panel));
  input.city = profile != NULL ? vigie_profile_get_name (profile) : NULL;
  input.simulated = profile != NULL && vigie_profile_get_simulated (profile);
  input.feeds = (const char * const *) feeds->pdata;
  input.time = now;
  /* The charts as the meeting shows them, today beside a typical day. */
  for (guint m = 0; m < VIGIE_N_MEASURES; m++)
    input.typical[m] = vigie_charts_strip_get_typical (VIGIE_CHARTS_STRIP (self->charts), m, &input.typical_weeks[m]);

  return vigie_report_render (&input, format, error);
}
