/* vigie-temporal-fetch.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-feed.h"
#include "vigie-ngsi-ld-temporal.h"

G_BEGIN_DECLS

/* Bounds of one read of a broker's past. */
#define VIGIE_TEMPORAL_TIMEOUT_S        30
#define VIGIE_TEMPORAL_MAX_PAGE_BYTES   (32 * 1024 * 1024)
#define VIGIE_TEMPORAL_MAX_REQUESTS     200
#define VIGIE_TEMPORAL_PAGE_ENTITIES    100

gboolean           vigie_temporal_feed_uses_broker (VigieFeed     *feed);
char              *vigie_temporal_feed_dup_url     (VigieFeed     *feed);
char              *vigie_temporal_query_url        (const char    *temporal_url,
                                                    const char    *entity_id,
                                                    const char    *attrs,
                                                    gint64         from,
                                                    gint64         to);
VigieTemporalData *vigie_temporal_fetch            (const char    *temporal_url,
                                                    const char    *entity_id,
                                                    const char    *attrs,
                                                    gint64         from,
                                                    gint64         to,
                                                    GCancellable  *cancellable,
                                                    GError       **error);

G_END_DECLS
