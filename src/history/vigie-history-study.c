/* vigie-history-study.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history-study"

#include "config.h"

#include <math.h>

#include "vigie-entity.h"
#include "vigie-history-steps.h"
#include "vigie-history-study.h"
#include "vigie-hash.h"

/* The city's studies fed from the history: every parking zone's occupancy
 * (or every Wi-Fi site's clients) over the period chosen, sampled each
 * quarter of an hour into a VigieWeekStudy (core/vigie-week-study.c) and
 * ranked there. Names, capacities and shapes come from the feeds as they
 * are now, copied on the main thread; the rest runs in a worker. */

VigieStudySubject *
vigie_study_subject_new (const char  *feed_id,
                         VigieEntity *entity)
{
  VigieStudySubject *subject;
  gint64 count;

  g_return_val_if_fail (feed_id != NULL, NULL);
  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), NULL);

  subject = g_new0 (VigieStudySubject, 1);
  subject->feed_id = g_strdup (feed_id);
  subject->key = g_strdup (vigie_entity_get_key (entity));
  subject->name = g_strdup (vigie_entity_get_name (entity));
  subject->latitude = vigie_entity_get_latitude (entity);
  subject->longitude = vigie_entity_get_longitude (entity);
  subject->geometry = vigie_entity_dup_value (entity, "geometry", NULL);
  if (vigie_entity_lookup_int (entity, "total_spots", &count) && count > 0)
    subject->capacity = count;
  else if (vigie_entity_lookup_int (entity, "capacity", &count) && count > 0)
    subject->capacity = count;

  return subject;
}

void
vigie_study_subject_free (VigieStudySubject *subject)
{
  if (subject == NULL)
    return;

  g_free (subject->feed_id);
  g_free (subject->key);
  g_free (subject->name);
  g_clear_pointer (&subject->geometry, g_variant_unref);
  g_free (subject);
}

void
vigie_study_result_free (VigieStudyResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->ranked, g_array_unref);
  g_clear_pointer (&result->underused, g_array_unref);
  g_clear_pointer (&result->subjects, g_hash_table_unref);
  g_clear_pointer (&result->all_subjects, g_ptr_array_unref);
  g_clear_pointer (&result->study, vigie_week_study_free);
  g_free (result);
}

static gboolean
studied (VigieStudyKind  kind,
         const char     *key)
{
  if (kind == VIGIE_STUDY_WIFI)
    return g_str_has_prefix (key, "hotspot/");

  return g_str_has_prefix (key, "zone/") || g_str_has_prefix (key, "car-park/");
}

/**
 * vigie_study_read:
 * @db: a connection, in the thread that owns it
 * @kind: parking or Wi-Fi
 * @feed_ids: the feeds of that kind
 * @subjects: (element-type VigieStudySubject): their places now; the
 *   result keeps a reference
 * @time_zone: (nullable): whose hours of the week, %NULL for local
 * @from: the period's start, Unix seconds
 * @to: its end
 *
 * Returns: (transfer full) (nullable): the study, or %NULL on an error
 */
VigieStudyResult *
vigie_study_read (VigieHistoryDb      *db,
                  VigieStudyKind       kind,
                  const char * const  *feed_ids,
                  GPtrArray           *subjects,
                  GTimeZone           *time_zone,
                  gint64               from,
                  gint64               to,
                  GError             **error)
{
  g_autoptr(VigieStudyResult) result = g_new0 (VigieStudyResult, 1);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, NULL);
  const char *field = kind == VIGIE_STUDY_WIFI ? "clients" : "occupancy";

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (feed_ids != NULL, NULL);
  g_return_val_if_fail (subjects != NULL, NULL);

  result->kind = kind;
  result->from = from;
  result->to = to;
  result->n_weeks = MAX (1, (guint) ((to - from + 7 * 86400 - 1) / (7 * 86400)));
  result->study = vigie_week_study_new (time_zone, from, to);
  result->subjects = g_hash_table_new (vigie_str_hash, g_str_equal);
  result->all_subjects = g_ptr_array_ref (subjects);

  for (guint i = 0; i < subjects->len; i++)
    {
      VigieStudySubject *subject = g_ptr_array_index (subjects, i);

      g_hash_table_insert (by_key, g_strconcat (subject->feed_id, "\037", subject->key, NULL), subject);
    }

  for (guint f = 0; feed_ids[f] != NULL; f++)
    {
      g_autoptr(VigieHistorySteps) steps = NULL;
      g_autoptr(GList) keys = NULL;

      steps = vigie_history_steps_read (db, feed_ids[f], field, from, to, VIGIE_STUDY_STEP_S, error);
      if (steps == NULL)
        return NULL;

      /* In a known order, so that ties rank the same every time. */
      keys = g_list_sort (g_hash_table_get_keys (steps->values), (GCompareFunc) g_strcmp0);
      for (const GList *l = keys; l != NULL; l = l->next)
        {
          const char *key = l->data;
          const double *values = g_hash_table_lookup (steps->values, key);
          g_autofree char *lookup = g_strconcat (feed_ids[f], "\037", key, NULL);
          VigieStudySubject *subject = g_hash_table_lookup (by_key, lookup);
          const char *slash = strchr (key, '/');
          const char *name = subject != NULL && subject->name != NULL ? subject->name : slash + 1;
          double capacity = subject != NULL ? subject->capacity : 0;

          if (!studied (kind, key))
            continue;
          for (guint s = 0; s < steps->n_steps; s++)
            if (!isnan (values[s]))
              vigie_week_study_add (result->study, key, name,
                                    steps->from + (gint64) s * steps->step_s + steps->step_s / 2,
                                    values[s], capacity);
          if (subject != NULL)
            g_hash_table_insert (result->subjects, subject->key, subject);
        }
    }

  if (kind == VIGIE_STUDY_WIFI)
    result->ranked = vigie_wifi_study_rank (result->study);
  else
    {
      result->ranked = vigie_parking_study_rank (result->study, FALSE);
      result->underused = vigie_parking_study_rank (result->study, TRUE);
    }

  return g_steal_pointer (&result);
}

/**
 * vigie_study_result_to_csv:
 *
 * Returns: (transfer full): a row per place and hour of the week
 */
char *
vigie_study_result_to_csv (VigieStudyResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return vigie_week_study_to_csv (result->study, result->kind == VIGIE_STUDY_WIFI ? "clients" : "occupancy");
}

typedef struct
{
  char           *path;
  VigieStudyKind  kind;
  GStrv           feed_ids;
  GPtrArray      *subjects;
  gint64          from, to;
} StudyQuery;

static void
study_query_free (StudyQuery *query)
{
  g_free (query->path);
  g_strfreev (query->feed_ids);
  g_ptr_array_unref (query->subjects);
  g_free (query);
}

static void
load_study_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  StudyQuery *query = task_data;
  g_autoptr(GError) error = NULL;
  VigieHistoryDb *db = NULL;
  VigieStudyResult *result;

  /* Nothing recorded yet is an empty study, not an error. */
  if (g_file_test (query->path, G_FILE_TEST_EXISTS))
    {
      db = vigie_history_db_open (query->path, TRUE, &error);
      if (db == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      result = vigie_study_read (db, query->kind, (const char * const *) query->feed_ids, query->subjects,
                                 NULL, query->from, query->to, &error);
      vigie_history_db_close (db);
    }
  else
    {
      result = g_new0 (VigieStudyResult, 1);
      result->kind = query->kind;
      result->from = query->from;
      result->to = query->to;
      result->n_weeks = 1;
      result->study = vigie_week_study_new (NULL, query->from, query->to);
      result->subjects = g_hash_table_new (vigie_str_hash, g_str_equal);
      result->all_subjects = g_ptr_array_ref (query->subjects);
      result->ranked = query->kind == VIGIE_STUDY_WIFI ? vigie_wifi_study_rank (result->study)
                                                       : vigie_parking_study_rank (result->study, FALSE);
      result->underused = query->kind == VIGIE_STUDY_WIFI ? NULL : vigie_parking_study_rank (result->study, TRUE);
    }

  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) vigie_study_result_free);
}

/**
 * vigie_study_load_async:
 * @history: the history
 * @kind: parking or Wi-Fi
 * @feed_ids: the feeds of that kind
 * @subjects: (element-type VigieStudySubject): their places now, from the
 *   stores; the task keeps a reference and never changes them
 * @from: the period's start, Unix seconds
 * @to: its end
 *
 * Reads and ranks the study in a worker.
 */
void
vigie_study_load_async (VigieHistory        *history,
                        VigieStudyKind       kind,
                        const char * const  *feed_ids,
                        GPtrArray           *subjects,
                        gint64               from,
                        gint64               to,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  StudyQuery *query;

  g_return_if_fail (VIGIE_IS_HISTORY (history));
  g_return_if_fail (feed_ids != NULL);
  g_return_if_fail (subjects != NULL);

  query = g_new0 (StudyQuery, 1);
  query->path = g_strdup (vigie_history_get_path (history));
  query->kind = kind;
  query->feed_ids = g_strdupv ((char **) feed_ids);
  query->subjects = g_ptr_array_ref (subjects);
  query->from = from;
  query->to = to;

  vigie_history_run_in_thread (history, vigie_study_load_async,
                               query, (GDestroyNotify) study_query_free, load_study_thread,
                               cancellable, callback, user_data);
}

/**
 * vigie_study_load_finish:
 *
 * Returns: (transfer full) (nullable): the study, or %NULL on an error
 */
VigieStudyResult *
vigie_study_load_finish (VigieHistory  *history,
                         GAsyncResult  *result,
                         GError       **error)
{
  return vigie_history_propagate_pointer (history, result, error);
}
