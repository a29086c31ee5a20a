/* vigie-history-samples.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-entity.h"
#include "vigie-history-batch.h"
#include "vigie-tap.h"

G_BEGIN_DECLS

/* The entity's value a sparkline shows, and when it is at its end. */
typedef enum
{
  VIGIE_HISTORY_CONDITION_NONE,
  VIGIE_HISTORY_CONDITION_EMPTY,   /* nothing to rent */
  VIGIE_HISTORY_CONDITION_FULL,    /* nowhere to leave one, no place to park */
} VigieHistoryCondition;

typedef struct
{
  char                  *entity;          /* the series' entity: "station/12", "trip/T1" */
  const char            *field;           /* the value drawn */
  VigieHistoryCondition  condition;       /* what holds now */
  const char            *condition_field; /* whose run at 0 says since when */
} VigieHistoryMainSeries;

/* A vehicle's position is kept at most this often: a feed read every few
 * seconds would otherwise fill the disk with trams between two stops. */
#define VIGIE_HISTORY_POSITION_MIN_S 20

VigieHistoryBatch *vigie_history_samples_diff        (const VigieTapInput    *input);
gboolean           vigie_history_main_series         (VigieEntity            *entity,
                                                      VigieHistoryMainSeries *series);
void               vigie_history_main_series_clear   (VigieHistoryMainSeries *series);
char              *vigie_history_format_position     (double                  latitude,
                                                      double                  longitude,
                                                      double                  bearing);
gboolean           vigie_history_parse_position      (const char             *text,
                                                      double                 *latitude,
                                                      double                 *longitude,
                                                      double                 *bearing);

G_END_DECLS
