/* vigie-alert-states.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-alert-states"

#include "config.h"

#include <string.h>

#include "vigie-alert-states.h"
#include "vigie-hash.h"

/* What the alert engine remembers of a feed: one set of states a rule,
 * keyed by the thing's key. An update of 50,000 things asks about each of
 * them for each of its rules, and that must cost a few milliseconds:
 *
 * - most things have no state for a rule: a small filter of the hashes of
 *   the (rule, key) pairs that have one answers "none" without probing a
 *   table; it only ever says "maybe" wrongly, and is made again from the
 *   live states once enough were added since;
 * - a rule may hold a state for every thing (where each tram stood): a
 *   hash table's probes jump around 50,000 entries, a few cache misses
 *   each. Snapshots keep their things in the same order from one update
 *   to the next, so each state is first looked for where its thing was
 *   last time (a hint a place), in order; the table only when that
 *   fails. States live in blocks of 128 bytes carved from larger chunks,
 *   so that telling whether a hint is right (the key's hash and the key)
 *   reads one cache line, and those of one update lie in order. */

#define MIN_FILTER_BITS (1u << 14)
/* Bits a state: about one false "maybe" in 200 at that load. */
#define BITS_PER_STATE 16
/* A state's room for its key: a longer key is an allocation of its own. */
#define KEY_ROOM 40
#define BLOCK_SIZE 128
/* Blocks a chunk; a chunk is freed with the feed's states (a state made
 * and dropped every minute is a block reused, never malloc() and free()). */
#define CHUNK_BLOCKS 256
/* A rule with fewer states is found fast enough by its table. */
#define MIN_HINTED 256

typedef struct _Block Block;

struct _VigieAlertStates
{
  GHashTable       *sets[VIGIE_N_ALERT_RULES];    /* VigieAlertState, its own key */
  VigieAlertState **hints[VIGIE_N_ALERT_RULES];   /* by position, or NULL */
  guint             n_hints[VIGIE_N_ALERT_RULES];
  guint64          *filter;
  guint             filter_shift;                 /* 32 - log2 (bits) */
  guint             n_added;                      /* since the filter was made */
  Block            *spare;                        /* free blocks */
  GPtrArray        *chunks;
  guint             n_states[VIGIE_N_ALERT_RULES];
  guint32           with_states;                  /* a bit a rule with n_states > 0 */
  guint             generation;                   /* the update's */
  guint             n_kept[VIGIE_N_ALERT_RULES];  /* states of that generation */
};

/* A state and its key: the key, its hash and the pointer to it in the
 * first 64 bytes. */
struct _Block
{
  char                key[KEY_ROOM];
  VigieAlertState     state;
  VigieAlertStates   *owner;
  VigieAlertRuleKind  rule;
  Block              *next_spare;
};

G_STATIC_ASSERT (sizeof (Block) <= BLOCK_SIZE);
G_STATIC_ASSERT (VIGIE_N_ALERT_RULES <= 32);   /* with_states */
G_STATIC_ASSERT (G_STRUCT_OFFSET (Block, state.raised) < 64);

static Block *
block_of (VigieAlertState *state)
{
  return (Block *) (gpointer) ((char *) state - G_STRUCT_OFFSET (Block, state));
}

static Block *
take_block (VigieAlertStates *self)
{
  Block *block;

  if (self->spare == NULL)
    {
      char *chunk = g_aligned_alloc (CHUNK_BLOCKS, BLOCK_SIZE, BLOCK_SIZE);

      g_ptr_array_add (self->chunks, chunk);
      /* Handed out in address order. */
      for (guint i = CHUNK_BLOCKS; i-- > 0;)
        {
          block = (Block *) (gpointer) (chunk + i * BLOCK_SIZE);
          block->next_spare = self->spare;
          self->spare = block;
        }
    }

  block = self->spare;
  self->spare = block->next_spare;

  return block;
}

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

/* The filter's bit of a rule and a key's hash: its top bits once mixed
 * (a hash's low bits alone may be poor). */
static inline guint
filter_bit (VigieAlertStates   *self,
            VigieAlertRuleKind  rule,
            guint               hash)
{
  return (guint) (((hash + rule * 0x9e3779b9u) * 2654435761u) >> self->filter_shift);
}

static inline void
filter_set (VigieAlertStates   *self,
            VigieAlertRuleKind  rule,
            guint               hash)
{
  guint bit = filter_bit (self, rule, hash);

  self->filter[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
}

static inline gboolean
filter_maybe (VigieAlertStates   *self,
              VigieAlertRuleKind  rule,
              guint               hash)
{
  guint bit = filter_bit (self, rule, hash);

  return (self->filter[bit / 64] >> (bit % 64)) & 1;
}

static guint
count_states (VigieAlertStates *self)
{
  guint n_states = 0;

  for (guint r = 0; r < VIGIE_N_ALERT_RULES; r++)
    n_states += g_hash_table_size (self->sets[r]);

  return n_states;
}

static void
make_filter (VigieAlertStates *self)
{
  guint n_states = count_states (self);
  guint bits = MIN_FILTER_BITS;
  guint log2 = 14;

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
        filter_set (self, r, state->hash);
    }
}

/* @state's thing is at @position now: the hint there is @state, and no
 * other hint names it. */
static void
set_hint (VigieAlertStates   *self,
          VigieAlertRuleKind  rule,
          VigieAlertState    *state,
          guint               position)
{
  if (state->position != position)
    {
      if (state->position < self->n_hints[rule] && self->hints[rule][state->position] == state)
        self->hints[rule][state->position] = NULL;
      state->position = position;
    }

  if (self->hints[rule] == NULL || position == VIGIE_ALERT_NO_POSITION)
    return;
  if (position >= self->n_hints[rule])
    {
      guint n = MAX (position + 1, self->n_hints[rule] * 2);

      self->hints[rule] = g_renew (VigieAlertState *, self->hints[rule], n);
      memset (self->hints[rule] + self->n_hints[rule], 0, (n - self->n_hints[rule]) * sizeof (VigieAlertState *));
      self->n_hints[rule] = n;
    }
  self->hints[rule][position] = state;
}

/* A set's destroy function: no hint names the state any more, and its
 * block is kept for the next one. */
static void
drop_state (gpointer data)
{
  VigieAlertState *state = data;
  Block *block = block_of (state);
  VigieAlertStates *self = block->owner;

  if (state->position < self->n_hints[block->rule] && self->hints[block->rule][state->position] == state)
    self->hints[block->rule][state->position] = NULL;
  if (--self->n_states[block->rule] == 0)
    self->with_states &= ~(1u << block->rule);
  if (state->generation == self->generation)
    self->n_kept[block->rule]--;

  if (state->entity_key != block->key)
    g_free ((char *) state->entity_key);
  block->next_spare = self->spare;
  self->spare = block;
}

VigieAlertStates *
vigie_alert_states_new (void)
{
  VigieAlertStates *self = g_new0 (VigieAlertStates, 1);

  for (guint r = 0; r < VIGIE_N_ALERT_RULES; r++)
    self->sets[r] = g_hash_table_new_full (state_hash, state_equal, drop_state, NULL);
  self->chunks = g_ptr_array_new_with_free_func (g_aligned_free);
  make_filter (self);

  return self;
}

void
vigie_alert_states_free (VigieAlertStates *self)
{
  if (self == NULL)
    return;

  for (guint r = 0; r < VIGIE_N_ALERT_RULES; r++)
    {
      g_hash_table_unref (self->sets[r]);
      g_free (self->hints[r]);
    }
  g_ptr_array_unref (self->chunks);
  g_free (self->filter);
  g_free (self);
}

/* Hashes @str once, for every rule's lookup of the same thing. */
void
vigie_alert_key_init (VigieAlertKey *key,
                      const char    *str,
                      guint          position)
{
  key->str = str;
  key->hash = vigie_str_hash (str);
  key->position = position;
}

VigieAlertState *
vigie_alert_states_lookup (VigieAlertStates    *self,
                           VigieAlertRuleKind   rule,
                           const VigieAlertKey *key)
{
  VigieAlertState probe;
  VigieAlertState *state;

  if (self->n_states[rule] == 0)
    return NULL;

  if (key->position < self->n_hints[rule])
    {
      state = self->hints[rule][key->position];
      if (state != NULL && state->hash == key->hash && strcmp (state->entity_key, key->str) == 0)
        return state;
    }

  if (!filter_maybe (self, rule, key->hash))
    return NULL;

  probe.entity_key = key->str;
  probe.hash = key->hash;
  state = g_hash_table_lookup (self->sets[rule], &probe);
  if (state != NULL)
    set_hint (self, rule, state, key->position);

  return state;
}

/* Asks for what the lookups of the thing at @position, whose key hashes
 * to @hash, will read, a few things ahead of the one read: the states
 * hinted there (most of a tram feed's are), and the filter's bits of the
 * rules that hold states (a thing with none is answered there; the
 * filter is too large to stay in the cache while 50,000 things are
 * read). */
void
vigie_alert_states_prefetch (VigieAlertStates *self,
                             guint             position,
                             guint             hash)
{
  for (guint32 rules = self->with_states; rules != 0; rules &= rules - 1)
    {
      guint r = __builtin_ctz (rules);

      if (position < self->n_hints[r] && self->hints[r][position] != NULL)
        {
          Block *block = block_of (self->hints[r][position]);

          __builtin_prefetch (block);
          __builtin_prefetch ((char *) block + 64);
        }
      else
        __builtin_prefetch (&self->filter[filter_bit (self, r, hash) / 64]);
    }
}

/* A new state for @key, replacing any of that rule; one allocation with
 * its key. */
VigieAlertState *
vigie_alert_states_add (VigieAlertStates    *self,
                        VigieAlertRuleKind   rule,
                        const VigieAlertKey *key)
{
  gsize length = strlen (key->str) + 1;
  Block *block = take_block (self);
  VigieAlertState *state;

  memset (block, 0, sizeof (Block));
  block->owner = self;
  block->rule = rule;
  state = &block->state;
  if (length <= KEY_ROOM)
    state->entity_key = memcpy (block->key, key->str, length);
  else
    state->entity_key = g_memdup2 (key->str, length);
  state->hash = key->hash;
  state->generation = self->generation - 1;   /* not kept yet */
  state->position = VIGIE_ALERT_NO_POSITION;
  g_hash_table_add (self->sets[rule], state);
  self->n_states[rule]++;
  self->with_states |= 1u << rule;

  filter_set (self, rule, key->hash);
  self->n_added++;
  if (self->hints[rule] == NULL && g_hash_table_size (self->sets[rule]) >= MIN_HINTED)
    {
      self->n_hints[rule] = 1024;
      self->hints[rule] = g_new0 (VigieAlertState *, self->n_hints[rule]);
    }
  set_hint (self, rule, state, key->position);

  return state;
}

void
vigie_alert_states_remove (VigieAlertStates   *self,
                           VigieAlertRuleKind  rule,
                           VigieAlertState    *state)
{
  g_hash_table_remove (self->sets[rule], state);
}

/* Whether @rule holds a state: with none, a lookup answers NULL. */
gboolean
vigie_alert_states_any (VigieAlertStates   *self,
                        VigieAlertRuleKind  rule)
{
  return self->n_states[rule] > 0;
}

/* A new update: no state is of it yet. Returns its generation. */
guint
vigie_alert_states_begin (VigieAlertStates *self)
{
  self->generation++;
  memset (self->n_kept, 0, sizeof self->n_kept);

  return self->generation;
}

/* @state's thing was seen in this update (its generation is the
 * update's); counted, so that a sweep knows when every state of a rule
 * was seen without visiting them. */
void
vigie_alert_states_keep (VigieAlertStates *self,
                         VigieAlertState  *state)
{
  if (state->generation != self->generation)
    {
      state->generation = self->generation;
      self->n_kept[block_of (state)->rule]++;
    }
}

/* Whether every state of @rule was kept in this update: nothing to sweep. */
gboolean
vigie_alert_states_all_kept (VigieAlertStates   *self,
                             VigieAlertRuleKind  rule)
{
  return self->n_kept[rule] == self->n_states[rule];
}

/* For a sweep over a rule's states (g_hash_table_iter_remove() drops
 * them as vigie_alert_states_remove() does). */
GHashTable *
vigie_alert_states_get_set (VigieAlertStates   *self,
                            VigieAlertRuleKind  rule)
{
  return self->sets[rule];
}

/* After an update: the filter made again once its "maybe"s are mostly of
 * states gone, or it is too full. */
void
vigie_alert_states_tidy (VigieAlertStates *self)
{
  guint n_states = count_states (self);

  if (self->n_added > MAX (n_states, 1024u) ||
      n_states * BITS_PER_STATE > (1u << (32 - self->filter_shift)) * 2)
    make_filter (self);
}
