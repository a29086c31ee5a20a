/* vigie-history-steps.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-history-db.h"

G_BEGIN_DECLS

/* Every entity of a feed that has a field, sampled at regular steps: the
 * studies and the typical day read the history this way. */
typedef struct
{
  gint64      from;      /* the first step's start, Unix seconds */
  guint       step_s;
  guint       n_steps;
  GHashTable *values;    /* entity → double[n_steps], NAN where unknown */
} VigieHistorySteps;

VigieHistorySteps *vigie_history_steps_read  (VigieHistoryDb    *db,
                                              const char        *feed_id,
                                              const char        *field,
                                              gint64             from,
                                              gint64             to,
                                              guint              step_s,
                                              GError           **error);
void               vigie_history_steps_free  (VigieHistorySteps *steps);
void               vigie_history_steps_fill_run (double          *values,
                                                 guint            n_steps,
                                                 gint64           from,
                                                 guint            step_s,
                                                 gint64           run_from,
                                                 gint64           run_until,
                                                 double           value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieHistorySteps, vigie_history_steps_free)

G_END_DECLS
