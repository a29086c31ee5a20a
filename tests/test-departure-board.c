/* test-departure-board.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-departure-board.h"
#include "vigie-departure-interest.h"
#include "vigie-details-popover.h"
#include "vigie-feed-departures.h"
#include "vigie-formats.h"
#include "vigie-style.h"
#include "vigie-test-gtfs-rt.h"
#include "vigie-test-gtfs.h"
#include "vigie-test-ui.h"

/* A stop's departure board in the details popover, shown on a real
 * window: its lines and directions, times, delays and sources in words,
 * following the feed's boards while it is open, gone for a vehicle.
 * The "basic" timetable at 07:59 on Monday 9 March 2026 (Paris), in
 * TZ=UTC. */

typedef struct
{
  VigieSnapshot   *combined;
  VigieDepartures *departures;
} Update;

static void
make_update (Update   *update,
             gboolean  late)
{
  gint64 now = vigie_test_paris_time (2026, 3, 9, 7, 59, 0);

  update->combined = vigie_test_basic_combined (now, late);
  update->departures = vigie_departures_build (update->combined, now);
}

static void
update_clear (Update *update)
{
  g_clear_pointer (&update->combined, vigie_snapshot_unref);
  g_clear_pointer (&update->departures, vigie_departures_unref);
}

static char *
board_text (GtkWidget *board)
{
  GString *text = g_string_new (NULL);

  vigie_test_collect_labels (board, VIGIE_TEST_LABEL_VISIBLE | VIGIE_TEST_LABEL_BARS, text);
  return g_string_free (text, FALSE);
}

static void
test_board_in_popover (void)
{
  g_autoptr(VigieFeed) feed = vigie_feed_new ("trams", "Trams", VIGIE_FEED_KIND_TRAMS, "gtfs",
                                              "http://127.0.0.1:9/gtfs.zip");
  VigieFeedDepartures *feed_departures = vigie_feed_departures_get_for_feed (feed);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *anchor = gtk_button_new_with_label ("anchor");
  GtkWidget *popover = vigie_details_popover_new ();
  VigieStyleThresholds thresholds;
  Update late = { NULL, }, timetable = { NULL, };
  GtkWidget *board;
  g_autofree char *text = NULL;
  VigieEntity *stop;

  make_update (&late, TRUE);
  make_update (&timetable, FALSE);
  vigie_style_thresholds_init (&thresholds);
  vigie_feed_departures_set (feed_departures, late.departures);

  gtk_window_set_default_size (window, 600, 500);
  gtk_widget_set_parent (popover, anchor);
  vigie_test_present (window, anchor, anchor);

  stop = vigie_test_find_entity (late.combined, VIGIE_ENTITY_STOP, "A");
  g_assert_nonnull (stop);
  vigie_details_popover_update (VIGIE_DETAILS_POPOVER (popover), stop, VIGIE_FEED_KIND_TRAMS, &thresholds,
                                feed, "Trams");
  gtk_popover_popup (GTK_POPOVER (popover));
  board = vigie_test_find_descendant (popover, VIGIE_TYPE_DEPARTURE_BOARD);
  g_assert_nonnull (board);
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (board) && gtk_widget_get_width (board) > 0);

  /* Line 1 four minutes late, line 2 canceled: in words, with the marks
   * and the timetable's time struck beside the new one. */
  g_assert_cmpuint (vigie_departure_board_get_n_groups (VIGIE_DEPARTURE_BOARD (board)), ==, 2);
  /* Looked at: on a large network, its board is built in full. */
  {
    g_autoptr(GHashTable) wanted = vigie_departure_interest_dup ("trams");

    g_assert_nonnull (wanted);
    g_assert_cmpuint (g_hash_table_size (wanted), ==, 1);
  }
  text = board_text (board);
  g_test_message ("board: %s", text);
  g_assert_nonnull (strstr (text, "Next departures|"));
  g_assert_nonnull (strstr (text, " 1 |→ C terminus|07:04|07:00|+4 min|● real time|"));
  g_assert_nonnull (strstr (text, " 2 |→ C|08:00|canceled|● real time|"));
  g_assert_nonnull (strstr (text, "● real time  ◐ predicted by Vigie  ○ timetable|"));

  /* The feed's own list of arrivals is not said twice beside it. */
  {
    g_autofree char *all = board_text (popover);

    g_assert_nonnull (strstr (all, "Next departures|"));
    g_assert_null (strstr (all, "Next arrivals"));
  }

  /* The next update, while open: the board follows. */
  vigie_feed_departures_set (feed_departures, timetable.departures);
  g_clear_pointer (&text, g_free);
  text = board_text (board);
  g_assert_null (strstr (text, "+4 min"));
  g_assert_nonnull (strstr (text, " 1 |→ C terminus|07:00|○ timetable|"));

  /* Not a stop (a line): no board. */
  for (guint i = 0; i < vigie_snapshot_get_n_entities (timetable.combined); i++)
    if (vigie_entity_get_kind (vigie_snapshot_get_entity (timetable.combined, i)) == VIGIE_ENTITY_LINE)
      {
        vigie_details_popover_update (VIGIE_DETAILS_POPOVER (popover),
                                      vigie_snapshot_get_entity (timetable.combined, i),
                                      VIGIE_FEED_KIND_TRAMS, &thresholds, feed, "Trams");
        break;
      }
  g_assert_false (gtk_widget_get_visible (board));
  g_assert_null (vigie_departure_interest_dup ("trams"));

  gtk_widget_unparent (popover);
  gtk_window_destroy (window);
  update_clear (&late);
  update_clear (&timetable);
}

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_gtk (&argc, &argv, "departure board"))
    return 77;
  adw_init ();

  g_test_add_func ("/departure-board/in-popover", test_board_in_popover);

  return g_test_run ();
}
