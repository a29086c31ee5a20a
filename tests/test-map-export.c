/* test-map-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "vigie-map-export.h"
#include "vigie-offline-source.h"
#include "vigie-test-ui.h"

#define MAP_WIDTH  (gtk_widget_get_width (GTK_WIDGET (mw.map)))
#define MAP_HEIGHT (gtk_widget_get_height (GTK_WIDGET (mw.map)))

typedef struct
{
  GtkWindow        *window;
  ShumateSimpleMap *map;
  GtkWidget        *legend;
} MapWindow;

static guint8 *
download (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  guint8 *pixels = g_malloc ((gsize) width * height * 4);

  gdk_texture_download (texture, pixels, width * 4);
  return pixels;
}

/* A test of one pixel, its bytes in memory order (B, G, R, A). */
typedef gboolean (*PixelTest) (const guint8 *px,
                               gpointer      data);

/* The pixels in a rectangle of @texture for which @test is TRUE. */
static guint
count_pixels (GdkTexture *texture,
              int         x0,
              int         y0,
              int         width,
              int         height,
              PixelTest   test,
              gpointer    data)
{
  g_autofree guint8 *pixels = download (texture);
  int stride = gdk_texture_get_width (texture) * 4;
  guint n = 0;

  for (int y = y0; y < y0 + height; y++)
    for (int x = x0; x < x0 + width; x++)
      if (test (pixels + y * stride + x * 4, data))
        n++;

  return n;
}

/* Adds the pixel's colour to the set @data; never counts. */
static gboolean
add_colour (const guint8 *px,
            gpointer      colours)
{
  guint colour = (guint) px[2] << 16 | (guint) px[1] << 8 | px[0];

  g_hash_table_add (colours, GUINT_TO_POINTER (colour + 1));
  return FALSE;
}

/* Distinct colours in a rectangle of @texture: a blank area has one. */
static guint
count_colours (GdkTexture *texture,
               int         x0,
               int         y0,
               int         width,
               int         height)
{
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);

  count_pixels (texture, x0, y0, width, height, add_colour, colours);
  return g_hash_table_size (colours);
}

/* The built-in map's light background. */
static gboolean
is_map_background (const guint8 *px,
                   gpointer      data)
{
  return px[2] == 0xf4 && px[1] == 0xf3 && px[0] == 0xf1;
}

static gboolean
is_dark (const guint8 *px,
         gpointer      data)
{
  return px[0] < 100 && px[1] < 100 && px[2] < 100;
}

/* The header of an export without title, drawn here from @text: white
 * paper, the text in the export's font and ink at its padding. */
static GdkTexture *
render_header (GtkWidget  *map_widget,
               const char *text,
               int         width,
               int         height)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (map_widget, text);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 11");
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (map_widget));

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (width - 2 * 16) * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1.0, 1.0, 1.0, 1.0 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (16, 16));
  gtk_snapshot_append_layout (snapshot, layout, &(GdkRGBA) { 0.14, 0.14, 0.14, 1.0 });
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Pixels that differ between the top @height rows of two textures. */
static guint
count_different (GdkTexture *a,
                 GdkTexture *b,
                 int         height)
{
  g_autofree guint8 *pa = download (a);
  g_autofree guint8 *pb = download (b);
  int width = gdk_texture_get_width (a);
  guint n = 0;

  g_assert_cmpint (gdk_texture_get_width (b), ==, width);
  g_assert_cmpint (gdk_texture_get_height (a), >=, height);
  g_assert_cmpint (gdk_texture_get_height (b), >=, height);

  for (int i = 0; i < width * height; i++)
    if (memcmp (pa + i * 4, pb + i * 4, 4) != 0)
      n++;

  return n;
}

static void
map_window_open (MapWindow *mw)
{
  g_autoptr(VigieOfflineSource) source = vigie_offline_source_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  vigie_offline_source_set_dark (source, FALSE);

  mw->map = shumate_simple_map_new ();
  gtk_widget_set_size_request (GTK_WIDGET (mw->map), 600, 400);
  shumate_simple_map_set_map_source (mw->map, SHUMATE_MAP_SOURCE (source));
  shumate_viewport_set_zoom_level (shumate_simple_map_get_viewport (mw->map), 15);
  shumate_map_center_on (shumate_simple_map_get_map (mw->map), 47.7508, 7.3359);

  mw->legend = gtk_label_new ("Légende\n■ Trams\n● Vélos");
  gtk_widget_set_valign (mw->legend, GTK_ALIGN_START);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (mw->map));
  gtk_box_append (GTK_BOX (box), mw->legend);

  mw->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (mw->window, 800, 500);
  gtk_window_set_child (mw->window, box);
  gtk_window_present (mw->window);

  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (mw->map)) &&
                         gtk_widget_get_width (GTK_WIDGET (mw->map)) >= 600);
}

static gboolean
map_has_streets (MapWindow *mwp)
{
  MapWindow mw = *mwp;
  g_autoptr(GdkTexture) texture = NULL;

  while (g_main_context_iteration (NULL, FALSE))
    ;
  texture = vigie_map_export_render (GTK_WIDGET (mw.map), NULL, NULL, NULL, NULL);
  if (texture == NULL)
    return FALSE;

  /* The streets' background fills much of the centre: tiles are drawn. */
  return count_pixels (texture, 0, gdk_texture_get_height (texture) - MAP_HEIGHT,
                       MAP_WIDTH, MAP_HEIGHT, is_map_background, NULL) > (guint) (MAP_WIDTH * MAP_HEIGHT / 4);
}

/* Tiles arrive from worker threads: wait until the map shows them. */
static void
wait_for_streets (MapWindow *mw)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!map_has_streets (mw))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for the map's tiles");
      g_usleep (10000);
    }
}

/* A map window shown with its streets drawn, and where to export it. */
typedef struct
{
  MapWindow     mw;
  VigieTestFile png;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  vigie_test_file_init (&fixture->png, "carte.png");
}

static void
fixture_set_up_shown (Fixture       *fixture,
                      gconstpointer  data)
{
  fixture_set_up (fixture, data);
  map_window_open (&fixture->mw);
  wait_for_streets (&fixture->mw);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->mw.window != NULL)
    gtk_window_destroy (fixture->mw.window);
  vigie_test_file_clear (&fixture->png);
}

static void
test_export_png (Fixture       *fixture,
                 gconstpointer  data)
{
  MapWindow mw = fixture->mw;   /* MAP_WIDTH and MAP_HEIGHT read it */
  g_autoptr(GdkTexture) png = NULL;
  g_autoptr(GError) error = NULL;
  int header;

  g_assert_true (vigie_map_export_to_png (GTK_WIDGET (mw.map), "Mulhouse — centre", fixture->png.file, &error));
  g_assert_no_error (error);

  png = gdk_texture_new_from_file (fixture->png.file, &error);
  g_assert_no_error (error);

  /* The map at its size, under a header with the title and the date. */
  g_assert_cmpint (gdk_texture_get_width (png), ==, MAP_WIDTH);
  g_assert_cmpint (gdk_texture_get_height (png), >, MAP_HEIGHT + 30);
  header = gdk_texture_get_height (png) - MAP_HEIGHT;

  /* Not blank: the streets of the centre, and dark text in the header. */
  g_assert_cmpuint (count_pixels (png, 0, header, MAP_WIDTH, MAP_HEIGHT, is_map_background, NULL), >,
                    (guint) (MAP_WIDTH * MAP_HEIGHT / 4));
  g_assert_cmpuint (count_colours (png, 0, header, MAP_WIDTH, MAP_HEIGHT), >, 20);
  g_assert_cmpuint (count_pixels (png, 0, 0, MAP_WIDTH, header, is_dark, NULL), >, 50);
}

static void
test_export_legend_and_date (Fixture       *fixture,
                             gconstpointer  data)
{
  MapWindow mw = fixture->mw;   /* MAP_WIDTH and MAP_HEIGHT read it */
  g_autoptr(GDateTime) date_time = g_date_time_new_utc (2026, 11, 25, 22, 15, 0);
  g_autoptr(GdkTexture) png = NULL;
  g_autoptr(GdkTexture) without_title = NULL;
  g_autoptr(GdkTexture) expected = NULL;
  g_autoptr(GdkTexture) other_day = NULL;
  g_autoptr(GError) error = NULL;
  int legend_width, header;

  legend_width = gtk_widget_get_width (mw.legend);
  g_assert_cmpint (legend_width, >, 0);

  g_assert_true (vigie_map_export_to_png_full (GTK_WIDGET (mw.map), mw.legend, "Essai",
                                               date_time, fixture->png.file, &error));
  g_assert_no_error (error);
  png = gdk_texture_new_from_file (fixture->png.file, &error);
  g_assert_no_error (error);

  /* The legend sits beside the map, with its text. */
  g_assert_cmpint (gdk_texture_get_width (png), ==, MAP_WIDTH + legend_width + 2 * 16);
  g_assert_cmpuint (count_pixels (png, MAP_WIDTH, gdk_texture_get_height (png) - MAP_HEIGHT,
                                  legend_width + 2 * 16, MAP_HEIGHT, is_dark, NULL), >, 20);

  /* The date given is the one printed: without a title the header is
   * exactly that line of text, and another date would not match it. */
  without_title = vigie_map_export_render (GTK_WIDGET (mw.map), NULL, NULL, date_time, &error);
  g_assert_no_error (error);
  header = gdk_texture_get_height (without_title) - MAP_HEIGHT - 1;
  g_assert_cmpint (header, >, 16);
  expected = render_header (GTK_WIDGET (mw.map), "25 November 2026, 22:15", MAP_WIDTH, header);
  other_day = render_header (GTK_WIDGET (mw.map), "26 November 2026, 22:15", MAP_WIDTH, header);
  g_assert_cmpuint (count_pixels (expected, 0, 0, MAP_WIDTH, header, is_dark, NULL), >, 50);
  g_assert_cmpuint (count_different (without_title, other_day, header), >, 0);
  g_assert_cmpuint (count_different (without_title, expected, header), ==, 0);
}

static void
test_export_not_shown (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GtkWidget) map = g_object_ref_sink (GTK_WIDGET (shumate_simple_map_new ()));
  g_autoptr(GError) error = NULL;

  /* A map that is not on screen has no image: a clear error, no file. */
  g_assert_false (vigie_map_export_to_png (map, "Essai", fixture->png.file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_false (g_file_test (fixture->png.path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_gtk (&argc, &argv, "export"))
    return 77;
  adw_init ();

  g_test_add ("/map-export/png", Fixture, NULL, fixture_set_up_shown, test_export_png, fixture_tear_down);
  g_test_add ("/map-export/legend-and-date", Fixture, NULL, fixture_set_up_shown, test_export_legend_and_date, fixture_tear_down);
  g_test_add ("/map-export/not-shown", Fixture, NULL, fixture_set_up, test_export_not_shown, fixture_tear_down);

  return g_test_run ();
}
