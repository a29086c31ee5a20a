/* test-history-return.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "vigie-history-return.h"
#include "vigie-test-history.h"
#include "vigie-test-support.h"

/* When a car comes back to an empty car-share station: the operator's
 * own word where the feed has GBFS 3.1's vehicle_availability, else the
 * median wait at this hour over the past weeks, from a real history
 * file's five-minute aggregates, said as an estimate with its weeks, and
 * nothing on too little history. */

/* 2026-12-07 08:30 UTC (tests run in UTC), on a five-minute boundary. */
#define NOW G_GINT64_CONSTANT (1796632200)
#define WEEK (7 * 24 * 3600)

static void
use_language (const char *language)
{
  /* gettext reads LANGUAGE again once the locale is set again. */
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
}

static VigieEntity *
station (const char *availability)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strdup_printf ("{'vehicles_available': <int64 0>%s%s}",
                                           availability != NULL ? ", 'vehicle_availability': " : "",
                                           availability != NULL ? availability : "");
  GVariant *values = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, &error);
  VigieEntity *entity;

  g_assert_no_error (error);
  entity = vigie_entity_new (VIGIE_ENTITY_STATION, "s1", "Gare", 47.74, 7.34, NOW, values);
  g_variant_unref (values);

  return entity;
}

/* vehicle_availability.json, as the GBFS reader puts it on the station. */
static void
test_published (void)
{
  g_autofree char *list = g_strdup_printf ("<[{'vehicle_id': <'c1'>, 'available_now': <false>, 'from': <int64 %" G_GINT64_FORMAT ">},"
                                           " {'vehicle_id': <'c2'>, 'available_now': <false>, 'from': <int64 %" G_GINT64_FORMAT ">}]>",
                                           NOW + 90 * 60, NOW + 40 * 60);
  g_autoptr(VigieEntity) with = station (list);
  g_autoptr(VigieEntity) none_coming = station ("<@aa{sv} []>");
  g_autoptr(VigieEntity) without = station (NULL);
  VigieHistoryReturn result;
  g_autofree char *words = NULL;

  g_assert_true (vigie_history_return_wanted (with));
  g_assert_true (vigie_history_return_published (with, NOW, &result));
  g_assert_cmpint (result.kind, ==, VIGIE_HISTORY_RETURN_PUBLISHED);
  g_assert_cmpint (result.at, ==, NOW + 40 * 60);
  use_language ("C");
  words = vigie_history_return_describe (&result);
  g_assert_cmpstr (words, ==, "Next car available at 09:10");
  g_clear_pointer (&words, g_free);
  use_language ("fr");
  words = vigie_history_return_describe (&result);
  g_assert_cmpstr (words, ==, "Prochaine voiture disponible à 09:10");

  /* Published, but no car announced: no guess against the operator. */
  g_assert_true (vigie_history_return_published (none_coming, NOW, &result));
  g_assert_cmpint (result.kind, ==, VIGIE_HISTORY_RETURN_NONE);

  /* Not published: the history is asked. */
  g_assert_false (vigie_history_return_published (without, NOW, &result));
  g_assert_cmpint (result.kind, ==, VIGIE_HISTORY_RETURN_NONE);
}

/* The pure estimator on runs: the median of the weeks that say. */
static void
test_estimate_runs (void)
{
  /* Empty at this hour each week; a car back after 35, 40 and 55 min;
   * the fourth week ago not recorded. */
  const VigieHistoryRun runs[] = {
    { NOW - 3 * WEEK - 3600, NOW - 3 * WEEK + 55 * 60, 0, 0 },
    { NOW - 3 * WEEK + 55 * 60, NOW - 2 * WEEK - 600, 2, 0 },
    { NOW - 2 * WEEK - 600, NOW - 2 * WEEK + 35 * 60, 0, 0 },
    { NOW - 2 * WEEK + 35 * 60, NOW - WEEK - 7200, 1, 0 },
    { NOW - WEEK - 7200, NOW - WEEK + 40 * 60, 0, 0 },
    { NOW - WEEK + 40 * 60, 0, 3, 0 },
  };
  VigieHistoryReturn result;
  g_autofree char *words = NULL;

  g_assert_true (vigie_history_return_estimate (runs, G_N_ELEMENTS (runs), NOW, &result));
  g_assert_cmpint (result.kind, ==, VIGIE_HISTORY_RETURN_ESTIMATED);
  g_assert_cmpint (result.wait_s, ==, 40 * 60);
  g_assert_cmpuint (result.n_weeks, ==, 3);
  use_language ("C");
  words = vigie_history_return_describe (&result);
  g_assert_cmpstr (words, ==, "Estimate: a car usually comes back within 40 min (3 weeks)");
  g_clear_pointer (&words, g_free);
  use_language ("fr");
  words = vigie_history_return_describe (&result);
  g_assert_cmpstr (words, ==, "Estimation\u202f: une voiture revient en général sous 40 min (3 semaines)");
  use_language ("C");

  /* One week only: too little to say anything. */
  g_assert_false (vigie_history_return_estimate (runs + 4, 2, NOW, &result));
  g_assert_cmpint (result.kind, ==, VIGIE_HISTORY_RETURN_NONE);
  g_assert_null (vigie_history_return_describe (&result));

  /* No car ever came back within hours: nothing promised. */
  {
    const VigieHistoryRun never[] = { { NOW - 4 * WEEK, 0, 0, 0 } };

    g_assert_false (vigie_history_return_estimate (never, 1, NOW, &result));
  }
}

static void
write_value (VigieHistoryDb *db,
             gint64          time,
             gint64          value)
{
  g_autoptr(VigieHistoryBatch) batch = vigie_history_batch_new ("citiz", time);
  g_autoptr(GError) error = NULL;

  vigie_history_batch_add (batch, "station/s1", "vehicles_available", value);
  g_assert_true (vigie_history_db_write (db, batch, &error));
  g_assert_no_error (error);
}

/* From a history file: the aggregates of two weeks, read back as runs. */
static void
test_estimate_db (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *folder = vigie_test_history_folder_new ("vigie-return-XXXXXX", &path);
  g_autoptr(GArray) runs = NULL;
  VigieHistoryDb *db = vigie_history_db_open (path, FALSE, &error);
  VigieHistoryReturn result;

  g_assert_no_error (error);
  for (int w = 3; w >= 1; w--)
    {
      gint64 t = NOW - w * WEEK;

      if (w == 3)
        continue;   /* the third week ago was never recorded */
      write_value (db, t - 3600, 0);
      write_value (db, t + (w == 2 ? 20 : 50) * 60 + 120, 1);
      write_value (db, t + 3 * 3600, 0);
    }
  write_value (db, NOW - 600, 0);
  g_assert_true (vigie_history_db_aggregate (db, NOW, &error));
  g_assert_no_error (error);

  runs = vigie_history_return_read_runs (db, "citiz", "station/s1", NOW, &error);
  g_assert_no_error (error);
  g_assert_true (vigie_history_return_estimate ((VigieHistoryRun *) runs->data, runs->len, NOW, &result));
  /* Back at 08:52 and 08:22, in the buckets of 08:50 and 08:20: 50
   * and 20 min, 35 min in the middle. */
  g_assert_cmpint (result.wait_s, ==, 35 * 60);
  g_assert_cmpuint (result.n_weeks, ==, 2);

  /* Another station, never recorded: nothing. */
  g_clear_pointer (&runs, g_array_unref);
  runs = vigie_history_return_read_runs (db, "citiz", "station/s2", NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 0);
  g_assert_false (vigie_history_return_estimate ((VigieHistoryRun *) runs->data, runs->len, NOW, &result));

  vigie_history_db_close (db);
  vigie_test_history_remove (folder, path);
}

int
main (int   argc,
      char *argv[])
{
  vigie_test_bind_catalogue ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/return/published", test_published);
  g_test_add_func ("/history/return/estimate", test_estimate_runs);
  g_test_add_func ("/history/return/from-history", test_estimate_db);

  return g_test_run ();
}
