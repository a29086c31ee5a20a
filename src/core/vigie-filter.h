/* vigie-filter.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vigie-entity.h"
#include "vigie-style.h"
#include "vigie-types.h"

G_BEGIN_DECLS

/* What a layer can be narrowed to, by state: one bit each, so that a
 * layer's filters are a mask (several filters of one layer add up: empty
 * or full stations). Each kind of layer offers some of them
 * (vigie_filter_offered()). */
typedef enum /*< flags >*/
{
  VIGIE_FILTER_NONE      = 0,
  VIGIE_FILTER_EMPTY     = 1 << 0,  /* a station with no vehicle */
  VIGIE_FILTER_FULL      = 1 << 1,  /* a station with no free dock */
  VIGIE_FILTER_DELAYED   = 1 << 2,  /* a live tram later than the on-time window */
  VIGIE_FILTER_GHOST     = 1 << 3,  /* a scheduled trip no vehicle reports */
  VIGIE_FILTER_SATURATED = 1 << 4,  /* a car park or zone at its saturated threshold or full */
  VIGIE_FILTER_LOADED    = 1 << 5,  /* a Wi-Fi place at its saturated share of capacity or over */
  VIGIE_FILTER_DOWN      = 1 << 6,  /* a Wi-Fi place with no access point up */
} VigieFilter;

#define VIGIE_N_FILTERS 7

guint        vigie_filter_offered         (VigieFeedKind               kind);
guint        vigie_filter_classify        (VigieFeedKind               kind,
                                           VigieEntity                *entity,
                                           const VigieStyleThresholds *thresholds,
                                           gboolean                   *target);
gboolean     vigie_filter_keeps           (guint                       mask,
                                           VigieEntity                *entity,
                                           guint                       matches,
                                           gboolean                    target);
guint        vigie_filter_index           (VigieFilter                 filter);
const char  *vigie_filter_get_nick        (VigieFilter                 filter);
char        *vigie_filter_to_string       (guint                       mask);
guint        vigie_filter_from_string     (const char                 *text);
const char  *vigie_filter_get_title       (VigieFilter                 filter,
                                           VigieFeedKind               kind);
char        *vigie_filter_describe        (guint                       mask,
                                           VigieFeedKind               kind);
char        *vigie_filter_format_counts   (VigieFeedKind               kind,
                                           guint                       n_matching,
                                           guint                       n_targets);
gboolean     vigie_filter_matches_query   (const char                 *folded_query,
                                           const char                 *folded_text);

G_END_DECLS
