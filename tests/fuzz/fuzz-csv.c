/* fuzz-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-csv.h"
#include "vigie-fuzz.h"

/* The CSV reader, fed in chunks as the zip reader does: the first byte
 * sets the chunk size, so that records and quotes straddle chunks. Every
 * field goes through the field readers. */

static const char * const columns[] = {
  "stop_id", "stop_name", "stop_lat", "arrival_time", "date", "stop_sequence", NULL,
};

static void
on_record (const char * const *fields,
           guint               line,
           gpointer            user_data)
{
  guint *n = user_data;

  for (guint i = 0; columns[i] != NULL; i++)
    {
      gint64 integer;
      double number;
      gint32 seconds;
      GDate date;

      if (fields[i] == NULL)
        continue;
      g_assert (g_utf8_validate (fields[i], -1, NULL));
      vigie_csv_parse_int (fields[i], &integer);
      vigie_csv_parse_double (fields[i], &number);
      vigie_csv_parse_time (fields[i], &seconds);
      g_date_clear (&date, 1);
      vigie_csv_parse_date (fields[i], &date);
    }
  (*n)++;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(VigieCsvReader) reader = NULL;
  gsize chunk;
  guint n = 0;

  if (size < 1)
    return 0;
  chunk = 1 + data[0];
  data++;
  size--;

  reader = vigie_csv_reader_new (columns, on_record, &n);
  vigie_csv_reader_set_limits (reader, 4096, 10000);
  for (gsize offset = 0; offset < size; offset += chunk)
    vigie_csv_reader_feed (reader, (const char *) data + offset, MIN (chunk, size - offset));
  vigie_csv_reader_finish (reader);

  g_assert_cmpuint (n, ==, vigie_csv_reader_get_n_records (reader));
  for (guint i = 0; columns[i] != NULL; i++)
    vigie_csv_reader_has_column (reader, i);
  return 0;
}
