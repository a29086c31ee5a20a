/* vigie-departure-watch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-departure-watch"

#include "config.h"

#include "vigie-departure-interest.h"
#include "vigie-departure-watch.h"
#include "vigie-departures.h"
#include "vigie-feed-departures.h"
#include "vigie-tap.h"

/* Builds the departure boards of every feed with stops after each of its
 * updates (short ones on a large network but for the stops someone looks
 * at, vigie-departure-interest.c), in the feed's worker (a tap, see HACKING.md "How an update
 * reaches the screen"), and hands them to the feed's
 * VigieFeedDepartures on the main thread. */

struct _VigieDepartureWatch
{
  GObject           parent_instance;

  GWeakRef          manager;
  guint             tap_id;
};

G_DEFINE_FINAL_TYPE (VigieDepartureWatch, vigie_departure_watch, G_TYPE_OBJECT)

/* In the worker: touches only the input. */
static gpointer
build_departures (const VigieTapInput *input,
                  gpointer             user_data)
{
  g_autoptr(GHashTable) wanted = NULL;
  VigieDepartures *departures;
  gint64 start;

  if (vigie_snapshot_count_kind (input->current, VIGIE_ENTITY_STOP) == 0)
    return NULL;

  /* A large network's stops get short boards, but those someone looks at. */
  start = g_get_monotonic_time ();
  wanted = vigie_departure_interest_dup (input->feed_id);
  departures = vigie_departures_build_bounded (input->current, input->now, wanted, VIGIE_DEPARTURES_MAX_TOTAL);
  g_debug ("%s: boards of %u stops in %" G_GINT64_FORMAT " us", input->feed_id,
           vigie_departures_get_n_stops (departures), g_get_monotonic_time () - start);

  return departures;
}

static void
apply_departures (const char *feed_id,
                  gpointer    result,
                  gpointer    user_data)
{
  VigieDepartures *departures = result;
  g_autoptr(VigieFeedManager) manager = g_weak_ref_get (user_data);
  VigieFeed *feed;

  if (departures == NULL)
    return;

  feed = manager != NULL ? vigie_feed_manager_lookup (manager, feed_id) : NULL;
  if (feed != NULL)
    vigie_feed_departures_set (vigie_feed_departures_get_for_feed (feed), departures);
  vigie_departures_unref_in_thread (departures);
}

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
vigie_departure_watch_dispose (GObject *object)
{
  VigieDepartureWatch *self = VIGIE_DEPARTURE_WATCH (object);

  if (self->tap_id != 0)
    {
      vigie_tap_remove (self->tap_id);
      self->tap_id = 0;
    }

  G_OBJECT_CLASS (vigie_departure_watch_parent_class)->dispose (object);
}

static void
vigie_departure_watch_class_init (VigieDepartureWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_departure_watch_dispose;
}

static void
vigie_departure_watch_init (VigieDepartureWatch *self)
{
}

/**
 * vigie_departure_watch_new:
 * @manager: the feeds to watch
 *
 * Returns: (transfer full): a watch, which builds boards as long as it lives
 */
VigieDepartureWatch *
vigie_departure_watch_new (VigieFeedManager *manager)
{
  VigieDepartureWatch *self;
  GWeakRef *weak;

  g_return_val_if_fail (VIGIE_IS_FEED_MANAGER (manager), NULL);

  self = g_object_new (VIGIE_TYPE_DEPARTURE_WATCH, NULL);

  /* The tap's data may outlive us in a job: a weak reference of its own. */
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, manager);
  self->tap_id = vigie_tap_add (build_departures, apply_departures,
                                (GDestroyNotify) vigie_departures_unref_in_thread, weak, free_weak_ref);

  return self;
}
