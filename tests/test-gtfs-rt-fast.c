/* test-gtfs-rt-fast.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-entity-private.h"
#include "vigie-format-gtfs-rt.h"
#include "vigie-formats.h"
#include "vigie-snapshot.h"
#include "vigie-test-gtfs-rt.h"
#include "vigie-test-support.h"

/* The fast paths of a GTFS-Realtime update (issue 19): the feed finds a
 * vehicle given twice, and prepare() finds each entity's key, through
 * tables of their own over the hash each entity keeps. Here, at the scale
 * they are made for and with the ids that make hash tables go wrong (empty,
 * not UTF-8, many of one hash, one id for two kinds), against what the
 * feed says vehicle by vehicle and against the GHashTables they replaced. */

/* 2026-01-05 07:12:40 UTC */
#define NOW G_GINT64_CONSTANT (1767597160)
#define FEED_TIME (NOW - 15)
#define N_VEHICLES 5000
#define N_DUPLICATES 40

/* Ids of one length: under this test's hash (set in main()) they all
 * hash alike, as g_str_hash()'s "Ab" and "BA" pairs would. */
static char *
colliding_id (guint n)
{
  GString *id = g_string_new ("c-");

  for (guint bit = 0; bit < 10; bit++)
    g_string_append (id, (n >> bit) & 1 ? "BA" : "Ab");

  return g_string_free (id, FALSE);
}

typedef struct
{
  char    *id;             /* what the entity's id must be */
  char    *name;           /* NULL: none */
  char    *trip_id;
  char    *route_id;       /* NULL: no route_id value */
  float    latitude;
  gint64   observed_at;
  gboolean age_unknown;
} Expected;

static void
expected_clear (gpointer data)
{
  Expected *e = data;

  g_free (e->id);
  g_free (e->name);
  g_free (e->trip_id);
  g_free (e->route_id);
}

/* A string that lives as long as @feed (messages borrow theirs). */
static char *
feed_strdup (VigieTestFeed *feed,
             const char    *text)
{
  gsize size = strlen (text) + 1;

  return memcpy (vigie_test_feed_alloc (feed, size), text, size);
}

/* Vehicle @i, by @i % 10: no descriptor (the entity's id is used), an
 * empty id (the label is), an id not UTF-8 (made valid), an id of one
 * hash with 500 others and a label not UTF-8, a timestamp in milliseconds
 * (64 bits), none (the feed's time), no trip, an empty route; the rest
 * plain. */
static void
add_vehicle (VigieTestFeed *feed,
             GArray        *expected,
             guint          i,
             guint          variant,
             float          latitude,
             guint64        timestamp)
{
  g_autofree char *entity_id = g_strdup_printf ("e-%u", i);
  g_autofree char *plain_id = g_strdup_printf ("v-%u", i);
  g_autofree char *label = g_strdup_printf ("Rame %u", i);
  TransitRealtime__VehiclePosition *vehicle;
  Expected e = { .latitude = latitude, .observed_at = (gint64) timestamp };
  const char *vehicle_id = NULL;

  switch (variant)
    {
    case 0:
      e.id = g_strdup (entity_id);
      break;
    case 1:
      vehicle_id = "";
      e.id = g_strdup (label);
      e.name = g_strdup (label);
      break;
    case 2:
      {
        g_autofree char *invalid = g_strconcat ("\xff" "v", plain_id, NULL);

        vehicle_id = feed_strdup (feed, invalid);
      }
      e.id = g_strconcat ("\xef\xbf\xbd" "v", plain_id, NULL);
      break;
    case 3:
      e.id = colliding_id (i / 10);
      vehicle_id = e.id;
      e.name = g_strdup ("R\xef\xbf\xbd(");
      break;
    default:
      vehicle_id = plain_id;
      e.id = g_strdup (plain_id);
      e.name = g_strdup (label);
    }

  vehicle = vigie_test_feed_add_vehicle (feed, feed_strdup (feed, entity_id),
                                         vehicle_id != NULL ? feed_strdup (feed, vehicle_id) : NULL,
                                         latitude, 7.3f, timestamp);
  if (variant == 1 || variant >= 4)
    vehicle->vehicle->label = feed_strdup (feed, label);
  else if (variant == 3)
    vehicle->vehicle->label = feed_strdup (feed, "R\xc3(");

  if (variant == 4)
    vehicle->timestamp = timestamp * 1000;
  else if (variant == 5)
    {
      vehicle->has_timestamp = FALSE;
      e.observed_at = FEED_TIME;
      e.age_unknown = TRUE;
    }

  if (variant != 6)
    {
      TransitRealtime__TripDescriptor *trip = vigie_test_vehicle_add_trip (feed, vehicle);
      g_autofree char *trip_id = g_strdup_printf ("T%u-%05u", 1 + i % 3, i);
      g_autofree char *route_id = g_strdup_printf ("T%u", 1 + i % 3);

      trip->trip_id = feed_strdup (feed, trip_id);
      trip->route_id = feed_strdup (feed, variant == 7 ? "" : route_id);
      e.trip_id = g_strdup (trip_id);
      e.route_id = variant == 7 ? NULL : g_strdup (route_id);
    }

  g_array_append_val (expected, e);
}

static void
assert_vehicle (VigieEntity    *entity,
                const Expected *e)
{
  gboolean age_unknown = !e->age_unknown;

  g_assert_cmpint (vigie_entity_get_kind (entity), ==, VIGIE_ENTITY_VEHICLE);
  g_assert_cmpstr (vigie_entity_get_id (entity), ==, e->id);
  g_assert_cmpstr (vigie_entity_get_name (entity), ==, e->name);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "vehicle_label"), ==, e->name);
  g_assert_cmpfloat (vigie_entity_get_latitude (entity), ==, (double) e->latitude);
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, e->observed_at);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "trip_id"), ==, e->trip_id);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "route_id"), ==, e->route_id);
  g_assert_true (vigie_entity_lookup_boolean (entity, "age_unknown", &age_unknown));
  g_assert_cmpint (age_unknown, ==, e->age_unknown);
  g_assert_false (vigie_entity_lookup_int (entity, "delay_s", NULL));
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "source"), ==, "realtime");
}

static void
test_odd_vehicles (void)
{
  g_autoptr(VigieTestFeed) feed = vigie_test_feed_new (FEED_TIME, FALSE);
  g_autoptr(GArray) expected = g_array_new (FALSE, TRUE, sizeof (Expected));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(VigieSnapshot) by_protobuf_c = NULL;
  g_autoptr(GError) error = NULL;
  const VigieParseContext context = { .now = NOW, .language = "fr" };
  guint n_replaced = 0;

  g_array_set_clear_func (expected, expected_clear);

  for (guint i = 0; i < N_VEHICLES; i++)
    add_vehicle (feed, expected, i, i % 10, 47.7f + (i % 100) * 0.001f, FEED_TIME - 60 - i % 60);

  /* Vehicles given again, once each, at the end: a newer position wins
   * and stays where the vehicle was first; an older one is dropped. Plain
   * ones (variant 8) and ones of the shared hash (3). */
  for (guint d = 0; d < N_DUPLICATES; d++)
    {
      guint i = d * 120 + (d % 2 == 0 ? 8 : 3);
      gboolean newer = d % 4 < 2;
      g_autoptr(GArray) again = g_array_new (FALSE, TRUE, sizeof (Expected));
      Expected *e;

      g_array_set_clear_func (again, expected_clear);
      add_vehicle (feed, again, i, i % 10, 48.5f + d * 0.01f,
                   newer ? FEED_TIME - 1 : FEED_TIME - 3600);
      e = &g_array_index (again, Expected, 0);
      if (newer)
        {
          Expected *first = &g_array_index (expected, Expected, i);

          g_assert_cmpstr (first->id, ==, e->id);
          first->latitude = e->latitude;
          first->observed_at = e->observed_at;
          n_replaced++;
        }
    }
  g_assert_cmpuint (n_replaced, ==, N_DUPLICATES / 2);

  bytes = vigie_test_feed_pack (feed);
  snapshot = vigie_gtfs_rt_parse (bytes, &context, VIGIE_GTFS_RT_ARENA_PER_THREAD, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, N_VEHICLES);
  for (guint i = 0; i < N_VEHICLES; i++)
    assert_vehicle (vigie_snapshot_get_entity (snapshot, i), &g_array_index (expected, Expected, i));

  /* One warning per vehicle given twice, one for the milliseconds. */
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, N_DUPLICATES + 1);
  g_assert_cmpuint (vigie_snapshot_get_n_records (snapshot), ==, N_VEHICLES + N_DUPLICATES);

  /* protobuf-c's decoding gives the same. */
  by_protobuf_c = vigie_gtfs_rt_parse (bytes, &context, VIGIE_GTFS_RT_MALLOC, &error);
  g_assert_no_error (error);
  vigie_test_assert_same_snapshots (snapshot, by_protobuf_c);
}

/*
 * prepare() against the GHashTables it used to build
 */

typedef struct
{
  GPtrArray *entities;       /* what the prepared snapshot must hold, in order */
  GArray    *changes;        /* VigieSnapshotChange */
  GArray    *changed_at;     /* gint64, each entity's value-changed time */
} Reference;

static void
reference_clear (Reference *r)
{
  g_clear_pointer (&r->entities, g_ptr_array_unref);
  g_clear_pointer (&r->changes, g_array_unref);
  g_clear_pointer (&r->changed_at, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reference, reference_clear)

static void
close_run (GArray              *changes,
           VigieSnapshotChange *run)
{
  if (run->removed > 0 || run->added > 0)
    g_array_append_vals (changes, run, 1);
  run->removed = run->added = 0;
}

static gboolean
same_entity (VigieEntity *a,
             VigieEntity *b)
{
  return vigie_entity_get_observed_at (a) == vigie_entity_get_observed_at (b) &&
         g_strcmp0 (vigie_entity_get_name (a), vigie_entity_get_name (b)) == 0 &&
         vigie_entity_same_values (a, b);
}

/* What prepare() did with GHashTables of the keys, without touching the
 * entities: the order, the changes and the value-changed times. */
static void
reference_prepare (Reference     *r,
                   VigieSnapshot *self,
                   VigieSnapshot *previous,
                   gint64         now)
{
  GPtrArray *entities = vigie_snapshot_get_entities (self);
  g_autoptr(GHashTable) last = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  VigieSnapshotChange run = { 0, };

  r->entities = g_ptr_array_new ();
  r->changes = g_array_new (FALSE, FALSE, sizeof (VigieSnapshotChange));
  r->changed_at = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < entities->len; i++)
    g_hash_table_replace (last, (gpointer) vigie_entity_get_key (entities->pdata[i]), entities->pdata[i]);

  for (guint i = 0; previous != NULL && i < vigie_snapshot_get_n_entities (previous); i++)
    {
      VigieEntity *before = vigie_snapshot_get_entity (previous, i);
      VigieEntity *entity = g_hash_table_lookup (last, vigie_entity_get_key (before));
      gint64 at;

      g_hash_table_add (shown, (gpointer) vigie_entity_get_key (before));
      if (entity != NULL && same_entity (before, entity))
        {
          close_run (r->changes, &run);
          at = vigie_entity_get_value_changed_at (before);
          g_ptr_array_add (r->entities, before);
          g_array_append_val (r->changed_at, at);
          continue;
        }
      if (run.removed == 0 && run.added == 0)
        run.position = r->entities->len;
      run.removed++;
      if (entity == NULL)
        continue;
      at = vigie_entity_same_values (before, entity) ? vigie_entity_get_value_changed_at (before) : now;
      g_ptr_array_add (r->entities, entity);
      g_array_append_val (r->changed_at, at);
      run.added++;
    }
  close_run (r->changes, &run);

  run.position = r->entities->len;
  for (guint i = 0; i < entities->len; i++)
    {
      VigieEntity *entity = entities->pdata[i];

      if (g_hash_table_lookup (last, vigie_entity_get_key (entity)) != entity ||
          g_hash_table_contains (shown, vigie_entity_get_key (entity)))
        continue;
      g_ptr_array_add (r->entities, entity);
      g_array_append_val (r->changed_at, now);
      run.added++;
    }
  close_run (r->changes, &run);
}

/* An entity of @kind and @id whose values, those the columns read, say
 * @value; a vehicle's line changes with it. */
static VigieEntity *
make_entity (VigieEntityKind  kind,
             const char      *id,
             gint64           value,
             gint64           observed_at)
{
  g_autofree char *name = value % 2 == 0 ? g_strdup_printf ("Name %s", id) : NULL;
  g_autofree char *route = g_strdup_printf ("T%d", (int) (value % 3));
  VigieEntityField vehicle[] = {
    { .key = "route_id", .type = VIGIE_ENTITY_FIELD_STRING, .s = route },
    { .key = "direction_id", .type = VIGIE_ENTITY_FIELD_INT, .i = value % 2 },
    { .key = "delay_s", .type = VIGIE_ENTITY_FIELD_INT, .i = value * 30 },
    { .key = "current_status", .type = VIGIE_ENTITY_FIELD_STRING, .s = value % 4 == 0 ? "stopped_at" : "in_transit_to" },
    { .key = "source", .type = VIGIE_ENTITY_FIELD_STRING, .s = "realtime" },
  };
  VigieEntityField station[] = {
    { .key = "vehicles_available", .type = VIGIE_ENTITY_FIELD_INT, .i = value },
    { .key = "docks_available", .type = VIGIE_ENTITY_FIELD_INT, .i = 20 - value },
    { .key = "is_virtual", .type = VIGIE_ENTITY_FIELD_BOOLEAN, .b = value % 3 == 0 },
  };

  if (kind == VIGIE_ENTITY_VEHICLE)
    return vigie_entity_new_from_fields (kind, id, name, 47.7 + value * 1e-4, 7.3, observed_at,
                                         vehicle, G_N_ELEMENTS (vehicle));
  return vigie_entity_new_from_fields (kind, id, name, 47.7, 7.3 + value * 1e-4, observed_at,
                                       station, G_N_ELEMENTS (station));
}

/* Snapshot @round of a feed whose things come and go, change, move and
 * are given twice; ids of one hash, and one id for a vehicle and a
 * station. */
static VigieSnapshot *
make_round (guint round)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ();

  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *id = i % 3 == 0 ? colliding_id (i) : g_strdup_printf ("%u", i);
      VigieEntityKind kind = i % 5 == 0 ? VIGIE_ENTITY_STATION : VIGIE_ENTITY_VEHICLE;
      gint64 value = (i % 7 == round % 7) ? round : 0;
      gint64 observed_at = 1000 + (i % 11 == round % 11 ? round : 0);

      /* Some leave for a round, and come back. */
      if ((i + round) % 13 == 0)
        continue;
      vigie_snapshot_add_entity (snapshot, make_entity (kind, id, value, observed_at));
      /* The same id as another kind: another thing. */
      if (i % 50 == 0)
        vigie_snapshot_add_entity (snapshot, make_entity (VIGIE_ENTITY_STOP, id, value, observed_at));
    }

  /* Given again later in the document: the last one wins. */
  for (guint i = round % 4; i < 3000; i += 37)
    {
      g_autofree char *id = i % 3 == 0 ? colliding_id (i) : g_strdup_printf ("%u", i);
      VigieEntityKind kind = i % 5 == 0 ? VIGIE_ENTITY_STATION : VIGIE_ENTITY_VEHICLE;

      vigie_snapshot_add_entity (snapshot, make_entity (kind, id, 100 + round, 999));
    }

  return snapshot;
}

/* The columns prepare() made (rows of kept entities copied from the
 * previous snapshot's) are those made afresh from its entities. */
static void
assert_columns_fresh (VigieSnapshot *snapshot)
{
  const VigieEntityColumns *c = vigie_snapshot_get_columns (snapshot);
  g_autoptr(VigieEntityColumns) fresh = vigie_entity_columns_new (vigie_snapshot_get_entities (snapshot));

  g_assert_cmpuint (c->n_entities, ==, fresh->n_entities);
  g_assert_cmpuint (c->n_lines, ==, fresh->n_lines);
  for (guint i = 0; i < c->n_entities; i++)
    {
      g_assert_cmpuint (c->kinds[i], ==, fresh->kinds[i]);
      g_assert_cmpuint (c->flags[i], ==, fresh->flags[i]);
      g_assert_cmpuint (c->key_hashes[i], ==, fresh->key_hashes[i]);
      g_assert_cmpstr (vigie_entity_columns_get_key (c, i), ==, vigie_entity_columns_get_key (fresh, i));
      g_assert_cmpstr (vigie_entity_columns_get_name (c, i), ==, vigie_entity_columns_get_name (fresh, i));
      g_assert_cmpuint (c->lines[i], ==, fresh->lines[i]);
      g_assert_cmpmem (&c->latitudes[i], sizeof (double), &fresh->latitudes[i], sizeof (double));
      g_assert_cmpmem (&c->longitudes[i], sizeof (double), &fresh->longitudes[i], sizeof (double));
      for (guint v = 0; v < VIGIE_ENTITY_COLUMNS_N_VALUES; v++)
        g_assert_cmpint (c->values[v][i].i, ==, fresh->values[v][i].i);
    }
  for (guint l = 0; l < c->n_lines; l++)
    {
      g_assert_cmpstr (c->strings + c->line_table[l].route, ==, fresh->strings + fresh->line_table[l].route);
      g_assert_cmpint (c->line_table[l].direction, ==, fresh->line_table[l].direction);
    }
}

static void
test_prepare_like_hash_tables (void)
{
  g_autoptr(VigieSnapshot) previous = NULL;

  for (guint round = 0; round < 6; round++)
    {
      g_autoptr(VigieSnapshot) snapshot = make_round (round);
      g_auto(Reference) expected = { NULL, };
      GArray *changes;
      guint64 base_serial;
      gint64 now = 2000 + round;

      /* Its entities are those the prepared snapshot or the previous one
       * keeps: it needs no reference of its own. */
      reference_prepare (&expected, snapshot, previous, now);
      vigie_snapshot_prepare (snapshot, previous, now);

      g_assert_cmpuint (vigie_snapshot_get_n_entities (snapshot), ==, expected.entities->len);
      for (guint i = 0; i < expected.entities->len; i++)
        {
          VigieEntity *entity = vigie_snapshot_get_entity (snapshot, i);

          g_assert_true (entity == expected.entities->pdata[i]);
          g_assert_cmpint (vigie_entity_get_value_changed_at (entity), ==,
                           g_array_index (expected.changed_at, gint64, i));
          g_assert_true (g_hash_table_lookup (vigie_snapshot_get_index (snapshot), vigie_entity_get_key (entity)) ==
                         entity);
        }
      g_assert_cmpuint (g_hash_table_size (vigie_snapshot_get_index (snapshot)), ==, expected.entities->len);

      changes = vigie_snapshot_get_changes (snapshot, &base_serial);
      g_assert_cmpuint (changes->len, ==, expected.changes->len);
      for (guint c = 0; c < changes->len; c++)
        {
          VigieSnapshotChange *a = &g_array_index (changes, VigieSnapshotChange, c);
          VigieSnapshotChange *b = &g_array_index (expected.changes, VigieSnapshotChange, c);

          g_assert_cmpuint (a->position, ==, b->position);
          g_assert_cmpuint (a->removed, ==, b->removed);
          g_assert_cmpuint (a->added, ==, b->added);
        }
      assert_columns_fresh (snapshot);

      /* Something happened in every round after the first. */
      g_assert_true (round == 0 || changes->len > 0);

      g_clear_pointer (&previous, vigie_snapshot_unref);
      previous = g_steal_pointer (&snapshot);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Every key of a length hashes alike (vigie-hash.c): vehicles given
   * twice must still be told apart by their ids, not their hashes. */
  g_setenv ("VIGIE_HASH_SEED", "collide", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gtfs-rt-fast/odd-vehicles", test_odd_vehicles);
  g_test_add_func ("/gtfs-rt-fast/prepare-like-hash-tables", test_prepare_like_hash_tables);

  return g_test_run ();
}
