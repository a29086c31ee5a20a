/* vigie-entity-list-slot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-entity-list-slot"

#include "config.h"

#include "vigie-entity-list-slot.h"

/* One row of a layer's table, by its place: whichever entity the sorted
 * rows have there now. GTK 4.8's list views make a row's widgets anew
 * for each new item (a millisecond a row, 200 rows kept around the
 * visible ones); an item that stays and tells that its entity changed
 * costs a rebind of the row's cells, nothing else. */

struct _VigieEntityListSlot
{
  GObject      parent_instance;

  guint        position;
  VigieEntity *entity;
};

G_DEFINE_FINAL_TYPE (VigieEntityListSlot, vigie_entity_list_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENTITY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
vigie_entity_list_slot_finalize (GObject *object)
{
  VigieEntityListSlot *self = VIGIE_ENTITY_LIST_SLOT (object);

  g_clear_object (&self->entity);

  G_OBJECT_CLASS (vigie_entity_list_slot_parent_class)->finalize (object);
}

static void
vigie_entity_list_slot_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  VigieEntityListSlot *self = VIGIE_ENTITY_LIST_SLOT (object);

  switch (prop_id)
    {
    case PROP_ENTITY:
      g_value_set_object (value, self->entity);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_entity_list_slot_class_init (VigieEntityListSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vigie_entity_list_slot_finalize;
  object_class->get_property = vigie_entity_list_slot_get_property;

  properties [PROP_ENTITY] =
    g_param_spec_object ("entity", NULL, NULL,
                         VIGIE_TYPE_ENTITY,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_entity_list_slot_init (VigieEntityListSlot *self)
{
}

VigieEntityListSlot *
vigie_entity_list_slot_new (guint        position,
                            VigieEntity *entity)
{
  VigieEntityListSlot *self;

  g_return_val_if_fail (entity == NULL || VIGIE_IS_ENTITY (entity), NULL);

  self = g_object_new (VIGIE_TYPE_ENTITY_LIST_SLOT, NULL);
  self->position = position;
  g_set_object (&self->entity, entity);

  return self;
}

guint
vigie_entity_list_slot_get_position (VigieEntityListSlot *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY_LIST_SLOT (self), 0);

  return self->position;
}

/**
 * vigie_entity_list_slot_get_entity:
 * @self: a #VigieEntityListSlot
 *
 * Returns: (transfer none) (nullable): the entity shown in the row
 */
VigieEntity *
vigie_entity_list_slot_get_entity (VigieEntityListSlot *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY_LIST_SLOT (self), NULL);

  return self->entity;
}

void
vigie_entity_list_slot_set_entity (VigieEntityListSlot *self,
                                   VigieEntity         *entity)
{
  g_return_if_fail (VIGIE_IS_ENTITY_LIST_SLOT (self));
  g_return_if_fail (entity == NULL || VIGIE_IS_ENTITY (entity));

  if (g_set_object (&self->entity, entity))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ENTITY]);
}
