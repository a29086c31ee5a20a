/* vigie-test-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-map-layer.h"
#include "vigie-test-ui.h"

/* The loopback tile server */

static cairo_status_t
append_png_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A 256×256 PNG tile of one colour. */
GBytes *
vigie_test_make_tile_png (double red,
                          double green,
                          double blue)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  GByteArray *bytes = g_byte_array_new ();

  cairo_set_source_rgb (cr, red, green, blue);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_png_cb, bytes);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (bytes);
}

typedef struct
{
  VigieTestTileServer *tiles;
  SoupServerMessage   *msg;
} HeldTile;

static void
answer_tile (VigieTestTileServer *tiles,
             SoupServerMessage   *msg)
{
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);

  if (tiles->status != SOUP_STATUS_OK)
    {
      soup_server_message_set_status (msg, tiles->status, NULL);
      return;
    }

  if (tiles->etag != NULL)
    {
      soup_message_headers_replace (response_headers, "ETag", tiles->etag);
      if (g_strcmp0 (soup_message_headers_get_one (request_headers, "If-None-Match"), tiles->etag) == 0)
        {
          tiles->n_not_modified++;
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
          return;
        }
    }

  tiles->n_ok++;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (tiles->png, NULL),
                                    g_bytes_get_size (tiles->png));
}

static gboolean
release_tile_cb (gpointer data)
{
  HeldTile *held = data;

  answer_tile (held->tiles, held->msg);
  held->tiles->in_flight--;
  soup_server_message_unpause (held->msg);
  g_object_unref (held->msg);
  g_free (held);

  return G_SOURCE_REMOVE;
}

static void
tile_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  VigieTestTileServer *tiles = user_data;
  const char *user_agent;

  tiles->n_requests++;
  user_agent = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "User-Agent");
  if (g_strcmp0 (user_agent, "Vigie/" PACKAGE_VERSION " (+" PACKAGE_URL ")") == 0)
    tiles->n_with_user_agent++;

  if (tiles->delay_ms > 0)
    {
      HeldTile *held = g_new0 (HeldTile, 1);

      held->tiles = tiles;
      held->msg = g_object_ref (msg);
      tiles->in_flight++;
      tiles->max_in_flight = MAX (tiles->max_in_flight, tiles->in_flight);
      soup_server_message_pause (msg);
      g_timeout_add (tiles->delay_ms, release_tile_cb, held);
      return;
    }

  answer_tile (tiles, msg);
}

/* Tile requests get @status, and a light grey tile when it is 200. */
void
vigie_test_tile_server_start (VigieTestTileServer *tiles,
                              guint                status)
{
  static guint n_servers;

  tiles->png = vigie_test_make_tile_png (0.9, 0.93, 0.96);
  tiles->status = status;
  tiles->server = vigie_test_server_new ("/tiles", tile_handler, tiles);
  vigie_test_server_add_fixture (tiles->server, "/wifi.json", "wifi", "hotspots.geojson", "application/geo+json");
  tiles->port = vigie_test_server_get_port (tiles->server);
  tiles->base_url = vigie_test_server_get_base_url (tiles->server);
  tiles->tile_url = g_strdup_printf ("%s/tiles/s%u/{z}/{x}/{y}.png", tiles->base_url, ++n_servers);
}

void
vigie_test_tile_server_stop (VigieTestTileServer *tiles)
{
  g_clear_pointer (&tiles->server, vigie_test_server_stop);
  g_clear_pointer (&tiles->base_url, g_free);
  g_clear_pointer (&tiles->tile_url, g_free);
  g_clear_pointer (&tiles->png, g_bytes_unref);
}

/* Tiles asked of a data source */

void
vigie_test_tile_fetch_clear (VigieTestTileFetch *fetch)
{
  g_clear_pointer (&fetch->bytes, g_bytes_unref);
  g_clear_pointer (&fetch->received, g_bytes_unref);
  g_clear_error (&fetch->error);
}

static void
on_received_data_cb (ShumateDataSource  *source,
                     int                 x,
                     int                 y,
                     int                 zoom,
                     GBytes             *bytes,
                     VigieTestTileFetch *fetch)
{
  g_clear_pointer (&fetch->received, g_bytes_unref);
  fetch->received = g_bytes_ref (bytes);
  fetch->received_x = x;
  fetch->received_y = y;
  fetch->received_zoom = zoom;
  fetch->n_received++;
}

static void
on_tile_data_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  VigieTestTileFetch *fetch = user_data;

  fetch->bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (object), result, &fetch->error);
  fetch->done = TRUE;
}

/* Asks @source for a tile and waits for the answer, in @fetch (cleared
 * first), with what came through received-data on the way: libshumate 1.0
 * paints only that. */
void
vigie_test_fetch_tile (ShumateDataSource  *source,
                       int                 x,
                       int                 y,
                       int                 zoom,
                       VigieTestTileFetch *fetch)
{
  gulong id;

  vigie_test_tile_fetch_clear (fetch);
  *fetch = (VigieTestTileFetch) { 0 };
  id = g_signal_connect (source, "received-data", G_CALLBACK (on_received_data_cb), fetch);
  shumate_data_source_get_tile_data_async (source, x, y, zoom, NULL, on_tile_data_cb, fetch);
  VIGIE_TEST_WAIT_UNTIL (fetch->done);
  g_signal_handler_disconnect (source, id);
}

/* The application window */

/* Every setting back to its default; then, unless @tile_url is NULL, the
 * base map from @tile_url and no city: a city's feeds are on the internet. */
GSettings *
vigie_test_reset_settings (const char *tile_url)
{
  GSettings *settings = g_settings_new (SCHEMA_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    g_settings_reset (settings, keys[i]);

  if (tile_url != NULL)
    {
      g_settings_set_string (settings, "tile-url", tile_url);
      g_settings_set_string (settings, "profile", "");
    }
  return settings;
}

/* A new application, "io.github.vigie.Vigie.<name><n>": one id per test,
 * as the bus keeps an application's object path until the process ends. */
VigieApplication *
vigie_test_new_application (const char *name)
{
  static guint n_apps;
  g_autofree char *app_id = g_strdup_printf ("io.github.vigie.Vigie.%s%u", name, ++n_apps);

  return vigie_application_new (app_id, G_APPLICATION_NON_UNIQUE);
}

/* Registers and activates @app; its window, once mapped. */
VigieWindow *
vigie_test_open_window (VigieApplication *app)
{
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (VIGIE_IS_WINDOW (window));
  VIGIE_TEST_WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  return VIGIE_WINDOW (window);
}

void
vigie_test_close_window (VigieApplication *app,
                         VigieWindow      *window)
{
  gtk_window_close (GTK_WINDOW (window));
  VIGIE_TEST_WAIT_UNTIL (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL);
}

/* The operator's profile "essai", chosen in @settings: a city of one
 * Wi-Fi feed, "Wi-Fi public", read from @tiles at @path. Returns the
 * profile's file. */
char *
vigie_test_use_wifi_profile (GSettings           *settings,
                             VigieTestTileServer *tiles,
                             const char          *path)
{
  return vigie_test_use_profile (settings, "essai",
                                 "[Profile]\nName=Essai\n"
                                 "[Feed wifi]\nName=Wi-Fi public\nKind=wifi\n"
                                 "Format=wifi-geojson\nUrl=%s%s\n",
                                 tiles->base_url, path);
}

/* A test of the application window, with g_test_add(): the tile server
 * answering 200 (a test may change its status before the window opens),
 * every setting back to its default and the tiles from it. The test sets
 * what it wants, then opens the window. */
void
vigie_test_window_setup (VigieTestWindow *fixture,
                         gconstpointer    data)
{
  vigie_test_tile_server_start (&fixture->tiles, SOUP_STATUS_OK);
  fixture->settings = vigie_test_reset_settings (fixture->tiles.tile_url);
}

/* A new application, "io.github.vigie.Vigie.<name><n>", and its window
 * once mapped; a window closed before is replaced, with its application. */
VigieWindow *
vigie_test_window_open (VigieTestWindow *fixture,
                        const char      *name)
{
  g_clear_object (&fixture->app);
  fixture->app = vigie_test_new_application (name);
  fixture->window = vigie_test_open_window (fixture->app);

  return fixture->window;
}

/* Closes the window, for a test that looks at what closing did. */
void
vigie_test_window_close (VigieTestWindow *fixture)
{
  vigie_test_close_window (fixture->app, fixture->window);
  fixture->window = NULL;
}

/* Adds @func as a test of the application window, run between
 * vigie_test_window_setup() and vigie_test_window_teardown(). */
void
vigie_test_add_window (const char          *path,
                       VigieTestWindowFunc  func)
{
  g_test_add_vtable (path, sizeof (VigieTestWindow), NULL,
                     (GTestFixtureFunc) vigie_test_window_setup,
                     (GTestFixtureFunc) func,
                     (GTestFixtureFunc) vigie_test_window_teardown);
}

/* The window closed unless the test did (or quit the application), then
 * the tile server stopped. */
void
vigie_test_window_teardown (VigieTestWindow *fixture,
                            gconstpointer    data)
{
  if (fixture->app != NULL && gtk_application_get_windows (GTK_APPLICATION (fixture->app)) != NULL)
    vigie_test_window_close (fixture);
  vigie_test_tile_server_stop (&fixture->tiles);
  g_clear_object (&fixture->app);
  g_clear_object (&fixture->settings);
}

/* Widgets */

/* g_test_init() and GTK for a widget test: FALSE, having said so, without
 * a display (the test then exits with 77, skipped). */
gboolean
vigie_test_init_gtk (int         *argc,
                     char      ***argv,
                     const char  *what)
{
  g_test_init (argc, argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("no display: skipping the %s tests\n", what);
      return FALSE;
    }

  return TRUE;
}

/* For a test of the application window: the user cache (libshumate's
 * tiles), config (operators' profiles) and data (history, acknowledged
 * alerts) in folders of this run, then g_test_init() and GTK. FALSE,
 * having said so, without a display. */
gboolean
vigie_test_init_window_test (int         *argc,
                             char      ***argv,
                             const char  *what)
{
  vigie_test_use_fresh_folder ("XDG_CACHE_HOME");
  vigie_test_use_fresh_folder ("XDG_CONFIG_HOME");
  vigie_test_use_fresh_folder ("XDG_DATA_HOME");

  return vigie_test_init_gtk (argc, argv, what);
}

/* Shows @child in @window and waits until @sized has a width, then a
 * little more for the first frames. */
void
vigie_test_present (GtkWindow *window,
                    GtkWidget *child,
                    GtkWidget *sized)
{
  gtk_window_set_child (window, child);
  gtk_window_present (window);

  while (gtk_widget_get_width (sized) == 0)
    g_main_context_iteration (NULL, TRUE);
  vigie_test_spin (50);
}

/* @widget or its first descendant, depth first, for which @match is
 * TRUE; popovers and pages not shown count too. */
GtkWidget *
vigie_test_find_widget (GtkWidget           *widget,
                        VigieTestWidgetMatch match,
                        gconstpointer        data)
{
  if (match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = vigie_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
collect_widgets (GtkWidget            *widget,
                 VigieTestWidgetMatch  match,
                 gconstpointer         data,
                 GPtrArray            *found)
{
  if (match (widget, data))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, match, data, found);
}

/* @widget and its descendants that @match, depth first, in the order
 * vigie_test_find_widget() meets them.
 *
 * Returns: (transfer container) (element-type GtkWidget): the widgets */
GPtrArray *
vigie_test_collect_widgets (GtkWidget            *widget,
                            VigieTestWidgetMatch  match,
                            gconstpointer         data)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_widgets (widget, match, data, found);
  return found;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return g_type_is_a (G_OBJECT_TYPE (widget), GPOINTER_TO_SIZE (type));
}

/* @widget or its first descendant of @type, depth first. */
GtkWidget *
vigie_test_find_descendant (GtkWidget *widget,
                            GType      type)
{
  return vigie_test_find_widget (widget, is_of_type, GSIZE_TO_POINTER (type));
}

typedef struct
{
  const char          *text;
  VigieTestLabelFlags  flags;
} LabelQuery;

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  data)
{
  const LabelQuery *query = data;
  const char *text;

  if (!GTK_IS_LABEL (widget))
    return FALSE;
  if ((query->flags & VIGIE_TEST_LABEL_VISIBLE) && !gtk_widget_get_visible (widget))
    return FALSE;
  if ((query->flags & VIGIE_TEST_LABEL_DRAWABLE) && !gtk_widget_is_drawable (widget))
    return FALSE;

  text = gtk_label_get_text (GTK_LABEL (widget));
  if (query->flags & VIGIE_TEST_LABEL_WHOLE)
    return g_str_equal (text, query->text);
  return strstr (text, query->text) != NULL;
}

/* The first label under @widget, depth first, whose text contains
 * @text (or is @text, with VIGIE_TEST_LABEL_WHOLE). */
GtkWidget *
vigie_test_find_label (GtkWidget           *widget,
                       const char          *text,
                       VigieTestLabelFlags  flags)
{
  LabelQuery query = { text, flags };

  return vigie_test_find_widget (widget, is_label, &query);
}

/* Appends the text of every label under @widget, depth first, one a
 * line (or each followed by "|" with VIGIE_TEST_LABEL_BARS); only the
 * visible ones with VIGIE_TEST_LABEL_VISIBLE. */
void
vigie_test_collect_labels (GtkWidget           *widget,
                           VigieTestLabelFlags  flags,
                           GString             *out)
{
  if (GTK_IS_LABEL (widget) &&
      (!(flags & VIGIE_TEST_LABEL_VISIBLE) || gtk_widget_get_visible (widget)))
    g_string_append_printf (out, "%s%c", gtk_label_get_text (GTK_LABEL (widget)),
                            flags & VIGIE_TEST_LABEL_BARS ? '|' : '\n');

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    vigie_test_collect_labels (child, flags, out);
}

/* Activates the shortcut of @widget for @keyval without modifiers, as
 * its shortcut controller does with a key press: FALSE when there is none
 * or its action did nothing. */
gboolean
vigie_test_activate_shortcut (GtkWidget *widget,
                              guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

/* The map */

/* A map centred on (@latitude, @longitude) at @zoom, whose reference
 * source (returned in @source, owned by the caller) is at an address that
 * is never asked for: no map layer uses it. */
ShumateMap *
vigie_test_map_new (double             latitude,
                    double             longitude,
                    double             zoom,
                    ShumateMapSource **source)
{
  ShumateMap *map = shumate_map_new ();
  ShumateViewport *viewport = shumate_map_get_viewport (map);

  *source = SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_from_url ("https://tiles.invalid/{z}/{x}/{y}.png"));
  shumate_viewport_set_reference_map_source (viewport, *source);
  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_map_center_on (map, latitude, longitude);

  return map;
}

void
vigie_test_map_layer_setup (VigieTestMapLayer *fixture,
                            gconstpointer      data)
{
  ShumateViewport *viewport;

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), VIGIE_TEST_MAP_WIDTH, VIGIE_TEST_MAP_HEIGHT);

  fixture->map = vigie_test_map_new (VIGIE_TEST_MAP_LAT, VIGIE_TEST_MAP_LON, VIGIE_TEST_MAP_ZOOM, &fixture->source);
  viewport = shumate_map_get_viewport (fixture->map);

  fixture->store = vigie_store_new ();
  fixture->layer = vigie_map_layer_new (viewport, VIGIE_FEED_KIND_BIKES, G_LIST_MODEL (fixture->store));
  vigie_map_layer_set_title (fixture->layer, "Test bikes");
  shumate_map_add_layer (fixture->map, SHUMATE_LAYER (fixture->layer));

  vigie_test_present (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->map), GTK_WIDGET (fixture->layer));
}

void
vigie_test_map_layer_teardown (VigieTestMapLayer *fixture,
                               gconstpointer      data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->source);
}

static gboolean
any_layer_busy (GtkWidget *widget)
{
  if (VIGIE_IS_MAP_LAYER (widget) && vigie_map_layer_get_busy (VIGIE_MAP_LAYER (widget)))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (any_layer_busy (child))
      return TRUE;

  return FALSE;
}

/* Map layers rebuild their items in a worker after a store update: waits
 * until every one under @widget shows the data of its store. */
void
vigie_test_wait_layers (GtkWidget *widget)
{
  VIGIE_TEST_WAIT_UNTIL (!any_layer_busy (widget));
}

/* @widget, as drawn, at its size, once its map layers show their data;
 * NULL when it draws nothing. */
GdkTexture *
vigie_test_render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  vigie_test_wait_layers (widget);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return NULL;

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* 0xRRGGBBAA of a pixel of @texture; the last two textures are kept
 * (and held) downloaded, as the tests compare two renderings pixel by pixel. */
guint32
vigie_test_pixel_at (GdkTexture *texture,
                     double      x,
                     double      y)
{
  static struct { GdkTexture *texture; guchar *data; } cache[2];
  static guint next;
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  int px = (int) round (x), py = (int) round (y);
  guchar *data = NULL;
  guint32 argb;

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, width);
  g_assert_cmpint (py, <, height);

  for (guint i = 0; i < G_N_ELEMENTS (cache); i++)
    if (cache[i].texture == texture)
      data = cache[i].data;
  if (data == NULL)
    {
      data = g_realloc (cache[next].data, (gsize) width * height * 4);
      gdk_texture_download (texture, data, width * 4);
      /* Held, so that no other texture comes at its address. */
      g_set_object (&cache[next].texture, texture);
      cache[next].data = data;
      next = (next + 1) % G_N_ELEMENTS (cache);
    }
  argb = *(guint32 *) (data + ((gsize) py * width + px) * 4);

  /* Cairo order (premultiplied ARGB in native endianness) → 0xRRGGBBAA. */
  return (argb << 8) | (argb >> 24);
}

/* The largest difference between two 0xRRGGBBAA pixels' red, green and
 * blue, and their alpha too when @with_alpha. */
int
vigie_test_pixel_distance (guint32  a,
                           guint32  b,
                           gboolean with_alpha)
{
  int d = 0;

  for (guint shift = with_alpha ? 0 : 8; shift <= 24; shift += 8)
    d = MAX (d, ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)));

  return d;
}
