/* vigie-heat-map.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-heat-map"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-day-series.h"
#include "vigie-figures.h"
#include "vigie-heat-map.h"
#include "vigie-number.h"
#include "vigie-parking-study.h"
#include "vigie-wifi-study.h"
#include "vigie-widget-cairo.h"

/* A place's week as 7 rows of 24 hours, Monday on top: a pale-to-dark
 * scale of its mean, cells from the high threshold hatched and cells up
 * to the low one dotted, so that colour is never the only cue; the hours
 * every six below, the days on the left. A tooltip says each cell in
 * words. Drawn with cairo, on screen and in the report. */

struct _VigieHeatMap
{
  GtkWidget        parent_instance;

  VigieHeatMapData data;
  gboolean         has_data;
  double           text_px;
};

G_DEFINE_FINAL_TYPE (VigieHeatMap, vigie_heat_map, GTK_TYPE_WIDGET)

static const char *
short_day (guint day)
{
  switch (day)
    {
    case 0: return C_("short day", "Mon");
    case 1: return C_("short day", "Tue");
    case 2: return C_("short day", "Wed");
    case 3: return C_("short day", "Thu");
    case 4: return C_("short day", "Fri");
    case 5: return C_("short day", "Sat");
    case 6: return C_("short day", "Sun");
    default: g_return_val_if_reached ("");
    }
}

/* Pale yellow to deep red through orange: readable on white and in grey. */
static void
scale_color (double   share,
             GdkRGBA *color)
{
  static const double stops[][3] = {
    { 1.00, 0.96, 0.80 },
    { 0.99, 0.73, 0.40 },
    { 0.90, 0.38, 0.16 },
    { 0.60, 0.10, 0.10 },
  };
  double rgb[3];

  vigie_color_ramp (stops, G_N_ELEMENTS (stops), share, rgb);
  *color = (GdkRGBA) { rgb[0], rgb[1], rgb[2], 1 };
}

static PangoLayout *
create_layout (PangoContext *context,
               const char   *text,
               double        px)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_size_new_absolute ((int) round (px * PANGO_SCALE)));
  pango_layout_set_attributes (layout, attributes);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

/* The cells' box in a drawing of @width × @height. */
static void
grid_box (PangoContext *context,
          double        width,
          double        height,
          double        text_px,
          double       *left,
          double       *top,
          double       *cell_w,
          double       *cell_h)
{
  int day_w = 0, label_h;

  for (guint d = 0; d < 7; d++)
    {
      g_autoptr(PangoLayout) layout = create_layout (context, short_day (d), text_px);
      int w;

      pango_layout_get_pixel_size (layout, &w, &label_h);
      day_w = MAX (day_w, w);
    }

  *left = day_w + 6;
  *top = 0;
  *cell_w = MAX (1, (width - *left) / 24);
  *cell_h = MAX (1, (height - label_h - 4) / 7);
}

/**
 * vigie_heat_map_draw:
 * @data: the week
 * @cr: where, from (0, 0)
 * @context: the Pango context of @cr
 * @text_px: the days' and hours' size
 * @ink: the text's colour
 */
void
vigie_heat_map_draw (const VigieHeatMapData *data,
                     cairo_t                *cr,
                     PangoContext           *context,
                     double                  width,
                     double                  height,
                     double                  text_px,
                     const GdkRGBA          *ink)
{
  double left, top, cell_w, cell_h;

  g_return_if_fail (data != NULL);

  grid_box (context, width, height, text_px, &left, &top, &cell_w, &cell_h);

  for (guint d = 0; d < 7; d++)
    {
      g_autoptr(PangoLayout) layout = create_layout (context, short_day (d), text_px);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      gdk_cairo_set_source_rgba (cr, ink);
      cairo_move_to (cr, left - 6 - w, top + d * cell_h + (cell_h - h) / 2);
      pango_cairo_show_layout (cr, layout);
    }
  for (int hour = 0; hour <= 18; hour += 6)
    {
      g_autofree char *text = vigie_chart_format_hour (hour);
      g_autoptr(PangoLayout) layout = create_layout (context, text, text_px);

      gdk_cairo_set_source_rgba (cr, ink);
      cairo_move_to (cr, left + hour * cell_w, top + 7 * cell_h + 2);
      pango_cairo_show_layout (cr, layout);
    }

  for (guint hour = 0; hour < VIGIE_WEEK_HOURS; hour++)
    {
      double x = left + (hour % 24) * cell_w, y = top + (hour / 24) * cell_h;
      double value = data->values[hour];
      double share;
      GdkRGBA color;

      if (isnan (value))
        {
          /* Unknown: an empty cell with a thin outline. */
          cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, 0.25);
          cairo_set_line_width (cr, 1);
          cairo_rectangle (cr, x + 1.5, y + 1.5, cell_w - 3, cell_h - 3);
          cairo_stroke (cr);
          continue;
        }

      share = data->full > 0 ? value / data->full : 0;
      scale_color (share, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_rectangle (cr, x + 0.5, y + 0.5, cell_w - 1, cell_h - 1);
      cairo_fill (cr);

      if (share >= data->high)
        {
          /* Hatched: saturated, or near capacity. */
          cairo_save (cr);
          cairo_rectangle (cr, x + 0.5, y + 0.5, cell_w - 1, cell_h - 1);
          cairo_clip (cr);
          cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
          cairo_set_line_width (cr, MAX (1, cell_w / 8));
          for (double k = -cell_h; k < cell_w; k += MAX (3, cell_w / 3))
            {
              cairo_move_to (cr, x + k, y + cell_h);
              cairo_line_to (cr, x + k + cell_h, y);
            }
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      else if (data->low >= 0 && share <= data->low)
        {
          /* A dot: under-used. */
          cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, 0.7);
          cairo_arc (cr, x + cell_w / 2, y + cell_h / 2, MAX (1.2, MIN (cell_w, cell_h) / 7), 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
}

/**
 * vigie_heat_map_data_from_place:
 * @data: (out caller-allocates): the week to draw
 * @place: a place of a study
 * @wifi: a Wi-Fi site (clients over its capacity, or its peak), else a
 *   parking zone (occupancy 0–1)
 */
void
vigie_heat_map_data_from_place (VigieHeatMapData     *data,
                                const VigieWeekPlace *place,
                                gboolean              wifi)
{
  g_return_if_fail (data != NULL);
  g_return_if_fail (place != NULL);

  for (guint hour = 0; hour < VIGIE_WEEK_HOURS; hour++)
    if (!vigie_week_place_mean (place, hour, &data->values[hour]))
      data->values[hour] = NAN;

  if (wifi)
    {
      data->full = place->capacity > 0 ? place->capacity : MAX (place->peak, 1);
      data->high = place->capacity > 0 ? VIGIE_WIFI_NEAR_CAPACITY : 2;
      data->low = -1;
      data->percent = FALSE;
    }
  else
    {
      data->full = 1;
      data->high = VIGIE_PARKING_SATURATED;
      data->low = VIGIE_PARKING_UNDERUSED;
      data->percent = TRUE;
    }
}

static void
vigie_heat_map_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  VigieHeatMap *self = VIGIE_HEAT_MAP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA ink;
  cairo_t *cr;

  if (!self->has_data || (cr = vigie_widget_append_cairo (widget, snapshot, &ink)) == NULL)
    return;
  vigie_heat_map_draw (&self->data, cr, gtk_widget_get_pango_context (widget), width, height, self->text_px, &ink);
  cairo_destroy (cr);
}

static void
vigie_heat_map_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  VigieHeatMap *self = VIGIE_HEAT_MAP (widget);

  /* Cells of about 18 × 16 pixels, the labels beside and below. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) (self->text_px * 3 + 24 * 8);
      *natural = (int) (self->text_px * 3 + 24 * 18);
    }
  else
    {
      *minimum = *natural = (int) (7 * 16 + self->text_px * 1.6 + 4);
    }
}

/* "samedi 15:00 : 92 %" */
static gboolean
vigie_heat_map_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip)
{
  VigieHeatMap *self = VIGIE_HEAT_MAP (widget);
  double left, top, cell_w, cell_h, value;
  g_autofree char *hour = NULL;
  g_autofree char *figure = NULL;
  g_autofree char *text = NULL;
  int column, row;

  if (!self->has_data || keyboard)
    return FALSE;

  grid_box (gtk_widget_get_pango_context (widget), gtk_widget_get_width (widget),
            gtk_widget_get_height (widget), self->text_px, &left, &top, &cell_w, &cell_h);
  column = (int) floor ((x - left) / cell_w);
  row = (int) floor ((y - top) / cell_h);
  if (x < left || column < 0 || column >= 24 || row < 0 || row >= 7)
    return FALSE;

  value = self->data.values[row * 24 + column];
  hour = vigie_chart_format_hour (column);
  if (isnan (value))
    figure = g_strdup (_("no data"));
  else if (self->data.percent)
    figure = vigie_figures_format_percent (value);
  else
    figure = vigie_format_count ((gint64) round (value));
  /* Translators: a heat map's cell: a day, an hour and the mean then,
   * "Saturday 15:00: 92 %" */
  text = g_strdup_printf (_("%s %s: %s"), vigie_week_day_name (row), hour, figure);
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
vigie_heat_map_class_init (VigieHeatMapClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = vigie_heat_map_snapshot;
  widget_class->measure = vigie_heat_map_measure;
  widget_class->query_tooltip = vigie_heat_map_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "vigieheatmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
vigie_heat_map_init (VigieHeatMap *self)
{
  self->text_px = 12;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
vigie_heat_map_new (void)
{
  return g_object_new (VIGIE_TYPE_HEAT_MAP, NULL);
}

/**
 * vigie_heat_map_set_data:
 * @self: a #VigieHeatMap
 * @data: the week to show, copied
 */
void
vigie_heat_map_set_data (VigieHeatMap           *self,
                         const VigieHeatMapData *data)
{
  g_return_if_fail (VIGIE_IS_HEAT_MAP (self));
  g_return_if_fail (data != NULL);

  self->data = *data;
  self->has_data = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * vigie_heat_map_get_n_cells:
 *
 * Returns: the cells drawn: 7 × 24 once it has data, else 0
 */
guint
vigie_heat_map_get_n_cells (VigieHeatMap *self)
{
  g_return_val_if_fail (VIGIE_IS_HEAT_MAP (self), 0);

  return self->has_data ? VIGIE_WEEK_HOURS : 0;
}

/**
 * vigie_heat_map_get_n_known:
 *
 * Returns: the cells with a value
 */
guint
vigie_heat_map_get_n_known (VigieHeatMap *self)
{
  guint n = 0;

  g_return_val_if_fail (VIGIE_IS_HEAT_MAP (self), 0);

  if (!self->has_data)
    return 0;
  for (guint hour = 0; hour < VIGIE_WEEK_HOURS; hour++)
    n += !isnan (self->data.values[hour]);

  return n;
}
