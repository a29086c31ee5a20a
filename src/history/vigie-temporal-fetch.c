/* vigie-temporal-fetch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-temporal"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "vigie-format.h"
#include "vigie-http-client.h"
#include "vigie-json.h"
#include "vigie-temporal-fetch.h"
#include "vigie-hash.h"

/* Reading an NGSI-LD broker's temporal API, blocking, for a worker: the
 * address asked (from the feed's, or HistoryUrl), then every page and
 * slice of time of the answer, within bounds:
 *
 *  - the entities by pages of VIGIE_TEMPORAL_PAGE_ENTITIES (limit,
 *    offset, count=true), following the broker's Link rel="next" or,
 *    without one, NGSILD-Results-Count;
 *  - the instances of a page by slices of time, as the broker cuts them:
 *    a 206 Partial Content with "Content-Range: date-time <first>-<last>"
 *    (GS CIM 009 1.x) asks again from <last>; a Link rel="intervalafter"
 *    (later versions) is followed as it is;
 *  - VIGIE_TEMPORAL_TIMEOUT_S per request, VIGIE_TEMPORAL_MAX_PAGE_BYTES
 *    per answer, VIGIE_TEMPORAL_MAX_REQUESTS per read, and the entities
 *    and instances kept (vigie-ngsi-ld-temporal.c reads the pages, record
 *    by record). */

/* Query parameters of a feed's address that still say which entities. */
static const char * const kept_params[] = {
  "type", "q", "idPattern", "id", "scopeQ", "georel", "geometry", "coordinates", "geoproperty", NULL
};

/* Those that make no sense for one entity's address. */
static const char * const list_params[] = {
  "type", "q", "idPattern", "id", "scopeQ", "georel", "geometry", "coordinates", "geoproperty",
  "limit", "offset", "count", NULL
};

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
 * Fetching
 */

/**
 * vigie_temporal_fetch:
 * @temporal_url: the broker's temporal entities, from
 *   vigie_temporal_feed_dup_url()
 * @entity_id: (nullable): one entity, or all those @temporal_url asks for
 * @attrs: (nullable): the attributes read, as vigie_temporal_query_url()
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
                      const char    *attrs,
                      gint64         from,
                      gint64         to,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(VigieTemporalData) data = vigie_temporal_data_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, NULL);
  g_autoqueue(Pending) queue = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  guint n_requests = 0;
  guint64 n_bytes = 0;
  gint64 started = g_get_monotonic_time ();
  Pending *page;

  g_return_val_if_fail (temporal_url != NULL, NULL);

  queue = g_queue_new ();
  push (queue, seen, vigie_temporal_query_url (temporal_url, entity_id, attrs, from, to), FALSE);
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
 * @attrs: (nullable): the attributes asked, or %NULL for those the
 *   address names, else VIGIE_TEMPORAL_ATTRIBUTES
 * @from: the start of the time asked
 * @to: its end
 *
 * Returns: (transfer full) (nullable): the first request's address
 */
char *
vigie_temporal_query_url (const char *temporal_url,
                          const char *entity_id,
                          const char *attrs,
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
  if (attrs != NULL)
    set_param (params, "attrs", attrs);
  else if (!has_param (params, "attrs"))
    set_param (params, "attrs", VIGIE_TEMPORAL_ATTRIBUTES);

  return join_uri (uri, path, params);
}
