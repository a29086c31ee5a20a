/* vigie-history-starts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history"

#include "config.h"

#include "vigie-history-db-private.h"
#include "vigie-history-starts.h"
#include "vigie-hash.h"

/* Since when each thing of a feed has had none of something (bikes, free
 * docks), as a station's popover says it ("Empty since 08:15"): for the
 * alert rules, which would otherwise count a duration from the app's
 * start. One query a feed and a field, once, in a worker; each series'
 * last run is found by its key, not by reading its week of runs. */

/**
 * vigie_history_db_read_zero_starts:
 * @db: a connection
 * @field: "vehicles_available", "docks_available"
 * @now: the time of the question
 *
 * The things of @feed_id whose last run of @field is at 0 and holds now:
 * open, or closed by a stop of the app short enough for the writer to
 * resume it (vigie-history-db.c).
 *
 * Returns: (transfer full) (nullable): entity key → since (a gint64), or
 *   %NULL on an error
 */
GHashTable *
vigie_history_db_read_zero_starts (VigieHistoryDb  *db,
                                   const char      *feed_id,
                                   const char      *field,
                                   gint64           now,
                                   GError         **error)
{
  g_autoptr(GHashTable) starts = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (feed_id != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (!history_db_prepare_read (db,
                                "SELECT s.entity, r.t_from FROM series s JOIN raw r "
                                "ON r.series = s.id AND r.t_from = (SELECT MAX (t_from) FROM raw WHERE series = s.id) "
                                "WHERE s.feed = ?1 AND s.field = ?2 AND r.value = 0 AND r.t_from <= ?3 "
                                "AND (r.t_until IS NULL OR r.t_until >= ?3 - ?4)",
                                &stmt, error))
    return NULL;
  /* No tables yet: nothing written. */
  if (stmt == NULL)
    return g_steal_pointer (&starts);

  sqlite3_bind_text (stmt, 1, feed_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, field, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, VIGIE_HISTORY_RESUME_GAP_S);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 since = sqlite3_column_int64 (stmt, 1);

      g_hash_table_insert (starts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           g_memdup2 (&since, sizeof since));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return history_db_fail (db, error), NULL;

  return g_steal_pointer (&starts);
}

/**
 * vigie_history_read_zero_starts_file:
 * @path: the history file
 * @fields: (array zero-terminated=1): the fields asked about
 * @starts: (out caller-allocates) (array): a table for each of @fields,
 *   as vigie_history_db_read_zero_starts() gives
 *
 * As vigie_history_db_read_zero_starts() for each of @fields, on one
 * read-only connection of @path: in a worker. A file not made yet knows
 * nothing: empty tables.
 */
gboolean
vigie_history_read_zero_starts_file (const char         *path,
                                     const char         *feed_id,
                                     const char * const *fields,
                                     gint64              now,
                                     GHashTable        **starts,
                                     GError            **error)
{
  VigieHistoryDb *db = NULL;
  gboolean ok = TRUE;
  guint i;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      db = vigie_history_db_open (path, TRUE, error);
      ok = db != NULL;
    }

  for (i = 0; ok && fields[i] != NULL; i++)
    {
      starts[i] = db != NULL ? vigie_history_db_read_zero_starts (db, feed_id, fields[i], now, error)
                             : g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, g_free);
      ok = starts[i] != NULL;
    }
  /* All or nothing. */
  if (!ok)
    while (i-- > 0)
      g_clear_pointer (&starts[i], g_hash_table_unref);
  vigie_history_db_close (db);

  return ok;
}
