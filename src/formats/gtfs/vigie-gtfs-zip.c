/* vigie-gtfs-zip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-gtfs"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>
#include <string.h>

#include "vigie-csv.h"
#include "vigie-format.h"
#include "vigie-gtfs-load-private.h"

/* One pass over the zip: the entries that pass needs are streamed through
 * the CSV reader as libarchive inflates them, under the size and row caps. */

/*
 * Auxiliary functions
 */

static int
find_file (const char *path)
{
  const char *base = strrchr (path, '/');

  /* Some producers zip the folder, not its files. */
  base = base != NULL ? base + 1 : path;

  for (guint i = 0; i < N_FILES; i++)
    if (g_ascii_strcasecmp (base, vigie_gtfs_files[i].name) == 0)
      return (int) i;

  return -1;
}

/*
 * Public API
 */

gboolean
vigie_gtfs_load_read_pass (Loader  *loader,
                           GBytes  *zip,
                           guint    pass,
                           GError **error)
{
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  gsize size;
  const void *data = g_bytes_get_data (zip, &size);
  gboolean ok = TRUE;
  guint64 n_file = 0;
  VigieGtfsOptions limits = { 0, };
  int r;

  limits.max_file_bytes = loader->options != NULL && loader->options->max_file_bytes > 0
    ? loader->options->max_file_bytes : VIGIE_GTFS_DEFAULT_MAX_FILE_BYTES;
  limits.max_total_bytes = loader->options != NULL && loader->options->max_total_bytes > 0
    ? loader->options->max_total_bytes : VIGIE_GTFS_DEFAULT_MAX_TOTAL_BYTES;
  limits.max_rows = loader->options != NULL && loader->options->max_rows > 0
    ? loader->options->max_rows : VIGIE_GTFS_DEFAULT_MAX_ROWS;
  limits.max_line_bytes = loader->options != NULL && loader->options->max_line_bytes > 0
    ? loader->options->max_line_bytes : VIGIE_GTFS_DEFAULT_MAX_LINE_BYTES;

  archive_read_support_format_zip (archive);

  if (size == 0)
    {
      g_set_error_literal (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                           _("The GTFS file is empty"));
      archive_read_free (archive);
      return FALSE;
    }

  if (archive_read_open_memory (archive, data, size) != ARCHIVE_OK)
    {
      g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                   _("The GTFS file is not a zip archive (%s)"),
                   archive_error_string (archive));
      archive_read_free (archive);
      return FALSE;
    }

  while ((r = archive_read_next_header (archive, &entry)) == ARCHIVE_OK || r == ARCHIVE_WARN)
    {
      const char *path = archive_entry_pathname (entry);
      int kind = path != NULL ? find_file (path) : -1;
      g_autoptr(VigieCsvReader) reader = NULL;
      const void *block;
      size_t block_size;
      la_int64_t offset;

      if (kind < 0 || vigie_gtfs_files[kind].pass != pass || loader->seen[kind])
        {
          archive_read_data_skip (archive);
          continue;
        }

      loader->seen[kind] = TRUE;
      loader->file = vigie_gtfs_files[kind].name;
      loader->n_rows = 0;
      reader = vigie_csv_reader_new (vigie_gtfs_files[kind].columns, vigie_gtfs_files[kind].func, loader);
      vigie_csv_reader_set_limits (reader, limits.max_line_bytes, limits.max_rows);
      n_file = 0;

      while ((r = archive_read_data_block (archive, &block, &block_size, &offset)) == ARCHIVE_OK)
        {
          n_file += block_size;
          loader->n_unpacked += block_size;
          if (n_file > limits.max_file_bytes)
            {
              g_autofree char *limit = g_format_size (limits.max_file_bytes);

              g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE,
                           _("%s unpacks to more than %s, the limit for one file (feed option “max-file-bytes”)"),
                           vigie_gtfs_files[kind].name, limit);
              ok = FALSE;
              break;
            }
          if (loader->n_unpacked > limits.max_total_bytes)
            {
              g_autofree char *limit = g_format_size (limits.max_total_bytes);

              g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE,
                           _("The GTFS files unpack to more than %s, the limit (feed option “max-total-bytes”)"),
                           limit);
              ok = FALSE;
              break;
            }

          vigie_csv_reader_feed (reader, block, block_size);

          switch (vigie_csv_reader_get_limit_hit (reader))
            {
            case VIGIE_CSV_LIMIT_NONE:
              continue;
            case VIGIE_CSV_LIMIT_RECORD_BYTES:
              {
                g_autofree char *limit = g_format_size (limits.max_line_bytes);

                g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE,
                             _("%s has a row longer than %s, the limit (feed option “max-line-bytes”)"),
                             vigie_gtfs_files[kind].name, limit);
              }
              break;
            case VIGIE_CSV_LIMIT_RECORDS:
            default:
              {
                g_autofree char *limit = g_strdup_printf ("%" G_GUINT64_FORMAT, limits.max_rows);

                g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_TOO_LARGE,
                             _("%s has more than %s rows, the limit (feed option “max-rows”)"),
                             vigie_gtfs_files[kind].name, limit);
              }
              break;
            }
          ok = FALSE;
          break;
        }

      if (!ok)
        break;

      if (r != ARCHIVE_EOF)
        {
          g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                       _("%s could not be read from the zip: %s"),
                       vigie_gtfs_files[kind].name, archive_error_string (archive));
          ok = FALSE;
          break;
        }

      vigie_csv_reader_finish (reader);

      if (!vigie_csv_reader_has_header (reader))
        vigie_gtfs_load_warn (loader->gtfs, _("%s is empty"), vigie_gtfs_files[kind].name);
      if (vigie_csv_reader_get_n_reencoded (reader) > 0)
        vigie_gtfs_load_warn (loader->gtfs, _("%s is not in UTF-8: its text was read as Windows-1252 (Latin-1)"),
                              vigie_gtfs_files[kind].name);
    }

  if (ok && r != ARCHIVE_EOF)
    {
      g_set_error (error, VIGIE_FORMAT_ERROR, VIGIE_FORMAT_ERROR_INVALID,
                   _("The GTFS file is not a readable zip archive (%s)"),
                   archive_error_string (archive));
      ok = FALSE;
    }

  archive_read_free (archive);

  return ok;
}
