/* fuzz-wifi-geojson.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  vigie_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  vigie_fuzz_parse ("wifi-geojson", VIGIE_ROLE_MAIN, data, size, NULL, NULL);
  return 0;
}
