/* vigie-history-queue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history-queue"

#include "config.h"

#include "vigie-history-queue.h"
#include "vigie-hash.h"

/* Between the feeds' workers, which make batches, and the one writer
 * thread. A worker never waits for the disk: when the writer falls behind
 * and the queue is full (in batches, or in their samples), the oldest
 * batch waiting is dropped and counted (by feed, for the feed health
 * view), and the new one goes in. Only the writer waits, for work. */

struct _VigieHistoryQueue
{
  GMutex      mutex;
  GCond       cond;
  GQueue      items;        /* VigieHistoryItem, oldest first */
  guint       capacity;     /* batches */
  guint       n_batches;
  guint64     max_samples;
  guint64     n_samples;    /* in the batches waiting */
  guint64     last_serial;
  guint64     done_serial;
  gboolean    held;
  gint        stopping;     /* atomic: a STOP is on its way */
  guint64     n_dropped;
  GHashTable *dropped;      /* feed id → guint64 count (in a pointer) */
};

static void
queue_clear (VigieHistoryQueue *queue)
{
  g_queue_clear_full (&queue->items, (GDestroyNotify) vigie_history_item_free);
  g_hash_table_unref (queue->dropped);
  g_mutex_clear (&queue->mutex);
  g_cond_clear (&queue->cond);
}

void
vigie_history_item_free (VigieHistoryItem *item)
{
  if (item == NULL)
    return;

  g_clear_pointer (&item->batch, vigie_history_batch_free);
  if (item->destroy != NULL)
    item->destroy (item->data);
  g_free (item);
}

/**
 * vigie_history_queue_new_full:
 * @capacity: batches waiting at most
 * @max_samples: samples in them at most
 *
 * Returns: (transfer full): an empty queue
 */
VigieHistoryQueue *
vigie_history_queue_new_full (guint   capacity,
                              guint64 max_samples)
{
  VigieHistoryQueue *queue = g_atomic_rc_box_new0 (VigieHistoryQueue);

  g_mutex_init (&queue->mutex);
  g_cond_init (&queue->cond);
  g_queue_init (&queue->items);
  queue->capacity = MAX (capacity, 1);
  queue->max_samples = max_samples;
  queue->dropped = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, NULL);

  return queue;
}

VigieHistoryQueue *
vigie_history_queue_new (guint capacity)
{
  return vigie_history_queue_new_full (capacity, VIGIE_HISTORY_QUEUE_MAX_SAMPLES);
}

VigieHistoryQueue *
vigie_history_queue_ref (VigieHistoryQueue *queue)
{
  return g_atomic_rc_box_acquire (queue);
}

void
vigie_history_queue_unref (VigieHistoryQueue *queue)
{
  g_atomic_rc_box_release_full (queue, (GDestroyNotify) queue_clear);
}

static void
drop_oldest_batch (VigieHistoryQueue *queue)
{
  for (GList *l = queue->items.head; l != NULL; l = l->next)
    {
      VigieHistoryItem *item = l->data;
      const char *feed_id;
      gpointer count;

      if (item->kind != VIGIE_HISTORY_ITEM_BATCH)
        continue;

      feed_id = item->batch->feed_id;
      count = g_hash_table_lookup (queue->dropped, feed_id);
      g_hash_table_replace (queue->dropped, g_strdup (feed_id),
                            GSIZE_TO_POINTER (GPOINTER_TO_SIZE (count) + 1));
      queue->n_dropped++;
      queue->n_batches--;
      queue->n_samples -= item->batch->samples->len;
      g_queue_delete_link (&queue->items, l);
      vigie_history_item_free (item);
      return;
    }
}

static guint64
push_item (VigieHistoryQueue *queue,
           VigieHistoryItem  *item,
           gboolean          *dropped)
{
  guint64 serial;

  g_mutex_lock (&queue->mutex);
  if (item->kind == VIGIE_HISTORY_ITEM_BATCH)
    {
      guint64 n_samples = item->batch->samples->len;

      if (queue->n_batches >= queue->capacity)
        {
          drop_oldest_batch (queue);
          *dropped = TRUE;
        }
      /* The new batch goes in, however large: it is the latest news. */
      while (queue->n_batches > 0 && queue->n_samples + n_samples > queue->max_samples)
        {
          drop_oldest_batch (queue);
          *dropped = TRUE;
        }
      queue->n_batches++;
      queue->n_samples += n_samples;
    }
  serial = item->serial = ++queue->last_serial;
  g_queue_push_tail (&queue->items, item);
  g_cond_broadcast (&queue->cond);
  g_mutex_unlock (&queue->mutex);

  return serial;
}

/**
 * vigie_history_queue_push:
 * @batch: (transfer full): a batch
 *
 * Never waits for the writer. Any thread.
 *
 * Returns: %FALSE when the queue was full and its oldest batch dropped
 */
gboolean
vigie_history_queue_push (VigieHistoryQueue *queue,
                          VigieHistoryBatch *batch)
{
  VigieHistoryItem *item;
  gboolean dropped = FALSE;

  g_return_val_if_fail (queue != NULL, FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);

  item = g_new0 (VigieHistoryItem, 1);
  item->kind = VIGIE_HISTORY_ITEM_BATCH;
  item->batch = batch;
  push_item (queue, item, &dropped);

  return !dropped;
}

/* Returns the item's serial, for vigie_history_queue_wait(). */
guint64
vigie_history_queue_push_control (VigieHistoryQueue    *queue,
                                  VigieHistoryItemKind  kind,
                                  gint64                now)
{
  VigieHistoryItem *item;
  gboolean dropped = FALSE;

  g_return_val_if_fail (queue != NULL, 0);
  g_return_val_if_fail (kind != VIGIE_HISTORY_ITEM_BATCH, 0);
  g_return_val_if_fail (kind != VIGIE_HISTORY_ITEM_CALL, 0);

  item = g_new0 (VigieHistoryItem, 1);
  item->kind = kind;
  item->now = now;
  if (kind == VIGIE_HISTORY_ITEM_STOP)
    g_atomic_int_set (&queue->stopping, TRUE);

  return push_item (queue, item, &dropped);
}

/* Work that needs the writer's connection, in its turn: never dropped,
 * like the other controls. */
guint64
vigie_history_queue_push_call (VigieHistoryQueue    *queue,
                               VigieHistoryCallFunc  func,
                               gpointer              data,
                               GDestroyNotify        destroy)
{
  VigieHistoryItem *item;
  gboolean dropped = FALSE;

  g_return_val_if_fail (queue != NULL, 0);
  g_return_val_if_fail (func != NULL, 0);

  item = g_new0 (VigieHistoryItem, 1);
  item->kind = VIGIE_HISTORY_ITEM_CALL;
  item->func = func;
  item->data = data;
  item->destroy = destroy;

  return push_item (queue, item, &dropped);
}

/* For long work in the writer (a CALL): whether to cut it short, the
 * app quitting. Any thread. */
gboolean
vigie_history_queue_is_stopping (VigieHistoryQueue *queue)
{
  g_return_val_if_fail (queue != NULL, FALSE);

  return g_atomic_int_get (&queue->stopping);
}

/* The writer: waits for the next item. */
VigieHistoryItem *
vigie_history_queue_pop (VigieHistoryQueue *queue)
{
  VigieHistoryItem *item;

  g_mutex_lock (&queue->mutex);
  while (queue->held || g_queue_is_empty (&queue->items))
    g_cond_wait (&queue->cond, &queue->mutex);
  item = g_queue_pop_head (&queue->items);
  if (item->kind == VIGIE_HISTORY_ITEM_BATCH)
    {
      queue->n_batches--;
      queue->n_samples -= item->batch->samples->len;
    }
  g_mutex_unlock (&queue->mutex);

  return item;
}

/* The writer: @item is written (or done with). */
void
vigie_history_queue_done (VigieHistoryQueue *queue,
                          VigieHistoryItem  *item)
{
  g_mutex_lock (&queue->mutex);
  queue->done_serial = MAX (queue->done_serial, item->serial);
  g_cond_broadcast (&queue->cond);
  g_mutex_unlock (&queue->mutex);
}

/* Waits until the writer is done with the item of @serial and all before
 * it: for tests and for shutting down, never on the main loop's way. */
void
vigie_history_queue_wait (VigieHistoryQueue *queue,
                          guint64            serial)
{
  g_mutex_lock (&queue->mutex);
  while (queue->done_serial < serial)
    g_cond_wait (&queue->cond, &queue->mutex);
  g_mutex_unlock (&queue->mutex);
}

guint
vigie_history_queue_get_length (VigieHistoryQueue *queue)
{
  guint length;

  g_mutex_lock (&queue->mutex);
  length = queue->n_batches;
  g_mutex_unlock (&queue->mutex);

  return length;
}

/**
 * vigie_history_queue_get_n_dropped:
 * @feed_id: (nullable): a feed, or %NULL for all
 *
 * Returns: the batches dropped because the queue was full
 */
guint64
vigie_history_queue_get_n_dropped (VigieHistoryQueue *queue,
                                   const char        *feed_id)
{
  guint64 n;

  g_return_val_if_fail (queue != NULL, 0);

  g_mutex_lock (&queue->mutex);
  n = feed_id == NULL ? queue->n_dropped
                      : GPOINTER_TO_SIZE (g_hash_table_lookup (queue->dropped, feed_id));
  g_mutex_unlock (&queue->mutex);

  return n;
}

/* For tests: a writer that falls behind. */
void
vigie_history_queue_set_held (VigieHistoryQueue *queue,
                              gboolean           held)
{
  g_mutex_lock (&queue->mutex);
  queue->held = held;
  g_cond_broadcast (&queue->cond);
  g_mutex_unlock (&queue->mutex);
}
