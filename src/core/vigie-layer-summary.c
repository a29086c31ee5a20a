/* vigie-layer-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-layer-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-freshness.h"
#include "vigie-layer-summary.h"
#include "vigie-number.h"
#include "vigie-store.h"

/**
 * vigie_layer_summary_ages:
 * @entity: an entity
 *
 * Timetable data (stops, lines' paths) and geofencing zones are as true
 * as the day their file was published: they do not get old by the minute
 * as live data does, and must never be drawn or described as "old".
 *
 * Returns: %TRUE if @entity's data gets old with time
 */
gboolean
vigie_layer_summary_ages (VigieEntity *entity)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), FALSE);

  switch (vigie_entity_get_kind (entity))
    {
    case VIGIE_ENTITY_STOP:
    case VIGIE_ENTITY_LINE:
      return FALSE;

    case VIGIE_ENTITY_ZONE:
      {
        gboolean geofencing = FALSE;

        /* An operator's geofencing rules hold until it changes them. */
        return !(vigie_entity_lookup_boolean (entity, "geofencing", &geofencing) && geofencing);
      }

    case VIGIE_ENTITY_STATION:
    case VIGIE_ENTITY_VEHICLE:
    case VIGIE_ENTITY_CAR_PARK:
    case VIGIE_ENTITY_HOTSPOT:
    default:
      return TRUE;
    }
}

/**
 * vigie_layer_summary_classify_entity:
 * @kind: the kind of feed @entity came from
 * @entity: an entity
 * @now: the current time, unix seconds
 * @feed_observed_at: when the feed says its data was true, or 0
 * @feed_fetched_at: when the feed's data was received, or 0
 *
 * How old one item's data is against its feed's limits: its own time when
 * it has one, else its feed's. A feed that stops answering keeps its last
 * data, whose items then age here while the store does not change.
 *
 * Returns: the freshness; %VIGIE_FRESHNESS_FRESH for timetable data
 */
VigieFreshness
vigie_layer_summary_classify_entity (VigieFeedKind  kind,
                                     VigieEntity   *entity,
                                     gint64         now,
                                     gint64         feed_observed_at,
                                     gint64         feed_fetched_at)
{
  gint64 ageing_s, stale_s;

  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), VIGIE_FRESHNESS_NO_DATA);

  if (!vigie_layer_summary_ages (entity))
    return VIGIE_FRESHNESS_FRESH;

  vigie_freshness_get_default_thresholds (kind, &ageing_s, &stale_s);

  return vigie_freshness_classify (now, vigie_layer_summary_item_time (kind, entity),
                                   feed_observed_at > 0 ? feed_observed_at : feed_fetched_at,
                                   ageing_s, stale_s);
}

/**
 * vigie_layer_summary_item_time:
 * @kind: the kind of feed
 * @entity: an entity
 *
 * A car-share station's last report is often months old, and that is
 * normal: round-trip stations change only when a car leaves or comes
 * back. Its freshness is its feed's, not its own time's.
 *
 * Returns: the time @entity's own data is from, or 0 when only its feed's
 *   time counts
 */
gint64
vigie_layer_summary_item_time (VigieFeedKind  kind,
                               VigieEntity   *entity)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), 0);

  if (kind == VIGIE_FEED_KIND_CAR_SHARE && vigie_entity_get_kind (entity) == VIGIE_ENTITY_STATION)
    return 0;

  return vigie_entity_get_observed_at (entity);
}

/**
 * vigie_layer_summary_frozen_since:
 * @feed: a feed
 * @now: the current time, unix seconds
 *
 * Returns: the time of @feed's data when it is older than the feed's
 *   limit and the feed shows live data, else 0
 */
gint64
vigie_layer_summary_frozen_since (VigieFeed *feed,
                                  gint64     now)
{
  GListModel *store;
  gint64 observed_at, fetched_at, ageing_s, stale_s;
  gboolean live = FALSE;

  g_return_val_if_fail (VIGIE_IS_FEED (feed), 0);

  if (!vigie_feed_get_enabled (feed))
    return 0;

  observed_at = vigie_feed_get_observed_at (feed);
  fetched_at = vigie_feed_get_fetched_at (feed);
  vigie_freshness_get_default_thresholds (vigie_feed_get_kind (feed), &ageing_s, &stale_s);
  if (vigie_freshness_classify (now, observed_at, fetched_at, ageing_s, stale_s) < VIGIE_FRESHNESS_AGEING)
    return 0;

  /* A timetable alone is never frozen. */
  store = G_LIST_MODEL (vigie_feed_get_store (feed));
  for (guint i = 0; !live && i < g_list_model_get_n_items (store); i++)
    {
      g_autoptr(VigieEntity) entity = g_list_model_get_item (store, i);

      live = vigie_layer_summary_ages (entity);
    }
  if (!live)
    return 0;

  return observed_at > 0 && observed_at - now <= VIGIE_FRESHNESS_MAX_CLOCK_SKEW_S ? observed_at : fetched_at;
}

/**
 * vigie_layer_summary_format_frozen:
 * @since: a time, unix seconds
 *
 * Returns: (transfer full): "data frozen since 08:42", in local time and
 *   the locale's way of writing it
 */
char *
vigie_layer_summary_format_frozen (gint64 since)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (since);
  g_autofree char *clock = NULL;

  if (local == NULL)
    return NULL;

  /* Translators: a time of day in hours and minutes, as g_date_time_format() takes it: "08:42"; French writes "8 h 42" ("%-H h %M"). */
  clock = g_date_time_format (local, C_("time of day", "%H:%M"));

  /* Translators: said of a map layer whose feed gives nothing new; %s is a time of day. */
  return g_strdup_printf (_("data frozen since %s"), clock);
}

/**
 * vigie_layer_summary_counts:
 * @kind: the kind of feed
 * @entities: a #GListModel of #VigieEntity, the layer's store
 *
 * Counts what a layer shows by what it is: trams apart from their stops
 * ("12 trams · 133 stops"), stations apart from free vehicles. Scheduled
 * trips with no real-time vehicle are not counted as trams: the row says
 * they are missing.
 *
 * Returns: (transfer full): the counts, "nothing shown" when empty
 */
char *
vigie_layer_summary_counts (VigieFeedKind  kind,
                            GListModel    *entities)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_kind[VIGIE_ENTITY_LINE + 1] = { 0, };
  guint n_geofencing = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (entities), NULL);

  /* A store counted its entities in the worker. */
  for (guint k = 0; VIGIE_IS_STORE (entities) && k < G_N_ELEMENTS (n_kind); k++)
    n_kind[k] = vigie_store_count_kind (VIGIE_STORE (entities), k);

  for (guint i = 0; !VIGIE_IS_STORE (entities) && i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(VigieEntity) entity = g_list_model_get_item (entities, i);
      VigieEntityKind entity_kind = vigie_entity_get_kind (entity);
      gboolean ghost = FALSE, geofencing = FALSE;

      if ((guint) entity_kind > VIGIE_ENTITY_LINE)
        continue;
      if (entity_kind == VIGIE_ENTITY_VEHICLE &&
          vigie_entity_lookup_boolean (entity, "ghost", &ghost) && ghost)
        continue;
      /* A shared-vehicle operator's rules are no parking. */
      if (entity_kind == VIGIE_ENTITY_ZONE &&
          vigie_entity_lookup_boolean (entity, "geofencing", &geofencing) && geofencing)
        {
          n_geofencing++;
          continue;
        }
      n_kind[entity_kind]++;
    }

  switch (kind)
    {
    case VIGIE_FEED_KIND_TRAMS:
      /* Translators: counts on a layer's row, joined by " · ": "12 trams · 133 stops". */
      vigie_append_count (text, n_kind[VIGIE_ENTITY_VEHICLE], g_dngettext (GETTEXT_PACKAGE, "%s tram", "%s trams", n_kind[VIGIE_ENTITY_VEHICLE]));
      break;
    case VIGIE_FEED_KIND_TRAINS:
      /* Translators: counts on a layer's row, joined by " · ": "6 trains · 9 stations". */
      vigie_append_count (text, n_kind[VIGIE_ENTITY_VEHICLE], g_dngettext (GETTEXT_PACKAGE, "%s train", "%s trains", n_kind[VIGIE_ENTITY_VEHICLE]));
      break;
    case VIGIE_FEED_KIND_BIKES:
      vigie_append_count (text, n_kind[VIGIE_ENTITY_STATION], g_dngettext (GETTEXT_PACKAGE, "%s station", "%s stations", n_kind[VIGIE_ENTITY_STATION]));
      vigie_append_count (text, n_kind[VIGIE_ENTITY_VEHICLE], g_dngettext (GETTEXT_PACKAGE, "%s free bike", "%s free bikes", n_kind[VIGIE_ENTITY_VEHICLE]));
      break;
    case VIGIE_FEED_KIND_CAR_SHARE:
      vigie_append_count (text, n_kind[VIGIE_ENTITY_STATION], g_dngettext (GETTEXT_PACKAGE, "%s station", "%s stations", n_kind[VIGIE_ENTITY_STATION]));
      vigie_append_count (text, n_kind[VIGIE_ENTITY_VEHICLE], g_dngettext (GETTEXT_PACKAGE, "%s free car", "%s free cars", n_kind[VIGIE_ENTITY_VEHICLE]));
      break;
    case VIGIE_FEED_KIND_PARKING:
    case VIGIE_FEED_KIND_WIFI:
    default:
      vigie_append_count (text, n_kind[VIGIE_ENTITY_STATION], g_dngettext (GETTEXT_PACKAGE, "%s station", "%s stations", n_kind[VIGIE_ENTITY_STATION]));
      vigie_append_count (text, n_kind[VIGIE_ENTITY_VEHICLE], g_dngettext (GETTEXT_PACKAGE, "%s vehicle", "%s vehicles", n_kind[VIGIE_ENTITY_VEHICLE]));
      break;
    }

  if (kind == VIGIE_FEED_KIND_TRAINS)
    vigie_append_count (text, n_kind[VIGIE_ENTITY_STOP], g_dngettext (GETTEXT_PACKAGE, "%s station", "%s stations", n_kind[VIGIE_ENTITY_STOP]));
  else
    vigie_append_count (text, n_kind[VIGIE_ENTITY_STOP], g_dngettext (GETTEXT_PACKAGE, "%s stop", "%s stops", n_kind[VIGIE_ENTITY_STOP]));
  vigie_append_count (text, n_kind[VIGIE_ENTITY_CAR_PARK], g_dngettext (GETTEXT_PACKAGE, "%s car park", "%s car parks", n_kind[VIGIE_ENTITY_CAR_PARK]));
  vigie_append_count (text, n_kind[VIGIE_ENTITY_ZONE], g_dngettext (GETTEXT_PACKAGE, "%s parking zone", "%s parking zones", n_kind[VIGIE_ENTITY_ZONE]));
  vigie_append_count (text, n_kind[VIGIE_ENTITY_HOTSPOT], g_dngettext (GETTEXT_PACKAGE, "%s Wi-Fi place", "%s Wi-Fi places", n_kind[VIGIE_ENTITY_HOTSPOT]));
  vigie_append_count (text, n_geofencing, g_dngettext (GETTEXT_PACKAGE, "%s geofencing zone", "%s geofencing zones", n_geofencing));

  /* Trams at night: none running is news, the stops are not. */
  if (kind == VIGIE_FEED_KIND_TRAMS && n_kind[VIGIE_ENTITY_VEHICLE] == 0 && text->len > 0)
    {
      g_string_prepend (text, " · ");
      g_string_prepend (text, _("no tram running"));
    }

  if (text->len == 0)
    return g_strdup (_("nothing shown"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * vigie_layer_summary_subtitle:
 * @feed: a feed
 * @now: the current time, unix seconds
 *
 * What a layer's row says under its name: its feed's state, whether its
 * data is frozen and since when, and what it shows. A feed turned off says
 * so, and shows nothing.
 *
 * Returns: (transfer full): the text
 */
char *
vigie_layer_summary_subtitle (VigieFeed *feed,
                              gint64     now)
{
  return vigie_layer_summary_subtitle_with_counts (feed, now, NULL);
}

/**
 * vigie_layer_summary_subtitle_with_counts:
 * @feed: a feed
 * @now: the current time, unix seconds
 * @shown: (nullable): what the layer shows, in words, when it is not
 *   its feed's whole store (a filtered layer's "12 of 40 stations")
 *
 * Returns: (transfer full): the text, as vigie_layer_summary_subtitle()
 */
char *
vigie_layer_summary_subtitle_with_counts (VigieFeed  *feed,
                                          gint64      now,
                                          const char *shown)
{
  g_autofree char *counts = NULL;
  g_autofree char *state = NULL;
  gint64 since;

  g_return_val_if_fail (VIGIE_IS_FEED (feed), NULL);

  if (!vigie_feed_get_enabled (feed))
    return g_strdup (_("Feed turned off in Preferences"));

  counts = shown != NULL ? g_strdup (shown)
                         : vigie_layer_summary_counts (vigie_feed_get_kind (feed),
                                                       G_LIST_MODEL (vigie_feed_get_store (feed)));
  since = vigie_layer_summary_frozen_since (feed, now);
  if (since > 0)
    {
      g_autofree char *frozen = vigie_layer_summary_format_frozen (since);

      VigieFeedState feed_state = vigie_feed_get_state (feed);
      const char *word = vigie_feed_state_to_string (feed_state);
      gint64 ageing_s, stale_s;

      /* A server that answers with old data is not "OK". */
      if (feed_state == VIGIE_FEED_STATE_OK || feed_state == VIGIE_FEED_STATE_FETCHING)
        {
          vigie_freshness_get_default_thresholds (vigie_feed_get_kind (feed), &ageing_s, &stale_s);
          word = vigie_freshness_to_string (vigie_freshness_classify (now, vigie_feed_get_observed_at (feed),
                                                                      vigie_feed_get_fetched_at (feed),
                                                                      ageing_s, stale_s));
        }

      /* Translators: a feed's state, then that its data is frozen: "Error · data frozen since 08:42". */
      state = g_strdup_printf (_("%s · %s"), word, frozen);
    }
  else
    state = g_strdup (vigie_feed_state_to_string (vigie_feed_get_state (feed)));

  /* Translators: a layer's feed state and what it shows: "OK — 12 trams · 133 stops". */
  return g_strdup_printf (_("%s — %s"), state, counts);
}
