/* vigie-departure-interest.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The stops someone is looking at (an open stop's details, a connection
 * watch), whose boards are built in full; the others of a large network
 * get a short board (vigie_departures_build_bounded()). Thread-safe: the
 * main thread says what it looks at, a feed's worker reads it. */

void        vigie_departure_interest_add    (const char *feed_id,
                                             const char *stop_id);
void        vigie_departure_interest_remove (const char *feed_id,
                                             const char *stop_id);
GHashTable *vigie_departure_interest_dup    (const char *feed_id);

G_END_DECLS
