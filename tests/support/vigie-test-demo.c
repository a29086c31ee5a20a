/* vigie-test-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-clock.h"
#include "vigie-connection-place.h"
#include "vigie-profile.h"
#include "vigie-sim-ter.h"
#include "vigie-test-demo.h"
#include "vigie-test-support.h"

/* Starts the demo city of @seed at @now, on the app's clock too. */
void
vigie_test_demo_start (VigieTestDemo *demo,
                       guint64        seed,
                       gint64         now)
{
  g_autoptr(VigieProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  demo->simulator = vigie_simulator_new (seed);
  demo->client = vigie_http_client_new ("Vigie-test");
  demo->manager = vigie_feed_manager_new (demo->client);
  demo->departures = vigie_departure_watch_new (demo->manager);

  vigie_simulator_set_time (demo->simulator, now);
  vigie_simulator_start (demo->simulator, 0, &error);
  g_assert_no_error (error);
  vigie_clock_set_time (now);

  text = vigie_simulator_dup_profile (demo->simulator);
  profile = vigie_profile_new_from_data ("demo", text, -1, &error);
  g_assert_no_error (error);
  vigie_feed_manager_load_profile (demo->manager, profile);
  /* The place is the demo profile's own. */
  demo->watch = vigie_connection_watch_new_for_profile (demo->manager, profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (demo->watch);
  g_assert_cmpstr (vigie_connection_watch_get_place (demo->watch)->station_id, ==, VIGIE_SIM_TER_STATION);
}

/* Stops the feeds and the simulator, the app's clock back to the real
 * one, and drops it all. */
void
vigie_test_demo_stop (VigieTestDemo *demo)
{
  vigie_feed_manager_stop (demo->manager);
  vigie_simulator_stop (demo->simulator);
  vigie_clock_set_time (0);

  g_clear_object (&demo->watch);
  g_clear_object (&demo->departures);
  g_clear_object (&demo->manager);
  g_clear_object (&demo->client);
  g_clear_object (&demo->simulator);
}
