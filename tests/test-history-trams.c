/* test-history-trams.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "vigie-history.h"
#include "vigie-history-replay.h"
#include "vigie-test-history.h"
#include "vigie-test-support.h"

/* Replay beyond sparklines, on a real history file: each tram's position,
 * trip and line recorded as it is reported (one position every
 * VIGIE_HISTORY_POSITION_MIN_S at most) and made into trams again at a
 * past instant, with their delay and their line's colours; and an
 * instant older than the raw runs kept, read from the five-minute
 * aggregates. */

/* 2026-12-07 08:30 UTC, on a five-minute boundary. */
#define NOW G_GINT64_CONSTANT (1796632200)
#define DAY (24 * 3600)

typedef VigieTestHistoryDb Fixture;

static VigieEntity *
tram (const char *id,
      const char *line,
      const char *trip,
      double      latitude,
      double      longitude,
      double      bearing)
{
  g_autoptr(GVariantDict) values = g_variant_dict_new (NULL);

  g_variant_dict_insert (values, "route_id", "s", line);
  g_variant_dict_insert (values, "route_color", "s", "E2001A");
  g_variant_dict_insert (values, "route_short_name", "s", line);
  g_variant_dict_insert (values, "trip_id", "s", trip);
  g_variant_dict_insert (values, "stop_id", "s", "STOP-NOW");
  g_variant_dict_insert (values, "bearing", "d", bearing);
  g_variant_dict_insert (values, "delay_s", "x", (gint64) 0);
  g_variant_dict_insert (values, "source", "s", "realtime");

  return vigie_entity_new (VIGIE_ENTITY_VEHICLE, id, id, latitude, longitude, NOW, g_variant_dict_end (values));
}

static VigieEntity *
find_entity (VigieSnapshot *snapshot,
             const char    *key)
{
  for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
    {
      VigieEntity *entity = vigie_snapshot_get_entity (snapshot, i);

      if (g_str_equal (vigie_entity_get_key (entity), key))
        return entity;
    }

  return NULL;
}

static void
write_batch (Fixture           *fixture,
             VigieHistoryBatch *batch)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vigie_history_db_write (fixture->db, batch, &error));
  g_assert_no_error (error);
  vigie_history_batch_free (batch);
}

static gint64
count_rows (Fixture    *fixture,
            const char *field)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT (*) FROM raw JOIN series s ON raw.series = s.id "
                                          "WHERE s.field = '%s'", field);

  return vigie_test_sqlite_int (fixture->path, sql);
}

/* A tram's position, trip and line, then only what changed; a tram gone
 * ends them. */
static void
test_samples (void)
{
  g_autoptr(VigieSnapshot) first = vigie_test_snapshot_of (NULL, NOW, tram ("v1", "A", "T1", 47.75, 7.33, 90),
                                                tram ("v2", "B", "T2", 47.76, 7.34, 180), NULL);
  g_autoptr(VigieSnapshot) second = vigie_test_snapshot_of (first, NOW, tram ("v1", "A", "T1", 47.751, 7.332, 95), NULL);
  g_autoptr(VigieHistoryBatch) batch = NULL;
  VigieTapInput input = { .feed_id = "trams", .format_id = "gtfs", .now = NOW, .current = first };
  const VigieHistorySample *sample;
  double latitude, longitude, bearing;

  batch = vigie_history_samples_diff (&input);
  g_assert_cmpstr (vigie_test_find_sample (batch, "vehicle/v1", "position")->text, ==, "47.750000 7.330000 90");
  g_assert_cmpstr (vigie_test_find_sample (batch, "vehicle/v1", "trip_id")->text, ==, "T1");
  g_assert_cmpstr (vigie_test_find_sample (batch, "vehicle/v1", "route_id")->text, ==, "A");
  g_assert_cmpstr (vigie_test_find_sample (batch, "vehicle/v2", "label")->text, ==, "v2");
  g_assert_cmpstr (vigie_test_find_sample (batch, "vehicle/v2", "source")->text, ==, "realtime");
  g_clear_pointer (&batch, vigie_history_batch_free);

  input.previous = first;
  input.current = second;
  batch = vigie_history_samples_diff (&input);
  g_assert_cmpstr (vigie_test_find_sample (batch, "vehicle/v1", "position")->text, ==, "47.751000 7.332000 95");
  g_assert_null (vigie_test_find_sample (batch, "vehicle/v1", "trip_id"));
  sample = vigie_test_find_sample (batch, "vehicle/v2", "position");
  g_assert_true (sample != NULL && sample->text == NULL && isnan (sample->value));

  g_assert_true (vigie_history_parse_position ("47.751000 7.332000 95", &latitude, &longitude, &bearing));
  g_assert_cmpfloat (latitude, ==, 47.751);
  g_assert_cmpfloat (bearing, ==, 95);
  g_assert_true (vigie_history_parse_position ("47.751000 7.332000 -", &latitude, &longitude, &bearing));
  g_assert_true (isnan (bearing));
  g_assert_false (vigie_history_parse_position ("47.7 nowhere 3", &latitude, &longitude, &bearing));
  g_assert_false (vigie_history_parse_position ("95 7.3 1", &latitude, &longitude, &bearing));
  g_assert_false (vigie_history_parse_position (NULL, &latitude, &longitude, &bearing));
}

static VigieHistoryBatch *
position_batch (gint64      time,
                const char *vehicle,
                const char *position)
{
  VigieHistoryBatch *batch = vigie_history_batch_new ("trams", time);
  g_autofree char *key = g_strconcat ("vehicle/", vehicle, NULL);

  if (position != NULL)
    vigie_history_batch_add_text (batch, key, "position", position);
  else
    vigie_history_batch_add_gone (batch, key, "position");

  return batch;
}

/* Reported every 5 s: one position every 20 s is kept. */
static void
test_bound (Fixture       *fixture,
            gconstpointer  data)
{
  for (int i = 0; i < 12; i++)
    {
      g_autofree char *position = g_strdup_printf ("47.75%04d 7.330000 90", i);

      write_batch (fixture, position_batch (NOW + 5 * i, "v1", position));
    }
  /* 0, 20, 40 s, and the last at 55 s not yet. */
  g_assert_cmpint (count_rows (fixture, "position"), ==, 3);

  /* Gone is written at once. */
  write_batch (fixture, position_batch (NOW + 60, "v1", NULL));
  write_batch (fixture, position_batch (NOW + 61, "v1", "47.760000 7.330000 90"));
  g_assert_cmpint (count_rows (fixture, "position"), ==, 4);
}

/* At a past instant: the trams the history saw, where it saw them, with
 * their trip's delay then and their line's colours now; a tram on the
 * map now but not then is not shown, one gone since is. */
static void
test_replay (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) now = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  VigieHistoryBatch *batch;
  VigieEntity *entity;
  gint64 delay = 0;
  double bearing = 0;

  batch = vigie_history_batch_new ("trams", NOW - 3600);
  vigie_history_batch_add_text (batch, "vehicle/v1", "position", "47.740000 7.320000 45");
  vigie_history_batch_add_text (batch, "vehicle/v1", "trip_id", "T1");
  vigie_history_batch_add_text (batch, "vehicle/v1", "route_id", "A");
  vigie_history_batch_add_text (batch, "vehicle/v1", "label", "Rame 12");
  vigie_history_batch_add (batch, "trip/T1", "delay_s", 120);
  vigie_history_batch_add_text (batch, "vehicle/v9", "position", "47.730000 7.310000 -");
  vigie_history_batch_add_text (batch, "vehicle/v9", "trip_id", "T9");
  vigie_history_batch_add_text (batch, "vehicle/v9", "route_id", "B");
  write_batch (fixture, batch);
  batch = vigie_history_batch_new ("trams", NOW - 1800);
  vigie_history_batch_add_gone (batch, "vehicle/v9", "position");
  vigie_history_batch_add_text (batch, "vehicle/v5", "position", "47.700000 7.300000 10");
  write_batch (fixture, batch);

  g_ptr_array_add (now, tram ("v1", "A", "T7", 47.75, 7.33, 90));
  g_ptr_array_add (now, tram ("v5", "A", "T5", 47.75, 7.33, 90));
  g_ptr_array_add (now, vigie_entity_new (VIGIE_ENTITY_STOP, "S", "Gare", 47.74, 7.34, NOW, NULL));

  snapshot = vigie_history_replay_build (fixture->db, "trams", now, NULL, NOW - 3000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, 3);

  entity = find_entity (snapshot, "vehicle/v1");
  g_assert_nonnull (entity);
  g_assert_cmpfloat (vigie_entity_get_latitude (entity), ==, 47.74);
  g_assert_cmpfloat (vigie_entity_get_longitude (entity), ==, 7.32);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, "Rame 12");
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "trip_id"), ==, "T1");
  g_assert_true (vigie_entity_lookup_int (entity, "delay_s", &delay));
  g_assert_cmpint (delay, ==, 120);
  g_assert_true (vigie_entity_lookup_double (entity, "bearing", &bearing));
  g_assert_cmpfloat (bearing, ==, 45);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "route_color"), ==, "E2001A");
  /* What another trip shows now is not this one's. */
  g_assert_null (vigie_entity_lookup_string (entity, "stop_id"));

  entity = find_entity (snapshot, "vehicle/v9");
  g_assert_nonnull (entity);
  g_assert_cmpstr (vigie_entity_get_id (entity), ==, "v9");
  g_assert_cmpfloat (vigie_entity_get_latitude (entity), ==, 47.73);
  g_assert_false (vigie_entity_lookup_double (entity, "bearing", &bearing));
  g_assert_null (vigie_entity_lookup_string (entity, "route_color"));   /* no tram of line B now */
  g_assert_null (find_entity (snapshot, "vehicle/v5"));
  g_assert_nonnull (find_entity (snapshot, "stop/S"));
  g_clear_pointer (&snapshot, vigie_snapshot_unref);

  /* Later: v9 gone, v5 there. */
  snapshot = vigie_history_replay_build (fixture->db, "trams", now, NULL, NOW - 600, &error);
  g_assert_no_error (error);
  g_assert_null (find_entity (snapshot, "vehicle/v9"));
  g_assert_cmpfloat (vigie_entity_get_latitude (find_entity (snapshot, "vehicle/v5")), ==, 47.70);
}

static gint64
vehicles_at (VigieSnapshot *snapshot,
             const char    *key)
{
  VigieEntity *entity = find_entity (snapshot, key);
  gint64 n = -1;

  if (entity != NULL)
    g_assert_true (vigie_entity_lookup_int (entity, "vehicles_available", &n));

  return n;
}

/* Ten days ago, its raw runs pruned: the aggregates' last values. */
static void
test_old_day (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) now = g_ptr_array_new_with_free_func (g_object_unref);
  VigieHistoryLimits limits = { 2, 400, G_MAXUINT64 };
  gint64 day = NOW - 10 * DAY;
  VigieSnapshot *snapshot;
  struct { gint64 time; const char *key; double value; } writes[] = {
    { day, "station/1", 5 },
    { day, "station/2", 8 },
    { day + 2 * 3600 + 60, "station/1", 2 },
    { day + 3 * 3600, "station/2", NAN },
    { NOW - DAY, "station/1", 7 },
    { NOW - 600, "station/3", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      VigieHistoryBatch *batch = vigie_history_batch_new ("bikes", writes[i].time);

      if (isnan (writes[i].value))
        vigie_history_batch_add_gone (batch, writes[i].key, "vehicles_available");
      else
        vigie_history_batch_add (batch, writes[i].key, "vehicles_available", writes[i].value);
      write_batch (fixture, batch);
    }
  g_assert_true (vigie_history_db_maintain (fixture->db, NOW, &limits, &error));
  g_assert_no_error (error);
  /* Left: the runs that end since two days ago, or hold. */
  g_assert_cmpint (count_rows (fixture, "vehicles_available"), ==, 3);

  for (int i = 1; i <= 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("%d", i);
      g_autoptr(GVariantDict) values = g_variant_dict_new (NULL);

      g_variant_dict_insert (values, "vehicles_available", "x", (gint64) 9);
      g_ptr_array_add (now, vigie_entity_new (VIGIE_ENTITY_STATION, id, id, 47.75, 7.33, NOW,
                                              g_variant_dict_end (values)));
    }

  /* 09:30 that day: 5 and 8 bikes. */
  snapshot = vigie_history_replay_build (fixture->db, "bikes", now, NULL, day + 3600, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vehicles_at (snapshot, "station/1"), ==, 5);
  g_assert_cmpint (vehicles_at (snapshot, "station/2"), ==, 8);
  g_assert_cmpint (vehicles_at (snapshot, "station/3"), ==, -1);
  vigie_snapshot_unref (snapshot);

  /* 11:35: station 1 went to 2 at 10:31; station 2 was gone at 11:30,
   * on a bucket's end. */
  snapshot = vigie_history_replay_build (fixture->db, "bikes", now, NULL, day + 3 * 3600 + 300, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vehicles_at (snapshot, "station/1"), ==, 2);
  g_assert_cmpint (vehicles_at (snapshot, "station/2"), ==, -1);
  vigie_snapshot_unref (snapshot);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/trams/samples", test_samples);
  g_test_add ("/history/trams/bound", Fixture, NULL, vigie_test_history_db_setup, test_bound, vigie_test_history_db_teardown);
  g_test_add ("/history/trams/replay", Fixture, NULL, vigie_test_history_db_setup, test_replay, vigie_test_history_db_teardown);
  g_test_add ("/history/replay/old-day", Fixture, NULL, vigie_test_history_db_setup, test_old_day, vigie_test_history_db_teardown);

  return g_test_run ();
}
