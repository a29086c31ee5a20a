/* vigie-temporal-past.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-history.h"
#include "vigie-ngsi-ld-temporal.h"
#include "vigie-snapshot.h"

G_BEGIN_DECLS

VigieSnapshot         *vigie_temporal_build_snapshot (VigieTemporalData *data,
                                                      GPtrArray         *entities,
                                                      VigieSnapshot     *previous,
                                                      gint64             time);
VigieHistorySparkline *vigie_temporal_sparkline      (VigieTemporalData *data,
                                                      const char        *entity_id,
                                                      const char        *field,
                                                      const char        *condition_field,
                                                      gint64             now);

G_END_DECLS
