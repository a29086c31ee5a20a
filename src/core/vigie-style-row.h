/* vigie-style-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-style.h"

G_BEGIN_DECLS

/* A value that sorts after every other one, highest first or not. */
#define VIGIE_STYLE_ROW_NO_VALUE (-G_MAXDOUBLE)

const char *vigie_style_row_state (VigieFeedKind               kind,
                                   VigieEntity                *entity,
                                   const VigieStyleThresholds *thresholds,
                                   int                        *rank);
char       *vigie_style_row_value (VigieFeedKind               kind,
                                   VigieEntity                *entity,
                                   double                     *sort_value);

G_END_DECLS
