/* vigie-history-batch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-history-batch"

#include "config.h"

#include <math.h>

#include "vigie-history-batch.h"

/* A batch is made in a feed's worker and freed by the writer thread: its
 * strings live in one chunk, so a batch of thousands of samples is a few
 * allocations. */

VigieHistoryBatch *
vigie_history_batch_new (const char *feed_id,
                         gint64      time)
{
  VigieHistoryBatch *batch = g_new0 (VigieHistoryBatch, 1);

  g_return_val_if_fail (feed_id != NULL, NULL);

  batch->feed_id = g_strdup (feed_id);
  batch->time = time;
  batch->samples = g_array_new (FALSE, FALSE, sizeof (VigieHistorySample));
  batch->strings = vigie_string_set_new (4096);

  return batch;
}

void
vigie_history_batch_free (VigieHistoryBatch *batch)
{
  if (batch == NULL)
    return;

  g_free (batch->feed_id);
  g_array_unref (batch->samples);
  g_free (batch->event);
  vigie_string_set_free (batch->strings);
  g_free (batch);
}

static void
add_sample (VigieHistoryBatch *batch,
            const char        *entity,
            const char        *field,
            double             value,
            const char        *text)
{
  VigieHistorySample sample = {
    .entity = vigie_string_set_add (batch->strings, entity),
    .field = vigie_string_set_add (batch->strings, field),
    .value = value,
    .text = text != NULL ? vigie_string_set_add (batch->strings, text) : NULL,
  };

  g_array_append_val (batch->samples, sample);
}

void
vigie_history_batch_add (VigieHistoryBatch *batch,
                         const char        *entity,
                         const char        *field,
                         double             value)
{
  g_return_if_fail (batch != NULL && entity != NULL && field != NULL);

  add_sample (batch, entity, field, value, NULL);
}

void
vigie_history_batch_add_text (VigieHistoryBatch *batch,
                              const char        *entity,
                              const char        *field,
                              const char        *text)
{
  g_return_if_fail (batch != NULL && entity != NULL && field != NULL && text != NULL);

  add_sample (batch, entity, field, NAN, text);
}

void
vigie_history_batch_add_gone (VigieHistoryBatch *batch,
                              const char        *entity,
                              const char        *field)
{
  g_return_if_fail (batch != NULL && entity != NULL && field != NULL);

  add_sample (batch, entity, field, NAN, NULL);
}

void
vigie_history_batch_set_event (VigieHistoryBatch *batch,
                               const char        *state,
                               guint              latency_ms,
                               const char        *error)
{
  g_return_if_fail (batch != NULL && state != NULL);

  if (batch->event == NULL)
    batch->event = g_new0 (VigieHistoryEvent, 1);
  batch->event->state = vigie_string_set_add (batch->strings, state);
  batch->event->latency_ms = latency_ms;
  batch->event->error = error != NULL ? vigie_string_set_add (batch->strings, error) : NULL;
}

guint
vigie_history_batch_get_size (VigieHistoryBatch *batch)
{
  g_return_val_if_fail (batch != NULL, 0);

  return batch->samples->len + (batch->event != NULL ? 1 : 0);
}
