/* vigie-typical-day.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-day-series.h"
#include "vigie-history.h"

G_BEGIN_DECLS

/* How many past weeks a typical day looks at, at most. */
#define VIGIE_TYPICAL_DAY_MAX_WEEKS 8

/* A past day counts for a measure from an hour of its points known. */
#define VIGIE_TYPICAL_DAY_MIN_POINTS 12

/* A five-minute point of trams on time counts from this many trips with
 * a delay known: with one or two, it jumps between 0 and 100 %. */
#define VIGIE_TYPICAL_DAY_MIN_TRIPS 5

/* The median of each five-minute point of the same weekday over the past
 * weeks, for each of the meeting's measures. */
typedef struct
{
  gint64 day_start;                                          /* the day it stands beside */
  guint  n_weeks[VIGIE_N_MEASURES];                          /* past days it is made of */
  double values[VIGIE_N_MEASURES][VIGIE_DAY_SERIES_N_POINTS]; /* NAN where unknown */
} VigieTypicalDay;

/* The feeds of each kind the measures read. */
typedef struct
{
  GStrv trams;
  GStrv bikes;
  GStrv parking;
  GStrv wifi;
} VigieTypicalDayFeeds;

void             vigie_typical_day_median    (const double * const *days,
                                              guint                 n_days,
                                              guint                 n_points,
                                              double               *median);
gboolean         vigie_typical_day_combine   (VigieMeasure          measure,
                                              GHashTable           *a,
                                              GHashTable           *b,
                                              guint                 n_points,
                                              double               *out);
VigieTypicalDay *vigie_typical_day_read      (VigieHistoryDb       *db,
                                              const VigieTypicalDayFeeds *feeds,
                                              GTimeZone            *time_zone,
                                              gint64                day_start,
                                              GError              **error);
void             vigie_typical_day_free      (VigieTypicalDay      *day);
char            *vigie_typical_day_label     (guint                 n_weeks);

void             vigie_typical_day_load_async  (VigieHistory               *history,
                                                const VigieTypicalDayFeeds *feeds,
                                                gint64                      day_start,
                                                GCancellable               *cancellable,
                                                GAsyncReadyCallback         callback,
                                                gpointer                    user_data);
VigieTypicalDay *vigie_typical_day_load_finish (VigieHistory               *history,
                                                GAsyncResult               *result,
                                                GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieTypicalDay, vigie_typical_day_free)

G_END_DECLS
