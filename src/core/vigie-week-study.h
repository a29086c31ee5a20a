/* vigie-week-study.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The hours of a week, Monday 0 h first: 7 × 24 cells. */
#define VIGIE_WEEK_HOURS (7 * 24)

/* One place studied over a period: its measures averaged by hour of the
 * week, and its highest. */
typedef struct
{
  char   *id;
  char   *name;
  double  capacity;                  /* 0 when unknown */
  double  sum[VIGIE_WEEK_HOURS];
  guint   count[VIGIE_WEEK_HOURS];
  double  peak;                      /* the highest measure seen */
  gint64  peak_time;                 /* when, Unix seconds */
  double  last;                      /* the latest measure */
  gint64  last_time;
} VigieWeekPlace;

typedef struct _VigieWeekStudy VigieWeekStudy;

VigieWeekStudy *vigie_week_study_new        (GTimeZone      *time_zone,
                                             gint64          from,
                                             gint64          to);
void            vigie_week_study_free       (VigieWeekStudy *self);
gboolean        vigie_week_study_add        (VigieWeekStudy *self,
                                             const char     *id,
                                             const char     *name,
                                             gint64          time,
                                             double          value,
                                             double          capacity);
GPtrArray      *vigie_week_study_get_places (VigieWeekStudy *self);
int             vigie_week_study_hour_of_week (VigieWeekStudy *self,
                                               gint64          time);
char           *vigie_week_study_to_csv     (VigieWeekStudy *self,
                                             const char     *value_name);

gboolean        vigie_week_place_mean       (const VigieWeekPlace *place,
                                             guint                 hour,
                                             double               *mean);
const char     *vigie_week_day_name         (guint                 day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieWeekStudy, vigie_week_study_free)

G_END_DECLS
