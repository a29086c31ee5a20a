/* vigie-simulator.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-simulator"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "vigie-sim-ter.h"
#include "vigie-simulator-private.h"

/* The demo city: a SoupServer on 127.0.0.1 serving the standard feeds of a
 * simulated Mulhouse. Documents are rendered in a worker from immutable
 * city data and a copy of the knobs, so the server's main context (the
 * application's, for vigie --demo) never waits on a big document.
 *
 * Simulated time runs at @speed from an origin; vigie_simulator_set_time()
 * freezes it, which with a fixed seed gives the same bytes every time.
 *
 * The HTTP side is in vigie-sim-server.c. */

#define DEFAULT_LATENCY_MS   2000
#define DEFAULT_STATUS       503
#define DEFAULT_STALE_S      900

G_DEFINE_FINAL_TYPE (VigieSimulator, vigie_simulator, G_TYPE_OBJECT)

G_DEFINE_QUARK (vigie-simulator-error-quark, vigie_simulator_error)

enum {
  PROP_0,
  PROP_SEED,
  PROP_SPEED,
  PROP_SCALE,
  PROP_PORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const paths[] = {
  "/gtfs/gtfs.zip",
  "/gtfs-rt/vehicle-positions.pb",
  "/ter/gtfs.zip",
  "/ter/trip-updates.pb",
  "/siri-lite/vehicle-monitoring.json",
  "/gbfs/velocite/gbfs.json",
  "/gbfs/velocite/fr/system_information.json",
  "/gbfs/velocite/fr/station_information.json",
  "/gbfs/velocite/fr/station_status.json",
  "/gbfs/velocite/fr/vehicle_types.json",
  "/gbfs/citiz/gbfs.json",
  "/gbfs/citiz/system_information.json",
  "/gbfs/citiz/station_information.json",
  "/gbfs/citiz/station_status.json",
  "/gbfs/citiz/vehicle_types.json",
  "/gbfs/citiz/vehicle_status.json",
  "/ngsi-ld/v1/entities?type=OnStreetParking,OffStreetParking&options=keyValues",
  "/wifi/hotspots.geojson",
  NULL
};

/*
 * Auxiliary functions
 */

/* Re-anchors the clock so that a change of speed does not jump in time. */
static gint64
current_time_locked (VigieSimulator *self)
{
  if (self->frozen)
    return self->origin_sim;

  return self->origin_sim + (gint64) ((g_get_real_time () - self->origin_real) / 1e6 * self->speed);
}

/* Sets the clock under its lock: vigie --demo serves from a thread. */
static void
set_clock (VigieSimulator *self,
           gboolean        frozen,
           gint64          origin_sim,
           double          speed)
{
  g_mutex_lock (&self->clock_lock);
  self->frozen = frozen;
  self->origin_sim = origin_sim;
  self->origin_real = g_get_real_time ();
  self->speed = speed;
  g_mutex_unlock (&self->clock_lock);
}

/*
 * Overrides
 */

static void
vigie_simulator_dispose (GObject *object)
{
  VigieSimulator *self = (VigieSimulator *)object;

  g_cancellable_cancel (self->cancellable);
  vigie_simulator_stop (self);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (vigie_simulator_parent_class)->dispose (object);
}

static void
vigie_simulator_finalize (GObject *object)
{
  VigieSimulator *self = (VigieSimulator *)object;

  g_clear_pointer (&self->city, vigie_sim_city_free);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->gtfs, g_bytes_unref);
  g_mutex_clear (&self->gtfs_lock);
  g_mutex_clear (&self->clock_lock);

  G_OBJECT_CLASS (vigie_simulator_parent_class)->finalize (object);
}

static void
vigie_simulator_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VigieSimulator *self = VIGIE_SIMULATOR (object);

  switch (prop_id)
    {
    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    case PROP_SCALE:
      g_value_set_uint (value, self->scale);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_simulator_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VigieSimulator *self = VIGIE_SIMULATOR (object);

  switch (prop_id)
    {
    case PROP_SEED:
      vigie_simulator_set_seed (self, g_value_get_uint64 (value));
      break;
    case PROP_SPEED:
      vigie_simulator_set_speed (self, g_value_get_double (value));
      break;
    case PROP_SCALE:
      vigie_simulator_set_scale (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_simulator_class_init (VigieSimulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_simulator_dispose;
  object_class->finalize = vigie_simulator_finalize;
  object_class->get_property = vigie_simulator_get_property;
  object_class->set_property = vigie_simulator_set_property;

  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL, 0, G_MAXUINT64, 1,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 0.0, 10000.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCALE] =
    g_param_spec_uint ("scale", NULL, NULL, 1, VIGIE_SIMULATOR_MAX_SCALE, 1,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_simulator_init (VigieSimulator *self)
{
  g_autoptr(GError) error = NULL;

  self->cancellable = g_cancellable_new ();
  self->scale = 1;
  self->speed = 1.0;
  self->origin_real = g_get_real_time ();
  self->origin_sim = self->origin_real / G_USEC_PER_SEC;
  g_mutex_init (&self->gtfs_lock);
  g_mutex_init (&self->clock_lock);

  self->tz = g_time_zone_new_identifier ("Europe/Paris");
  if (self->tz == NULL)
    {
      g_warning ("No time zone data for Europe/Paris: the demo city runs on UTC");
      self->tz = g_time_zone_new_utc ();
    }

  /* The data is compiled in: failing to read it is a build bug. */
  self->city = vigie_sim_city_new_default (&error);
  if (self->city == NULL)
    g_error ("Cannot load the demo city: %s", error->message);
}

/*
 * Private API
 */

gint64
vigie_simulator_current_time (VigieSimulator *self)
{
  gint64 now;

  g_mutex_lock (&self->clock_lock);
  now = current_time_locked (self);
  g_mutex_unlock (&self->clock_lock);

  return now;
}

/* A fault given with "@SECONDS" starts that long into the simulation:
 * the feed works, then fails, as a real one does. */
const Fault *
vigie_simulator_active_fault (VigieSimulator *self,
                              VigieSimFeed    feed)
{
  static const Fault none = { 0, };
  const Fault *fault = &self->faults[feed];

  if (fault->from > 0 && vigie_simulator_current_time (self) < fault->from)
    return &none;

  return fault;
}

void
vigie_simulator_make_context (VigieSimulator  *self,
                              const Fault     *fault,
                              VigieSimContext *context)
{
  context->seed = self->seed;
  context->scale = self->scale;
  context->now = vigie_simulator_current_time (self);
  context->value_time = context->now;
  context->tz = g_time_zone_ref (self->tz);

  if (fault != NULL && fault->stale_s > 0)
    context->now = context->value_time = context->now - fault->stale_s;
  else if (fault != NULL && fault->frozen)
    context->value_time = fault->frozen_at;
}

char *
vigie_simulator_base_url (VigieSimulator *self)
{
  return g_strdup_printf ("http://127.0.0.1:%u", self->port);
}

void
vigie_simulator_render_document (VigieSimulator        *self,
                                 const VigieSimContext *context,
                                 const char            *url,
                                 const char            *path,
                                 GHashTable            *query,
                                 VigieSimDocument      *document)
{
  while (*path == '/')
    path++;

  /* The static timetable does not change with time: build it once a seed. */
  if (g_str_equal (path, "gtfs/gtfs.zip"))
    {
      g_mutex_lock (&self->gtfs_lock);
      if (self->gtfs == NULL || self->gtfs_seed != context->seed)
        {
          g_clear_pointer (&self->gtfs, g_bytes_unref);
          self->gtfs = vigie_sim_render_gtfs (self->city, context);
          self->gtfs_seed = context->seed;
        }
      document->body = g_bytes_ref (self->gtfs);
      document->content_type = "application/zip";
      document->status = 200;
      document->results_count = -1;
      g_mutex_unlock (&self->gtfs_lock);
      return;
    }

  vigie_sim_render (self->city, context, url, path, query, document);
}

/*
 * Public API
 */

VigieSimulator *
vigie_simulator_new (guint64 seed)
{
  return g_object_new (VIGIE_TYPE_SIMULATOR, "seed", seed, NULL);
}

gboolean
vigie_simulator_start (VigieSimulator  *self,
                       guint            port,
                       GError         **error)
{
  GSList *uris;

  g_return_val_if_fail (VIGIE_IS_SIMULATOR (self), FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  self->server = soup_server_new ("server-header", "Vigie-simulator/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (self->server, NULL, vigie_simulator_on_request_cb, self, NULL);

  if (!soup_server_listen_local (self->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    {
      g_clear_object (&self->server);
      return FALSE;
    }

  uris = soup_server_get_uris (self->server);
  self->port = uris != NULL ? g_uri_get_port (uris->data) : port;
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);

  return TRUE;
}

void
vigie_simulator_stop (VigieSimulator *self)
{
  g_return_if_fail (VIGIE_IS_SIMULATOR (self));

  if (self->server == NULL)
    return;

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  self->port = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

guint
vigie_simulator_get_port (VigieSimulator *self)
{
  g_return_val_if_fail (VIGIE_IS_SIMULATOR (self), 0);

  return self->port;
}

char *
vigie_simulator_dup_base_url (VigieSimulator *self)
{
  g_return_val_if_fail (VIGIE_IS_SIMULATOR (self), NULL);

  return vigie_simulator_base_url (self);
}

static void
add_feed (GKeyFile   *keyfile,
          const char *id,
          const char *name,
          const char *name_fr,
          const char *kind,
          const char *format,
          const char *url,
          guint       interval,
          gboolean    enabled)
{
  g_autofree char *group = g_strdup_printf ("Feed %s", id);

  g_key_file_set_string (keyfile, group, "Name", name);
  g_key_file_set_locale_string (keyfile, group, "Name", "fr", name_fr);
  g_key_file_set_string (keyfile, group, "Kind", kind);
  g_key_file_set_string (keyfile, group, "Format", format);
  g_key_file_set_string (keyfile, group, "Url", url);
  g_key_file_set_integer (keyfile, group, "PollInterval", interval);
  if (!enabled)
    g_key_file_set_boolean (keyfile, group, "Enabled", FALSE);
}

char *
vigie_simulator_dup_profile (VigieSimulator *self)
{
  static const char * const nearby_ids[] = { "place_REP", "place_PJN" };
  static const char * const nearby_names[] = { "République", "Porte Jeune" };
  static int nearby_minutes[] = { 9, 16 };
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *base = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (VIGIE_IS_SIMULATOR (self), NULL);

  base = vigie_simulator_base_url (self);

  g_key_file_set_string (keyfile, "Profile", "Name", "Mulhouse — demo (simulated)");
  g_key_file_set_locale_string (keyfile, "Profile", "Name", "fr", "Mulhouse — démo (simulé)");
  g_key_file_set_double (keyfile, "Profile", "Latitude", 47.7489);
  g_key_file_set_double (keyfile, "Profile", "Longitude", 7.3396);
  g_key_file_set_integer (keyfile, "Profile", "Zoom", 14);
  g_key_file_set_boolean (keyfile, "Profile", "Simulated", TRUE);

  /* The timetable is the feed's main document; the live positions follow
   * it as "vehicle-positions" (see src/formats/gtfs/vigie-format-gtfs.c). */
  url = g_strconcat (base, "/gtfs/gtfs.zip", NULL);
  add_feed (keyfile, "trams", "Soléa trams (simulated)", "Trams Soléa (simulé)",
            "trams", "gtfs", url, 15, TRUE);
  add_feed (keyfile, "trams-siri", "Soléa trams, SIRI-Lite (simulated)", "Trams Soléa, SIRI-Lite (simulé)",
            "trams", "gtfs", url, 15, FALSE);
  g_clear_pointer (&url, g_free);
  url = g_strconcat (base, "/gtfs-rt/vehicle-positions.pb", NULL);
  g_key_file_set_string (keyfile, "Feed trams", "Url.vehicle-positions", url);
  g_clear_pointer (&url, g_free);
  /* Their times at the stops, in real time on the boards. */
  url = g_strconcat (base, "/gtfs-rt/trip-updates.pb", NULL);
  g_key_file_set_string (keyfile, "Feed trams", "Url.trip-updates", url);
  g_clear_pointer (&url, g_free);
  url = g_strconcat (base, "/siri-lite/vehicle-monitoring.json", NULL);
  g_key_file_set_string (keyfile, "Feed trams-siri", "Url.vehicle-positions", url);
  g_clear_pointer (&url, g_free);

  /* The regional trains the trams connect with at the main station. */
  url = g_strconcat (base, "/ter/gtfs.zip", NULL);
  add_feed (keyfile, "ter", "TER trains (simulated)", "Trains TER (simulé)",
            "trains", "gtfs", url, 15, TRUE);
  g_key_file_set_string (keyfile, "Feed ter", "Option.route-types", "2");
  g_clear_pointer (&url, g_free);
  url = g_strconcat (base, "/ter/trip-updates.pb", NULL);
  g_key_file_set_string (keyfile, "Feed ter", "Url.trip-updates", url);
  g_clear_pointer (&url, g_free);

  /* Where they meet: Mulhouse-Ville and the Gare Centrale tram stop in
   * front of it; stops of the city centre within a walk, timed at 1.2 m/s
   * along the streets (a third longer than as the crow flies). */
  g_key_file_set_string (keyfile, "Connections", "TrainFeed", "ter");
  g_key_file_set_string (keyfile, "Connections", "Station", VIGIE_SIM_TER_STATION);
  g_key_file_set_string (keyfile, "Connections", "StationName", "Mulhouse-Ville");
  g_key_file_set_string (keyfile, "Connections", "TramFeed", "trams");
  g_key_file_set_string (keyfile, "Connections", "Interchange", "place_GAR");
  g_key_file_set_string (keyfile, "Connections", "InterchangeName", "Gare Centrale");
  g_key_file_set_integer (keyfile, "Connections", "WalkMinutes", 4);
  g_key_file_set_string_list (keyfile, "Connections", "NearbyStops", nearby_ids, G_N_ELEMENTS (nearby_ids));
  g_key_file_set_string_list (keyfile, "Connections", "NearbyNames", nearby_names, G_N_ELEMENTS (nearby_names));
  g_key_file_set_integer_list (keyfile, "Connections", "NearbyWalkMinutes", nearby_minutes, G_N_ELEMENTS (nearby_minutes));

  /* The centre of "Parkings du centre": around the place de la Réunion
   * and the Porte Jeune, the station's car park left out. */
  g_key_file_set_double (keyfile, "Centre", "Latitude", 47.7480);
  g_key_file_set_double (keyfile, "Centre", "Longitude", 7.3394);
  g_key_file_set_integer (keyfile, "Centre", "Radius", 450);

  url = g_strconcat (base, "/gbfs/velocite/gbfs.json", NULL);
  add_feed (keyfile, "velocite", "VéloCité (simulated)", "VéloCité (simulé)",
            "bikes", "gbfs", url, 30, TRUE);
  g_key_file_set_string (keyfile, "Feed velocite", "Option.language", "fr");
  g_clear_pointer (&url, g_free);

  url = g_strconcat (base, "/gbfs/citiz/gbfs.json", NULL);
  add_feed (keyfile, "citiz", "Citiz (simulated)", "Citiz (simulé)",
            "car-share", "gbfs", url, 60, TRUE);
  g_clear_pointer (&url, g_free);

  url = g_strconcat (base, "/ngsi-ld/v1/entities?type=OnStreetParking,OffStreetParking&options=keyValues&limit=1000&count=true", NULL);
  add_feed (keyfile, "parking", "Parking (simulated)", "Stationnement (simulé)",
            "parking", "ngsi-ld", url, 60, TRUE);
  /* Its past from the simulator's temporal API, as a city whose broker
   * keeps it (src/history/vigie-temporal-client.c). */
  g_key_file_set_string (keyfile, "Feed parking", "History", "broker");
  g_clear_pointer (&url, g_free);

  url = g_strconcat (base, "/wifi/hotspots.geojson", NULL);
  add_feed (keyfile, "wifi", "Public Wi-Fi (simulated)", "Wi-Fi public (simulé)",
            "wifi", "wifi-geojson", url, 60, TRUE);

  return g_key_file_to_data (keyfile, NULL, NULL);
}

guint64
vigie_simulator_get_seed (VigieSimulator *self)
{
  g_return_val_if_fail (VIGIE_IS_SIMULATOR (self), 0);

  return self->seed;
}

void
vigie_simulator_set_seed (VigieSimulator *self,
                          guint64         seed)
{
  g_return_if_fail (VIGIE_IS_SIMULATOR (self));

  if (self->seed == seed)
    return;

  self->seed = seed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEED]);
}

double
vigie_simulator_get_speed (VigieSimulator *self)
{
  g_return_val_if_fail (VIGIE_IS_SIMULATOR (self), 1.0);

  return self->speed;
}

void
vigie_simulator_set_speed (VigieSimulator *self,
                           double          speed)
{
  g_return_if_fail (VIGIE_IS_SIMULATOR (self));
  g_return_if_fail (speed >= 0.0);

  if (self->speed == speed)
    return;

  /* Re-anchored so that a change of speed does not jump in time. */
  set_clock (self, self->frozen, vigie_simulator_current_time (self), speed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

guint
vigie_simulator_get_scale (VigieSimulator *self)
{
  g_return_val_if_fail (VIGIE_IS_SIMULATOR (self), 1);

  return self->scale;
}

void
vigie_simulator_set_scale (VigieSimulator *self,
                           guint           scale)
{
  g_return_if_fail (VIGIE_IS_SIMULATOR (self));

  scale = CLAMP (scale, 1, VIGIE_SIMULATOR_MAX_SCALE);
  if (self->scale == scale)
    return;

  self->scale = scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE]);
}

gint64
vigie_simulator_get_time (VigieSimulator *self)
{
  g_return_val_if_fail (VIGIE_IS_SIMULATOR (self), 0);

  return vigie_simulator_current_time (self);
}

void
vigie_simulator_set_time (VigieSimulator *self,
                          gint64          unix_time)
{
  g_return_if_fail (VIGIE_IS_SIMULATOR (self));

  set_clock (self, TRUE, unix_time, self->speed);
}

void
vigie_simulator_set_start_time (VigieSimulator *self,
                                gint64          unix_time)
{
  g_return_if_fail (VIGIE_IS_SIMULATOR (self));

  set_clock (self, FALSE, unix_time, self->speed);
}

gboolean
vigie_simulator_add_fault (VigieSimulator  *self,
                           const char      *spec,
                           GError         **error)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *what = NULL;
  const char *kind;
  const char *arg;
  const char *at;
  guint64 number = 0;
  guint64 after = 0;
  VigieSimFeed first, last;

  g_return_val_if_fail (VIGIE_IS_SIMULATOR (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  /* "bikes:status:503@60": from 60 simulated seconds on. */
  at = strchr (spec, '@');
  what = at != NULL ? g_strndup (spec, at - spec) : g_strdup (spec);
  if (at != NULL && !g_ascii_string_to_unsigned (at + 1, 10, 1, G_MAXUINT32, &after, error))
    return FALSE;

  parts = g_strsplit (what, ":", 3);
  if (g_strv_length (parts) < 2)
    {
      g_set_error (error, VIGIE_SIMULATOR_ERROR, VIGIE_SIMULATOR_ERROR_BAD_FAULT,
                   _("“%s”: expected FEED:KIND[:ARG]"), spec);
      return FALSE;
    }
  kind = parts[1];
  arg = parts[2];

  if (g_str_equal (parts[0], "all"))
    first = 0, last = VIGIE_SIM_N_FEEDS - 1;
  else if (g_str_equal (parts[0], "trams"))
    first = VIGIE_SIM_FEED_GTFS, last = VIGIE_SIM_FEED_SIRI_LITE;
  else if (vigie_sim_feed_from_string (parts[0], &first))
    last = first;
  else
    {
      /* Listed from the feeds themselves, so that a new one is never missing. */
      g_autoptr(GString) names = g_string_new (NULL);

      for (VigieSimFeed feed = 0; feed < VIGIE_SIM_N_FEEDS; feed++)
        g_string_append_printf (names, "%s, ", vigie_sim_feed_to_string (feed));
      g_string_append (names, "trams, all");
      g_set_error (error, VIGIE_SIMULATOR_ERROR, VIGIE_SIMULATOR_ERROR_BAD_FAULT,
                   /* Translators: the second %s lists the feeds: "gtfs, gtfs-rt, …, all". */
                   _("“%s”: unknown feed (%s)"), parts[0], names->str);
      return FALSE;
    }

  if (arg != NULL && !g_ascii_string_to_unsigned (arg, 10, 0, G_MAXUINT32, &number, error))
    return FALSE;

  for (VigieSimFeed feed = first; feed <= last; feed++)
    {
      Fault *fault = &self->faults[feed];

      if (g_str_equal (kind, "latency"))
        fault->latency_ms = arg != NULL ? number : DEFAULT_LATENCY_MS;
      else if (g_str_equal (kind, "status") && (arg == NULL || (number >= 400 && number <= 599)))
        fault->status = arg != NULL ? number : DEFAULT_STATUS;
      else if (g_str_equal (kind, "malformed"))
        fault->malformed = TRUE;
      else if (g_str_equal (kind, "truncated"))
        fault->truncated = TRUE;
      else if (g_str_equal (kind, "stale"))
        fault->stale_s = arg != NULL ? (gint64) number : DEFAULT_STALE_S;
      else if (g_str_equal (kind, "frozen"))
        {
          fault->frozen = TRUE;
          fault->frozen_at = vigie_simulator_current_time (self);
        }
      else if (g_str_equal (kind, "none"))
        memset (fault, 0, sizeof *fault);
      else
        {
          g_set_error (error, VIGIE_SIMULATOR_ERROR, VIGIE_SIMULATOR_ERROR_BAD_FAULT,
                       _("“%s”: unknown fault (latency[:MS], status[:400–599], malformed, truncated, "
                         "stale[:S], frozen, none)"), kind);
          return FALSE;
        }

      fault->from = after > 0 ? vigie_simulator_current_time (self) + (gint64) after : 0;
    }

  return TRUE;
}

void
vigie_simulator_clear_faults (VigieSimulator *self)
{
  g_return_if_fail (VIGIE_IS_SIMULATOR (self));

  memset (self->faults, 0, sizeof self->faults);
}

GBytes *
vigie_simulator_render (VigieSimulator  *self,
                        const char      *path,
                        GHashTable      *query,
                        const char     **content_type,
                        guint           *status)
{
  VigieSimDocument document = { 0 };
  VigieSimContext context;
  g_autofree char *url = NULL;
  const Fault *fault = NULL;
  VigieSimFeed feed;

  g_return_val_if_fail (VIGIE_IS_SIMULATOR (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (vigie_sim_feed_for_path (path, &feed))
    fault = vigie_simulator_active_fault (self, feed);

  vigie_simulator_make_context (self, fault, &context);
  url = vigie_simulator_base_url (self);
  vigie_simulator_render_document (self, &context, url, path, query, &document);
  g_time_zone_unref (context.tz);

  if (content_type != NULL)
    *content_type = document.content_type;
  if (status != NULL)
    *status = document.status;
  g_clear_pointer (&document.link, g_free);
  g_clear_pointer (&document.content_range, g_free);

  return document.body;
}

guint
vigie_simulator_count_entities (VigieSimulator *self,
                                const char     *feed)
{
  VigieSimContext context;
  VigieSimFeed id;
  guint n;

  g_return_val_if_fail (VIGIE_IS_SIMULATOR (self), 0);

  if (!vigie_sim_feed_from_string (feed, &id))
    g_return_val_if_reached (0);

  vigie_simulator_make_context (self, NULL, &context);
  n = vigie_sim_count_entities (self->city, &context, id);
  g_time_zone_unref (context.tz);

  return n;
}

const char * const *
vigie_simulator_list_paths (void)
{
  return paths;
}

