/* vigie-history-days.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-history.h"

G_BEGIN_DECLS

guint32  vigie_history_days_read          (VigieHistoryDb  *db,
                                           const gint64    *bounds,
                                           guint            n_days,
                                           GError         **error);
void     vigie_history_load_days_async    (VigieHistory    *history,
                                           GDateTime       *month,
                                           GCancellable    *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer         user_data);
gboolean vigie_history_load_days_finish   (VigieHistory    *history,
                                           GAsyncResult    *result,
                                           guint32         *days,
                                           GError         **error);

G_END_DECLS
