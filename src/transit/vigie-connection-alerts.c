/* vigie-connection-alerts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-connection-alerts"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-clock.h"
#include "vigie-connection-alerts.h"
#include "vigie-hash.h"

/* Connection protection in the Alerts panel: each time the connections at
 * the station are worked out again (in a worker, vigie-connection-watch.c),
 * the proposals to hold a tram for a late train (vigie-connections.c: a
 * missed connection to a rare or the last tram) become alerts of the rule
 * "connection-hold", raised, moved and cleared here on the main thread
 * (a few dozen connections: O(connections)) and handed to the alert
 * center, which keeps, acknowledges and logs them like the others. The
 * rule's threshold is the longest hold the operator will consider. */

typedef struct
{
  gint64 since;
  int    level;
  char  *name;
} Raised;

struct _VigieConnectionAlerts
{
  GObject               parent_instance;

  VigieConnectionWatch *watch;
  VigieAlertCenter     *center;
  GSettings            *settings;
  VigieAlertRule        rule;
  GHashTable           *raised;   /* key → Raised */
};

G_DEFINE_FINAL_TYPE (VigieConnectionAlerts, vigie_connection_alerts, G_TYPE_OBJECT)

static void
raised_free (Raised *raised)
{
  g_free (raised->name);
  g_free (raised);
}

static gboolean
is_number (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text))
      return FALSE;
  return TRUE;
}

/* "TER 831234" where the headsign is the train's number, as in SNCF's
 * GTFS; "TER to Basel SBB" where it is where the train goes. */
static char *
train_text (const VigieDeparture *train)
{
  const char *line = train->line != NULL ? train->line : "?";

  if (is_number (train->headsign))
    return g_strdup_printf ("%s %s", line, train->headsign);
  if (train->headsign != NULL)
    /* Translators: a train and where it goes, "TER to Basel SBB". */
    return g_strdup_printf (_("%s to %s"), line, train->headsign);
  return g_strdup (line);
}

static int
hold_minutes (const VigieConnection *connection)
{
  return (int) ((connection->hold_s + 59) / 60);
}

/**
 * vigie_connection_describe_hold_alert:
 * @connection: a connection with a proposal to hold its tram
 * @interchange_name: the tram stop
 *
 * Returns: (transfer full): "Hold the line 2 tram to Nouveau Bassin at
 *   Gare Centrale for 3 min for the TER 831234 (+7 min); knock-on delay
 *   3 min", plain text
 */
char *
vigie_connection_describe_hold_alert (const VigieConnection *connection,
                                      const char            *interchange_name)
{
  g_autofree char *train = NULL;
  int minutes;
  int late;

  g_return_val_if_fail (connection != NULL, NULL);
  g_return_val_if_fail (connection->train != NULL, NULL);

  train = train_text (connection->train);
  minutes = hold_minutes (connection);
  late = (int) (MAX (connection->train->delay_s, 0) / 60);
  if (interchange_name == NULL)
    interchange_name = connection->planned != NULL ? connection->planned->stop_id : "?";

  if (connection->headsign != NULL)
    /* Translators: connection protection, proposed to the operator: "Hold
     * the line 2 tram to Nouveau Bassin at Gare Centrale for 3 min for the
     * TER 831234 (+7 min); knock-on delay 3 min". */
    return g_strdup_printf (_("Hold the line %s tram to %s at %s for %d min for the %s (+%d min); knock-on delay %d min"),
                            connection->line, connection->headsign, interchange_name, minutes, train, late, minutes);

  /* Translators: connection protection: "Hold the line 2 tram at Gare
   * Centrale for 3 min for the TER 831234 (+7 min); knock-on delay 3 min". */
  return g_strdup_printf (_("Hold the line %s tram at %s for %d min for the %s (+%d min); knock-on delay %d min"),
                          connection->line, interchange_name, minutes, train, late, minutes);
}

static char *
make_key (const VigieConnection      *connection,
          const VigieConnectionPlace *place)
{
  g_autofree char *what = NULL;

  /* One alert per train and tram direction, for as long as it holds. */
  if (connection->train->trip_id != NULL)
    what = g_strdup_printf ("%s|%s|%s", connection->train->trip_id, connection->line,
                            connection->headsign != NULL ? connection->headsign : "");
  else
    what = g_strdup_printf ("%" G_GINT64_FORMAT "|%s|%s", connection->train->scheduled, connection->line,
                            connection->headsign != NULL ? connection->headsign : "");

  return vigie_alert_make_key (VIGIE_ALERT_RULE_CONNECTION_HOLD, place->tram_feed_id, what);
}

/**
 * vigie_connection_alerts_collect:
 * @connections: (array length=n_connections): at one station
 * @place: where
 * @rule: the "connection-hold" rule
 * @now: Unix seconds
 *
 * Pure: any thread.
 *
 * Returns: (transfer full) (element-type VigieAlertEvent): a raised alert
 *   for each proposal to hold a tram no longer than the rule allows; none
 *   when the rule is off
 */
GPtrArray *
vigie_connection_alerts_collect (const VigieConnection      *connections,
                                 guint                       n_connections,
                                 const VigieConnectionPlace *place,
                                 const VigieAlertRule       *rule,
                                 gint64                      now)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_alert_event_free);

  g_return_val_if_fail (connections != NULL || n_connections == 0, events);
  g_return_val_if_fail (place != NULL, events);
  g_return_val_if_fail (rule != NULL, events);

  if (!rule->enabled || place->tram_feed_id == NULL)
    return events;

  for (guint i = 0; i < n_connections; i++)
    {
      const VigieConnection *connection = &connections[i];
      VigieAlertEvent *event;
      int minutes;

      if (!connection->hold || connection->planned == NULL || connection->train == NULL)
        continue;
      minutes = hold_minutes (connection);
      if (minutes < 1 || minutes > rule->threshold)
        continue;

      event = g_new0 (VigieAlertEvent, 1);
      event->type = VIGIE_ALERT_EVENT_RAISED;
      event->rule = VIGIE_ALERT_RULE_CONNECTION_HOLD;
      event->severity = rule->severity;
      event->key = make_key (connection, place);
      event->feed_id = g_strdup (place->tram_feed_id);
      /* Shown on the map: the tram stop, with its board. */
      event->entity_kind = VIGIE_ENTITY_STOP;
      event->entity_id = g_strdup (place->interchange_id);
      event->name = vigie_connection_describe_hold_alert (connection, place->interchange_name);
      event->latitude = NAN;
      event->longitude = NAN;
      event->since = now;
      event->at = now;
      event->value = minutes;
      event->level = minutes;
      g_ptr_array_add (events, event);
    }

  return events;
}

/* The proposals now against those raised: what to raise, move, clear. */
static void
update (VigieConnectionAlerts *self)
{
  const VigieConnectionPlace *place = vigie_connection_watch_get_place (self->watch);
  VigieAlertList *list = vigie_alert_center_get_alerts (self->center);
  const VigieConnection *connections;
  g_autoptr(GPtrArray) proposals = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_alert_event_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (vigie_str_hash, g_str_equal);
  GHashTableIter iter;
  const char *key;
  Raised *raised;
  guint n = 0;
  gint64 now = vigie_clock_now ();

  connections = vigie_connection_watch_get_connections (self->watch, &n);
  proposals = vigie_connection_alerts_collect (connections, n, place, &self->rule, now);

  for (guint i = 0; i < proposals->len; i++)
    {
      VigieAlertEvent *event = g_ptr_array_index (proposals, i);

      if (!g_hash_table_add (seen, event->key))
        continue;   /* one train, one direction: once */

      raised = g_hash_table_lookup (self->raised, event->key);
      if (raised != NULL && vigie_alert_list_lookup (list, event->key) != NULL)
        {
          event->since = raised->since;
          if (raised->level == event->level && g_strcmp0 (raised->name, event->name) == 0)
            continue;
          event->type = VIGIE_ALERT_EVENT_UPDATED;
        }
      else if (raised == NULL)
        {
          raised = g_new0 (Raised, 1);
          raised->since = now;
          g_hash_table_insert (self->raised, g_strdup (event->key), raised);
        }
      else
        event->since = raised->since;   /* its feed was removed and is back */

      raised->level = event->level;
      g_free (raised->name);
      raised->name = g_strdup (event->name);
      g_ptr_array_add (events, vigie_alert_event_copy (event));
    }

  /* No longer at risk, or no longer to be held: cleared. */
  g_hash_table_iter_init (&iter, self->raised);
  while (g_hash_table_iter_next (&iter, (gpointer *) &key, (gpointer *) &raised))
    {
      VigieAlertEvent *event;

      if (g_hash_table_contains (seen, key))
        continue;

      event = g_new0 (VigieAlertEvent, 1);
      event->type = VIGIE_ALERT_EVENT_CLEARED;
      event->rule = VIGIE_ALERT_RULE_CONNECTION_HOLD;
      event->severity = self->rule.severity;
      event->key = g_strdup (key);
      event->feed_id = g_strdup (place->tram_feed_id);
      event->name = g_strdup (raised->name);
      event->latitude = NAN;
      event->longitude = NAN;
      event->since = raised->since;
      event->at = now;
      event->value = raised->level;
      event->level = raised->level;
      g_ptr_array_add (events, event);
      g_hash_table_iter_remove (&iter);
    }

  if (events->len > 0)
    vigie_alert_center_add_events (self->center, events);
}

static void
load_rule (VigieConnectionAlerts *self)
{
  VigieAlertRules rules;

  vigie_alert_rules_load (&rules, self->settings);
  self->rule = rules.rules[VIGIE_ALERT_RULE_CONNECTION_HOLD];
}

static void
on_settings_changed_cb (VigieConnectionAlerts *self,
                        const char            *key)
{
  if (!g_str_equal (key, "alert-rules"))
    return;

  load_rule (self);
  update (self);
}

static void
vigie_connection_alerts_dispose (GObject *object)
{
  VigieConnectionAlerts *self = VIGIE_CONNECTION_ALERTS (object);

  if (self->watch != NULL)
    g_signal_handlers_disconnect_by_data (self->watch, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->watch);
  g_clear_object (&self->center);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vigie_connection_alerts_parent_class)->dispose (object);
}

static void
vigie_connection_alerts_finalize (GObject *object)
{
  VigieConnectionAlerts *self = VIGIE_CONNECTION_ALERTS (object);

  g_clear_pointer (&self->raised, g_hash_table_unref);

  G_OBJECT_CLASS (vigie_connection_alerts_parent_class)->finalize (object);
}

static void
vigie_connection_alerts_class_init (VigieConnectionAlertsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_connection_alerts_dispose;
  object_class->finalize = vigie_connection_alerts_finalize;
}

static void
vigie_connection_alerts_init (VigieConnectionAlerts *self)
{
  self->raised = g_hash_table_new_full (vigie_str_hash, g_str_equal, g_free, (GDestroyNotify) raised_free);
}

/**
 * vigie_connection_alerts_new:
 * @watch: the connections at the station
 * @center: where the alerts go
 * @settings: the app's settings ("alert-rules")
 *
 * Returns: (transfer full): the proposals to hold a tram of @watch, as
 *   alerts of @center, for as long as it lives
 */
VigieConnectionAlerts *
vigie_connection_alerts_new (VigieConnectionWatch *watch,
                             VigieAlertCenter     *center,
                             GSettings            *settings)
{
  VigieConnectionAlerts *self;

  g_return_val_if_fail (VIGIE_IS_CONNECTION_WATCH (watch), NULL);
  g_return_val_if_fail (VIGIE_IS_ALERT_CENTER (center), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (VIGIE_TYPE_CONNECTION_ALERTS, NULL);
  self->watch = g_object_ref (watch);
  self->center = g_object_ref (center);
  self->settings = g_object_ref (settings);
  load_rule (self);

  g_signal_connect_object (watch, "changed", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
  update (self);

  return self;
}
