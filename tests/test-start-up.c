/* test-start-up.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-application.h"
#include "vigie-context.h"
#include "vigie-feed-manager.h"
#include "vigie-test-ui.h"
#include "vigie-window.h"

/* Start-up to the demo's data (issue 19): the feeds' first requests are
 * sent, and the demo city answers them, while the main thread builds the
 * window, not after. The window's build is made to take STALL_MS here;
 * the Wi-Fi feed, one document, sent at the app's start, must have had
 * its answer's headers well within that time. */

#define STALL_MS 3000

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window,
                    gpointer        user_data)
{
  /* A slow window: the main thread busy, its loop not running. */
  g_usleep (STALL_MS * 1000);
}

static void
test_feeds_answered_while_window_built (VigieTestWindow *fixture,
                                        gconstpointer    data)
{
  VigieFeedManager *manager;
  VigieWindow *window;
  VigieFeed *wifi;

  g_settings_set_string (fixture->settings, "profile", "demo");
  g_clear_object (&fixture->app);
  fixture->app = vigie_test_new_application ("StartUp");
  g_signal_connect (fixture->app, "window-added", G_CALLBACK (on_window_added_cb), NULL);
  window = vigie_test_open_window (fixture->app);
  fixture->window = window;

  manager = vigie_context_get_feed_manager (vigie_window_get_context (window));
  wifi = vigie_feed_manager_lookup (manager, "wifi");
  g_assert_nonnull (wifi);
  VIGIE_TEST_WAIT_UNTIL (vigie_feed_get_last_success (wifi) > 0);

  /* Before: sent on the main loop's first run, after the stall, or sent
   * and answered then, the server being on the main thread too. */
  g_assert_cmpuint (vigie_feed_get_latency_ms (wifi), <, STALL_MS / 3);
}

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_window_test (&argc, &argv, "start-up"))
    return 77;

  vigie_test_add_window ("/start-up/feeds-answered-while-window-built", test_feeds_answered_while_window_built);

  return g_test_run ();
}
