/* test-layer-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vigie-clock.h"
#include "vigie-filter-menu.h"
#include "vigie-layer-row.h"
#include "vigie-map-layer.h"
#include "vigie-style.h"
#include "vigie-test-gtfs-rt.h"
#include "vigie-test-gtfs.h"
#include "vigie-test-ui.h"

/* A trams layer's row in the layers panel names the trams the timetable
 * expects and no vehicle reports. The list is made in the feed's worker
 * with each update (a tap), the row only shows it: here over the real
 * path, a GTFS timetable and GTFS-Realtime positions on 127.0.0.1. */

static GBytes *
pack_positions (gint64      now,
                const char *trip_id)
{
  g_autoptr(VigieTestFeed) feed = vigie_test_feed_new ((guint64) now, FALSE);
  TransitRealtime__VehiclePosition *vehicle;
  TransitRealtime__TripDescriptor *trip;

  vehicle = vigie_test_feed_add_vehicle (feed, "v1", "2149", 47.75f, 7.34f, (guint64) now);
  trip = vigie_test_vehicle_add_trip (feed, vehicle);
  trip->trip_id = (char *) trip_id;

  return vigie_test_feed_pack (feed);
}

static const char *
row_subtitle (GtkWidget *row)
{
  return adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
}

static void
test_layer_row_ghosts (void)
{
  gint64 now = vigie_test_paris_time (2026, 3, 9, 8, 5, 0);
  g_autoptr(VigieHttpClient) client = vigie_http_client_new ("Vigie-test");
  g_autoptr(VigieFeed) feed = NULL;
  g_autoptr(ShumateMap) map = NULL;
  g_autoptr(ShumateMapSource) source = NULL;
  g_autoptr(VigieMapLayer) layer = NULL;
  GtkWidget *row, *ghosts;
  GtkWindow *window;
  VigieTestGtfsServer server = { NULL, };

  /* One vehicle on a trip the timetable does not know: T1-day, running
   * at 08:05, is reported by nobody. */
  feed = vigie_test_gtfs_server_start (&server, pack_positions (now, "unknown-trip"), "vehicle-positions");
  vigie_clock_set_time (now);

  map = g_object_ref_sink (vigie_test_map_new (47.75, 7.34, 14, &source));
  layer = g_object_ref_sink (vigie_map_layer_new_for_feed (shumate_map_get_viewport (map), feed));
  row = vigie_layer_row_new (layer);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (window, row);
  gtk_window_present (window);
  ghosts = vigie_test_find_label (row, "towards", VIGIE_TEST_LABEL_ANY);
  g_assert_null (ghosts);

  vigie_feed_start (feed, client);
  VIGIE_TEST_WAIT_UNTIL (strstr (row_subtitle (row), "missing") != NULL);
  g_assert_nonnull (strstr (row_subtitle (row), "1 missing"));
  ghosts = vigie_test_find_label (row, "Line 1 towards C terminus", VIGIE_TEST_LABEL_ANY);
  g_assert_nonnull (ghosts);

  /* The vehicle now covers the trip: nothing is missing any more. */
  g_bytes_unref (server.realtime);
  server.realtime = pack_positions (now, "T1-day");
  vigie_feed_refresh (feed);
  VIGIE_TEST_WAIT_UNTIL (strstr (row_subtitle (row), "missing") == NULL);
  g_assert_null (vigie_test_find_label (row, "towards", VIGIE_TEST_LABEL_VISIBLE));

  vigie_feed_stop (feed);
  gtk_window_destroy (window);
  vigie_clock_set_time (0);
  vigie_test_gtfs_server_stop (&server);
}

static gboolean
is_list_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "list.show") == 0;
}

/* @row appended to @list in a window as wide as the sidebar (340 px),
 * shown and laid out. */
static GtkWindow *
present_in_sidebar (GtkWidget *list,
                    GtkWidget *row)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_window_set_default_size (window, 340, 400);
  gtk_window_set_child (window, list);
  gtk_window_present (window);
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (row) && gtk_widget_get_width (row) > 0);

  return window;
}

/* A 340 px sidebar's row: the header holds the list's button and the
 * switch, the filter is a row below, and the name is whole on two lines;
 * longer, cut on two lines and whole in its tooltip. */
static void
test_layer_row_narrow (void)
{
  const char *names[] = { "Trams Soléa (simulé)", "Trams Soléa, SIRI-Lite, réseau de la ville de Mulhouse et de son agglomération (simulé)" };
  g_autoptr(ShumateMap) map = NULL;
  g_autoptr(ShumateMapSource) source = NULL;

  map = g_object_ref_sink (vigie_test_map_new (47.75, 7.34, 14, &source));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(VigieFeed) feed = vigie_feed_new ("trams", names[i], VIGIE_FEED_KIND_TRAMS, "gtfs", "http://127.0.0.1:9/gtfs.zip");
      g_autoptr(VigieMapLayer) layer = g_object_ref_sink (vigie_map_layer_new_for_feed (shumate_map_get_viewport (map), feed));
      GtkWidget *row = vigie_layer_row_new (layer);
      GtkWidget *list = gtk_list_box_new ();
      GtkWidget *header, *title, *list_button, *filter;
      GtkWindow *window;
      PangoLayout *layout;

      gtk_widget_add_css_class (list, "boxed-list");
      gtk_widget_set_margin_start (list, 12);
      gtk_widget_set_margin_end (list, 12);
      window = present_in_sidebar (list, row);
      vigie_test_spin (100);

      /* The header: the action row the expander row is made of. */
      header = vigie_test_find_descendant (row, ADW_TYPE_ACTION_ROW);
      g_assert_nonnull (header);
      g_assert_cmpint (gtk_widget_get_width (header), <=, 340);
      list_button = vigie_test_find_widget (row, is_list_button, NULL);
      filter = vigie_test_find_descendant (row, VIGIE_TYPE_FILTER_MENU);
      g_assert_nonnull (list_button);
      g_assert_nonnull (filter);
      g_assert_true (gtk_widget_get_visible (list_button));
      g_assert_true (gtk_widget_is_ancestor (list_button, header));
      g_assert_false (gtk_widget_is_ancestor (filter, header));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (list_button), ==, "Show as a List");

      title = vigie_test_find_label (header, names[i], VIGIE_TEST_LABEL_WHOLE);
      g_assert_nonnull (title);
      layout = gtk_label_get_layout (GTK_LABEL (title));
      g_assert_cmpint (pango_layout_get_line_count (layout), <=, 2);
      if (i == 0)
        g_assert_false (pango_layout_is_ellipsized (layout));
      else
        g_assert_true (pango_layout_is_ellipsized (layout));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (header), ==, names[i]);

      gtk_window_destroy (window);
    }
}

static gboolean
is_label_saying (GtkWidget     *widget,
                 gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

/* The legend's rows are made when the row is first opened, not with the
 * window: closed, their long explanations were still measured, most of
 * the text laid out before the first frame. Opened, they are all there,
 * with the layer's thresholds. */
static void
test_layer_row_legend_on_opening (void)
{
  g_autoptr(ShumateMap) map = NULL;
  g_autoptr(ShumateMapSource) source = NULL;
  g_autoptr(VigieFeed) feed = vigie_feed_new ("bikes", "Bikes", VIGIE_FEED_KIND_BIKES, "gbfs", "http://127.0.0.1:9/gbfs.json");
  g_autoptr(VigieMapLayer) layer = NULL;
  g_autoptr(GPtrArray) legend = NULL;
  const VigieLegendItem *first;
  GtkWidget *row, *list;
  GtkWindow *window;

  map = g_object_ref_sink (vigie_test_map_new (47.75, 7.34, 14, &source));
  layer = g_object_ref_sink (vigie_map_layer_new_for_feed (shumate_map_get_viewport (map), feed));
  legend = vigie_style_legend (VIGIE_FEED_KIND_BIKES, vigie_map_layer_get_thresholds (layer));
  g_assert_cmpuint (legend->len, >, 1);
  first = g_ptr_array_index (legend, 0);

  row = vigie_layer_row_new (layer);
  list = gtk_list_box_new ();
  window = present_in_sidebar (list, row);

  g_assert_null (vigie_test_find_label (row, first->description, VIGIE_TEST_LABEL_ANY));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  for (guint i = 0; i < legend->len; i++)
    {
      const VigieLegendItem *item = g_ptr_array_index (legend, i);

      g_test_message ("legend entry %s", item->title);
      g_assert_nonnull (vigie_test_find_label (row, item->title, VIGIE_TEST_LABEL_WHOLE));
      if (item->description != NULL)
        g_assert_nonnull (vigie_test_find_label (row, item->description, VIGIE_TEST_LABEL_WHOLE));
    }
  VIGIE_TEST_WAIT_UNTIL (vigie_test_find_label (row, first->title, VIGIE_TEST_LABEL_DRAWABLE) != NULL);

  /* Closed and opened again: the same rows, not a second legend. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), FALSE);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  {
    g_autoptr(GPtrArray) titles = vigie_test_collect_widgets (row, is_label_saying, first->title);

    g_assert_cmpuint (titles->len, ==, 1);
  }

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_gtk (&argc, &argv, "layer-row"))
    return 77;

  g_test_add_func ("/layer-row/ghosts", test_layer_row_ghosts);
  g_test_add_func ("/layer-row/narrow", test_layer_row_narrow);
  g_test_add_func ("/layer-row/legend-on-opening", test_layer_row_legend_on_opening);

  return g_test_run ();
}
