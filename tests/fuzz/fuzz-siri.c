/* fuzz-siri.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-fuzz.h"

/* SIRI XML: libxml2, then the tree the SIRI-Lite code reads. */

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
  vigie_fuzz_parse ("siri", VIGIE_ROLE_MAIN, data, size, NULL, NULL);
  return 0;
}
