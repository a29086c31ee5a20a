/* vigie-history-study.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-history.h"
#include "vigie-parking-study.h"
#include "vigie-wifi-study.h"

G_BEGIN_DECLS

typedef enum
{
  VIGIE_STUDY_PARKING,   /* occupancy of zones, segments and car parks, 0–1 */
  VIGIE_STUDY_WIFI,      /* clients of Wi-Fi sites */
} VigieStudyKind;

/* The study samples the history every quarter of an hour. */
#define VIGIE_STUDY_STEP_S 900

/* A place as the feeds show it now: its name, capacity and shape are not
 * in the history. */
typedef struct
{
  char     *feed_id;
  char     *key;          /* the entity's key, "zone/reunion" */
  char     *name;         /* nullable */
  double    capacity;     /* spaces, or clients at most; 0 unknown */
  double    latitude, longitude;
  GVariant *geometry;     /* nullable: a(dd) or aa(dd) */
} VigieStudySubject;

typedef struct
{
  VigieStudyKind  kind;
  gint64          from, to;
  guint           n_weeks;     /* how many weeks the period spans */
  VigieWeekStudy *study;
  GArray         *ranked;      /* VigieZoneUse by hours saturated, or VigieSiteUse */
  GArray         *underused;   /* VigieZoneUse by hours under-used; parking only */
  GHashTable     *subjects;    /* place id → VigieStudySubject, unowned */
  GPtrArray      *all_subjects;
} VigieStudyResult;

VigieStudySubject *vigie_study_subject_new   (const char         *feed_id,
                                              VigieEntity        *entity);
void               vigie_study_subject_free  (VigieStudySubject  *subject);

VigieStudyResult  *vigie_study_read          (VigieHistoryDb     *db,
                                              VigieStudyKind      kind,
                                              const char * const *feed_ids,
                                              GPtrArray          *subjects,
                                              GTimeZone          *time_zone,
                                              gint64              from,
                                              gint64              to,
                                              GError            **error);
void               vigie_study_result_free   (VigieStudyResult   *result);
char              *vigie_study_result_to_csv (VigieStudyResult   *result);

void               vigie_study_load_async    (VigieHistory       *history,
                                              VigieStudyKind      kind,
                                              const char * const *feed_ids,
                                              GPtrArray          *subjects,
                                              gint64              from,
                                              gint64              to,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
VigieStudyResult  *vigie_study_load_finish   (VigieHistory       *history,
                                              GAsyncResult       *result,
                                              GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieStudyResult, vigie_study_result_free)

G_END_DECLS
