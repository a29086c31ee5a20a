/* vigie-sim-ngsi-ld.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-sim-ngsi-ld"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vigie-sim-json.h"
#include "vigie-sim-render.h"

/* Parking as an NGSI-LD broker answers /ngsi-ld/v1/entities: the
 * smart-data-models OnStreetParking (meter zones along real streets) and
 * OffStreetParking (car parks) entities, keyValues or normalized, paged
 * with limit and offset. */

#define NGSI_LD_CONTEXT   "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld"
#define NGSI_LD_MAX_LIMIT 1000
#define NGSI_LD_LIMIT     20

/* NGSI-LD: smart-data-models OnStreetParking and OffStreetParking. */

typedef struct
{
  GString  *out;
  gboolean  normalized;
  gboolean  first;
} Entity;

static void
entity_begin (Entity     *e,
              const char *type,
              const char *id)
{
  g_string_append (e->out, "{\"id\":");
  g_string_append_printf (e->out, "\"urn:ngsi-ld:%s:mulhouse-simule:%s\",\"type\":\"%s\"", type, id, type);
}

/* Opens a property; the caller writes its value and calls property_end(). */
static void
property_begin (Entity     *e,
                const char *name,
                gboolean    geo)
{
  g_string_append_c (e->out, ',');
  vigie_sim_json_member (e->out, name);
  if (e->normalized)
    g_string_append_printf (e->out, "{\"type\":\"%s\",\"value\":", geo ? "GeoProperty" : "Property");
}

static void
property_end (Entity *e)
{
  if (e->normalized)
    g_string_append_c (e->out, '}');
}

static void
property_string (Entity     *e,
                 const char *name,
                 const char *value)
{
  property_begin (e, name, FALSE);
  vigie_sim_json_string (e->out, value);
  property_end (e);
}

static void
property_raw (Entity     *e,
              const char *name,
              const char *json)
{
  property_begin (e, name, FALSE);
  g_string_append (e->out, json);
  property_end (e);
}

static void
property_uint (Entity     *e,
               const char *name,
               guint       value)
{
  char buffer[16];

  g_snprintf (buffer, sizeof buffer, "%u", value);
  property_raw (e, name, buffer);
}

static void
append_zone_geometry (GString            *out,
                      const VigieSimZone *zone,
                      const VigieSimSite *site,
                      gboolean            polygon)
{
  double dlat = site->lat - zone->points[0].lat;
  double dlon = site->lon - zone->points[0].lon;

  if (!polygon)
    {
      g_string_append (out, "{\"type\":\"LineString\",\"coordinates\":[");
      for (guint i = 0; i < zone->n_points; i++)
        {
          g_string_append (out, i > 0 ? ",[" : "[");
          vigie_sim_json_double (out, zone->points[i].lon + dlon, 6);
          g_string_append_c (out, ',');
          vigie_sim_json_double (out, zone->points[i].lat + dlat, 6);
          g_string_append_c (out, ']');
        }
      g_string_append (out, "]}");
      return;
    }

  /* The kerb as a strip about 5 m wide, closed ring. */
  g_string_append (out, "{\"type\":\"Polygon\",\"coordinates\":[[");
  for (guint pass = 0; pass < 2; pass++)
    for (guint k = 0; k < zone->n_points; k++)
      {
        guint i = pass == 0 ? k : zone->n_points - 1 - k;
        guint a = i > 0 ? i - 1 : i, b = i + 1 < zone->n_points ? i + 1 : i;
        double kx = cos (zone->points[i].lat * G_PI / 180.0);
        double dx = (zone->points[b].lon - zone->points[a].lon) * kx;
        double dy = zone->points[b].lat - zone->points[a].lat;
        double len = sqrt (dx * dx + dy * dy);
        double side = (pass == 0 ? 2.5 : -2.5) / 111320.0;
        double nx = len > 0 ? -dy / len : 0, ny = len > 0 ? dx / len : 0;

        g_string_append (out, pass == 0 && k == 0 ? "[" : ",[");
        vigie_sim_json_double (out, zone->points[i].lon + dlon + nx * side / kx, 6);
        g_string_append_c (out, ',');
        vigie_sim_json_double (out, zone->points[i].lat + dlat + ny * side, 6);
        g_string_append_c (out, ']');
      }
  {
    /* Close the ring on its first point. */
    const VigieSimPoint *p = &zone->points[0];
    guint b = zone->n_points > 1 ? 1 : 0;
    double kx = cos (p->lat * G_PI / 180.0);
    double dx = (zone->points[b].lon - p->lon) * kx;
    double dy = zone->points[b].lat - p->lat;
    double len = sqrt (dx * dx + dy * dy);
    double side = 2.5 / 111320.0;
    double nx = len > 0 ? -dy / len : 0, ny = len > 0 ? dx / len : 0;

    g_string_append (out, ",[");
    vigie_sim_json_double (out, p->lon + dlon + nx * side / kx, 6);
    g_string_append_c (out, ',');
    vigie_sim_json_double (out, p->lat + dlat + ny * side, 6);
    g_string_append (out, "]]]}");
  }
}

static void
write_on_street (Entity                *e,
                 const VigieSimCity    *city,
                 const VigieSimContext *context,
                 const VigieSimSite    *site)
{
  const VigieSimZone *zone = g_ptr_array_index (city->meter_zones, site->base);
  g_autofree char *area = NULL;

  entity_begin (e, "OnStreetParking", site->id);
  property_string (e, "name", site->name);
  property_string (e, "description", "Zone de stationnement payant, occupation simulée");
  property_begin (e, "location", TRUE);
  append_zone_geometry (e->out, zone, site, site->base % 3 == 2);
  property_end (e);
  /* Orange zones: short stays in the centre; green zones: longer ones. */
  property_raw (e, "category", g_strcmp0 (zone->tariff, "orange") == 0 ?
                               "[\"public\",\"feeCharged\",\"shortTerm\"]" :
                               "[\"public\",\"feeCharged\",\"mediumTerm\"]");
  property_raw (e, "allowedVehicleType", "[\"car\"]");
  property_raw (e, "chargeType", "[\"temporaryPrice\"]");
  area = g_strdup_printf ("[\"zone %s\"]", zone->tariff);
  property_raw (e, "areaServed", area);
  property_uint (e, "totalSpotNumber", site->capacity);
  property_uint (e, "availableSpotNumber", site->available);
  property_uint (e, "occupiedSpotNumber", site->capacity - site->available);
  property_raw (e, "occupancyDetectionType", "[\"modelBased\"]");
  property_string (e, "dataProvider", "Simulateur Vigie");
  property_begin (e, "dateModified", FALSE);
  vigie_sim_json_utc_time (e->out, site->last_reported);
  property_end (e);
  g_string_append_c (e->out, '}');
}

static void
write_off_street (Entity                *e,
                  const VigieSimContext *context,
                  const VigieSimSite    *site)
{
  double occupancy = site->capacity > 0 ? 1.0 - (double) site->available / site->capacity : 0.0;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  const char *status;

  entity_begin (e, "OffStreetParking", site->id);
  property_string (e, "name", site->name);
  property_string (e, "description", "Parking en ouvrage, occupation simulée");
  property_begin (e, "location", TRUE);
  vigie_sim_json_point (e->out, site->lat, site->lon);
  property_end (e);
  property_raw (e, "category", "[\"public\",\"feeCharged\",\"parkingGarage\",\"underground\"]");
  property_raw (e, "allowedVehicleType", "[\"car\"]");
  property_uint (e, "totalSpotNumber", site->capacity);
  property_uint (e, "availableSpotNumber", site->available);
  property_raw (e, "occupancy", g_ascii_formatd (buffer, sizeof buffer, "%.3f", occupancy));
  status = site->available == 0 ? "[\"open\",\"full\"]" :
           site->available * 10 < site->capacity ? "[\"open\",\"almostFull\"]" : "[\"open\",\"spacesAvailable\"]";
  property_raw (e, "status", status);
  property_raw (e, "occupancyDetectionType", "[\"balancing\"]");
  property_string (e, "dataProvider", "Simulateur Vigie");
  property_begin (e, "dateModified", FALSE);
  vigie_sim_json_utc_time (e->out, site->last_reported);
  property_end (e);
  g_string_append_c (e->out, '}');
}

static GBytes *
ngsi_ld_error (VigieSimDocument *document,
               const char       *type,
               const char       *title)
{
  char *body = g_strdup_printf ("{\"type\":\"https://uri.etsi.org/ngsi-ld/errors/%s\","
                                "\"title\":\"%s\"}\n", type, title);

  document->status = 400;
  document->content_type = "application/json";

  return g_bytes_new_take (body, strlen (body));
}

GBytes *
vigie_sim_render_parking (const VigieSimCity    *city,
                const VigieSimContext *context,
                GHashTable            *query,
                VigieSimDocument      *document)
{
  const char *types = query != NULL ? g_hash_table_lookup (query, "type") : NULL;
  const char *options = query != NULL ? g_hash_table_lookup (query, "options") : NULL;
  g_auto(GStrv) type_list = NULL;
  g_autoptr(GArray) zones = NULL;
  g_autoptr(GArray) parks = NULL;
  gboolean on_street = FALSE, off_street = FALSE;
  guint limit, offset, total, end;
  Entity e = { 0 };

  if (types == NULL)
    return ngsi_ld_error (document, "BadRequestData", "type is required (OnStreetParking, OffStreetParking)");

  type_list = g_strsplit (types, ",", -1);
  for (guint i = 0; type_list[i] != NULL; i++)
    {
      on_street |= g_str_equal (type_list[i], "OnStreetParking");
      off_street |= g_str_equal (type_list[i], "OffStreetParking");
    }

  if (!vigie_sim_query_uint (query, "limit", NGSI_LD_LIMIT, &limit) ||
      !vigie_sim_query_uint (query, "offset", 0, &offset))
    return ngsi_ld_error (document, "BadRequestData", "limit and offset must be non-negative integers");
  if (limit > NGSI_LD_MAX_LIMIT)
    return ngsi_ld_error (document, "TooManyResults", "limit must be 1000 or less");

  zones = on_street ? vigie_sim_meter_zones (city, context) : g_array_new (FALSE, TRUE, sizeof (VigieSimSite));
  parks = off_street ? vigie_sim_car_parks (city, context) : g_array_new (FALSE, TRUE, sizeof (VigieSimSite));
  /* One list of at most VIGIE_SIM_MAX_ENTITIES, car parks kept at scale. */
  if (zones->len + parks->len > VIGIE_SIM_MAX_ENTITIES)
    {
      g_array_set_size (parks, MIN (parks->len, VIGIE_SIM_MAX_ENTITIES / 10));
      g_array_set_size (zones, MIN (zones->len, VIGIE_SIM_MAX_ENTITIES - parks->len));
    }
  total = zones->len + parks->len;
  end = MIN (total, offset + (guint64) limit);

  e.out = g_string_sized_new (256 + (end - MIN (offset, end)) * 900);
  e.normalized = options == NULL || strstr (options, "keyValues") == NULL;

  g_string_append_c (e.out, '[');
  for (guint i = offset; i < end; i++)
    {
      if (i > offset)
        g_string_append_c (e.out, ',');
      if (i < zones->len)
        write_on_street (&e, city, context, &g_array_index (zones, VigieSimSite, i));
      else
        write_off_street (&e, context, &g_array_index (parks, VigieSimSite, i - zones->len));
    }
  g_string_append_c (e.out, ']');

  document->results_count = total;

  return vigie_sim_json_finish (e.out);
}
