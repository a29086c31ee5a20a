/* vigie-temporal-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-feed-manager.h"
#include "vigie-history.h"
#include "vigie-temporal-fetch.h"
#include "vigie-temporal-past.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_TEMPORAL_CLIENT (vigie_temporal_client_get_type())

G_DECLARE_FINAL_TYPE (VigieTemporalClient, vigie_temporal_client, VIGIE, TEMPORAL_CLIENT, GObject)

void                 vigie_temporal_client_attach          (VigieHistory                 *history,
                                                            VigieFeedManager             *feed_manager);
VigieTemporalClient *vigie_temporal_client_get             (VigieHistory                 *history);
gboolean             vigie_temporal_client_replay_async    (VigieHistory                 *history,
                                                            const char                   *feed_id,
                                                            GPtrArray                    *entities,
                                                            VigieSnapshot                *previous,
                                                            gint64                        time,
                                                            GCancellable                 *cancellable,
                                                            GAsyncReadyCallback           callback,
                                                            gpointer                      user_data);
gboolean             vigie_temporal_client_sparkline_async (VigieHistory                 *history,
                                                            const char                   *feed_id,
                                                            const VigieHistoryMainSeries *series,
                                                            gint64                        now,
                                                            GCancellable                 *cancellable,
                                                            GAsyncReadyCallback           callback,
                                                            gpointer                      user_data);
guint                vigie_temporal_client_get_n_fetches   (VigieTemporalClient          *self);

G_END_DECLS
