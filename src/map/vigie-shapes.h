/* vigie-shapes.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "vigie-entity.h"

G_BEGIN_DECLS

/* Lines and areas of a layer: transit lines' paths, parking street
 * segments and zones, in world (Web-Mercator) coordinates. */
typedef struct _VigieShapes VigieShapes;

typedef void (*VigieShapesTransform) (gpointer  data,
                                      double    x,
                                      double    y,
                                      double   *px,
                                      double   *py);

VigieShapes *vigie_shapes_new    (void);
VigieShapes *vigie_shapes_ref    (VigieShapes          *self);
void         vigie_shapes_unref  (VigieShapes          *self);
gboolean     vigie_shapes_add    (VigieShapes          *self,
                                  VigieShapes          *previous,
                                  VigieEntity          *entity,
                                  guint32               rgba,
                                  gboolean              hatched);
guint        vigie_shapes_get_n  (VigieShapes          *self);
void         vigie_shapes_draw   (VigieShapes          *self,
                                  cairo_t              *cr,
                                  double                min_x,
                                  double                min_y,
                                  double                max_x,
                                  double                max_y,
                                  VigieShapesTransform  transform,
                                  gpointer              data,
                                  double                scale);

gboolean     vigie_shapes_find_path (VigieShapes       *self,
                                     const char        *route_id,
                                     double             x0,
                                     double             y0,
                                     double             x1,
                                     double             y1,
                                     double             max_offset,
                                     GArray            *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VigieShapes, vigie_shapes_unref)

G_END_DECLS
