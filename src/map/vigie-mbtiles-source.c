/* vigie-mbtiles-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-mbtiles-source"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "vigie-mbtiles-source.h"
#include "vigie-thread.h"

/* Raster tiles from an MBTiles file (an SQLite database with a tiles table
 * and a metadata table), for a control room without internet that has its
 * own map. Rows are stored bottom-up (TMS): row = 2^zoom - 1 - y.
 *
 * The database is opened read-only in serialized mode; each read runs in a
 * worker with its own statement, and the bytes are handed to libshumate on
 * the main thread. */

#define DEFAULT_MIN_ZOOM 0
#define DEFAULT_MAX_ZOOM 18
#define MAX_ZOOM_LIMIT   22

struct _VigieMbtilesSource
{
  ShumateDataSource  parent_instance;

  GFile             *file;
  sqlite3           *db;
  char              *name;
  char              *attribution;
  guint              min_zoom;
  guint              max_zoom;
};

G_DEFINE_FINAL_TYPE (VigieMbtilesSource, vigie_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE)

typedef struct
{
  int x;
  int y;
  int zoom;
} TileRequest;

/* MBTiles' attribution is HTML; libshumate shows plain text. */
static char *
html_to_text (const char *html)
{
  static const struct { const char *entity; const char *text; } entities[] = {
    { "&copy;", "©" }, { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" },
    { "&quot;", "\"" }, { "&#39;", "'" }, { "&nbsp;", " " },
  };
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean in_tag = FALSE;

  for (const char *p = html; *p != '\0'; p++)
    {
      if (*p == '<')
        in_tag = TRUE;
      else if (*p == '>')
        in_tag = FALSE;
      else if (!in_tag)
        g_string_append_c (text, *p);
    }

  for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
    g_string_replace (text, entities[i].entity, entities[i].text, 0);

  return g_strstrip (g_string_free (g_steal_pointer (&text), FALSE));
}

static gboolean
read_metadata (VigieMbtilesSource  *self,
               GError             **error)
{
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autofree char *format = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean has_min = FALSE, has_max = FALSE;
  guint64 zoom;

  if (sqlite3_prepare_v2 (self->db, "SELECT name, value FROM metadata", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_finalize (stmt) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db,
                          "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 0",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is not an MBTiles map file"), basename);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  sqlite3_prepare_v2 (self->db, "SELECT name, value FROM metadata", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (key == NULL || value == NULL)
        continue;

      if (g_str_equal (key, "name"))
        {
          g_free (self->name);
          self->name = g_strdup (value);
        }
      else if (g_str_equal (key, "attribution"))
        {
          g_free (self->attribution);
          self->attribution = html_to_text (value);
        }
      else if (g_str_equal (key, "format"))
        {
          g_free (format);
          format = g_ascii_strdown (value, -1);
        }
      else if (g_str_equal (key, "minzoom") &&
               g_ascii_string_to_unsigned (value, 10, 0, MAX_ZOOM_LIMIT, &zoom, NULL))
        {
          self->min_zoom = (guint) zoom;
          has_min = TRUE;
        }
      else if (g_str_equal (key, "maxzoom") &&
               g_ascii_string_to_unsigned (value, 10, 0, MAX_ZOOM_LIMIT, &zoom, NULL))
        {
          self->max_zoom = (guint) zoom;
          has_max = TRUE;
        }
    }
  sqlite3_finalize (stmt);

  /* Vector tiles need a renderer that Debian's libshumate lacks. */
  if (format != NULL && !g_str_equal (format, "png") && !g_str_equal (format, "jpg") &&
      !g_str_equal (format, "jpeg") && !g_str_equal (format, "webp"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("“%s” holds “%s” tiles; only raster tiles (PNG or JPEG) can be shown"),
                   basename, format);
      return FALSE;
    }

  /* Without metadata, the tiles themselves say which zoom levels exist. */
  if (!has_min || !has_max)
    {
      sqlite3_prepare_v2 (self->db, "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles", -1, &stmt, NULL);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          if (!has_min)
            self->min_zoom = CLAMP (sqlite3_column_int (stmt, 0), 0, MAX_ZOOM_LIMIT);
          if (!has_max)
            self->max_zoom = CLAMP (sqlite3_column_int (stmt, 1), 0, MAX_ZOOM_LIMIT);
        }
      sqlite3_finalize (stmt);
    }

  if (self->min_zoom > self->max_zoom)
    self->min_zoom = self->max_zoom;

  if (self->name == NULL)
    self->name = g_steal_pointer (&basename);

  return TRUE;
}

static gboolean
open_database (VigieMbtilesSource  *self,
               GError             **error)
{
  g_autofree char *path = g_file_get_path (self->file);
  g_autofree char *basename = g_file_get_basename (self->file);
  int status;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The map file “%s” cannot be found"), basename);
      return FALSE;
    }

  status = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, NULL);
  if (status != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The map file “%s” cannot be opened: %s"),
                   basename, sqlite3_errstr (status));
      return FALSE;
    }

  return read_metadata (self, error);
}

static void
read_tile_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  VigieMbtilesSource *self = source_object;
  TileRequest *request = task_data;
  GError *error = NULL;
  GBytes *bytes;

  vigie_thread_make_background ();

  bytes = vigie_mbtiles_source_get_tile (self, request->x, request->y, request->zoom, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
on_tile_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TileRequest *request = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* libshumate 1.0 paints what received-data delivers, 1.1+ what is
   * returned: do both. */
  g_signal_emit_by_name (object, "received-data", request->x, request->y, request->zoom, bytes);
  g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

static void
vigie_mbtiles_source_get_tile_data_async (ShumateDataSource   *source,
                                          int                  x,
                                          int                  y,
                                          int                  zoom_level,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  TileRequest *request = g_new0 (TileRequest, 1);

  request->x = x;
  request->y = y;
  request->zoom = zoom_level;

  task = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_mbtiles_source_get_tile_data_async);
  g_task_set_task_data (task, request, g_free);

  worker = g_task_new (source, cancellable, on_tile_read_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker, g_memdup2 (request, sizeof *request), g_free);
  g_task_run_in_thread (worker, read_tile_in_thread);
}

static GBytes *
vigie_mbtiles_source_get_tile_data_finish (ShumateDataSource  *source,
                                           GAsyncResult       *result,
                                           GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
vigie_mbtiles_source_finalize (GObject *object)
{
  VigieMbtilesSource *self = (VigieMbtilesSource *)object;

  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_object (&self->file);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->attribution, g_free);

  G_OBJECT_CLASS (vigie_mbtiles_source_parent_class)->finalize (object);
}

static void
vigie_mbtiles_source_class_init (VigieMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = vigie_mbtiles_source_finalize;

  source_class->get_tile_data_async = vigie_mbtiles_source_get_tile_data_async;
  source_class->get_tile_data_finish = vigie_mbtiles_source_get_tile_data_finish;
}

static void
vigie_mbtiles_source_init (VigieMbtilesSource *self)
{
  self->min_zoom = DEFAULT_MIN_ZOOM;
  self->max_zoom = DEFAULT_MAX_ZOOM;
}

/**
 * vigie_mbtiles_source_new:
 * @file: an MBTiles file of raster tiles
 * @error: where to put the reason it cannot be used
 *
 * Opens @file and reads its metadata (name, attribution, zoom levels).
 *
 * Returns: (transfer full) (nullable): a new #VigieMbtilesSource, or %NULL
 *   with @error set if @file is missing or not an MBTiles file
 */
VigieMbtilesSource *
vigie_mbtiles_source_new (GFile   *file,
                          GError **error)
{
  g_autoptr(VigieMbtilesSource) self = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (VIGIE_TYPE_MBTILES_SOURCE, NULL);
  self->file = g_object_ref (file);
  if (!open_database (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

GFile *
vigie_mbtiles_source_get_file (VigieMbtilesSource *self)
{
  g_return_val_if_fail (VIGIE_IS_MBTILES_SOURCE (self), NULL);

  return self->file;
}

const char *
vigie_mbtiles_source_get_name (VigieMbtilesSource *self)
{
  g_return_val_if_fail (VIGIE_IS_MBTILES_SOURCE (self), NULL);

  return self->name;
}

/**
 * vigie_mbtiles_source_get_attribution:
 * @self: a #VigieMbtilesSource
 *
 * Returns: (nullable): the file's attribution as plain text
 */
const char *
vigie_mbtiles_source_get_attribution (VigieMbtilesSource *self)
{
  g_return_val_if_fail (VIGIE_IS_MBTILES_SOURCE (self), NULL);

  return self->attribution;
}

guint
vigie_mbtiles_source_get_min_zoom (VigieMbtilesSource *self)
{
  g_return_val_if_fail (VIGIE_IS_MBTILES_SOURCE (self), 0);

  return self->min_zoom;
}

guint
vigie_mbtiles_source_get_max_zoom (VigieMbtilesSource *self)
{
  g_return_val_if_fail (VIGIE_IS_MBTILES_SOURCE (self), 0);

  return self->max_zoom;
}

/**
 * vigie_mbtiles_source_get_tile:
 * @self: a #VigieMbtilesSource
 * @x: the column
 * @y: the row, counted from the top as on the map (XYZ)
 * @zoom_level: the zoom level
 * @error: where to put the reason there is no tile
 *
 * Reads one tile, blocking: call it from a worker thread.
 *
 * Returns: (transfer full) (nullable): the tile's image bytes
 */
GBytes *
vigie_mbtiles_source_get_tile (VigieMbtilesSource  *self,
                               int                  x,
                               int                  y,
                               int                  zoom_level,
                               GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  GBytes *bytes = NULL;
  int status;

  g_return_val_if_fail (VIGIE_IS_MBTILES_SOURCE (self), NULL);
  g_return_val_if_fail (zoom_level >= 0 && zoom_level <= 30, NULL);

  status = sqlite3_prepare_v2 (self->db,
                               "SELECT tile_data FROM tiles "
                               "WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                               -1, &stmt, NULL);
  if (status == SQLITE_OK)
    {
      sqlite3_bind_int (stmt, 1, zoom_level);
      sqlite3_bind_int (stmt, 2, x);
      sqlite3_bind_int (stmt, 3, (1 << zoom_level) - 1 - y);
      status = sqlite3_step (stmt);
    }

  if (status == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) > 0)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  else if (status == SQLITE_ROW || status == SQLITE_DONE)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 "No tile %d/%d/%d in the map file", zoom_level, x, y);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 "Cannot read tile %d/%d/%d: %s", zoom_level, x, y, sqlite3_errmsg (self->db));

  sqlite3_finalize (stmt);
  return bytes;
}

/**
 * vigie_mbtiles_source_to_map_source:
 * @self: a #VigieMbtilesSource
 *
 * Wraps @self in a raster renderer carrying the file's name, attribution
 * and zoom levels, ready for the map.
 *
 * Returns: (transfer full): a new #ShumateMapSource
 */
ShumateMapSource *
vigie_mbtiles_source_to_map_source (VigieMbtilesSource *self)
{
  g_autofree char *uri = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (VIGIE_IS_MBTILES_SOURCE (self), NULL);

  /* libshumate caches tiles by source id: one id per file. */
  uri = g_file_get_uri (self->file);
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, uri, -1);
  id = g_strdup_printf ("vigie-mbtiles-%.12s", checksum);

  return SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (id,
                                                               self->name,
                                                               self->attribution,
                                                               NULL,
                                                               self->min_zoom,
                                                               self->max_zoom,
                                                               256,
                                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                                               SHUMATE_DATA_SOURCE (self)));
}
