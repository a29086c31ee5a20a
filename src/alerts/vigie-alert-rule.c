/* vigie-alert-rule.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vigie-alert-rule"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vigie-alert-rule.h"

/* Defaults for a city the size of Mulhouse: about 40 bike docks, a few
 * car parks, two tram lines at a tram every 6 to 10 minutes. A dock empty
 * for a quarter of an hour is worth a look, one empty for five minutes is
 * the normal life of a dock. */
static const VigieAlertRuleInfo rule_infos[VIGIE_N_ALERT_RULES] = {
  [VIGIE_ALERT_RULE_BIKES_EMPTY] = {
    "bikes-empty", N_("Bike dock empty"), N_("Bikes left, at most"),
    0, 20, 1, 2, TRUE,
    { TRUE, 0, 15, VIGIE_ALERT_SEVERITY_WARNING },
  },
  [VIGIE_ALERT_RULE_BIKES_FULL] = {
    "bikes-full", N_("Bike dock full"), N_("Free places, at most"),
    0, 20, 1, 2, TRUE,
    { TRUE, 0, 15, VIGIE_ALERT_SEVERITY_WARNING },
  },
  [VIGIE_ALERT_RULE_CAR_SHARE_EMPTY] = {
    "car-share-empty", N_("Car-share station with no car"), N_("Cars left, at most"),
    0, 10, 1, 1, TRUE,
    { TRUE, 0, 30, VIGIE_ALERT_SEVERITY_INFO },
  },
  [VIGIE_ALERT_RULE_PARKING_FULL] = {
    "parking-full", N_("Parking nearly full"), N_("Occupancy (%), at least"),
    50, 100, 1, 5, TRUE,
    { TRUE, 90, 10, VIGIE_ALERT_SEVERITY_WARNING },
  },
  [VIGIE_ALERT_RULE_WIFI_LOADED] = {
    "wifi-loaded", N_("Wi-Fi hotspot overloaded"), N_("Clients, as a share of capacity (%), at least"),
    50, 200, 5, 10, TRUE,
    { TRUE, 90, 5, VIGIE_ALERT_SEVERITY_INFO },
  },
  [VIGIE_ALERT_RULE_WIFI_DOWN] = {
    "wifi-down", N_("Wi-Fi hotspot down"), N_("Access points down (%), at least"),
    10, 100, 5, 1, TRUE,
    { TRUE, 100, 5, VIGIE_ALERT_SEVERITY_CRITICAL },
  },
  [VIGIE_ALERT_RULE_TRAM_DELAYED] = {
    "tram-delayed", N_("Tram delayed"), N_("Delay (minutes), at least"),
    1, 60, 1, 1, TRUE,
    { TRUE, 5, 0, VIGIE_ALERT_SEVERITY_WARNING },
  },
  [VIGIE_ALERT_RULE_TRAM_GHOST] = {
    "tram-ghost", N_("Scheduled trip with no tram seen"), NULL,
    0, 0, 0, 0, TRUE,
    { TRUE, 0, 10, VIGIE_ALERT_SEVERITY_WARNING },
  },
  [VIGIE_ALERT_RULE_TRAM_STOPPED] = {
    "tram-stopped", N_("Tram stopped away from a stop"), N_("Moved less than (metres)"),
    5, 200, 5, 10, TRUE,
    { TRUE, 25, 3, VIGIE_ALERT_SEVERITY_CRITICAL },
  },
  [VIGIE_ALERT_RULE_TRAM_BUNCHED] = {
    "tram-bunched", N_("Trams of one line bunched"), N_("Gap, as a share of the line’s usual gap (%), under"),
    10, 60, 1, 10, TRUE,
    { TRUE, 33, 2, VIGIE_ALERT_SEVERITY_INFO },
  },
  /* Holding a tram longer delays everyone aboard and the trams behind. */
  [VIGIE_ALERT_RULE_CONNECTION_HOLD] = {
    "connection-hold", N_("Connection to protect: hold a tram for a late train"), N_("Hold, at most (minutes)"),
    1, 15, 1, 0, FALSE,
    { TRUE, 5, 0, VIGIE_ALERT_SEVERITY_WARNING },
  },
  [VIGIE_ALERT_RULE_FEED_FAILING] = {
    "feed-failing", N_("Feed failing"), N_("Failed polls in a row, at least"),
    1, 20, 1, 0, FALSE,
    { TRUE, 3, 0, VIGIE_ALERT_SEVERITY_CRITICAL },
  },
  [VIGIE_ALERT_RULE_FEED_STALE] = {
    "feed-stale", N_("Feed data too old"), NULL,
    0, 0, 0, 0, FALSE,
    { TRUE, 0, 0, VIGIE_ALERT_SEVERITY_WARNING },
  },
};

static const char * const severity_ids[] = { "info", "warning", "critical" };

const VigieAlertRuleInfo *
vigie_alert_rule_get_info (VigieAlertRuleKind kind)
{
  g_return_val_if_fail (kind < VIGIE_N_ALERT_RULES, NULL);

  return &rule_infos[kind];
}

gboolean
vigie_alert_rule_from_id (const char         *id,
                          VigieAlertRuleKind *kind)
{
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < VIGIE_N_ALERT_RULES; i++)
    if (g_str_equal (rule_infos[i].id, id))
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

const char *
vigie_alert_severity_to_string (VigieAlertSeverity severity)
{
  g_return_val_if_fail (severity < VIGIE_N_ALERT_SEVERITIES, NULL);

  return severity_ids[severity];
}

void
vigie_alert_rules_init_defaults (VigieAlertRules *rules)
{
  g_return_if_fail (rules != NULL);

  for (guint i = 0; i < VIGIE_N_ALERT_RULES; i++)
    rules->rules[i] = rule_infos[i].defaults;
}

/**
 * vigie_alert_rules_load:
 * @rules: filled
 * @settings: the app's settings
 *
 * Reads "alert-rules": a rule the operator never changed keeps its
 * default, so a new version's defaults reach them; values out of range
 * are brought back into it.
 */
void
vigie_alert_rules_load (VigieAlertRules *rules,
                        GSettings       *settings)
{
  g_autoptr(GVariant) saved = NULL;
  GVariantIter iter;
  const char *id;
  const char *severity;
  gboolean enabled;
  double threshold;
  guint32 duration;

  g_return_if_fail (rules != NULL);
  g_return_if_fail (G_IS_SETTINGS (settings));

  vigie_alert_rules_init_defaults (rules);

  saved = g_settings_get_value (settings, "alert-rules");
  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "{&s(bdu&s)}", &id, &enabled, &threshold, &duration, &severity))
    {
      VigieAlertRuleKind kind;
      const VigieAlertRuleInfo *info;
      VigieAlertRule *rule;

      if (!vigie_alert_rule_from_id (id, &kind))
        continue;

      info = &rule_infos[kind];
      rule = &rules->rules[kind];
      rule->enabled = enabled;
      if (info->threshold_label != NULL && isfinite (threshold))
        rule->threshold = CLAMP (threshold, info->lower, info->upper);
      if (info->has_duration)
        rule->duration_min = MIN (duration, 24 * 60);
      for (guint s = 0; s < G_N_ELEMENTS (severity_ids); s++)
        if (g_str_equal (severity, severity_ids[s]))
          rule->severity = s;
    }
}

void
vigie_alert_rules_save_rule (GSettings            *settings,
                             VigieAlertRuleKind    kind,
                             const VigieAlertRule *rule)
{
  g_autoptr(GVariant) saved = NULL;
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{s(bdus)}"));
  GVariantIter iter;
  const char *id;
  GVariant *value;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (kind < VIGIE_N_ALERT_RULES);
  g_return_if_fail (rule != NULL);

  saved = g_settings_get_value (settings, "alert-rules");
  g_variant_iter_init (&iter, saved);
  while (g_variant_iter_next (&iter, "{&s@(bdus)}", &id, &value))
    {
      if (!g_str_equal (id, rule_infos[kind].id))
        g_variant_builder_add (&builder, "{s@(bdus)}", id, value);
      g_variant_unref (value);
    }

  g_variant_builder_add (&builder, "{s(bdus)}", rule_infos[kind].id,
                         rule->enabled, rule->threshold, rule->duration_min,
                         severity_ids[MIN (rule->severity, VIGIE_ALERT_SEVERITY_CRITICAL)]);
  g_settings_set_value (settings, "alert-rules", g_variant_builder_end (&builder));
}
