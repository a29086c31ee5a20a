/* test-alert-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vigie-alert-engine.h"
#include "vigie-alert-list.h"
#include "vigie-test-support.h"

/* The rules are pure: every evaluation is given its time, so a fake clock
 * is a number. */
#define T0 G_GINT64_CONSTANT (1800000000)
#define MIN_S 60

/*
 * Entities
 */

static VigieEntity *
car_park (const char *id,
          double      occupancy)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&values, "occupancy", "d", occupancy);
  return vigie_entity_new (VIGIE_ENTITY_CAR_PARK, id, "Porte Jeune", 47.7467, 7.3388, 0,
                           g_variant_dict_end (&values));
}

static VigieEntity *
hotspot (const char *id,
         gint64      clients,
         gint64      capacity,
         gint64      aps_up,
         gint64      aps_total)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&values, "clients", "x", clients);
  g_variant_dict_insert (&values, "capacity", "x", capacity);
  g_variant_dict_insert (&values, "aps_up", "x", aps_up);
  g_variant_dict_insert (&values, "aps_total", "x", aps_total);
  return vigie_entity_new (VIGIE_ENTITY_HOTSPOT, id, "Place de la Réunion", 47.7466, 7.3387, 0,
                           g_variant_dict_end (&values));
}

typedef struct
{
  const char *id;
  double      latitude;
  double      longitude;
  gint64      delay_s;
  const char *status;
  const char *route;
  gboolean    ghost;
} Tram;

static VigieEntity *
tram (const Tram *t)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&values, "delay_s", "x", t->delay_s);
  g_variant_dict_insert (&values, "route_id", "s", t->route ? t->route : "2");
  g_variant_dict_insert (&values, "direction_id", "x", (gint64) 0);
  if (t->status != NULL)
    g_variant_dict_insert (&values, "current_status", "s", t->status);
  if (t->ghost)
    {
      g_variant_dict_insert (&values, "ghost", "b", TRUE);
      g_variant_dict_insert (&values, "source", "s", "schedule");
    }
  else
    g_variant_dict_insert (&values, "source", "s", "realtime");

  return vigie_entity_new (VIGIE_ENTITY_VEHICLE, t->id, t->id, t->latitude, t->longitude, 0,
                           g_variant_dict_end (&values));
}

static VigieSnapshot *
snapshot_of (VigieEntity *first,
             ...)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ();
  va_list args;

  va_start (args, first);
  for (VigieEntity *e = first; e != NULL; e = va_arg (args, VigieEntity *))
    vigie_snapshot_add_entity (snapshot, e);
  va_end (args);

  vigie_snapshot_prepare (snapshot, NULL, T0);
  return snapshot;
}

/*
 * Helpers
 */

/* Evaluates one snapshot and takes its entities' ownership along. */
static GPtrArray *
run_once (VigieAlertEngine *engine,
          VigieFeedKind     kind,
          VigieSnapshot    *snapshot,
          gint64            now)
{
  g_autoptr(VigieSnapshot) owned = snapshot;

  return vigie_alert_engine_evaluate (engine, "feed", kind, owned, now);
}

static const VigieAlertEvent *
find_event (GPtrArray          *events,
            VigieAlertEventType type,
            VigieAlertRuleKind  rule)
{
  for (guint i = 0; i < events->len; i++)
    {
      const VigieAlertEvent *event = g_ptr_array_index (events, i);

      if (event->type == type && event->rule == rule)
        return event;
    }

  return NULL;
}

static guint
count_rule (GPtrArray          *events,
            VigieAlertRuleKind  rule)
{
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    n += ((VigieAlertEvent *) g_ptr_array_index (events, i))->rule == rule;

  return n;
}

static void
set_rule (VigieAlertEngine   *engine,
          VigieAlertRuleKind  kind,
          gboolean            enabled,
          double              threshold,
          guint               duration_min)
{
  VigieAlertRules rules;

  vigie_alert_engine_get_rules (engine, &rules);
  rules.rules[kind].enabled = enabled;
  rules.rules[kind].threshold = threshold;
  rules.rules[kind].duration_min = duration_min;
  vigie_alert_engine_set_rules (engine, &rules);
}

/*
 * Tests
 */

/* Empty for 15 minutes by default: raised then, not before. */
static void
test_duration (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;
  const VigieAlertEvent *event;

  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (vigie_test_alert_station ("s1", 0, 20), NULL), T0);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (vigie_test_alert_station ("s1", 0, 20), NULL), T0 + 14 * MIN_S + 59);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (vigie_test_alert_station ("s1", 0, 20), NULL), T0 + 15 * MIN_S);
  g_assert_cmpuint (events->len, ==, 1);
  event = find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_BIKES_EMPTY);
  g_assert_nonnull (event);
  g_assert_cmpint (event->since, ==, T0);
  g_assert_cmpint (event->at, ==, T0 + 15 * MIN_S);
  g_assert_cmpstr (event->entity_id, ==, "s1");
  g_assert_cmpstr (event->name, ==, "Gare Centrale");
  g_assert_cmpstr (event->key, ==, "bikes-empty/feed/station/s1");
  g_assert_cmpint (event->severity, ==, VIGIE_ALERT_SEVERITY_WARNING);
  g_assert_cmpfloat_with_epsilon (event->latitude, 47.7417, 1e-9);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Raised once, not at every update. */
  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (vigie_test_alert_station ("s1", 0, 20), NULL), T0 + 16 * MIN_S);
  g_assert_cmpuint (events->len, ==, 0);
}

/* A condition that stops before its duration starts over. */
static void
test_duration_restarts (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;

  g_clear_pointer (&events, g_ptr_array_unref);
  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (vigie_test_alert_station ("s1", 0, 20), NULL), T0);
  g_clear_pointer (&events, g_ptr_array_unref);
  /* One bike: not empty, though within the margin. */
  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (vigie_test_alert_station ("s1", 1, 19), NULL), T0 + 10 * MIN_S);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (vigie_test_alert_station ("s1", 0, 20), NULL), T0 + 12 * MIN_S);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (vigie_test_alert_station ("s1", 0, 20), NULL), T0 + 26 * MIN_S);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (vigie_test_alert_station ("s1", 0, 20), NULL), T0 + 27 * MIN_S);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_BIKES_EMPTY));
  g_assert_cmpint (find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_BIKES_EMPTY)->since,
                   ==, T0 + 12 * MIN_S);
}

/* Raised at 0 bikes, kept at 1, cleared at 2: no flapping. */
static void
test_hysteresis_station (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;
  const VigieAlertEvent *event;

  set_rule (engine, VIGIE_ALERT_RULE_BIKES_EMPTY, TRUE, 0, 0);

  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (vigie_test_alert_station ("s1", 0, 20), NULL), T0);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_BIKES_EMPTY));
  g_clear_pointer (&events, g_ptr_array_unref);

  for (int i = 1; i <= 4; i++)
    {
      events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (vigie_test_alert_station ("s1", i % 2, 20), NULL), T0 + i * 30);
      g_assert_null (find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_BIKES_EMPTY));
      g_assert_null (find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_BIKES_EMPTY));
      if (i % 2 == 1)
        {
          event = find_event (events, VIGIE_ALERT_EVENT_UPDATED, VIGIE_ALERT_RULE_BIKES_EMPTY);
          g_assert_nonnull (event);
          g_assert_cmpfloat (event->value, ==, 1);
        }
      g_clear_pointer (&events, g_ptr_array_unref);
    }

  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (vigie_test_alert_station ("s1", 2, 18), NULL), T0 + 300);
  event = find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_BIKES_EMPTY);
  g_assert_nonnull (event);
  g_assert_cmpint (event->since, ==, T0);
  g_assert_cmpfloat (event->value, ==, 2);
}

/* Counts not known for a while (the jobs of a feed's documents end in any
 * order: one may combine the stations before their status is read) are no
 * recovery. */
static void
test_unknown (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;
  VigieEntity *bare = vigie_entity_new (VIGIE_ENTITY_STATION, "s1", "Gare Centrale", 47.7417, 7.3426, 0, NULL);
  g_autoptr(VigieSnapshot) empty = vigie_snapshot_new ();

  vigie_snapshot_prepare (empty, NULL, T0);
  set_rule (engine, VIGIE_ALERT_RULE_BIKES_EMPTY, TRUE, 0, 0);
  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (vigie_test_alert_station ("s1", 0, 20), NULL), T0);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_BIKES_EMPTY));
  g_clear_pointer (&events, g_ptr_array_unref);

  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (bare, NULL), T0 + 30);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* No stations at all yet, the same. */
  events = vigie_alert_engine_evaluate (engine, "feed", VIGIE_FEED_KIND_BIKES, empty, T0 + 60);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (vigie_test_alert_station ("s1", 5, 5), NULL), T0 + 90);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_BIKES_EMPTY));
}

/* A station is a bike dock or a car-share station by its feed. */
static void
test_station_kinds (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(VigieSnapshot) cars = NULL;

  set_rule (engine, VIGIE_ALERT_RULE_BIKES_FULL, TRUE, 0, 0);
  set_rule (engine, VIGIE_ALERT_RULE_CAR_SHARE_EMPTY, TRUE, 0, 0);

  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (vigie_test_alert_station ("s1", 20, 0), NULL), T0);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_BIKES_FULL));
  g_assert_cmpuint (events->len, ==, 1);
  g_clear_pointer (&events, g_ptr_array_unref);

  cars = snapshot_of (vigie_test_alert_station ("c1", 0, 4), NULL);
  events = vigie_alert_engine_evaluate (engine, "cars", VIGIE_FEED_KIND_CAR_SHARE, cars, T0);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_CAR_SHARE_EMPTY));
  g_assert_cmpuint (count_rule (events, VIGIE_ALERT_RULE_BIKES_EMPTY), ==, 0);
}

/* 90 % raises, 86 % keeps it, under 85 % clears; 100 % is worse. */
static void
test_hysteresis_parking (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;
  const VigieAlertEvent *event;

  set_rule (engine, VIGIE_ALERT_RULE_PARKING_FULL, TRUE, 90, 0);

  events = run_once (engine, VIGIE_FEED_KIND_PARKING, snapshot_of (car_park ("p1", 0.89), NULL), T0);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = run_once (engine, VIGIE_FEED_KIND_PARKING, snapshot_of (car_park ("p1", 0.90), NULL), T0 + 60);
  event = find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_PARKING_FULL);
  g_assert_nonnull (event);
  g_assert_cmpfloat (event->value, ==, 90);
  g_assert_cmpint (event->level, ==, 1);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = run_once (engine, VIGIE_FEED_KIND_PARKING, snapshot_of (car_park ("p1", 1.0), NULL), T0 + 120);
  event = find_event (events, VIGIE_ALERT_EVENT_UPDATED, VIGIE_ALERT_RULE_PARKING_FULL);
  g_assert_nonnull (event);
  g_assert_cmpint (event->level, ==, 2);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = run_once (engine, VIGIE_FEED_KIND_PARKING, snapshot_of (car_park ("p1", 0.86), NULL), T0 + 180);
  g_assert_null (find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_PARKING_FULL));
  g_clear_pointer (&events, g_ptr_array_unref);

  events = run_once (engine, VIGIE_FEED_KIND_PARKING, snapshot_of (car_park ("p1", 0.85), NULL), T0 + 240);
  g_assert_null (find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_PARKING_FULL));
  g_clear_pointer (&events, g_ptr_array_unref);

  events = run_once (engine, VIGIE_FEED_KIND_PARKING, snapshot_of (car_park ("p1", 0.84), NULL), T0 + 300);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_PARKING_FULL));
}

static void
test_wifi (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;

  events = run_once (engine, VIGIE_FEED_KIND_WIFI, snapshot_of (hotspot ("h1", 95, 100, 0, 2), NULL), T0);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Both after their 5 minutes. */
  events = run_once (engine, VIGIE_FEED_KIND_WIFI, snapshot_of (hotspot ("h1", 95, 100, 0, 2), NULL), T0 + 5 * MIN_S);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_WIFI_LOADED));
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_WIFI_DOWN));
  g_assert_cmpint (find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_WIFI_DOWN)->severity,
                   ==, VIGIE_ALERT_SEVERITY_CRITICAL);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* 85 %: within the 10-point margin; one access point back: cleared. */
  events = run_once (engine, VIGIE_FEED_KIND_WIFI, snapshot_of (hotspot ("h1", 85, 100, 1, 2), NULL), T0 + 6 * MIN_S);
  g_assert_null (find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_WIFI_LOADED));
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_WIFI_DOWN));
  g_clear_pointer (&events, g_ptr_array_unref);

  events = run_once (engine, VIGIE_FEED_KIND_WIFI, snapshot_of (hotspot ("h1", 79, 100, 2, 2), NULL), T0 + 7 * MIN_S);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_WIFI_LOADED));
}

/* 5 minutes late raises at once, 10 is worse, under 4 clears. */
static void
test_tram_delay (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;
  Tram t = { "2149", 47.75, 7.33, 299, "in_transit_to" };
  const VigieAlertEvent *event;

  set_rule (engine, VIGIE_ALERT_RULE_TRAM_STOPPED, FALSE, 25, 3);

  events = run_once (engine, VIGIE_FEED_KIND_TRAMS, snapshot_of (tram (&t), NULL), T0);
  g_assert_null (find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_TRAM_DELAYED));
  g_clear_pointer (&events, g_ptr_array_unref);

  t.delay_s = 300;
  events = run_once (engine, VIGIE_FEED_KIND_TRAMS, snapshot_of (tram (&t), NULL), T0 + 30);
  event = find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_TRAM_DELAYED);
  g_assert_nonnull (event);
  g_assert_cmpfloat (event->value, ==, 5);
  g_assert_cmpint (event->level, ==, 1);
  g_clear_pointer (&events, g_ptr_array_unref);

  t.delay_s = 600;
  events = run_once (engine, VIGIE_FEED_KIND_TRAMS, snapshot_of (tram (&t), NULL), T0 + 60);
  event = find_event (events, VIGIE_ALERT_EVENT_UPDATED, VIGIE_ALERT_RULE_TRAM_DELAYED);
  g_assert_nonnull (event);
  g_assert_cmpint (event->level, ==, 2);
  g_clear_pointer (&events, g_ptr_array_unref);

  t.delay_s = 4 * 60 + 30;
  events = run_once (engine, VIGIE_FEED_KIND_TRAMS, snapshot_of (tram (&t), NULL), T0 + 90);
  g_assert_null (find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_TRAM_DELAYED));
  g_clear_pointer (&events, g_ptr_array_unref);

  t.delay_s = 3 * 60 + 59;
  events = run_once (engine, VIGIE_FEED_KIND_TRAMS, snapshot_of (tram (&t), NULL), T0 + 120);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_TRAM_DELAYED));
}

/* A ghost for 10 minutes; gone from the feed, cleared. */
static void
test_tram_ghost (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;
  Tram ghost = { "ghost:T12", 47.75, 7.33, 0, NULL, "2", TRUE };

  events = run_once (engine, VIGIE_FEED_KIND_TRAMS, snapshot_of (tram (&ghost), NULL), T0);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = run_once (engine, VIGIE_FEED_KIND_TRAMS, snapshot_of (tram (&ghost), NULL), T0 + 10 * MIN_S);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_TRAM_GHOST));
  /* A ghost is no real tram: neither late nor stopped. */
  g_assert_cmpuint (events->len, ==, 1);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = run_once (engine, VIGIE_FEED_KIND_TRAMS, snapshot_of (vigie_test_alert_station ("other", 3, 3), NULL), T0 + 11 * MIN_S);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_TRAM_GHOST));
}

/* Not moved for 3 minutes, not at a stop; moving on clears it. */
static void
test_tram_stopped (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;
  Tram t = { "2149", 47.75, 7.33, 0, "in_transit_to" };
  Tram waiting = { "2150", 47.76, 7.33, 0, "stopped_at" };

  for (int minute = 0; minute < 3; minute++)
    {
      /* A few metres of GPS noise is no move. */
      t.latitude = 47.75 + (minute % 2) * 0.00005;
      events = run_once (engine, VIGIE_FEED_KIND_TRAMS,
                         snapshot_of (tram (&t), tram (&waiting), NULL), T0 + minute * MIN_S);
      g_assert_cmpuint (events->len, ==, 0);
      g_clear_pointer (&events, g_ptr_array_unref);
    }

  events = run_once (engine, VIGIE_FEED_KIND_TRAMS, snapshot_of (tram (&t), tram (&waiting), NULL), T0 + 3 * MIN_S);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_TRAM_STOPPED)->entity_id,
                   ==, "2149");
  g_clear_pointer (&events, g_ptr_array_unref);

  /* 30 m: within the margin. */
  t.latitude = 47.75 + 30 / 111195.0;
  events = run_once (engine, VIGIE_FEED_KIND_TRAMS, snapshot_of (tram (&t), tram (&waiting), NULL), T0 + 4 * MIN_S);
  g_assert_null (find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_TRAM_STOPPED));
  g_clear_pointer (&events, g_ptr_array_unref);

  t.latitude = 47.75 + 200 / 111195.0;
  events = run_once (engine, VIGIE_FEED_KIND_TRAMS, snapshot_of (tram (&t), tram (&waiting), NULL), T0 + 5 * MIN_S);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_TRAM_STOPPED));
}

/* A tram near a stop of the feed waits there. */
static void
test_tram_stopped_at_stop (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;
  Tram t = { "2149", 47.75, 7.33, 0, NULL };

  for (int minute = 0; minute <= 5; minute++)
    {
      VigieEntity *stop = vigie_entity_new (VIGIE_ENTITY_STOP, "s", "Gare", 47.7501, 7.33, 0, NULL);

      events = run_once (engine, VIGIE_FEED_KIND_TRAMS, snapshot_of (tram (&t), stop, NULL), T0 + minute * MIN_S);
      g_assert_cmpuint (events->len, ==, 0);
      g_clear_pointer (&events, g_ptr_array_unref);
    }
}

/* Two trams of line 2 a tenth of the line's usual gap apart. */
static void
test_tram_bunched (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;
  Tram a = { "A", 47.700, 7.33, 0, "in_transit_to" };
  Tram b = { "B", 47.710, 7.33, 0, "in_transit_to" };
  Tram c = { "C", 47.720, 7.33, 0, "in_transit_to" };
  Tram d = { "D", 47.721, 7.33, 0, "in_transit_to" };
  Tram other = { "E", 47.7205, 7.33, 0, "in_transit_to", "1" };
  const VigieAlertEvent *event;

  set_rule (engine, VIGIE_ALERT_RULE_TRAM_BUNCHED, TRUE, 33, 0);
  set_rule (engine, VIGIE_ALERT_RULE_TRAM_STOPPED, FALSE, 25, 3);

  events = run_once (engine, VIGIE_FEED_KIND_TRAMS,
                     snapshot_of (tram (&a), tram (&b), tram (&c), tram (&d), tram (&other), NULL), T0);
  g_assert_cmpuint (count_rule (events, VIGIE_ALERT_RULE_TRAM_BUNCHED), ==, 1);
  event = find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_TRAM_BUNCHED);
  g_assert_cmpstr (event->key, ==, "tram-bunched/feed/vehicle/C+D");
  g_assert_cmpstr (event->name, ==, "C + D");
  g_assert_cmpfloat (event->value, ==, 10);
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Spread again. */
  d.latitude = 47.730;
  events = run_once (engine, VIGIE_FEED_KIND_TRAMS,
                     snapshot_of (tram (&a), tram (&b), tram (&c), tram (&d), NULL), T0 + 60);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_TRAM_BUNCHED));
}

/* A rule turned off clears what it raised; gone entities too. */
static void
test_rule_off_and_gone (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;

  set_rule (engine, VIGIE_ALERT_RULE_BIKES_EMPTY, TRUE, 0, 0);
  set_rule (engine, VIGIE_ALERT_RULE_BIKES_FULL, TRUE, 0, 0);
  events = run_once (engine, VIGIE_FEED_KIND_BIKES,
                     snapshot_of (vigie_test_alert_station ("s1", 0, 10), vigie_test_alert_station ("s2", 10, 0), NULL), T0);
  g_assert_cmpuint (events->len, ==, 2);
  g_clear_pointer (&events, g_ptr_array_unref);

  set_rule (engine, VIGIE_ALERT_RULE_BIKES_EMPTY, FALSE, 0, 0);
  events = run_once (engine, VIGIE_FEED_KIND_BIKES,
                     snapshot_of (vigie_test_alert_station ("s1", 0, 10), vigie_test_alert_station ("s2", 10, 0), NULL), T0 + 30);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_BIKES_EMPTY));
  g_clear_pointer (&events, g_ptr_array_unref);

  events = run_once (engine, VIGIE_FEED_KIND_BIKES, snapshot_of (vigie_test_alert_station ("s1", 0, 10), NULL), T0 + 60);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_BIKES_FULL)->key,
                   ==, "bikes-full/feed/station/s2");
}

/* Three failed polls raise it; a poll that works clears it. */
static void
test_feed_alerts (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(GPtrArray) events = NULL;
  const VigieAlertEvent *event;

  events = vigie_alert_engine_evaluate_feed (engine, "bikes", "VéloCité", 2, FALSE, T0);
  g_assert_cmpuint (events->len, ==, 0);
  g_clear_pointer (&events, g_ptr_array_unref);

  events = vigie_alert_engine_evaluate_feed (engine, "bikes", "VéloCité", 3, TRUE, T0 + 60);
  g_assert_cmpuint (events->len, ==, 2);
  event = find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_FEED_FAILING);
  g_assert_cmpstr (event->key, ==, "feed-failing/bikes");
  g_assert_cmpstr (event->name, ==, "VéloCité");
  g_assert_null (event->entity_id);
  g_assert_cmpint (event->severity, ==, VIGIE_ALERT_SEVERITY_CRITICAL);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_RAISED, VIGIE_ALERT_RULE_FEED_STALE));
  g_clear_pointer (&events, g_ptr_array_unref);

  /* Still failing: no new alert, its count moves. */
  events = vigie_alert_engine_evaluate_feed (engine, "bikes", "VéloCité", 4, TRUE, T0 + 90);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_UPDATED, VIGIE_ALERT_RULE_FEED_FAILING));
  g_clear_pointer (&events, g_ptr_array_unref);

  events = vigie_alert_engine_evaluate_feed (engine, "bikes", "VéloCité", 0, FALSE, T0 + 120);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_FEED_FAILING));
  g_assert_nonnull (find_event (events, VIGIE_ALERT_EVENT_CLEARED, VIGIE_ALERT_RULE_FEED_STALE));
}

/* Saved per rule; a rule not saved keeps its default; out of range is
 * brought back. */
static void
test_rules_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.vigie.Vigie");
  VigieAlertRules rules;
  VigieAlertRule rule = { FALSE, 4, 20, VIGIE_ALERT_SEVERITY_CRITICAL };

  vigie_alert_rules_load (&rules, settings);
  g_assert_true (rules.rules[VIGIE_ALERT_RULE_BIKES_EMPTY].enabled);
  g_assert_cmpuint (rules.rules[VIGIE_ALERT_RULE_BIKES_EMPTY].duration_min, ==, 15);
  g_assert_cmpfloat (rules.rules[VIGIE_ALERT_RULE_PARKING_FULL].threshold, ==, 90);
  g_assert_cmpfloat (rules.rules[VIGIE_ALERT_RULE_TRAM_DELAYED].threshold, ==, 5);
  g_assert_cmpuint (rules.rules[VIGIE_ALERT_RULE_TRAM_GHOST].duration_min, ==, 10);
  g_assert_cmpuint (rules.rules[VIGIE_ALERT_RULE_TRAM_STOPPED].duration_min, ==, 3);
  g_assert_cmpfloat (rules.rules[VIGIE_ALERT_RULE_FEED_FAILING].threshold, ==, 3);

  vigie_alert_rules_save_rule (settings, VIGIE_ALERT_RULE_BIKES_EMPTY, &rule);
  rule.threshold = 1000;
  vigie_alert_rules_save_rule (settings, VIGIE_ALERT_RULE_PARKING_FULL, &rule);
  vigie_alert_rules_load (&rules, settings);
  g_assert_false (rules.rules[VIGIE_ALERT_RULE_BIKES_EMPTY].enabled);
  g_assert_cmpfloat (rules.rules[VIGIE_ALERT_RULE_BIKES_EMPTY].threshold, ==, 4);
  g_assert_cmpuint (rules.rules[VIGIE_ALERT_RULE_BIKES_EMPTY].duration_min, ==, 20);
  g_assert_cmpint (rules.rules[VIGIE_ALERT_RULE_BIKES_EMPTY].severity, ==, VIGIE_ALERT_SEVERITY_CRITICAL);
  g_assert_cmpfloat (rules.rules[VIGIE_ALERT_RULE_PARKING_FULL].threshold, ==, 100);
  g_assert_true (rules.rules[VIGIE_ALERT_RULE_BIKES_FULL].enabled);

  g_settings_reset (settings, "alert-rules");
}

static VigieAlertEvent
make_event (const char         *key,
            VigieAlertSeverity  severity,
            gint64              since,
            int                 level)
{
  return (VigieAlertEvent) {
    .type = VIGIE_ALERT_EVENT_RAISED,
    .rule = VIGIE_ALERT_RULE_PARKING_FULL,
    .severity = severity,
    .key = (char *) key,
    .feed_id = (char *) "parking",
    .name = (char *) key,
    .since = since,
    .at = since,
    .latitude = NAN,
    .longitude = NAN,
    .value = 90,
    .level = level,
  };
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *n_changes)
{
  (*n_changes)++;
}

/* Worst first, then oldest; one items-changed per change; an
 * acknowledged alert that gets worse asks again. */
static void
test_list (void)
{
  g_autoptr(VigieAlertList) list = vigie_alert_list_new ();
  g_autoptr(VigieAlert) removed = NULL;
  VigieAlertEvent e1 = make_event ("a", VIGIE_ALERT_SEVERITY_INFO, T0, 1);
  VigieAlertEvent e2 = make_event ("b", VIGIE_ALERT_SEVERITY_CRITICAL, T0 + 60, 1);
  VigieAlertEvent e3 = make_event ("c", VIGIE_ALERT_SEVERITY_CRITICAL, T0, 1);
  VigieAlertEvent e4 = make_event ("d", VIGIE_ALERT_SEVERITY_WARNING, T0 + 30, 1);
  const char *order[] = { "c", "b", "d", "a" };
  guint n_changes = 0;
  VigieAlert *alert;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &n_changes);
  vigie_alert_list_add (list, &e1, "Parkings");
  vigie_alert_list_add (list, &e2, "Parkings");
  vigie_alert_list_add (list, &e3, "Parkings");
  vigie_alert_list_add (list, &e4, "Parkings");
  g_assert_cmpuint (n_changes, ==, 4);
  g_assert_cmpuint (vigie_alert_list_get_n_unacknowledged (list), ==, 4);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autoptr(VigieAlert) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpstr (vigie_alert_get_key (item), ==, order[i]);
    }

  alert = vigie_alert_list_lookup (list, "b");
  vigie_alert_list_acknowledge (list, alert, "Agent sent", T0 + 100);
  g_assert_true (vigie_alert_get_acknowledged (alert));
  g_assert_cmpstr (vigie_alert_get_ack_comment (alert), ==, "Agent sent");
  g_assert_cmpint (vigie_alert_get_ack_at (alert), ==, T0 + 100);
  g_assert_cmpuint (vigie_alert_list_get_n_unacknowledged (list), ==, 3);

  /* The same level: still acknowledged; worse: back. */
  e2.type = VIGIE_ALERT_EVENT_UPDATED;
  e2.value = 95;
  vigie_alert_list_update (list, &e2);
  g_assert_true (vigie_alert_get_acknowledged (alert));
  e2.level = 2;
  vigie_alert_list_update (list, &e2);
  g_assert_false (vigie_alert_get_acknowledged (alert));
  g_assert_cmpuint (vigie_alert_list_get_n_unacknowledged (list), ==, 4);
  g_assert_cmpuint (n_changes, ==, 4);

  removed = vigie_alert_list_remove (list, "d");
  g_assert_nonnull (removed);
  g_assert_cmpuint (n_changes, ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_null (vigie_alert_list_remove (list, "d"));

  vigie_alert_list_remove_feed (list, "parking");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (vigie_alert_list_get_n_unacknowledged (list), ==, 0);
}

/* The words of the panel. */
static void
test_describe (void)
{
  VigieAlertEvent event = make_event ("k", VIGIE_ALERT_SEVERITY_WARNING, T0, 1);
  g_autoptr(VigieAlert) alert = NULL;
  g_autofree char *text = NULL;
  g_autofree char *late = NULL;
  g_autofree char *hours = NULL;

  event.rule = VIGIE_ALERT_RULE_BIKES_EMPTY;
  event.value = 0;
  alert = vigie_alert_new (&event, "VéloCité");
  text = vigie_alert_describe (alert, T0 + 12 * MIN_S + 30);
  g_assert_cmpstr (text, ==, "empty for 12 min");

  hours = vigie_alert_format_duration (2 * 3600 + 5 * 60);
  g_assert_cmpstr (hours, ==, "2 h 05");

  g_clear_object (&alert);
  event.rule = VIGIE_ALERT_RULE_TRAM_DELAYED;
  event.value = 7;
  alert = vigie_alert_new (&event, "Tram");
  late = vigie_alert_describe (alert, T0);
  g_assert_cmpstr (late, ==, "7 minutes late");
}

/* 50,000 entities: the rules over one update, in the worker. */
static void
test_many (void)
{
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = 50000;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);

      vigie_snapshot_add_entity (snapshot, vigie_test_alert_station (id, i % 10, 10 - i % 10));
    }
  vigie_snapshot_prepare (snapshot, NULL, T0);
  set_rule (engine, VIGIE_ALERT_RULE_BIKES_EMPTY, TRUE, 0, 0);

  for (guint i = 0; i < 5; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      g_clear_pointer (&events, g_ptr_array_unref);
      events = vigie_alert_engine_evaluate (engine, "feed", VIGIE_FEED_KIND_BIKES, snapshot, T0 + i * 30);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
      if (i == 0)
        g_assert_cmpuint (events->len, ==, n / 10);
      else
        g_assert_cmpuint (events->len, ==, 0);
    }

  g_test_message ("50,000 stations: %.1f ms first (%u alerts raised), then %.1f %.1f %.1f %.1f ms",
                  g_array_index (times, double, 0), n / 10,
                  g_array_index (times, double, 1), g_array_index (times, double, 2),
                  g_array_index (times, double, 3), g_array_index (times, double, 4));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alert-engine/duration", test_duration);
  g_test_add_func ("/alert-engine/duration-restarts", test_duration_restarts);
  g_test_add_func ("/alert-engine/hysteresis/station", test_hysteresis_station);
  g_test_add_func ("/alert-engine/hysteresis/parking", test_hysteresis_parking);
  g_test_add_func ("/alert-engine/station-kinds", test_station_kinds);
  g_test_add_func ("/alert-engine/unknown", test_unknown);
  g_test_add_func ("/alert-engine/wifi", test_wifi);
  g_test_add_func ("/alert-engine/tram/delay", test_tram_delay);
  g_test_add_func ("/alert-engine/tram/ghost", test_tram_ghost);
  g_test_add_func ("/alert-engine/tram/stopped", test_tram_stopped);
  g_test_add_func ("/alert-engine/tram/stopped-at-stop", test_tram_stopped_at_stop);
  g_test_add_func ("/alert-engine/tram/bunched", test_tram_bunched);
  g_test_add_func ("/alert-engine/rule-off-and-gone", test_rule_off_and_gone);
  g_test_add_func ("/alert-engine/feed", test_feed_alerts);
  g_test_add_func ("/alert-engine/rules-settings", test_rules_settings);
  g_test_add_func ("/alert-engine/list", test_list);
  g_test_add_func ("/alert-engine/describe", test_describe);
  g_test_add_func ("/alert-engine/many", test_many);

  return g_test_run ();
}
