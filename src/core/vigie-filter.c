/* vigie-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-filter"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-figures.h"
#include "vigie-filter.h"
#include "vigie-number.h"

/* A layer narrowed to the things in a state the operator asks for ("only
 * empty docks"). The predicate reads one entity and is pure: the map
 * layer's worker runs it over every entity when it builds its items
 * (vigie-map-layer-plan.c), never the main thread. The states are the
 * ones the map draws (vigie-style-classify.c), so that a filter shows
 * exactly the symbols the legend calls so; "delayed" is the other side
 * of the figures' on-time window (vigie-figures.h). */

static const char * const nicks[VIGIE_N_FILTERS] = {
  "empty", "full", "delayed", "ghost", "saturated", "loaded", "down",
};

static gboolean
lookup_flag (VigieEntity *entity,
             const char  *key)
{
  gboolean value = FALSE;

  return vigie_entity_lookup_boolean (entity, key, &value) && value;
}

/**
 * vigie_filter_offered:
 * @kind: a kind of layer
 *
 * Returns: the filters a layer of @kind offers, as a mask
 */
guint
vigie_filter_offered (VigieFeedKind kind)
{
  switch (kind)
    {
    case VIGIE_FEED_KIND_BIKES:
      return VIGIE_FILTER_EMPTY | VIGIE_FILTER_FULL;
    case VIGIE_FEED_KIND_CAR_SHARE:
      return VIGIE_FILTER_EMPTY;
    case VIGIE_FEED_KIND_TRAMS:
    case VIGIE_FEED_KIND_TRAINS:
      return VIGIE_FILTER_DELAYED | VIGIE_FILTER_GHOST;
    case VIGIE_FEED_KIND_PARKING:
      return VIGIE_FILTER_SATURATED;
    case VIGIE_FEED_KIND_WIFI:
      return VIGIE_FILTER_LOADED | VIGIE_FILTER_DOWN;
    default:
      return VIGIE_FILTER_NONE;
    }
}

/**
 * vigie_filter_classify:
 * @kind: the kind of the layer that shows @entity
 * @entity: an entity
 * @thresholds: (nullable): the operator's thresholds, the defaults if %NULL
 * @target: (out) (optional): whether @entity is one of the things the
 *   layer's filters are about (its stations, its trams...), counted in
 *   "12 of 40"
 *
 * Reads @entity only: any thread.
 *
 * Returns: the filters among those @kind offers that @entity matches
 */
guint
vigie_filter_classify (VigieFeedKind               kind,
                       VigieEntity                *entity,
                       const VigieStyleThresholds *thresholds,
                       gboolean                   *target)
{
  VigieEntityKind entity_kind;
  guint matches = VIGIE_FILTER_NONE;
  gboolean is_target = FALSE;

  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), VIGIE_FILTER_NONE);

  entity_kind = vigie_entity_get_kind (entity);

  switch (kind)
    {
    case VIGIE_FEED_KIND_BIKES:
    case VIGIE_FEED_KIND_CAR_SHARE:
      if (entity_kind != VIGIE_ENTITY_STATION)
        break;
      {
        VigieStationState state = vigie_style_classify_station (entity, thresholds);

        is_target = TRUE;
        if (state == VIGIE_STATION_EMPTY)
          matches = VIGIE_FILTER_EMPTY;
        else if (state == VIGIE_STATION_FULL)
          matches = VIGIE_FILTER_FULL;
      }
      break;

    case VIGIE_FEED_KIND_TRAMS:
    case VIGIE_FEED_KIND_TRAINS:
      {
        gint64 delay;

        /* A trip called off is neither running nor missing. */
        if (entity_kind != VIGIE_ENTITY_VEHICLE || lookup_flag (entity, "canceled"))
          break;
        is_target = TRUE;
        if (lookup_flag (entity, "ghost"))
          matches = VIGIE_FILTER_GHOST;
        /* A timetable position's delay is a guess, not a measure. */
        else if (g_strcmp0 (vigie_entity_lookup_string (entity, "source"), "schedule") != 0 &&
                 vigie_entity_lookup_int (entity, "delay_s", &delay) && delay > VIGIE_FIGURES_LATE_S)
          matches = VIGIE_FILTER_DELAYED;
      }
      break;

    case VIGIE_FEED_KIND_PARKING:
      {
        VigieLoadState load;

        if ((entity_kind != VIGIE_ENTITY_CAR_PARK && entity_kind != VIGIE_ENTITY_ZONE) ||
            lookup_flag (entity, "geofencing"))
          break;
        is_target = TRUE;
        load = vigie_style_classify_parking (entity, thresholds);
        if (load == VIGIE_LOAD_SATURATED || load == VIGIE_LOAD_FULL)
          matches = VIGIE_FILTER_SATURATED;
      }
      break;

    case VIGIE_FEED_KIND_WIFI:
      if (entity_kind != VIGIE_ENTITY_HOTSPOT)
        break;
      {
        VigieLoadState load = vigie_style_classify_hotspot (entity, thresholds);

        is_target = TRUE;
        if (load == VIGIE_LOAD_SATURATED || load == VIGIE_LOAD_FULL)
          matches = VIGIE_FILTER_LOADED;
        else if (load == VIGIE_LOAD_OUT_OF_SERVICE)
          matches = VIGIE_FILTER_DOWN;
      }
      break;

    default:
      break;
    }

  if (target != NULL)
    *target = is_target;

  return matches;
}

/**
 * vigie_filter_keeps:
 * @mask: a layer's filters; none keeps everything
 * @entity: an entity of the layer
 * @matches: what vigie_filter_classify() said of it
 * @target: and whether it is one of the things filtered
 *
 * Returns: whether the filtered layer still draws @entity: the things
 *   that match one of the filters, and the lines they run on
 */
gboolean
vigie_filter_keeps (guint        mask,
                    VigieEntity *entity,
                    guint        matches,
                    gboolean     target)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), TRUE);

  if (mask == VIGIE_FILTER_NONE)
    return TRUE;
  if (target)
    return (matches & mask) != 0;

  /* A line is where trams run, not a thing to count. */
  return vigie_entity_get_kind (entity) == VIGIE_ENTITY_LINE;
}

/* The bit's position: 0 for VIGIE_FILTER_EMPTY. */
guint
vigie_filter_index (VigieFilter filter)
{
  g_return_val_if_fail (filter != VIGIE_FILTER_NONE && (filter & (filter - 1)) == 0, 0);

  return (guint) g_bit_nth_lsf (filter, -1);
}

const char *
vigie_filter_get_nick (VigieFilter filter)
{
  guint index = vigie_filter_index (filter);

  return index < VIGIE_N_FILTERS ? nicks[index] : NULL;
}

/**
 * vigie_filter_to_string:
 * @mask: filters
 *
 * Returns: (transfer full): "empty,full", as saved; "" for none
 */
char *
vigie_filter_to_string (guint mask)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < VIGIE_N_FILTERS; i++)
    if (mask & (1u << i))
      {
        if (text->len > 0)
          g_string_append_c (text, ',');
        g_string_append (text, nicks[i]);
      }

  return g_string_free (text, FALSE);
}

/**
 * vigie_filter_from_string:
 * @text: (nullable): "empty,full"
 *
 * Reads what vigie_filter_to_string() wrote; names it does not know (a
 * newer version's filters, a hand edit) are left out.
 *
 * Returns: the filters
 */
guint
vigie_filter_from_string (const char *text)
{
  g_auto(GStrv) words = NULL;
  guint mask = VIGIE_FILTER_NONE;

  if (text == NULL)
    return VIGIE_FILTER_NONE;

  words = g_strsplit (text, ",", -1);
  for (guint w = 0; words[w] != NULL; w++)
    {
      g_strstrip (words[w]);
      for (guint i = 0; i < VIGIE_N_FILTERS; i++)
        if (g_str_equal (words[w], nicks[i]))
          mask |= 1u << i;
    }

  return mask;
}

/**
 * vigie_filter_get_title:
 * @filter: one filter
 * @kind: the layer's kind
 *
 * Returns: (transfer none): what the filter shows, "Empty stations"
 */
const char *
vigie_filter_get_title (VigieFilter   filter,
                        VigieFeedKind kind)
{
  gboolean trains = kind == VIGIE_FEED_KIND_TRAINS;

  switch (filter)
    {
    case VIGIE_FILTER_EMPTY:
      /* Translators: a filter of a bike or car-share layer */
      return _("Empty stations");
    case VIGIE_FILTER_FULL:
      /* Translators: a filter of a bike layer: no free dock */
      return _("Full stations");
    case VIGIE_FILTER_DELAYED:
      return trains ? _("Delayed trains") : _("Delayed trams");
    case VIGIE_FILTER_GHOST:
      /* Translators: a filter: trips the timetable has running that no
       * vehicle reports */
      return trains ? _("Missing trains") : _("Missing trams");
    case VIGIE_FILTER_SATURATED:
      return _("Saturated parking");
    case VIGIE_FILTER_LOADED:
      /* Translators: a filter: Wi-Fi places near or over their capacity */
      return _("Crowded Wi-Fi places");
    case VIGIE_FILTER_DOWN:
      return _("Wi-Fi places down");
    case VIGIE_FILTER_NONE:
    default:
      return "";
    }
}

/**
 * vigie_filter_describe:
 * @mask: a layer's filters
 * @kind: its kind
 *
 * Returns: (transfer full): the filters' titles, "Empty stations, Full
 *   stations"
 */
char *
vigie_filter_describe (guint         mask,
                       VigieFeedKind kind)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < VIGIE_N_FILTERS; i++)
    if (mask & (1u << i))
      {
        if (text->len > 0)
          /* Translators: between the titles of a layer's filters */
          g_string_append (text, _(", "));
        g_string_append (text, vigie_filter_get_title (1u << i, kind));
      }

  return g_string_free (text, FALSE);
}

/**
 * vigie_filter_format_counts:
 * @kind: the layer's kind
 * @n_matching: what its filters keep
 * @n_targets: of how many
 *
 * Returns: (transfer full): "12 of 40 stations"
 */
char *
vigie_filter_format_counts (VigieFeedKind kind,
                            guint         n_matching,
                            guint         n_targets)
{
  g_autofree char *matching = vigie_format_count (n_matching);
  g_autofree char *targets = vigie_format_count (n_targets);

  switch (kind)
    {
    case VIGIE_FEED_KIND_BIKES:
    case VIGIE_FEED_KIND_CAR_SHARE:
      /* Translators: what a filtered layer shows: "12 of 40 stations" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s station", "%s of %s stations", n_targets),
                              matching, targets);
    case VIGIE_FEED_KIND_TRAINS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s train", "%s of %s trains", n_targets),
                              matching, targets);
    case VIGIE_FEED_KIND_PARKING:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s car park or zone", "%s of %s car parks and zones",
                                           n_targets),
                              matching, targets);
    case VIGIE_FEED_KIND_WIFI:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s Wi-Fi place", "%s of %s Wi-Fi places", n_targets),
                              matching, targets);
    case VIGIE_FEED_KIND_TRAMS:
    default:
      /* Translators: what a filtered layer shows: "3 of 14 trams" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s tram", "%s of %s trams", n_targets),
                              matching, targets);
    }
}

/**
 * vigie_filter_matches_query:
 * @folded_query: what the operator typed, folded (vigie_search_fold())
 * @folded_text: a filter's words, folded the same way
 *
 * The search offers a filter when each word typed starts a word of its
 * title or layer: "vide" finds "stations vides".
 *
 * Returns: whether it does
 */
gboolean
vigie_filter_matches_query (const char *folded_query,
                            const char *folded_text)
{
  g_auto(GStrv) tokens = NULL;
  g_auto(GStrv) words = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (folded_query != NULL && folded_text != NULL, FALSE);

  tokens = g_strsplit (folded_query, " ", -1);
  words = g_strsplit (folded_text, " ", -1);
  for (guint t = 0; tokens[t] != NULL; t++)
    {
      gboolean found = FALSE;

      if (tokens[t][0] == '\0')
        continue;
      for (guint w = 0; words[w] != NULL && !found; w++)
        found = g_str_has_prefix (words[w], tokens[t]);
      if (!found)
        return FALSE;
      any = TRUE;
    }

  return any;
}
