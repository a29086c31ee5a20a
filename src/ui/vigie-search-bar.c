/* vigie-search-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-search-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-map-layer.h"
#include "vigie-number.h"
#include "vigie-search-bar.h"

/* The header bar's search, as in GNOME Maps: type, and the things found
 * drop down below, grouped by layer with its symbol; Enter or a click
 * shows the first or the chosen one. The search runs in a worker
 * (vigie-search.c); each keystroke cancels the one before. */

struct _VigieSearchBar
{
  GtkWidget           parent_instance;

  VigieSearch        *search;
  GCancellable       *cancellable;
  GListStore         *results;
  GtkSingleSelection *selection;
  GListModel         *layers;         /* VigieMapLayer, whose filters it offers */
  GPtrArray          *filter_hits;    /* VigieSearchHit: those the text asks for */

  /* Template widgets */
  GtkSearchEntry     *entry;
  GtkPopover         *popover;
  GtkStack           *stack;
  GtkListView        *list_view;
};

G_DEFINE_FINAL_TYPE (VigieSearchBar, vigie_search_bar, GTK_TYPE_WIDGET)

enum {
  RESULT_ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/*
 * Results
 */

static VigieMapLayer *
find_layer (VigieSearchBar *self,
            const char     *feed_id)
{
  guint n = self->layers != NULL ? g_list_model_get_n_items (self->layers) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieMapLayer) layer = g_list_model_get_item (self->layers, i);
      VigieFeed *feed = vigie_map_layer_get_feed (layer);

      if (feed != NULL && g_strcmp0 (vigie_feed_get_id (feed), feed_id) == 0)
        return layer;
    }

  return NULL;
}

/* The filters whose words start with those typed ("vide" → "Stations
 * vides (12)"): a few per layer, tested here; their counts were made by
 * each layer's worker. */
static void
find_filters (VigieSearchBar *self,
              const char     *folded)
{
  guint n = self->layers != NULL ? g_list_model_get_n_items (self->layers) : 0;

  g_ptr_array_set_size (self->filter_hits, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VigieMapLayer) layer = g_list_model_get_item (self->layers, i);
      VigieFeed *feed = vigie_map_layer_get_feed (layer);
      VigieFeedKind kind = vigie_map_layer_get_kind (layer);
      guint offered = vigie_filter_offered (kind);

      if (feed == NULL || !vigie_feed_get_enabled (feed))
        continue;

      for (guint f = 0; f < VIGIE_N_FILTERS; f++)
        {
          VigieFilter filter = 1u << f;
          const char *title = vigie_filter_get_title (filter, kind);
          g_autofree char *words = NULL;
          g_autofree char *folded_words = NULL;
          g_autofree char *count = NULL;
          VigieSearchResult *result;

          if (!(offered & filter))
            continue;
          /* Translators: the words a filter is found by in the search,
           * besides its title and its layer's name */
          words = g_strconcat (title, " ", vigie_map_layer_get_title (layer), " ", _("filter"), NULL);
          folded_words = vigie_search_fold (words);
          if (!vigie_filter_matches_query (folded, folded_words))
            continue;

          count = vigie_format_count (vigie_map_layer_count_filter (layer, filter));
          result = g_new0 (VigieSearchResult, 1);
          result->feed_id = g_strdup (vigie_feed_get_id (feed));
          result->feed_name = g_strdup (vigie_map_layer_get_title (layer));
          result->feed_kind = kind;
          result->id = g_strdup (vigie_filter_get_nick (filter));
          /* Translators: a filter offered by the search, with the number of
           * things it keeps: "Empty stations (12)" */
          result->name = g_strdup_printf (_("%s (%s)"), title, count);
          /* Translators: says that a search result is a filter */
          result->detail = g_strdup (_("Show only these"));
          g_ptr_array_add (self->filter_hits, vigie_search_hit_new_filter (result, filter));
        }
    }
}

static void
activate_hit (VigieSearchBar *self,
              VigieSearchHit *hit)
{
  if (hit == NULL)
    return;

  gtk_popover_popdown (self->popover);

  if (vigie_search_hit_get_filter (hit) != 0)
    {
      VigieMapLayer *layer = find_layer (self, vigie_search_hit_get_result (hit)->feed_id);

      if (layer != NULL)
        {
          gtk_widget_set_visible (GTK_WIDGET (layer), TRUE);
          vigie_map_layer_set_filter (layer, vigie_map_layer_get_filter (layer) | vigie_search_hit_get_filter (hit));
        }
      return;
    }

  g_signal_emit (self, signals [RESULT_ACTIVATED], 0, hit);
}

static void
on_query_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  VigieSearchBar *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func (g_object_unref);

  found = vigie_search_query_finish (VIGIE_SEARCH (object), result, &error);
  if (found == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Search failed: %s", error->message);
      return;
    }

  self = VIGIE_SEARCH_BAR (user_data);
  /* The filters first: a few lines, and the reason the words were typed. */
  for (guint i = 0; i < self->filter_hits->len; i++)
    g_ptr_array_add (hits, g_object_ref (g_ptr_array_index (self->filter_hits, i)));
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (hits, vigie_search_hit_new (g_steal_pointer (&found->pdata[i])));

  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       hits->pdata, hits->len);
  gtk_single_selection_set_selected (self->selection, hits->len > 0 ? 0 : GTK_INVALID_LIST_POSITION);
  gtk_stack_set_visible_child_name (self->stack, hits->len > 0 ? "results" : "empty");
  if (gtk_widget_has_focus (GTK_WIDGET (self->entry)) || gtk_widget_is_focus (GTK_WIDGET (self->entry)) ||
      gtk_widget_get_focus_child (GTK_WIDGET (self)) != NULL)
    gtk_popover_popup (self->popover);
}

static void
on_search_changed_cb (VigieSearchBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *folded = vigie_search_fold (text);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (*folded == '\0')
    {
      g_list_store_remove_all (self->results);
      gtk_popover_popdown (self->popover);
      return;
    }

  find_filters (self, folded);
  self->cancellable = g_cancellable_new ();
  /* The bar lives as long as its window; a late answer is cancelled. */
  vigie_search_query_async (self->search, text, self->cancellable, on_query_done_cb, self);
}

static void
on_entry_activate_cb (VigieSearchBar *self)
{
  activate_hit (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
on_stop_search_cb (VigieSearchBar *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_popover_popdown (self->popover);
}

static void
on_list_activate_cb (VigieSearchBar *self,
                     guint           position)
{
  g_autoptr(VigieSearchHit) hit = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  activate_hit (self, hit);
}

/* Up and down choose among the results without leaving the entry. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   VigieSearchBar        *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (n == 0 || (keyval != GDK_KEY_Down && keyval != GDK_KEY_Up))
    return FALSE;

  if (selected == GTK_INVALID_LIST_POSITION)
    selected = 0;
  else if (keyval == GDK_KEY_Down)
    selected = MIN (selected + 1, n - 1);
  else if (selected > 0)
    selected--;

  gtk_single_selection_set_selected (self->selection, selected);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", selected);
  gtk_popover_popup (self->popover);

  return TRUE;
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_box_append (GTK_BOX (labels), title);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_list_item_set_child (item, box);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  VigieSearchHit *hit = gtk_list_item_get_item (item);
  const VigieSearchResult *result = vigie_search_hit_get_result (hit);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *labels = gtk_widget_get_next_sibling (icon);
  GtkWidget *title = gtk_widget_get_first_child (labels);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  text = vigie_search_hit_describe (hit);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), vigie_search_hit_get_icon_name (hit));
  gtk_label_set_text (GTK_LABEL (title), result->name);
  gtk_label_set_text (GTK_LABEL (subtitle), text);

  /* GTK 4.8 leaves a list view's items unnamed. */
  name = g_strdup_printf ("%s, %s", result->name, text);
  if (gtk_widget_get_parent (box) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/*
 * Overrides
 */

static void
vigie_search_bar_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  VigieSearchBar *self = VIGIE_SEARCH_BAR (widget);

  gtk_widget_measure (GTK_WIDGET (self->entry), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
vigie_search_bar_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  VigieSearchBar *self = VIGIE_SEARCH_BAR (widget);

  gtk_widget_size_allocate (GTK_WIDGET (self->entry), &(GtkAllocation) { 0, 0, width, height }, baseline);
  gtk_popover_present (self->popover);
}

static void
vigie_search_bar_dispose (GObject *object)
{
  VigieSearchBar *self = (VigieSearchBar *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (g_steal_pointer (&self->popover)));
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_SEARCH_BAR);
  g_clear_object (&self->selection);
  g_clear_object (&self->results);
  g_clear_object (&self->search);
  g_clear_object (&self->layers);
  g_clear_pointer (&self->filter_hits, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_search_bar_parent_class)->dispose (object);
}

static gboolean
vigie_search_bar_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (VIGIE_SEARCH_BAR (widget)->entry));
}

static void
vigie_search_bar_class_init (VigieSearchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vigie_search_bar_dispose;
  widget_class->measure = vigie_search_bar_measure;
  widget_class->size_allocate = vigie_search_bar_size_allocate;
  widget_class->grab_focus = vigie_search_bar_grab_focus;

  /**
   * VigieSearchBar::result-activated:
   * @hit: the thing chosen
   */
  signals [RESULT_ACTIVATED] =
    g_signal_new ("result-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, VIGIE_TYPE_SEARCH_HIT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/vigie-search-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieSearchBar, entry);
  gtk_widget_class_bind_template_child (widget_class, VigieSearchBar, popover);
  gtk_widget_class_bind_template_child (widget_class, VigieSearchBar, stack);
  gtk_widget_class_bind_template_child (widget_class, VigieSearchBar, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
}

static void
vigie_search_bar_init (VigieSearchBar *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));

  self->results = g_list_store_new (VIGIE_TYPE_SEARCH_HIT);
  self->filter_hits = g_ptr_array_new_with_free_func (g_object_unref);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
}

GtkWidget *
vigie_search_bar_new (VigieFeedManager *feeds)
{
  VigieSearchBar *self;

  g_return_val_if_fail (VIGIE_IS_FEED_MANAGER (feeds), NULL);

  self = g_object_new (VIGIE_TYPE_SEARCH_BAR, NULL);
  self->search = vigie_search_new (feeds);

  return GTK_WIDGET (self);
}

/* Ctrl+F: the entry, its text selected to type over. */
void
vigie_search_bar_focus (VigieSearchBar *self)
{
  g_return_if_fail (VIGIE_IS_SEARCH_BAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

/**
 * vigie_search_bar_set_layers:
 * @layers: (element-type VigieMapLayer): the map's layers
 *
 * The search offers their filters too.
 */
void
vigie_search_bar_set_layers (VigieSearchBar *self,
                             GListModel     *layers)
{
  g_return_if_fail (VIGIE_IS_SEARCH_BAR (self));
  g_return_if_fail (layers == NULL || G_IS_LIST_MODEL (layers));

  g_set_object (&self->layers, layers);
}

/**
 * vigie_search_bar_get_results:
 *
 * Returns: (transfer none): the things found, #VigieSearchHit
 */
GListModel *
vigie_search_bar_get_results (VigieSearchBar *self)
{
  g_return_val_if_fail (VIGIE_IS_SEARCH_BAR (self), NULL);

  return G_LIST_MODEL (self->results);
}
