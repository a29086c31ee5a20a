/* vigie-wifi-study.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-week-study.h"

G_BEGIN_DECLS

/* A site is near capacity from 80 % of it in use. */
#define VIGIE_WIFI_NEAR_CAPACITY 0.80

typedef struct
{
  const VigieWeekPlace *place;
  guint                 hours_near_capacity;
  int                   busiest_hour;      /* of the week, by mean; -1 */
} VigieSiteUse;

GArray *vigie_wifi_study_rank     (VigieWeekStudy     *study);
char   *vigie_wifi_study_sentence (VigieWeekStudy     *study,
                                   const VigieSiteUse *use);

G_END_DECLS
