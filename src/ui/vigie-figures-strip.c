/* vigie-figures-strip.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-figures-strip"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-figures-strip.h"
#include "vigie-feed.h"
#include "vigie-map-layer.h"
#include "vigie-tooltip.h"

/* The city's figures at a glance, in a strip over the map: what
 * vigie_figures_strip() says of the totals the tap of VigieCityFigures
 * keeps (counted in the feeds' workers; here only a few sums). Each
 * figure is a toggle button: pressed, its layers show only the things
 * behind the figure's worry (delayed trams, empty stations...). The
 * layers keep the filters; the buttons follow them. */

struct _VigieFiguresStrip
{
  GtkWidget         parent_instance;

  VigieCityFigures *figures;
  GListModel       *layers;
  GHashTable       *buttons;    /* id → GtkToggleButton, its children */
  gboolean          syncing;
  VigieStripKept    kept;       /* its height does not come down at one width */
  guint             n_shown;
  gboolean          replaying;  /* hidden: its figures are the feeds' now */
};

G_DEFINE_FINAL_TYPE (VigieFiguresStrip, vigie_figures_strip, GTK_TYPE_WIDGET)

static gboolean
figure_is_on (VigieFiguresStrip *self,
              VigieFeedKind      kind,
              guint              filter)
{
  guint n = g_list_model_get_n_items (self->layers);
  gboolean any = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieMapLayer) layer = g_list_model_get_item (self->layers, i);

      if (vigie_map_layer_get_kind (layer) != kind)
        continue;
      if (!(vigie_map_layer_get_filter (layer) & filter))
        return FALSE;
      any = TRUE;
    }

  return any;
}

static void
sync_buttons (VigieFiguresStrip *self)
{
  GHashTableIter iter;
  GtkWidget *button;

  self->syncing = TRUE;
  g_hash_table_iter_init (&iter, self->buttons);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &button))
    {
      VigieFeedKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "vigie-kind"));
      guint filter = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "vigie-filter"));

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), figure_is_on (self, kind, filter));
    }
  self->syncing = FALSE;
}

static void
on_toggled_cb (GtkToggleButton   *button,
               VigieFiguresStrip *self)
{
  VigieFeedKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "vigie-kind"));
  guint filter = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "vigie-filter"));
  gboolean on = gtk_toggle_button_get_active (button);
  guint n = g_list_model_get_n_items (self->layers);

  if (self->syncing)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieMapLayer) layer = g_list_model_get_item (self->layers, i);
      guint mask = vigie_map_layer_get_filter (layer);

      if (vigie_map_layer_get_kind (layer) != kind)
        continue;
      /* Off the map, a filter would hide nothing the operator sees. */
      if (on)
        gtk_widget_set_visible (GTK_WIDGET (layer), TRUE);
      vigie_map_layer_set_filter (layer, on ? mask | filter : mask & ~filter);
    }

  sync_buttons (self);
}

static guint
figure_rank (const char *id)
{
  static const char * const order[] = { "trams", "bikes", "car-share", "parking", "wifi" };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_str_equal (id, order[i]))
      return i;

  return G_N_ELEMENTS (order);
}

/* The figures in their order, the ones that come later included. */
static void
insert_in_order (VigieFiguresStrip *self,
                 GtkWidget         *button)
{
  guint rank = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "vigie-rank"));
  GtkWidget *after = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "vigie-rank")) < rank)
      after = child;

  gtk_widget_insert_after (button, GTK_WIDGET (self), after);
}

/* Layout. GtkFlowBox puts as many figures on a line as the widest one
 * fits, so four at 1366 px where five fit by their own widths. Here the
 * figures go left to right, each at its natural width, to a new line
 * only when the next one does not fit, and share out the room left on
 * their line. */

#define SPACING 0

typedef struct
{
  GtkWidget *child;
  int        width;      /* natural */
  int        height;     /* natural, for that width */
} Placed;

static GArray *
measure_children (VigieFiguresStrip *self)
{
  GArray *placed = g_array_new (FALSE, FALSE, sizeof (Placed));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      Placed each = { child, 0, 0 };

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &each.width, NULL, NULL);
      g_array_append_val (placed, each);
    }

  return placed;
}

/* Calls @place for each child with its box, and returns the height. */
static int
flow (GArray *placed,
      int     width,
      void  (*place) (GtkWidget *child, int x, int y, int w, int h))
{
  g_autofree int *widths = g_new0 (int, MAX (placed->len, 1));
  g_autofree int *xs = g_new0 (int, MAX (placed->len, 1));
  g_autofree int *ws = g_new0 (int, MAX (placed->len, 1));
  g_autofree guint *lines = g_new0 (guint, MAX (placed->len, 1));
  guint n_lines;
  int y = 0;

  for (guint i = 0; i < placed->len; i++)
    widths[i] = g_array_index (placed, Placed, i).width;
  n_lines = vigie_figures_strip_lay_out (widths, placed->len, width, lines, xs, ws);

  for (guint line = 0, first = 0; line < n_lines; line++)
    {
      guint end = first;
      int line_height = 0;

      while (end < placed->len && lines[end] == line)
        {
          Placed *each = &g_array_index (placed, Placed, end);

          gtk_widget_measure (each->child, GTK_ORIENTATION_VERTICAL, ws[end], NULL, &each->height, NULL, NULL);
          line_height = MAX (line_height, each->height);
          end++;
        }
      for (guint i = first; i < end && place != NULL; i++)
        place (g_array_index (placed, Placed, i).child, xs[i], y, ws[i], line_height);

      y += line_height;
      first = end;
    }

  return y;
}

static void
place_child (GtkWidget *child,
             int        x,
             int        y,
             int        w,
             int        h)
{
  gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, w, h }, -1);
}

static void
vigie_figures_strip_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  VigieFiguresStrip *self = VIGIE_FIGURES_STRIP (widget);
  g_autoptr(GArray) placed = measure_children (self);

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Narrow, one figure a line; wide, all on one. */
      for (guint i = 0; i < placed->len; i++)
        {
          int child_min = 0;

          gtk_widget_measure (g_array_index (placed, Placed, i).child, orientation, -1, &child_min, NULL, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural += g_array_index (placed, Placed, i).width + (i > 0 ? SPACING : 0);
        }
      *natural = MAX (*natural, *minimum);
    }
  else if (for_size < 0)
    *minimum = *natural = flow (placed, G_MAXINT / 2, NULL);
  else
    *minimum = *natural = vigie_figures_strip_keep_height (&self->kept, for_size,
                                                           flow (placed, for_size, NULL));
}

static GtkSizeRequestMode
vigie_figures_strip_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
vigie_figures_strip_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  g_autoptr(GArray) placed = measure_children (VIGIE_FIGURES_STRIP (widget));

  flow (placed, width, place_child);
}

static GtkWidget *
make_button (VigieFiguresStrip      *self,
             const VigieStripFigure *figure)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *text = gtk_label_new (NULL);
  GtkWidget *caption = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  /* The figures whole; the words under them give way first, whole in the
   * tooltip: at 1366 px the five fit one line. */
  gtk_label_set_ellipsize (GTK_LABEL (caption), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (caption), TRUE);
  /* A line's figures are counted by their natural widths: the words
   * under a figure widen it no more than 12 characters; the room left on
   * the line is shared out, and they unfold in it. */
  gtk_label_set_max_width_chars (GTK_LABEL (caption), 12);
  gtk_widget_add_css_class (text, "heading");
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "vigie-strip-figure");
  gtk_widget_set_name (button, figure->id);

  g_object_set_data (G_OBJECT (button), "vigie-kind", GUINT_TO_POINTER (figure->kind));
  g_object_set_data (G_OBJECT (button), "vigie-filter", GUINT_TO_POINTER (figure->filter));
  g_object_set_data (G_OBJECT (button), "vigie-text", text);
  g_object_set_data (G_OBJECT (button), "vigie-caption", caption);
  g_signal_connect_object (button, "toggled", G_CALLBACK (on_toggled_cb), self, 0);

  return button;
}

/* How each kind's feeds stand: its best feed's, a feed between two
 * failed polls still failing. */
static void
get_data_by_kind (VigieFiguresStrip *self,
                  VigieStripData    *data_by_kind)
{
  guint n = g_list_model_get_n_items (self->layers);

  for (guint k = 0; k < VIGIE_N_FEED_KINDS; k++)
    data_by_kind[k] = VIGIE_STRIP_DATA_NONE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieMapLayer) layer = g_list_model_get_item (self->layers, i);
      VigieFeed *feed = vigie_map_layer_get_feed (layer);
      VigieFeedKind kind = vigie_map_layer_get_kind (layer);
      VigieStripData data;

      if (feed == NULL || !vigie_feed_get_enabled (feed) || kind >= VIGIE_N_FEED_KINDS)
        continue;
      if (vigie_feed_get_state (feed) == VIGIE_FEED_STATE_ERROR || vigie_feed_get_n_failures (feed) > 0)
        data = VIGIE_STRIP_DATA_FAILING;
      else if (vigie_feed_get_state (feed) == VIGIE_FEED_STATE_STALE ||
               vigie_feed_get_freshness (feed) == VIGIE_FRESHNESS_STALE)
        data = VIGIE_STRIP_DATA_STALE;
      else
        data = VIGIE_STRIP_DATA_OK;

      /* The enum runs from none to failing: the best is the least. */
      if (data_by_kind[kind] == VIGIE_STRIP_DATA_NONE || data < data_by_kind[kind])
        data_by_kind[kind] = data;
    }
}

static void
update (VigieFiguresStrip *self)
{
  VigieStripData data_by_kind[VIGIE_N_FEED_KINDS];
  VigieFigures by_kind[VIGIE_N_FEED_KINDS];
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  const char *id;
  GtkWidget *button;

  vigie_city_figures_get_by_kind (self->figures, by_kind);
  figures = vigie_figures_strip (by_kind);
  get_data_by_kind (self, data_by_kind);
  vigie_figures_strip_mark (figures, data_by_kind);

  /* The same buttons, their words changed: the focus stays where it is. */
  for (guint i = 0; i < figures->len; i++)
    {
      VigieStripFigure *figure = g_ptr_array_index (figures, i);
      GtkWidget *text, *caption;
      g_autofree char *tooltip = NULL;
      g_autofree char *name = NULL;

      button = g_hash_table_lookup (self->buttons, figure->id);
      if (button == NULL)
        {
          button = make_button (self, figure);
          g_hash_table_insert (self->buttons, g_strdup (figure->id), button);
        }
      if (gtk_widget_get_parent (button) == NULL)
        {
          g_object_set_data (G_OBJECT (button), "vigie-rank", GUINT_TO_POINTER (figure_rank (figure->id)));
          insert_in_order (self, button);
        }
      gtk_widget_set_visible (button, TRUE);
      g_hash_table_add (shown, figure->id);

      text = g_object_get_data (G_OBJECT (button), "vigie-text");
      caption = g_object_get_data (G_OBJECT (button), "vigie-caption");
      gtk_label_set_text (GTK_LABEL (text), figure->text);
      if (figure->stale)
        {
          /* Marked, not in colour alone, as the map marks stale data. */
          g_autofree char *marked = g_strdup_printf ("⚠ %s", figure->caption);

          gtk_label_set_text (GTK_LABEL (caption), marked);
          gtk_widget_add_css_class (button, "vigie-stale");
          gtk_widget_add_css_class (caption, "warning");
          gtk_widget_remove_css_class (caption, "dim-label");
        }
      else
        {
          gtk_label_set_text (GTK_LABEL (caption), figure->caption ? figure->caption : "");
          gtk_widget_remove_css_class (button, "vigie-stale");
          gtk_widget_remove_css_class (caption, "warning");
          gtk_widget_add_css_class (caption, "dim-label");
        }
      gtk_widget_set_visible (caption, figure->caption != NULL);

      /* Translators: a figure's tooltip in the strip over the map; %s is a filter, "Empty stations" */
      tooltip = g_strdup_printf (_("Show only: %s"), vigie_filter_get_title (figure->filter, figure->kind));
      /* Its words whole, where a narrow strip cuts them. */
      if (figure->caption != NULL)
        {
          g_autofree char *full = g_strdup_printf ("%s\n%s", figure->caption, tooltip);

          vigie_tooltip_set_text (button, full);
        }
      else
        vigie_tooltip_set_text (button, tooltip);
      /* Translators: a figure's name for screen readers: its words, what
       * it says under them, and what a click does */
      name = g_strdup_printf (_("%s, %s. %s"), figure->text, figure->caption ? figure->caption : "", tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }

  g_hash_table_iter_init (&iter, self->buttons);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, (gpointer *) &button))
    if (!g_hash_table_contains (shown, id))
      gtk_widget_set_visible (button, FALSE);

  /* Other figures: the height they take is found again. */
  if (g_hash_table_size (shown) != self->n_shown)
    {
      self->n_shown = g_hash_table_size (shown);
      self->kept.width = -1;
    }

  gtk_widget_set_visible (GTK_WIDGET (self), figures->len > 0 && !self->replaying);
  sync_buttons (self);
}

static void
on_layers_changed_cb (GListModel        *layers,
                      guint              position,
                      guint              removed,
                      guint              added,
                      VigieFiguresStrip *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(VigieMapLayer) layer = g_list_model_get_item (layers, i);

      g_signal_connect_object (layer, "notify::filter", G_CALLBACK (sync_buttons), self, G_CONNECT_SWAPPED);
      /* A failing feed changes no figure: its state does. */
      if (vigie_map_layer_get_feed (layer) != NULL)
        {
          g_signal_connect_object (vigie_map_layer_get_feed (layer), "notify::state",
                                   G_CALLBACK (update), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (vigie_map_layer_get_feed (layer), "notify::freshness",
                                   G_CALLBACK (update), self, G_CONNECT_SWAPPED);
        }
    }

  update (self);
}

static void
vigie_figures_strip_dispose (GObject *object)
{
  VigieFiguresStrip *self = (VigieFiguresStrip *)object;

  g_clear_pointer (&self->buttons, g_hash_table_unref);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->figures);
  g_clear_object (&self->layers);

  G_OBJECT_CLASS (vigie_figures_strip_parent_class)->dispose (object);
}

static void
vigie_figures_strip_class_init (VigieFiguresStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_figures_strip_dispose;
  widget_class->get_request_mode = vigie_figures_strip_get_request_mode;
  widget_class->measure = vigie_figures_strip_measure;
  widget_class->size_allocate = vigie_figures_strip_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "vigie-figures-strip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vigie_figures_strip_init (VigieFiguresStrip *self)
{
  self->buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* A narrow window puts the figures on two lines rather than hide
   * some (see "Layout"). */
  gtk_widget_add_css_class (GTK_WIDGET (self), "vigie-figures-strip");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("The City’s Figures"), -1);
}

/**
 * vigie_figures_strip_new:
 * @figures: the city's figures, kept by their tap
 * @layers: (element-type VigieMapLayer): the map's layers, which a figure
 *   filters
 *
 * Returns: (transfer floating): the strip, hidden until a feed gives a
 *   figure
 */
GtkWidget *
vigie_figures_strip_new (VigieCityFigures *figures,
                         GListModel       *layers)
{
  VigieFiguresStrip *self;

  g_return_val_if_fail (VIGIE_IS_CITY_FIGURES (figures), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (layers), NULL);

  self = g_object_new (VIGIE_TYPE_FIGURES_STRIP, NULL);
  self->figures = g_object_ref (figures);
  self->layers = g_object_ref (layers);

  g_signal_connect_object (figures, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (layers, "items-changed", G_CALLBACK (on_layers_changed_cb), self, 0);
  on_layers_changed_cb (layers, 0, 0, g_list_model_get_n_items (layers), self);
  update (self);

  return GTK_WIDGET (self);
}

/**
 * vigie_figures_strip_lay_out:
 * @widths: (array length=n): the figures' natural widths, in their order
 * @n: how many
 * @width: the strip's width
 * @line: (out caller-allocates) (array length=n): each figure's line
 * @x: (out caller-allocates) (array length=n): where it starts on its line
 * @allocated: (out caller-allocates) (array length=n): the width it gets
 *
 * Where the figures go: left to right at their natural widths, to a new
 * line only when the next one does not fit (a figure wider than the
 * strip alone on its line, at the strip's width), the room left on a
 * line shared out between its figures.
 *
 * Returns: how many lines
 */
guint
vigie_figures_strip_lay_out (const int *widths,
                             guint      n,
                             int        width,
                             guint     *line,
                             int       *x,
                             int       *allocated)
{
  guint n_lines = 0;

  g_return_val_if_fail (n == 0 || (widths != NULL && line != NULL && x != NULL && allocated != NULL), 0);

  for (guint first = 0; first < n; n_lines++)
    {
      guint last = first;
      int used = widths[first];
      int extra, left = 0;

      while (last + 1 < n && used + SPACING + widths[last + 1] <= width)
        used += SPACING + widths[++last];

      extra = MAX (width - used, 0) / (int) (last - first + 1);
      for (guint i = first; i <= last; i++)
        {
          line[i] = n_lines;
          x[i] = left;
          allocated[i] = MIN (widths[i] + extra, width);
          left += allocated[i] + SPACING;
        }

      first = last + 1;
    }

  return n_lines;
}

/**
 * vigie_figures_strip_set_replaying:
 * @self: a #VigieFiguresStrip
 * @replaying: whether the map shows the history
 *
 * Hides the strip while the map replays the history: its figures are
 * those of the feeds now, not of the moment shown.
 */
void
vigie_figures_strip_set_replaying (VigieFiguresStrip *self,
                                   gboolean           replaying)
{
  g_return_if_fail (VIGIE_IS_FIGURES_STRIP (self));

  if (self->replaying == !!replaying)
    return;

  self->replaying = !!replaying;
  update (self);
}

/**
 * vigie_figures_strip_keep_height:
 * @kept: what the strip kept
 * @width: the width it is measured for
 * @height: the height its figures take at @width now
 *
 * The strip's height at a width does not come down again while the width
 * stays: a figure one digit shorter at an update would otherwise bring a
 * second line back to one and the next update take it again, the map
 * under the strip moving by a line each time (and libshumate fetching a
 * row of tiles). A new width starts again from the figures' own height.
 *
 * Returns: the height to ask for
 */
int
vigie_figures_strip_keep_height (VigieStripKept *kept,
                                 int             width,
                                 int             height)
{
  g_return_val_if_fail (kept != NULL, height);

  if (kept->width != width)
    {
      kept->width = width;
      kept->height = height;
    }
  else
    kept->height = MAX (kept->height, height);

  return kept->height;
}

/**
 * vigie_figures_strip_get_button:
 * @self: a #VigieFiguresStrip
 * @id: a figure's id: "trams", "bikes", "car-share", "parking", "wifi"
 *
 * Returns: (transfer none) (nullable): its button, for tests
 */
GtkWidget *
vigie_figures_strip_get_button (VigieFiguresStrip *self,
                                const char        *id)
{
  g_return_val_if_fail (VIGIE_IS_FIGURES_STRIP (self), NULL);

  return g_hash_table_lookup (self->buttons, id);
}
