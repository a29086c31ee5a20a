/* vigie-entity-list-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-entity-list-model"

#include "config.h"

#include "vigie-entity.h"
#include "vigie-entity-list-model.h"

/* A store as GTK's list models need it. VigieStore swaps its arrays and
 * then emits the update's runs one after the other, each in the new
 * array: while the first run is emitted, the store already counts the
 * items the later ones add. GtkSortListModel passes that count on, and
 * GTK 4.8's list item manager aborts ("gtk_list_item_manager_ensure_items:
 * assertion failed") when a tram comes or goes while its list is shown.
 * This model forwards the runs and the items, nothing copied, and counts
 * as the runs it sent say: each run's added items are where the new
 * array has them, which is all the sort model reads of it. */

struct _VigieEntityListModel
{
  GObject     parent_instance;

  GListModel *model;
  guint       n_items;      /* as told by the items-changed sent so far */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieEntityListModel, vigie_entity_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
on_items_changed_cb (VigieEntityListModel *self,
                     guint                 position,
                     guint                 removed,
                     guint                 added,
                     GListModel           *model)
{
  g_return_if_fail (position + removed <= self->n_items);

  self->n_items = self->n_items - removed + added;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static GType
vigie_entity_list_model_get_item_type (GListModel *model)
{
  return VIGIE_TYPE_ENTITY;
}

static guint
vigie_entity_list_model_get_n_items (GListModel *model)
{
  return VIGIE_ENTITY_LIST_MODEL (model)->n_items;
}

static gpointer
vigie_entity_list_model_get_item (GListModel *model,
                                  guint       position)
{
  VigieEntityListModel *self = VIGIE_ENTITY_LIST_MODEL (model);

  if (self->model == NULL || position >= self->n_items)
    return NULL;

  return g_list_model_get_item (self->model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = vigie_entity_list_model_get_item_type;
  iface->get_n_items = vigie_entity_list_model_get_n_items;
  iface->get_item = vigie_entity_list_model_get_item;
}

static void
vigie_entity_list_model_dispose (GObject *object)
{
  vigie_entity_list_model_set_model (VIGIE_ENTITY_LIST_MODEL (object), NULL);

  G_OBJECT_CLASS (vigie_entity_list_model_parent_class)->dispose (object);
}

static void
vigie_entity_list_model_class_init (VigieEntityListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_entity_list_model_dispose;
}

static void
vigie_entity_list_model_init (VigieEntityListModel *self)
{
}

/**
 * vigie_entity_list_model_new:
 * @model: (nullable): a #GListModel of #VigieEntity, such as a #VigieStore
 *
 * Returns: (transfer full): a model of @model's items
 */
VigieEntityListModel *
vigie_entity_list_model_new (GListModel *model)
{
  VigieEntityListModel *self = g_object_new (VIGIE_TYPE_ENTITY_LIST_MODEL, NULL);

  vigie_entity_list_model_set_model (self, model);

  return self;
}

/**
 * vigie_entity_list_model_get_model:
 * @self: a #VigieEntityListModel
 *
 * Returns: (transfer none) (nullable): the model it shows
 */
GListModel *
vigie_entity_list_model_get_model (VigieEntityListModel *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY_LIST_MODEL (self), NULL);

  return self->model;
}

void
vigie_entity_list_model_set_model (VigieEntityListModel *self,
                                   GListModel           *model)
{
  guint removed;

  g_return_if_fail (VIGIE_IS_ENTITY_LIST_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);

  removed = self->n_items;
  self->n_items = model != NULL ? g_list_model_get_n_items (model) : 0;
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);

  if (removed > 0 || self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_items);
}
