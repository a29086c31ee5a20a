/* vigie-history.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-feed-manager.h"
#include "vigie-history-db.h"
#include "vigie-history-queue.h"
#include "vigie-history-samples.h"

G_BEGIN_DECLS

#define VIGIE_HISTORY_DEFAULT_RAW_DAYS        7
#define VIGIE_HISTORY_DEFAULT_AGGREGATE_DAYS  400
#define VIGIE_HISTORY_DEFAULT_MAX_SIZE_MB     1024

/* Seconds of data between two maintenances by the writer. */
#define VIGIE_HISTORY_MAINTAIN_EVERY_S        VIGIE_HISTORY_BUCKET_S

/* What a sparkline draws: the main value over [from, to). */
typedef struct
{
  gint64    from, to;
  GArray   *runs;             /* VigieHistoryRun, clipped to [from, to) */
  gboolean  has_data;
  double    min, max, now;
  gboolean  has_now;
  gint64    condition_since;  /* when the condition's value went to 0; 0: unknown */
} VigieHistorySparkline;

#define VIGIE_TYPE_HISTORY (vigie_history_get_type())

G_DECLARE_FINAL_TYPE (VigieHistory, vigie_history, VIGIE, HISTORY, GObject)

char           *vigie_history_get_default_path  (void);
VigieHistory   *vigie_history_new               (const char             *path);
VigieHistory   *vigie_history_new_full          (const char             *path,
                                                 guint                   queue_capacity);
const char     *vigie_history_get_path          (VigieHistory           *self);
void            vigie_history_bind              (VigieHistory           *self,
                                                 GSettings              *settings,
                                                 VigieFeedManager       *feed_manager);
VigieHistoryQueue *vigie_history_get_queue      (VigieHistory           *self);
guint64         vigie_history_get_n_dropped     (VigieHistory           *self,
                                                 const char             *feed_id);
const char     *vigie_history_get_error         (VigieHistory           *self);
const char     *vigie_history_get_notice        (VigieHistory           *self);
void            vigie_history_record            (VigieHistory           *self,
                                                 VigieHistoryBatch      *batch);
void            vigie_history_maintain          (VigieHistory           *self,
                                                 gint64                  now);
void            vigie_history_sync              (VigieHistory           *self);

/* For the history's own _async/_finish pairs: each reads in a worker. */
void            vigie_history_run_in_thread     (VigieHistory           *self,
                                                 gpointer                source_tag,
                                                 gpointer                job,
                                                 GDestroyNotify          job_free,
                                                 GTaskThreadFunc         thread_func,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
gpointer        vigie_history_propagate_pointer (VigieHistory           *self,
                                                 GAsyncResult           *result,
                                                 GError                **error);

void            vigie_history_load_sparkline_async  (VigieHistory                 *self,
                                                     const char                   *feed_id,
                                                     const VigieHistoryMainSeries *series,
                                                     gint64                        now,
                                                     GCancellable                 *cancellable,
                                                     GAsyncReadyCallback           callback,
                                                     gpointer                      user_data);
VigieHistorySparkline *vigie_history_load_sparkline_finish (VigieHistory          *self,
                                                            GAsyncResult          *result,
                                                            GError               **error);
VigieHistorySparkline *vigie_history_sparkline_read (VigieHistoryDb              *db,
                                                     const char                  *feed_id,
                                                     const char                  *entity,
                                                     const char                  *field,
                                                     const char                  *condition_field,
                                                     gint64                       now,
                                                     GError                     **error);
VigieHistorySparkline *vigie_history_sparkline_read_file (const char             *path,
                                                          const char             *feed_id,
                                                          const char             *entity,
                                                          const char             *field,
                                                          const char             *condition_field,
                                                          gint64                  now,
                                                          GError                **error);
void            vigie_history_sparkline_free    (VigieHistorySparkline  *sparkline);

void            vigie_history_load_events_async  (VigieHistory          *self,
                                                  const char            *feed_id,
                                                  gint64                 from,
                                                  gint64                 to,
                                                  GCancellable          *cancellable,
                                                  GAsyncReadyCallback    callback,
                                                  gpointer               user_data);
GPtrArray      *vigie_history_load_events_finish (VigieHistory          *self,
                                                  GAsyncResult          *result,
                                                  GError               **error);
double          vigie_history_availability       (GPtrArray             *events,
                                                  gint64                 from,
                                                  gint64                 to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieHistorySparkline, vigie_history_sparkline_free)

G_END_DECLS
