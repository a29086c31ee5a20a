/* fuzz-gtfs-rt-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-fuzz.h"

/* GTFS-Realtime in the protobuf's JSON mapping, seeded with JSON feeds so
 * that it explores the JSON decoder rather than protobuf-c. The first
 * byte picks how the document is read: alone, or as a GTFS feed's trip
 * updates or alerts beside the other real-time documents (no timetable:
 * the fuzz-gtfs target has those). */

typedef struct
{
  const char *format;
  const char *role;
} Reading;

static const Reading readings[] = {
  { "gtfs-rt", VIGIE_ROLE_MAIN },
  { "gtfs", "trip-updates" },
  { "gtfs", "alerts" },
};

static GHashTable *companions;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const Reading *reading;

  if (size < 1)
    return 0;
  if (companions == NULL)
    companions = vigie_fuzz_companions ("vehicle-positions", "gtfs-rt/vehicles-camel.json",
                                        "trip-updates", "gtfs-rt/trip-updates.json",
                                        "alerts", "gtfs-rt/alerts.json",
                                        NULL);

  reading = &readings[data[0] % G_N_ELEMENTS (readings)];
  vigie_fuzz_parse (reading->format, reading->role, data + 1, size - 1,
                    g_str_equal (reading->format, "gtfs") ? companions : NULL, NULL);
  return 0;
}
