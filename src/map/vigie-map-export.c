/* vigie-map-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-map-export"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-clock.h"
#include "vigie-map-export.h"

/* "Save Map as Image…": the map as it is on screen (base map, layers,
 * attribution), under a header with a title and the date and time, with
 * the legend beside it when one is given. Drawn as one render node and
 * rendered offscreen by the window's own GSK renderer, so the image is
 * what the operator sees, at the widget's size.
 *
 *   ┌──────────────────────────────┐
 *   │ Title                        │
 *   │ 25 November 2026, 22:15      │
 *   ├───────────────────┬──────────┤
 *   │ map               │ legend   │
 *   └───────────────────┴──────────┘ */

#define PADDING       16
#define TITLE_FONT    "Sans Bold 16"
#define DATE_FONT     "Sans 11"

static const GdkRGBA paper = { 1.0, 1.0, 1.0, 1.0 };
static const GdkRGBA ink = { 0.14, 0.14, 0.14, 1.0 };
static const GdkRGBA rule = { 0.8, 0.8, 0.8, 1.0 };

static PangoLayout *
make_layout (GtkWidget  *widget,
             const char *text,
             const char *font,
             int         width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

static char *
format_date_time (GDateTime *date_time)
{
  /* Translators: the date and time printed on an exported map, see
   * g_date_time_format(); e.g. "25 November 2026, 22:15". */
  /* xgettext:no-c-format */
  return g_date_time_format (date_time, _("%-d %B %Y, %H:%M"));
}

static void
append_widget (GtkSnapshot *snapshot,
               GtkWidget   *widget,
               float        x,
               float        y,
               int          width,
               int          height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_restore (snapshot);
}

/**
 * vigie_map_export_render:
 * @map_widget: the map, as shown (a #ShumateSimpleMap or any widget)
 * @legend: (nullable): a legend widget to place beside the map
 * @title: (nullable): the heading of the image
 * @date_time: (nullable): the time to print, or %NULL for now
 * @error: where to put the reason it failed
 *
 * Draws the image that vigie_map_export_to_png() saves.
 *
 * Returns: (transfer full) (nullable): the image
 */
GdkTexture *
vigie_map_export_render (GtkWidget   *map_widget,
                         GtkWidget   *legend,
                         const char  *title,
                         GDateTime   *date_time,
                         GError     **error)
{
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autoptr(PangoLayout) date_layout = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *date = NULL;
  GtkNative *native;
  GskRenderer *renderer;
  int map_width, map_height;
  int legend_width = 0, legend_height = 0;
  int width, height, header_height;
  int title_height = 0, date_height = 0;

  g_return_val_if_fail (GTK_IS_WIDGET (map_widget), NULL);
  g_return_val_if_fail (legend == NULL || GTK_IS_WIDGET (legend), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  native = gtk_widget_get_native (map_widget);
  renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  map_width = gtk_widget_get_width (map_widget);
  map_height = gtk_widget_get_height (map_widget);
  if (renderer == NULL || !gtk_widget_get_mapped (map_widget) || map_width <= 0 || map_height <= 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The map is not on screen, so there is nothing to save"));
      return NULL;
    }

  if (legend != NULL && gtk_widget_get_mapped (legend))
    {
      legend_width = gtk_widget_get_width (legend);
      legend_height = gtk_widget_get_height (legend);
    }

  width = map_width + (legend_width > 0 ? legend_width + 2 * PADDING : 0);

  if (date_time == NULL)
    date_time = now = vigie_clock_new_now_local ();
  date = format_date_time (date_time);

  if (title != NULL && title[0] != '\0')
    {
      title_layout = make_layout (map_widget, title, TITLE_FONT, width - 2 * PADDING);
      pango_layout_get_pixel_size (title_layout, NULL, &title_height);
    }
  date_layout = make_layout (map_widget, date, DATE_FONT, width - 2 * PADDING);
  pango_layout_get_pixel_size (date_layout, NULL, &date_height);

  header_height = PADDING + title_height + (title_height > 0 ? 4 : 0) + date_height + PADDING;
  height = header_height + MAX (map_height, legend_height + 2 * PADDING);

  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot, &paper, &GRAPHENE_RECT_INIT (0, 0, width, height));

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PADDING, PADDING));
  if (title_layout != NULL)
    {
      gtk_snapshot_append_layout (snapshot, title_layout, &ink);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, title_height + 4));
    }
  gtk_snapshot_append_layout (snapshot, date_layout, &ink);
  gtk_snapshot_restore (snapshot);

  gtk_snapshot_append_color (snapshot, &rule, &GRAPHENE_RECT_INIT (0, header_height - 1, width, 1));

  append_widget (snapshot, map_widget, 0, header_height, map_width, map_height);
  if (legend_width > 0 && legend_height > 0)
    append_widget (snapshot, legend, map_width + PADDING, header_height + PADDING,
                   legend_width, legend_height);

  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/**
 * vigie_map_export_to_png_full:
 * @map_widget: the map, as shown
 * @legend: (nullable): a legend widget to place beside the map
 * @title: (nullable): the heading of the image
 * @date_time: (nullable): the time to print, or %NULL for now
 * @file: where to write the PNG
 * @error: where to put the reason it failed
 *
 * Returns: %TRUE if @file was written
 */
gboolean
vigie_map_export_to_png_full (GtkWidget   *map_widget,
                              GtkWidget   *legend,
                              const char  *title,
                              GDateTime   *date_time,
                              GFile       *file,
                              GError     **error)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) png = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (map_widget), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  texture = vigie_map_export_render (map_widget, legend, title, date_time, error);
  if (texture == NULL)
    return FALSE;

  png = gdk_texture_save_to_png_bytes (texture);

  /* Through GFile: the portal hands out document paths and URIs. */
  return g_file_replace_contents (file,
                                  g_bytes_get_data (png, NULL),
                                  g_bytes_get_size (png),
                                  NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

/**
 * vigie_map_export_to_png:
 * @map_widget: the map, as shown
 * @title: (nullable): the heading of the image
 * @file: where to write the PNG
 * @error: where to put the reason it failed
 *
 * Saves the current view with @title and the current date and time.
 *
 * Returns: %TRUE if @file was written
 */
gboolean
vigie_map_export_to_png (GtkWidget   *map_widget,
                         const char  *title,
                         GFile       *file,
                         GError     **error)
{
  return vigie_map_export_to_png_full (map_widget, NULL, title, NULL, file, error);
}
