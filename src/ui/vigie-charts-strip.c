/* vigie-charts-strip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-charts-strip"

#include "config.h"

#include <math.h>

#include "vigie-charts-strip.h"
#include "vigie-clock.h"
#include "vigie-day-chart.h"
#include "vigie-feed.h"
#include "vigie-typical-day.h"

/* Today's charts, drawn again when the figures change and the strip is
 * shown; sized by the meeting from the same screen as its figures. Each
 * stands beside a typical day of the same weekday, read from the history
 * in a worker when the strip is shown, and again each half hour (the
 * history grows) or when the day changes. */

#define TYPICAL_REFRESH_S (30 * 60)

struct _VigieChartsStrip
{
  GtkWidget         parent_instance;

  VigieCityFigures *figures;
  gboolean          dirty;
  VigieHistory     *history;
  VigieFeedManager *manager;
  GCancellable     *cancellable;
  gint64            typical_day;     /* the day start read, 0 none */
  gint64            typical_read_at;

  /* Template widgets */
  GtkWidget        *box;
};

G_DEFINE_FINAL_TYPE (VigieChartsStrip, vigie_charts_strip, GTK_TYPE_WIDGET)

static void load_typical (VigieChartsStrip *self);

static void
redraw (VigieChartsStrip *self)
{
  self->dirty = FALSE;
  load_typical (self);
  for (GtkWidget *chart = gtk_widget_get_first_child (self->box); chart != NULL;
       chart = gtk_widget_get_next_sibling (chart))
    vigie_day_chart_set_series (VIGIE_DAY_CHART (chart), vigie_city_figures_get_today (self->figures));
}

static gint64
local_midnight (gint64 now)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autoptr(GDateTime) midnight = g_date_time_new (g_date_time_get_timezone (local), g_date_time_get_year (local),
                                                   g_date_time_get_month (local),
                                                   g_date_time_get_day_of_month (local), 0, 0, 0);

  return g_date_time_to_unix (midnight);
}

static void
on_typical_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(VigieChartsStrip) self = user_data;
  g_autoptr(VigieTypicalDay) day = NULL;
  g_autoptr(GError) error = NULL;

  day = vigie_typical_day_load_finish (VIGIE_HISTORY (source), result, &error);
  if (day == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("No typical day: %s", error->message);
      return;
    }

  for (GtkWidget *chart = gtk_widget_get_first_child (self->box); chart != NULL;
       chart = gtk_widget_get_next_sibling (chart))
    {
      VigieMeasure measure = vigie_day_chart_get_measure (VIGIE_DAY_CHART (chart));

      vigie_day_chart_set_typical (VIGIE_DAY_CHART (chart), day->values[measure], day->n_weeks[measure]);
    }
}

static void
load_typical (VigieChartsStrip *self)
{
  VigieTypicalDayFeeds feeds = { NULL, };
  GStrvBuilder *by_kind[4];
  static const VigieFeedKind kinds[4] = {
    VIGIE_FEED_KIND_TRAMS, VIGIE_FEED_KIND_BIKES, VIGIE_FEED_KIND_PARKING, VIGIE_FEED_KIND_WIFI,
  };
  GListModel *list;
  gint64 now = vigie_clock_now ();
  gint64 day = local_midnight (now);

  if (self->history == NULL || self->manager == NULL)
    return;
  if (day == self->typical_day && now - self->typical_read_at < TYPICAL_REFRESH_S)
    return;

  self->typical_day = day;
  self->typical_read_at = now;
  list = G_LIST_MODEL (self->manager);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    by_kind[k] = g_strv_builder_new ();
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(VigieFeed) feed = g_list_model_get_item (list, i);

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        if (vigie_feed_get_kind (feed) == kinds[k] && vigie_feed_get_enabled (feed))
          g_strv_builder_add (by_kind[k], vigie_feed_get_id (feed));
    }
  feeds.trams = g_strv_builder_end (by_kind[0]);
  feeds.bikes = g_strv_builder_end (by_kind[1]);
  feeds.parking = g_strv_builder_end (by_kind[2]);
  feeds.wifi = g_strv_builder_end (by_kind[3]);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    g_strv_builder_unref (by_kind[k]);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  vigie_typical_day_load_async (self->history, &feeds, day, self->cancellable, on_typical_loaded_cb,
                                g_object_ref (self));
  g_strfreev (feeds.trams);
  g_strfreev (feeds.bikes);
  g_strfreev (feeds.parking);
  g_strfreev (feeds.wifi);
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
  load_typical (self);
}

static void
vigie_charts_strip_dispose (GObject *object)
{
  VigieChartsStrip *self = (VigieChartsStrip *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_CHARTS_STRIP);
  g_clear_object (&self->figures);
  g_clear_object (&self->history);
  g_clear_object (&self->manager);

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

/**
 * vigie_charts_strip_set_history:
 * @self: a #VigieChartsStrip
 * @history: (nullable): where the typical days are read
 * @manager: the feeds whose history they are read from
 *
 * Draws a typical day of the same weekday beside today, from the next
 * time the strip is shown.
 */
void
vigie_charts_strip_set_history (VigieChartsStrip *self,
                                VigieHistory     *history,
                                VigieFeedManager *manager)
{
  g_return_if_fail (VIGIE_IS_CHARTS_STRIP (self));
  g_return_if_fail (history == NULL || VIGIE_IS_HISTORY (history));
  g_return_if_fail (VIGIE_IS_FEED_MANAGER (manager));

  g_set_object (&self->history, history);
  g_set_object (&self->manager, manager);
  self->typical_day = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_typical (self);
}

/**
 * vigie_charts_strip_get_typical:
 * @self: a #VigieChartsStrip
 * @measure: one of its charts
 * @n_weeks: (out): how many past weeks the typical day is made of
 *
 * Returns: (nullable) (array fixed-size=288): the typical day its chart
 *   of @measure draws, or %NULL while none is read
 */
const double *
vigie_charts_strip_get_typical (VigieChartsStrip *self,
                                VigieMeasure      measure,
                                guint            *n_weeks)
{
  g_return_val_if_fail (VIGIE_IS_CHARTS_STRIP (self), NULL);
  g_return_val_if_fail (n_weeks != NULL, NULL);

  *n_weeks = 0;
  for (GtkWidget *chart = gtk_widget_get_first_child (self->box); chart != NULL;
       chart = gtk_widget_get_next_sibling (chart))
    if (vigie_day_chart_get_measure (VIGIE_DAY_CHART (chart)) == measure)
      return vigie_day_chart_get_typical (VIGIE_DAY_CHART (chart), n_weeks);

  return NULL;
}
