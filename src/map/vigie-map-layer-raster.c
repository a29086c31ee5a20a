/* vigie-map-layer-raster.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-map-layer"

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/mman.h>

#include "vigie-heat.h"
#include "vigie-map-layer-private.h"
#include "vigie-release.h"
#include "vigie-thread.h"

/* Thousands of symbols cost thousands of small composites a frame, and
 * thousands of parking areas or Wi-Fi heat spots as much, on the main
 * thread. Past a few hundred, a worker paints what stays still (areas and
 * lines, heat, and the symbols when they are not grouped) into one image
 * a margin wider than the widget, and a frame only composites that image:
 * moved while the map pans, scaled while it zooms, like map tiles, until
 * the worker has painted the new view. Grouped, the items alone in their
 * group are in it when they are many (a city's trams at scale). Items
 * gliding to a new place, groups, names and the selection are drawn live
 * on top; once the glides are over, the image is painted again with
 * those items in it, rather than thousands drawn live until the next
 * update (each frame replayed all of them, whatever it repainted). */

#define MARGIN_PX        256.0
#define SETTLE_MS        150

struct _VigieMapRaster
{
  gatomicrefcount  ref_count;
  GArray          *items;       /* what it shows, kept alive for identity */
  View             view;        /* its own: the widget's, MARGIN_PX wider each side */
  double           rotation;
  int              scale;
  gboolean         symbols;     /* it has the still symbols */
  int              level;       /* -1: all of them; else those alone in their group at that level */
  gboolean         heat;        /* it has the heat */
  gint64           time;        /* frame time: items gliding then are not in it */
  cairo_surface_t *surface;
  GdkTexture      *texture;     /* the same pixels, made when GL asks */
};

typedef struct
{
  GArray      *items;
  GArray      *singles;         /* guint: the items to paint, or NULL for all */
  GPtrArray   *arts;
  VigieShapes *shapes;
  double       shapes_scale;
  View         view;
  int          scale;
  gboolean     symbols;
  int          level;
  gboolean     heat;
  gint64       now;
} RasterJob;

void
vigie_map_raster_unref (gpointer data)
{
  VigieMapRaster *raster = data;

  if (raster == NULL || !g_atomic_ref_count_dec (&raster->ref_count))
    return;

  g_clear_pointer (&raster->items, g_array_unref);
  g_clear_pointer (&raster->surface, cairo_surface_destroy);
  g_clear_object (&raster->texture);
  g_free (raster);
}

static void
raster_job_free (gpointer data)
{
  RasterJob *job = data;

  g_clear_pointer (&job->items, g_array_unref);
  g_clear_pointer (&job->singles, g_array_unref);
  g_clear_pointer (&job->arts, g_ptr_array_unref);
  g_clear_pointer (&job->shapes, vigie_shapes_unref);
  g_free (job);
}

/* Unmapping megabytes is felt in a frame: a worker does it, unless the
 * image went to GL, whose texture goes on the thread that drew it. */
void
vigie_map_raster_release (gpointer data)
{
  VigieMapRaster *raster = data;

  if (raster != NULL && raster->texture == NULL)
    vigie_release_later (raster, vigie_map_raster_unref);
  else
    vigie_map_raster_unref (raster);
}

static void
paint_heat (const RasterJob *job,
            cairo_t         *cr)
{
  double radius = 60.0 * job->shapes_scale;
  g_autoptr(GArray) heat = g_array_new (FALSE, FALSE, sizeof (VigieHeatPoint));

  for (guint i = 0; i < job->items->len; i++)
    {
      const Item *item = &g_array_index (job->items, Item, i);
      VigieHeatPoint point;

      if (!item->has_fill || item->total <= 0)
        continue;

      world_to_widget (&job->view, item->x, item->y, &point.x, &point.y);
      if (point.x < -radius || point.y < -radius ||
          point.x > job->view.width + radius || point.y > job->view.height + radius)
        continue;
      point.load = item->used / item->total;
      g_array_append_val (heat, point);
    }

  vigie_heat_draw (cr, (VigieHeatPoint *) (gpointer) heat->data, heat->len, radius);
}

/* An image of megabytes painted in one worker and freed in another, a
 * few times a minute: from malloc, such blocks stay in the arenas
 * (glibc raises its mmap threshold after the first is freed), and a soak
 * saw RSS climb. Mapped here, each goes back to the system when freed. */
typedef struct
{
  void  *pixels;
  gsize  size;
} Pixels;

static const cairo_user_data_key_t pixels_key;

static void
unmap_pixels (void *data)
{
  Pixels *block = data;

  munmap (block->pixels, block->size);
  g_free (block);
}

static cairo_surface_t *
create_surface (int width,
                int height)
{
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, width);
  Pixels *block;
  cairo_surface_t *surface;

  block = g_new0 (Pixels, 1);
  block->size = (gsize) stride * MAX (height, 1);
  block->pixels = mmap (NULL, block->size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (stride <= 0 || block->pixels == MAP_FAILED)
    {
      g_free (block);
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }

  /* Fresh mappings are zeroes: transparent. */
  surface = cairo_image_surface_create_for_data (block->pixels, CAIRO_FORMAT_ARGB32, width, height, stride);
  /* Should this fail (no memory), the pixels are lost rather than freed
   * under the surface. */
  cairo_surface_set_user_data (surface, &pixels_key, block, unmap_pixels);

  return surface;
}

static void
paint_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  RasterJob *job = task_data;
  const View *view = &job->view;
  VigieMapRaster *raster;
  cairo_t *cr;

  vigie_thread_make_background ();

  raster = g_new0 (VigieMapRaster, 1);
  g_atomic_ref_count_init (&raster->ref_count);
  raster->items = g_array_ref (job->items);
  raster->view = job->view;
  raster->scale = job->scale;
  raster->rotation = atan2 (view->sin_r, view->cos_r);
  raster->symbols = job->symbols;
  raster->level = job->level;
  raster->heat = job->heat;
  raster->time = job->now;
  raster->surface = create_surface ((int) ceil (view->width * job->scale),
                                    (int) ceil (view->height * job->scale));
  cairo_surface_set_device_scale (raster->surface, job->scale, job->scale);

  cr = cairo_create (raster->surface);

  /* As the live painter draws them: areas and lines, heat, then the
   * symbols in the store's order. */
  if (job->shapes != NULL)
    {
      double min_x, min_y, max_x, max_y;

      vigie_map_view_get_visible_rect (view, 8, &min_x, &min_y, &max_x, &max_y);
      vigie_shapes_draw (job->shapes, cr, min_x, min_y, max_x, max_y,
                         vigie_map_view_transform, (gpointer) view, job->shapes_scale);
    }

  if (job->heat)
    paint_heat (job, cr);

  /* In the store's order, as the live painter draws them. */
  if (job->singles != NULL)
    g_array_sort (job->singles, vigie_map_compare_uint);

  for (guint i = 0; job->symbols && i < (job->singles ? job->singles->len : job->items->len) &&
                    !g_cancellable_is_cancelled (cancellable); i++)
    {
      const Item *item = &g_array_index (job->items, Item, job->singles ? g_array_index (job->singles, guint, i) : i);
      Art *art;
      double px, py;

      if (vigie_map_item_glides_at (item, job->now))
        continue;

      art = g_ptr_array_index (job->arts, item->symbol);
      world_to_widget (view, item->x, item->y, &px, &py);
      if (px < -art->half || py < -art->half ||
          px > view->width + art->half || py > view->height + art->half)
        continue;

      cairo_set_source_surface (cr, art->surface, round (px - art->half), round (py - art->half));
      cairo_paint (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (raster->surface);

  g_task_return_pointer (task, raster, vigie_map_raster_unref);
}

/* Where @raster's centre is on the widget now, and how much bigger it is
 * drawn than it was painted. */
static void
place_raster (const VigieMapRaster *raster,
              const View           *view,
              double               *px,
              double               *py,
              double               *k)
{
  world_to_widget (view, raster->view.cx, raster->view.cy, px, py);
  *k = view->scale / raster->view.scale;
}

/* The glides of its items ended since it was painted: those that glided
 * are not in it. */
static gboolean
raster_glides_over (VigieMapLayer        *self,
                    const VigieMapRaster *raster)
{
  return raster->time < self->glide_until && vigie_map_layer_get_frame_time (self) >= self->glide_until;
}

/* Whether @raster is the image of the layer's items in @view as it is to
 * be drawn, with @symbols, @level and @heat: nothing to paint again. */
static gboolean
raster_is_exact (VigieMapLayer        *self,
                 const VigieMapRaster *raster,
                 const View           *view,
                 gboolean              symbols,
                 int                   level,
                 gboolean              heat)
{
  double px, py, k;

  if (raster->items != self->items || raster->heat != heat || raster->symbols != symbols ||
      raster->level != level || raster_glides_over (self, raster) ||
      fabs (raster->rotation - atan2 (view->sin_r, view->cos_r)) > 1e-6)
    return FALSE;

  place_raster (raster, view, &px, &py, &k);
  return fabs (k - 1.0) < 1e-9 &&
         raster->scale == gtk_widget_get_scale_factor (GTK_WIDGET (self)) &&
         raster->view.width == view->width + 2 * MARGIN_PX &&
         raster->view.height == view->height + 2 * MARGIN_PX &&
         fabs (px - view->width / 2) <= MARGIN_PX && fabs (py - view->height / 2) <= MARGIN_PX;
}

static void request_raster (VigieMapLayer *self,
                            const View    *view,
                            gboolean       symbols,
                            int            level,
                            gboolean       heat);

static void
on_painted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  VigieMapLayer *self = VIGIE_MAP_LAYER (object);
  GTask *task = G_TASK (result);
  VigieMapRaster *raster = g_task_propagate_pointer (task, NULL);

  if (g_task_get_cancellable (task) != self->raster_cancellable)
    {
      vigie_map_raster_unref (raster);
      return;
    }

  self->raster_running = FALSE;
  vigie_map_raster_release (g_steal_pointer (&self->raster));
  self->raster = raster;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  /* Asked for again while it painted: most often, after an update, for
   * the same items in the same view, which this image already is
   * (painting it twice doubled the cost of a layer of 10,000 parking
   * zones). */
  if (self->raster_again)
    {
      View view;

      self->raster_again = FALSE;
      if (vigie_map_layer_get_view (self, &view) &&
          !raster_is_exact (self, raster, &view, self->raster_symbols, self->raster_level, self->raster_heat))
        request_raster (self, &view, self->raster_symbols, self->raster_level, self->raster_heat);
    }

  if (!self->raster_running)
    vigie_map_layer_notify_busy (self);
}

/* The items alone in their group at @level: a pass over the groups, once
 * an image, where a frame drawing them passed over them all. */
static GArray *
dup_singles (VigieMapLayer *self,
             int            level)
{
  ClusterSet *set = g_hash_table_lookup (self->cluster_sets, GINT_TO_POINTER (level));
  GArray *singles = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; set != NULL && i < set->clusters->len; i++)
    {
      const Cluster *cluster = &g_array_index (set->clusters, Cluster, i);

      if (cluster->n == 1)
        g_array_append_val (singles, cluster->first);
    }

  return singles;
}

static void
request_raster (VigieMapLayer *self,
                const View    *view,
                gboolean       symbols,
                int            level,
                gboolean       heat)
{
  g_autoptr(GTask) task = NULL;
  RasterJob *job;

  /* The latest wish wins; the view is read again when the worker is free. */
  self->raster_symbols = symbols;
  self->raster_level = level;
  self->raster_heat = heat;
  if (self->raster_running)
    {
      self->raster_again = TRUE;
      return;
    }

  job = g_new0 (RasterJob, 1);
  job->items = g_array_ref (self->items);
  job->arts = g_ptr_array_new_full (self->arts->len, vigie_map_art_release);
  for (guint i = 0; i < self->arts->len; i++)
    g_ptr_array_add (job->arts, g_rc_box_acquire (g_ptr_array_index (self->arts, i)));
  job->shapes = vigie_shapes_get_n (self->shapes) > 0 ? vigie_shapes_ref (self->shapes) : NULL;
  job->shapes_scale = self->thresholds.scale > 0 ? self->thresholds.scale : 1.0;
  job->symbols = symbols;
  job->level = level;
  if (symbols && level >= 0)
    job->singles = dup_singles (self, level);
  job->heat = heat;
  job->now = vigie_map_layer_get_frame_time (self);
  job->view = *view;
  job->view.width += 2 * MARGIN_PX;
  job->view.height += 2 * MARGIN_PX;
  job->scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  if (self->raster_cancellable == NULL)
    self->raster_cancellable = g_cancellable_new ();
  self->raster_running = TRUE;
  self->n_raster_paints++;

  task = g_task_new (self, self->raster_cancellable, on_painted_cb, NULL);
  g_task_set_source_tag (task, request_raster);
  g_task_set_name (task, "[vigie] map layer raster");
  g_task_set_task_data (task, job, raster_job_free);
  g_task_run_in_thread (task, paint_thread);
  vigie_map_layer_notify_busy (self);
}

static gboolean
on_settled_cb (gpointer user_data)
{
  VigieMapLayer *self = user_data;

  self->raster_settle_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

/* The view moved: the image waits for it to rest. */
void
vigie_map_layer_raster_view_changed (VigieMapLayer *self)
{
  self->raster_view_changed = g_get_monotonic_time ();
}

/**
 * vigie_map_layer_draw_raster:
 * @self: a #VigieMapLayer
 * @snapshot: where it draws
 * @view: the view of this frame
 * @symbols: whether the still symbols are to be in it
 * @level: -1 for all of them (not grouped), else the integer zoom level
 *   of the groups whose lone items are to be in it
 * @heat: whether the heat is to be in it
 *
 * Draws what stays still from the image a worker painted, and asks for a
 * new one when the data or the view changed, or the glides ended.
 *
 * Returns: %FALSE when all is to be drawn live: no image yet
 */
gboolean
vigie_map_layer_draw_raster (VigieMapLayer *self,
                             GtkSnapshot   *snapshot,
                             const View    *view,
                             gboolean       symbols,
                             int            level,
                             gboolean       heat)
{
  VigieMapRaster *raster = self->raster;
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  double rotation = atan2 (view->sin_r, view->cos_r);
  double px = 0, py = 0, k = 1;
  gboolean exact;

  /* Symbols painted where groups are to be drawn, or the reverse: of no
   * use, even for a moment. Heat comes and goes with the zoom level, as
   * map tiles change their detail; the lone items of the groups of the
   * level before stay for the moment of a zoom (a city's trams are alone
   * at every level). */
  if (raster != NULL && (fabs (raster->rotation - rotation) > 1e-6 || raster->symbols != symbols))
    raster = NULL;

  if (raster != NULL)
    {
      place_raster (raster, view, &px, &py, &k);
      exact = raster_is_exact (self, raster, view, symbols, level, heat);
    }
  else
    exact = FALSE;

  /* New data is painted at once; a view on the move only once it rests
   * (SETTLE_MS), the image meanwhile moved and scaled: painting every
   * step of a zoom would take a core from the frames. While items glide,
   * the image waits for the glides' last frame: what glides is drawn
   * live, what does not has not moved, and an image painted now would
   * leave out thousands of trams to paint again a second later. */
  if (!exact && !(raster != NULL && vigie_map_layer_get_frame_time (self) < self->glide_until))
    {
      if (raster == NULL || raster->items != self->items || raster->heat != heat ||
          raster_glides_over (self, raster) ||
          g_get_monotonic_time () - self->raster_view_changed >= SETTLE_MS * 1000)
        request_raster (self, view, symbols, level, heat);
      else if (self->raster_settle_id == 0)
        self->raster_settle_id = g_timeout_add (SETTLE_MS, on_settled_cb, self);
    }
  if (raster == NULL)
    {
      vigie_map_node_cache_forget (&self->still_raster);
      return FALSE;
    }

  /* Moved and scaled as the map is, until the worker catches up. GTK
   * 4.8's cairo renderer copies a texture node at every frame: it gets a
   * cairo node the widget's size that paints the image instead. That
   * node is kept while the image and its place are the same: a new one
   * is repainted whole, and with it everything under it (a frame of a
   * tram gliding over 5,000 trams in the image was a frame of the whole
   * window). */
  if (renderer == NULL || GSK_IS_CAIRO_RENDERER (renderer))
    {
      struct { VigieMapRaster *raster; double px, py, k, width, height; gboolean exact; } key;
      cairo_t *cr;

      memset (&key, 0, sizeof key);
      key.raster = raster;
      key.px = px;
      key.py = py;
      key.k = k;
      key.width = view->width;
      key.height = view->height;
      key.exact = exact;
      if (vigie_map_node_cache_append (&self->still_raster, snapshot, &key, sizeof key))
        return TRUE;

      cr = vigie_map_node_cache_begin (&self->still_raster, &GRAPHENE_RECT_INIT (0, 0, view->width, view->height),
                                       &key, sizeof key);
      g_atomic_ref_count_inc (&raster->ref_count);
      vigie_map_node_cache_hold (&self->still_raster, raster);
      cairo_translate (cr, px, py);
      cairo_scale (cr, k, k);
      cairo_translate (cr, -raster->view.width / 2, -raster->view.height / 2);
      cairo_set_source_surface (cr, raster->surface, 0, 0);
      /* Scaled only for the moments of a zoom: speed over finesse. */
      if (!exact)
        cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_FAST);
      cairo_paint (cr);
      vigie_map_node_cache_end (&self->still_raster, snapshot, cr);
    }
  else
    {
      vigie_map_node_cache_forget (&self->still_raster);
      if (raster->texture == NULL)
        {
          g_autoptr(GBytes) bytes = NULL;

          bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (raster->surface),
                                              (gsize) cairo_image_surface_get_stride (raster->surface) *
                                              cairo_image_surface_get_height (raster->surface),
                                              (GDestroyNotify) cairo_surface_destroy,
                                              cairo_surface_reference (raster->surface));
          raster->texture = gdk_memory_texture_new (cairo_image_surface_get_width (raster->surface),
                                                    cairo_image_surface_get_height (raster->surface),
                                                    GDK_MEMORY_DEFAULT, bytes,
                                                    cairo_image_surface_get_stride (raster->surface));
        }
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (px, py));
      gtk_snapshot_scale (snapshot, k, k);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-raster->view.width / 2, -raster->view.height / 2));
      gtk_snapshot_append_texture (snapshot, raster->texture,
                                   &GRAPHENE_RECT_INIT (0, 0, raster->view.width, raster->view.height));
      gtk_snapshot_restore (snapshot);
    }

  return TRUE;
}

/* The frame time the image drawn was painted for: what glided then is
 * not in it. */
gint64
vigie_map_layer_get_raster_time (VigieMapLayer *self)
{
  return self->raster != NULL ? self->raster->time : 0;
}

/* Few things to draw: the memory goes back. */
void
vigie_map_layer_forget_raster (VigieMapLayer *self)
{
  vigie_map_node_cache_forget (&self->still_raster);
  if (!self->raster_running)
    vigie_map_raster_release (g_steal_pointer (&self->raster));
}

/* The layer goes away. */
void
vigie_map_layer_drop_raster (VigieMapLayer *self)
{
  if (self->raster_cancellable != NULL)
    g_cancellable_cancel (self->raster_cancellable);
  g_clear_object (&self->raster_cancellable);
  g_clear_handle_id (&self->raster_settle_id, g_source_remove);
  self->raster_running = FALSE;
  self->raster_again = FALSE;
  vigie_map_node_cache_forget (&self->still_raster);
  g_clear_pointer (&self->raster, vigie_map_raster_unref);
}
