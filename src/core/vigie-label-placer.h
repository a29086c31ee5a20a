/* vigie-label-placer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double x, y, width, height;
} VigieLabelRect;

/* One name to write beside a symbol centred at (x, y). */
typedef struct
{
  double         x, y;          /* the symbol's centre, px */
  double         radius;        /* the symbol's half size, px */
  double         width, height; /* the label's size, px */
  double         importance;    /* higher first */
  const char    *text;          /* (nullable): for repeats */
  /* out */
  gboolean       placed;
  VigieLabelRect rect;
} VigieLabel;

/* The same name again this close (the platforms of one stop) is not
 * written twice. */
#define VIGIE_LABEL_REPEAT_DISTANCE_PX 150.0

typedef double (*VigieLabelMeasure) (const char *text,
                                     gpointer    user_data);

guint    vigie_label_place             (VigieLabel           *labels,
                                        guint                 n_labels,
                                        const VigieLabelRect *obstacles,
                                        guint                 n_obstacles,
                                        const VigieLabelRect *bounds,
                                        double                gap);
gboolean vigie_label_rects_overlap     (const VigieLabelRect *a,
                                        const VigieLabelRect *b);
char    *vigie_label_fit               (const char           *text,
                                        double                max_width,
                                        guint                 max_lines,
                                        VigieLabelMeasure     measure,
                                        gpointer              user_data,
                                        gboolean             *shortened);

G_END_DECLS
