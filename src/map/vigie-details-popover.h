/* vigie-details-popover.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-entity.h"
#include "vigie-feed.h"
#include "vigie-history-section.h"
#include "vigie-style.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_DETAILS_POPOVER (vigie_details_popover_get_type())

G_DECLARE_FINAL_TYPE (VigieDetailsPopover, vigie_details_popover, VIGIE, DETAILS_POPOVER, GtkPopover)

GtkWidget   *vigie_details_popover_new        (void);
VigieEntity *vigie_details_popover_get_entity (VigieDetailsPopover        *self);
VigieHistorySection *vigie_details_popover_get_history_section (VigieDetailsPopover *self);
void         vigie_details_popover_update     (VigieDetailsPopover        *self,
                                               VigieEntity                *entity,
                                               VigieFeedKind               kind,
                                               const VigieStyleThresholds *thresholds,
                                               VigieFeed                  *feed,
                                               const char                 *source);

G_END_DECLS
