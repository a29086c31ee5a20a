/* test-study-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "vigie-charts-strip.h"
#include "vigie-clock.h"
#include "vigie-day-chart.h"
#include "vigie-feed.h"
#include "vigie-format.h"
#include "vigie-heat-map.h"
#include "vigie-history-demo.h"
#include "vigie-store.h"
#include "vigie-study-map.h"
#include "vigie-study-window.h"
#include "vigie-typical-day.h"
#include "vigie-test-ui.h"

/* The studies' windows on the demo city's past, as the app gives it on
 * its first start (history/vigie-history-demo.c, hour by hour here to be
 * quick): each zone's or site's week as a heat map of 7 × 24 cells with
 * values, the sentences, the map, the exports; and the meeting's charts
 * with a typical day of the same weekday beside today. */

/* Monday 2026-12-07 15:30 UTC (tests run in UTC). */
#define NOW G_GINT64_CONSTANT (1796657400)

typedef struct
{
  char             *folder;
  char             *path;
  VigieHistory     *history;
  VigieContext     *context;
  VigieSimulator   *simulator;
} Fixture;

/* The feed as the app shows it now: names and shapes for the study. */
static void
show_feed (Fixture    *fixture,
           const char *feed_id,
           const char *name,
           VigieFeedKind kind,
           const char *format_id,
           const char *path,
           GHashTable *query)
{
  g_autoptr(VigieFeed) feed = vigie_feed_new (feed_id, name, kind, format_id, "http://127.0.0.1:9/");
  const VigieFormat *format = vigie_format_lookup (format_id);
  VigieParseContext context = { .now = NOW };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(VigieSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  const char *content_type = NULL;
  guint status = 0;

  bytes = vigie_simulator_render (fixture->simulator, path, query, &content_type, &status);
  g_assert_cmpuint (status, ==, 200);
  snapshot = format->parse (VIGIE_ROLE_MAIN, bytes, &context, &error);
  g_assert_no_error (error);
  if (format->combine != NULL)
    {
      g_autoptr(GHashTable) documents = g_hash_table_new (g_str_hash, g_str_equal);
      VigieSnapshot *combined;

      g_hash_table_insert (documents, (char *) VIGIE_ROLE_MAIN, snapshot);
      combined = format->combine (documents, &context);
      g_assert_nonnull (combined);
      g_clear_pointer (&snapshot, vigie_snapshot_unref);
      snapshot = combined;
    }
  vigie_store_apply (vigie_feed_get_store (feed), snapshot, NOW);
  vigie_feed_manager_add (vigie_context_get_feed_manager (fixture->context), feed);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) parking = g_hash_table_new (g_str_hash, g_str_equal);
  VigieHistoryDb *db;
  gint64 started = g_get_monotonic_time ();

  vigie_clock_set_time (NOW);
  fixture->folder = g_dir_make_tmp ("vigie-study-window-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->folder, "history.sqlite", NULL);

  /* The demo's week, an instant an hour. */
  db = vigie_history_db_open (fixture->path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (vigie_history_demo_fill_db (db, 1, 1, NOW - 7 * 86400, NOW, 3600, NULL, NULL, &error));
  g_assert_no_error (error);
  vigie_history_db_close (db);
  g_test_message ("The demo's week, hour by hour, in %.1f s", (g_get_monotonic_time () - started) / 1e6);

  fixture->history = vigie_history_new (fixture->path);
  fixture->context = vigie_context_new (NULL, FALSE);
  vigie_context_set_history (fixture->context, fixture->history);
  fixture->simulator = vigie_simulator_new (1);
  vigie_simulator_set_time (fixture->simulator, NOW);

  g_hash_table_insert (parking, (char *) "type", (char *) "OnStreetParking,OffStreetParking");
  g_hash_table_insert (parking, (char *) "options", (char *) "keyValues");
  g_hash_table_insert (parking, (char *) "limit", (char *) "1000");
  show_feed (fixture, "parking", "Stationnement", VIGIE_FEED_KIND_PARKING, "ngsi-ld", "/ngsi-ld/v1/entities", parking);
  show_feed (fixture, "wifi", "Wi-Fi public", VIGIE_FEED_KIND_WIFI, "wifi-geojson", "/wifi/hotspots.geojson", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->simulator);
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->history);
  dir = g_dir_open (fixture->folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->folder, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->folder);
  g_free (fixture->path);
  g_free (fixture->folder);
  vigie_clock_set_time (0);
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_heat_map (GtkWidget     *widget,
             gconstpointer  data)
{
  return VIGIE_IS_HEAT_MAP (widget);
}

/* The report as a councillor gets it: a page pdftotext reads the
 * study's title and first sentence from. */
static void
assert_report_says (GBytes     *pdf,
                    const char *title,
                    const char *sentence)
{
  g_autofree char *dir = g_dir_make_tmp ("vigie-study-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "study.pdf", NULL);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf, NULL), "%PDF"));
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error));
  g_test_message ("the study's report: %s", path);
  if (pdftotext == NULL)
    {
      /* CI installs it: there the check cannot vanish. */
      g_assert_cmpstr (g_getenv ("CI"), !=, "true");
      g_test_message ("pdftotext is not installed: the PDF is not read");
      return;
    }
  {
    const char *argv[] = { pdftotext, "-layout", path, "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &text, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, &error));
  }
  g_assert_nonnull (strstr (text, title));
  /* Words wrapped on lines and spread by the layout: looked for one by one. */
  {
    g_auto(GStrv) words = g_strsplit (sentence, " ", -1);

    for (guint i = 0; words[i] != NULL; i++)
      g_assert_nonnull (strstr (text, words[i]));
  }
}

static VigieStudyWindow *
open_study (Fixture        *fixture,
            VigieStudyKind  kind)
{
  gint64 started = g_get_monotonic_time ();
  VigieStudyWindow *window = VIGIE_STUDY_WINDOW (vigie_study_window_new (NULL, fixture->context, kind));

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (vigie_study_window_get_loading (window));
  VIGIE_TEST_WAIT_UNTIL (!vigie_study_window_get_loading (window));
  g_test_message ("the study read and shown in %.0f ms", (g_get_monotonic_time () - started) / 1e3);
  vigie_test_spin (100);

  return window;
}

/* Every row's heat map has 7 × 24 cells, all with a value (a week of
 * past), and the row's sentence is on screen. Returns the sentences. */
static GPtrArray *
check_rows (VigieStudyWindow *window)
{
  g_autoptr(GPtrArray) heat_maps = vigie_test_collect_widgets (GTK_WIDGET (window), is_heat_map, NULL);
  GPtrArray *sentences = vigie_study_window_dup_sentences (window);

  g_assert_cmpuint (sentences->len, >, 0);
  g_assert_cmpuint (heat_maps->len, ==, sentences->len);
  for (guint i = 0; i < heat_maps->len; i++)
    {
      g_assert_cmpuint (vigie_heat_map_get_n_cells (g_ptr_array_index (heat_maps, i)), ==, 7 * 24);
      g_assert_cmpuint (vigie_heat_map_get_n_known (g_ptr_array_index (heat_maps, i)), ==, 7 * 24);
      g_assert_nonnull (vigie_test_find_label (GTK_WIDGET (window), g_ptr_array_index (sentences, i),
                                               VIGIE_TEST_LABEL_WHOLE));
    }

  return sentences;
}

static void
test_parking_study (Fixture       *fixture,
                    gconstpointer  data)
{
  VigieStudyWindow *window = open_study (fixture, VIGIE_STUDY_PARKING);
  g_autoptr(GPtrArray) sentences = check_rows (window);
  g_autoptr(GPtrArray) underused = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  VigieStudyResult *result = vigie_study_window_get_result (window);
  const VigieZoneUse *first;
  const VigieWeekPlace *place;
  double low = INFINITY, high = -INFINITY;
  guint n_saturated = 0;

  /* The 12 meter zones and 3 car parks of the demo, by their names. */
  g_assert_cmpuint (sentences->len, ==, 15);
  first = &g_array_index (result->ranked, VigieZoneUse, 0);
  place = first->place;
  g_assert_nonnull (place->name);
  g_assert_false (g_str_has_prefix (place->name, "urn:"));
  g_assert_cmpuint (first->hours_saturated, >, 0);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (sentences, 0), place->name));
  g_assert_nonnull (strstr (g_ptr_array_index (sentences, 0), ": saturated "));
  g_assert_nonnull (strstr (g_ptr_array_index (sentences, 0), " h a week, mostly on "));
  for (guint i = 0; i < sentences->len; i++)
    n_saturated += strstr (g_ptr_array_index (sentences, i), "never saturated") == NULL;
  g_assert_cmpuint (n_saturated, >, 0);

  /* The demo's streets fill by day and empty at night: the week has
   * its ups and downs. */
  for (guint hour = 0; hour < VIGIE_WEEK_HOURS; hour++)
    {
      double mean;

      g_assert_true (vigie_week_place_mean (place, hour, &mean));
      low = MIN (low, mean);
      high = MAX (high, mean);
    }
  g_assert_cmpfloat (high - low, >, 0.3);

  /* Every place the feed lists is on the map, its hours written on it. */
  g_assert_cmpuint (vigie_study_map_get_n_items (VIGIE_STUDY_MAP (vigie_test_find_descendant (GTK_WIDGET (window),
                                                                                              VIGIE_TYPE_STUDY_MAP))),
                    ==, 15);

  /* Ranked by hours under-used: the same places, in other words, no
   * reading again. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (vigie_test_find_widget (GTK_WIDGET (window), is_button_labelled,
                                                                           "Hours under-used (30 % or less)")),
                                TRUE);
  g_assert_false (vigie_study_window_get_loading (window));
  vigie_test_spin (50);
  underused = check_rows (window);
  g_assert_cmpuint (underused->len, ==, 15);
  for (guint i = 0; i < underused->len; i++)
    g_assert_true (strstr (g_ptr_array_index (underused, i), ": under-used ") != NULL ||
                   strstr (g_ptr_array_index (underused, i), ": never under-used") != NULL);
  g_assert_cmpuint (g_array_index (result->underused, VigieZoneUse, 0).hours_underused, >, 0);

  csv = vigie_study_result_to_csv (result);
  g_assert_true (g_str_has_prefix (csv, "id,name,weekday,hour,occupancy,samples\r\n"));
  g_assert_cmpuint (strlen (csv), >, 15 * 168 * 20);

  pdf = vigie_study_window_render_report (window, VIGIE_REPORT_PDF, &error);
  g_assert_no_error (error);
  assert_report_says (pdf, "Parking-Meter Placement", g_ptr_array_index (underused, 0));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_wifi_study (Fixture       *fixture,
                 gconstpointer  data)
{
  VigieStudyWindow *window = open_study (fixture, VIGIE_STUDY_WIFI);
  g_autoptr(GPtrArray) sentences = check_rows (window);

  /* The demo's 12 places, each with its peak. */
  g_assert_cmpuint (sentences->len, ==, 12);
  for (guint i = 0; i < sentences->len; i++)
    {
      g_assert_false (g_str_has_prefix (g_ptr_array_index (sentences, i), "hotspot"));
      g_assert_nonnull (strstr (g_ptr_array_index (sentences, i), " connected, peak "));
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_typical (gpointer data)
{
  return vigie_day_chart_get_typical (data, NULL) != NULL;
}

/* Today against a typical day of the same weekday: the demo's past has
 * one Monday before this one. */
static void
test_typical_day_chart (Fixture       *fixture,
                        gconstpointer  data)
{
  VigieFeedManager *manager = vigie_context_get_feed_manager (fixture->context);
  g_autoptr(VigieCityFigures) figures = vigie_city_figures_new (manager);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *strip = vigie_charts_strip_new (figures);
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();
  g_autoptr(VigieFeed) trams = vigie_feed_new ("trams", "Trams", VIGIE_FEED_KIND_TRAMS, "gtfs", "http://127.0.0.1:9/");
  g_autoptr(VigieFeed) bikes = vigie_feed_new ("velocite", "VéloCité", VIGIE_FEED_KIND_BIKES, "gbfs",
                                               "http://127.0.0.1:9/");

  vigie_feed_manager_add (manager, trams);
  vigie_feed_manager_add (manager, bikes);
  vigie_charts_strip_set_history (VIGIE_CHARTS_STRIP (strip), fixture->history, manager);
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 300);
  vigie_test_present (GTK_WINDOW (window), strip, strip);

  for (GtkWidget *chart = vigie_test_find_descendant (strip, VIGIE_TYPE_DAY_CHART); chart != NULL;
       chart = gtk_widget_get_next_sibling (chart))
    g_ptr_array_add (charts, chart);
  g_assert_cmpuint (charts->len, ==, VIGIE_N_MEASURES);
  g_assert_true (vigie_test_spin_until (has_typical, g_ptr_array_index (charts, VIGIE_MEASURE_PARKING), 20));

  for (guint i = 0; i < charts->len; i++)
    {
      VigieDayChart *chart = g_ptr_array_index (charts, i);
      VigieMeasure measure = vigie_day_chart_get_measure (chart);
      guint n_weeks = 0, n_known = 0;
      const double *typical;

      typical = vigie_day_chart_get_typical (chart, &n_weeks);
      g_assert_nonnull (typical);
      g_assert_cmpuint (n_weeks, ==, 1);
      for (guint p = 0; p < VIGIE_DAY_SERIES_N_POINTS; p++)
        n_known += !isnan (typical[p]);
      /* Trams run only by day, the others all day long: all from last
       * Monday, from 15:30 on (the demo's week starts then). */
      if (measure == VIGIE_MEASURE_TRAMS_ON_TIME)
        {
          g_assert_cmpuint (n_known, >=, VIGIE_TYPICAL_DAY_MIN_POINTS);
          continue;
        }
      g_assert_cmpuint (n_known, >=, (24 * 3600 - (15 * 3600 + 1800)) / VIGIE_DAY_SERIES_STEP_S);
      if (vigie_measure_is_percentage (measure))
        g_assert_cmpfloat (typical[VIGIE_DAY_SERIES_N_POINTS - 1], <=, 100);
      g_assert_cmpfloat (typical[VIGIE_DAY_SERIES_N_POINTS - 1], >, 0);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!vigie_test_init_gtk (&argc, &argv, "study window"))
    return 77;
  adw_init ();

  g_test_add ("/study-window/parking", Fixture, NULL, fixture_setup, test_parking_study, fixture_teardown);
  g_test_add ("/study-window/wifi", Fixture, NULL, fixture_setup, test_wifi_study, fixture_teardown);
  g_test_add ("/study-window/typical-day", Fixture, NULL, fixture_setup, test_typical_day_chart, fixture_teardown);

  return g_test_run ();
}
