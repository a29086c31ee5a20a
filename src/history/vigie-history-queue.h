/* vigie-history-queue.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vigie-history-batch.h"
#include "vigie-history-db.h"

G_BEGIN_DECLS

/* Batches waiting for the writer, by default: a minute of every feed of a
 * city at its usual rates. */
#define VIGIE_HISTORY_QUEUE_DEFAULT_CAPACITY 64

/* Samples waiting at most, whatever the batches: a city's first sight of
 * 100,000 things is half a million samples, some 20 MiB, and a writer
 * behind must not hold a minute of them (32 bytes a sample, and their
 * keys). */
#define VIGIE_HISTORY_QUEUE_MAX_SAMPLES (2 * 1000 * 1000)

typedef enum
{
  VIGIE_HISTORY_ITEM_BATCH,
  VIGIE_HISTORY_ITEM_MAINTAIN,   /* prune, aggregate, vacuum as of @now */
  VIGIE_HISTORY_ITEM_SYNC,       /* nothing: marks a point to wait for */
  VIGIE_HISTORY_ITEM_CALL,       /* a function on the writer's connection */
  VIGIE_HISTORY_ITEM_STOP,
} VigieHistoryItemKind;

/* Runs in the writer thread, between two batches, with its connection
 * (NULL when the file could not be opened). */
typedef void (*VigieHistoryCallFunc) (VigieHistoryDb *db,
                                      gpointer        data);

typedef struct
{
  VigieHistoryItemKind  kind;
  guint64               serial;
  VigieHistoryBatch    *batch;   /* for BATCH */
  gint64                now;     /* for MAINTAIN */
  VigieHistoryCallFunc  func;    /* for CALL */
  gpointer              data;
  GDestroyNotify        destroy;
} VigieHistoryItem;

typedef struct _VigieHistoryQueue VigieHistoryQueue;

VigieHistoryQueue *vigie_history_queue_new            (guint               capacity);
VigieHistoryQueue *vigie_history_queue_new_full       (guint               capacity,
                                                       guint64             max_samples);
VigieHistoryQueue *vigie_history_queue_ref            (VigieHistoryQueue  *queue);
void               vigie_history_queue_unref          (VigieHistoryQueue  *queue);
gboolean           vigie_history_queue_push           (VigieHistoryQueue  *queue,
                                                       VigieHistoryBatch  *batch);
guint64            vigie_history_queue_push_control   (VigieHistoryQueue  *queue,
                                                       VigieHistoryItemKind kind,
                                                       gint64              now);
guint64            vigie_history_queue_push_call      (VigieHistoryQueue  *queue,
                                                       VigieHistoryCallFunc func,
                                                       gpointer            data,
                                                       GDestroyNotify      destroy);
gboolean           vigie_history_queue_is_stopping    (VigieHistoryQueue  *queue);
VigieHistoryItem  *vigie_history_queue_pop            (VigieHistoryQueue  *queue);
void               vigie_history_queue_done           (VigieHistoryQueue  *queue,
                                                       VigieHistoryItem   *item);
void               vigie_history_queue_wait           (VigieHistoryQueue  *queue,
                                                       guint64             serial);
guint              vigie_history_queue_get_length     (VigieHistoryQueue  *queue);
guint64            vigie_history_queue_get_n_dropped  (VigieHistoryQueue  *queue,
                                                       const char         *feed_id);
void               vigie_history_queue_set_held       (VigieHistoryQueue  *queue,
                                                       gboolean            held);

void               vigie_history_item_free            (VigieHistoryItem   *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieHistoryQueue, vigie_history_queue_unref)

G_END_DECLS
