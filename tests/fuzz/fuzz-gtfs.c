/* fuzz-gtfs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-fuzz.h"
#include "vigie-gtfs.h"

/* A GTFS zip: the loader itself, then the format (the timetable as a
 * snapshot, combined into the trips running at the context's time).
 * Small bounds, so that a zip bomb is refused quickly rather than taking
 * the fuzzer's memory. */

static VigieParseContext context;

static void
set_up_context (void)
{
  GHashTable *options = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (options, (gpointer) "route-types", (gpointer) "all");
  g_hash_table_insert (options, (gpointer) "max-file-bytes", (gpointer) "4000000");
  g_hash_table_insert (options, (gpointer) "max-total-bytes", (gpointer) "16000000");
  g_hash_table_insert (options, (gpointer) "max-rows", (gpointer) "100000");
  g_hash_table_insert (options, (gpointer) "max-line-bytes", (gpointer) "4096");

  context = *vigie_fuzz_context ();
  context.options = options;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  VigieGtfsOptions options = {
    .all_route_types = TRUE,
    .max_file_bytes = 4000000,
    .max_total_bytes = 16000000,
    .max_rows = 100000,
    .max_line_bytes = 4096,
  };
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(VigieGtfs) gtfs = NULL;
  g_autoptr(GError) error = NULL;

  if (context.options == NULL)
    set_up_context ();

  gtfs = vigie_gtfs_load_from_bytes (bytes, &options, &error);
  g_assert ((gtfs == NULL) != (error == NULL));

  vigie_fuzz_parse ("gtfs", VIGIE_ROLE_MAIN, data, size, NULL, &context);
  return 0;
}
