/* vigie-freshness.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vigie-types.h"

G_BEGIN_DECLS

/* A value that has not moved for this long, while its feed kept
 * updating, is probably a stuck sensor. */
#define VIGIE_FRESHNESS_DEFAULT_FROZEN_AFTER_S (3 * 3600)

/* How far in the future a timestamp may be and still be believed: the
 * clocks of the feed's server and ours are never quite in step. */
#define VIGIE_FRESHNESS_MAX_CLOCK_SKEW_S       (5 * 60)

void            vigie_freshness_get_default_thresholds (VigieFeedKind   kind,
                                                        gint64         *ageing_s,
                                                        gint64         *stale_s);
VigieFreshness  vigie_freshness_classify               (gint64          now,
                                                        gint64          observed_at,
                                                        gint64          fetched_at,
                                                        gint64          ageing_s,
                                                        gint64          stale_s);
gboolean        vigie_freshness_is_frozen              (gint64          now,
                                                        gint64          value_changed_at,
                                                        gint64          feed_updated_at,
                                                        gint64          frozen_after_s,
                                                        gint64          stale_s);
char           *vigie_freshness_format_age             (gint64          age_s);
const char     *vigie_freshness_to_string              (VigieFreshness  freshness);

G_END_DECLS
