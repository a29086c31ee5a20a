/* vigie-departure-interest.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-departure-interest"

#include "config.h"

#include "vigie-departure-interest.h"
#include "vigie-hash.h"

/* feed id → (stop id → how many look at it). A handful of stops at a
 * time: a copy for the worker costs nothing. */
static GMutex lock;
static GHashTable *feeds;

static GHashTable *
counts_new (void)
{
  return g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, NULL);
}

/**
 * vigie_departure_interest_add:
 * @feed_id: a feed
 * @stop_id: one of its stops or stations, whose board is to be full
 *
 * Each call is matched by a vigie_departure_interest_remove().
 */
void
vigie_departure_interest_add (const char *feed_id,
                              const char *stop_id)
{
  GHashTable *counts;

  g_return_if_fail (feed_id != NULL);
  g_return_if_fail (stop_id != NULL);

  g_mutex_lock (&lock);
  if (feeds == NULL)
    feeds = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  counts = g_hash_table_lookup (feeds, feed_id);
  if (counts == NULL)
    {
      counts = counts_new ();
      g_hash_table_insert (feeds, g_strdup (feed_id), counts);
    }
  g_hash_table_insert (counts, g_strdup (stop_id),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, stop_id)) + 1));
  g_mutex_unlock (&lock);
}

void
vigie_departure_interest_remove (const char *feed_id,
                                 const char *stop_id)
{
  GHashTable *counts;
  guint n;

  g_return_if_fail (feed_id != NULL);
  g_return_if_fail (stop_id != NULL);

  g_mutex_lock (&lock);
  counts = feeds != NULL ? g_hash_table_lookup (feeds, feed_id) : NULL;
  n = counts != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (counts, stop_id)) : 0;
  if (n > 1)
    g_hash_table_insert (counts, g_strdup (stop_id), GUINT_TO_POINTER (n - 1));
  else if (n == 1)
    g_hash_table_remove (counts, stop_id);
  if (counts != NULL && g_hash_table_size (counts) == 0)
    g_hash_table_remove (feeds, feed_id);
  g_mutex_unlock (&lock);
}

/**
 * vigie_departure_interest_dup:
 * @feed_id: a feed
 *
 * Returns: (transfer full) (nullable): the stops of @feed_id someone looks
 *   at, as a set, or %NULL for none
 */
GHashTable *
vigie_departure_interest_dup (const char *feed_id)
{
  GHashTable *set = NULL;
  GHashTable *counts;

  g_return_val_if_fail (feed_id != NULL, NULL);

  g_mutex_lock (&lock);
  counts = feeds != NULL ? g_hash_table_lookup (feeds, feed_id) : NULL;
  if (counts != NULL)
    {
      GHashTableIter iter;
      const char *stop_id;

      set = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, (gpointer *) &stop_id, NULL))
        g_hash_table_add (set, g_strdup (stop_id));
    }
  g_mutex_unlock (&lock);

  return set;
}
