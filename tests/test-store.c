/* test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vigie-entity-private.h"
#include "vigie-store.h"
#include "vigie-style.h"
#include "vigie-test-support.h"

static VigieEntity *
station (const char *id,
         gint64      bikes)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&values, "vehicles_available", "x", bikes);
  return vigie_entity_new (VIGIE_ENTITY_STATION, id, id, 47.75, 7.33, 0, g_variant_dict_end (&values));
}

static VigieEntity *
vehicle (const char *id,
         double      latitude)
{
  return vigie_entity_new (VIGIE_ENTITY_VEHICLE, id, NULL, latitude, 7.33, 0, NULL);
}

static void
test_store_full_snapshots (void)
{
  g_autoptr(VigieStore) store = vigie_store_new ();
  g_autoptr(VigieSnapshot) first = vigie_snapshot_new ();
  g_autoptr(VigieSnapshot) second = vigie_snapshot_new ();
  VigieTestItemsChanged changes = { 0 };
  VigieEntity *a;

  vigie_test_watch_items_changed (G_LIST_MODEL (store), &changes);

  vigie_snapshot_add_entity (first, station ("1", 3));
  vigie_snapshot_add_entity (first, station ("2", 0));
  /* GBFS reuses ids across stations and vehicles: both stay. */
  vigie_snapshot_add_entity (first, vehicle ("1", 47.76));
  vigie_snapshot_add_entity (first, station ("2", 5));   /* a duplicate: the last wins */
  vigie_store_apply (store, first, 1000);

  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_nonnull (vigie_store_lookup (store, VIGIE_ENTITY_STATION, "1"));
  g_assert_nonnull (vigie_store_lookup (store, VIGIE_ENTITY_VEHICLE, "1"));
  g_assert_null (vigie_store_lookup (store, VIGIE_ENTITY_VEHICLE, "2"));
  g_assert_true (vigie_entity_lookup_int (vigie_store_lookup (store, VIGIE_ENTITY_STATION, "2"),
                                          "vehicles_available", &(gint64) { 0 }));
  g_assert_cmpint (vigie_store_get_applied_at (store), ==, 1000);

  /* Station 1 unchanged keeps the time it last changed; station 2 changed. */
  vigie_snapshot_add_entity (second, station ("1", 3));
  vigie_snapshot_add_entity (second, station ("2", 6));
  vigie_store_apply (store, second, 2000);

  g_assert_cmpuint (changes.n_signals, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 3);
  g_assert_cmpuint (changes.added, ==, 2);
  a = vigie_store_lookup (store, VIGIE_ENTITY_STATION, "1");
  g_assert_cmpint (vigie_entity_get_value_changed_at (a), ==, 1000);
  g_assert_cmpint (vigie_entity_get_value_changed_at (vigie_store_lookup (store, VIGIE_ENTITY_STATION, "2")), ==, 2000);
  g_assert_null (vigie_store_lookup (store, VIGIE_ENTITY_VEHICLE, "1"));

  vigie_store_clear (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_cmpuint (changes.n_signals, ==, 3);

  /* Clearing an empty store says nothing. */
  vigie_store_clear (store);
  g_assert_cmpuint (changes.n_signals, ==, 3);
}

/* Mirrors the store from its items-changed alone, as a list view does. */
static void
on_mirror_cb (GListModel *model,
              guint       position,
              guint       removed,
              guint       added,
              GPtrArray  *mirror)
{
  g_ptr_array_remove_range (mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror, position + i, g_list_model_get_item (model, position + i));
}

static VigieSnapshot *
prepared (VigieSnapshot *previous,
          const char    *ids,
          gint64         changed_bikes)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ();
  g_auto(GStrv) list = g_strsplit (ids, " ", -1);

  for (guint i = 0; list[i] != NULL; i++)
    vigie_snapshot_add_entity (snapshot, station (list[i], g_str_equal (list[i], "c") ? changed_bikes : 1));
  vigie_snapshot_prepare (snapshot, previous, 1000);

  return snapshot;
}

/* A snapshot prepared against the one shown is applied in O(changes):
 * items-changed for the runs that changed only, the same objects for the
 * entities that did not. */
static void
test_store_changes (void)
{
  g_autoptr(VigieStore) store = vigie_store_new ();
  g_autoptr(GPtrArray) mirror = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(VigieSnapshot) first = prepared (NULL, "a b c d e f", 1);
  g_autoptr(VigieSnapshot) second = NULL;
  g_autoptr(VigieSnapshot) third = NULL;
  g_autoptr(VigieEntity) a_before = NULL;
  g_autoptr(VigieEntity) a_after = NULL;
  VigieTestItemsChanged changes = { 0 };

  g_signal_connect (store, "items-changed", G_CALLBACK (on_mirror_cb), mirror);
  vigie_store_apply (store, first, 1000);
  g_assert_cmpuint (mirror->len, ==, 6);
  a_before = g_list_model_get_item (G_LIST_MODEL (store), 0);

  /* c changes, e goes, g comes, the rest is as it was, in a new order. */
  second = prepared (first, "g f d c b a", 5);
  vigie_test_watch_items_changed (G_LIST_MODEL (store), &changes);
  vigie_store_apply (store, second, 1010);

  g_assert_cmpuint (changes.n_signals, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 6);
  /* The order shown holds; the newcomer comes last. */
  for (guint i = 0; i < 6; i++)
    {
      static const char * const order[] = { "a", "b", "c", "d", "f", "g" };
      g_autoptr(VigieEntity) entity = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_cmpstr (vigie_entity_get_id (entity), ==, order[i]);
      g_assert_true (g_ptr_array_index (mirror, i) == entity);
    }
  a_after = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_true (a_before == a_after);
  g_assert_cmpint (vigie_entity_get_value_changed_at (vigie_store_lookup (store, VIGIE_ENTITY_STATION, "c")), ==, 1000);
  g_assert_cmpuint (vigie_store_count_kind (store, VIGIE_ENTITY_STATION), ==, 6);

  /* Prepared against a snapshot the store does not show: one change for
   * everything, and still right. */
  third = prepared (first, "a b", 1);
  changes.n_signals = 0;
  vigie_store_apply (store, third, 1020);
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 6);
  g_assert_cmpuint (changes.added, ==, 2);
  g_assert_cmpuint (mirror->len, ==, 2);
  g_assert_cmpuint (vigie_store_count_kind (store, VIGIE_ENTITY_STATION), ==, 2);
}

static void
test_store_incremental (void)
{
  g_autoptr(VigieStore) store = vigie_store_new ();
  g_autoptr(VigieSnapshot) full = vigie_snapshot_new ();
  g_autoptr(VigieSnapshot) delta = vigie_snapshot_new ();
  g_autoptr(VigieEntity) first = NULL;
  VigieTestItemsChanged changes = { 0 };
  double latitude;

  vigie_snapshot_add_entity (full, vehicle ("t1", 47.70));
  vigie_snapshot_add_entity (full, vehicle ("t2", 47.71));
  vigie_snapshot_add_entity (full, vehicle ("t3", 47.72));
  vigie_store_apply (store, full, 100);
  vigie_test_watch_items_changed (G_LIST_MODEL (store), &changes);

  /* DIFFERENTIAL: t2 moves, t3 is deleted, t4 appears; t1 stays. */
  vigie_snapshot_set_incremental (delta, TRUE);
  vigie_snapshot_add_entity (delta, vehicle ("t2", 47.80));
  vigie_snapshot_add_entity (delta, vehicle ("t4", 47.74));
  vigie_snapshot_add_removed (delta, VIGIE_ENTITY_VEHICLE, "t3");
  vigie_store_apply (store, delta, 200);

  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_cmpstr (vigie_entity_get_id (first), ==, "t1");
  g_assert_cmpint (vigie_entity_get_value_changed_at (first), ==, 100);
  latitude = vigie_entity_get_latitude (vigie_store_lookup (store, VIGIE_ENTITY_VEHICLE, "t2"));
  g_assert_cmpfloat (latitude, ==, 47.80);
  g_assert_cmpint (vigie_entity_get_value_changed_at (vigie_store_lookup (store, VIGIE_ENTITY_VEHICLE, "t2")), ==, 200);
  g_assert_null (vigie_store_lookup (store, VIGIE_ENTITY_VEHICLE, "t3"));
  g_assert_nonnull (vigie_store_lookup (store, VIGIE_ENTITY_VEHICLE, "t4"));
}

static void
test_snapshot_warnings_bounded (void)
{
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();
  g_autoptr(VigieSnapshot) combined = vigie_snapshot_new ();

  for (guint i = 0; i < 10000; i++)
    vigie_snapshot_add_warning (snapshot, "record %u is bad", i);

  g_assert_cmpuint (vigie_snapshot_get_n_warnings (snapshot), ==, 10000);
  g_assert_cmpuint (g_strv_length ((GStrv) vigie_snapshot_get_warnings (snapshot)), ==, VIGIE_SNAPSHOT_MAX_WARNINGS);
  g_assert_cmpstr (vigie_snapshot_get_warnings (snapshot)[0], ==, "record 0 is bad");

  vigie_snapshot_add_warning (combined, "from another document");
  vigie_snapshot_take_warnings (combined, snapshot);
  g_assert_cmpuint (vigie_snapshot_get_n_warnings (combined), ==, 10001);
  g_assert_cmpuint (g_strv_length ((GStrv) vigie_snapshot_get_warnings (combined)), ==, VIGIE_SNAPSHOT_MAX_WARNINGS);
}

static void
test_entity_values (void)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(VigieEntity) entity = NULL;
  gint64 i;
  double d;
  gboolean b;

  g_variant_dict_insert (&dict, "count", "u", 12);
  g_variant_dict_insert (&dict, "range_m", "d", 1500.5);
  g_variant_dict_insert (&dict, "is_renting", "b", TRUE);
  g_variant_dict_insert (&dict, "form_factor", "s", "bicycle");
  entity = vigie_entity_new (VIGIE_ENTITY_STATION, "s", NULL, NAN, NAN, -5, g_variant_dict_end (&dict));

  g_assert_false (vigie_entity_has_position (entity));
  g_assert_cmpint (vigie_entity_get_observed_at (entity), ==, 0);
  g_assert_true (vigie_entity_lookup_int (entity, "count", &i));
  g_assert_cmpint (i, ==, 12);
  g_assert_true (vigie_entity_lookup_double (entity, "count", &d));
  g_assert_cmpfloat (d, ==, 12.0);
  g_assert_true (vigie_entity_lookup_double (entity, "range_m", &d));
  g_assert_false (vigie_entity_lookup_int (entity, "range_m", &i));
  g_assert_true (vigie_entity_lookup_boolean (entity, "is_renting", &b));
  g_assert_true (b);
  g_assert_cmpstr (vigie_entity_lookup_string (entity, "form_factor"), ==, "bicycle");
  g_assert_null (vigie_entity_lookup_string (entity, "count"));
  g_assert_false (vigie_entity_lookup_int (entity, "missing", NULL));
  g_assert_cmpstr (vigie_entity_get_key (entity), ==, "station/s");
}

/* A value of an entity made from fields, read without making its a{sv}:
 * styling reads one or two of every entity, and a dictionary kept per
 * entity for that doubled the memory of a large feed. */
static void
test_entity_dup_value (void)
{
  g_autoptr(GVariant) rules = g_variant_ref_sink (g_variant_new_parsed ("[{'max_speed': <15>}]"));
  VigieEntityField fields[] = {
    { .key = "count", .type = VIGIE_ENTITY_FIELD_INT, .i = 12 },
    { .key = "name", .type = VIGIE_ENTITY_FIELD_STRING, .s = "Gare" },
    { .key = "rules", .type = VIGIE_ENTITY_FIELD_VARIANT, .v = rules },
  };
  g_autoptr(VigieEntity) entity = vigie_entity_new_from_fields (VIGIE_ENTITY_STATION, "s", NULL, NAN, NAN, 0,
                                                                 fields, G_N_ELEMENTS (fields));
  g_autoptr(VigieEntity) from_dict = NULL;
  g_autoptr(GVariant) count = NULL;
  g_autoptr(GVariant) name = NULL;
  g_autoptr(GVariant) found = NULL;
  g_autoptr(GVariant) again = NULL;
  VigieSymbol symbol;

  count = vigie_entity_dup_value (entity, "count", G_VARIANT_TYPE_INT64);
  g_assert_cmpint (g_variant_get_int64 (count), ==, 12);
  name = vigie_entity_dup_value (entity, "name", NULL);
  g_assert_cmpstr (g_variant_get_string (name, NULL), ==, "Gare");
  found = vigie_entity_dup_value (entity, "rules", G_VARIANT_TYPE ("aa{sv}"));
  g_assert_true (g_variant_equal (found, rules));
  g_assert_null (vigie_entity_dup_value (entity, "rules", G_VARIANT_TYPE_STRING));
  g_assert_null (vigie_entity_dup_value (entity, "missing", NULL));
  g_assert_false (vigie_entity_values_made (entity));

  /* Styling reads its rules and notices the same way. */
  vigie_style_entity (VIGIE_FEED_KIND_BIKES, entity, NULL, &symbol);
  g_strfreev (vigie_style_describe (VIGIE_FEED_KIND_BIKES, entity, NULL));
  g_assert_false (vigie_entity_values_made (entity));

  /* The same answers as the a{sv} gives. */
  from_dict = vigie_entity_new (VIGIE_ENTITY_STATION, "s", NULL, NAN, NAN, 0, vigie_entity_get_values (entity));
  g_assert_true (vigie_entity_values_made (entity));
  again = vigie_entity_dup_value (from_dict, "rules", G_VARIANT_TYPE ("aa{sv}"));
  g_assert_true (g_variant_equal (again, found));
  g_assert_null (vigie_entity_dup_value (from_dict, "rules", G_VARIANT_TYPE_STRING));
}

/* Keys alike in their first bytes, one letter long, or empty: each
 * lookup finds its own field (the lookups compare a key's first bytes
 * before calling strcmp), and a key not there is not found. */
static void
test_entity_similar_keys (void)
{
  g_autofree char *stop_id = g_strdup ("stop_id");
  VigieEntityField fields[] = {
    { .key = "s", .type = VIGIE_ENTITY_FIELD_INT, .i = 1 },
    { .key = "start_date", .type = VIGIE_ENTITY_FIELD_STRING, .s = "20260105" },
    { .key = "speed", .type = VIGIE_ENTITY_FIELD_DOUBLE, .d = 8.5 },
    { .key = "stop_id", .type = VIGIE_ENTITY_FIELD_STRING, .s = "STOP_7" },
    { .key = "st", .type = VIGIE_ENTITY_FIELD_INT, .i = 2 },
    { .key = "source", .type = VIGIE_ENTITY_FIELD_STRING, .s = "realtime" },
    { .key = "", .type = VIGIE_ENTITY_FIELD_INT, .i = 3 },
  };
  g_autoptr(VigieEntity) entity = vigie_entity_new_from_fields (VIGIE_ENTITY_VEHICLE, "v", NULL, NAN, NAN, 0,
                                                                 fields, G_N_ELEMENTS (fields));
  g_autoptr(VigieEntity) from_dict = vigie_entity_new (VIGIE_ENTITY_VEHICLE, "v", NULL, NAN, NAN, 0,
                                                       vigie_entity_get_values (entity));
  VigieEntity *both[] = { entity, from_dict };

  for (guint i = 0; i < G_N_ELEMENTS (both); i++)
    {
      gint64 n = 0;
      double d = 0;

      g_assert_true (vigie_entity_lookup_int (both[i], "s", &n));
      g_assert_cmpint (n, ==, 1);
      g_assert_true (vigie_entity_lookup_int (both[i], "st", &n));
      g_assert_cmpint (n, ==, 2);
      g_assert_true (vigie_entity_lookup_int (both[i], "", &n));
      g_assert_cmpint (n, ==, 3);
      g_assert_true (vigie_entity_lookup_double (both[i], "speed", &d));
      g_assert_cmpfloat (d, ==, 8.5);
      /* Not the literal the parser passed: compared byte by byte. */
      g_assert_cmpstr (vigie_entity_lookup_string (both[i], stop_id), ==, "STOP_7");
      g_assert_cmpstr (vigie_entity_lookup_string (both[i], "start_date"), ==, "20260105");
      g_assert_cmpstr (vigie_entity_lookup_string (both[i], "source"), ==, "realtime");
      g_assert_null (vigie_entity_lookup_string (both[i], "sour"));
      g_assert_null (vigie_entity_lookup_string (both[i], "stop"));
      g_assert_false (vigie_entity_lookup_int (both[i], "sx", NULL));
      g_assert_false (vigie_entity_lookup_int (both[i], "t", NULL));
    }
}

/* An entity with the timetable's values added where it has none: from
 * fields or from an a{sv}, the base's values win, and a lean entity's
 * copy makes no a{sv}. */
static void
test_entity_with_fields (void)
{
  g_autoptr(GVariant) rules = g_variant_ref_sink (g_variant_new_parsed ("[{'min': <2>}]"));
  const VigieEntityField own[] = {
    { .key = "route_id", .type = VIGIE_ENTITY_FIELD_STRING, .s = "T1" },
    { .key = "delay_s", .type = VIGIE_ENTITY_FIELD_INT, .i = 30 },
    { .key = "rules", .type = VIGIE_ENTITY_FIELD_VARIANT, .v = rules },
  };
  const VigieEntityField timetable[] = {
    { .key = "route_id", .type = VIGIE_ENTITY_FIELD_STRING, .s = "T9" },
    { .key = "route_color", .type = VIGIE_ENTITY_FIELD_STRING, .s = "E2001A" },
    { .key = "delay_s", .type = VIGIE_ENTITY_FIELD_INT, .i = 99 },
    { .key = "direction_id", .type = VIGIE_ENTITY_FIELD_INT, .i = 1 },
  };
  g_autoptr(VigieEntity) lean = vigie_entity_new_from_fields (VIGIE_ENTITY_VEHICLE, "v1", "Tram", 47.75, 7.34, 1795590000,
                                                               own, G_N_ELEMENTS (own));
  g_autoptr(VigieEntity) fat = vigie_entity_new (VIGIE_ENTITY_VEHICLE, "v1", "Tram", 47.75, 7.34, 1795590000,
                                                 g_variant_new_parsed ("{'route_id': <'T1'>, 'delay_s': <int32 30>,"
                                                                       " 'rules': <[{'min': <2>}]>}"));
  VigieEntity *bases[] = { lean, fat };

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      g_autoptr(VigieEntity) both = vigie_entity_new_with_fields (bases[i], NULL, "Ligne 1", timetable, G_N_ELEMENTS (timetable));
      g_autoptr(GVariant) delay = NULL;
      g_autoptr(GVariant) found = NULL;
      gint64 n = 0;

      g_assert_cmpint (vigie_entity_get_kind (both), ==, VIGIE_ENTITY_VEHICLE);
      g_assert_cmpstr (vigie_entity_get_id (both), ==, "v1");
      g_assert_cmpstr (vigie_entity_get_name (both), ==, "Ligne 1");
      g_assert_cmpfloat (vigie_entity_get_latitude (both), ==, 47.75);
      g_assert_cmpint (vigie_entity_get_observed_at (both), ==, 1795590000);
      g_assert_cmpstr (vigie_entity_lookup_string (both, "route_id"), ==, "T1");
      g_assert_cmpstr (vigie_entity_lookup_string (both, "route_color"), ==, "E2001A");
      g_assert_true (vigie_entity_lookup_int (both, "delay_s", &n));
      g_assert_cmpint (n, ==, 30);
      g_assert_true (vigie_entity_lookup_int (both, "direction_id", &n));
      g_assert_cmpint (n, ==, 1);
      found = vigie_entity_dup_value (both, "rules", G_VARIANT_TYPE ("aa{sv}"));
      g_assert_true (g_variant_equal (found, rules));
      /* An int32 of the a{sv} is read as an int64, as lookups read it. */
      delay = vigie_entity_dup_value (both, "delay_s", NULL);
      g_assert_cmpstr (g_variant_get_type_string (delay), ==, "x");
      g_assert_cmpuint (g_variant_n_children (vigie_entity_get_values (both)), ==, 5);
    }

  {
    g_autoptr(VigieEntity) copy = vigie_entity_copy (lean);

    g_assert_cmpstr (vigie_entity_lookup_string (copy, "route_id"), ==, "T1");
    g_assert_false (vigie_entity_values_made (copy));
    g_assert_false (vigie_entity_values_made (lean));
  }

  /* A copy of an entity made from an a{sv} reads the same values, and
   * still does once the original is gone: they are shared, not borrowed. */
  {
    VigieEntity *original = vigie_entity_new (VIGIE_ENTITY_CAR_PARK, "p1", "Parking", 47.74, 7.33, 1795590000,
                                              g_variant_new_parsed ("{'free': <int64 12>, 'name_fr': <'Gare'>,"
                                                                    " 'occupancy': <0.25>, 'open': <true>}"));
    g_autoptr(VigieEntity) copy = vigie_entity_copy (original);
    double occupancy = 0;
    gboolean open = FALSE;
    gint64 n = 0;

    g_assert_true (vigie_entity_same_values (copy, original));
    g_clear_object (&original);
    g_assert_cmpint (vigie_entity_get_kind (copy), ==, VIGIE_ENTITY_CAR_PARK);
    g_assert_cmpstr (vigie_entity_get_key (copy), ==, "car-park/p1");
    g_assert_cmpstr (vigie_entity_get_name (copy), ==, "Parking");
    g_assert_cmpfloat (vigie_entity_get_longitude (copy), ==, 7.33);
    g_assert_cmpint (vigie_entity_get_observed_at (copy), ==, 1795590000);
    g_assert_true (vigie_entity_lookup_int (copy, "free", &n));
    g_assert_cmpint (n, ==, 12);
    g_assert_cmpstr (vigie_entity_lookup_string (copy, "name_fr"), ==, "Gare");
    g_assert_true (vigie_entity_lookup_double (copy, "occupancy", &occupancy));
    g_assert_cmpfloat (occupancy, ==, 0.25);
    g_assert_true (vigie_entity_lookup_boolean (copy, "open", &open));
    g_assert_true (open);
    g_assert_cmpuint (g_variant_n_children (vigie_entity_get_values (copy)), ==, 4);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/full-snapshots", test_store_full_snapshots);
  g_test_add_func ("/store/incremental", test_store_incremental);
  g_test_add_func ("/store/changes", test_store_changes);
  g_test_add_func ("/snapshot/warnings-bounded", test_snapshot_warnings_bounded);
  g_test_add_func ("/entity/values", test_entity_values);
  g_test_add_func ("/entity/dup-value", test_entity_dup_value);
  g_test_add_func ("/entity/similar-keys", test_entity_similar_keys);
  g_test_add_func ("/entity/with-fields", test_entity_with_fields);

  return g_test_run ();
}
