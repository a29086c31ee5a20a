/* vigie-departure-board.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-departure-board"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-departure-board.h"
#include "vigie-departure-interest.h"
#include "vigie-departure-rows.h"
#include "vigie-feed-departures.h"
#include "vigie-tooltip.h"

/* A stop's next departures, by line and direction, in the details
 * popover: what vigie_departure_rows_build() decides, laid out. It
 * follows the feed's boards, rebuilt in the worker after each update. */

#define MAX_GROUPS 6
#define MAX_PER_GROUP 2

struct _VigieDepartureBoard
{
  GtkBox               parent_instance;

  VigieFeedDepartures *departures;
  gulong               notify_id;
  char                *stop_id;
  char                *feed_id;      /* of stop_id, whose board is built in full */
  guint                n_groups;

  GtkBox              *groups_box;
};

G_DEFINE_FINAL_TYPE (VigieDepartureBoard, vigie_departure_board, GTK_TYPE_BOX)

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* The line as a coloured badge, as the network paints it; its name is
 * feed text, escaped. */
static GtkWidget *
new_badge (const VigieDepartureGroup *group)
{
  GtkWidget *label = gtk_label_new (NULL);
  g_autofree char *markup = NULL;

  if (group->color != NULL)
    markup = g_markup_printf_escaped ("<span background=\"#%s\" foreground=\"#%s\" weight=\"bold\"> %s </span>",
                                      group->color, group->text_color != NULL ? group->text_color : "FFFFFF",
                                      group->line);
  else
    markup = g_markup_printf_escaped ("<b>%s</b>", group->line);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  return label;
}

static GtkWidget *
new_row (const VigieDepartureRow *row)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *time = new_label (row->time, "numeric");
  g_autofree char *source = g_strdup_printf ("%s %s", row->mark, row->source);
  GtkWidget *source_label = new_label (source, "dim-label");

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_add_css_class (time, "heading");
  gtk_box_append (GTK_BOX (box), time);

  if (row->scheduled != NULL)
    {
      GtkWidget *scheduled = gtk_label_new (NULL);
      g_autofree char *markup = g_markup_printf_escaped ("<s>%s</s>", row->scheduled);

      gtk_label_set_markup (GTK_LABEL (scheduled), markup);
      gtk_widget_add_css_class (scheduled, "dim-label");
      gtk_widget_add_css_class (scheduled, "numeric");
      gtk_box_append (GTK_BOX (box), scheduled);
    }

  if (row->state != NULL)
    {
      GtkWidget *state = new_label (row->state, NULL);

      if (row->state_kind != VIGIE_DEPARTURE_RUNS)
        gtk_widget_add_css_class (state, "error");
      else if (row->has_delay && row->delay_s >= 3 * 60)
        gtk_widget_add_css_class (state, "warning");
      gtk_box_append (GTK_BOX (box), state);
    }

  gtk_widget_set_hexpand (source_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (source_label), 1);
  gtk_box_append (GTK_BOX (box), source_label);

  /* A screen reader reads one sentence, not the pieces. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, row->accessible, -1);
  vigie_tooltip_set_text_on_demand (box, row->accessible);

  return box;
}

static GtkWidget *
new_group (const VigieDepartureGroup *group)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_append (GTK_BOX (title), new_badge (group));
  if (group->headsign != NULL)
    {
      /* Translators: the direction of a line, "→ Gare Centrale". */
      g_autofree char *toward = g_strdup_printf (_("→ %s"), group->headsign);
      GtkWidget *label = new_label (toward, NULL);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
      gtk_box_append (GTK_BOX (title), label);
    }
  gtk_box_append (GTK_BOX (box), title);

  for (guint i = 0; i < group->rows->len; i++)
    gtk_box_append (GTK_BOX (box), new_row (g_ptr_array_index (group->rows, i)));

  return box;
}

static void
rebuild (VigieDepartureBoard *self)
{
  g_autoptr(GPtrArray) groups = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);

  groups = vigie_departure_rows_build (self->departures != NULL ? vigie_feed_departures_get (self->departures) : NULL,
                                       self->stop_id, MAX_GROUPS, MAX_PER_GROUP);
  for (guint i = 0; i < groups->len; i++)
    gtk_box_append (self->groups_box, new_group (g_ptr_array_index (groups, i)));

  self->n_groups = groups->len;
  gtk_widget_set_visible (GTK_WIDGET (self), groups->len > 0);
}

static void
on_departures_changed_cb (VigieDepartureBoard *self)
{
  /* Hidden: rebuilt when shown again. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) || self->n_groups == 0)
    rebuild (self);
}

static void
set_departures (VigieDepartureBoard *self,
                VigieFeedDepartures *departures)
{
  if (self->departures == departures)
    return;

  if (self->departures != NULL)
    g_clear_signal_handler (&self->notify_id, self->departures);
  g_set_object (&self->departures, departures);
  if (departures != NULL)
    self->notify_id = g_signal_connect_swapped (departures, "notify::departures",
                                                G_CALLBACK (on_departures_changed_cb), self);
}

/* Says which stop the board looks at, so that a large network builds
 * its board in full (vigie-departure-interest.c). */
static void
look_at (VigieDepartureBoard *self,
         const char          *feed_id,
         const char          *stop_id)
{
  if (self->feed_id != NULL && self->stop_id != NULL)
    vigie_departure_interest_remove (self->feed_id, self->stop_id);
  g_free (self->feed_id);
  g_free (self->stop_id);
  self->feed_id = g_strdup (feed_id);
  self->stop_id = g_strdup (stop_id);
  if (self->feed_id != NULL && self->stop_id != NULL)
    vigie_departure_interest_add (self->feed_id, self->stop_id);
}

static void
vigie_departure_board_dispose (GObject *object)
{
  VigieDepartureBoard *self = VIGIE_DEPARTURE_BOARD (object);

  look_at (self, NULL, NULL);
  set_departures (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_DEPARTURE_BOARD);

  G_OBJECT_CLASS (vigie_departure_board_parent_class)->dispose (object);
}

static void
vigie_departure_board_finalize (GObject *object)
{
  VigieDepartureBoard *self = VIGIE_DEPARTURE_BOARD (object);

  g_free (self->stop_id);

  G_OBJECT_CLASS (vigie_departure_board_parent_class)->finalize (object);
}

static void
vigie_departure_board_class_init (VigieDepartureBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_departure_board_dispose;
  object_class->finalize = vigie_departure_board_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/map/vigie-departure-board.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieDepartureBoard, groups_box);
}

static void
vigie_departure_board_init (VigieDepartureBoard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
vigie_departure_board_new (void)
{
  return g_object_new (VIGIE_TYPE_DEPARTURE_BOARD, NULL);
}

/**
 * vigie_departure_board_show:
 * @self: a #VigieDepartureBoard
 * @feed: (nullable): the feed of @entity
 * @entity: (nullable): what the details show: a stop gets its board (a
 *   platform, its station's)
 *
 * Shows @entity's next departures, and follows them; hides itself for
 * anything else, or a stop without any.
 *
 * Returns: whether it shows a board
 */
gboolean
vigie_departure_board_show (VigieDepartureBoard *self,
                            VigieFeed           *feed,
                            VigieEntity         *entity)
{
  gboolean is_stop;

  g_return_val_if_fail (VIGIE_IS_DEPARTURE_BOARD (self), FALSE);
  g_return_val_if_fail (feed == NULL || VIGIE_IS_FEED (feed), FALSE);
  g_return_val_if_fail (entity == NULL || VIGIE_IS_ENTITY (entity), FALSE);

  is_stop = feed != NULL && entity != NULL && vigie_entity_get_kind (entity) == VIGIE_ENTITY_STOP;
  set_departures (self, is_stop ? vigie_feed_departures_get_for_feed (feed) : NULL);
  if (is_stop)
    {
      /* A platform shows its station's board: both directions, as the
       * stop's name promises. */
      const char *station = vigie_entity_lookup_string (entity, "parent_station");

      look_at (self, vigie_feed_get_id (feed),
               station != NULL && *station != '\0' ? station : vigie_entity_get_id (entity));
    }
  else
    look_at (self, NULL, NULL);

  rebuild (self);
  return self->n_groups > 0;
}

/**
 * vigie_departure_board_leave_out:
 * @entity: a stop the board shows
 *
 * What the details say of @entity beside its board: not its feed's own
 * list of arrivals, which the board shows better.
 *
 * Returns: (transfer full): @entity without "arrivals" and "departures"
 */
VigieEntity *
vigie_departure_board_leave_out (VigieEntity *entity)
{
  g_auto(GVariantDict) values = G_VARIANT_DICT_INIT (vigie_entity_get_values (entity));

  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), NULL);

  g_variant_dict_remove (&values, "arrivals");
  g_variant_dict_remove (&values, "departures");

  return vigie_entity_copy_with_values (entity, g_variant_dict_end (&values));
}

/**
 * vigie_departure_board_get_n_groups:
 *
 * Returns: how many lines and directions the board shows
 */
guint
vigie_departure_board_get_n_groups (VigieDepartureBoard *self)
{
  g_return_val_if_fail (VIGIE_IS_DEPARTURE_BOARD (self), 0);

  return self->n_groups;
}
