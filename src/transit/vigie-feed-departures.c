/* vigie-feed-departures.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-feed-departures"

#include "config.h"

#include "vigie-feed-departures.h"

/* A feed's latest departure boards, kept beside the feed (as its data,
 * so that whoever shows a stop of the feed finds them without being
 * handed more than the feed) and set by the departure watch on the main
 * thread after each update. */

struct _VigieFeedDepartures
{
  GObject          parent_instance;

  VigieDepartures *departures;
};

G_DEFINE_FINAL_TYPE (VigieFeedDepartures, vigie_feed_departures, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DEPARTURES,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
vigie_feed_departures_finalize (GObject *object)
{
  VigieFeedDepartures *self = VIGIE_FEED_DEPARTURES (object);

  g_clear_pointer (&self->departures, vigie_departures_unref_in_thread);

  G_OBJECT_CLASS (vigie_feed_departures_parent_class)->finalize (object);
}

static void
vigie_feed_departures_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  VigieFeedDepartures *self = VIGIE_FEED_DEPARTURES (object);

  switch (prop_id)
    {
    case PROP_DEPARTURES:
      g_value_set_boxed (value, self->departures);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_feed_departures_class_init (VigieFeedDeparturesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vigie_feed_departures_finalize;
  object_class->get_property = vigie_feed_departures_get_property;

  properties [PROP_DEPARTURES] =
    g_param_spec_boxed ("departures", NULL, NULL,
                        VIGIE_TYPE_DEPARTURES,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_feed_departures_init (VigieFeedDepartures *self)
{
}

/**
 * vigie_feed_departures_get_for_feed:
 * @feed: a feed
 *
 * Returns: (transfer none): @feed's departures, made on first use
 */
VigieFeedDepartures *
vigie_feed_departures_get_for_feed (VigieFeed *feed)
{
  static GQuark quark;
  VigieFeedDepartures *self;

  g_return_val_if_fail (VIGIE_IS_FEED (feed), NULL);

  if (quark == 0)
    quark = g_quark_from_static_string ("vigie-feed-departures");

  self = g_object_get_qdata (G_OBJECT (feed), quark);
  if (self == NULL)
    {
      self = g_object_new (VIGIE_TYPE_FEED_DEPARTURES, NULL);
      g_object_set_qdata_full (G_OBJECT (feed), quark, self, g_object_unref);
    }

  return self;
}

/**
 * vigie_feed_departures_get:
 *
 * Returns: (transfer none) (nullable): the latest departures
 */
VigieDepartures *
vigie_feed_departures_get (VigieFeedDepartures *self)
{
  g_return_val_if_fail (VIGIE_IS_FEED_DEPARTURES (self), NULL);

  return self->departures;
}

void
vigie_feed_departures_set (VigieFeedDepartures *self,
                           VigieDepartures     *departures)
{
  g_return_if_fail (VIGIE_IS_FEED_DEPARTURES (self));

  if (self->departures == departures)
    return;

  /* The old boards of a large network are freed off the main thread. */
  g_clear_pointer (&self->departures, vigie_departures_unref_in_thread);
  self->departures = departures != NULL ? vigie_departures_ref (departures) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DEPARTURES]);
}
