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
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  vigie_fuzz_init ();
  companions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_bytes_unref);
  g_hash_table_insert (companions, (gpointer) VIGIE_ROLE_MAIN, vigie_fuzz_fixture ("gbfs/v23-gbfs.json"));
  g_hash_table_insert (companions, (gpointer) "station_information",
                       vigie_fuzz_fixture ("gbfs/v23-station_information.json"));
  g_hash_table_insert (companions, (gpointer) "station_status",
                       vigie_fuzz_fixture ("gbfs/v23-station_status.json"));
  g_hash_table_insert (companions, (gpointer) "free_bike_status",
                       vigie_fuzz_fixture ("gbfs/v23-free_bike_status.json"));
  g_hash_table_insert (companions, (gpointer) "vehicle_types",
                       vigie_fuzz_fixture ("gbfs/v23-vehicle_types.json"));
  g_hash_table_insert (companions, (gpointer) "system_regions",
                       vigie_fuzz_fixture ("gbfs/v23-system_regions.json"));
  g_hash_table_insert (companions, (gpointer) "system_alerts",
                       vigie_fuzz_fixture ("gbfs/v23-system_alerts.json"));
  g_hash_table_insert (companions, (gpointer) "geofencing_zones",
                       vigie_fuzz_fixture ("gbfs/v23-geofencing_zones.json"));
  g_hash_table_insert (companions, (gpointer) "vehicle_availability",
                       vigie_fuzz_fixture ("gbfs/v31-vehicle_availability.json"));
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  if (size < 1)
    return 0;

  vigie_fuzz_parse ("gbfs", roles[data[0] % G_N_ELEMENTS (roles)], data + 1, size - 1,
                    companions, NULL);
  return 0;
}
