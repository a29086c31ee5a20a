/* vigie-history-db-maintain.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history-db"

#include "config.h"

#include <math.h>

#include "vigie-history-db-private.h"
#include "vigie-hash.h"

/* What the writer does now and then, between batches: five-minute
 * aggregates of the runs, then retention (raw runs for days, aggregates
 * for a year and more), then the size limit, the oldest data first, and
 * the freed pages given back to the file system.
 *
 * Aggregates are run-length too: a bucket is written only where a run of
 * its series starts or ends, as (min, time-weighted mean, max, last); a
 * bucket missing holds its previous one's last value throughout. A quiet
 * station costs no aggregate either. */

/* Buckets are final once this far behind the newest data: a feed's batch
 * may reach the writer a little after another's. */
#define AGGREGATE_LAG_S 60

typedef struct
{
  gint64  series;
  gint64  bucket;
  double  min, max, sum;   /* sum: value × seconds */
  gint64  covered;         /* seconds with a value */
  gint64  last_from;
  double  last;
} Bucket;

static void
add_piece (GHashTable *buckets,
           gint64      series,
           gint64      bucket,
           gint64      from,
           gint64      until,
           double      value,
           gint64      run_until)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, series, bucket);
  Bucket *b = g_hash_table_lookup (buckets, key);
  gint64 length = until - from;

  if (length <= 0)
    return;

  if (b == NULL)
    {
      b = g_new0 (Bucket, 1);
      b->series = series;
      b->bucket = bucket;
      b->min = INFINITY;
      b->max = -INFINITY;
      b->last_from = G_MININT64;
      g_hash_table_insert (buckets, g_steal_pointer (&key), b);
    }

  b->min = MIN (b->min, value);
  b->max = MAX (b->max, value);
  b->sum += value * (double) length;
  b->covered += length;
  if (from > b->last_from)
    {
      b->last_from = from;
      /* A run that ends within the bucket, or at its end, leaves no
       * value after it (a next run starts a bucket of its own). */
      b->last = run_until != 0 && run_until <= bucket + VIGIE_HISTORY_BUCKET_S ? NAN : value;
    }
}

/* Each run adds to the bucket it starts in and to the one it ends in; the
 * buckets between hold its value whole, which the reader knows. */
static void
add_run (GHashTable *buckets,
         gint64      series,
         gint64      from,
         gint64      until,
         double      value,
         gint64      start,
         gint64      end)
{
  gint64 first = from - from % VIGIE_HISTORY_BUCKET_S;
  gint64 stop = until != 0 ? MIN (until, end) : end;

  if (first >= start && first < end)
    add_piece (buckets, series, first, from, MIN (stop, first + VIGIE_HISTORY_BUCKET_S), value, until);

  if (until != 0 && until <= end)
    {
      gint64 last = (until - 1) - (until - 1) % VIGIE_HISTORY_BUCKET_S;

      if (last != first && last >= start)
        add_piece (buckets, series, last, MAX (from, last), until, value, until);
    }
}

/**
 * vigie_history_db_aggregate:
 * @now: the newest data's time
 *
 * Aggregates the buckets finished since the last time.
 */
gboolean
vigie_history_db_aggregate (VigieHistoryDb  *db,
                            gint64           now,
                            GError         **error)
{
  g_autoptr(GHashTable) buckets = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *insert = NULL;
  GHashTableIter iter;
  Bucket *b;
  gint64 start = history_db_get_meta (db, "aggregated_until");
  gint64 end = now - AGGREGATE_LAG_S;
  int rc;

  end -= end % VIGIE_HISTORY_BUCKET_S;
  if (start == 0)
    {
      start = history_db_query_int (db, "SELECT MIN (t_from) FROM raw");
      start -= start % VIGIE_HISTORY_BUCKET_S;
    }
  if (start >= end)
    return TRUE;

  /* The closed runs by their index, the open ones by each series' last
   * run: the index holds closed runs only. */
  if (sqlite3_prepare_v2 (db->db,
                          "SELECT series, t_from, t_until, value FROM raw "
                          "WHERE value IS NOT NULL AND t_from < ?2 AND t_until > ?1 "
                          "UNION ALL "
                          "SELECT r.series, r.t_from, r.t_until, r.value FROM series s CROSS JOIN raw r "
                          "ON r.series = s.id AND r.t_from = (SELECT MAX (m.t_from) FROM raw m WHERE m.series = s.id) "
                          "WHERE r.t_until IS NULL AND r.value IS NOT NULL AND r.t_from < ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return history_db_fail (db, error);
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_run (buckets, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
             sqlite3_column_int64 (stmt, 2), sqlite3_column_double (stmt, 3), start, end);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return history_db_fail (db, error);

  if (!history_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (sqlite3_prepare_v2 (db->db, "INSERT OR REPLACE INTO agg (series, bucket, min, mean, max, last) "
                                  "VALUES (?, ?, ?, ?, ?, ?)", -1, &insert, NULL) != SQLITE_OK)
    goto failed;

  g_hash_table_iter_init (&iter, buckets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &b))
    {
      sqlite3_bind_int64 (insert, 1, b->series);
      sqlite3_bind_int64 (insert, 2, b->bucket);
      sqlite3_bind_double (insert, 3, b->min);
      sqlite3_bind_double (insert, 4, b->sum / (double) b->covered);
      sqlite3_bind_double (insert, 5, b->max);
      if (isnan (b->last))
        sqlite3_bind_null (insert, 6);
      else
        sqlite3_bind_double (insert, 6, b->last);
      if (sqlite3_step (insert) != SQLITE_DONE)
        goto failed;
      sqlite3_reset (insert);
    }
  sqlite3_finalize (g_steal_pointer (&insert));

  if (!history_db_set_meta (db, "aggregated_until", end, error))
    goto rollback;

  return history_db_exec (db, "COMMIT", error);

failed:
  history_db_fail (db, error);
  sqlite3_finalize (insert);
rollback:
  sqlite3_exec (db->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Pages in use, not the free ones the next vacuum gives back. */
guint64
vigie_history_db_get_size (VigieHistoryDb *db)
{
  gint64 pages = history_db_query_int (db, "PRAGMA page_count");
  gint64 free_pages = history_db_query_int (db, "PRAGMA freelist_count");
  gint64 page_size = history_db_query_int (db, "PRAGMA page_size");

  return (guint64) MAX (pages - free_pages, 0) * (guint64) page_size;
}

static gboolean
delete_before (VigieHistoryDb  *db,
               gint64           raw_before,
               gint64           aggregates_before,
               GError         **error)
{
  g_autofree char *sql = NULL;

  /* Open runs stay: they are what holds now. Runs not aggregated yet
   * stay too, unless the size limit wants them. */
  sql = g_strdup_printf ("BEGIN IMMEDIATE;"
                         "DELETE FROM raw WHERE t_until IS NOT NULL AND t_until < %1$" G_GINT64_FORMAT ";"
                         "DELETE FROM feed_events WHERE t < %1$" G_GINT64_FORMAT ";"
                         "DELETE FROM agg WHERE bucket < %2$" G_GINT64_FORMAT ";"
                         "COMMIT;",
                         raw_before, aggregates_before);
  if (!history_db_exec (db, sql, error))
    {
      sqlite3_exec (db->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

/**
 * vigie_history_db_prune:
 * @now: the newest data's time
 * @limits: how long and how much to keep
 *
 * Drops what is past its retention, then the oldest data until the
 * database fits @limits->max_bytes, and gives the freed pages back.
 */
gboolean
vigie_history_db_prune (VigieHistoryDb            *db,
                        gint64                     now,
                        const VigieHistoryLimits  *limits,
                        GError                   **error)
{
  gint64 aggregated_until = history_db_get_meta (db, "aggregated_until");
  gint64 raw_before = now - (gint64) limits->raw_days * 86400;
  gint64 aggregates_before = now - (gint64) limits->aggregate_days * 86400;

  if (!delete_before (db, MIN (raw_before, aggregated_until), aggregates_before, error))
    return FALSE;

  /* Over the limit: the oldest first, whatever its retention. */
  while (vigie_history_db_get_size (db) > limits->max_bytes)
    {
      gint64 oldest = G_MAXINT64;
      guint64 size;
      double share;
      gint64 cut;

      oldest = MIN (oldest, history_db_query_int (db, "SELECT COALESCE (MIN (bucket), 9223372036854775807) FROM agg"));
      oldest = MIN (oldest, history_db_query_int (db, "SELECT COALESCE (MIN (t_until), 9223372036854775807) FROM raw "
                                                "WHERE t_until IS NOT NULL"));
      oldest = MIN (oldest, history_db_query_int (db, "SELECT COALESCE (MIN (t), 9223372036854775807) FROM feed_events"));
      if (oldest == G_MAXINT64 || oldest >= now)
        break;

      /* As much as the excess, as if spread evenly over time, and a
       * little more, but never all at once: a few rounds. */
      size = vigie_history_db_get_size (db);
      share = size > 0 ? 1.0 - (double) limits->max_bytes / (double) size : 1.0;
      cut = oldest + MAX ((gint64) ((double) (now - oldest) * MIN (share + 0.02, 0.9)),
                          VIGIE_HISTORY_BUCKET_S);
      g_debug ("History over %" G_GUINT64_FORMAT " bytes: dropping what ends before %" G_GINT64_FORMAT,
               limits->max_bytes, cut);
      if (!delete_before (db, cut, cut, error))
        return FALSE;
    }

  return history_db_exec (db, "PRAGMA incremental_vacuum;"
                              "PRAGMA wal_checkpoint(TRUNCATE);", error);
}

/**
 * vigie_history_db_maintain:
 *
 * Aggregates, then prunes. The writer thread only.
 */
gboolean
vigie_history_db_maintain (VigieHistoryDb            *db,
                           gint64                     now,
                           const VigieHistoryLimits  *limits,
                           GError                   **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (limits != NULL, FALSE);

  return vigie_history_db_aggregate (db, now, error) &&
         vigie_history_db_prune (db, now, limits, error);
}
