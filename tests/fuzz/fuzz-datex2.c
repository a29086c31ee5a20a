/* fuzz-datex2.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-fuzz.h"

/* The first byte says whether the input is the feed's main document or
 * its second one; combine() joins it with the other of a real pair. */

static GHashTable *companions;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  vigie_fuzz_init ();
  companions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_bytes_unref);
  g_hash_table_insert (companions, (gpointer) VIGIE_ROLE_MAIN, vigie_fuzz_fixture ("parking/datex2-v2-table.xml"));
  g_hash_table_insert (companions, (gpointer) "status", vigie_fuzz_fixture ("parking/datex2-v2-status.xml"));
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (size < 1)
    return 0;

  vigie_fuzz_parse ("datex2", data[0] & 1 ? "status" : VIGIE_ROLE_MAIN, data + 1, size - 1,
                    companions, NULL);
  return 0;
}
