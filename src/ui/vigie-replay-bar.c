/* vigie-replay-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-replay-bar"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "vigie-clock.h"
#include "vigie-feed.h"
#include "vigie-history-export.h"
#include "vigie-history-replay.h"
#include "vigie-map-layer.h"
#include "vigie-replay-bar.h"
#include "vigie-replay-day.h"
#include "vigie-store.h"
#include "vigie-tooltip.h"

/* Replay of the last 24 hours over the map: a button while live; once
 * pressed, a banner no one can miss ("Replay — 17:40"), a slider by five
 * minutes, play at 1×, 60× or 600×, and one button back to live. Each
 * layer is given a store of its own, fed with snapshots built in a
 * worker from the history (vigie-history-replay.c) as a feed's worker
 * builds them; the feeds go on polling into their own stores underneath,
 * and going back to live gives each layer its feed's store again. An
 * earlier day is chosen in a calendar beside the slider
 * (vigie-replay-day.c) and replayed the same way, by five minutes. */

static const guint speeds[] = { 1, 60, 600 };

/* How often playing moves the time on, in ms. */
#define PLAY_TICK_MS 100

typedef struct
{
  VigieReplayBar *bar;
  VigieMapLayer  *layer;
  GListModel     *live;         /* the feed's store */
  char           *feed_id;
  GPtrArray      *entities;     /* the feed's entities when replay started */
  VigieStore     *store;        /* what the layer shows in replay */
  VigieSnapshot  *previous;
  GCancellable   *cancellable;
  gint64          shown;        /* the instant the store shows; 0: none */
  gint64          requested;    /* the instant being built */
  gboolean        busy;
} Replayed;

struct _VigieReplayBar
{
  GtkWidget     parent_instance;

  VigieHistory *history;
  GListModel   *layers;
  GPtrArray    *replayed;      /* Replayed, one per layer of a feed */

  GtkWidget    *box;
  GtkWidget    *start_button;
  GtkWidget    *revealer;
  GtkWidget    *banner;
  GtkWidget    *scale;
  GtkWidget    *play_button;
  GtkWidget    *speed_buttons[3];
  GtkWidget    *export_button;
  GtkWidget    *day_picker;
  GtkFileChooserNative *chooser;
  GCancellable *export_cancellable;
  char         *banner_text;

  gint64        from, to;      /* the slider's range */
  gint64        day;           /* the start of the day replayed; 0: the last 24 hours */
  double        time;          /* the instant replayed, fractional while playing */
  gint64        wanted;        /* the five-minute instant asked for */
  guint         speed;
  guint         play_id;
  gboolean      replaying;
  gboolean      setting_scale;
};

G_DEFINE_FINAL_TYPE (VigieReplayBar, vigie_replay_bar, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_REPLAYING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void request (VigieReplayBar *self, Replayed *replayed);

static void
replayed_free (Replayed *replayed)
{
  g_cancellable_cancel (replayed->cancellable);
  g_clear_object (&replayed->cancellable);
  g_clear_object (&replayed->layer);
  g_clear_object (&replayed->live);
  g_free (replayed->feed_id);
  g_clear_pointer (&replayed->entities, g_ptr_array_unref);
  g_clear_object (&replayed->store);
  g_clear_pointer (&replayed->previous, vigie_snapshot_unref);
  g_free (replayed);
}

static void
update_banner (VigieReplayBar *self)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local ((gint64) self->time);
  /* Translators: a strftime format: the day and time an earlier day is
   * replayed at, in the banner: "Replay — Mon 30 Nov, 17:40". */
  const char *format = self->day != 0 ? _("%a %-d %b, %H:%M") : "%H:%M";
  g_autofree char *clock = local != NULL ? g_date_time_format (local, format) : g_strdup ("");

  g_free (self->banner_text);
  /* Translators: shown over the map while the past is replayed; %s is a time, "17:40". */
  self->banner_text = g_strdup_printf (_("Replay — %s"), clock);
  gtk_label_set_label (GTK_LABEL (self->banner), self->banner_text);
}

static void
on_built_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Replayed *replayed = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieSnapshot) snapshot = NULL;
  VigieReplayBar *self;
  gint64 built;

  snapshot = vigie_history_replay_build_finish (VIGIE_HISTORY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = replayed->bar;
  replayed->busy = FALSE;
  built = replayed->requested;
  if (snapshot == NULL)
    {
      g_message ("Replay of %s: %s", replayed->feed_id, error->message);
      return;
    }

  /* As a feed's update: the layer builds its items in its worker. */
  vigie_store_apply (replayed->store, snapshot, vigie_clock_now ());
  g_clear_pointer (&replayed->previous, vigie_snapshot_unref);
  replayed->previous = g_steal_pointer (&snapshot);
  replayed->shown = built;

  /* Playing went on meanwhile: the latest instant only. */
  if (self->replaying && self->wanted != replayed->shown)
    request (self, replayed);
}

static void
request (VigieReplayBar *self,
         Replayed       *replayed)
{
  if (replayed->busy || replayed->shown == self->wanted)
    return;

  replayed->busy = TRUE;
  replayed->requested = self->wanted;
  vigie_history_replay_build_async (self->history, replayed->feed_id, replayed->entities,
                                    replayed->previous, self->wanted, replayed->cancellable,
                                    on_built_cb, replayed);
}

static void
request_all (VigieReplayBar *self)
{
  for (guint i = 0; self->replayed != NULL && i < self->replayed->len; i++)
    request (self, g_ptr_array_index (self->replayed, i));
}

static void
set_time_internal (VigieReplayBar *self,
                   double          time)
{
  gint64 wanted;

  self->time = CLAMP (time, (double) self->from, (double) self->to);
  wanted = (gint64) self->time - ((gint64) self->time % VIGIE_HISTORY_REPLAY_STEP_S);

  self->setting_scale = TRUE;
  gtk_range_set_value (GTK_RANGE (self->scale), self->time);
  self->setting_scale = FALSE;
  update_banner (self);

  if (wanted != self->wanted)
    {
      self->wanted = wanted;
      request_all (self);
    }
}

static void
on_scale_changed_cb (VigieReplayBar *self)
{
  double value;

  if (self->setting_scale)
    return;

  /* The slider moves by five minutes. */
  value = gtk_range_get_value (GTK_RANGE (self->scale));
  value -= fmod (value - self->from, VIGIE_HISTORY_REPLAY_STEP_S);
  set_time_internal (self, value);
}

static gboolean
play_tick_cb (gpointer data)
{
  VigieReplayBar *self = data;

  set_time_internal (self, self->time + self->speed * PLAY_TICK_MS / 1000.0);
  if (self->time >= self->to)
    {
      vigie_replay_bar_set_playing (self, FALSE);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
on_play_clicked_cb (VigieReplayBar *self)
{
  vigie_replay_bar_set_playing (self, self->play_id == 0);
}

static void
on_speed_toggled_cb (VigieReplayBar *self,
                     GtkToggleButton *button)
{
  if (gtk_toggle_button_get_active (button))
    self->speed = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "vigie-speed"));
}

/* The keys of a layer's items in its view: the visible items. One pass,
 * on a click. */
static GPtrArray *
visible_keys (Replayed *replayed)
{
  GtkWidget *widget = GTK_WIDGET (replayed->layer);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (replayed->layer));
  GListModel *model = G_LIST_MODEL (replayed->store);
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  double lat1, lon1, lat2, lon2;
  guint n = g_list_model_get_n_items (model);

  g_ptr_array_add (keys, g_strdup (replayed->feed_id));
  shumate_viewport_widget_coords_to_location (viewport, widget, 0, 0, &lat1, &lon1);
  shumate_viewport_widget_coords_to_location (viewport, widget, gtk_widget_get_width (widget),
                                              gtk_widget_get_height (widget), &lat2, &lon2);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieEntity) entity = g_list_model_get_item (model, i);
      double lat = vigie_entity_get_latitude (entity);
      double lon = vigie_entity_get_longitude (entity);

      if (lat <= MAX (lat1, lat2) && lat >= MIN (lat1, lat2) &&
          lon >= MIN (lon1, lon2) && lon <= MAX (lon1, lon2))
        g_ptr_array_add (keys, g_strdup (vigie_entity_get_key (entity)));
    }
  g_ptr_array_add (keys, NULL);

  return keys;
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!vigie_history_export_finish (VIGIE_HISTORY (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      VigieReplayBar *self = user_data;

      /* Translators: %s is why, from the system. */
      g_autofree char *message = g_strdup_printf (_("The history could not be exported: %s"), error->message);

      g_message ("%s", message);
      vigie_tooltip_set_text (self->export_button, message);
    }
}

/**
 * vigie_replay_bar_export:
 * @file: the CSV file
 *
 * Writes, in a worker, the history of the items each layer shows in its
 * view, from the instant replayed until now.
 */
void
vigie_replay_bar_export (VigieReplayBar *self,
                         GFile          *file)
{
  g_autoptr(GPtrArray) selection = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_return_if_fail (VIGIE_IS_REPLAY_BAR (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!self->replaying)
    return;

  for (guint i = 0; i < self->replayed->len; i++)
    {
      GPtrArray *keys = visible_keys (g_ptr_array_index (self->replayed, i));

      g_ptr_array_add (selection, g_ptr_array_free (keys, FALSE));
    }

  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  self->export_cancellable = g_cancellable_new ();
  vigie_history_export_async (self->history, selection, self->wanted, vigie_clock_now (), file,
                              self->export_cancellable, on_exported_cb, self);
}

static void
on_chooser_response_cb (VigieReplayBar *self,
                        int             response)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));

      if (file != NULL)
        vigie_replay_bar_export (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
on_export_clicked_cb (VigieReplayBar *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (self->wanted);
  g_autofree char *stamp = g_date_time_format (local, "%Y-%m-%d-%H%M");
  g_autofree char *name = g_strdup_printf ("vigie-%s.csv", stamp);

  g_clear_object (&self->chooser);
  /* The file chooser portal in the Flatpak. */
  self->chooser = gtk_file_chooser_native_new (_("Export the History"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
vigie_replay_bar_dispose (GObject *object)
{
  VigieReplayBar *self = (VigieReplayBar *)object;

  vigie_replay_bar_back_to_live (self);
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (vigie_replay_bar_parent_class)->dispose (object);
}

static void
vigie_replay_bar_finalize (GObject *object)
{
  VigieReplayBar *self = (VigieReplayBar *)object;

  g_clear_object (&self->history);
  g_clear_object (&self->layers);
  g_free (self->banner_text);

  G_OBJECT_CLASS (vigie_replay_bar_parent_class)->finalize (object);
}

static void
vigie_replay_bar_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VigieReplayBar *self = VIGIE_REPLAY_BAR (object);

  switch (prop_id)
    {
    case PROP_REPLAYING:
      g_value_set_boolean (value, self->replaying);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_replay_bar_class_init (VigieReplayBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_replay_bar_dispose;
  object_class->finalize = vigie_replay_bar_finalize;
  object_class->get_property = vigie_replay_bar_get_property;

  /**
   * VigieReplayBar:replaying:
   *
   * Whether the map shows the history rather than the feeds.
   */
  properties[PROP_REPLAYING] =
    g_param_spec_boolean ("replaying", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "replaybar");
}

/* Three linked toggles: each a plain button for screen readers. */
static GtkWidget *
speed_buttons_new (VigieReplayBar *self)
{
  /* Translators: replay speeds: as fast as the day went, a minute a second, ten minutes a second. */
  const char *names[] = { N_("1×"), N_("60×"), N_("600×") };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *first = NULL;

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == G_N_ELEMENTS (speeds));
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(names[i]));

      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
      else
        first = button;
      g_object_set_data (G_OBJECT (button), "vigie-speed", GUINT_TO_POINTER (speeds[i]));
      gtk_widget_set_tooltip_text (button, _("Replay speed"));
      g_signal_connect_swapped (button, "toggled", G_CALLBACK (on_speed_toggled_cb), self);
      self->speed_buttons[i] = button;
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (first), TRUE);

  return box;
}

static void
vigie_replay_bar_init (VigieReplayBar *self)
{
  GtkWidget *panel, *row, *live_button;

  gtk_widget_set_name (GTK_WIDGET (self), "replay-bar");
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  self->speed = speeds[0];
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  /* Live: one small button. */
  self->start_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->start_button),
                        g_object_new (ADW_TYPE_BUTTON_CONTENT,
                                      "icon-name", "document-open-recent-symbolic",
                                      "label", _("Replay the Last Day"),
                                      NULL));
  gtk_widget_set_halign (self->start_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->start_button, "osd");
  gtk_widget_add_css_class (self->start_button, "pill");
  gtk_widget_add_css_class (self->start_button, "small");
  gtk_widget_set_tooltip_text (self->start_button, _("Show the map as it was at any time of the last 24 hours"));
  g_signal_connect_swapped (self->start_button, "clicked", G_CALLBACK (vigie_replay_bar_start), self);
  gtk_box_append (GTK_BOX (self->box), self->start_button);

  /* Replaying: the banner and its controls. */
  self->revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_box_append (GTK_BOX (self->box), self->revealer);

  panel = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (panel, 680, -1);
  gtk_widget_add_css_class (panel, "vigie-replay-banner");
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), panel);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (panel), row);
  self->banner = gtk_label_new (NULL);
  gtk_widget_set_hexpand (self->banner, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->banner), 0);
  gtk_widget_add_css_class (self->banner, "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->banner),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("The map shows the past, not now"), -1);
  gtk_box_append (GTK_BOX (row), self->banner);
  live_button = gtk_button_new_with_mnemonic (_("Back to _Live"));
  gtk_widget_add_css_class (live_button, "pill");
  gtk_widget_set_valign (live_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (live_button, "clicked", G_CALLBACK (vigie_replay_bar_back_to_live), self);
  gtk_box_append (GTK_BOX (row), live_button);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (panel), row);
  self->play_button = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button, _("Play"));
  gtk_widget_add_css_class (self->play_button, "circular");
  g_signal_connect_swapped (self->play_button, "clicked", G_CALLBACK (on_play_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), self->play_button);
  gtk_box_append (GTK_BOX (row), speed_buttons_new (self));
  self->scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, NULL);
  gtk_widget_set_hexpand (self->scale, TRUE);
  gtk_scale_set_draw_value (GTK_SCALE (self->scale), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scale),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Time replayed"), -1);
  g_signal_connect_swapped (self->scale, "value-changed", G_CALLBACK (on_scale_changed_cb), self);
  gtk_box_append (GTK_BOX (row), self->scale);
  self->day_picker = vigie_replay_day_new ();
  g_signal_connect_swapped (self->day_picker, "day-chosen", G_CALLBACK (vigie_replay_bar_show_day), self);
  gtk_box_append (GTK_BOX (row), self->day_picker);
  self->export_button = gtk_button_new_from_icon_name ("document-save-as-symbolic");
  gtk_widget_set_tooltip_text (self->export_button,
                               _("Export the visible items’ history, from the time shown until now, as CSV"));
  gtk_widget_add_css_class (self->export_button, "flat");
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (on_export_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), self->export_button);
}

/**
 * vigie_replay_bar_new:
 * @layers: (element-type VigieMapLayer): the map's layers
 */
GtkWidget *
vigie_replay_bar_new (VigieHistory *history,
                      GListModel   *layers)
{
  VigieReplayBar *self;

  g_return_val_if_fail (history == NULL || VIGIE_IS_HISTORY (history), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (layers), NULL);

  self = g_object_new (VIGIE_TYPE_REPLAY_BAR, NULL);
  self->history = history != NULL ? g_object_ref (history) : NULL;
  self->layers = g_object_ref (layers);
  gtk_widget_set_visible (self->start_button, history != NULL);
  vigie_replay_day_set_history (VIGIE_REPLAY_DAY (self->day_picker), history);

  return GTK_WIDGET (self);
}

gboolean
vigie_replay_bar_get_replaying (VigieReplayBar *self)
{
  g_return_val_if_fail (VIGIE_IS_REPLAY_BAR (self), FALSE);

  return self->replaying;
}

static void
set_marks (VigieReplayBar *self)
{
  gtk_scale_clear_marks (GTK_SCALE (self->scale));
  for (gint64 t = self->from - self->from % 3600 + 3600; t < self->to; t += 3600)
    {
      g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (t);
      g_autofree char *label = NULL;

      /* Every six hours a time, every hour a tick. */
      if (local != NULL && g_date_time_get_hour (local) % 6 == 0)
        label = g_date_time_format (local, "%H:%M");
      gtk_scale_add_mark (GTK_SCALE (self->scale), t, GTK_POS_BOTTOM, label);
    }
}

/**
 * vigie_replay_bar_start:
 *
 * Shows the map an hour ago, from the history; the feeds go on.
 */
void
vigie_replay_bar_start (VigieReplayBar *self)
{
  gint64 now;
  guint n;

  g_return_if_fail (VIGIE_IS_REPLAY_BAR (self));

  if (self->replaying || self->history == NULL)
    return;

  now = vigie_clock_now ();
  self->to = now - now % VIGIE_HISTORY_REPLAY_STEP_S;
  self->from = self->to - VIGIE_HISTORY_REPLAY_SPAN_S;
  self->day = 0;
  self->replaying = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLAYING]);
  self->wanted = 0;
  self->replayed = g_ptr_array_new_with_free_func ((GDestroyNotify) replayed_free);

  /* Each layer's places and names as they are now: one copy of the
   * array, the values come from the history at each instant. */
  n = g_list_model_get_n_items (self->layers);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieMapLayer) layer = g_list_model_get_item (self->layers, i);
      g_autoptr(VigieFeed) feed = NULL;
      GListModel *live = vigie_map_layer_get_model (layer);
      Replayed *replayed;

      g_object_get (layer, "feed", &feed, NULL);
      if (feed == NULL || !VIGIE_IS_STORE (live))
        continue;

      replayed = g_new0 (Replayed, 1);
      replayed->bar = self;
      replayed->layer = g_object_ref (layer);
      replayed->live = g_object_ref (live);
      replayed->feed_id = g_strdup (vigie_feed_get_id (feed));
      replayed->entities = vigie_store_dup_entities (VIGIE_STORE (live));
      replayed->store = vigie_store_new ();
      replayed->cancellable = g_cancellable_new ();
      vigie_map_layer_set_model (layer, G_LIST_MODEL (replayed->store));
      g_ptr_array_add (self->replayed, replayed);
    }

  self->setting_scale = TRUE;
  gtk_range_set_range (GTK_RANGE (self->scale), self->from, self->to);
  gtk_range_set_increments (GTK_RANGE (self->scale), VIGIE_HISTORY_REPLAY_STEP_S, 3600);
  self->setting_scale = FALSE;
  set_marks (self);

  gtk_widget_set_visible (self->start_button, FALSE);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "replaying");
  set_time_internal (self, self->to - 3600);
}

/**
 * vigie_replay_bar_show_day:
 * @day: the start of a day, Unix seconds; 0 for the last 24 hours
 *
 * Replays @day, from 08:00, the slider over the whole day (until now for
 * today). Starts replaying if it was live.
 */
void
vigie_replay_bar_show_day (VigieReplayBar *self,
                           gint64          day)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  gint64 now, last;

  g_return_if_fail (VIGIE_IS_REPLAY_BAR (self));

  if (self->history == NULL)
    return;
  if (!self->replaying)
    vigie_replay_bar_start (self);
  if (day == 0)
    {
      if (self->day != 0)
        {
          vigie_replay_bar_back_to_live (self);
          vigie_replay_bar_start (self);
        }
      return;
    }

  vigie_replay_bar_set_playing (self, FALSE);
  now = vigie_clock_now ();
  last = now - now % VIGIE_HISTORY_REPLAY_STEP_S;
  start = g_date_time_new_from_unix_local (day);
  /* A day is not 24 h where the clocks change. */
  end = g_date_time_add_days (start, 1);
  self->day = day;
  self->from = day;
  self->to = MAX (MIN (g_date_time_to_unix (end), last), day + VIGIE_HISTORY_REPLAY_STEP_S);

  self->setting_scale = TRUE;
  gtk_range_set_range (GTK_RANGE (self->scale), self->from, self->to);
  self->setting_scale = FALSE;
  set_marks (self);
  set_time_internal (self, MIN (self->from + 8 * 3600, self->to));
}

/* For tests and screenshots: the date picker beside the slider. */
GtkWidget *
vigie_replay_bar_get_day_picker (VigieReplayBar *self)
{
  g_return_val_if_fail (VIGIE_IS_REPLAY_BAR (self), NULL);

  return self->day_picker;
}

/**
 * vigie_replay_bar_back_to_live:
 *
 * Gives each layer its feed's store again: what the feeds polled
 * meanwhile shows at once.
 */
void
vigie_replay_bar_back_to_live (VigieReplayBar *self)
{
  g_return_if_fail (VIGIE_IS_REPLAY_BAR (self));

  if (!self->replaying)
    return;

  vigie_replay_bar_set_playing (self, FALSE);
  self->replaying = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLAYING]);
  self->day = 0;
  for (guint i = 0; i < self->replayed->len; i++)
    {
      Replayed *replayed = g_ptr_array_index (self->replayed, i);

      g_cancellable_cancel (replayed->cancellable);
      /* Unless something else took the layer meanwhile. */
      if (vigie_map_layer_get_model (replayed->layer) == G_LIST_MODEL (replayed->store))
        vigie_map_layer_set_model (replayed->layer, replayed->live);
    }
  g_clear_pointer (&self->replayed, g_ptr_array_unref);

  if (self->revealer != NULL)
    {
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), FALSE);
      gtk_widget_set_visible (self->start_button, TRUE);
      gtk_widget_remove_css_class (GTK_WIDGET (self), "replaying");
    }
}

gint64
vigie_replay_bar_get_time (VigieReplayBar *self)
{
  g_return_val_if_fail (VIGIE_IS_REPLAY_BAR (self), 0);

  return self->wanted;
}

void
vigie_replay_bar_set_time (VigieReplayBar *self,
                           gint64          time)
{
  g_return_if_fail (VIGIE_IS_REPLAY_BAR (self));
  g_return_if_fail (self->replaying);

  set_time_internal (self, time);
}

void
vigie_replay_bar_set_speed (VigieReplayBar *self,
                            guint           speed)
{
  g_return_if_fail (VIGIE_IS_REPLAY_BAR (self));

  for (guint i = 0; i < G_N_ELEMENTS (speeds); i++)
    if (speeds[i] == speed)
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->speed_buttons[i]), TRUE);
}

void
vigie_replay_bar_set_playing (VigieReplayBar *self,
                              gboolean        playing)
{
  g_return_if_fail (VIGIE_IS_REPLAY_BAR (self));

  playing = playing && self->replaying;
  if (playing == (self->play_id != 0))
    return;

  if (playing)
    {
      /* At the end, from the start again. */
      if (self->time >= self->to)
        set_time_internal (self, self->from);
      self->play_id = g_timeout_add (PLAY_TICK_MS, play_tick_cb, self);
    }
  else
    g_clear_handle_id (&self->play_id, g_source_remove);

  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            playing ? "media-playback-pause-symbolic" : "media-playback-start-symbolic");
  vigie_tooltip_set_text (self->play_button, playing ? _("Pause") : _("Play"));
}

/* For tests: layers whose store does not show the instant asked for yet. */
guint
vigie_replay_bar_get_n_pending (VigieReplayBar *self)
{
  guint n = 0;

  g_return_val_if_fail (VIGIE_IS_REPLAY_BAR (self), 0);

  for (guint i = 0; self->replayed != NULL && i < self->replayed->len; i++)
    n += ((Replayed *) g_ptr_array_index (self->replayed, i))->shown != self->wanted;

  return n;
}

const char *
vigie_replay_bar_get_banner (VigieReplayBar *self)
{
  g_return_val_if_fail (VIGIE_IS_REPLAY_BAR (self), NULL);

  return self->replaying ? self->banner_text : NULL;
}

/**
 * vigie_replay_bar_get_start_button:
 * @self: a #VigieReplayBar
 *
 * Returns: (transfer none): the button that starts a replay, an
 *   operator's tool the meeting mode hides
 */
GtkWidget *
vigie_replay_bar_get_start_button (VigieReplayBar *self)
{
  g_return_val_if_fail (VIGIE_IS_REPLAY_BAR (self), NULL);

  return self->start_button;
}
