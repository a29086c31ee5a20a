/* vigie-map-labels.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <shumate/shumate.h>

#include "vigie-label-placer.h"
#include "vigie-map-labels.h"
#include "vigie-map-layer.h"

/* The names the layers of one map write, as one: each layer places its own
 * (vigie-label-placer.c) clear of the names the layers below it wrote in
 * the same frame and of the symbols of every layer. What they wrote is kept
 * on the map widget and emptied at each new frame; so a layer that redraws
 * with names on has all of them redraw in the same frame. */

#define LABEL_GAP_PX    2.0
#define LABEL_WIDTH_PX  160.0
#define LABEL_LINES     2
#define BOARD_KEY       "vigie-label-board"

typedef struct
{
  gint64  frame;
  GArray *rects;                /* VigieLabelRect */
} LabelBoard;

static void
label_board_free (gpointer data)
{
  LabelBoard *board = data;

  g_array_unref (board->rects);
  g_free (board);
}

static GArray *
get_board (GtkWidget             *layer,
           VigieMapLabelsCollect  collect_symbols)
{
  GtkWidget *parent = gtk_widget_get_parent (layer);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (layer);
  gint64 frame = clock != NULL ? gdk_frame_clock_get_frame_counter (clock) : 0;
  LabelBoard *board;

  if (parent == NULL)
    return NULL;

  board = g_object_get_data (G_OBJECT (parent), BOARD_KEY);
  if (board == NULL)
    {
      board = g_new0 (LabelBoard, 1);
      board->rects = g_array_new (FALSE, FALSE, sizeof (VigieLabelRect));
      board->frame = -1;
      g_object_set_data_full (G_OBJECT (parent), BOARD_KEY, board, label_board_free);
    }

  /* A new frame: no name yet, and the symbols of every layer, those drawn
   * above included, for no name to go under one. */
  if (board->frame != frame)
    {
      board->frame = frame;
      g_array_set_size (board->rects, 0);
      for (GtkWidget *child = gtk_widget_get_first_child (parent); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (VIGIE_IS_MAP_LAYER (child) && gtk_widget_get_mapped (child))
          collect_symbols (child, board->rects);
    }

  return board->rects;
}

/**
 * vigie_map_labels_queue_draw:
 * @layer: a layer of a map
 *
 * Redraws @layer, and its sibling layers when the map is zoomed in enough
 * for names.
 */
void
vigie_map_labels_queue_draw (GtkWidget *layer)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (layer));
  GtkWidget *parent = gtk_widget_get_parent (layer);

  gtk_widget_queue_draw (layer);
  if (parent == NULL || shumate_viewport_get_zoom_level (viewport) < VIGIE_MAP_LAYER_LABEL_MIN_ZOOM)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (parent); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != layer && VIGIE_IS_MAP_LAYER (child))
      gtk_widget_queue_draw (child);
}

static double
measure_text_cb (const char *text,
                 gpointer    user_data)
{
  int width;

  pango_layout_set_text (user_data, text, -1);
  pango_layout_get_pixel_size (user_data, &width, NULL);
  return width;
}

static PangoLayout *
get_layout (GtkWidget         *layer,
            VigieMapLabelItem *item)
{
  const char *name = vigie_entity_get_name (item->entity);

  if (*item->layout == NULL && name != NULL && name[0] != '\0')
    {
      g_autoptr(PangoLayout) measure = gtk_widget_create_pango_layout (layer, NULL);
      g_autofree char *text = NULL;

      /* Broken between words, never in one: the tooltip has it whole.
       * Names from feeds are plain text: set as text, never as markup. */
      text = vigie_label_fit (name, LABEL_WIDTH_PX, LABEL_LINES, measure_text_cb, measure, NULL);
      *item->layout = gtk_widget_create_pango_layout (layer, text);
      pango_layout_set_alignment (*item->layout, PANGO_ALIGN_CENTER);
    }

  return *item->layout;
}

/**
 * vigie_map_labels_append:
 * @layer: a layer of a map
 * @snapshot: where @layer draws
 * @items: (array length=n_items): its items on screen
 * @n_items: how many
 * @collect_symbols: adds the symbols a layer draws, as rectangles
 *
 * Writes the names of @items that fit, the most important first. One that
 * would cover another name or a symbol of any layer is left out.
 */
void
vigie_map_labels_append (GtkWidget             *layer,
                         GtkSnapshot           *snapshot,
                         VigieMapLabelItem     *items,
                         guint                  n_items,
                         VigieMapLabelsCollect  collect_symbols)
{
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (VigieLabel));
  g_autoptr(GArray) owners = g_array_new (FALSE, FALSE, sizeof (guint));
  const GdkRGBA halo = { 1, 1, 1, 0.82 };
  const GdkRGBA ink = { 0.14, 0.12, 0.19, 1 };
  GArray *board = get_board (layer, collect_symbols);
  VigieLabelRect bounds = { 0, 0, gtk_widget_get_width (layer), gtk_widget_get_height (layer) };

  for (guint i = 0; i < n_items; i++)
    {
      PangoLayout *layout = get_layout (layer, &items[i]);
      VigieLabel label = { 0, };
      int width, height;

      if (layout == NULL)
        continue;
      pango_layout_get_pixel_size (layout, &width, &height);

      label.x = items[i].x;
      label.y = items[i].y;
      label.radius = items[i].radius;
      label.width = width + 6;
      label.height = height;
      label.importance = items[i].importance;
      label.text = vigie_entity_get_name (items[i].entity);
      g_array_append_val (labels, label);
      g_array_append_val (owners, i);
    }

  vigie_label_place ((VigieLabel *) (gpointer) labels->data, labels->len,
                     board != NULL ? (VigieLabelRect *) (gpointer) board->data : NULL,
                     board != NULL ? board->len : 0, &bounds, LABEL_GAP_PX);

  for (guint i = 0; i < labels->len; i++)
    {
      VigieLabel *label = &g_array_index (labels, VigieLabel, i);
      VigieMapLabelItem *item = &items[g_array_index (owners, guint, i)];
      graphene_rect_t rect;
      GskRoundedRect rounded;

      if (!label->placed)
        continue;
      if (board != NULL)
        g_array_append_val (board, label->rect);

      graphene_rect_init (&rect, round (label->rect.x), round (label->rect.y), label->rect.width, label->rect.height);
      gsk_rounded_rect_init_from_rect (&rounded, &rect, 4);
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, &halo, &rect);
      gtk_snapshot_pop (snapshot);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rect.origin.x + 3, rect.origin.y));
      gtk_snapshot_append_layout (snapshot, *item->layout, &ink);
      gtk_snapshot_restore (snapshot);
    }
}
