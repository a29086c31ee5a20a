/* vigie-alert-engine-trams.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-alert-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-alert-engine-private.h"
#include "vigie-entity-private.h"
#include "vigie-geo.h"

/* The alert engine's rules on trams, on the same pass as the others
 * (vigie-alert-engine.c): delayed, a ghost (a scheduled trip with no
 * real-time vehicle), stopped away from a stop, and two of one line and
 * direction bunched. A feed's trams are grouped by line and direction as
 * they are read, and each group is checked for bunching once the pass is
 * over. */

/* Bigger groups are no tram line: the gaps are not worth their cost. */
#define BUNCHING_MAX_GROUP 400
/* A tram this close to a stop waits at it. */
#define AT_STOP_M 40.0

struct _Group
{
  const char *route;
  gint64      direction;
  guint       hash;
  GArray     *trams;   /* Tram */
};

typedef struct
{
  VigieEntity *entity;
  double       x, y;   /* metres, local */
} Tram;

/*
 * Stopped away from a stop
 */

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
      vigie_alert_engine_process (run, rule, key, entity, NULL, COND_CLEAR, 0, 0);
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

  vigie_alert_engine_process_state (run, rule, key, state, entity, NULL, cond, 0, 1);

  /* Moved on: it may stop again, from here. */
  if (cond == COND_CLEAR)
    start_stop (run, key, latitude, longitude);
}

/*
 * Bunching: the groups
 */

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

/*
 * Rules on one tram
 */

void
vigie_alert_engine_check_tram (Run           *run,
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
      vigie_alert_engine_process (run, VIGIE_ALERT_RULE_TRAM_GHOST, &key, entity, NULL,
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
      vigie_alert_engine_process (run, VIGIE_ALERT_RULE_TRAM_DELAYED, &key, entity, NULL, cond, minutes,
                                  cond != COND_KEEP && limit > 0 ? (int) MAX (1, minutes / limit) : 1);
    }

  check_stopped (run, snapshot, entity, &key);
}

/*
 * Bunching: the gaps
 */

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
      vigie_alert_engine_process (run, rule, &key, a->entity, name,
                                  at_most (percent, threshold (run, rule), margin (rule)), percent, 1);
    }
}

void
vigie_alert_engine_begin_bunching (Run *run)
{
  run->groups = g_hash_table_new_full (group_hash, group_equal, (GDestroyNotify) group_free, NULL);
  run->group_order = g_ptr_array_new ();
}

/* The groups in the order their first tram came: events in an order that
 * does not hang on a hash table's. */
void
vigie_alert_engine_end_bunching (Run *run)
{
  for (guint i = 0; i < run->group_order->len; i++)
    check_group (run, ((Group *) g_ptr_array_index (run->group_order, i))->trams);
  g_clear_pointer (&run->group_order, g_ptr_array_unref);
  g_clear_pointer (&run->groups, g_hash_table_unref);
}
