/* vigie-gtfs-sources.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-gtfs.h"

G_BEGIN_DECLS

/* What a GTFS feed's combined snapshot was made from, kept on it for the
 * work that follows the update in the worker (the departure boards of
 * src/transit/): the timetable and the trip updates. */

void     vigie_gtfs_sources_attach (VigieSnapshot  *combined,
                                    VigieGtfs      *gtfs,
                                    VigieSnapshot  *trip_updates);
gboolean vigie_gtfs_sources_get    (VigieSnapshot  *combined,
                                    VigieGtfs     **gtfs,
                                    VigieSnapshot **trip_updates);

G_END_DECLS
