/* fuzz-gtfs-rt-malloc.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-format-gtfs-rt.h"
#include "vigie-fuzz.h"

/* The format decodes into an arena (fuzz-gtfs-rt); this is the other
 * path, protobuf-c's malloc and free_unpacked, where ASan sees each block. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  snapshot = vigie_gtfs_rt_parse (bytes, vigie_fuzz_context (), VIGIE_GTFS_RT_MALLOC, &error);
  g_assert ((snapshot == NULL) != (error == NULL));
  return 0;
}
