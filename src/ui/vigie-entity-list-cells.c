/* vigie-entity-list-cells.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-entity-list"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-clock.h"
#include "vigie-entity-list-cells.h"
#include "vigie-freshness.h"
#include "vigie-style-row.h"
#include "vigie-symbol-renderer.h"

/* The cells of a layer's table (vigie-entity-list.c): name, state (the
 * map's own symbol and its words), main value and age. Each kind of cell
 * is made once per row on screen, then filled with whichever entity
 * scrolls into it; each fills its cell's accessible name too, which GTK
 * 4.8 would leave as its type's. */

/* The map's symbols with their marks, shrunk to a row. */
#define SYMBOL_SIZE 32
#define NAME_MIN_CHARS 14

/*
 * Auxiliary functions
 */

static const char *
entity_title (VigieEntity *entity)
{
  const char *name = vigie_entity_get_name (entity);

  return name != NULL && *name != '\0' ? name : vigie_entity_get_id (entity);
}

static char *
age_text (VigieEntity *entity,
          gint64       now)
{
  gint64 observed_at = vigie_entity_get_observed_at (entity);

  gint64 age;

  if (observed_at <= 0)
    return g_strdup ("");

  /* Under the column's title "Age", the age alone: "il y a 2 min" took
   * the room of the names beside a 520 px list. */
  age = MAX (now - observed_at, 0);
  if (age < 60)
    /* Translators: an age in seconds in the list's "Age" column */
    return g_strdup_printf (_("%d s"), (int) age);
  if (age < 3600)
    return g_strdup_printf (_("%d min"), (int) (age / 60));
  if (age < 24 * 3600 && age % 3600 < 60)
    return g_strdup_printf (_("%d h"), (int) (age / 3600));
  if (age < 24 * 3600)
    return g_strdup_printf (_("%d h %02d"), (int) (age / 3600), (int) (age % 3600 / 60));

  return vigie_freshness_format_age (age);
}

static void
draw_symbol_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  VigieSymbol *symbol = user_data;

  if (symbol->size > 0)
    vigie_symbol_draw_fitted (symbol, cr, width, height);
}

/* A label's own text as its tooltip, whole where a narrow column cuts
 * it. Asked for when shown: gtk_widget_set_tooltip_text() at each bind
 * asks the X server where the pointer is, a round trip per row. */
static gboolean
on_label_query_tooltip_cb (GtkWidget  *label,
                           int         x,
                           int         y,
                           gboolean    keyboard,
                           GtkTooltip *tooltip)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (text == NULL || *text == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* GTK 4.8 names a column view's cell after its type, "GtkColumnViewCell":
 * a screen reader going from cell to cell hears what the cell shows. */
static void
name_cell (GtkWidget  *child,
           const char *text)
{
  GtkWidget *cell = gtk_widget_get_parent (child);

  if (cell != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static GtkWidget *
make_label (gboolean numeric)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");

  return label;
}

/*
 * Public API
 */

void
vigie_entity_list_cell_setup_name (GtkSignalListItemFactory *factory,
                                   GtkListItem              *item,
                                   gpointer                  user_data)
{
  GtkWidget *label = make_label (FALSE);

  /* A row is found by its name: GTK 4.8 gives the room left to the
   * columns nearest their natural width first, the value and the age,
   * and a name came last, "Auberge (s…" beside a 520 px list. */
  gtk_label_set_width_chars (GTK_LABEL (label), NAME_MIN_CHARS);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_label_query_tooltip_cb), NULL);
  gtk_list_item_set_child (item, label);
}

void
vigie_entity_list_cell_fill_name (VigieMapLayer *layer,
                                  GtkListItem   *item,
                                  VigieEntity   *entity)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  GtkWidget *cell = gtk_widget_get_parent (label);
  VigieFeedKind kind = vigie_map_layer_get_kind (layer);
  g_autofree char *value = vigie_style_row_value (kind, entity, NULL);
  g_autofree char *spoken = NULL;
  const char *state;

  gtk_label_set_text (GTK_LABEL (label), entity_title (entity));

  /* The row, as a screen reader reads it: its cells in one sentence. */
  state = vigie_style_row_state (kind, entity, vigie_map_layer_get_thresholds (layer), NULL);
  spoken = *value != '\0' ? g_strdup_printf ("%s, %s, %s", entity_title (entity), state, value)
                          : g_strdup_printf ("%s, %s", entity_title (entity), state);
  if (cell != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
      if (gtk_widget_get_parent (cell) != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (cell)),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
    }
}

void
vigie_entity_list_cell_setup_state (GtkSignalListItemFactory *factory,
                                    GtkListItem              *item,
                                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *area = gtk_drawing_area_new ();
  VigieSymbol *symbol = g_new0 (VigieSymbol, 1);
  GtkWidget *label;

  /* The area keeps the symbol its row's entity has now. */
  g_object_set_data_full (G_OBJECT (area), "vigie-symbol", symbol, g_free);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), SYMBOL_SIZE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), SYMBOL_SIZE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_symbol_cb, symbol, NULL);
  /* The words beside it say the state. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), area);
  label = make_label (FALSE);
  /* The state in words is what the column is for: whole, the name gives way. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

void
vigie_entity_list_cell_fill_state (VigieMapLayer *layer,
                                   GtkListItem   *item,
                                   VigieEntity   *entity)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *area = gtk_widget_get_first_child (box);
  VigieFeedKind kind = vigie_map_layer_get_kind (layer);
  const VigieStyleThresholds *thresholds = vigie_map_layer_get_thresholds (layer);
  VigieSymbol *symbol = g_object_get_data (G_OBJECT (area), "vigie-symbol");

  vigie_symbol_init (symbol);
  vigie_style_entity (kind, entity, thresholds, symbol);
  /* The very symbol the map draws, shrunk to the row. */
  gtk_widget_queue_draw (area);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (area)),
                      vigie_style_row_state (kind, entity, thresholds, NULL));
  name_cell (box, gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (area))));
}

void
vigie_entity_list_cell_setup_value (GtkSignalListItemFactory *factory,
                                    GtkListItem              *item,
                                    gpointer                  user_data)
{
  GtkWidget *label = make_label (TRUE);

  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_label_query_tooltip_cb), NULL);
  gtk_list_item_set_child (item, label);
}

void
vigie_entity_list_cell_fill_value (VigieMapLayer *layer,
                                   GtkListItem   *item,
                                   VigieEntity   *entity)
{
  g_autofree char *text = vigie_style_row_value (vigie_map_layer_get_kind (layer), entity, NULL);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
  name_cell (gtk_list_item_get_child (item), text);
}

void
vigie_entity_list_cell_setup_age (GtkSignalListItemFactory *factory,
                                  GtkListItem              *item,
                                  gpointer                  user_data)
{
  GtkWidget *label = make_label (TRUE);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_item_set_child (item, label);
}

void
vigie_entity_list_cell_fill_age (VigieMapLayer *layer,
                                 GtkListItem   *item,
                                 VigieEntity   *entity)
{
  g_autofree char *text = age_text (entity, vigie_clock_now ());

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
  name_cell (gtk_list_item_get_child (item), text);
}

/* The age cell of @item shows @entity's age at @now (empty without one):
 * the list rewrites the ages on screen every few seconds. */
void
vigie_entity_list_cell_show_age (GtkListItem *item,
                                 VigieEntity *entity,
                                 gint64       now)
{
  g_autofree char *text = entity != NULL ? age_text (entity, now) : g_strdup ("");

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
  name_cell (gtk_list_item_get_child (item), text);
}
