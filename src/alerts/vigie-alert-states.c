/* vigie-alert-states.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-alert-states"

#include "config.h"

#include <string.h>

#include "vigie-alert-states.h"

/* What the alert engine remembers of a feed: one set of states a rule,
 * keyed by the thing's key. An update of 50,000 things asks about each of
 * them, and most have no state at all: a small filter of the keys' hashes
 * that may have one (any rule) answers "none" without hashing twice or
 * probing a table. It only ever says "maybe" wrongly, and is made again
 * from the live states once enough were added since. */

#define MIN_FILTER_BITS (1u << 14)
/* Bits a state: about one false "maybe" in 200 at that load. */
#define BITS_PER_STATE 16

struct _VigieAlertStates
{
  GHashTable *sets[VIGIE_N_ALERT_RULES];   /* VigieAlertState, its own key */
  guint64    *filter;
  guint       filter_shift;                /* 32 - log2 (bits) */
  guint       n_added;                     /* since the filter was made */
};

static guint
state_hash (gconstpointer key)
{
  return ((const VigieAlertState *) key)->hash;
}

static gboolean
state_equal (gconstpointer a,
             gconstpointer b)
{
  const VigieAlertState *sa = a, *sb = b;

  return sa->hash == sb->hash && strcmp (sa->entity_key, sb->entity_key) == 0;
}

/* The filter's bit of a hash: its top bits once mixed (g_str_hash()'s low
 * bits alone are poor). */
static inline guint
filter_bit (VigieAlertStates *self,
            guint             hash)
{
  return (guint) ((hash * 2654435761u) >> self->filter_shift);
}

static inline void
filter_set (VigieAlertStates *self,
            guint             hash)
{
  guint bit = filter_bit (self, hash);

  self->filter[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
}

static void
make_filter (VigieAlertStates *self)
{
  guint n_states = 0;
  guint bits = MIN_FILTER_BITS;
  guint log2 = 14;

  for (guint r = 0; r < VIGIE_N_ALERT_RULES; r++)
    n_states += g_hash_table_size (self->sets[r]);
  while (bits < n_states * BITS_PER_STATE && log2 < 30)
    {
      bits *= 2;
      log2++;
    }

  g_free (self->filter);
  self->filter = g_new0 (guint64, bits / 64);
  self->filter_shift = 32 - log2;
  self->n_added = 0;

  for (guint r = 0; r < VIGIE_N_ALERT_RULES; r++)
    {
      GHashTableIter iter;
      VigieAlertState *state;

      g_hash_table_iter_init (&iter, self->sets[r]);
      while (g_hash_table_iter_next (&iter, (gpointer *) &state, NULL))
        filter_set (self, state->hash);
    }
}

VigieAlertStates *
vigie_alert_states_new (void)
{
  VigieAlertStates *self = g_new0 (VigieAlertStates, 1);

  for (guint r = 0; r < VIGIE_N_ALERT_RULES; r++)
    self->sets[r] = g_hash_table_new_full (state_hash, state_equal, g_free, NULL);
  make_filter (self);

  return self;
}

void
vigie_alert_states_free (VigieAlertStates *self)
{
  if (self == NULL)
    return;

  for (guint r = 0; r < VIGIE_N_ALERT_RULES; r++)
    g_hash_table_unref (self->sets[r]);
  g_free (self->filter);
  g_free (self);
}

/* Hashes @str once, for every rule's lookup of the same thing. */
void
vigie_alert_states_key (VigieAlertStates *self,
                        VigieAlertKey    *key,
                        const char       *str)
{
  guint bit;

  key->str = str;
  key->hash = g_str_hash (str);
  bit = filter_bit (self, key->hash);
  key->maybe = (self->filter[bit / 64] >> (bit % 64)) & 1;
}

VigieAlertState *
vigie_alert_states_lookup (VigieAlertStates    *self,
                           VigieAlertRuleKind   rule,
                           const VigieAlertKey *key)
{
  VigieAlertState probe;

  if (!key->maybe)
    return NULL;

  probe.entity_key = key->str;
  probe.hash = key->hash;

  return g_hash_table_lookup (self->sets[rule], &probe);
}

/* A new state for @key, replacing any of that rule; one allocation with
 * its key. */
VigieAlertState *
vigie_alert_states_add (VigieAlertStates   *self,
                        VigieAlertRuleKind  rule,
                        VigieAlertKey      *key)
{
  gsize length = strlen (key->str) + 1;
  VigieAlertState *state = g_malloc0 (sizeof (VigieAlertState) + length);

  memcpy (state + 1, key->str, length);
  state->entity_key = (const char *) (state + 1);
  state->hash = key->hash;
  g_hash_table_add (self->sets[rule], state);

  filter_set (self, key->hash);
  key->maybe = TRUE;
  self->n_added++;

  return state;
}

void
vigie_alert_states_remove (VigieAlertStates   *self,
                           VigieAlertRuleKind  rule,
                           VigieAlertState    *state)
{
  g_hash_table_remove (self->sets[rule], state);
}

/* For a sweep over a rule's states (g_hash_table_iter_remove() frees). */
GHashTable *
vigie_alert_states_get_set (VigieAlertStates   *self,
                            VigieAlertRuleKind  rule)
{
  return self->sets[rule];
}

/* After an update: the filter made again once its "maybe"s are mostly of
 * states gone. */
void
vigie_alert_states_tidy (VigieAlertStates *self)
{
  guint n_states = 0;

  for (guint r = 0; r < VIGIE_N_ALERT_RULES; r++)
    n_states += g_hash_table_size (self->sets[r]);

  if (self->n_added > MAX (n_states, 1024u) ||
      n_states * BITS_PER_STATE > (1u << (32 - self->filter_shift)) * 2)
    make_filter (self);
}
