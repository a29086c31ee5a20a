/* vigie-heat.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-heat"

#include "config.h"

#include <math.h>

#include "vigie-heat.h"
#include "vigie-widget-cairo.h"

/* Heat under the Wi-Fi symbols at city scale: where the public network is
 * busy shows as a glow whose size and strength grow with the load, so a
 * crowd reads at a glance even where symbols are grouped. The colour
 * ramps from the palette's blue to vermillion through orange
 * (Okabe–Ito), and the glow's size says the same thing as its colour.
 *
 * Where places are close their glows merge: the colour is the mean load
 * around, weighted by each glow's strength there, and the opacity grows
 * with their sum up to MAX_ALPHA. Glows added one over the other, as
 * they were, turned a city centre of 10,000 busy places into a white
 * disc that hid the map. Both sums are worked out on a grid of CELL_PX
 * pixels, then drawn scaled up, smoothly. */

#define CELL_PX   4.0
#define MAX_ALPHA 0.5
/* A grid larger than this (a huge clip) is not worked out. */
#define MAX_CELLS (4 * 1024 * 1024)

/* Blue (#0072B2), orange (#E69F00), vermillion (#D55E00). */
static const double ramp[][3] = {
  { 0.00, 0.45, 0.70 },
  { 0.90, 0.62, 0.00 },
  { 0.84, 0.37, 0.00 },
};

typedef struct
{
  double x, y;
  double rr;       /* its glow's radius */
  double peak;     /* its glow's strength at its centre */
  double load;
} Glow;

/* Each place's glow, those worth drawing, and the box they cover. */
static GArray *
collect_glows (const VigieHeatPoint *points,
               guint                 n_points,
               double                radius,
               double                box[4])
{
  GArray *glows = g_array_new (FALSE, FALSE, sizeof (Glow));

  box[0] = box[1] = G_MAXDOUBLE;
  box[2] = box[3] = -G_MAXDOUBLE;
  for (guint i = 0; i < n_points; i++)
    {
      const VigieHeatPoint *p = &points[i];
      double load = isfinite (p->load) ? CLAMP (p->load, 0.0, 1.5) : 0;
      Glow glow;

      if (!isfinite (p->x) || !isfinite (p->y) || load <= 0.02)
        continue;

      glow.x = p->x;
      glow.y = p->y;
      glow.rr = radius * (0.45 + 0.55 * MIN (load, 1.0));
      glow.peak = 0.55 * MIN (load, 1.0) + 0.1;
      glow.load = MIN (load, 1.0);
      g_array_append_val (glows, glow);
      box[0] = MIN (box[0], glow.x - glow.rr);
      box[1] = MIN (box[1], glow.y - glow.rr);
      box[2] = MAX (box[2], glow.x + glow.rr);
      box[3] = MAX (box[3], glow.y + glow.rr);
    }

  return glows;
}

/**
 * vigie_heat_draw:
 * @cr: where to draw, in the layer's pixels
 * @points: the hotspots in view
 * @n_points: how many
 * @radius: the glow's radius for a full hotspot, in pixels
 */
void
vigie_heat_draw (cairo_t              *cr,
                 const VigieHeatPoint *points,
                 guint                 n_points,
                 double                radius)
{
  g_autoptr(GArray) glows = NULL;
  g_autofree float *sums = NULL;
  cairo_surface_t *image;
  double box[4], clip[4];
  unsigned char *data;
  int width, height, stride;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (n_points == 0 || points != NULL);

  glows = collect_glows (points, n_points, radius, box);
  cairo_clip_extents (cr, &clip[0], &clip[1], &clip[2], &clip[3]);
  box[0] = floor (MAX (box[0], clip[0]) - CELL_PX);
  box[1] = floor (MAX (box[1], clip[1]) - CELL_PX);
  box[2] = MIN (box[2], clip[2]) + CELL_PX;
  box[3] = MIN (box[3], clip[3]) + CELL_PX;
  if (glows->len == 0 || box[2] <= box[0] || box[3] <= box[1])
    return;

  width = (int) ceil ((box[2] - box[0]) / CELL_PX);
  height = (int) ceil ((box[3] - box[1]) / CELL_PX);
  if ((gint64) width * height > MAX_CELLS)
    return;

  /* Two sums a cell: the glows' strengths, and their strengths by load. */
  sums = g_new0 (float, 2 * (gsize) width * height);
  for (guint i = 0; i < glows->len; i++)
    {
      const Glow *glow = &g_array_index (glows, Glow, i);
      int gx0 = MAX (0, (int) floor ((glow->x - glow->rr - box[0]) / CELL_PX));
      int gy0 = MAX (0, (int) floor ((glow->y - glow->rr - box[1]) / CELL_PX));
      int gx1 = MIN (width - 1, (int) ceil ((glow->x + glow->rr - box[0]) / CELL_PX));
      int gy1 = MIN (height - 1, (int) ceil ((glow->y + glow->rr - box[1]) / CELL_PX));

      for (int gy = gy0; gy <= gy1; gy++)
        for (int gx = gx0; gx <= gx1; gx++)
          {
            double d = hypot (box[0] + (gx + 0.5) * CELL_PX - glow->x, box[1] + (gy + 0.5) * CELL_PX - glow->y);
            float *cell = &sums[2 * ((gsize) gy * width + gx)];
            double w;

            if (d >= glow->rr)
              continue;
            w = glow->peak * (1.0 - d / glow->rr);
            cell[0] += w;
            cell[1] += w * glow->load;
          }
    }

  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int gy = 0; gy < height; gy++)
    for (int gx = 0; gx < width; gx++)
      {
        const float *cell = &sums[2 * ((gsize) gy * width + gx)];
        guint32 *pixel = (guint32 *) (gpointer) (data + gy * stride + gx * 4);
        double rgb[3], alpha;

        if (cell[0] <= 0.002)
          {
            *pixel = 0;
            continue;
          }
        alpha = MIN (cell[0], MAX_ALPHA);
        vigie_color_ramp (ramp, G_N_ELEMENTS (ramp), cell[1] / cell[0], rgb);
        /* Premultiplied, as cairo keeps it. */
        *pixel = ((guint32) (alpha * 255 + 0.5) << 24) |
                 ((guint32) (rgb[0] * alpha * 255 + 0.5) << 16) |
                 ((guint32) (rgb[1] * alpha * 255 + 0.5) << 8) |
                 (guint32) (rgb[2] * alpha * 255 + 0.5);
      }
  cairo_surface_mark_dirty (image);

  cairo_save (cr);
  cairo_translate (cr, box[0], box[1]);
  cairo_scale (cr, CELL_PX, CELL_PX);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}
