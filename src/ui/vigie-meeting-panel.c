/* vigie-meeting-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-meeting-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-clock.h"
#include "vigie-figure-tile.h"
#include "vigie-meeting-panel.h"
#include "vigie-profile.h"

/* The figures of the meeting mode, read from 4 metres: sized from the
 * screen's height (vigie_figures_text_sizes()), a third of its width. The
 * figures come counted from the feeds' workers (VigieCityFigures): here
 * only a few sentences are set. */

#define PANEL_SHARE     0.36   /* of the screen's width */
#define PANEL_MIN_WIDTH 360

struct _VigieMeetingPanel
{
  GtkWidget         parent_instance;

  VigieContext     *context;
  VigieCityFigures *figures;
  guint             clock_id;
  guint             resize_id;
  int               screen_width;
  int               screen_height;
  double            figure_px;
  double            label_px;
  gboolean          dirty;

  /* Template widgets */
  GtkWidget        *content;
  GtkLabel         *clock_label;
  GtkLabel         *data_time_label;
  GtkLabel         *demo_label;
  GtkLabel         *waiting_label;
  GtkBox           *tiles_box;
  GtkBox           *view_box;
  GtkLabel         *view_label;
  GtkProgressBar   *view_progress;
};

G_DEFINE_FINAL_TYPE (VigieMeetingPanel, vigie_meeting_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
apply_sizes (VigieMeetingPanel *self)
{
  vigie_figure_tile_size_label (self->clock_label, self->figure_px, TRUE);
  vigie_figure_tile_size_label (self->data_time_label, self->label_px, FALSE);
  vigie_figure_tile_size_label (self->demo_label, self->label_px, TRUE);
  vigie_figure_tile_size_label (self->waiting_label, self->label_px, FALSE);
  vigie_figure_tile_size_label (self->view_label, self->label_px, FALSE);

  for (GtkWidget *tile = gtk_widget_get_first_child (GTK_WIDGET (self->tiles_box)); tile != NULL;
       tile = gtk_widget_get_next_sibling (tile))
    vigie_figure_tile_set_text_sizes (VIGIE_FIGURE_TILE (tile), self->figure_px, self->label_px);
}

static void
update_clock (VigieMeetingPanel *self)
{
  g_autoptr(GDateTime) now = vigie_clock_new_now_local ();
  g_autofree char *clock = vigie_figures_format_time (now);
  gint64 data_time = vigie_city_figures_get_data_time (self->figures);

  gtk_label_set_text (self->clock_label, clock);

  if (data_time > 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (data_time);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      g_autofree char *text = vigie_figures_format_data_time (local);

      gtk_label_set_text (self->data_time_label, text);
    }
  else
    {
      gtk_label_set_text (self->data_time_label, "");
    }
}

static void
update_tiles (VigieMeetingPanel *self)
{
  g_autoptr(GPtrArray) sentences = vigie_city_figures_dup_sentences (self->figures);
  GtkWidget *tile = gtk_widget_get_first_child (GTK_WIDGET (self->tiles_box));

  self->dirty = FALSE;

  for (guint i = 0; i < sentences->len; i++)
    {
      if (tile == NULL)
        {
          GtkWidget *added = vigie_figure_tile_new ();

          vigie_figure_tile_set_text_sizes (VIGIE_FIGURE_TILE (added), self->figure_px, self->label_px);
          gtk_box_append (self->tiles_box, added);
          tile = added;
        }
      vigie_figure_tile_set_sentence (VIGIE_FIGURE_TILE (tile), g_ptr_array_index (sentences, i));
      tile = gtk_widget_get_next_sibling (tile);
    }

  while (tile != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (tile);

      gtk_box_remove (self->tiles_box, tile);
      tile = next;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->waiting_label), sentences->len == 0);
  update_clock (self);
}

static void
update_demo (VigieMeetingPanel *self)
{
  VigieProfile *profile = vigie_context_get_profile (self->context);
  g_autoptr(VigieCentre) centre = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->demo_label),
                          profile != NULL && vigie_profile_get_simulated (profile));

  /* "Parkings du centre": the centre the profile names, if any. */
  if (profile != NULL)
    centre = vigie_centre_new_from_key_file (vigie_profile_peek_key_file (profile), &error);
  if (error != NULL)
    g_message ("No centre: %s", error->message);
  vigie_city_figures_set_centre (self->figures, centre);
}

/*
 * Callbacks
 */

static void
on_figures_changed_cb (VigieMeetingPanel *self)
{
  /* Hidden, the panel only remembers to look again when shown. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    update_tiles (self);
  else
    self->dirty = TRUE;
}

static gboolean
clock_cb (gpointer user_data)
{
  update_clock (user_data);

  return G_SOURCE_CONTINUE;
}

static gboolean
resize_cb (gpointer user_data)
{
  VigieMeetingPanel *self = user_data;

  self->resize_id = 0;
  vigie_figures_text_sizes (self->screen_height, &self->figure_px, &self->label_px);
  apply_sizes (self);
  gtk_widget_set_size_request (GTK_WIDGET (self),
                               MAX (PANEL_MIN_WIDTH, (int) round (self->screen_width * PANEL_SHARE)), -1);

  return G_SOURCE_REMOVE;
}

/*
 * Overrides
 */

/* The text is sized for the screen the room looks at, the monitor's
 * lines rather than the window's (which a window manager may not have
 * made full screen yet); the panel takes a share of the window. */
static void
vigie_meeting_panel_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  VigieMeetingPanel *self = VIGIE_MEETING_PANEL (widget);
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  GdkMonitor *monitor = NULL;
  int screen_width = root != NULL ? gtk_widget_get_width (root) : width;
  int screen_height = root != NULL ? gtk_widget_get_height (root) : height;

  gtk_widget_allocate (self->content, width, height, baseline, NULL);

  if (surface != NULL)
    monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (widget), surface);
  if (monitor != NULL)
    {
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      if (geometry.height > 0)
        screen_height = geometry.height;
    }

  /* Changing sizes now would lay out again within this layout. */
  if ((screen_width != self->screen_width || screen_height != self->screen_height) && self->resize_id == 0)
    {
      self->screen_width = screen_width;
      self->screen_height = screen_height;
      self->resize_id = g_idle_add (resize_cb, self);
    }
}

/* As wide as its share of the window, not as its words on one line. */
static void
vigie_meeting_panel_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  VigieMeetingPanel *self = VIGIE_MEETING_PANEL (widget);

  gtk_widget_measure (self->content, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = *minimum;
}

static void
vigie_meeting_panel_map (GtkWidget *widget)
{
  VigieMeetingPanel *self = VIGIE_MEETING_PANEL (widget);

  GTK_WIDGET_CLASS (vigie_meeting_panel_parent_class)->map (widget);

  if (self->dirty)
    update_tiles (self);
  update_clock (self);
  if (self->clock_id == 0)
    self->clock_id = g_timeout_add_seconds (1, clock_cb, self);
}

static void
vigie_meeting_panel_unmap (GtkWidget *widget)
{
  VigieMeetingPanel *self = VIGIE_MEETING_PANEL (widget);

  g_clear_handle_id (&self->clock_id, g_source_remove);

  GTK_WIDGET_CLASS (vigie_meeting_panel_parent_class)->unmap (widget);
}

static void
vigie_meeting_panel_constructed (GObject *object)
{
  VigieMeetingPanel *self = (VigieMeetingPanel *)object;

  G_OBJECT_CLASS (vigie_meeting_panel_parent_class)->constructed (object);

  g_assert (VIGIE_IS_CONTEXT (self->context));

  self->figures = vigie_city_figures_new (vigie_context_get_feed_manager (self->context));
  g_signal_connect_object (self->figures, "changed", G_CALLBACK (on_figures_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::profile", G_CALLBACK (update_demo), self, G_CONNECT_SWAPPED);
  update_demo (self);
  self->dirty = TRUE;
}

static void
vigie_meeting_panel_dispose (GObject *object)
{
  VigieMeetingPanel *self = (VigieMeetingPanel *)object;

  g_clear_handle_id (&self->clock_id, g_source_remove);
  g_clear_handle_id (&self->resize_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_MEETING_PANEL);
  g_clear_object (&self->figures);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (vigie_meeting_panel_parent_class)->dispose (object);
}

static void
vigie_meeting_panel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VigieMeetingPanel *self = VIGIE_MEETING_PANEL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_meeting_panel_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  VigieMeetingPanel *self = VIGIE_MEETING_PANEL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_meeting_panel_class_init (VigieMeetingPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vigie_meeting_panel_constructed;
  object_class->dispose = vigie_meeting_panel_dispose;
  object_class->get_property = vigie_meeting_panel_get_property;
  object_class->set_property = vigie_meeting_panel_set_property;

  widget_class->size_allocate = vigie_meeting_panel_size_allocate;
  widget_class->measure = vigie_meeting_panel_measure;
  widget_class->map = vigie_meeting_panel_map;
  widget_class->unmap = vigie_meeting_panel_unmap;

  properties [PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         VIGIE_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VIGIE_TYPE_FIGURE_TILE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/vigie-meeting-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieMeetingPanel, content);
  gtk_widget_class_bind_template_child (widget_class, VigieMeetingPanel, clock_label);
  gtk_widget_class_bind_template_child (widget_class, VigieMeetingPanel, data_time_label);
  gtk_widget_class_bind_template_child (widget_class, VigieMeetingPanel, demo_label);
  gtk_widget_class_bind_template_child (widget_class, VigieMeetingPanel, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, VigieMeetingPanel, tiles_box);
  gtk_widget_class_bind_template_child (widget_class, VigieMeetingPanel, view_box);
  gtk_widget_class_bind_template_child (widget_class, VigieMeetingPanel, view_label);
  gtk_widget_class_bind_template_child (widget_class, VigieMeetingPanel, view_progress);
  gtk_widget_class_set_css_name (widget_class, "vigiemeetingpanel");
}

static void
vigie_meeting_panel_init (VigieMeetingPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  vigie_figures_text_sizes (1080, &self->figure_px, &self->label_px);
  apply_sizes (self);
}

/*
 * Public API
 */

GtkWidget *
vigie_meeting_panel_new (VigieContext *context)
{
  g_return_val_if_fail (VIGIE_IS_CONTEXT (context), NULL);

  return g_object_new (VIGIE_TYPE_MEETING_PANEL, "context", context, NULL);
}

/**
 * vigie_meeting_panel_get_figures:
 * @self: a #VigieMeetingPanel
 *
 * Returns: (transfer none): the figures it shows
 */
VigieCityFigures *
vigie_meeting_panel_get_figures (VigieMeetingPanel *self)
{
  g_return_val_if_fail (VIGIE_IS_MEETING_PANEL (self), NULL);

  return self->figures;
}

/**
 * vigie_meeting_panel_set_view:
 * @self: a #VigieMeetingPanel
 * @name: (nullable): the saved view shown, or %NULL when none rotates
 * @progress: 0–1, how far its time went
 * @paused: whether the rotation waits
 */
void
vigie_meeting_panel_set_view (VigieMeetingPanel *self,
                              const char        *name,
                              double             progress,
                              gboolean           paused)
{
  g_return_if_fail (VIGIE_IS_MEETING_PANEL (self));

  gtk_widget_set_visible (GTK_WIDGET (self->view_box), name != NULL);
  if (name == NULL)
    return;

  if (paused)
    {
      /* Translators: a saved view's name, and the rotation paused */
      g_autofree char *text = g_strdup_printf (_("%s (paused)"), name);

      gtk_label_set_text (self->view_label, text);
    }
  else
    {
      gtk_label_set_text (self->view_label, name);
    }
  gtk_progress_bar_set_fraction (self->view_progress, CLAMP (progress, 0.0, 1.0));
}

/**
 * vigie_meeting_panel_get_text_sizes:
 * @self: a #VigieMeetingPanel
 * @figure_px: (out): the figures' font size now
 * @label_px: (out): the words'
 */
void
vigie_meeting_panel_get_text_sizes (VigieMeetingPanel *self,
                                    double            *figure_px,
                                    double            *label_px)
{
  g_return_if_fail (VIGIE_IS_MEETING_PANEL (self));

  *figure_px = self->figure_px;
  *label_px = self->label_px;
}
