/* vigie-history-section.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history-section"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-application.h"
#include "vigie-clock.h"
#include "vigie-history-return.h"
#include "vigie-history-section.h"
#include "vigie-history-words.h"
#include "vigie-sparkline.h"

/* The details popover's memory: a sparkline of the item's main value
 * over the last 24 hours, its lowest, highest and present values, and
 * since when a station is empty or full. The history is read in a worker
 * (vigie_history_load_sparkline_async()); the section stays hidden until
 * there is something to show, and read again at most every
 * REREAD_S while the popover follows one item. An empty car-share
 * station also says when a car comes back (vigie-history-return.c). */

#define REREAD_S 30

struct _VigieHistorySection
{
  GtkBox                  parent_instance;

  VigieHistory           *history;
  GCancellable           *cancellable;
  char                   *shown_key;      /* feed and series read last */
  gint64                  read_at;        /* monotonic, s */
  VigieHistoryMainSeries  series;
  gboolean                loaded;
  gboolean                has_sparkline;
  GCancellable           *return_cancellable;

  VigieSparkline         *sparkline;
  GtkLabel               *start_label;
  GtkLabel               *middle_label;
  GtkLabel               *end_label;
  GtkLabel               *range_label;
  GtkLabel               *condition_label;
  GtkLabel               *return_label;
};

G_DEFINE_FINAL_TYPE (VigieHistorySection, vigie_history_section, GTK_TYPE_BOX)

static VigieHistory *
get_history (VigieHistorySection *self)
{
  GApplication *app;

  if (self->history != NULL)
    return self->history;

  /* In the app, the one its context records into. */
  app = g_application_get_default ();
  if (VIGIE_IS_APPLICATION (app) && vigie_application_get_context (VIGIE_APPLICATION (app)) != NULL)
    return vigie_context_get_history (vigie_application_get_context (VIGIE_APPLICATION (app)));

  return NULL;
}

static void
set_time_label (GtkLabel *label,
                gint64    time)
{
  g_autofree char *text = vigie_history_format_time (time);

  gtk_label_set_text (label, text);
}

static void
update_visible (VigieHistorySection *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self),
                          self->has_sparkline || gtk_widget_get_visible (GTK_WIDGET (self->return_label)));
}

static void
set_return_text (VigieHistorySection      *self,
                 const VigieHistoryReturn *result)
{
  g_autofree char *text = vigie_history_return_describe (result);

  gtk_label_set_text (self->return_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->return_label), text != NULL);
  update_visible (self);
}

static void
on_return_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(VigieHistorySection) self = user_data;
  g_autoptr(GError) error = NULL;
  VigieHistoryReturn estimate;

  if (!vigie_history_load_return_finish (VIGIE_HISTORY (object), result, &estimate, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("History: %s", error->message);
    }

  g_clear_object (&self->return_cancellable);
  set_return_text (self, &estimate);
}

/* An empty car-share station: the operator's word, else the history's
 * estimate, read in a worker. */
static void
show_return (VigieHistorySection *self,
             VigieHistory        *history,
             VigieFeed           *feed,
             VigieEntity         *entity)
{
  VigieHistoryReturn published;
  gint64 now = vigie_clock_now ();

  g_cancellable_cancel (self->return_cancellable);
  g_clear_object (&self->return_cancellable);

  if (vigie_feed_get_kind (feed) != VIGIE_FEED_KIND_CAR_SHARE || !vigie_history_return_wanted (entity))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->return_label), FALSE);
      update_visible (self);
      return;
    }

  if (vigie_history_return_published (entity, now, &published))
    {
      set_return_text (self, &published);
      return;
    }

  self->return_cancellable = g_cancellable_new ();
  vigie_history_load_return_async (history, vigie_feed_get_id (feed), vigie_entity_get_key (entity),
                                   now, self->return_cancellable, on_return_loaded_cb, g_object_ref (self));
}

static void
show_sparkline (VigieHistorySection         *self,
                const VigieHistorySparkline *sparkline)
{
  g_autofree char *range = vigie_history_describe_range (self->series.field, sparkline);
  g_autofree char *condition = NULL;

  self->loaded = TRUE;
  self->has_sparkline = sparkline->has_data;
  update_visible (self);
  vigie_sparkline_set_data (self->sparkline, sparkline);
  set_time_label (self->start_label, sparkline->from);
  set_time_label (self->middle_label, sparkline->from + (sparkline->to - sparkline->from) / 2);
  set_time_label (self->end_label, sparkline->to);
  gtk_label_set_text (self->range_label, range != NULL ? range : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sparkline),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, range != NULL ? range : "",
                                  -1);

  condition = vigie_history_describe_condition (self->series.condition, sparkline->condition_since,
                                                vigie_clock_now ());
  gtk_label_set_text (self->condition_label, condition != NULL ? condition : "");
  gtk_widget_set_visible (GTK_WIDGET (self->condition_label), condition != NULL);
}

static void
on_sparkline_loaded_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(VigieHistorySection) self = user_data;
  g_autoptr(VigieHistorySparkline) sparkline = NULL;
  g_autoptr(GError) error = NULL;

  sparkline = vigie_history_load_sparkline_finish (VIGIE_HISTORY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (sparkline == NULL)
    {
      g_message ("History: %s", error->message);
      self->loaded = TRUE;
      self->has_sparkline = FALSE;
      update_visible (self);
      return;
    }

  show_sparkline (self, sparkline);
}

static void
hide (VigieHistorySection *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->return_cancellable);
  g_clear_object (&self->return_cancellable);
  g_clear_pointer (&self->shown_key, g_free);
  vigie_history_main_series_clear (&self->series);
  self->loaded = FALSE;
  self->has_sparkline = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->return_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
vigie_history_section_dispose (GObject *object)
{
  VigieHistorySection *self = VIGIE_HISTORY_SECTION (object);

  hide (self);
  g_clear_object (&self->history);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_HISTORY_SECTION);

  G_OBJECT_CLASS (vigie_history_section_parent_class)->dispose (object);
}

static void
vigie_history_section_class_init (VigieHistorySectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_history_section_dispose;

  g_type_ensure (VIGIE_TYPE_SPARKLINE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/map/vigie-history-section.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieHistorySection, sparkline);
  gtk_widget_class_bind_template_child (widget_class, VigieHistorySection, start_label);
  gtk_widget_class_bind_template_child (widget_class, VigieHistorySection, middle_label);
  gtk_widget_class_bind_template_child (widget_class, VigieHistorySection, end_label);
  gtk_widget_class_bind_template_child (widget_class, VigieHistorySection, range_label);
  gtk_widget_class_bind_template_child (widget_class, VigieHistorySection, condition_label);
  gtk_widget_class_bind_template_child (widget_class, VigieHistorySection, return_label);
}

static void
vigie_history_section_init (VigieHistorySection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
vigie_history_section_new (void)
{
  return g_object_new (VIGIE_TYPE_HISTORY_SECTION, NULL);
}

/**
 * vigie_history_section_set_history:
 * @history: (nullable): where to read, or %NULL for the app's
 */
void
vigie_history_section_set_history (VigieHistorySection *self,
                                   VigieHistory        *history)
{
  g_return_if_fail (VIGIE_IS_HISTORY_SECTION (self));
  g_return_if_fail (history == NULL || VIGIE_IS_HISTORY (history));

  if (g_set_object (&self->history, history))
    hide (self);
}

/**
 * vigie_history_section_show_entity:
 * @feed: (nullable): the entity's feed
 * @entity: the entity the popover shows
 *
 * Reads @entity's last 24 hours, unless they were read a moment ago.
 */
void
vigie_history_section_show_entity (VigieHistorySection *self,
                                   VigieFeed           *feed,
                                   VigieEntity         *entity)
{
  VigieHistory *history = get_history (self);
  VigieHistoryMainSeries series;
  g_autofree char *key = NULL;
  gint64 now_s = g_get_monotonic_time () / G_USEC_PER_SEC;

  g_return_if_fail (VIGIE_IS_HISTORY_SECTION (self));
  g_return_if_fail (feed == NULL || VIGIE_IS_FEED (feed));
  g_return_if_fail (VIGIE_IS_ENTITY (entity));

  if (history == NULL || feed == NULL || !vigie_history_main_series (entity, &series))
    {
      hide (self);
      return;
    }

  key = g_strdup_printf ("%s\037%s\037%s", vigie_feed_get_id (feed), series.entity, series.field);
  if (g_strcmp0 (key, self->shown_key) == 0 && now_s - self->read_at < REREAD_S &&
      series.condition == self->series.condition)
    {
      vigie_history_main_series_clear (&series);
      return;
    }

  /* Another item: what was shown is not its history. */
  if (g_strcmp0 (key, self->shown_key) != 0)
    hide (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_free (self->shown_key);
  self->shown_key = g_steal_pointer (&key);
  self->read_at = now_s;
  vigie_history_main_series_clear (&self->series);
  self->series = series;

  vigie_history_load_sparkline_async (history, vigie_feed_get_id (feed), &self->series,
                                      vigie_clock_now (), self->cancellable,
                                      on_sparkline_loaded_cb, g_object_ref (self));
  show_return (self, history, feed, entity);
}

/* For tests: the last read is shown. */
gboolean
vigie_history_section_is_loaded (VigieHistorySection *self)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY_SECTION (self), FALSE);

  return self->loaded;
}

const char *
vigie_history_section_get_range_text (VigieHistorySection *self)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY_SECTION (self), NULL);

  return gtk_label_get_text (self->range_label);
}

const char *
vigie_history_section_get_condition_text (VigieHistorySection *self)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY_SECTION (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->condition_label))
           ? gtk_label_get_text (self->condition_label) : NULL;
}

/* For tests: when a car comes back, %NULL where nothing is said. */
const char *
vigie_history_section_get_return_text (VigieHistorySection *self)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY_SECTION (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->return_label))
           ? gtk_label_get_text (self->return_label) : NULL;
}

/* For tests: no estimate is being read. */
gboolean
vigie_history_section_is_return_loaded (VigieHistorySection *self)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY_SECTION (self), FALSE);

  return self->return_cancellable == NULL;
}

guint
vigie_history_section_get_n_runs (VigieHistorySection *self)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY_SECTION (self), 0);

  return vigie_sparkline_get_n_runs (self->sparkline);
}
