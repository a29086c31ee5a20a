/* vigie-alert-engine.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-alert-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-alert-engine-private.h"
#include "vigie-entity-private.h"
#include "vigie-hash.h"

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
 * An update of 50,000 things must cost a few milliseconds: the rules read
 * the snapshot's columns (vigie-entity-columns.c, made in the worker that
 * prepared it), a few arrays in order, and never an entity, whose
 * instance, fields and key lie all over the heap; each thing is read once
 * for all its rules, most have no state and are answered so without a
 * table's probe (vigie-alert-states.c), and the trams are grouped for
 * bunching on the same pass (their rules in vigie-alert-engine-trams.c). */

/*
 * Events
 */

/* @position: the entity's in the snapshot, or VIGIE_ALERT_NO_POSITION:
 * what an event says of it is read from the columns, not the entity. */
static void
add_event (Run                *run,
           VigieAlertEventType type,
           VigieAlertRuleKind  rule,
           AlertState         *state,
           guint               position,
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
  if (position != VIGIE_ALERT_NO_POSITION)
    {
      const VigieEntityColumns *c = run->columns;

      event.entity_kind = c->kinds[position];
      event.entity_id = (char *) vigie_entity_columns_get_id (c, position);
      event.latitude = c->latitudes[position];
      event.longitude = c->longitudes[position];
      if (name == NULL)
        name = vigie_entity_columns_get_name (c, position);
    }
  event.name = (char *) name;
  if (event.name == NULL || *event.name == '\0')
    event.name = event.entity_id ? event.entity_id : (char *) run->feed_id;

  g_ptr_array_add (run->events,
                   vigie_alert_event_new_packed (&event, vigie_alert_rule_get_info (rule)->id,
                                                 state && *state->entity_key ? state->entity_key : NULL));
}

/*
 * States
 */

/* The history's starts are what it knew when the app started: past that,
 * a thing not seen since with its value known says nothing of them. */
#define STARTS_VALID_S (10 * 60)

static void
drop_starts (FeedState *feed)
{
  for (guint r = 0; r < VIGIE_N_ALERT_RULES; r++)
    g_clear_pointer (&feed->starts[r], g_hash_table_unref);
  feed->starts_until = 0;
}

static void
feed_state_free (FeedState *feed)
{
  drop_starts (feed);
  vigie_alert_states_free (feed->states);
  g_free (feed);
}

/* Since when the history knows @key's condition of @rule held (@now if
 * it does not), once: the entry goes, and the table once empty. */
static gint64
take_start (Run                 *run,
            VigieAlertRuleKind   rule,
            const VigieAlertKey *key)
{
  GHashTable *starts = run->feed->starts[rule];
  gint64 since = run->now;
  gpointer found;

  if (G_LIKELY (starts == NULL))
    return since;

  if (g_hash_table_lookup_extended (starts, key->str, NULL, &found))
    {
      since = MIN (*(gint64 *) found, run->now);
      g_hash_table_remove (starts, key->str);
    }
  if (g_hash_table_size (starts) == 0)
    g_clear_pointer (&run->feed->starts[rule], g_hash_table_unref);

  return since;
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
void
vigie_alert_engine_process_state (Run                *run,
                                  VigieAlertRuleKind  rule,
                                  VigieAlertKey      *key,
                                  AlertState         *state,
                                  guint               entity,
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
          state->since = take_start (run, rule, key);
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

void
vigie_alert_engine_process (Run                *run,
                            VigieAlertRuleKind  rule,
                            VigieAlertKey      *key,
                            guint               entity,
                            const char         *name,
                            Cond                cond,
                            double              value,
                            int                 level)
{
  /* The history's start of a condition that does not hold is no use. */
  if (G_UNLIKELY (run->feed->starts[rule] != NULL) && cond != COND_RAISE && cond != COND_KEEP)
    take_start (run, rule, key);

  /* No state to move or clear, none to start: most things, most rules. */
  if (cond != COND_RAISE && !vigie_alert_states_any (run->feed->states, rule))
    return;

  vigie_alert_engine_process_state (run, rule, key, vigie_alert_states_lookup (run->feed->states, rule, key),
                                    entity, name, cond, value, level);
}

/*
 * Rules on one entity
 */

/* A count at most the rule's threshold: an empty (or full) station;
 * @value, the column it is in. */
static void
check_count_at_most (Run                *run,
                     VigieAlertRuleKind  rule,
                     VigieAlertKey      *key,
                     guint               i,
                     guint               value,
                     gboolean            installed)
{
  const VigieEntityColumns *c = run->columns;
  gint64 count;

  if (!rule_on (run, rule))
    return;

  /* A station out of service is not "empty"; one whose counts are not
   * known now (its status document not read yet) is as it was. */
  if (!installed || !(c->flags[i] & VIGIE_ENTITY_COLUMN_HAS_VALUE (value)))
    {
      vigie_alert_engine_process (run, rule, key, i, NULL, installed ? COND_KEEP : COND_CLEAR, 0, 0);
      return;
    }

  count = c->values[value][i].i;
  vigie_alert_engine_process (run, rule, key, i, NULL, at_most (count, threshold (run, rule), margin (rule)), count, 1);
}

static void
check_station (Run           *run,
               guint          i,
               VigieFeedKind  feed_kind)
{
  guint flags = run->columns->flags[i];
  gboolean installed = !(flags & VIGIE_ENTITY_COLUMN_NOT_INSTALLED);
  VigieAlertKey key;

  if (flags & VIGIE_ENTITY_COLUMN_VIRTUAL)
    return;

  init_entity_key (run, &key, i);
  if (feed_kind == VIGIE_FEED_KIND_BIKES)
    {
      check_count_at_most (run, VIGIE_ALERT_RULE_BIKES_EMPTY, &key, i, 0, installed);
      check_count_at_most (run, VIGIE_ALERT_RULE_BIKES_FULL, &key, i, 1, installed);
    }
  else if (feed_kind == VIGIE_FEED_KIND_CAR_SHARE)
    check_count_at_most (run, VIGIE_ALERT_RULE_CAR_SHARE_EMPTY, &key, i, 0, installed);
}

static void
check_parking (Run   *run,
               guint  i)
{
  const VigieEntityColumns *c = run->columns;
  VigieAlertRuleKind rule = VIGIE_ALERT_RULE_PARKING_FULL;
  guint flags = c->flags[i];
  VigieAlertKey key;
  double occupancy;
  double percent;

  if (!rule_on (run, rule))
    return;

  /* One sensed space, or a geofencing zone: not a place that fills. */
  if (flags & (VIGIE_ENTITY_COLUMN_SPOT | VIGIE_ENTITY_COLUMN_GEOFENCING))
    return;

  init_entity_key (run, &key, i);
  /* Its occupancy (finite), else its spots: total then available. */
  if (flags & VIGIE_ENTITY_COLUMN_HAS_VALUE (0))
    occupancy = c->values[0][i].d;
  else
    {
      gint64 total = c->values[1][i].i, available = c->values[2][i].i;

      if (!(flags & VIGIE_ENTITY_COLUMN_HAS_VALUE (1)) || total <= 0 ||
          !(flags & VIGIE_ENTITY_COLUMN_HAS_VALUE (2)))
        {
          vigie_alert_engine_process (run, rule, &key, i, NULL, COND_KEEP, 0, 0);
          return;
        }
      occupancy = 1.0 - (double) available / total;
    }

  percent = round (CLAMP (occupancy, 0.0, 1.0) * 100.0);
  vigie_alert_engine_process (run, rule, &key, i, NULL,
                              at_least (percent, threshold (run, rule), margin (rule)), percent,
                              percent >= 100.0 ? 2 : 1);
}

static void
check_hotspot (Run   *run,
               guint  i)
{
  const VigieEntityColumns *c = run->columns;
  guint flags = c->flags[i];
  VigieAlertKey key;

  if (!rule_on (run, VIGIE_ALERT_RULE_WIFI_LOADED) && !rule_on (run, VIGIE_ALERT_RULE_WIFI_DOWN))
    return;

  init_entity_key (run, &key, i);
  if (rule_on (run, VIGIE_ALERT_RULE_WIFI_LOADED))
    {
      gint64 clients = c->values[0][i].i, capacity = c->values[1][i].i;
      Cond cond = COND_KEEP;
      double percent = 0;

      if ((flags & VIGIE_ENTITY_COLUMN_HAS_VALUE (0)) && (flags & VIGIE_ENTITY_COLUMN_HAS_VALUE (1)) &&
          capacity > 0)
        {
          percent = round (100.0 * clients / capacity);
          cond = at_least (percent, threshold (run, VIGIE_ALERT_RULE_WIFI_LOADED),
                           margin (VIGIE_ALERT_RULE_WIFI_LOADED));
        }
      vigie_alert_engine_process (run, VIGIE_ALERT_RULE_WIFI_LOADED, &key, i, NULL,
                                  cond, percent, percent >= 100.0 ? 2 : 1);
    }

  if (rule_on (run, VIGIE_ALERT_RULE_WIFI_DOWN))
    {
      gint64 up = c->values[2][i].i, total = c->values[3][i].i;
      Cond cond = COND_KEEP;
      double percent = 0;

      if ((flags & VIGIE_ENTITY_COLUMN_HAS_VALUE (2)) && (flags & VIGIE_ENTITY_COLUMN_HAS_VALUE (3)) &&
          total > 0)
        {
          percent = round (100.0 * (total - MIN (up, total)) / total);
          cond = at_least (percent, threshold (run, VIGIE_ALERT_RULE_WIFI_DOWN),
                           margin (VIGIE_ALERT_RULE_WIFI_DOWN));
        }
      vigie_alert_engine_process (run, VIGIE_ALERT_RULE_WIFI_DOWN, &key, i, NULL,
                                  cond, percent, percent >= 100.0 ? 2 : 1);
    }
}

/*
 * The sweep
 */

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
            add_event (run, VIGIE_ALERT_EVENT_CLEARED, rule, state, VIGIE_ALERT_NO_POSITION, NULL);
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
  self->feeds = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, (GDestroyNotify) feed_state_free);

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
  const VigieEntityColumns *c;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (feed_id != NULL, NULL);
  g_return_val_if_fail (snapshot != NULL, NULL);

  run.events = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_alert_event_free);

  /* A document combined before the others are read: no stations yet is
   * no news about them. */
  if (vigie_snapshot_get_n_entities (snapshot) == 0 && !vigie_snapshot_get_incremental (snapshot))
    return run.events;

  run.snapshot = snapshot;
  run.columns = c = vigie_snapshot_get_columns (snapshot);

  g_mutex_lock (&self->mutex);
  run.feed = ensure_feed (self, feed_id);
  run.generation = vigie_alert_states_begin (run.feed->states);
  if (run.feed->starts_until != 0 && now > run.feed->starts_until)
    drop_starts (run.feed);

  if (feed_kind == VIGIE_FEED_KIND_TRAMS && !vigie_snapshot_get_incremental (snapshot) &&
      rule_on (&run, VIGIE_ALERT_RULE_TRAM_BUNCHED))
    vigie_alert_engine_begin_bunching (&run);

  /* The columns made in the worker that prepared the snapshot: a few
   * arrays read in order, not 50,000 objects. */
  for (guint i = 0; i < c->n_entities; i++)
    {
      run.position = i;

      /* The states of a thing are where it was last time, or answered by
       * a filter too large for the cache: asked for ahead. */
      if (i + 8 < c->n_entities)
        vigie_alert_states_prefetch (run.feed->states, i + 8, c->key_hashes[i + 8]);

      switch ((VigieEntityKind) c->kinds[i])
        {
        case VIGIE_ENTITY_STATION:
          check_station (&run, i, feed_kind);
          break;

        case VIGIE_ENTITY_ZONE:
        case VIGIE_ENTITY_CAR_PARK:
          check_parking (&run, i);
          break;

        case VIGIE_ENTITY_HOTSPOT:
          check_hotspot (&run, i);
          break;

        case VIGIE_ENTITY_VEHICLE:
          if (feed_kind == VIGIE_FEED_KIND_TRAMS)
            vigie_alert_engine_check_tram (&run, i);
          break;

        case VIGIE_ENTITY_STOP:
        case VIGIE_ENTITY_LINE:
        default:
          break;
        }
    }

  if (run.groups != NULL)
    vigie_alert_engine_end_bunching (&run);

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
  vigie_alert_engine_process (&run, rule, &key, VIGIE_ALERT_NO_POSITION, feed_name, cond, n_failures,
                              (int) MAX (1, n_failures / MAX (1.0, threshold (&run, rule))));

  rule = VIGIE_ALERT_RULE_FEED_STALE;
  vigie_alert_engine_process (&run, rule, &key, VIGIE_ALERT_NO_POSITION, feed_name,
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


/**
 * vigie_alert_engine_set_starts:
 * @feed_id: the feed @starts are of
 * @rule: the rule whose condition they are of
 * @starts: (transfer full): entity key → since (a gint64, Unix s), from
 *   the history (vigie_history_read_zero_starts_file())
 * @now: when they were read
 *
 * Since when the history knows the condition of @rule held for the things
 * of @feed_id, before the app (re)started: a state made for one of them in
 * the next minutes starts there, not at its first evaluation, so that an
 * alert whose duration is met is raised at once. Any thread.
 */
void
vigie_alert_engine_set_starts (VigieAlertEngine   *self,
                               const char         *feed_id,
                               VigieAlertRuleKind  rule,
                               GHashTable         *starts,
                               gint64              now)
{
  FeedState *feed;

  g_return_if_fail (self != NULL);
  g_return_if_fail (feed_id != NULL);
  g_return_if_fail (rule < VIGIE_N_ALERT_RULES);
  g_return_if_fail (starts != NULL);

  g_mutex_lock (&self->mutex);
  feed = ensure_feed (self, feed_id);
  g_clear_pointer (&feed->starts[rule], g_hash_table_unref);
  if (g_hash_table_size (starts) > 0)
    feed->starts[rule] = g_hash_table_ref (starts);
  feed->starts_until = now + STARTS_VALID_S;
  g_mutex_unlock (&self->mutex);
  g_hash_table_unref (starts);
}
