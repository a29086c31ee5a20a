/* vigie-offline-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-offline-source"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <math.h>

#include "vigie-geo.h"
#include "vigie-offline-source.h"
#include "vigie-tile-paintable.h"
#include "vigie-tile-queue.h"

/* The street map that Vigie draws itself, from data/mulhouse/streets.bin
 * (see tools/derive-streets for the format): no network, no tile server,
 * always there to fall back on. Tiles are drawn with cairo in worker
 * threads, those on screen first (vigie-tile-queue.c); the texture is made
 * and set on the tile on the main thread.
 *
 * The street data is loaded once and never changes, so workers read it
 * without locks. Lines are indexed in buckets of zoom-16 tiles, so a tile
 * visits only the lines that may cross it. */

#define TILE_SIZE          256
#define MIN_ZOOM           10
#define MAX_ZOOM           18
#define BUCKET_ZOOM        16
#define STREETS_RESOURCE   "/io/github/vigie/Vigie/map/streets.bin"
#define STREETS_MAGIC      "VGST"
#define STREETS_VERSION    1
#define STREETS_HEADER_LEN 32
#define EARTH_CIRCUMFERENCE_M 40075016.686

typedef enum
{
  ROAD_PATH,
  ROAD_STREET,
  ROAD_MAJOR,
  N_ROAD_CLASSES
} RoadClass;

typedef struct
{
  guint   n_lines;
  guint   n_points;
  guint8 *line_class;
  guint  *line_start;     /* n_lines + 1 offsets into points */
  double *points;         /* x, y pairs in Web Mercator, 0 to 1 */
  double  cos_lat;        /* for metres per pixel */

  /* A grid of BUCKET_ZOOM tiles over the data, each listing its lines */
  int     bucket_x0;
  int     bucket_y0;
  int     bucket_cols;
  int     bucket_rows;
  guint  *bucket_start;   /* cols * rows + 1 offsets into bucket_lines */
  guint  *bucket_lines;
} Streets;

typedef struct
{
  double r, g, b;
} Rgb;

typedef struct
{
  Rgb background;
  Rgb line[N_ROAD_CLASSES];     /* lines too thin for a casing */
  Rgb casing[N_ROAD_CLASSES];
  Rgb fill[N_ROAD_CLASSES];
} Style;

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

/* Quiet greys, as dashboard maps (CARTO's Positron and Dark Matter) are:
 * the streets are there to find one's way, the layers carry the colour.
 * Major roads differ by width and a slightly stronger casing, not hue. */
static const Style light_style = {
  .background = RGB (0xf4f3f1),
  .line   = { RGB (0xe1dfdb), RGB (0xcdcbc7), RGB (0xb7b5b1) },
  .casing = { RGB (0xf4f3f1), RGB (0xdcdad6), RGB (0xc9c7c3) },
  .fill   = { RGB (0xe6e4e0), RGB (0xffffff), RGB (0xffffff) },
};

static const Style dark_style = {
  .background = RGB (0x1b1c1d),
  .line   = { RGB (0x262728), RGB (0x323435), RGB (0x45474a) },
  .casing = { RGB (0x1b1c1d), RGB (0x141515), RGB (0x101111) },
  .fill   = { RGB (0x28292a), RGB (0x303233), RGB (0x43464a) },
};

/* Roads are drawn at their real width when it is wider than the minimum. */
static const double road_width_m[N_ROAD_CLASSES] = { 2.5, 9.0, 13.0 };
static const double road_min_px[N_ROAD_CLASSES] = { 0.6, 0.9, 1.6 };
static const int road_min_zoom[N_ROAD_CLASSES] = { 14, MIN_ZOOM, MIN_ZOOM };
#define CASING_MIN_ZOOM 15
#define CASING_PX       1.0

struct _VigieOfflineSource
{
  ShumateMapSource  parent_instance;

  const Streets    *streets;
  GHashTable       *tiles;    /* weak: the tiles drawn, redrawn on a style change */
  gboolean          dark;

  VigieTileQueue   *queue;    /* visible tiles first */
  char             *style;    /* "auto", "light" or "dark" */
};

G_DEFINE_FINAL_TYPE (VigieOfflineSource, vigie_offline_source, SHUMATE_TYPE_MAP_SOURCE)

enum {
  PROP_0,
  PROP_DARK,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

typedef struct
{
  const Streets *streets;
  int            x;
  int            y;
  int            zoom;
  gboolean       dark;
  gint64         asked;     /* monotonic time, for G_MESSAGES_DEBUG */
} RenderJob;

/*
 * Street data
 */

static gboolean
read_varint (const guint8 **p,
             const guint8  *end,
             guint64       *value)
{
  guint64 result = 0;

  for (guint shift = 0; shift < 64; shift += 7)
    {
      guint8 byte;

      if (*p >= end)
        return FALSE;

      byte = *(*p)++;
      result |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        {
          *value = result;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
read_delta (const guint8 **p,
            const guint8  *end,
            gint64        *value)
{
  guint64 zigzag;

  if (!read_varint (p, end, &zigzag))
    return FALSE;

  *value += (gint64) (zigzag >> 1) ^ -(gint64) (zigzag & 1);
  return TRUE;
}

static void
project (gint64  lon_micro,
         gint64  lat_micro,
         double *x,
         double *y)
{
  vigie_geo_project (lat_micro / 1e6, lon_micro / 1e6, x, y);
}

static void
index_lines (Streets *streets)
{
  double scale = 1 << BUCKET_ZOOM;
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  g_autofree int *line_box = g_new (int, 4 * streets->n_lines);
  guint n_buckets;

  for (guint i = 0; i < streets->n_points; i++)
    {
      min_x = MIN (min_x, streets->points[2 * i]);
      max_x = MAX (max_x, streets->points[2 * i]);
      min_y = MIN (min_y, streets->points[2 * i + 1]);
      max_y = MAX (max_y, streets->points[2 * i + 1]);
    }

  streets->bucket_x0 = (int) floor (min_x * scale);
  streets->bucket_y0 = (int) floor (min_y * scale);
  streets->bucket_cols = (int) floor (max_x * scale) - streets->bucket_x0 + 1;
  streets->bucket_rows = (int) floor (max_y * scale) - streets->bucket_y0 + 1;
  n_buckets = streets->bucket_cols * streets->bucket_rows;
  streets->bucket_start = g_new0 (guint, n_buckets + 1);

  /* Two passes: count the lines of each bucket, then place them. */
  for (guint l = 0; l < streets->n_lines; l++)
    {
      int *box = &line_box[4 * l];

      box[0] = box[1] = G_MAXINT;
      box[2] = box[3] = G_MININT;
      for (guint i = streets->line_start[l]; i < streets->line_start[l + 1]; i++)
        {
          int bx = (int) floor (streets->points[2 * i] * scale) - streets->bucket_x0;
          int by = (int) floor (streets->points[2 * i + 1] * scale) - streets->bucket_y0;

          box[0] = MIN (box[0], bx);
          box[1] = MIN (box[1], by);
          box[2] = MAX (box[2], bx);
          box[3] = MAX (box[3], by);
        }

      for (int by = box[1]; by <= box[3]; by++)
        for (int bx = box[0]; bx <= box[2]; bx++)
          streets->bucket_start[by * streets->bucket_cols + bx + 1]++;
    }

  for (guint b = 0; b < n_buckets; b++)
    streets->bucket_start[b + 1] += streets->bucket_start[b];

  streets->bucket_lines = g_new (guint, streets->bucket_start[n_buckets]);

  {
    g_autofree guint *fill = g_memdup2 (streets->bucket_start, n_buckets * sizeof (guint));

    for (guint l = 0; l < streets->n_lines; l++)
      {
        int *box = &line_box[4 * l];

        for (int by = box[1]; by <= box[3]; by++)
          for (int bx = box[0]; bx <= box[2]; bx++)
            streets->bucket_lines[fill[by * streets->bucket_cols + bx]++] = l;
      }
  }
}

static Streets *
parse_streets (GBytes  *bytes,
               GError **error)
{
  g_autofree guint8 *line_class = NULL;
  g_autofree guint *line_start = NULL;
  g_autofree double *points = NULL;
  const guint8 *data, *p, *end;
  gsize size;
  guint16 version;
  guint32 n_lines, n_points;
  gint32 min_lat, max_lat;
  gint64 lon = 0, lat = 0;
  guint point = 0;
  Streets *streets;

  data = g_bytes_get_data (bytes, &size);
  if (size < STREETS_HEADER_LEN || memcmp (data, STREETS_MAGIC, 4) != 0)
    goto invalid;

  memcpy (&version, data + 4, 2);
  memcpy (&n_lines, data + 8, 4);
  memcpy (&n_points, data + 12, 4);
  memcpy (&min_lat, data + 20, 4);
  memcpy (&max_lat, data + 28, 4);
  version = GUINT16_FROM_LE (version);
  n_lines = GUINT32_FROM_LE (n_lines);
  n_points = GUINT32_FROM_LE (n_points);
  min_lat = GINT32_FROM_LE (min_lat);
  max_lat = GINT32_FROM_LE (max_lat);

  if (version != STREETS_VERSION || n_lines == 0 || n_points > size)
    goto invalid;

  line_class = g_new (guint8, n_lines);
  line_start = g_new (guint, n_lines + 1);
  points = g_new (double, 2 * (gsize) n_points);

  p = data + STREETS_HEADER_LEN;
  end = data + size;
  for (guint l = 0; l < n_lines; l++)
    {
      guint64 count;

      if (p >= end || *p >= N_ROAD_CLASSES)
        goto invalid;
      line_class[l] = *p++;
      line_start[l] = point;

      if (!read_varint (&p, end, &count) || count < 2 || count > n_points - point)
        goto invalid;

      for (guint64 i = 0; i < count; i++, point++)
        {
          if (!read_delta (&p, end, &lon) || !read_delta (&p, end, &lat))
            goto invalid;
          project (lon, lat, &points[2 * point], &points[2 * point + 1]);
        }
    }
  line_start[n_lines] = point;

  if (point != n_points || p != end)
    goto invalid;

  streets = g_new0 (Streets, 1);
  streets->n_lines = n_lines;
  streets->n_points = n_points;
  streets->line_class = g_steal_pointer (&line_class);
  streets->line_start = g_steal_pointer (&line_start);
  streets->points = g_steal_pointer (&points);
  streets->cos_lat = cos ((min_lat + max_lat) / 2e6 * G_PI / 180.0);
  index_lines (streets);

  return streets;

invalid:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "The built-in street data is damaged");
  return NULL;
}

/* Loaded on first use and kept for the life of the process: every source
 * and every worker shares it. */
static const Streets *
get_streets (void)
{
  static Streets *streets;

  if (g_once_init_enter (&streets))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      Streets *loaded;

      bytes = g_resources_lookup_data (STREETS_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      loaded = bytes != NULL ? parse_streets (bytes, &error) : NULL;
      if (loaded == NULL)
        g_error ("Cannot load %s: %s", STREETS_RESOURCE, error->message);

      g_once_init_leave (&streets, loaded);
    }

  return streets;
}

/*
 * Drawing
 */

static void
set_source_rgb (cairo_t   *cr,
                const Rgb *rgb)
{
  cairo_set_source_rgb (cr, rgb->r, rgb->g, rgb->b);
}

static void
append_lines (cairo_t       *cr,
              const Streets *streets,
              GArray        *lines,
              double         scale,
              double         origin_x,
              double         origin_y)
{
  for (guint i = 0; i < lines->len; i++)
    {
      guint l = g_array_index (lines, guint, i);
      guint first = streets->line_start[l];

      cairo_move_to (cr,
                     streets->points[2 * first] * scale - origin_x,
                     streets->points[2 * first + 1] * scale - origin_y);
      for (guint p = first + 1; p < streets->line_start[l + 1]; p++)
        cairo_line_to (cr,
                       streets->points[2 * p] * scale - origin_x,
                       streets->points[2 * p + 1] * scale - origin_y);
    }
}

/* Fills @lines (one array per class) with the lines whose buckets meet
 * the tile widened by @margin (in units of the whole map). */
static void
collect_lines (const Streets *streets,
               int            x,
               int            y,
               int            zoom,
               double         margin,
               GArray        *lines[N_ROAD_CLASSES])
{
  double tiles = 1 << zoom;
  double bucket_scale = 1 << BUCKET_ZOOM;
  int bx0, by0, bx1, by1;
  g_autofree guint8 *seen = NULL;

  bx0 = (int) floor ((x / tiles - margin) * bucket_scale) - streets->bucket_x0;
  by0 = (int) floor ((y / tiles - margin) * bucket_scale) - streets->bucket_y0;
  bx1 = (int) floor (((x + 1) / tiles + margin) * bucket_scale) - streets->bucket_x0;
  by1 = (int) floor (((y + 1) / tiles + margin) * bucket_scale) - streets->bucket_y0;
  bx0 = MAX (bx0, 0);
  by0 = MAX (by0, 0);
  bx1 = MIN (bx1, streets->bucket_cols - 1);
  by1 = MIN (by1, streets->bucket_rows - 1);
  if (bx0 > bx1 || by0 > by1)
    return;

  /* A line in several buckets is drawn once. */
  seen = g_new0 (guint8, streets->n_lines / 8 + 1);

  for (int by = by0; by <= by1; by++)
    for (int bx = bx0; bx <= bx1; bx++)
      {
        guint b = by * streets->bucket_cols + bx;

        for (guint i = streets->bucket_start[b]; i < streets->bucket_start[b + 1]; i++)
          {
            guint l = streets->bucket_lines[i];

            if (seen[l / 8] & (1 << (l % 8)))
              continue;
            seen[l / 8] |= 1 << (l % 8);
            g_array_append_val (lines[streets->line_class[l]], l);
          }
      }
}

static void
draw_tile (cairo_t       *cr,
           const Streets *streets,
           gboolean       dark,
           int            x,
           int            y,
           int            zoom)
{
  const Style *style = dark ? &dark_style : &light_style;
  double scale = (double) TILE_SIZE * (1 << zoom);
  double metres_per_px = EARTH_CIRCUMFERENCE_M * streets->cos_lat / scale;
  double origin_x = (double) x * TILE_SIZE;
  double origin_y = (double) y * TILE_SIZE;
  gboolean casing = zoom >= CASING_MIN_ZOOM;
  double width[N_ROAD_CLASSES];
  double max_width = 0;
  GArray *lines[N_ROAD_CLASSES];

  set_source_rgb (cr, &style->background);
  cairo_paint (cr);

  for (guint c = 0; c < N_ROAD_CLASSES; c++)
    {
      width[c] = MAX (road_width_m[c] / metres_per_px, road_min_px[c]);
      max_width = MAX (max_width, width[c] + 2 * CASING_PX);
      lines[c] = g_array_new (FALSE, FALSE, sizeof (guint));
    }

  collect_lines (streets, x, y, zoom, (max_width / 2 + 1) / scale, lines);

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Paths under streets under major roads; each class is one path, its
   * casing stroked first and its fill over it. */
  for (guint c = 0; c < N_ROAD_CLASSES; c++)
    {
      if (zoom < road_min_zoom[c] || lines[c]->len == 0)
        continue;

      append_lines (cr, streets, lines[c], scale, origin_x, origin_y);

      if (casing && c != ROAD_PATH)
        {
          set_source_rgb (cr, &style->casing[c]);
          cairo_set_line_width (cr, width[c] + 2 * CASING_PX);
          cairo_stroke_preserve (cr);
          set_source_rgb (cr, &style->fill[c]);
        }
      else if (casing)
        {
          set_source_rgb (cr, &style->fill[c]);
        }
      else
        {
          set_source_rgb (cr, &style->line[c]);
        }

      cairo_set_line_width (cr, width[c]);
      cairo_stroke (cr);
    }

  for (guint c = 0; c < N_ROAD_CLASSES; c++)
    g_array_unref (lines[c]);
}

/*
 * Rendering tiles
 */

static GBytes *
render_tile_bytes (const RenderJob *job)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, TILE_SIZE, TILE_SIZE);
  cr = cairo_create (surface);
  draw_tile (cr, job->streets, job->dark, job->x, job->y, job->zoom);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                     cairo_image_surface_get_stride (surface) * TILE_SIZE,
                                     (GDestroyNotify) cairo_surface_destroy,
                                     surface);
}

static GdkTexture *
texture_new_for_bytes (GBytes *bytes)
{
  /* GDK_MEMORY_DEFAULT is cairo's ARGB32 layout. */
  return gdk_memory_texture_new (TILE_SIZE, TILE_SIZE, GDK_MEMORY_DEFAULT, bytes,
                                 cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, TILE_SIZE));
}

static void
render_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_task_return_pointer (task, render_tile_bytes (task_data), (GDestroyNotify) g_bytes_unref);
}

static void
on_tile_finalized_cb (gpointer  data,
                      GObject  *where_the_tile_was)
{
  VigieOfflineSource *self = data;

  g_hash_table_remove (self->tiles, where_the_tile_was);
}

static void
track_tile (VigieOfflineSource *self,
            ShumateTile        *tile)
{
  if (g_hash_table_add (self->tiles, tile))
    g_object_weak_ref (G_OBJECT (tile), on_tile_finalized_cb, self);
}

static void
render_tile_async (VigieOfflineSource  *self,
                   ShumateTile         *tile,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RenderJob *job = g_new0 (RenderJob, 1);

  job->streets = self->streets;
  job->x = shumate_tile_get_x (tile);
  job->y = shumate_tile_get_y (tile);
  job->zoom = shumate_tile_get_zoom_level (tile);
  job->dark = self->dark;
  job->asked = g_get_monotonic_time ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, render_tile_async);
  g_task_set_task_data (task, job, g_free);
  vigie_tile_queue_push (self->queue, task, job->x, job->y, job->zoom, render_in_thread);
}

static void
on_tile_rendered_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ShumateTile *tile = g_task_get_task_data (task);
  const RenderJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VigieTilePaintable) paintable = NULL;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_debug ("Tile %d/%d/%d drawn %.1f ms after it was asked for",
           job->zoom, job->x, job->y, (g_get_monotonic_time () - job->asked) / 1000.0);

  paintable = vigie_tile_paintable_new (bytes, TILE_SIZE);
  shumate_tile_set_paintable (tile, GDK_PAINTABLE (paintable));
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  track_tile (VIGIE_OFFLINE_SOURCE (object), tile);

  g_task_return_boolean (task, TRUE);
}

static void
on_tile_restyled_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ShumateTile) tile = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VigieTilePaintable) paintable = NULL;

  bytes = g_task_propagate_pointer (G_TASK (result), NULL);
  if (bytes == NULL)
    return;

  paintable = vigie_tile_paintable_new (bytes, TILE_SIZE);
  shumate_tile_set_paintable (tile, GDK_PAINTABLE (paintable));

  /* The map layer redraws when a tile's state changes, not its paintable. */
  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
}

static void
restyle_tiles (VigieOfflineSource *self)
{
  GHashTableIter iter;
  gpointer tile;

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, &tile, NULL))
    render_tile_async (self, tile, NULL, on_tile_restyled_cb, g_object_ref (tile));
}

/*
 * Style
 */

static void
update_id (VigieOfflineSource *self)
{
  /* libshumate caches tiles by source id: one id per style. */
  shumate_map_source_set_id (SHUMATE_MAP_SOURCE (self),
                             self->dark ? "vigie-offline-dark" : "vigie-offline-light");
}

static void
apply_style (VigieOfflineSource *self)
{
  gboolean dark;

  if (g_str_equal (self->style, "dark"))
    dark = TRUE;
  else if (g_str_equal (self->style, "light"))
    dark = FALSE;
  else
    dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  if (self->dark == dark)
    return;

  self->dark = dark;
  update_id (self);
  restyle_tiles (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DARK]);
}

/*
 * Overrides
 */

static void
vigie_offline_source_fill_tile_async (ShumateMapSource    *source,
                                      ShumateTile         *tile,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  VigieOfflineSource *self = VIGIE_OFFLINE_SOURCE (source);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_offline_source_fill_tile_async);
  g_task_set_task_data (task, g_object_ref (tile), g_object_unref);

  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);
  render_tile_async (self, tile, cancellable, on_tile_rendered_cb, g_steal_pointer (&task));
}

static gboolean
vigie_offline_source_fill_tile_finish (ShumateMapSource  *source,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
vigie_offline_source_dispose (GObject *object)
{
  VigieOfflineSource *self = (VigieOfflineSource *)object;
  GHashTableIter iter;
  gpointer tile;

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, &tile, NULL))
    g_object_weak_unref (tile, on_tile_finalized_cb, self);
  g_hash_table_remove_all (self->tiles);

  if (self->queue != NULL)
    vigie_tile_queue_watch (self->queue, NULL);

  G_OBJECT_CLASS (vigie_offline_source_parent_class)->dispose (object);
}

static void
vigie_offline_source_finalize (GObject *object)
{
  VigieOfflineSource *self = (VigieOfflineSource *)object;

  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_clear_object (&self->queue);
  g_clear_pointer (&self->style, g_free);

  G_OBJECT_CLASS (vigie_offline_source_parent_class)->finalize (object);
}

static void
vigie_offline_source_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  VigieOfflineSource *self = VIGIE_OFFLINE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_offline_source_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  VigieOfflineSource *self = VIGIE_OFFLINE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DARK:
      vigie_offline_source_set_dark (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_offline_source_class_init (VigieOfflineSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->dispose = vigie_offline_source_dispose;
  object_class->finalize = vigie_offline_source_finalize;
  object_class->get_property = vigie_offline_source_get_property;
  object_class->set_property = vigie_offline_source_set_property;

  source_class->fill_tile_async = vigie_offline_source_fill_tile_async;
  source_class->fill_tile_finish = vigie_offline_source_fill_tile_finish;

  /**
   * VigieOfflineSource:dark:
   *
   * Whether the map is drawn in its dark style: the system's style unless
   * a style is chosen (vigie_offline_source_set_style()); tiles already
   * drawn are redrawn when it changes.
   */
  properties [PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_offline_source_init (VigieOfflineSource *self)
{
  self->streets = get_streets ();
  self->tiles = g_hash_table_new (NULL, NULL);
  self->queue = vigie_tile_queue_new (0);
  self->style = g_strdup ("auto");
}

/*
 * Public API
 */

/**
 * vigie_offline_source_new:
 *
 * Creates the built-in street map of Mulhouse, in the system's light or
 * dark style.
 *
 * Returns: (transfer full): a new #VigieOfflineSource
 */
VigieOfflineSource *
vigie_offline_source_new (void)
{
  VigieOfflineSource *self;

  self = g_object_new (VIGIE_TYPE_OFFLINE_SOURCE,
                       "name", _("Built-in street map"),
                       "license", _("© OpenStreetMap contributors"),
                       "license-uri", "https://www.openstreetmap.org/copyright",
                       "min-zoom-level", MIN_ZOOM,
                       "max-zoom-level", MAX_ZOOM,
                       "tile-size", TILE_SIZE,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
  update_id (self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (apply_style), self,
                           G_CONNECT_SWAPPED);
  apply_style (self);

  return self;
}

gboolean
vigie_offline_source_get_dark (VigieOfflineSource *self)
{
  g_return_val_if_fail (VIGIE_IS_OFFLINE_SOURCE (self), FALSE);

  return self->dark;
}

/**
 * vigie_offline_source_set_dark:
 * @self: a #VigieOfflineSource
 * @dark: whether to draw the dark style
 *
 * Chooses the light or the dark style for good, as
 * vigie_offline_source_set_style() with "light" or "dark" does.
 */
void
vigie_offline_source_set_dark (VigieOfflineSource *self,
                               gboolean            dark)
{
  g_return_if_fail (VIGIE_IS_OFFLINE_SOURCE (self));

  vigie_offline_source_set_style (self, dark ? "dark" : "light");
}

const char *
vigie_offline_source_get_style (VigieOfflineSource *self)
{
  g_return_val_if_fail (VIGIE_IS_OFFLINE_SOURCE (self), NULL);

  return self->style;
}

/**
 * vigie_offline_source_set_style:
 * @self: a #VigieOfflineSource
 * @style: "auto" to follow the system's light or dark style, "light" or
 *   "dark" (e.g. for a wall screen); anything else counts as "auto"
 *
 * Chooses the style; the tiles on screen are redrawn when it changes.
 */
void
vigie_offline_source_set_style (VigieOfflineSource *self,
                                const char         *style)
{
  g_return_if_fail (VIGIE_IS_OFFLINE_SOURCE (self));

  if (g_strcmp0 (style, "light") != 0 && g_strcmp0 (style, "dark") != 0)
    style = "auto";

  g_free (self->style);
  self->style = g_strdup (style);
  apply_style (self);
}

/**
 * vigie_offline_source_watch:
 * @self: a #VigieOfflineSource
 * @map: (nullable): the map that shows this source
 *
 * Draws the tiles that @map's view needs most first: those on screen at
 * its zoom level, nearest the centre first, then those around it. Without
 * a map, tiles are drawn in the order they are asked for.
 */
void
vigie_offline_source_watch (VigieOfflineSource *self,
                            ShumateMap         *map)
{
  g_return_if_fail (VIGIE_IS_OFFLINE_SOURCE (self));
  g_return_if_fail (map == NULL || SHUMATE_IS_MAP (map));

  vigie_tile_queue_watch (self->queue, map);
}

/**
 * vigie_offline_source_render_tile:
 * @self: a #VigieOfflineSource
 * @x: the tile's column
 * @y: the tile's row
 * @zoom_level: the zoom level
 *
 * Draws one tile in the current style, synchronously. The map uses the
 * asynchronous path; this one serves exports, tests and measurements.
 *
 * Returns: (transfer full): a 256 × 256 texture
 */
GdkTexture *
vigie_offline_source_render_tile (VigieOfflineSource *self,
                                  int                 x,
                                  int                 y,
                                  int                 zoom_level)
{
  RenderJob job = { 0 };
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (VIGIE_IS_OFFLINE_SOURCE (self), NULL);
  g_return_val_if_fail (zoom_level >= 0 && zoom_level <= 30, NULL);

  job.streets = self->streets;
  job.x = x;
  job.y = y;
  job.zoom = zoom_level;
  job.dark = self->dark;
  bytes = render_tile_bytes (&job);

  return texture_new_for_bytes (bytes);
}
