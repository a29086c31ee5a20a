/* vigie-test-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-history-batch.h"
#include "vigie-history-db.h"
#include "vigie-snapshot.h"

G_BEGIN_DECLS

/* The history tests' share: a history file in a folder of its own,
 * removed with its WAL files, read back with plain SQLite, and the
 * snapshots and samples the recording works on. */

/* A history file open for writing in a folder of its own: a fixture for
 * g_test_add(). */
typedef struct
{
  char           *folder;
  char           *path;
  VigieHistoryDb *db;
} VigieTestHistoryDb;

/* Where a history file goes, in a folder of its own, not made yet: a
 * fixture for g_test_add() when the test opens the history itself. */
typedef struct
{
  char *folder;
  char *path;
} VigieTestHistoryFile;

void           vigie_test_history_db_setup    (VigieTestHistoryDb *fixture,
                                               gconstpointer       data);
void           vigie_test_history_db_teardown (VigieTestHistoryDb *fixture,
                                               gconstpointer       data);
void           vigie_test_history_file_setup    (VigieTestHistoryFile *fixture,
                                                 gconstpointer         data);
void           vigie_test_history_file_teardown (VigieTestHistoryFile *fixture,
                                                 gconstpointer         data);

VigieHistoryDb *vigie_test_history_db_open   (const char        *path);
char          *vigie_test_history_folder_new (const char        *template,
                                              char             **path);
void           vigie_test_history_remove     (const char        *folder,
                                              const char        *path);
gint64         vigie_test_sqlite_int         (const char        *path,
                                              const char        *sql);
char          *vigie_test_sqlite_text        (const char        *path,
                                              const char        *sql);
VigieSnapshot *vigie_test_snapshot_of        (VigieSnapshot     *previous,
                                              gint64             now,
                                              ...) G_GNUC_NULL_TERMINATED;
const VigieHistorySample *vigie_test_find_sample (VigieHistoryBatch *batch,
                                                  const char        *entity,
                                                  const char        *field);

G_END_DECLS
