/* vigie-alert-notifier.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vigie-alert-rule.h"

G_BEGIN_DECLS

/* How often the desktop may be told. */
typedef struct
{
  gint64 gather_s;         /* a new alert waits this long for others of its rule */
  gint64 rule_interval_s;  /* at most one notification a rule this often */
  guint  max_per_window;   /* and at most this many in all… */
  gint64 window_s;         /* …in this many seconds */
} VigieAlertNotifierLimits;

typedef enum
{
  VIGIE_ALERT_NOTICE_SEND,       /* send, or replace the rule's notification */
  VIGIE_ALERT_NOTICE_WITHDRAW,   /* all the alerts it told of are cleared */
} VigieAlertNoticeType;

/* What the desktop is to be told. */
typedef struct
{
  VigieAlertNoticeType  type;
  char                 *id;        /* the notification's: one a rule */
  VigieAlertRuleKind    rule;
  guint                 n_alerts;  /* raised alerts it stands for */
  guint                 n_new;     /* of those, new since the last one */
  char                 *key;       /* the first new alert: what "Show" shows */
  char                 *title;     /* plain text */
  char                 *body;      /* plain text: the names */
} VigieAlertNotice;

/* Whether an alert is still worth telling (raised, not acknowledged). */
typedef gboolean (*VigieAlertNotifierWanted) (const char *key,
                                              gpointer    user_data);

typedef struct _VigieAlertNotifier VigieAlertNotifier;

void                vigie_alert_notifier_get_default_limits (VigieAlertNotifierLimits *limits);
VigieAlertNotifier *vigie_alert_notifier_new         (const VigieAlertNotifierLimits *limits);
void                vigie_alert_notifier_free        (VigieAlertNotifier       *self);
void                vigie_alert_notifier_set_limits  (VigieAlertNotifier       *self,
                                                      const VigieAlertNotifierLimits *limits);
void                vigie_alert_notifier_set_enabled (VigieAlertNotifier       *self,
                                                      gboolean                  enabled);
gboolean            vigie_alert_notifier_get_enabled (VigieAlertNotifier       *self);
void                vigie_alert_notifier_raised      (VigieAlertNotifier       *self,
                                                      const char               *key,
                                                      VigieAlertRuleKind        rule,
                                                      VigieAlertSeverity        severity,
                                                      const char               *name,
                                                      gint64                    now);
void                vigie_alert_notifier_cleared     (VigieAlertNotifier       *self,
                                                      const char               *key);
GPtrArray          *vigie_alert_notifier_take        (VigieAlertNotifier       *self,
                                                      gint64                    now,
                                                      VigieAlertNotifierWanted  wanted,
                                                      gpointer                  user_data);
gint64              vigie_alert_notifier_get_next    (VigieAlertNotifier       *self);
char               *vigie_alert_notifier_dup_id      (VigieAlertRuleKind        rule);

void                vigie_alert_notice_free          (VigieAlertNotice         *notice);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieAlertNotifier, vigie_alert_notifier_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieAlertNotice, vigie_alert_notice_free)

G_END_DECLS
