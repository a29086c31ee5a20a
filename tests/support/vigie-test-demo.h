/* vigie-test-demo.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-connection-watch.h"
#include "vigie-departure-watch.h"
#include "vigie-feed-manager.h"
#include "vigie-http-client.h"
#include "vigie-simulator.h"

G_BEGIN_DECLS

/* The demo city for the tests that run the app's feed engine on it: the
 * simulator serving on 127.0.0.1 at a given time, the app's feeds loaded
 * from its profile (not started), their departure boards watched and the
 * connections at its station. Built into the tests that link vigie-sim
 * (see meson.build): the test library links the core alone. */
typedef struct
{
  VigieSimulator       *simulator;
  VigieHttpClient      *client;
  VigieFeedManager     *manager;
  VigieDepartureWatch  *departures;
  VigieConnectionWatch *watch;
} VigieTestDemo;

void vigie_test_demo_start (VigieTestDemo *demo,
                            guint64        seed,
                            gint64         now);
void vigie_test_demo_stop  (VigieTestDemo *demo);

G_END_DECLS
