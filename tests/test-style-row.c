/* test-style-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "vigie-style.h"
#include "vigie-style-row.h"
#include "vigie-test-support.h"

/* A row of a layer's list in words: the state as the legend names it,
 * the main value short ("3 bikes / 12 docks", "78 %", "+4 min", "23
 * clients"), and what each sorts by; in English and in French. */

typedef struct
{
  VigieFeedKind    feed;
  VigieEntityKind  kind;
  const char      *values;
  const char      *state;
  int              rank;
  const char      *value;
  double           sort_value;
  const char      *state_fr;
  const char      *value_fr;
} Case;

static const Case cases[] = {
  { VIGIE_FEED_KIND_BIKES, VIGIE_ENTITY_STATION,
    "{'vehicles_available': <int64 3>, 'docks_available': <int64 9>, 'capacity': <int64 12>}",
    "Available", VIGIE_STATION_NORMAL, "3 bikes / 12 docks", 3, "Disponible", "3 vélos / 12 places" },
  { VIGIE_FEED_KIND_BIKES, VIGIE_ENTITY_STATION,
    "{'vehicles_available': <int64 0>, 'docks_available': <int64 12>}",
    "Empty", VIGIE_STATION_EMPTY, "0 bikes / 12 docks", 0, "Vide", "0 vélo / 12 places" },
  { VIGIE_FEED_KIND_CAR_SHARE, VIGIE_ENTITY_STATION,
    "{'vehicles_available': <int64 1>}",
    "Nearly empty", VIGIE_STATION_NEARLY_EMPTY, "1 car", 1, "Presque vide", "1 voiture" },
  { VIGIE_FEED_KIND_BIKES, VIGIE_ENTITY_STATION, "{'capacity': <int64 10>}",
    "Status unknown", VIGIE_STATION_UNKNOWN, "", VIGIE_STYLE_ROW_NO_VALUE, NULL, "" },
  { VIGIE_FEED_KIND_PARKING, VIGIE_ENTITY_CAR_PARK,
    "{'total_spots': <int64 200>, 'occupied_spots': <int64 156>}",
    "Busy", VIGIE_LOAD_BUSY, "78 %", 0.78, NULL, "78\u202f%" },
  { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE, "{'delay_s': <int64 250>}",
    "Late by more than 3 min", VIGIE_TRAM_DELAY_VERY_LATE, "+4 min", 250, NULL, "+4\u00a0min" },
  { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE, "{'delay_s': <int64 -75>}",
    "Early by 1 min or more", VIGIE_TRAM_DELAY_EARLY, "−1 min", -75, NULL, "−1\u00a0min" },
  { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE, "{'delay_s': <int64 20>}",
    "On time", VIGIE_TRAM_DELAY_ON_TIME, "+0 min", 20, "À l’heure", "+0\u00a0min" },
  { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE, "{'ghost': <true>, 'delay_s': <int64 0>}",
    "Scheduled, no real-time position (missing?)", VIGIE_TRAM_DELAY_VERY_LATE + 1, "", VIGIE_STYLE_ROW_NO_VALUE, NULL, "" },
  { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_VEHICLE, "{'route_id': <'1'>}",
    "Delay unknown", VIGIE_TRAM_DELAY_UNKNOWN, "", VIGIE_STYLE_ROW_NO_VALUE, "Retard inconnu", "" },
  { VIGIE_FEED_KIND_WIFI, VIGIE_ENTITY_HOTSPOT, "{'clients': <int64 23>, 'capacity': <int64 200>}",
    "Normal", VIGIE_LOAD_NORMAL, "23 clients", 23, NULL, "23 clients" },
  { VIGIE_FEED_KIND_PARKING, VIGIE_ENTITY_ZONE, "{'total_spots': <int64 40>, 'occupied_spots': <int64 40>}",
    "Full", VIGIE_LOAD_FULL, "100 %", 1.0, "Complet", "100\u202f%" },
  { VIGIE_FEED_KIND_TRAMS, VIGIE_ENTITY_STOP, "{'name': <'Gare'>}",
    "Stop", 100, "", VIGIE_STYLE_ROW_NO_VALUE, "Arrêt", "" },
};

static VigieEntity *
make_entity (const Case *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) values = g_variant_parse (G_VARIANT_TYPE_VARDICT, c->values, NULL, NULL, &error);

  g_assert_no_error (error);
  return vigie_entity_new (c->kind, "e", "Entity", 47.75, 7.34, 1700000000, values);
}

static void
use_language (const char *language)
{
  /* gettext reads LANGUAGE again once the locale is set again. */
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
}

static void
test_row_words (void)
{
  use_language ("en");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VigieEntity) entity = make_entity (&cases[i]);
      g_autofree char *value = NULL;
      double sort_value;
      int rank;

      const char *state = vigie_style_row_state (cases[i].feed, entity, NULL, &rank);

      value = vigie_style_row_value (cases[i].feed, entity, &sort_value);
      g_test_message ("case %u: %s, %s", i, state, value);
      if (cases[i].state != NULL)
        {
          g_assert_cmpstr (state, ==, cases[i].state);
          g_assert_cmpint (rank, ==, cases[i].rank);
        }
      g_assert_cmpstr (value, ==, cases[i].value);
      g_assert_cmpfloat_with_epsilon (sort_value, cases[i].sort_value, 1e-9);
    }
}

static void
test_row_words_french (void)
{
  use_language ("fr");
  if (g_strcmp0 (_("Delay unknown"), "Retard inconnu") != 0)
    g_error ("the French catalogue is not found under G_TEST_BUILDDIR/../po");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VigieEntity) entity = make_entity (&cases[i]);
      g_autofree char *value = NULL;

      if (cases[i].value_fr == NULL)
        continue;
      value = vigie_style_row_value (cases[i].feed, entity, NULL);
      g_assert_cmpstr (value, ==, cases[i].value_fr);
      if (cases[i].state_fr != NULL)
        g_assert_cmpstr (vigie_style_row_state (cases[i].feed, entity, NULL, NULL), ==, cases[i].state_fr);
    }
  use_language ("en");
}

/* The bike legend's words: docks in English, places in French; the car
 * legend keeps its places in both. */
static char *
legend_text (VigieFeedKind kind)
{
  g_autoptr(GPtrArray) items = vigie_style_legend (kind, NULL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < items->len; i++)
    {
      VigieLegendItem *item = g_ptr_array_index (items, i);

      g_string_append_printf (text, "%s\n", item->description);
    }
  return g_string_free (text, FALSE);
}

static void
test_legend_words (void)
{
  g_autofree char *bikes = NULL;
  g_autofree char *cars = NULL;

  use_language ("en");
  bikes = legend_text (VIGIE_FEED_KIND_BIKES);
  cars = legend_text (VIGIE_FEED_KIND_CAR_SHARE);
  g_test_message ("%s%s", bikes, cars);
  g_assert_null (strstr (bikes, "place"));
  g_assert_nonnull (strstr (bikes, "free docks or fewer"));
  g_assert_nonnull (strstr (bikes, "no dock to return a bike"));
  g_assert_nonnull (strstr (cars, "free places or fewer"));
}

static void
test_legend_words_french (void)
{
  g_autofree char *bikes = NULL;

  use_language ("fr");
  bikes = legend_text (VIGIE_FEED_KIND_BIKES);
  g_test_message ("%s", bikes);
  g_assert_nonnull (strstr (bikes, "places libres ou moins"));
  g_assert_nonnull (strstr (bikes, "aucune place pour rendre un vélo"));
  g_assert_nonnull (strstr (bikes, "rapportés aux places"));
  g_assert_null (strstr (bikes, "dock"));
  use_language ("en");
}

int
main (int   argc,
      char *argv[])
{
  vigie_test_bind_catalogue ();

  g_test_init (&argc, &argv, NULL);

  /* French first: GLib decides on its first g_dngettext() whether to
   * translate at all, and keeps to it. */
  g_test_add_func ("/style-row/words-french", test_row_words_french);
  g_test_add_func ("/style-row/legend-words-french", test_legend_words_french);
  g_test_add_func ("/style-row/words", test_row_words);
  g_test_add_func ("/style-row/legend-words", test_legend_words);

  return g_test_run ();
}
