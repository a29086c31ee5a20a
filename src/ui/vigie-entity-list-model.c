/* vigie-entity-list-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-entity-list-model"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "vigie-entity.h"
#include "vigie-entity-list-model.h"
#include "vigie-release.h"
#include "vigie-store.h"
#include "vigie-style-row.h"
#include "vigie-hash.h"
#include "vigie-thread.h"

/* A layer's entities in the order its list shows them. GTK 4.8's
 * GtkSortListModel sorts again on the main thread at every update (a
 * store tells a large update as one items-changed for everything): 80 to
 * 100 ms for 10,000 rows. Here an update is sorted in a worker, which
 * also works out what moved; the main thread swaps the order in and
 * emits items-changed for the rows that changed, in at most
 * VIGIE_ENTITY_LIST_MODEL_MAX_RUNS runs. An entity that did not change is
 * the same object in the store's next array: its row keeps its keys, and
 * the rows that did not change keep their order among themselves, so the
 * changed ones are all there is to tell.
 *
 * A sort chosen by the operator is applied at once, on the main thread,
 * as a click's worth of work over keys already worked out. */

/* A row and what it sorts by, worked out once per entity. */
typedef struct
{
  VigieEntity *entity;
  char        *name;          /* GRefString: g_utf8_collate_key() of the name */
  int          rank;
  double       value;
  gint64       observed_at;
} Row;

/* One order, never changed once shown: workers read it as the main
 * thread shows it. */
typedef struct
{
  gatomicrefcount      ref_count;
  GArray              *rows;           /* Row */
  GHashTable          *by_entity;      /* VigieEntity → position + 1, or NULL */
  GHashTable          *by_key;         /* entity key → position + 1, or NULL */
  VigieStyleThresholds thresholds;
  VigieFeedKind        kind;
} Order;

/* One items-changed, and where its removed rows were in the old order. */
typedef struct
{
  guint position;
  guint old_position;
  guint removed;
  guint added;
} Run;

typedef struct
{
  Order               *old;
  GPtrArray           *entities;
  VigieFeedKind        kind;
  VigieStyleThresholds thresholds;
  VigieEntityListSort  sort[VIGIE_ENTITY_LIST_N_COLUMNS];
  guint                n_sort;
  guint64              serial;

  Order               *order;          /* the result */
  GArray              *runs;           /* Run, or NULL for everything */
} Job;

struct _VigieEntityListModel
{
  GObject              parent_instance;

  GListModel          *model;
  VigieFeedKind        kind;
  VigieStyleThresholds thresholds;
  VigieEntityListSort  sort[VIGIE_ENTITY_LIST_N_COLUMNS];
  guint                n_sort;

  Order               *order;

  /* While an update's runs are told: the rows before split are the new
   * order's, the others still the old one's from split_old on. */
  Order               *previous;
  guint                split;
  guint                split_old;

  /* A change of the source, the sort or the thresholds makes the next
   * job's base and the one running stale. */
  guint64              serial;
  GCancellable        *cancellable;
  gboolean             running;
  gboolean             dirty;
  guint                idle_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieEntityListModel, vigie_entity_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void start_job (VigieEntityListModel *self);

/*
 * Rows and orders
 */

static void
row_clear (Row *row)
{
  g_clear_object (&row->entity);
  g_clear_pointer (&row->name, g_ref_string_release);
}

static void
row_copy (Row       *to,
          const Row *from)
{
  *to = *from;
  g_object_ref (to->entity);
  g_ref_string_acquire (to->name);
}

static void
row_init (Row                        *row,
          VigieEntity                *entity,
          VigieFeedKind               kind,
          const VigieStyleThresholds *thresholds)
{
  const char *name = vigie_entity_get_name (entity);
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;

  if (name == NULL || *name == '\0')
    name = vigie_entity_get_id (entity);
  key = g_utf8_collate_key (name, -1);

  row->entity = g_object_ref (entity);
  row->name = g_ref_string_new (key);
  row->rank = 0;
  row->value = VIGIE_STYLE_ROW_NO_VALUE;
  vigie_style_row_state (kind, entity, thresholds, &row->rank);
  text = vigie_style_row_value (kind, entity, &row->value);
  row->observed_at = vigie_entity_get_observed_at (entity);
}

static Order *
order_new (VigieFeedKind               kind,
           const VigieStyleThresholds *thresholds,
           guint                       reserved)
{
  Order *order = g_new0 (Order, 1);

  g_atomic_ref_count_init (&order->ref_count);
  order->rows = g_array_sized_new (FALSE, FALSE, sizeof (Row), reserved);
  g_array_set_clear_func (order->rows, (GDestroyNotify) row_clear);
  order->kind = kind;
  order->thresholds = *thresholds;

  return order;
}

static Order *
order_ref (Order *order)
{
  g_atomic_ref_count_inc (&order->ref_count);

  return order;
}

static void
order_free (Order *order)
{
  /* The indexes borrow the rows' entities and keys: they go first. */
  g_clear_pointer (&order->by_key, g_hash_table_unref);
  g_clear_pointer (&order->by_entity, g_hash_table_unref);
  g_array_unref (order->rows);
  g_free (order);
}

static void
order_unref (Order *order)
{
  if (!g_atomic_ref_count_dec (&order->ref_count))
    return;

  /* Ten thousand entities dropped are measurable: a worker does it. */
  if (order->rows->len >= 1000)
    vigie_release_later (order, (GDestroyNotify) order_free);
  else
    order_free (order);
}

static inline Row *
order_row (Order *order,
           guint  position)
{
  return &g_array_index (order->rows, Row, position);
}

#define COMPARE(a, b) ((a) < (b) ? -1 : (a) > (b) ? 1 : 0)

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Row *x = a, *y = b;
  const Job *spec = user_data;
  int result;

  for (guint i = 0; i < spec->n_sort; i++)
    {
      switch (spec->sort[i].column)
        {
        case VIGIE_ENTITY_LIST_COLUMN_NAME:
          result = strcmp (x->name, y->name);
          break;

        case VIGIE_ENTITY_LIST_COLUMN_STATE:
          result = COMPARE (x->rank, y->rank);
          break;

        case VIGIE_ENTITY_LIST_COLUMN_VALUE:
          result = COMPARE (x->value, y->value);
          break;

        case VIGIE_ENTITY_LIST_COLUMN_AGE:
        default:
          {
            /* Youngest first; without a time, last. */
            gint64 p = x->observed_at > 0 ? -x->observed_at : G_MAXINT64;
            gint64 q = y->observed_at > 0 ? -y->observed_at : G_MAXINT64;

            result = COMPARE (p, q);
          }
          break;
        }

      if (result != 0)
        return spec->sort[i].descending ? -result : result;
    }

  /* Ties by key, never by chance: a row that did not change keeps its
   * place among the others, which is what makes an update's runs few. */
  result = strcmp (vigie_entity_get_key (x->entity), vigie_entity_get_key (y->entity));
  if (result != 0)
    return result;

  return COMPARE ((guintptr) x->entity, (guintptr) y->entity);
}

static void
sort_rows (GArray    *rows,
           const Job *spec)
{
  if (rows->len > 1)
    g_qsort_with_data (rows->data, rows->len, sizeof (Row), compare_rows, (gpointer) spec);
}

static GHashTable *
index_entities (Order *order)
{
  GHashTable *index = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < order->rows->len; i++)
    g_hash_table_insert (index, order_row (order, i)->entity, GUINT_TO_POINTER (i + 1));

  return index;
}

static GHashTable *
index_keys (Order *order)
{
  GHashTable *index = g_hash_table_new (vigie_str_hash, g_str_equal);

  for (guint i = 0; i < order->rows->len; i++)
    g_hash_table_insert (index, (gpointer) vigie_entity_get_key (order_row (order, i)->entity), GUINT_TO_POINTER (i + 1));

  return index;
}

/*
 * The worker
 */

static void
job_free (Job *job)
{
  g_clear_pointer (&job->old, order_unref);
  g_clear_pointer (&job->entities, g_ptr_array_unref);
  g_clear_pointer (&job->order, order_unref);
  g_clear_pointer (&job->runs, g_array_unref);
  g_free (job);
}

static int
compare_gaps (const void *a,
              const void *b)
{
  return COMPARE (*(const guint *) a, *(const guint *) b);
}

/* Fewer runs, each larger: the rows between two runs are told removed
 * and added again, which GTK's list views handle by keeping their rows'
 * widgets. The closest runs are merged first. */
static void
merge_runs (GArray *runs,
            guint   max_runs)
{
  g_autofree guint *gaps = NULL;
  GArray *merged;
  guint threshold, n_over;

  if (runs->len <= max_runs)
    return;

  gaps = g_new (guint, runs->len - 1);
  for (guint i = 1; i < runs->len; i++)
    {
      const Run *a = &g_array_index (runs, Run, i - 1);
      const Run *b = &g_array_index (runs, Run, i);

      gaps[i - 1] = b->position - (a->position + a->added);
    }

  /* Merging every gap up to the n_over-th smallest leaves max_runs at most. */
  n_over = runs->len - max_runs;
  {
    g_autofree guint *sorted = g_memdup2 (gaps, sizeof (guint) * (runs->len - 1));

    qsort (sorted, runs->len - 1, sizeof (guint), compare_gaps);
    threshold = sorted[n_over - 1];
  }

  merged = g_array_new (FALSE, FALSE, sizeof (Run));
  g_array_append_val (merged, g_array_index (runs, Run, 0));
  for (guint i = 1; i < runs->len; i++)
    {
      const Run *next = &g_array_index (runs, Run, i);
      Run *last = &g_array_index (merged, Run, merged->len - 1);

      if (gaps[i - 1] <= threshold)
        {
          last->removed = next->old_position + next->removed - last->old_position;
          last->added = next->position + next->added - last->position;
        }
      else
        g_array_append_val (merged, *next);
    }

  g_array_set_size (runs, 0);
  g_array_append_vals (runs, merged->data, merged->len);
  g_array_unref (merged);
}

/* The runs from the old order to the new one. The rows both hold are in
 * the same order in each: the others are the runs. */
static GArray *
diff_orders (Order      *old,
             GHashTable *old_index,
             Order      *order)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (Run));
  guint n_old = old->rows->len, n_new = order->rows->len;
  guint i = 0, j = 0;

  while (i < n_old || j < n_new)
    {
      Run run = { j, i, 0, 0 };

      if (i < n_old && j < n_new && order_row (old, i)->entity == order_row (order, j)->entity)
        {
          i++, j++;
          continue;
        }

      while (i < n_old && !g_hash_table_contains (order->by_entity, order_row (old, i)->entity))
        i++, run.removed++;
      while (j < n_new && !g_hash_table_contains (old_index, order_row (order, j)->entity))
        j++, run.added++;

      /* Rows kept in another order than the keys say: told whole. */
      if ((i < n_old) != (j < n_new) ||
          (i < n_old && order_row (old, i)->entity != order_row (order, j)->entity) ||
          (run.removed == 0 && run.added == 0))
        {
          g_array_unref (runs);
          return NULL;
        }

      g_array_append_val (runs, run);
    }

  merge_runs (runs, VIGIE_ENTITY_LIST_MODEL_MAX_RUNS);

  return runs;
}

/* Keys for the entities new since the old order (all of them when the
 * thresholds changed), sorted, indexed, and told as runs from the old. */
static void
run_job (Job *job)
{
  gboolean same_keys = job->old != NULL && job->old->kind == job->kind &&
                       memcmp (&job->old->thresholds, &job->thresholds, sizeof job->thresholds) == 0;
  g_autoptr(GHashTable) old_index = NULL;
  Order *order;

  order = job->order = order_new (job->kind, &job->thresholds, job->entities->len);
  if (same_keys)
    old_index = job->old->by_entity != NULL ? g_hash_table_ref (job->old->by_entity) : index_entities (job->old);

  g_array_set_size (order->rows, job->entities->len);
  for (guint i = 0; i < job->entities->len; i++)
    {
      VigieEntity *entity = g_ptr_array_index (job->entities, i);
      guint old_position = old_index != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (old_index, entity)) : 0;

      if (old_position > 0)
        row_copy (order_row (order, i), order_row (job->old, old_position - 1));
      else
        row_init (order_row (order, i), entity, job->kind, &job->thresholds);
    }

  sort_rows (order->rows, job);
  order->by_entity = index_entities (order);
  order->by_key = index_keys (order);

  if (old_index != NULL)
    job->runs = diff_orders (job->old, old_index, order);
}

static void
sort_job (GTask        *task,
          gpointer      source_object,
          gpointer      task_data,
          GCancellable *cancellable)
{
  vigie_thread_make_background ();
  run_job (task_data);
  g_task_return_boolean (task, TRUE);
}

/*
 * Auxiliary methods
 */

static GPtrArray *
dup_entities (GListModel *model)
{
  GPtrArray *entities;
  guint n;

  if (model == NULL)
    return g_ptr_array_new ();

  /* A store's array is never changed once shown: a reference is enough. */
  if (VIGIE_IS_STORE (model))
    return vigie_store_dup_entities (VIGIE_STORE (model));

  n = g_list_model_get_n_items (model);
  entities = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (entities, g_list_model_get_item (model, i));

  return entities;
}

static Job *
job_new (VigieEntityListModel *self)
{
  Job *job = g_new0 (Job, 1);

  job->old = self->order != NULL ? order_ref (self->order) : NULL;
  job->entities = dup_entities (self->model);
  job->kind = self->kind;
  job->thresholds = self->thresholds;
  memcpy (job->sort, self->sort, sizeof self->sort);
  job->n_sort = self->n_sort;
  job->serial = self->serial;

  return job;
}

/* Tells an update: the new order is shown as each run is told. */
static void
show_order (VigieEntityListModel *self,
            Order                *order,
            GArray               *runs)
{
  Order *old = g_steal_pointer (&self->order);
  guint n_old = old != NULL ? old->rows->len : 0;

  self->order = order;

  if (runs != NULL && old != NULL)
    {
      self->previous = old;
      for (guint i = 0; i < runs->len; i++)
        {
          const Run *run = &g_array_index (runs, Run, i);

          self->split = run->position + run->added;
          self->split_old = run->old_position + run->removed;
          g_list_model_items_changed (G_LIST_MODEL (self), run->position, run->removed, run->added);
        }
      self->previous = NULL;
    }
  else if (n_old > 0 || order->rows->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, order->rows->len);

  g_clear_pointer (&old, order_unref);
  g_signal_emit (self, signals [UPDATED], 0);
}

static void
on_job_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  VigieEntityListModel *self = VIGIE_ENTITY_LIST_MODEL (object);
  Job *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;

  self->running = FALSE;

  /* Sorted otherwise, or from another source, since it began. */
  if (job->serial != self->serial || job->old != self->order)
    self->dirty = TRUE;
  else
    show_order (self, g_steal_pointer (&job->order), job->runs);

  if (self->dirty)
    start_job (self);
}

static void
start_job (VigieEntityListModel *self)
{
  g_autoptr(GTask) task = NULL;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  self->dirty = FALSE;
  self->running = TRUE;

  task = g_task_new (self, self->cancellable, on_job_done_cb, NULL);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, job_new (self), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, sort_job);
}

static gboolean
start_job_cb (gpointer user_data)
{
  VigieEntityListModel *self = user_data;

  self->idle_id = 0;
  start_job (self);

  return G_SOURCE_REMOVE;
}

/* An update's runs come one after the other: one job for them all. */
static void
queue_job (VigieEntityListModel *self)
{
  if (self->running)
    self->dirty = TRUE;
  else if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, start_job_cb, self, NULL);
}

static void
on_items_changed_cb (VigieEntityListModel *self)
{
  queue_job (self);
}

/* Everything sorted again here, on what the keys already say. */
static void
sort_again (VigieEntityListModel *self)
{
  Job spec = { .n_sort = self->n_sort };
  Order *order;

  self->serial++;
  if (self->order == NULL)
    return;

  memcpy (spec.sort, self->sort, sizeof self->sort);
  order = order_new (self->order->kind, &self->order->thresholds, self->order->rows->len);
  g_array_set_size (order->rows, self->order->rows->len);
  for (guint i = 0; i < order->rows->len; i++)
    row_copy (order_row (order, i), order_row (self->order, i));
  sort_rows (order->rows, &spec);

  show_order (self, order, NULL);
}

/* A new source: small, sorted at once; large, by a worker. */
static void
fill (VigieEntityListModel *self)
{
  Job *job;

  self->serial++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->idle_id, g_source_remove);
  self->running = FALSE;
  self->dirty = FALSE;

  if (self->model != NULL && g_list_model_get_n_items (self->model) > VIGIE_ENTITY_LIST_MODEL_SYNC_MAX)
    {
      start_job (self);
      return;
    }

  job = job_new (self);
  g_clear_pointer (&job->old, order_unref);
  run_job (job);
  show_order (self, g_steal_pointer (&job->order), NULL);
  job_free (job);
}

/*
 * GListModel
 */

static GType
vigie_entity_list_model_get_item_type (GListModel *model)
{
  return VIGIE_TYPE_ENTITY;
}

static guint
vigie_entity_list_model_get_n_items (GListModel *model)
{
  VigieEntityListModel *self = VIGIE_ENTITY_LIST_MODEL (model);

  if (self->previous != NULL)
    return self->split + (self->previous->rows->len - self->split_old);

  return self->order != NULL ? self->order->rows->len : 0;
}

static gpointer
vigie_entity_list_model_get_item (GListModel *model,
                                  guint       position)
{
  VigieEntityListModel *self = VIGIE_ENTITY_LIST_MODEL (model);

  if (position >= vigie_entity_list_model_get_n_items (model))
    return NULL;

  /* Between an update's runs, the rows past the last one told. */
  if (self->previous != NULL && position >= self->split)
    return g_object_ref (order_row (self->previous, position - self->split + self->split_old)->entity);

  return g_object_ref (order_row (self->order, position)->entity);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = vigie_entity_list_model_get_item_type;
  iface->get_n_items = vigie_entity_list_model_get_n_items;
  iface->get_item = vigie_entity_list_model_get_item;
}

/*
 * Overrides
 */

static void
vigie_entity_list_model_dispose (GObject *object)
{
  VigieEntityListModel *self = VIGIE_ENTITY_LIST_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_id, g_source_remove);

  G_OBJECT_CLASS (vigie_entity_list_model_parent_class)->dispose (object);
}

static void
vigie_entity_list_model_finalize (GObject *object)
{
  VigieEntityListModel *self = VIGIE_ENTITY_LIST_MODEL (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->order, order_unref);

  G_OBJECT_CLASS (vigie_entity_list_model_parent_class)->finalize (object);
}

static void
vigie_entity_list_model_class_init (VigieEntityListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_entity_list_model_dispose;
  object_class->finalize = vigie_entity_list_model_finalize;

  /**
   * VigieEntityListModel::updated:
   *
   * Emitted after the items-changed of a new order, the last one told:
   * positions found now hold.
   */
  signals [UPDATED] =
    g_signal_new ("updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
vigie_entity_list_model_init (VigieEntityListModel *self)
{
  vigie_style_thresholds_init (&self->thresholds);
  self->sort[0].column = VIGIE_ENTITY_LIST_COLUMN_NAME;
  self->n_sort = 1;
  self->cancellable = g_cancellable_new ();
}

/*
 * Public API
 */

/**
 * vigie_entity_list_model_new:
 * @model: (nullable): a #GListModel of #VigieEntity, such as a #VigieStore
 * @kind: the kind of feed, for the rows' states and values
 *
 * Returns: (transfer full): @model's items, sorted by name
 */
VigieEntityListModel *
vigie_entity_list_model_new (GListModel    *model,
                             VigieFeedKind  kind)
{
  VigieEntityListModel *self = g_object_new (VIGIE_TYPE_ENTITY_LIST_MODEL, NULL);

  self->kind = kind;
  vigie_entity_list_model_set_model (self, model);

  return self;
}

/**
 * vigie_entity_list_model_get_model:
 * @self: a #VigieEntityListModel
 *
 * Returns: (transfer none) (nullable): the model it sorts
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
  g_return_if_fail (VIGIE_IS_ENTITY_LIST_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model && self->order != NULL)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);

  fill (self);
}

/**
 * vigie_entity_list_model_set_thresholds:
 * @self: a #VigieEntityListModel
 * @thresholds: what the states are measured against
 *
 * The rows' states follow at the next update.
 */
void
vigie_entity_list_model_set_thresholds (VigieEntityListModel       *self,
                                        const VigieStyleThresholds *thresholds)
{
  g_return_if_fail (VIGIE_IS_ENTITY_LIST_MODEL (self));
  g_return_if_fail (thresholds != NULL);

  if (memcmp (&self->thresholds, thresholds, sizeof *thresholds) == 0)
    return;

  self->thresholds = *thresholds;
  queue_job (self);
}

/**
 * vigie_entity_list_model_set_sort:
 * @self: a #VigieEntityListModel
 * @sort: (array length=n_sort): the columns to sort by, the first deciding
 * @n_sort: how many, at most %VIGIE_ENTITY_LIST_N_COLUMNS
 *
 * Sorts again at once. Rows equal by every column are in the order of
 * their keys.
 */
void
vigie_entity_list_model_set_sort (VigieEntityListModel      *self,
                                  const VigieEntityListSort *sort,
                                  guint                      n_sort)
{
  g_return_if_fail (VIGIE_IS_ENTITY_LIST_MODEL (self));
  g_return_if_fail (n_sort <= VIGIE_ENTITY_LIST_N_COLUMNS);
  g_return_if_fail (n_sort == 0 || sort != NULL);

  if (n_sort == self->n_sort && memcmp (sort, self->sort, n_sort * sizeof *sort) == 0)
    return;

  memset (self->sort, 0, sizeof self->sort);
  if (n_sort > 0)
    memcpy (self->sort, sort, n_sort * sizeof *sort);
  self->n_sort = n_sort;
  sort_again (self);

  /* A worker's order from before is stale: it starts again when done. */
  if (self->running)
    self->dirty = TRUE;
}

/**
 * vigie_entity_list_model_find:
 * @self: a #VigieEntityListModel
 * @key: an entity's key (vigie_entity_get_key())
 *
 * Returns: the position of the row of the entity with @key, or
 *   %G_MAXUINT
 */
guint
vigie_entity_list_model_find (VigieEntityListModel *self,
                              const char           *key)
{
  Order *order;

  g_return_val_if_fail (VIGIE_IS_ENTITY_LIST_MODEL (self), G_MAXUINT);
  g_return_val_if_fail (key != NULL, G_MAXUINT);

  order = self->order;
  if (order == NULL || self->previous != NULL)
    return G_MAXUINT;

  /* A sort chosen by the operator made no index: a click's worth of work. */
  if (order->by_key != NULL)
    return GPOINTER_TO_UINT (g_hash_table_lookup (order->by_key, key)) - 1;

  for (guint i = 0; i < order->rows->len; i++)
    if (g_str_equal (vigie_entity_get_key (order_row (order, i)->entity), key))
      return i;

  return G_MAXUINT;
}

/**
 * vigie_entity_list_model_get_busy:
 * @self: a #VigieEntityListModel
 *
 * Returns: whether an update of the source waits to be shown
 */
gboolean
vigie_entity_list_model_get_busy (VigieEntityListModel *self)
{
  g_return_val_if_fail (VIGIE_IS_ENTITY_LIST_MODEL (self), FALSE);

  return self->running || self->idle_id != 0;
}
