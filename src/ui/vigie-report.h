/* vigie-report.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-city-figures.h"

G_BEGIN_DECLS

/* The page vigie_report_render_page() draws on: A4 landscape, in points,
 * and the margin every report keeps. */
#define VIGIE_REPORT_PAGE_W 842.0
#define VIGIE_REPORT_PAGE_H 595.0
#define VIGIE_REPORT_MARGIN  28.0

typedef enum
{
  VIGIE_REPORT_PDF,
  VIGIE_REPORT_PNG,
} VigieReportFormat;

/* What a report shows. */
typedef struct
{
  GtkWidget          *map;           /* drawn as it is on screen */
  VigieCityFigures   *figures;
  const char         *city;          /* the profile's name */
  gboolean            simulated;
  const char * const *feeds;         /* the names of the feeds shown */
  GDateTime          *time;          /* when, local */
  /* Nullable: the typical day of each chart, drawn dashed under today */
  const double       *typical[VIGIE_N_MEASURES];
  guint               typical_weeks[VIGIE_N_MEASURES];
} VigieReportInput;

/* Draws one page of @data, in points, on an A4 landscape page. */
typedef void (*VigieReportDrawFunc) (cairo_t       *cr,
                                     PangoContext  *context,
                                     gconstpointer  data);

GBytes *vigie_report_render_page (VigieReportFormat       format,
                                  const char             *title,
                                  const PangoFontDescription *font,
                                  VigieReportDrawFunc     draw,
                                  gconstpointer           data,
                                  GError                **error);
GBytes *vigie_report_render      (const VigieReportInput *input,
                                  VigieReportFormat       format,
                                  GError                **error);
char   *vigie_report_format_date (GDateTime              *time);

PangoLayout *vigie_report_create_layout (PangoContext  *context,
                                         const char    *text,
                                         double         size,
                                         gboolean       bold,
                                         double         width);
double       vigie_report_text_height   (PangoContext  *context,
                                         const char    *text,
                                         double         size,
                                         gboolean       bold,
                                         double         width);
double       vigie_report_show_text     (cairo_t       *cr,
                                         PangoContext  *context,
                                         const char    *text,
                                         double         x,
                                         double         y,
                                         double         size,
                                         gboolean       bold,
                                         double         width,
                                         const GdkRGBA *color);
double       vigie_report_draw_footer   (cairo_t       *cr,
                                         PangoContext  *context,
                                         const char    *sources,
                                         gboolean       simulated,
                                         const GdkRGBA *color);

G_END_DECLS
