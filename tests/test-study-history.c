/* test-study-history.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>

#include "vigie-centre.h"
#include "vigie-figures.h"
#include "vigie-history-steps.h"
#include "vigie-history-study.h"
#include "vigie-typical-day.h"
#include "vigie-test-history.h"
#include "vigie-test-support.h"

/* The city's studies read from a known history: the parking zones ranked
 * with their sentences, the Wi-Fi sites with their peak, from raw runs
 * and from the five-minute aggregates once the runs are pruned; the
 * typical day of the same weekday as a median; the centre the profile
 * names and the meeting's "Parking in the centre" figure. */

#define NOW 1796635800   /* Monday 2026-12-07 10:10 UTC */
#define DAY 86400

typedef VigieTestHistoryDb Fixture;

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
}

static void
record (Fixture    *fixture,
        const char *feed_id,
        gint64      time,
        const char *entity,
        const char *field,
        double      value)
{
  g_autoptr(VigieHistoryBatch) batch = vigie_history_batch_new (feed_id, time);
  g_autoptr(GError) error = NULL;

  vigie_history_batch_add (batch, entity, field, value);
  g_assert_true (vigie_history_db_write (fixture->db, batch, &error));
  g_assert_no_error (error);
}

static VigieEntity *
make_entity (VigieEntityKind  kind,
             const char      *id,
             const char      *name,
             double           latitude,
             double           longitude,
             const char      *values)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) dict = g_variant_parse (G_VARIANT_TYPE_VARDICT, values, NULL, NULL, &error);

  g_assert_no_error (error);
  return vigie_entity_new (kind, id, name, latitude, longitude, NOW, dict);
}

/* A week of the hour-of-week @hour (0 Monday 0 h) at @time. */
static guint
hour_of_week (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);

  return (g_date_time_get_day_of_week (utc) - 1) * 24 + g_date_time_get_hour (utc);
}

/* The week before NOW, hour by hour: "Rue du Sauvage" full on Saturday
 * from 12 to 18 h, half full otherwise; "Fonderie" nearly empty; a car
 * park the feed no longer lists at 60 %. The museum's Wi-Fi has 10
 * clients, 41 on Saturday at 15 h, 23 at the end, for a capacity of 50. */
static void
write_week (Fixture *fixture)
{
  for (gint64 t = NOW - NOW % 3600 - 7 * DAY - 3600; t < NOW; t += 3600)
    {
      guint hour = hour_of_week (t);
      gboolean saturday_afternoon = hour >= 5 * 24 + 12 && hour < 5 * 24 + 18;

      record (fixture, "parking", t, "zone/sauvage", "occupancy", saturday_afternoon ? 0.95 : 0.5);
      record (fixture, "parking", t, "zone/fonderie", "occupancy", 0.1);
      record (fixture, "parking", t, "car-park/gare", "occupancy", 0.6);
      record (fixture, "parking", t, "zone/sauvage", "total_spots", 40);
      record (fixture, "wifi", t, "hotspot/musee", "clients",
             hour == 5 * 24 + 15 ? 41 : t + 3600 >= NOW ? 23 : 10);
    }
}

static GPtrArray *
make_subjects (void)
{
  GPtrArray *subjects = g_ptr_array_new_with_free_func ((GDestroyNotify) vigie_study_subject_free);
  g_autoptr(VigieEntity) sauvage = make_entity (VIGIE_ENTITY_ZONE, "sauvage", "Rue du Sauvage", 47.7475, 7.3390,
                                                "{'total_spots': <int64 40>}");
  g_autoptr(VigieEntity) fonderie = make_entity (VIGIE_ENTITY_ZONE, "fonderie", "Quartier Fonderie", 47.739, 7.3325,
                                                 "{'total_spots': <int64 20>}");
  g_autoptr(VigieEntity) musee = make_entity (VIGIE_ENTITY_HOTSPOT, "musee", "Musée de l'Impression sur Étoffes",
                                              47.7445, 7.3395, "{'capacity': <int64 50>}");

  g_ptr_array_add (subjects, vigie_study_subject_new ("parking", sauvage));
  g_ptr_array_add (subjects, vigie_study_subject_new ("parking", fonderie));
  g_ptr_array_add (subjects, vigie_study_subject_new ("wifi", musee));

  return subjects;
}

static void
test_steps_fill_run (void)
{
  double values[4] = { NAN, NAN, NAN, NAN };

  /* Steps of 100 s from 1000: middles at 1050, 1150, 1250, 1350. */
  vigie_history_steps_fill_run (values, 4, 1000, 100, 1100, 1251, 7);
  g_assert_true (isnan (values[0]));
  g_assert_cmpfloat (values[1], ==, 7);
  g_assert_cmpfloat (values[2], ==, 7);
  g_assert_true (isnan (values[3]));

  /* Still holding: to the end. */
  vigie_history_steps_fill_run (values, 4, 1000, 100, 1300, 0, 9);
  g_assert_cmpfloat (values[3], ==, 9);
  /* Wholly before or after: nothing. */
  vigie_history_steps_fill_run (values, 4, 1000, 100, 0, 1000, 1);
  vigie_history_steps_fill_run (values, 4, 1000, 100, 1400, 0, 1);
  g_assert_true (isnan (values[0]));
  g_assert_cmpfloat (values[3], ==, 9);
}

static void
check_parking (VigieStudyResult *result)
{
  const VigieZoneUse *first, *underused;
  g_autofree char *sentence = NULL;
  g_autofree char *never = NULL;
  g_autofree char *low = NULL;

  g_assert_nonnull (result);
  g_assert_cmpuint (result->ranked->len, ==, 3);
  first = &g_array_index (result->ranked, VigieZoneUse, 0);
  g_assert_cmpstr (first->place->id, ==, "zone/sauvage");
  g_assert_cmpstr (first->place->name, ==, "Rue du Sauvage");
  g_assert_cmpuint (first->hours_known, ==, VIGIE_WEEK_HOURS);
  g_assert_cmpuint (first->hours_saturated, ==, 6);
  g_assert_cmpfloat (first->place->capacity, ==, 40);
  sentence = vigie_parking_study_sentence (first, FALSE);
  g_assert_cmpstr (sentence, ==, "Rue du Sauvage: saturated 6 h a week, mostly on Saturday afternoons");

  /* The car park the feed no longer lists keeps its id as its name. */
  never = vigie_parking_study_sentence (&g_array_index (result->ranked, VigieZoneUse, 1), FALSE);
  g_assert_cmpstr (never, ==, "gare: never saturated");

  underused = &g_array_index (result->underused, VigieZoneUse, 0);
  g_assert_cmpstr (underused->place->id, ==, "zone/fonderie");
  g_assert_cmpuint (underused->hours_underused, ==, VIGIE_WEEK_HOURS);
  low = vigie_parking_study_sentence (underused, TRUE);
  g_assert_cmpstr (low, ==, "Quartier Fonderie: under-used 168 h a week, mostly on Mondays");

  /* Shapes come from the feed: only the places it lists now. */
  g_assert_nonnull (g_hash_table_lookup (result->subjects, "zone/sauvage"));
  g_assert_null (g_hash_table_lookup (result->subjects, "car-park/gare"));
}

/* What @kind reads of @feed_id over the @days before NOW, in UTC, for the
 * city's three places. */
static VigieStudyResult *
read_study (Fixture        *fixture,
            VigieStudyKind  kind,
            const char     *feed_id,
            gint64          days)
{
  g_autoptr(GPtrArray) subjects = make_subjects ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  const char *feeds[] = { feed_id, NULL };
  VigieStudyResult *result;

  result = vigie_study_read (fixture->db, kind, feeds, subjects, utc, NOW - days * DAY, NOW, &error);
  g_assert_no_error (error);
  return result;
}

static void
test_study_parking (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(VigieStudyResult) result = NULL;
  g_autofree char *csv = NULL;

  use_language ("C");
  write_week (fixture);

  result = read_study (fixture, VIGIE_STUDY_PARKING, "parking", 7);
  check_parking (result);
  g_assert_cmpuint (result->n_weeks, ==, 1);

  /* Only places of the study: no Wi-Fi, no total_spots series. */
  csv = vigie_study_result_to_csv (result);
  g_assert_true (g_str_has_prefix (csv, "id,name,weekday,hour,occupancy,samples\r\n"));
  g_assert_nonnull (strstr (csv, "zone/sauvage,Rue du Sauvage,6,15,0.950,4\r\n"));
  g_assert_null (strstr (csv, "hotspot"));
}

/* Four weeks asked of a history whose raw runs were pruned after a day:
 * the five-minute aggregates give the same week. */
static void
test_study_aggregates (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(VigieStudyResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VigieHistoryLimits limits = { 1, 400, G_MAXUINT64 };

  use_language ("C");
  write_week (fixture);
  g_assert_true (vigie_history_db_aggregate (fixture->db, NOW, &error));
  g_assert_no_error (error);
  g_assert_true (vigie_history_db_prune (fixture->db, NOW, &limits, &error));
  g_assert_no_error (error);

  result = read_study (fixture, VIGIE_STUDY_PARKING, "parking", 28);
  check_parking (result);
  g_assert_cmpuint (result->n_weeks, ==, 4);
}

static void
test_study_wifi (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(VigieStudyResult) result = NULL;
  g_autofree char *sentence = NULL;
  const VigieSiteUse *use;

  use_language ("C");
  write_week (fixture);

  result = read_study (fixture, VIGIE_STUDY_WIFI, "wifi", 7);
  g_assert_null (result->underused);
  g_assert_cmpuint (result->ranked->len, ==, 1);
  use = &g_array_index (result->ranked, VigieSiteUse, 0);
  g_assert_cmpuint (use->hours_near_capacity, ==, 1);
  g_assert_cmpint (use->busiest_hour, ==, 5 * 24 + 15);
  sentence = vigie_wifi_study_sentence (result->study, use);
  g_assert_cmpstr (sentence, ==,
                   "Musée de l'Impression sur Étoffes: 23 connected, peak 41 on Saturday at 15:00; near capacity 1 h a week");

  /* French, as the councillors read it. */
  use_language ("fr");
  g_clear_pointer (&sentence, g_free);
  sentence = vigie_wifi_study_sentence (result->study, use);
  g_assert_true (g_str_has_prefix (sentence, "Musée de l'Impression sur Étoffes\u202f: 23 connectés, pic 41 samedi"));
  use_language ("C");
}

/* An empty file: nothing, not an error. */
static void
test_study_empty (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) subjects = make_subjects ();
  g_autoptr(VigieStudyResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *feeds[] = { "parking", "nothing", NULL };

  result = vigie_study_read (fixture->db, VIGIE_STUDY_PARKING, feeds, subjects, NULL, NOW - 7 * DAY, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->ranked->len, ==, 0);
  g_assert_cmpuint (result->underused->len, ==, 0);
}

static void
test_typical_median (void)
{
  const double a[] = { 1, NAN, 5, NAN };
  const double b[] = { 3, 2, NAN, NAN };
  const double c[] = { 2, 4, 7, NAN };
  const double *days[] = { a, b, c };
  double median[4];

  vigie_typical_day_median (days, 3, 4, median);
  g_assert_cmpfloat (median[0], ==, 2);
  g_assert_cmpfloat (median[1], ==, 3);
  g_assert_cmpfloat (median[2], ==, 6);
  g_assert_true (isnan (median[3]));

  vigie_typical_day_median (NULL, 0, 4, median);
  g_assert_true (isnan (median[0]));
}

static void
test_typical_combine (void)
{
  g_autoptr(GHashTable) a = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) b = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  double out[2];

  /* Trams: six trips of seven known at the first point, three on time;
   * at the second, two known: too few to say (one on time would read
   * 50 %, the next point 0 or 100 %), unknown. */
  g_hash_table_insert (a, (char *) "trams\037trip/1", g_memdup2 ((double[]) { 0, 0 }, 2 * sizeof (double)));
  g_hash_table_insert (a, (char *) "trams\037trip/2", g_memdup2 ((double[]) { 400, 400 }, 2 * sizeof (double)));
  g_hash_table_insert (a, (char *) "trams\037trip/3", g_memdup2 ((double[]) { NAN, NAN }, 2 * sizeof (double)));
  g_hash_table_insert (a, (char *) "trams\037trip/4", g_memdup2 ((double[]) { -30, NAN }, 2 * sizeof (double)));
  g_hash_table_insert (a, (char *) "trams\037trip/5", g_memdup2 ((double[]) { 120, NAN }, 2 * sizeof (double)));
  g_hash_table_insert (a, (char *) "trams\037trip/6", g_memdup2 ((double[]) { -200, NAN }, 2 * sizeof (double)));
  g_hash_table_insert (a, (char *) "trams\037trip/7", g_memdup2 ((double[]) { 900, NAN }, 2 * sizeof (double)));
  g_hash_table_insert (a, (char *) "trams\037line/1", g_memdup2 ((double[]) { 5, 5 }, 2 * sizeof (double)));
  g_assert_true (vigie_typical_day_combine (VIGIE_MEASURE_TRAMS_ON_TIME, a, NULL, 2, out));
  g_assert_cmpfloat (out[0], ==, 50);
  g_assert_true (isnan (out[1]));
  g_hash_table_remove_all (a);

  /* Car parks: occupancy weighted by spaces; zones left out. */
  g_hash_table_insert (a, (char *) "car-park/1", g_memdup2 ((double[]) { 0.5, 0.5 }, 2 * sizeof (double)));
  g_hash_table_insert (a, (char *) "car-park/2", g_memdup2 ((double[]) { 1.0, NAN }, 2 * sizeof (double)));
  g_hash_table_insert (a, (char *) "zone/3", g_memdup2 ((double[]) { 0, 0 }, 2 * sizeof (double)));
  g_hash_table_insert (b, (char *) "car-park/1", g_memdup2 ((double[]) { 100, 100 }, 2 * sizeof (double)));
  g_hash_table_insert (b, (char *) "car-park/2", g_memdup2 ((double[]) { 300, 300 }, 2 * sizeof (double)));
  g_hash_table_insert (b, (char *) "zone/3", g_memdup2 ((double[]) { 10, 10 }, 2 * sizeof (double)));
  g_assert_true (vigie_typical_day_combine (VIGIE_MEASURE_PARKING, a, b, 2, out));
  g_assert_cmpfloat (out[0], ==, 87.5);
  g_assert_cmpfloat (out[1], ==, 50);
  g_hash_table_remove_all (a);

  /* Bikes: the sum over the stations. */
  g_hash_table_insert (a, (char *) "station/1", g_memdup2 ((double[]) { 4, NAN }, 2 * sizeof (double)));
  g_hash_table_insert (a, (char *) "station/2", g_memdup2 ((double[]) { 6, NAN }, 2 * sizeof (double)));
  g_assert_true (vigie_typical_day_combine (VIGIE_MEASURE_BIKES, a, NULL, 2, out));
  g_assert_cmpfloat (out[0], ==, 10);
  g_assert_true (isnan (out[1]));
  g_assert_false (vigie_typical_day_combine (VIGIE_MEASURE_WIFI, a, NULL, 2, out));
}

/* Three past Mondays with 30, 20 and 10 bikes: a typical Monday of 20,
 * from 3 weeks; nothing of the Wi-Fi. */
static void
test_typical_read (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(VigieTypicalDay) day = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  gint64 today = NOW - NOW % DAY;
  char *bikes[] = { (char *) "velocite", NULL };
  char *wifi[] = { (char *) "wifi", NULL };
  VigieTypicalDayFeeds feeds = { NULL, bikes, NULL, wifi };
  g_autofree char *label = NULL;

  record (fixture, "velocite", today - 21 * DAY, "station/1", "vehicles_available", 30);
  record (fixture, "velocite", today - 14 * DAY, "station/1", "vehicles_available", 20);
  record (fixture, "velocite", today - 7 * DAY, "station/1", "vehicles_available", 10);
  record (fixture, "velocite", today - 6 * DAY, "station/1", "vehicles_available", 99);

  day = vigie_typical_day_read (fixture->db, &feeds, utc, today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day->n_weeks[VIGIE_MEASURE_BIKES], ==, 3);
  g_assert_cmpfloat (day->values[VIGIE_MEASURE_BIKES][0], ==, 20);
  g_assert_cmpfloat (day->values[VIGIE_MEASURE_BIKES][VIGIE_DAY_SERIES_N_POINTS - 1], ==, 20);
  g_assert_cmpuint (day->n_weeks[VIGIE_MEASURE_WIFI], ==, 0);
  g_assert_true (isnan (day->values[VIGIE_MEASURE_WIFI][100]));
  g_assert_cmpuint (day->n_weeks[VIGIE_MEASURE_TRAMS_ON_TIME], ==, 0);

  use_language ("fr");
  label = vigie_typical_day_label (3);
  g_assert_cmpstr (label, ==, "jour type (3 semaines)");
  g_clear_pointer (&label, g_free);
  label = vigie_typical_day_label (1);
  g_assert_cmpstr (label, ==, "jour type (1 semaine)");
  use_language ("C");
}

static VigieCentre *
centre_from (const char  *text,
             GError     **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();

  g_assert_true (g_key_file_load_from_data (keyfile, text, -1, G_KEY_FILE_NONE, NULL));
  return vigie_centre_new_from_key_file (keyfile, error);
}

static void
test_centre_profile (void)
{
  g_autoptr(VigieCentre) circle = NULL;
  g_autoptr(VigieCentre) polygon = NULL;
  g_autoptr(GError) error = NULL;
  VigieCentre *none;

  /* The demo's: the place de la Réunion and the Porte Jeune's car parks
   * in, the station's out. */
  circle = centre_from ("[Centre]\nLatitude=47.7480\nLongitude=7.3394\nRadius=450\n", &error);
  g_assert_no_error (error);
  g_assert_true (vigie_centre_contains (circle, 47.7463, 7.3372));
  g_assert_true (vigie_centre_contains (circle, 47.7493, 7.3418));
  g_assert_false (vigie_centre_contains (circle, 47.7423, 7.3412));

  polygon = centre_from ("[Centre]\nPolygon=47.751,7.334; 47.751,7.344;47.744,7.344;47.744,7.334\n", &error);
  g_assert_no_error (error);
  g_assert_true (vigie_centre_contains (polygon, 47.7463, 7.3372));
  g_assert_false (vigie_centre_contains (polygon, 47.7423, 7.3412));
  g_assert_false (vigie_centre_contains (polygon, 47.7463, 7.3300));

  /* No group: no centre, no error. */
  none = centre_from ("[Profile]\nName=X\n", &error);
  g_assert_no_error (error);
  g_assert_null (none);

  /* Groups that cannot be used say why. */
  none = centre_from ("[Centre]\nPolygon=47.751,7.334;north\n", &error);
  g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE);
  g_assert_null (none);
  g_clear_error (&error);
  none = centre_from ("[Centre]\nPolygon=47.751,7.334;47.7,7.3\n", &error);
  g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  none = centre_from ("[Centre]\nLatitude=47.7480\nLongitude=7.3394\nRadius=-3\n", &error);
  g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE);
  g_clear_error (&error);
  none = centre_from ("[Centre]\nLatitude=147\nLongitude=7.3394\n", &error);
  g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE);
  g_assert_null (none);
}

static void
test_centre_figures (void)
{
  g_autoptr(VigieCentre) centre = vigie_centre_new_circle (47.7480, 7.3394, 450);
  g_autoptr(VigieSnapshot) snapshot = vigie_snapshot_new ();
  g_autoptr(GPtrArray) sentences = NULL;
  g_autoptr(GPtrArray) without = NULL;
  VigieFigures by_kind[VIGIE_N_FEED_KINDS] = { 0, };
  VigieFigures plain;
  g_autofree char *text = NULL;
  gboolean found = FALSE;

  use_language ("C");
  /* In: a car park 80 of 100 and a zone 10 of 20; out: the station's car
   * park, full. */
  vigie_snapshot_add_entity (snapshot, make_entity (VIGIE_ENTITY_CAR_PARK, "reunion", "Réunion", 47.7463, 7.3372,
                                                    "{'total_spots': <int64 100>, 'occupied_spots': <int64 80>}"));
  vigie_snapshot_add_entity (snapshot, make_entity (VIGIE_ENTITY_ZONE, "republique", "République", 47.7455, 7.3400,
                                                    "{'total_spots': <int64 20>, 'occupied_spots': <int64 10>}"));
  vigie_snapshot_add_entity (snapshot, make_entity (VIGIE_ENTITY_CAR_PARK, "gare", "Gare", 47.7423, 7.3412,
                                                    "{'total_spots': <int64 400>, 'occupied_spots': <int64 400>}"));

  vigie_figures_compute_in (&by_kind[VIGIE_FEED_KIND_PARKING], snapshot, NOW, centre);
  g_assert_cmpuint (by_kind[VIGIE_FEED_KIND_PARKING].n_centre, ==, 2);
  g_assert_cmpint (by_kind[VIGIE_FEED_KIND_PARKING].centre_spots, ==, 120);
  g_assert_cmpint (by_kind[VIGIE_FEED_KIND_PARKING].centre_occupied, ==, 90);
  g_assert_cmpint (by_kind[VIGIE_FEED_KIND_PARKING].car_park_spots, ==, 500);

  sentences = vigie_figures_describe (by_kind, NULL);
  for (guint i = 0; i < sentences->len; i++)
    {
      VigieFigureSentence *sentence = g_ptr_array_index (sentences, i);

      if (g_str_equal (sentence->id, "centre"))
        {
          g_assert_false (found);
          found = TRUE;
          g_assert_cmpstr (sentence->figure, ==, "75%");
          text = vigie_figure_sentence_to_string (sentence);
          g_assert_cmpstr (text, ==, "Parking in the centre: 75% occupied");
          /* In the car parks' place: first here, before the streets'. */
          g_assert_cmpuint (i, ==, 0);
        }
    }
  g_assert_true (found);
  for (guint i = 0; i < sentences->len; i++)
    g_assert_cmpstr (((VigieFigureSentence *) g_ptr_array_index (sentences, i))->id, !=, "car-parks");

  use_language ("fr");
  {
    g_autoptr(GPtrArray) french = vigie_figures_describe (by_kind, NULL);
    gboolean said = FALSE;

    for (guint i = 0; i < french->len; i++)
      {
        g_autofree char *whole = vigie_figure_sentence_to_string (g_ptr_array_index (french, i));

        said |= g_str_equal (whole, "Parkings du centre\u202f: 75\u202f% occupés");
      }
    g_assert_true (said);
  }
  use_language ("C");

  /* Without a centre, no such sentence. */
  vigie_figures_compute (&plain, snapshot, NOW);
  g_assert_cmpuint (plain.n_centre, ==, 0);
  memset (by_kind, 0, sizeof by_kind);
  by_kind[VIGIE_FEED_KIND_PARKING] = plain;
  without = vigie_figures_describe (by_kind, NULL);
  g_assert_cmpuint (without->len, ==, 2);
  g_assert_cmpstr (((VigieFigureSentence *) g_ptr_array_index (without, 0))->id, ==, "car-parks");
  g_assert_cmpstr (((VigieFigureSentence *) g_ptr_array_index (without, 1))->id, ==, "zones");
}

int
main (int   argc,
      char *argv[])
{
  vigie_test_bind_catalogue ();
  /* GLib decides once, at its first translation, whether to translate
   * at all: in French, so that the tests may switch to it. */
  use_language ("fr");
  (void) g_dgettext (GETTEXT_PACKAGE, "Monday");
  use_language ("C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/study-history/steps", test_steps_fill_run);
  g_test_add ("/study-history/parking", Fixture, NULL, vigie_test_history_db_setup, test_study_parking, vigie_test_history_db_teardown);
  g_test_add ("/study-history/aggregates", Fixture, NULL, vigie_test_history_db_setup, test_study_aggregates, vigie_test_history_db_teardown);
  g_test_add ("/study-history/wifi", Fixture, NULL, vigie_test_history_db_setup, test_study_wifi, vigie_test_history_db_teardown);
  g_test_add ("/study-history/empty", Fixture, NULL, vigie_test_history_db_setup, test_study_empty, vigie_test_history_db_teardown);
  g_test_add_func ("/study-history/typical-median", test_typical_median);
  g_test_add_func ("/study-history/typical-combine", test_typical_combine);
  g_test_add ("/study-history/typical-read", Fixture, NULL, vigie_test_history_db_setup, test_typical_read, vigie_test_history_db_teardown);
  g_test_add_func ("/study-history/centre-profile", test_centre_profile);
  g_test_add_func ("/study-history/centre-figures", test_centre_figures);

  return g_test_run ();
}
