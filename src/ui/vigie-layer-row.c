/* vigie-layer-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-layer-row"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-a11y.h"
#include "vigie-clock.h"
#include "vigie-feed-summary.h"
#include "vigie-filter-menu.h"
#include "vigie-layer-row.h"
#include "vigie-layer-summary.h"
#include "vigie-number.h"
#include "vigie-symbol-renderer.h"
#include "vigie-tap.h"
#include "vigie-tooltip.h"

/* One map layer in the layers panel: its icon and name, a switch, the
 * state of its feed, a button for its list beside the map; expanded, its
 * filters by state, its opacity, and a legend that shows the very
 * symbols the map draws, each explained in words. The filters are below:
 * in a 340 px sidebar, the header's buttons left the name 70 px, three
 * lines of French. The name takes two lines at most, whole in its
 * tooltip. */

#define TITLE_LINES 2

struct _VigieLayerRow
{
  AdwExpanderRow  parent_instance;

  VigieMapLayer  *layer;
  VigieFeed      *feed;

  GtkImage       *icon;
  GtkWidget      *toggle;
  GtkWidget      *list_button;
  GtkWidget      *filter_row;
  GtkWidget      *ghosts_row;
  GtkWidget      *opacity_scale;
  gboolean        legend_built;

  /* The trams the timetable expects and no vehicle reports, listed by a
   * tap in the feed's worker with each update. */
  struct GhostWatch *ghost_watch;
  guint           ghost_tap_id;
  char           *ghosts;
  guint           n_ghosts;
};

/* What the tap shares with the row: @feed_id is read in workers and
 * never changes; @row is main thread only, cleared when the row goes. */
typedef struct GhostWatch
{
  char          *feed_id;
  VigieLayerRow *row;
} GhostWatch;

typedef struct
{
  char  *text;
  guint  n;
} GhostList;

G_DEFINE_FINAL_TYPE (VigieLayerRow, vigie_layer_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_LAYER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/*
 * Auxiliary methods
 */

static GtkWidget *
make_legend_row (const VigieLegendItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  int extent = (int) vigie_symbol_get_extent (&item->symbol);
  GtkWidget *area = vigie_symbol_area_new (&item->symbol, item->title, MAX (extent, 40), extent);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), item->description);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), area);
  gtk_widget_add_css_class (row, "vigie-legend-row");

  return row;
}

static gboolean
shows_ghosts (VigieLayerRow *self)
{
  VigieFeedKind kind = vigie_map_layer_get_kind (self->layer);

  return kind == VIGIE_FEED_KIND_TRAMS || kind == VIGIE_FEED_KIND_TRAINS;
}

static void
ghost_list_free (gpointer data)
{
  GhostList *list = data;

  g_free (list->text);
  g_free (list);
}

static void
ghost_watch_free (gpointer data)
{
  GhostWatch *watch = data;

  g_free (watch->feed_id);
  g_free (watch);
}

/* In the feed's worker: the walk over every tram, away from the frames. */
static gpointer
list_ghosts_work (const VigieTapInput *input,
                  gpointer             user_data)
{
  GhostWatch *watch = user_data;
  GhostList *list;

  if (g_strcmp0 (input->feed_id, watch->feed_id) != 0 ||
      vigie_snapshot_get_incremental (input->current))
    return NULL;

  list = g_new0 (GhostList, 1);
  list->text = vigie_style_list_snapshot_ghosts (input->current, 12, &list->n);

  return list;
}

static void update_state (VigieLayerRow *self);

/* The legend's rows are made when the row is first opened: closed, they
 * are still measured (the expander's revealer sizes its child), and their
 * long wrapped explanations, a dozen a layer, were most of the text laid
 * out before the window's first frame. */
static void
build_legend (VigieLayerRow *self)
{
  g_autoptr(GPtrArray) legend = NULL;

  if (self->legend_built || !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)))
    return;

  self->legend_built = TRUE;
  legend = vigie_style_legend (vigie_map_layer_get_kind (self->layer),
                               vigie_map_layer_get_thresholds (self->layer));
  for (guint i = 0; i < legend->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (self), make_legend_row (g_ptr_array_index (legend, i)));
}

static void
list_ghosts_apply (const char *feed_id,
                   gpointer    result,
                   gpointer    user_data)
{
  GhostWatch *watch = user_data;
  GhostList *list = result;

  if (list == NULL)
    return;

  if (watch->row != NULL)
    {
      g_free (watch->row->ghosts);
      watch->row->ghosts = g_steal_pointer (&list->text);
      watch->row->n_ghosts = list->n;
      update_state (watch->row);
    }

  ghost_list_free (list);
}

static void
update_state (VigieLayerRow *self)
{
  VigieFeed *feed = self->feed;
  g_autofree char *subtitle = NULL;
  guint n_ghosts = self->n_ghosts;

  g_assert (feed != NULL);

  /* A feed turned off is no active layer: its switch is off and cannot
   * be turned on here (the layer hides itself). */
  gtk_widget_set_sensitive (self->toggle, vigie_feed_get_enabled (feed));
  vigie_tooltip_set_text (self->toggle, vigie_feed_get_enabled (feed)
                                             ? _("Show on the map")
                                             : _("The feed is turned off in Preferences"));

  /* A filtered layer says what it keeps of what: "12 of 40 stations". */
  if (vigie_map_layer_get_filter (self->layer) != VIGIE_FILTER_NONE)
    {
      guint n_matching, n_targets;
      g_autofree char *counts = NULL;
      g_autofree char *filters = NULL;
      g_autofree char *shown = NULL;

      vigie_map_layer_get_filter_counts (self->layer, &n_matching, &n_targets);
      counts = vigie_filter_format_counts (vigie_map_layer_get_kind (self->layer), n_matching, n_targets);
      filters = vigie_filter_describe (vigie_map_layer_get_filter (self->layer), vigie_map_layer_get_kind (self->layer));
      /* Translators: a filtered layer's counts, then its filters: "12 of 40 stations, filtered: Empty stations" */
      shown = g_strdup_printf (_("%s, filtered: %s"), counts, filters);
      subtitle = vigie_layer_summary_subtitle_with_counts (feed, vigie_clock_now (), shown);
    }
  else
    subtitle = vigie_layer_summary_subtitle (feed, vigie_clock_now ());

  /* Trams the timetable expects but no vehicle reports: said at once. */
  gtk_widget_set_visible (self->ghosts_row, n_ghosts > 0 && vigie_feed_get_enabled (feed));
  if (shows_ghosts (self) && vigie_feed_get_enabled (feed))
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->ghosts_row), self->ghosts ? self->ghosts : "");
      if (n_ghosts > 0)
        {
          g_autofree char *n_ghosts_text = vigie_format_count (n_ghosts);
          g_autofree char *missing = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s missing", "%s missing", n_ghosts),
                                                      n_ghosts_text);
          char *with = g_strdup_printf ("%s · %s", subtitle, missing);

          g_free (subtitle);
          subtitle = with;
        }
    }

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

/*
 * Callbacks
 */

static void
on_feed_notify_cb (VigieLayerRow *self)
{
  update_state (self);
}

/*
 * Overrides
 */

static void
vigie_layer_row_constructed (GObject *object)
{
  VigieLayerRow *self = (VigieLayerRow *)object;
  GtkWidget *filter_menu;

  G_OBJECT_CLASS (vigie_layer_row_parent_class)->constructed (object);

  g_assert (self->layer != NULL);

  g_object_bind_property (self->layer, "icon-name", self->icon, "icon-name", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->layer, "visible", self->toggle, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  self->feed = vigie_map_layer_get_feed (self->layer);
  if (self->feed != NULL)
    {
      g_object_ref (self->feed);
      g_signal_connect_object (self->feed, "notify::state", G_CALLBACK (on_feed_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->feed, "notify::enabled", G_CALLBACK (on_feed_notify_cb), self, G_CONNECT_SWAPPED);
      /* Data turns old without any event: the freshness tick says so. */
      g_signal_connect_object (self->feed, "notify::freshness", G_CALLBACK (on_feed_notify_cb), self, G_CONNECT_SWAPPED);
      /* What the map shows is what the store holds. */
      g_signal_connect_object (vigie_feed_get_store (self->feed), "notify::n-items",
                               G_CALLBACK (on_feed_notify_cb), self, G_CONNECT_SWAPPED);
      if (shows_ghosts (self))
        {
          self->ghost_watch = g_new0 (GhostWatch, 1);
          self->ghost_watch->feed_id = g_strdup (vigie_feed_get_id (self->feed));
          self->ghost_watch->row = self;
          self->ghost_tap_id = vigie_tap_add (list_ghosts_work, list_ghosts_apply, ghost_list_free,
                                              self->ghost_watch, ghost_watch_free);
        }
      /* The layer's own counts, made with its items in a worker. */
      g_signal_connect_object (self->layer, "notify::filter", G_CALLBACK (on_feed_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->layer, "notify::n-matching", G_CALLBACK (on_feed_notify_cb), self, G_CONNECT_SWAPPED);
      update_state (self);

      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->list_button), "s", vigie_feed_get_id (self->feed));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->list_button), "list.show");
      gtk_widget_set_visible (self->list_button, TRUE);
    }

  /* Filters by state, first of the rows below. */
  filter_menu = vigie_filter_menu_new (self->layer);
  gtk_widget_set_valign (filter_menu, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->filter_row), filter_menu);

  g_object_bind_property (self->layer, "opacity",
                          gtk_range_get_adjustment (GTK_RANGE (self->opacity_scale)), "value",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  g_signal_connect (self, "notify::expanded", G_CALLBACK (build_legend), NULL);
  build_legend (self);
}

static void
vigie_layer_row_dispose (GObject *object)
{
  VigieLayerRow *self = (VigieLayerRow *)object;

  /* The tap may outlive the row in a job under way: it no longer
   * reaches it. */
  if (self->ghost_watch != NULL)
    {
      self->ghost_watch->row = NULL;
      self->ghost_watch = NULL;
      g_clear_handle_id (&self->ghost_tap_id, vigie_tap_remove);
    }
  g_clear_pointer (&self->ghosts, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_LAYER_ROW);
  g_clear_object (&self->feed);
  g_clear_object (&self->layer);

  G_OBJECT_CLASS (vigie_layer_row_parent_class)->dispose (object);
}

static void
vigie_layer_row_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VigieLayerRow *self = VIGIE_LAYER_ROW (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      g_value_set_object (value, self->layer);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_layer_row_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VigieLayerRow *self = VIGIE_LAYER_ROW (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      self->layer = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_layer_row_class_init (VigieLayerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vigie_layer_row_constructed;
  object_class->dispose = vigie_layer_row_dispose;
  object_class->get_property = vigie_layer_row_get_property;
  object_class->set_property = vigie_layer_row_set_property;

  properties [PROP_LAYER] =
    g_param_spec_object ("layer", NULL, NULL,
                         VIGIE_TYPE_MAP_LAYER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/vigie-layer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieLayerRow, icon);
  gtk_widget_class_bind_template_child (widget_class, VigieLayerRow, toggle);
  gtk_widget_class_bind_template_child (widget_class, VigieLayerRow, list_button);
  gtk_widget_class_bind_template_child (widget_class, VigieLayerRow, filter_row);
  gtk_widget_class_bind_template_child (widget_class, VigieLayerRow, ghosts_row);
  gtk_widget_class_bind_template_child (widget_class, VigieLayerRow, opacity_scale);
}

static void
vigie_layer_row_init (VigieLayerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The name beside the icon says it all. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
}

/* libadwaita 1.2's expander row has no title-lines (1.3): its header is
 * an action row, which has. */
static AdwActionRow *
find_header (VigieLayerRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  while ((widget = gtk_widget_get_first_child (widget)) != NULL)
    if (ADW_IS_ACTION_ROW (widget))
      return ADW_ACTION_ROW (widget);

  return NULL;
}

static void
on_title_cb (VigieLayerRow *self)
{
  AdwActionRow *header = find_header (self);

  if (header != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (header), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self)));
}

static void
limit_title (VigieLayerRow *self)
{
  AdwActionRow *header = find_header (self);

  if (header == NULL)
    return;

  adw_action_row_set_title_lines (header, TITLE_LINES);
  g_signal_connect (self, "notify::title", G_CALLBACK (on_title_cb), NULL);
  on_title_cb (self);
}

/*
 * Public API
 */

/**
 * vigie_layer_row_new:
 * @layer: a map layer
 *
 * Returns: (transfer floating): a row that shows @layer and its legend
 */
GtkWidget *
vigie_layer_row_new (VigieMapLayer *layer)
{
  VigieLayerRow *self;

  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (layer), NULL);

  self = g_object_new (VIGIE_TYPE_LAYER_ROW,
                       "layer", layer,
                       NULL);

  /* Not in constructed(): notifications wait until construction ends and
   * then come newest first, so the title would reach the inner label
   * before use-markup does, and be read as markup. */
  g_object_bind_property (layer, "title", self, "title", G_BINDING_SYNC_CREATE);
  vigie_a11y_name_expander_row (ADW_EXPANDER_ROW (self));
  limit_title (self);

  return GTK_WIDGET (self);
}

VigieMapLayer *
vigie_layer_row_get_layer (VigieLayerRow *self)
{
  g_return_val_if_fail (VIGIE_IS_LAYER_ROW (self), NULL);

  return self->layer;
}
