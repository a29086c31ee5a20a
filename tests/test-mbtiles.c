/* test-mbtiles.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "vigie-mbtiles-source.h"
#include "vigie-test-ui.h"

/* The MBTiles files are made here with SQLite, as tools such as
 * TileMill or gdal write them: rows counted from the bottom (TMS). */

#define ZOOM 13
#define X    4263
#define Y    2868

/* The map file, made by each test. */
typedef VigieTestFile Fixture;

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
insert_tile (sqlite3    *db,
             int         zoom,
             int         column,
             int         row,
             const char *data)
{
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, zoom);
  sqlite3_bind_int (stmt, 2, column);
  sqlite3_bind_int (stmt, 3, row);
  sqlite3_bind_blob (stmt, 4, data, strlen (data), SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  vigie_test_file_init (fixture, "ville.mbtiles");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  vigie_test_file_clear (fixture);
}

/* @metadata: extra rows, as SQL values, or NULL for none. */
static void
make_mbtiles (const char *path,
              const char *metadata)
{
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE metadata (name TEXT, value TEXT)");
  exec_sql (db, "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)");
  exec_sql (db, "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)");
  if (metadata != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO metadata VALUES %s", metadata);

      exec_sql (db, sql);
    }

  /* The tile of (X, Y) in XYZ is stored at the flipped row; a decoy sits
   * at the unflipped one. */
  insert_tile (db, ZOOM, X, (1 << ZOOM) - 1 - Y, "tile-at-xyz-row");
  insert_tile (db, ZOOM, X, Y, "decoy");
  insert_tile (db, 12, X / 2, (1 << 12) - 1 - Y / 2, "parent");
  sqlite3_close (db);
}

/* The fixture's file made as make_mbtiles() does, and opened. */
static VigieMbtilesSource *
open_made (Fixture    *fixture,
           const char *metadata)
{
  g_autoptr(GError) error = NULL;
  VigieMbtilesSource *source;

  make_mbtiles (fixture->path, metadata);
  source = vigie_mbtiles_source_new (fixture->file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (source);
  return source;
}

static void
test_mbtiles_read (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(VigieMbtilesSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ShumateMapSource) map_source = NULL;

  source = open_made (fixture,
                      "('name', 'Plan de la ville'), "
                      "('attribution', '<a href=\"https://example.org\">&copy; Ville de Mulhouse</a>'), "
                      "('format', 'png'), ('minzoom', '12'), ('maxzoom', '17')");

  g_assert_cmpstr (vigie_mbtiles_source_get_name (source), ==, "Plan de la ville");
  /* HTML attribution becomes plain text for the map's credit line. */
  g_assert_cmpstr (vigie_mbtiles_source_get_attribution (source), ==, "© Ville de Mulhouse");
  g_assert_cmpuint (vigie_mbtiles_source_get_min_zoom (source), ==, 12);
  g_assert_cmpuint (vigie_mbtiles_source_get_max_zoom (source), ==, 17);
  g_assert_true (g_file_equal (vigie_mbtiles_source_get_file (source), fixture->file));

  bytes = vigie_mbtiles_source_get_tile (source, X, Y, ZOOM, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "tile-at-xyz-row", 15);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = vigie_mbtiles_source_get_tile (source, X + 1, Y, ZOOM, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (bytes);

  map_source = vigie_mbtiles_source_to_map_source (source);
  g_assert_cmpstr (shumate_map_source_get_license (map_source), ==, "© Ville de Mulhouse");
  g_assert_cmpstr (shumate_map_source_get_name (map_source), ==, "Plan de la ville");
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (map_source), ==, 12);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (map_source), ==, 17);
  g_assert_true (g_str_has_prefix (shumate_map_source_get_id (map_source), "vigie-mbtiles-"));
}

static void
test_mbtiles_async (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(VigieMbtilesSource) source = open_made (fixture, NULL);
  VigieTestTileFetch fetch = { 0 };

  /* Without metadata: the file's name, and the zoom levels of its tiles. */
  g_assert_cmpstr (vigie_mbtiles_source_get_name (source), ==, "ville.mbtiles");
  g_assert_null (vigie_mbtiles_source_get_attribution (source));
  g_assert_cmpuint (vigie_mbtiles_source_get_min_zoom (source), ==, 12);
  g_assert_cmpuint (vigie_mbtiles_source_get_max_zoom (source), ==, ZOOM);

  /* libshumate 1.0 paints what comes through received-data. */
  vigie_test_fetch_tile (SHUMATE_DATA_SOURCE (source), X, Y, ZOOM, &fetch);

  g_assert_no_error (fetch.error);
  g_assert_nonnull (fetch.received);
  g_assert_cmpint (fetch.received_x, ==, X);
  g_assert_cmpint (fetch.received_y, ==, Y);
  g_assert_cmpint (fetch.received_zoom, ==, ZOOM);
  g_assert_true (g_bytes_equal (fetch.bytes, fetch.received));
  g_assert_cmpmem (g_bytes_get_data (fetch.bytes, NULL), g_bytes_get_size (fetch.bytes), "tile-at-xyz-row", 15);

  vigie_test_tile_fetch_clear (&fetch);
}

static void
test_mbtiles_not_mbtiles (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(VigieMbtilesSource) source = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  /* Not a database at all. */
  g_assert_true (g_file_set_contents (fixture->path, "<html>not a map</html>\n", -1, NULL));
  source = vigie_mbtiles_source_new (fixture->file, &error);
  g_assert_null (source);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "“ville.mbtiles” is not an MBTiles map file");
  g_clear_error (&error);
  g_remove (fixture->path);

  /* A database of something else. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  exec_sql (db, "CREATE TABLE contacts (name TEXT, phone TEXT)");
  sqlite3_close (db);
  source = vigie_mbtiles_source_new (fixture->file, &error);
  g_assert_null (source);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_remove (fixture->path);

  /* Vector tiles cannot be drawn by Debian's libshumate. */
  make_mbtiles (fixture->path, "('format', 'pbf')");
  source = vigie_mbtiles_source_new (fixture->file, &error);
  g_assert_null (source);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "pbf"));
  g_clear_error (&error);
  g_remove (fixture->path);

  /* No file. */
  source = vigie_mbtiles_source_new (fixture->file, &error);
  g_assert_null (source);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/mbtiles/read", Fixture, NULL, fixture_set_up, test_mbtiles_read, fixture_tear_down);
  g_test_add ("/mbtiles/async", Fixture, NULL, fixture_set_up, test_mbtiles_async, fixture_tear_down);
  g_test_add ("/mbtiles/not-mbtiles", Fixture, NULL, fixture_set_up, test_mbtiles_not_mbtiles, fixture_tear_down);

  return g_test_run ();
}
