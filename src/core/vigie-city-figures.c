/* vigie-city-figures.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-city-figures"

#include "config.h"

#include <string.h>

#include "vigie-city-figures.h"
#include "vigie-clock.h"
#include "vigie-feed.h"
#include "vigie-tap.h"
#include "vigie-hash.h"

/* The city's figures, kept up to date by a tap: each update of each feed
 * is counted in its worker (vigie_figures_compute()), and the main thread
 * keeps only the few totals of each feed, added up when asked. */

struct _VigieCityFigures
{
  GObject           parent_instance;

  VigieFeedManager *manager;
  GHashTable       *by_feed;     /* feed id → VigieFigures */
  VigieDaySeries   *today;
  guint             tap_id;
  struct TapData   *tap_data;   /* owned by the tap */
};

/* What the tap's workers read: it lives as long as the tap, which may be
 * after the figures (a job that started keeps it). */
typedef struct TapData
{
  VigieCityFigures *self;       /* main thread only: apply */
  GMutex            lock;
  VigieCentre      *centre;     /* swapped and taken under the lock */
} TapData;

static void
tap_data_free (TapData *data)
{
  g_clear_pointer (&data->centre, vigie_centre_unref);
  g_mutex_clear (&data->lock);
  g_free (data);
}

G_DEFINE_FINAL_TYPE (VigieCityFigures, vigie_city_figures, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Worker thread: touches nothing but the input and the centre. */
static gpointer
count_update (const VigieTapInput *input,
              gpointer             user_data)
{
  TapData *data = user_data;
  VigieFigures *figures = g_new (VigieFigures, 1);
  g_autoptr(VigieCentre) centre = NULL;

  g_mutex_lock (&data->lock);
  if (data->centre != NULL)
    centre = vigie_centre_ref (data->centre);
  g_mutex_unlock (&data->lock);

  vigie_figures_compute_in (figures, input->current, input->now, centre);
  return figures;
}

/* Main thread; a removed tap is never applied, so @user_data is alive. */
static gint64 sum_by_kind (VigieCityFigures *self,
                           VigieFigures     *by_kind,
                           char            **brands);

static void
apply_update (const char *feed_id,
              gpointer    result,
              gpointer    user_data)
{
  VigieCityFigures *self = ((TapData *) user_data)->self;

  VigieFigures by_kind[VIGIE_N_FEED_KINDS] = { 0, };
  char *brands[VIGIE_N_FEED_KINDS] = { NULL, };

  g_hash_table_replace (self->by_feed, g_strdup (feed_id), result);

  /* Today's charts: a few sums per update. */
  sum_by_kind (self, by_kind, brands);
  vigie_day_series_add (self->today, vigie_clock_now (), by_kind);
  for (guint i = 0; i < VIGIE_N_FEED_KINDS; i++)
    g_free (brands[i]);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_feeds_changed_cb (VigieCityFigures *self)
{
  GHashTableIter iter;
  const char *feed_id;
  gboolean removed = FALSE;

  /* A feed removed, or another profile: forget what is no longer shown. */
  g_hash_table_iter_init (&iter, self->by_feed);
  while (g_hash_table_iter_next (&iter, (gpointer *) &feed_id, NULL))
    if (vigie_feed_manager_lookup (self->manager, feed_id) == NULL)
      {
        g_hash_table_iter_remove (&iter);
        removed = TRUE;
      }

  if (removed)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
vigie_city_figures_dispose (GObject *object)
{
  VigieCityFigures *self = (VigieCityFigures *)object;

  if (self->tap_id != 0)
    {
      vigie_tap_remove (self->tap_id);
      self->tap_id = 0;
      self->tap_data = NULL;
    }
  g_clear_object (&self->manager);

  G_OBJECT_CLASS (vigie_city_figures_parent_class)->dispose (object);
}

static void
vigie_city_figures_finalize (GObject *object)
{
  VigieCityFigures *self = (VigieCityFigures *)object;

  g_clear_pointer (&self->by_feed, g_hash_table_unref);
  g_clear_pointer (&self->today, vigie_day_series_free);

  G_OBJECT_CLASS (vigie_city_figures_parent_class)->finalize (object);
}

static void
vigie_city_figures_class_init (VigieCityFiguresClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_city_figures_dispose;
  object_class->finalize = vigie_city_figures_finalize;

  /**
   * VigieCityFigures::changed:
   *
   * A feed's figures changed, after the store shows its update.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
vigie_city_figures_init (VigieCityFigures *self)
{
  self->by_feed = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, g_free);
  self->today = vigie_day_series_new (NULL);
}

/**
 * vigie_city_figures_new:
 * @manager: the feeds whose figures to keep
 *
 * Starts counting from the next update of each feed on.
 *
 * Returns: (transfer full): the figures
 */
VigieCityFigures *
vigie_city_figures_new (VigieFeedManager *manager)
{
  VigieCityFigures *self;

  g_return_val_if_fail (VIGIE_IS_FEED_MANAGER (manager), NULL);

  self = g_object_new (VIGIE_TYPE_CITY_FIGURES, NULL);
  self->manager = g_object_ref (manager);
  self->tap_data = g_new0 (TapData, 1);
  self->tap_data->self = self;
  g_mutex_init (&self->tap_data->lock);
  self->tap_id = vigie_tap_add (count_update, apply_update, g_free, self->tap_data,
                                (GDestroyNotify) tap_data_free);
  g_signal_connect_object (manager, "items-changed", G_CALLBACK (on_feeds_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

/* The totals of each kind of feed, and the service's name where one
 * feed alone is of its kind. */
static gint64
sum_by_kind (VigieCityFigures *self,
             VigieFigures     *by_kind,
             char            **brands)
{
  guint n_feeds[VIGIE_N_FEED_KINDS] = { 0, };
  GHashTableIter iter;
  const char *feed_id;
  const VigieFigures *figures;
  VigieFigures all = { 0, };

  g_hash_table_iter_init (&iter, self->by_feed);
  while (g_hash_table_iter_next (&iter, (gpointer *) &feed_id, (gpointer *) &figures))
    {
      VigieFeed *feed = vigie_feed_manager_lookup (self->manager, feed_id);
      VigieFeedKind kind;

      if (feed == NULL || !vigie_feed_get_enabled (feed))
        continue;

      kind = vigie_feed_get_kind (feed);
      vigie_figures_add (&by_kind[kind], figures);
      vigie_figures_add (&all, figures);
      if (n_feeds[kind]++ == 0)
        brands[kind] = vigie_figures_brand_from_name (vigie_feed_get_name (feed));
      else
        g_clear_pointer (&brands[kind], g_free);
    }

  return all.observed_at;
}

/**
 * vigie_city_figures_dup_sentences:
 * @self: a #VigieCityFigures
 *
 * Returns: (transfer full) (element-type VigieFigureSentence): the
 *   figures of the feeds shown now, as sentences
 */
GPtrArray *
vigie_city_figures_dup_sentences (VigieCityFigures *self)
{
  VigieFigures by_kind[VIGIE_N_FEED_KINDS] = { 0, };
  char *brands[VIGIE_N_FEED_KINDS] = { NULL, };
  GPtrArray *sentences;

  g_return_val_if_fail (VIGIE_IS_CITY_FIGURES (self), NULL);

  sum_by_kind (self, by_kind, brands);
  sentences = vigie_figures_describe (by_kind, (const char * const *) brands);
  for (guint i = 0; i < VIGIE_N_FEED_KINDS; i++)
    g_free (brands[i]);

  return sentences;
}

/**
 * vigie_city_figures_get_data_time:
 * @self: a #VigieCityFigures
 *
 * Returns: when the oldest of the figures was true, Unix seconds, or 0
 *   before any
 */
gint64
vigie_city_figures_get_data_time (VigieCityFigures *self)
{
  VigieFigures by_kind[VIGIE_N_FEED_KINDS] = { 0, };
  char *brands[VIGIE_N_FEED_KINDS] = { NULL, };
  gint64 time;

  g_return_val_if_fail (VIGIE_IS_CITY_FIGURES (self), 0);

  time = sum_by_kind (self, by_kind, brands);
  for (guint i = 0; i < VIGIE_N_FEED_KINDS; i++)
    g_free (brands[i]);

  return time;
}

/**
 * vigie_city_figures_get_n_feeds:
 * @self: a #VigieCityFigures
 *
 * Returns: how many feeds have given figures
 */
guint
vigie_city_figures_get_n_feeds (VigieCityFigures *self)
{
  g_return_val_if_fail (VIGIE_IS_CITY_FIGURES (self), 0);

  return g_hash_table_size (self->by_feed);
}

/**
 * vigie_city_figures_get_today:
 * @self: a #VigieCityFigures
 *
 * Returns: (transfer none): today's figures since the app started, for
 *   the charts
 */
VigieDaySeries *
vigie_city_figures_get_today (VigieCityFigures *self)
{
  g_return_val_if_fail (VIGIE_IS_CITY_FIGURES (self), NULL);

  return self->today;
}

/**
 * vigie_city_figures_get_by_kind:
 * @self: a #VigieCityFigures
 * @by_kind: (out caller-allocates) (array fixed-size=6): the totals of
 *   the feeds shown now, by #VigieFeedKind
 */
void
vigie_city_figures_get_by_kind (VigieCityFigures *self,
                                VigieFigures     *by_kind)
{
  char *brands[VIGIE_N_FEED_KINDS] = { NULL, };

  g_return_if_fail (VIGIE_IS_CITY_FIGURES (self));
  g_return_if_fail (by_kind != NULL);

  memset (by_kind, 0, VIGIE_N_FEED_KINDS * sizeof *by_kind);
  sum_by_kind (self, by_kind, brands);
  for (guint i = 0; i < VIGIE_N_FEED_KINDS; i++)
    g_free (brands[i]);
}

/**
 * vigie_city_figures_set_centre:
 * @self: a #VigieCityFigures
 * @centre: (nullable): the city centre the profile names
 *
 * Counts the car parks and zones in @centre apart, from each feed's next
 * update on.
 */
void
vigie_city_figures_set_centre (VigieCityFigures *self,
                               VigieCentre      *centre)
{
  VigieCentre *old;

  g_return_if_fail (VIGIE_IS_CITY_FIGURES (self));

  if (self->tap_data == NULL)
    return;
  g_mutex_lock (&self->tap_data->lock);
  old = self->tap_data->centre;
  self->tap_data->centre = centre != NULL ? vigie_centre_ref (centre) : NULL;
  g_mutex_unlock (&self->tap_data->lock);
  g_clear_pointer (&old, vigie_centre_unref);
}
