/* fuzz-gtfs-rt-wire.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-fuzz.h"
#include "vigie-test-gtfs-rt.h"

/* Vehicle positions are read by hand (vigie-gtfs-rt-wire.c): on any
 * input, the hand reader gives up or reads what protobuf-c reads. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  vigie_test_check_wire_decode (data, size);
  return 0;
}
