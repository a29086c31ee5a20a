/* vigie-simulator-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "vigie-sim-city.h"
#include "vigie-sim-model.h"
#include "vigie-sim-render.h"
#include "vigie-simulator.h"

G_BEGIN_DECLS

/* What the simulator object (vigie-simulator.c: clock, faults, public
 * API) and its HTTP side (vigie-sim-server.c: one request from the
 * SoupServer to the rendered, possibly broken, answer) share. */

typedef struct
{
  guint    latency_ms;
  guint    status;
  gboolean malformed;
  gboolean truncated;
  gint64   stale_s;
  gboolean frozen;
  gint64   frozen_at;
  gint64   from;       /* simulated time it starts; 0: from the start */
} Fault;

struct _VigieSimulator
{
  GObject       parent_instance;

  VigieSimCity *city;
  GTimeZone    *tz;
  SoupServer   *server;
  guint         port;

  guint64       seed;
  guint         scale;
  double        speed;
  gboolean      frozen;
  gint64        origin_sim;       /* simulated unix seconds at origin_real */
  gint64        origin_real;      /* real monotonic-free wall clock, µs */

  Fault         faults[VIGIE_SIM_N_FEEDS];
  GCancellable *cancellable;

  GMutex        clock_lock;       /* the clock, read by a server thread */
  guint         n_rendering;      /* server side: renders in flight */

  GMutex        gtfs_lock;
  GBytes       *gtfs;             /* the zip depends on the seed only */
  guint64       gtfs_seed;
};

gint64       vigie_simulator_current_time    (VigieSimulator         *self);
const Fault *vigie_simulator_active_fault    (VigieSimulator         *self,
                                              VigieSimFeed            feed);
void         vigie_simulator_make_context    (VigieSimulator         *self,
                                              const Fault            *fault,
                                              VigieSimContext        *context);
char        *vigie_simulator_base_url        (VigieSimulator         *self);
void         vigie_simulator_render_document (VigieSimulator         *self,
                                              const VigieSimContext  *context,
                                              const char             *url,
                                              const char             *path,
                                              GHashTable             *query,
                                              VigieSimDocument       *document);
void         vigie_simulator_on_request_cb   (SoupServer             *server,
                                              SoupServerMessage      *msg,
                                              const char             *path,
                                              GHashTable             *query,
                                              gpointer                user_data);

G_END_DECLS
