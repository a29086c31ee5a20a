/* vigie-frame-log.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-frame-log"

#include "config.h"

#include <stdio.h>

#include "vigie-context.h"
#include "vigie-frame-log.h"
#include "vigie-frame-log-layers.h"
#include "vigie-window.h"

/* For bench-app (tools/run-bench-app): with VIGIE_FRAME_LOG=<file> in the
 * environment, the window writes one line a frame: when it started, in
 * seconds since the window was made, and how long it took from the frame
 * clock's before-paint to its after-paint, in milliseconds. Nothing is
 * done without it.
 *
 * Two more lines, with times on the system's monotonic clock (seconds,
 * as Python's time.monotonic() reads it) for tools/run-bench-desktop to
 * compare with the moment it started the app: "origin T" when the window
 * is made, and "ready T" after the first frame painted once every
 * enabled feed has answered (with data or an error). */

typedef struct
{
  FILE   *file;
  gint64  origin;
  gint64  start;
  GtkWindow *window;   /* unowned: the log lives on it */
  gboolean   ready;
} FrameLog;

static void
frame_log_free (gpointer data)
{
  FrameLog *log = data;

  g_clear_pointer (&log->file, fclose);
  g_free (log);
}

static void
on_before_paint_cb (GdkFrameClock *clock,
                    FrameLog      *log)
{
  log->start = g_get_monotonic_time ();
}

/* A handful of feeds, looked at until they have all answered. */
static gboolean
feeds_answered (FrameLog *log)
{
  VigieContext *context;
  GListModel *feeds;

  if (!VIGIE_IS_WINDOW (log->window) ||
      (context = vigie_window_get_context (VIGIE_WINDOW (log->window))) == NULL)
    return FALSE;

  feeds = G_LIST_MODEL (vigie_context_get_feed_manager (context));
  for (guint i = 0; i < g_list_model_get_n_items (feeds); i++)
    {
      g_autoptr(VigieFeed) feed = g_list_model_get_item (feeds, i);

      if (vigie_feed_get_enabled (feed) && vigie_feed_get_last_success (feed) == 0 &&
          vigie_feed_get_state (feed) != VIGIE_FEED_STATE_ERROR)
        return FALSE;
    }

  return g_list_model_get_n_items (feeds) > 0;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FrameLog      *log)
{
  if (log->start == 0)
    return;

  fprintf (log->file, "%.3f %.3f\n", (log->start - log->origin) / (double) G_USEC_PER_SEC,
           (g_get_monotonic_time () - log->start) / 1000.0);
  if (!log->ready && feeds_answered (log) && vigie_frame_log_layers_drawn (GTK_WIDGET (log->window)))
    {
      log->ready = TRUE;
      fprintf (log->file, "ready %.6f\n", g_get_monotonic_time () / (double) G_USEC_PER_SEC);
    }
  fflush (log->file);
  log->start = 0;
}

static void
on_realize_cb (GtkWidget *window,
               FrameLog  *log)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), log);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (on_after_paint_cb), log);
}

static void
on_unrealize_cb (GtkWidget *window,
                 FrameLog  *log)
{
  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (window), log);
}

/**
 * vigie_frame_log_attach:
 * @window: a window, not realized yet
 *
 * Logs the frames of @window to the file VIGIE_FRAME_LOG names, if set.
 */
void
vigie_frame_log_attach (GtkWindow *window)
{
  const char *path = g_getenv ("VIGIE_FRAME_LOG");
  FrameLog *log;
  FILE *file;

  g_return_if_fail (GTK_IS_WINDOW (window));

  if (path == NULL || path[0] == '\0')
    return;

  file = fopen (path, "w");
  if (file == NULL)
    {
      g_warning ("Cannot write the frame log to %s", path);
      return;
    }

  log = g_new0 (FrameLog, 1);
  log->file = file;
  log->origin = g_get_monotonic_time ();
  log->window = window;
  fprintf (file, "origin %.6f\n", log->origin / (double) G_USEC_PER_SEC);
  g_object_set_data_full (G_OBJECT (window), "vigie-frame-log", log, frame_log_free);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), log);
  g_signal_connect (window, "unrealize", G_CALLBACK (on_unrealize_cb), log);
}
