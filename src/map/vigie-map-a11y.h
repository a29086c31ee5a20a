/* vigie-map-a11y.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-entity.h"
#include "vigie-feed.h"
#include "vigie-style.h"

G_BEGIN_DECLS

char *vigie_map_a11y_layer_label (VigieFeedKind               kind,
                                  const char                 *title);
char *vigie_map_a11y_describe    (VigieFeedKind               kind,
                                  VigieEntity                *entity,
                                  const VigieStyleThresholds *thresholds,
                                  gint64                      now_s);

G_END_DECLS
