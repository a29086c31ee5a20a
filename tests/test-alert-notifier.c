/* test-alert-notifier.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "vigie-alert-notifier.h"
#include "vigie-test-support.h"

/* What the desktop is told of critical alerts: grouped by rule, limited
 * per rule and in all, withdrawn once cleared. The notifier is given
 * its time at every call: the clock is a number. */
#define T0 G_GINT64_CONSTANT (1800000000)

static const VigieAlertNotifierLimits limits = {
  .gather_s = 5,
  .rule_interval_s = 300,
  .max_per_window = 3,
  .window_s = 600,
};

static void
raise_critical (VigieAlertNotifier *notifier,
                VigieAlertRuleKind  rule,
                const char         *key,
                const char         *name,
                gint64              now)
{
  vigie_alert_notifier_raised (notifier, key, rule, VIGIE_ALERT_SEVERITY_CRITICAL, name, now);
}

static GPtrArray *
take (VigieAlertNotifier *notifier,
      gint64              now)
{
  return vigie_alert_notifier_take (notifier, now, NULL, NULL);
}

/* Nothing to tell the desktop at @now. */
static void
assert_nothing_taken (VigieAlertNotifier *notifier,
                      gint64              now)
{
  g_autoptr(GPtrArray) notices = take (notifier, now);

  g_assert_cmpuint (notices->len, ==, 0);
}

static VigieAlertNotice *
only_notice (GPtrArray            *notices,
             VigieAlertNoticeType  type)
{
  g_assert_cmpuint (notices->len, ==, 1);
  g_assert_cmpint (((VigieAlertNotice *) g_ptr_array_index (notices, 0))->type, ==, type);

  return g_ptr_array_index (notices, 0);
}

static void
test_group (void)
{
  g_autoptr(VigieAlertNotifier) notifier = vigie_alert_notifier_new (&limits);
  g_autoptr(GPtrArray) notices = NULL;
  VigieAlertNotice *notice;

  /* One poll's empty stations, then another two seconds on. */
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *key = g_strdup_printf ("bikes-empty/velo/station/%u", i);
      g_autofree char *name = g_strdup_printf ("Station %u", i);

      raise_critical (notifier, VIGIE_ALERT_RULE_BIKES_EMPTY, key, name, T0);
    }
  g_assert_cmpint (vigie_alert_notifier_get_next (notifier), ==, T0 + 5);

  /* Gathering: nothing yet. */
  assert_nothing_taken (notifier, T0 + 1);
  raise_critical (notifier, VIGIE_ALERT_RULE_BIKES_EMPTY, "bikes-empty/velo/station/10", "Station 10", T0 + 2);
  raise_critical (notifier, VIGIE_ALERT_RULE_BIKES_EMPTY, "bikes-empty/velo/station/11", "Station 11", T0 + 2);
  /* Said again by a later update: the same alert, counted once. */
  raise_critical (notifier, VIGIE_ALERT_RULE_BIKES_EMPTY, "bikes-empty/velo/station/0", "Station 0", T0 + 3);
  g_assert_cmpint (vigie_alert_notifier_get_next (notifier), ==, T0 + 5);

  /* Twelve in one notification, the first named first. */
  notices = take (notifier, T0 + 5);
  notice = only_notice (notices, VIGIE_ALERT_NOTICE_SEND);
  g_assert_cmpstr (notice->id, ==, "alert-bikes-empty");
  g_assert_cmpint (notice->rule, ==, VIGIE_ALERT_RULE_BIKES_EMPTY);
  g_assert_cmpuint (notice->n_alerts, ==, 12);
  g_assert_cmpuint (notice->n_new, ==, 12);
  g_assert_cmpstr (notice->key, ==, "bikes-empty/velo/station/0");
  g_assert_cmpstr (notice->title, ==, "12 bike stations empty");
  g_assert_cmpstr (notice->body, ==, "Station 0, Station 1, Station 2 and 9 more");
  g_assert_cmpint (vigie_alert_notifier_get_next (notifier), ==, G_MAXINT64);
  g_clear_pointer (&notices, g_ptr_array_unref);

  /* Another rule is a notification of its own; one alert says its rule. */
  raise_critical (notifier, VIGIE_ALERT_RULE_WIFI_DOWN, "wifi-down/wifi/hotspot/17", "Gare centrale", T0 + 6);
  notices = take (notifier, T0 + 11);
  notice = only_notice (notices, VIGIE_ALERT_NOTICE_SEND);
  g_assert_cmpstr (notice->id, ==, "alert-wifi-down");
  g_assert_cmpuint (notice->n_alerts, ==, 1);
  g_assert_cmpstr (notice->title, ==, "Wi-Fi hotspot down");
  g_assert_cmpstr (notice->body, ==, "Gare centrale");
  g_clear_pointer (&notices, g_ptr_array_unref);

  /* Four names are said, not "and 1 more". */
  {
    g_autoptr(VigieAlertNotifier) small = vigie_alert_notifier_new (&limits);

    for (guint i = 0; i < 4; i++)
      {
        g_autofree char *key = g_strdup_printf ("tram-stopped/trams/vehicle/%u", i);
        g_autofree char *name = g_strdup_printf ("Rame %u", 2140 + i);

        raise_critical (small, VIGIE_ALERT_RULE_TRAM_STOPPED, key, name, T0);
      }
    notices = take (small, T0 + 5);
    notice = only_notice (notices, VIGIE_ALERT_NOTICE_SEND);
    g_assert_cmpstr (notice->title, ==, "4 trams stopped away from a stop");
    g_assert_cmpstr (notice->body, ==, "Rame 2140, Rame 2141, Rame 2142, Rame 2143");
    g_clear_pointer (&notices, g_ptr_array_unref);
  }
}

static void
test_only_critical (void)
{
  g_autoptr(VigieAlertNotifier) notifier = vigie_alert_notifier_new (&limits);

  vigie_alert_notifier_raised (notifier, "bikes-full/velo/station/1", VIGIE_ALERT_RULE_BIKES_FULL,
                               VIGIE_ALERT_SEVERITY_WARNING, "Nordfeld", T0);
  vigie_alert_notifier_raised (notifier, "wifi-loaded/wifi/hotspot/2", VIGIE_ALERT_RULE_WIFI_LOADED,
                               VIGIE_ALERT_SEVERITY_INFO, "Réunion", T0);
  g_assert_cmpint (vigie_alert_notifier_get_next (notifier), ==, G_MAXINT64);
  assert_nothing_taken (notifier, T0 + 3600);
}

static void
test_rule_interval (void)
{
  g_autoptr(VigieAlertNotifier) notifier = vigie_alert_notifier_new (&limits);
  g_autoptr(GPtrArray) notices = NULL;
  VigieAlertNotice *notice;

  raise_critical (notifier, VIGIE_ALERT_RULE_WIFI_DOWN, "wifi-down/w/hotspot/1", "Un", T0);
  notices = take (notifier, T0 + 5);
  only_notice (notices, VIGIE_ALERT_NOTICE_SEND);
  g_clear_pointer (&notices, g_ptr_array_unref);

  /* A minute later: held until five minutes after the last one. */
  raise_critical (notifier, VIGIE_ALERT_RULE_WIFI_DOWN, "wifi-down/w/hotspot/2", "Deux", T0 + 60);
  g_assert_cmpint (vigie_alert_notifier_get_next (notifier), ==, T0 + 5 + 300);
  assert_nothing_taken (notifier, T0 + 65);
  raise_critical (notifier, VIGIE_ALERT_RULE_WIFI_DOWN, "wifi-down/w/hotspot/3", "Trois", T0 + 200);
  assert_nothing_taken (notifier, T0 + 304);

  /* Then one replaces the first: the new ones first, the first still
   * counted as long as it is raised. */
  notices = take (notifier, T0 + 305);
  notice = only_notice (notices, VIGIE_ALERT_NOTICE_SEND);
  g_assert_cmpstr (notice->id, ==, "alert-wifi-down");
  g_assert_cmpuint (notice->n_alerts, ==, 3);
  g_assert_cmpuint (notice->n_new, ==, 2);
  g_assert_cmpstr (notice->key, ==, "wifi-down/w/hotspot/2");
  g_assert_cmpstr (notice->title, ==, "3 Wi-Fi hotspots down");
  g_assert_cmpstr (notice->body, ==, "Deux, Trois, Un");
  g_clear_pointer (&notices, g_ptr_array_unref);

  /* Gone before its turn: never told. */
  raise_critical (notifier, VIGIE_ALERT_RULE_WIFI_DOWN, "wifi-down/w/hotspot/4", "Quatre", T0 + 310);
  vigie_alert_notifier_cleared (notifier, "wifi-down/w/hotspot/4");
  g_assert_cmpint (vigie_alert_notifier_get_next (notifier), ==, G_MAXINT64);
  assert_nothing_taken (notifier, T0 + 1000);
}

static void
test_global_cap (void)
{
  g_autoptr(VigieAlertNotifier) notifier = vigie_alert_notifier_new (&limits);
  g_autoptr(GPtrArray) notices = NULL;
  static const VigieAlertRuleKind rules[] = {
    VIGIE_ALERT_RULE_WIFI_DOWN, VIGIE_ALERT_RULE_TRAM_STOPPED, VIGIE_ALERT_RULE_FEED_FAILING,
    VIGIE_ALERT_RULE_BIKES_EMPTY, VIGIE_ALERT_RULE_PARKING_FULL,
  };

  /* Five rules at once: three now, the oldest waits first. */
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autofree char *key = g_strdup_printf ("rule-%u/f/e/1", i);

      raise_critical (notifier, rules[i], key, "Quelque chose", T0 + i);
    }
  notices = take (notifier, T0 + 10);
  g_assert_cmpuint (notices->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (((VigieAlertNotice *) g_ptr_array_index (notices, i))->rule, ==, rules[i]);
  g_clear_pointer (&notices, g_ptr_array_unref);

  /* The others once the first send is out of the ten-minute window. */
  g_assert_cmpint (vigie_alert_notifier_get_next (notifier), ==, T0 + 10 + 600);
  assert_nothing_taken (notifier, T0 + 609);
  notices = take (notifier, T0 + 610);
  g_assert_cmpuint (notices->len, ==, 2);
  g_assert_cmpint (((VigieAlertNotice *) g_ptr_array_index (notices, 0))->rule, ==, rules[3]);
  g_assert_cmpint (((VigieAlertNotice *) g_ptr_array_index (notices, 1))->rule, ==, rules[4]);
}

static void
test_withdraw (void)
{
  g_autoptr(VigieAlertNotifier) notifier = vigie_alert_notifier_new (&limits);
  g_autoptr(GPtrArray) notices = NULL;
  VigieAlertNotice *notice;

  raise_critical (notifier, VIGIE_ALERT_RULE_TRAM_STOPPED, "tram-stopped/t/vehicle/1", "Rame 2149", T0);
  raise_critical (notifier, VIGIE_ALERT_RULE_TRAM_STOPPED, "tram-stopped/t/vehicle/2", "Rame 2150", T0);
  notices = take (notifier, T0 + 5);
  only_notice (notices, VIGIE_ALERT_NOTICE_SEND);
  g_clear_pointer (&notices, g_ptr_array_unref);

  /* One of two cleared: it stays. */
  vigie_alert_notifier_cleared (notifier, "tram-stopped/t/vehicle/1");
  g_assert_cmpint (vigie_alert_notifier_get_next (notifier), ==, G_MAXINT64);
  assert_nothing_taken (notifier, T0 + 6);

  /* Both: withdrawn, at once, once. */
  vigie_alert_notifier_cleared (notifier, "tram-stopped/t/vehicle/2");
  g_assert_cmpint (vigie_alert_notifier_get_next (notifier), <=, T0 + 7);
  notices = take (notifier, T0 + 7);
  notice = only_notice (notices, VIGIE_ALERT_NOTICE_WITHDRAW);
  g_assert_cmpstr (notice->id, ==, "alert-tram-stopped");
  g_clear_pointer (&notices, g_ptr_array_unref);
  assert_nothing_taken (notifier, T0 + 8);

  /* Unknown keys are no news. */
  vigie_alert_notifier_cleared (notifier, "tram-stopped/t/vehicle/3");
  g_assert_cmpint (vigie_alert_notifier_get_next (notifier), ==, G_MAXINT64);
}

static gboolean
not_acknowledged (const char *key,
                  gpointer    user_data)
{
  return !g_str_equal (key, user_data);
}

static void
test_wanted_and_off (void)
{
  g_autoptr(VigieAlertNotifier) notifier = vigie_alert_notifier_new (&limits);
  g_autoptr(GPtrArray) notices = NULL;
  VigieAlertNotice *notice;

  /* Acknowledged while it waited: left out. */
  raise_critical (notifier, VIGIE_ALERT_RULE_WIFI_DOWN, "wifi-down/w/hotspot/1", "Un", T0);
  raise_critical (notifier, VIGIE_ALERT_RULE_WIFI_DOWN, "wifi-down/w/hotspot/2", "Deux", T0);
  notices = vigie_alert_notifier_take (notifier, T0 + 5, not_acknowledged, (gpointer) "wifi-down/w/hotspot/1");
  notice = only_notice (notices, VIGIE_ALERT_NOTICE_SEND);
  g_assert_cmpuint (notice->n_alerts, ==, 1);
  g_assert_cmpstr (notice->key, ==, "wifi-down/w/hotspot/2");
  g_clear_pointer (&notices, g_ptr_array_unref);

  /* Turned off: what is shown is withdrawn, nothing new is told. */
  vigie_alert_notifier_set_enabled (notifier, FALSE);
  g_assert_false (vigie_alert_notifier_get_enabled (notifier));
  raise_critical (notifier, VIGIE_ALERT_RULE_TRAM_STOPPED, "tram-stopped/t/vehicle/1", "Rame 2149", T0 + 10);
  notices = take (notifier, T0 + 1000);
  notice = only_notice (notices, VIGIE_ALERT_NOTICE_WITHDRAW);
  g_assert_cmpstr (notice->id, ==, "alert-wifi-down");
  g_clear_pointer (&notices, g_ptr_array_unref);
  g_assert_cmpint (vigie_alert_notifier_get_next (notifier), ==, G_MAXINT64);

  /* On again: only what is raised from then on. */
  vigie_alert_notifier_set_enabled (notifier, TRUE);
  raise_critical (notifier, VIGIE_ALERT_RULE_TRAM_STOPPED, "tram-stopped/t/vehicle/2", "Rame 2150", T0 + 2000);
  notices = take (notifier, T0 + 2005);
  notice = only_notice (notices, VIGIE_ALERT_NOTICE_SEND);
  g_assert_cmpuint (notice->n_alerts, ==, 1);
  g_assert_cmpstr (notice->key, ==, "tram-stopped/t/vehicle/2");
}

static void
test_french (void)
{
  g_autoptr(VigieAlertNotifier) notifier = vigie_alert_notifier_new (&limits);
  g_autoptr(GPtrArray) notices = NULL;
  g_autofree char *old_language = g_strdup (g_getenv ("LANGUAGE"));
  VigieAlertNotice *notice;

  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "");

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *key = g_strdup_printf ("bikes-empty/velo/station/%u", i);
      g_autofree char *name = g_strdup_printf ("Station %u", i);

      raise_critical (notifier, VIGIE_ALERT_RULE_BIKES_EMPTY, key, name, T0);
    }
  notices = take (notifier, T0 + 5);
  notice = only_notice (notices, VIGIE_ALERT_NOTICE_SEND);
  g_assert_cmpstr (notice->title, ==, "12 stations vélo vides");
  g_assert_cmpstr (notice->body, ==, "Station 0, Station 1, Station 2 et 9 autres");

  if (old_language != NULL)
    g_setenv ("LANGUAGE", old_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

int
main (int   argc,
      char *argv[])
{
  vigie_test_bind_catalogue ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alert-notifier/group", test_group);
  g_test_add_func ("/alert-notifier/only-critical", test_only_critical);
  g_test_add_func ("/alert-notifier/rule-interval", test_rule_interval);
  g_test_add_func ("/alert-notifier/global-cap", test_global_cap);
  g_test_add_func ("/alert-notifier/withdraw", test_withdraw);
  g_test_add_func ("/alert-notifier/wanted-and-off", test_wanted_and_off);
  g_test_add_func ("/alert-notifier/french", test_french);

  return g_test_run ();
}
