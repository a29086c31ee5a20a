/* vigie-history-replay.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history-replay"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-history-db-private.h"
#include "vigie-history-replay.h"
#include "vigie-history-samples.h"
#include "vigie-temporal-client.h"
#include "vigie-hash.h"

/* Replay: a feed as it was at an instant, made into a snapshot in a
 * worker, as a parser would, so the layers take it the way they take a
 * live update (vigie_store_apply() only swaps arrays). The history holds
 * values, not places nor names: those come from the entities the feed
 * shows now. An entity with recorded values but none at that instant did
 * not exist then and is left out; one the history never recorded (a
 * stop, a line) is shown as it is. Trams and buses are made whole from
 * their recorded positions, trips and lines, their line's colours taken
 * from a vehicle of the line now; without recorded positions they are
 * left out rather than shown where they are now.
 *
 * Raw runs are kept for days; an instant older than the oldest of them
 * is read from the five-minute aggregates instead (each bucket's last
 * value), where numbers are kept for a year and more. */

typedef struct
{
  double  value;
  char   *text;
} Recorded;

static void
recorded_free (Recorded *recorded)
{
  g_free (recorded->text);
  g_free (recorded);
}

static void
put_recorded (GHashTable *state,
              const char *entity,
              const char *field,
              double      value,
              const char *text)
{
  GHashTable *fields = g_hash_table_lookup (state, entity);
  Recorded *recorded = g_new0 (Recorded, 1);

  if (fields == NULL)
    {
      fields = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, (GDestroyNotify) recorded_free);
      g_hash_table_insert (state, g_strdup (entity), fields);
    }
  recorded->value = value;
  recorded->text = g_strdup (text);
  g_hash_table_replace (fields, g_strdup (field), recorded);
}

/* @sql prepared with ?1 @feed_id and ?2 @time; NULL on an error. */
static sqlite3_stmt *
prepare_feed_read (VigieHistoryDb  *db,
                   const char      *sql,
                   const char      *feed_id,
                   gint64           time,
                   GError         **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return history_db_fail (db, error), NULL;
  sqlite3_bind_text (stmt, 1, feed_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, time);

  return stmt;
}

/* Before the oldest raw run kept, the numbers as the five-minute
 * aggregates have them: the last value of the last bucket ended by then.
 * What the aggregates say was gone is gone. */
static gboolean
read_aggregate_state (VigieHistoryDb  *db,
                      const char      *feed_id,
                      gint64           time,
                      GHashTable      *state,
                      GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare_feed_read (db,
                            "SELECT s.entity, s.field, a.last FROM series s "
                            "JOIN agg a ON a.series = s.id "
                            "WHERE s.feed = ?1 AND a.bucket = (SELECT MAX (b.bucket) FROM agg b "
                            "  WHERE b.series = s.id AND b.bucket <= ?2 - " G_STRINGIFY (VIGIE_HISTORY_BUCKET_S) ")",
                            feed_id, time, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *entity = (const char *) sqlite3_column_text (stmt, 0);
      const char *field = (const char *) sqlite3_column_text (stmt, 1);

      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        put_recorded (state, entity, field, sqlite3_column_double (stmt, 2), NULL);
      else if (g_hash_table_contains (state, entity))
        g_hash_table_remove (g_hash_table_lookup (state, entity), field);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return history_db_fail (db, error);

  return TRUE;
}

/* entity → (field → Recorded) at @time, and every entity recorded. */
static gboolean
read_state (VigieHistoryDb  *db,
            const char      *feed_id,
            gint64           time,
            GHashTable      *state,
            GHashTable      *known,
            GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare_feed_read (db,
                            "SELECT s.entity, s.field, r.value, r.text FROM series s "
                            "JOIN raw r ON r.series = s.id "
                            "WHERE s.feed = ?1 AND r.t_from <= ?2 AND (r.t_until IS NULL OR r.t_until > ?2)",
                            feed_id, time, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    put_recorded (state,
                  (const char *) sqlite3_column_text (stmt, 0),
                  (const char *) sqlite3_column_text (stmt, 1),
                  sqlite3_column_type (stmt, 2) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 2),
                  (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return history_db_fail (db, error);

  if (sqlite3_prepare_v2 (db->db, "SELECT DISTINCT entity FROM series WHERE feed = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return history_db_fail (db, error);
  sqlite3_bind_text (stmt, 1, feed_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (known, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return history_db_fail (db, error);

  /* Retention keeps every run that ends after its cut: from the oldest
   * end kept on, the raw runs say all. */
  if (time < history_db_query_int (db, "SELECT COALESCE (MIN (t_until), 0) FROM raw WHERE t_until IS NOT NULL"))
    return read_aggregate_state (db, feed_id, time, state, error);

  return TRUE;
}

/* The recorded value, in the type the feed gives it now. */
static GVariant *
value_like (GVariant       *now,
            const Recorded *recorded)
{
  if (recorded->text != NULL)
    return g_variant_new_string (recorded->text);
  if (now == NULL)
    return g_variant_new_double (recorded->value);
  if (g_variant_is_of_type (now, G_VARIANT_TYPE_BOOLEAN))
    return g_variant_new_boolean (recorded->value != 0);
  if (g_variant_is_of_type (now, G_VARIANT_TYPE_INT64))
    return g_variant_new_int64 ((gint64) recorded->value);
  if (g_variant_is_of_type (now, G_VARIANT_TYPE_INT32))
    return g_variant_new_int32 ((gint32) recorded->value);
  if (g_variant_is_of_type (now, G_VARIANT_TYPE_UINT32))
    return g_variant_new_uint32 ((guint32) MAX (recorded->value, 0));

  return g_variant_new_double (recorded->value);
}

static VigieEntity *
entity_at (VigieEntity *entity,
           GHashTable  *fields)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (vigie_entity_get_values (entity));
  GHashTableIter iter;
  const char *field;
  Recorded *recorded;

  g_hash_table_iter_init (&iter, fields);
  while (g_hash_table_iter_next (&iter, (gpointer *) &field, (gpointer *) &recorded))
    {
      g_autoptr(GVariant) now = g_variant_dict_lookup_value (&dict, field, NULL);

      if (isnan (recorded->value) && recorded->text == NULL)
        g_variant_dict_remove (&dict, field);
      else
        g_variant_dict_insert_value (&dict, field, value_like (now, recorded));
    }

  /* Fresh as the feed is now: the banner says it is the past, the layer
   * must not grey every item out as an hour old. */
  return vigie_entity_copy_with_values (entity, g_variant_dict_end (&dict));
}

static gboolean
is_transit_vehicle (VigieEntity *entity)
{
  return vigie_entity_get_kind (entity) == VIGIE_ENTITY_VEHICLE &&
         (vigie_entity_lookup_string (entity, "trip_id") != NULL ||
          vigie_entity_lookup_string (entity, "route_id") != NULL);
}

static const Recorded *
lookup_recorded (GHashTable *fields,
                 const char *field)
{
  const Recorded *recorded = g_hash_table_lookup (fields, field);

  return recorded != NULL && (recorded->text != NULL || !isnan (recorded->value)) ? recorded : NULL;
}

/* A tram where the history saw it: its line's looks from @like (a
 * vehicle of the line now), nothing else of what another trip shows. */
static VigieEntity *
transit_vehicle_at (const char  *key,
                    GHashTable  *fields,
                    GHashTable  *state,
                    VigieEntity *like,
                    gint64       observed_at)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  const Recorded *position = lookup_recorded (fields, "position");
  const Recorded *recorded;
  const char *id = strchr (key, '/');
  double latitude, longitude, bearing;

  if (id == NULL || position == NULL ||
      !vigie_history_parse_position (position->text, &latitude, &longitude, &bearing))
    return NULL;

  if (like != NULL)
    {
      GVariantIter iter;
      const char *name;
      GVariant *value;

      g_variant_iter_init (&iter, vigie_entity_get_values (like));
      while (g_variant_iter_loop (&iter, "{&sv}", &name, &value))
        if (g_str_has_prefix (name, "route_"))
          g_variant_dict_insert_value (&dict, name, value);
    }

  if (!isnan (bearing))
    g_variant_dict_insert (&dict, "bearing", "d", bearing);
  if ((recorded = lookup_recorded (fields, "route_id")) != NULL && recorded->text != NULL)
    g_variant_dict_insert (&dict, "route_id", "s", recorded->text);
  if ((recorded = lookup_recorded (fields, "source")) != NULL && recorded->text != NULL)
    g_variant_dict_insert (&dict, "source", "s", recorded->text);
  if ((recorded = lookup_recorded (fields, "ghost")) != NULL)
    g_variant_dict_insert (&dict, "ghost", "b", recorded->value != 0);
  if ((recorded = lookup_recorded (fields, "trip_id")) != NULL && recorded->text != NULL)
    {
      g_autofree char *trip = g_strconcat ("trip/", recorded->text, NULL);
      GHashTable *trip_fields = g_hash_table_lookup (state, trip);
      const Recorded *delay = trip_fields != NULL ? lookup_recorded (trip_fields, "delay_s") : NULL;

      g_variant_dict_insert (&dict, "trip_id", "s", recorded->text);
      if (delay != NULL)
        g_variant_dict_insert (&dict, "delay_s", "x", (gint64) delay->value);
    }
  recorded = lookup_recorded (fields, "label");

  return vigie_entity_new (VIGIE_ENTITY_VEHICLE, id + 1,
                           recorded != NULL ? recorded->text : NULL,
                           latitude, longitude, observed_at,
                           g_variant_dict_end (&dict));
}

static int
compare_keys (const void *a,
              const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The trams the history saw at that instant, in a stable order. */
static void
add_transit_vehicles (VigieSnapshot *snapshot,
                      GHashTable    *state,
                      GHashTable    *lines,
                      gint64         observed_at)
{
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (state, NULL);
  guint n = g_hash_table_size (state);

  qsort (keys, n, sizeof (char *), compare_keys);
  for (guint i = 0; i < n; i++)
    {
      GHashTable *fields = g_hash_table_lookup (state, keys[i]);
      const Recorded *route;
      VigieEntity *vehicle;

      if (!g_str_has_prefix (keys[i], "vehicle/") || lookup_recorded (fields, "position") == NULL)
        continue;

      route = lookup_recorded (fields, "route_id");
      vehicle = transit_vehicle_at (keys[i], fields, state,
                                    route != NULL && route->text != NULL ? g_hash_table_lookup (lines, route->text) : NULL,
                                    observed_at);
      if (vehicle != NULL)
        vigie_snapshot_add_entity (snapshot, vehicle);
    }
}

/**
 * vigie_history_replay_build:
 * @feed_id: the feed
 * @entities: (element-type VigieEntity): what the feed shows now
 * @previous: (nullable): the snapshot of the last instant replayed
 * @time: the instant, Unix seconds
 *
 * A worker only: reads the file and builds the whole snapshot.
 *
 * Returns: (transfer full): the feed at @time, prepared
 */
VigieSnapshot *
vigie_history_replay_build (VigieHistoryDb  *db,
                            const char      *feed_id,
                            GPtrArray       *entities,
                            VigieSnapshot   *previous,
                            gint64           time,
                            GError         **error)
{
  g_autoptr(GHashTable) state = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) known = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) lines = g_hash_table_new (vigie_str_hash, g_str_equal);
  VigieSnapshot *snapshot;
  gint64 observed_at = 0;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (feed_id != NULL, NULL);
  g_return_val_if_fail (entities != NULL, NULL);

  if (!read_state (db, feed_id, time, state, known, error))
    return NULL;

  snapshot = vigie_snapshot_new ();
  vigie_snapshot_set_max_entities (snapshot, MAX (entities->len + g_hash_table_size (state), 1));
  for (guint i = 0; i < entities->len; i++)
    {
      VigieEntity *entity = g_ptr_array_index (entities, i);
      const char *key = vigie_entity_get_key (entity);
      GHashTable *fields = g_hash_table_lookup (state, key);
      const char *route;

      observed_at = MAX (observed_at, vigie_entity_get_observed_at (entity));
      if (is_transit_vehicle (entity))
        {
          if ((route = vigie_entity_lookup_string (entity, "route_id")) != NULL &&
              !g_hash_table_contains (lines, route))
            g_hash_table_insert (lines, (gpointer) route, entity);
        }
      else if (fields != NULL)
        vigie_snapshot_add_entity (snapshot, entity_at (entity, fields));
      else if (!g_hash_table_contains (known, key))
        vigie_snapshot_add_entity (snapshot, vigie_entity_copy (entity));
    }
  add_transit_vehicles (snapshot, state, lines, observed_at);
  vigie_snapshot_prepare (snapshot, previous, time);

  return snapshot;
}

typedef struct
{
  char          *path;
  char          *feed_id;
  GPtrArray     *entities;
  VigieSnapshot *previous;
  gint64         time;
} ReplayJob;

static void
replay_job_free (ReplayJob *job)
{
  g_free (job->path);
  g_free (job->feed_id);
  g_ptr_array_unref (job->entities);
  g_clear_pointer (&job->previous, vigie_snapshot_unref);
  g_free (job);
}

static void
build_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ReplayJob *job = task_data;

  if (g_task_return_error_if_cancelled (task))
    return;

  vigie_history_replay_return_local (task, job->path, job->feed_id, job->entities, job->previous, job->time);
}

/**
 * vigie_history_replay_return_local:
 * @task: a task run in a worker, to return the snapshot or an error to
 * @path: the history's file
 *
 * Builds the replay's snapshot from the history recorded on this computer,
 * in the worker: for the local history, and for a broker that cannot be
 * read.
 */
void
vigie_history_replay_return_local (GTask         *task,
                                   const char    *path,
                                   const char    *feed_id,
                                   GPtrArray     *entities,
                                   VigieSnapshot *previous,
                                   gint64         time)
{
  g_autoptr(GError) error = NULL;
  VigieHistoryDb *db;
  VigieSnapshot *snapshot;

  db = vigie_history_db_open (path, TRUE, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  snapshot = vigie_history_replay_build (db, feed_id, entities, previous, time, &error);
  vigie_history_db_close (db);

  if (snapshot == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, snapshot, (GDestroyNotify) vigie_snapshot_unref);
}

/**
 * vigie_history_replay_build_async:
 * @entities: (element-type VigieEntity): what the feed shows now; not
 *   changed afterwards (vigie_store_dup_entities() gives such an array)
 *
 * vigie_history_replay_build() in a worker, on a connection of its own.
 */
void
vigie_history_replay_build_async (VigieHistory        *history,
                                  const char          *feed_id,
                                  GPtrArray           *entities,
                                  VigieSnapshot       *previous,
                                  gint64               time,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  ReplayJob *job;

  g_return_if_fail (VIGIE_IS_HISTORY (history));
  g_return_if_fail (feed_id != NULL);
  g_return_if_fail (entities != NULL);

  /* A feed whose past is kept by its broker (vigie-temporal-client.c). */
  if (vigie_temporal_client_replay_async (history, feed_id, entities, previous, time,
                                          cancellable, callback, user_data))
    return;

  job = g_new0 (ReplayJob, 1);
  job->path = g_strdup (vigie_history_get_path (history));
  job->feed_id = g_strdup (feed_id);
  job->entities = g_ptr_array_ref (entities);
  job->previous = previous != NULL ? vigie_snapshot_ref (previous) : NULL;
  job->time = time;

  vigie_history_run_in_thread (history, vigie_history_replay_build_async,
                               job, (GDestroyNotify) replay_job_free, build_thread,
                               cancellable, callback, user_data);
}

VigieSnapshot *
vigie_history_replay_build_finish (VigieHistory  *history,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return vigie_history_propagate_pointer (history, result, error);
}
