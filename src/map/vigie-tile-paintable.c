/* vigie-tile-paintable.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-tile-paintable"

#include "config.h"

#include "vigie-tile-paintable.h"

/* A tile of the base map Vigie draws, as the map shows it.
 *
 * GTK 4.8's cairo renderer draws a texture node by copying the texture
 * into a new cairo surface, converting every pixel through floats, at
 * every frame and whatever part of the window is repainted: about a
 * millisecond a 256 px tile, some 30 ms a frame for a map of 1280 × 800,
 * even when only a tram moved. Under cairo a tile is therefore a cairo
 * node that paints the tile's own image surface, which costs only the
 * pixels repainted; the GL renderer, which uploads a texture once, gets
 * the texture. Vigie picks cairo by setting GSK_RENDERER
 * (src/ui/vigie-renderer.c), which is what is looked at here. */

struct _VigieTilePaintable
{
  GObject          parent_instance;

  GdkTexture      *texture;
  cairo_surface_t *surface;     /* the same pixels */
  int              size;
};

static void vigie_tile_paintable_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieTilePaintable, vigie_tile_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, vigie_tile_paintable_paintable_init))

static gboolean
draws_with_cairo (void)
{
  return g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") == 0;
}

/*
 * GdkPaintable
 */

static void
vigie_tile_paintable_snapshot (GdkPaintable *paintable,
                               GdkSnapshot  *snapshot,
                               double        width,
                               double        height)
{
  VigieTilePaintable *self = VIGIE_TILE_PAINTABLE (paintable);
  cairo_t *cr;

  if (!draws_with_cairo ())
    {
      gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
      return;
    }

  cr = gtk_snapshot_append_cairo (GTK_SNAPSHOT (snapshot), &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_scale (cr, width / self->size, height / self->size);
  cairo_set_source_surface (cr, self->surface, 0, 0);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static int
vigie_tile_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  return VIGIE_TILE_PAINTABLE (paintable)->size;
}

static int
vigie_tile_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  return VIGIE_TILE_PAINTABLE (paintable)->size;
}

static GdkPaintableFlags
vigie_tile_paintable_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
vigie_tile_paintable_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = vigie_tile_paintable_snapshot;
  iface->get_intrinsic_width = vigie_tile_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = vigie_tile_paintable_get_intrinsic_height;
  iface->get_flags = vigie_tile_paintable_get_flags;
}

/*
 * Overrides
 */

static void
vigie_tile_paintable_finalize (GObject *object)
{
  VigieTilePaintable *self = VIGIE_TILE_PAINTABLE (object);

  g_clear_object (&self->texture);
  g_clear_pointer (&self->surface, cairo_surface_destroy);

  G_OBJECT_CLASS (vigie_tile_paintable_parent_class)->finalize (object);
}

static void
vigie_tile_paintable_class_init (VigieTilePaintableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vigie_tile_paintable_finalize;
}

static void
vigie_tile_paintable_init (VigieTilePaintable *self)
{
}

/*
 * Public API
 */

/**
 * vigie_tile_paintable_new:
 * @bytes: @size × @size pixels in cairo's ARGB32 layout (GDK_MEMORY_DEFAULT),
 *   rows of cairo_format_stride_for_width() bytes
 * @size: the tile's side, px
 *
 * Returns: (transfer full): a tile to give shumate_tile_set_paintable()
 */
VigieTilePaintable *
vigie_tile_paintable_new (GBytes *bytes,
                          int     size)
{
  static const cairo_user_data_key_t bytes_key;
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, size);
  VigieTilePaintable *self;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (size > 0 && g_bytes_get_size (bytes) >= (gsize) stride * size, NULL);

  self = g_object_new (VIGIE_TYPE_TILE_PAINTABLE, NULL);
  self->size = size;
  self->texture = gdk_memory_texture_new (size, size, GDK_MEMORY_DEFAULT, bytes, stride);
  /* Cairo only reads it: the texture's bytes are never written. */
  self->surface = cairo_image_surface_create_for_data ((guchar *) g_bytes_get_data (bytes, NULL),
                                                       CAIRO_FORMAT_ARGB32, size, size, stride);
  cairo_surface_set_user_data (self->surface, &bytes_key, g_bytes_ref (bytes),
                               (cairo_destroy_func_t) g_bytes_unref);

  return self;
}

/**
 * vigie_tile_paintable_get_texture:
 * @self: a #VigieTilePaintable
 *
 * Returns: (transfer none): the tile's pixels as a texture
 */
GdkTexture *
vigie_tile_paintable_get_texture (VigieTilePaintable *self)
{
  g_return_val_if_fail (VIGIE_IS_TILE_PAINTABLE (self), NULL);

  return self->texture;
}
