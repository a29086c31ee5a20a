/* test-window-french.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "vigie-test-ui.h"

/* The window as a French control room reads it: no English left in what
 * the libraries under it bring. Messages from the catalogue meson built
 * under po/; tiles and the one Wi-Fi feed from a VigieTestTileServer on
 * loopback. */

static gboolean
is_icon_button (GtkWidget     *widget,
                gconstpointer  icon_name)
{
  GtkWidget *image;

  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  image = gtk_button_get_child (GTK_BUTTON (widget));
  return GTK_IS_IMAGE (image) && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (image)), icon_name) == 0;
}

/* libshumate 1.0's zoom buttons say "Zoom In" and "Zoom Out" in every
 * language: the tooltip an operator sees over the map. */
static void
test_french_zoom_buttons (VigieTestWindow *fixture,
                          gconstpointer    data)
{
  g_autofree char *path = vigie_test_use_wifi_profile (fixture->settings, &fixture->tiles, "/wifi.json");
  VigieWindow *window = vigie_test_window_open (fixture, "French");
  GtkWidget *map = vigie_test_find_descendant (GTK_WIDGET (window), SHUMATE_TYPE_SIMPLE_MAP);
  GtkWidget *zoom_in = vigie_test_find_widget (map, is_icon_button, "zoom-in-symbolic");
  GtkWidget *zoom_out = vigie_test_find_widget (map, is_icon_button, "zoom-out-symbolic");

  g_assert_nonnull (zoom_in);
  g_assert_nonnull (zoom_out);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (zoom_in), ==, "Zoom avant");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (zoom_out), ==, "Zoom arrière");

  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  /* French messages in any locale but C itself, as LANGUAGE=fr does for
   * the app. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  vigie_test_bind_catalogue ();

  if (!vigie_test_init_window_test (&argc, &argv, "French window"))
    return 77;

  vigie_test_add_window ("/window-french/zoom-buttons", test_french_zoom_buttons);

  return g_test_run ();
}
