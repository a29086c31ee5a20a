/* vigie-inspect-departures.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-snapshot.h"

G_BEGIN_DECLS

gboolean vigie_inspect_print_departures (VigieSnapshot *snapshot,
                                         const char    *stop_id,
                                         gint64         now,
                                         gboolean       tsv);

G_END_DECLS
