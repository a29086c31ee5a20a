/* test-alert-engine-columns.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-alert-engine.h"
#include "vigie-entity-columns.h"
#include "vigie-hash.h"

/* The alert rules read a snapshot's columns, not its entities: the
 * columns must say what the entities say (their own lookups are the
 * reference here), for every kind the rules read, after every prepare,
 * and for snapshots never prepared. */

#define T0 G_GINT64_CONSTANT (1800000000)

/*
 * Helpers
 */

static void
assert_same_double (double a,
                    double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat (a, ==, b);
}

static gboolean
lookup_true (VigieEntity *entity,
             const char  *key)
{
  gboolean value = FALSE;

  return vigie_entity_lookup_boolean (entity, key, &value) && value;
}

static void
assert_int_value (const VigieEntityColumns *c,
                  guint                     i,
                  guint                     value,
                  VigieEntity              *entity,
                  const char               *key)
{
  gint64 expected = 0;
  gboolean found = vigie_entity_lookup_int (entity, key, &expected);

  g_assert_cmpint (!!(c->flags[i] & VIGIE_ENTITY_COLUMN_HAS_VALUE (value)), ==, found);
  if (found)
    g_assert_cmpint (c->values[value][i].i, ==, expected);
}

static void
assert_flag (const VigieEntityColumns *c,
             guint                     i,
             VigieEntityColumnFlags    flag,
             gboolean                  expected)
{
  g_assert_cmpint (!!(c->flags[i] & flag), ==, !!expected);
}

/* Row @i says what @entity says. */
static void
assert_row (const VigieEntityColumns *c,
            guint                     i,
            VigieEntity              *entity)
{
  VigieEntityKind kind = vigie_entity_get_kind (entity);

  g_assert_cmpint (c->kinds[i], ==, kind);
  g_assert_cmpstr (vigie_entity_columns_get_key (c, i), ==, vigie_entity_get_key (entity));
  g_assert_cmpuint (c->key_hashes[i], ==, vigie_str_hash (vigie_entity_get_key (entity)));
  g_assert_cmpstr (vigie_entity_columns_get_id (c, i), ==, vigie_entity_get_id (entity));
  g_assert_cmpstr (vigie_entity_columns_get_name (c, i), ==, vigie_entity_get_name (entity));
  assert_same_double (c->latitudes[i], vigie_entity_get_latitude (entity));
  assert_same_double (c->longitudes[i], vigie_entity_get_longitude (entity));
  assert_flag (c, i, VIGIE_ENTITY_COLUMN_HAS_POSITION, vigie_entity_has_position (entity));

  switch (kind)
    {
    case VIGIE_ENTITY_STATION:
      {
        gboolean installed = TRUE;

        vigie_entity_lookup_boolean (entity, "is_installed", &installed);
        assert_flag (c, i, VIGIE_ENTITY_COLUMN_VIRTUAL, lookup_true (entity, "is_virtual"));
        assert_flag (c, i, VIGIE_ENTITY_COLUMN_NOT_INSTALLED, !installed);
        assert_int_value (c, i, 0, entity, "vehicles_available");
        assert_int_value (c, i, 1, entity, "docks_available");
      }
      break;

    case VIGIE_ENTITY_ZONE:
    case VIGIE_ENTITY_CAR_PARK:
      {
        double occupancy;
        gboolean known = vigie_entity_lookup_double (entity, "occupancy", &occupancy) && isfinite (occupancy);

        assert_flag (c, i, VIGIE_ENTITY_COLUMN_SPOT, lookup_true (entity, "spot"));
        assert_flag (c, i, VIGIE_ENTITY_COLUMN_GEOFENCING, lookup_true (entity, "geofencing"));
        assert_flag (c, i, VIGIE_ENTITY_COLUMN_HAS_VALUE (0), known);
        if (known)
          g_assert_cmpfloat (c->values[0][i].d, ==, occupancy);
        assert_int_value (c, i, 1, entity, "total_spots");
        assert_int_value (c, i, 2, entity, "available_spots");
      }
      break;

    case VIGIE_ENTITY_HOTSPOT:
      assert_int_value (c, i, 0, entity, "clients");
      assert_int_value (c, i, 1, entity, "capacity");
      assert_int_value (c, i, 2, entity, "aps_up");
      assert_int_value (c, i, 3, entity, "aps_total");
      break;

    case VIGIE_ENTITY_VEHICLE:
      {
        const char *source = vigie_entity_lookup_string (entity, "source");
        const char *status = vigie_entity_lookup_string (entity, "current_status");
        const char *route = vigie_entity_lookup_string (entity, "route_id");

        assert_flag (c, i, VIGIE_ENTITY_COLUMN_GHOST, lookup_true (entity, "ghost"));
        assert_flag (c, i, VIGIE_ENTITY_COLUMN_CANCELED, lookup_true (entity, "canceled"));
        assert_flag (c, i, VIGIE_ENTITY_COLUMN_SCHEDULED, g_strcmp0 (source, "schedule") == 0);
        assert_flag (c, i, VIGIE_ENTITY_COLUMN_STOPPED_AT,
                     status != NULL && g_ascii_strcasecmp (status, "stopped_at") == 0);
        assert_int_value (c, i, 0, entity, "delay_s");
        if (route == NULL)
          g_assert_cmpuint (c->lines[i], ==, VIGIE_ENTITY_COLUMNS_NO_LINE);
        else
          {
            gint64 direction = 0;

            vigie_entity_lookup_int (entity, "direction_id", &direction);
            g_assert_cmpuint (c->lines[i], <, c->n_lines);
            g_assert_cmpstr (c->strings + c->line_table[c->lines[i]].route, ==, route);
            g_assert_cmpint (c->line_table[c->lines[i]].direction, ==, direction);
          }
      }
      break;

    case VIGIE_ENTITY_STOP:
    case VIGIE_ENTITY_LINE:
    default:
      break;
    }
}

static void
assert_columns_agree (VigieSnapshot *snapshot)
{
  const VigieEntityColumns *c = vigie_snapshot_get_columns (snapshot);

  g_assert_nonnull (c);
  g_assert_cmpuint (c->n_entities, ==, vigie_snapshot_get_n_entities (snapshot));
  for (guint i = 0; i < c->n_entities; i++)
    assert_row (c, i, vigie_snapshot_get_entity (snapshot, i));
}

/* The dict's values, the dict made ready for the next ones. */
static GVariant *
end_dict (GVariantDict *dict)
{
  GVariant *values = g_variant_dict_end (dict);

  g_variant_dict_init (dict, NULL);
  return values;
}

static VigieEntity *
station (const char *id,
         gint64      bikes)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&values, "vehicles_available", "x", bikes);
  g_variant_dict_insert (&values, "docks_available", "x", 10 - bikes);

  return vigie_entity_new (VIGIE_ENTITY_STATION, id, id, 47.75, 7.34, 0, g_variant_dict_end (&values));
}

static gint64
value_of (VigieSnapshot *snapshot,
          const char    *key,
          guint          value)
{
  const VigieEntityColumns *c = vigie_snapshot_get_columns (snapshot);

  for (guint i = 0; i < c->n_entities; i++)
    if (g_str_equal (vigie_entity_columns_get_key (c, i), key))
      {
        g_assert_true (c->flags[i] & VIGIE_ENTITY_COLUMN_HAS_VALUE (value));
        return c->values[value][i].i;
      }

  g_assert_not_reached ();
}

/* Every kind and quirk the rules read: values absent, of other types,
 * duplicated, made from an a{sv} or from fields. */
static VigieSnapshot *
make_city (void)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ();
  g_auto(GVariantDict) d = G_VARIANT_DICT_INIT (NULL);

  /* Stations */
  vigie_snapshot_add_entity (snapshot, station ("s1", 0));
  vigie_snapshot_add_entity (snapshot, station ("s2", 4));
  g_variant_dict_insert (&d, "vehicles_available", "u", 3u);
  g_variant_dict_insert (&d, "docks_available", "t", G_GUINT64_CONSTANT (7));
  g_variant_dict_insert (&d, "is_installed", "b", FALSE);
  vigie_snapshot_add_entity (snapshot, vigie_entity_new (VIGIE_ENTITY_STATION, "s3", NULL, NAN, NAN, 0,
                                                         end_dict (&d)));
  g_variant_dict_insert (&d, "vehicles_available", "s", "2");    /* not a number */
  g_variant_dict_insert (&d, "is_virtual", "b", TRUE);
  g_variant_dict_insert (&d, "is_installed", "i", 1);            /* not a boolean */
  vigie_snapshot_add_entity (snapshot, vigie_entity_new (VIGIE_ENTITY_STATION, "s4", "", 47.7, 7.3, 0,
                                                         end_dict (&d)));
  {
    const VigieEntityField fields[] = {
      { .key = "vehicles_available", .type = VIGIE_ENTITY_FIELD_INT, .i = 9 },
      { .key = "vehicles_available", .type = VIGIE_ENTITY_FIELD_INT, .i = 1 },   /* the first wins */
      { .key = "is_installed", .type = VIGIE_ENTITY_FIELD_BOOLEAN, .b = TRUE },
    };

    vigie_snapshot_add_entity (snapshot, vigie_entity_new_from_fields (VIGIE_ENTITY_STATION, "s5", "Gare", 47.7, 7.3,
                                                                       0, fields, G_N_ELEMENTS (fields)));
  }

  /* Parking */
  g_variant_dict_insert (&d, "occupancy", "d", 0.93);
  g_variant_dict_insert (&d, "total_spots", "x", (gint64) 200);
  vigie_snapshot_add_entity (snapshot, vigie_entity_new (VIGIE_ENTITY_CAR_PARK, "p1", "Parking", 47.7, 7.3, 0,
                                                         end_dict (&d)));
  g_variant_dict_insert (&d, "occupancy", "d", NAN);
  g_variant_dict_insert (&d, "total_spots", "x", (gint64) 40);
  g_variant_dict_insert (&d, "available_spots", "x", (gint64) 3);
  g_variant_dict_insert (&d, "geofencing", "b", TRUE);
  vigie_snapshot_add_entity (snapshot, vigie_entity_new (VIGIE_ENTITY_ZONE, "z1", "Zone", 47.7, 7.3, 0,
                                                         end_dict (&d)));
  g_variant_dict_insert (&d, "occupancy", "x", (gint64) 1);     /* an integer reads as a number */
  g_variant_dict_insert (&d, "spot", "b", TRUE);
  vigie_snapshot_add_entity (snapshot, vigie_entity_new (VIGIE_ENTITY_ZONE, "z2", NULL, 47.7, 7.3, 0,
                                                         end_dict (&d)));

  /* Wi-Fi */
  g_variant_dict_insert (&d, "clients", "x", (gint64) 61);
  g_variant_dict_insert (&d, "capacity", "x", (gint64) 60);
  g_variant_dict_insert (&d, "aps_up", "x", (gint64) 2);
  g_variant_dict_insert (&d, "aps_total", "i", 4);
  vigie_snapshot_add_entity (snapshot, vigie_entity_new (VIGIE_ENTITY_HOTSPOT, "h1", "Réunion", 47.7, 7.3, 0,
                                                         end_dict (&d)));
  g_variant_dict_insert (&d, "clients", "x", (gint64) 5);
  vigie_snapshot_add_entity (snapshot, vigie_entity_new (VIGIE_ENTITY_HOTSPOT, "h2", "Europe", 47.7, 7.3, 0,
                                                         end_dict (&d)));

  /* Trams, of two lines and directions, one as a string of another case */
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("t%u", i);
      const VigieEntityField fields[] = {
        { .key = "route_id", .type = VIGIE_ENTITY_FIELD_STRING, .s = i % 3 == 2 ? "3" : "2" },
        { .key = "direction_id", .type = VIGIE_ENTITY_FIELD_INT, .i = i % 2 },
        { .key = "delay_s", .type = VIGIE_ENTITY_FIELD_INT, .i = 60 * (gint64) i },
        { .key = "current_status", .type = VIGIE_ENTITY_FIELD_STRING, .s = i == 1 ? "STOPPED_AT" : "IN_TRANSIT_TO" },
        { .key = "source", .type = VIGIE_ENTITY_FIELD_STRING, .s = i == 4 ? "schedule" : "realtime" },
        { .key = "ghost", .type = VIGIE_ENTITY_FIELD_BOOLEAN, .b = i >= 4 },
        { .key = "canceled", .type = VIGIE_ENTITY_FIELD_BOOLEAN, .b = i == 5 },
      };

      vigie_snapshot_add_entity (snapshot, vigie_entity_new_from_fields (VIGIE_ENTITY_VEHICLE, id, i == 3 ? NULL : id,
                                                                         i == 0 ? NAN : 47.74 + i * 0.001, 7.33, 0,
                                                                         fields, G_N_ELEMENTS (fields)));
    }
  g_variant_dict_insert (&d, "current_status", "s", "stopped_at");
  vigie_snapshot_add_entity (snapshot, vigie_entity_new (VIGIE_ENTITY_VEHICLE, "t6", "No line", 47.74, 7.33, 0,
                                                         end_dict (&d)));
  g_variant_dict_insert (&d, "route_id", "s", "2");
  vigie_snapshot_add_entity (snapshot, vigie_entity_new (VIGIE_ENTITY_VEHICLE, "t7", "No direction", 47.74, 7.33, 0,
                                                         end_dict (&d)));

  /* What the rules do not read, and a duplicate (the last one wins) */
  vigie_snapshot_add_entity (snapshot, vigie_entity_new (VIGIE_ENTITY_STOP, "stop1", "Porte Jeune", 47.7, 7.3, 0,
                                                         NULL));
  vigie_snapshot_add_entity (snapshot, vigie_entity_new (VIGIE_ENTITY_LINE, "l1", "Ligne 1", NAN, NAN, 0, NULL));
  vigie_snapshot_add_entity (snapshot, station ("s2", 6));

  return snapshot;
}

/*
 * Tests
 */

static void
test_every_kind (void)
{
  g_autoptr(VigieSnapshot) snapshot = make_city ();
  const VigieEntityColumns *c;

  vigie_snapshot_prepare (snapshot, NULL, T0);
  assert_columns_agree (snapshot);

  c = vigie_snapshot_get_columns (snapshot);
  g_assert_true (vigie_snapshot_get_columns (snapshot) == c);
  /* The duplicate's value, not the first's. */
  g_assert_cmpint (value_of (snapshot, "station/s2", 0), ==, 6);
  /* Lines 2 and 3, each both ways; the tram without a direction on
   * line 2's first. */
  g_assert_cmpuint (c->n_lines, ==, 4);
}

/* An entity whose value changes: the next snapshot's column has the new
 * value, one that did not keeps its own (the very entity shown before is
 * kept), and the rules act on the new one. */
static void
test_value_changes (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(VigieSnapshot) first = vigie_snapshot_new ();
  g_autoptr(VigieSnapshot) second = vigie_snapshot_new ();
  g_autoptr(GPtrArray) raised = NULL;
  g_autoptr(GPtrArray) cleared = NULL;
  VigieAlertRules rules;

  vigie_alert_rules_init_defaults (&rules);
  rules.rules[VIGIE_ALERT_RULE_BIKES_EMPTY].duration_min = 0;
  vigie_alert_engine_set_rules (engine, &rules);

  vigie_snapshot_add_entity (first, station ("s1", 0));
  vigie_snapshot_add_entity (first, station ("s2", 5));
  vigie_snapshot_prepare (first, NULL, T0);
  assert_columns_agree (first);
  g_assert_cmpint (value_of (first, "station/s1", 0), ==, 0);

  raised = vigie_alert_engine_evaluate (engine, "feed", VIGIE_FEED_KIND_BIKES, first, T0);
  g_assert_cmpuint (raised->len, ==, 1);
  g_assert_cmpint (((VigieAlertEvent *) raised->pdata[0])->type, ==, VIGIE_ALERT_EVENT_RAISED);
  g_assert_cmpstr (((VigieAlertEvent *) raised->pdata[0])->entity_id, ==, "s1");

  vigie_snapshot_add_entity (second, station ("s3", 2));
  vigie_snapshot_add_entity (second, station ("s2", 5));
  vigie_snapshot_add_entity (second, station ("s1", 7));
  vigie_snapshot_prepare (second, first, T0 + 60);
  assert_columns_agree (second);
  g_assert_cmpint (value_of (second, "station/s1", 0), ==, 7);
  g_assert_cmpint (value_of (second, "station/s2", 0), ==, 5);
  g_assert_cmpint (value_of (second, "station/s3", 0), ==, 2);
  g_assert_true (vigie_snapshot_get_entity (second, 1) == vigie_snapshot_get_entity (first, 1));

  cleared = vigie_alert_engine_evaluate (engine, "feed", VIGIE_FEED_KIND_BIKES, second, T0 + 60);
  g_assert_cmpuint (cleared->len, ==, 1);
  g_assert_cmpint (((VigieAlertEvent *) cleared->pdata[0])->type, ==, VIGIE_ALERT_EVENT_CLEARED);
  g_assert_cmpfloat (((VigieAlertEvent *) cleared->pdata[0])->value, ==, 7);
}

/* A snapshot never prepared (an incremental update): its columns are
 * made at the first ask, once; made too early, they are made again. */
static void
test_unprepared (void)
{
  g_autoptr(VigieSnapshot) snapshot = make_city ();
  const VigieEntityColumns *c;

  vigie_snapshot_set_incremental (snapshot, TRUE);
  c = vigie_snapshot_get_columns (snapshot);
  g_assert_cmpuint (c->n_entities, ==, vigie_snapshot_get_n_entities (snapshot));
  assert_columns_agree (snapshot);
  g_assert_true (vigie_snapshot_get_columns (snapshot) == c);

  vigie_snapshot_add_entity (snapshot, station ("s9", 1));
  assert_columns_agree (snapshot);
  g_assert_cmpint (value_of (snapshot, "station/s9", 0), ==, 1);
}

/* Columns asked for while a snapshot is built, before it is prepared:
 * preparing makes them again for the entities it keeps. */
static void
test_asked_early (void)
{
  g_autoptr(VigieSnapshot) snapshot = make_city ();

  g_assert_cmpuint (vigie_snapshot_get_columns (snapshot)->n_entities, ==, vigie_snapshot_get_n_entities (snapshot));
  vigie_snapshot_prepare (snapshot, NULL, T0);
  assert_columns_agree (snapshot);
  g_assert_cmpint (value_of (snapshot, "station/s2", 0), ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alert-engine-columns/every-kind", test_every_kind);
  g_test_add_func ("/alert-engine-columns/value-changes", test_value_changes);
  g_test_add_func ("/alert-engine-columns/unprepared", test_unprepared);
  g_test_add_func ("/alert-engine-columns/asked-early", test_asked_early);

  return g_test_run ();
}
