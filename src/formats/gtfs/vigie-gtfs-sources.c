/* vigie-gtfs-sources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-format-gtfs"

#include "config.h"

#include "vigie-gtfs-sources.h"

/* Tells our payload from another format's. */
#define SOURCES_MAGIC 0x47534f55u

typedef struct
{
  guint32        magic;
  VigieGtfs     *gtfs;           /* nullable */
  VigieSnapshot *trip_updates;   /* nullable */
} Sources;

static void
sources_free (gpointer data)
{
  Sources *sources = data;

  g_clear_pointer (&sources->gtfs, vigie_gtfs_unref);
  g_clear_pointer (&sources->trip_updates, vigie_snapshot_unref);
  g_free (sources);
}

/**
 * vigie_gtfs_sources_attach:
 * @combined: a GTFS feed's combined snapshot
 * @gtfs: (nullable): its timetable
 * @trip_updates: (nullable): the snapshot its trip updates came in
 *
 * Both are immutable: any thread may read them from @combined.
 */
void
vigie_gtfs_sources_attach (VigieSnapshot *combined,
                           VigieGtfs     *gtfs,
                           VigieSnapshot *trip_updates)
{
  Sources *sources;

  g_return_if_fail (combined != NULL);

  if (gtfs == NULL && trip_updates == NULL)
    return;

  sources = g_new0 (Sources, 1);
  sources->magic = SOURCES_MAGIC;
  sources->gtfs = gtfs != NULL ? vigie_gtfs_ref (gtfs) : NULL;
  sources->trip_updates = trip_updates != NULL ? vigie_snapshot_ref (trip_updates) : NULL;
  vigie_snapshot_set_payload (combined, sources, sources_free);
}

/**
 * vigie_gtfs_sources_get:
 * @combined: a snapshot of any format
 * @gtfs: (out) (transfer none) (optional) (nullable): the timetable
 * @trip_updates: (out) (transfer none) (optional) (nullable): the trip updates
 *
 * Returns: whether @combined is a GTFS feed's, with its sources
 */
gboolean
vigie_gtfs_sources_get (VigieSnapshot  *combined,
                        VigieGtfs     **gtfs,
                        VigieSnapshot **trip_updates)
{
  Sources *sources;

  g_return_val_if_fail (combined != NULL, FALSE);

  sources = vigie_snapshot_get_payload (combined);
  if (sources == NULL || sources->magic != SOURCES_MAGIC)
    return FALSE;

  if (gtfs != NULL)
    *gtfs = sources->gtfs;
  if (trip_updates != NULL)
    *trip_updates = sources->trip_updates;

  return TRUE;
}
