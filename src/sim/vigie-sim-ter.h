/* vigie-sim-ter.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vigie-sim-model.h"

G_BEGIN_DECLS

/* The simulated regional trains (TER) between Strasbourg and Basel
 * through Mulhouse-Ville: their GTFS and their GTFS-Realtime
 * TripUpdates, with delays drawn from the seed, for the connection watch. */

#define VIGIE_SIM_TER_STATION "MULHOUSE-VILLE"

/* Where the demo's trains meet its trams is written into its profile's
 * [Connections] group (vigie-simulator.c); the simulator itself knows
 * nothing of it. */

GBytes *vigie_sim_render_ter_gtfs         (const VigieSimContext *context);
GBytes *vigie_sim_render_ter_trip_updates (const VigieSimContext *context);
guint   vigie_sim_ter_n_stations          (void);
gint64  vigie_sim_ter_delay               (const VigieSimContext *context,
                                           const char            *trip_id,
                                           gboolean              *canceled);

/* vigie-sim-gtfs.c: a zip of text members, as the trams' GTFS is written */
GBytes *vigie_sim_zip_texts               (const char * const    *names,
                                           GString              **contents,
                                           guint                  n_members);

G_END_DECLS
