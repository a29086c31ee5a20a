/* vigie-style-words.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-style"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-number.h"
#include "vigie-style-private.h"

/* The words that describe an entity: the titles of its states, its
 * values for its details, the trams the timetable expects and no one
 * sees. Plain text, never markup. */

/* One line for @entity when it is a ghost; counts it in @n. */
static void
add_ghost_line (GString     *text,
                VigieEntity *entity,
                guint        max_lines,
                guint       *n)
{
  const char *line, *headsign;
  gboolean ghost = FALSE;

  if (!vigie_entity_lookup_boolean (entity, "ghost", &ghost) || !ghost)
    return;

  if (++*n > max_lines)
    return;

  line = vigie_entity_lookup_string (entity, "route_short_name");
  headsign = vigie_entity_lookup_string (entity, "headsign");
  if (text->len > 0)
    g_string_append_c (text, '\n');

  if (line != NULL && headsign != NULL)
    /* Translators: a tram the timetable expects: "Line 2 towards Nouveau Bassin". */
    g_string_append_printf (text, _("Line %s towards %s"), line, headsign);
  else if (line != NULL)
    g_string_append_printf (text, _("Line %s"), line);
  else
    g_string_append (text, vigie_entity_get_id (entity));
}

static char *
finish_ghost_lines (GString *text,
                    guint    max_lines,
                    guint    n,
                    guint   *n_ghosts)
{
  if (n > max_lines)
    {
      g_autofree char *more = vigie_format_count (n - max_lines);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "and %s more", "and %s more", n - max_lines),
                              more);
    }

  if (n_ghosts != NULL)
    *n_ghosts = n;

  if (n == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }

  return g_string_free (text, FALSE);
}

/**
 * vigie_style_list_ghosts:
 * @entities: a #GListModel of #VigieEntity (a trams layer's store)
 * @max_lines: how many trips to name at most
 * @n_ghosts: (out) (optional): how many scheduled trips have no real-time
 *   vehicle
 *
 * Names, for operators, the trams the timetable expects that no vehicle
 * reports: "Line 2 towards Nouveau Bassin", one a line. A walk over every
 * entity: in a worker, vigie_style_list_snapshot_ghosts() is the one to
 * use.
 *
 * Returns: (transfer full) (nullable): the lines, or %NULL when none
 */
char *
vigie_style_list_ghosts (GListModel *entities,
                         guint       max_lines,
                         guint      *n_ghosts)
{
  GString *text = g_string_new (NULL);
  guint n = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (entities), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(VigieEntity) entity = g_list_model_get_item (entities, i);

      add_ghost_line (text, entity, max_lines, &n);
    }

  return finish_ghost_lines (text, max_lines, n, n_ghosts);
}

/**
 * vigie_style_list_snapshot_ghosts:
 * @snapshot: a prepared trams snapshot, not incremental
 * @max_lines: how many trips to name at most
 * @n_ghosts: (out) (optional): how many scheduled trips have no real-time
 *   vehicle
 *
 * As vigie_style_list_ghosts(), over a snapshot: what a worker calls
 * with each update, so that the main thread never walks a network.
 *
 * Returns: (transfer full) (nullable): the lines, or %NULL when none
 */
char *
vigie_style_list_snapshot_ghosts (VigieSnapshot *snapshot,
                                  guint          max_lines,
                                  guint         *n_ghosts)
{
  GString *text = g_string_new (NULL);
  guint n = 0;

  g_return_val_if_fail (snapshot != NULL, NULL);

  for (guint i = 0; i < vigie_snapshot_get_n_entities (snapshot); i++)
    add_ghost_line (text, vigie_snapshot_get_entity (snapshot, i), max_lines, &n);

  return finish_ghost_lines (text, max_lines, n, n_ghosts);
}

const char *
vigie_style_station_state_title (VigieStationState state)
{
  switch (state)
    {
    case VIGIE_STATION_UNKNOWN:
      return _("Status unknown");
    case VIGIE_STATION_NOT_INSTALLED:
      return _("Not installed");
    case VIGIE_STATION_NOT_RENTING:
      return _("Not renting");
    case VIGIE_STATION_NOT_RETURNING:
      return _("Not taking returns");
    case VIGIE_STATION_EMPTY:
      return _("Empty");
    case VIGIE_STATION_NEARLY_EMPTY:
      return _("Nearly empty");
    case VIGIE_STATION_NORMAL:
      return _("Available");
    case VIGIE_STATION_NEARLY_FULL:
      return _("Nearly full");
    case VIGIE_STATION_FULL:
      return _("Full");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
vigie_style_load_state_title (VigieLoadState state)
{
  switch (state)
    {
    case VIGIE_LOAD_UNKNOWN:
      return _("Load unknown");
    case VIGIE_LOAD_OUT_OF_SERVICE:
      return _("Out of service");
    case VIGIE_LOAD_NORMAL:
      return _("Normal");
    case VIGIE_LOAD_BUSY:
      return _("Busy");
    case VIGIE_LOAD_SATURATED:
      return _("Saturated");
    case VIGIE_LOAD_FULL:
      return _("Full");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
describe_station (GPtrArray                  *lines,
                  VigieFeedKind               kind,
                  VigieEntity                *entity,
                  const VigieStyleThresholds *thresholds)
{
  gboolean bikes = kind != VIGIE_FEED_KIND_CAR_SHARE;
  VigieStationCounts counts;
  gint64 electric, mechanical, disabled;
  const char *address;

  g_autofree char *vehicles_text = NULL;
  g_autofree char *capacity_text = NULL;
  g_autofree char *docks_text = NULL;

  vigie_style_read_station (entity, &counts);
  g_ptr_array_add (lines, g_strdup (vigie_style_station_state_title (vigie_style_classify_station (entity, thresholds))));

  vehicles_text = vigie_format_count (counts.vehicles);
  capacity_text = vigie_format_count (counts.capacity);
  docks_text = vigie_format_count (counts.docks);

  if (counts.known_vehicles && counts.known_capacity)
    g_ptr_array_add (lines, g_strdup_printf (bikes ? g_dngettext (GETTEXT_PACKAGE, "%s bike available out of %s docks", "%s bikes available out of %s docks", counts.vehicles)
                                                   : g_dngettext (GETTEXT_PACKAGE, "%s car available out of %s places", "%s cars available out of %s places", counts.vehicles),
                                             vehicles_text, capacity_text));
  else if (counts.known_vehicles)
    g_ptr_array_add (lines, g_strdup_printf (bikes ? g_dngettext (GETTEXT_PACKAGE, "%s bike available", "%s bikes available", counts.vehicles)
                                                   : g_dngettext (GETTEXT_PACKAGE, "%s car available", "%s cars available", counts.vehicles),
                                             vehicles_text));

  if (counts.known_docks)
    /* Translators: a bike station's free docks ("places" in French) */
    g_ptr_array_add (lines, g_strdup_printf (bikes ? g_dngettext (GETTEXT_PACKAGE, "%s free dock", "%s free docks", counts.docks)
                                                   : g_dngettext (GETTEXT_PACKAGE, "%s free place", "%s free places", counts.docks),
                                             docks_text));

  if (vigie_entity_lookup_int (entity, "electric_available", &electric) &&
      vigie_entity_lookup_int (entity, "mechanical_available", &mechanical))
    {
      g_autofree char *electric_text = vigie_format_count (electric);
      g_autofree char *mechanical_text = vigie_format_count (mechanical);

      /* Translators: counts of vehicles at a station by propulsion. */
      g_ptr_array_add (lines, g_strdup_printf (_("%s electric, %s mechanical"), electric_text, mechanical_text));
    }

  if (vigie_entity_lookup_int (entity, "vehicles_disabled", &disabled) && disabled > 0)
    {
      g_autofree char *disabled_text = vigie_format_count (disabled);

      g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s vehicle out of service", "%s vehicles out of service", disabled),
                                               disabled_text));
    }

  address = vigie_entity_lookup_string (entity, "address");
  if (address != NULL)
    g_ptr_array_add (lines, g_strdup (address));

  vigie_style_describe_availability (lines, entity);
  vigie_style_describe_alerts (lines, entity);
}

static void
describe_vehicle (GPtrArray   *lines,
                  VigieEntity *entity)
{
  const char *propulsion = vigie_entity_lookup_string (entity, "propulsion");
  double range_m, fuel;

  if (vigie_style_lookup_flag (entity, "is_disabled", FALSE))
    g_ptr_array_add (lines, g_strdup (_("Out of service")));
  else if (vigie_style_lookup_flag (entity, "is_reserved", FALSE))
    g_ptr_array_add (lines, g_strdup (_("Reserved")));
  else
    g_ptr_array_add (lines, g_strdup (_("Available")));

  if (propulsion != NULL && g_str_has_prefix (propulsion, "electric"))
    g_ptr_array_add (lines, g_strdup (_("Electric")));
  else if (g_strcmp0 (propulsion, "human") == 0)
    g_ptr_array_add (lines, g_strdup (_("Mechanical")));

  if (vigie_entity_lookup_double (entity, "range_m", &range_m) && isfinite (range_m))
    /* Translators: how far an electric vehicle can still go, in kilometres. */
    g_ptr_array_add (lines, g_strdup_printf (_("Range: %.0f km"), range_m / 1000.0));

  if (vigie_entity_lookup_double (entity, "fuel_percent", &fuel) && isfinite (fuel))
    /* Translators: the charge or fuel left, as a percentage. */
    g_ptr_array_add (lines, g_strdup_printf (_("Charge: %.0f %%"), fuel <= 1.0 ? fuel * 100.0 : fuel));

  vigie_style_describe_availability (lines, entity);
}

/* "12 min late", "On time": the words for a delay in seconds. */
static char *
describe_delay (gint64 delay)
{
  int minutes = (int) (ABS (delay) / 60);

  if (minutes == 0)
    return g_strdup (_("On time"));
  else if (delay > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min late", "%d min late", minutes), minutes);
  else
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min early", "%d min early", minutes), minutes);
}

static void
describe_tram (GPtrArray   *lines,
               VigieEntity *entity)
{
  const char *line = vigie_style_tram_line (entity);
  const char *headsign = vigie_style_tram_headsign (entity);
  const char *source = vigie_entity_lookup_string (entity, "source");
  gboolean age_unknown = FALSE;
  gint64 delay;

  if (line != NULL)
    g_ptr_array_add (lines, g_strdup_printf (_("Line %s"), line));
  if (headsign != NULL)
    g_ptr_array_add (lines, g_strdup_printf (_("Towards %s"), headsign));

  /* Operators must never take a timetable position for a measured one. */
  if (vigie_style_lookup_flag (entity, "canceled", FALSE))
    g_ptr_array_add (lines, g_strdup (_("Scheduled, but the trip is canceled")));
  else if (g_strcmp0 (source, "schedule") == 0 && vigie_style_lookup_flag (entity, "ghost", FALSE))
    g_ptr_array_add (lines, g_strdup (_("Scheduled, but no real-time position: the tram may be missing")));
  else if (g_strcmp0 (source, "schedule") == 0)
    g_ptr_array_add (lines, g_strdup (_("Timetable position, not measured")));
  else if (g_strcmp0 (source, "realtime") == 0)
    g_ptr_array_add (lines, g_strdup (_("Real-time position")));
  if (vigie_entity_lookup_boolean (entity, "age_unknown", &age_unknown) && age_unknown)
    g_ptr_array_add (lines, g_strdup (_("Age of the position unknown")));

  if (vigie_entity_lookup_int (entity, "delay_s", &delay))
    g_ptr_array_add (lines, describe_delay (delay));
}

/* The alerts' headers a line or stop carries (GTFS-Realtime Alerts). */
static void
describe_alerts (GPtrArray   *lines,
                 VigieEntity *entity)
{
  g_autoptr(GVariant) alerts = vigie_entity_dup_value (entity, "alerts", G_VARIANT_TYPE_STRING_ARRAY);

  for (gsize i = 0; alerts != NULL && i < g_variant_n_children (alerts); i++)
    {
      g_autoptr(GVariant) header = g_variant_get_child_value (alerts, i);

      /* Translators: a service alert on a line or stop, in the feed's words. */
      g_ptr_array_add (lines, g_strdup_printf (_("Alert: %s"), g_variant_get_string (header, NULL)));
    }
}

/* One of a stop's next arrivals: "Line T1 at 07:15 · 2 min late". */
static char *
describe_arrival (GVariant *arrival)
{
  g_autoptr(GVariantDict) values = g_variant_dict_new (arrival);
  g_autofree char *what = NULL;
  g_autofree char *state = NULL;
  const char *route = NULL, *trip = NULL, *status = NULL;
  gint64 time = 0, delay = 0;
  gboolean has_time, has_delay;

  if (!g_variant_dict_lookup (values, "route_short_name", "&s", &route))
    g_variant_dict_lookup (values, "route_id", "&s", &route);
  g_variant_dict_lookup (values, "trip_id", "&s", &trip);
  g_variant_dict_lookup (values, "status", "&s", &status);
  has_time = g_variant_dict_lookup (values, "time", "x", &time);
  has_delay = g_variant_dict_lookup (values, "delay_s", "x", &delay);

  if (has_time)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (time);
      g_autofree char *clock = when != NULL ? g_date_time_format (when, "%H:%M") : g_strdup ("?");

      if (route != NULL)
        /* Translators: a tram's arrival at a stop: "Line T1 at 07:15". */
        what = g_strdup_printf (_("Line %s at %s"), route, clock);
      else
        what = g_strdup_printf (_("Trip %s at %s"), trip != NULL ? trip : "?", clock);
    }
  else if (route != NULL)
    what = g_strdup_printf (_("Line %s"), route);
  else
    what = g_strdup_printf (_("Trip %s"), trip != NULL ? trip : "?");

  if (g_strcmp0 (status, "canceled") == 0)
    state = g_strdup (_("Canceled"));
  else if (g_strcmp0 (status, "skipped") == 0)
    state = g_strdup (_("Stop skipped"));
  else if (g_strcmp0 (status, "no_data") == 0)
    state = g_strdup (_("No real-time data"));
  else if (has_delay)
    state = describe_delay (delay);

  return state != NULL ? g_strdup_printf ("%s · %s", what, state) : g_steal_pointer (&what);
}

static void
describe_stop (GPtrArray   *lines,
               VigieEntity *entity)
{
  g_autoptr(GVariant) arrivals = vigie_entity_dup_value (entity, "arrivals", G_VARIANT_TYPE ("aa{sv}"));

  if (arrivals != NULL && g_variant_n_children (arrivals) > 0)
    g_ptr_array_add (lines, g_strdup (_("Next arrivals")));
  describe_alerts (lines, entity);

  for (gsize i = 0; arrivals != NULL && i < MIN (g_variant_n_children (arrivals), 5); i++)
    {
      g_autoptr(GVariant) arrival = g_variant_get_child_value (arrivals, i);

      g_ptr_array_add (lines, describe_arrival (arrival));
    }
}

/* A service alert: what it says, whether it holds now. */
static void
describe_alert (GPtrArray   *lines,
                VigieEntity *entity)
{
  const char *description = vigie_entity_lookup_string (entity, "alert_description");
  const char *url = vigie_entity_lookup_string (entity, "alert_url");

  if (vigie_style_lookup_flag (entity, "active", TRUE))
    g_ptr_array_add (lines, g_strdup (_("In force now")));
  else
    g_ptr_array_add (lines, g_strdup (_("Not in force now")));

  if (description != NULL)
    g_ptr_array_add (lines, g_strdup (description));
  if (url != NULL)
    g_ptr_array_add (lines, g_strdup (url));
}

static void
describe_hotspot (GPtrArray                  *lines,
                  VigieEntity                *entity,
                  const VigieStyleThresholds *thresholds)
{
  gint64 clients, capacity, aps_up, aps_total;

  g_ptr_array_add (lines, g_strdup (vigie_style_load_state_title (vigie_style_classify_hotspot (entity, thresholds))));

  if (vigie_entity_lookup_int (entity, "clients", &clients))
    {
      g_autofree char *clients_text = vigie_format_count (clients);

      if (vigie_entity_lookup_int (entity, "capacity", &capacity) && capacity > 0)
        {
          g_autofree char *capacity_text = vigie_format_count (capacity);

          g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s client for a capacity of %s", "%s clients for a capacity of %s", clients),
                                                   clients_text, capacity_text));
        }
      else
        g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s client", "%s clients", clients),
                                                 clients_text));
    }

  if (vigie_entity_lookup_int (entity, "aps_up", &aps_up) &&
      vigie_entity_lookup_int (entity, "aps_total", &aps_total))
    {
      g_autofree char *up_text = vigie_format_count (aps_up);
      g_autofree char *total_text = vigie_format_count (aps_total);

      g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s access point working", "%s of %s access points working", aps_total),
                                               up_text, total_text));
    }
}

static void
describe_parking (GPtrArray                  *lines,
                  VigieEntity                *entity,
                  const VigieStyleThresholds *thresholds)
{
  double used, total;

  g_ptr_array_add (lines, g_strdup (vigie_style_load_state_title (vigie_style_classify_parking (entity, thresholds))));

  if (vigie_style_entity_fill (entity, &used, &total))
    {
      gint64 free_spaces = (gint64) MAX (total - used, 0);
      g_autofree char *free_text = vigie_format_count (free_spaces);
      g_autofree char *total_text = vigie_format_count ((gint64) total);

      g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s free space out of %s", "%s free spaces out of %s", free_spaces),
                                               free_text, total_text));
    }
}

/* The departures a stop's details name, soonest first. */
#define MAX_DEPARTURE_LINES 5

/* "Line T1 towards Gare Centrale at 08:17, 3 min late". */
static char *
describe_departure (GVariant *departure)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *who = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *delay_text = NULL;
  const char *line = NULL, *destination = NULL, *status = NULL;
  gint64 when = 0;
  gint32 delay;

  if (!g_variant_lookup (departure, "line_name", "&s", &line))
    g_variant_lookup (departure, "line_ref", "&s", &line);
  g_variant_lookup (departure, "destination", "&s", &destination);
  g_variant_lookup (departure, "status", "&s", &status);

  if (line != NULL && destination != NULL)
    who = g_strdup_printf (_("Line %s towards %s"), line, destination);
  else if (line != NULL)
    who = g_strdup_printf (_("Line %s"), line);
  else if (destination != NULL)
    who = g_strdup_printf (_("Towards %s"), destination);
  else
    who = g_strdup (_("A departure"));

  if (!g_variant_lookup (departure, "time", "x", &when) || !(local = g_date_time_new_from_unix_local (when)))
    return g_steal_pointer (&who);

  /* Translators: a time of day in hours and minutes, as g_date_time_format() takes it: "08:42"; French writes "8 h 42" ("%-H h %M"). */
  clock = g_date_time_format (local, C_("time of day", "%H:%M"));

  if (g_strcmp0 (status, "cancelled") == 0)
    /* Translators: a departure at a stop that will not run: "Line T1 towards Gare at 08:17: cancelled". */
    return g_strdup_printf (_("%s at %s: cancelled"), who, clock);

  if (g_variant_lookup (departure, "delay_s", "i", &delay))
    {
      int minutes = ABS (delay) / 60;

      if (minutes == 0)
        /* Translators: said of a departure, after its time: "at 08:17, on time". */
        delay_text = g_strdup (_("on time"));
      else if (delay > 0)
        delay_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min late", "%d min late", minutes), minutes);
      else
        delay_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min early", "%d min early", minutes), minutes);

      /* Translators: a departure at a stop, its time and its delay: "Line T1 towards Gare at 08:17, 3 min late". */
      return g_strdup_printf (_("%s at %s, %s"), who, clock, delay_text);
    }

  /* Translators: a departure at a stop and its time: "Line T1 towards Gare at 08:17". */
  return g_strdup_printf (_("%s at %s"), who, clock);
}

/* A stop with SIRI StopMonitoring's next departures. */
static void
describe_departures (GPtrArray   *lines,
                     VigieEntity *entity)
{
  g_autoptr(GVariant) departures = vigie_entity_dup_value (entity, "departures", G_VARIANT_TYPE ("aa{sv}"));
  gsize n;

  if (departures == NULL)
    return;

  n = g_variant_n_children (departures);
  if (n == 0)
    {
      g_ptr_array_add (lines, g_strdup (_("No departure announced")));
      return;
    }

  for (gsize i = 0; i < MIN (n, MAX_DEPARTURE_LINES); i++)
    {
      g_autoptr(GVariant) departure = g_variant_get_child_value (departures, i);

      g_ptr_array_add (lines, describe_departure (departure));
    }

  if (n > MAX_DEPARTURE_LINES)
    {
      g_autofree char *more = vigie_format_count (n - MAX_DEPARTURE_LINES);

      g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %s more", "and %s more",
                                                            n - MAX_DEPARTURE_LINES),
                                               more));
    }
}

/**
 * vigie_style_describe:
 * @kind: the kind of feed @entity came from
 * @entity: an entity
 * @thresholds: (nullable): the thresholds, or %NULL for the defaults
 *
 * An entity's values in words, for its details: its state first, then its
 * counts. Plain text, never markup.
 *
 * Returns: (transfer full): the lines
 */
char **
vigie_style_describe (VigieFeedKind               kind,
                      VigieEntity                *entity,
                      const VigieStyleThresholds *thresholds)
{
  VigieStyleThresholds fallback;
  GPtrArray *lines;

  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), NULL);

  thresholds = vigie_style_ensure_thresholds (thresholds, &fallback);
  lines = g_ptr_array_new ();

  switch (vigie_entity_get_kind (entity))
    {
    case VIGIE_ENTITY_STATION:
      describe_station (lines, kind, entity, thresholds);
      break;

    case VIGIE_ENTITY_VEHICLE:
      if (kind == VIGIE_FEED_KIND_TRAMS || kind == VIGIE_FEED_KIND_TRAINS)
        describe_tram (lines, entity);
      else
        describe_vehicle (lines, entity);
      break;

    case VIGIE_ENTITY_HOTSPOT:
      describe_hotspot (lines, entity, thresholds);
      break;

    case VIGIE_ENTITY_ZONE:
    case VIGIE_ENTITY_CAR_PARK:
      if (vigie_style_lookup_flag (entity, "geofencing", FALSE))
        vigie_style_describe_geofencing (lines, entity);
      else
        describe_parking (lines, entity, thresholds);
      break;

    case VIGIE_ENTITY_LINE:
      {
        const char *line = vigie_entity_lookup_string (entity, "route_short_name");

        if (vigie_style_lookup_flag (entity, "alert", FALSE))
          describe_alert (lines, entity);
        else if (line != NULL)
          g_ptr_array_add (lines, g_strdup_printf (_("Line %s"), line));
        describe_alerts (lines, entity);
      }
      break;

    case VIGIE_ENTITY_STOP:
      describe_stop (lines, entity);
      describe_departures (lines, entity);
      break;

    default:
      break;
    }

  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}
