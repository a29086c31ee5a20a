/* vigie-figures.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-figures"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-entity.h"
#include "vigie-figures.h"
#include "vigie-filter.h"
#include "vigie-number.h"

/* The city's figures for the meeting mode, in sentences a councillor can
 * repeat ("318 VéloCité disponibles dans 40 stations"). Counting walks a
 * whole snapshot, so it runs in the feed's worker (a tap, see
 * vigie-city-figures.c); describing only reads a few totals. */

/* Where the figure goes in a sentence before it is cut in three: a
 * character no translation writes. */
#define FIGURE_MARK "\x1f"

/* Text sizes at 1080 lines, for 4 metres: at least 48 px for a figure and
 * 24 px for words, with some room. */
#define FIGURE_PX_1080 64.0
#define LABEL_PX_1080  28.0

/*
 * Counting
 */

static gboolean
lookup_flag (VigieEntity *entity,
             const char  *key,
             gboolean     fallback)
{
  gboolean value;

  return vigie_entity_lookup_boolean (entity, key, &value) ? value : fallback;
}

/* Spaces and occupied spaces of a car park or zone, from whichever pair
 * the feed gives. */
static gboolean
lookup_occupancy (VigieEntity *entity,
                  gint64      *spots,
                  gint64      *occupied)
{
  gint64 total, taken, available;
  double fraction;

  if (!vigie_entity_lookup_int (entity, "total_spots", &total) || total <= 0)
    return FALSE;

  if (vigie_entity_lookup_int (entity, "occupied_spots", &taken))
    ;
  else if (vigie_entity_lookup_int (entity, "available_spots", &available))
    taken = total - available;
  else if (vigie_entity_lookup_double (entity, "occupancy", &fraction) && isfinite (fraction))
    taken = (gint64) round (fraction * total);
  else
    return FALSE;

  *spots = total;
  *occupied = CLAMP (taken, 0, total);
  return TRUE;
}

static void
count_vehicle (VigieFigures *figures,
               VigieEntity  *entity)
{
  gboolean transit = vigie_entity_lookup_string (entity, "route_id") != NULL ||
                     vigie_entity_lookup_string (entity, "trip_id") != NULL;

  if (transit)
    {
      const char *source = vigie_entity_lookup_string (entity, "source");
      gint64 delay;

      /* A trip no vehicle covers, or one called off, is not running. */
      if (lookup_flag (entity, "ghost", FALSE) || lookup_flag (entity, "canceled", FALSE))
        return;

      figures->n_transit++;
      /* A timetable position's delay is a guess, not a measure. */
      if (g_strcmp0 (source, "schedule") != 0 && vigie_entity_lookup_int (entity, "delay_s", &delay))
        {
          figures->n_timed++;
          if (delay >= -VIGIE_FIGURES_EARLY_S && delay <= VIGIE_FIGURES_LATE_S)
            figures->n_on_time++;
        }
      return;
    }

  /* A shared vehicle at a station is counted by the station already. */
  if (vigie_entity_lookup_string (entity, "station_id") != NULL)
    return;
  if (lookup_flag (entity, "is_reserved", FALSE) || lookup_flag (entity, "is_disabled", FALSE))
    return;
  figures->n_free_vehicles++;
}

static void
count_parking (VigieFigures *figures,
               VigieEntity  *entity,
               VigieCentre  *centre)
{
  gint64 spots, occupied;

  /* A level of a site, or a space of it, is counted by the site. */
  if (vigie_entity_lookup_string (entity, "parent") != NULL ||
      lookup_flag (entity, "geofencing", FALSE))
    return;

  if (vigie_entity_get_kind (entity) == VIGIE_ENTITY_ZONE && lookup_flag (entity, "spot", FALSE))
    {
      const char *status = vigie_entity_lookup_string (entity, "status");

      if (g_strcmp0 (status, "free") != 0 && g_strcmp0 (status, "occupied") != 0)
        return;
      spots = 1;
      occupied = g_str_equal (status, "occupied");
    }
  else if (!lookup_occupancy (entity, &spots, &occupied))
    {
      return;
    }

  if (vigie_entity_get_kind (entity) == VIGIE_ENTITY_CAR_PARK)
    {
      figures->n_car_parks++;
      figures->car_park_spots += spots;
      figures->car_park_occupied += occupied;
    }
  else
    {
      figures->n_zones++;
      figures->zone_spots += spots;
      figures->zone_occupied += occupied;
    }

  if (centre != NULL && vigie_entity_has_position (entity) &&
      vigie_centre_contains (centre, vigie_entity_get_latitude (entity), vigie_entity_get_longitude (entity)))
    {
      figures->n_centre++;
      figures->centre_spots += spots;
      figures->centre_occupied += occupied;
    }
}

/**
 * vigie_figures_compute:
 * @figures: (out caller-allocates): the totals
 * @snapshot: a feed's data
 * @now: Unix seconds, the time of data that does not say its own
 *
 * Counts what the meeting mode says of one feed. Reads @snapshot only:
 * any thread.
 */
void
vigie_figures_compute (VigieFigures  *figures,
                       VigieSnapshot *snapshot,
                       gint64         now)
{
  vigie_figures_compute_in (figures, snapshot, now, NULL);
}

/**
 * vigie_figures_compute_in:
 * @centre: (nullable): the city centre the profile names
 *
 * As vigie_figures_compute(), with the car parks and zones in @centre
 * counted apart too.
 */
void
vigie_figures_compute_in (VigieFigures  *figures,
                          VigieSnapshot *snapshot,
                          gint64         now,
                          VigieCentre   *centre)
{
  guint n;

  g_return_if_fail (figures != NULL);
  g_return_if_fail (snapshot != NULL);

  memset (figures, 0, sizeof *figures);
  figures->observed_at = vigie_snapshot_get_observed_at (snapshot);
  if (figures->observed_at <= 0)
    figures->observed_at = now;

  n = vigie_snapshot_get_n_entities (snapshot);
  for (guint i = 0; i < n; i++)
    {
      VigieEntity *entity = vigie_snapshot_get_entity (snapshot, i);
      gint64 value;

      switch (vigie_entity_get_kind (entity))
        {
        case VIGIE_ENTITY_STATION:
          if (!lookup_flag (entity, "is_installed", TRUE) ||
              !vigie_entity_lookup_int (entity, "vehicles_available", &value) || value < 0)
            break;
          figures->n_stations++;
          figures->station_vehicles += value;
          if (value == 0)
            figures->n_empty_stations++;
          break;

        case VIGIE_ENTITY_VEHICLE:
          count_vehicle (figures, entity);
          break;

        case VIGIE_ENTITY_ZONE:
        case VIGIE_ENTITY_CAR_PARK:
          count_parking (figures, entity, centre);
          break;

        case VIGIE_ENTITY_HOTSPOT:
          /* A subsystem of a controller's health is no place. */
          if (vigie_entity_lookup_string (entity, "subsystem") != NULL ||
              !vigie_entity_lookup_int (entity, "clients", &value) || value < 0)
            break;
          figures->n_hotspots++;
          figures->wifi_clients += value;
          break;

        case VIGIE_ENTITY_STOP:
        case VIGIE_ENTITY_LINE:
        default:
          break;
        }
    }
}

/**
 * vigie_figures_add:
 * @total: totals of several feeds
 * @figures: one more feed's
 *
 * Adds @figures to @total; the data's time is the oldest of them, so that
 * "data from 10:32" never says more than all of it is.
 */
void
vigie_figures_add (VigieFigures       *total,
                   const VigieFigures *figures)
{
  g_return_if_fail (total != NULL);
  g_return_if_fail (figures != NULL);

  if (figures->observed_at > 0 && (total->observed_at <= 0 || figures->observed_at < total->observed_at))
    total->observed_at = figures->observed_at;

  total->n_stations += figures->n_stations;
  total->n_empty_stations += figures->n_empty_stations;
  total->station_vehicles += figures->station_vehicles;
  total->n_free_vehicles += figures->n_free_vehicles;
  total->n_transit += figures->n_transit;
  total->n_timed += figures->n_timed;
  total->n_on_time += figures->n_on_time;
  total->n_car_parks += figures->n_car_parks;
  total->car_park_spots += figures->car_park_spots;
  total->car_park_occupied += figures->car_park_occupied;
  total->n_zones += figures->n_zones;
  total->zone_spots += figures->zone_spots;
  total->zone_occupied += figures->zone_occupied;
  total->n_hotspots += figures->n_hotspots;
  total->wifi_clients += figures->wifi_clients;
  total->n_centre += figures->n_centre;
  total->centre_spots += figures->centre_spots;
  total->centre_occupied += figures->centre_occupied;
}

/*
 * Sentences
 */

void
vigie_figure_sentence_free (VigieFigureSentence *sentence)
{
  if (sentence == NULL)
    return;

  g_free (sentence->id);
  g_free (sentence->before);
  g_free (sentence->figure);
  g_free (sentence->after);
  g_free (sentence);
}

/* Cuts @text, a sentence written with FIGURE_MARK for the figure, around
 * it; @rest is written after it. */
static void
add_sentence (GPtrArray  *sentences,
              const char *id,
              const char *text,
              const char *figure,
              const char *rest)
{
  VigieFigureSentence *sentence = g_new0 (VigieFigureSentence, 1);
  const char *mark = strstr (text, FIGURE_MARK);

  sentence->id = g_strdup (id);
  sentence->figure = g_strdup (figure);
  if (mark == NULL)
    {
      /* A translation that lost the figure: the figure first, then its
       * words, rather than no figure at all. */
      sentence->before = g_strdup ("");
      sentence->after = g_strconcat (" ", text, rest, NULL);
    }
  else
    {
      sentence->before = g_strndup (text, mark - text);
      sentence->after = g_strconcat (mark + strlen (FIGURE_MARK), rest, NULL);
    }
  g_ptr_array_add (sentences, sentence);
}

/* " dans 40 stations", or nothing without stations. */
static char *
at_stations (guint n_stations)
{
  g_autofree char *count = NULL;

  if (n_stations == 0)
    return g_strdup ("");

  count = vigie_format_count (n_stations);
  /* Translators: follows "318 bikes available" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, " at %s station", " at %s stations", n_stations), count);
}

static void
describe_shared (GPtrArray          *sentences,
                 const char         *id,
                 const VigieFigures *figures,
                 const char         *brand,
                 gboolean            cars)
{
  gint64 n = figures->station_vehicles + figures->n_free_vehicles;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  g_autofree char *rest = NULL;

  if (figures->n_stations == 0 && figures->n_free_vehicles == 0)
    return;

  count = vigie_format_count (n);
  if (brand != NULL && brand[0] != '\0')
    /* Translators: "318 VéloCité available": a count and the service's
     * name (a brand, as the operator writes it) */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s %s available", "%s %s available", n),
                            FIGURE_MARK, brand);
  else if (cars)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s shared car available", "%s shared cars available", n),
                            FIGURE_MARK);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s bike available", "%s bikes available", n),
                            FIGURE_MARK);

  rest = at_stations (figures->n_stations);
  add_sentence (sentences, id, text, count, rest);
}

/**
 * vigie_figures_describe:
 * @by_kind: (array fixed-size=5): the totals of the feeds of each
 *   #VigieFeedKind
 * @brands: (array fixed-size=5) (nullable): the service's name for each
 *   kind, or %NULL
 *
 * Writes the figures as sentences, in the order the meeting mode shows
 * them: trams, bikes, car sharing, car parks (or, where the profile names
 * a centre, the parking in the centre instead), street parking, Wi-Fi.
 * Nothing is said of what no feed counts.
 *
 * Returns: (transfer full) (element-type VigieFigureSentence): the
 *   sentences
 */
GPtrArray *
vigie_figures_describe (const VigieFigures *by_kind,
                        const char * const *brands)
{
  GPtrArray *sentences = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_figure_sentence_free);
  const VigieFigures *trams = &by_kind[VIGIE_FEED_KIND_TRAMS];
  const VigieFigures *parking = &by_kind[VIGIE_FEED_KIND_PARKING];
  const VigieFigures *wifi = &by_kind[VIGIE_FEED_KIND_WIFI];

  g_return_val_if_fail (by_kind != NULL, sentences);

  if (trams->n_timed > 0)
    {
      g_autofree char *figure = vigie_figures_format_percent ((double) trams->n_on_time / trams->n_timed);
      g_autofree char *text = NULL;

      /* Translators: "92 % of trams on time"; %s is the percentage */
      text = g_strdup_printf (_("%s of trams on time"), FIGURE_MARK);
      add_sentence (sentences, "trams", text, figure, "");
    }
  else if (trams->n_transit > 0)
    {
      g_autofree char *figure = vigie_format_count (trams->n_transit);
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s tram running", "%s trams running", trams->n_transit),
                              FIGURE_MARK);
      add_sentence (sentences, "trams", text, figure, "");
    }

  describe_shared (sentences, "bikes", &by_kind[VIGIE_FEED_KIND_BIKES],
                   brands ? brands[VIGIE_FEED_KIND_BIKES] : NULL, FALSE);
  describe_shared (sentences, "car-share", &by_kind[VIGIE_FEED_KIND_CAR_SHARE],
                   brands ? brands[VIGIE_FEED_KIND_CAR_SHARE] : NULL, TRUE);

  /* Where the profile names a centre, its parking is what a councillor
   * asks about, in the car parks' place: a tile fewer to fit on the
   * projector. */
  if (parking->car_park_spots > 0 && parking->centre_spots <= 0)
    {
      g_autofree char *figure = vigie_figures_format_percent ((double) parking->car_park_occupied / parking->car_park_spots);
      g_autofree char *text = NULL;

      /* Translators: "Car parks: 78 % occupied"; %s is the percentage */
      text = g_strdup_printf (_("Car parks: %s occupied"), FIGURE_MARK);
      add_sentence (sentences, "car-parks", text, figure, "");
    }

  if (parking->centre_spots > 0)
    {
      g_autofree char *figure = vigie_figures_format_percent ((double) parking->centre_occupied / parking->centre_spots);
      g_autofree char *text = NULL;

      /* Translators: "Parking in the centre: 78 % occupied", the car
       * parks and street zones of the centre the profile names; %s is
       * the percentage */
      text = g_strdup_printf (_("Parking in the centre: %s occupied"), FIGURE_MARK);
      add_sentence (sentences, "centre", text, figure, "");
    }

  if (parking->zone_spots > 0)
    {
      g_autofree char *figure = vigie_figures_format_percent ((double) parking->zone_occupied / parking->zone_spots);
      g_autofree char *text = NULL;

      /* Translators: "Street parking: 64 % occupied"; %s is the percentage */
      text = g_strdup_printf (_("Street parking: %s occupied"), FIGURE_MARK);
      add_sentence (sentences, "zones", text, figure, "");
    }

  if (wifi->n_hotspots > 0)
    {
      g_autofree char *figure = vigie_format_count (wifi->wifi_clients);
      g_autofree char *sites = vigie_format_count (wifi->n_hotspots);
      g_autofree char *text = NULL;
      g_autofree char *rest = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s device on the public Wi-Fi", "%s devices on the public Wi-Fi",
                                           wifi->wifi_clients),
                              FIGURE_MARK);
      /* Translators: follows "412 devices on the public Wi-Fi" */
      rest = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, " at %s place", " at %s places", wifi->n_hotspots), sites);
      add_sentence (sentences, "wifi", text, figure, rest);
    }

  return sentences;
}

/*
 * The strip
 */

void
vigie_strip_figure_free (VigieStripFigure *figure)
{
  if (figure == NULL)
    return;

  g_free (figure->id);
  g_free (figure->text);
  g_free (figure->caption);
  g_free (figure);
}

static void
add_figure (GPtrArray     *figures,
            const char    *id,
            VigieFeedKind  kind,
            VigieFilter    filter,
            char          *text,
            char          *caption)
{
  VigieStripFigure *figure = g_new0 (VigieStripFigure, 1);

  figure->id = g_strdup (id);
  figure->kind = kind;
  figure->filter = filter;
  figure->text = text;
  figure->caption = caption;
  g_ptr_array_add (figures, figure);
}

static char *
empty_stations (const VigieFigures *figures)
{
  g_autofree char *count = vigie_format_count (figures->n_empty_stations);

  if (figures->n_stations == 0)
    return NULL;

  /* Translators: under "318 bikes available" in the strip over the map */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s empty station", "%s empty stations",
                                       figures->n_empty_stations),
                          count);
}

/**
 * vigie_figures_strip:
 * @by_kind: (array fixed-size=6): the totals of the feeds of each
 *   #VigieFeedKind
 *
 * The figures of the strip over the map, compact, in the order of the
 * meeting mode's tiles, each with the filter a click on it sets: trams
 * in service and the share on time (and what "on time" means), bikes
 * available and empty stations, shared cars, parking occupancy, Wi-Fi
 * devices. Nothing is said of what no feed counts.
 *
 * Returns: (transfer full) (element-type VigieStripFigure): the figures
 */
GPtrArray *
vigie_figures_strip (const VigieFigures *by_kind)
{
  GPtrArray *figures = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_strip_figure_free);
  const VigieFigures *trams = &by_kind[VIGIE_FEED_KIND_TRAMS];
  const VigieFigures *bikes = &by_kind[VIGIE_FEED_KIND_BIKES];
  const VigieFigures *cars = &by_kind[VIGIE_FEED_KIND_CAR_SHARE];
  const VigieFigures *parking = &by_kind[VIGIE_FEED_KIND_PARKING];
  const VigieFigures *wifi = &by_kind[VIGIE_FEED_KIND_WIFI];
  gint64 spots = parking->car_park_spots + parking->zone_spots;

  g_return_val_if_fail (by_kind != NULL, figures);

  if (trams->n_transit > 0)
    {
      g_autofree char *running = vigie_format_count (trams->n_transit);
      char *text = NULL;
      char *caption = NULL;

      if (trams->n_timed > 0)
        {
          g_autofree char *percent = vigie_figures_format_percent ((double) trams->n_on_time / trams->n_timed);
          /* Translators: follows "14 trams" in the strip over the map; %s is a percentage */
          g_autofree char *on_time = g_strdup_printf (_("%s on time"), percent);
          g_autofree char *trams_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s tram", "%s trams", trams->n_transit),
                                                         running);

          text = g_strdup_printf ("%s · %s", trams_text, on_time);
          caption = g_strdup (vigie_figures_on_time_definition ());
        }
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s tram in service", "%s trams in service", trams->n_transit),
                                running);
      add_figure (figures, "trams", VIGIE_FEED_KIND_TRAMS, VIGIE_FILTER_DELAYED, text, caption);
    }

  if (bikes->n_stations > 0 || bikes->n_free_vehicles > 0)
    {
      gint64 n = bikes->station_vehicles + bikes->n_free_vehicles;
      g_autofree char *count = vigie_format_count (n);

      add_figure (figures, "bikes", VIGIE_FEED_KIND_BIKES, VIGIE_FILTER_EMPTY,
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s bike available", "%s bikes available", n), count),
                  empty_stations (bikes));
    }

  if (cars->n_stations > 0 || cars->n_free_vehicles > 0)
    {
      gint64 n = cars->station_vehicles + cars->n_free_vehicles;
      g_autofree char *count = vigie_format_count (n);

      /* Translators: shared cars, in the strip over the map: short */
      add_figure (figures, "car-share", VIGIE_FEED_KIND_CAR_SHARE, VIGIE_FILTER_EMPTY,
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s car available", "%s cars available", n), count),
                  empty_stations (cars));
    }

  if (spots > 0)
    {
      guint n_places = parking->n_car_parks + parking->n_zones;
      g_autofree char *percent = vigie_figures_format_percent ((double) (parking->car_park_occupied + parking->zone_occupied) / spots);
      g_autofree char *places = vigie_format_count (n_places);

      /* Translators: in the strip over the map; %s is a percentage */
      add_figure (figures, "parking", VIGIE_FEED_KIND_PARKING, VIGIE_FILTER_SATURATED,
                  g_strdup_printf (_("Parking: %s occupied"), percent),
                  /* Translators: under "Parking: 78 % occupied": the whole
                   * city's car parks and street zones ("sites"), not the
                   * centre's the meeting mode shows, nor the car parks alone
                   * of its chart; no wider than the words above it */
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "city-wide, %s site",
                                                "city-wide, %s sites", n_places),
                                   places));
    }

  if (wifi->n_hotspots > 0)
    {
      g_autofree char *count = vigie_format_count (wifi->wifi_clients);
      g_autofree char *sites = vigie_format_count (wifi->n_hotspots);

      add_figure (figures, "wifi", VIGIE_FEED_KIND_WIFI, VIGIE_FILTER_LOADED,
                  /* Translators: in the strip over the map: short */
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s device on the Wi-Fi", "%s devices on the Wi-Fi",
                                                wifi->wifi_clients),
                                   count),
                  g_strstrip (g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, " at %s place", " at %s places",
                                                            wifi->n_hotspots),
                                               sites)));
    }

  return figures;
}

/* The five kinds of the strip, in its order, with their names. */
static const struct
{
  const char    *id;
  VigieFeedKind  kind;
  VigieFilter    filter;
} strip_kinds[] = {
  { "trams", VIGIE_FEED_KIND_TRAMS, VIGIE_FILTER_DELAYED },
  { "bikes", VIGIE_FEED_KIND_BIKES, VIGIE_FILTER_EMPTY },
  { "car-share", VIGIE_FEED_KIND_CAR_SHARE, VIGIE_FILTER_EMPTY },
  { "parking", VIGIE_FEED_KIND_PARKING, VIGIE_FILTER_SATURATED },
  { "wifi", VIGIE_FEED_KIND_WIFI, VIGIE_FILTER_LOADED },
};

static char *
no_data_text (VigieFeedKind kind)
{
  switch (kind)
    {
    /* Translators: in the strip over the map, where a figure would be
     * when its feed gives nothing */
    case VIGIE_FEED_KIND_TRAMS: return g_strdup (_("Trams: no data"));
    case VIGIE_FEED_KIND_BIKES: return g_strdup (_("Bikes: no data"));
    case VIGIE_FEED_KIND_CAR_SHARE: return g_strdup (_("Shared cars: no data"));
    case VIGIE_FEED_KIND_PARKING: return g_strdup (_("Parking: no data"));
    case VIGIE_FEED_KIND_WIFI: return g_strdup (_("Wi-Fi: no data"));
    case VIGIE_FEED_KIND_TRAINS:
    default: return g_strdup (_("No data"));
    }
}

/**
 * vigie_figures_strip_mark:
 * @figures: (element-type VigieStripFigure): vigie_figures_strip()'s
 * @data_by_kind: (array fixed-size=VIGIE_N_FEED_KINDS): how each kind's
 *   feeds stand
 *
 * A figure never goes silently: where a kind's feeds fail or are late,
 * its figure is marked stale and says so under it; where they gave
 * nothing yet, "Bikes: no data" keeps its place.
 */
void
vigie_figures_strip_mark (GPtrArray            *figures,
                          const VigieStripData *data_by_kind)
{
  g_return_if_fail (figures != NULL);
  g_return_if_fail (data_by_kind != NULL);

  for (guint k = 0; k < G_N_ELEMENTS (strip_kinds); k++)
    {
      VigieStripData data = data_by_kind[strip_kinds[k].kind];
      VigieStripFigure *figure = NULL;
      const char *why;
      guint at = 0;

      if (data == VIGIE_STRIP_DATA_NONE || data == VIGIE_STRIP_DATA_OK)
        continue;

      /* Translators: under a figure of the strip over the map whose feed
       * fails: the figure is the last one known, or none */
      why = data == VIGIE_STRIP_DATA_FAILING ? _("Feed failing")
      /* Translators: under a figure of the strip whose data is too old */
                                             : _("Data too old");

      for (guint i = 0; i < figures->len; i++)
        {
          VigieStripFigure *other = g_ptr_array_index (figures, i);

          if (g_str_equal (other->id, strip_kinds[k].id))
            figure = other;
          /* Where it goes when missing: after the kinds before it. */
          for (guint j = 0; j < k; j++)
            if (g_str_equal (other->id, strip_kinds[j].id))
              at = i + 1;
        }

      if (figure == NULL)
        {
          figure = g_new0 (VigieStripFigure, 1);
          figure->id = g_strdup (strip_kinds[k].id);
          figure->kind = strip_kinds[k].kind;
          figure->filter = strip_kinds[k].filter;
          figure->text = no_data_text (strip_kinds[k].kind);
          g_ptr_array_insert (figures, (int) at, figure);
        }

      g_free (figure->caption);
      figure->caption = g_strdup (why);
      figure->stale = TRUE;
    }
}

/**
 * vigie_figure_sentence_to_string:
 * @sentence: a sentence
 *
 * Returns: (transfer full): the whole sentence, as said aloud
 */
char *
vigie_figure_sentence_to_string (const VigieFigureSentence *sentence)
{
  g_return_val_if_fail (sentence != NULL, NULL);

  return g_strconcat (sentence->before, sentence->figure, sentence->after, NULL);
}

/**
 * vigie_figures_brand_from_name:
 * @feed_name: a feed's name, "VéloCité (simulé)"
 *
 * Returns: (transfer full): the service's name without what the profile
 *   adds in brackets, "VéloCité"
 */
char *
vigie_figures_brand_from_name (const char *feed_name)
{
  const char *bracket;

  g_return_val_if_fail (feed_name != NULL, NULL);

  bracket = strchr (feed_name, '(');
  return g_strstrip (bracket != NULL ? g_strndup (feed_name, bracket - feed_name) : g_strdup (feed_name));
}

/**
 * vigie_figures_format_percent:
 * @fraction: 0–1
 *
 * Returns: (transfer full): "92 %" in French, "92%" in English
 */
char *
vigie_figures_format_percent (double fraction)
{
  int percent = (int) round (CLAMP (fraction, 0.0, 1.0) * 100.0);

  /* Translators: a percentage; French puts a narrow no-break space
   * (U+202F) before the sign */
  return g_strdup_printf (_("%d%%"), percent);
}

/**
 * vigie_figures_on_time_definition:
 *
 * Returns: (transfer none): what "on time" means in the figures, said
 *   beside them
 */
const char *
vigie_figures_on_time_definition (void)
{
  G_STATIC_ASSERT (VIGIE_FIGURES_EARLY_S == 60 && VIGIE_FIGURES_LATE_S == 300);

  /* Short enough to stay whole under its figure in the strip: the long
   * form ("from 1 min early to 5 min late") lost its end at 1366 px. */
  /* Translators: what "on time" means, under the trams' figure in the
   * strip over the map: no wider than "14 trams · 92% on time" */
  return _("on time: −1 to +5 min");
}

/**
 * vigie_figures_format_time:
 * @time: a local time
 *
 * Returns: (transfer full): the time of day, "10 h 32" in French
 */
char *
vigie_figures_format_time (GDateTime *time)
{
  g_return_val_if_fail (time != NULL, NULL);

  return g_date_time_format (time, C_("time of day", "%H:%M"));
}

/**
 * vigie_figures_format_data_time:
 * @time: when the data shown was true
 *
 * Returns: (transfer full): "données de 10 h 32"
 */
char *
vigie_figures_format_data_time (GDateTime *time)
{
  g_autofree char *hour = NULL;

  g_return_val_if_fail (time != NULL, NULL);

  hour = vigie_figures_format_time (time);
  /* Translators: how fresh the figures are; %s is a time, "10 h 32" */
  return g_strdup_printf (_("data from %s"), hour);
}

/**
 * vigie_figures_text_sizes:
 * @screen_height: the meeting window's height, in pixels
 * @figure_px: (out): a figure's font size, in pixels
 * @label_px: (out): the words', in pixels
 *
 * Sizes that read from 4 metres at 1920 × 1080, and take the same share
 * of a 1366 × 768 projector's picture.
 */
void
vigie_figures_text_sizes (int     screen_height,
                          double *figure_px,
                          double *label_px)
{
  double k = (screen_height > 0 ? screen_height : 1080) / 1080.0;

  *figure_px = round (FIGURE_PX_1080 * k);
  *label_px = round (LABEL_PX_1080 * k);
}
