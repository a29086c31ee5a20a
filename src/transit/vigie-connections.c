/* vigie-connections.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-connections"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-connections.h"

/* The connection a traveller from a train is promised is the first tram
 * of the line and direction that the timetable has leaving once the train
 * is in and the walk is done (scheduled times). Whether it is made is
 * told with the real times: the train's expected arrival plus the walk
 * against the tram's expected departure. */

typedef struct
{
  const char *line;
  const char *headsign;
} Direction;

void
vigie_connection_rules_init (VigieConnectionRules *rules)
{
  g_return_if_fail (rules != NULL);

  rules->walk_s = VIGIE_CONNECTION_DEFAULT_WALK_S;
  rules->tight_s = VIGIE_CONNECTION_DEFAULT_TIGHT_S;
  rules->horizon_s = VIGIE_CONNECTION_DEFAULT_HORIZON_S;
  rules->rare_s = VIGIE_CONNECTION_DEFAULT_RARE_S;
}

static gboolean
same_direction (const VigieDeparture *departure,
                const char           *line,
                const char           *headsign)
{
  return g_strcmp0 (departure->line, line) == 0 && g_strcmp0 (departure->headsign, headsign) == 0;
}

static gboolean
runs (const VigieDeparture *departure)
{
  return departure->state == VIGIE_DEPARTURE_RUNS;
}

/* The first of the direction leaving at or after @at: by its scheduled
 * time (the promise), or its real one among those that run. */
static const VigieDeparture *
first_after (const VigieConnectionStop *stop,
             const char                *line,
             const char                *headsign,
             gint64                     at,
             gboolean                   scheduled)
{
  const VigieDeparture *best = NULL;

  for (guint i = 0; i < stop->n_departures; i++)
    {
      const VigieDeparture *departure = &stop->departures[i];
      gint64 time;

      if (!same_direction (departure, line, headsign) || departure->state == VIGIE_DEPARTURE_SKIPPED)
        continue;
      if (!scheduled && !runs (departure))
        continue;

      time = scheduled && departure->scheduled != 0 ? departure->scheduled : vigie_departure_get_time (departure);
      if (time >= at && (best == NULL || time < (scheduled && best->scheduled != 0 ? best->scheduled
                                                                                    : vigie_departure_get_time (best))))
        best = departure;
    }

  return best;
}

static GArray *
list_directions (const VigieConnectionStop *stop)
{
  GArray *directions = g_array_new (FALSE, FALSE, sizeof (Direction));

  for (guint i = 0; i < stop->n_departures; i++)
    {
      const VigieDeparture *departure = &stop->departures[i];
      gboolean known = FALSE;

      for (guint d = 0; d < directions->len && !known; d++)
        {
          Direction *direction = &g_array_index (directions, Direction, d);

          known = same_direction (departure, direction->line, direction->headsign);
        }
      if (!known)
        g_array_append_val (directions, ((Direction) { departure->line, departure->headsign }));
    }

  return directions;
}

static void
connect_train (GArray                     *connections,
               const VigieDeparture       *train,
               const Direction            *direction,
               const VigieConnectionStop  *interchange,
               const VigieConnectionStop  *others,
               guint                       n_others,
               const VigieConnectionRules *rules)
{
  VigieConnection connection = { train, direction->line, direction->headsign, VIGIE_CONNECTION_NONE, };
  gint64 in_at = vigie_departure_get_time (train);
  gint64 promised_at = (train->scheduled != 0 ? train->scheduled : in_at) + rules->walk_s;
  gint64 ready_at = in_at + rules->walk_s;

  connection.planned = first_after (interchange, direction->line, direction->headsign, promised_at, TRUE);
  connection.next = first_after (interchange, direction->line, direction->headsign, ready_at, FALSE);

  if (connection.planned != NULL)
    {
      connection.margin_s = vigie_departure_get_time (connection.planned) - ready_at;
      if (!runs (connection.planned) || connection.margin_s < 0)
        connection.status = VIGIE_CONNECTION_MISSED;
      else if (connection.margin_s < rules->tight_s)
        connection.status = VIGIE_CONNECTION_TIGHT;
      else
        connection.status = VIGIE_CONNECTION_ASSURED;
    }

  /* Missed for a late train, with a long wait or none after: hold the
   * tram as long as the train is late for it. */
  if (connection.status == VIGIE_CONNECTION_MISSED && runs (connection.planned))
    {
      connection.wait_s = connection.next != NULL ? vigie_departure_get_time (connection.next) - ready_at : -1;
      if (connection.wait_s < 0 || connection.wait_s > rules->rare_s)
        {
          connection.hold = TRUE;
          connection.hold_s = -connection.margin_s;
        }
    }

  /* Missed: a stop within walking distance may have one sooner. */
  if (connection.status == VIGIE_CONNECTION_MISSED)
    for (guint s = 0; s < n_others; s++)
      {
        const VigieDeparture *other = first_after (&others[s], direction->line, direction->headsign,
                                                   in_at + others[s].walk_s, FALSE);

        if (other != NULL &&
            (connection.next == NULL || vigie_departure_get_time (other) < vigie_departure_get_time (connection.next)) &&
            (connection.other == NULL || vigie_departure_get_time (other) < vigie_departure_get_time (connection.other)))
          {
            connection.other = other;
            connection.other_name = others[s].name;
            connection.other_walk_s = others[s].walk_s;
          }
      }

  g_array_append_val (connections, connection);
}

/**
 * vigie_connections_compute:
 * @trains: (array length=n_trains): the trains' arrivals at the station,
 *   soonest first
 * @interchange: the tram stop they connect to
 * @others: (array length=n_others) (nullable): stops within walking distance
 * @rules: the walk, the margin, the horizon
 * @now: the moment
 *
 * Returns: (transfer full) (element-type VigieConnection): for each train
 *   arriving from @now to the horizon (canceled ones left out) and each
 *   line and direction of @interchange, its connection; pointers into the
 *   departures given and the stops' names
 */
GArray *
vigie_connections_compute (const VigieDeparture       *trains,
                           guint                       n_trains,
                           const VigieConnectionStop  *interchange,
                           const VigieConnectionStop  *others,
                           guint                       n_others,
                           const VigieConnectionRules *rules,
                           gint64                      now)
{
  GArray *connections = g_array_new (FALSE, FALSE, sizeof (VigieConnection));
  g_autoptr(GArray) directions = NULL;

  g_return_val_if_fail (trains != NULL || n_trains == 0, connections);
  g_return_val_if_fail (interchange != NULL, connections);
  g_return_val_if_fail (rules != NULL, connections);

  directions = list_directions (interchange);

  for (guint t = 0; t < n_trains; t++)
    {
      const VigieDeparture *train = &trains[t];
      gint64 in_at = vigie_departure_get_time (train);

      if (!runs (train) || in_at < now || in_at > now + rules->horizon_s)
        continue;

      for (guint d = 0; d < directions->len; d++)
        connect_train (connections, train, &g_array_index (directions, Direction, d),
                       interchange, others, n_others, rules);
    }

  return connections;
}

/**
 * vigie_connection_status_to_words:
 *
 * Returns: the status in a word or two
 */
const char *
vigie_connection_status_to_words (VigieConnectionStatus status)
{
  switch (status)
    {
    case VIGIE_CONNECTION_ASSURED:
      /* Translators: a connection from a train to a tram that will be made. */
      return _("assured");
    case VIGIE_CONNECTION_TIGHT:
      /* Translators: a connection made with little time to spare. */
      return _("tight");
    case VIGIE_CONNECTION_MISSED:
      /* Translators: a connection the traveller will miss. */
      return _("missed");
    case VIGIE_CONNECTION_NONE:
    default:
      /* Translators: no tram to connect to. */
      return _("no tram");
    }
}

/**
 * vigie_connection_status_to_mark:
 *
 * Returns: a shape for the status, beside its words: ✔ ⚠ ✖ –
 */
const char *
vigie_connection_status_to_mark (VigieConnectionStatus status)
{
  switch (status)
    {
    case VIGIE_CONNECTION_ASSURED:
      return "✔";
    case VIGIE_CONNECTION_TIGHT:
      return "⚠";
    case VIGIE_CONNECTION_MISSED:
      return "✖";
    case VIGIE_CONNECTION_NONE:
    default:
      return "–";
    }
}

static char *
clock_text (gint64 time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (time);

  return when != NULL ? g_date_time_format (when, "%H:%M") : g_strdup ("?");
}

static char *
direction_text (const VigieConnection *connection)
{
  if (connection->headsign != NULL)
    /* Translators: a tram line and its direction, "line 1 to Châtaignier". */
    return g_strdup_printf (_("line %s to %s"), connection->line, connection->headsign);

  /* Translators: a tram line, "line 1". */
  return g_strdup_printf (_("line %s"), connection->line);
}

/**
 * vigie_connection_describe:
 * @connection: a connection
 *
 * The answer to the traveller's question, in a sentence: "Line 1 to
 * Châtaignier at 10:36: missed; next at 10:52, or Porte Jeune, 6 min on
 * foot, at 10:47."
 *
 * Returns: (transfer full): the sentence
 */
char *
vigie_connection_describe (const VigieConnection *connection)
{
  g_autofree char *direction = NULL;
  g_autofree char *first = NULL;
  GString *sentence;

  g_return_val_if_fail (connection != NULL, NULL);

  direction = direction_text (connection);
  first = g_strdup_printf ("%c%s", g_ascii_toupper (direction[0]), direction + 1);
  sentence = g_string_new (NULL);

  if (connection->planned == NULL)
    {
      /* Translators: "Line 1 to Châtaignier: no tram to connect to". */
      g_string_printf (sentence, _("%s: no tram to connect to"), first);
      return g_string_free (sentence, FALSE);
    }

  {
    g_autofree char *at = clock_text (vigie_departure_get_time (connection->planned));
    gint64 minutes = connection->margin_s / 60;

    switch (connection->status)
      {
      case VIGIE_CONNECTION_ASSURED:
        /* Translators: "Line 1 to Châtaignier at 10:42: assured, 5 min to spare". */
        g_string_printf (sentence, _("%s at %s: assured, %d min to spare"), first, at, (int) minutes);
        break;
      case VIGIE_CONNECTION_TIGHT:
        /* Translators: "Line 1 to Châtaignier at 10:42: tight, 1 min to spare". */
        g_string_printf (sentence, _("%s at %s: tight, %d min to spare"), first, at, (int) minutes);
        break;
      case VIGIE_CONNECTION_MISSED:
      case VIGIE_CONNECTION_NONE:
      default:
        if (runs (connection->planned))
          /* Translators: "Line 1 to Châtaignier at 10:36: missed". */
          g_string_printf (sentence, _("%s at %s: missed"), first, at);
        else
          /* Translators: "Line 1 to Châtaignier at 10:36: canceled". */
          g_string_printf (sentence, _("%s at %s: canceled"), first, at);
        if (connection->next != NULL)
          {
            g_autofree char *next = clock_text (vigie_departure_get_time (connection->next));

            /* Translators: appended to a missed connection: "; next at 10:52". */
            g_string_append_printf (sentence, _("; next at %s"), next);
          }
        if (connection->other != NULL)
          {
            g_autofree char *other = clock_text (vigie_departure_get_time (connection->other));

            /* Translators: appended to a missed connection: ", or Porte Jeune, 6 min on foot, at 10:47". */
            g_string_append_printf (sentence, _(", or %s, %d min on foot, at %s"), connection->other_name,
                                    (int) (connection->other_walk_s / 60), other);
          }
        break;
      }
  }

  return g_string_free (sentence, FALSE);
}

/**
 * vigie_connection_describe_train:
 * @train: a train's arrival
 *
 * Returns: (transfer full): "TER to Basel SBB, due 08:42, in at 08:48
 *   (+6 min)", or "…, due 08:42, on time"
 */
char *
vigie_connection_describe_train (const VigieDeparture *train)
{
  g_autofree char *due = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (train != NULL, NULL);

  due = clock_text (train->scheduled != 0 ? train->scheduled : vigie_departure_get_time (train));
  if (train->headsign != NULL)
    /* Translators: a train and where it goes, "TER to Basel SBB". */
    what = g_strdup_printf (_("%s to %s"), train->line != NULL ? train->line : "?", train->headsign);
  else
    what = g_strdup (train->line != NULL ? train->line : "?");

  if (train->has_delay && train->delay_s >= 60)
    {
      g_autofree char *in_at = clock_text (vigie_departure_get_time (train));

      /* Translators: "TER to Basel SBB, due 08:42, in at 08:48 (+6 min)". */
      return g_strdup_printf (_("%s, due %s, in at %s (+%d min)"), what, due, in_at, (int) (train->delay_s / 60));
    }
  if (train->has_delay)
    /* Translators: "TER to Basel SBB, due 08:42, on time". */
    return g_strdup_printf (_("%s, due %s, on time"), what, due);

  /* Translators: "TER to Basel SBB, due 08:42" (no real-time data). */
  return g_strdup_printf (_("%s, due %s"), what, due);
}

/**
 * vigie_connection_describe_hold:
 * @connection: a connection
 *
 * Returns: (transfer full) (nullable): the proposal to hold the tram, in a
 *   sentence, or %NULL when there is none
 */
char *
vigie_connection_describe_hold (const VigieConnection *connection)
{
  g_autofree char *direction = NULL;
  g_autofree char *at = NULL;
  int minutes;

  g_return_val_if_fail (connection != NULL, NULL);

  if (!connection->hold || connection->planned == NULL)
    return NULL;

  direction = direction_text (connection);
  at = clock_text (vigie_departure_get_time (connection->planned));
  minutes = (int) ((connection->hold_s + 59) / 60);

  if (connection->wait_s < 0)
    /* Translators: "Hold line 1 to Châtaignier at 22:40 for 3 min (its knock-on delay): it is the last tram". */
    return g_strdup_printf (_("Hold %s at %s for %d min (its knock-on delay): it is the last tram"),
                            direction, at, minutes);

  /* Translators: "Hold line 1 to Châtaignier at 10:40 for 3 min (its knock-on delay): the next comes 25 min later". */
  return g_strdup_printf (_("Hold %s at %s for %d min (its knock-on delay): the next comes %d min later"),
                          direction, at, minutes, (int) (connection->wait_s / 60));
}
