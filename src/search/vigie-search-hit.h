/* vigie-search-hit.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "vigie-search.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_SEARCH_HIT (vigie_search_hit_get_type())

G_DECLARE_FINAL_TYPE (VigieSearchHit, vigie_search_hit, VIGIE, SEARCH_HIT, GObject)

VigieSearchHit          *vigie_search_hit_new        (VigieSearchResult *result);
const VigieSearchResult *vigie_search_hit_get_result (VigieSearchHit    *self);
const char              *vigie_search_hit_get_icon_name (VigieSearchHit *self);
VigieSearchHit          *vigie_search_hit_new_filter (VigieSearchResult *result,
                                                      guint              filter);
guint                    vigie_search_hit_get_filter (VigieSearchHit    *self);
char                    *vigie_search_hit_describe   (VigieSearchHit    *self);

G_END_DECLS
