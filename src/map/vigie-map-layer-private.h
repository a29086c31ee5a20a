/* vigie-map-layer-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vigie-map-art-cache.h"
#include "vigie-map-clusters.h"
#include "vigie-map-groups.h"
#include "vigie-map-layer.h"
#include "vigie-map-node-cache.h"
#include "vigie-shapes.h"
#include "vigie-spatial-index.h"

G_BEGIN_DECLS

/* VigieMapLayer is split by concern over this header, as
 * gnome-text-editor splits its page:
 *
 *   vigie-map-layer.c           the object: properties, signals, selection
 *   vigie-map-layer-geometry.c  world ↔ widget pixels, where an item is now
 *   vigie-map-layer-items.c     the item model: symbols' art, ageing
 *   vigie-map-art-cache.c       the symbols' art, drawn by the plan's worker
 *   vigie-map-layer-glide.c     the glides' clock: a frame a pixel, none between
 *   vigie-map-layer-plan.c      the items rebuilt in a worker at each update
 *   vigie-map-layer-raster.c    thousands of still items painted by a worker
 *   vigie-map-layer-clusters.c  groups of close items per integer zoom
 *   vigie-map-layer-painter.c   snapshot(): shapes, heat, symbols, labels
 *                               (what a glide leaves still kept as nodes,
 *                               vigie-map-node-cache.c)
 *   vigie-map-layer-input.c     picking, click, keys, tooltip, the details
 *
 * and the details popover is a template widget of its own
 * (vigie-details-popover.c). */

typedef struct _VigieMapRaster VigieMapRaster;

/* One distinct symbol, drawn once; shared by reference (g_rc_box) between
 * the layer's cache, its items and its groups. */
struct _VigieMapArt
{
  GdkTexture      *texture;
  cairo_surface_t *surface;     /* the same pixels, for the cairo renderer */
  float            half;        /* half the side, logical px */
  guint            used;        /* the cache's generation when last asked for */
};

/* Built in a worker and never changed afterwards: a worker may read the
 * items shown while it builds the next ones. */
typedef struct
{
  VigieEntity *entity;
  double       x, y;            /* world coordinates, where the feed says */
  double       from_x, from_y;  /* where a glide started */
  gint64       glide_start;     /* monotonic µs; 0 when still */
  GArray      *path;            /* a tram's glide along its line (x, y pairs), or NULL */
  guint        symbol;          /* into the layer's symbols and arts */
  float        radius;          /* half the symbol's size: what picks it */
  double       used, total;     /* what a cluster adds up */
  gboolean     has_fill;
  guint8       alert;           /* VigieGroupAlert: what its group counts */
  gboolean     outdated;
} Item;

struct _VigieMapLayer
{
  ShumateLayer          parent_instance;

  GListModel           *model;
  VigieFeed            *feed;
  VigieFeedKind         kind;
  char                 *title;
  char                 *icon_name;
  gboolean              clustering;
  VigieStyleThresholds  thresholds;

  GArray               *items;          /* Item */
  VigieShapes          *shapes;         /* lines and areas under the items */
  VigieSpatialIndex    *index;
  GHashTable           *by_key;         /* key → item position + 1 */
  GArray               *symbols;        /* VigieSymbol: the items' distinct ones */
  GPtrArray            *arts;           /* Art, one per symbol */
  VigieMapArtCache     *art_cache;      /* VigieSymbol → Art, shared with the plan's worker */
  guint                 art_generation; /* one more at each update of the items' arts */
  GHashTable           *textures;       /* the cache's table, read by the tests */
  GHashTable           *layouts;        /* name → PangoLayout *, boxed */
  gint64                glide_until;    /* monotonic µs: when every glide ends */
  double                glide_extent;   /* world units: the longest glide */
  guint                 lines_hash;     /* the lines drawn, to see they change */

  gboolean              rasterize;      /* many still things painted by a worker */
  VigieMapRaster       *raster;         /* the still items, painted by a worker */
  GCancellable         *raster_cancellable;
  gboolean              raster_running;
  gboolean              raster_again;
  guint                 raster_settle_id;
  gint64                raster_view_changed;  /* monotonic µs */
  gboolean              raster_symbols;   /* what the next one is to have */
  int                   raster_level;
  gboolean              raster_heat;

  GCancellable         *plan_cancellable;
  gboolean              plan_running;
  gboolean              plan_again;     /* the data changed while it ran */
  int                   texture_scale;
  GHashTable           *cluster_sets;   /* integer zoom → ClusterSet */
  VigieMapGroups       *groups;         /* the map's, shared by its layers */
  guint                 n_placing;      /* placements of its groups under way */
  GHashTable           *summaries;      /* a group's summary → PangoLayout */
  GArray               *scratch;        /* guint, reused every frame */
  float                 max_half;

  guint                 tick_id;        /* the frame of a glide step */
  guint                 glide_step_id;  /* the timeout to the next one */
  gint64                glide_drawn;    /* frame time of the last glide frame */
  VigieMapNodeCache     still_shapes;   /* nodes a glide frame draws again */
  VigieMapNodeCache     still_heat;
  VigieMapNodeCache     still_leaders;
  VigieMapNodeCache     still_symbols;
  VigieMapNodeCache     still_raster;   /* the worker's image, placed */
  guint                 n_drawn;
  guint                 n_snapshots;    /* frames drawn, for the tests */
  guint                 n_rastered;
  guint                 n_raster_paints;  /* images asked of the worker, for tests */

  guint                 age_check_id;
  gint64                next_age_change;  /* unix s when a tram fades or goes; 0: never */

  guint                 filter;         /* VigieFilter mask; 0: everything drawn */
  guint                 n_matching;     /* counted by the plan's worker */
  guint                 n_targets;
  guint                 filter_counts[VIGIE_N_FILTERS];

  VigieEntity          *selected;
  GtkWidget            *popover;        /* VigieDetailsPopover, made when first shown */
};

/* How the viewport maps world coordinates to this widget's pixels. */
typedef struct
{
  double cx, cy;      /* the centre, world */
  double scale;       /* pixels per world unit */
  double cos_r, sin_r;
  double width, height;
  double zoom;
} View;

/* Inline: called for every symbol of every frame. */
static inline void
world_to_widget (const View *view,
                 double      x,
                 double      y,
                 double     *px,
                 double     *py)
{
  double dx = (x - view->cx) * view->scale;
  double dy = (y - view->cy) * view->scale;

  *px = view->cos_r * dx - view->sin_r * dy + view->width / 2;
  *py = view->sin_r * dx + view->cos_r * dy + view->height / 2;
}

static inline void
widget_to_world (const View *view,
                 double      px,
                 double      py,
                 double     *x,
                 double     *y)
{
  double dx = px - view->width / 2;
  double dy = py - view->height / 2;

  *x = view->cx + (view->cos_r * dx + view->sin_r * dy) / view->scale;
  *y = view->cy + (-view->sin_r * dx + view->cos_r * dy) / view->scale;
}

/* vigie-map-layer-geometry.c */
gboolean    vigie_map_layer_get_view         (VigieMapLayer     *self,
                                              View              *view);
gint64      vigie_map_layer_get_frame_time   (VigieMapLayer     *self);
void        vigie_map_view_get_visible_rect  (const View        *view,
                                              double             margin_px,
                                              double            *min_x,
                                              double            *min_y,
                                              double            *max_x,
                                              double            *max_y);
void        vigie_map_view_transform         (gpointer           view,
                                              double             x,
                                              double             y,
                                              double            *px,
                                              double            *py);
void        vigie_map_item_get_position      (const Item        *item,
                                              gint64             now,
                                              double            *x,
                                              double            *y);

/* For g_array_sort() of item indices. */
static inline int
vigie_map_compare_uint (gconstpointer a,
                        gconstpointer b)
{
  guint ua = *(const guint *) a;
  guint ub = *(const guint *) b;

  return ua < ub ? -1 : ua > ub;
}

/* Whether @item is on its way to its new place at @time (frame time). */
static inline gboolean
vigie_map_item_glides_at (const Item *item,
                          gint64      time)
{
  return item->glide_start != 0 && time - item->glide_start < VIGIE_MAP_LAYER_GLIDE_DURATION_MS * 1000;
}

static inline Art *
item_art (VigieMapLayer *self,
          const Item    *item)
{
  return g_ptr_array_index (self->arts, item->symbol);
}

/* vigie-map-layer-items.c */
void        vigie_map_item_clear             (gpointer           item);
void        vigie_map_art_release            (gpointer           art);
Art        *vigie_map_layer_lookup_art       (VigieMapLayer     *self,
                                              const VigieSymbol *symbol);
void        vigie_map_layer_update_arts      (VigieMapLayer     *self);
void        vigie_map_layer_take_arts        (VigieMapLayer     *self,
                                              GPtrArray         *arts);
PangoLayout **vigie_map_layer_lookup_layout  (VigieMapLayer     *self,
                                              const char        *name);
void        vigie_map_layer_trim_layouts     (VigieMapLayer     *self);
Item       *vigie_map_layer_find_item        (VigieMapLayer     *self,
                                              VigieEntity       *entity);
void        vigie_map_layer_start_items      (VigieMapLayer     *self,
                                              gint64             next_age_change);
void        vigie_map_layer_stop_items       (VigieMapLayer     *self);

/* vigie-map-layer-glide.c */
void        vigie_map_layer_start_glide      (VigieMapLayer     *self);
void        vigie_map_layer_stop_glide       (VigieMapLayer     *self);

/* vigie-map-layer-plan.c */
void        vigie_map_layer_rebuild          (VigieMapLayer     *self);
void        vigie_map_layer_cancel_plan      (VigieMapLayer     *self);

/* vigie-map-layer-raster.c */
void        vigie_map_raster_unref           (gpointer           raster);
void        vigie_map_raster_release         (gpointer           raster);
gboolean    vigie_map_layer_draw_raster      (VigieMapLayer     *self,
                                              GtkSnapshot       *snapshot,
                                              const View        *view,
                                              gboolean           symbols,
                                              int                level,
                                              gboolean           heat);
gint64      vigie_map_layer_get_raster_time  (VigieMapLayer     *self);
void        vigie_map_layer_forget_raster    (VigieMapLayer     *self);
void        vigie_map_layer_raster_view_changed (VigieMapLayer  *self);
void        vigie_map_layer_drop_raster      (VigieMapLayer     *self);

/* vigie-map-layer.c */
void        vigie_map_layer_notify_busy      (VigieMapLayer     *self);
void        vigie_map_layer_notify_counts    (VigieMapLayer     *self);

/* vigie-map-layer-clusters.c */
ClusterSet *vigie_map_layer_build_clusters   (const Item                 *items,
                                              guint                       n_items,
                                              VigieFeedKind               layer_kind,
                                              const VigieStyleThresholds *thresholds,
                                              int                         zoom);
ClusterSet *vigie_map_layer_get_clusters     (VigieMapLayer     *self,
                                              double             zoom);
ClusterSet *vigie_map_layer_get_clusters_now (VigieMapLayer     *self);

/* vigie-map-layer-painter.c */
void        vigie_map_layer_snapshot         (GtkWidget         *widget,
                                              GtkSnapshot       *snapshot);

/* vigie-map-layer-input.c */
void        vigie_map_layer_init_input       (VigieMapLayer     *self);
gboolean    vigie_map_layer_contains         (GtkWidget         *widget,
                                              double             x,
                                              double             y);
gboolean    vigie_map_layer_query_tooltip    (GtkWidget         *widget,
                                              int                x,
                                              int                y,
                                              gboolean           keyboard,
                                              GtkTooltip        *tooltip);
void        vigie_map_layer_size_allocate    (GtkWidget         *widget,
                                              int                width,
                                              int                height,
                                              int                baseline);
void        vigie_map_layer_show_details     (VigieMapLayer     *self);
void        vigie_map_layer_refresh_details  (VigieMapLayer     *self);

/* Between a layer and the groups of its map (vigie-map-groups.c). */
void vigie_map_layer_set_groups        (VigieMapLayer  *self,
                                        VigieMapGroups *groups);
void vigie_map_layer_forget_placement  (VigieMapLayer  *self);
PangoLayout *vigie_map_layer_lookup_summary (VigieMapLayer *self,
                                             const char    *text);
void vigie_map_layer_begin_placement  (VigieMapLayer  *self,
                                        int             level);
void vigie_map_layer_end_placement    (VigieMapLayer  *self);
void vigie_map_layer_collect_groups    (VigieMapLayer  *self,
                                        int             level,
                                        GArray         *boxes);
void vigie_map_layer_apply_placement   (VigieMapLayer  *self,
                                        int             level,
                                        VigieGroupBox  *boxes,
                                        guint          n_boxes);

/* For tests: the groups drawn now, in widget pixels (x, y: where each is
 * drawn; dx, dy: zero), with their summaries (NULL when none). */
void vigie_map_layer_get_drawn_groups  (VigieMapLayer  *self,
                                        GArray         *boxes,
                                        GPtrArray      *summaries);

G_END_DECLS
