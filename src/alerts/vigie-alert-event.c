/* vigie-alert-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-alert-event"

#include "config.h"

#include <string.h>

#include "vigie-alert-engine-private.h"

/* One change of one alert, as the engine and the other sources of alerts
 * hand it to the main thread: made field by field (g_new0() and a string
 * each), or packed by the engine, which makes thousands. */

void
vigie_alert_event_free (VigieAlertEvent *event)
{
  if (event == NULL)
    return;

  if (!event->packed)
    {
      g_free (event->key);
      g_free (event->feed_id);
      g_free (event->entity_id);
      g_free (event->name);
    }
  g_free (event);
}

/* Appends @length bytes of @value and a nul to a packed event's block at
 * *@next. */
static char *
pack_string (char       **next,
             const char  *value,
             gsize        length)
{
  char *copy;

  if (value == NULL)
    return NULL;

  copy = memcpy (*next, value, length);
  copy[length] = '\0';
  *next += length + 1;

  return copy;
}

/**
 * vigie_alert_event_new_packed:
 * @fields: the event, its strings borrowed
 * @rule_id: its rule's id, the start of its key
 * @entity_key: (nullable): its thing's key, the end of its key
 *
 * An event and its strings in one block: an update can raise or clear
 * thousands at once, and five allocations each cost more than the rules
 * (its key's parts joined here, as vigie_alert_make_key() does; each
 * string measured once).
 *
 * Returns: (transfer full): the event, for vigie_alert_event_free()
 */
VigieAlertEvent *
vigie_alert_event_new_packed (const VigieAlertEvent *fields,
                              const char            *rule_id,
                              const char            *entity_key)
{
  gsize rule_length = strlen (rule_id);
  gsize feed_length = strlen (fields->feed_id);
  gsize entity_key_length = entity_key != NULL ? strlen (entity_key) : 0;
  gsize entity_id_length = fields->entity_id != NULL ? strlen (fields->entity_id) : 0;
  gsize name_length = fields->name != NULL ? strlen (fields->name) : 0;
  gsize key_length = rule_length + 1 + feed_length + (entity_key != NULL ? 1 + entity_key_length : 0);
  gsize size = sizeof (VigieAlertEvent) + key_length + 1 + feed_length + 1 +
               (fields->entity_id != NULL ? entity_id_length + 1 : 0) +
               (fields->name != NULL ? name_length + 1 : 0);
  VigieAlertEvent *event = g_malloc (size);
  char *next = (char *) (event + 1);

  *event = *fields;
  event->packed = TRUE;
  event->key = next;
  memcpy (next, rule_id, rule_length);
  next += rule_length;
  *next++ = '/';
  memcpy (next, fields->feed_id, feed_length);
  next += feed_length;
  if (entity_key != NULL)
    {
      *next++ = '/';
      memcpy (next, entity_key, entity_key_length);
      next += entity_key_length;
    }
  *next++ = '\0';
  event->feed_id = pack_string (&next, fields->feed_id, feed_length);
  event->entity_id = pack_string (&next, fields->entity_id, entity_id_length);
  event->name = pack_string (&next, fields->name, name_length);

  return event;
}

VigieAlertEvent *
vigie_alert_event_copy (const VigieAlertEvent *event)
{
  VigieAlertEvent *copy;

  g_return_val_if_fail (event != NULL, NULL);

  copy = g_memdup2 (event, sizeof *event);
  copy->packed = FALSE;
  copy->key = g_strdup (event->key);
  copy->feed_id = g_strdup (event->feed_id);
  copy->entity_id = g_strdup (event->entity_id);
  copy->name = g_strdup (event->name);

  return copy;
}

char *
vigie_alert_make_key (VigieAlertRuleKind  rule,
                      const char         *feed_id,
                      const char         *entity_key)
{
  g_return_val_if_fail (rule < VIGIE_N_ALERT_RULES, NULL);
  g_return_val_if_fail (feed_id != NULL, NULL);

  return g_strconcat (vigie_alert_rule_get_info (rule)->id, "/", feed_id,
                      entity_key ? "/" : NULL, entity_key, NULL);
}
