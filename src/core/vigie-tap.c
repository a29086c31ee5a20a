/* vigie-tap.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-tap"

#include "config.h"

#include "vigie-tap.h"

/* Taps are the work that follows every update of every feed: history
 * samples, alert rules, the city's figures. Each reads the new snapshot
 * against the one shown before in the feed's worker, where work
 * proportional to the feed's size belongs, and hands the main thread
 * only its result. A job takes references to the taps registered when it
 * starts, so a tap removed meanwhile lives until the job ends but is no
 * longer applied. */

struct _VigieTap
{
  guint             id;
  gboolean          removed;     /* main thread only */
  VigieTapWorkFunc  work;
  VigieTapApplyFunc apply;
  GDestroyNotify    free_result;
  gpointer          user_data;
  GDestroyNotify    destroy;
};

static GPtrArray *taps;   /* main thread only */
static guint last_id;

static void
tap_clear (VigieTap *tap)
{
  if (tap->destroy != NULL)
    tap->destroy (tap->user_data);
}

VigieTap *
vigie_tap_ref (VigieTap *tap)
{
  return g_atomic_rc_box_acquire (tap);
}

/* The last reference may go in a worker, with the job that held it:
 * @destroy must not need the main thread. */
void
vigie_tap_unref (VigieTap *tap)
{
  g_atomic_rc_box_release_full (tap, (GDestroyNotify) tap_clear);
}

/**
 * vigie_tap_add:
 * @work: what runs in the worker with every update
 * @apply: (nullable): what runs on the main thread with @work's result
 * @free_result: (nullable): frees a result that is not applied
 * @user_data: given to @work and @apply, from any thread
 * @destroy: (nullable): frees @user_data, from any thread, once no job
 *   holds the tap
 *
 * Adds a tap to every feed's updates, from the next update on. Main
 * thread only.
 *
 * Returns: its id, for vigie_tap_remove()
 */
guint
vigie_tap_add (VigieTapWorkFunc  work,
               VigieTapApplyFunc apply,
               GDestroyNotify    free_result,
               gpointer          user_data,
               GDestroyNotify    destroy)
{
  VigieTap *tap;

  g_return_val_if_fail (work != NULL, 0);

  if (taps == NULL)
    taps = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_tap_unref);

  tap = g_atomic_rc_box_new0 (VigieTap);
  tap->id = ++last_id;
  tap->work = work;
  tap->apply = apply;
  tap->free_result = free_result;
  tap->user_data = user_data;
  tap->destroy = destroy;
  g_ptr_array_add (taps, tap);

  return tap->id;
}

/**
 * vigie_tap_remove:
 * @id: a tap's id
 *
 * Stops the tap: no result of it is applied any more. Main thread only.
 */
void
vigie_tap_remove (guint id)
{
  for (guint i = 0; taps != NULL && i < taps->len; i++)
    {
      VigieTap *tap = g_ptr_array_index (taps, i);

      if (tap->id == id)
        {
          tap->removed = TRUE;
          g_ptr_array_remove_index (taps, i);
          return;
        }
    }
}

/**
 * vigie_tap_list:
 *
 * Main thread only.
 *
 * Returns: (transfer full) (element-type VigieTap): references to the taps
 *   registered now
 */
GPtrArray *
vigie_tap_list (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_tap_unref);

  for (guint i = 0; taps != NULL && i < taps->len; i++)
    g_ptr_array_add (list, vigie_tap_ref (g_ptr_array_index (taps, i)));

  return list;
}

gpointer
vigie_tap_work (VigieTap            *tap,
                const VigieTapInput *input)
{
  return tap->work (input, tap->user_data);
}

/* Main thread: hands @result over, or frees it when the tap was removed
 * meanwhile. */
void
vigie_tap_apply (VigieTap   *tap,
                 const char *feed_id,
                 gpointer    result)
{
  if (tap->removed || tap->apply == NULL)
    vigie_tap_free_result (tap, result);
  else
    tap->apply (feed_id, result, tap->user_data);
}

void
vigie_tap_free_result (VigieTap *tap,
                       gpointer  result)
{
  if (result != NULL && tap->free_result != NULL)
    tap->free_result (result);
}
