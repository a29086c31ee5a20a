/* vigie-temporal-past.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-temporal"

#include "config.h"

#include <math.h>

#include "vigie-temporal-past.h"

/* What the broker's series make, in a worker: a feed's snapshot at an
 * instant for replay, an entity's last 24 hours for its sparkline, the
 * same as vigie-history-replay.c and vigie-history-query.c make from
 * SQLite. */

static VigieHistoryRun *
append_run (GArray *runs,
            gint64  from,
            double  value)
{
  VigieHistoryRun run = { from, 0, value, 0 };

  if (runs->len > 0)
    {
      VigieHistoryRun *last = &g_array_index (runs, VigieHistoryRun, runs->len - 1);

      /* Run-length: a value that did not change goes on. */
      if (last->value == value)
        return last;
      last->until = from;
    }
  g_array_append_val (runs, run);

  return &g_array_index (runs, VigieHistoryRun, runs->len - 1);
}

/* A series as runs (value, from, until), until 0 for the one that holds. */
static GArray *
series_runs (VigieTemporalData *data,
             const char        *entity_id,
             const char        *field,
             gint64             from)
{
  GArray *series = vigie_temporal_data_get_series (data, entity_id, field);
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (VigieHistoryRun));

  for (guint i = 0; series != NULL && i < series->len; i++)
    {
      VigieTemporalInstance *instance = &g_array_index (series, VigieTemporalInstance, i);

      /* Words are not drawn; what held before @from starts the day. */
      if (instance->text != NULL || isnan (instance->value))
        continue;
      if (i + 1 < series->len && g_array_index (series, VigieTemporalInstance, i + 1).time <= from)
        continue;
      append_run (runs, instance->time, instance->value);
    }

  return runs;
}

/**
 * vigie_temporal_sparkline:
 * @data: what the broker gave, finished
 * @entity_id: the entity's NGSI-LD id
 * @field: the value drawn
 * @condition_field: (nullable): whose run at 0 says since when
 * @now: the end of the day shown
 *
 * The same day as vigie_history_sparkline_read() gives from SQLite.
 *
 * Returns: (transfer full): the sparkline
 */
VigieHistorySparkline *
vigie_temporal_sparkline (VigieTemporalData *data,
                          const char        *entity_id,
                          const char        *field,
                          const char        *condition_field,
                          gint64             now)
{
  g_autoptr(VigieHistorySparkline) sparkline = g_new0 (VigieHistorySparkline, 1);
  g_autoptr(GArray) runs = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (entity_id != NULL && field != NULL, NULL);

  sparkline->from = now - 24 * 3600;
  sparkline->to = now;
  sparkline->min = INFINITY;
  sparkline->max = -INFINITY;
  runs = series_runs (data, entity_id, field, sparkline->from);
  sparkline->runs = g_array_new (FALSE, FALSE, sizeof (VigieHistoryRun));

  for (guint i = 0; i < runs->len; i++)
    {
      VigieHistoryRun run = g_array_index (runs, VigieHistoryRun, i);

      if (run.from > now || (run.until != 0 && run.until <= sparkline->from))
        continue;
      if (run.until == 0 || run.until > now)
        {
          sparkline->now = run.value;
          sparkline->has_now = TRUE;
        }
      run.from = MAX (run.from, sparkline->from);
      run.until = run.until == 0 ? now : MIN (run.until, now);
      sparkline->min = MIN (sparkline->min, run.value);
      sparkline->max = MAX (sparkline->max, run.value);
      sparkline->has_data = TRUE;
      g_array_append_val (sparkline->runs, run);
    }

  if (condition_field != NULL)
    {
      g_autoptr(GArray) condition = series_runs (data, entity_id, condition_field, sparkline->from);

      if (condition->len > 0)
        {
          VigieHistoryRun *last = &g_array_index (condition, VigieHistoryRun, condition->len - 1);

          if (last->value == 0 && last->from <= now)
            sparkline->condition_since = last->from;
        }
    }

  return g_steal_pointer (&sparkline);
}

/**
 * vigie_temporal_build_snapshot:
 * @data: what the broker gave, finished
 * @entities: (element-type VigieEntity): what the feed shows now
 * @previous: (nullable): the snapshot of the last instant replayed
 * @time: the instant
 *
 * A worker only. As vigie_history_replay_build() does from SQLite: places
 * and names from the feed now, the values the broker kept at @time; an
 * entity the broker keeps no value of at @time is left out, one it does
 * not know is shown as it is.
 *
 * Returns: (transfer full): the feed at @time, prepared
 */
VigieSnapshot *
vigie_temporal_build_snapshot (VigieTemporalData *data,
                               GPtrArray         *entities,
                               VigieSnapshot     *previous,
                               gint64             time)
{
  VigieSnapshot *snapshot;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (entities != NULL, NULL);

  vigie_temporal_data_finish (data);
  snapshot = vigie_snapshot_new ();
  vigie_snapshot_set_max_entities (snapshot, MAX (entities->len, 1));
  for (guint i = 0; i < entities->len; i++)
    {
      VigieEntity *entity = g_ptr_array_index (entities, i);
      const char *id = vigie_entity_get_id (entity);
      g_autoptr(GVariant) values = NULL;

      if (!vigie_temporal_data_has_entity (data, id))
        {
          vigie_snapshot_add_entity (snapshot, vigie_entity_copy (entity));
          continue;
        }

      values = vigie_temporal_data_values_at (data, id, vigie_entity_get_values (entity), time);
      if (values == NULL)
        continue;
      /* Fresh as the feed is now: the banner says it is the past. */
      vigie_snapshot_add_entity (snapshot, vigie_entity_copy_with_values (entity, values));
    }
  vigie_snapshot_prepare (snapshot, previous, time);

  return snapshot;
}
