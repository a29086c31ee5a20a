/* vigie-connection-watch.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-connections.h"
#include "vigie-feed-manager.h"

G_BEGIN_DECLS

/* Where the trains meet the trams: the station of the train feed, the
 * interchange stop of the tram feed, and the stops within walking
 * distance. */
typedef struct
{
  const char *train_feed_id;
  const char *station_id;
  const char *station_name;
  const char *tram_feed_id;
  const char *interchange_id;
  const char *interchange_name;
  const char *other_ids[4];      /* NULL-terminated when fewer */
  const char *other_names[4];
  gint64      other_walk_s[4];
} VigieConnectionPlace;

#define VIGIE_TYPE_CONNECTION_WATCH (vigie_connection_watch_get_type())

G_DECLARE_FINAL_TYPE (VigieConnectionWatch, vigie_connection_watch, VIGIE, CONNECTION_WATCH, GObject)

VigieConnectionWatch  *vigie_connection_watch_new             (VigieFeedManager           *manager,
                                                               const VigieConnectionPlace *place);
const VigieConnectionPlace *vigie_connection_watch_get_place  (VigieConnectionWatch       *self);
void                   vigie_connection_watch_set_walk_time   (VigieConnectionWatch       *self,
                                                               gint64                      walk_s);
gint64                 vigie_connection_watch_get_walk_time   (VigieConnectionWatch       *self);
const VigieConnection *vigie_connection_watch_get_connections (VigieConnectionWatch       *self,
                                                               guint                      *n_connections);
void                   vigie_connection_watch_update          (VigieConnectionWatch       *self);

G_END_DECLS
