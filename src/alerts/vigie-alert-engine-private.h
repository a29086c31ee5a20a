/* vigie-alert-engine-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-alert-engine.h"
#include "vigie-alert-states.h"

G_BEGIN_DECLS

/* The engine is split by concern: the pass, the states' life and the
 * rules on stations, parking and Wi-Fi in vigie-alert-engine.c; the
 * trams' rules (delay, ghost, stopped away from a stop, bunching) in
 * vigie-alert-engine-trams.c. */

typedef VigieAlertState AlertState;

typedef struct
{
  VigieAlertStates *states;
  /* By rule, or NULL: since when the history knows a thing's condition
   * held, entity key → gint64; consulted once a thing, when its state is
   * made or found not to hold (vigie_alert_engine_set_starts()). */
  GHashTable       *starts[VIGIE_N_ALERT_RULES];
  gint64            starts_until;
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

/* The trams of one line and direction, for bunching
 * (vigie-alert-engine-trams.c). */
typedef struct _Group Group;

/* One evaluation's context. */
typedef struct
{
  VigieAlertEngine         *engine;
  FeedState                *feed;
  const char               *feed_id;
  gint64                    now;
  GPtrArray                *events;
  VigieSnapshot            *snapshot;
  const VigieEntityColumns *columns;        /* the snapshot's: what the rules read */
  Group                   **groups;         /* by line of the columns; NULL: no bunching */
  GPtrArray                *group_order;    /* Group, as first seen */
  double                    origin_latitude;
  double                    origin_cos;
  guint                     position;       /* of the entity read, in the snapshot */
  guint                     generation;     /* of the states seen in this update */
} Run;

VigieAlertEvent *vigie_alert_event_new_packed (const VigieAlertEvent *fields,
                                               const char            *rule_id,
                                               const char            *entity_key);

/* vigie-alert-engine.c; @entity: the entity's position in the snapshot,
 * or VIGIE_ALERT_NO_POSITION (a feed's own alerts) */
void vigie_alert_engine_process       (Run                *run,
                                       VigieAlertRuleKind  rule,
                                       VigieAlertKey      *key,
                                       guint               entity,
                                       const char         *name,
                                       Cond                cond,
                                       double              value,
                                       int                 level);
void vigie_alert_engine_process_state (Run                *run,
                                       VigieAlertRuleKind  rule,
                                       VigieAlertKey      *key,
                                       AlertState         *state,
                                       guint               entity,
                                       const char         *name,
                                       Cond                cond,
                                       double              value,
                                       int                 level);

/* vigie-alert-engine-trams.c */
void vigie_alert_engine_begin_bunching (Run   *run);
void vigie_alert_engine_check_tram     (Run   *run,
                                        guint  i);
void vigie_alert_engine_end_bunching   (Run   *run);

/* Small helpers both halves use, inline: once a rule and an entity. */

/* Raised at or under @threshold, cleared at @threshold + @margin. */
static inline Cond
at_most (double value,
         double threshold,
         double margin)
{
  if (value <= threshold)
    return COND_RAISE;
  return value >= threshold + margin ? COND_CLEAR : COND_BAND;
}

/* Raised at or over @threshold, cleared under @threshold - @margin. */
static inline Cond
at_least (double value,
          double threshold,
          double margin)
{
  if (value >= threshold)
    return COND_RAISE;
  return value < threshold - margin ? COND_CLEAR : COND_BAND;
}

/* The key of the entity at @i as its states are filed, hashed when the
 * entity was made. */
static inline void
init_entity_key (Run           *run,
                 VigieAlertKey *key,
                 guint          i)
{
  key->str = vigie_entity_columns_get_key (run->columns, i);
  key->hash = run->columns->key_hashes[i];
  key->position = i;
}

static inline gboolean
rule_on (Run                *run,
         VigieAlertRuleKind  rule)
{
  return run->engine->rules.rules[rule].enabled;
}

static inline double
threshold (Run                *run,
           VigieAlertRuleKind  rule)
{
  return run->engine->rules.rules[rule].threshold;
}

static inline double
margin (VigieAlertRuleKind rule)
{
  return vigie_alert_rule_get_info (rule)->margin;
}

G_END_DECLS
