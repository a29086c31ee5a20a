/* vigie-study-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-study-report"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "vigie-figures.h"
#include "vigie-heat-map.h"
#include "vigie-study-report.h"

/* A study on one page for the councillors' files, beside the meeting's
 * report (vigie-report.c): its title and period, its map with the figure
 * on each place, the places ranked in sentences with their week as a
 * heat map, the date, the data's sources and licences. A4 landscape, PDF
 * or PNG, made in memory. */

#define PAGE_W   VIGIE_REPORT_PAGE_W
#define PAGE_H   VIGIE_REPORT_PAGE_H
#define MARGIN   VIGIE_REPORT_MARGIN
#define N_PLACES 6

static const GdkRGBA ink = { 0.14, 0.12, 0.19, 1 };

static void
draw_page (cairo_t       *cr,
           PangoContext  *context,
           gconstpointer  user_data)
{
  const VigieStudyReportInput *input = user_data;
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *feeds = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *sources = NULL;
  double y, footer_h, map_w, column_x, column_w, row_h;
  guint n;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  if (input->city != NULL && input->city[0] != '\0')
    /* Translators: a study report's title: the study, then the city */
    title = g_strdup_printf (_("%s — %s"), input->title, input->city);
  else
    title = g_strdup (input->title);
  clock = vigie_report_format_date (input->time);
  /* Translators: a study report's period and date: "Last 7 days, made
   * on Monday 7 December 2026, 15:30" */
  when = g_strdup_printf (_("%s, made on %s"), input->period, clock);
  y = MARGIN;
  y += vigie_report_show_text (cr, context, title, MARGIN, y, 18, TRUE, PAGE_W - 2 * MARGIN, &ink) + 2;
  y += vigie_report_show_text (cr, context, when, MARGIN, y, 11, FALSE, PAGE_W - 2 * MARGIN, &ink) + 10;

  feeds = input->feeds != NULL ? g_strjoinv (", ", (char **) input->feeds) : g_strdup ("");
  /* Translators: a study report's sources; %s lists the feeds' names */
  sources = g_strdup_printf (_("Data: the history Vigie recorded of %s."), feeds);
  footer_h = vigie_report_draw_footer (cr, context, sources, input->simulated, &ink);

  /* The map on the left, its legend under it. */
  map_w = (PAGE_W - 2 * MARGIN) * 0.42;
  {
    double legend_h = 0, map_h;

    if (input->legend != NULL)
      legend_h = vigie_report_text_height (context, input->legend, 8, FALSE, map_w);
    map_h = PAGE_H - MARGIN - footer_h - 12 - y - legend_h - 6;
    cairo_save (cr);
    cairo_translate (cr, MARGIN, y);
    cairo_rectangle (cr, 0, 0, map_w, map_h);
    cairo_set_source_rgb (cr, 0.96, 0.95, 0.93);
    cairo_fill (cr);
    vigie_study_map_draw (input->map_items, cr, context, map_w, map_h, 9, &ink);
    cairo_restore (cr);
    if (input->legend != NULL)
      vigie_report_show_text (cr, context, input->legend, MARGIN, y + map_h + 6, 8, FALSE, map_w, &ink);
  }

  /* The places ranked, each with its week. */
  column_x = MARGIN + map_w + 18;
  column_w = PAGE_W - MARGIN - column_x;
  n = MIN (N_PLACES, input->sentences->len);
  row_h = n > 0 ? (PAGE_H - MARGIN - footer_h - 12 - y) / N_PLACES : 0;
  for (guint i = 0; i < n; i++)
    {
      double top = y + i * row_h;
      double text_h = vigie_report_show_text (cr, context, g_ptr_array_index (input->sentences, i), column_x, top, 10, FALSE, column_w, &ink);
      VigieHeatMapData data;

      if (i >= input->places->len)
        continue;
      vigie_heat_map_data_from_place (&data, g_ptr_array_index (input->places, i), input->result->kind == VIGIE_STUDY_WIFI);
      cairo_save (cr);
      cairo_translate (cr, column_x, top + text_h + 2);
      vigie_heat_map_draw (&data, cr, context, MIN (column_w, 360), row_h - text_h - 8, 6, &ink);
      cairo_restore (cr);
    }
}

/**
 * vigie_study_report_render:
 * @input: what the report shows
 * @format: PDF or PNG
 * @error: a failure of cairo's
 *
 * Returns: (transfer full): the report's bytes, or %NULL
 */
GBytes *
vigie_study_report_render (const VigieStudyReportInput *input,
                           VigieReportFormat            format,
                           GError                     **error)
{
  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (input->result != NULL, NULL);
  g_return_val_if_fail (input->sentences != NULL, NULL);
  g_return_val_if_fail (input->places != NULL, NULL);
  g_return_val_if_fail (input->time != NULL, NULL);

  return vigie_report_render_page (format, input->title, input->font, draw_page, input, error);
}
