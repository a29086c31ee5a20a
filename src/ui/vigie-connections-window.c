/* vigie-connections-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-connections-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-connections-window.h"

/* The connection watch ("Correspondances") of one station: each train of
 * the next 90 minutes, and for each tram line and direction of the
 * interchange stop whether the traveller makes it, in a sentence, with a
 * mark and a word for its status. The walk is the operator's to set. */

struct _VigieConnectionsWindow
{
  AdwWindow             parent_instance;

  VigieConnectionWatch *watch;

  AdwWindowTitle       *window_title;
  GtkSpinButton        *walk_spin;
  GtkLabel             *summary_label;
  GtkBox               *trains_box;
};

G_DEFINE_FINAL_TYPE (VigieConnectionsWindow, vigie_connections_window, ADW_TYPE_WINDOW)

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
new_connection_row (const VigieConnection *connection)
{
  static const char * const classes[] = { "success", "warning", "error", "dim-label" };
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  g_autofree char *status = g_strdup_printf ("%s %s", vigie_connection_status_to_mark (connection->status),
                                             vigie_connection_status_to_words (connection->status));
  g_autofree char *sentence = vigie_connection_describe (connection);
  GtkWidget *status_label = new_label (status, classes[MIN (connection->status, G_N_ELEMENTS (classes) - 1)]);
  GtkWidget *sentence_label = new_label (sentence, NULL);

  gtk_widget_add_css_class (status_label, "heading");
  gtk_label_set_width_chars (GTK_LABEL (status_label), 10);
  gtk_label_set_wrap (GTK_LABEL (status_label), FALSE);
  gtk_widget_set_valign (status_label, GTK_ALIGN_START);
  gtk_widget_set_hexpand (sentence_label, TRUE);
  gtk_box_append (GTK_BOX (row), status_label);
  gtk_box_append (GTK_BOX (row), sentence_label);

  return row;
}

static void
rebuild (VigieConnectionsWindow *self)
{
  const VigieConnection *connections;
  const VigieDeparture *train = NULL;
  GtkWidget *train_box = NULL;
  GtkWidget *child;
  guint n = 0, n_trains = 0, n_missed = 0, n_tight = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->trains_box))) != NULL)
    gtk_box_remove (self->trains_box, child);

  connections = vigie_connection_watch_get_connections (self->watch, &n);
  for (guint i = 0; i < n; i++)
    {
      if (connections[i].train != train)
        {
          g_autofree char *title = vigie_connection_describe_train (connections[i].train);

          train = connections[i].train;
          train_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
          gtk_box_append (GTK_BOX (train_box), new_label (title, "title-4"));
          gtk_box_append (self->trains_box, train_box);
          n_trains++;
        }

      n_missed += connections[i].status == VIGIE_CONNECTION_MISSED;
      n_tight += connections[i].status == VIGIE_CONNECTION_TIGHT;
      gtk_box_append (GTK_BOX (train_box), new_connection_row (&connections[i]));

      /* Connection protection: what to hold, and its cost. */
      if (connections[i].hold)
        {
          g_autofree char *hold = vigie_connection_describe_hold (&connections[i]);
          g_autofree char *text = g_strdup_printf ("⚑ %s", hold);
          GtkWidget *label = new_label (text, "warning");

          gtk_widget_set_margin_start (label, 24);
          gtk_box_append (GTK_BOX (train_box), label);
        }
    }

  if (n_trains == 0)
    gtk_label_set_text (self->summary_label, _("No train arrives in the next 90 minutes, or the train and tram feeds have no data yet."));
  else
    {
      g_autofree char *trains = g_strdup_printf (ngettext ("%u train in the next 90 minutes", "%u trains in the next 90 minutes",
                                                           n_trains), n_trains);
      g_autofree char *missed = g_strdup_printf (ngettext ("%u connection missed", "%u connections missed", n_missed),
                                                 n_missed);
      g_autofree char *tight = g_strdup_printf (ngettext ("%u tight", "%u tight", n_tight), n_tight);
      g_autofree char *summary = g_strdup_printf ("%s · %s · %s", trains, missed, tight);

      gtk_label_set_text (self->summary_label, summary);
    }
}

static void
on_walk_changed_cb (VigieConnectionsWindow *self,
                    GtkSpinButton          *spin)
{
  vigie_connection_watch_set_walk_time (self->watch, (gint64) gtk_spin_button_get_value_as_int (spin) * 60);
}

static void
vigie_connections_window_dispose (GObject *object)
{
  VigieConnectionsWindow *self = VIGIE_CONNECTIONS_WINDOW (object);

  if (self->watch != NULL)
    g_signal_handlers_disconnect_by_data (self->watch, self);
  g_clear_object (&self->watch);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_CONNECTIONS_WINDOW);

  G_OBJECT_CLASS (vigie_connections_window_parent_class)->dispose (object);
}

static void
vigie_connections_window_class_init (VigieConnectionsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_connections_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/vigie-connections-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieConnectionsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, VigieConnectionsWindow, walk_spin);
  gtk_widget_class_bind_template_child (widget_class, VigieConnectionsWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, VigieConnectionsWindow, trains_box);
  gtk_widget_class_bind_template_callback (widget_class, on_walk_changed_cb);
}

static void
vigie_connections_window_init (VigieConnectionsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vigie_connections_window_new:
 * @parent: (nullable): the main window
 * @watch: the connections to show
 *
 * Returns: (transfer full): the window
 */
GtkWidget *
vigie_connections_window_new (GtkWindow            *parent,
                              VigieConnectionWatch *watch)
{
  VigieConnectionsWindow *self;
  const VigieConnectionPlace *place;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VIGIE_IS_CONNECTION_WATCH (watch), NULL);

  self = g_object_new (VIGIE_TYPE_CONNECTIONS_WINDOW, "transient-for", parent, NULL);
  self->watch = g_object_ref (watch);
  place = vigie_connection_watch_get_place (watch);

  /* Translators: the station and its interchange tram stop, "Mulhouse-Ville → Gare Centrale". */
  subtitle = g_strdup_printf (_("%s → %s"), place->station_name, place->interchange_name);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_spin_button_set_value (self->walk_spin, (double) (vigie_connection_watch_get_walk_time (watch) / 60));
  g_signal_connect_object (watch, "changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  rebuild (self);

  return GTK_WIDGET (self);
}
