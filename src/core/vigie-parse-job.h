/* vigie-parse-job.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "vigie-format.h"
#include "vigie-snapshot.h"
#include "vigie-tap.h"

G_BEGIN_DECLS

/* What a feed hands to a worker thread: one document to parse and
 * combine with the others' last good snapshots, or (role NULL) only
 * a combination to make again. The worker touches nothing else. */
typedef struct
{
  const VigieFormat  *format;
  char               *role;         /* NULL: only combining again */
  GBytes             *bytes;
  char               *content_type;
  SoupMessageHeaders *headers;
  GHashTable         *snapshots;    /* role → VigieSnapshot, the others' last good ones */
  GHashTable         *options;
  char               *language;
  char               *base_url;
  gint64              now;
  VigieSnapshot      *previous;     /* the snapshot shown now, prepared */
  guint64             generation;   /* the feed's when the job started */
  gboolean            parse_only;   /* combined later, with documents still on their way */
  VigieSnapshot      *parsed;       /* out */
  VigieSnapshot      *combined;     /* out */
  char               *feed_id;
  char               *format_id;
  GPtrArray          *taps;         /* VigieTap, run after preparing */
  gpointer           *tap_results;  /* out, one per tap */
  gint64              made_at;      /* monotonic µs: the wait for a worker, */
  gint64              started_at;   /* out, and the work, for the log */
  gint64              ended_at;     /* out */
} VigieParseJob;

VigieParseJob *vigie_parse_job_new          (const VigieFormat  *format,
                                             GHashTable         *options,
                                             VigieSnapshot      *shown,
                                             guint64             generation,
                                             gint64              now);
void           vigie_parse_job_set_document (VigieParseJob      *job,
                                             const char         *role,
                                             const char         *url,
                                             GBytes             *bytes,
                                             const char         *content_type,
                                             SoupMessageHeaders *headers);
void           vigie_parse_job_add_snapshot (VigieParseJob      *job,
                                             const char         *role,
                                             VigieSnapshot      *snapshot);
void           vigie_parse_job_set_taps     (VigieParseJob      *job,
                                             const char         *feed_id,
                                             const char         *format_id,
                                             GPtrArray          *taps);
void           vigie_parse_job_apply_taps   (VigieParseJob      *job);
void           vigie_parse_job_free         (VigieParseJob      *job);
void           vigie_parse_job_run          (GTask              *task,
                                             gpointer            source_object,
                                             gpointer            task_data,
                                             GCancellable       *cancellable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieParseJob, vigie_parse_job_free)

G_END_DECLS
