/* vigie-frame-log.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-frame-log"

#include "config.h"

#include <stdio.h>

#include "vigie-frame-log.h"

/* For bench-app (tools/run-bench-app): with VIGIE_FRAME_LOG=<file> in the
 * environment, the window writes one line a frame: when it started, in
 * seconds since the window was made, and how long it took from the frame
 * clock's before-paint to its after-paint, in milliseconds. Nothing is
 * done without it. */

typedef struct
{
  FILE   *file;
  gint64  origin;
  gint64  start;
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

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FrameLog      *log)
{
  if (log->start == 0)
    return;

  fprintf (log->file, "%.3f %.3f\n", (log->start - log->origin) / (double) G_USEC_PER_SEC,
           (g_get_monotonic_time () - log->start) / 1000.0);
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
  g_object_set_data_full (G_OBJECT (window), "vigie-frame-log", log, frame_log_free);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), log);
  g_signal_connect (window, "unrealize", G_CALLBACK (on_unrealize_cb), log);
}
