/* vigie-feed.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-http-client.h"
#include "vigie-store.h"
#include "vigie-types.h"

G_BEGIN_DECLS

typedef enum
{
  VIGIE_FEED_STATE_IDLE,      /* not polled */
  VIGIE_FEED_STATE_FETCHING,  /* a request is in flight */
  VIGIE_FEED_STATE_OK,        /* the last poll worked and the data is recent */
  VIGIE_FEED_STATE_STALE,     /* the last poll worked but the data is old */
  VIGIE_FEED_STATE_ERROR,     /* the last poll failed; the last good data is kept */
} VigieFeedState;

#define VIGIE_FEED_DEFAULT_POLL_INTERVAL_S 30

#define VIGIE_TYPE_FEED (vigie_feed_get_type())

G_DECLARE_FINAL_TYPE (VigieFeed, vigie_feed, VIGIE, FEED, GObject)

VigieFeed      *vigie_feed_new                (const char      *id,
                                               const char      *name,
                                               VigieFeedKind    kind,
                                               const char      *format_id,
                                               const char      *url);
const char     *vigie_feed_get_id             (VigieFeed       *self);
const char     *vigie_feed_get_name           (VigieFeed       *self);
void            vigie_feed_set_name           (VigieFeed       *self,
                                               const char      *name);
VigieFeedKind   vigie_feed_get_kind           (VigieFeed       *self);
const char     *vigie_feed_get_format_id      (VigieFeed       *self);
const char     *vigie_feed_get_url            (VigieFeed       *self);
void            vigie_feed_set_role_url       (VigieFeed       *self,
                                               const char      *role,
                                               const char      *url);
guint           vigie_feed_get_poll_interval  (VigieFeed       *self);
void            vigie_feed_set_poll_interval  (VigieFeed       *self,
                                               guint            poll_interval_s);
guint64         vigie_feed_get_max_body_size  (VigieFeed       *self);
void            vigie_feed_set_max_body_size  (VigieFeed       *self,
                                               guint64          max_body_size);
gboolean        vigie_feed_get_enabled        (VigieFeed       *self);
void            vigie_feed_set_enabled        (VigieFeed       *self,
                                               gboolean         enabled);
void            vigie_feed_set_option         (VigieFeed       *self,
                                               const char      *key,
                                               const char      *value);
const char     *vigie_feed_get_option         (VigieFeed       *self,
                                               const char      *key);
gboolean        vigie_feed_needs_secret       (VigieFeed       *self);
void            vigie_feed_set_secret         (VigieFeed       *self,
                                               const char      *secret);

void            vigie_feed_start              (VigieFeed       *self,
                                               VigieHttpClient *client);
void            vigie_feed_stop               (VigieFeed       *self);
void            vigie_feed_refresh            (VigieFeed       *self);
void            vigie_feed_update_freshness   (VigieFeed       *self,
                                               gint64           now);

VigieStore     *vigie_feed_get_store          (VigieFeed       *self);
VigieFeedState  vigie_feed_get_state          (VigieFeed       *self);
const char     *vigie_feed_get_reason         (VigieFeed       *self);
VigieFreshness  vigie_feed_get_freshness      (VigieFeed       *self);
gint64          vigie_feed_get_last_success   (VigieFeed       *self);
gint64          vigie_feed_get_last_error_at  (VigieFeed       *self);
const char     *vigie_feed_get_last_error     (VigieFeed       *self);
guint           vigie_feed_get_http_status    (VigieFeed       *self);
guint           vigie_feed_get_latency_ms     (VigieFeed       *self);
guint64         vigie_feed_get_bytes          (VigieFeed       *self);
guint           vigie_feed_get_n_records      (VigieFeed       *self);
guint           vigie_feed_get_n_warnings     (VigieFeed       *self);
const char * const *vigie_feed_get_warnings   (VigieFeed       *self);
gint64          vigie_feed_get_fetched_at     (VigieFeed       *self);
gint64          vigie_feed_get_observed_at    (VigieFeed       *self);
gint64          vigie_feed_get_next_poll_ms   (VigieFeed       *self);
guint           vigie_feed_get_n_failures     (VigieFeed       *self);
gboolean        vigie_feed_is_settled         (VigieFeed       *self);

const char     *vigie_feed_state_to_string    (VigieFeedState   state);

G_END_DECLS
