/* vigie-replay-day.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-replay-day"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-clock.h"
#include "vigie-history-days.h"
#include "vigie-replay-day.h"

/* The replay's date picker, beside its slider: a calendar in a popover
 * whose days with history are marked, the months read in a worker as
 * they are shown (vigie-history-days.c). A day without history, or one
 * to come, says so and cannot be replayed; a day chosen emits
 * "day-chosen" with its start, and "Last 24 Hours" with 0. */

struct _VigieReplayDay
{
  GtkWidget     parent_instance;

  VigieHistory *history;
  GCancellable *cancellable;

  GtkWidget    *button;
  GtkWidget    *calendar;
  GtkWidget    *status;
  GtkWidget    *replay_button;

  int           year, month;  /* the month read; 0 while none */
  guint32       days;         /* its days with data */
  gboolean      loaded;
};

G_DEFINE_FINAL_TYPE (VigieReplayDay, vigie_replay_day, GTK_TYPE_WIDGET)

enum {
  DAY_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GDateTime *
selected_day (VigieReplayDay *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (GTK_CALENDAR (self->calendar));

  /* The calendar's date is the day in the local time zone. */
  return g_date_time_new_local (g_date_time_get_year (date), g_date_time_get_month (date),
                                g_date_time_get_day_of_month (date), 0, 0, 0);
}

static void
update_status (VigieReplayDay *self)
{
  g_autoptr(GDateTime) day = selected_day (self);
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (vigie_clock_now ());
  gboolean to_come = g_date_time_compare (day, now) > 0;
  gboolean has_data = self->loaded && vigie_replay_day_has_data (self, g_date_time_get_day_of_month (day));
  const char *status;

  if (!self->loaded)
    status = "";
  else if (to_come)
    status = _("This day is still to come");
  else if (!has_data)
    status = _("No history for this day");
  else
    status = _("Replayed by five minutes");

  gtk_label_set_label (GTK_LABEL (self->status), status);
  gtk_widget_set_sensitive (self->replay_button, has_data && !to_come);
}

/* GTK 4.8 marks a day in its model but shows it only once the month is
 * laid out again (fixed in later GTK): the day labels, documented CSS
 * nodes, are given their state here. */
static void
show_marks (GtkWidget *widget,
            guint32    days)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "day-number"))
        {
          guint64 day = g_ascii_strtoull (gtk_label_get_label (GTK_LABEL (child)), NULL, 10);

          if (!gtk_widget_has_css_class (child, "other-month") && day >= 1 && day <= 31 &&
              (days & (1u << (day - 1))) != 0)
            gtk_widget_set_state_flags (child, GTK_STATE_FLAG_CHECKED, FALSE);
          else
            gtk_widget_unset_state_flags (child, GTK_STATE_FLAG_CHECKED);
        }
      else
        show_marks (child, days);
    }
}

static void
on_days_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  VigieReplayDay *self;
  guint32 days = 0;

  if (!vigie_history_load_days_finish (VIGIE_HISTORY (source), result, &days, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("History: %s", error->message);
    }

  self = user_data;
  self->days = days;
  self->loaded = TRUE;

  gtk_calendar_clear_marks (GTK_CALENDAR (self->calendar));
  for (guint i = 0; i < 31; i++)
    if (days & (1u << i))
      gtk_calendar_mark_day (GTK_CALENDAR (self->calendar), i + 1);
  show_marks (self->calendar, days);
  update_status (self);
}

/* The month shown changed: its days are read again. */
static void
load_month (VigieReplayDay *self)
{
  g_autoptr(GDateTime) day = selected_day (self);

  if (self->history == NULL)
    return;
  if (g_date_time_get_year (day) == self->year && g_date_time_get_month (day) == self->month)
    {
      update_status (self);
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->year = g_date_time_get_year (day);
  self->month = g_date_time_get_month (day);
  self->loaded = FALSE;
  self->days = 0;
  gtk_calendar_clear_marks (GTK_CALENDAR (self->calendar));
  show_marks (self->calendar, 0);
  update_status (self);
  vigie_history_load_days_async (self->history, day, self->cancellable, on_days_loaded_cb, self);
}

static void
on_replay_clicked_cb (VigieReplayDay *self)
{
  vigie_replay_day_choose (self);
}

static void
on_last_day_clicked_cb (VigieReplayDay *self)
{
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
  g_signal_emit (self, signals[DAY_CHOSEN], 0, (gint64) 0);
}

static void
on_popover_show_cb (VigieReplayDay *self)
{
  /* What was recorded since the popover last showed. */
  self->year = 0;
  load_month (self);
}

static void
vigie_replay_day_dispose (GObject *object)
{
  VigieReplayDay *self = VIGIE_REPLAY_DAY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->button, gtk_widget_unparent);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (vigie_replay_day_parent_class)->dispose (object);
}

static void
vigie_replay_day_class_init (VigieReplayDayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_replay_day_dispose;

  /**
   * VigieReplayDay::day-chosen:
   * @start: the day's start, Unix seconds; 0 for the last 24 hours
   */
  signals[DAY_CHOSEN] = g_signal_new ("day-chosen",
                                      G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
vigie_replay_day_init (VigieReplayDay *self)
{
  GtkWidget *popover, *box, *buttons, *last_button;

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->button), "x-office-calendar-symbolic");
  gtk_widget_set_tooltip_text (self->button, _("Replay an Earlier Day"));
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));

  popover = gtk_popover_new ();
  g_signal_connect_swapped (popover, "show", G_CALLBACK (on_popover_show_cb), self);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), popover);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  self->calendar = gtk_calendar_new ();
  gtk_widget_add_css_class (self->calendar, "vigie-replay-days");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Day to replay"), -1);
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (load_month), self);
  g_signal_connect_swapped (self->calendar, "next-month", G_CALLBACK (load_month), self);
  g_signal_connect_swapped (self->calendar, "prev-month", G_CALLBACK (load_month), self);
  g_signal_connect_swapped (self->calendar, "next-year", G_CALLBACK (load_month), self);
  g_signal_connect_swapped (self->calendar, "prev-year", G_CALLBACK (load_month), self);
  gtk_box_append (GTK_BOX (box), self->calendar);

  self->status = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->status), TRUE);
  gtk_widget_add_css_class (self->status, "dim-label");
  gtk_box_append (GTK_BOX (box), self->status);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_box_append (GTK_BOX (box), buttons);
  last_button = gtk_button_new_with_mnemonic (_("_Last 24 Hours"));
  g_signal_connect_swapped (last_button, "clicked", G_CALLBACK (on_last_day_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), last_button);
  self->replay_button = gtk_button_new_with_mnemonic (_("_Replay This Day"));
  gtk_widget_add_css_class (self->replay_button, "suggested-action");
  gtk_widget_set_sensitive (self->replay_button, FALSE);
  g_signal_connect_swapped (self->replay_button, "clicked", G_CALLBACK (on_replay_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->replay_button);
}

GtkWidget *
vigie_replay_day_new (void)
{
  return g_object_new (VIGIE_TYPE_REPLAY_DAY, NULL);
}

void
vigie_replay_day_set_history (VigieReplayDay *self,
                              VigieHistory   *history)
{
  g_return_if_fail (VIGIE_IS_REPLAY_DAY (self));
  g_return_if_fail (history == NULL || VIGIE_IS_HISTORY (history));

  if (g_set_object (&self->history, history))
    {
      self->year = 0;
      load_month (self);
    }
}

/**
 * vigie_replay_day_select:
 * @day: a day, local
 *
 * Shows @day in the calendar, its month read if it was not.
 */
void
vigie_replay_day_select (VigieReplayDay *self,
                         GDateTime      *day)
{
  g_return_if_fail (VIGIE_IS_REPLAY_DAY (self));
  g_return_if_fail (day != NULL);

  gtk_calendar_select_day (GTK_CALENDAR (self->calendar), day);
  load_month (self);
}

/* For tests: the month shown has been read. */
gboolean
vigie_replay_day_is_loaded (VigieReplayDay *self)
{
  g_return_val_if_fail (VIGIE_IS_REPLAY_DAY (self), FALSE);

  return self->loaded;
}

gboolean
vigie_replay_day_has_data (VigieReplayDay *self,
                           guint           day_of_month)
{
  g_return_val_if_fail (VIGIE_IS_REPLAY_DAY (self), FALSE);

  return day_of_month >= 1 && day_of_month <= 31 && (self->days & (1u << (day_of_month - 1))) != 0;
}

gboolean
vigie_replay_day_can_replay (VigieReplayDay *self)
{
  g_return_val_if_fail (VIGIE_IS_REPLAY_DAY (self), FALSE);

  return gtk_widget_get_sensitive (self->replay_button);
}

const char *
vigie_replay_day_get_status (VigieReplayDay *self)
{
  g_return_val_if_fail (VIGIE_IS_REPLAY_DAY (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->status));
}

/**
 * vigie_replay_day_choose:
 *
 * Replays the day selected, if it can be.
 */
void
vigie_replay_day_choose (VigieReplayDay *self)
{
  g_autoptr(GDateTime) day = NULL;

  g_return_if_fail (VIGIE_IS_REPLAY_DAY (self));

  if (!vigie_replay_day_can_replay (self))
    return;

  day = selected_day (self);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
  g_signal_emit (self, signals[DAY_CHOSEN], 0, g_date_time_to_unix (day));
}

/* For screenshots and tests: the calendar open. */
void
vigie_replay_day_popup (VigieReplayDay *self)
{
  g_return_if_fail (VIGIE_IS_REPLAY_DAY (self));

  gtk_menu_button_popup (GTK_MENU_BUTTON (self->button));
}
