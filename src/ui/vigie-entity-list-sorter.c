/* vigie-entity-list-sorter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-entity-list-sorter"

#include "config.h"

#include "vigie-entity-list-sorter.h"

/* Which columns a layer's table sorts by. GTK 4.8's GtkColumnViewSorter
 * says nothing of them (gtk_column_view_sorter_get_nth_sort_column() is
 * 4.10), and the rows are sorted by a model of our own, in a worker, not
 * by it: the sorter is asked, with the columns' own sorters, which are
 * only ever called so. It calls them in its order, the first deciding,
 * until one says two items differ (GTK 4.8 keeps one column), and never
 * for an item against itself: two probes, the first one carrying what
 * the columns' sorters were asked. */

typedef struct
{
  VigieEntityListColumn columns[VIGIE_ENTITY_LIST_N_COLUMNS];
  guint                 n_calls;
  guint                 differs_at;   /* the call that says "before" */
} Probe;

static int
probe_cb (gconstpointer a,
          gconstpointer b,
          gpointer      user_data)
{
  Probe *probe = g_object_get_data (G_OBJECT (a), "vigie-probe");
  guint call;

  /* Asked by someone else: no order of its own. */
  if (probe == NULL)
    return 0;

  call = probe->n_calls++;
  if (call < G_N_ELEMENTS (probe->columns))
    probe->columns[call] = GPOINTER_TO_UINT (user_data);

  return call == probe->differs_at ? -1 : 0;
}

/**
 * vigie_entity_list_sorter_set:
 * @column: a column of the table
 * @which: what it sorts by
 *
 * Makes @column sortable, its header clickable.
 */
void
vigie_entity_list_sorter_set (GtkColumnViewColumn   *column,
                              VigieEntityListColumn  which)
{
  g_autoptr(GtkSorter) sorter = NULL;

  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));

  sorter = GTK_SORTER (gtk_custom_sorter_new (probe_cb, GUINT_TO_POINTER (which), NULL));
  gtk_column_view_column_set_sorter (column, sorter);
}

/**
 * vigie_entity_list_sorter_read:
 * @view: a table whose columns have their sorters from
 *   vigie_entity_list_sorter_set()
 * @sort: (out caller-allocates) (array fixed-size=4): the columns it sorts
 *   by, the first deciding
 *
 * Returns: how many columns @sort holds
 */
guint
vigie_entity_list_sorter_read (GtkColumnView       *view,
                               VigieEntityListSort *sort)
{
  GtkSorter *sorter;
  g_autoptr(GObject) first = NULL;
  g_autoptr(GObject) second = NULL;
  Probe probe = { .differs_at = G_MAXUINT };
  guint n_sort;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), 0);
  g_return_val_if_fail (sort != NULL, 0);

  sorter = gtk_column_view_get_sorter (view);
  first = g_object_new (G_TYPE_OBJECT, NULL);
  second = g_object_new (G_TYPE_OBJECT, NULL);
  g_object_set_data (first, "vigie-probe", &probe);

  gtk_sorter_compare (sorter, first, second);
  n_sort = MIN (probe.n_calls, VIGIE_ENTITY_LIST_N_COLUMNS);
  for (guint i = 0; i < n_sort; i++)
    sort[i].column = probe.columns[i];

  for (guint i = 0; i < n_sort; i++)
    {
      probe.n_calls = 0;
      probe.differs_at = i;
      sort[i].descending = gtk_sorter_compare (sorter, first, second) == GTK_ORDERING_LARGER;
    }

  return n_sort;
}
