/* test-gbfs-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "vigie-feed.h"
#include "vigie-store.h"
#include "vigie-test-support.h"

/* A GBFS system whose discovery document lists the optional documents,
 * read by the feed engine from a SoupServer on 127.0.0.1: those served
 * add to the map, one missing and one cut short fail alone. */

static const char * const served[] = {
  "v23-gbfs-optional.json",
  "v23-system_information.json",
  "v23-station_information.json",
  "v23-station_status.json",
  "v23-vehicle_types.json",
  "v23-system_regions.json",
  "v23-system_alerts.json",
  "v23-geofencing_zones.json",
  /* vehicle_availability: cut in the middle. */
  "malformed-truncated.json",
  /* system_pricing_plans: not served, 404. */
};

static gboolean
is_settled (gpointer data)
{
  VigieFeed *feed = data;

  return vigie_feed_is_settled (feed) &&
         vigie_test_warnings_contain (vigie_feed_get_warnings (feed), "HTTP 404") &&
         vigie_test_warnings_contain (vigie_feed_get_warnings (feed), "cannot read");
}

static void
test_gbfs_feed_optional_documents (void)
{
  g_autoptr(SoupServer) server = vigie_test_server_new (NULL, NULL, NULL);
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autofree char *base_url = vigie_test_server_get_base_url (server);
  g_autofree char *url = g_strconcat (base_url, "/gbfs/v23-gbfs-optional.json", NULL);
  g_autoptr(VigieFeed) feed = NULL;
  g_autoptr(GVariant) alerts = NULL;
  const char * const *warnings;
  VigieStore *store;
  VigieEntity *musee, *zone;

  for (guint i = 0; i < G_N_ELEMENTS (served); i++)
    {
      g_autofree char *path = g_strconcat ("/gbfs/", served[i], NULL);

      vigie_test_server_add_fixture (server, path, "gbfs", served[i], "application/json");
    }

  feed = vigie_feed_new ("bikes", "VéloCité", VIGIE_FEED_KIND_BIKES, "gbfs", url);
  store = vigie_feed_get_store (feed);
  vigie_feed_start (feed, client);
  if (!vigie_test_spin_until (is_settled, feed, 10))
    {
      warnings = vigie_feed_get_warnings (feed);
      for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
        g_test_message ("warning: %s", warnings[i]);
      g_error ("not settled: %d, state %d", vigie_feed_is_settled (feed), vigie_feed_get_state (feed));
    }

  /* Two documents failed, the feed did not. */
  g_assert_cmpint (vigie_feed_get_state (feed), !=, VIGIE_FEED_STATE_ERROR);
  warnings = vigie_feed_get_warnings (feed);
  for (guint i = 0; warnings[i] != NULL; i++)
    g_test_message ("warning: %s", warnings[i]);
  g_assert_true (vigie_test_warnings_contain (warnings, "A secondary part of the feed is not updated"));

  /* The alert of the northern region on its stations; the storm's,
   * from 6 January 2026 on, for the whole system in the feed's lines. */
  musee = vigie_store_lookup (store, VIGIE_ENTITY_STATION, "37105800");
  g_assert_nonnull (musee);
  alerts = g_variant_lookup_value (vigie_entity_get_values (musee), "alerts", G_VARIANT_TYPE ("aa{sv}"));
  g_assert_nonnull (alerts);
  g_assert_true (vigie_test_warnings_contain (warnings, "Operator’s alert for the whole system: Service fermé pendant la tempête"));

  /* Geofencing zones as areas. */
  zone = vigie_store_lookup (store, VIGIE_ENTITY_ZONE, "zone-1");
  g_assert_nonnull (zone);
  g_assert_cmpstr (vigie_entity_get_name (zone), ==, "Centre piéton");

  vigie_feed_stop (feed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gbfs-feed/optional-documents", test_gbfs_feed_optional_documents);

  return g_test_run ();
}
