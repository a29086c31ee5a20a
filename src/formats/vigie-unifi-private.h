/* vigie-unifi-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vigie-format.h"

G_BEGIN_DECLS

/* A UniFi controller's stat/health answer, beside its stat/device one
 * (vigie-format-unifi.c). */
gboolean       vigie_unifi_is_health   (JsonArray               *data);
VigieSnapshot *vigie_unifi_read_health (JsonArray               *data,
                                        const VigieParseContext *context);

G_END_DECLS
