/* vigie-figure-tile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-figure-tile"

#include "config.h"

#include <math.h>

#include "vigie-figure-tile.h"

/* A figure of the meeting mode, read from across the room: its words and
 * its figure are set as plain text (a feed's name may be among them),
 * sized by the panel for the screen. */

struct _VigieFigureTile
{
  GtkWidget  parent_instance;

  char      *id;

  /* Template widgets */
  GtkLabel  *before_label;
  GtkLabel  *figure_label;
  GtkLabel  *after_label;
};

G_DEFINE_FINAL_TYPE (VigieFigureTile, vigie_figure_tile, GTK_TYPE_WIDGET)

static void
vigie_figure_tile_dispose (GObject *object)
{
  VigieFigureTile *self = (VigieFigureTile *)object;

  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_FIGURE_TILE);
  /* The box around the figure is no bound child: unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (vigie_figure_tile_parent_class)->dispose (object);
}

static void
vigie_figure_tile_finalize (GObject *object)
{
  VigieFigureTile *self = (VigieFigureTile *)object;

  g_free (self->id);

  G_OBJECT_CLASS (vigie_figure_tile_parent_class)->finalize (object);
}

static void
vigie_figure_tile_class_init (VigieFigureTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_figure_tile_dispose;
  object_class->finalize = vigie_figure_tile_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/vigie-figure-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieFigureTile, before_label);
  gtk_widget_class_bind_template_child (widget_class, VigieFigureTile, figure_label);
  gtk_widget_class_bind_template_child (widget_class, VigieFigureTile, after_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
vigie_figure_tile_init (VigieFigureTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
}

GtkWidget *
vigie_figure_tile_new (void)
{
  return g_object_new (VIGIE_TYPE_FIGURE_TILE, NULL);
}

/**
 * vigie_figure_tile_set_sentence:
 * @self: a #VigieFigureTile
 * @sentence: what it says
 */
void
vigie_figure_tile_set_sentence (VigieFigureTile           *self,
                                const VigieFigureSentence *sentence)
{
  g_autofree char *whole = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_return_if_fail (VIGIE_IS_FIGURE_TILE (self));
  g_return_if_fail (sentence != NULL);

  g_free (self->id);
  self->id = g_strdup (sentence->id);

  /* The spaces around the figure are the box's to draw. */
  before = g_strstrip (g_strdup (sentence->before));
  after = g_strstrip (g_strdup (sentence->after));
  gtk_label_set_text (self->before_label, before);
  gtk_widget_set_visible (GTK_WIDGET (self->before_label), before[0] != '\0');
  gtk_label_set_text (self->figure_label, sentence->figure);
  gtk_label_set_text (self->after_label, after);
  gtk_widget_set_visible (GTK_WIDGET (self->after_label), after[0] != '\0');

  whole = vigie_figure_sentence_to_string (sentence);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, whole, -1);
}

const char *
vigie_figure_tile_get_id (VigieFigureTile *self)
{
  g_return_val_if_fail (VIGIE_IS_FIGURE_TILE (self), NULL);

  return self->id;
}

/**
 * vigie_figure_tile_set_text_sizes:
 * @self: a #VigieFigureTile
 * @figure_px: the figure's font size, in pixels
 * @label_px: the words'
 */
void
vigie_figure_tile_set_text_sizes (VigieFigureTile *self,
                                  double           figure_px,
                                  double           label_px)
{
  g_return_if_fail (VIGIE_IS_FIGURE_TILE (self));

  vigie_figure_tile_size_label (self->figure_label, figure_px, TRUE);
  vigie_figure_tile_size_label (self->before_label, label_px, FALSE);
  vigie_figure_tile_size_label (self->after_label, label_px, FALSE);
}

/**
 * vigie_figure_tile_get_figure_label:
 * @self: a #VigieFigureTile
 *
 * For the tests, which measure it.
 *
 * Returns: (transfer none): the figure's label
 */
GtkLabel *
vigie_figure_tile_get_figure_label (VigieFigureTile *self)
{
  g_return_val_if_fail (VIGIE_IS_FIGURE_TILE (self), NULL);

  return self->figure_label;
}

/**
 * vigie_figure_tile_get_words_label:
 * @self: a #VigieFigureTile
 *
 * Returns: (transfer none): the label of the words after the figure
 */
GtkLabel *
vigie_figure_tile_get_words_label (VigieFigureTile *self)
{
  g_return_val_if_fail (VIGIE_IS_FIGURE_TILE (self), NULL);

  return self->after_label;
}

/* Sets @label's text at @px pixels, bold or not, as the tiles' are: the
 * meeting panel's own labels match them. */
void
vigie_figure_tile_size_label (GtkLabel *label,
                              double    px,
                              gboolean  bold)
{
  g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

  g_return_if_fail (GTK_IS_LABEL (label));

  pango_attr_list_insert (attributes, pango_attr_size_new_absolute ((int) round (px * PANGO_SCALE)));
  if (bold)
    pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_label_set_attributes (label, attributes);
}
