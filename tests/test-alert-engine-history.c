/* test-alert-engine-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "vigie-alert-center.h"
#include "vigie-alert-engine.h"
#include "vigie-alert-starts.h"
#include "vigie-history-db.h"
#include "vigie-history-starts.h"
#include "vigie-tap.h"
#include "vigie-test-history.h"
#include "vigie-test-support.h"

/* An app started again knows from its history since when a dock has been
 * empty: the duration of its alert counts from there, not from the start.
 * The engine given what the history knows, then the alert center that
 * asks it at a feed's first update, in the worker. */

#define T0 G_GINT64_CONSTANT (1800000000)
#define MIN_S 60

typedef VigieTestHistoryFile Fixture;

/* One update of the "feed" feed: station @id's bikes and free docks. */
static void
write_station (VigieHistoryDb *db,
               gint64          time,
               const char     *id,
               double          bikes,
               double          docks)
{
  g_autoptr(VigieHistoryBatch) batch = vigie_history_batch_new ("feed", time);
  g_autofree char *entity = g_strconcat ("station/", id, NULL);
  g_autoptr(GError) error = NULL;

  vigie_history_batch_add (batch, entity, "vehicles_available", bikes);
  vigie_history_batch_add (batch, entity, "docks_available", docks);
  g_assert_true (vigie_history_db_write (db, batch, &error));
  g_assert_no_error (error);
}

/* Evaluates the stations given, at @now. */
static GPtrArray *
run_once (VigieAlertEngine *engine,
          gint64            now,
          ...)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();
  va_list args;

  va_start (args, now);
  for (VigieEntity *e = va_arg (args, VigieEntity *); e != NULL; e = va_arg (args, VigieEntity *))
    vigie_snapshot_add_entity (snapshot, e);
  va_end (args);
  vigie_snapshot_prepare (snapshot, NULL, now);

  return vigie_alert_engine_evaluate (engine, "feed", VIGIE_FEED_KIND_BIKES, snapshot, now);
}

static const VigieAlertEvent *
find_event (GPtrArray          *events,
            VigieAlertEventType type,
            VigieAlertRuleKind  rule,
            const char         *entity_id)
{
  for (guint i = 0; i < events->len; i++)
    {
      const VigieAlertEvent *event = g_ptr_array_index (events, i);

      if (event->type == type && event->rule == rule && g_strcmp0 (event->entity_id, entity_id) == 0)
        return event;
    }

  return NULL;
}

static void
load_starts (VigieAlertEngine *engine,
             Fixture          *fixture,
             gint64            now)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vigie_alert_starts_load (engine, fixture->path, "feed", VIGIE_FEED_KIND_BIKES, now, &error));
  g_assert_no_error (error);
}

/*
 * Tests
 */

/* Empty for 20 minutes when the app starts: raised at its first look,
 * since when the history says; a dock the history saw full likewise. */
static void
test_raised_at_start (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;
  VigieHistoryDb *db = vigie_test_history_db_open (fixture->path);
  const VigieAlertEvent *event;

  write_station (db, T0 - 60 * MIN_S, "s1", 3, 17);
  write_station (db, T0 - 60 * MIN_S, "s2", 5, 15);
  write_station (db, T0 - 60 * MIN_S, "s3", 20, 0);
  write_station (db, T0 - 20 * MIN_S, "s1", 0, 20);
  /* Empty, but only for 5 minutes. */
  write_station (db, T0 - 5 * MIN_S, "s2", 0, 20);
  vigie_history_db_close (db);

  load_starts (engine, fixture, T0);
  events = run_once (engine, T0, vigie_test_alert_station ("s1", 0, 20), vigie_test_alert_station ("s2", 0, 20), vigie_test_alert_station ("s3", 20, 0), NULL);

  event = find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_BIKES_EMPTY, "s1");
  g_assert_nonnull (event);
  g_assert_cmpint (event->since, ==, T0 - 20 * MIN_S);
  g_assert_cmpint (event->at, ==, T0);
  event = find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_BIKES_FULL, "s3");
  g_assert_nonnull (event);
  g_assert_cmpint (event->since, ==, T0 - 60 * MIN_S);
  g_assert_cmpuint (events->len, ==, 2);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* s2's 15 minutes are met 10 minutes on, not 15. */
  events = run_once (engine, T0 + 9 * MIN_S, vigie_test_alert_station ("s1", 0, 20), vigie_test_alert_station ("s2", 0, 20), vigie_test_alert_station ("s3", 20, 0), NULL);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = run_once (engine, T0 + 10 * MIN_S, vigie_test_alert_station ("s1", 0, 20), vigie_test_alert_station ("s2", 0, 20), vigie_test_alert_station ("s3", 20, 0), NULL);
  event = find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_BIKES_EMPTY, "s2");
  g_assert_nonnull (event);
  g_assert_cmpint (event->since, ==, T0 - 5 * MIN_S);
  g_assert_cmpuint (events->len, ==, 1);
}

/* What the history says is used once: a dock it saw empty that has a bike
 * now starts over when it empties again. */
static void
test_used_once (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;
  VigieHistoryDb *db = vigie_test_history_db_open (fixture->path);

  write_station (db, T0 - 60 * MIN_S, "s1", 0, 20);
  vigie_history_db_close (db);

  load_starts (engine, fixture, T0);
  events = run_once (engine, T0, vigie_test_alert_station ("s1", 4, 16), NULL);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = run_once (engine, T0 + MIN_S, vigie_test_alert_station ("s1", 0, 20), NULL);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = run_once (engine, T0 + 15 * MIN_S + 59, vigie_test_alert_station ("s1", 0, 20), NULL);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = run_once (engine, T0 + 16 * MIN_S, vigie_test_alert_station ("s1", 0, 20), NULL);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_BIKES_EMPTY, "s1"));
  g_assert_cmpint (find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_BIKES_EMPTY, "s1")->since,
                   ==, T0 + MIN_S);
}

/* The runs the history knows to hold now: open, or left by an app that
 * stopped minutes ago (its writer resumes them); not one that an app
 * stopped for an hour left, nor one that ended. */
static void
test_which_runs (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GHashTable) starts = NULL;
  g_autoptr(GError) error = NULL;
  VigieHistoryDb *db = vigie_test_history_db_open (fixture->path);

  write_station (db, T0 - 90 * MIN_S, "open", 0, 20);
  write_station (db, T0 - 90 * MIN_S, "ended", 0, 20);
  write_station (db, T0 - 30 * MIN_S, "ended", 1, 19);
  write_station (db, T0 - 30 * MIN_S, "open", 0, 20);
  vigie_history_db_close (db);
  /* The app started again 8 minutes on: the runs it left end there. */
  db = vigie_test_history_db_open (fixture->path);

  starts = vigie_history_db_read_zero_starts (db, "feed", "vehicles_available", T0 - 22 * MIN_S, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (starts), ==, 1);
  g_assert_cmpint (*(gint64 *) g_hash_table_lookup (starts, "station/open"), ==, T0 - 90 * MIN_S);
  g_clear_pointer (&starts, g_hash_table_unref);

  /* An hour on: the writer does not resume them, nor does this. */
  starts = vigie_history_db_read_zero_starts (db, "feed", "vehicles_available", T0 + 30 * MIN_S, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (starts), ==, 0);
  g_clear_pointer (&starts, g_hash_table_unref);

  starts = vigie_history_db_read_zero_starts (db, "other", "vehicles_available", T0 - 22 * MIN_S, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (starts), ==, 0);
  vigie_history_db_close (db);
}

/* No history (its file not made): as before, counted from the start. */
static void
test_no_history (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;

  load_starts (engine, fixture, T0);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  events = run_once (engine, T0, vigie_test_alert_station ("s1", 0, 20), NULL);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = run_once (engine, T0 + 15 * MIN_S, vigie_test_alert_station ("s1", 0, 20), NULL);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_BIKES_EMPTY, "s1"));
}

/* What the history knew at the start says nothing of a dock first seen
 * with its count long after. */
static void
test_expires (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;
  VigieHistoryDb *db = vigie_test_history_db_open (fixture->path);

  write_station (db, T0 - 60 * MIN_S, "s1", 0, 20);
  vigie_history_db_close (db);

  load_starts (engine, fixture, T0);
  events = run_once (engine, T0, vigie_test_alert_station ("s2", 3, 17), NULL);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = run_once (engine, T0 + 30 * MIN_S, vigie_test_alert_station ("s1", 0, 20), vigie_test_alert_station ("s2", 3, 17), NULL);
  g_assert_cmpuint (events->len, ==, 0);
}

/* The alert center's tap, as a feed's worker runs it: the feed's first
 * update, at @now, then applied as on the main thread. */
static void
run_tap (const char *feed_id,
         gint64      now,
         ...)
{
  g_autoptr(GPtrArray) taps = vigie_tap_list ();
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();
  VigieTapInput input = { .feed_id = feed_id, .format_id = "gbfs", .now = now };
  va_list args;

  va_start (args, now);
  for (VigieEntity *e = va_arg (args, VigieEntity *); e != NULL; e = va_arg (args, VigieEntity *))
    vigie_snapshot_add_entity (snapshot, e);
  va_end (args);
  vigie_snapshot_prepare (snapshot, NULL, now);
  input.current = snapshot;

  g_assert_cmpuint (taps->len, ==, 1);
  vigie_tap_apply (g_ptr_array_index (taps, 0), feed_id,
                   vigie_tap_work (g_ptr_array_index (taps, 0), &input));
}

/* The app's alert center, with the history or without: empty for 20
 * minutes when it starts is an alert at the feed's first update, since
 * then; without the history, nothing yet. */
static void
test_center (Fixture       *fixture,
             gconstpointer  data)
{
  gboolean with_history = GPOINTER_TO_INT (data);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.vigie.Vigie");
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeedManager) manager = vigie_feed_manager_new (client);
  g_autoptr(VigieFeed) feed = vigie_feed_new ("feed", "VéloCité", VIGIE_FEED_KIND_BIKES, "gbfs",
                                              "http://127.0.0.1:9/gbfs.json");
  g_autoptr(VigieAlertCenter) center = NULL;
  VigieHistoryDb *db = vigie_test_history_db_open (fixture->path);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  VigieAlert *alert;

  write_station (db, now - 60 * MIN_S, "s1", 3, 17);
  write_station (db, now - 20 * MIN_S, "s1", 0, 20);
  vigie_history_db_close (db);

  g_settings_reset (settings, "alert-rules");
  vigie_feed_manager_add (manager, feed);
  center = vigie_alert_center_new (settings, manager, fixture->folder);
  VIGIE_TEST_WAIT_UNTIL (vigie_alert_center_is_loaded (center));
  if (with_history)
    vigie_alert_center_set_history_path (center, fixture->path);

  run_tap ("feed", now, vigie_test_alert_station ("s1", 0, 20), NULL);
  alert = vigie_alert_list_lookup (vigie_alert_center_get_alerts (center), "bikes-empty/feed/station/s1");
  if (!with_history)
    {
      g_assert_null (alert);
      return;
    }
  g_assert_nonnull (alert);
  g_assert_cmpint (vigie_alert_get_since (alert), ==, now - 20 * MIN_S);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/alert-engine-history/raised-at-start", Fixture, NULL, vigie_test_history_file_setup, test_raised_at_start, vigie_test_history_file_teardown);
  g_test_add ("/alert-engine-history/used-once", Fixture, NULL, vigie_test_history_file_setup, test_used_once, vigie_test_history_file_teardown);
  g_test_add ("/alert-engine-history/which-runs", Fixture, NULL, vigie_test_history_file_setup, test_which_runs, vigie_test_history_file_teardown);
  g_test_add ("/alert-engine-history/no-history", Fixture, NULL, vigie_test_history_file_setup, test_no_history, vigie_test_history_file_teardown);
  g_test_add ("/alert-engine-history/expires", Fixture, NULL, vigie_test_history_file_setup, test_expires, vigie_test_history_file_teardown);
  g_test_add ("/alert-engine-history/center", Fixture, GINT_TO_POINTER (TRUE), vigie_test_history_file_setup, test_center, vigie_test_history_file_teardown);
  g_test_add ("/alert-engine-history/center-without", Fixture, GINT_TO_POINTER (FALSE), vigie_test_history_file_setup, test_center, vigie_test_history_file_teardown);

  return g_test_run ();
}
