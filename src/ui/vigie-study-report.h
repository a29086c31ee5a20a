/* vigie-study-report.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-report.h"
#include "vigie-study-map.h"

G_BEGIN_DECLS

/* What a study's report shows. */
typedef struct
{
  VigieStudyResult   *result;
  const char         *title;        /* "Étude des parcmètres" */
  const char         *period;       /* "7 derniers jours" */
  const char         *legend;       /* the map's legend */
  GPtrArray          *sentences;    /* char *, in the order ranked */
  GPtrArray          *places;       /* const VigieWeekPlace *, the same order */
  GArray             *map_items;    /* VigieStudyMapItem */
  const char         *city;
  gboolean            simulated;
  const char * const *feeds;
  GDateTime          *time;
  PangoFontDescription *font;       /* nullable */
} VigieStudyReportInput;

GBytes *vigie_study_report_render (const VigieStudyReportInput *input,
                                   VigieReportFormat            format,
                                   GError                     **error);

G_END_DECLS
