/* vigie-study-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vigie-context.h"
#include "vigie-history-study.h"
#include "vigie-report.h"

G_BEGIN_DECLS

#define VIGIE_TYPE_STUDY_WINDOW (vigie_study_window_get_type())

G_DECLARE_FINAL_TYPE (VigieStudyWindow, vigie_study_window, VIGIE, STUDY_WINDOW, AdwWindow)

GtkWidget        *vigie_study_window_new          (GtkWindow        *parent,
                                                   VigieContext     *context,
                                                   VigieStudyKind    kind);
gboolean          vigie_study_window_get_loading  (VigieStudyWindow *self);
VigieStudyResult *vigie_study_window_get_result   (VigieStudyWindow *self);
GPtrArray        *vigie_study_window_dup_sentences (VigieStudyWindow *self);
void              vigie_study_window_set_weeks    (VigieStudyWindow *self,
                                                   guint             n_weeks);
GBytes           *vigie_study_window_render_report (VigieStudyWindow *self,
                                                    VigieReportFormat format,
                                                    GError          **error);

G_END_DECLS
