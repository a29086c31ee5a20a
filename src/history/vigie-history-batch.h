/* vigie-history-batch.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vigie-string-set.h"

G_BEGIN_DECLS

/* One value of one entity that changed at the batch's time. A value of
 * NAN with no text says the entity is gone: its run ends. */
typedef struct
{
  const char *entity;   /* "station/12", "line/2", "trip/T1": in the batch */
  const char *field;    /* "vehicles_available": in the batch */
  double      value;
  const char *text;     /* nullable: a state in words, "renting" */
} VigieHistorySample;

/* A feed's state change, as the feed health view shows it. */
typedef struct
{
  const char *state;      /* vigie_feed_state_to_string() */
  guint       latency_ms;
  const char *error;      /* nullable */
} VigieHistoryEvent;

/* What one update of one feed changed: written in one transaction. */
typedef struct
{
  char         *feed_id;
  gint64        time;       /* Unix seconds */
  GArray       *samples;    /* VigieHistorySample */
  VigieHistoryEvent *event; /* nullable */
  VigieStringSet *strings;
} VigieHistoryBatch;

VigieHistoryBatch *vigie_history_batch_new        (const char        *feed_id,
                                                   gint64             time);
void               vigie_history_batch_free       (VigieHistoryBatch *batch);
void               vigie_history_batch_add        (VigieHistoryBatch *batch,
                                                   const char        *entity,
                                                   const char        *field,
                                                   double             value);
void               vigie_history_batch_add_text   (VigieHistoryBatch *batch,
                                                   const char        *entity,
                                                   const char        *field,
                                                   const char        *text);
void               vigie_history_batch_add_gone   (VigieHistoryBatch *batch,
                                                   const char        *entity,
                                                   const char        *field);
void               vigie_history_batch_set_event  (VigieHistoryBatch *batch,
                                                   const char        *state,
                                                   guint              latency_ms,
                                                   const char        *error);
guint              vigie_history_batch_get_size   (VigieHistoryBatch *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieHistoryBatch, vigie_history_batch_free)

G_END_DECLS
