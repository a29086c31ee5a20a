/* vigie-day-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-day-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-clock.h"
#include "vigie-day-chart.h"
#include "vigie-enums.h"
#include "vigie-typical-day.h"
#include "vigie-widget-cairo.h"

/* One measure of today as a line over the hours of the day, for the
 * meeting mode: a title with its unit, round ticks, the hours in the
 * user's words ("6 h"), the line broken where data is missing, and the
 * last value written at its end. Drawn with cairo, no web view. */

/* A gap in the data longer than this breaks the line: 15 minutes. */
#define MAX_GAP_POINTS 3

struct _VigieDayChart
{
  GtkWidget       parent_instance;

  VigieMeasure    measure;
  VigieDaySeries *series;     /* unowned: the figures' own */
  double          text_px;
  gboolean        has_typical;
  guint           typical_weeks;
  double          typical[VIGIE_DAY_SERIES_N_POINTS];
};

G_DEFINE_FINAL_TYPE (VigieDayChart, vigie_day_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MEASURE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static PangoLayout *
create_layout (PangoContext *context,
               const char   *text,
               double        px,
               gboolean      bold)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_size_new_absolute ((int) round (px * PANGO_SCALE)));
  if (bold)
    pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_attributes (layout, attributes);

  return layout;
}

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y,
           double       align)     /* 0 left, 0.5 centre, 1 right of x */
{
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, round (x - align * width), round (y - height / 2.0));
  pango_cairo_show_layout (cr, layout);
}

/* A series as a line broken over gaps of more than MAX_GAP_POINTS; with
 * @dot_alone, a point alone is a dot (a segment of no length, drawn by
 * the round cap). */
static void
trace_series (cairo_t      *cr,
              const double *values,
              guint         n,
              double        top,
              double        left,
              double        right,
              double        plot_top,
              double        plot_bottom,
              gboolean      dot_alone)
{
  guint previous = G_MAXUINT;

  for (guint i = 0; i < n; i++)
    {
      double x, y;

      if (isnan (values[i]))
        continue;

      x = left + (right - left) * (i + 0.5) / n;
      y = plot_bottom - (plot_bottom - plot_top) * MIN (values[i], top) / top;
      if (previous != G_MAXUINT && i - previous <= MAX_GAP_POINTS)
        cairo_line_to (cr, x, y);
      else if (dot_alone)
        {
          cairo_new_sub_path (cr);
          cairo_move_to (cr, x, y);
          cairo_line_to (cr, x, y);
        }
      else
        cairo_move_to (cr, x, y);
      previous = i;
    }
  cairo_stroke (cr);
}

/* A legend's sample of a line: solid, or dashed for the typical day. */
static double
draw_key (cairo_t       *cr,
          PangoContext  *context,
          const char    *text,
          double         x,
          double         y,
          double         px,
          gboolean       dashed,
          const GdkRGBA *line,
          const GdkRGBA *ink)
{
  g_autoptr(PangoLayout) label = create_layout (context, text, px, FALSE);
  double dashes[] = { px * 0.5, px * 0.35 };
  int w, h;

  pango_layout_get_pixel_size (label, &w, &h);
  cairo_save (cr);
  gdk_cairo_set_source_rgba (cr, line);
  cairo_set_line_width (cr, MAX (2, px / 6));
  if (dashed)
    cairo_set_dash (cr, dashes, 2, 0);
  cairo_move_to (cr, x, y + h / 2.0);
  cairo_line_to (cr, x + px * 1.6, y + h / 2.0);
  cairo_stroke (cr);
  cairo_restore (cr);
  gdk_cairo_set_source_rgba (cr, ink);
  cairo_move_to (cr, x + px * 2, y);
  pango_cairo_show_layout (cr, label);

  return x + px * 2 + w + px;
}

/**
 * vigie_day_chart_draw:
 * @measure: what
 * @series: (nullable): today's points
 * @typical: (nullable) (array fixed-size=288): the typical day of the
 *   same weekday, drawn dashed under today
 * @typical_weeks: how many past weeks it is made of
 * @cr: where to draw, from (0, 0)
 * @context: the Pango context of @cr
 * @width: the chart's size
 * @height: its height
 * @text_px: its title's size; the ticks' are a little smaller
 * @ink: the text's colour
 *
 * Draws a chart of today, on screen or in a report.
 */
void
vigie_day_chart_draw (VigieMeasure    measure,
                      VigieDaySeries *series,
                      const double   *typical,
                      guint           typical_weeks,
                      cairo_t        *cr,
                      PangoContext   *context,
                      double          width,
                      double          height,
                      double          text_px,
                      const GdkRGBA  *ink_color)
{
  const GdkRGBA typical_color = { 0.45, 0.45, 0.50, 1 };
  gboolean has_typical = FALSE;
  double legend_height = 0;
  const GdkRGBA line_color = { 0.11, 0.44, 0.85, 1 };   /* the figures' blue */
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) probe = NULL;
  GdkRGBA ink = *ink_color;
  const double *values = NULL;
  guint n = 0, last = G_MAXUINT;
  double max = 0, top, step, small = text_px * 0.8;
  double left, right, plot_top, plot_bottom;
  int title_height, label_width = 0, label_height, hour_step;

  title = create_layout (context, vigie_measure_get_title (measure), text_px, TRUE);
  /* Two lines at most: a narrow chart keeps its whole title. */
  pango_layout_set_width (title, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (title, PANGO_WRAP_WORD);
  pango_layout_set_height (title, -2);
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  gdk_cairo_set_source_rgba (cr, &ink);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, title);
  pango_layout_get_pixel_size (title, NULL, &title_height);

  if (series != NULL)
    values = vigie_day_series_get_values (series, measure, &n);
  for (guint i = 0; i < n; i++)
    if (!isnan (values[i]))
      {
        max = MAX (max, values[i]);
        last = i;
      }
  if (typical != NULL && typical_weeks > 0)
    for (guint i = 0; i < VIGIE_DAY_SERIES_N_POINTS; i++)
      if (!isnan (typical[i]))
        {
          max = MAX (max, typical[i]);
          has_typical = TRUE;
        }

  /* Today and its typical day, named under the title. */
  if (has_typical)
    {
      g_autofree char *typical_text = vigie_typical_day_label (typical_weeks);
      g_autoptr(PangoLayout) probe_key = create_layout (context, typical_text, small, FALSE);
      double x, key_size = small;
      int key_h;
      int key_w;

      pango_layout_get_pixel_size (probe_key, &key_w, &key_h);
      x = draw_key (cr, context, _("today"), 0, title_height + 2, small, FALSE, &line_color, &ink);
      legend_height = key_h + 4;
      /* On a line of its own where both do not fit; a little smaller
       * where even that is too narrow, never cut. */
      if (x + small * 2 + key_w > width)
        {
          x = 0;
          legend_height += key_h;
          if (small * 2 + key_w > width && key_w > 0)
            key_size = MAX (small * 0.7, width / (2.0 + key_w / small));
        }
      draw_key (cr, context, typical_text, x, title_height + legend_height - key_h - 2, key_size, TRUE,
                &typical_color, &ink);
    }

  if (last == G_MAXUINT && !has_typical)
    {
      g_autoptr(PangoLayout) none = create_layout (context, _("No data yet today"), small, FALSE);

      cairo_set_source_rgba (cr, ink.red, ink.green, ink.blue, 0.6);
      draw_text (cr, none, 0, title_height + (height - title_height) / 2, 0);
      return;
    }

  if (vigie_measure_is_percentage (measure))
    {
      top = 100;
      step = 25;
    }
  else
    {
      vigie_chart_scale (max, &top, &step);
    }

  /* Room for the widest tick label on the left, the hours below. */
  for (double tick = 0; tick <= top + step / 2; tick += step)
    {
      g_autofree char *text = vigie_chart_format_value (measure, tick);
      g_autoptr(PangoLayout) label = create_layout (context, text, small, FALSE);
      int w;

      pango_layout_get_pixel_size (label, &w, NULL);
      label_width = MAX (label_width, w);
    }
  probe = create_layout (context, "0", small, FALSE);
  pango_layout_get_pixel_size (probe, NULL, &label_height);

  left = label_width + 10;
  right = width - text_px * 1.5;   /* the last hour's label is centred on the edge */
  plot_top = title_height + legend_height + label_height;
  plot_bottom = height - label_height - 6;
  if (right - left < 40 || plot_bottom - plot_top < 30)
    return;

  /* Ticks and their lines. */
  cairo_set_line_width (cr, 1);
  for (double tick = 0; tick <= top + step / 2; tick += step)
    {
      g_autofree char *text = vigie_chart_format_value (measure, tick);
      g_autoptr(PangoLayout) label = create_layout (context, text, small, FALSE);
      double y = round (plot_bottom - (plot_bottom - plot_top) * tick / top) + 0.5;

      cairo_set_source_rgba (cr, ink.red, ink.green, ink.blue, tick == 0 ? 0.5 : 0.15);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
      cairo_stroke (cr);
      gdk_cairo_set_source_rgba (cr, &ink);
      draw_text (cr, label, left - 8, y, 1);
    }

  /* Every 6 hours where the labels have room, else every 12. */
  {
    g_autofree char *widest = vigie_chart_format_hour (18);
    g_autoptr(PangoLayout) label = create_layout (context, widest, small, FALSE);
    int w;

    pango_layout_get_pixel_size (label, &w, NULL);
    hour_step = (right - left) / 4 >= w * 1.4 ? 6 : 12;
  }

  for (int hour = 0; hour <= 24; hour += hour_step)
    {
      g_autofree char *text = vigie_chart_format_hour (hour);
      g_autoptr(PangoLayout) label = create_layout (context, text, small, FALSE);
      double x = left + (right - left) * hour / 24.0;

      gdk_cairo_set_source_rgba (cr, &ink);
      draw_text (cr, label, x, plot_bottom + 6 + label_height / 2.0, 0.5);
    }

  /* The typical day, dashed and grey, under today. */
  if (has_typical)
    {
      double dashes[] = { text_px * 0.5, text_px * 0.35 };

      cairo_save (cr);
      gdk_cairo_set_source_rgba (cr, &typical_color);
      cairo_set_line_width (cr, MAX (2, text_px / 9));
      cairo_set_dash (cr, dashes, 2, 0);
      trace_series (cr, typical, VIGIE_DAY_SERIES_N_POINTS, top, left, right, plot_top, plot_bottom, FALSE);
      cairo_restore (cr);
    }

  if (last == G_MAXUINT)
    return;

  /* The line, broken over gaps; a point alone is a dot. */
  gdk_cairo_set_source_rgba (cr, &line_color);
  cairo_set_line_width (cr, MAX (3, text_px / 7));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  trace_series (cr, values, n, top, left, right, plot_top, plot_bottom, TRUE);

  /* The last value, written at its end. */
  {
    g_autofree char *text = vigie_chart_format_value (measure, values[last]);
    g_autoptr(PangoLayout) label = create_layout (context, text, text_px, TRUE);
    double x = left + (right - left) * (last + 0.5) / n;
    double y = plot_bottom - (plot_bottom - plot_top) * MIN (values[last], top) / top;
    int w;

    cairo_arc (cr, x, y, MAX (5, text_px / 4), 0, 2 * G_PI);
    cairo_fill (cr);
    pango_layout_get_pixel_size (label, &w, NULL);
    draw_text (cr, label, MIN (x + 10, width - w), MAX (y - text_px, plot_top), 0);
  }
}

static void
vigie_day_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  VigieDayChart *self = VIGIE_DAY_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA ink;
  cairo_t *cr;

  if ((cr = vigie_widget_append_cairo (widget, snapshot, &ink)) == NULL)
    return;
  vigie_day_chart_draw (self->measure, self->series, self->has_typical ? self->typical : NULL,
                        self->typical_weeks, cr, gtk_widget_get_pango_context (widget),
                        width, height, self->text_px, &ink);
  cairo_destroy (cr);
}

static void
vigie_day_chart_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VigieDayChart *self = VIGIE_DAY_CHART (object);

  switch (prop_id)
    {
    case PROP_MEASURE:
      g_value_set_enum (value, self->measure);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_day_chart_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VigieDayChart *self = VIGIE_DAY_CHART (object);

  switch (prop_id)
    {
    case PROP_MEASURE:
      self->measure = g_value_get_enum (value);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      vigie_measure_get_title (self->measure), -1);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_day_chart_class_init (VigieDayChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = vigie_day_chart_get_property;
  object_class->set_property = vigie_day_chart_set_property;

  widget_class->snapshot = vigie_day_chart_snapshot;

  properties [PROP_MEASURE] =
    g_param_spec_enum ("measure", NULL, NULL,
                       VIGIE_TYPE_MEASURE, VIGIE_MEASURE_TRAMS_ON_TIME,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "vigiedaychart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
vigie_day_chart_init (VigieDayChart *self)
{
  self->text_px = 20;
}

GtkWidget *
vigie_day_chart_new (VigieMeasure measure)
{
  return g_object_new (VIGIE_TYPE_DAY_CHART, "measure", measure, NULL);
}

VigieMeasure
vigie_day_chart_get_measure (VigieDayChart *self)
{
  g_return_val_if_fail (VIGIE_IS_DAY_CHART (self), 0);

  return self->measure;
}

/**
 * vigie_day_chart_set_series:
 * @self: a #VigieDayChart
 * @series: (nullable): today's points; must outlive the chart's use
 *
 * Draws @series again, as it is now.
 */
void
vigie_day_chart_set_series (VigieDayChart  *self,
                            VigieDaySeries *series)
{
  g_return_if_fail (VIGIE_IS_DAY_CHART (self));

  self->series = series;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
vigie_day_chart_set_text_px (VigieDayChart *self,
                             double         text_px)
{
  g_return_if_fail (VIGIE_IS_DAY_CHART (self));

  self->text_px = text_px;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * vigie_day_chart_set_typical:
 * @self: a #VigieDayChart
 * @values: (nullable) (array fixed-size=288): the typical day of the
 *   same weekday, copied; %NULL for none
 * @n_weeks: how many past weeks it is made of
 */
void
vigie_day_chart_set_typical (VigieDayChart *self,
                             const double  *values,
                             guint          n_weeks)
{
  g_autofree char *label = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (VIGIE_IS_DAY_CHART (self));

  self->has_typical = values != NULL && n_weeks > 0;
  self->typical_weeks = self->has_typical ? n_weeks : 0;
  if (self->has_typical)
    memcpy (self->typical, values, sizeof self->typical);

  /* Said as drawn: "today against a typical day (1 week)". */
  if (self->has_typical)
    {
      label = vigie_typical_day_label (n_weeks);
      /* Translators: a chart's description; %s is "typical day (1 week)" */
      description = g_strdup_printf (_("Today against the %s"), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * vigie_day_chart_get_typical:
 * @n_weeks: (out) (optional): how many past weeks it is made of
 *
 * Returns: (nullable) (array fixed-size=288): the typical day drawn
 */
const double *
vigie_day_chart_get_typical (VigieDayChart *self,
                             guint         *n_weeks)
{
  g_return_val_if_fail (VIGIE_IS_DAY_CHART (self), NULL);

  if (n_weeks != NULL)
    *n_weeks = self->typical_weeks;
  return self->has_typical ? self->typical : NULL;
}
