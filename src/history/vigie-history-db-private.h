/* vigie-history-db-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "vigie-history-db.h"

G_BEGIN_DECLS

/* An app started again this soon finds its runs where it left them: the
 * value that held when it stopped and holds again held throughout. */
#define VIGIE_HISTORY_RESUME_GAP_S 600

/* One connection, used by one thread at a time: the writer's, or a
 * query's own. */
struct _VigieHistoryDb
{
  sqlite3      *db;
  char         *path;
  GHashTable   *series;        /* feed → ("entity\037field" → Series) */
  sqlite3_stmt *find_series;
  sqlite3_stmt *add_series;
  sqlite3_stmt *find_last;
  sqlite3_stmt *reopen_run;
  sqlite3_stmt *close_run;
  sqlite3_stmt *add_run;
  sqlite3_stmt *add_event;
  sqlite3_stmt *set_meta;
  gint64        last_time;     /* of the last batch written */
  gint64        closed_at;     /* where opening ended the runs left open */
};

gboolean history_db_exec        (VigieHistoryDb  *db,
                                 const char      *sql,
                                 GError         **error);
gboolean history_db_fail        (VigieHistoryDb  *db,
                                 GError         **error);
gboolean history_db_prepare_read (VigieHistoryDb *db,
                                 const char      *sql,
                                 sqlite3_stmt   **stmt,
                                 GError         **error);
gint64   history_db_get_meta    (VigieHistoryDb  *db,
                                 const char      *key);
gboolean history_db_set_meta    (VigieHistoryDb  *db,
                                 const char      *key,
                                 gint64           value,
                                 GError         **error);
gint64   history_db_query_int   (VigieHistoryDb  *db,
                                 const char      *sql);

G_END_DECLS
