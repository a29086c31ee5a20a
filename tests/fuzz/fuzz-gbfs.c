/* fuzz-gbfs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-fuzz.h"

/* Every GBFS role in one target: the first byte picks the role (0 the
 * main document, then the roles the format follows, in its order), the
 * rest is the document, combined with the other roles of a real system. */

static GHashTable *companions;

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char * const *followed;
  guint pick;

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

  followed = vigie_format_lookup ("gbfs")->followed_roles;
  pick = data[0] % (g_strv_length ((char **) followed) + 1);
  vigie_fuzz_parse ("gbfs", pick == 0 ? VIGIE_ROLE_MAIN : followed[pick - 1], data + 1, size - 1,
                    companions, NULL);
  return 0;
}
