/* vigie-history-section.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-entity.h"
#include "vigie-feed.h"
#include "vigie-history.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_HISTORY_SECTION (vigie_history_section_get_type())

G_DECLARE_FINAL_TYPE (VigieHistorySection, vigie_history_section, VIGIE, HISTORY_SECTION, GtkBox)

GtkWidget    *vigie_history_section_new                (void);
void          vigie_history_section_set_history        (VigieHistorySection *self,
                                                        VigieHistory        *history);
void          vigie_history_section_show_entity        (VigieHistorySection *self,
                                                        VigieFeed           *feed,
                                                        VigieEntity         *entity);
gboolean      vigie_history_section_is_loaded          (VigieHistorySection *self);
const char   *vigie_history_section_get_range_text     (VigieHistorySection *self);
const char   *vigie_history_section_get_condition_text (VigieHistorySection *self);
const char   *vigie_history_section_get_return_text    (VigieHistorySection *self);
gboolean      vigie_history_section_is_return_loaded   (VigieHistorySection *self);
guint         vigie_history_section_get_n_runs         (VigieHistorySection *self);

G_END_DECLS
