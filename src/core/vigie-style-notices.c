/* vigie-style-notices.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-style"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-clock.h"
#include "vigie-number.h"
#include "vigie-style-private.h"

/* The words of what a shared-vehicle operator says beside its counts
 * (GBFS's optional documents): its alerts at a station, when its cars
 * can be booked, the rules of a geofencing zone. Plain text, never
 * markup: summaries and descriptions are the feed's own words. */

/* Cars named at most at one station, and the alerts described. */
#define MAX_AVAILABILITIES 6
#define MAX_ALERTS 4

/* Characters of an alert's description shown in the details. */
#define MAX_DESCRIPTION 160

/**
 * vigie_style_format_time:
 * @time: unix seconds
 * @now: the current time, unix seconds
 *
 * A time of day as the locale writes it in 24 h ("14:30", French
 * "14 h 30"), with its date when it is not today.
 *
 * Returns: (transfer full): the text
 */
char *
vigie_style_format_time (gint64 time,
                         gint64 now)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (time);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);

  if (local == NULL)
    return g_strdup ("?");

  if (today != NULL &&
      g_date_time_get_year (local) == g_date_time_get_year (today) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (today))
    /* Translators: a time of day in hours and minutes, as g_date_time_format() takes it: "08:42"; French writes "8 h 42" ("%-H h %M"). */
    return g_date_time_format (local, C_("time of day", "%H:%M"));

  /* Translators: a date and time of day, as g_date_time_format() takes it: "24 Dec, 08:15"; French writes "24/12, 8 h 15" ("%-d/%m, %-H h %M"), with no month name that a C time locale would leave in English. */
  return g_date_time_format (local, C_("date and time", "%-d %b, %H:%M"));
}

static const char *
alert_type_title (const char *type)
{
  if (g_strcmp0 (type, "station_closure") == 0)
    return _("Station closed");
  if (g_strcmp0 (type, "system_closure") == 0)
    return _("Whole service closed");
  if (g_strcmp0 (type, "station_move") == 0)
    return _("Station moved");

  return NULL;
}

/* A feed's long description cut at a word, for the details; the whole
 * text is in vigie-inspect. */
static char *
shorten (const char *text)
{
  g_autofree char *start = NULL;
  const char *cut;
  const char *space;

  if (g_utf8_strlen (text, -1) <= MAX_DESCRIPTION)
    return g_strdup (text);

  cut = g_utf8_offset_to_pointer (text, MAX_DESCRIPTION);
  for (space = cut; space > text && *space != ' '; space--)
    ;
  if (space == text)
    space = cut;

  start = g_strndup (text, space - text);
  return g_strconcat (start, "…", NULL);
}

static char *
join_strv (GVariant *strv)
{
  g_autofree const char **items = g_variant_get_strv (strv, NULL);

  return g_strjoinv (", ", (char **) items);
}

static void
describe_alert (GPtrArray *lines,
                GVariant  *alert,
                gint64     now)
{
  const char *summary = NULL, *description = NULL, *url = NULL, *type = NULL;
  g_autoptr(GVariant) stations = g_variant_lookup_value (alert, "stations", G_VARIANT_TYPE_STRING_ARRAY);
  g_autoptr(GVariant) regions = g_variant_lookup_value (alert, "regions", G_VARIANT_TYPE_STRING_ARRAY);
  g_autofree char *period = NULL;
  gint64 start = 0, end = 0;
  const char *title;

  g_variant_lookup (alert, "summary", "&s", &summary);
  g_variant_lookup (alert, "description", "&s", &description);
  g_variant_lookup (alert, "url", "&s", &url);
  g_variant_lookup (alert, "type", "&s", &type);
  g_variant_lookup (alert, "start", "x", &start);
  g_variant_lookup (alert, "end", "x", &end);

  title = alert_type_title (type);
  if (summary != NULL)
    /* Translators: an alert of the bike or car share operator; %s is its summary, in the feed's words. */
    g_ptr_array_add (lines, g_strdup_printf (_("Alert: %s"), summary));
  else
    g_ptr_array_add (lines, g_strdup_printf (_("Alert: %s"), title != NULL ? title : _("no summary")));
  if (summary == NULL)
    title = NULL;

  if (start > now)
    {
      g_autofree char *from = vigie_style_format_time (start, now);
      g_autofree char *until = end > 0 ? vigie_style_format_time (end, now) : NULL;

      if (until != NULL)
        /* Translators: when an alert is in force: "From 8:00 until 17:30". */
        period = g_strdup_printf (_("From %s until %s"), from, until);
      else
        period = g_strdup_printf (_("From %s"), from);
    }
  else if (end > 0)
    {
      g_autofree char *until = vigie_style_format_time (end, now);

      /* Translators: an alert in force until a time: "Until 17:30". */
      period = g_strdup_printf (_("Until %s"), until);
    }

  /* One line for what and when: the details must fit a small window. */
  if (title != NULL && period != NULL)
    /* Translators: an alert's kind, then when it is in force: "Station closed · Until 17:30". */
    g_ptr_array_add (lines, g_strdup_printf (_("%s · %s"), title, period));
  else if (title != NULL || period != NULL)
    g_ptr_array_add (lines, g_strdup (title != NULL ? title : period));

  if (description != NULL)
    g_ptr_array_add (lines, shorten (description));

  if (stations != NULL && g_variant_n_children (stations) > 1)
    {
      g_autofree char *names = join_strv (stations);

      /* Translators: the stations an alert concerns, by name. */
      g_ptr_array_add (lines, g_strdup_printf (_("Stations: %s"), names));
    }
  if (regions != NULL && g_variant_n_children (regions) > 0)
    {
      g_autofree char *names = join_strv (regions);

      /* Translators: the regions of the system an alert concerns, by name. */
      g_ptr_array_add (lines, g_strdup_printf (_("Regions: %s"), names));
    }

  if (url != NULL)
    g_ptr_array_add (lines, g_strdup (url));
}

/**
 * vigie_style_describe_alerts:
 * @lines: the lines of an entity's details
 * @entity: a station
 *
 * Adds the operator's alerts @entity's "alerts" value holds, each with
 * its period, its words, the stations and regions it concerns and its
 * address.
 */
void
vigie_style_describe_alerts (GPtrArray   *lines,
                             VigieEntity *entity)
{
  g_autoptr(GVariant) alerts = vigie_entity_dup_value (entity, "alerts", G_VARIANT_TYPE ("aa{sv}"));
  gint64 now = vigie_clock_now ();
  gsize n;

  if (alerts == NULL)
    return;

  n = g_variant_n_children (alerts);
  for (gsize i = 0; i < MIN (n, MAX_ALERTS); i++)
    {
      g_autoptr(GVariant) alert = g_variant_get_child_value (alerts, i);

      describe_alert (lines, alert, now);
    }

  if (n > MAX_ALERTS)
    {
      g_autofree char *more = vigie_format_count (n - MAX_ALERTS);

      g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %s more alert", "and %s more alerts", n - MAX_ALERTS),
                                               more));
    }
}

/* "available until 14:30", "available from 18:00 until 9:15", for
 * @what, a vehicle's name, or for the vehicle itself when NULL. */
static char *
describe_period (const char *what,
                 gboolean    available_now,
                 gint64      from,
                 gint64      until,
                 gint64      now)
{
  g_autofree char *from_text = !available_now ? vigie_style_format_time (from, now) : NULL;
  g_autofree char *until_text = until > 0 ? vigie_style_format_time (until, now) : NULL;

  if (what == NULL)
    {
      if (available_now && until_text != NULL)
        /* Translators: when a car-share car can be booked: "Available until 14:30". */
        return g_strdup_printf (_("Available until %s"), until_text);
      if (available_now)
        return g_strdup (_("Available, no end given"));
      if (until_text != NULL)
        /* Translators: "Available from 18:00 until 9:15". */
        return g_strdup_printf (_("Available from %s until %s"), from_text, until_text);
      return g_strdup_printf (_("Available from %s"), from_text);
    }

  if (available_now && until_text != NULL)
    /* Translators: a car at a car-share station and when it can be booked: "Renault Zoé: available until 14:30". */
    return g_strdup_printf (_("%s: available until %s"), what, until_text);
  if (available_now)
    return g_strdup_printf (_("%s: available, no end given"), what);
  if (until_text != NULL)
    return g_strdup_printf (_("%s: available from %s until %s"), what, from_text, until_text);
  return g_strdup_printf (_("%s: available from %s"), what, from_text);
}

/**
 * vigie_style_describe_availability:
 * @lines: the lines of an entity's details
 * @entity: a station or a vehicle
 *
 * Adds when a car-share station's cars (its "vehicle_availability"
 * value), or a car itself ("available_now", "available_from",
 * "available_until"), can be booked.
 */
void
vigie_style_describe_availability (GPtrArray   *lines,
                                   VigieEntity *entity)
{
  g_autoptr(GVariant) list = vigie_entity_dup_value (entity, "vehicle_availability", G_VARIANT_TYPE ("aa{sv}"));
  gint64 now = vigie_clock_now ();
  gboolean available_now;
  gsize n;

  if (vigie_entity_lookup_boolean (entity, "available_now", &available_now))
    {
      gint64 from = 0, until = 0;

      vigie_entity_lookup_int (entity, "available_from", &from);
      vigie_entity_lookup_int (entity, "available_until", &until);
      g_ptr_array_add (lines, describe_period (NULL, available_now, from, until, now));
    }

  if (list == NULL)
    return;

  n = g_variant_n_children (list);
  for (gsize i = 0; i < MIN (n, MAX_AVAILABILITIES); i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (list, i);
      const char *name = NULL;
      gint64 from = 0, until = 0;

      available_now = FALSE;
      if (!g_variant_lookup (entry, "name", "&s", &name))
        g_variant_lookup (entry, "vehicle_id", "&s", &name);
      g_variant_lookup (entry, "available_now", "b", &available_now);
      g_variant_lookup (entry, "from", "x", &from);
      g_variant_lookup (entry, "until", "x", &until);
      g_ptr_array_add (lines, describe_period (name != NULL ? name : "?", available_now, from, until, now));
    }

  if (n > MAX_AVAILABILITIES)
    {
      g_autofree char *more = vigie_format_count (n - MAX_AVAILABILITIES);

      g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %s more car", "and %s more cars", n - MAX_AVAILABILITIES),
                                               more));
    }
}

static void
describe_rule (GPtrArray *lines,
               GVariant  *rule)
{
  g_autoptr(GVariant) types = g_variant_lookup_value (rule, "vehicle_types", G_VARIANT_TYPE_STRING_ARRAY);
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean start = TRUE, end = TRUE, through = TRUE, parking = FALSE;
  gboolean has_start, has_end, has_through;
  gint64 speed;

  has_start = g_variant_lookup (rule, "ride_start_allowed", "b", &start);
  has_end = g_variant_lookup (rule, "ride_end_allowed", "b", &end);
  has_through = g_variant_lookup (rule, "ride_through_allowed", "b", &through);

  if (types != NULL)
    {
      g_autofree char *names = join_strv (types);

      /* Translators: the vehicle types a geofencing rule is for: "For VéloCité électrique:". */
      g_string_append_printf (text, _("For %s:"), names);
      g_string_append_c (text, ' ');
    }

  /* The strictest first: a zone one may not even cross. */
  if (has_through && !through)
    g_string_append (text, _("no riding through"));
  else if ((has_start && !start) && (has_end && !end))
    g_string_append (text, _("no ride starts or ends here"));
  else if (has_start && !start)
    g_string_append (text, _("no ride starts here"));
  else if (has_end && !end)
    g_string_append (text, _("no ride ends here"));
  else
    g_string_append (text, _("riding allowed"));

  if (g_variant_lookup (rule, "maximum_speed_kph", "x", &speed))
    {
      /* Translators: a speed limit in a geofencing zone, after what the rule allows: ", 10 km/h at most". */
      g_string_append_printf (text, _(", %d km/h at most"), (int) speed);
    }

  if (g_variant_lookup (rule, "station_parking", "b", &parking) && parking)
    g_string_append (text, _(", parking at stations only"));

  /* The words are made to follow "For …:"; alone, they open a line. */
  if (types == NULL)
    {
      g_autofree char *rest = g_strdup (g_utf8_next_char (text->str));
      g_autofree char *first = g_utf8_strup (text->str, g_utf8_next_char (text->str) - text->str);

      g_string_assign (text, first);
      g_string_append (text, rest);
    }

  g_ptr_array_add (lines, g_string_free (g_steal_pointer (&text), FALSE));
}

/**
 * vigie_style_describe_geofencing:
 * @lines: the lines of an entity's details
 * @entity: a geofencing zone (a zone with "geofencing" TRUE)
 *
 * Adds what a geofencing zone is, when it is in force, and each of its
 * rules.
 */
void
vigie_style_describe_geofencing (GPtrArray   *lines,
                                 VigieEntity *entity)
{
  g_autoptr(GVariant) rules = vigie_entity_dup_value (entity, "rules", G_VARIANT_TYPE ("aa{sv}"));
  gint64 now = vigie_clock_now ();
  gint64 start = 0, end = 0;

  g_ptr_array_add (lines, g_strdup (_("Geofencing zone")));

  vigie_entity_lookup_int (entity, "start", &start);
  vigie_entity_lookup_int (entity, "end", &end);
  if (start > now)
    {
      g_autofree char *from = vigie_style_format_time (start, now);
      g_autofree char *until = end > 0 ? vigie_style_format_time (end, now) : NULL;

      if (until != NULL)
        g_ptr_array_add (lines, g_strdup_printf (_("From %s until %s"), from, until));
      else
        g_ptr_array_add (lines, g_strdup_printf (_("From %s"), from));
    }
  else if (end > 0)
    {
      g_autofree char *until = vigie_style_format_time (end, now);

      g_ptr_array_add (lines, g_strdup_printf (_("Until %s"), until));
    }

  for (gsize i = 0; rules != NULL && i < g_variant_n_children (rules); i++)
    {
      g_autoptr(GVariant) rule = g_variant_get_child_value (rules, i);

      describe_rule (lines, rule);
    }

  if (rules == NULL || g_variant_n_children (rules) == 0)
    g_ptr_array_add (lines, g_strdup (_("No rule given")));
}

/**
 * vigie_style_geofencing:
 * @entity: a geofencing zone
 * @thresholds: the thresholds
 * @symbol: (out caller-allocates): the symbol
 *
 * A geofencing zone is no parking: a small diamond with no count, its
 * area filled in the colour of its strictest rule, hatched and barred
 * where riding through is forbidden, so that colour is not the only
 * cue; orange and barred where rides may not start or end; blue for
 * the rest (a speed limit, parking at stations).
 */
void
vigie_style_geofencing (VigieEntity                *entity,
                        const VigieStyleThresholds *thresholds,
                        VigieSymbol                *symbol)
{
  g_autoptr(GVariant) rules = vigie_entity_dup_value (entity, "rules", G_VARIANT_TYPE ("aa{sv}"));
  gboolean no_through = FALSE, no_start_or_end = FALSE;

  for (gsize i = 0; rules != NULL && i < g_variant_n_children (rules); i++)
    {
      g_autoptr(GVariant) rule = g_variant_get_child_value (rules, i);
      gboolean allowed;

      if (g_variant_lookup (rule, "ride_through_allowed", "b", &allowed) && !allowed)
        no_through = TRUE;
      if ((g_variant_lookup (rule, "ride_start_allowed", "b", &allowed) && !allowed) ||
          (g_variant_lookup (rule, "ride_end_allowed", "b", &allowed) && !allowed))
        no_start_or_end = TRUE;
    }

  vigie_symbol_init (symbol);
  symbol->shape = VIGIE_SYMBOL_SHAPE_DIAMOND;
  symbol->stroke = VIGIE_STYLE_WHITE;
  symbol->size = VIGIE_STYLE_STOP_SIZE * 1.6 * thresholds->scale;
  if (no_through)
    {
      symbol->fill = VIGIE_STYLE_VERMILLION;
      symbol->mark = VIGIE_SYMBOL_MARK_BAR;
      symbol->hatched = TRUE;
    }
  else if (no_start_or_end)
    {
      symbol->fill = VIGIE_STYLE_ORANGE;
      symbol->mark = VIGIE_SYMBOL_MARK_BAR;
    }
  else
    symbol->fill = VIGIE_STYLE_SKY_BLUE;
}
