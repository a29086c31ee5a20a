/* vigie-meeting.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-meeting"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-charts-strip.h"
#include "vigie-clock.h"
#include "vigie-feed.h"
#include "vigie-map-layer.h"
#include "vigie-profile.h"
#include "vigie-report.h"
#include "vigie-meeting-panel.h"
#include "vigie-meeting.h"
#include "vigie-rotation.h"
#include "vigie-saved-views.h"

/* The meeting mode: the window full screen for a room that looks at it
 * from 4 metres, without what only the operator needs (header bar,
 * sidebar, banner, map buttons), the map's symbols and names larger, and
 * the city's figures beside it. Esc or F11 leave it. The views the
 * operator saved (the header bar's Views menu) turn like a dashboard's
 * playlist: Space pauses, the arrows go to the next or previous one. The
 * window owns this object and hands it the widgets to hide; it touches
 * nothing else. */

/* How often the rotation's mark moves. */
#define TICK_MS 250

/* A window manager takes a moment to make the window full screen. */
#define FIT_DELAY_MS 400

struct _VigieMeeting
{
  GObject           parent_instance;

  GtkWindow        *window;       /* unowned: it owns us */
  VigieContext     *context;
  GtkWidget        *views_button;
  GSimpleActionGroup *actions;
  GPtrArray        *views;        /* VigieSavedView of the profile shown */
  GPtrArray        *rotating;     /* copies of those turning now */
  VigieRotation     rotation;
  guint             tick_id;
  guint             n_layers;     /* when the view was last shown */
  GHashTable       *layers_were_visible;  /* VigieMapLayer → visible */
  VigieMeetingClock clock;
  gpointer          clock_data;
  ShumateSimpleMap *simple_map;
  GtkOverlay       *overlay;
  AdwFlap          *flap;
  GPtrArray        *chrome;       /* GtkWidget, unowned */
  GArray           *chrome_was_visible;
  GtkWidget        *panel;
  GtkWidget        *charts;
  GBinding         *charts_margin_binding;
  GBinding         *charts_height_binding;
  GtkEventController *keys;
  GBinding         *margin_binding;
  guint             fit_id;
  double            latitude;     /* the operator's view, for after */
  double            longitude;
  double            zoom;
  gboolean          active;
  gboolean          was_fullscreen;
  gboolean          zoom_buttons_were_shown;
};

G_DEFINE_FINAL_TYPE (VigieMeeting, vigie_meeting, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static gint64
monotonic_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static const char *
profile_id (VigieMeeting *self)
{
  VigieProfile *profile = vigie_context_get_profile (self->context);

  return profile != NULL ? vigie_profile_get_id (profile) : "";
}

/* The map's layers of feeds, for the views' "layers on". */
static GPtrArray *
list_layers (VigieMeeting *self)
{
  ShumateMap *map = shumate_simple_map_get_map (self->simple_map);
  GPtrArray *layers = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (map)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (VIGIE_IS_MAP_LAYER (child) && vigie_map_layer_get_feed (VIGIE_MAP_LAYER (child)) != NULL)
      g_ptr_array_add (layers, child);

  return layers;
}

static void
show_view (VigieMeeting         *self,
           const VigieSavedView *view)
{
  ShumateMap *map = shumate_simple_map_get_map (self->simple_map);
  g_autoptr(GPtrArray) layers = list_layers (self);

  self->n_layers = layers->len;

  shumate_viewport_set_zoom_level (shumate_map_get_viewport (map), view->zoom);
  shumate_map_center_on (map, view->latitude, view->longitude);

  /* A view of other feeds than those shown (another profile's, edited)
   * leaves the layers as they are rather than hide them all. */
  if (view->layers[0] != NULL)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < layers->len && !known; i++)
        known = vigie_saved_view_shows_layer (view, vigie_feed_get_id (vigie_map_layer_get_feed (g_ptr_array_index (layers, i))));
      if (!known)
        return;
    }

  for (guint i = 0; i < layers->len; i++)
    {
      GtkWidget *layer = g_ptr_array_index (layers, i);
      VigieFeed *feed = vigie_map_layer_get_feed (VIGIE_MAP_LAYER (layer));

      gtk_widget_set_visible (layer, vigie_saved_view_shows_layer (view, vigie_feed_get_id (feed)));
    }
}

static void
update_progress (VigieMeeting *self)
{
  VigieMeetingPanel *panel = VIGIE_MEETING_PANEL (self->panel);
  gint64 now = self->clock (self->clock_data);
  VigieSavedView *view;

  if (self->rotating == NULL || self->rotating->len == 0)
    {
      vigie_meeting_panel_set_view (panel, NULL, 0, FALSE);
      return;
    }

  view = g_ptr_array_index (self->rotating, self->rotation.index);
  vigie_meeting_panel_set_view (panel, view->name,
                                self->rotating->len > 1 ? vigie_rotation_get_progress (&self->rotation, now) : 0,
                                vigie_rotation_get_paused (&self->rotation));
}

static gboolean
tick_cb (gpointer user_data)
{
  VigieMeeting *self = user_data;

  g_autoptr(GPtrArray) layers = list_layers (self);

  /* A layer that came since (vigie --meeting opens before the feeds'
   * first data) takes the view's choice too. */
  if (vigie_rotation_tick (&self->rotation, self->clock (self->clock_data)) || layers->len != self->n_layers)
    show_view (self, g_ptr_array_index (self->rotating, self->rotation.index));
  update_progress (self);

  return G_SOURCE_CONTINUE;
}

static void
start_rotation (VigieMeeting *self)
{
  GSettings *settings = vigie_context_get_settings (self->context);
  gint64 interval_us = (gint64) g_settings_get_uint (settings, "meeting-interval") * G_USEC_PER_SEC;

  g_clear_pointer (&self->rotating, g_ptr_array_unref);
  self->rotating = vigie_saved_views_rotating (self->views);
  if (self->rotating->len == 0)
    return;

  vigie_rotation_start (&self->rotation, self->rotating->len, interval_us, self->clock (self->clock_data));
  show_view (self, g_ptr_array_index (self->rotating, 0));
  update_progress (self);
  self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
}

static void
stop_rotation (VigieMeeting *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_pointer (&self->rotating, g_ptr_array_unref);
  update_progress (self);
}

static gboolean
rotation_key_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  VigieMeeting *self = user_data;
  int delta = g_variant_get_int32 (args);
  gint64 now = self->clock (self->clock_data);

  /* Without views turning, the keys are the map's. */
  if (self->rotating == NULL || self->rotating->len == 0)
    return FALSE;

  if (delta == 0)
    {
      vigie_rotation_set_paused (&self->rotation, !vigie_rotation_get_paused (&self->rotation), now);
    }
  else
    {
      vigie_rotation_step (&self->rotation, delta, now);
      show_view (self, g_ptr_array_index (self->rotating, self->rotation.index));
    }
  update_progress (self);

  return TRUE;
}

static void
add_rotation_key (GtkEventController *keys,
                  VigieMeeting       *self,
                  guint               keyval,
                  int                 delta)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, 0),
                                            gtk_callback_action_new (rotation_key_cb, self, NULL));

  gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 (delta));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), shortcut);
}

/*
 * Saved views
 */

static void rebuild_views_menu (VigieMeeting *self);

static void
save_views (VigieMeeting *self)
{
  vigie_saved_views_save (vigie_context_get_settings (self->context), profile_id (self), self->views);
}

static void
go_to_view_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  VigieMeeting *self = user_data;
  VigieSavedView *view = vigie_saved_views_find (self->views, g_variant_get_string (parameter, NULL));

  if (view != NULL)
    show_view (self, view);
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
  self->views = vigie_saved_views_load (vigie_context_get_settings (self->context), profile_id (self));
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

static void
setup_views (VigieMeeting *self,
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

/* The panel sized its text for the screen: the charts follow. */
static void
on_panel_resized_cb (VigieMeeting *self)
{
  double figure_px, label_px;

  vigie_meeting_panel_get_text_sizes (VIGIE_MEETING_PANEL (self->panel), &figure_px, &label_px);
  vigie_charts_strip_set_sizes (VIGIE_CHARTS_STRIP (self->charts), figure_px, label_px);
}

static gboolean
leave_cb (GtkWidget *widget,
          GVariant  *args,
          gpointer   user_data)
{
  vigie_meeting_set_active (user_data, FALSE);

  return TRUE;
}

/* The meeting's own keys, before the map's (whose arrows move it): only
 * while the mode is on. */
static GtkEventController *
create_keys (VigieMeeting *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_event_controller_set_name (keys, "vigie-meeting-keys");
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (leave_cb, self, NULL)));
  add_rotation_key (keys, self, GDK_KEY_space, 0);
  add_rotation_key (keys, self, GDK_KEY_Right, 1);
  add_rotation_key (keys, self, GDK_KEY_Page_Down, 1);
  add_rotation_key (keys, self, GDK_KEY_Left, -1);
  add_rotation_key (keys, self, GDK_KEY_Page_Up, -1);
  return keys;
}

/* Once the panel and full screen have their room: the whole city. */
static gboolean
fit_cb (gpointer user_data)
{
  VigieMeeting *self = user_data;

  self->fit_id = 0;
  gtk_widget_activate_action (GTK_WIDGET (self->window), "win.reset-view", NULL);

  return G_SOURCE_REMOVE;
}

static void
enter (VigieMeeting *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->simple_map);

  self->was_fullscreen = gtk_window_is_fullscreen (self->window);
  self->latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  self->longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  self->zoom = shumate_viewport_get_zoom_level (viewport);

  g_array_set_size (self->chrome_was_visible, 0);
  for (guint i = 0; i < self->chrome->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (self->chrome, i);
      gboolean visible = gtk_widget_get_visible (widget);

      g_array_append_val (self->chrome_was_visible, visible);
      gtk_widget_set_visible (widget, FALSE);
    }

  /* The sidebar is hidden, not folded away: the operator's choice of it
   * stays as it was for after the meeting. */
  gtk_widget_set_visible (adw_flap_get_flap (self->flap), FALSE);
  gtk_widget_set_visible (adw_flap_get_separator (self->flap), FALSE);

  self->zoom_buttons_were_shown = shumate_simple_map_get_show_zoom_buttons (self->simple_map);
  shumate_simple_map_set_show_zoom_buttons (self->simple_map, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->simple_map), "vigie-meeting-map");

  gtk_widget_set_visible (self->panel, TRUE);
  self->margin_binding = g_object_bind_property (self->panel, "width-request",
                                                 self->simple_map, "margin-end",
                                                 G_BINDING_SYNC_CREATE);
  /* Today's charts under the map, beside the figures. */
  gtk_widget_set_visible (self->charts, TRUE);
  self->charts_margin_binding = g_object_bind_property (self->panel, "width-request",
                                                        self->charts, "margin-end",
                                                        G_BINDING_SYNC_CREATE);
  self->charts_height_binding = g_object_bind_property (self->charts, "height-request",
                                                        self->simple_map, "margin-bottom",
                                                        G_BINDING_SYNC_CREATE);

  self->keys = create_keys (self);
  gtk_widget_add_controller (GTK_WIDGET (self->window), g_object_ref (self->keys));
  gtk_widget_add_css_class (GTK_WIDGET (self->window), "vigie-meeting");
  gtk_window_fullscreen (self->window);

  {
    g_autoptr(GPtrArray) layers = list_layers (self);

    g_hash_table_remove_all (self->layers_were_visible);
    for (guint i = 0; i < layers->len; i++)
      g_hash_table_insert (self->layers_were_visible, g_ptr_array_index (layers, i),
                           GINT_TO_POINTER (gtk_widget_get_visible (g_ptr_array_index (layers, i))));
  }

  /* The saved views in turn, or else the whole city. */
  start_rotation (self);
  if (self->rotating->len == 0)
    {
      g_clear_handle_id (&self->fit_id, g_source_remove);
      self->fit_id = g_timeout_add (FIT_DELAY_MS, fit_cb, self);
    }
}

static void
leave (VigieMeeting *self)
{
  ShumateMap *map = shumate_simple_map_get_map (self->simple_map);
  g_autoptr(GPtrArray) layers = list_layers (self);

  g_clear_handle_id (&self->fit_id, g_source_remove);
  stop_rotation (self);
  for (guint i = 0; i < layers->len; i++)
    {
      gpointer visible;

      if (g_hash_table_lookup_extended (self->layers_were_visible, g_ptr_array_index (layers, i), NULL, &visible))
        gtk_widget_set_visible (g_ptr_array_index (layers, i), GPOINTER_TO_INT (visible));
    }
  g_hash_table_remove_all (self->layers_were_visible);
  if (self->keys != NULL)
    {
      gtk_widget_remove_controller (GTK_WIDGET (self->window), self->keys);
      g_clear_object (&self->keys);
    }

  g_clear_pointer (&self->margin_binding, g_binding_unbind);
  g_clear_pointer (&self->charts_margin_binding, g_binding_unbind);
  g_clear_pointer (&self->charts_height_binding, g_binding_unbind);
  gtk_widget_set_margin_end (GTK_WIDGET (self->simple_map), 0);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->simple_map), 0);
  gtk_widget_set_visible (self->panel, FALSE);
  gtk_widget_set_visible (self->charts, FALSE);

  gtk_widget_remove_css_class (GTK_WIDGET (self->simple_map), "vigie-meeting-map");
  shumate_simple_map_set_show_zoom_buttons (self->simple_map, self->zoom_buttons_were_shown);

  gtk_widget_set_visible (adw_flap_get_flap (self->flap), TRUE);
  gtk_widget_set_visible (adw_flap_get_separator (self->flap), TRUE);
  for (guint i = 0; i < self->chrome->len && i < self->chrome_was_visible->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->chrome, i),
                            g_array_index (self->chrome_was_visible, gboolean, i));

  gtk_widget_remove_css_class (GTK_WIDGET (self->window), "vigie-meeting");
  if (!self->was_fullscreen)
    gtk_window_unfullscreen (self->window);

  /* Back to the operator's own view. */
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (map), self->zoom);
  shumate_map_center_on (map, self->latitude, self->longitude);
}

static void
vigie_meeting_dispose (GObject *object)
{
  VigieMeeting *self = (VigieMeeting *)object;

  g_clear_handle_id (&self->fit_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_pointer (&self->margin_binding, g_binding_unbind);
  g_clear_pointer (&self->charts_margin_binding, g_binding_unbind);
  g_clear_pointer (&self->charts_height_binding, g_binding_unbind);
  g_clear_object (&self->actions);
  g_clear_object (&self->keys);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (vigie_meeting_parent_class)->dispose (object);
}

static void
vigie_meeting_finalize (GObject *object)
{
  VigieMeeting *self = (VigieMeeting *)object;

  g_clear_pointer (&self->chrome, g_ptr_array_unref);
  g_clear_pointer (&self->chrome_was_visible, g_array_unref);
  g_clear_pointer (&self->views, g_ptr_array_unref);
  g_clear_pointer (&self->rotating, g_ptr_array_unref);
  g_clear_pointer (&self->layers_were_visible, g_hash_table_unref);

  G_OBJECT_CLASS (vigie_meeting_parent_class)->finalize (object);
}

static void
vigie_meeting_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VigieMeeting *self = VIGIE_MEETING (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_meeting_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VigieMeeting *self = VIGIE_MEETING (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      vigie_meeting_set_active (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_meeting_class_init (VigieMeetingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_meeting_dispose;
  object_class->finalize = vigie_meeting_finalize;
  object_class->get_property = vigie_meeting_get_property;
  object_class->set_property = vigie_meeting_set_property;

  properties [PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_meeting_init (VigieMeeting *self)
{
  self->chrome = g_ptr_array_new ();
  self->chrome_was_visible = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->layers_were_visible = g_hash_table_new (NULL, NULL);
  self->clock = monotonic_clock;
}

/**
 * vigie_meeting_new:
 * @window: the window, which owns the result
 * @context: the app's context
 * @header_bar: where the Views menu goes
 * @simple_map: the window's map
 * @overlay: the overlay over the map, where the figures go
 * @flap: the sidebar's flap
 * @chrome: (array zero-terminated=1): the other widgets to hide
 *
 * Returns: (transfer full): the window's meeting mode, off
 */
VigieMeeting *
vigie_meeting_new (GtkWindow         *window,
                   VigieContext      *context,
                   AdwHeaderBar      *header_bar,
                   ShumateSimpleMap  *simple_map,
                   GtkOverlay        *overlay,
                   AdwFlap           *flap,
                   GtkWidget * const *chrome)
{
  VigieMeeting *self;

  g_return_val_if_fail (GTK_IS_WINDOW (window), NULL);
  g_return_val_if_fail (VIGIE_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (SHUMATE_IS_SIMPLE_MAP (simple_map), NULL);
  g_return_val_if_fail (GTK_IS_OVERLAY (overlay), NULL);
  g_return_val_if_fail (ADW_IS_FLAP (flap), NULL);

  self = g_object_new (VIGIE_TYPE_MEETING, NULL);
  self->window = window;
  self->context = g_object_ref (context);
  self->simple_map = simple_map;
  self->overlay = overlay;
  self->flap = flap;
  for (guint i = 0; chrome != NULL && chrome[i] != NULL; i++)
    g_ptr_array_add (self->chrome, chrome[i]);

  /* Made now, so that its figures are counted from the first updates on,
   * shown only in the meeting. */
  self->panel = vigie_meeting_panel_new (context);
  gtk_widget_set_visible (self->panel, FALSE);
  gtk_widget_set_halign (self->panel, GTK_ALIGN_END);
  gtk_widget_set_valign (self->panel, GTK_ALIGN_FILL);
  gtk_overlay_add_overlay (overlay, self->panel);

  self->charts = vigie_charts_strip_new (vigie_meeting_panel_get_figures (VIGIE_MEETING_PANEL (self->panel)));
  gtk_widget_set_visible (self->charts, FALSE);
  gtk_widget_set_halign (self->charts, GTK_ALIGN_FILL);
  gtk_widget_set_valign (self->charts, GTK_ALIGN_END);
  gtk_overlay_add_overlay (overlay, self->charts);
  g_signal_connect_object (self->panel, "notify::width-request", G_CALLBACK (on_panel_resized_cb), self, G_CONNECT_SWAPPED);
  on_panel_resized_cb (self);

  setup_views (self, header_bar);

  return self;
}

gboolean
vigie_meeting_get_active (VigieMeeting *self)
{
  g_return_val_if_fail (VIGIE_IS_MEETING (self), FALSE);

  return self->active;
}

void
vigie_meeting_set_active (VigieMeeting *self,
                          gboolean      active)
{
  g_return_if_fail (VIGIE_IS_MEETING (self));

  active = !!active;
  if (self->active == active)
    return;

  self->active = active;
  if (active)
    enter (self);
  else
    leave (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACTIVE]);
}

/**
 * vigie_meeting_get_symbol_scale:
 * @self: a #VigieMeeting
 *
 * Returns: what the map's symbols are scaled by now, on top of the
 *   operator's own choice
 */
double
vigie_meeting_get_symbol_scale (VigieMeeting *self)
{
  g_return_val_if_fail (VIGIE_IS_MEETING (self), 1.0);

  return self->active ? VIGIE_MEETING_SYMBOL_SCALE : 1.0;
}

/**
 * vigie_meeting_get_panel:
 * @self: a #VigieMeeting
 *
 * Returns: (transfer none): the figures' panel
 */
GtkWidget *
vigie_meeting_get_panel (VigieMeeting *self)
{
  g_return_val_if_fail (VIGIE_IS_MEETING (self), NULL);

  return self->panel;
}

/**
 * vigie_meeting_set_clock:
 * @self: a #VigieMeeting
 * @clock: (nullable): the rotation's clock, or %NULL for the monotonic one
 * @user_data: given to @clock
 *
 * For the tests, which make time pass.
 */
void
vigie_meeting_set_clock (VigieMeeting      *self,
                         VigieMeetingClock  clock,
                         gpointer           user_data)
{
  g_return_if_fail (VIGIE_IS_MEETING (self));

  self->clock = clock != NULL ? clock : monotonic_clock;
  self->clock_data = user_data;
}

/**
 * vigie_meeting_get_view_name:
 * @self: a #VigieMeeting
 *
 * Returns: (nullable): the name of the saved view the meeting shows now,
 *   or %NULL when none turns
 */
const char *
vigie_meeting_get_view_name (VigieMeeting *self)
{
  g_return_val_if_fail (VIGIE_IS_MEETING (self), NULL);

  if (self->rotating == NULL || self->rotating->len == 0)
    return NULL;

  return ((VigieSavedView *) g_ptr_array_index (self->rotating, self->rotation.index))->name;
}

/**
 * vigie_meeting_save_view:
 * @self: a #VigieMeeting
 * @name: the view's name
 *
 * Saves the map's view as @name, with the layers shown, in turn in the
 * meeting mode; a view of that name is replaced.
 */
void
vigie_meeting_save_view (VigieMeeting *self,
                         const char   *name)
{
  ShumateViewport *viewport;
  g_autoptr(GPtrArray) layers = NULL;
  g_autoptr(GPtrArray) shown = NULL;

  g_return_if_fail (VIGIE_IS_MEETING (self));
  g_return_if_fail (name != NULL && name[0] != '\0');

  viewport = shumate_simple_map_get_viewport (self->simple_map);
  layers = list_layers (self);
  shown = g_ptr_array_new ();
  for (guint i = 0; i < layers->len; i++)
    if (gtk_widget_get_visible (g_ptr_array_index (layers, i)))
      g_ptr_array_add (shown, (gpointer) vigie_feed_get_id (vigie_map_layer_get_feed (g_ptr_array_index (layers, i))));
  g_ptr_array_add (shown, NULL);

  vigie_saved_views_put (self->views,
                         vigie_saved_view_new (name,
                                               shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                               shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                                               shumate_viewport_get_zoom_level (viewport),
                                               (const char * const *) shown->pdata, TRUE));
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

  return vigie_report_render (&input, format, error);
}
