/* fuzz-ngsi-ld-temporal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-fuzz.h"
#include "vigie-temporal-client.h"

/* A page of an NGSI-LD broker's temporal API (not a format: the history
 * reads it, vigie-ngsi-ld-temporal.c), read twice as two overlapping
 * pages, then made into what replay and a sparkline show. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(VigieTemporalData) temporal = vigie_temporal_data_new (NULL);
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(VigieHistorySparkline) sparkline = NULL;
  const char *id = "urn:ngsi-ld:OffStreetParking:mulhouse-simule:porte-jeune";

  if (!vigie_temporal_data_parse (temporal, bytes, NULL, NULL))
    return 0;
  vigie_temporal_data_parse (temporal, bytes, NULL, NULL);
  vigie_temporal_data_finish (temporal);
  vigie_temporal_data_get_warnings (temporal);

  g_ptr_array_add (entities, vigie_entity_new (VIGIE_ENTITY_CAR_PARK, id, "P", 47.75, 7.33, 1796632200, NULL));
  snapshot = vigie_temporal_build_snapshot (temporal, entities, NULL, 1796631000);
  sparkline = vigie_temporal_sparkline (temporal, id, "available_spots", "available_spots", 1796632200);

  return 0;
}
