/* vigie-alert-engine-trams.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-alert-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-alert-engine-private.h"
#include "vigie-geo.h"

/* The alert engine's rules on trams, on the same pass as the others
 * (vigie-alert-engine.c): delayed, a ghost (a scheduled trip with no
 * real-time vehicle), stopped away from a stop, and two of one line and
 * direction bunched. A feed's trams are grouped by line and direction as
 * they are read (the snapshot's columns number each pair once), and each
 * group is checked for bunching once the pass is over. */

/* Bigger groups are no tram line: the gaps are not worth their cost. */
#define BUNCHING_MAX_GROUP 400
/* A tram this close to a stop waits at it. */
#define AT_STOP_M 40.0

struct _Group
{
  GArray *trams;   /* Tram */
};

typedef struct
{
  guint  position;     /* in the snapshot and its columns */
  double x, y;         /* metres, local */
} Tram;

/*
 * Stopped away from a stop
 */

static gboolean
near_a_stop (Run    *run,
             double  latitude,
             double  longitude)
{
  const VigieEntityColumns *c = run->columns;
  /* Runs only when an alert is about to be raised: a scan is enough. */
  double box = AT_STOP_M / 111000.0 * 2;

  if (vigie_snapshot_count_kind (run->snapshot, VIGIE_ENTITY_STOP) == 0)
    return FALSE;

  for (guint i = 0; i < c->n_entities; i++)
    {
      double lat, lon;

      if (c->kinds[i] != VIGIE_ENTITY_STOP || !(c->flags[i] & VIGIE_ENTITY_COLUMN_HAS_POSITION))
        continue;

      lat = c->latitudes[i];
      lon = c->longitudes[i];
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

/* A tram that has not moved for the rule's duration, away from a stop
 * (one "stopped_at" a stop waits there). The place it stopped at is
 * remembered; moving on clears it. */
static void
check_stopped (Run           *run,
               guint          i,
               VigieAlertKey *key)
{
  const VigieEntityColumns *c = run->columns;
  VigieAlertRuleKind rule = VIGIE_ALERT_RULE_TRAM_STOPPED;
  double latitude = c->latitudes[i];
  double longitude = c->longitudes[i];
  AlertState *state;
  Cond cond;

  if (!rule_on (run, rule) || !(c->flags[i] & VIGIE_ENTITY_COLUMN_HAS_POSITION) ||
      (c->flags[i] & VIGIE_ENTITY_COLUMN_STOPPED_AT))
    {
      vigie_alert_engine_process (run, rule, key, i, NULL, COND_CLEAR, 0, 0);
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
      near_a_stop (run, latitude, longitude))
    cond = COND_CLEAR;

  vigie_alert_engine_process_state (run, rule, key, state, i, NULL, cond, 0, 1);

  /* Moved on: it may stop again, from here. */
  if (cond == COND_CLEAR)
    start_stop (run, key, latitude, longitude);
}

/*
 * Bunching: the groups
 */

/* A real-time tram with a position and a line, in its line and
 * direction's group (the columns number each pair once: no table). */
static void
add_to_group (Run   *run,
              guint  i)
{
  const VigieEntityColumns *c = run->columns;
  guint32 line = c->lines[i];
  Group *group;
  Tram tram;

  if (!(c->flags[i] & VIGIE_ENTITY_COLUMN_HAS_POSITION) || line == VIGIE_ENTITY_COLUMNS_NO_LINE)
    return;

  group = run->groups[line];
  if (group == NULL)
    {
      group = g_new0 (Group, 1);
      group->trams = g_array_new (FALSE, FALSE, sizeof (Tram));
      run->groups[line] = group;
      g_ptr_array_add (run->group_order, group);
    }
  if (isnan (run->origin_latitude))
    {
      run->origin_latitude = c->latitudes[i];
      run->origin_cos = cos (run->origin_latitude * G_PI / 180.0);
    }

  /* Too many for a line: left out whole (check_group()), no need to
   * keep them all. */
  if (group->trams->len > BUNCHING_MAX_GROUP)
    return;

  /* Metres on a plane around the city: exact enough for gaps. */
  tram.position = i;
  tram.y = c->latitudes[i] * 111320.0;
  tram.x = c->longitudes[i] * 111320.0 * run->origin_cos;
  g_array_append_val (group->trams, tram);
}

static void
group_free (Group *group)
{
  g_array_unref (group->trams);
  g_free (group);
}

/*
 * Rules on one tram
 */

void
vigie_alert_engine_check_tram (Run   *run,
                               guint  i)
{
  const VigieEntityColumns *c = run->columns;
  guint flags = c->flags[i];
  gboolean ghost = (flags & VIGIE_ENTITY_COLUMN_GHOST) != 0;
  VigieAlertKey key;

  init_entity_key (run, &key, i);

  if (rule_on (run, VIGIE_ALERT_RULE_TRAM_GHOST))
    vigie_alert_engine_process (run, VIGIE_ALERT_RULE_TRAM_GHOST, &key, i, NULL,
                                ghost && !(flags & VIGIE_ENTITY_COLUMN_CANCELED) ? COND_RAISE : COND_CLEAR, 0, 1);

  /* Only real-time trams: a vehicle the timetable stands for has no
   * delay, stop or place of its own. */
  if (ghost || (flags & VIGIE_ENTITY_COLUMN_SCHEDULED))
    return;

  if (run->groups != NULL)
    add_to_group (run, i);

  if (rule_on (run, VIGIE_ALERT_RULE_TRAM_DELAYED))
    {
      Cond cond = COND_KEEP;
      double minutes = 0;
      double limit = threshold (run, VIGIE_ALERT_RULE_TRAM_DELAYED);

      if (flags & VIGIE_ENTITY_COLUMN_HAS_VALUE (0))
        {
          minutes = floor (c->values[0][i].i / 60.0);
          cond = at_least (minutes, limit, margin (VIGIE_ALERT_RULE_TRAM_DELAYED));
        }
      /* Every further threshold's worth of delay is worse (a delay not
       * known changes nothing, its level either). */
      vigie_alert_engine_process (run, VIGIE_ALERT_RULE_TRAM_DELAYED, &key, i, NULL, cond, minutes,
                                  cond != COND_KEEP && limit > 0 ? (int) MAX (1, minutes / limit) : 1);
    }

  check_stopped (run, i, &key);
}

/*
 * Bunching: the gaps
 */

/* By id: all are vehicles, whose keys differ by their ids only. */
static int
compare_trams (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const VigieEntityColumns *c = user_data;
  const Tram *ta = a, *tb = b;

  return strcmp (vigie_entity_columns_get_key (c, ta->position), vigie_entity_columns_get_key (c, tb->position));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return (da > db) - (da < db);
}

static const char *
name_or_id (const VigieEntityColumns *c,
            guint                     position)
{
  const char *name = vigie_entity_columns_get_name (c, position);

  return name != NULL ? name : vigie_entity_columns_get_id (c, position);
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

  g_array_sort_with_data (trams, compare_trams, (gpointer) run->columns);
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

      pair = g_strconcat (vigie_entity_columns_get_key (run->columns, a->position), "+",
                          vigie_entity_columns_get_id (run->columns, b->position), NULL);
      name = g_strconcat (name_or_id (run->columns, a->position), " + ",
                          name_or_id (run->columns, b->position), NULL);
      vigie_alert_key_init (&key, pair, VIGIE_ALERT_NO_POSITION);
      vigie_alert_engine_process (run, rule, &key, a->position, name,
                                  at_most (percent, threshold (run, rule), margin (rule)), percent, 1);
    }
}

/*
 * Bunching: the pass
 */

void
vigie_alert_engine_begin_bunching (Run *run)
{
  run->groups = g_new0 (Group *, MAX (run->columns->n_lines, 1));
  run->group_order = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
}

/* The groups in the order their first tram came: events in an order that
 * does not hang on a table's. */
void
vigie_alert_engine_end_bunching (Run *run)
{
  for (guint i = 0; i < run->group_order->len; i++)
    check_group (run, ((Group *) g_ptr_array_index (run->group_order, i))->trams);
  g_clear_pointer (&run->group_order, g_ptr_array_unref);
  g_clear_pointer (&run->groups, g_free);
}
