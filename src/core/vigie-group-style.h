/* vigie-group-style.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-style.h"

G_BEGIN_DECLS

/* What a group of things too close to be told apart says about them: the
 * states an operator acts on, counted ("3 empty"), rather than a bare
 * number. */
typedef enum
{
  VIGIE_GROUP_ALERT_NONE,
  VIGIE_GROUP_ALERT_EMPTY,          /* a station with nothing to rent */
  VIGIE_GROUP_ALERT_FULL,           /* no place left: station, car park */
  VIGIE_GROUP_ALERT_SATURATED,      /* a Wi-Fi place at or near capacity */
  VIGIE_GROUP_ALERT_OUT_OF_SERVICE,
} VigieGroupAlert;

#define VIGIE_GROUP_N_ALERTS (VIGIE_GROUP_ALERT_OUT_OF_SERVICE + 1)

VigieGroupAlert  vigie_group_style_alert   (VigieFeedKind               kind,
                                            VigieEntity                *entity,
                                            const VigieStyleThresholds *thresholds);
char            *vigie_group_style_summary (VigieFeedKind               kind,
                                            const guint                 counts[VIGIE_GROUP_N_ALERTS]);
void             vigie_group_style_symbol  (VigieFeedKind               kind,
                                            guint                       n_entities,
                                            double                      fraction,
                                            const VigieStyleThresholds *thresholds,
                                            VigieSymbol                *symbol);

G_END_DECLS
