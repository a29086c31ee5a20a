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
