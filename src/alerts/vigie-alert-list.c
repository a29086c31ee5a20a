/* vigie-alert-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-alert-list"

#include "config.h"

#include <string.h>

#include "vigie-alert-list.h"
#include "vigie-hash.h"

/* The raised alerts, worst first, then oldest first: what the panel
 * shows. An update touches only the alerts it names: each is found by
 * its key, its place by bisection, so a change costs O(log n) and one
 * items-changed, however many alerts are raised. */

struct _VigieAlertList
{
  GObject     parent_instance;

  GPtrArray  *alerts;   /* VigieAlert, sorted */
  GHashTable *by_key;   /* key → VigieAlert (borrowed) */
  guint       n_unacknowledged;
};

static void vigie_alert_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VigieAlertList, vigie_alert_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, vigie_alert_list_model_init))

enum {
  PROP_0,
  PROP_N_UNACKNOWLEDGED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* For who follows alerts one by one (the desktop notifications), not
 * by position. */
enum {
  ALERT_ADDED,
  ALERT_REMOVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static int
compare_alerts (VigieAlert *a,
                VigieAlert *b)
{
  VigieAlertSeverity sa = vigie_alert_get_severity (a), sb = vigie_alert_get_severity (b);
  gint64 ta = vigie_alert_get_since (a), tb = vigie_alert_get_since (b);

  if (sa != sb)
    return sa > sb ? -1 : 1;
  if (ta != tb)
    return ta < tb ? -1 : 1;

  return strcmp (vigie_alert_get_key (a), vigie_alert_get_key (b));
}

/* Where @alert is, or would go. */
static guint
bisect (VigieAlertList *self,
        VigieAlert     *alert)
{
  guint low = 0, high = self->alerts->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (compare_alerts (g_ptr_array_index (self->alerts, middle), alert) < 0)
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

static void
set_n_unacknowledged (VigieAlertList *self,
                      guint           n)
{
  if (self->n_unacknowledged != n)
    {
      self->n_unacknowledged = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_UNACKNOWLEDGED]);
    }
}

static void
on_acknowledged_cb (VigieAlertList *self,
                    GParamSpec     *pspec,
                    VigieAlert     *alert)
{
  if (vigie_alert_get_acknowledged (alert))
    set_n_unacknowledged (self, self->n_unacknowledged - 1);
  else
    set_n_unacknowledged (self, self->n_unacknowledged + 1);
}

static GType
vigie_alert_list_get_item_type (GListModel *model)
{
  return VIGIE_TYPE_ALERT;
}

static guint
vigie_alert_list_get_n_items (GListModel *model)
{
  return VIGIE_ALERT_LIST (model)->alerts->len;
}

static gpointer
vigie_alert_list_get_item (GListModel *model,
                           guint       position)
{
  VigieAlertList *self = VIGIE_ALERT_LIST (model);

  if (position >= self->alerts->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->alerts, position));
}

static void
vigie_alert_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = vigie_alert_list_get_item_type;
  iface->get_n_items = vigie_alert_list_get_n_items;
  iface->get_item = vigie_alert_list_get_item;
}

static void
vigie_alert_list_dispose (GObject *object)
{
  VigieAlertList *self = (VigieAlertList *)object;

  for (guint i = 0; self->alerts != NULL && i < self->alerts->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->alerts, i), self);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->alerts, g_ptr_array_unref);

  G_OBJECT_CLASS (vigie_alert_list_parent_class)->dispose (object);
}

static void
vigie_alert_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VigieAlertList *self = VIGIE_ALERT_LIST (object);

  switch (prop_id)
    {
    case PROP_N_UNACKNOWLEDGED:
      g_value_set_uint (value, self->n_unacknowledged);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vigie_alert_list_class_init (VigieAlertListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_alert_list_dispose;
  object_class->get_property = vigie_alert_list_get_property;

  properties [PROP_N_UNACKNOWLEDGED] =
    g_param_spec_uint ("n-unacknowledged", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [ALERT_ADDED] =
    g_signal_new ("alert-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, VIGIE_TYPE_ALERT);

  signals [ALERT_REMOVED] =
    g_signal_new ("alert-removed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, VIGIE_TYPE_ALERT);
}

static void
vigie_alert_list_init (VigieAlertList *self)
{
  self->alerts = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_key = g_hash_table_new (vigie_str_hash, g_str_equal);
}

VigieAlertList *
vigie_alert_list_new (void)
{
  return g_object_new (VIGIE_TYPE_ALERT_LIST, NULL);
}

/**
 * vigie_alert_list_lookup:
 *
 * Returns: (transfer none) (nullable): the raised alert of that key
 */
VigieAlert *
vigie_alert_list_lookup (VigieAlertList *self,
                         const char     *key)
{
  g_return_val_if_fail (VIGIE_IS_ALERT_LIST (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_hash_table_lookup (self->by_key, key);
}

/**
 * vigie_alert_list_add:
 *
 * Returns: (transfer none): the alert, new or the one of that key
 */
VigieAlert *
vigie_alert_list_add (VigieAlertList        *self,
                      const VigieAlertEvent *event,
                      const char            *feed_name)
{
  VigieAlert *alert;
  guint position;

  g_return_val_if_fail (VIGIE_IS_ALERT_LIST (self), NULL);
  g_return_val_if_fail (event != NULL, NULL);

  if ((alert = g_hash_table_lookup (self->by_key, event->key)) != NULL)
    {
      vigie_alert_update (alert, event);
      return alert;
    }

  alert = vigie_alert_new (event, feed_name);
  position = bisect (self, alert);
  g_ptr_array_insert (self->alerts, position, alert);
  g_hash_table_insert (self->by_key, (char *) vigie_alert_get_key (alert), alert);
  g_signal_connect_object (alert, "notify::acknowledged", G_CALLBACK (on_acknowledged_cb),
                           self, G_CONNECT_SWAPPED);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  set_n_unacknowledged (self, self->n_unacknowledged + 1);
  g_signal_emit (self, signals [ALERT_ADDED], 0, alert);

  return alert;
}

/**
 * vigie_alert_list_update:
 *
 * Returns: (transfer none) (nullable): the alert updated
 */
VigieAlert *
vigie_alert_list_update (VigieAlertList        *self,
                         const VigieAlertEvent *event)
{
  VigieAlert *alert;

  g_return_val_if_fail (VIGIE_IS_ALERT_LIST (self), NULL);
  g_return_val_if_fail (event != NULL, NULL);

  alert = g_hash_table_lookup (self->by_key, event->key);
  if (alert != NULL)
    vigie_alert_update (alert, event);

  return alert;
}

/**
 * vigie_alert_list_remove:
 *
 * Returns: (transfer full) (nullable): the alert taken out
 */
VigieAlert *
vigie_alert_list_remove (VigieAlertList *self,
                         const char     *key)
{
  VigieAlert *alert;
  guint position;

  g_return_val_if_fail (VIGIE_IS_ALERT_LIST (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  alert = g_hash_table_lookup (self->by_key, key);
  if (alert == NULL)
    return NULL;

  position = bisect (self, alert);
  g_assert (g_ptr_array_index (self->alerts, position) == alert);

  g_hash_table_remove (self->by_key, key);
  g_signal_handlers_disconnect_by_data (alert, self);
  alert = g_ptr_array_steal_index (self->alerts, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  if (!vigie_alert_get_acknowledged (alert))
    set_n_unacknowledged (self, self->n_unacknowledged - 1);
  g_signal_emit (self, signals [ALERT_REMOVED], 0, alert);

  return alert;
}

/* A feed removed: its alerts go, not to the log of cleared ones. */
void
vigie_alert_list_remove_feed (VigieAlertList *self,
                              const char     *feed_id)
{
  g_return_if_fail (VIGIE_IS_ALERT_LIST (self));
  g_return_if_fail (feed_id != NULL);

  for (guint i = self->alerts->len; i > 0; i--)
    {
      VigieAlert *alert = g_ptr_array_index (self->alerts, i - 1);

      if (g_str_equal (vigie_alert_get_feed_id (alert), feed_id))
        g_object_unref (vigie_alert_list_remove (self, vigie_alert_get_key (alert)));
    }
}

void
vigie_alert_list_acknowledge (VigieAlertList *self,
                              VigieAlert     *alert,
                              const char     *comment,
                              gint64          at)
{
  g_return_if_fail (VIGIE_IS_ALERT_LIST (self));
  g_return_if_fail (VIGIE_IS_ALERT (alert));

  vigie_alert_acknowledge (alert, comment, at, vigie_alert_get_level (alert));
}

guint
vigie_alert_list_get_n_unacknowledged (VigieAlertList *self)
{
  g_return_val_if_fail (VIGIE_IS_ALERT_LIST (self), 0);

  return self->n_unacknowledged;
}
