/* vigie-history-starts.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-history-db.h"

G_BEGIN_DECLS

GHashTable *vigie_history_db_read_zero_starts (VigieHistoryDb  *db,
                                               const char      *feed_id,
                                               const char      *field,
                                               gint64           now,
                                               GError         **error);
gboolean    vigie_history_read_zero_starts_file (const char         *path,
                                                 const char         *feed_id,
                                                 const char * const *fields,
                                                 gint64              now,
                                                 GHashTable        **starts,
                                                 GError            **error);

G_END_DECLS
