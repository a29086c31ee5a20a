/* vigie-centre.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>


G_BEGIN_DECLS

#define VIGIE_CENTRE_GROUP "Centre"

/* A centre given by a point and no radius is this wide. */
#define VIGIE_CENTRE_DEFAULT_RADIUS_M 500.0

/* The city centre a profile names, for "Parkings du centre : 78 %
 * occupés": a circle, or a polygon. Immutable once made, so that the
 * feeds' workers read it while the main thread holds it. */
typedef struct _VigieCentre VigieCentre;

VigieCentre *vigie_centre_new_circle       (double         latitude,
                                            double         longitude,
                                            double         radius_m);
VigieCentre *vigie_centre_new_polygon      (const double  *points,
                                            guint          n_points);
VigieCentre *vigie_centre_new_from_key_file (GKeyFile     *keyfile,
                                            GError       **error);
VigieCentre *vigie_centre_ref              (VigieCentre   *self);
void         vigie_centre_unref            (VigieCentre   *self);
gboolean     vigie_centre_contains         (VigieCentre   *self,
                                            double         latitude,
                                            double         longitude);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieCentre, vigie_centre_unref)

G_END_DECLS
