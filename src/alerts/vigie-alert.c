/* vigie-alert.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-alert"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-alert.h"

/* One raised alert as the panel shows it: what the engine said, the
 * feed's name, and the operator's acknowledgement. Main thread only. */

struct _VigieAlert
{
  GObject             parent_instance;

  VigieAlertEvent    *event;
  char               *feed_name;
  gboolean            acknowledged;
  char               *ack_comment;
  gint64              ack_at;
  int                 ack_level;
};

G_DEFINE_FINAL_TYPE (VigieAlert, vigie_alert, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACKNOWLEDGED,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* g_set_str() is GLib 2.76. */
static void
replace_string (char       **target,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*target);
  *target = copy;
}

static void
vigie_alert_finalize (GObject *object)
{
  VigieAlert *self = (VigieAlert *)object;

  g_clear_pointer (&self->event, vigie_alert_event_free);
  g_clear_pointer (&self->feed_name, g_free);
  g_clear_pointer (&self->ack_comment, g_free);

  G_OBJECT_CLASS (vigie_alert_parent_class)->finalize (object);
}

static void
vigie_alert_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  VigieAlert *self = VIGIE_ALERT (object);

  switch (prop_id)
    {
    case PROP_ACKNOWLEDGED:
      g_value_set_boolean (value, self->acknowledged);
      break;

    case PROP_VALUE:
      g_value_set_double (value, self->event->value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_alert_class_init (VigieAlertClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vigie_alert_finalize;
  object_class->get_property = vigie_alert_get_property;

  properties [PROP_ACKNOWLEDGED] =
    g_param_spec_boolean ("acknowledged", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vigie_alert_init (VigieAlert *self)
{
}

VigieAlert *
vigie_alert_new (const VigieAlertEvent *event,
                 const char            *feed_name)
{
  VigieAlert *self;

  g_return_val_if_fail (event != NULL, NULL);

  self = g_object_new (VIGIE_TYPE_ALERT, NULL);
  self->event = vigie_alert_event_copy (event);
  self->feed_name = g_strdup (feed_name);

  return self;
}

/**
 * vigie_alert_update:
 *
 * Takes the new value, name and place of a raised alert. Worse than when
 * it was acknowledged, it asks for attention again.
 *
 * Returns: %TRUE when it is no longer acknowledged
 */
gboolean
vigie_alert_update (VigieAlert            *self,
                    const VigieAlertEvent *event)
{
  gboolean value_moved;
  gboolean worse;

  g_return_val_if_fail (VIGIE_IS_ALERT (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);
  g_return_val_if_fail (g_str_equal (event->key, self->event->key), FALSE);

  value_moved = self->event->value != event->value;
  worse = self->acknowledged && event->level > self->ack_level;

  self->event->value = event->value;
  self->event->level = event->level;
  self->event->at = event->at;
  if (isfinite (event->latitude))
    {
      self->event->latitude = event->latitude;
      self->event->longitude = event->longitude;
    }
  if (event->name != NULL)
    replace_string (&self->event->name, event->name);

  if (worse)
    {
      self->acknowledged = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACKNOWLEDGED]);
    }
  if (value_moved)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_VALUE]);

  return worse;
}

const char *
vigie_alert_get_key (VigieAlert *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT (self), NULL);
  return self->event->key;
}

VigieAlertRuleKind
vigie_alert_get_rule (VigieAlert *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT (self), 0);
  return self->event->rule;
}

VigieAlertSeverity
vigie_alert_get_severity (VigieAlert *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT (self), 0);
  return self->event->severity;
}

const char *
vigie_alert_get_feed_id (VigieAlert *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT (self), NULL);
  return self->event->feed_id;
}

const char *
vigie_alert_get_feed_name (VigieAlert *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT (self), NULL);
  return self->feed_name;
}

VigieEntityKind
vigie_alert_get_entity_kind (VigieAlert *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT (self), 0);
  return self->event->entity_kind;
}

const char *
vigie_alert_get_entity_id (VigieAlert *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT (self), NULL);
  return self->event->entity_id;
}

const char *
vigie_alert_get_name (VigieAlert *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT (self), NULL);
  return self->event->name;
}

double
vigie_alert_get_latitude (VigieAlert *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT (self), NAN);
  return self->event->latitude;
}

double
vigie_alert_get_longitude (VigieAlert *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT (self), NAN);
  return self->event->longitude;
}

gint64
vigie_alert_get_since (VigieAlert *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT (self), 0);
  return self->event->since;
}

double
vigie_alert_get_value (VigieAlert *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT (self), 0);
  return self->event->value;
}

int
vigie_alert_get_level (VigieAlert *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT (self), 0);
  return self->event->level;
}

gboolean
vigie_alert_get_acknowledged (VigieAlert *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT (self), FALSE);
  return self->acknowledged;
}

const char *
vigie_alert_get_ack_comment (VigieAlert *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT (self), NULL);
  return self->ack_comment;
}

gint64
vigie_alert_get_ack_at (VigieAlert *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT (self), 0);
  return self->ack_at;
}

int
vigie_alert_get_ack_level (VigieAlert *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT (self), 0);
  return self->ack_level;
}

/* @level: how bad it was when acknowledged; worse brings it back. */
void
vigie_alert_acknowledge (VigieAlert *self,
                         const char *comment,
                         gint64      at,
                         int         level)
{
  g_return_if_fail (VIGIE_IS_ALERT (self));

  replace_string (&self->ack_comment, comment != NULL && *comment != '\0' ? comment : NULL);
  self->ack_at = at;
  self->ack_level = level;
  if (!self->acknowledged)
    {
      self->acknowledged = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACKNOWLEDGED]);
    }
}

/**
 * vigie_alert_format_duration:
 *
 * Returns: (transfer full): "12 min", "2 h 05", the way a control room
 *   says it
 */
char *
vigie_alert_format_duration (gint64 seconds)
{
  gint64 minutes = MAX (seconds, 0) / 60;

  if (minutes < 1)
    return g_strdup (_("less than a minute"));
  if (minutes < 60)
    /* Translators: a duration in minutes */
    return g_strdup_printf (_("%d min"), (int) minutes);

  /* Translators: a duration in hours and minutes */
  return g_strdup_printf (_("%d h %02d"), (int) (minutes / 60), (int) (minutes % 60));
}

/**
 * vigie_alert_describe:
 * @now: Unix seconds
 *
 * Returns: (transfer full): what is wrong, after the thing's name: "empty
 *   for 12 min", plain text
 */
char *
vigie_alert_describe (VigieAlert *self,
                      gint64      now)
{
  g_autofree char *since = NULL;
  int value;

  g_return_val_if_fail (VIGIE_IS_ALERT (self), NULL);

  since = vigie_alert_format_duration (now - self->event->since);
  value = (int) round (self->event->value);

  switch (self->event->rule)
    {
    case VIGIE_ALERT_RULE_BIKES_EMPTY:
      if (value <= 0)
        /* Translators: %s is a duration, "12 min" */
        return g_strdup_printf (_("empty for %s"), since);
      /* Translators: %d bikes, %s a duration */
      return g_strdup_printf (ngettext ("%d bike left for %s", "%d bikes left for %s", value), value, since);

    case VIGIE_ALERT_RULE_BIKES_FULL:
      if (value <= 0)
        return g_strdup_printf (_("full for %s"), since);
      return g_strdup_printf (ngettext ("%d free place for %s", "%d free places for %s", value), value, since);

    case VIGIE_ALERT_RULE_CAR_SHARE_EMPTY:
      if (value <= 0)
        return g_strdup_printf (_("no car for %s"), since);
      return g_strdup_printf (ngettext ("%d car left for %s", "%d cars left for %s", value), value, since);

    case VIGIE_ALERT_RULE_PARKING_FULL:
      /* Translators: %d is a percentage, %s a duration */
      return g_strdup_printf (_("%d %% full for %s"), value, since);

    case VIGIE_ALERT_RULE_WIFI_LOADED:
      return g_strdup_printf (_("at %d %% of its capacity for %s"), value, since);

    case VIGIE_ALERT_RULE_WIFI_DOWN:
      if (value >= 100)
        return g_strdup_printf (_("down for %s"), since);
      return g_strdup_printf (_("%d %% of its access points down for %s"), value, since);

    case VIGIE_ALERT_RULE_TRAM_DELAYED:
      return g_strdup_printf (ngettext ("%d minute late", "%d minutes late", value), value);

    case VIGIE_ALERT_RULE_TRAM_GHOST:
      return g_strdup_printf (_("scheduled but not seen for %s"), since);

    case VIGIE_ALERT_RULE_TRAM_STOPPED:
      return g_strdup_printf (_("stopped away from a stop for %s"), since);

    case VIGIE_ALERT_RULE_TRAM_BUNCHED:
      /* Translators: %d is a percentage of the usual gap between trams */
      return g_strdup_printf (_("bunched, %d %% of the usual gap, for %s"), value, since);

    case VIGIE_ALERT_RULE_FEED_FAILING:
      return g_strdup_printf (ngettext ("%d failed poll in a row", "%d failed polls in a row", value), value);

    case VIGIE_ALERT_RULE_FEED_STALE:
      return g_strdup_printf (_("data too old for %s"), since);

    case VIGIE_ALERT_RULE_CONNECTION_HOLD:
      /* The proposal is the alert's name (transit/vigie-connection-alerts.c). */
      return g_strdup (self->event->name);

    default:
      g_return_val_if_reached (NULL);
    }
}

/* Each kind of alert its own shape, beside its words. */
const char *
vigie_alert_get_icon_name (VigieAlert *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT (self), NULL);

  switch (self->event->rule)
    {
    case VIGIE_ALERT_RULE_BIKES_EMPTY:
    case VIGIE_ALERT_RULE_BIKES_FULL:
      return "vigie-bike-symbolic";
    case VIGIE_ALERT_RULE_CAR_SHARE_EMPTY:
      return "vigie-car-symbolic";
    case VIGIE_ALERT_RULE_PARKING_FULL:
      return "vigie-parking-symbolic";
    case VIGIE_ALERT_RULE_WIFI_LOADED:
      return "network-wireless-hotspot-symbolic";
    case VIGIE_ALERT_RULE_WIFI_DOWN:
      return "network-wireless-disabled-symbolic";
    case VIGIE_ALERT_RULE_TRAM_DELAYED:
      return "alarm-symbolic";
    case VIGIE_ALERT_RULE_TRAM_GHOST:
      return "dialog-question-symbolic";
    case VIGIE_ALERT_RULE_TRAM_STOPPED:
      return "media-playback-pause-symbolic";
    case VIGIE_ALERT_RULE_TRAM_BUNCHED:
      return "vigie-tram-symbolic";
    case VIGIE_ALERT_RULE_CONNECTION_HOLD:
      return "vigie-hold-symbolic";
    case VIGIE_ALERT_RULE_FEED_FAILING:
      return "network-error-symbolic";
    case VIGIE_ALERT_RULE_FEED_STALE:
    default:
      return "document-open-recent-symbolic";
    }
}

const char *
vigie_alert_severity_get_label (VigieAlertSeverity severity)
{
  switch (severity)
    {
    case VIGIE_ALERT_SEVERITY_CRITICAL:
      return C_("alert severity", "Critical");
    case VIGIE_ALERT_SEVERITY_WARNING:
      return C_("alert severity", "Warning");
    case VIGIE_ALERT_SEVERITY_INFO:
    default:
      return C_("alert severity", "Information");
    }
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (unix_time);

  return time ? g_date_time_format (time, "%H:%M") : g_strdup ("?");
}

/**
 * vigie_alert_text_init:
 * @now: Unix seconds
 *
 * What the panel's row says of @alert: its thing, what is wrong and since
 * when, its severity in words, and the acknowledgement once given.
 */
void
vigie_alert_text_init (VigieAlertText *text,
                       VigieAlert     *alert,
                       gint64          now)
{
  g_autofree char *what = NULL;
  g_autofree char *thing = NULL;
  g_autofree char *time = NULL;
  const char *name;
  const char *feed_name;

  g_return_if_fail (text != NULL);
  g_return_if_fail (VIGIE_IS_ALERT (alert));

  what = vigie_alert_describe (alert, now);
  name = alert->event->name;
  feed_name = alert->feed_name;

  /* The feed's name says what kind of thing it is ("VéloCité"), unless
   * the alert is the feed's own. */
  if (alert->event->entity_id == NULL || feed_name == NULL || *feed_name == '\0' ||
      g_strcmp0 (feed_name, name) == 0)
    thing = g_strdup (name);
  else
    thing = g_strdup_printf ("%s %s", feed_name, name);

  if (alert->event->rule != VIGIE_ALERT_RULE_CONNECTION_HOLD)
    /* Translators: a thing, then what is wrong with it: "VéloCité Gare
     * Centrale — empty for 12 min" */
    text->title = g_strdup_printf (_("%s — %s"), thing, what);
  else
    text->title = g_steal_pointer (&what);   /* a proposal, in a sentence */

  if (alert->acknowledged)
    {
      time = format_time (alert->ack_at);
      if (alert->ack_comment != NULL)
        /* Translators: %s is a time, then the operator's comment */
        text->detail = g_strdup_printf (_("Acknowledged at %s · %s"), time, alert->ack_comment);
      else
        text->detail = g_strdup_printf (_("Acknowledged at %s"), time);
    }
  else
    {
      time = format_time (alert->event->since);
      /* Translators: a severity ("Critical"), then the time the problem began */
      text->detail = g_strdup_printf (_("%s · since %s"),
                                      vigie_alert_severity_get_label (alert->event->severity), time);
    }

  text->icon_name = vigie_alert_get_icon_name (alert);
  switch (alert->event->severity)
    {
    case VIGIE_ALERT_SEVERITY_CRITICAL:
      text->css_class = "error";
      break;
    case VIGIE_ALERT_SEVERITY_WARNING:
      text->css_class = "warning";
      break;
    case VIGIE_ALERT_SEVERITY_INFO:
    default:
      text->css_class = "accent";
      break;
    }
}

void
vigie_alert_text_clear (VigieAlertText *text)
{
  g_return_if_fail (text != NULL);

  g_clear_pointer (&text->title, g_free);
  g_clear_pointer (&text->detail, g_free);
}
