/* vigie-base-map.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-base-map"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-base-map.h"
#include "vigie-mbtiles-source.h"
#include "vigie-offline-source.h"
#include "vigie-tile-downloader.h"

/* The one place that turns the settings into the map's base layer:
 *
 *   base-map = "online"   tiles from tile-url, credited with tile-attribution
 *            = "offline"  the street map Vigie draws itself
 *            = "mbtiles"  tiles from the file at mbtiles-path
 *
 * base-map-style (auto, light, dark) is the built-in map's style.
 *
 * When the chosen map cannot be had (the tile server keeps failing, the
 * file is not MBTiles), the built-in map is shown instead and
 * fallback-reason says why, for the window to tell the operator. The
 * settings are left alone: the choice is retried when they change or when
 * vigie_base_map_retry() is called. */

#define ONLINE_MIN_ZOOM 0
#define ONLINE_MAX_ZOOM 19
#define OSM_COPYRIGHT_URI "https://www.openstreetmap.org/copyright"

struct _VigieBaseMap
{
  GObject              parent_instance;

  GSettings           *settings;
  ShumateMapSource    *map_source;
  VigieOfflineSource  *offline;       /* made once, kept for fallbacks */
  VigieTileDownloader *downloader;    /* while the online map is shown */
  char                *fallback_reason;
  ShumateMap          *map;           /* weak: the map that shows it */
};

G_DEFINE_FINAL_TYPE (VigieBaseMap, vigie_base_map, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_MAP_SOURCE,
  PROP_FALLBACK_REASON,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
set_map_source (VigieBaseMap     *self,
                ShumateMapSource *source,
                const char       *fallback_reason)
{
  if (g_set_object (&self->map_source, source))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MAP_SOURCE]);

  if (g_strcmp0 (self->fallback_reason, fallback_reason) != 0)
    {
      g_free (self->fallback_reason);
      self->fallback_reason = g_strdup (fallback_reason);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FALLBACK_REASON]);
    }
}

static ShumateMapSource *
get_offline (VigieBaseMap *self)
{
  if (self->offline == NULL)
    {
      g_autofree char *style = g_settings_get_string (self->settings, "base-map-style");

      self->offline = vigie_offline_source_new ();
      vigie_offline_source_set_style (self->offline, style);
      vigie_offline_source_watch (self->offline, self->map);
    }

  return SHUMATE_MAP_SOURCE (self->offline);
}

static void
drop_downloader (VigieBaseMap *self)
{
  if (self->downloader != NULL)
    g_signal_handlers_disconnect_by_data (self->downloader, self);
  g_clear_object (&self->downloader);
}

static void
fall_back (VigieBaseMap *self,
           const char   *reason)
{
  g_debug ("Falling back to the built-in map: %s", reason);
  drop_downloader (self);
  set_map_source (self, get_offline (self), reason);
}

static void
on_downloader_healthy_cb (VigieBaseMap        *self,
                          GParamSpec          *pspec,
                          VigieTileDownloader *downloader)
{
  if (vigie_tile_downloader_get_healthy (downloader))
    return;

  g_message ("The tile server keeps failing (%s)", vigie_tile_downloader_get_last_error (downloader));
  fall_back (self, _("Online map unavailable: showing the built-in offline map"));
}

static gboolean
is_tile_url (const char *url)
{
  return (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://")) &&
         g_uri_is_valid (url, G_URI_FLAGS_PARSE_RELAXED, NULL) &&
         strstr (url, "{x}") != NULL && strstr (url, "{z}") != NULL &&
         (strstr (url, "{y}") != NULL || strstr (url, "{tmsy}") != NULL);
}

static void
show_online (VigieBaseMap *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "tile-url");
  g_autofree char *attribution = g_settings_get_string (self->settings, "tile-attribution");
  g_autofree char *user_agent = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *id = NULL;
  g_autoptr(ShumateRasterRenderer) renderer = NULL;

  if (!is_tile_url (url))
    {
      fall_back (self, _("The online map address is not valid: showing the built-in offline map"));
      return;
    }

  /* The same User-Agent as every other request of the app. */
  user_agent = g_strdup_printf ("Vigie/%s (+%s)", PACKAGE_VERSION, PACKAGE_URL);
  self->downloader = vigie_tile_downloader_new (url, user_agent);
  g_signal_connect_object (self->downloader, "notify::healthy",
                           G_CALLBACK (on_downloader_healthy_cb), self,
                           G_CONNECT_SWAPPED);

  /* libshumate keys its tile cache on the source id: tie the id to the
   * address so that changing servers never shows another server's tiles. */
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, url, -1);
  id = g_strdup_printf ("vigie-online-%.12s", checksum);
  renderer = shumate_raster_renderer_new_full (id,
                                               _("Online map"),
                                               attribution,
                                               OSM_COPYRIGHT_URI,
                                               ONLINE_MIN_ZOOM,
                                               ONLINE_MAX_ZOOM,
                                               256,
                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                               SHUMATE_DATA_SOURCE (self->downloader));

  set_map_source (self, SHUMATE_MAP_SOURCE (renderer), NULL);
}

static void
show_mbtiles (VigieBaseMap *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "mbtiles-path");
  g_autoptr(VigieMbtilesSource) mbtiles = NULL;
  g_autoptr(ShumateMapSource) source = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  if (path[0] == '\0')
    {
      fall_back (self, _("No map file is chosen: showing the built-in offline map"));
      return;
    }

  file = g_file_new_for_path (path);
  mbtiles = vigie_mbtiles_source_new (file, &error);
  if (mbtiles == NULL)
    {
      /* Translators: %s is the reason, e.g. "“city.mbtiles” is not an MBTiles map file". */
      reason = g_strdup_printf (_("%s: showing the built-in offline map"), error->message);
      fall_back (self, reason);
      return;
    }

  source = vigie_mbtiles_source_to_map_source (mbtiles);
  set_map_source (self, source, NULL);
}

static void
rebuild (VigieBaseMap *self)
{
  g_autofree char *kind = g_settings_get_string (self->settings, "base-map");

  drop_downloader (self);

  if (g_str_equal (kind, "online"))
    show_online (self);
  else if (g_str_equal (kind, "mbtiles"))
    show_mbtiles (self);
  else
    set_map_source (self, get_offline (self), NULL);
}

static void
on_settings_changed_cb (VigieBaseMap *self,
                        const char   *key,
                        GSettings    *settings)
{
  if (g_str_equal (key, "base-map") ||
      g_str_equal (key, "tile-url") ||
      g_str_equal (key, "tile-attribution") ||
      g_str_equal (key, "mbtiles-path"))
    rebuild (self);
  else if (g_str_equal (key, "base-map-style") && self->offline != NULL)
    {
      g_autofree char *style = g_settings_get_string (settings, key);

      /* Redraws the tiles in place: no new source, no blank map. */
      vigie_offline_source_set_style (self->offline, style);
    }
}

static void
vigie_base_map_constructed (GObject *object)
{
  VigieBaseMap *self = (VigieBaseMap *)object;

  G_OBJECT_CLASS (vigie_base_map_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  g_signal_connect_object (self->settings, "changed",
                           G_CALLBACK (on_settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  rebuild (self);
}

static void
vigie_base_map_dispose (GObject *object)
{
  VigieBaseMap *self = (VigieBaseMap *)object;

  drop_downloader (self);
  g_clear_weak_pointer (&self->map);
  g_clear_object (&self->map_source);
  g_clear_object (&self->offline);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vigie_base_map_parent_class)->dispose (object);
}

static void
vigie_base_map_finalize (GObject *object)
{
  VigieBaseMap *self = (VigieBaseMap *)object;

  g_clear_pointer (&self->fallback_reason, g_free);

  G_OBJECT_CLASS (vigie_base_map_parent_class)->finalize (object);
}

static void
vigie_base_map_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VigieBaseMap *self = VIGIE_BASE_MAP (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_MAP_SOURCE:
      g_value_set_object (value, self->map_source);
      break;

    case PROP_FALLBACK_REASON:
      g_value_set_string (value, self->fallback_reason);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_base_map_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VigieBaseMap *self = VIGIE_BASE_MAP (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_base_map_class_init (VigieBaseMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = vigie_base_map_constructed;
  object_class->dispose = vigie_base_map_dispose;
  object_class->finalize = vigie_base_map_finalize;
  object_class->get_property = vigie_base_map_get_property;
  object_class->set_property = vigie_base_map_set_property;

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * VigieBaseMap:map-source:
   *
   * The source to give the map: it changes with the settings and when
   * the chosen map fails.
   */
  properties [PROP_MAP_SOURCE] =
    g_param_spec_object ("map-source", NULL, NULL,
                         SHUMATE_TYPE_MAP_SOURCE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VigieBaseMap:fallback-reason:
   *
   * A translated sentence saying why the built-in map is shown instead of
   * the chosen one, or %NULL when the chosen one is shown.
   */
  properties [PROP_FALLBACK_REASON] =
    g_param_spec_string ("fallback-reason", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_base_map_init (VigieBaseMap *self)
{
}

/**
 * vigie_base_map_new:
 * @settings: the app's settings (base-map, base-map-style, tile-url,
 *   tile-attribution, mbtiles-path)
 *
 * Returns: (transfer full): a new #VigieBaseMap, its map source ready
 */
VigieBaseMap *
vigie_base_map_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (VIGIE_TYPE_BASE_MAP,
                       "settings", settings,
                       NULL);
}

GSettings *
vigie_base_map_get_settings (VigieBaseMap *self)
{
  g_return_val_if_fail (VIGIE_IS_BASE_MAP (self), NULL);

  return self->settings;
}

ShumateMapSource *
vigie_base_map_get_map_source (VigieBaseMap *self)
{
  g_return_val_if_fail (VIGIE_IS_BASE_MAP (self), NULL);

  return self->map_source;
}

const char *
vigie_base_map_get_fallback_reason (VigieBaseMap *self)
{
  g_return_val_if_fail (VIGIE_IS_BASE_MAP (self), NULL);

  return self->fallback_reason;
}

/**
 * vigie_base_map_set_map:
 * @self: a #VigieBaseMap
 * @map: (nullable): the map that shows the base map
 *
 * Lets the built-in map draw what @map shows first.
 */
void
vigie_base_map_set_map (VigieBaseMap *self,
                        ShumateMap   *map)
{
  g_return_if_fail (VIGIE_IS_BASE_MAP (self));
  g_return_if_fail (map == NULL || SHUMATE_IS_MAP (map));

  g_set_weak_pointer (&self->map, map);
  if (self->offline != NULL)
    vigie_offline_source_watch (self->offline, map);
}

/**
 * vigie_base_map_retry:
 * @self: a #VigieBaseMap
 *
 * Tries the chosen map again after a fallback, e.g. from a "Retry"
 * button beside the fallback reason.
 */
void
vigie_base_map_retry (VigieBaseMap *self)
{
  g_return_if_fail (VIGIE_IS_BASE_MAP (self));

  rebuild (self);
}
