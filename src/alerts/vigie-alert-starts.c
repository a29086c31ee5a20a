/* vigie-alert-starts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-alert-starts"

#include "config.h"

#include "vigie-alert-starts.h"
#include "vigie-history-starts.h"

/* The engine counts a condition's duration from when it first saw it: an
 * app started again would bring back every "empty for 15 minutes" alert
 * only 15 minutes later, though its own history says the dock has been
 * empty since 08:15. So, once a feed, before its first evaluation, the
 * history is asked since when its things have had nothing to rent or
 * nowhere to leave one (the runs at 0 its popovers tell), and the engine
 * starts their states there. */

typedef struct
{
  VigieFeedKind       feed_kind;
  VigieAlertRuleKind  rule;
  const char         *field;
} RuleField;

/* Rules "a count at most N": a run at 0 is the condition held (N >= 0). */
static const RuleField rule_fields[] = {
  { VIGIE_FEED_KIND_BIKES, VIGIE_ALERT_RULE_BIKES_EMPTY, "vehicles_available" },
  { VIGIE_FEED_KIND_BIKES, VIGIE_ALERT_RULE_BIKES_FULL, "docks_available" },
  { VIGIE_FEED_KIND_CAR_SHARE, VIGIE_ALERT_RULE_CAR_SHARE_EMPTY, "vehicles_available" },
};

/**
 * vigie_alert_starts_load:
 * @engine: the engine
 * @history_path: the history database
 * @feed_id: the feed about to be evaluated the first time
 * @now: the time of its update
 *
 * Reads the history once for @feed_id and hands the engine what it knows
 * (vigie_alert_engine_set_starts()). In the feed's worker: one read-only
 * query a field, never on the main thread.
 *
 * Returns: %FALSE on an error reading the history (the engine then counts
 *   from now, as without one)
 */
gboolean
vigie_alert_starts_load (VigieAlertEngine  *engine,
                         const char        *history_path,
                         const char        *feed_id,
                         VigieFeedKind      feed_kind,
                         gint64             now,
                         GError           **error)
{
  const char *fields[G_N_ELEMENTS (rule_fields) + 1] = { NULL, };
  VigieAlertRuleKind rules[G_N_ELEMENTS (rule_fields)];
  GHashTable *starts[G_N_ELEMENTS (rule_fields)] = { NULL, };
  guint n = 0;

  g_return_val_if_fail (engine != NULL, FALSE);
  g_return_val_if_fail (history_path != NULL, FALSE);
  g_return_val_if_fail (feed_id != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (rule_fields); i++)
    if (rule_fields[i].feed_kind == feed_kind)
      {
        rules[n] = rule_fields[i].rule;
        fields[n++] = rule_fields[i].field;
      }
  if (n == 0)
    return TRUE;

  if (!vigie_history_read_zero_starts_file (history_path, feed_id, fields, now, starts, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    vigie_alert_engine_set_starts (engine, feed_id, rules[i], starts[i], now);

  return TRUE;
}
