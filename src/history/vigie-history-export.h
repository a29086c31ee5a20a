/* vigie-history-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vigie-history.h"

G_BEGIN_DECLS

gboolean vigie_history_export_csv          (VigieHistoryDb       *db,
                                            const char           *feed_id,
                                            const char * const   *entities,
                                            gint64                from,
                                            gint64                to,
                                            GOutputStream        *out,
                                            GError              **error);
void     vigie_history_export_async        (VigieHistory         *history,
                                            GPtrArray            *selection,
                                            gint64                from,
                                            gint64                to,
                                            GFile                *file,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean vigie_history_export_finish       (VigieHistory         *history,
                                            GAsyncResult         *result,
                                            GError              **error);

G_END_DECLS
