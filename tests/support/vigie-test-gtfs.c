/* vigie-test-gtfs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-test-gtfs.h"
#include "vigie-test-support.h"

static int
compare_names_reversed (gconstpointer a,
                        gconstpointer b)
{
  return -g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GBytes *
vigie_test_gtfs_zip_directory (const char *path)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names_reversed);
  g_ptr_array_add (names, NULL);

  return vigie_test_zip_files (path, (const char * const *) names->pdata, NULL, NULL);
}

GBytes *
vigie_test_gtfs_zip_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "gtfs", name, NULL);

  return vigie_test_gtfs_zip_directory (path);
}

VigieGtfs *
vigie_test_gtfs_load_fixture (const char             *name,
                              const VigieGtfsOptions *options)
{
  g_autoptr(GBytes) zip = vigie_test_gtfs_zip_fixture (name);
  g_autoptr(GError) error = NULL;
  VigieGtfs *gtfs;

  gtfs = vigie_gtfs_load_from_bytes (zip, options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (gtfs);

  return gtfs;
}

gint64
vigie_test_paris_time (int year,
                       int month,
                       int day,
                       int hour,
                       int minute,
                       int second)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GDateTime) when = g_date_time_new (zone, year, month, day, hour, minute, second);

  return g_date_time_to_unix (when);
}

gint64
vigie_test_utc_time (int year,
                     int month,
                     int day,
                     int hour,
                     int minute,
                     int second)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (year, month, day, hour, minute, second);

  return g_date_time_to_unix (when);
}

/* Positions of the trips running at @when, by trip id. */
GHashTable *
vigie_test_gtfs_positions_at (VigieGtfs *gtfs,
                              gint64     when)
{
  g_autoptr(GArray) positions = vigie_gtfs_active_trips_at (gtfs, when);
  GHashTable *by_trip = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < positions->len; i++)
    {
      VigieGtfsPosition *position = &g_array_index (positions, VigieGtfsPosition, i);

      g_assert_false (g_hash_table_contains (by_trip, position->trip->id));
      g_hash_table_insert (by_trip, (gpointer) position->trip->id, g_memdup2 (position, sizeof *position));
    }

  return by_trip;
}

static void
on_gtfs_request_cb (SoupServer        *soup_server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  VigieTestGtfsServer *server = user_data;
  GBytes *body = NULL;

  if (g_str_equal (path, "/gtfs.zip"))
    body = server->zip;
  else if (g_str_equal (path, "/realtime.pb"))
    {
      body = server->realtime;
      server->n_realtime++;
    }

  if (body == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/**
 * vigie_test_gtfs_server_start:
 * @server: where to keep the server, zeroed
 * @realtime: (transfer full): the GTFS-Realtime document to serve
 * @role: the feed's role for it ("trip-updates", "vehicle-positions")
 *
 * Returns: (transfer full): a trams feed of the "basic" timetable with
 *   @realtime as @role, not started
 */
VigieFeed *
vigie_test_gtfs_server_start (VigieTestGtfsServer *server,
                              GBytes              *realtime,
                              const char          *role)
{
  g_autofree char *base = NULL;
  g_autofree char *zip_url = NULL;
  g_autofree char *realtime_url = NULL;
  VigieFeed *feed;

  server->zip = vigie_test_gtfs_zip_fixture ("basic");
  server->realtime = realtime;
  server->server = vigie_test_server_new (NULL, on_gtfs_request_cb, server);
  base = vigie_test_server_get_base_url (server->server);

  zip_url = g_strconcat (base, "/gtfs.zip", NULL);
  realtime_url = g_strconcat (base, "/realtime.pb", NULL);
  feed = vigie_feed_new ("trams", "Trams", VIGIE_FEED_KIND_TRAMS, "gtfs", zip_url);
  vigie_feed_set_role_url (feed, role, realtime_url);

  return feed;
}

void
vigie_test_gtfs_server_stop (VigieTestGtfsServer *server)
{
  g_clear_object (&server->server);
  g_clear_pointer (&server->zip, g_bytes_unref);
  g_clear_pointer (&server->realtime, g_bytes_unref);
}
