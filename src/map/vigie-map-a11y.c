/* vigie-map-a11y.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-freshness.h"
#include "vigie-map-a11y.h"

/* What a screen reader says of the map: a layer is drawn in one widget,
 * so its items have no accessible object of their own; the layer's name
 * says what it shows and its description says which item is selected. */

static const char *
kind_layer_name (VigieFeedKind kind)
{
  switch (kind)
    {
    case VIGIE_FEED_KIND_TRAMS:
      return _("Tram layer");
    case VIGIE_FEED_KIND_TRAINS:
      return _("Train layer");
    case VIGIE_FEED_KIND_BIKES:
      return _("Bike share layer");
    case VIGIE_FEED_KIND_CAR_SHARE:
      return _("Car share layer");
    case VIGIE_FEED_KIND_PARKING:
      return _("Parking layer");
    case VIGIE_FEED_KIND_WIFI:
    default:
      return _("Public Wi-Fi layer");
    }
}

/**
 * vigie_map_a11y_layer_label:
 * @kind: what the layer shows
 * @title: (nullable): the name of its feed
 *
 * Returns: (transfer full): the layer's accessible name, such as
 *   "Bike share layer: VéloCité"
 */
char *
vigie_map_a11y_layer_label (VigieFeedKind  kind,
                            const char    *title)
{
  if (title == NULL || title[0] == '\0')
    return g_strdup (kind_layer_name (kind));

  /* Translators: a map layer's name for screen readers: its kind, then the
   * name of its feed, e.g. "Bike share layer: VéloCité". */
  return g_strdup_printf (_("%s: %s"), kind_layer_name (kind), title);
}

/**
 * vigie_map_a11y_describe:
 * @kind: what the layer shows
 * @entity: the selected item
 * @thresholds: the layer's thresholds
 * @now_s: the time now, unix seconds
 *
 * Returns: (transfer full): one line for a screen reader: the item's name,
 *   its state, how old its data is
 */
char *
vigie_map_a11y_describe (VigieFeedKind               kind,
                         VigieEntity                *entity,
                         const VigieStyleThresholds *thresholds,
                         gint64                      now_s)
{
  g_auto(GStrv) lines = vigie_style_describe (kind, entity, thresholds);
  g_autoptr(GString) text = g_string_new (NULL);
  const char *name = vigie_entity_get_name (entity);
  gint64 observed_at = vigie_entity_get_observed_at (entity);

  g_string_append (text, name != NULL && name[0] != '\0' ? name : vigie_entity_get_id (entity));

  if (lines != NULL && lines[0] != NULL)
    {
      /* Translators: joins the parts of what a screen reader says of an
       * item on the map: "name, state, freshness". */
      g_string_append (text, _(", "));
      g_string_append (text, lines[0]);
    }

  if (observed_at > 0)
    {
      g_autofree char *age = vigie_freshness_format_age (MAX (now_s - observed_at, 0));
      g_autofree char *updated = g_strdup_printf (_("Updated %s"), age);

      g_string_append (text, _(", "));
      g_string_append (text, updated);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
