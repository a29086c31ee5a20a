/* vigie-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-a11y.h"
#include "vigie-window-alerts.h"
#include "vigie-window-filters.h"
#include "vigie-window-list.h"
#include "vigie-window-search.h"
#include "vigie-base-map.h"
#include "vigie-feed-row.h"
#include "vigie-frame-log.h"
#include "vigie-map-export.h"
#include "vigie-feed-summary.h"
#include "vigie-layer-manager.h"
#include "vigie-layers-panel.h"
#include "vigie-map-keys.h"
#include "vigie-map-layer.h"
#include "vigie-map-legend.h"
#include "vigie-style.h"
#include "vigie-map-view.h"
#include "vigie-meeting.h"
#include "vigie-replay-bar.h"
#include "vigie-toast.h"
#include "vigie-window-private.h"


G_DEFINE_FINAL_TYPE (VigieWindow, vigie_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SIDEBAR_VISIBLE,
  PROP_MAP_LEGEND_VISIBLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];


/*
 * Window state
 */

/* The default size (or one saved on a bigger screen) may not fit this
 * screen: a 1366×768 laptop has no room for 1280×800 and its panels. The
 * window is not realized yet, so the display's first monitor stands for
 * the one it will open on. */
static void
fit_screen (VigieWindow *self,
            int         *width,
            int         *height)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GListModel *monitors = display ? gdk_display_get_monitors (display) : NULL;
  g_autoptr(GdkMonitor) monitor = NULL;
  GdkRectangle geometry;

  if (monitors == NULL || g_list_model_get_n_items (monitors) == 0)
    return;

  monitor = g_list_model_get_item (monitors, 0);
  gdk_monitor_get_geometry (monitor, &geometry);
  vigie_window_size_fit (width, height, geometry.width, geometry.height);
}

static void
restore_state (VigieWindow *self)
{
  GSettings *settings = vigie_context_get_settings (self->context);
  ShumateMap *map = shumate_simple_map_get_map (self->simple_map);
  VigieMapView view;

  int width = g_settings_get_int (settings, "window-width");
  int height = g_settings_get_int (settings, "window-height");

  fit_screen (self, &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  view = vigie_map_view_sanitize ((VigieMapView) {
                                    .latitude = g_settings_get_double (settings, "map-latitude"),
                                    .longitude = g_settings_get_double (settings, "map-longitude"),
                                    .zoom = g_settings_get_double (settings, "map-zoom"),
                                  },
                                  (VigieMapView) { HOME_LATITUDE, HOME_LONGITUDE, HOME_ZOOM });

  shumate_viewport_set_zoom_level (shumate_map_get_viewport (map), view.zoom);
  shumate_map_center_on (map, view.latitude, view.longitude);

  {
    g_autoptr(GVariant) saved_zoom = g_settings_get_user_value (settings, "map-zoom");

    self->view_chosen = saved_zoom != NULL;
  }
}

static void
save_state (VigieWindow *self)
{
  GSettings *settings = vigie_context_get_settings (self->context);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->simple_map);
  gboolean maximized;
  int width, height;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (settings);
  g_settings_set_boolean (settings, "window-maximized", maximized);
  if (!maximized && width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_set_double (settings, "map-latitude",
                         shumate_location_get_latitude (SHUMATE_LOCATION (viewport)));
  g_settings_set_double (settings, "map-longitude",
                         shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  g_settings_set_double (settings, "map-zoom",
                         shumate_viewport_get_zoom_level (viewport));
  g_settings_apply (settings);
}

/*
 * Map and layers
 */

/* The map's top left corner (the offline chip, the legend) goes under
 * the replay bar where the two would overlap: its button or its banner,
 * centred at the top, covered the chip at 1366 px. */
static gboolean
place_map_corner_cb (GtkOverlay   *overlay,
                     GtkWidget    *widget,
                     GdkRectangle *allocation,
                     VigieWindow  *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (overlay));
  int height = gtk_widget_get_height (GTK_WIDGET (overlay));
  int corner_min, corner_width, corner_height, bar_width, bar_height, top = 0;

  if (widget != self->map_corner)
    return FALSE;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &corner_min, &corner_width, NULL, NULL);
  corner_width = MAX (corner_min, MIN (corner_width, width));
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, corner_width, NULL, &corner_height, NULL, NULL);

  if (self->replay_bar != NULL && gtk_widget_should_layout (self->replay_bar))
    {
      /* Out of a replay, only its button shows: the folded banner is as
       * wide as ever. */
      GtkWidget *shown = vigie_replay_bar_get_replaying (VIGIE_REPLAY_BAR (self->replay_bar)) ?
                         self->replay_bar : vigie_replay_bar_get_start_button (VIGIE_REPLAY_BAR (self->replay_bar));
      int shown_width;

      gtk_widget_measure (self->replay_bar, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &bar_width, NULL, NULL);
      bar_width = MIN (bar_width, width);
      gtk_widget_measure (shown, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &shown_width, NULL, NULL);
      shown_width = MIN (shown_width, width);
      gtk_widget_measure (self->replay_bar, GTK_ORIENTATION_VERTICAL, bar_width, NULL, &bar_height, NULL, NULL);
      if ((width - shown_width) / 2 < corner_width)
        top = bar_height;
    }

  *allocation = (GdkRectangle) { 0, top, corner_width, MAX (MIN (corner_height, height - top), 0) };
  return TRUE;
}

/* Each layer's first data fits the view to it (vigie-window-map.c). */
static gboolean
fit_to_data_cb (gpointer user_data)
{
  VigieWindow *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self->simple_map));
  int height = gtk_widget_get_height (GTK_WIDGET (self->simple_map));

  if (self->view_chosen)
    {
      self->fit_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* Not laid out yet: try again shortly. */
  if (width <= 0 || height <= 0)
    return G_SOURCE_CONTINUE;

  self->fit_id = 0;
  vigie_window_fit_to_data (self, width, height, TRUE);

  return G_SOURCE_REMOVE;
}

static void
on_layer_data_cb (VigieWindow *self,
                  guint        position,
                  guint        removed,
                  guint        added,
                  GListModel  *entities)
{
  if (self->view_chosen || added == 0 || g_object_get_data (G_OBJECT (entities), "vigie-window-fitted"))
    return;

  /* A layer's first data only: moving trams must not move the map. */
  g_object_set_data (G_OBJECT (entities), "vigie-window-fitted", GINT_TO_POINTER (TRUE));
  if (self->fit_id == 0)
    self->fit_id = g_timeout_add (100, fit_to_data_cb, self);
}

static void
on_layers_changed_cb (VigieWindow *self,
                      guint        position,
                      guint        removed,
                      guint        added,
                      GListModel  *layers)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(VigieMapLayer) layer = g_list_model_get_item (layers, i);
      GListModel *entities = vigie_map_layer_get_model (layer);

      if (entities == NULL)
        continue;

      g_signal_connect_object (entities, "items-changed", G_CALLBACK (on_layer_data_cb), self, G_CONNECT_SWAPPED);
      if (g_list_model_get_n_items (entities) > 0)
        on_layer_data_cb (self, 0, 0, g_list_model_get_n_items (entities), entities);
    }
}

static void
on_viewport_moved_cb (VigieWindow *self)
{
  if (!self->fitting && !self->view_chosen)
    {
      g_debug ("The operator moved the map");
      self->view_chosen = TRUE;
    }
}

/* The operator's thresholds and symbol size, from Preferences, on every
 * layer, the ones added later included. */
static void
apply_thresholds (VigieWindow *self)
{
  GListModel *layers = G_LIST_MODEL (self->layer_manager);
  VigieStyleThresholds thresholds;

  vigie_style_thresholds_load (&thresholds, vigie_context_get_settings (self->context));
  thresholds.scale *= vigie_meeting_get_symbol_scale (self->meeting);

  for (guint i = 0; i < g_list_model_get_n_items (layers); i++)
    {
      g_autoptr(VigieMapLayer) layer = g_list_model_get_item (layers, i);

      vigie_map_layer_set_thresholds (layer, &thresholds);
    }

  vigie_map_legend_update (self->map_legend);
}

static void
on_settings_changed_cb (VigieWindow *self,
                        const char  *key)
{
  static const char * const threshold_keys[] = {
    "station-nearly-empty", "station-nearly-full", "wifi-busy", "wifi-saturated",
    "parking-busy", "parking-saturated", "symbol-scale", NULL
  };

  if (g_strv_contains (threshold_keys, key))
    apply_thresholds (self);
  else if (g_str_equal (key, "base-map") || g_str_equal (key, "mbtiles-path"))
    vigie_window_update_base_map_row (self);
}

/*
 * Actions
 */

static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     VigieWindow     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  VigieProfile *profile = vigie_context_get_profile (self->context);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (!vigie_map_export_to_png_full (GTK_WIDGET (self->simple_map), self->layers_panel,
                                         profile ? vigie_profile_get_name (profile) : "Vigie",
                                         NULL, file, &error))
        adw_toast_overlay_add_toast (self->toast_overlay, vigie_toast_new_plain (error->message));
      else
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Map saved")));
    }

  g_object_unref (dialog);
}

static void
save_map_image_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M");
  g_autofree char *name = NULL;

  /* Translators: the default file name of a saved map; %s is a date. */
  name = g_strdup_printf (_("vigie-map-%s.png"), stamp);

  /* Through the portal inside the Flatpak: no file-system access needed. */
  dialog = gtk_file_chooser_native_new (_("Save Map as Image"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"),
                                        _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);

  vigie_map_keys_zoom_by (shumate_simple_map_get_map (self->simple_map),
                          g_str_equal (action_name, "win.zoom-in") ? 1.0 : -1.0);
}

static void
reset_view_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);

  /* Back to everything shown, as at the first start; to the city centre
   * when nothing is shown yet. */
  vigie_window_fit_to_data (self, gtk_widget_get_width (GTK_WIDGET (self->simple_map)),
               gtk_widget_get_height (GTK_WIDGET (self->simple_map)), FALSE);
}

static void
meeting_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);

  vigie_meeting_set_active (self->meeting, !vigie_meeting_get_active (self->meeting));
}

static void
refresh_all_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);

  vigie_feed_manager_refresh_all (vigie_context_get_feed_manager (self->context));
}

static void
show_feeds_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);

  vigie_window_set_sidebar_visible (self, TRUE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "feeds");
}

/*
 * Feeds and profiles
 */

static void
update_health (VigieWindow *self)
{
  VigieFeedManager *manager = vigie_context_get_feed_manager (self->context);
  g_autofree char *label = NULL;
  VigieHealthCount count;

  vigie_health_count (G_LIST_MODEL (manager), &count);
  label = vigie_health_count_label (&count);

  gtk_widget_set_visible (GTK_WIDGET (self->health_button), label != NULL);
  adw_button_content_set_label (self->health_content, label ? label : "");
  adw_button_content_set_icon_name (self->health_content,
                                    count.n_errors > 0 ? "dialog-warning-symbolic" : "alarm-symbolic");
  if (count.n_errors > 0)
    gtk_widget_remove_css_class (GTK_WIDGET (self->health_button), "stale");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->health_button), "stale");
}

static GtkWidget *
create_feed_row (gpointer item,
                 gpointer user_data)
{
  VigieWindow *self = user_data;

  return vigie_feed_row_new (item, vigie_context_get_feed_manager (self->context));
}

static void
update_title (VigieWindow *self)
{
  VigieProfile *profile = vigie_context_get_profile (self->context);
  gboolean simulated = profile != NULL && vigie_profile_get_simulated (profile);

  if (profile != NULL)
    adw_window_title_set_subtitle (self->window_title, vigie_profile_get_name (profile));
  else
    adw_window_title_set_subtitle (self->window_title, _("No city profile"));

  gtk_revealer_set_reveal_child (self->demo_banner, simulated);
}

static void
use_profile_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VigieWindow *self = VIGIE_WINDOW (widget);
  const char *profile_id = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;

  if (!vigie_context_load_profile (self->context, profile_id, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, vigie_toast_new_plain (error->message));
      return;
    }

  g_settings_set_string (vigie_context_get_settings (self->context), "profile", profile_id);
}

/*
 * Overrides
 */

static gboolean
vigie_window_close_request (GtkWindow *window)
{
  save_state (VIGIE_WINDOW (window));

  return GTK_WINDOW_CLASS (vigie_window_parent_class)->close_request (window);
}

static void
vigie_window_constructed (GObject *object)
{
  VigieWindow *self = (VigieWindow *)object;
  GSettings *settings;
  GtkWidget *replay_bar;

  G_OBJECT_CLASS (vigie_window_parent_class)->constructed (object);

  g_assert (VIGIE_IS_CONTEXT (self->context));

  settings = vigie_context_get_settings (self->context);
  g_settings_bind (settings, "map-legend-visible", self, "map-legend-visible", G_SETTINGS_BIND_DEFAULT);

  /* The flap hides itself when the window folds: only the operator's own
   * choice, made unfolded, is remembered. */
  vigie_window_set_sidebar_visible (self, g_settings_get_boolean (settings, "sidebar-visible"));
  g_object_bind_property (self, "sidebar-visible", self->flap, "reveal-flap",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  g_signal_connect_object (self->context, "notify::profile",
                           G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  update_title (self);

  /* Ticks every few seconds and list changes: failures show within 5 s. */
  g_signal_connect_object (vigie_context_get_feed_manager (self->context), "tick",
                           G_CALLBACK (update_health), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vigie_context_get_feed_manager (self->context), "items-changed",
                           G_CALLBACK (update_health), self, G_CONNECT_SWAPPED);
  update_health (self);

  gtk_list_box_bind_model (self->feeds_list,
                           G_LIST_MODEL (vigie_context_get_feed_manager (self->context)),
                           create_feed_row, self, NULL);

  vigie_window_setup_map (self);
  restore_state (self);

  /* Full screen for a meeting room, without the operator's tools. */
  {
    GtkWidget *chrome[] = { GTK_WIDGET (self->header_bar), GTK_WIDGET (self->demo_banner), self->map_corner,
                            GTK_WIDGET (self->map_top), NULL };

    self->meeting = vigie_meeting_new (GTK_WINDOW (self), self->context, ADW_HEADER_BAR (self->header_bar), self->simple_map,
                                       self->map_overlay, self->flap, chrome);
    g_signal_connect_object (self->meeting, "notify::active", G_CALLBACK (apply_thresholds), self, G_CONNECT_SWAPPED);
  }

  /* One dense layer per feed, drawn over the base map, and their panel. */
  self->layer_manager = vigie_layer_manager_new (shumate_simple_map_get_map (self->simple_map),
                                                 vigie_context_get_feed_manager (self->context));
  self->layers_panel = vigie_layers_panel_new (G_LIST_MODEL (self->layer_manager));
  gtk_widget_set_vexpand (self->layers_panel, TRUE);
  gtk_box_append (self->layers_box, self->layers_panel);
  vigie_map_legend_set_layers (self->map_legend, G_LIST_MODEL (self->layer_manager));
  /* Replay of the last day, over the map (vigie-replay-bar.c). */
  replay_bar = vigie_replay_bar_new (vigie_context_get_history (self->context),
                                     G_LIST_MODEL (self->layer_manager));
  self->replay_bar = replay_bar;
  g_signal_connect_object (self->map_overlay, "get-child-position",
                           G_CALLBACK (place_map_corner_cb), self, 0);
  {
    gtk_overlay_add_overlay (GTK_OVERLAY (gtk_widget_get_parent (GTK_WIDGET (self->simple_map))), replay_bar);
    /* Its banner stays in a meeting (a replay is said); its button goes. */
    vigie_meeting_add_chrome (self->meeting, vigie_replay_bar_get_start_button (VIGIE_REPLAY_BAR (replay_bar)));
  }

  g_signal_connect_object (self->layer_manager, "items-changed",
                           G_CALLBACK (apply_thresholds), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->layer_manager, "items-changed",
                           G_CALLBACK (on_layers_changed_cb), self, G_CONNECT_SWAPPED);
  on_layers_changed_cb (self, 0, 0, g_list_model_get_n_items (G_LIST_MODEL (self->layer_manager)),
                        G_LIST_MODEL (self->layer_manager));
  {
    ShumateViewport *viewport = shumate_simple_map_get_viewport (self->simple_map);

    g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (on_viewport_moved_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (on_viewport_moved_cb), self, G_CONNECT_SWAPPED);
    g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (on_viewport_moved_cb), self, G_CONNECT_SWAPPED);
  }
  g_signal_connect_object (vigie_context_get_settings (self->context), "changed",
                           G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
  apply_thresholds (self);

  vigie_window_update_base_map_row (self);
  g_signal_connect_object (self->base_map_row, "notify::selected",
                           G_CALLBACK (vigie_window_on_base_map_selected_cb), self, G_CONNECT_SWAPPED);

  /* The Alerts tab and the count of alerts to acknowledge. */
  vigie_window_alerts_attach (self, self->header_bar, self->sidebar_stack);
  vigie_window_search_attach (self, self->header_bar);
  /* The figures strip and the filters over the map. */
  vigie_window_filters_attach (self, self->map_top, G_LIST_MODEL (self->layer_manager),
                               VIGIE_REPLAY_BAR (replay_bar));
  /* A layer's list beside the map (vigie-window-list.c). */
  vigie_window_list_attach (self);

  /* + and - zoom, arrows move the map; every focusable widget has a name. */
  vigie_map_keys_attach (shumate_simple_map_get_map (self->simple_map));
  vigie_a11y_name_widgets (GTK_WIDGET (self));
}

static void
vigie_window_dispose (GObject *object)
{
  VigieWindow *self = (VigieWindow *)object;

  g_clear_handle_id (&self->fit_id, g_source_remove);
  g_cancellable_cancel (self->fit_cancellable);
  g_clear_object (&self->fit_cancellable);
  g_clear_object (&self->meeting);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_WINDOW);
  g_clear_object (&self->layer_manager);
  g_clear_object (&self->base_map);

  G_OBJECT_CLASS (vigie_window_parent_class)->dispose (object);
}

static void
vigie_window_finalize (GObject *object)
{
  VigieWindow *self = (VigieWindow *)object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (vigie_window_parent_class)->finalize (object);
}

static void
vigie_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  VigieWindow *self = VIGIE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->sidebar_visible);
      break;

    case PROP_MAP_LEGEND_VISIBLE:
      g_value_set_boolean (value, self->map_legend_visible);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  VigieWindow *self = VIGIE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_SIDEBAR_VISIBLE:
      vigie_window_set_sidebar_visible (self, g_value_get_boolean (value));
      break;

    case PROP_MAP_LEGEND_VISIBLE:
      if (self->map_legend_visible != g_value_get_boolean (value))
        {
          self->map_legend_visible = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_window_class_init (VigieWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = vigie_window_constructed;
  object_class->dispose = vigie_window_dispose;
  object_class->finalize = vigie_window_finalize;
  object_class->get_property = vigie_window_get_property;
  object_class->set_property = vigie_window_set_property;

  window_class->close_request = vigie_window_close_request;

  properties [PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIGIE_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_MAP_LEGEND_VISIBLE] =
    g_param_spec_boolean ("map-legend-visible", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  g_type_ensure (VIGIE_TYPE_MAP_LEGEND);
  g_type_ensure (VIGIE_TYPE_FEED_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/vigie-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, simple_map);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, feeds_list);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, health_button);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, demo_banner);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, layers_box);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, base_map_row);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, mbtiles_row);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, health_content);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, offline_chip);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, map_legend);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, map_overlay);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, map_corner);
  gtk_widget_class_bind_template_child (widget_class, VigieWindow, map_top);

  gtk_widget_class_install_property_action (widget_class, "win.toggle-sidebar", "sidebar-visible");
  gtk_widget_class_install_property_action (widget_class, "win.toggle-map-legend", "map-legend-visible");
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.reset-view", NULL, reset_view_action);
  gtk_widget_class_install_action (widget_class, "win.meeting", NULL, meeting_action);
  gtk_widget_class_install_action (widget_class, "win.refresh-all", NULL, refresh_all_action);
  gtk_widget_class_install_action (widget_class, "win.show-feeds", NULL, show_feeds_action);
  gtk_widget_class_install_action (widget_class, "win.use-profile", "s", use_profile_action);
  gtk_widget_class_install_action (widget_class, "win.retry-base-map", NULL, vigie_window_retry_base_map_action);
  gtk_widget_class_install_action (widget_class, "win.save-map-image", NULL, save_map_image_action);
  gtk_widget_class_install_action (widget_class, "win.choose-mbtiles", NULL, vigie_window_choose_mbtiles_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.reset-view", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.meeting", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save-map-image", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.show-feeds", NULL);
}

static void
vigie_window_init (VigieWindow *self)
{
  self->sidebar_visible = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  vigie_frame_log_attach (GTK_WINDOW (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

/*
 * Public API
 */

VigieWindow *
vigie_window_new (VigieApplication *application,
                  VigieContext     *context)
{
  g_return_val_if_fail (!application || VIGIE_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (VIGIE_IS_CONTEXT (context), NULL);

  return g_object_new (VIGIE_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

VigieContext *
vigie_window_get_context (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);

  return self->context;
}

/**
 * vigie_window_get_map:
 * @self: a #VigieWindow
 *
 * Returns: (transfer none): the map that layers are added to
 */
ShumateMap *
vigie_window_get_map (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);

  return shumate_simple_map_get_map (self->simple_map);
}

gboolean
vigie_window_get_sidebar_visible (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), FALSE);

  return self->sidebar_visible;
}

void
vigie_window_set_sidebar_visible (VigieWindow *self,
                                  gboolean     sidebar_visible)
{
  g_return_if_fail (VIGIE_IS_WINDOW (self));

  sidebar_visible = !!sidebar_visible;

  if (self->sidebar_visible != sidebar_visible)
    {
      self->sidebar_visible = sidebar_visible;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SIDEBAR_VISIBLE]);
    }

  if (self->context != NULL && self->flap != NULL && !adw_flap_get_folded (self->flap))
    g_settings_set_boolean (vigie_context_get_settings (self->context), "sidebar-visible", sidebar_visible);
}

/**
 * vigie_window_get_meeting:
 * @self: a #VigieWindow
 *
 * Returns: (transfer none): the window's meeting mode
 */
VigieMeeting *
vigie_window_get_meeting (VigieWindow *self)
{
  g_return_val_if_fail (VIGIE_IS_WINDOW (self), NULL);

  return self->meeting;
}

/**
 * vigie_window_show_entity:
 * @self: a #VigieWindow
 * @feed_id: the feed that has it
 * @kind: its kind
 * @id: its id
 *
 * Centres the map on one thing, close enough to see it alone, and opens
 * its details: for an alert or a search result.
 *
 * Returns: %FALSE when it is not shown now (its feed or position gone)
 */
gboolean
vigie_window_show_entity (VigieWindow     *self,
                          const char      *feed_id,
                          VigieEntityKind  kind,
                          const char      *id)
{
  ShumateMap *map;
  VigieFeed *feed;
  VigieMapLayer *layer;
  VigieEntity *entity;

  g_return_val_if_fail (VIGIE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (feed_id != NULL && id != NULL, FALSE);

  feed = vigie_feed_manager_lookup (vigie_context_get_feed_manager (self->context), feed_id);
  layer = feed ? vigie_layer_manager_lookup (self->layer_manager, feed) : NULL;
  entity = feed ? vigie_store_lookup (vigie_feed_get_store (feed), kind, id) : NULL;
  if (layer == NULL || entity == NULL || !vigie_entity_has_position (entity))
    return FALSE;

  map = shumate_simple_map_get_map (self->simple_map);
  self->view_chosen = TRUE;
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (map),
                                   MAX (shumate_viewport_get_zoom_level (shumate_map_get_viewport (map)),
                                        VIGIE_MAP_LAYER_CLUSTER_MAX_ZOOM + 1));
  shumate_map_center_on (map, vigie_entity_get_latitude (entity), vigie_entity_get_longitude (entity));
  vigie_map_layer_select (layer, entity, TRUE);

  return TRUE;
}

/* Opens the sidebar at one of its tabs: "layers", "feeds", "alerts". */
void
vigie_window_show_sidebar_page (VigieWindow *self,
                                const char  *name)
{
  g_return_if_fail (VIGIE_IS_WINDOW (self));

  vigie_window_set_sidebar_visible (self, TRUE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, name);
}
