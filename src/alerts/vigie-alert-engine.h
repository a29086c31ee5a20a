/* vigie-alert-engine.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-alert-rule.h"
#include "vigie-entity.h"
#include "vigie-snapshot.h"
#include "vigie-types.h"

G_BEGIN_DECLS

typedef enum
{
  VIGIE_ALERT_EVENT_RAISED,
  VIGIE_ALERT_EVENT_UPDATED,   /* still raised, its value or level moved */
  VIGIE_ALERT_EVENT_CLEARED,
} VigieAlertEventType;

/* One change of one alert, from a worker to the main thread. */
typedef struct
{
  VigieAlertEventType  type;
  VigieAlertRuleKind   rule;
  VigieAlertSeverity   severity;
  char                *key;          /* rule, feed and entity: unique */
  char                *feed_id;
  VigieEntityKind      entity_kind;
  char                *entity_id;    /* NULL for a feed's own alerts */
  char                *name;         /* plain text */
  double               latitude;
  double               longitude;
  gint64               since;        /* when the condition began, Unix s */
  gint64               at;           /* when it was seen, Unix s */
  double               value;        /* in the rule's unit */
  int                  level;        /* higher is worse */
  guint64              seq;          /* the tap's delivery order; 0 for none */
  gboolean             packed;       /* its strings in its own block: never
                                      * replace them */
} VigieAlertEvent;

void             vigie_alert_event_free   (VigieAlertEvent *event);
VigieAlertEvent *vigie_alert_event_copy   (const VigieAlertEvent *event);
char            *vigie_alert_make_key     (VigieAlertRuleKind rule,
                                           const char        *feed_id,
                                           const char        *entity_key);

typedef struct _VigieAlertEngine VigieAlertEngine;

VigieAlertEngine *vigie_alert_engine_new         (void);
void              vigie_alert_engine_free        (VigieAlertEngine      *self);
void              vigie_alert_engine_set_rules   (VigieAlertEngine      *self,
                                                  const VigieAlertRules *rules);
void              vigie_alert_engine_get_rules   (VigieAlertEngine      *self,
                                                  VigieAlertRules       *rules);
GPtrArray        *vigie_alert_engine_evaluate    (VigieAlertEngine      *self,
                                                  const char            *feed_id,
                                                  VigieFeedKind          feed_kind,
                                                  VigieSnapshot         *snapshot,
                                                  gint64                 now);
GPtrArray        *vigie_alert_engine_evaluate_feed (VigieAlertEngine    *self,
                                                    const char          *feed_id,
                                                    const char          *feed_name,
                                                    guint                n_failures,
                                                    gboolean             stale,
                                                    gint64               now);
void              vigie_alert_engine_forget_feed (VigieAlertEngine      *self,
                                                  const char            *feed_id);
void              vigie_alert_engine_set_starts  (VigieAlertEngine      *self,
                                                  const char            *feed_id,
                                                  VigieAlertRuleKind     rule,
                                                  GHashTable            *starts,
                                                  gint64                 now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieAlertEvent, vigie_alert_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieAlertEngine, vigie_alert_engine_free)

G_END_DECLS
