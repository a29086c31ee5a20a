/* vigie-alert.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "vigie-alert-engine.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_ALERT (vigie_alert_get_type())

G_DECLARE_FINAL_TYPE (VigieAlert, vigie_alert, VIGIE, ALERT, GObject)

VigieAlert         *vigie_alert_new                 (const VigieAlertEvent *event,
                                                     const char            *feed_name);
gboolean            vigie_alert_update              (VigieAlert            *self,
                                                     const VigieAlertEvent *event);
const char         *vigie_alert_get_key             (VigieAlert            *self);
VigieAlertRuleKind  vigie_alert_get_rule            (VigieAlert            *self);
VigieAlertSeverity  vigie_alert_get_severity        (VigieAlert            *self);
const char         *vigie_alert_get_feed_id         (VigieAlert            *self);
const char         *vigie_alert_get_feed_name       (VigieAlert            *self);
VigieEntityKind     vigie_alert_get_entity_kind     (VigieAlert            *self);
const char         *vigie_alert_get_entity_id       (VigieAlert            *self);
const char         *vigie_alert_get_name            (VigieAlert            *self);
double              vigie_alert_get_latitude        (VigieAlert            *self);
double              vigie_alert_get_longitude       (VigieAlert            *self);
gint64              vigie_alert_get_since           (VigieAlert            *self);
double              vigie_alert_get_value           (VigieAlert            *self);
int                 vigie_alert_get_level           (VigieAlert            *self);
gboolean            vigie_alert_get_acknowledged    (VigieAlert            *self);
const char         *vigie_alert_get_ack_comment     (VigieAlert            *self);
gint64              vigie_alert_get_ack_at          (VigieAlert            *self);
int                 vigie_alert_get_ack_level       (VigieAlert            *self);
void                vigie_alert_acknowledge         (VigieAlert            *self,
                                                     const char            *comment,
                                                     gint64                 at,
                                                     int                    level);
char               *vigie_alert_describe            (VigieAlert            *self,
                                                     gint64                 now);
char               *vigie_alert_format_duration     (gint64                 seconds);
const char         *vigie_alert_get_icon_name       (VigieAlert            *self);

/* What a row of the panel shows. */
typedef struct
{
  char       *title;       /* "VéloCité Gare Centrale — empty for 12 min" */
  char       *detail;      /* "Warning · since 20:53", or the acknowledgement */
  const char *icon_name;
  const char *css_class;   /* "error", "warning" or "accent" */
} VigieAlertText;

void                vigie_alert_text_init           (VigieAlertText        *text,
                                                     VigieAlert            *alert,
                                                     gint64                 now);
void                vigie_alert_text_clear          (VigieAlertText        *text);
const char         *vigie_alert_severity_get_label  (VigieAlertSeverity     severity);

G_END_DECLS
