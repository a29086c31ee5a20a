/* vigie-map-clusters.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vigie-map-groups.h"
#include "vigie-spatial-index.h"
#include "vigie-style.h"

G_BEGIN_DECLS

/* A layer's groups at one integer zoom level, built by the layer
 * (vigie-map-layer.c) and placed among the other layers' groups
 * (vigie-map-groups.c). Private to the two. */

typedef struct _VigieMapArt VigieMapArt;
typedef VigieMapArt Art;

typedef struct
{
  double       x, y;            /* mean of the members, world */
  guint        n;
  guint        first;           /* an item, for clusters of one */
  gint64       cell;            /* its cell of the grid, which holds from one update to the next */
  VigieSymbol  symbol;          /* for clusters of more than one */
  Art         *art;             /* NULL for clusters of one, and until shown */
  float        half;            /* half the art's side, logical px */
  float        radius;
  double       dx, dy;          /* where it is drawn, from x, y: world */
  char        *summary;         /* "3 empty", or NULL */
  PangoLayout *layout;          /* the summary, laid out */
} Cluster;

typedef struct
{
  GArray            *clusters;  /* Cluster */
  VigieSpatialIndex *index;     /* where they are drawn */
  float              max_half;  /* of its symbols, logical px */
  gboolean           placed;    /* among the other layers' groups */
  gboolean           placing;   /* a worker places it */
  gboolean           has_art;   /* the symbols are drawn */
} ClusterSet;

/* Where a group was drawn, to draw the same group there again at the
 * next update until it is placed anew. */
typedef struct
{
  gint64 cell;
  double dx, dy;
} ClusterSpot;

void    vigie_cluster_set_free        (gpointer           set);
GArray *vigie_cluster_set_dup_spots   (ClusterSet        *set);
void    vigie_cluster_set_carry_spots (ClusterSet        *set,
                                       const ClusterSpot *spots,
                                       guint              n_spots);
void vigie_cluster_set_collect (ClusterSet *set,
                                int         level,
                                GtkWidget  *widget,
                                GArray     *boxes);
void vigie_cluster_set_apply   (ClusterSet    *set,
                                int            level,
                                VigieGroupBox *boxes,
                                guint          n_boxes);

G_END_DECLS
