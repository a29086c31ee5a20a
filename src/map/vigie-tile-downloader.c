/* vigie-tile-downloader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-tile-downloader"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "vigie-http-client.h"

#include "vigie-tile-downloader.h"

/* Raster tiles from an XYZ server, for ShumateRasterRenderer.
 *
 * libshumate's own downloader cannot be given a User-Agent on libsoup 3
 * (see vigie-map-user-agent.c), and public tile servers such as
 * OpenStreetMap's block clients without one. This one has its own session
 * and follows the tile usage policy: a real User-Agent, libshumate's file
 * cache, revalidation with If-None-Match (304), at most two connections
 * per host, and nothing fetched that the map did not ask for.
 *
 * It also keeps count of consecutive failures, so that the app can fall
 * back to the built-in map when the server is down or blocks us: after
 * failure-threshold of them in a row, healthy turns FALSE; one success
 * turns it back. */

#define DEFAULT_MAX_AGE_S          (7 * 24 * 3600)
#define DEFAULT_FAILURE_THRESHOLD  4
/* A raster tile is tens of kilobytes; nothing legitimate comes near this. */
#define MAX_TILE_SIZE              (4 * 1024 * 1024)
#define CACHE_SIZE_LIMIT           (100 * 1000 * 1000)
#define REQUEST_TIMEOUT_S          20

struct _VigieTileDownloader
{
  ShumateDataSource  parent_instance;

  char              *url_template;
  char              *user_agent;
  VigieHttpClient   *client;
  ShumateFileCache  *cache;

  guint              max_age_s;
  guint              failure_threshold;
  guint              n_failures;
  char              *last_error;
  gboolean           healthy;
};

G_DEFINE_FINAL_TYPE (VigieTileDownloader, vigie_tile_downloader, SHUMATE_TYPE_DATA_SOURCE)

enum {
  PROP_0,
  PROP_URL_TEMPLATE,
  PROP_USER_AGENT,
  PROP_HEALTHY,
  PROP_N_FAILURES,
  PROP_LAST_ERROR,
  PROP_FAILURE_THRESHOLD,
  PROP_MAX_AGE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/*
 * Auxiliary methods
 */

typedef struct
{
  int          x;
  int          y;
  int          zoom;
  GBytes      *cached;     /* from the file cache, possibly out of date */
  char        *etag;
  GDateTime   *modtime;
} Request;

static void
request_free (Request *request)
{
  g_clear_pointer (&request->cached, g_bytes_unref);
  g_clear_pointer (&request->etag, g_free);
  g_clear_pointer (&request->modtime, g_date_time_unref);
  g_free (request);
}

/* g_set_str() arrived in GLib 2.76. */
static gboolean
replace_str (char       **field,
             const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static char *
make_cache_key (const char *url_template)
{
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA1, url_template, -1);

  return g_strdup_printf ("vigie-online-%.12s", checksum);
}

static char *
make_tile_uri (VigieTileDownloader *self,
               int                  x,
               int                  y,
               int                  zoom)
{
  g_autoptr(GString) uri = g_string_new (self->url_template);
  char number[16];

  g_snprintf (number, sizeof number, "%d", x);
  g_string_replace (uri, "{x}", number, 0);
  g_snprintf (number, sizeof number, "%d", y);
  g_string_replace (uri, "{y}", number, 0);
  g_snprintf (number, sizeof number, "%d", zoom);
  g_string_replace (uri, "{z}", number, 0);
  g_snprintf (number, sizeof number, "%d", (1 << zoom) - 1 - y);
  g_string_replace (uri, "{tmsy}", number, 0);

  return g_string_free (g_steal_pointer (&uri), FALSE);
}

static void
record_success (VigieTileDownloader *self)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  if (self->n_failures != 0)
    {
      self->n_failures = 0;
      g_object_notify_by_pspec (object, properties [PROP_N_FAILURES]);
    }
  if (!self->healthy)
    {
      self->healthy = TRUE;
      g_object_notify_by_pspec (object, properties [PROP_HEALTHY]);
    }
  g_object_thaw_notify (object);
}

static void
record_failure (VigieTileDownloader *self,
                const GError        *error)
{
  GObject *object = G_OBJECT (self);

  /* The map cancels tiles that scroll out of view: not a failure. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_debug ("Tile request failed: %s", error->message);

  g_object_freeze_notify (object);
  self->n_failures++;
  g_object_notify_by_pspec (object, properties [PROP_N_FAILURES]);
  if (replace_str (&self->last_error, error->message))
    g_object_notify_by_pspec (object, properties [PROP_LAST_ERROR]);
  if (self->healthy && self->n_failures >= self->failure_threshold)
    {
      self->healthy = FALSE;
      g_object_notify_by_pspec (object, properties [PROP_HEALTHY]);
    }
  g_object_thaw_notify (object);
}

/*
 * Fetching
 */

/* libshumate 1.0's raster renderer paints only what comes through
 * received-data; 1.1 and later use the returned bytes. Do both. */
static void
deliver (GTask  *task,
         GBytes *bytes)
{
  VigieTileDownloader *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  g_signal_emit_by_name (self, "received-data", request->x, request->y, request->zoom, bytes);
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

/* Takes @task_in and @error. */
static void
fail (GTask  *task_in,
      GError *error)
{
  g_autoptr(GTask) task = task_in;
  VigieTileDownloader *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  record_failure (self, error);

  /* An old tile is better than none. */
  if (request->cached != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      deliver (task, request->cached);
      return;
    }

  g_task_return_error (task, error);
}

static void
on_cache_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!shumate_file_cache_store_tile_finish (SHUMATE_FILE_CACHE (object), result, &error))
    g_debug ("Could not cache a tile: %s", error->message);

  g_task_return_pointer (task, g_bytes_ref (request->cached), (GDestroyNotify) g_bytes_unref);
}

static void
on_fetched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VigieTileDownloader *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(VigieHttpResponse) response = NULL;
  GError *error = NULL;

  response = vigie_http_client_fetch_finish (VIGIE_HTTP_CLIENT (object), result, &error);
  if (response == NULL)
    {
      fail (g_steal_pointer (&task), error);
      return;
    }

  if (response->not_modified && request->cached != NULL)
    {
      record_success (self);
      shumate_file_cache_mark_up_to_date (self->cache, request->x, request->y, request->zoom);
      deliver (task, request->cached);
      return;
    }

  if (response->status < 200 || response->status >= 300)
    {
      /* A server that covers only its own area answers 404 elsewhere:
       * that says nothing about its health. */
      if (response->status == SOUP_STATUS_NOT_FOUND || response->status == SOUP_STATUS_GONE)
        {
          g_task_return_new_error (task, SHUMATE_TILE_DOWNLOADER_ERROR,
                                   SHUMATE_TILE_DOWNLOADER_ERROR_BAD_RESPONSE,
                                   _("The tile server has no such tile (HTTP %u)"), response->status);
          return;
        }

      fail (g_steal_pointer (&task),
            g_error_new (SHUMATE_TILE_DOWNLOADER_ERROR,
                         SHUMATE_TILE_DOWNLOADER_ERROR_BAD_RESPONSE,
                         _("The tile server answered HTTP %u %s"),
                         response->status, soup_status_get_phrase (response->status)));
      return;
    }

  if (response->body == NULL || g_bytes_get_size (response->body) == 0)
    {
      fail (g_steal_pointer (&task),
            g_error_new_literal (SHUMATE_TILE_DOWNLOADER_ERROR,
                                 SHUMATE_TILE_DOWNLOADER_ERROR_BAD_RESPONSE,
                                 _("The tile server sent an empty tile")));
      return;
    }

  g_clear_pointer (&request->etag, g_free);
  request->etag = g_strdup (response->etag);

  record_success (self);

  /* Paint at once, but finish once the cache holds the tile and its ETag,
   * as libshumate's downloader does: the next request can revalidate. */
  g_signal_emit_by_name (self, "received-data", request->x, request->y, request->zoom, response->body);
  g_clear_pointer (&request->cached, g_bytes_unref);
  request->cached = g_bytes_ref (response->body);
  shumate_file_cache_store_tile_async (self->cache, request->x, request->y, request->zoom,
                                       request->cached, request->etag, NULL,
                                       on_cache_stored_cb, g_steal_pointer (&task));
}

/* The shared HTTP client does the talking: redirects, time-outs, and a
 * size cap that a tile server cannot push a tile past. */
static void
fetch_from_network (GTask *task)
{
  VigieTileDownloader *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autofree char *uri = make_tile_uri (self, request->x, request->y, request->zoom);
  g_autofree char *modified = NULL;
  GCancellable *cancellable;
  const char *etag = NULL;

  /* Revalidate what the cache holds rather than download it again. */
  if (request->cached != NULL && request->etag != NULL)
    etag = request->etag;
  else if (request->cached != NULL && request->modtime != NULL)
    /* Not g_date_time_format(): day and month names follow the locale. */
    modified = soup_date_time_to_string (request->modtime, SOUP_DATE_HTTP);

  cancellable = g_task_get_cancellable (task);
  vigie_http_client_fetch_async (self->client, uri, etag, modified, MAX_TILE_SIZE,
                                 cancellable, on_fetched_cb, g_steal_pointer (&task));
}

static gboolean
is_fresh (VigieTileDownloader *self,
          GDateTime           *modtime)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return modtime != NULL &&
         g_date_time_difference (now, modtime) < (GTimeSpan) self->max_age_s * G_TIME_SPAN_SECOND;
}

static void
on_cache_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VigieTileDownloader *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);

  request->cached = shumate_file_cache_get_tile_finish (SHUMATE_FILE_CACHE (object),
                                                        &request->etag, &request->modtime,
                                                        result, NULL);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (request->cached != NULL && is_fresh (self, request->modtime))
    {
      deliver (task, request->cached);
      return;
    }

  /* Show the old tile while asking whether it changed. */
  if (request->cached != NULL)
    g_signal_emit_by_name (self, "received-data", request->x, request->y, request->zoom, request->cached);

  fetch_from_network (g_steal_pointer (&task));
}

/*
 * ShumateDataSource overrides
 */

static void
vigie_tile_downloader_get_tile_data_async (ShumateDataSource   *source,
                                           int                  x,
                                           int                  y,
                                           int                  zoom_level,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  VigieTileDownloader *self = VIGIE_TILE_DOWNLOADER (source);
  g_autoptr(GTask) task = NULL;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_tile_downloader_get_tile_data_async);

  request = g_new0 (Request, 1);
  request->x = x;
  request->y = y;
  request->zoom = zoom_level;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  shumate_file_cache_get_tile_async (self->cache, x, y, zoom_level, cancellable,
                                     on_cache_read_cb, g_steal_pointer (&task));
}

static GBytes *
vigie_tile_downloader_get_tile_data_finish (ShumateDataSource  *source,
                                            GAsyncResult       *result,
                                            GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * GObject overrides
 */

static void
vigie_tile_downloader_constructed (GObject *object)
{
  VigieTileDownloader *self = (VigieTileDownloader *)object;
  g_autofree char *cache_key = NULL;
  g_autofree char *cache_dir = NULL;

  G_OBJECT_CLASS (vigie_tile_downloader_parent_class)->constructed (object);

  g_assert (self->url_template != NULL);
  g_assert (self->user_agent != NULL);

  /* libsoup keeps at most two connections per host: the usage policy
   * of OpenStreetMap's tile servers asks no more. */
  self->client = vigie_http_client_new (self->user_agent);
  vigie_http_client_set_request_timeout (self->client, REQUEST_TIMEOUT_S);

  /* One cache per server, so that another server's tiles never show. */
  cache_key = make_cache_key (self->url_template);
  cache_dir = g_build_filename (g_get_user_cache_dir (), "vigie", "tiles", NULL);
  self->cache = shumate_file_cache_new_full (CACHE_SIZE_LIMIT, cache_key, cache_dir);
}

static void
vigie_tile_downloader_dispose (GObject *object)
{
  VigieTileDownloader *self = (VigieTileDownloader *)object;

  /* Requests in flight hold the client: end them now. */
  if (self->client != NULL)
    g_object_run_dispose (G_OBJECT (self->client));
  g_clear_object (&self->client);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (vigie_tile_downloader_parent_class)->dispose (object);
}

static void
vigie_tile_downloader_finalize (GObject *object)
{
  VigieTileDownloader *self = (VigieTileDownloader *)object;

  g_clear_pointer (&self->url_template, g_free);
  g_clear_pointer (&self->user_agent, g_free);
  g_clear_pointer (&self->last_error, g_free);

  G_OBJECT_CLASS (vigie_tile_downloader_parent_class)->finalize (object);
}

static void
vigie_tile_downloader_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  VigieTileDownloader *self = VIGIE_TILE_DOWNLOADER (object);

  switch (prop_id)
    {
    case PROP_URL_TEMPLATE:
      g_value_set_string (value, self->url_template);
      break;

    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;

    case PROP_HEALTHY:
      g_value_set_boolean (value, self->healthy);
      break;

    case PROP_N_FAILURES:
      g_value_set_uint (value, self->n_failures);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case PROP_FAILURE_THRESHOLD:
      g_value_set_uint (value, self->failure_threshold);
      break;

    case PROP_MAX_AGE:
      g_value_set_uint (value, self->max_age_s);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_tile_downloader_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  VigieTileDownloader *self = VIGIE_TILE_DOWNLOADER (object);

  switch (prop_id)
    {
    case PROP_URL_TEMPLATE:
      self->url_template = g_value_dup_string (value);
      break;

    case PROP_USER_AGENT:
      self->user_agent = g_value_dup_string (value);
      break;

    case PROP_FAILURE_THRESHOLD:
      vigie_tile_downloader_set_failure_threshold (self, g_value_get_uint (value));
      break;

    case PROP_MAX_AGE:
      vigie_tile_downloader_set_max_age (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_tile_downloader_class_init (VigieTileDownloaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->constructed = vigie_tile_downloader_constructed;
  object_class->dispose = vigie_tile_downloader_dispose;
  object_class->finalize = vigie_tile_downloader_finalize;
  object_class->get_property = vigie_tile_downloader_get_property;
  object_class->set_property = vigie_tile_downloader_set_property;

  source_class->get_tile_data_async = vigie_tile_downloader_get_tile_data_async;
  source_class->get_tile_data_finish = vigie_tile_downloader_get_tile_data_finish;

  properties [PROP_URL_TEMPLATE] =
    g_param_spec_string ("url-template", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * VigieTileDownloader:healthy:
   *
   * FALSE once failure-threshold requests in a row have failed, TRUE
   * again after the next success.
   */
  properties [PROP_HEALTHY] =
    g_param_spec_boolean ("healthy", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_N_FAILURES] =
    g_param_spec_uint ("n-failures", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_FAILURE_THRESHOLD] =
    g_param_spec_uint ("failure-threshold", NULL, NULL,
                       1, G_MAXUINT, DEFAULT_FAILURE_THRESHOLD,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * VigieTileDownloader:max-age:
   *
   * How long, in seconds, a cached tile is shown without asking the
   * server whether it changed.
   */
  properties [PROP_MAX_AGE] =
    g_param_spec_uint ("max-age", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_MAX_AGE_S,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_tile_downloader_init (VigieTileDownloader *self)
{
  self->healthy = TRUE;
  self->failure_threshold = DEFAULT_FAILURE_THRESHOLD;
  self->max_age_s = DEFAULT_MAX_AGE_S;
}

/*
 * Public API
 */

/**
 * vigie_tile_downloader_new:
 * @url_template: an http(s) address with {x}, {y} and {z} (or {tmsy})
 * @user_agent: the User-Agent of every request
 *
 * Returns: (transfer full): a new #VigieTileDownloader
 */
VigieTileDownloader *
vigie_tile_downloader_new (const char *url_template,
                           const char *user_agent)
{
  g_return_val_if_fail (url_template != NULL, NULL);
  g_return_val_if_fail (user_agent != NULL, NULL);

  return g_object_new (VIGIE_TYPE_TILE_DOWNLOADER,
                       "url-template", url_template,
                       "user-agent", user_agent,
                       NULL);
}

const char *
vigie_tile_downloader_get_url_template (VigieTileDownloader *self)
{
  g_return_val_if_fail (VIGIE_IS_TILE_DOWNLOADER (self), NULL);

  return self->url_template;
}

const char *
vigie_tile_downloader_get_user_agent (VigieTileDownloader *self)
{
  g_return_val_if_fail (VIGIE_IS_TILE_DOWNLOADER (self), NULL);

  return self->user_agent;
}

gboolean
vigie_tile_downloader_get_healthy (VigieTileDownloader *self)
{
  g_return_val_if_fail (VIGIE_IS_TILE_DOWNLOADER (self), FALSE);

  return self->healthy;
}

guint
vigie_tile_downloader_get_n_failures (VigieTileDownloader *self)
{
  g_return_val_if_fail (VIGIE_IS_TILE_DOWNLOADER (self), 0);

  return self->n_failures;
}

const char *
vigie_tile_downloader_get_last_error (VigieTileDownloader *self)
{
  g_return_val_if_fail (VIGIE_IS_TILE_DOWNLOADER (self), NULL);

  return self->last_error;
}

guint
vigie_tile_downloader_get_failure_threshold (VigieTileDownloader *self)
{
  g_return_val_if_fail (VIGIE_IS_TILE_DOWNLOADER (self), 0);

  return self->failure_threshold;
}

void
vigie_tile_downloader_set_failure_threshold (VigieTileDownloader *self,
                                             guint                threshold)
{
  g_return_if_fail (VIGIE_IS_TILE_DOWNLOADER (self));
  g_return_if_fail (threshold > 0);

  if (self->failure_threshold == threshold)
    return;

  self->failure_threshold = threshold;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FAILURE_THRESHOLD]);
}

guint
vigie_tile_downloader_get_max_age (VigieTileDownloader *self)
{
  g_return_val_if_fail (VIGIE_IS_TILE_DOWNLOADER (self), 0);

  return self->max_age_s;
}

void
vigie_tile_downloader_set_max_age (VigieTileDownloader *self,
                                   guint                seconds)
{
  g_return_if_fail (VIGIE_IS_TILE_DOWNLOADER (self));

  if (self->max_age_s == seconds)
    return;

  self->max_age_s = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MAX_AGE]);
}
