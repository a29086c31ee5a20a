/* vigie-meeting.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-meeting"

#include "config.h"

#include "vigie-charts-strip.h"
#include "vigie-feed.h"
#include "vigie-map-layer.h"
#include "vigie-meeting-panel.h"
#include "vigie-meeting-private.h"
#include "vigie-profile.h"

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

const char *
vigie_meeting_profile_id (VigieMeeting *self)
{
  VigieProfile *profile = vigie_context_get_profile (self->context);

  return profile != NULL ? vigie_profile_get_id (profile) : "";
}

/* The map's layers of feeds, for the views' "layers on". */
GPtrArray *
vigie_meeting_list_layers (VigieMeeting *self)
{
  ShumateMap *map = shumate_simple_map_get_map (self->simple_map);
  GPtrArray *layers = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (map)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (VIGIE_IS_MAP_LAYER (child) && vigie_map_layer_get_feed (VIGIE_MAP_LAYER (child)) != NULL)
      g_ptr_array_add (layers, child);

  return layers;
}

void
vigie_meeting_show_view (VigieMeeting         *self,
                         const VigieSavedView *view)
{
  ShumateMap *map = shumate_simple_map_get_map (self->simple_map);
  g_autoptr(GPtrArray) layers = vigie_meeting_list_layers (self);

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
      /* A view saved without filters shows its layers whole. */
      vigie_map_layer_set_filter (VIGIE_MAP_LAYER (layer), vigie_saved_view_get_filter (view, vigie_feed_get_id (feed)));
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

  g_autoptr(GPtrArray) layers = vigie_meeting_list_layers (self);

  /* A layer that came since (vigie --meeting opens before the feeds'
   * first data) takes the view's choice too. */
  if (vigie_rotation_tick (&self->rotation, self->clock (self->clock_data)) || layers->len != self->n_layers)
    vigie_meeting_show_view (self, g_ptr_array_index (self->rotating, self->rotation.index));
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
  vigie_meeting_show_view (self, g_ptr_array_index (self->rotating, 0));
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
      vigie_meeting_show_view (self, g_ptr_array_index (self->rotating, self->rotation.index));
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
    g_autoptr(GPtrArray) layers = vigie_meeting_list_layers (self);

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
  g_autoptr(GPtrArray) layers = vigie_meeting_list_layers (self);

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
  /* Beside today, a typical day of the same weekday from the history. */
  vigie_charts_strip_set_history (VIGIE_CHARTS_STRIP (self->charts), vigie_context_get_history (context),
                                  vigie_context_get_feed_manager (context));
  g_signal_connect_object (self->panel, "notify::width-request", G_CALLBACK (on_panel_resized_cb), self, G_CONNECT_SWAPPED);
  on_panel_resized_cb (self);

  vigie_meeting_setup_views (self, header_bar);

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
 * vigie_meeting_add_chrome:
 * @self: a #VigieMeeting
 * @widget: an operator's tool the meeting hides, made after the meeting
 *   (owned by the window)
 *
 * Adds @widget to what the meeting mode hides and shows again.
 */
void
vigie_meeting_add_chrome (VigieMeeting *self,
                          GtkWidget    *widget)
{
  gboolean visible;

  g_return_if_fail (VIGIE_IS_MEETING (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_ptr_array_add (self->chrome, widget);
  if (!vigie_meeting_get_active (self))
    return;

  /* Met during a meeting: hidden now, as the others were. */
  visible = gtk_widget_get_visible (widget);
  g_array_append_val (self->chrome_was_visible, visible);
  gtk_widget_set_visible (widget, FALSE);
}
