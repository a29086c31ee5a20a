/* vigie-group-style.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-group-style"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-group-style.h"
#include "vigie-number.h"

/**
 * vigie_group_style_alert:
 * @kind: the kind of feed @entity came from
 * @entity: an entity
 * @thresholds: (nullable): the thresholds, or %NULL for the defaults
 *
 * Returns: the state of @entity that its group counts, if any
 */
VigieGroupAlert
vigie_group_style_alert (VigieFeedKind               kind,
                         VigieEntity                *entity,
                         const VigieStyleThresholds *thresholds)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY (entity), VIGIE_GROUP_ALERT_NONE);

  switch (vigie_entity_get_kind (entity))
    {
    case VIGIE_ENTITY_STATION:
      switch (vigie_style_classify_station (entity, thresholds))
        {
        case VIGIE_STATION_EMPTY:
          return VIGIE_GROUP_ALERT_EMPTY;
        case VIGIE_STATION_FULL:
          return VIGIE_GROUP_ALERT_FULL;
        case VIGIE_STATION_NOT_RENTING:
        case VIGIE_STATION_NOT_INSTALLED:
          return VIGIE_GROUP_ALERT_OUT_OF_SERVICE;
        case VIGIE_STATION_UNKNOWN:
        case VIGIE_STATION_NOT_RETURNING:
        case VIGIE_STATION_NEARLY_EMPTY:
        case VIGIE_STATION_NORMAL:
        case VIGIE_STATION_NEARLY_FULL:
        default:
          return VIGIE_GROUP_ALERT_NONE;
        }

    case VIGIE_ENTITY_ZONE:
    case VIGIE_ENTITY_CAR_PARK:
      switch (vigie_style_classify_parking (entity, thresholds))
        {
        case VIGIE_LOAD_FULL:
          return VIGIE_GROUP_ALERT_FULL;
        case VIGIE_LOAD_OUT_OF_SERVICE:
          return VIGIE_GROUP_ALERT_OUT_OF_SERVICE;
        case VIGIE_LOAD_UNKNOWN:
        case VIGIE_LOAD_NORMAL:
        case VIGIE_LOAD_BUSY:
        case VIGIE_LOAD_SATURATED:
        default:
          return VIGIE_GROUP_ALERT_NONE;
        }

    case VIGIE_ENTITY_HOTSPOT:
      switch (vigie_style_classify_hotspot (entity, thresholds))
        {
        case VIGIE_LOAD_SATURATED:
        case VIGIE_LOAD_FULL:
          return VIGIE_GROUP_ALERT_SATURATED;
        case VIGIE_LOAD_OUT_OF_SERVICE:
          return VIGIE_GROUP_ALERT_OUT_OF_SERVICE;
        case VIGIE_LOAD_UNKNOWN:
        case VIGIE_LOAD_NORMAL:
        case VIGIE_LOAD_BUSY:
        default:
          return VIGIE_GROUP_ALERT_NONE;
        }

    case VIGIE_ENTITY_VEHICLE:
      {
        gboolean disabled = FALSE;

        if (kind != VIGIE_FEED_KIND_TRAMS && kind != VIGIE_FEED_KIND_TRAINS &&
            vigie_entity_lookup_boolean (entity, "is_disabled", &disabled) && disabled)
          return VIGIE_GROUP_ALERT_OUT_OF_SERVICE;
        return VIGIE_GROUP_ALERT_NONE;
      }

    case VIGIE_ENTITY_STOP:
    case VIGIE_ENTITY_LINE:
    default:
      return VIGIE_GROUP_ALERT_NONE;
    }
}

/**
 * vigie_group_style_summary:
 * @kind: the kind of feed
 * @counts: how many members of the group are in each state
 *
 * Returns: (transfer full) (nullable): the states that matter, counted:
 *   "3 empty · 1 full"; %NULL when none is to be told
 */
char *
vigie_group_style_summary (VigieFeedKind kind,
                           const guint   counts[VIGIE_GROUP_N_ALERTS])
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (counts != NULL, NULL);

  /* Translators: on a group of bike or car-share stations on the map, as short as possible: "3 empty". */
  n = counts[VIGIE_GROUP_ALERT_EMPTY];
  vigie_append_count (text, n, g_dngettext (GETTEXT_PACKAGE, "%s empty", "%s empty", n));

  n = counts[VIGIE_GROUP_ALERT_FULL];
  if (kind == VIGIE_FEED_KIND_PARKING)
    /* Translators: on a group of car parks on the map: "2 with no space". */
    vigie_append_count (text, n, g_dngettext (GETTEXT_PACKAGE, "%s with no space", "%s with no space", n));
  else
    /* Translators: on a group of bike or car-share stations on the map: "1 full" (no place to return). */
    vigie_append_count (text, n, g_dngettext (GETTEXT_PACKAGE, "%s full", "%s full", n));

  n = counts[VIGIE_GROUP_ALERT_SATURATED];
  /* Translators: on a group of Wi-Fi places on the map: "2 saturated". */
  vigie_append_count (text, n, g_dngettext (GETTEXT_PACKAGE, "%s saturated", "%s saturated", n));

  n = counts[VIGIE_GROUP_ALERT_OUT_OF_SERVICE];
  /* Translators: on a group of things on the map: "1 out of service". */
  vigie_append_count (text, n, g_dngettext (GETTEXT_PACKAGE, "%s out of service", "%s out of service", n));

  if (text->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * vigie_group_style_symbol:
 * @kind: the kind of feed
 * @n_entities: how many things the group stands for
 * @fraction: their aggregate fill, or a negative number when none
 * @thresholds: (nullable): the thresholds, or %NULL for the defaults
 * @symbol: (out caller-allocates): the symbol
 *
 * The cluster's double ring, in the layer's own colour and with its glyph
 * above the count, so that groups of two layers are not taken one for the
 * other.
 */
void
vigie_group_style_symbol (VigieFeedKind               kind,
                          guint                       n_entities,
                          double                      fraction,
                          const VigieStyleThresholds *thresholds,
                          VigieSymbol                *symbol)
{
  static const guint32 colors[] = {
    [VIGIE_FEED_KIND_TRAMS]     = VIGIE_STYLE_DARK,
    [VIGIE_FEED_KIND_BIKES]     = VIGIE_STYLE_BLUE,
    [VIGIE_FEED_KIND_CAR_SHARE] = VIGIE_STYLE_REDDISH_PURPLE,
    [VIGIE_FEED_KIND_PARKING]   = VIGIE_STYLE_BLUISH_GREEN,
    [VIGIE_FEED_KIND_WIFI]      = VIGIE_STYLE_ORANGE,
    [VIGIE_FEED_KIND_TRAINS]    = VIGIE_STYLE_GREY,
  };

  g_return_if_fail (symbol != NULL);

  vigie_style_cluster (kind, n_entities, fraction, thresholds, symbol);
  if ((guint) kind < G_N_ELEMENTS (colors))
    symbol->fill = colors[kind];
  symbol->glyph = vigie_style_kind_glyph (kind);
}
