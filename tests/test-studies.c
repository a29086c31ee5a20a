/* test-studies.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>

#include "vigie-parking-study.h"
#include "vigie-wifi-study.h"
#include "vigie-test-support.h"

/* The city's studies on a known history: two weeks of hourly parking
 * occupancy and Wi-Fi clients in Mulhouse, aggregated by hour of the
 * week, ranked and said in sentences. */

/* Monday 2026-11-30 00:00 in Paris (23:00 UTC the day before). */
#define MONDAY 1795993200

static GTimeZone *paris;

/* Rue du Sauvage: half full, saturated (90 %) on Saturdays 12–18 h and
 * on Fridays 18–20 h; Place de la Réunion: 20 % on Sundays and every
 * night 0–6 h, 60 % otherwise; a third zone outside the period. */
static VigieWeekStudy *
make_parking (void)
{
  VigieWeekStudy *study = vigie_week_study_new (paris, MONDAY, MONDAY + 14 * 86400);

  for (gint64 t = MONDAY; t < MONDAY + 14 * 86400; t += 3600)
    {
      guint hour = (t - MONDAY) % (7 * 86400) / 3600;
      guint day = hour / 24, h = hour % 24;
      double sauvage = (day == 5 && h >= 12 && h < 18) || (day == 4 && h >= 18 && h < 20) ? 0.9 : 0.5;
      double reunion = day == 6 || h < 6 ? 0.2 : 0.6;

      /* Two samples an hour, their mean the hour's. */
      g_assert_true (vigie_week_study_add (study, "sauvage", "Rue du Sauvage", t, sauvage - 0.05, 0));
      g_assert_true (vigie_week_study_add (study, "sauvage", "Rue du Sauvage", t + 1800, sauvage + 0.05, 0));
      g_assert_true (vigie_week_study_add (study, "reunion", "Place de la Réunion", t + 60, reunion, 0));
    }

  g_assert_false (vigie_week_study_add (study, "later", "Plus tard", MONDAY + 14 * 86400, 0.9, 0));
  g_assert_false (vigie_week_study_add (study, "earlier", "Avant", MONDAY - 1, 0.9, 0));
  g_assert_false (vigie_week_study_add (study, "sauvage", "Rue du Sauvage", MONDAY, NAN, 0));

  return study;
}

static void
test_parking_rank (void)
{
  g_autoptr(VigieWeekStudy) study = make_parking ();
  g_autoptr(GArray) saturated = vigie_parking_study_rank (study, FALSE);
  g_autoptr(GArray) underused = vigie_parking_study_rank (study, TRUE);
  const VigieZoneUse *use;
  const VigieWeekPlace *place;
  double mean;

  /* The hour of the week is local: Monday 0 h in Paris. */
  g_assert_cmpint (vigie_week_study_hour_of_week (study, MONDAY), ==, 0);
  g_assert_cmpint (vigie_week_study_hour_of_week (study, MONDAY + 5 * 86400 + 15 * 3600), ==, 5 * 24 + 15);

  g_assert_cmpuint (saturated->len, ==, 2);
  use = &g_array_index (saturated, VigieZoneUse, 0);
  place = use->place;
  g_assert_cmpstr (place->id, ==, "sauvage");
  g_assert_cmpuint (use->hours_known, ==, 168);
  g_assert_cmpuint (use->hours_saturated, ==, 8);
  g_assert_cmpuint (use->hours_underused, ==, 0);
  g_assert_cmpuint (place->count[5 * 24 + 12], ==, 4);
  g_assert_true (vigie_week_place_mean (place, 5 * 24 + 12, &mean));
  g_assert_cmpfloat_with_epsilon (mean, 0.9, 1e-9);
  g_assert_cmpint (use->saturated_when, ==, 5 * 5 + 2);   /* Saturday afternoon */

  use = &g_array_index (underused, VigieZoneUse, 0);
  g_assert_cmpstr (use->place->id, ==, "reunion");
  g_assert_cmpuint (use->hours_underused, ==, 24 + 6 * 6);
  g_assert_cmpuint (use->hours_saturated, ==, 0);
  g_assert_cmpint (use->underused_when, ==, 6 * 5 + 4);   /* all Sunday, more than any night */
}

static void
test_parking_sentences_french (void)
{
  g_autoptr(VigieWeekStudy) study = make_parking ();
  g_autoptr(GArray) saturated = vigie_parking_study_rank (study, FALSE);
  g_autoptr(GArray) underused = vigie_parking_study_rank (study, TRUE);
  g_autofree char *sauvage = NULL;
  g_autofree char *reunion = NULL;
  g_autofree char *never = NULL;

  sauvage = vigie_parking_study_sentence (&g_array_index (saturated, VigieZoneUse, 0), FALSE);
  g_assert_cmpstr (sauvage, ==, "Rue du Sauvage\u202f: saturée 8 h par semaine, surtout le samedi après-midi");
  reunion = vigie_parking_study_sentence (&g_array_index (underused, VigieZoneUse, 0), TRUE);
  g_assert_cmpstr (reunion, ==, "Place de la Réunion\u202f: sous-utilisée 60 h par semaine, surtout le dimanche");
  never = vigie_parking_study_sentence (&g_array_index (saturated, VigieZoneUse, 1), FALSE);
  g_assert_cmpstr (never, ==, "Place de la Réunion\u202f: jamais saturée");
}

static void
test_parking_csv (void)
{
  g_autoptr(VigieWeekStudy) study = vigie_week_study_new (paris, 0, 0);
  g_autofree char *csv = NULL;

  vigie_week_study_add (study, "z1", "Rue \"du\" Sauvage, nord", MONDAY + 8 * 3600, 0.5, 0);
  vigie_week_study_add (study, "z1", NULL, MONDAY + 8 * 3600 + 60, 0.75, 0);
  vigie_week_study_add (study, "z2", "=HYPERLINK(\"x\")", MONDAY + 6 * 86400 + 23 * 3600, 1.0, 0);
  csv = vigie_week_study_to_csv (study, "occupancy");
  g_assert_cmpstr (csv, ==,
                   "id,name,weekday,hour,occupancy,samples\r\n"
                   "z1,\"Rue \"\"du\"\" Sauvage, nord\",1,8,0.625,2\r\n"
                   "z2,\"'=HYPERLINK(\"\"x\"\")\",7,23,1.000,1\r\n");
}

static void
test_wifi (void)
{
  g_autoptr(VigieWeekStudy) study = vigie_week_study_new (paris, MONDAY, MONDAY + 7 * 86400);
  g_autoptr(GArray) sites = NULL;
  g_autofree char *museum = NULL;
  g_autofree char *square = NULL;
  const VigieSiteUse *use;

  for (gint64 t = MONDAY; t < MONDAY + 7 * 86400; t += 3600)
    {
      guint hour = (t - MONDAY) / 3600;

      /* The museum: 10 clients, 45 of its 50 on Saturday 14–17 h, a peak
       * of 47 at 15 h; the square: 5 clients, 12 at noon. */
      vigie_week_study_add (study, "musee", "Musée de l’Impression sur Étoffes", t,
                            hour == 5 * 24 + 15 ? 47 : hour >= 5 * 24 + 14 && hour < 5 * 24 + 17 ? 45 : 10, 50);
      vigie_week_study_add (study, "reunion", "Place de la Réunion", t, hour % 24 == 12 ? 12 : 5, 120);
    }
  /* The latest count. */
  vigie_week_study_add (study, "musee", NULL, MONDAY + 7 * 86400 - 60, 23, 50);

  sites = vigie_wifi_study_rank (study);
  g_assert_cmpuint (sites->len, ==, 2);
  use = &g_array_index (sites, VigieSiteUse, 0);
  g_assert_cmpstr (use->place->id, ==, "musee");
  g_assert_cmpuint (use->hours_near_capacity, ==, 3);
  g_assert_cmpint (use->busiest_hour, ==, 5 * 24 + 15);
  g_assert_cmpfloat (use->place->peak, ==, 47);

  museum = vigie_wifi_study_sentence (study, use);
  g_assert_cmpstr (museum, ==, "Musée de l’Impression sur Étoffes\u202f: 23 connectés, pic 47 samedi 15 h\u202f; "
                               "proche de la saturation 3 h par semaine");
  square = vigie_wifi_study_sentence (study, &g_array_index (sites, VigieSiteUse, 1));
  g_assert_cmpstr (square, ==, "Place de la Réunion\u202f: 5 connectés, pic 12 lundi 12 h");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "fr", TRUE);
  vigie_test_bind_catalogue ();

  g_test_init (&argc, &argv, NULL);

  paris = g_time_zone_new_identifier ("Europe/Paris");
  g_assert_nonnull (paris);

  g_test_add_func ("/studies/parking-rank", test_parking_rank);
  g_test_add_func ("/studies/parking-sentences", test_parking_sentences_french);
  g_test_add_func ("/studies/parking-csv", test_parking_csv);
  g_test_add_func ("/studies/wifi", test_wifi);

  return g_test_run ();
}
