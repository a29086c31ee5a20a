/* vigie-study-map.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-study-map"

#include "config.h"

#include <math.h>

#include "vigie-geo.h"
#include "vigie-study-map.h"
#include "vigie-widget-cairo.h"

/* A study's places where they are, fitted to the widget: street segments
 * as thick lines, zones as areas, car parks and Wi-Fi sites as discs,
 * each coloured by its band and patterned too (high: hatched; middle:
 * plain; low: dashed or hollow), with the study's figure for it written
 * on it ("38 h"): never colour alone. Drawn with cairo, on screen and in
 * the report. */

struct _VigieStudyMap
{
  GtkWidget  parent_instance;

  GArray    *items;   /* VigieStudyMapItem */
};

G_DEFINE_FINAL_TYPE (VigieStudyMap, vigie_study_map, GTK_TYPE_WIDGET)

static const GdkRGBA band_colors[] = {
  { 0.20, 0.52, 0.89, 1 },   /* low: blue */
  { 0.96, 0.62, 0.04, 1 },   /* middle: amber */
  { 0.75, 0.11, 0.16, 1 },   /* high: red */
};

static void
clear_item (VigieStudyMapItem *item)
{
  g_clear_pointer (&item->label, g_free);
}

GArray *
vigie_study_map_items_new (void)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (VigieStudyMapItem));

  g_array_set_clear_func (items, (GDestroyNotify) clear_item);
  return items;
}

/* Calls @func on every point of @subject, projected. */
typedef void (*PointFunc) (double x, double y, gboolean first, gpointer data);

static void
for_each_point (const VigieStudySubject *subject,
                PointFunc                func,
                gpointer                 data)
{
  double x, y;

  if (subject->geometry != NULL && g_variant_is_of_type (subject->geometry, G_VARIANT_TYPE ("a(dd)")))
    {
      GVariantIter iter;
      double latitude, longitude;
      gboolean first = TRUE;

      g_variant_iter_init (&iter, subject->geometry);
      while (g_variant_iter_next (&iter, "(dd)", &latitude, &longitude))
        {
          vigie_geo_project (latitude, longitude, &x, &y);
          func (x, y, first, data);
          first = FALSE;
        }
      return;
    }
  if (subject->geometry != NULL && g_variant_is_of_type (subject->geometry, G_VARIANT_TYPE ("aa(dd)")))
    {
      GVariantIter rings, *ring;
      double latitude, longitude;

      g_variant_iter_init (&rings, subject->geometry);
      while (g_variant_iter_next (&rings, "a(dd)", &ring))
        {
          gboolean first = TRUE;

          while (g_variant_iter_next (ring, "(dd)", &latitude, &longitude))
            {
              vigie_geo_project (latitude, longitude, &x, &y);
              func (x, y, first, data);
              first = FALSE;
            }
          g_variant_iter_free (ring);
        }
      return;
    }

  vigie_geo_project (subject->latitude, subject->longitude, &x, &y);
  func (x, y, TRUE, data);
}

typedef struct
{
  double min_x, min_y, max_x, max_y;
} Bounds;

static void
extend_cb (double   x,
           double   y,
           gboolean first,
           gpointer data)
{
  Bounds *bounds = data;

  bounds->min_x = MIN (bounds->min_x, x);
  bounds->min_y = MIN (bounds->min_y, y);
  bounds->max_x = MAX (bounds->max_x, x);
  bounds->max_y = MAX (bounds->max_y, y);
}

typedef struct
{
  cairo_t *cr;
  double   scale, dx, dy;
} Transform;

static void
path_cb (double   x,
         double   y,
         gboolean first,
         gpointer data)
{
  Transform *t = data;

  if (first)
    cairo_move_to (t->cr, x * t->scale + t->dx, y * t->scale + t->dy);
  else
    cairo_line_to (t->cr, x * t->scale + t->dx, y * t->scale + t->dy);
}

static void
hatch (cairo_t *cr,
       double   width,
       double   height,
       double   gap)
{
  cairo_save (cr);
  cairo_clip_preserve (cr);
  cairo_new_path (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, gap / 3);
  for (double k = -height; k < width; k += gap)
    {
      cairo_move_to (cr, k, height);
      cairo_line_to (cr, k + height, 0);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/**
 * vigie_study_map_draw:
 * @items: (element-type VigieStudyMapItem): the places
 * @cr: where, from (0, 0)
 * @context: the Pango context of @cr
 * @text_px: the figures' size
 * @ink: the text's colour
 */
void
vigie_study_map_draw (GArray        *items,
                      cairo_t       *cr,
                      PangoContext  *context,
                      double         width,
                      double         height,
                      double         text_px,
                      const GdkRGBA *ink)
{
  Bounds bounds = { INFINITY, INFINITY, -INFINITY, -INFINITY };
  Transform t = { cr, 1, 0, 0 };
  double margin = text_px * 2.5, span;
  g_autofree double *anchors = NULL;

  if (items == NULL || items->len == 0 || width <= 2 * margin || height <= 2 * margin)
    return;

  for (guint i = 0; i < items->len; i++)
    for_each_point (g_array_index (items, VigieStudyMapItem, i).subject, extend_cb, &bounds);
  span = MAX (bounds.max_x - bounds.min_x, bounds.max_y - bounds.min_y);
  if (!isfinite (span))
    return;
  span = MAX (span, 1e-6);
  t.scale = MIN ((width - 2 * margin) / MAX (bounds.max_x - bounds.min_x, span / 4),
                 (height - 2 * margin) / MAX (bounds.max_y - bounds.min_y, span / 4));
  t.dx = width / 2 - (bounds.min_x + bounds.max_x) / 2 * t.scale;
  t.dy = height / 2 - (bounds.min_y + bounds.max_y) / 2 * t.scale;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* The places first, then every figure over them: no place hides one. */
  anchors = g_new (double, 2 * items->len);
  for (guint i = 0; i < items->len; i++)
    {
      VigieStudyMapItem *item = &g_array_index (items, VigieStudyMapItem, i);
      const GdkRGBA *color = &band_colors[MIN (item->band, 2)];
      gboolean line = item->subject->geometry != NULL &&
                      g_variant_is_of_type (item->subject->geometry, G_VARIANT_TYPE ("a(dd)"));
      gboolean area = item->subject->geometry != NULL && !line;
      double lx, ly, lw = text_px * 0.6;

      cairo_new_path (cr);
      if (line)
        {
          double dashes[] = { lw * 1.5, lw * 1.2 };

          for_each_point (item->subject, path_cb, &t);
          /* A dark casing, the band's colour, and a pattern on top. */
          cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, 0.6);
          cairo_set_line_width (cr, lw + 3);
          cairo_stroke_preserve (cr);
          gdk_cairo_set_source_rgba (cr, color);
          cairo_set_line_width (cr, lw);
          if (item->band == 0)
            cairo_set_dash (cr, dashes, 2, 0);
          cairo_stroke_preserve (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          if (item->band == 2)
            {
              double dots[] = { 0, lw * 0.9 };

              cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
              cairo_set_line_width (cr, lw / 3);
              cairo_set_dash (cr, dots, 2, 0);
              cairo_stroke_preserve (cr);
              cairo_set_dash (cr, NULL, 0, 0);
            }
          cairo_get_current_point (cr, &lx, &ly);
          cairo_new_path (cr);
        }
      else if (area)
        {
          for_each_point (item->subject, path_cb, &t);
          cairo_close_path (cr);
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
          gdk_cairo_set_source_rgba (cr, color);
          cairo_fill_preserve (cr);
          if (item->band == 2)
            hatch (cr, width, height, lw);
          cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, 0.7);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
          vigie_geo_project (item->subject->latitude, item->subject->longitude, &lx, &ly);
          lx = lx * t.scale + t.dx;
          ly = ly * t.scale + t.dy;
        }
      else
        {
          double r = text_px * 0.9;

          vigie_geo_project (item->subject->latitude, item->subject->longitude, &lx, &ly);
          lx = lx * t.scale + t.dx;
          ly = ly * t.scale + t.dy;
          cairo_rectangle (cr, lx - r, ly - r, 2 * r, 2 * r);
          if (item->band == 0)
            {
              /* Hollow: low. */
              cairo_set_source_rgba (cr, 1, 1, 1, 1);
              cairo_fill_preserve (cr);
              gdk_cairo_set_source_rgba (cr, color);
              cairo_set_line_width (cr, r / 3);
              cairo_stroke (cr);
            }
          else
            {
              gdk_cairo_set_source_rgba (cr, color);
              cairo_fill_preserve (cr);
              if (item->band == 2)
                hatch (cr, width, height, r / 1.5);
              cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, 0.7);
              cairo_set_line_width (cr, 1.5);
              cairo_stroke (cr);
            }
        }

      anchors[2 * i] = lx;
      anchors[2 * i + 1] = ly;
    }

  for (guint i = 0; i < items->len; i++)
    {
      VigieStudyMapItem *item = &g_array_index (items, VigieStudyMapItem, i);
      double lx = anchors[2 * i], ly = anchors[2 * i + 1];

      /* The figure, on a white plate so that it reads on any colour. */
      if (item->label != NULL)
        {
          PangoLayout *layout = pango_layout_new (context);
          g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();
          int w, h;
          double x, y;

          pango_attr_list_insert (attributes, pango_attr_size_new_absolute ((int) round (text_px * PANGO_SCALE)));
          pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
          pango_layout_set_attributes (layout, attributes);
          pango_layout_set_text (layout, item->label, -1);
          pango_layout_get_pixel_size (layout, &w, &h);
          x = CLAMP (lx + text_px * 0.6, 2, width - w - 6);
          y = CLAMP (ly - h - 2, 2, height - h - 2);
          cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
          cairo_rectangle (cr, x - 3, y, w + 6, h);
          cairo_fill (cr);
          cairo_set_source_rgba (cr, 0.14, 0.12, 0.19, 1);
          cairo_move_to (cr, x, y);
          pango_cairo_show_layout (cr, layout);
          g_object_unref (layout);
        }
    }
}

static void
vigie_study_map_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  VigieStudyMap *self = VIGIE_STUDY_MAP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA ink;
  cairo_t *cr;

  if ((cr = vigie_widget_append_cairo (widget, snapshot, &ink)) == NULL)
    return;
  cairo_set_source_rgb (cr, 0.96, 0.95, 0.93);
  cairo_paint (cr);
  vigie_study_map_draw (self->items, cr, gtk_widget_get_pango_context (widget), width, height, 15, &ink);
  cairo_destroy (cr);
}

static void
vigie_study_map_finalize (GObject *object)
{
  VigieStudyMap *self = (VigieStudyMap *)object;

  g_clear_pointer (&self->items, g_array_unref);

  G_OBJECT_CLASS (vigie_study_map_parent_class)->finalize (object);
}

static void
vigie_study_map_class_init (VigieStudyMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = vigie_study_map_finalize;
  widget_class->snapshot = vigie_study_map_snapshot;

  gtk_widget_class_set_css_name (widget_class, "vigiestudymap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
vigie_study_map_init (VigieStudyMap *self)
{
  gtk_widget_set_size_request (GTK_WIDGET (self), 240, 240);
}

GtkWidget *
vigie_study_map_new (void)
{
  return g_object_new (VIGIE_TYPE_STUDY_MAP, NULL);
}

/**
 * vigie_study_map_set_items:
 * @self: a #VigieStudyMap
 * @items: (element-type VigieStudyMapItem) (transfer none): the places;
 *   their subjects must outlive the map's use of them
 */
void
vigie_study_map_set_items (VigieStudyMap *self,
                           GArray        *items)
{
  g_return_if_fail (VIGIE_IS_STUDY_MAP (self));

  g_clear_pointer (&self->items, g_array_unref);
  if (items != NULL)
    self->items = g_array_ref (items);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
vigie_study_map_get_n_items (VigieStudyMap *self)
{
  g_return_val_if_fail (VIGIE_IS_STUDY_MAP (self), 0);

  return self->items != NULL ? self->items->len : 0;
}
