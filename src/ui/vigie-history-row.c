/* vigie-history-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history-row"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-application.h"
#include "vigie-clock.h"
#include "vigie-history-row.h"
#include "vigie-number.h"

/* A feed's last 24 hours in the feed health view: a strip of its states
 * (data coming in, old, failing, unknown), the share of the time its data
 * came in, and what the history could not record: updates dropped when
 * the writer fell behind, or why it stopped. The states are read in a
 * worker, again every minute while the row is shown. */

#define REREAD_S    60
#define STRIP_WIDTH 120

struct _VigieHistoryRow
{
  AdwActionRow  parent_instance;

  VigieFeed    *feed;
  VigieHistory *history;
  GCancellable *cancellable;
  GPtrArray    *events;       /* VigieHistoryFeedEvent */
  gint64        from, to;
  guint         timeout_id;
  gboolean      loaded;

  GtkWidget    *strip;
};

G_DEFINE_FINAL_TYPE (VigieHistoryRow, vigie_history_row, ADW_TYPE_ACTION_ROW)

static void
state_color (const char *state,
             GdkRGBA    *color)
{
  /* libadwaita's palette: green 4, yellow 5, red 3, and a neutral grey. */
  if (g_strcmp0 (state, "ok") == 0)
    gdk_rgba_parse (color, "#2ec27e");
  else if (g_strcmp0 (state, "stale") == 0)
    gdk_rgba_parse (color, "#e5a50a");
  else if (g_strcmp0 (state, "error") == 0)
    gdk_rgba_parse (color, "#e01b24");
  else
    gdk_rgba_parse (color, "rgba(128, 128, 128, 0.35)");
}

static void
draw_strip (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  VigieHistoryRow *self = user_data;
  double span = (double) MAX (self->to - self->from, 1);
  GdkRGBA color;

  state_color (NULL, &color);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  for (guint i = 0; self->events != NULL && i < self->events->len; i++)
    {
      VigieHistoryFeedEvent *event = g_ptr_array_index (self->events, i);
      gint64 start = MAX (event->time, self->from);
      gint64 end = i + 1 < self->events->len
                     ? ((VigieHistoryFeedEvent *) g_ptr_array_index (self->events, i + 1))->time
                     : self->to;
      double x0 = (double) (start - self->from) / span * width;
      double x1 = (double) (MIN (end, self->to) - self->from) / span * width;

      if (x1 <= x0)
        continue;
      state_color (event->state, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_rectangle (cr, x0, 0, MAX (x1 - x0, 1), height);
      cairo_fill (cr);
    }
}

static char *
describe (VigieHistoryRow *self)
{
  const char *error = vigie_history_get_error (self->history);
  guint64 dropped = vigie_history_get_n_dropped (self->history, vigie_feed_get_id (self->feed));
  double share;

  if (error != NULL)
    {
      /* Translators: %s says why, e.g. "The history cannot be written: disk full". */
      return g_strdup_printf (_("Not recorded: %s"), error);
    }

  if (dropped > 0)
    {
      g_autofree char *count = vigie_format_count ((gint64) MIN (dropped, G_MAXINT64));

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s update not recorded: the history could not keep up",
                                           "%s updates not recorded: the history could not keep up",
                                           (gulong) MIN (dropped, G_MAXULONG)),
                              count);
    }

  if (vigie_history_get_notice (self->history) != NULL)
    return g_strdup (vigie_history_get_notice (self->history));

  share = self->events != NULL ? vigie_history_availability (self->events, self->from, self->to) : -1;
  if (share < 0)
    return g_strdup (_("Nothing recorded yet"));

  /* Translators: the share of the last 24 hours a feed's data came in; French puts a narrow no-break space before %. */
  return g_strdup_printf (_("Data came in %d %% of the time"), (int) (share * 100));
}

static void
update_subtitle (VigieHistoryRow *self)
{
  g_autofree char *text = describe (self);

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->strip),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static void
on_events_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(VigieHistoryRow) self = user_data;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;

  events = vigie_history_load_events_finish (VIGIE_HISTORY (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (events == NULL)
    g_message ("History: %s", error->message);

  g_clear_pointer (&self->events, g_ptr_array_unref);
  self->events = g_steal_pointer (&events);
  self->loaded = TRUE;
  gtk_widget_queue_draw (self->strip);
  update_subtitle (self);
}

static void
load (VigieHistoryRow *self)
{
  gint64 now = vigie_clock_now ();

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->to = now;
  self->from = now - 24 * 3600;
  vigie_history_load_events_async (self->history, vigie_feed_get_id (self->feed), self->from, self->to,
                                   self->cancellable, on_events_loaded_cb, g_object_ref (self));
}

static gboolean
on_reread_cb (gpointer user_data)
{
  load (VIGIE_HISTORY_ROW (user_data));

  return G_SOURCE_CONTINUE;
}

static void
vigie_history_row_map (GtkWidget *widget)
{
  VigieHistoryRow *self = VIGIE_HISTORY_ROW (widget);

  GTK_WIDGET_CLASS (vigie_history_row_parent_class)->map (widget);

  if (self->history != NULL && self->timeout_id == 0)
    {
      load (self);
      self->timeout_id = g_timeout_add_seconds (REREAD_S, on_reread_cb, self);
    }
}

static void
vigie_history_row_unmap (GtkWidget *widget)
{
  VigieHistoryRow *self = VIGIE_HISTORY_ROW (widget);

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  GTK_WIDGET_CLASS (vigie_history_row_parent_class)->unmap (widget);
}

static void
vigie_history_row_dispose (GObject *object)
{
  VigieHistoryRow *self = VIGIE_HISTORY_ROW (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->feed);
  g_clear_object (&self->history);
  g_clear_pointer (&self->events, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_history_row_parent_class)->dispose (object);
}

static void
vigie_history_row_class_init (VigieHistoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_history_row_dispose;
  widget_class->map = vigie_history_row_map;
  widget_class->unmap = vigie_history_row_unmap;
}

static void
vigie_history_row_init (VigieHistoryRow *self)
{
  self->strip = g_object_new (GTK_TYPE_DRAWING_AREA, "accessible-role", GTK_ACCESSIBLE_ROLE_IMG, NULL);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->strip), STRIP_WIDTH);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->strip), 12);
  gtk_widget_set_valign (self->strip, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->strip), draw_strip, self, NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->strip);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Last 24 hours"));
}

/**
 * vigie_history_row_new:
 * @feed: the feed
 * @history: (nullable): where to read, or %NULL for the app's
 *
 * Returns: (transfer floating): the row, hidden when nothing records
 */
GtkWidget *
vigie_history_row_new (VigieFeed    *feed,
                       VigieHistory *history)
{
  VigieHistoryRow *self;
  GApplication *app = g_application_get_default ();

  g_return_val_if_fail (VIGIE_IS_FEED (feed), NULL);
  g_return_val_if_fail (history == NULL || VIGIE_IS_HISTORY (history), NULL);

  self = g_object_new (VIGIE_TYPE_HISTORY_ROW, NULL);
  self->feed = g_object_ref (feed);
  if (history == NULL && VIGIE_IS_APPLICATION (app) && vigie_application_get_context (VIGIE_APPLICATION (app)) != NULL)
    history = vigie_context_get_history (vigie_application_get_context (VIGIE_APPLICATION (app)));
  if (history == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return GTK_WIDGET (self);
    }

  self->history = g_object_ref (history);
  g_signal_connect_object (history, "notify::n-dropped", G_CALLBACK (update_subtitle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (history, "notify::error", G_CALLBACK (update_subtitle), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (history, "notify::notice", G_CALLBACK (update_subtitle), self, G_CONNECT_SWAPPED);
  update_subtitle (self);

  return GTK_WIDGET (self);
}

/* For tests: a read came back. */
gboolean
vigie_history_row_is_loaded (VigieHistoryRow *self)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY_ROW (self), FALSE);

  return self->loaded;
}

guint
vigie_history_row_get_n_events (VigieHistoryRow *self)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY_ROW (self), 0);

  return self->events != NULL ? self->events->len : 0;
}
