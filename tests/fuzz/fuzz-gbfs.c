/* fuzz-gbfs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-fuzz.h"

/* Every GBFS role in one target: the first byte picks the role, the rest
 * is the document, combined with the other roles of a real system. */

static const char * const roles[] = {
  VIGIE_ROLE_MAIN,
  "station_information",
  "station_status",
  "free_bike_status",
  "vehicle_status",
  "vehicle_types",
  "system_regions",
  "system_pricing_plans",
  "system_alerts",
  "geofencing_zones",
  "vehicle_availability",
};

static GHashTable *companions;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (size < 1)
    return 0;
  if (companions == NULL)
    companions = vigie_fuzz_companions (VIGIE_ROLE_MAIN, "gbfs/v23-gbfs.json",
                                        "station_information", "gbfs/v23-station_information.json",
                                        "station_status", "gbfs/v23-station_status.json",
                                        "free_bike_status", "gbfs/v23-free_bike_status.json",
                                        "vehicle_types", "gbfs/v23-vehicle_types.json",
                                        "system_regions", "gbfs/v23-system_regions.json",
                                        "system_alerts", "gbfs/v23-system_alerts.json",
                                        "geofencing_zones", "gbfs/v23-geofencing_zones.json",
                                        "vehicle_availability", "gbfs/v31-vehicle_availability.json",
                                        NULL);

  vigie_fuzz_parse ("gbfs", roles[data[0] % G_N_ELEMENTS (roles)], data + 1, size - 1,
                    companions, NULL);
  return 0;
}
