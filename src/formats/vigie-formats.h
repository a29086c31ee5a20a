/* vigie-formats.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-format.h"

G_BEGIN_DECLS

/* One parser per standard, each in its own vigie-format-<id>.c. */
extern const VigieFormat vigie_format_datex2;
extern const VigieFormat vigie_format_gbfs;
extern const VigieFormat vigie_format_gtfs;
extern const VigieFormat vigie_format_gtfs_rt;
extern const VigieFormat vigie_format_ngsi_ld;
extern const VigieFormat vigie_format_siri;
extern const VigieFormat vigie_format_siri_lite;
extern const VigieFormat vigie_format_unifi;
extern const VigieFormat vigie_format_wifi_geojson;

const VigieFormat * const *vigie_formats_builtin (void);

G_END_DECLS
