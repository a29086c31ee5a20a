/* vigie-parking-study.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-week-study.h"

G_BEGIN_DECLS

/* The city's words: a zone is saturated from 85 % of its spaces taken,
 * under-used up to 30 %. */
#define VIGIE_PARKING_SATURATED 0.85
#define VIGIE_PARKING_UNDERUSED 0.30

/* Where parking meters are worth placing: a zone's hours of the week
 * saturated and under-used. */
typedef struct
{
  const VigieWeekPlace *place;
  guint                 hours_known;
  guint                 hours_saturated;
  guint                 hours_underused;
  int                   saturated_when;   /* day * 5 + part of day (4: all day), -1 */
  int                   underused_when;
} VigieZoneUse;

GArray *vigie_parking_study_rank     (VigieWeekStudy    *study,
                                      gboolean           by_underused);
char   *vigie_parking_study_sentence (const VigieZoneUse *use,
                                      gboolean           underused);

G_END_DECLS
