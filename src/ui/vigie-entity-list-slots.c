/* vigie-entity-list-slots.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-entity-list-slots"

#include "config.h"

#include "vigie-entity-list-slot.h"
#include "vigie-entity-list-slots.h"

/* The rows of a layer's table as its column view binds them: one
 * VigieEntityListSlot per place, made when GTK asks for it and kept
 * while GTK holds it (the rows on screen and about 200 around them).
 * After each update of the sorted rows, the slots alive are told their
 * new entity, and only a change of count is an items-changed: GTK 4.8
 * makes new widgets for every new item, a millisecond a row, while a
 * slot whose entity changed costs a rebind of its cells. */

struct _VigieEntityListSlots
{
  GObject               parent_instance;

  VigieEntityListModel *rows;
  guint                 n_items;    /* as told */
  GHashTable           *live;       /* position → VigieEntityListSlot, not held */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieEntityListSlots, vigie_entity_list_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
on_slot_finalized_cb (gpointer  data,
                      GObject  *where_the_object_was)
{
  VigieEntityListSlots *self = data;
  GHashTableIter iter;
  gpointer slot;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &slot))
    if (slot == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        break;
      }
}

static VigieEntity *
entity_at (VigieEntityListSlots *self,
           guint                 position)
{
  VigieEntity *entity = g_list_model_get_item (G_LIST_MODEL (self->rows), position);

  /* The sorted rows hold it. */
  if (entity != NULL)
    g_object_unref (entity);

  return entity;
}

static void
on_rows_updated_cb (VigieEntityListSlots *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint old_n = self->n_items;
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, slot;

  /* Held while told: a handler may drop the last reference. */
  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, &key, &slot))
    g_ptr_array_add (slots, g_object_ref (slot));
  for (guint i = 0; i < slots->len; i++)
    {
      VigieEntityListSlot *each = g_ptr_array_index (slots, i);
      guint position = vigie_entity_list_slot_get_position (each);

      if (position < n)
        vigie_entity_list_slot_set_entity (each, entity_at (self, position));
    }

  self->n_items = n;
  if (n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, n - old_n);
  else if (n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), n, old_n - n, 0);
}

static GType
vigie_entity_list_slots_get_item_type (GListModel *model)
{
  return VIGIE_TYPE_ENTITY_LIST_SLOT;
}

static guint
vigie_entity_list_slots_get_n_items (GListModel *model)
{
  return VIGIE_ENTITY_LIST_SLOTS (model)->n_items;
}

static gpointer
vigie_entity_list_slots_get_item (GListModel *model,
                                  guint       position)
{
  VigieEntityListSlots *self = VIGIE_ENTITY_LIST_SLOTS (model);
  VigieEntityListSlot *slot;

  if (position >= self->n_items)
    return NULL;

  slot = g_hash_table_lookup (self->live, GUINT_TO_POINTER (position));
  if (slot != NULL)
    {
      /* Kept by someone past a shrink, and asked for again. */
      vigie_entity_list_slot_set_entity (slot, entity_at (self, position));
      return g_object_ref (slot);
    }

  slot = vigie_entity_list_slot_new (position, entity_at (self, position));
  g_object_weak_ref (G_OBJECT (slot), on_slot_finalized_cb, self);
  g_hash_table_insert (self->live, GUINT_TO_POINTER (position), slot);

  return slot;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = vigie_entity_list_slots_get_item_type;
  iface->get_n_items = vigie_entity_list_slots_get_n_items;
  iface->get_item = vigie_entity_list_slots_get_item;
}

static void
vigie_entity_list_slots_dispose (GObject *object)
{
  VigieEntityListSlots *self = VIGIE_ENTITY_LIST_SLOTS (object);
  GHashTableIter iter;
  gpointer slot;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &slot))
    g_object_weak_unref (slot, on_slot_finalized_cb, self);
  g_hash_table_remove_all (self->live);
  if (self->rows != NULL)
    g_signal_handlers_disconnect_by_data (self->rows, self);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (vigie_entity_list_slots_parent_class)->dispose (object);
}

static void
vigie_entity_list_slots_finalize (GObject *object)
{
  VigieEntityListSlots *self = VIGIE_ENTITY_LIST_SLOTS (object);

  g_clear_pointer (&self->live, g_hash_table_unref);

  G_OBJECT_CLASS (vigie_entity_list_slots_parent_class)->finalize (object);
}

static void
vigie_entity_list_slots_class_init (VigieEntityListSlotsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_entity_list_slots_dispose;
  object_class->finalize = vigie_entity_list_slots_finalize;
}

static void
vigie_entity_list_slots_init (VigieEntityListSlots *self)
{
  self->live = g_hash_table_new (NULL, NULL);
}

/**
 * vigie_entity_list_slots_new:
 * @rows: the sorted rows
 *
 * Returns: (transfer full): a slot for each of @rows
 */
VigieEntityListSlots *
vigie_entity_list_slots_new (VigieEntityListModel *rows)
{
  VigieEntityListSlots *self;

  g_return_val_if_fail (VIGIE_IS_ENTITY_LIST_MODEL (rows), NULL);

  self = g_object_new (VIGIE_TYPE_ENTITY_LIST_SLOTS, NULL);
  self->rows = g_object_ref (rows);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (rows));
  g_signal_connect_object (rows, "updated", G_CALLBACK (on_rows_updated_cb), self, G_CONNECT_SWAPPED);

  return self;
}

/**
 * vigie_entity_list_slots_get_n_live:
 * @self: a #VigieEntityListSlots
 *
 * Returns: how many slots are held, hence told of each update
 */
guint
vigie_entity_list_slots_get_n_live (VigieEntityListSlots *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY_LIST_SLOTS (self), 0);

  return g_hash_table_size (self->live);
}
