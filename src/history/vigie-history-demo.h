/* vigie-history-demo.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-history.h"
#include "vigie-simulator.h"

G_BEGIN_DECLS

/* The past the demo city is given on its first start. */
#define VIGIE_HISTORY_DEMO_DAYS    7
#define VIGIE_HISTORY_DEMO_STEP_S  VIGIE_HISTORY_BUCKET_S

typedef struct
{
  guint   n_steps;      /* instants rendered, per feed */
  guint   n_batches;    /* transactions written */
  guint64 n_samples;    /* values that changed */
  guint   n_failed;     /* documents that could not be read */
} VigieHistoryDemoStats;

guint64  vigie_history_demo_fill     (VigieHistory           *history,
                                      VigieSimulator         *simulator,
                                      gint64                  now);
gboolean vigie_history_demo_fill_db  (VigieHistoryDb         *db,
                                      guint64                 seed,
                                      guint                   scale,
                                      gint64                  from,
                                      gint64                  to,
                                      guint                   step_s,
                                      VigieHistoryQueue      *queue,
                                      VigieHistoryDemoStats  *stats,
                                      GError                **error);
gboolean vigie_history_demo_has_past (VigieHistoryDb         *db);

G_END_DECLS
