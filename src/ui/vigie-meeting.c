/* vigie-meeting.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-meeting"

#include "config.h"

#include "vigie-meeting-panel.h"
#include "vigie-meeting.h"

/* The meeting mode: the window full screen for a room that looks at it
 * from 4 metres, without what only the operator needs (header bar,
 * sidebar, banner, map buttons), the map's symbols and names larger, and
 * the city's figures beside it. Esc or F11 leave it. The window owns this
 * object and hands it the widgets to hide; it touches nothing else. */

/* A window manager takes a moment to make the window full screen. */
#define FIT_DELAY_MS 400

struct _VigieMeeting
{
  GObject           parent_instance;

  GtkWindow        *window;       /* unowned: it owns us */
  VigieContext     *context;
  ShumateSimpleMap *simple_map;
  GtkOverlay       *overlay;
  AdwFlap          *flap;
  GPtrArray        *chrome;       /* GtkWidget, unowned */
  GArray           *chrome_was_visible;
  GtkWidget        *panel;
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

  self->keys = create_keys (self);
  gtk_widget_add_controller (GTK_WIDGET (self->window), g_object_ref (self->keys));
  gtk_widget_add_css_class (GTK_WIDGET (self->window), "vigie-meeting");
  gtk_window_fullscreen (self->window);

  g_clear_handle_id (&self->fit_id, g_source_remove);
  self->fit_id = g_timeout_add (FIT_DELAY_MS, fit_cb, self);
}

static void
leave (VigieMeeting *self)
{
  ShumateMap *map = shumate_simple_map_get_map (self->simple_map);

  g_clear_handle_id (&self->fit_id, g_source_remove);
  if (self->keys != NULL)
    {
      gtk_widget_remove_controller (GTK_WIDGET (self->window), self->keys);
      g_clear_object (&self->keys);
    }

  g_clear_pointer (&self->margin_binding, g_binding_unbind);
  gtk_widget_set_margin_end (GTK_WIDGET (self->simple_map), 0);
  gtk_widget_set_visible (self->panel, FALSE);

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
  g_clear_pointer (&self->margin_binding, g_binding_unbind);
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
}

/**
 * vigie_meeting_new:
 * @window: the window, which owns the result
 * @context: the app's context
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
