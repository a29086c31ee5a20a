/* vigie-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-store"

#include "config.h"

#include "vigie-entity-private.h"
#include "vigie-release.h"
#include "vigie-store.h"
#include "vigie-hash.h"

/* The entities of one feed as the map and the panels see them: a
 * GListModel of VigieEntity. A snapshot prepared in a worker against the
 * one shown is applied on the main thread in O(changes): the arrays are
 * swapped and items-changed is emitted for the runs that changed, which
 * the worker listed; an entity that did not change is the very same
 * object. Observers that rebuild from the whole store (the map layer)
 * wait for "notify::applied-at", which comes once per update, after the
 * last items-changed. */

/* Past this many runs one items-changed for everything costs observers
 * less than many. */
#define MAX_RUNS 64

struct _VigieStore
{
  GObject     parent_instance;

  GPtrArray  *entities;
  GHashTable *by_key;       /* kind/id → VigieEntity, borrowed from entities */
  gint64      applied_at;
  gint64      observed_at;
  guint64     serial;       /* of the prepared snapshot shown, or 0 */
  guint       n_of_kind[VIGIE_ENTITY_LINE + 1];
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieStore, vigie_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_APPLIED_AT,
  PROP_OBSERVED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GType
vigie_store_get_item_type (GListModel *model)
{
  return VIGIE_TYPE_ENTITY;
}

static guint
vigie_store_get_n_items (GListModel *model)
{
  return VIGIE_STORE (model)->entities->len;
}

static gpointer
vigie_store_get_item (GListModel *model,
                      guint       position)
{
  VigieStore *self = VIGIE_STORE (model);

  if (position >= self->entities->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->entities, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = vigie_store_get_item_type;
  iface->get_n_items = vigie_store_get_n_items;
  iface->get_item = vigie_store_get_item;
}

static void
vigie_store_finalize (GObject *object)
{
  VigieStore *self = (VigieStore *)object;

  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->entities, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_store_parent_class)->finalize (object);
}

static void
vigie_store_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  VigieStore *self = VIGIE_STORE (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->entities->len);
      break;

    case PROP_APPLIED_AT:
      g_value_set_int64 (value, self->applied_at);
      break;

    case PROP_OBSERVED_AT:
      g_value_set_int64 (value, self->observed_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_store_class_init (VigieStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vigie_store_finalize;
  object_class->get_property = vigie_store_get_property;

  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_APPLIED_AT] =
    g_param_spec_int64 ("applied-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_OBSERVED_AT] =
    g_param_spec_int64 ("observed-at", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_store_init (VigieStore *self)
{
  self->entities = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_key = g_hash_table_new (vigie_str_hash, g_str_equal);
}

VigieStore *
vigie_store_new (void)
{
  return g_object_new (VIGIE_TYPE_STORE, NULL);
}

static void
carry_value_changed_at (VigieStore  *self,
                        VigieEntity *entity,
                        gint64       now)
{
  VigieEntity *previous = g_hash_table_lookup (self->by_key, vigie_entity_get_key (entity));

  if (previous != NULL && vigie_entity_same_values (previous, entity))
    vigie_entity_set_value_changed_at (entity, vigie_entity_get_value_changed_at (previous));
  else
    vigie_entity_set_value_changed_at (entity, now);
}

/* Dropping ten thousand entities is measurable: let a worker do it. */
static void
release_contents (GPtrArray  *entities,
                  GHashTable *index)
{
  if (entities->len < 1000)
    {
      g_hash_table_unref (index);
      g_ptr_array_unref (entities);
      return;
    }

  /* The index borrows its keys from the entities: it goes first. */
  vigie_release_later (index, (GDestroyNotify) g_hash_table_unref);
  vigie_release_later (entities, (GDestroyNotify) g_ptr_array_unref);
}

static void
count_kinds (VigieStore    *self,
             VigieSnapshot *prepared)
{
  for (guint k = 0; k < G_N_ELEMENTS (self->n_of_kind); k++)
    self->n_of_kind[k] = prepared != NULL ? vigie_snapshot_count_kind (prepared, k) : 0;

  if (prepared != NULL)
    return;

  for (guint i = 0; i < self->entities->len; i++)
    {
      VigieEntity *entity = g_ptr_array_index (self->entities, i);
      VigieEntityKind kind = vigie_entity_get_kind (entity);
      gboolean ghost = FALSE;

      if ((guint) kind < G_N_ELEMENTS (self->n_of_kind) &&
          !(kind == VIGIE_ENTITY_VEHICLE && vigie_entity_lookup_boolean (entity, "ghost", &ghost) && ghost))
        self->n_of_kind[kind]++;
    }
}

static void
replace_contents (VigieStore    *self,
                  GPtrArray     *entities,
                  GHashTable    *index,
                  VigieSnapshot *prepared,
                  gint64         observed_at,
                  gint64         now)
{
  guint old_len = self->entities->len;
  guint64 base_serial = 0;
  GArray *changes = prepared != NULL ? vigie_snapshot_get_changes (prepared, &base_serial) : NULL;

  /* The worker's runs hold only from the snapshot they were made against. */
  if (changes != NULL && (base_serial != self->serial || self->serial == 0 || changes->len > MAX_RUNS))
    changes = NULL;

  release_contents (g_steal_pointer (&self->entities), g_steal_pointer (&self->by_key));
  self->entities = entities;

  if (index != NULL)
    self->by_key = g_hash_table_ref (index);
  else
    {
      self->by_key = g_hash_table_new (vigie_str_hash, g_str_equal);
      for (guint i = 0; i < entities->len; i++)
        {
          VigieEntity *entity = g_ptr_array_index (entities, i);

          g_hash_table_replace (self->by_key, (gpointer) vigie_entity_get_key (entity), entity);
        }
    }

  self->applied_at = now;
  self->observed_at = observed_at;
  self->serial = prepared != NULL ? vigie_snapshot_get_serial (prepared) : 0;
  count_kinds (self, prepared);

  /* Observers may look things up while handling the signal: emit last. */
  if (changes != NULL)
    {
      for (guint i = 0; i < changes->len; i++)
        {
          const VigieSnapshotChange *change = &g_array_index (changes, VigieSnapshotChange, i);

          g_list_model_items_changed (G_LIST_MODEL (self), change->position, change->removed, change->added);
        }
    }
  else if (old_len != 0 || entities->len != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, entities->len);

  if (old_len != entities->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_APPLIED_AT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OBSERVED_AT]);
}

/**
 * vigie_store_apply:
 * @self: a #VigieStore
 * @snapshot: what a parser made of the feed
 * @now: the current time, unix seconds
 *
 * Shows @snapshot. A full snapshot replaces everything; an incremental one
 * (GTFS-Realtime DIFFERENTIAL) updates and removes by id. Either way the
 * store emits one items-changed. Entities whose values did not change keep
 * the time they last changed, which is what "value frozen" is measured on.
 * A snapshot with an entity twice (same kind and id) keeps the last.
 */
void
vigie_store_apply (VigieStore    *self,
                   VigieSnapshot *snapshot,
                   gint64         now)
{
  g_autoptr(GHashTable) seen = NULL;
  GPtrArray *incoming;
  GPtrArray *entities;

  g_return_if_fail (VIGIE_IS_STORE (self));
  g_return_if_fail (snapshot != NULL);

  incoming = vigie_snapshot_get_entities (snapshot);

  /* Prepared in a worker: nothing left to do here but swap. */
  if (vigie_snapshot_get_index (snapshot) != NULL)
    {
      replace_contents (self, g_ptr_array_ref (incoming), vigie_snapshot_get_index (snapshot), snapshot,
                        vigie_snapshot_get_observed_at (snapshot), now);
      return;
    }

  entities = g_ptr_array_new_full (incoming->len, g_object_unref);
  seen = g_hash_table_new (vigie_str_hash, g_str_equal);

  if (vigie_snapshot_get_incremental (snapshot))
    {
      const char * const *removed = vigie_snapshot_get_removed_keys (snapshot);
      g_autoptr(GHashTable) replaced = g_hash_table_new (vigie_str_hash, g_str_equal);

      for (guint i = 0; i < incoming->len; i++)
        g_hash_table_replace (replaced,
                              (gpointer) vigie_entity_get_key (g_ptr_array_index (incoming, i)),
                              g_ptr_array_index (incoming, i));
      for (guint i = 0; removed[i] != NULL; i++)
        g_hash_table_add (seen, (gpointer) removed[i]);

      /* Keep the order of what is already shown; new ones come last. */
      for (guint i = 0; i < self->entities->len; i++)
        {
          VigieEntity *current = g_ptr_array_index (self->entities, i);
          const char *key = vigie_entity_get_key (current);
          VigieEntity *update = g_hash_table_lookup (replaced, key);

          if (g_hash_table_contains (seen, key) && update == NULL)
            continue;

          if (update != NULL)
            {
              carry_value_changed_at (self, update, now);
              g_ptr_array_add (entities, g_object_ref (update));
              g_hash_table_remove (replaced, key);
            }
          else
            g_ptr_array_add (entities, g_object_ref (current));
          g_hash_table_add (seen, (gpointer) key);
        }

      for (guint i = 0; i < incoming->len; i++)
        {
          VigieEntity *entity = g_ptr_array_index (incoming, i);

          if (g_hash_table_lookup (replaced, vigie_entity_get_key (entity)) != entity)
            continue;

          carry_value_changed_at (self, entity, now);
          g_ptr_array_add (entities, g_object_ref (entity));
          g_hash_table_remove (replaced, vigie_entity_get_key (entity));
        }
    }
  else
    {
      g_autoptr(GHashTable) last = g_hash_table_new (vigie_str_hash, g_str_equal);

      for (guint i = 0; i < incoming->len; i++)
        g_hash_table_replace (last,
                              (gpointer) vigie_entity_get_key (g_ptr_array_index (incoming, i)),
                              g_ptr_array_index (incoming, i));

      for (guint i = 0; i < incoming->len; i++)
        {
          VigieEntity *entity = g_ptr_array_index (incoming, i);

          if (g_hash_table_lookup (last, vigie_entity_get_key (entity)) != entity)
            continue;

          carry_value_changed_at (self, entity, now);
          g_ptr_array_add (entities, g_object_ref (entity));
        }
    }

  replace_contents (self, entities, NULL, NULL, vigie_snapshot_get_observed_at (snapshot), now);
}

/**
 * vigie_store_clear:
 * @self: a #VigieStore
 *
 * Removes every entity, as when a feed is deleted.
 */
void
vigie_store_clear (VigieStore *self)
{
  g_return_if_fail (VIGIE_IS_STORE (self));

  replace_contents (self, g_ptr_array_new_with_free_func (g_object_unref), NULL, NULL, 0, self->applied_at);
}

/**
 * vigie_store_lookup:
 * @self: a #VigieStore
 * @kind: the kind of entity
 * @id: its id
 *
 * Returns: (transfer none) (nullable): the entity
 */
VigieEntity *
vigie_store_lookup (VigieStore      *self,
                    VigieEntityKind  kind,
                    const char      *id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (VIGIE_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  key = vigie_entity_make_key (kind, id);
  return g_hash_table_lookup (self->by_key, key);
}

/**
 * vigie_store_dup_entities:
 * @self: a #VigieStore
 *
 * The entities shown, for a worker to read: the store never changes an
 * array once shown (an update replaces it), so this is only a reference.
 *
 * Returns: (transfer container) (element-type VigieEntity): its entities
 */
GPtrArray *
vigie_store_dup_entities (VigieStore *self)
{
  g_return_val_if_fail (VIGIE_IS_STORE (self), NULL);

  return g_ptr_array_ref (self->entities);
}

/**
 * vigie_store_count_kind:
 * @self: a #VigieStore
 * @kind: a kind of entity
 *
 * Returns: how many entities of @kind it shows, scheduled trips with no
 *   real-time vehicle ("ghosts") left out; counted in the worker
 */
guint
vigie_store_count_kind (VigieStore      *self,
                        VigieEntityKind  kind)
{
  g_return_val_if_fail (VIGIE_IS_STORE (self), 0);
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (self->n_of_kind), 0);

  return self->n_of_kind[kind];
}

gint64
vigie_store_get_applied_at (VigieStore *self)
{
  g_return_val_if_fail (VIGIE_IS_STORE (self), 0);

  return self->applied_at;
}

gint64
vigie_store_get_observed_at (VigieStore *self)
{
  g_return_val_if_fail (VIGIE_IS_STORE (self), 0);

  return self->observed_at;
}
