/* vigie-history-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history-demo"

#include "config.h"

#include "vigie-format.h"
#include "vigie-history-db-private.h"
#include "vigie-history-demo.h"
#include "vigie-tap.h"
#include "vigie-hash.h"

/* The demo city's past. On its first start the demo has no history, so
 * sparklines would stay empty for a day: the simulator's model is a pure
 * function of the seed and the time, so the last days can be worked out
 * at once. Each instant is rendered as the documents the simulator
 * serves, read by the same parsers and diffed by the same code as a live
 * update (vigie-history-samples.c), so the past has the very series the
 * live recording goes on with. All in the writer thread, before the
 * first live batch: runs only go forward in time. */

typedef struct
{
  const char *feed_id;      /* as in vigie_simulator_dup_profile() */
  const char *format_id;
  const char *path;         /* the main document, with its query */
  const char *extra_role;   /* a document the profile names besides */
  const char *extra_path;
  const char *language;
  gboolean    main_is_data; /* the main document holds the values: read at each instant */
} DemoFeed;

static const DemoFeed demo_feeds[] = {
  { "trams", "gtfs", "/gtfs/gtfs.zip", "vehicle-positions", "/gtfs-rt/vehicle-positions.pb", NULL },
  { "velocite", "gbfs", "/gbfs/velocite/gbfs.json", NULL, NULL, "fr" },
  { "citiz", "gbfs", "/gbfs/citiz/gbfs.json", NULL, NULL, NULL },
  /* NGSI-LD combines its pages, but its first page is data, not a
   * discovery file: read once, every zone kept its first occupancy. */
  { "parking", "ngsi-ld",
    "/ngsi-ld/v1/entities?type=OnStreetParking,OffStreetParking&options=keyValues&limit=1000&count=true",
    NULL, NULL, NULL, TRUE },
  { "wifi", "wifi-geojson", "/wifi/hotspots.geojson", NULL, NULL, NULL },
};

typedef struct
{
  const DemoFeed    *feed;
  const VigieFormat *format;
  GHashTable        *options;     /* the profile's options */
  GHashTable        *paths;       /* role → path?query, besides the main one */
  GHashTable        *snapshots;   /* role → VigieSnapshot, for combine() */
  VigieSnapshot     *previous;
} FeedState;

static void
feed_state_free (FeedState *state)
{
  g_clear_pointer (&state->options, g_hash_table_unref);
  g_clear_pointer (&state->paths, g_hash_table_unref);
  g_clear_pointer (&state->snapshots, g_hash_table_unref);
  g_clear_pointer (&state->previous, vigie_snapshot_unref);
  g_free (state);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeedState, feed_state_free)

/* "http://127.0.0.1:0/gbfs/x.json?a=1" → "/gbfs/x.json?a=1" */
static char *
path_of_url (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  if (uri == NULL)
    return NULL;
  if (g_uri_get_query (uri) != NULL)
    return g_strconcat (g_uri_get_path (uri), "?", g_uri_get_query (uri), NULL);

  return g_strdup (g_uri_get_path (uri));
}

static VigieSnapshot *
parse_document (VigieSimulator          *simulator,
                const VigieFormat       *format,
                const char              *role,
                const char              *path_and_query,
                const VigieParseContext *context,
                GError                 **error)
{
  g_auto(GStrv) parts = g_strsplit (path_and_query, "?", 2);
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *content_type = NULL;
  guint status = 0;

  if (parts[1] != NULL)
    query = g_uri_parse_params (parts[1], -1, "&", G_URI_PARAMS_NONE, NULL);

  bytes = vigie_simulator_render (simulator, parts[0], query, &content_type, &status);
  if (bytes == NULL || status != 200)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s: status %u", path_and_query, status);
      return NULL;
    }

  return format->parse (role, bytes, context, error);
}

static FeedState *
feed_state_new (const DemoFeed *feed)
{
  FeedState *state = g_new0 (FeedState, 1);

  state->feed = feed;
  state->format = vigie_format_lookup (feed->format_id);
  state->options = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, g_free);
  if (feed->language != NULL)
    g_hash_table_insert (state->options, g_strdup ("language"), g_strdup (feed->language));
  state->paths = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, g_free);
  state->snapshots = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) vigie_snapshot_unref);

  return state;
}

/* A combined format's main document is a discovery file or a timetable:
 * read once, at the first instant, unless it is the data itself (NGSI-LD's
 * first page). The others are read at each. */
static VigieSnapshot *
feed_state_update (FeedState         *state,
                   VigieSimulator    *simulator,
                   gint64             time,
                   GError           **error)
{
  VigieParseContext context = {
    .now = time,
    .language = state->feed->language,
    .options = state->options,
  };
  g_autoptr(VigieSnapshot) main = NULL;
  GHashTableIter iter;
  const char *role, *path;

  if (state->format->combine == NULL)
    return parse_document (simulator, state->format, VIGIE_ROLE_MAIN, state->feed->path, &context, error);

  if (!g_hash_table_contains (state->snapshots, VIGIE_ROLE_MAIN) || state->feed->main_is_data)
    {
      GHashTable *links;

      main = parse_document (simulator, state->format, VIGIE_ROLE_MAIN, state->feed->path, &context, error);
      if (main == NULL)
        return NULL;

      links = vigie_snapshot_get_links (main);
      g_hash_table_iter_init (&iter, links);
      while (g_hash_table_iter_next (&iter, (gpointer *) &role, (gpointer *) &path))
        if (vigie_format_follows (state->format, role))
          g_hash_table_replace (state->paths, g_strdup (role), path_of_url (path));
      if (state->feed->extra_role != NULL)
        g_hash_table_replace (state->paths, g_strdup (state->feed->extra_role),
                              g_strdup (state->feed->extra_path));
      g_hash_table_replace (state->snapshots, g_strdup (VIGIE_ROLE_MAIN), g_steal_pointer (&main));
    }

  g_hash_table_iter_init (&iter, state->paths);
  while (g_hash_table_iter_next (&iter, (gpointer *) &role, (gpointer *) &path))
    {
      g_autoptr(GError) local_error = NULL;
      VigieSnapshot *snapshot;

      if (path == NULL)
        continue;

      /* A document missing at one instant: the others still make a map,
       * as with a live feed. */
      snapshot = parse_document (simulator, state->format, role, path, &context, &local_error);
      if (snapshot != NULL)
        g_hash_table_replace (state->snapshots, g_strdup (role), snapshot);
      else
        g_debug ("%s %s: %s", state->feed->feed_id, role, local_error->message);
    }

  return state->format->combine (state->snapshots, &context);
}

/**
 * vigie_history_demo_has_past:
 *
 * Returns: whether @db holds anything of the demo city's feeds
 */
gboolean
vigie_history_demo_has_past (VigieHistoryDb *db)
{
  g_return_val_if_fail (db != NULL, FALSE);

  return history_db_query_int (db,
                               "SELECT EXISTS (SELECT 1 FROM series WHERE feed IN "
                               "('trams', 'velocite', 'citiz', 'parking', 'wifi'))") != 0;
}

/**
 * vigie_history_demo_fill_db:
 * @seed: the simulator's
 * @scale: the simulator's, 1 for the plain city
 * @from: the first instant, Unix seconds
 * @to: past the last instant
 * @step_s: seconds between two instants
 * @queue: (nullable): the writer's queue: a STOP on it cuts the work short
 * @stats: (out caller-allocates) (optional): what was done
 *
 * Records the demo city as its feeds were at every @step_s from @from
 * until @to, one transaction per feed and instant. The thread that owns
 * @db; takes seconds, not minutes, for a week of the plain city.
 */
gboolean
vigie_history_demo_fill_db (VigieHistoryDb         *db,
                            guint64                 seed,
                            guint                   scale,
                            gint64                  from,
                            gint64                  to,
                            guint                   step_s,
                            VigieHistoryQueue      *queue,
                            VigieHistoryDemoStats  *stats,
                            GError                **error)
{
  g_autoptr(VigieSimulator) simulator = vigie_simulator_new (seed);
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func ((GDestroyNotify) feed_state_free);
  VigieHistoryDemoStats local_stats = { 0 };

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (step_s > 0, FALSE);

  vigie_simulator_set_scale (simulator, MAX (scale, 1));
  for (guint i = 0; i < G_N_ELEMENTS (demo_feeds); i++)
    g_ptr_array_add (states, feed_state_new (&demo_feeds[i]));

  /* The app quitting does not wait for the past: what is written stays,
   * with no time going back. */
  for (gint64 t = from; t < to && !(queue != NULL && vigie_history_queue_is_stopping (queue)); t += step_s)
    {
      vigie_simulator_set_time (simulator, t);
      local_stats.n_steps++;

      for (guint i = 0; i < states->len; i++)
        {
          FeedState *state = g_ptr_array_index (states, i);
          g_autoptr(VigieSnapshot) current = NULL;
          g_autoptr(VigieHistoryBatch) batch = NULL;
          g_autoptr(GError) local_error = NULL;
          VigieTapInput input;

          current = feed_state_update (state, simulator, t, &local_error);
          if (current == NULL)
            {
              g_debug ("%s at %" G_GINT64_FORMAT ": %s", state->feed->feed_id, t,
                       local_error != NULL ? local_error->message : "nothing");
              local_stats.n_failed++;
              continue;
            }

          if (!vigie_snapshot_get_incremental (current))
            vigie_snapshot_prepare (current, state->previous, t);

          input = (VigieTapInput) {
            .feed_id = state->feed->feed_id,
            .format_id = state->feed->format_id,
            .previous = state->previous,
            .current = current,
            .now = t,
          };
          batch = vigie_history_samples_diff (&input);

          /* The feed health view's strip: the feed worked from the first
           * instant of its past. */
          if (state->previous == NULL)
            {
              if (batch == NULL)
                batch = vigie_history_batch_new (state->feed->feed_id, t);
              vigie_history_batch_set_event (batch, "ok", 0, NULL);
            }

          g_clear_pointer (&state->previous, vigie_snapshot_unref);
          state->previous = g_steal_pointer (&current);

          if (batch == NULL)
            continue;

          local_stats.n_samples += batch->samples->len;
          local_stats.n_batches++;
          if (!vigie_history_db_write (db, batch, error))
            return FALSE;
        }
    }

  if (!vigie_history_db_aggregate (db, to, error))
    return FALSE;

  if (stats != NULL)
    *stats = local_stats;

  return TRUE;
}

typedef struct
{
  guint64            seed;
  gint64             now;
  VigieHistoryQueue *queue;
} FillJob;

static void
fill_job_free (FillJob *job)
{
  vigie_history_queue_unref (job->queue);
  g_free (job);
}

static void
fill_in_writer (VigieHistoryDb *db,
                gpointer        data)
{
  FillJob *job = data;
  g_autoptr(GError) error = NULL;
  VigieHistoryDemoStats stats;
  gint64 started = g_get_monotonic_time ();
  gint64 to = job->now - job->now % VIGIE_HISTORY_DEMO_STEP_S;

  gint64 from = to - VIGIE_HISTORY_DEMO_DAYS * 24 * 3600;

  /* Not the file's fault: recording says so on its own. */
  if (db == NULL)
    return;

  /* A demo that has a past gets only what it missed: the app quit while
   * its past was written, or days went by since it last ran. */
  if (vigie_history_demo_has_past (db))
    from = MAX (from, db->last_time - db->last_time % VIGIE_HISTORY_DEMO_STEP_S + VIGIE_HISTORY_DEMO_STEP_S);
  if (from >= to)
    return;

  if (!vigie_history_demo_fill_db (db, job->seed, 1, from, to,
                                   VIGIE_HISTORY_DEMO_STEP_S, job->queue, &stats, &error))
    {
      g_message ("History: the demo city's past: %s", error->message);
      return;
    }

  g_debug ("The demo city's past: %u instants, %" G_GUINT64_FORMAT " values in %.1f s",
           stats.n_steps, stats.n_samples, (g_get_monotonic_time () - started) / 1e6);
}

/**
 * vigie_history_demo_fill:
 * @simulator: the demo city's
 * @now: the end of the past to fill
 *
 * Gives the demo city the last days of history, in the writer thread and
 * before any batch handed to it later, unless the history already holds
 * some of it. Returns at once, on the main thread.
 *
 * Returns: the queue's serial of the work, for vigie_history_queue_wait()
 */
guint64
vigie_history_demo_fill (VigieHistory   *history,
                         VigieSimulator *simulator,
                         gint64          now)
{
  FillJob *job;

  g_return_val_if_fail (VIGIE_IS_HISTORY (history), 0);
  g_return_val_if_fail (VIGIE_IS_SIMULATOR (simulator), 0);

  job = g_new0 (FillJob, 1);
  job->seed = vigie_simulator_get_seed (simulator);
  job->now = now;
  job->queue = vigie_history_queue_ref (vigie_history_get_queue (history));

  return vigie_history_queue_push_call (job->queue, fill_in_writer, job, (GDestroyNotify) fill_job_free);
}
