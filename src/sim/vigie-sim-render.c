/* vigie-sim-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-sim-render"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vigie-sim-json.h"
#include "vigie-sim-pb.h"
#include "vigie-sim-render.h"
#include "vigie-sim-ter.h"

/* Every document is written by hand into a GString, in a fixed order and
 * with fixed number formats (never the locale's), so that the bytes depend
 * on the model alone. */

#define GBFS_BIKES_PATH   "gbfs/velocite/"
#define GBFS_CARS_PATH    "gbfs/citiz/"
#define NGSI_LD_PATH      "ngsi-ld/v1/entities"
#define NGSI_LD_TEMPORAL_PATH "ngsi-ld/v1/temporal/entities"

/*
 * Feed names
 */

static const char * const feed_names[] = {
  "gtfs", "gtfs-rt", "siri-lite", "bikes", "car-share", "parking", "wifi", "ter",
};

G_STATIC_ASSERT (G_N_ELEMENTS (feed_names) == VIGIE_SIM_N_FEEDS);

const char *
vigie_sim_feed_to_string (VigieSimFeed feed)
{
  g_return_val_if_fail (feed < VIGIE_SIM_N_FEEDS, NULL);

  return feed_names[feed];
}

gboolean
vigie_sim_feed_from_string (const char   *text,
                            VigieSimFeed *feed)
{
  for (guint i = 0; i < VIGIE_SIM_N_FEEDS; i++)
    {
      if (g_strcmp0 (text, feed_names[i]) == 0)
        {
          *feed = i;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
vigie_sim_feed_for_path (const char   *path,
                         VigieSimFeed *feed)
{
  static const struct { const char *prefix; VigieSimFeed feed; } prefixes[] = {
    { "gtfs/", VIGIE_SIM_FEED_GTFS },
    { "gtfs-rt/", VIGIE_SIM_FEED_GTFS_RT },
    { "siri-lite/", VIGIE_SIM_FEED_SIRI_LITE },
    { GBFS_BIKES_PATH, VIGIE_SIM_FEED_BIKES },
    { GBFS_CARS_PATH, VIGIE_SIM_FEED_CAR_SHARE },
    { "ngsi-ld/", VIGIE_SIM_FEED_PARKING },
    { "wifi/", VIGIE_SIM_FEED_WIFI },
    { "ter/", VIGIE_SIM_FEED_TER },
  };

  while (*path == '/')
    path++;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      if (g_str_has_prefix (path, prefixes[i].prefix))
        {
          *feed = prefixes[i].feed;
          return TRUE;
        }
    }

  return FALSE;
}

/* GTFS-Realtime: the protobuf wire format written directly
 * (vigie-sim-pb.c), for the few messages of VehiclePositions
 * (gtfs-realtime.proto, proto2). */

/*
 * GTFS-Realtime
 */

/* The tram's TripDescriptor, field 1 of both a VehiclePosition and a
 * TripUpdate; @part is the scratch buffer. */
static void
write_trip (GByteArray         *message,
            GByteArray         *part,
            const VigieSimTram *tram)
{
  vigie_sim_pb_string (part, 1, tram->trip_id);
  vigie_sim_pb_string (part, 2, tram->start_time);
  vigie_sim_pb_string (part, 3, tram->start_date);
  vigie_sim_pb_uint (part, 4, 0);          /* SCHEDULED */
  vigie_sim_pb_string (part, 5, tram->line->id);
  vigie_sim_pb_uint (part, 6, tram->direction);
  vigie_sim_pb_message (message, 1, part);
}

static GBytes *
render_gtfs_rt (const VigieSimCity    *city,
                const VigieSimContext *context)
{
  g_autoptr(GArray) trams = vigie_sim_trams (city, context);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GByteArray) entity = g_byte_array_new ();
  g_autoptr(GByteArray) vehicle = g_byte_array_new ();
  g_autoptr(GByteArray) part = g_byte_array_new ();

  vigie_sim_pb_feed_header (out, context->now);

  for (guint i = 0; i < trams->len; i++)
    {
      const VigieSimTram *tram = &g_array_index (trams, VigieSimTram, i);
      const VigieSimDirection *d = &tram->line->directions[tram->direction];
      const VigieSimStop *stop = g_ptr_array_index (city->stops, d->stops[tram->stop_index]);
      g_autofree char *id = g_strdup_printf ("tram-%s", tram->vehicle_id);
      g_autofree char *label = g_strdup_printf ("Rame %s", tram->vehicle_id);

      write_trip (vehicle, part, tram);

      /* Position */
      vigie_sim_pb_float (part, 1, (float) tram->lat);
      vigie_sim_pb_float (part, 2, (float) tram->lon);
      vigie_sim_pb_float (part, 3, (float) tram->bearing);
      vigie_sim_pb_float (part, 5, (float) tram->speed);
      vigie_sim_pb_message (vehicle, 2, part);

      vigie_sim_pb_uint (vehicle, 3, tram->stop_index + 1);
      vigie_sim_pb_uint (vehicle, 4, tram->stopped ? 1 : 2);   /* STOPPED_AT, IN_TRANSIT_TO */
      if (tram->timestamp != 0)
        vigie_sim_pb_uint (vehicle, 5, tram->timestamp);
      vigie_sim_pb_string (vehicle, 7, stop->id);

      /* VehicleDescriptor */
      vigie_sim_pb_string (part, 1, tram->vehicle_id);
      vigie_sim_pb_string (part, 2, label);
      vigie_sim_pb_message (vehicle, 8, part);

      vigie_sim_pb_string (entity, 1, id);
      vigie_sim_pb_message (entity, 4, vehicle);
      vigie_sim_pb_message (out, 2, entity);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* A tram's TripUpdate: its delay at the stop it is at or heading to,
 * which readers carry to the stops after it (the specification's
 * propagation). */
static void
write_trip_update (GByteArray            *out,
                   const VigieSimCity    *city,
                   const VigieSimContext *context,
                   const VigieSimTram    *tram)
{
  const VigieSimDirection *d = &tram->line->directions[tram->direction];
  const VigieSimStop *stop = g_ptr_array_index (city->stops, d->stops[tram->stop_index]);
  g_autoptr(GByteArray) entity = g_byte_array_new ();
  g_autoptr(GByteArray) update = g_byte_array_new ();
  g_autoptr(GByteArray) part = g_byte_array_new ();
  g_autoptr(GByteArray) event = g_byte_array_new ();
  /* By trip: a trip yet to leave may have a running tram's number. */
  g_autofree char *id = g_strdup_printf ("trip-%s", tram->trip_id);

  write_trip (update, part, tram);

  /* StopTimeUpdate: the departure from the stop ahead, late as it is. */
  vigie_sim_pb_uint (part, 1, tram->stop_index + 1);
  vigie_sim_pb_int32 (event, 1, tram->delay);
  vigie_sim_pb_uint (event, 2, (guint64) (tram->aimed_departure + tram->delay));
  vigie_sim_pb_message (part, 3, event);
  vigie_sim_pb_string (part, 4, stop->id);
  vigie_sim_pb_message (update, 2, part);
  vigie_sim_pb_uint (update, 4, tram->timestamp != 0 ? (guint64) tram->timestamp : (guint64) context->now);

  vigie_sim_pb_string (entity, 1, id);
  vigie_sim_pb_message (entity, 3, update);
  vigie_sim_pb_message (out, 2, entity);
}

/* The trams' TripUpdates: each running trip's, and those of the trips
 * about to leave their first stop, as an operator's system predicts them
 * from the tram that will run them; so the demo's boards are in real
 * time, at a terminus too. Further trips are left to the timetable. */
static GBytes *
render_gtfs_rt_trip_updates (const VigieSimCity    *city,
                             const VigieSimContext *context)
{
  g_autoptr(GArray) trams = vigie_sim_trams (city, context);
  g_autoptr(GArray) ahead = vigie_sim_trips_ahead (city, context, VIGIE_SIM_TRIPS_AHEAD_S);
  g_autoptr(GByteArray) out = g_byte_array_new ();

  vigie_sim_pb_feed_header (out, context->now);

  for (guint i = 0; i < trams->len; i++)
    {
      const VigieSimTram *tram = &g_array_index (trams, VigieSimTram, i);

      /* The stress copies run no trip of the timetable. */
      if (tram->copy != 0 || tram->aimed_departure == 0)
        continue;
      write_trip_update (out, city, context, tram);
    }
  for (guint i = 0; i < ahead->len; i++)
    write_trip_update (out, city, context, &g_array_index (ahead, VigieSimTram, i));

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* SIRI-Lite VehicleMonitoring, French profile, in JSON. */

/*
 * SIRI-Lite
 */

static void
append_duration (GString *out,
                 int      seconds)
{
  int s = ABS (seconds);

  g_string_append_printf (out, "\"%sPT", seconds < 0 ? "-" : "");
  if (s >= 60)
    g_string_append_printf (out, "%dM", s / 60);
  if (s % 60 != 0 || s == 0)
    g_string_append_printf (out, "%dS", s % 60);
  g_string_append_c (out, '"');
}

static GBytes *
render_siri_lite (const VigieSimCity    *city,
                  const VigieSimContext *context)
{
  g_autoptr(GArray) trams = vigie_sim_trams (city, context);
  GString *out = g_string_sized_new (512 + trams->len * 900);

  g_string_append (out, "{\"Siri\":{\"ServiceDelivery\":{\"ResponseTimestamp\":");
  vigie_sim_json_time (out, context, context->now, FALSE);
  g_string_append (out, ",\"ProducerRef\":\"SOLEA-SIMULE\",\"VehicleMonitoringDelivery\":[{\"version\":\"2.0\",\"ResponseTimestamp\":");
  vigie_sim_json_time (out, context, context->now, FALSE);
  g_string_append (out, ",\"ValidUntil\":");
  vigie_sim_json_time (out, context, context->now + 30, FALSE);
  g_string_append (out, ",\"VehicleActivity\":[");

  for (guint i = 0; i < trams->len; i++)
    {
      const VigieSimTram *tram = &g_array_index (trams, VigieSimTram, i);
      const VigieSimDirection *d = &tram->line->directions[tram->direction];
      const VigieSimStop *stop = g_ptr_array_index (city->stops, d->stops[tram->stop_index]);
      const VigieSimStop *origin = g_ptr_array_index (city->stops, d->stops[0]);
      const VigieSimStop *destination = g_ptr_array_index (city->stops, d->stops[d->n_stops - 1]);
      g_autofree char *ref = NULL;

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      if (tram->timestamp != 0)
        {
          g_string_append (out, "\"RecordedAtTime\":");
          vigie_sim_json_time (out, context, tram->timestamp, FALSE);
          g_string_append (out, ",\"ValidUntilTime\":");
          vigie_sim_json_time (out, context, tram->timestamp + 60, FALSE);
          g_string_append_c (out, ',');
        }
      g_string_append_printf (out, "\"ItemIdentifier\":\"SOLEA-SIMULE:Item::%s:%s:\",",
                              tram->vehicle_id, tram->start_date);
      g_string_append (out, "\"MonitoredVehicleJourney\":{");
      g_string_append_printf (out, "\"LineRef\":\"SOLEA-SIMULE:Line::%s:\",", tram->line->id);
      g_string_append_printf (out, "\"DirectionRef\":\"%s\",", tram->direction == 0 ? "Aller" : "Retour");
      g_string_append_printf (out, "\"FramedVehicleJourneyRef\":{\"DataFrameRef\":\"%.4s-%.2s-%.2s\","
                              "\"DatedVehicleJourneyRef\":\"SOLEA-SIMULE:VehicleJourney::%s:\"},",
                              tram->start_date, tram->start_date + 4, tram->start_date + 6, tram->trip_id);
      vigie_sim_json_member (out, "PublishedLineName");
      vigie_sim_json_string (out, tram->line->short_name);
      g_string_append (out, ",\"OperatorRef\":\"SOLEA-SIMULE\",");
      g_string_append_printf (out, "\"OriginRef\":\"SOLEA-SIMULE:StopPoint:Q:%s:\",", origin->id);
      g_string_append_printf (out, "\"DestinationRef\":\"SOLEA-SIMULE:StopPoint:Q:%s:\",", destination->id);
      vigie_sim_json_member (out, "DestinationName");
      vigie_sim_json_string (out, d->headsign);
      g_string_append (out, ",\"Monitored\":true,\"Delay\":");
      append_duration (out, tram->delay);
      g_string_append (out, ",\"VehicleLocation\":{\"Longitude\":");
      vigie_sim_json_double (out, tram->lon, 6);
      g_string_append (out, ",\"Latitude\":");
      vigie_sim_json_double (out, tram->lat, 6);
      g_string_append (out, "},\"Bearing\":");
      vigie_sim_json_double (out, tram->bearing, 0);
      g_string_append_printf (out, ",\"VehicleRef\":\"SOLEA-SIMULE:Vehicle::%s:\",", tram->vehicle_id);
      ref = g_strdup_printf ("SOLEA-SIMULE:StopPoint:Q:%s:", stop->id);
      g_string_append (out, "\"MonitoredCall\":{\"StopPointRef\":");
      vigie_sim_json_string (out, ref);
      g_string_append (out, ",\"StopPointName\":");
      vigie_sim_json_string (out, stop->name);
      g_string_append_printf (out, ",\"Order\":%u,\"VehicleAtStop\":%s,\"AimedDepartureTime\":",
                              tram->stop_index + 1, tram->stopped ? "true" : "false");
      vigie_sim_json_time (out, context, tram->aimed_departure, FALSE);
      g_string_append (out, ",\"ExpectedDepartureTime\":");
      vigie_sim_json_time (out, context, tram->aimed_departure + tram->delay, FALSE);
      g_string_append (out, "}}}");
    }

  g_string_append (out, "]}]}}}");

  return vigie_sim_json_finish (out);
}

/* GBFS 2.3: VéloCité, nextbike-style per-language paths. */

/*
 * GBFS
 */

static void
append_gbfs2_header (GString               *out,
                     const VigieSimContext *context,
                     guint                  ttl)
{
  g_string_append_printf (out, "{\"last_updated\":%" G_GINT64_FORMAT ",\"ttl\":%u,\"version\":\"2.3\",\"data\":",
                          context->now, ttl);
}

static GBytes *
render_bikes (const VigieSimCity    *city,
              const VigieSimContext *context,
              const char            *base_url,
              const char            *document)
{
  static const char * const documents[] = {
    "system_information", "station_information", "station_status", "vehicle_types",
  };
  GString *out = g_string_sized_new (4096);

  append_gbfs2_header (out, context, 60);

  if (g_str_equal (document, "gbfs.json"))
    {
      g_string_append (out, "{\"fr\":{\"feeds\":[");
      for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
        g_string_append_printf (out, "%s{\"name\":\"%s\",\"url\":\"%s/" GBFS_BIKES_PATH "fr/%s.json\"}",
                                i > 0 ? "," : "", documents[i], base_url, documents[i]);
      g_string_append (out, "]}}}");
    }
  else if (g_str_equal (document, "fr/system_information.json"))
    {
      g_string_append (out, "{\"system_id\":\"velocite-mulhouse-simule\",\"language\":\"fr\","
                            "\"name\":\"VéloCité (simulé)\",\"short_name\":\"VéloCité simulé\","
                            "\"operator\":\"Simulateur Vigie — données simulées\","
                            "\"url\":\"https://www.velocite-mulhouse.fr\",\"timezone\":\"Europe/Paris\","
                            "\"license_url\":\"https://www.etalab.gouv.fr/licence-ouverte-open-licence/\","
                            "\"attribution_organization_name\":\"Stations : JCDecaux open data (2013) ; remplissage simulé\"}}");
    }
  else if (g_str_equal (document, "fr/vehicle_types.json"))
    {
      g_string_append (out, "{\"vehicle_types\":[{\"vehicle_type_id\":\"velo\",\"form_factor\":\"bicycle\","
                            "\"propulsion_type\":\"human\",\"name\":\"Vélo\"}]}}");
    }
  else if (g_str_equal (document, "fr/station_information.json"))
    {
      g_autoptr(GArray) sites = vigie_sim_bike_stations (city, context);

      g_string_append (out, "{\"stations\":[");
      for (guint i = 0; i < sites->len; i++)
        {
          const VigieSimSite *site = &g_array_index (sites, VigieSimSite, i);

          vigie_sim_json_open_record (out, i, "station_id", site->id);
          g_string_append (out, ",\"name\":");
          vigie_sim_json_string (out, site->name);
          vigie_sim_json_lat_lon (out, site->lat, site->lon, 6);
          g_string_append_printf (out, ",\"capacity\":%u,\"is_virtual_station\":false}", site->capacity);
        }
      g_string_append (out, "]}}");
    }
  else if (g_str_equal (document, "fr/station_status.json"))
    {
      g_autoptr(GArray) sites = vigie_sim_bike_stations (city, context);

      g_string_append (out, "{\"stations\":[");
      for (guint i = 0; i < sites->len; i++)
        {
          const VigieSimSite *site = &g_array_index (sites, VigieSimSite, i);

          vigie_sim_json_open_record (out, i, "station_id", site->id);
          g_string_append_printf (out, ",\"num_bikes_available\":%u,\"num_bikes_disabled\":%u,"
                                  "\"vehicle_types_available\":[{\"vehicle_type_id\":\"velo\",\"count\":%u}],"
                                  "\"num_docks_available\":%u,"
                                  "\"is_installed\":true,\"is_renting\":%s,\"is_returning\":%s,"
                                  "\"last_reported\":%" G_GINT64_FORMAT "}",
                                  site->available, site->disabled, site->available,
                                  site->capacity - site->available - site->disabled,
                                  site->is_renting ? "true" : "false",
                                  site->is_returning ? "true" : "false",
                                  site->last_reported);
        }
      g_string_append (out, "]}}");
    }
  else
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return vigie_sim_json_finish (out);
}

/* GBFS 3.0: a Citiz-like station-based car share, with Citiz's quirks. */

static void
append_localized (GString    *out,
                  const char *text)
{
  g_string_append (out, "[{\"text\":");
  vigie_sim_json_string (out, text);
  g_string_append (out, ",\"language\":\"fr\"}]");
}

static void
append_gbfs3_header (GString               *out,
                     const VigieSimContext *context)
{
  g_string_append (out, "{\"last_updated\":");
  vigie_sim_json_time (out, context, context->now, TRUE);
  g_string_append (out, ",\"ttl\":300,\"version\":\"3.0\",\"data\":");
}

static const struct
{
  const char *id;
  const char *name;
  const char *propulsion;
  guint       max_range_m;
} car_types[] = {
  { "11", "Renault Clio", "combustion", 650000 },
  { "31", "Renault Zoé", "electric", 300000 },
};

/*
 * Car parks and meters
 */

static GBytes *
render_cars (const VigieSimCity    *city,
             const VigieSimContext *context,
             const char            *base_url,
             const char            *document)
{
  static const char * const documents[] = {
    "system_information", "station_information", "station_status", "vehicle_types", "vehicle_status",
  };
  GString *out = g_string_sized_new (4096);
  g_autoptr(GArray) cars = NULL;
  g_autoptr(GArray) sites = NULL;

  append_gbfs3_header (out, context);

  if (g_str_equal (document, "gbfs.json"))
    {
      g_string_append (out, "{\"feeds\":[");
      for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
        g_string_append_printf (out, "%s{\"name\":\"%s\",\"url\":\"%s/" GBFS_CARS_PATH "%s.json\"}",
                                i > 0 ? "," : "", documents[i], base_url, documents[i]);
      g_string_append (out, "]}}");
    }
  else if (g_str_equal (document, "system_information.json"))
    {
      g_string_append (out, "{\"system_id\":\"citiz-mulhouse-simule\",\"languages\":[\"fr\"],\"name\":");
      append_localized (out, "Citiz Mulhouse (simulé)");
      g_string_append (out, ",\"operator\":");
      append_localized (out, "Simulateur Vigie — données simulées");
      g_string_append (out, ",\"opening_hours\":\"24/7\",\"feed_contact_email\":\"demo@vigie.invalid\","
                            "\"timezone\":\"Europe/Paris\"}}");
    }
  else if (g_str_equal (document, "vehicle_types.json"))
    {
      g_string_append (out, "{\"vehicle_types\":[");
      for (guint i = 0; i < G_N_ELEMENTS (car_types); i++)
        {
          g_string_append_printf (out, "%s{\"vehicle_type_id\":\"%s\",\"form_factor\":\"car\","
                                  "\"propulsion_type\":\"%s\",\"max_range_meters\":%u,\"name\":",
                                  i > 0 ? "," : "", car_types[i].id, car_types[i].propulsion,
                                  car_types[i].max_range_m);
          append_localized (out, car_types[i].name);
          g_string_append (out, ",\"rider_capacity\":5,\"return_constraint\":\"roundtrip_station\"}");
        }
      g_string_append (out, "]}}");
    }
  else if (g_str_equal (document, "station_information.json"))
    {
      sites = vigie_sim_car_stations (city, context, &cars);
      g_string_append (out, "{\"stations\":[");
      for (guint i = 0; i < sites->len; i++)
        {
          const VigieSimSite *site = &g_array_index (sites, VigieSimSite, i);
          g_autofree char *name = g_strdup_printf (" %s", site->name);

          vigie_sim_json_open_record (out, i, "station_id", site->id);
          /* Citiz names come in capitals with a leading space. */
          g_string_append (out, ",\"name\":");
          append_localized (out, name);
          vigie_sim_json_lat_lon (out, site->lat, site->lon, 14);
          g_string_append_printf (out, ",\"address\":\"Près de l'arrêt de tram, Mulhouse\","
                                  "\"parking_type\":\"street_parking\",\"capacity\":%u,"
                                  "\"is_virtual_station\":false}", site->capacity);
        }
      g_string_append (out, "]}}");
    }
  else if (g_str_equal (document, "station_status.json"))
    {
      sites = vigie_sim_car_stations (city, context, &cars);
      g_string_append (out, "{\"stations\":[");
      for (guint i = 0, c = 0; i < sites->len; i++)
        {
          const VigieSimSite *site = &g_array_index (sites, VigieSimSite, i);
          guint counts[G_N_ELEMENTS (car_types)] = { 0 };
          gboolean first = TRUE;

          for (; c < cars->len && g_str_equal (g_array_index (cars, VigieSimCar, c).station_id, site->id); c++)
            counts[g_array_index (cars, VigieSimCar, c).electric]++;

          vigie_sim_json_open_record (out, i, "station_id", site->id);
          g_string_append_printf (out, ",\"num_vehicles_available\":%u,\"num_vehicles_disabled\":%u,"
                                  "\"vehicle_types_available\":[",
                                  site->available, site->disabled);
          for (guint k = 0; k < G_N_ELEMENTS (car_types); k++)
            {
              if (counts[k] == 0)
                continue;
              g_string_append_printf (out, "%s{\"vehicle_type_id\":\"%s\",\"count\":%u}",
                                      first ? "" : ",", car_types[k].id, counts[k]);
              first = FALSE;
            }
          g_string_append (out, "],\"num_docks_available\":0,\"is_installed\":true,"
                                "\"is_renting\":true,\"is_returning\":true,\"last_reported\":");
          vigie_sim_json_time (out, context, site->last_reported, TRUE);
          g_string_append_c (out, '}');
        }
      g_string_append (out, "]}}");
    }
  else if (g_str_equal (document, "vehicle_status.json"))
    {
      sites = vigie_sim_car_stations (city, context, &cars);
      g_string_append (out, "{\"vehicles\":[");
      for (guint i = 0; i < cars->len; i++)
        {
          const VigieSimCar *car = &g_array_index (cars, VigieSimCar, i);

          vigie_sim_json_open_record (out, i, "vehicle_id", car->id);
          g_string_append (out, ",\"last_reported\":");
          vigie_sim_json_time (out, context, car->last_reported, TRUE);
          vigie_sim_json_lat_lon (out, car->lat, car->lon, 14);
          g_string_append_printf (out, ",\"is_reserved\":%s,\"is_disabled\":%s,\"vehicle_type_id\":\"%s\","
                                  "\"current_range_meters\":%u,\"current_fuel_percent\":",
                                  car->is_reserved ? "true" : "false", car->is_disabled ? "true" : "false",
                                  car_types[car->electric].id,
                                  (guint) lround (car->fuel * car_types[car->electric].max_range_m));
          vigie_sim_json_double (out, car->fuel, 2);
          g_string_append (out, ",\"station_id\":");
          vigie_sim_json_string (out, car->station_id);
          g_string_append (out, ",\"home_station_id\":");
          vigie_sim_json_string (out, car->station_id);
          g_string_append (out, ",\"vehicle_equipment\":[]}");
        }
      g_string_append (out, "]}}");
    }
  else
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return vigie_sim_json_finish (out);
}

/* Vigie's own Wi-Fi load format (docs/wifi-geojson.md). */

/*
 * Wi-Fi hotspots
 */

static GBytes *
render_wifi (const VigieSimCity    *city,
             const VigieSimContext *context)
{
  g_autoptr(GArray) sites = vigie_sim_hotspots (city, context);
  GString *out = g_string_sized_new (512 + sites->len * 400);

  g_string_append (out, "{\"type\":\"FeatureCollection\",\"name\":\"Wi-Fi public de Mulhouse\","
                        "\"observed_at\":");
  vigie_sim_json_time (out, context, context->now, FALSE);
  g_string_append (out, ",\"ttl\":60,\"features\":[");

  for (guint i = 0; i < sites->len; i++)
    {
      const VigieSimSite *site = &g_array_index (sites, VigieSimSite, i);
      const VigieSimPlace *place = g_ptr_array_index (city->places, site->base);

      g_string_append (out, i > 0 ? ",{" : "{");
      g_string_append (out, "\"type\":\"Feature\",\"geometry\":");
      vigie_sim_json_point (out, site->lat, site->lon);
      g_string_append (out, ",\"properties\":{\"id\":");
      vigie_sim_json_string (out, site->id);
      g_string_append (out, ",\"name\":");
      vigie_sim_json_string (out, site->name);
      g_string_append_printf (out, ",\"clients\":%u,\"capacity\":%u,\"aps_up\":%u,\"aps_total\":%u,"
                              "\"simulated\":true,\"observed_at\":",
                              site->available, site->capacity, place->aps - site->disabled, place->aps);
      vigie_sim_json_time (out, context, site->last_reported, FALSE);
      g_string_append (out, "}}");
    }
  g_string_append (out, "]}");

  return vigie_sim_json_finish (out);
}

/*
 * Public API
 */

void
vigie_sim_render (const VigieSimCity    *city,
                  const VigieSimContext *context,
                  const char            *base_url,
                  const char            *path,
                  GHashTable            *query,
                  VigieSimDocument      *document)
{
  g_return_if_fail (city != NULL);
  g_return_if_fail (context != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (document != NULL);

  while (*path == '/')
    path++;

  document->body = NULL;
  document->status = 200;
  document->content_type = "application/json";
  document->results_count = -1;
  document->link = NULL;
  document->content_range = NULL;

  if (g_str_equal (path, "gtfs/gtfs.zip"))
    {
      document->content_type = "application/zip";
      document->body = vigie_sim_render_gtfs (city, context);
    }
  else if (g_str_equal (path, "gtfs-rt/vehicle-positions.pb"))
    {
      document->content_type = "application/x-protobuf";
      document->body = render_gtfs_rt (city, context);
    }
  else if (g_str_equal (path, "gtfs-rt/trip-updates.pb"))
    {
      document->content_type = "application/x-protobuf";
      document->body = render_gtfs_rt_trip_updates (city, context);
    }
  else if (g_str_equal (path, "ter/gtfs.zip"))
    {
      document->content_type = "application/zip";
      document->body = vigie_sim_render_ter_gtfs (context);
    }
  else if (g_str_equal (path, "ter/trip-updates.pb"))
    {
      document->content_type = "application/x-protobuf";
      document->body = vigie_sim_render_ter_trip_updates (context);
    }
  else if (g_str_equal (path, "siri-lite/vehicle-monitoring.json"))
    document->body = render_siri_lite (city, context);
  else if (g_str_has_prefix (path, GBFS_BIKES_PATH))
    document->body = render_bikes (city, context, base_url, path + strlen (GBFS_BIKES_PATH));
  else if (g_str_has_prefix (path, GBFS_CARS_PATH))
    document->body = render_cars (city, context, base_url, path + strlen (GBFS_CARS_PATH));
  else if (g_str_has_prefix (path, NGSI_LD_TEMPORAL_PATH))
    document->body = vigie_sim_render_temporal (city, context, base_url, path + strlen (NGSI_LD_TEMPORAL_PATH),
                                                query, document);
  else if (g_str_equal (path, NGSI_LD_PATH))
    document->body = vigie_sim_render_parking (city, context, query, document);
  else if (g_str_equal (path, "wifi/hotspots.geojson"))
    {
      document->content_type = "application/geo+json";
      document->body = render_wifi (city, context);
    }

  if (document->body == NULL)
    {
      document->status = 404;
      document->content_type = "text/plain; charset=utf-8";
      document->body = g_bytes_new_static ("Not found (simulator)\n", strlen ("Not found (simulator)\n"));
    }
}

/* The whole number @name of a request's @query, @fallback when it is not
 * there; FALSE when it is not such a number. */
gboolean
vigie_sim_query_uint (GHashTable *query,
                      const char *name,
                      guint       fallback,
                      guint      *value)
{
  const char *text = query != NULL ? g_hash_table_lookup (query, name) : NULL;
  guint64 parsed;

  if (text == NULL)
    {
      *value = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &parsed, NULL))
    return FALSE;
  *value = parsed;

  return TRUE;
}

/* Frees what vigie_sim_render() gave. */
void
vigie_sim_document_clear (VigieSimDocument *document)
{
  g_clear_pointer (&document->body, g_bytes_unref);
  g_clear_pointer (&document->link, g_free);
  g_clear_pointer (&document->content_range, g_free);
}

guint
vigie_sim_count_entities (const VigieSimCity    *city,
                          const VigieSimContext *context,
                          VigieSimFeed           feed)
{
  g_autoptr(GArray) sites = NULL;
  g_autoptr(GArray) more = NULL;

  switch (feed)
    {
    case VIGIE_SIM_FEED_GTFS:
      return city->stops->len;
    case VIGIE_SIM_FEED_GTFS_RT:
    case VIGIE_SIM_FEED_SIRI_LITE:
      sites = vigie_sim_trams (city, context);
      return sites->len;
    case VIGIE_SIM_FEED_BIKES:
      sites = vigie_sim_bike_stations (city, context);
      return sites->len;
    case VIGIE_SIM_FEED_CAR_SHARE:
      sites = vigie_sim_car_stations (city, context, &more);
      return sites->len + more->len;
    case VIGIE_SIM_FEED_PARKING:
      sites = vigie_sim_meter_zones (city, context);
      more = vigie_sim_car_parks (city, context);
      return MIN (sites->len + more->len, VIGIE_SIM_MAX_ENTITIES);
    case VIGIE_SIM_FEED_WIFI:
      sites = vigie_sim_hotspots (city, context);
      return sites->len;
    case VIGIE_SIM_FEED_TER:
      return vigie_sim_ter_n_stations ();
    case VIGIE_SIM_N_FEEDS:
    default:
      g_return_val_if_reached (0);
    }
}
