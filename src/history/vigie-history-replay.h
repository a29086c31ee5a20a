/* vigie-history-replay.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-history.h"
#include "vigie-snapshot.h"

G_BEGIN_DECLS

/* Replay: the last day, at this resolution. */
#define VIGIE_HISTORY_REPLAY_SPAN_S  (24 * 3600)
#define VIGIE_HISTORY_REPLAY_STEP_S  VIGIE_HISTORY_BUCKET_S

VigieSnapshot *vigie_history_replay_build        (VigieHistoryDb       *db,
                                                  const char           *feed_id,
                                                  GPtrArray            *entities,
                                                  VigieSnapshot        *previous,
                                                  gint64                time,
                                                  GError              **error);
void           vigie_history_replay_return_local (GTask                *task,
                                                  const char           *path,
                                                  const char           *feed_id,
                                                  GPtrArray            *entities,
                                                  VigieSnapshot        *previous,
                                                  gint64                time);
void           vigie_history_replay_build_async  (VigieHistory         *history,
                                                  const char           *feed_id,
                                                  GPtrArray            *entities,
                                                  VigieSnapshot        *previous,
                                                  gint64                time,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
VigieSnapshot *vigie_history_replay_build_finish (VigieHistory         *history,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS
