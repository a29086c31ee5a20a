/* vigie-alert-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-alert-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-alert-engine-private.h"
#include "vigie-alert-states.h"
#include "vigie-entity-private.h"
#include "vigie-geo.h"

/* The rule engine: it reads each new snapshot of a feed in that feed's
 * worker and says which alerts are raised, moved or cleared. What it
 * remembers between updates (since when a condition holds, whether its
 * alert is raised) is its own, behind a mutex: the workers of one feed
 * run one after the other, but feeds update in parallel, and Preferences
 * changes the rules from the main thread.
 *
 * An alert is raised when its condition has held for the rule's duration,
 * and cleared only once the value is past the threshold by the rule's
 * margin (hysteresis): a dock going from 0 to 1 bike and back does not
 * flap. A condition that stops before the duration starts over.
 *
 * An update of 50,000 things must cost a few milliseconds: each entity is
 * read once for all its rules (its key hashed once, its values looked up
 * once), most have no state and are answered so without a table's probe
 * (vigie-alert-states.c), and the trams are grouped for bunching on the
 * same pass. */

/* Bigger groups are no tram line: the gaps are not worth their cost. */
#define BUNCHING_MAX_GROUP 400
/* A tram this close to a stop waits at it. */
#define AT_STOP_M 40.0

typedef VigieAlertState AlertState;

typedef struct
{
  VigieAlertStates *states;
} FeedState;

struct _VigieAlertEngine
{
  GMutex           mutex;
  VigieAlertRules  rules;
  GHashTable      *feeds;   /* feed id → FeedState */
};

typedef enum
{
  COND_KEEP,    /* the value is not known now: nothing changes */
  COND_CLEAR,
  COND_BAND,    /* neither raised nor cleared: between threshold and margin */
  COND_RAISE,
} Cond;

/* The trams of one line and direction, for bunching. */
typedef struct
{
  const char *route;
  gint64      direction;
  guint       hash;
  GArray     *trams;   /* Tram */
} Group;

/* One evaluation's context. */
typedef struct
{
  VigieAlertEngine *engine;
  FeedState        *feed;
  const char       *feed_id;
  gint64            now;
  GPtrArray        *events;
  GHashTable       *groups;         /* Group, its own key; NULL: no bunching */
  GPtrArray        *group_order;    /* Group, as first seen */
  Group            *near[64];       /* the first groups, by hash: found without the table's calls */
  double            origin_latitude;
  double            origin_cos;
  guint             position;       /* of the entity read, in the snapshot */
  guint             generation;     /* of the states seen in this update */
} Run;

/*
 * Events
 */

static void
add_event (Run                *run,
           VigieAlertEventType type,
           VigieAlertRuleKind  rule,
           AlertState         *state,
           VigieEntity        *entity,
           const char         *name)
{
  VigieAlertEvent event = { 0, };

  event.type = type;
  event.rule = rule;
  event.severity = run->engine->rules.rules[rule].severity;
  event.feed_id = (char *) run->feed_id;
  event.since = state ? state->since : run->now;
  event.at = run->now;
  event.value = state ? state->value : 0;
  event.level = state ? state->level : 0;
  event.latitude = NAN;
  event.longitude = NAN;
  if (entity != NULL)
    {
      event.entity_kind = vigie_entity_get_kind (entity);
      event.entity_id = (char *) vigie_entity_get_id (entity);
      event.latitude = vigie_entity_get_latitude (entity);
      event.longitude = vigie_entity_get_longitude (entity);
    }
  event.name = (char *) (name ? name : entity ? vigie_entity_get_name (entity) : NULL);
  if (event.name == NULL || *event.name == '\0')
    event.name = event.entity_id ? event.entity_id : (char *) run->feed_id;

  g_ptr_array_add (run->events,
                   vigie_alert_event_new_packed (&event, vigie_alert_rule_get_info (rule)->id,
                                                 state && *state->entity_key ? state->entity_key : NULL));
}

/*
 * States
 */

static void
feed_state_free (FeedState *feed)
{
  vigie_alert_states_free (feed->states);
  g_free (feed);
}

static FeedState *
ensure_feed (VigieAlertEngine *self,
             const char       *feed_id)
{
  FeedState *feed = g_hash_table_lookup (self->feeds, feed_id);

  if (feed == NULL)
    {
      feed = g_new0 (FeedState, 1);
      feed->states = vigie_alert_states_new ();
      g_hash_table_insert (self->feeds, g_strdup (feed_id), feed);
    }

  return feed;
}

/* The heart of it: one condition of one rule on one thing, against what
 * was remembered (@state, looked up; NULL: nothing). @key's string is ""
 * for the feed's own alerts. */
static void
process_state (Run                *run,
               VigieAlertRuleKind  rule,
               VigieAlertKey      *key,
               AlertState         *state,
               VigieEntity        *entity,
               const char         *name,
               Cond                cond,
               double              value,
               int                 level)
{
  VigieAlertStates *states = run->feed->states;
  guint duration_s = run->engine->rules.rules[rule].duration_min * 60;

  if (cond == COND_KEEP)
    {
      if (state != NULL)
        vigie_alert_states_keep (run->feed->states, state);
    }
  else if (cond == COND_RAISE)
    {
      gboolean moved;

      if (state == NULL)
        {
          state = vigie_alert_states_add (states, rule, key);
          state->since = run->now;
          state->value = value;
          state->level = level;
        }

      vigie_alert_states_keep (run->feed->states, state);
      moved = state->value != value || state->level != level;
      state->value = value;
      state->level = level;

      if (!state->raised && run->now - state->since >= duration_s)
        {
          state->raised = TRUE;
          add_event (run, VIGIE_ALERT_EVENT_RAISED, rule, state, entity, name);
        }
      else if (state->raised && moved)
        add_event (run, VIGIE_ALERT_EVENT_UPDATED, rule, state, entity, name);
    }
  else if (state != NULL && state->raised && cond == COND_BAND)
    {
      vigie_alert_states_keep (run->feed->states, state);
      if (state->value != value)
        {
          state->value = value;
          add_event (run, VIGIE_ALERT_EVENT_UPDATED, rule, state, entity, name);
        }
    }
  else if (state != NULL)
    {
      /* Cleared, or a condition that did not last: it starts over. */
      if (state->raised)
        {
          state->value = value;
          add_event (run, VIGIE_ALERT_EVENT_CLEARED, rule, state, entity, name);
        }
      vigie_alert_states_remove (states, rule, state);
    }
}

static void
process (Run                *run,
         VigieAlertRuleKind  rule,
         VigieAlertKey      *key,
         VigieEntity        *entity,
         const char         *name,
         Cond                cond,
         double              value,
         int                 level)
{
  /* No state to move or clear, none to start: most things, most rules. */
  if (cond != COND_RAISE && !vigie_alert_states_any (run->feed->states, rule))
    return;

  process_state (run, rule, key, vigie_alert_states_lookup (run->feed->states, rule, key),
                 entity, name, cond, value, level);
}

/* Raised at or under @threshold, cleared at @threshold + @margin. */
static Cond
at_most (double value,
         double threshold,
         double margin)
{
  if (value <= threshold)
    return COND_RAISE;
  return value >= threshold + margin ? COND_CLEAR : COND_BAND;
}

/* Raised at or over @threshold, cleared under @threshold - @margin. */
static Cond
at_least (double value,
          double threshold,
          double margin)
{
  if (value >= threshold)
    return COND_RAISE;
  return value < threshold - margin ? COND_CLEAR : COND_BAND;
}

/*
 * Rules on one entity
 */

/* The entity's key as its states are filed, hashed when it was made. */
static inline void
init_entity_key (Run           *run,
                 VigieAlertKey *key,
                 VigieEntity   *entity)
{
  key->str = vigie_entity_get_key (entity);
  key->hash = vigie_entity_get_key_hash (entity);
  key->position = run->position;
}

static gboolean
rule_on (Run                *run,
         VigieAlertRuleKind  rule)
{
  return run->engine->rules.rules[rule].enabled;
}

static double
threshold (Run                *run,
           VigieAlertRuleKind  rule)
{
  return run->engine->rules.rules[rule].threshold;
}

static double
margin (VigieAlertRuleKind rule)
{
  return vigie_alert_rule_get_info (rule)->margin;
}

/* A count at most the rule's threshold: an empty (or full) station. */
static void
check_count_at_most (Run                *run,
                     VigieAlertRuleKind  rule,
                     VigieAlertKey      *key,
                     VigieEntity        *entity,
                     const char         *field,
                     gboolean            installed)
{
  gint64 count;

  if (!rule_on (run, rule))
    return;

  /* A station out of service is not "empty"; one whose counts are not
   * known now (its status document not read yet) is as it was. */
  if (!installed || !vigie_entity_lookup_int (entity, field, &count))
    {
      process (run, rule, key, entity, NULL, installed ? COND_KEEP : COND_CLEAR, 0, 0);
      return;
    }

  process (run, rule, key, entity, NULL, at_most (count, threshold (run, rule), margin (rule)), count, 1);
}

static void
check_station (Run           *run,
               VigieEntity   *entity,
               VigieFeedKind  feed_kind)
{
  gboolean is_virtual = FALSE;
  gboolean installed = TRUE;
  VigieAlertKey key;

  vigie_entity_lookup_boolean (entity, "is_virtual", &is_virtual);
  if (is_virtual)
    return;

  vigie_entity_lookup_boolean (entity, "is_installed", &installed);
  init_entity_key (run, &key, entity);
  if (feed_kind == VIGIE_FEED_KIND_BIKES)
    {
      check_count_at_most (run, VIGIE_ALERT_RULE_BIKES_EMPTY, &key, entity, "vehicles_available", installed);
      check_count_at_most (run, VIGIE_ALERT_RULE_BIKES_FULL, &key, entity, "docks_available", installed);
    }
  else if (feed_kind == VIGIE_FEED_KIND_CAR_SHARE)
    check_count_at_most (run, VIGIE_ALERT_RULE_CAR_SHARE_EMPTY, &key, entity, "vehicles_available", installed);
}

static void
check_parking (Run         *run,
               VigieEntity *entity)
{
  VigieAlertRuleKind rule = VIGIE_ALERT_RULE_PARKING_FULL;
  gboolean flag = FALSE;
  VigieAlertKey key;
  double occupancy;
  double percent;

  if (!rule_on (run, rule))
    return;

  /* One sensed space, or a geofencing zone: not a place that fills. */
  if ((vigie_entity_lookup_boolean (entity, "spot", &flag) && flag) ||
      (vigie_entity_lookup_boolean (entity, "geofencing", &flag) && flag))
    return;

  init_entity_key (run, &key, entity);
  if (!vigie_entity_lookup_double (entity, "occupancy", &occupancy) || !isfinite (occupancy))
    {
      gint64 total, available;

      if (!vigie_entity_lookup_int (entity, "total_spots", &total) || total <= 0 ||
          !vigie_entity_lookup_int (entity, "available_spots", &available))
        {
          process (run, rule, &key, entity, NULL, COND_KEEP, 0, 0);
          return;
        }
      occupancy = 1.0 - (double) available / total;
    }

  percent = round (CLAMP (occupancy, 0.0, 1.0) * 100.0);
  process (run, rule, &key, entity, NULL,
           at_least (percent, threshold (run, rule), margin (rule)), percent,
           percent >= 100.0 ? 2 : 1);
}

static void
check_hotspot (Run         *run,
               VigieEntity *entity)
{
  gint64 clients, capacity, up, total;
  VigieAlertKey key;

  if (!rule_on (run, VIGIE_ALERT_RULE_WIFI_LOADED) && !rule_on (run, VIGIE_ALERT_RULE_WIFI_DOWN))
    return;

  init_entity_key (run, &key, entity);
  if (rule_on (run, VIGIE_ALERT_RULE_WIFI_LOADED))
    {
      Cond cond = COND_KEEP;
      double percent = 0;

      if (vigie_entity_lookup_int (entity, "clients", &clients) &&
          vigie_entity_lookup_int (entity, "capacity", &capacity) && capacity > 0)
        {
          percent = round (100.0 * clients / capacity);
          cond = at_least (percent, threshold (run, VIGIE_ALERT_RULE_WIFI_LOADED),
                           margin (VIGIE_ALERT_RULE_WIFI_LOADED));
        }
      process (run, VIGIE_ALERT_RULE_WIFI_LOADED, &key, entity, NULL,
               cond, percent, percent >= 100.0 ? 2 : 1);
    }

  if (rule_on (run, VIGIE_ALERT_RULE_WIFI_DOWN))
    {
      Cond cond = COND_KEEP;
      double percent = 0;

      if (vigie_entity_lookup_int (entity, "aps_up", &up) &&
          vigie_entity_lookup_int (entity, "aps_total", &total) && total > 0)
        {
          percent = round (100.0 * (total - MIN (up, total)) / total);
          cond = at_least (percent, threshold (run, VIGIE_ALERT_RULE_WIFI_DOWN),
                           margin (VIGIE_ALERT_RULE_WIFI_DOWN));
        }
      process (run, VIGIE_ALERT_RULE_WIFI_DOWN, &key, entity, NULL,
               cond, percent, percent >= 100.0 ? 2 : 1);
    }
}

static gboolean
near_a_stop (VigieSnapshot *snapshot,
             double         latitude,
             double         longitude)
{
  /* Runs only when an alert is about to be raised: a scan is enough. */
  double box = AT_STOP_M / 111000.0 * 2;

  if (vigie_snapshot_count_kind (snapshot, VIGIE_ENTITY_STOP) == 0)
    return FALSE;

  for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
    {
      VigieEntity *stop = vigie_snapshot_get_entity (snapshot, i);
      double lat, lon;

      if (vigie_entity_get_kind (stop) != VIGIE_ENTITY_STOP || !vigie_entity_has_position (stop))
        continue;

      lat = vigie_entity_get_latitude (stop);
      lon = vigie_entity_get_longitude (stop);
      if (fabs (lat - latitude) < box && fabs (lon - longitude) < box * 2 &&
          vigie_geo_distance_m (lat, lon, latitude, longitude) <= AT_STOP_M)
        return TRUE;
    }

  return FALSE;
}

/* Remembers where a tram is, to tell later whether it moved; raises
 * nothing yet, whatever the duration. */
static void
start_stop (Run           *run,
            VigieAlertKey *key,
            double         latitude,
            double         longitude)
{
  AlertState *state = vigie_alert_states_add (run->feed->states, VIGIE_ALERT_RULE_TRAM_STOPPED, key);

  state->since = run->now;
  state->level = 1;
  state->anchor_latitude = latitude;
  state->anchor_longitude = longitude;
  vigie_alert_states_keep (run->feed->states, state);
}

/* Moved under @limit from where it stopped: raise; less than @margin
 * further: in the band if raised. The great-circle distance is between
 * the distance along the meridian and that along the meridian then the
 * parallel: those bounds, cheap, settle most trams (still, or well on
 * their way); the haversine only near the limits. */
static Cond
stopped_cond (const AlertState *state,
              double            latitude,
              double            longitude,
              double            limit,
              double            margin)
{
  double dp = fabs (latitude - state->anchor_latitude) * G_PI / 180.0;
  double dl = fabs (longitude - state->anchor_longitude) * G_PI / 180.0;
  double moved;

  if (VIGIE_GEO_EARTH_RADIUS_M * (dp + dl) < limit * 0.999)
    return COND_RAISE;
  if (VIGIE_GEO_EARTH_RADIUS_M * dp > (limit + margin) * 1.001)
    return COND_CLEAR;

  moved = vigie_geo_distance_m (state->anchor_latitude, state->anchor_longitude, latitude, longitude);
  if (moved < limit)
    return COND_RAISE;

  return state->raised && moved < limit + margin ? COND_BAND : COND_CLEAR;
}

/* g_ascii_strcasecmp (status, "stopped_at") == 0, inline: a third of
 * the trams of a feed are at a stop. */
static inline gboolean
is_stopped_at (const char *status)
{
  static const char stopped_at[] = "stopped_at";

  for (guint i = 0; i < sizeof stopped_at; i++)
    {
      char c = status[i];

      if ((c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) != stopped_at[i])
        return FALSE;
    }

  return TRUE;
}

/* A tram that has not moved for the rule's duration, away from a stop.
 * The place it stopped at is remembered; moving on clears it. */
static void
check_stopped (Run           *run,
               VigieSnapshot *snapshot,
               VigieEntity   *entity,
               VigieAlertKey *key)
{
  VigieAlertRuleKind rule = VIGIE_ALERT_RULE_TRAM_STOPPED;
  const char *status = vigie_entity_lookup_string (entity, "current_status");
  double latitude = vigie_entity_get_latitude (entity);
  double longitude = vigie_entity_get_longitude (entity);
  AlertState *state;
  Cond cond;

  if (!rule_on (run, rule) || !vigie_entity_has_position (entity) ||
      (status != NULL && is_stopped_at (status)))
    {
      process (run, rule, key, entity, NULL, COND_CLEAR, 0, 0);
      return;
    }

  state = vigie_alert_states_lookup (run->feed->states, rule, key);
  if (state == NULL)
    {
      start_stop (run, key, latitude, longitude);
      return;
    }

  cond = stopped_cond (state, latitude, longitude, threshold (run, rule), margin (rule));

  /* About to be raised: a tram waiting at a stop is no incident. */
  if (cond == COND_RAISE && !state->raised &&
      run->now - state->since >= run->engine->rules.rules[rule].duration_min * 60 &&
      near_a_stop (snapshot, latitude, longitude))
    cond = COND_CLEAR;

  process_state (run, rule, key, state, entity, NULL, cond, 0, 1);

  /* Moved on: it may stop again, from here. */
  if (cond == COND_CLEAR)
    start_stop (run, key, latitude, longitude);
}

/*
 * Bunching
 */

typedef struct
{
  VigieEntity *entity;
  double       x, y;   /* metres, local */
} Tram;

static guint
group_hash (gconstpointer key)
{
  return ((const Group *) key)->hash;
}

static gboolean
group_equal (gconstpointer a,
             gconstpointer b)
{
  const Group *ga = a, *gb = b;

  return ga->direction == gb->direction && strcmp (ga->route, gb->route) == 0;
}

/* g_str_hash()'s, inline: once a tram. */
static inline guint
hash_route (const char *route)
{
  guint hash = 5381;

  for (const signed char *p = (const signed char *) route; *p != '\0'; p++)
    hash = (hash << 5) + hash + *p;

  return hash;
}

static inline gboolean
same_route (const char *a,
            const char *b)
{
  while (*a != '\0' && *a == *b)
    a++, b++;

  return *a == *b;
}

static void
group_free (Group *group)
{
  g_array_unref (group->trams);
  g_free (group);
}

/* A real-time tram with a position and a line, in its line and
 * direction's group. */
static void
add_to_group (Run         *run,
              VigieEntity *entity)
{
  Group probe = { 0, };
  Group *group;
  guint slot, n_probes = 0;
  Tram tram;

  if (!vigie_entity_has_position (entity) ||
      (probe.route = vigie_entity_lookup_string (entity, "route_id")) == NULL)
    return;

  vigie_entity_lookup_int (entity, "direction_id", &probe.direction);
  probe.hash = hash_route (probe.route) * 33 + (guint) probe.direction;

  /* A feed's trams are of a few lines: a small table of its own, open
   * addressing, holds the first groups (the hash table, all). */
  group = NULL;
  for (slot = (probe.hash * 2654435761u) >> 26; ; slot = (slot + 1) % G_N_ELEMENTS (run->near))
    {
      Group *near = run->near[slot];

      if (near == NULL || ++n_probes > G_N_ELEMENTS (run->near))
        break;
      if (near->hash == probe.hash && near->direction == probe.direction && same_route (near->route, probe.route))
        {
          group = near;
          break;
        }
    }
  if (group == NULL)
    {
      group = g_hash_table_lookup (run->groups, &probe);
      if (group == NULL)
        {
          group = g_memdup2 (&probe, sizeof probe);
          group->trams = g_array_new (FALSE, FALSE, sizeof (Tram));
          g_hash_table_add (run->groups, group);
          g_ptr_array_add (run->group_order, group);
        }
      if (run->near[slot] == NULL)
        run->near[slot] = group;
    }
  if (isnan (run->origin_latitude))
    {
      run->origin_latitude = vigie_entity_get_latitude (entity);
      run->origin_cos = cos (run->origin_latitude * G_PI / 180.0);
    }

  /* Too many for a line: left out whole (check_group()), no need to
   * keep them all. */
  if (group->trams->len > BUNCHING_MAX_GROUP)
    return;

  /* Metres on a plane around the city: exact enough for gaps. */
  tram.entity = entity;
  tram.y = vigie_entity_get_latitude (entity) * 111320.0;
  tram.x = vigie_entity_get_longitude (entity) * 111320.0 * run->origin_cos;
  g_array_append_val (group->trams, tram);
}

static void
check_tram (Run           *run,
            VigieSnapshot *snapshot,
            VigieEntity   *entity)
{
  gboolean ghost = FALSE, canceled = FALSE;
  const char *source;
  VigieAlertKey key;

  init_entity_key (run, &key, entity);
  vigie_entity_lookup_boolean (entity, "ghost", &ghost);

  if (rule_on (run, VIGIE_ALERT_RULE_TRAM_GHOST))
    {
      if (ghost)
        vigie_entity_lookup_boolean (entity, "canceled", &canceled);
      process (run, VIGIE_ALERT_RULE_TRAM_GHOST, &key, entity, NULL,
               ghost && !canceled ? COND_RAISE : COND_CLEAR, 0, 1);
    }

  /* Only real-time trams: a vehicle the timetable stands for has no
   * delay, stop or place of its own. */
  source = vigie_entity_lookup_string (entity, "source");
  if (ghost || (source != NULL && source[0] == 's' && strcmp (source, "schedule") == 0))
    return;

  if (run->groups != NULL)
    add_to_group (run, entity);

  if (rule_on (run, VIGIE_ALERT_RULE_TRAM_DELAYED))
    {
      gint64 delay_s;
      Cond cond = COND_KEEP;
      double minutes = 0;
      double limit = threshold (run, VIGIE_ALERT_RULE_TRAM_DELAYED);

      if (vigie_entity_lookup_int (entity, "delay_s", &delay_s))
        {
          minutes = floor (delay_s / 60.0);
          cond = at_least (minutes, limit, margin (VIGIE_ALERT_RULE_TRAM_DELAYED));
        }
      /* Every further threshold's worth of delay is worse (a delay not
       * known changes nothing, its level either). */
      process (run, VIGIE_ALERT_RULE_TRAM_DELAYED, &key, entity, NULL, cond, minutes,
               cond != COND_KEEP && limit > 0 ? (int) MAX (1, minutes / limit) : 1);
    }

  check_stopped (run, snapshot, entity, &key);
}

static int
compare_trams (gconstpointer a,
               gconstpointer b)
{
  const Tram *ta = a, *tb = b;

  return strcmp (vigie_entity_get_id (ta->entity), vigie_entity_get_id (tb->entity));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

/* Two trams of one line and direction closer than a share of the line's
 * usual gap (the median gap between its trams stands for the timetable's
 * headway, which real-time feeds do not give). One alert per pair. */
static void
check_group (Run       *run,
             GArray    *trams)
{
  VigieAlertRuleKind rule = VIGIE_ALERT_RULE_TRAM_BUNCHED;
  g_autofree double *gaps = NULL;
  g_autofree guint *nearest = NULL;
  double median;

  if (trams->len < 3 || trams->len > BUNCHING_MAX_GROUP)
    return;

  g_array_sort (trams, compare_trams);
  gaps = g_new (double, trams->len);
  nearest = g_new (guint, trams->len);
  for (guint i = 0; i < trams->len; i++)
    {
      Tram *a = &g_array_index (trams, Tram, i);

      gaps[i] = G_MAXDOUBLE;
      for (guint j = 0; j < trams->len; j++)
        {
          Tram *b = &g_array_index (trams, Tram, j);
          double d = hypot (a->x - b->x, a->y - b->y);

          if (i != j && d < gaps[i])
            {
              gaps[i] = d;
              nearest[i] = j;
            }
        }
    }

  {
    g_autofree double *sorted = g_memdup2 (gaps, sizeof (double) * trams->len);

    qsort (sorted, trams->len, sizeof (double), compare_doubles);
    median = sorted[trams->len / 2];
  }

  if (median <= 1.0)
    return;

  for (guint i = 0; i < trams->len; i++)
    {
      guint j = nearest[i];
      Tram *a = &g_array_index (trams, Tram, i);
      Tram *b = &g_array_index (trams, Tram, j);
      g_autofree char *pair = NULL;
      g_autofree char *name = NULL;
      double percent = round (100.0 * gaps[i] / median);
      VigieAlertKey key;

      /* Each pair once: from its first tram in id order. */
      if (j < i && nearest[j] == i)
        continue;

      pair = g_strconcat (vigie_entity_get_key (a->entity), "+", vigie_entity_get_id (b->entity), NULL);
      name = g_strconcat (vigie_entity_get_name (a->entity) ? vigie_entity_get_name (a->entity)
                                                            : vigie_entity_get_id (a->entity),
                          " + ",
                          vigie_entity_get_name (b->entity) ? vigie_entity_get_name (b->entity)
                                                            : vigie_entity_get_id (b->entity),
                          NULL);
      vigie_alert_key_init (&key, pair, VIGIE_ALERT_NO_POSITION);
      process (run, rule, &key, a->entity, name,
               at_most (percent, threshold (run, rule), margin (rule)), percent, 1);
    }
}

/* Alerts whose thing was not seen this time: gone from the feed, a rule
 * turned off, a bunched pair no longer nearest. An incremental update
 * names only what changed, so only its removals count. */
static void
sweep (Run           *run,
       VigieSnapshot *snapshot)
{
  const char * const *removed = NULL;
  gboolean incremental = snapshot != NULL && vigie_snapshot_get_incremental (snapshot);

  if (incremental)
    removed = vigie_snapshot_get_removed_keys (snapshot);

  for (guint rule = 0; rule < VIGIE_N_ALERT_RULES; rule++)
    {
      GHashTableIter iter;
      AlertState *state;

      /* Every state seen (every tram's stop, all updates long): nothing
       * to visit. */
      if (rule == VIGIE_ALERT_RULE_FEED_FAILING || rule == VIGIE_ALERT_RULE_FEED_STALE ||
          vigie_alert_states_all_kept (run->feed->states, rule))
        continue;

      g_hash_table_iter_init (&iter, vigie_alert_states_get_set (run->feed->states, rule));
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &state))
        {
          if (state->generation == run->generation)
            continue;
          if (incremental && rule_on (run, rule) &&
              (removed == NULL || !g_strv_contains (removed, state->entity_key)))
            continue;

          if (state->raised)
            add_event (run, VIGIE_ALERT_EVENT_CLEARED, rule, state, NULL, NULL);
          g_hash_table_iter_remove (&iter);
        }
    }

  vigie_alert_states_tidy (run->feed->states);
}

/*
 * Public API
 */

VigieAlertEngine *
vigie_alert_engine_new (void)
{
  VigieAlertEngine *self = g_new0 (VigieAlertEngine, 1);

  g_mutex_init (&self->mutex);
  vigie_alert_rules_init_defaults (&self->rules);
  self->feeds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) feed_state_free);

  return self;
}

void
vigie_alert_engine_free (VigieAlertEngine *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->feeds);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

/* From the main thread: the next evaluation of each feed uses them. */
void
vigie_alert_engine_set_rules (VigieAlertEngine      *self,
                              const VigieAlertRules *rules)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (rules != NULL);

  g_mutex_lock (&self->mutex);
  self->rules = *rules;
  g_mutex_unlock (&self->mutex);
}

void
vigie_alert_engine_get_rules (VigieAlertEngine *self,
                              VigieAlertRules  *rules)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (rules != NULL);

  g_mutex_lock (&self->mutex);
  *rules = self->rules;
  g_mutex_unlock (&self->mutex);
}

/**
 * vigie_alert_engine_evaluate:
 * @self: the engine
 * @feed_id: the feed the snapshot is of
 * @feed_kind: what the feed is about (a station is a bike dock or a
 *   car-share station by its feed)
 * @snapshot: the feed's new snapshot, prepared
 * @now: the time of the update, Unix seconds
 *
 * Runs the rules over @snapshot. Any thread; O(entities) for the rules on
 * one entity, O(trams of a line²) for bunching.
 *
 * Returns: (transfer full) (element-type VigieAlertEvent): what changed
 */
GPtrArray *
vigie_alert_engine_evaluate (VigieAlertEngine *self,
                             const char       *feed_id,
                             VigieFeedKind     feed_kind,
                             VigieSnapshot    *snapshot,
                             gint64            now)
{
  Run run = { .engine = self, .feed_id = feed_id, .now = now, .origin_latitude = NAN };
  GPtrArray *entities;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (feed_id != NULL, NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);

  run.events = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_alert_event_free);

  /* A document combined before the others are read: no stations yet is
   * no news about them. */
  if (vigie_snapshot_get_n_entities (snapshot) == 0 && !vigie_snapshot_get_incremental (snapshot))
    return run.events;

  g_mutex_lock (&self->mutex);
  run.feed = ensure_feed (self, feed_id);
  run.generation = vigie_alert_states_begin (run.feed->states);

  if (feed_kind == VIGIE_FEED_KIND_TRAMS && !vigie_snapshot_get_incremental (snapshot) &&
      rule_on (&run, VIGIE_ALERT_RULE_TRAM_BUNCHED))
    {
      run.groups = g_hash_table_new_full (group_hash, group_equal, (GDestroyNotify) group_free, NULL);
      run.group_order = g_ptr_array_new ();
    }

  entities = vigie_snapshot_get_entities (snapshot);
  for (guint i = 0; i < entities->len; i++)
    {
      VigieEntity *entity = g_ptr_array_index (entities, i);

      run.position = i;

      /* Each entity is a few cache misses away: ask for the next ones
       * while this one is read. */
      if (i + 16 < entities->len)
        {
          const char *instance = g_ptr_array_index (entities, i + 16);

          /* Its kind, fields and key, then its position: two lines. */
          __builtin_prefetch (instance);
          __builtin_prefetch (instance + 64);
        }
      if (i + 8 < entities->len)
        {
          VigieEntity *ahead = g_ptr_array_index (entities, i + 8);

          vigie_entity_prefetch (ahead);
          vigie_alert_states_prefetch (run.feed->states, i + 8, vigie_entity_get_key_hash (ahead));
        }

      switch (vigie_entity_get_kind (entity))
        {
        case VIGIE_ENTITY_STATION:
          check_station (&run, entity, feed_kind);
          break;

        case VIGIE_ENTITY_ZONE:
        case VIGIE_ENTITY_CAR_PARK:
          check_parking (&run, entity);
          break;

        case VIGIE_ENTITY_HOTSPOT:
          check_hotspot (&run, entity);
          break;

        case VIGIE_ENTITY_VEHICLE:
          if (feed_kind == VIGIE_FEED_KIND_TRAMS)
            check_tram (&run, snapshot, entity);
          break;

        case VIGIE_ENTITY_STOP:
        case VIGIE_ENTITY_LINE:
        default:
          break;
        }
    }

  /* The groups in the order their first tram came: events in an order
   * that does not hang on a hash table's. */
  if (run.groups != NULL)
    {
      for (guint i = 0; i < run.group_order->len; i++)
        check_group (&run, ((Group *) g_ptr_array_index (run.group_order, i))->trams);
      g_ptr_array_unref (run.group_order);
      g_hash_table_unref (run.groups);
    }

  sweep (&run, snapshot);
  g_mutex_unlock (&self->mutex);

  return run.events;
}

/**
 * vigie_alert_engine_evaluate_feed:
 *
 * The feed's own alerts, from its state on the main thread: failing for
 * the rule's number of polls in a row (cleared by a poll that works), or
 * its data older than its limit.
 *
 * Returns: (transfer full) (element-type VigieAlertEvent): what changed
 */
GPtrArray *
vigie_alert_engine_evaluate_feed (VigieAlertEngine *self,
                                  const char       *feed_id,
                                  const char       *feed_name,
                                  guint             n_failures,
                                  gboolean          stale,
                                  gint64            now)
{
  Run run = { .engine = self, .feed_id = feed_id, .now = now };
  VigieAlertRuleKind rule;
  VigieAlertKey key;
  Cond cond;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (feed_id != NULL, NULL);

  run.events = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_alert_event_free);

  g_mutex_lock (&self->mutex);
  run.feed = ensure_feed (self, feed_id);
  vigie_alert_key_init (&key, "", VIGIE_ALERT_NO_POSITION);

  rule = VIGIE_ALERT_RULE_FEED_FAILING;
  cond = !rule_on (&run, rule) || n_failures == 0 ? COND_CLEAR
       : n_failures >= threshold (&run, rule) ? COND_RAISE : COND_BAND;
  process (&run, rule, &key, NULL, feed_name, cond, n_failures,
           (int) MAX (1, n_failures / MAX (1.0, threshold (&run, rule))));

  rule = VIGIE_ALERT_RULE_FEED_STALE;
  process (&run, rule, &key, NULL, feed_name,
           rule_on (&run, rule) && stale ? COND_RAISE : COND_CLEAR, 0, 1);
  g_mutex_unlock (&self->mutex);

  return run.events;
}

/* The feed is gone: what it raised goes with it, without events. */
void
vigie_alert_engine_forget_feed (VigieAlertEngine *self,
                                const char       *feed_id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (feed_id != NULL);

  g_mutex_lock (&self->mutex);
  g_hash_table_remove (self->feeds, feed_id);
  g_mutex_unlock (&self->mutex);
}
