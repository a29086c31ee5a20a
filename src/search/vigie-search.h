/* vigie-search.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-entity.h"
#include "vigie-feed-manager.h"

G_BEGIN_DECLS

/* One thing found. */
typedef struct
{
  char            *feed_id;
  char            *feed_name;
  VigieFeedKind    feed_kind;
  VigieEntityKind  kind;
  char            *id;
  char            *name;      /* plain text */
  char            *detail;    /* what else matched or says what it is */
  int              score;     /* higher is better */
} VigieSearchResult;

void                vigie_search_result_free (VigieSearchResult *result);
char               *vigie_search_fold        (const char        *text);

/* The searchable text of one feed's entities, built in a worker. */
typedef struct _VigieSearchPart VigieSearchPart;

VigieSearchPart    *vigie_search_part_new    (const char        *feed_id,
                                              const char        *feed_name,
                                              VigieFeedKind      feed_kind,
                                              GPtrArray         *entities);
VigieSearchPart    *vigie_search_part_new_from (const char      *feed_id,
                                                const char      *feed_name,
                                                VigieFeedKind    feed_kind,
                                                GPtrArray       *entities,
                                                VigieSearchPart *previous);
void                vigie_search_part_unref  (VigieSearchPart   *part);
VigieSearchPart    *vigie_search_part_ref    (VigieSearchPart   *part);
GPtrArray          *vigie_search_parts_query (GPtrArray         *parts,
                                              const char        *query,
                                              guint              max_results);

#define VIGIE_TYPE_SEARCH (vigie_search_get_type())

G_DECLARE_FINAL_TYPE (VigieSearch, vigie_search, VIGIE, SEARCH, GObject)

VigieSearch *vigie_search_new          (VigieFeedManager     *feeds);
void         vigie_search_query_async  (VigieSearch          *self,
                                        const char           *query,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GPtrArray   *vigie_search_query_finish (VigieSearch          *self,
                                        GAsyncResult         *result,
                                        GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieSearchResult, vigie_search_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieSearchPart, vigie_search_part_unref)

G_END_DECLS
