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
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (size < 1)
    return 0;
  if (companions == NULL)
    companions = vigie_fuzz_companions (VIGIE_ROLE_MAIN, "parking/datex2-v2-table.xml",
                                        "status", "parking/datex2-v2-status.xml",
                                        NULL);

  vigie_fuzz_parse ("datex2", data[0] & 1 ? "status" : VIGIE_ROLE_MAIN, data + 1, size - 1,
                    companions, NULL);
  return 0;
}
