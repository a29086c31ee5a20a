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

/* Where the demo's trains meet its trams, as a VigieConnectionPlace
 * (src/transit/vigie-connection-watch.h) initializer: Mulhouse-Ville and
 * the Gare Centrale tram stop in front of it; stops of the city centre
 * within a walk, timed at 1.2 m/s along the streets (a third longer
 * than as the crow flies). The simulator itself knows nothing of it. */
#define VIGIE_SIM_CONNECTION_PLACE {                               \
    .train_feed_id = "ter",                                        \
    .station_id = VIGIE_SIM_TER_STATION,                           \
    .station_name = "Mulhouse-Ville",                              \
    .tram_feed_id = "trams",                                       \
    .interchange_id = "place_GAR",                                 \
    .interchange_name = "Gare Centrale",                           \
    .other_ids = { "place_REP", "place_PJN", NULL },               \
    .other_names = { "République", "Porte Jeune", NULL },          \
    .other_walk_s = { 9 * 60, 16 * 60, 0 },                        \
  }

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
