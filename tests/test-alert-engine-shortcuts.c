/* test-alert-engine-shortcuts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-alert-engine.h"
#include "vigie-entity-private.h"
#include "vigie-hash.h"

/* The engine's shortcuts for 50,000 things an update must not change what
 * it says: a rule with no state answers without a look; a sweep that
 * does not visit a rule whose every state was seen in the update; a
 * thing's key hashed once, when its entity was made; a state looked up
 * once. Each test is a case where a shortcut taken wrongly loses or
 * invents an event. Entities are made from fields, as the parsers make
 * them. */

#define T0 G_GINT64_CONSTANT (1800000000)
#define MIN_S 60

static VigieEntity *
station (const char *id,
         gint64      bikes)
{
  VigieEntityField fields[] = {
    { .key = "capacity", .type = VIGIE_ENTITY_FIELD_INT, .i = 10 },
    { .key = "vehicles_available", .type = VIGIE_ENTITY_FIELD_INT, .i = bikes },
    { .key = "docks_available", .type = VIGIE_ENTITY_FIELD_INT, .i = 10 - bikes },
    { .key = "is_installed", .type = VIGIE_ENTITY_FIELD_BOOLEAN, .b = TRUE },
  };

  return vigie_entity_new_from_fields (VIGIE_ENTITY_STATION, id, "Gare Centrale", 47.7417, 7.3426, 0,
                                       fields, G_N_ELEMENTS (fields));
}

static VigieEntity *
tram (const char *id,
      double      latitude)
{
  VigieEntityField fields[] = {
    { .key = "route_id", .type = VIGIE_ENTITY_FIELD_STRING, .s = "2" },
    { .key = "direction_id", .type = VIGIE_ENTITY_FIELD_INT, .i = 0 },
    { .key = "current_status", .type = VIGIE_ENTITY_FIELD_STRING, .s = "in_transit_to" },
    { .key = "source", .type = VIGIE_ENTITY_FIELD_STRING, .s = "realtime" },
  };

  return vigie_entity_new_from_fields (VIGIE_ENTITY_VEHICLE, id, id, latitude, 7.33, 0,
                                       fields, G_N_ELEMENTS (fields));
}

static VigieEntity *
tram_with_status (const char *id,
                  const char *status)
{
  VigieEntityField fields[] = {
    { .key = "current_status", .type = VIGIE_ENTITY_FIELD_STRING, .s = status },
    { .key = "source", .type = VIGIE_ENTITY_FIELD_STRING, .s = "realtime" },
  };

  return vigie_entity_new_from_fields (VIGIE_ENTITY_VEHICLE, id, id, 47.75, 7.33, 0,
                                       fields, G_N_ELEMENTS (fields));
}

static VigieEntity *
tram_of_line (const char *id,
              const char *route,
              gint64      direction,
              double      latitude)
{
  VigieEntityField fields[] = {
    { .key = "route_id", .type = VIGIE_ENTITY_FIELD_STRING, .s = route },
    { .key = "direction_id", .type = VIGIE_ENTITY_FIELD_INT, .i = direction },
    { .key = "source", .type = VIGIE_ENTITY_FIELD_STRING, .s = "realtime" },
  };

  return vigie_entity_new_from_fields (VIGIE_ENTITY_VEHICLE, id, id, latitude, 7.33, 0,
                                       fields, G_N_ELEMENTS (fields));
}

static VigieSnapshot *
snapshot_of (gboolean     incremental,
             VigieEntity *first,
             ...)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ();
  va_list args;

  va_start (args, first);
  for (VigieEntity *e = first; e != NULL; e = va_arg (args, VigieEntity *))
    vigie_snapshot_add_entity (snapshot, e);
  va_end (args);

  if (incremental)
    vigie_snapshot_set_incremental (snapshot, TRUE);
  else
    vigie_snapshot_prepare (snapshot, NULL, T0);
  return snapshot;
}

static GPtrArray *
run_once (VigieAlertEngine *engine,
          VigieFeedKind     kind,
          VigieSnapshot    *snapshot,
          gint64            now)
{
  g_autoptr(VigieSnapshot) owned = snapshot;

  return vigie_alert_engine_evaluate (engine, "feed", kind, owned, now);
}

static guint
count_events (GPtrArray          *events,
              VigieAlertEventType type,
              const char         *key)
{
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    {
      const VigieAlertEvent *event = g_ptr_array_index (events, i);

      if (event->type == type && g_strcmp0 (event->key, key) == 0)
        n++;
    }

  return n;
}

/* Only @rule, with no duration, or @duration_min. */
static void
set_only_rule (VigieAlertEngine   *engine,
               VigieAlertRuleKind  rule,
               guint               duration_min)
{
  VigieAlertRules rules;

  vigie_alert_engine_get_rules (engine, &rules);
  for (guint r = 0; r < VIGIE_N_ALERT_RULES; r++)
    rules.rules[r].enabled = r == rule;
  rules.rules[rule].duration_min = duration_min;
  vigie_alert_engine_set_rules (engine, &rules);
}

/* The sweep counts the states seen in an update. An incremental update
 * that names a station twice, empty then not, sees its state and drops
 * it: that state is no longer one of those seen, or the count would say
 * every state was seen and the station the update removed would keep its
 * alert. */
static void
test_named_twice (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;
  VigieSnapshot *update;

  set_only_rule (engine, VIGIE_ALERT_RULE_BIKES_EMPTY, 0);
  events = run_once (engine, VIGIE_FEED_KIND_BIKES,
                     snapshot_of (FALSE, station ("a", 0), station ("b", 0), NULL), T0);
  g_assert_cmpuint (events->len, ==, 2);
  g_clear_pointer (&events, g_ptr_array_unref);

  update = snapshot_of (TRUE, station ("a", 0), station ("a", 5), NULL);
  vigie_snapshot_add_removed (update, VIGIE_ENTITY_STATION, "b");
  events = run_once (engine, VIGIE_FEED_KIND_BIKES, update, T0 + MIN_S);
  g_assert_cmpuint (count_events (events, VIGIE_ALERT_EVENT_CLEARED, "bikes-empty/feed/station/a"), ==, 1);
  g_assert_cmpuint (count_events (events, VIGIE_ALERT_EVENT_CLEARED, "bikes-empty/feed/station/b"), ==, 1);
  g_assert_cmpuint (events->len, ==, 2);
}

/* Every tram has a state (where it stopped). One that moved on is
 * cleared and starts again from where it is (a state dropped and one
 * made in the same update), one that left the feed is cleared by the
 * sweep, one that stays raised says nothing; and the next update, which
 * sees them all, says nothing. */
static void
test_all_seen_but_one (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;
  double lat[] = { 47.75, 47.76, 47.77 };

  set_only_rule (engine, VIGIE_ALERT_RULE_TRAM_STOPPED, 0);
  for (int minute = 0; minute < 2; minute++)
    {
      events = run_once (engine, VIGIE_FEED_KIND_TRAMS,
                         snapshot_of (FALSE, tram ("1", lat[0]), tram ("2", lat[1]), tram ("3", lat[2]), NULL),
                         T0 + minute * MIN_S);
      g_assert_cmpuint (events->len, ==, minute == 0 ? 0 : 3);
      g_clear_pointer (&events, g_ptr_array_unref);
    }

  lat[0] += 200 / 111195.0;
  events = run_once (engine, VIGIE_FEED_KIND_TRAMS,
                     snapshot_of (FALSE, tram ("1", lat[0]), tram ("2", lat[1]), NULL), T0 + 2 * MIN_S);
  g_assert_cmpuint (count_events (events, VIGIE_ALERT_EVENT_CLEARED, "tram-stopped/feed/vehicle/1"), ==, 1);
  g_assert_cmpuint (count_events (events, VIGIE_ALERT_EVENT_CLEARED, "tram-stopped/feed/vehicle/3"), ==, 1);
  g_assert_cmpuint (events->len, ==, 2);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Tram 1 stopped again where it is: raised again at once; 2 as it was. */
  events = run_once (engine, VIGIE_FEED_KIND_TRAMS,
                     snapshot_of (FALSE, tram ("1", lat[0]), tram ("2", lat[1]), NULL), T0 + 3 * MIN_S);
  g_assert_cmpuint (count_events (events, VIGIE_ALERT_EVENT_RAISED, "tram-stopped/feed/vehicle/1"), ==, 1);
  g_assert_cmpuint (events->len, ==, 1);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* All gone: both cleared. */
  events = run_once (engine, VIGIE_FEED_KIND_TRAMS,
                     snapshot_of (FALSE, tram ("9", 47.80), NULL), T0 + 4 * MIN_S);
  g_assert_cmpuint (count_events (events, VIGIE_ALERT_EVENT_CLEARED, "tram-stopped/feed/vehicle/1"), ==, 1);
  g_assert_cmpuint (count_events (events, VIGIE_ALERT_EVENT_CLEARED, "tram-stopped/feed/vehicle/2"), ==, 1);
  g_assert_cmpuint (events->len, ==, 2);
}

/* A rule whose states all went, then one new: found again at the next
 * update, so that its duration keeps counting (a rule with no state is
 * answered without a look). */
static void
test_duration_after_none (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;

  set_only_rule (engine, VIGIE_ALERT_RULE_BIKES_EMPTY, 2);
  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (FALSE, station ("a", 0), NULL), T0);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Not empty: its state goes, none left. */
  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (FALSE, station ("a", 4), NULL), T0 + MIN_S);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  for (int minute = 2; minute < 4; minute++)
    {
      events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (FALSE, station ("a", 0), NULL),
                         T0 + minute * MIN_S);
      g_assert_cmpuint (events->len, ==, 0);
      g_clear_pointer (&events, g_ptr_array_unref);
    }

  /* Empty since minute 2: two minutes at minute 4. */
  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (FALSE, station ("a", 0), NULL), T0 + 4 * MIN_S);
  g_assert_cmpuint (count_events (events, VIGIE_ALERT_EVENT_RAISED, "bikes-empty/feed/station/a"), ==, 1);
  g_assert_cmpuint (events->len, ==, 1);
}

/* A thing's states are filed under its key's hash, kept in its entity:
 * the same as vigie_str_hash() of the key, however the entity was made, so
 * that a station read from an a{sv} (a copy kept by a combination) finds
 * the alert raised when it was made from fields. */
static void
test_key_hash (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(VigieEntity) from_fields = station ("Gare-Centrale-42", 0);
  g_autoptr(VigieEntity) copy = vigie_entity_copy (from_fields);
  g_autoptr(VigieEntity) from_dict = vigie_entity_new (VIGIE_ENTITY_VEHICLE, "2149", NULL, NAN, NAN, 0, NULL);

  g_assert_cmpuint (vigie_entity_get_key_hash (from_fields), ==, vigie_str_hash ("station/Gare-Centrale-42"));
  g_assert_cmpuint (vigie_entity_get_key_hash (copy), ==, vigie_str_hash ("station/Gare-Centrale-42"));
  g_assert_cmpuint (vigie_entity_get_key_hash (from_dict), ==, vigie_str_hash ("vehicle/2149"));

  set_only_rule (engine, VIGIE_ALERT_RULE_BIKES_EMPTY, 0);
  events = run_once (engine, VIGIE_FEED_KIND_BIKES,
                     snapshot_of (FALSE, g_object_ref (from_fields), NULL), T0);
  g_assert_cmpuint (events->len, ==, 1);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Still empty: still raised, nothing new. */
  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (FALSE, g_object_ref (copy), NULL), T0 + MIN_S);
  g_assert_cmpuint (events->len, ==, 0);
}

/* Trams are grouped by line and direction through a small table of the
 * first groups before the hash table of all: with more lines than it
 * holds, and lines whose names hash alike, each line's one bunched
 * pair is found, and only it. */
static void
test_many_lines (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  VigieSnapshot *snapshot = vigie_snapshot_new ();
  /* Metres along the line: the first two bunched. */
  static const double at[] = { 0, 10, 1000, 2000, 3000 };
  guint n_lines = 90;

  for (guint line = 0; line < n_lines; line++)
    for (guint t = 0; t < G_N_ELEMENTS (at); t++)
      {
        /* Every other line one way and the other; "Ab" and "BA" hash
         * alike (this test's hash, set in main()). */
        g_autofree char *route = g_strdup_printf ("%u%s", line / 4, line / 2 % 2 ? "Ab" : "BA");
        g_autofree char *id = g_strdup_printf ("%u-%u", line, t);

        /* All along the same street, half a metre apart: trams of two
         * lines taken for one would be each other's nearest. */
        vigie_snapshot_add_entity (snapshot, tram_of_line (id, route, line % 2,
                                                           47.70 + (at[t] + line * 0.5) / 111195.0));
      }
  vigie_snapshot_prepare (snapshot, NULL, T0);

  set_only_rule (engine, VIGIE_ALERT_RULE_TRAM_BUNCHED, 0);
  events = run_once (engine, VIGIE_FEED_KIND_TRAMS, snapshot, T0);
  g_assert_cmpuint (events->len, ==, n_lines);
  for (guint i = 0; i < events->len; i++)
    {
      const VigieAlertEvent *event = g_ptr_array_index (events, i);
      g_autofree char *line = g_strndup (event->entity_id, strcspn (event->entity_id, "-"));
      g_autofree char *expected = g_strdup_printf ("tram-bunched/feed/vehicle/%s-0+%s-1", line, line);

      g_assert_cmpint (event->type, ==, VIGIE_ALERT_EVENT_RAISED);
      g_assert_cmpstr (event->key, ==, expected);
      g_assert_true (g_hash_table_add (keys, event->key));
    }
}

/* A tram whose status says it is at a stop, in any case, waits there: no
 * alert, however long; any other status is not at a stop (its
 * comparison is inlined). */
static void
test_stopped_at (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;

  set_only_rule (engine, VIGIE_ALERT_RULE_TRAM_STOPPED, 0);
  for (int minute = 0; minute < 3; minute++)
    {
      g_clear_pointer (&events, g_ptr_array_unref);
      events = run_once (engine, VIGIE_FEED_KIND_TRAMS,
                         snapshot_of (FALSE,
                                      tram_with_status ("a", "stopped_at"),
                                      tram_with_status ("b", "STOPPED_AT"),
                                      tram_with_status ("c", "Stopped_At"),
                                      tram_with_status ("d", "stopped_a"),
                                      tram_with_status ("e", "stopped_at_x"),
                                      tram_with_status ("f", "stopped"),
                                      tram_with_status ("g", ""),
                                      tram_with_status ("h", "in_transit_to"),
                                      NULL),
                         T0 + minute * MIN_S);

      /* Raised at the second update, for those not at a stop. */
      g_assert_cmpuint (events->len, ==, minute == 1 ? 5 : 0);
      for (guint i = 0; i < events->len; i++)
        {
          const VigieAlertEvent *event = g_ptr_array_index (events, i);

          g_assert_cmpint (event->type, ==, VIGIE_ALERT_EVENT_RAISED);
          g_assert_nonnull (strchr ("defgh", event->entity_id[0]));
        }
    }

  g_clear_pointer (&events, g_ptr_array_unref);
  events = run_once (engine, VIGIE_FEED_KIND_TRAMS,
                     snapshot_of (FALSE, tram_with_status ("a", "stopped_at"), tram_with_status ("b", "STOPPED_AT"),
                                  tram_with_status ("c", "Stopped_At"), NULL),
                     T0 + 3 * MIN_S);
  /* The five not at a stop are gone: cleared; the three at a stop never
   * raised. */
  g_assert_cmpuint (events->len, ==, 5);
  for (guint i = 0; i < events->len; i++)
    {
      const VigieAlertEvent *event = g_ptr_array_index (events, i);

      g_assert_cmpint (event->type, ==, VIGIE_ALERT_EVENT_CLEARED);
      g_assert_true (g_str_has_prefix (event->key, "tram-stopped/feed/vehicle/"));
      g_assert_nonnull (strchr ("defgh", event->key[strlen (event->key) - 1]));
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Every key of a length hashes alike (vigie-hash.c): the tables' paths
   * through equal hashes are what these tests take. */
  g_setenv ("VIGIE_HASH_SEED", "collide", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alert-engine/shortcuts/named-twice", test_named_twice);
  g_test_add_func ("/alert-engine/shortcuts/all-seen-but-one", test_all_seen_but_one);
  g_test_add_func ("/alert-engine/shortcuts/duration-after-none", test_duration_after_none);
  g_test_add_func ("/alert-engine/shortcuts/key-hash", test_key_hash);
  g_test_add_func ("/alert-engine/shortcuts/many-lines", test_many_lines);
  g_test_add_func ("/alert-engine/shortcuts/stopped-at", test_stopped_at);

  return g_test_run ();
}
