/* vigie-history-db.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-history-batch.h"

G_BEGIN_DECLS

/* Aggregates are kept by buckets of five minutes. */
#define VIGIE_HISTORY_BUCKET_S 300

typedef struct
{
  guint   raw_days;         /* raw runs kept, in days */
  guint   aggregate_days;   /* five-minute aggregates kept, in days */
  guint64 max_bytes;        /* the database's size at most */
} VigieHistoryLimits;

/* A value and the time it held: [from, until), until 0 while it holds. */
typedef struct
{
  gint64  from;
  gint64  until;
  double  value;
  guint   flags;
} VigieHistoryRun;

/* Flags of a run: the feed gave a value that cannot be. */
#define VIGIE_HISTORY_FLAG_ABSURD 1

typedef struct
{
  gint64  bucket;   /* its start, Unix seconds */
  double  min;
  double  mean;     /* weighted by time */
  double  max;
  double  last;     /* the value at its end, NAN for none */
} VigieHistoryAggregate;

typedef struct
{
  gint64  time;
  char   *state;
  guint   latency_ms;
  char   *error;
} VigieHistoryFeedEvent;

typedef struct _VigieHistoryDb VigieHistoryDb;

VigieHistoryDb *vigie_history_db_open             (const char               *path,
                                                   gboolean                  read_only,
                                                   GError                  **error);
void            vigie_history_db_close            (VigieHistoryDb           *db);
char           *vigie_history_db_move_aside       (const char               *path,
                                                   GError                  **error);
gboolean        vigie_history_db_write            (VigieHistoryDb           *db,
                                                   VigieHistoryBatch        *batch,
                                                   GError                  **error);
gboolean        vigie_history_db_maintain         (VigieHistoryDb           *db,
                                                   gint64                    now,
                                                   const VigieHistoryLimits *limits,
                                                   GError                  **error);
gboolean        vigie_history_db_aggregate        (VigieHistoryDb           *db,
                                                   gint64                    now,
                                                   GError                  **error);
gboolean        vigie_history_db_prune            (VigieHistoryDb           *db,
                                                   gint64                    now,
                                                   const VigieHistoryLimits *limits,
                                                   GError                  **error);
guint64         vigie_history_db_get_size         (VigieHistoryDb           *db);
guint           vigie_history_db_get_n_cached     (VigieHistoryDb           *db);

GArray         *vigie_history_db_read_runs        (VigieHistoryDb           *db,
                                                   const char               *feed_id,
                                                   const char               *entity,
                                                   const char               *field,
                                                   gint64                    from,
                                                   gint64                    to,
                                                   GError                  **error);
GArray         *vigie_history_db_read_aggregates  (VigieHistoryDb           *db,
                                                   const char               *feed_id,
                                                   const char               *entity,
                                                   const char               *field,
                                                   gint64                    from,
                                                   gint64                    to,
                                                   GError                  **error);
GPtrArray      *vigie_history_db_read_events      (VigieHistoryDb           *db,
                                                   const char               *feed_id,
                                                   gint64                    from,
                                                   gint64                    to,
                                                   GError                  **error);
void            vigie_history_feed_event_free     (VigieHistoryFeedEvent    *event);

G_END_DECLS
