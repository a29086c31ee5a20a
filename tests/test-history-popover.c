/* test-history-popover.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "vigie-clock.h"
#include "vigie-details-popover.h"
#include "vigie-history-section.h"
#include "vigie-history-row.h"
#include "vigie-history-words.h"
#include "vigie-preferences-window.h"
#include "vigie-sparkline.h"
#include "vigie-test-history.h"
#include "vigie-test-ui.h"

/* The details popover of a station shows its last 24 hours from a real
 * history file: the sparkline drawn, lowest, highest and present values,
 * since when the station is empty, and for an empty car-share station
 * when a car comes back. */

static VigieEntity *
station (gint64 vehicles,
         gint64 docks)
{
  g_autoptr(GVariantDict) values = g_variant_dict_new (NULL);

  g_variant_dict_insert (values, "vehicles_available", "x", vehicles);
  g_variant_dict_insert (values, "docks_available", "x", docks);
  g_variant_dict_insert (values, "capacity", "x", vehicles + docks);

  return vigie_entity_new (VIGIE_ENTITY_STATION, "1", "Gare", 47.75, 7.33,
                           vigie_clock_now (), g_variant_dict_end (values));
}

static void
record (VigieHistory *history,
        gint64        time,
        gint64        vehicles,
        gint64        docks)
{
  VigieHistoryBatch *batch = vigie_history_batch_new ("bikes", time);

  vigie_history_batch_add (batch, "station/1", "vehicles_available", vehicles);
  vigie_history_batch_add (batch, "station/1", "docks_available", docks);
  vigie_history_record (history, batch);
}

/* A GBFS feed the tests never start. */
static VigieFeed *
new_feed (const char    *id,
          const char    *name,
          VigieFeedKind  kind)
{
  return vigie_feed_new (id, name, kind, "gbfs", "http://127.0.0.1:9/gbfs.json");
}

/* The sparkline's pixels: something drawn in its lower half. */
static gboolean
sparkline_drawn (GtkWidget *sparkline)
{
  g_autoptr(GdkTexture) texture = vigie_test_render_widget (sparkline);
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  guint n = 0;

  for (int x = 0; x < width; x += 2)
    for (int y = 0; y < height; y++)
      if ((vigie_test_pixel_at (texture, x, y) >> 24) > 0)
        n++;

  g_test_message ("%u pixels drawn in %d × %d", n, width, height);
  return n > 20;
}

typedef struct
{
  char                 *folder;
  char                 *path;
  VigieHistory         *history;
  VigieStyleThresholds  thresholds;
  GtkWindow            *window;
  GtkWidget            *popover;
  VigieHistorySection  *section;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->folder = vigie_test_history_folder_new ("vigie-history-popover-XXXXXX", &fixture->path);
  fixture->history = vigie_history_new (fixture->path);
  vigie_style_thresholds_init (&fixture->thresholds);
}

/* Once the history is written: a details popover on a button of a
 * window of its own, its history section reading the history. */
static void
open_popover (Fixture *fixture)
{
  GtkWidget *button = gtk_button_new_with_label ("Gare");

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 600, 400);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  vigie_test_present (fixture->window, button, button);

  fixture->popover = vigie_details_popover_new ();
  gtk_widget_set_parent (fixture->popover, button);
  fixture->section = vigie_details_popover_get_history_section (VIGIE_DETAILS_POPOVER (fixture->popover));
  vigie_history_section_set_history (fixture->section, fixture->history);
}

/* The popover shows @entity as @feed's layer does. */
static void
show_entity (Fixture     *fixture,
             VigieEntity *entity,
             VigieFeed   *feed)
{
  vigie_details_popover_update (VIGIE_DETAILS_POPOVER (fixture->popover), entity, vigie_feed_get_kind (feed),
                                &fixture->thresholds, feed, vigie_feed_get_name (feed));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->popover != NULL)
    {
      gtk_popover_popdown (GTK_POPOVER (fixture->popover));
      gtk_widget_unparent (fixture->popover);
      gtk_window_destroy (fixture->window);
    }
  g_clear_object (&fixture->history);
  vigie_test_history_remove (fixture->folder, fixture->path);
  g_free (fixture->folder);
  g_free (fixture->path);
}

static void
test_history_popover (Fixture       *fixture,
                      gconstpointer  data)
{
  VigieHistory *history = fixture->history;
  g_autoptr(VigieFeed) feed = new_feed ("bikes", "Vélos", VIGIE_FEED_KIND_BIKES);
  g_autoptr(VigieEntity) empty = station (0, 10);
  g_autoptr(VigieEntity) other = NULL;
  g_autofree char *since = NULL;
  g_autofree char *expected = NULL;
  VigieHistorySection *section;
  gint64 now = vigie_clock_now ();

  record (history, now - 30 * 3600, 7, 3);
  record (history, now - 5 * 3600, 4, 6);
  record (history, now - 3 * 3600, 0, 10);
  vigie_history_sync (history);

  open_popover (fixture);
  section = fixture->section;
  show_entity (fixture, empty, feed);
  gtk_popover_popup (GTK_POPOVER (fixture->popover));

  VIGIE_TEST_WAIT_UNTIL (vigie_history_section_is_loaded (section));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (section)));
  /* The run of 7 started 30 hours ago: it is drawn from 24 hours ago. */
  g_assert_cmpuint (vigie_history_section_get_n_runs (section), ==, 3);
  g_assert_cmpstr (vigie_history_section_get_range_text (section), ==, "Min 0 · max 7 · now 0");
  since = vigie_history_format_time (now - 3 * 3600);
  expected = g_strdup_printf ("Empty since %s", since);
  g_assert_cmpstr (vigie_history_section_get_condition_text (section), ==, expected);

  vigie_test_spin (100);
  g_assert_true (sparkline_drawn (vigie_test_find_descendant (GTK_WIDGET (section), VIGIE_TYPE_SPARKLINE)));

  /* An item the history has not seen: nothing shown, nothing stale. */
  other = vigie_entity_new (VIGIE_ENTITY_STATION, "2", "Nord", 47.75, 7.33, now,
                            g_variant_new_parsed ("{'vehicles_available': <int64 3>}"));
  show_entity (fixture, other, feed);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (section)));
  VIGIE_TEST_WAIT_UNTIL (vigie_history_section_is_loaded (section));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (section)));
  g_assert_null (vigie_history_section_get_condition_text (section));
}

/* An empty car-share station says when a car comes back: from the
 * feed's vehicle_availability where it has it, else estimated from the
 * past weeks' aggregates; a bike station says nothing of it. */
static void
test_car_return (Fixture       *fixture,
                 gconstpointer  data)
{
  VigieHistory *history = fixture->history;
  g_autoptr(VigieFeed) feed = new_feed ("citiz", "Citiz", VIGIE_FEED_KIND_CAR_SHARE);
  g_autoptr(VigieFeed) bikes = new_feed ("bikes", "Vélos", VIGIE_FEED_KIND_BIKES);
  g_autoptr(VigieEntity) empty = station (0, 2);
  g_autoptr(VigieEntity) announced = NULL;
  g_autofree char *at = NULL;
  g_autofree char *expected = NULL;
  VigieHistorySection *section;
  gint64 now = vigie_clock_now ();
  gint64 week = 7 * 24 * 3600;

  /* Three weeks: empty at this hour, a car back after 10 to 20 min. */
  for (int w = 3; w >= 1; w--)
    {
      VigieHistoryBatch *batch = vigie_history_batch_new ("citiz", now - w * week - 3600);

      vigie_history_batch_add (batch, "station/1", "vehicles_available", 0);
      vigie_history_record (history, batch);
      batch = vigie_history_batch_new ("citiz", now - w * week + (5 + 5 * w) * 60);
      vigie_history_batch_add (batch, "station/1", "vehicles_available", 1);
      vigie_history_record (history, batch);
    }
  vigie_history_maintain (history, now);
  vigie_history_sync (history);

  open_popover (fixture);
  section = fixture->section;

  show_entity (fixture, empty, feed);
  gtk_popover_popup (GTK_POPOVER (fixture->popover));
  VIGIE_TEST_WAIT_UNTIL (vigie_history_section_is_loaded (section) && vigie_history_section_is_return_loaded (section));
  /* Buckets of five minutes: back within 10, 15 and 20 min. */
  g_assert_cmpstr (vigie_history_section_get_return_text (section), ==,
                   "Estimate: a car usually comes back within 15 min (3 weeks)");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (section)));

  /* The same station in a bike feed: nothing of cars. */
  show_entity (fixture, empty, bikes);
  VIGIE_TEST_WAIT_UNTIL (vigie_history_section_is_loaded (section) && vigie_history_section_is_return_loaded (section));
  g_assert_null (vigie_history_section_get_return_text (section));

  /* The operator announces a car in 25 min: its word. */
  announced = vigie_entity_new (VIGIE_ENTITY_STATION, "1", "Gare", 47.75, 7.33, now,
                                g_variant_new_parsed ("{'vehicles_available': <int64 0>, 'vehicle_availability': "
                                                      "<[{'vehicle_id': <'c1'>, 'available_now': <false>, 'from': <%x>}]>}",
                                                      now + 25 * 60));
  show_entity (fixture, announced, feed);
  VIGIE_TEST_WAIT_UNTIL (vigie_history_section_is_loaded (section));
  at = vigie_history_format_time (now + 25 * 60);
  expected = g_strdup_printf ("Next car available at %s", at);
  g_assert_cmpstr (vigie_history_section_get_return_text (section), ==, expected);
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  return vigie_test_find_widget (widget, is_row_titled, title);
}

/* The three limits in Preferences, bound to the settings the history
 * follows, and what it takes on disk. */
static void
test_history_preferences (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("vigie-history-prefs-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "history.sqlite", NULL);
  g_autoptr(GSettings) settings = vigie_test_settings_in_memory ();
  g_autoptr(VigieContext) context = vigie_context_new (settings, FALSE);
  g_autoptr(VigieHistory) history = vigie_history_new (path);
  GtkWidget *window, *row, *spin;
  guint value;

  vigie_history_record (history, vigie_history_batch_new ("bikes", vigie_clock_now ()));
  vigie_history_sync (history);
  vigie_context_set_history (context, history);
  g_object_get (history, "max-size-mb", &value, NULL);
  g_assert_cmpuint (value, ==, 1024);

  window = vigie_preferences_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (window));
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (window));

  row = find_row (window, "Largest size on disk (MB)");
  g_assert_nonnull (row);
  spin = vigie_test_find_descendant (row, GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 1024);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 256);
  g_assert_cmpuint (g_settings_get_uint (settings, "history-max-size-mb"), ==, 256);
  g_object_get (history, "max-size-mb", &value, NULL);
  g_assert_cmpuint (value, ==, 256);

  row = find_row (window, "Every change kept for (days)");
  spin = vigie_test_find_descendant (row, GTK_TYPE_SPIN_BUTTON);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 3);
  g_object_get (history, "raw-days", &value, NULL);
  g_assert_cmpuint (value, ==, 3);

  row = find_row (window, "Five-minute summaries kept for (days)");
  spin = vigie_test_find_descendant (row, GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 400);

  row = find_row (window, "On disk now");
  VIGIE_TEST_WAIT_UNTIL (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) != NULL &&
                         strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), path) != NULL);
  g_test_message ("%s", adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));

  gtk_window_destroy (GTK_WINDOW (window));
  vigie_context_shutdown (context);
}

static void
record_state (VigieHistory *history,
              gint64        time,
              const char   *state)
{
  VigieHistoryBatch *batch = vigie_history_batch_new ("bikes", time);

  vigie_history_batch_set_event (batch, state, 120, g_str_equal (state, "error") ? "HTTP 500" : NULL);
  vigie_history_record (history, batch);
}

/* The feed health view's row: a feed's last 24 hours as a strip, the
 * share of the time its data came in, and the updates the history could
 * not keep. */
static void
test_history_feed_row (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("vigie-history-row-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "history.sqlite", NULL);
  g_autoptr(VigieHistory) history = vigie_history_new_full (path, 3);
  g_autoptr(VigieFeed) feed = new_feed ("bikes", "Vélos", VIGIE_FEED_KIND_BIKES);
  gint64 now = vigie_clock_now ();
  GtkWindow *window;
  GtkWidget *list, *row;

  record_state (history, now - 20 * 3600, "ok");
  record_state (history, now - 8 * 3600, "error");
  record_state (history, now - 2 * 3600, "ok");
  vigie_history_sync (history);

  window = GTK_WINDOW (gtk_window_new ());
  list = gtk_list_box_new ();
  row = vigie_history_row_new (feed, history);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  vigie_test_present (window, list, row);

  VIGIE_TEST_WAIT_UNTIL (vigie_history_row_is_loaded (VIGIE_HISTORY_ROW (row)));
  g_assert_cmpuint (vigie_history_row_get_n_events (VIGIE_HISTORY_ROW (row)), ==, 3);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Data came in 70 % of the time");

  /* The writer falls behind: the row says so. */
  vigie_history_queue_set_held (vigie_history_get_queue (history), TRUE);
  for (int i = 0; i < 5; i++)
    record_state (history, now, "stale");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "2 updates not recorded: the history could not keep up");
  vigie_history_queue_set_held (vigie_history_get_queue (history), FALSE);

  gtk_window_destroy (window);
}

/* A history that cannot be written says so in the feed health view, and
 * the rest goes on. */
static void
test_history_feed_row_failing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("vigie-history-row-XXXXXX", &error);
  g_autofree char *blocker = g_build_filename (folder, "not-a-folder", NULL);
  g_autofree char *path = g_build_filename (blocker, "history.sqlite", NULL);
  g_autoptr(VigieHistory) history = NULL;
  g_autoptr(VigieFeed) feed = new_feed ("bikes", "Vélos", VIGIE_FEED_KIND_BIKES);
  GtkWindow *window;
  GtkWidget *list, *row;

  /* A file where its folder should be: even root cannot write there. */
  g_file_set_contents (blocker, "", 0, NULL);
  history = vigie_history_new (path);

  window = GTK_WINDOW (gtk_window_new ());
  list = gtk_list_box_new ();
  row = vigie_history_row_new (feed, history);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  vigie_test_present (window, list, row);

  VIGIE_TEST_WAIT_UNTIL (vigie_history_get_error (history) != NULL);
  g_test_message ("%s", adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                   "Not recorded: The history cannot be written: "));

  gtk_window_destroy (window);
  g_clear_object (&history);
  g_unlink (blocker);
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_gtk (&argc, &argv, "history popover"))
    return 77;

  g_test_add ("/history/popover", Fixture, NULL, fixture_set_up, test_history_popover, fixture_tear_down);
  g_test_add ("/history/popover/car-return", Fixture, NULL, fixture_set_up, test_car_return, fixture_tear_down);
  g_test_add_func ("/history/preferences", test_history_preferences);
  g_test_add_func ("/history/feed-row", test_history_feed_row);
  g_test_add_func ("/history/feed-row/failing", test_history_feed_row_failing);

  return g_test_run ();
}
