/* vigie-temporal-client.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-feed-manager.h"
#include "vigie-history.h"
#include "vigie-ngsi-ld-temporal.h"
#include "vigie-snapshot.h"

G_BEGIN_DECLS

/* Bounds of one read of the broker's past. */
#define VIGIE_TEMPORAL_TIMEOUT_S        30
#define VIGIE_TEMPORAL_MAX_PAGE_BYTES   (32 * 1024 * 1024)
#define VIGIE_TEMPORAL_MAX_REQUESTS     200
#define VIGIE_TEMPORAL_PAGE_ENTITIES    100

#define VIGIE_TYPE_TEMPORAL_CLIENT (vigie_temporal_client_get_type())

G_DECLARE_FINAL_TYPE (VigieTemporalClient, vigie_temporal_client, VIGIE, TEMPORAL_CLIENT, GObject)

gboolean             vigie_temporal_feed_uses_broker      (VigieFeed            *feed);
char                *vigie_temporal_feed_dup_url          (VigieFeed            *feed);
char                *vigie_temporal_query_url             (const char           *temporal_url,
                                                           const char           *entity_id,
                                                           gint64                from,
                                                           gint64                to);
VigieTemporalData   *vigie_temporal_fetch                 (const char           *temporal_url,
                                                           const char           *entity_id,
                                                           gint64                from,
                                                           gint64                to,
                                                           GCancellable         *cancellable,
                                                           GError              **error);
VigieSnapshot       *vigie_temporal_build_snapshot        (VigieTemporalData    *data,
                                                           GPtrArray            *entities,
                                                           VigieSnapshot        *previous,
                                                           gint64                time);
VigieHistorySparkline *vigie_temporal_sparkline           (VigieTemporalData    *data,
                                                           const char           *entity_id,
                                                           const char           *field,
                                                           const char           *condition_field,
                                                           gint64                now);

void                 vigie_temporal_client_attach         (VigieHistory         *history,
                                                           VigieFeedManager     *feed_manager);
VigieTemporalClient *vigie_temporal_client_get            (VigieHistory         *history);
gboolean             vigie_temporal_client_replay_async   (VigieHistory         *history,
                                                           const char           *feed_id,
                                                           GPtrArray            *entities,
                                                           VigieSnapshot        *previous,
                                                           gint64                time,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean             vigie_temporal_client_sparkline_async (VigieHistory                 *history,
                                                            const char                   *feed_id,
                                                            const VigieHistoryMainSeries *series,
                                                            gint64                        now,
                                                            GCancellable                 *cancellable,
                                                            GAsyncReadyCallback           callback,
                                                            gpointer                      user_data);
guint                vigie_temporal_client_get_n_fetches  (VigieTemporalClient  *self);

G_END_DECLS
