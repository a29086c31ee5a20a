/* vigie-formats.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-formats"

#include "config.h"

#include "vigie-formats.h"

/**
 * vigie_formats_builtin:
 *
 * Returns: (transfer none): the formats Vigie reads, %NULL terminated, in
 *   the order vigie-inspect tries them
 */
const VigieFormat * const *
vigie_formats_builtin (void)
{
  static const VigieFormat * const formats[] = {
    &vigie_format_gbfs,
    &vigie_format_gtfs,
    &vigie_format_wifi_geojson,
    &vigie_format_unifi,
    &vigie_format_ngsi_ld,
    &vigie_format_datex2,
    &vigie_format_siri_lite,
    &vigie_format_siri,
    &vigie_format_gtfs_rt,
    NULL
  };

  return formats;
}
