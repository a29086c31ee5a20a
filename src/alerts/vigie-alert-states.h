/* vigie-alert-states.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vigie-alert-rule.h"

G_BEGIN_DECLS

/* What the engine remembers of one alert between updates. */
typedef struct
{
  const char *entity_key;   /* in the same block, after the struct */
  guint       hash;
  gboolean    raised;
  gint64      since;
  int         level;
  double      value;
  double      anchor_latitude;   /* where a stopped tram stopped */
  double      anchor_longitude;
  guint       generation;        /* the last update that saw it (vigie_alert_states_keep()) */
  guint       position;          /* its thing's place in the last snapshot */
} VigieAlertState;

#define VIGIE_ALERT_NO_POSITION G_MAXUINT

/* A thing's key, hashed once for all its rules, and its place in the
 * snapshot (VIGIE_ALERT_NO_POSITION for a feed's own alerts, a pair). */
typedef struct
{
  const char *str;
  guint       hash;
  guint       position;
} VigieAlertKey;

/* One feed's states, by rule. */
typedef struct _VigieAlertStates VigieAlertStates;

VigieAlertStates *vigie_alert_states_new     (void);
void              vigie_alert_states_free    (VigieAlertStates      *self);
void              vigie_alert_key_init       (VigieAlertKey         *key,
                                              const char            *str,
                                              guint                  position);
VigieAlertState  *vigie_alert_states_lookup  (VigieAlertStates      *self,
                                              VigieAlertRuleKind     rule,
                                              const VigieAlertKey   *key);
void              vigie_alert_states_prefetch (VigieAlertStates     *self,
                                               guint                 position,
                                               guint                 hash);
VigieAlertState  *vigie_alert_states_add     (VigieAlertStates      *self,
                                              VigieAlertRuleKind     rule,
                                              const VigieAlertKey   *key);
void              vigie_alert_states_remove  (VigieAlertStates      *self,
                                              VigieAlertRuleKind     rule,
                                              VigieAlertState       *state);
gboolean          vigie_alert_states_any      (VigieAlertStates     *self,
                                               VigieAlertRuleKind    rule);
guint             vigie_alert_states_begin    (VigieAlertStates     *self);
void              vigie_alert_states_keep     (VigieAlertStates     *self,
                                               VigieAlertState      *state);
gboolean          vigie_alert_states_all_kept (VigieAlertStates     *self,
                                               VigieAlertRuleKind    rule);
GHashTable       *vigie_alert_states_get_set (VigieAlertStates      *self,
                                              VigieAlertRuleKind     rule);
void              vigie_alert_states_tidy    (VigieAlertStates      *self);

G_END_DECLS
