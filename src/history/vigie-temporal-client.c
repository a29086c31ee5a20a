/* vigie-temporal-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-temporal"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <math.h>

#include "vigie-clock.h"
#include "vigie-format.h"
#include "vigie-json.h"
#include "vigie-history-replay.h"
#include "vigie-http-client.h"
#include "vigie-temporal-client.h"

/* The scale path: a city whose history lives in an NGSI-LD context
 * broker with temporal storage (Stellio, Scorpio, Mintaka on TimescaleDB)
 * has every laptop read the past from it rather than record it. A feed
 * whose profile group says History=broker has its sparklines and its
 * replay read from GET /ngsi-ld/v1/temporal/entities (derived from the
 * feed's Url, or HistoryUrl) with timerel=between, in a worker:
 *
 *  - the entities by pages of VIGIE_TEMPORAL_PAGE_ENTITIES (limit,
 *    offset, count=true), following the broker's Link rel="next" or,
 *    without one, NGSILD-Results-Count;
 *  - the instances of a page by slices of time, as the broker cuts them:
 *    a 206 Partial Content with "Content-Range: date-time <first>-<last>"
 *    (GS CIM 009 1.x) asks again from <last>; a Link rel="intervalafter"
 *    (later versions) is followed as it is;
 *  - bounded: VIGIE_TEMPORAL_TIMEOUT_S per request,
 *    VIGIE_TEMPORAL_MAX_PAGE_BYTES per answer, VIGIE_TEMPORAL_MAX_REQUESTS
 *    per read, and the entities and instances kept
 *    (vigie-ngsi-ld-temporal.c reads the pages, record by record).
 *
 * The replay reads the broker once for the day around the instant asked
 * and keeps it (the client, one per VigieHistory, caches it by feed);
 * each instant's snapshot is then built from it in a worker as the local
 * replay builds one from SQLite. A sparkline reads one entity. When the
 * broker cannot be read, both fall back on the local history. */

/* A day read for replay is read again after this long. */
#define CACHE_TTL_S (5 * 60)

typedef struct
{
  char              *url;
  gint64             from, to;
  gint64             fetched_at;
  VigieTemporalData *data;
} CachedDay;

struct _VigieTemporalClient
{
  GObject           parent_instance;

  VigieFeedManager *feed_manager;
  GMutex            mutex;
  GHashTable       *days;          /* feed id → CachedDay (atomic rc box), under mutex */
  guint             n_fetches;     /* atomic */
};

G_DEFINE_FINAL_TYPE (VigieTemporalClient, vigie_temporal_client, G_TYPE_OBJECT)

#define CLIENT_KEY "vigie-temporal-client"

/* Query parameters of a feed's address that still say which entities. */
static const char * const kept_params[] = {
  "type", "q", "idPattern", "id", "scopeQ", "georel", "geometry", "coordinates", "geoproperty", NULL
};

/* Those that make no sense for one entity's address. */
static const char * const list_params[] = {
  "type", "q", "idPattern", "id", "scopeQ", "georel", "geometry", "coordinates", "geoproperty",
  "limit", "offset", "count", NULL
};

/*
 * Auxiliary functions
 */

static void
cached_day_clear (gpointer data)
{
  CachedDay *day = data;

  g_free (day->url);
  g_clear_pointer (&day->data, vigie_temporal_data_free);
}

static void
cached_day_unref (gpointer data)
{
  g_atomic_rc_box_release_full (data, cached_day_clear);
}

static gboolean
param_is (const char *param,
          const char *name)
{
  gsize length = strlen (name);

  return strncmp (param, name, length) == 0 && (param[length] == '=' || param[length] == '\0');
}

static gboolean
param_in (const char         *param,
          const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (param_is (param, names[i]))
      return TRUE;

  return FALSE;
}

/* @uri's query as "name=value" items, still encoded. */
static GPtrArray *
split_query (GUri *uri)
{
  GPtrArray *params = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) items = g_strsplit (g_uri_get_query (uri) ? g_uri_get_query (uri) : "", "&", -1);

  for (guint i = 0; items[i] != NULL; i++)
    if (items[i][0] != '\0')
      g_ptr_array_add (params, g_strdup (items[i]));

  return params;
}

static void
remove_param (GPtrArray  *params,
              const char *name)
{
  for (guint i = params->len; i > 0; i--)
    if (param_is (g_ptr_array_index (params, i - 1), name))
      g_ptr_array_remove_index (params, i - 1);
}

static gboolean
has_param (GPtrArray  *params,
           const char *name)
{
  for (guint i = 0; i < params->len; i++)
    if (param_is (g_ptr_array_index (params, i), name))
      return TRUE;

  return FALSE;
}

static void
set_param (GPtrArray  *params,
           const char *name,
           const char *value)
{
  remove_param (params, name);
  g_ptr_array_add (params, g_strconcat (name, "=", value, NULL));
}

static char *
join_uri (GUri       *uri,
          const char *path,
          GPtrArray  *params)
{
  g_autofree char *query = NULL;

  g_ptr_array_add (params, NULL);
  query = g_strjoinv ("&", (char **) params->pdata);
  g_ptr_array_set_size (params, params->len - 1);

  return g_uri_join (G_URI_FLAGS_ENCODED,
                     g_uri_get_scheme (uri), g_uri_get_userinfo (uri), g_uri_get_host (uri),
                     g_uri_get_port (uri), path, *query != '\0' ? query : NULL, NULL);
}

/* @url with one parameter set, as the next request asks. */
static char *
url_with_param (const char *url,
                const char *name,
                const char *value)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GPtrArray) params = NULL;

  if (uri == NULL)
    return NULL;

  params = split_query (uri);
  set_param (params, name, value);

  return join_uri (uri, g_uri_get_path (uri), params);
}

static char *
format_time (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);

  return utc != NULL ? g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("1970-01-01T00:00:00Z");
}

static const char *
query_value (const char *url,
             const char *name,
             char      **value)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GHashTable) params = NULL;

  *value = NULL;
  if (uri == NULL || g_uri_get_query (uri) == NULL)
    return NULL;
  params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params != NULL && g_hash_table_lookup (params, name) != NULL)
    *value = g_strdup (g_hash_table_lookup (params, name));

  return *value;
}

/* The link-values of a Link header with relation @rel:
 * <url>; rel="next"; type="application/ld+json", <url2>; rel=... */
static char *
find_link (const char *header,
           const char *rel)
{
  const char *p = header;

  while (p != NULL && *p != '\0')
    {
      const char *start, *end;
      g_autofree char *target = NULL;
      gboolean quoted = FALSE, found = FALSE;
      GString *params;

      while (*p == ' ' || *p == ',' || *p == '\t')
        p++;
      if (*p != '<' || (end = strchr (p, '>')) == NULL)
        return NULL;
      start = p + 1;
      target = g_strndup (start, end - start);
      p = end + 1;

      /* The parameters, up to a comma outside quotes. */
      params = g_string_new (NULL);
      for (; *p != '\0' && (quoted || *p != ','); p++)
        {
          if (*p == '"')
            quoted = !quoted;
          g_string_append_c (params, *p);
        }

      {
        g_auto(GStrv) items = g_strsplit (params->str, ";", -1);

        for (guint i = 0; items[i] != NULL && !found; i++)
          {
            g_autofree char *item = g_strstrip (g_strdup (items[i]));
            g_auto(GStrv) rels = NULL;

            if (g_ascii_strncasecmp (item, "rel=", 4) != 0)
              continue;
            g_strdelimit (item + 4, "\"", ' ');
            rels = g_strsplit (g_strstrip (item + 4), " ", -1);
            for (guint j = 0; rels[j] != NULL; j++)
              if (g_ascii_strcasecmp (rels[j], rel) == 0)
                found = TRUE;
          }
      }
      g_string_free (params, TRUE);

      if (found)
        return g_steal_pointer (&target);
    }

  return NULL;
}

/* "date-time <first>-<last>/<size>", the first and last times returned,
 * "2026-12-07T08:00:00Z-2026-12-07T09:00:00Z": the times hold dashes, so
 * the split is where both halves read. */
static gboolean
parse_content_range (const char *header,
                     gint64     *first,
                     gint64     *last)
{
  g_autofree char *range = NULL;
  char *slash;

  if (header == NULL)
    return FALSE;
  while (*header == ' ')
    header++;
  if (g_ascii_strncasecmp (header, "date-time", 9) != 0)
    return FALSE;

  range = g_strstrip (g_strdup (header + 9));
  if ((slash = strchr (range, '/')) != NULL)
    *slash = '\0';

  for (char *dash = strchr (range, '-'); dash != NULL; dash = strchr (dash + 1, '-'))
    {
      g_autofree char *left = g_strndup (range, dash - range);

      /* Dates, not POSIX seconds: "2026" alone would read as one. */
      if (strchr (left, 'T') != NULL && strchr (dash + 1, 'T') != NULL &&
          vigie_json_parse_time (left, first) && vigie_json_parse_time (dash + 1, last))
        return TRUE;
    }

  return FALSE;
}

/* The body, refused past @max bytes while it streams in. */
static GBytes *
read_body (GInputStream  *stream,
           gsize          max,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GByteArray) body = g_byte_array_new ();

  for (;;)
    {
      g_autoptr(GBytes) chunk = g_input_stream_read_bytes (stream, 65536, cancellable, error);

      if (chunk == NULL)
        return NULL;
      if (g_bytes_get_size (chunk) == 0)
        break;
      if (body->len + g_bytes_get_size (chunk) > max)
        {
          g_set_error (error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_TOO_LARGE,
                       _("The broker's answer is larger than %u MB: not read"),
                       (guint) (max / (1024 * 1024)));
          return NULL;
        }
      g_byte_array_append (body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&body));
}

typedef struct
{
  char     *url;
  gboolean  continuation;   /* a later slice of time of a page */
} Pending;

static void
pending_free (Pending *pending)
{
  g_free (pending->url);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static void
push (GQueue     *queue,
      GHashTable *seen,
      char       *url,
      gboolean    continuation)
{
  Pending *pending;

  if (url == NULL || !g_hash_table_add (seen, g_strdup (url)))
    {
      g_free (url);
      return;
    }

  pending = g_new0 (Pending, 1);
  pending->url = url;
  pending->continuation = continuation;
  g_queue_push_tail (queue, pending);
}

/* A link target, relative to the page that gave it. */
static char *
resolve (const char *base,
         const char *target)
{
  g_autoptr(GUri) uri = g_uri_parse_relative (NULL, base, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GUri) resolved = NULL;

  if (uri == NULL)
    return NULL;
  resolved = g_uri_parse_relative (uri, target, G_URI_FLAGS_ENCODED, NULL);
  if (resolved == NULL ||
      (g_strcmp0 (g_uri_get_scheme (resolved), "http") != 0 && g_strcmp0 (g_uri_get_scheme (resolved), "https") != 0))
    return NULL;

  return g_uri_to_string (resolved);
}

/* What follows a page: its later slice of time, the next page. */
static void
queue_next (GQueue             *queue,
            GHashTable         *seen,
            const Pending      *page,
            SoupMessageHeaders *headers,
            guint               status,
            guint               n_entities)
{
  const char *link = soup_message_headers_get_list (headers, "Link");
  g_autofree char *after = link != NULL ? find_link (link, "intervalafter") : NULL;
  g_autofree char *next = link != NULL ? find_link (link, "next") : NULL;
  gint64 first, last;

  if (after != NULL)
    push (queue, seen, resolve (page->url, after), TRUE);
  else if (status == SOUP_STATUS_PARTIAL_CONTENT &&
           parse_content_range (soup_message_headers_get_one (headers, "Content-Range"), &first, &last))
    {
      g_autofree char *at = NULL;
      g_autofree char *time_at = NULL;
      gint64 asked = 0;

      /* The same page again from the last instance returned: the broker
       * gives it again, the series keep it once. */
      query_value (page->url, "timeAt", &at);
      if (at != NULL)
        vigie_json_parse_time (at, &asked);
      if (last > asked)
        {
          time_at = format_time (last);
          push (queue, seen, url_with_param (page->url, "timeAt", time_at), TRUE);
        }
    }

  /* The next entities: from the first slice of a page only, which asks
   * for the whole time. */
  if (page->continuation)
    return;
  if (next != NULL)
    push (queue, seen, resolve (page->url, next), FALSE);
  else
    {
      g_autofree char *count_text = g_strdup (soup_message_headers_get_one (headers, "NGSILD-Results-Count"));
      g_autofree char *limit_text = NULL;
      g_autofree char *offset_text = NULL;
      gint64 count, limit = 0, offset = 0;

      query_value (page->url, "limit", &limit_text);
      query_value (page->url, "offset", &offset_text);
      if (count_text == NULL || limit_text == NULL ||
          !g_ascii_string_to_signed (g_strstrip (count_text), 10, 0, G_MAXINT32, &count, NULL) ||
          !g_ascii_string_to_signed (limit_text, 10, 1, G_MAXINT32, &limit, NULL) ||
          (offset_text != NULL && !g_ascii_string_to_signed (offset_text, 10, 0, G_MAXINT32, &offset, NULL)))
        return;
      if (n_entities > 0 && offset + limit < count)
        {
          g_autofree char *moved = g_strdup_printf ("%" G_GINT64_FORMAT, offset + limit);

          push (queue, seen, url_with_param (page->url, "offset", moved), FALSE);
        }
    }
}

static char *
path_with_entity (const char *path,
                  const char *entity_id)
{
  g_autofree char *escaped = g_uri_escape_string (entity_id, ":", FALSE);

  return g_strconcat (path, g_str_has_suffix (path, "/") ? "" : "/", escaped, NULL);
}

/*
 * Building the past
 */

static VigieHistoryRun *
append_run (GArray *runs,
            gint64  from,
            double  value)
{
  VigieHistoryRun run = { from, 0, value, 0 };

  if (runs->len > 0)
    {
      VigieHistoryRun *last = &g_array_index (runs, VigieHistoryRun, runs->len - 1);

      /* Run-length: a value that did not change goes on. */
      if (last->value == value)
        return last;
      last->until = from;
    }
  g_array_append_val (runs, run);

  return &g_array_index (runs, VigieHistoryRun, runs->len - 1);
}

/* A series as runs (value, from, until), until 0 for the one that holds. */
static GArray *
series_runs (VigieTemporalData *data,
             const char        *entity_id,
             const char        *field,
             gint64             from)
{
  GArray *series = vigie_temporal_data_get_series (data, entity_id, field);
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (VigieHistoryRun));

  for (guint i = 0; series != NULL && i < series->len; i++)
    {
      VigieTemporalInstance *instance = &g_array_index (series, VigieTemporalInstance, i);

      /* Words are not drawn; what held before @from starts the day. */
      if (instance->text != NULL || isnan (instance->value))
        continue;
      if (i + 1 < series->len && g_array_index (series, VigieTemporalInstance, i + 1).time <= from)
        continue;
      append_run (runs, instance->time, instance->value);
    }

  return runs;
}

/**
 * vigie_temporal_sparkline:
 * @data: what the broker gave, finished
 * @entity_id: the entity's NGSI-LD id
 * @field: the value drawn
 * @condition_field: (nullable): whose run at 0 says since when
 * @now: the end of the day shown
 *
 * The same day as vigie_history_sparkline_read() gives from SQLite.
 *
 * Returns: (transfer full): the sparkline
 */
VigieHistorySparkline *
vigie_temporal_sparkline (VigieTemporalData *data,
                          const char        *entity_id,
                          const char        *field,
                          const char        *condition_field,
                          gint64             now)
{
  g_autoptr(VigieHistorySparkline) sparkline = g_new0 (VigieHistorySparkline, 1);
  g_autoptr(GArray) runs = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (entity_id != NULL && field != NULL, NULL);

  sparkline->from = now - 24 * 3600;
  sparkline->to = now;
  sparkline->min = INFINITY;
  sparkline->max = -INFINITY;
  runs = series_runs (data, entity_id, field, sparkline->from);
  sparkline->runs = g_array_new (FALSE, FALSE, sizeof (VigieHistoryRun));

  for (guint i = 0; i < runs->len; i++)
    {
      VigieHistoryRun run = g_array_index (runs, VigieHistoryRun, i);

      if (run.from > now || (run.until != 0 && run.until <= sparkline->from))
        continue;
      if (run.until == 0 || run.until > now)
        {
          sparkline->now = run.value;
          sparkline->has_now = TRUE;
        }
      run.from = MAX (run.from, sparkline->from);
      run.until = run.until == 0 ? now : MIN (run.until, now);
      sparkline->min = MIN (sparkline->min, run.value);
      sparkline->max = MAX (sparkline->max, run.value);
      sparkline->has_data = TRUE;
      g_array_append_val (sparkline->runs, run);
    }

  if (condition_field != NULL)
    {
      g_autoptr(GArray) condition = series_runs (data, entity_id, condition_field, sparkline->from);

      if (condition->len > 0)
        {
          VigieHistoryRun *last = &g_array_index (condition, VigieHistoryRun, condition->len - 1);

          if (last->value == 0 && last->from <= now)
            sparkline->condition_since = last->from;
        }
    }

  return g_steal_pointer (&sparkline);
}

/**
 * vigie_temporal_build_snapshot:
 * @data: what the broker gave, finished
 * @entities: (element-type VigieEntity): what the feed shows now
 * @previous: (nullable): the snapshot of the last instant replayed
 * @time: the instant
 *
 * A worker only. As vigie_history_replay_build() does from SQLite: places
 * and names from the feed now, the values the broker kept at @time; an
 * entity the broker keeps no value of at @time is left out, one it does
 * not know is shown as it is.
 *
 * Returns: (transfer full): the feed at @time, prepared
 */
VigieSnapshot *
vigie_temporal_build_snapshot (VigieTemporalData *data,
                               GPtrArray         *entities,
                               VigieSnapshot     *previous,
                               gint64             time)
{
  VigieSnapshot *snapshot;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (entities != NULL, NULL);

  vigie_temporal_data_finish (data);
  snapshot = vigie_snapshot_new ();
  vigie_snapshot_set_max_entities (snapshot, MAX (entities->len, 1));
  for (guint i = 0; i < entities->len; i++)
    {
      VigieEntity *entity = g_ptr_array_index (entities, i);
      const char *id = vigie_entity_get_id (entity);
      g_autoptr(GVariant) values = NULL;

      if (!vigie_temporal_data_has_entity (data, id))
        {
          vigie_snapshot_add_entity (snapshot, vigie_entity_copy (entity));
          continue;
        }

      values = vigie_temporal_data_values_at (data, id, vigie_entity_get_values (entity), time);
      if (values == NULL)
        continue;
      /* Fresh as the feed is now: the banner says it is the past. */
      vigie_snapshot_add_entity (snapshot,
                                 vigie_entity_new (vigie_entity_get_kind (entity), id,
                                                   vigie_entity_get_name (entity),
                                                   vigie_entity_get_latitude (entity),
                                                   vigie_entity_get_longitude (entity),
                                                   vigie_entity_get_observed_at (entity),
                                                   values));
    }
  vigie_snapshot_prepare (snapshot, previous, time);

  return snapshot;
}

/*
 * Fetching
 */

/**
 * vigie_temporal_fetch:
 * @temporal_url: the broker's temporal entities, from
 *   vigie_temporal_feed_dup_url()
 * @entity_id: (nullable): one entity, or all those @temporal_url asks for
 * @from: the start of the time read
 * @to: its end
 *
 * Blocking, for a worker: reads every page and slice of time of the
 * broker's answer, within the bounds.
 *
 * Returns: (transfer full) (nullable): the past read, finished, or %NULL
 *   when no page could be read
 */
VigieTemporalData *
vigie_temporal_fetch (const char    *temporal_url,
                      const char    *entity_id,
                      gint64         from,
                      gint64         to,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(VigieTemporalData) data = vigie_temporal_data_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoqueue(Pending) queue = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  guint n_requests = 0;
  guint64 n_bytes = 0;
  gint64 started = g_get_monotonic_time ();
  Pending *page;

  g_return_val_if_fail (temporal_url != NULL, NULL);

  queue = g_queue_new ();
  push (queue, seen, vigie_temporal_query_url (temporal_url, entity_id, from, to), FALSE);
  if (g_queue_is_empty (queue))
    {
      g_set_error (error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_INVALID_URL,
                   _("“%s” is not a broker's address"), temporal_url);
      return NULL;
    }

  /* A context of the thread's own: the sync calls iterate it. */
  g_main_context_push_thread_default (context);
  session = soup_session_new_with_options ("timeout", VIGIE_TEMPORAL_TIMEOUT_S,
                                           "idle-timeout", VIGIE_TEMPORAL_TIMEOUT_S,
                                           "user-agent", PACKAGE_NAME "/" PACKAGE_VERSION,
                                           NULL);

  while ((page = g_queue_pop_head (queue)) != NULL)
    {
      g_autoptr(SoupMessage) message = NULL;
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) local_error = NULL;
      guint status, n_entities = 0;

      if (n_requests++ >= VIGIE_TEMPORAL_MAX_REQUESTS)
        {
          g_message ("%s: more than %u requests, the rest not read", temporal_url, VIGIE_TEMPORAL_MAX_REQUESTS);
          pending_free (page);
          break;
        }

      message = soup_message_new (SOUP_METHOD_GET, page->url);
      if (message == NULL)
        {
          pending_free (page);
          continue;
        }
      soup_message_headers_replace (soup_message_get_request_headers (message), "Accept", "application/json");
      stream = soup_session_send (session, message, cancellable, &local_error);
      status = soup_message_get_status (message);
      if (stream != NULL && status != SOUP_STATUS_OK && status != SOUP_STATUS_PARTIAL_CONTENT)
        g_set_error (&local_error, VIGIE_HTTP_ERROR, VIGIE_HTTP_ERROR_CONNECT,
                     _("The broker answered %u %s"), status, soup_message_get_reason_phrase (message));
      if (local_error == NULL)
        body = read_body (stream, VIGIE_TEMPORAL_MAX_PAGE_BYTES, cancellable, &local_error);
      /* Done with the message before the next: libsoup completes it here. */
      if (stream != NULL)
        g_input_stream_close (stream, NULL, NULL);
      if (local_error == NULL)
        {
          n_bytes += g_bytes_get_size (body);
          vigie_temporal_data_parse (data, body, &n_entities, &local_error);
        }

      if (local_error != NULL)
        {
          /* The first page unread: nothing to show. A later one: what
           * was read is kept, and the gap said. */
          if (n_requests == 1 || g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              pending_free (page);
              g_main_context_pop_thread_default (context);
              return NULL;
            }
          g_message ("%s: %s", page->url, local_error->message);
          pending_free (page);
          continue;
        }

      queue_next (queue, seen, page, soup_message_get_response_headers (message), status, n_entities);
      pending_free (page);
    }

  g_main_context_pop_thread_default (context);
  vigie_temporal_data_finish (data);
  g_debug ("%s%s%s: %u requests, %" G_GUINT64_FORMAT " bytes, %u entities, %" G_GUINT64_FORMAT " values in %" G_GINT64_FORMAT " ms",
           temporal_url, entity_id != NULL ? " " : "", entity_id != NULL ? entity_id : "", n_requests, n_bytes,
           vigie_temporal_data_get_n_entities (data), vigie_temporal_data_get_n_instances (data),
           (g_get_monotonic_time () - started) / 1000);

  return g_steal_pointer (&data);
}

/*
 * Overrides
 */

static void
vigie_temporal_client_dispose (GObject *object)
{
  VigieTemporalClient *self = (VigieTemporalClient *)object;

  g_clear_object (&self->feed_manager);

  G_OBJECT_CLASS (vigie_temporal_client_parent_class)->dispose (object);
}

static void
vigie_temporal_client_finalize (GObject *object)
{
  VigieTemporalClient *self = (VigieTemporalClient *)object;

  g_clear_pointer (&self->days, g_hash_table_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (vigie_temporal_client_parent_class)->finalize (object);
}

static void
vigie_temporal_client_class_init (VigieTemporalClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_temporal_client_dispose;
  object_class->finalize = vigie_temporal_client_finalize;
}

static void
vigie_temporal_client_init (VigieTemporalClient *self)
{
  g_mutex_init (&self->mutex);
  self->days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cached_day_unref);
}

/*
 * Asynchronous reads
 */

typedef struct
{
  VigieTemporalClient *client;
  char                *feed_id;
  char                *url;
  char                *history_path;
  GPtrArray           *entities;
  VigieSnapshot       *previous;
  gint64               time;
  gint64               now;
  char                *entity_id;
  char                *entity_key;
  char                *field;
  char                *condition_field;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->client);
  g_free (job->feed_id);
  g_free (job->url);
  g_free (job->history_path);
  g_clear_pointer (&job->entities, g_ptr_array_unref);
  g_clear_pointer (&job->previous, vigie_snapshot_unref);
  g_free (job->entity_id);
  g_free (job->entity_key);
  g_free (job->field);
  g_free (job->condition_field);
  g_free (job);
}

/* The day read for @feed_id around @time: the cached one, or read now. */
static CachedDay *
dup_day (Job           *job,
         GCancellable  *cancellable,
         GError       **error)
{
  VigieTemporalClient *self = job->client;
  CachedDay *day;
  VigieTemporalData *data;
  gint64 to, from;

  g_mutex_lock (&self->mutex);
  day = g_hash_table_lookup (self->days, job->feed_id);
  if (day != NULL && g_str_equal (day->url, job->url) && day->from <= job->time && job->time <= day->to &&
      job->now - day->fetched_at < CACHE_TTL_S)
    {
      day = g_atomic_rc_box_acquire (day);
      g_mutex_unlock (&self->mutex);
      return day;
    }
  g_mutex_unlock (&self->mutex);

  /* The last day, or the day around an older instant. */
  to = MIN (job->now, job->time + 12 * 3600);
  to += (VIGIE_HISTORY_BUCKET_S - to % VIGIE_HISTORY_BUCKET_S) % VIGIE_HISTORY_BUCKET_S;
  from = to - 24 * 3600 - VIGIE_HISTORY_BUCKET_S;
  g_atomic_int_inc (&self->n_fetches);
  /* endTimeAt is not in the answer: the instant @to itself asked too. */
  data = vigie_temporal_fetch (job->url, NULL, from, to + 1, cancellable, error);
  if (data == NULL)
    return NULL;
  for (const char * const *w = vigie_temporal_data_get_warnings (data); *w != NULL; w++)
    g_message ("%s: %s", job->feed_id, *w);

  day = g_atomic_rc_box_new0 (CachedDay);
  day->url = g_strdup (job->url);
  day->from = from;
  day->to = to;
  day->fetched_at = job->now;
  day->data = data;

  g_mutex_lock (&self->mutex);
  g_hash_table_replace (self->days, g_strdup (job->feed_id), g_atomic_rc_box_acquire (day));
  g_mutex_unlock (&self->mutex);

  return day;
}

static void
replay_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  VigieHistoryDb *db;
  VigieSnapshot *snapshot;
  CachedDay *day = dup_day (job, cancellable, &error);

  if (day != NULL)
    {
      snapshot = vigie_temporal_build_snapshot (day->data, job->entities, job->previous, job->time);
      cached_day_unref (day);
      g_task_return_pointer (task, snapshot, (GDestroyNotify) vigie_snapshot_unref);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The broker cannot be read: what this laptop recorded, if anything. */
  g_message ("Replay of %s from the broker: %s; from the local history instead", job->feed_id, error->message);
  g_clear_error (&error);
  db = vigie_history_db_open (job->history_path, TRUE, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  snapshot = vigie_history_replay_build (db, job->feed_id, job->entities, job->previous, job->time, &error);
  vigie_history_db_close (db);
  if (snapshot == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, snapshot, (GDestroyNotify) vigie_snapshot_unref);
}

static void
sparkline_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VigieTemporalData) data = NULL;
  VigieHistorySparkline *sparkline;
  VigieHistoryDb *db;

  /* Only the attributes drawn. */
  {
    const char *attribute = vigie_temporal_attribute_for_field (job->field);
    const char *condition = job->condition_field != NULL ? vigie_temporal_attribute_for_field (job->condition_field) : NULL;
    g_autofree char *attrs = NULL;
    g_autofree char *url = NULL;

    if (attribute != NULL)
      {
        attrs = condition != NULL && !g_str_equal (condition, attribute)
                  ? g_strconcat (attribute, ",", condition, NULL) : g_strdup (attribute);
        url = url_with_param (job->url, "attrs", attrs);
      }
    if (url != NULL)
      {
        g_free (job->url);
        job->url = g_steal_pointer (&url);
      }
  }

  g_atomic_int_inc (&job->client->n_fetches);
  data = vigie_temporal_fetch (job->url, job->entity_id, job->now - 24 * 3600 - VIGIE_HISTORY_BUCKET_S,
                               job->now + 1, cancellable, &error);
  if (data != NULL)
    {
      for (const char * const *w = vigie_temporal_data_get_warnings (data); *w != NULL; w++)
        g_message ("%s: %s", job->feed_id, *w);
      sparkline = vigie_temporal_sparkline (data, job->entity_id, job->field, job->condition_field, job->now);
      g_task_return_pointer (task, sparkline, (GDestroyNotify) vigie_history_sparkline_free);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_message ("History of %s from the broker: %s; from the local history instead", job->entity_id, error->message);
  g_clear_error (&error);
  if (!g_file_test (job->history_path, G_FILE_TEST_EXISTS))
    {
      sparkline = g_new0 (VigieHistorySparkline, 1);
      sparkline->from = job->now - 24 * 3600;
      sparkline->to = job->now;
      sparkline->runs = g_array_new (FALSE, FALSE, sizeof (VigieHistoryRun));
      g_task_return_pointer (task, sparkline, (GDestroyNotify) vigie_history_sparkline_free);
      return;
    }
  db = vigie_history_db_open (job->history_path, TRUE, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sparkline = vigie_history_sparkline_read (db, job->feed_id, job->entity_key, job->field,
                                            job->condition_field, job->now, &error);
  vigie_history_db_close (db);
  if (sparkline == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, sparkline, (GDestroyNotify) vigie_history_sparkline_free);
}

/* The broker's address for @feed_id's past, or NULL when it is recorded
 * here. */
static char *
dup_broker_url (VigieHistory *history,
                const char   *feed_id)
{
  VigieTemporalClient *self = vigie_temporal_client_get (history);
  VigieFeed *feed;

  if (self == NULL || self->feed_manager == NULL ||
      (feed = vigie_feed_manager_lookup (self->feed_manager, feed_id)) == NULL ||
      !vigie_temporal_feed_uses_broker (feed))
    return NULL;

  return vigie_temporal_feed_dup_url (feed);
}

/*
 * Public API
 */

/**
 * vigie_temporal_feed_uses_broker:
 *
 * Returns: whether the profile says @feed's past lives in its broker
 *   (History=broker)
 */
gboolean
vigie_temporal_feed_uses_broker (VigieFeed *feed)
{
  g_return_val_if_fail (VIGIE_IS_FEED (feed), FALSE);

  return g_strcmp0 (vigie_feed_get_option (feed, "history"), "broker") == 0;
}

/**
 * vigie_temporal_feed_dup_url:
 *
 * The broker's temporal entities for @feed: HistoryUrl, or the feed's
 * address with /ngsi-ld/v1/entities made /ngsi-ld/v1/temporal/entities
 * and only the parameters that choose entities kept.
 *
 * Returns: (transfer full) (nullable): the address, or %NULL when the
 *   feed's is not a broker's
 */
char *
vigie_temporal_feed_dup_url (VigieFeed *feed)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GPtrArray) params = NULL;
  g_autofree char *path = NULL;
  const char *given, *entities;

  g_return_val_if_fail (VIGIE_IS_FEED (feed), NULL);

  if ((given = vigie_feed_get_option (feed, "history-url")) != NULL)
    return g_strdup (given);

  uri = g_uri_parse (vigie_feed_get_url (feed), G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || (entities = strstr (g_uri_get_path (uri), "/ngsi-ld/v1/entities")) == NULL)
    return NULL;

  path = g_strdup_printf ("%.*s/ngsi-ld/v1/temporal/entities",
                          (int) (entities - g_uri_get_path (uri)), g_uri_get_path (uri));
  params = split_query (uri);
  for (guint i = params->len; i > 0; i--)
    if (!param_in (g_ptr_array_index (params, i - 1), kept_params))
      g_ptr_array_remove_index (params, i - 1);

  return join_uri (uri, path, params);
}

/**
 * vigie_temporal_query_url:
 * @temporal_url: the broker's temporal entities
 * @entity_id: (nullable): one entity's id, or %NULL for the list
 * @from: the start of the time asked
 * @to: its end
 *
 * Returns: (transfer full) (nullable): the first request's address
 */
char *
vigie_temporal_query_url (const char *temporal_url,
                          const char *entity_id,
                          gint64      from,
                          gint64      to)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GPtrArray) params = NULL;
  g_autofree char *path = NULL;
  g_autofree char *time_at = format_time (from);
  g_autofree char *end_time_at = format_time (to);
  g_autofree char *limit = NULL;

  g_return_val_if_fail (temporal_url != NULL, NULL);

  uri = g_uri_parse (temporal_url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    return NULL;

  params = split_query (uri);
  if (entity_id != NULL)
    {
      path = path_with_entity (g_uri_get_path (uri), entity_id);
      for (guint i = params->len; i > 0; i--)
        if (param_in (g_ptr_array_index (params, i - 1), list_params))
          g_ptr_array_remove_index (params, i - 1);
    }
  else
    {
      path = g_strdup (g_uri_get_path (uri));
      if (!has_param (params, "limit"))
        {
          limit = g_strdup_printf ("%u", VIGIE_TEMPORAL_PAGE_ENTITIES);
          set_param (params, "limit", limit);
        }
      set_param (params, "count", "true");
    }
  set_param (params, "timerel", "between");
  set_param (params, "timeAt", time_at);
  set_param (params, "endTimeAt", end_time_at);
  if (!has_param (params, "attrs"))
    set_param (params, "attrs", VIGIE_TEMPORAL_ATTRIBUTES);

  return join_uri (uri, path, params);
}

/**
 * vigie_temporal_client_attach:
 * @history: the app's history
 * @feed_manager: the feeds, whose profile says which keep their past in
 *   their broker
 *
 * From now on, the replay and the sparklines of those feeds read their
 * broker (vigie_history_replay_build_async() and
 * vigie_history_load_sparkline_async() ask the client first).
 */
void
vigie_temporal_client_attach (VigieHistory     *history,
                              VigieFeedManager *feed_manager)
{
  VigieTemporalClient *self;

  g_return_if_fail (VIGIE_IS_HISTORY (history));
  g_return_if_fail (VIGIE_IS_FEED_MANAGER (feed_manager));

  self = g_object_new (VIGIE_TYPE_TEMPORAL_CLIENT, NULL);
  self->feed_manager = g_object_ref (feed_manager);
  g_object_set_data_full (G_OBJECT (history), CLIENT_KEY, self, g_object_unref);
}

/**
 * vigie_temporal_client_get:
 *
 * Returns: (transfer none) (nullable): @history's client, if attached
 */
VigieTemporalClient *
vigie_temporal_client_get (VigieHistory *history)
{
  g_return_val_if_fail (VIGIE_IS_HISTORY (history), NULL);

  return g_object_get_data (G_OBJECT (history), CLIENT_KEY);
}

/* For tests: how many times a broker was read. */
guint
vigie_temporal_client_get_n_fetches (VigieTemporalClient *self)
{
  g_return_val_if_fail (VIGIE_IS_TEMPORAL_CLIENT (self), 0);

  return g_atomic_int_get (&self->n_fetches);
}

/**
 * vigie_temporal_client_replay_async:
 *
 * vigie_history_replay_build_async() for a feed whose past is in its
 * broker; finish with vigie_history_replay_build_finish().
 *
 * Returns: %FALSE, doing nothing, when @feed_id's past is recorded here
 */
gboolean
vigie_temporal_client_replay_async (VigieHistory        *history,
                                    const char          *feed_id,
                                    GPtrArray           *entities,
                                    VigieSnapshot       *previous,
                                    gint64               time,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  Job *job;

  g_return_val_if_fail (VIGIE_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (feed_id != NULL, FALSE);

  if ((url = dup_broker_url (history, feed_id)) == NULL)
    return FALSE;

  job = g_new0 (Job, 1);
  job->client = g_object_ref (vigie_temporal_client_get (history));
  job->feed_id = g_strdup (feed_id);
  job->url = g_steal_pointer (&url);
  job->history_path = g_strdup (vigie_history_get_path (history));
  job->entities = g_ptr_array_ref (entities);
  job->previous = previous != NULL ? vigie_snapshot_ref (previous) : NULL;
  job->time = time;
  job->now = vigie_clock_now ();

  task = g_task_new (history, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_temporal_client_replay_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, replay_thread);

  return TRUE;
}

/**
 * vigie_temporal_client_sparkline_async:
 *
 * vigie_history_load_sparkline_async() for a feed whose past is in its
 * broker; finish with vigie_history_load_sparkline_finish().
 *
 * Returns: %FALSE, doing nothing, when @feed_id's past is recorded here
 */
gboolean
vigie_temporal_client_sparkline_async (VigieHistory                 *history,
                                       const char                   *feed_id,
                                       const VigieHistoryMainSeries *series,
                                       gint64                        now,
                                       GCancellable                 *cancellable,
                                       GAsyncReadyCallback           callback,
                                       gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *url = NULL;
  const char *slash;
  Job *job;

  g_return_val_if_fail (VIGIE_IS_HISTORY (history), FALSE);
  g_return_val_if_fail (feed_id != NULL, FALSE);
  g_return_val_if_fail (series != NULL && series->entity != NULL, FALSE);

  /* "zone/urn:ngsi-ld:...": the broker knows the id after the kind. */
  if ((slash = strchr (series->entity, '/')) == NULL || (url = dup_broker_url (history, feed_id)) == NULL)
    return FALSE;

  job = g_new0 (Job, 1);
  job->client = g_object_ref (vigie_temporal_client_get (history));
  job->feed_id = g_strdup (feed_id);
  job->url = g_steal_pointer (&url);
  job->history_path = g_strdup (vigie_history_get_path (history));
  job->now = now;
  job->entity_id = g_strdup (slash + 1);
  job->entity_key = g_strdup (series->entity);
  job->field = g_strdup (series->field);
  job->condition_field = g_strdup (series->condition_field);

  task = g_task_new (history, cancellable, callback, user_data);
  g_task_set_source_tag (task, vigie_temporal_client_sparkline_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, sparkline_thread);

  return TRUE;
}
