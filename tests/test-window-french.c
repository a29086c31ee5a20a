/* test-window-french.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "vigie-figures.h"
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

static int
natural_width (const char *text,
               const char *css_class)
{
  g_autoptr(GtkWidget) label = g_object_ref_sink (gtk_label_new (text));
  int natural;

  gtk_widget_add_css_class (label, css_class);
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* The strip over the map gives each figure at least its own width, the
 * words under it counted at most 12 characters: what "on time" means
 * stays whole only as long as it is no wider than its figure. The long
 * form lost "5 min de retard" at 1366 px. */
static void
test_french_on_time_whole (void)
{
  VigieFigures by_kind[VIGIE_N_FEED_KINDS] = { 0 };
  g_autoptr(GPtrArray) figures = NULL;
  VigieStripFigure *trams;

  by_kind[VIGIE_FEED_KIND_TRAMS] = (VigieFigures) { .n_transit = 14, .n_timed = 14, .n_on_time = 12 };
  figures = vigie_figures_strip (by_kind);
  g_assert_cmpuint (figures->len, ==, 1);
  trams = g_ptr_array_index (figures, 0);
  g_assert_cmpstr (trams->text, ==, "14 trams · 86\u202f% à l’heure");
  g_assert_nonnull (strstr (trams->caption, "−1"));
  g_assert_nonnull (strstr (trams->caption, "+5"));
  g_assert_cmpint (natural_width (trams->caption, "caption"), <=, natural_width (trams->text, "heading"));
}

/* Under "Parking: 8 % occupied", what it counts: at 1366 px "whole city,
 * 15 car parks and zones" was wider than its figure and lost its end in
 * English. The caption stays no wider than the figure, in French and in
 * English, with a one-digit share, the narrowest. */
static void
test_parking_caption_whole (void)
{
  static const char *languages[] = { "fr", "en" };
  VigieFigures by_kind[VIGIE_N_FEED_KINDS] = { 0 };

  by_kind[VIGIE_FEED_KIND_PARKING] = (VigieFigures) { .n_car_parks = 11, .car_park_spots = 1000, .car_park_occupied = 80,
                                                      .n_zones = 4, .zone_spots = 0, .zone_occupied = 0 };
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(GPtrArray) figures = NULL;
      VigieStripFigure *parking;
      int caption_width, text_width;

      /* gettext reads LANGUAGE again once the locale is set again. */
      g_setenv ("LANGUAGE", languages[i], TRUE);
      setlocale (LC_ALL, "");
      figures = vigie_figures_strip (by_kind);
      g_assert_cmpuint (figures->len, ==, 1);
      parking = g_ptr_array_index (figures, 0);
      caption_width = natural_width (parking->caption, "caption");
      text_width = natural_width (parking->text, "heading");
      g_test_message ("%s: %s (%d px) under %s (%d px)", languages[i], parking->caption, caption_width,
                      parking->text, text_width);
      g_assert_nonnull (strstr (parking->caption, "15"));
      g_assert_cmpint (caption_width, <=, text_width);
    }
  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "");
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
  g_test_add_func ("/window-french/on-time-whole", test_french_on_time_whole);
  g_test_add_func ("/window-french/parking-caption-whole", test_parking_caption_whole);

  return g_test_run ();
}
