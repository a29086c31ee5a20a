/* vigie-alert-rules-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-alert-rules-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vigie-a11y.h"
#include "vigie-alert.h"
#include "vigie-alert-notifications.h"
#include "vigie-alert-rules-page.h"

/* Preferences' "Alerts" page: each rule on or off, with its threshold,
 * how long its condition must last and its severity, saved at once in
 * "alert-rules" (the alert center follows the setting). */

typedef struct
{
  AdwExpanderRow *row;
  GtkSpinButton  *threshold;   /* NULL: the rule has none */
  GtkSpinButton  *duration;    /* NULL: the rule has none */
  AdwComboRow    *severity;
} RuleRows;

struct _VigieAlertRulesPage
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;
  RuleRows            rows[VIGIE_N_ALERT_RULES];
  gboolean            filling;
};

G_DEFINE_FINAL_TYPE (VigieAlertRulesPage, vigie_alert_rules_page, ADW_TYPE_PREFERENCES_PAGE)

/* The groups, in the order of the rules. */
static const struct {
  const char         *title;
  VigieAlertRuleKind  first;
  VigieAlertRuleKind  last;
} groups[] = {
  { N_("Bike and car share stations"), VIGIE_ALERT_RULE_BIKES_EMPTY, VIGIE_ALERT_RULE_CAR_SHARE_EMPTY },
  { N_("Parking"), VIGIE_ALERT_RULE_PARKING_FULL, VIGIE_ALERT_RULE_PARKING_FULL },
  { N_("Public Wi-Fi"), VIGIE_ALERT_RULE_WIFI_LOADED, VIGIE_ALERT_RULE_WIFI_DOWN },
  { N_("Trams"), VIGIE_ALERT_RULE_TRAM_DELAYED, VIGIE_ALERT_RULE_CONNECTION_HOLD },
  { N_("Feeds"), VIGIE_ALERT_RULE_FEED_FAILING, VIGIE_ALERT_RULE_FEED_STALE },
};

/* The rule at a glance, folded: "0 · 15 min · Warning". */
static void
update_subtitle (VigieAlertRulesPage *self,
                 VigieAlertRuleKind   kind)
{
  RuleRows *rows = &self->rows[kind];
  g_autoptr(GString) subtitle = g_string_new (NULL);

  if (rows->threshold != NULL)
    g_string_append_printf (subtitle, "%s %d", _(vigie_alert_rule_get_info (kind)->threshold_label),
                            gtk_spin_button_get_value_as_int (rows->threshold));
  if (rows->duration != NULL)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      /* Translators: how long a rule's condition must last, in minutes */
      g_string_append_printf (subtitle, _("for %d min"), gtk_spin_button_get_value_as_int (rows->duration));
    }
  if (subtitle->len > 0)
    g_string_append (subtitle, " · ");
  g_string_append (subtitle, vigie_alert_severity_get_label (adw_combo_row_get_selected (rows->severity)));

  adw_expander_row_set_subtitle (rows->row, subtitle->str);
}

static void
fill (VigieAlertRulesPage *self)
{
  VigieAlertRules rules;

  vigie_alert_rules_load (&rules, self->settings);

  self->filling = TRUE;
  for (guint i = 0; i < VIGIE_N_ALERT_RULES; i++)
    {
      RuleRows *rows = &self->rows[i];
      VigieAlertRule *rule = &rules.rules[i];

      adw_expander_row_set_enable_expansion (rows->row, rule->enabled);
      if (rows->threshold != NULL)
        gtk_spin_button_set_value (rows->threshold, rule->threshold);
      if (rows->duration != NULL)
        gtk_spin_button_set_value (rows->duration, rule->duration_min);
      adw_combo_row_set_selected (rows->severity, rule->severity);
      update_subtitle (self, i);
    }
  self->filling = FALSE;
}

static void
save (VigieAlertRulesPage *self,
      VigieAlertRuleKind   kind)
{
  RuleRows *rows = &self->rows[kind];
  VigieAlertRules rules;
  VigieAlertRule *rule;

  if (self->filling)
    return;

  update_subtitle (self, kind);
  vigie_alert_rules_load (&rules, self->settings);
  rule = &rules.rules[kind];
  rule->enabled = adw_expander_row_get_enable_expansion (rows->row);
  if (rows->threshold != NULL)
    rule->threshold = gtk_spin_button_get_value (rows->threshold);
  if (rows->duration != NULL)
    rule->duration_min = gtk_spin_button_get_value_as_int (rows->duration);
  rule->severity = MIN (adw_combo_row_get_selected (rows->severity), VIGIE_ALERT_SEVERITY_CRITICAL);

  self->filling = TRUE;
  vigie_alert_rules_save_rule (self->settings, kind, rule);
  self->filling = FALSE;
}

static void
on_changed_cb (GObject    *object,
               GParamSpec *pspec,
               gpointer    user_data)
{
  VigieAlertRulesPage *self = VIGIE_ALERT_RULES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (object),
                                                                               VIGIE_TYPE_ALERT_RULES_PAGE));

  if (self != NULL)
    save (self, GPOINTER_TO_UINT (user_data));
}

static void
on_settings_changed_cb (VigieAlertRulesPage *self,
                        const char          *key)
{
  if (!self->filling && g_str_equal (key, "alert-rules"))
    fill (self);
}

static GtkSpinButton *
add_spin_row (AdwExpanderRow *expander,
              const char     *title,
              double          lower,
              double          upper,
              double          step)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  vigie_a11y_set_label (spin, title);
  adw_expander_row_add_row (expander, row);

  return GTK_SPIN_BUTTON (spin);
}

static void
add_rule (VigieAlertRulesPage *self,
          AdwPreferencesGroup *group,
          VigieAlertRuleKind   kind)
{
  const VigieAlertRuleInfo *info = vigie_alert_rule_get_info (kind);
  RuleRows *rows = &self->rows[kind];
  g_autoptr(GtkStringList) severities = gtk_string_list_new (NULL);

  rows->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->row), _(info->title));
  adw_expander_row_set_show_enable_switch (rows->row, TRUE);
  vigie_a11y_name_expander_row (rows->row);
  g_signal_connect (rows->row, "notify::enable-expansion", G_CALLBACK (on_changed_cb), GUINT_TO_POINTER (kind));

  if (info->threshold_label != NULL)
    {
      rows->threshold = add_spin_row (rows->row, _(info->threshold_label), info->lower, info->upper, info->step);
      g_signal_connect (rows->threshold, "notify::value", G_CALLBACK (on_changed_cb), GUINT_TO_POINTER (kind));
    }
  if (info->has_duration)
    {
      rows->duration = add_spin_row (rows->row, _("For at least (minutes)"), 0, 240, 1);
      g_signal_connect (rows->duration, "notify::value", G_CALLBACK (on_changed_cb), GUINT_TO_POINTER (kind));
    }

  for (guint s = 0; s < VIGIE_N_ALERT_SEVERITIES; s++)
    gtk_string_list_append (severities, vigie_alert_severity_get_label (s));
  rows->severity = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->severity), _("Severity"));
  adw_combo_row_set_model (rows->severity, G_LIST_MODEL (severities));
  g_signal_connect (rows->severity, "notify::selected", G_CALLBACK (on_changed_cb), GUINT_TO_POINTER (kind));
  adw_expander_row_add_row (rows->row, GTK_WIDGET (rows->severity));

  adw_preferences_group_add (group, GTK_WIDGET (rows->row));
}

static void
vigie_alert_rules_page_dispose (GObject *object)
{
  VigieAlertRulesPage *self = (VigieAlertRulesPage *)object;

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vigie_alert_rules_page_parent_class)->dispose (object);
}

static void
vigie_alert_rules_page_class_init (VigieAlertRulesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vigie_alert_rules_page_dispose;
}

static void
vigie_alert_rules_page_init (VigieAlertRulesPage *self)
{
}

GtkWidget *
vigie_alert_rules_page_new (GSettings *settings)
{
  VigieAlertRulesPage *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (VIGIE_TYPE_ALERT_RULES_PAGE,
                       "title", _("Alerts"),
                       "icon-name", "preferences-system-notifications-symbolic",
                       NULL);
  self->settings = g_object_ref (settings);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self),
                            ADW_PREFERENCES_GROUP (vigie_alert_notifications_new_preferences_group (settings)));
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      GtkWidget *group = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(groups[g].title));
      if (g == 0)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               _("An alert is raised once its condition has lasted, and cleared only when things are clearly better again."));
      for (guint kind = groups[g].first; kind <= groups[g].last; kind++)
        add_rule (self, ADW_PREFERENCES_GROUP (group), kind);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));
    }

  fill (self);
  g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}
