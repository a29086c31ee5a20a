/* vigie-charts-strip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-charts-strip"

#include "config.h"

#include <math.h>

#include "vigie-charts-strip.h"
#include "vigie-day-chart.h"

/* Today's charts, drawn again when the figures change and the strip is
 * shown; sized by the meeting from the same screen as its figures. */

struct _VigieChartsStrip
{
  GtkWidget         parent_instance;

  VigieCityFigures *figures;
  gboolean          dirty;

  /* Template widgets */
  GtkWidget        *box;
};

G_DEFINE_FINAL_TYPE (VigieChartsStrip, vigie_charts_strip, GTK_TYPE_WIDGET)

static void
redraw (VigieChartsStrip *self)
{
  self->dirty = FALSE;
  for (GtkWidget *chart = gtk_widget_get_first_child (self->box); chart != NULL;
       chart = gtk_widget_get_next_sibling (chart))
    vigie_day_chart_set_series (VIGIE_DAY_CHART (chart), vigie_city_figures_get_today (self->figures));
}

static void
on_figures_changed_cb (VigieChartsStrip *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    redraw (self);
  else
    self->dirty = TRUE;
}

static void
vigie_charts_strip_map (GtkWidget *widget)
{
  VigieChartsStrip *self = VIGIE_CHARTS_STRIP (widget);

  GTK_WIDGET_CLASS (vigie_charts_strip_parent_class)->map (widget);

  if (self->dirty)
    redraw (self);
}

static void
vigie_charts_strip_dispose (GObject *object)
{
  VigieChartsStrip *self = (VigieChartsStrip *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_CHARTS_STRIP);
  g_clear_object (&self->figures);

  G_OBJECT_CLASS (vigie_charts_strip_parent_class)->dispose (object);
}

static void
vigie_charts_strip_class_init (VigieChartsStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_charts_strip_dispose;
  widget_class->map = vigie_charts_strip_map;

  g_type_ensure (VIGIE_TYPE_DAY_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/vigie-charts-strip.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieChartsStrip, box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vigiechartsstrip");
}

static void
vigie_charts_strip_init (VigieChartsStrip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->dirty = TRUE;
}

GtkWidget *
vigie_charts_strip_new (VigieCityFigures *figures)
{
  VigieChartsStrip *self;

  g_return_val_if_fail (VIGIE_IS_CITY_FIGURES (figures), NULL);

  self = g_object_new (VIGIE_TYPE_CHARTS_STRIP, NULL);
  self->figures = g_object_ref (figures);
  g_signal_connect_object (figures, "changed", G_CALLBACK (on_figures_changed_cb), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

/**
 * vigie_charts_strip_set_sizes:
 * @self: a #VigieChartsStrip
 * @figure_px: the meeting's figures' size
 * @label_px: its words'
 *
 * Four figures high, its words a little smaller than the tiles'.
 */
void
vigie_charts_strip_set_sizes (VigieChartsStrip *self,
                              double            figure_px,
                              double            label_px)
{
  g_return_if_fail (VIGIE_IS_CHARTS_STRIP (self));

  gtk_widget_set_size_request (GTK_WIDGET (self), -1, (int) round (figure_px * 4));
  for (GtkWidget *chart = gtk_widget_get_first_child (self->box); chart != NULL;
       chart = gtk_widget_get_next_sibling (chart))
    vigie_day_chart_set_text_px (VIGIE_DAY_CHART (chart), round (label_px * 0.8));
}
