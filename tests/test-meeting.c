/* test-meeting.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "vigie-application.h"
#include "vigie-charts-strip.h"
#include "vigie-day-chart.h"
#include "vigie-figure-tile.h"
#include "vigie-figures.h"
#include "vigie-map-layer.h"
#include "vigie-meeting-panel.h"
#include "vigie-meeting.h"
#include "vigie-saved-views.h"
#include "vigie-test-ui.h"
#include "vigie-typical-day.h"
#include "vigie-window.h"

/* The meeting mode of the real window: F11 enters it, the operator's
 * chrome goes, the figures show at sizes read from 4 metres, Esc leaves.
 * A Wi-Fi feed comes from the loopback tile server (its fixture: 49
 * clients at 3 places). */

static gboolean
has_meeting_keys (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "vigie-meeting-keys") == 0)
        return TRUE;
    }

  return FALSE;
}

static void
press (GtkWidget *window,
       guint      keyval)
{
  g_assert_true (vigie_test_activate_shortcut (window, keyval));
}

/* A label on screen whose text contains @text. */
static gboolean
is_shown_label (GtkWidget     *widget,
                gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static GtkWidget *
find_shown_label (GtkWidget  *widget,
                  const char *text)
{
  return vigie_test_find_widget (widget, is_shown_label, text);
}

static gboolean
is_tile (GtkWidget     *widget,
         gconstpointer  id)
{
  return VIGIE_IS_FIGURE_TILE (widget) && g_strcmp0 (vigie_figure_tile_get_id (VIGIE_FIGURE_TILE (widget)), id) == 0;
}

static VigieFigureTile *
find_tile (GtkWidget  *widget,
           const char *id)
{
  GtkWidget *tile = vigie_test_find_widget (widget, is_tile, id);

  return tile != NULL ? VIGIE_FIGURE_TILE (tile) : NULL;
}

static gboolean
tile_mapped (GtkWidget  *window,
             const char *id)
{
  VigieFigureTile *tile = find_tile (window, id);

  return tile != NULL && gtk_widget_get_mapped (GTK_WIDGET (tile));
}

/* The font size a label's text is set in, in pixels, from its own
 * attributes as Pango lays it out. */
static double
font_px (GtkLabel *label)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
  g_autoptr(PangoFontDescription) description = NULL;
  double px;

  g_assert_nonnull (run);
  description = pango_font_describe_with_absolute_size (run->item->analysis.font);
  px = pango_font_description_get_size (description) / (double) PANGO_SCALE;
  pango_layout_iter_free (iter);

  return px;
}

static int
monitor_height (GtkWidget *widget)
{
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));
  GdkMonitor *monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (widget), surface);
  GdkRectangle geometry;

  gdk_monitor_get_geometry (monitor, &geometry);
  return geometry.height;
}

/* A label's text on screen: its logical height, and the ink of its
 * glyphs, in pixels. */
static void
measure_text (GtkLabel *label,
              int      *logical_height,
              int      *ink_height)
{
  PangoRectangle ink, logical;

  pango_layout_get_pixel_extents (gtk_label_get_layout (label), &ink, &logical);
  *logical_height = logical.height;
  *ink_height = ink.height;
}

static void
use_wifi_profile (GSettings           *settings,
                  VigieTestTileServer *server)
{
  g_autofree char *path = NULL;

  path = vigie_test_use_profile (settings, "meeting",
                                 "[Profile]\nName=Meeting\nSimulated=true\n"
                                 "[Feed wifi]\nName=Wi-Fi de test\nKind=wifi\nFormat=wifi-geojson\nUrl=%s/wifi.json\n",
                                 server->base_url);
}

static void
test_meeting_enter_leave (VigieTestWindow *fixture,
                          gconstpointer    data)
{
  GtkWidget *replay_button;
  g_auto(GStrv) accels = NULL;
  VigieWindow *window;
  VigieMeeting *meeting;
  GtkWidget *header_bar, *flap, *sidebar, *panel;
  VigieFigureTile *tile;
  GtkLabel *figure, *words;
  double figure_min, label_min, figure_set, label_set;
  int logical, ink;
  g_autofree char *accessible = NULL;
  int height;

  use_wifi_profile (fixture->settings, &fixture->tiles);

  window = vigie_test_window_open (fixture, "Meeting");
  meeting = vigie_window_get_meeting (window);
  header_bar = vigie_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR);
  flap = vigie_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_FLAP);
  sidebar = adw_flap_get_flap (ADW_FLAP (flap));
  panel = vigie_meeting_get_panel (meeting);
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (header_bar) && gtk_widget_get_mapped (sidebar));
  g_assert_false (gtk_widget_get_mapped (panel));

  /* F11 is the meeting mode's key, in the menu's and the shortcuts
   * window's terms too. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture->app), "win.meeting");
  g_assert_true (g_strv_contains ((const char * const *) accels, "F11"));

  /* The figures are counted from the first update on, hidden or not. */
  VIGIE_TEST_WAIT_UNTIL (vigie_city_figures_get_n_feeds (vigie_meeting_panel_get_figures (VIGIE_MEETING_PANEL (panel))) == 1);

  /* The replay's button is the operator's too. */
  replay_button = gtk_widget_get_ancestor (vigie_test_find_label (GTK_WIDGET (window), "Replay the Last Day",
                                                                  VIGIE_TEST_LABEL_ANY),
                                           GTK_TYPE_BUTTON);
  g_assert_nonnull (replay_button);
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (replay_button));

  press (GTK_WIDGET (window), GDK_KEY_F11);
  g_assert_true (vigie_meeting_get_active (meeting));
  VIGIE_TEST_WAIT_UNTIL (!gtk_widget_get_mapped (header_bar) && !gtk_widget_get_mapped (sidebar) &&
                         tile_mapped (GTK_WIDGET (window), "wifi"));
  g_assert_false (gtk_widget_get_mapped (replay_button));
  g_assert_true (gtk_widget_get_mapped (panel));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "vigie-meeting"));
  g_assert_true (has_meeting_keys (GTK_WIDGET (window)));
  /* The map's symbols are larger. */
  g_assert_cmpfloat (vigie_meeting_get_symbol_scale (meeting), >, 1.0);

  /* The figure, set apart, in a sentence; the room is told the data is
   * simulated. */
  tile = find_tile (GTK_WIDGET (window), "wifi");
  figure = vigie_figure_tile_get_figure_label (tile);
  words = vigie_figure_tile_get_words_label (tile);
  g_assert_cmpstr (gtk_label_get_text (figure), ==, "49");
  g_assert_cmpstr (gtk_label_get_text (words), ==, "devices on the public Wi-Fi at 3 places");
  g_assert_nonnull (find_shown_label (panel, "Simulated data"));

  /* Read from 4 m: at 1080 lines figures of 48 px and words of 24 px at
   * least, the same share of a smaller screen; once the panel has seen
   * the screen. */
  height = monitor_height (GTK_WIDGET (window));
  figure_min = 48.0 * height / 1080.0;
  label_min = 24.0 * height / 1080.0;
  vigie_figures_text_sizes (height, &figure_set, &label_set);
  VIGIE_TEST_WAIT_UNTIL (font_px (figure) == figure_set && font_px (words) == label_set);
  vigie_meeting_panel_get_text_sizes (VIGIE_MEETING_PANEL (panel), &figure_set, &label_set);
  g_test_message ("screen height %d: figures %.0f px, words %.0f px", height, figure_set, label_set);
  g_assert_cmpfloat (font_px (figure), >=, figure_min);
  g_assert_cmpfloat (font_px (words), >=, label_min);
  measure_text (figure, &logical, &ink);
  g_test_message ("figure \"49\": line %d px, digits %d px high", logical, ink);
  g_assert_cmpint (logical, >=, figure_min);
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_height (GTK_WIDGET (figure)) >= figure_min);
  measure_text (words, &logical, &ink);
  g_test_message ("words: line %d px", logical);
  g_assert_cmpint (logical, >=, label_min);

  /* Today's charts under the map: the Wi-Fi one has its first point,
   * drawn in the figures' blue. */
  {
    GtkWidget *strip = vigie_test_find_descendant (GTK_WIDGET (window), VIGIE_TYPE_CHARTS_STRIP);
    VigieDaySeries *today = vigie_city_figures_get_today (vigie_meeting_panel_get_figures (VIGIE_MEETING_PANEL (panel)));
    GtkWidget *chart = NULL;
    g_autoptr(GdkTexture) texture = NULL;
    guint n_blue = 0;
    graphene_rect_t bounds;

    g_assert_nonnull (strip);
    /* Four figures high, its padding and border in. */
    VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (strip) && gtk_widget_compute_bounds (strip, strip, &bounds) &&
                           bounds.size.height == round (4 * figure_set));
    g_assert_cmpuint (vigie_day_series_count (today, VIGIE_MEASURE_WIFI), ==, 1);
    g_assert_cmpuint (vigie_day_series_count (today, VIGIE_MEASURE_BIKES), ==, 0);
    for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_first_child (strip)); w; w = gtk_widget_get_next_sibling (w))
      if (vigie_day_chart_get_measure (VIGIE_DAY_CHART (w)) == VIGIE_MEASURE_WIFI)
        chart = w;
    g_assert_nonnull (chart);
    VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_width (chart) > 100 && gtk_widget_get_height (chart) > 100);
    g_test_message ("Wi-Fi chart %d × %d", gtk_widget_get_width (chart), gtk_widget_get_height (chart));
    /* GTK draws nothing of a widget between a resize and its layout (the
     * clock beside it changes every second): drawn once laid out. */
    VIGIE_TEST_WAIT_UNTIL ((texture = vigie_test_render_widget (chart)) != NULL);
    for (int y = 0; y < gdk_texture_get_height (texture); y++)
      for (int x = 0; x < gdk_texture_get_width (texture); x++)
        {
          guint32 pixel = vigie_test_pixel_at (texture, x, y);

          /* 0xRRGGBBAA: the line's blue, not the text's grey. */
          if (((pixel >> 8) & 0xff) > 180 && (pixel >> 24) < 60 && (pixel & 0xff) > 200)
            n_blue++;
        }
    g_test_message ("%u blue pixels in the Wi-Fi chart", n_blue);
    g_assert_cmpuint (n_blue, >, 20);
  }

  /* Esc leaves: the chrome is back, the figures hidden. */
  press (GTK_WIDGET (window), GDK_KEY_Escape);
  g_assert_false (vigie_meeting_get_active (meeting));
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (header_bar) && gtk_widget_get_mapped (sidebar) &&
                         gtk_widget_get_mapped (replay_button));
  g_assert_false (gtk_widget_get_mapped (panel));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "vigie-meeting"));
  g_assert_cmpfloat (vigie_meeting_get_symbol_scale (meeting), ==, 1.0);
  /* Its keys are the meeting's only while it lasts. */
  g_assert_false (has_meeting_keys (GTK_WIDGET (window)));

  /* The header bar's button enters it too, and F11 leaves. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.meeting", NULL));
  VIGIE_TEST_WAIT_UNTIL (!gtk_widget_get_mapped (header_bar));
  press (GTK_WIDGET (window), GDK_KEY_F11);
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (header_bar));
}

static gint64 fake_now;

static gint64
fake_clock (gpointer user_data)
{
  return fake_now;
}

static void
assert_centre (VigieWindow *window,
               double       latitude,
               double       longitude)
{
  ShumateViewport *viewport = shumate_map_get_viewport (vigie_window_get_map (window));

  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), latitude, 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), longitude, 1e-6);
}

static void
centre_on (VigieWindow *window,
           double       latitude,
           double       longitude,
           double       zoom)
{
  ShumateMap *map = vigie_window_get_map (window);

  shumate_viewport_set_zoom_level (shumate_map_get_viewport (map), zoom);
  shumate_map_center_on (map, latitude, longitude);
}

static gboolean
view_is (VigieMeeting *meeting,
         const char   *name)
{
  return g_strcmp0 (vigie_meeting_get_view_name (meeting), name) == 0;
}

/* Saved views round-trip through the settings, and the meeting mode
 * turns through them on a clock the test drives. */
static void
test_meeting_rotation (VigieTestWindow *fixture,
                       gconstpointer    data)
{
  g_autoptr(GPtrArray) views = NULL;
  VigieSavedView *view;
  VigieWindow *window;
  VigieMeeting *meeting;
  GtkWidget *layer, *progress;

  use_wifi_profile (fixture->settings, &fixture->tiles);
  g_settings_set_uint (fixture->settings, "meeting-interval", 30);

  window = vigie_test_window_open (fixture, "Meeting");
  meeting = vigie_window_get_meeting (window);
  fake_now = 1000 * G_USEC_PER_SEC;
  vigie_meeting_set_clock (meeting, fake_clock, NULL);
  VIGIE_TEST_WAIT_UNTIL ((layer = vigie_test_find_descendant (GTK_WIDGET (vigie_window_get_map (window)),
                                                              VIGIE_TYPE_MAP_LAYER)) != NULL);

  /* Two views: the centre with the Wi-Fi layer, the station without. */
  centre_on (window, 47.7467, 7.3386, 16);
  vigie_meeting_save_view (meeting, "Centre-ville");
  centre_on (window, 47.7418, 7.3349, 17);
  gtk_widget_set_visible (layer, FALSE);
  vigie_meeting_save_view (meeting, "Gare");
  gtk_widget_set_visible (layer, TRUE);

  views = vigie_saved_views_load (fixture->settings, "meeting");
  g_assert_cmpuint (views->len, ==, 2);
  view = vigie_saved_views_find (views, "Centre-ville");
  g_assert_cmpfloat_with_epsilon (view->latitude, 47.7467, 1e-6);
  g_assert_cmpfloat_with_epsilon (view->zoom, 16, 1e-6);
  g_assert_true (vigie_saved_view_shows_layer (view, "wifi"));
  g_assert_true (view->rotate);
  g_assert_false (vigie_saved_view_shows_layer (vigie_saved_views_find (views, "Gare"), "wifi"));

  /* The operator's own view, for after the meeting. */
  centre_on (window, 47.75, 7.34, 14);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.meeting", NULL));
  g_assert_true (view_is (meeting, "Centre-ville"));
  assert_centre (window, 47.7467, 7.3386);
  g_assert_true (gtk_widget_get_visible (layer));
  progress = vigie_test_find_descendant (vigie_meeting_get_panel (meeting), GTK_TYPE_PROGRESS_BAR);
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (progress));

  /* Halfway: the mark says so; still the same view. */
  fake_now += 15 * G_USEC_PER_SEC;
  VIGIE_TEST_WAIT_UNTIL (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (progress)) == 0.5);
  fake_now += 14 * G_USEC_PER_SEC;
  vigie_test_spin (600);
  g_assert_true (view_is (meeting, "Centre-ville"));

  /* After its 30 s, the next view, its layers with it. */
  fake_now += 1 * G_USEC_PER_SEC;
  VIGIE_TEST_WAIT_UNTIL (view_is (meeting, "Gare"));
  assert_centre (window, 47.7418, 7.3349);
  g_assert_false (gtk_widget_get_visible (layer));

  /* Space pauses: time passes, the view stays. */
  press (GTK_WIDGET (window), GDK_KEY_space);
  fake_now += 120 * G_USEC_PER_SEC;
  vigie_test_spin (600);
  g_assert_true (view_is (meeting, "Gare"));
  press (GTK_WIDGET (window), GDK_KEY_space);

  /* The arrows: next (round to the first), previous. */
  press (GTK_WIDGET (window), GDK_KEY_Right);
  g_assert_true (view_is (meeting, "Centre-ville"));
  assert_centre (window, 47.7467, 7.3386);
  g_assert_true (gtk_widget_get_visible (layer));
  press (GTK_WIDGET (window), GDK_KEY_Left);
  g_assert_true (view_is (meeting, "Gare"));

  /* Esc: back to the operator's view and layers. */
  press (GTK_WIDGET (window), GDK_KEY_Escape);
  g_assert_null (vigie_meeting_get_view_name (meeting));
  assert_centre (window, 47.75, 7.34);
  g_assert_true (gtk_widget_get_visible (layer));
}

/* The report's PDF as a reader shows it: pdftoppm draws the page and
 * pdftotext finds its words (poppler-utils, from tools/install-deps). */
static void
assert_pdf_renders (GBytes     *pdf,
                    const char *expected)
{
  g_autofree char *dir = g_dir_make_tmp ("vigie-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *png_path = g_build_filename (dir, "page.png", NULL);
  g_autofree char *prefix = g_build_filename (dir, "page", NULL);
  g_autofree char *text = NULL;
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(GdkTexture) page = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  guint n_ink = 0;

  if (pdftoppm == NULL || pdftotext == NULL)
    {
      /* CI installs it: there the check cannot vanish. */
      g_assert_cmpstr (g_getenv ("CI"), !=, "true");
      g_test_message ("pdftoppm is not installed: the PDF is not drawn");
      return;
    }

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error));
  {
    const char *argv[] = { pdftoppm, "-png", "-r", "40", "-singlefile", path, prefix, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, &error));
  }
  page = gdk_texture_new_from_filename (png_path, &error);
  g_assert_no_error (error);
  /* A4 landscape at 40 dpi. */
  g_assert_cmpint (gdk_texture_get_width (page), ==, 468);
  g_assert_cmpint (gdk_texture_get_height (page), ==, 331);
  for (int y = 0; y < gdk_texture_get_height (page); y += 2)
    for (int x = 0; x < gdk_texture_get_width (page); x += 2)
      if ((vigie_test_pixel_at (page, x, y) & 0xffffff00) != 0xffffff00)
        n_ink++;
  g_test_message ("report PDF: %u of its pixels inked (one in four looked at)", n_ink);
  g_assert_cmpuint (n_ink, >, 2000);

  {
    const char *argv[] = { pdftotext, "-layout", path, "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, &error));
  }
  g_assert_nonnull (strstr (text, "OpenStreetMap"));
  g_assert_nonnull (strstr (text, "Vigie"));
  if (expected != NULL)
    g_assert_nonnull (strstr (text, expected));

  g_remove (path);
  g_remove (png_path);
  g_rmdir (dir);
}

/* The one-page report: the map, the figures and the charts, as PNG (its
 * pixels read back) and as PDF (one A4 page). */
static void
test_meeting_report (VigieTestWindow *fixture,
                     gconstpointer    data)
{
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  VigieWindow *window;
  VigieMeeting *meeting;
  GtkWidget *panel;
  guint n_blue = 0, n_map = 0, n_pages = 0;
  const char *pdf_data;
  gsize size;

  use_wifi_profile (fixture->settings, &fixture->tiles);

  window = vigie_test_window_open (fixture, "Meeting");
  meeting = vigie_window_get_meeting (window);
  panel = vigie_meeting_get_panel (meeting);
  VIGIE_TEST_WAIT_UNTIL (vigie_city_figures_get_n_feeds (vigie_meeting_panel_get_figures (VIGIE_MEETING_PANEL (panel))) == 1);
  vigie_test_spin (300);

  png = vigie_meeting_render_report (meeting, VIGIE_REPORT_PNG, &error);
  g_assert_no_error (error);
  texture = gdk_texture_new_from_bytes (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 1684);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 1190);
  for (int y = 0; y < 1190; y += 2)
    for (int x = 0; x < 1684; x += 2)
      {
        guint32 pixel = vigie_test_pixel_at (texture, x, y);
        guint r = pixel >> 24, g = (pixel >> 16) & 0xff, b = (pixel >> 8) & 0xff;

        /* The figure "49" in blue in the right column; the map, not
         * white, on the left. */
        if (x > 1684 * 0.62 && b > 180 && r < 60 && g > 90 && g < 140)
          n_blue++;
        if (x < 1684 * 0.6 && y > 100 && y < 1000 && (r < 250 || g < 250 || b < 250))
          n_map++;
      }
  g_test_message ("report: %u blue pixels of figures, %u of the map", n_blue, n_map);
  g_assert_cmpuint (n_blue, >, 100);
  g_assert_cmpuint (n_map, >, 10000);

  pdf = vigie_meeting_render_report (meeting, VIGIE_REPORT_PDF, &error);
  g_assert_no_error (error);
  pdf_data = g_bytes_get_data (pdf, &size);
  g_assert_cmpuint (size, >, 1000);
  g_assert_true (g_str_has_prefix (pdf_data, "%PDF-"));
  g_assert_nonnull (g_strstr_len (pdf_data + size - 16, 16, "%%EOF"));
  /* Its streams hold NUL bytes: searched byte by byte. */
  for (gsize i = 0; i + 12 < size; i++)
    if (memcmp (pdf_data + i, "/Type /Page", 11) == 0 && pdf_data[i + 11] != 's')
      n_pages++;
  g_assert_cmpuint (n_pages, ==, 1);
  {
    gboolean a4 = FALSE;

    for (gsize i = 0; i + 25 < size && !a4; i++)
      a4 = memcmp (pdf_data + i, "/MediaBox [ 0 0 842 595 ]", 25) == 0;
    g_assert_true (a4);
  }
  assert_pdf_renders (pdf, NULL);

  /* With a typical day read from the history, the page's charts draw it
   * as the meeting's do, and name it. */
  {
    GtkWidget *strip = vigie_test_find_descendant (GTK_WIDGET (window), VIGIE_TYPE_CHARTS_STRIP);
    g_autofree double *values = g_new (double, VIGIE_DAY_SERIES_N_POINTS);
    g_autofree char *label = vigie_typical_day_label (3);
    g_autoptr(GBytes) typical_pdf = NULL;

    g_assert_nonnull (strip);
    for (guint i = 0; i < VIGIE_DAY_SERIES_N_POINTS; i++)
      values[i] = 20 + 10 * sin (i / 30.0);
    for (GtkWidget *chart = gtk_widget_get_first_child (strip); chart != NULL; chart = gtk_widget_get_next_sibling (chart))
      for (GtkWidget *child = chart; child != NULL; child = gtk_widget_get_first_child (child))
        if (VIGIE_IS_DAY_CHART (child))
          vigie_day_chart_set_typical (VIGIE_DAY_CHART (child), values, 3);
    typical_pdf = vigie_meeting_render_report (meeting, VIGIE_REPORT_PDF, &error);
    g_assert_no_error (error);
    assert_pdf_renders (typical_pdf, label);
  }
}

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_window_test (&argc, &argv, "meeting mode"))
    return 77;

  vigie_test_add_window ("/meeting/enter-leave", test_meeting_enter_leave);
  vigie_test_add_window ("/meeting/rotation", test_meeting_rotation);
  vigie_test_add_window ("/meeting/report", test_meeting_report);

  return g_test_run ();
}
