/* vigie-test-ui.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <libsoup/soup.h>
#include <shumate/shumate.h>

#include "vigie-application.h"
#include "vigie-map-layer.h"
#include "vigie-store.h"
#include "vigie-test-support.h"
#include "vigie-window.h"

G_BEGIN_DECLS

/* What the widget tests share: a tile for the loopback tile server, the
 * application window opened and closed, widgets found in a tree, a map
 * rendered to pixels. */

/* What a widget search asks of a widget. */
typedef gboolean (*VigieTestWidgetMatch) (GtkWidget     *widget,
                                          gconstpointer  data);

/* Which labels vigie_test_find_label() and vigie_test_collect_labels()
 * take: by default any whose text contains the one asked for. */
typedef enum
{
  VIGIE_TEST_LABEL_ANY      = 0,
  VIGIE_TEST_LABEL_VISIBLE  = 1 << 0,  /* gtk_widget_get_visible() */
  VIGIE_TEST_LABEL_DRAWABLE = 1 << 1,  /* on screen: gtk_widget_is_drawable() */
  VIGIE_TEST_LABEL_WHOLE    = 1 << 2,  /* the whole text, not a part */
  VIGIE_TEST_LABEL_BARS     = 1 << 3,  /* collected each followed by "|", not on a line */
} VigieTestLabelFlags;

/* A loopback server of base-map tiles under /tiles (and of the Wi-Fi
 * fixture at /wifi.json), counting the tile requests. */
typedef struct
{
  SoupServer *server;
  char       *base_url;           /* http://127.0.0.1:<port> */
  char       *tile_url;           /* a template of its own: a cache of its own */
  int         port;
  GBytes     *png;
  guint       status;             /* what tile requests get */
  const char *etag;               /* NULL, or sent with each tile: a request
                                   * naming it in If-None-Match gets 304 */
  guint       delay_ms;           /* hold each answer this long */
  guint       n_requests;
  guint       n_with_user_agent;  /* of those, sent with Vigie's User-Agent */
  guint       n_ok;               /* answered with the tile */
  guint       n_not_modified;     /* answered 304 */
  guint       in_flight;          /* held, not answered yet */
  guint       max_in_flight;
} VigieTestTileServer;

/* A test of the application window (vigie_test_window_setup()). */
typedef struct
{
  VigieTestTileServer  tiles;
  GSettings           *settings;
  VigieApplication    *app;      /* once the window is open */
  VigieWindow         *window;
} VigieTestWindow;

typedef void (*VigieTestWindowFunc) (VigieTestWindow *fixture,
                                     gconstpointer    data);

/* The map-layer tests' fixture (vigie_test_map_layer_setup()): a bikes
 * layer of a store of its own on a map of VIGIE_TEST_MAP_WIDTH ×
 * VIGIE_TEST_MAP_HEIGHT pixels centred on (VIGIE_TEST_MAP_LAT,
 * VIGIE_TEST_MAP_LON) at zoom VIGIE_TEST_MAP_ZOOM, shown in a window. */
#define VIGIE_TEST_MAP_LAT    47.7508
#define VIGIE_TEST_MAP_LON     7.3359
#define VIGIE_TEST_MAP_ZOOM   17.0
#define VIGIE_TEST_MAP_WIDTH  480
#define VIGIE_TEST_MAP_HEIGHT 360

typedef struct
{
  GtkWidget        *window;
  ShumateMap       *map;
  ShumateMapSource *source;
  VigieStore       *store;
  VigieMapLayer    *layer;
} VigieTestMapLayer;

/* One tile asked of a ShumateDataSource, as libshumate does. */
typedef struct
{
  gboolean  done;
  GBytes   *bytes;             /* the answer, or NULL with @error */
  GError   *error;
  GBytes   *received;          /* what received-data gave last */
  guint     n_received;
  int       received_x, received_y, received_zoom;
} VigieTestTileFetch;

void              vigie_test_tile_server_start (VigieTestTileServer  *tiles,
                                                guint                 status);
void              vigie_test_tile_server_stop  (VigieTestTileServer  *tiles);

void              vigie_test_fetch_tile        (ShumateDataSource    *source,
                                                int                   x,
                                                int                   y,
                                                int                   zoom,
                                                VigieTestTileFetch   *fetch);
void              vigie_test_tile_fetch_clear  (VigieTestTileFetch   *fetch);
GBytes           *vigie_test_make_tile_png     (double                red,
                                                double                green,
                                                double                blue);

gboolean          vigie_test_init_gtk          (int                  *argc,
                                                char               ***argv,
                                                const char           *what);
gboolean          vigie_test_init_window_test  (int                  *argc,
                                                char               ***argv,
                                                const char           *what);
GSettings        *vigie_test_reset_settings    (const char           *tile_url);
VigieApplication *vigie_test_new_application   (const char           *name);
VigieWindow      *vigie_test_open_window       (VigieApplication     *app);
void              vigie_test_close_window      (VigieApplication     *app,
                                                VigieWindow          *window);
char             *vigie_test_use_wifi_profile  (GSettings            *settings,
                                                VigieTestTileServer  *tiles,
                                                const char           *path);
void              vigie_test_window_setup      (VigieTestWindow      *fixture,
                                                gconstpointer         data);
VigieWindow      *vigie_test_window_open       (VigieTestWindow      *fixture,
                                                const char           *name);
void              vigie_test_window_close      (VigieTestWindow      *fixture);
void              vigie_test_window_teardown   (VigieTestWindow      *fixture,
                                                gconstpointer         data);
void              vigie_test_add_window        (const char           *path,
                                                VigieTestWindowFunc   func);

void              vigie_test_present           (GtkWindow            *window,
                                                GtkWidget            *child,
                                                GtkWidget            *sized);
GtkWidget        *vigie_test_find_descendant   (GtkWidget            *widget,
                                                GType                 type);
GtkWidget        *vigie_test_find_widget       (GtkWidget            *widget,
                                                VigieTestWidgetMatch  match,
                                                gconstpointer         data);
GPtrArray        *vigie_test_collect_widgets   (GtkWidget            *widget,
                                                VigieTestWidgetMatch  match,
                                                gconstpointer         data);
GtkWidget        *vigie_test_find_label        (GtkWidget            *widget,
                                                const char           *text,
                                                VigieTestLabelFlags   flags);
void              vigie_test_collect_labels    (GtkWidget            *widget,
                                                VigieTestLabelFlags   flags,
                                                GString              *out);
gboolean          vigie_test_activate_shortcut (GtkWidget            *widget,
                                                guint                 keyval);

ShumateMap       *vigie_test_map_new           (double                latitude,
                                                double                longitude,
                                                double                zoom,
                                                ShumateMapSource    **source);
void              vigie_test_map_layer_setup   (VigieTestMapLayer    *fixture,
                                                gconstpointer         data);
void              vigie_test_map_layer_teardown (VigieTestMapLayer   *fixture,
                                                 gconstpointer        data);
void              vigie_test_wait_layers       (GtkWidget            *widget);
GdkTexture       *vigie_test_render_widget     (GtkWidget            *widget);
guint32           vigie_test_pixel_at          (GdkTexture           *texture,
                                                double                x,
                                                double                y);
int               vigie_test_pixel_distance    (guint32               a,
                                                guint32               b,
                                                gboolean              with_alpha);

G_END_DECLS
