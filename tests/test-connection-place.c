/* test-connection-place.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-connection-place.h"
#include "vigie-http-client.h"
#include "vigie-test-support.h"

#include <string.h>

/* The station, its interchange stop and the walks come from the city's
 * profile; the walk the operator sets is kept between sessions. */

#define CITY \
  "[Profile]\nName=Test\nLatitude=47.75\nLongitude=7.34\n" \
  "[Feed ter]\nName=TER\nKind=trains\nFormat=gtfs\nUrl=http://127.0.0.1:9/ter.zip\n" \
  "[Feed trams]\nName=Trams\nKind=trams\nFormat=gtfs\nUrl=http://127.0.0.1:9/trams.zip\n"

#define CONNECTIONS \
  "[Connections]\nTrainFeed=ter\nStation=StopArea:OCE87182063\nStationName=Mulhouse-Ville\n" \
  "TramFeed=trams\nInterchange=GAR\nInterchangeName=Gare Centrale\nInterchangeName[fr]=Gare centrale\n" \
  "WalkMinutes=5\nNearbyStops=REP;PJN\nNearbyNames=République;Porte Jeune\nNearbyWalkMinutes=9;16\n"

static VigieFeedManager *
make_manager (void)
{
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");

  return vigie_feed_manager_new (client);
}

static VigieProfile *
make_profile (const char *text)
{
  g_autoptr(GError) error = NULL;
  VigieProfile *profile = vigie_profile_new_from_data ("test", text, -1, &error);

  g_assert_no_error (error);
  return profile;
}

static void
test_place_from_profile (void)
{
  g_autoptr(VigieFeedManager) manager = make_manager ();
  g_autoptr(VigieProfile) profile = make_profile (CITY CONNECTIONS);
  g_autoptr(VigieConnectionWatch) watch = NULL;
  g_autoptr(GError) error = NULL;
  const VigieConnectionPlace *place;
  VigieFeedKind kind = VIGIE_FEED_KIND_TRAMS;

  /* The train network is of its own kind. */
  g_assert_true (vigie_feed_kind_from_string ("trains", &kind));
  g_assert_cmpint (kind, ==, VIGIE_FEED_KIND_TRAINS);
  g_assert_cmpstr (vigie_feed_kind_to_string (VIGIE_FEED_KIND_TRAINS), ==, "trains");

  watch = vigie_connection_watch_new_for_profile (manager, profile, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (watch);

  place = vigie_connection_watch_get_place (watch);
  g_assert_cmpstr (place->train_feed_id, ==, "ter");
  g_assert_cmpstr (place->station_id, ==, "StopArea:OCE87182063");
  g_assert_cmpstr (place->station_name, ==, "Mulhouse-Ville");
  g_assert_cmpstr (place->tram_feed_id, ==, "trams");
  g_assert_cmpstr (place->interchange_id, ==, "GAR");
  g_assert_cmpstr (place->interchange_name, ==, "Gare Centrale");
  g_assert_cmpstr (place->other_ids[0], ==, "REP");
  g_assert_cmpstr (place->other_names[1], ==, "Porte Jeune");
  g_assert_cmpint (place->other_walk_s[1], ==, 16 * 60);
  g_assert_null (place->other_ids[2]);
  g_assert_cmpint (vigie_connection_watch_get_walk_time (watch), ==, 5 * 60);
}

static void
test_place_absent (void)
{
  g_autoptr(VigieFeedManager) manager = make_manager ();
  g_autoptr(VigieProfile) profile = make_profile (CITY);
  g_autoptr(GError) error = NULL;

  /* A city without the section has no connections, and that is no error. */
  g_assert_null (vigie_connection_watch_new_for_profile (manager, profile, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (vigie_connection_watch_new_for_profile (manager, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_place_invalid (void)
{
  static const char * const cases[] = {
    "[Connections]\nTrainFeed=ter\nTramFeed=trams\nInterchange=GAR\n",                      /* no station */
    "[Connections]\nTrainFeed=ter\nStation=S\nTramFeed=trams\nInterchange=GAR\nWalkMinutes=-3\n",
    "[Connections]\nTrainFeed=ter\nStation=S\nTramFeed=trams\nInterchange=GAR\nWalkMinutes=soon\n",
    "[Connections]\nTrainFeed=ter\nStation=S\nTramFeed=trams\nInterchange=GAR\n"
    "NearbyStops=A;B\nNearbyNames=A\nNearbyWalkMinutes=3;4\n",
    "[Connections]\nTrainFeed=ter\nStation=S\nTramFeed=trams\nInterchange=GAR\n"
    "NearbyStops=A;B;C;D;E\nNearbyNames=A;B;C;D;E\nNearbyWalkMinutes=1;2;3;4;5\n",
    "[Connections]\nTrainFeed=ter\nStation=S\nTramFeed=trams\nInterchange=GAR\n"
    "NearbyStops=A\nNearbyNames=A\nNearbyWalkMinutes=90\n",
  };
  g_autoptr(VigieFeedManager) manager = make_manager ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat (CITY, cases[i], NULL);
      g_autoptr(VigieProfile) profile = make_profile (text);
      g_autoptr(GError) error = NULL;
      GKeyFileError code = i == 0 ? G_KEY_FILE_ERROR_KEY_NOT_FOUND : G_KEY_FILE_ERROR_INVALID_VALUE;

      g_test_message ("case %u", i);
      g_assert_null (vigie_connection_watch_new_for_profile (manager, profile, NULL, &error));
      g_assert_error (error, G_KEY_FILE_ERROR, (int) code);
      g_assert_true (strstr (error->message, "[Connections]") != NULL);
    }
}

static void
test_walk_kept (void)
{
  g_autoptr(GSettings) settings = vigie_test_settings_in_memory ();
  g_autoptr(VigieFeedManager) manager = make_manager ();
  g_autoptr(VigieProfile) profile = make_profile (CITY CONNECTIONS);
  g_autoptr(VigieConnectionWatch) first = NULL;
  g_autoptr(VigieConnectionWatch) next = NULL;

  /* Nothing set yet: the profile's walk. */
  first = vigie_connection_watch_new_for_profile (manager, profile, settings, NULL);
  g_assert_cmpint (vigie_connection_watch_get_walk_time (first), ==, 5 * 60);
  g_assert_cmpint (g_settings_get_int (settings, VIGIE_CONNECTION_WALK_KEY), ==, -1);

  /* The operator sets 7 min in the panel... */
  vigie_connection_watch_set_walk_time (first, 7 * 60);
  g_assert_cmpint (g_settings_get_int (settings, VIGIE_CONNECTION_WALK_KEY), ==, 7);
  g_clear_object (&first);

  /* ...and finds them in the next session. */
  next = vigie_connection_watch_new_for_profile (manager, profile, settings, NULL);
  g_assert_cmpint (vigie_connection_watch_get_walk_time (next), ==, 7 * 60);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/connection-place/from-profile", test_place_from_profile);
  g_test_add_func ("/connection-place/absent", test_place_absent);
  g_test_add_func ("/connection-place/invalid", test_place_invalid);
  g_test_add_func ("/connection-place/walk-kept", test_walk_kept);

  return g_test_run ();
}
