/* vigie-tile-queue.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-tile-queue"

#include "config.h"

#include <math.h>

#include "vigie-geo.h"
#include "vigie-thread.h"
#include "vigie-tile-queue.h"

/* The order in which a map source's tiles are made. libshumate 1.0 asks for
 * a whole grid at once, column by column, the visible area and a margin of
 * one tile around it alike; handed to GLib's worker pool in that order, the
 * tiles in the middle of the screen come last, and the pool is full of
 * tiles when a feed needs a worker. Here the jobs wait in a list, and a few
 * workers (GTask threads, one per core and four at least: two lost time
 * to the main thread's frames and to feed parsing) each take the most
 * useful job left: visible at the map's current zoom, nearest the centre
 * first; then visible at another level; then the margin; then the rest.
 * Jobs that libshumate cancelled (a level it has zoomed past) are settled
 * without work. The workers go on without the main loop, so a busy main thread
 * never leaves them idle.
 *
 * The view is copied under the lock from the main thread whenever it
 * changes, so workers never touch widgets. */

#define TILE_SIZE 256.0

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
  int              x;
  int              y;
  int              zoom;
} Job;

typedef struct
{
  gboolean valid;
  double   zoom;
  double   x;        /* the centre, in units of the whole map (0 to 1) */
  double   y;
  double   width;    /* pixels */
  double   height;
} View;

struct _VigieTileQueue
{
  GObject     parent_instance;

  GMutex      lock;
  GPtrArray  *pending;      /* of Job; under the lock */
  guint       running;      /* workers; under the lock */
  View        view;         /* under the lock */
  guint       max_running;

  guint       start_id;
  ShumateMap *map;          /* weak */
};

G_DEFINE_FINAL_TYPE (VigieTileQueue, vigie_tile_queue, G_TYPE_OBJECT)

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_free (job);
}

/* 0 visible at the view's level, 1 visible at another level (libshumate
 * shows it scaled while the new level is drawn), 2 margin at the view's
 * level, 3 anything else; @distance from the centre, in tiles. */
static int
rank_job (const View *view,
          const Job  *job,
          double     *distance)
{
  double tiles = ldexp (1.0, job->zoom);
  double scale = pow (2.0, job->zoom - view->zoom);
  double dx, dy, half_w, half_h;
  gboolean visible, current;

  if (!view->valid)
    {
      *distance = 0;
      return 0;
    }

  dx = job->x + 0.5 - view->x * tiles;
  dy = job->y + 0.5 - view->y * tiles;
  *distance = sqrt (dx * dx + dy * dy);

  half_w = view->width * scale / TILE_SIZE / 2;
  half_h = view->height * scale / TILE_SIZE / 2;
  visible = fabs (dx) < half_w + 0.5 && fabs (dy) < half_h + 0.5;
  current = job->zoom == (int) view->zoom;

  return visible ? (current ? 0 : 1) : (current ? 2 : 3);
}

/* Called with the lock held. Without a view, first come first served. */
static Job *
take_best_locked (VigieTileQueue *self)
{
  guint best = 0;
  int best_rank = G_MAXINT;
  double best_distance = G_MAXDOUBLE;

  if (self->pending->len == 0)
    return NULL;

  for (guint i = 0; i < self->pending->len; i++)
    {
      Job *job = g_ptr_array_index (self->pending, i);
      GCancellable *cancellable = g_task_get_cancellable (job->task);
      double distance;
      int rank;

      if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
        {
          best = i;
          break;
        }

      rank = rank_job (&self->view, job, &distance);
      if (rank < best_rank || (rank == best_rank && distance < best_distance))
        {
          best = i;
          best_rank = rank;
          best_distance = distance;
        }
    }

  return g_ptr_array_steal_index (self->pending, best);
}

static void
run_jobs_in_thread (GTask        *worker,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  VigieTileQueue *self = source_object;

  vigie_thread_make_background ();

  for (;;)
    {
      Job *job;

      g_mutex_lock (&self->lock);
      job = take_best_locked (self);
      if (job == NULL)
        self->running--;
      g_mutex_unlock (&self->lock);

      if (job == NULL)
        break;

      if (!g_task_return_error_if_cancelled (job->task))
        job->func (job->task,
                   g_task_get_source_object (job->task),
                   g_task_get_task_data (job->task),
                   g_task_get_cancellable (job->task));
      job_free (job);
    }

  g_task_return_boolean (worker, TRUE);
}

static void
start_workers (VigieTileQueue *self)
{
  g_mutex_lock (&self->lock);
  while (self->running < self->max_running && self->running < self->pending->len)
    {
      g_autoptr(GTask) worker = g_task_new (self, NULL, NULL, NULL);

      g_task_set_source_tag (worker, start_workers);
      g_task_run_in_thread (worker, run_jobs_in_thread);
      self->running++;
    }
  g_mutex_unlock (&self->lock);
}

static gboolean
start_workers_cb (gpointer data)
{
  VigieTileQueue *self = data;

  self->start_id = 0;
  start_workers (self);
  return G_SOURCE_REMOVE;
}

static void
update_view (VigieTileQueue *self)
{
  View view = { 0 };

  if (self->map != NULL)
    {
      ShumateViewport *viewport = shumate_map_get_viewport (self->map);

      view.valid = TRUE;
      view.zoom = shumate_viewport_get_zoom_level (viewport);
      vigie_geo_project (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                         shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                         &view.x, &view.y);
      view.width = gtk_widget_get_width (GTK_WIDGET (self->map));
      view.height = gtk_widget_get_height (GTK_WIDGET (self->map));
    }

  g_mutex_lock (&self->lock);
  self->view = view;
  g_mutex_unlock (&self->lock);
}

/* libshumate 1.0 recomputes a map layer's grid, and so asks for the new
 * level's tiles, in an idle at G_PRIORITY_DEFAULT_IDLE, meant to run
 * "before the next frame". While the map animates (trams gliding) and a
 * frame takes longer than the frame interval, GDK's redraw (at
 * GDK_PRIORITY_REDRAW) is always due first and that idle waits for
 * seconds: the symbols move to the new zoom over the old level's tiles.
 * Raise it just above the redraw, as it was meant to be. */
#define RECOMPUTE_GRID_SOURCE "[shumate] recompute_grid_in_idle_cb"

static void
hurry_map_layers (VigieTileQueue *self)
{
  if (self->map == NULL)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->map));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GSource *source;

      if (!SHUMATE_IS_MAP_LAYER (child))
        continue;

      source = g_main_context_find_source_by_funcs_user_data (NULL, &g_idle_funcs, child);
      if (source != NULL && g_strcmp0 (g_source_get_name (source), RECOMPUTE_GRID_SOURCE) == 0)
        g_source_set_priority (source, GDK_PRIORITY_REDRAW - 1);
    }
}

static void
on_viewport_changed_cb (VigieTileQueue *self)
{
  update_view (self);
  hurry_map_layers (self);
}

static void
vigie_tile_queue_dispose (GObject *object)
{
  VigieTileQueue *self = (VigieTileQueue *)object;

  vigie_tile_queue_watch (self, NULL);
  g_clear_handle_id (&self->start_id, g_source_remove);

  G_OBJECT_CLASS (vigie_tile_queue_parent_class)->dispose (object);
}

static void
vigie_tile_queue_finalize (GObject *object)
{
  VigieTileQueue *self = (VigieTileQueue *)object;

  /* Workers hold a reference: none runs now, and jobs hold their task. */
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (vigie_tile_queue_parent_class)->finalize (object);
}

static void
vigie_tile_queue_class_init (VigieTileQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_tile_queue_dispose;
  object_class->finalize = vigie_tile_queue_finalize;
}

static void
vigie_tile_queue_init (VigieTileQueue *self)
{
  g_mutex_init (&self->lock);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
}

/**
 * vigie_tile_queue_new:
 * @max_running: how many jobs may run at once; 0 for one per core
 *
 * Returns: (transfer full): a new, empty #VigieTileQueue
 */
VigieTileQueue *
vigie_tile_queue_new (guint max_running)
{
  VigieTileQueue *self = g_object_new (VIGIE_TYPE_TILE_QUEUE, NULL);

  self->max_running = max_running > 0 ? max_running : CLAMP (g_get_num_processors (), 4, 8);
  return self;
}

guint
vigie_tile_queue_get_max_running (VigieTileQueue *self)
{
  g_return_val_if_fail (VIGIE_IS_TILE_QUEUE (self), 0);

  return self->max_running;
}

/**
 * vigie_tile_queue_watch:
 * @self: a #VigieTileQueue
 * @map: (nullable): the map whose view sets the order
 *
 * Orders the jobs by what @map shows; without a map, by arrival.
 */
void
vigie_tile_queue_watch (VigieTileQueue *self,
                        ShumateMap     *map)
{
  g_return_if_fail (VIGIE_IS_TILE_QUEUE (self));
  g_return_if_fail (map == NULL || SHUMATE_IS_MAP (map));

  if (self->map == map)
    return;

  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (shumate_map_get_viewport (self->map), self);

  g_set_weak_pointer (&self->map, map);

  /* After the map layers' own handlers, which queue their idle. */
  if (map != NULL)
    g_signal_connect_object (shumate_map_get_viewport (map), "notify",
                             G_CALLBACK (on_viewport_changed_cb), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  update_view (self);
}

/**
 * vigie_tile_queue_push:
 * @self: a #VigieTileQueue
 * @task: the task that makes tile (@x, @y, @zoom)
 * @x: the tile's column
 * @y: the tile's row
 * @zoom: the tile's zoom level
 * @func: run in a worker thread for @task when its turn comes
 *
 * Queues a job. @func must return a result on @task; a task whose
 * cancellable is cancelled before its turn returns %G_IO_ERROR_CANCELLED
 * without running @func. Called from the main thread.
 */
void
vigie_tile_queue_push (VigieTileQueue  *self,
                       GTask           *task,
                       int              x,
                       int              y,
                       int              zoom,
                       GTaskThreadFunc  func)
{
  Job *job;
  gboolean start;

  g_return_if_fail (VIGIE_IS_TILE_QUEUE (self));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->task = g_object_ref (task);
  job->func = func;
  job->x = x;
  job->y = y;
  job->zoom = zoom;

  /* The map's size is not a property: read it again with each grid. */
  update_view (self);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->pending, job);
  start = self->running < self->max_running;
  g_mutex_unlock (&self->lock);

  /* libshumate asks for a whole grid in one go: idle workers choose once
   * it has, not at its first, top-left, tile. */
  if (start && self->start_id == 0)
    self->start_id = g_idle_add_full (G_PRIORITY_DEFAULT, start_workers_cb,
                                      g_object_ref (self), g_object_unref);
}
