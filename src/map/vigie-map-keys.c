/* vigie-map-keys.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-map-keys.h"

/* The map from the keyboard, once it has the focus: + and - zoom by a whole
 * level without Ctrl, the arrow keys move it. A layer with the focus keeps
 * the arrow keys to walk through its items; + and - still reach the map. */

/* Zooms @map by @step whole levels about its centre, from the nearest
 * whole level: libshumate's own steps are a fifth of a level, too fine
 * for a key. */
void
vigie_map_keys_zoom_by (ShumateMap *map,
                        double      step)
{
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  double zoom = round (shumate_viewport_get_zoom_level (viewport)) + step;

  zoom = CLAMP (zoom,
                shumate_viewport_get_min_zoom_level (viewport),
                shumate_viewport_get_max_zoom_level (viewport));
  shumate_map_go_to_full (map,
                          shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                          shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                          zoom);
}

static void
pan_by (ShumateMap *map,
        double      dx,
        double      dy)
{
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  double width = gtk_widget_get_width (GTK_WIDGET (map));
  double height = gtk_widget_get_height (GTK_WIDGET (map));
  double latitude, longitude;

  if (width <= 0 || height <= 0 || shumate_viewport_get_reference_map_source (viewport) == NULL)
    return;

  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (map),
                                              width / 2 + dx * width * VIGIE_MAP_KEYS_PAN_FRACTION,
                                              height / 2 + dy * height * VIGIE_MAP_KEYS_PAN_FRACTION,
                                              &latitude, &longitude);
  shumate_map_center_on (map, latitude, longitude);
}

/**
 * vigie_map_keys_handle:
 * @map: a map
 * @keyval: the key pressed
 * @state: its modifiers
 *
 * Returns: %TRUE if the key moved or zoomed @map
 */
gboolean
vigie_map_keys_handle (ShumateMap      *map,
                       guint            keyval,
                       GdkModifierType  state)
{
  g_return_val_if_fail (SHUMATE_IS_MAP (map), FALSE);

  /* With Ctrl they are the window's shortcuts, with Alt someone else's. */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      vigie_map_keys_zoom_by (map, 1);
      return TRUE;

    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      vigie_map_keys_zoom_by (map, -1);
      return TRUE;

    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      pan_by (map, -1, 0);
      return TRUE;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      pan_by (map, 1, 0);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      pan_by (map, 0, -1);
      return TRUE;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      pan_by (map, 0, 1);
      return TRUE;

    default:
      return FALSE;
    }
}

static gboolean
on_key_pressed_cb (ShumateMap            *map,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  return vigie_map_keys_handle (map, keyval, state) ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

/**
 * vigie_map_keys_attach:
 * @map: a map
 *
 * Makes @map take the focus, and move and zoom with the keys.
 */
void
vigie_map_keys_attach (ShumateMap *map)
{
  GtkEventController *keys;

  g_return_if_fail (SHUMATE_IS_MAP (map));

  keys = gtk_event_controller_key_new ();
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), map);
  gtk_widget_add_controller (GTK_WIDGET (map), keys);

  gtk_widget_set_focusable (GTK_WIDGET (map), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (map),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Arrow keys move the map; plus and minus zoom in and out"),
                                  -1);
}
