/* vigie-history-return.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-entity.h"
#include "vigie-history.h"

G_BEGIN_DECLS

/* An estimate needs this many past weeks at the same hour, and looks at
 * this many at most. */
#define VIGIE_HISTORY_RETURN_MIN_WEEKS  2
#define VIGIE_HISTORY_RETURN_MAX_WEEKS  8
/* A week where no car came back within this long counts as "later". */
#define VIGIE_HISTORY_RETURN_HORIZON_S  (6 * 3600)

typedef enum
{
  VIGIE_HISTORY_RETURN_NONE,        /* nothing worth saying */
  VIGIE_HISTORY_RETURN_PUBLISHED,   /* the operator says when (GBFS 3.1) */
  VIGIE_HISTORY_RETURN_ESTIMATED,   /* from the station's past weeks */
} VigieHistoryReturnKind;

typedef struct
{
  VigieHistoryReturnKind kind;
  gint64                 at;        /* PUBLISHED: when the next car can be booked */
  gint64                 wait_s;    /* ESTIMATED: the median wait, by five minutes */
  guint                  n_weeks;   /* ESTIMATED: the weeks it is based on */
} VigieHistoryReturn;

gboolean  vigie_history_return_published     (VigieEntity              *station,
                                              gint64                    now,
                                              VigieHistoryReturn       *result);
gboolean  vigie_history_return_estimate      (const VigieHistoryRun    *runs,
                                              guint                     n_runs,
                                              gint64                    now,
                                              VigieHistoryReturn       *result);
gboolean  vigie_history_return_wanted        (VigieEntity              *station);
char     *vigie_history_return_describe      (const VigieHistoryReturn *result);
GArray   *vigie_history_return_read_runs     (VigieHistoryDb           *db,
                                              const char               *feed_id,
                                              const char               *entity,
                                              gint64                    now,
                                              GError                  **error);
void      vigie_history_load_return_async    (VigieHistory             *history,
                                              const char               *feed_id,
                                              const char               *entity,
                                              gint64                    now,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data);
gboolean  vigie_history_load_return_finish   (VigieHistory             *history,
                                              GAsyncResult             *result,
                                              VigieHistoryReturn       *estimate,
                                              GError                  **error);

G_END_DECLS
