/* vigie-map-groups.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A group's place on the map, in pixels at an integer zoom level: where
 * its members are (x, y), the box its symbol and summary take around that
 * point, and the offset it is drawn at so that no two groups of any layer
 * overlap. */
typedef struct
{
  double x, y;                  /* in: the members' mean, pixels */
  double left, top;             /* in: the box, relative to (x, y); negative */
  double right, bottom;         /* in: relative to (x, y); positive */
  guint  weight;                /* in: members; the heavier is placed first */
  double dx, dy;                /* out: the offset */
} VigieGroupBox;

void vigie_map_groups_place (VigieGroupBox *boxes,
                             guint          n_boxes,
                             double         gap);

#define VIGIE_TYPE_MAP_GROUPS (vigie_map_groups_get_type())

G_DECLARE_FINAL_TYPE (VigieMapGroups, vigie_map_groups, VIGIE, MAP_GROUPS, GObject)

VigieMapGroups *vigie_map_groups_new          (void);
void            vigie_map_groups_add_layer    (VigieMapGroups *self,
                                               gpointer        layer);
void            vigie_map_groups_remove_layer (VigieMapGroups *self,
                                               gpointer        layer);
void            vigie_map_groups_changed      (VigieMapGroups *self);
void            vigie_map_groups_place_level  (VigieMapGroups *self,
                                               int             level);

/* How a group's summary is written under its symbol. */
#define VIGIE_MAP_GROUPS_SUMMARY_PAD_X 4.0
#define VIGIE_MAP_GROUPS_SUMMARY_GAP   2.0

void            vigie_map_groups_draw_summary (GtkSnapshot    *snapshot,
                                               PangoLayout    *layout,
                                               double          x,
                                               double          y,
                                               double          radius);
void            vigie_map_groups_draw_leader  (cairo_t        *cr,
                                               double          from_x,
                                               double          from_y,
                                               double          to_x,
                                               double          to_y);

G_END_DECLS
