/* vigie-window-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-window-search"

#include "config.h"

#include "vigie-search-bar.h"
#include "vigie-window-private.h"
#include "vigie-window-search.h"

/* The window's search: the entry at the end of the header bar, Ctrl+F to
 * reach it, and the thing chosen shown on the map with its details. */

static void
on_result_activated_cb (VigieSearchBar *bar,
                        VigieSearchHit *hit,
                        VigieWindow    *window)
{
  const VigieSearchResult *result = vigie_search_hit_get_result (hit);

  vigie_window_show_entity (window, result->feed_id, result->kind, result->id);
}

static gboolean
focus_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  vigie_search_bar_focus (VIGIE_SEARCH_BAR (user_data));

  return TRUE;
}

void
vigie_window_search_attach (VigieWindow  *window,
                            AdwHeaderBar *header_bar)
{
  VigieFeedManager *feeds = vigie_context_get_feed_manager (vigie_window_get_context (window));
  GtkWidget *bar = vigie_search_bar_new (feeds);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkShortcut *shortcut;

  gtk_widget_set_name (bar, "search-bar");
  /* The layers' filters are offered too ("vides" → "Empty stations"). */
  vigie_search_bar_set_layers (VIGIE_SEARCH_BAR (bar), G_LIST_MODEL (window->layer_manager));
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  adw_header_bar_pack_end (header_bar, bar);
  g_signal_connect_object (bar, "result-activated", G_CALLBACK (on_result_activated_cb), window, 0);

  /* The window's own key, wherever the focus is. */
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                               gtk_callback_action_new (focus_search_cb, bar, NULL));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (GTK_WIDGET (window), shortcuts);
}
