/* test-entity-list-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vigie-entity-list-model.h"
#include "vigie-entity-list-slot.h"
#include "vigie-entity-list-slots.h"
#include "vigie-store.h"
#include "vigie-style-row.h"
#include "vigie-test-support.h"

/* A layer's list sorted by a model of its own: its rows in the order of
 * the columns asked, ties by key; an update sorted in a worker and told
 * by items-changed for the rows that changed only, in few runs, each
 * consistent with what the model says while it is told; a sort chosen
 * at once; a row found by its key. And the places the column view binds
 * (slots): told their new entity, never removed and added again but for
 * a change of count. */

#define N_STATIONS 600
#define N_LARGE (VIGIE_ENTITY_LIST_MODEL_SYNC_MAX + 1000)

typedef struct
{
  GPtrArray *mirror;      /* the rows as items-changed told them */
  guint      n_signals;
  guint      n_added;     /* rows told added, in all */
} Watch;

static VigieEntity *
station (guint  i,
         gint64 bikes)
{
  VigieEntityField fields[] = {
    { .key = "vehicles_available", .type = VIGIE_ENTITY_FIELD_INT, .i = bikes },
    { .key = "docks_available", .type = VIGIE_ENTITY_FIELD_INT, .i = 30 - bikes },
    { .key = "capacity", .type = VIGIE_ENTITY_FIELD_INT, .i = 30 },
  };
  g_autofree char *id = g_strdup_printf ("s%u", i);
  g_autofree char *name = g_strdup_printf ("Station %05u", (i * 7919) % 100000);

  return vigie_entity_new_from_fields (VIGIE_ENTITY_STATION, id, name, 47.7, 7.3,
                                       1700000000 + i % 600, fields, G_N_ELEMENTS (fields));
}

/* Stations 0 to n - 1 but @skip, and @extra new ones; the bikes of those
 * with (i + round) % every == 0 changed. */
static VigieSnapshot *
make_snapshot (VigieSnapshot *previous,
               guint          n,
               guint          round,
               guint          every,
               guint          skip,
               guint          extra)
{
  VigieSnapshot *snapshot = vigie_snapshot_new ();

  for (guint i = 0; i < n + extra; i++)
    if (i != skip)
      {
        gboolean changed = round > 0 && (i + round) % every == 0;

        vigie_snapshot_add_entity (snapshot, station (i, changed ? (i + 3 * round) % 31 : (gint64) (i % 31)));
      }
  vigie_snapshot_prepare (snapshot, previous, 1700000000 + round);

  return snapshot;
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Watch      *watch)
{
  g_assert_cmpuint (position + removed, <=, watch->mirror->len);
  g_ptr_array_remove_range (watch->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (watch->mirror, position + i, g_list_model_get_item (model, position + i));
  /* What the model says while it tells an update is what it told. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, watch->mirror->len);
  for (guint i = 0; i < watch->mirror->len; i++)
    {
      g_autoptr(VigieEntity) item = g_list_model_get_item (model, i);

      g_assert_true (item == g_ptr_array_index (watch->mirror, i));
    }

  watch->n_signals++;
  watch->n_added += added;
}

typedef struct
{
  VigieEntityListSort sort[2];
  guint               n_sort;
} Expected;

static int
compare_expected (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  VigieEntity *x = *(VigieEntity **) a, *y = *(VigieEntity **) b;
  const Expected *expected = user_data;

  for (guint i = 0; i < expected->n_sort; i++)
    {
      int result = 0;

      if (expected->sort[i].column == VIGIE_ENTITY_LIST_COLUMN_NAME)
        result = g_utf8_collate (vigie_entity_get_name (x), vigie_entity_get_name (y));
      else if (expected->sort[i].column == VIGIE_ENTITY_LIST_COLUMN_VALUE)
        {
          double p = 0, q = 0;
          /* The sort value only, not its words. */
          g_free (vigie_style_row_value (VIGIE_FEED_KIND_BIKES, x, &p));
          g_free (vigie_style_row_value (VIGIE_FEED_KIND_BIKES, y, &q));

          result = p < q ? -1 : p > q;
        }
      else
        g_assert_not_reached ();

      if (result != 0)
        return expected->sort[i].descending ? -result : result;
    }

  return strcmp (vigie_entity_get_key (x), vigie_entity_get_key (y));
}

/* The model's rows are the store's entities in the expected order, and
 * what items-changed told. */
static void
assert_rows (GListModel     *rows,
             VigieStore     *store,
             const Expected *expected,
             Watch          *watch)
{
  g_autoptr(GPtrArray) entities = vigie_store_dup_entities (store);
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (entities->len);

  /* Borrowed: the store's array holds them. */
  g_ptr_array_extend (sorted, entities, NULL, NULL);
  g_ptr_array_sort_with_data (sorted, compare_expected, (gpointer) expected);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, sorted->len);
  g_assert_cmpuint (watch->mirror->len, ==, sorted->len);
  for (guint i = 0; i < sorted->len; i++)
    {
      g_autoptr(VigieEntity) item = g_list_model_get_item (rows, i);

      g_assert_true (item == g_ptr_array_index (sorted, i));
      g_assert_true (item == g_ptr_array_index (watch->mirror, i));
      g_assert_cmpuint (vigie_entity_list_model_find (VIGIE_ENTITY_LIST_MODEL (rows), vigie_entity_get_key (item)), ==, i);
    }
  g_assert_null (g_list_model_get_item (rows, sorted->len));
}

/* Sorted, whichever entities it shows. */
static void
assert_sorted (GListModel     *rows,
               const Expected *expected,
               Watch          *watch)
{
  guint n = g_list_model_get_n_items (rows);

  g_assert_cmpuint (watch->mirror->len, ==, n);
  for (guint i = 1; i < n; i++)
    {
      VigieEntity *pair[2] = { g_list_model_get_item (rows, i - 1), g_list_model_get_item (rows, i) };

      g_assert_cmpint (compare_expected (&pair[0], &pair[1], (gpointer) expected), <, 0);
      g_assert_true (pair[1] == g_ptr_array_index (watch->mirror, i));
      g_object_unref (pair[0]);
      g_object_unref (pair[1]);
    }
}

static void
wait_settled (VigieEntityListModel *model)
{
  gint64 until = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (vigie_entity_list_model_get_busy (model))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, until);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
apply (VigieStore     *store,
       VigieSnapshot **shown,
       VigieSnapshot  *next)
{
  vigie_store_apply (store, next, 1700000000);
  vigie_snapshot_unref (*shown);
  *shown = next;
}

/* Every slot held shows the entity at its place. */
static void
assert_slots (GPtrArray  *held,
              GListModel *rows,
              GListModel *slots)
{
  g_assert_cmpuint (g_list_model_get_n_items (slots), ==, g_list_model_get_n_items (rows));
  for (guint i = 0; i < held->len; i++)
    {
      VigieEntityListSlot *slot = g_ptr_array_index (held, i);
      g_autoptr(VigieEntity) entity = g_list_model_get_item (rows, vigie_entity_list_slot_get_position (slot));

      g_assert_true (vigie_entity_list_slot_get_entity (slot) == entity);
    }
}

static void
test_sorted_updates (void)
{
  g_autoptr(VigieStore) store = vigie_store_new ();
  g_autoptr(VigieEntityListModel) model = NULL;
  VigieSnapshot *shown = make_snapshot (NULL, N_STATIONS, 0, 1, G_MAXUINT, 0);
  Watch watch = { g_ptr_array_new_with_free_func (g_object_unref), 0, 0 };
  Expected by_value = { { { VIGIE_ENTITY_LIST_COLUMN_VALUE, TRUE }, { VIGIE_ENTITY_LIST_COLUMN_NAME, FALSE } }, 2 };
  Expected by_name = { { { VIGIE_ENTITY_LIST_COLUMN_NAME, FALSE } }, 1 };
  g_autoptr(VigieEntityListSlots) slots = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  VigieTestItemsChanged slots_watch = { 0 };
  GListModel *rows;

  vigie_store_apply (store, shown, 1700000000);

  /* Small: sorted at once, by name to begin with. */
  model = vigie_entity_list_model_new (G_LIST_MODEL (store), VIGIE_FEED_KIND_BIKES);
  rows = G_LIST_MODEL (model);
  g_assert_false (vigie_entity_list_model_get_busy (model));
  for (guint i = 0; i < N_STATIONS; i++)
    g_ptr_array_add (watch.mirror, g_list_model_get_item (rows, i));
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &watch);
  assert_rows (rows, store, &by_name, &watch);

  /* By bikes, most first, then by name: at once. */
  vigie_entity_list_model_set_sort (model, by_value.sort, by_value.n_sort);
  g_assert_false (vigie_entity_list_model_get_busy (model));
  assert_rows (rows, store, &by_value, &watch);

  /* The column view's slots, the first 40 held as GTK holds its rows'. */
  slots = vigie_entity_list_slots_new (model);
  vigie_test_watch_items_changed (G_LIST_MODEL (slots), &slots_watch);
  for (guint i = 0; i < 40; i++)
    g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (slots), i));
  g_assert_cmpuint (vigie_entity_list_slots_get_n_live (slots), ==, 40);
  assert_slots (held, rows, G_LIST_MODEL (slots));

  /* One station changes: its row alone is told, in a worker's time. */
  watch.n_signals = watch.n_added = 0;
  apply (store, &shown, make_snapshot (shown, N_STATIONS, 1, N_STATIONS, G_MAXUINT, 0));
  g_assert_true (vigie_entity_list_model_get_busy (model));
  wait_settled (model);
  assert_rows (rows, store, &by_value, &watch);
  g_assert_cmpuint (watch.n_signals, >=, 1);
  g_assert_cmpuint (watch.n_signals, <=, 2);
  g_assert_cmpuint (watch.n_added, ==, 1);
  assert_slots (held, rows, G_LIST_MODEL (slots));
  g_assert_cmpuint (slots_watch.n_signals, ==, 0);

  /* One in five changes, one goes, two come: few runs, right order. */
  watch.n_signals = watch.n_added = 0;
  apply (store, &shown, make_snapshot (shown, N_STATIONS, 2, 5, 17, 2));
  wait_settled (model);
  assert_rows (rows, store, &by_value, &watch);
  g_assert_cmpuint (watch.n_signals, >=, 1);
  g_assert_cmpuint (watch.n_signals, <=, VIGIE_ENTITY_LIST_MODEL_MAX_RUNS);
  g_assert_cmpuint (watch.n_added, <, N_STATIONS);
  /* One more: the slots tell that one only, last. */
  assert_slots (held, rows, G_LIST_MODEL (slots));
  g_assert_cmpuint (slots_watch.n_signals, ==, 1);
  g_assert_cmpuint (slots_watch.position, ==, N_STATIONS);
  g_assert_cmpuint (slots_watch.removed, ==, 0);
  g_assert_cmpuint (slots_watch.added, ==, 1);

  /* Nothing changes: nothing is told. */
  watch.n_signals = watch.n_added = 0;
  apply (store, &shown, make_snapshot (shown, N_STATIONS, 2, 5, 17, 2));
  wait_settled (model);
  assert_rows (rows, store, &by_value, &watch);
  g_assert_cmpuint (watch.n_signals, ==, 0);

  /* Sorted again while an update is sorted in the worker: the worker's
   * order, made for the sort before, is not shown. */
  apply (store, &shown, make_snapshot (shown, N_STATIONS, 3, 3, 17, 2));
  while (!g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (vigie_entity_list_model_get_busy (model));
  vigie_entity_list_model_set_sort (model, by_name.sort, by_name.n_sort);
  assert_sorted (rows, &by_name, &watch);
  wait_settled (model);
  assert_rows (rows, store, &by_name, &watch);
  assert_slots (held, rows, G_LIST_MODEL (slots));
  g_assert_cmpuint (slots_watch.n_signals, ==, 1);

  /* Slots let go of are forgotten. */
  g_ptr_array_set_size (held, 0);
  g_assert_cmpuint (vigie_entity_list_slots_get_n_live (slots), ==, 0);

  vigie_snapshot_unref (shown);
  g_ptr_array_unref (watch.mirror);
}

/* Large: the first order too is made by the worker. */
static void
test_large (void)
{
  g_autoptr(VigieStore) store = vigie_store_new ();
  g_autoptr(VigieEntityListModel) model = NULL;
  VigieSnapshot *shown = make_snapshot (NULL, N_LARGE, 0, 1, G_MAXUINT, 0);
  Watch watch = { g_ptr_array_new_with_free_func (g_object_unref), 0, 0 };
  Expected by_name = { { { VIGIE_ENTITY_LIST_COLUMN_NAME, FALSE } }, 1 };

  vigie_store_apply (store, shown, 1700000000);
  model = vigie_entity_list_model_new (NULL, VIGIE_FEED_KIND_BIKES);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &watch);
  vigie_entity_list_model_set_model (model, G_LIST_MODEL (store));
  g_assert_true (vigie_entity_list_model_get_busy (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  wait_settled (model);
  assert_rows (G_LIST_MODEL (model), store, &by_name, &watch);

  /* One in five changes: at most so many runs, whatever their number. */
  watch.n_signals = 0;
  apply (store, &shown, make_snapshot (shown, N_LARGE, 1, 5, G_MAXUINT, 0));
  wait_settled (model);
  assert_rows (G_LIST_MODEL (model), store, &by_name, &watch);
  g_assert_cmpuint (watch.n_signals, >=, 1);
  g_assert_cmpuint (watch.n_signals, <=, VIGIE_ENTITY_LIST_MODEL_MAX_RUNS);

  /* Let go of: nothing left. */
  vigie_entity_list_model_set_model (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (watch.mirror->len, ==, 0);

  vigie_snapshot_unref (shown);
  g_ptr_array_unref (watch.mirror);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/entity-list-model/sorted-updates", test_sorted_updates);
  g_test_add_func ("/entity-list-model/large", test_large);

  return g_test_run ();
}
