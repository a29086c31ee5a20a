/* vigie-sim-temporal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-sim-temporal"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-sim-json.h"
#include "vigie-sim-render.h"

/* The parking entities' past as a broker with temporal storage answers
 * GET /ngsi-ld/v1/temporal/entities?type=...&timerel=between&timeAt=...
 * &endTimeAt=... and /ngsi-ld/v1/temporal/entities/{id} (ETSI GS CIM 009,
 * temporal evolution of entities). The model is a pure function of the
 * time, so the past is worked out, not stored: one instance of each
 * attribute every five minutes, as a broker fed every five minutes keeps.
 *
 * Both representations: normalized (lists of Property instances with
 * observedAt) and, with options=temporalValues, simplified ({"type":
 * "Property", "values": [[value, time], ...]}). timerel between, after
 * and before; attrs; lastN (the last N instances of each attribute).
 *
 * Paged as brokers page: entities by limit (20 by default, 100 at most)
 * and offset, with NGSILD-Results-Count for count=true and a Link
 * rel="next" to the next page; instances at most MAX_INSTANCES per
 * attribute in one answer, beyond which the answer is a 206 Partial
 * Content whose Content-Range ("date-time <first>-<last>/<n>") says the
 * times returned: the client asks again from <last> (or, with lastN,
 * until <first>). */

#define TEMPORAL_LIMIT      20
#define TEMPORAL_MAX_LIMIT  100
#define MAX_INSTANCES       100
#define STEP_S              300
/* The model's past is not endless: a week, as the demo's own history. */
#define MAX_PAST_S          (8 * 24 * 3600)

typedef enum
{
  ATTR_AVAILABLE = 1 << 0,
  ATTR_OCCUPIED  = 1 << 1,
  ATTR_TOTAL     = 1 << 2,
  ATTR_OCCUPANCY = 1 << 3,
  ATTR_STATUS    = 1 << 4,
} Attr;

static const struct { Attr attr; const char *name; } attr_names[] = {
  { ATTR_AVAILABLE, "availableSpotNumber" },
  { ATTR_OCCUPIED, "occupiedSpotNumber" },
  { ATTR_TOTAL, "totalSpotNumber" },
  { ATTR_OCCUPANCY, "occupancy" },
  { ATTR_STATUS, "status" },
};

typedef struct
{
  const VigieSimSite *site;      /* as it is now: its id, type, capacity */
  gboolean            on_street;
  guint               index;     /* in the list of its type */
} Chosen;

static GBytes *
temporal_error (VigieSimDocument *document,
                guint             status,
                const char       *type,
                const char       *title)
{
  char *body = g_strdup_printf ("{\"type\":\"https://uri.etsi.org/ngsi-ld/errors/%s\","
                                "\"title\":\"%s\"}\n", type, title);

  document->status = status;
  document->content_type = "application/json";

  return g_bytes_new_take (body, strlen (body));
}

static gboolean
parse_time (const char *text,
            gint64     *time)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || (dt = g_date_time_new_from_iso8601 (text, utc)) == NULL)
    return FALSE;
  *time = g_date_time_to_unix (dt);

  return TRUE;
}

static char *
entity_id (const Chosen *chosen)
{
  return g_strdup_printf ("urn:ngsi-ld:%s:mulhouse-simule:%s",
                          chosen->on_street ? "OnStreetParking" : "OffStreetParking", chosen->site->id);
}

static guint
attrs_of (const Chosen *chosen)
{
  return chosen->on_street ? ATTR_AVAILABLE | ATTR_OCCUPIED | ATTR_TOTAL
                           : ATTR_AVAILABLE | ATTR_TOTAL | ATTR_OCCUPANCY | ATTR_STATUS;
}

static const char *
status_of (const VigieSimSite *site)
{
  return site->available == 0 ? "[\"open\",\"full\"]" :
         site->available * 10 < site->capacity ? "[\"open\",\"almostFull\"]" : "[\"open\",\"spacesAvailable\"]";
}

static void
append_value (GString            *out,
              Attr                attr,
              const VigieSimSite *site)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  switch (attr)
    {
    case ATTR_AVAILABLE:
      g_string_append_printf (out, "%u", site->available);
      break;
    case ATTR_OCCUPIED:
      g_string_append_printf (out, "%u", site->capacity - site->available);
      break;
    case ATTR_TOTAL:
      g_string_append_printf (out, "%u", site->capacity);
      break;
    case ATTR_OCCUPANCY:
      g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.3f",
                                             site->capacity > 0 ? 1.0 - (double) site->available / site->capacity : 0.0));
      break;
    case ATTR_STATUS:
      g_string_append (out, status_of (site));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The sites of one type at each instant: the model run once per instant. */
typedef struct
{
  GPtrArray *zones;   /* of GArray, one per instant */
  GPtrArray *parks;
} Past;

static void
past_clear (Past *past)
{
  g_clear_pointer (&past->zones, g_ptr_array_unref);
  g_clear_pointer (&past->parks, g_ptr_array_unref);
}

static void
past_compute (Past                  *past,
              const VigieSimCity    *city,
              const VigieSimContext *context,
              const gint64          *times,
              guint                  n_times,
              gboolean               zones,
              gboolean               parks)
{
  past->zones = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  past->parks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint i = 0; i < n_times; i++)
    {
      VigieSimContext then = *context;

      then.now = then.value_time = times[i];
      if (zones)
        g_ptr_array_add (past->zones, vigie_sim_meter_zones (city, &then));
      if (parks)
        g_ptr_array_add (past->parks, vigie_sim_car_parks (city, &then));
    }
}

static const VigieSimSite *
site_then (const Past   *past,
           const Chosen *chosen,
           guint         instant)
{
  GArray *sites = g_ptr_array_index (chosen->on_street ? past->zones : past->parks, instant);

  return chosen->index < sites->len ? &g_array_index (sites, VigieSimSite, chosen->index) : chosen->site;
}

static void
append_entity (GString      *out,
               const Chosen *chosen,
               const Past   *past,
               const gint64 *times,
               guint         first,
               guint         end,
               guint         attrs,
               gboolean      simplified)
{
  g_autofree char *id = entity_id (chosen);

  g_string_append (out, "{\"id\":");
  vigie_sim_json_string (out, id);
  g_string_append_printf (out, ",\"type\":\"%s\"", chosen->on_street ? "OnStreetParking" : "OffStreetParking");

  for (guint a = 0; a < G_N_ELEMENTS (attr_names); a++)
    {
      if (!(attrs & attrs_of (chosen) & attr_names[a].attr))
        continue;

      g_string_append_c (out, ',');
      vigie_sim_json_member (out, attr_names[a].name);
      g_string_append (out, simplified ? "{\"type\":\"Property\",\"values\":[" : "[");
      for (guint i = first; i < end; i++)
        {
          if (i > first)
            g_string_append_c (out, ',');
          if (simplified)
            {
              g_string_append_c (out, '[');
              append_value (out, attr_names[a].attr, site_then (past, chosen, i - first));
              g_string_append_c (out, ',');
              vigie_sim_json_utc_time (out, times[i]);
              g_string_append_c (out, ']');
            }
          else
            {
              g_string_append (out, "{\"type\":\"Property\",\"value\":");
              append_value (out, attr_names[a].attr, site_then (past, chosen, i - first));
              g_string_append (out, ",\"observedAt\":");
              vigie_sim_json_utc_time (out, times[i]);
              g_string_append_c (out, '}');
            }
        }
      g_string_append (out, simplified ? "]}" : "]");
    }
  g_string_append_c (out, '}');
}

/* The request's own address with another offset, its parameters in a
 * fixed order. */
static char *
next_link (const char *base_url,
           const char *path,
           GHashTable *query,
           guint       offset)
{
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (query), (GCompareFunc) strcmp);
  GString *link = g_string_new ("<");

  g_string_append_printf (link, "%s/%s?", base_url != NULL ? base_url : "", path);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      g_autofree char *value = NULL;

      if (g_str_equal (l->data, "offset"))
        continue;
      value = g_uri_escape_string (g_hash_table_lookup (query, l->data), ",:", FALSE);
      g_string_append_printf (link, "%s=%s&", (const char *) l->data, value);
    }
  g_string_append_printf (link, "offset=%u>; rel=\"next\"; type=\"application/json\"", offset);

  return g_string_free (link, FALSE);
}

static char *
content_range (gint64 first,
               gint64 last,
               guint  total)
{
  g_autoptr(GDateTime) a = g_date_time_new_from_unix_utc (first);
  g_autoptr(GDateTime) b = g_date_time_new_from_unix_utc (last);
  g_autofree char *from = g_date_time_format (a, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *to = g_date_time_format (b, "%Y-%m-%dT%H:%M:%SZ");

  return g_strdup_printf ("date-time %s-%s/%u", from, to, total);
}

/**
 * vigie_sim_render_temporal:
 * @rest: the path after /ngsi-ld/v1/temporal/entities: "" or "/{id}"
 *
 * Returns: (transfer full) (nullable): the answer, %NULL for a path that
 *   names nothing
 */
GBytes *
vigie_sim_render_temporal (const VigieSimCity    *city,
                           const VigieSimContext *context,
                           const char            *base_url,
                           const char            *rest,
                           GHashTable            *query,
                           VigieSimDocument      *document)
{
  g_autoptr(GHashTable) empty = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) zones = NULL;
  g_autoptr(GArray) parks = NULL;
  g_autoptr(GArray) chosen = g_array_new (FALSE, TRUE, sizeof (Chosen));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *one_id = NULL;
  g_auto(GStrv) type_list = NULL;
  g_auto(GStrv) attr_list = NULL;
  const char *timerel, *types, *attrs_text, *options;
  gboolean on_street = FALSE, off_street = FALSE, simplified, backwards = FALSE, need_zones = FALSE, need_parks = FALSE;
  gint64 time_at = 0, end_time_at = 0, from, to, start;
  guint limit, offset, last_n, attrs = 0, total, end, first_instance, end_instance;
  Past past = { 0 };
  GString *out;

  if (query == NULL)
    query = empty;

  if (*rest == '/' && rest[1] != '\0')
    one_id = g_uri_unescape_string (rest + 1, NULL);
  else if (*rest != '\0' && !g_str_equal (rest, "/"))
    return NULL;

  timerel = g_hash_table_lookup (query, "timerel");
  if (timerel == NULL || !parse_time (g_hash_table_lookup (query, "timeAt"), &time_at))
    return temporal_error (document, 400, "BadRequestData", "timerel and timeAt are required");
  if (g_str_equal (timerel, "between"))
    {
      if (!parse_time (g_hash_table_lookup (query, "endTimeAt"), &end_time_at) || end_time_at <= time_at)
        return temporal_error (document, 400, "BadRequestData", "between needs an endTimeAt after timeAt");
      from = time_at;
      to = end_time_at;
    }
  else if (g_str_equal (timerel, "after"))
    {
      from = time_at + 1;
      to = context->now + 1;
    }
  else if (g_str_equal (timerel, "before"))
    {
      from = context->now - MAX_PAST_S;
      to = time_at;
    }
  else
    return temporal_error (document, 400, "BadRequestData", "timerel must be before, after or between");

  if (!vigie_sim_query_uint (query, "limit", TEMPORAL_LIMIT, &limit) ||
      !vigie_sim_query_uint (query, "offset", 0, &offset) ||
      !vigie_sim_query_uint (query, "lastN", 0, &last_n))
    return temporal_error (document, 400, "BadRequestData", "limit, offset and lastN must be non-negative integers");
  if (limit > TEMPORAL_MAX_LIMIT)
    return temporal_error (document, 403, "TooManyResults", "limit must be 100 or less");

  attrs_text = g_hash_table_lookup (query, "attrs");
  attr_list = g_strsplit (attrs_text != NULL ? attrs_text : "", ",", -1);
  for (guint i = 0; attr_list[i] != NULL; i++)
    for (guint a = 0; a < G_N_ELEMENTS (attr_names); a++)
      if (g_str_equal (attr_list[i], attr_names[a].name))
        attrs |= attr_names[a].attr;
  if (attrs_text == NULL)
    attrs = ATTR_AVAILABLE | ATTR_OCCUPIED | ATTR_TOTAL | ATTR_OCCUPANCY | ATTR_STATUS;

  options = g_hash_table_lookup (query, "options");
  simplified = options != NULL && strstr (options, "temporalValues") != NULL;

  /* The same entities as /ngsi-ld/v1/entities, in the same order. */
  types = g_hash_table_lookup (query, "type");
  if (one_id == NULL && types == NULL)
    return temporal_error (document, 400, "BadRequestData", "type is required (OnStreetParking, OffStreetParking)");
  type_list = g_strsplit (types != NULL ? types : "OnStreetParking,OffStreetParking", ",", -1);
  for (guint i = 0; type_list[i] != NULL; i++)
    {
      on_street |= g_str_equal (type_list[i], "OnStreetParking");
      off_street |= g_str_equal (type_list[i], "OffStreetParking");
    }
  zones = on_street ? vigie_sim_meter_zones (city, context) : g_array_new (FALSE, TRUE, sizeof (VigieSimSite));
  parks = off_street ? vigie_sim_car_parks (city, context) : g_array_new (FALSE, TRUE, sizeof (VigieSimSite));
  if (zones->len + parks->len > VIGIE_SIM_MAX_ENTITIES)
    {
      g_array_set_size (parks, MIN (parks->len, VIGIE_SIM_MAX_ENTITIES / 10));
      g_array_set_size (zones, MIN (zones->len, VIGIE_SIM_MAX_ENTITIES - parks->len));
    }

  for (guint i = 0; i < zones->len + parks->len; i++)
    {
      Chosen c = { 0 };
      g_autofree char *id = NULL;

      c.on_street = i < zones->len;
      c.index = c.on_street ? i : i - zones->len;
      c.site = c.on_street ? &g_array_index (zones, VigieSimSite, c.index) : &g_array_index (parks, VigieSimSite, c.index);
      if (one_id != NULL && !g_str_equal (one_id, (id = entity_id (&c))))
        continue;
      g_array_append_val (chosen, c);
    }
  if (one_id != NULL && chosen->len == 0)
    return temporal_error (document, 404, "ResourceNotFound", "no such parking entity");

  total = one_id != NULL ? 1 : chosen->len;
  if (one_id != NULL)
    offset = 0, limit = 1;
  end = MIN (total, offset + (guint64) limit);

  /* The instants: every five minutes of the model's past. */
  to = MIN (to, context->now + 1);
  from = MAX (from, context->now - MAX_PAST_S);
  start = from + (STEP_S - ((from % STEP_S) + STEP_S) % STEP_S) % STEP_S;
  for (gint64 t = start; t < to; t += STEP_S)
    g_array_append_val (times, t);

  /* What one answer holds: the first MAX_INSTANCES, or the last lastN. */
  first_instance = 0;
  end_instance = times->len;
  if (last_n > 0)
    {
      backwards = TRUE;
      first_instance = times->len > MIN (last_n, MAX_INSTANCES) ? times->len - MIN (last_n, MAX_INSTANCES) : 0;
    }
  else if (times->len > MAX_INSTANCES)
    end_instance = MAX_INSTANCES;

  if (end_instance - first_instance < times->len && (!backwards || last_n > MAX_INSTANCES) &&
      end_instance > first_instance)
    {
      document->status = 206;
      document->content_range = content_range (g_array_index (times, gint64, first_instance),
                                                g_array_index (times, gint64, end_instance - 1),
                                                times->len);
    }

  for (guint i = offset; i < end; i++)
    {
      if (g_array_index (chosen, Chosen, i).on_street)
        need_zones = TRUE;
      else
        need_parks = TRUE;
    }
  past_compute (&past, city, context, (const gint64 *) times->data + first_instance,
                end_instance - first_instance, need_zones, need_parks);

  out = g_string_sized_new (256 + (end - MIN (offset, end)) * (end_instance - first_instance) * 200);
  if (one_id == NULL)
    g_string_append_c (out, '[');
  for (guint i = offset; i < end; i++)
    {
      if (i > offset)
        g_string_append_c (out, ',');
      append_entity (out, &g_array_index (chosen, Chosen, i), &past, (const gint64 *) times->data,
                     first_instance, end_instance, attrs, simplified);
    }
  if (one_id == NULL)
    g_string_append_c (out, ']');
  past_clear (&past);

  if (one_id == NULL)
    {
      document->results_count = total;
      if (end < total)
        document->link = next_link (base_url, "ngsi-ld/v1/temporal/entities", query, end);
    }

  return vigie_sim_json_finish (out);
}
