/* test-alert-engine-pinned.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vigie-alert-engine.h"

/* What the rules raise, move and clear over an hour of a made-up city,
 * pinned: stations that empty and fill, car parks, Wi-Fi, trams that are
 * late, stop, go ghost, bunch and leave the feed, rules changed on the
 * way. The events of each update, as words, are checked against those the
 * engine gave when its state was kept in one hash table a rule and every
 * entity looked up as often as each rule needed (before it was made fast
 * enough for 50,000 entities an update). */

#define T0 G_GINT64_CONSTANT (1800000000)
#define N_UPDATES 60

/* A small generator of its own: the same city on every system. */
static guint
next (guint32 *seed,
      guint    n)
{
  *seed = *seed * 1103515245 + 12345;
  return (*seed >> 8) % n;
}

static VigieEntity *
make_station (guint   i,
              guint   update,
              guint32 *seed)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *id = g_strdup_printf ("s%u", i);
  g_autofree char *name = g_strdup_printf ("Station %u", i);
  guint capacity = 10 + i % 7;
  /* Slow changes: a station keeps its count a few minutes. */
  guint bikes = (i * 7 + update / (1 + i % 4)) % (capacity + 1);

  if (next (seed, 5) == 0)
    bikes = i % 3 == 0 ? 0 : capacity - next (seed, 2);
  if (i % 13 != 5)
    g_variant_dict_insert (&values, "vehicles_available", "x", (gint64) bikes);
  g_variant_dict_insert (&values, "docks_available", "x", (gint64) (capacity - bikes));
  g_variant_dict_insert (&values, "is_installed", "b", (gboolean) (i % 17 != 3 || update % 20 < 10));
  if (i % 29 == 0)
    g_variant_dict_insert (&values, "is_virtual", "b", TRUE);

  return vigie_entity_new (VIGIE_ENTITY_STATION, id, i % 31 == 0 ? "" : name,
                           47.74 + i * 1e-4, 7.33 + i * 1e-4, 0, g_variant_dict_end (&values));
}

static VigieEntity *
make_place (guint   i,
            guint   update,
            guint32 *seed)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *id = g_strdup_printf ("p%u", i);
  g_autofree char *name = g_strdup_printf ("Parking %u", i);
  VigieEntityKind kind = i % 2 ? VIGIE_ENTITY_ZONE : VIGIE_ENTITY_CAR_PARK;
  gint64 total = 100 + i;
  gint64 available = (i * 37 + update * (i % 5)) % (total + 1);

  if (next (seed, 6) == 0)
    available = next (seed, 12);
  if (i % 3 == 0)
    g_variant_dict_insert (&values, "occupancy", "d", 1.0 - (double) available / total);
  else if (i % 11 != 4)
    {
      g_variant_dict_insert (&values, "total_spots", "x", total);
      g_variant_dict_insert (&values, "available_spots", "x", available);
    }
  if (i % 19 == 7)
    g_variant_dict_insert (&values, i % 2 ? "spot" : "geofencing", "b", TRUE);

  return vigie_entity_new (kind, id, name, 47.75 + i * 1e-4, 7.34, 0, g_variant_dict_end (&values));
}

static VigieEntity *
make_hotspot (guint   i,
              guint   update,
              guint32 *seed)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *id = g_strdup_printf ("h%u", i);
  gint64 capacity = 20 + i % 10;
  gint64 aps_total = 1 + i % 4;

  g_variant_dict_insert (&values, "clients", "x", (gint64) ((i * 11 + update * 3 + next (seed, 8)) % (capacity + 8)));
  g_variant_dict_insert (&values, "capacity", "x", capacity);
  if (i % 7 != 2)
    {
      g_variant_dict_insert (&values, "aps_up", "x", (gint64) (next (seed, 4) == 0 ? 0 : aps_total - (update / 7 + i) % 2));
      g_variant_dict_insert (&values, "aps_total", "x", aps_total);
    }

  return vigie_entity_new (VIGIE_ENTITY_HOTSPOT, id, "Wi-Fi", 47.76, 7.35 + i * 1e-4, 0, g_variant_dict_end (&values));
}

/* Stops every 300 m along three lines; trams run along them, some stop
 * between two stops a while, some at a stop. */
static VigieEntity *
make_stop (guint i)
{
  g_autofree char *id = g_strdup_printf ("stop%u", i);

  return vigie_entity_new (VIGIE_ENTITY_STOP, id, id, 47.70 + (i % 20) * 0.0027, 7.30 + (i / 20) * 0.01, 0, NULL);
}

static VigieEntity *
make_tram (guint    i,
           guint    update,
           guint32 *seed)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (NULL);
  g_autofree char *id = g_strdup_printf ("%u", 2100 + i);
  g_autofree char *name = g_strdup_printf ("Rame %u", 2100 + i);
  g_autofree char *route = g_strdup_printf ("%u", 1 + i % 3);
  guint line = i % 3;
  /* Where it is along its line, in metres: it moves 400 m a minute,
   * unless it is held. */
  gboolean held = (i % 9 == 4 && update % 15 >= 5 && update % 15 < 11) || (i % 23 == 1 && update > 30);
  double along = i * 250.0 + (held ? (update / 15) * 15 * 400.0 + 5 * 400.0 : update * 400.0);
  double latitude = 47.70 + fmod (along, 5400.0) / 111320.0;
  double longitude = 7.30 + line * 0.01 + (i % 2) * 1e-5;

  /* Some wander around one place, up to 45 m off it in any direction:
   * moved or not, near the rule's limits. */
  if (i % 7 == 5)
    {
      double off = next (seed, 4500) / 100.0, angle = next (seed, 360) * G_PI / 180.0;

      latitude = 47.72 + i * 1e-4 + off * cos (angle) / 111195.0;
      longitude = 7.30 + off * sin (angle) / (111195.0 * cos (47.72 * G_PI / 180.0));
    }
  g_variant_dict_insert (&values, "route_id", "s", route);
  g_variant_dict_insert (&values, "direction_id", "x", (gint64) (i % 2));
  if (i % 8 != 3)
    g_variant_dict_insert (&values, "delay_s", "x", (gint64) ((i * 53 + update * 40 + next (seed, 120)) % 900) - 120);
  if (held && i % 2)
    g_variant_dict_insert (&values, "current_status", "s", update % 3 ? "IN_TRANSIT_TO" : "STOPPED_AT");
  if (i % 17 == 9)
    {
      g_variant_dict_insert (&values, "ghost", "b", TRUE);
      g_variant_dict_insert (&values, "source", "s", "schedule");
      if (update % 12 > 8)
        g_variant_dict_insert (&values, "canceled", "b", TRUE);
    }
  else
    g_variant_dict_insert (&values, "source", "s", i % 19 == 2 ? "schedule" : "realtime");

  return vigie_entity_new (VIGIE_ENTITY_VEHICLE, id, i % 37 == 0 ? NULL : name, latitude, longitude, 0,
                           g_variant_dict_end (&values));
}

static VigieSnapshot *
make_snapshot (VigieFeedKind  kind,
               guint          update,
               VigieSnapshot *previous,
               guint32       *seed)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ();

  if (kind == VIGIE_FEED_KIND_BIKES || kind == VIGIE_FEED_KIND_CAR_SHARE)
    {
      for (guint i = 0; i < 400; i++)
        if (i % 50 != update % 50)   /* one station missing a minute */
          vigie_snapshot_add_entity (snapshot, make_station (i, update, seed));
    }
  else if (kind == VIGIE_FEED_KIND_PARKING)
    {
      for (guint i = 0; i < 120; i++)
        vigie_snapshot_add_entity (snapshot, make_place (i, update, seed));
    }
  else if (kind == VIGIE_FEED_KIND_WIFI)
    {
      for (guint i = 0; i < 80; i++)
        vigie_snapshot_add_entity (snapshot, make_hotspot (i, update, seed));
    }
  else
    {
      for (guint i = 0; i < 60; i++)
        vigie_snapshot_add_entity (snapshot, make_stop (i));
      for (guint i = 0; i < 150; i++)
        /* Trams leave and come back. */
        if ((i + update / 10) % 11 != 0)
          vigie_snapshot_add_entity (snapshot, make_tram (i, update, seed));
    }

  vigie_snapshot_prepare (snapshot, previous, T0 + update * 60);
  return snapshot;
}

static void
set_rules (VigieAlertEngine *engine,
           guint             update)
{
  VigieAlertRules rules;

  vigie_alert_rules_init_defaults (&rules);
  /* Every condition at once a while, then some rules off. */
  if (update >= 20 && update < 35)
    for (guint r = 0; r < VIGIE_N_ALERT_RULES; r++)
      rules.rules[r].duration_min = 0;
  if (update >= 40 && update < 50)
    {
      rules.rules[VIGIE_ALERT_RULE_BIKES_FULL].enabled = FALSE;
      rules.rules[VIGIE_ALERT_RULE_TRAM_STOPPED].enabled = FALSE;
      rules.rules[VIGIE_ALERT_RULE_TRAM_BUNCHED].enabled = FALSE;
      rules.rules[VIGIE_ALERT_RULE_WIFI_LOADED].threshold = 60;
    }
  vigie_alert_engine_set_rules (engine, &rules);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* An update's events in words, in an order of their own (the engine's is
 * no promise). */
static void
append_events (GString   *all,
               guint      update,
               GPtrArray *events)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < events->len; i++)
    {
      const VigieAlertEvent *e = g_ptr_array_index (events, i);

      g_ptr_array_add (lines, g_strdup_printf ("%u %d %s %d %s %d %s %s %.5f %.5f %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %g %d\n",
                                               update, e->type, e->key, e->rule, e->feed_id, e->entity_kind,
                                               e->entity_id ? e->entity_id : "-", e->name,
                                               e->latitude, e->longitude, e->since - T0, e->at - T0,
                                               e->value, e->level));
    }
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append (all, g_ptr_array_index (lines, i));
}

static void
test_city (void)
{
  static const struct { VigieFeedKind kind; const char *feed; guint expected_events; const char *checksum; } feeds[] = {
    { VIGIE_FEED_KIND_BIKES, "bikes", 1946, "d199515afd4f67cc70ad067db56b22a66c44b6a1" },
    { VIGIE_FEED_KIND_CAR_SHARE, "cars", 850, "bc64d8fa51f2b35af24f7f5b5388d7790dd2d95b" },
    { VIGIE_FEED_KIND_PARKING, "parking", 763, "c175bfc407fda84e83b5282d48090ca8dd544d58" },
    { VIGIE_FEED_KIND_WIFI, "wifi", 1058, "686edc8ec49a4b901a3b0a23ffc8f349bb6d9e00" },
    { VIGIE_FEED_KIND_TRAMS, "trams", 3015, "158e1ecf55ce36c284dabd207b62c4f113cdf645" },
  };
  g_autoptr(VigieAlertEngine) engine = vigie_alert_engine_new ();

  for (guint f = 0; f < G_N_ELEMENTS (feeds); f++)
    {
      g_autoptr(GString) all = g_string_new (NULL);
      g_autofree char *checksum = NULL;
      VigieSnapshot *previous = NULL;
      guint32 seed = 15 + f;
      guint n_events = 0;

      for (guint update = 0; update < N_UPDATES; update++)
        {
          VigieSnapshot *snapshot = make_snapshot (feeds[f].kind, update, previous, &seed);
          g_autoptr(GPtrArray) events = NULL;

          set_rules (engine, update);
          events = vigie_alert_engine_evaluate (engine, feeds[f].feed, feeds[f].kind, snapshot, T0 + update * 60);
          append_events (all, update, events);
          n_events += events->len;
          g_clear_pointer (&previous, vigie_snapshot_unref);
          previous = snapshot;
        }
      g_clear_pointer (&previous, vigie_snapshot_unref);

      checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, all->str, -1);
      g_test_message ("%s: %u events, %s", feeds[f].feed, n_events, checksum);
      g_assert_cmpuint (n_events, ==, feeds[f].expected_events);
      g_assert_cmpstr (checksum, ==, feeds[f].checksum);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alert-engine/pinned/city", test_city);

  return g_test_run ();
}
