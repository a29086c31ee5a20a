/* vigie-alert-notifier.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-alert-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-alert-notifier.h"
#include "vigie-number.h"
#include "vigie-hash.h"

/* What the desktop is told of critical alerts, and when: pure, every
 * call given its time, so that the tests' clock is a number. The
 * application (ui/vigie-alert-notifications.c) sends what it decides.
 *
 * A control room does not want a banner per dock: each rule has one
 * notification at most. A new critical alert waits a little for others
 * of its rule ("12 bike stations empty" rather than twelve banners);
 * a rule is told at most once per interval, and all rules together at
 * most so many times per window; what comes meanwhile waits and is told
 * with the next one, which replaces the one shown. Once every alert a
 * notification stands for has cleared, it is withdrawn. */

typedef struct
{
  char               *key;
  char               *name;
  VigieAlertRuleKind  rule;
  guint64             seq;
  gboolean            shown;   /* told; else waiting */
} Item;

typedef struct
{
  guint    n_pending;
  guint    n_shown;
  gint64   pending_since;
  gint64   last_sent;      /* 0: never */
  gboolean visible;        /* a notification is out */
  gboolean withdraw;       /* …and is to be withdrawn */
} RuleState;

struct _VigieAlertNotifier
{
  VigieAlertNotifierLimits limits;
  gboolean                 enabled;
  GHashTable              *items;        /* key → Item */
  RuleState                rules[VIGIE_N_ALERT_RULES];
  GArray                  *sent;         /* gint64, ascending: the last sends */
  guint64                  seq;
};

/* The names a notification lists before "and 9 more". */
#define MAX_NAMES 3

static void
item_free (Item *item)
{
  g_free (item->key);
  g_free (item->name);
  g_free (item);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *ia = *(const Item **) a, *ib = *(const Item **) b;

  /* The new ones first, each group in the order they came. */
  if (ia->shown != ib->shown)
    return ia->shown ? 1 : -1;

  return ia->seq < ib->seq ? -1 : ia->seq > ib->seq;
}

/* "12 bike stations empty": the rule's words for a group. */
static char *
format_group_title (VigieAlertRuleKind rule,
                    guint              n)
{
  g_autofree char *count = vigie_format_count (n);

  switch (rule)
    {
    case VIGIE_ALERT_RULE_BIKES_EMPTY:
      return g_strdup_printf (ngettext ("%s bike station empty",
                                        "%s bike stations empty", n), count);
    case VIGIE_ALERT_RULE_BIKES_FULL:
      return g_strdup_printf (ngettext ("%s bike station full",
                                        "%s bike stations full", n), count);
    case VIGIE_ALERT_RULE_CAR_SHARE_EMPTY:
      return g_strdup_printf (ngettext ("%s car-share station with no car",
                                        "%s car-share stations with no car", n), count);
    case VIGIE_ALERT_RULE_PARKING_FULL:
      return g_strdup_printf (ngettext ("%s car park nearly full",
                                        "%s car parks nearly full", n), count);
    case VIGIE_ALERT_RULE_WIFI_LOADED:
      return g_strdup_printf (ngettext ("%s Wi-Fi hotspot overloaded",
                                        "%s Wi-Fi hotspots overloaded", n), count);
    case VIGIE_ALERT_RULE_WIFI_DOWN:
      return g_strdup_printf (ngettext ("%s Wi-Fi hotspot down",
                                        "%s Wi-Fi hotspots down", n), count);
    case VIGIE_ALERT_RULE_TRAM_DELAYED:
      return g_strdup_printf (ngettext ("%s tram delayed",
                                        "%s trams delayed", n), count);
    case VIGIE_ALERT_RULE_TRAM_GHOST:
      return g_strdup_printf (ngettext ("%s scheduled trip with no tram seen",
                                        "%s scheduled trips with no tram seen", n), count);
    case VIGIE_ALERT_RULE_TRAM_STOPPED:
      return g_strdup_printf (ngettext ("%s tram stopped away from a stop",
                                        "%s trams stopped away from a stop", n), count);
    case VIGIE_ALERT_RULE_TRAM_BUNCHED:
      return g_strdup_printf (ngettext ("%s tram bunched with the one ahead",
                                        "%s trams bunched with the ones ahead", n), count);
    case VIGIE_ALERT_RULE_FEED_FAILING:
      return g_strdup_printf (ngettext ("%s feed failing",
                                        "%s feeds failing", n), count);
    case VIGIE_ALERT_RULE_FEED_STALE:
      return g_strdup_printf (ngettext ("%s feed with data too old",
                                        "%s feeds with data too old", n), count);
    /* A warning by default; critical when the operator makes it so. */
    case VIGIE_ALERT_RULE_CONNECTION_HOLD:
      return g_strdup_printf (ngettext ("%s tram to hold for a late train",
                                        "%s trams to hold for late trains", n), count);
    default:
      g_assert_not_reached ();
    }

  return NULL;
}

/* "Gare Centrale, Nordfeld, Porte Jeune and 9 more". */
static char *
format_names (GPtrArray *items)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_named = items->len > MAX_NAMES + 1 ? MAX_NAMES : items->len;

  for (guint i = 0; i < n_named; i++)
    {
      Item *item = g_ptr_array_index (items, i);

      if (i > 0)
        /* Translators: between the names of the things a notification lists */
        g_string_append (names, _(", "));
      g_string_append (names, item->name != NULL ? item->name : item->key);
    }

  if (n_named < items->len)
    {
      guint rest = items->len - n_named;
      g_autofree char *count = vigie_format_count (rest);

      /* Translators: the first %s is a list of names, the second a number */
      return g_strdup_printf (ngettext ("%s and %s more", "%s and %s more", rest),
                              names->str, count);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The earliest time a rule with alerts waiting may be told. */
static gint64
due_time (VigieAlertNotifier *self,
          VigieAlertRuleKind  rule)
{
  RuleState *state = &self->rules[rule];
  gint64 due = state->pending_since + self->limits.gather_s;

  if (state->last_sent > 0)
    due = MAX (due, state->last_sent + self->limits.rule_interval_s);

  /* The max-th last send must be out of the window. */
  if (self->limits.max_per_window > 0 && self->sent->len >= self->limits.max_per_window)
    due = MAX (due, g_array_index (self->sent, gint64, self->sent->len - self->limits.max_per_window) +
                    self->limits.window_s);

  return due;
}

static void
record_send (VigieAlertNotifier *self,
             gint64              now)
{
  g_array_append_val (self->sent, now);
  /* Only the last max_per_window sends decide anything. */
  if (self->sent->len > MAX (self->limits.max_per_window, 1))
    g_array_remove_range (self->sent, 0, self->sent->len - MAX (self->limits.max_per_window, 1));
}

static VigieAlertNotice *
make_withdraw (VigieAlertRuleKind rule)
{
  VigieAlertNotice *notice = g_new0 (VigieAlertNotice, 1);

  notice->type = VIGIE_ALERT_NOTICE_WITHDRAW;
  notice->rule = rule;
  notice->id = vigie_alert_notifier_dup_id (rule);

  return notice;
}

/* The rule's waiting alerts still wanted, and those told before; NULL
 * when none is waiting any more. */
static VigieAlertNotice *
make_send (VigieAlertNotifier       *self,
           VigieAlertRuleKind        rule,
           gint64                    now,
           VigieAlertNotifierWanted  wanted,
           gpointer                  user_data)
{
  RuleState *state = &self->rules[rule];
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GPtrArray) unwanted = g_ptr_array_new ();
  VigieAlertNotice *notice;
  GHashTableIter iter;
  Item *item;
  guint n_new = 0;

  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &item))
    {
      if (item->rule != rule)
        continue;
      if (!item->shown && wanted != NULL && !wanted (item->key, user_data))
        g_ptr_array_add (unwanted, item);
      else
        {
          g_ptr_array_add (items, item);
          n_new += !item->shown;
        }
    }

  /* Acknowledged or gone before it was told: never told. */
  for (guint i = 0; i < unwanted->len; i++)
    g_hash_table_remove (self->items, ((Item *) g_ptr_array_index (unwanted, i))->key);
  state->n_pending = n_new;
  if (n_new == 0)
    return NULL;

  g_ptr_array_sort (items, compare_items);

  notice = g_new0 (VigieAlertNotice, 1);
  notice->type = VIGIE_ALERT_NOTICE_SEND;
  notice->rule = rule;
  notice->id = vigie_alert_notifier_dup_id (rule);
  notice->n_alerts = items->len;
  notice->n_new = n_new;
  notice->key = g_strdup (((Item *) g_ptr_array_index (items, 0))->key);
  if (items->len == 1)
    notice->title = g_strdup (_(vigie_alert_rule_get_info (rule)->title));
  else
    notice->title = format_group_title (rule, items->len);
  notice->body = format_names (items);

  for (guint i = 0; i < items->len; i++)
    ((Item *) g_ptr_array_index (items, i))->shown = TRUE;
  state->n_shown = items->len;
  state->n_pending = 0;
  state->last_sent = now;
  state->visible = TRUE;
  state->withdraw = FALSE;
  record_send (self, now);

  return notice;
}

static int
compare_rules_by_wait (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  VigieAlertNotifier *self = user_data;
  gint64 ta = self->rules[*(const guint *) a].pending_since;
  gint64 tb = self->rules[*(const guint *) b].pending_since;

  if (ta != tb)
    return ta < tb ? -1 : 1;

  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/*
 * Public API
 */

void
vigie_alert_notifier_get_default_limits (VigieAlertNotifierLimits *limits)
{
  g_return_if_fail (limits != NULL);

  /* A poll's alerts come together; other feeds' within seconds. */
  limits->gather_s = 5;
  limits->rule_interval_s = 5 * 60;
  limits->max_per_window = 4;
  limits->window_s = 10 * 60;
}

/**
 * vigie_alert_notifier_new:
 * @limits: (nullable): how often the desktop may be told; %NULL for the
 *   defaults
 */
VigieAlertNotifier *
vigie_alert_notifier_new (const VigieAlertNotifierLimits *limits)
{
  VigieAlertNotifier *self = g_new0 (VigieAlertNotifier, 1);

  if (limits != NULL)
    self->limits = *limits;
  else
    vigie_alert_notifier_get_default_limits (&self->limits);
  self->enabled = TRUE;
  self->items = g_hash_table_new_full (vigie_str_hash, g_str_equal, NULL, (GDestroyNotify) item_free);
  self->sent = g_array_new (FALSE, FALSE, sizeof (gint64));

  return self;
}

void
vigie_alert_notifier_free (VigieAlertNotifier *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->items);
  g_array_unref (self->sent);
  g_free (self);
}

void
vigie_alert_notifier_set_limits (VigieAlertNotifier             *self,
                                 const VigieAlertNotifierLimits *limits)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (limits != NULL);

  self->limits = *limits;
}

/* Off: nothing waits, and what is shown is withdrawn. */
void
vigie_alert_notifier_set_enabled (VigieAlertNotifier *self,
                                  gboolean            enabled)
{
  g_return_if_fail (self != NULL);

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  if (!enabled)
    {
      g_hash_table_remove_all (self->items);
      for (guint r = 0; r < VIGIE_N_ALERT_RULES; r++)
        {
          RuleState *state = &self->rules[r];

          state->n_pending = 0;
          state->n_shown = 0;
          state->withdraw = state->visible;
        }
    }
}

gboolean
vigie_alert_notifier_get_enabled (VigieAlertNotifier *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->enabled;
}

/* A new alert: only a critical one is told, and not while off. */
void
vigie_alert_notifier_raised (VigieAlertNotifier *self,
                             const char         *key,
                             VigieAlertRuleKind  rule,
                             VigieAlertSeverity  severity,
                             const char         *name,
                             gint64              now)
{
  RuleState *state;
  Item *item;

  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);
  g_return_if_fail (rule < VIGIE_N_ALERT_RULES);

  if (!self->enabled || severity != VIGIE_ALERT_SEVERITY_CRITICAL ||
      g_hash_table_contains (self->items, key))
    return;

  state = &self->rules[rule];
  item = g_new0 (Item, 1);
  item->key = g_strdup (key);
  item->name = g_strdup (name);
  item->rule = rule;
  item->seq = ++self->seq;
  g_hash_table_insert (self->items, item->key, item);

  if (state->n_pending++ == 0)
    state->pending_since = now;
}

/* An alert cleared (or its feed gone). */
void
vigie_alert_notifier_cleared (VigieAlertNotifier *self,
                              const char         *key)
{
  RuleState *state;
  Item *item;

  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);

  item = g_hash_table_lookup (self->items, key);
  if (item == NULL)
    return;

  state = &self->rules[item->rule];
  if (item->shown)
    {
      if (--state->n_shown == 0 && state->visible)
        state->withdraw = TRUE;
    }
  else
    state->n_pending--;

  g_hash_table_remove (self->items, key);
}

/**
 * vigie_alert_notifier_take:
 * @now: Unix seconds
 * @wanted: (nullable): asked of each waiting alert before it is told
 *
 * What to tell the desktop now; call again at vigie_alert_notifier_get_next().
 *
 * Returns: (transfer full) (element-type VigieAlertNotice): withdrawals
 *   first, then the notifications to send, oldest wait first
 */
GPtrArray *
vigie_alert_notifier_take (VigieAlertNotifier       *self,
                           gint64                    now,
                           VigieAlertNotifierWanted  wanted,
                           gpointer                  user_data)
{
  g_autoptr(GArray) waiting = g_array_new (FALSE, FALSE, sizeof (guint));
  GPtrArray *notices;

  g_return_val_if_fail (self != NULL, NULL);

  notices = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_alert_notice_free);

  for (guint r = 0; r < VIGIE_N_ALERT_RULES; r++)
    {
      RuleState *state = &self->rules[r];

      if (state->withdraw)
        {
          g_ptr_array_add (notices, make_withdraw (r));
          state->withdraw = FALSE;
          state->visible = FALSE;
        }
      if (state->n_pending > 0)
        g_array_append_val (waiting, r);
    }

  g_array_sort_with_data (waiting, compare_rules_by_wait, self);
  for (guint i = 0; i < waiting->len; i++)
    {
      guint r = g_array_index (waiting, guint, i);
      VigieAlertNotice *notice;

      if (due_time (self, r) > now)
        continue;

      notice = make_send (self, r, now, wanted, user_data);
      if (notice != NULL)
        g_ptr_array_add (notices, notice);
    }

  return notices;
}

/**
 * vigie_alert_notifier_get_next:
 *
 * Returns: when vigie_alert_notifier_take() has something to say (maybe
 *   already past), or %G_MAXINT64 when nothing waits
 */
gint64
vigie_alert_notifier_get_next (VigieAlertNotifier *self)
{
  gint64 next = G_MAXINT64;

  g_return_val_if_fail (self != NULL, G_MAXINT64);

  for (guint r = 0; r < VIGIE_N_ALERT_RULES; r++)
    {
      if (self->rules[r].withdraw)
        return G_MININT64;
      if (self->rules[r].n_pending > 0)
        next = MIN (next, due_time (self, r));
    }

  return next;
}

/* One notification a rule: a newer one replaces it. */
char *
vigie_alert_notifier_dup_id (VigieAlertRuleKind rule)
{
  g_return_val_if_fail (rule < VIGIE_N_ALERT_RULES, NULL);

  return g_strconcat ("alert-", vigie_alert_rule_get_info (rule)->id, NULL);
}

void
vigie_alert_notice_free (VigieAlertNotice *notice)
{
  if (notice == NULL)
    return;

  g_free (notice->id);
  g_free (notice->key);
  g_free (notice->title);
  g_free (notice->body);
  g_free (notice);
}
