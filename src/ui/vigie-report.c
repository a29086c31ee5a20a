/* vigie-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "vigie-day-chart.h"
#include "vigie-week-study.h"
#include "vigie-report.h"

/* A one-page report of the meeting's view for the councillors' files, in
 * their language: the map as shown, the city's figures in sentences,
 * today's charts, the date and time, the data's sources and licences. A4
 * landscape, as PDF (vector text) or PNG; made in memory, written by the
 * caller without blocking. */

#define PAGE_W    VIGIE_REPORT_PAGE_W
#define PAGE_H    VIGIE_REPORT_PAGE_H
#define MARGIN    VIGIE_REPORT_MARGIN
#define PNG_SCALE 2.0   /* 1684 × 1190 pixels */

static const GdkRGBA ink = { 0.14, 0.12, 0.19, 1 };
static const GdkRGBA figure_blue = { 0.11, 0.44, 0.85, 1 };

/* @layout's height, in points. */
static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);

  return (double) height / PANGO_SCALE;
}

/* The map as the screen shows it, scaled into the box, its aspect kept. */
static void
draw_map (cairo_t   *cr,
          GtkWidget *map,
          double     x,
          double     y,
          double     width,
          double     height)
{
  int map_width = gtk_widget_get_width (map);
  int map_height = gtk_widget_get_height (map);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  double scale;

  if (map_width <= 0 || map_height <= 0)
    return;

  paintable = gtk_widget_paintable_new (map);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, map_width, map_height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;

  scale = MIN (width / map_width, height / map_height);
  cairo_save (cr);
  cairo_rectangle (cr, x, y, map_width * scale, map_height * scale);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  gsk_render_node_draw (node, cr);
  cairo_restore (cr);

  cairo_set_source_rgba (cr, ink.red, ink.green, ink.blue, 0.3);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, x, y, map_width * scale, map_height * scale);
  cairo_stroke (cr);
}

/**
 * vigie_report_format_date:
 * @time: a local time
 *
 * Returns: (transfer full): "lundi 7 décembre 2026, 8 h 30" in the
 *   messages' language, whatever the locale's (LANGUAGE=fr in a C locale
 *   gives French words too)
 */
char *
vigie_report_format_date (GDateTime *time)
{
  const char *months[] = {
    C_("month in a date", "January"), C_("month in a date", "February"), C_("month in a date", "March"),
    C_("month in a date", "April"), C_("month in a date", "May"), C_("month in a date", "June"),
    C_("month in a date", "July"), C_("month in a date", "August"), C_("month in a date", "September"),
    C_("month in a date", "October"), C_("month in a date", "November"), C_("month in a date", "December"),
  };
  g_autofree char *clock = vigie_figures_format_time (time);

  /* Translators: the report's date: a day's name, the day of the month,
   * a month, the year and the time; French writes "lundi 7 décembre
   * 2026, 8 h 30" */
  return g_strdup_printf (C_("report date", "%s %d %s %d, %s"),
                          vigie_week_day_name (g_date_time_get_day_of_week (time) - 1),
                          g_date_time_get_day_of_month (time),
                          months[g_date_time_get_month (time) - 1],
                          g_date_time_get_year (time), clock);
}

static void
draw_page (cairo_t       *cr,
           PangoContext  *context,
           gconstpointer  user_data)
{
  const VigieReportInput *input = user_data;
  g_autoptr(GPtrArray) sentences = vigie_city_figures_dup_sentences (input->figures);
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *feeds = NULL;
  g_autofree char *sources = NULL;
  double y, column_x, column_w, map_h, chart_w, chart_h, footer_h;
  gint64 data_time = vigie_city_figures_get_data_time (input->figures);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* Translators: a report's title; %s is the city profile's name */
  title = g_strdup_printf (_("Vigie — %s"), input->city != NULL ? input->city : "");
  when = vigie_report_format_date (input->time);
  y = MARGIN;
  vigie_report_show_text (cr, context, title, MARGIN, y, 18, TRUE, 0, &ink);
  {
    g_autoptr(PangoLayout) layout = vigie_report_create_layout (context, when, 12, FALSE, 0);
    int width;

    pango_layout_get_pixel_size (layout, &width, NULL);
    gdk_cairo_set_source_rgba (cr, &ink);
    cairo_move_to (cr, PAGE_W - MARGIN - width, y + 4);
    pango_cairo_show_layout (cr, layout);
  }
  y += 30;

  /* The sources and licences at the foot, measured first. */
  feeds = input->feeds != NULL ? g_strjoinv (", ", (char **) input->feeds) : g_strdup ("");
  /* Translators: the report's data sources; %s lists the feeds' names */
  sources = g_strdup_printf (_("Data: %s. Base map: © OpenStreetMap contributors, Open Database License 1.0."), feeds);
  footer_h = vigie_report_draw_footer (cr, context, sources, input->simulated, &ink);

  /* The map on the left, three fifths of the page. */
  map_h = PAGE_H - MARGIN - footer_h - 12 - y;
  draw_map (cr, input->map, MARGIN, y, (PAGE_W - 2 * MARGIN) * 0.6, map_h);

  /* The figures on the right, then today's charts two by two. */
  column_x = MARGIN + (PAGE_W - 2 * MARGIN) * 0.6 + 18;
  column_w = PAGE_W - MARGIN - column_x;
  if (data_time > 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (data_time);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, g_date_time_get_timezone (input->time));
      g_autofree char *fresh = vigie_figures_format_data_time (local);

      y += vigie_report_show_text (cr, context, fresh, column_x, y, 10, FALSE, column_w, &ink) + 6;
    }
  for (guint i = 0; i < sentences->len; i++)
    {
      VigieFigureSentence *sentence = g_ptr_array_index (sentences, i);
      g_autofree char *whole = vigie_figure_sentence_to_string (sentence);
      g_autoptr(PangoLayout) layout = vigie_report_create_layout (context, whole, 12, FALSE, column_w);
      g_autoptr(PangoAttrList) attributes = pango_attr_list_copy (pango_layout_get_attributes (layout));
      PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      PangoAttribute *blue = pango_attr_foreground_new (figure_blue.red * 65535, figure_blue.green * 65535,
                                                        figure_blue.blue * 65535);
      PangoAttribute *big = pango_attr_size_new_absolute (18 * PANGO_SCALE);

      /* The figure set apart, as on the tiles. */
      bold->start_index = blue->start_index = big->start_index = strlen (sentence->before);
      bold->end_index = blue->end_index = big->end_index = strlen (sentence->before) + strlen (sentence->figure);
      pango_attr_list_insert (attributes, bold);
      pango_attr_list_insert (attributes, blue);
      pango_attr_list_insert (attributes, big);
      pango_layout_set_attributes (layout, attributes);

      gdk_cairo_set_source_rgba (cr, &ink);
      cairo_move_to (cr, column_x, y);
      pango_cairo_show_layout (cr, layout);
      y += layout_height (layout) + 6;
    }

  y += 6;
  chart_w = (column_w - 12) / 2;
  chart_h = MIN (110, (PAGE_H - MARGIN - footer_h - 12 - y - 12) / 2);
  if (chart_h > 60)
    for (guint m = 0; m < VIGIE_N_MEASURES; m++)
      {
        cairo_save (cr);
        cairo_translate (cr, column_x + (m % 2) * (chart_w + 12), y + (m / 2) * (chart_h + 12));
        vigie_day_chart_draw (m, vigie_city_figures_get_today (input->figures),
                              input->typical[m], input->typical_weeks[m], cr, context,
                              chart_w, chart_h, 9, &ink);
        cairo_restore (cr);
      }
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

/**
 * vigie_report_render_page:
 * @format: PDF or PNG
 * @title: the PDF's title
 * @font: (nullable): the font the text is set in, in points
 * @draw: draws the page, in points
 * @data: what @draw is given
 * @error: a failure of cairo's
 *
 * Makes a one-page report in memory: an A4 landscape PDF page, or a PNG
 * of it at twice its size in points. Every report of the app's goes
 * through here.
 *
 * Returns: (transfer full): its bytes, or %NULL
 */
GBytes *
vigie_report_render_page (VigieReportFormat           format,
                          const char                 *title,
                          const PangoFontDescription *font,
                          VigieReportDrawFunc         draw,
                          gconstpointer               data,
                          GError                    **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  PangoContext *context;
  cairo_t *cr;

  g_return_val_if_fail (draw != NULL, NULL);

  if (format == VIGIE_REPORT_PDF)
    {
      surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, PAGE_W, PAGE_H);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title != NULL ? title : "Vigie");
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Vigie " PACKAGE_VERSION);
    }
  else
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, PAGE_W * PNG_SCALE, PAGE_H * PNG_SCALE);
    }

  cr = cairo_create (surface);
  if (format == VIGIE_REPORT_PNG)
    cairo_scale (cr, PNG_SCALE, PNG_SCALE);
  context = pango_cairo_create_context (cr);
  /* Sizes in points, whatever the surface. */
  pango_cairo_context_set_resolution (context, 72);
  if (font != NULL)
    pango_context_set_font_description (context, font);
  draw (cr, context, data);
  g_object_unref (context);
  cairo_show_page (cr);
  cairo_destroy (cr);

  if (format == VIGIE_REPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_cb, bytes);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The report could not be made: %s"), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * vigie_report_render:
 * @input: what the report shows
 * @format: PDF or PNG
 * @error: a failure of cairo's
 *
 * Makes the report in memory, on the main thread (it draws widgets).
 *
 * Returns: (transfer full): its bytes, or %NULL
 */
GBytes *
vigie_report_render (const VigieReportInput *input,
                     VigieReportFormat       format,
                     GError                **error)
{
  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (input->map), NULL);
  g_return_val_if_fail (VIGIE_IS_CITY_FIGURES (input->figures), NULL);
  g_return_val_if_fail (input->time != NULL, NULL);

  /* The app's own font. */
  return vigie_report_render_page (format, "Vigie",
                                   pango_context_get_font_description (gtk_widget_get_pango_context (input->map)),
                                   draw_page, input, error);
}

/* A layout of @text, plain text (names from feeds stay as they are), at
 * @size points, wrapped at @width points unless it is 0. */
PangoLayout *
vigie_report_create_layout (PangoContext *context,
                            const char   *text,
                            double        size,
                            gboolean      bold,
                            double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_size_new_absolute ((int) (size * PANGO_SCALE)));
  if (bold)
    pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attributes);
  pango_layout_set_text (layout, text, -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }

  return layout;
}

/* The height @text takes, in points, set as vigie_report_create_layout()
 * sets it. */
double
vigie_report_text_height (PangoContext *context,
                          const char   *text,
                          double        size,
                          gboolean      bold,
                          double        width)
{
  g_autoptr(PangoLayout) layout = vigie_report_create_layout (context, text, size, bold, width);

  return layout_height (layout);
}

/* Draws @text at (@x, @y) in @color; returns its height. */
double
vigie_report_show_text (cairo_t       *cr,
                        PangoContext  *context,
                        const char    *text,
                        double         x,
                        double         y,
                        double         size,
                        gboolean       bold,
                        double         width,
                        const GdkRGBA *color)
{
  g_autoptr(PangoLayout) layout = vigie_report_create_layout (context, text, size, bold, width);

  gdk_cairo_set_source_rgba (cr, color);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);

  return layout_height (layout);
}

/* Draws @sources at the foot of the page, followed by the demo's warning
 * when @simulated; returns the height they take. */
double
vigie_report_draw_footer (cairo_t       *cr,
                          PangoContext  *context,
                          const char    *sources,
                          gboolean       simulated,
                          const GdkRGBA *color)
{
  g_autoptr(GString) footer = g_string_new (sources);
  double height;

  if (simulated)
    {
      g_string_append_c (footer, ' ');
      g_string_append (footer, _("Demo — simulated data: nothing on this map is real."));
    }
  height = vigie_report_text_height (context, footer->str, 8, FALSE, PAGE_W - 2 * MARGIN);
  vigie_report_show_text (cr, context, footer->str, MARGIN, PAGE_H - MARGIN - height, 8, FALSE, PAGE_W - 2 * MARGIN, color);

  return height;
}
