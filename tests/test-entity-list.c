/* test-entity-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "vigie-clock.h"
#include "vigie-details-popover.h"
#include "vigie-entity-list.h"
#include "vigie-layer-row.h"
#include "vigie-map-layer.h"
#include "vigie-test-ui.h"

/* A layer's list in the real window, on a Wi-Fi feed served by the test:
 * opened from the layer's row, one row per entity, sorted by a column,
 * a row selected shows its hotspot on the map with its details, the
 * map's selection selects the row, and the feed's next update rewrites
 * the row; closed from its own button. */

#define N_HOTSPOTS 300

typedef struct
{
  GString *document;
  gint64   observed_at;
  guint    changed;     /* the hotspot whose clients the update changes */
  gint64   changed_to;
  guint    dropped;     /* a hotspot the update leaves out */
  gboolean extra;       /* and one it adds, last */
} Feed;

static gint64
clients_of (guint i)
{
  return (i * 37) % 181;
}

static void
write_document (Feed *feed)
{
  g_string_truncate (feed->document, 0);
  g_string_append (feed->document, "{ \"type\": \"FeatureCollection\", \"features\": [\n");
  for (guint i = 0; i < N_HOTSPOTS + (feed->extra ? 1 : 0); i++)
    if (i != feed->dropped)
    g_string_append_printf (feed->document,
                            "%s{ \"type\": \"Feature\", \"geometry\": { \"type\": \"Point\", \"coordinates\": [%.5f, %.5f] },"
                            " \"properties\": { \"id\": \"h%u\", \"name\": \"Borne %03u\", \"clients\": %" G_GINT64_FORMAT ","
                            " \"capacity\": 200, \"aps_up\": 2, \"aps_total\": 2, \"observed_at\": %" G_GINT64_FORMAT " } }\n",
                            i > (feed->dropped == 0 ? 1 : 0) ? "," : "",
                            7.30 + (i % 20) * 0.004, 47.73 + (i / 20) * 0.003, i, i,
                            i == feed->changed ? feed->changed_to : clients_of (i),
                            feed->observed_at);
  g_string_append (feed->document, "] }\n");
}

static void
serve_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Feed *feed = user_data;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/geo+json", SOUP_MEMORY_COPY,
                                    feed->document->str, feed->document->len);
}

static gboolean
is_list_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "list.show") == 0;
}

/* The layer row's button, found by what it does. */
static GtkWidget *
find_list_button (GtkWidget *root)
{
  GtkWidget *row = vigie_test_find_descendant (root, VIGIE_TYPE_LAYER_ROW);

  g_assert_nonnull (row);
  return vigie_test_find_widget (row, is_list_button, NULL);
}

static gint64
clients (VigieEntity *entity)
{
  gint64 value = -1;

  g_assert_true (vigie_entity_lookup_int (entity, "clients", &value));
  return value;
}

static gint64
clients_at (GListModel *rows,
            guint       position)
{
  g_autoptr(VigieEntity) entity = g_list_model_get_item (rows, position);

  return clients (entity);
}

static VigieEntity *
row_at (GListModel *rows,
        guint       position)
{
  VigieEntity *entity = g_list_model_get_item (rows, position);

  /* The store holds it: the borrowed pointer stays good. */
  g_object_unref (entity);
  return entity;
}

static gboolean
details_open (VigieMapLayer *layer)
{
  GtkWidget *popover = vigie_test_find_descendant (GTK_WIDGET (layer), VIGIE_TYPE_DETAILS_POPOVER);

  return popover != NULL && gtk_widget_get_visible (popover);
}

static void
test_entity_list (VigieTestWindow *fixture,
                  gconstpointer    data)
{
  Feed served = { g_string_new (NULL), 0, G_MAXUINT, 0, G_MAXUINT, FALSE };
  g_autofree char *path = NULL;
  VigieFeedManager *manager;
  VigieFeed *feed;
  VigieStore *store;
  VigieWindow *window;
  VigieMapLayer *layer;
  VigieEntityList *list;
  GtkColumnView *view;
  GListModel *rows;
  GtkWidget *button;
  VigieEntity *picked;
  gint64 first_before;

  served.observed_at = vigie_clock_now () - 120;
  write_document (&served);
  soup_server_add_handler (fixture->tiles.server, "/list.geojson", serve_cb, &served, NULL);

  path = vigie_test_use_wifi_profile (fixture->settings, &fixture->tiles, "/list.geojson");

  window = vigie_test_window_open (fixture, "EntityList");
  manager = vigie_context_get_feed_manager (vigie_window_get_context (window));
  feed = vigie_feed_manager_lookup (manager, "wifi");
  g_assert_nonnull (feed);
  store = vigie_feed_get_store (feed);
  VIGIE_TEST_WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (store)) == N_HOTSPOTS);
  layer = VIGIE_MAP_LAYER (vigie_test_find_descendant (GTK_WIDGET (vigie_window_get_map (window)), VIGIE_TYPE_MAP_LAYER));
  g_assert_nonnull (layer);

  /* No list until the layer's row asks for one. */
  g_assert_null (vigie_test_find_descendant (GTK_WIDGET (window), VIGIE_TYPE_ENTITY_LIST));
  button = find_list_button (GTK_WIDGET (window));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Show as a List");
  g_signal_emit_by_name (button, "clicked");
  list = VIGIE_ENTITY_LIST (vigie_test_find_descendant (GTK_WIDGET (window), VIGIE_TYPE_ENTITY_LIST));
  g_assert_nonnull (list);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_true (vigie_entity_list_get_layer (list) == layer);
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (list)) && gtk_widget_get_width (GTK_WIDGET (list)) >= 300);

  /* One row per entity, bound to the store itself. */
  view = vigie_entity_list_get_column_view (list);
  rows = vigie_entity_list_get_rows (list);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, N_HOTSPOTS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, N_HOTSPOTS);
  for (guint i = 0; i < N_HOTSPOTS; i++)
    g_assert_true (row_at (rows, i) == vigie_store_lookup (store, VIGIE_ENTITY_HOTSPOT, vigie_entity_get_id (row_at (rows, i))));
  g_assert_nonnull (vigie_test_find_label (GTK_WIDGET (list), "300 items", VIGIE_TEST_LABEL_WHOLE));
  /* The rows on screen: name, state in words, value, age. */
  VIGIE_TEST_WAIT_UNTIL (vigie_test_find_label (GTK_WIDGET (view), "Borne 000", VIGIE_TEST_LABEL_WHOLE | VIGIE_TEST_LABEL_DRAWABLE) != NULL);
  g_assert_nonnull (vigie_test_find_label (GTK_WIDGET (view), "Normal", VIGIE_TEST_LABEL_WHOLE | VIGIE_TEST_LABEL_DRAWABLE));
  g_assert_nonnull (vigie_test_find_label (GTK_WIDGET (view), "0 clients", VIGIE_TEST_LABEL_WHOLE | VIGIE_TEST_LABEL_DRAWABLE));
  /* Each cell as a screen reader reads it, not "GtkColumnViewCell". */
  {
    const char *texts[] = { "Normal", "0 clients", "2 min" };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        GtkWidget *label = vigie_test_find_label (GTK_WIDGET (view), texts[i], VIGIE_TEST_LABEL_WHOLE | VIGIE_TEST_LABEL_DRAWABLE);
        GtkWidget *cell = label;
        g_autofree char *error = NULL;

        while (cell != NULL && g_strcmp0 (G_OBJECT_TYPE_NAME (cell), "GtkColumnViewCell") != 0)
          cell = gtk_widget_get_parent (cell);
        g_assert_nonnull (cell);
        error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, texts[i]);
        if (error != NULL)
          g_error ("%s: %s", texts[i], error);
      }
  }
  /* The age alone, under the column's title. */
  g_assert_nonnull (vigie_test_find_label (GTK_WIDGET (view), "2 min", VIGIE_TEST_LABEL_WHOLE | VIGIE_TEST_LABEL_DRAWABLE));
  g_assert_null (vigie_test_find_label (GTK_WIDGET (view), "2 min ago", VIGIE_TEST_LABEL_ANY));
  /* However narrow the list, a name keeps the room of 14 characters: GTK
   * 4.8 gave the room left to the value and the age first, and cut
   * "Auberge (simulé)" to "Auberge (s…" beside a 520 px list. */
  {
    GtkWidget *name = vigie_test_find_label (GTK_WIDGET (view), "Borne 000", VIGIE_TEST_LABEL_WHOLE);
    g_autoptr(GtkWidget) fourteen = g_object_ref_sink (gtk_label_new ("Borne 000 (sim"));
    int minimum, natural;
    int fourteen_width;

    g_assert_nonnull (name);
    gtk_widget_measure (name, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
    gtk_widget_measure (fourteen, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &fourteen_width, NULL, NULL);
    g_assert_cmpint (minimum, >=, fourteen_width);
  }

  /* Sorted by value, highest first, then lowest first. */
  first_before = clients_at (rows, 0);
  vigie_entity_list_sort_by (list, "value", GTK_SORT_DESCENDING);
  g_assert_cmpint (clients_at (rows, 0), ==, 180);
  g_assert_cmpint (clients_at (rows, 0), !=, first_before);
  for (guint i = 1; i < N_HOTSPOTS; i++)
    g_assert_cmpint (clients_at (rows, i - 1), >=, clients_at (rows, i));
  vigie_entity_list_sort_by (list, "value", GTK_SORT_ASCENDING);
  g_assert_cmpint (clients_at (rows, 0), ==, 0);
  g_assert_cmpint (clients_at (rows, N_HOTSPOTS - 1), ==, 180);
  /* By name, Z to A. */
  vigie_entity_list_sort_by (list, "name", GTK_SORT_DESCENDING);
  g_assert_cmpstr (vigie_entity_get_name (row_at (rows, 0)), ==, "Borne 299");
  VIGIE_TEST_WAIT_UNTIL (vigie_test_find_label (GTK_WIDGET (view), "Borne 299", VIGIE_TEST_LABEL_WHOLE | VIGIE_TEST_LABEL_DRAWABLE) != NULL);

  /* A row selected: its hotspot on the map, its details open. */
  picked = row_at (rows, 4);
  gtk_selection_model_select_item (gtk_column_view_get_model (view), 4, TRUE);
  VIGIE_TEST_WAIT_UNTIL (vigie_map_layer_get_selected (layer) != NULL && details_open (layer));
  g_assert_cmpstr (vigie_entity_get_key (vigie_map_layer_get_selected (layer)), ==, vigie_entity_get_key (picked));
  g_assert_cmpstr (vigie_entity_get_name (vigie_map_layer_get_selected (layer)), ==, "Borne 295");
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (shumate_map_get_viewport (vigie_window_get_map (window))),
                     >=, VIGIE_MAP_LAYER_CLUSTER_MAX_ZOOM);

  /* The map's selection selects the row, even one off screen. */
  {
    VigieEntity *far = vigie_store_lookup (store, VIGIE_ENTITY_HOTSPOT, "h7");
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
    /* As a click does, without the details: it is off screen. */
    gtk_popover_popdown (GTK_POPOVER (vigie_test_find_descendant (GTK_WIDGET (layer), VIGIE_TYPE_DETAILS_POPOVER)));
    vigie_map_layer_select (layer, far, FALSE);
    g_assert_true (vigie_entity_list_get_selected (list) == far);
    g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (view))),
                      ==, N_HOTSPOTS - 1 - 7);
    /* Scrolled to it. */
    VIGIE_TEST_WAIT_UNTIL (gtk_adjustment_get_value (adjustment) > 0);
    VIGIE_TEST_WAIT_UNTIL (vigie_test_find_label (GTK_WIDGET (view), "Borne 007", VIGIE_TEST_LABEL_WHOLE | VIGIE_TEST_LABEL_DRAWABLE) != NULL);
    /* The map did not move for it: the operator's click did. */
    g_assert_true (vigie_map_layer_get_selected (layer) == far);
  }

  /* The feed's next update rewrites the row, which stays selected; one
   * hotspot goes, another comes: the store tells it in three runs, the
   * first of which it already counts the newcomer in. */
  vigie_entity_list_sort_by (list, "value", GTK_SORT_DESCENDING);
  served.changed = 7;
  served.changed_to = 199;
  served.dropped = 3;
  served.extra = TRUE;
  write_document (&served);
  vigie_feed_refresh (feed);
  VIGIE_TEST_WAIT_UNTIL (clients_at (rows, 0) == 199);
  g_assert_cmpstr (vigie_entity_get_name (row_at (rows, 0)), ==, "Borne 007");
  /* Selected again, as by a click on the map: scrolled to it. */
  g_assert_true (vigie_entity_list_select (list, vigie_store_lookup (store, VIGIE_ENTITY_HOTSPOT, "h7")));
  VIGIE_TEST_WAIT_UNTIL (vigie_test_find_label (GTK_WIDGET (view), "199 clients", VIGIE_TEST_LABEL_WHOLE | VIGIE_TEST_LABEL_DRAWABLE) != NULL);
  g_assert_nonnull (vigie_entity_list_get_selected (list));
  g_assert_cmpstr (vigie_entity_get_id (vigie_entity_list_get_selected (list)), ==, "h7");
  g_assert_true (vigie_entity_list_get_selected (list) == vigie_store_lookup (store, VIGIE_ENTITY_HOTSPOT, "h7"));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, N_HOTSPOTS);
  g_assert_null (vigie_store_lookup (store, VIGIE_ENTITY_HOTSPOT, "h3"));
  g_assert_nonnull (vigie_store_lookup (store, VIGIE_ENTITY_HOTSPOT, "h300"));
  for (guint i = 0; i < N_HOTSPOTS; i++)
    g_assert_cmpstr (vigie_entity_get_id (row_at (rows, i)), !=, "h3");
  /* Scrolled through, every row made at least once. */
  {
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

    for (double y = 0; y < gtk_adjustment_get_upper (adjustment); y += gtk_adjustment_get_page_size (adjustment))
      {
        gtk_adjustment_set_value (adjustment, y);
        vigie_test_spin (20);
      }
  }

  /* Ages are written again as time goes, without an update. */
  vigie_clock_set_time (served.observed_at + 11 * 60);
  vigie_entity_list_refresh_ages (list);
  g_assert_nonnull (vigie_test_find_label (GTK_WIDGET (view), "11 min", VIGIE_TEST_LABEL_WHOLE | VIGIE_TEST_LABEL_DRAWABLE));
  vigie_clock_set_time (0);

  /* Closed from its own button: the row's toggle goes off. */
  {
    GtkWidget *close = vigie_test_find_descendant (GTK_WIDGET (list), GTK_TYPE_BUTTON);

    g_assert_cmpstr (gtk_widget_get_tooltip_text (close), ==, "Close the List");
    g_signal_emit_by_name (close, "clicked");
  }
  g_assert_null (vigie_test_find_descendant (GTK_WIDGET (window), VIGIE_TYPE_ENTITY_LIST));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));

  /* And again from the row, then closed by it. */
  g_signal_emit_by_name (button, "clicked");
  g_assert_nonnull (vigie_test_find_descendant (GTK_WIDGET (window), VIGIE_TYPE_ENTITY_LIST));
  g_signal_emit_by_name (button, "clicked");
  g_assert_null (vigie_test_find_descendant (GTK_WIDGET (window), VIGIE_TYPE_ENTITY_LIST));

  vigie_test_window_close (fixture);
  g_unlink (path);
  g_string_free (served.document, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  /* The test context keeps the accessible properties for us to read. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (!vigie_test_init_window_test (&argc, &argv, "entity list"))
    return 77;

  vigie_test_add_window ("/entity-list/open-sort-select-update", test_entity_list);

  return g_test_run ();
}
