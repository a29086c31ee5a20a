/* vigie-feed-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-feed.h"
#include "vigie-snapshot.h"

G_BEGIN_DECLS

/* What vigie-feed.c (the object, its properties and its public API) and
 * vigie-feed-documents.c (fetching, parsing and applying each document)
 * share. */

typedef struct
{
  VigieFeed     *feed;           /* borrowed: the feed owns its documents */
  char          *role;
  char          *url;
  char          *etag;
  char          *last_modified;
  VigieSnapshot *snapshot;       /* the last good parse */
  GCancellable  *cancellable;    /* while a fetch or parse is in flight */
  guint          timeout_id;
  guint          failures;
  gint64         retry_after_s;
  gint64         max_age_s;
  gint64         next_delay_ms;
  char          *error;          /* why the last attempt failed, in plain words, or NULL */
  gboolean       linked;         /* found through another document */
  gboolean       polled;         /* at least one poll finished */
  gboolean       relogged;       /* logged in again after a 401 */
} VigieFeedDocument;

struct _VigieFeed
{
  GObject          parent_instance;

  char            *id;
  char            *name;
  VigieFeedKind    kind;
  char            *format_id;
  char            *url;
  guint            poll_interval_s;
  guint64          max_body_size;
  gboolean         enabled;
  GHashTable      *options;
  char            *secret;       /* for {api_key} in addresses or the login; never shown */
  gboolean         logged_in;    /* the controller's session cookie is held */

  VigieHttpClient *client;
  GPtrArray       *documents;    /* VigieFeedDocument, main first */
  VigieStore      *store;

  VigieSnapshot   *shown;        /* the last combined snapshot applied */
  guint64          generation;   /* bumped whenever a document's snapshot changes */
  GCancellable    *combining;    /* a combination redone in a worker */
  gboolean         combine_pending; /* documents parsed, waiting for others on their way */
  guint            combine_wait_id; /* how long they may wait */

  VigieFeedState   state;
  char            *reason;
  VigieFreshness   freshness;
  gint64           last_success;
  gint64           last_error_at;
  char            *last_error;
  guint            http_status;
  guint            latency_ms;
  guint64          bytes;
  guint            n_records;
  guint            n_warnings;
  GStrv            warnings;
  GPtrArray       *link_warnings; /* links refused, in words */
  gint64           fetched_at;
  gint64           observed_at;
  guint            running : 1;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_FORMAT_ID,
  PROP_URL,
  PROP_POLL_INTERVAL,
  PROP_MAX_BODY_SIZE,
  PROP_ENABLED,
  PROP_STORE,
  PROP_STATE,
  PROP_REASON,
  PROP_FRESHNESS,
  PROP_LAST_SUCCESS,
  PROP_LAST_ERROR,
  PROP_HTTP_STATUS,
  PROP_LATENCY_MS,
  PROP_BYTES,
  PROP_N_RECORDS,
  PROP_N_WARNINGS,
  PROP_FETCHED_AT,
  PROP_OBSERVED_AT,
  N_PROPS
};

#define VIGIE_FEED_SET_NUMBER(self, field, value, prop_id)                       \
  G_STMT_START {                                                                 \
    if ((self)->field != (value))                                                \
      {                                                                          \
        (self)->field = (value);                                                 \
        vigie_feed_notify ((self), (prop_id));                                   \
      }                                                                          \
  } G_STMT_END

/* vigie-feed.c */
void               vigie_feed_notify         (VigieFeed          *self,
                                              guint               prop_id);
void               vigie_feed_emit_polled    (VigieFeed          *self,
                                              const char         *role,
                                              gboolean            success);
gboolean           vigie_feed_replace_str    (char              **field,
                                              const char         *value);
void               vigie_feed_set_string     (VigieFeed          *self,
                                              char              **field,
                                              const char         *value,
                                              guint               prop_id);

/* vigie-feed-documents.c */
VigieFeedDocument *vigie_feed_document_new   (VigieFeed          *feed,
                                              const char         *role,
                                              const char         *url,
                                              gboolean            linked);
void               vigie_feed_document_stop  (VigieFeedDocument  *doc);
void               vigie_feed_document_free  (VigieFeedDocument  *doc);
void               vigie_feed_document_fetch (VigieFeedDocument  *doc);
VigieFeedDocument *vigie_feed_find_document  (VigieFeed          *self,
                                              const char         *role);
const char        *vigie_feed_login_path     (VigieFeed          *self);
void               vigie_feed_update_state   (VigieFeed          *self);

G_END_DECLS
