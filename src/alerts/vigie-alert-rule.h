/* vigie-alert-rule.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  VIGIE_ALERT_SEVERITY_INFO,
  VIGIE_ALERT_SEVERITY_WARNING,
  VIGIE_ALERT_SEVERITY_CRITICAL,
} VigieAlertSeverity;

#define VIGIE_N_ALERT_SEVERITIES (VIGIE_ALERT_SEVERITY_CRITICAL + 1)

/* What an alert rule watches. The order is the one Preferences shows. */
typedef enum
{
  VIGIE_ALERT_RULE_BIKES_EMPTY,
  VIGIE_ALERT_RULE_BIKES_FULL,
  VIGIE_ALERT_RULE_CAR_SHARE_EMPTY,
  VIGIE_ALERT_RULE_PARKING_FULL,
  VIGIE_ALERT_RULE_WIFI_LOADED,
  VIGIE_ALERT_RULE_WIFI_DOWN,
  VIGIE_ALERT_RULE_TRAM_DELAYED,
  VIGIE_ALERT_RULE_TRAM_GHOST,
  VIGIE_ALERT_RULE_TRAM_STOPPED,
  VIGIE_ALERT_RULE_TRAM_BUNCHED,
  VIGIE_ALERT_RULE_CONNECTION_HOLD,   /* raised by transit/vigie-connection-alerts.c */
  VIGIE_ALERT_RULE_FEED_FAILING,
  VIGIE_ALERT_RULE_FEED_STALE,
} VigieAlertRuleKind;

#define VIGIE_N_ALERT_RULES (VIGIE_ALERT_RULE_FEED_STALE + 1)

/* What the operator sets for a rule. */
typedef struct
{
  gboolean           enabled;
  double             threshold;     /* in the rule's own unit */
  guint              duration_min;  /* the condition must hold this long */
  VigieAlertSeverity severity;
} VigieAlertRule;

typedef struct
{
  VigieAlertRule rules[VIGIE_N_ALERT_RULES];
} VigieAlertRules;

/* What a rule is, for the engine and for Preferences. */
typedef struct
{
  const char     *id;               /* saved in the settings */
  const char     *title;            /* N_() */
  const char     *threshold_label;  /* N_(), NULL: no threshold */
  double          lower, upper, step;
  double          margin;           /* cleared only this far past the threshold */
  gboolean        has_duration;
  VigieAlertRule  defaults;
} VigieAlertRuleInfo;

const VigieAlertRuleInfo *vigie_alert_rule_get_info       (VigieAlertRuleKind  kind);
gboolean                  vigie_alert_rule_from_id        (const char         *id,
                                                           VigieAlertRuleKind *kind);
const char               *vigie_alert_severity_to_string  (VigieAlertSeverity  severity);
void                      vigie_alert_rules_init_defaults (VigieAlertRules    *rules);
void                      vigie_alert_rules_load          (VigieAlertRules    *rules,
                                                           GSettings          *settings);
void                      vigie_alert_rules_save_rule     (GSettings          *settings,
                                                           VigieAlertRuleKind  kind,
                                                           const VigieAlertRule *rule);

G_END_DECLS
