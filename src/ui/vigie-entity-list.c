/* vigie-entity-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-entity-list"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vigie-clock.h"
#include "vigie-entity-list.h"
#include "vigie-entity-list-cells.h"
#include "vigie-entity-list-model.h"
#include "vigie-entity-list-slot.h"
#include "vigie-entity-list-slots.h"
#include "vigie-entity-list-sorter.h"
#include "vigie-number.h"

/* One layer as a table, for operators who read better than they look:
 * name, state (its symbol and its words), main value and age, sortable
 * by each. The column view is bound to the layer's own model through a
 * model that sorts each update in a worker and tells only the rows that
 * changed (vigie-entity-list-model.c); only the rows on screen are made
 * (and recycled). Selecting a row says so ("entity-selected");
 * the layer's selection on the map selects the row. */

struct _VigieEntityList
{
  GtkWidget            parent_instance;

  VigieMapLayer        *layer;
  VigieEntityListModel *entities;  /* sorted */
  VigieEntityListSlots *slots;     /* what the view binds */
  GtkSingleSelection  *selection;

  /* The age labels on screen, rewritten every few seconds. */
  GHashTable          *age_labels;
  guint                age_id;

  /* What the operator or the map selected: the row follows its new
   * copies, which replace it at each update. */
  char                *selected_key;
  gboolean             selecting;

  /* A scroll waits for the rows' layout in their new order. */
  guint                scroll_tick_id;
  guint                scroll_frames;

  GtkImage            *icon;
  GtkLabel            *title_label;
  GtkLabel            *count_label;
  GtkWidget           *scroller;
  GtkColumnView       *view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *state_column;
  GtkColumnViewColumn *value_column;
  GtkColumnViewColumn *age_column;
};

G_DEFINE_FINAL_TYPE (VigieEntityList, vigie_entity_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LAYER,
  N_PROPS
};

enum {
  ENTITY_SELECTED,
  CLOSED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/*
 * Auxiliary methods
 */

/* The rows in the order the column view's sorter says. */
static void
follow_sorter (VigieEntityList *self)
{
  VigieEntityListSort sort[VIGIE_ENTITY_LIST_N_COLUMNS];
  guint n_sort = vigie_entity_list_sorter_read (self->view, sort);

  vigie_entity_list_model_set_sort (self->entities, sort, n_sort);
}

static void
update_count (VigieEntityList *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entities));
  g_autofree char *count = vigie_format_count (n);
  /* Translators: how many rows a layer's list holds; %s is a number. */
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s item", "%s items", n), count);

  gtk_label_set_text (self->count_label, text);
}

static guint
find_position (VigieEntityList *self,
               VigieEntity     *entity,
               const char      *key)
{
  guint found;

  if (key == NULL)
    key = vigie_entity_get_key (entity);
  found = vigie_entity_list_model_find (self->entities, key);

  return found != G_MAXUINT ? found : GTK_INVALID_LIST_POSITION;
}

/* GtkColumnView has no scroll_to before GTK 4.12: rows are of one
 * height, so the adjustment says where a row is. */
static void
scroll_to_position (VigieEntityList *self,
                    guint            position)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entities));
  double upper, page, row, top;

  if (adjustment == NULL || n == 0)
    return;

  upper = gtk_adjustment_get_upper (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  row = upper / n;
  top = position * row;
  if (top >= gtk_adjustment_get_value (adjustment) && top + row <= gtk_adjustment_get_value (adjustment) + page)
    return;

  gtk_adjustment_set_value (adjustment, CLAMP (top - (page - row) / 2, 0, MAX (upper - page, 0)));
}

static VigieEntity *
selected_entity (VigieEntityList *self)
{
  VigieEntityListSlot *slot = gtk_single_selection_get_selected_item (self->selection);

  return slot != NULL ? vigie_entity_list_slot_get_entity (slot) : NULL;
}

/* The entity a cell's row shows now. */
static VigieEntity *
item_entity (GtkListItem *item)
{
  VigieEntityListSlot *slot = gtk_list_item_get_item (item);

  return slot != NULL ? vigie_entity_list_slot_get_entity (slot) : NULL;
}

static void
select_position (VigieEntityList *self,
                 guint            position)
{
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
}

/*
 * Callbacks
 */

static void
on_close_clicked_cb (VigieEntityList *self)
{
  g_signal_emit (self, signals [CLOSED], 0);
}

static void
on_selection_changed_cb (VigieEntityList *self)
{
  VigieEntity *entity;

  if (self->selecting)
    return;

  /* Unselected by an update: the items-changed handler finds the row
   * again. The operator's own selections only go to the map. */
  entity = selected_entity (self);
  if (entity == NULL)
    return;

  g_free (self->selected_key);
  self->selected_key = g_strdup (vigie_entity_get_key (entity));
  g_signal_emit (self, signals [ENTITY_SELECTED], 0, entity);
}

/* After the last items-changed of a new order, where positions hold. */
static void
on_rows_updated_cb (VigieEntityList *self)
{
  update_count (self);
  /* Thresholds changed in Preferences: the states sort anew from the
   * next update on (the layer says nothing when they change). */
  vigie_entity_list_model_set_thresholds (self->entities, vigie_map_layer_get_thresholds (self->layer));

  /* The rows are places: the selection follows its entity, or its new
   * copy, to wherever the new order puts it. */
  if (self->selected_key != NULL)
    {
      guint found = find_position (self, NULL, self->selected_key);

      if (found != GTK_INVALID_LIST_POSITION && found != gtk_single_selection_get_selected (self->selection))
        select_position (self, found);
    }
}

/* GtkListView keeps the row it showed at the top in view wherever a new
 * order puts it; a table sorted again shows its first rows, or the
 * selected one. */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  VigieEntityList *self = VIGIE_ENTITY_LIST (user_data);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view));
  guint selected;

  /* This frame lays the new order out; the next one can scroll in it. */
  if (self->scroll_frames++ == 0)
    return G_SOURCE_CONTINUE;

  self->scroll_tick_id = 0;
  selected = gtk_single_selection_get_selected (self->selection);
  if (selected != GTK_INVALID_LIST_POSITION)
    scroll_to_position (self, selected);
  else if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, 0);

  return G_SOURCE_REMOVE;
}

static void
queue_scroll (VigieEntityList *self)
{
  self->scroll_frames = 0;
  if (self->scroll_tick_id == 0)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->view), scroll_tick_cb, self, NULL);
}

static void
on_sorter_changed_cb (VigieEntityList *self)
{
  follow_sorter (self);
  queue_scroll (self);
}

static void
on_layer_selected_cb (VigieEntityList *self)
{
  VigieEntity *entity = vigie_map_layer_get_selected (self->layer);
  VigieEntity *current = selected_entity (self);
  guint position;

  if (entity == NULL)
    {
      g_clear_pointer (&self->selected_key, g_free);
      select_position (self, GTK_INVALID_LIST_POSITION);
      return;
    }

  if (current != NULL && g_str_equal (vigie_entity_get_key (current), vigie_entity_get_key (entity)))
    return;

  g_free (self->selected_key);
  self->selected_key = g_strdup (vigie_entity_get_key (entity));
  position = find_position (self, entity, self->selected_key);
  select_position (self, position);
  if (position != GTK_INVALID_LIST_POSITION)
    queue_scroll (self);
}

static void
on_layer_model_cb (VigieEntityList *self)
{
  /* Replay gives the layer a store of its own: the list follows. */
  vigie_entity_list_model_set_model (self->entities, vigie_map_layer_get_model (self->layer));
}

static void
on_layer_title_cb (VigieEntityList *self)
{
  const char *title = vigie_map_layer_get_title (self->layer);
  g_autofree char *label = NULL;

  gtk_label_set_text (self->title_label, title != NULL ? title : "");
  /* Translators: what screen readers call a layer's table; %s is the layer's name. */
  label = g_strdup_printf (_("List of %s"), title != NULL ? title : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scroller), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  /* GTK 4.8 names the column view's own parts after their types: its
   * list of rows, and the row of column headers. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    GTK_IS_LIST_VIEW (child) ? label : _("Column headers"), -1);
}

static gboolean
refresh_ages_cb (gpointer user_data)
{
  vigie_entity_list_refresh_ages (VIGIE_ENTITY_LIST (user_data));

  return G_SOURCE_CONTINUE;
}

typedef void (*FillFunc) (VigieMapLayer *layer,
                          GtkListItem   *item,
                          VigieEntity   *entity);

static GQuark fill_quark;
static GQuark handler_quark;

/* The row's slot has another entity: the cell shows it. */
static void
on_slot_entity_cb (GtkListItem *item)
{
  VigieEntityList *self = g_object_get_data (G_OBJECT (item), "vigie-entity-list");
  FillFunc fill = g_object_get_qdata (G_OBJECT (item), fill_quark);
  VigieEntity *entity = item_entity (item);

  if (entity != NULL)
    fill (self->layer, item, entity);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         VigieEntityList          *self)
{
  GObject *slot = gtk_list_item_get_item (item);
  gulong id;

  g_object_set_data (G_OBJECT (item), "vigie-entity-list", self);
  g_object_set_qdata (G_OBJECT (item), fill_quark, g_object_get_qdata (G_OBJECT (factory), fill_quark));
  id = g_signal_connect_swapped (slot, "notify::entity", G_CALLBACK (on_slot_entity_cb), item);
  g_object_set_qdata (G_OBJECT (item), handler_quark, GSIZE_TO_POINTER (id));
  on_slot_entity_cb (item);
  if (g_object_get_qdata (G_OBJECT (factory), fill_quark) == vigie_entity_list_cell_fill_age)
    g_hash_table_add (self->age_labels, item);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           VigieEntityList          *self)
{
  GObject *slot = gtk_list_item_get_item (item);
  gulong id = GPOINTER_TO_SIZE (g_object_get_qdata (G_OBJECT (item), handler_quark));

  if (slot != NULL && id != 0)
    g_signal_handler_disconnect (slot, id);
  g_object_set_qdata (G_OBJECT (item), handler_quark, NULL);
  g_hash_table_remove (self->age_labels, item);
}

static void
set_factory (VigieEntityList     *self,
             GtkColumnViewColumn *column,
             GCallback            setup,
             FillFunc             fill)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_qdata (G_OBJECT (factory), fill_quark, fill);
  g_signal_connect (factory, "setup", setup, self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_column_view_column_set_factory (column, factory);
  g_object_unref (factory);
}

/*
 * Overrides
 */

static void
vigie_entity_list_map (GtkWidget *widget)
{
  VigieEntityList *self = VIGIE_ENTITY_LIST (widget);

  GTK_WIDGET_CLASS (vigie_entity_list_parent_class)->map (widget);

  vigie_entity_list_refresh_ages (self);
  if (self->age_id == 0)
    self->age_id = g_timeout_add_seconds (VIGIE_ENTITY_LIST_AGE_REFRESH_S, refresh_ages_cb, self);
}

static void
vigie_entity_list_unmap (GtkWidget *widget)
{
  VigieEntityList *self = VIGIE_ENTITY_LIST (widget);

  g_clear_handle_id (&self->age_id, g_source_remove);

  GTK_WIDGET_CLASS (vigie_entity_list_parent_class)->unmap (widget);
}

static void
vigie_entity_list_constructed (GObject *object)
{
  VigieEntityList *self = (VigieEntityList *)object;

  G_OBJECT_CLASS (vigie_entity_list_parent_class)->constructed (object);

  g_assert (VIGIE_IS_MAP_LAYER (self->layer));

  set_factory (self, self->name_column, G_CALLBACK (vigie_entity_list_cell_setup_name), vigie_entity_list_cell_fill_name);
  set_factory (self, self->state_column, G_CALLBACK (vigie_entity_list_cell_setup_state), vigie_entity_list_cell_fill_state);
  set_factory (self, self->value_column, G_CALLBACK (vigie_entity_list_cell_setup_value), vigie_entity_list_cell_fill_value);
  set_factory (self, self->age_column, G_CALLBACK (vigie_entity_list_cell_setup_age), vigie_entity_list_cell_fill_age);

  vigie_entity_list_sorter_set (self->name_column, VIGIE_ENTITY_LIST_COLUMN_NAME);
  vigie_entity_list_sorter_set (self->state_column, VIGIE_ENTITY_LIST_COLUMN_STATE);
  vigie_entity_list_sorter_set (self->value_column, VIGIE_ENTITY_LIST_COLUMN_VALUE);
  vigie_entity_list_sorter_set (self->age_column, VIGIE_ENTITY_LIST_COLUMN_AGE);

  /* By name to begin with. The store is sorted by a model of our own,
   * its updates in a worker (vigie-entity-list-model.c). */
  gtk_column_view_sort_by_column (self->view, self->name_column, GTK_SORT_ASCENDING);
  self->entities = vigie_entity_list_model_new (NULL, vigie_map_layer_get_kind (self->layer));
  vigie_entity_list_model_set_thresholds (self->entities, vigie_map_layer_get_thresholds (self->layer));
  follow_sorter (self);
  vigie_entity_list_model_set_model (self->entities, vigie_map_layer_get_model (self->layer));
  /* Before the list's own handler of "updated": the slots are told first. */
  self->slots = vigie_entity_list_slots_new (self->entities);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->slots)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  /* Made with its first row selected: nothing is, until someone picks. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entities, "updated", G_CALLBACK (on_rows_updated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_sorter (self->view), "changed", G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->layer, "notify::selected", G_CALLBACK (on_layer_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->layer, "notify::model", G_CALLBACK (on_layer_model_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->layer, "notify::title", G_CALLBACK (on_layer_title_cb), self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->layer, "icon-name", self->icon, "icon-name", G_BINDING_SYNC_CREATE);

  on_layer_title_cb (self);
  update_count (self);
  on_layer_selected_cb (self);
}

static void
vigie_entity_list_dispose (GObject *object)
{
  VigieEntityList *self = (VigieEntityList *)object;

  g_clear_handle_id (&self->age_id, g_source_remove);
  if (self->scroll_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->view), self->scroll_tick_id);
  self->scroll_tick_id = 0;
  /* The store lives on: nothing of this list may hear from it. */
  if (self->layer != NULL)
    g_signal_handlers_disconnect_by_data (self->layer, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->entities != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->entities, self);
      vigie_entity_list_model_set_model (self->entities, NULL);
    }
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->view), self);
      gtk_column_view_set_model (self->view, NULL);
    }
  g_hash_table_remove_all (self->age_labels);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIGIE_TYPE_ENTITY_LIST);
  /* The template's outer box, which no id binds. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->entities);
  g_clear_object (&self->layer);

  G_OBJECT_CLASS (vigie_entity_list_parent_class)->dispose (object);
}

static void
vigie_entity_list_finalize (GObject *object)
{
  VigieEntityList *self = (VigieEntityList *)object;

  g_clear_pointer (&self->age_labels, g_hash_table_unref);
  g_free (self->selected_key);

  G_OBJECT_CLASS (vigie_entity_list_parent_class)->finalize (object);
}

static void
vigie_entity_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VigieEntityList *self = VIGIE_ENTITY_LIST (object);

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
vigie_entity_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  VigieEntityList *self = VIGIE_ENTITY_LIST (object);

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
vigie_entity_list_class_init (VigieEntityListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vigie_entity_list_constructed;
  object_class->dispose = vigie_entity_list_dispose;
  object_class->finalize = vigie_entity_list_finalize;
  object_class->get_property = vigie_entity_list_get_property;
  object_class->set_property = vigie_entity_list_set_property;

  widget_class->map = vigie_entity_list_map;
  widget_class->unmap = vigie_entity_list_unmap;

  properties [PROP_LAYER] =
    g_param_spec_object ("layer", NULL, NULL,
                         VIGIE_TYPE_MAP_LAYER,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VigieEntityList::entity-selected:
   * @entity: the entity of the row the operator selected
   */
  signals [ENTITY_SELECTED] =
    g_signal_new ("entity-selected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, VIGIE_TYPE_ENTITY);

  /**
   * VigieEntityList::closed:
   *
   * The operator closed the list.
   */
  signals [CLOSED] =
    g_signal_new ("closed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/vigie-entity-list.ui");
  gtk_widget_class_bind_template_child (widget_class, VigieEntityList, icon);
  gtk_widget_class_bind_template_child (widget_class, VigieEntityList, title_label);
  gtk_widget_class_bind_template_child (widget_class, VigieEntityList, count_label);
  gtk_widget_class_bind_template_child (widget_class, VigieEntityList, scroller);
  gtk_widget_class_bind_template_child (widget_class, VigieEntityList, view);
  gtk_widget_class_bind_template_child (widget_class, VigieEntityList, name_column);
  gtk_widget_class_bind_template_child (widget_class, VigieEntityList, state_column);
  gtk_widget_class_bind_template_child (widget_class, VigieEntityList, value_column);
  gtk_widget_class_bind_template_child (widget_class, VigieEntityList, age_column);
  gtk_widget_class_bind_template_callback (widget_class, on_close_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vigie-entity-list");

  fill_quark = g_quark_from_static_string ("vigie-entity-list-fill");
  handler_quark = g_quark_from_static_string ("vigie-entity-list-slot-handler");
}

static void
vigie_entity_list_init (VigieEntityList *self)
{
  self->age_labels = g_hash_table_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/*
 * Public API
 */

/**
 * vigie_entity_list_new:
 * @layer: the map layer whose things to list
 *
 * Returns: (transfer floating): a table of @layer's model
 */
GtkWidget *
vigie_entity_list_new (VigieMapLayer *layer)
{
  g_return_val_if_fail (VIGIE_IS_MAP_LAYER (layer), NULL);

  return g_object_new (VIGIE_TYPE_ENTITY_LIST,
                       "layer", layer,
                       NULL);
}

VigieMapLayer *
vigie_entity_list_get_layer (VigieEntityList *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY_LIST (self), NULL);

  return self->layer;
}

/**
 * vigie_entity_list_get_column_view:
 * @self: a #VigieEntityList
 *
 * Returns: (transfer none): the table
 */
GtkColumnView *
vigie_entity_list_get_column_view (VigieEntityList *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY_LIST (self), NULL);

  return self->view;
}

/**
 * vigie_entity_list_get_rows:
 * @self: a #VigieEntityList
 *
 * Returns: (transfer none): the rows in the order shown, a
 *   #VigieEntityListModel of #VigieEntity
 */
GListModel *
vigie_entity_list_get_rows (VigieEntityList *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY_LIST (self), NULL);

  return G_LIST_MODEL (self->entities);
}

/**
 * vigie_entity_list_get_selected:
 * @self: a #VigieEntityList
 *
 * Returns: (transfer none) (nullable): the selected row's entity
 */
VigieEntity *
vigie_entity_list_get_selected (VigieEntityList *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY_LIST (self), NULL);

  return selected_entity (self);
}

/**
 * vigie_entity_list_select:
 * @self: a #VigieEntityList
 * @entity: an entity of the layer's model
 *
 * Selects @entity's row as the operator would: "entity-selected" follows.
 *
 * Returns: %FALSE when no row shows @entity
 */
gboolean
vigie_entity_list_select (VigieEntityList *self,
                          VigieEntity     *entity)
{
  guint position;

  g_return_val_if_fail (VIGIE_IS_ENTITY_LIST (self), FALSE);
  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), FALSE);

  position = find_position (self, entity, vigie_entity_get_key (entity));
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  queue_scroll (self);

  return TRUE;
}

/**
 * vigie_entity_list_sort_by:
 * @self: a #VigieEntityList
 * @column: "name", "state", "value" or "age"
 * @order: ascending or descending
 *
 * Sorts as a click on the column's header does.
 */
void
vigie_entity_list_sort_by (VigieEntityList *self,
                           const char      *column,
                           GtkSortType      order)
{
  GtkColumnViewColumn *columns[] = { self->name_column, self->state_column, self->value_column, self->age_column };
  const char *names[] = { "name", "state", "value", "age" };

  g_return_if_fail (VIGIE_IS_ENTITY_LIST (self));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (column, names[i]) == 0)
      {
        gtk_column_view_sort_by_column (self->view, columns[i], order);
        return;
      }

  g_critical ("%s: no column \"%s\"", G_STRFUNC, column);
}

/**
 * vigie_entity_list_refresh_ages:
 * @self: a #VigieEntityList
 *
 * Writes again the ages of the rows on screen; done every
 * %VIGIE_ENTITY_LIST_AGE_REFRESH_S seconds while the list is shown.
 */
void
vigie_entity_list_refresh_ages (VigieEntityList *self)
{
  GHashTableIter iter;
  gpointer item;
  gint64 now;

  g_return_if_fail (VIGIE_IS_ENTITY_LIST (self));

  now = vigie_clock_now ();
  g_hash_table_iter_init (&iter, self->age_labels);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    {
      VigieEntity *entity = item_entity (item);

      vigie_entity_list_cell_show_age (item, entity, now);
    }
}
