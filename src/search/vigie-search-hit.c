/* vigie-search-hit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-search-hit"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-search-hit.h"
#include "vigie-style.h"

/* One search result as an item of a list model. */

struct _VigieSearchHit
{
  GObject            parent_instance;

  VigieSearchResult *result;
  guint              filter;    /* a VigieFilter of the result's feed, or none */
};

G_DEFINE_FINAL_TYPE (VigieSearchHit, vigie_search_hit, G_TYPE_OBJECT)

/* What a thing is, where nothing else says which one it is. */
static const char *
kind_words (VigieFeedKind   feed_kind,
            VigieEntityKind kind)
{
  switch (kind)
    {
    case VIGIE_ENTITY_STOP:
      return feed_kind == VIGIE_FEED_KIND_TRAINS ? _("Station") : _("Stop");
    case VIGIE_ENTITY_ZONE:
      return _("Parking zone");
    case VIGIE_ENTITY_CAR_PARK:
      return _("Car park");
    case VIGIE_ENTITY_HOTSPOT:
      return _("Wi-Fi place");
    case VIGIE_ENTITY_STATION:
    case VIGIE_ENTITY_VEHICLE:
    case VIGIE_ENTITY_LINE:
    default:
      return NULL;
    }
}

static void
vigie_search_hit_finalize (GObject *object)
{
  VigieSearchHit *self = (VigieSearchHit *)object;

  g_clear_pointer (&self->result, vigie_search_result_free);

  G_OBJECT_CLASS (vigie_search_hit_parent_class)->finalize (object);
}

static void
vigie_search_hit_class_init (VigieSearchHitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vigie_search_hit_finalize;
}

static void
vigie_search_hit_init (VigieSearchHit *self)
{
}

/* Takes @result. */
VigieSearchHit *
vigie_search_hit_new (VigieSearchResult *result)
{
  VigieSearchHit *self;

  g_return_val_if_fail (result != NULL, NULL);

  self = g_object_new (VIGIE_TYPE_SEARCH_HIT, NULL);
  self->result = result;

  return self;
}

const VigieSearchResult *
vigie_search_hit_get_result (VigieSearchHit *self)
{
  g_return_val_if_fail (VIGIE_IS_SEARCH_HIT (self), NULL);

  return self->result;
}

/* Its layer's symbol. */
const char *
vigie_search_hit_get_icon_name (VigieSearchHit *self)
{
  g_return_val_if_fail (VIGIE_IS_SEARCH_HIT (self), NULL);

  if (self->filter != 0)
    return "vigie-filter-symbolic";

  return vigie_style_kind_icon_name (self->result->feed_kind);
}

/* Takes @result: not a thing but a filter of its feed's layer ("Empty
 * stations (12)"), which the search offers beside the things found. */
VigieSearchHit *
vigie_search_hit_new_filter (VigieSearchResult *result,
                             guint              filter)
{
  VigieSearchHit *self = vigie_search_hit_new (result);

  g_return_val_if_fail (filter != 0, self);

  self->filter = filter;

  return self;
}

/* A VigieFilter, or 0 for a thing found. */
guint
vigie_search_hit_get_filter (VigieSearchHit *self)
{
  g_return_val_if_fail (VIGIE_IS_SEARCH_HIT (self), 0);

  return self->filter;
}

/**
 * vigie_search_hit_describe:
 *
 * The line under a result's name: its layer, then what else matched or
 * says which one it is (a tram's destination, an address), else what it
 * is. A feed's own id ("urn:ngsi-ld:OnStreetParking:mulhouse-simule:gare",
 * "place_GAR") says nothing to an operator; a station's or a vehicle's
 * number does, and stays.
 *
 * Returns: (transfer full): "Stationnement · Zone de stationnement"
 */
char *
vigie_search_hit_describe (VigieSearchHit *self)
{
  const VigieSearchResult *result;
  const char *what;

  g_return_val_if_fail (VIGIE_IS_SEARCH_HIT (self), NULL);

  result = self->result;
  if (result->detail != NULL && *result->detail != '\0')
    what = result->detail;
  else if ((what = kind_words (result->feed_kind, result->kind)) == NULL)
    what = result->id;

  return g_strdup_printf ("%s · %s", result->feed_name, what);
}
