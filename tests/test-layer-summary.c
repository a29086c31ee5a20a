/* test-layer-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-group-style.h"
#include "vigie-layer-summary.h"
#include "vigie-snapshot.h"
#include "vigie-store.h"
#include "vigie-test-support.h"

/* What ages and what a layer's row says, without a display. */

#define NOW 1796000000  /* 2026-12-01 ... UTC */

static VigieEntity *
make (VigieEntityKind kind,
      const char     *id,
      gint64          observed_at,
      gboolean        ghost)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

  if (ghost)
    g_variant_dict_insert (&values, "ghost", "b", TRUE);

  return vigie_entity_new (kind, id, id, 47.75, 7.33, observed_at, g_variant_dict_end (&values));
}

/* @n fresh entities of @kind, named @prefix-0, @prefix-1… */
static void
add_entities (VigieSnapshot   *snapshot,
              VigieEntityKind  kind,
              const char      *prefix,
              guint            n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", prefix, i);

      vigie_snapshot_add_entity (snapshot, make (kind, id, NOW, FALSE));
    }
}

static void
test_timetable_never_old (void)
{
  g_autoptr(VigieEntity) stop = make (VIGIE_ENTITY_STOP, "stop", NOW - 86400, FALSE);
  g_autoptr(VigieEntity) line = make (VIGIE_ENTITY_LINE, "line", NOW - 86400, FALSE);
  g_autoptr(VigieEntity) tram = make (VIGIE_ENTITY_VEHICLE, "tram", NOW - 86400, FALSE);
  g_autoptr(VigieEntity) dock = make (VIGIE_ENTITY_STATION, "dock", NOW - 8 * 60, FALSE);
  g_autoptr(VigieEntity) fresh = make (VIGIE_ENTITY_STATION, "fresh", NOW - 30, FALSE);
  g_autoptr(VigieEntity) unknown = make (VIGIE_ENTITY_STATION, "unknown", 0, FALSE);

  /* A timetable published yesterday is still today's timetable. */
  g_assert_false (vigie_layer_summary_ages (stop));
  g_assert_cmpint (vigie_layer_summary_classify_entity (VIGIE_FEED_KIND_TRAMS, stop, NOW, NOW - 86400, NOW - 86400),
                   ==, VIGIE_FRESHNESS_FRESH);
  g_assert_cmpint (vigie_layer_summary_classify_entity (VIGIE_FEED_KIND_TRAMS, line, NOW, 0, 0),
                   ==, VIGIE_FRESHNESS_FRESH);
  /* A tram position a day old is not. */
  g_assert_cmpint (vigie_layer_summary_classify_entity (VIGIE_FEED_KIND_TRAMS, tram, NOW, 0, 0),
                   ==, VIGIE_FRESHNESS_STALE);

  /* A dock count from 8 min ago is past the bikes' limit (5 min). */
  g_assert_cmpint (vigie_layer_summary_classify_entity (VIGIE_FEED_KIND_BIKES, dock, NOW, 0, NOW),
                   ==, VIGIE_FRESHNESS_AGEING);
  g_assert_cmpint (vigie_layer_summary_classify_entity (VIGIE_FEED_KIND_BIKES, fresh, NOW, 0, NOW),
                   ==, VIGIE_FRESHNESS_FRESH);
  /* No time of its own: its feed's. */
  g_assert_cmpint (vigie_layer_summary_classify_entity (VIGIE_FEED_KIND_BIKES, unknown, NOW, NOW - 600, NOW),
                   ==, VIGIE_FRESHNESS_AGEING);
  g_assert_cmpint (vigie_layer_summary_classify_entity (VIGIE_FEED_KIND_BIKES, unknown, NOW, NOW - 10, NOW),
                   ==, VIGIE_FRESHNESS_FRESH);
}

/* A Citiz station last reported months ago, in a fresh feed, is not old:
 * round-trip stations report only when a car leaves or comes back
 * (FEEDS.md). Its feed's time counts; a car's own position still ages. */
static void
test_car_share_station_feed_time (void)
{
  g_autoptr(VigieEntity) station = make (VIGIE_ENTITY_STATION, "citiz", NOW - 90 * 86400, FALSE);
  g_autoptr(VigieEntity) car = make (VIGIE_ENTITY_VEHICLE, "car", NOW - 3600, FALSE);

  g_assert_cmpint (vigie_layer_summary_item_time (VIGIE_FEED_KIND_CAR_SHARE, station), ==, 0);
  g_assert_cmpint (vigie_layer_summary_classify_entity (VIGIE_FEED_KIND_CAR_SHARE, station, NOW, NOW - 20, NOW),
                   ==, VIGIE_FRESHNESS_FRESH);
  g_assert_cmpint (vigie_layer_summary_classify_entity (VIGIE_FEED_KIND_CAR_SHARE, station, NOW, NOW - 3600, NOW),
                   !=, VIGIE_FRESHNESS_FRESH);
  g_assert_cmpint (vigie_layer_summary_classify_entity (VIGIE_FEED_KIND_CAR_SHARE, car, NOW, NOW - 20, NOW),
                   !=, VIGIE_FRESHNESS_FRESH);
}

static void
test_counts (void)
{
  g_autoptr(VigieStore) store = vigie_store_new ();
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();
  g_autofree char *trams = NULL;
  g_autofree char *night = NULL;

  add_entities (snapshot, VIGIE_ENTITY_VEHICLE, "tram", 12);
  add_entities (snapshot, VIGIE_ENTITY_STOP, "stop", 133);
  /* Missing trams are said apart, not counted as trams. */
  vigie_snapshot_add_entity (snapshot, make (VIGIE_ENTITY_VEHICLE, "ghost", NOW, TRUE));
  vigie_snapshot_add_entity (snapshot, make (VIGIE_ENTITY_LINE, "line", NOW, FALSE));
  vigie_store_apply (store, snapshot, NOW);

  trams = vigie_layer_summary_counts (VIGIE_FEED_KIND_TRAMS, G_LIST_MODEL (store));
  g_assert_cmpstr (trams, ==, "12 trams · 133 stops");

  g_clear_pointer (&snapshot, vigie_snapshot_unref);
  snapshot = vigie_snapshot_new ();
  vigie_snapshot_add_entity (snapshot, make (VIGIE_ENTITY_STOP, "stop", NOW, FALSE));
  vigie_store_apply (store, snapshot, NOW);
  night = vigie_layer_summary_counts (VIGIE_FEED_KIND_TRAMS, G_LIST_MODEL (store));
  g_assert_cmpstr (night, ==, "no tram running · 1 stop");
}

/* A train network counts its trains and stations in its own words. */
static void
test_counts_trains (void)
{
  g_autoptr(VigieStore) store = vigie_store_new ();
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();
  g_autofree char *trains = NULL;

  add_entities (snapshot, VIGIE_ENTITY_VEHICLE, "train", 6);
  add_entities (snapshot, VIGIE_ENTITY_STOP, "station", 9);
  vigie_store_apply (store, snapshot, NOW);

  trains = vigie_layer_summary_counts (VIGIE_FEED_KIND_TRAINS, G_LIST_MODEL (store));
  g_assert_cmpstr (trains, ==, "6 trains · 9 stations");
}

static void
test_disabled (void)
{
  g_autoptr(VigieFeed) feed = vigie_feed_new ("siri", "SIRI", VIGIE_FEED_KIND_TRAMS, "gtfs",
                                              "http://127.0.0.1:9/gtfs.zip");
  g_autofree char *on = NULL;
  g_autofree char *off = NULL;

  on = vigie_layer_summary_subtitle (feed, NOW);
  g_assert_nonnull (strstr (on, "nothing shown"));

  /* Not "Paused — 0 shown" as if it were an active layer. */
  vigie_feed_set_enabled (feed, FALSE);
  off = vigie_layer_summary_subtitle (feed, NOW);
  g_assert_cmpstr (off, ==, "Feed turned off in Preferences");
  g_assert_cmpint (vigie_layer_summary_frozen_since (feed, NOW), ==, 0);
}

static void
test_format_frozen (void)
{
  /* TZ=UTC in the tests: 2026-12-07 08:42:10. */
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 12, 7, 8, 42, 10);
  g_autofree char *text = vigie_layer_summary_format_frozen (g_date_time_to_unix (when));

  g_assert_cmpstr (text, ==, "data frozen since 08:42");
}

static void
test_group_summary (void)
{
  guint counts[VIGIE_GROUP_N_ALERTS] = { 0, };
  g_autofree char *bikes = NULL;
  g_autofree char *parking = NULL;
  g_autofree char *quiet = NULL;
  static const struct { gint64 vehicles; VigieGroupAlert alert; } stations[] = {
    { 0, VIGIE_GROUP_ALERT_EMPTY }, { 0, VIGIE_GROUP_ALERT_EMPTY }, { 0, VIGIE_GROUP_ALERT_EMPTY },
    { 10, VIGIE_GROUP_ALERT_FULL }, { 5, VIGIE_GROUP_ALERT_NONE }, { 1, VIGIE_GROUP_ALERT_NONE },
  };

  /* What a group of bike docks says: its states, not a bare number. */
  for (guint i = 0; i < G_N_ELEMENTS (stations); i++)
    {
      g_autoptr(VigieEntity) station = vigie_test_station_new ("s", 47.75, 7.33, stations[i].vehicles, 10);
      VigieGroupAlert alert = vigie_group_style_alert (VIGIE_FEED_KIND_BIKES, station, NULL);

      g_assert_cmpint (alert, ==, stations[i].alert);
      counts[alert]++;
    }
  bikes = vigie_group_style_summary (VIGIE_FEED_KIND_BIKES, counts);
  g_assert_cmpstr (bikes, ==, "3 empty · 1 full");

  /* Car parks are full in their own words. */
  parking = vigie_group_style_summary (VIGIE_FEED_KIND_PARKING,
                                       (guint[VIGIE_GROUP_N_ALERTS]) { [VIGIE_GROUP_ALERT_FULL] = 2 });
  g_assert_cmpstr (parking, ==, "2 with no space");

  /* Nothing to act on: nothing written. */
  quiet = vigie_group_style_summary (VIGIE_FEED_KIND_WIFI,
                                     (guint[VIGIE_GROUP_N_ALERTS]) { [VIGIE_GROUP_ALERT_NONE] = 12 });
  g_assert_null (quiet);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layer-summary/timetable-never-old", test_timetable_never_old);
  g_test_add_func ("/layer-summary/car-share-station-feed-time", test_car_share_station_feed_time);
  g_test_add_func ("/layer-summary/counts", test_counts);
  g_test_add_func ("/layer-summary/counts-trains", test_counts_trains);
  g_test_add_func ("/layer-summary/disabled", test_disabled);
  g_test_add_func ("/layer-summary/format-frozen", test_format_frozen);
  g_test_add_func ("/layer-summary/group-summary", test_group_summary);

  return g_test_run ();
}
