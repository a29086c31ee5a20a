/* vigie-sparkline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-sparkline"

#include "config.h"

#include "vigie-sparkline.h"
#include "vigie-widget-cairo.h"

/* A day of one value, as steps: each run of the history is a flat line
 * from its start to its end, a gap where the value was not known. Drawn
 * in the text's colour, the area under it faint, the last value marked. */

#define HEIGHT 40
#define WIDTH  240
#define PAD    3.0

struct _VigieSparkline
{
  GtkWidget  parent_instance;

  GArray    *runs;       /* VigieHistoryRun */
  gint64     from, to;
  double     min, max;
  gboolean   has_now;
};

G_DEFINE_FINAL_TYPE (VigieSparkline, vigie_sparkline, GTK_TYPE_WIDGET)

static double
x_of (VigieSparkline *self,
      gint64          t,
      double          width)
{
  return (double) (t - self->from) / (double) MAX (self->to - self->from, 1) * width;
}

static double
y_of (VigieSparkline *self,
      double          value,
      double          height)
{
  /* A flat day sits in the middle. */
  if (self->max <= self->min)
    return height / 2;

  return PAD + (1 - (value - self->min) / (self->max - self->min)) * (height - 2 * PAD);
}

static void
vigie_sparkline_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  VigieSparkline *self = VIGIE_SPARKLINE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  GdkRGBA color;
  cairo_t *cr;
  double last_x = 0, last_y = 0;

  if (self->runs == NULL || self->runs->len == 0 ||
      (cr = vigie_widget_append_cairo (widget, snapshot, &color)) == NULL)
    return;

  /* The area under each stretch of known values. */
  for (guint i = 0; i < self->runs->len; i++)
    {
      VigieHistoryRun *run = &g_array_index (self->runs, VigieHistoryRun, i);
      double x0 = x_of (self, run->from, width);
      double x1 = x_of (self, run->until, width);
      double y = y_of (self, run->value, height);

      cairo_rectangle (cr, x0, y, MAX (x1 - x0, 1), height - y);
    }
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.15);
  cairo_fill (cr);

  /* The steps, joined where one run follows the other. */
  for (guint i = 0; i < self->runs->len; i++)
    {
      VigieHistoryRun *run = &g_array_index (self->runs, VigieHistoryRun, i);
      double x0 = x_of (self, run->from, width);
      double x1 = MAX (x_of (self, run->until, width), x0 + 1);
      double y = y_of (self, run->value, height);

      if (i > 0 && g_array_index (self->runs, VigieHistoryRun, i - 1).until == run->from)
        cairo_line_to (cr, x0, y);
      else
        cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
      last_x = x1;
      last_y = y;
    }
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);

  if (self->has_now)
    {
      cairo_arc (cr, MIN (last_x, width - PAD), last_y, 2.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  cairo_destroy (cr);
}

static void
vigie_sparkline_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = WIDTH;
    }
  else
    *minimum = *natural = HEIGHT;
}

static void
vigie_sparkline_finalize (GObject *object)
{
  VigieSparkline *self = VIGIE_SPARKLINE (object);

  g_clear_pointer (&self->runs, g_array_unref);

  G_OBJECT_CLASS (vigie_sparkline_parent_class)->finalize (object);
}

static void
vigie_sparkline_class_init (VigieSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = vigie_sparkline_finalize;
  widget_class->snapshot = vigie_sparkline_snapshot;
  widget_class->measure = vigie_sparkline_measure;

  gtk_widget_class_set_css_name (widget_class, "sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
vigie_sparkline_init (VigieSparkline *self)
{
}

GtkWidget *
vigie_sparkline_new (void)
{
  return g_object_new (VIGIE_TYPE_SPARKLINE, NULL);
}

/**
 * vigie_sparkline_set_data:
 * @sparkline: (nullable): the day to draw, or %NULL for nothing
 */
void
vigie_sparkline_set_data (VigieSparkline              *self,
                          const VigieHistorySparkline *sparkline)
{
  g_return_if_fail (VIGIE_IS_SPARKLINE (self));

  g_clear_pointer (&self->runs, g_array_unref);
  if (sparkline != NULL && sparkline->runs != NULL)
    {
      self->runs = g_array_copy (sparkline->runs);
      self->from = sparkline->from;
      self->to = sparkline->to;
      self->min = sparkline->min;
      self->max = sparkline->max;
      self->has_now = sparkline->has_now;
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
vigie_sparkline_get_n_runs (VigieSparkline *self)
{
  g_return_val_if_fail (VIGIE_IS_SPARKLINE (self), 0);

  return self->runs != NULL ? self->runs->len : 0;
}
