/* test-replay.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-clock.h"
#include "vigie-feed.h"
#include "vigie-history-export.h"
#include "vigie-history-replay.h"
#include "vigie-map-layer.h"
#include "vigie-replay-bar.h"
#include "vigie-replay-day.h"
#include "vigie-store.h"
#include "vigie-test-history.h"
#include "vigie-test-ui.h"

/* Replay drives a map layer from a real history file: the layer is given
 * a store fed by snapshots built in a worker, with each station's values
 * at the instant chosen and without the stations that were not there;
 * the feed's own store goes on taking live updates underneath, and back
 * to live the layer shows them. Playing moves the time on. An earlier
 * day chosen in the date picker, its raw runs pruned: replayed from the
 * five-minute aggregates; a day without history cannot be chosen. The
 * history exported as CSV. */

/* 2026-12-07 08:30 UTC (tests run in UTC), on a five-minute boundary. */
#define NOW G_GINT64_CONSTANT (1796632200)

static VigieEntity *
station (const char *id,
         gint64      vehicles)
{
  g_autoptr(GVariantDict) values = g_variant_dict_new (NULL);

  g_variant_dict_insert (values, "vehicles_available", "x", vehicles);
  g_variant_dict_insert (values, "docks_available", "x", 20 - vehicles);
  g_variant_dict_insert (values, "capacity", "x", (gint64) 20);

  return vigie_entity_new (VIGIE_ENTITY_STATION, id, id, 47.75, 7.33, NOW, g_variant_dict_end (values));
}

static void
show_live (VigieFeed *feed,
           gint64     vehicles_1)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();

  vigie_snapshot_add_entity (snapshot, station ("1", vehicles_1));
  vigie_snapshot_add_entity (snapshot, station ("2", 4));
  vigie_snapshot_add_entity (snapshot, vigie_entity_new (VIGIE_ENTITY_STOP, "S", "Gare", 47.74, 7.34, NOW, NULL));
  vigie_store_apply (vigie_feed_get_store (feed), snapshot, NOW);
}

static void
record (VigieHistory *history,
        gint64        time,
        const char   *entity,
        gint64        vehicles)
{
  VigieHistoryBatch *batch = vigie_history_batch_new ("bikes", time);

  if (vehicles < 0)
    vigie_history_batch_add_gone (batch, entity, "vehicles_available");
  else
    vigie_history_batch_add (batch, entity, "vehicles_available", vehicles);
  vigie_history_record (history, batch);
}

static gboolean
replay_shown (gpointer data)
{
  return vigie_replay_bar_get_n_pending (data) == 0;
}

static gint64
vehicles_in (GListModel *model,
             const char *id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieEntity) entity = g_list_model_get_item (model, i);
      gint64 value = -2;

      if (g_str_equal (vigie_entity_get_id (entity), id))
        {
          if (vigie_entity_get_kind (entity) == VIGIE_ENTITY_STOP)
            return 0;
          g_assert_true (vigie_entity_lookup_int (entity, "vehicles_available", &value));
          return value;
        }
    }

  return -1;   /* not there */
}

static gboolean
time_moved (gpointer data)
{
  return vigie_replay_bar_get_time (data) > NOW - 3600;
}

typedef struct
{
  char            *folder;
  char            *path;
  VigieHistory    *history;
  VigieFeed       *feed;
  ShumateViewport *viewport;
  GListStore      *layers;
  VigieMapLayer   *layer;
  VigieReplayBar  *bar;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->folder = vigie_test_history_folder_new ("vigie-replay-XXXXXX", &fixture->path);
  fixture->history = vigie_history_new (fixture->path);
  fixture->feed = vigie_feed_new ("bikes", "Bikes", VIGIE_FEED_KIND_BIKES, "gbfs", "http://127.0.0.1:9/gbfs.json");
  fixture->viewport = shumate_viewport_new ();
  fixture->layers = g_list_store_new (VIGIE_TYPE_MAP_LAYER);
  vigie_clock_set_time (NOW);
}

/* Once the history is written: the feed's layer, showing 9 bikes live
 * at station 1, and its replay bar. */
static void
open_bar (Fixture *fixture)
{
  show_live (fixture->feed, 9);
  fixture->layer = g_object_ref_sink (vigie_map_layer_new_for_feed (fixture->viewport, fixture->feed));
  g_list_store_append (fixture->layers, fixture->layer);
  fixture->bar = g_object_ref_sink (VIGIE_REPLAY_BAR (vigie_replay_bar_new (fixture->history,
                                                                            G_LIST_MODEL (fixture->layers))));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->bar);
  vigie_clock_set_time (0);
  g_clear_object (&fixture->history);
  vigie_test_history_remove (fixture->folder, fixture->path);
  g_clear_object (&fixture->layer);
  g_clear_object (&fixture->layers);
  g_clear_object (&fixture->viewport);
  g_clear_object (&fixture->feed);
  g_free (fixture->folder);
  g_free (fixture->path);
}

static void
test_replay (Fixture       *fixture,
             gconstpointer  data)
{
  VigieHistory *history = fixture->history;
  VigieFeed *feed = fixture->feed;
  VigieMapLayer *layer;
  VigieReplayBar *bar;
  GListModel *model;

  /* Station 1: 5 bikes from 06:30, 2 from 07:30, 7 from 08:20; station
   * 2: 3 bikes from 05:30, gone at 07:00. */
  record (history, NOW - 3 * 3600, "station/2", 3);
  record (history, NOW - 2 * 3600, "station/1", 5);
  record (history, NOW - 90 * 60, "station/2", -1);
  record (history, NOW - 3600, "station/1", 2);
  record (history, NOW - 600, "station/1", 7);
  vigie_history_sync (history);

  open_bar (fixture);
  layer = fixture->layer;
  bar = fixture->bar;

  /* An hour ago, as the banner says. */
  vigie_replay_bar_start (bar);
  g_assert_true (vigie_replay_bar_get_replaying (bar));
  g_assert_cmpstr (vigie_replay_bar_get_banner (bar), ==, "Replay — 07:30");
  g_assert_true (vigie_test_spin_until (replay_shown, bar, 10));
  model = vigie_map_layer_get_model (layer);
  g_assert_true (model != G_LIST_MODEL (vigie_feed_get_store (feed)));
  g_assert_cmpint (vehicles_in (model, "1"), ==, 2);
  g_assert_cmpint (vehicles_in (model, "2"), ==, -1);
  g_assert_cmpint (vehicles_in (model, "S"), ==, 0);   /* never recorded: shown as it is */

  /* 06:50, by five minutes: both stations as they were. */
  vigie_replay_bar_set_time (bar, NOW - 100 * 60 - 120);
  g_assert_cmpstr (vigie_replay_bar_get_banner (bar), ==, "Replay — 06:48");
  g_assert_cmpint (vigie_replay_bar_get_time (bar), ==, NOW - 105 * 60);
  g_assert_true (vigie_test_spin_until (replay_shown, bar, 10));
  g_assert_cmpint (vehicles_in (model, "1"), ==, 5);
  g_assert_cmpint (vehicles_in (model, "2"), ==, 3);

  /* Live polling goes on underneath, unseen until back to live. */
  show_live (feed, 11);
  g_assert_cmpint (vehicles_in (model, "1"), ==, 5);

  /* Playing at 600× moves the time on. */
  vigie_replay_bar_set_time (bar, NOW - 3600 - 300);
  vigie_replay_bar_set_speed (bar, 600);
  vigie_replay_bar_set_playing (bar, TRUE);
  g_assert_true (vigie_test_spin_until (time_moved, bar, 10));
  vigie_replay_bar_set_playing (bar, FALSE);

  vigie_replay_bar_back_to_live (bar);
  g_assert_false (vigie_replay_bar_get_replaying (bar));
  g_assert_true (vigie_map_layer_get_model (layer) == G_LIST_MODEL (vigie_feed_get_store (feed)));
  g_assert_cmpint (vehicles_in (vigie_map_layer_get_model (layer), "1"), ==, 11);
}

static gboolean
day_loaded (gpointer data)
{
  return vigie_replay_day_is_loaded (data);
}

/* The calendar's label for @day of the month shown: marked or not. */
static gboolean
day_marked (GtkWidget  *widget,
            const char *day)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "day-number") &&
          !gtk_widget_has_css_class (child, "other-month") &&
          g_str_equal (gtk_label_get_label (GTK_LABEL (child)), day))
        {
          g_test_message ("day %s: state %x", day, gtk_widget_get_state_flags (child));
          return (gtk_widget_get_state_flags (child) & GTK_STATE_FLAG_CHECKED) != 0;
        }
      if (day_marked (child, day))
        return TRUE;
    }

  return FALSE;
}

static void
select_day (VigieReplayDay *picker,
            int             month,
            int             day)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (2026, month, day, 0, 0, 0);

  vigie_replay_day_select (picker, date);
  g_assert_true (vigie_test_spin_until (day_loaded, picker, 10));
}

static void
test_earlier_day (Fixture       *fixture,
                  gconstpointer  data)
{
  VigieHistory *history = fixture->history;
  gint64 day = NOW - 10 * 24 * 3600 - 8 * 3600 - 1800;   /* Friday 27 November, 00:00 */
  VigieMapLayer *layer;
  VigieReplayBar *bar;
  VigieReplayDay *picker;

  /* That Friday: 4 bikes from 06:00, 6 from 09:00 until two days ago.
   * Maintenance aggregates it and prunes its raw runs (kept 7 days). */
  record (history, day + 6 * 3600, "station/1", 4);
  record (history, day + 9 * 3600, "station/1", 6);
  record (history, NOW - 2 * 24 * 3600, "station/1", 7);
  vigie_history_maintain (history, NOW);
  vigie_history_sync (history);

  open_bar (fixture);
  layer = fixture->layer;
  bar = fixture->bar;
  vigie_replay_bar_start (bar);
  picker = VIGIE_REPLAY_DAY (vigie_replay_bar_get_day_picker (bar));

  /* A day without history, one to come: not offered. */
  select_day (picker, 11, 20);
  g_assert_true (vigie_replay_day_has_data (picker, 27));
  g_assert_false (vigie_replay_day_has_data (picker, 20));
  g_assert_true (day_marked (GTK_WIDGET (picker), "27"));
  g_assert_false (day_marked (GTK_WIDGET (picker), "20"));
  g_assert_false (vigie_replay_day_can_replay (picker));
  g_assert_cmpstr (vigie_replay_day_get_status (picker), ==, "No history for this day");
  select_day (picker, 12, 25);
  g_assert_false (vigie_replay_day_can_replay (picker));
  g_assert_cmpstr (vigie_replay_day_get_status (picker), ==, "This day is still to come");

  /* That Friday, from 08:00, by five minutes. */
  select_day (picker, 11, 27);
  g_assert_true (vigie_replay_day_can_replay (picker));
  g_assert_cmpstr (vigie_replay_day_get_status (picker), ==, "Replayed by five minutes");
  vigie_replay_day_choose (picker);
  g_assert_cmpstr (vigie_replay_bar_get_banner (bar), ==, "Replay — Fri 27 Nov, 08:00");
  g_assert_true (vigie_test_spin_until (replay_shown, bar, 10));
  g_assert_cmpint (vehicles_in (vigie_map_layer_get_model (layer), "1"), ==, 4);
  vigie_replay_bar_set_time (bar, day + 9 * 3600 + 1800);
  g_assert_true (vigie_test_spin_until (replay_shown, bar, 10));
  g_assert_cmpint (vehicles_in (vigie_map_layer_get_model (layer), "1"), ==, 6);
  /* The slider stays within the day. */
  vigie_replay_bar_set_time (bar, day + 30 * 3600);
  g_assert_cmpint (vigie_replay_bar_get_time (bar), ==, day + 24 * 3600);

  /* Back to the last 24 hours. */
  vigie_replay_bar_show_day (bar, 0);
  g_assert_cmpstr (vigie_replay_bar_get_banner (bar), ==, "Replay — 07:30");

  vigie_replay_bar_back_to_live (bar);
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vigie_history_export_finish (VIGIE_HISTORY (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* One item of a feed and all of another over a range, in a worker: runs
 * clipped to the range, the run that holds now ending at its end, text
 * from a feed quoted as CSV wants, an absurd value flagged. */
static void
test_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *folder = vigie_test_history_folder_new ("vigie-export-XXXXXX", &path);
  g_autofree char *csv_path = g_build_filename (folder, "out.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(VigieHistory) history = vigie_history_new (path);
  g_autoptr(GPtrArray) selection = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *one[] = { "bikes", "station/1", NULL };
  const char *all[] = { "wifi", NULL };
  g_autofree char *contents = NULL;
  VigieHistoryBatch *batch;
  gboolean done = FALSE;

  record (history, NOW - 3 * 3600, "station/1", 5);
  record (history, NOW - 3 * 3600, "station/2", 3);
  record (history, NOW - 3600, "station/1", 2);
  batch = vigie_history_batch_new ("wifi", NOW - 1800);
  vigie_history_batch_add_text (batch, "hotspot/a", "state", "down, \"cut\"");
  vigie_history_batch_add (batch, "hotspot/a", "clients", -4);
  vigie_history_record (history, batch);
  vigie_history_sync (history);

  g_ptr_array_add (selection, g_strdupv ((char **) one));
  g_ptr_array_add (selection, g_strdupv ((char **) all));
  vigie_history_export_async (history, selection, NOW - 2 * 3600, NOW, csv, NULL, on_exported_cb, &done);
  g_assert_true (vigie_test_spin_until (flag_set, &done, 10));

  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==,
                   "feed,entity,field,from,until,value,text,flag\r\n"
                   "bikes,station/1,vehicles_available,2026-12-07T06:30:00Z,2026-12-07T07:30:00Z,5,,\r\n"
                   "bikes,station/1,vehicles_available,2026-12-07T07:30:00Z,2026-12-07T08:30:00Z,2,,\r\n"
                   "wifi,hotspot/a,clients,2026-12-07T08:00:00Z,2026-12-07T08:30:00Z,-4,,absurd\r\n"
                   "wifi,hotspot/a,state,2026-12-07T08:00:00Z,2026-12-07T08:30:00Z,,\"down, \"\"cut\"\"\",\r\n");

  g_clear_object (&history);
  vigie_test_history_remove (folder, path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    return 77;

  g_test_add ("/replay/layer", Fixture, NULL, fixture_set_up, test_replay, fixture_tear_down);
  g_test_add_func ("/replay/export", test_export);
  g_test_add ("/replay/earlier-day", Fixture, NULL, fixture_set_up, test_earlier_day, fixture_tear_down);

  return g_test_run ();
}
