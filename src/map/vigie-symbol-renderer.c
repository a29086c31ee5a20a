/* vigie-symbol-renderer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-symbol-renderer"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "vigie-symbol-renderer.h"

/* Draws a VigieSymbol with cairo: once per distinct symbol into a texture
 * that the map layer then places thousands of times, and directly for
 * the legend, so that both look the same. */

#define OUTLINE_DARK 0x241f31ffu

/*
 * Auxiliary methods
 */

static void
set_source (cairo_t *cr,
            guint32  rgba)
{
  cairo_set_source_rgba (cr, VIGIE_RGBA_RED (rgba), VIGIE_RGBA_GREEN (rgba),
                         VIGIE_RGBA_BLUE (rgba), VIGIE_RGBA_ALPHA (rgba));
}

static void
path_shape (cairo_t           *cr,
            const VigieSymbol *symbol,
            double             r)
{
  switch (symbol->shape)
    {
    case VIGIE_SYMBOL_SHAPE_SQUARE:
      {
        double k = r * 0.85, c = r * 0.25;

        cairo_new_sub_path (cr);
        cairo_arc (cr, k - c, -k + c, c, -G_PI / 2, 0);
        cairo_arc (cr, k - c, k - c, c, 0, G_PI / 2);
        cairo_arc (cr, -k + c, k - c, c, G_PI / 2, G_PI);
        cairo_arc (cr, -k + c, -k + c, c, G_PI, 3 * G_PI / 2);
        cairo_close_path (cr);
      }
      break;

    case VIGIE_SYMBOL_SHAPE_DIAMOND:
      cairo_move_to (cr, 0, -r);
      cairo_line_to (cr, r, 0);
      cairo_line_to (cr, 0, r);
      cairo_line_to (cr, -r, 0);
      cairo_close_path (cr);
      break;

    case VIGIE_SYMBOL_SHAPE_TRIANGLE:
      cairo_move_to (cr, 0, -r);
      cairo_line_to (cr, r * 0.95, r * 0.7);
      cairo_line_to (cr, -r * 0.95, r * 0.7);
      cairo_close_path (cr);
      break;

    case VIGIE_SYMBOL_SHAPE_ARROW:
      {
        /* A body with a pointer: the body carries the line's name. */
        double body = r * 0.72;
        double angle = (symbol->bearing >= 0 ? symbol->bearing : 0) * G_PI / 180.0;

        cairo_save (cr);
        cairo_rotate (cr, angle);
        cairo_new_sub_path (cr);
        cairo_arc (cr, 0, 0, body, -G_PI / 2 + 0.75, -G_PI / 2 - 0.75 + 2 * G_PI);
        cairo_line_to (cr, 0, -r * 1.15);
        cairo_close_path (cr);
        cairo_restore (cr);
      }
      break;

    case VIGIE_SYMBOL_SHAPE_CIRCLE:
    case VIGIE_SYMBOL_SHAPE_GAUGE:
    case VIGIE_SYMBOL_SHAPE_CLUSTER:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, 0, 0, r, 0, 2 * G_PI);
      break;
    }
}

static void
draw_hatching (cairo_t *cr,
               double   r)
{
  cairo_save (cr);
  cairo_clip_preserve (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.7);
  cairo_set_line_width (cr, MAX (1.5, r * 0.12));
  for (double d = -2 * r; d <= 2 * r; d += MAX (4.0, r * 0.4))
    {
      cairo_move_to (cr, d - r, -r);
      cairo_line_to (cr, d + r, r);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_label (cairo_t     *cr,
            const char  *label,
            double       y,
            double       max_width,
            double       font_px,
            guint32      color)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *font;
  int width, height;

  if (label == NULL || label[0] == '\0')
    return;

  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Sans Bold");
  pango_layout_set_text (layout, label, -1);

  /* Shrink long labels ("1234", "TT") to fit rather than overflow. */
  for (;;)
    {
      pango_font_description_set_absolute_size (font, font_px * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_get_pixel_size (layout, &width, &height);
      if (width <= max_width || font_px <= 6)
        break;
      font_px -= 1;
    }
  pango_font_description_free (font);

  set_source (cr, color);
  cairo_move_to (cr, -width / 2.0, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
}

/* The layer's pictogram in a box of 2 × @s centred on (0, @y), drawn in
 * lines and fills rather than from the icon theme: a texture per symbol
 * is made off any widget, and the shapes must stay legible at 10 px. */
static void
draw_glyph (cairo_t          *cr,
            VigieSymbolGlyph  glyph,
            double            y,
            double            s,
            guint32           color)
{
  if (glyph == VIGIE_SYMBOL_GLYPH_NONE || s < 2.5)
    return;

  cairo_save (cr);
  cairo_translate (cr, 0, y);
  set_source (cr, color);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, MAX (1.0, s * 0.2));

  switch (glyph)
    {
    case VIGIE_SYMBOL_GLYPH_BIKE:
      /* Two wheels, a frame, a saddle and handlebars. */
      cairo_new_sub_path (cr);
      cairo_arc (cr, -s * 0.58, s * 0.32, s * 0.4, 0, 2 * G_PI);
      cairo_new_sub_path (cr);
      cairo_arc (cr, s * 0.58, s * 0.32, s * 0.4, 0, 2 * G_PI);
      cairo_move_to (cr, -s * 0.58, s * 0.32);
      cairo_line_to (cr, -s * 0.2, -s * 0.4);
      cairo_line_to (cr, s * 0.4, -s * 0.4);
      cairo_line_to (cr, s * 0.58, s * 0.32);
      cairo_move_to (cr, -s * 0.58, s * 0.32);
      cairo_line_to (cr, 0, s * 0.32);
      cairo_line_to (cr, s * 0.4, -s * 0.4);
      cairo_move_to (cr, -s * 0.2, -s * 0.4);
      cairo_line_to (cr, -s * 0.28, -s * 0.62);
      cairo_move_to (cr, -s * 0.45, -s * 0.62);
      cairo_line_to (cr, -s * 0.1, -s * 0.62);
      cairo_move_to (cr, s * 0.4, -s * 0.4);
      cairo_line_to (cr, s * 0.35, -s * 0.7);
      cairo_line_to (cr, s * 0.6, -s * 0.7);
      cairo_stroke (cr);
      break;

    case VIGIE_SYMBOL_GLYPH_CAR:
      /* A body with a cabin on top and two wheels: solid, seen side on. */
      cairo_move_to (cr, -s * 0.95, s * 0.35);
      cairo_line_to (cr, -s * 0.95, -s * 0.05);
      cairo_line_to (cr, -s * 0.6, -s * 0.15);
      cairo_line_to (cr, -s * 0.35, -s * 0.6);
      cairo_line_to (cr, s * 0.35, -s * 0.6);
      cairo_line_to (cr, s * 0.6, -s * 0.15);
      cairo_line_to (cr, s * 0.95, -s * 0.05);
      cairo_line_to (cr, s * 0.95, s * 0.35);
      cairo_close_path (cr);
      cairo_fill (cr);
      cairo_new_sub_path (cr);
      cairo_arc (cr, -s * 0.5, s * 0.42, s * 0.26, 0, 2 * G_PI);
      cairo_new_sub_path (cr);
      cairo_arc (cr, s * 0.5, s * 0.42, s * 0.26, 0, 2 * G_PI);
      cairo_fill (cr);
      break;

    case VIGIE_SYMBOL_GLYPH_PARKING:
      /* The road sign's P, drawn in strokes: no font has to have it. */
      cairo_set_line_width (cr, MAX (1.2, s * 0.3));
      cairo_move_to (cr, -s * 0.35, s * 0.8);
      cairo_line_to (cr, -s * 0.35, -s * 0.75);
      cairo_line_to (cr, s * 0.1, -s * 0.75);
      cairo_arc (cr, s * 0.1, -s * 0.33, s * 0.42, -G_PI / 2, G_PI / 2);
      cairo_line_to (cr, -s * 0.35, s * 0.09);
      cairo_stroke (cr);
      break;

    case VIGIE_SYMBOL_GLYPH_WIFI:
      /* Three arcs over a dot. */
      for (int i = 1; i <= 3; i++)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, 0, s * 0.6, s * 0.42 * i, -G_PI * 0.78, -G_PI * 0.22);
        }
      cairo_stroke (cr);
      cairo_arc (cr, 0, s * 0.6, MAX (1.0, s * 0.18), 0, 2 * G_PI);
      cairo_fill (cr);
      break;

    case VIGIE_SYMBOL_GLYPH_TRAM:
      /* A car on a rail with its pantograph. */
      cairo_rectangle (cr, -s * 0.6, -s * 0.45, s * 1.2, s * 1.0);
      cairo_fill (cr);
      cairo_move_to (cr, -s * 0.3, -s * 0.45);
      cairo_line_to (cr, 0, -s * 0.85);
      cairo_line_to (cr, s * 0.3, -s * 0.45);
      cairo_stroke (cr);
      break;

    case VIGIE_SYMBOL_GLYPH_TRAIN:
      /* A taller car with no pantograph, on two spread rails. */
      cairo_rectangle (cr, -s * 0.55, -s * 0.85, s * 1.1, s * 1.2);
      cairo_fill (cr);
      cairo_move_to (cr, -s * 0.45, s * 0.85);
      cairo_line_to (cr, -s * 0.2, s * 0.45);
      cairo_move_to (cr, s * 0.45, s * 0.85);
      cairo_line_to (cr, s * 0.2, s * 0.45);
      cairo_stroke (cr);
      break;

    case VIGIE_SYMBOL_GLYPH_NONE:
    default:
      break;
    }

  cairo_restore (cr);
}

/* Lays out the inside of a shape of inner radius @inner: the glyph above
 * the label when both are there, either one centred when alone. */
static void
draw_inside (cairo_t           *cr,
             const VigieSymbol *symbol,
             double             inner,
             double             max_width,
             double             font_px,
             guint32            color)
{
  gboolean has_label = symbol->label[0] != '\0';
  gboolean has_glyph = symbol->glyph != VIGIE_SYMBOL_GLYPH_NONE &&
                       symbol->mark != VIGIE_SYMBOL_MARK_CROSS;

  if (has_glyph && has_label)
    {
      draw_glyph (cr, symbol->glyph, -inner * 0.44, inner * 0.46, color);
      draw_label (cr, symbol->label, inner * 0.42, max_width * 0.8, font_px * 0.72, color);
    }
  else if (has_glyph)
    draw_glyph (cr, symbol->glyph, 0, inner * 0.55, color);
  else
    draw_label (cr, symbol->label, 0, max_width, font_px, color);
}

/* Data older than its limit: a clock face on a dark badge at the top
 * left, drawn at full opacity over the faded symbol so that it reads on
 * any map and does not rest on colour alone. */
static void
draw_clock_badge (cairo_t *cr,
                  double   r)
{
  double br = MAX (4.5, r * 0.45);
  double bx = -r * 0.78, by = -r * 0.78;

  cairo_save (cr);
  cairo_arc (cr, bx, by, br, 0, 2 * G_PI);
  set_source (cr, OUTLINE_DARK);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);
  /* Two hands: a clock, whatever the language. */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, MAX (1.2, br * 0.22));
  cairo_move_to (cr, bx, by - br * 0.62);
  cairo_line_to (cr, bx, by);
  cairo_line_to (cr, bx + br * 0.48, by + br * 0.2);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_triangle_mark (cairo_t *cr,
                    double   r,
                    gboolean up)
{
  double s = MAX (4.0, r * 0.45);
  double y = up ? -r - s * 0.3 : r + s * 0.3;
  double dir = up ? -1 : 1;

  cairo_move_to (cr, -s, y - dir * s * 0.6);
  cairo_line_to (cr, s, y - dir * s * 0.6);
  cairo_line_to (cr, 0, y + dir * s * 0.6);
  cairo_close_path (cr);
  set_source (cr, OUTLINE_DARK);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

static void
draw_mark (cairo_t           *cr,
           const VigieSymbol *symbol,
           double             r)
{
  switch (symbol->mark)
    {
    case VIGIE_SYMBOL_MARK_LOW:
      draw_triangle_mark (cr, r, FALSE);
      break;

    case VIGIE_SYMBOL_MARK_HIGH:
      draw_triangle_mark (cr, r, TRUE);
      break;

    case VIGIE_SYMBOL_MARK_CROSS:
      {
        double k = r * 0.55;

        cairo_move_to (cr, -k, -k);
        cairo_line_to (cr, k, k);
        cairo_move_to (cr, k, -k);
        cairo_line_to (cr, -k, k);
        cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_set_line_width (cr, MAX (3.5, r * 0.32));
        cairo_stroke_preserve (cr);
        set_source (cr, OUTLINE_DARK);
        cairo_set_line_width (cr, MAX (2.0, r * 0.18));
        cairo_stroke (cr);
      }
      break;

    case VIGIE_SYMBOL_MARK_BAR:
      {
        /* A no-entry badge at the top right. */
        double br = MAX (4.0, r * 0.42);
        double bx = r * 0.8, by = -r * 0.8;

        cairo_arc (cr, bx, by, br, 0, 2 * G_PI);
        set_source (cr, OUTLINE_DARK);
        cairo_fill_preserve (cr);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_set_line_width (cr, 1.5);
        cairo_stroke (cr);
        cairo_rectangle (cr, bx - br * 0.6, by - br * 0.2, br * 1.2, br * 0.4);
        cairo_fill (cr);
      }
      break;

    case VIGIE_SYMBOL_MARK_NONE:
    default:
      break;
    }
}

static void
draw_gauge (cairo_t           *cr,
            const VigieSymbol *symbol,
            double             r)
{
  double ring = MAX (3.0, r * 0.3);
  double mid = r - ring / 2;
  gboolean cluster = symbol->shape == VIGIE_SYMBOL_SHAPE_CLUSTER;

  /* A white disc that the number reads on, whatever the base map. */
  cairo_arc (cr, 0, 0, r, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);

  /* The track, then the part that is filled, clockwise from the top. */
  cairo_set_line_width (cr, ring);
  cairo_arc (cr, 0, 0, mid, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, VIGIE_RGBA_RED (symbol->fill), VIGIE_RGBA_GREEN (symbol->fill),
                         VIGIE_RGBA_BLUE (symbol->fill), 0.28);
  cairo_stroke (cr);

  if (symbol->fraction > 0)
    {
      cairo_arc (cr, 0, 0, mid, -G_PI / 2, -G_PI / 2 + 2 * G_PI * MIN (symbol->fraction, 1.0));
      set_source (cr, symbol->fill);
      cairo_stroke (cr);
    }
  else if (symbol->fraction < 0)
    {
      /* No capacity known: a plain ring in the state's colour. */
      cairo_arc (cr, 0, 0, mid, 0, 2 * G_PI);
      set_source (cr, symbol->fill);
      cairo_stroke (cr);
    }

  if (symbol->hatched)
    {
      cairo_arc (cr, 0, 0, r, 0, 2 * G_PI);
      draw_hatching (cr, r);
      cairo_new_path (cr);
    }

  /* Outlines keep it apart from any base map; a cluster has two. */
  cairo_set_line_width (cr, 1.2);
  set_source (cr, OUTLINE_DARK);
  cairo_arc (cr, 0, 0, r, 0, 2 * G_PI);
  cairo_stroke (cr);
  if (cluster)
    {
      cairo_arc (cr, 0, 0, r - ring, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_arc (cr, 0, 0, r + 2.5, 0, 2 * G_PI);
      set_source (cr, symbol->fill);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }

  draw_inside (cr, symbol, r - ring, 2 * (r - ring) - 2, (r - ring) * 1.15, OUTLINE_DARK);
}

/*
 * Public API
 */

/**
 * vigie_symbol_get_extent:
 * @symbol: a symbol
 *
 * Returns: the side of the square, in logical pixels, that holds the
 *   symbol with its markings, centred on its position
 */
double
vigie_symbol_get_extent (const VigieSymbol *symbol)
{
  /* Markings stand a little outside the shape. */
  return ceil (symbol->size * 1.5 + 4);
}

/**
 * vigie_symbol_draw:
 * @symbol: a symbol
 * @cr: where to draw
 * @x: the centre
 * @y: the centre
 */
void
vigie_symbol_draw (const VigieSymbol *symbol,
                   cairo_t           *cr,
                   double             x,
                   double             y)
{
  double r = symbol->size / 2.0;

  g_return_if_fail (symbol != NULL);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_translate (cr, x, y);

  if (symbol->opacity < 1.0)
    cairo_push_group (cr);

  if (symbol->shape == VIGIE_SYMBOL_SHAPE_GAUGE || symbol->shape == VIGIE_SYMBOL_SHAPE_CLUSTER)
    draw_gauge (cr, symbol, r);
  else
    {
      double body = symbol->shape == VIGIE_SYMBOL_SHAPE_ARROW ? r * 0.72 : r;
      gboolean light = vigie_symbol_contrast (symbol->fill, 0xffffffff) < 2.0;

      path_shape (cr, symbol, r);
      set_source (cr, symbol->fill);
      cairo_fill_preserve (cr);
      if (symbol->hatched)
        draw_hatching (cr, r);

      /* A light outline and a dark one: readable on light and dark maps. */
      if (symbol->dashed)
        {
          double dash[] = { MAX (2.0, r * 0.35), MAX (2.0, r * 0.25) };

          cairo_set_dash (cr, dash, 2, 0);
        }
      cairo_set_line_width (cr, MAX (2.0, r * 0.16));
      set_source (cr, light ? OUTLINE_DARK : symbol->stroke);
      cairo_stroke_preserve (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_width (cr, 1.0);
      set_source (cr, OUTLINE_DARK);
      cairo_stroke (cr);

      draw_inside (cr, symbol, body * 0.9, 2 * body * 0.85, body * 1.05,
                   vigie_symbol_text_color (symbol->fill));
    }

  draw_mark (cr, symbol, r);

  if (symbol->opacity < 1.0)
    {
      cairo_pop_group_to_source (cr);
      cairo_paint_with_alpha (cr, symbol->opacity);
    }

  if (symbol->outdated)
    draw_clock_badge (cr, r);

  cairo_restore (cr);
}

/**
 * vigie_symbol_render_surface:
 * @symbol: a symbol
 * @scale_factor: the display's scale
 *
 * Returns: (transfer full): an image surface of vigie_symbol_get_extent()
 *   logical pixels square, with its device scale set to @scale_factor
 */
cairo_surface_t *
vigie_symbol_render_surface (const VigieSymbol *symbol,
                             int                scale_factor)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double extent = vigie_symbol_get_extent (symbol);
  int side = (int) ceil (extent * scale_factor);

  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (scale_factor >= 1, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  cairo_surface_set_device_scale (surface, scale_factor, scale_factor);
  cr = cairo_create (surface);
  vigie_symbol_draw (symbol, cr, extent / 2.0, extent / 2.0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/**
 * vigie_symbol_render_texture:
 * @symbol: a symbol
 * @scale_factor: the display's scale
 *
 * Returns: (transfer full): a texture of vigie_symbol_get_extent() logical
 *   pixels square, times @scale_factor, with the symbol at its centre
 */
GdkTexture *
vigie_symbol_render_texture (const VigieSymbol *symbol,
                             int                scale_factor)
{
  cairo_surface_t *surface;
  GdkTexture *texture;

  g_return_val_if_fail (symbol != NULL, NULL);
  g_return_val_if_fail (scale_factor >= 1, NULL);

  surface = vigie_symbol_render_surface (symbol, scale_factor);
  texture = vigie_symbol_texture_for_surface (surface);
  cairo_surface_destroy (surface);

  return texture;
}

/**
 * vigie_symbol_texture_for_surface:
 * @surface: a symbol drawn by vigie_symbol_render_surface(), never drawn
 *   on again
 *
 * The same pixels for both renderers, drawn once: the texture holds a
 * reference to @surface.
 *
 * Returns: (transfer full): a texture of @surface's pixels
 */
GdkTexture *
vigie_symbol_texture_for_surface (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;
  int side = cairo_image_surface_get_width (surface);

  /* Cairo's ARGB32 is GDK_MEMORY_DEFAULT: no conversion. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) cairo_image_surface_get_stride (surface) * side,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));

  return gdk_memory_texture_new (side, side, GDK_MEMORY_DEFAULT, bytes,
                                 cairo_image_surface_get_stride (surface));
}

/**
 * vigie_symbol_draw_fitted:
 * @symbol: a symbol
 * @cr: where to draw
 * @width: the box's width, its left at 0
 * @height: its height, its top at 0
 *
 * Draws @symbol at the centre of the box, shrunk to fit it, never grown:
 * the pictures of legends and lists.
 */
void
vigie_symbol_draw_fitted (const VigieSymbol *symbol,
                          cairo_t           *cr,
                          int                width,
                          int                height)
{
  double extent = vigie_symbol_get_extent (symbol);
  double scale = extent > 0 ? MIN (1.0, MIN (width, height) / extent) : 1.0;

  cairo_translate (cr, width / 2.0, height / 2.0);
  cairo_scale (cr, scale, scale);
  vigie_symbol_draw (symbol, cr, 0, 0);
}

static void
draw_area_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  vigie_symbol_draw_fitted (user_data, cr, width, height);
}

/**
 * vigie_symbol_area_new:
 * @symbol: a symbol, copied
 * @label: what screen readers say of it
 * @width: the area's width
 * @height: its height
 *
 * The legends' picture of a symbol: the map's own renderer, so that a
 * legend cannot drift from the map.
 *
 * Returns: (transfer floating): a #GtkDrawingArea
 */
GtkWidget *
vigie_symbol_area_new (const VigieSymbol *symbol,
                       const char        *label,
                       int                width,
                       int                height)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), width);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), height);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_area_cb,
                                  g_memdup2 (symbol, sizeof *symbol), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);

  return area;
}
