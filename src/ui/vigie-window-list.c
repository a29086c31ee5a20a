/* vigie-window-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-window-list"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-entity-list.h"
#include "vigie-window-list.h"
#include "vigie-window-private.h"

/* The window's share of the layers' lists: a pane beside the map, one
 * layer at a time, opened and closed by the stateful action
 * "list.show" (its state the feed id listed, "" when none), which each
 * layer row's toggle button names. A row selected in the list shows its
 * thing on the map as a search result does; the map's selection selects
 * the row (vigie-entity-list.c). Kept out of vigie-window.c, which only
 * calls in here. */

/* The list's share of the room beside the sidebar, within these bounds:
 * a table of four columns wants 600 px; the map keeps 480 at least. */
#define LIST_SHARE     0.4
#define LIST_MIN_WIDTH 520
#define LIST_MAX_WIDTH 640
#define MAP_MIN_WIDTH  480

typedef struct
{
  VigieWindow   *window;   /* owns this */
  GSimpleAction *action;
  GtkPaned      *paned;
  GtkWidget     *list;     /* the pane's child, or NULL */
  guint          show_id;
  char          *show_feed;
  VigieEntityKind show_kind;
  char          *show_id_text;
} WindowList;

#define DATA_KEY "vigie-window-list"

static void
window_list_free (WindowList *self)
{
  g_clear_handle_id (&self->show_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (self->action, self);
  g_clear_object (&self->action);
  g_free (self->show_feed);
  g_free (self->show_id_text);
  g_free (self);
}

static VigieMapLayer *
lookup_layer (WindowList *self,
              const char *feed_id)
{
  VigieFeed *feed = vigie_feed_manager_lookup (vigie_context_get_feed_manager (vigie_window_get_context (self->window)),
                                               feed_id);

  return feed != NULL ? vigie_layer_manager_lookup (self->window->layer_manager, feed) : NULL;
}

static void close_list (WindowList *self);

/* Once the click is over, as the alerts do: the details' popover then
 * stays open. */
static gboolean
show_cb (gpointer user_data)
{
  WindowList *self = user_data;

  self->show_id = 0;
  /* Not while the window is being torn down. */
  if (self->window->layer_manager != NULL)
    vigie_window_show_entity (self->window, self->show_feed, self->show_kind, self->show_id_text);

  return G_SOURCE_REMOVE;
}

static void
on_entity_selected_cb (VigieEntityList *list,
                       VigieEntity     *entity,
                       WindowList      *self)
{
  VigieFeed *feed = vigie_map_layer_get_feed (vigie_entity_list_get_layer (list));

  if (feed == NULL)
    return;

  g_free (self->show_feed);
  self->show_feed = g_strdup (vigie_feed_get_id (feed));
  self->show_kind = vigie_entity_get_kind (entity);
  g_free (self->show_id_text);
  self->show_id_text = g_strdup (vigie_entity_get_id (entity));
  if (self->show_id == 0)
    self->show_id = g_idle_add (show_cb, self);
}

static void
on_list_closed_cb (VigieEntityList *list,
                   WindowList      *self)
{
  close_list (self);
}

static void
close_list (WindowList *self)
{
  g_clear_handle_id (&self->show_id, g_source_remove);
  if (self->list != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->list, self);
      gtk_paned_set_end_child (self->paned, NULL);
      self->list = NULL;
    }
  g_simple_action_set_state (self->action, g_variant_new_string (""));
}

static gboolean
open_list (WindowList *self,
           const char *feed_id)
{
  VigieMapLayer *layer = lookup_layer (self, feed_id);
  int width;

  if (layer == NULL)
    return FALSE;

  close_list (self);
  self->list = vigie_entity_list_new (layer);
  gtk_widget_set_size_request (self->list, 360, -1);
  g_signal_connect (self->list, "entity-selected", G_CALLBACK (on_entity_selected_cb), self);
  g_signal_connect (self->list, "closed", G_CALLBACK (on_list_closed_cb), self);
  gtk_paned_set_end_child (self->paned, self->list);

  /* The map keeps the larger part, the list what a table needs. */
  width = gtk_widget_get_width (GTK_WIDGET (self->paned));
  if (width > 0)
    {
      int list_width = CLAMP ((int) (width * LIST_SHARE), LIST_MIN_WIDTH, LIST_MAX_WIDTH);

      gtk_paned_set_position (self->paned, MAX (width - list_width, MAP_MIN_WIDTH));
    }

  g_simple_action_set_state (self->action, g_variant_new_string (feed_id));
  return TRUE;
}

static void
on_show_activate_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     WindowList    *self)
{
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (action));
  const char *feed_id = g_variant_get_string (parameter, NULL);

  /* The layer row's toggle: the same layer again closes its list. */
  if (*feed_id == '\0' || g_str_equal (g_variant_get_string (state, NULL), feed_id))
    close_list (self);
  else if (!open_list (self, feed_id))
    g_debug ("No layer for feed \"%s\"", feed_id);
}

static void
on_layers_changed_cb (VigieWindow *window)
{
  WindowList *self = g_object_get_data (G_OBJECT (window), DATA_KEY);
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (self->action));
  const char *feed_id = g_variant_get_string (state, NULL);

  /* Another profile: its layer may be gone. */
  if (self->list != NULL &&
      lookup_layer (self, feed_id) != vigie_entity_list_get_layer (VIGIE_ENTITY_LIST (self->list)))
    close_list (self);
}

static void
on_meeting_active_cb (VigieWindow *window)
{
  WindowList *self = g_object_get_data (G_OBJECT (window), DATA_KEY);

  /* A wall display shows the map, not the operator's tables. */
  if (vigie_meeting_get_active (self->window->meeting))
    close_list (self);
}

/**
 * vigie_window_list_attach:
 * @window: the window, its map and layers set up
 *
 * Puts a pane beside the map for a layer's list, and the "list.show"
 * action that opens it.
 */
void
vigie_window_list_attach (VigieWindow *window)
{
  WindowList *self = g_new0 (WindowList, 1);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkWidget *content;

  g_return_if_fail (VIGIE_IS_WINDOW (window));
  g_return_if_fail (window->layer_manager != NULL);

  self->window = window;
  g_object_set_data_full (G_OBJECT (window), DATA_KEY, self, (GDestroyNotify) window_list_free);

  /* Whatever the flap shows as its content goes to the pane's start. */
  content = g_object_ref (adw_flap_get_content (window->flap));
  adw_flap_set_content (window->flap, NULL);
  self->paned = GTK_PANED (gtk_paned_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_widget_set_name (GTK_WIDGET (self->paned), "list-paned");
  gtk_paned_set_start_child (self->paned, content);
  gtk_paned_set_resize_start_child (self->paned, TRUE);
  gtk_paned_set_shrink_start_child (self->paned, FALSE);
  gtk_paned_set_resize_end_child (self->paned, FALSE);
  gtk_paned_set_shrink_end_child (self->paned, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->paned), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Map and list"), -1);
  adw_flap_set_content (window->flap, GTK_WIDGET (self->paned));
  g_object_unref (content);

  self->action = g_simple_action_new_stateful ("show", G_VARIANT_TYPE_STRING, g_variant_new_string (""));
  g_signal_connect (self->action, "activate", G_CALLBACK (on_show_activate_cb), self);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (self->action));
  gtk_widget_insert_action_group (GTK_WIDGET (window), "list", G_ACTION_GROUP (group));

  g_signal_connect_object (window->layer_manager, "items-changed", G_CALLBACK (on_layers_changed_cb),
                           window, G_CONNECT_SWAPPED);
  g_signal_connect_object (window->meeting, "notify::active", G_CALLBACK (on_meeting_active_cb),
                           window, G_CONNECT_SWAPPED);
}
