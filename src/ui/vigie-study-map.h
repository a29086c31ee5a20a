/* vigie-study-map.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-history-study.h"

G_BEGIN_DECLS

/* What a study's map shows of each place: the figure written on it, and
 * its band, 0 (low) to 2 (high), drawn with a pattern as well as a
 * colour. */
typedef struct
{
  const VigieStudySubject *subject;
  char                    *label;
  guint                    band;
} VigieStudyMapItem;

#define VIGIE_TYPE_STUDY_MAP (vigie_study_map_get_type())

G_DECLARE_FINAL_TYPE (VigieStudyMap, vigie_study_map, VIGIE, STUDY_MAP, GtkWidget)

GtkWidget *vigie_study_map_new        (void);
void       vigie_study_map_set_items  (VigieStudyMap *self,
                                       GArray        *items);
guint      vigie_study_map_get_n_items (VigieStudyMap *self);
void       vigie_study_map_draw       (GArray        *items,
                                       cairo_t       *cr,
                                       PangoContext  *context,
                                       double         width,
                                       double         height,
                                       double         text_px,
                                       const GdkRGBA *ink);
GArray    *vigie_study_map_items_new  (void);

G_END_DECLS
