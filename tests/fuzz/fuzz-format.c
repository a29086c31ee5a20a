/* fuzz-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-fuzz.h"

/* The target of every format that reads one document alone (GTFS-Realtime
 * protobuf, NGSI-LD, SIRI-Lite, SIRI XML through libxml2, UniFi, Wi-Fi
 * GeoJSON): meson builds it once per format, VIGIE_FUZZ_FORMAT naming it. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  vigie_fuzz_parse (VIGIE_FUZZ_FORMAT, VIGIE_ROLE_MAIN, data, size, NULL, NULL);
  return 0;
}
