/* vigie-snapshot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-snapshot"

#include "config.h"

#include <string.h>

#include "vigie-entity-private.h"
#include "vigie-snapshot.h"
#include "vigie-hash.h"
#include "vigie-key-table.h"

/* What a parser makes of one document: the entities, the records it had
 * to skip and why, and what the feed says about itself (its timestamp, its
 * ttl, the documents it links to). A parser builds it in a worker thread
 * and hands it over whole; from then on nobody changes it, so the main
 * thread can apply it to a store in one step. */

struct _VigieSnapshot
{
  gatomicrefcount  ref_count;

  GPtrArray       *entities;
  GPtrArray       *removed_ids;
  GPtrArray       *warnings;
  guint            n_warnings;
  guint            n_records;
  gint64           observed_at;
  gint64           ttl_s;
  guint            max_entities;
  guint            n_over_limit;  /* entities refused past max_entities */
  GHashTable      *links;
  gpointer         payload;
  GDestroyNotify   payload_destroy;
  GHashTable      *index;        /* key → entity, once prepared */
  guint64          serial;       /* once prepared: unique */
  guint64          base_serial;  /* the snapshot it was prepared against, or 0 */
  GArray          *changes;      /* VigieSnapshotChange, from that one to this */
  guint            n_of_kind[VIGIE_ENTITY_LINE + 1];
  VigieEntityColumns *columns;   /* made by prepare; else at the first ask */
  guint            incremental : 1;
};

G_DEFINE_BOXED_TYPE (VigieSnapshot, vigie_snapshot, vigie_snapshot_ref, vigie_snapshot_unref)

/*
 * Auxiliary methods
 */

static void
append_warning (VigieSnapshot *self,
                char          *warning)
{
  self->n_warnings++;

  /* A feed with a million bad records must not take a million strings. */
  if (self->warnings->len - 1 < VIGIE_SNAPSHOT_MAX_WARNINGS)
    g_ptr_array_insert (self->warnings, self->warnings->len - 1, warning);
  else
    g_free (warning);
}

/*
 * Public API
 */

VigieSnapshot *
vigie_snapshot_new (void)
{
  VigieSnapshot *self = g_new0 (VigieSnapshot, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->entities = g_ptr_array_new_with_free_func (g_object_unref);
  self->removed_ids = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->removed_ids, NULL);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->warnings, NULL);
  self->ttl_s = -1;
  self->max_entities = VIGIE_SNAPSHOT_DEFAULT_MAX_ENTITIES;
  self->links = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, g_free);

  return self;
}

VigieSnapshot *
vigie_snapshot_ref (VigieSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
vigie_snapshot_unref (VigieSnapshot *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  if (self->payload_destroy != NULL)
    self->payload_destroy (self->payload);
  g_clear_pointer (&self->entities, g_ptr_array_unref);
  g_clear_pointer (&self->removed_ids, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_hash_table_unref);
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->changes, g_array_unref);
  g_clear_pointer (&self->columns, vigie_entity_columns_free);
  g_free (self);
}

/**
 * vigie_snapshot_add_entity:
 * @self: a #VigieSnapshot
 * @entity: (transfer full): an entity
 */
void
vigie_snapshot_add_entity (VigieSnapshot *self,
                           VigieEntity   *entity)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (VIGIE_IS_ENTITY (entity));

  /* A hostile or broken feed of 390,000 stations must not take a
   * gigabyte: past the limit entities are counted, not kept, and the
   * feed engine refuses the document. */
  if (G_UNLIKELY (self->entities->len >= self->max_entities))
    {
      self->n_over_limit++;
      g_object_unref (entity);
      return;
    }

  g_ptr_array_add (self->entities, entity);
  /* Columns asked for too early would not say it. */
  g_clear_pointer (&self->columns, vigie_entity_columns_free);
}

/**
 * vigie_snapshot_set_max_entities:
 * @self: a #VigieSnapshot
 * @max_entities: the most entities kept; 0 for the default
 */
void
vigie_snapshot_set_max_entities (VigieSnapshot *self,
                                 guint          max_entities)
{
  g_return_if_fail (self != NULL);

  self->max_entities = max_entities > 0 ? max_entities : VIGIE_SNAPSHOT_DEFAULT_MAX_ENTITIES;
}

guint
vigie_snapshot_get_max_entities (VigieSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->max_entities;
}

/**
 * vigie_snapshot_get_n_over_limit:
 *
 * Returns: how many entities were refused past the snapshot's limit
 */
guint
vigie_snapshot_get_n_over_limit (VigieSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_over_limit;
}

/**
 * vigie_snapshot_add_removed:
 * @self: a #VigieSnapshot
 * @kind: the kind of the entity that an incremental feed deleted
 * @id: its id
 */
void
vigie_snapshot_add_removed (VigieSnapshot   *self,
                            VigieEntityKind  kind,
                            const char      *id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (id != NULL);

  g_ptr_array_insert (self->removed_ids, self->removed_ids->len - 1, vigie_entity_make_key (kind, id));
}

/**
 * vigie_snapshot_add_warning:
 * @self: a #VigieSnapshot
 * @format: a printf() format, translated, describing a skipped or
 *   corrected record
 *
 * Records a warning. Only the first %VIGIE_SNAPSHOT_MAX_WARNINGS are kept
 * word for word; all are counted.
 */
void
vigie_snapshot_add_warning (VigieSnapshot *self,
                            const char    *format,
                            ...)
{
  va_list args;

  g_return_if_fail (self != NULL);
  g_return_if_fail (format != NULL);

  va_start (args, format);
  append_warning (self, g_strdup_vprintf (format, args));
  va_end (args);
}

/**
 * vigie_snapshot_take_warnings:
 * @self: a #VigieSnapshot
 * @from: another snapshot, whose warnings are copied into @self
 *
 * Used when a snapshot is combined from the documents of several roles.
 */
void
vigie_snapshot_take_warnings (VigieSnapshot *self,
                              VigieSnapshot *from)
{
  guint kept = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (from != NULL);

  for (guint i = 0; i + 1 < from->warnings->len; i++, kept++)
    append_warning (self, g_strdup (g_ptr_array_index (from->warnings, i)));

  /* The ones that were only counted stay counted. */
  self->n_warnings += from->n_warnings - kept;
}

void
vigie_snapshot_set_incremental (VigieSnapshot *self,
                                gboolean       incremental)
{
  g_return_if_fail (self != NULL);

  self->incremental = !!incremental;
}

void
vigie_snapshot_set_observed_at (VigieSnapshot *self,
                                gint64         observed_at)
{
  g_return_if_fail (self != NULL);

  self->observed_at = MAX (observed_at, 0);
}

/**
 * vigie_snapshot_set_ttl:
 * @self: a #VigieSnapshot
 * @ttl_s: how long the feed says its data stays valid, or -1
 */
void
vigie_snapshot_set_ttl (VigieSnapshot *self,
                        gint64         ttl_s)
{
  g_return_if_fail (self != NULL);

  self->ttl_s = ttl_s < 0 ? -1 : ttl_s;
}

/**
 * vigie_snapshot_add_records:
 * @self: a #VigieSnapshot
 * @n_records: how many records the parser read, skipped ones included
 */
void
vigie_snapshot_add_records (VigieSnapshot *self,
                            guint          n_records)
{
  g_return_if_fail (self != NULL);

  self->n_records += n_records;
}

/**
 * vigie_snapshot_add_link:
 * @self: a #VigieSnapshot
 * @role: what the linked document is, such as "station_status"
 * @url: its absolute address
 *
 * Records a document that this one points to, for discovery formats such
 * as GBFS's gbfs.json.
 */
void
vigie_snapshot_add_link (VigieSnapshot *self,
                         const char    *role,
                         const char    *url)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (role != NULL);
  g_return_if_fail (url != NULL);

  g_hash_table_replace (self->links, g_strdup (role), g_strdup (url));
}

/**
 * vigie_snapshot_set_payload:
 * @self: a #VigieSnapshot
 * @payload: (nullable): data of the format's own, immutable, that a later
 *   combination step needs (a timetable index, say)
 * @destroy: (nullable): frees @payload
 */
void
vigie_snapshot_set_payload (VigieSnapshot  *self,
                            gpointer        payload,
                            GDestroyNotify  destroy)
{
  g_return_if_fail (self != NULL);

  if (self->payload_destroy != NULL)
    self->payload_destroy (self->payload);

  self->payload = payload;
  self->payload_destroy = destroy;
}

guint
vigie_snapshot_get_n_entities (VigieSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entities->len;
}

/**
 * vigie_snapshot_get_entity:
 * @self: a #VigieSnapshot
 * @position: an index below vigie_snapshot_get_n_entities()
 *
 * Returns: (transfer none): the entity
 */
VigieEntity *
vigie_snapshot_get_entity (VigieSnapshot *self,
                           guint          position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->entities->len, NULL);

  return g_ptr_array_index (self->entities, position);
}

/**
 * vigie_snapshot_get_entities:
 * @self: a #VigieSnapshot
 *
 * Returns: (transfer none) (element-type VigieEntity): the entities
 */
GPtrArray *
vigie_snapshot_get_entities (VigieSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->entities;
}

/**
 * vigie_snapshot_get_removed_keys:
 * @self: a #VigieSnapshot
 *
 * Returns: (transfer none): the keys (see vigie_entity_make_key()) of the
 *   entities an incremental feed deleted, %NULL terminated
 */
const char * const *
vigie_snapshot_get_removed_keys (VigieSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->removed_ids->pdata;
}

gboolean
vigie_snapshot_get_incremental (VigieSnapshot *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->incremental;
}

/**
 * vigie_snapshot_get_n_warnings:
 * @self: a #VigieSnapshot
 *
 * Returns: how many warnings there were, including those not kept
 */
guint
vigie_snapshot_get_n_warnings (VigieSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_warnings;
}

/**
 * vigie_snapshot_get_warnings:
 * @self: a #VigieSnapshot
 *
 * Returns: (transfer none): the warnings kept, %NULL terminated
 */
const char * const *
vigie_snapshot_get_warnings (VigieSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->warnings->pdata;
}

gint64
vigie_snapshot_get_observed_at (VigieSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->observed_at;
}

gint64
vigie_snapshot_get_ttl (VigieSnapshot *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->ttl_s;
}

guint
vigie_snapshot_get_n_records (VigieSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_records;
}

/**
 * vigie_snapshot_get_links:
 * @self: a #VigieSnapshot
 *
 * Returns: (transfer none) (element-type utf8 utf8): role → address
 */
GHashTable *
vigie_snapshot_get_links (VigieSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->links;
}

gpointer
vigie_snapshot_get_payload (VigieSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->payload;
}

/* An entity the store may keep showing, given that its values are the
 * same: nothing a reader sees changed. */
static gboolean
same_entity (VigieEntity *before,
             VigieEntity *entity)
{
  return vigie_entity_get_observed_at (before) == vigie_entity_get_observed_at (entity) &&
         g_strcmp0 (vigie_entity_get_name (before), vigie_entity_get_name (entity)) == 0;
}

static void
close_run (GArray              *changes,
           VigieSnapshotChange *run)
{
  if (run->removed > 0 || run->added > 0)
    g_array_append_vals (changes, run, 1);
  run->removed = run->added = 0;
}

/* The entities of a snapshot being prepared by key (vigie-key-table.c),
 * and for each position whether a later entity of the same key replaces
 * it and whether the previous snapshot had its key. */
typedef struct
{
  GPtrArray     *entities;
  VigieKeyTable  table;
  guint8        *states;
} ByKey;

enum
{
  REPLACED    = 1 << 0,  /* a later entity has its key: that one is kept */
  IN_PREVIOUS = 1 << 1,  /* the previous snapshot showed its key */
};

static void
by_key_init (ByKey     *self,
             GPtrArray *entities)
{
  self->entities = entities;
  vigie_key_table_init (&self->table, entities->len);
  self->states = g_malloc0 (MAX (entities->len, 1));

  for (guint i = 0; i < entities->len; i++)
    {
      VigieEntity *entity = g_ptr_array_index (entities, i);
      VigieKeySlot *slot = vigie_key_table_lookup (&self->table, entities, entity);

      /* The last one of a key wins. */
      if (slot->position != 0)
        self->states[slot->position - 1] |= REPLACED;
      vigie_key_slot_fill (slot, entity, i);
    }
}

static void
by_key_clear (ByKey *self)
{
  vigie_key_table_clear (&self->table);
  g_free (self->states);
}

/* The position of the entity kept for @before's key, or -1. */
static int
by_key_find (ByKey       *self,
             VigieEntity *before)
{
  return (int) vigie_key_table_lookup (&self->table, self->entities, before)->position - 1;
}

/**
 * vigie_snapshot_prepare:
 * @self: a full snapshot, just parsed
 * @previous: (nullable): the prepared snapshot shown until now
 * @now: the current time, unix seconds
 *
 * Does in the parser's worker what showing @self needs, so that the store
 * applies it on the main thread in O(changes): drops duplicates (the last
 * one of a kind and id wins), keeps the order of @previous (new entities
 * come last), keeps @previous's very entity where nothing of it changed
 * (its value-changed time with it), notes when each other entity's values
 * last changed, builds the index by key and the columns
 * (vigie_snapshot_get_columns()), counts the entities by kind and lists
 * the changes from @previous as items-changed runs.
 */
void
vigie_snapshot_prepare (VigieSnapshot *self,
                        VigieSnapshot *previous,
                        gint64         now)
{
  G_LOCK_DEFINE_STATIC (serial);
  static guint64 last_serial;
  g_autoptr(GPtrArray) unique = NULL;
  g_autofree guint32 *kept_row = NULL;
  const VigieEntityColumns *previous_columns = NULL;
  ByKey last;
  VigieEntityColumns *columns;
  VigieSnapshotChange run = { 0, };

  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->incremental);
  g_return_if_fail (previous == NULL || previous->index != NULL);

  if (self->index != NULL)
    return;

  by_key_init (&last, self->entities);
  unique = g_ptr_array_new_full (self->entities->len, g_object_unref);
  /* For each entity kept from @previous, its row there + 1; else 0. At
   * most one entity a key: no more than were parsed. */
  kept_row = g_new (guint32, MAX (self->entities->len, 1));
  if (previous != NULL)
    previous_columns = vigie_snapshot_get_columns (previous);
  self->changes = g_array_new (FALSE, FALSE, sizeof (VigieSnapshotChange));

  /* What was shown, in its order: kept, replaced or removed. */
  for (guint i = 0; previous != NULL && i < previous->entities->len; i++)
    {
      VigieEntity *before = g_ptr_array_index (previous->entities, i);
      int position = by_key_find (&last, before);
      VigieEntity *entity = NULL;
      gboolean same_values = FALSE;

      if (position >= 0)
        {
          last.states[position] |= IN_PREVIOUS;
          entity = g_ptr_array_index (self->entities, position);
          /* First, and once: a moved tram differs there already. */
          same_values = vigie_entity_same_values (before, entity);
        }

      if (same_values && same_entity (before, entity))
        {
          close_run (self->changes, &run);
          kept_row[unique->len] = i + 1;
          g_ptr_array_add (unique, g_object_ref (before));
          continue;
        }

      if (run.removed == 0 && run.added == 0)
        run.position = unique->len;
      run.removed++;
      if (entity == NULL)
        continue;

      if (same_values)
        vigie_entity_set_value_changed_at (entity, vigie_entity_get_value_changed_at (before));
      else
        vigie_entity_set_value_changed_at (entity, now);
      kept_row[unique->len] = 0;
      g_ptr_array_add (unique, g_object_ref (entity));
      run.added++;
    }
  close_run (self->changes, &run);

  /* What is new, in the feed's order, last. */
  run.position = unique->len;
  for (guint i = 0; i < self->entities->len; i++)
    {
      VigieEntity *entity = g_ptr_array_index (self->entities, i);

      if (last.states[i] & (REPLACED | IN_PREVIOUS))
        continue;

      vigie_entity_set_value_changed_at (entity, now);
      kept_row[unique->len] = 0;
      g_ptr_array_add (unique, g_object_ref (entity));
      run.added++;
    }
  close_run (self->changes, &run);
  by_key_clear (&last);

  /* The entities parsed again for nothing go with this worker's array. */
  g_ptr_array_unref (self->entities);
  self->entities = g_steal_pointer (&unique);
  g_clear_pointer (&self->columns, vigie_entity_columns_free);

  /* The columns a pass over every entity reads (vigie_snapshot_get_columns())
   * are made on this pass, which reads each entity anyway (its key for the
   * index; a vehicle's fields): a pass of their own would fetch every
   * entity again. Each is a few cache misses away: asked for ahead. */
  columns = vigie_entity_columns_new_sized (self->entities->len);
  self->index = g_hash_table_new (vigie_str_hash, g_str_equal);
  for (guint i = 0; i < self->entities->len; i++)
    {
      VigieEntity *entity = g_ptr_array_index (self->entities, i);
      VigieEntityKind kind = vigie_entity_get_kind (entity);

      if (i + 16 < self->entities->len)
        {
          const char *instance = g_ptr_array_index (self->entities, i + 16);

          __builtin_prefetch (instance);
          __builtin_prefetch (instance + 64);
        }
      if (i + 8 < self->entities->len && kept_row[i + 8] == 0)
        vigie_entity_prefetch (g_ptr_array_index (self->entities, i + 8));
      /* An entity kept from @previous has its row there already. */
      if (kept_row[i] != 0)
        vigie_entity_columns_copy_row (columns, i, previous_columns, kept_row[i] - 1);
      else
        vigie_entity_columns_set (columns, i, entity);

      g_hash_table_insert (self->index, (gpointer) vigie_entity_get_key (entity), entity);
      /* Its row says whether it is a ghost: its fields are not walked again. */
      if ((guint) kind < G_N_ELEMENTS (self->n_of_kind) &&
          !(kind == VIGIE_ENTITY_VEHICLE && (columns->flags[i] & VIGIE_ENTITY_COLUMN_GHOST)))
        self->n_of_kind[kind]++;
    }

  self->columns = columns;

  G_LOCK (serial);
  self->serial = ++last_serial;
  G_UNLOCK (serial);
  self->base_serial = previous != NULL ? previous->serial : 0;
}

/**
 * vigie_snapshot_get_changes:
 * @self: a prepared snapshot
 * @base_serial: (out): the serial of the snapshot they start from
 *
 * Returns: (transfer none) (element-type VigieSnapshotChange) (nullable):
 *   the changes from the snapshot it was prepared against, in the order
 *   to emit them
 */
GArray *
vigie_snapshot_get_changes (VigieSnapshot *self,
                            guint64       *base_serial)
{
  g_return_val_if_fail (self != NULL, NULL);

  *base_serial = self->base_serial;
  return self->changes;
}

guint64
vigie_snapshot_get_serial (VigieSnapshot *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->serial;
}

/**
 * vigie_snapshot_count_kind:
 * @self: a prepared snapshot
 * @kind: a kind of entity
 *
 * Returns: how many entities of @kind it holds, scheduled trips with no
 *   real-time vehicle ("ghosts") left out
 */
guint
vigie_snapshot_count_kind (VigieSnapshot   *self,
                           VigieEntityKind  kind)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (self->n_of_kind), 0);

  return self->n_of_kind[kind];
}

/**
 * vigie_snapshot_get_index:
 * @self: a #VigieSnapshot
 *
 * Returns: (transfer none) (nullable): key → entity, once prepared
 */
GHashTable *
vigie_snapshot_get_index (VigieSnapshot *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->index;
}

/**
 * vigie_snapshot_get_columns:
 * @self: a snapshot no longer being built (prepared, or incremental)
 *
 * The entities as compact columns, for a pass over all of them that
 * reads a few values each (the alert rules). Made by
 * vigie_snapshot_prepare(), on the pass that indexes the entities; those
 * of a snapshot never prepared (an incremental update), at the first ask,
 * once: the parse job asks in its worker, so that the taps find them
 * made. Any thread.
 *
 * Returns: (transfer none): the columns, in the entities' order
 */
const VigieEntityColumns *
vigie_snapshot_get_columns (VigieSnapshot *self)
{
  VigieEntityColumns *columns;

  g_return_val_if_fail (self != NULL, NULL);

  columns = g_atomic_pointer_get (&self->columns);
  if (columns != NULL)
    return columns;

  /* Two threads may make them at once: one set wins. */
  columns = vigie_entity_columns_new (self->entities);
  if (!g_atomic_pointer_compare_and_exchange (&self->columns, NULL, columns))
    {
      vigie_entity_columns_free (columns);
      columns = g_atomic_pointer_get (&self->columns);
    }

  return columns;
}
